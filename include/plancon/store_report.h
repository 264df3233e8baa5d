/* store_report: the aggregate queries behind the progress reports and the
 * list of late work: one query per report, whatever the number of tasks; no
 * query per row. Conventions: store.h. */
#ifndef PLANCON_STORE_REPORT_H
#define PLANCON_STORE_REPORT_H

#include <stdbool.h>

#include "plancon/store.h"

/* How a report groups the tasks: the one name of the grouping, from
 * `report --by` down to the query. */
enum report_by {
	REPORT_BY_DEPT,            /* lead department */
	REPORT_BY_CHAPTER,         /* chapter */
	REPORT_BY_YEAR,            /* year of the due date; milestones by their own year */
	REPORT_BY_STATUS,          /* task status */
};

/* One group of a report. Late milestones count in the group of their task
 * (by year: in their own year). */
struct report_row {
	const char *key;           /* department short name, chapter number, year, status key;
	                              NULL: the tasks with no lead department / no due date */
	const char *title;         /* department full name, chapter title; NULL otherwise */
	long long n_tasks;
	long long by_status[5];    /* by enum task_status */
	long long late_tasks;      /* due before as_of, neither done nor cancelled */
	long long late_milestones; /* period ended before as_of, still pending */
	long long progress_n;      /* the tasks a mean progress counts (all but the cancelled: model.h) */
	long long progress_sum;    /* the sum of their progress (0-100 each) */
};
typedef int (*report_cb)(const struct report_row *, void *ctx);

/* The groups of a report in display order: every department (then the
 * tasks without a lead), every chapter, each year with a task due or a
 * milestone (then the tasks without a due date), or every status, each
 * even when it has no task. document: only tasks of the plan document with
 * that key; NULL: all. ERR_NOT_FOUND (naming the known keys) when there is
 * no such document. */
enum err_code store_report_each(struct store *s, enum report_by by, const char *as_of, const char *document,
                                report_cb cb, void *ctx, struct error *e);

/* One late task or milestone. */
struct late_row {
	bool milestone;
	const char *code, *title;  /* the task's */
	const char *lead_short;    /* NULL: no lead department */
	const char *due;           /* the task's due date, or the milestone period's last day */
	int year, quarter;         /* milestones: the period (quarter 0: the whole year) */
	const char *target;        /* milestones: what is due */
	const char *status;        /* key */
};
typedef int (*late_cb)(const struct late_row *, void *ctx);

/* Every task and milestone late at as_of (see model_task_late and
 * model_milestone_late), oldest due first, then in plan order; document as
 * for store_report_each. */
enum err_code store_late_each(struct store *s, const char *as_of, const char *document, late_cb cb, void *ctx,
                              struct error *e);

#endif
