/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "audio/id3.h"
#include "audio/lang_tag.h"

/* ID3v2.4 (id3.org id3v2.4.0-structure and -frames): a 10-byte header, then
 * frames of a 4-letter id, a 4-byte "syncsafe" size (7 bits a byte), 2 flag
 * bytes and the body. Text frames start with the encoding byte 3 (UTF-8). */

#define ID3_ENCODING_UTF8 3

static void
syncsafe(unsigned char out[4], size_t n)
{
    out[0] = (unsigned char)((n >> 21) & 0x7f);
    out[1] = (unsigned char)((n >> 14) & 0x7f);
    out[2] = (unsigned char)((n >> 7) & 0x7f);
    out[3] = (unsigned char)(n & 0x7f);
}

/* The length of s cut to max bytes at a UTF-8 character boundary. */
static size_t
cut_len(const char *s, size_t max)
{
    size_t len = strlen(s);
    if (len <= max)
        return len;
    len = max;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    return len;
}

/* prefix: bytes between the encoding byte and the text (COMM: language and an
 * empty description). */
static crier_status
put_frame(crier_buf *b, const char id[4], const char *prefix, size_t prefix_len, const char *text,
          size_t max)
{
    if (text == NULL || *text == '\0')
        return CRIER_OK;
    size_t len = cut_len(text, max);
    size_t body = 1 + prefix_len + len;
    unsigned char head[10];
    memcpy(head, id, 4);
    syncsafe(head + 4, body);
    head[8] = head[9] = 0;
    char enc = ID3_ENCODING_UTF8;
    crier_status st = crier_buf_append(b, (const char *)head, sizeof head);
    if (st == CRIER_OK)
        st = crier_buf_append(b, &enc, 1);
    if (st == CRIER_OK && prefix_len > 0)
        st = crier_buf_append(b, prefix, prefix_len);
    if (st == CRIER_OK)
        st = crier_buf_append(b, text, len);
    return st;
}

/* ID3v2.4 dates are ISO 8601 without a time zone: keep the leading
 * "yyyy-MM-ddTHH:mm:ss" characters of the article's date. */
static size_t
date_len(const char *date)
{
    size_t n = 0;
    while (
        n < 19 && date[n] != '\0' &&
        ((date[n] >= '0' && date[n] <= '9') || date[n] == '-' || date[n] == 'T' || date[n] == ':'))
        n++;
    return n;
}

crier_status
crier_id3v2_build(const crier_tags *tags, size_t max_field, crier_buf *out)
{
    crier_buf frames;
    crier_status st = CRIER_OK;
    char date[20];

    crier_buf_init(&frames, 16 * max_field + 1024);
    if (tags != NULL) {
        size_t dl = tags->date ? date_len(tags->date) : 0;
        memcpy(date, tags->date ? tags->date : "", dl);
        date[dl] = '\0';
        /* TLAN and COMM's language: ISO 639-2 ("eng"), else COMM says "und"
         * (undetermined). COMM: then an empty description. */
        char lang[4] = "und";
        bool have_lang = crier_lang_iso639_2(tags->language, lang);
        const char comm_prefix[4] = {lang[0], lang[1], lang[2], '\0'};
        if (st == CRIER_OK)
            st = put_frame(&frames, "TIT2", NULL, 0, tags->title, max_field);
        if (st == CRIER_OK)
            st = put_frame(&frames, "TPE1", NULL, 0, tags->artist, max_field);
        if (st == CRIER_OK)
            st = put_frame(&frames, "TALB", NULL, 0, tags->album, max_field);
        if (st == CRIER_OK)
            st = put_frame(&frames, "TDRC", NULL, 0, date, max_field);
        if (st == CRIER_OK && have_lang)
            st = put_frame(&frames, "TLAN", NULL, 0, lang, max_field);
        if (st == CRIER_OK)
            st = put_frame(&frames, "COMM", comm_prefix, sizeof comm_prefix, tags->comment,
                           max_field);
    }
    if (st == CRIER_OK && frames.len > 0) {
        unsigned char head[10] = {'I', 'D', '3', 4, 0, 0};
        syncsafe(head + 6, frames.len);
        st = crier_buf_append(out, (const char *)head, sizeof head);
        if (st == CRIER_OK)
            st = crier_buf_append(out, frames.data, frames.len);
    }
    crier_buf_free(&frames);
    return st;
}
