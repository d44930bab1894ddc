/* list_cmd.h - `smr-timer list`: the routines there are, one a line. */
#pragma once

/* argv[0] is "list". Exit status: 0 listed, 1 could not write, 2 misuse. */
int cmd_list(int argc, char **argv);
