/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "speech/speech.h"
crier_status crier_speech_new(const crier_speech_opts *opts, crier_speech **ret_speech) { (void)opts; (void)ret_speech; return CRIER_E_SPEECH; }
int crier_speech_sample_rate(const crier_speech *speech) { (void)speech; return 22050; }
crier_status crier_speech_say(crier_speech *speech, const crier_script *script, crier_sink *sink) { (void)speech; (void)script; (void)sink; return CRIER_E_SPEECH; }
void crier_speech_free(crier_speech *speech) { (void)speech; }
