/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "audio/audio.h"
#include "audio/outfile.h"
#include "core/buf.h"

/* WebVTT transcripts and Podcasting 2.0 chapters, written cue by cue through
 * an outfile (temporary name, renamed when complete). Times are printed from
 * integer milliseconds: no "%f", whose decimal point follows the locale. */

/* One cue or chapter never needs more than this (a sentence, a heading). */
#define ENTRY_MAX ((size_t)1 << 20)

struct text_writer {
    struct crier_outfile out;
    int rate;
    size_t last_start;
    size_t n; /* entries written */
    crier_status failed;
    crier_buf line;
};

static crier_status
writer_open(struct text_writer *w, const char *path, int rate, const char *head)
{
    crier_status st;
    if (path == NULL || rate <= 0)
        return CRIER_E_ARG;
    w->rate = rate;
    w->last_start = 0;
    w->n = 0;
    w->failed = CRIER_OK;
    crier_buf_init(&w->line, ENTRY_MAX);
    if ((st = crier_outfile_open(&w->out, path)) != CRIER_OK)
        return st;
    if ((st = crier_outfile_write(&w->out, head, strlen(head))) != CRIER_OK)
        crier_outfile_discard(&w->out);
    return st;
}

/* Writes w->line and clears it; failures are sticky. */
static crier_status
writer_flush(struct text_writer *w, crier_status st)
{
    if (st == CRIER_OK)
        st = crier_outfile_write(&w->out, w->line.data ? w->line.data : "", w->line.len);
    crier_buf_clear(&w->line);
    if (st != CRIER_OK && st != CRIER_E_ARG)
        w->failed = st;
    return st;
}

static crier_status
writer_finish(struct text_writer *w, const char *tail)
{
    crier_status st = w->failed;
    if (st == CRIER_OK)
        st = crier_outfile_write(&w->out, tail, strlen(tail));
    if (st == CRIER_OK)
        st = crier_outfile_commit(&w->out);
    if (st != CRIER_OK)
        w->failed = st;
    return st;
}

static void
writer_free(struct text_writer *w)
{
    crier_outfile_discard(&w->out);
    crier_buf_free(&w->line);
}

static size_t
frames_to_ms(const struct text_writer *w, size_t frames)
{
    unsigned long long rate = (unsigned long long)w->rate;
    return (size_t)(((unsigned long long)frames * 1000 + rate / 2) / rate); /* rounded */
}

/* WebVTT */

struct crier_vtt {
    struct text_writer w;
};

crier_status
crier_vtt_open(const char *path, int rate, crier_vtt **ret_vtt)
{
    if (ret_vtt == NULL)
        return CRIER_E_ARG;
    crier_vtt *v = calloc(1, sizeof *v);
    if (v == NULL)
        return CRIER_E_NOMEM;
    crier_status st = writer_open(&v->w, path, rate, "WEBVTT\n");
    if (st != CRIER_OK) {
        crier_buf_free(&v->w.line);
        free(v);
        return st;
    }
    *ret_vtt = v;
    return CRIER_OK;
}

static crier_status
put_vtt_time(crier_buf *b, size_t ms)
{
    return crier_buf_printf(b, "%02zu:%02zu:%02zu.%03zu", ms / 3600000, ms / 60000 % 60,
                            ms / 1000 % 60, ms % 1000);
}

/* Cue text: one line, with the three characters WebVTT reserves escaped (which
 * also rules out "-->"). */
static crier_status
put_vtt_text(crier_buf *b, const char *text)
{
    crier_status st = CRIER_OK;
    bool space = false;
    for (const char *p = text; *p && st == CRIER_OK; p++) {
        char c = *p;
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = b->len > 0;
            continue;
        }
        if (space)
            st = crier_buf_putc(b, ' ');
        space = false;
        if (st != CRIER_OK)
            break;
        st = c == '&'   ? crier_buf_puts(b, "&amp;")
             : c == '<' ? crier_buf_puts(b, "&lt;")
             : c == '>' ? crier_buf_puts(b, "&gt;")
                        : crier_buf_putc(b, c);
    }
    return st;
}

crier_status
crier_vtt_add(crier_vtt *vtt, size_t start_frame, size_t end_frame, const char *text)
{
    if (vtt == NULL || text == NULL)
        return CRIER_E_ARG;
    struct text_writer *w = &vtt->w;
    if (w->failed != CRIER_OK)
        return w->failed;
    if (w->n > 0 && start_frame < w->last_start)
        return CRIER_E_ARG;
    crier_buf cue;
    crier_buf_init(&cue, ENTRY_MAX);
    crier_status st = put_vtt_text(&cue, text);
    if (st != CRIER_OK || cue.len == 0)
        goto out;
    size_t start = frames_to_ms(w, start_frame);
    size_t end = frames_to_ms(w, end_frame);
    if (end <= start)
        end = start + 1;
    if ((st = crier_buf_printf(&w->line, "\n%zu\n", w->n + 1)) == CRIER_OK &&
        (st = put_vtt_time(&w->line, start)) == CRIER_OK &&
        (st = crier_buf_puts(&w->line, " --> ")) == CRIER_OK &&
        (st = put_vtt_time(&w->line, end)) == CRIER_OK &&
        (st = crier_buf_putc(&w->line, '\n')) == CRIER_OK &&
        (st = crier_buf_append(&w->line, cue.data, cue.len)) == CRIER_OK)
        st = crier_buf_putc(&w->line, '\n');
    if ((st = writer_flush(w, st)) == CRIER_OK) {
        w->n++;
        w->last_start = start_frame;
    }
out:
    crier_buf_free(&cue);
    return st;
}

crier_status
crier_vtt_finish(crier_vtt *vtt)
{
    return vtt ? writer_finish(&vtt->w, "") : CRIER_E_ARG;
}

void
crier_vtt_free(crier_vtt *vtt)
{
    if (vtt == NULL)
        return;
    writer_free(&vtt->w);
    free(vtt);
}

/* Podcasting 2.0 chapters */

struct crier_chapters {
    struct text_writer w;
};

crier_status
crier_chapters_open(const char *path, int rate, crier_chapters **ret_chapters)
{
    if (ret_chapters == NULL)
        return CRIER_E_ARG;
    crier_chapters *c = calloc(1, sizeof *c);
    if (c == NULL)
        return CRIER_E_NOMEM;
    crier_status st = writer_open(&c->w, path, rate, "{\"version\": \"1.2.0\", \"chapters\": [");
    if (st != CRIER_OK) {
        crier_buf_free(&c->w.line);
        free(c);
        return st;
    }
    *ret_chapters = c;
    return CRIER_OK;
}

crier_status
crier_chapters_add(crier_chapters *ch, size_t start_frame, const char *title)
{
    if (ch == NULL || title == NULL)
        return CRIER_E_ARG;
    struct text_writer *w = &ch->w;
    if (w->failed != CRIER_OK)
        return w->failed;
    if (w->n > 0 && start_frame < w->last_start)
        return CRIER_E_ARG;
    size_t ms = frames_to_ms(w, start_frame);
    crier_status st =
        crier_buf_printf(&w->line, "%s\n  {\"startTime\": %zu.%03zu, \"title\": ", w->n ? "," : "",
                         ms / 1000, ms % 1000);
    if (st == CRIER_OK)
        st = crier_buf_put_json_string(&w->line, title);
    if (st == CRIER_OK)
        st = crier_buf_putc(&w->line, '}');
    if ((st = writer_flush(w, st)) == CRIER_OK) {
        w->n++;
        w->last_start = start_frame;
    }
    return st;
}

crier_status
crier_chapters_finish(crier_chapters *ch)
{
    return ch ? writer_finish(&ch->w, "\n]}\n") : CRIER_E_ARG;
}

void
crier_chapters_free(crier_chapters *ch)
{
    if (ch == NULL)
        return;
    writer_free(&ch->w);
    free(ch);
}
