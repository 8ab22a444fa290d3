/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_CLI_H
#define CRIER_CLI_H

#include <signal.h>
#include <stdbool.h>

#include "pipeline/pipeline.h"

/* Exit statuses of the crier command (documented in README and `crier --help`). */
enum {
    EXIT_OK = 0,
    EXIT_INTERNAL = 1, /* out of memory or an unexpected failure */
    EXIT_USAGE = 2,    /* bad command line: unknown option, missing argument, bad value, unknown format */
    EXIT_INPUT = 3,    /* input unreadable or unusable: missing, directory, empty, binary, too big, no article */
    EXIT_OUTPUT = 4,   /* output cannot be written: folder missing or unwritable, disk full, encoder failure */
    EXIT_DEVICE = 5,   /* no audio device, or it failed during playback */
    EXIT_SPEECH = 6,   /* eSpeak NG failed: unknown voice or missing voice data */
    EXIT_SOME_FAILED = 7, /* batch: some pages failed, the others are done */
    EXIT_INTERRUPTED = 130, /* stopped by SIGINT, SIGTERM or SIGHUP; nothing left behind */
};

/* Set by the signal handlers that main installs; the pipeline watches it. */
extern volatile sig_atomic_t cli_cancel;

int cmd_render(int argc, char **argv);
int cmd_play(int argc, char **argv);
int cmd_text(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_batch(int argc, char **argv);

/* Prints "crier: SUBJECT: reason" (or "crier: reason" when subject is NULL). */
void cli_error(const char *subject, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reports a failed pipeline call as one line naming the file, the device or the
 * voice at fault, and returns the exit status for it. */
int cli_report(crier_status st, const crier_failure *failure, const char *const *inputs,
               const char *output, const crier_pipeline_opts *opts);

/* The exit status for an input stage failure. */
int cli_exit_for_input(crier_status st);

/* Options shared by the commands that read pages: speech settings and limits. Returns true when opt was one of them
 * (and was handled); *ret_exit is set to a usage error when its value is bad. */
bool cli_speech_option(int opt, const char *arg, crier_pipeline_opts *opts, int *ret_exit);

/* Handles --lexicon, --urls and --emoji for crier normalize, which has no
 * speech settings; as cli_speech_option. */
bool cli_normalize_option(int opt, const char *arg, crier_normalize_opts *norm, int *ret_exit);

/* Parses a whole decimal number in [lo, hi]; false if arg is anything else. */
bool cli_parse_int(const char *arg, long lo, long hi, long *ret);

/* Parses a byte count with an optional K, M or G suffix (powers of 1024), 1 to 4G. */
bool cli_parse_size(const char *arg, size_t *ret);

/* Long options of the shared speech settings (getopt_long values, see cli.c). */
#define CLI_SPEECH_LONG_OPTIONS \
    { "voice", required_argument, NULL, 'v' }, \
    { "rate", required_argument, NULL, 'r' }, \
    { "captions", no_argument, NULL, 'C' }, \
    { "no-intro", no_argument, NULL, 'I' }, \
    { "lang", required_argument, NULL, 'L' }, \
    { "max-input-size", required_argument, NULL, 0x100 }, \
    { "max-depth", required_argument, NULL, 0x101 }, \
    { "max-article-length", required_argument, NULL, 0x102 }, \
    { "lexicon", required_argument, NULL, 0x103 }, \
    { "urls", required_argument, NULL, 0x104 }, \
    { "emoji", required_argument, NULL, 0x105 }, \
    { "pitch", required_argument, NULL, 0x110 }, \
    { "volume", required_argument, NULL, 0x111 }, \
    { "gap", required_argument, NULL, 0x112 }

#define CLI_SPEECH_HELP \
    "  -v, --voice NAME   a preset of voices/presets: longform (calm, for long\n" \
    "                     listening; the default for English pages), brisk,\n" \
    "                     british; else an eSpeak NG voice (default for a page\n" \
    "                     in another language: its language's voice)\n" \
    "  -r, --rate WPM     speaking rate in words per minute, 80 to 900 (default 175)\n" \
    "      --pitch N      base pitch, 0 to 99 (default: the voice's)\n" \
    "      --volume N     loudness, 0 to 200 (default 100)\n" \
    "      --gap MS       extra pause between paragraphs, 0 to 10000 ms (default 0)\n" \
    "      --captions     also speak figure captions\n" \
    "      --no-intro     do not start with the title, byline and date\n" \
    "      --lang LANG    language pack for the normalizer (default: en)\n" \
    "      --lexicon FILE pronunciations: word<TAB>text or [[eSpeak phonemes]]\n" \
    "                     [<TAB>case]; ~/.config/crier/lexicon.tsv is read too\n" \
    "      --urls=short|skip|full  web and e-mail addresses: the site only\n" \
    "                     (default), left out, or read in full\n" \
    "      --emoji=drop|name   emoji left out (default) or said by name\n" \
    "      --max-input-size BYTES      largest input read (default 64M; K, M, G suffixes)\n" \
    "      --max-depth N               deepest element nesting walked (default 512)\n" \
    "      --max-article-length BYTES  longest article text (default 8M)\n"

#define CLI_EXIT_HELP \
    "Exit status: 0 success, 1 internal error, 2 usage error, 3 unusable input,\n" \
    "4 output cannot be written, 5 audio device failure, 6 speech synthesizer failure,\n" \
    "7 (batch) some pages failed, the others are done, 130 interrupted (nothing is\n" \
    "left behind).\n"

#endif
