/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile sig_atomic_t cli_cancel;

void
cli_error(const char *subject, const char *fmt, ...)
{
    va_list ap;
    fputs("crier: ", stderr);
    if (subject != NULL)
        fprintf(stderr, "%s: ", subject);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int
cli_exit_for_input(crier_status st)
{
    switch (st) {
    case CRIER_OK: return EXIT_OK;
    case CRIER_E_NOMEM: return EXIT_INTERNAL;
    default: return EXIT_INPUT;
    }
}

static int
exit_for_output(crier_status st)
{
    switch (st) {
    case CRIER_E_NOMEM: return EXIT_INTERNAL;
    case CRIER_E_FORMAT: return EXIT_USAGE;
    default: return EXIT_OUTPUT;
    }
}

int
cli_report(crier_status st, const crier_failure *failure, const char *const *inputs,
           const char *output, const crier_pipeline_opts *opts)
{
    const char *reason = crier_status_message(st);

    if (st == CRIER_OK)
        return EXIT_OK;
    switch (failure->where) {
    case CRIER_WHERE_INPUT: {
        const char *in = inputs[failure->index];
        cli_error(in[0] == '-' && in[1] == '\0' ? "(stdin)" : in, "%s", reason);
        return cli_exit_for_input(st);
    }
    case CRIER_WHERE_OUTPUT:
        if (st == CRIER_E_FORMAT) {
            cli_error(output, "%s (use .wav, .ogg, .opus, .flac or .mp3, or --format)", reason);
            return EXIT_USAGE;
        }
        cli_error(output, "%s", reason);
        return exit_for_output(st);
    case CRIER_WHERE_DEVICE:
        cli_error(opts->device ? opts->device : "default audio device", "%s", reason);
        return st == CRIER_E_NOMEM ? EXIT_INTERNAL : EXIT_DEVICE;
    case CRIER_WHERE_SPEECH:
        cli_error(opts->speech.voice ? opts->speech.voice : "en-us", "voice: %s", reason);
        return st == CRIER_E_NOMEM ? EXIT_INTERNAL : EXIT_SPEECH;
    case CRIER_WHERE_LANG:
        cli_error(opts->lang ? opts->lang : "en", "language pack in %s: %s",
                  opts->voices_dir ? opts->voices_dir : crier_voices_dir(), reason);
        return EXIT_INTERNAL;
    case CRIER_WHERE_NONE:
        if (st == CRIER_E_CANCELLED) {
            cli_error(NULL, "interrupted; no output was left behind");
            return EXIT_INTERRUPTED;
        }
        break;
    }
    cli_error(NULL, "%s", reason);
    return st == CRIER_E_ARG ? EXIT_USAGE : EXIT_INTERNAL;
}

bool
cli_parse_int(const char *arg, long lo, long hi, long *ret)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno != 0 || end == arg || *end != '\0' || v < lo || v > hi)
        return false;
    *ret = v;
    return true;
}

bool
cli_parse_size(const char *arg, size_t *ret)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    unsigned shift = 0;
    if (errno != 0 || end == arg || arg[0] == '-')
        return false;
    switch (*end) {
    case 'K': case 'k': shift = 10; end++; break;
    case 'M': case 'm': shift = 20; end++; break;
    case 'G': case 'g': shift = 30; end++; break;
    default: break;
    }
    if (*end != '\0' || v == 0 || v > (4ULL << 30) >> shift)
        return false;
    *ret = (size_t)(v << shift);
    return true;
}

static bool
limit_option(int opt, const char *arg, crier_limits *lim, int *ret_exit)
{
    size_t bytes;
    long depth;
    switch (opt) {
    case 0x100:
    case 0x102:
        if (!cli_parse_size(arg, &bytes)) {
            cli_error(NULL, "--%s: '%s' is not a size in bytes (such as 512K or 64M)",
                      opt == 0x100 ? "max-input-size" : "max-article-length", arg);
            *ret_exit = EXIT_USAGE;
        } else if (opt == 0x100) {
            lim->max_input_bytes = bytes;
        } else {
            lim->max_article_bytes = bytes;
        }
        return true;
    case 0x101:
        if (!cli_parse_int(arg, 16, 100000, &depth)) {
            cli_error(NULL, "--max-depth: '%s' is not a depth from 16 to 100000", arg);
            *ret_exit = EXIT_USAGE;
        } else {
            lim->max_dom_depth = (size_t)depth;
        }
        return true;
    default:
        return false;
    }
}

/* Reads a --lexicon file once, so that a missing or unreadable one is a clear
 * error before any work, and broken lines are reported. */
static bool
check_lexicon(const char *path, int *ret_exit)
{
    crier_lexicon *lex = NULL;
    crier_status st = crier_lexicon_new(&lex);
    if (st == CRIER_OK)
        st = crier_lexicon_load_file(lex, path);
    if (st != CRIER_OK) {
        cli_error(path, "%s", crier_status_message(st));
        *ret_exit = cli_exit_for_input(st);
    } else if (crier_lexicon_skipped_lines(lex) > 0) {
        cli_error(path, "%zu broken lexicon lines skipped", crier_lexicon_skipped_lines(lex));
    }
    crier_lexicon_free(lex);
    return st == CRIER_OK;
}

bool
cli_normalize_option(int opt, const char *arg, crier_normalize_opts *norm, int *ret_exit)
{
    switch (opt) {
    case 0x103:
        if (check_lexicon(arg, ret_exit))
            norm->lexicon = arg;
        return true;
    case 0x104:
        if (strcmp(arg, "short") == 0) {
            norm->urls = CRIER_URLS_SHORT;
        } else if (strcmp(arg, "skip") == 0) {
            norm->urls = CRIER_URLS_SKIP;
        } else if (strcmp(arg, "full") == 0) {
            norm->urls = CRIER_URLS_FULL;
        } else {
            cli_error("--urls", "'%s' is not short, skip or full", arg);
            *ret_exit = EXIT_USAGE;
        }
        return true;
    case 0x105:
        if (strcmp(arg, "drop") == 0) {
            norm->emoji = CRIER_EMOJI_DROP;
        } else if (strcmp(arg, "name") == 0) {
            norm->emoji = CRIER_EMOJI_NAME;
        } else {
            cli_error("--emoji", "'%s' is not drop or name", arg);
            *ret_exit = EXIT_USAGE;
        }
        return true;
    default:
        return false;
    }
}

bool
cli_speech_option(int opt, const char *arg, crier_pipeline_opts *opts, int *ret_exit)
{
    long v;
    switch (opt) {
    case 'v':
        opts->speech.voice = arg;
        return true;
    case 'r':
        if (!cli_parse_int(arg, 80, CRIER_SPEECH_RATE_MAX, &v)) {
            cli_error(NULL, "--rate: '%s' is not a rate from 80 to 900 words per minute", arg);
            *ret_exit = EXIT_USAGE;
        } else {
            opts->speech.rate_wpm = (int)v;
        }
        return true;
    case 0x110: /* --pitch */
    case 0x111: /* --volume */
    case 0x112: /* --gap */ {
        static const struct { const char *name; long hi; } knob[] = {
            { "--pitch", 99 }, { "--volume", 200 }, { "--gap", CRIER_SPEECH_GAP_MAX_MS },
        };
        int k = opt - 0x110;
        if (!cli_parse_int(arg, 0, knob[k].hi, &v)) {
            cli_error(NULL, "%s: '%s' is not a whole number from 0 to %ld", knob[k].name, arg,
                      knob[k].hi);
            *ret_exit = EXIT_USAGE;
        } else if (k == 0) {
            opts->speech.set_pitch = true;
            opts->speech.pitch = (int)v;
        } else if (k == 1) {
            opts->speech.set_volume = true;
            opts->speech.volume = (int)v;
        } else {
            opts->speech.gap_ms = (unsigned)v;
        }
        return true;
    }
    case 'C':
        opts->norm.captions = true;
        return true;
    case 'I':
        opts->norm.intro = false;
        return true;
    case 'L':
        opts->lang = arg;
        return true;
    default:
        return cli_normalize_option(opt, arg, &opts->norm, ret_exit) ||
               limit_option(opt, arg, &opts->limits, ret_exit);
    }
}
