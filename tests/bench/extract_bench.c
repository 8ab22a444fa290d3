/* SPDX-License-Identifier: GPL-3.0-or-later */
/* extract-bench MODE PASSES FILE...: the C side of tests/bench/extract-bench.sh.
 *
 * Loads every FILE into memory first, then runs PASSES passes over all of them
 * in this one process and prints one line of key=value figures:
 *   MODE crier:   crier_input_from_bytes + crier_extractor_run per page, with
 *                 one extractor loaded before timing (what a batch worker
 *                 does after reading the file);
 *   MODE libxml2: libxml2's HTML parser alone on the same bytes, with the
 *                 options crier's extractor uses and told the charset crier's
 *                 input detects (found before timing), then xmlFreeDoc: the
 *                 baseline the extractor is measured against.
 * Each pass is timed by the process CPU clock (one core's work, however busy
 * the shared machine is) and by the wall clock; the fastest pass and the
 * median are printed. Memory: the peak resident set (VmHWM) and the resident
 * set once the pages are loaded, so the script can tell what the work itself
 * added. */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract/extract.h"
#include "input/input.h"

#define MAX_PASSES 100

typedef struct page {
    const char *path;
    unsigned char *bytes;
    size_t len;
    char charset[64]; /* the charset crier's input finds, for libxml2 alone */
} page;

static double
clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* kB of the VmHWM or VmRSS line of /proc/self/status; 0 when unknown. */
static long
proc_status_kb(const char *key)
{
    char line[256];
    long kb = 0;
    size_t n = strlen(key);
    FILE *f = fopen("/proc/self/status", "r");

    if (f == NULL)
        return 0;
    while (fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, key, n) == 0 && line[n] == ':') {
            kb = strtol(line + n + 1, NULL, 10);
            break;
        }
    fclose(f);
    return kb;
}

static int
load(page *p)
{
    FILE *f = fopen(p->path, "rb");
    long size;

    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        if (f)
            fclose(f);
        return -1;
    }
    p->len = (size_t)size;
    p->bytes = malloc(p->len + 1);
    if (p->bytes == NULL || fread(p->bytes, 1, p->len, f) != p->len) {
        fclose(f);
        return -1;
    }
    fclose(f);
    crier_document *doc = NULL;
    if (crier_input_from_bytes(p->path, p->bytes, p->len, CRIER_HINT_HTML, NULL, &doc) ==
            CRIER_OK &&
        doc->charset != NULL)
        snprintf(p->charset, sizeof p->charset, "%s", doc->charset);
    crier_document_free(doc);
    return 0;
}

/* The extractor of MODE crier, loaded once before timing. */
static crier_extractor *extractor;

/* One page through crier; 0 when it gave an article. */
static int
run_crier(const page *p)
{
    crier_document *doc = NULL;
    crier_article *art = NULL;
    crier_status st = crier_input_from_bytes(p->path, p->bytes, p->len, CRIER_HINT_HTML, NULL,
                                             &doc);
    if (st == CRIER_OK)
        st = crier_extractor_run(extractor, doc, NULL, &art);
    crier_article_free(art);
    crier_document_free(doc);
    return st == CRIER_OK ? 0 : 1;
}

/* One page through libxml2's parser alone; 0 when it gave a document. */
static int
run_libxml2(const page *p)
{
    const char *enc = p->charset[0] ? p->charset : NULL;
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
               HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS;
    htmlDocPtr doc = htmlReadMemory((const char *)p->bytes, (int)p->len, NULL, enc, opts);
    if (doc == NULL && enc != NULL) /* a charset name libxml2 does not know */
        doc = htmlReadMemory((const char *)p->bytes, (int)p->len, NULL, NULL, opts);
    if (doc == NULL)
        return 1;
    xmlFreeDoc(doc);
    return 0;
}

static void
quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
    if (argc < 4 || (strcmp(argv[1], "crier") != 0 && strcmp(argv[1], "libxml2") != 0)) {
        fprintf(stderr, "usage: extract-bench crier|libxml2 PASSES FILE...\n");
        return 2;
    }
    int (*run)(const page *) = strcmp(argv[1], "crier") == 0 ? run_crier : run_libxml2;
    long passes = strtol(argv[2], NULL, 10);
    size_t n_pages = (size_t)argc - 3, total = 0, largest = 0;
    page *pages = calloc(n_pages, sizeof *pages);
    double cpu[MAX_PASSES], wall[MAX_PASSES];
    int failed = 0;

    if (passes < 1)
        passes = 1;
    if (passes > MAX_PASSES)
        passes = MAX_PASSES;
    if (pages == NULL)
        return 1;
    xmlInitParser();
    /* the baseline prints nothing either (libxml2 2.9 writes encoding errors
     * to stderr even with HTML_PARSE_NOERROR) */
    xmlSetGenericErrorFunc(NULL, quiet);
    for (size_t i = 0; i < n_pages; i++) {
        pages[i].path = argv[i + 3];
        if (load(&pages[i]) != 0) {
            fprintf(stderr, "extract-bench: cannot read %s\n", pages[i].path);
            return 1;
        }
        total += pages[i].len;
        if (pages[i].len > largest)
            largest = pages[i].len;
    }
    if (run == run_crier && crier_extractor_new(NULL, &extractor) != CRIER_OK) {
        fprintf(stderr, "extract-bench: cannot load the extractor's language data\n");
        return 1;
    }
    long loaded_kb = proc_status_kb("VmRSS");
    for (long k = 0; k < passes; k++) {
        double c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID), w0 = clock_s(CLOCK_MONOTONIC);
        failed = 0;
        for (size_t i = 0; i < n_pages; i++)
            failed += run(&pages[i]);
        cpu[k] = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
        wall[k] = clock_s(CLOCK_MONOTONIC) - w0;
    }
    double cpu_med, wall_med;
    qsort(cpu, (size_t)passes, sizeof cpu[0], cmp_double);
    qsort(wall, (size_t)passes, sizeof wall[0], cmp_double);
    cpu_med = cpu[passes / 2];
    wall_med = wall[passes / 2];
    printf("tool=%s pages=%zu bytes=%zu largest=%zu passes=%ld failed=%d cpu_best=%.4f "
           "cpu_median=%.4f wall_best=%.4f wall_median=%.4f peak_kb=%ld loaded_kb=%ld\n",
           argv[1], n_pages, total, largest, passes, failed, cpu[0], cpu_med, wall[0], wall_med,
           proc_status_kb("VmHWM"), loaded_kb);
    for (size_t i = 0; i < n_pages; i++)
        free(pages[i].bytes);
    free(pages);
    crier_extractor_free(extractor);
    return fflush(stdout) == 0 ? 0 : 1;
}
