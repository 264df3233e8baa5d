/* cycle: the pure rules of the supervision cycle (doc/supervision.md):
 * reporting periods and their keys, the due date of a period's report,
 * whether a report was filed on time, the warning light of a task and the
 * ranking score of a department. No I/O, no store, no configuration: the
 * caller passes the settings and the facts; dates are YYYY-MM-DD and every
 * calendar computation is model.c's. */
#ifndef PLANCON_CYCLE_H
#define PLANCON_CYCLE_H

#include <stdbool.h>
#include <stddef.h>

/* ---- periods -------------------------------------------------------------------- */

enum cycle_kind { CYCLE_MONTH, CYCLE_QUARTER };

/* The longest period key ("2024-03", "2024-Q1") with its NUL. */
enum { CYCLE_KEY_LEN = 8 };

/* One reporting period: its key and its first and last days. */
struct cycle_period {
	enum cycle_kind kind;
	int year;
	int index;                 /* month 1-12, or quarter 1-4 */
	char key[CYCLE_KEY_LEN];   /* "2024-03" or "2024-Q1" */
	char start[11], end[11];   /* YYYY-MM-DD, both inside the period */
};

/* The kind named by s ("month", "quarter"); -1 when s is neither. */
int cycle_kind_parse(const char *s);

/* The name of kind k: "month" or "quarter". */
const char *cycle_kind_key(enum cycle_kind k);

/* The period of kind k that contains date (a valid YYYY-MM-DD, year 1-9999)
 * into *p; false, *p untouched, when date is not a valid date. */
bool cycle_period_of(enum cycle_kind k, const char *date, struct cycle_period *p);

/* The period named by key ("2024-03" or "2024-Q1"; the key gives its kind)
 * into *p; false when key is neither form or out of range. */
bool cycle_period_parse(const char *key, struct cycle_period *p);

/* The period after p (delta 1) or before it (delta -1), or delta periods
 * away, into *out; false when that leaves years 1-9999. */
bool cycle_period_step(const struct cycle_period *p, int delta, struct cycle_period *out);

/* The period whose report is to be filed at as_of: the one before the
 * period containing as_of (in March, February's report, due in March).
 * False when as_of is not a valid date or there is no such period. */
bool cycle_period_reporting(enum cycle_kind k, const char *as_of, struct cycle_period *p);

/* The due day's limits: reports are due on day 1-31 of the following month. */
enum { CYCLE_DUE_DAY_MIN = 1, CYCLE_DUE_DAY_MAX = 31 };

/* The due date of p's report: day due_day (1-31) of the month after p's
 * last day, clamped to that month's length (31 in February: the 28th or
 * 29th), into out; false when due_day is out of range or the year would
 * pass 9999. */
bool cycle_report_due(const struct cycle_period *p, int due_day, char out[11]);

/* Whether a report filed at filed (local date-time in the configured time
 * zone, "YYYY-MM-DD HH:MM[:SS]" or with 'T', or a bare date) is on time for
 * due date due: filed on or before the due day, up to 23:59:59 of it. False
 * when either is not a valid date (or time). */
bool cycle_on_time(const char *filed, const char *due);

/* Whether a report with due date due is missing at as_of: none was filed
 * (filed false) and the due day is over (as_of after due). */
bool cycle_report_missing(bool filed, const char *due, const char *as_of);

/* Whether an extension requested on request_date (local) of a task due on
 * due may be considered: only up to the due day itself. False when either
 * is not a valid date. */
bool cycle_extension_open(const char *due, const char *request_date);

/* The date lateness is measured against: the approved new due date when
 * there is one (approved non-NULL and non-empty), else the original. */
const char *cycle_due_effective(const char *original, const char *approved);

/* The cycle's settings, as the configuration gives them ([cycle] in
 * plancon.ini(5)); the store and the commands take them from the session. */
struct cycle_settings {
	bool on;                   /* enabled */
	enum cycle_kind kind;      /* period */
	int due_day;               /* reports due on this day of the following month */
	int near_days, grace_days; /* the light rules' thresholds */
	long evidence_max;         /* the largest evidence file, bytes */
	char since[CYCLE_KEY_LEN]; /* the first period, "" = from the first report filed */
};

/* ---- warning lights -------------------------------------------------------------
 * id, key (CSV, JSON, the console's label key), ASCII mark (the monochrome
 * twin, one column). Order is precedence: a closed task is closed whatever
 * else holds; then red, then yellow; green otherwise. */
#define CYCLE_LIGHTS(X) \
	X(CYCLE_LIGHT_CLOSED, "closed", "=") \
	X(CYCLE_LIGHT_RED,    "red",    "!") \
	X(CYCLE_LIGHT_YELLOW, "yellow", "~") \
	X(CYCLE_LIGHT_GREEN,  "green",  ".")

enum cycle_light {
#define X(id, key, mark) id,
	CYCLE_LIGHTS(X)
#undef X
	CYCLE_LIGHT_COUNT
};

/* Why a task has its light: the first rule that held, in precedence order,
 * and the light it gives. id, key, light. */
#define CYCLE_REASONS(X) \
	X(CYCLE_WHY_CANCELLED,      "cancelled",                 CYCLE_LIGHT_CLOSED) \
	X(CYCLE_WHY_VERIFIED,       "verified",                  CYCLE_LIGHT_CLOSED) \
	X(CYCLE_WHY_AWAITING,       "awaiting_verification",     CYCLE_LIGHT_GREEN)  \
	X(CYCLE_WHY_PAST_DUE,       "past_due",                  CYCLE_LIGHT_RED)    \
	X(CYCLE_WHY_MILESTONE,      "milestone_missed",          CYCLE_LIGHT_RED)    \
	X(CYCLE_WHY_MISSING_LONG,   "report_missing_past_grace", CYCLE_LIGHT_RED)    \
	X(CYCLE_WHY_BEHIND,         "near_due_behind",           CYCLE_LIGHT_YELLOW) \
	X(CYCLE_WHY_RETURNED,       "report_returned",           CYCLE_LIGHT_YELLOW) \
	X(CYCLE_WHY_MISSING,        "report_missing",            CYCLE_LIGHT_YELLOW) \
	X(CYCLE_WHY_ON_TRACK,       "on_track",                  CYCLE_LIGHT_GREEN)

enum cycle_reason {
#define X(id, key, light) id,
	CYCLE_REASONS(X)
#undef X
	CYCLE_WHY_COUNT
};

/* Where the report of the period last due stands, as the light sees it. */
enum cycle_report_state {
	CYCLE_REPORT_NONE_DUE,     /* no report is due yet (or the cycle is off) */
	CYCLE_REPORT_NOT_FILED,    /* due, none submitted (missing once the due day is over) */
	CYCLE_REPORT_SUBMITTED,    /* submitted or resubmitted, awaiting review */
	CYCLE_REPORT_RETURNED,     /* returned by the office, not resubmitted */
	CYCLE_REPORT_ACCEPTED,
};

/* The facts about one task that its light depends on. */
struct cycle_task_facts {
	const char *status;        /* task status key (model.h) */
	int progress;              /* 0-100 */
	bool verified;             /* a done task the office verified (closed); every
	                            * done task is verified while the cycle is off */
	const char *start_date;    /* YYYY-MM-DD or NULL */
	const char *due_date;      /* the original due date, or NULL */
	const char *approved_due;  /* an approved extension's due date, or NULL */
	int missed_milestones;     /* milestones missed, or pending past their period */
	enum cycle_report_state report;
	const char *report_due;    /* that report's due date (NULL when NONE_DUE) */
	const char *as_of;         /* YYYY-MM-DD */
};

/* The settings the light rules take (doc/supervision.md: [cycle]). */
struct cycle_thresholds {
	int near_days;             /* yellow: effective due date within this many days */
	int grace_days;            /* red: report missing more than this many days */
};

/* The light of task f under thresholds t; *why (may be NULL) gets the rule
 * that decided it (the first of CYCLE_REASONS that holds). */
enum cycle_light cycle_light_of(const struct cycle_task_facts *f, const struct cycle_thresholds *t,
                                enum cycle_reason *why);

/* The stored and label key of a light ("red"); "?" when out of range. */
const char *cycle_light_key(enum cycle_light l);

/* The one-column ASCII mark of a light ("!"), its monochrome twin. */
const char *cycle_light_mark(enum cycle_light l);

/* The light named by key; -1 when unknown. */
int cycle_light_parse(const char *key);

/* The key of a reason ("past_due"); "?" when out of range. */
const char *cycle_reason_key(enum cycle_reason r);

/* The reason named by key ("past_due"); -1 when unknown. */
int cycle_reason_parse(const char *key);

/* The light reason r gives; CYCLE_LIGHT_GREEN when out of range. */
enum cycle_light cycle_reason_light(enum cycle_reason r);

/* Whether progress (0-100) is behind the time elapsed from start to due at
 * as_of: progress% < elapsed% (exact, no rounding). Without a start date,
 * or start not before due, all the time has elapsed: behind below 100. */
bool cycle_behind(int progress, const char *start, const char *due, const char *as_of);

/* ---- ranking --------------------------------------------------------------------- */

/* A department's counts for one period. */
struct cycle_counts {
	long long reports_on_time, reports_late, reports_missing;
	long long tasks_on_time, tasks_late;  /* against the original due date */
	long long tasks_closed;               /* verified closed in the period: shown, not scored */
};

/* A department's score in tenths of a point, 0-1000 (100.0 is full
 * marks): the mean of its reporting share ((on time + late / 2) over the
 * reports due) and its work share (on time over on time + late), each of
 * the two that has anything to count; rounded half up once. -1 when
 * neither has: the department is not ranked. */
int cycle_score(const struct cycle_counts *c);

/* Ranks of n scores into rank[] (same order): 1 for the highest; equal
 * scores share a rank and the next rank skips (1, 2, 2, 4); a score < 0
 * (not ranked) gets 0. */
void cycle_rank(const int *score, size_t n, int *rank);

/* ---- reminders ------------------------------------------------------------------- */

/* The escalation level of the nth reminder (1-based) about the same task
 * (or the same department's missing reports) in one period: 1 for the
 * first, 2 for the second, 3 for the third and later; 0 for n < 1. */
int cycle_reminder_level(int n);

#endif
