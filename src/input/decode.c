/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "core/utf8.h"
#include "input/input_internal.h"

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

const char *
input_bom_charset(const unsigned char *b, size_t len, size_t *ret_skip)
{
    *ret_skip = 0;
    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        *ret_skip = 3;
        return "utf-8";
    }
    if (len >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        *ret_skip = 2;
        return "utf-16le";
    }
    if (len >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        *ret_skip = 2;
        return "utf-16be";
    }
    return NULL;
}

const char *
input_sniff_utf16(const unsigned char *b, size_t len)
{
    /* UTF-16 with no BOM: markup and most Western text are ASCII, so one
     * byte of almost every code unit is 0, always the same one. Latin-1 or
     * UTF-8 text has no NULs at all, and binary data no such rhythm. */
    size_t units = (len < 4096 ? len : 4096) / 2, le = 0, be = 0;
    if (units < 4)
        return NULL;
    for (size_t i = 0; i < units; i++) {
        unsigned char x = b[2 * i], y = b[2 * i + 1];
        if (x != 0 && y == 0)
            le++;
        else if (x == 0 && y != 0)
            be++;
    }
    if (le * 10 >= units * 6 && be * 20 <= units)
        return "utf-16le";
    if (be * 10 >= units * 6 && le * 20 <= units)
        return "utf-16be";
    return NULL;
}

static bool
ascii_ieq_prefix(const unsigned char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (crier_ascii_lower(s[i]) != (unsigned char)lit[i])
            return false;
    return true;
}

/* Reads a charset name at s (after "charset" and optional space, '=' and quote). */
static bool
read_charset_value(const unsigned char *s, size_t len, char *out, size_t out_size)
{
    size_t i = 0, n = 0;
    while (i < len && crier_is_ascii_space(s[i]))
        i++;
    if (i >= len || s[i] != '=')
        return false;
    i++;
    while (i < len && (crier_is_ascii_space(s[i]) || s[i] == '"' || s[i] == '\''))
        i++;
    while (i < len && n + 1 < out_size &&
           (crier_is_ascii_alnum(s[i]) || s[i] == '-' || s[i] == '_' || s[i] == '.' ||
            s[i] == ':')) {
        out[n++] = (char)crier_ascii_lower(s[i]);
        i++;
    }
    out[n] = '\0';
    return n > 0;
}

bool
input_sniff_declared_charset(const unsigned char *b, size_t len, char *out, size_t out_size)
{
    if (out_size == 0)
        return false;
    if (len > 4096)
        len = 4096;
    /* <?xml version="1.0" encoding="..."?> at the very start (XHTML). */
    if (ascii_ieq_prefix(b, len, "<?xml")) {
        for (size_t i = 5; i + 8 < len && b[i] != '>'; i++) {
            if (ascii_ieq_prefix(b + i, len - i, "encoding") &&
                read_charset_value(b + i + 8, len - i - 8, out, out_size))
                return true;
        }
    }
    for (size_t i = 0; i + 5 < len; i++) {
        if (b[i] != '<' || !ascii_ieq_prefix(b + i + 1, len - i - 1, "meta"))
            continue;
        /* Look for "charset" inside this tag only. */
        for (size_t j = i + 5; j < len && b[j] != '>'; j++) {
            if (ascii_ieq_prefix(b + j, len - j, "charset") &&
                read_charset_value(b + j + 7, len - j - 7, out, out_size))
                return true;
        }
    }
    return false;
}

/* The end of the run of bytes 0x20..0x7F from b[i], eight at a time. */
static size_t
printable_ascii_end(const unsigned char *b, size_t i, size_t len)
{
    const uint64_t high = 0x8080808080808080u, x20 = 0x2020202020202020u;
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, b + i, 8);
        /* a byte with its top bit set, or one below 0x20 (the byte minus 0x20
         * borrows), stops the run */
        if ((w & high) != 0 || ((w - x20) & ~w & high) != 0)
            break;
        i += 8;
    }
    while (i < len && b[i] >= 0x20 && b[i] < 0x80)
        i++;
    return i;
}

crier_status
input_utf8_repair(const unsigned char *b, size_t len, crier_buf *out)
{
    /* Runs of bytes kept as they are go out in one append: byte by byte, this
     * pass cost more than libxml2's parse of the page (tests/bench/extract-bench.sh). */
    crier_status st = CRIER_OK;
    size_t i = 0, run = 0;
    /* room for the usual case up front; past the cap, the appends say so */
    if (crier_buf_reserve(out, len) == CRIER_E_NOMEM)
        return CRIER_E_NOMEM;
    while (st == CRIER_OK && i < len) {
        i = printable_ascii_end(b, i, len);
        if (i == len)
            break;
        unsigned c = b[i];
        if (c < 0x80) {
            if (c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            st = crier_buf_append(out, (const char *)b + run, i - run);
            run = ++i; /* a control or NUL is dropped */
            continue;
        }
        unsigned cp;
        size_t n = crier_utf8_decode((const char *)b + i, len - i, &cp);
        if (n > 0) {
            i += n;
            continue;
        }
        if (c < 0xA0)
            cp = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
        else
            cp = c;
        st = crier_buf_append(out, (const char *)b + run, i - run);
        if (st == CRIER_OK)
            st = crier_buf_put_cp(out, cp);
        run = ++i;
    }
    if (st == CRIER_OK)
        st = crier_buf_append(out, (const char *)b + run, i - run);
    return st;
}

crier_status
input_iconv(const char *charset, const unsigned char *bytes, size_t len, crier_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return CRIER_E_ARG;

    crier_status st = CRIER_OK;
    char chunk[4096];
    char *in = (char *)bytes;
    size_t in_left = len;
    crier_buf raw;
    crier_buf_init(&raw, out->max);

    while (in_left > 0 && st == CRIER_OK) {
        char *o = chunk;
        size_t o_left = sizeof chunk;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        int err = errno;
        st = crier_buf_append(&raw, chunk, sizeof chunk - o_left);
        if (r != (size_t)-1 || st != CRIER_OK)
            continue;
        if (err == E2BIG)
            continue;
        /* EILSEQ: an undecodable byte; EINVAL: a truncated sequence at the end. */
        st = crier_buf_put_cp(&raw, 0xFFFD);
        if (err == EINVAL) {
            in_left = 0;
        } else {
            in++;
            in_left--;
        }
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    /* iconv's output is UTF-8; run it through the repair pass to drop controls
     * and NULs the same way as for UTF-8 input. */
    if (st == CRIER_OK)
        st = input_utf8_repair((const unsigned char *)crier_buf_str(&raw), raw.len, out);
    crier_buf_free(&raw);
    if (iconv_close(cd) != 0 && st == CRIER_OK)
        st = CRIER_E_ARG;
    return st;
}

bool
input_looks_binary(const unsigned char *b, size_t len, bool utf8_expected)
{
    size_t n = len < 8192 ? len : 8192;
    size_t controls = 0, bad = 0, nuls = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = b[i];
        if (c < 0x80) {
            if (c == 0)
                nuls++;
            else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ||
                     c == 0x7F)
                controls++;
            i++;
            continue;
        }
        unsigned cp;
        size_t k = crier_utf8_decode((const char *)b + i, n - i, &cp);
        if (k == 0) {
            /* A sequence cut by the 8 KiB window is not evidence. */
            if (n - i >= 4)
                bad++;
            k = 1;
        }
        i += k;
    }
    if (n == 0)
        return false;
    /* Text has few controls: more than a tenth is not text. Without a declared
     * legacy charset, text is mostly ASCII or UTF-8: almost a third of
     * undecodable bytes is not text either (a Latin-1 page has a few percent). */
    if ((controls + nuls) * 10 > n)
        return true;
    /* A stray NUL in a saved page is dropped with the other controls; many
     * are a binary format (images, programs, archives). */
    if (nuls * 100 > n)
        return true;
    if (utf8_expected && bad * 100 > n * 30)
        return true;
    return false;
}
