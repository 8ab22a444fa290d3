/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "audio/lang_tag.h"

/* The language tag goes in through a stand-in that libsndfile does write (it
 * has no SF_STR_ for a language): a LICENSE comment (Vorbis, Opus, FLAC) whose
 * entry is exactly as long as the LANGUAGE entry that replaces it, or a WAV
 * ICOP (copyright) chunk holding the tag, renamed ILNG. Nothing moves: no
 * offset, page count or chunk size changes, so Ogg pages need only a new CRC
 * and FLAC's and WAV's headers stay where libsndfile put them. crier never
 * sets a copyright or license, so the stand-in is ours. */

/* ISO 639-1 to ISO 639-2/T (the codes BCP 47 and ISO 639-3 share), five
 * letters a row, sorted; from Debian's iso-codes (iso_639-2.json). */
static const char iso639[] =
    "aaaarababkaeaveafafrakakaamamhanargararaasasmavavaayaymazazebabakbebelbgbulbhbihbibisbmbam"
    "bnbenbobodbrbrebsboscacatcechechchacocoscrcrecscescuchucvchvcycymdadandedeudvdivdzdzoeeewe"
    "elellenengeoepoesspaetesteueusfafasfffulfifinfjfijfofaofrfrafyfrygaglegdglaglglggngrnguguj"
    "gvglvhahauhehebhihinhohmohrhrvhthathuhunhyhyehzheriainaidindieileigiboiiiiiikipkioidoisisl"
    "ititaiuikujajpnjvjavkakatkgkonkikikkjkuakkkazklkalkmkhmknkankokorkrkaukskaskukurkvkomkwcor"
    "kykirlalatlbltzlgluglilimlnlinlolaoltlitlulublvlavmgmlgmhmahmimrimkmkdmlmalmnmonmrmarmsmsa"
    "mtmltmymyananaunbnobndndenenepngndonlnldnnnnononornrnblnvnavnynyaocociojojiomormororiososs"
    "papanpipliplpolpspusptporququermrohrnrunroronrurusrwkinsasanscsrdsdsndsesmesgsagsisinskslk"
    "slslvsmsmosnsnasosomsqsqisrsrpsssswstsotsusunsvsweswswatatamteteltgtgkththatitirtktuktltgl"
    "tntsntotontrturtstsotttattwtwitytahuguigukukrururduzuzbvevenvivievovolwawlnwowolxhxhoyiyid"
    "yoyorzazhazhzhozuzul";

#define LANG_TAG_MAX 35 /* BCP 47's longest useful tag (RFC 5646 4.4.1) */

bool
crier_lang_tag_valid(const char *lang)
{
    size_t n = 0;
    if (lang == NULL || !((lang[0] >= 'a' && lang[0] <= 'z') || (lang[0] >= 'A' && lang[0] <= 'Z')))
        return false;
    for (; lang[n] != '\0'; n++) {
        char c = lang[n];
        if (n >= LANG_TAG_MAX || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                   (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    }
    return true;
}

static char
lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool
crier_lang_iso639_2(const char *lang, char ret_code[4])
{
    if (!crier_lang_tag_valid(lang))
        return false;
    size_t n = strcspn(lang, "-_");
    char p[3];
    if (n == 3) { /* already a three-letter code */
        for (size_t i = 0; i < 3; i++)
            ret_code[i] = lower(lang[i]);
        ret_code[3] = '\0';
        return true;
    }
    if (n != 2)
        return false;
    p[0] = lower(lang[0]);
    p[1] = lower(lang[1]);
    for (size_t i = 0; i + 5 <= sizeof iso639 - 1; i += 5)
        if (iso639[i] == p[0] && iso639[i + 1] == p[1]) {
            memcpy(ret_code, iso639 + i + 2, 3);
            ret_code[3] = '\0';
            return true;
        }
    return false;
}

static void
put_le32(unsigned char *p, size_t v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)((v >> 8) & 0xff);
    p[2] = (unsigned char)((v >> 16) & 0xff);
    p[3] = (unsigned char)((v >> 24) & 0xff);
}

static uint32_t
get_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

crier_status
crier_lang_patch_init(struct crier_lang_patch *p, crier_lang_kind kind, const char *lang)
{
    memset(p, 0, sizeof *p);
    crier_buf_init(&p->held, CRIER_LANG_HELD_MAX);
    if (kind == CRIER_LANG_NONE || !crier_lang_tag_valid(lang))
        return CRIER_OK;
    size_t len = strlen(lang);
    p->kind = kind;
    if (kind == CRIER_LANG_WAV) {
        /* "ICOP", its size, the tag and NULs to an even size (as libsndfile
         * writes it): becomes "ILNG". */
        size_t size = (len + 2) & ~(size_t)1;
        memcpy(p->from, "ICOP", 4);
        put_le32(p->from + 4, size);
        memcpy(p->from + 8, lang, len); /* the rest: memset's zeros */
        p->len = 8 + size;
        memcpy(p->to, p->from, p->len);
        memcpy(p->to, "ILNG", 4);
        memcpy(p->stand_in, lang, len + 1);
        return CRIER_OK;
    }
    /* A comment entry: its length, then "LICENSE=#en" (libsndfile writes the
     * key in capitals in Ogg, in small letters in FLAC), becoming "LANGUAGE=en". */
    const char *key = kind == CRIER_LANG_FLAC ? "license=" : "LICENSE=";
    p->stand_in[0] = '#';
    memcpy(p->stand_in + 1, lang, len + 1);
    put_le32(p->from, 8 + 1 + len);
    memcpy(p->from + 4, key, 8);
    memcpy(p->from + 12, p->stand_in, len + 1);
    p->len = 4 + 8 + 1 + len;
    memcpy(p->to, p->from, 4);
    memcpy(p->to + 4, "LANGUAGE=", 9);
    memcpy(p->to + 13, lang, len);
    return CRIER_OK;
}

void
crier_lang_patch_free(struct crier_lang_patch *p)
{
    crier_buf_free(&p->held);
}

/* Replaces the stand-in inside data[0..len); true when it was there. */
static bool
replace(struct crier_lang_patch *p, unsigned char *data, size_t len)
{
    for (size_t i = 0; i + p->len <= len; i++)
        if (data[i] == p->from[0] && memcmp(data + i, p->from, p->len) == 0) {
            memcpy(data + i, p->to, p->len);
            return true;
        }
    return false;
}

/* Ogg's page checksum: CRC-32, polynomial 0x04c11db7, MSB first, initial 0. */
static uint32_t
ogg_crc(const unsigned char *data, size_t len, uint32_t crc)
{
    for (size_t i = 0; i < len; i++) {
        crc ^= (uint32_t)data[i] << 24;
        for (int b = 0; b < 8; b++)
            crc = crc & 0x80000000u ? crc << 1 ^ 0x04c11db7u : crc << 1;
    }
    return crc;
}

/* The length of the complete Ogg page at data, 0 if incomplete, SIZE_MAX if
 * this is not a page. */
static size_t
ogg_page_len(const unsigned char *data, size_t len)
{
    if (len < 27)
        return 0;
    if (memcmp(data, "OggS", 4) != 0)
        return SIZE_MAX;
    size_t head = 27 + (size_t)data[26];
    if (len < head)
        return 0;
    size_t body = 0;
    for (size_t i = 27; i < head; i++)
        body += data[i];
    return len < head + body ? 0 : head + body;
}

crier_status
crier_lang_patch_ogg(struct crier_lang_patch *p, const void *data, size_t len,
                     crier_lang_write_fn write_fn, void *user)
{
    if (p->kind != CRIER_LANG_OGG || p->done)
        return write_fn(user, data, len);
    crier_status st = crier_buf_append(&p->held, data, len);
    if (st != CRIER_OK)
        return st == CRIER_E_LIMIT ? CRIER_E_ENCODE : st;
    unsigned char *held = (unsigned char *)p->held.data;
    size_t at = 0, page;
    while (!p->done && (page = ogg_page_len(held + at, p->held.len - at)) != 0) {
        if (page == SIZE_MAX)
            return CRIER_E_ENCODE;
        size_t head = 27 + (size_t)held[at + 26];
        if (replace(p, held + at + head, page - head)) {
            memset(held + at + 22, 0, 4);
            put_le32(held + at + 22, ogg_crc(held + at, page, 0));
            p->done = true;
        }
        at += page;
    }
    if (!p->done)
        return CRIER_OK; /* the comment page is not complete yet */
    st = write_fn(user, p->held.data, p->held.len);
    crier_buf_free(&p->held);
    return st;
}

crier_status
crier_lang_patch_finish(struct crier_lang_patch *p, int fd, off_t base)
{
    unsigned char head[CRIER_LANG_HEAD_MAX];
    ssize_t n;

    if (p->kind == CRIER_LANG_NONE)
        return CRIER_OK;
    if (p->kind == CRIER_LANG_OGG)
        return p->done ? CRIER_OK : CRIER_E_ENCODE;
    /* FLAC and WAV: the tags are in the header libsndfile wrote at the start. */
    if ((n = pread(fd, head, sizeof head, base)) < 12)
        return CRIER_E_ENCODE;
    size_t got = (size_t)n, from = 0, to = 0;
    if (p->kind == CRIER_LANG_FLAC) {
        /* "fLaC", then blocks: a type byte (top bit: the last one), a 24-bit
         * length. The comments are block type 4. */
        size_t at = 4;
        if (memcmp(head, "fLaC", 4) != 0)
            return CRIER_E_ENCODE;
        while (at + 4 <= got) {
            size_t blen = (size_t)head[at + 1] << 16 | (size_t)head[at + 2] << 8 | head[at + 3];
            if ((head[at] & 0x7f) == 4) {
                from = at + 4;
                to = from + blen;
                break;
            }
            if (head[at] & 0x80)
                break;
            at += 4 + blen;
        }
    } else {
        /* RIFF chunks after "RIFF", size, "WAVE": the tags are LIST "INFO". */
        size_t at = 12;
        if (memcmp(head, "RIFF", 4) != 0 || memcmp(head + 8, "WAVE", 4) != 0)
            return CRIER_E_ENCODE;
        while (at + 12 <= got) {
            size_t clen = get_le32(head + at + 4);
            if (memcmp(head + at, "LIST", 4) == 0 && memcmp(head + at + 8, "INFO", 4) == 0) {
                from = at + 12;
                to = at + 8 + clen;
                break;
            }
            at += 8 + clen + (clen & 1);
        }
    }
    if (to > got || from == to || !replace(p, head + from, to - from))
        return CRIER_E_ENCODE;
    if (pwrite(fd, head + from, to - from, base + (off_t)from) != (ssize_t)(to - from))
        return CRIER_E_WRITE;
    p->done = true;
    return CRIER_OK;
}
