/* store_reports: the supervision cycle's reports (plancon(1), SUPERVISION):
 * a lead department's report of a task for a period (saved as a draft,
 * submitted), a cooperating department's input to it, the office's review
 * (accept, return), and the verified closing of a task (verify, reopen);
 * and the reads: the review queue, a task's reports with their history.
 * Every write is one BEGIN IMMEDIATE transaction that checks the
 * permission (auth.h: ACT_REPORT, ACT_REPORT_INPUT, ACT_OFFICE) on what it
 * read; the change log's rows come from the triggers of
 * db/migrations/0009_cycle.sql. Conventions: store.h. */
#ifndef PLANCON_STORE_REPORTS_H
#define PLANCON_STORE_REPORTS_H

#include <stdbool.h>

#include "plancon/auth.h"
#include "plancon/cycle.h"
#include "plancon/store.h"

/* The most characters of each of a report's texts and of an input. */
enum { STORE_REPORT_TEXT_MAX = 4000 };

/* ---- writes ------------------------------------------------------------------- */

/* A report to save (draft) or submit. What is left out (NULL, -1) is kept
 * from the saved draft or returned report, else taken from the task
 * (status, progress) or empty (the texts). */
struct report_submit {
	const char *code;          /* the task */
	const char *period;        /* "2024-03" / "2024-Q1"; NULL: the period to report now
	                            * (cycle_period_reporting at today's local date) */
	bool draft;                /* save without submitting */
	const char *status;        /* task status key; done: reported done (awaiting verification) */
	int progress;              /* 0-100, -1: as it is */
	const char *done_text;     /* 进展情况 */
	const char *problems;      /* 存在问题 */
	const char *next_steps;    /* 下步打算 */
	long long base_version;    /* the report's version it is based on; 0: no check */
};

/* What a write to a report left. */
struct report_result {
	bool changed;
	char period[CYCLE_KEY_LEN];
	char due[11];              /* the report's due date */
	char state[12];            /* draft, submitted, returned, accepted */
	int rev;                   /* submissions so far */
	int on_time;               /* 1 on time, 0 late, -1 not submitted yet */
	long long version;         /* the report's version now */
	bool awaiting;             /* the task now awaits the office's verification */
};

/* Save or submit report r of a task (ACT_REPORT): see plancon(1),
 * "Periods and reports". The period is checked against cs (its kind, no
 * future period, none before the first); a submission from draft or
 * returned raises rev, records the revision, decides on time at the first
 * one, and sets the task's status and progress as reported (done: in
 * progress, 100 %, awaiting verification) in the same transaction.
 * ERR_INVALID for bad input (nothing stored), ERR_REFUSED with the reason
 * (cancelled or closed task, accepted report, one awaiting review),
 * ERR_CONFLICT for a stale base_version. */
enum err_code store_report_submit(struct store *s, const struct identity *who, const struct cycle_settings *cs,
                                  const struct report_submit *r, struct report_result *out, struct error *e);

/* A cooperating department's input (ACT_REPORT_INPUT) to the report of
 * task code for period (NULL: as store_report_submit), creating that
 * report as a draft (the task's status and progress) when there is none;
 * the input is kept for the first department of who's that cooperates. */
enum err_code store_report_input(struct store *s, const struct identity *who, const struct cycle_settings *cs,
                                 const char *code, const char *period, const char *text, struct report_result *out,
                                 struct error *e);

/* The office's decision (ACT_OFFICE) on the submitted report of task code
 * for period (NULL: its oldest submitted report): accept (note may be
 * NULL) or return (reason required). Returning a report that claimed done
 * ends the task's wait for verification. */
enum err_code store_report_review(struct store *s, const struct identity *who, const char *code, const char *period,
                                  bool accept, const char *reason, struct report_result *out, struct error *e);

/* Verify task code done (ACT_OFFICE, 销号): it awaits verification and the
 * report that claimed done is accepted. Status done; a closings row. */
enum err_code store_task_verify(struct store *s, const struct identity *who, const char *code, const char *note,
                                struct write_result *r, struct error *e);

/* Reopen task code (ACT_OFFICE; reason required): done or awaiting
 * verification becomes in progress. */
enum err_code store_task_reopen(struct store *s, const struct identity *who, const char *code, const char *reason,
                                struct write_result *r, struct error *e);

/* ---- reads ---------------------------------------------------------------------- */

/* One submitted report in the office's review queue. */
struct report_queue_row {
	long long report_id, task_id;
	const char *code, *title, *dept_short, *period, *due;
	int rev;
	const char *first_local;   /* the first submission, local time */
	const char *submitted_at;  /* the latest submission (UTC): the queue's order */
	bool on_time;
	bool claims_done;          /* reports the task done */
};

/* Which part of the queue: all filters optional. */
struct report_queue {
	const char *dept;          /* the filing department's short name; NULL: all */
	const char *period;        /* one period key; NULL: all */
	const char *after_at;      /* keyset: rows after (after_at, after_id); NULL: from the start */
	long long after_id;
	int limit;                 /* > 0: at most this many rows; 0: all */
};
typedef int (*report_queue_cb)(const struct report_queue_row *, void *ctx);

/* The submitted reports, oldest submission first, from the queue's
 * partial index (so a page costs the same in a plan of any size).
 * ERR_NOT_FOUND for an unknown department. */
enum err_code store_report_queue_each(struct store *s, const struct report_queue *q, report_queue_cb cb, void *ctx,
                                      struct error *e);

/* A task's cycle state (beside store_task_get's row). */
struct task_cycle_row {
	bool awaiting;             /* reported done, awaiting verification */
	const char *due_date;      /* in force; NULL: none */
	const char *original_due;  /* before the first extension; NULL: never extended */
};
typedef int (*task_cycle_cb)(const struct task_cycle_row *, void *ctx);
enum err_code store_task_cycle_get(struct store *s, const char *code, task_cycle_cb cb, void *ctx, struct error *e);

/* One report of a task for a period: its current state. */
struct report_row {
	long long id, task_id, version;
	const char *code, *period, *due, *state, *dept_short;
	int rev;
	const char *status;        /* as reported */
	int progress;
	const char *done_text, *problems, *next_steps;
	const char *first_local;   /* NULL: never submitted */
	int on_time;               /* 1, 0; -1: never submitted */
	const char *updated_at, *updated_by, *actor;
};
typedef int (*report_cb)(const struct report_row *, void *ctx);

/* The reports of task code, latest period first, at most limit (0: all). */
enum err_code store_reports_each(struct store *s, const char *code, int limit, report_cb cb, void *ctx,
                                 struct error *e);
/* The report of task code for period: ERR_NOT_FOUND when there is none. */
enum err_code store_report_get(struct store *s, const char *code, const char *period, report_cb cb, void *ctx,
                               struct error *e);

/* A report's history, oldest first, each kind from its own table. */
struct report_event_row {
	enum { REPORT_EV_REVISION, REPORT_EV_REVIEW, REPORT_EV_INPUT } kind;
	int rev;                   /* revision: its number; review: the submission decided on */
	const char *at, *who, *actor;
	/* a revision: */
	const char *local, *status, *done_text, *problems, *next_steps;
	int progress;
	/* a review: "accept" or "return", and its reason; an input: text and department */
	const char *decision, *text, *dept_short;
};
typedef int (*report_event_cb)(const struct report_event_row *, void *ctx);
enum err_code store_report_events_each(struct store *s, long long report_id, report_event_cb cb, void *ctx,
                                       struct error *e);

#endif
