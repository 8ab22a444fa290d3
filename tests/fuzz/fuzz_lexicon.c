/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: a user lexicon from any bytes (crier_lexicon_load_bytes), then
 * text through the normalizer with it. The input is "lexicon\n\n\ntext": the
 * part before the first blank-blank line is the lexicon, the rest the text
 * (the whole input is both when there is none). Checks: loading never fails
 * but for the size cap, the counts add up, the spoken form is valid UTF-8. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "fuzz/fuzz.h"
#include "normalize/normalize.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const crier_lang *lang = fuzz_lang();
    const char *s = (const char *)data;
    const char *sep = NULL;
    crier_lexicon *lex = NULL;
    crier_buf text, out;

    for (size_t i = 0; i + 3 <= size && sep == NULL; i++)
        if (memcmp(s + i, "\n\n\n", 3) == 0)
            sep = s + i;
    size_t lex_len = sep ? (size_t)(sep - s) : size;
    const char *body = sep ? sep + 3 : s;
    size_t body_len = sep ? size - lex_len - 3 : size;

    if (crier_lexicon_new(&lex) != CRIER_OK)
        abort();
    crier_status st = crier_lexicon_load_bytes(lex, s, lex_len);
    if (st != CRIER_OK && st != CRIER_E_LIMIT)
        abort();
    if (crier_lexicon_size(lex) + crier_lexicon_skipped_lines(lex) > lex_len + 1)
        abort(); /* more lines than bytes */
    crier_buf_init(&text, (size_t)1 << 24);
    crier_buf_init(&out, (size_t)1 << 26);
    if (crier_utf8_repair(body, body_len, &text) == CRIER_OK &&
        crier_normalize_text_opts(lang, NULL, lex, crier_buf_str(&text), text.len, &out) ==
            CRIER_OK &&
        !crier_utf8_valid(crier_buf_str(&out), out.len))
        abort();
    crier_buf_free(&text);
    crier_buf_free(&out);
    crier_lexicon_free(lex);
    return 0;
}
