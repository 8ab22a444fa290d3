/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "extract/html_internal.h"

/* Choosing the article's container, after Readability.js: every paragraph-like
 * element scores by its length and commas, and gives that score to its
 * ancestors (less with each level up); an ancestor's own score comes from its
 * tag and class; the total is scaled by how little of it is link text. The
 * best container then takes in its siblings that score close to it. */

#define SCORE_MIN_PARAGRAPH 25 /* characters of prose below which a block does not vote */
#define SCORE_ANCESTORS 5

static double
tag_base(xmlNodePtr n)
{
    if (ex_is_tag(n, "div") || ex_is_tag(n, "article") || ex_is_tag(n, "section") ||
        ex_is_tag(n, "main"))
        return 5;
    if (ex_is_tag(n, "pre") || ex_is_tag(n, "td") || ex_is_tag(n, "blockquote"))
        return 3;
    if (ex_is_tag(n, "address") || ex_is_tag(n, "ol") || ex_is_tag(n, "ul") ||
        ex_is_tag(n, "dl") || ex_is_tag(n, "dd") || ex_is_tag(n, "dt") || ex_is_tag(n, "li") ||
        ex_is_tag(n, "form"))
        return -3;
    if (ex_is_heading(n) || ex_is_tag(n, "th"))
        return -5;
    return 0;
}

static void
init_candidate(const ex_html *h, xmlNodePtr n)
{
    ex_info *in = ex_node_info(n);
    if (in == NULL || in->scored)
        return;
    in->scored = true;
    in->score = tag_base(n) + ex_class_weight(h, n);
}

static double
link_density(const ex_info *in)
{
    return in->text ? (double)in->link / (double)in->text : 0.0;
}

/* A paragraph-like element: <p>, <pre>, <td>, or any block whose own prose
 * (text not inside a child block) is long enough, such as a <div> of text with
 * <br>s. */
static bool
is_paragraph_like(xmlNodePtr n, const ex_info *in)
{
    if (in->inline_text < SCORE_MIN_PARAGRAPH)
        return false;
    if (ex_is_tag(n, "p") || ex_is_tag(n, "pre") || ex_is_tag(n, "td"))
        return true;
    /* an item of prose, not of links: posts written as bullet lists */
    if (ex_is_tag(n, "li"))
        return link_density(in) < 0.5;
    return ex_is_tag(n, "div") || ex_is_tag(n, "section") || ex_is_tag(n, "article") ||
           ex_is_tag(n, "blockquote") || ex_is_tag(n, "dd") || ex_is_tag(n, "center") ||
           ex_is_tag(n, "font") || ex_is_tag(n, "span");
}

static void
score_paragraphs(ex_html *h)
{
    size_t depth = 0;
    xmlNodePtr root = h->body;
    for (xmlNodePtr n = root; n; n = ex_next(n, root, depth >= h->lim->max_dom_depth, &depth)) {
        ex_info *in = ex_node_info(n);
        if (in == NULL || !is_paragraph_like(n, in))
            continue;
        size_t len = in->inline_text;
        double s = 1.0 + (double)in->inline_commas + (double)(len / 100 < 3 ? len / 100 : 3);
        /* list items vote less: reference lists and link lists are made of
         * long, comma-rich items too */
        if (ex_is_tag(n, "li"))
            s = 1.0 + (double)(len / 100 < 3 ? len / 100 : 3) / 2.0;
        xmlNodePtr a = n->parent;
        for (int level = 0; a && level < SCORE_ANCESTORS; level++, a = a->parent) {
            if (a->type != XML_ELEMENT_NODE || ex_node_info(a) == NULL)
                break;
            init_candidate(h, a);
            double div = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
            ex_node_info(a)->score += s / div;
            if (a == root)
                break;
        }
    }
}

#define SCORE_TOP_N 5
#define SCORE_MIN_ALTERNATIVES 3

/* The SCORE_TOP_N best scaled scores below root, best first; returns how many
 * there are (0 when no element scored). */
static size_t
best_candidates(ex_html *h, xmlNodePtr top[SCORE_TOP_N])
{
    size_t depth = 0, n = 0;
    xmlNodePtr root = h->body;
    for (xmlNodePtr c = root; c; c = ex_next(c, root, depth >= h->lim->max_dom_depth, &depth)) {
        ex_info *in = ex_node_info(c);
        if (in == NULL || !in->scored)
            continue;
        in->score *= 1.0 - link_density(in);
        size_t i = n < SCORE_TOP_N ? n++ : SCORE_TOP_N;
        while (i > 0 && ex_node_info(top[i - 1])->score < in->score) {
            if (i < SCORE_TOP_N)
                top[i] = top[i - 1];
            i--;
        }
        if (i < SCORE_TOP_N)
            top[i] = c;
    }
    return n;
}

static bool
is_ancestor(xmlNodePtr a, xmlNodePtr n)
{
    for (n = n ? n->parent : NULL; n; n = n->parent)
        if (n == a)
            return true;
    return false;
}

/* An article cut into sections (eHow's steps, a live blog's posts) has several
 * near-best candidates: the closest ancestor of the best that holds at least
 * three of those scoring 75% of it is the article. */
static xmlNodePtr
common_ancestor(ex_html *h, xmlNodePtr *top, size_t n)
{
    double best = ex_node_info(top[0])->score;
    size_t n_alt = 0;
    for (size_t i = 1; i < n; i++)
        n_alt += best > 0 && ex_node_info(top[i])->score / best >= 0.75;
    if (n_alt < SCORE_MIN_ALTERNATIVES)
        return top[0];
    for (xmlNodePtr p = top[0]->parent; p && p != h->body && ex_node_info(p); p = p->parent) {
        size_t holds = 0;
        for (size_t i = 1; i < n; i++)
            if (best > 0 && ex_node_info(top[i])->score / best >= 0.75 && is_ancestor(p, top[i]))
                holds++;
        if (holds >= SCORE_MIN_ALTERNATIVES) {
            init_candidate(h, p);
            return p;
        }
    }
    return top[0];
}

/* Readability climbs from the best node while a parent scores at least a third
 * as well and better than the child (the article split into several scored
 * sections); and through wrappers with a single child. */
static xmlNodePtr
climb(ex_html *h, xmlNodePtr top)
{
    double last = ex_node_info(top)->score;
    for (xmlNodePtr p = top->parent; p && p != h->body && ex_node_info(p); p = p->parent) {
        ex_info *pi = ex_node_info(p);
        if (!pi->scored)
            continue;
        if (pi->score < last / 3.0)
            break;
        if (pi->score > last) {
            /* not when the parent is mostly other text (more than the
             * container's own): a column of teasers, the next story */
            if (ex_node_info(top)->text * 2 >= pi->text)
                top = p;
            break;
        }
        last = pi->score;
    }
    while (top->parent && top->parent != h->body && ex_node_info(top->parent)) {
        size_t n_el = 0;
        for (xmlNodePtr c = top->parent->children; c; c = c->next)
            n_el += c->type == XML_ELEMENT_NODE;
        if (n_el != 1)
            break;
        top = top->parent;
    }
    return top;
}

static bool
ends_like_sentence(xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    bool yes = false;
    if (t) {
        size_t len = strlen((const char *)t);
        while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '\n' || t[len - 1] == '\t'))
            len--;
        yes = len > 0 && (t[len - 1] == '.' || t[len - 1] == '!' || t[len - 1] == '?' ||
                          strstr((const char *)t, ". ") != NULL);
        xmlFree(t);
    }
    return yes;
}

static bool
same_class(xmlNodePtr a, xmlNodePtr b)
{
    const char *ca = ex_attr(a, "class"), *cb = ex_attr(b, "class");
    return ca && cb && ca[0] && strcmp(ca, cb) == 0;
}

/* Siblings of top that belong to the article: well-scored ones, and plain
 * paragraphs of prose (short ones too, when they read as sentences). */
static bool
sibling_belongs(xmlNodePtr s, xmlNodePtr top)
{
    ex_info *si = ex_node_info(s), *ti = ex_node_info(top);
    if (si == NULL)
        return false;
    double threshold = ti->score * 0.2 > 10 ? ti->score * 0.2 : 10;
    double bonus = same_class(s, top) ? ti->score * 0.2 : 0;
    if (si->scored && si->score + bonus >= threshold)
        return true;
    if (ex_is_tag(s, "p") || ex_is_heading(s) || ex_is_tag(s, "blockquote") ||
        ex_is_tag(s, "ul") || ex_is_tag(s, "ol") || ex_is_tag(s, "figure")) {
        double ld = link_density(si);
        if (ex_is_tag(s, "p") && si->text > 80 && ld < 0.25)
            return true;
        if (ex_is_tag(s, "p") && si->text > 0 && si->text <= 80 && ld == 0 &&
            ends_like_sentence(s))
            return true;
    }
    return false;
}

/* A news page wraps headline, standfirst, lead photo and body in one
 * <article>; when the best container sits inside one that adds little link
 * text, the whole <article> is the article (pruning already took its share
 * bars and bios). */
static xmlNodePtr
widen_to_article(ex_html *h, xmlNodePtr top)
{
    ex_info *ti = ex_node_info(top);
    xmlNodePtr a = top->parent;
    for (int level = 0; a && a != h->body && level < 4; level++, a = a->parent) {
        ex_info *ai = ex_node_info(a);
        if (ai == NULL)
            break;
        bool is_article = ex_is_tag(a, "article") || ex_is_tag(a, "main");
        if (!is_article)
            continue;
        if (ti->text * 10 >= ai->text * 6 && link_density(ai) < 0.25)
            return a;
        break;
    }
    return top;
}

/* Another part of the same article elsewhere in the page: an element with
 * the best candidate's exact class (Quanta's post__content blocks between
 * full-width figures), scoring like a sibling would have to, mostly prose. */
static bool
is_cousin(xmlNodePtr n, xmlNodePtr best, xmlNodePtr top)
{
    ex_info *in = ex_node_info(n), *ti = ex_node_info(top);
    const char *cls = ex_attr(best, "class"), *c = ex_attr(n, "class");
    if (in == NULL || !in->scored || cls == NULL || cls[0] == '\0' || c == NULL ||
        strcmp(c, cls) != 0 || is_ancestor(n, top))
        return false;
    double threshold = ti->score * 0.2 > 10 ? ti->score * 0.2 : 10;
    return in->score >= threshold && link_density(in) < 0.5;
}

/* The chosen containers and their cousins, in document order, none inside
 * another. */
static crier_status
collect(ex_html *h, xmlNodePtr top, xmlNodePtr best, xmlNodePtr **ret_nodes, size_t *ret_n)
{
    size_t n = 0, cap = 16, depth = 0;
    xmlNodePtr *nodes = malloc(cap * sizeof *nodes);
    if (nodes == NULL)
        return CRIER_E_NOMEM;
    xmlNodePtr root = h->body;
    for (xmlNodePtr c = root; c;) {
        ex_info *in = ex_node_info(c);
        bool take = in && c != root && (in->chosen || is_cousin(c, best, top));
        if (take) {
            if (n == cap) {
                xmlNodePtr *nn = realloc(nodes, 2 * cap * sizeof *nn);
                if (nn == NULL) {
                    free(nodes);
                    return CRIER_E_NOMEM;
                }
                nodes = nn;
                cap *= 2;
            }
            nodes[n++] = c;
        }
        c = ex_next(c, root, take || depth >= h->lim->max_dom_depth, &depth);
    }
    if (n == 0) { /* cannot happen: top is chosen */
        nodes[n++] = top;
    }
    *ret_nodes = nodes;
    *ret_n = n;
    return CRIER_OK;
}

crier_status
ex_html_choose(ex_html *h, xmlNodePtr **ret_nodes, size_t *ret_n)
{
    xmlNodePtr tops[SCORE_TOP_N];
    xmlNodePtr *nodes, top = NULL;

    score_paragraphs(h);
    size_t n_tops = best_candidates(h, tops);
    if (n_tops > 0)
        top = common_ancestor(h, tops, n_tops);
    if (top == NULL) {
        nodes = malloc(sizeof *nodes);
        if (nodes == NULL)
            return CRIER_E_NOMEM;
        nodes[0] = h->body;
        *ret_nodes = nodes;
        *ret_n = 1;
        return CRIER_OK;
    }
    top = widen_to_article(h, climb(h, top));
    if (top->parent == NULL || ex_node_info(top->parent) == NULL || top == h->body) {
        nodes = malloc(sizeof *nodes);
        if (nodes == NULL)
            return CRIER_E_NOMEM;
        nodes[0] = top;
        *ret_nodes = nodes;
        *ret_n = 1;
        return CRIER_OK;
    }
    for (xmlNodePtr s = top->parent->children; s; s = s->next)
        if (s == top || (s->type == XML_ELEMENT_NODE && sibling_belongs(s, top)))
            ex_node_info(s)->chosen = true;
    return collect(h, top, tops[0], ret_nodes, ret_n);
}

