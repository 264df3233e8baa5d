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

/* A modal box of height x width cells centred on a screen of rows x cols:
 * a window erased inside and framed in frame attributes. The rows it spans,
 * and the row above and below it (not the top line or the status line),
 * are blanked across the whole screen first, so that nothing drawn behind
 * shows beside its frame and no wide character behind is cut by its edge.
 * The caller draws into it, refreshes it and deletes it; NULL when it
 * cannot be made. */
WINDOW *draw_modal(int rows, int cols, int height, int width, attr_t frame);

/* True when needle (ASCII case ignored) occurs in s. */
bool draw_matches(const char *s, const char *needle);

#endif
