/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/limits.h"
#include "core/status.h"
#include "core/utf8.h"

static void
every_status_has_a_message(void **state)
{
    (void)state;
    for (int st = 0; st < CRIER_STATUS_COUNT; st++) {
        const char *m = crier_status_message((crier_status)st);
        assert_non_null(m);
        assert_true(strlen(m) > 0);
        assert_string_not_equal(m, "unknown error");
        assert_null(strchr(m, '\n'));
    }
    assert_string_equal(crier_status_message(CRIER_STATUS_COUNT), "unknown error");
}

static void
buf_appends_and_caps(void **state)
{
    (void)state;
    crier_buf b;
    crier_buf_init(&b, 8);
    assert_string_equal(crier_buf_str(&b), "");
    assert_int_equal(crier_buf_puts(&b, "abc"), CRIER_OK);
    assert_int_equal(crier_buf_printf(&b, "%d", 42), CRIER_OK);
    assert_string_equal(crier_buf_str(&b), "abc42");
    /* past the cap: refused, and the buffer is unchanged */
    assert_int_equal(crier_buf_puts(&b, "toolong"), CRIER_E_LIMIT);
    assert_string_equal(crier_buf_str(&b), "abc42");
    assert_int_equal(crier_buf_puts(&b, "xyz"), CRIER_OK);
    assert_int_equal(b.len, 8);
    assert_int_equal(crier_buf_putc(&b, 'q'), CRIER_E_LIMIT);
    crier_buf_truncate(&b, 3);
    assert_string_equal(crier_buf_str(&b), "abc");
    char *s = crier_buf_steal(&b);
    assert_string_equal(s, "abc");
    free(s);
    assert_null(b.data);
    crier_buf_free(&b);
}

static void
buf_json_escapes(void **state)
{
    (void)state;
    crier_buf b;
    crier_buf_init(&b, 1024);
    assert_int_equal(crier_buf_put_json_string(&b, "a\"b\\c\nd\x01 é"), CRIER_OK);
    assert_string_equal(crier_buf_str(&b), "\"a\\\"b\\\\c\\nd\\u0001 é\"");
    crier_buf_free(&b);
}

static void
utf8_decodes_and_rejects(void **state)
{
    (void)state;
    unsigned cp;
    assert_int_equal(crier_utf8_decode("\xE2\x82\xAA", 3, &cp), 3); /* ₪ */
    assert_int_equal(cp, 0x20AA);
    assert_int_equal(crier_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    /* overlong, surrogate, truncated, stray continuation */
    assert_int_equal(crier_utf8_decode("\xC0\xAF", 2, &cp), 0);
    assert_int_equal(crier_utf8_decode("\xE0\x80\xAF", 3, &cp), 0);
    assert_int_equal(crier_utf8_decode("\xED\xA0\x80", 3, &cp), 0);
    assert_int_equal(crier_utf8_decode("\xE2\x82", 2, &cp), 0);
    assert_int_equal(crier_utf8_decode("\x80", 1, &cp), 0);
    assert_true(crier_utf8_valid("plain ₪ text", strlen("plain ₪ text")));
    assert_false(crier_utf8_valid("bad \xFF", 5));
    char out[4];
    assert_int_equal(crier_utf8_encode(0x20AC, out), 3);
    assert_memory_equal(out, "\xE2\x82\xAC", 3);
    assert_int_equal(crier_utf8_encode(0xD800, out), 3); /* becomes U+FFFD */
    assert_memory_equal(out, "\xEF\xBF\xBD", 3);
    assert_true(crier_is_unicode_space(0xA0));
    assert_false(crier_is_unicode_space('x'));
}

static void
limits_have_safe_defaults(void **state)
{
    (void)state;
    crier_limits l = crier_limits_default();
    assert_true(l.max_input_bytes > 0 && l.max_input_bytes <= ((size_t)1 << 30));
    assert_true(l.max_dom_depth >= 64);
    assert_true(l.max_article_bytes > 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_status_has_a_message),
        cmocka_unit_test(buf_appends_and_caps),
        cmocka_unit_test(buf_json_escapes),
        cmocka_unit_test(utf8_decodes_and_rejects),
        cmocka_unit_test(limits_have_safe_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
