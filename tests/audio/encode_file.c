/* SPDX-License-Identifier: GPL-3.0-or-later */
/* crier-encode IN.wav OUT [--no-thread]: reads 16-bit mono PCM with libsndfile
 * and writes it through crier's file sink, with the settings 'crier render'
 * uses: the benchmark's "encoding alone".
 * crier-encode --speak TEXT.txt OUT [--no-thread]: speaks each non-empty line
 * of TEXT.txt as a sentence (a paragraph pause after each) into OUT: synthesis
 * and encoding without extraction, to see what the encoder thread overlaps. */
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audio.h"
#include "speech/speech.h"

static crier_status
encode(const char *in_path, const char *out_path, const crier_file_opts *opts)
{
    SF_INFO info = {0};
    SNDFILE *in = NULL;
    crier_sink *sink = NULL;
    crier_format format;
    crier_status st;
    short buf[CRIER_AUDIO_CHUNK_FRAMES];
    sf_count_t n;

    if ((in = sf_open(in_path, SFM_READ, &info)) == NULL || info.channels != 1) {
        st = CRIER_E_READ;
        goto out;
    }
    if ((st = crier_format_from_path(out_path, &format)) != CRIER_OK)
        goto out;
    if ((st = crier_sink_file_open_opts(out_path, format, info.samplerate, NULL, opts, &sink)) !=
        CRIER_OK)
        goto out;
    while (st == CRIER_OK && (n = sf_readf_short(in, buf, CRIER_AUDIO_CHUNK_FRAMES)) > 0)
        st = crier_sink_write(sink, buf, (size_t)n);
    if (st == CRIER_OK)
        st = crier_sink_finish(sink);
out:
    crier_sink_free(sink);
    if (in != NULL)
        sf_close(in);
    return st;
}

static crier_status
speak(const char *text_path, const char *out_path, const crier_file_opts *opts)
{
    FILE *f = fopen(text_path, "r");
    crier_speech *sp = NULL;
    crier_sink *sink = NULL;
    crier_format format;
    crier_status st;
    char line[65536];

    if (f == NULL)
        return CRIER_E_READ;
    if ((st = crier_format_from_path(out_path, &format)) != CRIER_OK)
        goto out;
    if ((st = crier_speech_new(NULL, &sp)) != CRIER_OK)
        goto out;
    if ((st = crier_sink_file_open_opts(out_path, format, crier_speech_sample_rate(sp), NULL, opts,
                                        &sink)) != CRIER_OK)
        goto out;
    while (st == CRIER_OK && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0')
            continue;
        crier_sentence s = {.spoken = line, .written = line, .pause = CRIER_PAUSE_BLOCK};
        crier_script_block b = {.kind = CRIER_SCRIPT_BLOCK, .sentences = &s, .n_sentences = 1};
        crier_script script = {.blocks = &b, .n_blocks = 1};
        st = crier_speech_say(sp, &script, sink);
    }
    if (st == CRIER_OK)
        st = crier_sink_finish(sink);
out:
    crier_sink_free(sink);
    crier_speech_free(sp);
    fclose(f);
    return st;
}

int
main(int argc, char **argv)
{
    crier_file_opts opts = crier_file_opts_default();
    bool speak_mode = argc > 1 && strcmp(argv[1], "--speak") == 0;
    int first = speak_mode ? 2 : 1;

    if (argc > first + 2 && strcmp(argv[argc - 1], "--no-thread") == 0) {
        opts.encoder_thread = false;
        argc--;
    }
    if (argc != first + 2) {
        fprintf(stderr, "usage: crier-encode [--speak] IN OUT [--no-thread]\n");
        return 2;
    }
    const char *in = argv[first], *out = argv[first + 1];
    crier_status st = speak_mode ? speak(in, out, &opts) : encode(in, out, &opts);
    if (st != CRIER_OK)
        fprintf(stderr, "crier-encode: %s -> %s: %s\n", in, out, crier_status_message(st));
    return st == CRIER_OK ? 0 : 4;
}
