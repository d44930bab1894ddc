/* output.h - writing a file the commands make (a tailored routine, a
 * handout): whole or not at all, never over an existing file unless asked. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Writes data to path through a temporary file in the same directory, which
 * is fsynced and then linked (or, with replace, renamed) into place, so that
 * a reader, a crash or a full disk sees no file or the whole one. Without
 * replace an existing path is left alone. False with one error line logged
 * ("COMMAND: PATH: what: why"). */
bool output_write(const char *command, const char *path, const void *data, size_t len,
                  bool replace);
/* True when something is at path (a file, a directory, a dangling link). */
bool output_exists(const char *path);
