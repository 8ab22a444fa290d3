/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_BATCH_INTERNAL_H
#define CRIER_BATCH_INTERNAL_H

/* Internal to src/batch. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "batch/batch.h"
#include "core/buf.h"

/* ---- sha256.c: content hashes, shard and GUID keys ---- */
typedef struct bt_sha256 {
    uint32_t h[8];
    uint64_t n_bytes;
    unsigned char block[64];
    size_t fill;
} bt_sha256;

void bt_sha256_init(bt_sha256 *c);
void bt_sha256_update(bt_sha256 *c, const void *data, size_t len);
void bt_sha256_final(bt_sha256 *c, unsigned char out[32]);
/* Lower-case hex of the SHA-256 of data, 64 digits and a NUL. */
void bt_sha256_hex(const void *data, size_t len, char out[65]);

/* ---- walk.c: the pages of a folder ---- */
typedef struct bt_pages {
    char **paths;   /* relative, '/'-separated, sorted by strcmp; owned */
    size_t n;
} bt_pages;

/* Walks root recursively: files render accepts (crier_input_hint_from_name,
 * .mht, .mhtml), skipping hidden names, the "_files" folders of pages saved
 * "complete", and symlinks that leave root or name folders. Returns CRIER_OK,
 * CRIER_E_NOENT, CRIER_E_READ, CRIER_E_LIMIT or CRIER_E_NOMEM. */
crier_status bt_walk(const char *root, bt_pages *ret_pages);
void bt_pages_free(bt_pages *p);
/* Whether path falls into shard k of n (1 <= k <= n) by its SHA-256. */
bool bt_in_shard(const char *path, unsigned k, unsigned n);

/* ---- name.c: output names, GUIDs, dates ---- */
/* Appends the output file name for a page: "DATE-slug-KEY.EXT", DATE the
 * article date's YYYY-MM-DD when known, slug from the title (else the file's
 * name), KEY 8 hex digits of the path's SHA-256 (unique without coordination
 * between shards). Only letters, digits and '-' from ASCII, any non-ASCII
 * letter, never a separator, control character or leading dot. */
crier_status bt_output_name(const char *path, const char *title, const char *date,
                            const char *ext, crier_buf *out);
/* Appends the name of a sidecar of the audio file audio: its name with the
 * extension replaced by suffix (".vtt", ".chapters.json"). */
crier_status bt_sidecar_name(const char *audio, const char *suffix, crier_buf *out);
#define BT_TRANSCRIPT_SUFFIX ".vtt"
#define BT_CHAPTERS_SUFFIX ".chapters.json"

/* The page's feed GUID: "crier:" and 32 hex digits of the path's SHA-256. */
crier_status bt_guid(const char *path, crier_buf *out);
/* ISO 8601 date ("2026-02-01", "2026-02-01T10:00:00Z", "...+02:00") as an RFC
 * 822 date for RSS; false when it does not parse. */
bool bt_rfc822_date(const char *iso, crier_buf *out);

/* ---- manifest.c: one line per page, tab-separated, escaped ---- */
enum bt_field {
    BT_PATH, BT_STATE, BT_REASON, BT_HASH, BT_OPTIONS, BT_OUTPUT, BT_FRAMES, BT_RATE,
    BT_MILLIS, BT_TITLE, BT_DATE, BT_DESCRIPTION, BT_BYLINE, BT_LANG, BT_FIELD_COUNT
};

typedef struct bt_entry {
    char *f[BT_FIELD_COUNT];   /* owned; never NULL after parsing ("" when empty) */
    size_t seq;                /* order of arrival: of equal paths the later wins */
} bt_entry;

typedef struct bt_manifest {
    bt_entry *entries;         /* sorted by path, unique after bt_manifest_sort */
    size_t n, cap;
} bt_manifest;

void bt_entry_free(bt_entry *e);
/* Appends e as one manifest line, newline included. */
crier_status bt_entry_format(const bt_entry *e, crier_buf *out);
/* Parses one line (without its newline); false when it is not a whole entry. */
bool bt_entry_parse(const char *line, size_t len, bt_entry *ret);
/* Takes ownership of e's strings (replaces an entry with the same path when
 * the manifest is sorted; else appends). */
crier_status bt_manifest_put(bt_manifest *m, bt_entry *e);
/* Sorts by path; of equal paths the later one wins. */
void bt_manifest_sort(bt_manifest *m);
const bt_entry *bt_manifest_find(const bt_manifest *m, const char *path);
void bt_manifest_free(bt_manifest *m);
/* Reads every manifest file in dir (main first, then shard files by name).
 * Broken lines (a run killed mid-write) are skipped. */
crier_status bt_manifest_load_dir(const char *dir, bt_manifest *m);
/* The file name of a run's manifest: ".crier-manifest.tsv" or
 * ".crier-manifest.K-of-N.tsv". */
crier_status bt_manifest_name(unsigned k, unsigned n, crier_buf *out);
/* Writes m to dir/name atomically (temp + rename). */
crier_status bt_manifest_write(const char *dir, const char *name, const bt_manifest *m);
/* Removes the shard manifests of dir (after a whole-folder run or a merge). */
void bt_manifest_remove_shards(const char *dir);
/* Seconds of audio of an entry (0 when unknown). */
double bt_entry_audio_seconds(const bt_entry *e);
crier_batch_state bt_entry_state(const bt_entry *e);

/* ---- worker.c: one page in a worker process ---- */
typedef struct bt_ctx {
    const char *input_dir;
    const char *output_dir;
    const char *staging_dir;       /* this worker's own folder in output_dir */
    const crier_batch_opts *opts;
    const char *ext;               /* output format name = file extension */
    crier_format format;
    const char *options;           /* the audio options as recorded */
    const bt_manifest *old;        /* earlier runs' entries */
} bt_ctx;

/* Serves pages: reads 4-byte page indexes from task_fd until EOF, writes one
 * manifest line per page to result_fd. Returns only to exit the process. */
void bt_worker_main(const bt_ctx *ctx, const bt_pages *pages, int task_fd, int result_fd);

/* A result line whose reason starts with this stops the batch (every page
 * would fail the same way: voice, eSpeak NG data, language pack). */
#define BT_FATAL_PREFIX "fatal: "

/* Removes a staging folder and the files in it (no subfolders are made). */
void bt_remove_staging(const char *path);
/* Removes the staging folders that dead processes of this host left in dir. */
void bt_clean_stale_staging(const char *dir);
/* This process's staging folder name: ".crier-work-HOST-PID". */
crier_status bt_staging_name(long pid, crier_buf *out);

/* ---- report.c and feed.c ---- */
/* Writes the JSON report of the entries whose paths are in pages (NULL = all),
 * atomically. */
crier_status bt_report_write(const char *path, const char *input_dir, const char *output_dir,
                             const crier_batch_opts *opts, const bt_manifest *m,
                             const crier_batch_summary *sum);
/* Writes the podcast feed of the entries in m that have audio, atomically. */
crier_status bt_feed_write(const crier_batch_feed *feed, const char *output_dir,
                           const bt_manifest *m);

/* ---- shared helpers (run.c) ---- */
/* Joins a and b with one '/'. */
crier_status bt_path_join(const char *a, const char *b, crier_buf *out);
/* Writes bytes to path through a temporary file in its folder and a rename. */
crier_status bt_write_atomic(const char *path, const char *bytes, size_t len);

#endif
