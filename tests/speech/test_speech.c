/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sndfile.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio/audio.h"
#include "speech/speech.h"

/* A hand-built script: sentences[i] with pauses[i], grouped into blocks by
 * block_of[i]. */
struct fixture {
    crier_script script;
    crier_script_block blocks[8];
    crier_sentence sentences[16];
};

static void
build(struct fixture *fx, const char *const *text, const crier_pause *pauses,
      const size_t *block_of, size_t n)
{
    memset(fx, 0, sizeof *fx);
    fx->script.blocks = fx->blocks;
    for (size_t i = 0; i < n; i++) {
        size_t b = block_of[i];
        fx->sentences[i].spoken = (char *)text[i];
        fx->sentences[i].written = (char *)text[i];
        fx->sentences[i].pause = pauses[i];
        if (fx->blocks[b].sentences == NULL)
            fx->blocks[b].sentences = &fx->sentences[i];
        fx->blocks[b].n_sentences++;
        fx->blocks[b].kind = b == 0 ? CRIER_SCRIPT_INTRO : CRIER_SCRIPT_BLOCK;
        fx->blocks[b].type = CRIER_BLOCK_PARAGRAPH;
        if (b + 1 > fx->script.n_blocks)
            fx->script.n_blocks = b + 1;
    }
}

static const char *const news_text[] = {
    "Storm hits the coast.",
    "The rain began at noon.",
    "It did not stop.",
    "Roads were closed.",
};
static const crier_pause news_pauses[] = {
    CRIER_PAUSE_HEADING,
    CRIER_PAUSE_SENTENCE,
    CRIER_PAUSE_BLOCK,
    CRIER_PAUSE_BLOCK,
};
static const size_t news_blocks[] = {0, 1, 1, 2};

/* Collects the PCM a session produces (tests only: short scripts). */
struct capture {
    short *pcm;
    size_t n, cap;
    size_t calls, fail_at, first_chunk;
    struct timespec first;
};

static crier_status
capture_write(void *user, const short *pcm, size_t n_frames)
{
    struct capture *c = user;
    if (c->calls++ == 0) {
        clock_gettime(CLOCK_MONOTONIC, &c->first);
        c->first_chunk = n_frames;
    }
    if (c->fail_at != 0 && c->calls >= c->fail_at)
        return CRIER_E_DEVICE;
    if (c->n + n_frames > c->cap) {
        c->cap = (c->n + n_frames) * 2;
        c->pcm = realloc(c->pcm, c->cap * sizeof *c->pcm);
        assert_non_null(c->pcm);
    }
    memcpy(c->pcm + c->n, pcm, n_frames * sizeof *pcm);
    c->n += n_frames;
    return CRIER_OK;
}

static crier_speech *
new_speech(void)
{
    crier_speech *sp = NULL;
    crier_speech_opts opts = {.voice = "en-us", .rate_wpm = 175};
    assert_int_equal(crier_speech_new(&opts, &sp), CRIER_OK);
    assert_int_equal(crier_speech_sample_rate(sp), 22050);
    return sp;
}

/* Silent runs (|x| < 300) of at least 150 ms, in order, in frames. */
static size_t
silent_gaps(const short *pcm, size_t n, int rate, size_t *gaps, size_t max_gaps)
{
    size_t n_gaps = 0, run = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && abs(pcm[i]) < 300) {
            run++;
            continue;
        }
        if (run >= (size_t)rate * 150 / 1000 && n_gaps < max_gaps)
            gaps[n_gaps++] = run;
        run = 0;
    }
    return n_gaps;
}

static void
speaks_with_pauses(void **state)
{
    (void)state;
    struct fixture fx;
    struct capture cap = {0};
    crier_sink *sink = NULL;
    crier_speech *sp = new_speech();
    int rate = crier_speech_sample_rate(sp);

    build(&fx, news_text, news_pauses, news_blocks, 4);
    assert_int_equal(crier_sink_callback_open(rate, capture_write, &cap, &sink), CRIER_OK);
    assert_int_equal(crier_speech_say(sp, &fx.script, sink), CRIER_OK);
    assert_int_equal(crier_sink_frames(sink), cap.n);
    /* 15 words at 175 wpm is about 5 s; with pauses, 3..15 s is plausible. */
    assert_true(cap.n > (size_t)rate * 3 && cap.n < (size_t)rate * 15);
    int peak = 0;
    for (size_t i = 0; i < cap.n; i++)
        if (abs(cap.pcm[i]) > peak)
            peak = abs(cap.pcm[i]);
    assert_true(peak > 3000);

    size_t gaps[16];
    size_t n_gaps = silent_gaps(cap.pcm, cap.n, rate, gaps, 16);
    /* After the heading, after a sentence, after a block, and the final one. */
    assert_int_equal(n_gaps, 4);
    assert_true(gaps[0] > gaps[1] + (size_t)rate / 2);      /* heading: +700 ms */
    assert_true(gaps[2] > gaps[1] + (size_t)rate * 3 / 10); /* block: +400 ms */
    print_message("gaps (ms): heading %zu, sentence %zu, block %zu\n",
                  gaps[0] * 1000 / (size_t)rate, gaps[1] * 1000 / (size_t)rate,
                  gaps[2] * 1000 / (size_t)rate);
    crier_sink_free(sink);
    crier_speech_free(sp);
    free(cap.pcm);
}

/* PCM reaches the sink in eSpeak NG's small buffers as it is synthesized, not
 * once per sentence or article: live playback starts right away. */
static void
streams_while_synthesizing(void **state)
{
    (void)state;
    static const char *const text[] = {
        "This is the first sentence of a longer paragraph about nothing much.",
        "Here is a second one, also fairly long, so that synthesis takes a while.",
        "A third sentence follows the second one, and then a fourth.",
        "The fourth sentence is here, and it ends the paragraph.",
    };
    static const crier_pause pauses[] = {CRIER_PAUSE_SENTENCE, CRIER_PAUSE_SENTENCE,
                                         CRIER_PAUSE_SENTENCE, CRIER_PAUSE_BLOCK};
    static const size_t blocks[] = {0, 0, 0, 0};
    struct fixture fx;
    struct capture cap = {0};
    crier_sink *sink = NULL;
    struct timespec start, end;
    crier_speech *sp = new_speech();
    int rate = crier_speech_sample_rate(sp);

    build(&fx, text, pauses, blocks, 4);
    assert_int_equal(crier_sink_callback_open(rate, capture_write, &cap, &sink), CRIER_OK);
    clock_gettime(CLOCK_MONOTONIC, &start);
    assert_int_equal(crier_speech_say(sp, &fx.script, sink), CRIER_OK);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double total =
        (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    double first = (double)(cap.first.tv_sec - start.tv_sec) +
                   (double)(cap.first.tv_nsec - start.tv_nsec) / 1e9;
    print_message("first PCM after %.1f ms of %.1f ms; first chunk %zu frames, %zu calls\n",
                  first * 1000, total * 1000, cap.first_chunk, cap.calls);
    assert_true(cap.first_chunk <= (size_t)rate / 5); /* ~150 ms buffers */
    assert_true(cap.calls > 20);
    assert_true(first < total / 4);
    crier_sink_free(sink);
    crier_speech_free(sp);
    free(cap.pcm);
}

/* A sink error stops synthesis at once, and its status comes back. */
static void
sink_error_stops_synthesis(void **state)
{
    (void)state;
    struct fixture fx;
    struct capture cap = {.fail_at = 3};
    crier_sink *sink = NULL;
    crier_speech *sp = new_speech();

    build(&fx, news_text, news_pauses, news_blocks, 4);
    assert_int_equal(
        crier_sink_callback_open(crier_speech_sample_rate(sp), capture_write, &cap, &sink),
        CRIER_OK);
    assert_int_equal(crier_speech_say(sp, &fx.script, sink), CRIER_E_DEVICE);
    assert_int_equal(cap.calls, 3);
    crier_sink_free(sink);
    crier_speech_free(sp);
    free(cap.pcm);
}

static void
speaks_into_a_wav_file(void **state)
{
    (void)state;
    struct fixture fx;
    crier_sink *sink = NULL;
    char dir[] = "/tmp/crier-speech-XXXXXX";
    char path[64];
    crier_speech *sp = new_speech();
    int rate = crier_speech_sample_rate(sp);

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.wav", dir);
    build(&fx, news_text, news_pauses, news_blocks, 4);
    assert_int_equal(crier_sink_file_open(path, CRIER_FORMAT_WAV, rate, NULL, &sink), CRIER_OK);
    assert_int_equal(crier_speech_say(sp, &fx.script, sink), CRIER_OK);
    size_t frames = crier_sink_frames(sink);
    assert_int_equal(crier_sink_finish(sink), CRIER_OK);
    crier_sink_free(sink);
    crier_speech_free(sp);

    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    assert_non_null(sf);
    assert_int_equal(info.samplerate, rate);
    assert_int_equal(info.channels, 1);
    assert_int_equal(info.frames, (sf_count_t)frames);
    double rms = 0;
    short buf[4096];
    sf_count_t n;
    while ((n = sf_readf_short(sf, buf, 4096)) > 0)
        for (sf_count_t i = 0; i < n; i++)
            rms += (double)buf[i] * buf[i];
    assert_int_equal(sf_close(sf), 0);
    assert_true(rms / (double)frames > 100.0 * 100.0);
    unlink(path);
    rmdir(dir);
}

static void
voices_and_rates(void **state)
{
    (void)state;
    crier_speech *sp = (crier_speech *)0x1;
    crier_speech_opts opts = {.voice = "no-such-voice"};
    assert_int_equal(crier_speech_new(&opts, &sp), CRIER_E_VOICE);
    assert_ptr_equal(sp, (crier_speech *)0x1);
    opts = (crier_speech_opts){.voice = "en-us", .rate_wpm = 79};
    assert_int_equal(crier_speech_new(&opts, &sp), CRIER_E_ARG);
    opts.rate_wpm = 901; /* past 450 eSpeak NG 1.51 speeds up with sonic, to 900 */
    assert_int_equal(crier_speech_new(&opts, &sp), CRIER_E_ARG);
    opts = (crier_speech_opts){.voice = "en-us", .set_pitch = true, .pitch = 100};
    assert_int_equal(crier_speech_new(&opts, &sp), CRIER_E_ARG);
    opts = (crier_speech_opts){.voice = "en-us", .set_volume = true, .volume = 201};
    assert_int_equal(crier_speech_new(&opts, &sp), CRIER_E_ARG);
    opts = (crier_speech_opts){.voice = "en-us", .gap_ms = CRIER_SPEECH_GAP_MAX_MS + 1};
    assert_int_equal(crier_speech_new(&opts, &sp), CRIER_E_ARG);
    assert_ptr_equal(sp, (crier_speech *)0x1);
    opts = (crier_speech_opts){.voice = "de", .rate_wpm = 450};
    assert_int_equal(crier_speech_new(&opts, &sp), CRIER_OK);
    crier_speech *second = NULL;
    assert_int_equal(crier_speech_new(NULL, &second), CRIER_E_ARG); /* one at a time */
    assert_null(second);
    crier_speech_free(sp);
    assert_int_equal(crier_speech_new(NULL, &sp), CRIER_OK); /* defaults */
    crier_sink *sink = NULL;
    assert_int_equal(crier_sink_null_open(16000, &sink), CRIER_OK);
    crier_script empty = {0};
    assert_int_equal(crier_speech_say(sp, &empty, sink), CRIER_E_ARG); /* wrong rate */
    crier_sink_free(sink);
    crier_speech_free(sp);
    crier_speech_free(NULL);
}

/* With no --voice, the page's language picks the voice. */
static void
voice_from_page_language(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *want;
    } cases[] = {
        {"de-DE", "de"}, {"fr", "fr"}, {"en-GB", "en-gb"}, {"en", "en-us"},
        {"en-ZZ", "en-us"}, {"pt_BR", "pt-br"}, {NULL, "en-us"},
        {"xx-nonesuch", "en-us"}, {"bad tag!", "en-us"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        crier_speech *sp = NULL;
        crier_speech_opts opts = {.lang = cases[i].lang};
        assert_int_equal(crier_speech_new(&opts, &sp), CRIER_OK);
        print_message("# %s -> %s\n", cases[i].lang ? cases[i].lang : "(none)",
                      crier_speech_voice_lang(sp));
        /* "fr" is spoken by eSpeak NG's fr-fr voice: compare the language */
        bool same = strncmp(crier_speech_voice_lang(sp), cases[i].want, strlen(cases[i].want)) == 0;
        crier_speech_free(sp);
        assert_true(same);
    }
    crier_speech *sp = NULL;
    crier_speech_opts opts = {.voice = "en-gb", .lang = "de"}; /* --voice wins */
    assert_int_equal(crier_speech_new(&opts, &sp), CRIER_OK);
    bool gb = strcmp(crier_speech_voice_lang(sp), "en-gb") == 0;
    crier_speech_free(sp);
    assert_true(gb);
    assert_true(crier_speech_has_lang("de-AT"));
    assert_true(crier_speech_has_lang("en"));
    assert_false(crier_speech_has_lang("xx"));
    assert_false(crier_speech_has_lang(NULL));
}

static size_t
frames_for(const char *voice, const char *text)
{
    crier_speech *sp = NULL;
    crier_sink *sink = NULL;
    crier_speech_opts opts = {.voice = voice};
    crier_sentence sentence = {.spoken = (char *)text, .written = (char *)text};
    crier_script_block block = {.sentences = &sentence, .n_sentences = 1};
    crier_script script = {.blocks = &block, .n_blocks = 1};

    assert_int_equal(crier_speech_new(&opts, &sp), CRIER_OK);
    assert_int_equal(crier_sink_null_open(crier_speech_sample_rate(sp), &sink), CRIER_OK);
    assert_int_equal(crier_speech_say(sp, &script, sink), CRIER_OK);
    size_t n = crier_sink_frames(sink);
    crier_sink_free(sink);
    crier_speech_free(sp);
    return n;
}

/* A voice file by path, also one eSpeak NG 1.51 cannot open itself (upper
 * case, longer than 59 bytes): it must speak as the voice it copies. */
static void
voice_file_by_path(void **state)
{
    (void)state;
    static const char text[] = "Guten Morgen, wie geht es dir heute?";
    char dir[] = "/tmp/Crier-Voices-With-A-Long-Mixed-Case-Name-XXXXXX";
    char path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/German-Preset", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("name German preset\nlanguage de\ntunes s4 c1 q4 e1\n", f); /* as lang/gmw/de */
    assert_int_equal(fclose(f), 0);

    size_t by_name = frames_for("de", text);
    size_t by_path = frames_for(path, text);
    size_t english = frames_for("en-us", text);
    /* Lengths vary by a few hundred frames from run to run in one process
     * (eSpeak NG's wave generator keeps its phase between utterances). */
    print_message("frames: de %zu, de by path %zu, en-us %zu\n", by_name, by_path, english);
    assert_true(by_path * 100 > by_name * 97 && by_path * 100 < by_name * 103);
    assert_true(english * 100 > by_path * 110);

    crier_speech *sp = NULL;
    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing", dir);
    crier_speech_opts opts = {.voice = missing};
    assert_int_equal(crier_speech_new(&opts, &sp), CRIER_E_VOICE);
    unlink(path);
    rmdir(dir);
}

struct event_log {
    const crier_script *script;
    crier_speech_event ev[256];
    size_t n;
    crier_vtt *vtt;
    crier_chapters *chapters;
};

static void
on_event(void *user, const crier_speech_event *e)
{
    struct event_log *log = user;
    if (log->n < 256)
        log->ev[log->n++] = *e;
}

static void
events_transcript_and_chapters(void **state)
{
    (void)state;
    static const char *const text[] = {
        "Storm hits the coast.", "The rain began at noon.", "Café olé, naïve dogs.",
        "Second part.",          "Roads were closed.",
    };
    static const crier_pause pauses[] = {CRIER_PAUSE_HEADING, CRIER_PAUSE_SENTENCE,
                                         CRIER_PAUSE_BLOCK, CRIER_PAUSE_HEADING, CRIER_PAUSE_BLOCK};
    static const size_t blocks[] = {0, 1, 1, 2, 3};
    struct fixture fx;
    struct event_log log = {0};
    crier_sink *sink = NULL;
    char dir[] = "/tmp/crier-events-XXXXXX", vtt_path[64], ch_path[64];
    crier_speech *sp = new_speech();
    int rate = crier_speech_sample_rate(sp);

    build(&fx, text, pauses, blocks, 5);
    fx.blocks[2].type = CRIER_BLOCK_HEADING;
    fx.sentences[1].written = (char *)"The rain began at 12:00."; /* cues show what was written */
    log.script = &fx.script;
    assert_non_null(mkdtemp(dir));
    snprintf(vtt_path, sizeof vtt_path, "%s/t.vtt", dir);
    snprintf(ch_path, sizeof ch_path, "%s/c.json", dir);
    assert_int_equal(crier_vtt_open(vtt_path, rate, &log.vtt), CRIER_OK);
    assert_int_equal(crier_chapters_open(ch_path, rate, &log.chapters), CRIER_OK);
    assert_int_equal(crier_sink_null_open(rate, &sink), CRIER_OK);
    crier_speech_set_events(sp, on_event, &log);
    crier_speech_set_transcript(sp, log.vtt, log.chapters);
    assert_int_equal(crier_speech_say(sp, &fx.script, sink), CRIER_OK);
    assert_int_equal(crier_vtt_finish(log.vtt), CRIER_OK);
    assert_int_equal(crier_chapters_finish(log.chapters), CRIER_OK);

    /* Sentences in order, back to back with the pauses between them; words
     * inside their sentence, at the right bytes (UTF-8: "olé" is at byte 6). */
    size_t n_sentences = 0, n_words = 0, last_end = 0;
    bool found_ole = false;
    for (size_t i = 0; i < log.n; i++) {
        const crier_speech_event *e = &log.ev[i];
        const char *spoken = fx.blocks[e->block].sentences[e->sentence].spoken;
        if (e->type == CRIER_SPEECH_SENTENCE) {
            assert_true(e->frame >= last_end);
            assert_true(e->end_frame > e->frame);
            last_end = e->end_frame;
            n_sentences++;
            continue;
        }
        n_words++;
        assert_true(e->offset + e->len <= strlen(spoken));
        if (strcmp(spoken, "Café olé, naïve dogs.") == 0 && e->offset == 6) {
            assert_int_equal(e->len, strlen("olé"));
            assert_int_equal(strncmp(spoken + e->offset, "olé", e->len), 0);
            found_ole = true;
        }
    }
    assert_int_equal(n_sentences, 5);
    assert_true(n_words >= 14);
    assert_true(found_ole);
    assert_true(last_end <= crier_sink_frames(sink));
    /* The first word of each sentence starts where its sentence starts. */
    assert_int_equal(log.ev[0].type, CRIER_SPEECH_WORD);
    assert_int_equal(log.ev[0].frame, 0);
    assert_int_equal(log.ev[0].offset, 0);
    assert_int_equal(log.ev[0].len, 5); /* "Storm" */

    FILE *f = fopen(vtt_path, "r");
    char line[256];
    size_t cues = 0;
    bool saw_written = false;
    while (fgets(line, sizeof line, f)) {
        cues += strstr(line, " --> ") != NULL;
        saw_written = saw_written || strcmp(line, "The rain began at 12:00.\n") == 0;
    }
    fclose(f);
    assert_int_equal(cues, 5);
    assert_true(saw_written);
    f = fopen(ch_path, "r");
    size_t chapters = 0;
    while (fgets(line, sizeof line, f))
        chapters += strstr(line, "startTime") != NULL;
    fclose(f);
    assert_int_equal(chapters, 2); /* the intro and "Second part." */

    crier_vtt_free(log.vtt);
    crier_chapters_free(log.chapters);
    crier_sink_free(sink);
    crier_speech_free(sp);
    unlink(vtt_path);
    unlink(ch_path);
    rmdir(dir);
}

/* Text eSpeak NG must read as text: markup is not obeyed (SSML is off, so
 * "<break time='20s'/>" adds no 20 s pause), odd input does not fail. */
static void
hostile_sentences(void **state)
{
    (void)state;
    static char longword[20001];
    memset(longword, 'a', sizeof longword - 1);
    const char *const text[] = {
        "",
        "<speak><break time='20s'/></speak> &amp; &#x41; [[h@'loU]]",
        "\x01\x02\x1b[31m control \x7f",
        "9999999999999999999999999999999999999999",
        "\xf0\x9f\x98\x80 \xe2\x80\x8b \xef\xbf\xbd",
        longword,
    };
    const crier_pause pauses[] = {CRIER_PAUSE_SENTENCE, CRIER_PAUSE_SENTENCE, CRIER_PAUSE_SENTENCE,
                                  CRIER_PAUSE_SENTENCE, CRIER_PAUSE_SENTENCE, CRIER_PAUSE_BLOCK};
    const size_t blocks[] = {0, 0, 0, 0, 0, 0};
    struct fixture fx;
    crier_sink *sink = NULL;
    crier_speech *sp = new_speech();
    int rate = crier_speech_sample_rate(sp);

    build(&fx, text, pauses, blocks, 6);
    assert_int_equal(crier_sink_null_open(rate, &sink), CRIER_OK);
    assert_int_equal(crier_speech_say(sp, &fx.script, sink), CRIER_OK);
    size_t n = crier_sink_frames(sink);
    print_message("hostile sentences: %.1f s of audio\n", (double)n / rate);
    crier_sink_free(sink);

    /* The markup sentence alone: read out, far shorter than its "20 s". */
    build(&fx, &text[1], pauses, blocks, 1);
    assert_int_equal(crier_sink_null_open(rate, &sink), CRIER_OK);
    assert_int_equal(crier_speech_say(sp, &fx.script, sink), CRIER_OK);
    assert_true(crier_sink_frames(sink) > (size_t)rate);
    assert_true(crier_sink_frames(sink) < (size_t)rate * 15);
    crier_sink_free(sink);
    crier_speech_free(sp);
}

/* The rate option reaches eSpeak NG: 450 wpm is several times shorter than 80. */
static void
rate_changes_length(void **state)
{
    (void)state;
    static const char text[] = "The quick brown fox jumps over the lazy dog near the river bank.";
    size_t n[2];
    const int rates[2] = {80, 450};
    for (int i = 0; i < 2; i++) {
        crier_speech *sp = NULL;
        crier_sink *sink = NULL;
        crier_speech_opts opts = {.voice = "en-us", .rate_wpm = rates[i]};
        crier_sentence sentence = {.spoken = (char *)text, .written = (char *)text};
        crier_script_block block = {.sentences = &sentence, .n_sentences = 1};
        crier_script script = {.blocks = &block, .n_blocks = 1};
        assert_int_equal(crier_speech_new(&opts, &sp), CRIER_OK);
        assert_int_equal(crier_sink_null_open(crier_speech_sample_rate(sp), &sink), CRIER_OK);
        assert_int_equal(crier_speech_say(sp, &script, sink), CRIER_OK);
        n[i] = crier_sink_frames(sink);
        crier_sink_free(sink);
        crier_speech_free(sp);
    }
    print_message("80 wpm: %zu frames, 450 wpm: %zu frames\n", n[0], n[1]);
    assert_true(n[0] > 3 * n[1]);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(voices_and_rates),
        cmocka_unit_test(voice_from_page_language),
        cmocka_unit_test(voice_file_by_path),
        cmocka_unit_test(speaks_with_pauses),
        cmocka_unit_test(streams_while_synthesizing),
        cmocka_unit_test(sink_error_stops_synthesis),
        cmocka_unit_test(speaks_into_a_wav_file),
        cmocka_unit_test(events_transcript_and_chapters),
        cmocka_unit_test(hostile_sentences),
        cmocka_unit_test(rate_changes_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
