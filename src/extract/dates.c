/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/extract_internal.h"

/* Dates written in words, for metadata that is not ISO 8601 ("February 2,
 * 2026" in a <time> without datetime, a date line under a text's title).
 * Month names are language data: voices/<lang>/months.tsv. */

#define MONTHS_MAX_FILE_BYTES ((size_t)64 << 10)
#define DATE_MAX_SCAN_WORDS 12

crier_status
ex_months_load(const char *dir, const char *lang, ex_boiler *b)
{
    crier_buf text;
    crier_buf_init(&text, MONTHS_MAX_FILE_BYTES);
    crier_status st = ex_read_voice_file(dir, lang, "months.tsv", &text);
    const char *s = crier_buf_str(&text);
    for (size_t start = 0, i = 0; st == CRIER_OK && i <= text.len; i++) {
        if (i < text.len && s[i] != '\n')
            continue;
        const char *line = s + start, *tab = memchr(line, '\t', i - start);
        start = i + 1;
        if (line[0] == '#' || tab == NULL || tab == line ||
            !crier_utf8_valid(line, (size_t)(tab - line)))
            continue;
        size_t klen = (size_t)(tab - line);
        if (klen > 0 && line[klen - 1] == '.')
            klen--;
        int num = 0;
        for (const char *d = tab + 1; crier_is_ascii_digit((unsigned char)*d) && num < 100; d++)
            num = num * 10 + (*d - '0');
        if (num < 1 || num > 12 || klen == 0 || klen > 32)
            continue;
        char **nm = realloc(b->month, (b->n_month + 1) * sizeof *nm);
        int *nn = nm ? realloc(b->month_num, (b->n_month + 1) * sizeof *nn) : NULL;
        if (nm)
            b->month = nm;
        if (nn)
            b->month_num = nn;
        if (nm == NULL || nn == NULL || (nm[b->n_month] = crier_strndup(line, klen)) == NULL) {
            st = CRIER_E_NOMEM;
            break;
        }
        for (char *c = nm[b->n_month]; *c; c++)
            *c = (char)crier_ascii_lower((unsigned char)*c);
        nn[b->n_month++] = num;
    }
    crier_buf_free(&text);
    return st;
}

typedef struct word {
    const char *s;
    size_t len;
    bool digits;
} word;

static int
month_of(const ex_boiler *b, const word *w)
{
    if (w->digits || w->len > 32)
        return 0;
    for (size_t i = 0; i < b->n_month; i++) {
        if (strlen(b->month[i]) != w->len)
            continue;
        bool eq = true;
        for (size_t k = 0; eq && k < w->len; k++)
            eq = crier_ascii_lower((unsigned char)w->s[k]) == (unsigned char)b->month[i][k];
        if (eq)
            return b->month_num[i];
    }
    return 0;
}

static int
number(const word *w)
{
    int v = 0;
    if (!w->digits || w->len > 4)
        return -1;
    for (size_t i = 0; i < w->len; i++)
        v = v * 10 + (w->s[i] - '0');
    return v;
}

bool
ex_parse_date(const ex_boiler *b, const char *s, char out[11])
{
    word w[DATE_MAX_SCAN_WORDS];
    size_t n = 0;
    /* words: runs of ASCII letters, or of digits ("2nd" gives "2" and "nd") */
    for (const char *p = s; *p && n < DATE_MAX_SCAN_WORDS;) {
        unsigned char c = (unsigned char)*p;
        if (!crier_is_ascii_alnum(c)) {
            p++;
            continue;
        }
        bool digits = crier_is_ascii_digit(c);
        const char *st = p;
        while (*p && (digits ? crier_is_ascii_digit((unsigned char)*p)
                             : crier_is_ascii_alpha((unsigned char)*p)))
            p++;
        w[n++] = (word){ st, (size_t)(p - st), digits };
    }
    for (size_t i = 0; i < n; i++) {
        int month = month_of(b, &w[i]);
        if (month == 0)
            continue;
        int day = -1, year = -1;
        /* "February 2, 2026" / "February 2nd 2026" */
        if (i + 1 < n && number(&w[i + 1]) >= 1 && number(&w[i + 1]) <= 31) {
            day = number(&w[i + 1]);
            for (size_t j = i + 2; j < n && j <= i + 3 && year < 0; j++)
                if (w[j].len == 4 && number(&w[j]) >= 1900 && number(&w[j]) <= 2099)
                    year = number(&w[j]);
        }
        /* "2 February 2026" */
        if (year < 0 && i > 0 && i + 1 < n && number(&w[i - 1]) >= 1 && number(&w[i - 1]) <= 31 &&
            w[i + 1].len == 4 && number(&w[i + 1]) >= 1900 && number(&w[i + 1]) <= 2099) {
            day = number(&w[i - 1]);
            year = number(&w[i + 1]);
        }
        if (day >= 1 && year >= 1900) {
            /* digits by hand: ranges are checked above */
            const int parts[3] = { year, month, day };
            const int widths[3] = { 4, 2, 2 };
            char *o = out;
            for (int k = 0; k < 3; k++) {
                for (int d = widths[k] - 1, v = parts[k]; d >= 0; d--, v /= 10)
                    o[d] = (char)('0' + v % 10);
                o += widths[k];
                *o++ = k < 2 ? '-' : '\0';
            }
            return true;
        }
    }
    return false;
}
