/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

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
            cli_error(output, "%s (use .wav or .ogg)", reason);
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
cli_speech_option(int opt, const char *arg, crier_pipeline_opts *opts, int *ret_exit)
{
    long v;
    switch (opt) {
    case 'v':
        opts->speech.voice = arg;
        return true;
    case 'r':
        if (!cli_parse_int(arg, 80, 450, &v)) {
            cli_error(NULL, "--rate: '%s' is not a rate from 80 to 450 words per minute", arg);
            *ret_exit = EXIT_USAGE;
        } else {
            opts->speech.rate_wpm = (int)v;
        }
        return true;
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
        return false;
    }
}
