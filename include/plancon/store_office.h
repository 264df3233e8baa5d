/* store_office: the office's side of the supervision cycle (plancon(1),
 * SUPERVISION): extensions of a task's due date (requested by the lead
 * department, decided by the office), reminders (催办) to a department,
 * the to-do list of a department, and the periods with their counts.
 * Every write is one BEGIN IMMEDIATE transaction with its permission
 * check (store_may) inside; the change log rows come from the triggers of
 * db/migrations/0009_cycle.sql. Conventions: store.h. */
#ifndef PLANCON_STORE_OFFICE_H
#define PLANCON_STORE_OFFICE_H

#include <stdbool.h>
#include <stddef.h>

#include "plancon/auth.h"
#include "plancon/cycle.h"
#include "plancon/store.h"
#include "plancon/store_cycle.h"

/* The longest reason or note of an extension or a reminder, in characters. */
enum { STORE_OFFICE_TEXT_MAX = 500 };

/* ---- periods (store_cycle.h) -------------------------------------------------- */

/* One period and what its reports came to. */
struct cycle_period_row {
	const char *key;           /* 2024-03 */
	const char *start, *end, *due;
	bool past_due;             /* as_of is after due: unfiled reports are missing */
	long long expected;        /* open tasks with a lead department (now) */
	long long on_time, late;   /* filed (submitted at least once), on time or late */
	long long missing;         /* expected, not filed, and past due (0 before) */
	long long to_file;         /* expected, not filed, not yet due (0 after) */
	long long returned, accepted;   /* filed reports in that state now */
};
typedef int (*cycle_period_cb)(const struct cycle_period_row *, void *ctx);

/* The periods from the first to the one containing as_of, oldest first,
 * with their counts; dept_id > 0: that lead department's reports only. */
enum err_code store_cycle_periods_each(struct store *s, const struct cycle_settings *cs, const char *as_of,
                                 long long dept_id, cycle_period_cb cb, void *ctx, struct error *e);

/* ---- extensions -------------------------------------------------------------- */

/* What a request or a decision did. */
struct extension_result {
	char code[64];
	char old_due[11], new_due[11];
	char original_due[11];     /* the task's due date before any extension ("" when never extended) */
	long long task_version;    /* after an approval: the task's new version */
};

/* Ask for code's due date to become new_due, for reason (ACT_REPORT: the
 * lead department). Refused after the task's due date (local date of now,
 * cycle_extension_open), for a task without a due date, done or cancelled,
 * or with a request already open; new_due must be a real date after the
 * current due date. */
enum err_code store_extension_request(struct store *s, const struct identity *who, const char *code,
                                      const char *new_due, const char *reason, struct extension_result *r,
                                      struct error *e);

/* Decide code's open request (ACT_OFFICE): approve (note may be NULL)
 * moves the task's due date to the new one, keeping the first due date in
 * original_due; reject needs a note (the reason). */
enum err_code store_extension_decide(struct store *s, const struct identity *who, const char *code, bool approve,
                                     const char *note, struct extension_result *r, struct error *e);

/* The due date task code had before its first approved extension into
 * out ("" when it was never extended); ERR_NOT_FOUND for an unknown code. */
enum err_code store_task_original_due(struct store *s, const char *code, char out[11], struct error *e);

struct extension_row {
	long long id;
	const char *code, *title, *dept;
	const char *old_due, *new_due, *reason, *state;   /* state: requested, approved, rejected */
	const char *requested_local, *requested_by;
	const char *decided_at, *decided_by, *note;       /* NULL while requested (note "") */
};
typedef int (*extension_cb)(const struct extension_row *, void *ctx);

struct extension_filter {
	const char *state;         /* requested, approved, rejected; NULL: all */
	long long dept_id;         /* the lead department; 0: all */
	const char *decided_since; /* decided on or after this UTC date (YYYY-MM-DD); NULL: any */
	int limit;                 /* > 0: at most this many, newest first; 0: all, oldest first */
};

/* The extensions f selects. */
enum err_code store_extensions_each(struct store *s, const struct extension_filter *f, extension_cb cb, void *ctx,
                                    struct error *e);

/* ---- reminders --------------------------------------------------------------- */

struct remind_result {
	int level;                 /* 1 + the earlier ones of the same department, task and period */
	char period[CYCLE_KEY_LEN];
	long long missing;         /* about all missing reports: how many there are */
};

/* Remind department dept (short or full name) about task code (NULL: about
 * all its missing reports of the period) with note (required), in period
 * key (NULL: the reported period, store_cycle_period). ACT_OFFICE on the
 * department's task (code) or on the department itself; refused when code
 * is NULL and the department has no missing report, or when code is not
 * led by dept. */
enum err_code store_remind(struct store *s, const struct identity *who, const struct cycle_settings *cs,
                           const char *as_of, const char *dept, const char *code, const char *key, const char *note,
                           struct remind_result *r, struct error *e);

/* ---- the to-do list ---------------------------------------------------------- */

#define TODO_KINDS(X) \
	X(TODO_RETURNED,  "returned")  \
	X(TODO_MISSING,   "missing")   \
	X(TODO_TO_FILE,   "to_file")   \
	X(TODO_REMINDER,  "reminder")  \
	X(TODO_EXTENSION, "extension") \
	X(TODO_DUE_SOON,  "due_soon")

enum todo_kind {
#define X(id, key) id,
	TODO_KINDS(X)
#undef X
	TODO_KIND_COUNT
};

/* The key of a kind ("returned"); "?" when out of range. */
const char *store_todo_kind_key(enum todo_kind k);

/* One item of the to-do list; the fields a kind does not use are NULL/0. */
struct todo_item {
	enum todo_kind kind;
	long long id;              /* reminder or extension id; 0 otherwise */
	const char *dept;          /* the department's short name */
	const char *code, *title;  /* the task; NULL for a reminder about all missing reports */
	const char *period;        /* report, reminder: the period */
	const char *due;           /* report: its due date; due soon: the task's; extension: the new date */
	int days;                  /* days from as_of to due (negative: past) */
	const char *who, *at;      /* returned: who returned it, when; reminder: who sent it; extension: who decided */
	const char *note;          /* returned: the reason; reminder: the note; extension: the decision note */
	int level;                 /* reminder: its stored level */
	bool seen;                 /* reminder: seen by the user before this list */
	const char *state;         /* extension: approved or rejected */
	const char *old_due;       /* extension: the due date before it */
	int progress;              /* due soon: the task's progress */
};
typedef int (*todo_cb)(const struct todo_item *, void *ctx);

struct todo_query {
	const long long *depts;    /* the departments (ids) whose list it is */
	size_t ndepts;
	const char *period;        /* NULL: store_cycle_period's default */
	const char *as_of;
	const struct cycle_settings *cs;
	int limit;                 /* at most this many items of each kind per department (0: all) */
	bool mark_seen;            /* mark the reminders listed as seen by who (skipped when who cannot write) */
};

/* The most the office's two counts of the to-do list count: a count that
 * reaches it means "this many or more". */
enum { TODO_COUNT_CAP = 1000 };

/* What the list counts (all of it, whatever limit shows). */
struct todo_counts {
	char period[CYCLE_KEY_LEN], due[11];   /* the period listed, its due date */
	long long n[TODO_KIND_COUNT];
	long long unseen;          /* reminders not seen before */
	bool office;               /* who is the office: the two counts below are set */
	long long review_waiting;  /* reports submitted, waiting for review (at most TODO_COUNT_CAP) */
	long long extensions_open; /* extension requests not decided (at most TODO_COUNT_CAP) */
};

/* The to-do list of q's departments for who, kind by kind in TODO_KINDS
 * order (reminders unseen first, newest first), into cb; counts into *n. */
enum err_code store_todo_each(struct store *s, const struct identity *who, const struct todo_query *q, todo_cb cb,
                              void *ctx, struct todo_counts *n, struct error *e);

#endif
