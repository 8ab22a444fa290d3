/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_INPUT_H
#define CRIER_INPUT_H

#include <stddef.h>

#include "core/limits.h"
#include "core/status.h"

/* input: bytes from a file or stdin become a document: valid UTF-8 text and
 * whether it is HTML or plain text. */

typedef enum crier_doc_kind {
    CRIER_DOC_HTML,
    CRIER_DOC_TEXT,
} crier_doc_kind;

/* What the caller knows about the bytes: from the file name, or nothing (stdin). */
typedef enum crier_doc_hint {
    CRIER_HINT_NONE,  /* detect HTML vs text from the bytes */
    CRIER_HINT_HTML,
    CRIER_HINT_TEXT,
} crier_doc_hint;

/* A decoded document. All fields owned by the document; read-only for callers. */
typedef struct crier_document {
    char *name;         /* the path as given, or "-" / "(stdin)" for stdin */
    char *text;         /* valid UTF-8, NUL-terminated, BOM removed */
    size_t len;         /* bytes of text, without the NUL */
    crier_doc_kind kind;
    char *charset;      /* the source charset as detected ("utf-8", "windows-1252", ...) */
} crier_document;

/* The hint a file name gives: .html .htm .xhtml .shtml .mht .mhtml → HTML,
 * .txt → text, else NONE; a ".gz" suffix is looked through ("a.html.gz"). */
crier_doc_hint crier_input_hint_from_name(const char *path);

/* Reads path ("-" for stdin) and decodes it. path: borrowed.
 * Returns CRIER_OK, CRIER_E_NOENT, CRIER_E_ISDIR, CRIER_E_READ, CRIER_E_EMPTY,
 * CRIER_E_BINARY, CRIER_E_TOO_BIG (past lim->max_input_bytes) or CRIER_E_NOMEM.
 * Sets *ret_doc (owned by the caller, free with crier_document_free) only on CRIER_OK. */
crier_status crier_input_read(const char *path, const crier_limits *lim, crier_document **ret_doc);

/* Decodes bytes already in memory. name and bytes: borrowed (copied). Same statuses
 * as crier_input_read, less the file ones. gzip data is inflated first (capped at
 * lim->max_input_bytes), and an MHTML message (.mht/.mhtml, detected by its MIME
 * headers) gives its first text/html part, read with that part's charset. */
crier_status crier_input_from_bytes(const char *name, const void *bytes, size_t len,
                                    crier_doc_hint hint, const crier_limits *lim,
                                    crier_document **ret_doc);

/* NULL-safe. */
void crier_document_free(crier_document *doc);

#endif
