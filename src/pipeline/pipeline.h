/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_PIPELINE_H
#define CRIER_PIPELINE_H

#include <signal.h>
#include <stddef.h>

#include "audio/audio.h"
#include "core/limits.h"
#include "core/status.h"
#include "extract/extract.h"
#include "normalize/normalize.h"
#include "speech/speech.h"

/* pipeline: the stages joined, page by page: bytes → document → article →
 * script → PCM → sink. The CLI, batch and benchmarks call these; each is a thin
 * composition of the stage APIs, so every behaviour stays in its stage. */

typedef struct crier_pipeline_opts {
    crier_limits limits;
    const char *voices_dir;     /* NULL = crier_voices_dir() */
    /* The normalizer's language pack; NULL = the page's own when voices/ has
     * it, else "en" — and a page in another language that eSpeak NG speaks is
     * then read plain (crier_normalize_opts.plain) by that language's voice. */
    const char *lang;
    crier_normalize_opts norm;
    crier_speech_opts speech;
    const char *device;         /* live playback device; NULL = default */
    /* When set and it becomes non-zero (a signal handler's flag), speaking stops
     * at the next chunk of audio with CRIER_E_CANCELLED and nothing is left
     * behind. Borrowed; NULL = never cancelled. */
    const volatile sig_atomic_t *cancel;
} crier_pipeline_opts;

/* Defaults: crier_limits_default(), crier_normalize_opts_default(), eSpeak NG
 * "en-us" at its default rate, the default device. */
void crier_pipeline_opts_init(crier_pipeline_opts *opts);

/* Which part of a job failed, so that a message can name the right file. */
typedef enum crier_where {
    CRIER_WHERE_NONE,
    CRIER_WHERE_INPUT,    /* the input file (ret_index says which) */
    CRIER_WHERE_OUTPUT,   /* the output file */
    CRIER_WHERE_DEVICE,   /* the audio device */
    CRIER_WHERE_SPEECH,   /* eSpeak NG or the voice */
    CRIER_WHERE_LANG,     /* the normalizer's language pack */
} crier_where;

typedef struct crier_failure {
    crier_where where;
    size_t index;         /* the failing input, for CRIER_WHERE_INPUT */
} crier_failure;

/* Records where a call failed into f, when the caller asked (f not NULL). */
static inline void
crier_failure_set(crier_failure *f, crier_where where, size_t index)
{
    if (f != NULL) {
        f->where = where;
        f->index = index;
    }
}

/* Reads and extracts one input ("-" = stdin). path, lim: borrowed. Returns the
 * input and extract statuses; sets *ret_art (owned) only on CRIER_OK. */
crier_status crier_article_load(const char *path, const crier_limits *lim,
                                crier_article **ret_art);

/* Normalizes one article as render and play would read it: the pack and the
 * plain reading chosen from opts and the page's language. art, opts: borrowed.
 * Returns the statuses of crier_lang_load (ret_failure: CRIER_WHERE_LANG) and
 * crier_normalize (CRIER_WHERE_INPUT); sets *ret_script (owned) on CRIER_OK. */
crier_status crier_article_script(const crier_article *art, const crier_pipeline_opts *opts,
                                  crier_script **ret_script, crier_failure *ret_failure);

/* What `crier text` prints: the spoken script of one article (intro and blocks),
 * sentences joined by a space, a blank line between blocks. */
crier_status crier_script_to_text(const crier_script *script, crier_buf *out);

/* A renderer speaks one article after another into files, keeping the language
 * pack and eSpeak NG loaded between them (batch workers render many pages in one
 * process). One per process at a time, like crier_speech. opts: borrowed, must
 * outlive the renderer. Returns CRIER_OK, or the status of crier_lang_load
 * (ret_failure: CRIER_WHERE_LANG) or crier_speech_new (CRIER_WHERE_SPEECH); sets
 * *ret_renderer (owned, free with crier_renderer_free) only on CRIER_OK. */
typedef struct crier_renderer crier_renderer;
crier_status crier_renderer_new(const crier_pipeline_opts *opts, crier_renderer **ret_renderer,
                                crier_failure *ret_failure);

/* Files written beside the audio, from the speech events. Paths borrowed;
 * NULL = not written. */
typedef struct crier_sidecars {
    const char *transcript; /* WebVTT, one cue per sentence as written in the article */
    const char *chapters;   /* Podcasting 2.0 JSON chapters: the title, then each heading */
} crier_sidecars;

/* Speaks art (borrowed) into a new audio file at output, in format, with the
 * article's metadata as tags, and the sidecars (NULL = none); as crier_render,
 * a failure leaves no file. file_opts: encoder settings, borrowed (NULL =
 * crier_file_opts_default()). Sets *ret_frames (may be NULL: audio frames
 * written) only on CRIER_OK. */
crier_status crier_renderer_run(crier_renderer *r, const crier_article *art, const char *output,
                                crier_format format, const crier_file_opts *file_opts,
                                const crier_sidecars *sidecars, size_t *ret_frames,
                                crier_failure *ret_failure);

/* The sample rate of the audio the renderer writes. */
int crier_renderer_rate(const crier_renderer *r);

/* NULL-safe. */
void crier_renderer_free(crier_renderer *r);

#endif
