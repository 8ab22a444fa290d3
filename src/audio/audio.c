/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "audio/audio.h"
crier_status crier_format_from_path(const char *path, crier_format *ret_format) { (void)path; (void)ret_format; return CRIER_E_FORMAT; }
const char *crier_format_name(crier_format format) { (void)format; return "wav"; }
crier_status crier_sink_file_open(const char *path, crier_format format, int rate, const crier_tags *tags, crier_sink **ret_sink) { (void)path; (void)format; (void)rate; (void)tags; (void)ret_sink; return CRIER_E_WRITE; }
crier_status crier_sink_live_open(const char *device, int rate, crier_sink **ret_sink) { (void)device; (void)rate; (void)ret_sink; return CRIER_E_DEVICE; }
crier_status crier_sink_null_open(int rate, crier_sink **ret_sink) { (void)rate; (void)ret_sink; return CRIER_E_DEVICE; }
crier_status crier_sink_write(crier_sink *sink, const short *pcm, size_t n_frames) { (void)sink; (void)pcm; (void)n_frames; return CRIER_E_WRITE; }
crier_status crier_sink_finish(crier_sink *sink) { (void)sink; return CRIER_E_WRITE; }
size_t crier_sink_frames(const crier_sink *sink) { (void)sink; return 0; }
void crier_sink_free(crier_sink *sink) { (void)sink; }
