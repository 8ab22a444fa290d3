/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "extract/html_internal.h"

/* JSON-LD as sites write it: mostly JSON, sometimes with an HTML comment or
 * CDATA wrapper, trailing commas, raw newlines in strings, several objects in
 * one script. Nesting is capped; past the cap a value reads as null. */

#define JSON_MAX_DEPTH 64
#define JSON_MAX_STRING ((size_t)4 << 20)

typedef struct jp {
    const char *s;
    size_t len, i;
} jp;

static void
skip_ws(jp *p)
{
    while (p->i < p->len) {
        unsigned char c = (unsigned char)p->s[p->i];
        if (crier_is_ascii_space(c)) {
            p->i++;
        } else if (c == '/' && p->i + 1 < p->len && p->s[p->i + 1] == '/') {
            while (p->i < p->len && p->s[p->i] != '\n')
                p->i++;
        } else if (c == '/' && p->i + 1 < p->len && p->s[p->i + 1] == '*') {
            p->i += 2;
            while (p->i + 1 < p->len && !(p->s[p->i] == '*' && p->s[p->i + 1] == '/'))
                p->i++;
            p->i += 2;
        } else {
            break;
        }
    }
    if (p->i > p->len)
        p->i = p->len;
}

static ex_json *
node_new(ex_json_type t)
{
    ex_json *j = calloc(1, sizeof *j);
    if (j)
        j->type = t;
    return j;
}

void
ex_json_free(ex_json *j)
{
    while (j != NULL) {
        ex_json *next = j->next;
        ex_json_free(j->child);
        free(j->str);
        free(j->key);
        free(j);
        j = next;
    }
}

static unsigned
hex4(const char *s, size_t avail, bool *ok)
{
    unsigned v = 0;
    *ok = avail >= 4;
    for (size_t i = 0; *ok && i < 4; i++) {
        unsigned c = (unsigned char)s[i];
        v <<= 4;
        if (crier_is_ascii_digit(c))
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            *ok = false;
    }
    return v;
}

/* p->s[p->i] is the opening quote ('"' or a tolerated '\''). */
static char *
parse_string(jp *p)
{
    char q = p->s[p->i++];
    crier_buf b;
    crier_buf_init(&b, JSON_MAX_STRING);
    crier_status st = CRIER_OK;
    while (st == CRIER_OK && p->i < p->len && p->s[p->i] != q) {
        char c = p->s[p->i++];
        if (c != '\\' || p->i >= p->len) {
            st = crier_buf_putc(&b, c);
            continue;
        }
        char e = p->s[p->i++];
        bool ok;
        unsigned cp;
        switch (e) {
        case 'n': st = crier_buf_putc(&b, '\n'); break;
        case 't': st = crier_buf_putc(&b, '\t'); break;
        case 'r': st = crier_buf_putc(&b, '\r'); break;
        case 'b': case 'f': st = crier_buf_putc(&b, ' '); break;
        case 'u':
            cp = hex4(p->s + p->i, p->len - p->i, &ok);
            if (!ok) {
                st = crier_buf_putc(&b, 'u');
                break;
            }
            p->i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && p->i + 6 <= p->len && p->s[p->i] == '\\' &&
                p->s[p->i + 1] == 'u') {
                unsigned lo = hex4(p->s + p->i + 2, p->len - p->i - 2, &ok);
                if (ok && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p->i += 6;
                }
            }
            st = crier_buf_put_cp(&b, cp == 0 ? 0xFFFD : cp);
            break;
        default: st = crier_buf_putc(&b, e); break;
        }
    }
    if (p->i < p->len)
        p->i++; /* closing quote */
    char *r = st == CRIER_OK ? crier_buf_steal(&b) : NULL;
    crier_buf_free(&b);
    /* escapes may have produced invalid UTF-8 only through lone surrogates,
     * which crier_buf_put_cp encodes as U+FFFD */
    return r;
}

static ex_json *parse_value(jp *p, int depth);

static ex_json *
parse_container(jp *p, int depth, bool is_object)
{
    ex_json *j = node_new(is_object ? EX_JSON_OBJECT : EX_JSON_ARRAY);
    ex_json **tail = j ? &j->child : NULL;
    char close = is_object ? '}' : ']';
    if (j == NULL)
        return NULL;
    p->i++;
    for (;;) {
        skip_ws(p);
        if (p->i >= p->len)
            break;
        if (p->s[p->i] == close) {
            p->i++;
            break;
        }
        if (p->s[p->i] == ',') {
            p->i++;
            continue;
        }
        char *key = NULL;
        if (is_object) {
            if (p->s[p->i] != '"' && p->s[p->i] != '\'') {
                p->i++; /* junk where a key should be: skip it */
                continue;
            }
            key = parse_string(p);
            skip_ws(p);
            if (p->i < p->len && p->s[p->i] == ':')
                p->i++;
            skip_ws(p);
        }
        size_t before = p->i;
        ex_json *v = parse_value(p, depth + 1);
        if (v == NULL) {
            free(key);
            if (p->i == before)
                p->i++;
            continue;
        }
        v->key = key;
        *tail = v;
        tail = &v->next;
    }
    return j;
}

static ex_json *
parse_value(jp *p, int depth)
{
    skip_ws(p);
    if (p->i >= p->len)
        return NULL;
    char c = p->s[p->i];
    if (depth > JSON_MAX_DEPTH) {
        /* too deep: skip this value's text by bracket counting */
        int level = 0;
        do {
            char d = p->s[p->i++];
            if (d == '{' || d == '[')
                level++;
            else if (d == '}' || d == ']')
                level--;
        } while (p->i < p->len && level > 0);
        return node_new(EX_JSON_NULL);
    }
    if (c == '{' || c == '[')
        return parse_container(p, depth, c == '{');
    if (c == '"' || c == '\'') {
        ex_json *j = node_new(EX_JSON_STRING);
        if (j && (j->str = parse_string(p)) == NULL) {
            free(j);
            return NULL;
        }
        return j;
    }
    size_t start = p->i;
    while (p->i < p->len && p->s[p->i] != ',' && p->s[p->i] != '}' && p->s[p->i] != ']' &&
           !crier_is_ascii_space((unsigned char)p->s[p->i]))
        p->i++;
    size_t n = p->i - start;
    if (n == 0)
        return NULL;
    ex_json *j;
    if ((n == 4 && memcmp(p->s + start, "true", 4) == 0) ||
        (n == 5 && memcmp(p->s + start, "false", 5) == 0)) {
        j = node_new(EX_JSON_BOOL);
    } else if (crier_is_ascii_digit((unsigned char)p->s[start]) || p->s[start] == '-') {
        j = node_new(EX_JSON_NUMBER);
    } else {
        j = node_new(EX_JSON_NULL);
    }
    if (j && j->type != EX_JSON_NULL && (j->str = crier_strndup(p->s + start, n)) == NULL) {
        free(j);
        return NULL;
    }
    return j;
}

ex_json *
ex_json_parse(const char *s, size_t len)
{
    jp p = { .s = s, .len = len, .i = 0 };
    ex_json *top = node_new(EX_JSON_ARRAY);
    ex_json **tail = top ? &top->child : NULL;
    if (top == NULL)
        return NULL;
    while (p.i < p.len) {
        /* skip wrappers (<!--, CDATA, "var x =") up to the next value */
        while (p.i < p.len && p.s[p.i] != '{' && p.s[p.i] != '[')
            p.i++;
        if (p.len - p.i >= 9 && memcmp(p.s + p.i, "[CDATA[", 7) == 0) {
            p.i += 7; /* "<![CDATA[" is a wrapper, not an array */
            continue;
        }
        if (p.i >= p.len)
            break;
        ex_json *v = parse_value(&p, 1);
        if (v == NULL)
            break;
        *tail = v;
        tail = &v->next;
    }
    if (top->child == NULL) {
        ex_json_free(top);
        return NULL;
    }
    /* one value: return it alone */
    if (top->child->next == NULL) {
        ex_json *only = top->child;
        top->child = NULL;
        ex_json_free(top);
        return only;
    }
    return top;
}

const ex_json *
ex_json_get(const ex_json *obj, const char *key)
{
    if (obj == NULL || obj->type != EX_JSON_OBJECT)
        return NULL;
    for (const ex_json *c = obj->child; c; c = c->next)
        if (c->key && strcmp(c->key, key) == 0)
            return c;
    return NULL;
}
