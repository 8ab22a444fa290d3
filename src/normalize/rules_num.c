/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Rules that read numbers: money, dates, clock times, percent, ordinals, years
 * and plain numbers. Words come from the language tables. */

static crier_status
put(crier_buf *out, const char *s)
{
    return norm_put_word(out, s, strlen(s));
}

static crier_status
put_field(crier_buf *out, const char *value, size_t n)
{
    const char *s;
    size_t len;
    if (!norm_field(value, n, &s, &len) && !norm_field(value, 0, &s, &len))
        return CRIER_E_LANG;
    return norm_put_word(out, s, len);
}

/* Token i's body is exactly one number. */
static bool
tok_number(const norm_ctx *c, size_t i, norm_number *ret)
{
    return i < c->n_toks && norm_parse_number(norm_body(c, i), norm_body_len(c, i), ret) &&
           ret->len == norm_body_len(c, i);
}

/* Token i's body is a whole number of at most max_digits digits, no commas. */
static bool
tok_small_int(const norm_ctx *c, size_t i, size_t max_digits, uint64_t *ret)
{
    if (i >= c->n_toks || norm_body_len(c, i) > max_digits ||
        !norm_all_digits(norm_body(c, i), norm_body_len(c, i)))
        return false;
    *ret = norm_digits_value(norm_body(c, i), norm_body_len(c, i));
    return true;
}

/* s is one of the space-separated words of the glue word named list. */
static bool
in_word_list(const crier_lang *lang, const char *list, const char *s, size_t len)
{
    const char *w = norm_word(lang, list, "");
    while (*w != '\0') {
        const char *sp = strchr(w, ' ');
        size_t wl = sp ? (size_t)(sp - w) : strlen(w);
        if (wl == len && memcmp(w, s, len) == 0)
            return true;
        w += wl + (sp != NULL);
    }
    return false;
}

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
        m->v[1] = (uint64_t)(uintptr_t)norm_lookup(c->lang, NT_SCALES,
                                                   norm_body(c, i) + rest_off, rest_len);
        return;
    }
    if (norm_trail_len(c, i) == 0 && i + 1 < c->n_toks && norm_lead_len(c, i + 1) == 0) {
        const norm_entry *e = norm_lookup(c->lang, NT_SCALES, norm_body(c, i + 1),
                                          norm_body_len(c, i + 1));
        if (e != NULL) {
            m->v[1] = (uint64_t)(uintptr_t)e;
            m->n_toks++;
        }
    }
}

bool
norm_match_money(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), cur_len = 0;
    const norm_entry *cur = currency_prefix(c, b, len, &cur_len);

    if (cur != NULL && cur_len == len && norm_trail_len(c, i) == 0) {
        /* "NIS 5 billion": the code as its own token */
        if (!tok_number(c, i + 1, &m->num) || m->num.negative)
            return false;
        m->entry = cur;
        m->n_toks = 2;
        money_scale(c, i + 1, 0, 0, m);
        return true;
    }
    if (cur == NULL || !norm_parse_number(b + cur_len, len - cur_len, &m->num) ||
        m->num.negative)
        return false;
    size_t rest = cur_len + m->num.len;
    m->entry = cur;
    m->n_toks = 1;
    money_scale(c, i, rest, len - rest, m);
    return rest == len || m->v[1] != 0;
}

crier_status
norm_say_money(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const norm_number *num = &m->num;
    const norm_entry *scale = (const norm_entry *)(uintptr_t)m->v[1];
    const char *cur = m->entry->value;
    crier_status st;

    if (scale != NULL) { /* "$1.5 billion": one point five billion dollars */
        if ((st = norm_say_number(c->lang, num, out)) != CRIER_OK ||
            (st = put(out, scale->value)) != CRIER_OK)
            return st;
        return put_field(out, cur, 1);
    }
    bool cents = num->frac != NULL && num->frac_len == 2;
    bool whole = num->n_int_digits > 0 && !(num->int_value == 0 && cents);
    if (!cents && num->frac != NULL) { /* "$1.125": one point one two five dollars */
        if ((st = norm_say_number(c->lang, num, out)) != CRIER_OK)
            return st;
        return put_field(out, cur, 1);
    }
    if (whole) {
        norm_number int_part = *num;
        int_part.frac = NULL;
        if ((st = norm_say_number(c->lang, &int_part, out)) != CRIER_OK ||
            (st = put_field(out, cur, num->int_value == 1 && num->n_int_digits == 1 ? 0 : 1)))
            return st;
    }
    uint64_t minor = cents ? norm_digits_value(num->frac, 2) : 0;
    if (!cents || (minor == 0 && whole))
        return CRIER_OK;
    if (whole && (st = put(out, norm_word(c->lang, "and", "and"))) != CRIER_OK)
        return st;
    if ((st = norm_say_cardinal(c->lang, minor, out)) != CRIER_OK)
        return st;
    return put_field(out, cur, minor == 1 ? 2 : 3);
}

/* ---- dates --------------------------------------------------------------- */

enum { DATE_MONTH_DAY = 1, DATE_DAY_MONTH, DATE_MONTH_YEAR, DATE_ISO };

/* A day of the month: "1", "01", "1st", "21st". */
static bool
tok_day(const norm_ctx *c, size_t i, uint64_t *ret)
{
    if (i >= c->n_toks)
        return false;
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), d = 0;
    while (d < len && d < 2 && crier_is_ascii_digit((unsigned char)b[d]))
        d++;
    if (d == 0 || (d < len && !in_word_list(c->lang, "ordinal_suffixes", b + d, len - d)))
        return false;
    *ret = norm_digits_value(b, d);
    return *ret >= 1 && *ret <= 31;
}

static bool
tok_year(const norm_ctx *c, size_t i, uint64_t *ret)
{
    return tok_small_int(c, i, 4, ret) && norm_body_len(c, i) == 4 && *ret >= 1000;
}

static const norm_entry *
tok_month(const norm_ctx *c, size_t i, bool *ret_dot)
{
    if (i >= c->n_toks)
        return NULL;
    return norm_lookup_dotted(c, i, NT_MONTHS, ret_dot);
}

/* "2026-02-01" */
static bool
match_iso(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    if (norm_body_len(c, i) != 10 || b[4] != '-' || b[7] != '-' || !norm_all_digits(b, 4) ||
        !norm_all_digits(b + 5, 2) || !norm_all_digits(b + 8, 2))
        return false;
    m->v[0] = norm_digits_value(b + 5, 2);
    m->v[1] = norm_digits_value(b + 8, 2);
    m->v[2] = norm_digits_value(b, 4);
    m->kind = DATE_ISO;
    m->n_toks = 1;
    return m->v[0] >= 1 && m->v[0] <= 12 && m->v[1] >= 1 && m->v[1] <= 31 &&
           c->lang->month_name[m->v[0]] != NULL;
}

bool
norm_match_date(const norm_ctx *c, size_t i, norm_match *m)
{
    bool dot = false;
    const norm_entry *month = tok_month(c, i, &dot);
    uint64_t day, year;

    if (match_iso(c, i, m))
        return true;
    if (month != NULL) {
        char t = dot ? '\0' : norm_trail0(c, i);
        if (t != '\0' && t != '.' && t != ',')
            return false;
        m->entry = month;
        if (t != ',' && tok_day(c, i + 1, &day) && norm_lead_len(c, i + 1) == 0) {
            m->kind = DATE_MONTH_DAY;
            m->v[1] = day;
            m->n_toks = 2;
            char dt = norm_trail0(c, i + 1);
            if (((dt == ',' && norm_trail_len(c, i + 1) == 1) || dt == '\0') &&
                tok_year(c, i + 2, &year)) {
                m->v[2] = year;
                m->n_toks = 3;
            }
            m->trail_skip = 0;
            return true;
        }
        if (norm_trail_len(c, i) - (dot ? 1 : 0) == 0 && tok_year(c, i + 1, &year)) {
            m->kind = DATE_MONTH_YEAR;
            m->v[2] = year;
            m->n_toks = 2;
            return true;
        }
        return false;
    }
    /* "1 February 2026" */
    if (norm_trail_len(c, i) != 0 || !tok_day(c, i, &day) ||
        (month = tok_month(c, i + 1, &dot)) == NULL)
        return false;
    m->entry = month;
    m->kind = DATE_DAY_MONTH;
    m->v[1] = day;
    m->n_toks = 2;
    if (norm_trail_len(c, i + 1) == (dot ? 1u : 0u) && tok_year(c, i + 2, &year)) {
        m->v[2] = year;
        m->n_toks = 3;
    } else if (dot) {
        m->trail_skip = 1;
    }
    return true;
}

crier_status
norm_say_date(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const crier_lang *lang = c->lang;
    crier_status st = CRIER_OK;
    const char *month = m->kind == DATE_ISO ? lang->month_name[m->v[0]] : NULL;
    size_t month_len = month ? strlen(month) : 0;

    if (month == NULL && !norm_field(m->entry->value, 1, &month, &month_len))
        return CRIER_E_LANG;
    if (m->kind == DATE_DAY_MONTH) { /* the first of February */
        if ((st = put(out, norm_word(lang, "the", "the"))) != CRIER_OK ||
            (st = norm_say_ordinal(lang, m->v[1], out)) != CRIER_OK ||
            (st = put(out, norm_word(lang, "of", "of"))) != CRIER_OK ||
            (st = norm_put_word(out, month, month_len)) != CRIER_OK)
            return st;
    } else {
        if ((st = norm_put_word(out, month, month_len)) != CRIER_OK)
            return st;
        if (m->kind != DATE_MONTH_YEAR && (st = norm_say_ordinal(lang, m->v[1], out)) != CRIER_OK)
            return st;
    }
    if (m->v[2] == 0)
        return CRIER_OK;
    if (m->kind != DATE_MONTH_YEAR && (st = crier_buf_putc(out, ',')) != CRIER_OK)
        return st;
    return norm_say_year(lang, m->v[2], out);
}

/* ---- clock times ----------------------------------------------------------- */

/* "a.m.", "pm", "AM": the meridiem words of words.tsv ("meridiem_am"). */
static const char *
meridiem(const norm_ctx *c, const char *s, size_t len, size_t *ret_used)
{
    char low[8];
    size_t n = 0;
    for (size_t k = 0; k < len && n < sizeof low; k++)
        if (s[k] != '.')
            low[n++] = (char)crier_ascii_lower((unsigned char)s[k]);
    if (n != 2 || low[1] != 'm' || (low[0] != 'a' && low[0] != 'p') || len > 4)
        return NULL;
    *ret_used = len;
    return norm_word(c->lang, low[0] == 'a' ? "meridiem_am" : "meridiem_pm",
                     low[0] == 'a' ? "a.m." : "p.m.");
}

/* The meridiem as the next token ("9 a.m."), consuming its dot. */
static const char *
meridiem_tok(const norm_ctx *c, size_t i, norm_match *m)
{
    size_t used;
    if (i >= c->n_toks || norm_lead_len(c, i) != 0)
        return NULL;
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    /* "a.m." is tokenized as body "a.m" and trail "." */
    bool dotted = len == 3 && b[1] == '.' && norm_trail0(c, i) == '.';
    const char *w = meridiem(c, b, len, &used);
    if (w != NULL && dotted)
        m->trail_skip = 1;
    return w;
}

bool
norm_match_time(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), h = 0, used;

    while (h < len && h < 3 && crier_is_ascii_digit((unsigned char)b[h]))
        h++;
    if (h == 0 || h > 2)
        return false;
    m->v[0] = norm_digits_value(b, h);
    m->v[1] = 0;
    size_t pos = h;
    if (pos + 3 <= len && b[pos] == ':' && norm_all_digits(b + pos + 1, 2) &&
        (pos + 3 == len || !crier_is_ascii_digit((unsigned char)b[pos + 3]))) {
        m->v[1] = norm_digits_value(b + pos + 1, 2);
        m->kind = 1; /* minutes written */
        pos += 3;
    }
    if (m->v[0] > 24 || m->v[1] > 59)
        return false;
    m->n_toks = 1;
    const char *mer = NULL;
    if (pos < len) { /* "9am", "3:30pm" */
        if ((mer = meridiem(c, b + pos, len - pos, &used)) == NULL)
            return false;
        m->trail_skip = norm_trail0(c, i) == '.' && b[len - 2] == '.' ? 1 : 0;
    } else if (norm_trail_len(c, i) == 0 && (mer = meridiem_tok(c, i + 1, m)) != NULL) {
        m->n_toks = 2;
    }
    m->entry = NULL;
    m->v[2] = (uint64_t)(uintptr_t)mer;
    if (mer != NULL)
        return m->v[0] >= 1 && m->v[0] <= 12;
    return m->kind == 1; /* "15:00" needs its minutes */
}

crier_status
norm_say_time(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *mer = (const char *)(uintptr_t)m->v[2];
    crier_status st = norm_say_cardinal(c->lang, m->v[0], out);

    if (st != CRIER_OK)
        return st;
    if (m->v[1] == 0 && mer == NULL && i + 1 < c->n_toks &&
        in_word_list(c->lang, "clock_words", norm_body(c, i + 1), norm_body_len(c, i + 1)))
        return CRIER_OK; /* "12:00 noon": twelve noon */
    if (m->v[1] == 0 && mer == NULL)
        st = put(out, norm_word(c->lang, m->v[0] > 12 ? "hundred_hours" : "oclock",
                                m->v[0] > 12 ? "hundred" : "o'clock"));
    else if (m->v[1] > 0 && m->v[1] < 10)
        st = put(out, norm_word(c->lang, "zero_in_time", "oh"));
    if (st == CRIER_OK && m->v[1] > 0)
        st = norm_say_cardinal(c->lang, m->v[1], out);
    if (st == CRIER_OK && mer != NULL)
        st = put(out, mer);
    return st;
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
    return st != CRIER_OK ? st : put(out, e ? e->value : "percent");
}

bool
norm_match_ordinal(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);

    if (!norm_parse_number(b, len, &m->num) || m->num.negative || m->num.frac != NULL ||
        m->num.n_int_digits > NORM_MAX_CARDINAL_DIGITS || m->num.len + 2 != len ||
        !in_word_list(c->lang, "ordinal_suffixes", b + m->num.len, 2))
        return false;
    m->n_toks = 1;
    return true;
}

crier_status
norm_say_ordinal_tok(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    return norm_say_ordinal(c->lang, m->num.int_value, out);
}

/* The year_cues.tsv row of token i's lower-case body: "year" for words after
 * which a four-digit number is a year ("in", "since"), "count" for nouns that
 * make the number before them a count ("people"). */
static const char *
year_cue(const norm_ctx *c, size_t i)
{
    char low[24];
    size_t len = i < c->n_toks ? norm_body_len(c, i) : 0;
    if (len == 0 || len >= sizeof low)
        return "";
    for (size_t k = 0; k < len; k++)
        low[k] = (char)crier_ascii_lower((unsigned char)norm_body(c, i)[k]);
    const norm_entry *e = norm_lookup(c->lang, NT_YEAR_CUES, low, len);
    return e ? e->value : "";
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
        return true;                  /* "in 1998" */
    if (norm_trail_len(c, i) == 0 && i + 1 < c->n_toks && norm_lead_len(c, i + 1) == 0 &&
        (strcmp(year_cue(c, i + 1), "count") == 0 ||
         norm_lookup(c->lang, NT_UNITS, norm_body(c, i + 1), norm_body_len(c, i + 1))))
        return false;                 /* "1500 people", "1200 km": a count */
    return true;                      /* news writes counts with a comma: "1,500" */
}

crier_status
norm_say_year_tok(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    return norm_say_year(c->lang, m->v[0], out);
}

bool
norm_match_number(const norm_ctx *c, size_t i, norm_match *m)
{
    m->n_toks = 1;
    return tok_number(c, i, &m->num);
}

crier_status
norm_say_number_tok(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    return norm_say_number(c->lang, &m->num, out);
}
