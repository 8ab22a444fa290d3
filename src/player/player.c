/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "player/player.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pipeline/render.h"
#include "player/player_internal.h"

/* Commands arrive from any thread into a small queue under a mutex; the thread
 * running the player takes them between sentences and between 20 ms pieces of
 * audio it hands the device (the "gate" below), so a key takes effect within
 * one piece plus what the device already holds, which a skip flushes. */

#define PIECE_MS 20
#define RATE_STEP 25
#define RATE_MIN 80
#define RATE_MAX 450

void
crier_player_opts_init(crier_player_opts *opts, const crier_pipeline_opts *pipeline)
{
    *opts = (crier_player_opts){ .pipeline = pipeline, .save = true };
}

static size_t
n_articles(const crier_player *p)
{
    return p->queue.n;
}

bool
player_is_heading(const crier_script_block *blk)
{
    return blk->kind == CRIER_SCRIPT_BLOCK && blk->type == CRIER_BLOCK_HEADING;
}

bool
player_has_intro(const crier_script *s)
{
    return s->n_blocks > 0 && s->blocks[0].kind == CRIER_SCRIPT_INTRO;
}

void
player_emit(crier_player *p, crier_player_event_type type)
{
    if (p->opts.event_fn == NULL)
        return;
    /* while the page loads, only the early title is known */
    const crier_script *s = p->loading ? p->early : player_told_script(p);
    size_t intro = player_has_intro(s) ? 1 : 0;
    crier_player_event ev = {
        .type = type,
        .article = p->pos.article + 1,
        .n_articles = n_articles(p),
        .title = p->loading ? NULL : p->art ? p->art->title : NULL,
        .n_paragraphs = s->n_blocks - intro,
        .block = p->pos.block,
        .sentence = p->pos.sentence,
        .rate_wpm = p->rate,
    };
    ev.paragraph = p->pos.block + 1 - intro;
    for (size_t b = p->pos.block + 1; b-- > 0;) {
        const crier_script_block *blk = &s->blocks[b];
        if (player_is_heading(blk) && blk->n_sentences > 0) {
            ev.heading = blk->article_block < p->art->n_blocks ? p->art->blocks[blk->article_block].text
                                                               : blk->sentences[0].written;
            break;
        }
    }
    p->opts.event_fn(p->opts.event_user, &ev);
}

/* Moves within the current article; false when there is nowhere to go. */
static bool
move_sentence(crier_player *p, int dir)
{
    const crier_script *s = p->script;
    position q = p->pos;
    if (dir > 0) {
        if (q.sentence + 1 < s->blocks[q.block].n_sentences) {
            q.sentence++;
        } else {
            do
                q.block++;
            while (q.block < s->n_blocks && s->blocks[q.block].n_sentences == 0);
            if (q.block >= s->n_blocks)
                return false;
            q.sentence = 0;
        }
    } else {
        if (q.sentence > 0) {
            q.sentence--;
        } else {
            do {
                if (q.block == 0)
                    return false;
                q.block--;
            } while (s->blocks[q.block].n_sentences == 0);
            q.sentence = s->blocks[q.block].n_sentences - 1;
        }
    }
    p->pos = q;
    return true;
}

static bool
move_block(crier_player *p, int dir, bool headings_only)
{
    const crier_script *s = p->script;
    size_t b = p->pos.block;
    for (;;) {
        if (dir > 0) {
            if (++b >= s->n_blocks)
                return false;
        } else {
            if (b == 0)
                return false;
            b--;
        }
        if (s->blocks[b].n_sentences > 0 && (!headings_only || player_is_heading(&s->blocks[b])))
            break;
    }
    p->pos.block = b;
    p->pos.sentence = 0;
    return true;
}

/* To article i's start (loading it happens in the run loop). */
static bool
move_article(crier_player *p, int dir)
{
    if (dir > 0 ? p->pos.article + 1 >= n_articles(p) : p->pos.article == 0)
        return false;
    p->pos = (position){ .article = dir > 0 ? p->pos.article + 1 : p->pos.article - 1 };
    return true;
}

/* Applies one command on the player thread. */
static void
apply(crier_player *p, crier_player_cmd cmd)
{
    bool ok = true;
    switch (cmd) {
    case CRIER_PLAYER_PAUSE:
        p->paused = !p->paused;
        player_emit(p, p->paused ? CRIER_PLAYER_EV_PAUSED : CRIER_PLAYER_EV_RESUMED);
        return;
    case CRIER_PLAYER_FASTER:
    case CRIER_PLAYER_SLOWER:
        p->rate += cmd == CRIER_PLAYER_FASTER ? RATE_STEP : -RATE_STEP;
        p->rate = p->rate < RATE_MIN ? RATE_MIN : p->rate > RATE_MAX ? RATE_MAX : p->rate;
        player_emit(p, CRIER_PLAYER_EV_RATE);
        return;
    case CRIER_PLAYER_QUIT:
        p->quit = true;
        return;
    case CRIER_PLAYER_HEADLINE:
        p->detour = true;
        p->moved = true;
        return;
    default:
        player_load_join(p); /* a move needs the article: wait for it */
        if (p->fl != NULL && p->fl->st != CRIER_OK)
            return; /* it failed: the player stops (load_join cut the sentence) */
        (void)player_complete_script(p); /* and the whole of it */
        break;
    }
    switch (cmd) {
    case CRIER_PLAYER_PAUSE:
    case CRIER_PLAYER_FASTER:
    case CRIER_PLAYER_SLOWER:
    case CRIER_PLAYER_QUIT:
    case CRIER_PLAYER_HEADLINE:
        return;
    case CRIER_PLAYER_NEXT_PARAGRAPH:
        if (p->headlines) {
            p->headlines = false;
            p->pos.block = 0;
            p->pos.sentence = 0;
            ok = move_block(p, +1, false) || true;
        } else {
            ok = move_block(p, +1, false) || move_article(p, +1);
        }
        break;
    case CRIER_PLAYER_PREV_PARAGRAPH:
        ok = p->headlines ? move_article(p, -1) : move_block(p, -1, false);
        break;
    case CRIER_PLAYER_NEXT_SECTION:
        ok = (!p->headlines && move_block(p, +1, true)) || move_article(p, +1);
        break;
    case CRIER_PLAYER_PREV_SECTION:
        if (p->headlines || !move_block(p, -1, true)) {
            if (p->pos.block > 0 && !p->headlines)
                p->pos.block = p->pos.sentence = 0;
            else
                ok = move_article(p, -1);
        }
        break;
    case CRIER_PLAYER_NEXT_SENTENCE:
        ok = p->headlines ? move_article(p, +1) : move_sentence(p, +1) || move_article(p, +1);
        break;
    case CRIER_PLAYER_PREV_SENTENCE:
        ok = p->headlines ? move_article(p, -1) : move_sentence(p, -1);
        break;
    }
    if (!ok) {
        player_emit(p, CRIER_PLAYER_EV_EDGE);
        return;
    }
    p->moved = true;
    p->announce = true;
    p->announce_deferred = false;
}

/* Takes the pending commands; with wait_ms > 0 and none pending, waits that
 * long for one. */
static void
take_pending(crier_player *p, int wait_ms)
{
    crier_player_cmd cmds[MAX_PENDING];
    size_t n;

    pthread_mutex_lock(&p->mu);
    if (p->n_pending == 0 && wait_ms > 0) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += (long)wait_ms * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        (void)pthread_cond_timedwait(&p->cv, &p->mu, &ts);
    }
    n = p->n_pending;
    memcpy(cmds, p->pending, n * sizeof *cmds);
    p->n_pending = 0;
    pthread_mutex_unlock(&p->mu);
    for (size_t i = 0; i < n; i++)
        apply(p, cmds[i]);
}

static bool
cancelled(const crier_player *p)
{
    return p->po->cancel != NULL && *p->po->cancel != 0;
}

static bool
interrupted(const crier_player *p)
{
    return p->moved || p->quit || cancelled(p);
}

/* Between eSpeak NG and the device: hands audio over in 20 ms pieces, holds
 * it while paused, and stops the sentence when a command moved elsewhere. */
static crier_status
gate_write(void *user, const short *pcm, size_t n_frames)
{
    crier_player *p = user;
    size_t piece = (size_t)crier_sink_rate(p->live) * PIECE_MS / 1000;

    while (n_frames > 0) {
        take_pending(p, 0);
        while (p->paused && !interrupted(p))
            take_pending(p, 50);
        if (interrupted(p))
            return CRIER_E_CANCELLED;
        size_t n = n_frames < piece ? n_frames : piece;
        crier_status st = crier_sink_write(p->live, pcm, n);
        if (st != CRIER_OK)
            return st;
        pcm += n;
        n_frames -= n;
        if (p->loading) { /* the early title: is the page there yet? */
            if (atomic_load(&p->fl->done))
                player_load_join(p);
            continue;
        }
        player_start_rest(p); /* the first sound is on its way: the rest of the page now */
        if (p->announce_deferred && atomic_load(&p->rest_done)) {
            p->announce_deferred = false;
            player_emit(p, CRIER_PLAYER_EV_POSITION);
        }
    }
    return CRIER_OK;
}

crier_status
crier_player_new(const char *const *inputs, size_t n_inputs, const crier_player_opts *opts,
                 crier_player **ret_player, crier_failure *ret_failure)
{
    crier_player *p = NULL;
    first_load *fl = NULL;
    size_t bad = 0;
    crier_status st;

    crier_failure_set(ret_failure, CRIER_WHERE_NONE, 0);
    if (opts == NULL || opts->pipeline == NULL || ret_player == NULL || n_inputs == 0)
        return CRIER_E_ARG;
    if ((p = calloc(1, sizeof *p)) == NULL)
        return CRIER_E_NOMEM;
    p->opts = *opts;
    p->po = opts->pipeline;
    p->loaded = SIZE_MAX;
    p->headlines = opts->headlines;
    p->announce = true;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    crier_buf_init(&p->state_dir, 4096);
    crier_buf_init(&p->preset, 8192);
    if (opts->state_dir != NULL)
        (void)crier_buf_puts(&p->state_dir, opts->state_dir);
    else
        (void)crier_player_state_dir(&p->state_dir); /* none: positions are not kept */
    st = player_queue_build(inputs, n_inputs, &p->queue, &bad);
    if (st != CRIER_OK) {
        crier_failure_set(ret_failure, CRIER_WHERE_INPUT, bad);
        goto out;
    }
    if ((fl = calloc(1, sizeof *fl)) == NULL) {
        st = CRIER_E_NOMEM;
        goto out;
    }
    p->fl = fl;
    fl->p = p;
    fl->top = !opts->resume && opts->start_paragraph == 0 && opts->from_heading == NULL;
    fl->want_early = fl->top && !opts->headlines && p->po->norm.intro;
    pthread_mutex_init(&fl->mu, NULL);
    pthread_cond_init(&fl->cv, NULL);
    /* The first article is read on a second thread while this one starts
     * eSpeak NG and opens the device: the two together are most of the time
     * to first sound. (Only this thread touches eSpeak NG.) */
    p->loading = pthread_create(&p->load_tid, NULL, player_load_first, fl) == 0;
    if (!p->loading) {
        fl->want_early = false;
        (void)player_load_first(fl);
    }
    /* The page is still being read: start as for English, which most pages
     * are (article_voice changes the voice for a page in another language). */
    crier_speech_opts sopts;
    p->on_preset = crier_speech_opts_for(p->po, NULL, &p->preset, &sopts);
    st = crier_speech_new(&sopts, &p->speech);
    if (st != CRIER_OK)
        crier_failure_set(ret_failure, CRIER_WHERE_SPEECH, 0);
    if (st == CRIER_OK) {
        st = crier_sink_live_open(p->po->device, crier_speech_sample_rate(p->speech), &p->live);
        if (st != CRIER_OK)
            crier_failure_set(ret_failure, CRIER_WHERE_DEVICE, 0);
    }
    p->rate = p->spoken_rate = p->po->speech.rate_wpm ? p->po->speech.rate_wpm : 175;
    if (st == CRIER_OK && fl->want_early) {
        pthread_mutex_lock(&fl->mu);
        while (!fl->ready)
            pthread_cond_wait(&fl->cv, &fl->mu);
        pthread_mutex_unlock(&fl->mu);
        if (fl->early != NULL && !atomic_load(&fl->done)) {
            /* A long page: crier_player_run speaks the title while the
             * thread extracts the page. */
            p->early = fl->early;
            p->early_lang = fl->early_lang;
            fl->early = NULL;
            fl->early_lang = NULL;
            *ret_player = p;
            return CRIER_OK;
        }
    }
    if (p->loading) {
        pthread_join(p->load_tid, NULL);
        p->loading = false;
    }
    /* A bad input or start first: they are the user's to fix. */
    crier_status lst = player_load_settle(p, ret_failure);
    if (lst != CRIER_OK)
        st = lst;
    else if (st == CRIER_OK)
        player_article_voice(p);
out:
    if (st != CRIER_OK) {
        crier_player_free(p);
        return st;
    }
    *ret_player = p;
    return CRIER_OK;
}

void
crier_player_send(crier_player *p, crier_player_cmd cmd)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->mu);
    if (p->n_pending < MAX_PENDING)
        p->pending[p->n_pending++] = cmd;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

static void
save_position(crier_player *p)
{
    (void)player_complete_script(p); /* the hash is the whole article's */
    if (!p->opts.save || p->state_dir.len == 0 || p->script == NULL)
        return;
    if (player_position_save(p->state_dir.data, p->hash, p->pos.block, p->pos.sentence,
                             p->queue.paths[p->pos.article]) == CRIER_OK)
        player_emit(p, CRIER_PLAYER_EV_SAVED);
}

/* Says one sentence through the gate; a fresh gate each time, since a sink's
 * failure (our own CRIER_E_CANCELLED) is sticky. */
static crier_status
say(crier_player *p, size_t block, size_t sentence)
{
    crier_sink *gate = NULL;
    crier_status st = crier_sink_callback_open(crier_sink_rate(p->live), gate_write, p, &gate);
    if (st == CRIER_OK)
        st = crier_speech_say_sentence(p->speech, p->script, block, sentence, gate);
    crier_sink_free(gate);
    crier_script_free(p->retired); /* nothing speaks from it now */
    p->retired = NULL;
    return st;
}

/* Steps to the next sentence to speak; false at the end of the queue. */
static bool
advance(crier_player *p)
{
    if (p->headlines || !move_sentence(p, +1)) {
        if (!move_article(p, +1))
            return false;
        p->announce = true;
    }
    return true;
}

static crier_status
play_one(crier_player *p, crier_failure *ret_failure)
{
    crier_status st;

    if (p->pos.article != p->loaded) {
        size_t prev = p->loaded;
        if ((st = player_load_article(p, p->pos.article, false, ret_failure)) != CRIER_OK)
            return st;
        player_article_voice(p);
        if (prev != SIZE_MAX && !p->moved) {
            crier_sink *gate = NULL;
            st = crier_sink_callback_open(crier_sink_rate(p->live), gate_write, p, &gate);
            if (st == CRIER_OK)
                st = crier_render_chime(gate); /* as render joins articles */
            crier_sink_free(gate);
            if (st != CRIER_OK)
                return st;
        }
    }
    if (p->rate != p->spoken_rate) {
        if (crier_speech_set_rate(p->speech, p->rate) == CRIER_OK)
            p->spoken_rate = p->rate;
    }
    if (p->announce) {
        p->announce = false;
        /* A partial script does not know the paragraph count yet: the line
         * comes as soon as the rest of the page is normalized (gate_write). */
        if (p->partial)
            p->announce_deferred = true;
        else
            player_emit(p, CRIER_PLAYER_EV_POSITION);
    }
    if (p->headlines) {
        p->pos.block = 0;
        p->pos.sentence = 0;
    }
    return say(p, p->pos.block, p->pos.sentence);
}

/* After a sentence was cut short by a command: drop what the device holds. */
static crier_status
after_interrupt(crier_player *p)
{
    crier_status st = crier_sink_live_flush(p->live);
    p->moved = false;
    if (st == CRIER_OK && p->detour && !p->quit && !cancelled(p)) {
        p->detour = false;
        st = say(p, 0, 0); /* the title; intro or first block */
        if (st == CRIER_E_CANCELLED)
            return after_interrupt(p);
    }
    return st;
}

/* A long page's guessed title, spoken while the page is extracted (the
 * article's first sentence when the guess is right, so it is not said again;
 * a wrong guess is cut off as soon as the page is there). Then the page's
 * own start; p->ended when there is nothing more to say. */
static crier_status
play_early(crier_player *p, crier_failure *ret_failure)
{
    crier_sink *gate = NULL;

    player_voice_for(p, p->early_lang);
    crier_status st = crier_sink_callback_open(crier_sink_rate(p->live), gate_write, p, &gate);
    if (st == CRIER_OK)
        st = crier_speech_say_sentence(p->speech, p->early, 0, 0, gate);
    crier_sink_free(gate);
    player_load_join(p);
    crier_status lst = player_load_settle(p, ret_failure);
    crier_script_free(p->early);
    p->early = NULL;
    if (lst != CRIER_OK) {
        (void)crier_sink_live_flush(p->live);
        return lst;
    }
    player_article_voice(p);
    if (st != CRIER_OK && st != CRIER_E_CANCELLED)
        return st;
    if (st == CRIER_OK && p->early_same && !p->moved && !advance(p))
        p->ended = true;
    return CRIER_OK;
}

crier_status
crier_player_run(crier_player *p, crier_failure *ret_failure)
{
    crier_status st = CRIER_OK;

    crier_failure_set(ret_failure, CRIER_WHERE_NONE, 0);
    if (p == NULL)
        return CRIER_E_ARG;
    if (p->early != NULL && (st = play_early(p, ret_failure)) != CRIER_OK)
        goto fail;
    while (!p->ended) {
        take_pending(p, 0);
        if (p->quit || cancelled(p))
            break;
        if (p->moved) {
            if ((st = after_interrupt(p)) != CRIER_OK && st != CRIER_E_CANCELLED)
                goto fail;
            continue;
        }
        st = play_one(p, ret_failure);
        if (st == CRIER_OK || st == CRIER_E_CANCELLED) {
            crier_status cst = player_complete_script(p);
            if (cst != CRIER_OK && cst != CRIER_E_ARG) {
                st = cst;
                crier_failure_set(ret_failure, CRIER_WHERE_INPUT, p->queue.from[p->pos.article]);
                goto fail;
            }
            if (p->announce_deferred) { /* the sentence ended before the count was known */
                p->announce_deferred = false;
                player_emit(p, CRIER_PLAYER_EV_POSITION);
            }
        }
        if (st == CRIER_E_CANCELLED)
            continue;
        if (st != CRIER_OK)
            goto fail;
        if (!advance(p))
            p->ended = true;
    }
    if (p->ended) {
        st = crier_sink_finish(p->live);
        if (st != CRIER_OK)
            crier_failure_set(ret_failure, CRIER_WHERE_DEVICE, 0);
        return st;
    }
    (void)crier_sink_live_flush(p->live);
    save_position(p);
    return cancelled(p) ? CRIER_E_CANCELLED : CRIER_OK;
fail:
    if (ret_failure != NULL && ret_failure->where == CRIER_WHERE_NONE)
        crier_failure_set(ret_failure,
                          st == CRIER_E_SPEECH || st == CRIER_E_VOICE ? CRIER_WHERE_SPEECH
                                                                      : CRIER_WHERE_DEVICE,
                          0);
    save_position(p);
    return st;
}

uint64_t
crier_player_article_hash(const crier_player *p)
{
    return p ? p->hash : 0;
}

void
crier_player_free(crier_player *p)
{
    if (p == NULL)
        return;
    if (p->loading)
        pthread_join(p->load_tid, NULL);
    player_first_load_free(p->fl);
    crier_script_free(p->early);
    free(p->early_lang);
    if (p->rest_started) {
        crier_script *rest = NULL;
        (void)player_join_rest(p, &rest);
        crier_script_free(rest);
    }
    crier_script_free(p->retired);
    crier_sink_free(p->live);
    crier_speech_free(p->speech);
    crier_buf_free(&p->preset);
    crier_script_free(p->script);
    crier_article_free(p->art);
    crier_lang_free(p->lang);
    player_queue_free(&p->queue);
    crier_buf_free(&p->state_dir);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    free(p);
}
