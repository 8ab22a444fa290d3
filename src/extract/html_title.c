/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/html_internal.h"

/* The title from <title> when no metadata names one, the way Readability.js
 * reads it (so crier agrees with the reference extractor): a site part after
 * the last " | " / " - " / " » " goes, a section part before a ": " goes, a
 * too short or too long <title> gives way to the page's only <h1>. En and em
 * dashes count as separators too ("Title – Site"). */

/* Length of the separator character at s, or 0; *hier: a path-like one. */
static size_t
sep_len(const char *s, bool *hier)
{
    *hier = false;
    switch ((unsigned char)s[0]) {
    case '|': case '-':
        return 1;
    case '\\': case '/': case '>':
        *hier = true;
        return 1;
    case 0xC2:
        if ((unsigned char)s[1] == 0xBB) { /* » */
            *hier = true;
            return 2;
        }
        return 0;
    case 0xE2: /* – — */
        if ((unsigned char)s[1] == 0x80 && ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
            return 3;
        return 0;
    default:
        return 0;
    }
}

static size_t
word_count(const char *s, size_t len)
{
    size_t n = 0;
    bool in = false;
    for (size_t i = 0; i < len; i++) {
        bool sp = crier_is_ascii_space((unsigned char)s[i]);
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n ? n : 1; /* "".split(/\s+/) is [""]: one word */
}

static crier_status
dup_trimmed(const char *s, size_t len, char **ret)
{
    crier_buf b;
    bool sp = false;
    crier_buf_init(&b, 1 << 16);
    crier_status st = ex_collapse_append(&b, s, len, &sp);
    if (st == CRIER_OK) {
        *ret = crier_buf_steal(&b);
        if (*ret == NULL)
            st = CRIER_E_NOMEM;
    }
    crier_buf_free(&b);
    return st;
}

static size_t
char_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

crier_status
ex_title_from_page(const char *orig, const char *const *headings, size_t n_headings,
                   const char *only_h1, char **ret)
{
    size_t olen = strlen(orig), last = SIZE_MAX;
    bool any = false, had_hier = false, hier;
    char *cur = NULL;
    crier_status st;

    for (size_t i = 0; i + 2 < olen; i++) {
        size_t k;
        if (orig[i] == ' ' && (k = sep_len(orig + i + 1, &hier)) > 0 && i + 1 + k < olen &&
            orig[i + 1 + k] == ' ') {
            any = true;
            had_hier |= hier;
            last = i;
            i += k; /* matches do not overlap */
        }
    }
    if (any) {
        st = dup_trimmed(orig, last, &cur);
        if (st == CRIER_OK && word_count(cur, strlen(cur)) < 3) {
            /* too short: drop the first part instead */
            size_t i = 0, k = 0;
            while (i < olen && (k = sep_len(orig + i, &hier)) == 0)
                i++;
            free(cur);
            cur = NULL;
            st = dup_trimmed(orig + i + k, i < olen ? olen - i - k : 0, &cur);
        }
    } else if (strstr(orig, ": ") != NULL) {
        bool match = false;
        for (size_t i = 0; i < n_headings && !match; i++)
            match = strcmp(headings[i], orig) == 0;
        if (match) {
            st = dup_trimmed(orig, olen, &cur);
        } else {
            const char *lc = strrchr(orig, ':'), *fc = strchr(orig, ':');
            st = dup_trimmed(lc + 1, strlen(lc + 1), &cur);
            if (st == CRIER_OK && word_count(cur, strlen(cur)) < 3) {
                free(cur);
                cur = NULL;
                st = dup_trimmed(fc + 1, strlen(fc + 1), &cur);
            } else if (st == CRIER_OK && word_count(orig, (size_t)(fc - orig)) > 5) {
                free(cur);
                cur = NULL;
                st = dup_trimmed(orig, olen, &cur);
            }
        }
    } else {
        size_t n = char_count(orig);
        const char *src = (n > 150 || n < 15) && only_h1 ? only_h1 : orig;
        st = dup_trimmed(src, strlen(src), &cur);
    }
    if (st != CRIER_OK)
        return st;

    /* four words or fewer: keep the whole <title>, unless the separators
     * were path-like and only the site part went */
    size_t wc = word_count(cur, strlen(cur));
    if (wc <= 4) {
        size_t owc = 0;
        bool in = false;
        for (size_t i = 0; i < olen;) {
            size_t k = sep_len(orig + i, &hier);
            bool sp = k > 0 || crier_is_ascii_space((unsigned char)orig[i]);
            if (k > 0 && !in) {
                i += k;
                continue;
            }
            if (k > 0) { /* separator chars glued to a word: removed, not a break */
                i += k;
                continue;
            }
            if (!sp && !in)
                owc++;
            in = !sp;
            i++;
        }
        if (!had_hier || wc + 1 != owc) {
            free(cur);
            cur = NULL;
            st = dup_trimmed(orig, olen, &cur);
        }
    }
    if (st == CRIER_OK)
        *ret = cur;
    else
        free(cur);
    return st;
}

/* Readability's _textSimilarity: the share of b's ASCII word tokens (as text
 * length) that also occur in a. */
double
ex_text_similarity(const char *a, const char *b)
{
    size_t total = 0, uniq = 0, n_b = 0, n_u = 0;
    const char *p = b;
    while (*p) {
        while (*p && !crier_is_ascii_alnum((unsigned char)*p) && *p != '_')
            p++;
        const char *s = p;
        while (*p && (crier_is_ascii_alnum((unsigned char)*p) || *p == '_'))
            p++;
        size_t len = (size_t)(p - s);
        if (len == 0)
            continue;
        bool in_a = false;
        for (const char *q = a; *q && !in_a;) {
            while (*q && !crier_is_ascii_alnum((unsigned char)*q) && *q != '_')
                q++;
            const char *t = q;
            while (*q && (crier_is_ascii_alnum((unsigned char)*q) || *q == '_'))
                q++;
            if ((size_t)(q - t) == len) {
                in_a = true;
                for (size_t i = 0; i < len && in_a; i++)
                    in_a = crier_ascii_lower((unsigned char)s[i]) ==
                           crier_ascii_lower((unsigned char)t[i]);
            }
        }
        total += len;
        n_b++;
        if (!in_a) {
            uniq += len;
            n_u++;
        }
    }
    if (n_b == 0)
        return 0.0;
    /* joined with single spaces, as the JavaScript does */
    double joined_total = (double)(total + n_b - 1);
    double joined_uniq = n_u ? (double)(uniq + n_u - 1) : 0.0;
    return 1.0 - joined_uniq / joined_total;
}
