/* diag.c - see diag.h. */
#include "util/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/i18n.h"
#include "util/util.h"

void diag_add(struct diag_list *l, enum diag_severity sev, const char *path, const char *hint,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(l, sev, path, hint, fmt, ap);
    va_end(ap);
}

void diag_addv(struct diag_list *l, enum diag_severity sev, const char *path, const char *hint,
               const char *fmt, va_list ap)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    struct diag *d = &l->items[l->n++];
    d->severity = sev;
    d->path = xstrdup(path ? path : "");
    d->message = xstrdup(buf);
    d->hint = hint ? xstrdup(hint) : NULL;
}

size_t diag_count(const struct diag_list *l, enum diag_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += l->items[i].severity == sev;
    return n;
}

char *diag_format(const char *file, const struct diag *d)
{
    struct strbuf sb = {0};
    strbuf_appendf(&sb, "%s: ", file);
    if (d->path[0])
        strbuf_appendf(&sb, "%s: ", d->path);
    if (d->severity == DIAG_WARNING)
        strbuf_appendf(&sb, "%s: ", _("warning"));
    strbuf_append(&sb, d->message);
    if (d->hint && d->hint[0])
        strbuf_appendf(&sb, "; %s", d->hint);
    return sb.data;
}

void diag_list_finish(struct diag_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].path);
        free(l->items[i].message);
        free(l->items[i].hint);
    }
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}
