/* SPDX-License-Identifier: GPL-3.0-or-later */
/* crier_extract_title_guess: the title and language read off a page's start,
 * which `crier play` speaks while the whole page is extracted. On a page no
 * longer than the prefix it is the extraction's own; on a long page it is a
 * guess, and the Readability test corpus (when ../shared is there) measures
 * how often it is the whole page's title. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "extract/extract.h"
#include "input/input.h"

#define PREFIX ((size_t)64 << 10)

static crier_document *
doc_of(const char *page, crier_doc_hint hint)
{
    crier_document *doc = NULL;
    assert_int_equal(crier_input_from_bytes("t", page, strlen(page), hint, NULL, &doc), CRIER_OK);
    return doc;
}

static void
guess(const crier_document *doc, size_t prefix, char **title, char **lang)
{
    assert_int_equal(crier_extract_title_guess(doc, prefix, NULL, title, lang), CRIER_OK);
}

/* A page of n bytes or more: a head, an <h1>, then paragraphs, then tail
 * (appended as it is before </body>). */
static char *
long_page(const char *head, size_t n, const char *tail)
{
    crier_buf b;
    crier_buf_init(&b, (size_t)64 << 20);
    assert_int_equal(crier_buf_puts(&b, head), CRIER_OK);
    assert_int_equal(crier_buf_puts(&b, "<body><article><h1>Storm closes the coast road</h1>"),
                     CRIER_OK);
    while (b.len < n)
        assert_int_equal(crier_buf_puts(&b, "<p>The storm closed the coast road for a second day "
                                            "on Tuesday, and crews worked through the night to "
                                            "clear the fallen trees and the mud.</p>\n"),
                         CRIER_OK);
    assert_int_equal(crier_buf_puts(&b, tail), CRIER_OK);
    assert_int_equal(crier_buf_puts(&b, "</article></body></html>"), CRIER_OK);
    return crier_buf_steal(&b);
}

/* A short page: the guess is what extraction says, title and language. */
static void
test_short_page_is_exact(void **state)
{
    (void)state;
    const char *page = "<html lang=\"en-GB\"><head><title>Floods in the valley | Daily Post</title>"
                       "<meta property=\"og:site_name\" content=\"Daily Post\"></head><body>"
                       "<article><h1>Floods in the valley</h1><p>Rain fell for three days and "
                       "the river rose above its banks in the night, the council said.</p>"
                       "</article></body></html>";
    crier_document *doc = doc_of(page, CRIER_HINT_HTML);
    crier_article *art = NULL;
    char *title = NULL, *lang = NULL;
    assert_int_equal(crier_extract(doc, NULL, &art), CRIER_OK);
    guess(doc, PREFIX, &title, &lang);
    assert_string_equal(title, art->title);
    assert_string_equal(title, "Floods in the valley");
    assert_string_equal(lang, "en-GB");
    free(title);
    free(lang);
    crier_article_free(art);
    crier_document_free(doc);
}

/* Plain text has no metadata to read early: both NULL. */
static void
test_text_gives_nothing(void **state)
{
    (void)state;
    crier_document *doc = doc_of("Storm closes the coast road\n\nThe storm closed it.\n",
                                 CRIER_HINT_TEXT);
    char *title = (char *)"x", *lang = (char *)"x";
    guess(doc, PREFIX, &title, &lang);
    assert_null(title);
    assert_null(lang);
    crier_document_free(doc);
}

/* A long page whose title is in its head: the first 64 KiB say it. */
static void
test_long_page_from_its_start(void **state)
{
    (void)state;
    char *page = long_page("<html lang=\"en\"><head><title>Storm closes the coast road - Coast "
                           "News</title><meta property=\"og:title\" content=\"Storm closes the "
                           "coast road\"></head>",
                           (size_t)1 << 20, "");
    crier_document *doc = doc_of(page, CRIER_HINT_HTML);
    crier_article *art = NULL;
    char *title = NULL, *lang = NULL;
    guess(doc, PREFIX, &title, &lang);
    assert_int_equal(crier_extract(doc, NULL, &art), CRIER_OK);
    assert_string_equal(title, "Storm closes the coast road");
    assert_string_equal(title, art->title);
    assert_string_equal(lang, "en");
    free(title);
    free(lang);
    crier_article_free(art);
    crier_document_free(doc);
    free(page);
}

/* JSON-LD after the prefix names another headline: the guess cannot know it
 * (the player compares the guess with the whole page's title). */
static void
test_late_metadata_is_not_seen(void **state)
{
    (void)state;
    char *page = long_page("<html><head><title>Storm closes the coast road</title></head>",
                           (size_t)200 << 10,
                           "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
                           "\"headline\":\"Coast road shut as storm lingers\"}</script>");
    crier_document *doc = doc_of(page, CRIER_HINT_HTML);
    crier_article *art = NULL;
    char *title = NULL, *lang = NULL;
    guess(doc, PREFIX, &title, &lang);
    assert_int_equal(crier_extract(doc, NULL, &art), CRIER_OK);
    assert_string_equal(title, "Storm closes the coast road");
    assert_string_equal(art->title, "Coast road shut as storm lingers");
    /* the whole page as the prefix: the guess is the extraction's */
    free(title);
    free(lang);
    guess(doc, (size_t)1 << 20, &title, &lang);
    assert_string_equal(title, art->title);
    free(title);
    free(lang);
    crier_article_free(art);
    crier_document_free(doc);
    free(page);
}

/* A prefix that ends inside a character: cut at the character's start. */
static void
test_prefix_inside_a_character(void **state)
{
    (void)state;
    const char *page = "<html><head><title>Caf\xc3\xa9 owners protest</title></head><body><p>"
                       "Caf\xc3\xa9 owners marched on Tuesday.</p></body></html>";
    const char *cut = strstr(page, "\xa9 owners marched"); /* the second byte of é */
    crier_document *doc = doc_of(page, CRIER_HINT_HTML);
    char *title = NULL, *lang = NULL;
    guess(doc, (size_t)(cut - page), &title, &lang);
    assert_string_equal(title, "Caf\xc3\xa9 owners protest");
    free(title);
    free(lang);
    crier_document_free(doc);
}

/* Every page of the Readability test corpus: the guess from 64 KiB against
 * the whole page's extraction. None ("Title | Site" not yet trimmed, no
 * title yet) costs nothing but the early start; a wrong one costs the
 * listener a cut-off word, since crier play stops it once the page is
 * extracted. At most 3 % may be wrong, and most pages must get one. */
static void
test_corpus(void **state)
{
    (void)state;
    const char *shared = getenv("CRIER_SHARED_DIR");
    char dir[4096], path[4096 + 300];
    if (shared == NULL ||
        snprintf(dir, sizeof dir, "%s/corpora/readability-test-pages", shared) >= (int)sizeof dir)
        skip();
    DIR *d = opendir(dir);
    if (d == NULL)
        skip();
    size_t compared = 0, same = 0, none = 0, long_pages = 0, long_same = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s/source.html", dir, e->d_name);
        crier_document *doc = NULL;
        crier_article *art = NULL;
        if (crier_input_read(path, NULL, &doc) != CRIER_OK)
            continue;
        if (crier_extract(doc, NULL, &art) == CRIER_OK && art->title != NULL) {
            char *title = NULL, *lang = NULL;
            guess(doc, PREFIX, &title, &lang);
            bool ok = title != NULL && strcmp(title, art->title) == 0;
            compared++;
            same += ok;
            none += title == NULL;
            if (doc->len > PREFIX) {
                long_pages++;
                long_same += ok;
            }
            if (title != NULL && !ok)
                printf("# %s: guessed '%s', the page says '%s'\n", e->d_name, title, art->title);
            free(title);
            free(lang);
        }
        crier_article_free(art);
        crier_document_free(doc);
    }
    closedir(d);
    size_t wrong = compared - same - none;
    printf("# title from the first 64 KiB: right %zu, none %zu, wrong %zu of %zu pages "
           "(right %zu of the %zu longer than 64 KiB)\n",
           same, none, wrong, compared, long_same, long_pages);
    assert_true(compared >= 100);
    assert_true(wrong * 100 <= compared * 3);
    assert_true(same * 100 >= compared * 80);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_page_is_exact),
        cmocka_unit_test(test_text_gives_nothing),
        cmocka_unit_test(test_long_page_from_its_start),
        cmocka_unit_test(test_late_metadata_is_not_seen),
        cmocka_unit_test(test_prefix_inside_a_character),
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
