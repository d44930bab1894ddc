/* log.h - the one logging module: levels, printf-checked formats, a settable
 * sink so tests can capture what the program says. */
#pragma once

#include <stdarg.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

typedef void (*log_sink_fn)(enum log_level level, const char *file, int line,
                            const char *message, void *user);

/* NULL restores the default sink (stderr, "smr-timer: " prefix). */
void log_set_sink(log_sink_fn sink, void *user);
/* Messages below the level are dropped: LOG_WARN, or SMR_LOG=debug|info|error. */
void log_init_from_env(void);

#if defined(__GNUC__) || defined(__clang__)
#define SMR_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define SMR_PRINTF(fmt, args)
#endif

void log_write(enum log_level level, const char *file, int line, const char *fmt, ...)
    SMR_PRINTF(4, 5);

#define log_debug(...) log_write(LOG_DEBUG, __FILE__, __LINE__, __VA_ARGS__)
#define log_info(...) log_write(LOG_INFO, __FILE__, __LINE__, __VA_ARGS__)
#define log_warn(...) log_write(LOG_WARN, __FILE__, __LINE__, __VA_ARGS__)
#define log_error(...) log_write(LOG_ERROR, __FILE__, __LINE__, __VA_ARGS__)
