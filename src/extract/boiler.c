/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/utf8.h"
#include "crier_config.h"
#include "extract/extract_internal.h"

#define BOILER_MAX_FILE_BYTES ((size_t)1 << 20)
#define BOILER_MAX_PHRASE_BYTES 200

/* The voices folder: $CRIER_VOICES_DIR, else the source tree's (an uninstalled
 * build), else the installed one. Kept here, not shared, so the extractor does
 * not depend on the normalizer. */
static const char *
default_voices_dir(void)
{
    const char *env = getenv("CRIER_VOICES_DIR");
    struct stat sb;
    if (env != NULL && env[0] != '\0')
        return env;
    if (stat(CRIER_SOURCE_VOICES_DIR, &sb) == 0 && S_ISDIR(sb.st_mode))
        return CRIER_SOURCE_VOICES_DIR;
    return CRIER_INSTALLED_VOICES_DIR;
}

/* The comparable form of a phrase or block: ASCII lower case, one space between
 * words, no framing punctuation (":", "»", "...", bullets). */
static crier_status
norm_phrase(const char *s, size_t len, crier_buf *out)
{
    bool sp = false;
    crier_buf_clear(out);
    crier_status st = ex_collapse_append(out, s, len, &sp);
    if (st != CRIER_OK)
        return st;
    for (size_t i = 0; i < out->len; i++)
        out->data[i] = (char)crier_ascii_lower((unsigned char)out->data[i]);
    static const char *const frame[] = { ":", "\xc2\xbb", "\xe2\x80\xba", ">", "|", "\xe2\x80\xa2",
                                         "\xc2\xb7", "\xe2\x80\xa6", "...", "-", "\xe2\x80\x94",
                                         " ", "!", "\xe2\x86\x92" };
    bool again = true;
    while (again && out->len > 0) {
        again = false;
        for (size_t f = 0; f < sizeof frame / sizeof frame[0]; f++) {
            size_t k = strlen(frame[f]);
            if (out->len >= k && memcmp(out->data + out->len - k, frame[f], k) == 0) {
                crier_buf_truncate(out, out->len - k);
                again = true;
            }
            if (out->len >= k && memcmp(out->data, frame[f], k) == 0) {
                memmove(out->data, out->data + k, out->len - k);
                crier_buf_truncate(out, out->len - k);
                again = true;
            }
        }
    }
    return CRIER_OK;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static crier_status
push(char ***list, size_t *n, const char *s, size_t len)
{
    char **nl = realloc(*list, (*n + 1) * sizeof *nl);
    if (nl == NULL)
        return CRIER_E_NOMEM;
    *list = nl;
    nl[*n] = crier_strndup(s, len);
    if (nl[*n] == NULL)
        return CRIER_E_NOMEM;
    (*n)++;
    return CRIER_OK;
}

static crier_status
parse_line(ex_boiler *b, const char *line, size_t len, crier_buf *tmp)
{
    const char *tab = memchr(line, '\t', len);
    /* a broken line (no tab, bytes that are not UTF-8) is skipped, the rest
     * of the file still counts */
    if (len == 0 || line[0] == '#' || tab == NULL || !crier_utf8_valid(line, len))
        return CRIER_OK;
    size_t klen = (size_t)(tab - line);
    const char *phrase = tab + 1;
    size_t plen = len - klen - 1;
    if (plen == 0 || plen > BOILER_MAX_PHRASE_BYTES)
        return CRIER_OK;
    crier_status st = norm_phrase(phrase, plen, tmp);
    if (st != CRIER_OK || tmp->len == 0)
        return st;
    if (klen == 4 && memcmp(line, "line", 4) == 0)
        return push(&b->line, &b->n_line, tmp->data, tmp->len);
    if (klen == 6 && memcmp(line, "prefix", 6) == 0)
        return push(&b->prefix, &b->n_prefix, tmp->data, tmp->len);
    if (klen == 6 && memcmp(line, "credit", 6) == 0)
        return push(&b->credit, &b->n_credit, tmp->data, tmp->len);
    if (klen == 4 && memcmp(line, "mark", 4) == 0)
        return push(&b->mark, &b->n_mark, tmp->data, tmp->len);
    return CRIER_OK; /* unknown kinds are for newer versions */
}

crier_status
ex_read_voice_file(const char *dir, const char *lang, const char *name, crier_buf *out)
{
    crier_status st = CRIER_OK;
    crier_buf path;
    FILE *f = NULL;
    char chunk[4096];
    size_t n;

    crier_buf_init(&path, 4096);
    st = crier_buf_printf(&path, "%s/%s/%s", dir ? dir : default_voices_dir(), lang ? lang : "en", name);
    if (st != CRIER_OK)
        goto out;
    f = fopen(crier_buf_str(&path), "rb");
    if (f == NULL)
        goto out; /* no file: fewer rules, not an error */
    while (st == CRIER_OK && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        st = crier_buf_append(out, chunk, n);
    if (st == CRIER_E_LIMIT || ferror(f))
        st = CRIER_E_LANG;
out:
    if (f != NULL && fclose(f) != 0 && st == CRIER_OK)
        st = CRIER_E_LANG;
    crier_buf_free(&path);
    return st;
}

crier_status
ex_boiler_load(const char *dir, const char *lang, ex_boiler *ret)
{
    crier_status st = CRIER_OK;
    crier_buf text, tmp;
    ex_boiler b = { 0 };

    crier_buf_init(&text, BOILER_MAX_FILE_BYTES);
    crier_buf_init(&tmp, 4 * BOILER_MAX_PHRASE_BYTES);
    st = ex_read_voice_file(dir, lang, "boilerplate.tsv", &text);
    const char *s = crier_buf_str(&text);
    size_t start = 0;
    for (size_t i = 0; st == CRIER_OK && i <= text.len; i++) {
        if (i == text.len || s[i] == '\n') {
            size_t end = i;
            if (end > start && s[end - 1] == '\r')
                end--;
            st = parse_line(&b, s + start, end - start, &tmp);
            start = i + 1;
        }
    }
    if (st == CRIER_OK && b.n_line > 1) /* looked up with bsearch */
        qsort(b.line, b.n_line, sizeof *b.line, cmp_str);
    if (st == CRIER_OK)
        st = ex_months_load(dir, lang, &b);
    if (st == CRIER_OK)
        st = ex_names_load(dir, lang, &b);
    crier_buf_free(&text);
    crier_buf_free(&tmp);
    if (st == CRIER_OK)
        *ret = b;
    else
        ex_boiler_free(&b);
    return st;
}

static void
free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void
ex_boiler_free(ex_boiler *b)
{
    if (b == NULL)
        return;
    free_list(b->line, b->n_line);
    free_list(b->prefix, b->n_prefix);
    free_list(b->credit, b->n_credit);
    free_list(b->mark, b->n_mark);
    free_list(b->month, b->n_month);
    for (int k = 0; k < EX_NAME_KIND_COUNT; k++)
        free_list(b->names[k], b->n_names[k]);
    free(b->month_num);
    memset(b, 0, sizeof *b);
}

static bool
has_prefix_word(const char *s, size_t len, const char *p)
{
    size_t k = strlen(p);
    if (len < k || memcmp(s, p, k) != 0)
        return false;
    /* the prefix ends at a word boundary */
    return len == k || !crier_is_ascii_alnum((unsigned char)s[k]) ||
           !crier_is_ascii_alnum((unsigned char)p[k - 1]);
}

/* The checks below on a block already in its comparable form t (norm_phrase)
 * with its word count. */
static bool
chrome_norm(const ex_boiler *b, const crier_buf *t, size_t words)
{
    const char *key = t->data;
    if (b->n_line > 0 && bsearch(&key, b->line, b->n_line, sizeof *b->line, cmp_str) != NULL)
        return true;
    for (size_t i = 0; words <= 12 && i < b->n_prefix; i++)
        if (has_prefix_word(t->data, t->len, b->prefix[i]))
            return true;
    return false;
}

static bool
credit_norm(const ex_boiler *b, const crier_buf *t, size_t words)
{
    for (size_t i = 0; words <= 15 && i < b->n_credit; i++)
        if (has_prefix_word(t->data, t->len, b->credit[i]))
            return true;
    for (size_t i = 0; words <= 8 && i < b->n_mark; i++)
        if (strstr(t->data, b->mark[i]) != NULL)
            return true;
    return false;
}

/* Chrome (a block at most 400 bytes long), a credit line (at most 300). */
#define CHROME_MAX_BYTES 400
#define CREDIT_MAX_BYTES 300

bool
ex_boiler_drops(const ex_boiler *b, const char *s)
{
    crier_buf t;
    bool hit = false;
    size_t len = strlen(s);
    if (len > CHROME_MAX_BYTES)
        return false;
    crier_buf_init(&t, 4 * CHROME_MAX_BYTES);
    if (norm_phrase(s, len, &t) == CRIER_OK && t.len > 0) {
        size_t words = ex_count_words(t.data, t.len);
        hit = chrome_norm(b, &t, words) || (len <= CREDIT_MAX_BYTES && credit_norm(b, &t, words));
    }
    crier_buf_free(&t);
    return hit;
}

size_t
ex_boiler_credit_tail(const ex_boiler *b, const char *s)
{
    size_t len = strlen(s), best = len;
    for (size_t i = 1; i < len; i++) {
        /* a credit starts a word after a space, "(" or "|" */
        char prev = s[i - 1];
        if (prev != ' ' && prev != '(' && prev != '|')
            continue;
        for (size_t c = 0; c < b->n_credit; c++) {
            size_t k = strlen(b->credit[c]);
            if (len - i < k)
                continue;
            bool eq = true;
            for (size_t j = 0; eq && j < k; j++)
                eq = crier_ascii_lower((unsigned char)s[i + j]) == (unsigned char)b->credit[c][j];
            if (!eq || ex_count_words(s + i, len - i) > 15)
                continue;
            /* no sentence after the credit: it is the tail */
            if (strstr(s + i, ". ") != NULL)
                continue;
            best = i;
            break;
        }
        if (best != len)
            break;
    }
    if (best == len)
        return len;
    while (best > 0 && (s[best - 1] == ' ' || s[best - 1] == '(' || s[best - 1] == '|' ||
                        s[best - 1] == '-'))
        best--;
    return best;
}

#define NAMES_MAX_FILE_BYTES ((size_t)256 << 10)
#define NAMES_MAX_NAME_BYTES 64

crier_status
ex_names_load(const char *dir, const char *lang, ex_boiler *b)
{
    static const char *const kinds[EX_NAME_KIND_COUNT] = {
        [EX_NAME_CHROME] = "chrome",     [EX_NAME_NEVER] = "never",
        [EX_NAME_PART] = "part",         [EX_NAME_WEAK] = "weak",
        [EX_NAME_GOOD] = "good",         [EX_NAME_STATE] = "state",
        [EX_NAME_TAXONOMY] = "taxonomy", [EX_NAME_ROLE] = "role",
        [EX_NAME_BYLINE] = "byline",     [EX_NAME_BYLINE_SKIP] = "byline-skip",
        [EX_NAME_BYLINE_KEEP] = "byline-keep", [EX_NAME_BYLINE_ROLE] = "byline-role",
    };
    crier_buf text;
    crier_buf_init(&text, NAMES_MAX_FILE_BYTES);
    crier_status st = ex_read_voice_file(dir, lang, "html-names.tsv", &text);
    const char *s = crier_buf_str(&text);
    for (size_t start = 0, i = 0; st == CRIER_OK && i <= text.len; i++) {
        if (i < text.len && s[i] != '\n')
            continue;
        const char *line = s + start;
        size_t len = i - start;
        start = i + 1;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        const char *tab = memchr(line, '\t', len);
        if (len == 0 || line[0] == '#' || tab == NULL)
            continue;
        size_t klen = (size_t)(tab - line), nlen = len - klen - 1;
        bool ascii = nlen > 0 && nlen <= NAMES_MAX_NAME_BYTES;
        for (size_t k = 0; ascii && k < nlen; k++)
            ascii = (unsigned char)tab[1 + k] > 0x20 && (unsigned char)tab[1 + k] < 0x7F;
        if (!ascii) /* names are ASCII; anything else is a broken line */
            continue;
        for (int k = 0; k < EX_NAME_KIND_COUNT; k++) {
            if (strlen(kinds[k]) != klen || memcmp(line, kinds[k], klen) != 0)
                continue;
            st = push(&b->names[k], &b->n_names[k], tab + 1, nlen);
            if (st == CRIER_OK) {
                char *v = b->names[k][b->n_names[k] - 1];
                for (; *v; v++)
                    *v = (char)crier_ascii_lower((unsigned char)*v);
            }
            break;
        }
    }
    crier_buf_free(&text);
    return st;
}
