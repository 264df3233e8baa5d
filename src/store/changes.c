/* store_changes: the change log read back, with its filters
 * (store_changes.h). The rows are written by the triggers of
 * db/migrations/0002_users_audit.sql whenever a write changes something. */
#include "internal.h"

#include <stdlib.h>

#include "plancon/store_changes.h"
#include "plancon/store_plan.h"
#include "plancon/xalloc.h"

/* ?1 task id (0: any), ?2 department id (0: any) and ?3 its short name,
 * ?4 since, ?5 limit. One task's changes come from the index on the task
 * (changes_task): "?1 = 0 OR ..." alone would read every change. */
#define CHANGE_QUERY(task, order) \
	"SELECT g.id, ifnull(g.task_id, 0), ifnull(g.version, 0), g.at, g.who, g.kind, g.item, g.field, g.old, " \
	"g.new, g.note, g.actor FROM changes g LEFT JOIN tasks t ON t.id = g.task_id " \
	"WHERE " task "(?1 = 0 OR g.task_id = ?1) " \
	"AND (?2 = 0 OR t.lead_dept_id = ?2 OR (g.kind = 'department' AND (g.item = ?3 OR g.new = ?3))) " \
	"AND (?4 IS NULL OR g.at >= ?4) ORDER BY g.id " order " LIMIT ?5"
#define ONE_TASK "g.task_id = ?1 AND "
/* [every task, one task][oldest first, newest first] */
static const char *const change_sql[2][2] = {
	{ CHANGE_QUERY("", "ASC"), CHANGE_QUERY("", "DESC") },
	{ CHANGE_QUERY(ONE_TASK, "ASC"), CHANGE_QUERY(ONE_TASK, "DESC") },
};

/* The department named name: its id and short name (malloc'd). */
static enum err_code
dept_of(struct store *s, const char *name, long long *id, char **short_name, struct error *e)
{
	static const char sql[] = "SELECT short FROM departments WHERE id = ?1";
	enum err_code c = store_dept_find(s, name, id, e);
	if (c)
		return c;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, *id);
	if (sqlite3_step(st) == SQLITE_ROW && store_col(st, 0))
		*short_name = xstrdup(store_col(st, 0));
	sqlite3_reset(st);
	return ERR_OK;
}

enum err_code
store_changes_each(struct store *s, const struct change_filter *f, change_cb cb, void *ctx, struct error *e)
{
	static const struct change_filter none = { 0 };
	if (!f)
		f = &none;
	long long task = f->task_id, dept = 0;
	char *dept_short = NULL;
	enum err_code c;
	if (task <= 0 && f->code && (c = store_task_id(s, f->code, &task, e)))
		return c;
	if (f->dept && (c = dept_of(s, f->dept, &dept, &dept_short, e)))
		return c;
	sqlite3_stmt *st = store_stmt(s, change_sql[task > 0][f->limit > 0], e);
	if (!st) {
		free(dept_short);
		return e->code;
	}
	sqlite3_bind_int64(st, 1, task > 0 ? task : 0);
	sqlite3_bind_int64(st, 2, dept);
	store_bind_text(st, 3, dept_short);
	store_bind_text(st, 4, f->since);
	sqlite3_bind_int(st, 5, f->limit > 0 ? f->limit : -1);
	free(dept_short);   /* bound as text: SQLite made its own copy */
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct change_row r = {
			.id = sqlite3_column_int64(st, 0), .task_id = sqlite3_column_int64(st, 1),
			.version = sqlite3_column_int64(st, 2), .at = store_col(st, 3), .who = store_col(st, 4),
			.kind = store_col(st, 5), .item = store_col(st, 6), .field = store_col(st, 7),
			.old = store_col(st, 8), .new_value = store_col(st, 9), .note = store_col(st, 10),
			.actor = store_col(st, 11),
		};
		if (cb(&r, ctx))
			break;
	}
	c = rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, _("reading the log"));
	sqlite3_reset(st);
	return c;
}
