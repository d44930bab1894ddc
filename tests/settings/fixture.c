/* fixture.c - see fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "util/files.h"
#include "util/log.h"

/* ---- log capture ---- */
int warnings;
char last_warning[1024];

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

/* ---- the fixture ---- */

int setup(void **state)
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

int teardown(void **state)
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

void put(const struct fixture *fx, const char *data, size_t len)
{
    mkdir(fx->dir, 0700);
    FILE *f = fopen(fx->path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

void put_text(const struct fixture *fx, const char *text) { put(fx, text, strlen(text)); }

char *slurp(const char *path)
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
int count_others(const char *dir)
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
char *read_lines(const char *path, struct settings *s, bool *ok)
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
    diag_list_finish(&d);
    return sb.data;
}

void read_clean(const char *path, struct settings *s)
{
    bool ok;
    char *got = read_lines(path, s, &ok);
    assert_string_equal(got, "");
    assert_true(ok);
    free(got);
}

void assert_defaults(const struct settings *s)
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
void expect_read(const struct fixture *fx, const char *text, const char *lines, bool ok_want,
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

/* Runs fn in a child (as "nobody" when we are root) and returns what it wrote
 * into out; NULL when the child could not drop its privileges. */
char *as_unprivileged(const struct fixture *fx, child_fn fn)
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
