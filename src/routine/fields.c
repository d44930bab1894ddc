/* fields.c - the second stage: typed reads over the cJSON tree, each with
 * the JSON path of what it reads, so every message can say where. An object's
 * keys are checked against the names it may have: a duplicate is an error, an
 * unknown key gets "did you mean" when it is a typo away from a known one (an
 * edit distance that counts a swap of two letters as one), and a known name
 * a typo resembles is then not also reported missing. */
#include "routine/fields_private.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routine/limits.h"
#include "routine/routine.h"
#include "routine/scanner_private.h"
#include "util/i18n.h"
#include "util/util.h"

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

size_t field_suggest(const char *s, const char *const *names, size_t n)
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

const char *field_type_name(const cJSON *j)
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

static size_t field_index(const struct fields *f, const char *key)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->names[i], key) == 0)
            return i;
    return f->n;
}

void field_check_keys(struct parse_ctx *c, struct fields *f)
{
    uint32_t seen = 0;
    for (const cJSON *it = f->obj->child; it; it = it->next) {
        size_t i = field_index(f, it->string);
        if (c->full) { /* nothing more is shown: skip the costly suggestions */
            bool bad = i == f->n || (seen & (1u << i));
            c->n_errors += bad;
            c->n_found += bad;
            seen |= i < f->n ? 1u << i : 0;
            continue;
        }
        char *p = parse_path_key(f->path, it->string);
        if (i < f->n) {
            if (seen & (1u << i))
                parse_report(c, DIAG_ERROR, p,
                             _("keep only one (JSON readers disagree on which one wins)"),
                             _("appears twice in the same object"));
            seen |= 1u << i;
        } else {
            size_t s = field_suggest(it->string, f->names, f->n);
            char *hint;
            if (s < f->n) {
                f->suggested |= 1u << s;
                hint = xasprintf(_("did you mean \"%s\"?"), f->names[s]);
            } else {
                char *known = join_names(f->names, f->n, ", ");
                hint = xasprintf(_("known fields here: %s"), known);
                free(known);
            }
            parse_report(c, DIAG_ERROR, p, hint, "%s", _("unknown field"));
            free(hint);
        }
        free(p);
    }
}

const cJSON *field_get(const struct fields *f, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(f->obj, name);
}

void field_missing(struct parse_ctx *c, const struct fields *f, const char *name, const char *hint)
{
    size_t i = field_index(f, name);
    if (i < f->n && (f->suggested & (1u << i)))
        return; /* the typo's line already says it */
    char *p = parse_path_key(f->path, name);
    char *add = hint ? NULL : xasprintf(_("add \"%s\""), name);
    parse_report(c, DIAG_ERROR, p, hint ? hint : add, "%s", _("missing required field"));
    free(add);
    free(p);
}

void field_wrong_type(struct parse_ctx *c, const char *path, const cJSON *j, const char *want)
{
    parse_report(c, DIAG_ERROR, path, NULL, _("must be %s, not %s"), want, field_type_name(j));
}

const cJSON *field_top_array(struct parse_ctx *c, const struct fields *top, const char *name,
                             const char *missing_hint, const char *type_hint)
{
    const cJSON *j = field_get(top, name);
    if (!j) {
        if (missing_hint)
            field_missing(c, top, name, missing_hint);
        return NULL;
    }
    if (!cJSON_IsArray(j)) {
        field_wrong_type(c, name, j, type_hint);
        return NULL;
    }
    return j;
}

const char *field_check_string(struct parse_ctx *c, const cJSON *j, const char *path)
{
    if (!cJSON_IsString(j)) {
        field_wrong_type(c, path, j, _("a string"));
        return NULL;
    }
    if (scan_nul_reported(c, j))
        return NULL;
    const char *s = j->valuestring;
    size_t n = strlen(s);
    if (!utf8_valid(s, n)) {
        parse_report(c, DIAG_ERROR, path, _("save the file as UTF-8"), "%s",
                     _("is not valid UTF-8"));
        return NULL;
    }
    const struct limit *bytes = &limit_table[LIMIT_STRING_BYTES];
    if (n > bytes->max) {
        char hint[64];
        snprintf(hint, sizeof hint, _("keep it to %d bytes"), (int)bytes->max);
        parse_report(c, DIAG_ERROR, path, hint, _("is %zu bytes long"), n);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch == 0x7F) {
            parse_report(c, DIAG_ERROR, path, _("write plain text on one line"),
                         _("contains a control character (U+%04X)"), (unsigned)ch);
            return NULL;
        }
    }
    size_t k = 0;
    while (k < n && s[k] == ' ')
        k++;
    if (k == n) {
        parse_report(c, DIAG_ERROR, path,
                     _("write some text or leave the field out if it is optional"), "%s",
                     _("is empty"));
        return NULL;
    }
    return s;
}

char *field_want_string(struct parse_ctx *c, const struct fields *f, const char *name,
                        bool required)
{
    const cJSON *j = field_get(f, name);
    if (!j) {
        if (required)
            field_missing(c, f, name, NULL);
        return NULL;
    }
    char *p = parse_path_key(f->path, name);
    const char *s = field_check_string(c, j, p);
    free(p);
    return s ? xstrdup(s) : NULL;
}

/* Ids name routines, strips and checklist items in messages, history and
 * file names: keep them to a safe alphabet. */
const char *field_check_id(struct parse_ctx *c, const cJSON *j, const char *path)
{
    const char *s = field_check_string(c, j, path);
    if (!s)
        return NULL;
    const struct limit *bytes = &limit_table[LIMIT_ID_BYTES];
    size_t n = strlen(s);
    bool ok = n <= bytes->max && islower((unsigned char)s[0]);
    for (size_t i = 0; ok && i < n; i++)
        ok = islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-';
    if (ok)
        return s;
    char safe[128], hint[96];
    parse_sanitize(s, safe, sizeof safe);
    snprintf(hint, sizeof hint,
             _("use up to %d lowercase letters, digits and '-', starting with a letter"),
             (int)bytes->max);
    parse_report(c, DIAG_ERROR, path, hint, _("\"%s\" is not a valid id"), safe);
    return NULL;
}

char *field_want_id(struct parse_ctx *c, const struct fields *f, const char *name)
{
    const cJSON *j = field_get(f, name);
    if (!j) {
        field_missing(c, f, name, _("give a short id such as \"outer\""));
        return NULL;
    }
    char *p = parse_path_key(f->path, name);
    const char *s = field_check_id(c, j, p);
    free(p);
    return s ? xstrdup(s) : NULL;
}

bool field_check_number(struct parse_ctx *c, const cJSON *j, const char *path, double *out)
{
    if (!cJSON_IsNumber(j)) {
        field_wrong_type(c, path, j, _("a number"));
        return false;
    }
    if (!isfinite(j->valuedouble)) {
        parse_report(c, DIAG_ERROR, path, _("write a plain number such as 10"), "%s",
                     _("is not a finite number"));
        return false;
    }
    *out = j->valuedouble;
    return true;
}

bool field_check_whole(struct parse_ctx *c, const cJSON *j, const char *path, double *out)
{
    if (!field_check_number(c, j, path, out))
        return false;
    if (*out != floor(*out)) {
        parse_report(c, DIAG_ERROR, path, NULL, _("%g is not a whole number"), *out);
        return false;
    }
    return true;
}

int field_check_enum(struct parse_ctx *c, const cJSON *j, const char *path,
                     const char *const *names, size_t n, const char *what)
{
    const char *s = field_check_string(c, j, path);
    if (!s)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return (int)i;
    char safe[128];
    parse_sanitize(s, safe, sizeof safe);
    size_t g = field_suggest(s, names, n);
    char *hint;
    if (g < n) {
        hint = xasprintf(_("did you mean \"%s\"?"), names[g]);
    } else {
        char *list = join_names(names, n, _(" or "));
        hint = xasprintf(_("use %s"), list);
        free(list);
    }
    parse_report(c, DIAG_ERROR, path, hint, _("unknown %s \"%s\""), what, safe);
    free(hint);
    return -1;
}

char **field_want_string_list(struct parse_ctx *c, const struct fields *f, const char *name,
                              bool required, size_t min, size_t *n_out, bool *ok)
{
    *n_out = 0;
    const cJSON *j = field_get(f, name);
    if (!j) {
        if (required) {
            field_missing(c, f, name, NULL);
            *ok = false;
        }
        return NULL;
    }
    char *p = parse_path_key(f->path, name);
    char **out = NULL;
    if (!cJSON_IsArray(j)) {
        field_wrong_type(c, p, j, _("a list of strings"));
        *ok = false;
        goto done;
    }
    size_t n = (size_t)cJSON_GetArraySize(j);
    int max = (int)limit_table[LIMIT_LIST_ITEMS].max;
    if (n < min || n > (size_t)max) {
        parse_report(c, DIAG_ERROR, p, NULL, _("has %zu items; give %zu to %d"), n, min, max);
        *ok = false;
        goto done;
    }
    out = xcalloc(n, sizeof *out);
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *ip = parse_path_index(p, i);
        const char *s = field_check_string(c, it, ip);
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
