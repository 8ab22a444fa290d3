/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_AUDIO_H
#define CRIER_AUDIO_H

#include <stddef.h>

#include "core/status.h"

/* audio: 16-bit mono PCM flows into a sink: a file (libsndfile), the speakers
 * (pcaudiolib) or nowhere (null, for benchmarks). All sinks share one small
 * interface. PCM arrives in chunks; no sink holds an article's audio whole. */

typedef struct crier_sink crier_sink;

typedef enum crier_format {
    CRIER_FORMAT_WAV,
    CRIER_FORMAT_OGG,   /* Ogg Vorbis */
    CRIER_FORMAT_COUNT
} crier_format;

/* Tags written into files that carry them. Strings borrowed; NULL = absent. */
typedef struct crier_tags {
    const char *title;
    const char *artist;   /* byline */
    const char *album;    /* site name */
    const char *date;
    const char *comment;  /* source URL */
} crier_tags;

/* The format an output path's extension names (case-insensitive ".wav", ".ogg").
 * Returns CRIER_OK or CRIER_E_FORMAT. */
crier_status crier_format_from_path(const char *path, crier_format *ret_format);
/* "wav", "ogg". */
const char *crier_format_name(crier_format format);

/* Opens a file sink: audio goes to a temporary file in path's folder, which
 * crier_sink_finish renames to path; crier_sink_free without a successful finish
 * removes it, so a failure never leaves a partial file. path, tags: borrowed.
 * Returns CRIER_OK, CRIER_E_OUTDIR, CRIER_E_WRITE, CRIER_E_FORMAT or CRIER_E_NOMEM. */
crier_status crier_sink_file_open(const char *path, crier_format format, int rate,
                                  const crier_tags *tags, crier_sink **ret_sink);

/* Opens the live sink: the default audio device (device NULL) or a named one,
 * through pcaudiolib. Returns CRIER_OK, CRIER_E_DEVICE or CRIER_E_NOMEM. */
crier_status crier_sink_live_open(const char *device, int rate, crier_sink **ret_sink);

/* A sink that counts frames and drops them. */
crier_status crier_sink_null_open(int rate, crier_sink **ret_sink);

/* Writes n_frames of mono 16-bit PCM (pcm borrowed for the call). Large writes
 * are split into chunks of at most CRIER_AUDIO_CHUNK_FRAMES.
 * Returns CRIER_OK, CRIER_E_WRITE, CRIER_E_ENCODE or CRIER_E_DEVICE. */
crier_status crier_sink_write(crier_sink *sink, const short *pcm, size_t n_frames);

/* Completes the output: for files, closes and renames into place; for live
 * playback, waits until the device has played everything. */
crier_status crier_sink_finish(crier_sink *sink);

/* Frames written so far. */
size_t crier_sink_frames(const crier_sink *sink);

/* Releases the sink; a file sink not finished is removed. NULL-safe. */
void crier_sink_free(crier_sink *sink);

#define CRIER_AUDIO_CHUNK_FRAMES 4096

/* Writes n_frames of silence (pauses between blocks). Same statuses as
 * crier_sink_write. */
crier_status crier_sink_write_silence(crier_sink *sink, size_t n_frames);

/* A sink that hands each chunk (at most CRIER_AUDIO_CHUNK_FRAMES frames, pcm
 * borrowed for the call) to write_fn; a non-OK status from write_fn fails the
 * write with that status. For tests, meters and embedding. user: borrowed. */
typedef crier_status (*crier_sink_write_fn)(void *user, const short *pcm, size_t n_frames);
crier_status crier_sink_callback_open(int rate, crier_sink_write_fn write_fn, void *user,
                                      crier_sink **ret_sink);

/* The sample rate the sink was opened with (the rate of the PCM it takes). */
int crier_sink_rate(const crier_sink *sink);

#endif
