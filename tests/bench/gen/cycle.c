/* gen/cycle: the supervision cycle's history for a generated plan: 24
 * monthly periods of reports (2022-06 to 2024-05, as of 2024-06-30, the
 * benchmark's date), their revisions and the office's reviews, reminders
 * for missing reports and some extensions (see BENCHMARKS.md for the
 * shape and its figures).
 *
 * Every row is computed by SQL from the tasks already written (one
 * INSERT ... SELECT per table and slice of tasks, tasks by periods in
 * (task, period) order, so the reports' rowids and their UNIQUE index both
 * grow at the end), with each random choice a hash of (seed, task, period,
 * purpose) through a SQL function over data.c's bench_h. The secondary
 * indexes of the cycle's tables are dropped during the load and rebuilt at
 * the end; the cycle's audit triggers are dropped too, so the change log
 * holds no report rows (the benchmarks of the cycle read the cycle's
 * tables, not the log). */
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "generate.h"
#include "plancon/cycle.h"
#include "plancon/xalloc.h"
#include "data.h"

#define SLICE 50000                 /* tasks per transaction */
#define OFFICE_DEPT (STORE_BENCH_DEPTS + 1)
#define OFFICE_USER "bench.office"

static uint64_t cycle_seed;

/* bench_hash(TASK, PERIOD, PURPOSE): 0-999. */
static void
sql_hash(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	uint64_t h = bench_h(cycle_seed, sqlite3_value_int64(argv[0]), 100 + sqlite3_value_int(argv[2]),
	                     sqlite3_value_int(argv[1]));
	sqlite3_result_int(cx, (int)(h % 1000));
}

/* The periods, a temporary table: k (0 = the first), key, end, due, last. */
static enum err_code
periods(struct store *s, int n, struct error *e)
{
	static const char ins[] = "INSERT INTO temp.bench_periods VALUES (?1, ?2, ?3, ?4, ?5)";
	enum err_code c = store_exec(s, "CREATE TEMP TABLE bench_periods (k INTEGER PRIMARY KEY, key TEXT, end TEXT, "
	                             "due TEXT, last INTEGER)", e);
	struct cycle_period p;
	if (!c && !cycle_period_parse(BENCH_CYCLE_LAST, &p))
		c = err_set(e, ERR_INVALID, "bad period " BENCH_CYCLE_LAST);
	if (!c && !cycle_period_step(&p, -(n - 1), &p))
		c = err_set(e, ERR_INVALID, "too many periods");
	for (int k = 0; k < n && !c; k++) {
		char due[11];
		cycle_report_due(&p, 5, due);
		sqlite3_stmt *st = store_stmt(s, ins, e);
		if (!st)
			return e->code;
		sqlite3_bind_int(st, 1, k);
		sqlite3_bind_text(st, 2, p.key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, p.end, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, due, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 5, k == n - 1);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			c = store_fail(s, e, "writing the periods");
		else if (!cycle_period_step(&p, 1, &p))
			c = err_set(e, ERR_INVALID, "period out of range");
	}
	return c;
}

/* The cycle's secondary indexes and audit triggers, dropped for the load;
 * their SQL kept to make them again. */
struct saved {
	char **sql;
	int n;
};

static enum err_code
drop(struct store *s, struct saved *x, struct error *e)
{
	static const char sql[] = "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND "
		"((type = 'index' AND tbl_name IN ('reports', 'report_revisions', 'reviews', 'reminders', 'extensions')) "
		"OR (type = 'trigger' AND name IN ('reports_audit_draft', 'report_revisions_audit', 'reviews_audit', "
		"'reminders_audit', 'extensions_audit_insert', 'extensions_audit_decide')))";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	char **drops = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		x->sql = xrealloc(x->sql, sizeof *x->sql * (size_t)(x->n + 1));
		drops = xrealloc(drops, sizeof *drops * (size_t)(x->n + 1));
		drops[x->n] = xasprintf("DROP %s \"%s\"", !strcmp(store_col(st, 0), "index") ? "INDEX" : "TRIGGER",
		                        store_col(st, 1));
		x->sql[x->n++] = xstrdup(store_col(st, 2));
	}
	sqlite3_reset(st);
	enum err_code c = rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, "reading the schema");
	for (int i = 0; i < x->n; i++) {
		if (!c)
			c = store_exec(s, drops[i], e);
		free(drops[i]);
	}
	free(drops);
	return c;
}

static enum err_code
restore(struct store *s, struct saved *x, struct error *e, enum err_code c)
{
	for (int i = 0; i < x->n; i++) {
		if (!c)
			c = store_exec(s, x->sql[i], e);
		free(x->sql[i]);
	}
	free(x->sql);
	return c;
}

/* One slice of tasks: their reports, revisions and reviews. ?1, ?2 the
 * task ids, ?3 the first period every task reports (earlier ones only for
 * departments up to ?4). The fate of a report is r = bench_hash(task,
 * period, 1): under 20 missing; in the last period 20-24 submitted (the
 * review queue), 25-34 returned, 35-39 a draft, 40-79 returned once and
 * accepted; before it, 20-69 returned once and accepted; the rest accepted.
 * Late: bench_hash(task, period, 2) under 100. */
static const char slice_sql[] =
	"INSERT INTO reports (task_id, period, dept_id, due, state, rev, status, progress, done_text, problems, "
	"next_steps, first_local, on_time, version, updated_at, updated_by) "
	"SELECT id, key, lead, due, state, rev, status, progress, key || '：按计划推进，累计完成' || progress || '%。', "
	"'', '', CASE WHEN rev > 0 THEN filed || ' 10:00:00' END, CASE WHEN rev > 0 THEN late = 0 END, "
	"CASE state WHEN 'draft' THEN 1 WHEN 'submitted' THEN 1 WHEN 'returned' THEN 2 ELSE 2 * rev END, "
	"date(filed, CASE WHEN state IN ('accepted', 'returned') THEN '+' || (2 * rev) || ' days' ELSE '+0 days' END) "
	"|| 'T02:00:00Z', CASE WHEN state IN ('accepted', 'returned') THEN '" OFFICE_USER "' ELSE "
	"(SELECT name FROM users WHERE id = lead) END FROM ("
	" SELECT t.id, p.key, t.lead_dept_id lead, p.due, p.k, "
	"  CASE WHEN t.status IN ('done', 'cancelled') THEN 'in_progress' ELSE t.status END status, "
	"  t.progress * (p.k + 1) / (SELECT count(*) FROM temp.bench_periods) progress, "
	"  CASE WHEN p.last AND r < 25 THEN 'submitted' WHEN p.last AND r < 35 THEN 'returned' "
	"       WHEN p.last AND r < 40 THEN 'draft' ELSE 'accepted' END state, "
	"  CASE WHEN p.last AND r BETWEEN 35 AND 39 THEN 0 WHEN (p.last AND r BETWEEN 40 AND 79) "
	"       OR (NOT p.last AND r < 70) THEN 2 ELSE 1 END rev, "
	"  l < 100 late, date(p.due, CASE WHEN l < 100 THEN '+' || (1 + l % 5) ELSE '-' || (l % 5) END || ' days') filed "
	" FROM (SELECT t.*, bench_hash(t.id, p.k, 1) r, bench_hash(t.id, p.k, 2) l, p.k pk FROM tasks t "
	"       CROSS JOIN temp.bench_periods p WHERE t.id BETWEEN ?1 AND ?2 AND t.lead_dept_id IS NOT NULL "
	"       AND (p.k >= ?3 OR t.lead_dept_id <= ?4) "
	"       AND (t.status NOT IN ('done', 'cancelled') OR substr(ifnull(t.updated_at, ''), 1, 10) > p.end)) t "
	" JOIN temp.bench_periods p ON p.k = t.pk WHERE r >= 20 ORDER BY t.id, p.k)";
static const char revisions_sql[] =
	"INSERT INTO report_revisions (report_id, rev, status, progress, done_text, problems, next_steps, at, local, who) "
	"SELECT r.id, v.rev, r.status, r.progress, r.done_text, r.problems, r.next_steps, "
	"date(r.first_local, '+' || (2 * (v.rev - 1)) || ' days') || 'T02:00:00Z', "
	"date(r.first_local, '+' || (2 * (v.rev - 1)) || ' days') || ' 10:00:00', u.name "
	"FROM reports r JOIN users u ON u.id = r.dept_id JOIN (SELECT 1 rev UNION ALL SELECT 2) v ON v.rev <= r.rev "
	"WHERE r.id > ?1 ORDER BY r.id, v.rev";
static const char reviews_sql[] =
	"INSERT INTO reviews (report_id, rev, decision, reason, at, who) "
	"SELECT r.id, v.rev, CASE WHEN v.rev < r.rev OR r.state = 'returned' THEN 'return' ELSE 'accept' END, "
	"CASE WHEN v.rev < r.rev OR r.state = 'returned' THEN '进展表述笼统，请补充具体数据' ELSE '' END, "
	"date(r.first_local, '+' || (2 * v.rev - 1) || ' days') || 'T06:00:00Z', '" OFFICE_USER "' "
	"FROM reports r JOIN (SELECT 1 rev UNION ALL SELECT 2) v ON v.rev <= r.rev "
	"WHERE r.id > ?1 AND r.state IN ('accepted', 'returned') ORDER BY r.id, v.rev";

static enum err_code
run(struct store *s, const char *sql, long long a, long long b, int c3, int c4, long long *count, struct error *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int(st, 3, c3);
	sqlite3_bind_int(st, 4, c4);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, e, "writing the cycle");
	if (count)
		*count += sqlite3_changes(s->db);
	return ERR_OK;
}

static enum err_code
last_id(struct store *s, const char *sql, long long *id, struct error *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ERR_OK : store_fail(s, e, "reading");
}

/* Reminders about the missing reports of the last three periods (a second
 * one for a third of them), one to each department about all its missing
 * reports of the last period, and extensions of 5 % of the open tasks due
 * after the benchmark's date: a third each requested, approved (the task's
 * due date moved), rejected. */
static enum err_code
extras(struct store *s, int n, struct bench_cycle_counts *cc, struct error *e)
{
	static const char reminders[] =
		"INSERT INTO reminders (dept_id, task_id, period, level, note, at, who) "
		"SELECT t.lead_dept_id, t.id, p.key, v.level, CASE v.level WHEN 1 THEN '请尽快报送' ELSE '再次催办' END, "
		"date(p.due, '+' || (7 * v.level - 5) || ' days') || 'T02:00:00Z', '" OFFICE_USER "' "
		"FROM tasks t CROSS JOIN temp.bench_periods p JOIN (SELECT 1 level UNION ALL SELECT 2) v "
		"WHERE p.k >= ?1 - 3 AND t.lead_dept_id IS NOT NULL AND t.status NOT IN ('done', 'cancelled') "
		"AND bench_hash(t.id, p.k, 1) < (CASE v.level WHEN 1 THEN 20 ELSE 7 END) "
		"ORDER BY p.k, t.id, v.level";
	static const char dept_reminders[] =
		"INSERT INTO reminders (dept_id, task_id, period, level, note, at, who) "
		"SELECT d.id, NULL, p.key, 1, '请报送本单位全部未报任务', date(p.due, '+3 days') || 'T03:00:00Z', '" OFFICE_USER "' "
		"FROM departments d, temp.bench_periods p WHERE p.last AND d.id <> ?1";
	static const char ask[] =
		"INSERT INTO extensions (task_id, dept_id, old_due, new_due, reason, state, requested_local, requested_at, "
		"requested_by, decided_at, decided_by, decision_note) "
		"SELECT t.id, t.lead_dept_id, t.due_date, date(t.due_date, '+6 months'), '工作量较大，申请延期', "
		"CASE bench_hash(t.id, 0, 4) % 3 WHEN 0 THEN 'requested' WHEN 1 THEN 'approved' ELSE 'rejected' END, "
		"'2024-06-10 10:00:00', '2024-06-10T02:00:00Z', u.name, "
		"CASE WHEN bench_hash(t.id, 0, 4) % 3 > 0 THEN '2024-06-14T08:00:00Z' END, "
		"CASE WHEN bench_hash(t.id, 0, 4) % 3 > 0 THEN '" OFFICE_USER "' END, "
		"CASE bench_hash(t.id, 0, 4) % 3 WHEN 2 THEN '理由不充分' ELSE '' END "
		"FROM tasks t JOIN users u ON u.id = t.lead_dept_id WHERE t.status NOT IN ('done', 'cancelled') "
		"AND t.due_date > '2024-06-30' AND bench_hash(t.id, 0, 3) < 50";
	static const char move[] =
		"UPDATE tasks SET original_due = due_date, due_date = (SELECT new_due FROM extensions x "
		"WHERE x.task_id = tasks.id AND x.state = 'approved') WHERE id IN (SELECT task_id FROM extensions "
		"WHERE state = 'approved')";
	enum err_code c = run(s, reminders, n - 1, 0, 0, 0, &cc->reminders, e);
	if (!c)
		c = run(s, dept_reminders, OFFICE_DEPT, 0, 0, 0, &cc->reminders, e);
	if (!c)
		c = run(s, ask, 0, 0, 0, 0, &cc->extensions, e);
	if (!c)
		c = run(s, move, 0, 0, 0, 0, NULL, e);
	return c;
}

static enum err_code
setup(struct store *s, struct error *e)
{
	static const char sql[] =
		"INSERT INTO departments (id, short, name) VALUES (51, '督办办', '督查督办办公室');"
		"INSERT INTO users (name, role, updated_by) VALUES ('" OFFICE_USER "', 'editor', 'bench');"
		"INSERT INTO user_depts (user_id, dept_id) SELECT id, 51 FROM users WHERE name = '" OFFICE_USER "';"
		"INSERT OR REPLACE INTO meta (key, value) VALUES ('cycle_enabled', '1'), ('cycle_period', 'month'), "
		"('cycle_due_day', '5'), ('cycle_office', '督办办'), ('cycle_since', (SELECT key FROM temp.bench_periods "
		"WHERE k = 0))";
	return store_exec(s, sql, e);
}

enum err_code
store_bench_cycle(struct store *s, const struct bench_cycle_shape *shape, unsigned long long seed,
                  struct bench_cycle_counts *counts, struct error *e)
{
	struct bench_cycle_counts cc = { 0 };
	int n = shape->periods, full_from = shape->full_periods > 0 ? n - shape->full_periods : 0;
	int sample = shape->full_periods > 0 ? shape->sample_depts : STORE_BENCH_DEPTS;
	if (n < 1 || n > 120)
		return err_set(e, ERR_INVALID, "periods: expected 1 to 120, got %d", n);
	cycle_seed = seed;
	if (sqlite3_create_function(s->db, "bench_hash", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_hash, NULL,
	                            NULL) != SQLITE_OK)
		return store_fail(s, e, "registering bench_hash");
	long long ntasks = 0, first;
	enum err_code c = store_exec(s, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; "
	                             "PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF", e);
	struct saved x = { 0 };
	if (!c)
		c = store_begin(s, e);
	if (!c)
		c = periods(s, n, e);
	if (!c)
		c = setup(s, e);
	if (!c)
		c = drop(s, &x, e);
	if (!c)
		c = last_id(s, "SELECT ifnull(max(id), 0) FROM tasks", &ntasks, e);
	for (long long lo = 1; lo <= ntasks && !c; lo += SLICE) {
		if (!(c = last_id(s, "SELECT ifnull(max(id), 0) FROM reports", &first, e)))
			c = run(s, slice_sql, lo, lo + SLICE - 1, full_from, sample, &cc.reports, e);
		if (!c)
			c = run(s, revisions_sql, first, 0, 0, 0, &cc.revisions, e);
		if (!c)
			c = run(s, reviews_sql, first, 0, 0, 0, &cc.reviews, e);
		if (!c && !(c = store_commit(s, e)))
			c = store_begin(s, e);
	}
	if (!c)
		c = extras(s, n, &cc, e);
	c = restore(s, &x, e, c);
	if (!c)
		c = store_exec(s, "DROP TABLE temp.bench_periods", e);
	if (!c)
		c = store_commit(s, e);
	else
		store_rollback(s);
	enum err_code c2 = store_exec(s, "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT; "
	                              "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL", c ? NULL : e);
	if (!c2)
		c2 = store_sync_apply(s, c ? NULL : e);
	if (!c)
		c = c2;
	if (!c)
		c = last_id(s, "SELECT count(*) FROM reports WHERE state = 'submitted'", &cc.queue, e);
	if (!c && counts)
		*counts = cc;
	return c;
}
