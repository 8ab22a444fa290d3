/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_PLAYER_INTERNAL_H
#define CRIER_PLAYER_INTERNAL_H

/* Internal to src/player: the queue of inputs, saved positions. */

#include <stddef.h>
#include <stdint.h>

#include "audio/audio.h"
#include "core/status.h"
#include "normalize/normalize.h"

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
