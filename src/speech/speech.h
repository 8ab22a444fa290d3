/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_SPEECH_H
#define CRIER_SPEECH_H

#include "audio/audio.h"
#include "core/status.h"
#include "normalize/normalize.h"

/* speech: the only module that includes eSpeak NG. A script becomes PCM, handed
 * to a sink as eSpeak NG produces it (synchronous mode with a callback).
 * eSpeak NG keeps process-wide state: one crier_speech per process at a time. */

typedef struct crier_speech crier_speech;

typedef struct crier_speech_opts {
    const char *voice;   /* eSpeak NG voice name ("en-us", "de", ...); NULL = "en-us".
                          * A name containing '/' is the path of a voice file. */
    int rate_wpm;        /* words per minute, 80..450; 0 = default (175) */
} crier_speech_opts;

/* Initializes eSpeak NG and selects the voice. opts: borrowed.
 * Returns CRIER_OK, CRIER_E_SPEECH (no eSpeak NG data), CRIER_E_VOICE, CRIER_E_ARG
 * (rate out of range) or CRIER_E_NOMEM. Sets *ret_speech only on CRIER_OK. */
crier_status crier_speech_new(const crier_speech_opts *opts, crier_speech **ret_speech);

/* eSpeak NG's output sample rate (22,050 Hz for its voices). */
int crier_speech_sample_rate(const crier_speech *speech);

/* Speaks the script into sink, block by block, with a pause after each heading and a
 * longer pause between paragraphs than between sentences. script, sink: borrowed.
 * Returns CRIER_OK, CRIER_E_SPEECH, or the sink's status when writing fails. */
crier_status crier_speech_say(crier_speech *speech, const crier_script *script, crier_sink *sink);

/* Releases eSpeak NG. NULL-safe. */
void crier_speech_free(crier_speech *speech);

#endif
