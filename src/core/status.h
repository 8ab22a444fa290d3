/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_CORE_STATUS_H
#define CRIER_CORE_STATUS_H

/* Every library function that can fail returns a crier_status; CRIER_OK is 0.
 * Values are only ever appended (they are stable across versions), and every
 * value has a one-line message (crier_status_message). */
typedef enum crier_status {
    CRIER_OK = 0,
    CRIER_E_NOMEM,      /* out of memory */
    CRIER_E_ARG,        /* invalid argument (a caller's mistake) */
    CRIER_E_NOENT,      /* no such file or directory */
    CRIER_E_ISDIR,      /* is a directory, not a file */
    CRIER_E_READ,       /* cannot read the input (permissions, I/O error) */
    CRIER_E_EMPTY,      /* the input is empty */
    CRIER_E_BINARY,     /* the input is binary data, not a page or text */
    CRIER_E_TOO_BIG,    /* the input is larger than the size cap */
    CRIER_E_NO_ARTICLE, /* no article text found in the page */
    CRIER_E_LIMIT,      /* a named cap (depth, length, tokens) was reached */
    CRIER_E_FORMAT,     /* unknown or unsupported output format */
    CRIER_E_WRITE,      /* cannot write the output (permissions, full disk) */
    CRIER_E_ENCODE,     /* the audio encoder failed */
    CRIER_E_DEVICE,     /* the audio device cannot be opened or failed */
    CRIER_E_VOICE,      /* unknown voice or voice data missing */
    CRIER_E_SPEECH,     /* the speech synthesizer failed */
    CRIER_E_LANG,       /* language pack (voices/<lang>/) missing or unreadable */
    CRIER_E_PARSE,      /* the document could not be parsed */
    CRIER_E_OUTDIR,     /* the output folder does not exist or is not writable */
    CRIER_E_CANCELLED,  /* stopped by the caller (signal, user quit) */
    CRIER_STATUS_COUNT  /* not a status: the number of statuses */
} crier_status;

/* A short, lower-case, one-line reason for st ("no such file or directory").
 * Returns a static string; never NULL, also for out-of-range values. */
const char *crier_status_message(crier_status st);

#endif
