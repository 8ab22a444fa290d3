/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Rules that read words: titles, abbreviations, acronyms, initials, symbols. */

bool
norm_match_title(const norm_ctx *c, size_t i, norm_match *m)
{
    bool dot;
    const norm_entry *e = norm_lookup_dotted(c, i, NT_TITLES, &dot);
    /* a title stands before a name: "Dr. Smith", "Lt.-Gen. Eyal Zamir" */
    const char *flag;
    size_t flag_len;
    if (e == NULL || norm_trail_len(c, i) != (dot ? 1u : 0u))
        return false;
    if (!norm_tok_capitalized(c, i + 1) &&
        !(norm_field(e->value, 1, &flag, &flag_len) && flag_len == 6 &&
          memcmp(flag, "always", 6) == 0))
        return false;
    m->entry = e;
    m->n_toks = 1;
    m->trail_skip = dot;
    return true;
}

bool
norm_match_abbrev(const norm_ctx *c, size_t i, norm_match *m)
{
    bool dot;
    const norm_entry *e = norm_lookup_dotted(c, i, NT_ABBREVS, &dot);
    if (e == NULL)
        return false;
    m->entry = e;
    m->n_toks = 1;
    m->trail_skip = dot;
    return true;
}

crier_status
norm_say_entry(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *s;
    size_t len;
    crier_status st;

    if (!norm_field(m->entry->value, 0, &s, &len))
        return CRIER_E_LANG;
    if ((st = norm_put_word(out, s, len)) != CRIER_OK || m->kind == 0)
        return st;
    /* the possessive the rule cut off: "IBM's" -> "I B M's" */
    return crier_buf_append(out, norm_body(c, i) + norm_body_len(c, i) - (size_t)m->kind,
                            (size_t)m->kind);
}

/* Length of a possessive ending "'s" / "’s" at the end of s, or 0. */
static size_t
possessive_len(const char *s, size_t len)
{
    if (len > 2 && s[len - 2] == '\'' && s[len - 1] == 's')
        return 2;
    if (len > 4 && memcmp(s + len - 4, "\xe2\x80\x99s", 4) == 0)
        return 4;
    return 0;
}

bool
norm_match_acronym(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), poss = possessive_len(b, len);
    const norm_entry *e = norm_lookup(c->lang, NT_ACRONYMS, b, len - poss);

    if (e == NULL)
        return false;
    m->entry = e;
    m->n_toks = 1;
    m->kind = (int)poss;
    return true;
}

/* "U.S.", "J.R.R.": single letters joined by dots (the body drops the last dot). */
bool
norm_match_initials(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), n_letters = 0;

    for (size_t k = 0; k < len; k += 2) {
        if (!crier_is_ascii_alpha((unsigned char)b[k]) || (k + 1 < len && b[k + 1] != '.'))
            return false;
        n_letters++;
    }
    if (n_letters < 2 || len % 2 == 0)
        return false;
    m->n_toks = 1;
    m->trail_skip = norm_trail0(c, i) == '.';
    return true;
}

crier_status
norm_spell(const crier_lang *lang, const char *s, size_t len, crier_buf *out)
{
    crier_status st = CRIER_OK;
    for (size_t k = 0; k < len && st == CRIER_OK; k++) {
        char up = (char)crier_ascii_upper((unsigned char)s[k]);
        const norm_entry *e;
        if (crier_is_ascii_digit((unsigned char)up))
            st = norm_say_digits(lang, s + k, 1, out);
        else if (!crier_is_ascii_alpha((unsigned char)up))
            continue;
        else if ((e = norm_lookup(lang, NT_LETTERS, &up, 1)) != NULL)
            st = norm_put_word(out, e->value, strlen(e->value));
        else
            st = norm_put_word(out, &up, 1);
    }
    return st;
}

crier_status
norm_say_initials(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    return norm_spell(c->lang, norm_body(c, i), norm_body_len(c, i), out);
}

bool
norm_match_symbol(const norm_ctx *c, size_t i, norm_match *m)
{
    const norm_entry *e = norm_lookup(c->lang, NT_SYMBOLS, norm_body(c, i), norm_body_len(c, i));
    if (e == NULL)
        return false;
    m->entry = e;
    m->n_toks = 1;
    return true;
}
