/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "core/limits.h"

crier_limits
crier_limits_default(void)
{
    return (crier_limits){
        .max_input_bytes = CRIER_DEFAULT_MAX_INPUT_BYTES,
        .max_dom_depth = CRIER_DEFAULT_MAX_DOM_DEPTH,
        .max_article_bytes = CRIER_DEFAULT_MAX_ARTICLE_BYTES,
        .max_blocks = CRIER_DEFAULT_MAX_BLOCKS,
        .max_token_bytes = CRIER_DEFAULT_MAX_TOKEN_BYTES,
    };
}
