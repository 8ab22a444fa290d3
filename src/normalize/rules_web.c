/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Web text: URLs, e-mail addresses, @handles, #hashtags, "[1]" citations and
 * emoji. Separator names and web words ("www", "jpg") come from web.tsv. */

/* The web.tsv row of s in lower case ("www", "com", "."), or NULL. */
static const norm_entry *
web_word(const crier_lang *lang, const char *s, size_t len)
{
    char low[32];
    if (len == 0 || len >= sizeof low)
        return NULL;
    for (size_t k = 0; k < len; k++)
        low[k] = (char)crier_ascii_lower((unsigned char)s[k]);
    return norm_lookup(lang, NT_WEB, low, len);
}

static bool
has_prefix(const char *s, size_t len, const char *p)
{
    size_t pl = strlen(p);
    return len > pl && norm_ascii_ieq(s, pl, p);
}

/* "name.tld" or "name.tld/path" where tld is marked "tld" in web.tsv. */
static bool
is_domain(const crier_lang *lang, const char *b, size_t len)
{
    const char *slash = memchr(b, '/', len);
    size_t host = slash ? (size_t)(slash - b) : len, dot = host;
    while (dot > 0 && b[dot - 1] != '.')
        dot--;
    if (dot < 2 || dot >= host)
        return false;
    for (size_t k = 0; k < host; k++)
        if (!crier_is_ascii_alnum((unsigned char)b[k]) && b[k] != '.' && b[k] != '-')
            return false;
    const norm_entry *e = web_word(lang, b + dot, host - dot);
    const char *flag;
    size_t fl;
    return e != NULL && norm_field(e->value, 1, &flag, &fl) && fl == 3 &&
           memcmp(flag, "tld", 3) == 0;
}

bool
norm_match_web(const norm_ctx *c, size_t i, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    const char *at = memchr(b, '@', len);

    m->n_toks = 1;
    if (len < 2)
        return false;
    if (b[0] == '#' && norm_all_digits(b + 1, len - 1) && len <= 8) {
        m->kind = 'N'; /* "#1 pick": number one */
        return true;
    }
    if (b[0] == '@' || b[0] == '#') /* "@handle", "#hashtag" */
        return crier_is_ascii_alnum((unsigned char)b[1]) && (m->kind = b[0]) != 0;
    for (size_t k = 0; k + 3 <= len; k++)
        if (b[k] == ':' && b[k + 1] == '/' && b[k + 2] == '/')
            return true; /* "https://", "file:///" */
    if (has_prefix(b, len, "www."))
        return true;
    if (at != NULL && at > b && memchr(at, '.', len - (size_t)(at - b)) != NULL)
        return true; /* e-mail */
    return is_domain(c->lang, b, len);
}

/* A web.tsv reading that spells letters ("A T", "W W W"): capitals, one at a time. */
static bool
spelled_value(const char *v, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (k % 2 == 0 ? !crier_is_ascii_upper((unsigned char)v[k]) : v[k] != ' ')
            return false;
    return len % 2 == 1;
}

/* Says one run of letters, digits or one separator; number: a run of digits is
 * read as a number ("@12" at twelve, "fresno24.com" twenty four), else digit by
 * digit ("/123" one two three). */
static crier_status
say_web_run(const crier_lang *lang, const char *s, size_t len, bool number, crier_buf *out)
{
    const norm_entry *e = web_word(lang, s, len);
    const char *v;
    size_t vl;
    if (e != NULL && norm_field(e->value, 0, &v, &vl) && spelled_value(v, vl))
        return norm_spell(lang, v, vl, out); /* "kairo.at": "A" said as a letter */
    if (e != NULL)
        return norm_put_field(out, e->value, 0);
    if (crier_is_ascii_digit((unsigned char)s[0]))
        return number || len == 1 ? norm_say_digit_run(lang, s, len, out)
                                  : norm_say_digits(lang, s, len, out);
    if (crier_is_ascii_alpha((unsigned char)s[0]) || (unsigned char)s[0] >= 0x80)
        return norm_put_word(out, s, len);
    return CRIER_OK; /* a separator without a name */
}

/* Longest path still read in a short address ("example.com/donate"). */
#define WEB_SHORT_PATH_BYTES 24

/* The part of an address a listener needs: without "scheme://", "www.", the
 * query or fragment and a final slash; the path only when it is one short
 * segment ("nvidia.com/rtx-6000"), else the site alone. */
static void
short_address(const char *b, size_t len, size_t *ret_from, size_t *ret_to)
{
    size_t from = 0, to = len;
    for (size_t k = 0; k + 3 <= len; k++)
        if (b[k] == ':' && b[k + 1] == '/' && b[k + 2] == '/') {
            from = k + 3;
            break;
        }
    while (from < len && b[from] == '/') /* "file:///" */
        from++;
    if (len - from > 4 && norm_ascii_ieq(b + from, 4, "www."))
        from += 4;
    for (size_t k = from; k < to; k++)
        if (b[k] == '?' || b[k] == '#')
            to = k;
    while (to > from && b[to - 1] == '/')
        to--;
    const char *slash = memchr(b + from, '/', to - from);
    /* a site has a dotted name; "file:///photos/a.jpg" keeps its path */
    if (slash != NULL && memchr(b + from, '.', (size_t)(slash - (b + from))) != NULL) {
        size_t path = (size_t)(slash - b) + 1;
        if (memchr(b + path, '/', to - path) != NULL || to - path > WEB_SHORT_PATH_BYTES)
            to = (size_t)(slash - b);
    }
    *ret_from = from;
    *ret_to = to;
}

crier_status
norm_say_web(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i), k = 0;
    crier_status st = CRIER_OK;

    if (m->kind == 0 && c->opts->urls == CRIER_URLS_SKIP)
        return CRIER_OK; /* the sentence's own punctuation stays */
    if (m->kind == 0 && c->opts->urls == CRIER_URLS_SHORT && memchr(b, '@', len) == NULL)
        short_address(b, len, &k, &len);
    else if (m->kind == 0) /* "test .b@gmail.com": an address starts with a letter or digit */
        while (k < len && !crier_is_ascii_alnum((unsigned char)b[k]))
            k++;

    if (m->kind == 'N') {
        if ((st = norm_put_glue(c->lang, out, "number_sign")) != CRIER_OK)
            return st;
        return norm_say_digit_run(c->lang, b + 1, len - 1, out);
    }
    if (m->kind == '#') { /* "#hashtag": hashtag, then the tag as written */
        k = 1;
        st = norm_put_glue(c->lang, out, "hashtag");
    }
    /* the host name: its one- or two-digit runs are numbers ("fresno24.com") */
    const char *at = memchr(b + k, '@', len - k), *slash;
    size_t host = at != NULL ? (size_t)(at - b) + 1 : k;
    size_t host_end = (slash = memchr(b + host, '/', len - host)) ? (size_t)(slash - b) : len;
    bool named = false; /* "10.0.0.12" has no name: digit by digit */
    for (size_t h = host; h < host_end && !named; h++)
        named = crier_is_ascii_alpha((unsigned char)b[h]);
    while (k < len && st == CRIER_OK) {
        size_t e = k + 1;
        if (crier_is_ascii_alpha((unsigned char)b[k]) || (unsigned char)b[k] >= 0x80) {
            while (e < len &&
                   (crier_is_ascii_alpha((unsigned char)b[e]) || (unsigned char)b[e] >= 0x80))
                e++;
        } else if (crier_is_ascii_digit((unsigned char)b[k])) {
            while (e < len && crier_is_ascii_digit((unsigned char)b[e]))
                e++;
        } else if (b[k] == '/' && e < len && b[e] == '/') {
            e++; /* "//": slash slash, said as one row of web.tsv */
        }
        /* "rtx-6000", "f-35" in a path: a model's number after its letters and a dash */
        bool model = k >= 2 && b[k - 1] == '-' && crier_is_ascii_alpha((unsigned char)b[k - 2]) &&
                     e - k <= 4 && b[k] != '0' &&
                     (e == len || !crier_is_ascii_alnum((unsigned char)b[e]));
        bool number =
            m->kind == '@' || model || (named && k >= host && e <= host_end && e - k <= 2);
        uint64_t year = m->kind == '#' && e - k == 4 && crier_is_ascii_digit((unsigned char)b[k])
                            ? norm_digits_value(b + k, 4)
                            : 0;
        if (year >= 1900 && year <= 2099) /* "#Election2024": twenty twenty four */
            st = norm_say_year(c->lang, year, out);
        else
            st = say_web_run(c->lang, b + k, e - k, number, out);
        k = e;
    }
    return st;
}

/* Most words in a Wikipedia editorial mark ("[according to whom?]"). */
#define EDITORIAL_MAX_WORDS 6

/* A dash between the words of a mark: "-", "–" or "—". */
static bool
is_dash(const char *s, size_t len)
{
    return (len == 1 && s[0] == '-') ||
           (len == 3 && memcmp(s, "\xe2\x80", 2) == 0 &&
            ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94));
}

/* "[citation needed]", "[clarification needed]", "[when?]", "[dubious – discuss]",
 * "[sic]": a mark Wikipedia's editors put in the text, not read, as a citation
 * number is not. Lower-case words in brackets that end in "?" or in a word of
 * words.tsv editorial_marks; "[Trump]", an insertion into a quote, is read. */
static bool
match_editorial(const norm_ctx *c, size_t i, norm_match *m)
{
    for (size_t j = i; j < c->n_toks && j < i + EDITORIAL_MAX_WORDS; j++) {
        const char *b = norm_body(c, j), *t = c->text + c->toks[j].trail;
        size_t len = norm_body_len(c, j), tl = norm_trail_len(c, j);
        if ((j > i && norm_lead_len(c, j) != 0) || len == 0)
            return false;
        if (!is_dash(b, len)) {
            for (size_t k = 0; k < len; k++)
                if (!crier_is_ascii_lower((unsigned char)b[k]) && (b[k] != '-' || k == 0))
                    return false;
        } else if (j == i) {
            return false;
        }
        if (tl == 0)
            continue;
        bool ask = t[0] == '?';
        if (tl < (size_t)ask + 1 || t[ask] != ']')
            return false;
        if (!ask && !norm_in_word_list(c->lang, "editorial_marks", b, len))
            return false;
        m->n_toks = j - i + 1;
        m->trail_skip = (size_t)ask + 1;
        return true;
    }
    return false;
}

/* s[0..len) is a page or pages: "7", "234", "7-9", "7–9", "7, 12". */
static bool
is_pages(const char *s, size_t len)
{
    if (len == 0 || !crier_is_ascii_digit((unsigned char)s[0]))
        return false;
    for (size_t k = 0; k < len; k++)
        if (!crier_is_ascii_digit((unsigned char)s[k]) && s[k] != '-' && s[k] != ',' &&
            !(k + 3 <= len && memcmp(s + k, "\xe2\x80\x93", 3) == 0 && (k += 2, true)))
            return false;
    return true;
}

/* "[3]:7", "[3]:7-9", "[3]:p. 7", "[3]:pp. 7-9": a citation with the page it
 * cites (Wikipedia's form); body starts after the "[" and n is its digits. */
static bool
match_cited_page(const norm_ctx *c, size_t i, size_t n, norm_match *m)
{
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    if (n + 2 > len || b[n] != ']' || b[n + 1] != ':')
        return false;
    const char *rest = b + n + 2;
    size_t rl = len - n - 2;
    if (is_pages(rest, rl)) {
        m->trail_skip = 0;
        return true;
    }
    if (!norm_ascii_ieq(rest, rl, "p") && !norm_ascii_ieq(rest, rl, "pp"))
        return false;
    if (norm_trail0(c, i) != '.' || norm_trail_len(c, i) != 1 || i + 1 >= c->n_toks ||
        norm_lead_len(c, i + 1) != 0 || !is_pages(norm_body(c, i + 1), norm_body_len(c, i + 1)))
        return false;
    m->n_toks = 2;
    m->trail_skip = 0;
    return true;
}

/* "^ a b c": the links back from a Wikipedia reference to where it is cited,
 * not read; the letters only when they run "a b ..." ("^ a study" keeps "a"). */
static bool
match_backlinks(const norm_ctx *c, size_t i, norm_match *m)
{
    size_t n = 0;
    while (i + 1 + n < c->n_toks && n < 26 && norm_body_len(c, i + 1 + n) == 1 &&
           norm_lead_len(c, i + 1 + n) == 0 && norm_body(c, i + 1 + n)[0] == (char)('a' + n) &&
           (norm_trail_len(c, i + 1 + n) == 0 || n > 0))
        if (norm_trail_len(c, i + 1 + n++) != 0)
            break;
    m->n_toks = 1 + (n >= 2 ? n : 0);
    m->trail_skip = 0;
    return true;
}

/* "[1]", "[12]": a citation mark, not read. */
bool
norm_match_citation(const norm_ctx *c, size_t i, norm_match *m)
{
    const norm_tok *t = &c->toks[i];
    const char *b = norm_body(c, i);
    size_t len = norm_body_len(c, i);
    m->n_toks = 1;
    m->silent = true;
    m->trail_skip = 1;
    if (len == 1 && b[0] == '^' && norm_lead_len(c, i) == 0 && norm_trail_len(c, i) == 0 &&
        (i == 0 || norm_trail_len(c, i - 1) > 0)) /* opening a reference */
        return match_backlinks(c, i, m);
    if (norm_lead_len(c, i) != 1 || c->text[t->off] != '[')
        return false;
    /* "[n 3]", "[note 4]": a note number over two tokens */
    if (norm_trail_len(c, i) == 0 && (norm_tok_is(c, i, "n") || norm_tok_is(c, i, "note")) &&
        i + 1 < c->n_toks && norm_lead_len(c, i + 1) == 0 && norm_trail0(c, i + 1) == ']' &&
        norm_all_digits(norm_body(c, i + 1), norm_body_len(c, i + 1)) &&
        norm_body_len(c, i + 1) <= 3) {
        m->n_toks = 2;
        return true;
    }
    /* "[12]", and "in 1998.[a]" a lettered note glued to the text ("a [x] b" is read) */
    bool glued = i > 0 && c->toks[i - 1].end == t->off;
    size_t n = 0;
    while (n < len && n < 4 && crier_is_ascii_digit((unsigned char)b[n]))
        n++;
    if (n > 0 && n <= 3 && n < len && match_cited_page(c, i, n, m))
        return true;
    if (norm_trail0(c, i) == ']' &&
        ((norm_all_digits(b, len) && len <= 3) ||
         (glued && len == 1 && crier_is_ascii_lower((unsigned char)b[0]))))
        return true;
    return crier_is_ascii_lower((unsigned char)b[0]) && match_editorial(c, i, m);
}

crier_status
norm_say_nothing(const norm_ctx *c, size_t i, const norm_match *m, crier_buf *out)
{
    return CRIER_OK;
}

bool
norm_is_silent(const crier_lang *lang, unsigned cp)
{
    for (size_t k = 0; k < lang->n_silent; k++)
        if (cp >= lang->silent[k][0] && cp <= lang->silent[k][1])
            return true;
    return false;
}
