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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_task_late),
		cmocka_unit_test(test_milestone_late),
		cmocka_unit_test(test_period_end),
		cmocka_unit_test(test_as_of_year_month),
		cmocka_unit_test(test_report_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
