/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Golden test for the extractor: golden SAMPLE EXPECTED [SEED]
 * Extracts SAMPLE, compares crier_article_to_text with the file EXPECTED
 * (CRIER_UPDATE_GOLDEN=1 rewrites it instead), and with SEED (the seed
 * article's text) also checks: the headline comes first, every body paragraph
 * of the seed is there in order, and none of the site's chrome is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "extract/extract.h"
#include "input/input.h"

static int failures;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "golden: " __VA_ARGS__);                                               \
            fputc('\n', stderr);                                                                   \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static char *
slurp(const char *path, size_t *ret_len)
{
    FILE *f = fopen(path, "rb");
    crier_buf b;
    char chunk[4096];
    size_t n;
    if (f == NULL)
        return NULL;
    crier_buf_init(&b, CRIER_BUF_DEFAULT_MAX);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (crier_buf_append(&b, chunk, n) != CRIER_OK)
            break;
    fclose(f);
    *ret_len = b.len;
    return crier_buf_steal(&b);
}

static const char *
find_bytes(const char *hay, size_t hay_len, const char *needle, size_t len)
{
    for (size_t i = 0; len <= hay_len && i <= hay_len - len; i++)
        if (memcmp(hay + i, needle, len) == 0)
            return hay + i;
    return NULL;
}

static void
first_difference(const char *got, const char *want)
{
    size_t line = 1, i = 0;
    while (got[i] && got[i] == want[i]) {
        line += got[i] == '\n';
        i++;
    }
    const char *g = got + i, *w = want + i;
    while (g > got && g[-1] != '\n')
        g--, w--;
    fprintf(stderr, "golden: first difference at line %zu\n  got:  %.200s\n  want: %.200s\n",
            line, g, w);
}

/* The seed's body paragraphs: lines of 15 words or more, except the photo
 * caption (its credit is cut in the article). */
static void
check_seed(const char *text, const char *seed, const char *title)
{
    static const char *const chrome[] = { "\nAll Israel\n", "Popular Articles",
                                          "Receive latest news", "Latest Stories",
                                          "Photo by", "Share", "Advertisement", "cookies",
                                          "Donate", "Copyright", "\xC2\xA9" };
    size_t tl = strlen(title);
    CHECK(strncmp(text, title, tl) == 0 && text[tl] == '\n', "the headline is not first");
    const char *at = text;
    for (const char *line = seed; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        size_t words = 1;
        for (size_t i = 0; i < len; i++)
            words += line[i] == ' ';
        if (words >= 15 && find_bytes(line, len, "Photo by", 8) == NULL) {
            const char *hit = find_bytes(at, strlen(at), line, len);
            CHECK(hit != NULL, "seed paragraph missing or out of order: %.60s...", line);
            if (hit)
                at = hit + len;
        }
        line += len + (end != NULL);
    }
    for (size_t i = 0; i < sizeof chrome / sizeof chrome[0]; i++)
        CHECK(strstr(text, chrome[i]) == NULL, "site chrome in the article: \"%s\"", chrome[i]);
}

int
main(int argc, char **argv)
{
    crier_document *doc = NULL;
    crier_article *art = NULL;
    crier_buf out;
    crier_status st;

    if (argc < 3) {
        fprintf(stderr, "usage: golden SAMPLE EXPECTED [SEED]\n");
        return 2;
    }
    crier_buf_init(&out, CRIER_BUF_DEFAULT_MAX);
    st = crier_input_read(argv[1], NULL, &doc);
    if (st == CRIER_OK)
        st = crier_extract(doc, NULL, &art);
    if (st == CRIER_OK)
        st = crier_article_to_text(art, &out);
    if (st != CRIER_OK) {
        fprintf(stderr, "golden: %s: %s\n", argv[1], crier_status_message(st));
        return 1;
    }
    const char *got = crier_buf_str(&out);
    const char *update = getenv("CRIER_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        FILE *f = fopen(argv[2], "wb");
        if (f == NULL || fwrite(got, 1, out.len, f) != out.len || fclose(f) != 0) {
            fprintf(stderr, "golden: cannot write %s\n", argv[2]);
            return 1;
        }
    }
    size_t want_len;
    char *want = slurp(argv[2], &want_len);
    CHECK(want != NULL, "cannot read %s", argv[2]);
    if (want && strcmp(got, want) != 0) {
        first_difference(got, want);
        failures++;
    }
    if (argc > 3) {
        size_t seed_len;
        char *seed = slurp(argv[3], &seed_len);
        CHECK(seed != NULL, "cannot read %s", argv[3]);
        CHECK(art->title != NULL, "no title");
        if (seed && art->title)
            check_seed(got, seed, art->title);
        free(seed);
    }
    free(want);
    crier_buf_free(&out);
    crier_article_free(art);
    crier_document_free(doc);
    return failures ? 1 : 0;
}
