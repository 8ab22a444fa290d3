/* SPDX-License-Identifier: GPL-3.0-or-later */
/* crier play: live, navigable playback. The player (src/player) does the
 * work; this file owns the terminal: raw mode, one-key commands read on a
 * second thread, and the position lines on stderr. */
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "player/player.h"

static const char play_usage[] =
    "usage: crier play INPUT... [OPTIONS]\n"
    "\n"
    "Speak the article of each INPUT, in order, through the speakers. Sound starts\n"
    "as soon as the first sentence is synthesized. A folder INPUT plays its pages\n"
    "(.html, .htm, .xhtml, .txt, .mhtml) in name order; a short chime separates\n"
    "articles.\n"
    "\n"
    "When stdin is a terminal, one key does one thing (press ? for this list):\n"
    "  space  pause / resume            n / p  next / previous paragraph\n"
    "  N / P  next / previous heading or article\n"
    "  . / ,  next / previous sentence  + / -  faster / slower (from the next sentence)\n"
    "  h      the headline again        q      quit (the position is saved)\n"
    "Each move is confirmed on stderr with the position (article, heading,\n"
    "paragraph). Positions are saved in $XDG_STATE_HOME/crier/positions/\n"
    "(default ~/.local/state/crier/).\n"
    "\n" CLI_SPEECH_HELP
    "  -d, --device NAME  audio device (default: the system's default)\n"
    "      --resume       begin where the last 'q' left the (first) article\n"
    "      --start N      begin at paragraph N of the first article\n"
    "      --from-heading TEXT  begin at the first heading containing TEXT\n"
    "      --headlines    read only the titles; n opens the current article\n"
    "  -h, --help         show this help\n"
    "\n" CLI_EXIT_HELP;

static const char key_help[] =
    "keys: space pause/resume, n/p paragraph, N/P heading or article, ./, sentence,\n"
    "      +/- faster/slower, h headline, q quit, ? this help\n";

enum { OPT_RESUME = 0x200, OPT_START, OPT_FROM_HEADING, OPT_HEADLINES };

static const struct option long_options[] = {
    { "device", required_argument, NULL, 'd' },
    { "help", no_argument, NULL, 'h' },
    { "resume", no_argument, NULL, OPT_RESUME },
    { "start", required_argument, NULL, OPT_START },
    { "from-heading", required_argument, NULL, OPT_FROM_HEADING },
    { "headlines", no_argument, NULL, OPT_HEADLINES },
    CLI_SPEECH_LONG_OPTIONS,
    { NULL, 0, NULL, 0 },
};

static int
parse(int argc, char **argv, crier_pipeline_opts *opts, crier_player_opts *popts)
{
    int opt, code = -1;
    long v;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "d:v:r:h", long_options, NULL)) != -1) {
        if (cli_speech_option(opt, optarg, opts, &code)) {
            if (code != -1)
                return code;
            continue;
        }
        switch (opt) {
        case 'd':
            opts->device = optarg;
            break;
        case OPT_RESUME:
            popts->resume = true;
            break;
        case OPT_START:
            if (!cli_parse_int(optarg, 1, 1000000, &v)) {
                cli_error(argv[0], "--start wants a paragraph number from 1, not '%s'", optarg);
                goto bad;
            }
            popts->start_paragraph = (size_t)v;
            break;
        case OPT_FROM_HEADING:
            popts->from_heading = optarg;
            break;
        case OPT_HEADLINES:
            popts->headlines = true;
            break;
        case 'h':
            fputs(play_usage, stdout);
            return EXIT_OK;
        default:
            goto bad;
        }
    }
    if (optind >= argc) {
        cli_error(argv[0], "no INPUT given");
        goto bad;
    }
    return -1;
bad:
    fprintf(stderr, "Try 'crier %s --help'.\n", argv[0]);
    return EXIT_USAGE;
}

/* The terminal as it was, restored on every way out (atexit covers exit()
 * from anywhere; the normal paths call it directly). */
static struct termios saved_tio;
static bool tio_saved;

static void
restore_terminal(void)
{
    if (tio_saved) {
        (void)tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
        tio_saved = false;
    }
}

/* No line editing and no echo; ISIG stays on, so Ctrl-C is SIGINT and goes
 * through the same path as a kill: stop, save, restore, exit 130. */
static bool
raw_terminal(void)
{
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &saved_tio) != 0)
        return false;
    t = saved_tio;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    tio_saved = true;
    atexit(restore_terminal);
    return tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0;
}

typedef struct keys {
    crier_player *player;
    atomic_int done;
} keys;

static bool
key_command(char c, crier_player_cmd *ret)
{
    static const struct {
        char key;
        crier_player_cmd cmd;
    } table[] = {
        { ' ', CRIER_PLAYER_PAUSE },          { 'n', CRIER_PLAYER_NEXT_PARAGRAPH },
        { 'p', CRIER_PLAYER_PREV_PARAGRAPH }, { 'N', CRIER_PLAYER_NEXT_SECTION },
        { 'P', CRIER_PLAYER_PREV_SECTION },   { '.', CRIER_PLAYER_NEXT_SENTENCE },
        { ',', CRIER_PLAYER_PREV_SENTENCE },  { '+', CRIER_PLAYER_FASTER },
        { '=', CRIER_PLAYER_FASTER },         { '-', CRIER_PLAYER_SLOWER },
        { 'h', CRIER_PLAYER_HEADLINE },       { 'q', CRIER_PLAYER_QUIT },
        { 'Q', CRIER_PLAYER_QUIT },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (table[i].key == c) {
            *ret = table[i].cmd;
            return true;
        }
    }
    return false;
}

static void *
key_thread(void *arg)
{
    keys *k = arg;
    struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

    while (!atomic_load(&k->done)) {
        if (poll(&pfd, 1, 20) <= 0)
            continue;
        char buf[64];
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n <= 0) {
            if (n == 0) /* the terminal went away: stop, as q */
                crier_player_send(k->player, CRIER_PLAYER_QUIT);
            break;
        }
        for (ssize_t i = 0; i < n; i++) {
            crier_player_cmd cmd;
            if (buf[i] == '?')
                fputs(key_help, stderr);
            else if (key_command(buf[i], &cmd))
                crier_player_send(k->player, cmd);
        }
    }
    return NULL;
}

static void
on_event(void *user, const crier_player_event *ev)
{
    (void)user;
    switch (ev->type) {
    case CRIER_PLAYER_EV_PAUSED:
        fputs("paused\n", stderr);
        return;
    case CRIER_PLAYER_EV_RESUMED:
        fputs("playing\n", stderr);
        return;
    case CRIER_PLAYER_EV_RATE:
        fprintf(stderr, "rate %d words a minute, from the next sentence\n", ev->rate_wpm);
        return;
    case CRIER_PLAYER_EV_EDGE:
        fputs("nothing there\n", stderr);
        return;
    case CRIER_PLAYER_EV_SAVED:
        fprintf(stderr, "position saved: article %zu/%zu, paragraph %zu, sentence %zu\n",
                ev->article, ev->n_articles, ev->paragraph, ev->sentence + 1);
        return;
    case CRIER_PLAYER_EV_POSITION:
        break;
    }
    fprintf(stderr, "article %zu/%zu", ev->article, ev->n_articles);
    if (ev->heading != NULL)
        fprintf(stderr, ", heading '%s'", ev->heading);
    else if (ev->title != NULL && ev->paragraph == 0)
        fprintf(stderr, ", '%s'", ev->title);
    if (ev->paragraph == 0)
        fputs(", intro\n", stderr);
    else
        fprintf(stderr, ", paragraph %zu of %zu\n", ev->paragraph, ev->n_paragraphs);
}

int
cmd_play(int argc, char **argv)
{
    crier_pipeline_opts opts;
    crier_player_opts popts;
    crier_player *player = NULL;
    crier_failure failure = { CRIER_WHERE_NONE, 0 };
    keys k = { 0 };
    pthread_t tid;
    bool thread = false;
    bool interactive = isatty(STDIN_FILENO) == 1;

    crier_pipeline_opts_init(&opts);
    opts.cancel = &cli_cancel;
    crier_player_opts_init(&popts, &opts);
    int code = parse(argc, argv, &opts, &popts);
    if (code != -1)
        return code;
    /* pcaudiolib opens PulseAudio with the default buffer, about 2 s: a pause
     * would play on that long. libpulse reads PULSE_LATENCY_MSEC for streams
     * that ask for no size; 60 ms keeps a pause prompt and, with synthesis far
     * faster than speech, never runs dry (a user's own setting wins). */
    (void)setenv("PULSE_LATENCY_MSEC", "60", 0);
    if (interactive) {
        popts.event_fn = on_event;
        popts.event_user = NULL;
    }
    const char *const *inputs = (const char *const *)argv + optind;
    crier_status st = crier_player_new(inputs, (size_t)(argc - optind), &popts, &player, &failure);
    if (st == CRIER_E_NOENT && failure.where == CRIER_WHERE_NONE) {
        if (popts.from_heading != NULL)
            cli_error(argv[0], "no heading contains '%s'", popts.from_heading);
        else
            cli_error(argv[0], "the article has no paragraph %zu", popts.start_paragraph);
        return EXIT_USAGE;
    }
    if (st != CRIER_OK)
        return cli_report(st, &failure, inputs, NULL, &opts);
    if (interactive && raw_terminal()) {
        k.player = player;
        thread = pthread_create(&tid, NULL, key_thread, &k) == 0;
        fputs("press ? for the keys\n", stderr);
    }
    st = crier_player_run(player, &failure);
    atomic_store(&k.done, 1);
    if (thread)
        pthread_join(tid, NULL);
    restore_terminal();
    crier_player_free(player);
    if (st == CRIER_E_CANCELLED) {
        cli_error(NULL, "interrupted");
        return EXIT_INTERRUPTED;
    }
    return cli_report(st, &failure, inputs, NULL, &opts);
}
