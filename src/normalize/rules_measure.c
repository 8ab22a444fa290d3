/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Quantities: measures with units, temperatures, heights, coordinates, ranges and
 * win-loss records. Unit words come from units.tsv. */

/* ---- units -------------------------------------------------------------------- */

/* Row e of units.tsv has the flag ("per", "glued", "temperature", "rate"). */
static bool
unit_flag(const norm_entry *e, const char *name)
{
    const char *flag;
    size_t flag_len;
    return e != NULL && norm_field(e->value, 2, &flag, &flag_len) && flag_len == strlen(name) &&
           memcmp(flag, name, flag_len) == 0;
}

/* A unit as written ("km", "KG", "°C"); per_ok allows units that only follow a
 * slash ("mo" in "$20/mo"). */
const norm_entry *
norm_unit_of(const crier_lang *lang, const char *s, size_t len, bool per_ok)
{
    char low[24];
    const norm_entry *e = norm_lookup(lang, NT_UNITS, s, len);
    /* "KG"; but "M" is not "m", and "HRs" (home runs) is an acronym's plural */
    bool acronym_plural =
        len >= 3 && s[len - 1] == 's' && crier_is_ascii_upper((unsigned char)s[len - 2]);
    /* "5 MS patients": an acronym of acronyms.tsv is never a unit in capitals */
    if (e == NULL && len > 1 && len < sizeof low && !acronym_plural &&
        norm_lookup(lang, NT_ACRONYMS, s, len) == NULL) {
        for (size_t k = 0; k < len; k++)
            low[k] = (char)crier_ascii_lower((unsigned char)s[k]);
        e = norm_lookup(lang, NT_UNITS, low, len);
    }
    /* "C" and "F" are temperatures only where the sentence says so (norm_match_measure) */
    return (!per_ok && unit_flag(e, "per")) || unit_flag(e, "temperature") ? NULL : e;
}

/* A unit read only glued to its number ("6ft 2in"): as a word of its own, "in" is
 * the preposition. units.tsv flags it "glued". */
static bool
glued_only(const norm_entry *e)
{
    return unit_flag(e, "glued");
}

/* s[0..len) is "st" after a whole number n that is no weight in stone: the
 * ordinal suffix ("21st", "1st") or a slip for another ("111st"). Stone is a
 * body weight of up to 50 ("12st 4lb", "11st"). */
static bool
ordinal_suffix(const norm_number *n, const char *s, size_t len)
{
    if (len != 2 || s[0] != 's' || s[1] != 't' || n->frac != NULL || n->int_len == 0)
        return false;
    const char *d = n->int_digits + n->int_len - 1;
    return n->int_len > 2 || n->int_value > 50 || (*d == '1' && !(n->int_len > 1 && d[-1] == '1'));
}

/* "189.9c a litre", "a 50c coin": a price in cents has its decimals or a word
 * of price after it (words.tsv cent_cues); "I'm 16c." is left as written. */
static bool
cents_at(const norm_ctx *c, size_t i, const norm_number *n)
{
    if (n->frac != NULL)
        return true;
    return norm_trail_len(c, i) == 0 && i + 1 < c->n_toks &&
           norm_in_word_list(c->lang, "cent_cues", norm_body(c, i + 1), norm_body_len(c, i + 1));
}

/* ---- temperatures without a degree sign ---------------------------------------- */

/* Token k's body in lower case is a word of the words.tsv list. */
static bool
tok_in_list(const norm_ctx *c, size_t k, const char *list)
{
    char low[24];
    size_t len = norm_body_len(c, k);
    if (len == 0 || len >= sizeof low)
        return false;
    for (size_t n = 0; n < len; n++)
        low[n] = (char)crier_ascii_lower((unsigned char)norm_body(c, k)[n]);
    return norm_in_word_list(c->lang, list, low, len);
}

/* The units.tsv row of s[0..len) when it is "C" or "F" (flagged "temperature"). */
static const norm_entry *
temperature_letter(const crier_lang *lang, const char *s, size_t len)
{
    const norm_entry *e = len == 1 ? norm_lookup(lang, NT_UNITS, s, 1) : NULL;
    return unit_flag(e, "temperature") ? e : NULL;
}

/* The row of C or F when s[0..len) is a number glued to it ("43C", "-30F"), else
 * NULL; *ret_num the number. */
static const norm_entry *
temperature_row(const crier_lang *lang, const char *s, size_t len, norm_number *ret_num)
{
    if (len < 2 || !norm_parse_number(s, len, ret_num) || ret_num->len + 1 != len)
        return NULL;
    return temperature_letter(lang, s + len - 1, 1);
}

static const norm_entry *
glued_temperature(const norm_ctx *c, size_t k, norm_number *ret_num)
{
    return temperature_row(c->lang, norm_body(c, k), norm_body_len(c, k), ret_num);
}

/* Token k is C or F after number token k - 1 ("25 C"). */
static bool
spaced_letter(const norm_ctx *c, size_t k)
{
    norm_number n;
    return k > 0 && k < c->n_toks && norm_lead_len(c, k) == 0 &&
           temperature_letter(c->lang, norm_body(c, k), norm_body_len(c, k)) != NULL &&
           norm_trail_len(c, k - 1) == 0 && norm_tok_number(c, k - 1, &n);
}

/* A temperature as written starts at token k ("109F", "109 F"); or ends there. */
static bool
temperature_from(const norm_ctx *c, size_t k)
{
    norm_number n;
    return k < c->n_toks && (glued_temperature(c, k, &n) || spaced_letter(c, k + 1));
}
static bool
temperature_to(const norm_ctx *c, size_t k)
{
    norm_number n;
    return glued_temperature(c, k, &n) || spaced_letter(c, k);
}

/* Token k ends a sentence ("cold." "hot?"). */
static bool
ends_sentence(const norm_ctx *c, size_t k)
{
    const char *t = c->text + c->toks[k].trail;
    for (size_t n = 0; n < norm_trail_len(c, k); n++)
        if (t[n] == '.' || t[n] == '!' || t[n] == '?')
            return true;
    return false;
}

enum { TEMPERATURE_WINDOW = 8 };

/* "43C (109F)", "1.5C above pre-industrial levels", "-30F overnight", "highs of
 * 25C", "minus 5C": token i (a number glued to C or F) is a temperature. A minus
 * sign, a decimal, a paired "(109F)", "minus" before it, or a word of words.tsv
 * temperature_words in its sentence says so; after a word of temperature_not
 * ("seat 12F", "Apartment 3C", "Form 4C") or a name in mixed case ("iPhone 5C")
 * it is a seat, a flat or a model. */
static bool
temperature_at(const norm_ctx *c, size_t i, size_t last, const norm_number *num)
{
    const char *p = i > 0 ? norm_body(c, i - 1) : "";
    size_t pl = i > 0 ? norm_body_len(c, i - 1) : 0;
    if (pl > 0 && (tok_in_list(c, i - 1, "temperature_not") ||
                   (pl > 1 && crier_is_ascii_lower((unsigned char)p[0]) &&
                    crier_is_ascii_upper((unsigned char)p[1]))))
        return false;
    if (num->negative || num->frac != NULL || (pl > 0 && tok_in_list(c, i - 1, "minus")))
        return true;
    if ((last + 1 < c->n_toks && norm_lead_len(c, last + 1) == 1 &&
         c->text[c->toks[last + 1].off] == '(' && temperature_from(c, last + 1)) ||
        (i > 0 && norm_lead_len(c, i) == 1 && c->text[c->toks[i].off] == '(' &&
         temperature_to(c, i - 1)))
        return true; /* "43C (109F)", "25 C (77 F)" */
    /* "Highway 5C", "Section 112F": a label after a capitalized word; but "The 25C
     * heat", "Highs 25C" (words.tsv temperature_openers, temperature_words) */
    if (pl > 0 && norm_trail_len(c, i - 1) == 0 && crier_is_ascii_upper((unsigned char)p[0]) &&
        !tok_in_list(c, i - 1, "temperature_openers") &&
        !tok_in_list(c, i - 1, "temperature_words"))
        return false;
    for (size_t k = i; k > 0 && i - k < TEMPERATURE_WINDOW;) {
        if (ends_sentence(c, --k))
            break;
        if (tok_in_list(c, k, "temperature_words"))
            return true;
    }
    for (size_t k = last; !ends_sentence(c, k) && k + 1 < c->n_toks && k - i < TEMPERATURE_WINDOW;)
        if (tok_in_list(c, ++k, "temperature_words"))
            return true;
    return false;
}

/* ---- measures ------------------------------------------------------------------ */

/* Token k is the times sign of a size ("x", "×"). */
static bool
times_sign(const norm_ctx *c, size_t k)
{
    const char *b = norm_body(c, k);
    size_t len = norm_body_len(c, k);
    return (len == 1 && b[0] == 'x') || (len == 2 && memcmp(b, "\xc3\x97", 2) == 0);
}

/* "in" after number token i, token j, is inches between the sides of a size ("30 in
 * × 21 in"), though alone it is the preposition. */
static bool
size_side(const norm_ctx *c, size_t i, size_t j)
{
    const norm_entry *before;
    norm_number feet;
    if (norm_trail_len(c, j) == 0 && j + 1 < c->n_toks && times_sign(c, j + 1))
        return true;
    /* "1,200 mm (47 in)": a converted measure in its brackets; "90 ft 6 in" */
    if (norm_lead_len(c, i) == 1 && c->text[c->toks[i].off] == '(' && norm_trail0(c, j) == ')')
        return true;
    if (i >= 2 && norm_trail_len(c, i - 1) == 0 &&
        (norm_tok_is(c, i - 1, "ft") || norm_tok_is(c, i - 1, "feet")) &&
        norm_tok_number(c, i - 2, &feet))
        return true;
    return i >= 2 && norm_trail_len(c, i - 1) == 0 && times_sign(c, i - 1) &&
           (before = norm_unit_of(c->lang, norm_body(c, i - 2), norm_body_len(c, i - 2), false)) &&
           glued_only(before);
}

/* "kg", "km/h", "kg/kg", "mbps": a unit, maybe "per" a second one. */
static bool
parse_unit(const crier_lang *lang, const char *s, size_t len, const norm_entry **ret_a,
           const norm_entry **ret_b)
{
    const char *slash = memchr(s, '/', len);
    *ret_b = NULL;
    if ((*ret_a = norm_unit_of(lang, s, len, false)) != NULL)
        return true;
    if (slash == NULL || slash == s)
        return false;
    size_t a_len = (size_t)(slash - s);
    *ret_a = norm_unit_of(lang, s, a_len, false);
    *ret_b = norm_unit_of(lang, slash + 1, len - a_len - 1, true);
    return *ret_a != NULL && *ret_b != NULL;
}

/* The units.tsv row "sq ft" for token u's body "ft" (any case), or NULL. */
static const norm_entry *
square_row(const norm_ctx *c, size_t u)
{
    char key[24] = "sq ";
    size_t ul;
    if (u >= c->n_toks || norm_lead_len(c, u) != 0 || (ul = norm_body_len(c, u)) == 0 ||
        ul + 3 >= sizeof key)
        return NULL;
    for (size_t k = 0; k < ul; k++)
        key[3 + k] = (char)crier_ascii_lower((unsigned char)norm_body(c, u)[k]);
    return norm_lookup(c->lang, NT_UNITS, key, ul + 3);
}

/* "sq ft", "sq. mi" as tokens j and j + 1: the units.tsv row "sq ft", or NULL.
 * ("sq." alone is an abbreviation and reads "square" on its own.) */
static const norm_entry *
square_unit(const norm_ctx *c, size_t j)
{
    size_t tl = norm_trail_len(c, j);
    if (!norm_tok_is(c, j, "sq") || (tl != 0 && (tl != 1 || norm_trail0(c, j) != '.')))
        return NULL; /* "sq ft", "sq. mi" */
    return square_row(c, j + 1);
}

/* Bytes of an inch mark glued after number token i: the double prime "″", or a
 * straight '"' that closes no quote (an even count of them before it in the
 * text: '12"' is inches, '"a 7" b' is a quote). 0 when there is none. */
static size_t
inch_mark_len(const norm_ctx *c, size_t i)
{
    const char *t = c->text + c->toks[i].trail;
    size_t tl = norm_trail_len(c, i), open = 0;
    if (tl >= 3 && memcmp(t, "\xe2\x80\xb3", 3) == 0)
        return 3;
    if (tl == 0 || t[0] != '"' || norm_lead_len(c, i) != 0)
        return 0;
    for (size_t k = 0; k < c->toks[i].trail; k++)
        open += c->text[k] == '"';
    return open % 2 == 0 ? 1 : 0;
}

/* Token last, a rate ("120 mph", "5 m/s"), comes before a plural noun: "winds",
 * "gusts", "speeds"; not "across", "towards", "plus" (cues.tsv not_noun, "-ss",
 * "-us", "-is" and "-ards" endings). */
static bool
rate_before_noun(const norm_ctx *c, size_t last)
{
    if (last + 1 >= c->n_toks || norm_trail_len(c, last) != 0 || norm_lead_len(c, last + 1) != 0)
        return false;
    const char *n = norm_body(c, last + 1);
    size_t nl = norm_body_len(c, last + 1);
    if (nl < 4 || n[nl - 1] != 's' || strchr("sui", n[nl - 2]) != NULL ||
        (nl > 5 && memcmp(n + nl - 4, "ards", 4) == 0))
        return false;
    for (size_t k = 0; k < nl; k++)
        if (!crier_is_ascii_lower((unsigned char)n[k]))
            return false;
    return !norm_cue(c->lang, n, nl, "not_noun");
}

/* The number, its unit(s), and between them a scale word ("100 million kg"). */
bool
norm_match_measure(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    const norm_entry *a, *per;

    if (!norm_parse_number(b, len, &m->num))
        return false;
    size_t rest = m->num.len;
    if (rest < len && b[rest] == '-' && rest + 1 < len &&
        !crier_is_ascii_digit((unsigned char)b[rest + 1]))
        rest++;                         /* "123.2-millimeters" */
    if (rest < len && b[rest] == '/') { /* "12/kg": twelve per kilogram */
        m->entry = NULL;
        m->v[1] = (uint64_t)(uintptr_t)norm_unit_of(c->lang, b + rest + 1, len - rest - 1, true);
        m->n_toks = 1;
        if (m->v[1] == 0 && len - rest == 3 && norm_ascii_ieq(b + rest + 1, 2, "sq") &&
            norm_trail_len(c, i) == 0 && (m->v[1] = (uint64_t)(uintptr_t)square_row(c, i + 1)))
            m->n_toks = 2; /* "47.1/sq mi": per square mile */
        return m->v[1] != 0;
    }
    m->n_toks = 1;
    size_t j = i;
    size_t mark = rest == len ? inch_mark_len(c, i) : 0;
    if (mark > 0) { /* '12"', "a 55″ screen" */
        m->entry = norm_unit_of(c->lang, c->text + c->toks[i].trail, mark, false);
        m->trail_skip = mark;
        /* "a 55" TV": before its noun, one fifty-five inch TV */
        m->kind = i > 0 && i + 1 < c->n_toks && norm_tok_is(c, i - 1, "a");
        return m->entry != NULL;
    }
    if (rest == len) { /* the unit is the next token, maybe after a scale word */
        if (norm_trail_len(c, i) != 0 || i + 1 >= c->n_toks)
            return false;
        j = i + 1;
        if (norm_lookup(c->lang, NT_SCALES, norm_body(c, j), norm_body_len(c, j)) != NULL &&
            norm_body_len(c, j) > 2 && norm_trail_len(c, j) == 0 && j + 1 < c->n_toks) {
            m->v[2] = (uint64_t)(uintptr_t)norm_lookup(c->lang, NT_SCALES, norm_body(c, j),
                                                       norm_body_len(c, j));
            j++;
        }
        per = NULL;
        if (norm_lead_len(c, j) == 0 && (a = square_unit(c, j)) != NULL) {
            j++; /* "2,500 sq ft": units.tsv "sq ft" */
        } else if (j == i + 1 && spaced_letter(c, j)) {
            a = temperature_letter(c->lang, norm_body(c, j), 1);
            if (!temperature_at(c, i, j, &m->num))
                return false; /* "25 C (77 F)" */
        } else if (norm_lead_len(c, j) != 0 ||
                   !parse_unit(c->lang, norm_body(c, j), norm_body_len(c, j), &a, &per) ||
                   (glued_only(a) && !size_side(c, i, j))) {
            return false;
        }
        m->n_toks = j - i + 1;
    } else if ((a = glued_temperature(c, i, &m->num)) != NULL) {
        if (!temperature_at(c, i, i, &m->num))
            return false;
        per = NULL;
    } else if (!parse_unit(c->lang, b + rest, len - rest, &a, &per) ||
               norm_counted_scale(c, i, b + rest, len - rest) != NULL ||
               ordinal_suffix(&m->num, b + rest, len - rest) ||
               (len - rest == 1 && b[rest] == 'c' && !cents_at(c, i, &m->num))) {
        return false; /* "1.5m people" is a number: one point five million; "21st" */
    }
    m->entry = a;
    m->v[1] = (uint64_t)(uintptr_t)per;
    /* "a 1.5m wall": a measure before its noun is singular (one point five meter wall) */
    m->kind = norm_attributive(c, i, i + m->n_toks - 1) ||
              ((unit_flag(a, "rate") || per != NULL) && rate_before_noun(c, i + m->n_toks - 1));
    /* "a 30-minute, tightly run demo": hyphened, a measure is a modifier, unless
     * its unit is written plural ("123.2-millimeters") */
    if (rest == m->num.len + 1 && !(len - rest > 3 && b[len - 1] == 's'))
        m->kind = 1;
    return true;
}

/* The field of units.tsv row e said after the number: the singular (0) for one
 * and before a noun ("a 1.5m wall"), the plural (1), or before a noun the row's own
 * modifier form when it has one (3: "a 50p coin", fifty pence coin). */
static size_t
unit_field(const norm_entry *e, bool single, bool modifier)
{
    const char *f;
    size_t fl;
    if (single)
        return 0;
    if (!modifier)
        return 1;
    return norm_field(e->value, 3, &f, &fl) && fl > 0 ? 3 : 0;
}

crier_status
norm_say_measure(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const norm_entry *scale = (const norm_entry *)(uintptr_t)m->v[2];
    const norm_entry *per = (const norm_entry *)(uintptr_t)m->v[1];
    bool single =
        m->num.n_int_digits == 1 && m->num.int_value == 1 && m->num.frac == NULL && scale == NULL;
    crier_status st = norm_say_number(c->lang, &m->num, out);

    if (st == CRIER_OK && scale != NULL)
        st = norm_put(out, scale->value);
    if (st == CRIER_OK && m->entry != NULL)
        st = norm_put_field(out, m->entry->value, unit_field(m->entry, single, m->kind == 1));
    if (st == CRIER_OK && per != NULL && (st = norm_put_glue(c->lang, out, "per")) == CRIER_OK)
        st = norm_put_field(out, per->value, 0);
    return st;
}

/* ---- heights ------------------------------------------------------------------ */

/* Bytes of a foot mark at s ("'", "’", "′"), 0 when none. */
static size_t
foot_mark(const char *s, size_t len)
{
    if (len >= 1 && s[0] == '\'')
        return 1;
    if (len >= 3 && (memcmp(s, "\xe2\x80\x99", 3) == 0 || memcmp(s, "\xe2\x80\xb2", 3) == 0))
        return 3;
    return 0;
}

/* "6'2\"", "5′10″": a height in feet and inches, said six foot two. v[0] feet,
 * v[1] inches. */
bool
norm_match_height(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), fm, in_len = 0, mark;
    if (len < 3 || !crier_is_ascii_digit((unsigned char)b[0]) ||
        (fm = foot_mark(b + 1, len - 1)) == 0)
        return false;
    while (1 + fm + in_len < len && in_len < 2 &&
           crier_is_ascii_digit((unsigned char)b[1 + fm + in_len]))
        in_len++;
    if (in_len == 0)
        return false;
    const char *rest = b + 1 + fm + in_len;
    size_t rest_len = len - 1 - fm - in_len;
    if (rest_len == 3 && memcmp(rest, "\xe2\x80\xb3", 3) == 0) {
        mark = 0; /* "″" inside the body */
    } else if (rest_len == 0 && (mark = inch_mark_len(c, i)) > 0) {
        m->trail_skip = mark; /* '"' after it */
    } else {
        return false;
    }
    m->v[0] = (uint64_t)(b[0] - '0');
    m->v[1] = norm_digits_value(b + 1 + fm, in_len);
    m->n_toks = 1;
    return m->v[1] < 12;
}

crier_status
norm_say_height(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const norm_entry *ft = norm_unit_of(c->lang, "ft", 2, false);
    crier_status st = norm_say_cardinal(c->lang, m->v[0], out);
    (void)i;
    if (ft == NULL)
        return CRIER_E_LANG;
    if (st == CRIER_OK && (st = norm_put_field(out, ft->value, 0)) == CRIER_OK && m->v[1] > 0)
        st = norm_say_cardinal(c->lang, m->v[1], out);
    return st;
}

/* ---- coordinates ---------------------------------------------------------------- */

/* Length of a mark at s among ASCII alt and the UTF-8 prime (′ or ″), else 0. */
static size_t
mark_len(const char *s, size_t len, char ascii, const char *prime)
{
    if (len >= 1 && s[0] == ascii)
        return 1;
    return len >= 3 && memcmp(s, prime, 3) == 0 ? 3 : 0;
}

/* "40°42′46″N", "74°0′22″W", "51°30′N": degrees, minutes, seconds and a compass
 * letter, said in full. v[0..2] the numbers, kind the letter. */
bool
norm_match_coordinate(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), k = 0, part = 0;
    while (k < len && part < 3) {
        size_t d = 0;
        while (k + d < len && d < 3 && crier_is_ascii_digit((unsigned char)b[k + d]))
            d++;
        if (d == 0)
            break;
        m->v[part] = norm_digits_value(b + k, d);
        k += d;
        size_t ml = part == 0   ? (len - k >= 2 && memcmp(b + k, "\xc2\xb0", 2) == 0 ? 2 : 0)
                    : part == 1 ? mark_len(b + k, len - k, '\'', "\xe2\x80\xb2")
                                : mark_len(b + k, len - k, '"', "\xe2\x80\xb3");
        if (ml == 0)
            return false;
        k += ml;
        part++;
    }
    if (part < 2 || k + 1 != len || strchr("NSEW", b[k]) == NULL || b[k] == '\0')
        return false;
    m->kind = b[k];
    m->v[3] = part;
    m->n_toks = 1;
    return true;
}

crier_status
norm_say_coordinate(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    static const char *const units[3] = {"\xc2\xb0", "minute", "second"};
    char dir[12] = "direction_";
    crier_status st = CRIER_OK;
    (void)i;
    for (size_t p = 0; p < m->v[3] && st == CRIER_OK; p++) {
        const norm_entry *u = norm_lookup(c->lang, NT_UNITS, units[p], strlen(units[p]));
        if (u == NULL)
            return CRIER_E_LANG;
        if ((st = norm_say_cardinal(c->lang, m->v[p], out)) == CRIER_OK)
            st = norm_put_field(out, u->value, m->v[p] == 1 ? 0 : 1);
    }
    dir[10] = (char)m->kind;
    dir[11] = '\0';
    return st != CRIER_OK ? st : norm_put_glue(c->lang, out, dir);
}

/* ---- ranges and dimensions --------------------------------------------------- */

/* Where a range's dash is in s: one '-' or '–' (U+2013) between two sides that
 * start like quantities ("2019-2023", "$50-$100", "5pm-7pm", "1960s-80s"). */
static bool
range_split(const char *s, size_t len, size_t *ret_dash, size_t *ret_dash_len)
{
    size_t dash = len, dl = 0;
    for (size_t k = 1; k + 1 < len; k++) {
        size_t n = s[k] == '-' ? 1 : (len - k > 3 && memcmp(s + k, "\xe2\x80\x93", 3) == 0) ? 3 : 0;
        if (n == 0)
            continue;
        if (dash != len)
            return false; /* "123-123-5678" is not a range */
        dash = k;
        dl = n;
        k += n - 1;
    }
    if (dash == len || (!crier_is_ascii_digit((unsigned char)s[dash - 1]) && s[dash - 1] != 's' &&
                        s[dash - 1] != 'm' && s[dash - 1] != '%'))
        return false;
    unsigned char r = (unsigned char)s[dash + dl];
    if (!crier_is_ascii_digit(r) && r != '$' && r != 0xE2 && r != 0xC2 && r != '\'')
        return false; /* "F-35" and "COVID-19" are compounds, not ranges */
    *ret_dash = dash;
    *ret_dash_len = dl;
    return crier_is_ascii_digit((unsigned char)s[0]) || s[0] == '$' || (unsigned char)s[0] >= 0xC2;
}

/* "2025/26", "2025/2026": a season or fiscal year, said as a range. */
static bool
season_split(const char *s, size_t len, size_t *ret_dash)
{
    if ((len != 7 && len != 9) || s[4] != '/' || !norm_all_digits(s, 4) ||
        !norm_all_digits(s + 5, len - 5))
        return false;
    uint64_t a = norm_digits_value(s, 4), b = norm_digits_value(s + 5, len - 5);
    *ret_dash = 4;
    return a >= 1900 && a <= 2099 && (len == 7 ? b == (a + 1) % 100 : b == a + 1);
}

/* A currency sign opening s ("$", "€", "US$"): its row, its length in *ret_len. */
static const norm_entry *
leading_currency(const crier_lang *lang, const char *s, size_t len, size_t *ret_len)
{
    for (size_t n = len < 4 ? len : 4; n > 0; n--) {
        const norm_entry *e;
        if (n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
            continue;
        if (crier_is_ascii_alpha((unsigned char)s[n - 1]) && n < 3)
            continue; /* "m", "kg": not currencies here */
        if ((e = norm_lookup(lang, NT_CURRENCIES, s, n)) != NULL) {
            *ret_len = n;
            return e;
        }
    }
    return NULL;
}

/* v[0] the dash, v[1] its length; entry a unit after the range ("40-50 mph"),
 * or with kind RANGE_MONEY the currency of "$1-2 billion" (v[2] its length,
 * v[3] the scale row), said once at the end: one to two billion dollars. */
enum { RANGE_UNIT = 1, RANGE_MONEY, RANGE_MODEL, RANGE_RECORD, RANGE_TEMPERATURE, RANGE_SET };

/* Token k is a set of tennis: one digit to 7, a dash, one digit to 7, a 6 or 7 among them. */
static bool
set_score(const norm_ctx *c, size_t k)
{
    const char *b = norm_body(c, k);
    size_t len = norm_body_len(c, k), dash, dl = 1;
    if (len < 3 || len > 5 || !range_split(b, len, &dash, &dl) || dash != 1 || len - dash - dl != 1)
        return false;
    char l = b[0], r = b[len - 1];
    return l >= '0' && l <= '7' && r >= '0' && r <= '7' && (l >= '6' || r >= '6');
}

/* "won 6-3, 6-4": two sets or more in a row are tennis, six three, six four. */
static bool
tennis_set(const norm_ctx *c, size_t i)
{
    if (!set_score(c, i))
        return false;
    bool next = norm_trail_len(c, i) == 1 && norm_trail0(c, i) == ',' && i + 1 < c->n_toks &&
                norm_lead_len(c, i + 1) == 0 && set_score(c, i + 1);
    bool prev = i > 0 && norm_trail_len(c, i - 1) == 1 && norm_trail0(c, i - 1) == ',' &&
                norm_lead_len(c, i) == 0 && set_score(c, i - 1);
    return next || prev;
}

/* "went 14-6", "fell to 2-8", "a 12-4 record", "Denver (12-4)": a win-loss record,
 * said fourteen and six; "won 3-1", "a 5-4 ruling", "passed 219-213" are scores and
 * votes. Words before it (words.tsv record_verbs, record_to_verbs before "to") or
 * after it (record_nouns) say so, or a team's name before it in parentheses. */
static bool
win_loss_record(const norm_ctx *c, size_t i, const char *b, size_t len, size_t dash, size_t dl)
{
    size_t rl = len - dash - dl;
    if (dash > 3 || rl == 0 || rl > 3 || !norm_all_digits(b, dash) ||
        !norm_all_digits(b + dash + dl, rl))
        return false;
    /* "went 2-1 up", "went 1-0 ahead": a score */
    if (norm_trail_len(c, i) == 0 && i + 1 < c->n_toks && tok_in_list(c, i + 1, "score_after"))
        return false;
    if (i > 0 && norm_trail_len(c, i - 1) == 0 && tok_in_list(c, i - 1, "record_verbs"))
        return true;
    if (i > 1 && norm_trail_len(c, i - 2) == 0 && norm_trail_len(c, i - 1) == 0 &&
        norm_tok_is(c, i - 1, "to") && tok_in_list(c, i - 2, "record_to_verbs"))
        return true;
    if (norm_trail_len(c, i) == 0 && i + 1 < c->n_toks && norm_lead_len(c, i + 1) == 0 &&
        tok_in_list(c, i + 1, "record_nouns"))
        return true;
    return i > 0 && norm_lead_len(c, i) == 1 && c->text[c->toks[i].off] == '(' &&
           norm_trail0(c, i) == ')' && norm_trail_len(c, i - 1) == 0 &&
           norm_tok_capitalized(c, i - 1);
}

bool
norm_match_range(const norm_ctx *c, size_t i, norm_match *m)
{
    size_t dash, dl = 1, cl = 0;
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    norm_number num;
    if (!season_split(b, len, &dash) && !range_split(b, len, &dash, &dl))
        return false;
    m->v[0] = dash;
    m->v[1] = dl;
    m->n_toks = 1;
    /* "Boeing 737-800": after a maker (cues.tsv "model") a model, not a range */
    if (i > 0 && norm_trail_len(c, i - 1) == 0 && dl == 1 && norm_all_digits(b, dash) &&
        norm_all_digits(b + dash + 1, len - dash - 1) && norm_tok_cue(c, i - 1, "model")) {
        m->kind = RANGE_MODEL;
        return true;
    }
    if (win_loss_record(c, i, b, len, dash, dl)) {
        m->kind = RANGE_RECORD;
        return true;
    }
    if (tennis_set(c, i)) {
        m->kind = RANGE_SET;
        return true;
    }
    /* "highs of 25-30C": the unit once at the end, twenty five to thirty degrees */
    norm_number low;
    if (norm_parse_number(b, dash, &low) && low.len == dash &&
        (m->entry = temperature_row(c->lang, b + dash + dl, len - dash - dl, &num)) != NULL &&
        (low.negative || num.int_value >= low.int_value) && temperature_at(c, i, i, &num)) {
        m->kind = RANGE_TEMPERATURE;
        return true;
    }
    m->entry = NULL;
    bool next = norm_trail_len(c, i) == 0 && i + 1 < c->n_toks && norm_lead_len(c, i + 1) == 0;
    const norm_entry *cur = leading_currency(c->lang, b, dash, &cl);
    size_t r = dash + dl;
    if (cur != NULL && norm_parse_number(b + cl, dash - cl, &num) && num.len == dash - cl &&
        norm_parse_number(b + r, len - r, &num) &&
        (num.len == len - r || (m->v[3] = (uint64_t)(uintptr_t)norm_lookup(
                                    c->lang, NT_SCALES, b + r + num.len, len - r - num.len)))) {
        m->kind = RANGE_MONEY; /* "$1-2 billion", "$5-10", "€3-4bn" */
        m->entry = cur;
        m->v[2] = cl;
        if (m->v[3] == 0 && next &&
            (m->v[3] = (uint64_t)(uintptr_t)norm_lookup(c->lang, NT_SCALES, norm_body(c, i + 1),
                                                        norm_body_len(c, i + 1))) != 0)
            m->n_toks = 2;
        return true;
    }
    if (next && crier_is_ascii_digit((unsigned char)b[len - 1]) &&
        (m->entry = norm_unit_of(c->lang, norm_body(c, i + 1), norm_body_len(c, i + 1), false)) !=
            NULL &&
        !glued_only(m->entry) &&
        norm_body_len(c, i + 1) <= 4) { /* "40-50 mph"; "6-12 inches" reads itself */
        m->kind = RANGE_UNIT;
        m->n_toks = 2;
    }
    return true;
}

static crier_status
say_money_range(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), dash = (size_t)m->v[0], right = dash + (size_t)m->v[1];
    size_t cl = (size_t)m->v[2];
    const norm_entry *scale = (const norm_entry *)(uintptr_t)m->v[3];
    norm_number num;
    crier_status st = CRIER_OK;
    if (!norm_parse_number(b + cl, dash - cl, &num) ||
        (st = norm_say_number(c->lang, &num, out)) != CRIER_OK ||
        (st = norm_put_glue(c->lang, out, "to")) != CRIER_OK ||
        !norm_parse_number(b + right, len - right, &num) || /* the scale after it is v[3] */
        (st = norm_say_number(c->lang, &num, out)) != CRIER_OK)
        return st;
    if (scale != NULL && (st = norm_put(out, scale->value)) != CRIER_OK)
        return st;
    return norm_put_field(out, m->entry->value, 1);
}

/* "1960-80", "2025-26", "1846-8", "2008-9": a year range whose end is written
 * with its last one or two digits; *ret_tail is the end year's last two digits
 * (48 for "1846-8"). A one-digit end must come after the start ("1846-3" is not
 * a year range). */
static bool
short_year_end(const char *b, size_t len, size_t dash, size_t right, uint64_t *ret_tail)
{
    size_t el = len - right;
    if (dash != 4 || (el != 1 && el != 2) || !norm_all_digits(b, 4) ||
        !norm_all_digits(b + right, el))
        return false;
    uint64_t start = norm_digits_value(b, 4), end = norm_digits_value(b + right, el);
    if (el == 2) {
        *ret_tail = end;
        return true;
    }
    if (start < 1000 || start > 2099 || end <= start % 10)
        return false;
    *ret_tail = start % 100 - start % 10 + end;
    return true;
}

crier_status
norm_say_range(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *b = norm_body(c, i);
    size_t off = c->toks[i].body, len = norm_body_len(c, i), dash = (size_t)m->v[0];
    size_t right = dash + (size_t)m->v[1], used;
    crier_status st;

    if (m->kind == RANGE_MONEY)
        return say_money_range(c, i, m, out);
    if (m->kind == RANGE_MODEL) { /* seven thirty seven eight hundred */
        st = norm_say_code_digits(c->lang, b, dash, out);
        return st != CRIER_OK ? st : norm_say_code_digits(c->lang, b + right, len - right, out);
    }
    if (m->kind == RANGE_SET) { /* six three, six love */
        if ((st = norm_say_token_alone(c, c->text, off, dash, 0, out, &used)) != CRIER_OK)
            return st;
        if (b[right] == '0')
            return norm_put_glue(c->lang, out, "zero_in_set");
        return norm_say_token_alone(c, c->text, off + right, len - right, 0, out, &used);
    }
    if (m->kind == RANGE_RECORD) { /* fourteen and six, ten and oh */
        if ((st = norm_say_token_alone(c, c->text, off, dash, 0, out, &used)) != CRIER_OK ||
            (st = norm_put_glue(c->lang, out, "and")) != CRIER_OK)
            return st;
        if (len - right == 1 && b[right] == '0')
            return norm_put_glue(c->lang, out, "zero_in_record");
        return norm_say_token_alone(c, c->text, off + right, len - right, 0, out, &used);
    }
    /* "a 50-50 split", "drew 2-2": the same number twice is said without "to" */
    bool same = len - right == dash && memcmp(b, b + right, dash) == 0;
    if ((st = norm_say_token_alone(c, c->text, off, dash, 0, out, &used)) != CRIER_OK ||
        (!same && (st = norm_put_glue(c->lang, out, "to")) != CRIER_OK))
        return st;
    uint64_t end_year;
    if (short_year_end(b, len, dash, right, &end_year))
        return norm_say_year_tail(c->lang, end_year, out);
    if (m->kind == RANGE_TEMPERATURE) /* the number without its C or F */
        len--;
    st = norm_say_token_alone(c, c->text, off + right, len - right, 0, out, &used);
    if (st == CRIER_OK && (m->kind == RANGE_UNIT || m->kind == RANGE_TEMPERATURE))
        st = norm_put_field(out, m->entry->value, 1);
    return st;
}

/* A dash standing alone between two quantities: "4:00 am - 8:12 pm". */
bool
norm_match_dash_range(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    if (i == 0 || i + 1 >= c->n_toks ||
        norm_lead_len(c, i) + len + norm_trail_len(c, i) != c->toks[i].end - c->toks[i].off ||
        (!(len == 1 && b[0] == '-') && !(len == 3 && memcmp(b, "\xe2\x80\x93", 3) == 0)))
        return false;
    const char *p = norm_body(c, i - 1);
    size_t pl = norm_body_len(c, i - 1);
    if (pl == 0 || norm_trail_len(c, i - 1) != 0 || norm_body_len(c, i + 1) == 0 ||
        !crier_is_ascii_digit((unsigned char)norm_body(c, i + 1)[0]))
        return false;
    m->n_toks = 1;
    return crier_is_ascii_digit((unsigned char)p[pl - 1]) || p[pl - 1] == 'm' || p[pl - 1] == '%';
}

crier_status
norm_say_word_to(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    return norm_put_glue(c->lang, out, "to");
}
