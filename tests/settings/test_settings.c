/* test_settings.c - reading the settings file: what is read back, the exact
 * one line each kind of broken content gets, that the broken key falls back
 * to its default while the rest of the file is kept, and that a file that is
 * no settings file at all (binary, a directory, a FIFO, 10 MB, unreadable) is
 * one line and the defaults, never a hang or a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "util/diag.h"

/* ---- the basics ---- */
static void defaults(void **state)
{
    (void)state;
    struct settings s;
    settings_init(&s);
    assert_int_equal(s.volume, 80);
    assert_false(s.mute);
    assert_true(s.voice);
    assert_false(s.fullscreen);
    assert_int_equal(s.window_w, 1280);
    assert_int_equal(s.window_h, 720);
    assert_null(s.last_routine);
    settings_finish(&s);
    settings_finish(&s); /* twice is safe */
    struct settings zero = {0};
    settings_finish(&zero);
}

static void missing_file_is_defaults_silently(void **state)
{
    struct fixture *fx = *state;
    struct settings s;
    read_clean(fx->path, &s);
    assert_defaults(&s);
    assert_int_equal(warnings, 0);
    assert_int_equal(access(fx->dir, F_OK), -1); /* reading creates nothing */
}


/* ---- the format ---- */
static void crlf_comments_and_whitespace(void **state)
{
    struct fixture *fx = *state;
    struct settings s;
    expect_read(fx,
                "\xEF\xBB\xBF# written by hand = with an equals sign\r\n"
                "; another kind of comment\r\n"
                "   # an indented one\r\n"
                "\r\n"
                "  volume\t=\t 30  \r\n"
                "mute=yes\r\n"
                "voice = OFF\r\n"
                "fullscreen = 1\r\n"
                "window = 1024 x 768\r\n"
                "last_routine = /home/a b/routine.json   \r\n",
                "", true, &s);
    assert_int_equal(s.volume, 30);
    assert_true(s.mute);
    assert_false(s.voice);
    assert_true(s.fullscreen);
    assert_int_equal(s.window_w, 1024);
    assert_int_equal(s.window_h, 768);
    assert_string_equal(s.last_routine, "/home/a b/routine.json");
    settings_finish(&s);

    /* No newline after the last line, upper-case X, an empty routine. */
    expect_read(fx, "window = 800X600\nlast_routine =", "", true, &s);
    assert_int_equal(s.window_w, 800);
    assert_null(s.last_routine);
    settings_finish(&s);
}

/* ---- broken values: each is one line; the key falls back, the rest stays ---- */
struct broken_row {
    const char *line; /* becomes line 2, between "voice = false" and "fullscreen = yes" */
    const char *message;
};

static const struct broken_row broken_rows[] = {
    {"volume = 140", "line 2: volume: 140 is outside 0-100; use a whole number from 0 to 100"},
    {"volume = -5", "line 2: volume: -5 is outside 0-100; use a whole number from 0 to 100"},
    {"volume = 99999999999999999999999",
     "line 2: volume: 99999999999999999999999 is outside 0-100; use a whole number from 0 to 100"},
    {"volume = loud",
     "line 2: volume: 'loud' is not a whole number; use a whole number from 0 to 100"},
    {"volume = 80.5",
     "line 2: volume: '80.5' is not a whole number; use a whole number from 0 to 100"},
    {"volume =", "line 2: volume: '' is not a whole number; use a whole number from 0 to 100"},
    {"volume = 80 # loud enough",
     "line 2: volume: '80 # loud enough' is not a whole number; use a whole number from 0 to 100"},
    {"mute = maybe", "line 2: mute: 'maybe' is not true or false; use true or false"},
    {"window = big", "line 2: window: 'big' is not a size; use WIDTHxHEIGHT such as 1280x720, "
                     "from 320x240 to 16384x16384"},
    {"window = 100x100", "line 2: window: 100x100 is smaller than 320x240; use WIDTHxHEIGHT such "
                         "as 1280x720, from 320x240 to 16384x16384"},
    {"window = 20000x720", "line 2: window: 20000x720 is larger than 16384x16384; use WIDTHxHEIGHT "
                           "such as 1280x720, from 320x240 to 16384x16384"},
    {"window = 1280x", "line 2: window: '1280x' is not a size; use WIDTHxHEIGHT such as "
                       "1280x720, from 320x240 to 16384x16384"},
    {"last_routine = routines/x.json", "line 2: last_routine: 'routines/x.json' is not an "
                                       "absolute path; use the whole path of a routine file, "
                                       "starting with /"},
    {"last_routine = /a\tb\x01.json", "line 2: last_routine: the path holds a control character; "
                                      "use the whole path of a routine file, starting with /"},
    {"volume 80", "line 2: 'volume 80' is not a setting; write key = value, or start a "
                  "comment with # or ;"},
    {"= 80", "line 2: nothing before '='; write key = value"},
    {"volume = \xc3\x28", "line 2: not UTF-8 text; save the file as UTF-8"},
    {"mute = \x1b[31mtrue",
     "line 2: mute: '?[31mtrue' is not true or false; use true or false"},
    {"mute = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9\xc3\xa9\xc3\xa9",
     "line 2: mute: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9...' is not true or false; "
     "use true or false"},
};

static void broken_values(void **state)
{
    struct fixture *fx = *state;
    for (size_t i = 0; i < sizeof broken_rows / sizeof *broken_rows; i++) {
        const struct broken_row *r = &broken_rows[i];
        char *text = xasprintf("voice = false\n%s\nfullscreen = yes\n", r->line);
        char *want = xasprintf("settings.ini: %s\n", r->message);
        struct settings s;
        expect_read(fx, text, want, false, &s);
        assert_false(s.voice);     /* the lines around it still count */
        assert_true(s.fullscreen);
        s.voice = true;
        s.fullscreen = false;
        assert_defaults(&s); /* and the broken one is its default */
        settings_finish(&s);
        free(text);
        free(want);
    }
}

static void broken_value_falls_back_even_after_a_good_one(void **state)
{
    struct fixture *fx = *state;
    struct settings s;
    expect_read(fx, "last_routine = /r.json\nvolume = 20\nvolume = 300\nlast_routine = r.json\n",
                "settings.ini: line 3: volume: warning: set again after line 2; this line counts\n"
                "settings.ini: line 3: volume: 300 is outside 0-100; use a whole number from 0 "
                "to 100\n"
                "settings.ini: line 4: last_routine: warning: set again after line 1; this line "
                "counts\n"
                "settings.ini: line 4: last_routine: 'r.json' is not an absolute path; use the "
                "whole path of a routine file, starting with /\n",
                false, &s);
    assert_defaults(&s);
    settings_finish(&s);
}

static void overlong_value(void **state)
{
    struct fixture *fx = *state;
    char *path = xmalloc(5002);
    path[0] = '/';
    memset(path + 1, 'a', 5000);
    path[5001] = '\0';
    char *text = xasprintf("mute = true\nlast_routine = %s\n", path);
    struct settings s;
    expect_read(fx, text,
                "settings.ini: line 2: last_routine: a value of 5001 bytes is too long (at most "
                "4095); use the whole path of a routine file, starting with /\n",
                false, &s);
    assert_true(s.mute);
    assert_null(s.last_routine);
    settings_finish(&s);
    free(text);
    free(path);
}

static void unknown_keys_warn(void **state)
{
    struct fixture *fx = *state;
    struct settings s;
    expect_read(fx, "volum = 30\nFullscreen = true\ncolour = red\n[display]\nvolume = 30\n",
                "settings.ini: line 1: volum: warning: unknown setting, ignored (and left out when "
                "the settings are saved); did you mean 'volume'?\n"
                "settings.ini: line 2: Fullscreen: warning: unknown setting, ignored (and left out "
                "when the settings are saved); did you mean 'fullscreen'?\n"
                "settings.ini: line 3: colour: warning: unknown setting, ignored (and left out "
                "when the settings are saved); the settings are volume, mute, voice, fullscreen, "
                "repeat_instructions, window, last_routine\n"
                "settings.ini: line 4: warning: sections are not used, ignored; remove the line\n",
                true, &s);
    assert_int_equal(s.volume, 30);
    assert_false(s.fullscreen);
    settings_finish(&s);
}

static void many_problems_are_counted(void **state)
{
    struct fixture *fx = *state;
    struct strbuf text = {0};
    strbuf_append(&text, "");
    for (int i = 0; i < 15; i++)
        strbuf_append(&text, "nonsense\n");
    strbuf_append(&text, "volume = 5\n");
    struct settings s;
    put_text(fx, text.data);
    struct diag_list d = {0};
    settings_init(&s);
    assert_false(settings_read(fx->path, &s, &d));
    assert_int_equal(d.n, 11);
    char *last = diag_format("settings.ini", &d.items[10]);
    assert_string_equal(last, "settings.ini: 5 more problems not listed");
    assert_int_equal(s.volume, 5); /* read on after the cap */
    free(last);
    diag_list_finish(&d);
    strbuf_free(&text);
}

/* ---- files that are not settings at all: one line, all defaults ---- */
static void binary_junk(void **state)
{
    struct fixture *fx = *state;
    static const char junk[] = "volume = 30\n\x7f" "ELF\x02\x01\x01\x00\x00\xff\xfe\n\x89PNG";
    put(fx, junk, sizeof junk - 1);
    struct settings s;
    bool ok;
    char *got = read_lines(fx->path, &s, &ok);
    assert_string_equal(
        got, "settings.ini: not a text file (a NUL byte on line 2); the defaults are used\n");
    assert_false(ok);
    assert_defaults(&s);
    free(got);
}

static void directory_in_place(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(mkdir(fx->dir, 0700), 0);
    assert_int_equal(mkdir(fx->path, 0700), 0);
    struct settings s;
    bool ok;
    char *got = read_lines(fx->path, &s, &ok);
    assert_string_equal(got, "settings.ini: is a directory, not a file; remove or rename it; the "
                             "defaults are used\n");
    assert_false(ok);
    assert_defaults(&s);
    free(got);

    /* Saving cannot replace a directory: one warning, nothing left behind. */
    assert_false(settings_write(fx->path, &s));
    assert_int_equal(warnings, 1);
    assert_non_null(strstr(last_warning, "settings not saved to "));
    assert_non_null(strstr(last_warning, ": cannot replace the old file: "));
    assert_int_equal(count_others(fx->dir), 0);
}

static void fifo_in_place(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(mkdir(fx->dir, 0700), 0);
    assert_int_equal(mkfifo(fx->path, 0600), 0);
    struct settings s;
    bool ok;
    char *got = read_lines(fx->path, &s, &ok); /* must not wait for a writer */
    assert_string_equal(got, "settings.ini: is not a regular file; the defaults are used\n");
    assert_false(ok);
    free(got);
}

static void ten_megabytes(void **state)
{
    struct fixture *fx = *state;
    put_text(fx, "volume = 30\n");
    assert_int_equal(truncate(fx->path, 10 << 20), 0);
    struct settings s;
    bool ok;
    char *got = read_lines(fx->path, &s, &ok);
    assert_string_equal(got, "settings.ini: 10485760 bytes is too large for a settings file (at "
                             "most 65536); the defaults are used\n");
    assert_false(ok);
    assert_defaults(&s);
    free(got);
}

/* The largest file read is read whole. */
static void just_under_the_limit(void **state)
{
    struct fixture *fx = *state;
    struct strbuf text = {0};
    strbuf_append(&text, "volume = 30\n");
    while (text.len + 80 < SETTINGS_MAX_BYTES)
        strbuf_append(&text, "# padding padding padding padding padding padding padding padding\n");
    while (text.len < SETTINGS_MAX_BYTES - 12)
        strbuf_append(&text, "#");
    strbuf_append(&text, "\nmute = yes\n");
    assert_int_equal(text.len, SETTINGS_MAX_BYTES);
    struct settings s;
    expect_read(fx, text.data, "", true, &s);
    assert_int_equal(s.volume, 30);
    assert_true(s.mute);
    strbuf_free(&text);
}

static void read_unreadable(const struct fixture *fx, struct strbuf *out)
{
    struct settings s;
    bool ok;
    char *got = read_lines(fx->path, &s, &ok);
    strbuf_appendf(out, "%d %d %s", ok, s.volume, got);
    free(got);
}

static void unreadable_file(void **state)
{
    struct fixture *fx = *state;
    put_text(fx, "volume = 30\n");
    assert_int_equal(chmod(fx->root, 0755), 0);
    assert_int_equal(chmod(fx->dir, 0755), 0);
    assert_int_equal(chmod(fx->path, 0), 0);
    char *got = as_unprivileged(fx, read_unreadable);
    if (!got)
        skip();
    assert_string_equal(got, "0 80 settings.ini: cannot read: Permission denied; the defaults "
                             "are used\n");
    free(got);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(defaults),
        T(missing_file_is_defaults_silently),
        T(crlf_comments_and_whitespace),
        T(broken_values),
        T(broken_value_falls_back_even_after_a_good_one),
        T(overlong_value),
        T(unknown_keys_warn),
        T(many_problems_are_counted),
        T(binary_junk),
        T(directory_in_place),
        T(fifo_in_place),
        T(ten_megabytes),
        T(just_under_the_limit),
        T(unreadable_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
