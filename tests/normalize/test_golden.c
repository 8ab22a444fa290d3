/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Golden test: every tests/golden/normalize/<lang>/<class>.tsv line is
 * "input<TAB>expected"; the spoken form of input must be expected exactly.
 * usage: test-normalize-golden GOLDEN_DIR LANG */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "normalize/normalize.h"

static int
check_file(const crier_lang *lang, const char *path, size_t *n_cases)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, line_no = 0;
    ssize_t n;
    int failures = 0;
    crier_buf out;

    if (f == NULL) {
        fprintf(stderr, "%s: cannot open\n", path);
        return 1;
    }
    crier_buf_init(&out, CRIER_BUF_DEFAULT_MAX);
    while ((n = getline(&line, &cap, f)) >= 0) {
        line_no++;
        size_t len = (size_t)n;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || (line[0] == '#' && line[1] == ' ')) /* "# comment", not "#tag" */
            continue;
        char *tab = strchr(line, '\t');
        if (tab == NULL) {
            fprintf(stderr, "%s:%zu: no tab\n", path, line_no);
            failures++;
            continue;
        }
        *tab = '\0';
        crier_buf_clear(&out);
        crier_status st = crier_normalize_text(lang, line, (size_t)(tab - line), &out);
        (*n_cases)++;
        if (st != CRIER_OK || strcmp(crier_buf_str(&out), tab + 1) != 0) {
            fprintf(stderr, "%s:%zu: %s\n  expected: %s\n  got:      %s\n", path, line_no, line,
                    tab + 1, st == CRIER_OK ? crier_buf_str(&out) : crier_status_message(st));
            failures++;
        }
    }
    free(line);
    crier_buf_free(&out);
    fclose(f);
    return failures;
}

int
main(int argc, char **argv)
{
    crier_lang *lang = NULL;
    char path[4096];
    int failures = 0;
    size_t n_cases = 0, n_files = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: %s GOLDEN_DIR LANG\n", argv[0]);
        return 2;
    }
    if (crier_lang_load(NULL, argv[2], &lang) != CRIER_OK) {
        fprintf(stderr, "cannot load language %s\n", argv[2]);
        return 1;
    }
    snprintf(path, sizeof path, "%s/%s", argv[1], argv[2]);
    DIR *d = opendir(path);
    if (d == NULL) {
        fprintf(stderr, "%s: cannot open\n", path);
        crier_lang_free(lang);
        return 1;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t nl = strlen(e->d_name);
        if (nl < 5 || strcmp(e->d_name + nl - 4, ".tsv") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s/%s", argv[1], argv[2], e->d_name);
        failures += check_file(lang, path, &n_cases);
        n_files++;
    }
    closedir(d);
    crier_lang_free(lang);
    printf("%zu files, %zu cases, %d failures\n", n_files, n_cases, failures);
    return failures == 0 && n_cases > 0 ? 0 : 1;
}
