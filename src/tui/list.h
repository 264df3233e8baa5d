/* list: a scrolling list of rows with a cursor, loaded a screenful at a
 * time from a keyset-paged source. Rows come in groups (a tree node's
 * tasks, a department's lead and cooperating tasks); a group may show a
 * header row and may be closed. Only the rows on screen are in memory: a
 * move past the edge asks the source for the next few rows after the last
 * one shown, never for "rows N to N+24", so the cost of a keystroke does not
 * grow with the size of the plan. */
#ifndef PLANCON_TUI_LIST_H
#define PLANCON_TUI_LIST_H

#include <stdbool.h>

struct list;

/* A row's place: group, and either the group's header or an item key
 * (a task's pos, or an index + 1 for lists held in memory; keys are >= 1). */
struct list_pos {
	int group;
	bool header;
	long long key;
};

struct list_row {
	struct list_pos pos;
	void *data;                /* the source's copy of the item; NULL for a header */
};

struct list_group {
	bool header;               /* shows a header row */
	bool open;                 /* shows its items */
	long long n;               /* how many items it has */
};

struct list_src {
	/* Add the items of group g with list_add, nearest first: after key (from
	 * the start when !has_key) going forward, or before key (from the end
	 * when !has_key) going backward; at most limit. */
	void (*fetch)(void *ctx, struct list *l, int g, bool has_key, long long key, bool backward, int limit);
	/* How many items of group g come before key. */
	long long (*rank)(void *ctx, int g, long long key);
	/* Free an item's data. */
	void (*free)(void *data);
};

struct list {
	const struct list_src *src;
	void *ctx;
	struct list_group *groups;
	int ngroups;
	struct list_row *rows;     /* on screen: rows[0] is the top line */
	int nrows, height;
	int cur;                   /* the cursor, an index into rows */
	long long top;             /* index of rows[0] among all rows */
	unsigned gen;              /* changes whenever the rows are reloaded */
	/* filled by fetch through list_add */
	struct list_row *tmp;
	int ntmp, captmp, fetch_group;
};

void list_init(struct list *l, const struct list_src *src, void *ctx);
void list_free(struct list *l);

/* Make n groups, all without header, open, empty; the caller sets them
 * up and then calls list_first or list_reload. */
void list_set_groups(struct list *l, int n);

/* Called by a source's fetch for each item. */
void list_add(struct list *l, long long key, void *data);

/* Set the number of rows on screen, keeping the cursor's row. */
void list_set_height(struct list *l, int height);

/* Reload around the cursor's row (the data, a group's size or a group's
 * open state changed); if it is gone, the cursor goes to the next row. */
void list_reload(struct list *l);

/* Put the cursor on the row at pos (or the next one, if pos is gone),
 * offset rows from the top of the screen when the list allows it. */
void list_goto(struct list *l, const struct list_pos *pos, int offset);

/* Moves. n rows down (n > 0) or up (n < 0); a page; the ends. */
void list_move(struct list *l, int n);
void list_page(struct list *l, int dir);
void list_first(struct list *l);
void list_last(struct list *l);
/* Put the cursor on screen row y (a click); false if there is no row. */
bool list_select(struct list *l, int y);

/* The row under the cursor, or NULL when the list is empty. */
const struct list_row *list_current(const struct list *l);

/* The cursor's 1-based index and the number of rows. */
void list_position(const struct list *l, long long *index, long long *total);

/* The screen row of pos, or -1 when it is not on screen. */
int list_find(const struct list *l, const struct list_pos *pos);

#endif
