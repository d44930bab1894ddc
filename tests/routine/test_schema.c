/* test_schema.c - routines/schema.json and the limits table must say the
 * same numbers. Every numeric bound in the schema (minimum, maxItems, a
 * numeric enum, the {m,n} of a pattern...) is found by walking the whole
 * file, and each must be one this test knows and equal to what the table
 * (or, for cm, the diagram table) says; a bound the schema gains or loses
 * fails too. The descriptions that quote ranges are checked the same way.
 * Then the table itself: names, ranges, and the hints made of its parts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <math.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "routine/diagram.h"
#include "routine/limits.h"
#include "routine/routine.h"
#include "util/util.h"

/* A bound as the schema should say it: where (a path of keys from the
 * root), which keyword, and its value as text ("20"; "1 2" for an enum;
 * "0,63" for the quantifiers of a pattern). */
struct bound {
    char *where;
    const char *keyword;
    char *want;
    bool seen;
};

struct expect {
    struct bound *b;
    size_t n, cap;
};

static void add(struct expect *e, const char *where, const char *keyword, char *want)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 32;
        e->b = xrealloc(e->b, e->cap * sizeof *e->b);
    }
    e->b[e->n++] = (struct bound){xstrdup(where), keyword, want, false};
}

static const struct limit *lim(enum limit_id id)
{
    return &limit_table[id];
}

static void add_min(struct expect *e, const char *where, const char *kw, enum limit_id id)
{
    add(e, where, kw, xasprintf("%g", lim(id)->min));
}

static void add_max(struct expect *e, const char *where, const char *kw, enum limit_id id)
{
    add(e, where, kw, xasprintf("%g", lim(id)->max));
}

static void add_range(struct expect *e, const char *where, const char *kw_min, const char *kw_max,
                      enum limit_id id)
{
    add_min(e, where, kw_min, id);
    add_max(e, where, kw_max, id);
}

/* The ball's centre on any line of d: from the lowest working area start to
 * the highest end, less the contact patch at both ends. */
static void centre_range(const struct diagram *d, double *lo, double *hi)
{
    double patch = limit_table[LIMIT_BALL_PATCH_CM].max;
    *lo = HUGE_VAL;
    *hi = -HUGE_VAL;
    for (size_t i = 0; i < d->n_lines; i++) {
        double a, b;
        diagram_line_area(d, &d->lines[i], &a, &b);
        *lo = fmin(*lo, a + patch);
        *hi = fmax(*hi, b - patch);
    }
}

/* Every bound routines/schema.json has, from the tables. */
static void expected_bounds(struct expect *e)
{
    /* Structural, not limits: one or both legs, and exactly one hold. */
    add(e, "properties/sides", "minItems", xstrdup("1"));
    add(e, "properties/sides", "maxItems", xasprintf("%d", ROUTINE_SIDE_RIGHT + 1));
    add(e, "properties/cycle", "minContains", xstrdup("1"));
    add(e, "properties/cycle", "maxContains", xstrdup("1"));

    add_min(e, "properties/equipment", "minItems", LIMIT_LIST_ITEMS);
    add_min(e, "properties/setup", "minItems", LIMIT_LIST_ITEMS);
    add_range(e, "properties/cycle", "minItems", "maxItems", LIMIT_PHASES);
    add_range(e, "properties/strips", "minItems", "maxItems", LIMIT_STRIPS);
    add_max(e, "properties/checklist", "maxItems", LIMIT_LIST_ITEMS);
    add(e, "properties/language", "pattern",
        xasprintf("%g,%g %g,%g", lim(LIMIT_LANGUAGE_LETTERS)->min, lim(LIMIT_LANGUAGE_LETTERS)->max,
                  lim(LIMIT_LANGUAGE_SUBTAG)->min, lim(LIMIT_LANGUAGE_SUBTAG)->max));
    add_range(e, "$defs/text", "minLength", "maxLength", LIMIT_STRING_BYTES);
    add_max(e, "$defs/textList", "maxItems", LIMIT_LIST_ITEMS);
    /* [a-z] then up to max - 1 more */
    add(e, "$defs/id", "pattern",
        xasprintf("%g,%g", lim(LIMIT_ID_BYTES)->min - 1, lim(LIMIT_ID_BYTES)->max - 1));
    /* positions count from 0 cm; each diagram narrows them */
    add(e, "$defs/cm", "minimum", xstrdup("0"));
    for (size_t i = 0; diagram_at(i); i++) {
        const struct diagram *d = diagram_at(i);
        char *where = xasprintf("$defs/cm-%s", d->name);
        double lo, hi;
        centre_range(d, &lo, &hi);
        add(e, where, "minimum", xasprintf("%g", lo));
        add(e, where, "maximum", xasprintf("%g", hi));
        free(where);
    }
    add_max(e, "properties/next", "maxItems", LIMIT_LIST_ITEMS);
    add_range(e, "$defs/phase/properties/duration_s", "minimum", "maximum", LIMIT_PHASE_S);
    add_min(e, "$defs/phase/properties/countdown", "minimum", LIMIT_COUNTDOWN);
    add_range(e, "$defs/phase/then/properties/duration_s", "minimum", "maximum", LIMIT_HOLD_S);
    add_min(e, "$defs/strip/properties/muscles", "minItems", LIMIT_LIST_ITEMS);
    add_range(e, "$defs/strip/properties/move_cm", "minimum", "maximum", LIMIT_MOVE_CM);
    add_range(e, "$defs/strip/properties/positions_cm", "minItems", "maxItems", LIMIT_POSITIONS);
    struct strbuf passes = {0};
    for (double p = lim(LIMIT_PASSES)->min; p <= lim(LIMIT_PASSES)->max; p++)
        strbuf_appendf(&passes, "%s%g", passes.len ? " " : "", p);
    add(e, "$defs/strip/properties/passes", "enum", passes.data);
    add_range(e, "properties/transitions/properties/strip_s", "minimum", "maximum",
              LIMIT_TRANSITION_S);
    add_range(e, "properties/transitions/properties/side_s", "minimum", "maximum",
              LIMIT_TRANSITION_S);
}

/* Descriptions that quote a range must quote the table's. */
static void expected_descriptions(struct expect *e)
{
    char buf[64];
    const char *dur = "$defs/phase/properties/duration_s";
    add(e, dur, "description", xstrdup(limit_range(lim(LIMIT_HOLD_S), buf, sizeof buf)));
    add(e, dur, "description", xstrdup(limit_range(lim(LIMIT_HOLD_USUAL_S), buf, sizeof buf)));
    add(e, "$defs/strip/properties/move_cm", "description",
        xstrdup(limit_range(lim(LIMIT_MOVE_USUAL_CM), buf, sizeof buf)));
    add(e, "$defs/strip/properties/positions_cm", "description",
        xstrdup(limit_range(lim(LIMIT_MOVE_CM), buf, sizeof buf)));
    add(e, "$defs/text", "description",
        xasprintf("at most %g bytes", lim(LIMIT_STRING_BYTES)->max));
    add(e, "properties/transitions/properties/strip_s", "description",
        xstrdup(limit_range(lim(LIMIT_TRANSITION_S), buf, sizeof buf)));
    add(e, "properties/transitions/properties/side_s", "description",
        xstrdup(limit_range(lim(LIMIT_TRANSITION_S), buf, sizeof buf)));
    add(e, "$defs/strip/properties/passes", "description",
        xasprintf("at most %g times a session", lim(LIMIT_LINE_PASSES)->max));
    for (size_t i = 0; diagram_at(i); i++) {
        const struct diagram *d = diagram_at(i);
        char *where = xasprintf("$defs/cm-%s", d->name);
        add(e, where, "description", xasprintf("from %s %s", d->origin, d->toward));
        add(e, where, "description",
            xasprintf("working area is %g-%g cm", d->work_min_cm, d->work_max_cm));
        add(e, where, "description",
            xasprintf("%g cm either side", limit_table[LIMIT_BALL_PATCH_CM].max));
        for (size_t k = 0; k < d->n_zones; k++)
            add(e, where, "description",
                xasprintf("%s %g-%g cm", d->zones[k].name, d->zones[k].from_cm, d->zones[k].to_cm));
        for (size_t k = 0; k < d->n_lines; k++)
            if (d->lines[k].min_cm != 0 || d->lines[k].max_cm != 0)
                add(e, where, "description",
                    xasprintf("the %s line %g-%g cm", d->lines[k].id, d->lines[k].min_cm,
                              d->lines[k].max_cm));
        free(where);
    }
}

static const char *const numeric_keywords[] = {
    "minimum",     "maximum",       "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "minItems",    "maxItems",      "minLength",        "maxLength",        "minContains",
    "maxContains", "minProperties", "maxProperties",
};

static bool is_numeric_keyword(const char *k)
{
    for (size_t i = 0; i < sizeof numeric_keywords / sizeof *numeric_keywords; i++)
        if (strcmp(k, numeric_keywords[i]) == 0)
            return true;
    return false;
}

/* "2,3 1,8" from "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"; NULL without any. */
static char *quantifiers(const char *pattern)
{
    struct strbuf sb = {0};
    for (const char *p = strchr(pattern, '{'); p; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        if (!end)
            break;
        strbuf_appendf(&sb, "%s%.*s", sb.len ? " " : "", (int)(end - p - 1), p + 1);
    }
    return sb.data;
}

/* The bound's value as text, or NULL when `key` holds none. */
static char *bound_text(const char *key, const cJSON *v)
{
    if (is_numeric_keyword(key) && cJSON_IsNumber(v))
        return xasprintf("%g", v->valuedouble);
    if (strcmp(key, "pattern") == 0 && cJSON_IsString(v))
        return quantifiers(v->valuestring);
    if (strcmp(key, "enum") == 0 && cJSON_IsArray(v) && cJSON_IsNumber(v->child)) {
        struct strbuf sb = {0};
        for (const cJSON *it = v->child; it; it = it->next)
            strbuf_appendf(&sb, "%s%g", sb.len ? " " : "", it->valuedouble);
        return sb.data;
    }
    return NULL;
}

static struct bound *find(struct expect *e, const char *where, const char *keyword)
{
    for (size_t i = 0; i < e->n; i++)
        if (!e->b[i].seen && strcmp(e->b[i].where, where) == 0 &&
            strcmp(e->b[i].keyword, keyword) == 0)
            return &e->b[i];
    return NULL;
}

/* Every bound below j; *failures counts those that are unknown or differ. */
static void walk(const cJSON *j, const char *where, struct expect *e, size_t *failures)
{
    size_t i = 0;
    for (const cJSON *it = j->child; it; it = it->next, i++) {
        char *key = it->string ? xstrdup(it->string) : xasprintf("%zu", i);
        char *text = it->string ? bound_text(it->string, it) : NULL;
        if (text) {
            struct bound *b = find(e, where, key);
            if (!b)
                print_message("schema %s %s = %s: not a bound this test knows (add it to the "
                              "limits table and to expected_bounds)\n",
                              where, key, text);
            else if (strcmp(b->want, text) != 0)
                print_message("schema %s %s = %s, but the table says %s\n", where, key, text,
                              b->want);
            *failures += !b || strcmp(b->want, text) != 0;
            if (b)
                b->seen = true;
            free(text);
        }
        if (cJSON_IsObject(it) || cJSON_IsArray(it)) {
            char *sub = where[0] ? xasprintf("%s/%s", where, key) : xstrdup(key);
            walk(it, sub, e, failures);
            free(sub);
        }
        free(key);
    }
}

static void free_expect(struct expect *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->b[i].where);
        free(e->b[i].want);
    }
    free(e->b);
}

static cJSON *load_schema(void)
{
    const char *root = getenv("SMR_SOURCE_ROOT");
    assert_non_null(root);
    char *path = xasprintf("%s/routines/schema.json", root);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    struct strbuf sb = {0};
    char buf[4096];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf - 1, f)) > 0) {
        buf[got] = '\0';
        strbuf_append(&sb, buf);
    }
    fclose(f);
    cJSON *schema = cJSON_Parse(sb.data);
    if (!schema)
        fail_msg("%s is not valid JSON", path);
    strbuf_free(&sb);
    free(path);
    return schema;
}

static void test_schema_bounds(void **state)
{
    (void)state;
    cJSON *schema = load_schema();
    struct expect e = {0};
    expected_bounds(&e);
    size_t failures = 0;
    walk(schema, "", &e, &failures);
    for (size_t i = 0; i < e.n; i++) {
        if (!e.b[i].seen) {
            print_message("schema %s has no %s (the table says %s)\n", e.b[i].where, e.b[i].keyword,
                          e.b[i].want);
            failures++;
        }
    }
    free_expect(&e);
    cJSON_Delete(schema);
    assert_int_equal(failures, 0);
}

/* The object at a path of keys such as "$defs/strip/properties/move_cm". */
static const cJSON *at(const cJSON *j, const char *where)
{
    char *copy = xstrdup(where);
    for (char *k = strtok(copy, "/"); k && j; k = strtok(NULL, "/"))
        j = cJSON_GetObjectItemCaseSensitive(j, k);
    free(copy);
    return j;
}

static void test_schema_descriptions(void **state)
{
    (void)state;
    cJSON *schema = load_schema();
    struct expect e = {0};
    expected_descriptions(&e);
    size_t failures = 0;
    for (size_t i = 0; i < e.n; i++) {
        const cJSON *desc =
            cJSON_GetObjectItemCaseSensitive(at(schema, e.b[i].where), "description");
        if (!cJSON_IsString(desc) || !strstr(desc->valuestring, e.b[i].want)) {
            print_message("schema %s description lacks \"%s\"\n", e.b[i].where, e.b[i].want);
            failures++;
        }
    }
    free_expect(&e);
    cJSON_Delete(schema);
    assert_int_equal(failures, 0);
}

/* A default the schema states is the one the program uses. */
static void test_schema_defaults(void **state)
{
    (void)state;
    cJSON *schema = load_schema();
    const struct {
        const char *where;
        double want;
    } defaults[] = {
        {"properties/transitions/properties/strip_s", ROUTINE_STRIP_CHANGE_DEFAULT_S},
        {"properties/transitions/properties/side_s", ROUTINE_SIDE_CHANGE_DEFAULT_S},
        {"$defs/strip/properties/passes", 1},
        {"$defs/phase/properties/countdown", 0},
    };
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        const cJSON *j = cJSON_GetObjectItemCaseSensitive(at(schema, defaults[i].where), "default");
        if (!cJSON_IsNumber(j) || j->valuedouble != defaults[i].want)
            fail_msg("schema %s: default should be %g", defaults[i].where, defaults[i].want);
    }
    cJSON_Delete(schema);
}

/* The diagram enum names the table's diagrams, in its order, and each has
 * its if/then in allOf. */
static void test_schema_diagrams(void **state)
{
    (void)state;
    cJSON *schema = load_schema();
    const cJSON *en = cJSON_GetObjectItemCaseSensitive(at(schema, "properties/diagram"), "enum");
    const cJSON *all = cJSON_GetObjectItemCaseSensitive(schema, "allOf");
    assert_true(cJSON_IsArray(en) && cJSON_IsArray(all));
    size_t n = 0;
    for (const cJSON *it = en->child; it; it = it->next, n++) {
        const struct diagram *d = diagram_at(n);
        assert_non_null(d);
        assert_string_equal(it->valuestring, d->name);
        const cJSON *branch = cJSON_GetArrayItem(all, (int)n);
        const cJSON *c = at(branch, "if/properties/diagram/const");
        assert_true(cJSON_IsString(c));
        assert_string_equal(c->valuestring, d->name);
        char *ref = xasprintf("#/$defs/strip-%s", d->name);
        const cJSON *r = at(branch, "then/properties/strips/items/$ref");
        assert_true(cJSON_IsString(r));
        assert_string_equal(r->valuestring, ref);
        free(ref);
    }
    assert_null(diagram_at(n));
    assert_int_equal(cJSON_GetArraySize(all), (int)n);
    cJSON_Delete(schema);
}

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < LIMIT_COUNT; i++) {
        const struct limit *l = &limit_table[i];
        if (!l->name || !l->unit)
            fail_msg("limit_table[%zu] has no name or unit (a gap in the table?)", i);
        assert_true(l->min <= l->max);
        assert_ptr_equal(limit_find(l->name), l);
    }
    assert_null(limit_find("no-such-limit"));
    /* The compile-time entries are the table's. */
    assert_true(lim(LIMIT_FILE_BYTES)->max == ROUTINE_MAX_FILE_BYTES);
    assert_true(lim(LIMIT_STRING_BYTES)->max == ROUTINE_MAX_STRING_BYTES);
    assert_true(lim(LIMIT_POSITIONS)->max == ROUTINE_MAX_POSITIONS);
    /* A usual range lies inside its hard one. */
    const enum limit_id pairs[][2] = {{LIMIT_HOLD_USUAL_S, LIMIT_HOLD_S},
                                      {LIMIT_MOVE_USUAL_CM, LIMIT_MOVE_CM},
                                      {LIMIT_PASSES_USUAL, LIMIT_PASSES},
                                      {LIMIT_LINE_PASSES_USUAL, LIMIT_LINE_PASSES}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        assert_true(lim(pairs[i][0])->min >= lim(pairs[i][1])->min);
        assert_true(lim(pairs[i][0])->max <= lim(pairs[i][1])->max);
    }
    /* Hints made of the parts. */
    char buf[96];
    assert_string_equal(limit_range(lim(LIMIT_HOLD_USUAL_S), buf, sizeof buf), "10-12 s");
    assert_string_equal(limit_advice(lim(LIMIT_HOLD_USUAL_S), buf, sizeof buf), "hold for 10-12 s");
    assert_string_equal(limit_usual(lim(LIMIT_HOLD_USUAL_S), buf, sizeof buf),
                        "10-12 s is the usual hold");
    assert_string_equal(limit_advice(lim(LIMIT_MOVE_USUAL_CM), buf, sizeof buf),
                        "move the ball 5-10 cm each time");
    assert_string_equal(limit_usual(lim(LIMIT_MOVE_USUAL_CM), buf, sizeof buf),
                        "5-10 cm is the usual move");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_bounds),
        cmocka_unit_test(test_schema_descriptions),
        cmocka_unit_test(test_schema_defaults),
        cmocka_unit_test(test_schema_diagrams),
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
