/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <sndfile.h>
#include <soxr.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/audio.h"
#include "audio/id3.h"
#include "audio/lang_tag.h"
#include "audio/outfile.h"
#include "audio/sink.h"
#include "core/buf.h"

/* A file sink: libsndfile writes into a temporary file next to the target
 * (".NAME.XXXXXX.part", same folder, so the final rename is atomic), which
 * finish renames onto the target after sf_close, fsync and close all succeed. */

/* Tags longer than this are cut (at a UTF-8 boundary): a hostile page's title
 * must not make the encoder fail. */
#define TAG_MAX_BYTES 1024
/* Vorbis quality (libsndfile's 0..1 scale); 0.3 is about 45 kbit/s for mono
 * 22 kHz speech, clear and far smaller than the 0.4 default on music settings. */
#define OGG_SPEECH_QUALITY 0.3
/* MP3 at 22,050 Hz is MPEG-2 Layer III (8..160 kbit/s). By default LAME's VBR
 * (libsndfile's SF_BITRATE_MODE_VARIABLE, LAME's vbr_mtrh) at quality 7 of 0..9
 * ("-V 7"): on the sample article (318 s of eSpeak NG at 22,050 Hz) it averages
 * 46 kbit/s and encodes in 0.49 s, where 48 kbit/s CBR took 0.84 s (CBR and ABR
 * run LAME's slower bit-allocation loop); -V 6: 55 kbit/s, -V 8: 43 kbit/s.
 * The quality on our 0..1 scale: 1 - 7/10. */
#define MP3_SPEECH_QUALITY 0.3
/* A VBR MP3 needs its Info frame, filled in at the end, for players to know
 * its duration; a pipe cannot go back to write it. Streamed, the default is
 * CBR, whose duration players compute from the size. */
#define MP3_STREAM_KBPS 48
/* Opus: 32 kbit/s is transparent for mono speech (Opus' own guidance: 24-32). */
#define OPUS_SPEECH_KBPS 32
/* libsndfile accepts Opus only at 8/12/16/24/48 kHz; eSpeak NG's 22,050 Hz
 * goes to 24 kHz, the nearest rate above (no content is lost). */
#define OPUS_RATE 24000
#define RESAMPLE_OUT_FRAMES (CRIER_AUDIO_CHUNK_FRAMES * 3)

struct file_sink {
    crier_sink base;
    SNDFILE *sf;
    struct crier_outfile out;
    int io_errno;                 /* first failed read/write/seek on fd, 0 if none */
    off_t tag_bytes;              /* bytes before what libsndfile writes (MP3: our ID3v2 tag) */
    bool pipe;                    /* standard output that cannot seek (see vio_seek) */
    off_t pipe_pos;               /* then: the bytes libsndfile has written */
    struct crier_lang_patch lang; /* the language tag libsndfile cannot write */
    crier_status patch_error;     /* the first failure of the Ogg patch */
    SF_VIRTUAL_IO vio; /* libsndfile's I/O on fd (per sink: the API takes it non-const) */
    soxr_t soxr;       /* resampler to the file's rate, or NULL */
    short *resampled;  /* RESAMPLE_OUT_FRAMES of resampled PCM */
};

struct format_row {
    crier_format format;
    int sf_format;
    int file_rate; /* 0: the input rate */
    crier_status (*configure)(SNDFILE *sf, int file_rate, const crier_file_opts *o);
};

/* q clipped to [0, 1]. */
static double
unit(double q)
{
    return q < 0 ? 0 : q > 1 ? 1 : q;
}

static crier_status
command_double(SNDFILE *sf, int cmd, double value)
{
    return sf_command(sf, cmd, &value, sizeof value) == SF_TRUE ? CRIER_OK : CRIER_E_ENCODE;
}

static crier_status
configure_ogg(SNDFILE *sf, int file_rate, const crier_file_opts *o)
{
    (void)file_rate;
    double q = o->quality < 0 ? OGG_SPEECH_QUALITY : unit(o->quality);
    return command_double(sf, SFC_SET_VBR_ENCODING_QUALITY, q);
}

static crier_status
configure_flac(SNDFILE *sf, int file_rate, const crier_file_opts *o)
{
    (void)file_rate;
    if (o->quality < 0)
        return CRIER_OK; /* libsndfile's default, FLAC level 5 */
    return command_double(sf, SFC_SET_COMPRESSION_LEVEL, unit(o->quality));
}

static crier_status
set_bitrate_mode(SNDFILE *sf, int mode)
{
    /* 1.2.0 returns 0 here on success (not SF_TRUE): check sf_error instead. */
    (void)sf_command(sf, SFC_SET_BITRATE_MODE, &mode, sizeof mode);
    return sf_error(sf) == SF_ERR_NO_ERROR ? CRIER_OK : CRIER_E_ENCODE;
}

/* Without --bitrate: VBR, libsndfile's compression level c giving LAME's VBR
 * quality 10 c (0 best .. 9 smallest), so c = 1 - quality. With a bitrate:
 * CBR, libsndfile mapping c onto MPEG-1 (32 kHz and up) 320 - 288 c, MPEG-2
 * (16..24 kHz) 160 - 152 c, MPEG-2.5 64 - 56 c kbit/s. */
static crier_status
configure_mp3(SNDFILE *sf, int file_rate, const crier_file_opts *o)
{
    int lo = file_rate >= 32000 ? 32 : 8;
    int hi = file_rate >= 32000 ? 320 : file_rate >= 16000 ? 160 : 64;
    int kbps = o->bitrate_kbps;
    crier_status st;

    if (kbps == 0) {
        double q = o->quality < 0 ? MP3_SPEECH_QUALITY : unit(o->quality);
        if ((st = set_bitrate_mode(sf, SF_BITRATE_MODE_VARIABLE)) != CRIER_OK)
            return st;
        /* LAME takes VBR quality below 10: 9.99 at most. */
        return command_double(sf, SFC_SET_COMPRESSION_LEVEL, q < 0.001 ? 0.999 : 1.0 - q);
    }
    if (kbps < lo || kbps > hi)
        return CRIER_E_ARG;
    if ((st = set_bitrate_mode(sf, SF_BITRATE_MODE_CONSTANT)) != CRIER_OK)
        return st;
    /* + 0.5 kbit/s: libsndfile truncates the bitrate it computes. */
    return command_double(sf, SFC_SET_COMPRESSION_LEVEL,
                          ((double)hi - kbps - 0.5) / (double)(hi - lo));
}

/* libsndfile maps the compression level c onto 6 + 250 (1 - c) kbit/s. */
static crier_status
configure_opus(SNDFILE *sf, int file_rate, const crier_file_opts *o)
{
    (void)file_rate;
    int kbps = o->bitrate_kbps;
    if (kbps == 0)
        kbps = o->quality < 0 ? OPUS_SPEECH_KBPS : 6 + (int)(unit(o->quality) * 250 + 0.5);
    if (kbps < 6 || kbps > 256)
        return CRIER_E_ARG;
    return command_double(sf, SFC_SET_COMPRESSION_LEVEL, 1.0 - (kbps - 6) / 250.0);
}

static const struct format_row formats[] = {
    {CRIER_FORMAT_WAV, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 0, NULL},
    {CRIER_FORMAT_OGG, SF_FORMAT_OGG | SF_FORMAT_VORBIS, 0, configure_ogg},
    {CRIER_FORMAT_FLAC, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 0, configure_flac},
    {CRIER_FORMAT_MP3, SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 0, configure_mp3},
    {CRIER_FORMAT_OPUS, SF_FORMAT_OGG | SF_FORMAT_OPUS, OPUS_RATE, configure_opus},
};

crier_file_opts
crier_file_opts_default(void)
{
    return (crier_file_opts){.quality = -1.0, .bitrate_kbps = 0, .encoder_thread = true};
}

static const struct format_row *
format_row(crier_format format)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (formats[i].format == format)
            return &formats[i];
    return NULL;
}

/* Sets one tag, cut to TAG_MAX_BYTES at a character boundary. */
static crier_status
set_tag(SNDFILE *sf, int str_type, const char *value)
{
    char cut[TAG_MAX_BYTES + 1];
    size_t len;

    if (value == NULL || *value == '\0')
        return CRIER_OK;
    len = strlen(value);
    if (len > TAG_MAX_BYTES) {
        len = TAG_MAX_BYTES;
        while (len > 0 && ((unsigned char)value[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(cut, value, len);
    cut[len] = '\0';
    return sf_set_string(sf, str_type, cut) == 0 ? CRIER_OK : CRIER_E_ENCODE;
}

/* lang: the language's stand-in (see lang_tag.c), set first so that it is
 * early in the header. */
static crier_status
set_tags(SNDFILE *sf, const crier_tags *tags, const struct crier_lang_patch *lang)
{
    crier_status st = CRIER_OK;
    if (tags == NULL)
        return CRIER_OK;
    if (lang->kind != CRIER_LANG_NONE)
        st = set_tag(sf, lang->kind == CRIER_LANG_WAV ? SF_STR_COPYRIGHT : SF_STR_LICENSE,
                     lang->stand_in);
    if (st == CRIER_OK)
        st = set_tag(sf, SF_STR_TITLE, tags->title);
    if (st == CRIER_OK)
        st = set_tag(sf, SF_STR_ARTIST, tags->artist);
    if (st == CRIER_OK)
        st = set_tag(sf, SF_STR_ALBUM, tags->album);
    if (st == CRIER_OK)
        st = set_tag(sf, SF_STR_DATE, tags->date);
    if (st == CRIER_OK)
        st = set_tag(sf, SF_STR_COMMENT, tags->comment);
    return st;
}

/* libsndfile writes through these callbacks, so that we see every I/O error:
 * its MP3 encoder (1.2.0) only logs a short write and reports success, which
 * would turn a full disk into a truncated file renamed into place. */
static sf_count_t
vio_filelen(void *user)
{
    struct file_sink *f = user;
    struct stat sb;
    if (f->pipe)
        return (sf_count_t)f->pipe_pos;
    /* + what the language patch holds back (Ogg headers, briefly) */
    return fstat(f->out.fd, &sb) == 0
               ? (sf_count_t)(sb.st_size - f->tag_bytes + (off_t)f->lang.held.len)
               : -1;
}

static sf_count_t
vio_seek(sf_count_t offset, int whence, void *user)
{
    struct file_sink *f = user;
    if (f->pipe) {
        /* A pipe "seeks" only to where it is. libsndfile's MP3 writer seeks to
         * the start before the first frame (a no-op here) and, when closing, to
         * the Info frame to fill it in: that fails, and it leaves it blank. */
        sf_count_t to = offset + (whence == SEEK_SET ? 0 : (sf_count_t)f->pipe_pos);
        return to == (sf_count_t)f->pipe_pos ? to : -1;
    }
    off_t at = lseek(f->out.fd, (off_t)offset + (whence == SEEK_SET ? f->tag_bytes : 0), whence);
    if (at < 0 && f->io_errno == 0)
        f->io_errno = errno;
    return at < 0 ? -1 : (sf_count_t)(at - f->tag_bytes);
}

static sf_count_t
vio_read(void *ptr, sf_count_t count, void *user)
{
    struct file_sink *f = user;
    sf_count_t done = 0;
    while (done < count) {
        ssize_t n = read(f->out.fd, (char *)ptr + done, (size_t)(count - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    return done;
}

static crier_status
write_out(void *user, const void *data, size_t len)
{
    struct file_sink *f = user;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(f->out.fd, (const char *)data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (f->io_errno == 0)
                f->io_errno = n < 0 ? errno : ENOSPC;
            return CRIER_E_WRITE;
        }
        done += (size_t)n;
    }
    return CRIER_OK;
}

/* A failed write still reports success to libsndfile: we keep the error
 * (write_frames and file_finish return it) and drop everything after it.
 * libsndfile's own error paths leak: when Vorbis' first pages fail, sf_close
 * sets the encoder up a second time (1.2.0). */
static sf_count_t
vio_write(const void *ptr, sf_count_t count, void *user)
{
    struct file_sink *f = user;
    if (f->io_errno != 0 || f->patch_error != CRIER_OK)
        return count;
    crier_status st = crier_lang_patch_ogg(&f->lang, ptr, (size_t)count, write_out, f);
    if (st != CRIER_OK && f->io_errno == 0)
        f->patch_error = st;
    f->pipe_pos += (off_t)count;
    return count;
}

static sf_count_t
vio_tell(void *user)
{
    struct file_sink *f = user;
    if (f->pipe)
        return (sf_count_t)f->pipe_pos;
    off_t at = lseek(f->out.fd, 0, SEEK_CUR);
    return at < 0 ? -1 : (sf_count_t)(at - f->tag_bytes + (off_t)f->lang.held.len);
}

/* CRIER_E_WRITE, keeping the system's reason for crier_sink_os_error. */
static crier_status
write_failed(struct file_sink *f)
{
    f->base.os_errno = f->io_errno != 0 ? f->io_errno : f->out.err;
    return CRIER_E_WRITE;
}

static crier_status
write_frames(struct file_sink *f, const short *pcm, size_t n_frames)
{
    if (n_frames == 0)
        return CRIER_OK;
    if (f->patch_error != CRIER_OK)
        return f->patch_error;
    if (sf_writef_short(f->sf, pcm, (sf_count_t)n_frames) != (sf_count_t)n_frames ||
        f->io_errno != 0)
        return f->patch_error != CRIER_OK ? f->patch_error : write_failed(f);
    return CRIER_OK;
}

/* Resamples pcm (NULL: flush the resampler's tail) and writes the result. */
static crier_status
resample_write(struct file_sink *f, const short *pcm, size_t n_frames)
{
    size_t done_in = 0;
    for (;;) {
        size_t used = 0, made = 0;
        soxr_error_t err = soxr_process(f->soxr, pcm ? pcm + done_in : NULL, n_frames - done_in,
                                        &used, f->resampled, RESAMPLE_OUT_FRAMES, &made);
        if (err != NULL)
            return CRIER_E_ENCODE;
        done_in += used;
        crier_status st = write_frames(f, f->resampled, made);
        if (st != CRIER_OK)
            return st;
        /* Input all taken and the output buffer not filled: nothing more now. */
        if (done_in >= n_frames && made < RESAMPLE_OUT_FRAMES)
            return CRIER_OK;
    }
}

static crier_status
file_write(crier_sink *sink, const short *pcm, size_t n_frames)
{
    struct file_sink *f = (struct file_sink *)sink;
    if (f->soxr != NULL)
        return resample_write(f, pcm, n_frames);
    return write_frames(f, pcm, n_frames);
}

static crier_status
file_finish(crier_sink *sink)
{
    struct file_sink *f = (struct file_sink *)sink;
    crier_status st;

    if (f->soxr != NULL && (st = resample_write(f, NULL, 0)) != CRIER_OK)
        return st;
    /* sf_close writes the last encoder pages and the header: it reports late
     * disk-full errors (and so does our I/O callback). */
    int rc = sf_close(f->sf);
    f->sf = NULL;
    if (f->patch_error != CRIER_OK)
        return f->patch_error;
    if (rc != 0 || f->io_errno != 0)
        return write_failed(f);
    if ((st = crier_lang_patch_finish(&f->lang, f->out.fd, f->tag_bytes)) != CRIER_OK)
        return st == CRIER_E_WRITE ? write_failed(f) : st;
    if ((st = crier_outfile_commit(&f->out)) != CRIER_OK)
        return write_failed(f);
    return CRIER_OK;
}

static void
file_free(crier_sink *sink)
{
    struct file_sink *f = (struct file_sink *)sink;
    if (f->sf != NULL)
        (void)sf_close(f->sf); /* the output is discarded: its errors do not matter */
    crier_outfile_discard(&f->out);
    crier_lang_patch_free(&f->lang);
    if (f->soxr != NULL)
        soxr_delete(f->soxr);
    free(f->resampled);
    free(f);
}

static const struct crier_sink_ops file_ops = {file_write, file_finish, file_free};

/* MP3 tags: our own ID3v2.4 tag (UTF-8) at the start of the file; libsndfile
 * then writes the MP3 stream after it, seeing offset 0 there (see id3.h). */
static crier_status
write_id3(struct file_sink *f, const crier_tags *tags)
{
    crier_buf tag;
    crier_buf_init(&tag, 64 * TAG_MAX_BYTES);
    crier_status st = crier_id3v2_build(tags, TAG_MAX_BYTES, &tag);
    if (st == CRIER_OK && tag.len > 0)
        st = crier_outfile_write(&f->out, tag.data, tag.len);
    if (st == CRIER_OK)
        f->tag_bytes += (off_t)tag.len;
    crier_buf_free(&tag);
    return st;
}

static crier_status
start_resampler(struct file_sink *f, int in_rate, int out_rate)
{
    soxr_error_t err = NULL;
    soxr_io_spec_t io = soxr_io_spec(SOXR_INT16_I, SOXR_INT16_I);
    /* Medium quality: a steep enough filter for speech band-limited at 11 kHz,
     * at a fraction of the high-quality setting's cost. */
    soxr_quality_spec_t q = soxr_quality_spec(SOXR_MQ, 0);

    f->soxr = soxr_create(in_rate, out_rate, 1, &err, &io, &q, NULL);
    if (f->soxr == NULL || err != NULL)
        return CRIER_E_ENCODE;
    if ((f->resampled = malloc(RESAMPLE_OUT_FRAMES * sizeof *f->resampled)) == NULL)
        return CRIER_E_NOMEM;
    return CRIER_OK;
}

crier_status
crier_sink_file_open_opts(const char *path, crier_format format, int rate, const crier_tags *tags,
                          const crier_file_opts *opts, crier_sink **ret_sink)
{
    const struct format_row *row = format_row(format);
    crier_file_opts defaults = crier_file_opts_default();
    struct file_sink *f = NULL;
    crier_status st = CRIER_OK;

    if (opts == NULL)
        opts = &defaults;
    if (path == NULL || ret_sink == NULL || rate <= 0 || opts->bitrate_kbps < 0)
        return CRIER_E_ARG;
    if (row == NULL)
        return CRIER_E_FORMAT;
    int file_rate = row->file_rate ? row->file_rate : rate;
    SF_INFO info = {.samplerate = file_rate, .channels = 1, .format = row->sf_format};
    if (!sf_format_check(&info))
        return CRIER_E_FORMAT;
    if ((f = calloc(1, sizeof *f)) == NULL)
        return CRIER_E_NOMEM;
    crier_sink_init(&f->base, &file_ops, rate);
    f->out.fd = -1;
    static const crier_lang_kind lang_kinds[CRIER_FORMAT_COUNT] = {
        [CRIER_FORMAT_WAV] = CRIER_LANG_WAV,   [CRIER_FORMAT_OGG] = CRIER_LANG_OGG,
        [CRIER_FORMAT_FLAC] = CRIER_LANG_FLAC, [CRIER_FORMAT_OPUS] = CRIER_LANG_OGG,
        [CRIER_FORMAT_MP3] = CRIER_LANG_NONE, /* our ID3 tag has TLAN */
    };
    (void)crier_lang_patch_init(&f->lang, lang_kinds[format], tags != NULL ? tags->language : NULL);
    if (file_rate != rate && (st = start_resampler(f, rate, file_rate)) != CRIER_OK)
        goto out;
    if ((st = crier_outfile_open(&f->out, path)) != CRIER_OK)
        goto out;
    if (strcmp(path, "-") == 0) {
        /* Standard output may be a file opened at some offset, or a pipe. */
        off_t at = lseek(f->out.fd, 0, SEEK_CUR);
        f->pipe = at < 0;
        f->tag_bytes = at < 0 ? 0 : at;
    }
    crier_file_opts stream_opts = *opts;
    if (f->pipe && format == CRIER_FORMAT_MP3 && opts->bitrate_kbps == 0 && opts->quality < 0) {
        stream_opts.bitrate_kbps = MP3_STREAM_KBPS;
        opts = &stream_opts;
    }
    if (format == CRIER_FORMAT_MP3 && (st = write_id3(f, tags)) != CRIER_OK)
        goto out;
    f->vio = (SF_VIRTUAL_IO){vio_filelen, vio_seek, vio_read, vio_write, vio_tell};
    if ((f->sf = sf_open_virtual(&f->vio, SFM_WRITE, &info, f)) == NULL) {
        st = f->io_errno != 0 ? CRIER_E_WRITE : CRIER_E_ENCODE;
        goto out;
    }
    if (row->configure != NULL && (st = row->configure(f->sf, file_rate, opts)) != CRIER_OK)
        goto out;
    /* Tags go in before any audio: Vorbis and MP3 write them first. */
    if (format != CRIER_FORMAT_MP3 && (st = set_tags(f->sf, tags, &f->lang)) != CRIER_OK)
        goto out;
    crier_sink *sink = &f->base;
    f = NULL;
    /* WAV costs nothing to write; the others are worth a thread. */
    if (opts->encoder_thread && format != CRIER_FORMAT_WAV) {
        crier_sink *threaded;
        if ((st = crier_sink_threaded(sink, &threaded)) != CRIER_OK) {
            file_free(sink);
            goto out;
        }
        sink = threaded;
    }
    *ret_sink = sink;
out:
    if (f != NULL) {
        int err = f->io_errno != 0 ? f->io_errno : f->out.err;
        file_free(&f->base);
        if (st == CRIER_E_WRITE && err != 0)
            errno = err; /* for the caller's message (the header's write failed) */
    }
    return st;
}

crier_status
crier_sink_file_open(const char *path, crier_format format, int rate, const crier_tags *tags,
                     crier_sink **ret_sink)
{
    return crier_sink_file_open_opts(path, format, rate, tags, NULL, ret_sink);
}
