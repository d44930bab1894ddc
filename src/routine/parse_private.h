/* parse_private.h - what the stages that read a routine share (private to
 * src/routine, like the other *_private.h): the context every problem is
 * reported into, and the pieces of a message that point into the file.
 *
 * The stages, in the order routine.c runs them:
 *   scanner.c       the bytes: a strict JSON syntax check with exact places
 *   fields.c        typed reads of JSON values and fields, with their paths
 *   rules.c,
 *   rules_strips.c,
 *   rules_transitions.c  what a routine must say, into the model (routine.h)
 * limits.c holds every number the rules compare against. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "util/log.h"

struct cJSON;
struct diagram;

/* After this many lines the rest is noise (a binary or a generated file). */
#define PARSE_MAX_DIAGS 100

struct parse_ctx {
    struct diag_list *diags;
    size_t n_errors; /* counted even when no longer recorded */
    size_t n_found;  /* every problem, errors and warnings, recorded or not */
    size_t n_added;
    bool full;
    const struct diagram *diagram; /* NULL when unknown: cm checks are skipped */
    /* Ordinals (in document order, keys included) of strings holding an
     * escaped NUL, which cJSON silently cuts short. Found by scan_document(). */
    size_t *nul_ordinals;
    size_t n_nul, cap_nul;
    /* Strings already reported for their NUL: not checked again. */
    const struct cJSON **bad;
    size_t n_bad, cap_bad;
    bool nul_in_key;
};

/* A routine file's bytes (routine.c): a regular file of at most the
 * file_bytes limit, never blocking on a FIFO or opening a device. False after
 * reporting; *out is the caller's to free. */
bool parse_read_file(struct parse_ctx *c, const char *path, char **out, size_t *len);

/* Frees what the scanner noted; the diags stay with their owner. When more
 * problems were found than listed, adds the line that says how many. */
void parse_ctx_finish(struct parse_ctx *c);

/* One problem (hint may be NULL). Past PARSE_MAX_DIAGS it is only counted
 * (errors apart, so the file is still refused); parse_ctx_finish says how
 * many there were. */
void parse_report(struct parse_ctx *c, enum diag_severity sev, const char *path, const char *hint,
                  const char *fmt, ...) SMR_PRINTF(5, 6);

/* User text echoed in a message: control bytes and invalid UTF-8 escaped,
 * cut to a readable length. */
void parse_sanitize(const char *s, char *out, size_t size);

/* JSON paths: "strips[2].start_cm", "[\"odd key\"]". Caller frees. */
char *parse_path_key(const char *parent, const char *key);
char *parse_path_index(const char *parent, size_t i);
