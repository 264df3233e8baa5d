/* store_plan: the plan's structure (store_plan.h): documents, parts,
 * chapters, sections and their tree, departments and indicators, read and
 * (departments, indicator actuals) written. Rows go to a callback, their
 * strings pointing into SQLite's buffers, so nothing is copied that the
 * caller does not keep. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/auth.h"
#include "plancon/store_plan.h"
#include "plancon/xalloc.h"

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
	STORE_EACH_ROW(s, st, e, r, (r = (struct part_row){
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
	STORE_EACH_ROW(s, st, e, r, (r = (struct chapter_row){
		.id = sqlite3_column_int64(st, 0), .no = sqlite3_column_int(st, 1), .part_no = sqlite3_column_int(st, 2),
		.title = store_col(st, 3), .note = store_col(st, 4), .n_sections = sqlite3_column_int(st, 5),
		.n_tasks = sqlite3_column_int(st, 6), .n_done = sqlite3_column_int(st, 7),
		.progress_n = sqlite3_column_int64(st, 8), .progress_sum = sqlite3_column_int64(st, 9) }), cb, ctx);
}

enum err_code
store_chapter_find(struct store *s, int no, long long *id, struct error *e)
{
	static const char sql[] = "SELECT id FROM chapters WHERE no = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int(st, 1, no);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ERR_OK;
	if (rc != SQLITE_DONE)
		return store_fail(s, e, _("reading"));
	return err_set(e, ERR_NOT_FOUND, _("no chapter %d"), no);
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
	STORE_EACH_ROW(s, st, e, r, (r = (struct section_row){
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
		"  SELECT dept_id, sum(n) n, " SQL_STATUS_SUMS("status", "n") ", "
		"  sum(CASE WHEN " SQL_TASK_LATE("due_date", "status", "?1") " THEN n ELSE 0 END) late, "
		"  " SQL_PROGRESS_N("status", "n") " pn, " SQL_PROGRESS_SUM("status", "progress") " ps "
		"  FROM tally_dept GROUP BY dept_id) a ON a.dept_id = d.id ORDER BY d.id";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, as_of);
	struct dept_row r;
	STORE_EACH_ROW(s, st, e, r, (r = (struct dept_row){
		.id = sqlite3_column_int64(st, 0), .short_name = store_col(st, 1), .name = store_col(st, 2),
		.n_lead = sqlite3_column_int(st, 3), .n_coop = sqlite3_column_int(st, 4),
		.by_status = { sqlite3_column_int(st, 5), sqlite3_column_int(st, 6), sqlite3_column_int(st, 7),
		               sqlite3_column_int(st, 8), sqlite3_column_int(st, 9) },
		.n_late = sqlite3_column_int(st, 10), .progress_n = sqlite3_column_int64(st, 11),
		.progress_sum = sqlite3_column_int64(st, 12) }), cb, ctx);
}

enum err_code
store_dept_find(struct store *s, const char *name, long long *id, struct error *e)
{
	static const char sql[] = "SELECT id FROM departments WHERE short = ?1 OR name = ?1 ORDER BY short = ?1 DESC LIMIT 1";
	enum err_code c = store_id_of(s, sql, name, id, e);
	if (c == ERR_NOT_FOUND)
		return err_set(e, ERR_NOT_FOUND, _("no department \"%s\" (plancon depts lists them)"), name);
	return c;
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
	STORE_EACH_ROW(s, st, e, r, (r = (struct indicator_row){
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
	STORE_EACH_ROW(s, st, e, r, (r = (struct indicator_value){
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
	STORE_EACH_ROW(s, st, e, r, (r = (struct indicator_value){
		.year = sqlite3_column_int(st, 0), .value = sqlite3_column_double(st, 1),
		.recorded_at = store_col(st, 2), .recorded_by = store_col(st, 3) }), cb, ctx);
}

/* ---- the tree and the documents ---------------------------------------------- */

enum err_code
store_tree_nodes_each(struct store *s, tree_node_cb cb, void *ctx, struct error *e)
{
	static const char sql[] =
		"SELECT 0, p.id, p.no, 0, 0, p.title, '', p.no k1, -1 k2, -1 k3 FROM parts p "
		"UNION ALL SELECT 1, c.id, p.no, c.no, 0, c.title, c.note, p.no, c.no, -1 "
		"FROM chapters c JOIN parts p ON p.id = c.part_id "
		"UNION ALL SELECT 2, x.id, p.no, c.no, x.no, x.title, '', p.no, c.no, x.no "
		"FROM sections x JOIN chapters c ON c.id = x.chapter_id JOIN parts p ON p.id = c.part_id "
		"ORDER BY 8, 9, 10";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct tree_node_row r = {
			.kind = (enum tree_kind)sqlite3_column_int(st, 0), .id = sqlite3_column_int64(st, 1),
			.part_no = sqlite3_column_int(st, 2), .chapter_no = sqlite3_column_int(st, 3),
			.section_no = sqlite3_column_int(st, 4), .title = store_col(st, 5), .note = store_col(st, 6),
		};
		if (cb(&r, ctx))
			break;
	}
	return store_finish(s, st, rc, e);
}

enum err_code
store_documents_each(struct store *s, document_cb cb, void *ctx, struct error *e)
{
	static const char sql[] = "SELECT id, key, title, short, ifnull(year_from, 0), ifnull(year_to, 0) "
		"FROM documents ORDER BY ifnull(year_from, 0), id";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct document_row r = {
			.id = sqlite3_column_int64(st, 0), .key = store_col(st, 1), .title = store_col(st, 2),
			.short_title = store_col(st, 3), .year_from = sqlite3_column_int(st, 4),
			.year_to = sqlite3_column_int(st, 5),
		};
		if (cb(&r, ctx))
			break;
	}
	return store_finish(s, st, rc, e);
}

/* ---- writes: indicator actuals and departments ----------------------------------- */

/* The indicator named name exactly, or the only one whose name contains it. */
static enum err_code
indicator_find(struct store *s, const char *name, long long *id, struct error *e)
{
	static const char exact[] = "SELECT id FROM indicators WHERE name = ?1";
	static const char part[] =
		"SELECT count(*), min(id), group_concat(name, '; ') FROM indicators WHERE instr(name, ?1) > 0";
	enum err_code found = store_id_of(s, exact, name, id, e);
	if (found != ERR_NOT_FOUND)
		return found;
	sqlite3_stmt *st = store_stmt(s, part, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, name);
	enum err_code c = ERR_OK;
	if (sqlite3_step(st) != SQLITE_ROW) {
		c = store_fail(s, e, _("reading the indicators"));
	} else {
		int n = sqlite3_column_int(st, 0);
		if (n == 1)
			*id = sqlite3_column_int64(st, 1);
		else if (n == 0)
			c = err_set(e, ERR_NOT_FOUND, _("no indicator \"%s\" (plancon indicators lists them)"), name);
		else
			c = err_set(e, ERR_INVALID, _("\"%s\" is part of %d indicators' names (%.600s); give more of the name"),
			            name, n, store_col(st, 2) ? store_col(st, 2) : "");
	}
	sqlite3_reset(st);
	return c;
}

/* The unit typed after a value, checked against the indicator's. */
static enum err_code
unit_check(const char *name, const char *unit, const char *typed, struct error *e)
{
	if (!typed || !*typed || !strcmp(typed, unit))
		return ERR_OK;
	if (!*unit)
		return err_set(e, ERR_INVALID, _("%s has no unit: give the value without \"%s\""), name, typed);
	return err_set(e, ERR_INVALID, _("the unit of %s is \"%s\", not \"%s\""), name, unit, typed);
}

enum err_code
store_actual_set(struct store *s, const struct identity *who, const struct actual_update *a,
                 struct write_result *r, char **name, struct error *e)
{
	static const char ind_sql[] = "SELECT name, unit FROM indicators WHERE id = ?1";
	static const char old_sql[] = "SELECT value FROM indicator_actuals WHERE indicator_id = ?1 AND year = ?2";
	static const char upsert[] =
		"INSERT INTO indicator_actuals (indicator_id, year, value, recorded_at, recorded_by, actor, note) "
		"VALUES (?1, ?2, ?3, " SQL_NOW ", ?4, ?5, '') ON CONFLICT (indicator_id, year) DO UPDATE SET "
		"value = excluded.value, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by, "
		"actor = excluded.actor, note = excluded.note RETURNING recorded_at";
	struct write_result dummy;
	if (!r)
		r = &dummy;
	*r = (struct write_result){ 0 };
	if (name)
		*name = NULL;
	if (a->year < 1900 || a->year > 2200)
		return err_set(e, ERR_INVALID, _("year %d: expected a year from 1900 to 2200"), a->year);
	if (!isfinite(a->value))
		return err_set(e, ERR_INVALID, _("the value must be a finite number"));
	enum err_code c = store_begin_write(s, e);
	if (c)
		return c;
	long long id = 0;
	char *full = NULL;
	sqlite3_stmt *st;
	if ((c = store_may(s, who, ACT_ADMIN, NULL, e)) || (c = indicator_find(s, a->indicator, &id, e)))
		goto out;
	if (!(st = store_stmt(s, ind_sql, e))) {
		c = e->code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		full = xstrdup(store_col(st, 0) ? store_col(st, 0) : "");
		c = unit_check(full, store_col(st, 1) ? store_col(st, 1) : "", a->unit, e);
	} else {
		c = store_fail(s, e, _("reading the indicators"));
	}
	sqlite3_reset(st);
	if (c)
		goto out;
	if (!(st = store_stmt(s, old_sql, e))) {
		c = e->code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, a->year);
	bool same = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_double(st, 0) == a->value;
	sqlite3_reset(st);
	if (same)
		goto out;   /* nothing to write: ERR_OK, not changed */
	if (!(st = store_stmt(s, upsert, e))) {
		c = e->code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, a->year);
	sqlite3_bind_double(st, 3, a->value);
	store_bind_text(st, 4, who->name);
	store_bind_text(st, 5, who->actor);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->changed = true;
		snprintf(r->at, sizeof r->at, "%s", store_col(st, 0) ? store_col(st, 0) : "");
		sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (!r->changed)
		c = store_fail(s, e, _("saving the value"));
out:
	if ((c = store_end(s, c, e)))
		*r = (struct write_result){ 0 };
	else if (name)
		*name = full, full = NULL;
	free(full);
	return c;
}

static enum err_code
dept_names_check(const char *short_name, const char *name, struct error *e)
{
	if (short_name && store_blank(short_name))
		return err_set(e, ERR_INVALID, _("department short name: empty"));
	if (short_name && store_check_text(_("department short name"), short_name, 32, false, e))
		return ERR_INVALID;
	if (name && store_blank(name))
		return err_set(e, ERR_INVALID, _("department name: empty"));
	if (name && store_check_text(_("department name"), name, 100, false, e))
		return ERR_INVALID;
	return ERR_OK;
}

enum err_code
store_dept_add(struct store *s, const struct identity *who, const char *short_name, const char *name,
               struct error *e)
{
	static const char ins[] =
		"INSERT INTO departments (short, name, updated_at, updated_by, actor) VALUES (?1, ?2, " SQL_NOW ", ?3, ?4)";
	enum err_code c = dept_names_check(short_name, name, e);
	if (c)
		return c;
	if ((c = store_begin_write(s, e)))
		return c;
	long long id;
	struct error none;
	sqlite3_stmt *st;
	if ((c = store_may(s, who, ACT_ADMIN, NULL, e)))
		return store_end(s, c, e);
	if (store_dept_find(s, short_name, &id, &none) == ERR_OK)
		return store_end(s, err_set(e, ERR_REFUSED, "there is already a department \"%s\"", short_name), e);
	if (!(st = store_stmt(s, ins, e)))
		return store_end(s, e->code, e);
	store_bind_text(st, 1, short_name);
	store_bind_text(st, 2, name);
	store_bind_text(st, 3, who->name);
	store_bind_text(st, 4, who->actor);
	return store_end(s, store_step_done(s, st, _("adding the department"), e), e);
}

enum err_code
store_dept_rename(struct store *s, const struct identity *who, const char *short_name, const char *new_short,
                  const char *new_name, struct write_result *r, struct error *e)
{
	static const char cur[] = "SELECT short, name FROM departments WHERE id = ?1";
	static const char other[] = "SELECT 1 FROM departments WHERE (short = ?1 OR name = ?1) AND id <> ?2";
	static const char upd[] =
		"UPDATE departments SET short = ?1, name = ifnull(?2, name), updated_by = ?3, actor = ?5, "
		"updated_at = " SQL_NOW " WHERE id = ?4";
	struct write_result dummy;
	if (!r)
		r = &dummy;
	*r = (struct write_result){ 0 };
	enum err_code c = dept_names_check(new_short, new_name, e);
	if (c)
		return c;
	if ((c = store_begin_write(s, e)))
		return c;
	long long id = 0;
	if ((c = store_may(s, who, ACT_ADMIN, NULL, e)) || (c = store_dept_find(s, short_name, &id, e)))
		return store_end(s, c, e);
	sqlite3_stmt *st = store_stmt(s, other, e);
	if (!st)
		return store_end(s, e->code, e);
	store_bind_text(st, 1, new_short);
	sqlite3_bind_int64(st, 2, id);
	bool taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (taken)
		return store_end(s, err_set(e, ERR_REFUSED, "there is already a department \"%s\"", new_short), e);
	if (!(st = store_stmt(s, cur, e)))
		return store_end(s, e->code, e);
	sqlite3_bind_int64(st, 1, id);
	bool same = sqlite3_step(st) == SQLITE_ROW && !strcmp(store_col(st, 0), new_short) &&
	            (!new_name || !strcmp(store_col(st, 1), new_name));
	sqlite3_reset(st);
	if (same)
		return store_end(s, ERR_OK, e);   /* unchanged */
	if (!(st = store_stmt(s, upd, e)))
		return store_end(s, e->code, e);
	store_bind_text(st, 1, new_short);
	store_bind_text(st, 2, new_name);
	store_bind_text(st, 3, who->name);
	sqlite3_bind_int64(st, 4, id);
	store_bind_text(st, 5, who->actor);
	if ((c = store_end(s, store_step_done(s, st, _("renaming the department"), e), e)))
		return c;
	r->changed = true;
	return ERR_OK;
}
