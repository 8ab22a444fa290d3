/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "speech/speech.h"

#include <espeak-ng/espeak_ng.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/utf8.h"

/* eSpeak NG runs in synchronous mode: espeak_ng_Synthesize returns when a
 * sentence is spoken, and meanwhile calls synth_callback with each buffer of PCM (every
 * BUFFER_MS of audio). The callback finds its session through the user_data
 * pointer eSpeak NG copies into every event of the list it passes (the list
 * always holds at least the terminating event), so no global is needed. */

#define BUFFER_MS 150
#define DEFAULT_VOICE "en-us"

/* Pauses. The sentence pause is eSpeak NG's own (espeakENDPAUSE: it ends each
 * sentence the way it ends a clause; about 300 ms at 175 wpm); after a block
 * and after a heading we add silence frames ourselves. We do not use SSML
 * <break>: it would mean escaping every sentence's text, and eSpeak NG's SSML
 * mode also changes how it reads some punctuation; plain silence is exact,
 * cheap and testable. */
static const unsigned extra_pause_ms[] = {
    [CRIER_PAUSE_SENTENCE] = 0,
    [CRIER_PAUSE_BLOCK] = 400,
    [CRIER_PAUSE_HEADING] = 700,
};

/* eSpeak NG is process-wide state, and 1.51 cannot be initialized twice in a
 * process: after espeak_Terminate and a new espeak_Initialize, the next
 * Terminate deadlocks on its queue thread (seen here: both threads stuck in
 * pthread_cond_wait; the espeak_ng_* calls share that code). So the engine is initialized on the
 * first crier_speech_new and kept until the process exits; this one static records that, and which
 * session currently owns the engine (one at a time). It is the library's only
 * mutable global. The synthesis callback does not need it: it gets its session
 * through user_data. Batch workers must fork before creating a session. */
static struct {
    int sample_rate;           /* 0 until eSpeak NG is initialized */
    const crier_speech *owner; /* the live session, or NULL */
} engine;

struct crier_speech {
    int sample_rate;
    crier_sink *sink;         /* borrowed, during crier_speech_say only */
    crier_status sink_status; /* first error the sink reported */
    crier_speech_event_fn event_fn;
    void *event_user;
    crier_vtt *vtt;           /* borrowed, or NULL */
    crier_chapters *chapters; /* borrowed, or NULL */
    /* The sentence being spoken, for word events. */
    const char *text;
    size_t text_len;
    size_t block, sentence;
    size_t start_frame;
    unsigned gap_ms; /* extra pause after a paragraph */
    size_t cursor_chars, cursor_bytes; /* a position in text, for UTF-8 walking */
};

/* Byte offset of character index chars (0-based) in the current sentence,
 * clamped to its length. Word events mostly move forward: walk on from the
 * last position, or restart when eSpeak NG goes back. */
static size_t
byte_offset(crier_speech *self, size_t chars)
{
    if (chars < self->cursor_chars) {
        self->cursor_chars = 0;
        self->cursor_bytes = 0;
    }
    while (self->cursor_chars < chars && self->cursor_bytes < self->text_len) {
        unsigned cp;
        size_t n = crier_utf8_decode(self->text + self->cursor_bytes,
                                     self->text_len - self->cursor_bytes, &cp);
        self->cursor_bytes += n ? n : 1;
        self->cursor_chars++;
    }
    return self->cursor_bytes;
}

static void
word_event(crier_speech *self, const espeak_EVENT *e)
{
    if (self->event_fn == NULL || e->text_position < 1)
        return;
    size_t start_chars = (size_t)e->text_position - 1;
    size_t len_chars = e->length > 0 ? (size_t)e->length : 0;
    size_t start = byte_offset(self, start_chars);
    size_t end = byte_offset(self, start_chars + len_chars);
    crier_speech_event ev = {
        .type = CRIER_SPEECH_WORD,
        .block = self->block,
        .sentence = self->sentence,
        .frame = self->start_frame + (e->sample > 0 ? (size_t)e->sample : 0),
        .offset = start,
        .len = end - start,
    };
    self->event_fn(self->event_user, &ev);
}

static int
synth_callback(short *wav, int n_samples, espeak_EVENT *events)
{
    crier_speech *self = events != NULL ? events[0].user_data : NULL;

    if (self == NULL || self->sink == NULL)
        return 1;
    if (self->sink_status != CRIER_OK)
        return 1;
    for (const espeak_EVENT *e = events; e->type != espeakEVENT_LIST_TERMINATED; e++)
        if (e->type == espeakEVENT_WORD)
            word_event(self, e);
    if (wav != NULL && n_samples > 0) {
        crier_status st = crier_sink_write(self->sink, wav, (size_t)n_samples);
        if (st != CRIER_OK) {
            self->sink_status = st;
            return 1; /* stops synthesis */
        }
    }
    return 0;
}

/* eSpeak NG 1.51's SetVoiceByFile copies the path into a 60-byte buffer and
 * lower-cases it before opening it, so only short, lower-case paths load.
 * Other paths are copied to such a file under /tmp first (the voice is read
 * once, at selection), then removed. */
#define ESPEAK_PATH_MAX 59

static bool
espeak_can_open(const char *path)
{
    size_t len = strlen(path);
    if (len > ESPEAK_PATH_MAX)
        return false;
    for (size_t i = 0; i < len; i++)
        if (path[i] >= 'A' && path[i] <= 'Z')
            return false;
    return true;
}

static crier_status
copy_file(FILE *in, int out_fd)
{
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (write(out_fd, buf, n) != (ssize_t)n)
            return CRIER_E_VOICE;
    return ferror(in) ? CRIER_E_VOICE : CRIER_OK;
}

static crier_status
select_voice_file(const char *path)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    char tmp[64];
    unsigned char rnd[10];
    FILE *in = NULL;
    int fd = -1;
    crier_status st = CRIER_E_VOICE;

    if ((in = fopen(path, "rb")) == NULL)
        return CRIER_E_VOICE;
    if (espeak_can_open(path)) {
        st = espeak_ng_SetVoiceByFile(path) == ENS_OK ? CRIER_OK : CRIER_E_VOICE;
        goto out;
    }
    if (getentropy(rnd, sizeof rnd) != 0)
        goto out;
    memcpy(tmp, "/tmp/crier-voice-", 17);
    for (size_t i = 0; i < sizeof rnd; i++)
        tmp[17 + i] = digits[rnd[i] % 36];
    tmp[17 + sizeof rnd] = '\0';
    if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
        goto out;
    st = copy_file(in, fd);
    if (close(fd) != 0 && st == CRIER_OK)
        st = CRIER_E_VOICE;
    if (st == CRIER_OK && espeak_ng_SetVoiceByFile(tmp) != ENS_OK)
        st = CRIER_E_VOICE;
    (void)unlink(tmp);
out:
    fclose(in);
    return st;
}

/* Lower-cases a BCP 47 tag into out ("pt_BR" -> "pt-br"); false if it does not
 * look like one (letters, digits and dashes, 2 to 31 characters). */
static bool
lang_key(const char *lang, char out[32])
{
    size_t n = 0;
    for (; lang[n] != '\0'; n++) {
        char c = lang[n] == '_' ? '-' : lang[n];
        if (n >= 31 || !(crier_is_ascii_alnum((unsigned char)c) || c == '-'))
            return false;
        out[n] = (char)crier_ascii_lower((unsigned char)c);
    }
    out[n] = '\0';
    return n >= 2;
}

/* The identifier ("gmw/en") of the eSpeak NG voice that speaks exactly the
 * language key with the best priority, or NULL. Each voice lists its languages
 * as (priority byte, NUL-terminated tag) pairs. MBROLA voices are left out: they
 * need a separate synthesizer that is seldom installed. eSpeak NG 1.51 finds a
 * voice by name only through its file name, so "en-gb" (file gmw/en) needs this. */
static const char *
voice_speaking(const char *key)
{
    const espeak_VOICE **voices = espeak_ListVoices(NULL);
    const char *best = NULL;
    int best_priority = 256;
    for (size_t i = 0; voices != NULL && voices[i] != NULL; i++) {
        const char *id = voices[i]->identifier, *p = voices[i]->languages;
        if (id == NULL || strncmp(id, "mb/", 3) == 0)
            continue;
        while (p != NULL && p[0] != '\0' && p[1] != '\0') {
            if (strcmp(p + 1, key) == 0 && (unsigned char)p[0] < best_priority) {
                best = id;
                best_priority = (unsigned char)p[0];
            }
            p += 1 + strlen(p + 1) + 1;
        }
    }
    return best;
}

/* The identifier of the voice for a language tag: the whole tag, then (when
 * loose, for a page's language) its primary language, English without a region
 * eSpeak NG knows being American like the default. NULL when there is none. */
static const char *
voice_for_lang(const char *lang, bool loose)
{
    char key[32];
    const char *id;
    if (lang == NULL || !lang_key(lang, key))
        return NULL;
    if (loose && strcmp(key, "en") == 0) /* eSpeak NG ranks en-gb first for "en" */
        return voice_speaking(DEFAULT_VOICE);
    if ((id = voice_speaking(key)) != NULL || !loose)
        return id;
    char *dash = strchr(key, '-');
    if (dash != NULL)
        *dash = '\0';
    return voice_speaking(strcmp(key, "en") == 0 ? DEFAULT_VOICE : key);
}

static crier_status engine_start(void);
static crier_status select_voice(const char *voice, const char *lang);

crier_status
crier_speech_set_voice(crier_speech *speech, const char *voice, const char *lang)
{
    if (speech == NULL || engine.owner != speech)
        return CRIER_E_ARG;
    return select_voice(voice, lang);
}

const char *
crier_speech_voice_lang(const crier_speech *speech)
{
    (void)speech; /* one session at a time: the engine's voice is the session's */
    const espeak_VOICE *v = espeak_GetCurrentVoice();
    if (v == NULL || v->languages == NULL || v->languages[0] == '\0')
        return "";
    return v->languages + 1;
}

bool
crier_speech_has_lang(const char *lang)
{
    return engine_start() == CRIER_OK && voice_for_lang(lang, true) != NULL;
}

/* Selects a voice by eSpeak NG name ("de", "en-us+f3"), else by the language
 * it names ("en-gb" is the voice file gmw/en), keeping a "+variant". */
static crier_status
select_voice_name(const char *voice)
{
    char base[64], full[128];
    const char *plus = strchr(voice, '+'), *id;
    size_t n = plus ? (size_t)(plus - voice) : strlen(voice);

    if (espeak_ng_SetVoiceByName(voice) == ENS_OK)
        return CRIER_OK;
    if (n == 0 || n >= sizeof base)
        return CRIER_E_VOICE;
    memcpy(base, voice, n);
    base[n] = '\0';
    if ((id = voice_for_lang(base, false)) == NULL ||
        (size_t)snprintf(full, sizeof full, "%s%s", id, plus ? plus : "") >= sizeof full)
        return CRIER_E_VOICE;
    return espeak_ng_SetVoiceByName(full) == ENS_OK ? CRIER_OK : CRIER_E_VOICE;
}

/* A name with a '/' is a voice file (voices/<lang>/ presets); anything else an
 * eSpeak NG voice name or language. With no voice, the voice for lang, else the
 * default. */
static crier_status
select_voice(const char *voice, const char *lang)
{
    const char *id;
    if (voice == NULL || *voice == '\0') {
        if ((id = voice_for_lang(lang, true)) != NULL && espeak_ng_SetVoiceByName(id) == ENS_OK)
            return CRIER_OK;
        voice = DEFAULT_VOICE;
    }
    if (strchr(voice, '/') != NULL)
        return select_voice_file(voice);
    return select_voice_name(voice);
}

/* espeak_ng_* rather than espeak_Initialize: the old call prints to stderr on
 * missing data and hides the status. */
static crier_status
engine_start(void)
{
    espeak_ng_ERROR_CONTEXT context = NULL;

    if (engine.sample_rate > 0)
        return CRIER_OK;
    espeak_ng_InitializePath(NULL);
    espeak_ng_STATUS est = espeak_ng_Initialize(&context);
    espeak_ng_ClearErrorContext(&context);
    if (est != ENS_OK)
        return CRIER_E_SPEECH;
    if (espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, BUFFER_MS, NULL) != ENS_OK)
        return CRIER_E_SPEECH;
    int rate = espeak_ng_GetSampleRate();
    if (rate <= 0)
        return CRIER_E_SPEECH;
    espeak_SetSynthCallback(synth_callback);
    engine.sample_rate = rate;
    return CRIER_OK;
}

crier_status
crier_speech_new(const crier_speech_opts *opts, crier_speech **ret_speech)
{
    crier_speech *self = NULL;
    const char *voice = opts ? opts->voice : NULL;
    int rate_wpm = opts && opts->rate_wpm ? opts->rate_wpm : espeakRATE_NORMAL;
    crier_status st = CRIER_OK;

    if (ret_speech == NULL)
        return CRIER_E_ARG;
    if (rate_wpm < espeakRATE_MINIMUM || rate_wpm > CRIER_SPEECH_RATE_MAX)
        return CRIER_E_ARG;
    if (opts && ((opts->set_pitch && (opts->pitch < 0 || opts->pitch > 99)) ||
                 (opts->set_volume && (opts->volume < 0 || opts->volume > 200)) ||
                 opts->gap_ms > CRIER_SPEECH_GAP_MAX_MS))
        return CRIER_E_ARG;
    if (engine.owner != NULL)
        return CRIER_E_ARG; /* one session per process at a time */
    if ((self = calloc(1, sizeof *self)) == NULL)
        return CRIER_E_NOMEM;
    if ((st = engine_start()) != CRIER_OK)
        goto out;
    self->sample_rate = engine.sample_rate;
    if ((st = select_voice(voice, opts ? opts->lang : NULL)) != CRIER_OK)
        goto out;
    if (espeak_ng_SetParameter(espeakRATE, rate_wpm, 0) != ENS_OK ||
        (opts && opts->set_pitch && espeak_ng_SetParameter(espeakPITCH, opts->pitch, 0) != ENS_OK) ||
        (opts && opts->set_volume && espeak_ng_SetParameter(espeakVOLUME, opts->volume, 0) != ENS_OK)) {
        st = CRIER_E_SPEECH;
        goto out;
    }
    self->gap_ms = opts ? opts->gap_ms : 0;
    engine.owner = self;
    *ret_speech = self;
    self = NULL;
out:
    free(self);
    return st;
}

int
crier_speech_sample_rate(const crier_speech *speech)
{
    return speech ? speech->sample_rate : 0;
}

/* A cue for every sentence; a chapter where the intro or a heading starts. */
static crier_status
transcribe(crier_speech *self, const crier_script_block *block, const crier_sentence *s,
           size_t end_frame)
{
    const char *text = s->written != NULL && s->written[0] != '\0' ? s->written : s->spoken;
    crier_status st = CRIER_OK;

    if (text == NULL)
        return CRIER_OK;
    if (self->vtt != NULL)
        st = crier_vtt_add(self->vtt, self->start_frame, end_frame, text);
    if (st == CRIER_OK && self->chapters != NULL && self->sentence == 0 &&
        (block->kind == CRIER_SCRIPT_INTRO || block->type == CRIER_BLOCK_HEADING))
        st = crier_chapters_add(self->chapters, self->start_frame, text);
    return st;
}

static crier_status
say_sentence(crier_speech *self, const crier_script_block *block, const crier_sentence *s)
{
    self->start_frame = crier_sink_frames(self->sink);
    self->text = s->spoken ? s->spoken : "";
    self->text_len = strlen(self->text);
    self->cursor_chars = self->cursor_bytes = 0;
    if (s->spoken != NULL && s->spoken[0] != '\0') {
        /* espeakPHONEMES: the normalizer's lexicons write [[phonemes]] for
         * names eSpeak NG says wrong; it turns any "[[" of the page into one
         * bracket, so page text cannot switch phoneme input on. */
        espeak_ng_STATUS est =
            espeak_ng_Synthesize(s->spoken, strlen(s->spoken) + 1, 0, POS_CHARACTER, 0,
                                 espeakCHARS_UTF8 | espeakPHONEMES | espeakENDPAUSE, NULL, self);
        if (self->sink_status != CRIER_OK)
            return self->sink_status;
        if (est != ENS_OK)
            return CRIER_E_SPEECH;
    }
    size_t end_frame = crier_sink_frames(self->sink);
    if (self->event_fn != NULL) {
        crier_speech_event ev = {
            .type = CRIER_SPEECH_SENTENCE,
            .block = self->block,
            .sentence = self->sentence,
            .frame = self->start_frame,
            .end_frame = end_frame,
        };
        self->event_fn(self->event_user, &ev);
    }
    crier_status st = transcribe(self, block, s, end_frame);
    if (st != CRIER_OK)
        return st;
    unsigned ms = (unsigned)s->pause < sizeof extra_pause_ms / sizeof extra_pause_ms[0]
                      ? extra_pause_ms[s->pause]
                      : 0;
    if (s->pause == CRIER_PAUSE_BLOCK)
        ms += self->gap_ms;
    if (ms == 0)
        return CRIER_OK;
    return crier_sink_write_silence(self->sink, (size_t)self->sample_rate * ms / 1000);
}

crier_status
crier_speech_say(crier_speech *speech, const crier_script *script, crier_sink *sink)
{
    crier_status st = CRIER_OK;

    if (speech == NULL || script == NULL || sink == NULL)
        return CRIER_E_ARG;
    if (crier_sink_rate(sink) != speech->sample_rate)
        return CRIER_E_ARG;
    speech->sink = sink;
    speech->sink_status = CRIER_OK;
    for (size_t b = 0; b < script->n_blocks && st == CRIER_OK; b++) {
        const crier_script_block *block = &script->blocks[b];
        for (size_t i = 0; i < block->n_sentences && st == CRIER_OK; i++) {
            speech->block = b;
            speech->sentence = i;
            st = say_sentence(speech, block, &block->sentences[i]);
        }
    }
    speech->sink = NULL;
    return st;
}

crier_status
crier_speech_say_sentence(crier_speech *speech, const crier_script *script, size_t block,
                          size_t sentence, crier_sink *sink)
{
    if (speech == NULL || script == NULL || sink == NULL || block >= script->n_blocks ||
        sentence >= script->blocks[block].n_sentences)
        return CRIER_E_ARG;
    if (crier_sink_rate(sink) != speech->sample_rate)
        return CRIER_E_ARG;
    speech->sink = sink;
    speech->sink_status = CRIER_OK;
    speech->block = block;
    speech->sentence = sentence;
    const crier_script_block *blk = &script->blocks[block];
    crier_status st = say_sentence(speech, blk, &blk->sentences[sentence]);
    speech->sink = NULL;
    return st;
}

crier_status
crier_speech_set_rate(crier_speech *speech, int rate_wpm)
{
    if (speech == NULL || rate_wpm < espeakRATE_MINIMUM || rate_wpm > CRIER_SPEECH_RATE_MAX)
        return CRIER_E_ARG;
    return espeak_ng_SetParameter(espeakRATE, rate_wpm, 0) == ENS_OK ? CRIER_OK : CRIER_E_SPEECH;
}

void
crier_speech_set_events(crier_speech *speech, crier_speech_event_fn fn, void *user)
{
    if (speech == NULL)
        return;
    speech->event_fn = fn;
    speech->event_user = fn ? user : NULL;
}

void
crier_speech_set_transcript(crier_speech *speech, crier_vtt *vtt, crier_chapters *chapters)
{
    if (speech == NULL)
        return;
    speech->vtt = vtt;
    speech->chapters = chapters;
}

void
crier_speech_free(crier_speech *speech)
{
    if (speech == NULL)
        return;
    /* eSpeak NG stays initialized (see engine); only the session ends. */
    if (engine.owner == speech)
        engine.owner = NULL;
    free(speech);
}
