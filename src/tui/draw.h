/* draw: putting text on a curses window. Every string from the database
 * reaches the screen through here, and so through text_fit_wide: measured
 * in cells, cut without splitting a character, control characters
 * replaced. */
#ifndef PLANCON_TUI_DRAW_H
#define PLANCON_TUI_DRAW_H

#include <curses.h>
#include <stdbool.h>

/* Draw s at (y, x) fitted into cols cells in attr; with pad, fill the rest
 * of the cols with spaces. Returns the cells drawn. */
int draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, bool pad);

/* Like draw_text, right-aligned in cols cells (padded on the left). */
int draw_text_right(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr);

/* Like draw_text, with each occurrence of needle (ASCII case ignored) in
 * hl attributes. needle NULL or "" highlights nothing. */
int draw_text_hl(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr,
                 const char *needle, attr_t hl, bool pad);

/* Spaces from (y, x) for cols cells, in attr. */
void draw_blank(WINDOW *w, int y, int x, int cols, attr_t attr);

/* A progress bar "[###.....]" of cols cells (at least 3) for frac 0..1. */
void draw_bar(WINDOW *w, int y, int x, int cols, double frac, attr_t fill, attr_t rest);

/* True when needle (ASCII case ignored) occurs in s. */
bool draw_matches(const char *s, const char *needle);

#endif
