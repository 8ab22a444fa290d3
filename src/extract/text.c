/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/extract_internal.h"

/* Plain text (a page saved as text, a copy-paste): paragraphs are lines or
 * blank-line separated groups; the first real line is the title; the site's
 * name, navigation, promos and photo credits around the article are dropped. */

typedef struct unit {
    char *text; /* collapsed; owned */
    size_t off;
    bool drop;
} unit;

typedef struct units {
    unit *v;
    size_t n, cap;
} units;

static void
units_free(units *u)
{
    for (size_t i = 0; i < u->n; i++)
        free(u->v[i].text);
    free(u->v);
}

static crier_status
units_push(units *u, const char *s, size_t len, size_t off, size_t max)
{
    crier_buf b;
    bool sp = false;
    crier_buf_init(&b, max);
    crier_status st = ex_collapse_append(&b, s, len, &sp);
    if (st != CRIER_OK || b.len == 0)
        goto out;
    if (u->n == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 64;
        unit *nv = realloc(u->v, cap * sizeof *nv);
        if (nv == NULL) {
            st = CRIER_E_NOMEM;
            goto out;
        }
        u->v = nv;
        u->cap = cap;
    }
    char *t = crier_buf_steal(&b);
    if (t == NULL) {
        st = CRIER_E_NOMEM;
        goto out;
    }
    u->v[u->n++] = (unit){ .text = t, .off = off, .drop = false };
out:
    crier_buf_free(&b);
    return st;
}

static bool
blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = crier_utf8_decode(s + i, len - i, &cp);
        if (n == 0 || !crier_is_unicode_space(cp))
            return false;
        i += n;
    }
    return true;
}

/* A group of lines is one hard-wrapped paragraph when every line but the last
 * fills most of a typical 60-100 column width. */
static bool
group_is_wrapped(const char *s, const size_t *starts, const size_t *ends, size_t n)
{
    if (n < 2)
        return false;
    for (size_t i = 0; i + 1 < n; i++) {
        size_t len = ends[i] - starts[i];
        if (len < 40 || len > 120)
            return false;
    }
    (void)s;
    return true;
}

#define TEXT_MAX_GROUP_LINES 4096

/* Splits the text into units: a wrapped group becomes one unit, any other
 * group one unit per line. */
static crier_status
split_units(const crier_document *doc, const crier_limits *lim, units *u)
{
    const char *s = doc->text;
    size_t len = doc->len, i = 0, n = 0;
    size_t *starts = malloc(TEXT_MAX_GROUP_LINES * sizeof *starts);
    size_t *ends = malloc(TEXT_MAX_GROUP_LINES * sizeof *ends);
    crier_status st = CRIER_OK;

    if (starts == NULL || ends == NULL) {
        st = CRIER_E_NOMEM;
        goto out;
    }
    while (st == CRIER_OK && i <= len) {
        size_t start = i;
        while (i < len && s[i] != '\n')
            i++;
        size_t end = i;
        bool is_blank = blank(s + start, end - start);
        if (!is_blank) {
            starts[n] = start;
            ends[n] = end;
            n++;
        }
        if ((is_blank || i >= len || n == TEXT_MAX_GROUP_LINES) && n > 0) {
            if (group_is_wrapped(s, starts, ends, n)) {
                st = units_push(u, s + starts[0], ends[n - 1] - starts[0], starts[0],
                                lim->max_article_bytes);
            } else {
                for (size_t k = 0; st == CRIER_OK && k < n; k++)
                    st = units_push(u, s + starts[k], ends[k] - starts[k], starts[k],
                                    lim->max_article_bytes);
            }
            n = 0;
        }
        i++;
    }
out:
    free(starts);
    free(ends);
    return st;
}

static bool
ends_sentence(const char *s)
{
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == '"' || s[len - 1] == ')' || s[len - 1] == '\''))
        len--;
    if (len >= 3 && (memcmp(s + len - 3, "\xe2\x80\x9d", 3) == 0 ||
                     memcmp(s + len - 3, "\xe2\x80\x99", 3) == 0))
        len -= 3;
    return len > 0 && (s[len - 1] == '.' || s[len - 1] == '?' || s[len - 1] == '!');
}

static size_t
words(const char *s)
{
    return ex_count_words(s, strlen(s));
}

/* A short line at the top that comes back as a whole line later is the site's
 * name ("All Israel"), printed by the page's header and footer. */
static const char *
find_site_name(const units *u)
{
    for (size_t i = 0; i < u->n && i < 2; i++) {
        const char *t = u->v[i].text;
        if (words(t) > 4 || ends_sentence(t))
            continue;
        for (size_t j = i + 1; j < u->n; j++)
            if (strcmp(u->v[j].text, t) == 0)
                return t;
    }
    return NULL;
}

static bool
starts_with_by(const char *s)
{
    return (s[0] == 'B' || s[0] == 'b') && s[1] == 'y' && s[2] == ' ';
}

crier_status
ex_extract_text(const crier_document *doc, const crier_limits *lim, const ex_boiler *boiler,
                crier_article **ret_art)
{
    crier_status st = CRIER_OK;
    units u = { 0 };
    crier_article *art = calloc(1, sizeof *art);
    ex_builder b = { .art = art, .lim = lim };
    const char *site;
    size_t last;

    if (art == NULL)
        return CRIER_E_NOMEM;
    st = split_units(doc, lim, &u);
    if (st != CRIER_OK)
        goto out;

    site = find_site_name(&u);
    if (site != NULL) {
        st = ex_set_field(&art->site, site, strlen(site), false);
        if (st != CRIER_OK)
            goto out;
    }
    for (size_t i = 0; i < u.n; i++) {
        unit *x = &u.v[i];
        if ((site && strcmp(x->text, site) == 0) || ex_boiler_drops(boiler, x->text))
            x->drop = true;
    }
    /* The page's tail after the last sentence is chrome: link labels, the
     * newsletter box and list headings are short and end without a period. */
    for (last = u.n; last > 0; last--) {
        unit *x = &u.v[last - 1];
        if (!x->drop && (ends_sentence(x->text) || words(x->text) > 8))
            break;
        x->drop = true;
    }

    bool have_title = false;
    for (size_t i = 0; st == CRIER_OK && i < u.n; i++) {
        unit *x = &u.v[i];
        if (x->drop)
            continue;
        if (!have_title) {
            st = ex_set_field(&art->title, x->text, strlen(x->text), true);
            have_title = true;
            continue;
        }
        if (art->byline == NULL && art->n_blocks < 3 && starts_with_by(x->text) &&
            words(x->text) <= 8 && !ends_sentence(x->text)) {
            st = ex_set_field(&art->byline, x->text + 3, strlen(x->text + 3), false);
            continue;
        }
        /* a date line under the title ("February 2, 2026 | 10:14 AM") */
        char date[11];
        if (art->date == NULL && art->n_blocks < 3 && words(x->text) <= 10 &&
            !ends_sentence(x->text) && ex_parse_date(boiler, x->text, date)) {
            st = ex_set_field(&art->date, date, 10, false);
            continue;
        }
        size_t tail = ex_boiler_credit_tail(boiler, x->text);
        if (tail < strlen(x->text))
            st = ex_add_block(&b, CRIER_BLOCK_CAPTION, 0, x->text, tail, x->off);
        else
            st = ex_add_block(&b, CRIER_BLOCK_PARAGRAPH, 0, x->text, strlen(x->text), x->off);
    }
    if (st == CRIER_OK)
        st = ex_finish(art);
out:
    units_free(&u);
    if (st == CRIER_OK)
        *ret_art = art;
    else
        crier_article_free(art);
    return st;
}
