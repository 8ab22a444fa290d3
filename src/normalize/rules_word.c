/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Rules that read words: titles, abbreviations, acronyms, initials, symbols. */

/* Field n of e's value is flag. */
static bool
has_flag(const norm_entry *e, size_t n, const char *flag)
{
    const char *f;
    size_t fl;
    return e != NULL && norm_field(e->value, n, &f, &fl) && fl == strlen(flag) &&
           memcmp(f, flag, fl) == 0;
}

/* Token i comes right after a name or a number: "Elm St.", "1st St.", "Mulholland Dr." */
static bool
after_name(const norm_ctx *c, size_t i)
{
    if (i == 0 || norm_trail_len(c, i - 1) != 0 || norm_body_len(c, i - 1) == 0)
        return false;
    unsigned char p = (unsigned char)norm_body(c, i - 1)[0];
    /* "The St. Louis Cardinals": a capital "The" is no street name */
    if (norm_tok_cue(c, i - 1, "determiner"))
        return false;
    return crier_is_ascii_upper(p) || crier_is_ascii_digit(p);
}

bool
norm_match_title(const norm_ctx *c, size_t i, norm_match *m)
{
    bool dot, abbrev_dot;
    const norm_entry *e = norm_lookup_dotted(c, i, NT_TITLES, &dot);
    if (e == NULL || norm_trail_len(c, i) != (dot ? 1u : 0u))
        return false;
    /* "Elm St. Louis"? A street after a name: "St." and "Dr." read so in abbreviations.tsv */
    if (after_name(c, i) &&
        has_flag(norm_lookup_dotted(c, i, NT_ABBREVS, &abbrev_dot), 1, "after_name"))
        return false;
    /* a title stands before a name: "Dr. Smith", "Lt.-Gen. Eyal Zamir", "Sgt. 1st Class" */
    bool before_name = norm_tok_capitalized(c, i + 1) ||
                       (i + 1 < c->n_toks && norm_body_len(c, i + 1) > 0 &&
                        crier_is_ascii_digit((unsigned char)norm_body(c, i + 1)[0]));
    if (!before_name && !has_flag(e, 1, "always"))
        return false;
    m->entry = e;
    m->n_toks = 1;
    m->trail_skip = dot;
    return true;
}

/* Flags in abbreviations.tsv: "before_number" ("No. 5"), "after_name" ("Elm St."). */
bool
norm_match_abbrev(const norm_ctx *c, size_t i, norm_match *m)
{
    bool dot;
    const norm_entry *e = norm_lookup_dotted(c, i, NT_ABBREVS, &dot);
    if (e == NULL && norm_trail0(c, i) == ')' && norm_body_len(c, i) < 60) {
        char key[64]; /* "401(k)" */
        memcpy(key, norm_body(c, i), norm_body_len(c, i));
        key[norm_body_len(c, i)] = ')';
        if ((e = norm_lookup(c->lang, NT_ABBREVS, key, norm_body_len(c, i) + 1)) != NULL)
            dot = true;
    }
    size_t bl = norm_body_len(c, i);
    if (e == NULL && bl > 1 && bl < 60 && norm_trail0(c, i) == '.' &&
        crier_is_ascii_upper((unsigned char)norm_body(c, i)[0]) &&
        crier_is_ascii_lower((unsigned char)norm_body(c, i)[1])) {
        char key[64]; /* "Approx. 40%" opening a sentence: the row "approx." */
        memcpy(key, norm_body(c, i), bl);
        key[0] = (char)crier_ascii_lower((unsigned char)key[0]);
        key[bl] = '.';
        if ((e = norm_lookup(c->lang, NT_ABBREVS, key, bl + 1)) != NULL)
            dot = true;
    }
    if (e == NULL)
        return false;
    if (has_flag(e, 1, "before_number") &&
        !(i + 1 < c->n_toks && crier_is_ascii_digit((unsigned char)norm_body(c, i + 1)[0])))
        return false;
    if (has_flag(e, 1, "after_name") && !after_name(c, i))
        return false;
    m->entry = e;
    m->n_toks = 1;
    /* "at 1428 Elm St. It was": the full stop also ends the sentence */
    m->trail_skip =
        dot && !(i + 1 < c->n_toks && norm_lookup(c->lang, NT_STARTERS, norm_body(c, i + 1),
                                                  norm_body_len(c, i + 1)) != NULL);
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
    if (m->kind == -1) { /* "MPs": "M P's", which eSpeak NG says as a plural */
        const char *plural = norm_word(c->lang, "acronym_plural");
        return plural ? crier_buf_puts(out, plural) : CRIER_E_LANG;
    }
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

    m->n_toks = 1;
    if (e == NULL && poss == 0 && len > 2 && b[len - 1] == 's' &&
        crier_is_ascii_upper((unsigned char)b[len - 2])) {
        /* "MPs", "CEOs": the plural of a known acronym */
        if ((e = norm_lookup(c->lang, NT_ACRONYMS, b, len - 1)) == NULL)
            return false;
        m->entry = e;
        m->kind = -1;
        return true;
    }
    if (e == NULL)
        return false;
    m->entry = e;
    m->kind = (int)poss;
    return true;
}

/* An all-capital word no table knows, without a vowel: spelled ("NKVD"). Words
 * with vowels are left to eSpeak NG, which reads "NASA"-like words well. */
bool
norm_match_caps(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    if (len < 2 || len > 6)
        return false;
    for (size_t k = 0; k < len; k++) {
        char u = b[k];
        if (!crier_is_ascii_upper((unsigned char)u) || u == 'A' || u == 'E' || u == 'I' ||
            u == 'O' || u == 'U' || u == 'Y')
            return false;
    }
    m->n_toks = 1;
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

/* ---- Roman numerals ----------------------------------------------------------- */

/* The value of a canonical upper-case Roman numeral ("XIV" 14), or 0. */
static unsigned
roman_value(const char *s, size_t len)
{
    static const char digits[] = "IVXLCDM";
    static const unsigned values[] = {1, 5, 10, 50, 100, 500, 1000};
    static const char *const canon[4][10] = {
        {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"},
        {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"},
        {"", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"},
        {"", "M", "MM", "MMM", "", "", "", "", "", ""},
    };
    unsigned total = 0, prev = 0;
    char back[24];
    size_t bl = 0;
    if (len == 0 || len > 15)
        return 0;
    for (size_t k = len; k-- > 0;) {
        const char *d = memchr(digits, s[k], 7);
        if (d == NULL || s[k] == '\0')
            return 0;
        unsigned v = values[d - digits];
        total = v < prev ? total - v : total + v;
        if (v > prev)
            prev = v;
    }
    if (total == 0 || total > 3999)
        return 0;
    /* only the canonical spelling: "IIII" and "VX" are not numerals */
    for (unsigned p = 3, t = total;; p--) {
        unsigned pow = p == 3 ? 1000 : p == 2 ? 100 : p == 1 ? 10 : 1;
        const char *c = canon[p][(t / pow) % 10];
        size_t cl = strlen(c);
        memcpy(back + bl, c, cl);
        bl += cl;
        if (p == 0)
            break;
    }
    return bl == len && memcmp(back, s, len) == 0 ? total : 0;
}

/* "World War II", "Super Bowl LVIII", "Chapter IV": after a word of roman.tsv
 * marked "cardinal"; "Charles III", "Pope Leo XIV": after a name, "the third".
 * Never "I" after a name (the pronoun). */
/* "Francis I", "Elizabeth I.": a lone "I" after a name is "the first" only where
 * the pronoun cannot be: at the end of the text or before ", . ; )", and not
 * after a word that asks for the pronoun ("Can I?", "Not I."). */
static bool
regnal_one(const norm_ctx *c, size_t i)
{
    char t = norm_trail0(c, i);
    bool stop = t == ',' || t == '.' || t == ';' || t == ')' || t == '-'; /* "I--" */
    if ((i + 1 < c->n_toks || t != '\0') && !stop)
        return false;
    return !norm_in_word_list(c->lang, "pronoun_cues", norm_body(c, i - 1),
                              norm_body_len(c, i - 1));
}

bool
norm_match_roman(const norm_ctx *c, size_t i, norm_match *m)
{
    char low[24];
    unsigned v = roman_value(norm_body(c, i), norm_body_len(c, i));
    if (v == 0 || i == 0 || norm_trail_len(c, i - 1) != 0 || norm_lead_len(c, i) != 0)
        return false;
    size_t pl = norm_body_len(c, i - 1);
    const char *p = norm_body(c, i - 1);
    if (pl == 0 || pl >= sizeof low || !crier_is_ascii_upper((unsigned char)p[0]))
        return false;
    for (size_t k = 0; k < pl; k++)
        low[k] = (char)crier_ascii_lower((unsigned char)p[k]);
    const norm_entry *e = norm_lookup(c->lang, NT_ROMAN, low, pl);
    m->v[0] = v;
    m->n_toks = 1;
    m->kind = e != NULL && strcmp(e->value, "cardinal") == 0;
    if (m->kind)
        return true;
    /* a name: a capitalized word, not all capitals ("PART XL" needs roman.tsv) */
    bool name = pl > 1 && crier_is_ascii_lower((unsigned char)p[1]);
    if (!name || (e != NULL && strcmp(e->value, "ordinal") != 0))
        return false;
    /* a regnal number is of I, V and X ("Louis XVIII"): "Stephanie M." and
     * "Mary C." are initials; a lone "X" is a letter ("Malcolm X", "Xbox One X") */
    const char *b = norm_body(c, i);
    size_t bl = norm_body_len(c, i);
    if (strspn(b, "IVX") < bl || (bl == 1 && b[0] == 'X'))
        return false;
    /* "Queen Elizabeth I ruled": after a monarch's title, "I" is "the first" */
    return bl > 1 || b[0] != 'I' || regnal_one(c, i) ||
           (i >= 2 && norm_trail_len(c, i - 2) == 0 && norm_tok_cue(c, i - 2, "regnal"));
}

crier_status
norm_say_roman(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    crier_status st;
    if (m->kind)
        return norm_say_cardinal(c->lang, m->v[0], out);
    if ((st = norm_put_glue(c->lang, out, "the")) != CRIER_OK)
        return st;
    return norm_say_ordinal(c->lang, m->v[0], out);
}

/* ---- party affiliations --------------------------------------------------------- */

/* "D-Calif.", "R-Texas", "I-Vt.": party letter, a dash, a state (states.tsv). */
bool
norm_match_affiliation(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    char key[24], party[8] = "party_";
    if (len < 4 || b[1] != '-' || len - 2 + 1 >= sizeof key)
        return false;
    party[6] = b[0];
    party[7] = '\0';
    if (norm_word(c->lang, party) == NULL)
        return false;
    memcpy(key, b + 2, len - 2);
    const norm_entry *e = NULL;
    if (norm_trail0(c, i) == '.') {
        key[len - 2] = '.';
        if ((e = norm_lookup(c->lang, NT_STATES, key, len - 1)) != NULL)
            m->trail_skip = 1;
    }
    if (e == NULL)
        e = norm_lookup(c->lang, NT_STATES, key, len - 2);
    m->entry = e;
    m->n_toks = 1;
    return e != NULL && !has_flag(e, 1, "postal");
}

/* "Gov. Gavin Newsom (D)", "Sen. Susan Collins (R), who": a party letter alone
 * in brackets after a name. Leading "(" and the ")" stay (prosody). */
bool
norm_match_party_letter(const norm_ctx *c, size_t i, norm_match *m)
{
    char party[8] = "party_";
    if (i == 0 || norm_body_len(c, i) != 1 || norm_lead_len(c, i) != 1 ||
        c->text[c->toks[i].off] != '(' || norm_trail0(c, i) != ')' ||
        norm_trail_len(c, i - 1) != 0 || !norm_tok_capitalized(c, i - 1))
        return false;
    party[6] = norm_body(c, i)[0];
    party[7] = '\0';
    m->n_toks = 1;
    return norm_word(c->lang, party) != NULL;
}

crier_status
norm_say_party_letter(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    char party[8] = "party_";
    party[6] = norm_body(c, i)[0];
    party[7] = '\0';
    return norm_put_glue(c->lang, out, party);
}

crier_status
norm_say_affiliation(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    char party[8] = "party_";
    crier_status st;
    party[6] = norm_body(c, i)[0];
    party[7] = '\0';
    if ((st = norm_put_glue(c->lang, out, party)) != CRIER_OK ||
        (st = norm_put_glue(c->lang, out, "of")) != CRIER_OK)
        return st;
    return norm_put_field(out, m->entry->value, 0);
}
