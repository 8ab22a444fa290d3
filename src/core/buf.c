/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "core/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

void
crier_buf_init(crier_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void
crier_buf_free(crier_buf *b)
{
    if (b == NULL)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void
crier_buf_clear(crier_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void
crier_buf_truncate(crier_buf *b, size_t n)
{
    if (n < b->len) {
        b->len = n;
        b->data[n] = '\0';
    }
}

crier_status
crier_buf_reserve(crier_buf *b, size_t extra)
{
    if (extra > b->max || b->len > b->max - extra)
        return CRIER_E_LIMIT;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return CRIER_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (p == NULL)
        return CRIER_E_NOMEM;
    b->data = p;
    b->cap = cap;
    return CRIER_OK;
}

crier_status
crier_buf_append(crier_buf *b, const char *s, size_t len)
{
    crier_status st = crier_buf_reserve(b, len);
    if (st != CRIER_OK)
        return st;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return CRIER_OK;
}

crier_status
crier_buf_puts(crier_buf *b, const char *s)
{
    return crier_buf_append(b, s, strlen(s));
}

crier_status
crier_buf_putc(crier_buf *b, char c)
{
    return crier_buf_append(b, &c, 1);
}

crier_status
crier_buf_put_cp(crier_buf *b, unsigned cp)
{
    char tmp[4];
    size_t n = crier_utf8_encode(cp, tmp);
    return crier_buf_append(b, tmp, n);
}

crier_status
crier_buf_vprintf(crier_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return CRIER_E_ARG;
    crier_status st = crier_buf_reserve(b, (size_t)n);
    if (st != CRIER_OK)
        return st;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return CRIER_OK;
}

crier_status
crier_buf_printf(crier_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    crier_status st = crier_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return st;
}

crier_status
crier_buf_put_json_string(crier_buf *b, const char *s)
{
    crier_status st = crier_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; st == CRIER_OK && *p; p++) {
        switch (*p) {
        case '"': st = crier_buf_append(b, "\\\"", 2); break;
        case '\\': st = crier_buf_append(b, "\\\\", 2); break;
        case '\n': st = crier_buf_append(b, "\\n", 2); break;
        case '\r': st = crier_buf_append(b, "\\r", 2); break;
        case '\t': st = crier_buf_append(b, "\\t", 2); break;
        default:
            if (*p < 0x20)
                st = crier_buf_printf(b, "\\u%04x", *p);
            else
                st = crier_buf_putc(b, (char)*p);
        }
    }
    if (st == CRIER_OK)
        st = crier_buf_putc(b, '"');
    return st;
}

char *
crier_buf_steal(crier_buf *b)
{
    char *s = b->data;
    if (s == NULL)
        s = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

const char *
crier_buf_str(const crier_buf *b)
{
    return b->data ? b->data : "";
}

char *
crier_strndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
