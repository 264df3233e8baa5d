/* store_read: the queries that read the plan. Rows go to a callback, their
 * strings pointing into SQLite's buffers, so nothing is copied that the
 * caller does not keep. */
#include "internal.h"

#include <string.h>

/* Step st, handing each row to fill+cb; returns the error, if any. */
#define EACH_ROW(s, st, e, row, fill, cb, ctx)                          \
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

enum err_code
store_parts_each(struct store *s, part_cb cb, void *ctx, struct error *e)
{
	static const char sql[] =
		"SELECT p.id, p.no, p.title, (SELECT count(*) FROM chapters c WHERE c.part_id = p.id), "
		"(SELECT ifnull(sum(a.n), 0) FROM tally_tree a JOIN chapters c ON c.id = a.chapter_id WHERE c.part_id = p.id) "
		"FROM parts p ORDER BY p.no";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	struct part_row r;
	EACH_ROW(s, st, e, r, (r = (struct part_row){
		.id = sqlite3_column_int64(st, 0), .no = sqlite3_column_int(st, 1), .title = store_col(st, 2),
		.n_chapters = sqlite3_column_int(st, 3), .n_tasks = sqlite3_column_int(st, 4) }), cb, ctx);
}

enum err_code
store_chapters_each(struct store *s, int part_no, chapter_cb cb, void *ctx, struct error *e)
{
	static const char sql[] =
		"SELECT c.id, c.no, p.no, c.title, c.note, (SELECT count(*) FROM sections x WHERE x.chapter_id = c.id), "
		"ifnull(a.n, 0), ifnull(a.done, 0), ifnull(a.pn, 0), ifnull(a.ps, 0) "
		"FROM chapters c JOIN parts p ON p.id = c.part_id "
		"LEFT JOIN (SELECT chapter_id, sum(n) n, sum(CASE status WHEN 'done' THEN n ELSE 0 END) done, "
		"           " SQL_PROGRESS_N("status", "n") " pn, " SQL_PROGRESS_SUM("status", "progress") " ps "
		"           FROM tally_tree GROUP BY chapter_id) a ON a.chapter_id = c.id "
		"WHERE ?1 = 0 OR p.no = ?1 ORDER BY c.no";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int(st, 1, part_no);
	struct chapter_row r;
	EACH_ROW(s, st, e, r, (r = (struct chapter_row){
		.id = sqlite3_column_int64(st, 0), .no = sqlite3_column_int(st, 1), .part_no = sqlite3_column_int(st, 2),
		.title = store_col(st, 3), .note = store_col(st, 4), .n_sections = sqlite3_column_int(st, 5),
		.n_tasks = sqlite3_column_int(st, 6), .n_done = sqlite3_column_int(st, 7),
		.progress_n = sqlite3_column_int64(st, 8), .progress_sum = sqlite3_column_int64(st, 9) }), cb, ctx);
}

enum err_code
store_sections_each(struct store *s, int chapter_no, section_cb cb, void *ctx, struct error *e)
{
	static const char sql[] =
		"SELECT x.id, c.no, x.no, x.title, "
		"(SELECT ifnull(sum(n), 0) FROM tally_tree a WHERE a.chapter_id = x.chapter_id AND a.section_id = x.id) "
		"FROM sections x JOIN chapters c ON c.id = x.chapter_id WHERE ?1 = 0 OR c.no = ?1 ORDER BY c.no, x.no";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int(st, 1, chapter_no);
	struct section_row r;
	EACH_ROW(s, st, e, r, (r = (struct section_row){
		.id = sqlite3_column_int64(st, 0), .chapter_no = sqlite3_column_int(st, 1), .no = sqlite3_column_int(st, 2),
		.title = store_col(st, 3), .n_tasks = sqlite3_column_int(st, 4) }), cb, ctx);
}

enum err_code
store_depts_each(struct store *s, const char *as_of, dept_cb cb, void *ctx, struct error *e)
{
	/* From the tallies the triggers keep (0005_perf_indexes.sql): a few
	 * rows per department, not a pass over every task. */
	static const char sql[] =
		"SELECT d.id, d.short, d.name, ifnull(a.n, 0), ifnull((SELECT n FROM tally_coop tc WHERE tc.dept_id = d.id), 0), "
		"ifnull(a.s0, 0), ifnull(a.s1, 0), ifnull(a.s2, 0), ifnull(a.s3, 0), ifnull(a.s4, 0), ifnull(a.late, 0), "
		"ifnull(a.pn, 0), ifnull(a.ps, 0) FROM departments d LEFT JOIN ("
		"  SELECT dept_id, sum(n) n, sum(CASE status WHEN 'not_started' THEN n ELSE 0 END) s0, "
		"  sum(CASE status WHEN 'in_progress' THEN n ELSE 0 END) s1, sum(CASE status WHEN 'done' THEN n ELSE 0 END) s2, "
		"  sum(CASE status WHEN 'blocked' THEN n ELSE 0 END) s3, sum(CASE status WHEN 'cancelled' THEN n ELSE 0 END) s4, "
		"  sum(CASE WHEN " SQL_TASK_LATE("due_date", "status", "?1") " THEN n ELSE 0 END) late, "
		"  " SQL_PROGRESS_N("status", "n") " pn, " SQL_PROGRESS_SUM("status", "progress") " ps "
		"  FROM tally_dept GROUP BY dept_id) a ON a.dept_id = d.id ORDER BY d.id";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, as_of);
	struct dept_row r;
	EACH_ROW(s, st, e, r, (r = (struct dept_row){
		.id = sqlite3_column_int64(st, 0), .short_name = store_col(st, 1), .name = store_col(st, 2),
		.n_lead = sqlite3_column_int(st, 3), .n_coop = sqlite3_column_int(st, 4),
		.by_status = { sqlite3_column_int(st, 5), sqlite3_column_int(st, 6), sqlite3_column_int(st, 7),
		               sqlite3_column_int(st, 8), sqlite3_column_int(st, 9) },
		.n_late = sqlite3_column_int(st, 10), .progress_n = sqlite3_column_int64(st, 11),
		.progress_sum = sqlite3_column_int64(st, 12) }), cb, ctx);
}

enum err_code
store_plan_counts(struct store *s, const char *as_of, struct plan_counts *out, struct error *e)
{
	static const char sql[] =
		"SELECT ifnull(sum(n), 0), "
		"ifnull(sum(CASE status WHEN 'not_started' THEN n END), 0), ifnull(sum(CASE status WHEN 'in_progress' THEN n END), 0), "
		"ifnull(sum(CASE status WHEN 'done' THEN n END), 0), ifnull(sum(CASE status WHEN 'blocked' THEN n END), 0), "
		"ifnull(sum(CASE status WHEN 'cancelled' THEN n END), 0), "
		"ifnull(sum(CASE WHEN " SQL_TASK_LATE("due_date", "status", "?1") " THEN n END), 0), "
		"ifnull(" SQL_PROGRESS_N("status", "n") ", 0), ifnull(" SQL_PROGRESS_SUM("status", "progress") ", 0) "
		"FROM tally_tree";
	*out = (struct plan_counts){ 0 };
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, as_of);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->n = sqlite3_column_int64(st, 0);
		for (int i = 0; i < 5; i++)
			out->by_status[i] = sqlite3_column_int64(st, 1 + i);
		out->n_late = sqlite3_column_int64(st, 6);
		out->progress_n = sqlite3_column_int64(st, 7);
		out->progress_sum = sqlite3_column_int64(st, 8);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ERR_OK : store_fail(s, e, _("reading"));
}

enum err_code
store_dept_find(struct store *s, const char *name, long long *id, struct error *e)
{
	static const char sql[] = "SELECT id FROM departments WHERE short = ?1 OR name = ?1 ORDER BY short = ?1 DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, name);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ERR_OK;
	if (rc != SQLITE_DONE)
		return store_fail(s, e, _("reading"));
	return err_set(e, ERR_NOT_FOUND, _("no department \"%s\" (plancon depts lists them)"), name);
}

/* ---- tasks ------------------------------------------------------------------ */

#define TASK_COLS \
	"t.id, t.pos, t.version, t.code, t.title, t.description, doc.key, doc.short, c.no, ifnull(x.no, 0), " \
	"c.title, x.title, ifnull(t.lead_dept_id, 0), ld.short, ld.name, " \
	"(SELECT group_concat(cd.short, '、') FROM task_coop tc JOIN departments cd ON cd.id = tc.dept_id WHERE tc.task_id = t.id), " \
	"t.provisional, t.start_date, t.due_date, t.status, t.progress, t.updated_at, t.updated_by, t.sources "
#define TASK_FROM \
	"FROM tasks t JOIN chapters c ON c.id = t.chapter_id JOIN documents doc ON doc.id = t.document_id " \
	"LEFT JOIN sections x ON x.id = t.section_id LEFT JOIN departments ld ON ld.id = t.lead_dept_id "
/* ?1 chapter, ?2 section, ?3 dept id, ?4 role, ?5 status, ?6 search (store_search.c), ?7 document,
 * ?8 late as of */
#define TASK_WHERE \
	"WHERE (?1 = 0 OR c.no = ?1) AND (?2 = 0 OR x.no = ?2) " \
	"AND (?3 = 0 OR (?4 <> 2 AND t.lead_dept_id = ?3) OR (?4 <> 1 AND EXISTS " \
	"     (SELECT 1 FROM task_coop tc WHERE tc.task_id = t.id AND tc.dept_id = ?3))) " \
	"AND (?5 IS NULL OR t.status = ?5) " \
	"AND " SQL_SEARCH("t", "?6") \
	"AND (?7 IS NULL OR doc.key = ?7) " \
	"AND (?8 IS NULL OR " SQL_TASK_LATE("t.due_date", "t.status", "?8") ") "

/* With a department, its tasks come from the indexes on the lead (already
 * in plan order: rows stream out with no sort) and on the cooperations (a
 * list of ids), not from a test of every task: the "?3 = 0 OR ..." of
 * TASK_WHERE cannot use an index. */
#define DEPT_LEADS "t.lead_dept_id = ?3 "
#define DEPT_TASKS \
	"t.id IN (SELECT id FROM tasks WHERE lead_dept_id = ?3 AND ?4 <> 2 " \
	"         UNION ALL SELECT task_id FROM task_coop WHERE dept_id = ?3 AND ?4 <> 1) "

static void
task_fill(sqlite3_stmt *st, struct task_row *r)
{
	*r = (struct task_row){
		.id = sqlite3_column_int64(st, 0), .pos = sqlite3_column_int64(st, 1),
		.version = sqlite3_column_int64(st, 2), .code = store_col(st, 3), .title = store_col(st, 4),
		.description = store_col(st, 5), .document_key = store_col(st, 6), .document_short = store_col(st, 7),
		.chapter_no = sqlite3_column_int(st, 8), .section_no = sqlite3_column_int(st, 9),
		.chapter_title = store_col(st, 10), .section_title = store_col(st, 11),
		.lead_id = sqlite3_column_int64(st, 12), .lead_short = store_col(st, 13), .lead_name = store_col(st, 14),
		.coop = store_col(st, 15), .provisional = sqlite3_column_int(st, 16) != 0,
		.start_date = store_col(st, 17), .due_date = store_col(st, 18), .status = store_col(st, 19),
		.progress = sqlite3_column_int(st, 20), .updated_at = store_col(st, 21),
		.updated_by = store_col(st, 22), .sources = store_col(st, 23),
	};
}

/* Bind a filter to ?1..?8 (and the search's phrase); ERR_NOT_FOUND when
 * its department is unknown. */
static enum err_code
bind_filter(struct store *s, sqlite3_stmt *st, const struct task_filter *f, const struct search_terms *q,
            struct error *e)
{
	static const struct task_filter none = { 0 };
	if (!f)
		f = &none;
	long long dept = 0;
	if (f->dept && store_dept_find(s, f->dept, &dept, e))
		return e->code;
	sqlite3_bind_int(st, 1, f->chapter_no);
	sqlite3_bind_int(st, 2, f->section_no);
	sqlite3_bind_int64(st, 3, dept);
	sqlite3_bind_int(st, 4, (int)f->role);
	store_bind_text(st, 5, f->status);
	store_search_bind(st, 6, q);
	store_bind_text(st, 7, f->document);
	store_bind_text(st, 8, f->late_as_of);
	return ERR_OK;
}

/* The statements of store_tasks_each: [department: none, lead tasks,
 * lead or cooperating][search by the trigram index][backward]. */
#define TASK_PAGE(scope, cmp, order) \
	"SELECT " TASK_COLS TASK_FROM TASK_WHERE scope "AND t.pos " cmp " ?9 ORDER BY t.pos " order " LIMIT ?10"
#define TASK_PAGES(scope) { \
	{ TASK_PAGE(scope, ">", "ASC"), TASK_PAGE(scope, "<", "DESC") }, \
	{ TASK_PAGE(scope "AND " SQL_SEARCH_HITS("t"), ">", "ASC"), \
	  TASK_PAGE(scope "AND " SQL_SEARCH_HITS("t"), "<", "DESC") } }
static const char *const task_pages[3][2][2] = {
	TASK_PAGES(""), TASK_PAGES("AND " DEPT_LEADS), TASK_PAGES("AND " DEPT_TASKS),
};
#define TASK_COUNT(scope) "SELECT count(*) " TASK_FROM TASK_WHERE scope
/* [department: none, lead or cooperating][search by the trigram index] */
static const char *const task_counts[2][2] = {
	{ TASK_COUNT(""), TASK_COUNT("AND " SQL_SEARCH_HITS("t")) },
	{ TASK_COUNT("AND " DEPT_TASKS), TASK_COUNT("AND " DEPT_TASKS "AND " SQL_SEARCH_HITS("t")) },
};

enum err_code
store_tasks_each(struct store *s, const struct task_filter *f, long long after_pos, bool backward,
                 int limit, task_cb cb, void *ctx, struct error *e)
{
	struct search_terms q;
	if (store_search_terms(f ? f->search : NULL, &q, e))
		return e->code;
	int dept = f && f->dept ? (f->role == ROLE_LEAD ? 1 : 2) : 0;
	sqlite3_stmt *st = store_stmt(s, task_pages[dept][q.phrase != NULL][backward], e);
	enum err_code c = st ? bind_filter(s, st, f, &q, e) : e->code;
	store_search_free(&q);
	if (c)
		return c;
	sqlite3_bind_int64(st, 9, backward && after_pos <= 0 ? (long long)1 << 62 : after_pos);
	sqlite3_bind_int(st, 10, limit > 0 ? limit : -1);
	struct task_row r;
	EACH_ROW(s, st, e, r, task_fill(st, &r), cb, ctx);
}

enum err_code
store_tasks_count(struct store *s, const struct task_filter *f, long long *n, struct error *e)
{
	struct search_terms q;
	if (store_search_terms(f ? f->search : NULL, &q, e))
		return e->code;
	sqlite3_stmt *st = store_stmt(s, task_counts[f && f->dept][q.phrase != NULL], e);
	enum err_code c = st ? bind_filter(s, st, f, &q, e) : e->code;
	store_search_free(&q);
	if (c)
		return c;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ERR_OK : store_fail(s, e, _("reading"));
}

enum err_code
store_task_get(struct store *s, const char *code, task_cb cb, void *ctx, struct error *e)
{
	static const char sql[] = "SELECT " TASK_COLS TASK_FROM "WHERE t.code = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, code);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		struct task_row r;
		task_fill(st, &r);
		cb(&r, ctx);
		sqlite3_reset(st);
		return ERR_OK;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, e, _("reading"));
	return err_set(e, ERR_NOT_FOUND, _("no task \"%s\""), code);
}

enum err_code
store_milestones_each(struct store *s, long long task_id, milestone_cb cb, void *ctx, struct error *e)
{
	/* One task's (show): from the index on (task_id, year, quarter), not a
	 * pass over every milestone. */
#define MILESTONES(where) \
	"SELECT m.id, m.task_id, t.code, t.title, d.short, m.year, ifnull(m.quarter, 0), m.target, m.status, " \
	"m.updated_at, m.updated_by FROM milestones m JOIN tasks t ON t.id = m.task_id " \
	"LEFT JOIN departments d ON d.id = t.lead_dept_id " where "ORDER BY t.pos, m.year, ifnull(m.quarter, 5)"
	static const char all[] = MILESTONES(""), one[] = MILESTONES("WHERE m.task_id = ?1 ");
#undef MILESTONES
	sqlite3_stmt *st = store_stmt(s, task_id > 0 ? one : all, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, task_id);
	struct milestone_row r;
	EACH_ROW(s, st, e, r, (r = (struct milestone_row){
		.id = sqlite3_column_int64(st, 0), .task_id = sqlite3_column_int64(st, 1), .task_code = store_col(st, 2),
		.task_title = store_col(st, 3), .lead_short = store_col(st, 4), .year = sqlite3_column_int(st, 5),
		.quarter = sqlite3_column_int(st, 6), .target = store_col(st, 7), .status = store_col(st, 8),
		.updated_at = store_col(st, 9), .updated_by = store_col(st, 10) }), cb, ctx);
}

/* ---- indicators ------------------------------------------------------------- */

enum err_code
store_indicators_each(struct store *s, indicator_cb cb, void *ctx, struct error *e)
{
	static const char sql[] =
		"SELECT id, name, unit, note, sources, base_year IS NOT NULL AND base_value IS NOT NULL, "
		"ifnull(base_year, 0), ifnull(base_value, 0) FROM indicators ORDER BY pos";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	struct indicator_row r;
	EACH_ROW(s, st, e, r, (r = (struct indicator_row){
		.id = sqlite3_column_int64(st, 0), .name = store_col(st, 1), .unit = store_col(st, 2),
		.note = store_col(st, 3), .sources = store_col(st, 4), .has_base = sqlite3_column_int(st, 5) != 0,
		.base_year = sqlite3_column_int(st, 6), .base_value = sqlite3_column_double(st, 7) }), cb, ctx);
}

enum err_code
store_indicator_targets_each(struct store *s, long long id, value_cb cb, void *ctx, struct error *e)
{
	static const char sql[] = "SELECT year, value, op FROM indicator_targets WHERE indicator_id = ?1 ORDER BY year";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	struct indicator_value r;
	EACH_ROW(s, st, e, r, (r = (struct indicator_value){
		.year = sqlite3_column_int(st, 0), .value = sqlite3_column_double(st, 1), .op = store_col(st, 2) }), cb, ctx);
}

enum err_code
store_indicator_actuals_each(struct store *s, long long id, value_cb cb, void *ctx, struct error *e)
{
	static const char sql[] = "SELECT year, value, recorded_at, recorded_by FROM indicator_actuals "
		"WHERE indicator_id = ?1 ORDER BY year";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	struct indicator_value r;
	EACH_ROW(s, st, e, r, (r = (struct indicator_value){
		.year = sqlite3_column_int(st, 0), .value = sqlite3_column_double(st, 1),
		.recorded_at = store_col(st, 2), .recorded_by = store_col(st, 3) }), cb, ctx);
}

/* ---- the change log ----------------------------------------------------------- */

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
	EACH_ROW(s, st, e, r, (r = (struct change_row){
		.id = sqlite3_column_int64(st, 0), .task_id = sqlite3_column_int64(st, 1), .at = store_col(st, 2),
		.who = store_col(st, 3), .kind = store_col(st, 4), .item = store_col(st, 5), .field = store_col(st, 6),
		.old = store_col(st, 7), .new_value = store_col(st, 8), .note = store_col(st, 9),
		.actor = store_col(st, 10) }), cb, ctx);
}
