/* log.c - see log.h. Debug and info lines carry file:line; warnings and errors
 * are meant for users and carry only the program's name. */
#include "util/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum log_level min_level = LOG_WARN;
static log_sink_fn sink_fn;
static void *sink_user;

void log_set_sink(log_sink_fn sink, void *user)
{
    sink_fn = sink;
    sink_user = user;
}

void log_init_from_env(void)
{
    const char *v = getenv("SMR_LOG");
    if (!v)
        return;
    if (strcmp(v, "debug") == 0)
        min_level = LOG_DEBUG;
    else if (strcmp(v, "info") == 0)
        min_level = LOG_INFO;
    else if (strcmp(v, "error") == 0)
        min_level = LOG_ERROR;
}

void log_write(enum log_level level, const char *file, int line, const char *fmt, ...)
{
    if (level < min_level)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (sink_fn) {
        sink_fn(level, file, line, buf, sink_user);
        return;
    }
    static const char *const names[] = {"debug", "info", "warning", "error"};
    if (level <= LOG_INFO)
        fprintf(stderr, "smr-timer: %s: %s:%d: %s\n", names[level], file, line, buf);
    else
        fprintf(stderr, "smr-timer: %s: %s\n", names[level], buf);
}
