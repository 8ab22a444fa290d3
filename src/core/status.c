/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "core/status.h"

static const char *const messages[CRIER_STATUS_COUNT] = {
    [CRIER_OK] = "success",
    [CRIER_E_NOMEM] = "out of memory",
    [CRIER_E_ARG] = "invalid argument",
    [CRIER_E_NOENT] = "no such file or directory",
    [CRIER_E_ISDIR] = "is a directory, not a file",
    [CRIER_E_READ] = "cannot be read",
    [CRIER_E_EMPTY] = "is empty",
    [CRIER_E_BINARY] = "is binary data, not a web page or text",
    [CRIER_E_TOO_BIG] = "is larger than the input size limit",
    [CRIER_E_NO_ARTICLE] = "has no article text",
    [CRIER_E_LIMIT] = "exceeds a processing limit (nesting depth, article length or token size)",
    [CRIER_E_FORMAT] = "unknown or unsupported audio format",
    [CRIER_E_WRITE] = "cannot be written",
    [CRIER_E_ENCODE] = "audio encoding failed",
    [CRIER_E_DEVICE] = "audio device unavailable",
    [CRIER_E_VOICE] = "unknown voice or missing voice data",
    [CRIER_E_SPEECH] = "speech synthesis failed",
    [CRIER_E_LANG] = "language data missing or unreadable",
    [CRIER_E_PARSE] = "cannot be parsed",
    [CRIER_E_OUTDIR] = "output folder does not exist or is not writable",
    [CRIER_E_CANCELLED] = "cancelled",
};

const char *
crier_status_message(crier_status st)
{
    if ((unsigned)st >= CRIER_STATUS_COUNT || messages[st] == 0)
        return "unknown error";
    return messages[st];
}
