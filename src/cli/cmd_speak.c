/* SPDX-License-Identifier: GPL-3.0-or-later */
/* crier render: speak into a file (crier play is in cmd_play.c). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char render_usage[] =
    "usage: crier render INPUT... -o OUTPUT [OPTIONS]\n"
    "\n"
    "Speak the article of each INPUT, in order, into one audio file. The output's\n"
    "extension chooses the format: .wav or .ogg (Ogg Vorbis). The article's title,\n"
    "byline, site name and date go into the file's tags. Nothing is left behind\n"
    "when anything fails.\n"
    "\n"
    "  -o, --output FILE  the audio file to write\n" CLI_SPEECH_HELP
    "  -h, --help         show this help\n"
    "\n" CLI_EXIT_HELP;

static const struct option long_options[] = {
    { "output", required_argument, NULL, 'o' },
    { "device", required_argument, NULL, 'd' },
    { "help", no_argument, NULL, 'h' },
    CLI_SPEECH_LONG_OPTIONS,
    { NULL, 0, NULL, 0 },
};

/* Parses a speaking command's options; returns -1 to go on, else the exit status. */
static int
parse(int argc, char **argv, bool render, const char *usage, crier_pipeline_opts *opts,
      const char **ret_output)
{
    int opt, code = -1;

    optind = 1;
    while ((opt = getopt_long(argc, argv, render ? "o:v:r:h" : "d:v:r:h", long_options, NULL)) != -1) {
        if (cli_speech_option(opt, optarg, opts, &code)) {
            if (code != -1)
                return code;
            continue;
        }
        switch (opt) {
        case 'o':
            if (!render)
                goto bad;
            *ret_output = optarg;
            break;
        case 'd':
            if (render)
                goto bad;
            opts->device = optarg;
            break;
        case 'h':
            fputs(usage, stdout);
            return EXIT_OK;
        default:
            goto bad;
        }
    }
    if (optind >= argc) {
        cli_error(argv[0], "no INPUT given");
        goto bad;
    }
    if (render && *ret_output == NULL) {
        cli_error(argv[0], "no output file given (-o OUTPUT)");
        goto bad;
    }
    return -1;
bad:
    fprintf(stderr, "Try 'crier %s --help'.\n", argv[0]);
    return EXIT_USAGE;
}

int
cmd_render(int argc, char **argv)
{
    crier_pipeline_opts opts;
    const char *output = NULL;
    crier_failure failure;

    crier_pipeline_opts_init(&opts);
    opts.cancel = &cli_cancel;
    int code = parse(argc, argv, true, render_usage, &opts, &output);
    if (code != -1)
        return code;
    const char *const *inputs = (const char *const *)argv + optind;
    crier_status st = crier_render(inputs, (size_t)(argc - optind), output, &opts, &failure);
    return cli_report(st, &failure, inputs, output, &opts);
}
