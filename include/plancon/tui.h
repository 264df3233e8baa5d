/* tui: the full-screen console that plancon opens with no command. */
#ifndef PLANCON_TUI_H
#define PLANCON_TUI_H

#include "plancon/cli.h"

/* Run the console on c's store until the user quits. Returns the exit
 * status: 0, or 2 (with a message on c->err) when stdin or stdout is not a
 * terminal or the terminal type is unknown or unusable. */
int tui_run(struct cli *c);

#endif
