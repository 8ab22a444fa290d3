/* SPDX-License-Identifier: GPL-3.0-or-later */
/* crier render: speak into a file (crier play is in cmd_play.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "pipeline/render.h"

static const char render_usage[] =
    "usage: crier render INPUT... -o OUTPUT [OPTIONS]\n"
    "\n"
    "Speak the article of each INPUT, in order, into one audio file; between two\n"
    "articles a short chime. The output's extension (or --format) chooses the\n"
    "format: .wav, .ogg (Ogg Vorbis), .opus (Ogg Opus), .flac or .mp3. The first\n"
    "article's title, byline, site name, date, address and language go into the\n"
    "file's tags. Nothing is left behind when anything fails.\n"
    "\n"
    "  -o, --output FILE  the audio file to write; - writes to standard output\n"
    "                     (ogg, opus and mp3 only, with --format)\n"
    "  -f, --format NAME  wav, ogg, opus, flac or mp3 (default: from FILE's extension)\n"
    "      --quality Q    0 (smallest) to 1 (best); ogg: Vorbis quality (default 0.3),\n"
    "                     mp3: LAME VBR quality (default 0.3, LAME's -V 7),\n"
    "                     flac: compression effort, opus: a bitrate (no --bitrate)\n"
    "      --bitrate KBPS mp3: constant bitrate, 8 to 160 (default: VBR; streamed to\n"
    "                     a pipe: 48); opus: 6 to 256 (default 32)\n"
    "      --transcript[=FILE]  also write a WebVTT transcript, one cue per\n"
    "                     sentence as written (default FILE: OUTPUT's name + .vtt)\n"
    "      --chapters[=FILE]    also write Podcasting 2.0 chapters, one per article\n"
    "                     and heading (default FILE: OUTPUT's name + .chapters.json)\n" CLI_SPEECH_HELP
    "  -h, --help         show this help\n"
    "\n" CLI_EXIT_HELP;

enum { OPT_QUALITY = 0x200, OPT_BITRATE, OPT_TRANSCRIPT, OPT_CHAPTERS };

static const struct option long_options[] = {
    { "output", required_argument, NULL, 'o' },
    { "format", required_argument, NULL, 'f' },
    { "quality", required_argument, NULL, OPT_QUALITY },
    { "bitrate", required_argument, NULL, OPT_BITRATE },
    { "transcript", optional_argument, NULL, OPT_TRANSCRIPT },
    { "chapters", optional_argument, NULL, OPT_CHAPTERS },
    { "help", no_argument, NULL, 'h' },
    CLI_SPEECH_LONG_OPTIONS,
    { NULL, 0, NULL, 0 },
};

/* The options of crier render that are not speech settings. */
typedef struct render_args {
    const char *output;
    crier_render_opts ropts;
    bool transcript, chapters;         /* asked for */
    const char *transcript_path, *chapters_path; /* given, else NULL */
} render_args;

/* --quality: a number from 0 to 1 with at most three decimals, read without
 * the locale (no strtod). */
static bool
parse_quality(const char *arg, double *ret)
{
    long milli = 0, scale = 1000;
    const char *p = arg;
    if (*p == '0' || *p == '1')
        milli = (*p++ - '0') * 1000;
    else if (*p != '.')
        return false;
    if (*p == '.') {
        p++;
        if (*p == '\0')
            return false;
        for (; *p >= '0' && *p <= '9' && scale > 1; p++) {
            scale /= 10;
            milli += (*p - '0') * scale;
        }
    }
    if (*p != '\0' || milli > 1000)
        return false;
    *ret = (double)milli / 1000.0;
    return true;
}

/* FILE's name without its extension, plus suffix. Owned by *ret (free). */
static bool
beside(const char *output, const char *suffix, char **ret)
{
    const char *slash = strrchr(output, '/');
    const char *dot = strrchr(output, '.');
    size_t stem = dot != NULL && dot > (slash ? slash + 1 : output) ? (size_t)(dot - output)
                                                                   : strlen(output);
    crier_buf b;
    crier_buf_init(&b, 8192);
    if (crier_buf_append(&b, output, stem) != CRIER_OK || crier_buf_puts(&b, suffix) != CRIER_OK) {
        crier_buf_free(&b);
        return false;
    }
    *ret = crier_buf_steal(&b);
    return *ret != NULL;
}

/* Parses render's options; returns -1 to go on, else the exit status. */
static int
parse(int argc, char **argv, crier_pipeline_opts *opts, render_args *a)
{
    int opt, code = -1;
    long n;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:f:v:r:h", long_options, NULL)) != -1) {
        if (cli_speech_option(opt, optarg, opts, &code)) {
            if (code != -1)
                return code;
            continue;
        }
        switch (opt) {
        case 'o':
            a->output = optarg;
            break;
        case 'f':
            if (crier_format_from_name(optarg, &a->ropts.format) != CRIER_OK) {
                cli_error(argv[0], "unknown format '%s' (wav, ogg, opus, flac, mp3)", optarg);
                goto bad;
            }
            break;
        case OPT_QUALITY:
            if (!parse_quality(optarg, &a->ropts.file.quality)) {
                cli_error(argv[0], "--quality takes a number from 0 to 1, not '%s'", optarg);
                goto bad;
            }
            break;
        case OPT_BITRATE:
            if (!cli_parse_int(optarg, 6, 320, &n)) {
                cli_error(argv[0], "--bitrate takes kbit/s from 6 to 320, not '%s'", optarg);
                goto bad;
            }
            a->ropts.file.bitrate_kbps = (int)n;
            break;
        case OPT_TRANSCRIPT:
            a->transcript = true;
            a->transcript_path = optarg;
            break;
        case OPT_CHAPTERS:
            a->chapters = true;
            a->chapters_path = optarg;
            break;
        case 'h':
            fputs(render_usage, stdout);
            return EXIT_OK;
        default:
            goto bad;
        }
    }
    if (optind >= argc) {
        cli_error(argv[0], "no INPUT given");
        goto bad;
    }
    if (a->output == NULL) {
        cli_error(argv[0], "no output file given (-o OUTPUT)");
        goto bad;
    }
    if (strcmp(a->output, "-") == 0) {
        if (a->ropts.format == CRIER_FORMAT_COUNT) {
            cli_error(argv[0], "-o - needs --format (ogg, opus or mp3)");
            goto bad;
        }
        if (a->ropts.format == CRIER_FORMAT_WAV || a->ropts.format == CRIER_FORMAT_FLAC) {
            cli_error(argv[0], "%s cannot be streamed to standard output (it rewrites its "
                      "header at the end): use ogg, opus or mp3, or a file",
                      crier_format_name(a->ropts.format));
            goto bad;
        }
        if ((a->transcript && a->transcript_path == NULL) ||
            (a->chapters && a->chapters_path == NULL)) {
            cli_error(argv[0], "with -o -, give --transcript=FILE and --chapters=FILE a name");
            goto bad;
        }
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
    render_args a = { 0 };
    crier_failure failure;
    char *transcript = NULL, *chapters = NULL;

    crier_pipeline_opts_init(&opts);
    crier_render_opts_init(&a.ropts);
    opts.cancel = &cli_cancel;
    int code = parse(argc, argv, &opts, &a);
    if (code != -1)
        return code;
    if ((a.transcript && a.transcript_path == NULL && !beside(a.output, ".vtt", &transcript)) ||
        (a.chapters && a.chapters_path == NULL && !beside(a.output, ".chapters.json", &chapters))) {
        code = EXIT_INTERNAL;
        cli_error(NULL, "%s", crier_status_message(CRIER_E_NOMEM));
        goto out;
    }
    if (a.transcript)
        a.ropts.transcript = a.transcript_path ? a.transcript_path : transcript;
    if (a.chapters)
        a.ropts.chapters = a.chapters_path ? a.chapters_path : chapters;
    const char *const *inputs = (const char *const *)argv + optind;
    int os_errno = 0;
    crier_status st = crier_render_episode(inputs, (size_t)(argc - optind), a.output, &opts,
                                           &a.ropts, &failure, &os_errno);
    if (st == CRIER_E_WRITE && failure.where == CRIER_WHERE_OUTPUT && os_errno != 0) {
        /* The reason too: "File too large" (ulimit -f), "No space left on
         * device", "Broken pipe"... */
        cli_error(strcmp(a.output, "-") == 0 ? "(stdout)" : a.output, "%s: %s",
                  crier_status_message(st), strerror(os_errno));
        code = EXIT_OUTPUT;
    } else
        code = cli_report(st, &failure, inputs, a.output, &opts);
out:
    free(transcript);
    free(chapters);
    return code;
}
