/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifdef __linux__
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <sched.h>
#endif
/* The parent of a batch: walk, plan, hand pages to worker processes one at a
 * time (so a slow page never holds up a queue), collect their result lines into
 * the manifest as they come, and leave the output folder consistent however
 * the run ends: finished, cancelled by a signal, or with workers killed. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch/batch_internal.h"

void
crier_batch_opts_init(crier_batch_opts *opts)
{
    *opts = (crier_batch_opts){ 0 };
    crier_pipeline_opts_init(&opts->pipe);
}

static bool
format_known(const char *name, crier_format *ret)
{
    char dummy[32];
    if (name == NULL || strlen(name) > 16 || strchr(name, '/') || strchr(name, '.'))
        return false;
    snprintf(dummy, sizeof dummy, "x.%s", name);
    return crier_format_from_path(dummy, ret) == CRIER_OK;
}

const char *
crier_batch_default_format(void)
{
    crier_format f;
    return format_known("mp3", &f) ? "mp3" : "ogg";
}

crier_status
bt_path_join(const char *a, const char *b, crier_buf *out)
{
    size_t la = strlen(a);
    crier_status st = crier_buf_append(out, a, la);
    if (st == CRIER_OK && (la == 0 || a[la - 1] != '/'))
        st = crier_buf_putc(out, '/');
    if (st == CRIER_OK)
        st = crier_buf_puts(out, b);
    return st;
}

crier_status
bt_write_atomic(const char *path, const char *bytes, size_t len)
{
    crier_buf tmp;
    crier_status st = CRIER_OK;
    int fd = -1;

    crier_buf_init(&tmp, 8192);
    const char *slash = strrchr(path, '/');
    if (slash != NULL)
        st = crier_buf_append(&tmp, path, (size_t)(slash - path + 1));
    if (st == CRIER_OK)
        st = crier_buf_printf(&tmp, ".%s.XXXXXX", slash ? slash + 1 : path);
    if (st != CRIER_OK)
        goto out;
    if ((fd = mkstemp(tmp.data)) < 0) {
        st = CRIER_E_WRITE;
        goto out;
    }
    (void)fchmod(fd, 0644); /* as a file created with the usual umask, not mkstemp's 0600 */
    for (size_t done = 0; done < len && st == CRIER_OK;) {
        ssize_t n = write(fd, bytes + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            st = CRIER_E_WRITE;
        else
            done += (size_t)n;
    }
    if (close(fd) != 0 && st == CRIER_OK)
        st = CRIER_E_WRITE;
    if (st == CRIER_OK && rename(tmp.data, path) != 0)
        st = CRIER_E_WRITE;
    if (st != CRIER_OK)
        (void)unlink(tmp.data);
out:
    crier_buf_free(&tmp);
    return st;
}

static double
now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The options that shape the audio, as the manifest records them: a page
 * rendered with other options is not up to date. */
static crier_status
audio_options(const crier_batch_opts *o, const char *format, crier_buf *out)
{
    const crier_pipeline_opts *p = &o->pipe;
    return crier_buf_printf(out,
                            "format=%s voice=%s rate=%d lang=%s intro=%s captions=%s "
                            "transcript=%s chapters=%s",
                            format, p->speech.voice ? p->speech.voice : "default",
                            p->speech.rate_wpm ? p->speech.rate_wpm : 175, p->lang ? p->lang : "en",
                            p->norm.intro ? "yes" : "no", p->norm.captions ? "yes" : "no",
                            o->transcript ? "yes" : "no", o->chapters ? "yes" : "no");
}

typedef struct worker {
    pid_t pid;          /* 0 = no process */
    int fd;             /* socket to the worker: tasks out, result lines in */
    long page;          /* index of the page it works on; -1 = idle */
    crier_buf in;       /* result bytes not yet a whole line */
    crier_buf staging;  /* its staging folder */
} worker;

typedef struct run {
    const char *output_dir;
    const crier_batch_opts *opts;
    bt_ctx ctx;
    const bt_pages *pages;    /* this run's slice */
    worker *w;
    size_t n_workers;
    bt_manifest results;      /* this run's lines, in order of arrival */
    int journal;              /* the run's manifest file, appended to; -1 = none */
    crier_batch_summary sum;
    double t0;
    crier_status fatal;       /* a result said every page would fail */
    crier_batch_where fatal_where;
} run;

static void
close_worker_fd(worker *w)
{
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
}

static crier_status
spawn(run *r, worker *w)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return CRIER_E_NOMEM;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        return CRIER_E_NOMEM;
    }
    if (pid == 0) {
        /* Only its own socket stays open, so that the parent sees a worker's
         * death as the end of that worker's socket. */
        for (size_t i = 0; i < r->n_workers; i++)
            if (r->w[i].fd >= 0)
                close(r->w[i].fd);
        if (r->journal >= 0)
            close(r->journal);
        close(sv[0]);
        bt_ctx ctx = r->ctx;
        crier_buf staging;
        crier_buf_init(&staging, 8192);
        crier_buf name;
        crier_buf_init(&name, 1024);
        if (bt_staging_name((long)getpid(), &name) == CRIER_OK &&
            bt_path_join(r->output_dir, crier_buf_str(&name), &staging) == CRIER_OK) {
            ctx.staging_dir = crier_buf_str(&staging);
            bt_worker_main(&ctx, r->pages, sv[1], sv[1]);
        }
        _exit(0);
    }
    close(sv[1]);
    w->pid = pid;
    w->fd = sv[0];
    w->page = -1;
    crier_buf_clear(&w->in);
    crier_buf_clear(&w->staging);
    crier_buf name;
    crier_buf_init(&name, 1024);
    crier_status st = bt_staging_name((long)pid, &name);
    if (st == CRIER_OK)
        st = bt_path_join(r->output_dir, crier_buf_str(&name), &w->staging);
    crier_buf_free(&name);
    return st;
}

static bool
send_task(worker *w, size_t idx)
{
    unsigned char b[4] = { (unsigned char)(idx >> 24), (unsigned char)(idx >> 16),
                           (unsigned char)(idx >> 8), (unsigned char)idx };
    ssize_t n;
    do
        n = send(w->fd, b, sizeof b, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    if (n != (ssize_t)sizeof b)
        return false;
    w->page = (long)idx;
    return true;
}

/* The status a fatal reason names ("fatal: voice: unknown voice ..."). */
static crier_status
fatal_status(const char *reason)
{
    const char *colon = strchr(reason + sizeof BT_FATAL_PREFIX - 1, ':');
    const char *msg = colon ? colon + 2 : reason;
    for (int s = 1; s < CRIER_STATUS_COUNT; s++)
        if (strcmp(crier_status_message((crier_status)s), msg) == 0)
            return (crier_status)s;
    return CRIER_E_SPEECH;
}

/* Records one finished page. Takes e's strings. */
static void
record(run *r, bt_entry *e)
{
    crier_buf line;
    crier_batch_page page = { .path = e->f[BT_PATH], .state = bt_entry_state(e) };
    bool fatal = false;

    crier_buf_init(&line, (size_t)1 << 20);
    if (r->journal >= 0 && bt_entry_format(e, &line) == CRIER_OK)
        (void)!write(r->journal, line.data, line.len); /* best effort: rewritten at the end */
    crier_buf_free(&line);
    if (page.state == CRIER_BATCH_FAILED) {
        page.reason = e->f[BT_REASON];
        r->sum.n_failed++;
        fatal = strncmp(page.reason, BT_FATAL_PREFIX, sizeof BT_FATAL_PREFIX - 1) == 0;
        if (fatal && r->fatal == CRIER_OK) {
            r->fatal = fatal_status(page.reason);
            r->fatal_where = strstr(page.reason, "language") ? CRIER_BATCH_AT_LANG
                                                             : CRIER_BATCH_AT_SPEECH;
        }
    } else {
        page.output = e->f[BT_OUTPUT];
        if (page.state == CRIER_BATCH_DONE) {
            page.audio_seconds = bt_entry_audio_seconds(e);
            r->sum.audio_seconds += page.audio_seconds;
            r->sum.n_done++;
        } else {
            r->sum.n_skipped++;
        }
    }
    r->sum.elapsed = now_seconds() - r->t0;
    /* A fatal failure is the run's, reported once by the caller, not the page's. */
    if (r->opts->progress != NULL)
        r->opts->progress(r->opts->progress_user, fatal ? NULL : &page, &r->sum);
    (void)bt_manifest_put(&r->results, e);
}

/* Reads what a worker sent; returns false at the end of its socket. */
static bool
drain(run *r, worker *w)
{
    char chunk[65536];
    ssize_t n;
    do
        n = read(w->fd, chunk, sizeof chunk);
    while (n < 0 && errno == EINTR);
    if (n <= 0 || crier_buf_append(&w->in, chunk, (size_t)n) != CRIER_OK)
        return false;
    char *nl;
    while ((nl = memchr(w->in.data, '\n', w->in.len)) != NULL) {
        size_t len = (size_t)(nl - w->in.data);
        bt_entry e = { 0 };
        if (bt_entry_parse(w->in.data, len, &e))
            record(r, &e);
        bt_entry_free(&e);
        memmove(w->in.data, nl + 1, w->in.len - len - 1);
        crier_buf_truncate(&w->in, w->in.len - len - 1);
        w->page = -1;
    }
    return true;
}

/* A worker's socket ended: reap it, and fail the page it had, unless the run is
 * being cancelled (then the page is simply not done yet). */
static void
reap(run *r, worker *w, bool cancelling)
{
    int status = 0;
    close_worker_fd(w);
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    bt_remove_staging(crier_buf_str(&w->staging));
    if (w->page >= 0 && !cancelling) {
        crier_buf reason;
        bt_entry e = { 0 };
        crier_buf_init(&reason, 256);
        if (WIFSIGNALED(status))
            crier_buf_printf(&reason, "worker killed by signal %d", WTERMSIG(status));
        else
            crier_buf_printf(&reason, "worker exited with status %d", WEXITSTATUS(status));
        for (unsigned i = 0; i < BT_FIELD_COUNT; i++)
            e.f[i] = crier_strndup("", 0);
        free(e.f[BT_PATH]);
        free(e.f[BT_STATE]);
        free(e.f[BT_REASON]);
        free(e.f[BT_OPTIONS]);
        e.f[BT_PATH] = crier_strndup(r->pages->paths[w->page], strlen(r->pages->paths[w->page]));
        e.f[BT_STATE] = crier_strndup("failed", 6);
        e.f[BT_REASON] = crier_buf_steal(&reason);
        e.f[BT_OPTIONS] = crier_strndup(r->ctx.options, strlen(r->ctx.options));
        bool ok = true;
        for (unsigned i = 0; i < BT_FIELD_COUNT; i++)
            ok = ok && e.f[i] != NULL;
        if (ok)
            record(r, &e);
        bt_entry_free(&e);
        crier_buf_free(&reason);
    }
    w->pid = 0;
    w->page = -1;
}

static int
cancelled(const run *r)
{
    return r->opts->cancel != NULL ? (int)*r->opts->cancel : 0;
}

/* Long pages finish seconds apart: the caller hears about the time passing
 * (page NULL) about once a second, so an ETA on a terminal keeps moving. */
static void
tick(run *r)
{
    double now = now_seconds();
    if (r->opts->progress == NULL || now - r->t0 - r->sum.elapsed < 1.0)
        return;
    r->sum.elapsed = now - r->t0;
    r->opts->progress(r->opts->progress_user, NULL, &r->sum);
}

/* Hands out pages until all are done, the caller cancels, or a fatal result. */
static crier_status
schedule(run *r)
{
    struct pollfd *pfd = calloc(r->n_workers, sizeof *pfd);
    size_t next = 0;
    crier_status st = CRIER_OK;

    if (pfd == NULL)
        return CRIER_E_NOMEM;
    for (;;) {
        if ((r->sum.cancelled = cancelled(r)) != 0 || r->fatal != CRIER_OK)
            break;
        size_t busy = 0, n_poll = 0;
        for (size_t i = 0; i < r->n_workers; i++) {
            worker *w = &r->w[i];
            if (w->pid == 0 && next < r->pages->n && (st = spawn(r, w)) != CRIER_OK)
                goto out;
            if (w->pid != 0 && w->page < 0 && next < r->pages->n && send_task(w, next))
                next++;
            if (w->pid != 0) {
                pfd[n_poll] = (struct pollfd){ .fd = w->fd, .events = POLLIN };
                n_poll++;
            }
            busy += w->pid != 0 && w->page >= 0;
        }
        if (busy == 0 && next >= r->pages->n)
            break;
        if (poll(pfd, n_poll, 250) <= 0) {
            tick(r); /* timeout or a signal: look at the cancel flag again */
            continue;
        }
        for (size_t i = 0, j = 0; i < r->n_workers; i++) {
            worker *w = &r->w[i];
            if (w->pid == 0)
                continue;
            short ev = pfd[j++].revents;
            if (ev != 0 && !drain(r, w))
                reap(r, w, cancelled(r) != 0);
        }
    }
out:
    free(pfd);
    return st;
}

/* Ends every worker: politely when the run finished (they exit at the end of
 * their socket), with SIGTERM when it was cancelled or stopped. */
static void
stop_workers(run *r, bool terminate)
{
    for (size_t i = 0; i < r->n_workers; i++) {
        worker *w = &r->w[i];
        if (w->pid == 0)
            continue;
        if (terminate)
            kill(w->pid, SIGTERM);
        long page = w->page;
        w->page = -1; /* its page is not done; a later run does it */
        reap(r, w, true);
        (void)page;
    }
}

/* The run's manifest: for each page of the slice, this run's line, else the
 * earlier one (a cancelled run loses nothing it knew). */
static crier_status
final_manifest(const run *r, const bt_manifest *old, bt_manifest *out)
{
    crier_status st = CRIER_OK;
    for (size_t i = 0; i < r->pages->n && st == CRIER_OK; i++) {
        const bt_entry *src = bt_manifest_find(&r->results, r->pages->paths[i]);
        if (src == NULL)
            src = bt_manifest_find(old, r->pages->paths[i]);
        if (src == NULL)
            continue;
        bt_entry e = { 0 };
        for (unsigned f = 0; f < BT_FIELD_COUNT && st == CRIER_OK; f++)
            if ((e.f[f] = crier_strndup(src->f[f], strlen(src->f[f]))) == NULL)
                st = CRIER_E_NOMEM;
        if (st == CRIER_OK)
            st = bt_manifest_put(out, &e);
        bt_entry_free(&e);
    }
    return st;
}

static crier_status
prepare_output_dir(const char *dir)
{
    struct stat sb;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return CRIER_E_OUTDIR;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || access(dir, W_OK | X_OK) != 0)
        return CRIER_E_OUTDIR;
    bt_clean_stale_staging(dir);
    return CRIER_OK;
}

/* Writes the report and the feed that follow every run and merge. */
static crier_status
write_outputs(const char *input_dir, const char *output_dir, const crier_batch_opts *opts,
              const bt_manifest *report_entries, const crier_batch_summary *sum,
              crier_batch_where *ret_where)
{
    crier_status st = CRIER_OK;
    if (opts->report != NULL) {
        st = bt_report_write(opts->report, input_dir, output_dir, opts, report_entries, sum);
        if (st != CRIER_OK) {
            *ret_where = CRIER_BATCH_AT_REPORT;
            return st;
        }
    }
    if (opts->feed.path != NULL) {
        bt_manifest all = { 0 };
        st = bt_manifest_load_dir(output_dir, &all);
        if (st == CRIER_OK)
            st = bt_feed_write(&opts->feed, output_dir, &all);
        if (st != CRIER_OK)
            *ret_where = CRIER_BATCH_AT_FEED;
        bt_manifest_free(&all);
    }
    return st;
}

/* The pages of this run: all of them, or those of its shard (borrowed from all). */
static crier_status
take_slice(const bt_pages *all, const crier_batch_opts *opts, bt_pages *slice)
{
    if ((slice->paths = malloc((all->n ? all->n : 1) * sizeof *slice->paths)) == NULL)
        return CRIER_E_NOMEM;
    for (size_t i = 0; i < all->n; i++)
        if (bt_in_shard(all->paths[i], opts->shard_k, opts->shard_n))
            slice->paths[slice->n++] = all->paths[i];
    return CRIER_OK;
}

/* The cores this process may run on: its CPU affinity where the system has
 * one (Slurm and taskset narrow it), else the online cores. */
static long
usable_cores(void)
{
#ifdef __linux__
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
#endif
    return sysconf(_SC_NPROCESSORS_ONLN);
}

/* --jobs workers (default: one per usable core), never more than pages. */
static crier_status
workers_init(run *r)
{
    long cores = usable_cores();
    r->n_workers = r->opts->jobs ? r->opts->jobs : (cores > 0 ? (size_t)cores : 1);
    if (r->n_workers > r->pages->n)
        r->n_workers = r->pages->n ? r->pages->n : 1;
    if ((r->w = calloc(r->n_workers, sizeof *r->w)) == NULL)
        return CRIER_E_NOMEM;
    for (size_t i = 0; i < r->n_workers; i++) {
        r->w[i].fd = -1;
        r->w[i].page = -1;
        crier_buf_init(&r->w[i].in, (size_t)1 << 24);
        crier_buf_init(&r->w[i].staging, 8192);
    }
    return CRIER_OK;
}

static void
workers_free(run *r)
{
    for (size_t i = 0; r->w != NULL && i < r->n_workers; i++) {
        crier_buf_free(&r->w[i].in);
        crier_buf_free(&r->w[i].staging);
    }
    free(r->w);
    r->w = NULL;
}

crier_status
crier_batch_run(const char *input_dir, const char *output_dir, const crier_batch_opts *opts,
                crier_batch_summary *ret_summary, crier_batch_where *ret_where)
{
    run r = { .output_dir = output_dir, .opts = opts, .journal = -1, .t0 = now_seconds() };
    bt_pages all = { 0 }, slice = { 0 };
    bt_manifest old = { 0 }, final = { 0 };
    crier_buf options, mname, mpath;
    crier_batch_where where_buf, *where = ret_where ? ret_where : &where_buf;
    const char *format = opts->format ? opts->format : crier_batch_default_format();
    crier_status st;

    *where = CRIER_BATCH_AT_NONE;
    crier_buf_init(&options, 4096);
    crier_buf_init(&mname, 1024);
    crier_buf_init(&mpath, 8192);
    if (!format_known(format, &r.ctx.format) ||
        (opts->shard_n > 0 && (opts->shard_k < 1 || opts->shard_k > opts->shard_n)) ||
        opts->jobs > CRIER_BATCH_MAX_JOBS || (opts->feed.path && !opts->feed.base_url)) {
        st = format_known(format, &r.ctx.format) ? CRIER_E_ARG : CRIER_E_FORMAT;
        goto out;
    }
    if ((st = bt_walk(input_dir, &all)) != CRIER_OK) {
        *where = CRIER_BATCH_AT_INPUT_DIR;
        goto out;
    }
    if ((st = take_slice(&all, opts, &slice)) != CRIER_OK)
        goto out;
    if ((st = prepare_output_dir(output_dir)) != CRIER_OK) {
        *where = CRIER_BATCH_AT_OUTPUT_DIR;
        goto out;
    }
    if ((st = bt_manifest_load_dir(output_dir, &old)) != CRIER_OK ||
        (st = bt_manifest_name(opts->shard_k, opts->shard_n, &mname)) != CRIER_OK ||
        (st = bt_path_join(output_dir, crier_buf_str(&mname), &mpath)) != CRIER_OK) {
        *where = CRIER_BATCH_AT_MANIFEST;
        goto out;
    }
    if ((st = audio_options(opts, format, &options)) != CRIER_OK)
        goto out;
    r.ctx = (bt_ctx){ .input_dir = input_dir, .output_dir = output_dir, .opts = opts,
                      .ext = format, .format = r.ctx.format,
                      .options = crier_buf_str(&options), .old = &old };
    r.pages = &slice;
    r.sum.n_pages = slice.n;
    r.journal = open(crier_buf_str(&mpath), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (r.journal < 0) {
        st = CRIER_E_OUTDIR;
        *where = CRIER_BATCH_AT_MANIFEST;
        goto out;
    }
    /* Two runs of one slice would render every page twice and race on the
     * manifest. Shards have manifests of their own, so they run side by side. */
    if (flock(r.journal, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
        st = CRIER_E_OUTDIR;
        *where = CRIER_BATCH_AT_BUSY;
        goto out;
    }
    if ((st = workers_init(&r)) != CRIER_OK)
        goto out;
    if (opts->progress != NULL)
        opts->progress(opts->progress_user, NULL, &r.sum);
    st = schedule(&r);
    stop_workers(&r, st != CRIER_OK || r.sum.cancelled || r.fatal != CRIER_OK);
    if (st != CRIER_OK) {
        *where = CRIER_BATCH_AT_WORKERS;
        goto out;
    }
    r.sum.elapsed = now_seconds() - r.t0;
    bt_manifest_sort(&r.results);
    if ((st = final_manifest(&r, &old, &final)) != CRIER_OK ||
        (st = bt_manifest_write(output_dir, crier_buf_str(&mname), &final)) != CRIER_OK) {
        *where = CRIER_BATCH_AT_MANIFEST;
        goto out;
    }
    bt_clean_stale_staging(output_dir); /* killed workers of earlier runs, reaped by now */
    if (opts->shard_n <= 1 && !r.sum.cancelled)
        bt_manifest_remove_shards(output_dir); /* the main manifest covers them now */
    st = write_outputs(input_dir, output_dir, opts, &r.results, &r.sum, where);
    if (st == CRIER_OK && r.fatal != CRIER_OK) {
        st = r.fatal;
        *where = r.fatal_where;
    }
out:
    if (r.journal >= 0)
        close(r.journal);
    workers_free(&r);
    bt_manifest_free(&r.results);
    bt_manifest_free(&old);
    bt_manifest_free(&final);
    free(slice.paths);
    bt_pages_free(&all);
    crier_buf_free(&options);
    crier_buf_free(&mname);
    crier_buf_free(&mpath);
    r.sum.elapsed = now_seconds() - r.t0;
    *ret_summary = r.sum;
    return st;
}

crier_status
crier_batch_merge(const char *output_dir, const crier_batch_opts *opts,
                  crier_batch_summary *ret_summary, crier_batch_where *ret_where)
{
    bt_manifest all = { 0 };
    crier_batch_summary sum = { 0 };
    crier_batch_where where_buf, *where = ret_where ? ret_where : &where_buf;
    crier_buf mname;
    crier_status st;

    *where = CRIER_BATCH_AT_MANIFEST;
    crier_buf_init(&mname, 1024);
    st = bt_manifest_load_dir(output_dir, &all);
    if (st == CRIER_OK)
        st = bt_manifest_name(0, 0, &mname);
    if (st == CRIER_OK)
        st = bt_manifest_write(output_dir, crier_buf_str(&mname), &all);
    if (st != CRIER_OK) {
        if (st == CRIER_E_WRITE)
            st = CRIER_E_OUTDIR;
        goto out;
    }
    bt_manifest_remove_shards(output_dir);
    *where = CRIER_BATCH_AT_NONE;
    sum.n_pages = all.n;
    for (size_t i = 0; i < all.n; i++) {
        switch (bt_entry_state(&all.entries[i])) {
        case CRIER_BATCH_DONE:
            sum.n_done++;
            sum.audio_seconds += bt_entry_audio_seconds(&all.entries[i]);
            break;
        case CRIER_BATCH_SKIPPED: sum.n_skipped++; break;
        case CRIER_BATCH_FAILED: sum.n_failed++; break;
        }
    }
    st = write_outputs(NULL, output_dir, opts, &all, &sum, where);
out:
    bt_manifest_free(&all);
    crier_buf_free(&mname);
    *ret_summary = sum;
    return st;
}
