/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_PLAYER_H
#define CRIER_PLAYER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/status.h"
#include "pipeline/pipeline.h"

/* player: live, navigable playback of a queue of articles through the audio
 * device. The player speaks sentence by sentence into the live sink (eSpeak NG
 * synthesizes each sentence in a fraction of its playing time, so the device
 * never waits), and takes commands (pause, skip, speed, quit) from any thread
 * while it plays. It never prints: what it does comes back as events, on the
 * thread that runs it, for the caller to show.
 *
 * Positions are (article, script block, sentence). A "paragraph" is any script
 * block after the intro (numbered from 1); a "section" starts at a heading or
 * at an article. */

typedef struct crier_player crier_player;

typedef enum crier_player_cmd {
    CRIER_PLAYER_PAUSE,          /* pause, or resume when paused */
    CRIER_PLAYER_NEXT_PARAGRAPH, /* in --headlines mode: open the current article */
    CRIER_PLAYER_PREV_PARAGRAPH,
    CRIER_PLAYER_NEXT_SECTION,   /* next heading, else the next article */
    CRIER_PLAYER_PREV_SECTION,   /* previous heading, else the article's start, else the previous article */
    CRIER_PLAYER_NEXT_SENTENCE,
    CRIER_PLAYER_PREV_SENTENCE,
    CRIER_PLAYER_FASTER,         /* +25 wpm from the next sentence on */
    CRIER_PLAYER_SLOWER,         /* -25 wpm */
    CRIER_PLAYER_HEADLINE,       /* say the title again, then go on where it was */
    CRIER_PLAYER_QUIT,           /* stop at once, save the position */
} crier_player_cmd;

typedef enum crier_player_event_type {
    CRIER_PLAYER_EV_POSITION, /* speaking starts at a new place: an article's start, after a move */
    CRIER_PLAYER_EV_PAUSED,
    CRIER_PLAYER_EV_RESUMED,
    CRIER_PLAYER_EV_RATE,     /* rate_wpm changed (from the next sentence) */
    CRIER_PLAYER_EV_EDGE,     /* a move had nowhere to go (first/last of the queue) */
    CRIER_PLAYER_EV_SAVED,    /* the position was saved (on quit) */
} crier_player_event_type;

typedef struct crier_player_event {
    crier_player_event_type type;
    size_t article, n_articles; /* 1-based */
    const char *title;          /* the article's title or NULL; borrowed for the call */
    const char *heading;        /* the heading the position lies under, or NULL */
    size_t paragraph;           /* 1-based; 0 = the intro */
    size_t n_paragraphs;
    size_t block, sentence;     /* script indices */
    int rate_wpm;
} crier_player_event;

typedef void (*crier_player_event_fn)(void *user, const crier_player_event *event);

typedef struct crier_player_opts {
    const crier_pipeline_opts *pipeline; /* borrowed; device, speech, cancel flag */
    bool headlines;          /* only each article's title; NEXT_PARAGRAPH opens it */
    size_t start_paragraph;  /* 0 = from the start; else paragraph k of the first article */
    const char *from_heading;/* begin at the first heading containing this (ASCII case-insensitive) */
    bool resume;             /* begin at the first article's saved position, if any */
    const char *state_dir;   /* where positions are saved; NULL = crier_player_state_dir() */
    bool save;               /* save the position when stopped before the end (default true) */
    crier_player_event_fn event_fn; /* may be NULL */
    void *event_user;
} crier_player_opts;

void crier_player_opts_init(crier_player_opts *opts, const crier_pipeline_opts *pipeline);

/* Appends the folder positions are saved in: $XDG_STATE_HOME/crier, else
 * $HOME/.local/state/crier. CRIER_E_NOENT when neither is set. */
crier_status crier_player_state_dir(crier_buf *out);

/* Makes a player for the inputs (files, or folders: their .html, .htm, .xhtml,
 * .txt and .mhtml files in name order). Loads the language pack and eSpeak NG,
 * reads the first article and opens the device, so that a failure shows before
 * anything plays. inputs, opts: borrowed, must outlive the player.
 * Returns CRIER_OK, the stage statuses (ret_failure says where),
 * CRIER_E_NOENT (start paragraph or heading not found; where NONE).
 * Sets *ret_player (owned) only on CRIER_OK. */
crier_status crier_player_new(const char *const *inputs, size_t n_inputs,
                              const crier_player_opts *opts, crier_player **ret_player,
                              crier_failure *ret_failure);

/* Plays the queue to its end or until CRIER_PLAYER_QUIT or the pipeline's
 * cancel flag. Returns CRIER_OK (the end, or quit), CRIER_E_CANCELLED (the
 * cancel flag), or a failure (ret_failure: the device, an input, speech).
 * Call once, on one thread (the only one that uses eSpeak NG). */
crier_status crier_player_run(crier_player *p, crier_failure *ret_failure);

/* Sends a command; takes effect within one 20 ms piece of audio (speed: at the
 * next sentence). Thread-safe; may be called while crier_player_run runs. */
void crier_player_send(crier_player *p, crier_player_cmd cmd);

/* The content hash that identifies the current article's script (for the
 * saved positions) and the saved-position file's path, for tests and tools. */
uint64_t crier_player_article_hash(const crier_player *p);

/* NULL-safe. */
void crier_player_free(crier_player *p);

#endif
