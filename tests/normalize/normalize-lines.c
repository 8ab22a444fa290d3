/* SPDX-License-Identifier: GPL-3.0-or-later */
/* normalize-lines: reads lines on stdin, prints each one's spoken form on a line
 * of its own (what `crier normalize --lines` does). For the spoken-accuracy tool
 * and quick checks: build-norm/tests/normalize/normalize-lines < text.txt */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "normalize/normalize.h"

int
main(int argc, char **argv)
{
    crier_lang *lang = NULL;
    crier_buf out;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    crier_status st = crier_lang_load(NULL, argc > 1 ? argv[1] : "en", &lang);

    if (st != CRIER_OK) {
        fprintf(stderr, "normalize-lines: %s\n", crier_status_message(st));
        return 1;
    }
    crier_buf_init(&out, CRIER_BUF_DEFAULT_MAX);
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        size_t len = (size_t)n;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        crier_buf_clear(&out);
        st = crier_normalize_text(lang, line, len, &out);
        if (st != CRIER_OK)
            fprintf(stderr, "normalize-lines: %s\n", crier_status_message(st));
        fwrite(crier_buf_str(&out), 1, out.len, stdout);
        putchar('\n');
    }
    free(line);
    crier_buf_free(&out);
    crier_lang_free(lang);
    return fflush(stdout) == 0 ? 0 : 1;
}
