/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "pipeline/pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "pipeline/render.h"

void
crier_pipeline_opts_init(crier_pipeline_opts *opts)
{
    *opts = (crier_pipeline_opts){
        .limits = crier_limits_default(),
        .voices_dir = NULL,
        .lang = NULL,
        .norm = crier_normalize_opts_default(),
        .speech = { .voice = NULL, .rate_wpm = 0 },
        .device = NULL,
        .cancel = NULL,
    };
}

crier_status
crier_article_load(const char *path, const crier_limits *lim, crier_article **ret_art)
{
    crier_document *doc = NULL;
    crier_status st = crier_input_read(path, lim, &doc);
    if (st != CRIER_OK)
        return st;
    st = crier_extract(doc, lim, ret_art);
    crier_document_free(doc);
    return st;
}

/* True when the language tag's primary language is the two or three letters of
 * pack ("en-GB" is "en"). */
static bool
same_language(const char *tag, const char *pack)
{
    size_t n = 0;
    if (tag == NULL)
        return true; /* an unknown language is taken to be the pack's */
    for (; pack[n] != '\0'; n++)
        if (crier_ascii_lower((unsigned char)tag[n]) != (unsigned char)pack[n])
            return false;
    return tag[n] == '\0' || tag[n] == '-' || tag[n] == '_';
}

/* The pack that reads a page: --lang, else the page's own language when
 * voices/ has a pack for it, else English. */
static crier_status
load_pack(const crier_pipeline_opts *opts, const crier_article *art, crier_lang **ret_lang)
{
    if (opts->lang == NULL && art != NULL && art->lang != NULL &&
        crier_lang_load(opts->voices_dir, art->lang, ret_lang) == CRIER_OK)
        return CRIER_OK;
    return crier_lang_load(opts->voices_dir, opts->lang ? opts->lang : "en", ret_lang);
}

/* How one article is read: the voice of its language when none was chosen, and
 * plain (no rules of the pack's language) when it is in another language that
 * eSpeak NG speaks and no pack was chosen. pack: the loaded pack's language. */
static void
article_reading(const crier_pipeline_opts *opts, const crier_article *art, const char *pack,
                crier_normalize_opts *ret_norm, crier_speech_opts *ret_speech)
{
    *ret_norm = opts->norm;
    *ret_speech = opts->speech;
    if (ret_speech->lang == NULL)
        ret_speech->lang = art->lang;
    if (opts->lang == NULL && !same_language(art->lang, pack) && crier_speech_has_lang(art->lang))
        ret_norm->plain = true;
}

crier_status
crier_article_script(const crier_article *art, const crier_pipeline_opts *opts,
                     crier_script **ret_script, crier_failure *ret_failure)
{
    crier_lang *lang = NULL;
    crier_normalize_opts norm;
    crier_speech_opts speech;
    crier_status st = load_pack(opts, art, &lang);

    crier_failure_set(ret_failure, st == CRIER_OK ? CRIER_WHERE_NONE : CRIER_WHERE_LANG, 0);
    if (st != CRIER_OK)
        return st;
    article_reading(opts, art, crier_lang_code(lang), &norm, &speech);
    st = crier_normalize(lang, art, &norm, ret_script);
    if (st != CRIER_OK)
        crier_failure_set(ret_failure, CRIER_WHERE_INPUT, 0);
    crier_lang_free(lang);
    return st;
}

/* A failed speak is the sink's fault unless eSpeak NG reported it. */
static crier_where
speak_failure(crier_status st, crier_where sink_where)
{
    if (st == CRIER_E_CANCELLED)
        return CRIER_WHERE_NONE;
    return st == CRIER_E_SPEECH || st == CRIER_E_VOICE ? CRIER_WHERE_SPEECH : sink_where;
}

crier_status
crier_script_to_text(const crier_script *script, crier_buf *out)
{
    crier_status st = CRIER_OK;
    for (size_t b = 0; b < script->n_blocks && st == CRIER_OK; b++) {
        const crier_script_block *blk = &script->blocks[b];
        if (b > 0)
            st = crier_buf_putc(out, '\n');
        for (size_t s = 0; s < blk->n_sentences && st == CRIER_OK; s++) {
            if (s > 0)
                st = crier_buf_putc(out, ' ');
            if (st == CRIER_OK)
                st = crier_buf_puts(out, blk->sentences[s].spoken);
        }
        if (st == CRIER_OK)
            st = crier_buf_putc(out, '\n');
    }
    return st;
}

struct crier_renderer {
    const crier_pipeline_opts *opts;
    crier_lang *lang;
    crier_speech *speech;
    crier_buf preset;   /* path of the preset speech speaks with, if any */
    bool on_preset;     /* speech has the default preset (no --voice) */
};

crier_status
crier_renderer_new(const crier_pipeline_opts *opts, crier_renderer **ret_renderer,
                   crier_failure *ret_failure)
{
    crier_renderer *r = calloc(1, sizeof *r);
    crier_status st;

    crier_failure_set(ret_failure, CRIER_WHERE_NONE, 0);
    if (r == NULL)
        return CRIER_E_NOMEM;
    r->opts = opts;
    crier_buf_init(&r->preset, 8192);
    st = crier_lang_load(opts->voices_dir, opts->lang ? opts->lang : "en", &r->lang);
    if (st != CRIER_OK) {
        crier_failure_set(ret_failure, CRIER_WHERE_LANG, 0);
        goto out;
    }
    /* Pages are not known yet: start as for English (crier_renderer_run
     * changes the voice per page). */
    crier_speech_opts sopts;
    r->on_preset = crier_speech_opts_for(opts, NULL, &r->preset, &sopts);
    st = crier_speech_new(&sopts, &r->speech);
    if (st != CRIER_OK)
        crier_failure_set(ret_failure, CRIER_WHERE_SPEECH, 0);
out:
    if (st == CRIER_OK)
        *ret_renderer = r;
    else
        crier_renderer_free(r);
    return st;
}

/* Turns speech events into transcript cues and chapters, as they come. */
typedef struct sidecar_writer {
    const crier_article *art;
    const crier_script *script;
    crier_vtt *vtt;
    crier_chapters *chapters;
    bool any_chapter;
    crier_status st; /* first failure: events cannot return one */
} sidecar_writer;

/* The chapter a sentence starts, or NULL: the title at the start, then one
 * per heading. */
static const char *
chapter_title(const sidecar_writer *w, const crier_script_block *blk, size_t sentence)
{
    if (!w->any_chapter)
        return w->art->title ? w->art->title : "Start";
    if (sentence != 0 || blk->kind != CRIER_SCRIPT_BLOCK || blk->type != CRIER_BLOCK_HEADING ||
        blk->article_block >= w->art->n_blocks)
        return NULL;
    return w->art->blocks[blk->article_block].text;
}

static void
on_speech_event(void *user, const crier_speech_event *ev)
{
    sidecar_writer *w = user;
    if (ev->type != CRIER_SPEECH_SENTENCE || w->st != CRIER_OK ||
        ev->block >= w->script->n_blocks)
        return;
    const crier_script_block *blk = &w->script->blocks[ev->block];
    if (ev->sentence >= blk->n_sentences)
        return;
    const char *text = blk->sentences[ev->sentence].written;
    if (w->vtt != NULL && text != NULL)
        w->st = crier_vtt_add(w->vtt, ev->frame, ev->end_frame, text);
    const char *title = w->chapters != NULL ? chapter_title(w, blk, ev->sentence) : NULL;
    if (w->st == CRIER_OK && title != NULL) {
        w->st = crier_chapters_add(w->chapters, w->any_chapter ? ev->frame : 0, title);
        w->any_chapter = true;
    }
}

static crier_status
sidecars_open(sidecar_writer *w, const crier_sidecars *sc, int rate)
{
    crier_status st = CRIER_OK;
    if (sc != NULL && sc->transcript != NULL)
        st = crier_vtt_open(sc->transcript, rate, &w->vtt);
    if (st == CRIER_OK && sc != NULL && sc->chapters != NULL)
        st = crier_chapters_open(sc->chapters, rate, &w->chapters);
    return st;
}

static crier_status
sidecars_finish(sidecar_writer *w)
{
    crier_status st = w->st;
    if (st == CRIER_OK && w->vtt != NULL)
        st = crier_vtt_finish(w->vtt);
    if (st == CRIER_OK && w->chapters != NULL)
        st = crier_chapters_finish(w->chapters);
    return st;
}

crier_status
crier_renderer_run(crier_renderer *r, const crier_article *art, const char *output,
                   crier_format format, const crier_file_opts *file_opts,
                   const crier_sidecars *sidecars, size_t *ret_frames, crier_failure *ret_failure)
{
    crier_script *script = NULL;
    crier_sink *sink = NULL;
    sidecar_writer side = { .art = art };
    int rate = crier_speech_sample_rate(r->speech);
    crier_status st;

    crier_normalize_opts norm;
    crier_speech_opts speech;

    crier_failure_set(ret_failure, CRIER_WHERE_NONE, 0);
    article_reading(r->opts, art, crier_lang_code(r->lang), &norm, &speech);
    if (speech.voice == NULL && r->opts->speech.lang == NULL &&
        crier_default_voice(r->opts->voices_dir, art->lang, &r->preset) == CRIER_OK) {
        if (!r->on_preset &&
            (st = crier_speech_set_voice(r->speech, crier_buf_str(&r->preset), NULL)) != CRIER_OK) {
            crier_failure_set(ret_failure, CRIER_WHERE_SPEECH, 0);
            goto out;
        }
        r->on_preset = true;
    } else if (speech.voice == NULL) {
        if ((st = crier_speech_set_voice(r->speech, NULL, speech.lang)) != CRIER_OK) {
            crier_failure_set(ret_failure, CRIER_WHERE_SPEECH, 0);
            goto out;
        }
        r->on_preset = false;
    }
    st = crier_normalize(r->lang, art, &norm, &script);
    if (st != CRIER_OK) {
        crier_failure_set(ret_failure, CRIER_WHERE_INPUT, 0);
        goto out;
    }
    side.script = script;
    crier_tags tags = {
        .title = art->title,
        .artist = art->byline,
        .album = art->site,
        .date = art->date,
        .comment = art->url,
    };
    st = crier_sink_file_open_opts(output, format, rate, &tags, file_opts, &sink);
    if (st == CRIER_OK)
        st = sidecars_open(&side, sidecars, rate);
    if (st != CRIER_OK) {
        crier_failure_set(ret_failure, CRIER_WHERE_OUTPUT, 0);
        goto out;
    }
    if (side.vtt != NULL || side.chapters != NULL)
        crier_speech_set_events(r->speech, on_speech_event, &side);
    st = crier_speech_say(r->speech, script, sink);
    crier_speech_set_events(r->speech, NULL, NULL);
    if (st != CRIER_OK) {
        crier_failure_set(ret_failure, speak_failure(st, CRIER_WHERE_OUTPUT), 0);
        goto out;
    }
    /* The audio last: a sidecar that fails leaves no audio file either. */
    if ((st = sidecars_finish(&side)) != CRIER_OK || (st = crier_sink_finish(sink)) != CRIER_OK) {
        crier_failure_set(ret_failure, CRIER_WHERE_OUTPUT, 0);
        goto out;
    }
    if (ret_frames != NULL)
        *ret_frames = crier_sink_frames(sink);
out:
    crier_sink_free(sink); /* removes the partial file unless finished */
    crier_vtt_free(side.vtt);
    crier_chapters_free(side.chapters);
    crier_script_free(script);
    return st;
}

int
crier_renderer_rate(const crier_renderer *r)
{
    return crier_speech_sample_rate(r->speech);
}

void
crier_renderer_free(crier_renderer *r)
{
    if (r == NULL)
        return;
    crier_speech_free(r->speech);
    crier_lang_free(r->lang);
    crier_buf_free(&r->preset);
    free(r);
}
