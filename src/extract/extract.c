/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "extract/extract.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/extract_internal.h"

/* The loaded language data; nothing in it changes after crier_extractor_new. */
struct crier_extractor {
    ex_boiler boiler;
};

crier_status
crier_extractor_new(const char *voices_dir, crier_extractor **ret_x)
{
    crier_extractor *x;
    crier_status st;

    if (ret_x == NULL)
        return CRIER_E_ARG;
    x = calloc(1, sizeof *x);
    if (x == NULL)
        return CRIER_E_NOMEM;
    st = ex_boiler_load(voices_dir, "en", &x->boiler);
    if (st != CRIER_OK) {
        free(x);
        return st;
    }
    *ret_x = x;
    return CRIER_OK;
}

void
crier_extractor_free(crier_extractor *x)
{
    if (x == NULL)
        return;
    ex_boiler_free(&x->boiler);
    free(x);
}

crier_status
crier_extractor_run(const crier_extractor *x, const crier_document *doc,
                    const crier_limits *lim, crier_article **ret_art)
{
    crier_limits def = crier_limits_default();

    if (x == NULL || doc == NULL || doc->text == NULL || ret_art == NULL)
        return CRIER_E_ARG;
    if (lim == NULL)
        lim = &def;
    if (doc->kind == CRIER_DOC_HTML)
        return ex_extract_html(doc, lim, &x->boiler, ret_art);
    return ex_extract_text(doc, lim, &x->boiler, ret_art);
}

crier_status
crier_extract(const crier_document *doc, const crier_limits *lim, crier_article **ret_art)
{
    crier_extractor *x = NULL;
    crier_status st;

    if (doc == NULL || doc->text == NULL || ret_art == NULL)
        return CRIER_E_ARG;
    st = crier_extractor_new(NULL, &x);
    if (st == CRIER_OK)
        st = crier_extractor_run(x, doc, lim, ret_art);
    crier_extractor_free(x);
    return st;
}

crier_status
crier_extractor_title_guess(const crier_extractor *x, const crier_document *doc, size_t prefix,
                            const crier_limits *lim, char **ret_title, char **ret_lang)
{
    crier_limits def = crier_limits_default();

    if (x == NULL || doc == NULL || doc->text == NULL || ret_title == NULL || ret_lang == NULL)
        return CRIER_E_ARG;
    *ret_title = *ret_lang = NULL;
    if (doc->kind != CRIER_DOC_HTML)
        return CRIER_OK;
    return ex_html_title_guess(doc, prefix, lim ? lim : &def, &x->boiler, ret_title, ret_lang);
}

crier_status
crier_extract_title_guess(const crier_document *doc, size_t prefix, const crier_limits *lim,
                          char **ret_title, char **ret_lang)
{
    crier_extractor *x = NULL;

    if (doc == NULL || doc->text == NULL || ret_title == NULL || ret_lang == NULL)
        return CRIER_E_ARG;
    crier_status st = crier_extractor_new(NULL, &x);
    if (st == CRIER_OK)
        st = crier_extractor_title_guess(x, doc, prefix, lim, ret_title, ret_lang);
    crier_extractor_free(x);
    return st;
}

void
crier_article_free(crier_article *art)
{
    if (art == NULL)
        return;
    free(art->title);
    free(art->byline);
    free(art->site);
    free(art->date);
    free(art->lang);
    free(art->url);
    free(art->description);
    for (size_t i = 0; i < art->n_blocks; i++)
        free(art->blocks[i].text);
    free(art->blocks);
    free(art);
}

const char *
crier_block_type_name(crier_block_type type)
{
    static const char *const names[CRIER_BLOCK_TYPE_COUNT] = {
        [CRIER_BLOCK_HEADING] = "heading",   [CRIER_BLOCK_PARAGRAPH] = "paragraph",
        [CRIER_BLOCK_QUOTE] = "quote",       [CRIER_BLOCK_LIST_ITEM] = "list-item",
        [CRIER_BLOCK_CAPTION] = "caption",   [CRIER_BLOCK_PRE] = "pre",
        [CRIER_BLOCK_TABLE_ROW] = "table-row",
    };
    if ((unsigned)type >= CRIER_BLOCK_TYPE_COUNT)
        return "unknown";
    return names[type];
}

static crier_status
put_json_field(crier_buf *out, const char *key, const char *value, bool comma)
{
    crier_status st = crier_buf_printf(out, "%s\"%s\":", comma ? "," : "", key);
    if (st == CRIER_OK)
        st = value ? crier_buf_put_json_string(out, value) : crier_buf_puts(out, "null");
    return st;
}

crier_status
crier_article_to_json(const crier_article *art, crier_buf *out)
{
    if (art == NULL || out == NULL)
        return CRIER_E_ARG;
    crier_status st = crier_buf_putc(out, '{');
    if (st == CRIER_OK)
        st = put_json_field(out, "title", art->title, false);
    if (st == CRIER_OK)
        st = put_json_field(out, "byline", art->byline, true);
    if (st == CRIER_OK)
        st = put_json_field(out, "site", art->site, true);
    if (st == CRIER_OK)
        st = put_json_field(out, "date", art->date, true);
    if (st == CRIER_OK)
        st = put_json_field(out, "lang", art->lang, true);
    if (st == CRIER_OK)
        st = put_json_field(out, "url", art->url, true);
    if (st == CRIER_OK)
        st = put_json_field(out, "description", art->description, true);
    if (st == CRIER_OK)
        st = crier_buf_puts(out, ",\"blocks\":[");
    for (size_t i = 0; st == CRIER_OK && i < art->n_blocks; i++) {
        const crier_block *bl = &art->blocks[i];
        st = crier_buf_puts(out, i ? ",{" : "{");
        if (st == CRIER_OK)
            st = put_json_field(out, "type", crier_block_type_name(bl->type), false);
        if (st == CRIER_OK && bl->type == CRIER_BLOCK_HEADING)
            st = crier_buf_printf(out, ",\"level\":%d", bl->level);
        if (st == CRIER_OK)
            st = put_json_field(out, "text", bl->text, true);
        if (st == CRIER_OK)
            st = crier_buf_putc(out, '}');
    }
    if (st == CRIER_OK)
        st = crier_buf_puts(out, "]}");
    return st;
}

crier_status
crier_article_to_text(const crier_article *art, crier_buf *out)
{
    if (art == NULL || out == NULL)
        return CRIER_E_ARG;
    crier_status st = CRIER_OK;
    bool first = true;
    if (art->title) {
        st = crier_buf_puts(out, art->title);
        first = false;
    }
    for (size_t i = 0; st == CRIER_OK && i < art->n_blocks; i++) {
        if (!first)
            st = crier_buf_puts(out, "\n\n");
        if (st == CRIER_OK)
            st = crier_buf_puts(out, art->blocks[i].text);
        first = false;
    }
    if (st == CRIER_OK && !first)
        st = crier_buf_putc(out, '\n');
    return st;
}

/* ---- helpers shared by the extractors ---- */

crier_status
ex_collapse_append(crier_buf *out, const char *s, size_t len, bool *pending_space)
{
    crier_status st = CRIER_OK;
    size_t i = 0;
    while (st == CRIER_OK && i < len) {
        /* a run of printable ASCII goes out in one append, single spaces
         * between its words included (each would be written as it is: the
         * byte before it is not a space); a call per space cost more than the
         * words */
        size_t j = i;
        for (;;) {
            while (j < len && (unsigned char)s[j] > 0x20 && (unsigned char)s[j] < 0x80)
                j++;
            if (j > i && j + 1 < len && s[j] == ' ' && (unsigned char)s[j + 1] > 0x20 &&
                (unsigned char)s[j + 1] < 0x80)
                j++;
            else
                break;
        }
        if (j > i) {
            if (*pending_space && out->len > 0 && out->data[out->len - 1] != ' ')
                st = crier_buf_putc(out, ' ');
            *pending_space = false;
            if (st == CRIER_OK)
                st = crier_buf_append(out, s + i, j - i);
            i = j;
            continue;
        }
        if (crier_is_ascii_space((unsigned char)s[i])) {
            *pending_space = true;
            i++;
            continue;
        }
        unsigned cp;
        size_t n = crier_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            n = 1; /* cannot happen on decoded documents; skip defensively */
        if (crier_is_unicode_space(cp) || cp == 0x200B || cp == 0xFEFF || cp == 0xAD) {
            if (cp != 0x200B && cp != 0xFEFF && cp != 0xAD)
                *pending_space = true;
        } else {
            if (*pending_space && out->len > 0 && out->data[out->len - 1] != ' ')
                st = crier_buf_putc(out, ' ');
            *pending_space = false;
            if (st == CRIER_OK)
                st = crier_buf_append(out, s + i, n);
        }
        i += n;
    }
    return st;
}

/* *ret = the buffer's text, or NULL when it is empty. */
static crier_status
steal_nonempty(crier_buf *b, char **ret)
{
    if (b->len == 0) {
        *ret = NULL;
        return CRIER_OK;
    }
    *ret = crier_buf_steal(b);
    return *ret ? CRIER_OK : CRIER_E_NOMEM;
}

static crier_status
collapse_dup(const char *s, size_t len, size_t max, char **ret)
{
    crier_buf b;
    bool sp = false;
    crier_buf_init(&b, max);
    crier_status st = ex_collapse_append(&b, s, len, &sp);
    if (st == CRIER_OK)
        st = steal_nonempty(&b, ret);
    crier_buf_free(&b);
    return st;
}

/* PRE text: keeps line breaks, trims trailing spaces of each line and blank
 * lines at both ends. */
static crier_status
pre_dup(const char *s, size_t len, size_t max, char **ret)
{
    crier_buf b;
    crier_buf_init(&b, max);
    crier_status st = CRIER_OK;
    size_t start = 0;
    while (start < len && (s[start] == '\n' || s[start] == '\r'))
        start++;
    for (size_t i = start; st == CRIER_OK && i < len; i++) {
        if (s[i] == '\r')
            continue;
        if (s[i] == '\n')
            while (b.len > 0 && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\t'))
                crier_buf_truncate(&b, b.len - 1);
        st = crier_buf_putc(&b, s[i]);
    }
    while (st == CRIER_OK && b.len > 0 && crier_is_ascii_space((unsigned char)b.data[b.len - 1]))
        crier_buf_truncate(&b, b.len - 1);
    if (st == CRIER_OK)
        st = steal_nonempty(&b, ret);
    crier_buf_free(&b);
    return st;
}

crier_status
ex_add_block(ex_builder *b, crier_block_type type, int level, const char *s, size_t len,
             size_t src_off)
{
    crier_article *art = b->art;
    char *text = NULL;
    crier_status st = type == CRIER_BLOCK_PRE
                          ? pre_dup(s, len, b->lim->max_article_bytes, &text)
                          : collapse_dup(s, len, b->lim->max_article_bytes, &text);
    if (st != CRIER_OK)
        return st;
    if (text == NULL)
        return CRIER_OK;
    size_t tlen = strlen(text);
    if (art->n_blocks >= b->lim->max_blocks ||
        b->text_bytes + tlen > b->lim->max_article_bytes) {
        free(text);
        return CRIER_E_LIMIT;
    }
    if (art->n_blocks == b->cap_blocks) {
        size_t cap = b->cap_blocks ? b->cap_blocks * 2 : 32;
        crier_block *nb = realloc(art->blocks, cap * sizeof *nb);
        if (nb == NULL) {
            free(text);
            return CRIER_E_NOMEM;
        }
        art->blocks = nb;
        b->cap_blocks = cap;
    }
    art->blocks[art->n_blocks++] = (crier_block){
        .type = type, .level = level, .text = text, .src_off = src_off
    };
    b->text_bytes += tlen;
    return CRIER_OK;
}

void
ex_remove_block(crier_article *art, size_t i)
{
    if (i >= art->n_blocks)
        return;
    free(art->blocks[i].text);
    memmove(&art->blocks[i], &art->blocks[i + 1], (art->n_blocks - i - 1) * sizeof *art->blocks);
    art->n_blocks--;
}

crier_status
ex_set_field(char **field, const char *s, size_t len, bool replace)
{
    if (s == NULL || (*field != NULL && !replace))
        return CRIER_OK;
    char *v = NULL;
    crier_status st = collapse_dup(s, len, 1 << 16, &v);
    if (st == CRIER_E_LIMIT)
        return CRIER_OK; /* an absurd metadata value is ignored, not fatal */
    if (st != CRIER_OK || v == NULL)
        return st;
    free(*field);
    *field = v;
    return CRIER_OK;
}

static bool
is_loose_skip(unsigned cp)
{
    /* white space and the punctuation that frames a title differently in
     * <title>, og:title and the page's <h1> */
    return crier_is_unicode_space(cp) || cp == '"' || cp == '\'' || cp == '.' || cp == ':' ||
           cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

bool
ex_text_equal_loose(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i = 0, j = 0;
    for (;;) {
        unsigned ca = 0, cb = 0;
        size_t na = 0, nb = 0;
        while (i < la && (na = crier_utf8_decode(a + i, la - i, &ca)) && is_loose_skip(ca))
            i += na;
        while (j < lb && (nb = crier_utf8_decode(b + j, lb - j, &cb)) && is_loose_skip(cb))
            j += nb;
        if (i >= la || j >= lb)
            return i >= la && j >= lb;
        if (na == 0 || nb == 0)
            return false;
        if (crier_ascii_lower(ca) != crier_ascii_lower(cb))
            return false;
        i += na;
        j += nb;
    }
}

size_t
ex_count_words(const char *s, size_t len)
{
    size_t n = 0;
    bool in_word = false;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t k = crier_utf8_decode(s + i, len - i, &cp);
        if (k == 0)
            k = 1;
        bool w = crier_is_ascii_alnum(cp) || (cp >= 0xC0 && !crier_is_unicode_space(cp) &&
                                              !(cp >= 0x2000 && cp <= 0x206F));
        if (w && !in_word)
            n++;
        in_word = w;
        i += k;
    }
    return n;
}

static uint64_t
fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Drops captions, and labels (short paragraphs and quotes of three words or
 * more that do not end as a sentence: chart and gallery titles), that repeat an earlier one word for word: galleries and charts print them
 * twice, for small and large screens, and a listener would hear them twice.
 * Long paragraphs, list items and table rows may repeat on purpose. */
#define REPEAT_MAX_PARAGRAPH 60
static crier_status
drop_repeats(crier_article *art)
{
    size_t cap = 64;
    while (cap < art->n_blocks * 2)
        cap *= 2;
    uint64_t *seen = calloc(cap, sizeof *seen);
    size_t *where = calloc(cap, sizeof *where);
    if (seen == NULL || where == NULL) {
        free(seen);
        free(where);
        return CRIER_E_NOMEM;
    }
    for (size_t i = 0; i < art->n_blocks;) {
        crier_block_type t = art->blocks[i].type;
        const char *txt = art->blocks[i].text;
        size_t tl = strlen(txt);
        /* a label, not a sentence */
        bool short_text = tl < REPEAT_MAX_PARAGRAPH && txt[tl - 1] != '.' && txt[tl - 1] != '!' &&
                          txt[tl - 1] != '?' && ex_count_words(txt, tl) >= 3;
        if (t != CRIER_BLOCK_CAPTION &&
            !((t == CRIER_BLOCK_PARAGRAPH || t == CRIER_BLOCK_QUOTE) && short_text)) {
            i++;
            continue;
        }
        uint64_t h = fnv1a(art->blocks[i].text) | 1; /* 0 marks a free slot */
        size_t k = (size_t)(h & (cap - 1));
        bool repeat = false;
        while (seen[k] != 0) {
            if (seen[k] == h && strcmp(art->blocks[where[k]].text, art->blocks[i].text) == 0) {
                repeat = true;
                break;
            }
            k = (k + 1) & (cap - 1);
        }
        if (repeat) {
            /* indexes after i shift down by one; stored ones are all < i */
            ex_remove_block(art, i);
            continue;
        }
        seen[k] = h;
        where[k] = i;
        i++;
    }
    free(seen);
    free(where);
    return CRIER_OK;
}

/* The byline is spoken in the intro: a block near the top that is the byline
 * line itself ("By Alex Heath, a deputy editor...") is dropped. */
#define BYLINE_BLOCK_SEARCH 6
#define BYLINE_BLOCK_MAX_WORDS 40

static void
drop_byline_block(crier_article *art)
{
    if (art->byline == NULL)
        return;
    size_t blen = strlen(art->byline);
    for (size_t i = 0; i < art->n_blocks && i < BYLINE_BLOCK_SEARCH; i++) {
        const char *t = art->blocks[i].text;
        if (art->blocks[i].type != CRIER_BLOCK_PARAGRAPH)
            continue;
        bool by = (t[0] == 'B' || t[0] == 'b') && t[1] == 'y' && t[2] == ' ';
        const char *rest = by ? t + 3 : t;
        if (ex_text_equal_loose(rest, art->byline) ||
            (by && strncmp(rest, art->byline, blen) == 0 &&
             ex_count_words(t, strlen(t)) <= BYLINE_BLOCK_MAX_WORDS)) {
            ex_remove_block(art, i);
            return;
        }
    }
}

crier_status
ex_finish(crier_article *art)
{
    crier_status st = drop_repeats(art);
    if (st != CRIER_OK)
        return st;
    /* The title is spoken first; a first block that repeats it is dropped. */
    if (art->title) {
        for (size_t i = 0; i < art->n_blocks && i < 3; i++) {
            if (ex_text_equal_loose(art->blocks[i].text, art->title)) {
                ex_remove_block(art, i);
                break;
            }
            if (art->blocks[i].type != CRIER_BLOCK_HEADING)
                break;
        }
    }
    drop_byline_block(art);
    for (size_t i = 0; i < art->n_blocks; i++)
        if (art->blocks[i].type != CRIER_BLOCK_CAPTION)
            return CRIER_OK;
    return CRIER_E_NO_ARTICLE;
}
