/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_CORE_BUF_H
#define CRIER_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "core/status.h"

/* A length-tracked, capped, always NUL-terminated byte buffer: the one way the
 * library builds text. data is NULL until the first append. A buffer never grows
 * past max bytes (not counting the NUL); appends past it fail with CRIER_E_LIMIT
 * and leave the buffer as it was. */
typedef struct crier_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
} crier_buf;

/* Default cap for buffers that hold one article's text: 64 MiB. */
#define CRIER_BUF_DEFAULT_MAX ((size_t)64 << 20)

void crier_buf_init(crier_buf *b, size_t max);
/* Frees the storage; the buffer may be reused after crier_buf_init. NULL-safe. */
void crier_buf_free(crier_buf *b);
/* Sets len to 0, keeps the storage. */
void crier_buf_clear(crier_buf *b);
/* Shrinks to n bytes (n <= len). */
void crier_buf_truncate(crier_buf *b, size_t n);
crier_status crier_buf_reserve(crier_buf *b, size_t extra);
crier_status crier_buf_append(crier_buf *b, const char *s, size_t len);
crier_status crier_buf_puts(crier_buf *b, const char *s);
crier_status crier_buf_putc(crier_buf *b, char c);
/* Appends a code point as UTF-8. */
crier_status crier_buf_put_cp(crier_buf *b, unsigned cp);
crier_status crier_buf_printf(crier_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
crier_status crier_buf_vprintf(crier_buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string literal, quotes included. */
crier_status crier_buf_put_json_string(crier_buf *b, const char *s);
/* Returns the text (owned by the caller, never NULL: "" when empty, or NULL on
 * out of memory) and resets the buffer to empty. */
char *crier_buf_steal(crier_buf *b);
/* The text so far, "" when empty; borrowed until the next change. */
const char *crier_buf_str(const crier_buf *b);

/* Duplicates the first len bytes of s as a NUL-terminated string; NULL on no memory. */
char *crier_strndup(const char *s, size_t len);

#endif
