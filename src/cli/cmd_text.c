/* SPDX-License-Identifier: GPL-3.0-or-later */
/* crier text and crier normalize: the commands that print text. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/utf8.h"

static const char text_usage[] =
    "usage: crier text INPUT [OPTIONS]\n"
    "\n"
    "Print what would be spoken: the intro and each block, a blank line between\n"
    "blocks.\n"
    "\n"
    "      --stage=STAGE  extract: print the cleaned article before normalization\n"
    "                     (title, then the body blocks); normalize (default): the\n"
    "                     spoken text\n"
    "      --json         print the article as JSON: title, byline, site, date (ISO\n"
    "                     8601), lang, url, description and blocks [{type, text}]\n" CLI_SPEECH_HELP
    "  -h, --help         show this help\n"
    "\n" CLI_EXIT_HELP;

static const char normalize_usage[] =
    "usage: crier normalize [--lines] [--lang LANG] < TEXT\n"
    "\n"
    "Rewrite the text on standard input into what a listener should hear.\n"
    "\n"
    "      --lines      exactly one output line per input line\n"
    "                   (default: paragraphs, separated by blank lines)\n"
    "      --lang LANG  language pack (default: en)\n"
    "      --lexicon FILE  say the words of FILE (word<TAB>text or [[phonemes]]\n"
    "                   [<TAB>case]) and of the pack's names.tsv as they list\n"
    "      --urls=short|skip|full  web and e-mail addresses: the site only\n"
    "                   (default), left out, or every part read\n"
    "      --emoji=drop|name  emoji left out (default) or said by name\n"
    "  -h, --help       show this help\n"
    "\n" CLI_EXIT_HELP;

/* Writes the whole buffer to stdout; false when stdout fails (closed pipe, full disk). */
static bool
write_out(const crier_buf *b)
{
    return fwrite(crier_buf_str(b), 1, b->len, stdout) == b->len;
}

static int
finish_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("standard output", "%s", crier_status_message(CRIER_E_WRITE));
        return EXIT_OUTPUT;
    }
    return EXIT_OK;
}

int
cmd_text(int argc, char **argv)
{
    static const struct option long_options[] = {
        { "stage", required_argument, NULL, 's' },
        { "json", no_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        CLI_SPEECH_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    crier_pipeline_opts opts;
    bool json = false, extract_only = false;
    int opt, code = -1;

    crier_pipeline_opts_init(&opts);
    optind = 1;
    while ((opt = getopt_long(argc, argv, "v:r:h", long_options, NULL)) != -1) {
        if (cli_speech_option(opt, optarg, &opts, &code)) {
            if (code != -1)
                return code;
        } else if (opt == 's' && strcmp(optarg, "extract") == 0) {
            extract_only = true;
        } else if (opt == 's' && strcmp(optarg, "normalize") == 0) {
            extract_only = false;
        } else if (opt == 'j') {
            json = true;
        } else if (opt == 'h') {
            fputs(text_usage, stdout);
            return EXIT_OK;
        } else {
            if (opt == 's')
                cli_error("--stage", "'%s' is not a stage (extract or normalize)", optarg);
            fputs("Try 'crier text --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        cli_error("text", argc - optind < 1 ? "no INPUT given" : "one INPUT at a time");
        return EXIT_USAGE;
    }
    const char *input = argv[optind];
    const char *subject = strcmp(input, "-") == 0 ? "(stdin)" : input;
    crier_article *art = NULL;
    crier_script *script = NULL;
    crier_buf out;
    crier_buf_init(&out, SIZE_MAX / 2);

    crier_status st = crier_article_load(input, &opts.limits, &art);
    if (st != CRIER_OK) {
        cli_error(subject, "%s", crier_status_message(st));
        code = cli_exit_for_input(st);
        goto out;
    }
    if (json) {
        st = crier_article_to_json(art, &out);
        if (st == CRIER_OK)
            st = crier_buf_putc(&out, '\n');
    } else if (extract_only) {
        st = crier_article_to_text(art, &out);
    } else {
        crier_failure f;
        st = crier_article_script(art, &opts, &script, &f);
        if (st != CRIER_OK && f.where == CRIER_WHERE_LANG) {
            code = cli_report(st, &f, NULL, NULL, &opts);
            goto out;
        }
        if (st == CRIER_OK)
            st = crier_script_to_text(script, &out);
    }
    if (st != CRIER_OK) {
        cli_error(subject, "%s", crier_status_message(st));
        code = st == CRIER_E_NOMEM ? EXIT_INTERNAL : EXIT_INPUT;
        goto out;
    }
    if (!write_out(&out)) {
        cli_error("standard output", "%s", crier_status_message(CRIER_E_WRITE));
        code = EXIT_OUTPUT;
        goto out;
    }
    code = finish_stdout();
out:
    crier_buf_free(&out);
    crier_script_free(script);
    crier_article_free(art);
    return code;
}

/* Standard input read in chunks: a byte at a time (getchar) cost a sixth of
 * `crier normalize`'s time. */
typedef struct line_reader {
    char buf[65536];
    size_t pos, len;
    bool eof;
} line_reader;

/* Reads one line of stdin (without its newline) into line; false at the end. A
 * line longer than the buffer's cap is cut there, the rest is read and dropped.
 * NUL bytes are kept (the normalizer reads them as spaces). */
static bool
read_line(line_reader *r, crier_buf *line, bool *ret_cut)
{
    bool any = false;
    crier_buf_clear(line);
    *ret_cut = false;
    for (;;) {
        if (r->pos == r->len) {
            if (r->eof)
                break;
            r->len = fread(r->buf, 1, sizeof r->buf, stdin);
            r->pos = 0;
            if (r->len < sizeof r->buf)
                r->eof = true;
            if (r->len == 0)
                break;
        }
        any = true;
        const char *start = r->buf + r->pos;
        const char *nl = memchr(start, '\n', r->len - r->pos);
        size_t n = nl ? (size_t)(nl - start) : r->len - r->pos;
        r->pos += n + (nl != NULL);
        for (size_t room; !*ret_cut && n > 0 && crier_buf_append(line, start, n) != CRIER_OK;) {
            room = line->max > line->len + 1 ? line->max - line->len - 1 : 0;
            if (room > 0 && room < n)
                crier_buf_append(line, start, room); /* as much as fits */
            *ret_cut = true;
        }
        if (nl != NULL)
            break;
    }
    if (!any)
        return false;
    if (line->len > 0 && line->data[line->len - 1] == '\r')
        crier_buf_truncate(line, line->len - 1);
    return true;
}

/* Normalizes one unit of text (a line or a paragraph) onto out. Text the
 * normalizer refuses (past a cap) is passed through as written, repaired. */
static crier_status
normalize_unit(const crier_lang *lang, const crier_normalize_opts *norm, const crier_lexicon *lex,
               const crier_buf *unit, crier_buf *clean, crier_buf *out)
{
    crier_buf_clear(clean);
    crier_status st = crier_utf8_repair(crier_buf_str(unit), unit->len, clean);
    if (st != CRIER_OK)
        return st;
    size_t mark = out->len;
    st = crier_normalize_text_opts(lang, norm, lex, crier_buf_str(clean), clean->len, out);
    if (st == CRIER_E_LIMIT) {
        crier_buf_truncate(out, mark);
        st = crier_buf_append(out, crier_buf_str(clean), clean->len);
    }
    return st;
}

int
cmd_normalize(int argc, char **argv)
{
    static const struct option long_options[] = {
        { "lines", no_argument, NULL, 'l' },
        { "lang", required_argument, NULL, 'L' },
        { "help", no_argument, NULL, 'h' },
        { "lexicon", required_argument, NULL, 0x103 },
        { "urls", required_argument, NULL, 0x104 },
        { "emoji", required_argument, NULL, 0x105 },
        { NULL, 0, NULL, 0 },
    };
    crier_pipeline_opts opts;
    crier_lexicon *lex = NULL;
    bool lines = false, cut;
    int opt, code = EXIT_OK;

    crier_pipeline_opts_init(&opts);
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        if (cli_normalize_option(opt, optarg, &opts.norm, &code)) {
            if (code != EXIT_OK)
                return code;
        } else if (opt == 'l') {
            lines = true;
        } else if (opt == 'L') {
            opts.lang = optarg;
        } else if (opt == 'h') {
            fputs(normalize_usage, stdout);
            return EXIT_OK;
        } else {
            fputs("Try 'crier normalize --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error("normalize", "reads standard input; unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    crier_lang *lang = NULL;
    crier_status st = crier_lang_load(opts.voices_dir, opts.lang ? opts.lang : "en", &lang);
    if (st != CRIER_OK) {
        crier_failure f = { CRIER_WHERE_LANG, 0 };
        return cli_report(st, &f, NULL, NULL, &opts);
    }
    /* pronunciations only on request: the plain output is what is measured */
    if (opts.norm.lexicon != NULL &&
        ((st = crier_lexicon_new(&lex)) != CRIER_OK ||
         (st = crier_lexicon_load_file(lex, opts.norm.lexicon)) != CRIER_OK)) {
        cli_error(opts.norm.lexicon, "%s", crier_status_message(st));
        crier_lexicon_free(lex);
        crier_lang_free(lang);
        return cli_exit_for_input(st);
    }
    crier_buf line, unit, clean, out;
    line_reader *reader = calloc(1, sizeof *reader);
    if (reader == NULL) {
        cli_error(NULL, "%s", crier_status_message(CRIER_E_NOMEM));
        crier_lexicon_free(lex);
        crier_lang_free(lang);
        return EXIT_INTERNAL;
    }
    crier_buf_init(&line, opts.limits.max_article_bytes);
    crier_buf_init(&unit, opts.limits.max_article_bytes);
    crier_buf_init(&clean, SIZE_MAX / 2);
    crier_buf_init(&out, SIZE_MAX / 2);
    bool more = true;
    while (more && st == CRIER_OK) {
        more = read_line(reader, &line, &cut);
        if (cut)
            cli_error("(stdin)", "a line longer than %zu bytes was cut", line.max);
        if (lines) {
            if (!more)
                break;
            st = normalize_unit(lang, &opts.norm, lex, &line, &clean, &out);
        } else if (more && line.len > 0) {
            /* paragraph mode: gather lines up to a blank line */
            if (unit.len > 0)
                st = crier_buf_putc(&unit, ' ');
            if (st == CRIER_OK)
                st = crier_buf_append(&unit, crier_buf_str(&line), line.len);
            continue;
        } else if (unit.len > 0) {
            st = normalize_unit(lang, &opts.norm, lex, &unit, &clean, &out);
            if (st == CRIER_OK && more)
                st = crier_buf_putc(&out, '\n');
            crier_buf_clear(&unit);
        } else {
            continue;
        }
        if (st == CRIER_OK)
            st = crier_buf_putc(&out, '\n');
        if (st == CRIER_OK && !write_out(&out))
            st = CRIER_E_WRITE;
        crier_buf_clear(&out);
    }
    if (st == CRIER_E_WRITE) {
        code = EXIT_OUTPUT;
        cli_error("standard output", "%s", crier_status_message(st));
    } else if (st != CRIER_OK) {
        code = st == CRIER_E_NOMEM ? EXIT_INTERNAL : EXIT_INPUT;
        cli_error("(stdin)", "%s", crier_status_message(st));
    } else {
        code = finish_stdout();
    }
    crier_buf_free(&line);
    crier_buf_free(&unit);
    crier_buf_free(&clean);
    crier_buf_free(&out);
    free(reader);
    crier_lexicon_free(lex);
    crier_lang_free(lang);
    return code;
}
