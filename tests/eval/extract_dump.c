/* SPDX-License-Identifier: GPL-3.0-or-later */
/* extract-dump DIR...: for each DIR/source.html (or each FILE given), one JSON
 * line {"page": name, "status": message, "article": {...} or null}. Used by
 * tests/eval/extract-eval to score the extractor against a corpus. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "extract/extract.h"
#include "input/input.h"

static int
dump(const crier_extractor *x, const char *name, const char *path)
{
    crier_document *doc = NULL;
    crier_article *art = NULL;
    crier_buf out;
    crier_status st;

    crier_buf_init(&out, CRIER_BUF_DEFAULT_MAX);
    st = crier_input_read(path, NULL, &doc);
    if (st == CRIER_OK)
        st = crier_extractor_run(x, doc, NULL, &art);
    if (crier_buf_puts(&out, "{\"page\":") != CRIER_OK ||
        crier_buf_put_json_string(&out, name) != CRIER_OK ||
        crier_buf_puts(&out, ",\"status\":") != CRIER_OK ||
        crier_buf_put_json_string(&out, crier_status_message(st)) != CRIER_OK ||
        crier_buf_puts(&out, ",\"article\":") != CRIER_OK ||
        (art ? crier_article_to_json(art, &out) : crier_buf_puts(&out, "null")) != CRIER_OK ||
        crier_buf_puts(&out, "}\n") != CRIER_OK) {
        fprintf(stderr, "extract-dump: %s: output too large\n", name);
        st = CRIER_E_LIMIT;
    } else {
        fwrite(out.data, 1, out.len, stdout);
    }
    crier_buf_free(&out);
    crier_article_free(art);
    crier_document_free(doc);
    return 0;
}

int
main(int argc, char **argv)
{
    crier_extractor *x = NULL;
    crier_status st = crier_extractor_new(NULL, &x);
    if (st != CRIER_OK) {
        fprintf(stderr, "extract-dump: language data: %s\n", crier_status_message(st));
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        char path[4096];
        const char *name = strrchr(argv[i], '/');
        name = name && name[1] ? name + 1 : argv[i];
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            snprintf(path, sizeof path, "%s/source.html", argv[i]);
            dump(x, name, path);
        } else {
            dump(x, name, argv[i]);
        }
    }
    crier_extractor_free(x);
    return fflush(stdout) == 0 ? 0 : 1;
}
