/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "core/utf8.h"

#include <string.h>

#include "core/buf.h"

size_t
crier_utf8_decode(const char *s, size_t len, unsigned *ret_cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0], cp, min;
    size_t n;

    *ret_cp = 0xFFFD;
    if (c < 0x80) {
        *ret_cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2; cp = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; cp = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; cp = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *ret_cp = cp;
    return n;
}

size_t
crier_utf8_encode(unsigned cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool
crier_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    unsigned cp;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = crier_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

bool
crier_is_unicode_space(unsigned cp)
{
    if (cp < 0x80)
        return crier_is_ascii_space(cp);
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0x85;
}

crier_status
crier_utf8_repair(const char *s, size_t len, crier_buf *out)
{
    crier_status st = CRIER_OK;
    size_t i = 0, run = 0; /* run: start of the current stretch of valid bytes */
    unsigned cp;

    while (i < len && st == CRIER_OK) {
        size_t n = (unsigned char)s[i] < 0x80 ? 1 : crier_utf8_decode(s + i, len - i, &cp);
        if (n > 0) {
            i += n;
            continue;
        }
        st = crier_buf_append(out, s + run, i - run);
        if (st == CRIER_OK)
            st = crier_buf_put_cp(out, 0xFFFD);
        run = ++i;
    }
    if (st == CRIER_OK)
        st = crier_buf_append(out, s + run, len - run);
    return st;
}

bool
crier_ascii_equal_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (crier_ascii_lower((unsigned char)*a) != crier_ascii_lower((unsigned char)*b))
            return false;
    return *a == *b;
}

bool
crier_ascii_ends_with_nocase(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (crier_ascii_lower((unsigned char)s[len - n + i]) != (unsigned char)suffix[i])
            return false;
    return true;
}
