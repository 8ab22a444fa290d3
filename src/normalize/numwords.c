/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Number words: the algorithm is English-shaped (short scale; tens and ones joined
 * by a space, since eSpeak NG flaps the t of "thirty nine", the American reading,
 * but not of "thirty-nine"); every word comes from voices/<lang>/numbers.tsv and
 * ordinals.tsv. */

crier_status
norm_space(crier_buf *out)
{
    if (out->len == 0 || out->data[out->len - 1] == ' ')
        return CRIER_OK;
    return crier_buf_putc(out, ' ');
}

crier_status
norm_put_word(crier_buf *out, const char *s, size_t len)
{
    crier_status st = norm_space(out);
    return st != CRIER_OK ? st : crier_buf_append(out, s, len);
}

static crier_status
put(crier_buf *out, const char *s)
{
    return norm_put_word(out, s, strlen(s));
}

/* 1..999 */
static crier_status
say_below_1000(const crier_lang *lang, unsigned n, crier_buf *out)
{
    crier_status st = CRIER_OK;
    if (n >= 100) {
        if ((st = put(out, lang->small[n / 100])) != CRIER_OK ||
            (st = put(out, lang->hundred)) != CRIER_OK)
            return st;
        n %= 100;
    }
    if (n == 0)
        return st;
    if (n < 20)
        return put(out, lang->small[n]);
    if ((st = put(out, lang->tens[n / 10])) != CRIER_OK || n % 10 == 0)
        return st;
    if ((st = crier_buf_putc(out, ' ')) != CRIER_OK)
        return st;
    return crier_buf_puts(out, lang->small[n % 10]);
}

crier_status
norm_say_cardinal(const crier_lang *lang, uint64_t n, crier_buf *out)
{
    static const uint64_t powers[7] = {1,
                                       1000ULL,
                                       1000000ULL,
                                       1000000000ULL,
                                       1000000000000ULL,
                                       1000000000000000ULL,
                                       1000000000000000000ULL};
    crier_status st = CRIER_OK;

    if (n == 0)
        return put(out, lang->small[0]);
    for (int s = 6; s >= 0 && st == CRIER_OK; s--) {
        uint64_t group = n / powers[s];
        if (group == 0)
            continue;
        n %= powers[s];
        if ((st = say_below_1000(lang, (unsigned)group, out)) != CRIER_OK)
            return st;
        if (s > 0) {
            if (lang->scale[s] == NULL) /* a pack without this scale word */
                return CRIER_E_LANG;
            st = put(out, lang->scale[s]);
        }
    }
    return st;
}

/* Replaces the last word of out[from..] ("seven" in "forty-seven") by its ordinal. */
static crier_status
ordinalize_tail(const crier_lang *lang, crier_buf *out, size_t from)
{
    size_t start = out->len;
    while (start > from && out->data[start - 1] != ' ' && out->data[start - 1] != '-')
        start--;
    const norm_entry *e = norm_lookup(lang, NT_ORDINALS, out->data + start, out->len - start);
    const char *suffix = norm_word(lang, "ordinal_suffix");
    if (e == NULL)
        return suffix ? crier_buf_puts(out, suffix) : CRIER_E_LANG;
    crier_buf_truncate(out, start);
    return crier_buf_puts(out, e->value);
}

crier_status
norm_say_ordinal(const crier_lang *lang, uint64_t n, crier_buf *out)
{
    crier_status st = norm_space(out);
    size_t from = out->len;
    if (st == CRIER_OK)
        st = norm_say_cardinal(lang, n, out);
    return st != CRIER_OK ? st : ordinalize_tail(lang, out, from);
}

crier_status
norm_say_year(const crier_lang *lang, uint64_t n, crier_buf *out)
{
    crier_status st;
    unsigned hi = (unsigned)(n / 100), lo = (unsigned)(n % 100);

    if (n < 100 || n > 9999 || (n >= 2000 && n < 2010) || (lo == 0 && hi % 10 == 0))
        return norm_say_cardinal(lang, n, out); /* "two thousand five", "two thousand" */
    if ((st = say_below_1000(lang, hi, out)) != CRIER_OK)
        return st;
    if (lo == 0)
        return put(out, lang->hundred); /* "nineteen hundred" */
    if (lo < 10 && (st = norm_put_glue(lang, out, "zero_in_year")) != CRIER_OK)
        return st; /* "nineteen oh five" */
    return say_below_1000(lang, lo, out);
}

crier_status
norm_say_year_tail(const crier_lang *lang, uint64_t n, crier_buf *out)
{
    crier_status st;
    if (n < 10 && (st = norm_put_glue(lang, out, "zero_in_year")) != CRIER_OK)
        return st;
    return norm_say_cardinal(lang, n, out);
}

crier_status
norm_say_digits(const crier_lang *lang, const char *s, size_t len, crier_buf *out)
{
    crier_status st = CRIER_OK;
    for (size_t i = 0; i < len && st == CRIER_OK; i++)
        if (crier_is_ascii_digit((unsigned char)s[i]))
            st = put(out, lang->small[s[i] - '0']);
    return st;
}

crier_status
norm_say_digit_run(const crier_lang *lang, const char *s, size_t len, crier_buf *out)
{
    size_t n_digits = 0;
    for (size_t i = 0; i < len; i++)
        n_digits += crier_is_ascii_digit((unsigned char)s[i]);
    /* "007": leading zeros are read as digits, as people say them */
    if (n_digits == 0 || n_digits > NORM_MAX_CARDINAL_DIGITS || (s[0] == '0' && n_digits > 1))
        return norm_say_digits(lang, s, len, out);
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++)
        if (crier_is_ascii_digit((unsigned char)s[i]))
            v = v * 10 + (uint64_t)(s[i] - '0');
    return norm_say_cardinal(lang, v, out);
}

/* ---- parsing ------------------------------------------------------------ */

bool
norm_all_digits(const char *s, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!crier_is_ascii_digit((unsigned char)s[i]))
            return false;
    return true;
}

uint64_t
norm_digits_value(const char *s, size_t len)
{
    uint64_t v = 0;
    for (size_t i = 0; i < len && i < NORM_MAX_CARDINAL_DIGITS; i++)
        v = v * 10 + (uint64_t)(s[i] - '0');
    return v;
}

bool
norm_parse_number(const char *s, size_t len, norm_number *ret)
{
    norm_number n = {0};
    size_t i = 0, group = 0;

    if (i < len && (s[i] == '-' || (len - i >= 3 && memcmp(s + i, "\xe2\x88\x92", 3) == 0))) {
        n.negative = true; /* "-3", "−3" (U+2212) */
        i += s[i] == '-' ? 1 : 3;
    } else if (len >= 2 && s[0] == '+' &&
               (crier_is_ascii_digit((unsigned char)s[1]) || s[1] == '.')) {
        n.plus = true; /* "+3.2%" */
        i = 1;
    }
    n.int_digits = s + i;
    size_t start = i;
    while (i < len) {
        if (crier_is_ascii_digit((unsigned char)s[i])) {
            if (n.n_int_digits < NORM_MAX_CARDINAL_DIGITS)
                n.int_value = n.int_value * 10 + (uint64_t)(s[i] - '0');
            n.n_int_digits++;
            group++;
            i++;
        } else if (s[i] == ',' && group >= 1 && (n.has_commas ? group == 3 : group <= 3) &&
                   i + 3 < len && norm_all_digits(s + i + 1, 3) &&
                   (i + 4 >= len || !crier_is_ascii_digit((unsigned char)s[i + 4]))) {
            n.has_commas = true; /* "1,500": groups of three */
            group = 0;
            i++;
        } else {
            break;
        }
    }
    if (n.has_commas && group != 3)
        return false;
    n.int_len = i - start;
    if (i + 1 < len && s[i] == '.' && crier_is_ascii_digit((unsigned char)s[i + 1])) {
        n.frac = s + i + 1;
        for (i++; i < len && crier_is_ascii_digit((unsigned char)s[i]); i++)
            n.frac_len++;
    }
    if (n.n_int_digits == 0 && n.frac == NULL)
        return false;
    n.len = i;
    *ret = n;
    return true;
}

/* A grouped number too big for 64 bits ("124,444,234,854,823,834,553"): each
 * group of three with its scale word. */
static crier_status
say_grouped(const crier_lang *lang, const char *s, size_t len, crier_buf *out)
{
    char d[NORM_MAX_GROUPED_DIGITS];
    size_t n = 0;
    crier_status st = CRIER_OK;
    for (size_t k = 0; k < len && n < sizeof d; k++)
        if (crier_is_ascii_digit((unsigned char)s[k]))
            d[n++] = s[k];
    for (size_t k = 0; k < n && st == CRIER_OK;) {
        size_t g = (n - k) % 3 ? (n - k) % 3 : 3, scale = (n - k - g) / 3;
        unsigned v = (unsigned)norm_digits_value(d + k, g);
        k += g;
        if (v == 0)
            continue;
        if ((st = say_below_1000(lang, v, out)) != CRIER_OK)
            return st;
        if (scale > 0)
            st = scale < 8 && lang->scale[scale] ? put(out, lang->scale[scale]) : CRIER_E_LANG;
    }
    return st;
}

crier_status
norm_say_number(const crier_lang *lang, const norm_number *num, crier_buf *out)
{
    crier_status st = CRIER_OK;

    if (num->plus && (st = norm_put_glue(lang, out, "plus")) != CRIER_OK)
        return st;
    if (num->negative && (st = norm_put_glue(lang, out, "minus")) != CRIER_OK)
        return st;
    if (num->n_int_digits > 0) {
        if (num->has_commas && num->n_int_digits > NORM_MAX_CARDINAL_DIGITS &&
            num->n_int_digits <= NORM_MAX_GROUPED_DIGITS)
            st = say_grouped(lang, num->int_digits, num->int_len, out);
        else if (num->n_int_digits > NORM_MAX_CARDINAL_DIGITS ||
                 (!num->has_commas && num->n_int_digits > NORM_MAX_PLAIN_DIGITS))
            st = norm_say_digits(lang, num->int_digits, num->int_len, out);
        else if (num->int_digits[0] == '0' && num->n_int_digits > 1 && !num->has_commas)
            st = norm_say_digits(lang, num->int_digits, num->int_len, out);
        else
            st = norm_say_cardinal(lang, num->int_value, out);
    } /* ".5": "point five" */
    if (st != CRIER_OK || num->frac == NULL)
        return st;
    if ((st = norm_put_glue(lang, out, "point")) != CRIER_OK)
        return st;
    return norm_say_digits(lang, num->frac, num->frac_len, out);
}

/* ---- helpers shared by the rules ------------------------------------------ */

crier_status
norm_put(crier_buf *out, const char *s)
{
    return norm_put_word(out, s, strlen(s));
}

crier_status
norm_put_field(crier_buf *out, const char *value, size_t n)
{
    const char *s;
    size_t len;
    if (!norm_field(value, n, &s, &len) && !norm_field(value, 0, &s, &len))
        return CRIER_E_LANG;
    return norm_put_word(out, s, len);
}

bool
norm_in_word_list(const crier_lang *lang, const char *list, const char *s, size_t len)
{
    const char *w = norm_word(lang, list);
    if (w == NULL)
        return false;
    while (*w != '\0') {
        const char *sp = strchr(w, ' ');
        size_t wl = sp ? (size_t)(sp - w) : strlen(w);
        if (wl == len && memcmp(w, s, len) == 0)
            return true;
        w += wl + (sp != NULL);
    }
    return false;
}

bool
norm_tok_number(const norm_ctx *c, size_t i, norm_number *ret)
{
    return i < c->n_toks && norm_parse_number(norm_body(c, i), norm_body_len(c, i), ret) &&
           ret->len == norm_body_len(c, i);
}

bool
norm_tok_small_int(const norm_ctx *c, size_t i, size_t max_digits, uint64_t *ret)
{
    if (i >= c->n_toks || norm_body_len(c, i) > max_digits ||
        !norm_all_digits(norm_body(c, i), norm_body_len(c, i)))
        return false;
    *ret = norm_digits_value(norm_body(c, i), norm_body_len(c, i));
    return true;
}

/* The last word of out[from..] ("eighty" in "nineteen eighty") in its plural form,
 * from plurals.tsv ("eighties"), else with "s". */
crier_status
norm_pluralize_tail(const crier_lang *lang, crier_buf *out, size_t from)
{
    size_t start = out->len;
    while (start > from && out->data[start - 1] != ' ' && out->data[start - 1] != '-')
        start--;
    const norm_entry *e = norm_lookup(lang, NT_PLURALS, out->data + start, out->len - start);
    if (e == NULL)
        return crier_buf_putc(out, 's');
    crier_buf_truncate(out, start);
    return crier_buf_puts(out, e->value);
}

bool
norm_ascii_ieq(const char *a, size_t a_len, const char *b)
{
    size_t b_len = strlen(b);
    if (a_len != b_len)
        return false;
    for (size_t k = 0; k < a_len; k++)
        if (crier_ascii_lower((unsigned char)a[k]) != crier_ascii_lower((unsigned char)b[k]))
            return false;
    return true;
}
