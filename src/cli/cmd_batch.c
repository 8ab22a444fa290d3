/* SPDX-License-Identifier: GPL-3.0-or-later */
/* crier batch: a folder of pages into a folder of audio files and a feed. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "batch/batch.h"
#include "cli/cli.h"

static const char batch_usage[] =
    "usage: crier batch INPUT_DIR -o OUTPUT_DIR [OPTIONS]\n"
    "       crier batch --merge-reports OUTPUT_DIR [--report FILE] [--feed FILE --base-url URL]\n"
    "\n"
    "Speak every page under INPUT_DIR (.html .htm .xhtml .shtml .mht .mhtml .txt,\n"
    "recursively) into its own audio file in OUTPUT_DIR, named DATE-title-KEY.EXT.\n"
    "Pages already rendered from the same bytes with the same options are skipped;\n"
    "a page that fails is reported and the rest go on. Interrupted runs leave no\n"
    "partial files: run again to finish.\n"
    "\n"
    "  -o, --output DIR      the output folder (created if missing)\n"
    "  -f, --format NAME     audio format: ogg, wav, ... (default: mp3 when built in, else ogg)\n"
    "  -j, --jobs N          worker processes (default: the number of cores)\n"
    "      --force           redo pages even when they are up to date\n"
    "      --transcript      also write NAME.vtt: a WebVTT transcript, one cue a sentence\n"
    "      --chapters        also write NAME.chapters.json: Podcasting 2.0 chapters,\n"
    "                        the title and then each heading\n"
    "      --shard K/N       only the K-th of N slices of the folder (1 <= K <= N), by a\n"
    "                        hash of each page's path: N machines cover the folder once\n"
    "      --merge-reports   combine the manifests of --shard runs in OUTPUT_DIR, then\n"
    "                        write --report and --feed for the whole folder\n"
    "      --report FILE     write per-page results as JSON\n"
    "      --feed FILE       write an RSS podcast feed of OUTPUT_DIR (needs --base-url)\n"
    "      --base-url URL    where OUTPUT_DIR is served\n"
    "      --feed-title TEXT, --feed-author TEXT, --feed-image URL\n" CLI_SPEECH_HELP
    "  -h, --help            show this help\n"
    "\n" CLI_EXIT_HELP;

enum {
    OPT_FORCE = 1000, OPT_SHARD, OPT_MERGE, OPT_REPORT, OPT_FEED, OPT_BASE_URL,
    OPT_FEED_TITLE, OPT_FEED_AUTHOR, OPT_FEED_IMAGE, OPT_TRANSCRIPT, OPT_CHAPTERS,
};

static const struct option long_options[] = {
    { "output", required_argument, NULL, 'o' },
    { "format", required_argument, NULL, 'f' },
    { "jobs", required_argument, NULL, 'j' },
    { "force", no_argument, NULL, OPT_FORCE },
    { "transcript", no_argument, NULL, OPT_TRANSCRIPT },
    { "chapters", no_argument, NULL, OPT_CHAPTERS },
    { "shard", required_argument, NULL, OPT_SHARD },
    { "merge-reports", no_argument, NULL, OPT_MERGE },
    { "report", required_argument, NULL, OPT_REPORT },
    { "feed", required_argument, NULL, OPT_FEED },
    { "base-url", required_argument, NULL, OPT_BASE_URL },
    { "feed-title", required_argument, NULL, OPT_FEED_TITLE },
    { "feed-author", required_argument, NULL, OPT_FEED_AUTHOR },
    { "feed-image", required_argument, NULL, OPT_FEED_IMAGE },
    { "help", no_argument, NULL, 'h' },
    CLI_SPEECH_LONG_OPTIONS,
    { NULL, 0, NULL, 0 },
};

static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
    stop_signal = sig;
}

typedef struct progress {
    bool tty;
    bool line_open;   /* a status line is on screen, to be overwritten */
} progress;

static void
print_duration(double s)
{
    unsigned long t = (unsigned long)(s + 0.5);
    if (t >= 3600)
        fprintf(stderr, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else
        fprintf(stderr, "%lu:%02lu", t / 60, t % 60);
}

static void
on_progress(void *user, const crier_batch_page *page, const crier_batch_summary *s)
{
    progress *p = user;
    size_t finished = s->n_done + s->n_skipped + s->n_failed;

    if (p->line_open)
        fputs("\r\033[K", stderr);
    p->line_open = false;
    if (page != NULL && page->state == CRIER_BATCH_FAILED)
        cli_error(page->path, "%s", page->reason);
    if (!p->tty)
        return; /* not a terminal: only failures, and the summary at the end */
    fprintf(stderr, "crier: batch: %zu/%zu pages, %zu failed, %.2f h of audio", finished,
            s->n_pages, s->n_failed, s->audio_seconds / 3600.0);
    if (finished > 0 && finished < s->n_pages && s->elapsed > 0) {
        fputs(", ETA ", stderr);
        print_duration(s->elapsed / (double)finished * (double)(s->n_pages - finished));
    }
    p->line_open = true;
}

static int
exit_for(crier_status st, crier_batch_where where, const char *in, const char *out,
         const crier_batch_opts *o)
{
    const char *reason = crier_status_message(st);
    switch (where) {
    case CRIER_BATCH_AT_INPUT_DIR: cli_error(in, "%s", reason); return EXIT_INPUT;
    case CRIER_BATCH_AT_OUTPUT_DIR: cli_error(out, "%s", reason); return EXIT_OUTPUT;
    case CRIER_BATCH_AT_MANIFEST: cli_error(out, "manifest: %s", reason); return EXIT_OUTPUT;
    case CRIER_BATCH_AT_REPORT: cli_error(o->report, "%s", reason); return EXIT_OUTPUT;
    case CRIER_BATCH_AT_FEED: cli_error(o->feed.path, "%s", reason); return EXIT_OUTPUT;
    case CRIER_BATCH_AT_SPEECH:
        cli_error(o->pipe.speech.voice ? o->pipe.speech.voice : "en-us", "voice: %s", reason);
        return EXIT_SPEECH;
    case CRIER_BATCH_AT_LANG:
        cli_error(o->pipe.lang ? o->pipe.lang : "en", "language pack: %s", reason);
        return EXIT_INTERNAL;
    case CRIER_BATCH_AT_WORKERS:
        cli_error(NULL, "cannot start worker processes: %s", reason);
        return EXIT_INTERNAL;
    case CRIER_BATCH_AT_BUSY:
        cli_error(out, "another crier batch is writing this folder%s",
                  o->shard_n > 1 ? " (same --shard)" : "");
        return EXIT_OUTPUT;
    case CRIER_BATCH_AT_NONE: break;
    }
    if (st == CRIER_E_FORMAT) {
        cli_error(o->format, "%s", reason);
        return EXIT_USAGE;
    }
    cli_error(NULL, "%s", reason);
    return st == CRIER_E_ARG ? EXIT_USAGE : EXIT_INTERNAL;
}

static bool
parse_shard(const char *arg, unsigned *k, unsigned *n)
{
    const char *slash = strchr(arg, '/');
    char head[32];
    long vk, vn;
    if (slash == NULL || (size_t)(slash - arg) >= sizeof head)
        return false;
    memcpy(head, arg, (size_t)(slash - arg));
    head[slash - arg] = '\0';
    if (!cli_parse_int(slash + 1, 1, 1000000, &vn) || !cli_parse_int(head, 1, vn, &vk))
        return false;
    *k = (unsigned)vk;
    *n = (unsigned)vn;
    return true;
}

/* Parses the options; returns -1 to go on, else the exit status. */
static int
parse(int argc, char **argv, crier_batch_opts *o, const char **ret_out, bool *ret_merge)
{
    int opt, code = -1;
    long v;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:f:j:v:r:h", long_options, NULL)) != -1) {
        if (cli_speech_option(opt, optarg, &o->pipe, &code)) {
            if (code != -1)
                return code;
            continue;
        }
        switch (opt) {
        case 'o': *ret_out = optarg; break;
        case 'f': o->format = optarg; break;
        case 'j':
            if (!cli_parse_int(optarg, 1, CRIER_BATCH_MAX_JOBS, &v)) {
                cli_error(NULL, "--jobs: '%s' is not a number from 1 to %d", optarg,
                          CRIER_BATCH_MAX_JOBS);
                goto bad;
            }
            o->jobs = (unsigned)v;
            break;
        case OPT_FORCE: o->force = true; break;
        case OPT_TRANSCRIPT: o->transcript = true; break;
        case OPT_CHAPTERS: o->chapters = true; break;
        case OPT_SHARD:
            if (!parse_shard(optarg, &o->shard_k, &o->shard_n)) {
                cli_error(NULL, "--shard: '%s' is not K/N with 1 <= K <= N", optarg);
                goto bad;
            }
            break;
        case OPT_MERGE: *ret_merge = true; break;
        case OPT_REPORT: o->report = optarg; break;
        case OPT_FEED: o->feed.path = optarg; break;
        case OPT_BASE_URL: o->feed.base_url = optarg; break;
        case OPT_FEED_TITLE: o->feed.title = optarg; break;
        case OPT_FEED_AUTHOR: o->feed.author = optarg; break;
        case OPT_FEED_IMAGE: o->feed.image = optarg; break;
        case 'h': fputs(batch_usage, stdout); return EXIT_OK;
        default: goto bad;
        }
    }
    if (o->feed.path != NULL && o->feed.base_url == NULL) {
        cli_error(NULL, "--feed needs --base-url (where OUTPUT_DIR is served)");
        goto bad;
    }
    if (*ret_merge) {
        if (optind != argc - 1 && *ret_out == NULL) {
            cli_error(NULL, "--merge-reports takes one OUTPUT_DIR");
            goto bad;
        }
        if (*ret_out == NULL)
            *ret_out = argv[optind];
        return -1;
    }
    if (optind != argc - 1) {
        cli_error(NULL, optind >= argc ? "no INPUT_DIR given" : "more than one INPUT_DIR given");
        goto bad;
    }
    if (*ret_out == NULL) {
        cli_error(NULL, "no output folder given (-o OUTPUT_DIR)");
        goto bad;
    }
    return -1;
bad:
    fputs("Try 'crier batch --help'.\n", stderr);
    return EXIT_USAGE;
}

int
cmd_batch(int argc, char **argv)
{
    crier_batch_opts o;
    crier_batch_summary s;
    crier_batch_where where;
    const char *out = NULL;
    bool merge = false;
    progress p = { .tty = isatty(STDERR_FILENO) != 0 };
    struct sigaction sa = { .sa_handler = on_signal }; /* no SA_RESTART: wake the parent's poll */
    crier_status st;

    crier_batch_opts_init(&o);
    int code = parse(argc, argv, &o, &out, &merge);
    if (code != -1)
        return code;
    if (o.feed.path != NULL && o.feed.image == NULL)
        cli_error(NULL, "note: the feed has no artwork; Apple Podcasts requires it (--feed-image URL)");
    if (merge) {
        st = crier_batch_merge(out, &o, &s, &where);
        if (st != CRIER_OK)
            return exit_for(st, where, NULL, out, &o);
        fprintf(stderr, "crier: batch: merged %zu pages: %zu done, %zu skipped, %zu failed\n",
                s.n_pages, s.n_done, s.n_skipped, s.n_failed);
        return s.n_failed ? EXIT_SOME_FAILED : EXIT_OK;
    }
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    o.progress = on_progress;
    o.progress_user = &p;
    o.cancel = &stop_signal;
    const char *in = argv[optind];
    st = crier_batch_run(in, out, &o, &s, &where);
    if (p.line_open)
        fputs("\r\033[K", stderr);
    if (st != CRIER_OK)
        code = exit_for(st, where, in, out, &o);
    /* Stopped before any page (bad folder, format, busy): the error says it all. */
    if (st != CRIER_OK && s.n_done + s.n_skipped + s.n_failed == 0 && !s.cancelled)
        return code;
    fprintf(stderr, "crier: batch: %zu pages: %zu done, %zu skipped, %zu failed, %.2f h of audio in ",
            s.n_pages, s.n_done, s.n_skipped, s.n_failed, s.audio_seconds / 3600.0);
    print_duration(s.elapsed);
    fputc('\n', stderr);
    if (s.cancelled) {
        fprintf(stderr, "crier: batch: interrupted; no partial file was left behind; "
                        "run again to finish\n");
        return EXIT_INTERRUPTED;
    }
    if (code != -1)
        return code;
    return s.n_failed ? EXIT_SOME_FAILED : EXIT_OK;
}
