/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_SPEECH_H
#define CRIER_SPEECH_H

#include <stdbool.h>

#include "audio/audio.h"
#include "core/status.h"
#include "normalize/normalize.h"

/* speech: the only module that includes eSpeak NG. A script becomes PCM, handed
 * to a sink as eSpeak NG produces it (synchronous mode with a callback).
 * eSpeak NG keeps process-wide state: one crier_speech per process at a time. */

typedef struct crier_speech crier_speech;

typedef struct crier_speech_opts {
    const char *voice; /* eSpeak NG voice name ("en-us", "de", ...); NULL = "en-us".
                        * A name containing '/' is the path of a voice file. */
    int rate_wpm;      /* words per minute, 80..900 (above 450 eSpeak NG 1.51
                        * speeds up with sonic); 0 = default (175) */
    /* The text's language (BCP 47, e.g. the page's <html lang>), borrowed; NULL
     * = unknown. When voice is NULL it picks the eSpeak NG voice for that
     * language (the whole tag, then its primary language; English is en-us),
     * falling back to en-us when eSpeak NG has none. */
    const char *lang;
    /* Optional settings over the voice's own; zeroed = the voice's. */
    bool set_pitch, set_volume;
    int pitch;       /* base pitch 0..99 (eSpeak NG's default 50) */
    int volume;      /* 0..200 (eSpeak NG's default 100) */
    unsigned gap_ms; /* extra silence after each paragraph, 0..10,000 ms */
} crier_speech_opts;

/* The fastest --rate: eSpeak NG 1.51 takes espeakRATE above its documented
 * 450 and speeds up with sonic (measured: 900 wpm speaks in half the time of
 * 450). */
#define CRIER_SPEECH_RATE_MAX 900
#define CRIER_SPEECH_GAP_MAX_MS 10000

/* Initializes eSpeak NG and selects the voice. opts: borrowed.
 * Returns CRIER_OK, CRIER_E_SPEECH (no eSpeak NG data), CRIER_E_VOICE, CRIER_E_ARG
 * (rate out of range) or CRIER_E_NOMEM. Sets *ret_speech only on CRIER_OK. */
crier_status crier_speech_new(const crier_speech_opts *opts, crier_speech **ret_speech);

/* Changes the voice for the sentences that follow, as crier_speech_new picks it
 * from voice and lang. Returns CRIER_OK or CRIER_E_VOICE (the voice is then
 * unchanged only if eSpeak NG kept it; pick again before speaking). */
crier_status crier_speech_set_voice(crier_speech *speech, const char *voice, const char *lang);

/* True when eSpeak NG has a voice for lang (as crier_speech_opts.lang picks
 * one; "en" always). Initializes eSpeak NG when needed; false if it cannot. */
bool crier_speech_has_lang(const char *lang);

/* The language of the voice speech speaks with ("en-us", "de", ...): static
 * storage of eSpeak NG's, valid until the next voice change; "" when unknown. */
const char *crier_speech_voice_lang(const crier_speech *speech);

/* eSpeak NG's output sample rate (22,050 Hz for its voices). */
int crier_speech_sample_rate(const crier_speech *speech);

/* Speaks the script into sink, block by block, with a pause after each heading and a
 * longer pause between paragraphs than between sentences. script, sink: borrowed.
 * Returns CRIER_OK, CRIER_E_SPEECH, or the sink's status when writing fails. */
crier_status crier_speech_say(crier_speech *speech, const crier_script *script, crier_sink *sink);

/* Speaks one sentence (script->blocks[block].sentences[sentence]) into sink,
 * with the pause after it, exactly as crier_speech_say would; events and
 * transcript as there. For players that move sentence by sentence. A sink that
 * fails a write (a callback sink returning CRIER_E_CANCELLED, say) stops
 * synthesis at once with that status. Returns CRIER_OK, CRIER_E_ARG (no such
 * sentence, wrong rate), CRIER_E_SPEECH or the sink's status. */
crier_status crier_speech_say_sentence(crier_speech *speech, const crier_script *script,
                                       size_t block, size_t sentence, crier_sink *sink);

/* Changes the speaking rate for the sentences that follow (80..900 wpm).
 * Returns CRIER_OK, CRIER_E_ARG or CRIER_E_SPEECH. */
crier_status crier_speech_set_rate(crier_speech *speech, int rate_wpm);

/* Events: where each sentence and word of the script lies in the audio, for
 * transcripts (WebVTT), chapters and live navigation. Frames count from the
 * sink's first frame (crier_sink_frames before crier_speech_say is 0 for a new
 * sink; otherwise add it). */
typedef enum crier_speech_event_type {
    CRIER_SPEECH_WORD,     /* a word eSpeak NG spoke; offset/len locate it */
    CRIER_SPEECH_SENTENCE, /* a script sentence, sent after its words: frame ..
                            * end_frame is its synthesis (eSpeak NG's own short
                            * end-of-sentence pause included, the block or
                            * heading pause after it not) */
} crier_speech_event_type;

typedef struct crier_speech_event {
    crier_speech_event_type type;
    size_t block;       /* index into script->blocks */
    size_t sentence;    /* index into that block's sentences */
    size_t frame;       /* where it starts */
    size_t end_frame;   /* SENTENCE: where its speech ends; WORD: 0 */
    size_t offset, len; /* WORD: byte span in the sentence's spoken text (eSpeak NG
                         * may report a number as several overlapping words) */
} crier_speech_event;

/* Called on the synthesizing thread, in frame order per sentence; event
 * borrowed for the call. */
typedef void (*crier_speech_event_fn)(void *user, const crier_speech_event *event);

/* Sets (fn NULL: clears) the event handler for the following crier_speech_say
 * calls. user: borrowed. */
void crier_speech_set_events(crier_speech *speech, crier_speech_event_fn fn, void *user);

/* During the following crier_speech_say calls, writes a WebVTT cue for every
 * sentence (its written text, else its spoken text) into vtt, and a chapter
 * where the intro and each heading block start into chapters. Times count from
 * the sink's first frame. vtt, chapters: borrowed, either may be NULL (both
 * NULL: off); they must outlive those calls; the caller finishes and frees
 * them. A writer's failure stops crier_speech_say with its status. */
void crier_speech_set_transcript(crier_speech *speech, crier_vtt *vtt, crier_chapters *chapters);

/* Releases eSpeak NG. NULL-safe. */
void crier_speech_free(crier_speech *speech);

#endif
