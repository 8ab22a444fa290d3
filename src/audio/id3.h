/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_AUDIO_ID3_H
#define CRIER_AUDIO_ID3_H

/* Internal to src/audio: an ID3v2.4 tag with UTF-8 text for MP3 files.
 * libsndfile 1.2.0 tags MP3 through LAME, which writes ID3v1 (30-byte
 * Latin-1 fields) and, only for longer fields, ID3v2.3 frames marked Latin-1
 * that hold our UTF-8 bytes: "Núñez" showed as "NÃºÃ±ez" in players. */

#include <stddef.h>

#include "audio/audio.h"
#include "core/buf.h"

/* Appends the whole tag (header and frames: TIT2, TPE1, TALB, TDRC, COMM) to
 * out; nothing when tags is NULL or every tag is absent. Each field is cut to
 * max_field bytes at a character boundary. */
crier_status crier_id3v2_build(const crier_tags *tags, size_t max_field, crier_buf *out);

#endif
