/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CRIER_INPUT_INTERNAL_H
#define CRIER_INPUT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/status.h"

/* Private to src/input: the charset side of decoding. */

/* Which byte-order mark starts bytes, if any; *ret_skip is its length. Returns a
 * charset name ("utf-8", "utf-16le", "utf-16be") or NULL. */
const char *input_bom_charset(const unsigned char *bytes, size_t len, size_t *ret_skip);

/* "utf-16le" or "utf-16be" when bytes with no BOM look like UTF-16 (one byte
 * of most code units 0, always the same one, in the first 4 KiB), else NULL. */
const char *input_sniff_utf16(const unsigned char *bytes, size_t len);

/* Finds a declared charset in the first few KiB: <meta charset=...>,
 * <meta http-equiv=Content-Type content="...; charset=...">, or an XML
 * declaration's encoding="...". Writes the lower-cased name into out (NUL
 * terminated, at most out_size - 1 bytes) and returns true when found. */
bool input_sniff_declared_charset(const unsigned char *bytes, size_t len, char *out,
                                  size_t out_size);

/* Appends bytes decoded as UTF-8, each invalid byte repaired as Windows-1252
 * (0x80-0x9F) or Latin-1 (0xA0-0xFF). NUL and other C0 controls except tab,
 * newline, carriage return and form feed are dropped. */
crier_status input_utf8_repair(const unsigned char *bytes, size_t len, crier_buf *out);

/* Appends bytes converted from charset to UTF-8 with iconv; undecodable bytes
 * become U+FFFD. Returns CRIER_E_ARG when iconv does not know charset (nothing
 * appended then). */
crier_status input_iconv(const char *charset, const unsigned char *bytes, size_t len,
                         crier_buf *out);

/* True for bytes that look like binary data rather than text in the given
 * (already BOM-stripped, not UTF-16) bytes: a NUL in the first KiB, or many
 * control characters in the first 8 KiB, or (when utf8_expected: no legacy
 * charset declared) many bytes that are not UTF-8. */
bool input_looks_binary(const unsigned char *bytes, size_t len, bool utf8_expected);

/* MHTML (.mht/.mhtml): true when bytes start with MIME headers of a
 * multipart/related message (or a MIME-Version header). */
bool input_is_mhtml(const unsigned char *bytes, size_t len);
/* Appends the message's first text/html part, transfer encoding (base64,
 * quoted-printable) undone; charset gets that part's declared charset, lower
 * case, or "". CRIER_E_EMPTY when no part is HTML. */
crier_status input_mhtml_page(const unsigned char *bytes, size_t len, crier_buf *out,
                              char *charset, size_t charset_size);

/* gzip magic (1F 8B 08). */
bool input_is_gzip(const unsigned char *bytes, size_t len);
/* Appends the inflated bytes, at most max (CRIER_E_TOO_BIG past it);
 * CRIER_E_BINARY for corrupt or truncated data, or without zlib. */
crier_status input_gunzip(const unsigned char *bytes, size_t len, size_t max, crier_buf *out);

#endif
