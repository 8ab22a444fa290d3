/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replays saved fuzz inputs (corpora and every crash input ever found) through one
 * fuzz target, as an ordinary test: each argument is a file or a folder of files.
 * Exits 0 when every input ran to completion; a crash fails the test by itself. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/fuzz.h"

static int
replay_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "replay: %s: cannot open\n", path);
        return 1;
    }
    size_t cap = (size_t)1 << 16, len = 0, got;
    uint8_t *data = malloc(cap);
    while (data != NULL && (got = fread(data + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            uint8_t *p = cap < ((size_t)64 << 20) ? realloc(data, cap *= 2) : NULL;
            if (p == NULL)
                break;
            data = p;
        }
    }
    fclose(f);
    if (data == NULL)
        return 1;
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    (*n)++;
    return 0;
}

static int
replay_path(const char *path, size_t *n)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return 0; /* an absent corpus folder is not an error */
    if (!S_ISDIR(sb.st_mode))
        return replay_file(path, n);
    struct dirent **names;
    int count = scandir(path, &names, NULL, alphasort), bad = 0;
    for (int i = 0; i < count; i++) {
        if (names[i]->d_name[0] != '.') {
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, names[i]->d_name);
            bad |= replay_path(child, n);
        }
        free(names[i]);
    }
    free(names);
    return bad;
}

int
main(int argc, char **argv)
{
    size_t n = 0;
    int bad = 0;
    for (int i = 1; i < argc; i++)
        bad |= replay_path(argv[i], &n);
    printf("replayed %zu inputs\n", n);
    return bad;
}
