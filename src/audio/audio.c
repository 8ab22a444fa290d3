/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "audio/audio.h"

#include <stdlib.h>
#include <string.h>

#include "audio/sink.h"
#include "core/utf8.h"

static const struct {
    const char *ext; /* lower case, with the dot */
    crier_format format;
} extensions[] = {
    {".wav", CRIER_FORMAT_WAV},   {".ogg", CRIER_FORMAT_OGG}, {".oga", CRIER_FORMAT_OGG},
    {".flac", CRIER_FORMAT_FLAC}, {".mp3", CRIER_FORMAT_MP3}, {".opus", CRIER_FORMAT_OPUS},
};

static const char *const format_names[CRIER_FORMAT_COUNT] = {
    [CRIER_FORMAT_WAV] = "wav", [CRIER_FORMAT_OGG] = "ogg",   [CRIER_FORMAT_FLAC] = "flac",
    [CRIER_FORMAT_MP3] = "mp3", [CRIER_FORMAT_OPUS] = "opus",
};

crier_status
crier_format_from_path(const char *path, crier_format *ret_format)
{
    if (path == NULL || ret_format == NULL)
        return CRIER_E_ARG;
    size_t len = strlen(path);
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
        if (crier_ascii_ends_with_nocase(path, len, extensions[i].ext)) {
            *ret_format = extensions[i].format;
            return CRIER_OK;
        }
    }
    return CRIER_E_FORMAT;
}

crier_status
crier_format_from_name(const char *name, crier_format *ret_format)
{
    static const struct {
        const char *name;
        crier_format format;
    } aliases[] = {
        {"oga", CRIER_FORMAT_OGG},
        {"vorbis", CRIER_FORMAT_OGG},
    };
    if (name == NULL || ret_format == NULL)
        return CRIER_E_ARG;
    size_t len = strlen(name);
    for (int f = 0; f < CRIER_FORMAT_COUNT; f++) {
        if (len == strlen(format_names[f]) && crier_ascii_ends_with_nocase(name, len, format_names[f])) {
            *ret_format = (crier_format)f;
            return CRIER_OK;
        }
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (len == strlen(aliases[i].name) && crier_ascii_ends_with_nocase(name, len, aliases[i].name)) {
            *ret_format = aliases[i].format;
            return CRIER_OK;
        }
    }
    return CRIER_E_FORMAT;
}

const char *
crier_format_name(crier_format format)
{
    if ((unsigned)format >= CRIER_FORMAT_COUNT || format_names[format] == NULL)
        return "unknown";
    return format_names[format];
}

void
crier_sink_init(crier_sink *sink, const struct crier_sink_ops *ops, int rate)
{
    sink->ops = ops;
    sink->rate = rate;
    sink->frames = 0;
    sink->failed = CRIER_OK;
    sink->os_errno = 0;
    sink->finished = false;
}

int
crier_sink_os_error(const crier_sink *sink)
{
    return sink != NULL ? sink->os_errno : 0;
}

crier_status
crier_sink_write(crier_sink *sink, const short *pcm, size_t n_frames)
{
    if (sink == NULL || (pcm == NULL && n_frames > 0) || sink->finished)
        return CRIER_E_ARG;
    if (sink->failed != CRIER_OK)
        return sink->failed;
    /* Chunks: libsndfile 1.2.0's Vorbis encoder crashed on one huge write. */
    while (n_frames > 0) {
        size_t n = n_frames < CRIER_AUDIO_CHUNK_FRAMES ? n_frames : CRIER_AUDIO_CHUNK_FRAMES;
        crier_status st = sink->ops->write(sink, pcm, n);
        if (st != CRIER_OK) {
            sink->failed = st;
            return st;
        }
        sink->frames += n;
        pcm += n;
        n_frames -= n;
    }
    return CRIER_OK;
}

crier_status
crier_sink_write_silence(crier_sink *sink, size_t n_frames)
{
    static const short zeros[CRIER_AUDIO_CHUNK_FRAMES];

    while (n_frames > 0) {
        size_t n = n_frames < CRIER_AUDIO_CHUNK_FRAMES ? n_frames : CRIER_AUDIO_CHUNK_FRAMES;
        crier_status st = crier_sink_write(sink, zeros, n);
        if (st != CRIER_OK)
            return st;
        n_frames -= n;
    }
    return CRIER_OK;
}

crier_status
crier_sink_finish(crier_sink *sink)
{
    if (sink == NULL || sink->finished)
        return CRIER_E_ARG;
    if (sink->failed != CRIER_OK)
        return sink->failed;
    crier_status st = sink->ops->finish(sink);
    if (st != CRIER_OK) {
        sink->failed = st;
        return st;
    }
    sink->finished = true;
    return CRIER_OK;
}

size_t
crier_sink_frames(const crier_sink *sink)
{
    return sink ? sink->frames : 0;
}

int
crier_sink_rate(const crier_sink *sink)
{
    return sink ? sink->rate : 0;
}

void
crier_sink_free(crier_sink *sink)
{
    if (sink == NULL)
        return;
    sink->ops->free(sink);
}

/* The null sink: counts frames (in the header) and drops them. */

static crier_status
null_write(crier_sink *sink, const short *pcm, size_t n_frames)
{
    (void)sink;
    (void)pcm;
    (void)n_frames;
    return CRIER_OK;
}

static crier_status
null_finish(crier_sink *sink)
{
    (void)sink;
    return CRIER_OK;
}

static void
null_free(crier_sink *sink)
{
    free(sink);
}

static const struct crier_sink_ops null_ops = {null_write, null_finish, null_free};

crier_status
crier_sink_null_open(int rate, crier_sink **ret_sink)
{
    if (rate <= 0 || ret_sink == NULL)
        return CRIER_E_ARG;
    crier_sink *sink = malloc(sizeof *sink);
    if (sink == NULL)
        return CRIER_E_NOMEM;
    crier_sink_init(sink, &null_ops, rate);
    *ret_sink = sink;
    return CRIER_OK;
}

/* The callback sink. */

struct callback_sink {
    crier_sink base;
    crier_sink_write_fn write_fn;
    void *user;
};

static crier_status
callback_write(crier_sink *sink, const short *pcm, size_t n_frames)
{
    struct callback_sink *c = (struct callback_sink *)sink;
    return c->write_fn(c->user, pcm, n_frames);
}

static const struct crier_sink_ops callback_ops = {callback_write, null_finish, null_free};

crier_status
crier_sink_callback_open(int rate, crier_sink_write_fn write_fn, void *user, crier_sink **ret_sink)
{
    if (rate <= 0 || write_fn == NULL || ret_sink == NULL)
        return CRIER_E_ARG;
    struct callback_sink *c = malloc(sizeof *c);
    if (c == NULL)
        return CRIER_E_NOMEM;
    crier_sink_init(&c->base, &callback_ops, rate);
    c->write_fn = write_fn;
    c->user = user;
    *ret_sink = &c->base;
    return CRIER_OK;
}
