/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_EXTRACT_INTERNAL_H
#define CRIER_EXTRACT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "extract/extract.h"

/* Private to src/extract. */

/* An article under construction: blocks are appended under the caps of lim. */
typedef struct ex_builder {
    crier_article *art;
    size_t cap_blocks;
    size_t text_bytes;
    const crier_limits *lim;
} ex_builder;

/* Appends a block whose text is s[0..len) with white space collapsed (PRE keeps
 * its lines); an empty text adds nothing. CRIER_E_LIMIT past max_blocks or
 * max_article_bytes. */
crier_status ex_add_block(ex_builder *b, crier_block_type type, int level, const char *s,
                          size_t len, size_t src_off);
/* Removes block i (shifting the rest). */
void ex_remove_block(crier_article *art, size_t i);
/* Sets *field to s[0..len) with white space collapsed, or leaves it NULL when
 * that is empty. Replaces an earlier value only when replace is true. */
crier_status ex_set_field(char **field, const char *s, size_t len, bool replace);
/* Appends s[0..len) to out with runs of Unicode white space turned into one
 * space; *pending_space carries a space across calls (set it to false at the
 * start of a block). Leading space is never written. */
crier_status ex_collapse_append(crier_buf *out, const char *s, size_t len, bool *pending_space);
/* True when a and b are equal ignoring ASCII case, white space runs and
 * leading/trailing punctuation. */
bool ex_text_equal_loose(const char *a, const char *b);
/* Counts words (runs of letters/digits, any script). */
size_t ex_count_words(const char *s, size_t len);

/* Kinds of names in voices/<lang>/html-names.tsv (see that file). */
typedef enum ex_name_kind {
    EX_NAME_CHROME, EX_NAME_NEVER, EX_NAME_PART, EX_NAME_WEAK, EX_NAME_GOOD, EX_NAME_STATE,
    EX_NAME_TAXONOMY, EX_NAME_ROLE, EX_NAME_BYLINE, EX_NAME_BYLINE_SKIP, EX_NAME_BYLINE_KEEP,
    EX_NAME_BYLINE_ROLE, EX_NAME_KIND_COUNT
} ex_name_kind;

/* Boilerplate phrases from voices/<lang>/boilerplate.tsv, HTML names from
 * html-names.tsv and month names from months.tsv (see those files for the
 * kinds). Loaded once per crier_extractor; immutable after loading. */
typedef struct ex_boiler {
    char **line;    /* a whole block equal to one of these is site chrome */
    size_t n_line;
    char **prefix;  /* a short block starting with one of these is site chrome */
    size_t n_prefix;
    char **credit;  /* a photo credit starts with one of these */
    size_t n_credit;
    char **mark;    /* a short block containing one of these is a credit line */
    size_t n_mark;
    char **names[EX_NAME_KIND_COUNT]; /* lower case */
    size_t n_names[EX_NAME_KIND_COUNT];
    char **month;   /* written month names, lower case, no final "." (months.tsv) */
    int *month_num; /* 1..12 */
    size_t n_month;
} ex_boiler;

/* Appends <dir>/<lang>/<name> to out (dir NULL: $CRIER_VOICES_DIR, else the
 * source tree's voices/, else the installed one); a missing file appends nothing.
 * CRIER_E_LANG when it cannot be read or is too big. Lines may be broken
 * (not UTF-8): callers skip those. */
crier_status ex_read_voice_file(const char *dir, const char *lang, const char *name,
                                crier_buf *out);
/* Loads voices/<lang>/html-names.tsv into b->names. */
crier_status ex_names_load(const char *dir, const char *lang, ex_boiler *b);
/* Loads the month names of voices/<lang>/months.tsv (written form, number,
 * ...: the normalizer's file, read only) into b. */
crier_status ex_months_load(const char *dir, const char *lang, ex_boiler *b);
/* A date written in words ("February 2, 2026", "Mon 2 Feb. 2026, 6:01 am")
 * as YYYY-MM-DD in out; false when s holds none. */
bool ex_parse_date(const ex_boiler *b, const char *s, char out[11]);

/* Loads the boilerplate list for lang (NULL: "en") from dir (NULL: the
 * default, see ex_read_voice_file); a missing file gives an empty list
 * (extraction still works, with fewer rules). */
crier_status ex_boiler_load(const char *dir, const char *lang, ex_boiler *ret);
void ex_boiler_free(ex_boiler *b);
/* True when the block text s is navigation, promo or sign-up chrome, or the
 * whole of s is a photo credit ("Photo by X", "Getty Images"). */
bool ex_boiler_drops(const ex_boiler *b, const char *s);
/* Where a credit tail starts in s ("... in Tehran. Photo by X via Reuters"), or
 * strlen(s) when there is none. */
size_t ex_boiler_credit_tail(const ex_boiler *b, const char *s);

/* The two extractors. */
crier_status ex_extract_text(const crier_document *doc, const crier_limits *lim,
                             const ex_boiler *boiler, crier_article **ret_art);
crier_status ex_extract_html(const crier_document *doc, const crier_limits *lim,
                             const ex_boiler *boiler, crier_article **ret_art);

/* crier_extract_title_guess for an HTML page: the title and language
 * metadata gives when only the page's first prefix bytes are parsed. */
crier_status ex_html_title_guess(const crier_document *doc, size_t prefix, const crier_limits *lim,
                                 const ex_boiler *boiler, char **ret_title, char **ret_lang);

/* Final clean-up shared by both: drops a first block equal to the title, and
 * fails with CRIER_E_NO_ARTICLE when no text is left. */
crier_status ex_finish(crier_article *art);

#endif
