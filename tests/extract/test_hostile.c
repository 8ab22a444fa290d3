/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile pages: each must end with a status (never a crash, hang or
 * unbounded memory). Run under ASan/valgrind in CI like every unit test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "extract/extract.h"
#include "input/input.h"

#define PROSE "The council voted on Tuesday to approve the new budget, which adds money for schools, roads and the harbour."

/* Runs input and extraction on bytes; checks the article when there is one. */
static crier_status
run(const char *bytes, size_t len, crier_doc_hint hint)
{
    crier_document *doc = NULL;
    crier_article *art = NULL;
    crier_status st = crier_input_from_bytes("hostile", bytes, len, hint, NULL, &doc);
    if (st == CRIER_OK)
        st = crier_extract(doc, NULL, &art);
    if (st == CRIER_OK) {
        crier_buf out;
        crier_buf_init(&out, CRIER_BUF_DEFAULT_MAX);
        assert_int_equal(crier_article_to_json(art, &out), CRIER_OK);
        assert_true(crier_utf8_valid(out.data, out.len));
        crier_buf_free(&out);
    }
    crier_article_free(art);
    crier_document_free(doc);
    return st;
}

static crier_status
run_str(const char *s)
{
    return run(s, strlen(s), CRIER_HINT_HTML);
}

static crier_status
repeat(crier_buf *b, const char *s, size_t times)
{
    crier_status st = CRIER_OK;
    for (size_t i = 0; i < times && st == CRIER_OK; i++)
        st = crier_buf_puts(b, s);
    return st;
}

static void
fifty_megabyte_page(void **state)
{
    (void)state;
    crier_buf b;
    crier_buf_init(&b, (size_t)64 << 20);
    assert_int_equal(crier_buf_puts(&b, "<html><body><article><p>" PROSE "</p>"), CRIER_OK);
    /* 50 MB of link lists and empty divs around one paragraph */
    assert_int_equal(repeat(&b, "<div class='nav'><ul><li><a href='/x'>Home</a></li></ul></div>",
                            50u * 1000 * 1000 / 62),
                     CRIER_OK);
    crier_status st = run(b.data, b.len, CRIER_HINT_HTML);
    assert_true(st == CRIER_OK || st == CRIER_E_LIMIT || st == CRIER_E_NO_ARTICLE);
    crier_buf_free(&b);
}

static void
nesting_100000_deep(void **state)
{
    (void)state;
    crier_buf b;
    crier_buf_init(&b, CRIER_BUF_DEFAULT_MAX);
    assert_int_equal(repeat(&b, "<div><span><table><tr><td><ul><li><blockquote>", 100000 / 7),
                     CRIER_OK);
    assert_int_equal(crier_buf_puts(&b, PROSE), CRIER_OK);
    crier_status st = run(b.data, b.len, CRIER_HINT_HTML);
    assert_true(st == CRIER_OK || st == CRIER_E_NO_ARTICLE || st == CRIER_E_LIMIT);
    crier_buf_free(&b);
}

static void
no_body_no_text(void **state)
{
    (void)state;
    assert_int_equal(run_str("<html><head><title>Only a title</title></head></html>"),
                     CRIER_E_NO_ARTICLE);
    assert_int_equal(run_str("<!DOCTYPE html>"), CRIER_E_NO_ARTICLE);
    assert_int_equal(run_str("<html><body></body></html>"), CRIER_E_NO_ARTICLE);
    assert_int_equal(run_str("<script>" PROSE "</script><style>p{}</style>"),
                     CRIER_E_NO_ARTICLE);
    assert_int_equal(run_str("<frameset><frame src='a.html'></frameset>"), CRIER_E_NO_ARTICLE);
}

static void
broken_markup(void **state)
{
    (void)state;
    crier_status st = run_str("<html><body><p>" PROSE "<!-- a comment that never ends");
    assert_true(st == CRIER_OK || st == CRIER_E_NO_ARTICLE);
    assert_int_equal(run_str("<p>" PROSE "<p><p><p></div></div></body></html></html><p>"),
                     CRIER_OK);
    st = run_str("<<<>>><p " PROSE "<p>" PROSE);
    assert_true(st == CRIER_OK || st == CRIER_E_NO_ARTICLE);
    st = run_str("<p title=\"unterminated>" PROSE);
    assert_true(st == CRIER_OK || st == CRIER_E_NO_ARTICLE);
}

static void
invalid_utf8_and_nul_bytes(void **state)
{
    (void)state;
    static const char page[] = "<html><body><article><p>Caf\xE9 \xFF\xFE \xC3\x28 \xED\xA0\x80 "
                               "and a long sentence about the harbour and the town.</p>"
                               "<p>" PROSE "</p></article></body></html>";
    assert_int_equal(run(page, sizeof page - 1, CRIER_HINT_HTML), CRIER_OK);

    /* NUL bytes after the first KiB are dropped, not read as binary */
    crier_buf b;
    crier_buf_init(&b, CRIER_BUF_DEFAULT_MAX);
    assert_int_equal(crier_buf_puts(&b, "<html><body><article>"), CRIER_OK);
    assert_int_equal(repeat(&b, "<p>" PROSE "</p>", 12), CRIER_OK);
    assert_int_equal(crier_buf_append(&b, "<p>N\0U\0L</p>", 13), CRIER_OK);
    assert_int_equal(run(b.data, b.len, CRIER_HINT_HTML), CRIER_OK);
    /* early NULs: binary */
    assert_int_equal(run("<p>\0\0\0\0</p>", 11, CRIER_HINT_HTML), CRIER_E_BINARY);
    crier_buf_free(&b);
}

static void
hostile_json_ld_and_attributes(void **state)
{
    (void)state;
    crier_buf b;
    crier_buf_init(&b, CRIER_BUF_DEFAULT_MAX);
    assert_int_equal(crier_buf_puts(&b, "<html><head><script type='application/ld+json'>"),
                     CRIER_OK);
    assert_int_equal(repeat(&b, "[{\"a\":", 20000), CRIER_OK);
    assert_int_equal(crier_buf_puts(&b, "\"\\ud800\\u0000\"</script><meta name='author' content='"),
                     CRIER_OK);
    assert_int_equal(repeat(&b, "x", 1 << 20), CRIER_OK); /* a 1 MiB attribute */
    assert_int_equal(crier_buf_puts(&b, "'></head><body><p>" PROSE "</p></body></html>"),
                     CRIER_OK);
    assert_int_equal(run(b.data, b.len, CRIER_HINT_HTML), CRIER_OK);
    crier_buf_free(&b);
}

static void
hostile_text(void **state)
{
    (void)state;
    crier_buf b;
    crier_buf_init(&b, CRIER_BUF_DEFAULT_MAX);
    /* one 8 MiB line, then 100,000 blank lines and short lines */
    assert_int_equal(repeat(&b, "word ", ((size_t)8 << 20) / 5), CRIER_OK);
    assert_int_equal(repeat(&b, "\n\n\xC2\xA0\nx\n", 100000), CRIER_OK);
    crier_status st = run(b.data, b.len, CRIER_HINT_TEXT);
    assert_true(st == CRIER_OK || st == CRIER_E_LIMIT || st == CRIER_E_NO_ARTICLE);
    crier_buf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fifty_megabyte_page),
        cmocka_unit_test(nesting_100000_deep),
        cmocka_unit_test(no_body_no_text),
        cmocka_unit_test(broken_markup),
        cmocka_unit_test(invalid_utf8_and_nul_bytes),
        cmocka_unit_test(hostile_json_ld_and_attributes),
        cmocka_unit_test(hostile_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
