/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The manifest: what an output folder holds and why. Plain text, one page a
 * line, tab-separated fields with \\ \t \n \r escaped, so that it reads in a
 * diff and survives being cut anywhere: a run appends each finished page as one
 * line (a run killed mid-write leaves at most one broken last line, which is
 * skipped), and rewrites the whole file atomically when it ends. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/batch_internal.h"

static const char header[] = "# crier manifest 1: path state reason hash options output frames "
                             "rate millis title date description byline lang\n";
static const char main_name[] = ".crier-manifest.tsv";
static const char prefix[] = ".crier-manifest.";

void
bt_entry_free(bt_entry *e)
{
    if (e == NULL)
        return;
    for (unsigned i = 0; i < BT_FIELD_COUNT; i++) {
        free(e->f[i]);
        e->f[i] = NULL;
    }
}

static crier_status
put_escaped(crier_buf *out, const char *s)
{
    crier_status st = CRIER_OK;
    for (; s != NULL && *s != '\0' && st == CRIER_OK; s++) {
        switch (*s) {
        case '\\': st = crier_buf_puts(out, "\\\\"); break;
        case '\t': st = crier_buf_puts(out, "\\t"); break;
        case '\n': st = crier_buf_puts(out, "\\n"); break;
        case '\r': st = crier_buf_puts(out, "\\r"); break;
        default: st = crier_buf_putc(out, *s); break;
        }
    }
    return st;
}

crier_status
bt_entry_format(const bt_entry *e, crier_buf *out)
{
    crier_status st = CRIER_OK;
    for (unsigned i = 0; i < BT_FIELD_COUNT && st == CRIER_OK; i++) {
        if (i > 0)
            st = crier_buf_putc(out, '\t');
        if (st == CRIER_OK)
            st = put_escaped(out, e->f[i]);
    }
    if (st == CRIER_OK)
        st = crier_buf_putc(out, '\n');
    return st;
}

static char *
unescape(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    size_t n = 0;
    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len) {
            char c = s[++i];
            out[n++] = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
        } else {
            out[n++] = s[i];
        }
    }
    out[n] = '\0';
    return out;
}

bool
bt_entry_parse(const char *line, size_t len, bt_entry *ret)
{
    bt_entry e = { 0 };
    size_t start = 0;
    unsigned i = 0;

    if (len == 0 || line[0] == '#')
        return false;
    for (size_t pos = 0; pos <= len; pos++) {
        if (pos < len && line[pos] != '\t')
            continue;
        if (i == BT_FIELD_COUNT || (e.f[i] = unescape(line + start, pos - start)) == NULL)
            goto bad;
        i++;
        start = pos + 1;
    }
    if (i != BT_FIELD_COUNT || e.f[BT_PATH][0] == '\0')
        goto bad;
    *ret = e;
    return true;
bad:
    bt_entry_free(&e);
    return false;
}

crier_status
bt_manifest_put(bt_manifest *m, bt_entry *e)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        bt_entry *p = realloc(m->entries, cap * sizeof *p);
        if (p == NULL)
            return CRIER_E_NOMEM;
        m->entries = p;
        m->cap = cap;
    }
    e->seq = m->n;
    m->entries[m->n++] = *e;
    *e = (bt_entry){ 0 };
    return CRIER_OK;
}

static int
cmp_entry(const void *a, const void *b)
{
    const bt_entry *x = a, *y = b;
    int c = strcmp(x->f[BT_PATH], y->f[BT_PATH]);
    return c != 0 ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

void
bt_manifest_sort(bt_manifest *m)
{
    size_t n = 0;
    if (m->n > 0)
        qsort(m->entries, m->n, sizeof *m->entries, cmp_entry);
    for (size_t i = 0; i < m->n; i++) {
        if (i + 1 < m->n && strcmp(m->entries[i].f[BT_PATH], m->entries[i + 1].f[BT_PATH]) == 0) {
            bt_entry_free(&m->entries[i]); /* a later line for the same page wins */
            continue;
        }
        m->entries[n] = m->entries[i];
        m->entries[n].seq = n;
        n++;
    }
    m->n = n;
}

const bt_entry *
bt_manifest_find(const bt_manifest *m, const char *path)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->entries[mid].f[BT_PATH], path);
        if (c == 0)
            return &m->entries[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

void
bt_manifest_free(bt_manifest *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->n; i++)
        bt_entry_free(&m->entries[i]);
    free(m->entries);
    *m = (bt_manifest){ 0 };
}

static bool
is_shard_manifest(const char *name)
{
    size_t len = strlen(name), plen = sizeof prefix - 1;
    return len > plen + 4 && strncmp(name, prefix, plen) == 0 &&
           strcmp(name + len - 4, ".tsv") == 0 && strstr(name + plen, "-of-") != NULL;
}

static crier_status
load_file(const char *path, bt_manifest *m)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    crier_status st = CRIER_OK;
    FILE *f = fopen(path, "r");

    if (f == NULL)
        return errno == ENOENT ? CRIER_OK : CRIER_E_READ;
    while (st == CRIER_OK && (n = getline(&line, &cap, f)) > 0) {
        bt_entry e = { 0 };
        if (line[n - 1] != '\n')
            break; /* cut off by a killed run */
        if (bt_entry_parse(line, (size_t)n - 1, &e))
            st = bt_manifest_put(m, &e);
        bt_entry_free(&e);
    }
    if (ferror(f) && st == CRIER_OK)
        st = CRIER_E_READ;
    free(line);
    fclose(f);
    return st;
}

static int
cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

crier_status
bt_manifest_load_dir(const char *dir, bt_manifest *m)
{
    char **names = NULL;
    size_t n = 0, cap = 0;
    crier_buf path;
    crier_status st;
    struct dirent *de;

    crier_buf_init(&path, 4096);
    if ((st = bt_path_join(dir, main_name, &path)) != CRIER_OK ||
        (st = load_file(crier_buf_str(&path), m)) != CRIER_OK)
        goto out;
    DIR *d = opendir(dir);
    if (d == NULL)
        goto out; /* no folder yet: nothing recorded */
    while (st == CRIER_OK && (de = readdir(d)) != NULL) {
        if (!is_shard_manifest(de->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **p = realloc(names, cap * sizeof *p);
            if (p == NULL) {
                st = CRIER_E_NOMEM;
                break;
            }
            names = p;
        }
        if ((names[n] = crier_strndup(de->d_name, strlen(de->d_name))) == NULL)
            st = CRIER_E_NOMEM;
        else
            n++;
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n && st == CRIER_OK; i++) {
        crier_buf_clear(&path);
        if ((st = bt_path_join(dir, names[i], &path)) == CRIER_OK)
            st = load_file(crier_buf_str(&path), m);
    }
    if (st == CRIER_OK)
        bt_manifest_sort(m);
out:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    crier_buf_free(&path);
    return st;
}

crier_status
bt_manifest_name(unsigned k, unsigned n, crier_buf *out)
{
    if (n <= 1)
        return crier_buf_puts(out, main_name);
    return crier_buf_printf(out, "%s%u-of-%u.tsv", prefix, k, n);
}

/* Streams the lines to a temporary file beside the manifest and renames it
 * over the old one: a folder of millions of pages never holds its manifest
 * text in memory, and a reader sees the old file or the new, never half. */
crier_status
bt_manifest_write(const char *dir, const char *name, const bt_manifest *m)
{
    crier_buf line, path, tmp;
    crier_status st = CRIER_OK;
    FILE *f = NULL;
    int fd;

    crier_buf_init(&line, (size_t)1 << 24);
    crier_buf_init(&path, 8192);
    crier_buf_init(&tmp, 8192);
    if ((st = bt_path_join(dir, name, &path)) != CRIER_OK ||
        (st = bt_path_join(dir, name, &tmp)) != CRIER_OK ||
        (st = crier_buf_puts(&tmp, ".XXXXXX")) != CRIER_OK)
        goto out;
    if ((fd = mkstemp(tmp.data)) < 0 || (f = fdopen(fd, "w")) == NULL) {
        if (fd >= 0) {
            close(fd);
            unlink(tmp.data);
        }
        st = CRIER_E_WRITE;
        goto out;
    }
    (void)fchmod(fd, 0644);
    if (fputs(header, f) == EOF)
        st = CRIER_E_WRITE;
    for (size_t i = 0; i < m->n && st == CRIER_OK; i++) {
        crier_buf_clear(&line);
        st = bt_entry_format(&m->entries[i], &line);
        if (st == CRIER_OK && fwrite(line.data, 1, line.len, f) != line.len)
            st = CRIER_E_WRITE;
    }
    if (fclose(f) != 0 && st == CRIER_OK)
        st = CRIER_E_WRITE;
    if (st == CRIER_OK && rename(tmp.data, path.data) != 0)
        st = CRIER_E_WRITE;
    if (st != CRIER_OK)
        (void)unlink(tmp.data);
out:
    crier_buf_free(&line);
    crier_buf_free(&path);
    crier_buf_free(&tmp);
    return st;
}

void
bt_manifest_remove_shards(const char *dir)
{
    crier_buf path;
    struct dirent *de;
    DIR *d = opendir(dir);

    if (d == NULL)
        return;
    crier_buf_init(&path, 4096);
    while ((de = readdir(d)) != NULL) {
        if (!is_shard_manifest(de->d_name))
            continue;
        crier_buf_clear(&path);
        if (bt_path_join(dir, de->d_name, &path) == CRIER_OK)
            (void)unlink(crier_buf_str(&path));
    }
    closedir(d);
    crier_buf_free(&path);
}

double
bt_entry_audio_seconds(const bt_entry *e)
{
    unsigned long long frames = strtoull(e->f[BT_FRAMES], NULL, 10);
    unsigned long rate = strtoul(e->f[BT_RATE], NULL, 10);
    return rate > 0 ? (double)frames / (double)rate : 0.0;
}

crier_batch_state
bt_entry_state(const bt_entry *e)
{
    if (strcmp(e->f[BT_STATE], "done") == 0)
        return CRIER_BATCH_DONE;
    if (strcmp(e->f[BT_STATE], "skipped") == 0)
        return CRIER_BATCH_SKIPPED;
    return CRIER_BATCH_FAILED;
}

const char *
crier_batch_state_name(crier_batch_state state)
{
    switch (state) {
    case CRIER_BATCH_DONE: return "done";
    case CRIER_BATCH_SKIPPED: return "skipped";
    case CRIER_BATCH_FAILED: return "failed";
    }
    return "failed";
}
