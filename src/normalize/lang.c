/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "crier_config.h"
#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Biggest table file read (a language pack is a few hundred KiB at most). */
#define NORM_MAX_TABLE_BYTES ((size_t)16 << 20)
/* Longest key accepted in a table. */
#define NORM_MAX_KEY_BYTES 64

static const char *const table_files[NT_COUNT] = {
    [NT_NUMBERS] = "numbers.tsv",
    [NT_ORDINALS] = "ordinals.tsv",
    [NT_WORDS] = "words.tsv",
    [NT_MONTHS] = "months.tsv",
    [NT_DAYS] = "days.tsv",
    [NT_TITLES] = "titles.tsv",
    [NT_ABBREVS] = "abbreviations.tsv",
    [NT_ACRONYMS] = "acronyms.tsv",
    [NT_LETTERS] = "letters.tsv",
    [NT_CURRENCIES] = "currencies.tsv",
    [NT_SCALES] = "scales.tsv",
    [NT_SYMBOLS] = "symbols.tsv",
    [NT_UNITS] = "units.tsv",
    [NT_YEAR_CUES] = "year_cues.tsv",
    [NT_STARTERS] = "sentence_starters.tsv",
    [NT_PLURALS] = "plurals.tsv",
    [NT_FRACTIONS] = "fractions.tsv",
    [NT_ROMAN] = "roman.tsv",
    [NT_WEB] = "web.tsv",
    [NT_STATES] = "states.tsv",
    [NT_EMOJI] = "emoji.tsv",
    [NT_CUES] = "cues.tsv",
};

static bool
dir_exists(const char *path)
{
    struct stat st;
    return path != NULL && path[0] != '\0' && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
crier_voices_dir(void)
{
    const char *env = getenv("CRIER_VOICES_DIR");
    if (env != NULL && env[0] != '\0')
        return env;
    if (dir_exists(CRIER_SOURCE_VOICES_DIR))
        return CRIER_SOURCE_VOICES_DIR;
    return CRIER_INSTALLED_VOICES_DIR;
}

static crier_status
read_file(const char *path, char **ret_data, size_t *ret_len)
{
    crier_buf b;
    char chunk[8192];
    crier_status st = CRIER_OK;
    FILE *f = fopen(path, "rb");

    if (f == NULL)
        return errno == ENOENT ? CRIER_E_NOENT : CRIER_E_LANG;
    crier_buf_init(&b, NORM_MAX_TABLE_BYTES);
    for (;;) {
        size_t n = fread(chunk, 1, sizeof chunk, f);
        if (n > 0 && (st = crier_buf_append(&b, chunk, n)) != CRIER_OK)
            break;
        if (n < sizeof chunk) {
            if (ferror(f))
                st = CRIER_E_LANG;
            break;
        }
    }
    if (fclose(f) != 0 && st == CRIER_OK)
        st = CRIER_E_LANG;
    if (st == CRIER_OK && b.data == NULL)
        st = crier_buf_putc(&b, '\0'); /* an empty file: keep a valid string */
    if (st != CRIER_OK) {
        crier_buf_free(&b);
        return st == CRIER_E_NOMEM ? st : CRIER_E_LANG;
    }
    *ret_len = b.len;
    *ret_data = b.data;
    return CRIER_OK;
}

static int
entry_cmp(const void *a, const void *b)
{
    const norm_entry *x = a, *y = b;
    size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
    int r = memcmp(x->key, y->key, n);
    if (r != 0)
        return r;
    return (x->key_len > y->key_len) - (x->key_len < y->key_len);
}

/* A key's shape for norm_table.shape: its first two bytes and its length. */
static inline unsigned
key_shape(const char *key, size_t len)
{
    unsigned b1 = len > 1 ? (unsigned char)key[1] : 0;
    return (((unsigned char)key[0] * 131u + b1) * 31u + (unsigned)(len < 31 ? len : 31)) & 4095u;
}

static uint32_t
key_hash(const char *key, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)key[k]) * 16777619u;
    return h;
}

/* Builds the hash index of a parsed table (lookups run once per token and rule:
 * a binary search cost two fifths of the run time). */
static crier_status
index_table(norm_table *t)
{
    size_t n = 16;
    while (n < t->n_entries * 2)
        n *= 2;
    if ((t->slots = calloc(n, sizeof *t->slots)) == NULL)
        return CRIER_E_NOMEM;
    t->n_slots = n;
    for (size_t e = 0; e < t->n_entries; e++) {
        const norm_entry *en = &t->entries[e];
        size_t s = key_hash(en->key, en->key_len) & (n - 1);
        /* a repeated key keeps its first row, as the binary search did */
        while (t->slots[s] != 0 &&
               !(t->entries[t->slots[s] - 1].key_len == en->key_len &&
                 memcmp(t->entries[t->slots[s] - 1].key, en->key, en->key_len) == 0))
            s = (s + 1) & (n - 1);
        if (t->slots[s] == 0)
            t->slots[s] = (uint32_t)e + 1;
        unsigned char f = (unsigned char)en->key[0];
        unsigned sh = key_shape(en->key, en->key_len);
        t->first[f >> 3] |= (uint8_t)(1u << (f & 7));
        t->shape[sh >> 3] |= (uint8_t)(1u << (sh & 7));
    }
    return CRIER_OK;
}

/* A usable line: valid UTF-8, no control bytes but tabs, a non-empty key of at
 * most NORM_MAX_KEY_BYTES, then a tab and a non-empty value. */
static bool
line_ok(const char *line, size_t len, size_t *ret_tab)
{
    const char *tab = memchr(line, '\t', len);
    if (tab == NULL || tab == line || (size_t)(tab - line) > NORM_MAX_KEY_BYTES ||
        (size_t)(tab - line) + 1 >= len || !crier_utf8_valid(line, len))
        return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)line[i] < 0x20 && line[i] != '\t')
            return false;
    *ret_tab = (size_t)(tab - line);
    return true;
}

/* Splits data into lines in place; keeps good lines as entries. */
static crier_status
parse_table(char *data, size_t len, norm_table *t, size_t *n_skipped)
{
    size_t n_lines = 1;
    for (size_t i = 0; i < len; i++)
        n_lines += data[i] == '\n';
    t->entries = calloc(n_lines, sizeof *t->entries);
    if (t->entries == NULL)
        return CRIER_E_NOMEM;
    for (size_t pos = 0; pos < len;) {
        char *line = data + pos;
        char *nl = memchr(line, '\n', len - pos);
        size_t line_len = nl ? (size_t)(nl - line) : len - pos, tab;
        pos += line_len + 1;
        if (nl)
            *nl = '\0';
        if (line_len > 0 && line[line_len - 1] == '\r')
            line[--line_len] = '\0';
        if (line_len == 0 || line[0] == '#')
            continue;
        if (!line_ok(line, line_len, &tab)) {
            (*n_skipped)++;
            continue;
        }
        line[tab] = '\0';
        t->entries[t->n_entries++] = (norm_entry){line, tab, line + tab + 1};
    }
    qsort(t->entries, t->n_entries, sizeof *t->entries, entry_cmp);
    return index_table(t);
}

crier_status
norm_table_parse(char *data, size_t len, norm_table *t, size_t *n_skipped)
{
    return parse_table(data, len, t, n_skipped);
}

void
norm_table_free(norm_table *t)
{
    free(t->entries);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

const norm_entry *
norm_lookup(const crier_lang *lang, norm_table_id t, const char *key, size_t key_len)
{
    const norm_table *tab = &lang->tables[t];
    unsigned char f;
    if (key_len == 0 || key_len > NORM_MAX_KEY_BYTES || tab->n_slots == 0)
        return NULL;
    f = (unsigned char)key[0];
    if (!(tab->first[f >> 3] & (1u << (f & 7))))
        return NULL;
    unsigned sh = key_shape(key, key_len);
    if (!(tab->shape[sh >> 3] & (1u << (sh & 7)))) /* "the" is no abbreviation */
        return NULL;
    for (size_t s = key_hash(key, key_len) & (tab->n_slots - 1);;
         s = (s + 1) & (tab->n_slots - 1)) {
        uint32_t e = tab->slots[s];
        if (e == 0)
            return NULL;
        const norm_entry *en = &tab->entries[e - 1];
        if (en->key_len == key_len && memcmp(en->key, key, key_len) == 0)
            return en;
    }
}

bool
norm_field(const char *value, size_t n, const char **ret_s, size_t *ret_len)
{
    const char *s = value;
    for (; n > 0; n--) {
        s = strchr(s, '\t');
        if (s == NULL)
            return false;
        s++;
    }
    const char *end = strchr(s, '\t');
    size_t len = end ? (size_t)(end - s) : strlen(s);
    if (len == 0)
        return false;
    *ret_s = s;
    *ret_len = len;
    return true;
}

const char *
norm_word(const crier_lang *lang, const char *key)
{
    const norm_entry *e = norm_lookup(lang, NT_WORDS, key, strlen(key));
    return e ? e->value : NULL;
}

crier_status
norm_put_glue(const crier_lang *lang, crier_buf *out, const char *key)
{
    const char *w = norm_word(lang, key);
    return w ? norm_put(out, w) : CRIER_E_LANG;
}

static const char *
number_word(const crier_lang *lang, const char *key)
{
    const norm_entry *e = norm_lookup(lang, NT_NUMBERS, key, strlen(key));
    return e ? e->value : NULL;
}

/* A hex digit's value, or -1. */
static int
hex_value(char ch)
{
    if (crier_is_ascii_digit((unsigned char)ch))
        return ch - '0';
    ch = (char)crier_ascii_upper((unsigned char)ch);
    return ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
}

/* words.tsv silent_ranges: "1F000-1FAFF 00AE ...", hex code points and ranges. */
static void
parse_silent_ranges(crier_lang *lang)
{
    const char *s = norm_word(lang, "silent_ranges");
    while (s != NULL && *s != '\0' &&
           lang->n_silent < sizeof lang->silent / sizeof lang->silent[0]) {
        unsigned r[2] = {0, 0};
        int part = 0, digits = 0, v;
        for (; *s != '\0' && *s != ' '; s++) {
            if (*s == '-' && part == 0) {
                part = 1;
                digits = 0;
            } else if ((v = hex_value(*s)) >= 0 && digits++ < 6) {
                r[part] = r[part] * 16 + (unsigned)v;
            }
        }
        if (part == 0)
            r[1] = r[0];
        if (r[0] <= r[1] && r[0] >= 0x80) { /* ASCII is never silent */
            lang->silent[lang->n_silent][0] = r[0];
            lang->silent[lang->n_silent++][1] = r[1];
        }
        while (*s == ' ')
            s++;
    }
}

/* Builds the indexes; a pack without the basic number words is unusable. */
static crier_status
build_indexes(crier_lang *lang)
{
    static const char *const scales[8] = {NULL,
                                          "1000",
                                          "1000000",
                                          "1000000000",
                                          "1000000000000",
                                          "1000000000000000",
                                          "1000000000000000000",
                                          "1000000000000000000000"};
    char key[8];

    for (int i = 0; i < 20; i++) {
        snprintf(key, sizeof key, "%d", i);
        if ((lang->small[i] = number_word(lang, key)) == NULL)
            return CRIER_E_LANG;
    }
    for (int i = 2; i < 10; i++) {
        snprintf(key, sizeof key, "%d", i * 10);
        if ((lang->tens[i] = number_word(lang, key)) == NULL)
            return CRIER_E_LANG;
    }
    if ((lang->hundred = number_word(lang, "100")) == NULL)
        return CRIER_E_LANG;
    for (int i = 1; i < 8; i++)
        lang->scale[i] = number_word(lang, scales[i]);
    parse_silent_ranges(lang);
    const norm_table *m = &lang->tables[NT_MONTHS];
    for (size_t i = 0; i < m->n_entries; i++) {
        const char *name;
        size_t name_len;
        const char *v = m->entries[i].value;
        if (!norm_field(v, 1, &name, &name_len) || !crier_is_ascii_digit((unsigned char)v[0]))
            continue;
        unsigned n = (unsigned)(v[0] - '0');
        if (crier_is_ascii_digit((unsigned char)v[1]))
            n = n * 10 + (unsigned)(v[1] - '0');
        /* the row whose key is the spoken name itself ("February\t2\tFebruary") */
        if (n >= 1 && n <= 12 && m->entries[i].key_len == name_len &&
            memcmp(m->entries[i].key, name, name_len) == 0)
            lang->month_name[n] = m->entries[i].key;
    }
    return CRIER_OK;
}

static crier_status
load_tables(crier_lang *lang, const char *dir)
{
    crier_buf path;
    crier_status st = CRIER_OK;

    crier_buf_init(&path, 4096);
    for (int t = 0; t < NT_COUNT && st == CRIER_OK; t++) {
        char *data = NULL;
        size_t len = 0;
        crier_buf_clear(&path);
        if ((st = crier_buf_printf(&path, "%s/%s", dir, table_files[t])) != CRIER_OK)
            break;
        st = read_file(crier_buf_str(&path), &data, &len);
        if (st == CRIER_E_NOENT) { /* a missing table is an empty one */
            st = CRIER_OK;
            continue;
        }
        if (st != CRIER_OK)
            break;
        lang->storage[lang->n_storage++] = data;
        st = parse_table(data, len, &lang->tables[t], &lang->n_skipped);
    }
    crier_buf_free(&path);
    return st;
}

/* names.tsv is a lexicon (lexicon.c); a pack without one has an empty one. */
static crier_status
load_names(crier_lang *lang, crier_buf *dir)
{
    crier_status st = crier_lexicon_new(&lang->names);
    if (st == CRIER_OK)
        st = crier_buf_puts(dir, "/names.tsv");
    if (st == CRIER_OK)
        st = crier_lexicon_load_file(lang->names, crier_buf_str(dir));
    if (st == CRIER_E_NOENT)
        return CRIER_OK;
    if (st == CRIER_OK)
        lang->n_skipped += crier_lexicon_skipped_lines(lang->names);
    return st == CRIER_OK || st == CRIER_E_NOMEM ? st : CRIER_E_LANG;
}

const crier_lexicon *
crier_lang_names(const crier_lang *lang)
{
    return lang ? lang->names : NULL;
}

crier_status
crier_lang_load(const char *voices_dir, const char *lang_tag, crier_lang **ret_lang)
{
    crier_status st = CRIER_E_LANG;
    crier_buf dir;
    size_t tag_len = 0;
    crier_lang *lang = NULL;

    if (lang_tag == NULL || ret_lang == NULL)
        return CRIER_E_ARG;
    if (voices_dir == NULL)
        voices_dir = crier_voices_dir();
    /* "en-US" -> "en": the primary subtag names the folder */
    while (crier_is_ascii_alpha((unsigned char)lang_tag[tag_len]) && tag_len < 8)
        tag_len++;
    if (tag_len == 0 ||
        (lang_tag[tag_len] != '\0' && lang_tag[tag_len] != '-' && lang_tag[tag_len] != '_'))
        return CRIER_E_LANG;
    crier_buf_init(&dir, 4096);
    if (crier_buf_printf(&dir, "%s/", voices_dir) != CRIER_OK)
        goto out;
    for (size_t i = 0; i < tag_len; i++)
        if (crier_buf_putc(&dir, (char)crier_ascii_lower((unsigned char)lang_tag[i])) != CRIER_OK)
            goto out;
    st = CRIER_E_LANG;
    if (!dir_exists(crier_buf_str(&dir)))
        goto out;
    st = CRIER_E_NOMEM;
    if ((lang = calloc(1, sizeof *lang)) == NULL ||
        (lang->storage = calloc(NT_COUNT, sizeof *lang->storage)) == NULL ||
        (lang->name = crier_strndup(dir.data + dir.len - tag_len, tag_len)) == NULL)
        goto out;
    if ((st = load_tables(lang, crier_buf_str(&dir))) == CRIER_OK)
        st = build_indexes(lang);
    if (st == CRIER_OK)
        st = load_names(lang, &dir);
out:
    crier_buf_free(&dir);
    if (st != CRIER_OK) {
        crier_lang_free(lang);
        return st;
    }
    *ret_lang = lang;
    return CRIER_OK;
}

const char *
crier_lang_code(const crier_lang *lang)
{
    return lang != NULL && lang->name != NULL ? lang->name : "";
}

void
crier_lang_free(crier_lang *lang)
{
    if (lang == NULL)
        return;
    for (int t = 0; t < NT_COUNT; t++)
        norm_table_free(&lang->tables[t]);
    for (size_t i = 0; i < lang->n_storage; i++)
        free(lang->storage[i]);
    free(lang->storage);
    crier_lexicon_free(lang->names);
    free(lang->name);
    free(lang);
}

size_t
crier_lang_skipped_lines(const crier_lang *lang)
{
    return lang ? lang->n_skipped : 0;
}
