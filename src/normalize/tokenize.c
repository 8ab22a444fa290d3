/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "core/utf8.h"
#include "normalize/norm_internal.h"

/* Punctuation that opens a token: brackets, quotes, inverted marks. */
static bool
is_leading_punct(unsigned cp)
{
    switch (cp) {
    case '(':
    case '[':
    case '{':
    case '"':
    case '\'':
    case '*':
    case '_':
    case '`':
    case 0x2018:
    case 0x201C:
    case 0x201A:
    case 0x201E:
    case 0x00AB:
    case 0x2039:
    case 0x00BF:
    case 0x00A1:
        return true;
    default:
        return false;
    }
}

/* Punctuation that closes a token: sentence marks, brackets, quotes, ellipsis. */
static bool
is_trailing_punct(unsigned cp)
{
    switch (cp) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case ')':
    case ']':
    case '`':
    case '}':
    case '"':
    case '\'':
    case '*':
    case '_':
    case 0x2019:
    case 0x201D:
    case 0x00BB:
    case 0x203A:
    case 0x2026:
        return true;
    default:
        return false;
    }
}

/* A separator: white space, control bytes and bytes that are not UTF-8. */
static size_t
separator_len(const char *s, size_t len)
{
    unsigned cp;
    unsigned char b = (unsigned char)s[0];
    if (b < 0x80) /* the common case, without decoding */
        return b <= 0x20 || b == 0x7F;
    size_t n = crier_utf8_decode(s, len, &cp);
    if (n == 0)
        return 1;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || crier_is_unicode_space(cp) ||
        cp == 0x200B || cp == 0xFEFF)
        return n;
    return 0;
}

static unsigned
decode_at(const char *s, size_t len, size_t *ret_n)
{
    unsigned cp;
    size_t n = crier_utf8_decode(s, len, &cp);
    *ret_n = n ? n : 1;
    return cp;
}

/* Start of the trailing punctuation of s[body..end): scan back over it. */
static size_t
trail_start(const char *s, size_t body, size_t end)
{
    size_t t = end;
    while (t > body) {
        size_t p = t - 1;
        while (p > body && ((unsigned char)s[p] & 0xC0) == 0x80)
            p--;
        size_t n;
        if (s[p] == '-' && p > body && s[p - 1] == '-') { /* "Francis I--" : a dash */
            while (p > body && s[p - 1] == '-')
                p--;
            t = p;
            continue;
        }
        if (!is_trailing_punct(decode_at(s + p, t - p, &n)))
            break;
        t = p;
    }
    return t;
}

/* A full stop glued to a capitalized word at text[from] ends a sentence (page
 * extraction lost the space: "weather.CreditKirsten Luce"), unless a further
 * '.', '/' or '@' in the word makes it an address or a file name
 * ("Docs.Google.com", "Report.Final.pdf", "john.Smith@x.org"). */
static bool
glued_sentence(const char *text, size_t from, size_t len)
{
    for (size_t k = from; k < len && crier_is_ascii_alnum((unsigned char)text[k]); k++)
        if (k + 2 < len &&
            (text[k + 1] == '/' || text[k + 1] == '@' ||
             (text[k + 1] == '.' && crier_is_ascii_alnum((unsigned char)text[k + 2]))))
            return false;
    return true;
}

/* Punctuation glued between words ends a token: "Hi,no,yes,34!", "NO?17",
 * "1!hello"; but not "1,500" or a URL. text[k] is the punctuation. */
static bool
inner_break(const char *text, size_t start, size_t k, size_t len)
{
    char p = text[k];
    if (crier_is_ascii_alnum((unsigned char)p))
        return false; /* most bytes: no punctuation, no break */
    unsigned char next = (unsigned char)text[k + 1];
    unsigned char prev = k > start ? (unsigned char)text[k - 1] : 0;
    if (p == '!' || p == '?')
        return crier_is_ascii_alnum(next) || next == '-' || next == '$';
    if (p == '.' && crier_is_ascii_digit(next) && k >= start + 2 && k <= start + 3 &&
        crier_is_ascii_upper((unsigned char)text[start]) && crier_is_ascii_alpha(prev))
        return true;             /* "No.1 seed", "Fig.3": the abbreviation and its number */
    if (p == '-' && prev == '-') /* "I--test": a double hyphen is a dash */
        return crier_is_ascii_alnum(next);
    if (p == '.' && prev == '.' && k >= start + 2 && text[k - 2] == '.')
        return crier_is_ascii_alnum(next); /* "114...48" */
    if (p == '.' && (prev == ')' || prev == '"') && crier_is_ascii_alpha(next))
        return true; /* "(4 June 2014).and" */
    if (p == '.' && (crier_is_ascii_lower(prev) || crier_is_ascii_digit(prev)) &&
        crier_is_ascii_upper(next) && k + 2 < len &&
        crier_is_ascii_lower((unsigned char)text[k + 2]))
        return glued_sentence(text, k + 1, len); /* "weather.CreditKirsten" */
    if (p == ',' || p == ';')
        return crier_is_ascii_alpha(next) ||
               (crier_is_ascii_alpha(prev) && (crier_is_ascii_digit(next) || next == '$'));
    (void)len;
    return false;
}

size_t
norm_tokenize(const char *text, size_t len, size_t from, norm_tok *toks, size_t max,
              size_t *ret_next)
{
    size_t n_toks = 0, i = from;

    while (i < len && n_toks < max) {
        size_t sep = separator_len(text + i, len - i);
        if (sep > 0) {
            i += sep;
            continue;
        }
        norm_tok t = {.off = i};
        size_t end = i;
        bool web = false;
        while (end < len) {
            if (crier_is_ascii_alnum((unsigned char)text[end])) {
                end++; /* most bytes: no separator, no bracket, no break */
                continue;
            }
            if (separator_len(text + end, len - end) != 0)
                break;
            size_t n = 1;
            /* "reported.[1]", "[255][n 3]": each citation a token of its own;
             * "true.[citation needed]", "as[who?]": so is an editorial mark */
            if (text[end] == '[' && end > i && end + 1 < len) {
                unsigned char next = (unsigned char)text[end + 1];
                if (crier_is_ascii_digit(next) || text[end - 1] == ']' ||
                    (crier_is_ascii_lower(next) &&
                     (!web || (end + 2 < len && text[end + 2] == ']'))))
                    break;
            }
            if ((unsigned char)text[end] >= 0x80)
                decode_at(text + end, len - end, &n);
            web |= text[end] == '/' || text[end] == '@';
            end += n;
            if (text[end - 1] == ']' && text[i] == '[' && end - i >= 3 && end - i <= 5 &&
                end < len && crier_is_ascii_alpha((unsigned char)text[end]) &&
                norm_all_digits(text + i + 1, end - i - 2))
                break; /* "[73]Cabinet": a citation glued to the next sentence */
            if (n == 1 && !web && end < len && inner_break(text, i, end - 1, len))
                break;
        }
        t.end = end;
        t.body = i;
        while (t.body < end) {
            size_t n;
            unsigned cp = decode_at(text + t.body, end - t.body, &n);
            /* "'90s": an apostrophe before a digit belongs to the body */
            if (!is_leading_punct(cp) ||
                ((cp == '\'' || cp == 0x2018 || cp == 0x2019) && t.body + n < end &&
                 crier_is_ascii_digit((unsigned char)text[t.body + n])))
                break;
            t.body += n;
        }
        t.trail = trail_start(text, t.body, end);
        /* "Iran's", "IDF’s": the possessive goes with the trailing punctuation */
        if (t.trail - t.body > 2 && text[t.trail - 1] == 's' && text[t.trail - 2] == '\'')
            t.trail -= 2;
        else if (t.trail - t.body > 4 && text[t.trail - 1] == 's' &&
                 memcmp(text + t.trail - 4, "\xe2\x80\x99", 3) == 0)
            t.trail -= 4;
        toks[n_toks++] = t;
        i = end;
    }
    while (i < len) { /* leave the position at the next token */
        size_t sep = separator_len(text + i, len - i);
        if (sep == 0)
            break;
        i += sep;
    }
    *ret_next = i;
    return n_toks;
}
