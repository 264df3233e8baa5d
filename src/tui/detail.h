/* detail: lines of text for the detail pane and the text views, wrapped
 * to a width, drawn with a scroll offset. */
#ifndef PLANCON_TUI_DETAIL_H
#define PLANCON_TUI_DETAIL_H

#include <curses.h>
#include <stdbool.h>

#include "list.h"

struct app;

struct detail_line {
	char *text;                /* sanitized, at most width cells */
	attr_t attr;
};

struct detail {
	struct detail_line *lines;
	int n, cap;
	int width;
	int scroll;
	/* what the lines show: the row, the list's generation, the width */
	bool valid;
	struct list_pos pos;
	unsigned gen;
};

/* Empty d and set the width to wrap at; the scroll goes back to the top. */
void detail_reset(struct detail *d, int width);
void detail_free(struct detail *d);

/* Add s wrapped to the width. */
void detail_text(struct detail *d, attr_t attr, const char *s);
void detail_textf(struct detail *d, attr_t attr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Add "Label      value", the value wrapped under itself. */
void detail_field(struct detail *d, const char *label, const char *value, attr_t attr);
/* Like detail_field with a label column of label_w cells. */
void detail_columns(struct detail *d, const char *label, int label_w, const char *value, attr_t attr);
void detail_blank(struct detail *d);

/* Scroll by n lines for a pane of height lines (clamped). */
void detail_scroll(struct detail *d, int n, int height);

/* Draw lines from the scroll offset into w at rows y0..y0+height, x,
 * width cells; occurrences of hl are highlighted. */
void detail_draw(const struct detail *d, WINDOW *w, int y0, int height, int x, int width, const char *hl);

/* The detail of the task with code: status, departments (provisional ones
 * marked), dates, description, milestones and the latest changes. */
void detail_task(struct detail *d, struct app *a, const char *code);
/* The task's reports with their history and its evidence, while the
 * supervision cycle is on (task_reports.c). */
void detail_task_reports(struct detail *d, struct app *a, const char *code);

#endif
