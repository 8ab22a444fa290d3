/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The podcast feed: RSS 2.0 with the iTunes tags Apple's directory requires
 * and the Podcasting 2.0 transcript and chapters tags, written with libxml2's
 * xmlTextWriter (escaping is its job, not ours), regenerated whole from the
 * manifests after every run, and renamed into place. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/xmlwriter.h>

#include "batch/batch_internal.h"
#include "core/utf8.h"

#define NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_PODCAST "https://podcastindex.org/namespace/1.0"
#define NS_ATOM "http://www.w3.org/2005/Atom"

static const struct {
    const char *ext;
    const char *mime;
} mime_types[] = {
    { "mp3", "audio/mpeg" }, { "ogg", "audio/ogg" },   { "oga", "audio/ogg" },
    { "opus", "audio/ogg" }, { "flac", "audio/flac" }, { "wav", "audio/wav" },
    { "m4a", "audio/mp4" },
};

static const char *
mime_type(const char *name)
{
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof mime_types / sizeof mime_types[0]; i++)
        if (strcmp(dot + 1, mime_types[i].ext) == 0)
            return mime_types[i].mime;
    return "application/octet-stream";
}

/* Appends base_url "/" name, the name percent-encoded (RFC 3986 unreserved kept). */
static crier_status
put_url(crier_buf *out, const char *base, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t bl = strlen(base);
    crier_status st = crier_buf_append(out, base, bl);
    if (st == CRIER_OK && (bl == 0 || base[bl - 1] != '/'))
        st = crier_buf_putc(out, '/');
    for (const unsigned char *p = (const unsigned char *)name; *p && st == CRIER_OK; p++) {
        if (crier_is_ascii_alnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
            st = crier_buf_putc(out, (char)*p);
        else
            st = crier_buf_printf(out, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
    return st;
}

/* The size of dir/name, or -1 when it is not a regular file. */
static long long
file_size(const char *dir, const char *name)
{
    crier_buf p;
    struct stat sb;
    long long size = -1;
    crier_buf_init(&p, 8192);
    if (bt_path_join(dir, name, &p) == CRIER_OK && stat(crier_buf_str(&p), &sb) == 0 &&
        S_ISREG(sb.st_mode))
        size = (long long)sb.st_size;
    crier_buf_free(&p);
    return size;
}

typedef struct feed_ctx {
    xmlTextWriterPtr w;
    const crier_batch_feed *feed;
    const char *dir;
    int rc;  /* the first negative writer result, else 0 */
} feed_ctx;

static void
check(feed_ctx *c, int rc)
{
    if (rc < 0 && c->rc == 0)
        c->rc = rc;
}

static void
element(feed_ctx *c, const char *prefix, const char *name, const char *text)
{
    if (text == NULL)
        return;
    if (prefix != NULL)
        check(c, xmlTextWriterWriteElementNS(c->w, BAD_CAST prefix, BAD_CAST name, NULL,
                                             BAD_CAST text));
    else
        check(c, xmlTextWriterWriteElement(c->w, BAD_CAST name, BAD_CAST text));
}

/* <prefix:name attr="value".../> with NULL-terminated attribute pairs. */
static void
empty_element(feed_ctx *c, const char *prefix, const char *name, const char *const *attrs)
{
    check(c, prefix ? xmlTextWriterStartElementNS(c->w, BAD_CAST prefix, BAD_CAST name, NULL)
                    : xmlTextWriterStartElement(c->w, BAD_CAST name));
    for (size_t i = 0; attrs[i] != NULL; i += 2)
        check(c, xmlTextWriterWriteAttribute(c->w, BAD_CAST attrs[i], BAD_CAST attrs[i + 1]));
    check(c, xmlTextWriterEndElement(c->w));
}

/* A podcast:transcript or podcast:chapters tag when the sidecar file exists. */
static void
sidecar(feed_ctx *c, const char *audio, const char *suffix, const char *tag, const char *type)
{
    crier_buf name, url;
    crier_buf_init(&name, 2048);
    crier_buf_init(&url, 8192);
    if (bt_sidecar_name(audio, suffix, &name) == CRIER_OK &&
        file_size(c->dir, crier_buf_str(&name)) >= 0 &&
        put_url(&url, c->feed->base_url, crier_buf_str(&name)) == CRIER_OK) {
        const char *attrs[] = { "url", crier_buf_str(&url), "type", type, NULL };
        empty_element(c, "podcast", tag, attrs);
    }
    crier_buf_free(&name);
    crier_buf_free(&url);
}

static void
item(feed_ctx *c, const bt_entry *e, long long size)
{
    crier_buf url, guid, date, len, dur;
    double secs = bt_entry_audio_seconds(e);
    unsigned long long s = (unsigned long long)(secs + 0.5);

    crier_buf_init(&url, 8192);
    crier_buf_init(&guid, 256);
    crier_buf_init(&date, 64);
    crier_buf_init(&len, 32);
    crier_buf_init(&dur, 32);
    if (put_url(&url, c->feed->base_url, e->f[BT_OUTPUT]) != CRIER_OK ||
        bt_guid(e->f[BT_PATH], &guid) != CRIER_OK ||
        crier_buf_printf(&len, "%lld", size) != CRIER_OK ||
        crier_buf_printf(&dur, "%02llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60) != CRIER_OK) {
        c->rc = -1;
        goto out;
    }
    crier_buf path_title; /* a file name need not be UTF-8; XML must be */
    crier_buf_init(&path_title, 8192);
    if (crier_utf8_repair(e->f[BT_PATH], strlen(e->f[BT_PATH]), &path_title) != CRIER_OK)
        c->rc = -1;
    const char *title = e->f[BT_TITLE][0] ? e->f[BT_TITLE] : crier_buf_str(&path_title);
    check(c, xmlTextWriterStartElement(c->w, BAD_CAST "item"));
    element(c, NULL, "title", title);
    element(c, NULL, "description", e->f[BT_DESCRIPTION][0] ? e->f[BT_DESCRIPTION] : title);
    if (bt_rfc822_date(e->f[BT_DATE], &date))
        element(c, NULL, "pubDate", crier_buf_str(&date));
    const char *enc[] = { "url", crier_buf_str(&url), "length", crier_buf_str(&len),
                          "type", mime_type(e->f[BT_OUTPUT]), NULL };
    empty_element(c, NULL, "enclosure", enc);
    check(c, xmlTextWriterStartElement(c->w, BAD_CAST "guid"));
    check(c, xmlTextWriterWriteAttribute(c->w, BAD_CAST "isPermaLink", BAD_CAST "false"));
    check(c, xmlTextWriterWriteString(c->w, BAD_CAST crier_buf_str(&guid)));
    check(c, xmlTextWriterEndElement(c->w));
    if (e->f[BT_BYLINE][0])
        element(c, "itunes", "author", e->f[BT_BYLINE]);
    element(c, "itunes", "duration", crier_buf_str(&dur));
    element(c, "itunes", "explicit", "false");
    sidecar(c, e->f[BT_OUTPUT], BT_TRANSCRIPT_SUFFIX, "transcript", "text/vtt");
    sidecar(c, e->f[BT_OUTPUT], BT_CHAPTERS_SUFFIX, "chapters", "application/json+chapters");
    check(c, xmlTextWriterEndElement(c->w));
    crier_buf_free(&path_title);
out:
    crier_buf_free(&url);
    crier_buf_free(&guid);
    crier_buf_free(&date);
    crier_buf_free(&len);
    crier_buf_free(&dur);
}

/* Newest first (ISO dates compare as text), then by path. */
static int
cmp_newest(const void *a, const void *b)
{
    const bt_entry *x = *(const bt_entry *const *)a, *y = *(const bt_entry *const *)b;
    int c = strcmp(y->f[BT_DATE], x->f[BT_DATE]);
    return c != 0 ? c : strcmp(x->f[BT_PATH], y->f[BT_PATH]);
}

static void
channel(feed_ctx *c, const bt_entry *const *items, size_t n)
{
    const crier_batch_feed *f = c->feed;
    crier_buf title, desc, self, date;
    crier_buf_init(&title, 4096);
    crier_buf_init(&desc, 8192);
    crier_buf_init(&self, 8192);
    crier_buf_init(&date, 64);

    if (f->title != NULL) {
        crier_buf_puts(&title, f->title);
    } else {
        const char *slash = strrchr(c->dir, '/');
        crier_buf_puts(&title, slash && slash[1] ? slash + 1 : c->dir);
    }
    if (f->description != NULL)
        crier_buf_puts(&desc, f->description);
    else
        crier_buf_printf(&desc, "%s: saved articles, read aloud by crier.", crier_buf_str(&title));
    const char *feed_name = strrchr(f->path, '/');
    put_url(&self, f->base_url, feed_name ? feed_name + 1 : f->path);
    const char *lang = "en";
    for (size_t i = 0; i < n; i++)
        if (items[i]->f[BT_LANG][0]) {
            lang = items[i]->f[BT_LANG];
            break;
        }

    element(c, NULL, "title", crier_buf_str(&title));
    element(c, NULL, "link", f->base_url);
    element(c, NULL, "description", crier_buf_str(&desc));
    element(c, NULL, "language", lang);
    element(c, NULL, "generator", "crier");
    if (n > 0 && bt_rfc822_date(items[0]->f[BT_DATE], &date))
        element(c, NULL, "lastBuildDate", crier_buf_str(&date));
    const char *self_attrs[] = { "href", crier_buf_str(&self), "rel", "self",
                                 "type", "application/rss+xml", NULL };
    empty_element(c, "atom", "link", self_attrs);
    element(c, "itunes", "author", f->author ? f->author : "crier");
    element(c, "itunes", "summary", crier_buf_str(&desc));
    if (f->image != NULL) {
        const char *img[] = { "href", f->image, NULL };
        empty_element(c, "itunes", "image", img);
    }
    const char *cat[] = { "text", f->category ? f->category : "News", NULL };
    empty_element(c, "itunes", "category", cat);
    element(c, "itunes", "explicit", "false");
    element(c, "itunes", "type", "episodic");
    crier_buf_free(&title);
    crier_buf_free(&desc);
    crier_buf_free(&self);
    crier_buf_free(&date);
}

crier_status
bt_feed_write(const crier_batch_feed *feed, const char *output_dir, const bt_manifest *m)
{
    const bt_entry **items = calloc(m->n ? m->n : 1, sizeof *items);
    long long *sizes = calloc(m->n ? m->n : 1, sizeof *sizes);
    xmlBufferPtr buf = xmlBufferCreate();
    feed_ctx c = { .feed = feed, .dir = output_dir };
    size_t n = 0;
    crier_status st = CRIER_OK;

    if (items == NULL || sizes == NULL || buf == NULL ||
        (c.w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
        st = CRIER_E_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < m->n; i++) /* pages with audio on disk */
        if (bt_entry_state(&m->entries[i]) != CRIER_BATCH_FAILED &&
            m->entries[i].f[BT_OUTPUT][0] != '\0' &&
            file_size(output_dir, m->entries[i].f[BT_OUTPUT]) >= 0)
            items[n++] = &m->entries[i];
    qsort(items, n, sizeof *items, cmp_newest);
    for (size_t i = 0; i < n; i++)
        sizes[i] = file_size(output_dir, items[i]->f[BT_OUTPUT]);
    xmlTextWriterSetIndent(c.w, 1);
    xmlTextWriterSetIndentString(c.w, BAD_CAST "  ");
    check(&c, xmlTextWriterStartDocument(c.w, "1.0", "UTF-8", NULL));
    check(&c, xmlTextWriterStartElement(c.w, BAD_CAST "rss"));
    check(&c, xmlTextWriterWriteAttribute(c.w, BAD_CAST "version", BAD_CAST "2.0"));
    check(&c, xmlTextWriterWriteAttribute(c.w, BAD_CAST "xmlns:itunes", BAD_CAST NS_ITUNES));
    check(&c, xmlTextWriterWriteAttribute(c.w, BAD_CAST "xmlns:podcast", BAD_CAST NS_PODCAST));
    check(&c, xmlTextWriterWriteAttribute(c.w, BAD_CAST "xmlns:atom", BAD_CAST NS_ATOM));
    check(&c, xmlTextWriterStartElement(c.w, BAD_CAST "channel"));
    channel(&c, items, n);
    for (size_t i = 0; i < n; i++)
        item(&c, items[i], sizes[i]);
    check(&c, xmlTextWriterEndDocument(c.w)); /* closes channel and rss */
    xmlFreeTextWriter(c.w);                   /* flushes into buf */
    c.w = NULL;
    if (c.rc < 0)
        st = CRIER_E_NOMEM;
    else
        st = bt_write_atomic(feed->path, (const char *)xmlBufferContent(buf),
                             (size_t)xmlBufferLength(buf));
out:
    if (c.w != NULL)
        xmlFreeTextWriter(c.w);
    if (buf != NULL)
        xmlBufferFree(buf);
    free(items);
    free(sizes);
    return st;
}
