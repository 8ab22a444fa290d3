/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests of the batch module's pure parts: hashes, names, dates, manifest
 * lines and shards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "batch/batch_internal.h"

static void
test_sha256(void **state)
{
    char hex[65];
    (void)state;
    bt_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    bt_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    bt_sha256_hex(two, strlen(two), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* Fed in pieces across block boundaries. */
    char million[1000];
    memset(million, 'a', sizeof million);
    bt_sha256 c;
    unsigned char d[32];
    bt_sha256_init(&c);
    for (int i = 0; i < 1000; i++)
        bt_sha256_update(&c, million, sizeof million);
    bt_sha256_final(&c, d);
    assert_int_equal(d[0], 0xcd);
    assert_int_equal(d[1], 0xc7);
    assert_int_equal(d[31], 0xd0);
}

/* The name crier gives a page, without its 8-digit key and extension. */
static char *
name_of(const char *path, const char *title, const char *date)
{
    crier_buf b;
    crier_buf_init(&b, 4096);
    assert_int_equal(bt_output_name(path, title, date, "ogg", &b), CRIER_OK);
    assert_true(b.len > 13);
    assert_string_equal(b.data + b.len - 4, ".ogg");
    assert_int_equal(b.data[b.len - 13], '-');
    b.data[b.len - 13] = '\0';
    return b.data;
}

static void
test_names(void **state)
{
    (void)state;
    static const struct {
        const char *title, *date, *want;
    } cases[] = {
        { "Hopefully we’ll make a deal", "2026-02-01", "2026-02-01-hopefully-well-make-a-deal" },
        { "../../etc/passwd", "2026-02-01T10:00:00Z", "2026-02-01-etc-passwd" },
        { ".hidden", NULL, "hidden" },
        { "tab\there\nnewline\x7f del", "not a date", "tab-here-newline-del" },
        { "Ça va? ÜBER — 東京", "2026-02-01", "2026-02-01-ça-va-über-東京" },
        { "\xe2\x80\x8bzero\xc2\xa0width", NULL, "zero-width" },
        { "---", NULL, "story" }, /* nothing left: the file's name */
        { "C:\\dos\\path", NULL, "c-dos-path" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = name_of("news/story.html", cases[i].title, cases[i].date);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
    char *got = name_of("a/.html", NULL, NULL);
    assert_string_equal(got, "html");
    free(got);
    got = name_of("a/!!!.html", NULL, NULL);
    assert_string_equal(got, "page");
    free(got);

    /* Bounded: a 1,000-letter title. */
    char title[1001];
    memset(title, 'x', 1000);
    title[1000] = '\0';
    got = name_of("a.html", title, "2026-02-01");
    assert_int_equal(strlen(got), 11 + CRIER_BATCH_SLUG_MAX);
    free(got);
    /* Cut at a word's end: "alpha-alpha-...-alpha", never "-alp". */
    char words[700] = "";
    for (int i = 0; i < 100; i++)
        strcat(words, "alpha ");
    got = name_of("a.html", words, NULL);
    assert_true(strlen(got) <= CRIER_BATCH_SLUG_MAX);
    assert_int_equal(strlen(got) % 6, 5); /* whole words of 5 letters, '-' between */
    assert_string_equal(got + strlen(got) - 6, "-alpha");
    free(got);
    /* Cut at a character boundary, never inside one. */
    char wide[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(wide, "\xe6\x9d\xb1"); /* 東 */
    got = name_of("a.html", wide, NULL);
    assert_int_equal(strlen(got) % 3, 0);
    assert_true(strlen(got) <= CRIER_BATCH_SLUG_MAX);
    free(got);

    /* The key comes from the path: same title, other path, other name. */
    crier_buf a, b;
    crier_buf_init(&a, 512);
    crier_buf_init(&b, 512);
    bt_output_name("x/one.html", "Same", NULL, "wav", &a);
    bt_output_name("x/two.html", "Same", NULL, "wav", &b);
    assert_string_not_equal(a.data, b.data);
    crier_buf_free(&a);
    crier_buf_free(&b);
}

static void
test_rfc822(void **state)
{
    (void)state;
    static const struct {
        const char *iso, *want;
    } cases[] = {
        { "2026-02-01", "Sun, 01 Feb 2026 00:00:00 +0000" },
        { "2026-02-01T10:05:09Z", "Sun, 01 Feb 2026 10:05:09 +0000" },
        { "2015-03-10T08:05:41-07:00", "Tue, 10 Mar 2015 08:05:41 -0700" },
        { "2024-02-29T23:59:00.123+05:30", "Thu, 29 Feb 2024 23:59:00 +0530" },
        { "2000-01-01T12:00", "Sat, 01 Jan 2000 12:00:00 +0000" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        crier_buf b;
        crier_buf_init(&b, 128);
        assert_true(bt_rfc822_date(cases[i].iso, &b));
        assert_string_equal(b.data, cases[i].want);
        crier_buf_free(&b);
    }
    const char *bad[] = { "", "yesterday", "2026-13-01", "2026-02-01T25:00", "26-02-01" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        crier_buf b;
        crier_buf_init(&b, 128);
        assert_false(bt_rfc822_date(bad[i], &b));
        crier_buf_free(&b);
    }
}

static void
test_manifest_lines(void **state)
{
    (void)state;
    bt_entry e = { 0 }, back = { 0 };
    for (unsigned i = 0; i < BT_FIELD_COUNT; i++)
        e.f[i] = crier_strndup("", 0);
    free(e.f[BT_PATH]);
    free(e.f[BT_TITLE]);
    e.f[BT_PATH] = crier_strndup("dir/with\ttab.html", 17);
    e.f[BT_TITLE] = crier_strndup("line\none \\ back\rslash", 21);
    crier_buf line;
    crier_buf_init(&line, 4096);
    assert_int_equal(bt_entry_format(&e, &line), CRIER_OK);
    assert_int_equal(line.data[line.len - 1], '\n');
    assert_null(memchr(line.data, '\n', line.len - 1)); /* one line, whatever the fields hold */
    assert_true(bt_entry_parse(line.data, line.len - 1, &back));
    assert_string_equal(back.f[BT_PATH], "dir/with\ttab.html");
    assert_string_equal(back.f[BT_TITLE], "line\none \\ back\rslash");
    bt_entry_free(&back);
    /* A line cut short (a run killed mid-write) is not an entry. */
    size_t tabs = 0, cut = 0;
    for (size_t i = 0; i < line.len && tabs < 5; i++)
        if (line.data[i] == '\t' && ++tabs == 5)
            cut = i;
    assert_false(bt_entry_parse(line.data, cut, &back));
    assert_false(bt_entry_parse("# comment", 9, &back));
    crier_buf_free(&line);

    /* Of two lines for one page, the later wins. */
    bt_manifest m = { 0 };
    for (int v = 0; v < 3; v++) {
        bt_entry x = { 0 };
        for (unsigned i = 0; i < BT_FIELD_COUNT; i++)
            x.f[i] = crier_strndup("", 0);
        free(x.f[BT_PATH]);
        free(x.f[BT_STATE]);
        x.f[BT_PATH] = crier_strndup(v == 1 ? "b" : "a", 1);
        x.f[BT_STATE] = crier_strndup(v == 2 ? "done" : "failed", v == 2 ? 4 : 6);
        assert_int_equal(bt_manifest_put(&m, &x), CRIER_OK);
    }
    bt_manifest_sort(&m);
    assert_int_equal(m.n, 2);
    const bt_entry *a = bt_manifest_find(&m, "a");
    assert_non_null(a);
    assert_string_equal(a->f[BT_STATE], "done");
    assert_null(bt_manifest_find(&m, "c"));
    bt_manifest_free(&m);
    bt_entry_free(&e);
}

static void
test_shards(void **state)
{
    (void)state;
    unsigned counts[4] = { 0 };
    for (int i = 0; i < 400; i++) {
        char path[32];
        snprintf(path, sizeof path, "folder/page-%d.html", i);
        unsigned hits = 0;
        for (unsigned k = 1; k <= 4; k++)
            if (bt_in_shard(path, k, 4)) {
                hits++;
                counts[k - 1]++;
            }
        assert_int_equal(hits, 1); /* every page in exactly one shard */
        assert_true(bt_in_shard(path, 1, 1));
    }
    for (unsigned k = 0; k < 4; k++)
        assert_in_range(counts[k], 60, 140); /* and the shards roughly even */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_rfc822),
        cmocka_unit_test(test_manifest_lines),
        cmocka_unit_test(test_shards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
