/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_BATCH_H
#define CRIER_BATCH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"
#include "pipeline/pipeline.h"

/* batch: a folder of saved pages becomes a folder of audio files (and a podcast
 * feed). The parent process walks the input folder, plans the work and hands
 * pages to worker processes (fork; eSpeak NG is process-wide, so never threads),
 * which read, extract, render and report back one result line per page.
 *
 * The output folder holds, besides the audio files:
 *   .crier-manifest.tsv            one line per page: relative path, state,
 *                                  reason, content hash, audio options, output
 *                                  name, duration, metadata (see manifest.c)
 *   .crier-manifest.K-of-N.tsv     the same for a --shard K/N run
 *   .crier-work-HOST-PID/          a worker's staging folder (removed when done;
 *                                  a later run removes those of dead workers)
 * A page is skipped when its manifest line says it was rendered from the same
 * bytes with the same options and its output file still exists. */

/* Caps on what the input folder controls. */
#define CRIER_BATCH_MAX_DEPTH 64           /* folder nesting walked */
#define CRIER_BATCH_MAX_PAGES ((size_t)50000000)
#define CRIER_BATCH_MAX_JOBS 256
#define CRIER_BATCH_SLUG_MAX 80            /* bytes of the title's slug in a name */

typedef enum crier_batch_state {
    CRIER_BATCH_DONE,     /* rendered in this run */
    CRIER_BATCH_SKIPPED,  /* up to date from an earlier run */
    CRIER_BATCH_FAILED,   /* reason says why */
} crier_batch_state;

/* One finished page, as the progress callback sees it. Strings borrowed for the
 * call. */
typedef struct crier_batch_page {
    const char *path;     /* relative to the input folder */
    crier_batch_state state;
    const char *reason;   /* FAILED only, else NULL */
    const char *output;   /* output file name in the output folder; NULL if FAILED */
    double audio_seconds;
} crier_batch_page;

/* Counts so far (progress) or at the end (summary). */
typedef struct crier_batch_summary {
    size_t n_pages;       /* pages in this run's slice of the folder */
    size_t n_done;
    size_t n_skipped;
    size_t n_failed;
    double audio_seconds; /* audio rendered in this run */
    double elapsed;       /* wall-clock seconds since the run started */
    int cancelled;        /* the signal number that stopped the run, else 0 */
} crier_batch_summary;

/* Called in the parent process: once with page NULL when the walk is done
 * (total known), then after each page. user: the opts' progress_user. */
typedef void (*crier_batch_progress_fn)(void *user, const crier_batch_page *page,
                                        const crier_batch_summary *sofar);

typedef struct crier_batch_feed {
    const char *path;      /* feed file to write; NULL = no feed */
    const char *base_url;  /* where the output folder is served (required with path) */
    const char *title;     /* NULL = the output folder's name */
    const char *author;    /* NULL = "crier" */
    const char *image;     /* artwork URL (itunes:image); NULL = left out */
    const char *description; /* NULL = a sentence naming the title */
    const char *category;  /* itunes:category; NULL = "News" */
} crier_batch_feed;

typedef struct crier_batch_opts {
    crier_pipeline_opts pipe;
    const char *format;    /* "ogg", "wav", ... (crier_format_name); NULL = crier_batch_default_format() */
    unsigned jobs;         /* worker processes; 0 = the number of online CPUs */
    bool force;            /* redo pages even when up to date */
    bool transcript;       /* also write NAME.vtt (WebVTT) beside each NAME.EXT */
    bool chapters;         /* also write NAME.chapters.json (Podcasting 2.0) */
    unsigned shard_k;      /* this run's shard, 1..shard_n; shard_n 0 = the whole folder */
    unsigned shard_n;
    const char *report;    /* JSON report file; NULL = none */
    crier_batch_feed feed;
    crier_batch_progress_fn progress;
    void *progress_user;
    /* Set (by the caller's signal handler) to a signal number to stop: workers
     * are terminated, their partial files removed, finished pages recorded. */
    const volatile sig_atomic_t *cancel;
} crier_batch_opts;

void crier_batch_opts_init(crier_batch_opts *opts);

/* The default output format: "mp3" when this build writes MP3 (podcast
 * directories want it), else "ogg". Static string. */
const char *crier_batch_default_format(void);

/* Why a whole run could not go on (distinct from pages that failed). */
typedef enum crier_batch_where {
    CRIER_BATCH_AT_NONE,
    CRIER_BATCH_AT_INPUT_DIR,
    CRIER_BATCH_AT_OUTPUT_DIR,
    CRIER_BATCH_AT_MANIFEST,   /* unreadable, or another batch holds it */
    CRIER_BATCH_AT_REPORT,
    CRIER_BATCH_AT_FEED,
    CRIER_BATCH_AT_SPEECH,     /* voice or eSpeak NG data (every page would fail) */
    CRIER_BATCH_AT_LANG,
    CRIER_BATCH_AT_WORKERS,    /* fork or pipe failed */
    CRIER_BATCH_AT_BUSY,       /* another run of the same slice writes this folder */
} crier_batch_where;

/* Runs a batch from input_dir into output_dir (created if missing; its parent
 * must exist). All arguments borrowed. Returns CRIER_OK when the run went
 * through, also when pages failed (ret_summary->n_failed says) or it was
 * cancelled (ret_summary->cancelled); else the status of what stopped it and,
 * in *ret_where (may be NULL), where. *ret_summary is always written. */
crier_status crier_batch_run(const char *input_dir, const char *output_dir,
                             const crier_batch_opts *opts, crier_batch_summary *ret_summary,
                             crier_batch_where *ret_where);

/* Combines the manifests that --shard runs left in output_dir into one, then
 * writes the JSON report (opts->report) and the feed (opts->feed) for the whole
 * folder. *ret_summary counts the pages by their last recorded state. */
crier_status crier_batch_merge(const char *output_dir, const crier_batch_opts *opts,
                               crier_batch_summary *ret_summary, crier_batch_where *ret_where);

/* "done", "skipped", "failed". */
const char *crier_batch_state_name(crier_batch_state state);

#endif
