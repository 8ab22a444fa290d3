/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Calendar and clock rules: dates in their written forms and clock times
 * (decades and eras are in rules_era.c). Month, weekday and meridiem words
 * come from the tables. */

enum {
    DATE_MONTH_DAY = 1,
    DATE_DAY_MONTH,
    DATE_MONTH_YEAR,
    DATE_NUMERIC,
    DATE_MONTH_ONLY,
    DATE_RANGE,
    DATE_DAY_ONLY,
    DATE_DAY_RANGE
};

/* A month as written: "Feb.", "February", "FEB", "july". A row with a fourth
 * field "word" is also an English word ("May", "March"): in lower case it is a
 * month only next to a day. */
static const norm_entry *
month_of(const crier_lang *lang, const char *s, size_t len, bool *ret_word)
{
    char key[16];
    const norm_entry *e = len < sizeof key ? norm_lookup(lang, NT_MONTHS, s, len) : NULL;
    const char *flag;
    size_t flag_len;

    *ret_word = false;
    if (e == NULL && len > 0 && len < sizeof key) { /* "july", "SEPT." -> "July", "Sept." */
        for (size_t k = 0; k < len; k++)
            key[k] = (char)(k == 0 ? crier_ascii_upper((unsigned char)s[k])
                                   : crier_ascii_lower((unsigned char)s[k]));
        if ((e = norm_lookup(lang, NT_MONTHS, key, len)) != NULL &&
            !crier_is_ascii_upper((unsigned char)s[0]))
            *ret_word = norm_field(e->value, 2, &flag, &flag_len);
    }
    return e;
}

/* Token i as a month; *ret_dot when its full stop belongs to it. lead_ok: the
 * month opens the date and may follow a bracket or a quote ("(July 8, 2020)"). */
static const norm_entry *
tok_month(const norm_ctx *c, size_t i, bool lead_ok, bool *ret_dot, bool *ret_word)
{
    const norm_entry *e;
    *ret_dot = false;
    *ret_word = false;
    if (i >= c->n_toks || (!lead_ok && norm_lead_len(c, i) != 0))
        return NULL;
    if (norm_trail0(c, i) == '.' && norm_body_len(c, i) < 15) {
        char key[16];
        memcpy(key, norm_body(c, i), norm_body_len(c, i));
        key[norm_body_len(c, i)] = '.';
        if ((e = month_of(c->lang, key, norm_body_len(c, i) + 1, ret_word)) != NULL) {
            *ret_dot = true;
            return e;
        }
    }
    return month_of(c->lang, norm_body(c, i), norm_body_len(c, i), ret_word);
}

/* The spoken month name of a month row or month number. */
static bool
month_name(const crier_lang *lang, const norm_entry *e, uint64_t n, const char **s, size_t *len)
{
    if (e != NULL)
        return norm_field(e->value, 1, s, len);
    if (n < 1 || n > 12 || lang->month_name[n] == NULL)
        return false;
    *s = lang->month_name[n];
    *len = strlen(*s);
    return true;
}

/* A day of the month: "1", "01", "1st", "21ST". */
static bool
parse_day(const crier_lang *lang, const char *b, size_t len, uint64_t *ret)
{
    size_t d = 0;
    char suf[2];
    while (d < len && d < 3 && crier_is_ascii_digit((unsigned char)b[d]))
        d++;
    if (d == 0 || d > 2)
        return false;
    if (d < len) {
        if (len - d != 2)
            return false;
        suf[0] = (char)crier_ascii_lower((unsigned char)b[d]);
        suf[1] = (char)crier_ascii_lower((unsigned char)b[d + 1]);
        if (!norm_in_word_list(lang, "ordinal_suffixes", suf, 2))
            return false;
    }
    *ret = norm_digits_value(b, d);
    return *ret >= 1 && *ret <= 31;
}

static bool
tok_day(const norm_ctx *c, size_t i, uint64_t *ret)
{
    return i < c->n_toks && norm_lead_len(c, i) == 0 &&
           parse_day(c->lang, norm_body(c, i), norm_body_len(c, i), ret);
}

static bool
tok_year(const norm_ctx *c, size_t i, uint64_t *ret)
{
    return norm_tok_small_int(c, i, 4, ret) && norm_body_len(c, i) == 4 && *ret >= 1000 &&
           norm_lead_len(c, i) == 0;
}

/* "2026-02-01", "2016/07/03", "10/06/2005", "15.01.2020", "11/17/05": three
 * numbers; year first when it has four digits, else month first (American)
 * unless the first cannot be a month. */
static bool
match_numeric(const char *b, size_t len, norm_match *m)
{
    size_t start[3], n_parts = 0, k = 0, plen[3];
    char sep = 0;
    while (k < len && n_parts < 3) {
        start[n_parts] = k;
        while (k < len && crier_is_ascii_digit((unsigned char)b[k]))
            k++;
        plen[n_parts] = k - start[n_parts];
        if (plen[n_parts] == 0 || plen[n_parts] > 4)
            return false;
        n_parts++;
        if (k == len)
            break;
        if (sep == 0 && (b[k] == '/' || b[k] == '-' || b[k] == '.'))
            sep = b[k];
        if (b[k] != sep)
            return false;
        k++;
    }
    if (n_parts != 3 || k != len)
        return false;
    uint64_t v[3];
    for (int p = 0; p < 3; p++)
        v[p] = norm_digits_value(b + start[p], plen[p]);
    uint64_t y, mo, d;
    if (plen[0] == 4) {
        y = v[0];
        mo = v[1];
        d = v[2];
    } else if (plen[2] == 4 || (plen[2] == 2 && sep == '/')) {
        y = v[2];
        if (v[0] > 12) {
            d = v[0];
            mo = v[1];
            m->kind = DATE_DAY_MONTH;
        } else {
            mo = v[0];
            d = v[1];
        }
        if (plen[2] == 2)
            m->v[3] = 1; /* "05": two-digit year */
    } else {
        return false;
    }
    if (plen[1] > 2 || mo < 1 || mo > 12 || d < 1 || d > 31 || (plen[0] != 4 && plen[0] > 2))
        return false;
    if (m->kind == 0)
        m->kind = DATE_MONTH_DAY;
    m->v[0] = mo;
    m->v[1] = d;
    m->v[2] = y;
    m->entry = NULL;
    m->n_toks = 1;
    return true;
}

/* "Jan-15-2020", "Jan-15": a month and a day joined by dashes. */
static bool
match_month_dash(const norm_ctx *c, const char *b, size_t len, norm_match *m)
{
    const char *d1 = memchr(b, '-', len);
    bool word;
    if (d1 == NULL)
        return false;
    const norm_entry *e = month_of(c->lang, b, (size_t)(d1 - b), &word);
    const char *rest = d1 + 1;
    size_t rest_len = len - (size_t)(rest - b);
    const char *d2 = memchr(rest, '-', rest_len);
    size_t day_len = d2 ? (size_t)(d2 - rest) : rest_len;
    if (e == NULL || !parse_day(c->lang, rest, day_len, &m->v[1]))
        return false;
    if (d2 != NULL) {
        size_t yl = rest_len - day_len - 1;
        if (yl != 4 || !norm_all_digits(d2 + 1, 4))
            return false;
        m->v[2] = norm_digits_value(d2 + 1, 4);
    }
    m->entry = e;
    m->kind = DATE_MONTH_DAY;
    m->n_toks = 1;
    return true;
}

/* "Tue., Nov. 5", "Fri. at 9 p.m.", "Sat, Jan 4": an abbreviated weekday (days.tsv);
 * the forms without a full stop only before a month or a day number ("Sun" and
 * "Sat" are words too). */
bool
norm_match_weekday(const norm_ctx *c, size_t i, norm_match *m)
{
    bool dot, word;
    const char *f;
    size_t fl;
    if (!norm_tok_capitalized(c, i) || (m->entry = norm_lookup_dotted(c, i, NT_DAYS, &dot)) == NULL)
        return false;
    if (i > 0 && norm_trail_len(c, i - 1) == 0 &&
        (norm_tok_is(c, i - 1, "the") || norm_tok_is(c, i - 1, "The")))
        return false; /* "from the Sun.[4]" is no Sunday */
    m->n_toks = 1;
    m->trail_skip = dot;
    if (!norm_field(m->entry->value, 1, &f, &fl))
        return true;
    if (i + 1 >= c->n_toks || norm_body_len(c, i + 1) == 0)
        return false;
    if (norm_lead_len(c, i + 1) == 1 && c->text[c->toks[i + 1].off] == '(')
        return crier_is_ascii_digit((unsigned char)norm_body(c, i + 1)[0]) && /* "Tu (2/22)" */
               memchr(norm_body(c, i + 1), '/', norm_body_len(c, i + 1)) != NULL;
    return norm_lead_len(c, i + 1) == 0 &&
           (tok_month(c, i + 1, false, &dot, &word) != NULL ||
            crier_is_ascii_digit((unsigned char)norm_body(c, i + 1)[0]));
}

/* "June 3-5", "Oct. 30-Nov. 1": days of a range after month i, token i + 1 a day,
 * a dash and a day or a month (then token i + 2 its day). v[1] and v[3] the days,
 * lex_entry the second month row or NULL; the year, if any, is left to the caller. */
static bool
match_day_range(const norm_ctx *c, size_t i, norm_match *m)
{
    if (i + 1 >= c->n_toks || norm_lead_len(c, i + 1) != 0)
        return false;
    const char *b = norm_body(c, i + 1);
    size_t len = norm_body_len(c, i + 1), dash = 0, dl;
    bool dot, word;
    while (dash < len && dash < 4 && b[dash] != '-' && (unsigned char)b[dash] != 0xE2)
        dash++;
    dl = dash < len && b[dash] == '-' ? 1 : 3;
    if (dash == len || dash + dl >= len || (dl == 3 && memcmp(b + dash, "\xe2\x80\x93", 3) != 0) ||
        !parse_day(c->lang, b, dash, &m->v[1]))
        return false;
    m->lex_entry = NULL;
    m->n_toks = 2;
    if (parse_day(c->lang, b + dash + dl, len - dash - dl, &m->v[3]))
        return m->v[3] > m->v[1]; /* "June 3-5" */
    /* "Oct. 30-Nov. 1": the second month's dot is the token's trail */
    char key[16];
    size_t ml = len - dash - dl;
    dot = norm_trail0(c, i + 1) == '.' && norm_trail_len(c, i + 1) == 1;
    if (ml + 1 >= sizeof key)
        return false;
    memcpy(key, b + dash + dl, ml);
    key[ml] = '.';
    const norm_entry *e = dot ? month_of(c->lang, key, ml + 1, &word) : NULL;
    if (e == NULL &&
        (norm_trail_len(c, i + 1) != 0 || (e = month_of(c->lang, key, ml, &word)) == NULL))
        return false;
    if (word && !dot)
        return false;
    m->lex_entry = e;
    m->n_toks = 3;
    return tok_day(c, i + 2, &m->v[3]);
}

/* "on 12/25", "11/5", "1/24": a month and a day, American order. A fraction
 * where it reads as one: before "of", or a smaller number over a usual
 * denominator ("3/4", "1/12", words.tsv fraction_denominators) unless a word
 * cues.tsv marks "date" comes before it ("on 2/3"). */
static bool
match_month_slash_day(const norm_ctx *c, size_t i, const char *b, size_t len, norm_match *m)
{
    if (len < 3 || len > 5 || !crier_is_ascii_digit((unsigned char)b[0]))
        return false; /* most tokens are words: no memchr for them */
    const char *slash = memchr(b, '/', len);
    if (slash == NULL)
        return false;
    size_t ml = (size_t)(slash - b), dl = len - ml - 1;
    if (ml > 2 || dl == 0 || dl > 2 || !norm_all_digits(b, ml) || !norm_all_digits(slash + 1, dl) ||
        b[0] == '0' || slash[1] == '0')
        return false;
    uint64_t mo = norm_digits_value(b, ml), d = norm_digits_value(slash + 1, dl);
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return false;
    bool cue =
        i > 0 && i < c->n_toks && norm_trail_len(c, i - 1) == 0 && norm_tok_cue(c, i - 1, "date");
    if (i + 1 < c->n_toks && i < c->n_toks && norm_trail_len(c, i) == 0 &&
        norm_tok_is(c, i + 1, "of"))
        return false; /* "2/3 of voters" */
    if (!cue && mo < d && norm_in_word_list(c->lang, "fraction_denominators", slash + 1, dl))
        return false;
    m->entry = NULL;
    m->kind = DATE_MONTH_DAY;
    m->v[0] = mo;
    m->v[1] = d;
    m->v[2] = 0;
    m->n_toks = 1;
    return true;
}

/* Offset of the dash of "5–6" or "5-6" in s, its length in *ret_len; 0 if none. */
static size_t
day_range_dash(const char *s, size_t len, size_t *ret_len)
{
    for (size_t k = 1; k + 1 < len && k <= 2; k++) {
        if (s[k] == '-') {
            *ret_len = 1;
            return k;
        }
        if (k + 3 < len && memcmp(s + k, "\xe2\x80\x93", 3) == 0) {
            *ret_len = 3;
            return k;
        }
    }
    return 0;
}

/* "Tuesday, Nov, 29, 2016": a comma after the month (a typing slip) is read
 * past only when a day and a year follow; "in Oct, 5 people" stays as written. */
static bool
month_comma_day_year(const norm_ctx *c, size_t i, const norm_entry *month, norm_match *m)
{
    uint64_t day, year;
    char dt;
    if (!tok_day(c, i + 1, &day) || ((dt = norm_trail0(c, i + 1)) != '\0' && dt != ',') ||
        norm_trail_len(c, i + 1) > 1 || !tok_year(c, i + 2, &year))
        return false;
    m->entry = month;
    m->kind = DATE_MONTH_DAY;
    m->v[1] = day;
    m->v[2] = year;
    m->n_toks = 3;
    return true;
}

static bool
match_month_first(const norm_ctx *c, size_t i, const norm_entry *month, bool dot, bool word,
                  norm_match *m)
{
    uint64_t day, year;
    size_t tl = norm_trail_len(c, i) - dot;
    char t = tl > 0 ? c->text[c->toks[i].trail + dot] : '\0';
    if (t == ',' && tl == 1 && !word)
        return month_comma_day_year(c, i, month, m);
    if (t != '\0')
        return false;
    m->entry = month;
    if (tok_day(c, i + 1, &day)) {
        char dt = norm_trail0(c, i + 1);
        m->kind = DATE_MONTH_DAY;
        m->v[1] = day;
        m->n_toks = 2;
        if (((dt == ',' && norm_trail_len(c, i + 1) == 1) || dt == '\0') &&
            tok_year(c, i + 2, &year)) {
            m->v[2] = year;
            m->n_toks = 3;
        }
        /* "may 5" stays a verb unless a year follows */
        return !word || m->n_toks == 3;
    }
    if (match_day_range(c, i, m)) {
        size_t last = i + m->n_toks - 1;
        char dt = norm_trail0(c, last);
        m->kind = DATE_RANGE;
        m->v[2] = 0;
        if (((dt == ',' && norm_trail_len(c, last) == 1) || dt == '\0') &&
            tok_year(c, last + 1, &year)) {
            m->v[2] = year;
            m->n_toks++;
        }
        return !word || m->v[2] != 0;
    }
    m->v[1] = m->v[3] = 0;
    m->lex_entry = NULL;
    if (!word && tok_year(c, i + 1, &year)) {
        m->kind = DATE_MONTH_YEAR;
        m->v[2] = year;
        m->n_toks = 2;
        return true;
    }
    if (dot && norm_tok_capitalized(c, i)) { /* "in Jan.": an abbreviated month alone */
        m->kind = DATE_MONTH_ONLY;
        m->n_toks = 1;
        m->trail_skip = 1;
        return true;
    }
    return false;
}

bool
norm_match_date(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    bool dot, word;
    uint64_t day, year;

    if (match_numeric(b, len, m) || match_month_dash(c, b, len, m) ||
        match_month_slash_day(c, i, b, len, m))
        return true;
    norm_match_reset(m);
    const norm_entry *month = tok_month(c, i, true, &dot, &word);
    if (month != NULL)
        return match_month_first(c, i, month, dot, word, m);
    /* "from 2 to 6 September": the first day of a range, the second of September */
    uint64_t last_day;
    if (norm_trail_len(c, i) == 0 &&
        parse_day(c->lang, norm_body(c, i), norm_body_len(c, i), &day) && i + 3 < c->n_toks &&
        norm_trail_len(c, i + 1) == 0 &&
        (norm_tok_is(c, i + 1, "to") || norm_tok_is(c, i + 1, "and") ||
         norm_tok_is(c, i + 1, "until")) &&
        norm_trail_len(c, i + 2) == 0 && tok_day(c, i + 2, &last_day) && last_day > day &&
        (m->entry = tok_month(c, i + 3, false, &dot, &word)) != NULL) {
        m->kind = DATE_DAY_ONLY;
        m->v[1] = day;
        m->n_toks = 1;
        return true;
    }
    /* "1 February 2026", "the 26th May"; "the night of 5–6 June 1944": a range of
     * days before its month */
    size_t dl = 0, dash = day_range_dash(b, len, &dl);
    bool range = dash > 0 && parse_day(c->lang, b, dash, &day) &&
                 parse_day(c->lang, b + dash + dl, len - dash - dl, &last_day) && last_day > day;
    if (norm_trail_len(c, i) != 0 || !(range || parse_day(c->lang, b, len, &day)) ||
        (month = tok_month(c, i + 1, false, &dot, &word)) == NULL)
        return false;
    m->entry = month;
    m->kind = range ? DATE_DAY_RANGE : DATE_DAY_MONTH;
    m->v[1] = day;
    m->v[3] = range ? last_day : 0;
    m->n_toks = 2;
    if (norm_trail_len(c, i + 1) == (dot ? 1u : 0u) && tok_year(c, i + 2, &year)) {
        m->v[2] = year;
        m->n_toks = 3;
    } else if (!range && norm_trail_len(c, i + 1) > (dot ? 1u : 0u) &&
               c->text[c->toks[i + 1].trail + dot] == ',' && tok_year(c, i + 2, &year)) {
        m->v[2] = year; /* "23rd july, 1998" */
        m->n_toks = 3;
    } else if (dot) {
        m->trail_skip = 1;
    }
    return true;
}

/* "the second": a day of the month, "the" unless the text has it ("the 26th May"). */
static crier_status
say_the_day(const norm_ctx *c, size_t i, uint64_t day, crier_buf *out)
{
    bool the = i > 0 && norm_trail_len(c, i - 1) == 0 && norm_tok_is(c, i - 1, "the");
    crier_status st = the ? CRIER_OK : norm_put_glue(c->lang, out, "the");
    return st != CRIER_OK ? st : norm_say_ordinal(c->lang, day, out);
}

crier_status
norm_say_date(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const crier_lang *lang = c->lang;
    crier_status st = CRIER_OK;
    const char *month;
    size_t month_len;

    if (!month_name(lang, m->entry, m->v[0], &month, &month_len))
        return CRIER_E_LANG;
    if (m->kind == DATE_RANGE) { /* October thirtieth to November first, 2025 */
        const norm_entry *to_month = m->lex_entry;
        const char *m2;
        size_t m2_len;
        if ((st = norm_put_word(out, month, month_len)) != CRIER_OK ||
            (st = norm_say_ordinal(lang, m->v[1], out)) != CRIER_OK ||
            (st = norm_put_glue(lang, out, "to")) != CRIER_OK)
            return st;
        if (to_month != NULL && (!month_name(lang, to_month, 0, &m2, &m2_len) ||
                                 (st = norm_put_word(out, m2, m2_len)) != CRIER_OK))
            return st != CRIER_OK ? st : CRIER_E_LANG;
        if ((st = norm_say_ordinal(lang, m->v[3], out)) != CRIER_OK || m->v[2] == 0)
            return st;
        if ((st = crier_buf_putc(out, ',')) != CRIER_OK)
            return st;
        return norm_say_year(lang, m->v[2], out);
    }
    if (m->kind == DATE_DAY_ONLY) /* "from 2 to 6 September": the second */
        return say_the_day(c, i, m->v[1], out);
    bool range = m->kind == DATE_DAY_RANGE;
    if (m->kind == DATE_DAY_MONTH ||
        range) { /* the first of February; the fifth to the sixth of June */
        if ((st = say_the_day(c, i, m->v[1], out)) != CRIER_OK ||
            (range && ((st = norm_put_glue(lang, out, "to")) != CRIER_OK ||
                       (st = norm_put_glue(lang, out, "the")) != CRIER_OK ||
                       (st = norm_say_ordinal(lang, m->v[3], out)) != CRIER_OK)) ||
            (st = norm_put_glue(lang, out, "of")) != CRIER_OK ||
            (st = norm_put_word(out, month, month_len)) != CRIER_OK)
            return st;
        if (range) /* its v[3] is the last day */
            return m->v[2] == 0 ? CRIER_OK : norm_say_year(lang, m->v[2], out);
    } else {
        if ((st = norm_put_word(out, month, month_len)) != CRIER_OK || m->kind == DATE_MONTH_ONLY)
            return st;
        if (m->kind != DATE_MONTH_YEAR && (st = norm_say_ordinal(lang, m->v[1], out)) != CRIER_OK)
            return st;
    }
    if (m->v[2] == 0)
        return CRIER_OK;
    /* "February 20, 1895" keeps its comma; "the seventh of November eighteen
     * sixty seven" has none (a comma there also cuts the linking "r") */
    if (m->kind != DATE_MONTH_YEAR && m->kind != DATE_DAY_MONTH &&
        (st = crier_buf_putc(out, ',')) != CRIER_OK)
        return st;
    if (m->v[3] == 1)
        return norm_say_year_tail(lang, m->v[2], out);
    return norm_say_year(lang, m->v[2], out);
}

/* ---- clock times ----------------------------------------------------------- */

/* "a.m.", "pm", "AM": the meridiem words of words.tsv ("meridiem_am"). */
static const char *
meridiem(const norm_ctx *c, const char *s, size_t len, size_t *ret_used)
{
    char key[16] = "meridiem_"; /* words.tsv: "meridiem_pm" for "pm", "p.m.", "PM" */
    size_t n = 9;
    if (len > 4)
        return NULL;
    for (size_t k = 0; k < len; k++)
        if (s[k] != '.')
            key[n++] = (char)crier_ascii_lower((unsigned char)s[k]);
    key[n] = '\0';
    *ret_used = len;
    return n > 9 ? norm_word(c->lang, key) : NULL;
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

/* "a.m." on its own, after a number said in words ("three or four a.m.,"): the
 * meridiem, never the initials "A M". */
bool
norm_match_meridiem(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    if (norm_body_len(c, i) != 3 || b[1] != '.' || norm_trail0(c, i) != '.' ||
        (m->entry = (const norm_entry *)meridiem_tok(c, i, m)) == NULL)
        return false;
    m->n_toks = 1;
    return true;
}

crier_status
norm_say_meridiem(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    (void)c;
    (void)i;
    return norm_put(out, (const char *)m->entry);
}

bool
norm_match_time(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), h = 0, used;

    /* "0600 GMT", "0930 hours": military time before a zone, said oh six hundred */
    if (len == 4 && b[0] == '0' && norm_all_digits(b, 4) && norm_trail_len(c, i) == 0 &&
        i + 1 < c->n_toks &&
        (norm_in_word_list(c->lang, "time_zones", norm_body(c, i + 1), norm_body_len(c, i + 1)) ||
         norm_tok_is(c, i + 1, "hours")) &&
        norm_digits_value(b + 2, 2) < 60) {
        m->v[0] = norm_digits_value(b, 2);
        m->v[1] = norm_digits_value(b + 2, 2);
        m->kind = 3;
        m->n_toks = 1;
        return true;
    }
    while (h < len && h < 3 && crier_is_ascii_digit((unsigned char)b[h]))
        h++;
    if (h == 0 || h > 2)
        return false;
    m->v[0] = norm_digits_value(b, h);
    m->v[1] = 0;
    size_t pos = h;
    char sep = pos < len ? b[pos] : '\0';
    if (pos + 3 <= len && (sep == ':' || sep == '.') && norm_all_digits(b + pos + 1, 2) &&
        (pos + 3 == len || !crier_is_ascii_digit((unsigned char)b[pos + 3]))) {
        m->v[1] = norm_digits_value(b + pos + 1, 2);
        m->kind = 1; /* minutes written */
        pos += 3;
        if (sep == ':' && pos + 3 == len && b[pos] == ':' && norm_all_digits(b + pos + 1, 2)) {
            m->v[3] = norm_digits_value(b + pos + 1, 2);
            m->kind = 2; /* "14:10:30": hours, minutes and seconds */
            pos += 3;
            if (m->v[3] > 59)
                return false;
        }
    }
    if (m->kind == 1 && sep == ':' && pos + 1 < len && pos + 4 >= len && b[pos] == '.' &&
        norm_all_digits(b + pos + 1, len - pos - 1) && m->v[1] <= 59) {
        m->kind = 4; /* "3:53.11", "12:45.3": a race time, minutes and seconds */
        m->v[3] = pos + 1;
        m->n_toks = 1;
        return true;
    }
    if (m->v[0] > 24 || m->v[1] > 59)
        return false;
    m->n_toks = 1;
    const char *mer = NULL;
    if (pos < len && m->kind == 1 && norm_in_word_list(c->lang, "time_zones", b + pos, len - pos)) {
        /* "11:30EST": the zone glued on, said as acronyms.tsv says it */
        m->entry = norm_lookup(c->lang, NT_ACRONYMS, b + pos, len - pos);
        m->v[2] = 0;
        return m->entry != NULL && m->v[0] <= 24;
    }
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
    /* "15:00" needs its minutes; "1.59" is a time only before a meridiem */
    return m->kind == 2 || (m->kind == 1 && sep == ':');
}

/* "1:01:01": one hour one minute and one second (units.tsv hour, minute, second). */
static crier_status
say_duration(const norm_ctx *c, const norm_match *m, crier_buf *out)
{
    static const char *const names[3] = {"hour", "minute", "second"};
    const char *mer = (const char *)(uintptr_t)m->v[2];
    uint64_t v[3] = {m->v[0], m->v[1], m->v[3]};
    crier_status st = CRIER_OK;
    for (int k = 0; k < 3 && st == CRIER_OK; k++) {
        const norm_entry *e = norm_lookup(c->lang, NT_UNITS, names[k], strlen(names[k]));
        if (k == 2)
            st = norm_put_glue(c->lang, out, "and");
        if (st == CRIER_OK)
            st = norm_say_cardinal(c->lang, v[k], out);
        if (st == CRIER_OK)
            st = e ? norm_put_field(out, e->value, v[k] == 1 ? 0 : 1) : norm_put(out, names[k]);
    }
    return st == CRIER_OK && mer != NULL ? norm_put(out, mer) : st;
}

/* "3:53.11": three minutes and fifty three point one one seconds. */
static crier_status
say_race_time(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *b = norm_body(c, i);
    size_t frac = (size_t)m->v[3], len = norm_body_len(c, i);
    const norm_entry *min = norm_lookup(c->lang, NT_UNITS, "minute", 6);
    const norm_entry *sec = norm_lookup(c->lang, NT_UNITS, "second", 6);
    crier_status st = norm_say_cardinal(c->lang, m->v[0], out);
    if (st == CRIER_OK)
        st = min ? norm_put_field(out, min->value, m->v[0] == 1 ? 0 : 1) : norm_put(out, "minute");
    if (st == CRIER_OK)
        st = norm_put_glue(c->lang, out, "and");
    if (st == CRIER_OK)
        st = norm_say_cardinal(c->lang, m->v[1], out);
    if (st == CRIER_OK)
        st = norm_put_glue(c->lang, out, "point");
    if (st == CRIER_OK)
        st = norm_say_digits(c->lang, b + frac, len - frac, out);
    if (st == CRIER_OK)
        st = sec ? norm_put_field(out, sec->value, 1) : norm_put(out, "seconds");
    return st;
}

/* "00:00", "24:00": midnight (words.tsv "midnight"); "00:30": twelve thirty
 * a.m., as an American reader turns the 24-hour clock past midnight. */
static crier_status
say_midnight(const crier_lang *lang, uint64_t minutes, crier_buf *out)
{
    const char *word = norm_word(lang, "midnight");
    crier_status st;
    if (minutes == 0 && word != NULL)
        return norm_put(out, word);
    if ((st = norm_say_cardinal(lang, 12, out)) != CRIER_OK)
        return st;
    if (minutes > 0 && minutes < 10 && (st = norm_put_glue(lang, out, "zero_in_time")) != CRIER_OK)
        return st;
    if (minutes > 0 && (st = norm_say_cardinal(lang, minutes, out)) != CRIER_OK)
        return st;
    return norm_put_glue(lang, out, "meridiem_am");
}

crier_status
norm_say_time(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *mer = (const char *)(uintptr_t)m->v[2];
    if (m->kind == 2)
        return say_duration(c, m, out);
    if (m->kind == 4)
        return say_race_time(c, i, m, out);
    if (m->kind == 3) { /* oh six hundred, oh six thirty, oh nine oh five */
        crier_status st = norm_put_glue(c->lang, out, "zero_in_time");
        if (st == CRIER_OK)
            st = norm_say_cardinal(c->lang, m->v[0], out);
        if (st == CRIER_OK && m->v[1] == 0)
            return norm_put_glue(c->lang, out, "hundred_hours");
        if (st == CRIER_OK && m->v[1] < 10)
            st = norm_put_glue(c->lang, out, "zero_in_time");
        return st == CRIER_OK ? norm_say_cardinal(c->lang, m->v[1], out) : st;
    }
    if (mer == NULL && m->entry == NULL && (m->v[0] == 0 || m->v[0] == 24))
        return say_midnight(c->lang, m->v[0] == 24 ? 0 : m->v[1], out);
    crier_status st = norm_say_cardinal(c->lang, m->v[0], out);

    if (st != CRIER_OK)
        return st;
    if (m->v[1] == 0 && mer == NULL && i + 1 < c->n_toks &&
        norm_in_word_list(c->lang, "clock_words", norm_body(c, i + 1), norm_body_len(c, i + 1)))
        return CRIER_OK; /* "12:00 noon": twelve noon */
    if (m->v[1] == 0 && mer == NULL)
        st = norm_put_glue(c->lang, out, m->v[0] > 12 ? "hundred_hours" : "oclock");
    else if (m->v[1] > 0 && m->v[1] < 10)
        st = norm_put_glue(c->lang, out, "zero_in_time");
    if (st == CRIER_OK && m->v[1] > 0)
        st = norm_say_cardinal(c->lang, m->v[1], out);
    if (st == CRIER_OK && mer != NULL)
        st = norm_put(out, mer);
    if (st == CRIER_OK && m->entry != NULL) /* "11:30EST" */
        st = norm_put_field(out, m->entry->value, 0);
    return st;
}
