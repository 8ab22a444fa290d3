/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_NORMALIZE_H
#define CRIER_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/status.h"
#include "extract/extract.h"

/* normalize: an article becomes a script: what a listener should hear, as spoken
 * sentences grouped by block. Language facts come from voices/<lang>/ (TSV files
 * read at run time). */

/* A loaded language pack: immutable after loading, shareable between sessions. */
typedef struct crier_lang crier_lang;

/* The voices folder the library uses: $CRIER_VOICES_DIR if set, else the source
 * tree's voices/ (uninstalled build), else the installed one. Static string. */
const char *crier_voices_dir(void);

/* Loads voices_dir/<lang>/ (lang like "en"; "en-US" falls back to "en").
 * voices_dir NULL means crier_voices_dir(). Returns CRIER_OK, CRIER_E_LANG or
 * CRIER_E_NOMEM; sets *ret_lang (owned, free with crier_lang_free) on CRIER_OK.
 * Broken lines in the tables are skipped, never fatal. */
crier_status crier_lang_load(const char *voices_dir, const char *lang, crier_lang **ret_lang);
void crier_lang_free(crier_lang *lang);
/* How many broken table lines (no tab, empty key or value, invalid UTF-8,
 * control bytes, key over 64 bytes) were skipped while loading. NULL gives 0. */
size_t crier_lang_skipped_lines(const crier_lang *lang);

/* Rewrites one piece of text (a line, a paragraph) into its spoken form and
 * appends it to out: what `crier normalize --lines` prints for each line. lang,
 * text: borrowed; text need not be NUL-terminated. No sentence splitting; the
 * output has no line breaks (white space and control bytes become one space),
 * empty or blank text appends nothing, bytes that are not UTF-8 and the code
 * points the pack marks silent (emoji, scripts the voice cannot read) are left
 * out, and a token longer than CRIER_DEFAULT_MAX_TOKEN_BYTES is not read.
 * Returns CRIER_OK, CRIER_E_ARG, CRIER_E_LANG (a table misses a word a rule
 * needs) or CRIER_E_LIMIT (out's cap); on an error out is left as it was. */
crier_status crier_normalize_text(const crier_lang *lang, const char *text, size_t len,
                                  crier_buf *out);

typedef enum crier_pause {
    CRIER_PAUSE_SENTENCE, /* after an ordinary sentence */
    CRIER_PAUSE_BLOCK,    /* after the last sentence of a paragraph-like block */
    CRIER_PAUSE_HEADING,  /* after a heading or the intro's title */
} crier_pause;

typedef struct crier_sentence {
    char *spoken;  /* normalized text for the synthesizer, owned */
    char *written; /* the sentence as written in the article, owned */
    crier_pause pause;
} crier_sentence;

typedef enum crier_script_kind {
    CRIER_SCRIPT_INTRO, /* title, "by" byline, date */
    CRIER_SCRIPT_BLOCK, /* one article block */
} crier_script_kind;

typedef struct crier_script_block {
    crier_script_kind kind;
    crier_block_type type; /* the article block's type (CRIER_SCRIPT_BLOCK only) */
    size_t article_block;  /* index into the article's blocks (CRIER_SCRIPT_BLOCK only) */
    crier_sentence *sentences;
    size_t n_sentences;
} crier_script_block;

typedef struct crier_script {
    crier_script_block *blocks;
    size_t n_blocks;
} crier_script;

typedef struct crier_normalize_opts {
    bool intro;    /* start with title, "by" byline and the date (default true) */
    bool captions; /* speak caption blocks (default false) */
} crier_normalize_opts;

crier_normalize_opts crier_normalize_opts_default(void);

/* Turns an article into a script. lang, art, opts: borrowed (opts may be NULL for
 * the defaults); the script copies what it needs. Returns CRIER_OK, CRIER_E_NOMEM
 * or CRIER_E_LIMIT; sets *ret_script (owned) only on CRIER_OK. */
crier_status crier_normalize(const crier_lang *lang, const crier_article *art,
                             const crier_normalize_opts *opts, crier_script **ret_script);
void crier_script_free(crier_script *script);

#endif
