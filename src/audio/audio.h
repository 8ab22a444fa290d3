/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_AUDIO_H
#define CRIER_AUDIO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"

/* audio: 16-bit mono PCM flows into a sink: a file (libsndfile), the speakers
 * (pcaudiolib) or nowhere (null, for benchmarks). All sinks share one small
 * interface. PCM arrives in chunks; no sink holds an article's audio whole. */

typedef struct crier_sink crier_sink;

typedef enum crier_format {
    CRIER_FORMAT_WAV,
    CRIER_FORMAT_OGG, /* Ogg Vorbis */
    CRIER_FORMAT_FLAC,
    CRIER_FORMAT_MP3,  /* MPEG Layer III through LAME; podcast directories want it */
    CRIER_FORMAT_OPUS, /* Ogg Opus at 24 kHz (resampled with libsoxr) */
    CRIER_FORMAT_COUNT
} crier_format;

/* Tags written into files that carry them (Vorbis comments, WAV INFO, FLAC;
 * MP3: an ID3v2.4 tag in UTF-8). Each is cut to 1,024 bytes at a character
 * boundary. Strings borrowed; NULL = absent. */
typedef struct crier_tags {
    const char *title;
    const char *artist; /* byline */
    const char *album;  /* site name */
    const char *date;
    const char *comment;  /* source URL */
    const char *language; /* BCP 47 ("en", "en-US"); MP3: TLAN in ISO 639-2
                           * ("eng"); others: LANGUAGE comment or WAV ILNG, as
                           * given. Ignored unless 1..35 letters, digits, '-'. */
} crier_tags;

/* The format an output path's extension names (case-insensitive ".wav", ".ogg",
 * ".oga", ".flac", ".mp3", ".opus").
 * Returns CRIER_OK or CRIER_E_FORMAT. */
crier_status crier_format_from_path(const char *path, crier_format *ret_format);
/* "wav", "ogg", "flac", "mp3", "opus"; "unknown" out of range. */
const char *crier_format_name(crier_format format);
/* The format crier_format_name gives that name (case-insensitive; also "oga",
 * "vorbis"), for a --format option. Returns CRIER_OK or CRIER_E_FORMAT. */
crier_status crier_format_from_name(const char *name, crier_format *ret_format);

/* Opens a file sink: audio goes to a temporary file in path's folder, which
 * crier_sink_finish renames to path; crier_sink_free without a successful finish
 * removes it, so a failure never leaves a partial file. path, tags: borrowed.
 * Returns CRIER_OK, CRIER_E_OUTDIR, CRIER_E_WRITE, CRIER_E_FORMAT or CRIER_E_NOMEM;
 * after CRIER_E_OUTDIR or CRIER_E_WRITE, errno holds the system's reason. */
crier_status crier_sink_file_open(const char *path, crier_format format, int rate,
                                  const crier_tags *tags, crier_sink **ret_sink);

/* Encoder settings for file sinks. */
typedef struct crier_file_opts {
    /* 0 (smallest) .. 1 (best); negative: the format's speech default.
     * OGG: Vorbis VBR quality (default 0.3, ~45 kbit/s mono). FLAC: compression
     * effort (0 fastest .. 1 smallest file). MP3: used only when bitrate_kbps
     * is 0: LAME VBR quality, LAME's -V 10 (1 - q) (default 0.3: -V 7, ~46
     * kbit/s for speech). Opus: used only when bitrate_kbps is 0, mapped onto
     * its bitrate range. */
    double quality;
    /* MP3: a constant bitrate (8..160 at 22,050 Hz); 0: VBR from quality, but
     * CBR 48 when both are unset and the output is a pipe (a VBR stream has no
     * Info frame to give players its duration). Opus: target bitrate (6..256;
     * default 32); 0: from quality, else the default. */
    int bitrate_kbps;
    /* Encode on a second thread behind a bounded queue, so that encoding
     * overlaps synthesis (default true; WAV is always written directly). */
    bool encoder_thread;
} crier_file_opts;

/* quality -1, bitrate_kbps 0, encoder_thread true. */
crier_file_opts crier_file_opts_default(void);

/* crier_sink_file_open with encoder settings (opts borrowed; NULL = defaults).
 * Also CRIER_E_ARG for a bitrate outside the format's range. */
crier_status crier_sink_file_open_opts(const char *path, crier_format format, int rate,
                                       const crier_tags *tags, const crier_file_opts *opts,
                                       crier_sink **ret_sink);

/* Opens the live sink: the default audio device (device NULL) or a named one,
 * through pcaudiolib. Returns CRIER_OK, CRIER_E_DEVICE or CRIER_E_NOMEM. */
crier_status crier_sink_live_open(const char *device, int rate, crier_sink **ret_sink);

/* Drops what a live sink's device still holds instead of playing it out (a
 * player's skip or stop); later writes play as usual. Pausing needs nothing
 * more: a player stops writing, and only the device's buffer plays on.
 * Returns CRIER_OK, CRIER_E_DEVICE, or CRIER_E_ARG for any other sink. */
crier_status crier_sink_live_flush(crier_sink *sink);

/* A sink that counts frames and drops them. */
crier_status crier_sink_null_open(int rate, crier_sink **ret_sink);

/* Writes n_frames of mono 16-bit PCM (pcm borrowed for the call). Large writes
 * are split into chunks of at most CRIER_AUDIO_CHUNK_FRAMES. With an encoder
 * thread, an encoder error is reported by a later write or by finish.
 * Returns CRIER_OK, CRIER_E_WRITE, CRIER_E_ENCODE, CRIER_E_DEVICE (or a
 * callback sink's status); CRIER_E_ARG after finish. Errors are sticky: every
 * later write and finish return the first one. */
crier_status crier_sink_write(crier_sink *sink, const short *pcm, size_t n_frames);

/* Completes the output: for files, closes and renames into place; for live
 * playback, waits until the device has played everything. Returns CRIER_OK,
 * the sink's first error, CRIER_E_WRITE (late disk-full errors from closing),
 * CRIER_E_DEVICE, or CRIER_E_ARG when called twice. */
crier_status crier_sink_finish(crier_sink *sink);

/* After a write or finish failed with CRIER_E_WRITE: the system's reason
 * (errno: ENOSPC, EFBIG, EPIPE, EIO...) for a file sink, else 0. */
int crier_sink_os_error(const crier_sink *sink);

/* Frames written so far. */
size_t crier_sink_frames(const crier_sink *sink);

/* Releases the sink; a file sink not finished is removed. NULL-safe. */
void crier_sink_free(crier_sink *sink);

#define CRIER_AUDIO_CHUNK_FRAMES 4096

/* Transcripts and chapters. Times are given in frames at rate (the audio's
 * sample rate). Both files are written like audio files: under a temporary
 * name, renamed into place by _finish, removed by _free without _finish. Each
 * cue or chapter is written as it is added: memory does not grow with length.
 * _open returns CRIER_OK, CRIER_E_OUTDIR, CRIER_E_WRITE, CRIER_E_ARG or
 * CRIER_E_NOMEM; the others CRIER_OK, CRIER_E_WRITE, CRIER_E_ARG (times going
 * backwards), CRIER_E_LIMIT (one entry over 1 MiB) or CRIER_E_NOMEM. A write
 * failure or limit is sticky. Strings borrowed for the call. */

/* WebVTT: one cue per sentence; text is escaped (&, <, >) and put on one line. */
typedef struct crier_vtt crier_vtt;
crier_status crier_vtt_open(const char *path, int rate, crier_vtt **ret_vtt);
/* A cue from start to end (end <= start becomes start + 1 ms); empty text is
 * skipped. start must not go before the previous cue's start. */
crier_status crier_vtt_add(crier_vtt *vtt, size_t start_frame, size_t end_frame, const char *text);
crier_status crier_vtt_finish(crier_vtt *vtt);
void crier_vtt_free(crier_vtt *vtt);

/* Podcasting 2.0 JSON chapters ({"version": "1.2.0", "chapters": [{"startTime":
 * seconds, "title": ...}]}), one per heading. */
typedef struct crier_chapters crier_chapters;
crier_status crier_chapters_open(const char *path, int rate, crier_chapters **ret_chapters);
/* start must not go before the previous chapter's start. */
crier_status crier_chapters_add(crier_chapters *ch, size_t start_frame, const char *title);
crier_status crier_chapters_finish(crier_chapters *ch);
void crier_chapters_free(crier_chapters *ch);

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
