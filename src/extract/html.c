/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/html_internal.h"

/* The HTML extractor: parse (libxml2, recover mode, no network, no messages),
 * read the metadata, prune the site's chrome, pick the article's container,
 * turn it into blocks. */

bool
ex_ci_contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle), left = strlen(hay);
    unsigned first = n ? crier_ascii_lower((unsigned char)needle[0]) : 0;
    /* only where the rest of hay is long enough, and its first byte matches */
    for (; left >= n && *hay; hay++, left--) {
        size_t i = 0;
        if (crier_ascii_lower((unsigned char)*hay) != first)
            continue;
        while (i < n && hay[i] &&
               crier_ascii_lower((unsigned char)hay[i]) == crier_ascii_lower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return n == 0;
}

static int
cmp_name(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

bool
ex_is_heading(xmlNodePtr n)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && (n->name[0] | 0x20) == 'h' &&
           n->name[1] >= '1' && n->name[1] <= '6' && n->name[2] == '\0';
}

bool
ex_is_block_tag(xmlNodePtr n)
{
    /* sorted for bsearch */
    static const char *const blocks[] = {
        "address", "article", "aside", "audio", "blockquote", "body", "canvas", "caption",
        "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "iframe", "li", "main", "menu", "nav", "noscript", "object",
        "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "ul", "video",
    };
    if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
        return false;
    return bsearch(n->name, blocks, sizeof blocks / sizeof blocks[0], sizeof blocks[0],
                   cmp_name) != NULL;
}

const char *
ex_attr(xmlNodePtr n, const char *name)
{
    if (n == NULL || n->type != XML_ELEMENT_NODE)
        return NULL;
    unsigned first = crier_ascii_lower((unsigned char)name[0]);
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        if (a->name && crier_ascii_lower(a->name[0]) == first &&
            crier_ascii_equal_nocase((const char *)a->name, name)) {
            if (a->children && a->children->type == XML_TEXT_NODE && a->children->next == NULL)
                return (const char *)a->children->content;
            return a->children ? (const char *)a->children->content : "";
        }
    }
    return NULL;
}

xmlNodePtr
ex_next(xmlNodePtr n, xmlNodePtr root, bool skip, size_t *depth)
{
    if (!skip && n->children) {
        (*depth)++;
        return n->children;
    }
    while (n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
        (*depth)--;
        if (n == NULL)
            return NULL;
    }
    return NULL;
}

/* Per byte of w, 0x80 where the byte is zero, else 0 (exact, no carries
 * between bytes). */
static inline uint64_t
zero_bytes(uint64_t w)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Fu;
    return ~(((w & low7) + low7) | w | low7);
}

/* How many bytes of m are 0x80 (m has no other bits set); no popcount
 * instruction is assumed. */
static inline size_t
count_marks(uint64_t m)
{
    return (size_t)(((m >> 7) * 0x0101010101010101u) >> 56);
}

/* Bytes of s that are not white space (crier_is_ascii_space), continuation
 * bytes counting with their lead byte (characters, roughly), and its commas.
 * It reads every text node of the page, scripts too, so it goes eight bytes
 * at a time. */
static void
measure_text(const char *s, size_t *ret_len, size_t *ret_commas)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    size_t n = strlen(s), i = 0, len = 0, commas = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t cont = w & ~(w << 1) & high; /* 10xxxxxx */
        uint64_t space = zero_bytes(w ^ (ones * ' '));
        for (unsigned c = '\t'; c <= '\r'; c++)
            space |= zero_bytes(w ^ (ones * c));
        len += 8 - count_marks(cont | space);
        commas += count_marks(zero_bytes(w ^ (ones * ',')));
    }
    for (; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        len += !crier_is_ascii_space(c) && (c & 0xC0) != 0x80;
        commas += c == ',';
    }
    *ret_len = len;
    *ret_commas = commas;
}

/* measure_text of a text node, measured once per page: the figures are kept
 * in its _private (text nodes carry no ex_info, and no attempt changes a
 * text), packed as length << 21 | commas << 1 | 1; figures too big to pack
 * are measured every time. */
static void
measure_text_node(xmlNodePtr n, size_t *ret_len, size_t *ret_commas)
{
    uintptr_t v = (uintptr_t)n->_private;
    if (v & 1) {
        *ret_commas = (size_t)((v >> 1) & 0xFFFFF);
        *ret_len = (size_t)(v >> 21);
        return;
    }
    measure_text((const char *)n->content, ret_len, ret_commas);
    if (*ret_commas <= 0xFFFFF && *ret_len <= (UINTPTR_MAX >> 21))
        n->_private = (void *)(((uintptr_t)*ret_len << 21) | ((uintptr_t)*ret_commas << 1) | 1);
}

/* Counts what a finished element is (a link, a paragraph, an image...). */
static void
finish_self(xmlNodePtr n)
{
    ex_info *in = ex_node_info(n);
    if (in == NULL)
        return;
    if (ex_is_tag(n, "a"))
        in->link = in->text;
    else if (ex_is_tag(n, "p"))
        in->p_text = in->text, in->n_p++;
    else if (ex_is_tag(n, "img") || ex_is_tag(n, "picture"))
        in->n_img++;
    else if (ex_is_tag(n, "li"))
        in->n_li++;
    else if (ex_is_tag(n, "input") || ex_is_tag(n, "select") || ex_is_tag(n, "textarea") ||
             ex_is_tag(n, "button"))
        in->n_input++;
    else if (ex_is_tag(n, "embed") || ex_is_tag(n, "object") || ex_is_tag(n, "iframe") ||
             ex_is_tag(n, "video"))
        in->n_embed++;
    else if (ex_is_heading(n))
        in->n_heading++;
}

/* Adds a finished node's counts to its parent's. */
static void
add_to_parent(xmlNodePtr n)
{
    ex_info *pi = ex_node_info(n->parent);
    if (pi == NULL)
        return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content == NULL)
            return;
        size_t len, commas;
        measure_text_node(n, &len, &commas);
        pi->text += len;
        pi->inline_text += len;
        pi->inline_commas += commas;
        pi->commas += commas;
        return;
    }
    ex_info *in = ex_node_info(n);
    if (in == NULL)
        return;
    pi->text += in->text;
    pi->commas += in->commas;
    pi->link += in->link;
    pi->p_text += in->p_text;
    pi->n_p += in->n_p;
    pi->n_img += in->n_img;
    pi->n_li += in->n_li;
    pi->n_input += in->n_input;
    pi->n_embed += in->n_embed;
    pi->n_heading += in->n_heading;
    if (!in->block) {
        pi->inline_text += in->inline_text;
        pi->inline_commas += in->inline_commas;
    }
}

static void
reset_info(xmlNodePtr n)
{
    ex_info *in = ex_node_info(n);
    if (in)
        memset(in, 0, offsetof(ex_info, block));
}

void
ex_compute_stats(ex_html *h, xmlNodePtr root)
{
    size_t depth = 0, max = h->lim->max_dom_depth;
    /* post-order: a node is finished when its last child is; its counts start
     * at zero when the walk enters it (one walk over the tree, not two) */
    xmlNodePtr n = root;
    reset_info(n);
    for (;;) {
        if (n->children && depth < max) {
            n = n->children;
            depth++;
            reset_info(n);
            continue;
        }
        for (;;) {
            finish_self(n);
            if (n == root)
                return;
            add_to_parent(n);
            if (n->next) {
                n = n->next;
                reset_info(n);
                break;
            }
            n = n->parent;
            depth--;
        }
    }
}

size_t
ex_src_off(const ex_html *h, xmlNodePtr n)
{
    long line = n ? xmlGetLineNo(n) : 0;
    if (line <= 1 || h->n_lines == 0)
        return 0;
    if ((size_t)line > h->n_lines)
        line = (long)h->n_lines;
    return h->line_off[line - 1];
}

/* Whether elements nest below root more than max deep. */
static bool
deeper_than(xmlNodePtr root, size_t max)
{
    size_t depth = 0;
    for (xmlNodePtr n = root; n; n = ex_next(n, root, false, &depth))
        if (depth > max)
            return true;
    return false;
}

/* Once per page: every attempt reads the same text. */
static crier_status
index_lines(ex_html *h, const char *text, size_t len)
{
    size_t n = 1;
    const char *end = text + len;
    /* memchr, not a byte loop: the byte loop was about 1.3 % of the
     * extract benchmark's instructions (callgrind) */
    for (const char *p = text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        n++;
    h->line_off = malloc(n * sizeof *h->line_off);
    if (h->line_off == NULL)
        return CRIER_E_NOMEM;
    h->line_off[0] = 0;
    h->n_lines = 1;
    for (const char *p = text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        h->line_off[h->n_lines++] = (size_t)(p - text) + 1;
    return CRIER_OK;
}

#define EX_INFO_CHUNK 512

struct ex_info_chunk {
    struct ex_info_chunk *next;
    ex_info items[EX_INFO_CHUNK];
};

/* Hangs an ex_info on every element. */
static crier_status
attach_info(ex_html *h, xmlNodePtr root)
{
    size_t depth = 0, used = EX_INFO_CHUNK;
    /* in chunks, so one walk does: no count first */
    for (xmlNodePtr n = root; n; n = ex_next(n, root, false, &depth)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (used == EX_INFO_CHUNK) {
            struct ex_info_chunk *c = calloc(1, sizeof *c);
            if (c == NULL)
                return CRIER_E_NOMEM;
            c->next = h->info;
            h->info = c;
            used = 0;
        }
        n->_private = &h->info->items[used++];
        ((ex_info *)n->_private)->block = ex_is_block_tag(n);
    }
    return CRIER_OK;
}

static void
free_info(struct ex_info_chunk *c)
{
    while (c != NULL) {
        struct ex_info_chunk *next = c->next;
        free(c);
        c = next;
    }
}

static xmlNodePtr
find_body(xmlNodePtr root)
{
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
        if (ex_is_tag(c, "body"))
            return c;
    return root;
}

/* When pruning and scoring leave nothing, the whole body read as blocks is a
 * better answer than no article (a page of bare paragraphs, a text wrapped in
 * one <pre>). */
static crier_status
fallback_body(ex_html *h, ex_builder *b)
{
    xmlNodePtr root = h->body;
    return ex_html_blocks(h, &root, 1, b);
}

/* Characters of article text (captions aside): how an attempt is judged. */
static size_t
article_chars(const crier_article *art)
{
    size_t n = 0;
    for (size_t i = 0; i < art->n_blocks; i++)
        if (art->blocks[i].type != CRIER_BLOCK_CAPTION)
            n += strlen(art->blocks[i].text);
    return n;
}

/* JSON-LD articleBody as a cross-check: when the page's own article body,
 * as the site states it, is long and what the DOM gave is well under half
 * of it (a body loaded by script, a container the scoring missed), the
 * stated body is read instead, a paragraph per line. */
#define LD_BODY_MIN_CHARS 500

static crier_status
cross_check_ld_body(ex_builder *b, const char *body)
{
    crier_article *art = b->art;
    size_t body_chars = strlen(body), ours = article_chars(art);
    if (body_chars < LD_BODY_MIN_CHARS || ours * 10 >= body_chars * 4)
        return CRIER_OK;
    /* the HTML kept in some sites' articleBody would be read as text */
    if (strchr(body, '<') != NULL && strchr(body, '>') != NULL)
        return CRIER_OK;
    while (art->n_blocks > 0)
        ex_remove_block(art, art->n_blocks - 1);
    b->text_bytes = 0;
    crier_status st = CRIER_OK;
    for (const char *p = body; *p && st == CRIER_OK;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        st = ex_add_block(b, CRIER_BLOCK_PARAGRAPH, 0, p, len, 0);
        p += len + (e != NULL);
    }
    return st;
}

/* Puts the nodes an attempt took out back where they were, last out first in:
 * the tree is again as parsed. When some were freed instead (no memory for
 * the list), the rest are freed too and the page must be parsed again. */
static void
restore_tree(ex_undo *u)
{
    for (size_t i = u->n; i-- > 0;) {
        struct ex_unlinked *it = &u->items[i];
        xmlNodePtr c = it->node;
        if (u->freed) {
            xmlFreeNode(c);
            continue;
        }
        c->parent = it->parent;
        c->prev = it->prev;
        c->next = it->next;
        if (it->prev)
            it->prev->next = c;
        else
            it->parent->children = c;
        if (it->next)
            it->next->prev = c;
        else
            it->parent->last = c;
    }
    u->n = 0;
}

/* Parses the page into *ret_doc (NULL when libxml2 makes nothing of it). */
static crier_status
parse_page(const crier_document *doc, htmlParserCtxtPtr *ctxt, xmlDocPtr *ret_doc)
{
    if (*ret_doc)
        xmlFreeDoc(*ret_doc);
    if (*ctxt)
        htmlFreeParserCtxt(*ctxt);
    *ret_doc = NULL;
    *ctxt = htmlNewParserCtxt();
    if (*ctxt == NULL)
        return CRIER_E_NOMEM;
    /* NOERROR/NOWARNING clear the context's error channels, so libxml2 drops its
     * messages instead of printing them (tests/extract checks stderr). */
    *ret_doc = htmlCtxtReadMemory(*ctxt, doc->text, (int)doc->len, NULL, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                      HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS);
    return CRIER_OK;
}

/* One pass with the given flags over the parsed page (page->doc), which it
 * leaves as parsed (page->undo). */
static crier_status
attempt(const ex_html *page, unsigned flags, crier_article **ret_art)
{
    crier_status st = CRIER_OK;
    xmlNodePtr *roots = NULL;
    size_t n_roots = 0;
    ex_html h = *page; /* what every attempt shares: the tree, limits, lines, voice data */
    crier_article *art = calloc(1, sizeof *art);
    ex_builder b = { .art = art, .lim = page->lim };

    h.flags = flags;
    if (art == NULL)
        return CRIER_E_NOMEM;
    if (h.doc == NULL || xmlDocGetRootElement(h.doc) == NULL) {
        st = CRIER_E_NO_ARTICLE;
        goto out;
    }
    xmlNodePtr root = xmlDocGetRootElement(h.doc);
    h.body = find_body(root);
    st = attach_info(&h, root);
    if (st != CRIER_OK)
        goto out;
    ex_compute_stats(&h, root);
    st = ex_html_metadata(&h, art);
    if (st == CRIER_OK)
        st = ex_html_prune(&h);
    if (st != CRIER_OK)
        goto out;
    ex_compute_stats(&h, h.body);
    st = ex_html_choose(&h, &roots, &n_roots);
    if (st != CRIER_OK)
        goto out;
    for (size_t i = 0; i < n_roots; i++)
        ex_html_clean(&h, roots[i]);
    st = ex_html_blocks(&h, roots, n_roots, &b);
    if (st == CRIER_OK && art->n_blocks == 0)
        st = fallback_body(&h, &b);
    if (st == CRIER_OK && h.ld_body)
        st = cross_check_ld_body(&b, h.ld_body);
    if (st == CRIER_OK)
        st = ex_finish(art);
out:
    free(roots);
    if (h.undo)
        restore_tree(h.undo);
    /* the nodes' _private pointers into h.info stay behind: the next attempt
     * sets its own, and libxml2 does not read them */
    free_info(h.info);
    free(h.ld_body);
    if (st == CRIER_OK)
        *ret_art = art;
    else
        crier_article_free(art);
    return st;
}

/* Below this many characters an attempt's article is suspect (a teaser, a
 * caption) and the page is tried again with less pruning; the longest wins.
 * Pages past EX_MAX_RETRY_BYTES get one attempt: a page that big with no
 * article in it is not worth parsing four times. */
#define EX_MIN_ARTICLE_CHARS 500
#define EX_MAX_RETRY_BYTES ((size_t)8 << 20)

crier_status
ex_extract_html(const crier_document *doc, const crier_limits *lim, const ex_boiler *boiler,
                crier_article **ret_art)
{
    static const unsigned tries[] = { EX_ALL, EX_WEIGHT_CLASSES | EX_CLEAN, EX_CLEAN, 0 };
    crier_article *best = NULL;
    size_t best_chars = 0;
    crier_status st = CRIER_OK;
    ex_undo undo = { 0 };
    ex_html page = { .lim = lim, .boiler = boiler, .text = doc->text, .undo = &undo };
    htmlParserCtxtPtr ctxt = NULL;
    bool parsed = false;

    if (doc->len > INT_MAX)
        return CRIER_E_LIMIT;
    xmlInitParser();
    st = index_lines(&page, doc->text, doc->len);
    if (st != CRIER_OK)
        return st;
    page.verdicts = ex_verdicts_new();
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        crier_article *art = NULL;
        /* one parse serves every attempt: each puts back what it removed */
        if (!parsed || undo.freed) {
            undo.freed = false;
            st = parse_page(doc, &ctxt, &page.doc);
            if (st != CRIER_OK)
                break;
            parsed = true;
        }
        st = attempt(&page, tries[i], &art);
        if (st == CRIER_E_NO_ARTICLE && doc->len <= EX_MAX_RETRY_BYTES)
            continue;
        if (st != CRIER_OK)
            break;
        size_t chars = article_chars(art);
        /* a later, looser attempt must find clearly more text: a little more
         * is the chrome it no longer prunes */
        if (best == NULL || chars > best_chars + best_chars / 2 + 200) {
            crier_article_free(best);
            best = art;
            best_chars = chars;
        } else {
            crier_article_free(art);
        }
        if (chars >= EX_MIN_ARTICLE_CHARS || doc->len > EX_MAX_RETRY_BYTES)
            break;
    }
    /* No text above a depth cap, but elements below it: say it is a cap.
     * libxml2 stops at 256 levels (its fatal "Excessive depth" error, the
     * last it raises), crier's walks at --max-depth. */
    if (best == NULL && (st == CRIER_OK || st == CRIER_E_NO_ARTICLE) &&
        ((ctxt != NULL && ctxt->lastError.code == XML_ERR_INTERNAL_ERROR &&
          ctxt->lastError.message != NULL && strstr(ctxt->lastError.message, "depth") != NULL) ||
         (page.doc != NULL &&
          deeper_than(xmlDocGetRootElement(page.doc), page.lim->max_dom_depth))))
        st = CRIER_E_LIMIT;
    if (page.doc)
        xmlFreeDoc(page.doc);
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    free(undo.items);
    ex_verdicts_free(page.verdicts);
    free(page.line_off);
    if (st != CRIER_OK && st != CRIER_E_NO_ARTICLE) {
        crier_article_free(best);
        return st;
    }
    if (best == NULL)
        return CRIER_E_NO_ARTICLE;
    *ret_art = best;
    return CRIER_OK;
}

crier_status
ex_html_title_guess(const crier_document *doc, size_t prefix, const crier_limits *lim,
                    const ex_boiler *boiler, char **ret_title, char **ret_lang)
{
    crier_document part = *doc;
    ex_html h = { .lim = lim, .boiler = boiler, .text = doc->text };
    htmlParserCtxtPtr ctxt = NULL;
    crier_article *art = calloc(1, sizeof *art);
    crier_status st;

    if (art == NULL)
        return CRIER_E_NOMEM;
    if (part.len > prefix) { /* cut at a character's start: libxml2 reads UTF-8 */
        part.len = prefix;
        while (part.len > 0 && ((unsigned char)part.text[part.len] & 0xC0) == 0x80)
            part.len--;
    }
    xmlInitParser();
    st = parse_page(&part, &ctxt, &h.doc);
    xmlNodePtr root = st == CRIER_OK && h.doc ? xmlDocGetRootElement(h.doc) : NULL;
    if (root != NULL) {
        /* metadata reads the tree alone: no line index, element info or
         * statistics, which only the article's blocks use */
        h.body = find_body(root);
        st = ex_html_metadata(&h, art);
    }
    size_t sep_len;
    if (st == CRIER_OK && art->title != NULL && ex_title_site_sep(art->title, &sep_len) > 0) {
        /* "Title | Site" untrimmed: a later <h1> or site name may trim it,
         * so the start does not tell */
        free(art->title);
        art->title = NULL;
    }
    if (st == CRIER_OK) {
        *ret_title = art->title;
        *ret_lang = art->lang;
        art->title = art->lang = NULL;
    }
    free(h.ld_body);
    if (h.doc)
        xmlFreeDoc(h.doc);
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    crier_article_free(art);
    return st;
}
