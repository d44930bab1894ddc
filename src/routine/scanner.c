/* scanner.c - the first stage: the bytes of a routine file before cJSON sees
 * them. A strict JSON syntax check (RFC 8259) that knows exactly where the
 * text goes wrong, as line:column (cJSON's error offset is sometimes one
 * past); it bounds the nesting so cJSON's recursion stays shallow, refuses
 * NUL bytes and a byte-order mark, and notes which strings hold an escaped
 * NUL, which cJSON silently cuts short, so that they are reported by path
 * once the tree exists (scan_report_nuls()). */
#include "routine/scanner_private.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routine/limits.h"
#include "util/i18n.h"
#include "util/util.h"

void scan_line_col(const char *data, size_t len, size_t off, unsigned *line, unsigned *col)
{
    unsigned l = 1, cc = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        unsigned char ch = (unsigned char)data[i];
        if (ch == '\n') {
            l++;
            cc = 1;
        } else if ((ch & 0xC0) != 0x80) {
            cc++;
        }
    }
    *line = l;
    *col = cc;
}

static bool all_space(const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\r\n", data[i]) || data[i] == '\0')
            return false;
    return true;
}

/* Where the scan is, and its first syntax error. */
struct scan {
    struct parse_ctx *c;
    const char *s;
    size_t len, pos, depth, ordinal;
    const char *what, *hint; /* the first syntax error */
    char buf[160];           /* what, when it is composed */
};

static bool fail(struct scan *sc, const char *what, const char *hint)
{
    sc->what = what;
    sc->hint = hint;
    return false;
}

static bool starts_with(const struct scan *sc, const char *prefix)
{
    size_t n = strlen(prefix);
    return sc->len - sc->pos >= n && memcmp(sc->s + sc->pos, prefix, n) == 0;
}

static void skip_ws(struct scan *sc)
{
    while (sc->pos < sc->len && strchr(" \t\r\n", sc->s[sc->pos]) && sc->s[sc->pos])
        sc->pos++;
}

/* Names the usual mistakes found where `expected` should be. */
static bool unexpected(struct scan *sc, const char *expected)
{
    char *what = sc->buf;
    const size_t size = sizeof sc->buf;
    if (sc->pos >= sc->len)
        return fail(sc, _("the file ends too early"),
                    _("it may be cut short; every { and [ needs its closing } and ]"));
    unsigned char ch = (unsigned char)sc->s[sc->pos];
    if (starts_with(sc, "NaN") || starts_with(sc, "Infinity") || starts_with(sc, "-Infinity") ||
        starts_with(sc, "nan") || starts_with(sc, "inf") || starts_with(sc, "-inf"))
        return fail(sc, _("NaN and Infinity are not JSON numbers"),
                    _("write a plain number such as 10"));
    if (ch == '\'')
        return fail(sc, _("JSON strings use double quotes"), _("write \"text\", not 'text'"));
    if (starts_with(sc, "//") || starts_with(sc, "/*"))
        return fail(sc, _("JSON has no comments"), _("remove the comment"));
    if (ch == '}' || ch == ']') {
        size_t k = sc->pos;
        while (k > 0 && strchr(" \t\r\n", sc->s[k - 1]))
            k--;
        if (k > 0 && sc->s[k - 1] == ',') {
            snprintf(what, size, _("a comma before '%c'"), ch);
            return fail(sc, what, _("remove the comma"));
        }
    }
    if (ch >= 0x21 && ch < 0x7F)
        snprintf(what, size, _("expected %s, found '%c'"), expected, ch);
    else
        snprintf(what, size, _("expected %s, found byte 0x%02x"), expected, (unsigned)ch);
    return fail(sc, what, _("check for a missing or extra comma, quote, colon or bracket"));
}

static bool hex4(struct scan *sc, unsigned *out)
{
    if (sc->len - sc->pos < 4)
        return fail(sc, _("the file ends too early"), _("it may be cut short"));
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char ch = sc->s[sc->pos];
        if (!isxdigit((unsigned char)ch))
            return fail(sc, _("a \\u escape needs 4 hex digits"), _("write \\u00e9 for é"));
        v = v * 16 + (unsigned)(isdigit((unsigned char)ch) ? ch - '0' : tolower(ch) - 'a' + 10);
        sc->pos++;
    }
    *out = v;
    return true;
}

static void note_nul(struct parse_ctx *c, size_t ordinal)
{
    if (c->n_nul && c->nul_ordinals[c->n_nul - 1] == ordinal)
        return;
    if (c->n_nul == c->cap_nul) {
        c->cap_nul = c->cap_nul ? c->cap_nul * 2 : 8;
        c->nul_ordinals = xrealloc(c->nul_ordinals, c->cap_nul * sizeof *c->nul_ordinals);
    }
    c->nul_ordinals[c->n_nul++] = ordinal;
}

/* The rest of a \u escape that starts at `at`: a NUL is noted, a surrogate
 * must come as a whole pair. */
static bool scan_u_escape(struct scan *sc, size_t at)
{
    unsigned u, lo;
    if (!hex4(sc, &u))
        return false;
    if (u == 0)
        note_nul(sc->c, sc->ordinal);
    if (u >= 0xDC00 && u <= 0xDFFF) {
        sc->pos = at;
        return fail(sc, _("a \\u escape for half a character (a lone low surrogate)"),
                    _("write the character itself"));
    }
    if (u < 0xD800 || u > 0xDBFF)
        return true;
    if (starts_with(sc, "\\u")) {
        sc->pos += 2;
        if (!hex4(sc, &lo))
            return false;
        if (lo >= 0xDC00 && lo <= 0xDFFF)
            return true;
    }
    sc->pos = at;
    return fail(sc, _("a \\u escape for half a character (a lone high surrogate)"),
                _("write the character itself"));
}

static bool scan_string(struct scan *sc)
{
    sc->pos++; /* the opening quote */
    for (;;) {
        if (sc->pos >= sc->len)
            return fail(sc, _("the file ends inside a string"), _("close the string with \""));
        unsigned char ch = (unsigned char)sc->s[sc->pos];
        if (ch == '"') {
            sc->pos++;
            sc->ordinal++;
            return true;
        }
        if (ch < 0x20)
            return fail(sc, _("a line break or control character inside a string"),
                        _("close the string with \" or write \\n"));
        if (ch != '\\') {
            sc->pos++; /* UTF-8 is checked later, per field, with its path */
            continue;
        }
        size_t at = sc->pos++;
        if (sc->pos >= sc->len)
            return fail(sc, _("the file ends inside a string"), _("close the string with \""));
        char e = sc->s[sc->pos++];
        if (e == 'u') {
            if (!scan_u_escape(sc, at))
                return false;
        } else if (!strchr("\"\\/bfnrt", e) || !e) {
            sc->pos = at;
            return fail(sc, _("an unknown escape in a string"),
                        _("use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"));
        }
    }
}

static bool digits(struct scan *sc)
{
    if (sc->pos >= sc->len || !isdigit((unsigned char)sc->s[sc->pos]))
        return unexpected(sc, _("a digit"));
    while (sc->pos < sc->len && isdigit((unsigned char)sc->s[sc->pos]))
        sc->pos++;
    return true;
}

static bool scan_number_syntax(struct scan *sc);

static bool scan_number(struct scan *sc)
{
    if (starts_with(sc, "-Infinity") || starts_with(sc, "-inf"))
        return unexpected(sc, _("a value"));
    size_t start = sc->pos;
    bool ok = scan_number_syntax(sc);
    /* cJSON reads at most 63 characters of a number. */
    if (ok && sc->pos - start > 63) {
        sc->pos = start;
        return fail(sc, _("a number with too many digits"), _("write at most 63 characters"));
    }
    return ok;
}

static bool scan_number_syntax(struct scan *sc)
{
    if (sc->s[sc->pos] == '-')
        sc->pos++;
    if (starts_with(sc, "0")) {
        sc->pos++;
        if (sc->pos < sc->len && isdigit((unsigned char)sc->s[sc->pos]))
            return fail(sc, _("a number with a leading zero"), _("write 8, not 08"));
    } else if (!digits(sc)) {
        return false;
    }
    if (starts_with(sc, ".")) {
        sc->pos++;
        if (!digits(sc))
            return false;
    }
    if (starts_with(sc, "e") || starts_with(sc, "E")) {
        sc->pos++;
        if (starts_with(sc, "+") || starts_with(sc, "-"))
            sc->pos++;
        if (!digits(sc))
            return false;
    }
    return true;
}

static bool scan_value(struct scan *sc);

static bool scan_container(struct scan *sc, char close)
{
    int max_depth = (int)limit_table[LIMIT_DEPTH].max;
    if (++sc->depth > (size_t)max_depth) {
        snprintf(sc->buf, sizeof sc->buf, _("nested more than %d levels deep"), max_depth);
        return fail(sc, sc->buf, _("a routine needs only 4 levels"));
    }
    sc->pos++;
    skip_ws(sc);
    if (starts_with(sc, close == '}' ? "}" : "]")) {
        sc->pos++;
        sc->depth--;
        return true;
    }
    for (;;) {
        skip_ws(sc);
        if (close == '}') {
            if (!starts_with(sc, "\""))
                return unexpected(sc, _("a field name in double quotes"));
            if (!scan_string(sc))
                return false;
            skip_ws(sc);
            if (!starts_with(sc, ":"))
                return unexpected(sc, _("':' after the field name"));
            sc->pos++;
        }
        if (!scan_value(sc))
            return false;
        skip_ws(sc);
        if (starts_with(sc, ",")) {
            sc->pos++;
            continue;
        }
        if (sc->pos < sc->len && sc->s[sc->pos] == close) {
            sc->pos++;
            sc->depth--;
            return true;
        }
        return unexpected(sc, close == '}' ? _("',' or '}'") : _("',' or ']'"));
    }
}

static bool scan_value(struct scan *sc)
{
    skip_ws(sc);
    if (sc->pos >= sc->len)
        return unexpected(sc, _("a value"));
    char ch = sc->s[sc->pos];
    if (ch == '{')
        return scan_container(sc, '}');
    if (ch == '[')
        return scan_container(sc, ']');
    if (ch == '"')
        return scan_string(sc);
    if (ch == '-' || isdigit((unsigned char)ch))
        return scan_number(sc);
    const char *words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        if (starts_with(sc, words[i])) {
            sc->pos += strlen(words[i]);
            return true;
        }
    }
    return unexpected(sc, _("a value"));
}

bool scan_document(struct parse_ctx *c, const char *data, size_t len)
{
    if (len == 0 || all_space(data, len)) {
        parse_report(c, DIAG_ERROR, "", _("a routine is a JSON object that starts with {"), "%s",
                     _("the file is empty"));
        return false;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        parse_report(c, DIAG_ERROR, "", _("save it as UTF-8 without BOM"), "%s",
                     _("the file starts with a byte-order mark"));
        return false;
    }
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        unsigned l, col;
        scan_line_col(data, len, (size_t)(nul - data), &l, &col);
        parse_report(c, DIAG_ERROR, "", _("a routine is a UTF-8 text file"),
                     _("a NUL byte at line %u, column %u: this is not a text file"), l, col);
        return false;
    }
    struct scan sc = {.c = c, .s = data, .len = len};
    bool ok = scan_value(&sc);
    if (ok) {
        skip_ws(&sc);
        if (sc.pos < len)
            ok = fail(&sc, _("more text after the end of the JSON value"),
                      _("a routine is a single JSON object"));
    }
    if (!ok) {
        unsigned l, col;
        scan_line_col(data, len, sc.pos, &l, &col);
        parse_report(c, DIAG_ERROR, "", sc.hint, _("not valid JSON at line %u, column %u: %s"), l,
                     col, sc.what);
    }
    return ok;
}

/* Walks the tree in document order, matching the scan's string ordinals. */
static void walk_nul(struct parse_ctx *c, const cJSON *j, const char *path, size_t *ordinal,
                     size_t *next)
{
    if (*next >= c->n_nul)
        return;
    if (cJSON_IsString(j)) {
        if (c->nul_ordinals[*next] == *ordinal) {
            parse_report(c, DIAG_ERROR, path, _("remove it"),
                         _("contains an escaped NUL (\\u0000)"));
            if (c->n_bad == c->cap_bad) {
                c->cap_bad = c->cap_bad ? c->cap_bad * 2 : 8;
                c->bad = xrealloc(c->bad, c->cap_bad * sizeof *c->bad);
            }
            c->bad[c->n_bad++] = j;
            (*next)++;
        }
        (*ordinal)++;
        return;
    }
    size_t i = 0;
    for (const cJSON *it = j->child; it && *next < c->n_nul; it = it->next, i++) {
        char *p;
        if (cJSON_IsObject(j)) {
            p = parse_path_key(path, it->string);
            if (c->nul_ordinals[*next] == *ordinal) {
                parse_report(c, DIAG_ERROR, p, _("remove it"),
                             _("field name contains an escaped NUL (\\u0000)"));
                c->nul_in_key = true;
                (*next)++;
            }
            (*ordinal)++;
        } else {
            p = parse_path_index(path, i);
        }
        walk_nul(c, it, p, ordinal, next);
        free(p);
    }
}

bool scan_nul_reported(const struct parse_ctx *c, const cJSON *j)
{
    for (size_t i = 0; i < c->n_bad; i++)
        if (c->bad[i] == j)
            return true;
    return false;
}

bool scan_report_nuls(struct parse_ctx *c, const cJSON *root)
{
    size_t ordinal = 0, next = 0;
    walk_nul(c, root, "", &ordinal, &next);
    return !c->nul_in_key;
}
