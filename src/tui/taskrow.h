/* taskrow: a task as the lists keep it, its columns, and the search that
 * the paged task lists (a department's tasks, the roadmap) share. */
#ifndef PLANCON_TUI_TASKROW_H
#define PLANCON_TUI_TASKROW_H

#include <curses.h>
#include <stdbool.h>

#include "plancon/store_tasks.h"


struct app;
struct view;

/* A list's copy of a task row (the strings are its own). */
struct taskrow {
	long long id, pos;
	char *code, *title, *lead, *status, *due;
	int progress;
	int chapter_no, section_no;
	bool provisional;
	int light;                 /* enum cycle_light; -1: none */
};

struct taskrow *taskrow_copy(const struct task_row *t);
void taskrow_free(void *p);

/* The columns of a task row: name (indent, code, title), lead, a late
 * mark, status, progress. The status column is at the same cell on every
 * row, whatever the indent and the width of the text before it. */
struct task_cols {
	int name_w, lead_x, lead_w, mark_x, status_x, status_w, prog_x, prog_w;
};
void task_cols(struct task_cols *c, int width);

/* The headings of the task columns at line y ("Task" over the name). */
void task_cols_header(WINDOW *w, int y, int width, const struct task_cols *c, const char *first);

/* Draw task t at line y, its code indented by indent cells. */
void taskrow_draw(struct app *a, WINDOW *w, int y, int width, const struct task_cols *c, int indent,
                  const struct taskrow *t, bool cursor);

/* The words for light l (enum cycle_light) and for reason r (enum
 * cycle_reason); "" when out of range. */
const char *light_label(int l);
const char *light_reason_label(int r);

/* The theme attribute of light l's mark. */
attr_t light_attr(int l);

/* The attributes of a task status key (late: as of the app's date); its
 * label is task_status_label_for (model.h). */
attr_t status_attr(const char *key, bool late);

/* Move v's cursor to the next task matching text in the list's groups,
 * group g being scopes[g] (in list order, each paged by pos); see
 * view_ops.search. */
bool scoped_search(struct view *v, const struct task_scope *scopes, int nscopes, const char *text,
                   bool backward, bool inclusive);

#endif
