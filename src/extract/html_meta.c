/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/html_internal.h"

/* Metadata from JSON-LD, <meta> (Dublin Core, OpenGraph, article:*, Twitter,
 * Parse.ly) and the page itself (<title>, <h1>, <html lang>, <time>, a byline
 * element). The order of sources follows Readability.js, so crier agrees with
 * the reference extractor; crier then adds its own rules (no "By", no site
 * name as byline, no site suffix in the title, dates in ISO 8601). */

#define META_MAX_VALUES 256
#define META_MAX_HEADINGS 64

typedef struct kv {
    char *key; /* lower case; "dc.title" stored as "dc:title" */
    char *val;
} kv;

typedef struct found {
    kv values[META_MAX_VALUES];
    size_t n_values;
    bool ld_done;
    char *ld_name, *ld_headline, *ld_byline, *ld_date, *ld_site, *ld_desc, *ld_lang, *ld_body;
    char *title_tag, *h1, *html_lang, *canonical, *byline_el, *time_dt, *saved_from;
    char *headings[META_MAX_HEADINGS];
    size_t n_headings, n_h1;
} found;

static crier_status
keep(char **slot, const char *s)
{
    return s ? ex_set_field(slot, s, strlen(s), false) : CRIER_OK;
}

/* Text content, white space collapsed; NULL when empty. Owned. */
static crier_status
node_text(xmlNodePtr n, char **ret)
{
    xmlChar *t = xmlNodeGetContent(n);
    char *v = NULL;
    crier_status st = t ? ex_set_field(&v, (const char *)t, strlen((const char *)t), true)
                        : CRIER_OK;
    xmlFree(t);
    *ret = v;
    return st;
}

static crier_status
keep_text(char **slot, xmlNodePtr n)
{
    if (*slot != NULL)
        return CRIER_OK;
    return node_text(n, slot);
}

/* Stores key (len bytes) → val; a later value for the same key wins, as in
 * Readability. */
static crier_status
set_value(found *f, const char *key, size_t len, const char *val)
{
    char k[64];
    if (len == 0 || len >= sizeof k)
        return CRIER_OK;
    for (size_t i = 0; i < len; i++)
        k[i] = key[i] == '.' ? ':' : (char)crier_ascii_lower((unsigned char)key[i]);
    k[len] = '\0';
    size_t slot = f->n_values;
    for (size_t i = 0; i < f->n_values; i++)
        if (strcmp(f->values[i].key, k) == 0)
            slot = i;
    if (slot == META_MAX_VALUES)
        return CRIER_OK;
    char *v = NULL;
    crier_status st = ex_set_field(&v, val, strlen(val), true);
    if (st != CRIER_OK || v == NULL)
        return st;
    if (slot == f->n_values) {
        f->values[slot].key = crier_strndup(k, len);
        if (f->values[slot].key == NULL) {
            free(v);
            return CRIER_E_NOMEM;
        }
        f->n_values++;
    } else {
        free(f->values[slot].val);
    }
    f->values[slot].val = v;
    return CRIER_OK;
}

static const char *
value(const found *f, const char *key)
{
    for (size_t i = 0; i < f->n_values; i++)
        if (strcmp(f->values[i].key, key) == 0)
            return f->values[i].val;
    return NULL;
}

static crier_status
read_meta(found *f, xmlNodePtr n)
{
    const char *content = ex_attr(n, "content");
    const char *equiv = ex_attr(n, "http-equiv");
    const char *attrs[3] = { ex_attr(n, "property"), ex_attr(n, "name"), ex_attr(n, "itemprop") };
    crier_status st = CRIER_OK;
    if (content == NULL)
        return CRIER_OK;
    if (equiv && crier_ascii_equal_nocase(equiv, "content-language"))
        return set_value(f, "content-language", 16, content);
    /* property="dc:creator twitter:site_name": each name counts */
    for (int a = 0; a < 3 && st == CRIER_OK; a++) {
        for (const char *p = attrs[a]; p && *p && st == CRIER_OK;) {
            while (*p && crier_is_ascii_space((unsigned char)*p))
                p++;
            const char *e = p;
            while (*e && !crier_is_ascii_space((unsigned char)*e))
                e++;
            st = set_value(f, p, (size_t)(e - p), content);
            p = e;
        }
    }
    return st;
}

/* ---- JSON-LD ---- */

static bool
is_article_type_name(const char *t)
{
    /* Readability's /^Article|...|APIReference$/: prefix, substrings, suffix */
    static const char *const inner[] = {
        "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
        "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
        "ReportageNewsArticle", "ReviewNewsArticle", "Report", "SatiricalArticle",
        "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
        "LiveBlogPosting", "DiscussionForumPosting", "TechArticle",
    };
    size_t len = strlen(t);
    if (strncmp(t, "Article", 7) == 0 || (len >= 12 && strcmp(t + len - 12, "APIReference") == 0))
        return true;
    for (size_t i = 0; i < sizeof inner / sizeof inner[0]; i++)
        if (strstr(t, inner[i]) != NULL)
            return true;
    return false;
}

static bool
is_article_type(const ex_json *t)
{
    if (t == NULL)
        return false;
    if (t->type == EX_JSON_ARRAY) {
        for (const ex_json *c = t->child; c; c = c->next)
            if (is_article_type(c))
                return true;
        return false;
    }
    return t->type == EX_JSON_STRING && is_article_type_name(t->str);
}

static const char *
json_str(const ex_json *j)
{
    return j && j->type == EX_JSON_STRING ? j->str : NULL;
}

static bool
is_schema_org(const char *s)
{
    return s && (strncmp(s, "http://schema.org", 17) == 0 ||
                 strncmp(s, "https://schema.org", 18) == 0) &&
           strlen(s) <= 19;
}

/* A person or organization: "Name", {"name": "Name"}, or a list of them
 * (names joined with ", "). */
static crier_status
json_names(const ex_json *j, crier_buf *out)
{
    crier_status st = CRIER_OK;
    if (j == NULL)
        return CRIER_OK;
    if (j->type == EX_JSON_ARRAY) {
        for (const ex_json *c = j->child; c && st == CRIER_OK; c = c->next)
            st = json_names(c, out);
        return st;
    }
    const char *name = j->type == EX_JSON_STRING ? j->str : json_str(ex_json_get(j, "name"));
    if (name == NULL || name[0] == '\0' || strncmp(name, "http", 4) == 0)
        return CRIER_OK;
    if (out->len > 0)
        st = crier_buf_puts(out, ", ");
    if (st == CRIER_OK)
        st = crier_buf_puts(out, name);
    return st;
}

static crier_status
keep_names(char **slot, const ex_json *j)
{
    crier_buf names;
    crier_buf_init(&names, 4096);
    crier_status st = json_names(j, &names);
    if (st == CRIER_E_LIMIT)
        st = CRIER_OK;
    if (st == CRIER_OK && names.len)
        st = keep(slot, crier_buf_str(&names));
    crier_buf_free(&names);
    return st;
}

/* The article object of one script, as Readability finds it: the top value
 * (or the first article-typed member of a top array) must have a schema.org
 * @context; without an @type, the first article in its @graph. */
static const ex_json *
ld_article(const ex_json *top)
{
    const ex_json *o = top;
    if (o && o->type == EX_JSON_ARRAY) {
        for (o = o->child; o && !is_article_type(ex_json_get(o, "@type")); o = o->next)
            ;
    }
    if (o == NULL || o->type != EX_JSON_OBJECT)
        return NULL;
    const ex_json *ctx = ex_json_get(o, "@context");
    bool ok = is_schema_org(json_str(ctx)) ||
              (ctx && ctx->type == EX_JSON_OBJECT && is_schema_org(json_str(ex_json_get(ctx, "@vocab"))));
    if (!ok)
        return NULL;
    const ex_json *graph = ex_json_get(o, "@graph");
    if (ex_json_get(o, "@type") == NULL && graph && graph->type == EX_JSON_ARRAY) {
        for (o = graph->child; o && !is_article_type(ex_json_get(o, "@type")); o = o->next)
            ;
    }
    if (o == NULL || !is_article_type(ex_json_get(o, "@type")))
        return NULL;
    return o;
}

static crier_status
read_ld_script(found *f, xmlNodePtr n)
{
    if (f->ld_done)
        return CRIER_OK;
    xmlChar *t = xmlNodeGetContent(n);
    if (t == NULL)
        return CRIER_OK;
    ex_json *j = ex_json_parse((const char *)t, strlen((const char *)t));
    xmlFree(t);
    const ex_json *o = ld_article(j);
    crier_status st = CRIER_OK;
    if (o != NULL) {
        f->ld_done = true;
        st = keep(&f->ld_name, json_str(ex_json_get(o, "name")));
        if (st == CRIER_OK)
            st = keep(&f->ld_headline, json_str(ex_json_get(o, "headline")));
        if (st == CRIER_OK)
            st = keep_names(&f->ld_byline, ex_json_get(o, "author"));
        if (st == CRIER_OK)
            st = keep(&f->ld_desc, json_str(ex_json_get(o, "description")));
        if (st == CRIER_OK)
            st = keep_names(&f->ld_site, ex_json_get(o, "publisher"));
        if (st == CRIER_OK)
            st = keep(&f->ld_date, json_str(ex_json_get(o, "datePublished")));
        if (st == CRIER_OK)
            st = keep(&f->ld_lang, json_str(ex_json_get(o, "inLanguage")));
        if (st == CRIER_OK && f->ld_body == NULL && json_str(ex_json_get(o, "articleBody"))) {
            /* kept as written (line breaks separate paragraphs) */
            const char *body = json_str(ex_json_get(o, "articleBody"));
            f->ld_body = crier_strndup(body, strlen(body));
            if (f->ld_body == NULL)
                st = CRIER_E_NOMEM;
        }
    }
    ex_json_free(j);
    return st;
}

/* ---- the page ---- */

static bool
any_of(const ex_boiler *b, ex_name_kind k, const char *v, bool whole)
{
    for (size_t i = 0; v && i < b->n_names[k]; i++)
        if (whole ? crier_ascii_equal_nocase(v, b->names[k][i]) : ex_ci_contains(v, b->names[k][i]))
            return true;
    return false;
}

static bool
names_byline(const ex_html *h, xmlNodePtr n)
{
    const char *rel = ex_attr(n, "rel"), *itemprop = ex_attr(n, "itemprop");
    if (rel && crier_ascii_equal_nocase(rel, "author"))
        return true;
    if (itemprop && ex_ci_contains(itemprop, "author"))
        return true;
    return ex_names_inside(h, EX_NAME_BYLINE, ex_attr(n, "class")) ||
           ex_names_inside(h, EX_NAME_BYLINE, ex_attr(n, "id"));
}

static crier_status
visit(found *f, xmlNodePtr n)
{
    crier_status st = CRIER_OK;
    if (ex_is_tag(n, "meta"))
        return read_meta(f, n);
    if (ex_is_tag(n, "title"))
        return keep_text(&f->title_tag, n);
    if (ex_is_tag(n, "h1") || ex_is_tag(n, "h2")) {
        char *t = NULL;
        st = node_text(n, &t);
        if (st != CRIER_OK || t == NULL)
            return st;
        if (ex_is_tag(n, "h1") && f->n_h1++ == 0)
            st = keep(&f->h1, t);
        if (f->n_headings < META_MAX_HEADINGS)
            f->headings[f->n_headings++] = t;
        else
            free(t);
        return st;
    }
    if (ex_is_tag(n, "html"))
        return keep(&f->html_lang, ex_attr(n, "lang") ? ex_attr(n, "lang") : ex_attr(n, "xml:lang"));
    if (ex_is_tag(n, "link")) {
        const char *rel = ex_attr(n, "rel");
        if (rel && crier_ascii_equal_nocase(rel, "canonical"))
            return keep(&f->canonical, ex_attr(n, "href"));
        return CRIER_OK;
    }
    if (ex_is_tag(n, "script")) {
        const char *type = ex_attr(n, "type");
        if (type && ex_ci_contains(type, "ld+json"))
            return read_ld_script(f, n);
        return CRIER_OK;
    }
    if (ex_is_tag(n, "time") && f->time_dt == NULL)
        return ex_attr(n, "datetime") ? keep(&f->time_dt, ex_attr(n, "datetime"))
                                      : keep_text(&f->time_dt, n);
    return st;
}

/* Readability's unlikely candidates (its regular expressions, as names in
 * html-names.tsv): the byline search does not look inside them. */
static bool
byline_search_skips(const ex_html *h, xmlNodePtr n)
{
    const ex_boiler *b = h->boiler;
    if (any_of(b, EX_NAME_BYLINE_ROLE, ex_attr(n, "role"), true))
        return true;
    if (ex_is_tag(n, "body") || ex_is_tag(n, "a"))
        return false;
    const char *cls = ex_attr(n, "class"), *id = ex_attr(n, "id");
    bool hit = ex_names_inside(h, EX_NAME_BYLINE_SKIP, cls) ||
               ex_names_inside(h, EX_NAME_BYLINE_SKIP, id);
    bool keep = ex_names_inside(h, EX_NAME_BYLINE_KEEP, cls) ||
                ex_names_inside(h, EX_NAME_BYLINE_KEEP, id);
    return hit && !keep;
}

/* The page's byline element, found as Readability finds it: the first
 * visible element named byline/author/dateline (class, id, rel=author,
 * itemprop=author) outside chrome, with its itemprop=name part if it has one,
 * under 100 characters. */
static crier_status
find_byline_element(ex_html *h, found *f)
{
    size_t depth = 0;
    xmlNodePtr root = h->body;
    crier_status st = CRIER_OK;
    for (xmlNodePtr n = root; n && f->byline_el == NULL && st == CRIER_OK;) {
        bool skip = false;
        if (n->type == XML_ELEMENT_NODE && n != root) {
            if (ex_is_invisible(n)) {
                skip = true;
            } else if (names_byline(h, n)) {
                xmlNodePtr name = n;
                size_t d = 0;
                for (xmlNodePtr c = n->children ? n->children : NULL; c;
                     c = ex_next(c, n, d >= h->lim->max_dom_depth, &d)) {
                    const char *ip = ex_attr(c, "itemprop");
                    if (ip && ex_ci_contains(ip, "name")) {
                        name = c;
                        break;
                    }
                }
                char *t = NULL;
                st = node_text(name, &t);
                if (st == CRIER_OK && t && strlen(t) < 100)
                    f->byline_el = t;
                else
                    free(t);
                skip = true;
            } else if (byline_search_skips(h, n)) {
                skip = true;
            }
        }
        n = ex_next(n, root, skip || depth >= h->lim->max_dom_depth, &depth);
    }
    return st;
}

/* "By Jane Doe" → "Jane Doe"; URLs and the site's own name are not bylines. */
static crier_status
set_byline(crier_article *art, const char *v)
{
    if (v == NULL || art->byline != NULL)
        return CRIER_OK;
    while (*v == ' ')
        v++;
    if ((v[0] == 'B' || v[0] == 'b') && v[1] == 'y' && (v[2] == ' ' || v[2] == ':'))
        v += 3;
    while (*v == ' ')
        v++;
    if (*v == '\0' || strncmp(v, "http", 4) == 0 || v[0] == '@')
        return CRIER_OK;
    if (art->site && ex_text_equal_loose(v, art->site))
        return CRIER_OK;
    /* "Dan Goodin - Apr 16, 2015", "James Akinaka • 8h": the name, not the
     * time stamp the byline line carries */
    static const char *const seps[] = { " - ", " \xe2\x80\xa2 ", " | ", " \xc2\xb7 ",
                                        " \xe2\x80\x94 ", " \xe2\x80\x93 " };
    size_t len = strlen(v);
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
        const char *hit = strstr(v, seps[i]);
        if (hit == NULL || (size_t)(hit - v) >= len)
            continue;
        for (const char *p = hit; *p; p++)
            if (crier_is_ascii_digit((unsigned char)*p)) {
                len = (size_t)(hit - v);
                break;
            }
    }
    return ex_set_field(&art->byline, v, len, false);
}

/* ISO 8601 as given when it starts with YYYY-MM-DD; "YYYY/MM/DD" and a space
 * before the time are rewritten; a date in words ("Feb. 2, 2026") becomes
 * YYYY-MM-DD; anything else is not a date we trust. */
static crier_status
set_date(const ex_boiler *b, crier_article *art, const char *v)
{
    char d[64];
    size_t n = 0;
    if (v == NULL || art->date != NULL)
        return CRIER_OK;
    while (*v == ' ')
        v++;
    /* only the characters of a date and time: never a cut UTF-8 sequence */
    for (; v[n] && n + 1 < sizeof d; n++) {
        unsigned char c = (unsigned char)v[n];
        if (!crier_is_ascii_digit(c) && c != '-' && c != '/' && c != ':' && c != '.' &&
            c != '+' && c != 'T' && c != 'Z' && c != ' ')
            break;
        d[n] = v[n];
    }
    while (n > 0 && d[n - 1] == ' ')
        n--;
    d[n] = '\0';
    bool iso = n >= 10;
    for (int i = 0; iso && i < 10; i++) {
        bool sep = i == 4 || i == 7;
        if (sep && d[i] == '/')
            d[i] = '-';
        iso = sep ? d[i] == '-' : crier_is_ascii_digit((unsigned char)d[i]);
    }
    if (!iso) /* "February 2, 2026", "2 Feb. 2026" */
        return ex_parse_date(b, v, d) ? ex_set_field(&art->date, d, 10, false) : CRIER_OK;
    if (n > 11 && d[10] == ' ' && crier_is_ascii_digit((unsigned char)d[11]))
        d[10] = 'T';
    if (n > 10 && d[10] != 'T')
        n = 10;
    return ex_set_field(&art->date, d, n, false);
}

/* Where the last site separator of t starts ("Title | Site", "Title - Site",
 * "Title — Site"), its length in *ret_len; 0 when there is none. */
size_t
ex_title_site_sep(const char *t, size_t *ret_len)
{
    static const char *const seps[] = { " | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ",
                                        " :: ", " \xc2\xbb ", " \xc2\xb7 " };
    size_t best = 0, best_k = 0;
    for (size_t s = 0; s < sizeof seps / sizeof seps[0]; s++) {
        size_t k = strlen(seps[s]);
        for (const char *p = t, *hit; (hit = strstr(p, seps[s])) != NULL; p = hit + k) {
            if ((size_t)(hit - t) > best) {
                best = (size_t)(hit - t);
                best_k = k;
            }
        }
    }
    *ret_len = best_k;
    return best;
}

/* The part after the last site separator goes when it is the site's name, or
 * when the part before it is the page's headline (h1). */
static crier_status
trim_site_suffix(crier_article *art, const char *h1)
{
    char *t = art->title;
    if (t == NULL)
        return CRIER_OK;
    size_t best_k, best = ex_title_site_sep(t, &best_k);
    if (best == 0)
        return CRIER_OK;
    char *head = crier_strndup(t, best);
    if (head == NULL)
        return CRIER_E_NOMEM;
    crier_status st = CRIER_OK;
    if ((art->site && ex_text_equal_loose(t + best + best_k, art->site)) ||
        (h1 && ex_text_equal_loose(head, h1)))
        st = ex_set_field(&art->title, head, best, true);
    free(head);
    return st;
}

/* og:locale "en_US" → "en-US". */
static void
fix_lang(char *lang)
{
    for (char *p = lang; p && *p; p++)
        if (*p == '_')
            *p = '-';
}

static const char *
first_of(const found *f, const char *const *keys)
{
    for (; *keys; keys++)
        if (value(f, *keys))
            return value(f, *keys);
    return NULL;
}

static crier_status
choose_title(found *f, crier_article *art)
{
    static const char *const title_keys[] = { "dc:title", "dcterm:title", "og:title",
                                              "weibo:article:title", "weibo:webpage:title",
                                              "title", "twitter:title", "parsely-title", NULL };
    char *page_title = NULL;
    crier_status st = CRIER_OK;
    if (f->title_tag)
        st = ex_title_from_page(f->title_tag, (const char *const *)f->headings, f->n_headings,
                                f->n_h1 == 1 ? f->h1 : NULL, &page_title);
    if (st != CRIER_OK)
        return st;
    const char *ld = NULL;
    if (f->ld_name && f->ld_headline && strcmp(f->ld_name, f->ld_headline) != 0) {
        /* both: the one that looks like the page's title, name by default */
        const char *pt = page_title ? page_title : "";
        bool name_ok = ex_text_similarity(f->ld_name, pt) > 0.75;
        bool headline_ok = ex_text_similarity(f->ld_headline, pt) > 0.75;
        ld = headline_ok && !name_ok ? f->ld_headline : f->ld_name;
    } else {
        ld = f->ld_name ? f->ld_name : f->ld_headline;
    }
    st = keep(&art->title, ld);
    if (st == CRIER_OK)
        st = keep(&art->title, first_of(f, title_keys));
    if (st == CRIER_OK)
        st = keep(&art->title, page_title);
    if (st == CRIER_OK)
        st = keep(&art->title, f->h1);
    free(page_title);
    return st;
}

static crier_status
assemble(const ex_boiler *b, found *f, crier_article *art)
{
    static const char *const site_keys[] = { "og:site_name", "application-name", NULL };
    static const char *const byline_keys[] = { "dc:creator", "dcterm:creator", "author",
                                               "parsely-author", NULL };
    static const char *const date_keys[] = { "article:published_time", "parsely-pub-date",
                                             NULL };
    static const char *const late_date_keys[] = { "datepublished", "og:published_time",
                                                  "date", "pubdate", "publishdate",
                                                  "dc:date", "dc:date:issued",
                                                  "sailthru:date", NULL };
    static const char *const lang_keys[] = { "content-language", "og:locale", "language",
                                             "dc:language", NULL };
    static const char *const url_keys[] = { "og:url", "twitter:url", NULL };
    static const char *const desc_keys[] = { "dc:description", "dcterm:description",
                                             "og:description", "description",
                                             "twitter:description", NULL };
    crier_status st = CRIER_OK;
#define TRY(x)                                                                                     \
    do {                                                                                           \
        if (st == CRIER_OK)                                                                        \
            st = (x);                                                                              \
    } while (0)
    TRY(keep(&art->site, f->ld_site));
    TRY(keep(&art->site, first_of(f, site_keys)));
    TRY(choose_title(f, art));
    TRY(trim_site_suffix(art, f->h1));

    const char *article_author = value(f, "article:author");
    TRY(set_byline(art, f->ld_byline));
    TRY(set_byline(art, first_of(f, byline_keys)));
    TRY(set_byline(art, article_author));
    TRY(set_byline(art, f->byline_el));

    TRY(set_date(b, art, f->ld_date));
    TRY(set_date(b, art, first_of(f, date_keys)));
    TRY(set_date(b, art, f->time_dt));
    TRY(set_date(b, art, first_of(f, late_date_keys)));

    TRY(keep(&art->lang, f->html_lang));
    TRY(keep(&art->lang, first_of(f, lang_keys)));
    TRY(keep(&art->lang, f->ld_lang));
    fix_lang(art->lang);
    TRY(keep(&art->url, f->canonical));
    TRY(keep(&art->url, first_of(f, url_keys)));
    TRY(keep(&art->url, f->saved_from));
    TRY(keep(&art->description, f->ld_desc));
    TRY(keep(&art->description, first_of(f, desc_keys)));
#undef TRY
    return st;
}

static void
found_free(found *f)
{
    for (size_t i = 0; i < f->n_values; i++) {
        free(f->values[i].key);
        free(f->values[i].val);
    }
    for (size_t i = 0; i < f->n_headings; i++)
        free(f->headings[i]);
    char *fields[] = { f->ld_name, f->ld_headline, f->ld_byline, f->ld_date, f->ld_site,
                       f->ld_desc, f->ld_lang, f->title_tag, f->h1, f->html_lang,
                       f->canonical, f->byline_el, f->time_dt, f->saved_from, f->ld_body };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        free(fields[i]);
}

/* A page saved by a browser ("Web Page, complete" in Chrome and Edge) starts
 * with <!-- saved from url=(0042)https://... -->: the page's address when it
 * names none itself. */
static crier_status
read_saved_from(xmlDocPtr doc, found *f)
{
    static const char mark[] = "saved from url=(";
    for (xmlNodePtr c = doc->children; c; c = c->next) {
        if (c->type != XML_COMMENT_NODE || c->content == NULL)
            continue;
        const char *s = strstr((const char *)c->content, mark);
        if (s == NULL)
            continue;
        s = strchr(s + sizeof mark - 1, ')');
        if (s == NULL)
            continue;
        s++;
        size_t n = 0;
        while (s[n] && !crier_is_ascii_space((unsigned char)s[n]))
            n++;
        return n ? ex_set_field(&f->saved_from, s, n, false) : CRIER_OK;
    }
    return CRIER_OK;
}

crier_status
ex_html_metadata(ex_html *h, crier_article *art)
{
    found *f = calloc(1, sizeof *f);
    crier_status st = CRIER_OK;
    size_t depth = 0;
    xmlNodePtr root = xmlDocGetRootElement(h->doc);
    if (f == NULL)
        return CRIER_E_NOMEM;
    for (xmlNodePtr n = root; n && st == CRIER_OK;
         n = ex_next(n, root, depth >= h->lim->max_dom_depth, &depth))
        if (n->type == XML_ELEMENT_NODE)
            st = visit(f, n);
    if (st == CRIER_OK && h->body)
        st = find_byline_element(h, f);
    if (st == CRIER_OK)
        st = read_saved_from(h->doc, f);
    if (st == CRIER_OK)
        st = assemble(h->boiler, f, art);
    if (st == CRIER_OK) { /* handed to the cross-check */
        h->ld_body = f->ld_body;
        f->ld_body = NULL;
    }
    found_free(f);
    free(f);
    return st;
}
