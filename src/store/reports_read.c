/* store_reports, the reads: the office's review queue, a task's cycle
 * state, its reports and each report's history (store_reports.h). The
 * queue walks the partial index of the submitted reports (reports_queue),
 * a task's reports the unique index on (task_id, period). */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "plancon/store_cycle.h"
#include "plancon/store_plan.h"
#include "plancon/store_reports.h"


enum err_code
store_report_queue_each(struct store *s, const struct report_queue *q, report_queue_cb cb, void *ctx,
                        struct error *e)
{
	static const char sql[] =
		"SELECT r.id, r.task_id, t.code, t.title, d.short, r.period, r.due, r.rev, r.first_local, r.updated_at, "
		"ifnull(r.on_time, 0), r.status = 'done' "
		"FROM reports r INDEXED BY reports_queue JOIN tasks t ON t.id = r.task_id "
		"JOIN departments d ON d.id = r.dept_id "
		"WHERE r.state = 'submitted' AND (?1 IS NULL OR r.dept_id = ?1) AND (?2 IS NULL OR r.period = ?2) "
		"AND (?3 IS NULL OR r.updated_at > ?3 OR (r.updated_at = ?3 AND r.id > ?4)) "
		"ORDER BY r.updated_at, r.id LIMIT ?5";
	struct report_queue all = { 0 };
	if (!q)
		q = &all;
	struct cycle_period p;
	if (q->period && store_cycle_period_parse(NULL, q->period, &p, e))
		return e->code;
	long long dept = 0;
	if (q->dept) {
		enum err_code c = store_dept_find(s, q->dept, &dept, e);
		if (c)
			return c;
	}
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	if (dept)
		sqlite3_bind_int64(st, 1, dept);
	store_bind_text(st, 2, q->period);
	store_bind_text(st, 3, q->after_at);
	sqlite3_bind_int64(st, 4, q->after_id);
	sqlite3_bind_int(st, 5, q->limit > 0 ? q->limit : -1);
	struct report_queue_row row;
	STORE_EACH_ROW(s, st, e, row,
		(row = (struct report_queue_row){
			.report_id = sqlite3_column_int64(st, 0), .task_id = sqlite3_column_int64(st, 1),
			.code = store_col(st, 2), .title = store_col(st, 3), .dept_short = store_col(st, 4),
			.period = store_col(st, 5), .due = store_col(st, 6), .rev = sqlite3_column_int(st, 7),
			.first_local = store_col(st, 8), .submitted_at = store_col(st, 9),
			.on_time = sqlite3_column_int(st, 10) != 0, .claims_done = sqlite3_column_int(st, 11) != 0 }),
		cb, ctx);
}

enum err_code
store_task_cycle_get(struct store *s, const char *code, task_cycle_cb cb, void *ctx, struct error *e)
{
	struct task_state t;
	enum err_code c = store_task_load(s, code, &t, e);
	if (!c) {
		struct task_cycle_row row = { .awaiting = t.awaiting, .due_date = t.due_date,
		                              .original_due = t.original_due };
		cb(&row, ctx);
	}
	store_task_state_free(&t);
	return c;
}

#define REPORT_ROW_SQL \
	"SELECT r.id, r.task_id, r.version, t.code, r.period, r.due, r.state, d.short, r.rev, r.status, r.progress, " \
	"r.done_text, r.problems, r.next_steps, r.first_local, ifnull(r.on_time, -1), r.updated_at, r.updated_by, " \
	"r.actor FROM tasks t JOIN reports r ON r.task_id = t.id JOIN departments d ON d.id = r.dept_id "

static void
report_row_fill(sqlite3_stmt *st, struct report_row *r)
{
	*r = (struct report_row){
		.id = sqlite3_column_int64(st, 0), .task_id = sqlite3_column_int64(st, 1),
		.version = sqlite3_column_int64(st, 2), .code = store_col(st, 3), .period = store_col(st, 4),
		.due = store_col(st, 5), .state = store_col(st, 6), .dept_short = store_col(st, 7),
		.rev = sqlite3_column_int(st, 8), .status = store_col(st, 9), .progress = sqlite3_column_int(st, 10),
		.done_text = store_col(st, 11), .problems = store_col(st, 12), .next_steps = store_col(st, 13),
		.first_local = store_col(st, 14), .on_time = sqlite3_column_int(st, 15), .updated_at = store_col(st, 16),
		.updated_by = store_col(st, 17), .actor = store_col(st, 18) };
}

/* REPORT_ROW_SQL's query sql prepared for task code (?1 bound), once the
 * task is known (so that an empty answer can be told from no task); NULL
 * after a message in e. */
static sqlite3_stmt *
report_rows(struct store *s, const char *sql, const char *code, struct error *e)
{
	long long id;
	if (store_task_id(s, code, &id, e))
		return NULL;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (st)
		store_bind_text(st, 1, code);
	return st;
}

enum err_code
store_reports_each(struct store *s, const char *code, int limit, report_cb cb, void *ctx, struct error *e)
{
	static const char sql[] = REPORT_ROW_SQL "WHERE t.code = ?1 ORDER BY r.period DESC LIMIT ?2";
	sqlite3_stmt *st = report_rows(s, sql, code, e);
	if (!st)
		return e->code;
	sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
	struct report_row row;
	STORE_EACH_ROW(s, st, e, row, report_row_fill(st, &row), cb, ctx);
}

enum err_code
store_report_get(struct store *s, const char *code, const char *period, report_cb cb, void *ctx, struct error *e)
{
	static const char sql[] = REPORT_ROW_SQL "WHERE t.code = ?1 AND r.period = ?2";
	sqlite3_stmt *st = report_rows(s, sql, code, e);
	if (!st)
		return e->code;
	store_bind_text(st, 2, period);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		struct report_row row;
		report_row_fill(st, &row);
		cb(&row, ctx);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOT_FOUND, _("%s has no report for %s"), code, period);
	return rc == SQLITE_ROW ? ERR_OK : store_fail(s, e, _("reading the report"));
}

enum err_code
store_report_events_each(struct store *s, long long report_id, report_event_cb cb, void *ctx, struct error *e)
{
	/* The three histories in one order: by time, then revisions before the
	 * reviews of them, inputs last. */
	static const char sql[] =
		"SELECT 0 k, rev, at, who, actor, local, status, done_text, problems, next_steps, progress, NULL, NULL, NULL "
		"FROM report_revisions WHERE report_id = ?1 "
		"UNION ALL SELECT 1, rev, at, who, actor, NULL, NULL, NULL, NULL, NULL, 0, decision, reason, NULL "
		"FROM reviews WHERE report_id = ?1 "
		"UNION ALL SELECT 2, 0, i.at, i.who, i.actor, NULL, NULL, NULL, NULL, NULL, 0, NULL, i.text, d.short "
		"FROM report_inputs i JOIN departments d ON d.id = i.dept_id WHERE i.report_id = ?1 "
		"ORDER BY 3, 1, 2";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, report_id);
	struct report_event_row row;
	STORE_EACH_ROW(s, st, e, row,
		(row = (struct report_event_row){
			.kind = sqlite3_column_int(st, 0) == 0 ? REPORT_EV_REVISION
			        : sqlite3_column_int(st, 0) == 1 ? REPORT_EV_REVIEW : REPORT_EV_INPUT,
			.rev = sqlite3_column_int(st, 1), .at = store_col(st, 2), .who = store_col(st, 3),
			.actor = store_col(st, 4), .local = store_col(st, 5), .status = store_col(st, 6),
			.done_text = store_col(st, 7), .problems = store_col(st, 8), .next_steps = store_col(st, 9),
			.progress = sqlite3_column_int(st, 10), .decision = store_col(st, 11), .text = store_col(st, 12),
			.dept_short = store_col(st, 13) }),
		cb, ctx);
}
