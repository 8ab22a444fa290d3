/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <zlib.h>

#include "input/input_internal.h"

/* Pages saved compressed (.html.gz). The inflated size is capped like any
 * input, so a small gzip bomb ends with CRIER_E_TOO_BIG. */

bool
input_is_gzip(const unsigned char *bytes, size_t len)
{
    return len >= 3 && bytes[0] == 0x1F && bytes[1] == 0x8B && bytes[2] == 8;
}


crier_status
input_gunzip(const unsigned char *bytes, size_t len, size_t max, crier_buf *out)
{
    z_stream z;
    unsigned char chunk[65536];
    crier_status st = CRIER_OK;
    int zr;

    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK) /* 32: gzip or zlib header */
        return CRIER_E_NOMEM;
    z.next_in = (unsigned char *)bytes;
    z.avail_in = len > 0xFFFFFFFFu ? 0xFFFFFFFFu : (unsigned)len;
    do {
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        zr = inflate(&z, Z_NO_FLUSH);
        if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
            st = zr == Z_MEM_ERROR ? CRIER_E_NOMEM : CRIER_E_BINARY;
            break;
        }
        size_t got = sizeof chunk - z.avail_out;
        if (out->len + got > max) {
            st = CRIER_E_TOO_BIG;
            break;
        }
        st = crier_buf_append(out, (const char *)chunk, got);
        /* concatenated members (gzip -c a b > c.gz) */
        if (st == CRIER_OK && zr == Z_STREAM_END && z.avail_in > 0 &&
            input_is_gzip(z.next_in, z.avail_in))
            zr = inflateReset(&z) == Z_OK ? Z_OK : Z_DATA_ERROR;
        if (zr == Z_BUF_ERROR && z.avail_in == 0 && got == 0) {
            st = CRIER_E_BINARY; /* truncated */
            break;
        }
    } while (st == CRIER_OK && zr != Z_STREAM_END);
    inflateEnd(&z);
    if (st == CRIER_E_LIMIT)
        st = CRIER_E_TOO_BIG;
    return st;
}
