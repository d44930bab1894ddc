/* settings.c - see settings.h. The format is the common INI subset: one
 * "key = value" a line, whitespace around both ignored, whole-line comments
 * starting with # or ;, LF or CRLF line ends, UTF-8. No sections, quoting or
 * escapes: a value runs to the end of its line. Small enough to read by hand
 * here; a keyfile library would be a dependency for six lines of text. */
#include "util/settings.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/files.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/util.h"

enum key_id {
    KEY_VOLUME,
    KEY_MUTE,
    KEY_VOICE,
    KEY_FULLSCREEN,
    KEY_REPEAT_INSTRUCTIONS,
    KEY_WINDOW,
    KEY_LAST_ROUTINE,
    KEY_COUNT
};

/* In the order they are written. */
static const char *const key_names[KEY_COUNT] = {
    "volume", "mute", "voice", "fullscreen", "repeat_instructions", "window", "last_routine",
};

/* A file with more problems than this is mostly not a settings file: the
 * rest are counted in one closing line instead of a screenful. */
#define MAX_REPORTED 10

void settings_init(struct settings *s)
{
    *s = (struct settings){
        .volume = SETTINGS_VOLUME_DEFAULT,
        .voice = true,
        .window_w = SETTINGS_WINDOW_W_DEFAULT,
        .window_h = SETTINGS_WINDOW_H_DEFAULT,
    };
}

void settings_finish(struct settings *s)
{
    free(s->last_routine);
    s->last_routine = NULL;
}

/* ---- reading: values ----------------------------------------------------- */

/* Text from the file as it may be quoted in a message: at most about 40
 * bytes (cut on a character boundary), control bytes as '?'. */
static void shown(const char *s, char *buf, size_t size)
{
    size_t n = 0, limit = size - 4 < 40 ? size - 4 : 40;
    for (; s[n] && n < limit; n++)
        buf[n] = (unsigned char)s[n] < 0x20 || s[n] == 0x7f ? '?' : s[n];
    if (s[n]) {
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* s[n] is the first byte left out: back to its lead byte */
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
}

/* An optionally signed run of decimal digits at p, saturated to +-LLONG_MAX
 * (still "outside" any range we check). Returns the end, or NULL if none. */
static const char *whole(const char *p, long long *out)
{
    bool neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    if (!isdigit((unsigned char)*p))
        return NULL;
    long long v = 0;
    for (; isdigit((unsigned char)*p); p++) {
        int d = *p - '0';
        v = v > (LLONG_MAX - d) / 10 ? LLONG_MAX : v * 10 + d;
    }
    *out = neg ? -v : v;
    return p;
}

/* 1 true, 0 false, -1 neither. The spellings people write in INI files. */
static int boolean(const char *v)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        if (strcasecmp(v, yes[i]) == 0)
            return 1;
        if (strcasecmp(v, no[i]) == 0)
            return 0;
    }
    return -1;
}

/* "WxH", "W x H" or "WXH"; false when it is not that shape. */
static bool size_shape(const char *v, long long *w, long long *h)
{
    const char *p = whole(v, w);
    if (!p)
        return false;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != 'x' && *p != 'X')
        return false;
    p++;
    while (*p == ' ' || *p == '\t')
        p++;
    p = whole(p, h);
    return p && !*p;
}

static bool *bool_field(struct settings *s, enum key_id id)
{
    switch (id) {
    case KEY_MUTE:
        return &s->mute;
    case KEY_VOICE:
        return &s->voice;
    case KEY_REPEAT_INSTRUCTIONS:
        return &s->repeat_instructions;
    default:
        return &s->fullscreen;
    }
}

/* What a right value of this key looks like. Caller frees. */
static char *key_hint(enum key_id id)
{
    switch (id) {
    case KEY_VOLUME:
        return xstrdup(_("use a whole number from 0 to 100"));
    case KEY_WINDOW:
        return xasprintf(_("use WIDTHxHEIGHT such as %dx%d, from %dx%d to %dx%d"),
                         SETTINGS_WINDOW_W_DEFAULT, SETTINGS_WINDOW_H_DEFAULT,
                         SETTINGS_WINDOW_MIN_W, SETTINGS_WINDOW_MIN_H, SETTINGS_WINDOW_MAX,
                         SETTINGS_WINDOW_MAX);
    case KEY_LAST_ROUTINE:
        return xstrdup(_("use the whole path of a routine file, starting with /"));
    default:
        return xstrdup(_("use true or false"));
    }
}

static bool has_control(const char *v)
{
    for (; *v; v++)
        if ((unsigned char)*v < 0x20 || *v == 0x7f)
            return true;
    return false;
}

static char *apply_volume(struct settings *s, const char *v, const char *q)
{
    long long n;
    const char *end = whole(v, &n);
    if (!end || *end)
        return xasprintf(_("'%s' is not a whole number"), q);
    if (n < 0 || n > 100)
        return xasprintf(_("%s is outside 0-100"), q);
    s->volume = (int)n;
    return NULL;
}

static char *apply_window(struct settings *s, const char *v, const char *q)
{
    long long w, h;
    if (!size_shape(v, &w, &h))
        return xasprintf(_("'%s' is not a size"), q);
    if (w < SETTINGS_WINDOW_MIN_W || h < SETTINGS_WINDOW_MIN_H)
        return xasprintf(_("%s is smaller than %dx%d"), q, SETTINGS_WINDOW_MIN_W,
                         SETTINGS_WINDOW_MIN_H);
    if (w > SETTINGS_WINDOW_MAX || h > SETTINGS_WINDOW_MAX)
        return xasprintf(_("%s is larger than %dx%d"), q, SETTINGS_WINDOW_MAX, SETTINGS_WINDOW_MAX);
    s->window_w = (int)w;
    s->window_h = (int)h;
    return NULL;
}

/* Empty means no routine. Absolute only: a relative path would depend on
 * where the program happens to be started. */
static char *apply_path(struct settings *s, const char *v, const char *q)
{
    free(s->last_routine);
    s->last_routine = NULL;
    if (has_control(v))
        return xstrdup(_("the path holds a control character"));
    if (v[0] && v[0] != '/')
        return xasprintf(_("'%s' is not an absolute path"), q);
    s->last_routine = v[0] ? xstrdup(v) : NULL;
    return NULL;
}

/* Sets the key from v, or returns what is wrong with v (caller frees). */
static char *apply(struct settings *s, enum key_id id, const char *v)
{
    char q[64];
    shown(v, q, sizeof q);
    if (id == KEY_VOLUME)
        return apply_volume(s, v, q);
    if (id == KEY_WINDOW)
        return apply_window(s, v, q);
    if (id == KEY_LAST_ROUTINE)
        return apply_path(s, v, q);
    int yes = boolean(v);
    if (yes < 0)
        return xasprintf(_("'%s' is not true or false"), q);
    *bool_field(s, id) = yes;
    return NULL;
}

/* Puts the key back to its default (a broken value must not half-stay). */
static void reset(struct settings *s, enum key_id id)
{
    struct settings d;
    settings_init(&d);
    switch (id) {
    case KEY_VOLUME:
        s->volume = d.volume;
        break;
    case KEY_WINDOW:
        s->window_w = d.window_w;
        s->window_h = d.window_h;
        break;
    case KEY_LAST_ROUTINE:
        free(s->last_routine);
        s->last_routine = NULL;
        break;
    default:
        *bool_field(s, id) = *bool_field(&d, id);
        break;
    }
}

/* Levenshtein distance, case folded; SIZE_MAX for anything longer than a key
 * could plausibly be. Enough to catch a typo in one of six names. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 32 || lb > 32)
        return SIZE_MAX;
    size_t row[33];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t corner = row[0]; /* row[j - 1] of the previous row */
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t best = corner + (tolower((unsigned char)a[i - 1]) !=
                                    tolower((unsigned char)b[j - 1]));
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            corner = above;
        }
    }
    return row[lb];
}

/* "did you mean 'volume'?", or the list of keys when none is close. */
static char *unknown_hint(const char *key)
{
    size_t best = KEY_COUNT, best_d = 3; /* two edits at most */
    for (size_t i = 0; i < KEY_COUNT; i++) {
        size_t d = distance(key, key_names[i]);
        if (d < best_d && d < strlen(key_names[i])) {
            best = i;
            best_d = d;
        }
    }
    if (best < KEY_COUNT)
        return xasprintf(_("did you mean '%s'?"), key_names[best]);
    struct strbuf sb = {0};
    strbuf_append(&sb, _("the settings are"));
    for (size_t i = 0; i < KEY_COUNT; i++)
        strbuf_appendf(&sb, "%s%s", i ? ", " : " ", key_names[i]);
    return sb.data;
}

/* ---- reading: lines ------------------------------------------------------ */

struct reader {
    struct settings *s;
    struct diag_list *diags;
    size_t line;              /* 1-based; 0 for the whole file */
    size_t set_on[KEY_COUNT]; /* line each key was set on, 0 when not yet */
    size_t reported, hidden;  /* problems listed, and past MAX_REPORTED */
    bool hidden_error;
    bool error; /* an error (not only warnings) was found */
};

static void report(struct reader *r, enum diag_severity sev, const char *key, const char *hint,
                   const char *fmt, ...) SMR_PRINTF(5, 6);

/* One diagnostic at "line N: key" (key may be NULL; line 0 is the file). */
static void report(struct reader *r, enum diag_severity sev, const char *key, const char *hint,
                   const char *fmt, ...)
{
    r->error |= sev == DIAG_ERROR;
    if (r->reported == MAX_REPORTED) {
        r->hidden++;
        r->hidden_error |= sev == DIAG_ERROR;
        return;
    }
    r->reported++;
    char k[64] = "";
    if (key)
        shown(key, k, sizeof k);
    char *place = !r->line ? xstrdup("")
                  : key    ? xasprintf(_("line %zu: %s"), r->line, k)
                           : xasprintf(_("line %zu"), r->line);
    va_list ap;
    va_start(ap, fmt);
    diag_addv(r->diags, sev, place, hint, fmt, ap);
    va_end(ap);
    free(place);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static void key_value(struct reader *r, const char *key, const char *value)
{
    size_t id = 0;
    while (id < KEY_COUNT && strcmp(key, key_names[id]) != 0)
        id++;
    if (id == KEY_COUNT) {
        char *hint = unknown_hint(key);
        report(r, DIAG_WARNING, key, hint, "%s",
               _("unknown setting, ignored (and left out when the settings are saved)"));
        free(hint);
        return;
    }
    if (r->set_on[id])
        report(r, DIAG_WARNING, key, NULL, _("set again after line %zu; this line counts"),
               r->set_on[id]);
    r->set_on[id] = r->line;
    size_t len = strlen(value);
    char *wrong = len > SETTINGS_MAX_VALUE
                      ? xasprintf(_("a value of %zu bytes is too long (at most %d)"), len,
                                  SETTINGS_MAX_VALUE)
                      : apply(r->s, id, value);
    if (wrong) {
        char *hint = key_hint(id);
        report(r, DIAG_ERROR, key, hint, "%s", wrong);
        free(hint);
        free(wrong);
        reset(r->s, id);
    }
}

static void parse_line(struct reader *r, char *line)
{
    size_t n = strlen(line);
    if (n && line[n - 1] == '\r')
        line[--n] = '\0';
    if (!utf8_valid(line, n)) {
        report(r, DIAG_ERROR, NULL, _("save the file as UTF-8"), "%s", _("not UTF-8 text"));
        return;
    }
    char *t = trim(line);
    if (!*t || *t == '#' || *t == ';')
        return;
    if (*t == '[') {
        report(r, DIAG_WARNING, NULL, _("remove the line"), "%s",
               _("sections are not used, ignored"));
        return;
    }
    char *eq = strchr(t, '=');
    if (!eq) {
        char q[64];
        shown(t, q, sizeof q);
        report(r, DIAG_ERROR, NULL, _("write key = value, or start a comment with # or ;"),
               _("'%s' is not a setting"), q);
        return;
    }
    *eq = '\0';
    char *key = trim(t), *value = trim(eq + 1);
    if (!*key) {
        report(r, DIAG_ERROR, NULL, _("write key = value"), "%s", _("nothing before '='"));
        return;
    }
    key_value(r, key, value);
}

/* The whole file into *out (NUL-terminated), reading at most one byte more than
 * SETTINGS_MAX_BYTES. 0, or an errno: EFBIG when larger (*size says how large
 * when known), EISDIR or EINVAL when not a regular file. */
static int slurp(const char *path, char **out, size_t *len, long long *size)
{
    /* O_NONBLOCK: a FIFO at this path must not hang the start. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return errno;
    struct stat st;
    int err = 0;
    if (fstat(fd, &st) != 0)
        err = errno;
    else if (S_ISDIR(st.st_mode))
        err = EISDIR;
    else if (!S_ISREG(st.st_mode))
        err = EINVAL;
    else if (st.st_size > SETTINGS_MAX_BYTES)
        err = EFBIG;
    *size = err == EFBIG ? (long long)st.st_size : 0;
    char *buf = err ? NULL : xmalloc(SETTINGS_MAX_BYTES + 2);
    size_t got = 0;
    while (!err && got <= SETTINGS_MAX_BYTES) {
        ssize_t n = read(fd, buf + got, SETTINGS_MAX_BYTES + 1 - got);
        if (n < 0 && errno != EINTR)
            err = errno;
        if (n == 0)
            break;
        got += n > 0 ? (size_t)n : 0;
    }
    if (!err && got > SETTINGS_MAX_BYTES) { /* it grew after the fstat */
        err = EFBIG;
        *size = (long long)got;
    }
    close(fd);
    if (err) {
        free(buf);
        return err;
    }
    buf[got] = '\0';
    *out = buf;
    *len = got;
    return 0;
}

/* A file we cannot use at all: one line, the defaults for everything. */
static void whole_file_problem(struct reader *r, int err, long long size)
{
    const char *dflt = _("the defaults are used");
    if (err == EISDIR)
        report(r, DIAG_ERROR, NULL, _("remove or rename it; the defaults are used"), "%s",
               _("is a directory, not a file"));
    else if (err == EINVAL)
        report(r, DIAG_ERROR, NULL, dflt, "%s", _("is not a regular file"));
    else if (err == EFBIG)
        report(r, DIAG_ERROR, NULL, dflt,
               _("%lld bytes is too large for a settings file (at most %d)"), size,
               SETTINGS_MAX_BYTES);
    else
        report(r, DIAG_ERROR, NULL, dflt, _("cannot read: %s"), strerror(err));
}

bool settings_read(const char *path, struct settings *s, struct diag_list *diags)
{
    struct reader r = {.s = s, .diags = diags};
    char *buf = NULL;
    size_t len = 0;
    long long size = 0;
    int err = slurp(path, &buf, &len, &size);
    if (err == ENOENT)
        return true; /* never saved yet: the defaults, nothing to say */
    if (err) {
        whole_file_problem(&r, err, size);
        return false;
    }
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        size_t line = 1;
        for (const char *p = buf; p < nul; p++)
            line += *p == '\n';
        report(&r, DIAG_ERROR, NULL, _("the defaults are used"),
               _("not a text file (a NUL byte on line %zu)"), line);
        free(buf);
        return false;
    }
    char *p = buf;
    if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* a byte order mark some editors put first */
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        r.line++;
        parse_line(&r, p);
        p = nl ? nl + 1 : p + strlen(p);
    }
    free(buf);
    if (r.hidden)
        diag_add(diags, r.hidden_error ? DIAG_ERROR : DIAG_WARNING, "", NULL,
                 _("%zu more problems not listed"), r.hidden);
    return !r.error;
}

/* ---- writing ------------------------------------------------------------- */

static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* A path the reader would give back unchanged: one line, absolute, UTF-8, no
 * trailing blank (the reader trims it). Other paths are not remembered. */
static bool writable_path(const char *p)
{
    size_t n = p ? strlen(p) : 0;
    return n && n <= SETTINGS_MAX_VALUE && p[0] == '/' && utf8_valid(p, n) && !has_control(p) &&
           p[n - 1] != ' ';
}

static void format_file(struct strbuf *sb, const struct settings *s)
{
    strbuf_append(sb,
                  "# smr-timer settings, saved by smr-timer when it exits. You may edit this\n"
                  "# file while smr-timer is not running. Lines starting with # or ; are\n"
                  "# comments. volume: 0-100. mute, voice, fullscreen: true or false.\n"
                  "# repeat_instructions: true speaks each instruction in full at every ball\n"
                  "# position; false (the default) in full at a strip's first, then its title.\n"
                  "# window: WIDTHxHEIGHT in a window (not full screen). last_routine: the\n"
                  "# routine played last, opened when no routine is named.\n");
    strbuf_appendf(sb, "%s = %d\n", key_names[KEY_VOLUME], clamp(s->volume, 0, 100));
    strbuf_appendf(sb, "%s = %s\n", key_names[KEY_MUTE], s->mute ? "true" : "false");
    strbuf_appendf(sb, "%s = %s\n", key_names[KEY_VOICE], s->voice ? "true" : "false");
    strbuf_appendf(sb, "%s = %s\n", key_names[KEY_FULLSCREEN], s->fullscreen ? "true" : "false");
    strbuf_appendf(sb, "%s = %s\n", key_names[KEY_REPEAT_INSTRUCTIONS],
                   s->repeat_instructions ? "true" : "false");
    strbuf_appendf(sb, "%s = %dx%d\n", key_names[KEY_WINDOW],
                   clamp(s->window_w, SETTINGS_WINDOW_MIN_W, SETTINGS_WINDOW_MAX),
                   clamp(s->window_h, SETTINGS_WINDOW_MIN_H, SETTINGS_WINDOW_MAX));
    bool keep = writable_path(s->last_routine);
    if (s->last_routine && !keep)
        log_debug("settings: last routine not remembered, the path cannot be written: %s",
                  s->last_routine);
    strbuf_appendf(sb, "%s = %s\n", key_names[KEY_LAST_ROUTINE], keep ? s->last_routine : "");
}

bool settings_write(const char *path, const struct settings *s)
{
    struct strbuf sb = {0};
    format_file(&sb, s);
    const char *what = "";
    bool ok = files_replace(path, sb.data, sb.len, &what);
    if (!ok)
        log_warn(_("settings not saved to %s: %s: %s"), path, what, strerror(errno));
    strbuf_free(&sb);
    return ok;
}

char *settings_default_path(void)
{
    const char *env = getenv("SMR_SETTINGS");
    if (env)
        return env[0] ? xstrdup(env) : NULL;
    const char *config = getenv("XDG_CONFIG_HOME");
    if (config && config[0] == '/')
        return xasprintf("%s/smr-timer/settings.ini", config);
    const char *home = getenv("HOME");
    if (home && home[0])
        return xasprintf("%s/.config/smr-timer/settings.ini", home);
    return NULL;
}
