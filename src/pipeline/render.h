/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_PIPELINE_RENDER_H
#define CRIER_PIPELINE_RENDER_H

#include "core/buf.h"
#include "pipeline/pipeline.h"

/* render: one or more articles spoken into one audio file (an "episode"), with
 * an optional WebVTT transcript and Podcasting 2.0 chapters beside it. Between
 * articles: a pause, a short generated chime (two soft sine tones), a pause. */

typedef struct crier_render_opts {
    /* The container; CRIER_FORMAT_COUNT = from the output's extension. */
    crier_format format;
    crier_file_opts file; /* encoder settings (crier_file_opts_default()) */
    /* Sidecar paths, borrowed; NULL = not written. Both are written under a
     * temporary name and renamed only when the audio is complete. */
    const char *transcript;
    const char *chapters;
} crier_render_opts;

/* format from the extension, default encoder settings, no sidecars. */
void crier_render_opts_init(crier_render_opts *ropts);

/* Speaks the inputs, in order, into output. The voice: opts->speech.voice as a
 * preset name when VOICES/presets has it, else as eSpeak NG reads it; with no
 * voice, the page's language's eSpeak NG voice (as crier_play reads it). ("-" = standard output, streamed:
 * OGG, MP3 and Opus only, since WAV and FLAC rewrite their header at the end;
 * CRIER_E_FORMAT otherwise). Every input is read and normalized before anything
 * is written; on any failure no audio, transcript or chapters file is left.
 * Tags come from the first article. Chapters: one per article (its title), one
 * per heading inside it. All arguments borrowed; ret_failure may be NULL.
 * *ret_os_errno (may be NULL) is set to the system's reason when the audio
 * file could not be written (CRIER_E_WRITE: ENOSPC, EFBIG, EPIPE, EIO...), else
 * to 0. Returns the stages' statuses, CRIER_E_FORMAT or CRIER_E_CANCELLED. */
crier_status crier_render_episode(const char *const *inputs, size_t n_inputs, const char *output,
                                  const crier_pipeline_opts *opts, const crier_render_opts *ropts,
                                  crier_failure *ret_failure, int *ret_os_errno);

/* Voice presets: eSpeak NG voice files in VOICES/presets/ (VOICES: voices_dir,
 * NULL = crier_voices_dir()). Puts the path of preset name into out (cleared
 * first). name: letters, digits, '-' and '_' only. Returns CRIER_OK,
 * CRIER_E_VOICE (no such preset) or CRIER_E_NOMEM. */
crier_status crier_voice_preset(const char *voices_dir, const char *name, crier_buf *out);

/* The name of the preset crier speaks English with when no --voice is given. */
#define CRIER_DEFAULT_PRESET "longform"

/* The default voice for a page in language lang (NULL or "" = unknown, read
 * as English): for English ("en", "en-*", any case) the path of the
 * CRIER_DEFAULT_PRESET preset, put into out (cleared first), and CRIER_OK;
 * CRIER_E_VOICE for any other language or when the preset file is missing
 * (the caller then picks eSpeak NG's voice for lang); CRIER_E_NOMEM. Render
 * and play both choose through this, so they sound the same. */
crier_status crier_default_voice(const char *voices_dir, const char *lang, crier_buf *out);

/* The speech options to start speaking lang (NULL = unknown, read as English)
 * with, from opts: a --voice that names a preset becomes its path; with no
 * --voice and no --lang, crier_default_voice for lang, else eSpeak NG's voice
 * for lang. A preset path lives in storage (cleared first). Returns whether
 * the default preset was chosen. Render, batch and play all start here. */
bool crier_speech_opts_for(const crier_pipeline_opts *opts, const char *lang, crier_buf *storage,
                           crier_speech_opts *out);

/* Writes the chime between two articles (about 1.6 s: pause, two tones, pause)
 * into sink at its rate. Returns crier_sink_write's statuses. */
crier_status crier_render_chime(crier_sink *sink);

#endif
