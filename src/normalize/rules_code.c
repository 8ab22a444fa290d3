/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Codes and addresses: serials ("H5N1", "A380"), arithmetic ("2*8", "1-4=5")
 * and street addresses ("1211 E Arques Ave", "Santa Clara, CA 95051"). */

/* Digits of a code: one or two as a number, three in pairs ("737" seven
 * thirty-seven, "708" seven oh eight), longer ones digit by digit. */
crier_status
norm_say_code_digits(const crier_lang *lang, const char *s, size_t len, crier_buf *out)
{
    crier_status st;
    if (len <= 2 || len > 4 || s[0] == '0')
        return len <= 2 && s[0] != '0' ? norm_say_digit_run(lang, s, len, out)
                                       : norm_say_digits(lang, s, len, out);
    if (len == 4)
        return norm_say_year(lang, norm_digits_value(s, 4), out);
    uint64_t lo = norm_digits_value(s + 1, 2);
    if ((st = norm_say_digits(lang, s, 1, out)) != CRIER_OK)
        return st;
    if (lo == 0)
        return norm_put(out, lang->hundred);
    return norm_say_year_tail(lang, lo, out); /* "seven oh eight" */
}

/* ---- digit strings --------------------------------------------------------------- */

/* Tokens j and j + 1, with no punctuation between, are a two-word cue of class cls
 * ("ending in", "block of"). */
static bool
pair_cue(const norm_ctx *c, size_t j, const char *cls)
{
    char pair[40];
    if (j + 1 >= c->n_toks || norm_trail_len(c, j) != 0)
        return false;
    size_t ql = norm_body_len(c, j), pl = norm_body_len(c, j + 1);
    if (ql + pl + 1 >= sizeof pair)
        return false;
    memcpy(pair, norm_body(c, j), ql);
    pair[ql] = ' ';
    memcpy(pair + ql + 1, norm_body(c, j + 1), pl);
    return norm_cue(c->lang, pair, ql + pl + 1, cls);
}

/* True when the words before token i ask for digits one by one (cues.tsv
 * "digits": "PIN 4921", "ISBN 978-...", "card ending in 8876"). */
static bool
digit_cue(const norm_ctx *c, size_t i)
{
    if (i == 0)
        return false;
    size_t tl = norm_trail_len(c, i - 1);
    char t = norm_trail0(c, i - 1);
    if (tl > 1 || (tl == 1 && t != ':' && t != '.'))
        return false;
    if (norm_tok_cue(c, i - 1, "digits"))
        return true;
    /* "the year ending in 2024" is a year */
    uint64_t v = norm_body_len(c, i) == 4 ? norm_digits_value(norm_body(c, i), 4) : 0;
    if (tl != 0 || i < 2 || (v >= 1800 && v < 2100))
        return false;
    return pair_cue(c, i - 2, "digits");
}

/* A service's phone number (cues.tsv "service"): after a dial word, maybe with
 * "on" and a name between ("call 112", "call Police Scotland on 101"), or before
 * a service_name word with only names between ("the 988 Suicide & Crisis
 * Lifeline", "999 calls"). "988 people" is a count. */
static bool
service_number(const norm_ctx *c, size_t i)
{
    if (!norm_tok_cue(c, i, "service") || i == 0 || norm_trail_len(c, i - 1) != 0)
        return false;
    if (norm_tok_cue(c, i - 1, "dial"))
        return true;
    /* "ring us on 111", not "called on 111 nations" */
    if (norm_tok_cue(c, i - 1, "dial_on"))
        for (size_t j = i - 2; j-- > 0 && j + 5 >= i;) {
            if (norm_trail_len(c, j) != 0)
                break;
            if (norm_tok_cue(c, j, "dial"))
                return true;
        }
    for (size_t j = i + 1; j < c->n_toks && j <= i + 4 && norm_trail_len(c, j - 1) == 0; j++) {
        if (norm_tok_cue(c, j, "service_name"))
            return true;
        if (!norm_tok_capitalized(c, j) && !norm_tok_is(c, j, "&"))
            return false;
    }
    return false;
}

/* "card ending in 8876", "PIN 4921", "ISBN 978-1476668413": digit by digit, a
 * pause at each dash. */
bool
norm_match_digit_string(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    if (len < 2 || len > 24 || !crier_is_ascii_digit((unsigned char)b[0]) ||
        !crier_is_ascii_alnum((unsigned char)b[len - 1]))
        return false;
    for (size_t k = 0; k < len; k++)
        if (!crier_is_ascii_digit((unsigned char)b[k]) && b[k] != '-' &&
            !(k == len - 1 && (b[k] == 'X' || b[k] == 'x')))
            return false;
    m->n_toks = 1;
    return digit_cue(c, i) || service_number(c, i);
}

crier_status
norm_say_digit_string(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    crier_status st = CRIER_OK;
    (void)m;
    if (norm_tok_cue(c, i, "service") && memchr(b, '0', len) != NULL)
        return norm_say_code_digits(c->lang, b, len, out); /* "101": one oh one */
    for (size_t k = 0; k < len && st == CRIER_OK; k++) {
        if (b[k] == '-')
            st = crier_buf_putc(out, ',');
        else if (crier_is_ascii_digit((unsigned char)b[k]))
            st = norm_say_digits(c->lang, b + k, 1, out);
        else
            st = norm_put_word(out, b + k, 1); /* the check digit "X" */
    }
    return st;
}

/* Token i + 1 is a word of capitals that names a model, not a known acronym ("737
 * MAX"); m->n_toks is 2 where English could say it, so that it is written "Max". */
static bool
model_word(const norm_ctx *c, size_t i, norm_match *m)
{
    size_t nl;
    if (norm_trail_len(c, i) != 0 || i + 1 >= c->n_toks || norm_lead_len(c, i + 1) != 0 ||
        (nl = norm_body_len(c, i + 1)) < 2)
        return false;
    const char *n = norm_body(c, i + 1);
    for (size_t k = 0; k < nl; k++)
        if (!crier_is_ascii_upper((unsigned char)n[k]))
            return false;
    m->n_toks = norm_caps_unsayable(c->lang, n, nl) ? 1 : 2;
    return norm_lookup(c->lang, NT_ACRONYMS, n, nl) == NULL;
}

/* "Flight 370", "Interstate 405", "Boeing 747", "Room 1204": after a word cues.tsv
 * marks "code", a number of three or four digits is said as codes are: three
 * seventy, four oh five, twelve oh four. */
bool
norm_match_code_number(const norm_ctx *c, size_t i, norm_match *m)
{
    size_t len = norm_body_len(c, i);
    if (len < 3 || len > 4 || i == 0 || !norm_all_digits(norm_body(c, i), len) ||
        norm_trail_len(c, i - 1) != 0 || !norm_tok_cue(c, i - 1, "code"))
        return false;
    if (!model_word(c, i, m)) /* "Boeing 737 MAX": the model's word too */
        m->n_toks = 1;
    return true;
}

crier_status
norm_say_code_number(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    return norm_say_model(c, i, m, out);
}

/* "+1 555 123 4567", "+44 20 7946 0958": a country code and groups of digits,
 * each group read digit by digit. */
bool
norm_match_intl_phone(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), j = i + 1, digits = 0;
    /* "0800 555 111", "020 7946 0958": a national number after its trunk "0" */
    bool trunk = len >= 3 && len <= 5 && b[0] == '0' && norm_all_digits(b, len);
    if (!trunk && (len < 2 || len > 4 || b[0] != '+' || !norm_all_digits(b + 1, len - 1)))
        return false;
    if (norm_trail_len(c, i) != 0)
        return false;
    for (; j < c->n_toks && j - i <= 5; j++) {
        size_t gl = norm_body_len(c, j);
        if (norm_lead_len(c, j) != 0 || gl == 0 || gl > (trunk ? 6u : 4u) ||
            !norm_all_digits(norm_body(c, j), gl))
            break;
        digits += gl;
        if (norm_trail_len(c, j) != 0) {
            j++;
            break;
        }
    }
    m->n_toks = j - i;
    m->kind = trunk;
    if (trunk)
        return digits + len >= 10 && digits + len <= 11;
    return j - i >= 3 && digits >= 7;
}

crier_status
norm_say_intl_phone(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    crier_status st = m->kind ? CRIER_OK : norm_put_glue(c->lang, out, "plus");
    size_t skip = m->kind ? 0 : 1; /* the "+" */
    for (size_t j = i; j < i + m->n_toks && st == CRIER_OK; j++) {
        const char *b = norm_body(c, j);
        size_t len = norm_body_len(c, j);
        if (j > i)
            st = crier_buf_putc(out, ',');
        if (st == CRIER_OK)
            st = norm_say_digits(c->lang, b + (j == i ? skip : 0), len - (j == i ? skip : 0), out);
    }
    return st;
}

/* ---- picture sizes ------------------------------------------------------------- */

/* "1080p", "720p", "1,440p", "1080i": lines of a picture (words.tsv video_lines),
 * said as codes are: ten eighty p. */
bool
norm_match_video_lines(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), n = 0;
    char digits[8];
    if (len < 4 || len > 7 || (b[len - 1] != 'p' && b[len - 1] != 'i'))
        return false;
    for (size_t k = 0; k + 1 < len; k++) {
        if (crier_is_ascii_digit((unsigned char)b[k]) && n < sizeof digits)
            digits[n++] = b[k];
        else if (b[k] != ',' || k == 0)
            return false;
    }
    m->n_toks = 1;
    return norm_in_word_list(c->lang, "video_lines", digits, n);
}

crier_status
norm_say_video_lines(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), n = 0;
    char digits[8];
    (void)m;
    for (size_t k = 0; k + 1 < len && n < sizeof digits; k++)
        if (b[k] != ',')
            digits[n++] = b[k];
    crier_status st = norm_say_code_digits(c->lang, digits, n, out);
    return st != CRIER_OK ? st : norm_put_word(out, b + len - 1, 1);
}

/* ---- serials ------------------------------------------------------------------ */

/* "2Q22", "3Q2023": a fiscal quarter as analysts write it; said the second
 * quarter of twenty-two. v[0] quarter, v[1] year, kind 4 for a 4-digit year. */
bool
norm_match_quarter(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    if ((len != 4 && len != 6) || b[0] < '1' || b[0] > '4' || (b[1] != 'Q' && b[1] != 'q') ||
        !norm_all_digits(b + 2, len - 2))
        return false;
    m->v[0] = (uint64_t)(b[0] - '0');
    m->v[1] = norm_digits_value(b + 2, len - 2);
    m->kind = (int)len - 2;
    m->n_toks = 1;
    return len == 4 || (m->v[1] >= 1900 && m->v[1] <= 2099);
}

crier_status
norm_say_quarter(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    crier_status st;
    if ((st = norm_put_glue(c->lang, out, "the")) != CRIER_OK ||
        (st = norm_say_ordinal(c->lang, m->v[0], out)) != CRIER_OK ||
        (st = norm_put_glue(c->lang, out, "quarter")) != CRIER_OK ||
        (st = norm_put_glue(c->lang, out, "of")) != CRIER_OK)
        return st;
    if (m->kind == 4)
        return norm_say_year(c->lang, m->v[1], out);
    return norm_say_year_tail(c->lang, m->v[1], out); /* "'22": twenty-two; "'05": oh five */
}

/* s[0..len) is all ASCII letters, capitals only when caps (len > 0). */
static bool
all_letters(const char *s, size_t len, bool caps)
{
    for (size_t k = 0; k < len; k++)
        if (caps ? !crier_is_ascii_upper((unsigned char)s[k])
                 : !crier_is_ascii_alpha((unsigned char)s[k]))
            return false;
    return len > 0;
}

/* Letters and digits mixed, nothing else: "H5N1", "B2A23C", "ab9453", "W26s". */
bool
norm_match_serial(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    bool letter = false, digit = false;
    m->n_toks = 1;
    if (len == 5 && crier_is_ascii_upper((unsigned char)b[0]) && b[1] == '.' &&
        norm_all_digits(b + 2, 3) && b[2] != '0')
        return (m->kind = 1) != 0; /* "H.264", "G.711": a standard, H two sixty four */
    if (len >= 4 && len <= 7 && b[len - 3] == '-' && b[len - 2] == '0' &&
        crier_is_ascii_digit((unsigned char)b[len - 1]) && b[len - 1] != '0' &&
        all_letters(b, len - 3, true))
        return (m->kind = 2) != 0; /* "MS-04", "STS-07": M S oh four */
    if (len < 2 || len > 24)
        return false;
    for (size_t k = 0; k < len; k++) {
        unsigned char ch = (unsigned char)b[k];
        letter |= crier_is_ascii_alpha(ch);
        digit |= crier_is_ascii_digit(ch);
        if (!crier_is_ascii_alnum(ch))
            return false;
    }
    m->n_toks = 1;
    return letter && digit;
}

crier_status
norm_say_serial(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), k = 0;
    crier_status st = CRIER_OK;
    size_t mark = out->len;
    if (m->kind == 1 && (st = norm_spell(c->lang, b, 1, out)) == CRIER_OK)
        return norm_say_code_digits(c->lang, b + 2, 3, out);
    const norm_entry *name = m->kind == 2 ? norm_lookup(c->lang, NT_ACRONYMS, b, len - 3) : NULL;
    if (m->kind == 2 &&
        (st = name != NULL ? norm_put_field(out, name->value, 0)
                           : norm_spell(c->lang, b, len - 3, out)) == CRIER_OK &&
        (st = norm_put_glue(c->lang, out, "zero_in_year")) == CRIER_OK)
        return norm_say_digits(c->lang, b + len - 1, 1, out);
    while (k < len && st == CRIER_OK) {
        size_t e = k;
        bool digits = crier_is_ascii_digit((unsigned char)b[k]);
        /* "737s", "A320s", "F-16s": planes by the dozen; but "W2s", "4s" are letters */
        size_t run = 0;
        while (run < k && crier_is_ascii_digit((unsigned char)b[k - 1 - run]))
            run++;
        if (k + 1 == len && b[k] == 's' &&
            (run >= 3 || (run == 2 && run == k && b > c->text && b[-1] == '-')))
            return norm_pluralize_tail(c->lang, out, mark);
        if (k > 0 && k + 3 == len && memcmp(b + k, "ers", 3) == 0 && out->len > mark &&
            crier_is_ascii_digit((unsigned char)b[k - 1])) /* "49ers": forty niners */
            return crier_buf_puts(out, out->data[out->len - 1] == 'e' ? "rs" : "ers");
        mark = out->len;
        while (e < len && crier_is_ascii_digit((unsigned char)b[e]) == digits)
            e++;
        uint64_t year = digits && e - k == 4 ? norm_digits_value(b + k, 4) : 0;
        if (year >= 1900 && year <= 2099 && k > 0) /* "FY2025": F Y twenty twenty five */
            st = norm_say_year(c->lang, year, out);
        else if (digits && k == 0 && e == 4 && len - e <= 2 && b[0] != '0' &&
                 all_letters(b + e, len - e, false))
            /* "4790k", "5800X": a model number, forty seven ninety K */
            st = norm_say_code_digits(c->lang, b, 4, out);
        else if (digits && (e - k > 3 || (len > 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X'))))
            /* an account or code number, or hex ("0x10"): digit by digit */
            st = norm_say_digits(c->lang, b + k, e - k, out);
        else if (digits)
            st = norm_say_code_digits(c->lang, b + k, e - k, out);
        else if (crier_is_ascii_upper((unsigned char)b[k]) &&
                 (e - k <= 3 ||
                  (all_letters(b + k, e - k, true) && norm_caps_unsayable(c->lang, b + k, e - k))))
            st = norm_spell(c->lang, b + k, e - k, out); /* "H", "N", "MIG", "NZSAC92" */
        else
            st = norm_put_word(out, b + k, e - k);
        k = e;
    }
    return st;
}

/* "737 MAX 9", "A 320 NEO": a three- or four-digit model number before an
 * all-capital word that is not a known acronym ("500 NATO troops" stays a count).
 * A word of the name that English could say is written "Max": eSpeak NG spells a
 * short word of capitals between words in lower case. */
bool
norm_match_model(const norm_ctx *c, size_t i, norm_match *m)
{
    uint64_t v;
    return norm_tok_small_int(c, i, 4, &v) && norm_body_len(c, i) >= 3 && model_word(c, i, m);
}

crier_status
norm_say_model(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    crier_status st = norm_say_code_digits(c->lang, norm_body(c, i), norm_body_len(c, i), out);
    const char *n = norm_body(c, i + 1);
    if (st == CRIER_OK && m->n_toks == 2)
        st = norm_put_word(out, n, 1);
    for (size_t k = 1; k < norm_body_len(c, i + 1) && m->n_toks == 2 && st == CRIER_OK; k++)
        st = crier_buf_putc(out, (char)crier_ascii_lower((unsigned char)n[k]));
    return st;
}

/* ---- arithmetic ------------------------------------------------------------------ */

/* Bytes of an expression: digits, a decimal point, grouping commas, operators. */
static bool
math_chars(const char *b, size_t len, bool *ret_op)
{
    for (size_t k = 0; k < len; k++) {
        unsigned char ch = (unsigned char)b[k];
        if (ch == '=' || ch == '*' || ch == '+' || ch == '^')
            *ret_op = true;
        else if (!crier_is_ascii_digit(ch) && ch != '-' && ch != '.' && ch != '/' && ch != ',')
            return false;
    }
    return true;
}

/* Numbers and operators with at least one of = * + ^: "1-4=5", "2*8", "10^5", and
 * the same spread over tokens: "1- 2 = 5", "2^15 - 1", "3 + 4 = 7". A lone "-"
 * between numbers without them stays a range or a score ("won 3 - 1"). */
bool
norm_match_math(const norm_ctx *c, size_t i, norm_match *m)
{
    bool op = false, digit = false;
    size_t j = i;
    for (; j < c->n_toks && j - i < 16; j++) {
        const char *b = norm_body(c, j);
        size_t len = norm_body_len(c, j);
        if (len == 0 && j > i) { /* "*" alone is all punctuation to the tokenizer */
            b = c->text + c->toks[j].off;
            len = c->toks[j].end - c->toks[j].off;
            if (len != 1 || *b != '*')
                break;
            op = true;
            continue;
        }
        if (len == 0 || (j > i && norm_lead_len(c, j) != 0) || !math_chars(b, len, &op))
            break;
        digit |= crier_is_ascii_digit((unsigned char)b[0]);
        if (j == i && !crier_is_ascii_digit((unsigned char)b[0]))
            return false;
        if (norm_trail_len(c, j) != 0) {
            j++;
            break;
        }
    }
    if (j == i)
        return false;
    const char *last = norm_body(c, j - 1);
    size_t last_len = norm_body_len(c, j - 1);
    if (!op || !digit || last_len == 0 || !crier_is_ascii_digit((unsigned char)last[last_len - 1]))
        return false;
    if (j - i == 1 && last_len < 3)
        return false;
    m->n_toks = j - i;
    return true;
}

/* Says one token of an expression; *pow is set after "^" so that the next number
 * is said as an ordinal ("2^15": two to the fifteenth). */
static crier_status
say_math_part(const norm_ctx *c, const char *b, size_t len, bool *pow, crier_buf *out)
{
    crier_status st = CRIER_OK;
    size_t k = 0;
    while (k < len && st == CRIER_OK) {
        norm_number num;
        if (crier_is_ascii_digit((unsigned char)b[k]) && norm_parse_number(b + k, len - k, &num)) {
            if (*pow && num.frac == NULL && num.n_int_digits <= 6)
                st = norm_say_ordinal(c->lang, num.int_value, out);
            else
                st = norm_say_number(c->lang, &num, out);
            *pow = false;
            k += num.len;
            continue;
        }
        char key[8] = "math_";
        key[5] = b[k];
        key[6] = '\0';
        st = norm_put_glue(c->lang, out, key);
        *pow = b[k] == '^';
        k++;
    }
    return st;
}

crier_status
norm_say_math(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    crier_status st = CRIER_OK;
    bool pow = false;
    for (size_t j = i; j < i + m->n_toks && st == CRIER_OK; j++) {
        if (norm_body_len(c, j) == 0) /* "*" */
            st = say_math_part(c, c->text + c->toks[j].off, 1, &pow, out);
        else
            st = say_math_part(c, norm_body(c, j), norm_body_len(c, j), &pow, out);
    }
    return st;
}

/* ---- addresses -------------------------------------------------------------------- */

static bool
street_flag(const norm_entry *e)
{
    const char *f;
    size_t fl;
    return e != NULL && norm_field(e->value, 1, &f, &fl) && fl == 10 &&
           memcmp(f, "after_name", 10) == 0;
}

/* Token i names a kind of street: an abbreviations.tsv row read after a name, with
 * or without its full stop ("St.", "Ave." as "Ave"), or a word cues.tsv marks
 * "street" ("Avenue", "Boulevard"). */
static bool
is_street_type(const norm_ctx *c, size_t i)
{
    bool dot;
    if (i >= c->n_toks)
        return false;
    const norm_entry *e = norm_lookup_dotted(c, i, NT_ABBREVS, &dot);
    if (!street_flag(e) && dot)
        e = norm_lookup(c->lang, NT_ABBREVS, norm_body(c, i), norm_body_len(c, i));
    return street_flag(e) || norm_tok_cue(c, i, "street");
}

/* Token j is a capital initial of a direction, "N" or "N.", that may stand in a
 * street's name. */
static bool
direction_initial(const norm_ctx *c, size_t j)
{
    size_t tl = norm_trail_len(c, j);
    return norm_body_len(c, j) == 1 && (tl == 0 || (tl == 1 && norm_trail0(c, j) == '.')) &&
           strchr("NSEW", norm_body(c, j)[0]) != NULL;
}

/* A house number: digits, then within four tokens of names, directions and
 * ordinals, a street type ("2788 San Tomas Expy", "708 N 1st St", "325 Ninth
 * Ave."); or a number of up to four digits before "block of" ("the 2400 block of
 * N. Broad St."). Both are read in pairs: twenty-four hundred. */
bool
norm_match_house_number(const norm_ctx *c, size_t i, norm_match *m)
{
    uint64_t v;
    if (!norm_tok_small_int(c, i, 5, &v) || norm_trail_len(c, i) != 0 || v == 0 ||
        (i > 0 && norm_tok_cue(c, i - 1, "count"))) /* "some 120 Wall Street firms" */
        return false;
    m->n_toks = 1;
    if (norm_body_len(c, i) <= 4 && pair_cue(c, i + 1, "house_block"))
        return true;
    for (size_t j = i + 1; j < c->n_toks && j <= i + 4; j++) {
        if (j > i + 1 && is_street_type(c, j))
            return true;
        unsigned char f = norm_body_len(c, j) ? (unsigned char)norm_body(c, j)[0] : 0;
        if ((norm_trail_len(c, j) != 0 && !direction_initial(c, j)) ||
            !(crier_is_ascii_upper(f) || crier_is_ascii_digit(f)))
            return false;
    }
    return false;
}

crier_status
norm_say_house_number(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    (void)m;
    return norm_say_code_digits(c->lang, norm_body(c, i), norm_body_len(c, i), out);
}

/* Token i opens a street's name that a street type ends within three tokens:
 * "N. Broad St.", "N. 1st St.", "W Elm Ave" (no street named only "E Street"). */
static bool
before_street_name(const norm_ctx *c, size_t i)
{
    for (size_t j = i + 1; j < c->n_toks && j <= i + 3; j++) {
        if (j > i + 1 && is_street_type(c, j))
            return true;
        if (norm_trail_len(c, j) != 0 || norm_body_len(c, j) == 0 ||
            !(crier_is_ascii_upper((unsigned char)norm_body(c, j)[0]) ||
              crier_is_ascii_digit((unsigned char)norm_body(c, j)[0])))
            return false;
    }
    return false;
}

/* Directions in an address (words.tsv direction_N): "N", "SE" right after a house
 * number ("1211 E Arques Ave"); "N." or "N" before a street's name, not after a
 * name ("on N. Broad St." but "John N. Smith"); "NW" after a street type
 * ("1600 Pennsylvania Ave. NW"). */
bool
norm_match_direction(const norm_ctx *c, size_t i, norm_match *m)
{
    char key[16] = "direction_";
    size_t len = norm_body_len(c, i);
    uint64_t v;
    if (len == 0 || len > 2)
        return false;
    memcpy(key + 10, norm_body(c, i), len);
    key[10 + len] = '\0';
    m->v[0] = (uint64_t)(uintptr_t)norm_word(c->lang, key);
    m->n_toks = 1;
    if (m->v[0] == 0)
        return false;
    if (len == 1 && direction_initial(c, i) && before_street_name(c, i) &&
        !(i > 0 && norm_tok_capitalized(c, i - 1) && !norm_tok_cue(c, i - 1, "determiner") &&
          norm_lookup(c->lang, NT_STARTERS, norm_body(c, i - 1), norm_body_len(c, i - 1)) ==
              NULL)) {
        m->trail_skip = norm_trail_len(c, i);
        return true;
    }
    if (i == 0)
        return false;
    if (len == 2 && is_street_type(c, i - 1))
        return true;
    return norm_trail_len(c, i) == 0 && norm_tok_small_int(c, i - 1, 5, &v) && i + 1 < c->n_toks &&
           norm_body_len(c, i + 1) > 0 &&
           !crier_is_ascii_lower((unsigned char)norm_body(c, i + 1)[0]);
}

crier_status
norm_say_direction(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    (void)c;
    (void)i;
    return norm_put(out, (const char *)(uintptr_t)m->v[0]);
}

/* "Santa Clara, CA 95051", "City, NY": a postal code after a place and a comma,
 * then a ZIP code, a comma or the end. The ZIP code is read digit by digit. */
bool
norm_match_postal_state(const norm_ctx *c, size_t i, norm_match *m)
{
    const norm_entry *e;
    const char *f;
    size_t fl;
    uint64_t zip;
    if (i == 0 || norm_body_len(c, i) != 2 || norm_trail0(c, i - 1) != ',' ||
        !norm_tok_capitalized(c, i - 1) ||
        (e = norm_lookup(c->lang, NT_STATES, norm_body(c, i), 2)) == NULL ||
        !norm_field(e->value, 1, &f, &fl) || fl < 6 || memcmp(f, "postal", 6) != 0)
        return false;
    m->entry = e;
    m->n_toks = 1;
    char t = norm_trail0(c, i);
    if (t == '\0' && norm_tok_small_int(c, i + 1, 5, &zip) && norm_body_len(c, i + 1) == 5) {
        m->n_toks = 2;
        return true;
    }
    /* "postal_zip": a code that is also a word ("OK", "IN") needs its ZIP code */
    return fl == 6 && (t == ',' || (t == '\0' && i + 1 == c->n_toks));
}

/* "Sacramento, Calif., on Monday", "Miami, Fla.": an AP state abbreviation after a
 * city and its comma, read as the state's name. */
bool
norm_match_ap_state(const norm_ctx *c, size_t i, norm_match *m)
{
    bool dot;
    const char *f;
    size_t fl;
    if (i == 0 || norm_trail0(c, i - 1) != ',' || norm_trail_len(c, i - 1) != 1 ||
        !norm_tok_capitalized(c, i - 1) || !norm_tok_capitalized(c, i) ||
        (m->entry = norm_lookup_dotted(c, i, NT_STATES, &dot)) == NULL || !dot ||
        norm_field(m->entry->value, 1, &f, &fl))
        return false;
    m->n_toks = 1;
    m->trail_skip = 1;
    return true;
}

crier_status
norm_say_postal_state(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    crier_status st = norm_put_field(out, m->entry->value, 0);
    if (st == CRIER_OK && m->n_toks == 2)
        st = norm_say_digits(c->lang, norm_body(c, i + 1), 5, out);
    return st;
}

/* A ZIP code after a state: "Santa, FL, 95051". */
bool
norm_match_zip(const norm_ctx *c, size_t i, norm_match *m)
{
    uint64_t zip;
    const norm_entry *e;
    if (i == 0 || norm_body_len(c, i) != 5 || !norm_tok_small_int(c, i, 5, &zip) ||
        norm_body_len(c, i - 1) != 2 || norm_trail0(c, i - 1) != ',' ||
        (e = norm_lookup(c->lang, NT_STATES, norm_body(c, i - 1), 2)) == NULL)
        return false;
    m->n_toks = 1;
    return true;
}

crier_status
norm_say_zip(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    return norm_say_digits(c->lang, norm_body(c, i), norm_body_len(c, i), out);
}
