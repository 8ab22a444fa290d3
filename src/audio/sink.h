/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_AUDIO_SINK_H
#define CRIER_AUDIO_SINK_H

/* Internal to src/audio: the operations table every sink implements. */

#include <stdbool.h>
#include <stddef.h>

#include "audio/audio.h"

struct crier_sink_ops {
    /* Writes n_frames (1..CRIER_AUDIO_CHUNK_FRAMES); pcm borrowed for the call. */
    crier_status (*write)(crier_sink *sink, const short *pcm, size_t n_frames);
    /* Completes the output; called at most once, and only when no write failed. */
    crier_status (*finish)(crier_sink *sink);
    /* Releases everything the sink owns, the struct included. */
    void (*free)(crier_sink *sink);
};

/* Every sink starts with this header (first member), so a crier_sink * is also a
 * pointer to the concrete sink. */
struct crier_sink {
    const struct crier_sink_ops *ops;
    int rate;
    size_t frames;       /* frames accepted so far */
    crier_status failed; /* first write/finish error; sticky */
    int os_errno;        /* the system's reason for it (EFBIG, ENOSPC...), or 0 */
    bool finished;
};

void crier_sink_init(crier_sink *sink, const struct crier_sink_ops *ops, int rate);

/* Wraps inner (owned from CRIER_OK on; kept by the caller on failure) so that
 * its writes run on an encoder thread behind a bounded queue. */
crier_status crier_sink_threaded(crier_sink *inner, crier_sink **ret_sink);

#endif
