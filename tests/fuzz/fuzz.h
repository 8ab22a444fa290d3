/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_FUZZ_H
#define CRIER_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/limits.h"
#include "extract/extract.h"
#include "normalize/normalize.h"

/* Shared by the fuzz targets and the replay program. */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Limits small enough that one input runs in milliseconds. */
crier_limits fuzz_limits(void);

/* The English language pack, loaded once (from CRIER_VOICES_DIR or the source
 * tree); aborts when it cannot be loaded, since every input would be useless. */
const crier_lang *fuzz_lang(void);

/* Aborts unless the article keeps its promises: valid UTF-8 everywhere, no
 * empty strings, block types in range. */
void fuzz_check_article(const crier_article *art);

#endif
