/* store: the plan database. The only module that includes sqlite3.h; every
 * SQL statement of plancon lives in src/store*.c. Reads hand rows to a
 * callback (strings valid only during the call); writes run in
 * BEGIN IMMEDIATE transactions. Every function that takes a struct error
 * takes a real one (never NULL): on failure it says why. */
#ifndef PLANCON_STORE_H
#define PLANCON_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "plancon/error.h"

struct store;

enum {
	STORE_CREATE   = 1 << 0,   /* create the file with the bundled plan if missing */
	STORE_READONLY = 1 << 1,   /* open read-only */
	STORE_EMPTY    = 1 << 2,   /* with STORE_CREATE: schema only, no bundled plan */
	STORE_SYNC_NORMAL = 1 << 3,  /* commits do not wait for the disk ([core] sync = normal) */
};

/* ---- opening ------------------------------------------------------------- */

/* The default database path: $XDG_DATA_HOME/plancon/plan.db or
 * ~/.local/share/plancon/plan.db. Malloc'd; NULL when HOME is unknown. */
char *store_default_path(void);

/* The one check of what the database's path names, made before anything
 * opens it (store_open, check, import): ERR_OK when it is a regular file
 * (a symbolic link to one is fine) with *size its size, or when nothing is
 * there (*exists false); ERR_REFUSED, naming what it is, for a FIFO (whose
 * open() would wait forever), a device, a directory or a socket, and the
 * same for its -wal, -shm and -journal files. */
enum err_code store_file_check(const char *path, bool *exists, long long *size, struct error *e);

/* Open (and, with STORE_CREATE, create) the database at path, upgrading an
 * older schema in one transaction. Refuses a newer schema, a file that is
 * not a plancon database, and a damaged one, without modifying it. A file
 * that cannot be written is opened read-only (see store_readonly). Each
 * commit waits for the disk (survives a power cut) unless STORE_SYNC_NORMAL
 * is given: then a power cut may undo the last commits, but not damage the
 * file. A locked database is waited for up to 5 s, then ERR_BUSY. */
enum err_code store_open(struct store **out, const char *path, unsigned flags, struct error *e);
void store_close(struct store *s);

/* Like store_open, but migrate only up to version target (for testing
 * upgrades: make a database as an older plancon would have). */
enum err_code store_open_version(struct store **out, const char *path, unsigned flags,
                                 int target, struct error *e);

/* The path given to store_open. */
const char *store_path(const struct store *s);
/* True when the database was opened read-only. */
bool store_readonly(const struct store *s);
/* The schema version of the code (latest migration). */
int store_schema_version(void);
/* How this connection's commits reach the disk, as SQLite says
 * (PRAGMA synchronous): "off", "normal", "full" or "extra"; NULL on error. */
const char *store_synchronous(struct store *s);

/* A value of the meta table ("demo" = "1" for a demo database, "source"),
 * malloc'd, or NULL. */
char *store_meta_get(struct store *s, const char *key);

/* Is this a demo database (meta "demo" = "1")? */
bool store_is_demo(struct store *s);

/* Counter that changes when another connection commits (PRAGMA
 * data_version): poll it to learn that what is on screen is stale. */
long long store_data_version(struct store *s);

/* ---- the plan file (JSON) ------------------------------------------------ */

/* The bundled plan, as compiled into the binary. */
const char *store_bundled_plan(void);

/* Check a plan file (see plancon-plan(5)) and load it into an empty
 * database in one transaction. On a problem, nothing is written and e names
 * its location ("tasks[3].lead: no department 省xx"). */
enum err_code store_import(struct store *s, const char *json, size_t len, struct error *e);

/* ---- reading ------------------------------------------------------------- */

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

struct dept_row {
	long long id;
	const char *short_name, *name;
	int n_lead, n_coop;
	int by_status[5];         /* lead tasks by enum task_status */
	int n_late;               /* lead tasks late as of the filter's date */
	long long progress_n, progress_sum;   /* of its lead tasks, as in chapter_row */
};

/* The whole plan's tasks, counted. */
struct plan_counts {
	long long n;
	long long by_status[5];   /* by enum task_status */
	long long n_late;         /* late as of the date asked for */
	long long progress_n, progress_sum;   /* as in chapter_row */
};

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
};

struct milestone_row {
	long long id, task_id;
	const char *task_code, *task_title, *lead_short;
	int year, quarter;             /* quarter 0: the whole year */
	const char *target, *status, *updated_at, *updated_by;
};

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

struct change_row {
	long long id, task_id;
	const char *at, *who, *kind, *item, *field, *old, *new_value, *note;
	const char *actor;             /* who really made it, when not who (--user); NULL: who did */
};

enum dept_role { ROLE_ANY, ROLE_LEAD, ROLE_COOP };

struct task_filter {
	int chapter_no;                /* 0: any */
	int section_no;                /* 0: any (needs chapter_no) */
	const char *dept;              /* short or full name; NULL: any */
	enum dept_role role;           /* with dept */
	const char *status;            /* key; NULL: any */
	const char *search;            /* the search: NULL or "": none; see below */
	const char *document;          /* document key; NULL: any */
	const char *late_as_of;        /* only tasks late at this date; NULL: all */
};

/* The search, one rule for every command and view (task_filter and the
 * console's tui_query): a task matches when its code, title or
 * description contains the search text, ASCII and full-width Latin
 * letters compared without case (text.h's search rule); one character is
 * enough, Chinese included. A text that is not valid UTF-8 is refused
 * (ERR_INVALID). Three characters or more are looked up in a trigram
 * index; one or two are tested on each task of the scope. */

struct change_filter {
	const char *code;              /* one task; NULL: all */
	const char *dept;              /* tasks led by this department */
	const char *since;             /* YYYY-MM-DD; NULL: all */
	long long task_id;             /* 0: any */
	int limit;                     /* newest first when > 0; 0: all, oldest first */
};

/* Each callback returns 0 to go on, non-zero to stop. */
typedef int (*part_cb)(const struct part_row *, void *ctx);
typedef int (*chapter_cb)(const struct chapter_row *, void *ctx);
typedef int (*section_cb)(const struct section_row *, void *ctx);
typedef int (*dept_cb)(const struct dept_row *, void *ctx);
typedef int (*task_cb)(const struct task_row *, void *ctx);
typedef int (*milestone_cb)(const struct milestone_row *, void *ctx);
typedef int (*indicator_cb)(const struct indicator_row *, void *ctx);
typedef int (*value_cb)(const struct indicator_value *, void *ctx);
typedef int (*change_cb)(const struct change_row *, void *ctx);

enum err_code store_parts_each(struct store *s, part_cb cb, void *ctx, struct error *e);
/* The plan's tasks counted by status, late at as_of (may be NULL), and its
 * mean progress's sums. */
enum err_code store_plan_counts(struct store *s, const char *as_of, struct plan_counts *out, struct error *e);
/* Parts, chapters and departments count their tasks from the tallies the
 * database keeps (db/migrations/0005_perf_indexes.sql): a few thousand
 * rows read whatever the size of the plan. */
/* part_no 0: every chapter. */
enum err_code store_chapters_each(struct store *s, int part_no, chapter_cb cb, void *ctx, struct error *e);
enum err_code store_sections_each(struct store *s, int chapter_no, section_cb cb, void *ctx, struct error *e);
/* Departments in name order; as_of (may be NULL) counts late lead tasks. */
enum err_code store_depts_each(struct store *s, const char *as_of, dept_cb cb, void *ctx, struct error *e);
/* Find a department by short or full name; ERR_NOT_FOUND if none. */
enum err_code store_dept_find(struct store *s, const char *name, long long *id, struct error *e);

/* Tasks matching f in plan order, starting after position after_pos
 * (0: from the start) going forward, or before before_pos going backward
 * (when backward is true), at most limit rows (0: no limit). Keyset paging:
 * the cost depends on limit, not on where in the plan the page is. */
enum err_code store_tasks_each(struct store *s, const struct task_filter *f, long long after_pos,
                               bool backward, int limit, task_cb cb, void *ctx, struct error *e);
/* How many tasks match f. */
enum err_code store_tasks_count(struct store *s, const struct task_filter *f, long long *n, struct error *e);
/* One task by code; ERR_NOT_FOUND if none. */
enum err_code store_task_get(struct store *s, const char *code, task_cb cb, void *ctx, struct error *e);
/* Milestones of one task (task_id > 0) or of all tasks (0), by year. */
enum err_code store_milestones_each(struct store *s, long long task_id, milestone_cb cb, void *ctx, struct error *e);
enum err_code store_indicators_each(struct store *s, indicator_cb cb, void *ctx, struct error *e);
enum err_code store_indicator_targets_each(struct store *s, long long id, value_cb cb, void *ctx, struct error *e);
enum err_code store_indicator_actuals_each(struct store *s, long long id, value_cb cb, void *ctx, struct error *e);
enum err_code store_changes_each(struct store *s, const struct change_filter *f, change_cb cb, void *ctx, struct error *e);

#endif
