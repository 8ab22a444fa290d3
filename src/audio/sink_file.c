/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <sndfile.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/audio.h"
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
#define TEMP_TRIES 100

struct file_sink {
    crier_sink base;
    SNDFILE *sf;
    int fd;
    char *path;       /* the target */
    char *tmp_path;   /* the temporary file; NULL once renamed */
};

struct format_row {
    crier_format format;
    int sf_format;
};

static const struct format_row formats[] = {
    { CRIER_FORMAT_WAV, SF_FORMAT_WAV | SF_FORMAT_PCM_16 },
    { CRIER_FORMAT_OGG, SF_FORMAT_OGG | SF_FORMAT_VORBIS },
};

static const struct format_row *
format_row(crier_format format)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (formats[i].format == format)
            return &formats[i];
    return NULL;
}

/* Splits path into its folder ("." when none) and its last component. */
static crier_status
split_path(const char *path, char **ret_dir, const char **ret_base)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return CRIER_E_ARG;
    char *dir = slash == NULL ? crier_strndup(".", 1)
              : slash == path ? crier_strndup("/", 1)
                              : crier_strndup(path, (size_t)(slash - path));
    if (dir == NULL)
        return CRIER_E_NOMEM;
    *ret_dir = dir;
    *ret_base = base;
    return CRIER_OK;
}

static crier_status
status_from_errno(int err)
{
    switch (err) {
    case ENOENT:
    case ENOTDIR:
    case EACCES:
    case EPERM:
    case EROFS:
        return CRIER_E_OUTDIR;
    case ENOMEM:
        return CRIER_E_NOMEM;
    default:
        return CRIER_E_WRITE;
    }
}

/* Creates dir/.BASE.XXXXXX.part with O_EXCL (mode 0666 less the umask, as the
 * target would get; mkstemp's 0600 would stick to the renamed file). */
static crier_status
create_temp(const char *dir, const char *base, int *ret_fd, char **ret_tmp)
{
    static const char alphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /* Keep the name under NAME_MAX (255): ".", base, ".XXXXXX.part". */
    size_t base_len = strlen(base);
    if (base_len > 200)
        base_len = 200;
    crier_buf name;
    crier_status st = CRIER_E_WRITE;

    crier_buf_init(&name, 4096 + 256);
    for (int tries = 0; tries < TEMP_TRIES; tries++) {
        unsigned char rnd[6];
        char suffix[7];
        if (getentropy(rnd, sizeof rnd) != 0) {
            st = CRIER_E_WRITE;
            goto out;
        }
        for (size_t i = 0; i < 6; i++)
            suffix[i] = alphabet[rnd[i] % (sizeof alphabet - 1)];
        suffix[6] = '\0';
        crier_buf_clear(&name);
        if ((st = crier_buf_printf(&name, "%s/.%.*s.%s.part", dir, (int)base_len, base,
                                   suffix)) != CRIER_OK)
            goto out;
        int fd = open(crier_buf_str(&name), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            char *tmp = crier_strndup(name.data, name.len);
            if (tmp == NULL) {
                unlink(crier_buf_str(&name));
                close(fd);
                st = CRIER_E_NOMEM;
                goto out;
            }
            *ret_fd = fd;
            *ret_tmp = tmp;
            st = CRIER_OK;
            goto out;
        }
        if (errno != EEXIST) {
            st = status_from_errno(errno);
            goto out;
        }
    }
    st = CRIER_E_WRITE;
out:
    crier_buf_free(&name);
    return st;
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

static crier_status
set_tags(SNDFILE *sf, const crier_tags *tags)
{
    crier_status st = CRIER_OK;
    if (tags == NULL)
        return CRIER_OK;
    if (st == CRIER_OK) st = set_tag(sf, SF_STR_TITLE, tags->title);
    if (st == CRIER_OK) st = set_tag(sf, SF_STR_ARTIST, tags->artist);
    if (st == CRIER_OK) st = set_tag(sf, SF_STR_ALBUM, tags->album);
    if (st == CRIER_OK) st = set_tag(sf, SF_STR_DATE, tags->date);
    if (st == CRIER_OK) st = set_tag(sf, SF_STR_COMMENT, tags->comment);
    return st;
}

static crier_status
file_write(crier_sink *sink, const short *pcm, size_t n_frames)
{
    struct file_sink *f = (struct file_sink *)sink;
    if (sf_writef_short(f->sf, pcm, (sf_count_t)n_frames) != (sf_count_t)n_frames)
        return CRIER_E_WRITE;
    return CRIER_OK;
}

/* Best effort: makes the rename itself durable. */
static void
sync_dir(const char *path)
{
    char *dir = NULL;
    const char *base;
    if (split_path(path, &dir, &base) != CRIER_OK)
        return;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        (void)close(dfd);
    }
    free(dir);
}

static crier_status
file_finish(crier_sink *sink)
{
    struct file_sink *f = (struct file_sink *)sink;
    crier_status st = CRIER_OK;

    /* sf_close writes the last encoder pages and the header: it reports late
     * disk-full errors. */
    int rc = sf_close(f->sf);
    f->sf = NULL;
    if (rc != 0)
        st = CRIER_E_WRITE;
    if (fsync(f->fd) != 0 && st == CRIER_OK)
        st = CRIER_E_WRITE;
    if (close(f->fd) != 0 && st == CRIER_OK)
        st = CRIER_E_WRITE;
    f->fd = -1;
    if (st != CRIER_OK)
        goto out;
    if (rename(f->tmp_path, f->path) != 0) {
        st = CRIER_E_WRITE;
        goto out;
    }
    free(f->tmp_path);
    f->tmp_path = NULL;
    sync_dir(f->path);
out:
    return st;
}

static void
file_free(crier_sink *sink)
{
    struct file_sink *f = (struct file_sink *)sink;
    if (f->sf != NULL)
        (void)sf_close(f->sf);  /* the output is discarded: its errors do not matter */
    if (f->fd >= 0)
        (void)close(f->fd);
    if (f->tmp_path != NULL)
        (void)unlink(f->tmp_path);
    free(f->tmp_path);
    free(f->path);
    free(f);
}

static const struct crier_sink_ops file_ops = { file_write, file_finish, file_free };

crier_status
crier_sink_file_open(const char *path, crier_format format, int rate,
                     const crier_tags *tags, crier_sink **ret_sink)
{
    const struct format_row *row = format_row(format);
    struct file_sink *f = NULL;
    char *dir = NULL;
    const char *base;
    struct stat sb;
    crier_status st;

    if (path == NULL || ret_sink == NULL || rate <= 0)
        return CRIER_E_ARG;
    if (row == NULL)
        return CRIER_E_FORMAT;
    SF_INFO info = { .samplerate = rate, .channels = 1, .format = row->sf_format };
    if (!sf_format_check(&info))
        return CRIER_E_FORMAT;
    if ((st = split_path(path, &dir, &base)) != CRIER_OK)
        goto out;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        st = CRIER_E_OUTDIR;
        goto out;
    }
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        st = CRIER_E_WRITE;   /* the target is a folder: rename would fail at the end */
        goto out;
    }
    if ((f = calloc(1, sizeof *f)) == NULL) {
        st = CRIER_E_NOMEM;
        goto out;
    }
    crier_sink_init(&f->base, &file_ops, rate);
    f->fd = -1;
    if ((f->path = crier_strndup(path, strlen(path))) == NULL) {
        st = CRIER_E_NOMEM;
        goto out;
    }
    if ((st = create_temp(dir, base, &f->fd, &f->tmp_path)) != CRIER_OK)
        goto out;
    if ((f->sf = sf_open_fd(f->fd, SFM_WRITE, &info, SF_FALSE)) == NULL) {
        st = CRIER_E_ENCODE;
        goto out;
    }
    if (format == CRIER_FORMAT_OGG) {
        double q = OGG_SPEECH_QUALITY;
        if (sf_command(f->sf, SFC_SET_VBR_ENCODING_QUALITY, &q, sizeof q) != SF_TRUE) {
            st = CRIER_E_ENCODE;
            goto out;
        }
    }
    /* Tags go in before any audio: Vorbis writes its comment header first. */
    if ((st = set_tags(f->sf, tags)) != CRIER_OK)
        goto out;
    *ret_sink = &f->base;
    f = NULL;
out:
    if (f != NULL)
        file_free(&f->base);
    free(dir);
    return st;
}
