/* theme: the attributes of each screen element, in colour and in
 * monochrome. */
#ifndef PLANCON_TUI_THEME_H
#define PLANCON_TUI_THEME_H

#include <curses.h>
#include <stdbool.h>

#include "plancon/config.h"

/* Choose colour or monochrome and set up the colour pairs. Call after
 * newterm. Colour is used unless cfg->color is off, NO_COLOR is set to a
 * non-empty value, or the terminal has no colours. */
void theme_init(const struct config *cfg);

/* The attributes (colour pair included) of element el. */
attr_t theme_attr(enum theme_element el);

/* True when the console draws without colours. */
bool theme_mono(void);

#endif
