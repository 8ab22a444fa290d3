/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The JSON report of a run (--report): per page its status, reason, outputs,
 * audio duration and the seconds it took; a summary. Numbers are written
 * without printf's %f, which follows the locale's decimal comma. */
#include <stdlib.h>
#include <string.h>

#include "batch/batch_internal.h"
#include "core/utf8.h"

/* Appends seconds with three decimals ("12.345"). */
static crier_status
put_seconds(crier_buf *out, double s)
{
    unsigned long long ms = s > 0 ? (unsigned long long)(s * 1000.0 + 0.5) : 0;
    return crier_buf_printf(out, "%llu.%03llu", ms / 1000, ms % 1000);
}

/* "key": value, or null for NULL and "". File names need not be UTF-8: an
 * invalid byte becomes U+FFFD, so that the report stays JSON. */
static crier_status
put_key_string(crier_buf *out, const char *key, const char *value)
{
    crier_buf valid;
    crier_status st = crier_buf_printf(out, "\"%s\": ", key);
    if (st != CRIER_OK || value == NULL || value[0] == '\0')
        return st == CRIER_OK ? crier_buf_puts(out, "null") : st;
    crier_buf_init(&valid, SIZE_MAX / 2);
    st = crier_utf8_repair(value, strlen(value), &valid);
    if (st == CRIER_OK)
        st = crier_buf_put_json_string(out, crier_buf_str(&valid));
    crier_buf_free(&valid);
    return st;
}

/* The audio file, then the sidecars its options asked for. */
static crier_status
put_outputs(crier_buf *out, const bt_entry *e)
{
    static const struct {
        const char *option, *suffix;
    } sidecars[] = {
        { "transcript=yes", BT_TRANSCRIPT_SUFFIX },
        { "chapters=yes", BT_CHAPTERS_SUFFIX },
    };
    crier_status st = crier_buf_put_json_string(out, e->f[BT_OUTPUT]);
    for (size_t i = 0; i < sizeof sidecars / sizeof sidecars[0] && st == CRIER_OK; i++) {
        if (strstr(e->f[BT_OPTIONS], sidecars[i].option) == NULL)
            continue;
        crier_buf name;
        crier_buf_init(&name, 1024);
        st = bt_sidecar_name(e->f[BT_OUTPUT], sidecars[i].suffix, &name);
        if (st == CRIER_OK)
            st = crier_buf_puts(out, ", ");
        if (st == CRIER_OK)
            st = crier_buf_put_json_string(out, crier_buf_str(&name));
        crier_buf_free(&name);
    }
    return st;
}

static crier_status
put_page(crier_buf *out, const bt_entry *e)
{
    crier_batch_state state = bt_entry_state(e);
    unsigned long long ms = strtoull(e->f[BT_MILLIS], NULL, 10);
    crier_status st = crier_buf_puts(out, "    {");

    if (st == CRIER_OK)
        st = put_key_string(out, "path", e->f[BT_PATH]);
    if (st == CRIER_OK)
        st = crier_buf_printf(out, ", \"status\": \"%s\", ", crier_batch_state_name(state));
    if (st == CRIER_OK)
        st = put_key_string(out, "reason", state == CRIER_BATCH_FAILED ? e->f[BT_REASON] : NULL);
    if (st == CRIER_OK)
        st = crier_buf_puts(out, ", \"outputs\": [");
    if (st == CRIER_OK && state != CRIER_BATCH_FAILED && e->f[BT_OUTPUT][0] != '\0')
        st = put_outputs(out, e);
    if (st == CRIER_OK)
        st = crier_buf_puts(out, "], \"duration\": ");
    if (st == CRIER_OK)
        st = state == CRIER_BATCH_FAILED ? crier_buf_puts(out, "null")
                                         : put_seconds(out, bt_entry_audio_seconds(e));
    if (st == CRIER_OK)
        st = crier_buf_printf(out, ", \"seconds\": %llu.%03llu, ", ms / 1000, ms % 1000);
    if (st == CRIER_OK)
        st = put_key_string(out, "title", e->f[BT_TITLE]);
    if (st == CRIER_OK)
        st = crier_buf_puts(out, ", ");
    if (st == CRIER_OK)
        st = put_key_string(out, "date", e->f[BT_DATE]);
    if (st == CRIER_OK)
        st = crier_buf_puts(out, "}");
    return st;
}

crier_status
bt_report_write(const char *path, const char *input_dir, const char *output_dir,
                const crier_batch_opts *opts, const bt_manifest *m, const crier_batch_summary *sum)
{
    crier_buf out;
    crier_status st;

    crier_buf_init(&out, SIZE_MAX / 2);
    st = crier_buf_puts(&out, "{\n  ");
    if (st == CRIER_OK)
        st = put_key_string(&out, "input", input_dir);
    if (st == CRIER_OK)
        st = crier_buf_puts(&out, ",\n  ");
    if (st == CRIER_OK)
        st = put_key_string(&out, "output", output_dir);
    if (st == CRIER_OK && opts->shard_n > 1)
        st = crier_buf_printf(&out, ",\n  \"shard\": \"%u/%u\"", opts->shard_k, opts->shard_n);
    else if (st == CRIER_OK)
        st = crier_buf_puts(&out, ",\n  \"shard\": null");
    if (st == CRIER_OK)
        st = crier_buf_printf(&out,
                              ",\n  \"summary\": {\"pages\": %zu, \"done\": %zu, \"skipped\": %zu, "
                              "\"failed\": %zu, \"cancelled\": %s, \"audio_seconds\": ",
                              sum->n_pages, sum->n_done, sum->n_skipped, sum->n_failed,
                              sum->cancelled ? "true" : "false");
    if (st == CRIER_OK)
        st = put_seconds(&out, sum->audio_seconds);
    if (st == CRIER_OK)
        st = crier_buf_puts(&out, ", \"elapsed_seconds\": ");
    if (st == CRIER_OK)
        st = put_seconds(&out, sum->elapsed);
    if (st == CRIER_OK)
        st = crier_buf_puts(&out, "},\n  \"pages\": [\n");
    for (size_t i = 0; i < m->n && st == CRIER_OK; i++) {
        st = put_page(&out, &m->entries[i]);
        if (st == CRIER_OK)
            st = crier_buf_puts(&out, i + 1 < m->n ? ",\n" : "\n");
    }
    if (st == CRIER_OK)
        st = crier_buf_puts(&out, "  ]\n}\n");
    if (st == CRIER_OK)
        st = bt_write_atomic(path, crier_buf_str(&out), out.len);
    crier_buf_free(&out);
    return st;
}
