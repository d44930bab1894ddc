/* routine.c - the routine model's lifecycle: a file or buffer is run through
 * the stages (scanner.c, then cJSON, then fields.c and the rules), and the
 * model is built while validating and thrown away when there is any error, so
 * callers only ever see a fully valid routine. Also reading a file safely,
 * destroying a routine, and the model's accessors.
 *
 * Validation reports every problem at once, one diag each, and each root cause
 * once (see rules.c). */
#include "routine/routine.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "routine/rules_private.h"
#include "routine/scanner_private.h"
#include "util/i18n.h"
#include "util/util.h"

/* The largest routine file, in bytes and in MiB as messages say it. */
static size_t max_bytes(void)
{
    return (size_t)limit_table[LIMIT_FILE_BYTES].max;
}

static double max_mib(void)
{
    return limit_table[LIMIT_FILE_BYTES].max / (1024.0 * 1024.0);
}

static const char *too_big_hint(char *buf, size_t size)
{
    snprintf(buf, size, _("a routine file is at most %g MiB"), max_mib());
    return buf;
}

/* The scanned text as a cJSON tree whose top level is an object; NULL after
 * reporting. */
static cJSON *parse_json(struct parse_ctx *c, const char *data, size_t len)
{
    /* cJSON wants the terminating NUL inside the length to check for trailing
     * text; the scan has refused NUL bytes, so the copy ends where the data does. */
    char *copy = xmalloc(len + 1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    const char *err = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(copy, len + 1, &err, true);
    if (!root) { /* the scan should have caught it */
        unsigned l, col;
        scan_line_col(copy, len, err ? (size_t)(err - copy) : 0, &l, &col);
        parse_report(c, DIAG_ERROR, "", NULL, _("not valid JSON at line %u, column %u"), l, col);
    } else if (!cJSON_IsObject(root)) {
        parse_report(c, DIAG_ERROR, "", _("a routine is a JSON object that starts with {"),
                     _("the top level is %s, not an object"), field_type_name(root));
        cJSON_Delete(root);
        root = NULL;
    }
    free(copy);
    return root;
}

bool routine_create_from_buffer(const char *name, const char *data, size_t len,
                                struct routine **out, struct diag_list *diags)
{
    *out = NULL;
    struct parse_ctx c = {.diags = diags};
    struct routine *r = NULL;
    cJSON *root = NULL;
    char hint[64];
    if (len > max_bytes())
        parse_report(&c, DIAG_ERROR, "", too_big_hint(hint, sizeof hint),
                     _("the file is %zu bytes long"), len);
    else if (scan_document(&c, data ? data : "", data ? len : 0))
        root = parse_json(&c, data, len);
    if (root && scan_report_nuls(&c, root)) {
        r = xcalloc(1, sizeof *r);
        r->file = xstrdup(name ? name : "");
        rules_read_routine(&c, root, r);
    }
    cJSON_Delete(root);
    parse_ctx_finish(&c);
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

static void report_not_regular(struct parse_ctx *c, mode_t m)
{
    parse_report(c, DIAG_ERROR, "", _("give the path of a routine file (.json)"),
                 _("cannot read it: it is %s"), file_kind(m));
}

/* A descriptor of the regular file at `path`, no larger than the limit, or
 * -1 after reporting. Never blocks (O_NONBLOCK) and never opens a device. */
static int open_regular(struct parse_ctx *c, const char *path)
{
    struct stat st;
    /* Look before opening, so that devices are never opened at all... */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        report_not_regular(c, st.st_mode);
        return -1;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int e = errno;
        parse_report(c, DIAG_ERROR, "", e == ENOENT ? _("check the path") : NULL,
                     _("cannot open it: %s"), strerror(e));
        return -1;
    }
    /* ...and check again what was opened, in case it changed in between. */
    if (fstat(fd, &st) != 0) {
        parse_report(c, DIAG_ERROR, "", NULL, _("cannot read it: %s"), strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        report_not_regular(c, st.st_mode);
    } else if ((uintmax_t)st.st_size > max_bytes()) {
        char hint[64];
        parse_report(c, DIAG_ERROR, "", too_big_hint(hint, sizeof hint),
                     _("the file is %lld bytes long"), (long long)st.st_size);
    } else {
        return fd;
    }
    close(fd);
    return -1;
}

/* Reads at most the limit + 1 byte, whatever the file turns out to hold. */
bool parse_read_file(struct parse_ctx *c, const char *path, char **out, size_t *len)
{
    int fd = open_regular(c, path);
    if (fd < 0)
        return false;
    size_t cap = max_bytes() + 1, n = 0;
    char *buf = xmalloc(cap);
    bool ok = false;
    while (n < cap) {
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            parse_report(c, DIAG_ERROR, "", NULL, _("cannot read it: %s"), strerror(errno));
            goto done;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (n > max_bytes()) { /* it grew since fstat */
        char hint[64];
        parse_report(c, DIAG_ERROR, "", too_big_hint(hint, sizeof hint),
                     _("the file is over %g MiB long"), max_mib());
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
    struct parse_ctx c = {.diags = diags};
    char *data = NULL;
    size_t len = 0;
    if (!parse_read_file(&c, path, &data, &len))
        return false;
    bool ok = routine_create_from_buffer(path, data, len, out, diags);
    free(data);
    return ok;
}

bool routine_is_json_schema(const char *path)
{
    struct diag_list d = {0};
    struct parse_ctx c = {.diags = &d};
    char *data = NULL;
    size_t len = 0;
    bool yes = false;
    if (parse_read_file(&c, path, &data, &len) && scan_document(&c, data, len)) {
        cJSON *root = cJSON_ParseWithLength(data, len);
        const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "$schema");
        yes = cJSON_IsString(schema) &&
              strncmp(schema->valuestring, "https://json-schema.org/", 24) == 0 &&
              !cJSON_GetObjectItemCaseSensitive(root, "format");
        cJSON_Delete(root);
    }
    free(data);
    parse_ctx_finish(&c);
    diag_list_finish(&d);
    return yes;
}

/* ---- the model ------------------------------------------------------------ */

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n && v; i++)
        free(v[i]);
    free(v);
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
    free(r->prepared_for);
    free(r->prepared_by);
    free(r->prepared_on);
    free_strings(r->next, r->n_next);
    free(r);
}

static const char *const kind_names[] = {"place", "stretch", "hold", "relax", "move"};
static const char *const side_names[] = {"left", "right"};

const char *phase_kind_name(enum phase_kind k)
{
    return (unsigned)k < sizeof kind_names / sizeof *kind_names ? kind_names[k] : "?";
}

const char *routine_side_name(enum routine_side s)
{
    return (unsigned)s < sizeof side_names / sizeof *side_names ? side_names[s] : "?";
}

size_t routine_total_positions(const struct routine *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_strips; i++)
        n += r->strips[i].n_positions * r->strips[i].passes;
    return n * r->n_sides;
}
