/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Reference identifiers of a Wikipedia reference list: "doi:10.1038/nature12373",
 * "Bibcode:2004ApJ...617..490H", "arXiv:1207.7214", "hdl:10722/123". Their
 * prefixes are rows of web.tsv with the flag "doi", "bibcode" or "ref".
 *
 * What a listener wants is the identifier in parts they could write down, never
 * a run of punctuation: the prefix as it is said ("D O I", "archive"), digits
 * one by one with "oh" for zero as in a code ("1038": one oh three eight),
 * words as words ("nature"), other letters spelled, and "/", "-", "_" and "."
 * named (a "." between digits is "point"). Two forms are read as what they mean:
 * - a DOI's "10." directory prefix is the number ten: "ten point one oh three eight";
 * - a Bibcode is year, journal, volume, page and author's initial, so its digits
 *   are numbers and its dots (padding) are silent: "Bibcode two thousand four
 *   A P J six hundred seventeen four hundred ninety H".
 * PMID, PMC, S2CID, JSTOR and OCLC numbers are "digits" cues in cues.tsv. */

enum { REF_PLAIN = 1, REF_DOI, REF_BIBCODE };

/* Longest prefix read ("bibcode:"). */
#define REF_MAX_PREFIX 12
/* Most tokens of one identifier cut at its dots. */
#define REF_MAX_TOKENS 4

bool
norm_match_reference(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), p = 0;
    char low[REF_MAX_PREFIX];

    /* most tokens: no colon near the start, one memchr */
    if (memchr(b, ':', len < REF_MAX_PREFIX ? len : REF_MAX_PREFIX) == NULL)
        return false;
    while (p < len && p + 1 < sizeof low && crier_is_ascii_alpha((unsigned char)b[p])) {
        low[p] = (char)crier_ascii_lower((unsigned char)b[p]);
        p++;
    }
    if (p < 2 || p + 1 >= len || b[p] != ':' || !crier_is_ascii_alnum((unsigned char)b[p + 1]))
        return false;
    low[p] = ':';
    const norm_entry *e = norm_lookup(c->lang, NT_WEB, low, p + 1);
    const char *flag;
    size_t fl;
    if (e == NULL || !norm_field(e->value, 1, &flag, &fl))
        return false;
    if (fl == 3 && memcmp(flag, "doi", 3) == 0)
        m->kind = REF_DOI;
    else if (fl == 7 && memcmp(flag, "bibcode", 7) == 0)
        m->kind = REF_BIBCODE;
    else if (fl == 3 && memcmp(flag, "ref", 3) == 0)
        m->kind = REF_PLAIN;
    else
        return false;
    m->entry = e;
    m->n_toks = 1;
    m->v[0] = p + 1; /* where the identifier starts */
    /* "Bibcode:2004ApJ...617..490H": the tokenizer cut it after "..." */
    for (size_t j = i; m->kind == REF_BIBCODE && j + 1 < c->n_toks && m->n_toks < REF_MAX_TOKENS &&
                       c->toks[j].end == c->toks[j + 1].off && norm_lead_len(c, j + 1) == 0;
         j++) {
        const char *t = c->text + c->toks[j].trail;
        size_t tl = norm_trail_len(c, j);
        while (tl > 0 && t[tl - 1] == '.')
            tl--;
        if (tl != 0 || norm_trail_len(c, j) == 0)
            break;
        m->n_toks++;
    }
    return true;
}

/* Digits one by one, "oh" for zero. */
static crier_status
say_code_digits(const crier_lang *lang, const char *s, size_t len, crier_buf *out)
{
    crier_status st = CRIER_OK;
    for (size_t k = 0; k < len && st == CRIER_OK; k++)
        st = s[k] == '0' ? norm_put_glue(lang, out, "zero_in_year")
                         : norm_say_digits(lang, s + k, 1, out);
    return st;
}

/* A run of letters: a word when it could be one ("nature", "Natur", "cell"),
 * else spelled ("ApJ", "j", "MNRAS"). */
static crier_status
say_letters(const crier_lang *lang, const char *s, size_t len, crier_buf *out)
{
    bool vowel = false, word = len >= 3;
    for (size_t k = 0; k < len; k++) {
        char l = (char)crier_ascii_lower((unsigned char)s[k]);
        vowel |= strchr("aeiouy", l) != NULL;
        word &= k == 0 || crier_is_ascii_lower((unsigned char)s[k]);
    }
    return word && vowel ? norm_put_word(out, s, len) : norm_spell(lang, s, len, out);
}

/* A separator named by web.tsv ("/" slash, "-" dash); "." between digits is
 * "point"; others (brackets, the padding dots of a Bibcode) are silent. */
static crier_status
say_separator(const norm_ctx *c, const char *s, size_t len, size_t k, int kind, crier_buf *out)
{
    if (kind == REF_BIBCODE)
        return CRIER_OK;
    if (s[k] == '.' && k > 0 && k + 1 < len && crier_is_ascii_digit((unsigned char)s[k - 1]) &&
        crier_is_ascii_digit((unsigned char)s[k + 1]))
        return norm_put_glue(c->lang, out, "point");
    if (s[k] != '.' && s[k] != '/' && s[k] != '-' && s[k] != '_')
        return CRIER_OK;
    const norm_entry *e = norm_lookup(c->lang, NT_WEB, s + k, 1);
    return e != NULL ? norm_put_field(out, e->value, 0) : CRIER_OK;
}

crier_status
norm_say_reference(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *b = norm_body(c, i);
    size_t last = i + m->n_toks - 1, k = (size_t)m->v[0];
    size_t len = c->toks[last].trail - c->toks[i].body; /* inner dots included */
    crier_status st = norm_put_field(out, m->entry->value, 0);

    if (st == CRIER_OK && m->kind == REF_BIBCODE && len - k >= 4 &&
        norm_all_digits(b + k, 4)) { /* the year */
        st = norm_say_year(c->lang, norm_digits_value(b + k, 4), out);
        k += 4;
    }
    for (bool first = true; k < len && st == CRIER_OK; first = false) {
        size_t e = k + 1;
        if (crier_is_ascii_digit((unsigned char)b[k])) {
            while (e < len && crier_is_ascii_digit((unsigned char)b[e]))
                e++;
            if (m->kind == REF_BIBCODE || (m->kind == REF_DOI && first && e < len && b[e] == '.'))
                st = norm_say_digit_run(c->lang, b + k, e - k, out); /* "10." ten */
            else
                st = say_code_digits(c->lang, b + k, e - k, out);
        } else if (crier_is_ascii_alpha((unsigned char)b[k])) {
            while (e < len && crier_is_ascii_alpha((unsigned char)b[e]))
                e++;
            st = say_letters(c->lang, b + k, e - k, out);
        } else {
            st = say_separator(c, b, len, k, m->kind, out);
        }
        k = e;
    }
    return st;
}
