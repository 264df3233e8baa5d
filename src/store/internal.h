/* store_internal: what the store's own files share. Not for other modules. */
#ifndef PLANCON_STORE_INTERNAL_H
#define PLANCON_STORE_INTERNAL_H

#include <sqlite3.h>
#include <sys/stat.h>

#include "plancon/auth.h"
#include "plancon/cycle.h"
#include "plancon/store.h"

#define STORE_STMT_CACHE 96          /* the console's task lists alone have 30 */

struct store {
	sqlite3 *db;
	char *path;
	bool readonly;
	bool sync_normal;           /* opened with STORE_SYNC_NORMAL */
	struct {
		const char *sql;        /* identity: the address of a static string */
		sqlite3_stmt *stmt;
	} cache[STORE_STMT_CACHE];
	int ncache;
};

/* A prepared statement for sql (a string literal: cached by its address),
 * reset and with bindings cleared. NULL on error, with e set. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct error *e);

/* Map the connection's last error to an error code with a message. */
enum err_code store_fail(struct store *s, struct error *e, const char *what);

/* Bind text, or NULL when t is NULL. */
void store_bind_text(sqlite3_stmt *st, int i, const char *t);

/* Column text, or NULL for SQL NULL. */
const char *store_col(sqlite3_stmt *st, int i);
/* Column text into out (n bytes, cut to fit), "" for SQL NULL. */
void store_col_copy(char *out, size_t n, sqlite3_stmt *st, int i);
/* Column text as a new string (xstrdup), "" for SQL NULL. */
char *store_col_dup(sqlite3_stmt *st, int i);

/* Run SQL without results (one or more statements). */
enum err_code store_exec(struct store *s, const char *sql, struct error *e);

/* Open the database file path to read its header, never blocking: after
 * store_file_check (so a FIFO, a device, a directory or a socket, or such
 * a -wal, -shm or -journal beside it, is refused without being opened),
 * with O_NONBLOCK, and checked again with fstat (it may have changed in
 * between). Returns the fd with *st filled, -1 when path does not exist,
 * or -2 with e set. */
int store_file_open(const char *path, struct stat *st, struct error *e);

/* Open path with SQLite, read-only or read-write (creating it when create),
 * with the store's busy handler (a locked database is waited for up to 5 s);
 * a read-only WAL database whose -shm cannot be made is opened immutable
 * when that is safe (see store.c). Returns an SQLite result code; *db is
 * set even on failure and must be closed. */
int store_sqlite_open(const char *path, bool readonly, bool create, sqlite3 **db);

/* Set PRAGMA synchronous as the store was opened: FULL, or NORMAL with
 * STORE_SYNC_NORMAL (after something changed it for a while). */
enum err_code store_sync_apply(struct store *s, struct error *e);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. A failed COMMIT rolls back. */
enum err_code store_begin(struct store *s, struct error *e);
enum err_code store_commit(struct store *s, struct error *e);
void store_rollback(struct store *s);

/* The one way out of a transaction: commit when c is ERR_OK (and return
 * what the commit returns), else roll back and return c (e already says
 * why). A transaction that changed nothing commits as well: nothing is
 * written. */
enum err_code store_end(struct store *s, enum err_code c, struct error *e);

/* The id in the first column of sql's first row, with key bound to ?1:
 * ERR_OK; ERR_NOT_FOUND when there is no row (e untouched: the caller
 * says what was not found); or the database's error in e. */
enum err_code store_id_of(struct store *s, const char *sql, const char *key, long long *id, struct error *e);

/* Step st, handing each row to fill+cb, and return from the calling
 * function: ERR_OK, or the error (st is reset either way). */
#define STORE_EACH_ROW(s, st, e, row, fill, cb, ctx)                          \
	do {                                                                 \
		int rc_;                                                         \
		while ((rc_ = sqlite3_step(st)) == SQLITE_ROW) {                 \
			fill;                                                        \
			if (cb(&row, ctx))                                           \
				break;                                                   \
		}                                                                \
		if (rc_ != SQLITE_ROW && rc_ != SQLITE_DONE) {                   \
			enum err_code c_ = store_fail(s, e, _("reading"));              \
			sqlite3_reset(st);                                           \
			return c_;                                                   \
		}                                                                \
		sqlite3_reset(st);                                               \
		return ERR_OK;                                                   \
	} while (0)

/* After a loop of sqlite3_step(st) that ended with rc (SQLITE_DONE, or
 * SQLITE_ROW when the callback asked to stop): reset st; ERR_OK or the
 * error. */
enum err_code store_finish(struct store *s, sqlite3_stmt *st, int rc, struct error *e);

/* The time of a write, as the store records it (UTC, ISO 8601). */
#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* ---- figures ----------------------------------------------------------------------- */

/* The sums a mean progress is made of (model.h): over the rows of a tally
 * or of tasks, with columns status, n (tasks per row; "1" for tasks) and
 * progress (their summed progress), the number of tasks that count (all but
 * the cancelled: model_progress_counts) and the sum of their progress.
 * Every query that feeds a mean goes through these. */
#define SQL_PROGRESS_N(status, n) "sum(CASE WHEN " status " <> 'cancelled' THEN " n " ELSE 0 END)"
#define SQL_PROGRESS_SUM(status, progress) "sum(CASE WHEN " status " <> 'cancelled' THEN " progress " ELSE 0 END)"

/* The task counts by status over rows with columns status and n (tasks per
 * row), as five columns s0 to s4 in enum task_status's order (model.h). */
#define SQL_STATUS_SUMS(status, n) \
	"sum(CASE " status " WHEN 'not_started' THEN " n " ELSE 0 END) s0, " \
	"sum(CASE " status " WHEN 'in_progress' THEN " n " ELSE 0 END) s1, " \
	"sum(CASE " status " WHEN 'done' THEN " n " ELSE 0 END) s2, " \
	"sum(CASE " status " WHEN 'blocked' THEN " n " ELSE 0 END) s3, " \
	"sum(CASE " status " WHEN 'cancelled' THEN " n " ELSE 0 END) s4"

/* ---- model rules (model.h), as SQL ---------------------------------------------- */

/* Each is the SQL twin of a function of model.c, and every query that needs
 * the rule uses it; tests/unit/test_store_rules.c checks each against its
 * model function over a grid of dates and states. */

/* Whether a task is late (model_task_late): it has a due date (due: a
 * column, NULL or '' when there is none) before as_of (an expression, NULL
 * for none) and its status is neither done nor cancelled. An SQL condition:
 * false or NULL when not late. */
#define SQL_TASK_LATE(due, status, as_of) \
	"(" due " < " as_of " AND " due " <> '' AND " status " NOT IN ('done', 'cancelled'))"

/* Whether milestone m (an alias with columns status, year, quarter) is late
 * (model_milestone_late): pending, and its period (model_period_end) ended
 * before as_of, whose year and month are the integers year and month (see
 * store_as_of_year_month): an earlier year, or this year's quarter q when
 * month 3q is before as_of's month (the last day of a month is never before
 * a date in that month). In this form an index on (status, year) serves it. */
#define SQL_MILESTONE_LATE(m, year, month) \
	"(" m ".status = 'pending' AND (" m ".year < " year " OR (" m ".year = " year " AND " m ".quarter * 3 < " month ")))"

/* The last day of a milestone's period (model_period_end): of its quarter,
 * or of its year when quarter is NULL. For the years a plan holds (four
 * digits: 1900-2200, checked on import), so no printf per row. */
#define SQL_PERIOD_END(year, quarter) \
	"(" year " || CASE " quarter " WHEN 1 THEN '-03-31' WHEN 2 THEN '-06-30' " \
	"WHEN 3 THEN '-09-30' ELSE '-12-31' END)"

/* The year and month of a date as_of (YYYY-MM-DD; NULL: 0 and 0), as
 * SQL_MILESTONE_LATE takes them. */
void store_as_of_year_month(const char *as_of, int *year, int *month);

/* ---- the supervision cycle: which reports are due and missing (office.c) ---------
 * The one definition of "missing" (brief decision 4; cycle_report_missing),
 * for every count, list, light and ranking: an open task with a lead
 * department whose report of a period at or after the first is absent or a
 * draft, once the period's due date is over. */

/* Whether task t (an alias of tasks) files reports: it has a lead
 * department, is neither done nor cancelled, and is not awaiting the
 * office's verification. An SQL condition. */
#define SQL_REPORT_EXPECTED(t) \
	"(" t ".lead_dept_id IS NOT NULL AND " t ".status NOT IN ('done', 'cancelled') AND " t ".awaiting = 0)"

/* Whether task t has filed its report of period (an SQL expression giving
 * the key): one in any state but draft. Answered by the partial index
 * reports_filed alone (named: the planner would take the UNIQUE index and
 * read each report's row for its state). */
#define SQL_REPORT_FILED(t, period) \
	"EXISTS (SELECT 1 FROM reports rf_ INDEXED BY reports_filed WHERE rf_.task_id = " t ".id AND rf_.period = " \
	period " AND rf_.state <> 'draft')"

/* Whether task t still owes its report of period: expected and not filed. */
#define SQL_REPORT_UNFILED(t, period) "(" SQL_REPORT_EXPECTED(t) " AND NOT " SQL_REPORT_FILED(t, period) ")"

/* Whether task t's report of period, due on due, is missing at as_of, the
 * cycle's first period being first (all SQL expressions; dates YYYY-MM-DD,
 * periods keys of one kind): unfiled, period >= first and as_of > due. */
#define SQL_REPORT_MISSING(t, period, due, as_of, first) \
	"(" period " >= " first " AND " as_of " > " due " AND " SQL_REPORT_UNFILED(t, period) ")"
/* ---- warning lights (lights.c; cycle_light_of, as SQL) --------------------------- */

/* The parameters the light of every task of a query shares, bound by
 * store_lights_bind: ?30 the as-of date (NULL: the cycle is off, no
 * light), ?31 the key of "its period" (the latest period whose report is
 * due on or before as-of, not before the cycle's first; NULL: none is due
 * yet), ?32 whether a report of it not filed is missing (as-of after its
 * due date: cycle_report_missing), ?33 whether missing for more than
 * grace_days, ?34 near_days, ?35 and
 * ?36 the as-of year and month (SQL_MILESTONE_LATE), ?37 the light filter:
 * ",reason,reason," of the reasons of one light (NULL: any). */
#define LIGHT_PARAM_FIRST 30

/* The state of task t's report of its period; NULL when it has none. */
#define SQL_LIGHT_REPORT(t) "(SELECT state FROM reports WHERE task_id = " t ".id AND period = ?31)"
/* Its report is due (a lead department) and not filed: SQL_REPORT_UNFILED
 * of ?31 where SQL_LIGHT_REASON asks it, the task being open and not
 * awaiting verification by then (the CASE's earlier arms). Written with
 * SQL_LIGHT_REPORT rather than SQL_REPORT_FILED only for length: the
 * light is inlined twice into each of tasks.c's queries, and the longer
 * form takes them past the 4095 bytes a C string literal may hold. */
#define SQL_LIGHT_NOT_FILED(t) "(" t ".lead_dept_id > 0 AND ifnull(" SQL_LIGHT_REPORT(t) ", 'draft') = 'draft')"
/* cycle_behind(progress, start, due, as_of), due being set. */
#define SQL_LIGHT_BEHIND(t) \
	"(CASE WHEN ifnull(" t ".start_date, '') = '' OR " t ".start_date >= " t ".due_date " \
	"THEN " t ".progress < 100 ELSE " t ".progress * (julianday(" t ".due_date) - julianday(" t ".start_date)) " \
	"< 100 * max(0, min(julianday(?30), julianday(" t ".due_date)) - julianday(" t ".start_date)) END)"

/* The reason key (CYCLE_REASONS) of task t's light, rule for rule as
 * cycle_light_of decides it (a task awaiting verification is "done, not
 * verified"; a done task is verified); NULL when the cycle is off (?30
 * NULL). tests/unit/test_store_rules.c compares it with cycle_light_of. */
#define SQL_LIGHT_REASON(t) \
	"(CASE WHEN ?30 IS NULL THEN NULL " \
	"WHEN " t ".status = 'cancelled' THEN 'cancelled' " \
	"WHEN " t ".status = 'done' THEN 'verified' " \
	"WHEN " t ".awaiting = 1 THEN 'awaiting_verification' " \
	"WHEN " SQL_TASK_LATE(t ".due_date", t ".status", "?30") " THEN 'past_due' " \
	"WHEN EXISTS (SELECT 1 FROM milestones lm WHERE lm.task_id = " t ".id AND (lm.status = 'missed' OR " \
	SQL_MILESTONE_LATE("lm", "?35", "?36") ")) THEN 'milestone_missed' " \
	"WHEN ?33 AND " SQL_LIGHT_NOT_FILED(t) " THEN 'report_missing_past_grace' " \
	"WHEN ifnull(" t ".due_date, '') <> '' AND julianday(" t ".due_date) - julianday(?30) <= ?34 " \
	"AND " SQL_LIGHT_BEHIND(t) " THEN 'near_due_behind' " \
	"WHEN " SQL_LIGHT_REPORT(t) " = 'returned' THEN 'report_returned' " \
	"WHEN ?32 AND " SQL_LIGHT_NOT_FILED(t) " THEN 'report_missing' " \
	"ELSE 'on_track' END)"

/* The light filter on task t (?37), as an SQL condition. */
#define SQL_LIGHT_FILTER(t) "(?37 IS NULL OR instr(?37, ',' || " SQL_LIGHT_REASON(t) " || ',') > 0) "

/* What SQL_LIGHT_REASON's parameters are bound from. */
struct store_lights {
	const char *as_of;         /* NULL: the cycle is off */
	char period[CYCLE_KEY_LEN], due[11];   /* "" when no report is due yet */
	bool missing, past_grace;  /* a report of period not filed is missing; for more than grace_days */
	int near_days, year, month;
	char filter[160];          /* ",reason,...," of the light asked for; "" any */
};

/* The lights' parameters for the cycle cs (NULL or off: no lights) at
 * as_of, with the light filter light (a key of CYCLE_LIGHTS; NULL: any;
 * ERR_INVALID when unknown): its period is read here (the cycle's first
 * period may come from the reports). */
enum err_code store_lights_prepare(struct store *s, const struct cycle_settings *cs, const char *as_of,
                                   const char *light, struct store_lights *l, struct error *e);

/* Set l's period to key, due on due, and what follows at l->as_of (missing,
 * past grace: cycle_report_missing) with grace_days. */
void store_lights_period(struct store_lights *l, const char *key, const char *due, int grace_days);

/* Bind ?30..?37 of st from l. */
void store_lights_bind(sqlite3_stmt *st, const struct store_lights *l);


/* ---- searching (search.c) -------------------------------------------------- */

/* Whether task t (an alias in the query) matches the search text bound to
 * parameter p (NULL: no search, every task matches): the one search rule
 * (text.h), as an SQL condition. */
#define SQL_SEARCH(t, p) "(" p " IS NULL OR plancon_match(" p ", " t ".code, " t ".title, " t ".description)) "
/* The tasks the trigram index finds for the search's phrase (parameter
 * SEARCH_PHRASE_PARAM): a superset of those SQL_SEARCH keeps, for a text of
 * three characters or more; a query adds it to SQL_SEARCH to start from the
 * index instead of testing every task. */
#define SEARCH_PHRASE_PARAM 20
#define SQL_SEARCH_HITS(t) t ".id IN (SELECT rowid FROM task_fts WHERE task_fts MATCH ?20) "

/* Register plancon_match() on a connection; an SQLite result code. */
int store_search_register(sqlite3 *db);

/* A search text ready for a query: text (NULL when there is no search)
 * and, for three characters or more, phrase, the trigram index's query. */
struct search_terms {
	const char *text;
	char *phrase;
};
/* Check text (NULL or "": no search) and fill t; ERR_INVALID when it is not
 * valid UTF-8. Free with store_search_free. */
enum err_code store_search_terms(const char *text, struct search_terms *t, struct error *e);
/* Bind the text to text_param and, when st has it, the phrase to
 * SEARCH_PHRASE_PARAM. */
void store_search_bind(sqlite3_stmt *st, int text_param, const struct search_terms *t);
void store_search_free(struct search_terms *t);

/* Register plancon_base64(), plancon_unbase64() and plancon_sha256() on a
 * connection (blob.c: a plan file's evidence); an SQLite result code. */
int store_blob_register(sqlite3 *db);

/* ---- shared by the writers (write.c, plan.c, users.c, import.c) ------------------ */
struct identity;
struct auth_task;

/* The one rule for text that is stored, whoever brings it (a command, the
 * console, a plan file): valid UTF-8, at most max_chars characters, no
 * control character (C0 but LF and TAB when multiline, DEL, C1, NUL).
 * what names it in e. The _len form takes text that may hold a NUL. */
enum err_code store_check_text(const char *what, const char *text, size_t max_chars, bool multiline,
                               struct error *e);
enum err_code store_check_text_len(const char *what, const char *text, size_t len, size_t max_chars,
                                   bool multiline, struct error *e);

/* Whether the n ids v hold x (a set of rows' ids, kept as an array). */
bool store_ids_have(const long long *v, size_t n, long long x);

/* Whether s is NULL, empty or only blanks. */
bool store_blank(const char *s);

/* Step a statement that changes rows and returns nothing; ERR_OK or the
 * error (what names the write). Leaves st reset. */
enum err_code store_step_done(struct store *s, sqlite3_stmt *st, const char *what, struct error *e);

/* store_begin for the writers: when the write lock stays taken through the
 * whole busy timeout (a machine under heavy load), try again a few times
 * before a user is told that the database is busy. */
enum err_code store_begin_write(struct store *s, struct error *e);

/* The state of the database that an identity read now reflects
 * (identity.loaded_at): when it is the same at a later write, nothing that
 * was read can have changed. */
void store_identity_stamp(struct store *s, long long at[2]);

/* Inside a write transaction: may who (re-read from the users table, so a
 * change of role takes effect at once) do act (an enum auth_action) on
 * task t (or NULL)? */
enum err_code store_may(struct store *s, const struct identity *who, int act, const struct auth_task *t,
                        struct error *e);


/* ---- a task as the writers see it (write.c) ---------------------------------------- */

struct task_state {
	long long id, version, lead;
	int progress;
	bool provisional;
	char *code, *status, *updated_by, *updated_at, *lead_short;
	char *start_date, *due_date, *original_due;   /* NULL: none */
	bool awaiting;             /* reported done, awaiting the office's verification */
	long long *coop;
	size_t ncoop;
};

/* Read task code into *t (free with store_task_state_free); ERR_NOT_FOUND
 * with "no task" when there is none. */
enum err_code store_task_load(struct store *s, const char *code, struct task_state *t, struct error *e);
void store_task_state_free(struct task_state *t);
/* ERR_NOT_FOUND with the one message for an unknown task code. */
enum err_code store_no_task(struct error *e, const char *code);
/* The id of task code into *id; store_no_task when there is none. */
enum err_code store_task_id(struct store *s, const char *code, long long *id, struct error *e);
/* What the permission check needs of t (borrows t's memory). */
struct auth_task store_auth_task_of(const struct task_state *t);

/* ---- a period's report (reports.c) ------------------------------------------------ */

/* The report of task t for period p (inside a write): its id, and whether
 * it is accepted; made as a draft (*made) of the task's status and
 * progress when there is none. ERR_REFUSED when t has no lead department. */
enum err_code store_report_find_or_draft(struct store *s, const struct identity *who, const struct cycle_settings *cs,
                                         const struct task_state *t, const struct cycle_period *p, long long *id,
                                         bool *accepted, bool *made, struct error *e);

#endif
