/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Plays a short script through the live sink (run under play-capture).
 * Exit status: 0 played, 1 failed (the status is printed). */
#include <stdio.h>

#include "audio/audio.h"
#include "speech/speech.h"

int
main(void)
{
    static char s1[] = "Live playback test.";
    static char s2[] = "The rain began at noon, and it did not stop.";
    crier_sentence sentences[] = {
        {.spoken = s1, .written = s1, .pause = CRIER_PAUSE_HEADING},
        {.spoken = s2, .written = s2, .pause = CRIER_PAUSE_BLOCK},
    };
    crier_script_block blocks[] = {
        {.kind = CRIER_SCRIPT_INTRO, .sentences = &sentences[0], .n_sentences = 1},
        {.kind = CRIER_SCRIPT_BLOCK,
         .type = CRIER_BLOCK_PARAGRAPH,
         .sentences = &sentences[1],
         .n_sentences = 1},
    };
    crier_script script = {.blocks = blocks, .n_blocks = 2};
    crier_speech *sp = NULL;
    crier_sink *sink = NULL;
    crier_status st;

    if ((st = crier_speech_new(NULL, &sp)) != CRIER_OK)
        goto out;
    if ((st = crier_sink_live_open(NULL, crier_speech_sample_rate(sp), &sink)) != CRIER_OK)
        goto out;
    if ((st = crier_speech_say(sp, &script, sink)) != CRIER_OK)
        goto out;
    st = crier_sink_finish(sink);
out:
    crier_sink_free(sink);
    crier_speech_free(sp);
    if (st != CRIER_OK)
        fprintf(stderr, "live_play: %s\n", crier_status_message(st));
    return st == CRIER_OK ? 0 : 1;
}
