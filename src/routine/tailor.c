/* tailor.c - see tailor.h. The base is read and judged first, so that its
 * own problems are reported as its own. Then its JSON tree is edited in
 * place (field order kept, new fields next to their kin) and every field an
 * option sets is noted with the option's name; the edited text goes through
 * routine_create_from_buffer(), and a problem found at a noted field is
 * reported as the option's, in the validator's own words ("--hold: a hold of
 * 40 s is outside 5-30 s; hold for 10-12 s"), once however many strips it
 * touched. So the limits live in one place, limits.c, for files and options
 * alike. */
#include "routine/tailor.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routine/limits.h"
#include "routine/parse_private.h"
#include "util/i18n.h"
#include "util/util.h"

/* A field an option set: a problem at `path` (or below it) is the option's. */
struct origin {
    char *path;
    const char *option;
};

struct edit {
    cJSON *root;
    struct tailor_report *rep;
    struct origin *origins;
    size_t n, cap;
};

void tailor_report_finish(struct tailor_report *rep)
{
    diag_list_finish(&rep->base);
    diag_list_finish(&rep->options);
    diag_list_finish(&rep->result);
}

bool tailor_report_failed(const struct tailor_report *rep)
{
    return diag_count(&rep->base, DIAG_ERROR) + diag_count(&rep->options, DIAG_ERROR) +
               diag_count(&rep->result, DIAG_ERROR) >
           0;
}

static void note(struct edit *e, char *path, const char *option)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 16;
        e->origins = xrealloc(e->origins, e->cap * sizeof *e->origins);
    }
    e->origins[e->n++] = (struct origin){path, option};
}

/* The option behind a diag's path, or NULL: the one that set the field, or
 * the nearest field above it ("strips[0].passes" is --passes's, though
 * --strips set "strips"). */
static const char *option_at(const struct edit *e, const char *path)
{
    const char *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < e->n; i++) {
        size_t k = strlen(e->origins[i].path);
        if (k >= best_len && strncmp(path, e->origins[i].path, k) == 0 &&
            (path[k] == '\0' || path[k] == '[' || path[k] == '.')) {
            best = e->origins[i].option;
            best_len = k;
        }
    }
    return best;
}

/* One line per option and problem, however many fields repeat it. */
static void add_option_diag(struct diag_list *l, enum diag_severity sev, const char *option,
                            const char *message, const char *hint)
{
    for (size_t i = 0; i < l->n; i++) {
        const struct diag *d = &l->items[i];
        if (d->severity == sev && strcmp(d->path, option) == 0 &&
            strcmp(d->message, message) == 0 &&
            strcmp(d->hint ? d->hint : "", hint ? hint : "") == 0)
            return;
    }
    diag_add(l, sev, option, hint, "%s", message);
}

/* ---- editing the tree ---------------------------------------------------- */

/* Sets obj[key] to item (replacing it in place, or adding it after the
 * field `after` when there is one, else at the end). */
static void put(cJSON *obj, const char *key, cJSON *item, const char *after)
{
    if (cJSON_GetObjectItemCaseSensitive(obj, key)) {
        cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item);
        return;
    }
    cJSON_AddItemToObject(obj, key, item);
    cJSON *prev = after ? cJSON_GetObjectItemCaseSensitive(obj, after) : NULL;
    if (!prev || prev == item)
        return;
    cJSON_DetachItemViaPointer(obj, item);
    item->prev = prev;
    item->next = prev->next;
    if (prev->next)
        prev->next->prev = item;
    else
        obj->child->prev = item; /* cJSON keeps the last item in the first's prev */
    prev->next = item;
}

static void put_string(struct edit *e, const char *key, const char *value, const char *after,
                       const char *option)
{
    if (!value)
        return;
    put(e->root, key, cJSON_CreateString(value), after);
    note(e, xstrdup(key), option);
}

/* cycle: the hold's duration, its countdown cut to fit (a countdown longer
 * than the hold is refused, and a caller asking for a shorter hold means the
 * count to shrink with it). */
static void set_hold(struct edit *e, double secs)
{
    const cJSON *cycle = cJSON_GetObjectItemCaseSensitive(e->root, "cycle");
    size_t i = 0;
    for (cJSON *ph = cycle ? cycle->child : NULL; ph; ph = ph->next, i++) {
        const cJSON *kind = cJSON_GetObjectItemCaseSensitive(ph, "kind");
        if (!cJSON_IsString(kind) || strcmp(kind->valuestring, "hold") != 0)
            continue;
        put(ph, "duration_s", cJSON_CreateNumber(secs), "instruction");
        note(e, xasprintf("cycle[%zu].duration_s", i), "--hold");
        const cJSON *count = cJSON_GetObjectItemCaseSensitive(ph, "countdown");
        if (cJSON_IsNumber(count) && isfinite(secs) && count->valuedouble > floor(secs))
            put(ph, "countdown", cJSON_CreateNumber(secs > 0 ? floor(secs) : 0), NULL);
    }
}

/* A strip with positions_cm: replaced by the range it spans, so that a
 * start, an end or a move can be set on it. The move is the listed gaps'
 * mean (one position: the middle of the usual move). */
static void list_to_range(cJSON *strip)
{
    cJSON *list = cJSON_DetachItemFromObjectCaseSensitive(strip, "positions_cm");
    int n = cJSON_GetArraySize(list);
    const cJSON *first = cJSON_GetArrayItem(list, 0), *last = cJSON_GetArrayItem(list, n - 1);
    if (cJSON_IsNumber(first) && cJSON_IsNumber(last)) {
        const struct limit *usual = &limit_table[LIMIT_MOVE_USUAL_CM];
        double move = n > 1 ? (last->valuedouble - first->valuedouble) / (n - 1)
                            : (usual->min + usual->max) / 2;
        put(strip, "start_cm", cJSON_CreateNumber(first->valuedouble), "line");
        put(strip, "end_cm", cJSON_CreateNumber(last->valuedouble), "start_cm");
        put(strip, "move_cm", cJSON_CreateNumber(round(move * 10) / 10), "end_cm");
    }
    cJSON_Delete(list);
}

static void set_strip_number(struct edit *e, cJSON *strip, size_t i, const char *key,
                             const struct tailor_number *v, const char *after, const char *option)
{
    if (!v->set)
        return;
    put(strip, key, cJSON_CreateNumber(v->value), after);
    note(e, xasprintf("strips[%zu].%s", i, key), option);
}

static void set_strips(struct edit *e, const struct tailor_options *o)
{
    const cJSON *strips = cJSON_GetObjectItemCaseSensitive(e->root, "strips");
    size_t i = 0;
    for (cJSON *s = strips ? strips->child : NULL; s; s = s->next, i++) {
        bool range = o->start_cm.set || o->end_cm.set || o->move_cm.set;
        if (range && cJSON_GetObjectItemCaseSensitive(s, "positions_cm"))
            list_to_range(s);
        set_strip_number(e, s, i, "start_cm", &o->start_cm, "line", "--start");
        set_strip_number(e, s, i, "end_cm", &o->end_cm, "start_cm", "--end");
        set_strip_number(e, s, i, "move_cm", &o->move_cm, "end_cm", "--move");
        set_strip_number(e, s, i, "passes", &o->passes, NULL, "--passes");
    }
}

static void set_sides(struct edit *e, const char *sides)
{
    if (!sides)
        return;
    cJSON *list;
    if (strcmp(sides, "left") == 0 || strcmp(sides, "right") == 0) {
        list = cJSON_CreateArray();
        cJSON_AddItemToArray(list, cJSON_CreateString(sides));
    } else if (strcmp(sides, "both") == 0) {
        /* Both as the base orders them, when it has both. */
        const cJSON *old = cJSON_GetObjectItemCaseSensitive(e->root, "sides");
        if (cJSON_GetArraySize(old) == 2)
            return;
        const char *both[] = {"left", "right"};
        list = cJSON_CreateStringArray(both, 2);
    } else {
        char safe[128];
        parse_sanitize(sides, safe, sizeof safe);
        diag_add(&e->rep->options, DIAG_ERROR, "--sides", _("use left, right or both"),
                 _("unknown side \"%s\""), safe);
        return;
    }
    put(e->root, "sides", list, NULL);
    note(e, xstrdup("sides"), "--sides");
}

/* The strip whose id is name[0..len), or NULL. */
static cJSON *strip_by_id(const cJSON *strips, const char *name, size_t len)
{
    for (cJSON *s = strips ? strips->child : NULL; s; s = s->next) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(s, "id");
        if (cJSON_IsString(id) && strlen(id->valuestring) == len &&
            strncmp(id->valuestring, name, len) == 0)
            return s;
    }
    return NULL;
}

static char *strip_ids(const cJSON *strips)
{
    struct strbuf sb = {0};
    strbuf_append(&sb, "");
    for (const cJSON *s = strips ? strips->child : NULL; s; s = s->next) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(s, "id");
        strbuf_appendf(&sb, "%s%s", sb.len ? ", " : "", cJSON_IsString(id) ? id->valuestring : "?");
    }
    return sb.data;
}

/* Reports one name of --strips that names no strip, or twice. */
static void bad_strip(struct edit *e, const char *ids, const char *name, size_t len, bool twice)
{
    char raw[128], safe[128];
    snprintf(raw, sizeof raw, "%.*s", (int)(len < 100 ? len : 100), name);
    parse_sanitize(raw, safe, sizeof safe);
    if (twice) {
        diag_add(&e->rep->options, DIAG_ERROR, "--strips", _("name each strip once"),
                 _("\"%s\" is there twice"), safe);
        return;
    }
    char *hint = len ? xasprintf(_("the routine's strips are %s"), ids)
                     : xasprintf(_("name strips by id, separated by commas: %s"), ids);
    if (len)
        diag_add(&e->rep->options, DIAG_ERROR, "--strips", hint, _("no strip \"%s\""), safe);
    else
        diag_add(&e->rep->options, DIAG_ERROR, "--strips", hint, "%s", _("an empty strip name"));
    free(hint);
}

/* Keeps the strips --strips names, in its order. */
static void select_strips(struct edit *e, const char *names)
{
    if (!names)
        return;
    cJSON *strips = cJSON_GetObjectItemCaseSensitive(e->root, "strips");
    cJSON *picked = cJSON_CreateArray();
    char *ids = strip_ids(strips); /* before any is taken out */
    size_t errors = e->rep->options.n;
    for (const char *p = names;; p++) {
        size_t len = strcspn(p, ",");
        cJSON *s = strip_by_id(strips, p, len);
        if (!s)
            bad_strip(e, ids, p, len, strip_by_id(picked, p, len) != NULL);
        else
            cJSON_AddItemToArray(picked, cJSON_DetachItemViaPointer(strips, s));
        p += len;
        if (!*p)
            break;
    }
    free(ids);
    if (e->rep->options.n > errors) {
        cJSON_Delete(picked);
        return;
    }
    put(e->root, "strips", picked, NULL);
    note(e, xstrdup("strips"), "--strips");
}

/* A relative "$schema" names a file beside the base, which the tailored
 * copy, written elsewhere, does not have beside it. */
static void drop_relative_schema(cJSON *root)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "$schema");
    if (cJSON_IsString(s) && s->valuestring[0] != '/' && !strstr(s->valuestring, "://"))
        cJSON_DeleteItemFromObjectCaseSensitive(root, "$schema");
}

/* Where a new prepared_* field goes: after the last of its kin present
 * (keys[0..n), in the order they are written), after the description else. */
static const char *kin_before(const cJSON *root, const char *const *keys, size_t n)
{
    for (size_t i = n; i-- > 0;)
        if (cJSON_GetObjectItemCaseSensitive(root, keys[i]))
            return keys[i];
    return "description";
}

static void apply(struct edit *e, const struct tailor_options *o)
{
    static const char *const kin[] = {"prepared_for", "prepared_by"};
    drop_relative_schema(e->root);
    put_string(e, "id", o->id, NULL, "--id");
    put_string(e, "title", o->title, NULL, "--title");
    put_string(e, "prepared_for", o->prepared_for, "description", "--for");
    put_string(e, "prepared_by", o->prepared_by, kin_before(e->root, kin, 1), "--by");
    put_string(e, "prepared_on", o->prepared_on, kin_before(e->root, kin, 2), "--on");
    put_string(e, "therapist_note", o->note, "checklist", "--note");
    set_sides(e, o->sides);
    select_strips(e, o->strips);
    if (o->hold_s.set)
        set_hold(e, o->hold_s.value);
    set_strips(e, o);
}

/* ---- writing it as the bundled routines are written ----------------------- */

/* A list of plain values goes on one line when it fits in this many columns. */
#define LINE_WIDTH 100

static void write_value(struct strbuf *sb, const cJSON *j, int depth);

static void write_number(struct strbuf *sb, double v)
{
    /* The shortest form that reads back as the same number. */
    char buf[32];
    snprintf(buf, sizeof buf, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, sizeof buf, "%.17g", v);
    strbuf_append(sb, buf);
}

static void indent(struct strbuf *sb, int depth)
{
    for (int i = 0; i < depth; i++)
        strbuf_append(sb, "  ");
}

static bool is_container(const cJSON *j) { return cJSON_IsArray(j) || cJSON_IsObject(j); }

/* A list of plain values, on one line when it fits. */
static bool write_flat_array(struct strbuf *sb, const cJSON *j, int depth)
{
    struct strbuf line = {0};
    strbuf_append(&line, "[");
    for (const cJSON *it = j->child; it; it = it->next) {
        if (is_container(it)) {
            strbuf_free(&line);
            return false;
        }
        write_value(&line, it, depth + 1);
        strbuf_append(&line, it->next ? ", " : "");
    }
    strbuf_append(&line, "]");
    size_t column = 0;
    while (column < sb->len && sb->data[sb->len - 1 - column] != '\n')
        column++;
    bool fits = column + line.len <= LINE_WIDTH;
    if (fits)
        strbuf_append(sb, line.data);
    strbuf_free(&line);
    return fits;
}

static void write_container(struct strbuf *sb, const cJSON *j, int depth)
{
    bool object = cJSON_IsObject(j);
    if (!j->child) {
        strbuf_append(sb, object ? "{}" : "[]");
        return;
    }
    if (!object && write_flat_array(sb, j, depth))
        return;
    strbuf_append(sb, object ? "{\n" : "[\n");
    for (const cJSON *it = j->child; it; it = it->next) {
        indent(sb, depth + 1);
        if (object) {
            strbuf_append_json_string(sb, it->string);
            strbuf_append(sb, ": ");
        }
        write_value(sb, it, depth + 1);
        strbuf_append(sb, it->next ? ",\n" : "\n");
    }
    indent(sb, depth);
    strbuf_append(sb, object ? "}" : "]");
}

static void write_value(struct strbuf *sb, const cJSON *j, int depth)
{
    if (is_container(j))
        write_container(sb, j, depth);
    else if (cJSON_IsString(j))
        strbuf_append_json_string(sb, j->valuestring);
    else if (cJSON_IsNumber(j))
        write_number(sb, j->valuedouble);
    else if (cJSON_IsBool(j))
        strbuf_append(sb, cJSON_IsTrue(j) ? "true" : "false");
    else
        strbuf_append(sb, "null");
}

static char *print_tree(const cJSON *root)
{
    struct strbuf sb = {0};
    write_value(&sb, root, 0);
    strbuf_append(&sb, "\n");
    return sb.data;
}

/* ---- the whole tailoring --------------------------------------------------- */

/* The id of the strip a path lies in ("strips[2].start_cm"), or NULL. */
static const char *strip_of(const struct edit *e, const char *path)
{
    unsigned i;
    int used = 0;
    if (sscanf(path, "strips[%u]%n", &i, &used) != 1 || used == 0)
        return NULL;
    const cJSON *strip = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(e->root, "strips"),
                                            (int)i);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(strip, "id");
    return cJSON_IsString(id) ? id->valuestring : NULL;
}

/* Whether problem i is one of `option`'s saying what d says (severity and
 * message); *same_hint whether with d's hint too. */
static bool says_same(const struct diag_list *all, const struct edit *e, size_t i,
                      const char *option, const struct diag *d, bool *same_hint)
{
    const struct diag *o = &all->items[i];
    const char *other = option_at(e, o->path);
    if (!other || strcmp(other, option) != 0 || o->severity != d->severity ||
        strcmp(o->message, d->message) != 0)
        return false;
    *same_hint = strcmp(o->hint ? o->hint : "", d->hint ? d->hint : "") == 0;
    return true;
}

/* Whether another of the option's problems says the same with another
 * hint: one value that each strip judges with its own limits ("start at 8
 * cm or more" on one, "18 cm" on another), which only the strip tells apart. */
static bool hint_differs(const struct diag_list *all, const struct edit *e, size_t k,
                         const char *option)
{
    bool same_hint;
    for (size_t i = 0; i < all->n; i++)
        if (says_same(all, e, i, option, &all->items[k], &same_hint) && !same_hint)
            return true;
    return false;
}

/* "--start (inner, outer)": the option and the strips (their ids, as
 * --strips names them) where it meets this very problem and hint, each
 * once, in the file's order. */
static char *strips_saying(const struct diag_list *all, const struct edit *e, size_t k,
                           const char *option)
{
    struct strbuf ids = {0};
    for (size_t i = 0; i < all->n; i++) {
        bool same_hint, seen = false;
        const char *strip = strip_of(e, all->items[i].path);
        if (!strip || !says_same(all, e, i, option, &all->items[k], &same_hint) || !same_hint)
            continue;
        for (size_t j = 0; j < i && !seen; j++) {
            const char *earlier = strip_of(e, all->items[j].path);
            seen = earlier && strcmp(earlier, strip) == 0 &&
                   says_same(all, e, j, option, &all->items[k], &same_hint) && same_hint;
        }
        if (!seen)
            strbuf_appendf(&ids, "%s%s", ids.data ? ", " : "", strip);
    }
    char *where = xasprintf("%s (%s)", option, ids.data ? ids.data : "");
    strbuf_free(&ids);
    return where;
}

/* The result judged; its problems sorted into the option's and the rest. */
static bool judge(struct edit *e, const char *name, const char *text, struct routine **out)
{
    struct diag_list all = {0};
    struct routine *r = NULL;
    bool ok = routine_create_from_buffer(name, text, strlen(text), &r, &all);
    for (size_t i = 0; i < all.n; i++) {
        const struct diag *d = &all.items[i];
        const char *option = option_at(e, d->path);
        if (option && strip_of(e, d->path) && hint_differs(&all, e, i, option)) {
            char *where = strips_saying(&all, e, i, option);
            add_option_diag(&e->rep->options, d->severity, where, d->message, d->hint);
            free(where);
        } else if (option) {
            add_option_diag(&e->rep->options, d->severity, option, d->message, d->hint);
        } else {
            diag_add(&e->rep->result, d->severity, d->path, d->hint, "%s", d->message);
        }
    }
    diag_list_finish(&all);
    if (out)
        *out = r;
    else
        routine_destroy(r);
    return ok;
}

/* The base file's text once it passes the rules; NULL after reporting. */
static char *read_base(const char *path, struct diag_list *d)
{
    struct parse_ctx c = {.diags = d};
    char *data = NULL;
    size_t len = 0;
    struct routine *r = NULL;
    char *text = NULL;
    if (parse_read_file(&c, path, &data, &len) &&
        routine_create_from_buffer(path, data, len, &r, d)) {
        text = xmalloc(len + 1);
        memcpy(text, data, len);
        text[len] = '\0';
    }
    routine_destroy(r);
    parse_ctx_finish(&c);
    free(data);
    return text;
}

bool routine_tailor(const char *base_path, const struct tailor_options *o, char **json_out,
                    struct routine **out, struct tailor_report *rep)
{
    if (json_out)
        *json_out = NULL;
    if (out)
        *out = NULL;
    char *base = read_base(base_path, &rep->base);
    if (!base)
        return false;
    struct edit e = {.root = cJSON_Parse(base), .rep = rep};
    free(base);
    char *text = NULL;
    bool ok = false;
    if (e.root) { /* it passed the rules, so it parses */
        apply(&e, o);
        text = rep->options.n ? NULL : print_tree(e.root);
        ok = text && judge(&e, base_path, text, out);
    }
    cJSON_Delete(e.root);
    for (size_t i = 0; i < e.n; i++)
        free(e.origins[i].path);
    free(e.origins);
    if (ok && json_out)
        *json_out = text;
    else
        free(text);
    return ok;
}
