/* check.h - `smr-timer check FILE...`: validate routines, print every problem. */
#pragma once

/* argv[0] is "check". Exit status: 0 all valid, 1 any invalid, 2 misuse. */
int cmd_check(int argc, char **argv);
