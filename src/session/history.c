/* history.c - writing the session record (see history.h; reading it is
 * history_read.c). Every write is a rewrite: the old file is read, this
 * session's line replaced or added, and the result written whole by
 * util/atomic_file.c (a temp file in the same directory, fsynced, renamed
 * over the old one), so a reader, a crash or a killed process sees one
 * whole file or the other. Writers hold an flock on the directory meanwhile (a lock file
 * would be left behind; the directory is there anyway), so two sessions
 * cannot undo each other's update, and a temp file found under the lock is
 * a dead writer's and is removed. The JSON is written by hand: only
 * src/routine parses JSON, and a line of numbers and a few strings needs only
 * strbuf_append_json_string() from util.c. */
#include "session/history.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "session/history_private.h"
#include "util/atomic_file.h"
#include "util/i18n.h"
#include "util/files.h"
#include "util/log.h"
#include "util/util.h"

static history_write_fn write_hook = write;
static history_fsync_fn fsync_hook = fsync;

void history_set_io_hooks(history_write_fn write_fn, history_fsync_fn fsync_fn)
{
    write_hook = write_fn ? write_fn : write;
    fsync_hook = fsync_fn ? fsync_fn : fsync;
}

char *history_default_path(void)
{
    /* The XDG spec says a relative XDG_STATE_HOME is invalid and ignored. */
    const char *state = getenv("XDG_STATE_HOME");
    if (state && state[0] == '/')
        return xasprintf("%s/smr-timer/history.jsonl", state);
    const char *home = getenv("HOME");
    if (home && home[0])
        return xasprintf("%s/.local/state/smr-timer/history.jsonl", home);
    return NULL;
}

void history_new_session_id(int64_t started_unix, char id[HISTORY_ID_SIZE])
{
    /* The start to the second, the process, and the clock's nanoseconds
     * with a counter: unique on one machine without asking for entropy. */
    static unsigned counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    char stamp[24] = "00000000T000000Z";
    time_t t = (time_t)started_unix;
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    unsigned long mix = ((unsigned long)ts.tv_nsec * 2654435761u) ^ (++counter * 40503u);
    snprintf(id, HISTORY_ID_SIZE, "%s-%ld-%06lx", stamp, (long)getpid(), mix & 0xffffffu);
}

char *history_absolute_path(const char *file)
{
    if (!file)
        return NULL;
    char *real = realpath(file, NULL);
    if (real)
        return real;
    char cwd[PATH_MAX];
    if (file[0] == '/' || !getcwd(cwd, sizeof cwd))
        return xstrdup(file);
    return xasprintf("%s/%s", cwd, file);
}

static void append_rating(struct strbuf *sb, const char *key, struct history_rating r)
{
    if (r.given)
        strbuf_appendf(sb, ",\"%s\":%u", key, (unsigned)r.value);
    else
        strbuf_appendf(sb, ",\"%s\":null", key);
}

/* The line, newline included. Field order is fixed and "session" first, so
 * a session's line is found by its first bytes. */
static void format_line(struct strbuf *sb, const struct history_entry *e)
{
    char started[32] = "";
    time_t t = (time_t)e->started_unix;
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &tm);
    strbuf_append(sb, "{\"session\":");
    strbuf_append_json_string(sb, e->session);
    strbuf_append(sb, ",\"routine_id\":");
    strbuf_append_json_string(sb, e->routine_id);
    strbuf_append(sb, ",\"routine_file\":");
    strbuf_append_json_string(sb, e->routine_file);
    strbuf_append(sb, ",\"title\":");
    strbuf_append_json_string(sb, e->title);
    strbuf_append(sb, ",\"target\":");
    strbuf_append_json_string(sb, e->target);
    strbuf_append(sb, ",\"sides\":[");
    for (size_t i = 0; i < e->n_sides && i < 2; i++) {
        strbuf_append(sb, i ? "," : "");
        strbuf_append_json_string(sb, e->sides[i]);
    }
    strbuf_append(sb, "],\"started\":");
    strbuf_append_json_string(sb, started);
    strbuf_appendf(sb,
                   ",\"elapsed_ms\":%llu,\"positions_done\":%zu,\"positions_skipped\":%zu,"
                   "\"positions_total\":%zu,\"ended_by\":",
                   (unsigned long long)e->elapsed_ms, e->positions_done, e->positions_skipped,
                   e->positions_total);
    strbuf_append_json_string(sb, e->ended_by);
    append_rating(sb, "tightness_before", e->before);
    append_rating(sb, "tightness_after", e->after);
    strbuf_append(sb, "}\n");
}

/* ---- the file ------------------------------------------------------------ */


/* O_NONBLOCK: a FIFO at this path must not hang a session. */
bool history_read_file(const char *path, struct strbuf *sb)
{
    strbuf_append(sb, "");
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return errno == ENOENT;
    struct stat st;
    int err = fstat(fd, &st) != 0 ? errno : !S_ISREG(st.st_mode) ? EINVAL : 0;
    if (!err && (uintmax_t)st.st_size > HISTORY_MAX_BYTES)
        err = EFBIG;
    char buf[65536];
    while (!err) {
        ssize_t n = read(fd, buf, sizeof buf - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            err = errno;
        if (n <= 0)
            break;
        buf[n] = '\0';
        if (memchr(buf, '\0', (size_t)n)) { /* not text: not ours to rewrite */
            err = EINVAL;
            break;
        }
        strbuf_append(sb, buf);
        if (sb->len > HISTORY_MAX_BYTES)
            err = EFBIG;
    }
    close(fd);
    errno = err;
    return err == 0;
}

/* Where session `id`'s line starts in text, and its length (newline
 * included); false when it has none. The last such line counts. */
static bool find_line(const char *text, const char *id, size_t *at, size_t *len)
{
    struct strbuf key = {0};
    strbuf_append(&key, "{\"session\":");
    strbuf_append_json_string(&key, id);
    strbuf_append(&key, ",");
    bool found = false;
    for (const char *line = text; *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
        if (strncmp(line, key.data, key.len) == 0) {
            *at = (size_t)(line - text);
            *len = n;
            found = true;
        }
        line += n;
    }
    strbuf_free(&key);
    return found;
}

/* The new file: the old one with e's line in place of its old line, or
 * after the last (which gets its newline back if it was cut short). */
static void splice(const struct strbuf *old, const struct history_entry *e, struct strbuf *out)
{
    struct strbuf line = {0};
    format_line(&line, e);
    size_t at = 0, len = 0;
    strbuf_append(out, "");
    if (find_line(old->data, e->session, &at, &len)) {
        strbuf_appendf(out, "%.*s%s%s", (int)at, old->data, line.data, old->data + at + len);
    } else {
        strbuf_append(out, old->data);
        if (old->len && old->data[old->len - 1] != '\n')
            strbuf_append(out, "\n");
        strbuf_append(out, line.data);
    }
    strbuf_free(&line);
}

/* The directory, locked for this writer (*locked) or, where the file
 * system has no locks (some network mounts), open without one; -1 when it
 * cannot be opened or another writer keeps it locked for a second (a writer
 * that hangs must not hang us). */
static int lock_dir(const char *dir, bool *locked)
{
    *locked = false;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    for (int tries = 0; tries < 100; tries++) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            *locked = true;
            return fd;
        }
        if (errno != EWOULDBLOCK && errno != EINTR)
            return fd; /* ENOLCK, EOPNOTSUPP...: no locks here, go on as before them */
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    }
    close(fd);
    errno = EBUSY;
    return -1;
}

/* Temp files of writers that died before their rename (we hold the lock:
 * no live writer has one). */
static void remove_stale_temps(int dir_fd, const char *base)
{
    int fd = dup(dir_fd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    size_t k = strlen(base);
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *n = de->d_name;
        if (n[0] == '.' && strncmp(n + 1, base, k) == 0 && n[k + 1] == '.' &&
            strlen(n + k + 2) == 6)
            (void)unlinkat(dir_fd, n, 0);
    }
    closedir(d);
}

bool history_write(const char *path, const struct history_entry *e, struct history_error *why)
{
    char *dir = atomic_file_dir(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    struct strbuf old = {0}, text = {0};
    int dir_fd = -1;
    bool ok = false, locked = false;
    errno = 0;

    why->what = _("cannot create the directory");
    if (!files_make_dirs(dir))
        goto out;
    why->what = _("cannot lock the directory");
    dir_fd = lock_dir(dir, &locked);
    if (dir_fd < 0)
        goto out;
    if (locked) /* only then can no live writer own a temp file here */
        remove_stale_temps(dir_fd, base);
    why->what = _("cannot read the old history");
    if (!history_read_file(path, &old))
        goto out;
    splice(&old, e, &text);
    /* mode 0600: a history is private */
    struct atomic_file_io io = {write_hook, fsync_hook};
    struct atomic_file_error failed;
    ok = atomic_file_write(path, text.data, text.len, true, 0600, &io, &failed);
    if (!ok) {
        why->what = failed.what;
        errno = failed.err;
    }
out:
    why->err = ok ? 0 : errno;
    if (dir_fd >= 0)
        close(dir_fd); /* lets go of the lock */
    strbuf_free(&old);
    strbuf_free(&text);
    free(dir);
    return ok;
}

void history_warn(const char *path, const struct history_error *why)
{
    log_warn(_("this session was not recorded in %s: %s: %s"), path, why->what,
             strerror(why->err));
}

bool history_append(const char *path, const struct history_entry *e)
{
    if (!path || !e)
        return false;
    struct history_entry whole = *e;
    char id[HISTORY_ID_SIZE];
    if (!whole.session) {
        history_new_session_id(e->started_unix, id);
        whole.session = id;
    }
    char *abs = history_absolute_path(e->routine_file);
    whole.routine_file = abs;
    struct history_error why;
    bool ok = history_write(path, &whole, &why);
    if (!ok)
        history_warn(path, &why);
    free(abs);
    return ok;
}
