/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_NORM_INTERNAL_H
#define CRIER_NORM_INTERNAL_H

/* Shared by the files of src/normalize/ only; not a public header. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/status.h"
#include "normalize/normalize.h"

/* ---- language tables (lang.c) ---------------------------------------- */

/* One table per voices/<lang>/<name>.tsv file. */
typedef enum norm_table_id {
    NT_NUMBERS,    /* "47" -> number words: 0..19, tens, hundred and scales */
    NT_ORDINALS,   /* cardinal word -> ordinal word ("seven" -> "seventh") */
    NT_WORDS,      /* named glue words ("point", "minus", "oh") */
    NT_MONTHS,     /* written month -> number, spoken name */
    NT_DAYS,       /* written weekday -> spoken name */
    NT_TITLES,     /* title before a name ("Lt.-Gen." -> "Lieutenant General") */
    NT_ABBREVS,    /* abbreviation -> words ("vs." -> "versus") */
    NT_ACRONYMS,   /* acronym -> how to say it ("IDF" -> "I D F", "NATO" -> "NATO") */
    NT_LETTERS,    /* a letter -> how to say it alone when spelling */
    NT_CURRENCIES, /* symbol or code -> singular, plural, minor singular, minor plural */
    NT_SCALES,     /* "bn" -> "billion" after an amount */
    NT_SYMBOLS,    /* "&" -> "and" */
    NT_UNITS,      /* "km" -> singular, plural */
    NT_YEAR_CUES,  /* words after which a 4-digit number is a year ("in", "since") */
    NT_STARTERS,   /* words that start a sentence after an abbreviation ("The") */
    NT_PLURALS,    /* number word -> plural ("eighty" -> "eighties") */
    NT_FRACTIONS,  /* denominator -> singular, plural ("2" -> "half", "halves") */
    NT_ROMAN,      /* word before a Roman numeral -> "ordinal" or "cardinal" */
    NT_WEB,        /* URL and e-mail words ("www" -> "W W W", "com" -> "com") */
    NT_STATES,     /* postal code -> state name, read in addresses */
    NT_EMOJI,      /* an emoji code point -> its name, read with CRIER_EMOJI_NAME */
    NT_CUES,       /* a word -> what it cues in its neighbours ("its": determiner) */
    NT_COUNT
} norm_table_id;

typedef struct norm_entry {
    const char *key;
    size_t key_len;
    const char *value; /* rest of the line after the first tab; fields split by tabs */
} norm_entry;

typedef struct norm_table {
    norm_entry *entries; /* sorted by key bytes */
    size_t n_entries;
    uint32_t *slots;    /* open-addressing hash: entry index + 1, 0 when empty */
    size_t n_slots;     /* a power of two, at least twice n_entries */
    uint8_t first[32];  /* bit set of the keys' first bytes: most misses stop here */
    uint8_t shape[512]; /* bit set of (first two bytes, length): most of the rest */
} norm_table;

struct crier_lang {
    char *name;
    norm_table tables[NT_COUNT];
    char **storage; /* the files' bytes, entries point into them */
    size_t n_storage;
    size_t n_skipped; /* broken lines skipped while loading */
    /* indexes built once at load time */
    const char *small[20]; /* 0..19 */
    const char *tens[10];  /* 20, 30 .. 90 at [2..9] */
    const char *hundred;
    const char *scale[8]; /* 10^3 .. 10^21 at [1..7] */
    const char *month_name[13];
    unsigned silent[48][2]; /* code point ranges not spoken (words.tsv silent_ranges) */
    size_t n_silent;
    crier_lexicon *names; /* names.tsv: pronunciations eSpeak NG gets wrong */
};

/* Parses one voices/<lang>/<table>.tsv file's bytes in place (data must stay alive
 * while t is used; lines are cut at their tabs) into t, counting broken lines
 * in *n_skipped. For the loader and its fuzz target. */
crier_status norm_table_parse(char *data, size_t len, norm_table *t, size_t *n_skipped);
void norm_table_free(norm_table *t);

/* Value for key (exact bytes), or NULL. */
const norm_entry *norm_lookup(const crier_lang *lang, norm_table_id t, const char *key,
                              size_t key_len);
/* The nth tab-separated field (0-based) of a value; false when absent. */
bool norm_field(const char *value, size_t n, const char **ret_s, size_t *ret_len);
/* A glue word from words.tsv ("point", "minus"), or NULL when the pack lacks it. */
const char *norm_word(const crier_lang *lang, const char *key);
/* Appends the glue word key of words.tsv; CRIER_E_LANG when the pack lacks it
 * (C holds no English fallbacks). */
crier_status norm_put_glue(const crier_lang *lang, crier_buf *out, const char *key);

/* ---- number words (numwords.c) ----------------------------------------- */

/* Digits per number read as a quantity; longer runs are read digit by digit.
 * Grouped numbers ("124,444,234,854,823,834,553") are read up to NORM_MAX_GROUPED_DIGITS. */
#define NORM_MAX_CARDINAL_DIGITS 18
#define NORM_MAX_GROUPED_DIGITS 24
/* A run of more digits than this without commas is an identifier: digit by digit. */
#define NORM_MAX_PLAIN_DIGITS 9

crier_status norm_say_cardinal(const crier_lang *lang, uint64_t n, crier_buf *out);
crier_status norm_say_ordinal(const crier_lang *lang, uint64_t n, crier_buf *out);
/* "1998" nineteen ninety-eight, "1905" nineteen oh five, "2005" two thousand five. */
crier_status norm_say_year(const crier_lang *lang, uint64_t n, crier_buf *out);
/* The last two digits of a year, 0-99, as they are said: "oh five", "forty eight". */
crier_status norm_say_year_tail(const crier_lang *lang, uint64_t n, crier_buf *out);
/* Each digit of s[0..len) as a word; other bytes skipped. */
crier_status norm_say_digits(const crier_lang *lang, const char *s, size_t len, crier_buf *out);
/* A digit run: a cardinal when short enough, else digit by digit. */
crier_status norm_say_digit_run(const crier_lang *lang, const char *s, size_t len, crier_buf *out);
/* Appends a space unless out is empty or already ends in one. */
crier_status norm_space(crier_buf *out);
/* Appends s then a space before if needed. */
crier_status norm_put_word(crier_buf *out, const char *s, size_t len);

/* Appends the plural of the last word of out[from..] ("eighties"). */
crier_status norm_pluralize_tail(const crier_lang *lang, crier_buf *out, size_t from);
crier_status norm_put(crier_buf *out, const char *s);
/* Appends field n of a table value (field 0 when n is absent). */
crier_status norm_put_field(crier_buf *out, const char *value, size_t n);
/* s[0..len) is one of the space-separated words of words.tsv's row list. */
bool norm_in_word_list(const crier_lang *lang, const char *list, const char *s, size_t len);
/* ASCII case-insensitive equality of a[0..a_len) and b. */
bool norm_ascii_ieq(const char *a, size_t a_len, const char *b);

/* ---- parsing helpers (numwords.c) --------------------------------------- */

/* A written number: "1,500", "1.5", "-3", "45.10". */
typedef struct norm_number {
    const char *int_digits; /* digits of the integer part, commas removed in n_int_value */
    size_t int_len;         /* bytes of the integer part as written (commas included) */
    size_t n_int_digits;
    uint64_t int_value; /* valid when n_int_digits <= NORM_MAX_CARDINAL_DIGITS */
    bool has_commas;
    const char *frac; /* digits after the decimal point, or NULL */
    size_t frac_len;
    bool negative;
    bool plus;  /* "+3.2%": a change said with its sign */
    size_t len; /* bytes consumed */
} norm_number;

/* Parses a number at the start of s[0..len). Commas must group by three. */
bool norm_parse_number(const char *s, size_t len, norm_number *ret);
/* True when s[0..len) is all ASCII digits (len > 0). */
bool norm_all_digits(const char *s, size_t len);
/* Value of up to 18 digits. */
uint64_t norm_digits_value(const char *s, size_t len);
/* Says a parsed number: "minus", integer words, "point" and the digits after. */
crier_status norm_say_number(const crier_lang *lang, const norm_number *num, crier_buf *out);

/* ---- tokens (tokenize.c) ------------------------------------------------ */

/* A token: leading punctuation | body | trailing punctuation, as byte offsets
 * into the text. Tokens are separated by white space. */
typedef struct norm_tok {
    size_t off;   /* start of the leading punctuation */
    size_t body;  /* start of the body */
    size_t trail; /* start of the trailing punctuation (end of the body) */
    size_t end;   /* end of the token */
} norm_tok;

/* Most tokens in one call of crier_normalize_text; the rest is read in further rounds. */
#define NORM_MAX_TOKENS 256

/* Splits text[from..len) into at most max tokens; *ret_next is where to go on. */
size_t norm_tokenize(const char *text, size_t len, size_t from, norm_tok *toks, size_t max,
                     size_t *ret_next);

/* ---- rules (text.c, rules_*.c) ------------------------------------------- */

typedef struct norm_ctx {
    const crier_lang *lang;
    const crier_normalize_opts *opts; /* never NULL */
    const crier_lexicon *const *lexs; /* pronunciations, first wins; NULL entries allowed */
    size_t n_lexs;
    const char *text;
    const norm_tok *toks;
    size_t n_toks;
    size_t max_token_bytes;
    bool part; /* the token is a part of a compound ("1/f" of "1/f-4s") */
} norm_ctx;

typedef struct norm_match {
    size_t n_toks;     /* tokens consumed (>= 1) */
    size_t trail_skip; /* bytes of the last token's trailing punctuation consumed */
    bool silent;       /* not read at all, leading punctuation included ("[1]") */
    const norm_entry *entry;
    const void *lex_entry; /* the lexicon rule's entry (lexicon.c) */
    norm_number num;
    uint64_t v[4];
    int kind;
} norm_match;

/* Clears what a rule's match may read before writing; num is always written by
 * the parser before it is read. (A memset of the whole struct per rule and token
 * cost a third of the run time.) */
static inline void
norm_match_reset(norm_match *m)
{
    m->n_toks = 0;
    m->trail_skip = 0;
    m->silent = false;
    m->entry = NULL;
    m->v[0] = m->v[1] = m->v[2] = m->v[3] = 0;
    m->kind = 0;
}

typedef bool (*norm_match_fn)(const norm_ctx *c, size_t i, norm_match *m);
typedef crier_status (*norm_expand_fn)(const norm_ctx *c, size_t i, const norm_match *m,
                                       crier_buf *out);

typedef struct norm_rule {
    const char *name;
    norm_match_fn match;
    norm_expand_fn expand;
    bool words;   /* may match a body of lower-case letters only ("july", "vs", "x");
                   * most tokens are such words, and the other rules skip them */
    bool letters; /* may match a body of letters only, in any case ("The", "NATO");
                   * rules of numbers do not, and skip them */
} norm_rule;

/* Body of token i. */
static inline const char *
norm_body(const norm_ctx *c, size_t i)
{
    return c->text + c->toks[i].body;
}
static inline size_t
norm_body_len(const norm_ctx *c, size_t i)
{
    return c->toks[i].trail - c->toks[i].body;
}
static inline size_t
norm_trail_len(const norm_ctx *c, size_t i)
{
    return c->toks[i].end - c->toks[i].trail;
}
static inline char
norm_trail0(const norm_ctx *c, size_t i)
{
    return norm_trail_len(c, i) ? c->text[c->toks[i].trail] : '\0';
}
static inline size_t
norm_lead_len(const norm_ctx *c, size_t i)
{
    return c->toks[i].body - c->toks[i].off;
}
/* True when token i's body begins with an upper-case ASCII letter. */
bool norm_tok_capitalized(const norm_ctx *c, size_t i);
/* Looks up body (+ "." when the trailing punctuation starts with one); sets
 * *ret_dot when the dot was used. */
const norm_entry *norm_lookup_dotted(const norm_ctx *c, size_t i, norm_table_id t, bool *ret_dot);
/* norm_lookup_lower looks up bodies shorter than this; longer ones find nothing. */
#define NORM_LOWER_KEY_BYTES 24
/* The entry of table t for token i's body in lower case ("Stolen" as
 * "stolen"); NULL when there is none or the body is over 23 bytes. */
const norm_entry *norm_lookup_lower(const norm_ctx *c, size_t i, norm_table_id t);
/* True when token i's body equals word (ASCII case-insensitive). */
bool norm_tok_is(const norm_ctx *c, size_t i, const char *word);
/* s[0..len) is a word of cues.tsv with class cls among its cues ("determiner",
 * "not_noun", "digits", "date", "regnal"). One hash lookup, not a list scan. */
bool norm_cue(const crier_lang *lang, const char *s, size_t len, const char *cls);
/* The body of token i (i < n_toks) is such a word. */
bool norm_tok_cue(const norm_ctx *c, size_t i, const char *cls);
/* Tokens i..last (an amount or a measure) modify the next word: after a word of
 * words.tsv "determiners" or a possessive, before a noun ("a $5 million deal",
 * "its $500 price", "Amazon's $13.7 billion purchase"). */
bool norm_attributive(const norm_ctx *c, size_t i, size_t last);

/* A unit of units.tsv as written ("km", "KG"); per_ok also allows the units that
 * only follow a slash ("mo" in "$20/mo"). */
const norm_entry *norm_unit_of(const crier_lang *lang, const char *s, size_t len, bool per_ok);
/* Token i's body is exactly one number. */
bool norm_tok_number(const norm_ctx *c, size_t i, norm_number *ret);
/* Token i's body is a whole number of at most max_digits digits, no commas. */
bool norm_tok_small_int(const norm_ctx *c, size_t i, size_t max_digits, uint64_t *ret);

/* Rows defined in rules_*.c, in the order text.c uses them. */
bool norm_match_money(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_money(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_date(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_date(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_weekday(const norm_ctx *c, size_t i, norm_match *m);
bool norm_match_decade(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_decade(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_era(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_era(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_time(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_time(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_meridiem(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_meridiem(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_digit_string(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_digit_string(const norm_ctx *c, size_t i, const norm_match *m,
                                   crier_buf *out);
bool norm_match_code_number(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_code_number(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_intl_phone(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_intl_phone(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_video_lines(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_video_lines(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_coordinate(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_coordinate(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_height(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_height(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_ap_state(const norm_ctx *c, size_t i, norm_match *m);
bool norm_match_measure(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_measure(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_fraction(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_fraction(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
/* Says the fraction "1/2" of a fractions.tsv row as the end of a mixed number. */
crier_status norm_say_fraction_text(const crier_lang *lang, const char *s, crier_buf *out);
/* A glued scale after a number that makes it a count ("4.5bn", "1.5m people"). */
const norm_entry *norm_counted_scale(const norm_ctx *c, size_t i, const char *s, size_t len);
bool norm_match_range(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_range(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_dash_range(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_word_to(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_dims(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_dims(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_ratio(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_ratio(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_phone(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_phone(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_percent(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_percent(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_ordinal(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_ordinal_tok(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_year(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_year_tok(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_number(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_number_tok(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);

bool norm_match_web(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_web(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_citation(const norm_ctx *c, size_t i, norm_match *m);
bool norm_match_reference(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_reference(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
crier_status norm_say_nothing(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
/* A code point the voice does not read: emoji, marks like (R), scripts it cannot
 * say (words.tsv silent_ranges). */
bool norm_is_silent(const crier_lang *lang, unsigned cp);
/* Digits of a code: "737" seven thirty-seven, "708" seven oh eight. */
crier_status norm_say_code_digits(const crier_lang *lang, const char *s, size_t len,
                                  crier_buf *out);
bool norm_match_quarter(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_quarter(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_serial(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_serial(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_model(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_model(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_math(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_math(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_house_number(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_house_number(const norm_ctx *c, size_t i, const norm_match *m,
                                   crier_buf *out);
bool norm_match_direction(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_direction(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_postal_state(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_postal_state(const norm_ctx *c, size_t i, const norm_match *m,
                                   crier_buf *out);
bool norm_match_zip(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_zip(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_title(const norm_ctx *c, size_t i, norm_match *m);
bool norm_match_abbrev(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_entry(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_acronym(const norm_ctx *c, size_t i, norm_match *m);
bool norm_match_initials(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_initials(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_caps(const norm_ctx *c, size_t i, norm_match *m);
/* Capitals s[0..len) that no English syllable holds ("HDRO", "NZSAC"): spelled
 * (words.tsv caps_onsets, caps_codas, caps_vowels). */
bool norm_caps_unsayable(const crier_lang *lang, const char *s, size_t len);
bool norm_match_party_letter(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_party_letter(const norm_ctx *c, size_t i, const norm_match *m,
                                   crier_buf *out);
bool norm_match_affiliation(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_affiliation(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_roman(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_roman(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
bool norm_match_symbol(const norm_ctx *c, size_t i, norm_match *m);

/* Spells s[0..len) letter by letter (digits as words). */
crier_status norm_spell(const crier_lang *lang, const char *s, size_t len, crier_buf *out);

/* Normalizes one token on its own (no neighbours): used for the parts of a
 * compound ("F-35", "anti-U.S."). text[off..+len) is the body, trail_len bytes of
 * trailing punctuation follow it. Appends the spoken body only; sets
 * *ret_trail_used to the trailing bytes the rule consumed. */
crier_status norm_say_token_alone(const norm_ctx *parent, const char *text, size_t off, size_t len,
                                  size_t trail_len, crier_buf *out, size_t *ret_trail_used);

/* ---- pronunciation (lexicon.c) ------------------------------------------ */

/* A word one of c->lexs lists, whole or before a possessive ("Khamenei's"). */
bool norm_match_lexicon(const norm_ctx *c, size_t i, norm_match *m);
crier_status norm_say_lexicon(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out);
/* crier_normalize_text for a script that eSpeak NG will speak with phonemes on:
 * "[[" and "]]" of the text cut, then the rules with lexs (first wins, NULL
 * entries allowed; n_lexs may be 0). */
crier_status norm_text_for_speech(const crier_lang *lang, const crier_normalize_opts *opts,
                                  const crier_lexicon *const *lexs, size_t n_lexs, const char *text,
                                  size_t len, crier_buf *out);
/* Copies text with each run of "[[" or "]]" cut to one bracket, so that page
 * text never switches eSpeak NG to phonemes; only lexicon entries write them. */
crier_status norm_strip_phoneme_marks(const char *text, size_t len, crier_buf *out);

/* ---- sentences (sentence.c) --------------------------------------------- */

typedef struct norm_span {
    size_t off;
    size_t len;
} norm_span;

/* Splits text into sentences (spans without surrounding white space); calls
 * emit for each in order. */
typedef crier_status (*norm_sentence_fn)(void *data, size_t off, size_t len);
crier_status norm_split_sentences(const crier_lang *lang, const char *text, size_t len,
                                  norm_sentence_fn emit, void *data);

#endif
