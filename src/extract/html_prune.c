/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/html_internal.h"

/* Pruning: elements that are never article text (scripts, forms, navigation),
 * hidden ones, and those whose class, id or role names site chrome. The names
 * are data: voices/<lang>/html-names.tsv; the phrases a reader sees are in
 * boilerplate.tsv. */

/* Never text. */
static const char *const drop_always[] = {
    "script", "style", "noscript", "template", "svg", "iframe", "button", "input",
    "select", "textarea", "object", "embed", "canvas", "math", "link", "meta",
    "dialog", "map", "audio", "video", "source", "head",
};

/* Site chrome by element, unless it holds most of the page's paragraphs. */
static const char *const drop_chrome_tags[] = {
    "footer", "aside", "form", "nav", "menu",
};

/* The same, but only while pruning by names (the first attempts). */
static const char *const drop_unlikely_tags[] = {
    "header",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static bool
starts_ci(const char *s, size_t len, const char *p)
{
    for (size_t i = 0; p[i]; i++)
        if (i >= len || crier_ascii_lower((unsigned char)s[i]) != (unsigned char)p[i])
            return false;
    return true;
}

static bool
contains_ci_n(const char *s, size_t len, const char *needle)
{
    size_t k = strlen(needle);
    if (k == 0)
        return true;
    /* the first byte decides most positions without a call (names are
     * lower-case: boiler.c) */
    for (size_t i = 0; i + k <= len; i++)
        if (crier_ascii_lower((unsigned char)s[i]) == (unsigned char)needle[0] &&
            starts_ci(s + i, len - i, needle))
            return true;
    return false;
}

/* Is the part s[0..len) (between '-', '_', ' ' or a camelCase bump) one of list? */
static bool
part_in(const char *s, size_t len, char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *p = list[i];
        size_t k = 0;
        while (k < len && p[k] && crier_ascii_lower((unsigned char)s[k]) == (unsigned char)p[k])
            k++;
        if (k == len && p[k] == '\0')
            return true;
    }
    return false;
}

static bool
is_part_sep(const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    return c == '-' || c == '_' || c == ':' || c == '.';
}

/* -2: never article text, -1: chrome, +1: article-like, 0: neither, for one
 * class name or id token. */
static bool
any_prefix(const ex_boiler *b, ex_name_kind k, const char *t, size_t len)
{
    for (size_t i = 0; i < b->n_names[k]; i++)
        if (starts_ci(t, len, b->names[k][i]))
            return true;
    return false;
}

static bool
any_inside(const ex_boiler *b, ex_name_kind k, const char *t, size_t len)
{
    /* a name whose first letter t lacks cannot be inside it: most are
     * skipped without a scan */
    uint32_t letters = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = crier_ascii_lower((unsigned char)t[i]);
        if (c >= 'a' && c <= 'z')
            letters |= 1u << (c - 'a');
    }
    for (size_t i = 0; i < b->n_names[k]; i++) {
        unsigned first = (unsigned char)b->names[k][i][0];
        if (first >= 'a' && first <= 'z' && !(letters & (1u << (first - 'a'))))
            continue;
        if (contains_ci_n(t, len, b->names[k][i]))
            return true;
    }
    return false;
}

static int
token_verdict(const ex_boiler *b, const char *t, size_t len)
{
    /* four parts or more is a slug made from a heading or title
     * ("sharing-with-a-single-developer"), not a template's name */
    size_t parts = 1;
    for (size_t i = 0; i < len; i++)
        parts += t[i] == '-' || t[i] == '_';
    if (parts >= 4 || any_prefix(b, EX_NAME_STATE, t, len))
        return 0;
    if (any_inside(b, EX_NAME_CHROME, t, len))
        return any_inside(b, EX_NAME_NEVER, t, len) ? -2 : -1;
    if (any_prefix(b, EX_NAME_TAXONOMY, t, len))
        return 0;
    bool positive = any_inside(b, EX_NAME_GOOD, t, len);
    for (size_t a = 0; a < len;) {
        size_t e = a;
        while (e < len && !is_part_sep(t, e) &&
               !(e > a && crier_is_ascii_upper((unsigned char)t[e]) &&
                 crier_is_ascii_lower((unsigned char)t[e - 1])))
            e++;
        if (e > a && part_in(t + a, e - a, b->names[EX_NAME_PART], b->n_names[EX_NAME_PART]))
            return -1;
        if (e > a && !positive &&
            part_in(t + a, e - a, b->names[EX_NAME_WEAK], b->n_names[EX_NAME_WEAK]))
            return -1;
        a = e == a ? e + 1 : (e < len && is_part_sep(t, e) ? e + 1 : e);
    }
    return positive ? 1 : 0;
}

/* Worst verdict over the white-space separated tokens of v. */
static int
attr_verdict(const ex_boiler *b, const char *v)
{
    int best = 0, worst = 0;
    if (v == NULL)
        return 0;
    for (size_t i = 0; v[i];) {
        while (v[i] && crier_is_ascii_space((unsigned char)v[i]))
            i++;
        size_t s = i;
        while (v[i] && !crier_is_ascii_space((unsigned char)v[i]))
            i++;
        if (i > s) {
            int t = token_verdict(b, v + s, i - s);
            if (t < worst)
                worst = t;
            if (t > 0)
                best = 1;
        }
    }
    return worst < 0 ? worst : best;
}

/* At most this many distinct values are remembered per page; past it they are
 * judged each time (a page that makes up a class name per element). */
#define EX_MAX_CACHED_VERDICTS 4096

struct ex_verdicts {
    struct ex_verdict_slot {
        char *value; /* owned; NULL: free slot */
        size_t len;
        uint32_t hash;
        int verdict;       /* attr_verdict, when has_verdict */
        bool has_verdict;
        uint32_t kinds_known, kinds_in; /* ex_names_inside, a bit per kind */
    } *slots;
    size_t n_slots, n_used; /* n_slots: a power of two, at least twice n_used */
};

ex_verdicts *
ex_verdicts_new(void)
{
    return calloc(1, sizeof(ex_verdicts));
}

void
ex_verdicts_free(ex_verdicts *vc)
{
    if (vc == NULL)
        return;
    for (size_t i = 0; i < vc->n_slots; i++)
        free(vc->slots[i].value);
    free(vc->slots);
    free(vc);
}

/* The slot holding v, or the free slot where it goes. */
static struct ex_verdict_slot *
verdict_slot(struct ex_verdict_slot *slots, size_t n_slots, const char *v, size_t len,
             uint32_t hash)
{
    for (size_t i = hash & (n_slots - 1);; i = (i + 1) & (n_slots - 1)) {
        struct ex_verdict_slot *s = &slots[i];
        if (s->value == NULL ||
            (s->hash == hash && s->len == len && memcmp(s->value, v, len) == 0))
            return s;
    }
}

static bool
verdicts_grow(ex_verdicts *vc)
{
    size_t n = vc->n_slots ? vc->n_slots * 2 : 256;
    struct ex_verdict_slot *slots = calloc(n, sizeof *slots);
    if (slots == NULL)
        return false;
    for (size_t i = 0; i < vc->n_slots; i++)
        if (vc->slots[i].value != NULL)
            *verdict_slot(slots, n, vc->slots[i].value, vc->slots[i].len, vc->slots[i].hash) =
                vc->slots[i];
    free(vc->slots);
    vc->slots = slots;
    vc->n_slots = n;
    return true;
}

/* v's slot in the page's table, added (nothing known yet) when missing; NULL
 * when v is not remembered (no table, table full, out of memory). */
static struct ex_verdict_slot *
value_slot(const ex_html *h, const char *v)
{
    ex_verdicts *vc = h->verdicts;
    if (v == NULL || vc == NULL)
        return NULL;
    uint32_t hash = 2166136261u; /* FNV-1a */
    size_t len = 0;
    for (; v[len]; len++)
        hash = (hash ^ (unsigned char)v[len]) * 16777619u;
    struct ex_verdict_slot *s = NULL;
    if (vc->n_slots > 0) {
        s = verdict_slot(vc->slots, vc->n_slots, v, len, hash);
        if (s->value != NULL)
            return s;
    }
    if (vc->n_used >= EX_MAX_CACHED_VERDICTS)
        return NULL;
    if ((vc->n_used + 1) * 2 > vc->n_slots) {
        if (!verdicts_grow(vc))
            return NULL;
        s = verdict_slot(vc->slots, vc->n_slots, v, len, hash);
    }
    s->value = malloc(len + 1);
    if (s->value == NULL)
        return NULL;
    memcpy(s->value, v, len + 1);
    s->len = len;
    s->hash = hash;
    s->has_verdict = false;
    s->kinds_known = s->kinds_in = 0;
    vc->n_used++;
    return s;
}

/* attr_verdict, remembered per page when there is room. */
static int
cached_verdict(const ex_html *h, const char *v)
{
    struct ex_verdict_slot *s = value_slot(h, v);
    if (s == NULL)
        return attr_verdict(h->boiler, v);
    if (!s->has_verdict) {
        s->verdict = attr_verdict(h->boiler, v);
        s->has_verdict = true;
    }
    return s->verdict;
}

_Static_assert(EX_NAME_KIND_COUNT <= 32, "a bit per kind in kinds_known");

bool
ex_names_inside(const ex_html *h, ex_name_kind k, const char *v)
{
    const ex_boiler *b = h->boiler;
    if (v == NULL)
        return false;
    struct ex_verdict_slot *s = value_slot(h, v);
    uint32_t bit = 1u << k;
    if (s != NULL && (s->kinds_known & bit))
        return (s->kinds_in & bit) != 0;
    /* the first-letter filter of any_inside skips most names without a scan
     * (names are lower case, so this matches ex_ci_contains name by name) */
    bool in = any_inside(b, k, v, strlen(v));
    if (s != NULL) {
        s->kinds_known |= bit;
        if (in)
            s->kinds_in |= bit;
    }
    return in;
}

int
ex_class_weight(const ex_html *h, xmlNodePtr n)
{
    int w = 0;
    if (!(h->flags & EX_WEIGHT_CLASSES))
        return 0;
    const char *itemprop = ex_attr(n, "itemprop");
    int c = cached_verdict(h, ex_attr(n, "class"));
    int i = cached_verdict(h, ex_attr(n, "id"));
    w += 25 * (c < 0 ? -1 : c);
    w += 25 * (i < 0 ? -1 : i);
    if (itemprop && ex_ci_contains(itemprop, "articlebody"))
        w += 50;
    return w;
}

static bool
style_hides(const char *style)
{
    if (style == NULL)
        return false;
    /* compare without spaces: "display : none" */
    char tight[256];
    size_t n = 0;
    for (size_t i = 0; style[i] && n + 1 < sizeof tight; i++)
        if (!crier_is_ascii_space((unsigned char)style[i]))
            tight[n++] = (char)crier_ascii_lower((unsigned char)style[i]);
    tight[n] = '\0';
    return strstr(tight, "display:none") != NULL || strstr(tight, "visibility:hidden") != NULL;
}

static bool
is_hidden(xmlNodePtr n)
{
    const char *aria = ex_attr(n, "aria-hidden");
    return ex_attr(n, "hidden") != NULL || (aria && crier_ascii_equal_nocase(aria, "true")) ||
           style_hides(ex_attr(n, "style"));
}

static bool
tag_in(xmlNodePtr n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (ex_is_tag(n, list[i]))
            return true;
    return false;
}

static bool
role_is_chrome(const ex_boiler *b, xmlNodePtr n)
{
    const char *role = ex_attr(n, "role");
    for (size_t i = 0; role && i < b->n_names[EX_NAME_ROLE]; i++)
        if (crier_ascii_equal_nocase(role, b->names[EX_NAME_ROLE][i]))
            return true;
    return false;
}

bool
ex_is_invisible(xmlNodePtr n)
{
    return tag_in(n, drop_always, N_OF(drop_always)) || is_hidden(n);
}

static bool
is_article_body(xmlNodePtr n)
{
    const char *itemprop = ex_attr(n, "itemprop");
    return itemprop && ex_ci_contains(itemprop, "articlebody");
}

/* Should n go? guard_p: the page's paragraph text; an element holding more than
 * half of it is the article itself, whatever its name says. */
static bool
should_prune(const ex_html *h, xmlNodePtr n, size_t guard_p)
{
    if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
        return true;
    if (n->type != XML_ELEMENT_NODE)
        return false;
    if (tag_in(n, drop_always, N_OF(drop_always)))
        return true;
    if (ex_is_tag(n, "html") || ex_is_tag(n, "body") || ex_is_tag(n, "main") ||
        is_article_body(n))
        return false;
    ex_info *in = ex_node_info(n);
    /* hidden text is not read, unless it is nearly all the page has (a page
     * that shows its article by script) */
    if (is_hidden(n) && !(in && guard_p > 0 && in->p_text * 10 > guard_p * 9))
        return true;
    /* comments and the like go even when they hold more paragraphs than the
     * article: long comment threads do */
    int cv = cached_verdict(h, ex_attr(n, "class"));
    int iv = cached_verdict(h, ex_attr(n, "id"));
    if ((h->flags & EX_STRIP_UNLIKELY) && (cv == -2 || iv == -2))
        return true;
    bool holds_article = in && guard_p > 0 && in->p_text * 2 > guard_p;
    if (holds_article)
        return false;
    if (tag_in(n, drop_chrome_tags, N_OF(drop_chrome_tags)))
        return true;
    if (!(h->flags & EX_STRIP_UNLIKELY))
        return false;
    if (tag_in(n, drop_unlikely_tags, N_OF(drop_unlikely_tags)) || role_is_chrome(h->boiler, n))
        return true;
    if (ex_is_tag(n, "article") && cv >= 0)
        return false;
    return cv < 0 || iv < 0;
}

/* Takes the nodes out of the tree; with h->undo they are kept, with their
 * place, for the next attempt (html.c puts them back), else freed. */
static void
remove_marked(ex_html *h, xmlNodePtr *list, size_t n)
{
    ex_undo *u = h->undo;
    if (u != NULL && n > u->cap - u->n) {
        size_t cap = u->cap ? u->cap : 64;
        while (cap - u->n < n)
            cap *= 2;
        struct ex_unlinked *items = realloc(u->items, cap * sizeof *items);
        if (items == NULL) {
            u->freed = true;
            u = NULL;
        } else {
            u->items = items;
            u->cap = cap;
        }
    }
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr c = list[i];
        if (u != NULL)
            u->items[u->n++] = (struct ex_unlinked){ c, c->parent, c->prev, c->next };
        xmlUnlinkNode(c);
        if (u == NULL)
            xmlFreeNode(c);
    }
}

/* Walks root, removing what pred says; children of removed nodes are skipped. */
static crier_status
prune_walk(ex_html *h, xmlNodePtr root, bool (*pred)(ex_html *, xmlNodePtr, size_t),
           size_t arg)
{
    xmlNodePtr *marked = NULL;
    size_t n_marked = 0, cap = 0, depth = 0;
    crier_status st = CRIER_OK;
    xmlNodePtr n = root->children;
    if (n == NULL)
        return CRIER_OK;
    depth = 1;
    while (n && st == CRIER_OK) {
        bool drop = pred(h, n, arg);
        if (drop) {
            if (n_marked == cap) {
                size_t nc = cap ? cap * 2 : 64;
                xmlNodePtr *nm = realloc(marked, nc * sizeof *nm);
                if (nm == NULL) {
                    st = CRIER_E_NOMEM;
                    break;
                }
                marked = nm;
                cap = nc;
            }
            marked[n_marked++] = n;
        }
        n = ex_next(n, root, drop || depth >= h->lim->max_dom_depth, &depth);
    }
    if (st == CRIER_OK)
        remove_marked(h, marked, n_marked);
    free(marked);
    return st;
}

static bool
prune_pred(ex_html *h, xmlNodePtr n, size_t guard_p)
{
    return should_prune(h, n, guard_p);
}

crier_status
ex_html_prune(ex_html *h)
{
    ex_info *bi = ex_node_info(h->body);
    return prune_walk(h, h->body, prune_pred, bi ? bi->p_text : 0);
}

/* ---- cleaning inside the chosen container (after Readability's
 * _cleanConditionally) ---- */

static double
link_density(const ex_info *in)
{
    return in->text ? (double)in->link / (double)in->text : 0.0;
}

static bool
clean_pred(ex_html *h, xmlNodePtr n, size_t guard_p)
{
    if (n->type != XML_ELEMENT_NODE)
        return false;
    ex_info *in = ex_node_info(n);
    if (in == NULL || (guard_p > 0 && in->p_text * 2 > guard_p))
        return false;
    bool list = ex_is_tag(n, "ul") || ex_is_tag(n, "ol");
    bool box = list || ex_is_tag(n, "div") || ex_is_tag(n, "section") || ex_is_tag(n, "table") ||
               ex_is_tag(n, "fieldset") || ex_is_tag(n, "figure");
    int weight = ex_class_weight(h, n);
    double ld = link_density(in);

    if (ex_is_heading(n) && weight < 0)
        return true;
    if (!box)
        return false;
    if (weight < 0)
        return true;
    if (in->commas >= 10)
        return false;
    if (ex_is_tag(n, "figure"))
        return in->n_embed > 0 && in->text == 0;
    /* a heading like "Related Articles" starts a box of links */
    if (in->n_heading > 0 && ld > 0.3 && in->n_p == 0)
        return true;
    if (!list && in->n_li > in->n_p + 1 && ld > 0.2)
        return true;
    if (in->n_input * 3 > in->n_p + 1)
        return true;
    /* a list of items that mention links (a changelog, "fixed bug 123")
     * is prose; a list of nothing but links is a link box */
    if (weight < 25 && ld > (list ? 0.8 : 0.5))
        return true;
    if (weight >= 25 && ld > 0.75)
        return true;
    if (!list && weight < 25 && in->text < 25 && in->n_img == 0 && in->n_heading == 0)
        return in->text > 0 && ld > 0.2;
    if (in->n_embed > 1 || (in->n_embed == 1 && in->text < 75))
        return true;
    (void)h;
    return false;
}

void
ex_html_clean(ex_html *h, xmlNodePtr root)
{
    if (!(h->flags & EX_CLEAN))
        return;
    ex_compute_stats(h, root);
    prune_walk(h, root, clean_pred, ex_node_info(root) ? ex_node_info(root)->p_text : 0);
}
