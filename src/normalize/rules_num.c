/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Rules that read numbers: money, percent, ordinals, years, plain numbers,
 * fractions, dimensions, ratios, phone numbers and IP addresses. Words come from
 * the language tables (fractions.tsv for fractions). */

/* ---- money --------------------------------------------------------------- */

/* The longest currency prefix of s ("US$", "$", "€", "NIS"). */
static const norm_entry *
currency_prefix(const norm_ctx *c, const char *s, size_t len, size_t *ret_len)
{
    for (size_t n = len < 8 ? len : 8; n > 0; n--) {
        if (n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
            continue; /* not at a character boundary */
        const norm_entry *e = norm_lookup(c->lang, NT_CURRENCIES, s, n);
        if (e != NULL) {
            *ret_len = n;
            return e;
        }
    }
    return NULL;
}

/* After the amount: a glued scale ("4.5bn") or a scale word token ("billion"). */
static void
money_scale(const norm_ctx *c, size_t i, size_t rest_off, size_t rest_len, norm_match *m)
{
    if (rest_len > 0) {
        m->v[1] = (uint64_t)(uintptr_t)norm_lookup(c->lang, NT_SCALES, norm_body(c, i) + rest_off,
                                                   rest_len);
        return;
    }
    if (norm_trail_len(c, i) == 0 && i + 1 < c->n_toks && norm_lead_len(c, i + 1) == 0) {
        const norm_entry *e =
            norm_lookup(c->lang, NT_SCALES, norm_body(c, i + 1), norm_body_len(c, i + 1));
        if (e != NULL) {
            m->v[1] = (uint64_t)(uintptr_t)e;
            m->n_toks++;
        }
    }
}

/* "$1.5-billion deal", "Rs 4,500-crore project": a scale after a hyphen at rest of
 * token i; the amount is the modifier of its noun (kind 2: "billion dollar deal"). */
static bool
hyphened_scale(const norm_ctx *c, size_t i, size_t rest, norm_match *m)
{
    size_t len = norm_body_len(c, i);
    if (rest + 1 >= len || norm_body(c, i)[rest] != '-')
        return false;
    money_scale(c, i, rest + 1, len - rest - 1, m);
    m->kind = 2;
    return m->v[1] != 0;
}

bool
norm_match_money(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), cur_len = 0;
    const norm_entry *cur = currency_prefix(c, b, len, &cur_len);

    if (cur != NULL && cur_len == len && norm_trail_len(c, i) == 0) {
        /* "NIS 5 billion": the code as its own token; "Rs 4,500-crore project" */
        if (i + 1 >= c->n_toks || norm_lead_len(c, i + 1) != 0)
            return false;
        const char *n = norm_body(c, i + 1);
        size_t nl = norm_body_len(c, i + 1);
        if (!norm_parse_number(n, nl, &m->num) || m->num.negative)
            return false;
        m->entry = cur;
        m->n_toks = 2;
        if (m->num.len == nl) {
            money_scale(c, i + 1, 0, 0, m);
            return true;
        }
        return hyphened_scale(c, i + 1, m->num.len, m);
    }
    if (cur == NULL || !norm_parse_number(b + cur_len, len - cur_len, &m->num) || m->num.negative)
        return false;
    size_t rest = cur_len + m->num.len;
    m->entry = cur;
    m->n_toks = 1;
    if (rest + 3 < len && memcmp(b + rest, "-a-", 3) == 0 && /* "$119-a-year" */
        (m->v[2] =
             (uint64_t)(uintptr_t)norm_unit_of(c->lang, b + rest + 3, len - rest - 3, true))) {
        m->kind = 1; /* said "a year"; before its noun, "dollar" (its $119-a-year plan) */
        return true;
    }
    if (rest + 1 < len && b[rest] == '/') { /* "$20/mo": twenty dollars per month */
        m->v[2] = (uint64_t)(uintptr_t)norm_unit_of(c->lang, b + rest + 1, len - rest - 1, true);
        if (m->v[2] != 0)
            return true;
        /* "$3.50/gallon": a word after the slash is said as written */
        for (size_t k = rest + 1; k < len; k++)
            if (!crier_is_ascii_lower((unsigned char)b[k]))
                return false;
        m->v[3] = rest + 1;
        return len - rest - 1 >= 3;
    }
    if (rest + 1 < len && b[rest] == '-')
        return hyphened_scale(c, i, rest, m);
    money_scale(c, i, rest, len - rest, m);
    return rest == len || m->v[1] != 0;
}

/* Token k is a noun an amount can modify: a lower-case word, no not_noun word of
 * cues.tsv ("in", "went") and no participle ("raised"). */
static bool
noun_after_amount(const norm_ctx *c, size_t k)
{
    const char *n = norm_body(c, k);
    size_t nl = norm_body_len(c, k);
    return nl > 0 && norm_lead_len(c, k) == 0 && crier_is_ascii_lower((unsigned char)n[0]) &&
           !(nl > 4 && n[nl - 2] == 'e' && n[nl - 1] == 'd') &&
           !norm_cue(c->lang, n, nl, "not_noun");
}

/* Token k is a hyphened adjective ("five-year", "10-year", "multiyear" is not). */
static bool
hyphened(const norm_ctx *c, size_t k)
{
    const char *h = memchr(norm_body(c, k), '-', norm_body_len(c, k));
    return h != NULL && h != norm_body(c, k) &&
           crier_is_ascii_lower((unsigned char)norm_body(c, k)[norm_body_len(c, k) - 1]);
}

/* Tokens i..last, an amount, modify a noun among adjectives in a list: "a
 * five-year, $150 million contract", "a $20 million, two-year deal" (a newsreader
 * says one hundred fifty million dollar contract). */
static bool
amount_in_adjectives(const norm_ctx *c, size_t i, size_t last)
{
    if (last + 1 >= c->n_toks || i < 1)
        return false;
    if (i >= 2 && norm_trail_len(c, i - 1) == 1 && norm_trail0(c, i - 1) == ',' &&
        norm_trail_len(c, i - 2) == 0 && norm_tok_cue(c, i - 2, "determiner") &&
        hyphened(c, i - 1) && norm_trail_len(c, last) == 0)
        return noun_after_amount(c, last + 1);
    return last + 2 < c->n_toks && norm_trail_len(c, i - 1) == 0 &&
           norm_tok_cue(c, i - 1, "determiner") && norm_trail_len(c, last) == 1 &&
           norm_trail0(c, last) == ',' && norm_lead_len(c, last + 1) == 0 &&
           hyphened(c, last + 1) && norm_trail_len(c, last + 1) == 0 &&
           noun_after_amount(c, last + 2);
}

static crier_status
say_per(const norm_ctx *c, const norm_entry *unit, crier_buf *out, bool a)
{
    crier_status st = norm_put_glue(c->lang, out, a ? "a" : "per");
    return st != CRIER_OK ? st : norm_put_field(out, unit->value, 0);
}

/* "per" and the word after the slash of "$3.50/gallon" (v[3] its offset). */
static crier_status
say_per_word(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    size_t off = (size_t)m->v[3];
    crier_status st = norm_put_glue(c->lang, out, "per");
    return st != CRIER_OK ? st
                          : norm_put_word(out, norm_body(c, i) + off, norm_body_len(c, i) - off);
}

crier_status
norm_say_money(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const norm_number *num = &m->num;
    const norm_entry *scale = (const norm_entry *)(uintptr_t)m->v[1];
    const char *cur = m->entry->value;
    crier_status st;

    /* "a $5 million deal", "a $20 fine": before its noun the currency is
     * singular, as in "a 1.5m wall" (rules_measure.c) */
    bool attributive = m->kind == 2 || norm_attributive(c, i, i + m->n_toks - 1) ||
                       amount_in_adjectives(c, i, i + m->n_toks - 1);
    if (scale != NULL) { /* "$1.5 billion": one point five billion dollars */
        if ((st = norm_say_number(c->lang, num, out)) != CRIER_OK ||
            (st = norm_put(out, scale->value)) != CRIER_OK)
            return st;
        return norm_put_field(out, cur, attributive ? 0 : 1);
    }
    /* "$45.10", "$20.5", "$20.500": dollars and cents; other decimals ("$1.125")
     * are said as decimals */
    bool cents = num->frac != NULL && (num->frac_len == 2 || num->frac_len == 1 ||
                                       (num->frac_len == 3 && num->frac[2] == '0'));
    bool whole = num->n_int_digits > 0 && !(num->int_value == 0 && cents);
    const norm_entry *per = (const norm_entry *)(uintptr_t)m->v[2];
    if (!cents && num->frac != NULL) { /* "$1.125": one point one two five dollars */
        if ((st = norm_say_number(c->lang, num, out)) != CRIER_OK ||
            (st = norm_put_field(out, cur, 1)) != CRIER_OK)
            return st;
        return per       ? say_per(c, per, out, m->kind == 1)
               : m->v[3] ? say_per_word(c, i, m, out)
                         : CRIER_OK;
    }
    if (whole) {
        norm_number int_part = *num;
        int_part.frac = NULL;
        if ((st = norm_say_number(c->lang, &int_part, out)) != CRIER_OK ||
            (st = norm_put_field(
                 out, cur,
                 (num->int_value == 1 && num->n_int_digits == 1) ||
                         (attributive && !cents && (m->kind == 1 || (per == NULL && m->v[3] == 0)))
                     ? 0
                     : 1)))
            return st;
    }
    uint64_t minor = cents ? norm_digits_value(num->frac, num->frac_len < 2 ? 1 : 2) : 0;
    if (cents && num->frac_len == 1)
        minor *= 10;
    /* "twenty dollars fifty cents": no "and", as in "five dollars a pound" */
    if (cents && !(minor == 0 && whole)) {
        if ((st = norm_say_cardinal(c->lang, minor, out)) != CRIER_OK ||
            (st = norm_put_field(out, cur, minor == 1 ? 2 : 3)) != CRIER_OK)
            return st;
    }
    return per       ? say_per(c, per, out, m->kind == 1)
           : m->v[3] ? say_per_word(c, i, m, out)
                     : CRIER_OK;
}

/* ---- percent, ordinals, years, numbers -------------------------------------- */

bool
norm_match_percent(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);

    if (!norm_parse_number(b, len, &m->num))
        return false;
    m->n_toks = 1;
    if (m->num.len + 1 == len && b[len - 1] == '%')
        return true;
    /* "5 %" */
    return m->num.len == len && norm_trail_len(c, i) == 0 && i + 1 < c->n_toks &&
           norm_body_len(c, i + 1) == 1 && norm_body(c, i + 1)[0] == '%' &&
           norm_lead_len(c, i + 1) == 0 && (m->n_toks = 2) == 2;
}

crier_status
norm_say_percent(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    crier_status st = norm_say_number(c->lang, &m->num, out);
    const norm_entry *e = norm_lookup(c->lang, NT_SYMBOLS, "%", 1);
    return st != CRIER_OK ? st : norm_put(out, e ? e->value : "percent");
}

bool
norm_match_ordinal(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    char suf[2];

    if (!norm_parse_number(b, len, &m->num) || m->num.negative || m->num.frac != NULL ||
        m->num.n_int_digits > NORM_MAX_CARDINAL_DIGITS || m->num.len + 2 != len)
        return false;
    suf[0] = (char)crier_ascii_lower((unsigned char)b[len - 2]);
    suf[1] = (char)crier_ascii_lower((unsigned char)b[len - 1]);
    m->n_toks = 1;
    return norm_in_word_list(c->lang, "ordinal_suffixes", suf, 2);
}

crier_status
norm_say_ordinal_tok(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    /* "111st", "21th": a wrong suffix is the writer's slip; the ordinal is meant */
    return norm_say_ordinal(c->lang, m->num.int_value, out);
}

/* The year_cues.tsv row of token i's lower-case body: "year" for words after
 * which a four-digit number is a year ("in", "since"), "count" for nouns that
 * make the number before them a count ("people"). */
static const char *
year_cue(const norm_ctx *c, size_t i)
{
    const norm_entry *e = norm_lookup_lower(c, i, NT_YEAR_CUES);
    return e ? e->value : "";
}

static bool
tok_year(const norm_ctx *c, size_t i, uint64_t *ret)
{
    return norm_tok_small_int(c, i, 4, ret) && norm_body_len(c, i) == 4 && *ret >= 1000;
}

/* "108 (5): 1815": a journal's volume, issue and page; the page is a number. */
static bool
journal_page(const norm_ctx *c, size_t i)
{
    const char *t;
    if (i < 2 || norm_lead_len(c, i) != 0 || norm_trail_len(c, i - 1) != 2 ||
        memcmp((t = c->text + c->toks[i - 1].trail), "):", 2) != 0 ||
        norm_lead_len(c, i - 1) != 1 || c->text[c->toks[i - 1].off] != '(')
        return false;
    return norm_all_digits(norm_body(c, i - 2), norm_body_len(c, i - 2)) &&
           norm_body_len(c, i - 2) > 0 && norm_trail_len(c, i - 2) == 0;
}

bool
norm_match_year(const norm_ctx *c, size_t i, norm_match *m)
{
    uint64_t y;
    if (!tok_year(c, i, &y) || y > 2099)
        return false;
    m->v[0] = y;
    m->n_toks = 1;
    if (i > 0 && norm_trail_len(c, i - 1) == 0 && strcmp(year_cue(c, i - 1), "year") == 0)
        return true; /* "in 1998" */
    if (norm_trail_len(c, i) == 0 && i + 1 < c->n_toks && norm_lead_len(c, i + 1) == 0 &&
        (strcmp(year_cue(c, i + 1), "count") == 0 ||
         norm_unit_of(c->lang, norm_body(c, i + 1), norm_body_len(c, i + 1), false)))
        return false;           /* "1500 people", "1200 km": a count */
    return !journal_page(c, i); /* news writes counts with a comma: "1,500" */
}

crier_status
norm_say_year_tok(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    return norm_say_year(c->lang, m->v[0], out);
}

/* A glued scale that makes a count: "4.5bn", "1.5m people" (but "a 1.5m wall"
 * is a measure: a one-letter scale counts only before a plural or count noun). */
const norm_entry *
norm_counted_scale(const norm_ctx *c, size_t i, const char *s, size_t len)
{
    const norm_entry *e = norm_lookup(c->lang, NT_SCALES, s, len);
    if (e == NULL || len > 1)
        return e;
    /* "4K textures", "8K screens": a one-digit K is a picture size, said "four K" */
    if (s[0] == 'K' && s - norm_body(c, i) == 1)
        return NULL;
    if (norm_trail_len(c, i) != 0 || i + 1 >= c->n_toks)
        return NULL;
    const char *n = norm_body(c, i + 1);
    size_t nl = norm_body_len(c, i + 1);
    if (nl < 2 || !crier_is_ascii_lower((unsigned char)n[0]))
        return NULL;
    return n[nl - 1] == 's' || strcmp(year_cue(c, i + 1), "count") == 0 ? e : NULL;
}

enum { NUMBER_SCALE = 1, NUMBER_PLUS, NUMBER_FRACTION, NUMBER_PLURAL };

/* A number, maybe with a glued scale ("4.5bn"), a plus ("50+") or a fraction
 * character ("2½"). */
bool
norm_match_number(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    m->n_toks = 1;
    if (!norm_parse_number(b, len, &m->num))
        return false;
    size_t rest = m->num.len;
    if (rest == len)
        return true;
    if ((m->entry = norm_counted_scale(c, i, b + rest, len - rest)) != NULL) {
        m->kind = NUMBER_SCALE;
        return true;
    }
    if (rest + 1 == len && b[rest] == '+' && m->num.frac == NULL) {
        m->kind = NUMBER_PLUS;
        return true;
    }
    /* "100s of jobs", "1,000s", "over-65s"; but "737s" are planes (rules_code.c) */
    if (rest + 1 == len && b[rest] == 's' && m->num.frac == NULL && !m->num.negative &&
        (m->num.n_int_digits == 2 || (rest > 2 && b[rest - 1] == '0')) &&
        m->num.n_int_digits <= NORM_MAX_CARDINAL_DIGITS) {
        m->kind = NUMBER_PLURAL;
        return true;
    }
    const norm_entry *f = norm_lookup(c->lang, NT_FRACTIONS, b + rest, len - rest);
    if (f == NULL || m->num.frac != NULL || crier_is_ascii_digit((unsigned char)b[rest]))
        return false;
    m->kind = NUMBER_FRACTION;
    m->entry = f;
    return true;
}

crier_status
norm_say_number_tok(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    if (m->kind == NUMBER_PLURAL) { /* "100s": hundreds, "1,000s": thousands, "65s": sixty-fives */
        uint64_t v = m->num.int_value, p = 100;
        size_t mark = out->len;
        crier_status st = norm_say_number(c->lang, &m->num, out);
        for (; st == CRIER_OK && p <= 1000000000000ULL && p != v; p = p == 100 ? 1000 : p * 1000)
            ;
        if (st == CRIER_OK && p == v) { /* drop the "one" of "one hundred" */
            const char *sp = memchr(out->data + mark + 1, ' ', out->len - mark - 1);
            if (sp != NULL) {
                size_t from = (size_t)(sp + 1 - out->data), n = out->len - from;
                memmove(out->data + mark + (out->data[mark] == ' '), sp + 1, n);
                crier_buf_truncate(out, mark + (out->data[mark] == ' ') + n);
            }
        }
        return st == CRIER_OK ? norm_pluralize_tail(c->lang, out, mark) : st;
    }
    crier_status st = norm_say_number(c->lang, &m->num, out);
    if (st != CRIER_OK || m->kind == 0)
        return st;
    if (m->kind == NUMBER_SCALE)
        return norm_put(out, m->entry->value);
    if (m->kind == NUMBER_PLUS) {
        const norm_entry *plus = norm_lookup(c->lang, NT_SYMBOLS, "+", 1);
        return plus ? norm_put(out, plus->value) : CRIER_E_LANG;
    }
    /* "2½": two and a half */
    if ((st = norm_put_glue(c->lang, out, "and")) != CRIER_OK)
        return st;
    return norm_say_fraction_text(c->lang, m->entry->value, out);
}

/* ---- fractions ------------------------------------------------------------------ */

/* "1/3", "31/32", "1/4th", "½": numerator and denominator in v[0], v[1]. */
static bool
parse_fraction(const crier_lang *lang, const char *b, size_t len, uint64_t *num, uint64_t *den)
{
    const norm_entry *e = norm_lookup(lang, NT_FRACTIONS, b, len);
    const char *slash;
    if (e != NULL && !crier_is_ascii_digit((unsigned char)b[0])) { /* "½" -> "1/2" */
        b = e->value;
        len = strlen(b);
    }
    if ((slash = memchr(b, '/', len)) == NULL)
        return false;
    size_t nl = (size_t)(slash - b), dl = len - nl - 1;
    if (dl > 2 && crier_is_ascii_alpha((unsigned char)b[len - 1]) &&
        crier_is_ascii_alpha((unsigned char)b[len - 2]))
        dl -= 2; /* "1/4th", "1/3RD" */
    /* "25/235212" is no fraction: a part number, read as written */
    if (nl == 0 || nl > 6 || dl == 0 || dl > 5 || !norm_all_digits(b, nl) ||
        !norm_all_digits(slash + 1, dl))
        return false;
    *num = norm_digits_value(b, nl);
    *den = norm_digits_value(slash + 1, dl);
    return *den > 0;
}

enum { FRACTION_PAIR = 3 };

/* Two numbers joined by a slash that are no fraction: "SR 2007/185", a year and a
 * serial; "27 (11/12): 123", a journal's double issue between its volume and page. */
static bool
numbered_pair(const norm_ctx *c, size_t i, uint64_t num, uint64_t den)
{
    const char *b = norm_body(c, i);
    if (num >= 1800 && num <= 2099 && den >= 13 && crier_is_ascii_digit((unsigned char)b[0]) &&
        b[4] == '/')
        return true;
    return i > 0 && norm_lead_len(c, i) == 1 && c->text[c->toks[i].off] == '(' &&
           norm_trail_len(c, i) == 2 && memcmp(c->text + c->toks[i].trail, "):", 2) == 0 &&
           norm_trail_len(c, i - 1) == 0 && norm_body_len(c, i - 1) > 0 &&
           norm_all_digits(norm_body(c, i - 1), norm_body_len(c, i - 1));
}

bool
norm_match_fraction(const norm_ctx *c, size_t i, norm_match *m)
{
    uint64_t whole;
    m->n_toks = 1;
    if (parse_fraction(c->lang, norm_body(c, i), norm_body_len(c, i), &m->v[0], &m->v[1])) {
        m->kind = numbered_pair(c, i, m->v[0], m->v[1]) ? FRACTION_PAIR : 0;
        return true;
    }
    /* "1/f noise", "1/x": a number over a letter that is no unit ("1/s" is per second);
     * not a part of a code ("1/f-4s") */
    const char *b = norm_body(c, i);
    size_t bl = norm_body_len(c, i);
    if (!c->part && bl >= 3 && bl <= 5 && b[bl - 2] == '/' &&
        crier_is_ascii_alpha((unsigned char)b[bl - 1]) && norm_all_digits(b, bl - 2) &&
        norm_unit_of(c->lang, b + bl - 1, 1, true) == NULL) {
        m->v[0] = norm_digits_value(b, bl - 2);
        m->kind = 2;
        return true;
    }
    /* "2 1/2": a whole number and a fraction */
    if (!norm_tok_small_int(c, i, 6, &whole) || norm_trail_len(c, i) != 0 || i + 1 >= c->n_toks ||
        norm_lead_len(c, i + 1) != 0 ||
        !parse_fraction(c->lang, norm_body(c, i + 1), norm_body_len(c, i + 1), &m->v[0], &m->v[1]))
        return false;
    m->v[2] = whole;
    m->kind = 1;
    m->n_toks = 2;
    return true;
}

static crier_status
say_fraction(const crier_lang *lang, uint64_t num, uint64_t den, bool mixed, crier_buf *out)
{
    char key[24];
    size_t kl = 0;
    crier_status st;
    for (uint64_t d = den; kl < sizeof key; d /= 10) { /* the denominator as a key */
        key[kl++] = (char)('0' + d % 10);
        if (d < 10)
            break;
    }
    for (size_t a = 0, z = kl - 1; a < z; a++, z--) {
        char t = key[a];
        key[a] = key[z];
        key[z] = t;
    }
    const norm_entry *e = norm_lookup(lang, NT_FRACTIONS, key, kl);
    if (den == 1 || (num > den && den >= 10)) { /* "142/1", "120/80": one twenty over eighty */
        if ((st = norm_say_cardinal(lang, num, out)) != CRIER_OK ||
            (st = norm_put_glue(lang, out, "over")) != CRIER_OK)
            return st;
        return norm_say_cardinal(lang, den, out);
    }
    if (mixed && num == 1) /* "2 1/2": two and a half */
        st = norm_put_glue(lang, out, "a");
    else
        st = norm_say_cardinal(lang, num, out);
    if (st != CRIER_OK)
        return st;
    if (e != NULL)
        return norm_put_field(out, e->value, num == 1 ? 0 : 1);
    if ((st = norm_space(out)) != CRIER_OK)
        return st;
    size_t from = out->len;
    if ((st = norm_say_ordinal(lang, den, out)) != CRIER_OK || num == 1)
        return st;
    return norm_pluralize_tail(lang, out, from);
}

crier_status
norm_say_fraction_text(const crier_lang *lang, const char *s, crier_buf *out)
{
    uint64_t num, den;
    if (!parse_fraction(lang, s, strlen(s), &num, &den))
        return CRIER_E_LANG;
    return say_fraction(lang, num, den, true, out);
}

crier_status
norm_say_fraction(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    crier_status st = CRIER_OK;
    if (m->kind == FRACTION_PAIR) { /* two thousand seven slash one eighty five */
        const char *b = norm_body(c, i), *slash = memchr(b, '/', norm_body_len(c, i));
        const norm_entry *word = norm_lookup(c->lang, NT_WEB, "/", 1);
        size_t nl = (size_t)(slash - b);
        if (word == NULL)
            return CRIER_E_LANG;
        if ((st = nl == 4 ? norm_say_year(c->lang, m->v[0], out)
                          : norm_say_cardinal(c->lang, m->v[0], out)) != CRIER_OK ||
            (st = norm_put_field(out, word->value, 0)) != CRIER_OK)
            return st;
        return norm_say_code_digits(c->lang, slash + 1, norm_body_len(c, i) - nl - 1, out);
    }
    if (m->kind == 2) { /* "1/f": one over F */
        size_t bl = norm_body_len(c, i);
        if ((st = norm_say_cardinal(c->lang, m->v[0], out)) != CRIER_OK ||
            (st = norm_put_glue(c->lang, out, "over")) != CRIER_OK)
            return st;
        return norm_spell(c->lang, norm_body(c, i) + bl - 1, 1, out);
    }
    if (m->kind == 1 && ((st = norm_say_cardinal(c->lang, m->v[2], out)) != CRIER_OK ||
                         (st = norm_put_glue(c->lang, out, "and")) != CRIER_OK))
        return st;
    /* "a 100/1 outsider": odds, a hundred to one; "India were 287/6": runs for
     * wickets, two hundred eighty seven for six; no one writes such fractions */
    if (m->kind == 0 && ((m->v[1] == 1 && m->v[0] > 1) || (m->v[0] >= 32 && m->v[1] <= 10))) {
        if ((st = norm_say_cardinal(c->lang, m->v[0], out)) != CRIER_OK ||
            (st = norm_put_glue(c->lang, out, m->v[1] == 1 ? "to" : "for")) != CRIER_OK)
            return st;
        return norm_say_cardinal(c->lang, m->v[1], out);
    }
    return say_fraction(c->lang, m->v[0], m->v[1], m->kind == 1, out);
}

/* ---- dimensions and ratios ----------------------------------------------------- */

/* "25 x 7", "2x8": dimensions, said "by". */
bool
norm_match_dims(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    m->n_toks = 1;
    /* "25 x 7", "12 in x 8 in" */
    if (len == 1 && (b[0] == 'x' || b[0] == 'X'))
        return i > 0 && i + 1 < c->n_toks && norm_trail_len(c, i - 1) == 0 &&
               (norm_tok_number(c, i - 1, &m->num) ||
                (i >= 2 && norm_trail_len(c, i - 2) == 0 && norm_tok_number(c, i - 2, &m->num) &&
                 norm_unit_of(c->lang, norm_body(c, i - 1), norm_body_len(c, i - 1), false))) &&
               norm_body_len(c, i + 1) > 0 &&
               crier_is_ascii_digit((unsigned char)norm_body(c, i + 1)[0]);
    const char *x = memchr(b, 'x', len);
    if (x == NULL || x == b || x + 1 == b + len || (x == b + 1 && b[0] == '0'))
        return false; /* "0x08" is a hex number: zero x zero eight */
    m->v[0] = (size_t)(x - b);
    if (!norm_all_digits(b, (size_t)(x - b)) || !norm_all_digits(x + 1, len - (size_t)(x - b) - 1))
        return false;
    /* "2x8 m2": two by eight square meters */
    if (norm_trail_len(c, i) == 0 && i + 1 < c->n_toks && norm_lead_len(c, i + 1) == 0 &&
        (m->entry = norm_unit_of(c->lang, norm_body(c, i + 1), norm_body_len(c, i + 1), false)))
        m->n_toks = 2;
    return true;
}

crier_status
norm_say_dims(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *by = norm_word(c->lang, "by");
    if (by == NULL)
        return CRIER_E_LANG;
    crier_status st;
    if (norm_body_len(c, i) == 1)
        return norm_put(out, by);
    const char *b = norm_body(c, i);
    size_t x = (size_t)m->v[0], len = norm_body_len(c, i);
    if ((st = norm_say_digit_run(c->lang, b, x, out)) != CRIER_OK || (st = norm_put(out, by)) ||
        (st = norm_say_digit_run(c->lang, b + x + 1, len - x - 1, out)) != CRIER_OK)
        return st;
    return m->entry ? norm_put_field(out, m->entry->value, 1) : CRIER_OK;
}

/* "3:1", "2:8": a ratio or score, where the part after the colon cannot be minutes. */
bool
norm_match_ratio(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    const char *colon = memchr(b, ':', len);
    if (colon == NULL || colon == b || colon + 1 == b + len)
        return false;
    size_t a = (size_t)(colon - b), r = len - a - 1;
    if (!norm_all_digits(b, a) || !norm_all_digits(colon + 1, r) || a > 3 || r > 3 || r == 2)
        return false;
    m->v[0] = a;
    m->n_toks = 1;
    return true;
}

crier_status
norm_say_ratio(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *b = norm_body(c, i);
    size_t a = (size_t)m->v[0], len = norm_body_len(c, i);
    crier_status st = norm_say_digit_run(c->lang, b, a, out);
    if (st == CRIER_OK)
        st = norm_put_glue(c->lang, out, "to");
    return st != CRIER_OK ? st : norm_say_digit_run(c->lang, b + a + 1, len - a - 1, out);
}

/* ---- phone numbers and IP addresses ------------------------------------------- */

/* End of the phone bytes of token t: its body, and a closing ")" ("(123)"). */
static size_t
phone_end(const norm_ctx *c, size_t t)
{
    return norm_trail0(c, t) == ')' ? c->toks[t].trail + 1 : c->toks[t].trail;
}

/* Tokens i.. that make a phone number: digits and + ( ) - . , a space only after
 * "+1" or "(123)". Returns the tokens used, 0 when not a phone or IP address. */
static size_t
phone_span(const norm_ctx *c, size_t i, bool *ret_ip)
{
    size_t n_digits = 0, groups = 0, dots = 0, seps = 0, t = i;
    bool in_group = false;

    for (; t < c->n_toks && t < i + 4; t++) {
        size_t e = phone_end(c, t);
        for (size_t k = c->toks[t].off; k < e; k++) {
            char ch = c->text[k];
            if (crier_is_ascii_digit((unsigned char)ch)) {
                n_digits++;
                groups += !in_group;
                in_group = true;
                continue;
            }
            if (!(ch == '-' || ch == '.' || ch == '(' || ch == ')' ||
                  (ch == '+' && k == c->toks[i].off)))
                return 0;
            dots += ch == '.';
            seps += ch != '+';
            in_group = false;
        }
        in_group = false;
        bool country = t == i && c->text[c->toks[i].off] == '+' && e == c->toks[t].end;
        bool area = c->text[e - 1] == ')' && e == c->toks[t].end;
        if (!(country || area))
            break;
    }
    size_t used = t < c->n_toks && t < i + 4 ? t - i + 1 : t - i;
    *ret_ip = dots == 3 && groups == 4 && seps == 3 && used == 1;
    if (*ret_ip)
        return used;
    if (seps == 0 || groups < 3 || n_digits < 7 || n_digits > 20)
        return 0;
    return used;
}

bool
norm_match_phone(const norm_ctx *c, size_t i, norm_match *m)
{
    bool ip;
    const char *b = norm_body(c, i);
    if (norm_body_len(c, i) == 0 || !(crier_is_ascii_digit((unsigned char)b[0]) || b[0] == '+' ||
                                      c->text[c->toks[i].off] == '('))
        return false;
    size_t n = phone_span(c, i, &ip);
    if (n == 0)
        return false;
    m->n_toks = n;
    m->kind = ip;
    m->trail_skip = norm_trail0(c, i + n - 1) == ')';
    return true;
}

/* A US toll-free prefix, "800", "888", "877" ... "833": said as a number
 * ("eight hundred", "eight eighty eight") by American newsreaders. */
static bool
toll_free(const char *g, size_t len)
{
    return len == 3 && g[0] == '8' && g[1] == g[2] && g[1] != '1' && g[1] != '9';
}

/* Digit by digit, a comma between groups ("one two three, four five six"), "plus"
 * for the country code, "dot" between the parts of an IP address; a toll-free
 * prefix first or after a "1" as a number ("one, eight hundred, ..."). */
crier_status
norm_say_phone(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    size_t s = c->toks[i].off, e = phone_end(c, i + m->n_toks - 1), group = 0;
    crier_status st = CRIER_OK;
    bool one_first = false;
    for (size_t k = s; k < e && st == CRIER_OK;) {
        char ch = c->text[k];
        if (!crier_is_ascii_digit((unsigned char)ch)) {
            if (ch == '+')
                st = norm_put_glue(c->lang, out, "plus");
            k++;
            continue;
        }
        size_t g = k;
        while (g < e && crier_is_ascii_digit((unsigned char)c->text[g]))
            g++;
        if (group > 0)
            st = m->kind ? norm_put_glue(c->lang, out, "dot") : crier_buf_putc(out, ',');
        if (st == CRIER_OK && !m->kind && (group == 0 || (group == 1 && one_first)) &&
            toll_free(c->text + k, g - k))
            st = norm_say_code_digits(c->lang, c->text + k, 3, out);
        else if (st == CRIER_OK)
            st = norm_say_digits(c->lang, c->text + k, g - k, out);
        one_first = group == 0 && g - k == 1 && ch == '1';
        group++;
        k = g;
    }
    return st;
}
