/* store_tasks: the plan's tasks and their milestones: lists, counts and
 * searches (one query for the CLI and the console), the plan tree's
 * counts, the roadmap, and the writes (status, progress, notes, milestones,
 * assignments). Every task list is keyset-paged on tasks.pos, so a page
 * costs the same wherever it is in a plan of any size. Conventions:
 * store.h. */
#ifndef PLANCON_STORE_TASKS_H
#define PLANCON_STORE_TASKS_H

#include <stdbool.h>
#include <stddef.h>

#include "plancon/auth.h"
#include "plancon/cycle.h"
#include "plancon/store.h"

/* ---- rows -------------------------------------------------------------------- */

struct task_row {
	long long id, pos, version;
	const char *code, *title, *description;
	const char *document_key, *document_short;
	int chapter_no, section_no;    /* section_no 0: directly under the chapter */
	const char *chapter_title, *section_title;
	long long lead_id;
	const char *lead_short, *lead_name;   /* NULL when no lead */
	const char *coop;              /* cooperating departments' short names, "、"-separated */
	bool provisional;
	const char *start_date, *due_date;    /* NULL when unknown */
	const char *status;            /* key: not_started ... */
	int progress;
	const char *updated_at, *updated_by, *sources;
	bool awaiting;                 /* reported done, waiting for the office to verify it */
	const char *original_due;      /* the due date before the first extension; NULL: never extended */
	int light;                     /* enum cycle_light; -1: none (the cycle is off, or not asked) */
	int light_reason;              /* enum cycle_reason; -1 with no light */
};

struct milestone_row {
	long long id, task_id;
	const char *task_code, *task_title, *lead_short;
	int year, quarter;             /* quarter 0: the whole year */
	const char *target, *status, *updated_at, *updated_by;
};

/* The whole plan's tasks, counted. */
struct plan_counts {
	long long n;
	long long by_status[5];   /* by enum task_status */
	long long n_late;         /* late as of the date asked for */
	long long progress_n, progress_sum;   /* as in store_plan.h's chapter_row */
};

typedef int (*task_cb)(const struct task_row *, void *ctx);
typedef int (*milestone_cb)(const struct milestone_row *, void *ctx);

/* ---- lists, counts and searches: one query ------------------------------------- */

/* Which tasks a query starts from (its scope): each has an index to walk,
 * so a page costs the same wherever it is. */
enum scope_kind {
	SCOPE_ALL,                 /* every task */
	SCOPE_GROUP,               /* one tree group: chapter id a, section id b (0: directly under the chapter) */
	SCOPE_LEAD,                /* tasks led by department id a */
	SCOPE_COOP,                /* tasks department id a cooperates on */
	SCOPE_DEPT,                /* tasks department id a leads or cooperates on */
	SCOPE_TIMED,               /* tasks with a due date or a milestone: the roadmap */
	SCOPE_COUNT
};
struct task_scope {
	enum scope_kind kind;
	long long a, b;            /* GROUP: chapter id, section id; LEAD/COOP/DEPT: department id */
};

/* The one query of tasks, for every list, count and search of the commands
 * and the console: a scope narrowed by the filter's terms, all of which
 * must hold. A zero query ({ 0 }, or NULL) is every task.
 *
 * The search is one rule everywhere: a task matches when its code, title
 * or description contains the search text, ASCII and full-width Latin
 * letters compared without case (text.h's search rule); one character is
 * enough, Chinese included. A text that is not valid UTF-8 is refused
 * (ERR_INVALID). Three characters or more are looked up in a trigram
 * index; one or two are tested on each task of the scope. */
struct task_query {
	struct task_scope scope;
	const char *status;        /* task status key; NULL: any */
	long long dept_id;         /* led or cooperated on by this department; 0: any */
	long long chapter_id;      /* in this chapter; 0: any */
	const char *search;        /* the search; NULL or "": none */
	const char *late_as_of;    /* only tasks late at this date (model_task_late); NULL: all */
	/* The warning lights (cycle_light_of, at as_of under cycle; none when
	 * cycle is NULL or off): each row's light, and the filter light (a
	 * key of CYCLE_LIGHTS; NULL: any; ERR_INVALID when unknown). */
	const struct cycle_settings *cycle;
	const char *as_of;
	const char *light;
};

/* Tasks matching q in plan order, starting after position after_pos
 * (0: from the start) going forward, or before it going backward (when
 * backward is true; after_pos 0: from the end), at most limit rows (0: no
 * limit). Keyset paging: the cost depends on limit, not on where in the
 * plan the page is. */
enum err_code store_tasks_each(struct store *s, const struct task_query *q, long long after_pos, bool backward,
                               int limit, task_cb cb, void *ctx, struct error *e);

/* How many tasks match q, counting only those before before_pos when it
 * is > 0. */
enum err_code store_tasks_count(struct store *s, const struct task_query *q, long long before_pos, long long *n,
                                struct error *e);

/* One task by code; ERR_NOT_FOUND if none. */
enum err_code store_task_get(struct store *s, const char *code, task_cb cb, void *ctx, struct error *e);

/* The same with its warning light at as_of under cycle (none when cycle is
 * NULL or off). */
enum err_code store_task_get_lit(struct store *s, const char *code, const struct cycle_settings *cycle,
                                 const char *as_of, task_cb cb, void *ctx, struct error *e);

/* The plan's tasks counted by status, late at as_of (may be NULL), and its
 * mean progress's sums. */
enum err_code store_plan_counts(struct store *s, const char *as_of, struct plan_counts *out, struct error *e);

/* Tasks matching q (its scope is not used: every group is counted)
 * counted by tree group (section_id 0: directly under the chapter); n_late
 * counts those late at as_of (may be NULL). */
struct tree_count_row {
	long long chapter_id, section_id;
	long long n, n_done, n_late;
	long long progress_n, progress_sum;   /* what the mean progress is made of (chapter_row) */
};
typedef int (*tree_count_cb)(const struct tree_count_row *, void *ctx);
enum err_code store_tree_counts_each(struct store *s, const struct task_query *q, const char *as_of,
                                     tree_count_cb cb, void *ctx, struct error *e);

/* The warning lights counted (by enum cycle_light) per lead department
 * (key: its short name; NULL for the tasks without a lead) or per chapter
 * (key: its number), at as_of under cycle (nothing when it is off). A pass
 * over every task. */
enum light_group { LIGHTS_BY_DEPT, LIGHTS_BY_CHAPTER };
struct light_count_row {
	const char *key;
	long long n[CYCLE_LIGHT_COUNT];
};
typedef int (*light_count_cb)(const struct light_count_row *, void *ctx);
enum err_code store_light_counts_each(struct store *s, enum light_group by, const struct cycle_settings *cycle,
                                      const char *as_of, light_count_cb cb, void *ctx, struct error *e);

/* A task's place in tree order: part, chapter and section numbers
 * (section 0: directly under the chapter) and its pos. */
struct tree_key {
	int part_no, chapter_no, section_no;
	long long pos;
};
/* The first task matching q (q->search should be set; its scope is not
 * used: the whole tree is searched) strictly after
 * (or, backward, strictly before) *from in tree order; from NULL: from the
 * start (or the end). On a match sets *found and fills hit and the task's
 * chapter and section ids. */
enum err_code store_tree_find(struct store *s, const struct task_query *q, const struct tree_key *from,
                              bool backward, bool *found, struct tree_key *hit,
                              long long *chapter_id, long long *section_id, struct error *e);

/* ---- milestones and the roadmap ---------------------------------------------- */

/* Milestones of one task (task_id > 0: by period; one index lookup) or of
 * all tasks (0: in plan order, each task's by period). */
enum err_code store_milestones_each(struct store *s, long long task_id, milestone_cb cb, void *ctx, struct error *e);

/* The roadmap: tasks of SCOPE_TIMED (whatever q's scope) matching q, paged
 * like store_tasks_each, each with its milestones: cb is called once per
 * (task, milestone) pair, tasks in page order and each task's milestones by
 * period; m is NULL for a task without milestones. Its task rows fill only
 * what the roadmap shows: id, pos, version, code, title, chapter_no,
 * section_no, lead_id, lead_short, provisional, start_date, due_date,
 * status, progress; the rest are NULL. */
typedef int (*roadmap_cb)(const struct task_row *t, const struct milestone_row *m, void *ctx);
enum err_code store_roadmap_each(struct store *s, const struct task_query *q, long long after_pos,
                                 bool backward, int limit, roadmap_cb cb, void *ctx, struct error *e);

/* The distinct periods of the roadmap, in order: every milestone's (year,
 * quarter 0 for the whole year), and the year (quarter 0) of every task's
 * due date, which counts as a milestone of its period. */
typedef int (*period_cb)(int year, int quarter, void *ctx);
enum err_code store_periods_each(struct store *s, period_cb cb, void *ctx, struct error *e);

/* ---- writes --------------------------------------------------------------------- */

struct task_update {
	const char *code;
	long long base_version;    /* the version the change is based on; 0: the current one */
	const char *status;        /* key or label; NULL: unchanged */
	int progress;              /* 0-100; -1: unchanged */
	const char *note;          /* NULL or "": none */
};

/* Change a task's status, progress and/or add a note. Changing status or
 * progress is ACT_SET_STATUS; a note alone is ACT_NOTE. Rules: progress
 * 0-100; done means 100 % (done without a progress sets 100); cancelling
 * needs a note. When base_version is not the task's version, nothing is
 * written and ERR_CONFLICT says "changed by NAME at TIME (now version N)". */
enum err_code store_task_update(struct store *s, const struct identity *who, const struct task_update *u,
                                struct write_result *r, struct error *e);

/* Would who be allowed act (ACT_SET_STATUS, ACT_NOTE, ...) on task code as
 * it is now? For a form that should not offer what would be refused; the
 * writes check again. ERR_OK, ERR_NOT_FOUND, or the refusal in e. */
enum err_code store_task_may(struct store *s, const struct identity *who, const char *code,
                             enum auth_action act, struct error *e);

/* Set the status (key or label) of task code's milestone for year (quarter
 * 1-4, or 0 for the whole year). ACT_MILESTONE. */
enum err_code store_milestone_set(struct store *s, const struct identity *who, const char *code, int year,
                                  int quarter, const char *status, const char *note,
                                  struct write_result *r, struct error *e);

struct assignment {
	const char *code;
	const char *lead;          /* department (short or full name); NULL: unchanged */
	const char *const *coop;   /* with set_coop: the new cooperating departments */
	size_t ncoop;
	bool set_coop;
	bool confirm;              /* make a provisional assignment confirmed */
};

/* Change who leads and who cooperates on a task (admin only). Raises the
 * task's version like any other change. */
enum err_code store_assign(struct store *s, const struct identity *who, const struct assignment *a,
                           struct write_result *r, struct error *e);

#endif
