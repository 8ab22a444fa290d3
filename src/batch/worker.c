/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A worker process: pages in, result lines out. Each page is read and hashed,
 * skipped when the manifest says it is up to date, else extracted and rendered
 * into the worker's staging folder (inside the output folder, so the final
 * rename is atomic) and renamed into place. A worker killed at any point leaves
 * at most its staging folder, which the parent or the next run removes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch/batch_internal.h"
#include "core/utf8.h"
#include "input/input.h"

#define DESCRIPTION_MAX 4000 /* bytes of an article's description kept for the feed */

static double
now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads the whole file at path (at most max bytes) into out. */
static crier_status
read_file(const char *path, size_t max, crier_buf *out)
{
    crier_status st = CRIER_OK;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? CRIER_E_NOENT : errno == EISDIR ? CRIER_E_ISDIR : CRIER_E_READ;
    for (;;) {
        if ((st = crier_buf_reserve(out, 65536)) != CRIER_OK) {
            if (st == CRIER_E_LIMIT)
                st = CRIER_E_TOO_BIG;
            break;
        }
        ssize_t n = read(fd, out->data + out->len, 65536);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = CRIER_E_READ;
            break;
        }
        if (n == 0)
            break;
        out->len += (size_t)n;
        out->data[out->len] = '\0';
        if (out->len > max) {
            st = CRIER_E_TOO_BIG;
            break;
        }
    }
    close(fd);
    return st;
}

static bool
file_exists(const char *dir, const char *name)
{
    crier_buf p;
    struct stat sb;
    bool ok;
    crier_buf_init(&p, 8192);
    ok = bt_path_join(dir, name, &p) == CRIER_OK && stat(crier_buf_str(&p), &sb) == 0 &&
         S_ISREG(sb.st_mode);
    crier_buf_free(&p);
    return ok;
}

/* Sets field i to a copy of s (NULL = ""), at most max bytes, cut at a
 * character boundary. */
static crier_status
set_field(bt_entry *e, enum bt_field i, const char *s, size_t max)
{
    size_t len = s ? strlen(s) : 0;
    if (len > max) {
        len = max;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    free(e->f[i]);
    e->f[i] = crier_strndup(s ? s : "", len);
    return e->f[i] ? CRIER_OK : CRIER_E_NOMEM;
}

static crier_status
set_number(bt_entry *e, enum bt_field i, unsigned long long v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%llu", v);
    return set_field(e, i, tmp, sizeof tmp);
}

/* The files a page makes in the output folder: its audio first, then the
 * sidecars the run asks for. */
typedef struct page_files {
    crier_buf names[3];
    size_t n;
} page_files;

static crier_status
page_files_init(page_files *pf, const bt_ctx *ctx, const char *audio)
{
    crier_status st;
    for (size_t i = 0; i < 3; i++)
        crier_buf_init(&pf->names[i], 1024);
    pf->n = 1;
    st = crier_buf_puts(&pf->names[0], audio);
    if (st == CRIER_OK && ctx->opts->transcript)
        st = bt_sidecar_name(audio, BT_TRANSCRIPT_SUFFIX, &pf->names[pf->n++]);
    if (st == CRIER_OK && ctx->opts->chapters)
        st = bt_sidecar_name(audio, BT_CHAPTERS_SUFFIX, &pf->names[pf->n++]);
    return st;
}

static void
page_files_free(page_files *pf)
{
    for (size_t i = 0; i < 3; i++)
        crier_buf_free(&pf->names[i]);
}

static bool
up_to_date(const bt_ctx *ctx, const bt_entry *old, const char *hash)
{
    page_files pf;
    if (ctx->opts->force || old == NULL || bt_entry_state(old) == CRIER_BATCH_FAILED ||
        strcmp(old->f[BT_HASH], hash) != 0 || strcmp(old->f[BT_OPTIONS], ctx->options) != 0 ||
        old->f[BT_OUTPUT][0] == '\0')
        return false;
    bool ok = page_files_init(&pf, ctx, old->f[BT_OUTPUT]) == CRIER_OK;
    for (size_t i = 0; i < pf.n && ok; i++)
        ok = file_exists(ctx->output_dir, crier_buf_str(&pf.names[i]));
    page_files_free(&pf);
    return ok;
}

/* Removes dir/name, ignoring a file that is not there. */
static void
remove_in(const char *dir, const char *name)
{
    crier_buf p;
    crier_buf_init(&p, 8192);
    if (bt_path_join(dir, name, &p) == CRIER_OK)
        (void)unlink(crier_buf_str(&p));
    crier_buf_free(&p);
}

/* Removes an earlier output of a page (its audio and any sidecar). */
static void
remove_outputs(const char *dir, const char *audio)
{
    static const char *const suffixes[] = { BT_TRANSCRIPT_SUFFIX, BT_CHAPTERS_SUFFIX };
    crier_buf side;
    remove_in(dir, audio);
    crier_buf_init(&side, 1024);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        crier_buf_clear(&side);
        if (bt_sidecar_name(audio, suffixes[i], &side) == CRIER_OK)
            remove_in(dir, crier_buf_str(&side));
    }
    crier_buf_free(&side);
}

/* Renders art into the staging folder and moves the page's files into the
 * output folder: sidecars first, the audio last, so that the audio file (what
 * a later run checks first) never stands without them. */
static crier_status
render_files(const bt_ctx *ctx, crier_renderer *r, const crier_article *art, const page_files *pf,
             size_t *ret_frames, crier_failure *f)
{
    crier_buf staged[3], final;
    crier_status st = CRIER_OK;
    size_t i;

    crier_buf_init(&final, 8192);
    for (i = 0; i < 3; i++)
        crier_buf_init(&staged[i], 8192);
    for (i = 0; i < pf->n && st == CRIER_OK; i++)
        st = bt_path_join(ctx->staging_dir, crier_buf_str(&pf->names[i]), &staged[i]);
    if (st != CRIER_OK)
        goto out;
    /* One thread per worker: batch runs a worker per core, so an encoder
     * thread would only compete with the other workers (and make --jobs 1 a
     * two-core run). */
    crier_file_opts fopts = crier_file_opts_default();
    fopts.encoder_thread = false;
    crier_sidecars sc = { NULL, NULL };
    for (i = 1; i < pf->n; i++) {
        if (strstr(crier_buf_str(&pf->names[i]), BT_CHAPTERS_SUFFIX) != NULL)
            sc.chapters = crier_buf_str(&staged[i]);
        else
            sc.transcript = crier_buf_str(&staged[i]);
    }
    st = crier_renderer_run(r, art, crier_buf_str(&staged[0]), ctx->format, &fopts, &sc,
                            ret_frames, f);
    for (i = pf->n; st == CRIER_OK && i-- > 0;) {
        crier_buf_clear(&final);
        if ((st = bt_path_join(ctx->output_dir, crier_buf_str(&pf->names[i]), &final)) == CRIER_OK &&
            rename(crier_buf_str(&staged[i]), crier_buf_str(&final)) != 0) {
            f->where = CRIER_WHERE_OUTPUT;
            st = CRIER_E_WRITE;
        }
    }
out:
    if (st != CRIER_OK) /* what was staged and not moved */
        for (i = 0; i < pf->n; i++)
            if (staged[i].len > 0)
                (void)unlink(crier_buf_str(&staged[i]));
    for (i = 0; i < 3; i++)
        crier_buf_free(&staged[i]);
    crier_buf_free(&final);
    return st;
}

/* The failure's reason as the report shows it. A voice or language pack that
 * cannot load would fail every page: that stops the batch. */
static void
fail(bt_entry *e, crier_status st, const crier_failure *f, const char *output)
{
    crier_buf r;
    crier_buf_init(&r, 1024);
    const char *msg = crier_status_message(st);
    if (f != NULL && f->where == CRIER_WHERE_SPEECH)
        crier_buf_printf(&r, "%svoice: %s", BT_FATAL_PREFIX, msg);
    else if (f != NULL && f->where == CRIER_WHERE_LANG)
        crier_buf_printf(&r, "%slanguage pack: %s", BT_FATAL_PREFIX, msg);
    else if (f != NULL && f->where == CRIER_WHERE_OUTPUT)
        crier_buf_printf(&r, "output %s: %s", output ? output : "", msg);
    else
        crier_buf_puts(&r, msg);
    set_field(e, BT_STATE, "failed", 16);
    set_field(e, BT_REASON, crier_buf_str(&r), 1024);
    crier_buf_free(&r);
}

/* Extracts and renders one page whose bytes are read; fills e. *x and *r are
 * made on first use and kept for the worker's next pages (the extractor's
 * language data is read once per worker, not once per page); a failure to make
 * one fails this page only, and the next page tries again. */
static void
render_page(const bt_ctx *ctx, crier_extractor **x, crier_renderer **r, const char *path,
            const crier_buf *bytes, time_t mtime, const bt_entry *old, bt_entry *e)
{
    const crier_limits *lim = &ctx->opts->pipe.limits;
    crier_document *doc = NULL;
    crier_article *art = NULL;
    crier_failure f = { CRIER_WHERE_INPUT, 0 };
    crier_buf name;
    page_files pf = { .n = 0 };
    size_t frames = 0;
    crier_status st;

    crier_buf_init(&name, 1024);
    for (size_t i = 0; i < 3; i++)
        crier_buf_init(&pf.names[i], 1024);
    st = crier_input_from_bytes(path, bytes->data ? bytes->data : "", bytes->len,
                                crier_input_hint_from_name(path), lim, &doc);
    if (st == CRIER_OK && *x == NULL)
        st = crier_extractor_new(NULL, x);
    if (st == CRIER_OK)
        st = crier_extractor_run(*x, doc, lim, &art);
    if (st == CRIER_OK)
        st = bt_output_name(path, art->title, art->date, ctx->ext, &name);
    if (st != CRIER_OK)
        goto out;
    if (*r == NULL && (st = crier_renderer_new(&ctx->opts->pipe, r, &f)) != CRIER_OK)
        goto out;
    f.where = CRIER_WHERE_OUTPUT;
    if ((st = page_files_init(&pf, ctx, crier_buf_str(&name))) != CRIER_OK ||
        (st = render_files(ctx, *r, art, &pf, &frames, &f)) != CRIER_OK)
        goto out;
    /* The page's title or date changed its name: the old files are not its outputs any more. */
    if (old != NULL && old->f[BT_OUTPUT][0] != '\0' &&
        strcmp(old->f[BT_OUTPUT], crier_buf_str(&name)) != 0)
        remove_outputs(ctx->output_dir, old->f[BT_OUTPUT]);
    set_field(e, BT_STATE, "done", 16);
    set_field(e, BT_OUTPUT, crier_buf_str(&name), 1024);
    set_number(e, BT_FRAMES, frames);
    set_number(e, BT_RATE, (unsigned long long)crier_renderer_rate(*r));
    set_field(e, BT_TITLE, art->title, 4096);
    set_field(e, BT_DATE, art->date, 64);
    if (art->date == NULL) {
        /* Undated article: the feed needs a date, and when the page was saved
         * is the best one known. Not used in the name, which must not depend
         * on how the file was copied. */
        char iso[32];
        struct tm tm;
        if (gmtime_r(&mtime, &tm) != NULL && strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0)
            set_field(e, BT_DATE, iso, sizeof iso);
    }
    set_field(e, BT_DESCRIPTION, art->description, DESCRIPTION_MAX);
    set_field(e, BT_BYLINE, art->byline, 1024);
    set_field(e, BT_LANG, art->lang, 64);
out:
    if (st != CRIER_OK)
        fail(e, st, &f, crier_buf_str(&name));
    crier_article_free(art);
    crier_document_free(doc);
    crier_buf_free(&name);
    page_files_free(&pf);
}

/* One page: fills e (every field set; "" when unknown). */
static void
do_page(const bt_ctx *ctx, crier_extractor **x, crier_renderer **r, const char *path,
        bt_entry *e)
{
    const bt_entry *old = bt_manifest_find(ctx->old, path);
    double t0 = now_seconds();
    char hash[65];
    crier_buf full, bytes;
    crier_status st;

    for (unsigned i = 0; i < BT_FIELD_COUNT; i++)
        set_field(e, (enum bt_field)i, "", 0);
    set_field(e, BT_PATH, path, PATH_MAX);
    set_field(e, BT_OPTIONS, ctx->options, 4096);
    crier_buf_init(&full, PATH_MAX);
    crier_buf_init(&bytes, ctx->opts->pipe.limits.max_input_bytes + 65536);
    st = bt_path_join(ctx->input_dir, path, &full);
    if (st == CRIER_OK)
        st = read_file(crier_buf_str(&full), ctx->opts->pipe.limits.max_input_bytes, &bytes);
    if (st != CRIER_OK) {
        fail(e, st, NULL, NULL);
        goto out;
    }
    bt_sha256_hex(bytes.data ? bytes.data : "", bytes.len, hash);
    set_field(e, BT_HASH, hash, 64);
    if (up_to_date(ctx, old, hash)) {
        for (unsigned i = BT_OUTPUT; i < BT_FIELD_COUNT; i++)
            set_field(e, (enum bt_field)i, old->f[i], (size_t)-1);
        set_field(e, BT_STATE, "skipped", 16);
        set_field(e, BT_MILLIS, "0", 4);
        goto out;
    }
    struct stat sb;
    render_page(ctx, x, r, path, &bytes, stat(crier_buf_str(&full), &sb) == 0 ? sb.st_mtime : 0, old,
                e);
    set_number(e, BT_MILLIS, (unsigned long long)((now_seconds() - t0) * 1000.0 + 0.5));
out:
    crier_buf_free(&full);
    crier_buf_free(&bytes);
}

static bool
write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

static bool
read_index(int fd, uint32_t *ret)
{
    unsigned char b[4];
    size_t got = 0;
    while (got < sizeof b) {
        ssize_t n = read(fd, b + got, sizeof b - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        got += (size_t)n;
    }
    *ret = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    return true;
}

void
bt_worker_main(const bt_ctx *ctx, const bt_pages *pages, int task_fd, int result_fd)
{
    crier_extractor *x = NULL;
    crier_renderer *r = NULL;
    crier_buf line;
    uint32_t idx;

    /* The parent decides what a signal means; a worker just stops. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    crier_buf_init(&line, (size_t)1 << 20);
    if (mkdir(ctx->staging_dir, 0700) != 0 && errno != EEXIST)
        return;
    while (read_index(task_fd, &idx) && idx < pages->n) {
        bt_entry e = { 0 };
        do_page(ctx, &x, &r, pages->paths[idx], &e);
        crier_buf_clear(&line);
        bool ok = bt_entry_format(&e, &line) == CRIER_OK && write_all(result_fd, line.data, line.len);
        bt_entry_free(&e);
        if (!ok)
            break;
    }
    crier_renderer_free(r);
    crier_extractor_free(x);
    crier_buf_free(&line);
    bt_remove_staging(ctx->staging_dir);
}

void
bt_remove_staging(const char *path)
{
    crier_buf p;
    struct dirent *de;
    DIR *d = opendir(path);
    if (d == NULL)
        return;
    crier_buf_init(&p, 8192);
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        crier_buf_clear(&p);
        if (bt_path_join(path, de->d_name, &p) == CRIER_OK)
            (void)unlink(crier_buf_str(&p));
    }
    closedir(d);
    crier_buf_free(&p);
    (void)rmdir(path);
}

static crier_status
host_name(crier_buf *out)
{
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0')
        return crier_buf_puts(out, "localhost");
    crier_status st = CRIER_OK;
    for (const char *p = host; *p && st == CRIER_OK; p++)
        st = crier_buf_putc(out, crier_is_ascii_alnum((unsigned char)*p) || *p == '-' ? *p : '_');
    return st;
}

crier_status
bt_staging_name(long pid, crier_buf *out)
{
    crier_status st = crier_buf_puts(out, ".crier-work-");
    if (st == CRIER_OK)
        st = host_name(out);
    if (st == CRIER_OK)
        st = crier_buf_printf(out, "-%ld", pid);
    return st;
}

/* Whether pid runs: a zombie (killed, not yet reaped by its new parent) does
 * not, though kill(pid, 0) still finds it. */
static bool
process_alive(pid_t pid)
{
    char path[64], buf[256];
    if (kill(pid, 0) != 0 && errno == ESRCH)
        return false;
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return true; /* no /proc: trust kill */
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *paren = strrchr(buf, ')'); /* "pid (comm) S ..." */
    return !(paren != NULL && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X'));
}

void
bt_clean_stale_staging(const char *dir)
{
    crier_buf mine, p;
    struct dirent *de;
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    crier_buf_init(&mine, 1024);
    crier_buf_init(&p, 8192);
    if (crier_buf_puts(&mine, ".crier-work-") != CRIER_OK || host_name(&mine) != CRIER_OK ||
        crier_buf_putc(&mine, '-') != CRIER_OK)
        goto out;
    while ((de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, mine.data, mine.len) != 0)
            continue; /* another host's worker may still be running */
        char *end = NULL;
        long pid = strtol(de->d_name + mine.len, &end, 10);
        if (end == de->d_name + mine.len || *end != '\0' || pid <= 0)
            continue;
        if (process_alive((pid_t)pid))
            continue;
        crier_buf_clear(&p);
        if (bt_path_join(dir, de->d_name, &p) == CRIER_OK)
            bt_remove_staging(crier_buf_str(&p));
    }
out:
    closedir(d);
    crier_buf_free(&mine);
    crier_buf_free(&p);
}
