/* test_settings_write.c - saving the settings: a round trip, private
 * directories, paths that survive the trip (UTF-8) or are left out, and the
 * promise that a write is whole or nothing: a read-only directory, a full disk
 * or a directory in the way costs the new file (false, one warning), never the
 * old one, and never leaves a temp file behind. Also where the file is. */
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
#include "util/files.h"

static void round_trip(void **state)
{
    struct fixture *fx = *state;
    struct settings s = {
        .volume = 35,
        .mute = true,
        .voice = false,
        .fullscreen = true,
        .repeat_instructions = true,
        .window_w = 1024,
        .window_h = 600,
        .last_routine = xstrdup("/srv/routines/calves.smr.json"),
    };
    assert_true(settings_write(fx->path, &s));
    assert_int_equal(warnings, 0);
    assert_int_equal(count_others(fx->dir), 0);

    struct settings back;
    read_clean(fx->path, &back);
    assert_int_equal(back.volume, 35);
    assert_true(back.mute);
    assert_false(back.voice);
    assert_true(back.fullscreen);
    assert_true(back.repeat_instructions);
    assert_int_equal(back.window_w, 1024);
    assert_int_equal(back.window_h, 600);
    assert_string_equal(back.last_routine, "/srv/routines/calves.smr.json");

    /* A person opening it sees what it is and that it may be edited. */
    char *text = slurp(fx->path);
    assert_true(strncmp(text, "# smr-timer settings", 20) == 0);
    assert_non_null(strstr(text, "You may edit this\n"));
    assert_non_null(strstr(text, "\nvolume = 35\nmute = true\nvoice = false\n"
                                 "fullscreen = true\nrepeat_instructions = true\n"
                                 "window = 1024x600\n"
                                 "last_routine = /srv/routines/calves.smr.json\n"));
    free(text);
    settings_finish(&s);
    settings_finish(&back);
}

static void directories_made_private(void **state)
{
    struct fixture *fx = *state;
    char *deep = xasprintf("%s/a/b/smr-timer/settings.ini", fx->root);
    struct settings s;
    settings_init(&s);
    mode_t old = umask(022);
    assert_true(settings_write(deep, &s));
    umask(old);
    const char *const dirs[] = {"a", "a/b", "a/b/smr-timer"};
    for (size_t i = 0; i < 3; i++) {
        char *d = xasprintf("%s/%s", fx->root, dirs[i]);
        struct stat st;
        assert_int_equal(stat(d, &st), 0);
        assert_int_equal(st.st_mode & 0777, 0700);
        free(d);
    }
    free(deep);
}


static void utf8_routine_path(void **state)
{
    struct fixture *fx = *state;
    const char *path = "/home/j\xc3\xbcrgen/\xc3\x9c" "bungen/r\xc3\xbc" "cken \xe2\x9c\x93.json";
    struct settings s;
    settings_init(&s);
    s.last_routine = xstrdup(path);
    assert_true(settings_write(fx->path, &s));
    settings_finish(&s);

    struct settings back;
    read_clean(fx->path, &back);
    assert_string_equal(back.last_routine, path);
    settings_finish(&back);
}

/* A path the reader could not give back the same is not remembered. */
static void unwritable_routine_path_left_out(void **state)
{
    struct fixture *fx = *state;
    const char *const paths[] = {"/a/line\nbreak.json", "relative.json", "/trailing ",
                                 "/x\xff.json"};
    for (size_t i = 0; i < 4; i++) {
        struct settings s;
        settings_init(&s);
        s.last_routine = xstrdup(paths[i]);
        assert_true(settings_write(fx->path, &s));
        settings_finish(&s);
        read_clean(fx->path, &s);
        assert_defaults(&s);
    }
}

/* ---- writing is whole or nothing ---- */
static const char old_text[] = "# mine\nvolume = 30\n";

static void write_to_readonly(const struct fixture *fx, struct strbuf *out)
{
    warnings = 0;
    struct settings s;
    settings_init(&s);
    bool ok = settings_write(fx->path, &s);
    strbuf_appendf(out, "%d %d %s", ok, warnings, last_warning);
}

static void readonly_directory(void **state)
{
    struct fixture *fx = *state;
    put_text(fx, old_text);
    assert_int_equal(chmod(fx->root, 0755), 0);
    assert_int_equal(chmod(fx->dir, 0555), 0);
    char *got = as_unprivileged(fx, write_to_readonly);
    if (!got)
        skip();
    char *want = xasprintf("0 1 settings not saved to %s: cannot create a temporary file: "
                           "Permission denied",
                           fx->path);
    assert_string_equal(got, want);
    char *text = slurp(fx->path);
    assert_string_equal(text, old_text);
    assert_int_equal(count_others(fx->dir), 0);
    free(text);
    free(want);
    free(got);
}

static void parent_is_a_file(void **state)
{
    struct fixture *fx = *state;
    put_text(fx, "");
    char *below = xasprintf("%s/sub/settings.ini", fx->path); /* settings.ini is a file */
    struct settings s;
    settings_init(&s);
    assert_false(settings_write(below, &s));
    assert_int_equal(warnings, 1);
    char *want = xasprintf("settings not saved to %s: cannot create the directory: Not a directory",
                           below);
    assert_string_equal(last_warning, want);
    free(want);
    free(below);
}

static ssize_t half_then_full(int fd, const void *buf, size_t n)
{
    if (n > 10)
        return write(fd, buf, 10);
    errno = ENOSPC;
    return -1;
}

static int fsync_full(int fd)
{
    (void)fd;
    errno = ENOSPC;
    return -1;
}

static void full_disk(void **state)
{
    struct fixture *fx = *state;
    put_text(fx, old_text);
    struct settings s;
    settings_init(&s);
    for (int i = 0; i < 2; i++) {
        warnings = 0;
        files_set_io_hooks(i == 0 ? half_then_full : NULL, i == 1 ? fsync_full : NULL);
        assert_false(settings_write(fx->path, &s));
        assert_int_equal(warnings, 1);
        char *want = xasprintf("settings not saved to %s: %s: No space left on device", fx->path,
                               i == 0 ? "cannot write" : "cannot flush to disk");
        assert_string_equal(last_warning, want);
        free(want);
        char *text = slurp(fx->path);
        assert_string_equal(text, old_text);
        free(text);
        assert_int_equal(count_others(fx->dir), 0);
    }
}

/* "replaced with defaults": after a broken file is reported, the next save is clean. */
static void broken_file_replaced_by_a_clean_one(void **state)
{
    struct fixture *fx = *state;
    struct settings s;
    expect_read(fx, "volume = 30\nmute = sometimes\n\xff\xfe\ngarbage\n",
                "settings.ini: line 2: mute: 'sometimes' is not true or false; use true or false\n"
                "settings.ini: line 3: not UTF-8 text; save the file as UTF-8\n"
                "settings.ini: line 4: 'garbage' is not a setting; write key = value, or start a "
                "comment with # or ;\n",
                false, &s);
    assert_true(settings_write(fx->path, &s));
    struct settings back;
    read_clean(fx->path, &back);
    assert_int_equal(back.volume, 30);
    assert_false(back.mute);
}

static void symlink_followed(void **state)
{
    struct fixture *fx = *state;
    char *real = xasprintf("%s/dotfiles-settings.ini", fx->root);
    FILE *f = fopen(real, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(mkdir(fx->dir, 0700), 0);
    assert_int_equal(symlink(real, fx->path), 0);
    struct settings s;
    settings_init(&s);
    s.volume = 12;
    assert_true(settings_write(fx->path, &s));
    struct stat st;
    assert_int_equal(lstat(fx->path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char *text = slurp(real);
    assert_non_null(strstr(text, "\nvolume = 12\n"));
    free(text);
    free(real);
}

/* Out-of-range values in memory are written as the nearest valid ones. */
static void write_clamps(void **state)
{
    struct fixture *fx = *state;
    struct settings s = {.volume = 500, .window_w = 10, .window_h = 99999};
    assert_true(settings_write(fx->path, &s));
    struct settings back;
    read_clean(fx->path, &back);
    assert_int_equal(back.volume, 100);
    assert_int_equal(back.window_w, 320);
    assert_int_equal(back.window_h, 16384);
}

/* ---- where the file is ---- */
static void restore_env(const char *name, char *old)
{
    if (old)
        setenv(name, old, 1);
    else
        unsetenv(name);
    free(old);
}

static char *save_env(const char *name) { return getenv(name) ? xstrdup(getenv(name)) : NULL; }

static void default_path(void **state)
{
    (void)state;
    char *old_smr = save_env("SMR_SETTINGS"), *old_xdg = save_env("XDG_CONFIG_HOME"),
         *old_home = save_env("HOME");
    unsetenv("SMR_SETTINGS");
    setenv("XDG_CONFIG_HOME", "/x/config", 1);
    setenv("HOME", "/home/u", 1);
    char *p = settings_default_path();
    assert_string_equal(p, "/x/config/smr-timer/settings.ini");
    free(p);

    setenv("XDG_CONFIG_HOME", "relative/config", 1); /* invalid per the XDG spec */
    p = settings_default_path();
    assert_string_equal(p, "/home/u/.config/smr-timer/settings.ini");
    free(p);

    unsetenv("XDG_CONFIG_HOME");
    p = settings_default_path();
    assert_string_equal(p, "/home/u/.config/smr-timer/settings.ini");
    free(p);

    unsetenv("HOME");
    assert_null(settings_default_path());

    setenv("SMR_SETTINGS", "/tmp/mine.ini", 1);
    p = settings_default_path();
    assert_string_equal(p, "/tmp/mine.ini");
    free(p);
    setenv("SMR_SETTINGS", "", 1); /* no settings at all */
    setenv("HOME", "/home/u", 1);
    assert_null(settings_default_path());

    restore_env("SMR_SETTINGS", old_smr);
    restore_env("XDG_CONFIG_HOME", old_xdg);
    restore_env("HOME", old_home);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(round_trip),
        T(directories_made_private),
        T(utf8_routine_path),
        T(unwritable_routine_path_left_out),
        T(readonly_directory),
        T(parent_is_a_file),
        T(full_disk),
        T(broken_file_replaced_by_a_clean_one),
        T(symlink_followed),
        T(write_clamps),
        T(default_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
