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

/* Token i comes right after an ordinal written in digits ("1st", "2nd ed."). */
static bool
after_ordinal(const norm_ctx *c, size_t i)
{
    if (i == 0 || norm_trail_len(c, i - 1) != 0)
        return false;
    const char *p = norm_body(c, i - 1);
    size_t pl = norm_body_len(c, i - 1);
    return pl > 2 && crier_is_ascii_digit((unsigned char)p[0]) &&
           norm_in_word_list(c->lang, "ordinal_suffixes", p + pl - 2, 2) &&
           crier_is_ascii_digit((unsigned char)p[pl - 3]);
}

/* Token i follows a time of day: "7:45 a.m. ET", "9pm PT", "14:00 GMT", "noon ET"
 * (words.tsv meridiem_am, clock_words). */
static bool
after_time(const norm_ctx *c, size_t i)
{
    char key[16] = "meridiem_";
    size_t n = 9, k = 0;
    if (i == 0 || norm_trail_len(c, i - 1) > 1 ||
        (norm_trail_len(c, i - 1) == 1 && norm_trail0(c, i - 1) != '.'))
        return false;
    const char *b = norm_body(c, i - 1);
    size_t bl = norm_body_len(c, i - 1);
    if (norm_in_word_list(c->lang, "clock_words", b, bl))
        return true;
    bool colon = false;
    for (; k < bl && (crier_is_ascii_digit((unsigned char)b[k]) || b[k] == ':'); k++)
        colon |= b[k] == ':';
    if (k == bl)
        return colon && k > 2;
    for (; k < bl && n + 1 < sizeof key; k++)
        if (b[k] != '.')
            key[n++] = (char)crier_ascii_lower((unsigned char)b[k]);
    key[n] = '\0';
    return k == bl && n > 9 && norm_word(c->lang, key) != NULL;
}

/* Token i stands inside a sentence: neither its first token nor after a colon. */
static bool
inside_sentence(const norm_ctx *c, size_t i)
{
    return i > 0 && norm_trail_len(c, i - 1) == 0;
}

/* "c. 1343", "c. February 1818", "c. AD 800", "d. c. 1530", "(b. Richard Starkey,":
 * a year, a month, an era or a circa follows, or the word opens a life's brackets. */
static bool
before_date(const norm_ctx *c, size_t i)
{
    bool dot;
    if (norm_lead_len(c, i) == 1 && c->text[c->toks[i].off] == '(')
        return true;
    if (i + 1 >= c->n_toks || norm_lead_len(c, i + 1) != 0 || norm_body_len(c, i + 1) == 0)
        return false;
    const char *n = norm_body(c, i + 1);
    size_t nl = norm_body_len(c, i + 1);
    return crier_is_ascii_digit((unsigned char)n[0]) ||
           norm_lookup_dotted(c, i + 1, NT_MONTHS, &dot) != NULL ||
           (nl == 2 && (memcmp(n, "AD", 2) == 0 || memcmp(n, "BC", 2) == 0)) ||
           (nl == 3 && memcmp(n, "A.D", 3) == 0) ||
           ((norm_tok_is(c, i + 1, "c") || norm_tok_is(c, i + 1, "ca")) &&
            norm_trail0(c, i + 1) == '.');
}

/* Flags in abbreviations.tsv: "before_number" ("No. 5"), "before_date" ("c. 1343",
 * "(b. Richard Starkey,"), "after_name" ("Elm St."),
 * "after_ordinal" ("1st ed."), "after_time" ("7:45 a.m. ET"), "inside_before_number"
 * ("Act 1995 No 41", not "No 2 people are alike"). A fourth field is said where the flag's context
 * is not ("McLintock, Alexander, ed.": editor), only for the row as written ("Ed." is a name). */
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
    bool folded = e == NULL;
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
    const char *alt;
    size_t alt_len;
    if (e == NULL || (folded && norm_field(e->value, 2, &alt, &alt_len)))
        return false;
    if (has_flag(e, 1, "after_ordinal") && !after_ordinal(c, i)) {
        if (!norm_field(e->value, 2, &alt, &alt_len))
            return false;
        m->kind = -3; /* the line's fourth field */
    }
    if (has_flag(e, 1, "before_number") &&
        !(i + 1 < c->n_toks && crier_is_ascii_digit((unsigned char)norm_body(c, i + 1)[0])))
        return false;
    if (has_flag(e, 1, "before_date") && !before_date(c, i))
        return false;
    if (has_flag(e, 1, "after_name") && !after_name(c, i))
        return false;
    if (has_flag(e, 1, "after_time") && !after_time(c, i))
        return false;
    /* "No 10 Downing Street said" opening a sentence: a name after the number */
    if (has_flag(e, 1, "inside_before_number") &&
        !(i + 1 < c->n_toks && crier_is_ascii_digit((unsigned char)norm_body(c, i + 1)[0]) &&
          (inside_sentence(c, i) ||
           (norm_trail_len(c, i + 1) == 0 && norm_tok_capitalized(c, i + 2)))))
        return false;
    m->entry = e;
    m->n_toks = 1;
    /* "at 1428 Elm St. It was": the full stop also ends the sentence */
    m->trail_skip =
        dot && !(i + 1 < c->n_toks && norm_lookup(c->lang, NT_STARTERS, norm_body(c, i + 1),
                                                  norm_body_len(c, i + 1)) != NULL);
    return true;
}

/* Token i's trailing punctuation opens with a possessive "'s" or "’s". */
static bool
trail_possessive(const norm_ctx *c, size_t i)
{
    const char *t = c->text + c->toks[i].trail;
    size_t tl = norm_trail_len(c, i);
    return (tl >= 2 && t[0] == '\'' && t[1] == 's') ||
           (tl >= 4 && memcmp(t, "\xe2\x80\x99s", 4) == 0);
}

/* s[0..len) is one word of capitals ("NASA"). */
static bool
all_caps(const char *s, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (!crier_is_ascii_upper((unsigned char)s[k]))
            return false;
    return len > 1;
}

/* Appends a word of capitals with only its first letter upper-case: eSpeak NG
 * reads "NASA's" and "NATOs" without their "s", "Nasa's" and "Natos" with it. */
static crier_status
put_title_case(crier_buf *out, const char *s, size_t len)
{
    crier_status st = norm_put_word(out, s, 1);
    for (size_t k = 1; k < len && st == CRIER_OK; k++)
        st = crier_buf_putc(out, (char)crier_ascii_lower((unsigned char)s[k]));
    return st;
}

crier_status
norm_say_entry(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *s;
    size_t len;
    crier_status st;

    if (!norm_field(m->entry->value, m->kind == -2 ? 1 : m->kind == -3 ? 2 : 0, &s, &len))
        return CRIER_E_LANG;
    /* an acronym read as a word, before its possessive or plural "s" */
    bool title = m->v[1] != 0 && all_caps(s, len) && (m->kind == -1 || trail_possessive(c, i));
    st = title ? put_title_case(out, s, len) : norm_put_word(out, s, len);
    if (st != CRIER_OK || m->kind == 0 || m->kind <= -2)
        return st;
    if (m->kind == -1) { /* "MPs": "M P's", which eSpeak NG says as a plural */
        const char *plural = norm_word(c->lang, title ? "word_plural" : "acronym_plural");
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

static unsigned roman_value(const char *s, size_t len);

/* w[k] is a vowel letter. Y is one unless it opens a syllable: at the start
 * ("YOLO", "YMCA") or after a vowel before a vowel ("KAYAK"); "DRY", "NIMBY" and
 * "DYE" keep it. */
static bool
vowel_at(const char *w, size_t len, size_t k)
{
    if (strchr("AEIOU", w[k]) != NULL)
        return k == 0 || w[k] != 'U' || w[k - 1] != 'Q'; /* "QU" is a consonant */
    if (w[k] != 'Y' || k == 0)
        return false;
    return !(strchr("AEIOU", w[k - 1]) != NULL && k + 1 < len && strchr("AEIOU", w[k + 1]) != NULL);
}

/* words.tsv's lists of English syllables' letters, looked up once a word. */
typedef struct syllable_lists {
    const char *onsets, *codas, *vowels;
} syllable_lists;

/* s[0..len) (letters) is a word of the space-separated list. */
static bool
listed(const char *list, const char *s, size_t len)
{
    for (const char *p = list; (p = strchr(p, s[0])) != NULL; p++)
        if ((p == list || p[-1] == ' ') && strncmp(p, s, len) == 0 &&
            (p[len] == ' ' || p[len] == '\0'))
            return true;
    return false;
}

/* A consonant cluster s[0..len) inside a word: the end of one syllable and the
 * start of the next ("NZ" of "ANZAC" is "N" + "Z", "CL" of "UCLA" is "" + "CL"). */
static bool
medial_ok(const syllable_lists *l, const char *s, size_t len)
{
    for (size_t cut = 0; cut <= len; cut++)
        if ((cut == 0 || listed(l->codas, s, cut)) &&
            (cut == len || listed(l->onsets, s + cut, len - cut)))
            return true;
    return false;
}

/* An all-capital word w[0..len) reads as an English word: its consonant clusters
 * can open (words.tsv caps_onsets) and close (caps_codas) English syllables and
 * its vowel runs (four at most) are pairs of caps_vowels. "NASA", "OPEC", "LEAPT" pass;
 * "HDRO" (no "HDR" opens a syllable), "NZSAC", "ISBN" do not. A pack
 * without the lists: any vowel will do. */
static bool
caps_pronounceable(const crier_lang *lang, const char *w, size_t len)
{
    syllable_lists l = {norm_word(lang, "caps_onsets"), norm_word(lang, "caps_codas"),
                        norm_word(lang, "caps_vowels")};
    bool any_vowel = false, lists = l.onsets != NULL && l.codas != NULL && l.vowels != NULL;
    for (size_t k = 0; k < len && !lists; k++)
        any_vowel |= strchr("AEIOUY", w[k]) != NULL && w[k] != '\0';
    for (size_t k = 0; k < len && lists;) {
        bool v = vowel_at(w, len, k);
        size_t e = k + 1;
        while (e < len && vowel_at(w, len, e) == v)
            e++;
        if (v) {
            if (e - k > 4)
                return false;
            for (size_t p = k; p + 1 < e; p++)
                if (!listed(l.vowels, w + p, 2))
                    return false;
            any_vowel = true;
        } else if (k == 0) {
            if (!listed(l.onsets, w, e))
                return false;
        } else if (e == len) { /* a coda, or a coda and a plural "S" ("CORS") */
            if (!listed(l.codas, w + k, e - k) &&
                !(w[e - 1] == 'S' && e - k > 1 && listed(l.codas, w + k, e - k - 1)))
                return false;
        } else if (!medial_ok(&l, w + k, e - k)) {
            return false;
        }
        k = e;
    }
    return any_vowel;
}

bool
norm_caps_unsayable(const crier_lang *lang, const char *s, size_t len)
{
    return !caps_pronounceable(lang, s, len);
}

/* Token k is a word of a line in capitals: capital letters only, no acronym of
 * the table, and an English word by its letters ("GIRL", "LEAPT", "THROUGH"). */
static bool
headline_word(const norm_ctx *c, size_t k)
{
    const char *b = norm_body(c, k);
    size_t len = norm_body_len(c, k);
    if (!all_caps(b, len) || norm_lookup(c->lang, NT_ACRONYMS, b, len) != NULL)
        return false;
    return len > 6 || caps_pronounceable(c->lang, b, len);
}

/* "THE GIRL WHO LEAPT THROUGH TIME": an acronym that is also an English word,
 * between two words of a headline in capitals, is that word. "the WHO said",
 * "WHO CHIEF WARNS" and "CHINA AND US AGREE" (words.tsv caps_acronym_cues) keep
 * the acronym. */
static bool
in_caps_headline(const norm_ctx *c, size_t i)
{
    if (i == 0 || i + 1 >= c->n_toks || norm_trail_len(c, i - 1) != 0 ||
        norm_trail_len(c, i) != 0 || norm_lead_len(c, i) != 0 || norm_lead_len(c, i + 1) != 0)
        return false;
    return headline_word(c, i - 1) && headline_word(c, i + 1) &&
           !norm_in_word_list(c->lang, "caps_acronym_cues", norm_body(c, i - 1),
                              norm_body_len(c, i - 1));
}

/* Fields of acronyms.tsv: how to say it, and the English word it also is
 * ("WHO" who, "US" us), read so in a headline in capitals. */
bool
norm_match_acronym(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), poss = possessive_len(b, len);
    const norm_entry *e = norm_lookup(c->lang, NT_ACRONYMS, b, len - poss);

    m->n_toks = 1;
    m->v[1] = 1; /* a word of capitals said before its "s" in title case: "Nasa's" */
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
    if (poss == 0 && norm_field(e->value, 1, &b, &len) && in_caps_headline(c, i))
        m->kind = -2;
    return true;
}

/* An all-capital word of 2 to 6 letters that no table knows ("NKVD", "HDRO",
 * "FEMA's"). When its letters cannot be an English word it is spelled, with its
 * possessive: "HDRO" H D R O (eSpeak NG says "aitch-dro"), "HBO's" H B O's.
 * A word before a possessive or a plural "s" is said in title case ("FEMA's":
 * Fema's), which eSpeak NG says with the "s". Other words are left to eSpeak
 * NG ("NASA", "LEAPT"; "API" it spells itself in lower-case text), and so are
 * Roman numerals ("XIV") and plurals of spelled ones ("HRs"). */
bool
norm_match_caps(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    bool plural = len > 2 && b[len - 1] == 's';
    size_t n = len - plural;
    if (n < 2 || n > 6 || !all_caps(b, n))
        return false;
    if (memchr(b, 'I', n) != NULL && roman_value(b, n) != 0) /* "XIV", not "MD" */
        return false;
    m->n_toks = 1;
    if (!caps_pronounceable(c->lang, b, n)) {
        m->kind = 0;
        return !plural;
    }
    m->kind = 1;
    return n >= 4 && (plural || trail_possessive(c, i));
}

/* "U.S.", "J.R.R.": single letters joined by dots (the body drops the last dot). */
bool
norm_match_initials(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), n_letters = 0;

    if (len > 3 && b[len - 1] == '.' && trail_possessive(c, i))
        len--; /* "the U.S.'s role": U S's, not "U S z" */
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
    if (m->kind == 1) /* "FEMA's", "SPACs": a word before its "s" */
        return put_title_case(out, norm_body(c, i), norm_body_len(c, i));
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

/* Token k is a capitalized word that roman.tsv marks "ordinal" (a regnal name). */
static bool
regnal_name(const norm_ctx *c, size_t k)
{
    const norm_entry *e;
    if (norm_body_len(c, k) < 2 || !crier_is_ascii_upper((unsigned char)norm_body(c, k)[0]) ||
        norm_lead_len(c, k) != 0 || (e = norm_lookup_lower(c, k, NT_ROMAN)) == NULL)
        return false;
    return strcmp(e->value, "ordinal") == 0;
}

/* The numeral at token i follows a person: a title two words before ("King
 * Frederik X"), or a given name before the surname, a middle name or an initial
 * between them or not ("Henry Ford II", "John D. Rockefeller IV", "Martin Luther
 * King III"). */
static bool
person_before(const norm_ctx *c, size_t i)
{
    if (i >= 2 && norm_trail_len(c, i - 2) == 0 && norm_tok_cue(c, i - 2, "regnal"))
        return true;
    if (i >= 2 && norm_trail_len(c, i - 2) == 0 && regnal_name(c, i - 2))
        return true;
    if (i < 3 || norm_trail_len(c, i - 3) != 0 || !regnal_name(c, i - 3))
        return false;
    const char *mid = norm_body(c, i - 2);
    size_t ml = norm_body_len(c, i - 2), mt = norm_trail_len(c, i - 2);
    return ml > 0 && crier_is_ascii_upper((unsigned char)mid[0]) &&
           (ml == 1 ? mt == 1 && norm_trail0(c, i - 2) == '.' : mt == 0);
}

bool
norm_match_roman(const norm_ctx *c, size_t i, norm_match *m)
{
    unsigned v = roman_value(norm_body(c, i), norm_body_len(c, i));
    if (v == 0 || i == 0 || norm_trail_len(c, i - 1) != 0 || norm_lead_len(c, i) != 0)
        return false;
    size_t pl = norm_body_len(c, i - 1);
    const char *p = norm_body(c, i - 1);
    if (pl == 0 || pl >= NORM_LOWER_KEY_BYTES || !crier_is_ascii_upper((unsigned char)p[0]))
        return false;
    const norm_entry *e = norm_lookup_lower(c, i - 1, NT_ROMAN);
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
    bool regnal = e != NULL || person_before(c, i);
    if (strspn(b, "IVX") < bl || (bl == 1 && b[0] == 'X' && !regnal))
        return false;
    /* "Queen Elizabeth I ruled": after a monarch's title, "I" is "the first" */
    /* "Elizabeth I's reign": the first's; "Afonso I of Kongo": the first of */
    if (bl == 1 && b[0] == 'I')
        return regnal_one(c, i) ||
               (e != NULL && (trail_possessive(c, i) ||
                              (norm_trail_len(c, i) == 0 && i + 1 < c->n_toks &&
                               norm_tok_is(c, i + 1, "of") && norm_tok_capitalized(c, i + 2)))) ||
               (i >= 2 && norm_trail_len(c, i - 2) == 0 && norm_tok_cue(c, i - 2, "regnal"));
    m->kind = !regnal; /* "Metroid II", "Tallon IV": a thing's number */
    return true;
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
