/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Output names, feed GUIDs and feed dates. A name is a pure function of the
 * page's relative path and its article (never of other pages), so shards on
 * different machines name the same page the same way, and the key from the
 * path keeps names unique without any coordination. */
#include <stdlib.h>
#include <string.h>

#include "batch/batch_internal.h"
#include "core/utf8.h"

/* What a code point becomes in a slug. */
enum slug_class { SLUG_KEEP, SLUG_DROP, SLUG_SEP };

static enum slug_class
slug_class(unsigned cp)
{
    if (cp == '\'' || cp == 0x2019 || cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) ||
        (cp >= 0xFE00 && cp <= 0xFE0F))
        return SLUG_DROP; /* "we’ll" → "well"; soft hyphens, zero-width and bidi marks */
    if (cp < 0x80)
        return crier_is_ascii_alnum(cp) ? SLUG_KEEP : SLUG_SEP;
    if (cp < 0xA0 || crier_is_unicode_space(cp) || (cp >= 0x2000 && cp <= 0x206F) ||
        (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xFFFD ||
        cp == 0x00AB || cp == 0x00BB || cp == 0x00B7)
        return SLUG_SEP; /* C1 controls, spaces, punctuation, quotes, replacement char */
    return SLUG_KEEP;
}

/* "À".."Þ" but "×": the capitals whose small letter is 0x20 above (names of
 * European headlines read in lower case like the ASCII ones). */
static bool
is_latin1_upper(unsigned cp)
{
    return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7;
}

/* Appends the slug of s (at most max bytes, '-' between words, never at either
 * end); returns the bytes appended. */
static crier_status
put_slug(crier_buf *out, const char *s, size_t max, size_t *ret_n)
{
    size_t start = out->len, len = strlen(s);
    bool sep = false;
    crier_status st = CRIER_OK;

    for (size_t i = 0; i < len && st == CRIER_OK;) {
        unsigned cp;
        size_t n = crier_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            n = 1; /* cp is U+FFFD: a separator */
        enum slug_class c = slug_class(cp);
        if (c == SLUG_SEP) {
            sep = out->len > start;
        } else if (c == SLUG_KEEP) {
            size_t need = n + (sep ? 1 : 0);
            if (out->len - start + need > max) {
                /* Full: end at a word's end rather than inside one. */
                size_t end = out->len;
                while (!sep && end > start && out->data[end - 1] != '-')
                    end--;
                if (!sep && end > start)
                    crier_buf_truncate(out, end - 1);
                break;
            }
            if (sep)
                st = crier_buf_putc(out, '-');
            if (st == CRIER_OK)
                st = cp < 0x80 ? crier_buf_putc(out, (char)crier_ascii_lower(cp))
                     : is_latin1_upper(cp) ? crier_buf_put_cp(out, cp + 0x20)
                                           : crier_buf_append(out, s + i, n);
            sep = false;
        }
        i += n;
    }
    if (st == CRIER_OK)
        *ret_n = out->len - start;
    return st;
}

static bool
is_iso_day(const char *d)
{
    if (d == NULL || strlen(d) < 10 || d[4] != '-' || d[7] != '-')
        return false;
    for (unsigned i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !crier_is_ascii_digit((unsigned char)d[i]))
            return false;
    return d[10] == '\0' || d[10] == 'T' || d[10] == ' ';
}

/* The file's own name without folders and extension, for pages without a title. */
static crier_status
put_stem_slug(crier_buf *out, const char *path, size_t *ret_n)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    char *stem = crier_strndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
    if (stem == NULL)
        return CRIER_E_NOMEM;
    crier_status st = put_slug(out, stem, CRIER_BATCH_SLUG_MAX, ret_n);
    free(stem);
    return st;
}

crier_status
bt_output_name(const char *path, const char *title, const char *date, const char *ext,
               crier_buf *out)
{
    char key[65];
    size_t n = 0;
    crier_status st = CRIER_OK;
    size_t start = out->len;

    bt_sha256_hex(path, strlen(path), key);
    if (is_iso_day(date))
        st = crier_buf_printf(out, "%.10s-", date);
    if (st == CRIER_OK && title != NULL)
        st = put_slug(out, title, CRIER_BATCH_SLUG_MAX, &n);
    if (st == CRIER_OK && n == 0)
        st = put_stem_slug(out, path, &n);
    if (st == CRIER_OK && n == 0)
        st = crier_buf_puts(out, "page");
    if (st == CRIER_OK)
        st = crier_buf_printf(out, "-%.8s.%s", key, ext);
    if (st != CRIER_OK)
        crier_buf_truncate(out, start);
    return st;
}

crier_status
bt_sidecar_name(const char *audio, const char *suffix, crier_buf *out)
{
    const char *dot = strrchr(audio, '.');
    crier_status st = crier_buf_append(out, audio, dot ? (size_t)(dot - audio) : strlen(audio));
    return st == CRIER_OK ? crier_buf_puts(out, suffix) : st;
}

crier_status
bt_guid(const char *path, crier_buf *out)
{
    char key[65];
    bt_sha256_hex(path, strlen(path), key);
    return crier_buf_printf(out, "crier:%.32s", key);
}

/* Reads exactly n digits at s; -1 when they are not there. */
static int
digits(const char *s, unsigned n)
{
    int v = 0;
    for (unsigned i = 0; i < n; i++) {
        if (!crier_is_ascii_digit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Day of the week, 0 = Sunday (Sakamoto's method). */
static int
weekday(int y, int m, int d)
{
    static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
    if (m < 3)
        y -= 1;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

bool
bt_rfc822_date(const char *iso, crier_buf *out)
{
    static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    int hh = 0, mm = 0, ss = 0, off_sign = 1, off_h = 0, off_m = 0;

    if (!is_iso_day(iso))
        return false;
    int y = digits(iso, 4), mo = digits(iso + 5, 2), d = digits(iso + 8, 2);
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31)
        return false;
    const char *t = iso + 10;
    if ((*t == 'T' || *t == ' ') && digits(t + 1, 2) >= 0 && t[3] == ':' && digits(t + 4, 2) >= 0) {
        hh = digits(t + 1, 2);
        mm = digits(t + 4, 2);
        t += 6;
        if (*t == ':' && digits(t + 1, 2) >= 0) {
            ss = digits(t + 1, 2);
            t += 3;
        }
        while (*t == '.' || crier_is_ascii_digit((unsigned char)*t))
            t++; /* fractions of a second */
        if ((*t == '+' || *t == '-') && digits(t + 1, 2) >= 0) {
            off_sign = *t == '-' ? -1 : 1;
            off_h = digits(t + 1, 2);
            t += 3;
            if (*t == ':')
                t++;
            off_m = digits(t, 2) >= 0 ? digits(t, 2) : 0;
        }
    }
    if (hh > 23 || mm > 59 || ss > 60 || off_h > 23 || off_m > 59)
        return false;
    return crier_buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
                            days[weekday(y, mo, d)], d, months[mo - 1], y, hh, mm, ss,
                            off_sign < 0 ? '-' : '+', off_h, off_m) == CRIER_OK;
}
