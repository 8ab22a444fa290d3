/* SPDX-License-Identifier: GPL-3.0-or-later */
/* End to end: `crier render` of the sample page to .wav and .ogg, read back with
 * libsndfile: the right container and codec, mono at eSpeak NG's rate, longer
 * than three minutes, not silent, tagged, and nothing else left in the folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/crier-render.XXXXXX";

static int
run_crier(const char *input, const char *output)
{
    const char *bin = getenv("CRIER_BIN");
    pid_t pid = fork();
    if (pid == 0) {
        execl(bin, bin, "render", input, "-o", output, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static size_t
count_entries(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    if (d != NULL)
        closedir(d);
    return n;
}

static void
render_and_check(const char *name, int major, int subtype)
{
    char input[4096], output[4096];
    snprintf(input, sizeof input, "%s/samples/all-israel-us-iran-talks.html",
             getenv("CRIER_SOURCE_ROOT"));
    snprintf(output, sizeof output, "%s/%s", tmpdir, name);

    assert_int_equal(run_crier(input, output), 0);
    assert_int_equal(count_entries(tmpdir), 1); /* the output, no temporary file */

    SF_INFO info = { 0 };
    SNDFILE *f = sf_open(output, SFM_READ, &info);
    assert_non_null(f);
    assert_int_equal(info.format & SF_FORMAT_TYPEMASK, major);
    assert_int_equal(info.format & SF_FORMAT_SUBMASK, subtype);
    assert_int_equal(info.channels, 1);
    assert_int_equal(info.samplerate, 22050);
    double seconds = (double)info.frames / info.samplerate;
    print_message("# %s: %.1f s\n", name, seconds);
    assert_true(seconds > 180.0);

    /* level over the whole file, read in chunks */
    short chunk[4096];
    sf_count_t got;
    double sum = 0;
    long long n = 0;
    while ((got = sf_readf_short(f, chunk, 4096)) > 0) {
        for (sf_count_t i = 0; i < got; i++)
            sum += (double)chunk[i] * chunk[i];
        n += got;
    }
    assert_true(n > 0);
    double rms = sqrt(sum / (double)n);
    print_message("# %s: rms %.0f\n", name, rms);
    assert_true(rms > 300.0); /* speech, not silence */

    const char *title = sf_get_string(f, SF_STR_TITLE);
    const char *artist = sf_get_string(f, SF_STR_ARTIST);
    const char *album = sf_get_string(f, SF_STR_ALBUM);
    const char *date = sf_get_string(f, SF_STR_DATE);
    assert_non_null(title);
    assert_non_null(strstr(title, "Hopefully we"));
    assert_non_null(artist);
    assert_non_null(album);
    assert_non_null(strstr(album, "All Israel"));
    assert_non_null(date);
    assert_true(strncmp(date, "2026-02-0", 9) == 0);
    assert_int_equal(sf_close(f), 0);
    assert_int_equal(unlink(output), 0);
}

static void
renders_wav(void **state)
{
    (void)state;
    render_and_check("article.wav", SF_FORMAT_WAV, SF_FORMAT_PCM_16);
}

static void
renders_ogg_vorbis(void **state)
{
    (void)state;
    render_and_check("article.ogg", SF_FORMAT_OGG, SF_FORMAT_VORBIS);
}

static int
setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
    (void)state;
    return rmdir(tmpdir);
}

int
main(void)
{
    if (getenv("CRIER_BIN") == NULL || getenv("CRIER_SOURCE_ROOT") == NULL) {
        fputs("CRIER_BIN and CRIER_SOURCE_ROOT must be set (run through meson test)\n", stderr);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(renders_wav),
        cmocka_unit_test(renders_ogg_vorbis),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
