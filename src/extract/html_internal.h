/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_EXTRACT_HTML_INTERNAL_H
#define CRIER_EXTRACT_HTML_INTERNAL_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <string.h>

#include "extract/extract_internal.h"

/* Private to the HTML side of src/extract. */

/* What the passes learn about one element; hung on node->_private. Lengths
 * count bytes of text without white space. */
typedef struct ex_info {
    size_t text;    /* all text below */
    size_t link;    /* text inside <a> below */
    size_t inline_text; /* text not inside a block-level child: the element's own prose */
    size_t inline_commas;
    size_t commas;  /* commas in all text below */
    size_t p_text;  /* text inside <p> below */
    size_t n_p, n_img, n_li, n_input, n_embed, n_heading;
    double score;
    bool scored;    /* initialized as a candidate */
    bool chosen;    /* part of the article's containers */
    /* set once when the info is attached, kept when the counts reset: */
    bool block;     /* ex_is_block_tag */
} ex_info;

/* What an attempt may do; a page whose article comes out too short is tried
 * again with fewer of them (Readability's flags). */
enum {
    EX_STRIP_UNLIKELY = 1u << 0, /* prune by class, id and role */
    EX_WEIGHT_CLASSES = 1u << 1, /* class and id add to scores */
    EX_CLEAN = 1u << 2,          /* remove link lists and widgets inside the article */
    EX_ALL = EX_STRIP_UNLIKELY | EX_WEIGHT_CLASSES | EX_CLEAN,
};

/* Verdicts on class and id values already judged, for one page (all its
 * attempts): sites repeat a few hundred names over thousands of elements. */
typedef struct ex_verdicts ex_verdicts;
/* NULL when out of memory: verdicts are then computed every time. */
ex_verdicts *ex_verdicts_new(void);
void ex_verdicts_free(ex_verdicts *vc);

/* Nodes an attempt took out of the tree, with where they were, so that the
 * next attempt reads the page as parsed without parsing it again. */
typedef struct ex_undo {
    struct ex_unlinked {
        xmlNodePtr node, parent, prev, next;
    } *items;
    size_t n, cap;
    bool freed; /* out of memory for the list: some were freed, parse again */
} ex_undo;

typedef struct ex_html {
    unsigned flags;
    xmlDocPtr doc;
    xmlNodePtr body;           /* <body>, or the root element */
    struct ex_info_chunk *info; /* one ex_info per element, owned (html.c) */
    const crier_limits *lim;
    const ex_boiler *boiler;
    ex_verdicts *verdicts;     /* borrowed, may be NULL */
    ex_undo *undo;             /* borrowed; NULL: removed nodes are freed */
    const char *text;          /* the document text (borrowed) for source offsets */
    size_t *line_off;          /* byte offset of each line start (one array per page) */
    char *ld_body;             /* JSON-LD articleBody, owned, or NULL */
    size_t n_lines;
} ex_html;

static inline ex_info *
ex_node_info(xmlNodePtr n)
{
    return n && n->type == XML_ELEMENT_NODE ? (ex_info *)n->_private : NULL;
}

/* Lower-case ASCII tag name test: libxml2's HTML parser lower-cases element
 * names, so a plain compare does. Inline: the stats walk asks it of every
 * element, several times. */
static inline bool
ex_is_tag(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && n->name[0] == (xmlChar)name[0] &&
           strcmp((const char *)n->name, name) == 0;
}
bool ex_is_block_tag(xmlNodePtr n);
bool ex_is_heading(xmlNodePtr n);
/* The attribute's value (borrowed from the tree), or NULL. */
const char *ex_attr(xmlNodePtr n, const char *name);
/* ASCII case-insensitive substring (equality: crier_ascii_equal_nocase). */
bool ex_ci_contains(const char *hay, const char *needle);
/* Whether a name of kind k occurs in v, ignoring case (false for NULL);
 * remembered per page like the class/id verdicts. */
bool ex_names_inside(const ex_html *h, ex_name_kind k, const char *v);
/* Class/id weight: +25 for article-like, -25 for chrome-like, per attribute;
 * 0 without EX_WEIGHT_CLASSES. */
int ex_class_weight(const ex_html *h, xmlNodePtr n);
/* Never read (script, style...) or hidden. */
bool ex_is_invisible(xmlNodePtr n);
/* The next node in document order, skipping n's children when skip is set;
 * NULL past root. *depth follows the moves. */
xmlNodePtr ex_next(xmlNodePtr n, xmlNodePtr root, bool skip, size_t *depth);
/* Recomputes every element's ex_info below root (scores reset). */
void ex_compute_stats(ex_html *h, xmlNodePtr root);
/* Source offset of n in the document text (start of its line). */
size_t ex_src_off(const ex_html *h, xmlNodePtr n);

/* The passes, in order. */
/* Where the last site separator of a title starts ("Title | Site"), its
 * length in *ret_len; 0 when there is none (html_meta.c). */
size_t ex_title_site_sep(const char *t, size_t *ret_len);
crier_status ex_html_metadata(ex_html *h, crier_article *art);
crier_status ex_html_prune(ex_html *h);
/* Picks the article's container(s); *ret_nodes (owned, n >= 1) in document order. */
crier_status ex_html_choose(ex_html *h, xmlNodePtr **ret_nodes, size_t *ret_n);
/* Removes link lists, widgets and other chrome left inside the container. */
void ex_html_clean(ex_html *h, xmlNodePtr root);
crier_status ex_html_blocks(ex_html *h, xmlNodePtr *roots, size_t n_roots, ex_builder *b);

/* The title a page's <title> gives (Readability.js's rules). orig: the
 * <title> text, white space collapsed; headings: the <h1>/<h2> texts;
 * only_h1: the text of the page's only <h1>, or NULL. *ret owned. */
crier_status ex_title_from_page(const char *orig, const char *const *headings,
                                size_t n_headings, const char *only_h1, char **ret);
/* How much of b's words occur in a, 0..1 (Readability.js's _textSimilarity). */
double ex_text_similarity(const char *a, const char *b);

/* A small tolerant JSON reader for JSON-LD. */
typedef enum ex_json_type {
    EX_JSON_NULL, EX_JSON_BOOL, EX_JSON_NUMBER, EX_JSON_STRING, EX_JSON_ARRAY, EX_JSON_OBJECT
} ex_json_type;

typedef struct ex_json {
    ex_json_type type;
    char *str;              /* STRING: decoded UTF-8; NUMBER: its text */
    char *key;              /* member name when inside an object */
    struct ex_json *child;  /* ARRAY/OBJECT: first element */
    struct ex_json *next;   /* next sibling */
} ex_json;

/* Parses s[0..len) (a script body: HTML comments, trailing commas, several
 * top-level values tolerated). Returns NULL when nothing parses. Owned. */
ex_json *ex_json_parse(const char *s, size_t len);
void ex_json_free(ex_json *j);
/* Member of an object, or NULL. */
const ex_json *ex_json_get(const ex_json *obj, const char *key);

#endif
