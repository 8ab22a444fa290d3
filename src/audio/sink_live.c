/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <dlfcn.h>
#include <pcaudiolib/audio.h>
#include <stdlib.h>

#include "audio/audio.h"
#include "audio/sink.h"

/* The live sink: pcaudiolib (PulseAudio, then ALSA, ...), the audio library
 * eSpeak NG itself uses. PCM is written as it arrives, so playback starts with
 * the first buffer eSpeak NG hands over. */

struct live_sink {
    crier_sink base;
    struct audio_object *dev;
    bool open;
};

/* ALSA's default error handler prints to stderr ("ALSA lib confmisc.c: cannot
 * find card '0'") when pcaudiolib falls back to it on a machine without sound
 * hardware; the library never prints. libasound is already loaded through
 * pcaudiolib: find its setter there (RTLD_NOLOAD, no new dependency) and
 * install a silent handler. The failure itself still comes back as
 * CRIER_E_DEVICE. */
static void
alsa_quiet(const char *file, int line, const char *function, int err, const char *fmt, ...)
{
    (void)file;
    (void)line;
    (void)function;
    (void)err;
    (void)fmt;
}

typedef void (*alsa_error_handler)(const char *, int, const char *, int, const char *, ...);

static void
silence_alsa(void)
{
    void *lib = dlopen("libasound.so.2", RTLD_LAZY | RTLD_NOLOAD);
    if (lib == NULL)
        return;
    int (*set_handler)(alsa_error_handler);
    *(void **)&set_handler = dlsym(lib, "snd_lib_error_set_handler");
    if (set_handler != NULL)
        (void)set_handler(alsa_quiet);
    dlclose(lib);
}

static crier_status
live_write(crier_sink *sink, const short *pcm, size_t n_frames)
{
    struct live_sink *l = (struct live_sink *)sink;
    if (audio_object_write(l->dev, pcm, n_frames * sizeof *pcm) != 0)
        return CRIER_E_DEVICE;
    return CRIER_OK;
}

static crier_status
live_finish(crier_sink *sink)
{
    struct live_sink *l = (struct live_sink *)sink;
    return audio_object_drain(l->dev) == 0 ? CRIER_OK : CRIER_E_DEVICE;
}

static void
live_free(crier_sink *sink)
{
    struct live_sink *l = (struct live_sink *)sink;
    if (l->dev != NULL) {
        /* Freed without finish (an error, the user quit): drop what the
         * device still holds instead of playing it out. */
        if (l->open && !l->base.finished)
            (void)audio_object_flush(l->dev);
        if (l->open)
            audio_object_close(l->dev);
        audio_object_destroy(l->dev);
    }
    free(l);
}

static const struct crier_sink_ops live_ops = {live_write, live_finish, live_free};

crier_status
crier_sink_live_open(const char *device, int rate, crier_sink **ret_sink)
{
    struct live_sink *l;
    crier_status st = CRIER_OK;

    if (ret_sink == NULL || rate <= 0)
        return CRIER_E_ARG;
    if ((l = calloc(1, sizeof *l)) == NULL)
        return CRIER_E_NOMEM;
    crier_sink_init(&l->base, &live_ops, rate);
    silence_alsa();
    l->dev = create_audio_device_object(device, "crier", "news");
    if (l->dev == NULL) {
        st = CRIER_E_DEVICE;
        goto out;
    }
    if (audio_object_open(l->dev, AUDIO_OBJECT_FORMAT_S16LE, (uint32_t)rate, 1) != 0) {
        st = CRIER_E_DEVICE;
        goto out;
    }
    l->open = true;
    *ret_sink = &l->base;
    l = NULL;
out:
    if (l != NULL)
        live_free(&l->base);
    return st;
}

crier_status
crier_sink_live_flush(crier_sink *sink)
{
    if (sink == NULL || sink->ops != &live_ops)
        return CRIER_E_ARG;
    struct live_sink *l = (struct live_sink *)sink;
    return audio_object_flush(l->dev) == 0 ? CRIER_OK : CRIER_E_DEVICE;
}
