/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "fuzz/fuzz.h"

crier_limits
fuzz_limits(void)
{
    crier_limits lim = crier_limits_default();
    lim.max_input_bytes = (size_t)1 << 20;
    lim.max_article_bytes = (size_t)1 << 20;
    return lim;
}

const crier_lang *
fuzz_lang(void)
{
    static crier_lang *lang; /* loaded once per fuzzing process, never changed */
    if (lang == NULL && crier_lang_load(NULL, "en", &lang) != CRIER_OK)
        abort();
    return lang;
}

static void
check_string(const char *s, int may_be_null)
{
    if (s == NULL) {
        if (!may_be_null)
            abort();
        return;
    }
    if (s[0] == '\0' || !crier_utf8_valid(s, strlen(s)))
        abort();
}

void
fuzz_check_article(const crier_article *art)
{
    check_string(art->title, 1);
    check_string(art->byline, 1);
    check_string(art->site, 1);
    check_string(art->date, 1);
    check_string(art->lang, 1);
    check_string(art->url, 1);
    check_string(art->description, 1);
    for (size_t i = 0; i < art->n_blocks; i++) {
        if ((unsigned)art->blocks[i].type >= CRIER_BLOCK_TYPE_COUNT)
            abort();
        check_string(art->blocks[i].text, 0);
    }
    crier_buf b;
    crier_buf_init(&b, (size_t)1 << 26);
    if (crier_article_to_json(art, &b) == CRIER_OK && !crier_utf8_valid(b.data, b.len))
        abort();
    crier_buf_free(&b);
}
