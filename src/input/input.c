/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "input/input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "input/input_internal.h"

crier_doc_hint
crier_input_hint_from_name(const char *path)
{
    static const char *const html_ext[] = { ".html", ".htm", ".xhtml", ".shtml" };
    static const char *const mhtml_ext[] = { ".mht", ".mhtml" };
    char base[4096];
    size_t n;
    if (path == NULL)
        return CRIER_HINT_NONE;
    /* "page.html.gz" is hinted by "page.html" */
    n = strlen(path);
    if (crier_ascii_ends_with_nocase(path, n, ".gz") && n - 3 < sizeof base) {
        memcpy(base, path, n - 3);
        base[n - 3] = '\0';
        path = base;
        n -= 3;
    }
    for (size_t i = 0; i < sizeof html_ext / sizeof html_ext[0]; i++)
        if (crier_ascii_ends_with_nocase(path, n, html_ext[i]))
            return CRIER_HINT_HTML;
    for (size_t i = 0; i < sizeof mhtml_ext / sizeof mhtml_ext[0]; i++)
        if (crier_ascii_ends_with_nocase(path, n, mhtml_ext[i]))
            return CRIER_HINT_HTML;
    if (crier_ascii_ends_with_nocase(path, n, ".txt"))
        return CRIER_HINT_TEXT;
    return CRIER_HINT_NONE;
}

void
crier_document_free(crier_document *doc)
{
    if (doc == NULL)
        return;
    free(doc->name);
    free(doc->text);
    free(doc->charset);
    free(doc);
}

/* Reads fd until EOF, at most max + 1 bytes, so an endless source (/dev/zero,
 * a pipe that never closes after a flood) stops at the cap. */
static crier_status
read_capped(int fd, size_t max, crier_buf *out)
{
    size_t limit = max < SIZE_MAX ? max + 1 : max;
    char chunk[65536];
    for (;;) {
        size_t want = sizeof chunk;
        if (limit - out->len < want)
            want = limit - out->len;
        if (want == 0)
            return CRIER_E_TOO_BIG;
        ssize_t n = read(fd, chunk, want);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno == EISDIR ? CRIER_E_ISDIR : CRIER_E_READ;
        }
        if (n == 0)
            break;
        crier_status st = crier_buf_append(out, chunk, (size_t)n);
        if (st != CRIER_OK)
            return st == CRIER_E_LIMIT ? CRIER_E_TOO_BIG : st;
    }
    return out->len > max ? CRIER_E_TOO_BIG : CRIER_OK;
}

crier_status
crier_input_read(const char *path, const crier_limits *lim, crier_document **ret_doc)
{
    crier_limits def = crier_limits_default();
    crier_status st = CRIER_OK;
    crier_document *doc = NULL;
    crier_buf raw;
    int fd = -1;
    bool is_stdin;

    if (path == NULL || ret_doc == NULL)
        return CRIER_E_ARG;
    if (lim == NULL)
        lim = &def;
    is_stdin = strcmp(path, "-") == 0;
    /* One spare byte past the cap tells "too big" from "exactly the cap". */
    crier_buf_init(&raw, lim->max_input_bytes < SIZE_MAX ? lim->max_input_bytes + 1 : SIZE_MAX);

    if (is_stdin) {
        fd = STDIN_FILENO;
    } else {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            st = errno == ENOENT || errno == ENOTDIR ? CRIER_E_NOENT
                 : errno == EISDIR                  ? CRIER_E_ISDIR
                 : errno == ENOMEM                  ? CRIER_E_NOMEM
                                                    : CRIER_E_READ;
            goto out;
        }
        struct stat sb;
        if (fstat(fd, &sb) != 0) {
            st = CRIER_E_READ;
            goto out;
        }
        if (S_ISDIR(sb.st_mode)) {
            st = CRIER_E_ISDIR;
            goto out;
        }
        if (S_ISREG(sb.st_mode) && (unsigned long long)sb.st_size > lim->max_input_bytes) {
            st = CRIER_E_TOO_BIG;
            goto out;
        }
    }
    st = read_capped(fd, lim->max_input_bytes, &raw);
    if (st != CRIER_OK)
        goto out;
    st = crier_input_from_bytes(is_stdin ? "-" : path, crier_buf_str(&raw), raw.len,
                                is_stdin ? CRIER_HINT_NONE : crier_input_hint_from_name(path),
                                lim, &doc);
out:
    if (fd >= 0 && !is_stdin && close(fd) != 0 && st == CRIER_OK)
        st = CRIER_E_READ;
    if (st == CRIER_OK)
        *ret_doc = doc;
    else
        crier_document_free(doc);
    crier_buf_free(&raw);
    return st;
}

/* Charsets a page declares that are better read as another: browsers read
 * Latin-1 and ASCII as Windows-1252 (a superset), and a UTF-16 declaration in
 * bytes that are not UTF-16 (no BOM) is a copy-paste mistake. */
static const char *
effective_charset(const char *declared)
{
    static const char *const as_cp1252[] = { "iso-8859-1", "iso8859-1", "latin1", "latin-1",
                                             "l1", "us-ascii", "ascii", "cp1252",
                                             "windows-1252", "x-cp1252" };
    for (size_t i = 0; i < sizeof as_cp1252 / sizeof as_cp1252[0]; i++)
        if (strcmp(declared, as_cp1252[i]) == 0)
            return "windows-1252";
    if (strcmp(declared, "utf8") == 0 || strncmp(declared, "utf-16", 6) == 0 ||
        strncmp(declared, "utf-32", 6) == 0 || strcmp(declared, "unicode") == 0 ||
        strcmp(declared, "x-user-defined") == 0)
        return "utf-8";
    /* labels browsers read as a superset (the WHATWG Encoding Standard), and
     * ones iconv does not know by that name */
    static const char *const aliases[][2] = {
        { "iso-8859-8-i", "iso-8859-8" }, { "iso-8859-8-e", "iso-8859-8" },
        { "iso-8859-6-i", "iso-8859-6" }, { "iso-8859-6-e", "iso-8859-6" },
        { "iso-8859-9", "windows-1254" }, { "latin5", "windows-1254" },
        { "iso-8859-11", "windows-874" }, { "tis-620", "windows-874" },
        { "gb2312", "gbk" },              { "x-gbk", "gbk" },
        { "ks_c_5601-1987", "cp949" },    { "euc-kr", "cp949" },
        { "big5", "big5-hkscs" },         { "x-sjis", "shift_jis" },
        { "ms_kanji", "shift_jis" },      { "windows-31j", "cp932" },
    };
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(declared, aliases[i][0]) == 0)
            return aliases[i][1];
    return declared;
}

/* True when s holds at least one multi-byte UTF-8 sequence and nothing invalid:
 * such a page was re-saved as UTF-8 even if its old <meta> says otherwise. */
static bool
is_nontrivial_utf8(const unsigned char *s, size_t len)
{
    bool multi = false;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = crier_utf8_decode((const char *)s + i, len - i, &cp);
        if (n == 0)
            return false;
        multi = true;
        i += n;
    }
    return multi;
}

static bool
only_white_space(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = crier_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            return false;
        if (!crier_is_unicode_space(cp) && cp != 0xFEFF && cp != 0x200B)
            return false;
        i += n;
    }
    return true;
}

static bool
starts_with_ci_skip_space(const char *s, size_t len, const char *lit)
{
    size_t i = 0, k = strlen(lit);
    while (i < len && crier_is_ascii_space((unsigned char)s[i]))
        i++;
    if (len - i < k)
        return false;
    for (size_t j = 0; j < k; j++)
        if (crier_ascii_lower((unsigned char)s[i + j]) != (unsigned char)lit[j])
            return false;
    return true;
}

/* HTML when the text starts like a page, or shows several common tags early. */
static crier_doc_kind
sniff_kind(const char *s, size_t len)
{
    static const char *const starts[] = { "<!doctype html", "<html", "<head", "<body",
                                          "<?xml", "<!--", "<script", "<meta", "<title",
                                          "<link", "<style", "<article", "<div", "<p>",
                                          "<section", "<main", "<table", "<h1" };
    static const char *const tags[] = { "<p>", "<p ", "</p>", "<div", "<br", "<a href",
                                        "<span", "<table", "<li>", "<h1", "<h2", "<meta",
                                        "<title>" };
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
        if (starts_with_ci_skip_space(s, len, starts[i]))
            return CRIER_DOC_HTML;
    size_t n = len < 8192 ? len : 8192, hits = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<')
            continue;
        for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
            size_t k = strlen(tags[t]);
            if (n - i >= k && starts_with_ci_skip_space(s + i, k, tags[t])) {
                hits++;
                break;
            }
        }
    }
    return hits >= 3 ? CRIER_DOC_HTML : CRIER_DOC_TEXT;
}

/* Decodes one page's bytes. transport: the charset a container declared for
 * them (an MHTML part's header), or NULL; it beats <meta>, a BOM beats it. */
static crier_status
decode_page(const char *name, const unsigned char *b, size_t len, crier_doc_hint hint,
            const crier_limits *lim, const char *transport, crier_document **ret_doc)
{
    crier_status st = CRIER_OK;
    crier_document *doc = NULL;
    crier_buf text;
    char declared[64] = "";
    const char *charset = NULL;
    size_t skip = 0;

    /* Decoded text may grow (Latin-1 bytes become two UTF-8 bytes each). */
    crier_buf_init(&text, len > CRIER_BUF_DEFAULT_MAX / 3 ? len * 3 : CRIER_BUF_DEFAULT_MAX);
    if (len == 0) {
        st = CRIER_E_EMPTY;
        goto out;
    }

    charset = input_bom_charset(b, len, &skip);
    b += skip;
    len -= skip;
    if (charset == NULL)
        charset = input_sniff_utf16(b, len);
    if (charset != NULL && strncmp(charset, "utf-16", 6) == 0) {
        st = input_iconv(charset, b, len, &text);
    } else {
        if (charset == NULL && transport != NULL && transport[0] != '\0') {
            size_t i = 0;
            for (; transport[i] && i + 1 < sizeof declared; i++)
                declared[i] = (char)crier_ascii_lower((unsigned char)transport[i]);
            declared[i] = '\0';
            charset = effective_charset(declared);
        }
        if (charset == NULL && input_sniff_declared_charset(b, len, declared, sizeof declared))
            charset = effective_charset(declared);
        if (charset != NULL && strcmp(charset, "utf-8") != 0 && is_nontrivial_utf8(b, len))
            charset = "utf-8";
        bool utf8_expected = charset == NULL || strcmp(charset, "utf-8") == 0;
        if (input_looks_binary(b, len, utf8_expected)) {
            st = CRIER_E_BINARY;
            goto out;
        }
        if (!utf8_expected) {
            st = input_iconv(charset, b, len, &text);
            if (st == CRIER_E_ARG) /* a charset iconv does not know */
                charset = NULL;
        }
        if (utf8_expected || charset == NULL) {
            charset = "utf-8";
            st = input_utf8_repair(b, len, &text);
        }
    }
    if (st == CRIER_E_LIMIT)
        st = CRIER_E_TOO_BIG;
    if (st != CRIER_OK)
        goto out;
    if (only_white_space(crier_buf_str(&text), text.len)) {
        st = CRIER_E_EMPTY;
        goto out;
    }

    doc = calloc(1, sizeof *doc);
    if (doc == NULL) {
        st = CRIER_E_NOMEM;
        goto out;
    }
    doc->name = crier_strndup(name ? name : "-", strlen(name ? name : "-"));
    doc->charset = crier_strndup(charset, strlen(charset));
    doc->len = text.len;
    doc->text = crier_buf_steal(&text);
    if (doc->name == NULL || doc->charset == NULL || doc->text == NULL) {
        st = CRIER_E_NOMEM;
        goto out;
    }
    doc->kind = hint == CRIER_HINT_HTML   ? CRIER_DOC_HTML
                : hint == CRIER_HINT_TEXT ? CRIER_DOC_TEXT
                                          : sniff_kind(doc->text, doc->len);
    *ret_doc = doc;
    doc = NULL;
out:
    crier_document_free(doc);
    crier_buf_free(&text);
    return st;
}

crier_status
crier_input_from_bytes(const char *name, const void *bytes, size_t len, crier_doc_hint hint,
                       const crier_limits *lim, crier_document **ret_doc)
{
    crier_limits def = crier_limits_default();
    const unsigned char *b = bytes;
    crier_status st = CRIER_OK;
    crier_buf inflated, page;
    char charset[64] = "";

    if (ret_doc == NULL || (bytes == NULL && len > 0))
        return CRIER_E_ARG;
    if (lim == NULL)
        lim = &def;
    if (len > lim->max_input_bytes)
        return CRIER_E_TOO_BIG;
    crier_buf_init(&inflated, lim->max_input_bytes);
    crier_buf_init(&page, lim->max_input_bytes);
    if (input_is_gzip(b, len)) {
        st = input_gunzip(b, len, lim->max_input_bytes, &inflated);
        if (st != CRIER_OK)
            goto out;
        b = (const unsigned char *)crier_buf_str(&inflated);
        len = inflated.len;
    }
    if (input_is_mhtml(b, len)) {
        st = input_mhtml_page(b, len, &page, charset, sizeof charset);
        if (st == CRIER_E_LIMIT)
            st = CRIER_E_TOO_BIG;
        if (st != CRIER_OK)
            goto out;
        b = (const unsigned char *)crier_buf_str(&page);
        len = page.len;
        hint = CRIER_HINT_HTML;
    }
    st = decode_page(name, b, len, hint, lim, charset, ret_doc);
out:
    crier_buf_free(&inflated);
    crier_buf_free(&page);
    return st;
}
