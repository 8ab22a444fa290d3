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

#include "core/utf8.h"
#include "extract/extract.h"
#include "extract/html_internal.h"
#include "input/input.h"

/* Runs input + extraction on an in-memory page; returns the status. */
static crier_status
extract_status(const char *page, crier_doc_hint hint, const crier_limits *lim,
               crier_article **ret_art)
{
    crier_document *doc = NULL;
    crier_status st = crier_input_from_bytes("t", page, strlen(page), hint, lim, &doc);
    if (st == CRIER_OK)
        st = crier_extract(doc, lim, ret_art);
    crier_document_free(doc);
    return st;
}

static crier_article *
extract_html(const char *page)
{
    crier_article *art = NULL;
    assert_int_equal(extract_status(page, CRIER_HINT_HTML, NULL, &art), CRIER_OK);
    assert_non_null(art);
    for (size_t i = 0; i < art->n_blocks; i++) {
        assert_non_null(art->blocks[i].text);
        assert_true(crier_utf8_valid(art->blocks[i].text, strlen(art->blocks[i].text)));
    }
    return art;
}

/* The article as text, for substring checks. Owned by the caller. */
static char *
as_text(const crier_article *art)
{
    crier_buf b;
    crier_buf_init(&b, CRIER_BUF_DEFAULT_MAX);
    assert_int_equal(crier_article_to_text(art, &b), CRIER_OK);
    return crier_buf_steal(&b);
}

static const char *
block_text(const crier_article *art, size_t i)
{
    assert_true(i < art->n_blocks);
    return art->blocks[i].text;
}

#define PROSE1 "The council voted on Tuesday to approve the new budget, which adds money for schools, roads and the harbour."
#define PROSE2 "Opponents said the plan, drafted in a hurry, leaves too little for the hospital and will need changes next year."
#define PROSE3 "The mayor, speaking after the vote, said the city would publish the full figures, line by line, within a week."

static void
keeps_article_drops_chrome(void **state)
{
    (void)state;
    const char *page =
        "<!DOCTYPE html><html><head><title>Budget passes | City News</title></head><body>"
        "<header><a href='/'>City News</a><nav><ul><li><a href='/a'>Home</a></li>"
        "<li><a href='/b'>Politics</a></li></ul></nav></header>"
        "<div class='content'><article><h1>Budget passes</h1>"
        "<p>" PROSE1 "</p><h2>What changes</h2><p>" PROSE2 "</p>"
        "<ul><li>Schools: more teachers</li><li>Roads: <em>two</em> new bridges</li></ul>"
        "<blockquote><p>We did what we promised.</p></blockquote>"
        "<pre>line one\n  line two</pre>"
        "<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Roads</td><td>5</td></tr></table>"
        "<p>" PROSE3 "</p></article>"
        "<div class='share-bar'><a href='#'>Share on Facebook</a></div>"
        "<section class='related-stories'><h3>Related</h3><ul><li><a href='/x'>Other story about the council budget vote</a></li></ul></section>"
        "</div><footer><p>Copyright 2026 City News</p></footer>"
        "<div id='cookie-consent'><p>We use cookies to make this site work, and you agree to them.</p></div>"
        "</body></html>";
    crier_article *art = extract_html(page);
    char *text = as_text(art);
    assert_string_equal(art->title, "Budget passes");
    assert_non_null(strstr(text, PROSE1));
    assert_non_null(strstr(text, PROSE3));
    assert_null(strstr(text, "Politics"));
    assert_null(strstr(text, "Share"));
    assert_null(strstr(text, "Other story"));
    assert_null(strstr(text, "cookies"));
    assert_null(strstr(text, "Copyright"));
    /* title not repeated as the first block */
    assert_string_equal(block_text(art, 0), PROSE1);
    /* typed blocks */
    assert_int_equal(art->blocks[1].type, CRIER_BLOCK_HEADING);
    assert_int_equal(art->blocks[1].level, 2);
    assert_int_equal(art->blocks[3].type, CRIER_BLOCK_LIST_ITEM);
    assert_string_equal(block_text(art, 4), "Roads: two new bridges");
    assert_int_equal(art->blocks[5].type, CRIER_BLOCK_QUOTE);
    assert_int_equal(art->blocks[6].type, CRIER_BLOCK_PRE);
    assert_string_equal(block_text(art, 6), "line one\n  line two");
    assert_int_equal(art->blocks[7].type, CRIER_BLOCK_TABLE_ROW);
    assert_string_equal(block_text(art, 7), "Item; Cost");
    assert_string_equal(block_text(art, 8), "Roads; 5");
    free(text);
    crier_article_free(art);
}

static void
hidden_elements_are_dropped(void **state)
{
    (void)state;
    const char *page = "<html><body><article>"
                       "<p>" PROSE1 "</p>"
                       "<p hidden>Secret one that must not be read.</p>"
                       "<div aria-hidden=\"true\"><p>Secret two that must not be read.</p></div>"
                       "<p style=\"color: red; display : none\">Secret three, not read.</p>"
                       "<p style=\"visibility:hidden\">Secret four, not read.</p>"
                       "<p>" PROSE2 "</p></article></body></html>";
    crier_article *art = extract_html(page);
    char *text = as_text(art);
    assert_null(strstr(text, "Secret"));
    assert_non_null(strstr(text, PROSE2));
    free(text);
    crier_article_free(art);
}

static void
class_matching_is_careful(void **state)
{
    (void)state;
    /* "has-comments" and a body class naming the nav are states, not chrome */
    const char *page = "<html><body class='wp-site-nav-open'><article class='post has-comments'>"
                       "<p>" PROSE1 "</p><p>" PROSE2 "</p><p>" PROSE3 "</p></article>"
                       "<div id='comments' class='comments-area'><p>Great article, thanks for writing it, really.</p></div>"
                       "</body></html>";
    crier_article *art = extract_html(page);
    char *text = as_text(art);
    assert_non_null(strstr(text, PROSE1));
    assert_non_null(strstr(text, PROSE3));
    assert_null(strstr(text, "Great article"));
    free(text);
    crier_article_free(art);
}

static void
chrome_named_container_holding_the_article_is_kept(void **state)
{
    (void)state;
    /* a site that wraps everything in a "sidebar-layout" div */
    const char *page = "<html><body><div class='sidebar-layout'>"
                       "<p>" PROSE1 "</p><p>" PROSE2 "</p><p>" PROSE3 "</p></div></body></html>";
    crier_article *art = extract_html(page);
    assert_int_equal(art->n_blocks, 3);
    crier_article_free(art);
}

static void
captions_lose_their_credit(void **state)
{
    (void)state;
    const char *page = "<html><body><article><figure><img src='a.jpg' alt='x'>"
                       "<figcaption>Crowds in the square on Monday. Photo by Jane Roe/Agency via Reuters Connect</figcaption></figure>"
                       "<figure><img src='b.jpg'><figcaption>Boats in the harbour <span class='credit'>(Getty Images)</span></figcaption></figure>"
                       "<p>" PROSE1 "</p><p>" PROSE2 "</p></article></body></html>";
    crier_article *art = extract_html(page);
    assert_int_equal(art->blocks[0].type, CRIER_BLOCK_CAPTION);
    assert_string_equal(block_text(art, 0), "Crowds in the square on Monday.");
    assert_int_equal(art->blocks[1].type, CRIER_BLOCK_CAPTION);
    assert_string_equal(block_text(art, 1), "Boats in the harbour");
    crier_article_free(art);
}

static void
metadata_from_meta_tags(void **state)
{
    (void)state;
    const char *page =
        "<html lang='en-GB'><head><title>Budget passes - City News</title>"
        "<meta property='og:site_name' content='City News'>"
        "<meta name='author' content='By Jane Roe'>"
        "<meta property='article:published_time' content='2026-02-01T10:00:00Z'>"
        "<meta name='description' content='The council approved the budget.'>"
        "<link rel='canonical' href='https://news.example/budget'>"
        "</head><body><article><p>" PROSE1 "</p><p>" PROSE2 "</p></article></body></html>";
    crier_article *art = extract_html(page);
    assert_string_equal(art->title, "Budget passes");
    assert_string_equal(art->site, "City News");
    assert_string_equal(art->byline, "Jane Roe");
    assert_string_equal(art->date, "2026-02-01T10:00:00Z");
    assert_string_equal(art->lang, "en-GB");
    assert_string_equal(art->url, "https://news.example/budget");
    assert_string_equal(art->description, "The council approved the budget.");
    crier_article_free(art);
}

static void
metadata_from_json_ld_graph(void **state)
{
    (void)state;
    const char *page =
        "<html><head><title>Ignored title</title>"
        "<meta property='og:locale' content='en_US'>"
        "<script type='application/ld+json'><!--\n{\"@context\":\"https://schema.org\",\"@graph\":["
        "{\"@type\":\"WebSite\",\"name\":\"Site\"},"
        "{\"@type\":[\"NewsArticle\"],\"headline\":\"Harbour \\u201creopens\\u201d\","
        "\"datePublished\":\"2026-02-02\",\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"},"
        "{\"name\":\"Bo Kim\"}],\"publisher\":{\"@type\":\"Organization\",\"name\":\"Port Times\"},}]}\n--></script>"
        "</head><body><div class='byline'>By Someone Else</div>"
        "<article><p>" PROSE1 "</p><p>" PROSE2 "</p></article></body></html>";
    crier_article *art = extract_html(page);
    assert_string_equal(art->title, "Harbour \xE2\x80\x9Creopens\xE2\x80\x9D");
    assert_string_equal(art->byline, "Ann Lee, Bo Kim");
    assert_string_equal(art->date, "2026-02-02");
    assert_string_equal(art->site, "Port Times");
    assert_string_equal(art->lang, "en-US");
    crier_article_free(art);
}

static void
metadata_from_the_page(void **state)
{
    (void)state;
    const char *page = "<html><head><title>Storm warning \xE2\x80\x94 Weather Daily</title>"
                       "<meta name='application-name' content='Weather Daily'></head><body>"
                       "<article><h1>Storm warning</h1><p class='byline'>By <a rel='author'>Sam Poe</a></p>"
                       "<time datetime='2026-01-30 08:15'>Jan 30</time>"
                       "<p>" PROSE1 "</p><p>" PROSE2 "</p></article></body></html>";
    crier_article *art = extract_html(page);
    assert_string_equal(art->title, "Storm warning");
    assert_string_equal(art->byline, "Sam Poe");
    assert_string_equal(art->date, "2026-01-30T08:15");
    assert_string_equal(block_text(art, 0), "Jan 30");
    crier_article_free(art);
    /* a <time> without datetime, written in words */
    art = extract_html("<html><body><article><time>Monday, Feb. 2nd, 2026 at 6:01 am</time><p>" PROSE1
                       "</p></article></body></html>");
    assert_string_equal(art->date, "2026-02-02");
    crier_article_free(art);
    art = extract_html("<html><head><meta name='date' content='2 March 2026'></head><body><article><p>"
                       PROSE1 "</p></article></body></html>");
    assert_string_equal(art->date, "2026-03-02");
    crier_article_free(art);
}

static void
byline_element_search(void **state)
{
    (void)state;
    /* chrome and hidden elements are stepped over; itemprop=name wins */
    const char *page = "<html><body><div class='site-header'><span class='author'>Menu Person</span></div>"
                       "<div style='display:none' class='byline'>Hidden Person</div>"
                       "<div class='byline'><span itemprop='author'><span itemprop='name'>Dan Goodin"
                       "</span> Senior Editor</span></div>"
                       "<article><p>" PROSE1 "</p><p>" PROSE2 "</p></article></body></html>";
    crier_article *art = extract_html(page);
    assert_string_equal(art->byline, "Dan Goodin");
    char *text = as_text(art);
    assert_null(strstr(text, "Senior Editor"));
    free(text);
    crier_article_free(art);
    /* a time stamp after the name is cut */
    art = extract_html("<html><body><p class='byline'>By Ann Lee - Apr 16, 2015 8:02 pm</p>"
                       "<article><p>" PROSE1 "</p></article></body></html>");
    assert_string_equal(art->byline, "Ann Lee");
    crier_article_free(art);
}

static void
date_keeps_only_date_characters(void **state)
{
    (void)state;
    /* a date followed by 40 non-ASCII characters: cutting it at a byte count
     * made invalid UTF-8 (tests/fuzz/crashes/html/crash-d411...) */
    const char *page = "<html><head><meta property='article:published_time' "
                       "content='2026-02-01T10:00:00+02\xC2\xBD\xC2\xBD\xC2\xBD\xC2\xBD\xC2\xBD"
                       "\xC2\xBD\xC2\xBD\xC2\xBD\xC2\xBD\xC2\xBD\xC2\xBD\xC2\xBD\xC2\xBD\xC2\xBD"
                       "\xC2\xBD\xC2\xBD\xC2\xBD\xC2\xBD\xC2\xBD\xC2\xBD'></head>"
                       "<body><article><p>" PROSE1 "</p></article></body></html>";
    crier_article *art = extract_html(page);
    assert_string_equal(art->date, "2026-02-01T10:00:00+02");
    crier_article_free(art);
}

static void
repeated_captions_and_labels_are_read_once(void **state)
{
    (void)state;
    const char *page = "<html><body><article><figure><img src='a.jpg'><figcaption>Boats in the harbour"
                       "</figcaption></figure><p>" PROSE1 "</p><p>Interest payments on the debt</p>"
                       "<figure><img src='a-large.jpg'><figcaption>Boats in the harbour</figcaption></figure>"
                       "<p>Interest payments on the debt</p><p>" PROSE1 "</p></article></body></html>";
    crier_article *art = extract_html(page);
    /* the caption and the label once; the long paragraph may repeat */
    assert_int_equal(art->n_blocks, 4);
    assert_string_equal(block_text(art, 3), PROSE1);
    crier_article_free(art);
}

static void
byline_line_is_not_read_twice(void **state)
{
    (void)state;
    crier_article *art = extract_html("<html><head><meta name='author' content='Alex Heath'></head>"
                                      "<body><article><p>By Alex Heath, a deputy editor.</p><p>" PROSE1
                                      "</p><p>" PROSE2 "</p></article></body></html>");
    assert_string_equal(art->byline, "Alex Heath");
    assert_int_equal(art->n_blocks, 2);
    assert_string_equal(block_text(art, 0), PROSE1);
    crier_article_free(art);
}

static void
saved_page_gives_its_address(void **state)
{
    (void)state;
    crier_article *art = extract_html("<!DOCTYPE html>\n<!-- saved from url=(0029)https://news.example/story -->\n"
                                      "<html><body><article><p>" PROSE1 "</p></article></body></html>");
    assert_string_equal(art->url, "https://news.example/story");
    crier_article_free(art);
}

static void
json_ld_article_body_cross_check(void **state)
{
    (void)state;
    /* the DOM holds a teaser, the site's JSON-LD the whole body */
    const char *page =
        "<html><head><script type='application/ld+json'>{\"@context\":\"https://schema.org\","
        "\"@type\":\"NewsArticle\",\"headline\":\"Budget\",\"articleBody\":\"" PROSE1 "\\n" PROSE2
        "\\n" PROSE3 "\\n" PROSE1 " Again.\\n" PROSE2 " Again.\"}</script></head>"
        "<body><article><p>" PROSE1 "</p><div id='rest'></div></article></body></html>";
    crier_article *art = extract_html(page);
    assert_int_equal(art->n_blocks, 5);
    assert_string_equal(block_text(art, 2), PROSE3);
    crier_article_free(art);
}

static void
short_paragraphs_and_split_articles(void **state)
{
    (void)state;
    /* a short paragraph among long ones stays; a second part of the article
     * elsewhere with the same class joins it */
    const char *page =
        "<html><body><div class='wrap'><div class='post-body'><p>" PROSE1 "</p><p>" PROSE2
        "</p></div><p>It passed.</p><p>" PROSE3 "</p></div>"
        "<figure class='wide'><img src='x.jpg'></figure>"
        "<div class='other'><div class='post-body'><p>" PROSE2 " More, and more, and more.</p><p>"
        PROSE1 " Still more, and more.</p></div></div></body></html>";
    crier_article *art = extract_html(page);
    char *text = as_text(art);
    assert_non_null(strstr(text, "It passed."));
    assert_non_null(strstr(text, "Still more, and more."));
    free(text);
    crier_article_free(art);
}

static void
byline_is_never_the_site(void **state)
{
    (void)state;
    const char *page = "<html><head><meta property='og:site_name' content='Port Times'>"
                       "<meta name='author' content='Port Times'></head><body>"
                       "<article><p>" PROSE1 "</p></article></body></html>";
    crier_article *art = extract_html(page);
    assert_null(art->byline);
    crier_article_free(art);
}

static void
no_article_text(void **state)
{
    (void)state;
    crier_article *art = NULL;
    assert_int_equal(extract_status("<html><head><script>var a = 1;</script></head>"
                                    "<body><script>go()</script><style>p{}</style></body></html>",
                                    CRIER_HINT_HTML, NULL, &art),
                     CRIER_E_NO_ARTICLE);
    assert_int_equal(extract_status("<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                    CRIER_HINT_HTML, NULL, &art),
                     CRIER_E_NO_ARTICLE);
    assert_null(art);
}

static void
pages_without_body_or_markup(void **state)
{
    (void)state;
    crier_article *art = extract_html("<p>" PROSE1 "</p>");
    assert_string_equal(block_text(art, 0), PROSE1);
    crier_article_free(art);
    art = extract_html("just words in a file called .html, " PROSE2);
    assert_int_equal(art->n_blocks, 1);
    crier_article_free(art);
}

static void
libxml2_prints_nothing(void **state)
{
    (void)state;
    char path[] = "/tmp/crier-stderr-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    crier_article *art = NULL;
    crier_status st = extract_status("<html><body><p>" PROSE1 "<div></span></b></i><foo:bar x=>"
                                     "&bogus; <p <<>> </td></tr></table></html></body>"
                                     "<![CDATA[ x ]]> <?pi ?>",
                                     CRIER_HINT_HTML, NULL, &art);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    off_t size = lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(path);
    assert_int_equal(st, CRIER_OK);
    assert_int_equal(size, 0);
    crier_article_free(art);
}

static void
deep_nesting_does_not_crash(void **state)
{
    (void)state;
    size_t depth = 100000;
    crier_buf b;
    crier_buf_init(&b, CRIER_BUF_DEFAULT_MAX);
    assert_int_equal(crier_buf_puts(&b, "<html><body>"), CRIER_OK);
    for (size_t i = 0; i < depth; i++)
        assert_int_equal(crier_buf_puts(&b, "<div>"), CRIER_OK);
    assert_int_equal(crier_buf_puts(&b, "<p>" PROSE1 "</p>"), CRIER_OK);
    crier_article *art = NULL;
    crier_status st = extract_status(crier_buf_str(&b), CRIER_HINT_HTML, NULL, &art);
    /* The text lies below the caps: the status names a cap, not a page
     * without an article. */
    assert_int_equal(st, CRIER_E_LIMIT);
    assert_null(art);
    /* Text above the caps is still found, deep elements or not. */
    crier_buf_clear(&b);
    assert_int_equal(crier_buf_puts(&b, "<html><body><p>" PROSE1 "</p>"), CRIER_OK);
    for (size_t i = 0; i < 1000; i++)
        assert_int_equal(crier_buf_puts(&b, "<div>"), CRIER_OK);
    assert_int_equal(crier_buf_puts(&b, "x"), CRIER_OK);
    assert_int_equal(extract_status(crier_buf_str(&b), CRIER_HINT_HTML, NULL, &art), CRIER_OK);
    assert_non_null(art);
    crier_article_free(art);
    crier_buf_free(&b);
}

static void
block_caps_are_a_status(void **state)
{
    (void)state;
    crier_limits lim = crier_limits_default();
    lim.max_blocks = 2;
    crier_article *art = NULL;
    assert_int_equal(extract_status("<article><p>" PROSE1 "</p><p>" PROSE2 "</p><p>" PROSE3
                                    "</p></article>",
                                    CRIER_HINT_HTML, &lim, &art),
                     CRIER_E_LIMIT);
    assert_null(art);
}

static void
json_output_and_type_names(void **state)
{
    (void)state;
    crier_article *art = extract_html("<html><head><title>T \"q\"</title></head><body><article>"
                                      "<h2>Part</h2><p>" PROSE1 "</p></article></body></html>");
    crier_buf b;
    crier_buf_init(&b, CRIER_BUF_DEFAULT_MAX);
    assert_int_equal(crier_article_to_json(art, &b), CRIER_OK);
    assert_non_null(strstr(crier_buf_str(&b), "\"title\":\"T \\\"q\\\"\""));
    assert_non_null(strstr(crier_buf_str(&b), "\"byline\":null"));
    assert_non_null(strstr(crier_buf_str(&b), "{\"type\":\"heading\",\"level\":2,\"text\":\"Part\"}"));
    crier_buf_free(&b);
    crier_article_free(art);
    assert_string_equal(crier_block_type_name(CRIER_BLOCK_LIST_ITEM), "list-item");
    assert_string_equal(crier_block_type_name(CRIER_BLOCK_TABLE_ROW), "table-row");
    assert_string_equal(crier_block_type_name(CRIER_BLOCK_CAPTION), "caption");
    assert_string_equal(crier_block_type_name(CRIER_BLOCK_TYPE_COUNT), "unknown");
    crier_article_free(NULL);
}

static void
json_reader_is_tolerant(void **state)
{
    (void)state;
    const char *s = "/* c */ {\"a\": [1, 2,], 'b': \"x\\ny\", \"c\": {\"d\": true,},} junk";
    ex_json *j = ex_json_parse(s, strlen(s));
    assert_non_null(j);
    assert_int_equal(j->type, EX_JSON_OBJECT);
    assert_string_equal(ex_json_get(j, "b")->str, "x\ny");
    assert_int_equal(ex_json_get(ex_json_get(j, "c"), "d")->type, EX_JSON_BOOL);
    ex_json_free(j);
    /* deep nesting is capped, unterminated input ends */
    char deep[3000];
    memset(deep, '[', sizeof deep - 1);
    deep[sizeof deep - 1] = '\0';
    j = ex_json_parse(deep, strlen(deep));
    ex_json_free(j);
    assert_null(ex_json_parse("no json here", 12));
}

static void
text_extraction(void **state)
{
    (void)state;
    const char *text = "Harbour Times\n\n"
                       "Harbour reopens after the storm damage is repaired\n\n"
                       "By Ann Lee\n\n"
                       "February 2, 2026\n\n"
                       "Boats wait at the pier on Monday Photo: Jane Roe/Agency\n\n"
                       PROSE1 "\n\n" PROSE2 "\n\n"
                       "Advertisement\n\n"
                       PROSE3 "\n\n"
                       "Popular Articles\nHarbour Times\nSign up for our newsletter\n  Latest Stories\n";
    crier_article *art = NULL;
    assert_int_equal(extract_status(text, CRIER_HINT_TEXT, NULL, &art), CRIER_OK);
    assert_string_equal(art->title, "Harbour reopens after the storm damage is repaired");
    assert_string_equal(art->site, "Harbour Times");
    assert_string_equal(art->byline, "Ann Lee");
    assert_string_equal(art->date, "2026-02-02");
    assert_int_equal(art->n_blocks, 4);
    assert_int_equal(art->blocks[0].type, CRIER_BLOCK_CAPTION);
    assert_string_equal(block_text(art, 0), "Boats wait at the pier on Monday");
    assert_string_equal(block_text(art, 1), PROSE1);
    assert_string_equal(block_text(art, 3), PROSE3);
    crier_article_free(art);
}

static void
broken_voice_file_lines_are_skipped(void **state)
{
    (void)state;
    char dir[] = "/tmp/crier-voices-XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/en", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/en/boilerplate.tsv", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("line\tPopular Articles\n\xff\xfe broken\t\xc0\nno tab here\n\t\t\nline\tLatest Stories\n", f);
    assert_int_equal(fclose(f), 0);
    const char *saved = getenv("CRIER_VOICES_DIR");
    char *keep = saved ? strdup(saved) : NULL;
    setenv("CRIER_VOICES_DIR", dir, 1);
    crier_article *art = NULL;
    crier_status st = extract_status("A title for the page here\n\n" PROSE1 "\n\nPopular Articles\n\n" PROSE2
                                     "\n\nLatest Stories\n\n" PROSE3 "\n",
                                     CRIER_HINT_TEXT, NULL, &art);
    if (keep) {
        setenv("CRIER_VOICES_DIR", keep, 1);
        free(keep);
    } else {
        unsetenv("CRIER_VOICES_DIR");
    }
    unlink(path);
    snprintf(path, sizeof path, "%s/en", dir);
    rmdir(path);
    rmdir(dir);
    assert_int_equal(st, CRIER_OK);
    assert_int_equal(art->n_blocks, 3);
    crier_article_free(art);
}

static void
text_wrapped_paragraphs_are_joined(void **state)
{
    (void)state;
    const char *text = "A title for a wrapped text\n\n"
                       "This paragraph was wrapped at a fixed width by the\n"
                       "program that saved it, so its lines belong together\n"
                       "and read as one.\n\n"
                       "Second paragraph.\n";
    crier_article *art = NULL;
    assert_int_equal(extract_status(text, CRIER_HINT_TEXT, NULL, &art), CRIER_OK);
    assert_int_equal(art->n_blocks, 2);
    assert_string_equal(block_text(art, 0),
                        "This paragraph was wrapped at a fixed width by the program that saved "
                        "it, so its lines belong together and read as one.");
    crier_article_free(art);
}

/* One extractor, loaded from the folder it is given, serves page after page
 * with the same results each time; crier_extract (data read per call) agrees. */
static void
extractor_is_loaded_once_and_reused(void **state)
{
    (void)state;
    char dir[] = "/tmp/crier-voices-XXXXXX", path[128];
    const char *page = "A title for the page here\n\n" PROSE1 "\n\nPopular Articles\n\n" PROSE2
                       "\n\nLatest Stories\n\n" PROSE3 "\n";
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/en", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/en/boilerplate.tsv", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("line\tPopular Articles\n", f);
    assert_int_equal(fclose(f), 0);

    crier_extractor *x = NULL, *none = NULL;
    crier_document *doc = NULL;
    assert_int_equal(crier_extractor_new(dir, &x), CRIER_OK);
    assert_int_equal(crier_extractor_new("/nonexistent/crier-voices", &none), CRIER_OK);
    unlink(path);
    snprintf(path, sizeof path, "%s/en", dir);
    rmdir(path);
    rmdir(dir);
    assert_int_equal(crier_input_from_bytes("t", page, strlen(page), CRIER_HINT_TEXT, NULL, &doc),
                     CRIER_OK);
    for (int round = 0; round < 3; round++) {
        crier_article *art = NULL;
        assert_int_equal(crier_extractor_run(x, doc, NULL, &art), CRIER_OK);
        assert_int_equal(art->n_blocks, 4); /* "Popular Articles" only */
        assert_string_equal(block_text(art, 2), "Latest Stories");
        crier_article_free(art);
    }
    crier_article *bare = NULL;
    assert_int_equal(crier_extractor_run(none, doc, NULL, &bare), CRIER_OK);
    assert_int_equal(bare->n_blocks, 5); /* no data: fewer rules, not an error */
    crier_article_free(bare);

    crier_extractor *def = NULL;
    crier_article *a = NULL, *b = NULL;
    crier_buf ja, jb;
    crier_buf_init(&ja, CRIER_BUF_DEFAULT_MAX);
    crier_buf_init(&jb, CRIER_BUF_DEFAULT_MAX);
    assert_int_equal(crier_extractor_new(NULL, &def), CRIER_OK);
    assert_int_equal(crier_extractor_run(def, doc, NULL, &a), CRIER_OK);
    assert_int_equal(crier_extract(doc, NULL, &b), CRIER_OK);
    assert_int_equal(crier_article_to_json(a, &ja), CRIER_OK);
    assert_int_equal(crier_article_to_json(b, &jb), CRIER_OK);
    assert_string_equal(crier_buf_str(&ja), crier_buf_str(&jb));
    assert_int_equal(crier_extractor_run(NULL, doc, NULL, &a), CRIER_E_ARG);
    crier_buf_free(&ja);
    crier_buf_free(&jb);
    crier_article_free(a);
    crier_article_free(b);
    crier_extractor_free(def);
    crier_extractor_free(none);
    crier_extractor_free(x);
    crier_extractor_free(NULL);
    crier_document_free(doc);
}

/* White space collapsing, around the runs of words it appends at once. */
static void
collapse_keeps_one_space_between_words(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        { "a b", "a b" },
        { " a  b ", "a b" },
        { "one two three", "one two three" },
        { "a \xc3\xa9 b", "a \xc3\xa9 b" },
        { "a\xc2\xa0" "b c", "a b c" },
        { "a \tb\n c", "a b c" },
        { "x ", "x" },
        { "soft\xc2\xadhy phen", "softhy phen" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        crier_buf b;
        bool sp = false;
        crier_buf_init(&b, 1024);
        assert_int_equal(ex_collapse_append(&b, cases[i].in, strlen(cases[i].in), &sp), CRIER_OK);
        assert_string_equal(crier_buf_str(&b), cases[i].out);
        crier_buf_free(&b);
    }
    /* a space pending from the last call comes out before the next word */
    crier_buf b;
    bool sp = false;
    crier_buf_init(&b, 1024);
    assert_int_equal(ex_collapse_append(&b, "end of one ", 11, &sp), CRIER_OK);
    assert_true(sp);
    assert_int_equal(ex_collapse_append(&b, "next one", 8, &sp), CRIER_OK);
    assert_string_equal(crier_buf_str(&b), "end of one next one");
    crier_buf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keeps_article_drops_chrome),
        cmocka_unit_test(hidden_elements_are_dropped),
        cmocka_unit_test(class_matching_is_careful),
        cmocka_unit_test(chrome_named_container_holding_the_article_is_kept),
        cmocka_unit_test(captions_lose_their_credit),
        cmocka_unit_test(metadata_from_meta_tags),
        cmocka_unit_test(metadata_from_json_ld_graph),
        cmocka_unit_test(metadata_from_the_page),
        cmocka_unit_test(byline_element_search),
        cmocka_unit_test(byline_is_never_the_site),
        cmocka_unit_test(saved_page_gives_its_address),
        cmocka_unit_test(byline_line_is_not_read_twice),
        cmocka_unit_test(repeated_captions_and_labels_are_read_once),
        cmocka_unit_test(date_keeps_only_date_characters),
        cmocka_unit_test(json_ld_article_body_cross_check),
        cmocka_unit_test(short_paragraphs_and_split_articles),
        cmocka_unit_test(no_article_text),
        cmocka_unit_test(pages_without_body_or_markup),
        cmocka_unit_test(libxml2_prints_nothing),
        cmocka_unit_test(deep_nesting_does_not_crash),
        cmocka_unit_test(block_caps_are_a_status),
        cmocka_unit_test(json_output_and_type_names),
        cmocka_unit_test(json_reader_is_tolerant),
        cmocka_unit_test(text_extraction),
        cmocka_unit_test(text_wrapped_paragraphs_are_joined),
        cmocka_unit_test(broken_voice_file_lines_are_skipped),
        cmocka_unit_test(extractor_is_loaded_once_and_reused),
        cmocka_unit_test(collapse_keeps_one_space_between_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
