/* store_tasks: the reads of tasks and milestones (store_tasks.h): lists,
 * counts and searches by names (task_filter: the commands) and by ids
 * (tui_query and task_scope: the console), the tree's counts, the roadmap.
 *
 * Each scope has its own statements rather than one statement with
 * "?1 = 0 OR ..." switches: SQLite plans a statement before the values are
 * bound, so only a plain "t.chapter_id = ?1 AND t.pos > ?7 ORDER BY t.pos"
 * lets it walk an index from the page's key instead of scanning the table.
 * The optional filter terms come after the scope's and only narrow it. */
#include "internal.h"

#include <stdint.h>
#include <string.h>

#include "plancon/store_plan.h"
#include "plancon/store_tasks.h"

/* ---- the columns of a task row ------------------------------------------------- */

#define TASK_COLS \
	"t.id, t.pos, t.version, t.code, t.title, t.description, doc.key, doc.short, c.no, ifnull(x.no, 0), " \
	"c.title, x.title, ifnull(t.lead_dept_id, 0), ld.short, ld.name, " \
	"(SELECT group_concat(cd.short, '、') FROM task_coop tc JOIN departments cd ON cd.id = tc.dept_id WHERE tc.task_id = t.id), " \
	"t.provisional, t.start_date, t.due_date, t.status, t.progress, t.updated_at, t.updated_by, t.sources, " \
	"t.awaiting, t.original_due, " SQL_LIGHT_REASON("t") " "
#define TASK_FROM \
	"FROM tasks t JOIN chapters c ON c.id = t.chapter_id JOIN documents doc ON doc.id = t.document_id " \
	"LEFT JOIN sections x ON x.id = t.section_id LEFT JOIN departments ld ON ld.id = t.lead_dept_id "
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
		.awaiting = sqlite3_column_int(st, 24) != 0, .original_due = store_col(st, 25),
	};
	r->light_reason = cycle_reason_parse(store_col(st, 26));
	r->light = r->light_reason < 0 ? -1 : (int)cycle_reason_light((enum cycle_reason)r->light_reason);
}

enum err_code
store_task_get(struct store *s, const char *code, task_cb cb, void *ctx, struct error *e)
{
	return store_task_get_lit(s, code, NULL, NULL, cb, ctx, e);
}

enum err_code
store_task_get_lit(struct store *s, const char *code, const struct cycle_settings *cycle, const char *as_of,
                   task_cb cb, void *ctx, struct error *e)
{
	static const char sql[] = "SELECT " TASK_COLS TASK_FROM "WHERE t.code = ?1";
	struct store_lights l;
	if (store_lights_prepare(s, cycle, as_of, NULL, &l, e))
		return e->code;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, code);
	store_lights_bind(st, &l);
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
	/* One task's (show, the detail pane): from the index on (task_id, year,
	 * quarter), not a pass over every milestone. */
#define MILESTONES(where, order) \
	"SELECT m.id, m.task_id, t.code, t.title, d.short, m.year, ifnull(m.quarter, 0), m.target, m.status, " \
	"m.updated_at, m.updated_by FROM milestones m JOIN tasks t ON t.id = m.task_id " \
	"LEFT JOIN departments d ON d.id = t.lead_dept_id " where "ORDER BY " order "m.year, ifnull(m.quarter, 5)"
	static const char all[] = MILESTONES("", "t.pos, "), one[] = MILESTONES("WHERE m.task_id = ?1 ", "");
#undef MILESTONES
	sqlite3_stmt *st = store_stmt(s, task_id > 0 ? one : all, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, task_id);
	struct milestone_row r;
	STORE_EACH_ROW(s, st, e, r, (r = (struct milestone_row){
		.id = sqlite3_column_int64(st, 0), .task_id = sqlite3_column_int64(st, 1), .task_code = store_col(st, 2),
		.task_title = store_col(st, 3), .lead_short = store_col(st, 4), .year = sqlite3_column_int(st, 5),
		.quarter = sqlite3_column_int(st, 6), .target = store_col(st, 7), .status = store_col(st, 8),
		.updated_at = store_col(st, 9), .updated_by = store_col(st, 10) }), cb, ctx);
}

enum err_code
store_plan_counts(struct store *s, const char *as_of, struct plan_counts *out, struct error *e)
{
	static const char sql[] =
		"SELECT ifnull(n, 0), ifnull(s0, 0), ifnull(s1, 0), ifnull(s2, 0), ifnull(s3, 0), ifnull(s4, 0), "
		"ifnull(late, 0), ifnull(pn, 0), ifnull(ps, 0) FROM (SELECT sum(n) n, " SQL_STATUS_SUMS("status", "n") ", "
		"sum(CASE WHEN " SQL_TASK_LATE("due_date", "status", "?1") " THEN n ELSE 0 END) late, "
		SQL_PROGRESS_N("status", "n") " pn, " SQL_PROGRESS_SUM("status", "progress") " ps FROM tally_tree)";
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

/* ---- lists, counts and searches: task_query ------------------------------------ */

/* A query's filter after its scope's terms: ?3 status, ?4 department
 * (leading or cooperating), ?5 chapter, ?6 search (search.c), ?15 late as
 * of, ?37 the light (with the lights' ?30..?36: internal.h). */
#define FILTER \
	"AND (?3 IS NULL OR t.status = ?3) " \
	"AND (?4 = 0 OR t.lead_dept_id = ?4 OR EXISTS " \
	"     (SELECT 1 FROM task_coop tf WHERE tf.task_id = t.id AND tf.dept_id = ?4)) " \
	"AND (?5 = 0 OR t.chapter_id = ?5) " \
	"AND " SQL_SEARCH("t", "?6") \
	"AND (?15 IS NULL OR " SQL_TASK_LATE("t.due_date", "t.status", "?15") ") " \
	"AND " SQL_LIGHT_FILTER("t")

/* The roadmap's lean task columns (lean_fill). */
#define COLS \
	"t.id, t.pos, t.version, t.code, t.title, c.no, ifnull(x.no, 0), ifnull(t.lead_dept_id, 0), d.short, " \
	"t.provisional, t.start_date, t.due_date, t.status, t.progress "
#define FROM \
	"FROM tasks t JOIN chapters c ON c.id = t.chapter_id LEFT JOIN sections x ON x.id = t.section_id " \
	"LEFT JOIN departments d ON d.id = t.lead_dept_id "

#define W_ALL   "1 "
#define W_GROUP "t.chapter_id = ?1 AND t.section_id IS ?2 "
#define W_LEAD  "t.lead_dept_id = ?1 "
#define W_COOP  "t.id IN (SELECT tc.task_id FROM task_coop tc WHERE tc.dept_id = ?1) "
/* from the indexes on the lead (in plan order) and on the cooperations */
#define W_DEPT  "t.id IN (SELECT id FROM tasks WHERE lead_dept_id = ?1 " \
                "         UNION ALL SELECT task_id FROM task_coop WHERE dept_id = ?1) "
#define W_TIMED "(t.due_date IS NOT NULL OR EXISTS (SELECT 1 FROM milestones m WHERE m.task_id = t.id)) "

/* forward page, backward page, count (before ?7 when > 0); then the same
 * starting from the trigram index's matches (a search of three
 * characters or more). */
#define SCOPE_SQL3(where) { \
	"SELECT " TASK_COLS TASK_FROM "WHERE " where FILTER "AND t.pos > ?7 ORDER BY t.pos LIMIT ?8", \
	"SELECT " TASK_COLS TASK_FROM "WHERE " where FILTER "AND t.pos < ?7 ORDER BY t.pos DESC LIMIT ?8", \
	"SELECT count(*) FROM tasks t WHERE " where FILTER "AND (?7 <= 0 OR t.pos < ?7)" }
#define SCOPE_SQL(where) { SCOPE_SQL3(where), SCOPE_SQL3(where "AND " SQL_SEARCH_HITS("t")) }

static const char *const scope_sql[SCOPE_COUNT][2][3] = {
	[SCOPE_ALL] = SCOPE_SQL(W_ALL),
	[SCOPE_GROUP] = SCOPE_SQL(W_GROUP),
	[SCOPE_LEAD] = SCOPE_SQL(W_LEAD),
	[SCOPE_COOP] = SCOPE_SQL(W_COOP),
	[SCOPE_DEPT] = SCOPE_SQL(W_DEPT),
	[SCOPE_TIMED] = SCOPE_SQL(W_TIMED),
};

/* What a query binds besides q's fields: its search, checked (ERR_INVALID:
 * not UTF-8), and its lights' parameters. Free it with store_search_free
 * (of t). */
struct query_binds {
	struct search_terms t;
	struct store_lights l;
};

static enum err_code
query_prepare(struct store *s, const struct task_query *q, struct query_binds *b, struct error *e)
{
	if (store_lights_prepare(s, q ? q->cycle : NULL, q ? q->as_of : NULL, q ? q->light : NULL, &b->l, e))
		return e->code;
	return store_search_terms(q ? q->search : NULL, &b->t, e);
}

/* Bind ?3..?6 (and the search's phrase, when st has it), ?15 and the
 * lights' from q and b. */
static void
bind_query(sqlite3_stmt *st, const struct task_query *q, const struct query_binds *b)
{
	static const struct task_query none = { 0 };
	const struct search_terms *t = &b->t;
	store_lights_bind(st, &b->l);
	if (!q)
		q = &none;
	store_bind_text(st, 3, q->status);
	sqlite3_bind_int64(st, 4, q->dept_id);
	sqlite3_bind_int64(st, 5, q->chapter_id);
	store_search_bind(st, 6, t);
	store_bind_text(st, 15, q->late_as_of);
}

static void
bind_scope(sqlite3_stmt *st, const struct task_scope *sc)
{
	sqlite3_bind_int64(st, 1, sc->a);
	if (sc->kind == SCOPE_GROUP && sc->b == 0)
		sqlite3_bind_null(st, 2);
	else
		sqlite3_bind_int64(st, 2, sc->b);
}

static void
lean_fill(sqlite3_stmt *st, struct task_row *r)
{
	*r = (struct task_row){
		.id = sqlite3_column_int64(st, 0), .pos = sqlite3_column_int64(st, 1),
		.version = sqlite3_column_int64(st, 2), .code = store_col(st, 3), .title = store_col(st, 4),
		.chapter_no = sqlite3_column_int(st, 5), .section_no = sqlite3_column_int(st, 6),
		.lead_id = sqlite3_column_int64(st, 7), .lead_short = store_col(st, 8),
		.provisional = sqlite3_column_int(st, 9) != 0, .start_date = store_col(st, 10),
		.due_date = store_col(st, 11), .status = store_col(st, 12), .progress = sqlite3_column_int(st, 13),
		.light = -1, .light_reason = -1,
	};
}

enum err_code
store_tasks_each(struct store *s, const struct task_query *q, long long after_pos, bool backward, int limit,
                 task_cb cb, void *ctx, struct error *e)
{
	static const struct task_query all = { 0 };
	if (!q)
		q = &all;
	const struct task_scope *sc = &q->scope;
	if (sc->kind < 0 || sc->kind >= SCOPE_COUNT)
		return err_set(e, ERR_INVALID, _("no task scope %d"), (int)sc->kind);
	struct query_binds t;
	if (query_prepare(s, q, &t, e))
		return e->code;
	sqlite3_stmt *st = store_stmt(s, scope_sql[sc->kind][t.t.phrase != NULL][backward ? 1 : 0], e);
	if (!st) {
		store_search_free(&t.t);
		return e->code;
	}
	bind_scope(st, sc);
	bind_query(st, q, &t);
	store_search_free(&t.t);
	sqlite3_bind_int64(st, 7, backward && after_pos <= 0 ? INT64_MAX : after_pos);
	sqlite3_bind_int(st, 8, limit > 0 ? limit : -1);
	int rc;
	struct task_row r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		task_fill(st, &r);
		if (cb(&r, ctx))
			break;
	}
	return store_finish(s, st, rc, e);
}

enum err_code
store_tasks_count(struct store *s, const struct task_query *q, long long before_pos, long long *n,
                  struct error *e)
{
	static const struct task_query all = { 0 };
	if (!q)
		q = &all;
	const struct task_scope *sc = &q->scope;
	if (sc->kind < 0 || sc->kind >= SCOPE_COUNT)
		return err_set(e, ERR_INVALID, _("no task scope %d"), (int)sc->kind);
	/* All of a department's tasks: the tallies kept by triggers have the
	 * numbers (db/migrations/0005_perf_indexes.sql). */
	static const char lead_tally[] = "SELECT ifnull(sum(n), 0) FROM tally_dept WHERE dept_id = ?1 "
		"AND (?3 IS NULL OR status = ?3)";
	static const char coop_tally[] = "SELECT ifnull((SELECT n FROM tally_coop WHERE dept_id = ?1), 0)";
	struct query_binds t;
	if (query_prepare(s, q, &t, e))
		return e->code;
	bool plain = before_pos <= 0 && !t.t.text && !q->dept_id && !q->chapter_id && !q->late_as_of && !t.l.filter[0];
	const char *sql = scope_sql[sc->kind][t.t.phrase != NULL][2];
	if (plain && sc->kind == SCOPE_LEAD)
		sql = lead_tally;
	else if (plain && sc->kind == SCOPE_COOP && !q->status)
		sql = coop_tally;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st) {
		store_search_free(&t.t);
		return e->code;
	}
	bind_scope(st, sc);
	bind_query(st, q, &t);
	store_search_free(&t.t);
	sqlite3_bind_int64(st, 7, before_pos);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	return store_finish(s, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, e);
}

enum err_code
store_tree_counts_each(struct store *s, const struct task_query *q, const char *as_of,
                       tree_count_cb cb, void *ctx, struct error *e)
{
	static const char sql[] =
		"SELECT t.chapter_id, ifnull(t.section_id, 0), count(*), total(t.status = 'done'), "
		"total(" SQL_TASK_LATE("t.due_date", "t.status", "?7") "), "
		SQL_PROGRESS_N("t.status", "1") ", " SQL_PROGRESS_SUM("t.status", "t.progress") " "
		"FROM tasks t WHERE 1 " FILTER "GROUP BY t.chapter_id, t.section_id";
	/* Without a department or a search, the tally kept by triggers has it
	 * (db/migrations/0005_perf_indexes.sql): no pass over the tasks. */
	static const char tally[] =
		"SELECT chapter_id, section_id, sum(n), total(CASE status WHEN 'done' THEN n END), "
		"total(CASE WHEN " SQL_TASK_LATE("due_date", "status", "?7") " THEN n END), "
		SQL_PROGRESS_N("status", "n") ", " SQL_PROGRESS_SUM("status", "progress") " "
		"FROM tally_tree WHERE (?3 IS NULL OR status = ?3) AND (?5 = 0 OR chapter_id = ?5) "
		"GROUP BY chapter_id, section_id";
	struct query_binds t;
	if (query_prepare(s, q, &t, e))
		return e->code;
	bool tallied = !t.t.text && !t.l.filter[0] && (!q || (!q->dept_id && !q->late_as_of));
	sqlite3_stmt *st = store_stmt(s, tallied ? tally : sql, e);
	if (!st) {
		store_search_free(&t.t);
		return e->code;
	}
	bind_query(st, q, &t);
	store_search_free(&t.t);
	store_bind_text(st, 7, as_of);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct tree_count_row r = {
			.chapter_id = sqlite3_column_int64(st, 0), .section_id = sqlite3_column_int64(st, 1),
			.n = sqlite3_column_int64(st, 2), .n_done = (long long)sqlite3_column_double(st, 3),
			.n_late = (long long)sqlite3_column_double(st, 4), .progress_n = sqlite3_column_int64(st, 5),
			.progress_sum = sqlite3_column_int64(st, 6),
		};
		if (cb(&r, ctx))
			break;
	}
	return store_finish(s, st, rc, e);
}

/* A search of one or two characters has no trigram to look up: walk the
 * chapters in tree order from `from` and ask each for its first match, so
 * that the walk stops at the first chapter that has one instead of sorting
 * every match of the plan (a character common in the plan is found in
 * milliseconds; one that is not is still a pass over every task). */
static enum err_code
tree_find_walk(struct store *s, const struct task_query *q, const struct query_binds *t, const struct tree_key *from,
               bool backward, bool *found, struct tree_key *hit, long long *chapter_id, long long *section_id,
               struct error *e)
{
#define CHAPTERS(cmp, order) \
	"SELECT p.no, c.no, c.id FROM chapters c JOIN parts p ON p.id = c.part_id " \
	"WHERE (p.no, c.no) " cmp " (?1, ?2) ORDER BY p.no " order ", c.no " order
	static const char ch_fwd[] = CHAPTERS(">=", "ASC");
	static const char ch_back[] = CHAPTERS("<=", "DESC");
#undef CHAPTERS
#define IN_CHAPTER(cmp, order) \
	"SELECT ifnull(x.no, 0), t.pos, ifnull(t.section_id, 0) " \
	"FROM tasks t LEFT JOIN sections x ON x.id = t.section_id WHERE t.chapter_id = ?7 " FILTER \
	"AND (ifnull(x.no, 0), t.pos) " cmp " (?8, ?9) " \
	"ORDER BY ifnull(x.no, 0) " order ", t.pos " order " LIMIT 1"
	static const char in_fwd[] = IN_CHAPTER(">", "ASC");
	static const char in_back[] = IN_CHAPTER("<", "DESC");
#undef IN_CHAPTER
	sqlite3_stmt *ch = store_stmt(s, backward ? ch_back : ch_fwd, e);
	sqlite3_stmt *in = ch ? store_stmt(s, backward ? in_back : in_fwd, e) : NULL;
	if (!in)
		return e->code;
	long long edge = backward ? INT64_MAX : INT64_MIN;
	sqlite3_bind_int64(ch, 1, from ? from->part_no : edge);
	sqlite3_bind_int64(ch, 2, from ? from->chapter_no : edge);
	bind_query(in, q, t);
	int rc = SQLITE_DONE, irc = SQLITE_DONE;
	while (!*found && (rc = sqlite3_step(ch)) == SQLITE_ROW) {
		int part_no = sqlite3_column_int(ch, 0), chapter_no = sqlite3_column_int(ch, 1);
		bool at = from && part_no == from->part_no && chapter_no == from->chapter_no;
		sqlite3_bind_int64(in, 7, sqlite3_column_int64(ch, 2));
		sqlite3_bind_int64(in, 8, at ? from->section_no : edge);
		sqlite3_bind_int64(in, 9, at ? from->pos : edge);
		irc = sqlite3_step(in);
		if (irc == SQLITE_ROW) {
			*found = true;
			*hit = (struct tree_key){ .part_no = part_no, .chapter_no = chapter_no,
			                          .section_no = sqlite3_column_int(in, 0), .pos = sqlite3_column_int64(in, 1) };
			*chapter_id = sqlite3_column_int64(ch, 2);
			*section_id = sqlite3_column_int64(in, 2);
			irc = SQLITE_DONE;
		}
		sqlite3_reset(in);
		if (irc != SQLITE_DONE)
			break;
	}
	if (irc != SQLITE_DONE) {
		enum err_code c = store_finish(s, in, irc, e);
		sqlite3_reset(ch);
		return c;
	}
	return store_finish(s, ch, *found ? SQLITE_DONE : rc, e);
}

enum err_code
store_tree_find(struct store *s, const struct task_query *q, const struct tree_key *from, bool backward,
                bool *found, struct tree_key *hit, long long *chapter_id, long long *section_id, struct error *e)
{
	/* Three characters or more: the trigram index (0005_perf_indexes.sql)
	 * finds the tasks that may match (FILTER's search then keeps those
	 * that do); only those are ordered. */
#define TREE_FIND_FTS(cmp, order) \
	"SELECT p.no, c.no, ifnull(x.no, 0), t.pos, t.chapter_id, ifnull(t.section_id, 0) " \
	"FROM task_fts f JOIN tasks t ON t.id = f.rowid JOIN chapters c ON c.id = t.chapter_id " \
	"JOIN parts p ON p.id = c.part_id LEFT JOIN sections x ON x.id = t.section_id " \
	"WHERE task_fts MATCH ?20 " FILTER \
	"AND (p.no, c.no, ifnull(x.no, 0), t.pos) " cmp " (?9, ?10, ?11, ?12) " \
	"ORDER BY p.no " order ", c.no " order ", ifnull(x.no, 0) " order ", t.pos " order " LIMIT 1"
	static const char fts_fwd[] = TREE_FIND_FTS(">", "ASC");
	static const char fts_back[] = TREE_FIND_FTS("<", "DESC");
#undef TREE_FIND_FTS
	*found = false;
	struct query_binds t;
	if (query_prepare(s, q, &t, e))
		return e->code;
	if (!t.t.phrase) {
		enum err_code c = tree_find_walk(s, q, &t, from, backward, found, hit, chapter_id, section_id, e);
		store_search_free(&t.t);
		return c;
	}
	sqlite3_stmt *st = store_stmt(s, backward ? fts_back : fts_fwd, e);
	if (!st) {
		store_search_free(&t.t);
		return e->code;
	}
	bind_query(st, q, &t);
	store_search_free(&t.t);
	long long edge = backward ? INT64_MAX : INT64_MIN;
	sqlite3_bind_int64(st, 9, from ? from->part_no : edge);
	sqlite3_bind_int64(st, 10, from ? from->chapter_no : edge);
	sqlite3_bind_int64(st, 11, from ? from->section_no : edge);
	sqlite3_bind_int64(st, 12, from ? from->pos : edge);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = true;
		*hit = (struct tree_key){ .part_no = sqlite3_column_int(st, 0), .chapter_no = sqlite3_column_int(st, 1),
		                          .section_no = sqlite3_column_int(st, 2), .pos = sqlite3_column_int64(st, 3) };
		*chapter_id = sqlite3_column_int64(st, 4);
		*section_id = sqlite3_column_int64(st, 5);
	}
	return store_finish(s, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, e);
}

enum err_code
store_roadmap_each(struct store *s, const struct task_query *q, long long after_pos, bool backward,
                   int limit, roadmap_cb cb, void *ctx, struct error *e)
{
#define ROADMAP(cmp, order) \
	"WITH page AS (SELECT t.id FROM tasks t WHERE " W_TIMED FILTER \
	"  AND t.pos " cmp " ?7 ORDER BY t.pos " order " LIMIT ?8) " \
	"SELECT " COLS ", ifnull(m.id, 0), m.year, ifnull(m.quarter, 0), m.target, m.status, m.updated_at, " \
	"m.updated_by, d.short " \
	"FROM page JOIN tasks t ON t.id = page.id JOIN chapters c ON c.id = t.chapter_id " \
	"LEFT JOIN sections x ON x.id = t.section_id LEFT JOIN departments d ON d.id = t.lead_dept_id " \
	"LEFT JOIN milestones m ON m.task_id = t.id " \
	"ORDER BY t.pos " order ", m.year, ifnull(m.quarter, 5)"
	static const char fwd[] = ROADMAP(">", "ASC");
	static const char back[] = ROADMAP("<", "DESC");
#undef ROADMAP
	struct query_binds t;
	if (query_prepare(s, q, &t, e))
		return e->code;
	sqlite3_stmt *st = store_stmt(s, backward ? back : fwd, e);
	if (!st) {
		store_search_free(&t.t);
		return e->code;
	}
	bind_query(st, q, &t);
	store_search_free(&t.t);
	sqlite3_bind_int64(st, 7, backward && after_pos <= 0 ? INT64_MAX : after_pos);
	sqlite3_bind_int(st, 8, limit > 0 ? limit : -1);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct task_row tr;
		lean_fill(st, &tr);
		struct milestone_row m = {
			.id = sqlite3_column_int64(st, 14), .task_id = tr.id, .task_code = tr.code, .task_title = tr.title,
			.year = sqlite3_column_int(st, 15), .quarter = sqlite3_column_int(st, 16),
			.target = store_col(st, 17), .status = store_col(st, 18), .updated_at = store_col(st, 19),
			.updated_by = store_col(st, 20), .lead_short = store_col(st, 21),
		};
		if (cb(&tr, m.id ? &m : NULL, ctx))
			break;
	}
	return store_finish(s, st, rc, e);
}

enum err_code
store_periods_each(struct store *s, period_cb cb, void *ctx, struct error *e)
{
	/* A task's due date counts as a milestone of its year. */
	static const char sql[] = "SELECT year, ifnull(quarter, 0) FROM milestones "
		"UNION SELECT CAST(substr(due_date, 1, 4) AS INTEGER), 0 FROM tasks WHERE due_date IS NOT NULL "
		"ORDER BY 1, 2";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (cb(sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), ctx))
			break;
	return store_finish(s, st, rc, e);
}
