/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "extract/extract.h"
crier_status crier_extract(const crier_document *doc, const crier_limits *lim, crier_article **ret_art) { (void)doc; (void)lim; (void)ret_art; return CRIER_E_ARG; }
void crier_article_free(crier_article *art) { (void)art; }
const char *crier_block_type_name(crier_block_type type) { (void)type; return "paragraph"; }
crier_status crier_article_to_json(const crier_article *art, crier_buf *out) { (void)art; (void)out; return CRIER_E_ARG; }
crier_status crier_article_to_text(const crier_article *art, crier_buf *out) { (void)art; (void)out; return CRIER_E_ARG; }
