/* test_routine.c - the routine loader and validator, table-driven: each row
 * changes one thing in a valid base routine (or gives a whole text) and names
 * the one error (or warning) it must produce, by JSON path and a piece of the
 * message. Rows check that nothing else is reported, so they also catch one
 * mistake turning into several lines. Then the model itself, the bundled
 * routines, special paths and the limits that need big inputs. Where the
 * ball may go on each diagram is test_zones.c. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "routine/parse_private.h"
#include "routine/routine.h"
#include "routine/timeline.h"
#include "util/util.h"

static const char base[] =
    "{\n"
    "  \"$schema\": \"./schema.json\",\n"
    "  \"format\": \"smr-routine/1\", \"id\": \"base\", \"title\": \"Base\",\n"
    "  \"description\": \"A test routine.\", \"language\": \"en\", \"target\": \"hamstrings\",\n"
    "  \"diagram\": \"hamstrings-back\", \"sides\": [\"left\", \"right\"],\n"
    "  \"equipment\": [\"A ball\"], \"setup\": [\"Sit down.\"],\n"
    "  \"cycle\": [\n"
    "    {\"kind\": \"place\", \"title\": \"Settle\", \"instruction\": \"Rest.\", \"duration_s\": 6},\n"
    "    {\"kind\": \"stretch\", \"title\": \"Straighten\", \"instruction\": \"Go.\", "
    "\"duration_s\": 5},\n"
    "    {\"kind\": \"hold\", \"title\": \"Hold\", \"instruction\": \"Hold.\", \"duration_s\": 11, "
    "\"countdown\": 3},\n"
    "    {\"kind\": \"relax\", \"title\": \"Relax\", \"instruction\": \"Relax.\", \"duration_s\": 4},\n"
    "    {\"kind\": \"move\", \"title\": \"Move\", \"instruction\": \"Move.\", \"duration_s\": 6, "
    "\"countdown\": 3}\n"
    "  ],\n"
    "  \"strips\": [\n"
    "    {\"id\": \"outer\", \"label\": \"Outer\", \"muscles\": [\"biceps femoris\"], "
    "\"line\": \"outer\", \"start_cm\": 10, \"end_cm\": 31, \"move_cm\": 7, \"passes\": 1},\n"
    "    {\"id\": \"inner\", \"label\": \"Inner\", \"muscles\": [\"semimembranosus\"], "
    "\"line\": \"inner\", \"positions_cm\": [12, 19, 26]}\n"
    "  ],\n"
    "  \"checklist\": [\n"
    "    {\"id\": \"c1\", \"scope\": \"global\", \"question\": \"Cramp?\"},\n"
    "    {\"id\": \"c2\", \"scope\": \"local\", \"question\": \"Tattoo?\", "
    "\"area\": \"back of the thigh\"}\n"
    "  ],\n"
    "  \"therapist_note\": \"Note.\", \"next\": [\"calves-spiky-ball\"]\n"
    "}\n";

#define X10 "xxxxxxxxxx"
#define X100 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10
#define X500 X100 X100 X100 X100 X100

/* The base's stretch and hold, and the two the other way round. */
#define STRETCH_THEN_HOLD                                                                          \
    "{\"kind\": \"stretch\", \"title\": \"Straighten\", \"instruction\": \"Go.\", "                  \
    "\"duration_s\": 5},\n"                                                                       \
    "    {\"kind\": \"hold\", \"title\": \"Hold\", \"instruction\": \"Hold.\", \"duration_s\": 11, "     \
    "\"countdown\": 3}"
#define HOLD_THEN_STRETCH                                                                          \
    "{\"kind\": \"hold\", \"title\": \"Hold\", \"instruction\": \"Hold.\", \"duration_s\": 11, "       \
    "\"countdown\": 3},\n"                                                                        \
    "    {\"kind\": \"stretch\", \"title\": \"Straighten\", \"instruction\": \"Go.\", "                \
    "\"duration_s\": 5}"

struct row {
    const char *find;    /* replaced once in base; NULL: `replace` is the whole text */
    const char *replace;
    enum diag_severity sev;
    const char *path;
    const char *fragment; /* in the formatted line */
};

#define E DIAG_ERROR
#define W DIAG_WARNING

static const struct row rows[] = {
    /* not JSON, with line and column */
    {"\"id\": \"base\",", "\"id\": \"base\"", E, "", "line 3, column 43: expected ',' or '}'"},
    {"\"Settle\",", "\"Settle\",,", E, "", "not valid JSON at line 8"},
    {"\"duration_s\": 6}", "\"duration_s\": NaN}", E, "", "NaN and Infinity"},
    {"\"duration_s\": 6}", "\"duration_s\": Infinity}", E, "", "NaN and Infinity"},
    {"\"duration_s\": 6}", "\"duration_s\": 6,}", E, "", "a comma before '}'"},
    {"\"Base\"", "'Base'", E, "", "double quotes"},
    {"\"Rest.\"", "\"Re\\qst.\"", E, "", "unknown escape"},
    {"\"Rest.\"", "\"Re\\ud800st.\"", E, "", "lone high surrogate"},
    {"\"Rest.\"", "\"Re\\udc00st.\"", E, "", "lone low surrogate"},
    {"\"duration_s\": 6}", "\"duration_s\": 06}", E, "", "leading zero"},
    {"\"duration_s\": 6}", "\"duration_s\": 6.00000000000000000000000000000000000000000000000000000000000000000000001}", E, "", "too many digits"},
    {"]\n}", "]\n} {}", E, "", "more text after"},
    {"]\n}", "]\n", E, "", "the file ends too early"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"] // more", E, "", "no comments"},
    {NULL, "", E, "", "the file is empty"},
    {NULL, " \n\t\r\n ", E, "", "the file is empty"},
    {NULL, "\xEF\xBB\xBF{}", E, "", "byte-order mark"},
    {NULL, "{\"a\": 1}\0", E, "", "NUL byte at line 1, column 9"}, /* see make_input */
    {NULL, "[1, 2]", E, "", "the top level is a list"},
    /* types */
    {"\"start_cm\": 10", "\"start_cm\": \"10\"", E, "strips[0].start_cm", "must be a number, not a string"},
    {"\"title\": \"Base\"", "\"title\": 7", E, "title", "must be a string, not a number"},
    {"\"sides\": [\"left\", \"right\"]", "\"sides\": \"left\"", E, "sides", "must be a list"},
    {"\"muscles\": [\"biceps femoris\"]", "\"muscles\": [true]", E, "strips[0].muscles[0]", "not true"},
    {"\"countdown\": 3}\n  ]", "\"countdown\": null}\n  ]", E, "cycle[4].countdown", "not null"},
    {"\"equipment\": [\"A ball\"]", "\"equipment\": {\"a\": \"A ball\"}", E, "equipment", "must be a list of strings, not an object"},
    {"{\"id\": \"c1\", \"scope\": \"global\", \"question\": \"Cramp?\"}", "\"c1\"", E, "checklist[0]", "must be an object, not a string"},
    {"\"passes\": 1", "\"passes\": 1.5", E, "strips[0].passes", "1.5 is not a whole number"},
    /* missing and unknown fields */
    {"\"title\": \"Base\",", "", E, "title", "missing required field"},
    {", \"move_cm\": 7", "", E, "strips[0].move_cm", "missing required field"},
    {"\"kind\": \"relax\", ", "", E, "cycle[3].kind", "missing required field"},
    {"\"therapist_note\"", "\"therapist_nte\"", E, "therapist_nte", "unknown field; did you mean \"therapist_note\"?"},
    {"\"move_cm\"", "\"mvoe_cm\"", E, "strips[0].mvoe_cm", "did you mean \"move_cm\"?"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"xyzzy\": 1", E, "xyzzy", "unknown field; known fields here: $schema"},
    {"\"Cramp?\"", "\"Cramp?\", \"weird key\": 1", E, "checklist[0][\"weird key\"]", "unknown field"},
    {"\"title\": \"Base\",", "\"title\": \"Base\", \"title\": \"Other\",", E, "title", "appears twice"},
    /* durations */
    {"\"duration_s\": 5}", "\"duration_s\": 0}", E, "cycle[1].duration_s", "0 s is not a duration"},
    {"\"duration_s\": 4}", "\"duration_s\": -4}", E, "cycle[3].duration_s", "-4 s is not a duration"},
    {"\"duration_s\": 6}", "\"duration_s\": 1e400}", E, "cycle[0].duration_s", "not a finite number"},
    {"\"duration_s\": 6}", "\"duration_s\": -1e400}", E, "cycle[0].duration_s", "not a finite number"},
    {"\"duration_s\": 6}", "\"duration_s\": 301}", E, "cycle[0].duration_s", "too long for one phase"},
    {"\"duration_s\": 6}", "\"duration_s\": 1e-300}", E, "cycle[0].duration_s", "1e-300 s is too short for a phase"},
    {"\"duration_s\": 11", "\"duration_s\": 4", E, "cycle[2].duration_s", "a hold of 4 s is outside 5-30 s"},
    {"\"duration_s\": 11", "\"duration_s\": 31", E, "cycle[2].duration_s", "a hold of 31 s is outside 5-30 s"},
    {"\"duration_s\": 11", "\"duration_s\": 0", E, "cycle[2].duration_s", "a hold of 0 s"},
    {"\"duration_s\": 11, \"countdown\": 3", "\"duration_s\": 11, \"countdown\": 12", E, "cycle[2].countdown", "counts down 12 s but the phase lasts 11 s"},
    {"\"duration_s\": 11, \"countdown\": 3", "\"duration_s\": 11, \"countdown\": -1", E, "cycle[2].countdown", "-1 is negative"},
    /* the cycle's shape */
    {"\"kind\": \"hold\"", "\"kind\": \"relax\"", E, "cycle", "has no hold phase"},
    {"\"kind\": \"stretch\"", "\"kind\": \"hold\"", E, "cycle[2].kind", "a second hold phase"},
    {"\"kind\": \"relax\"", "\"kind\": \"move\"", E, "cycle[3].kind", "the move phase must be the last"},
    {"\"kind\": \"hold\"", "\"kind\": \"hodl\"", E, "cycle[2].kind", "unknown phase kind \"hodl\"; did you mean \"hold\"?"},
    {"\"kind\": \"hold\"", "\"kind\": \"squeeze\"", E, "cycle[2].kind", "use place, stretch, hold, relax or move"},
    /* the hold keeps a stretch */
    {"\"kind\": \"stretch\"", "\"kind\": \"place\"", E, "cycle", "has no stretch phase; add a phase with \"kind\": \"stretch\" right before the hold"},
    {STRETCH_THEN_HOLD, HOLD_THEN_STRETCH, E, "cycle[1].kind", "the hold must come right after a stretch: the stretch is what is held; put the stretch right before it, not a place"},
    {"\"duration_s\": 5}", "\"duration_s\": 5},\n    {\"kind\": \"relax\", \"title\": \"R\", \"instruction\": \"R.\", \"duration_s\": 2}", E, "cycle[3].kind", "put the stretch right before it, not a relax"},
    /* ball positions */
    {"\"start_cm\": 10", "\"start_cm\": 4", E, "strips[0].start_cm", "4 cm is inside the no-go zone at the hollow behind the knee (0-8 cm); start at 10 cm or more"},
    {"\"start_cm\": 10", "\"start_cm\": 9", E, "strips[0].start_cm", "9 cm is too close to the no-go zone at the hollow behind the knee (0-8 cm); start at 10 cm or more (the ball covers 2 cm either side of its centre)"},
    {"\"end_cm\": 31", "\"end_cm\": 32", E, "strips[0].end_cm", "32 cm is too close to the edge of the working area (8-33 cm); end at 31 cm or less (the ball covers 2 cm either side of its centre)"},
    {"[12, 19, 26]", "[12, 19, 31.5]", E, "strips[1].positions_cm[2]", "keep the ball at 31 cm or less (the ball covers"},
    {"\"start_cm\": 10", "\"start_cm\": -2", E, "strips[0].start_cm", "below the knee crease"},
    {"\"end_cm\": 31", "\"end_cm\": 34", E, "strips[0].end_cm", "34 cm is above the working area (8-33 cm)"},
    {"\"start_cm\": 10, \"end_cm\": 31", "\"start_cm\": 20, \"end_cm\": 15", E, "strips[0].end_cm", "15 cm is below start_cm (20 cm); the ball moves from start_cm up toward the hip to end_cm"},
    {"[12, 19, 26]", "[5, 12, 19]", E, "strips[1].positions_cm[0]", "inside the no-go zone"},
    {"[12, 19, 26]", "[12, 19, 33.5]", E, "strips[1].positions_cm[2]", "above the working area"},
    {"[12, 19, 26]", "[12, 19, 15]", E, "strips[1].positions_cm[2]", "not above the previous position"},
    {"[12, 19, 26]", "[12, 14, 21]", E, "strips[1].positions_cm[1]", "2 cm from the previous position is outside 3-15 cm"},
    {"[12, 19, 26]", "[]", E, "strips[1].positions_cm", "has 0 positions"},
    {"\"positions_cm\"", "\"move_cm\": 7, \"positions_cm\"", E, "strips[1]", "both positions_cm and"},
    {"\"move_cm\": 7", "\"move_cm\": 2", E, "strips[0].move_cm", "a move of 2 cm is outside 3-15 cm"},
    {"\"move_cm\": 7", "\"move_cm\": 16", E, "strips[0].move_cm", "a move of 16 cm is outside 3-15 cm"},
    {"\"passes\": 1", "\"passes\": 3", E, "strips[0].passes", "3 passes is more than 2"},
    {"\"passes\": 1", "\"passes\": 0", E, "strips[0].passes", "0 passes"},
    {"\"line\": \"outer\"", "\"line\": \"outter\"", E, "strips[0].line", "did you mean \"outer\"?"},
    {"\"line\": \"outer\"", "\"line\": \"lateral\"", E, "strips[0].line", "use outer, middle or inner"},
    /* a line at most twice a session, over all its strips */
    {"\"line\": \"inner\", \"positions_cm\"", "\"line\": \"outer\", \"positions_cm\"", W, "strips[1].line", "warning: the outer line is worked 2 times a session (strips[0] works it too); once a session is usually enough for a line"},
    {"\"passes\": 1},\n    {\"id\": \"inner\", \"label\": \"Inner\", \"muscles\": [\"semimembranosus\"], \"line\": \"inner\"",
     "\"passes\": 2},\n    {\"id\": \"inner\", \"label\": \"Inner\", \"muscles\": [\"semimembranosus\"], \"line\": \"outer\"",
     E, "strips[1].line", "the outer line is worked 3 times a session (strips[0] works it too); work a line at most 2 times a session: more overworks the tissue"},
    /* ids */
    {"\"id\": \"inner\"", "\"id\": \"outer\"", E, "strips[1].id", "duplicate id \"outer\"; strips[0] has it already"},
    {"\"id\": \"c2\"", "\"id\": \"c1\"", E, "checklist[1].id", "duplicate id \"c1\""},
    {"\"id\": \"base\"", "\"id\": \"Base Routine\"", E, "id", "\"Base Routine\" is not a valid id"},
    /* strings */
    {"\"title\": \"Base\"", "\"title\": \"" X500 "y\"", E, "title", "is 501 bytes long; keep it to 500 bytes"},
    {"\"title\": \"Base\"", "\"title\": \"Ba\xff" "se\"", E, "title", "is not valid UTF-8"},
    {"\"title\": \"Base\"", "\"title\": \"Ba\xc0\xafse\"", E, "title", "is not valid UTF-8"},
    {"\"title\": \"Base\"", "\"title\": \"Ba\\u0000se\"", E, "title", "escaped NUL"},
    {"\"Cramp?\"", "\"Cra\\u0000mp?\"", E, "checklist[0].question", "escaped NUL"},
    {"\"title\": \"Base\"", "\"title\": \"Ba\\u001bse\"", E, "title", "control character (U+001B)"},
    {"\"title\": \"Base\"", "\"title\": \"  \"", E, "title", "is empty"},
    {"\"equipment\": [\"A ball\"]", "\"equipment\": []", E, "equipment", "has 0 items"},
    {"\"language\": \"en\"", "\"language\": \"english!\"", E, "language", "not a language tag"},
    /* diagram, format, sides, checklist */
    {"\"hamstrings-back\"", "\"quads-front\"", E, "diagram", "unknown diagram \"quads-front\"; known diagrams: hamstrings-back, quadriceps-front, calves-back"},
    {"\"smr-routine/1\"", "\"smr-routine/2\"", E, "format", "unknown format version \"smr-routine/2\""},
    {"\"smr-routine/1\"", "\"recipe\"", E, "format", "\"recipe\" is not a routine format"},
    {"\"format\": \"smr-routine/1\", ", "", E, "format", "missing required field"},
    {"[\"left\", \"right\"]", "[\"left\", \"left\"]", E, "sides[1]", "\"left\" is there twice"},
    {"[\"left\", \"right\"]", "[\"up\"]", E, "sides[0]", "unknown side \"up\""},
    {"[\"left\", \"right\"]", "[]", E, "sides", "has 0 sides"},
    {", \"area\": \"back of the thigh\"", "", E, "checklist[1].area", "missing required field"},
    {"\"question\": \"Cramp?\"", "\"question\": \"Cramp?\", \"area\": \"knee\"", E, "checklist[0].area", "only local items"},
    {"\"scope\": \"global\"", "\"scope\": \"everywhere\"", E, "checklist[0].scope", "unknown scope"},
    /* next: routine ids (whether they exist is the library's test) */
    {"[\"calves-spiky-ball\"]", "[\"Calves\"]", E, "next[0]", "\"Calves\" is not a valid id"},
    {"[\"calves-spiky-ball\"]", "[\"calves-spiky-ball\", \"calves-spiky-ball\"]", E, "next[1]", "\"calves-spiky-ball\" is there twice"},
    {"[\"calves-spiky-ball\"]", "[\"base\"]", E, "next[0]", "\"base\" is this routine itself"},
    {"[\"calves-spiky-ball\"]", "\"calves-spiky-ball\"", E, "next", "must be a list of routine ids, not a string"},
    /* warnings: the file is accepted */
    {"\"duration_s\": 11", "\"duration_s\": 13", W, "cycle[2].duration_s", "warning: a hold of 13 s is outside 10-12 s"},
    {"\"duration_s\": 11", "\"duration_s\": 9", W, "cycle[2].duration_s", "warning: a hold of 9 s"},
    {"\"move_cm\": 7", "\"move_cm\": 4", W, "strips[0].move_cm", "warning: a move of 4 cm is outside 5-10 cm"},
    {"\"move_cm\": 7", "\"move_cm\": 11", W, "strips[0].move_cm", "warning: a move of 11 cm"},
    {"[12, 19, 26]", "[12, 16, 26]", W, "strips[1].positions_cm[1]", "warning: 4 cm from the previous position is outside 5-10 cm"},
    {"\"passes\": 1", "\"passes\": 2", W, "strips[0].passes", "warning: 2 passes"},
    /* 40:40 of phases and 0:40 of transitions (a strip change a side, a leg change) */
    {"\"duration_s\": 6}", "\"duration_s\": 150}", W, "", "warning: the session lasts 41:20, over 30 minutes"},
    /* transitions: durations like a phase's, in their own range */
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitions\": 10", E, "transitions", "must be an object, not a number"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitions\": {\"strip_s\": \"10\"}", E, "transitions.strip_s", "must be a number, not a string"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitions\": {\"strip_s\": 0}", E, "transitions.strip_s", "0 s is not a duration; give the time to change strip in seconds, such as 10"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitions\": {\"side_s\": -5}", E, "transitions.side_s", "-5 s is not a duration; give the time to change legs in seconds, such as 20"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitions\": {\"strip_s\": 2.5}", E, "transitions.strip_s", "2.5 s is too short to change strip; give it at least 3 s"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitions\": {\"side_s\": 1}", E, "transitions.side_s", "1 s is too short to change legs; give it at least 3 s"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitions\": {\"strip_s\": 61}", E, "transitions.strip_s", "61 s is too long to change strip; keep it to 60 s or less"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitions\": {\"side_s\": 90}", E, "transitions.side_s", "90 s is too long to change legs; keep it to 60 s or less"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitions\": {\"side_s\": 1e400}", E, "transitions.side_s", "not a finite number"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitions\": {\"stirp_s\": 10}", E, "transitions.stirp_s", "unknown field; did you mean \"strip_s\"?"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitions\": {\"leg_s\": 10}", E, "transitions.leg_s", "unknown field; known fields here: strip_s, side_s"},
    {"\"next\": [\"calves-spiky-ball\"]", "\"next\": [\"calves-spiky-ball\"], \"transitoins\": {}", E, "transitoins", "did you mean \"transitions\"?"},
};

/* base with rows[i]'s change applied; *len is its length. */
static char *make_input(const struct row *r, size_t *len)
{
    if (!r->find) {
        /* The NUL-byte row spells its length through the literal's last char. */
        size_t n = strlen(r->replace);
        if (strstr(r->fragment, "NUL byte"))
            n += 2;
        *len = n;
        char *s = xmalloc(n + 1);
        memcpy(s, r->replace, n);
        s[n] = '\0';
        return s;
    }
    const char *at = strstr(base, r->find);
    if (!at)
        fail_msg("row's find text not in base: %s", r->find);
    size_t pre = (size_t)(at - base), fl = strlen(r->find), rl = strlen(r->replace);
    size_t n = sizeof base - 1 - fl + rl;
    char *s = xmalloc(n + 1);
    memcpy(s, base, pre);
    memcpy(s + pre, r->replace, rl);
    memcpy(s + pre + rl, at + fl, sizeof base - 1 - pre - fl + 1);
    *len = n;
    return s;
}

static void print_diags(const struct diag_list *d)
{
    for (size_t i = 0; i < d->n; i++) {
        char *line = diag_format("t.json", &d->items[i]);
        print_message("  got: %s\n", line);
        free(line);
    }
}

static void test_rows(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        size_t len;
        char *in = make_input(r, &len);
        struct diag_list d = {0};
        struct routine *rt = NULL;
        bool ok = routine_create_from_buffer("t.json", in, len, &rt, &d);
        /* Exactly one diag of the row's severity, and it is the expected one;
         * an error row must refuse the file, a warning row must accept it. */
        size_t same = diag_count(&d, r->sev);
        bool good = same == 1 && ok == (r->sev == DIAG_WARNING) && (rt != NULL) == ok;
        if (r->sev == DIAG_WARNING)
            good = good && diag_count(&d, DIAG_ERROR) == 0;
        bool found = false;
        for (size_t k = 0; k < d.n; k++) {
            char *line = diag_format("t.json", &d.items[k]);
            if (d.items[k].severity == r->sev && strcmp(d.items[k].path, r->path) == 0 &&
                strstr(line, r->fragment))
                found = true;
            free(line);
        }
        if (!good || !found) {
            print_message("row %zu (%s -> %s): want %s at '%s' with '%s'\n", i,
                          r->find ? r->find : "(whole)", r->replace,
                          r->sev == DIAG_ERROR ? "one error" : "one warning", r->path,
                          r->fragment);
            print_diags(&d);
            failures++;
        }
        routine_destroy(rt);
        diag_list_finish(&d);
        free(in);
    }
    assert_int_equal(failures, 0);
}

static struct routine *load_ok(const char *text, size_t len, struct diag_list *d)
{
    struct routine *r = NULL;
    bool ok = routine_create_from_buffer("t.json", text, len, &r, d);
    if (!ok)
        print_diags(d);
    assert_true(ok);
    assert_non_null(r);
    return r;
}

static void test_base_model(void **state)
{
    (void)state;
    struct diag_list d = {0};
    struct routine *r = load_ok(base, sizeof base - 1, &d);
    assert_int_equal(d.n, 0);
    assert_string_equal(r->file, "t.json");
    assert_string_equal(r->id, "base");
    assert_string_equal(r->language, "en");
    assert_non_null(r->diagram);
    assert_string_equal(r->diagram->name, "hamstrings-back");
    assert_int_equal(r->n_sides, 2);
    assert_int_equal(r->sides[0], ROUTINE_SIDE_LEFT);
    assert_int_equal(r->sides[1], ROUTINE_SIDE_RIGHT);
    assert_int_equal(r->n_equipment, 1);
    assert_string_equal(r->setup[0], "Sit down.");
    assert_int_equal(r->n_phases, 5);
    assert_int_equal(r->phases[2].kind, PHASE_HOLD);
    assert_int_equal(r->phases[2].duration_ms, 11000);
    assert_int_equal(r->phases[2].countdown, 3);
    assert_int_equal(r->phases[0].countdown, 0);
    assert_string_equal(r->phases[4].instruction, "Move.");
    assert_int_equal(r->n_strips, 2);
    const struct routine_strip *s = &r->strips[0];
    assert_string_equal(s->line->id, "outer");
    assert_int_equal(s->n_positions, 4);
    double want0[] = {10, 17, 24, 31};
    for (size_t i = 0; i < 4; i++)
        assert_true(s->positions_cm[i] == want0[i]);
    assert_true(s->move_cm == 7);
    s = &r->strips[1];
    assert_string_equal(s->muscles[0], "semimembranosus");
    assert_int_equal(s->n_positions, 3);
    assert_true(s->move_cm == 0 && s->start_cm == 12 && s->end_cm == 26);
    assert_int_equal(s->passes, 1);
    assert_int_equal(r->n_checks, 2);
    assert_int_equal(r->checks[0].scope, CHECK_SCOPE_GLOBAL);
    assert_null(r->checks[0].area);
    assert_int_equal(r->checks[1].scope, CHECK_SCOPE_LOCAL);
    assert_string_equal(r->checks[1].area, "back of the thigh");
    assert_string_equal(r->therapist_note, "Note.");
    assert_int_equal(r->n_next, 1);
    /* (4 + 3) positions a side, 2 sides; 32 s a cycle, no move after a pass's
     * last; a change of strip on each side and one of legs, at the defaults */
    assert_int_equal(r->transitions.strip_ms, 10000);
    assert_int_equal(r->transitions.side_ms, 20000);
    assert_int_equal(routine_total_positions(r), 14);
    assert_int_equal(routine_total_ms(r), (2 * (4 * 32 - 6 + 3 * 32 - 6) + 2 * 10 + 20) * 1000);
    assert_string_equal(phase_kind_name(PHASE_STRETCH), "stretch");
    assert_string_equal(routine_side_name(ROUTINE_SIDE_RIGHT), "right");
    routine_destroy(r);
    diag_list_finish(&d);
}

/* 11.4 -> 16.4 is a 5 cm move (not 4.999999999999998): no warning. */
static void test_cm_tolerance(void **state)
{
    (void)state;
    const char *at = strstr(base, "[12, 19, 26]");
    assert_non_null(at);
    char *text = xasprintf("%.*s[11.4, 16.4, 21.4]%s", (int)(at - base), base, at + 12);
    struct diag_list d = {0};
    struct routine *r = load_ok(text, strlen(text), &d);
    if (d.n)
        print_diags(&d);
    assert_int_equal(d.n, 0);
    routine_destroy(r);
    diag_list_finish(&d);
    free(text);
    /* a range whose last position is a sum of decimals keeps it */
    at = strstr(base, "\"start_cm\": 10, \"end_cm\": 31, \"move_cm\": 7");
    assert_non_null(at);
    text = xasprintf("%.*s\"start_cm\": 10.1, \"end_cm\": 30.5, \"move_cm\": 5.1%s", (int)(at - base),
                     base, at + strlen("\"start_cm\": 10, \"end_cm\": 31, \"move_cm\": 7"));
    r = load_ok(text, strlen(text), &d);
    assert_int_equal(d.n, 0);
    assert_int_equal(r->strips[0].n_positions, 5); /* 10.1, 15.2, 20.3, 25.4, 30.5 */
    routine_destroy(r);
    diag_list_finish(&d);
    free(text);
}

/* Optional fields may be left out; passes defaults to 1. */
static void test_optional_fields(void **state)
{
    (void)state;
    static const char text[] =
        "{\"format\": \"smr-routine/1\", \"id\": \"min\", \"title\": \"T\", \"description\": \"D\","
        " \"language\": \"de-CH\", \"target\": \"hamstrings\", \"diagram\": \"hamstrings-back\","
        " \"sides\": [\"right\"], \"equipment\": [\"Ball\"], \"setup\": [\"Sit.\"],"
        " \"cycle\": [{\"kind\": \"stretch\", \"title\": \"S\", \"instruction\": \"S.\","
        " \"duration_s\": 4}, {\"kind\": \"hold\", \"title\": \"H\", \"instruction\": \"I.\","
        " \"duration_s\": 10.5}],"
        " \"strips\": [{\"id\": \"m\", \"label\": \"M\", \"muscles\": [\"x\"], \"line\": \"middle\","
        " \"start_cm\": 10, \"end_cm\": 31, \"move_cm\": 5}]}";
    struct diag_list d = {0};
    struct routine *r = load_ok(text, sizeof text - 1, &d);
    assert_int_equal(d.n, 0);
    assert_int_equal(r->n_sides, 1);
    assert_int_equal(r->sides[0], ROUTINE_SIDE_RIGHT);
    assert_int_equal(r->strips[0].passes, 1);
    assert_int_equal(r->strips[0].n_positions, 5); /* 10, 15, ..., 30 */
    assert_true(r->strips[0].positions_cm[4] == 30);
    assert_int_equal(r->phases[1].duration_ms, 10500);
    assert_null(r->therapist_note);
    assert_int_equal(r->n_checks, 0);
    assert_int_equal(r->n_next, 0);
    assert_int_equal(routine_total_ms(r), 5 * 14500);
    routine_destroy(r);
    diag_list_finish(&d);
}

/* "transitions" given: seconds into ms, fractions too, and in the length. */
static void test_transitions_given(void **state)
{
    (void)state;
    const char *at = strstr(base, "\"next\"");
    char *text = xasprintf("%.*s\"transitions\": {\"strip_s\": 7.5, \"side_s\": 30}, %s",
                           (int)(at - base), base, at);
    struct diag_list d = {0};
    struct routine *r = load_ok(text, strlen(text), &d);
    assert_int_equal(d.n, 0);
    assert_int_equal(r->transitions.strip_ms, 7500);
    assert_int_equal(r->transitions.side_ms, 30000);
    /* as in test_base_model, with these two */
    assert_int_equal(routine_total_ms(r), 2 * (4 * 32 - 6 + 3 * 32 - 6) * 1000 + 2 * 7500 + 30000);
    routine_destroy(r);
    diag_list_finish(&d);
    free(text);
}

/* The example: three mistakes, three lines, nothing else. */
static void test_three_mistakes(void **state)
{
    (void)state;
    struct row changes[] = {
        {"\"start_cm\": 10", "\"start_cm\": 4", E, NULL, NULL},
        {"\"duration_s\": 11", "\"duration_s\": 0", E, NULL, NULL},
        {"\"move_cm\"", "\"mvoe_cm\"", E, NULL, NULL},
    };
    size_t len;
    char *text = xstrdup(base);
    for (size_t i = 0; i < 3; i++) {
        const char *at = strstr(text, changes[i].find);
        assert_non_null(at);
        char *next = xasprintf("%.*s%s%s", (int)(at - text), text, changes[i].replace,
                               at + strlen(changes[i].find));
        free(text);
        text = next;
    }
    len = strlen(text);
    struct diag_list d = {0};
    struct routine *r = NULL;
    assert_false(routine_create_from_buffer("client.json", text, len, &r, &d));
    assert_null(r);
    const char *want[] = {
        "client.json: cycle[2].duration_s: a hold of 0 s is outside 5-30 s; hold for 10-12 s",
        "client.json: strips[0].mvoe_cm: unknown field; did you mean \"move_cm\"?",
        ("client.json: strips[0].start_cm: 4 cm is inside the no-go zone at the hollow behind the "
         "knee (0-8 cm); start at 10 cm or more"),
    };
    if (d.n != 3)
        print_diags(&d);
    assert_int_equal(d.n, 3);
    for (size_t i = 0; i < 3; i++) {
        char *line = diag_format("client.json", &d.items[i]);
        assert_string_equal(line, want[i]);
        free(line);
    }
    diag_list_finish(&d);
    free(text);
}

/* strips x positions x passes x sides over the limit: one error. */
static void test_too_many_positions(void **state)
{
    (void)state;
    struct strbuf sb = {0};
    const char *at = strstr(base, "\"strips\": [");
    strbuf_appendf(&sb, "%.*s\"strips\": [", (int)(at - base), base);
    /* 8 positions x 2 passes x 2 sides = 32 a strip; 7 strips = 224. (Far
     * more than a line may be worked: the total says it, alone.) */
    for (int i = 0; i < 7; i++)
        strbuf_appendf(&sb,
                       "%s{\"id\": \"s%d\", \"label\": \"S\", \"muscles\": [\"m\"], \"line\": "
                       "\"middle\", \"positions_cm\": [10, 13, 16, 19, 22, 25, 28, 31], "
                       "\"passes\": 2}",
                       i ? ", " : "", i);
    strbuf_append(&sb, "]}");
    struct diag_list d = {0};
    struct routine *r = NULL;
    assert_false(routine_create_from_buffer("t.json", sb.data, sb.len, &r, &d));
    assert_int_equal(diag_count(&d, DIAG_ERROR), 1);
    size_t k = 0;
    while (d.items[k].severity != DIAG_ERROR)
        k++;
    assert_string_equal(d.items[k].path, "strips");
    assert_non_null(strstr(d.items[k].message, "224 ball positions in all"));
    diag_list_finish(&d);
    strbuf_free(&sb);
}

static void expect_one_error(const char *text, size_t len, const char *fragment)
{
    struct diag_list d = {0};
    struct routine *r = NULL;
    assert_false(routine_create_from_buffer("t.json", text, len, &r, &d));
    assert_null(r);
    if (d.n != 1)
        print_diags(&d);
    assert_int_equal(d.n, 1);
    char *line = diag_format("t.json", &d.items[0]);
    if (!strstr(line, fragment))
        fail_msg("'%s' lacks '%s'", line, fragment);
    free(line);
    diag_list_finish(&d);
}

static void test_big_inputs(void **state)
{
    (void)state;
    /* over 1 MiB: refused before parsing, even if it were valid */
    size_t n = ROUTINE_MAX_FILE_BYTES + 1;
    char *big = xmalloc(n);
    memset(big, ' ', n);
    memcpy(big, base, sizeof base - 1);
    expect_one_error(big, n, "the file is 1048577 bytes long; a routine file is at most 1 MiB");
    /* exactly 1 MiB is allowed */
    struct diag_list d = {0};
    struct routine *r = NULL;
    assert_true(routine_create_from_buffer("t.json", big, n - 1, &r, &d));
    routine_destroy(r);
    diag_list_finish(&d);
    /* deep nesting: refused at the 33rd level */
    memset(big, '[', 100000);
    expect_one_error(big, 100000, "line 1, column 33: nested more than 32 levels deep");
    /* many problems: the list stops growing */
    struct strbuf sb = {0};
    strbuf_append(&sb, "{\"cycle\": [");
    for (int i = 0; i < 12; i++)
        strbuf_appendf(&sb, "%s{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"f\": 6}",
                       i ? "," : "");
    strbuf_append(&sb, "]}");
    assert_false(routine_create_from_buffer("t.json", sb.data, sb.len, &r, &d));
    assert_int_equal(d.n, 101);
    /* 72 unknown fields, each phase lacking its kind, title, instruction and
     * duration (48), the top level its 11 other required fields */
    assert_string_equal(d.items[100].message, "131 problems in all, only the first 100 are listed");
    assert_int_equal(d.items[100].severity, DIAG_ERROR);
    diag_list_finish(&d);
    strbuf_free(&sb);
    free(big);
}

/* The cap on listed problems: the closing line comes only when more were
 * found than listed, counts them all, and is a warning when they all are
 * (such a file still loads: "check" must not say "fix these first"). */
static void test_problem_cap(void **state)
{
    (void)state;
    static const struct {
        size_t warnings, errors, lines;
        const char *last;
        enum diag_severity severity;
    } cap_rows[] = {
        {100, 0, 100, "warning 99", DIAG_WARNING},
        {101, 0, 101, "101 problems in all, only the first 100 are listed", DIAG_WARNING},
        {150, 0, 101, "150 problems in all, only the first 100 are listed", DIAG_WARNING},
        {120, 1, 101, "121 problems in all, only the first 100 are listed", DIAG_ERROR},
        {0, 100, 100, "error 99", DIAG_ERROR},
    };
    for (size_t i = 0; i < sizeof cap_rows / sizeof cap_rows[0]; i++) {
        struct diag_list d = {0};
        struct parse_ctx c = {.diags = &d};
        for (size_t k = 0; k < cap_rows[i].warnings; k++)
            parse_report(&c, DIAG_WARNING, "", NULL, "warning %zu", k);
        for (size_t k = 0; k < cap_rows[i].errors; k++)
            parse_report(&c, DIAG_ERROR, "", NULL, "error %zu", k);
        parse_ctx_finish(&c);
        print_message("%zu warnings, %zu errors\n", cap_rows[i].warnings, cap_rows[i].errors);
        assert_int_equal(d.n, cap_rows[i].lines);
        assert_string_equal(d.items[d.n - 1].message, cap_rows[i].last);
        assert_int_equal(d.items[d.n - 1].severity, cap_rows[i].severity);
        assert_int_equal(c.n_errors, cap_rows[i].errors);
        diag_list_finish(&d);
    }
}

static void expect_load_error(const char *path, const char *fragment)
{
    struct diag_list d = {0};
    struct routine *r = NULL;
    assert_false(routine_create_from_file(path, &r, &d));
    assert_null(r);
    assert_int_equal(d.n, 1);
    char *line = diag_format(path, &d.items[0]);
    if (!strstr(line, fragment))
        fail_msg("'%s' lacks '%s'", line, fragment);
    free(line);
    diag_list_finish(&d);
}

/* Never blocks on a FIFO, never reads a device. */
static void test_special_paths(void **state)
{
    (void)state;
    char dir[] = "/tmp/smr-routine-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *fifo = xasprintf("%s/fifo", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    expect_load_error(fifo, "it is a FIFO");
    expect_load_error(dir, "it is a directory");
    expect_load_error("/dev/zero", "it is a device");
    char *missing = xasprintf("%s/missing.json", dir);
    expect_load_error(missing, "cannot open it: No such file or directory; check the path");
    char *bigf = xasprintf("%s/big.json", dir);
    int fd = open(bigf, O_WRONLY | O_CREAT, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 2 * ROUTINE_MAX_FILE_BYTES), 0);
    close(fd);
    expect_load_error(bigf, "the file is 2097152 bytes long");
    unlink(bigf);
    unlink(fifo);
    rmdir(dir);
    free(bigf);
    free(missing);
    free(fifo);
}

/* The bundled routines: valid with no warning, each position allowed and
 * usual, the hold usual, and the two programs chained hamstrings ->
 * quadriceps -> calves. */
static const struct bundled {
    const char *id, *diagram, *next;
} bundled[] = {
    {"hamstrings-spiky-ball", "hamstrings-back", "quadriceps-spiky-ball"},
    {"quadriceps-spiky-ball", "quadriceps-front", "calves-spiky-ball"},
    {"calves-spiky-ball", "calves-back", NULL},
    {"hamstrings-post-run", "hamstrings-back", "quadriceps-post-run"},
    {"quadriceps-post-run", "quadriceps-front", "calves-post-run"},
    {"calves-post-run", "calves-back", NULL},
};

static void check_bundled(const struct bundled *b, const struct routine *r)
{
    assert_string_equal(r->id, b->id);
    assert_string_equal(r->diagram->name, b->diagram);
    assert_int_equal(r->n_sides, 2);
    assert_int_equal(r->n_strips, 3);
    for (size_t k = 0; k < r->n_strips; k++) {
        const struct routine_strip *s = &r->strips[k];
        double lo, hi;
        diagram_line_area(r->diagram, s->line, &lo, &hi);
        assert_true(s->positions_cm[0] >= lo + 2);
        assert_true(s->positions_cm[s->n_positions - 1] <= hi - 2);
        for (size_t p = 1; p < s->n_positions; p++) {
            double move = s->positions_cm[p] - s->positions_cm[p - 1];
            assert_true(move >= 5 && move <= 10);
        }
    }
    for (size_t k = 0; k < r->n_phases; k++)
        if (r->phases[k].kind == PHASE_HOLD)
            assert_true(r->phases[k].duration_ms >= 10000 && r->phases[k].duration_ms <= 12000);
    if (b->next) {
        assert_int_equal(r->n_next, 1);
        assert_string_equal(r->next[0], b->next);
    } else {
        assert_int_equal(r->n_next, 0);
    }
    if (strstr(b->id, "post-run")) /* under 4 minutes a leg, the change of legs aside */
        assert_true((routine_total_ms(r) - r->transitions.side_ms) / r->n_sides < 4 * 60 * 1000);
}

static void test_bundled_routines(void **state)
{
    (void)state;
    const char *root = getenv("SMR_SOURCE_ROOT");
    assert_non_null(root);
    for (size_t i = 0; i < sizeof bundled / sizeof bundled[0]; i++) {
        char *path = xasprintf("%s/routines/%s.json", root, bundled[i].id);
        struct diag_list d = {0};
        struct routine *r = NULL;
        bool ok = routine_create_from_file(path, &r, &d);
        print_diags(&d);
        assert_true(ok);
        assert_int_equal(d.n, 0);
        check_bundled(&bundled[i], r);
        routine_destroy(r);
        diag_list_finish(&d);
        free(path);
    }
}

static void test_free_null(void **state)
{
    (void)state;
    routine_destroy(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_base_model),
        cmocka_unit_test(test_optional_fields),
        cmocka_unit_test(test_transitions_given),
        cmocka_unit_test(test_cm_tolerance),
        cmocka_unit_test(test_three_mistakes),
        cmocka_unit_test(test_too_many_positions),
        cmocka_unit_test(test_big_inputs),
        cmocka_unit_test(test_problem_cap),
        cmocka_unit_test(test_special_paths),
        cmocka_unit_test(test_bundled_routines),
        cmocka_unit_test(test_free_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
