/* arraysrc: the rows of a view that holds them all in memory (departments,
 * indicators, the report's groups): the list source, the search with its
 * wrap-around, and the reload that keeps the cursor's row. Row key i + 1
 * is item i. */
#ifndef PLANCON_TUI_ARRAYSRC_H
#define PLANCON_TUI_ARRAYSRC_H

#include <stdbool.h>

struct view;
struct view_ops;
struct app;

struct arraysrc {
	void *ctx;                                        /* the view's own struct */
	long long (*count)(void *ctx);                    /* how many items */
	void *(*item)(void *ctx, long long i);            /* item i, 0 <= i < count */
	bool (*matches)(void *ctx, long long i, const char *text); /* does item i match the search */
	void (*load)(void *ctx);                          /* (re)build the items */
};

/* view_init with the array as the list's one group, loaded, the cursor
 * on the first row. s must live as long as the view. */
void arraysrc_open(struct view *v, const struct view_ops *ops, struct app *a, struct arraysrc *s);

/* Rebuild the items (s->load), keeping the cursor on its row. */
void arraysrc_reload(struct view *v, const struct arraysrc *s);

/* Rebuild the items, the cursor on the first row (another grouping). */
void arraysrc_rebuild(struct view *v, const struct arraysrc *s);

/* The next (previous when backward) item matching text from the cursor,
 * the cursor's own when inclusive, round the end with "search wrapped
 * around" on the status line; false when none matches. */
bool arraysrc_search(struct view *v, const struct arraysrc *s, const char *text, bool backward, bool inclusive);

#endif
