/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_CORE_LIMITS_H
#define CRIER_CORE_LIMITS_H

#include <stddef.h>

/* Caps on every quantity that the input controls. Passing a cap is a clear
 * status (CRIER_E_TOO_BIG or CRIER_E_LIMIT), never a crash. */
typedef struct crier_limits {
    size_t max_input_bytes;   /* bytes read from one input (default 64 MiB) */
    size_t max_dom_depth;     /* element nesting walked by the extractor (default 512) */
    size_t max_article_bytes; /* text of one extracted article (default 8 MiB) */
    size_t max_blocks;        /* blocks of one article (default 100,000) */
    size_t max_token_bytes;   /* one token seen by the normalizer (default 4 KiB) */
} crier_limits;

#define CRIER_DEFAULT_MAX_INPUT_BYTES ((size_t)64 << 20)
#define CRIER_DEFAULT_MAX_DOM_DEPTH ((size_t)512)
#define CRIER_DEFAULT_MAX_ARTICLE_BYTES ((size_t)8 << 20)
#define CRIER_DEFAULT_MAX_BLOCKS ((size_t)100000)
#define CRIER_DEFAULT_MAX_TOKEN_BYTES ((size_t)4096)

/* The defaults above. */
crier_limits crier_limits_default(void);

#endif
