/* history_cmd.h - `smr-timer history [--csv] [--since DATE]`: the sessions
 * recorded (src/session/history.h), this week's count and the before/after
 * change per routine; or the sessions as CSV for a spreadsheet. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

#include "session/history.h"

/* argv[0] is "history". Exit status: 0 (an empty or missing history too),
 * 1 when the history cannot be read or written out, 2 misuse. */
int cmd_history(int argc, char **argv);

/* One CSV field as RFC 4180 quotes it (in quotes, inner quotes doubled,
 * when it holds a comma, a quote, CR or LF). A text field that a
 * spreadsheet would take for a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe; numbers are not text fields. NULL is an empty field. */
void history_cmd_csv_field(FILE *out, const char *s, bool text);
