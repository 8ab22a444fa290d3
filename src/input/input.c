/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "input/input.h"
#include <stdlib.h>
crier_doc_hint crier_input_hint_from_name(const char *path) { (void)path; return CRIER_HINT_NONE; }
crier_status crier_input_read(const char *path, const crier_limits *lim, crier_document **ret_doc) { (void)path; (void)lim; (void)ret_doc; return CRIER_E_ARG; }
crier_status crier_input_from_bytes(const char *name, const void *bytes, size_t len, crier_doc_hint hint, const crier_limits *lim, crier_document **ret_doc) { (void)name; (void)bytes; (void)len; (void)hint; (void)lim; (void)ret_doc; return CRIER_E_ARG; }
void crier_document_free(crier_document *doc) { (void)doc; }
