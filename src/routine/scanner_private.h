/* scanner_private.h - the scanner stage (scanner.c), private to src/routine. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "routine/parse_private.h"

/* The whole text, before cJSON: false after reporting the first problem
 * (empty, a byte-order mark, a NUL byte, invalid JSON at line:column, too
 * deep). Notes the strings that hold an escaped NUL in c. */
bool scan_document(struct parse_ctx *c, const char *data, size_t len);
/* 1-based line and column (in characters) of byte `off`. */
void scan_line_col(const char *data, size_t len, size_t off, unsigned *line, unsigned *col);
/* After cJSON: reports each noted string by its path. False when a field
 * name holds the NUL (the object cannot be read reliably then). */
bool scan_report_nuls(struct parse_ctx *c, const struct cJSON *root);
/* True for a string scan_report_nuls() reported: it is not checked again. */
bool scan_nul_reported(const struct parse_ctx *c, const struct cJSON *j);
