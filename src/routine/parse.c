/* parse.c - the context the stages of reading a routine report into, and
 * the JSON paths and echoes of user text their messages are made of (see
 * parse_private.h). */
#include "routine/parse_private.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/util.h"

void parse_ctx_finish(struct parse_ctx *c)
{
    /* Only now is it known how many there were; said once, as an error only
     * when one of them is (a file with nothing but warnings still loads). */
    if (c->full)
        diag_add(c->diags, c->n_errors ? DIAG_ERROR : DIAG_WARNING, "",
                 c->n_errors ? _("fix these first") : NULL,
                 _("%zu problems in all, only the first %d are listed"), c->n_found,
                 PARSE_MAX_DIAGS);
    c->full = false;
    free(c->nul_ordinals);
    free(c->bad);
    c->nul_ordinals = NULL;
    c->bad = NULL;
    c->n_nul = c->cap_nul = c->n_bad = c->cap_bad = 0;
}

void parse_report(struct parse_ctx *c, enum diag_severity sev, const char *path, const char *hint,
                  const char *fmt, ...)
{
    if (sev == DIAG_ERROR)
        c->n_errors++;
    c->n_found++;
    if (c->n_added == PARSE_MAX_DIAGS)
        c->full = true; /* parse_ctx_finish says how many more */
    if (c->full)
        return;
    va_list ap;
    va_start(ap, fmt);
    diag_addv(c->diags, sev, path, hint, fmt, ap);
    va_end(ap);
    c->n_added++;
}

void parse_sanitize(const char *s, char *out, size_t size)
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

char *parse_path_key(const char *parent, const char *key)
{
    char safe[128];
    parse_sanitize(key, safe, sizeof safe);
    if (!plain_key(key))
        return xasprintf("%s[\"%s\"]", parent, safe);
    return parent[0] ? xasprintf("%s.%s", parent, safe) : xstrdup(safe);
}

char *parse_path_index(const char *parent, size_t i)
{
    return xasprintf("%s[%zu]", parent, i);
}
