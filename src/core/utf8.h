/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_CORE_UTF8_H
#define CRIER_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"

/* Decodes one code point from s[0..len). On success returns the number of bytes
 * used (1..4) and sets *ret_cp. On an invalid, overlong, surrogate or truncated
 * sequence returns 0 (and sets *ret_cp to U+FFFD). len must be > 0. */
size_t crier_utf8_decode(const char *s, size_t len, unsigned *ret_cp);
/* Encodes cp (invalid values become U+FFFD) into out (4 bytes); returns the length. */
size_t crier_utf8_encode(unsigned cp, char out[4]);
/* True when s[0..len) is entirely valid UTF-8. */
bool crier_utf8_valid(const char *s, size_t len);

struct crier_buf;
/* Appends s[0..len) to out with every invalid byte replaced by U+FFFD (for text
 * that did not come through the input stage, such as lines on stdin). */
crier_status crier_utf8_repair(const char *s, size_t len, struct crier_buf *out);

/* Locale-independent ASCII classes: library text never goes through <ctype.h>. */
static inline bool crier_is_ascii_digit(unsigned c) { return c >= '0' && c <= '9'; }
static inline bool crier_is_ascii_upper(unsigned c) { return c >= 'A' && c <= 'Z'; }
static inline bool crier_is_ascii_lower(unsigned c) { return c >= 'a' && c <= 'z'; }
static inline bool crier_is_ascii_alpha(unsigned c) { return crier_is_ascii_upper(c) || crier_is_ascii_lower(c); }
static inline bool crier_is_ascii_alnum(unsigned c) { return crier_is_ascii_alpha(c) || crier_is_ascii_digit(c); }
static inline bool crier_is_ascii_space(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static inline unsigned crier_ascii_lower(unsigned c) { return crier_is_ascii_upper(c) ? c + 32 : c; }
static inline unsigned crier_ascii_upper(unsigned c) { return crier_is_ascii_lower(c) ? c - 32 : c; }

/* True when a and b are the same string, ASCII letters compared without case. */
bool crier_ascii_equal_nocase(const char *a, const char *b);

/* True when s[0..len) ends with suffix, ASCII letters compared without case;
 * suffix must be lower case (".html", "mp3"). */
bool crier_ascii_ends_with_nocase(const char *s, size_t len, const char *suffix);

/* True for Unicode white space commonly found in web text (ASCII space classes,
 * U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000). */
bool crier_is_unicode_space(unsigned cp);

#endif
