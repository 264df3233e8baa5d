/* model: the plan's vocabulary (task and milestone statuses) and the pure
 * rules on it: what "late" means, date checks. No I/O. */
#ifndef PLANCON_MODEL_H
#define PLANCON_MODEL_H

#include <stdbool.h>

#include "plancon/i18n.h"

/* id, key (stored in the database), label (English, shown through gettext),
 * Chinese name (accepted as input in every locale; po/zh_CN.po translates
 * the label to exactly this, which tests/cli/i18n.sh checks) */
#define TASK_STATUSES(X) \
	X(TS_NOT_STARTED, "not_started", N_("not started"), "未启动") \
	X(TS_IN_PROGRESS, "in_progress", N_("in progress"), "推进中") \
	X(TS_DONE,        "done",        N_("done"),        "已完成") \
	X(TS_BLOCKED,     "blocked",     N_("blocked"),     "受阻")   \
	X(TS_CANCELLED,   "cancelled",   N_("cancelled"),   "已取消")

enum task_status {
#define X(id, key, en, zh) id,
	TASK_STATUSES(X)
#undef X
	TS_COUNT
};

#define MILESTONE_STATUSES(X) \
	X(MS_PENDING, "pending", N_("pending"), "待完成") \
	X(MS_DONE,    "done",    N_("done"),    "已完成") \
	X(MS_MISSED,  "missed",  N_("missed"),  "未完成")

enum milestone_status {
#define X(id, key, en, zh) id,
	MILESTONE_STATUSES(X)
#undef X
	MS_COUNT
};

/* The stored key of a status ("in_progress"). */
const char *task_status_key(enum task_status s);
/* The label shown to users, in the interface language (gettext). */
const char *task_status_label(enum task_status s);
/* Parse a key, English label or Chinese label; -1 when unknown. */
int task_status_parse(const char *s);

const char *milestone_status_key(enum milestone_status s);
const char *milestone_status_label(enum milestone_status s);
int milestone_status_parse(const char *s);

/* True when s is a real calendar date written YYYY-MM-DD. */
bool model_date_valid(const char *s);

/* Days in month (1-12) of year, proleptic Gregorian as SQLite counts. */
int model_month_days(int year, int month);

/* Today's local date as YYYY-MM-DD into out (11 bytes). */
void model_today(char out[11]);

/* The last day of a milestone period: year, or quarter 1-4 of it (0 = the
 * whole year), as YYYY-MM-DD into out (11 bytes). */
void model_period_end(int year, int quarter, char out[11]);

/* A task is late when it has a due date before as_of and is neither done
 * nor cancelled. */
bool model_task_late(const char *due_date, const char *status_key, const char *as_of);

/* A milestone is late when its period ended before as_of and it is pending. */
bool model_milestone_late(int year, int quarter, const char *status_key, const char *as_of);

/* Whole days from date a to date b (b - a); both YYYY-MM-DD. */
int model_days_between(const char *a, const char *b);

/* ---- mean progress ----------------------------------------------------------
 * The mean progress of a group of tasks (a plan, a part, a chapter, a
 * department, a report's row) is the sum of their progress over their
 * number, counting every task but the cancelled ones: a cancelled task's
 * progress is where its work stopped, not part of where the plan is. A
 * group whose tasks are all cancelled (or that has none) has no mean,
 * shown as "-". The store sums what a mean needs (store.h: progress_n,
 * progress_sum); these turn the sums into the figure every view shows. */

/* Whether a task of this status (a key) counts in a mean progress: all but
 * "cancelled". */
bool model_progress_counts(const char *status_key);

/* The mean of n percentages (0-100 each) that add up to sum, as a whole
 * percent rounded half up (60.5 -> 61, 60.49 -> 60); -1 when n <= 0 (no
 * mean). For a share of a whole, pass part * 100 and whole. */
int model_percent(long long sum, long long n);

/* The same in tenths of a percent, rounded half up (60.45 -> 605); -1 when
 * n <= 0. */
int model_percent_tenths(long long sum, long long n);

#endif
