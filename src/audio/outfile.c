/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/outfile.h"
#include "core/buf.h"

#define TEMP_TRIES 100

/* Splits path into its folder ("." when none) and its last component. */
static crier_status
split_path(const char *path, char **ret_dir, const char **ret_base)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return CRIER_E_ARG;
    char *dir = slash == NULL   ? crier_strndup(".", 1)
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
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
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
        if ((st = crier_buf_printf(&name, "%s/.%.*s.%s.part", dir, (int)base_len, base, suffix)) !=
            CRIER_OK)
            goto out;
        /* Read-write: FLAC and WAV get their language tag patched in (lang_tag.c). */
        int fd = open(crier_buf_str(&name), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
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

crier_status
crier_outfile_open(struct crier_outfile *o, const char *path)
{
    char *dir = NULL;
    const char *base;
    struct stat sb;
    crier_status st;

    o->fd = -1;
    o->err = 0;
    o->path = o->tmp_path = NULL;
    if (strcmp(path, "-") == 0) { /* standard output: streamed, nothing to rename */
        o->fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
        return o->fd >= 0 ? CRIER_OK : CRIER_E_WRITE;
    }
    if ((st = split_path(path, &dir, &base)) != CRIER_OK)
        goto out;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        st = CRIER_E_OUTDIR;
        goto out;
    }
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        st = CRIER_E_WRITE; /* the target is a folder: rename would fail at the end */
        goto out;
    }
    if ((o->path = crier_strndup(path, strlen(path))) == NULL) {
        st = CRIER_E_NOMEM;
        goto out;
    }
    st = create_temp(dir, base, &o->fd, &o->tmp_path);
out:
    if (st != CRIER_OK)
        crier_outfile_discard(o);
    free(dir);
    return st;
}

crier_status
crier_outfile_write(struct crier_outfile *o, const void *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(o->fd, (const char *)data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            o->err = n < 0 ? errno : ENOSPC;
            return CRIER_E_WRITE;
        }
        done += (size_t)n;
    }
    return CRIER_OK;
}

crier_status
crier_outfile_commit(struct crier_outfile *o)
{
    crier_status st = CRIER_OK;

    if (o->path == NULL) /* standard output: a pipe cannot be synced */
    {
        int rc = close(o->fd);
        o->fd = -1;
        if (rc != 0)
            o->err = errno;
        return rc == 0 ? CRIER_OK : CRIER_E_WRITE;
    }
    if (fsync(o->fd) != 0) {
        o->err = errno;
        st = CRIER_E_WRITE;
    }
    if (close(o->fd) != 0 && st == CRIER_OK) {
        o->err = errno;
        st = CRIER_E_WRITE;
    }
    o->fd = -1;
    if (st != CRIER_OK)
        return st;
    if (rename(o->tmp_path, o->path) != 0) {
        o->err = errno;
        return CRIER_E_WRITE;
    }
    free(o->tmp_path);
    o->tmp_path = NULL;
    sync_dir(o->path);
    return CRIER_OK;
}

void
crier_outfile_discard(struct crier_outfile *o)
{
    if (o->fd >= 0)
        (void)close(o->fd);
    o->fd = -1;
    if (o->tmp_path != NULL)
        (void)unlink(o->tmp_path);
    free(o->tmp_path);
    free(o->path);
    o->tmp_path = o->path = NULL;
}
