/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* The sentence splitter: a sentence ends at . ! ? or an ellipsis, with any
 * closing quotes and brackets, before white space and a capital, a digit or an
 * opening quote. A full stop that belongs to a title ("Lt.-Gen."), a month
 * ("Feb."), an initial ("J.") or an abbreviation ("U.S.", "etc.") ends a
 * sentence only when a word from sentence_starters.tsv follows. */

static bool
is_closer(unsigned cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x2019 || cp == 0x201D ||
           cp == 0x00BB;
}

static bool
is_space_at(const char *s, size_t len, size_t *ret_n)
{
    unsigned cp;
    size_t n = crier_utf8_decode(s, len, &cp);
    *ret_n = n ? n : 1;
    return n == 0 || cp < 0x20 || crier_is_unicode_space(cp);
}

/* The word ending at text[end) (the stop included): from the last space. */
static size_t
word_start(const char *text, size_t end)
{
    size_t s = end;
    while (s > 0 && text[s - 1] != ' ' && text[s - 1] != '\n' && text[s - 1] != '\t')
        s--;
    /* skip opening quotes and brackets */
    while (s < end && (text[s] == '(' || text[s] == '"' || text[s] == '\'' || text[s] == '['))
        s++;
    if (end - s >= 3 &&
        (memcmp(text + s, "\xe2\x80\x9c", 3) == 0 || memcmp(text + s, "\xe2\x80\x98", 3) == 0))
        s += 3;
    return s;
}

/* The next word (letters only) at text[pos..len), for the starters table. */
static bool
next_is_starter(const crier_lang *lang, const char *text, size_t len, size_t pos)
{
    size_t e = pos;
    while (e < len && crier_is_ascii_alpha((unsigned char)text[e]))
        e++;
    return e > pos && norm_lookup(lang, NT_STARTERS, text + pos, e - pos) != NULL;
}

/* A full stop at text[dot] that does not end the sentence. */
static bool
stop_belongs_to_word(const crier_lang *lang, const char *text, size_t len, size_t dot, size_t next)
{
    size_t s = word_start(text, dot);
    size_t wl = dot + 1 - s;
    const char *w = text + s;

    if (wl <= 1)
        return false;
    const norm_entry *street = norm_lookup(lang, NT_ABBREVS, w, wl);
    unsigned char prev =
        s >= 2 && text[s - 1] == ' ' ? (unsigned char)text[word_start(text, s - 1)] : 0;
    bool after_name = crier_is_ascii_upper(prev) || crier_is_ascii_digit(prev);
    if (norm_lookup(lang, NT_TITLES, w, wl) != NULL &&
        !(street != NULL && after_name && strstr(street->value, "after_name") != NULL))
        return true; /* "Dr. Smith", but "at 12 Elm St. The house" ends there */
    if (norm_lookup(lang, NT_MONTHS, w, wl) != NULL &&
        crier_is_ascii_digit((unsigned char)text[next]))
        return true; /* "Feb. 1" */
    if (wl == 2 && crier_is_ascii_upper((unsigned char)w[0]))
        return true;                              /* "George W. Bush" */
    bool dotted = memchr(w, '.', wl - 1) != NULL; /* "U.S.", "a.m." */
    if (dotted || norm_lookup(lang, NT_ABBREVS, w, wl) != NULL)
        return !next_is_starter(lang, text, len, next);
    return false;
}

/* Where the sentence ending at the mark at text[i] (n bytes) ends, or 0. */
static size_t
sentence_end(const crier_lang *lang, const char *text, size_t len, size_t i, size_t n, unsigned cp)
{
    size_t e = i + n, sp;
    unsigned c;
    /* more marks ("?!", "...") and closing quotes stay with the sentence */
    while (e < len) {
        size_t k = crier_utf8_decode(text + e, len - e, &c);
        if (k == 0 || !(c == '.' || c == '!' || c == '?' || c == 0x2026 || is_closer(c)))
            break;
        e += k;
    }
    if (e >= len || !is_space_at(text + e, len - e, &sp))
        return 0;
    size_t next = e;
    while (next < len && is_space_at(text + next, len - next, &sp))
        next += sp;
    if (next >= len)
        return 0;
    size_t k = crier_utf8_decode(text + next, len - next, &c);
    if (k == 0 || crier_is_ascii_lower(c) || c == ',' || c == ';' || c == ':')
        return 0;
    if (cp == '.' && e == i + 1 && stop_belongs_to_word(lang, text, len, i, next))
        return 0;
    return e;
}

crier_status
norm_split_sentences(const crier_lang *lang, const char *text, size_t len, norm_sentence_fn emit,
                     void *data)
{
    size_t start = 0, i = 0, sp;
    crier_status st = CRIER_OK;

    while (i < len && st == CRIER_OK) {
        unsigned cp;
        size_t n = crier_utf8_decode(text + i, len - i, &cp);
        if (n == 0)
            n = 1;
        size_t end = 0;
        if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
            end = sentence_end(lang, text, len, i, n, cp);
        if (end == 0) {
            i += n;
            continue;
        }
        while (start < end && is_space_at(text + start, end - start, &sp))
            start += sp;
        if (end > start)
            st = emit(data, start, end - start);
        start = i = end;
    }
    while (start < len && is_space_at(text + start, len - start, &sp))
        start += sp;
    size_t stop = len;
    while (stop > start && (text[stop - 1] == ' ' || text[stop - 1] == '\n' ||
                            text[stop - 1] == '\t' || text[stop - 1] == '\r'))
        stop--;
    if (st == CRIER_OK && stop > start)
        st = emit(data, start, stop - start);
    return st;
}
