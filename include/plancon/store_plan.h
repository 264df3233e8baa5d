/* store_plan: the plan's structure, read and (departments, indicator
 * values) written: documents, parts, chapters and sections, the tree they
 * make, departments and indicators. Parts, chapters and departments count
 * their tasks from the tallies the database keeps
 * (db/migrations/0005_perf_indexes.sql): a few thousand rows read whatever
 * the size of the plan. Conventions: store.h. */
#ifndef PLANCON_STORE_PLAN_H
#define PLANCON_STORE_PLAN_H

#include <stdbool.h>

#include "plancon/store.h"

struct identity;

/* ---- documents, parts, chapters, sections ----------------------------------- */

/* The plan's documents, by their first year. */
struct document_row {
	long long id;
	const char *key, *title, *short_title;
	int year_from, year_to;    /* 0 when unknown */
};

struct part_row {
	long long id;
	int no;
	const char *title;
	int n_chapters, n_tasks;
};

struct chapter_row {
	long long id;
	int no, part_no;
	const char *title, *note;
	int n_sections, n_tasks, n_done;
	/* what its mean progress is made of (model.h): the tasks that count
	 * (all but the cancelled) and their summed progress */
	long long progress_n, progress_sum;
};

struct section_row {
	long long id;
	int chapter_no, no;
	const char *title;
	int n_tasks;
};

/* One node of the plan's tree, in tree order: a part, then each of its
 * chapters, each followed by its sections. */
enum tree_kind { TREE_PART, TREE_CHAPTER, TREE_SECTION };
struct tree_node_row {
	enum tree_kind kind;
	long long id;              /* of the part, chapter or section */
	int part_no, chapter_no, section_no;
	const char *title, *note;
};

typedef int (*document_cb)(const struct document_row *, void *ctx);
typedef int (*part_cb)(const struct part_row *, void *ctx);
typedef int (*chapter_cb)(const struct chapter_row *, void *ctx);
typedef int (*section_cb)(const struct section_row *, void *ctx);
typedef int (*tree_node_cb)(const struct tree_node_row *, void *ctx);

enum err_code store_documents_each(struct store *s, document_cb cb, void *ctx, struct error *e);
enum err_code store_parts_each(struct store *s, part_cb cb, void *ctx, struct error *e);
/* part_no 0: every chapter. */
enum err_code store_chapters_each(struct store *s, int part_no, chapter_cb cb, void *ctx, struct error *e);
/* chapter_no 0: every section. */
enum err_code store_sections_each(struct store *s, int chapter_no, section_cb cb, void *ctx, struct error *e);
enum err_code store_tree_nodes_each(struct store *s, tree_node_cb cb, void *ctx, struct error *e);
/* Find a chapter by its number; ERR_NOT_FOUND if none. */
enum err_code store_chapter_find(struct store *s, int no, long long *id, struct error *e);

/* ---- departments ------------------------------------------------------------ */

struct dept_row {
	long long id;
	const char *short_name, *name;
	int n_lead, n_coop;
	int by_status[5];         /* lead tasks by enum task_status */
	int n_late;               /* lead tasks late as of the date asked for */
	long long progress_n, progress_sum;   /* of its lead tasks, as in chapter_row */
};
typedef int (*dept_cb)(const struct dept_row *, void *ctx);

/* Departments in name order; as_of (may be NULL) counts late lead tasks. */
enum err_code store_depts_each(struct store *s, const char *as_of, dept_cb cb, void *ctx, struct error *e);
/* Find a department by short or full name; ERR_NOT_FOUND if none. */
enum err_code store_dept_find(struct store *s, const char *name, long long *id, struct error *e);

/* Add a department (admin only). */
enum err_code store_dept_add(struct store *s, const struct identity *who, const char *short_name,
                             const char *name, struct error *e);

/* Rename a department: new short name, and a new full name unless NULL. */
enum err_code store_dept_rename(struct store *s, const struct identity *who, const char *short_name,
                                const char *new_short, const char *new_name, struct write_result *r,
                                struct error *e);

/* ---- indicators ------------------------------------------------------------- */

struct indicator_row {
	long long id;
	const char *name, *unit, *note, *sources;
	bool has_base;
	int base_year;
	double base_value;
};

struct indicator_value {
	int year;
	double value;
	const char *op;                /* targets: "=", "~", ">=", "<="; actuals: NULL */
	const char *recorded_at, *recorded_by;
};

typedef int (*indicator_cb)(const struct indicator_row *, void *ctx);
typedef int (*value_cb)(const struct indicator_value *, void *ctx);

enum err_code store_indicators_each(struct store *s, indicator_cb cb, void *ctx, struct error *e);
enum err_code store_indicator_targets_each(struct store *s, long long id, value_cb cb, void *ctx, struct error *e);
enum err_code store_indicator_actuals_each(struct store *s, long long id, value_cb cb, void *ctx, struct error *e);

struct actual_update {
	const char *indicator;     /* its exact name, or a part only one indicator's name contains */
	int year;
	double value;
	const char *unit;          /* typed after the value ("%"): NULL or "" for none, else the indicator's own */
};

/* Record the actual value of an indicator for a year (admin only). A unit
 * that is not the indicator's is refused (ERR_INVALID), saying which it
 * is. On success *name (when name is not NULL) gets the indicator's full
 * name, malloc'd; otherwise NULL. */
enum err_code store_actual_set(struct store *s, const struct identity *who, const struct actual_update *a,
                               struct write_result *r, char **name, struct error *e);

#endif
