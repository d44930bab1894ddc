/* test_history.c - the session record: lines read back, JSON escaping, no
 * line ever dropped, a session's line updated in place, and the promise that a read-only or full disk costs the new line
 * (one warning, false) but never the old file and never leaves a temp file.
 *
 * The full disk is real where the kernel allows it: main() enters a private
 * mount namespace (a user namespace as well when not root) and each test that
 * needs one mounts its own tiny tmpfs. ENOSPC from fsync cannot be produced
 * that way, so a write/fsync seam from history_private.h covers it too. */
#define _GNU_SOURCE /* unshare(2) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "session/history.h"
#include "session/history_private.h"
#include "util/log.h"
#include "util/util.h"

static bool have_mounts; /* we may mount a tmpfs (private mount namespace) */

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

/* ---- file helpers ---- */
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

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Temp files history.c leaves in dir (it names them ".history.jsonl.XXXXXX"). */
static int count_temps(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        n += strncmp(de->d_name, ".history.jsonl.", 15) == 0;
    closedir(d);
    return n;
}

struct fixture {
    char root[64]; /* a fresh directory (a tmpfs when mounted) */
    char *dir;     /* root/state/smr-timer */
    char *path;    /* dir/history.jsonl */
    bool mounted;
};

static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    snprintf(fx->root, sizeof fx->root, "/tmp/smr-history-XXXXXX");
    assert_non_null(mkdtemp(fx->root));
    fx->dir = xasprintf("%s/state/smr-timer", fx->root);
    fx->path = xasprintf("%s/history.jsonl", fx->dir);
    warnings = 0;
    last_warning[0] = '\0';
    log_set_sink(capture, NULL);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    history_set_io_hooks(NULL, NULL);
    log_set_sink(NULL, NULL);
    if (fx->mounted)
        umount2(fx->root, MNT_DETACH);
    char *cmd = xasprintf("rm -rf '%s'", fx->root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", fx->root);
    free(cmd);
    free(fx->dir);
    free(fx->path);
    free(fx);
    return 0;
}

static void mount_tmpfs(struct fixture *fx, const char *size)
{
    char *opts = xasprintf("size=%s,mode=0700", size);
    assert_int_equal(mount("tmpfs", fx->root, "tmpfs", 0, opts), 0);
    free(opts);
    fx->mounted = true;
}

static struct history_entry sample(void)
{
    return (struct history_entry){
        .session = "20231114T221320Z-42-abcdef",
        .routine_id = "hamstrings-spiky-ball",
        .routine_file = "/usr/share/smr-timer/routines/hamstrings-spiky-ball.json",
        .started_unix = 1700000000, /* 2023-11-14T22:13:20Z */
        .elapsed_ms = 754321,
        .positions_done = 11,
        .positions_skipped = 1,
        .positions_total = 12,
        .ended_by = "done",
    };
}

/* Issue 14 added session, title, target, sides and the two ratings (a
 * zeroed entry has none: null, and sides []). */
static const char sample_line[] =
    "{\"session\":\"20231114T221320Z-42-abcdef\",\"routine_id\":\"hamstrings-spiky-ball\","
    "\"routine_file\":\"/usr/share/smr-timer/routines/hamstrings-spiky-ball.json\","
    "\"title\":null,\"target\":null,\"sides\":[],"
    "\"started\":\"2023-11-14T22:13:20Z\",\"elapsed_ms\":754321,\"positions_done\":11,"
    "\"positions_skipped\":1,\"positions_total\":12,\"ended_by\":\"done\","
    "\"tightness_before\":null,\"tightness_after\":null}\n";

/* ---- tests ---- */
static void default_path(void **state)
{
    (void)state;
    char *old_state = getenv("XDG_STATE_HOME") ? xstrdup(getenv("XDG_STATE_HOME")) : NULL;
    char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;

    setenv("XDG_STATE_HOME", "/x/state", 1);
    setenv("HOME", "/home/u", 1);
    char *p = history_default_path();
    assert_string_equal(p, "/x/state/smr-timer/history.jsonl");
    free(p);

    setenv("XDG_STATE_HOME", "relative/state", 1); /* invalid per the XDG spec */
    p = history_default_path();
    assert_string_equal(p, "/home/u/.local/state/smr-timer/history.jsonl");
    free(p);

    unsetenv("XDG_STATE_HOME");
    p = history_default_path();
    assert_string_equal(p, "/home/u/.local/state/smr-timer/history.jsonl");
    free(p);

    unsetenv("HOME");
    assert_null(history_default_path());

    if (old_state)
        setenv("XDG_STATE_HOME", old_state, 1);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_state);
    free(old_home);
}

static void append_and_read_back(void **state)
{
    struct fixture *fx = *state;
    struct history_entry e = sample();
    assert_true(history_append(fx->path, &e));
    char *text = slurp(fx->path);
    assert_non_null(text);
    assert_string_equal(text, sample_line);
    free(text);

    /* A second session is appended after the first, not over it. */
    e.session = "20231114T221320Z-43-000001";
    e.ended_by = "signal";
    e.elapsed_ms = 5;
    assert_true(history_append(fx->path, &e));
    text = slurp(fx->path);
    assert_int_equal(count_lines(text), 2);
    assert_memory_equal(text, sample_line, strlen(sample_line));
    assert_non_null(strstr(text + strlen(sample_line), "\"elapsed_ms\":5,"));
    assert_non_null(strstr(text + strlen(sample_line), "\"ended_by\":\"signal\","));
    free(text);

    struct stat st;
    assert_int_equal(stat(fx->dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(stat(fx->path, &st), 0);
    assert_int_equal(st.st_mode & 0077, 0);
    assert_int_equal(count_temps(fx->dir), 0);
    assert_int_equal(warnings, 0);
}

static void escaping(void **state)
{
    struct fixture *fx = *state;
    struct history_entry e = sample();
    e.routine_id = "say \"hi\"\\ back\nline2\ttab\r\x01\x1f\x7f";
    /* Valid UTF-8 (2, 3 and 4 bytes) kept as is; a stray byte, a truncated
     * sequence and a surrogate become U+FFFD. */
    e.routine_file = "/r/Oberschenkel-\xc3\xbc-\xe6\x97\xa5-\xf0\x9f\x8e\xbe-\xff-\xe6\x97-\xed\xa0\x80.json";
    e.ended_by = NULL;
    assert_true(history_append(fx->path, &e));
    char *text = slurp(fx->path);
    assert_non_null(strstr(text, ",\"routine_id\":\"say \\\"hi\\\"\\\\ back\\nline2\\ttab\\r"
                                 "\\u0001\\u001f\\u007f\","));
    assert_non_null(strstr(text, "\"routine_file\":\"/r/Oberschenkel-\xc3\xbc-\xe6\x97\xa5-"
                                 "\xf0\x9f\x8e\xbe-\\ufffd-\\ufffd\\ufffd-\\ufffd\\ufffd\\ufffd.json\""));
    assert_non_null(strstr(text, "\"ended_by\":null,"));
    assert_int_equal(count_lines(text), 1); /* the newline in the id is escaped */
    assert_true(utf8_valid(text, strlen(text)));
    free(text);
}

/* Nothing is dropped: not old lines (there is no cap), not an empty line,
 * not a last line cut short (it gets its newline back so the new line
 * stays separate). */
static void keeps_every_line(void **state)
{
    struct fixture *fx = *state;
    struct history_entry e = sample();
    assert_true(history_append(fx->path, &e)); /* creates the directory */

    struct strbuf old = {0};
    for (int i = 0; i < 1200; i++)
        strbuf_appendf(&old, "{\"n\":%d}\n%s", i, i == 600 ? "\n" : "");
    strbuf_append(&old, "{\"n\":\"no newline\"}"); /* a last line cut short */
    spit(fx->path, old.data);

    assert_true(history_append(fx->path, &e));
    char *text = slurp(fx->path);
    strbuf_append(&old, "\n");
    strbuf_append(&old, sample_line);
    assert_string_equal(text, old.data);
    strbuf_free(&old);
    free(text);
}

/* A session's later writes replace its own line where it is; the lines
 * around it stay byte for byte. */
static void updates_in_place(void **state)
{
    struct fixture *fx = *state;
    struct history_entry a = sample(), b = sample();
    b.session = "20231114T221320Z-43-000002";
    a.ended_by = NULL;
    a.positions_done = 0;
    assert_true(history_append(fx->path, &a));
    assert_true(history_append(fx->path, &b));
    char *before = slurp(fx->path);
    a.positions_done = 11;
    a.ended_by = "done";
    a.after = (struct history_rating){true, 3};
    assert_true(history_append(fx->path, &a));
    char *after = slurp(fx->path);
    assert_int_equal(count_lines(after), 2);
    const char *second = strchr(after, '\n') + 1;
    assert_string_equal(second, strchr(before, '\n') + 1); /* b's line as it was */
    assert_non_null(strstr(after, "\"ended_by\":\"done\",\"tightness_before\":null,"
                                  "\"tightness_after\":3}\n{\"session\":\"20231114T221320Z-43-"));
    free(before);
    free(after);
}

/* A refused append: false, one warning naming `why`, the old file as it was
 * (sample_line) and no temporary file left behind. */
static void assert_refused(const struct fixture *fx, const struct history_entry *e,
                           const char *why)
{
    assert_false(history_append(fx->path, e));
    assert_int_equal(warnings, 1);
    assert_non_null(strstr(last_warning, why));
    char *text = slurp(fx->path);
    assert_string_equal(text, sample_line);
    free(text);
    assert_int_equal(count_temps(fx->dir), 0);
}

static void old_path_unusable(void **state)
{
    struct fixture *fx = *state;
    struct history_entry e = sample();
    assert_true(history_append(fx->path, &e));
    assert_int_equal(unlink(fx->path), 0);
    assert_int_equal(mkdir(fx->path, 0700), 0); /* a directory where the file should be */
    assert_false(history_append(fx->path, &e));
    assert_int_equal(warnings, 1);
    assert_non_null(strstr(last_warning, fx->path));
    struct stat st;
    assert_int_equal(stat(fx->path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(count_temps(fx->dir), 0);
}

/* Makes fx->dir refuse writes: a read-only remount of a private tmpfs, or
 * where mounting is not allowed and we are not root, chmod. */
static bool make_read_only(struct fixture *fx)
{
    if (fx->mounted)
        return mount(NULL, fx->root, NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0;
    if (geteuid() == 0)
        return false; /* root ignores modes */
    return chmod(fx->dir, 0500) == 0;
}

static void read_only_dir(void **state)
{
    struct fixture *fx = *state;
    if (have_mounts)
        mount_tmpfs(fx, "1m");
    else if (geteuid() == 0)
        skip();
    struct history_entry e = sample();
    assert_true(history_append(fx->path, &e));
    assert_true(make_read_only(fx));

    e.ended_by = "quit";
    assert_refused(fx, &e, fx->path);

    /* A state directory that does not exist yet and cannot be made. */
    char *deeper = xasprintf("%s/state/new/history.jsonl", fx->root);
    assert_false(history_append(deeper, &e));
    assert_int_equal(warnings, 2);
    free(deeper);
    if (!fx->mounted)
        chmod(fx->dir, 0700);
}

/* Fills the file system holding dir until it reports ENOSPC. */
static void fill_disk(const char *dir)
{
    char *filler = xasprintf("%s/filler", dir);
    int fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    static char block[4096];
    ssize_t n;
    while ((n = write(fd, block, sizeof block)) > 0)
        ;
    assert_int_equal(errno, ENOSPC);
    while ((n = write(fd, block, 1)) > 0) /* the last partial block */
        ;
    close(fd);
    free(filler);
}

static void full_disk_tmpfs(void **state)
{
    struct fixture *fx = *state;
    if (!have_mounts)
        skip();
    mount_tmpfs(fx, "64k");
    struct history_entry e = sample();
    assert_true(history_append(fx->path, &e));
    fill_disk(fx->dir);

    e.ended_by = "window-closed";
    assert_refused(fx, &e, strerror(ENOSPC));
}

/* The seam: the first write goes through halfway, the next one finds the disk full. */
static int writes_seen;
static ssize_t write_then_enospc(int fd, const void *buf, size_t n)
{
    if (writes_seen++ == 0)
        return write(fd, buf, n / 2 ? n / 2 : 1);
    errno = ENOSPC;
    return -1;
}

static int fsync_enospc(int fd)
{
    (void)fd;
    errno = ENOSPC;
    return -1;
}

static void full_disk_on_write(void **state)
{
    struct fixture *fx = *state;
    struct history_entry e = sample();
    assert_true(history_append(fx->path, &e));
    writes_seen = 0;
    history_set_io_hooks(write_then_enospc, NULL);
    e.session = "20231114T221320Z-43-000003"; /* another session */
    e.ended_by = "quit";
    assert_refused(fx, &e, strerror(ENOSPC));
    assert_int_equal(writes_seen, 2);

    history_set_io_hooks(NULL, NULL); /* the disk has room again */
    assert_true(history_append(fx->path, &e));
    char *text = slurp(fx->path);
    assert_int_equal(count_lines(text), 2);
    free(text);
}

static void full_disk_on_fsync(void **state)
{
    struct fixture *fx = *state;
    struct history_entry e = sample();
    assert_true(history_append(fx->path, &e));
    history_set_io_hooks(NULL, fsync_enospc);
    e.ended_by = "quit";
    assert_refused(fx, &e, strerror(ENOSPC));
}

static void write_id_map(const char *file, const char *text)
{
    int fd = open(file, O_WRONLY);
    if (fd >= 0) {
        if (write(fd, text, strlen(text)) < 0)
            fprintf(stderr, "test_history: %s: %s\n", file, strerror(errno));
        close(fd);
    }
}

/* A private mount namespace, so tests can mount a tmpfs of their own. Root
 * needs only CLONE_NEWNS; others get it inside a user namespace. Where
 * neither is allowed, the mount-based tests fall back or skip. */
static bool enter_mount_namespace(void)
{
    uid_t uid = geteuid();
    gid_t gid = getegid();
    if (uid != 0) {
        if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return false;
        char map[64];
        write_id_map("/proc/self/setgroups", "deny");
        snprintf(map, sizeof map, "0 %u 1\n", (unsigned)uid);
        write_id_map("/proc/self/uid_map", map);
        snprintf(map, sizeof map, "0 %u 1\n", (unsigned)gid);
        write_id_map("/proc/self/gid_map", map);
    } else if (unshare(CLONE_NEWNS) != 0) {
        return false;
    }
    return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
}

int main(void)
{
    have_mounts = enter_mount_namespace();
    if (!have_mounts)
        fprintf(stderr, "test_history: no private mount namespace here; "
                        "the tmpfs tests fall back or skip\n");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_path),
        cmocka_unit_test_setup_teardown(append_and_read_back, setup, teardown),
        cmocka_unit_test_setup_teardown(escaping, setup, teardown),
        cmocka_unit_test_setup_teardown(keeps_every_line, setup, teardown),
        cmocka_unit_test_setup_teardown(updates_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(old_path_unusable, setup, teardown),
        cmocka_unit_test_setup_teardown(read_only_dir, setup, teardown),
        cmocka_unit_test_setup_teardown(full_disk_tmpfs, setup, teardown),
        cmocka_unit_test_setup_teardown(full_disk_on_write, setup, teardown),
        cmocka_unit_test_setup_teardown(full_disk_on_fsync, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
