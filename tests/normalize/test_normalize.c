/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "core/limits.h"
#include "core/utf8.h"
#include "normalize/norm_internal.h"
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

/* The spoken form of s; owned by a static buffer until the next call. */
static const char *
say(const char *s)
{
    static crier_buf out;
    crier_buf_free(&out);
    crier_buf_init(&out, CRIER_BUF_DEFAULT_MAX);
    assert_int_equal(crier_normalize_text(en, s, strlen(s), &out), CRIER_OK);
    return crier_buf_str(&out);
}

static void
tokenizer_keeps_spans(void **state)
{
    (void)state;
    const char *t = "  “Hopefully, (U.S.) '90s";
    norm_tok toks[8];
    size_t next;
    size_t n = norm_tokenize(t, strlen(t), 0, toks, 8, &next);
    assert_int_equal(n, 3);
    assert_int_equal(next, strlen(t));
    /* “Hopefully, : lead “ (3 bytes), body Hopefully, trail , */
    assert_int_equal(toks[0].off, 2);
    assert_int_equal(toks[0].body, 5);
    assert_int_equal(toks[0].trail - toks[0].body, strlen("Hopefully"));
    assert_int_equal(toks[0].end - toks[0].trail, 1);
    /* (U.S.) : body "U.S", trail ".)" */
    assert_memory_equal(t + toks[1].body, "U.S", 3);
    assert_int_equal(toks[1].end - toks[1].trail, 2);
    /* '90s keeps its apostrophe in the body */
    assert_int_equal(toks[2].body, toks[2].off);
}

static void
tokenizer_splits_on_controls_and_bad_bytes(void **state)
{
    (void)state;
    const char t[] = "a\x01"
                     "b\xff"
                     "c";
    norm_tok toks[8];
    size_t next;
    assert_int_equal(norm_tokenize(t, sizeof t - 1, 0, toks, 8, &next), 3);
}

static void
numbers(void **state)
{
    (void)state;
    assert_string_equal(say("1,500"), "one thousand five hundred");
    assert_string_equal(say("47th"), "forty seventh");
    assert_string_equal(say("1st 2nd 3rd 12th 100th"), "first second third twelfth one hundredth");
    assert_string_equal(say("3.14"), "three point one four");
    assert_string_equal(say("-3"), "minus three");
    assert_string_equal(say("Channel 12"), "Channel twelve");
    assert_string_equal(say("1,000,000"), "one million");
    assert_string_equal(say("1,5000"), "one, five thousand"); /* not a grouped number: read, not left to the voice */
    /* digits inside a word of a script the voice cannot read: the digits alone */
    assert_string_equal(say("\xe4\xbe\xa1\xe6\xa0\xbc" "2900\xe5\x86\x86"), "two thousand nine hundred");
    assert_string_equal(say("v2.14.6"), "v two point fourteen point six");
}

static void
years(void **state)
{
    (void)state;
    assert_string_equal(say("in 1998"), "in nineteen ninety eight");
    assert_string_equal(say("in 1905"), "in nineteen oh five");
    assert_string_equal(say("in 2005"), "in two thousand five");
    assert_string_equal(say("in 2010"), "in twenty ten");
    assert_string_equal(say("in 2026"), "in twenty twenty six");
    assert_string_equal(say("1900"), "nineteen hundred");
    assert_string_equal(say("2000"), "two thousand");
    assert_string_equal(say("1500 people"), "one thousand five hundred people");
}

static void
dates(void **state)
{
    (void)state;
    assert_string_equal(say("on Feb. 1, 2026 Photo"), "on February first, twenty twenty six Photo");
    assert_string_equal(say("1 February 2026"), "the first of February twenty twenty six");
    assert_string_equal(say("2026-02-01"), "February first, twenty twenty six");
    assert_string_equal(say("Sept. 30"), "September thirtieth");
    assert_string_equal(say("in May 2026"), "in May twenty twenty six");
    assert_string_equal(say("you may 5"), "you may five");
}

static void
money(void **state)
{
    (void)state;
    assert_string_equal(say("$1.5 billion"), "one point five billion dollars");
    assert_string_equal(say("$45.10"), "forty five dollars ten cents");
    assert_string_equal(say("$1"), "one dollar");
    assert_string_equal(say("$0.50"), "fifty cents");
    assert_string_equal(say("€20"), "twenty euros");
    assert_string_equal(say("£3m"), "three million pounds");
    assert_string_equal(say("$4.5bn."), "four point five billion dollars.");
    assert_string_equal(say("₪5 billion"), "five billion shekels");
    assert_string_equal(say("NIS 5 billion"), "five billion shekels");
}

static void
times_and_percent(void **state)
{
    (void)state;
    assert_string_equal(say("3:30 p.m."), "three thirty p.m.");
    assert_string_equal(say("at 9 a.m. today"), "at nine a.m. today");
    assert_string_equal(say("3:05pm"), "three oh five p.m.");
    assert_string_equal(say("5%"), "five percent");
    assert_string_equal(say("2.5 %"), "two point five percent");
}

static void
titles_acronyms_symbols(void **state)
{
    (void)state;
    assert_string_equal(say("Lt.-Gen. Eyal Zamir"), "Lieutenant General Eyal Zamir");
    assert_string_equal(say("Dr. Smith"), "Doctor Smith");
    assert_string_equal(say("US & Iran"), "U S and Iran");
    assert_string_equal(say("IDF"), "I D F");
    assert_string_equal(say("the U.S. said"), "the U S said");
    assert_string_equal(say("in the U.S."), "in the U S.");
    assert_string_equal(say("NATO"), "NATO");
    assert_string_equal(say("anti-U.S. slogans"), "anti U S slogans");
    assert_string_equal(say("Mar-a-Lago"), "Mar-a-Lago");
    assert_string_equal(say("IBM's"), "I B M's"); /* spelled: no English word */
    assert_string_equal(say("IDF's"), "I D F's");
    /* capitals no table knows: spelled when no English syllable holds their letters */
    assert_string_equal(say("HDRO"), "H D R O");
    assert_string_equal(say("FEMA's plan"), "Fema's plan"); /* the voice keeps the 's */
    assert_string_equal(say("FEMA"), "FEMA");
    assert_string_equal(say("THE GIRL WHO LEAPT"), "THE GIRL who LEAPT");
}

static void
issue4_rules(void **state)
{
    (void)state;
    assert_string_equal(say("World War II"), "World War two");
    assert_string_equal(say("Charles III"), "Charles the third");
    assert_string_equal(say("Sam I and I went"), "Sam I and I went"); /* never the pronoun */
    assert_string_equal(say("Washington DC"), "Washington D C");      /* an acronym, not 600 */
    assert_string_equal(say("the 1970s and '90s"), "the nineteen seventies and nineties");
    assert_string_equal(say("1 km and 5 km"), "one kilometer and five kilometers");
    assert_string_equal(say("10 in the room"), "ten in the room");
    assert_string_equal(say("2 1/2"), "two and a half");
    assert_string_equal(say("2019-2023"), "twenty nineteen to twenty twenty three");
    assert_string_equal(say("F-35"), "F thirty five");
    assert_string_equal(say("(555) 555-5555"),
                        "(five five five, five five five, five five five five");
    assert_string_equal(say("mail a@b.com"), "mail a at b dot com");
    assert_string_equal(say("great 😀 news"), "great news");
    assert_string_equal(say("as reported.[1] Next"), "as reported. Next");
    assert_string_equal(say("No. 5 and no way"), "number five and no way");
    assert_string_equal(say("Elm St. and St. Louis"), "Elm Street and Saint Louis");
    assert_string_equal(say("you may 5"), "you may five");
    /* a wrong suffix is a slip of the writer's: the ordinal meant */
    assert_string_equal(say("21th"), "twenty first");
    assert_string_equal(say("111st"), "one hundred eleventh");
}

static void
tables_hash_and_filter(void **state)
{
    (void)state;
    assert_non_null(norm_lookup(en, NT_ACRONYMS, "IDF", 3));
    assert_null(norm_lookup(en, NT_ACRONYMS, "IDG", 3));
    assert_null(norm_lookup(en, NT_ACRONYMS, "", 0));
    assert_null(norm_lookup(en, NT_ACRONYMS, "zzz", 3)); /* no key starts with z */
    const norm_entry *e = norm_lookup(en, NT_MONTHS, "Sept.", 5);
    assert_non_null(e);
    assert_string_equal(en->month_name[9], "September");
}

static void
tokenizer_possessive_and_glued_punctuation(void **state)
{
    (void)state;
    const char *t = "IDF's Hi,no,34! http://a.b/?x=1,y";
    norm_tok toks[8];
    size_t next;
    size_t n = norm_tokenize(t, strlen(t), 0, toks, 8, &next);
    assert_int_equal(n, 5);
    assert_int_equal(toks[0].trail - toks[0].body, 3); /* "IDF", trail "'s" */
    assert_int_equal(toks[1].end - toks[1].off, 3);    /* "Hi," */
    assert_int_equal(toks[4].end - toks[4].off, strlen("http://a.b/?x=1,y")); /* URLs stay whole */
}

/* Text is tokenized in windows of NORM_MAX_TOKENS; a date across a window edge
 * still reads as one. */
static void
rules_see_across_token_windows(void **state)
{
    (void)state;
    crier_buf in;
    crier_buf_init(&in, 1 << 16);
    for (size_t n = NORM_MAX_TOKENS - 12; n < NORM_MAX_TOKENS + 4; n++) {
        crier_buf_clear(&in);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(crier_buf_puts(&in, "w "), CRIER_OK);
        assert_int_equal(crier_buf_puts(&in, "on Feb. 1, 2026 at 3:30 p.m. today"), CRIER_OK);
        assert_non_null(strstr(say(crier_buf_str(&in)),
                               "on February first, twenty twenty six at three thirty p.m. today"));
    }
    crier_buf_free(&in);
}

static void
lines_stay_lines(void **state)
{
    (void)state;
    assert_string_equal(say(""), "");
    assert_string_equal(say("   "), "");
    assert_string_equal(say("a\nb\r\nc"), "a b c");
    assert_string_equal(say("“Hopefully, we’ll make a deal.”"), "“Hopefully, we’ll make a deal.”");
}

/* Hostile input: no crash, valid UTF-8 out, caps give a status. */
static void
hostile_input(void **state)
{
    (void)state;
    size_t big = (size_t)1 << 20;
    char *s = malloc(big + 1);
    crier_buf out;
    assert_non_null(s);
    crier_buf_init(&out, CRIER_BUF_DEFAULT_MAX);

    memset(s, 'x', big); /* a 1 MiB token is left out */
    assert_int_equal(crier_normalize_text(en, s, big, &out), CRIER_OK);
    assert_int_equal(out.len, 0);

    memset(s, '7', 10000); /* a 10,000-digit number: too long to read, left out */
    crier_buf_clear(&out);
    assert_int_equal(crier_normalize_text(en, s, 10000, &out), CRIER_OK);
    memset(s, '7', 40); /* 40 digits: read digit by digit */
    crier_buf_clear(&out);
    assert_int_equal(crier_normalize_text(en, s, 40, &out), CRIER_OK);
    assert_non_null(strstr(crier_buf_str(&out), "seven seven"));

    const char bad[] = "\xff\xfe 12 \x01\x02 $\xc3 \xe2\x82 1,5";
    crier_buf_clear(&out);
    assert_int_equal(crier_normalize_text(en, bad, sizeof bad - 1, &out), CRIER_OK);
    assert_true(crier_utf8_valid(out.data ? out.data : "", out.len));
    assert_null(memchr(crier_buf_str(&out), '\x01', out.len));

    crier_buf small;
    crier_buf_init(&small, 8); /* the caller's cap: a status, and nothing half-written */
    assert_int_equal(crier_normalize_text(en, "1,234,567", 9, &small), CRIER_E_LIMIT);
    assert_int_equal(small.len, 0);
    crier_buf_free(&small);
    crier_buf_free(&out);
    free(s);
}

typedef struct collected {
    char sentences[16][128];
    size_t n;
} collected;

static const char *split_text;

static crier_status
collect_text(void *data, size_t off, size_t len)
{
    collected *c = data;
    if (c->n < 16 && len < 128) {
        memcpy(c->sentences[c->n], split_text + off, len);
        c->sentences[c->n][len] = '\0';
        c->n++;
    }
    return CRIER_OK;
}

static collected
split(const char *t)
{
    collected c = {.n = 0};
    split_text = t;
    assert_int_equal(norm_split_sentences(en, t, strlen(t), collect_text, &c), CRIER_OK);
    return c;
}

static void
sentence_splitter(void **state)
{
    (void)state;
    collected c = split("The chief, Lt.-Gen. Eyal Zamir, spoke. U.S. President Donald Trump "
                        "said on Feb. 1 that Dr. J. Smith paid $1.5 billion. “Why?” he asked.");
    assert_int_equal(c.n, 3);
    assert_string_equal(c.sentences[0], "The chief, Lt.-Gen. Eyal Zamir, spoke.");
    assert_string_equal(c.sentences[2], "“Why?” he asked.");
    c = split("He said “this is over.” Then he left… Now what?");
    assert_int_equal(c.n, 3);
    assert_string_equal(c.sentences[0], "He said “this is over.”");
    c = split("They flew to the U.S. The talks began.");
    assert_int_equal(c.n, 2);
    c = split("He lives at 12 Elm St. The house is old. He visited St. Louis. He came at 9 a.m. "
              "Then he left.");
    assert_int_equal(c.n, 5);
    assert_string_equal(c.sentences[0], "He lives at 12 Elm St.");
    assert_string_equal(c.sentences[2], "He visited St. Louis.");
    assert_string_equal(c.sentences[3], "He came at 9 a.m.");
    c = split("  no stop at the end  ");
    assert_int_equal(c.n, 1);
    assert_string_equal(c.sentences[0], "no stop at the end");
}

static void
write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void
remove_pack(const char *root, const char *dir)
{
    char path[700];
    const char *names[] = {"numbers.tsv", "symbols.tsv"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    assert_int_equal(rmdir(dir), 0);
    assert_int_equal(rmdir(root), 0);
}

static void
loader_skips_broken_lines(void **state)
{
    (void)state;
    char root[] = "/tmp/crier-norm-XXXXXX";
    char dir[600];
    crier_lang *l = NULL;
    crier_buf out;

    assert_non_null(mkdtemp(root));
    snprintf(dir, sizeof dir, "%s/xx", root);
    assert_int_equal(mkdir(dir, 0700), 0);
    /* numbers the loader needs, with broken lines among them */
    const char *nums = "# comment\n0\tzero\n1\tone\n2\ttwo\n3\tthree\n4\tfour\n5\tfive\n6\tsix\n"
                       "7\tseven\n8\teight\n9\tnine\n10\tten\n11\televen\n12\ttwelve\n"
                       "13\tthirteen\n14\tfourteen\n15\tfifteen\n16\tsixteen\n17\tseventeen\n"
                       "18\teighteen\n19\tnineteen\n20\ttwenty\n30\tthirty\n40\tforty\n50\tfifty\n"
                       "60\tsixty\n70\tseventy\n80\teighty\n90\tninety\n100\thundred\n"
                       "1000\tthousand\r\nno tab here\n\tno key\nkey only\t\nbad\xff\tutf8\n"
                       "ctl\x01\tx\n";
    write_file(dir, "numbers.tsv", nums);
    write_file(dir, "symbols.tsv",
               "&\tand\n&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&"
               "\ttoo long\n");
    assert_int_equal(crier_lang_load(root, "xx-YY", &l), CRIER_OK);
    assert_int_equal(crier_lang_skipped_lines(l), 6);
    crier_buf_init(&out, 1024);
    assert_int_equal(crier_normalize_text(l, "1,234 & 5", 9, &out), CRIER_OK);
    assert_string_equal(crier_buf_str(&out), "one thousand two hundred thirty four and five");
    /* no words.tsv syllable lists: capitals with a vowel are left to the voice */
    crier_buf_clear(&out);
    assert_int_equal(crier_normalize_text(l, "HDRO NKVD", 9, &out), CRIER_OK);
    assert_string_equal(crier_buf_str(&out), "HDRO N K V D");
    crier_buf_clear(&out);
    assert_int_equal(crier_normalize_text(l, "1,234 & 5", 9, &out), CRIER_OK);
    /* no words.tsv: no "point", and C has no English fallback */
    assert_int_equal(crier_normalize_text(l, " 3.5", 4, &out), CRIER_E_LANG);
    assert_string_equal(crier_buf_str(&out), "one thousand two hundred thirty four and five");
    crier_buf_free(&out);
    crier_lang_free(l);

    /* a pack without the number words is not usable */
    write_file(dir, "numbers.tsv", "0\tzero\n");
    assert_int_equal(crier_lang_load(root, "xx", &l), CRIER_E_LANG);
    assert_int_equal(crier_lang_load(root, "zz", &l), CRIER_E_LANG);
    assert_int_equal(crier_lang_load(root, "../xx", &l), CRIER_E_LANG);
    remove_pack(root, dir);
}

static void
article_to_script(void **state)
{
    (void)state;
    crier_block blocks[] = {
        {CRIER_BLOCK_PARAGRAPH, 0, "The IDF said so. It cost $5.", 0},
        {CRIER_BLOCK_CAPTION, 0, "A photo on Feb. 1, 2026.", 0},
        {CRIER_BLOCK_HEADING, 2, "What's next", 0},
        {CRIER_BLOCK_PARAGRAPH, 0, "Talks begin.", 0},
    };
    crier_article art = {.title = "US & Iran talk",
                         .byline = "Jane Doe",
                         .date = "2026-02-01T10:00:00Z",
                         .blocks = blocks,
                         .n_blocks = 4};
    crier_script *s = NULL;

    assert_int_equal(crier_normalize(en, &art, NULL, &s), CRIER_OK);
    assert_int_equal(s->n_blocks, 4);
    crier_script_block *intro = &s->blocks[0];
    assert_int_equal(intro->kind, CRIER_SCRIPT_INTRO);
    assert_int_equal(intro->n_sentences, 3);
    assert_string_equal(intro->sentences[0].spoken, "U S and Iran talk."); /* ends before "By" */
    assert_int_equal(intro->sentences[0].pause, CRIER_PAUSE_HEADING);
    assert_string_equal(intro->sentences[1].spoken, "By Jane Doe.");
    assert_int_equal(intro->sentences[1].pause, CRIER_PAUSE_SENTENCE);
    assert_string_equal(intro->sentences[2].spoken, "February first, twenty twenty six.");
    assert_int_equal(intro->sentences[2].pause, CRIER_PAUSE_BLOCK);
    crier_script_block *p = &s->blocks[1];
    assert_int_equal(p->article_block, 0);
    assert_int_equal(p->n_sentences, 2);
    assert_string_equal(p->sentences[0].written, "The IDF said so.");
    assert_string_equal(p->sentences[0].spoken, "The I D F said so.");
    assert_int_equal(p->sentences[0].pause, CRIER_PAUSE_SENTENCE);
    assert_string_equal(p->sentences[1].spoken, "It cost five dollars.");
    assert_int_equal(p->sentences[1].pause, CRIER_PAUSE_BLOCK);
    assert_int_equal(s->blocks[2].article_block, 2); /* the caption is skipped */
    assert_int_equal(s->blocks[2].sentences[0].pause, CRIER_PAUSE_HEADING);
    crier_script_free(s);

    crier_normalize_opts o = {.intro = false, .captions = true};
    art.date = "last week"; /* unknown: no date sentence */
    assert_int_equal(crier_normalize(en, &art, &o, &s), CRIER_OK);
    assert_int_equal(s->n_blocks, 4);
    assert_int_equal(s->blocks[1].type, CRIER_BLOCK_CAPTION);
    crier_script_free(s);
    o.intro = true;
    assert_int_equal(crier_normalize(en, &art, &o, &s), CRIER_OK);
    assert_int_equal(s->blocks[0].n_sentences, 2);
    crier_script_free(s);
    crier_script_free(NULL);
}

/* A page in a language with no pack: passed on as written for that language's
 * voice, with no English words added. */
static void
plain_article_for_another_language(void **state)
{
    (void)state;
    crier_block blocks[] = {
        {CRIER_BLOCK_PARAGRAPH, 0, "Am 1. Februar 2026 kostete es 5 € [[x]]. Dr. Weber sagte das.", 0},
    };
    crier_article art = {.title = "Gespräche in Ankara",
                         .byline = "Anna Schmidt",
                         .date = "2026-02-01",
                         .lang = "de",
                         .blocks = blocks,
                         .n_blocks = 1};
    crier_normalize_opts o = crier_normalize_opts_default();
    crier_script *s = NULL;

    o.plain = true;
    assert_int_equal(crier_normalize(en, &art, &o, &s), CRIER_OK);
    assert_int_equal(s->n_blocks, 2);
    crier_script_block *intro = &s->blocks[0];
    assert_int_equal(intro->n_sentences, 2); /* title, byline; no English date */
    assert_string_equal(intro->sentences[0].spoken, "Gespräche in Ankara.");
    assert_string_equal(intro->sentences[1].spoken, "Anna Schmidt.");
    crier_buf all;
    crier_buf_init(&all, 4096);
    for (size_t i = 0; i < s->blocks[1].n_sentences; i++)
        assert_int_equal(crier_buf_puts(&all, s->blocks[1].sentences[i].spoken), CRIER_OK);
    assert_non_null(strstr(crier_buf_str(&all), "2026 kostete es 5 €"));
    assert_null(strstr(crier_buf_str(&all), "[[")); /* a page never writes phonemes */
    assert_null(strstr(crier_buf_str(&all), "Doctor"));
    crier_buf_free(&all);
    crier_script_free(s);
}

static void
article_over_cap(void **state)
{
    (void)state;
    size_t big = CRIER_DEFAULT_MAX_ARTICLE_BYTES + 1;
    char *text = malloc(big + 1);
    assert_non_null(text);
    memset(text, 'a', big);
    text[big] = '\0';
    crier_block b = {CRIER_BLOCK_PARAGRAPH, 0, text, 0};
    crier_article art = {.title = "t", .blocks = &b, .n_blocks = 1};
    crier_script *s = NULL;
    assert_int_equal(crier_normalize(en, &art, NULL, &s), CRIER_E_LIMIT);
    assert_null(s);
    free(text);
}

/* The seed article: every number, date, title and acronym comes out spoken. */
static void
seed_article(void **state)
{
    (void)state;
    const char *shared = getenv("CRIER_SHARED_DIR");
    char path[1024];
    crier_buf text, all;
    crier_block blocks[64];
    size_t n_blocks = 0;
    crier_script *s = NULL;

    if (shared == NULL)
        skip();
    snprintf(path, sizeof path, "%s/seed/000_90973953df2b6e18.txt", shared);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        skip();
    crier_buf_init(&text, 1 << 20);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(crier_buf_append(&text, chunk, n), CRIER_OK);
    fclose(f);
    /* paragraphs are separated by blank lines */
    for (char *p = text.data, *e; p != NULL && *p != '\0' && n_blocks < 64; p = e) {
        e = strstr(p, "\n\n");
        if (e != NULL) {
            *e = '\0';
            e += 2;
        }
        while (*p == '\n' || *p == ' ')
            p++;
        if (*p != '\0')
            blocks[n_blocks++] = (crier_block){CRIER_BLOCK_PARAGRAPH, 0, p, 0};
    }
    for (size_t i = 0; i < n_blocks; i++) /* the block text has no line breaks */
        for (char *q = blocks[i].text; *q; q++)
            if (*q == '\n')
                *q = ' ';
    crier_article art = {.title = blocks[1].text, .blocks = blocks + 2, .n_blocks = n_blocks - 2};
    crier_normalize_opts o = crier_normalize_opts_default();
    o.pronounce = false; /* the readings, not names.tsv's phonemes ("Zamir") */
    assert_int_equal(crier_normalize(en, &art, &o, &s), CRIER_OK);
    crier_buf_init(&all, CRIER_BUF_DEFAULT_MAX);
    for (size_t b = 0; b < s->n_blocks; b++)
        for (size_t k = 0; k < s->blocks[b].n_sentences; k++) {
            assert_int_equal(crier_buf_puts(&all, s->blocks[b].sentences[k].spoken), CRIER_OK);
            assert_int_equal(crier_buf_putc(&all, '\n'), CRIER_OK);
        }
    const char *spoken = crier_buf_str(&all);
    const char *want[] = {"on February first, twenty twenty six",
                          "the forty seventh anniversary",
                          "Lieutenant General Eyal Zamir",
                          "U S and Iran",
                          "I D F Chief",
                          "U S allies",
                          "Channel twelve",
                          "Mar-a-Lago",
                          "anti U S and"};
    for (size_t w = 0; w < sizeof want / sizeof want[0]; w++)
        if (strstr(spoken, want[w]) == NULL)
            fail_msg("missing \"%s\" in:\n%s", want[w], spoken);
    for (const char *q = spoken; *q; q++)
        if (crier_is_ascii_digit((unsigned char)*q))
            fail_msg("a digit is left: %.40s", q);
    crier_script_free(s);
    crier_buf_free(&all);
    crier_buf_free(&text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tokenizer_keeps_spans),
        cmocka_unit_test(tokenizer_splits_on_controls_and_bad_bytes),
        cmocka_unit_test(numbers),
        cmocka_unit_test(years),
        cmocka_unit_test(dates),
        cmocka_unit_test(money),
        cmocka_unit_test(times_and_percent),
        cmocka_unit_test(titles_acronyms_symbols),
        cmocka_unit_test(issue4_rules),
        cmocka_unit_test(tables_hash_and_filter),
        cmocka_unit_test(tokenizer_possessive_and_glued_punctuation),
        cmocka_unit_test(rules_see_across_token_windows),
        cmocka_unit_test(lines_stay_lines),
        cmocka_unit_test(hostile_input),
        cmocka_unit_test(sentence_splitter),
        cmocka_unit_test(loader_skips_broken_lines),
        cmocka_unit_test(article_to_script),
        cmocka_unit_test(plain_article_for_another_language),
        cmocka_unit_test(article_over_cap),
        cmocka_unit_test(seed_article),
    };
    return cmocka_run_group_tests(tests, load_en, free_en);
}
