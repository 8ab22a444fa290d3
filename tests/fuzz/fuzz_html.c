/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: outside bytes as a saved page: input decoding, then HTML extraction,
 * then the article's JSON and text forms. */
#include <stddef.h>
#include <stdint.h>

#include "extract/extract.h"
#include "fuzz/fuzz.h"
#include "input/input.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crier_limits lim = fuzz_limits();
    crier_document *doc = NULL;
    crier_article *art = NULL;

    if (crier_input_from_bytes("fuzz.html", data, size, CRIER_HINT_HTML, &lim, &doc) != CRIER_OK)
        return 0;
    if (crier_extract(doc, &lim, &art) == CRIER_OK)
        fuzz_check_article(art);
    crier_article_free(art);
    crier_document_free(doc);
    return 0;
}
