/* handout_cmd.h - `smr-timer handout ROUTINE -o FILE.pdf [--paper a4|letter]`:
 * the routine's one-page handout (src/print/handout.h), written whole. */
#pragma once

/* argv[0] is "handout". Exit status: 0 written, 1 the routine does not pass
 * or the PDF could not be made or written, 2 misuse. */
int cmd_handout(int argc, char **argv);
