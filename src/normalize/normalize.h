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

/* The pack's language: its folder's name, lower case ("en"). Valid while lang is. */
const char *crier_lang_code(const crier_lang *lang);
/* How many broken table lines (no tab, empty key or value, invalid UTF-8,
 * control bytes, key over 64 bytes) were skipped while loading. NULL gives 0. */
size_t crier_lang_skipped_lines(const crier_lang *lang);

/* A pronunciation lexicon: one "word<TAB>say[<TAB>case|nocase]" a line. word is
 * matched whole (letters, digits, '-', '\'', non-ASCII; "Khamenei's" finds
 * "Khamenei"); nocase (the default) ignores ASCII case. say is replacement text
 * or eSpeak NG phonemes in [[ ]] (the speech stage reads them as phonemes).
 * Lines starting with '#' and blank lines are ignored; broken lines (no tab,
 * empty or over-long word or say, invalid UTF-8, control bytes, an unknown third
 * column, stray "[[" or "]]") are skipped and counted, never fatal. When a word
 * has several entries the last one loaded wins. Filled by the loaders, then
 * read-only and shareable. */
typedef struct crier_lexicon crier_lexicon;

/* Sets *ret_lex (owned, empty) on CRIER_OK; CRIER_E_NOMEM otherwise. */
crier_status crier_lexicon_new(crier_lexicon **ret_lex);
void crier_lexicon_free(crier_lexicon *lex);
/* Adds the entries of data[0..len) (borrowed, need not be NUL-terminated; at
 * most 4 MiB: CRIER_E_LIMIT). Returns CRIER_OK, CRIER_E_ARG, CRIER_E_NOMEM or
 * CRIER_E_LIMIT (entries up to the cap are kept). */
crier_status crier_lexicon_load_bytes(crier_lexicon *lex, const char *data, size_t len);
/* Adds the entries of a file: also CRIER_E_NOENT, CRIER_E_ISDIR, CRIER_E_READ. */
crier_status crier_lexicon_load_file(crier_lexicon *lex, const char *path);
/* Broken lines skipped and entries kept so far; NULL gives 0. */
size_t crier_lexicon_skipped_lines(const crier_lexicon *lex);
size_t crier_lexicon_size(const crier_lexicon *lex);
/* Appends the per-user lexicon's path: $XDG_CONFIG_HOME/crier/lexicon.tsv, else
 * $HOME/.config/crier/lexicon.tsv; CRIER_E_NOENT when neither is set. */
crier_status crier_lexicon_user_path(crier_buf *out);
/* The pack's names.tsv (borrowed, valid while lang is), never NULL for a loaded pack. */
const crier_lexicon *crier_lang_names(const crier_lang *lang);

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

/* How web addresses and e-mail addresses are read. */
typedef enum crier_urls {
    CRIER_URLS_SHORT, /* the site and path without "https://", "www." or a query:
                       * "example dot com slash news" (default) */
    CRIER_URLS_SKIP,  /* left out */
    CRIER_URLS_FULL,  /* every part: "H T T P S colon slash slash W W W dot ..." */
} crier_urls;

/* How emoji are read. */
typedef enum crier_emoji {
    CRIER_EMOJI_DROP, /* left out (default) */
    CRIER_EMOJI_NAME, /* said by name from the pack's emoji.tsv ("red heart") */
} crier_emoji;

typedef struct crier_normalize_opts {
    bool intro;    /* start with title, "by" byline and the date (default true) */
    bool captions; /* speak caption blocks (default false) */
    crier_urls urls;
    crier_emoji emoji;
    /* Pronunciation in crier_normalize's script: the user's lexicons, then the
     * pack's names.tsv (default true). Either way "[[" in the article is cut to
     * one bracket: the speech stage reads [[...]] as phonemes. */
    bool pronounce;
    /* A user lexicon file (--lexicon), borrowed; NULL = none. Read by each
     * crier_normalize call: CRIER_E_NOENT / CRIER_E_READ when it cannot be read. */
    const char *lexicon;
    /* Also read crier_lexicon_user_path() when that file exists (default true);
     * one that cannot be read is left out, as if absent. */
    bool user_lexicon;
    /* The text is in a language the pack does not speak (a page in a language
     * crier has no pack for, read by that language's eSpeak NG voice): no rules
     * and no lexicons, each sentence is passed on as written, and the intro is
     * the title and the byline with no words of the pack's language and no
     * date (default false). */
    bool plain;
} crier_normalize_opts;

crier_normalize_opts crier_normalize_opts_default(void);

/* As crier_normalize_text, with options (NULL = defaults) and pronunciations:
 * lex NULL reads none; else lex's words, then the pack's names.tsv (lex
 * borrowed), and "[[" / "]]" in the text are cut to one bracket so that only
 * the lexicons write eSpeak NG phonemes. */
crier_status crier_normalize_text_opts(const crier_lang *lang, const crier_normalize_opts *opts,
                                       const crier_lexicon *lex, const char *text, size_t len,
                                       crier_buf *out);

/* Turns an article into a script. lang, art, opts: borrowed (opts may be NULL for
 * the defaults); the script copies what it needs. Returns CRIER_OK, CRIER_E_NOMEM
 * or CRIER_E_LIMIT; sets *ret_script (owned) only on CRIER_OK. */
crier_status crier_normalize(const crier_lang *lang, const crier_article *art,
                             const crier_normalize_opts *opts, crier_script **ret_script);
void crier_script_free(crier_script *script);

#endif
