/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "audio/sink.h"

/* A sink that hands PCM to another sink on its own thread, through a bounded
 * queue, so that encoding (Vorbis, MP3, Opus: the costly part of a render)
 * overlaps eSpeak NG's synthesis, which stays on the caller's thread. Memory is
 * QUEUE_SLOTS chunks whatever the article's length; a full queue blocks the
 * writer. The first error of the inner sink is reported by the next write or by
 * finish. */

#define QUEUE_SLOTS 16

struct slot {
    short pcm[CRIER_AUDIO_CHUNK_FRAMES];
    size_t n;
};

struct thread_sink {
    crier_sink base;
    crier_sink *inner;  /* owned */
    struct slot *slots; /* QUEUE_SLOTS */
    size_t head, count;
    bool closing;        /* no more writes: drain, then stop */
    bool discard;        /* freed without finish: drop what is queued */
    bool running;        /* the thread exists and is not joined */
    crier_status status; /* first error of the inner sink */
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    pthread_t thread;
};

static void *
encoder_main(void *arg)
{
    struct thread_sink *t = arg;

    pthread_mutex_lock(&t->lock);
    for (;;) {
        while (t->count == 0 && !t->closing)
            pthread_cond_wait(&t->not_empty, &t->lock);
        if (t->count == 0)
            break;
        struct slot *s = &t->slots[t->head];
        bool skip = t->status != CRIER_OK || t->discard;
        pthread_mutex_unlock(&t->lock);
        /* The writer never touches a queued slot: encode without the lock. */
        crier_status st = skip ? CRIER_OK : crier_sink_write(t->inner, s->pcm, s->n);
        pthread_mutex_lock(&t->lock);
        if (st != CRIER_OK && t->status == CRIER_OK) {
            t->status = st;
            t->base.os_errno = t->inner->os_errno; /* read after status, under the lock */
        }
        t->head = (t->head + 1) % QUEUE_SLOTS;
        t->count--;
        pthread_cond_signal(&t->not_full);
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

static crier_status
thread_write(crier_sink *sink, const short *pcm, size_t n_frames)
{
    struct thread_sink *t = (struct thread_sink *)sink;
    crier_status st;

    pthread_mutex_lock(&t->lock);
    while (t->count == QUEUE_SLOTS && t->status == CRIER_OK)
        pthread_cond_wait(&t->not_full, &t->lock);
    st = t->status;
    if (st == CRIER_OK) {
        struct slot *s = &t->slots[(t->head + t->count) % QUEUE_SLOTS];
        memcpy(s->pcm, pcm, n_frames * sizeof *pcm);
        s->n = n_frames;
        t->count++;
        pthread_cond_signal(&t->not_empty);
    }
    pthread_mutex_unlock(&t->lock);
    return st;
}

static void
stop_thread(struct thread_sink *t, bool discard)
{
    if (!t->running)
        return;
    pthread_mutex_lock(&t->lock);
    t->closing = true;
    t->discard = t->discard || discard;
    pthread_cond_signal(&t->not_empty);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL);
    t->running = false;
}

static crier_status
thread_finish(crier_sink *sink)
{
    struct thread_sink *t = (struct thread_sink *)sink;
    stop_thread(t, false);
    if (t->status != CRIER_OK)
        return t->status;
    crier_status st = crier_sink_finish(t->inner);
    t->base.os_errno = t->inner->os_errno;
    return st;
}

static void
thread_free(crier_sink *sink)
{
    struct thread_sink *t = (struct thread_sink *)sink;
    stop_thread(t, true);
    crier_sink_free(t->inner);
    pthread_cond_destroy(&t->not_full);
    pthread_cond_destroy(&t->not_empty);
    pthread_mutex_destroy(&t->lock);
    free(t->slots);
    free(t);
}

static const struct crier_sink_ops thread_ops = {thread_write, thread_finish, thread_free};

crier_status
crier_sink_threaded(crier_sink *inner, crier_sink **ret_sink)
{
    struct thread_sink *t = calloc(1, sizeof *t);
    if (t == NULL)
        return CRIER_E_NOMEM;
    t->slots = malloc(QUEUE_SLOTS * sizeof *t->slots);
    if (t->slots == NULL) {
        free(t);
        return CRIER_E_NOMEM;
    }
    crier_sink_init(&t->base, &thread_ops, inner->rate);
    t->inner = inner;
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->not_empty, NULL);
    pthread_cond_init(&t->not_full, NULL);
    if (pthread_create(&t->thread, NULL, encoder_main, t) != 0) {
        t->inner = NULL; /* the caller keeps inner on failure */
        thread_free(&t->base);
        return CRIER_E_NOMEM;
    }
    t->running = true;
    *ret_sink = &t->base;
    return CRIER_OK;
}
