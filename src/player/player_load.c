/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loading articles for the player: reading, extracting and normalizing them,
 * the first one on a second thread (with a long page's title guessed from its
 * start and spoken meanwhile), the rest of a long article's script on
 * another, and where and in which voice an article starts. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/utf8.h"
#include "pipeline/render.h"
#include "player/player_internal.h"

/* Blocks normalized before the first sound when playing from the top; the
 * rest is normalized after the first sentence is handed to the device, so a
 * long page starts as fast as a short one. */
#define HEAD_BLOCKS 4
/* A page longer than this starts with the title its first EARLY_PREFIX bytes
 * give (crier_extractor_title_guess), spoken while the whole page is extracted
 * on the loading thread (about 20 ms for 1 MB); shorter pages are extracted
 * before eSpeak NG and the device are ready anyway. */
#define EARLY_PREFIX ((size_t)64 << 10)

/* Makes article i current from its extracted article art (taken: freed on
 * failure): normalizes it, only its first HEAD_BLOCKS blocks when head_only. */
static crier_status
adopt_article(crier_player *p, size_t i, crier_article *art, bool head_only,
              crier_failure *ret_failure)
{
    crier_script *script = NULL;
    crier_status st;

    head_only = head_only && art->n_blocks > HEAD_BLOCKS;
    if (head_only) {
        crier_article head = *art; /* shallow: the same strings, fewer blocks */
        head.n_blocks = HEAD_BLOCKS;
        st = crier_normalize(p->lang, &head, &p->po->norm, &script);
    } else {
        st = crier_normalize(p->lang, art, &p->po->norm, &script);
    }
    if (st == CRIER_OK && script->n_blocks == 0)
        st = CRIER_E_NO_ARTICLE;
    if (st != CRIER_OK) {
        crier_failure_set(ret_failure, CRIER_WHERE_INPUT, p->queue.from[i]);
        crier_script_free(script);
        crier_article_free(art);
        return st;
    }
    if (p->rest_started) { /* the last article's: done with it */
        crier_script *rest = NULL;
        (void)player_join_rest(p, &rest);
        crier_script_free(rest);
    }
    crier_script_free(p->script);
    crier_article_free(p->art);
    p->art = art;
    p->script = script;
    p->loaded = i;
    p->partial = head_only;
    p->hash = player_script_hash(script);
    return CRIER_OK;
}

/* Makes article i current: reads, extracts and normalizes it. */
crier_status
player_load_article(crier_player *p, size_t i, bool head_only, crier_failure *ret_failure)
{
    crier_article *art = NULL;

    if (p->loaded == i)
        return CRIER_OK;
    crier_status st = crier_article_load(p->queue.paths[i], &p->po->limits, &art);
    if (st != CRIER_OK) {
        crier_failure_set(ret_failure, CRIER_WHERE_INPUT, p->queue.from[i]);
        return st;
    }
    return adopt_article(p, i, art, head_only, ret_failure);
}

static void *
normalize_rest(void *arg)
{
    crier_player *p = arg;
    p->rest_st = crier_normalize(p->lang, p->art, &p->po->norm, &p->rest);
    atomic_store(&p->rest_done, true);
    return NULL;
}

/* Starts normalizing the whole of a partial script's article on a second
 * thread; without a thread, complete_script does it. */
void
player_start_rest(crier_player *p)
{
    if (!p->partial || p->rest_started)
        return;
    atomic_store(&p->rest_done, false);
    p->rest = NULL;
    p->rest_started = pthread_create(&p->rest_tid, NULL, normalize_rest, p) == 0;
}

/* Waits for the second thread; its script (or NULL) and status. */
crier_status
player_join_rest(crier_player *p, crier_script **ret_script)
{
    *ret_script = NULL;
    if (!p->rest_started)
        return crier_normalize(p->lang, p->art, &p->po->norm, ret_script);
    pthread_join(p->rest_tid, NULL);
    p->rest_started = false;
    *ret_script = p->rest;
    p->rest = NULL;
    return p->rest_st;
}

/* The script whose counts the listener is told: the whole article's as soon
 * as it is ready. */
const crier_script *
player_told_script(const crier_player *p)
{
    if (p->partial && p->rest_started && atomic_load(&p->rest_done) && p->rest_st == CRIER_OK &&
        p->rest != NULL)
        return p->rest;
    return p->script;
}

/* Replaces a head-only script with the whole article's. Normalizing works
 * block by block, so the head's blocks keep their indices. */
crier_status
player_complete_script(crier_player *p)
{
    crier_script *script = NULL;
    if (!p->partial)
        return CRIER_OK;
    crier_status st = player_join_rest(p, &script);
    if (st != CRIER_OK) {
        crier_script_free(script);
        return st;
    }
    if (script->n_blocks < p->script->n_blocks) {
        crier_script_free(script);
        return CRIER_E_ARG; /* our own mistake: keep the head */
    }
    crier_script_free(p->retired);
    p->retired = p->script;
    p->script = script;
    p->partial = false;
    p->hash = player_script_hash(script);
    return CRIER_OK;
}

/* The first heading containing text (ASCII case-insensitive). */
static bool
find_heading(const crier_player *p, const char *text, size_t *ret_block)
{
    size_t tl = strlen(text);
    for (size_t b = 0; b < p->script->n_blocks; b++) {
        const crier_script_block *blk = &p->script->blocks[b];
        if (!player_is_heading(blk) || blk->article_block >= p->art->n_blocks)
            continue;
        const char *h = p->art->blocks[blk->article_block].text;
        for (size_t i = 0; h[i] != '\0'; i++) {
            size_t k = 0;
            while (k < tl && h[i + k] != '\0' &&
                   crier_ascii_lower((unsigned char)h[i + k]) == crier_ascii_lower((unsigned char)text[k]))
                k++;
            if (k == tl) {
                *ret_block = b;
                return true;
            }
        }
    }
    return false;
}

/* Where the first article starts: saved position, --start, --from-heading. */
static crier_status
choose_start(crier_player *p)
{
    const crier_script *s = p->script;
    size_t b, sn;

    if (p->opts.resume && p->state_dir.len > 0 &&
        player_position_load(p->state_dir.data, p->hash, &b, &sn) == CRIER_OK &&
        b < s->n_blocks && sn < s->blocks[b].n_sentences) {
        p->pos.block = b;
        p->pos.sentence = sn;
        return CRIER_OK;
    }
    if (p->opts.start_paragraph > 0) {
        b = p->opts.start_paragraph - 1 + (player_has_intro(s) ? 1 : 0);
        if (b >= s->n_blocks)
            return CRIER_E_NOENT;
        p->pos.block = b;
    } else if (p->opts.from_heading != NULL) {
        if (!find_heading(p, p->opts.from_heading, &b))
            return CRIER_E_NOENT;
        p->pos.block = b;
    }
    while (p->pos.block < s->n_blocks && s->blocks[p->pos.block].n_sentences == 0)
        p->pos.block++;
    return p->pos.block < s->n_blocks ? CRIER_OK : CRIER_E_NOENT;
}

/* The voice for a page in language lang, unless --voice chose one; player
 * thread only (eSpeak NG), never from inside a synthesis callback. */
void
player_voice_for(crier_player *p, const char *lang)
{
    if (p->po->speech.voice != NULL || p->po->speech.lang != NULL)
        return;
    /* English: the default preset, as render chooses it. */
    if (crier_default_voice(p->po->voices_dir, lang, &p->preset) == CRIER_OK) {
        if (!p->on_preset &&
            crier_speech_set_voice(p->speech, crier_buf_str(&p->preset), NULL) == CRIER_OK) {
            p->on_preset = true;
            (void)crier_speech_set_rate(p->speech, p->spoken_rate);
        }
        if (p->on_preset)
            return;
    }
    /* Choosing a voice reloads its dictionary (milliseconds): not when the
     * primary language is already the voice's ("en-GB" page, "en-us" voice). */
    const char *have = crier_speech_voice_lang(p->speech), *want = lang ? lang : "en";
    size_t k = 0;
    while (want[k] != '\0' && want[k] != '-' && want[k] != '_' &&
           crier_ascii_lower((unsigned char)want[k]) == (unsigned char)have[k])
        k++;
    if (!p->on_preset && k >= 2 && (want[k] == '\0' || want[k] == '-' || want[k] == '_') &&
        (have[k] == '\0' || have[k] == '-'))
        return;
    if (crier_speech_set_voice(p->speech, NULL, lang) != CRIER_OK)
        (void)crier_speech_set_voice(p->speech, NULL, NULL);
    p->on_preset = false;
    (void)crier_speech_set_rate(p->speech, p->spoken_rate);
}

void
player_article_voice(crier_player *p)
{
    player_voice_for(p, p->art->lang);
}


/* The title a long page's start gives, normalized as adopt_article
 * normalizes the whole article (same pack, same options), so its first
 * sentence is the intro's first sentence when the guess is right. */
static void
early_title(crier_player *p, first_load *fl, const crier_extractor *x, const crier_document *doc)
{
    char *title = NULL, *lang = NULL;
    crier_script *script = NULL;

    if (doc->kind != CRIER_DOC_HTML || doc->len <= EARLY_PREFIX ||
        crier_extractor_title_guess(x, doc, EARLY_PREFIX, &p->po->limits, &title, &lang) !=
            CRIER_OK ||
        title == NULL) {
        free(title);
        free(lang);
        return;
    }
    crier_article art = { .title = title, .lang = lang };
    if (crier_normalize(p->lang, &art, &p->po->norm, &script) == CRIER_OK && player_has_intro(script) &&
        script->blocks[0].n_sentences > 0) {
        fl->early = script;
        fl->early_lang = lang;
        script = NULL;
        lang = NULL;
    }
    crier_script_free(script);
    free(title);
    free(lang);
}

static void
early_ready(first_load *fl)
{
    pthread_mutex_lock(&fl->mu);
    fl->ready = true;
    pthread_cond_signal(&fl->cv);
    pthread_mutex_unlock(&fl->mu);
}

void *
player_load_first(void *arg)
{
    first_load *fl = arg;
    crier_player *p = fl->p;
    crier_document *doc = NULL;
    crier_extractor *x = NULL; /* one for the title guess and the page */
    crier_article *art = NULL;

    /* The page first: on a long page, reading and extracting it is the
     * longest step before the first sound, so it starts at once. */
    crier_status ast = crier_input_read(p->queue.paths[0], &p->po->limits, &doc);
    if (ast == CRIER_OK)
        ast = crier_extractor_new(NULL, &x);
    fl->failure = (crier_failure){ CRIER_WHERE_NONE, 0 };
    fl->st = crier_lang_load(p->po->voices_dir, p->po->lang ? p->po->lang : "en", &p->lang);
    if (fl->want_early && fl->st == CRIER_OK && ast == CRIER_OK)
        early_title(p, fl, x, doc);
    /* With a title to speak, the player thread's synthesis comes first: the
     * page's extraction takes the CPU it leaves (a thread may lower its own
     * priority; on failure it keeps it). */
    if (fl->early != NULL)
        (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
    early_ready(fl);
    if (ast == CRIER_OK)
        ast = crier_extractor_run(x, doc, &p->po->limits, &art);
    crier_extractor_free(x);
    crier_document_free(doc);
    if (fl->st != CRIER_OK) {
        fl->failure.where = CRIER_WHERE_LANG;
        crier_article_free(art);
    } else if (ast != CRIER_OK) {
        fl->st = ast;
        crier_failure_set(&fl->failure, CRIER_WHERE_INPUT, p->queue.from[0]);
    } else {
        fl->st = adopt_article(p, 0, art, fl->top, &fl->failure);
    }
    atomic_store(&fl->done, true);
    return NULL;
}

void
player_first_load_free(first_load *fl)
{
    if (fl == NULL)
        return;
    crier_script_free(fl->early);
    free(fl->early_lang);
    pthread_cond_destroy(&fl->cv);
    pthread_mutex_destroy(&fl->mu);
    free(fl);
}

/* The same sentence spoken the same way. The intro ends the title with a
 * full stop when a byline or date follows it. */
static bool
same_sentence(const crier_sentence *early, const crier_sentence *full)
{
    if (early->pause != full->pause || strcmp(early->written, full->written) != 0)
        return false;
    size_t n = strlen(early->spoken);
    return strncmp(early->spoken, full->spoken, n) == 0 &&
           (full->spoken[n] == '\0' || (full->spoken[n] == '.' && full->spoken[n + 1] == '\0'));
}

static bool
same_lang(const char *a, const char *b)
{
    return a == NULL || b == NULL ? a == b : crier_ascii_equal_nocase(a, b);
}

/* Waits for the loading thread (player thread; no eSpeak NG call, so also
 * from gate_write) and sees whether the early title was the page's. On a
 * failed load the early sentence stops (moved); load_settle reports it. */
void
player_load_join(crier_player *p)
{
    if (!p->loading)
        return;
    pthread_join(p->load_tid, NULL);
    p->loading = false;
    if (p->fl->st != CRIER_OK) {
        p->moved = true;
        return;
    }
    const crier_script *s = p->script;
    p->early_same = p->early != NULL && p->pos.block == 0 && p->pos.sentence == 0 &&
                    player_has_intro(s) && s->blocks[0].n_sentences > 0 &&
                    same_lang(p->early_lang, p->art->lang) &&
                    same_sentence(&p->early->blocks[0].sentences[0], &s->blocks[0].sentences[0]);
    if (!p->early_same) {
        p->moved = true; /* a wrong guess: cut it short, the intro starts over */
        return;
    }
    p->announce = false;
    if (p->partial)
        p->announce_deferred = true;
    else
        player_emit(p, CRIER_PLAYER_EV_POSITION);
}

/* The first article is loaded (load_join done, or no thread): its failure
 * and its start. */
crier_status
player_load_settle(crier_player *p, crier_failure *ret_failure)
{
    first_load *fl = p->fl;
    crier_status st = fl->st;

    if (st != CRIER_OK) {
        if (ret_failure != NULL)
            *ret_failure = fl->failure;
    } else if ((st = choose_start(p)) != CRIER_OK) {
        crier_failure_set(ret_failure, CRIER_WHERE_NONE, 0);
    }
    player_first_load_free(fl);
    p->fl = NULL;
    return st;
}
