/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the pipeline from bytes to speech script: input, extraction and
 * normalization with the intro and captions on, then the script's text form. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/utf8.h"
#include "fuzz/fuzz.h"
#include "pipeline/pipeline.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crier_limits lim = fuzz_limits();
    crier_normalize_opts opts = crier_normalize_opts_default();
    crier_document *doc = NULL;
    crier_article *art = NULL;
    crier_script *script = NULL;
    crier_buf out;

    opts.captions = true;
    crier_buf_init(&out, (size_t)1 << 26);
    if (crier_input_from_bytes("-", data, size, CRIER_HINT_NONE, &lim, &doc) != CRIER_OK)
        goto out;
    if (crier_extract(doc, &lim, &art) != CRIER_OK)
        goto out;
    if (crier_normalize(fuzz_lang(), art, &opts, &script) != CRIER_OK)
        goto out;
    if (crier_script_to_text(script, &out) == CRIER_OK && !crier_utf8_valid(out.data, out.len))
        abort();
out:
    crier_buf_free(&out);
    crier_script_free(script);
    crier_article_free(art);
    crier_document_free(doc);
    return 0;
}
