/* store_tui: the reads the console needs beyond store.h: the plan tree's
 * skeleton and counts, tasks of one tree group or one department, the
 * roadmap's rows with their milestones, and searches in tree order. All
 * task lists are keyset-paged on tasks.pos, so a page costs the same
 * wherever it is in a plan of any size. Same conventions as store.h:
 * rows go to a callback, their strings valid only during the call. */
#ifndef PLANCON_STORE_TUI_H
#define PLANCON_STORE_TUI_H

#include "plancon/store.h"

/* What the console's filter asks for (ids, not names: the console picks
 * them from lists). */
struct tui_query {
	const char *status;        /* task status key; NULL: any */
	long long dept_id;         /* lead or cooperating department; 0: any */
	long long chapter_id;      /* 0: any */
	const char *search;        /* the search (store.h's task_filter); NULL: any */
};

/* Which tasks a list shows. */
enum scope_kind {
	SCOPE_ALL,                 /* every task */
	SCOPE_GROUP,               /* one tree group: chapter id, section id (0: directly under the chapter) */
	SCOPE_LEAD,                /* tasks led by department id */
	SCOPE_COOP,                /* tasks department id cooperates on */
	SCOPE_TIMED,               /* tasks with a due date or a milestone: the roadmap */
	SCOPE_COUNT
};
struct task_scope {
	enum scope_kind kind;
	long long a, b;            /* GROUP: chapter id, section id; LEAD/COOP: department id */
};

/* Tasks of scope sc matching q, in plan order, keyset-paged like
 * store_tasks_each (after_pos 0: from the start; backward with after_pos 0:
 * from the end). Fills only the columns a list row shows: id, pos,
 * version, code, title, chapter_no, section_no, lead_id, lead_short,
 * provisional, start_date, due_date, status, progress; the rest are NULL. */
enum err_code store_scope_tasks_each(struct store *s, const struct task_scope *sc, const struct tui_query *q,
                                     long long after_pos, bool backward, int limit,
                                     task_cb cb, void *ctx, struct error *e);

/* How many tasks of scope sc match q, counting only those before
 * before_pos when it is > 0. */
enum err_code store_scope_tasks_count(struct store *s, const struct task_scope *sc, const struct tui_query *q,
                                      long long before_pos, long long *n, struct error *e);

/* One node of the plan's tree, in tree order: a part, then each of its
 * chapters, each followed by its sections. */
enum tree_kind { TREE_PART, TREE_CHAPTER, TREE_SECTION };
struct tree_node_row {
	enum tree_kind kind;
	long long id;              /* of the part, chapter or section */
	int part_no, chapter_no, section_no;
	const char *title, *note;
};
typedef int (*tree_node_cb)(const struct tree_node_row *, void *ctx);
enum err_code store_tree_nodes_each(struct store *s, tree_node_cb cb, void *ctx, struct error *e);

/* Tasks matching q counted by tree group (section_id 0: directly under
 * the chapter); n_late counts those late at as_of (may be NULL). */
struct tree_count_row {
	long long chapter_id, section_id;
	long long n, n_done, n_late;
	long long progress_n, progress_sum;   /* what the mean progress is made of (store.h's chapter_row) */
};
typedef int (*tree_count_cb)(const struct tree_count_row *, void *ctx);
enum err_code store_tree_counts_each(struct store *s, const struct tui_query *q, const char *as_of,
                                     tree_count_cb cb, void *ctx, struct error *e);

/* A task's place in tree order: part, chapter and section numbers
 * (section 0: directly under the chapter) and its pos. */
struct tree_key {
	int part_no, chapter_no, section_no;
	long long pos;
};
/* The first task matching q (q->search should be set) strictly after
 * (or, backward, strictly before) *from in tree order; from NULL: from the
 * start (or the end). On a match sets *found and fills hit and the task's
 * chapter and section ids. */
enum err_code store_tree_find(struct store *s, const struct tui_query *q, const struct tree_key *from,
                              bool backward, bool *found, struct tree_key *hit,
                              long long *chapter_id, long long *section_id, struct error *e);

/* The roadmap: tasks of SCOPE_TIMED matching q, paged like
 * store_scope_tasks_each, each with its milestones: cb is called once per
 * (task, milestone) pair, tasks in page order and each task's milestones by
 * period; m is NULL for a task without milestones. */
typedef int (*roadmap_cb)(const struct task_row *t, const struct milestone_row *m, void *ctx);
enum err_code store_roadmap_each(struct store *s, const struct tui_query *q, long long after_pos,
                                 bool backward, int limit, roadmap_cb cb, void *ctx, struct error *e);

/* The distinct periods of the roadmap, in order: every milestone's (year,
 * quarter 0 for the whole year), and the year (quarter 0) of every task's
 * due date, which counts as a milestone of its period. */
typedef int (*period_cb)(int year, int quarter, void *ctx);
enum err_code store_periods_each(struct store *s, period_cb cb, void *ctx, struct error *e);

/* The milestones of one task, by period, and its latest limit changes,
 * newest first: what the detail pane shows. Unlike the general queries of
 * store.h these take the task's id only, so each is one index lookup. */
enum err_code store_task_milestones_each(struct store *s, long long task_id, milestone_cb cb, void *ctx,
                                         struct error *e);
enum err_code store_task_changes_each(struct store *s, long long task_id, int limit, change_cb cb, void *ctx,
                                      struct error *e);

/* The plan's documents, by their first year. */
struct document_row {
	long long id;
	const char *key, *title, *short_title;
	int year_from, year_to;    /* 0 when unknown */
};
typedef int (*document_cb)(const struct document_row *, void *ctx);
enum err_code store_documents_each(struct store *s, document_cb cb, void *ctx, struct error *e);

#endif
