/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_AUDIO_OUTFILE_H
#define CRIER_AUDIO_OUTFILE_H

/* Internal to src/audio: an output file written under a temporary name
 * (".NAME.XXXXXX.part" in the target's folder, O_EXCL, mode 0666 less the
 * umask) and renamed onto the target only when complete, so that a failure
 * never leaves a partial file. */

#include <stddef.h>

#include "core/status.h"

struct crier_outfile {
    int fd;         /* the temporary file; -1 when closed */
    char *path;     /* the target, owned */
    char *tmp_path; /* owned; NULL once renamed */
    int err;        /* errno of the first failed write, sync, close or rename */
};

/* path "-" writes to (a duplicate of) standard output, with no temporary file:
 * commit only closes it, discard cannot take back what was written.
 * Returns CRIER_OK, CRIER_E_OUTDIR (folder missing or not writable),
 * CRIER_E_WRITE (target is a folder, full disk), CRIER_E_ARG or CRIER_E_NOMEM.
 * On failure o holds nothing to discard. */
crier_status crier_outfile_open(struct crier_outfile *o, const char *path);
/* Writes all of data to fd. CRIER_E_WRITE on failure (o->err says why). */
crier_status crier_outfile_write(struct crier_outfile *o, const void *data, size_t len);
/* fsync, close (both checked), rename onto the target, sync the folder. On
 * failure the temporary file is left for crier_outfile_discard. */
crier_status crier_outfile_commit(struct crier_outfile *o);
/* Closes and removes the temporary file if still there, frees. Idempotent. */
void crier_outfile_discard(struct crier_outfile *o);

#endif
