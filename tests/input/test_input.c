/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "input/input.h"
#ifdef CRIER_HAVE_ZLIB
#include <zlib.h>
#endif

static char tmpdir[64];

static int
setup_dir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "%s", "/tmp/crier-input-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int
remove_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *
write_file(const char *name, const void *bytes, size_t len)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* Decodes bytes (no hint) and returns the document; fails the test on error. */
static crier_document *
decode(const char *bytes, size_t len)
{
    crier_document *doc = NULL;
    assert_int_equal(crier_input_from_bytes("t", bytes, len, CRIER_HINT_NONE, NULL, &doc),
                     CRIER_OK);
    assert_non_null(doc);
    assert_true(crier_utf8_valid(doc->text, doc->len));
    assert_int_equal(strlen(doc->text), doc->len);
    return doc;
}

#define DECODE_LIT(s) decode((s), sizeof(s) - 1)

static crier_status
decode_status(const char *bytes, size_t len)
{
    crier_document *doc = NULL;
    crier_status st = crier_input_from_bytes("t", bytes, len, CRIER_HINT_NONE, NULL, &doc);
    if (st != CRIER_OK)
        assert_null(doc);
    crier_document_free(doc);
    return st;
}

static void
bom_utf8_is_removed(void **state)
{
    (void)state;
    crier_document *doc = decode("\xEF\xBB\xBFhello caf\xC3\xA9", 14);
    assert_string_equal(doc->text, "hello caf\xC3\xA9");
    assert_string_equal(doc->charset, "utf-8");
    crier_document_free(doc);
}

static void
bom_utf16_le_and_be(void **state)
{
    (void)state;
    crier_document *doc = decode("\xFF\xFEh\0\xE9\0!\0", 8);
    assert_string_equal(doc->text, "h\xC3\xA9!");
    assert_string_equal(doc->charset, "utf-16le");
    crier_document_free(doc);
    doc = decode("\xFE\xFF\0h\x05\xD0", 6);
    assert_string_equal(doc->text, "h\xD7\x90");
    crier_document_free(doc);
}

static void
meta_charset_windows_1252(void **state)
{
    (void)state;
    const char *page = "<html><head><meta charset=\"windows-1252\"></head>"
                       "<body><p>It\x92s a caf\xE9 \x80 5</p></body></html>";
    crier_document *doc = decode(page, strlen(page));
    assert_non_null(strstr(doc->text, "It\xE2\x80\x99s a caf\xC3\xA9 \xE2\x82\xAC 5"));
    assert_string_equal(doc->charset, "windows-1252");
    assert_int_equal(doc->kind, CRIER_DOC_HTML);
    crier_document_free(doc);
}

static void
http_equiv_iso_8859_1_reads_as_cp1252(void **state)
{
    (void)state;
    const char *page = "<html><head><meta http-equiv=\"Content-Type\" "
                       "content=\"text/html; charset=ISO-8859-1\"></head>"
                       "<body><p>\x93Na\xEFve\x94</p></body></html>";
    crier_document *doc = decode(page, strlen(page));
    assert_non_null(strstr(doc->text, "\xE2\x80\x9CNa\xC3\xAFve\xE2\x80\x9D"));
    crier_document_free(doc);
}

static void
meta_charset_iso_8859_8_hebrew(void **state)
{
    (void)state;
    const char *page = "<html><head><meta charset='iso-8859-8'></head>"
                       "<body><p>\xF9\xEC\xE5\xED</p></body></html>";
    crier_document *doc = decode(page, strlen(page));
    /* shin lamed vav final-mem */
    assert_non_null(strstr(doc->text, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D"));
    assert_string_equal(doc->charset, "iso-8859-8");
    crier_document_free(doc);
}

static void
whatwg_labels_iconv_does_not_know(void **state)
{
    (void)state;
    /* iso-8859-8-i (logical-order Hebrew) is iso-8859-8 to iconv */
    const char *page = "<html><head><meta charset=\"ISO-8859-8-I\"></head>"
                       "<body><p>\xF9\xEC\xE5\xED</p></body></html>";
    crier_document *doc = decode(page, strlen(page));
    assert_non_null(strstr(doc->text, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D"));
    crier_document_free(doc);
}

static void
declared_legacy_but_utf8_bytes_stay_utf8(void **state)
{
    (void)state;
    const char *page = "<html><head><meta charset=iso-8859-1></head>"
                       "<body><p>caf\xC3\xA9</p></body></html>";
    crier_document *doc = decode(page, strlen(page));
    assert_non_null(strstr(doc->text, "caf\xC3\xA9</p>"));
    assert_string_equal(doc->charset, "utf-8");
    crier_document_free(doc);
}

static void
unknown_charset_is_utf8_with_repair(void **state)
{
    (void)state;
    const char *page = "<html><head><meta charset=x-no-such-charset></head>"
                       "<body><p>caf\xE9 ok</p></body></html>";
    crier_document *doc = decode(page, strlen(page));
    assert_non_null(strstr(doc->text, "caf\xC3\xA9 ok"));
    crier_document_free(doc);
}

static void
invalid_utf8_bytes_repaired_as_cp1252(void **state)
{
    (void)state;
    crier_document *doc = DECODE_LIT("caf\xE9 \x93quoted\x94 \x81 ok \xC3\xA9");
    assert_string_equal(doc->text,
                        "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xEF\xBF\xBD ok \xC3\xA9");
    crier_document_free(doc);
}

static void
binary_is_refused(void **state)
{
    (void)state;
    static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10";
    assert_int_equal(decode_status(png, sizeof png - 1), CRIER_E_BINARY);
    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)((i * 7919u + 13u) % 255u + 1u); /* no NUL, many controls */
    assert_int_equal(decode_status(junk, sizeof junk), CRIER_E_BINARY);
}

/* UTF-16 with no byte-order mark, either byte order, is decoded. */
static void
utf16_without_bom(void **state)
{
    (void)state;
    static const char *const page = "<html><body><p>Caf\xC3\xA9 owners met on Tuesday.</p></body></html>";
    size_t n = strlen(page);
    char le[256], be[256];
    /* ASCII plus one Latin-1 letter: each byte is one code unit. */
    size_t u = 0;
    for (size_t i = 0; i < n; i++, u++) {
        unsigned cp = (unsigned char)page[i];
        if (cp == 0xC3) {
            cp = 0xC0 | ((unsigned char)page[++i] & 0x3F);
        }
        le[2 * u] = (char)cp, le[2 * u + 1] = 0;
        be[2 * u] = 0, be[2 * u + 1] = (char)cp;
    }
    crier_document *doc = decode(le, 2 * u);
    assert_string_equal(doc->charset, "utf-16le");
    assert_non_null(strstr(doc->text, "Caf\xC3\xA9 owners met on Tuesday."));
    crier_document_free(doc);
    doc = decode(be, 2 * u);
    assert_string_equal(doc->charset, "utf-16be");
    assert_non_null(strstr(doc->text, "Caf\xC3\xA9 owners met on Tuesday."));
    crier_document_free(doc);
}

/* A stray NUL early in a page is dropped, not taken for binary data. */
static void
early_stray_nul_is_dropped(void **state)
{
    (void)state;
    static const char page[] = "<html><body><p>Before\0after the NUL byte, the story goes on as "
                               "before and ends with a full stop.</p></body></html>";
    crier_document *doc = decode(page, sizeof page - 1);
    assert_non_null(strstr(doc->text, "Beforeafter the NUL byte"));
    crier_document_free(doc);
}

static void
few_late_nuls_are_stripped(void **state)
{
    (void)state;
    char text[2100];
    memset(text, 'a', sizeof text);
    text[2000] = '\0';
    text[2050] = ' ';
    crier_document *doc = decode(text, sizeof text);
    assert_int_equal(doc->len, sizeof text - 1);
    crier_document_free(doc);
}

static void
empty_and_white_space_only(void **state)
{
    (void)state;
    assert_int_equal(decode_status("", 0), CRIER_E_EMPTY);
    assert_int_equal(decode_status(" \n\t\r\n\xC2\xA0 ", 8), CRIER_E_EMPTY);
    assert_int_equal(decode_status("\xEF\xBB\xBF", 3), CRIER_E_EMPTY);
}

static void
file_errors(void **state)
{
    (void)state;
    crier_document *doc = NULL;
    char path[256];
    snprintf(path, sizeof path, "%s/missing.html", tmpdir);
    assert_int_equal(crier_input_read(path, NULL, &doc), CRIER_E_NOENT);
    assert_int_equal(crier_input_read(tmpdir, NULL, &doc), CRIER_E_ISDIR);
    const char *empty = write_file("empty.txt", "", 0);
    assert_int_equal(crier_input_read(empty, NULL, &doc), CRIER_E_EMPTY);
    if (geteuid() != 0) { /* root reads anything */
        const char *locked = write_file("locked.txt", "text", 4);
        assert_int_equal(chmod(locked, 0), 0);
        assert_int_equal(crier_input_read(locked, NULL, &doc), CRIER_E_READ);
    }
    assert_null(doc);
}

static void
size_cap(void **state)
{
    (void)state;
    crier_limits lim = crier_limits_default();
    crier_document *doc = NULL;
    lim.max_input_bytes = 10;
    const char *p = write_file("big.txt", "01234567890", 11);
    assert_int_equal(crier_input_read(p, &lim, &doc), CRIER_E_TOO_BIG);
    p = write_file("fits.txt", "0123456789", 10);
    assert_int_equal(crier_input_read(p, &lim, &doc), CRIER_OK);
    assert_string_equal(doc->text, "0123456789");
    assert_int_equal(doc->kind, CRIER_DOC_TEXT);
    crier_document_free(doc);
    doc = NULL;
    assert_int_equal(crier_input_from_bytes("x", "01234567890", 11, CRIER_HINT_NONE, &lim, &doc),
                     CRIER_E_TOO_BIG);
    /* an endless device stops at the cap instead of hanging */
    lim.max_input_bytes = 1 << 16;
    assert_int_equal(crier_input_read("/dev/zero", &lim, &doc), CRIER_E_TOO_BIG);
    assert_null(doc);
}

static void
reads_stdin(void **state)
{
    (void)state;
    const char *p = write_file("in.html", "<p>from stdin</p><p>x</p><div>y</div>", 37);
    int saved = dup(STDIN_FILENO), fd = open(p, O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    crier_document *doc = NULL;
    crier_status st = crier_input_read("-", NULL, &doc);
    dup2(saved, STDIN_FILENO);
    close(saved);
    assert_int_equal(st, CRIER_OK);
    assert_string_equal(doc->name, "-");
    assert_int_equal(doc->kind, CRIER_DOC_HTML); /* sniffed: several tags */
    crier_document_free(doc);
}

static void
hint_and_sniffing(void **state)
{
    (void)state;
    assert_int_equal(crier_input_hint_from_name("a/page.HTML"), CRIER_HINT_HTML);
    assert_int_equal(crier_input_hint_from_name("page.htm"), CRIER_HINT_HTML);
    assert_int_equal(crier_input_hint_from_name("page.xhtml"), CRIER_HINT_HTML);
    assert_int_equal(crier_input_hint_from_name("page.shtml"), CRIER_HINT_HTML);
    assert_int_equal(crier_input_hint_from_name("notes.txt"), CRIER_HINT_TEXT);
    assert_int_equal(crier_input_hint_from_name("README"), CRIER_HINT_NONE);

    crier_document *doc = decode("  <!DOCTYPE html><title>x</title>", 33);
    assert_int_equal(doc->kind, CRIER_DOC_HTML);
    crier_document_free(doc);
    doc = decode("<body>hi", 8);
    assert_int_equal(doc->kind, CRIER_DOC_HTML);
    crier_document_free(doc);
    doc = decode("Plain words, and 3 < 4 > 2.\n", 28);
    assert_int_equal(doc->kind, CRIER_DOC_TEXT);
    crier_document_free(doc);
    /* a .txt hint wins over markup-looking text */
    doc = NULL;
    assert_int_equal(crier_input_from_bytes("x.txt", "<html>", 6, CRIER_HINT_TEXT, NULL, &doc),
                     CRIER_OK);
    assert_int_equal(doc->kind, CRIER_DOC_TEXT);
    crier_document_free(doc);
}

static void
output_is_always_valid_utf8(void **state)
{
    (void)state;
    char mixed[512];
    for (size_t i = 0; i < sizeof mixed; i++)
        mixed[i] = (char)(i % 5 == 0 ? 0x80u + (unsigned)(i % 128) : 'a' + (unsigned)(i % 26));
    crier_document *doc = decode(mixed, sizeof mixed);
    crier_document_free(doc);
    /* truncated sequence at the end, overlong, surrogate */
    doc = DECODE_LIT("a line of ordinary text, then: truncated \xE2\x82 overlong \xC0\xAF "
                     "surrogate \xED\xA0\x80 and a cut emoji \xF0\x9F");
    crier_document_free(doc);
}

static void
mhtml_quoted_printable_page(void **state)
{
    (void)state;
    const char *mht =
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: https://news.example/a\r\n"
        "Subject: A page\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/related;\r\n"
        "\ttype=\"text/html\";\r\n"
        "\tboundary=\"----MultipartBoundary--abc----\"\r\n"
        "\r\n"
        "------MultipartBoundary--abc----\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "\r\n"
        "iVBORw0KGgo=\r\n"
        "------MultipartBoundary--abc----\r\n"
        "Content-Type: text/html; charset=\"windows-1252\"\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://news.example/a\r\n"
        "\r\n"
        "<html><body><p class=3D\"x\">It=92s a caf=E9, a long line that was wr=\r\n"
        "apped.</p></body></html>\r\n"
        "------MultipartBoundary--abc------\r\n";
    crier_document *doc = NULL;
    assert_int_equal(crier_input_from_bytes("a.mhtml", mht, strlen(mht), CRIER_HINT_NONE, NULL,
                                            &doc),
                     CRIER_OK);
    assert_int_equal(doc->kind, CRIER_DOC_HTML);
    assert_non_null(strstr(doc->text, "<p class=\"x\">It\xE2\x80\x99s a caf\xC3\xA9, a long line "
                                      "that was wrapped.</p>"));
    assert_null(strstr(doc->text, "MultipartBoundary"));
    crier_document_free(doc);
}

static void
mhtml_base64_and_no_page(void **state)
{
    (void)state;
    /* "<p>Hello</p>" in base64 */
    const char *mht = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b1\n\n"
                      "--b1\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n"
                      "PHA+SGVs\nbG88L3A+\n--b1--\n";
    crier_document *doc = NULL;
    assert_int_equal(crier_input_from_bytes("a.mht", mht, strlen(mht), CRIER_HINT_NONE, NULL, &doc),
                     CRIER_OK);
    assert_string_equal(doc->text, "<p>Hello</p>");
    crier_document_free(doc);
    doc = NULL;
    const char *no_page = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b1\n\n"
                          "--b1\nContent-Type: image/gif\n\nGIF89a\n--b1--\n";
    assert_int_equal(crier_input_from_bytes("a.mht", no_page, strlen(no_page), CRIER_HINT_NONE,
                                            NULL, &doc),
                     CRIER_E_EMPTY);
    assert_int_equal(crier_input_hint_from_name("page.MHT"), CRIER_HINT_HTML);
}

static void
gzip_pages(void **state)
{
    (void)state;
    assert_int_equal(crier_input_hint_from_name("saved/page.html.gz"), CRIER_HINT_HTML);
    assert_int_equal(crier_input_hint_from_name("notes.txt.gz"), CRIER_HINT_TEXT);
    /* corrupt: gzip magic, garbage after */
    crier_document *doc = NULL;
    assert_int_equal(crier_input_from_bytes("x.gz", "\x1F\x8B\x08\x00garbage-garbage", 19,
                                            CRIER_HINT_NONE, NULL, &doc),
                     CRIER_E_BINARY);
#ifdef CRIER_HAVE_ZLIB
    /* a real gzip stream, and a bomb past the cap */
    crier_buf plain;
    crier_buf_init(&plain, CRIER_BUF_DEFAULT_MAX);
    assert_int_equal(crier_buf_puts(&plain, "<html><body><p>zipped caf\xC3\xA9</p>"), CRIER_OK);
    for (int i = 0; i < 20000; i++)
        assert_int_equal(crier_buf_puts(&plain, "<p>again and again</p>"), CRIER_OK);
    unsigned char *gz = malloc(plain.len + 1024);
    assert_non_null(gz);
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (unsigned char *)plain.data;
    z.avail_in = (unsigned)plain.len;
    z.next_out = gz;
    z.avail_out = (unsigned)(plain.len + 1024);
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t gz_len = z.total_out;
    deflateEnd(&z);
    assert_int_equal(crier_input_from_bytes("p.html.gz", gz, gz_len, CRIER_HINT_HTML, NULL, &doc),
                     CRIER_OK);
    assert_int_equal(doc->len, plain.len);
    assert_non_null(strstr(doc->text, "zipped caf\xC3\xA9"));
    crier_document_free(doc);
    doc = NULL;
    crier_limits lim = crier_limits_default();
    lim.max_input_bytes = 100000; /* the gzip fits, its content does not */
    assert_true(gz_len < lim.max_input_bytes && plain.len > lim.max_input_bytes);
    assert_int_equal(crier_input_from_bytes("p.html.gz", gz, gz_len, CRIER_HINT_HTML, &lim, &doc),
                     CRIER_E_TOO_BIG);
    assert_null(doc);
    free(gz);
    crier_buf_free(&plain);
#endif
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bom_utf8_is_removed),
        cmocka_unit_test(bom_utf16_le_and_be),
        cmocka_unit_test(meta_charset_windows_1252),
        cmocka_unit_test(http_equiv_iso_8859_1_reads_as_cp1252),
        cmocka_unit_test(meta_charset_iso_8859_8_hebrew),
        cmocka_unit_test(declared_legacy_but_utf8_bytes_stay_utf8),
        cmocka_unit_test(whatwg_labels_iconv_does_not_know),
        cmocka_unit_test(unknown_charset_is_utf8_with_repair),
        cmocka_unit_test(invalid_utf8_bytes_repaired_as_cp1252),
        cmocka_unit_test(binary_is_refused),
        cmocka_unit_test(few_late_nuls_are_stripped),
        cmocka_unit_test(utf16_without_bom),
        cmocka_unit_test(early_stray_nul_is_dropped),
        cmocka_unit_test(empty_and_white_space_only),
        cmocka_unit_test(file_errors),
        cmocka_unit_test(size_cap),
        cmocka_unit_test(reads_stdin),
        cmocka_unit_test(hint_and_sniffing),
        cmocka_unit_test(output_is_always_valid_utf8),
        cmocka_unit_test(mhtml_quoted_printable_page),
        cmocka_unit_test(mhtml_base64_and_no_page),
        cmocka_unit_test(gzip_pages),
    };
    return cmocka_run_group_tests(tests, setup_dir, remove_dir);
}
