/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Decades ("1980s", "'90s") and eras ("70 AD", "AD 117", "500 BC"). Era words
 * come from words.tsv. */

/* "1980s", "1980's", "'90s", "90s": the decade. */
bool
norm_match_decade(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), k = 0;
    if (len >= 2 && (b[0] == '\'')) {
        k = 1;
    } else if (len >= 4 && memcmp(b, "\xe2\x80\x98", 3) == 0) {
        k = 3;
    } else if (len >= 4 && memcmp(b, "\xe2\x80\x99", 3) == 0) {
        k = 3;
    }
    size_t d = 0;
    while (k + d < len && crier_is_ascii_digit((unsigned char)b[k + d]))
        d++;
    size_t rest = len - k - d;
    if (k > 0 && d == 2 && rest == 0) { /* "in '24": a year said by its last two digits */
        m->v[0] = norm_digits_value(b + k, 2);
        m->v[1] = 0;
        m->n_toks = 1;
        return true;
    }
    if (!((d == 4 && k == 0) || d == 2) || b[k + d - 1] != '0')
        return false;
    if (rest == 0 && d == 4 && norm_trail_len(c, i) >= 2 && c->text[c->toks[i].trail] == '\'' &&
        c->text[c->toks[i].trail + 1] == 's')
        m->trail_skip = 2; /* "1980's": the tokenizer put "'s" with the trail */
    else if (rest == 0 && d == 4 && k == 0 && norm_trail_len(c, i) == 0 && i + 1 < c->n_toks &&
             norm_body_len(c, i + 1) == 1 && norm_body(c, i + 1)[0] == 's' &&
             norm_lead_len(c, i + 1) == 0)
        m->n_toks = 2; /* "1980 s" */
    else if (!(rest == 1 && b[len - 1] == 's') &&
             !(rest == 2 && b[len - 2] == '\'' && b[len - 1] == 's'))
        return false;
    m->v[0] = norm_digits_value(b + k, d);
    m->v[1] = d;
    if (m->n_toks == 0)
        m->n_toks = 1;
    return d == 2 || m->v[0] >= 1000;
}

crier_status
norm_say_decade(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    crier_status st = norm_space(out);
    size_t from = out->len;
    if (st != CRIER_OK)
        return st;
    if (m->v[1] == 0) /* "'24": twenty four; "'05": oh five */
        return norm_say_year_tail(c->lang, m->v[0], out);
    if (m->v[1] == 2)
        st = norm_say_cardinal(c->lang, m->v[0], out);
    else
        st = norm_say_year(c->lang, m->v[0], out);
    return st != CRIER_OK ? st : norm_pluralize_tail(c->lang, out, from);
}

/* "70 AD", "500 BC", "340 A.D": a year and its era (words.tsv: eras). */
bool
norm_match_era(const norm_ctx *c, size_t i, norm_match *m)
{
    uint64_t y;
    char era[8];
    size_t n = 0;
    const char *a = norm_body(c, i);
    size_t al = norm_body_len(c, i);
    /* "AD 117", "A.D. 1066": the era written first, said first */
    if (((al == 2 && memcmp(a, "AD", 2) == 0 && norm_trail_len(c, i) == 0) ||
         (al == 3 && memcmp(a, "A.D", 3) == 0 && norm_trail_len(c, i) == 1 &&
          norm_trail0(c, i) == '.')) &&
        i + 1 < c->n_toks && norm_lead_len(c, i + 1) == 0 && norm_tok_small_int(c, i + 1, 4, &y) &&
        y > 0) {
        m->v[0] = y;
        m->n_toks = 2;
        m->kind = 1;
        return true;
    }
    if (!norm_tok_small_int(c, i, 4, &y) || y == 0 || norm_trail_len(c, i) != 0 ||
        i + 1 >= c->n_toks || norm_body_len(c, i + 1) > 5 || norm_lead_len(c, i + 1) != 0)
        return false;
    const char *b = norm_body(c, i + 1);
    for (size_t k = 0; k < norm_body_len(c, i + 1); k++)
        if (b[k] != '.')
            era[n++] = b[k];
    if (n < 2 || !norm_in_word_list(c->lang, "eras", era, n))
        return false;
    m->v[0] = y;
    m->n_toks = 2;
    m->trail_skip = norm_trail0(c, i + 1) == '.' && b[norm_body_len(c, i + 1) - 2] == '.';
    return true;
}

crier_status
norm_say_era(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    uint64_t y = m->v[0];
    crier_status st = CRIER_OK;
    char era[8];
    size_t n = 0;
    if (m->kind == 1) /* "AD 117": A D one seventeen */
        st = norm_put_word(out, "AD", 2);
    /* "340 AD" three forty AD, "1066 AD" ten sixty-six AD, "500 BC" five hundred BC */
    if (st == CRIER_OK && ((y >= 100 && y < 1000 && y % 100 >= 10) || y >= 1000))
        st = norm_say_year(c->lang, y, out);
    else if (st == CRIER_OK)
        st = norm_say_cardinal(c->lang, y, out);
    if (m->kind == 1)
        return st;
    const char *b = norm_body(c, i + 1);
    for (size_t k = 0; k < norm_body_len(c, i + 1) && n < sizeof era; k++)
        if (b[k] != '.')
            era[n++] = (char)crier_ascii_upper((unsigned char)b[k]);
    return st != CRIER_OK ? st : norm_put_word(out, era, n);
}
