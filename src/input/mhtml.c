/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "input/input_internal.h"

/* MHTML (a page saved as one .mht/.mhtml file, RFC 2557): a MIME message
 * whose first text/html part is the page. Only that part is read; images and
 * style sheets in the other parts are not needed to read the article. */

#define MHTML_SNIFF_BYTES 4096

static bool
ieq_n(const char *s, size_t len, const char *lit)
{
    size_t k = strlen(lit);
    if (len < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (crier_ascii_lower((unsigned char)s[i]) != (unsigned char)lit[i])
            return false;
    return true;
}

/* lit: lower case */
static const char *
find_ci(const char *s, size_t len, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = 0; i + k <= len; i++)
        if (ieq_n(s + i, len - i, lit))
            return s + i;
    return NULL;
}

/* Boundaries are case-sensitive. */
static const char *
find_exact(const char *s, size_t len, const char *lit, size_t k)
{
    for (size_t i = 0; i + k <= len; i++)
        if (s[i] == lit[0] && memcmp(s + i, lit, k) == 0)
            return s + i;
    return NULL;
}

/* End of the header block starting at s: the offset just past the blank line,
 * or len when there is none. */
static size_t
headers_end(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\n')
            continue;
        size_t j = i + 1;
        if (j < len && s[j] == '\r')
            j++;
        if (j < len && s[j] == '\n')
            return j + 1;
        if (j >= len)
            return len;
    }
    return len;
}

/* The value of header name (unfolded) in the block s[0..len), copied into out
 * (NUL terminated); false when absent. */
static bool
header_value(const char *s, size_t len, const char *name, char *out, size_t out_size)
{
    size_t k = strlen(name), n = 0;
    for (size_t i = 0; i < len; i++) {
        if ((i == 0 || s[i - 1] == '\n') && ieq_n(s + i, len - i, name) && i + k < len &&
            s[i + k] == ':') {
            size_t j = i + k + 1;
            while (j < len && (s[j] == ' ' || s[j] == '\t'))
                j++;
            for (; j < len && n + 1 < out_size; j++) {
                if (s[j] == '\r')
                    continue;
                /* a folded header continues on lines starting with white space */
                if (s[j] == '\n' && !(j + 1 < len && (s[j + 1] == ' ' || s[j + 1] == '\t')))
                    break;
                out[n++] = s[j] == '\n' || s[j] == '\t' ? ' ' : s[j];
            }
            while (n > 0 && out[n - 1] == ' ')
                n--;
            out[n] = '\0';
            return true;
        }
    }
    return false;
}

/* A parameter of a header value: boundary="..." or charset=utf-8. */
static bool
param(const char *value, const char *name, char *out, size_t out_size)
{
    const char *p = find_ci(value, strlen(value), name);
    size_t n = 0;
    if (p == NULL || out_size == 0)
        return false;
    p += strlen(name);
    while (*p == ' ')
        p++;
    if (*p != '=')
        return false;
    p++;
    while (*p == ' ')
        p++;
    bool quoted = *p == '"';
    if (quoted)
        p++;
    while (*p && n + 1 < out_size && (quoted ? *p != '"' : *p != ';' && *p != ' '))
        out[n++] = *p++;
    out[n] = '\0';
    return n > 0;
}

bool
input_is_mhtml(const unsigned char *bytes, size_t len)
{
    const char *s = (const char *)bytes;
    size_t n = len < MHTML_SNIFF_BYTES ? len : MHTML_SNIFF_BYTES;
    size_t end = headers_end(s, n);
    char ct[512];
    if (end == n || !header_value(s, end, "content-type", ct, sizeof ct))
        return false;
    return ieq_n(ct, strlen(ct), "multipart/related") || find_ci(s, end, "mime-version") != NULL;
}

static int
b64_value(unsigned char c)
{
    if (crier_is_ascii_upper(c))
        return c - 'A';
    if (crier_is_ascii_lower(c))
        return c - 'a' + 26;
    if (crier_is_ascii_digit(c))
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

static crier_status
decode_base64(const char *s, size_t len, crier_buf *out)
{
    unsigned acc = 0;
    int bits = 0;
    crier_status st = CRIER_OK;
    for (size_t i = 0; i < len && st == CRIER_OK; i++) {
        int v = b64_value((unsigned char)s[i]);
        if (v < 0)
            continue; /* line breaks, padding */
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            st = crier_buf_putc(out, (char)((acc >> bits) & 0xFF));
        }
    }
    return st;
}

static int
hex_value(unsigned char c)
{
    if (crier_is_ascii_digit(c))
        return c - '0';
    c = (unsigned char)crier_ascii_upper(c);
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static crier_status
decode_qp(const char *s, size_t len, crier_buf *out)
{
    crier_status st = CRIER_OK;
    for (size_t i = 0; i < len && st == CRIER_OK; i++) {
        if (s[i] != '=') {
            st = crier_buf_putc(out, s[i]);
            continue;
        }
        if (i + 1 < len && (s[i + 1] == '\n' || s[i + 1] == '\r')) { /* soft line break */
            i++;
            if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
                i++;
            continue;
        }
        int hi = i + 1 < len ? hex_value((unsigned char)s[i + 1]) : -1;
        int lo = i + 2 < len ? hex_value((unsigned char)s[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
            st = crier_buf_putc(out, '=');
            continue;
        }
        st = crier_buf_putc(out, (char)(hi * 16 + lo));
        i += 2;
    }
    return st;
}

/* Decodes a part body by its transfer encoding into out. */
static crier_status
decode_part(const char *headers, size_t hlen, const char *body, size_t blen, crier_buf *out)
{
    char cte[128] = "";
    header_value(headers, hlen, "content-transfer-encoding", cte, sizeof cte);
    if (ieq_n(cte, strlen(cte), "base64"))
        return decode_base64(body, blen, out);
    if (ieq_n(cte, strlen(cte), "quoted-printable"))
        return decode_qp(body, blen, out);
    return crier_buf_append(out, body, blen);
}

crier_status
input_mhtml_page(const unsigned char *bytes, size_t len, crier_buf *out, char *charset,
                 size_t charset_size)
{
    const char *s = (const char *)bytes;
    size_t hend = headers_end(s, len);
    char ct[1024], boundary[256], delim[260];

    charset[0] = '\0';
    if (!header_value(s, hend, "content-type", ct, sizeof ct))
        return CRIER_E_BINARY;
    if (!param(ct, "boundary", boundary, sizeof boundary)) {
        /* a single-part message: the body is the page */
        param(ct, "charset", charset, charset_size);
        return decode_part(s, hend, s + hend, len - hend, out);
    }
    size_t dlen = (size_t)snprintf(delim, sizeof delim, "--%s", boundary);
    const char *p = s + hend, *end = s + len;
    for (;;) {
        const char *start = find_exact(p, (size_t)(end - p), delim, dlen);
        if (start == NULL)
            break;
        const char *part = start + dlen;
        if (part + 2 <= end && part[0] == '-' && part[1] == '-')
            break; /* the closing delimiter */
        while (part < end && *part != '\n')
            part++;
        if (part < end)
            part++;
        size_t ph = headers_end(part, (size_t)(end - part));
        const char *next = find_exact(part + ph, (size_t)(end - part - ph), delim, dlen);
        const char *body_end = next ? next : end;
        char pct[512] = "";
        header_value(part, ph, "content-type", pct, sizeof pct);
        if (ieq_n(pct, strlen(pct), "text/html")) {
            param(pct, "charset", charset, charset_size);
            return decode_part(part, ph, part + ph, (size_t)(body_end - part - ph), out);
        }
        p = body_end;
    }
    return CRIER_E_EMPTY; /* a MIME message without a page in it */
}
