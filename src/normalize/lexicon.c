/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Pronunciation lexicons: the language pack's names.tsv and the user's own files.
 * A line is "word<TAB>say[<TAB>case|nocase]"; say is replacement text or eSpeak NG
 * phonemes in [[ ]]. Words are matched whole in the spoken text, after the rules
 * ran, so "Khamenei's" finds "Khamenei". The last entry loaded for a word wins:
 * the user's lexicon, loaded after the pack's, overrides it. */

/* Biggest lexicon file read, longest word and replacement accepted. */
#define LEX_MAX_FILE_BYTES ((size_t)4 << 20)
#define LEX_MAX_WORD_BYTES 64
#define LEX_MAX_SAY_BYTES 256
/* Most entries one lexicon holds, over all the files loaded into it. */
#define LEX_MAX_ENTRIES ((size_t)1 << 20)

typedef struct lex_entry {
    char *word;
    size_t word_len;
    char *say;
    size_t say_len;
    bool exact_case;
    bool phonemes; /* say is "[[...]]" */
    uint32_t next; /* next entry + 1 in the same hash chain, 0 at the end */
} lex_entry;

struct crier_lexicon {
    lex_entry *entries;
    size_t n_entries, cap;
    uint32_t *slots; /* chain head: entry index + 1, by the lower-cased word */
    size_t n_slots;
    size_t n_skipped;
};

crier_status
crier_lexicon_new(crier_lexicon **ret_lex)
{
    crier_lexicon *lex = calloc(1, sizeof *lex);
    if (ret_lex == NULL) {
        free(lex);
        return CRIER_E_ARG;
    }
    if (lex == NULL)
        return CRIER_E_NOMEM;
    *ret_lex = lex;
    return CRIER_OK;
}

void
crier_lexicon_free(crier_lexicon *lex)
{
    if (lex == NULL)
        return;
    for (size_t i = 0; i < lex->n_entries; i++) {
        free(lex->entries[i].word);
        free(lex->entries[i].say);
    }
    free(lex->entries);
    free(lex->slots);
    free(lex);
}

size_t
crier_lexicon_skipped_lines(const crier_lexicon *lex)
{
    return lex ? lex->n_skipped : 0;
}

size_t
crier_lexicon_size(const crier_lexicon *lex)
{
    return lex ? lex->n_entries : 0;
}

static uint32_t
fold_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a over the ASCII-lower-cased bytes */
    for (size_t k = 0; k < len; k++)
        h = (h ^ crier_ascii_lower((unsigned char)s[k])) * 16777619u;
    return h;
}

static bool
fold_eq(const char *a, const char *b, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (crier_ascii_lower((unsigned char)a[k]) != crier_ascii_lower((unsigned char)b[k]))
            return false;
    return true;
}

static crier_status
reindex(crier_lexicon *lex)
{
    size_t n = 64;
    while (n < lex->n_entries * 2)
        n *= 2;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (slots == NULL)
        return CRIER_E_NOMEM;
    free(lex->slots);
    lex->slots = slots;
    lex->n_slots = n;
    /* later entries go to the front of their chain: the last loaded wins */
    for (size_t e = 0; e < lex->n_entries; e++) {
        size_t s = fold_hash(lex->entries[e].word, lex->entries[e].word_len) & (n - 1);
        lex->entries[e].next = slots[s];
        slots[s] = (uint32_t)e + 1;
    }
    return CRIER_OK;
}

/* A word byte: anything but ASCII white space, punctuation kept out of words,
 * and the tab. Words may hold letters, digits, '-', '\'' and non-ASCII. */
static bool
word_byte(unsigned char b)
{
    return b >= 0x80 || crier_is_ascii_alnum(b) || b == '-' || b == '\'';
}

/* Parses one line; false when it is broken. */
static bool
parse_line(const char *line, size_t len, lex_entry *ret)
{
    const char *tab = memchr(line, '\t', len);
    if (tab == NULL || !crier_utf8_valid(line, len))
        return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)line[i] < 0x20 && line[i] != '\t')
            return false;
    size_t word_len = (size_t)(tab - line);
    const char *say = tab + 1;
    const char *tab2 = memchr(say, '\t', len - word_len - 1);
    size_t say_len = tab2 ? (size_t)(tab2 - say) : len - word_len - 1;
    bool exact = false;
    if (tab2 != NULL) {
        size_t flag_len = len - (size_t)(tab2 + 1 - line);
        if (flag_len == 4 && memcmp(tab2 + 1, "case", 4) == 0)
            exact = true;
        else if (!(flag_len == 6 && memcmp(tab2 + 1, "nocase", 6) == 0) && flag_len != 0)
            return false;
    }
    if (word_len == 0 || word_len > LEX_MAX_WORD_BYTES || say_len == 0 ||
        say_len > LEX_MAX_SAY_BYTES)
        return false;
    for (size_t i = 0; i < word_len; i++)
        if (!word_byte((unsigned char)line[i]))
            return false;
    bool phon =
        say_len >= 4 && memcmp(say, "[[", 2) == 0 && memcmp(say + say_len - 2, "]]", 2) == 0;
    /* brackets elsewhere would open or close phoneme mode in the speech */
    for (size_t i = 0; i + 1 < say_len; i++)
        if ((say[i] == '[' && say[i + 1] == '[') || (say[i] == ']' && say[i + 1] == ']'))
            if (!phon || (i != 0 && i != say_len - 2))
                return false;
    if (phon && say_len == 4)
        return false;
    *ret = (lex_entry){.word = (char *)line,
                       .word_len = word_len,
                       .say = (char *)say,
                       .say_len = say_len,
                       .exact_case = exact,
                       .phonemes = phon};
    return true;
}

static crier_status
add_entry(crier_lexicon *lex, const lex_entry *e)
{
    if (lex->n_entries == LEX_MAX_ENTRIES)
        return CRIER_E_LIMIT;
    if (lex->n_entries == lex->cap) {
        size_t cap = lex->cap ? lex->cap * 2 : 64;
        lex_entry *n = realloc(lex->entries, cap * sizeof *n);
        if (n == NULL)
            return CRIER_E_NOMEM;
        lex->entries = n;
        lex->cap = cap;
    }
    lex_entry *d = &lex->entries[lex->n_entries];
    *d = *e;
    d->word = crier_strndup(e->word, e->word_len);
    d->say = crier_strndup(e->say, e->say_len);
    if (d->word == NULL || d->say == NULL) {
        free(d->word);
        free(d->say);
        return CRIER_E_NOMEM;
    }
    lex->n_entries++;
    return CRIER_OK;
}

crier_status
crier_lexicon_load_bytes(crier_lexicon *lex, const char *data, size_t len)
{
    crier_status st = CRIER_OK;
    if (lex == NULL || (data == NULL && len > 0))
        return CRIER_E_ARG;
    if (len > LEX_MAX_FILE_BYTES)
        return CRIER_E_LIMIT;
    for (size_t pos = 0; pos < len && st == CRIER_OK;) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t line_len = nl ? (size_t)(nl - line) : len - pos;
        lex_entry e;
        pos += line_len + 1;
        if (line_len > 0 && line[line_len - 1] == '\r')
            line_len--;
        if (line_len == 0 || line[0] == '#')
            continue;
        if (!parse_line(line, line_len, &e))
            lex->n_skipped++;
        else
            st = add_entry(lex, &e);
    }
    if (st == CRIER_OK || st == CRIER_E_LIMIT) {
        crier_status ist = reindex(lex);
        if (ist != CRIER_OK)
            st = ist;
    }
    return st;
}

crier_status
crier_lexicon_load_file(crier_lexicon *lex, const char *path)
{
    crier_buf b;
    char chunk[8192];
    crier_status st = CRIER_OK;
    FILE *f;

    if (lex == NULL || path == NULL)
        return CRIER_E_ARG;
    if ((f = fopen(path, "rb")) == NULL)
        return errno == ENOENT ? CRIER_E_NOENT : errno == EISDIR ? CRIER_E_ISDIR : CRIER_E_READ;
    crier_buf_init(&b, LEX_MAX_FILE_BYTES);
    for (;;) {
        size_t n = fread(chunk, 1, sizeof chunk, f);
        if (n > 0 && (st = crier_buf_append(&b, chunk, n)) != CRIER_OK)
            break;
        if (n < sizeof chunk) {
            if (ferror(f))
                st = errno == EISDIR ? CRIER_E_ISDIR : CRIER_E_READ;
            break;
        }
    }
    if (fclose(f) != 0 && st == CRIER_OK)
        st = CRIER_E_READ;
    if (st == CRIER_OK)
        st = crier_lexicon_load_bytes(lex, b.data, b.len);
    crier_buf_free(&b);
    return st;
}

crier_status
crier_lexicon_user_path(crier_buf *out)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (out == NULL)
        return CRIER_E_ARG;
    /* the XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored */
    if (xdg != NULL && xdg[0] == '/')
        return crier_buf_printf(out, "%s/crier/lexicon.tsv", xdg);
    if (home != NULL && home[0] == '/')
        return crier_buf_printf(out, "%s/.config/crier/lexicon.tsv", home);
    return CRIER_E_NOENT;
}

/* The entry for word[0..len), or NULL. */
static const lex_entry *
lex_find(const crier_lexicon *lex, const char *word, size_t len)
{
    if (lex == NULL || lex->n_slots == 0 || len == 0 || len > LEX_MAX_WORD_BYTES)
        return NULL;
    for (uint32_t e = lex->slots[fold_hash(word, len) & (lex->n_slots - 1)]; e != 0;
         e = lex->entries[e - 1].next) {
        const lex_entry *en = &lex->entries[e - 1];
        if (en->word_len == len &&
            (en->exact_case ? memcmp(en->word, word, len) == 0 : fold_eq(en->word, word, len)))
            return en;
    }
    return NULL;
}

/* Length of a possessive ending at the end of w[0..len): "'s" or "’s", else 0. */
static size_t
possessive_len(const char *w, size_t len)
{
    if (len > 2 && w[len - 2] == '\'' && w[len - 1] == 's')
        return 2;
    if (len > 4 && memcmp(w + len - 4, "\xe2\x80\x99s", 4) == 0)
        return 4;
    return 0;
}

/* The entry for w[0..len) in the first lexicon that has it, the whole word or
 * the word before a possessive; *ret_poss is the possessive's length. */
static const lex_entry *
find_word(const norm_ctx *c, const char *w, size_t len, size_t *ret_poss)
{
    size_t poss = possessive_len(w, len);
    for (size_t pass = 0; pass < 2; pass++) {
        size_t wl = len - (pass == 0 ? 0 : poss);
        if (pass == 1 && poss == 0)
            break;
        for (size_t k = 0; k < c->n_lexs; k++) {
            const lex_entry *e = lex_find(c->lexs[k], w, wl);
            if (e != NULL) {
                *ret_poss = len - wl;
                return e;
            }
        }
    }
    return NULL;
}

bool
norm_match_lexicon(const norm_ctx *c, size_t i, norm_match *m)
{
    size_t poss;
    if (c->n_lexs == 0)
        return false;
    const lex_entry *e = find_word(c, norm_body(c, i), norm_body_len(c, i), &poss);
    if (e == NULL)
        return false;
    m->n_toks = 1;
    m->v[0] = poss;
    m->lex_entry = e;
    if (poss == 0 && e->phonemes) { /* "Netanyahu’s" whose "’s" the tokenizer left out */
        const char *t = c->text + c->toks[i].trail;
        size_t tl = norm_trail_len(c, i), p = 0;
        if (tl >= 2 && t[0] == '\'' && t[1] == 's')
            p = 2;
        else if (tl >= 4 && memcmp(t, "\xe2\x80\x99s", 4) == 0)
            p = 4;
        if (p > 0 && (tl == p || !crier_is_ascii_alnum((unsigned char)t[p]))) {
            m->trail_skip = p;
            m->v[0] = p;
        }
    }
    return true;
}

crier_status
norm_say_lexicon(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const lex_entry *e = m->lex_entry;
    size_t poss = (size_t)m->v[0];
    crier_status st = norm_space(out);
    if (st != CRIER_OK)
        return st;
    if (poss == 0)
        return crier_buf_append(out, e->say, e->say_len);
    if (e->phonemes) { /* "Khamenei's": the possessive's z inside the brackets */
        st = crier_buf_append(out, e->say, e->say_len - 2);
        return st ? st : crier_buf_puts(out, "z]]");
    }
    st = crier_buf_append(out, e->say, e->say_len);
    return st ? st : crier_buf_append(out, norm_body(c, i) + norm_body_len(c, i) - poss, poss);
}

crier_status
norm_strip_phoneme_marks(const char *text, size_t len, crier_buf *out)
{
    crier_status st = CRIER_OK;
    for (size_t i = 0; i < len && st == CRIER_OK; i++) {
        if ((text[i] == '[' || text[i] == ']') && i + 1 < len && text[i + 1] == text[i])
            continue; /* the last bracket of the run is kept */
        st = crier_buf_putc(out, text[i]);
    }
    return st;
}
