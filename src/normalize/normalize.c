/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "normalize/normalize.h"
const char *crier_voices_dir(void) { return ""; }
crier_status crier_lang_load(const char *voices_dir, const char *lang, crier_lang **ret_lang) { (void)voices_dir; (void)lang; (void)ret_lang; return CRIER_E_LANG; }
void crier_lang_free(crier_lang *lang) { (void)lang; }
crier_status crier_normalize_text(const crier_lang *lang, const char *text, size_t len, crier_buf *out) { (void)lang; return crier_buf_append(out, text, len); }
crier_normalize_opts crier_normalize_opts_default(void) { return (crier_normalize_opts){ .intro = true, .captions = false }; }
crier_status crier_normalize(const crier_lang *lang, const crier_article *art, const crier_normalize_opts *opts, crier_script **ret_script) { (void)lang; (void)art; (void)opts; (void)ret_script; return CRIER_E_ARG; }
void crier_script_free(crier_script *script) { (void)script; }
