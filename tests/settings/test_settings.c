/* test_settings.c - the settings file: what is read back, the exact one line
 * each kind of broken content gets (and that the rest of the file is kept),
 * and that a write is whole or nothing: a read-only directory, a full disk or
 * a directory in the way costs the new file (false, one warning), never the
 * old one, and never leaves a temp file behind.
 *
 * Permissions mean nothing to root, and the tests may run as root: the cases
 * that need a permission refusal run in a child that first becomes the
 * unprivileged user "nobody" (uid 65534) when it is root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/files.h"
#include "util/log.h"
#include "util/settings.h"
#include "util/util.h"

/* ---- log capture ---- */
static int warnings;
static char last_warning[1024];

static void capture(enum log_level level, const char *file, int line, const char *msg, void *user)
{
    (void)file;
    (void)line;
    (void)user;
    if (level >= LOG_WARN) {
        warnings++;
        snprintf(last_warning, sizeof last_warning, "%s", msg);
    }
}

/* ---- fixture: a fresh directory; the settings file two levels below ---- */
struct fixture {
    char root[64];
    char *dir;  /* root/smr-timer (not created) */
    char *path; /* dir/settings.ini */
};

static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    snprintf(fx->root, sizeof fx->root, "/tmp/smr-settings-XXXXXX");
    assert_non_null(mkdtemp(fx->root));
    fx->dir = xasprintf("%s/smr-timer", fx->root);
    fx->path = xasprintf("%s/settings.ini", fx->dir);
    warnings = 0;
    last_warning[0] = '\0';
    log_set_sink(capture, NULL);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    files_set_io_hooks(NULL, NULL);
    log_set_sink(NULL, NULL);
    char *cmd = xasprintf("chmod -R u+rwx '%s' && rm -rf '%s'", fx->root, fx->root);
    if (system(cmd) != 0)
        print_error("could not remove %s\n", fx->root);
    free(cmd);
    free(fx->dir);
    free(fx->path);
    free(fx);
    return 0;
}

static void put(const struct fixture *fx, const char *data, size_t len)
{
    mkdir(fx->dir, 0700);
    FILE *f = fopen(fx->path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void put_text(const struct fixture *fx, const char *text) { put(fx, text, strlen(text)); }

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct strbuf sb = {0};
    strbuf_append(&sb, "");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf - 1, f)) > 0) {
        buf[n] = '\0';
        strbuf_append(&sb, buf);
    }
    fclose(f);
    return sb.data;
}

/* Entries of dir other than "settings.ini", ".", "..": temp files left over. */
static int count_others(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
             strcmp(de->d_name, "settings.ini");
    closedir(d);
    return n;
}

/* Reads path into *s (from the defaults); the diagnostics as the app prints
 * them, one a line, with "settings.ini" for the file. Caller frees. */
static char *read_lines(const char *path, struct settings *s, bool *ok)
{
    struct diag_list d = {0};
    settings_init(s);
    *ok = settings_read(path, s, &d);
    struct strbuf sb = {0};
    strbuf_append(&sb, "");
    for (size_t i = 0; i < d.n; i++) {
        char *line = diag_format("settings.ini", &d.items[i]);
        strbuf_appendf(&sb, "%s\n", line);
        free(line);
    }
    diag_list_free(&d);
    return sb.data;
}

static void assert_defaults(const struct settings *s)
{
    struct settings d;
    settings_init(&d);
    assert_int_equal(s->volume, d.volume);
    assert_int_equal(s->mute, d.mute);
    assert_int_equal(s->voice, d.voice);
    assert_int_equal(s->fullscreen, d.fullscreen);
    assert_int_equal(s->window_w, d.window_w);
    assert_int_equal(s->window_h, d.window_h);
    assert_null(s->last_routine);
}

/* The one line (or none) that reading `text` reports, and the result. */
static void expect_read(const struct fixture *fx, const char *text, const char *lines, bool ok_want,
                        struct settings *s)
{
    put_text(fx, text);
    bool ok;
    char *got = read_lines(fx->path, s, &ok);
    assert_string_equal(got, lines);
    assert_int_equal(ok, ok_want);
    free(got);
}

/* ---- running a check as an unprivileged user ---- */
typedef void (*child_fn)(const struct fixture *fx, struct strbuf *out);

/* Runs fn in a child (as "nobody" when we are root) and returns what it wrote
 * into out; NULL when the child could not drop its privileges. */
static char *as_unprivileged(const struct fixture *fx, child_fn fn)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(77);
        struct strbuf out = {0};
        strbuf_append(&out, "");
        fn(fx, &out);
        ssize_t w = write(p[1], out.data, out.len);
        _exit(w == (ssize_t)out.len ? 0 : 1);
    }
    close(p[1]);
    struct strbuf sb = {0};
    strbuf_append(&sb, "");
    char buf[1024];
    ssize_t n;
    while ((n = read(p[0], buf, sizeof buf - 1)) > 0) {
        buf[n] = '\0';
        strbuf_append(&sb, buf);
    }
    close(p[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        strbuf_free(&sb);
        return NULL;
    }
    assert_int_equal(WEXITSTATUS(status), 0);
    return sb.data;
}

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
    bool ok;
    char *got = read_lines(fx->path, &s, &ok);
    assert_true(ok);
    assert_string_equal(got, "");
    assert_defaults(&s);
    assert_int_equal(warnings, 0);
    free(got);
    settings_finish(&s);
}

static void round_trip(void **state)
{
    struct fixture *fx = *state;
    struct settings s = {
        .volume = 35,
        .mute = true,
        .voice = false,
        .fullscreen = true,
        .window_w = 1024,
        .window_h = 600,
        .last_routine = xstrdup("/srv/routines/calves.smr.json"),
    };
    assert_true(settings_write(fx->path, &s));
    assert_int_equal(warnings, 0);
    assert_int_equal(count_others(fx->dir), 0);

    struct settings back;
    bool ok;
    char *got = read_lines(fx->path, &back, &ok);
    assert_string_equal(got, "");
    assert_true(ok);
    assert_int_equal(back.volume, 35);
    assert_true(back.mute);
    assert_false(back.voice);
    assert_true(back.fullscreen);
    assert_int_equal(back.window_w, 1024);
    assert_int_equal(back.window_h, 600);
    assert_string_equal(back.last_routine, "/srv/routines/calves.smr.json");

    /* A person opening it sees what it is and that it may be edited. */
    char *text = slurp(fx->path);
    assert_true(strncmp(text, "# smr-timer settings", 20) == 0);
    assert_non_null(strstr(text, "You may edit this\n"));
    assert_non_null(strstr(text, "\nvolume = 35\nmute = true\nvoice = false\nfullscreen = true\n"
                                 "window = 1024x600\nlast_routine = /srv/routines/calves.smr.json\n"));
    free(text);
    free(got);
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
    bool ok;
    char *got = read_lines(fx->path, &back, &ok);
    assert_string_equal(got, "");
    assert_string_equal(back.last_routine, path);
    free(got);
    settings_finish(&back);
}

/* A path the reader could not give back the same is not remembered. */
static void unwritable_routine_path_left_out(void **state)
{
    struct fixture *fx = *state;
    const char *const paths[] = {"/a/line\nbreak.json", "relative.json", "/trailing ", "/x\xff.json"};
    for (size_t i = 0; i < 4; i++) {
        struct settings s;
        settings_init(&s);
        s.last_routine = xstrdup(paths[i]);
        assert_true(settings_write(fx->path, &s));
        settings_finish(&s);
        bool ok;
        char *got = read_lines(fx->path, &s, &ok);
        assert_string_equal(got, "");
        assert_defaults(&s);
        free(got);
    }
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
                "window, last_routine\n"
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
    diag_list_free(&d);
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
    assert_string_equal(got,
                        "settings.ini: not a text file (a NUL byte on line 2); the defaults are used\n");
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

/* ---- writing is whole or nothing ---- */
static const char old_text[] = "# mine\nvolume = 30\n";

static void write_to_readonly(const struct fixture *fx, struct strbuf *out)
{
    warnings = 0;
    log_set_sink(capture, NULL);
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
    bool ok;
    char *got = read_lines(fx->path, &back, &ok);
    assert_string_equal(got, "");
    assert_true(ok);
    assert_int_equal(back.volume, 30);
    assert_false(back.mute);
    free(got);
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
    bool ok;
    char *got = read_lines(fx->path, &back, &ok);
    assert_string_equal(got, "");
    assert_int_equal(back.volume, 100);
    assert_int_equal(back.window_w, 320);
    assert_int_equal(back.window_h, 16384);
    free(got);
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
        T(defaults),
        T(missing_file_is_defaults_silently),
        T(round_trip),
        T(directories_made_private),
        T(crlf_comments_and_whitespace),
        T(utf8_routine_path),
        T(unwritable_routine_path_left_out),
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
