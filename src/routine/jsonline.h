/* jsonline.h - one flat JSON object read from a line of text, for the
 * session history (src/session/history.c), which writes its lines by hand
 * but must read them back: src/routine is the only place that parses JSON
 * (tests/arch.py), so the reading lives here. Only what the history needs:
 * strings, numbers, null and lists of strings at the top level. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct jsonline;

/* NULL when text[0..len) is not exactly one JSON object (whitespace around
 * it allowed). */
struct jsonline *jsonline_create(const char *text, size_t len);
void jsonline_destroy(struct jsonline *j); /* NULL is fine */

/* The string at key: NULL when absent, not a string, or not valid UTF-8.
 * Owned by j. */
const char *jsonline_string(const struct jsonline *j, const char *key);
/* False when absent or not a finite number. */
bool jsonline_number(const struct jsonline *j, const char *key, double *out);
/* True when the key is there and null. */
bool jsonline_is_null(const struct jsonline *j, const char *key);
/* A list of strings at key: its length (0 when absent or not a list), and
 * item i (NULL when it is not a valid string). */
size_t jsonline_list_size(const struct jsonline *j, const char *key);
const char *jsonline_list_string(const struct jsonline *j, const char *key, size_t i);
