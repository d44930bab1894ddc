/* diag.h - diagnostics from loading a routine: every problem found, each with
 * a JSON path, what is wrong and what would be right. */
#pragma once

#include <stdarg.h>
#include <stddef.h>

#include "util/log.h"

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag {
    enum diag_severity severity;
    char *path;    /* JSON path such as "strips[2].start_cm"; "" for the whole file */
    char *message; /* what is wrong */
    char *hint;    /* what would be right; NULL when there is nothing to add */
};

struct diag_list {
    struct diag *items;
    size_t n, cap;
};

/* hint may be NULL. */
void diag_add(struct diag_list *l, enum diag_severity sev, const char *path, const char *hint,
              const char *fmt, ...) SMR_PRINTF(5, 6);
/* The same with a va_list, for collectors that add their own bookkeeping. */
void diag_addv(struct diag_list *l, enum diag_severity sev, const char *path, const char *hint,
               const char *fmt, va_list ap) SMR_PRINTF(5, 0);
size_t diag_count(const struct diag_list *l, enum diag_severity sev);
/* One line, no newline: "FILE: PATH: message; hint", with "warning: " before the
 * message for warnings and "PATH: " left out when the path is empty. Caller frees. */
char *diag_format(const char *file, const struct diag *d);
void diag_list_finish(struct diag_list *l);
