/* test_library.c - the routine library over the bundled folder and a user
 * folder made for each test: grouped by body area (bundled first), files
 * that do not load listed with their first error, an id taken twice and an
 * unknown next refused, ids resolved to files, "did you mean" for a typo,
 * and where the user folder is; the user's language first, then English,
 * the other languages and the translated English ones marked and last, and
 * the user's languages read as gettext reads them. */
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

#include "routine/library.h"
#include "util/util.h"

static char *bundled_dir(void)
{
    const char *root = getenv("SMR_SOURCE_ROOT");
    assert_non_null(root);
    return xasprintf("%s/routines", root);
}

/* A one-strip routine in `lang` on `diagram`, with `extra` fields added at the end. */
static char *routine_text_in(const char *lang, const char *id, const char *diagram,
                             const char *line, double cm, const char *extra)
{
    return xasprintf(
        "{\"format\": \"smr-routine/1\", \"id\": \"%s\", \"title\": \"Own %s\", \"description\": "
        "\"D\", \"language\": \"%s\", \"target\": \"t\", \"diagram\": \"%s\", \"sides\": [\"left\"],"
        " \"equipment\": [\"Ball\"], \"setup\": [\"Sit.\"], \"cycle\": [{\"kind\": \"stretch\","
        " \"title\": \"S\", \"instruction\": \"S.\", \"duration_s\": 4}, {\"kind\": \"hold\","
        " \"title\": \"H\", \"instruction\": \"H.\", \"duration_s\": 11}], \"strips\": [{\"id\": "
        "\"s\", \"label\": \"S\", \"muscles\": [\"m\"], \"line\": \"%s\", \"positions_cm\": [%g]}]%s}",
        id, id, lang, diagram, line, cm, extra ? extra : "");
}

static char *routine_text(const char *id, const char *diagram, const char *line, double cm,
                          const char *extra)
{
    return routine_text_in("en", id, diagram, line, cm, extra);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(path);
}

struct user {
    char dir[64];
};

static int make_user(void **state)
{
    struct user *u = calloc(1, sizeof *u);
    snprintf(u->dir, sizeof u->dir, "/tmp/smr-library-XXXXXX");
    if (!mkdtemp(u->dir))
        return -1;
    char *t;
    t = routine_text("my-calves", "calves-back", "outer", 12, ", \"next\": [\"hamstrings-post-run\"]");
    write_file(u->dir, "my-calves.json", t);
    free(t);
    t = routine_text("my-quads", "quadriceps-front", "middle", 20, NULL);
    write_file(u->dir, "a-quads.json", t);
    free(t);
    t = routine_text("broken", "hamstrings-back", "outer", 4, NULL); /* in the hollow */
    write_file(u->dir, "broken.json", t);
    free(t);
    t = routine_text("calves-spiky-ball", "calves-back", "outer", 12, NULL); /* a bundled id */
    write_file(u->dir, "copy.json", t);
    free(t);
    t = routine_text("lost", "calves-back", "outer", 12, ", \"next\": [\"quadriceps-spiky-bal\"]");
    write_file(u->dir, "lost.json", t);
    free(t);
    write_file(u->dir, "notes.txt", "not a routine\n");
    write_file(u->dir, "schema.json",
               "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\"}");
    *state = u;
    return 0;
}

static int remove_user(void **state)
{
    struct user *u = *state;
    const char *names[] = {"my-calves.json", "a-quads.json", "broken.json", "copy.json",
                           "lost.json",      "notes.txt",    "schema.json"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *p = xasprintf("%s/%s", u->dir, names[i]);
        unlink(p);
        free(p);
    }
    rmdir(u->dir);
    free(u);
    return 0;
}

static const struct library_entry *entry_by_path_end(const struct library *lib, const char *end)
{
    for (size_t i = 0; i < lib->n; i++) {
        size_t n = strlen(lib->entries[i].path), m = strlen(end);
        if (n >= m && strcmp(lib->entries[i].path + n - m, end) == 0)
            return &lib->entries[i];
    }
    fail_msg("no entry for %s", end);
    return NULL;
}

static void test_grouped_bundled_first(void **state)
{
    struct user *u = *state;
    char *b = bundled_dir();
    struct library lib;
    library_init(&lib, b, u->dir);
    /* 6 bundled in 4 languages + 5 of the user's (not the text file, not
     * the schema); the tests run in the C locale: English first, the
     * translations marked and after the rest */
    assert_int_equal(lib.n, 29);
    assert_string_equal(lib.language, "en");
    static const char *const want[] = {
        "hamstrings-post-run", "hamstrings-spiky-ball", "quadriceps-post-run",
        "quadriceps-spiky-ball", "my-quads", "calves-post-run", "calves-spiky-ball", "my-calves",
    };
    /* First the ones shown, grouped by area; then the files that do not
     * load; then the other languages, grouped by area again. */
    size_t shown = 0, i = 0;
    enum body_area a, last = BODY_AREA_BACK_OF_THIGH;
    for (; i < lib.n && lib.entries[i].routine && !lib.entries[i].other_language; i++) {
        const struct library_entry *e = &lib.entries[i];
        assert_true(library_entry_area(e, &a));
        assert_true(a >= last); /* grouped */
        last = a;
        assert_null(e->error);
        assert_true(shown < sizeof want / sizeof want[0]);
        assert_string_equal(e->id, want[shown]);
        assert_int_equal(e->bundled, strncmp(want[shown], "my-", 3) != 0);
        assert_int_equal(e->language_rank, LIBRARY_LANG_USER);
        shown++;
    }
    assert_int_equal(shown, sizeof want / sizeof want[0]);
    assert_int_equal(i, 8);
    size_t invalid = 0;
    for (; i < lib.n && !lib.entries[i].routine; i++, invalid++) {
        assert_non_null(lib.entries[i].error);
        assert_false(library_entry_area(&lib.entries[i], &a));
    }
    assert_int_equal(invalid, 3);
    last = BODY_AREA_BACK_OF_THIGH;
    size_t others = 0;
    for (; i < lib.n; i++, others++) {
        const struct library_entry *e = &lib.entries[i];
        assert_true(e->other_language);
        assert_true(e->bundled);
        assert_int_equal(e->language_rank, LIBRARY_LANG_OTHER);
        assert_true(library_entry_area(e, &a));
        assert_true(a >= last); /* grouped there too */
        last = a;
    }
    assert_int_equal(others, 18); /* the three translations of each of the six */
    assert_string_equal(lib.entries[11].id, "hamstrings-post-run-de");
    const struct library_entry *e = entry_by_path_end(&lib, "/broken.json");
    assert_string_equal(e->id, "broken");
    assert_string_equal(e->error, "strips[0].positions_cm[0]: 4 cm is inside the no-go zone at the "
                                  "hollow behind the knee (0-8 cm); start at 10 cm or more");
    e = entry_by_path_end(&lib, "/copy.json");
    assert_non_null(strstr(e->error, "\"calves-spiky-ball\" is the id of"));
    assert_non_null(strstr(e->error, "routines/calves-spiky-ball.json already"));
    e = entry_by_path_end(&lib, "/lost.json");
    assert_string_equal(e->error, "next[0]: no routine has the id \"quadriceps-spiky-bal\"; did "
                                  "you mean \"quadriceps-spiky-ball\"?");
    library_finish(&lib);
    library_finish(&lib); /* twice is fine */
    free(b);
}

static void test_find_and_resolve(void **state)
{
    struct user *u = *state;
    char *b = bundled_dir();
    struct library lib;
    library_init(&lib, b, u->dir);
    const struct library_entry *e = library_find(&lib, "my-calves");
    assert_non_null(e);
    assert_false(e->bundled);
    assert_null(library_find(&lib, "broken")); /* it does not load */
    assert_null(library_find(&lib, "nothing"));

    struct diag_list d = {0};
    char *p = library_resolve(&lib, "quadriceps-spiky-ball", &d);
    char *want = xasprintf("%s/quadriceps-spiky-ball.json", b);
    assert_string_equal(p, want);
    free(want);
    free(p);
    p = library_resolve(&lib, "my-quads", &d); /* by id, whatever the file's name */
    assert_non_null(strstr(p, "/a-quads.json"));
    free(p);
    p = library_resolve(&lib, "broken", &d); /* by name: loading it shows its errors */
    assert_non_null(strstr(p, "/broken.json"));
    free(p);
    p = library_resolve(&lib, "some/where.json", &d); /* a path stays a path */
    assert_string_equal(p, "some/where.json");
    free(p);
    p = library_resolve(&lib, "Not An Id", &d); /* and so does what cannot be an id */
    assert_string_equal(p, "Not An Id");
    free(p);
    assert_int_equal(d.n, 0);
    assert_null(library_resolve(&lib, "calves-spiky-bal", &d));
    assert_int_equal(d.n, 1);
    char *line = diag_format("calves-spiky-bal", &d.items[0]);
    assert_string_equal(line, "calves-spiky-bal: no routine has the id \"calves-spiky-bal\", and "
                              "there is no such file; did you mean \"calves-spiky-ball\"?");
    free(line);
    assert_null(library_resolve(&lib, "zzz", &d));
    assert_non_null(strstr(d.items[1].hint, "smr-timer list"));
    diag_list_finish(&d);

    library_set_last_done(&lib, "my-calves", 1700000000);
    assert_int_equal(library_find(&lib, "my-calves")->last_done, 1700000000);
    assert_int_equal(library_find(&lib, "my-quads")->last_done, 0);
    library_finish(&lib);
    free(b);
}

/* next names routines of the library; the bundled ones all do. */
static void test_check_next(void **state)
{
    (void)state;
    char *b = bundled_dir();
    struct library lib;
    library_init(&lib, b, NULL);
    assert_int_equal(lib.n, 24); /* each of the 6 in en, de, fr, es: their next chains too */
    struct diag_list d = {0};
    for (size_t i = 0; i < lib.n; i++)
        assert_true(library_check_next(&lib, lib.entries[i].routine, &d));
    assert_int_equal(d.n, 0);
    char *text = routine_text("t", "calves-back", "outer", 12,
                              ", \"next\": [\"calves-post-run\", \"hamstring-post-run\", \"xyz\"]");
    struct routine *r = NULL;
    assert_true(routine_create_from_buffer("t.json", text, strlen(text), &r, &d));
    assert_false(library_check_next(&lib, r, &d));
    assert_int_equal(d.n, 2);
    assert_string_equal(d.items[0].path, "next[1]");
    assert_string_equal(d.items[0].hint, "did you mean \"hamstrings-post-run\"?");
    assert_string_equal(d.items[1].path, "next[2]");
    routine_destroy(r);
    diag_list_finish(&d);
    free(text);
    library_finish(&lib);
    /* no folders at all: an empty library */
    library_init(&lib, NULL, "/nonexistent-smr-folder");
    assert_int_equal(lib.n, 0);
    assert_null(library_find(&lib, "hamstrings-spiky-ball"));
    library_finish(&lib);
    free(b);
}

static void test_user_dir(void **state)
{
    (void)state;
    char *old_data = getenv("XDG_DATA_HOME") ? xstrdup(getenv("XDG_DATA_HOME")) : NULL;
    char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    setenv("XDG_DATA_HOME", "/data", 1);
    char *d = library_user_dir();
    assert_string_equal(d, "/data/smr-timer/routines");
    free(d);
    setenv("XDG_DATA_HOME", "relative", 1); /* not absolute: ignored */
    setenv("HOME", "/home/u", 1);
    d = library_user_dir();
    assert_string_equal(d, "/home/u/.local/share/smr-timer/routines");
    free(d);
    unsetenv("XDG_DATA_HOME");
    unsetenv("HOME");
    assert_null(library_user_dir());
    if (old_data)
        setenv("XDG_DATA_HOME", old_data, 1);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_data);
    free(old_home);
}

/* Ids of the entries in order, ' ' between them, a '|' before the first
 * marked one of each area. */
static void order_of(const struct library *lib, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < lib->n; i++) {
        const struct library_entry *e = &lib->entries[i];
        bool first_marked = e->other_language && (i == 0 || !lib->entries[i - 1].other_language);
        snprintf(out + strlen(out), size - strlen(out), "%s%s%s", i ? " " : "",
                 first_marked ? "| " : "", e->id);
    }
}

/* A made-up bundled folder: "a" in English and German, "b" only in
 * English, "c-fr" only in French, "d-de" a German one (no English); the
 * user's own "own-fr" in French. All on the back of the thigh. */
static void test_order_for_languages(void **state)
{
    struct user *u = *state;
    char bundled[96];
    snprintf(bundled, sizeof bundled, "%s/bundled", u->dir);
    assert_int_equal(mkdir(bundled, 0700), 0);
    const char *files[][2] = {{"a", "en"}, {"a-de", "de-CH"}, {"b", "en"}, {"c-fr", "fr"},
                              {"d-de", "DE"}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *t = routine_text_in(files[i][1], files[i][0], "hamstrings-back", "outer", 12, NULL);
        char *name = xasprintf("%s.json", files[i][0]);
        write_file(bundled, name, t);
        free(name);
        free(t);
    }
    char own[96];
    snprintf(own, sizeof own, "%s/own", u->dir);
    assert_int_equal(mkdir(own, 0700), 0);
    char *t = routine_text_in("fr", "own-fr", "hamstrings-back", "outer", 12, NULL);
    write_file(own, "own-fr.json", t);
    free(t);

    struct library lib;
    library_init(&lib, bundled, own);
    char got[256];
    /* German: German, then English, then others; a, translated, is marked */
    library_order(&lib, "de");
    order_of(&lib, got, sizeof got);
    assert_string_equal(got, "a-de d-de b own-fr | a c-fr");
    assert_string_equal(lib.language, "de");
    assert_int_equal(library_find(&lib, "a")->language_rank, LIBRARY_LANG_ENGLISH);
    assert_int_equal(library_find(&lib, "own-fr")->language_rank, LIBRARY_LANG_OTHER);
    assert_false(library_find(&lib, "own-fr")->other_language); /* the user's own: never */
    assert_string_equal(library_find_localized(&lib, "a")->id, "a-de");
    assert_string_equal(library_find_localized(&lib, "b")->id, "b");
    assert_null(library_find_localized(&lib, "zz"));
    /* French: the first of the user's languages that has routines */
    library_order(&lib, "it:fr:de");
    order_of(&lib, got, sizeof got);
    assert_string_equal(got, "c-fr own-fr a b | a-de d-de");
    assert_string_equal(lib.language, "fr");
    /* none of them: English, as gettext falls back to it */
    library_order(&lib, "it");
    order_of(&lib, got, sizeof got);
    assert_string_equal(got, "a b own-fr | a-de c-fr d-de");
    assert_string_equal(lib.language, "en");
    assert_int_equal(library_find(&lib, "a")->language_rank, LIBRARY_LANG_USER);
    library_order(&lib, NULL);
    order_of(&lib, got, sizeof got);
    assert_string_equal(got, "a b own-fr | a-de c-fr d-de");
    library_finish(&lib);

    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *p = xasprintf("%s/%s.json", bundled, files[i][0]);
        unlink(p);
        free(p);
    }
    char *p = xasprintf("%s/own-fr.json", own);
    unlink(p);
    free(p);
    rmdir(bundled);
    rmdir(own);
}

static void set_or_unset(const char *name, const char *value)
{
    if (value)
        setenv(name, value, 1);
    else
        unsetenv(name);
}

/* The user's languages from LANGUAGE, LC_ALL, LC_MESSAGES and LANG. */
static void test_user_languages(void **state)
{
    (void)state;
    const char *names[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    char *saved[4];
    for (size_t i = 0; i < 4; i++)
        saved[i] = getenv(names[i]) ? xstrdup(getenv(names[i])) : NULL;
    static const struct {
        const char *language, *lc_all, *lc_messages, *lang, *want;
    } cases[] = {
        {NULL, NULL, NULL, "de_DE.UTF-8", "de"},
        {"", "", NULL, "fr_FR.UTF-8", "fr"},          /* empty counts as unset */
        {NULL, NULL, "es_ES.UTF-8", "de_DE.UTF-8", "es"}, /* LC_MESSAGES before LANG */
        {NULL, "fr_CA.UTF-8", "es_ES.UTF-8", "de_DE", "fr"}, /* LC_ALL before both */
        {"it:de_AT:fr", NULL, NULL, "de_DE.UTF-8", "it:de:fr"},
        {"de", "C.UTF-8", NULL, "de_DE.UTF-8", ""}, /* the C locale: LANGUAGE ignored */
        {"de", NULL, NULL, "POSIX", ""},
        {NULL, NULL, NULL, NULL, ""},
        {"pt_BR@euro:C", NULL, NULL, "pt_BR", "pt"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        set_or_unset("LANGUAGE", cases[i].language);
        set_or_unset("LC_ALL", cases[i].lc_all);
        set_or_unset("LC_MESSAGES", cases[i].lc_messages);
        set_or_unset("LANG", cases[i].lang);
        char *got = library_user_languages();
        assert_string_equal(got, cases[i].want);
        free(got);
    }
    for (size_t i = 0; i < 4; i++) {
        set_or_unset(names[i], saved[i]);
        free(saved[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_grouped_bundled_first, make_user, remove_user),
        cmocka_unit_test_setup_teardown(test_find_and_resolve, make_user, remove_user),
        cmocka_unit_test(test_check_next),
        cmocka_unit_test(test_user_dir),
        cmocka_unit_test_setup_teardown(test_order_for_languages, make_user, remove_user),
        cmocka_unit_test(test_user_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
