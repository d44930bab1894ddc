/* plan_cmd.h - `smr-timer plan FILE [--json]`: print a routine's plan. */
#pragma once

/* argv[0] is "plan". Exit status: 0 ok, 1 invalid routine, 2 misuse. */
int cmd_plan(int argc, char **argv);
