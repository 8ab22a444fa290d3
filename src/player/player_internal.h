/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_PLAYER_INTERNAL_H
#define CRIER_PLAYER_INTERNAL_H

/* Internal to src/player: the player's state (player.c plays and takes
 * commands, player_load.c loads articles), the queue of inputs, saved
 * positions. */

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audio/audio.h"
#include "core/status.h"
#include "core/buf.h"
#include "extract/extract.h"
#include "normalize/normalize.h"
#include "pipeline/pipeline.h"
#include "player/player.h"
#include "speech/speech.h"

/* Caps: files taken from one folder, bytes of one saved-position file. */
#define PLAYER_MAX_QUEUE 10000
#define PLAYER_MAX_STATE_BYTES 4096

/* The queue: every input, folders replaced by their pages in name order.
 * Paths owned. */
typedef struct player_queue {
    char **paths;
    size_t *from; /* the input each path came from, for failure messages */
    size_t n;
} player_queue;

crier_status player_queue_build(const char *const *inputs, size_t n_inputs, player_queue *ret_q,
                                size_t *ret_bad_input);
void player_queue_free(player_queue *q);

/* Commands waiting for the player thread. */
#define MAX_PENDING 32

typedef struct first_load first_load;

/* The first article and the language pack, read off the player's thread. */
struct first_load {
    crier_player *p;
    bool top;
    bool want_early; /* from the top, with an intro: guess the title early */
    crier_status st;
    crier_failure failure;
    /* Set before ready: the guessed title's script and the page's language
     * (or NULL), handed to the player thread. */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool ready;
    crier_script *early;
    char *early_lang;
    atomic_bool done; /* st, failure and the loaded article are set */
};

typedef struct position {
    size_t article, block, sentence;
} position;

struct crier_player {
    crier_player_opts opts;
    const crier_pipeline_opts *po;
    player_queue queue;
    crier_buf state_dir;
    crier_lang *lang;
    crier_speech *speech;
    crier_buf preset;              /* path of the default preset (crier_default_voice) */
    bool on_preset;                /* speech speaks with that preset now */
    crier_sink *live;
    /* The current article (loaded when it becomes current). */
    size_t loaded;                 /* index of the loaded article, or SIZE_MAX */
    crier_article *art;
    crier_script *script;
    bool partial;                  /* script holds only the first HEAD_BLOCKS blocks */
    /* The whole article's script, normalized on a second thread once the
     * first sound of a partial script is on its way (complete_script takes
     * it). */
    pthread_t rest_tid;
    bool rest_started;
    atomic_bool rest_done;
    crier_script *rest;
    crier_status rest_st;
    /* A script replaced while a sentence of it may still be spoken (a move
     * key during the first sentence completes the script); freed once that
     * sentence is over. */
    crier_script *retired;
    bool announce_deferred;        /* the first position waits for the true paragraph count */
    uint64_t hash;
    /* The first article is loaded on a second thread. While it is (loading),
     * the player thread may speak the early script, the title guessed from
     * the page's start, in early_lang's voice; it must not touch art,
     * script, loaded or the rest until load_join has joined the thread.
     * early_same: the loaded intro starts with that very sentence, so it is
     * not said twice. */
    first_load *fl;
    pthread_t load_tid;
    bool loading;
    crier_script *early;
    char *early_lang;
    bool early_same;
    /* Player thread only. */
    position pos;
    bool headlines;
    bool moved, quit, detour, paused;
    bool announce;
    bool ended;
    int rate, spoken_rate;
    /* Shared with crier_player_send, under mu. */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    crier_player_cmd pending[MAX_PENDING];
    size_t n_pending;
};

/* player.c */
bool player_is_heading(const crier_script_block *blk);
bool player_has_intro(const crier_script *s);
void player_emit(crier_player *p, crier_player_event_type type);

/* player_load.c: loading articles (player thread unless said otherwise). */
crier_status player_load_article(crier_player *p, size_t i, bool head_only,
                                 crier_failure *ret_failure);
void player_start_rest(crier_player *p);
crier_status player_join_rest(crier_player *p, crier_script **ret_script);
const crier_script *player_told_script(const crier_player *p);
crier_status player_complete_script(crier_player *p);
void player_voice_for(crier_player *p, const char *lang);
void player_article_voice(crier_player *p);
/* The first article's loading thread (fl: a first_load). */
void *player_load_first(void *fl);
void player_first_load_free(first_load *fl);
void player_load_join(crier_player *p);
crier_status player_load_settle(crier_player *p, crier_failure *ret_failure);


/* FNV-1a 64 over every spoken sentence and block boundary of the script: the
 * same script (same page, same options) gives the same hash. */
uint64_t player_script_hash(const crier_script *script);

/* Saved positions: one small file per article, <state_dir>/positions/<hash as
 * 16 hex digits>, holding "block sentence\n" then the input's path. */
crier_status player_position_save(const char *state_dir, uint64_t hash, size_t block,
                                  size_t sentence, const char *path);
/* CRIER_E_NOENT when nothing was saved for hash. */
crier_status player_position_load(const char *state_dir, uint64_t hash, size_t *ret_block,
                                  size_t *ret_sentence);

#endif
