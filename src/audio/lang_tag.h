/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_AUDIO_LANG_TAG_H
#define CRIER_AUDIO_LANG_TAG_H

#include <stdbool.h>
#include <sys/types.h>

#include "core/buf.h"
#include "core/status.h"

/* The language tag in the formats whose tags libsndfile writes (see
 * lang_tag.c for how). Internal to src/audio. */

/* A BCP 47 tag crier writes: 1..35 ASCII letters, digits, '-' or '_',
 * starting with a letter ("en", "en-US"). */
bool crier_lang_tag_valid(const char *lang);
/* The ISO 639-2 (terminology) code of lang's primary subtag ("en-US" ->
 * "eng", "de" -> "deu"; a three-letter subtag is kept). ret_code: 4 bytes,
 * written only when true. False for an invalid tag or an unknown code. */
bool crier_lang_iso639_2(const char *lang, char ret_code[4]);

typedef enum crier_lang_kind {
    CRIER_LANG_NONE,
    CRIER_LANG_OGG,  /* Vorbis and Opus: patched while the pages stream out */
    CRIER_LANG_FLAC, /* patched in the finished file's header */
    CRIER_LANG_WAV,  /* the same */
} crier_lang_kind;

#define CRIER_LANG_HELD_MAX (1024 * 1024) /* Ogg bytes held until the comment page */
#define CRIER_LANG_HEAD_MAX (64 * 1024)   /* FLAC/WAV header bytes searched */

struct crier_lang_patch {
    crier_lang_kind kind; /* NONE: nothing to do (also for an invalid tag) */
    char stand_in[40];    /* the value to give libsndfile (SF_STR_LICENSE or, for
                           * WAV, SF_STR_COPYRIGHT) */
    unsigned char from[56], to[56];
    size_t len; /* of from and to */
    bool done;
    crier_buf held;
};

/* Sets p up for lang (borrowed for the call; an invalid or NULL tag: kind
 * NONE). Then the caller gives libsndfile p->stand_in as its first string.
 * Returns CRIER_OK. */
crier_status crier_lang_patch_init(struct crier_lang_patch *p, crier_lang_kind kind,
                                   const char *lang);
void crier_lang_patch_free(struct crier_lang_patch *p);

typedef crier_status (*crier_lang_write_fn)(void *user, const void *data, size_t len);
/* Ogg: takes what libsndfile writes; holds it until the page with the
 * comments is complete, patches it and fixes its CRC, then passes everything
 * to write_fn. Other kinds, or once done: straight to write_fn.
 * Returns write_fn's status, CRIER_E_ENCODE (not Ogg, or over
 * CRIER_LANG_HELD_MAX held) or CRIER_E_NOMEM. */
crier_status crier_lang_patch_ogg(struct crier_lang_patch *p, const void *data, size_t len,
                                  crier_lang_write_fn write_fn, void *user);
/* After libsndfile has closed the file: FLAC and WAV patch the header at
 * offset base of fd (read-write); Ogg checks it was done. Returns CRIER_OK,
 * CRIER_E_ENCODE (the stand-in is not where it must be) or CRIER_E_WRITE. */
crier_status crier_lang_patch_finish(struct crier_lang_patch *p, int fd, off_t base);

#endif
