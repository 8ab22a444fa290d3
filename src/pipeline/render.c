/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "pipeline/render.h"

#include <errno.h>
#include <math.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
crier_render_opts_init(crier_render_opts *ropts)
{
    *ropts = (crier_render_opts){
        .format = CRIER_FORMAT_COUNT,
        .file = crier_file_opts_default(),
        .transcript = NULL,
        .chapters = NULL,
    };
}

/* The chime: 400 ms of silence, a 660 Hz tone then an 880 Hz tone (a rising
 * major sixth, soft: a quarter of full scale) with 20 ms raised-cosine fades so
 * that neither clicks, then 600 ms of silence before the next article. */
/* The longest cue text held (a sentence over it fails the transcript). */
#define CRIER_SIDECAR_TEXT_MAX ((size_t)1 << 20)

#define CHIME_LEAD_MS 400
#define CHIME_TAIL_MS 600
#define CHIME_AMPLITUDE 8000.0

static const struct chime_tone {
    double hz;
    int ms;
} chime_tones[] = {
    { 660.0, 180 },
    { 880.0, 260 },
};

static crier_status
write_tone(crier_sink *sink, double hz, int ms)
{
    short chunk[1024];
    int rate = crier_sink_rate(sink);
    size_t n = (size_t)rate * (size_t)ms / 1000, fade = (size_t)rate * 20 / 1000, done = 0;
    const double pi = 3.14159265358979323846;
    crier_status st = CRIER_OK;

    while (done < n && st == CRIER_OK) {
        size_t k = 0;
        for (; k < sizeof chunk / sizeof chunk[0] && done + k < n; k++) {
            size_t i = done + k, edge = i < n - i ? i : n - 1 - i;
            double gain = edge >= fade ? 1.0 : 0.5 - 0.5 * cos(pi * (double)edge / (double)fade);
            chunk[k] = (short)(CHIME_AMPLITUDE * gain * sin(2.0 * pi * hz * (double)i / rate));
        }
        st = crier_sink_write(sink, chunk, k);
        done += k;
    }
    return st;
}

crier_status
crier_render_chime(crier_sink *sink)
{
    size_t rate = (size_t)crier_sink_rate(sink);
    crier_status st = crier_sink_write_silence(sink, rate * CHIME_LEAD_MS / 1000);
    for (size_t i = 0; i < sizeof chime_tones / sizeof chime_tones[0] && st == CRIER_OK; i++)
        st = write_tone(sink, chime_tones[i].hz, chime_tones[i].ms);
    if (st == CRIER_OK)
        st = crier_sink_write_silence(sink, rate * CHIME_TAIL_MS / 1000);
    return st;
}

crier_status
crier_voice_preset(const char *voices_dir, const char *name, crier_buf *out)
{
    struct stat sb;
    crier_status st;

    if (name == NULL || *name == '\0')
        return CRIER_E_VOICE;
    for (const char *p = name; *p != '\0'; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_'))
            return CRIER_E_VOICE;
    crier_buf_clear(out);
    st = crier_buf_puts(out, voices_dir != NULL ? voices_dir : crier_voices_dir());
    if (st == CRIER_OK)
        st = crier_buf_puts(out, "/presets/");
    if (st == CRIER_OK)
        st = crier_buf_puts(out, name);
    if (st != CRIER_OK)
        return st;
    return stat(crier_buf_str(out), &sb) == 0 && S_ISREG(sb.st_mode) ? CRIER_OK : CRIER_E_VOICE;
}

crier_status
crier_default_voice(const char *voices_dir, const char *lang, crier_buf *out)
{
    bool english = lang == NULL || *lang == '\0' ||
                   ((lang[0] == 'e' || lang[0] == 'E') && (lang[1] == 'n' || lang[1] == 'N') &&
                    (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_'));

    return english ? crier_voice_preset(voices_dir, CRIER_DEFAULT_PRESET, out) : CRIER_E_VOICE;
}

bool
crier_speech_opts_for(const crier_pipeline_opts *opts, const char *lang, crier_buf *storage,
                      crier_speech_opts *out)
{
    *out = opts->speech;
    if (out->voice != NULL && strchr(out->voice, '/') == NULL &&
        crier_voice_preset(opts->voices_dir, out->voice, storage) == CRIER_OK) {
        out->voice = crier_buf_str(storage);
        return false;
    }
    if (out->voice != NULL || out->lang != NULL)
        return false;
    if (crier_default_voice(opts->voices_dir, lang, storage) == CRIER_OK) {
        out->voice = crier_buf_str(storage);
        return true;
    }
    out->lang = lang;
    return false;
}

/* The loaded inputs: every article and its script, index for index. */
typedef struct episode {
    crier_article **arts;
    crier_script **scripts;
    size_t n;
} episode;

static void
episode_free(episode *e)
{
    for (size_t i = 0; i < e->n; i++) {
        crier_script_free(e->scripts[i]);
        crier_article_free(e->arts[i]);
    }
    free(e->scripts);
    free(e->arts);
}

static crier_status
episode_load(episode *e, const char *const *inputs, size_t n_inputs,
             const crier_pipeline_opts *opts, crier_failure *ret_failure)
{
    crier_status st;

    *e = (episode){ 0 };
    if (n_inputs == 0)
        return CRIER_E_ARG;
    e->arts = calloc(n_inputs, sizeof *e->arts);
    e->scripts = calloc(n_inputs, sizeof *e->scripts);
    if (e->arts == NULL || e->scripts == NULL)
        return CRIER_E_NOMEM;
    for (size_t i = 0; i < n_inputs; i++) {
        e->n = i + 1;
        st = crier_article_load(inputs[i], &opts->limits, &e->arts[i]);
        if (st != CRIER_OK) {
            crier_failure_set(ret_failure, CRIER_WHERE_INPUT, i);
            return st;
        }
        st = crier_article_script(e->arts[i], opts, &e->scripts[i], ret_failure);
        if (st != CRIER_OK) {
            if (ret_failure != NULL && ret_failure->where == CRIER_WHERE_INPUT)
                ret_failure->index = i;
            return st;
        }
    }
    return CRIER_OK;
}

/* Turns sentence events into cues and chapters. A cue is held until the next
 * one starts, so that the last can be stretched to the audio's end (the pause
 * after the last sentence is silence the reader still sees the sentence in). */
typedef struct sidecars {
    const crier_article *art;
    const crier_script *script;
    size_t offset; /* the article's first frame in the file (events count from
                    * the file's first frame already) */
    bool article_chaptered;
    crier_vtt *vtt;
    crier_chapters *chapters;
    crier_buf pending; /* the held cue's text */
    size_t pending_start, pending_end;
    bool has_pending;
    /* Where the next sentence's sound starts: the first audible frame written
     * after the last sentence (the pause after it is silence). A cue starts
     * there, not where the sentence's audio does: eSpeak NG opens some
     * sentences with a pause (~120 ms before an opening quotation mark). */
    bool seek_onset, has_onset;
    size_t onset_frame;
    crier_status st; /* first failure: events cannot return one */
} sidecars;

static crier_status
flush_cue(sidecars *w, size_t end_at_least)
{
    crier_status st = CRIER_OK;
    if (w->has_pending) {
        size_t end = w->pending_end > end_at_least ? w->pending_end : end_at_least;
        st = crier_vtt_add(w->vtt, w->pending_start, end, crier_buf_str(&w->pending));
    }
    w->has_pending = false;
    return st;
}

static const char *
heading_title(const sidecars *w, const crier_script_block *blk, size_t sentence)
{
    if (sentence != 0 || blk->kind != CRIER_SCRIPT_BLOCK || blk->type != CRIER_BLOCK_HEADING ||
        blk->article_block >= w->art->n_blocks)
        return NULL;
    return w->art->blocks[blk->article_block].text;
}

/* The level from which audio counts as sound: -40 dBFS. eSpeak NG's pauses
 * are digital silence. */
#define ONSET_LEVEL 328

static void
arm_onset(sidecars *w)
{
    w->seek_onset = true;
    w->has_onset = false;
}

/* pcm: n frames from frame `at` of the file, on their way to the sink. */
static void
find_onset(sidecars *w, const short *pcm, size_t n, size_t at)
{
    for (size_t i = 0; i < n; i++)
        if (pcm[i] > ONSET_LEVEL || pcm[i] < -ONSET_LEVEL) {
            w->onset_frame = at + i;
            w->has_onset = true;
            w->seek_onset = false;
            return;
        }
}

static void
on_event(void *user, const crier_speech_event *ev)
{
    sidecars *w = user;
    if (ev->type != CRIER_SPEECH_SENTENCE || w->st != CRIER_OK || ev->block >= w->script->n_blocks)
        return;
    const crier_script_block *blk = &w->script->blocks[ev->block];
    if (ev->sentence >= blk->n_sentences)
        return;
    bool onset = w->has_onset && w->onset_frame > ev->frame && w->onset_frame < ev->end_frame;
    size_t onset_frame = w->onset_frame;
    arm_onset(w); /* for the next sentence */
    const crier_sentence *s = &blk->sentences[ev->sentence];
    const char *text = s->written != NULL ? s->written : s->spoken;
    if (w->vtt != NULL && text != NULL && *text != '\0') {
        w->st = flush_cue(w, 0);
        crier_buf_clear(&w->pending);
        if (w->st == CRIER_OK)
            w->st = crier_buf_puts(&w->pending, text);
        w->pending_start = ev->frame;
        if (onset)
            w->pending_start = onset_frame;
        w->pending_end = ev->end_frame;
        w->has_pending = w->st == CRIER_OK;
    }
    if (w->chapters == NULL || w->st != CRIER_OK)
        return;
    if (!w->article_chaptered) {
        const char *title = w->art->title != NULL && *w->art->title != '\0' ? w->art->title : "Start";
        w->st = crier_chapters_add(w->chapters, w->offset, title);
        w->article_chaptered = true;
    } else if ((text = heading_title(w, blk, ev->sentence)) != NULL) {
        w->st = crier_chapters_add(w->chapters, ev->frame, text);
    }
}

/* Sits between eSpeak NG and the real sink: stops once *cancel is set. */
typedef struct guard {
    crier_sink *sink;
    const volatile sig_atomic_t *cancel;
    sidecars *w;   /* finds where sentences' sound starts */
    size_t frames; /* written so far */
} guard;

static crier_status
guard_write(void *user, const short *pcm, size_t n_frames)
{
    guard *g = user;
    if (g->cancel != NULL && *g->cancel)
        return CRIER_E_CANCELLED;
    if (g->w->seek_onset)
        find_onset(g->w, pcm, n_frames, g->frames);
    g->frames += n_frames;
    return crier_sink_write(g->sink, pcm, n_frames);
}

/* Everything goes through into, whose frame count the speech events use. */
static crier_status
speak_all(const episode *e, crier_speech *speech, crier_sink *into, sidecars *w)
{
    crier_status st = CRIER_OK;
    for (size_t i = 0; i < e->n && st == CRIER_OK; i++) {
        if (i > 0)
            st = crier_render_chime(into);
        if (st != CRIER_OK)
            break;
        arm_onset(w); /* after the chime, which is no speech */
        w->art = e->arts[i];
        w->script = e->scripts[i];
        w->offset = crier_sink_frames(into);
        w->article_chaptered = false;
        st = crier_speech_say(speech, e->scripts[i], into);
        if (st == CRIER_OK)
            st = w->st;
    }
    return st;
}

static bool
streams(crier_format format)
{
    return format == CRIER_FORMAT_OGG || format == CRIER_FORMAT_MP3 || format == CRIER_FORMAT_OPUS;
}

static crier_where
speak_failure(crier_status st)
{
    if (st == CRIER_E_CANCELLED)
        return CRIER_WHERE_NONE;
    return st == CRIER_E_SPEECH || st == CRIER_E_VOICE ? CRIER_WHERE_SPEECH : CRIER_WHERE_OUTPUT;
}

crier_status
crier_render_episode(const char *const *inputs, size_t n_inputs, const char *output,
                     const crier_pipeline_opts *opts, const crier_render_opts *ropts,
                     crier_failure *ret_failure, int *ret_os_errno)
{
    episode e = { 0 };
    crier_speech *speech = NULL;
    crier_sink *sink = NULL, *guarded = NULL;
    sidecars w = { 0 };
    int open_errno = 0; /* why the audio file could not be opened */
    crier_format format = ropts->format;
    bool to_stdout = strcmp(output, "-") == 0;
    crier_status st = CRIER_OK;

    crier_buf preset;

    crier_buf_init(&w.pending, CRIER_SIDECAR_TEXT_MAX);
    crier_buf_init(&preset, 8192);
    crier_failure_set(ret_failure, CRIER_WHERE_NONE, 0);
    if (format == CRIER_FORMAT_COUNT)
        st = to_stdout ? CRIER_E_FORMAT : crier_format_from_path(output, &format);
    if (st == CRIER_OK && to_stdout && !streams(format))
        st = CRIER_E_FORMAT;
    if (st != CRIER_OK) {
        crier_failure_set(ret_failure, CRIER_WHERE_OUTPUT, 0);
        goto out;
    }
    if ((st = episode_load(&e, inputs, n_inputs, opts, ret_failure)) != CRIER_OK)
        goto out;
    crier_speech_opts sopts;
    (void)crier_speech_opts_for(opts, e.arts[0]->lang, &preset, &sopts);
    if ((st = crier_speech_new(&sopts, &speech)) != CRIER_OK) {
        crier_failure_set(ret_failure, CRIER_WHERE_SPEECH, 0);
        goto out;
    }
    int rate = crier_speech_sample_rate(speech);
    const crier_article *first = e.arts[0];
    crier_tags tags = {
        .title = first->title,
        .artist = first->byline,
        .album = first->site,
        .date = first->date,
        .comment = first->url,
        .language = first->lang,
    };
    errno = 0;
    st = crier_sink_file_open_opts(output, format, rate, &tags, &ropts->file, &sink);
    open_errno = st == CRIER_OK ? 0 : errno;
    if (st == CRIER_OK && ropts->transcript != NULL)
        st = crier_vtt_open(ropts->transcript, rate, &w.vtt);
    if (st == CRIER_OK && ropts->chapters != NULL)
        st = crier_chapters_open(ropts->chapters, rate, &w.chapters);
    if (st != CRIER_OK) {
        crier_failure_set(ret_failure, CRIER_WHERE_OUTPUT, 0);
        goto out;
    }
    guard g = { sink, opts->cancel, &w, 0 };
    if ((st = crier_sink_callback_open(rate, guard_write, &g, &guarded)) != CRIER_OK)
        goto out;
    crier_speech_set_events(speech, on_event, &w);
    st = speak_all(&e, speech, guarded, &w);
    crier_speech_set_events(speech, NULL, NULL);
    if (st == CRIER_OK && opts->cancel != NULL && *opts->cancel)
        st = CRIER_E_CANCELLED;
    if (st == CRIER_OK && w.vtt != NULL)
        st = flush_cue(&w, crier_sink_frames(sink));
    if (st != CRIER_OK) {
        crier_failure_set(ret_failure, speak_failure(st), 0);
        goto out;
    }
    /* The audio first: a sidecar is renamed into place only beside a complete
     * file, and a sidecar that fails then takes the audio with it. */
    if ((st = crier_sink_finish(sink)) == CRIER_OK) {
        bool vtt_done = false;
        if (w.vtt != NULL)
            vtt_done = (st = crier_vtt_finish(w.vtt)) == CRIER_OK;
        if (st == CRIER_OK && w.chapters != NULL)
            st = crier_chapters_finish(w.chapters);
        if (st != CRIER_OK) {
            if (!to_stdout)
                (void)unlink(output);
            if (vtt_done)
                (void)unlink(ropts->transcript); /* in place before chapters failed */
        }
    }
    if (st != CRIER_OK)
        crier_failure_set(ret_failure, CRIER_WHERE_OUTPUT, 0);
out:
    if (ret_os_errno != NULL)
        *ret_os_errno = st != CRIER_E_WRITE ? 0 : sink ? crier_sink_os_error(sink) : open_errno;
    crier_sink_free(guarded);
    crier_sink_free(sink); /* removes the partial file unless finished */
    crier_vtt_free(w.vtt);
    crier_chapters_free(w.chapters);
    crier_buf_free(&w.pending);
    crier_buf_free(&preset);
    crier_speech_free(speech);
    episode_free(&e);
    return st;
}
