/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "extract/html_internal.h"

/* Metadata from <meta> (OpenGraph, Dublin Core, article:*), JSON-LD, and the
 * page itself (<title>, <h1>, <html lang>, <time>, a byline element). Each
 * field takes the first source that has it, in the order of the tables. */

enum field { F_TITLE, F_BYLINE, F_DATE, F_SITE, F_LANG, F_URL, F_DESC, F_COUNT };

/* <meta> keys (property, name or itemprop), best first, per field. */
static const char *const meta_keys[F_COUNT][10] = {
    [F_TITLE] = { "og:title", "twitter:title", "dc:title", "dcterm:title", "title", NULL },
    [F_BYLINE] = { "author", "article:author", "dc:creator", "dcterm:creator", "byl",
                   "parsely-author", "sailthru.author", "twitter:creator", NULL },
    [F_DATE] = { "article:published_time", "datepublished", "og:published_time",
                 "parsely-pub-date", "sailthru.date", "date", "pubdate", "publishdate",
                 "dc.date", "dc.date.issued" },
    [F_SITE] = { "og:site_name", "application-name", "twitter:site", NULL },
    [F_LANG] = { "content-language", "og:locale", "language", "dc.language", NULL },
    [F_URL] = { "og:url", "twitter:url", NULL },
    [F_DESC] = { "description", "og:description", "twitter:description", "dc.description",
                 NULL },
};

typedef struct found {
    char *v[F_COUNT][10]; /* meta values, per key slot (owned) */
    char *ld[F_COUNT];    /* JSON-LD values (owned) */
    char *title_tag, *h1, *html_lang, *canonical, *rel_author, *byline_el, *time_dt;
    size_t n_h1;
} found;

static crier_status
keep(char **slot, const char *s)
{
    return s ? ex_set_field(slot, s, strlen(s), false) : CRIER_OK;
}

static crier_status
keep_text(char **slot, xmlNodePtr n)
{
    if (*slot != NULL)
        return CRIER_OK;
    xmlChar *t = xmlNodeGetContent(n);
    crier_status st = t ? keep(slot, (const char *)t) : CRIER_OK;
    xmlFree(t);
    return st;
}

static bool
ci_eq_n(const char *s, size_t len, const char *key)
{
    if (strlen(key) != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (crier_ascii_lower((unsigned char)s[i]) != (unsigned char)key[i])
            return false;
    return true;
}

static crier_status
read_meta(found *f, xmlNodePtr n)
{
    const char *content = ex_attr(n, "content");
    const char *names[3] = { ex_attr(n, "property"), ex_attr(n, "name"), ex_attr(n, "itemprop") };
    const char *equiv = ex_attr(n, "http-equiv");
    crier_status st = CRIER_OK;
    if (content == NULL)
        return CRIER_OK;
    if (equiv && ex_ci_equal(equiv, "content-language"))
        names[0] = "content-language";
    for (int k = 0; k < 3 && st == CRIER_OK; k++) {
        if (names[k] == NULL)
            continue;
        /* property="og:title twitter:title": space-separated names */
        const char *p = names[k];
        while (*p && st == CRIER_OK) {
            while (*p == ' ')
                p++;
            const char *e = p;
            while (*e && *e != ' ')
                e++;
            for (int fi = 0; fi < F_COUNT; fi++)
                for (int j = 0; j < 10 && meta_keys[fi][j]; j++)
                    if (ci_eq_n(p, (size_t)(e - p), meta_keys[fi][j]))
                        st = keep(&f->v[fi][j], content);
            p = e;
        }
    }
    return st;
}

/* ---- JSON-LD ---- */

static bool
is_article_type(const ex_json *t)
{
    static const char *const types[] = { "Article", "NewsArticle", "BlogPosting", "Report",
                                         "ReportageNewsArticle", "AnalysisNewsArticle",
                                         "OpinionNewsArticle", "ScholarlyArticle",
                                         "TechArticle", "SocialMediaPosting", "LiveBlogPosting",
                                         "WebPage", "Blog", "Review" };
    if (t == NULL)
        return false;
    if (t->type == EX_JSON_ARRAY) {
        for (const ex_json *c = t->child; c; c = c->next)
            if (is_article_type(c))
                return true;
        return false;
    }
    if (t->type != EX_JSON_STRING)
        return false;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(t->str, types[i]) == 0)
            return true;
    return false;
}

static const char *
json_str(const ex_json *j)
{
    return j && j->type == EX_JSON_STRING ? j->str : NULL;
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
read_ld_object(found *f, const ex_json *o, int depth)
{
    crier_status st = CRIER_OK;
    if (o == NULL || depth > 8)
        return CRIER_OK;
    if (o->type == EX_JSON_ARRAY) {
        for (const ex_json *c = o->child; c && st == CRIER_OK; c = c->next)
            st = read_ld_object(f, c, depth + 1);
        return st;
    }
    if (o->type != EX_JSON_OBJECT)
        return CRIER_OK;
    const ex_json *graph = ex_json_get(o, "@graph");
    if (graph)
        st = read_ld_object(f, graph, depth + 1);
    if (st != CRIER_OK || !is_article_type(ex_json_get(o, "@type")))
        return st;
    bool webpage = strcmp(json_str(ex_json_get(o, "@type")) ? json_str(ex_json_get(o, "@type")) : "",
                          "WebPage") == 0;
    const char *headline = json_str(ex_json_get(o, "headline"));
    if (headline == NULL && !webpage)
        headline = json_str(ex_json_get(o, "name"));
    st = keep(&f->ld[F_TITLE], headline);
    if (st == CRIER_OK && !webpage)
        st = keep(&f->ld[F_DATE], json_str(ex_json_get(o, "datePublished")));
    if (st == CRIER_OK && !webpage)
        st = keep(&f->ld[F_DESC], json_str(ex_json_get(o, "description")));
    if (st == CRIER_OK)
        st = keep(&f->ld[F_LANG], json_str(ex_json_get(o, "inLanguage")));
    crier_buf names;
    crier_buf_init(&names, 4096);
    if (st == CRIER_OK && f->ld[F_BYLINE] == NULL) {
        st = json_names(ex_json_get(o, "author"), &names);
        if (st == CRIER_E_LIMIT)
            st = CRIER_OK;
        if (st == CRIER_OK && names.len)
            st = keep(&f->ld[F_BYLINE], crier_buf_str(&names));
    }
    crier_buf_clear(&names);
    if (st == CRIER_OK && f->ld[F_SITE] == NULL) {
        st = json_names(ex_json_get(o, "publisher"), &names);
        if (st == CRIER_E_LIMIT)
            st = CRIER_OK;
        if (st == CRIER_OK && names.len)
            st = keep(&f->ld[F_SITE], crier_buf_str(&names));
    }
    crier_buf_free(&names);
    return st;
}

static crier_status
read_ld_script(found *f, xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (t == NULL)
        return CRIER_OK;
    ex_json *j = ex_json_parse((const char *)t, strlen((const char *)t));
    xmlFree(t);
    crier_status st = read_ld_object(f, j, 0);
    ex_json_free(j);
    return st;
}

/* ---- the page ---- */

static bool
names_byline(xmlNodePtr n)
{
    const char *rel = ex_attr(n, "rel"), *cls = ex_attr(n, "class"), *id = ex_attr(n, "id");
    const char *itemprop = ex_attr(n, "itemprop");
    if (rel && ex_ci_equal(rel, "author"))
        return true;
    if (itemprop && ex_ci_contains(itemprop, "author"))
        return true;
    return (cls && (ex_ci_contains(cls, "byline") || ex_ci_contains(cls, "author"))) ||
           (id && (ex_ci_contains(id, "byline") || ex_ci_contains(id, "author")));
}

static crier_status
visit(found *f, xmlNodePtr n)
{
    if (ex_is_tag(n, "meta"))
        return read_meta(f, n);
    if (ex_is_tag(n, "title") && f->title_tag == NULL)
        return keep_text(&f->title_tag, n);
    if (ex_is_tag(n, "h1")) {
        f->n_h1++;
        return keep_text(&f->h1, n);
    }
    if (ex_is_tag(n, "html"))
        return keep(&f->html_lang, ex_attr(n, "lang") ? ex_attr(n, "lang") : ex_attr(n, "xml:lang"));
    if (ex_is_tag(n, "link")) {
        const char *rel = ex_attr(n, "rel");
        if (rel && ex_ci_equal(rel, "canonical"))
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
        return keep(&f->time_dt, ex_attr(n, "datetime"));
    if (f->byline_el == NULL && names_byline(n)) {
        xmlChar *t = xmlNodeGetContent(n);
        crier_status st = CRIER_OK;
        /* a byline is a name, not a paragraph or an author bio */
        if (t && ex_count_words((const char *)t, strlen((const char *)t)) <= 12 &&
            strlen((const char *)t) < 100)
            st = keep(&f->byline_el, (const char *)t);
        xmlFree(t);
        return st;
    }
    return CRIER_OK;
}

static const char *
first_meta(const found *f, enum field fi)
{
    for (int j = 0; j < 10; j++)
        if (f->v[fi][j])
            return f->v[fi][j];
    return NULL;
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
    if (*v == '\0' || strncmp(v, "http", 4) == 0 || strchr(v, '@') == v)
        return CRIER_OK;
    if (art->site && ex_text_equal_loose(v, art->site))
        return CRIER_OK;
    return ex_set_field(&art->byline, v, strlen(v), false);
}

/* ISO 8601 as given when it starts with YYYY-MM-DD; "YYYY/MM/DD" and a space
 * before the time are rewritten; anything else is not a date we trust. */
static crier_status
set_date(crier_article *art, const char *v)
{
    char d[64];
    size_t n = 0;
    if (v == NULL || art->date != NULL)
        return CRIER_OK;
    while (*v == ' ')
        v++;
    for (; v[n] && n + 1 < sizeof d; n++)
        d[n] = v[n];
    while (n > 0 && d[n - 1] == ' ')
        n--;
    d[n] = '\0';
    if (n < 10)
        return CRIER_OK;
    for (int i = 0; i < 10; i++) {
        bool sep = i == 4 || i == 7;
        if (sep && d[i] == '/')
            d[i] = '-';
        if (sep ? d[i] != '-' : !crier_is_ascii_digit((unsigned char)d[i]))
            return CRIER_OK;
    }
    if (n > 10 && d[10] == ' ' && n > 11 && crier_is_ascii_digit((unsigned char)d[11]))
        d[10] = 'T';
    if (n > 10 && d[10] != 'T')
        n = 10;
    return ex_set_field(&art->date, d, n, false);
}

/* "Title | Site", "Title - Site", "Title — Site": the part after the last
 * separator goes when it is the site's name, or when the page's <h1> is the
 * part before it. */
static crier_status
trim_site_suffix(crier_article *art, const char *h1)
{
    static const char *const seps[] = { " | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ",
                                        " :: ", " \xc2\xbb ", " / " };
    char *t = art->title;
    if (t == NULL)
        return CRIER_OK;
    size_t best = 0, best_k = 0;
    for (size_t s = 0; s < sizeof seps / sizeof seps[0]; s++) {
        const char *p = t, *hit;
        size_t k = strlen(seps[s]);
        while ((hit = strstr(p, seps[s])) != NULL) {
            if ((size_t)(hit - t) > best) {
                best = (size_t)(hit - t);
                best_k = k;
            }
            p = hit + k;
        }
    }
    if (best == 0)
        return CRIER_OK;
    const char *suffix = t + best + best_k;
    char *head = crier_strndup(t, best);
    if (head == NULL)
        return CRIER_E_NOMEM;
    bool cut = (art->site && ex_text_equal_loose(suffix, art->site)) ||
               (h1 && ex_text_equal_loose(head, h1));
    crier_status st = CRIER_OK;
    if (cut)
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

static crier_status
assemble(found *f, crier_article *art)
{
    crier_status st = CRIER_OK;
#define TRY(x)                                                                                     \
    do {                                                                                           \
        if (st == CRIER_OK)                                                                        \
            st = (x);                                                                              \
    } while (0)
    TRY(keep(&art->site, first_meta(f, F_SITE)));
    TRY(keep(&art->site, f->ld[F_SITE]));
    if (art->site && art->site[0] == '@') { /* twitter:site is a handle */
        free(art->site);
        art->site = NULL;
        TRY(keep(&art->site, f->ld[F_SITE]));
    }
    TRY(keep(&art->title, f->v[F_TITLE][0]));
    TRY(keep(&art->title, f->ld[F_TITLE]));
    TRY(keep(&art->title, first_meta(f, F_TITLE)));
    TRY(keep(&art->title, f->n_h1 == 1 ? f->h1 : NULL));
    TRY(keep(&art->title, f->title_tag));
    TRY(keep(&art->title, f->h1));
    TRY(trim_site_suffix(art, f->h1));

    TRY(set_byline(art, first_meta(f, F_BYLINE)));
    TRY(set_byline(art, f->ld[F_BYLINE]));
    TRY(set_byline(art, f->byline_el));

    TRY(set_date(art, f->v[F_DATE][0]));
    TRY(set_date(art, f->ld[F_DATE]));
    TRY(set_date(art, f->time_dt));
    TRY(set_date(art, first_meta(f, F_DATE)));

    TRY(keep(&art->lang, f->html_lang));
    TRY(keep(&art->lang, first_meta(f, F_LANG)));
    TRY(keep(&art->lang, f->ld[F_LANG]));
    fix_lang(art->lang);
    TRY(keep(&art->url, f->canonical));
    TRY(keep(&art->url, first_meta(f, F_URL)));
    TRY(keep(&art->description, first_meta(f, F_DESC)));
    TRY(keep(&art->description, f->ld[F_DESC]));
#undef TRY
    return st;
}

static void
found_free(found *f)
{
    for (int i = 0; i < F_COUNT; i++) {
        for (int j = 0; j < 10; j++)
            free(f->v[i][j]);
        free(f->ld[i]);
    }
    free(f->title_tag);
    free(f->h1);
    free(f->html_lang);
    free(f->canonical);
    free(f->rel_author);
    free(f->byline_el);
    free(f->time_dt);
}

crier_status
ex_html_metadata(ex_html *h, crier_article *art)
{
    found f = { 0 };
    crier_status st = CRIER_OK;
    size_t depth = 0;
    xmlNodePtr root = xmlDocGetRootElement(h->doc);
    for (xmlNodePtr n = root; n && st == CRIER_OK;
         n = ex_next(n, root, depth >= h->lim->max_dom_depth, &depth))
        if (n->type == XML_ELEMENT_NODE)
            st = visit(&f, n);
    if (st == CRIER_OK)
        st = assemble(&f, art);
    found_free(&f);
    return st;
}
