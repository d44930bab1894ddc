/* history.c - the session record (see history.h). An append rewrites the file:
 * old lines plus the new one go to a temp file in the same directory, which is
 * fsynced and renamed over the old file. rename(2) is atomic, so a reader (or
 * a crash, a full disk, a killed process) sees the old file or the new one,
 * never a half-written line. The JSON is written by hand: only routine.c
 * touches cJSON, and a line of numbers and a few strings needs only
 * strbuf_append_json_string() from util.c, which plan.c shares. */
#include "session/history.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "session/history_private.h"
#include "util/i18n.h"
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

static void format_line(struct strbuf *sb, const struct history_entry *e)
{
    char started[32] = "";
    time_t t = (time_t)e->started_unix;
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &tm);
    strbuf_append(sb, "{\"routine_id\":");
    strbuf_append_json_string(sb, e->routine_id);
    strbuf_append(sb, ",\"routine_file\":");
    strbuf_append_json_string(sb, e->routine_file);
    strbuf_append(sb, ",\"started\":");
    strbuf_append_json_string(sb, started);
    strbuf_appendf(sb,
                   ",\"elapsed_ms\":%llu,\"positions_done\":%zu,\"positions_skipped\":%zu,"
                   "\"positions_total\":%zu,\"ended_by\":",
                   (unsigned long long)e->elapsed_ms, e->positions_done, e->positions_skipped,
                   e->positions_total);
    strbuf_append_json_string(sb, e->ended_by);
    strbuf_append(sb, "}\n");
}

/* mkdir -p with mode 0700 for what it creates (the XDG spec asks for that). */
static bool make_dirs(const char *dir)
{
    char *p = xstrdup(dir);
    bool ok = true;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST) {
            ok = false;
            break;
        }
        *s = c;
        if (!c)
            break;
    }
    free(p);
    return ok;
}

/* The file's last HISTORY_MAX_READ bytes, NUL-terminated and, when not empty,
 * ending in a newline (so the new line stays separate); *cut when the front
 * was left out. "" when there is no file; NULL (errno set) when it cannot be
 * read. */
static char *read_tail(const char *path, bool *cut)
{
    /* O_NONBLOCK: a FIFO at this path must not hang the end of a session. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return errno == ENOENT ? xcalloc(1, 1) : NULL;
    struct stat st;
    int err = fstat(fd, &st) != 0 ? errno : !S_ISREG(st.st_mode) ? EINVAL : 0;
    size_t want = err ? 0 : (size_t)st.st_size;
    *cut = want > HISTORY_MAX_READ;
    if (!err && *cut) {
        err = lseek(fd, (off_t)(want - HISTORY_MAX_READ), SEEK_SET) < 0 ? errno : 0;
        want = HISTORY_MAX_READ;
    }
    char *buf = err ? NULL : xmalloc(want + 2);
    size_t got = 0;
    while (!err && got < want) {
        ssize_t n = read(fd, buf + got, want - got);
        if (n < 0 && errno != EINTR)
            err = errno;
        if (n == 0)
            break;
        got += n > 0 ? (size_t)n : 0;
    }
    close(fd);
    if (err) { /* EINVAL: a directory, a FIFO... not a history we can keep */
        free(buf);
        errno = err;
        return NULL;
    }
    if (got && buf[got - 1] != '\n')
        buf[got++] = '\n';
    buf[got] = '\0';
    return buf;
}

/* Appends the last HISTORY_MAX_LINES - 1 non-empty lines of `text` to sb. */
static void keep_last_lines(char *text, struct strbuf *sb)
{
    size_t lines = 0;
    for (char *q = text; *q; q = strchr(q, '\n') + 1)
        lines += *q != '\n';
    size_t skip = lines > HISTORY_MAX_LINES - 1 ? lines - (HISTORY_MAX_LINES - 1) : 0;
    for (char *q = text; *q;) {
        char *nl = strchr(q, '\n');
        if (nl != q && skip) {
            skip--;
        } else if (nl != q) {
            *nl = '\0';
            strbuf_append(sb, q);
            strbuf_append(sb, "\n");
        }
        q = nl + 1;
    }
}

/* The old file's lines, at most HISTORY_MAX_LINES - 1 of them, into sb. A
 * missing file is an empty history; an unreadable one is a failure, since
 * renaming over it would throw it away. */
static bool read_old(const char *path, struct strbuf *sb)
{
    bool cut = false;
    char *buf = read_tail(path, &cut);
    if (!buf)
        return false;
    char *start = buf;
    if (cut) { /* the first line is cut in the middle */
        char *nl = strchr(start, '\n');
        start = nl ? nl + 1 : start + strlen(start);
    }
    keep_last_lines(start, sb);
    free(buf);
    return true;
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write_hook(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = ENOSPC;
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* The rename is only durable once the directory entry is on disk too; a
 * failure here loses nothing (the data is whole either way), so it is quiet. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    char *d = xstrdup(path);
    d[slash - path] = '\0';
    return d;
}

bool history_append(const char *path, const struct history_entry *e)
{
    if (!path || !e)
        return false;
    char *dir = dir_of(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
    struct strbuf sb = {0};
    int fd = -1;
    bool made_tmp = false, ok = false;

    const char *what = _("cannot create the directory");
    if (!make_dirs(dir))
        goto out;
    what = _("cannot read the old history");
    if (!read_old(path, &sb))
        goto out;
    format_line(&sb, e);
    what = _("cannot create a temporary file");
    fd = mkstemp(tmp); /* mode 0600: a history is private */
    if (fd < 0)
        goto out;
    made_tmp = true;
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    what = _("cannot write");
    if (!write_all(fd, sb.data, sb.len))
        goto out;
    what = _("cannot flush to disk");
    if (fsync_hook(fd) != 0)
        goto out;
    int rc = close(fd);
    fd = -1;
    what = _("cannot close");
    if (rc != 0)
        goto out;
    what = _("cannot replace the old file");
    if (rename(tmp, path) != 0)
        goto out;
    sync_dir(dir);
    ok = true;
out:
    if (!ok) {
        int err = errno;
        if (fd >= 0)
            close(fd);
        if (made_tmp)
            unlink(tmp);
        log_warn(_("this session was not recorded in %s: %s: %s"), path, what, strerror(err));
    }
    strbuf_free(&sb);
    free(tmp);
    free(dir);
    return ok;
}
