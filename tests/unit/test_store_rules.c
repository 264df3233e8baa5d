/* Unit tests of the store's SQL twins of the model's rules (the SQL_*
 * fragments of src/store/internal.h): each fragment, evaluated by SQLite
 * on bound values, must give what its model.c function gives, over a grid
 * of dates, periods and states. A query that uses the fragment then keeps
 * the model's rule; test_report.c checks the reports built on them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "internal.h"
#include "plancon/cycle.h"
#include "plancon/model.h"

/* The as-of dates (and due dates) of the grid: NULL, none, month and
 * quarter ends and the days after them, a leap day, a year's edges. */
static const char *const dates[] = {
	NULL, "", "2022-12-31", "2023-01-01", "2023-03-30", "2023-03-31", "2023-04-01", "2023-06-30",
	"2023-07-01", "2023-09-30", "2023-10-01", "2023-12-30", "2023-12-31", "2024-01-01", "2024-02-28",
	"2024-02-29", "2024-03-01", "2024-03-31", "2024-04-01", "2025-06-15",
};
#define N_DATES (sizeof dates / sizeof *dates)

static sqlite3 *
db_open(void)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	return db;
}

static sqlite3_stmt *
prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	return st;
}

/* The one-row result of st as an integer, after binding is done. */
static int
eval_int(sqlite3_stmt *st)
{
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int v = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return v;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *t)
{
	if (t)
		sqlite3_bind_text(st, i, t, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* SQL_TASK_LATE against model_task_late: every due date, every status the
 * schema allows (status is NOT NULL), every as-of date. */
static void
test_task_late(void **state)
{
	(void)state;
	sqlite3 *db = db_open();
	sqlite3_stmt *st = prepare(db,
		"SELECT CASE WHEN " SQL_TASK_LATE("t.due", "t.status", "?3") " THEN 1 ELSE 0 END "
		"FROM (SELECT ?1 AS due, ?2 AS status) t");
	int n = 0, n_late = 0;
	for (size_t d = 0; d < N_DATES; d++)
		for (int k = 0; k < TS_COUNT; k++)
			for (size_t a = 0; a < N_DATES; a++) {
				const char *status = task_status_key((enum task_status)k);
				bind_text(st, 1, dates[d]);
				bind_text(st, 2, status);
				bind_text(st, 3, dates[a]);
				bool want = model_task_late(dates[d], status, dates[a]);
				if (eval_int(st) != (int)want)
					fail_msg("due %s, %s, as of %s: SQL says %s", dates[d] ? dates[d] : "NULL", status,
					         dates[a] ? dates[a] : "NULL", want ? "not late" : "late");
				n++;
				n_late += want;
			}
	/* the grid holds both answers */
	assert_true(n_late > 0 && n_late < n);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* SQL_MILESTONE_LATE against model_milestone_late: years around the as-of
 * dates, each quarter and none, every status the schema allows, with the
 * year and month bound as the store binds them (store_as_of_year_month). */
static void
test_milestone_late(void **state)
{
	(void)state;
	sqlite3 *db = db_open();
	sqlite3_stmt *st = prepare(db,
		"SELECT CASE WHEN " SQL_MILESTONE_LATE("m", "?4", "?5") " THEN 1 ELSE 0 END "
		"FROM (SELECT ?1 AS status, ?2 AS year, ?3 AS quarter) m");
	int n = 0, n_late = 0;
	for (int year = 2021; year <= 2025; year++)
		for (int quarter = 0; quarter <= 4; quarter++)
			for (int k = 0; k < MS_COUNT; k++)
				for (size_t a = 0; a < N_DATES; a++) {
					if (dates[a] && !*dates[a])
						continue;   /* an as-of date is never empty */
					int ay, am;
					store_as_of_year_month(dates[a], &ay, &am);
					const char *status = milestone_status_key((enum milestone_status)k);
					sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
					sqlite3_bind_int(st, 2, year);
					if (quarter)
						sqlite3_bind_int(st, 3, quarter);
					else
						sqlite3_bind_null(st, 3);
					sqlite3_bind_int(st, 4, ay);
					sqlite3_bind_int(st, 5, am);
					bool want = model_milestone_late(year, quarter, status, dates[a]);
					if (eval_int(st) != (int)want)
						fail_msg("%d Q%d %s, as of %s: SQL says %s", year, quarter, status,
						         dates[a] ? dates[a] : "NULL", want ? "not late" : "late");
					n++;
					n_late += want;
				}
	assert_true(n_late > 0 && n_late < n);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* SQL_PERIOD_END against model_period_end, over the years a plan file may
 * hold (1900-2200) and each quarter and none. */
static void
test_period_end(void **state)
{
	(void)state;
	sqlite3 *db = db_open();
	sqlite3_stmt *st = prepare(db, "SELECT " SQL_PERIOD_END("?1", "?2"));
	for (int year = 1900; year <= 2200; year++)
		for (int quarter = 0; quarter <= 4; quarter++) {
			sqlite3_bind_int(st, 1, year);
			if (quarter)
				sqlite3_bind_int(st, 2, quarter);
			else
				sqlite3_bind_null(st, 2);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			char want[11];
			model_period_end(year, quarter, want);
			assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
			sqlite3_reset(st);
		}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The year and month the milestone rule takes from an as-of date. */
static void
test_as_of_year_month(void **state)
{
	(void)state;
	int y, m;
	store_as_of_year_month("2024-02-29", &y, &m);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	store_as_of_year_month(NULL, &y, &m);
	assert_int_equal(y, 0);
	assert_int_equal(m, 0);
}

/* SQL_REPORT_MISSING against cycle_report_missing: a task of every status,
 * awaiting or not, with and without a lead, with no report, a draft or a
 * submitted one, over due and as-of dates, before and after the first
 * period. The task must be expected (open, led, not awaiting) and the
 * period not before the first for the rule to apply at all. */
static void
test_report_missing(void **state)
{
	(void)state;
	sqlite3 *db = db_open();
	char *err = NULL;
	if (sqlite3_exec(db, "CREATE TABLE tasks (id INTEGER PRIMARY KEY, lead_dept_id INTEGER, status TEXT, awaiting INTEGER);"
	                 "CREATE TABLE reports (task_id INTEGER, period TEXT, state TEXT);"
	                 "CREATE INDEX reports_filed ON reports(period, task_id) WHERE state <> 'draft';",
	                 NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s", err);
	sqlite3_stmt *task = prepare(db, "INSERT OR REPLACE INTO tasks VALUES (1, ?1, ?2, ?3)");
	sqlite3_stmt *clear = prepare(db, "DELETE FROM reports");
	sqlite3_stmt *report = prepare(db, "INSERT INTO reports VALUES (1, '2024-02', ?1)");
	sqlite3_stmt *st = prepare(db, "SELECT CASE WHEN " SQL_REPORT_MISSING("t", "?1", "?2", "?3", "?4")
	                           " THEN 1 ELSE 0 END FROM tasks t WHERE t.id = 1");
	static const char *const reports[] = { NULL, "draft", "submitted", "returned", "accepted" };
	static const char *const firsts[] = { "2024-01", "2024-02", "2024-03" };
	int n_missing = 0;
	for (int k = 0; k < TS_COUNT; k++)
		for (int lead = 0; lead < 2; lead++)
			for (int awaiting = 0; awaiting < 2; awaiting++)
				for (size_t r = 0; r < sizeof reports / sizeof *reports; r++) {
					const char *status = task_status_key((enum task_status)k);
					if (lead)
						sqlite3_bind_int(task, 1, 7);
					bind_text(task, 2, status);
					sqlite3_bind_int(task, 3, awaiting);
					assert_int_equal(sqlite3_step(task), SQLITE_DONE);
					sqlite3_reset(task);
					sqlite3_clear_bindings(task);
					assert_int_equal(sqlite3_step(clear), SQLITE_DONE);
					sqlite3_reset(clear);
					if (reports[r]) {
						bind_text(report, 1, reports[r]);
						assert_int_equal(sqlite3_step(report), SQLITE_DONE);
						sqlite3_reset(report);
					}
					bool expected = lead && !awaiting && strcmp(status, "done") && strcmp(status, "cancelled");
					bool filed = reports[r] && strcmp(reports[r], "draft");
					for (size_t f = 0; f < sizeof firsts / sizeof *firsts; f++)
						for (size_t d = 2; d < N_DATES; d++)
							for (size_t a = 2; a < N_DATES; a++) {
								bool want = expected && strcmp("2024-02", firsts[f]) >= 0 &&
								            cycle_report_missing(filed, dates[d], dates[a]);
								bind_text(st, 1, "2024-02");
								bind_text(st, 2, dates[d]);
								bind_text(st, 3, dates[a]);
								bind_text(st, 4, firsts[f]);
								int got = eval_int(st);
								if (got != (int)want)
									fail_msg("status %s lead %d awaiting %d report %s first %s due %s as of %s: "
									         "SQL %d, cycle_report_missing %d", status, lead, awaiting,
									         reports[r] ? reports[r] : "none", firsts[f], dates[d], dates[a], got,
									         want);
								n_missing += got;
							}
				}
	assert_true(n_missing > 0);
	sqlite3_finalize(st);
	sqlite3_finalize(report);
	sqlite3_finalize(clear);
	sqlite3_finalize(task);
	sqlite3_close(db);
}

/* ---- the warning light: SQL_LIGHT_REASON against cycle_light_of ------------------- */

/* One generated task: its row and its report's state for the period. */
struct light_case {
	const char *status;
	int awaiting, progress, lead;
	const char *start, *due;
	int milestone;             /* 0 none, 1 pending in 2024 Q1, 2 missed in 2025, 3 done in 2023, 4 pending 2026 */
	const char *report;        /* NULL none, or its state */
};

static const char *const light_statuses[] = { "not_started", "in_progress", "done", "blocked", "cancelled" };
static const int light_progress[] = { 0, 40, 99, 100 };
static const char *const light_starts[] = { NULL, "2024-01-01", "2024-04-10", "2024-06-01" };
static const char *const light_dues[] = { NULL, "2024-04-09", "2024-04-10", "2024-04-11", "2024-04-17",
                                          "2024-04-18", "2024-05-01", "2024-12-31" };
static const char *const light_reports[] = { NULL, "draft", "submitted", "returned", "accepted" };
#define N_OF(a) (sizeof a / sizeof *a)

static enum cycle_report_state
report_state(const char *state, bool due)
{
	if (!due)
		return CYCLE_REPORT_NONE_DUE;
	if (!state || !strcmp(state, "draft"))
		return CYCLE_REPORT_NOT_FILED;
	if (!strcmp(state, "returned"))
		return CYCLE_REPORT_RETURNED;
	return !strcmp(state, "accepted") ? CYCLE_REPORT_ACCEPTED : CYCLE_REPORT_SUBMITTED;
}

/* The facts cycle_light_of takes, from a generated task as the store
 * keeps it: awaiting is "done, not verified", a done task is verified. */
static enum cycle_reason
light_expected(const struct light_case *k, const char *as_of, const char *period_due, int grace, int near)
{
	static const int my[][3] = { { 0, 0, 0 }, { 2024, 1, 'p' }, { 2025, 0, 'm' }, { 2023, 0, 'd' }, { 2026, 2, 'p' } };
	int missed = 0;
	if (k->milestone) {
		const char *st = my[k->milestone][2] == 'p' ? "pending" : my[k->milestone][2] == 'm' ? "missed" : "done";
		missed = !strcmp(st, "missed") || model_milestone_late(my[k->milestone][0], my[k->milestone][1], st, as_of);
	}
	struct cycle_task_facts f = {
		.status = k->awaiting ? "done" : k->status, .progress = k->progress,
		.verified = !strcmp(k->status, "done"), .start_date = k->start, .due_date = k->due,
		.missed_milestones = missed, .report = report_state(k->report, period_due && k->lead),
		.report_due = k->lead ? period_due : NULL, .as_of = as_of,
	};
	enum cycle_reason why;
	cycle_light_of(&f, &(struct cycle_thresholds){ .near_days = near, .grace_days = grace }, &why);
	return why;
}

static void
light_schema(sqlite3 *db)
{
	assert_int_equal(sqlite3_exec(db,
		"CREATE TABLE tasks (id INTEGER PRIMARY KEY, status TEXT, awaiting INTEGER, progress INTEGER, "
		"lead_dept_id INTEGER, start_date TEXT, due_date TEXT);"
		"CREATE TABLE milestones (task_id INTEGER, year INTEGER, quarter INTEGER, status TEXT);"
		"CREATE INDEX milestones_task ON milestones(task_id);"
		"CREATE TABLE reports (task_id INTEGER, period TEXT, state TEXT, UNIQUE (task_id, period));",
		NULL, NULL, NULL), SQLITE_OK);
}

/* Every combination of the generated facts, inserted into a table. */
static int
light_fill(sqlite3 *db, struct light_case *cases, int max)
{
	sqlite3_stmt *ins = prepare(db, "INSERT INTO tasks VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	sqlite3_stmt *ms = prepare(db, "INSERT INTO milestones VALUES (?1, ?2, ?3, ?4)");
	sqlite3_stmt *rep = prepare(db, "INSERT INTO reports VALUES (?1, ?2, ?3)");
	static const char *const mrow[][3] = { { 0 }, { "2024", "1", "pending" }, { "2025", NULL, "missed" },
	                                      { "2023", NULL, "done" }, { "2026", "2", "pending" } };
	int n = 0;
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	for (size_t a = 0; a < N_OF(light_statuses); a++)
	for (int aw = 0; aw < 2; aw++)
	for (size_t p = 0; p < N_OF(light_progress); p++)
	for (size_t s = 0; s < N_OF(light_starts); s++)
	for (size_t d = 0; d < N_OF(light_dues); d++)
	for (int m = 0; m < 5; m++)
	for (size_t r = 0; r < N_OF(light_reports); r++)
	for (int lead = 0; lead < 2 && n < max; lead++) {
		if (aw && strcmp(light_statuses[a], "in_progress"))
			continue;          /* awaiting: in progress at 100 % (brief decision 1) */
		if (!lead && light_reports[r])
			continue;          /* a report is its lead department's */
		struct light_case *k = &cases[n++];
		*k = (struct light_case){ light_statuses[a], aw, aw ? 100 : light_progress[p], lead, light_starts[s],
		                          light_dues[d], m, light_reports[r] };
		sqlite3_bind_int(ins, 1, n);
		bind_text(ins, 2, k->status);
		sqlite3_bind_int(ins, 3, k->awaiting);
		sqlite3_bind_int(ins, 4, k->progress);
		if (lead)
			sqlite3_bind_int(ins, 5, 7);
		bind_text(ins, 6, k->start);
		bind_text(ins, 7, k->due);
		assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
		sqlite3_reset(ins);
		sqlite3_clear_bindings(ins);
		if (m) {
			sqlite3_bind_int(ms, 1, n);
			bind_text(ms, 2, mrow[m][0]);
			bind_text(ms, 3, mrow[m][1]);
			bind_text(ms, 4, mrow[m][2]);
			assert_int_equal(sqlite3_step(ms), SQLITE_DONE);
			sqlite3_reset(ms);
			sqlite3_clear_bindings(ms);
		}
		if (k->report) {
			sqlite3_bind_int(rep, 1, n);
			bind_text(rep, 2, "2024-03");
			bind_text(rep, 3, k->report);
			assert_int_equal(sqlite3_step(rep), SQLITE_DONE);
			sqlite3_reset(rep);
			/* another period's report never counts */
			sqlite3_bind_int(rep, 1, n);
			bind_text(rep, 2, "2024-02");
			bind_text(rep, 3, "returned");
			assert_int_equal(sqlite3_step(rep), SQLITE_DONE);
			sqlite3_reset(rep);
		}
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_finalize(ins);
	sqlite3_finalize(ms);
	sqlite3_finalize(rep);
	return n;
}

/* SQL_LIGHT_REASON against cycle_light_of on every generated task, at
 * as-of dates around the thresholds, with and without a report due; and
 * the light filter keeps exactly the tasks of its light. */
static void
test_light(void **state)
{
	(void)state;
	enum { MAX = 120000 };
	static struct light_case cases[MAX];
	sqlite3 *db = db_open();
	light_schema(db);
	int n = light_fill(db, cases, MAX);
	sqlite3_stmt *st = prepare(db, "SELECT t.id, " SQL_LIGHT_REASON("t") ", " SQL_LIGHT_FILTER("t")
	                           "FROM tasks t ORDER BY t.id");
	static const struct { const char *as_of, *due; int grace, near; } at[] = {
		{ "2024-04-10", "2024-04-10", 3, 7 }, { "2024-04-11", "2024-04-10", 3, 7 },
		{ "2024-04-13", "2024-04-10", 3, 0 }, { "2024-04-14", "2024-04-10", 3, 7 },
		{ "2024-04-14", NULL, 3, 7 }, { "2024-06-30", "2024-04-10", 0, 30 },
	};
	int counted[CYCLE_WHY_COUNT] = { 0 };
	for (size_t i = 0; i < N_OF(at); i++)
		for (int light = -1; light < (i % 3 ? 0 : CYCLE_LIGHT_COUNT); light++) {
			struct store_lights l = { .as_of = at[i].as_of, .near_days = at[i].near };
			store_as_of_year_month(l.as_of, &l.year, &l.month);
			if (at[i].due)
				store_lights_period(&l, "2024-03", at[i].due, at[i].grace);
			char filter[160] = "";
			if (light >= 0) {
				strcat(filter, ",");
				for (int r = 0; r < CYCLE_WHY_COUNT; r++)
					if ((int)cycle_reason_light((enum cycle_reason)r) == light)
						strcat(strcat(filter, cycle_reason_key((enum cycle_reason)r)), ",");
				memcpy(l.filter, filter, sizeof filter);
			}
			store_lights_bind(st, &l);
			int row = 0;
			while (sqlite3_step(st) == SQLITE_ROW) {
				const struct light_case *k = &cases[row++];
				enum cycle_reason want = light_expected(k, l.as_of, at[i].due, at[i].grace, at[i].near);
				const char *got = (const char *)sqlite3_column_text(st, 1);
				if (!got || strcmp(got, cycle_reason_key(want)))
					fail_msg("task %d (%s aw %d %d%% lead %d start %s due %s ms %d report %s) at %s: "
					         "SQL %s, C %s", row, k->status, k->awaiting, k->progress, k->lead,
					         k->start ? k->start : "-", k->due ? k->due : "-", k->milestone,
					         k->report ? k->report : "-", l.as_of, got ? got : "NULL", cycle_reason_key(want));
				bool kept = sqlite3_column_int(st, 2) != 0;
				assert_int_equal(kept, light < 0 || (int)cycle_reason_light(want) == light);
				counted[want] += light < 0;
			}
			sqlite3_reset(st);
			assert_int_equal(row, n);
		}
	/* the grid reaches every rule */
	for (int r = 0; r < CYCLE_WHY_COUNT; r++)
		if (!counted[r])
			fail_msg("no generated task has the reason %s", cycle_reason_key((enum cycle_reason)r));
	/* the cycle off: no light at all */
	store_lights_bind(st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(st, 1), SQLITE_NULL);
	assert_int_equal(sqlite3_column_int(st, 2), 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_task_late),
		cmocka_unit_test(test_milestone_late),
		cmocka_unit_test(test_period_end),
		cmocka_unit_test(test_as_of_year_month),
		cmocka_unit_test(test_report_missing),
		cmocka_unit_test(test_light),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
