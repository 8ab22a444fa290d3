/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pronunciation lexicons: loader (file and memory), whole words, case, phonemes,
 * broken lines, the per-user file, names.tsv, and the normalize options that
 * come with them (URLs, emoji, the intro's full stop). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "normalize/normalize.h"

static crier_lang *en;

static int
load_en(void **state)
{
    (void)state;
    return crier_lang_load(NULL, "en", &en) == CRIER_OK ? 0 : -1;
}

static int
free_en(void **state)
{
    (void)state;
    crier_lang_free(en);
    return 0;
}

static crier_lexicon *
lex_of(const char *tsv)
{
    crier_lexicon *lex = NULL;
    assert_int_equal(crier_lexicon_new(&lex), CRIER_OK);
    assert_int_equal(crier_lexicon_load_bytes(lex, tsv, strlen(tsv)), CRIER_OK);
    return lex;
}

/* The spoken form of s with opts and lex; static until the next call. */
static const char *
say_with(const crier_normalize_opts *opts, const crier_lexicon *lex, const char *s)
{
    static crier_buf out;
    crier_buf_free(&out);
    crier_buf_init(&out, CRIER_BUF_DEFAULT_MAX);
    assert_int_equal(crier_normalize_text_opts(en, opts, lex, s, strlen(s), &out), CRIER_OK);
    return crier_buf_str(&out);
}

static void
whole_words_only(void **state)
{
    (void)state;
    crier_lexicon *lex = lex_of("Gaza\tGahza\nKatz\tKahts\n");
    assert_string_equal(say_with(NULL, lex, "Gaza and Gazan, Katz."), "Gahza and Gazan, Kahts.");
    assert_string_equal(say_with(NULL, lex, "Katzenjammer"), "Katzenjammer");
    /* the possessive finds the word; text keeps the "'s" */
    assert_string_equal(say_with(NULL, lex, "Gaza's"), "Gahza's");
    crier_lexicon_free(lex);
}

static void
case_column(void **state)
{
    (void)state;
    crier_lexicon *lex = lex_of("US\tUnited States\tcase\nnato\tNato\tnocase\n");
    assert_string_equal(say_with(NULL, lex, "the US told us"), "the United States told us");
    assert_string_equal(say_with(NULL, lex, "NATO"), "Nato");
    assert_string_equal(say_with(NULL, lex, "Nato"), "Nato");
    crier_lexicon_free(lex);
}

static void
phonemes_and_possessive(void **state)
{
    (void)state;
    crier_lexicon *lex = lex_of("Khamenei\t[[hA:m@n'eI]]\n");
    assert_string_equal(say_with(NULL, lex, "Khamenei said"), "[[hA:m@n'eI]] said");
    /* the possessive's z goes inside the brackets: "]]'s" would be read "ess" */
    assert_string_equal(say_with(NULL, lex, "Khamenei’s aide"), "[[hA:m@n'eIz]] aide");
    assert_string_equal(say_with(NULL, lex, "Khamenei's aide"), "[[hA:m@n'eIz]] aide");
    /* page text never writes phonemes */
    assert_string_equal(say_with(NULL, lex, "a [[x]] b"), "a [x] b");
    crier_lexicon_free(lex);
}

static void
broken_lines_are_counted(void **state)
{
    (void)state;
    static const char tsv[] = "# comment\n"
                              "\n"
                              "good\tfine\n"
                              "no tab here\n"
                              "\tempty word\n"
                              "empty say\t\n"
                              "two words\tx\n"
                              "flag\tx\tsometimes\n"
                              "stray\tsay [[x]] here\n"
                              "ctl\tx\x01y\n"
                              "bad\t\xff\xfe\n"
                              "crlf\tok\r\n";
    crier_lexicon *lex = lex_of(tsv);
    assert_int_equal(crier_lexicon_size(lex), 2);
    assert_int_equal(crier_lexicon_skipped_lines(lex), 8);
    assert_string_equal(say_with(NULL, lex, "good crlf"), "fine ok");
    crier_lexicon_free(lex);
    assert_int_equal(crier_lexicon_skipped_lines(NULL), 0);
    crier_lexicon_free(NULL);
}

static void
last_loaded_wins(void **state)
{
    (void)state;
    crier_lexicon *lex = lex_of("Zamir\tone\n");
    assert_int_equal(crier_lexicon_load_bytes(lex, "zamir\ttwo\n", 10), CRIER_OK);
    assert_string_equal(say_with(NULL, lex, "Zamir"), "two");
    crier_lexicon_free(lex);
    /* the user's entry wins over the pack's names.tsv */
    lex = lex_of("Netanyahu\tNeh-tahn-yahoo\n");
    assert_string_equal(say_with(NULL, lex, "Netanyahu"), "Neh-tahn-yahoo");
    crier_lexicon_free(lex);
}

static void
pack_names(void **state)
{
    (void)state;
    const crier_lexicon *names = crier_lang_names(en);
    assert_non_null(names);
    assert_true(crier_lexicon_size(names) > 10);
    assert_int_equal(crier_lexicon_skipped_lines(names), 0);
    /* names apply only when a lexicon is asked for: the plain text is measured */
    assert_string_equal(say_with(NULL, NULL, "Khamenei"), "Khamenei");
    assert_string_equal(say_with(NULL, names, "Khamenei"), "[[hA:m@n'eI]]");
    /* "Xi" the leader, not the Roman numeral; only with this case */
    assert_string_equal(say_with(NULL, names, "Xi Jinping"), "[[S'i:]] Jinping");
}

static void
file_and_user_path(void **state)
{
    (void)state;
    char dir[] = "/tmp/crier-lexicon-XXXXXX";
    char path[256];
    crier_buf p;
    crier_lexicon *lex = NULL;

    assert_non_null(mkdtemp(dir));
    setenv("XDG_CONFIG_HOME", dir, 1);
    crier_buf_init(&p, 4096);
    assert_int_equal(crier_lexicon_user_path(&p), CRIER_OK);
    snprintf(path, sizeof path, "%s/crier/lexicon.tsv", dir);
    assert_string_equal(crier_buf_str(&p), path);

    /* no file: a script without it; then the file is read by crier_normalize */
    crier_block blocks[] = {{CRIER_BLOCK_PARAGRAPH, 0, "Mr. Zamir spoke.", 0}};
    crier_article art = {.blocks = blocks, .n_blocks = 1};
    crier_script *s = NULL;
    assert_int_equal(crier_normalize(en, &art, NULL, &s), CRIER_OK);
    assert_string_equal(s->blocks[0].sentences[0].spoken, "Mister [[zA:m'i@3]] spoke.");
    crier_script_free(s);
    snprintf(path, sizeof path, "%s/crier", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/crier/lexicon.tsv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("Zamir\tZah-meer\nbroken\n", f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(crier_normalize(en, &art, NULL, &s), CRIER_OK);
    assert_string_equal(s->blocks[0].sentences[0].spoken, "Mister Zah-meer spoke.");
    crier_script_free(s);
    /* user_lexicon off, pronounce off */
    crier_normalize_opts o = crier_normalize_opts_default();
    o.user_lexicon = false;
    assert_int_equal(crier_normalize(en, &art, &o, &s), CRIER_OK);
    assert_string_equal(s->blocks[0].sentences[0].spoken, "Mister [[zA:m'i@3]] spoke.");
    crier_script_free(s);
    o.pronounce = false;
    assert_int_equal(crier_normalize(en, &art, &o, &s), CRIER_OK);
    assert_string_equal(s->blocks[0].sentences[0].spoken, "Mister Zamir spoke.");
    crier_script_free(s);
    /* an explicit lexicon that is missing fails the call */
    o = crier_normalize_opts_default();
    o.lexicon = "/nonexistent/lexicon.tsv";
    assert_int_equal(crier_normalize(en, &art, &o, &s), CRIER_E_NOENT);

    assert_int_equal(crier_lexicon_new(&lex), CRIER_OK);
    assert_int_equal(crier_lexicon_load_file(lex, path), CRIER_OK);
    assert_int_equal(crier_lexicon_size(lex), 1);
    assert_int_equal(crier_lexicon_skipped_lines(lex), 1);
    assert_int_equal(crier_lexicon_load_file(lex, dir), CRIER_E_ISDIR);
    crier_lexicon_free(lex);

    unlink(path);
    /* a per-user "file" that cannot be read (a folder) is left out */
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(crier_normalize(en, &art, NULL, &s), CRIER_OK);
    assert_string_equal(s->blocks[0].sentences[0].spoken, "Mister [[zA:m'i@3]] spoke.");
    crier_script_free(s);
    rmdir(path);
    snprintf(path, sizeof path, "%s/crier", dir);
    rmdir(path);
    rmdir(dir);
    /* a relative XDG_CONFIG_HOME is ignored (XDG spec): HOME is used */
    setenv("XDG_CONFIG_HOME", "relative", 1);
    setenv("HOME", "/home/someone", 1);
    crier_buf_clear(&p);
    assert_int_equal(crier_lexicon_user_path(&p), CRIER_OK);
    assert_string_equal(crier_buf_str(&p), "/home/someone/.config/crier/lexicon.tsv");
    crier_buf_free(&p);
}

static void
url_and_emoji_options(void **state)
{
    (void)state;
    crier_normalize_opts o = crier_normalize_opts_default();
    const char *url = "Read https://www.example.com/news/2026/story?id=5 now.";
    assert_string_equal(say_with(&o, NULL, url), "Read example dot com now.");
    o.urls = CRIER_URLS_SKIP;
    assert_string_equal(say_with(&o, NULL, url), "Read now.");
    assert_string_equal(say_with(&o, NULL, "Write to desk@example.org."), "Write to.");
    o.urls = CRIER_URLS_FULL;
    assert_string_equal(say_with(&o, NULL, "see https://a.com"),
                        "see H T T P S colon slash slash a dot com");
    o = crier_normalize_opts_default();
    assert_string_equal(say_with(&o, NULL, "great 👍 news"), "great news");
    o.emoji = CRIER_EMOJI_NAME;
    assert_string_equal(say_with(&o, NULL, "great 👍 news ❤️"),
                        "great thumbs up news red heart");
    assert_string_equal(say_with(&o, NULL, "wow🔥🔥"), "wow fire fire");
}

static void
scripts_never_pass_page_phonemes(void **state)
{
    (void)state;
    crier_block blocks[] = {{CRIER_BLOCK_PARAGRAPH, 0, "A page says [[h@l'oU]] here.", 0}};
    crier_article art = {.blocks = blocks, .n_blocks = 1};
    crier_normalize_opts o = crier_normalize_opts_default();
    crier_script *s = NULL;
    for (int pronounce = 0; pronounce < 2; pronounce++) {
        o.pronounce = pronounce;
        assert_int_equal(crier_normalize(en, &art, &o, &s), CRIER_OK);
        assert_string_equal(s->blocks[0].sentences[0].spoken, "A page says [h@l'oU] here.");
        crier_script_free(s);
    }
}

static void
title_ends_before_byline(void **state)
{
    (void)state;
    crier_article art = {.title = "'Hopefully we’ll make a deal': talks go on this week",
                         .byline = "All Israel News Staff"};
    crier_script *s = NULL;
    assert_int_equal(crier_normalize(en, &art, NULL, &s), CRIER_OK);
    assert_string_equal(s->blocks[0].sentences[0].spoken,
                        "'Hopefully we’ll make a deal': talks go on this week.");
    assert_string_equal(s->blocks[0].sentences[1].spoken, "By All Israel News Staff.");
    crier_script_free(s);
    /* a title with its own mark keeps it; one without a byline is left alone */
    art.title = "Will Iran talk?";
    assert_int_equal(crier_normalize(en, &art, NULL, &s), CRIER_OK);
    assert_string_equal(s->blocks[0].sentences[0].spoken, "Will Iran talk?");
    crier_script_free(s);
    art.title = "Talks “go on”";
    assert_int_equal(crier_normalize(en, &art, NULL, &s), CRIER_OK);
    assert_string_equal(s->blocks[0].sentences[0].spoken, "Talks “go on”.");
    crier_script_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_words_only),
        cmocka_unit_test(case_column),
        cmocka_unit_test(phonemes_and_possessive),
        cmocka_unit_test(broken_lines_are_counted),
        cmocka_unit_test(last_loaded_wins),
        cmocka_unit_test(pack_names),
        cmocka_unit_test(url_and_emoji_options),
        cmocka_unit_test(title_ends_before_byline),
        cmocka_unit_test(scripts_never_pass_page_phonemes),
        cmocka_unit_test(file_and_user_path),
    };
    return cmocka_run_group_tests(tests, load_en, free_en);
}
