/* model: the plan's vocabulary (task and milestone statuses) and the pure
 * rules on it: what "late" means, date checks, the one form in which a
 * progress, a whole number and an indicator's value are typed and shown.
 * No I/O. */
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

/* ---- what a person reads ------------------------------------------------------
 * The one place where the words the database stores (status keys, role
 * keys, the change log's field names and values) become the words a person
 * reads, in the interface language. Every text, Markdown, workbook and
 * console formatter goes through these; CSV and JSON keep the stored words.
 * A word these do not know (from another program, or a newer plancon) is
 * shown as it is. */

/* The label of a stored task or milestone status key; key itself when it
 * is not one, "-" for NULL. */
const char *task_status_label_for(const char *key);
const char *milestone_status_label_for(const char *key);

/* The label of a role key: viewer, editor, admin. */
const char *model_role_label(const char *key);

/* The label of a kind of item in a list: task, milestone. */
const char *model_kind_label(const char *key);

/* The label of a yes/no value stored as "1"/"0" or "yes"/"no". */
const char *model_yes_no_label(const char *value);

/* The label of a report's state key (draft, submitted, returned,
 * accepted) and of a closing's event (done_reported, verified, reopened);
 * key itself when it is not one, "-" for NULL. */
const char *report_state_label(const char *key);
const char *closing_event_label(const char *key);
/* The label of an extension's state key: requested, approved, rejected. */
const char *model_extension_state_label(const char *key);

/* The label of a reminder's level (cycle_reminder_level): 1 a reminder
 * (催办), 2 a second one (再次催办), 3 and more urgent supervision (督办). */
const char *model_reminder_level_label(int level);

/* The name of a changed field in the change log ("status", "lead",
 * "milestone 2023-Q2", "actual 2022", ...), malloc'd. */
char *model_change_field(const char *field);

/* A value of changed field field (a status key, a milestone status, an
 * assignment's provisional/confirmed, a role, yes/no; other values as they
 * are), malloc'd; "-" for NULL. */
char *model_change_value(const char *field, const char *value);

/* Who made a change: who (whom it was made for), or "ACTOR for WHO" when
 * actor (who really made it, e.g. an administrator under --user) is
 * another; malloc'd. */
char *model_change_who(const char *who, const char *actor);

/* True when s is a real calendar date written YYYY-MM-DD. */
bool model_date_valid(const char *s);

/* Days in month (1-12) of year, proleptic Gregorian as SQLite counts. */
int model_month_days(int year, int month);

/* Today's local date as YYYY-MM-DD into out (11 bytes). */
void model_today(char out[11]);
/* Now, in the local time zone: "YYYY-MM-DD HH:MM:SS". */
void model_now_local(char out[20]);

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

/* A whole number from lo to hi (0 <= lo <= hi) written as plain decimal
 * digits: no sign, no spaces, no leading zero unless it is "0". The form
 * of every count, year and version typed on the command line. */
bool model_whole_parse(const char *s, long lo, long hi, long *out);

/* A progress in percent: a whole number from 0 to 100 as model_whole_parse
 * reads it, optionally followed by '%' ("40", "40%"). Every progress a
 * person types (set --progress, the console's form) is read by this. */
bool model_progress_parse(const char *s, int *out);

/* The longest value model_value_format writes, with its NUL. */
enum { MODEL_VALUE_LEN = 32 };

/* An indicator's value as a person types it: an optional '-', decimal
 * digits (no leading zero unless the whole part is 0), optionally '.' and
 * more digits; at most 15 digits in all, so that it shows back as typed.
 * *rest gets what follows the number (the unit typed after it, "" when
 * none). False when s does not start with such a number, or what follows
 * would make it a number in another notation (1e2, 0x10, 3,200). */
bool model_value_parse(const char *s, double *v, const char **rest);

/* An indicator's value as every view shows it (indicators, log, the
 * console): the shortest decimal of up to 15 significant digits, without
 * a trailing ".0" or zeros ("3200", "65.5", "63.05"). The change log's
 * triggers write the same form (printf('%.15g') in SQL). */
void model_value_format(double v, char out[MODEL_VALUE_LEN]);

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
