/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "player/player.h"
#include "player/player_internal.h"

crier_status
crier_player_state_dir(crier_buf *out)
{
    const char *xdg = getenv("XDG_STATE_HOME");
    if (xdg != NULL && xdg[0] == '/')
        return crier_buf_printf(out, "%s/crier", xdg);
    const char *home = getenv("HOME");
    if (home != NULL && home[0] != '\0')
        return crier_buf_printf(out, "%s/.local/state/crier", home);
    return CRIER_E_NOENT;
}

static bool
is_page_name(const char *name)
{
    static const char *const exts[] = { ".html", ".htm", ".xhtml", ".txt", ".mhtml", ".mht" };
    size_t len = strlen(name);
    if (name[0] == '.')
        return false;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t n = strlen(exts[i]);
        if (len <= n)
            continue;
        bool same = true;
        for (size_t k = 0; k < n && same; k++)
            same = crier_ascii_lower((unsigned char)name[len - n + k]) == (unsigned char)exts[i][k];
        if (same)
            return true;
    }
    return false;
}

static int
compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static crier_status
queue_add(player_queue *q, size_t *cap, char *path, size_t from)
{
    if (path == NULL)
        return CRIER_E_NOMEM;
    if (q->n >= PLAYER_MAX_QUEUE) {
        free(path);
        return CRIER_E_LIMIT;
    }
    if (q->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        char **np = realloc(q->paths, ncap * sizeof *np);
        if (np != NULL)
            q->paths = np;
        size_t *nf = np != NULL ? realloc(q->from, ncap * sizeof *nf) : NULL;
        if (nf == NULL) {
            free(path);
            return CRIER_E_NOMEM;
        }
        q->from = nf;
        *cap = ncap;
    }
    q->from[q->n] = from;
    q->paths[q->n++] = path;
    return CRIER_OK;
}

/* The pages of one folder (not recursive), sorted by name. */
static crier_status
queue_add_dir(player_queue *q, size_t *cap, const char *dir, size_t from)
{
    DIR *d = opendir(dir);
    size_t first = q->n;
    crier_status st = CRIER_OK;
    struct dirent *e;

    if (d == NULL)
        return CRIER_E_READ;
    while (st == CRIER_OK && (e = readdir(d)) != NULL) {
        if (!is_page_name(e->d_name))
            continue;
        crier_buf b;
        crier_buf_init(&b, 4096);
        st = crier_buf_printf(&b, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        if (st == CRIER_OK)
            st = queue_add(q, cap, crier_buf_steal(&b), from);
        crier_buf_free(&b);
    }
    closedir(d);
    if (st == CRIER_OK && q->n == first)
        st = CRIER_E_EMPTY;
    if (st == CRIER_OK)
        qsort(q->paths + first, q->n - first, sizeof *q->paths, compare_paths);
    return st;
}

crier_status
player_queue_build(const char *const *inputs, size_t n_inputs, player_queue *ret_q,
                   size_t *ret_bad_input)
{
    player_queue q = { 0 };
    size_t cap = 0;
    crier_status st = CRIER_OK;

    for (size_t i = 0; i < n_inputs && st == CRIER_OK; i++) {
        struct stat sb;
        if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            st = queue_add_dir(&q, &cap, inputs[i], i);
        else
            st = queue_add(&q, &cap, crier_strndup(inputs[i], strlen(inputs[i])), i);
        if (st != CRIER_OK)
            *ret_bad_input = i;
    }
    if (st == CRIER_OK && q.n == 0)
        st = CRIER_E_ARG;
    if (st != CRIER_OK) {
        player_queue_free(&q);
        return st;
    }
    *ret_q = q;
    return CRIER_OK;
}

void
player_queue_free(player_queue *q)
{
    for (size_t i = 0; i < q->n; i++)
        free(q->paths[i]);
    free(q->paths);
    free(q->from);
    *q = (player_queue){ 0 };
}

static uint64_t
fnv1a(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

uint64_t
player_script_hash(const crier_script *script)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t b = 0; b < script->n_blocks; b++) {
        const crier_script_block *blk = &script->blocks[b];
        for (size_t s = 0; s < blk->n_sentences; s++) {
            const char *t = blk->sentences[s].spoken ? blk->sentences[s].spoken : "";
            h = fnv1a(h, t, strlen(t));
            h = fnv1a(h, "\n", 1);
        }
        h = fnv1a(h, "\f", 1);
    }
    return h;
}

static crier_status
mkdir_p(crier_buf *path)
{
    /* Each prefix ending before a '/', then the whole path. */
    for (size_t i = 1; i <= path->len; i++) {
        if (i < path->len && path->data[i] != '/')
            continue;
        char keep = path->data[i];
        path->data[i] = '\0';
        int r = mkdir(path->data, 0700);
        path->data[i] = keep;
        if (r != 0 && errno != EEXIST)
            return CRIER_E_WRITE;
    }
    return CRIER_OK;
}

crier_status
player_position_save(const char *state_dir, uint64_t hash, size_t block, size_t sentence,
                     const char *path)
{
    crier_buf dir, file, tmp;
    FILE *f = NULL;
    crier_status st;

    crier_buf_init(&dir, 4096);
    crier_buf_init(&file, 4096);
    crier_buf_init(&tmp, 4096);
    st = crier_buf_printf(&dir, "%s/positions", state_dir);
    if (st == CRIER_OK)
        st = mkdir_p(&dir);
    if (st == CRIER_OK)
        st = crier_buf_printf(&file, "%s/%016llx", dir.data, (unsigned long long)hash);
    if (st == CRIER_OK)
        st = crier_buf_printf(&tmp, "%s.tmp", file.data);
    if (st != CRIER_OK)
        goto out;
    if ((f = fopen(tmp.data, "w")) == NULL) {
        st = CRIER_E_WRITE;
        goto out;
    }
    if (fprintf(f, "%zu %zu\n%s\n", block, sentence, path ? path : "") < 0)
        st = CRIER_E_WRITE;
    if (fclose(f) != 0 && st == CRIER_OK)
        st = CRIER_E_WRITE;
    if (st == CRIER_OK && rename(tmp.data, file.data) != 0)
        st = CRIER_E_WRITE;
    if (st != CRIER_OK)
        (void)remove(tmp.data);
out:
    crier_buf_free(&dir);
    crier_buf_free(&file);
    crier_buf_free(&tmp);
    return st;
}

/* A decimal number at *p, moving p past it. */
static bool
read_size(const char **p, size_t *ret)
{
    size_t v = 0;
    const char *s = *p;
    if (*s < '0' || *s > '9')
        return false;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (SIZE_MAX - 9) / 10)
            return false;
        v = v * 10 + (size_t)(*s - '0');
    }
    *p = s;
    *ret = v;
    return true;
}

crier_status
player_position_load(const char *state_dir, uint64_t hash, size_t *ret_block, size_t *ret_sentence)
{
    crier_buf file;
    char text[PLAYER_MAX_STATE_BYTES];
    FILE *f;
    size_t n, block, sentence;
    crier_status st;

    crier_buf_init(&file, 4096);
    st = crier_buf_printf(&file, "%s/positions/%016llx", state_dir, (unsigned long long)hash);
    f = st == CRIER_OK ? fopen(file.data, "r") : NULL;
    crier_buf_free(&file);
    if (st != CRIER_OK)
        return st;
    if (f == NULL)
        return CRIER_E_NOENT;
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    const char *p = text;
    if (!read_size(&p, &block) || *p++ != ' ' || !read_size(&p, &sentence))
        return CRIER_E_PARSE;
    *ret_block = block;
    *ret_sentence = sentence;
    return CRIER_OK;
}
