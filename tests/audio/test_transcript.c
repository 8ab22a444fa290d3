/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/audio.h"

#define RATE 22050

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static size_t
entries(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."));
    closedir(d);
    return n;
}

static void
vtt_cues(void **state)
{
    (void)state;
    char dir[] = "/tmp/crier-vtt-XXXXXX";
    char path[64];
    crier_vtt *v = NULL;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.vtt", dir);
    assert_int_equal(crier_vtt_open(path, RATE, &v), CRIER_OK);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(crier_vtt_add(v, 0, RATE * 2 + RATE / 2, "Storm hits the coast."), CRIER_OK);
    assert_int_equal(crier_vtt_add(v, RATE * 3, RATE * 3, "  "), CRIER_OK); /* skipped */
    assert_int_equal(crier_vtt_add(v, (size_t)RATE * 3723 + 11, (size_t)RATE * 3725,
                                   "Tom & Jerry <b>said</b>\n--> \"hi\""),
                     CRIER_OK);
    assert_int_equal(crier_vtt_add(v, RATE, RATE * 2, "backwards"), CRIER_E_ARG);
    assert_int_equal(crier_vtt_finish(v), CRIER_OK);
    crier_vtt_free(v);
    assert_string_equal(slurp(path), "WEBVTT\n"
                                     "\n1\n00:00:00.000 --> 00:00:02.500\nStorm hits the coast.\n"
                                     "\n2\n01:02:03.000 --> 01:02:05.000\n"
                                     "Tom &amp; Jerry &lt;b&gt;said&lt;/b&gt; --&gt; \"hi\"\n");
    assert_int_equal(entries(dir), 1);
    unlink(path);
    rmdir(dir);
}

static void
chapters_json(void **state)
{
    (void)state;
    char dir[] = "/tmp/crier-ch-XXXXXX";
    char path[64];
    crier_chapters *c = NULL;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/c.json", dir);
    assert_int_equal(crier_chapters_open(path, RATE, &c), CRIER_OK);
    assert_int_equal(crier_chapters_add(c, 0, "Rain in \"Spain\""), CRIER_OK);
    assert_int_equal(crier_chapters_add(c, RATE * 61 + RATE / 4, "Später"), CRIER_OK);
    assert_int_equal(crier_chapters_add(c, RATE, "back"), CRIER_E_ARG);
    assert_int_equal(crier_chapters_finish(c), CRIER_OK);
    crier_chapters_free(c);
    assert_string_equal(slurp(path),
                        "{\"version\": \"1.2.0\", \"chapters\": [\n"
                        "  {\"startTime\": 0.000, \"title\": \"Rain in \\\"Spain\\\"\"},\n"
                        "  {\"startTime\": 61.250, \"title\": \"Später\"}\n"
                        "]}\n");
    unlink(path);

    /* No chapters is still valid JSON; free without finish leaves nothing. */
    assert_int_equal(crier_chapters_open(path, RATE, &c), CRIER_OK);
    assert_int_equal(crier_chapters_finish(c), CRIER_OK);
    crier_chapters_free(c);
    assert_string_equal(slurp(path), "{\"version\": \"1.2.0\", \"chapters\": [\n]}\n");
    unlink(path);
    assert_int_equal(crier_chapters_open(path, RATE, &c), CRIER_OK);
    assert_int_equal(crier_chapters_add(c, 0, "x"), CRIER_OK);
    crier_chapters_free(c);
    assert_int_equal(entries(dir), 0);
    rmdir(dir);
}

static void
writers_missing_folder(void **state)
{
    (void)state;
    crier_vtt *v = NULL;
    crier_chapters *c = NULL;
    assert_int_equal(crier_vtt_open("/nonexistent/crier/t.vtt", RATE, &v), CRIER_E_OUTDIR);
    assert_int_equal(crier_chapters_open("/nonexistent/crier/c.json", RATE, &c), CRIER_E_OUTDIR);
    assert_null(v);
    assert_null(c);
    crier_vtt_free(NULL);
    crier_chapters_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vtt_cues),
        cmocka_unit_test(chapters_json),
        cmocka_unit_test(writers_missing_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
