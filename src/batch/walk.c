/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The walk: every page under a folder, in one stable order on every machine
 * (paths sorted bytewise), so that shards and re-runs agree on what the folder
 * holds. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/batch_internal.h"
#include "core/utf8.h"
#include "input/input.h"

typedef struct walker {
    char *root_real;   /* realpath of the root, for symlink checks */
    bt_pages *out;
    size_t cap;
} walker;

/* The inputs render accepts: HTML and text by name, and saved MHTML archives. */
static bool
is_page_name(const char *name)
{
    size_t len = strlen(name);
    return crier_input_hint_from_name(name) != CRIER_HINT_NONE || crier_ascii_ends_with_nocase(name, len, ".mht") ||
           crier_ascii_ends_with_nocase(name, len, ".mhtml");
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "Web Page, complete" saves NAME.html and its images, scripts and frames in
 * NAME_files/; the frames there are parts of that page, not pages. */
static bool
is_saved_assets(const char *dir_name, char *const *names, size_t n)
{
    static const char suffix[] = "_files";
    size_t len = strlen(dir_name);
    if (len <= sizeof suffix - 1 || strcmp(dir_name + len - (sizeof suffix - 1), suffix) != 0)
        return false;
    size_t stem = len - (sizeof suffix - 1);
    for (size_t i = 0; i < n; i++)
        if (strncmp(names[i], dir_name, stem) == 0 && names[i][stem] == '.' &&
            is_page_name(names[i]))
            return true;
    return false;
}

static crier_status
add_page(walker *w, const char *rel)
{
    if (w->out->n >= CRIER_BATCH_MAX_PAGES)
        return CRIER_E_LIMIT;
    if (w->out->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        char **p = realloc(w->out->paths, cap * sizeof *p);
        if (p == NULL)
            return CRIER_E_NOMEM;
        w->out->paths = p;
        w->cap = cap;
    }
    char *copy = crier_strndup(rel, strlen(rel));
    if (copy == NULL)
        return CRIER_E_NOMEM;
    w->out->paths[w->out->n++] = copy;
    return CRIER_OK;
}

/* A symlink is followed only to a regular file inside the root: never out of
 * the folder, and never into a folder (no loops, no page seen twice). */
static bool
symlink_ok(const walker *w, const char *full)
{
    char real[PATH_MAX];
    struct stat sb;
    size_t n = strlen(w->root_real);
    if (realpath(full, real) == NULL || stat(real, &sb) != 0 || !S_ISREG(sb.st_mode))
        return false;
    return strncmp(real, w->root_real, n) == 0 && (real[n] == '/' || n == 1);
}

static crier_status walk_dir(walker *w, const char *full, const char *rel, unsigned depth);

static crier_status
visit(walker *w, const char *full_dir, const char *rel_dir, const char *name, char *const *names,
      size_t n_names, unsigned depth)
{
    crier_buf full, rel;
    struct stat sb;
    crier_status st;

    crier_buf_init(&full, PATH_MAX);
    crier_buf_init(&rel, PATH_MAX);
    if ((st = bt_path_join(full_dir, name, &full)) != CRIER_OK ||
        (st = (rel_dir[0] ? bt_path_join(rel_dir, name, &rel) : crier_buf_puts(&rel, name))) !=
            CRIER_OK)
        goto out;
    if (lstat(crier_buf_str(&full), &sb) != 0)
        goto out; /* vanished while we looked: not a page */
    if (S_ISDIR(sb.st_mode)) {
        if (!is_saved_assets(name, names, n_names))
            st = walk_dir(w, crier_buf_str(&full), crier_buf_str(&rel), depth + 1);
    } else if (is_page_name(name)) {
        if (S_ISREG(sb.st_mode) || (S_ISLNK(sb.st_mode) && symlink_ok(w, crier_buf_str(&full))))
            st = add_page(w, crier_buf_str(&rel));
    }
out:
    crier_buf_free(&full);
    crier_buf_free(&rel);
    return st;
}

static crier_status
walk_dir(walker *w, const char *full, const char *rel, unsigned depth)
{
    char **names = NULL;
    size_t n = 0, cap = 0;
    crier_status st = CRIER_OK;
    struct dirent *de;

    if (depth > CRIER_BATCH_MAX_DEPTH)
        return CRIER_E_LIMIT;
    DIR *d = opendir(full);
    if (d == NULL)
        return depth == 0 ? (errno == ENOENT || errno == ENOTDIR ? CRIER_E_NOENT : CRIER_E_READ)
                          : CRIER_OK; /* an unreadable subfolder holds no pages we can read */
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue; /* hidden, ".", "..": also our own manifests and staging */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (p == NULL) {
                st = CRIER_E_NOMEM;
                goto out;
            }
            names = p;
        }
        if ((names[n] = crier_strndup(de->d_name, strlen(de->d_name))) == NULL) {
            st = CRIER_E_NOMEM;
            goto out;
        }
        n++;
    }
    if (n > 0)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && st == CRIER_OK; i++)
        st = visit(w, full, rel, names[i], names, n, depth);
out:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return st;
}

crier_status
bt_walk(const char *root, bt_pages *ret_pages)
{
    bt_pages pages = { 0 };
    walker w = { .out = &pages };
    crier_status st;

    w.root_real = realpath(root, NULL);
    if (w.root_real == NULL)
        return errno == ENOENT || errno == ENOTDIR ? CRIER_E_NOENT : CRIER_E_READ;
    st = walk_dir(&w, w.root_real, "", 0);
    free(w.root_real);
    if (st != CRIER_OK) {
        bt_pages_free(&pages);
        return st;
    }
    /* Per-folder order is not whole-path order ("a-b/x" vs "a/x"): sort once more. */
    if (pages.n > 0)
        qsort(pages.paths, pages.n, sizeof *pages.paths, cmp_str);
    *ret_pages = pages;
    return CRIER_OK;
}

void
bt_pages_free(bt_pages *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->paths[i]);
    free(p->paths);
    p->paths = NULL;
    p->n = 0;
}

bool
bt_in_shard(const char *path, unsigned k, unsigned n)
{
    unsigned char d[32];
    bt_sha256 c;
    uint64_t v = 0;

    if (n <= 1)
        return true;
    bt_sha256_init(&c);
    bt_sha256_update(&c, path, strlen(path));
    bt_sha256_final(&c, d);
    for (unsigned i = 0; i < 8; i++)
        v = v << 8 | d[i];
    return v % n == (uint64_t)(k - 1);
}
