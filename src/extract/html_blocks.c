/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "extract/html_internal.h"

/* The chosen container(s) become typed blocks. Inline elements join into
 * their block's text; block elements start a new block; a <br> is a space. */

#define CELL_SEPARATOR "; "

typedef struct emit {
    ex_html *h;
    ex_builder *b;
    crier_buf acc;   /* the block being collected */
    bool space;      /* a space is due before the next text */
    size_t off;      /* source offset of the block being collected */
    crier_status st;
} emit;

static void
flush(emit *e, crier_block_type type, int level)
{
    if (e->st != CRIER_OK || e->acc.len == 0) {
        crier_buf_clear(&e->acc);
        e->space = false;
        return;
    }
    const char *t = crier_buf_str(&e->acc);
    size_t len = e->acc.len;
    bool drop = type != CRIER_BLOCK_PRE && ex_boiler_drops(e->h->boiler, t);
    if (!drop && type == CRIER_BLOCK_CAPTION)
        len = ex_boiler_credit_tail(e->h->boiler, t);
    if (!drop && len > 0)
        e->st = ex_add_block(e->b, type, level, t, len, e->off);
    crier_buf_clear(&e->acc);
    e->space = false;
}

static void
add_text(emit *e, xmlNodePtr n)
{
    if (e->st != CRIER_OK || n->content == NULL)
        return;
    if (e->acc.len == 0)
        e->off = ex_src_off(e->h, n->parent ? n->parent : n);
    e->st = ex_collapse_append(&e->acc, (const char *)n->content,
                               strlen((const char *)n->content), &e->space);
}

/* True when an element below n (not n) is a block: a layout table cell or a
 * list item holding paragraphs is read as a container, not as one line. */
static bool
has_block_child(xmlNodePtr n, size_t depth_left)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (ex_is_block_tag(c) && !ex_is_tag(c, "td") && !ex_is_tag(c, "th"))
            return true;
        if (depth_left > 0 && has_block_child(c, depth_left - 1))
            return true;
    }
    return false;
}

static void walk_children(emit *e, xmlNodePtr n, size_t depth, crier_block_type ctx, int level);

static void
walk_pre(emit *e, xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (t == NULL)
        return;
    if (e->st == CRIER_OK)
        e->st = ex_add_block(e->b, CRIER_BLOCK_PRE, 0, (const char *)t, strlen((const char *)t),
                             ex_src_off(e->h, n));
    xmlFree(t);
}

static void
walk_row(emit *e, xmlNodePtr tr, size_t depth)
{
    bool first = true;
    flush(e, CRIER_BLOCK_PARAGRAPH, 0);
    for (xmlNodePtr c = tr->children; c && e->st == CRIER_OK; c = c->next) {
        if (!ex_is_tag(c, "td") && !ex_is_tag(c, "th"))
            continue;
        size_t before = e->acc.len;
        if (!first && e->acc.len > 0)
            e->st = crier_buf_puts(&e->acc, CELL_SEPARATOR);
        e->space = false;
        size_t mark = e->acc.len;
        walk_children(e, c, depth + 1, CRIER_BLOCK_TABLE_ROW, 0);
        if (e->acc.len == mark) /* empty cell: no separator */
            crier_buf_truncate(&e->acc, before);
        else
            first = false;
    }
    flush(e, CRIER_BLOCK_TABLE_ROW, 0);
}

static void
walk(emit *e, xmlNodePtr n, size_t depth, crier_block_type ctx, int level)
{
    if (e->st != CRIER_OK || depth > e->h->lim->max_dom_depth)
        return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        add_text(e, n);
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;
    if (ex_is_tag(n, "br") || ex_is_tag(n, "hr")) {
        e->space = true;
        if (ex_is_tag(n, "hr"))
            flush(e, ctx, level);
        return;
    }
    if (!ex_is_block_tag(n) && !ex_is_tag(n, "tr")) {
        walk_children(e, n, depth, ctx, level);
        return;
    }
    flush(e, ctx, level);
    if (ex_is_heading(n)) {
        walk_children(e, n, depth, CRIER_BLOCK_HEADING, n->name[1] - '0');
        flush(e, CRIER_BLOCK_HEADING, n->name[1] - '0');
    } else if (ex_is_tag(n, "pre")) {
        walk_pre(e, n);
    } else if (ex_is_tag(n, "tr") && !has_block_child(n, 8)) {
        walk_row(e, n, depth);
    } else if (ex_is_tag(n, "li")) {
        walk_children(e, n, depth, CRIER_BLOCK_LIST_ITEM, level);
        flush(e, CRIER_BLOCK_LIST_ITEM, level);
    } else if (ex_is_tag(n, "ul") || ex_is_tag(n, "ol")) {
        walk_children(e, n, depth, ctx, level + 1);
        flush(e, ctx, level);
    } else if (ex_is_tag(n, "blockquote")) {
        walk_children(e, n, depth, CRIER_BLOCK_QUOTE, 0);
        flush(e, CRIER_BLOCK_QUOTE, 0);
    } else if (ex_is_tag(n, "figcaption") || ex_is_tag(n, "caption")) {
        walk_children(e, n, depth, CRIER_BLOCK_CAPTION, 0);
        flush(e, CRIER_BLOCK_CAPTION, 0);
    } else {
        /* p, div, section...: a paragraph unless inside a quote, item or caption */
        crier_block_type t = ctx == CRIER_BLOCK_HEADING || ctx == CRIER_BLOCK_TABLE_ROW
                                 ? CRIER_BLOCK_PARAGRAPH
                                 : ctx;
        walk_children(e, n, depth, t, level);
        flush(e, t, level);
    }
}

static void
walk_children(emit *e, xmlNodePtr n, size_t depth, crier_block_type ctx, int level)
{
    for (xmlNodePtr c = n->children; c && e->st == CRIER_OK; c = c->next)
        walk(e, c, depth + 1, ctx, level);
}

crier_status
ex_html_blocks(ex_html *h, xmlNodePtr *roots, size_t n_roots, ex_builder *b)
{
    emit e = { .h = h, .b = b, .st = CRIER_OK };
    crier_buf_init(&e.acc, h->lim->max_article_bytes);
    for (size_t i = 0; i < n_roots && e.st == CRIER_OK; i++) {
        walk(&e, roots[i], 0, CRIER_BLOCK_PARAGRAPH, 0);
        flush(&e, CRIER_BLOCK_PARAGRAPH, 0);
    }
    crier_buf_free(&e.acc);
    return e.st;
}
