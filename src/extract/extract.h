/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_EXTRACT_H
#define CRIER_EXTRACT_H

#include <stddef.h>

#include "core/buf.h"
#include "core/limits.h"
#include "core/status.h"
#include "input/input.h"

/* extract: a document becomes an article: metadata and typed blocks of clean
 * text, with the site's boilerplate (navigation, promos, sign-ups, lists of
 * other stories, footers, cookie banners, photo credits) left out.
 *
 * Language data, read at run time from $CRIER_VOICES_DIR, else the source
 * tree's voices/, else the installed one (a missing file means fewer rules,
 * not an error; broken lines are skipped): voices/en/boilerplate.tsv (phrases
 * of site chrome and photo credits), voices/en/html-names.tsv (class, id and
 * role names of chrome), voices/en/months.tsv (month names, for dates in
 * words). Quality is measured by tests/eval/extract-eval. */

typedef enum crier_block_type {
    CRIER_BLOCK_HEADING,
    CRIER_BLOCK_PARAGRAPH,
    CRIER_BLOCK_QUOTE,
    CRIER_BLOCK_LIST_ITEM,
    CRIER_BLOCK_CAPTION,   /* figure caption or image alt text; not spoken by default */
    CRIER_BLOCK_PRE,       /* preformatted text */
    CRIER_BLOCK_TABLE_ROW, /* one table row, cells joined */
    CRIER_BLOCK_TYPE_COUNT
} crier_block_type;

typedef struct crier_block {
    crier_block_type type;
    int level;        /* heading level 1..6; list nesting depth; else 0 */
    char *text;       /* UTF-8, white space collapsed, no leading/trailing space */
    size_t src_off;   /* byte offset of the block's source in the document text */
} crier_block;

/* An extracted article. Every string is owned by the article, UTF-8, and NULL
 * when unknown (never ""). The title is not repeated as the first block. */
typedef struct crier_article {
    char *title;
    char *byline;      /* the author(s), without "By" */
    char *site;        /* site name */
    char *date;        /* published date, ISO 8601 ("2026-02-01" or "2026-02-01T10:00:00Z") */
    char *lang;        /* BCP 47 tag as found ("en", "en-US") */
    char *url;         /* canonical URL */
    char *description;
    crier_block *blocks;
    size_t n_blocks;
} crier_article;

/* An extractor: the language data above, read once. Immutable after
 * crier_extractor_new, so one extractor may serve every page of a batch (and
 * several threads at once). */
typedef struct crier_extractor crier_extractor;

/* Reads the language data from voices_dir/en/ (voices_dir: borrowed, only
 * during the call; NULL for the default folder described above). Returns
 * CRIER_OK, CRIER_E_LANG (a file there cannot be read or is too big) or
 * CRIER_E_NOMEM; sets *ret_x (owned by the caller, free it with
 * crier_extractor_free) only on CRIER_OK. */
crier_status crier_extractor_new(const char *voices_dir, crier_extractor **ret_x);

/* Extracts the article from doc (HTML or text). x, doc: borrowed, read only.
 * lim: borrowed, may be NULL for the defaults. Returns CRIER_OK,
 * CRIER_E_NO_ARTICLE (nothing that reads as article text), CRIER_E_PARSE,
 * CRIER_E_LIMIT or CRIER_E_NOMEM; sets *ret_art (owned by the caller) only on
 * CRIER_OK. Prints nothing (libxml2's messages are routed away). */
crier_status crier_extractor_run(const crier_extractor *x, const crier_document *doc,
                                 const crier_limits *lim, crier_article **ret_art);

/* NULL-safe. */
void crier_extractor_free(crier_extractor *x);

/* crier_extractor_run with an extractor made for this one call from the
 * default folder: the same results, but the language data is read again on
 * every call; a caller with many pages keeps a crier_extractor instead.
 * Returns what crier_extractor_new or crier_extractor_run returns. */
crier_status crier_extract(const crier_document *doc, const crier_limits *lim,
                           crier_article **ret_art);

/* The title and language crier_extractor_run most likely gives an HTML
 * page, read off the page's first prefix bytes alone (metadata only), so that
 * a player can speak the title while the whole page is extracted (about
 * 0.5 ms for 64 KiB against 20 ms for a 1 MB page). A guess: metadata further
 * down (JSON-LD, a second <h1>) can change the title, so a caller compares it
 * with the whole page's; an untrimmed "Title | Site" gives none. On the
 * Readability test corpus 64 KiB give the page's title for 110 of 127 pages,
 * none for 16, a wrong one for 1 (tests/extract/test_title_guess.c).
 * x, doc: borrowed; lim: may be NULL (defaults). On CRIER_OK *ret_title and
 * *ret_lang are set (owned by the caller), each NULL when unknown; a text
 * document gives both NULL. CRIER_E_ARG, CRIER_E_NOMEM. */
crier_status crier_extractor_title_guess(const crier_extractor *x, const crier_document *doc,
                                         size_t prefix, const crier_limits *lim,
                                         char **ret_title, char **ret_lang);
/* crier_extractor_title_guess with an extractor made for this one call (as
 * crier_extract is crier_extractor_run's); also CRIER_E_LANG. */
crier_status crier_extract_title_guess(const crier_document *doc, size_t prefix,
                                       const crier_limits *lim, char **ret_title,
                                       char **ret_lang);

/* NULL-safe. */
void crier_article_free(crier_article *art);

/* "heading", "paragraph", "quote", "list-item", "caption", "pre", "table-row". */
const char *crier_block_type_name(crier_block_type type);

/* Appends the article as one JSON object: title, byline, site, date, lang, url,
 * description (null when unknown) and blocks [{"type", "text"} (+ "level" for
 * headings)]. */
crier_status crier_article_to_json(const crier_article *art, crier_buf *out);

/* Appends the cleaned article as text: the title, then each block, a blank line
 * between blocks (what `crier text --stage=extract` prints). */
crier_status crier_article_to_text(const crier_article *art, crier_buf *out);

#endif
