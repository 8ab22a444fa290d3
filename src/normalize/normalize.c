/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* crier_normalize: article -> script. The intro (title, byline, date), then each
 * spoken block split into sentences, each sentence normalized on its own. */

crier_normalize_opts
crier_normalize_opts_default(void)
{
    return (crier_normalize_opts){.intro = true,
                                  .captions = false,
                                  .urls = CRIER_URLS_SHORT,
                                  .emoji = CRIER_EMOJI_DROP,
                                  .pronounce = true,
                                  .lexicon = NULL,
                                  .user_lexicon = true,
                                  .plain = false};
}

/* One script block being built. */
typedef struct block_builder {
    const crier_lang *lang;
    const crier_normalize_opts *opts;
    const crier_lexicon *lexs[2]; /* the user's (or NULL), the pack's names */
    size_t n_lexs;                /* 0 when opts->pronounce is off */
    const char *text;
    crier_script_block *blk;
    size_t cap;
    crier_buf spoken;
} block_builder;

static crier_status
add_sentence(block_builder *bb, const char *written, size_t written_len, const char *spoken,
             size_t spoken_len)
{
    crier_script_block *blk = bb->blk;
    if (blk->n_sentences == bb->cap) {
        size_t cap = bb->cap ? bb->cap * 2 : 8;
        crier_sentence *s = realloc(blk->sentences, cap * sizeof *s);
        if (s == NULL)
            return CRIER_E_NOMEM;
        blk->sentences = s;
        bb->cap = cap;
    }
    crier_sentence *s = &blk->sentences[blk->n_sentences];
    s->written = crier_strndup(written, written_len);
    s->spoken = crier_strndup(spoken, spoken_len);
    s->pause = CRIER_PAUSE_SENTENCE;
    if (s->written == NULL || s->spoken == NULL) {
        free(s->written);
        free(s->spoken);
        return CRIER_E_NOMEM;
    }
    blk->n_sentences++;
    return CRIER_OK;
}

/* Normalizes text[off..off+len) and adds it as a sentence; silent ones are left out. */
static crier_status
on_sentence(void *data, size_t off, size_t len)
{
    block_builder *bb = data;
    crier_buf_clear(&bb->spoken);
    crier_status st = norm_text_for_speech(bb->lang, bb->opts, bb->lexs, bb->n_lexs, bb->text + off,
                                           len, &bb->spoken);
    if (st != CRIER_OK || bb->spoken.len == 0)
        return st;
    return add_sentence(bb, bb->text + off, len, bb->spoken.data, bb->spoken.len);
}

static void
free_block(crier_script_block *blk)
{
    for (size_t i = 0; i < blk->n_sentences; i++) {
        free(blk->sentences[i].spoken);
        free(blk->sentences[i].written);
    }
    free(blk->sentences);
    blk->sentences = NULL;
    blk->n_sentences = 0;
}

void
crier_script_free(crier_script *script)
{
    if (script == NULL)
        return;
    for (size_t i = 0; i < script->n_blocks; i++)
        free_block(&script->blocks[i]);
    free(script->blocks);
    free(script);
}

/* "2026-02-01" or "2026-02-01T10:00:00Z" -> the spoken date; false when unknown. */
static crier_status
say_iso_date(const crier_lang *lang, const char *date, crier_buf *out, bool *ret_known)
{
    size_t len = strlen(date);
    *ret_known = false;
    if (len < 10 || (len > 10 && date[10] != 'T' && date[10] != ' ') || date[4] != '-' ||
        date[7] != '-')
        return CRIER_OK;
    size_t mark = out->len;
    crier_status st = crier_normalize_text(lang, date, 10, out);
    if (st != CRIER_OK)
        return st;
    /* the date rule rewrote it: no digit is left */
    for (size_t i = mark; i < out->len; i++)
        if (crier_is_ascii_digit((unsigned char)out->data[i])) {
            crier_buf_truncate(out, mark);
            return CRIER_OK;
        }
    *ret_known = out->len > mark;
    return CRIER_OK;
}

/* Adds a full stop to spoken text that ends without ". ! ? :" or an ellipsis
 * (closing quotes and brackets may follow the mark). */
static crier_status
end_sentence(char **spoken)
{
    size_t len = strlen(*spoken), k = len;
    while (k > 0) {
        unsigned char b = (unsigned char)(*spoken)[k - 1];
        if (b == '"' || b == '\'' || b == ')' || b == ']') {
            k--;
        } else if (k >= 3 && (memcmp(*spoken + k - 3, "\xe2\x80\x9d", 3) == 0 ||
                              memcmp(*spoken + k - 3, "\xe2\x80\x99", 3) == 0)) {
            k -= 3; /* ” ’ */
        } else {
            break;
        }
    }
    if (k == 0)
        return CRIER_OK;
    char last = (*spoken)[k - 1];
    if (last == '.' || last == '!' || last == '?' || last == ':' ||
        (k >= 3 && memcmp(*spoken + k - 3, "\xe2\x80\xa6", 3) == 0))
        return CRIER_OK;
    char *n = realloc(*spoken, len + 2);
    if (n == NULL)
        return CRIER_E_NOMEM;
    n[len] = '.';
    n[len + 1] = '\0';
    *spoken = n;
    return CRIER_OK;
}

static crier_status
build_intro(block_builder *bb, const crier_article *art)
{
    crier_status st = CRIER_OK;
    crier_buf written;
    bool known = false;

    crier_buf_init(&written, CRIER_DEFAULT_MAX_ARTICLE_BYTES);
    if (art->title != NULL) {
        bb->text = art->title;
        if ((st = on_sentence(bb, 0, strlen(art->title))) != CRIER_OK)
            goto out;
        if (bb->blk->n_sentences > 0) {
            crier_sentence *t = &bb->blk->sentences[bb->blk->n_sentences - 1];
            t->pause = CRIER_PAUSE_HEADING;
            /* "... this week By All Israel News Staff": the title ends first */
            if (art->byline != NULL && (st = end_sentence(&t->spoken)) != CRIER_OK)
                goto out;
        }
    }
    if (art->byline != NULL && bb->opts->plain) {
        /* no "By" in a language the pack does not know: the name alone */
        crier_buf_clear(&bb->spoken);
        if ((st = crier_buf_printf(&written, "%s.", art->byline)) != CRIER_OK ||
            (st = norm_text_for_speech(bb->lang, bb->opts, bb->lexs, bb->n_lexs, written.data,
                                       written.len, &bb->spoken)) != CRIER_OK ||
            (st = add_sentence(bb, written.data, written.len, bb->spoken.data, bb->spoken.len)) !=
                CRIER_OK)
            goto out;
    } else if (art->byline != NULL) {
        const char *by = norm_word(bb->lang, "byline");
        if (by == NULL) {
            st = CRIER_E_LANG;
            goto out;
        }
        crier_buf_clear(&bb->spoken);
        if ((st = crier_buf_printf(&written, "%s %s.", by, art->byline)) != CRIER_OK ||
            (st = norm_text_for_speech(bb->lang, bb->opts, bb->lexs, bb->n_lexs, written.data,
                                       written.len, &bb->spoken)) ||
            (st = add_sentence(bb, written.data, written.len, bb->spoken.data, bb->spoken.len)) !=
                CRIER_OK)
            goto out;
    }
    if (art->date != NULL && !bb->opts->plain) {
        crier_buf_clear(&bb->spoken);
        if ((st = say_iso_date(bb->lang, art->date, &bb->spoken, &known)) != CRIER_OK)
            goto out;
        if (known && ((st = crier_buf_putc(&bb->spoken, '.')) != CRIER_OK ||
                      (st = add_sentence(bb, art->date, strlen(art->date), bb->spoken.data,
                                         bb->spoken.len)) != CRIER_OK))
            goto out;
    }
    crier_sentence *last =
        bb->blk->n_sentences ? &bb->blk->sentences[bb->blk->n_sentences - 1] : NULL;
    if (last != NULL && last->pause != CRIER_PAUSE_HEADING)
        last->pause = CRIER_PAUSE_BLOCK;
out:
    crier_buf_free(&written);
    return st;
}

static crier_status
check_caps(const crier_article *art, const crier_limits *lim)
{
    size_t total = 0;
    const char *meta[] = {art->title, art->byline, art->date};
    if (art->n_blocks > lim->max_blocks)
        return CRIER_E_LIMIT;
    for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++)
        total += meta[i] ? strlen(meta[i]) : 0;
    for (size_t i = 0; i < art->n_blocks; i++) {
        total += art->blocks[i].text ? strlen(art->blocks[i].text) : 0;
        if (total > lim->max_article_bytes)
            return CRIER_E_LIMIT;
    }
    return total > lim->max_article_bytes ? CRIER_E_LIMIT : CRIER_OK;
}

/* Adds one script block (intro or article block i); empty ones are dropped. */
static crier_status
build_block(crier_script *script, block_builder *bb, const crier_article *art, size_t i, bool intro)
{
    crier_script_block *blk = &script->blocks[script->n_blocks];
    crier_status st;

    memset(blk, 0, sizeof *blk);
    bb->blk = blk;
    bb->cap = 0;
    if (intro) {
        blk->kind = CRIER_SCRIPT_INTRO;
        st = build_intro(bb, art);
    } else {
        const crier_block *ab = &art->blocks[i];
        blk->kind = CRIER_SCRIPT_BLOCK;
        blk->type = ab->type;
        blk->article_block = i;
        bb->text = ab->text;
        st = norm_split_sentences(bb->lang, ab->text, strlen(ab->text), on_sentence, bb);
        if (st == CRIER_OK && blk->n_sentences > 0)
            blk->sentences[blk->n_sentences - 1].pause =
                ab->type == CRIER_BLOCK_HEADING ? CRIER_PAUSE_HEADING : CRIER_PAUSE_BLOCK;
    }
    if (st != CRIER_OK || blk->n_sentences == 0) {
        free_block(blk);
        return st;
    }
    script->n_blocks++;
    return CRIER_OK;
}

/* The user's lexicons: the per-user file when present, then opts->lexicon (so
 * the file named on the command line wins). *ret_lex stays NULL when neither is
 * in use. */
static crier_status
load_user_lexicon(const crier_normalize_opts *o, crier_lexicon **ret_lex)
{
    crier_lexicon *lex = NULL;
    crier_buf path;
    crier_status st = CRIER_OK;

    *ret_lex = NULL;
    crier_buf_init(&path, 4096);
    if (o->user_lexicon && crier_lexicon_user_path(&path) == CRIER_OK) {
        if ((st = crier_lexicon_new(&lex)) != CRIER_OK)
            goto out;
        st = crier_lexicon_load_file(lex, crier_buf_str(&path));
        /* most users have none; one that cannot be read (a folder, no
         * permission) must not fail every page of a batch: it is left out */
        if (st != CRIER_E_NOMEM)
            st = CRIER_OK;
    }
    if (st == CRIER_OK && o->lexicon != NULL) {
        if (lex == NULL && (st = crier_lexicon_new(&lex)) != CRIER_OK)
            goto out;
        st = crier_lexicon_load_file(lex, o->lexicon);
    }
out:
    crier_buf_free(&path);
    if (st != CRIER_OK || crier_lexicon_size(lex) == 0) {
        crier_lexicon_free(lex);
        return st;
    }
    *ret_lex = lex;
    return CRIER_OK;
}

crier_status
crier_normalize(const crier_lang *lang, const crier_article *art, const crier_normalize_opts *opts,
                crier_script **ret_script)
{
    crier_normalize_opts o = opts ? *opts : crier_normalize_opts_default();
    crier_limits lim = crier_limits_default();
    block_builder bb = {.lang = lang, .opts = &o};
    crier_script *script = NULL;
    crier_lexicon *user = NULL;
    crier_status st;

    if (lang == NULL || art == NULL || ret_script == NULL)
        return CRIER_E_ARG;
    if ((st = check_caps(art, &lim)) != CRIER_OK)
        return st;
    if (o.pronounce && !o.plain) {
        if ((st = load_user_lexicon(&o, &user)) != CRIER_OK)
            return st;
        bb.lexs[0] = user;
        bb.lexs[1] = lang->names;
        bb.n_lexs = 2;
    }
    st = CRIER_E_NOMEM;
    if ((script = calloc(1, sizeof *script)) == NULL ||
        (script->blocks = calloc(art->n_blocks + 1, sizeof *script->blocks)) == NULL)
        goto out;
    crier_buf_init(&bb.spoken, CRIER_BUF_DEFAULT_MAX); /* words grow: "%" is "percent" */
    st = o.intro ? build_block(script, &bb, art, 0, true) : CRIER_OK;
    for (size_t i = 0; i < art->n_blocks && st == CRIER_OK; i++) {
        const crier_block *ab = &art->blocks[i];
        if (ab->text == NULL || (ab->type == CRIER_BLOCK_CAPTION && !o.captions))
            continue;
        st = build_block(script, &bb, art, i, false);
    }
    crier_buf_free(&bb.spoken);
out:
    crier_lexicon_free(user);
    if (st != CRIER_OK) {
        crier_script_free(script);
        return st;
    }
    *ret_script = script;
    return CRIER_OK;
}
