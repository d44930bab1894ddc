/* routine.c - reads a routine file (JSON, "smr-routine/1") into struct routine
 * and validates it. This is the only file that touches cJSON.
 *
 * Validation reports every problem at once, one diag each, and each root cause
 * once: a field that is wrong is not looked at further, a typo'd field name is
 * not also reported as a missing field, and rules that combine several fields
 * (one hold per cycle, positions in all, session length) only run when those
 * fields are valid. The model is built while validating and thrown away when
 * there is any error, so callers only ever see a fully valid routine. */
#include "routine/routine.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/util.h"

/* A routine needs 4 levels of nesting; anything much deeper is not a routine,
 * and refusing it before cJSON runs keeps its recursion shallow. */
#define MAX_DEPTH 32
/* After this many lines the rest is noise (a binary or a generated file). */
#define MAX_DIAGS 100
#define MAX_LIST_ITEMS 20 /* equipment, setup, next, muscles, checklist */
#define MAX_PHASES 12
#define MAX_STRIPS 20
#define MIN_PHASE_S 1.0 /* shorter is nothing a person can follow */
#define MAX_PHASE_S 300.0
#define MAX_ID_BYTES 64

#define HOLD_MIN_S 5.0
#define HOLD_MAX_S 30.0
#define HOLD_GOOD_MIN_S 10.0
#define HOLD_GOOD_MAX_S 12.0
#define MOVE_MIN_CM 3.0
#define MOVE_MAX_CM 15.0
#define MOVE_GOOD_MIN_CM 5.0
#define MOVE_GOOD_MAX_CM 10.0
#define LONG_SESSION_MS (30u * 60u * 1000u)
#define CM_EPSILON 0.001

struct ctx {
    struct diag_list *diags;
    size_t n_errors; /* counted even when no longer recorded */
    size_t n_added;
    bool full;
    const struct diagram *diagram; /* NULL when unknown: cm checks are skipped */
    /* Ordinals (in document order, keys included) of strings holding an
     * escaped NUL, which cJSON silently cuts short. Found by prescan(). */
    size_t *nul_ordinals;
    size_t n_nul, cap_nul;
    /* Strings already reported for their NUL: not checked again. */
    const cJSON **bad;
    size_t n_bad, cap_bad;
    bool nul_in_key;
};

static void report(struct ctx *c, enum diag_severity sev, const char *path, const char *hint,
                   const char *fmt, ...) SMR_PRINTF(5, 6);

static void report(struct ctx *c, enum diag_severity sev, const char *path, const char *hint,
                   const char *fmt, ...)
{
    if (sev == DIAG_ERROR)
        c->n_errors++;
    if (c->full)
        return;
    if (c->n_added == MAX_DIAGS) {
        c->full = true;
        diag_add(c->diags, DIAG_ERROR, "", _("fix these first"),
                 _("too many problems, stopping after %d"), MAX_DIAGS);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    diag_addv(c->diags, sev, path, hint, fmt, ap);
    va_end(ap);
    c->n_added++;
}

/* ---- text helpers ---------------------------------------------------- */

/* User text echoed in a message: control bytes and invalid UTF-8 escaped,
 * cut to a readable length. */
static void sanitize(const char *s, char *out, size_t size)
{
    size_t o = 0, n = strlen(s);
    const size_t max_in = 40;
    for (size_t i = 0; i < n && o + 8 < size; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (i == max_in) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        uint32_t cp;
        size_t seq = utf8_next(s + i, n - i, &cp);
        if (ch >= 0x80 && seq > 0 && o + seq + 8 < size) {
            memcpy(out + o, s + i, seq);
            o += seq;
            i += seq - 1;
        } else if (ch == '"' || ch == '\\') {
            out[o++] = '\\';
            out[o++] = (char)ch;
        } else if (ch < 0x20 || ch == 0x7F || ch >= 0x80) {
            o += (size_t)snprintf(out + o, size - o, "\\x%02x", (unsigned)ch);
        } else {
            out[o++] = (char)ch;
        }
    }
    out[o] = '\0';
}

static bool plain_key(const char *k)
{
    if (!*k)
        return false;
    for (; *k; k++)
        if (!isalnum((unsigned char)*k) && *k != '_' && *k != '-' && *k != '$')
            return false;
    return true;
}

static char *path_key(const char *parent, const char *key)
{
    char safe[128];
    sanitize(key, safe, sizeof safe);
    if (!plain_key(key))
        return xasprintf("%s[\"%s\"]", parent, safe);
    return parent[0] ? xasprintf("%s.%s", parent, safe) : xstrdup(safe);
}

static char *path_index(const char *parent, size_t i) { return xasprintf("%s[%zu]", parent, i); }

/* Optimal string alignment distance (a swap of two letters costs 1), case
 * folded: enough to catch typos in field names and values. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return SIZE_MAX;
    size_t d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            size_t cost = ca != cb;
            size_t best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

/* Index of the closest name within a typo's reach, or n. */
static size_t suggest(const char *s, const char *const *names, size_t n)
{
    size_t best = n, best_d = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        size_t reach = len <= 3 ? 1 : 2;
        size_t d = edit_distance(s, names[i]);
        if (d <= reach && d < len && d < best_d) {
            best = i;
            best_d = d;
        }
    }
    return best;
}

/* "a, b or c" */
static char *join_names(const char *const *names, size_t n, const char *last_sep)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, "");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_append(&sb, i + 1 == n ? last_sep : ", ");
        strbuf_append(&sb, names[i]);
    }
    return sb.data;
}

static const char *type_name(const cJSON *j)
{
    if (cJSON_IsString(j))
        return _("a string");
    if (cJSON_IsNumber(j))
        return _("a number");
    if (cJSON_IsArray(j))
        return _("a list");
    if (cJSON_IsObject(j))
        return _("an object");
    if (cJSON_IsBool(j))
        return cJSON_IsTrue(j) ? "true" : "false";
    return "null";
}

/* ---- before cJSON: bytes, depth, escaped NULs -------------------------- */

static void line_col(const char *data, size_t len, size_t off, unsigned *line, unsigned *col)
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

/* A strict JSON syntax check (RFC 8259) before cJSON runs: it knows exactly
 * where the text goes wrong (cJSON's error offset is sometimes one past), it
 * bounds the nesting so cJSON's recursion stays shallow, and it notes which
 * strings hold an escaped NUL, which cJSON silently cuts short. */
struct scan {
    struct ctx *c;
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

static void note_nul(struct ctx *c, size_t ordinal)
{
    if (c->n_nul && c->nul_ordinals[c->n_nul - 1] == ordinal)
        return;
    if (c->n_nul == c->cap_nul) {
        c->cap_nul = c->cap_nul ? c->cap_nul * 2 : 8;
        c->nul_ordinals = xrealloc(c->nul_ordinals, c->cap_nul * sizeof *c->nul_ordinals);
    }
    c->nul_ordinals[c->n_nul++] = ordinal;
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
        if (e != 'u') {
            if (!strchr("\"\\/bfnrt", e) || !e) {
                sc->pos = at;
                return fail(sc, _("an unknown escape in a string"),
                            _("use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"));
            }
            continue;
        }
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
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (!starts_with(sc, "\\u")) {
                sc->pos = at;
                return fail(sc, _("a \\u escape for half a character (a lone high surrogate)"),
                            _("write the character itself"));
            }
            sc->pos += 2;
            if (!hex4(sc, &lo))
                return false;
            if (lo < 0xDC00 || lo > 0xDFFF) {
                sc->pos = at;
                return fail(sc, _("a \\u escape for half a character (a lone high surrogate)"),
                            _("write the character itself"));
            }
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
    if (++sc->depth > MAX_DEPTH) {
        snprintf(sc->buf, sizeof sc->buf, _("nested more than %d levels deep"), MAX_DEPTH);
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

static bool prescan(struct ctx *c, const char *data, size_t len)
{
    if (len == 0 || all_space(data, len)) {
        report(c, DIAG_ERROR, "", _("a routine is a JSON object that starts with {"), "%s",
               _("the file is empty"));
        return false;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        report(c, DIAG_ERROR, "", _("save it as UTF-8 without BOM"), "%s",
               _("the file starts with a byte-order mark"));
        return false;
    }
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        unsigned l, col;
        line_col(data, len, (size_t)(nul - data), &l, &col);
        report(c, DIAG_ERROR, "", _("a routine is a UTF-8 text file"),
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
        line_col(data, len, sc.pos, &l, &col);
        report(c, DIAG_ERROR, "", sc.hint, _("not valid JSON at line %u, column %u: %s"), l, col,
               sc.what);
    }
    return ok;
}

/* Walks the tree in document order, matching the prescan's string ordinals. */
static void walk_nul(struct ctx *c, const cJSON *j, const char *path, size_t *ordinal,
                     size_t *next)
{
    if (*next >= c->n_nul)
        return;
    if (cJSON_IsString(j)) {
        if (c->nul_ordinals[*next] == *ordinal) {
            report(c, DIAG_ERROR, path, _("remove it"), _("contains an escaped NUL (\\u0000)"));
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
            p = path_key(path, it->string);
            if (c->nul_ordinals[*next] == *ordinal) {
                report(c, DIAG_ERROR, p, _("remove it"),
                       _("field name contains an escaped NUL (\\u0000)"));
                c->nul_in_key = true;
                (*next)++;
            }
            (*ordinal)++;
        } else {
            p = path_index(path, i);
        }
        walk_nul(c, it, p, ordinal, next);
        free(p);
    }
}

static bool is_bad(const struct ctx *c, const cJSON *j)
{
    for (size_t i = 0; i < c->n_bad; i++)
        if (c->bad[i] == j)
            return true;
    return false;
}

/* ---- objects and typed values ------------------------------------------ */

struct fields {
    const cJSON *obj;
    const char *path;
    const char *const *names;
    size_t n;
    uint32_t suggested; /* names a typo'd key resembles: not reported missing */
};

static size_t field_index(const struct fields *f, const char *key)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->names[i], key) == 0)
            return i;
    return f->n;
}

/* Unknown and duplicate keys. */
static void check_keys(struct ctx *c, struct fields *f)
{
    uint32_t seen = 0;
    for (const cJSON *it = f->obj->child; it; it = it->next) {
        size_t i = field_index(f, it->string);
        if (c->full) { /* nothing more is shown: skip the costly suggestions */
            c->n_errors += i == f->n || (seen & (1u << i));
            seen |= i < f->n ? 1u << i : 0;
            continue;
        }
        char *p = path_key(f->path, it->string);
        if (i < f->n) {
            if (seen & (1u << i))
                report(c, DIAG_ERROR, p, _("keep only one (JSON readers disagree on which one wins)"),
                       _("appears twice in the same object"));
            seen |= 1u << i;
        } else {
            size_t s = suggest(it->string, f->names, f->n);
            char *hint;
            if (s < f->n) {
                f->suggested |= 1u << s;
                hint = xasprintf(_("did you mean \"%s\"?"), f->names[s]);
            } else {
                char *known = join_names(f->names, f->n, ", ");
                hint = xasprintf(_("known fields here: %s"), known);
                free(known);
            }
            report(c, DIAG_ERROR, p, hint, "%s", _("unknown field"));
            free(hint);
        }
        free(p);
    }
}

static const cJSON *get(const struct fields *f, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(f->obj, name);
}

static void missing(struct ctx *c, const struct fields *f, const char *name, const char *hint)
{
    size_t i = field_index(f, name);
    if (i < f->n && (f->suggested & (1u << i)))
        return; /* the typo's line already says it */
    char *p = path_key(f->path, name);
    char *add = hint ? NULL : xasprintf(_("add \"%s\""), name);
    report(c, DIAG_ERROR, p, hint ? hint : add, "%s", _("missing required field"));
    free(add);
    free(p);
}

static void wrong_type(struct ctx *c, const char *path, const cJSON *j, const char *want)
{
    report(c, DIAG_ERROR, path, NULL, _("must be %s, not %s"), want, type_name(j));
}

/* A top-level list: reported as missing (when missing_hint is given, i.e. it
 * is required) or of the wrong type; NULL then, the array otherwise. */
static const cJSON *top_array(struct ctx *c, const struct fields *top, const char *name,
                              const char *missing_hint, const char *type_hint)
{
    const cJSON *j = get(top, name);
    if (!j) {
        if (missing_hint)
            missing(c, top, name, missing_hint);
        return NULL;
    }
    if (!cJSON_IsArray(j)) {
        wrong_type(c, name, j, type_hint);
        return NULL;
    }
    return j;
}

/* The string, or NULL after reporting what is wrong with it. */
static const char *check_string(struct ctx *c, const cJSON *j, const char *path)
{
    if (!cJSON_IsString(j)) {
        wrong_type(c, path, j, _("a string"));
        return NULL;
    }
    if (is_bad(c, j))
        return NULL;
    const char *s = j->valuestring;
    size_t n = strlen(s);
    if (!utf8_valid(s, n)) {
        report(c, DIAG_ERROR, path, _("save the file as UTF-8"), "%s", _("is not valid UTF-8"));
        return NULL;
    }
    if (n > ROUTINE_MAX_STRING_BYTES) {
        char hint[64];
        snprintf(hint, sizeof hint, _("keep it to %d bytes"), ROUTINE_MAX_STRING_BYTES);
        report(c, DIAG_ERROR, path, hint, _("is %zu bytes long"), n);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch == 0x7F) {
            report(c, DIAG_ERROR, path, _("write plain text on one line"),
                   _("contains a control character (U+%04X)"), (unsigned)ch);
            return NULL;
        }
    }
    size_t k = 0;
    while (k < n && s[k] == ' ')
        k++;
    if (k == n) {
        report(c, DIAG_ERROR, path, _("write some text or leave the field out if it is optional"),
               "%s", _("is empty"));
        return NULL;
    }
    return s;
}

static char *want_string(struct ctx *c, const struct fields *f, const char *name, bool required)
{
    const cJSON *j = get(f, name);
    if (!j) {
        if (required)
            missing(c, f, name, NULL);
        return NULL;
    }
    char *p = path_key(f->path, name);
    const char *s = check_string(c, j, p);
    free(p);
    return s ? xstrdup(s) : NULL;
}

/* Ids name strips and checklist items in messages, history and file names:
 * keep them to a safe alphabet. */
static char *want_id(struct ctx *c, const struct fields *f, const char *name)
{
    const cJSON *j = get(f, name);
    if (!j) {
        missing(c, f, name, _("give a short id such as \"outer\""));
        return NULL;
    }
    char *p = path_key(f->path, name);
    const char *s = check_string(c, j, p);
    bool ok = s != NULL;
    if (ok) {
        size_t n = strlen(s);
        ok = n <= MAX_ID_BYTES && islower((unsigned char)s[0]);
        for (size_t i = 0; ok && i < n; i++)
            ok = islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-';
        if (!ok) {
            char safe[128];
            sanitize(s, safe, sizeof safe);
            report(c, DIAG_ERROR, p,
                   _("use up to 64 lowercase letters, digits and '-', starting with a letter"),
                   _("\"%s\" is not a valid id"), safe);
        }
    }
    free(p);
    return ok ? xstrdup(s) : NULL;
}

static bool check_number(struct ctx *c, const cJSON *j, const char *path, double *out)
{
    if (!cJSON_IsNumber(j)) {
        wrong_type(c, path, j, _("a number"));
        return false;
    }
    if (!isfinite(j->valuedouble)) {
        report(c, DIAG_ERROR, path, _("write a plain number such as 10"), "%s",
               _("is not a finite number"));
        return false;
    }
    *out = j->valuedouble;
    return true;
}

static bool check_whole(struct ctx *c, const cJSON *j, const char *path, double *out)
{
    if (!check_number(c, j, path, out))
        return false;
    if (*out != floor(*out)) {
        report(c, DIAG_ERROR, path, NULL, _("%g is not a whole number"), *out);
        return false;
    }
    return true;
}

/* A value out of a fixed set; -1 after reporting. */
static int check_enum(struct ctx *c, const cJSON *j, const char *path, const char *const *names,
                      size_t n, const char *what)
{
    const char *s = check_string(c, j, path);
    if (!s)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return (int)i;
    char safe[128];
    sanitize(s, safe, sizeof safe);
    size_t g = suggest(s, names, n);
    char *hint;
    if (g < n) {
        hint = xasprintf(_("did you mean \"%s\"?"), names[g]);
    } else {
        char *list = join_names(names, n, _(" or "));
        hint = xasprintf(_("use %s"), list);
        free(list);
    }
    report(c, DIAG_ERROR, path, hint, _("unknown %s \"%s\""), what, safe);
    free(hint);
    return -1;
}

/* A list of short strings; NULL (and *ok false) after reporting. */
static char **want_string_list(struct ctx *c, const struct fields *f, const char *name,
                               bool required, size_t min, size_t *n_out, bool *ok)
{
    *n_out = 0;
    const cJSON *j = get(f, name);
    if (!j) {
        if (required) {
            missing(c, f, name, NULL);
            *ok = false;
        }
        return NULL;
    }
    char *p = path_key(f->path, name);
    char **out = NULL;
    if (!cJSON_IsArray(j)) {
        wrong_type(c, p, j, _("a list of strings"));
        *ok = false;
        goto done;
    }
    size_t n = (size_t)cJSON_GetArraySize(j);
    if (n < min || n > MAX_LIST_ITEMS) {
        report(c, DIAG_ERROR, p, NULL, _("has %zu items; give %zu to %d"), n, min,
               MAX_LIST_ITEMS);
        *ok = false;
        goto done;
    }
    out = xcalloc(n, sizeof *out);
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *ip = path_index(p, i);
        const char *s = check_string(c, it, ip);
        free(ip);
        if (s)
            out[i] = xstrdup(s);
        else
            *ok = false;
    }
    *n_out = n;
done:
    free(p);
    return out;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n && v; i++)
        free(v[i]);
    free(v);
}

/* ---- the cycle ---------------------------------------------------------- */

static const char *const kind_names[] = {"place", "stretch", "hold", "relax", "move"};
static const char *const phase_fields[] = {"kind", "title", "instruction", "duration_s",
                                           "countdown"};

/* Fills *ph; false when anything about it is wrong. *kind_ok says whether its
 * kind could be read (the cycle rules need every kind). */
static bool parse_phase(struct ctx *c, const cJSON *j, const char *path, struct routine_phase *ph,
                        bool *kind_ok)
{
    *kind_ok = false;
    if (!cJSON_IsObject(j)) {
        wrong_type(c, path, j, _("an object"));
        return false;
    }
    struct fields f = {j, path, phase_fields, sizeof phase_fields / sizeof *phase_fields, 0};
    check_keys(c, &f);
    size_t before = c->n_errors;
    const cJSON *kj = get(&f, "kind");
    if (!kj) {
        missing(c, &f, "kind", _("use place, stretch, hold, relax or move"));
    } else {
        char *p = path_key(path, "kind");
        int k = check_enum(c, kj, p, kind_names, sizeof kind_names / sizeof *kind_names,
                           _("phase kind"));
        free(p);
        if (k >= 0) {
            ph->kind = (enum phase_kind)k;
            *kind_ok = true;
        }
    }
    ph->title = want_string(c, &f, "title", true);
    ph->instruction = want_string(c, &f, "instruction", true);

    double secs = 0;
    bool secs_ok = false;
    const cJSON *dj = get(&f, "duration_s");
    char *dp = path_key(path, "duration_s");
    if (!dj) {
        missing(c, &f, "duration_s", _("give the phase's length in seconds"));
    } else if (check_number(c, dj, dp, &secs)) {
        bool hold = *kind_ok && ph->kind == PHASE_HOLD;
        if (hold && (secs < HOLD_MIN_S || secs > HOLD_MAX_S)) {
            report(c, DIAG_ERROR, dp, _("hold for 10-12 s"), _("a hold of %g s is outside %g-%g s"),
                   secs, HOLD_MIN_S, HOLD_MAX_S);
        } else if (secs <= 0) {
            report(c, DIAG_ERROR, dp, _("give the phase's length in seconds, such as 5"),
                   _("%g s is not a duration"), secs);
        } else if (secs < MIN_PHASE_S) {
            report(c, DIAG_ERROR, dp, _("give a phase at least 1 s"),
                   _("%g s is too short for a phase"), secs);
        } else if (secs > MAX_PHASE_S) {
            char hint[64];
            snprintf(hint, sizeof hint, _("keep a phase to %g s or less"), MAX_PHASE_S);
            report(c, DIAG_ERROR, dp, hint, _("%g s is too long for one phase"), secs);
        } else {
            secs_ok = true;
            ph->duration_ms = (uint32_t)llround(secs * 1000.0);
            if (hold && (secs < HOLD_GOOD_MIN_S || secs > HOLD_GOOD_MAX_S))
                report(c, DIAG_WARNING, dp, _("10-12 s is the usual hold"),
                       _("a hold of %g s is outside %g-%g s"), secs, HOLD_GOOD_MIN_S,
                       HOLD_GOOD_MAX_S);
        }
    }
    free(dp);

    const cJSON *cj = get(&f, "countdown");
    if (cj) {
        char *p = path_key(path, "countdown");
        double n;
        if (check_whole(c, cj, p, &n)) {
            if (n < 0) {
                report(c, DIAG_ERROR, p, _("give 0 for no countdown"), _("%g is negative"), n);
            } else if (secs_ok && n > floor(secs)) {
                char hint[64];
                snprintf(hint, sizeof hint, _("count %g seconds at most"), floor(secs));
                report(c, DIAG_ERROR, p, hint, _("counts down %g s but the phase lasts %g s"), n,
                       secs);
            } else if (secs_ok) {
                ph->countdown = (unsigned)n;
            }
        }
        free(p);
    }
    return c->n_errors == before;
}

static bool parse_cycle(struct ctx *c, const struct fields *top, struct routine *r)
{
    const cJSON *j = top_array(c, top, "cycle", _("list the phases at each ball position"),
                               _("a list of phases"));
    if (!j)
        return false;
    size_t n = (size_t)cJSON_GetArraySize(j);
    if (n == 0 || n > MAX_PHASES) {
        report(c, DIAG_ERROR, "cycle", NULL, _("has %zu phases; give 1 to %d"), n, MAX_PHASES);
        return false;
    }
    r->phases = xcalloc(n, sizeof *r->phases);
    r->n_phases = n;
    bool ok = true, kinds_ok = true;
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *p = path_index("cycle", i);
        bool kind_ok;
        ok &= parse_phase(c, it, p, &r->phases[i], &kind_ok);
        kinds_ok &= kind_ok;
        free(p);
    }
    if (!kinds_ok)
        return false;
    size_t holds = 0;
    for (i = 0; i < n; i++) {
        char *p = xasprintf("cycle[%zu].kind", i);
        if (r->phases[i].kind == PHASE_HOLD && ++holds == 2) {
            report(c, DIAG_ERROR, p, _("a cycle holds once; merge the two holds"), "%s",
                   _("a second hold phase"));
            ok = false;
        }
        if (r->phases[i].kind == PHASE_MOVE && i + 1 < n) {
            report(c, DIAG_ERROR, p, _("put it at the end of the cycle"), "%s",
                   _("the move phase must be the last phase"));
            ok = false;
        }
        free(p);
    }
    if (holds == 0) {
        report(c, DIAG_ERROR, "cycle", _("add a phase with \"kind\": \"hold\" (10-12 s)"), "%s",
               _("has no hold phase"));
        ok = false;
    }
    return ok;
}

/* ---- strips -------------------------------------------------------------- */

static const char *const strip_fields[] = {"id",       "label",  "muscles", "line",
                                           "start_cm", "end_cm", "move_cm", "positions_cm",
                                           "passes"};

/* A ball position against the diagram's safe area. role: 's' start_cm,
 * 'e' end_cm, 'p' a listed position. */
static bool check_cm(struct ctx *c, const char *path, double v, char role)
{
    const struct diagram *d = c->diagram;
    if (!d)
        return true; /* the diagram's own line says what is wrong */
    char hint[96];
    if (v < d->work_min_cm) {
        snprintf(hint, sizeof hint, role == 's' ? _("start at %g cm or more")
                                                : _("keep the ball at %g cm or more"),
                 d->work_min_cm);
        if (v < 0)
            report(c, DIAG_ERROR, path, hint,
                   _("%g cm is below the knee crease (positions count from the knee crease "
                     "toward the hip)"),
                   v);
        else if (v < d->nogo_max_cm)
            report(c, DIAG_ERROR, path, hint,
                   _("%g cm is inside the no-go zone behind the knee (0-%g cm)"), v,
                   d->nogo_max_cm);
        else
            report(c, DIAG_ERROR, path, hint, _("%g cm is below the working area (%g-%g cm)"), v,
                   d->work_min_cm, d->work_max_cm);
        return false;
    }
    if (v > d->work_max_cm + CM_EPSILON) {
        snprintf(hint, sizeof hint, role == 'e' ? _("end at %g cm or less")
                                                : _("keep the ball at %g cm or less"),
                 d->work_max_cm);
        report(c, DIAG_ERROR, path, hint,
               _("%g cm is above the working area (%g-%g cm), too close to the buttock fold"), v,
               d->work_min_cm, d->work_max_cm);
        return false;
    }
    return true;
}

/* A move distance between two ball positions, from move_cm or a listed gap. */
static bool check_move(struct ctx *c, const char *path, double cm, bool listed)
{
    if (cm < MOVE_MIN_CM || cm > MOVE_MAX_CM) {
        report(c, DIAG_ERROR, path, _("move the ball 5-10 cm each time"),
               listed ? _("%g cm from the previous position is outside %g-%g cm")
                      : _("a move of %g cm is outside %g-%g cm"),
               cm, MOVE_MIN_CM, MOVE_MAX_CM);
        return false;
    }
    if (cm < MOVE_GOOD_MIN_CM || cm > MOVE_GOOD_MAX_CM)
        report(c, DIAG_WARNING, path, _("5-10 cm is the usual move"),
               listed ? _("%g cm from the previous position is outside %g-%g cm")
                      : _("a move of %g cm is outside %g-%g cm"),
               cm, MOVE_GOOD_MIN_CM, MOVE_GOOD_MAX_CM);
    return true;
}

static bool parse_range(struct ctx *c, struct fields *f, struct routine_strip *s)
{
    bool ok = true, start_ok = false, end_ok = false;
    const char *names[] = {"start_cm", "end_cm", "move_cm"};
    double v[3] = {0, 0, 0};
    for (size_t k = 0; k < 3; k++) {
        const cJSON *j = get(f, names[k]);
        if (!j) {
            missing(c, f, names[k], k == 2 ? _("or list the positions in positions_cm") : NULL);
            ok = false;
            continue;
        }
        char *p = path_key(f->path, names[k]);
        bool good = check_number(c, j, p, &v[k]);
        if (good && k < 2)
            good = check_cm(c, p, v[k], k == 0 ? 's' : 'e');
        if (good && k == 2)
            good = check_move(c, p, v[k], false);
        if (k == 0)
            start_ok = good;
        if (k == 1)
            end_ok = good;
        ok &= good;
        free(p);
    }
    if (start_ok && end_ok && v[1] < v[0]) {
        char *p = path_key(f->path, "end_cm");
        report(c, DIAG_ERROR, p, _("the ball moves from start_cm up toward the hip to end_cm"),
               _("%g cm is below start_cm (%g cm)"), v[1], v[0]);
        free(p);
        ok = false;
    }
    if (!ok || !c->diagram)
        return false;
    s->start_cm = v[0];
    s->end_cm = v[1];
    s->move_cm = v[2];
    /* Bounded: move >= 3 cm over a working area of a few tens of cm. */
    size_t n = 0;
    while (v[0] + (double)n * v[2] <= v[1] + CM_EPSILON)
        n++;
    s->positions_cm = xcalloc(n, sizeof *s->positions_cm);
    for (size_t i = 0; i < n; i++)
        s->positions_cm[i] = v[0] + (double)i * v[2];
    s->n_positions = n;
    return true;
}

static bool parse_positions(struct ctx *c, const struct fields *f, const cJSON *j,
                            struct routine_strip *s)
{
    char *p = path_key(f->path, "positions_cm");
    bool ok = false;
    if (!cJSON_IsArray(j)) {
        wrong_type(c, p, j, _("a list of numbers"));
        goto done;
    }
    size_t n = (size_t)cJSON_GetArraySize(j);
    if (n == 0 || n > ROUTINE_MAX_POSITIONS) {
        report(c, DIAG_ERROR, p, NULL, _("has %zu positions; give 1 to %d"), n,
               ROUTINE_MAX_POSITIONS);
        goto done;
    }
    double *v = xcalloc(n, sizeof *v);
    bool *good = xcalloc(n, sizeof *good);
    ok = true;
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *ip = path_index(p, i);
        good[i] = check_number(c, it, ip, &v[i]) && check_cm(c, ip, v[i], i == 0 ? 's' : 'p');
        if (good[i] && i > 0 && good[i - 1]) {
            if (v[i] <= v[i - 1]) {
                report(c, DIAG_ERROR, ip, _("list positions from the knee up toward the hip"),
                       _("%g cm is not above the previous position (%g cm)"), v[i], v[i - 1]);
                good[i] = false;
            } else {
                good[i] = check_move(c, ip, v[i] - v[i - 1], true);
            }
        }
        ok &= good[i];
        free(ip);
    }
    free(good);
    if (ok && c->diagram) {
        s->positions_cm = v;
        s->n_positions = n;
        s->start_cm = v[0];
        s->end_cm = v[n - 1];
        s->move_cm = 0;
    } else {
        free(v);
        ok = false;
    }
done:
    free(p);
    return ok;
}

static bool parse_strip(struct ctx *c, const cJSON *j, const char *path, struct routine_strip *s)
{
    if (!cJSON_IsObject(j)) {
        wrong_type(c, path, j, _("an object"));
        return false;
    }
    struct fields f = {j, path, strip_fields, sizeof strip_fields / sizeof *strip_fields, 0};
    check_keys(c, &f);
    size_t before = c->n_errors;
    s->id = want_id(c, &f, "id");
    s->label = want_string(c, &f, "label", true);
    bool ok = true;
    s->muscles = want_string_list(c, &f, "muscles", true, 1, &s->n_muscles, &ok);

    const cJSON *lj = get(&f, "line");
    if (!lj) {
        missing(c, &f, "line", _("name a line of the diagram, such as \"outer\""));
    } else if (c->diagram) {
        const struct diagram *d = c->diagram;
        const char *names[16];
        size_t n = d->n_lines < 16 ? d->n_lines : 16;
        for (size_t i = 0; i < n; i++)
            names[i] = d->lines[i].id;
        char *p = path_key(path, "line");
        int k = check_enum(c, lj, p, names, n, _("diagram line"));
        free(p);
        if (k >= 0)
            s->line = &d->lines[k];
    }

    s->passes = 1;
    const cJSON *pj = get(&f, "passes");
    if (pj) {
        char *p = path_key(path, "passes");
        double n;
        if (check_whole(c, pj, p, &n)) {
            if (n < 1)
                report(c, DIAG_ERROR, p, _("give 1 (or 2)"), _("%g passes"), n);
            else if (n > 2)
                report(c, DIAG_ERROR, p, _("1 pass is usual, 2 at most: more overworks the tissue"),
                       _("%g passes is more than 2"), n);
            else
                s->passes = (unsigned)n;
            if (n == 2)
                report(c, DIAG_WARNING, p, _("one pass per strip is usually enough"), "%s",
                       _("2 passes"));
        }
        free(p);
    }

    const cJSON *posj = get(&f, "positions_cm");
    if (posj && (get(&f, "start_cm") || get(&f, "end_cm") || get(&f, "move_cm"))) {
        report(c, DIAG_ERROR, path, _("give either positions_cm or start_cm, end_cm and move_cm"),
               "%s", _("has both positions_cm and a start/end/move range"));
        return false;
    }
    bool pos_ok = posj ? parse_positions(c, &f, posj, s) : parse_range(c, &f, s);
    return pos_ok && c->n_errors == before;
}

static bool parse_strips(struct ctx *c, const struct fields *top, struct routine *r)
{
    const cJSON *j = top_array(c, top, "strips", _("list the strips of the muscle to work along"),
                               _("a list of strips"));
    if (!j)
        return false;
    size_t n = (size_t)cJSON_GetArraySize(j);
    if (n == 0 || n > MAX_STRIPS) {
        report(c, DIAG_ERROR, "strips", NULL, _("has %zu strips; give 1 to %d"), n, MAX_STRIPS);
        return false;
    }
    r->strips = xcalloc(n, sizeof *r->strips);
    r->n_strips = n;
    bool ok = true;
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *p = path_index("strips", i);
        ok &= parse_strip(c, it, p, &r->strips[i]);
        free(p);
    }
    for (i = 0; i < n; i++) {
        for (size_t k = 0; k < i && r->strips[i].id; k++) {
            if (r->strips[k].id && strcmp(r->strips[k].id, r->strips[i].id) == 0) {
                char *p = xasprintf("strips[%zu].id", i);
                char hint[64];
                snprintf(hint, sizeof hint, _("strips[%zu] has it already"), k);
                report(c, DIAG_ERROR, p, hint, _("duplicate id \"%s\""), r->strips[i].id);
                free(p);
                ok = false;
                break;
            }
        }
    }
    return ok;
}

/* ---- checklist and sides ------------------------------------------------- */

static const char *const check_fields[] = {"id", "scope", "question", "area"};
static const char *const scope_names[] = {"global", "local"};
static const char *const side_names[] = {"left", "right"};

static void parse_check(struct ctx *c, const cJSON *j, const char *path, struct routine_check *k)
{
    if (!cJSON_IsObject(j)) {
        wrong_type(c, path, j, _("an object"));
        return;
    }
    struct fields f = {j, path, check_fields, sizeof check_fields / sizeof *check_fields, 0};
    check_keys(c, &f);
    k->id = want_id(c, &f, "id");
    k->text = want_string(c, &f, "question", true);
    const cJSON *sj = get(&f, "scope");
    int scope = -1;
    if (!sj) {
        missing(c, &f, "scope", _("use global (no session at all) or local (not on one area)"));
    } else {
        char *p = path_key(path, "scope");
        scope = check_enum(c, sj, p, scope_names, 2, _("scope"));
        free(p);
    }
    if (scope >= 0)
        k->scope = (enum check_scope)scope;
    const cJSON *aj = get(&f, "area");
    if (scope == CHECK_SCOPE_LOCAL && !aj) {
        missing(c, &f, "area", _("say which area the ball must keep away from"));
    } else if (aj && scope == CHECK_SCOPE_GLOBAL) {
        char *p = path_key(path, "area");
        report(c, DIAG_ERROR, p, _("leave it out, or make the item local"), "%s",
               _("only local items name an area"));
        free(p);
    } else if (aj) {
        k->area = want_string(c, &f, "area", true);
    }
}

static void parse_checklist(struct ctx *c, const struct fields *top, struct routine *r)
{
    const cJSON *j = top_array(c, top, "checklist", NULL, _("a list of checklist items"));
    if (!j)
        return;
    size_t n = (size_t)cJSON_GetArraySize(j);
    if (n > MAX_LIST_ITEMS) {
        report(c, DIAG_ERROR, "checklist", NULL, _("has %zu items; give at most %d"), n,
               MAX_LIST_ITEMS);
        return;
    }
    r->checks = xcalloc(n, sizeof *r->checks);
    r->n_checks = n;
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *p = path_index("checklist", i);
        parse_check(c, it, p, &r->checks[i]);
        free(p);
    }
    for (i = 0; i < n; i++) {
        for (size_t k = 0; k < i && r->checks[i].id; k++) {
            if (r->checks[k].id && strcmp(r->checks[k].id, r->checks[i].id) == 0) {
                char *p = xasprintf("checklist[%zu].id", i);
                char hint[64];
                snprintf(hint, sizeof hint, _("checklist[%zu] has it already"), k);
                report(c, DIAG_ERROR, p, hint, _("duplicate id \"%s\""), r->checks[i].id);
                free(p);
                break;
            }
        }
    }
}

static bool parse_sides(struct ctx *c, const struct fields *top, struct routine *r)
{
    const cJSON *j = top_array(c, top, "sides",
                               _("use [\"left\", \"right\"], [\"left\"] or [\"right\"]"),
                               _("a list such as [\"left\", \"right\"]"));
    if (!j)
        return false;
    size_t n = (size_t)cJSON_GetArraySize(j);
    if (n == 0 || n > 2) {
        report(c, DIAG_ERROR, "sides", _("use [\"left\", \"right\"], [\"left\"] or [\"right\"]"),
               _("has %zu sides"), n);
        return false;
    }
    bool ok = true;
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *p = path_index("sides", i);
        int s = check_enum(c, it, p, side_names, 2, _("side"));
        if (s < 0) {
            ok = false;
        } else if (i == 1 && r->n_sides == 1 && r->sides[0] == (enum routine_side)s) {
            report(c, DIAG_ERROR, p, _("name each side once"), _("\"%s\" is there twice"),
                   side_names[s]);
            ok = false;
        } else {
            r->sides[r->n_sides++] = (enum routine_side)s;
        }
        free(p);
    }
    return ok;
}

/* ---- the whole file ------------------------------------------------------ */

static const char *const top_fields[] = {
    "$schema", "format", "id",    "title",  "description", "language",  "target",         "diagram",
    "sides",   "equipment", "setup", "cycle", "strips",     "checklist", "therapist_note", "next",
};

static void parse_format(struct ctx *c, const struct fields *top)
{
    const cJSON *j = get(top, "format");
    if (!j) {
        missing(c, top, "format", _("add \"format\": \"smr-routine/1\""));
        return;
    }
    const char *s = check_string(c, j, "format");
    if (!s || strcmp(s, ROUTINE_FORMAT) == 0)
        return;
    char safe[128];
    sanitize(s, safe, sizeof safe);
    report(c, DIAG_ERROR, "format", _("this program reads \"smr-routine/1\""),
           strncmp(s, "smr-routine/", 12) == 0 ? _("unknown format version \"%s\"")
                                               : _("\"%s\" is not a routine format"),
           safe);
}

static void parse_language(struct ctx *c, const struct fields *top, struct routine *r)
{
    r->language = want_string(c, top, "language", true);
    if (!r->language)
        return;
    /* A BCP 47 shape: "en", "de-CH", "pt-BR". */
    const char *s = r->language;
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    bool ok = n >= 2 && n <= 3;
    for (s += n; ok && *s;) {
        size_t m = strspn(s + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        ok = *s == '-' && m >= 1 && m <= 8;
        s += 1 + m;
    }
    if (!ok) {
        char safe[128];
        sanitize(r->language, safe, sizeof safe);
        report(c, DIAG_ERROR, "language", _("use a language tag such as \"en\" or \"de-CH\""),
               _("\"%s\" is not a language tag"), safe);
    }
}

static void parse_diagram(struct ctx *c, const struct fields *top, struct routine *r)
{
    const cJSON *j = get(top, "diagram");
    if (!j) {
        missing(c, top, "diagram", _("add \"diagram\": \"hamstrings-back\""));
        return;
    }
    const char *s = check_string(c, j, "diagram");
    if (!s)
        return;
    r->diagram = c->diagram = diagram_find(s);
    if (!r->diagram) {
        char safe[128];
        sanitize(s, safe, sizeof safe);
        char *hint = xasprintf(_("known diagrams: %s"), diagram_known_names());
        report(c, DIAG_ERROR, "diagram", hint, _("unknown diagram \"%s\""), safe);
        free(hint);
    }
}

uint64_t routine_total_ms(const struct routine *r)
{
    uint64_t cycle = 0, move = 0;
    for (size_t i = 0; i < r->n_phases; i++) {
        cycle += r->phases[i].duration_ms;
        if (r->phases[i].kind == PHASE_MOVE)
            move += r->phases[i].duration_ms;
    }
    uint64_t side = 0;
    for (size_t i = 0; i < r->n_strips; i++) {
        const struct routine_strip *s = &r->strips[i];
        if (s->n_positions)
            side += s->passes * (s->n_positions * cycle - move);
    }
    return side * r->n_sides;
}

size_t routine_total_positions(const struct routine *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_strips; i++)
        n += r->strips[i].n_positions * r->strips[i].passes;
    return n * r->n_sides;
}

static void parse_root(struct ctx *c, const cJSON *root, struct routine *r)
{
    struct fields top = {root, "", top_fields, sizeof top_fields / sizeof *top_fields, 0};
    check_keys(c, &top);
    parse_format(c, &top);
    r->id = want_id(c, &top, "id");
    r->title = want_string(c, &top, "title", true);
    r->description = want_string(c, &top, "description", true);
    parse_language(c, &top, r);
    r->target = want_string(c, &top, "target", true);
    parse_diagram(c, &top, r);
    bool sides_ok = parse_sides(c, &top, r);
    bool lists_ok = true;
    r->equipment = want_string_list(c, &top, "equipment", true, 1, &r->n_equipment, &lists_ok);
    r->setup = want_string_list(c, &top, "setup", true, 1, &r->n_setup, &lists_ok);
    bool cycle_ok = parse_cycle(c, &top, r);
    bool strips_ok = parse_strips(c, &top, r);
    parse_checklist(c, &top, r);
    r->therapist_note = want_string(c, &top, "therapist_note", false);
    r->next = want_string_list(c, &top, "next", false, 0, &r->n_next, &lists_ok);
    free(want_string(c, &top, "$schema", false));

    if (!sides_ok || !strips_ok)
        return;
    size_t positions = routine_total_positions(r);
    if (positions > ROUTINE_MAX_POSITIONS) {
        char hint[96];
        snprintf(hint, sizeof hint, _("at most %d: use fewer strips, positions or passes"),
                 ROUTINE_MAX_POSITIONS);
        report(c, DIAG_ERROR, "strips", hint,
               _("%zu ball positions in all (sides x passes x positions)"), positions);
        return;
    }
    if (!cycle_ok)
        return;
    uint64_t total = routine_total_ms(r);
    if (total > LONG_SESSION_MS) {
        char buf[32];
        report(c, DIAG_WARNING, "", _("use fewer strips, positions or passes"),
               _("the session lasts %s, over 30 minutes"), format_mss(total, buf, sizeof buf));
    }
}

bool routine_create_from_buffer(const char *name, const char *data, size_t len,
                                struct routine **out, struct diag_list *diags)
{
    *out = NULL;
    struct ctx c = {.diags = diags};
    struct routine *r = NULL;
    cJSON *root = NULL;
    char *copy = NULL;
    if (len > ROUTINE_MAX_FILE_BYTES) {
        report(&c, DIAG_ERROR, "", _("a routine file is at most 1 MiB"),
               _("the file is %zu bytes long"), len);
        goto done;
    }
    if (!prescan(&c, data ? data : "", data ? len : 0))
        goto done;
    /* cJSON wants the terminating NUL inside the length to check for trailing
     * text; prescan has refused NUL bytes, so the copy ends where the data does. */
    copy = xmalloc(len + 1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    const char *err = NULL;
    root = cJSON_ParseWithLengthOpts(copy, len + 1, &err, true);
    if (!root) { /* the scan above should have caught it */
        unsigned l, col;
        line_col(copy, len, err ? (size_t)(err - copy) : 0, &l, &col);
        report(&c, DIAG_ERROR, "", NULL, _("not valid JSON at line %u, column %u"), l, col);
        goto done;
    }
    if (!cJSON_IsObject(root)) {
        report(&c, DIAG_ERROR, "", _("a routine is a JSON object that starts with {"),
               _("the top level is %s, not an object"), type_name(root));
        goto done;
    }
    size_t ordinal = 0, next = 0;
    walk_nul(&c, root, "", &ordinal, &next);
    if (c.nul_in_key)
        goto done;
    r = xcalloc(1, sizeof *r);
    r->file = xstrdup(name ? name : "");
    parse_root(&c, root, r);
done:
    cJSON_Delete(root);
    free(copy);
    free(c.nul_ordinals);
    free(c.bad);
    if (c.n_errors > 0 || !r) {
        routine_destroy(r);
        return false;
    }
    *out = r;
    return true;
}

/* ---- reading a file ------------------------------------------------------- */

static const char *file_kind(mode_t m)
{
    if (S_ISDIR(m))
        return _("a directory");
    if (S_ISFIFO(m))
        return _("a FIFO");
    if (S_ISCHR(m) || S_ISBLK(m))
        return _("a device");
    if (S_ISSOCK(m))
        return _("a socket");
    return _("not a regular file");
}

/* Never blocks (O_NONBLOCK, and only regular files are read) and never reads
 * more than the limit + 1 byte, whatever the path turns out to be. */
static bool read_file(struct ctx *c, const char *path, char **out, size_t *len)
{
    struct stat st;
    /* Look before opening, so that devices are never opened at all... */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        report(c, DIAG_ERROR, "", _("give the path of a routine file (.json)"),
               _("cannot read it: it is %s"), file_kind(st.st_mode));
        return false;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int e = errno;
        report(c, DIAG_ERROR, "", e == ENOENT ? _("check the path") : NULL,
               _("cannot open it: %s"), strerror(e));
        return false;
    }
    bool ok = false;
    char *buf = NULL;
    /* ...and check again what was opened, in case it changed in between. */
    if (fstat(fd, &st) != 0) {
        report(c, DIAG_ERROR, "", NULL, _("cannot read it: %s"), strerror(errno));
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        report(c, DIAG_ERROR, "", _("give the path of a routine file (.json)"),
               _("cannot read it: it is %s"), file_kind(st.st_mode));
        goto done;
    }
    if (st.st_size > ROUTINE_MAX_FILE_BYTES) {
        report(c, DIAG_ERROR, "", _("a routine file is at most 1 MiB"),
               _("the file is %lld bytes long"), (long long)st.st_size);
        goto done;
    }
    size_t cap = (size_t)ROUTINE_MAX_FILE_BYTES + 1, n = 0;
    buf = xmalloc(cap);
    while (n < cap) {
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            report(c, DIAG_ERROR, "", NULL, _("cannot read it: %s"), strerror(errno));
            goto done;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (n > ROUTINE_MAX_FILE_BYTES) { /* it grew since fstat */
        report(c, DIAG_ERROR, "", _("a routine file is at most 1 MiB"), "%s",
               _("the file is over 1 MiB long"));
        goto done;
    }
    *out = buf;
    *len = n;
    buf = NULL;
    ok = true;
done:
    free(buf);
    close(fd);
    return ok;
}

bool routine_create_from_file(const char *path, struct routine **out, struct diag_list *diags)
{
    *out = NULL;
    struct ctx c = {.diags = diags};
    char *data = NULL;
    size_t len = 0;
    if (!read_file(&c, path, &data, &len))
        return false;
    bool ok = routine_create_from_buffer(path, data, len, out, diags);
    free(data);
    return ok;
}

bool routine_is_json_schema(const char *path)
{
    struct diag_list d = {0};
    struct ctx c = {.diags = &d};
    char *data = NULL;
    size_t len = 0;
    bool yes = false;
    if (read_file(&c, path, &data, &len) && prescan(&c, data, len)) {
        cJSON *root = cJSON_ParseWithLength(data, len);
        const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "$schema");
        yes = cJSON_IsString(schema) &&
              strncmp(schema->valuestring, "https://json-schema.org/", 24) == 0 &&
              !cJSON_GetObjectItemCaseSensitive(root, "format");
        cJSON_Delete(root);
    }
    free(data);
    free(c.nul_ordinals);
    diag_list_finish(&d);
    return yes;
}

void routine_destroy(struct routine *r)
{
    if (!r)
        return;
    free(r->file);
    free(r->id);
    free(r->title);
    free(r->description);
    free(r->language);
    free(r->target);
    free_strings(r->equipment, r->n_equipment);
    free_strings(r->setup, r->n_setup);
    for (size_t i = 0; i < r->n_phases; i++) {
        free(r->phases[i].title);
        free(r->phases[i].instruction);
    }
    free(r->phases);
    for (size_t i = 0; i < r->n_strips; i++) {
        struct routine_strip *s = &r->strips[i];
        free(s->id);
        free(s->label);
        free_strings(s->muscles, s->n_muscles);
        free(s->positions_cm);
    }
    free(r->strips);
    for (size_t i = 0; i < r->n_checks; i++) {
        free(r->checks[i].id);
        free(r->checks[i].text);
        free(r->checks[i].area);
    }
    free(r->checks);
    free(r->therapist_note);
    free_strings(r->next, r->n_next);
    free(r);
}

const char *phase_kind_name(enum phase_kind k)
{
    return (unsigned)k < sizeof kind_names / sizeof *kind_names ? kind_names[k] : "?";
}

const char *routine_side_name(enum routine_side s)
{
    return (unsigned)s < 2 ? side_names[s] : "?";
}
