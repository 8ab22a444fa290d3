/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/limits.h"
#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* First match wins; each row has golden lines in tests/golden/normalize/en/. */
static const norm_rule rules[] = {
    {"lexicon", norm_match_lexicon, norm_say_lexicon, true, true},    /* names.tsv, --lexicon */
    {"citation", norm_match_citation, norm_say_nothing, false, true}, /* "[1]", "[a]", "[n 3]" */
    {"reference", norm_match_reference, norm_say_reference, false, true}, /* "doi:10.1038/x" */
    {"web", norm_match_web, norm_say_web, false, true},               /* URLs, e-mail, @handle, #tag */
    {"ap_state", norm_match_ap_state, norm_say_entry, false, true},   /* "Austin, Texas", "Miami, Fla." */
    {"title", norm_match_title, norm_say_entry, true, true},          /* "Lt.-Gen. Eyal Zamir" */
    {"abbrev", norm_match_abbrev, norm_say_entry, true, true},        /* "vs.", "approx." */
    {"money", norm_match_money, norm_say_money, false, true},     /* "$1.5 billion", "€20", "NIS 5" */
    {"weekday", norm_match_weekday, norm_say_entry, false, true}, /* "Tue., Nov. 5", "Fri." */
    {"date", norm_match_date, norm_say_date, true, true},         /* "Feb. 1, 2026", "1 February 2026" */
    {"code", norm_match_code_number, norm_say_code_number, false, false},     /* "Flight 370" */
    {"digits", norm_match_digit_string, norm_say_digit_string, false, false}, /* "ending in 8876" */
    {"intl_phone", norm_match_intl_phone, norm_say_intl_phone, false, false}, /* "+44 20 7946 0958" */
    {"phone", norm_match_phone, norm_say_phone, false, false},          /* "(555) 555-5555", "10.0.0.1" */
    {"decade", norm_match_decade, norm_say_decade, false, false},       /* "1980s", "'90s" */
    {"era", norm_match_era, norm_say_era, false, true},                /* "70 AD", "500 BC" */
    {"time", norm_match_time, norm_say_time, false, false},             /* "3:30 p.m.", "9 a.m." */
    {"meridiem", norm_match_meridiem, norm_say_meridiem, false, true}, /* "four a.m.," */
    {"ratio", norm_match_ratio, norm_say_ratio, false, false},          /* "3:1", "2:8" */
    {"math", norm_match_math, norm_say_math, false, true},             /* "2*8", "1-4=5" */
    {"range", norm_match_range, norm_say_range, false, false},          /* "2019-2023", "$50-$100" */
    {"dash", norm_match_dash_range, norm_say_word_to, false, true},    /* "4 am - 8 pm" */
    {"coordinate", norm_match_coordinate, norm_say_coordinate, false, false}, /* "40°42′46″N" */
    {"height", norm_match_height, norm_say_height, false, false},             /* "6'2\"", "5′10″" */
    {"lines", norm_match_video_lines, norm_say_video_lines, false, false},    /* "1080p", "720p" */
    {"measure", norm_match_measure, norm_say_measure, false, false},         /* "12kg", "100 million km" */
    {"fraction", norm_match_fraction, norm_say_fraction, false, false},      /* "1/3", "2 1/2", "½" */
    {"dims", norm_match_dims, norm_say_dims, true, true},                   /* "25 x 7", "2x8" */
    {"percent", norm_match_percent, norm_say_percent, false, false},         /* "5%", "2.5 %" */
    {"house", norm_match_house_number, norm_say_house_number, false, true}, /* "2788 San Tomas Expy" */
    {"zip", norm_match_zip, norm_say_zip, false, true},                     /* "FL, 95051" */
    {"model", norm_match_model, norm_say_model, false, false},               /* "737 MAX 9" */
    {"ordinal", norm_match_ordinal, norm_say_ordinal_tok, false, false},     /* "47th", "1st" */
    {"year", norm_match_year, norm_say_year_tok, false, false},              /* "in 1998", "2026" */
    {"number", norm_match_number, norm_say_number_tok, false, false},        /* "1,500", "2.5", "-3" */
    {"quarter", norm_match_quarter, norm_say_quarter, false, false},         /* "2Q22", "3Q2023" */
    {"serial", norm_match_serial, norm_say_serial, false, true},            /* "H5N1", "A380", "ab9453" */
    {"direction", norm_match_direction, norm_say_direction, false, true},   /* "1211 E Arques Ave" */
    {"state", norm_match_postal_state, norm_say_postal_state, false, true}, /* "Santa Clara, CA 95051" */
    {"acronym", norm_match_acronym, norm_say_entry, true, true},            /* "IDF", "NATO", "US" */
    {"initials", norm_match_initials, norm_say_initials, false, true},      /* "U.S.", "J.R.R." */
    {"roman", norm_match_roman, norm_say_roman, false, true}, /* "World War II", "Charles III" */
    {"party", norm_match_affiliation, norm_say_affiliation, false, true},          /* "D-Calif." */
    {"party_letter", norm_match_party_letter, norm_say_party_letter, false, true}, /* "Newsom (D)" */
    {"caps", norm_match_caps, norm_say_initials, false, true},  /* "NKVD": no vowel, spelled */
    {"symbol", norm_match_symbol, norm_say_entry, false, true}, /* "&" */
};

/* Tokens kept ahead of the current one so that multi-token rules see their
 * neighbours when the text is read in rounds. */
#define NORM_LOOKAHEAD 8

bool
norm_tok_capitalized(const norm_ctx *c, size_t i)
{
    return i < c->n_toks && norm_body_len(c, i) > 0 &&
           crier_is_ascii_upper((unsigned char)norm_body(c, i)[0]);
}

bool
norm_tok_is(const norm_ctx *c, size_t i, const char *word)
{
    size_t len = strlen(word);
    if (i >= c->n_toks || norm_body_len(c, i) != len)
        return false;
    const char *b = norm_body(c, i);
    for (size_t k = 0; k < len; k++)
        if (crier_ascii_lower((unsigned char)b[k]) != crier_ascii_lower((unsigned char)word[k]))
            return false;
    return true;
}

/* cues.tsv entry e lists the class cls among its cues. */
static bool
has_cue(const norm_entry *e, const char *cls)
{
    size_t cl = strlen(cls);
    for (const char *v = e ? e->value : NULL; v != NULL && *v != '\0';) {
        const char *sp = strchr(v, ' ');
        size_t vl = sp ? (size_t)(sp - v) : strlen(v);
        if (vl == cl && memcmp(v, cls, cl) == 0)
            return true;
        v = sp ? sp + 1 : NULL;
    }
    return false;
}

bool
norm_cue(const crier_lang *lang, const char *s, size_t len, const char *cls)
{
    return has_cue(norm_lookup(lang, NT_CUES, s, len), cls);
}

const norm_entry *
norm_lookup_lower(const norm_ctx *c, size_t i, norm_table_id t)
{
    char low[NORM_LOWER_KEY_BYTES];
    size_t len = i < c->n_toks ? norm_body_len(c, i) : 0;
    if (len == 0 || len >= sizeof low)
        return NULL;
    for (size_t k = 0; k < len; k++)
        low[k] = (char)crier_ascii_lower((unsigned char)norm_body(c, i)[k]);
    return norm_lookup(c->lang, t, low, len);
}

bool
norm_tok_cue(const norm_ctx *c, size_t i, const char *cls)
{
    return i < c->n_toks && norm_cue(c->lang, norm_body(c, i), norm_body_len(c, i), cls);
}

/* Token i's trailing punctuation is a possessive "'s" alone. */
static bool
tok_possessive(const norm_ctx *c, size_t i)
{
    const char *t = c->text + c->toks[i].trail;
    size_t tl = norm_trail_len(c, i);
    return (tl == 2 && t[0] == '\'' && t[1] == 's') ||
           (tl == 4 && memcmp(t, "\xe2\x80\x99s", 4) == 0);
}

/* Token k is a word of cues.tsv class cls in lower case ("Stolen" as "stolen"). */
static bool
tok_cue_lower(const norm_ctx *c, size_t k, const char *cls)
{
    return has_cue(norm_lookup_lower(c, k, NT_CUES), cls);
}

/* A headline that opens with an amount ("$150K Pearl Oscar Dress", "Exclusive: $2M
 * Home Deal"): no determiner, but the title-case words after it are its noun.
 * Token k is the first word after the amount. "$150K In Damages", "$2M Raised",
 * "$10K Stolen From Church" keep "dollars": a not_noun word or a participle. */
static bool
headline_noun(const norm_ctx *c, size_t i, size_t k)
{
    if (i > 0 && !(norm_trail_len(c, i - 1) > 0 &&
                   c->text[c->toks[i - 1].end - 1] == ':')) /* "Exclusive:" */
        return false;
    const char *n = norm_body(c, k);
    size_t nl = norm_body_len(c, k);
    if (nl < 2 || !crier_is_ascii_upper((unsigned char)n[0]) ||
        !crier_is_ascii_lower((unsigned char)n[1]) || (n[nl - 2] == 'e' && n[nl - 1] == 'd') ||
        tok_cue_lower(c, k, "not_noun") || norm_lookup(c->lang, NT_DAYS, n, nl) != NULL ||
        norm_lookup(c->lang, NT_MONTHS, n, nl) != NULL) /* "$500 Monday" */
        return false;
    /* the noun phrase goes on in title case, or the headline ends with it */
    return k + 1 == c->n_toks ||
           (norm_trail_len(c, k) == 0 && norm_tok_capitalized(c, k + 1) &&
            !tok_cue_lower(c, k + 1, "not_noun"));
}

bool
norm_attributive(const norm_ctx *c, size_t i, size_t last)
{
    if (last + 1 >= c->n_toks || norm_trail_len(c, last) != 0 ||
        norm_lead_len(c, last + 1) != 0 || norm_body_len(c, last + 1) == 0)
        return false;
    if (i == 0 || (norm_trail_len(c, i - 1) > 0 && !tok_possessive(c, i - 1)))
        return headline_noun(c, i, last + 1);
    bool det = norm_trail_len(c, i - 1) == 0 && norm_tok_cue(c, i - 1, "determiner");
    /* "its original $4 billion asking price": one adjective between */
    if (!det && i >= 2 && norm_trail_len(c, i - 1) == 0 && norm_trail_len(c, i - 2) == 0 &&
        norm_lead_len(c, i - 1) == 0 && norm_body_len(c, i - 1) > 2 &&
        crier_is_ascii_lower((unsigned char)norm_body(c, i - 1)[0]) &&
        !norm_tok_cue(c, i - 1, "not_noun"))
        det = norm_tok_cue(c, i - 2, "determiner");
    if (!det && !tok_possessive(c, i - 1))
        return false;
    const char *n = norm_body(c, last + 1);
    size_t nl = norm_body_len(c, last + 1);
    if (crier_is_ascii_upper((unsigned char)n[0])) /* "the $1,000 Meta Quest Pro" */
        return !(nl == 1 && n[0] == 'I');
    /* "the $1.4 billion budgeted": a participle, not a noun */
    if (nl > 4 && n[nl - 2] == 'e' && n[nl - 1] == 'd')
        return false;
    return crier_is_ascii_lower((unsigned char)n[0]) && !norm_cue(c->lang, n, nl, "not_noun");
}

const norm_entry *
norm_lookup_dotted(const norm_ctx *c, size_t i, norm_table_id t, bool *ret_dot)
{
    char key[65];
    size_t len = norm_body_len(c, i);

    *ret_dot = false;
    if (len == 0 || len + 1 >= sizeof key)
        return NULL;
    memcpy(key, norm_body(c, i), len);
    if (norm_trail0(c, i) == '.') {
        key[len] = '.';
        const norm_entry *e = norm_lookup(c->lang, t, key, len + 1);
        if (e != NULL) {
            *ret_dot = true;
            return e;
        }
    }
    return norm_lookup(c->lang, t, key, len);
}

/* Appends s as a word, emoji left out (a token of emoji alone says nothing) or,
 * with CRIER_EMOJI_NAME, said by their emoji.tsv names as words of their own. */
static crier_status
say_without_emoji(const norm_ctx *c, crier_buf *out, const char *s, size_t len)
{
    crier_status st = CRIER_OK;
    bool started = false;
    size_t ascii = 0;
    while (ascii < len && (unsigned char)s[ascii] < 0x80)
        ascii++;
    if (ascii == len) /* most words: one append, not one a byte */
        return norm_put_word(out, s, len);
    for (size_t k = 0; k < len && st == CRIER_OK;) {
        unsigned cp;
        size_t n = crier_utf8_decode(s + k, len - k, &cp);
        if (n == 0)
            n = 1;
        const norm_entry *e = NULL;
        if (cp >= 0x80 && c->opts->emoji == CRIER_EMOJI_NAME)
            e = norm_lookup(c->lang, NT_EMOJI, s + k, n);
        if (e != NULL) {
            st = norm_put_field(out, e->value, 0);
            started = false; /* a word after the name stands apart: "👍great" */
        } else if (cp < 0x80 || !norm_is_silent(c->lang, cp)) {
            st = started ? crier_buf_append(out, s + k, n) : norm_put_word(out, s + k, n);
            started = true;
        }
        k += n;
    }
    return st;
}

/* Length of the digit run at s[0..len). */
static size_t
digit_run(const char *s, size_t len)
{
    size_t k = 0;
    while (k < len && crier_is_ascii_digit((unsigned char)s[k]))
        k++;
    return k;
}

/* Says one number inside a token no rule took; returns the bytes used. "1,440"
 * and "2.3" as numbers, "1.8.3" as a version (one point eight point three), "007"
 * and long runs after a slash ("MIG-25/235212") digit by digit. */
static size_t
say_inner_number(const crier_lang *lang, const char *s, size_t len, size_t k, crier_buf *out,
                 crier_status *ret_st)
{
    size_t d = digit_run(s + k, len - k), e = k + d;
    norm_number num;
    if (e + 1 < len && s[e] == '.' && crier_is_ascii_digit((unsigned char)s[e + 1])) {
        size_t f = e + 1 + digit_run(s + e + 1, len - e - 1);
        if (f < len && crier_is_ascii_alpha((unsigned char)s[f]) && d == 3) {
            /* "802.11n": a standard's name, eight oh two point eleven n */
            if ((*ret_st = norm_say_code_digits(lang, s + k, d, out)) == CRIER_OK &&
                (*ret_st = norm_put_glue(lang, out, "point")) == CRIER_OK)
                *ret_st = norm_say_digit_run(lang, s + e + 1, f - e - 1, out);
            return f - k;
        }
        if (f + 1 < len && s[f] == '.' && crier_is_ascii_digit((unsigned char)s[f + 1])) {
            /* a version: each part, "point" between */
            *ret_st = norm_say_digit_run(lang, s + k, d, out);
            while (*ret_st == CRIER_OK && e + 1 < len && s[e] == '.' &&
                   crier_is_ascii_digit((unsigned char)s[e + 1])) {
                size_t n = digit_run(s + e + 1, len - e - 1);
                if ((*ret_st = norm_put_glue(lang, out, "point")) == CRIER_OK)
                    *ret_st = norm_say_digit_run(lang, s + e + 1, n, out);
                e += 1 + n;
            }
            return e - k;
        }
    }
    if (((e < len && (s[e] == '.' || s[e] == ',')) && norm_parse_number(s + k, len - k, &num) &&
         num.len > d &&
         (k + num.len >= len || !crier_is_ascii_digit((unsigned char)s[k + num.len])))) {
        *ret_st = norm_say_number(lang, &num, out);
        return num.len;
    }
    bool hex = k >= 2 && (s[k - 1] == 'x' || s[k - 1] == 'X') && s[k - 2] == '0'; /* "0x10" */
    if (d > NORM_MAX_PLAIN_DIGITS || (k > 0 && s[k - 1] == '/' && d > 4) || hex)
        *ret_st = norm_say_digits(lang, s + k, d, out);
    else
        *ret_st = norm_say_digit_run(lang, s + k, d, out);
    return d;
}

/* A token no rule took that still holds digits ("123/261788/2021", "9000,000th",
 * "<b>123?"): its numbers are read and the rest kept, so that no digit is
 * left to the voice's guess. */
static crier_status
say_with_numbers(const norm_ctx *c, const char *s, size_t len, crier_buf *out)
{
    const crier_lang *lang = c->lang;
    crier_status st = CRIER_OK;
    size_t k = 0;
    bool spaced = true; /* a number's words stand apart from letters */
    while (k < len && st == CRIER_OK) {
        if (crier_is_ascii_digit((unsigned char)s[k])) {
            if (!spaced && (st = norm_space(out)) != CRIER_OK)
                break;
            size_t from = k;
            k += say_inner_number(lang, s, len, k, out, &st);
            /* "45º&C", "45°C/113°F": the degrees after a number */
            bool sign = k + 1 < len && (unsigned char)s[k] == 0xC2 &&
                        ((unsigned char)s[k + 1] == 0xB0 || (unsigned char)s[k + 1] == 0xBA);
            size_t dl = sign && k + 2 < len && (s[k + 2] == 'C' || s[k + 2] == 'F') ? 3 : 2;
            const norm_entry *deg = sign ? norm_lookup(lang, NT_UNITS, s + k, dl) : NULL;
            if (st == CRIER_OK && deg != NULL) {
                bool one = k - from == 1 && s[from] == '1';
                st = norm_put_field(out, deg->value, one ? 0 : 1);
                k += dl;
                if (st == CRIER_OK && k < len && s[k] != '/')
                    st = crier_buf_putc(out, ' ');
            } else if (st == CRIER_OK && k < len && crier_is_ascii_alpha((unsigned char)s[k]))
                st = crier_buf_putc(out, ' '); /* "000th": zero zero zero th */
            spaced = true;
            continue;
        }
        size_t j = k;
        bool ascii = true;
        while (j < len && !crier_is_ascii_digit((unsigned char)s[j]))
            ascii &= (unsigned char)s[j++] < 0x80;
        const norm_entry *sym = k == 0 && len > 1 && (s[0] == '~' || s[0] == '<' || s[0] == '>')
                                    ? norm_lookup(lang, NT_SYMBOLS, s, 1)
                                    : NULL;
        if (sym != NULL) { /* "~500": about five hundred; "~1/24", "~$5" */
            size_t used = 0;
            if ((st = norm_put_field(out, sym->value, 0)) == CRIER_OK)
                st = norm_say_token_alone(c, c->text, (size_t)(s + 1 - c->text), len - 1, 0, out,
                                          &used);
            return st;
        } else if (!ascii) /* emoji and scripts the voice cannot read are left out */
            st = say_without_emoji(c, out, s + k, j - k);
        else
            st = spaced && k == 0 ? norm_put_word(out, s, j) : crier_buf_append(out, s + k, j - k);
        spaced = s[j - 1] == '/';
        k = j;
    }
    return st;
}

static bool
has_digit(const char *s, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (crier_is_ascii_digit((unsigned char)s[k]))
            return true;
    return false;
}

/* A part of a compound that ends a clock time: "a.m.", "PM", "noon" ("9 a.m.-5 p.m.",
 * "noon-2 p.m."): a dash after it is "to". */
static bool
clock_part(const crier_lang *lang, const char *s, size_t len)
{
    bool dotted = len == 4 && s[1] == '.' && s[3] == '.'; /* "a.m." */
    char a = (char)crier_ascii_lower((unsigned char)s[0]);
    if ((dotted || len == 2) && crier_ascii_lower((unsigned char)s[len == 2 ? 1 : 2]) == 'm')
        return a == 'a' || a == 'p';
    return norm_in_word_list(lang, "clock_words", s, len);
}

/* "World War II-era": the first part of compound token i read as a Roman numeral
 * with the token before it as its context. False when it is none. */
static bool
first_part_roman(const norm_ctx *c, size_t i, size_t part_len, crier_buf *out, crier_status *st)
{
    norm_tok two[2] = {
        c->toks[i - 1],
        {c->toks[i].body, c->toks[i].body, c->toks[i].body + part_len, c->toks[i].body + part_len}};
    norm_ctx ctx = *c;
    norm_match m;
    ctx.toks = two;
    ctx.n_toks = 2;
    norm_match_reset(&m);
    if (!norm_match_roman(&ctx, 1, &m))
        return false;
    *st = norm_say_roman(&ctx, 1, &m, out);
    return true;
}

/* Says part b[p..p+part_len) of compound token i into one; sets *changed when it
 * reads otherwise than written and *used to the token's trailing bytes it took.
 * trail: a full stop follows the part; last: it ends the token. */
static crier_status
say_part(const norm_ctx *c, size_t i, size_t p, size_t part_len, size_t trail, bool last,
         crier_buf *one, bool *changed, size_t *used)
{
    const char *b = norm_body(c, i);
    const norm_entry *title;
    crier_status st = CRIER_OK;
    if (part_len == 0)
        return CRIER_OK;
    if (crier_is_ascii_alpha((unsigned char)b[0]) && norm_all_digits(b + p, part_len)) {
        *changed = true; /* "F-150": F one fifty, as codes are said; but "133-A" is a number */
        return norm_say_code_digits(c->lang, b + p, part_len, one);
    }
    if (p == 0 && !last && i > 0 && first_part_roman(c, i, part_len, one, &st)) {
        *changed = true; /* "World War II-era" */
        return st;
    }
    if (trail && (title = norm_lookup(c->lang, NT_TITLES, b + p, part_len + 1)) != NULL) {
        *changed = true; /* "Gov.-elect", "the Lt.-Gen. said" */
        if (last)
            *used = 1; /* the token's full stop was the title's */
        return norm_put_field(one, title->value, 0);
    }
    st = norm_say_token_alone(c, c->text, c->toks[i].body + p, part_len, trail, one, used);
    *changed |= st == CRIER_OK && (one->len != part_len || memcmp(one->data, b + p, part_len) != 0);
    return st;
}

/* Says a token no rule took: as written, or part by part when it is a compound
 * whose parts read differently on their own ("F-35", "anti-U.S."). */
static crier_status
say_plain(const norm_ctx *c, size_t i, crier_buf *out, size_t *ret_trail_used)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    const char *dash = memchr(b, '-', len);

    *ret_trail_used = 0;
    if (dash != NULL && dash != b && b[len - 1] != '-') {
        crier_buf parts, one;
        crier_status st = CRIER_OK;
        bool changed = false;
        size_t used = 0;
        crier_buf_init(&parts, out->max);
        crier_buf_init(&one, out->max);
        for (size_t p = 0, prev = 0, prev_len = 0; p < len && st == CRIER_OK;) {
            const char *d = memchr(b + p, '-', len - p);
            size_t part_len = d ? (size_t)(d - (b + p)) : len - p;
            if (prev_len > 0 && part_len > 0 && crier_is_ascii_digit((unsigned char)b[p]) &&
                clock_part(c->lang, b + prev, prev_len)) {
                st = norm_put_glue(c->lang, &parts, "to"); /* "9 a.m.-5 p.m." */
                changed = true;
            }
            prev = p;
            prev_len = part_len;
            /* the last part sees the token's full stop: "anti-U.S."; an inner part
             * keeps its own: "U.K.-based" */
            size_t trail = d ? 0 : norm_trail0(c, i) == '.';
            if (d && part_len > 2 && b[p + part_len - 1] == '.') {
                part_len--;
                trail = 1;
            }
            crier_buf_clear(&one);
            if (st == CRIER_OK &&
                (st = say_part(c, i, p, part_len, trail, d == NULL, &one, &changed, &used)) ==
                    CRIER_OK &&
                one.len > 0)
                st = norm_put_word(&parts, crier_buf_str(&one), one.len);
            p += part_len + 1 + (d && trail);
        }
        if (st == CRIER_OK && changed) {
            st = norm_put_word(out, crier_buf_str(&parts), parts.len);
            *ret_trail_used = used;
        }
        crier_buf_free(&parts);
        crier_buf_free(&one);
        if (st != CRIER_OK || changed)
            return st;
    }
    if (has_digit(b, len))
        return say_with_numbers(c, b, len, out);
    return say_without_emoji(c, out, b, len);
}

/* Whether punctuation s[0..len) holds a sentence mark: ". ! ?" or an ellipsis. */
static bool
ends_sentence_mark(const char *s, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (s[k] == '.' || s[k] == '!' || s[k] == '?' ||
            (k + 3 <= len && memcmp(s + k, "\xe2\x80\xa6", 3) == 0))
            return true;
    return false;
}

/* Says tokens [i..] : one rule's match, or the token as written. Returns the
 * number of tokens used in *ret_used. */
static crier_status
say_at(const norm_ctx *c, size_t i, bool last_in_text, crier_buf *out, size_t *ret_used)
{
    norm_match m;
    crier_status st = CRIER_OK;
    size_t r = 0, body_len = norm_body_len(c, i);

    norm_match_reset(&m);
    *ret_used = 1;
    if (body_len > c->max_token_bytes) /* a run no listener could follow: left out */
        return CRIER_OK;
    /* "[a]", "[n 3]": a lower-case word after "[" may be a note for "citation" */
    bool word = body_len > 0 && !(norm_lead_len(c, i) > 0 && c->text[c->toks[i].off] == '[');
    bool letters = body_len > 0;
    for (size_t k = 0; k < body_len && letters; k++) {
        unsigned char ch = (unsigned char)c->text[c->toks[i].body + k];
        word = word && crier_is_ascii_lower(ch);
        letters = crier_is_ascii_alpha(ch);
    }
    for (r = 0; body_len > 0 && r < sizeof rules / sizeof rules[0]; r++) {
        if ((word && !rules[r].words) || (letters && !rules[r].letters))
            continue;
        norm_match_reset(&m);
        if (rules[r].match(c, i, &m))
            break;
    }
    if (r < sizeof rules / sizeof rules[0] && m.silent) {
        /* "in 1950[citation needed]." keeps its full stop */
        size_t last = i + m.n_toks - 1, tl = norm_trail_len(c, last);
        *ret_used = m.n_toks;
        if (tl > m.trail_skip && out->len > 0)
            st = crier_buf_append(out, c->text + c->toks[last].trail + m.trail_skip,
                                  tl - m.trail_skip);
        return st;
    }
    if (norm_lead_len(c, i) > 0 &&
        (st = norm_put_word(out, c->text + c->toks[i].off, norm_lead_len(c, i))) != CRIER_OK)
        return st;
    bool glued = norm_lead_len(c, i) > 0; /* "(five" not "( five" */
    size_t mark = out->len;
    if (body_len == 0) {
        st = CRIER_OK;
    } else if (r < sizeof rules / sizeof rules[0]) {
        st = rules[r].expand(c, i, &m, out);
        *ret_used = m.n_toks;
    } else {
        norm_match_reset(&m); /* a rule that did not match may have written to it */
        st = say_plain(c, i, out, &m.trail_skip);
    }
    if (st != CRIER_OK)
        return st;
    if (glued && mark < out->len && out->data[mark] == ' ') { /* join "(" and the word */
        memmove(out->data + mark, out->data + mark + 1, out->len - mark - 1);
        crier_buf_truncate(out, out->len - 1);
    }
    size_t last = i + *ret_used - 1, skip = m.trail_skip;
    if (body_len == 0)
        skip = 0;
    size_t tl = norm_trail_len(c, last);
    if (skip > 0 && last_in_text && last + 1 == c->n_toks && c->text[c->toks[last].trail] == '.' &&
        !ends_sentence_mark(c->text + c->toks[last].trail + skip, tl - skip))
        skip = 0; /* "... in the U.S." keeps its full stop; "U.S.A.." has one */
    if (tl > skip && out->len > 0 && out->data[out->len - 1] == '.' &&
        c->text[c->toks[last].trail + skip] == '.')
        skip++; /* "9 a.m." ends in "a.m." already */
    if (tl > skip) {
        if (out->len == 0 || body_len == 0)
            st = norm_space(out);
        if (st == CRIER_OK)
            st = crier_buf_append(out, c->text + c->toks[last].trail + skip, tl - skip);
    }
    return st;
}

static crier_status normalize_token_run(const crier_lang *lang, const crier_normalize_opts *opts,
                                        const crier_lexicon *const *lexs, size_t n_lexs,
                                        const char *text, size_t len, crier_buf *out);

/* Offset of the first U+2010 or U+2011 (hyphen, non-breaking hyphen) in text, or len. */
static size_t
unicode_hyphen_at(const char *text, size_t len)
{
    for (const char *p = text; (p = memchr(p, 0xE2, len - (size_t)(p - text))) != NULL; p++)
        if ((size_t)(p - text) + 2 < len && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x90 || (unsigned char)p[2] == 0x91))
            return (size_t)(p - text);
    return len;
}

/* Normalizes text; "COVID‑19" and "5‑year‑old" written with U+2010 or U+2011 read
 * as with "-": a copy with those hyphens made ASCII. */
static crier_status
normalize_tokens(const crier_lang *lang, const crier_normalize_opts *opts,
                 const crier_lexicon *const *lexs, size_t n_lexs, const char *text, size_t len,
                 crier_buf *out)
{
    size_t at = unicode_hyphen_at(text, len);
    if (at == len)
        return normalize_token_run(lang, opts, lexs, n_lexs, text, len, out);
    crier_buf ascii;
    crier_status st = CRIER_OK;
    crier_buf_init(&ascii, len + 1);
    for (size_t k = 0; k < len && st == CRIER_OK;) {
        size_t h = k + unicode_hyphen_at(text + k, len - k);
        st = crier_buf_append(&ascii, text + k, h - k);
        if (st == CRIER_OK && h < len)
            st = crier_buf_putc(&ascii, '-');
        k = h < len ? h + 3 : len;
    }
    if (st == CRIER_OK)
        st = normalize_token_run(lang, opts, lexs, n_lexs, crier_buf_str(&ascii), ascii.len, out);
    crier_buf_free(&ascii);
    return st;
}

static crier_status
normalize_token_run(const crier_lang *lang, const crier_normalize_opts *opts,
                    const crier_lexicon *const *lexs, size_t n_lexs, const char *text, size_t len,
                    crier_buf *out)
{
    norm_tok toks[NORM_MAX_TOKENS];
    norm_ctx c = {.lang = lang,
                  .opts = opts,
                  .lexs = lexs,
                  .n_lexs = n_lexs,
                  .text = text,
                  .toks = toks,
                  .max_token_bytes = CRIER_DEFAULT_MAX_TOKEN_BYTES};
    crier_status st = CRIER_OK;
    size_t pos = 0;

    while (pos < len && st == CRIER_OK) {
        size_t next;
        c.n_toks = norm_tokenize(text, len, pos, toks, NORM_MAX_TOKENS, &next);
        if (c.n_toks == 0)
            break;
        bool more = next < len;
        size_t i = 0;
        while (i < c.n_toks && st == CRIER_OK) {
            if (more && i + NORM_LOOKAHEAD > c.n_toks && i > 0)
                break; /* read on from token i with its neighbours */
            size_t used = 1;
            st = say_at(&c, i, !more, out, &used);
            i += used;
        }
        pos = i < c.n_toks ? toks[i].off : next;
    }
    return st;
}

crier_status
norm_text_for_speech(const crier_lang *lang, const crier_normalize_opts *opts,
                     const crier_lexicon *const *lexs, size_t n_lexs, const char *text, size_t len,
                     crier_buf *out)
{
    crier_normalize_opts o = opts ? *opts : crier_normalize_opts_default();
    crier_buf clean;
    size_t mark = out->len;
    /* "[[" in the text is cut first, so only the lexicons write phonemes */
    crier_buf_init(&clean, len + 1);
    crier_status st = norm_strip_phoneme_marks(text, len, &clean);
    if (st == CRIER_OK && o.plain)
        st = crier_buf_append(out, crier_buf_str(&clean), clean.len); /* the voice's own reading */
    else if (st == CRIER_OK)
        st = normalize_tokens(lang, &o, lexs, n_lexs, crier_buf_str(&clean), clean.len, out);
    crier_buf_free(&clean);
    if (st != CRIER_OK)
        crier_buf_truncate(out, mark); /* nothing half-written */
    return st;
}

crier_status
crier_normalize_text_opts(const crier_lang *lang, const crier_normalize_opts *opts,
                          const crier_lexicon *lex, const char *text, size_t len, crier_buf *out)
{
    crier_normalize_opts o = opts ? *opts : crier_normalize_opts_default();
    if (lang == NULL || out == NULL || (text == NULL && len > 0))
        return CRIER_E_ARG;
    if (lex != NULL) { /* the user's entries first, then the pack's names */
        const crier_lexicon *lexs[2] = {lex, lang->names};
        return norm_text_for_speech(lang, &o, lexs, 2, text, len, out);
    }
    size_t mark = out->len;
    crier_status st = normalize_tokens(lang, &o, NULL, 0, text, len, out);
    if (st != CRIER_OK)
        crier_buf_truncate(out, mark); /* nothing half-written */
    return st;
}

crier_status
crier_normalize_text(const crier_lang *lang, const char *text, size_t len, crier_buf *out)
{
    return crier_normalize_text_opts(lang, NULL, NULL, text, len, out);
}

crier_status
norm_say_token_alone(const norm_ctx *parent, const char *text, size_t off, size_t len,
                     size_t trail_len, crier_buf *out, size_t *ret_trail_used)
{
    norm_tok tok = {off, off, off + len, off + len + trail_len};
    norm_ctx c = {.lang = parent->lang,
                  .opts = parent->opts,
                  .lexs = parent->lexs,
                  .n_lexs = parent->n_lexs,
                  .text = text,
                  .toks = &tok,
                  .n_toks = 1,
                  .max_token_bytes = CRIER_DEFAULT_MAX_TOKEN_BYTES,
                  .part = true};
    norm_match m;

    *ret_trail_used = 0;
    for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
        norm_match_reset(&m);
        if (rules[r].match(&c, 0, &m)) {
            *ret_trail_used = m.trail_skip;
            return rules[r].expand(&c, 0, &m, out);
        }
    }
    if (has_digit(text + off, len))
        return say_with_numbers(&c, text + off, len, out);
    return say_without_emoji(&c, out, text + off, len);
}
