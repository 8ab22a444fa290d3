/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: any text through the normalizer (repaired to UTF-8 first, as the
 * input stage guarantees), checking that the spoken form is valid UTF-8. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/utf8.h"
#include "fuzz/fuzz.h"
#include "normalize/normalize.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const crier_lang *lang = fuzz_lang();
    crier_buf text, out;

    crier_buf_init(&text, (size_t)1 << 24);
    crier_buf_init(&out, (size_t)1 << 26);
    if (crier_utf8_repair((const char *)data, size, &text) == CRIER_OK &&
        crier_normalize_text(lang, crier_buf_str(&text), text.len, &out) == CRIER_OK &&
        !crier_utf8_valid(crier_buf_str(&out), out.len))
        abort();
    crier_buf_free(&text);
    crier_buf_free(&out);
    return 0;
}
