/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audio/audio.h"
#include "audio/lang_tag.h"
#include "core/buf.h"

#define RATE 22050

/* A fresh empty folder under $TMPDIR, removed (with its files) by rm_dir. */
static char *
make_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char templ[512];
    snprintf(templ, sizeof templ, "%s/crier-audio-XXXXXX", tmp ? tmp : "/tmp");
    char *dir = mkdtemp(templ);
    assert_non_null(dir);
    return strdup(dir);
}

static size_t
count_entries(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static void
rm_dir(char *dir)
{
    DIR *d = opendir(dir);
    if (d != NULL) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            char p[1024];
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(dir);
    free(dir);
}

static char *
join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* n frames of a 440 Hz tone at about -12 dBFS, starting at frame `from`. */
static void
tone(short *pcm, size_t n, size_t from)
{
    for (size_t i = 0; i < n; i++)
        pcm[i] = (short)(8000.0 * sin(2.0 * M_PI * 440.0 * (double)(from + i) / RATE));
}

/* Writes n_frames of tone in uneven pieces, one of them larger than a chunk. */
static crier_status
write_tone(crier_sink *sink, size_t n_frames)
{
    static const size_t pieces[] = {1, 777, 3 * CRIER_AUDIO_CHUNK_FRAMES + 5, 100, 4096};
    short *pcm = malloc(sizeof *pcm * (3 * CRIER_AUDIO_CHUNK_FRAMES + 5));
    size_t done = 0, k = 0;
    crier_status st = CRIER_OK;
    while (done < n_frames && st == CRIER_OK) {
        size_t n = pieces[k++ % 5];
        if (n > n_frames - done)
            n = n_frames - done;
        tone(pcm, n, done);
        st = crier_sink_write(sink, pcm, n);
        done += n;
    }
    free(pcm);
    return st;
}

static const crier_tags test_tags = {
    .title = "Rain in Spain",
    .artist = "Ana Núñez",
    .album = "The Daily Example",
    .date = "2026-02-01",
    .comment = "https://example.org/rain",
    .language = "en-GB",
};

/* Whether the first 64 KB of path hold the len bytes at want. */
static bool
file_has(const char *path, const void *want, size_t len)
{
    static char head[64 * 1024];
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    for (size_t i = 0; i + len <= n; i++)
        if (memcmp(head + i, want, len) == 0)
            return true;
    return false;
}

/* The language tag as each format stores it (tests/audio/tags_test.py reads
 * them back with mutagen); libsndfile opening the file (read_back) checks the
 * Ogg page CRC the patch recomputed. */
static void
check_language(const char *path, crier_format format)
{
    switch (format) {
    case CRIER_FORMAT_WAV: /* LIST INFO ILNG, NUL-padded to an even size */
        assert_true(file_has(path, "ILNG\x06\0\0\0en-GB\0", 14));
        assert_false(file_has(path, "ICOP", 4));
        break;
    case CRIER_FORMAT_MP3: /* TLAN: size 4, no flags, UTF-8, ISO 639-2 */
        assert_true(file_has(path,
                             "TLAN\0\0\0\x04\0\0\x03"
                             "eng",
                             14));
        assert_true(file_has(path, "COMM", 4));
        assert_true(file_has(path,
                             "\x03"
                             "eng\0https://example.org/rain",
                             29));
        break;
    default: /* a Vorbis comment (Vorbis, Opus, FLAC): length, then the entry */
        assert_true(file_has(path, "\x0e\0\0\0LANGUAGE=en-GB", 18));
        assert_false(file_has(path, "LICENSE=", 8) || file_has(path, "license=", 8));
        break;
    }
}

struct readback {
    SF_INFO info;
    double peak;
    char title[128], artist[128], album[128], date[64], comment[128];
};

static void
copy_str(char *dst, size_t cap, const char *s)
{
    snprintf(dst, cap, "%s", s ? s : "");
}

static void
read_back(const char *path, struct readback *rb)
{
    memset(rb, 0, sizeof *rb);
    SNDFILE *sf = sf_open(path, SFM_READ, &rb->info);
    assert_non_null(sf);
    copy_str(rb->title, sizeof rb->title, sf_get_string(sf, SF_STR_TITLE));
    copy_str(rb->artist, sizeof rb->artist, sf_get_string(sf, SF_STR_ARTIST));
    copy_str(rb->album, sizeof rb->album, sf_get_string(sf, SF_STR_ALBUM));
    copy_str(rb->date, sizeof rb->date, sf_get_string(sf, SF_STR_DATE));
    copy_str(rb->comment, sizeof rb->comment, sf_get_string(sf, SF_STR_COMMENT));
    short buf[4096];
    sf_count_t n;
    while ((n = sf_readf_short(sf, buf, 4096)) > 0)
        for (sf_count_t i = 0; i < n; i++)
            if (fabs((double)buf[i]) > rb->peak)
                rb->peak = fabs((double)buf[i]);
    assert_int_equal(sf_close(sf), 0);
}

static void
format_from_path(void **state)
{
    (void)state;
    crier_format f = CRIER_FORMAT_COUNT;
    assert_int_equal(crier_format_from_path("a/b/news.wav", &f), CRIER_OK);
    assert_int_equal(f, CRIER_FORMAT_WAV);
    assert_int_equal(crier_format_from_path("NEWS.WaV", &f), CRIER_OK);
    assert_int_equal(f, CRIER_FORMAT_WAV);
    assert_int_equal(crier_format_from_path("x.OGG", &f), CRIER_OK);
    assert_int_equal(f, CRIER_FORMAT_OGG);
    f = CRIER_FORMAT_COUNT;
    assert_int_equal(crier_format_from_path("x.mp4", &f), CRIER_E_FORMAT);
    assert_int_equal(crier_format_from_path("wav", &f), CRIER_E_FORMAT);
    assert_int_equal(crier_format_from_path("x.wav.txt", &f), CRIER_E_FORMAT);
    assert_int_equal(f, CRIER_FORMAT_COUNT); /* untouched on failure */
    assert_string_equal(crier_format_name(CRIER_FORMAT_WAV), "wav");
    assert_string_equal(crier_format_name(CRIER_FORMAT_OGG), "ogg");
    assert_string_equal(crier_format_name(CRIER_FORMAT_COUNT), "unknown");
    for (int i = 0; i < CRIER_FORMAT_COUNT; i++) {
        /* Every format has a name, an extension and a way back from both. */
        char path[32];
        f = CRIER_FORMAT_COUNT;
        assert_int_equal(crier_format_from_name(crier_format_name((crier_format)i), &f), CRIER_OK);
        assert_int_equal(f, i);
        snprintf(path, sizeof path, "x.%s", crier_format_name((crier_format)i));
        assert_int_equal(crier_format_from_path(path, &f), CRIER_OK);
        assert_int_equal(f, i);
    }
    assert_int_equal(crier_format_from_name("MP3", &f), CRIER_OK);
    assert_int_equal(f, CRIER_FORMAT_MP3);
    assert_int_equal(crier_format_from_name("vorbis", &f), CRIER_OK);
    assert_int_equal(f, CRIER_FORMAT_OGG);
    assert_int_equal(crier_format_from_name("mp", &f), CRIER_E_FORMAT);
    assert_int_equal(crier_format_from_name("xmp3", &f), CRIER_E_FORMAT);
}

struct expect {
    crier_format format;
    const char *name;
    int major, subtype; /* subtype 0: not checked */
    int rate;           /* the file's rate */
    bool exact_frames;  /* else codec delay and padding: up to 4096 more, or 1% */
    bool comment_tag;   /* the format reads SF_STR_COMMENT back */
};

/* kbps: the bitrate the file must have (within 15%), 0 = not checked. */
static void
round_trip_with(const struct expect *e, const crier_file_opts *opts, int kbps)
{
    char *dir = make_dir();
    char *path = join(dir, e->name);
    crier_sink *sink = NULL;
    const size_t n_frames = 2 * RATE + 123;

    assert_int_equal(crier_sink_file_open_opts(path, e->format, RATE, &test_tags, opts, &sink),
                     CRIER_OK);
    assert_int_equal(write_tone(sink, n_frames), CRIER_OK);
    assert_int_equal(crier_sink_frames(sink), n_frames);
    /* Until finish, only the temporary file exists, under another name. */
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(count_entries(dir), 1);
    assert_int_equal(crier_sink_finish(sink), CRIER_OK);
    crier_sink_free(sink);
    assert_int_equal(count_entries(dir), 1); /* the output only: temp renamed */

    struct readback rb;
    read_back(path, &rb);
    assert_int_equal(rb.info.format & SF_FORMAT_TYPEMASK, e->major);
    if (e->subtype)
        assert_int_equal(rb.info.format & SF_FORMAT_SUBMASK, e->subtype);
    assert_int_equal(rb.info.samplerate, e->rate);
    assert_int_equal(rb.info.channels, 1);
    sf_count_t want = (sf_count_t)((double)n_frames * e->rate / RATE + 0.5);
    if (e->exact_frames)
        assert_int_equal(rb.info.frames, want);
    else
        assert_true(rb.info.frames > want * 99 / 100 && rb.info.frames < want * 101 / 100 + 4096);
    assert_true(rb.peak > 4000);
    assert_string_equal(rb.title, test_tags.title);
    assert_string_equal(rb.artist, test_tags.artist);
    assert_string_equal(rb.album, test_tags.album);
    assert_true(strncmp(rb.date, test_tags.date, 4) == 0); /* MP3 keeps the year */
    if (e->comment_tag)
        assert_string_equal(rb.comment, test_tags.comment);
    check_language(path, e->format);

    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    if (kbps > 0) {
        double got = (double)sb.st_size * 8 / 1000 / ((double)n_frames / RATE);
        print_message("%s: %.1f kbit/s (want %d)\n", e->name, got, kbps);
        /* Container headers and tags: about 1 KB, 4 kbit/s over these 2 s. */
        assert_true(got > kbps * 0.85 && got < kbps * 1.15 + 4);
    }
    mode_t mask = umask(0);
    umask(mask);
    assert_int_equal(sb.st_mode & 0777, 0666 & ~mask); /* not mkstemp's 0600 */
    free(path);
    rm_dir(dir);
}

static const struct expect expect_wav = {
    CRIER_FORMAT_WAV, "news.wav", SF_FORMAT_WAV, SF_FORMAT_PCM_16, RATE, true, true};
static const struct expect expect_ogg = {
    CRIER_FORMAT_OGG, "news.ogg", SF_FORMAT_OGG, SF_FORMAT_VORBIS, RATE, true, true};
static const struct expect expect_flac = {
    CRIER_FORMAT_FLAC, "news.flac", SF_FORMAT_FLAC, SF_FORMAT_PCM_16, RATE, true, true};
static const struct expect expect_mp3 = {
    CRIER_FORMAT_MP3, "news.mp3", SF_FORMAT_MPEG, SF_FORMAT_MPEG_LAYER_III, RATE, false, false};
static const struct expect expect_opus = {
    CRIER_FORMAT_OPUS, "news.opus", SF_FORMAT_OGG, SF_FORMAT_OPUS, 24000, false, true};

static void
wav_round_trip(void **state)
{
    (void)state;
    round_trip_with(&expect_wav, NULL, 353);
}

static void
ogg_round_trip(void **state)
{
    (void)state;
    round_trip_with(&expect_ogg, NULL, 0);
    crier_file_opts o = crier_file_opts_default();
    o.encoder_thread = false;
    o.quality = 0.9;
    round_trip_with(&expect_ogg, &o, 0);
}

static void
flac_round_trip(void **state)
{
    (void)state;
    round_trip_with(&expect_flac, NULL, 0);
}

static void
mp3_round_trip(void **state)
{
    (void)state;
    round_trip_with(&expect_mp3, NULL, 0); /* VBR: a pure tone needs little */
    crier_file_opts o = crier_file_opts_default();
    o.bitrate_kbps = 64; /* --bitrate: CBR */
    o.encoder_thread = false;
    round_trip_with(&expect_mp3, &o, 64);
    o.bitrate_kbps = 0;
    o.quality = 1.0; /* LAME's best VBR quality */
    round_trip_with(&expect_mp3, &o, 0);
    o.quality = 0.0;
    round_trip_with(&expect_mp3, &o, 0);
}

static unsigned long
be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* A VBR MP3's duration comes from the Xing header in its first frame (players
 * would guess it from the first frame's bitrate): it must be there, after our
 * ID3v2 tag, and count the frames of the whole stream. */
static void
mp3_vbr_has_xing_frame(void **state)
{
    (void)state;
    char *dir = make_dir();
    char *path = join(dir, "vbr.mp3");
    crier_sink *sink = NULL;
    const size_t n_frames = 30 * RATE;
    assert_int_equal(crier_sink_file_open(path, CRIER_FORMAT_MP3, RATE, &test_tags, &sink),
                     CRIER_OK);
    assert_int_equal(write_tone(sink, n_frames), CRIER_OK);
    assert_int_equal(crier_sink_finish(sink), CRIER_OK);
    crier_sink_free(sink);

    unsigned char head[1024];
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fread(head, 1, sizeof head, f), sizeof head);
    fclose(f);
    assert_memory_equal(head, "ID3", 3);
    size_t at =
        10 + ((size_t)head[6] << 21 | (size_t)head[7] << 14 | (size_t)head[8] << 7 | head[9]);
    assert_true(at + 64 < sizeof head);
    /* MPEG-2 Layer III frame sync; mono side info is 9 bytes, then "Xing"
     * (VBR; LAME writes "Info" for CBR), flags, the frame count. */
    assert_int_equal(head[at], 0xFF);
    assert_int_equal(head[at + 1] & 0xFE, 0xF2);
    const unsigned char *xing = head + at + 4 + 9;
    assert_memory_equal(xing, "Xing", 4);
    assert_true(be32(xing + 4) & 1);
    double seconds = (double)be32(xing + 8) * 576 / RATE; /* 576 samples a frame */
    double want = (double)n_frames / RATE;
    print_message("Xing: %.3f s for %.3f s\n", seconds, want);
    assert_true(seconds > want * 0.99 && seconds < want * 1.01 + 0.1);
    free(path);
    rm_dir(dir);
}

static void
opus_round_trip(void **state)
{
    (void)state;
    round_trip_with(&expect_opus, NULL, 32);
    crier_file_opts o = crier_file_opts_default();
    o.bitrate_kbps = 64;
    round_trip_with(&expect_opus, &o, 64);
}

/* MP3 tags are our ID3v2.4 tag with UTF-8 text (encoding byte 3), not LAME's
 * Latin-1 ID3v1/v2.3: players showed "Núñez" as "NÃºÃ±ez". */
static void
mp3_tags_are_utf8(void **state)
{
    (void)state;
    char *dir = make_dir();
    char *path = join(dir, "tags.mp3");
    crier_sink *sink = NULL;
    assert_int_equal(crier_sink_file_open(path, CRIER_FORMAT_MP3, RATE, &test_tags, &sink),
                     CRIER_OK);
    assert_int_equal(write_tone(sink, RATE), CRIER_OK);
    assert_int_equal(crier_sink_finish(sink), CRIER_OK);
    crier_sink_free(sink);

    unsigned char head[512];
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    assert_true(n == sizeof head);
    assert_memory_equal(head, "ID3\x04\x00", 5);
    /* The first frame: TIT2, syncsafe size, flags, encoding 3, the title. */
    size_t title_len = strlen(test_tags.title);
    assert_memory_equal(head + 10, "TIT2", 4);
    assert_int_equal(head[17], 1 + title_len); /* short: the last size byte */
    assert_int_equal(head[20], 3);
    assert_memory_equal(head + 21, test_tags.title, title_len);
    /* The artist's UTF-8 bytes are stored as they are. */
    size_t artist_at = 21 + title_len;
    assert_memory_equal(head + artist_at, "TPE1", 4);
    assert_int_equal(head[artist_at + 10], 3);
    assert_memory_equal(head + artist_at + 11, test_tags.artist, strlen(test_tags.artist));

    struct readback rb;
    read_back(path, &rb);
    assert_string_equal(rb.title, test_tags.title);
    assert_string_equal(rb.artist, test_tags.artist);
    assert_true(rb.peak > 4000);
    free(path);
    rm_dir(dir);
}

static void
language_codes(void **state)
{
    (void)state;
    char code[4];
    assert_true(crier_lang_iso639_2("en", code));
    assert_string_equal(code, "eng");
    assert_true(crier_lang_iso639_2("en-US", code));
    assert_string_equal(code, "eng");
    assert_true(crier_lang_iso639_2("DE_at", code));
    assert_string_equal(code, "deu"); /* ISO 639-2/T, as BCP 47 */
    assert_true(crier_lang_iso639_2("he", code));
    assert_string_equal(code, "heb");
    assert_true(crier_lang_iso639_2("zu", code)); /* the table's last row */
    assert_string_equal(code, "zul");
    assert_true(crier_lang_iso639_2("aa", code)); /* and its first */
    assert_string_equal(code, "aar");
    assert_true(crier_lang_iso639_2("yue-HK", code)); /* three letters: kept */
    assert_string_equal(code, "yue");
    assert_false(crier_lang_iso639_2("qq", code));
    assert_false(crier_lang_iso639_2("e", code));
    assert_false(crier_lang_iso639_2("", code));
    assert_false(crier_lang_iso639_2(NULL, code));
    assert_false(crier_lang_tag_valid("en US"));
    assert_false(crier_lang_tag_valid("-en"));
    assert_false(crier_lang_tag_valid("en-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd"));
    assert_true(crier_lang_tag_valid("zh-Hant-TW"));
}

/* A language that is no BCP 47 tag (a hostile page's lang="...") is left
 * out; the file is written as usual. */
static void
odd_language_is_left_out(void **state)
{
    (void)state;
    static const crier_format formats[] = {CRIER_FORMAT_WAV, CRIER_FORMAT_OGG, CRIER_FORMAT_FLAC,
                                           CRIER_FORMAT_MP3, CRIER_FORMAT_OPUS};
    char *dir = make_dir();
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "odd.%s", crier_format_name(formats[i]));
        char *path = join(dir, name);
        crier_tags t = test_tags;
        t.language = "en\"><script>";
        crier_sink *sink = NULL;
        assert_int_equal(crier_sink_file_open(path, formats[i], RATE, &t, &sink), CRIER_OK);
        assert_int_equal(write_tone(sink, RATE), CRIER_OK);
        assert_int_equal(crier_sink_finish(sink), CRIER_OK);
        crier_sink_free(sink);
        struct readback rb;
        read_back(path, &rb);
        assert_string_equal(rb.title, test_tags.title);
        assert_false(file_has(path, "script", 6));
        assert_false(file_has(path, "LANGUAGE", 8) || file_has(path, "ILNG", 4) ||
                     file_has(path, "TLAN", 4));
        free(path);
    }
    rm_dir(dir);
}

static void
bitrate_out_of_range(void **state)
{
    (void)state;
    char *dir = make_dir();
    char *path = join(dir, "x.mp3");
    crier_sink *sink = NULL;
    crier_file_opts o = crier_file_opts_default();
    o.bitrate_kbps = 320; /* MPEG-1 only; 22,050 Hz is MPEG-2: 8..160 */
    assert_int_equal(crier_sink_file_open_opts(path, CRIER_FORMAT_MP3, RATE, NULL, &o, &sink),
                     CRIER_E_ARG);
    o.bitrate_kbps = 300;
    assert_int_equal(crier_sink_file_open_opts(path, CRIER_FORMAT_OPUS, RATE, NULL, &o, &sink),
                     CRIER_E_ARG);
    assert_null(sink);
    assert_int_equal(count_entries(dir), 0);
    free(path);
    rm_dir(dir);
}

static void
free_without_finish_leaves_nothing(void **state)
{
    (void)state;
    char *dir = make_dir();
    char *path = join(dir, "gone.ogg");
    crier_sink *sink = NULL;
    assert_int_equal(crier_sink_file_open(path, CRIER_FORMAT_OGG, RATE, NULL, &sink), CRIER_OK);
    assert_int_equal(write_tone(sink, RATE), CRIER_OK);
    assert_int_equal(count_entries(dir), 1);
    crier_sink_free(sink);
    assert_int_equal(count_entries(dir), 0);
    free(path);
    rm_dir(dir);
}

static void
missing_folder_is_outdir(void **state)
{
    (void)state;
    char *dir = make_dir();
    char *path = join(dir, "no/such/news.wav");
    crier_sink *sink = (crier_sink *)0x1;
    assert_int_equal(crier_sink_file_open(path, CRIER_FORMAT_WAV, RATE, NULL, &sink),
                     CRIER_E_OUTDIR);
    assert_ptr_equal(sink, (crier_sink *)0x1); /* untouched on failure */
    assert_int_equal(count_entries(dir), 0);
    free(path);
    rm_dir(dir);
}

/* In a forked child: a crash must end the child, not be caught by cmocka's
 * handler, which would go on to run the remaining tests in the child (as
 * "nobody", or under the file size limit). */
static void
child_defaults(void)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
}

/* Root ignores folder permissions: check as "nobody" in a child. */
static void
unwritable_folder_is_outdir(void **state)
{
    (void)state;
    char *dir = make_dir();
    char *path = join(dir, "news.wav");
    assert_int_equal(chmod(dir, 0555), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        child_defaults();
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(2);
        crier_sink *sink = NULL;
        crier_status st = crier_sink_file_open(path, CRIER_FORMAT_WAV, RATE, NULL, &sink);
        _exit(st == CRIER_E_OUTDIR ? 0 : 1);
    }
    int ws;
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    assert_true(WIFEXITED(ws));
    assert_int_equal(WEXITSTATUS(ws), 0);
    assert_int_equal(count_entries(dir), 0);
    chmod(dir, 0755);
    free(path);
    rm_dir(dir);
}

/* A full disk: the file size limit makes write() fail with EFBIG (SIGXFSZ
 * ignored). Either a write or finish must fail with CRIER_E_WRITE, and nothing
 * may be left. Exit codes: 0 as expected, 1 no failure seen, 3 wrong status. */
static void
full_disk(crier_format format, const char *name)
{
    char *dir = make_dir();
    char *path = join(dir, name);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        child_defaults();
        struct rlimit rl = {64 * 1024, 64 * 1024};
        signal(SIGXFSZ, SIG_IGN);
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(2);
        crier_sink *sink = NULL;
        if (crier_sink_file_open(path, format, RATE, &test_tags, &sink) != CRIER_OK)
            _exit(2);
        /* 4 minutes: VBR MP3 spends ~1 KB a second on a pure tone. */
        crier_status st = write_tone(sink, 240 * RATE);
        if (st == CRIER_OK)
            st = crier_sink_finish(sink);
        /* The reason, through the encoder thread: the file size limit. */
        int err = crier_sink_os_error(sink);
        crier_sink_free(sink);
        _exit(st == CRIER_E_WRITE ? (err == EFBIG ? 0 : 4) : st == CRIER_OK ? 1 : 3);
    }
    int ws;
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    assert_true(WIFEXITED(ws));
    assert_int_equal(WEXITSTATUS(ws), 0);
    assert_int_equal(count_entries(dir), 0);
    free(path);
    rm_dir(dir);
}

static void
full_disk_wav(void **state)
{
    (void)state;
    full_disk(CRIER_FORMAT_WAV, "full.wav");
}

static void
full_disk_ogg(void **state)
{
    (void)state;
    full_disk(CRIER_FORMAT_OGG, "full.ogg");
}

static void
full_disk_flac(void **state)
{
    (void)state;
    full_disk(CRIER_FORMAT_FLAC, "full.flac");
}

static void
full_disk_mp3(void **state)
{
    (void)state;
    full_disk(CRIER_FORMAT_MP3, "full.mp3");
}

static void
full_disk_opus(void **state)
{
    (void)state;
    full_disk(CRIER_FORMAT_OPUS, "full.opus");
}

static void
target_is_a_folder(void **state)
{
    (void)state;
    char *dir = make_dir();
    char *path = join(dir, "sub.wav");
    crier_sink *sink = NULL;
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(crier_sink_file_open(path, CRIER_FORMAT_WAV, RATE, NULL, &sink),
                     CRIER_E_WRITE);
    rmdir(path);
    free(path);
    rm_dir(dir);
}

static void
bad_arguments(void **state)
{
    (void)state;
    crier_sink *sink = NULL;
    assert_int_equal(crier_sink_file_open("x.wav", CRIER_FORMAT_COUNT, RATE, NULL, &sink),
                     CRIER_E_FORMAT);
    assert_int_equal(crier_sink_file_open("x.wav", CRIER_FORMAT_WAV, 0, NULL, &sink), CRIER_E_ARG);
    assert_int_equal(crier_sink_null_open(0, &sink), CRIER_E_ARG);
    assert_null(sink);
    crier_sink_free(NULL);
}

static void
null_sink_counts(void **state)
{
    (void)state;
    crier_sink *sink = NULL;
    assert_int_equal(crier_sink_null_open(RATE, &sink), CRIER_OK);
    assert_int_equal(write_tone(sink, 3 * RATE + 1), CRIER_OK);
    assert_int_equal(crier_sink_write_silence(sink, 1000), CRIER_OK);
    assert_int_equal(crier_sink_frames(sink), 3 * RATE + 1 + 1000);
    assert_int_equal(crier_sink_rate(sink), RATE);
    assert_int_equal(crier_sink_finish(sink), CRIER_OK);
    crier_sink_free(sink);
}

struct chunk_stats {
    size_t calls, max_chunk;
};

static crier_status
count_chunks(void *user, const short *pcm, size_t n_frames)
{
    struct chunk_stats *cs = user;
    (void)pcm;
    cs->calls++;
    if (n_frames > cs->max_chunk)
        cs->max_chunk = n_frames;
    return cs->calls == 50 ? CRIER_E_DEVICE : CRIER_OK;
}

/* Writes are split into chunks, and a failing sink stays failed. */
static void
chunks_and_sticky_errors(void **state)
{
    (void)state;
    struct chunk_stats cs = {0, 0};
    crier_sink *sink = NULL;
    assert_int_equal(crier_sink_callback_open(RATE, count_chunks, &cs, &sink), CRIER_OK);
    assert_int_equal(crier_sink_write_silence(sink, 10 * CRIER_AUDIO_CHUNK_FRAMES + 1), CRIER_OK);
    assert_int_equal(cs.max_chunk, CRIER_AUDIO_CHUNK_FRAMES);
    assert_int_equal(cs.calls, 11);
    assert_int_equal(crier_sink_write_silence(sink, 100 * CRIER_AUDIO_CHUNK_FRAMES),
                     CRIER_E_DEVICE);
    assert_int_equal(cs.calls, 50);
    assert_int_equal(crier_sink_write_silence(sink, 1), CRIER_E_DEVICE);
    assert_int_equal(crier_sink_finish(sink), CRIER_E_DEVICE);
    crier_sink_free(sink);
}

/* No server and no ALSA device: the live sink fails fast with CRIER_E_DEVICE. */
static void
live_without_device_fails_fast(void **state)
{
    (void)state;
    if (access("/dev/snd", F_OK) == 0)
        skip();
    setenv("PULSE_SERVER", "unix:/nonexistent/crier-test", 1);
    struct timespec a, b;
    crier_sink *sink = NULL;
    /* Catch stderr: the library must not print (ALSA's messages included). */
    fflush(stderr);
    FILE *err = tmpfile();
    int saved = dup(2);
    dup2(fileno(err), 2);
    clock_gettime(CLOCK_MONOTONIC, &a);
    crier_status st = crier_sink_live_open(NULL, RATE, &sink);
    clock_gettime(CLOCK_MONOTONIC, &b);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    long printed = ftell(err) > 0 ? ftell(err) : (fseek(err, 0, SEEK_END), ftell(err));
    fclose(err);
    assert_int_equal(st, CRIER_E_DEVICE);
    assert_int_equal(printed, 0);
    assert_null(sink);
    double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    assert_true(s < 1.0);
    unsetenv("PULSE_SERVER");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_from_path),
        cmocka_unit_test(wav_round_trip),
        cmocka_unit_test(ogg_round_trip),
        cmocka_unit_test(flac_round_trip),
        cmocka_unit_test(mp3_round_trip),
        cmocka_unit_test(opus_round_trip),
        cmocka_unit_test(free_without_finish_leaves_nothing),
        cmocka_unit_test(missing_folder_is_outdir),
        cmocka_unit_test(unwritable_folder_is_outdir),
        cmocka_unit_test(full_disk_wav),
        cmocka_unit_test(full_disk_ogg),
        cmocka_unit_test(full_disk_flac),
        cmocka_unit_test(full_disk_mp3),
        cmocka_unit_test(full_disk_opus),
        cmocka_unit_test(bitrate_out_of_range),
        cmocka_unit_test(mp3_vbr_has_xing_frame),
        cmocka_unit_test(language_codes),
        cmocka_unit_test(odd_language_is_left_out),
        cmocka_unit_test(mp3_tags_are_utf8),
        cmocka_unit_test(target_is_a_folder),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(null_sink_counts),
        cmocka_unit_test(chunks_and_sticky_errors),
        cmocka_unit_test(live_without_device_fails_fast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
