/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "crier_config.h"

static const char usage[] =
    "usage: crier COMMAND [OPTIONS] ...\n"
    "\n"
    "crier reads saved news pages aloud: the article and only the article.\n"
    "\n"
    "Commands:\n"
    "  render INPUT... -o OUTPUT   speak the article into an audio file (.wav, .ogg)\n"
    "  play INPUT...               speak the article through the speakers\n"
    "  text INPUT                  print what would be spoken (or the cleaned article)\n"
    "  normalize                   rewrite text on stdin into its spoken form\n"
    "  batch INPUT_DIR -o OUTPUT_DIR  speak every page of a folder (and write a podcast feed)\n"
    "\n"
    "INPUT is a saved page (.html, .htm, .xhtml), plain text (.txt) or - for stdin.\n"
    "Run 'crier COMMAND --help' for a command's options.\n"
    "\n"
    "  -h, --help      show this help\n"
    "  -V, --version   show the version\n"
    "\n" CLI_EXIT_HELP;

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    { "render", cmd_render },
    { "play", cmd_play },
    { "text", cmd_text },
    { "normalize", cmd_normalize },
    { "batch", cmd_batch },
};

static void
on_stop_signal(int sig)
{
    (void)sig;
    cli_cancel = 1;
}

/* SIGINT, SIGTERM and SIGHUP ask the pipeline to stop, so that it removes what
 * it was writing; SIGXFSZ is ignored so that a file-size limit is a write
 * error (and a clean failure) instead of a kill. */
static void
install_signals(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGXFSZ, SIG_IGN);
}

int
main(int argc, char **argv)
{
    install_signals();
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("crier %s\n", CRIER_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    cli_error(NULL, "unknown command '%s' (try 'crier --help')", cmd);
    return EXIT_USAGE;
}
