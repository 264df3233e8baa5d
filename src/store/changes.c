/* store_changes: the change log read back, with its filters
 * (store_changes.h). The rows are written by the triggers of
 * db/migrations/0002_users_audit.sql whenever a write changes something. */
#include "internal.h"

#include <stdlib.h>

#include "plancon/store_changes.h"
#include "plancon/store_plan.h"
#include "plancon/xalloc.h"

enum err_code
store_log_each(struct store *s, const struct log_filter *f, log_cb cb, void *ctx, struct error *e)
{
	static const char task_sql[] = "SELECT id FROM tasks WHERE code = ?1";
	static const char dept_sql[] = "SELECT short FROM departments WHERE id = ?1";
	/* One task's changes come from the index on the task (changes_task):
	 * "?1 = 0 OR ..." alone would read every change. */
#define LOG_QUERY(task) \
	"SELECT g.id, ifnull(g.version, 0), g.at, g.who, g.kind, g.item, g.field, g.old, g.new, g.note, g.actor " \
	"FROM changes g LEFT JOIN tasks t ON t.id = g.task_id " \
	"WHERE " task "(?1 = 0 OR g.task_id = ?1) " \
	"AND (?2 = 0 OR t.lead_dept_id = ?2 OR (g.kind = 'department' AND (g.item = ?3 OR g.new = ?3))) " \
	"AND (?4 IS NULL OR g.at >= ?4) ORDER BY g.id"
	static const char all_sql[] = LOG_QUERY(""), task_log_sql[] = LOG_QUERY("g.task_id = ?1 AND ");
#undef LOG_QUERY
	static const struct log_filter none = { 0 };
	if (!f)
		f = &none;
	long long task = 0, dept = 0;
	char *dept_short = NULL;
	sqlite3_stmt *st;
	int rc;
	if (f->code) {
		if (!(st = store_stmt(s, task_sql, e)))
			return e->code;
		store_bind_text(st, 1, f->code);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			task = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (!task)
			return rc == SQLITE_DONE ? err_set(e, ERR_NOT_FOUND, _("no task \"%s\" (plancon tasks lists them)"), f->code)
			                         : store_fail(s, e, "reading");
	}
	if (f->dept) {
		enum err_code c = store_dept_find(s, f->dept, &dept, e);
		if (c)
			return c;
		if (!(st = store_stmt(s, dept_sql, e)))
			return e->code;
		sqlite3_bind_int64(st, 1, dept);
		if (sqlite3_step(st) == SQLITE_ROW)
			dept_short = store_col(st, 0) ? xstrdup(store_col(st, 0)) : NULL;
		sqlite3_reset(st);
	}
	if (!(st = store_stmt(s, task ? task_log_sql : all_sql, e))) {
		free(dept_short);
		return e->code;
	}
	sqlite3_bind_int64(st, 1, task);
	sqlite3_bind_int64(st, 2, dept);
	store_bind_text(st, 3, dept_short);
	store_bind_text(st, 4, f->since);
	free(dept_short);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct log_row row = {
			.id = sqlite3_column_int64(st, 0), .version = sqlite3_column_int64(st, 1), .at = store_col(st, 2),
			.who = store_col(st, 3), .kind = store_col(st, 4), .item = store_col(st, 5),
			.field = store_col(st, 6), .old = store_col(st, 7), .new_value = store_col(st, 8),
			.note = store_col(st, 9), .actor = store_col(st, 10),
		};
		if (cb(&row, ctx))
			break;
	}
	enum err_code c = rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, _("reading the log"));
	sqlite3_reset(st);
	return c;
}

enum err_code
store_changes_each(struct store *s, const struct change_filter *f, change_cb cb, void *ctx, struct error *e)
{
	/* One task's changes (show, log CODE) come from the index on the
	 * task (changes_task): "?4 = 0 OR ..." alone would read every change. */
#define CHANGE_QUERY(task, order) \
	"SELECT g.id, ifnull(g.task_id, 0), g.at, g.who, g.kind, g.item, g.field, g.old, g.new, g.note, g.actor " \
	"FROM changes g LEFT JOIN tasks t ON t.id = g.task_id WHERE " task \
	"(?1 IS NULL OR t.code = ?1) AND (?2 = 0 OR t.lead_dept_id = ?2) AND (?3 IS NULL OR g.at >= ?3) " \
	"AND (?4 = 0 OR g.task_id = ?4) ORDER BY g.id " order " LIMIT ?5"
#define BY_ID "g.task_id = ?4 AND "
#define BY_CODE "g.task_id = (SELECT id FROM tasks WHERE code = ?1) AND "
	/* [all, one task by id, by code][newest first] */
	static const char *const sql[3][2] = {
		{ CHANGE_QUERY("", "ASC"), CHANGE_QUERY("", "DESC") },
		{ CHANGE_QUERY(BY_ID, "ASC"), CHANGE_QUERY(BY_ID, "DESC") },
		{ CHANGE_QUERY(BY_CODE, "ASC"), CHANGE_QUERY(BY_CODE, "DESC") },
	};
#undef BY_CODE
#undef BY_ID
#undef CHANGE_QUERY
	static const struct change_filter none = { 0 };
	if (!f)
		f = &none;
	long long dept = 0;
	if (f->dept && store_dept_find(s, f->dept, &dept, e))
		return e->code;
	sqlite3_stmt *st = store_stmt(s, sql[f->task_id > 0 ? 1 : f->code ? 2 : 0][f->limit > 0], e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, f->code);
	sqlite3_bind_int64(st, 2, dept);
	store_bind_text(st, 3, f->since);
	sqlite3_bind_int64(st, 4, f->task_id);
	sqlite3_bind_int(st, 5, f->limit > 0 ? f->limit : -1);
	struct change_row r;
	STORE_EACH_ROW(s, st, e, r, (r = (struct change_row){
		.id = sqlite3_column_int64(st, 0), .task_id = sqlite3_column_int64(st, 1), .at = store_col(st, 2),
		.who = store_col(st, 3), .kind = store_col(st, 4), .item = store_col(st, 5), .field = store_col(st, 6),
		.old = store_col(st, 7), .new_value = store_col(st, 8), .note = store_col(st, 9),
		.actor = store_col(st, 10) }), cb, ctx);
}

enum err_code
store_task_changes_each(struct store *s, long long task_id, int limit, change_cb cb, void *ctx, struct error *e)
{
	static const char sql[] =
		"SELECT g.id, ifnull(g.task_id, 0), g.at, g.who, g.kind, g.item, g.field, g.old, g.new, g.note, g.actor "
		"FROM changes g WHERE g.task_id = ?1 ORDER BY g.id DESC LIMIT ?2";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct change_row r = {
			.id = sqlite3_column_int64(st, 0), .task_id = sqlite3_column_int64(st, 1), .at = store_col(st, 2),
			.who = store_col(st, 3), .kind = store_col(st, 4), .item = store_col(st, 5), .field = store_col(st, 6),
			.old = store_col(st, 7), .new_value = store_col(st, 8), .note = store_col(st, 9),
			.actor = store_col(st, 10),
		};
		if (cb(&r, ctx))
			break;
	}
	return store_finish(s, st, rc, e);
}
