/* fields_private.h - the field reader (fields.c), private to src/routine.
 *
 * Two kinds of read: field_check_*() judge a JSON value found at `path`;
 * field_want_*() look a field up by name in an object (struct fields) and
 * report it missing when it is required. Every read reports what is wrong
 * and returns NULL, false or -1; strings come back as copies the caller owns. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "routine/parse_private.h"

/* An object being read and the names its keys may have (at most 32). */
struct fields {
    const cJSON *obj;
    const char *path;
    const char *const *names;
    size_t n;
    uint32_t suggested; /* names a typo'd key resembles: not reported missing */
};

/* Index of the name in names[0..n) that s is a typo away from (the
 * closest), or n: for "did you mean". */
size_t field_suggest(const char *s, const char *const *names, size_t n);

/* "a string", "a number", "a list", "an object", "true", "false", "null". */
const char *field_type_name(const cJSON *j);

/* Unknown keys (with "did you mean") and duplicate keys. Run it first: it
 * notes the names a typo resembles, which field_missing() then passes over. */
void field_check_keys(struct parse_ctx *c, struct fields *f);
const cJSON *field_get(const struct fields *f, const char *name); /* NULL: absent */
/* hint NULL: "add \"name\"". */
void field_missing(struct parse_ctx *c, const struct fields *f, const char *name, const char *hint);
void field_wrong_type(struct parse_ctx *c, const char *path, const cJSON *j, const char *want);
/* A top-level list: reported as missing (when missing_hint is given, i.e. it
 * is required) or of the wrong type; NULL then, the array otherwise. */
const cJSON *field_top_array(struct parse_ctx *c, const struct fields *top, const char *name,
                             const char *missing_hint, const char *type_hint);

/* Plain text on one line: valid UTF-8, not too long, no control character,
 * not empty. The string inside j, or NULL. */
const char *field_check_string(struct parse_ctx *c, const cJSON *j, const char *path);
char *field_want_string(struct parse_ctx *c, const struct fields *f, const char *name,
                        bool required);
/* An id: lowercase letters, digits and '-', starting with a letter, at most
 * the id_bytes limit. The string inside j, or NULL. */
const char *field_check_id(struct parse_ctx *c, const cJSON *j, const char *path);
/* A required id. */
char *field_want_id(struct parse_ctx *c, const struct fields *f, const char *name);
bool field_check_number(struct parse_ctx *c, const cJSON *j, const char *path, double *out);
bool field_check_whole(struct parse_ctx *c, const cJSON *j, const char *path, double *out);
/* A value out of a fixed set (`what` names the set in the message). */
int field_check_enum(struct parse_ctx *c, const cJSON *j, const char *path,
                     const char *const *names, size_t n, const char *what);
/* A list of min to the list_items limit's max texts; NULL (and *ok false)
 * after reporting. */
char **field_want_string_list(struct parse_ctx *c, const struct fields *f, const char *name,
                              bool required, size_t min, size_t *n_out, bool *ok);
