/* store_report: the aggregate queries of the reports and the late list.
 *
 * Each report is one statement: the tasks aggregated by the grouping key
 * and the late milestones aggregated the same way, both LEFT JOINed onto the
 * list of groups to show (every department, chapter or status, so that a
 * group with nothing in it still gets its row). The cost is a read of the
 * task tallies (or, for one document, of a covering index) and one pass
 * over the pending milestones, whatever the grouping; nothing is queried
 * per row.
 *
 * "Late" is SQL_TASK_LATE and SQL_MILESTONE_LATE (internal.h), the SQL
 * twins of model_task_late and model_milestone_late (test_store_rules.c
 * checks the fragments, test_report.c the reports). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "plancon/store_report.h"

/* ?1 as_of, ?2 document id or NULL, ?3 the year of as_of, ?4 its month.
 *
 * Tasks: for the whole plan, the tallies that triggers keep per lead
 * department and per chapter, status and due date (tally_dept, tally_tree:
 * db/migrations/0005_perf_indexes.sql), a few thousand rows; for one plan
 * document, one pass over the covering index tasks_report grouped by its
 * leading columns (no sort). Either is regrouped by the report's key.
 * Milestones: one pass over the pending ones in milestones_report, whose
 * rows carry their task's keys (db/migrations/0004_report.sql). */
#define TASKS_DOC \
	"SELECT t.lead_dept_id l, t.chapter_id c, t.status s, t.due_date d, count(*) n, sum(t.progress) p " \
	"FROM tasks t INDEXED BY tasks_report WHERE t.document_id = ?2 GROUP BY 1, 2, 3, 4"
#define TASKS_DEPT_TALLY \
	"SELECT nullif(dept_id, 0) l, NULL c, status s, nullif(due_date, '') d, n, progress p FROM tally_dept"
#define TASKS_TREE_TALLY \
	"SELECT NULL l, chapter_id c, status s, nullif(due_date, '') d, n, progress p FROM tally_tree"
#define MS_INNER \
	"SELECT m.task_lead l, m.task_chapter c, m.task_status s, m.year y, count(*) n " \
	"FROM milestones m INDEXED BY milestones_report WHERE " SQL_MILESTONE_LATE("m", "?3", "?4") " " \
	"AND (?2 IS NULL OR m.task_document = ?2) GROUP BY 1, 2, 3, 4"
#define TASK_AGG(g, tasks) \
	"SELECT " g " g, sum(n) n, " SQL_STATUS_SUMS("s", "n") ", " \
	"sum(CASE WHEN " SQL_TASK_LATE("d", "s", "?1") " THEN n ELSE 0 END) late, " \
	SQL_PROGRESS_SUM("s", "p") " p, " SQL_PROGRESS_N("s", "n") " pn " \
	"FROM (" tasks ") GROUP BY 1"
#define MS_AGG(g) \
	"SELECT " g " g, sum(n) lm FROM (" MS_INNER ") GROUP BY 1"
#define COUNTS \
	"ifnull(a.n, 0), ifnull(a.s0, 0), ifnull(a.s1, 0), ifnull(a.s2, 0), ifnull(a.s3, 0), ifnull(a.s4, 0), " \
	"ifnull(a.late, 0), ifnull(b.lm, 0), ifnull(a.p, 0), ifnull(a.pn, 0) "

/* Every department, then (when it has tasks or late milestones) "no lead". */
#define BY_DEPT(tasks) \
	"WITH a AS (" TASK_AGG("l", tasks) "), b AS (" MS_AGG("l") "), " \
	"k(id, key, title) AS (SELECT id, short, name FROM departments UNION ALL SELECT NULL, NULL, NULL) " \
	"SELECT k.key, k.title, " COUNTS \
	"FROM k LEFT JOIN a ON a.g IS k.id LEFT JOIN b ON b.g IS k.id " \
	"WHERE k.id IS NOT NULL OR a.n IS NOT NULL OR b.lm IS NOT NULL ORDER BY k.id IS NULL, k.id"
#define BY_CHAPTER(tasks) \
	"WITH a AS (" TASK_AGG("c", tasks) "), b AS (" MS_AGG("c") ") " \
	"SELECT CAST(x.no AS TEXT), x.title, " COUNTS \
	"FROM chapters x LEFT JOIN a ON a.g = x.id LEFT JOIN b ON b.g = x.id ORDER BY x.no"
/* Tasks by the year they are due, milestones by their own year. */
#define BY_YEAR(tasks) \
	"WITH a AS (" TASK_AGG("substr(d, 1, 4)", tasks) "), b AS (" MS_AGG("CAST(y AS TEXT)") "), " \
	"k(g) AS (SELECT g FROM a UNION SELECT g FROM b) " \
	"SELECT k.g, NULL, " COUNTS \
	"FROM k LEFT JOIN a ON a.g IS k.g LEFT JOIN b ON b.g IS k.g ORDER BY k.g IS NULL, k.g"
#define BY_STATUS(tasks) \
	"WITH a AS (" TASK_AGG("s", tasks) "), b AS (" MS_AGG("s") "), " \
	"k(g, o) AS (VALUES ('not_started', 0), ('in_progress', 1), ('done', 2), ('blocked', 3), ('cancelled', 4)) " \
	"SELECT k.g, NULL, " COUNTS \
	"FROM k LEFT JOIN a ON a.g = k.g LEFT JOIN b ON b.g = k.g ORDER BY k.o"

static const char by_dept[] = BY_DEPT(TASKS_DEPT_TALLY), by_dept_doc[] = BY_DEPT(TASKS_DOC);
static const char by_chapter[] = BY_CHAPTER(TASKS_TREE_TALLY), by_chapter_doc[] = BY_CHAPTER(TASKS_DOC);
static const char by_year[] = BY_YEAR(TASKS_TREE_TALLY), by_year_doc[] = BY_YEAR(TASKS_DOC);
static const char by_status[] = BY_STATUS(TASKS_TREE_TALLY), by_status_doc[] = BY_STATUS(TASKS_DOC);

/* The id of the document with key, or NULL for all: ERR_NOT_FOUND names
 * the keys there are. */
static enum err_code
document_id(struct store *s, const char *key, long long *id, struct error *e)
{
	static const char sql[] = "SELECT id FROM documents WHERE key = ?1";
	static const char keys[] = "SELECT group_concat(key, ', ') FROM (SELECT key FROM documents ORDER BY id)";
	*id = 0;
	if (!key)
		return ERR_OK;
	enum err_code c = store_id_of(s, sql, key, id, e);
	if (c != ERR_NOT_FOUND)
		return c;
	sqlite3_stmt *st = store_stmt(s, keys, e);
	if (!st)
		return e->code;
	int rc = sqlite3_step(st);
	err_set(e, ERR_NOT_FOUND, _("no plan document \"%s\" (there are: %s)"), key,
	        rc == SQLITE_ROW && store_col(st, 0) ? store_col(st, 0) : "none");
	sqlite3_reset(st);
	return ERR_NOT_FOUND;
}

/* Bind ?1 as_of, ?2 document id, ?3 and ?4 the year and month of as_of. */
static void
bind_common(sqlite3_stmt *st, const char *as_of, long long doc)
{
	store_bind_text(st, 1, as_of);
	if (doc)
		sqlite3_bind_int64(st, 2, doc);
	else
		sqlite3_bind_null(st, 2);
	int year, month;
	store_as_of_year_month(as_of, &year, &month);
	sqlite3_bind_int(st, 3, year);
	sqlite3_bind_int(st, 4, month);
}

void
store_as_of_year_month(const char *as_of, int *year, int *month)
{
	*year = as_of ? atoi(as_of) : 0;
	*month = as_of && strlen(as_of) >= 7 ? atoi(as_of + 5) : 0;
}

enum err_code
store_report_each(struct store *s, enum report_by by, const char *as_of, const char *document,
                  report_cb cb, void *ctx, struct error *e)
{
	long long doc;
	if (document_id(s, document, &doc, e))
		return e->code;
	const char *sql = by == REPORT_BY_DEPT ? (doc ? by_dept_doc : by_dept) :
	                  by == REPORT_BY_CHAPTER ? (doc ? by_chapter_doc : by_chapter) :
	                  by == REPORT_BY_YEAR ? (doc ? by_year_doc : by_year) : doc ? by_status_doc : by_status;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	bind_common(st, as_of, doc);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_row r = {
			.key = store_col(st, 0), .title = store_col(st, 1), .n_tasks = sqlite3_column_int64(st, 2),
			.late_tasks = sqlite3_column_int64(st, 8), .late_milestones = sqlite3_column_int64(st, 9),
			.progress_sum = sqlite3_column_int64(st, 10), .progress_n = sqlite3_column_int64(st, 11),
		};
		for (int i = 0; i < 5; i++)
			r.by_status[i] = sqlite3_column_int64(st, 3 + i);
		if (cb(&r, ctx))
			break;
	}
	enum err_code c = rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, "reading");
	sqlite3_reset(st);
	return c;
}

enum err_code
store_late_each(struct store *s, const char *as_of, const char *document, late_cb cb, void *ctx, struct error *e)
{
	static const char sql[] =
		"SELECT 0 k, t.code, t.title, d.short, t.due_date due, 0 y, 0 q, NULL, t.status, t.pos p "
		"FROM tasks t LEFT JOIN departments d ON d.id = t.lead_dept_id "
		"WHERE " SQL_TASK_LATE("t.due_date", "t.status", "?1") " AND (?2 IS NULL OR t.document_id = ?2) "
		"UNION ALL "
		"SELECT 1, t.code, t.title, d.short, " SQL_PERIOD_END("m.year", "m.quarter") ", m.year, ifnull(m.quarter, 0), m.target, "
		"m.status, t.pos FROM milestones m JOIN tasks t ON t.id = m.task_id "
		"LEFT JOIN departments d ON d.id = t.lead_dept_id "
		"WHERE " SQL_MILESTONE_LATE("m", "?3", "?4") " AND (?2 IS NULL OR m.task_document = ?2) "
		"ORDER BY due, k, p, y, q";
	long long doc;
	if (document_id(s, document, &doc, e))
		return e->code;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	bind_common(st, as_of, doc);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct late_row r = {
			.milestone = sqlite3_column_int(st, 0) != 0, .code = store_col(st, 1), .title = store_col(st, 2),
			.lead_short = store_col(st, 3), .due = store_col(st, 4), .year = sqlite3_column_int(st, 5),
			.quarter = sqlite3_column_int(st, 6), .target = store_col(st, 7), .status = store_col(st, 8),
		};
		if (cb(&r, ctx))
			break;
	}
	enum err_code c = rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, "reading");
	sqlite3_reset(st);
	return c;
}
