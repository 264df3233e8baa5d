/* store_office: the cycle's periods, reminders and the to-do list
 * (store_office.h; extensions are in extension.c).
 *
 * Periods are not stored: a report row carries its period's key and due
 * date. The first period is the setting's, else the earliest reported,
 * else the one reported now, so that switching the cycle on marks nothing
 * missing. "Missing" is internal.h's SQL_REPORT_MISSING, computed at the
 * as-of date, never stored. The to-do list reads a department's rows
 * through the indexes of 0009 (reports_returned, reminders_dept,
 * extensions_dept) and tasks_lead, so it costs the department's size, not
 * the plan's. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/model.h"
#include "plancon/store_office.h"
#include "plancon/store_plan.h"
#include "plancon/xalloc.h"

/* ---- periods ------------------------------------------------------------------- */

/* One period's counts: the reports filed (by on time and state) of the
 * tasks expected to report now, and those expected that did not file. */
static enum err_code
period_counts(struct store *s, long long dept, struct cycle_period_row *r, struct error *e)
{
	static const char filed[] =
		"SELECT total(rp.on_time = 1), total(rp.on_time = 0), total(rp.state = 'returned'), "
		"total(rp.state = 'accepted') FROM reports rp JOIN tasks t ON t.id = rp.task_id "
		"WHERE rp.period = ?1 AND rp.state <> 'draft' AND (?2 = 0 OR rp.dept_id = ?2) AND " SQL_REPORT_EXPECTED("t");
	static const char expected[] =
		"SELECT count(*) FROM tasks t WHERE (?1 = 0 OR t.lead_dept_id = ?1) AND " SQL_REPORT_EXPECTED("t");
	static const char unfiled[] =
		"SELECT count(*) FROM tasks t WHERE (?2 = 0 OR t.lead_dept_id = ?2) AND " SQL_REPORT_UNFILED("t", "?1");
	sqlite3_stmt *st = store_stmt(s, filed, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, r->key);
	sqlite3_bind_int64(st, 2, dept);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->on_time = sqlite3_column_int64(st, 0);
		r->late = sqlite3_column_int64(st, 1);
		r->returned = sqlite3_column_int64(st, 2);
		r->accepted = sqlite3_column_int64(st, 3);
	}
	enum err_code c = store_finish(s, st, rc, e);
	if (c || !(st = store_stmt(s, expected, e)))
		return c ? c : e->code;
	sqlite3_bind_int64(st, 1, dept);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		r->expected = sqlite3_column_int64(st, 0);
	if ((c = store_finish(s, st, rc, e)) || !(st = store_stmt(s, unfiled, e)))
		return c ? c : e->code;
	store_bind_text(st, 1, r->key);
	sqlite3_bind_int64(st, 2, dept);
	long long n = 0;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	if (r->past_due)
		r->missing = n;
	else
		r->to_file = n;
	return store_finish(s, st, rc, e);
}

enum err_code
store_cycle_periods_each(struct store *s, const struct cycle_settings *cs, const char *as_of, long long dept_id,
                   cycle_period_cb cb, void *ctx, struct error *e)
{
	if (!cs->on)
		return auth_cycle_off(e);
	struct cycle_period p, now;
	enum err_code c = store_cycle_first(s, cs, as_of, &p, e);
	if (c)
		return c;
	if (!cycle_period_of(cs->kind, as_of, &now))
		return err_set(e, ERR_INVALID, _("\"%s\" is not a date"), as_of);
	for (int guard = 0; strcmp(p.key, now.key) <= 0 && guard < 1200; guard++) {
		char due[11];
		if (!cycle_report_due(&p, cs->due_day, due))
			break;
		struct cycle_period_row r = { .key = p.key, .start = p.start, .end = p.end, .due = due,
		                        .past_due = strcmp(as_of, due) > 0 };
		if ((c = period_counts(s, dept_id, &r, e)))
			return c;
		if (cb(&r, ctx))
			break;
		if (!cycle_period_step(&p, 1, &p))
			break;
	}
	return ERR_OK;
}

/* ---- reminders ----------------------------------------------------------------- */

/* How many reports of dept for period p (due on due) are missing at as_of. */
static enum err_code
missing_count(struct store *s, long long dept, const char *period, const char *due, const char *as_of,
              const char *first, long long *n, struct error *e)
{
	static const char sql[] =
		"SELECT count(*) FROM tasks t WHERE t.lead_dept_id = ?1 AND " SQL_REPORT_MISSING("t", "?2", "?3", "?4", "?5");
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, dept);
	store_bind_text(st, 2, period);
	store_bind_text(st, 3, due);
	store_bind_text(st, 4, as_of);
	store_bind_text(st, 5, first);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	return store_finish(s, st, rc, e);
}

/* The short name of department id into buf. */
static void
dept_short(struct store *s, long long id, char *buf, size_t len)
{
	static const char sql[] = "SELECT short FROM departments WHERE id = ?1";
	struct error e;
	buf[0] = '\0';
	sqlite3_stmt *st = store_stmt(s, sql, &e);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && store_col(st, 0))
		snprintf(buf, len, "%s", store_col(st, 0));
	sqlite3_reset(st);
}

/* Inside the transaction: the reminder's task (or none), the permission,
 * and for a reminder about all missing reports, that there are some. */
static enum err_code
remind_check(struct store *s, const struct identity *who, const struct cycle_settings *cs, const char *as_of,
             long long dept, const char *code, const struct cycle_period *p, long long *task_id,
             struct remind_result *r, struct error *e)
{
	char name[256];
	dept_short(s, dept, name, sizeof name);
	if (code) {
		struct task_state t;
		enum err_code c = store_task_load(s, code, &t, e);
		if (!c) {
			struct auth_task at = store_auth_task_of(&t);
			c = store_may(s, who, ACT_OFFICE, &at, e);
		}
		if (!c && t.lead != dept)
			c = err_set(e, ERR_REFUSED, _("%s is led by %s, not by %s: remind its lead department"), t.code,
			            t.lead_short ? t.lead_short : _("no department"), name);
		*task_id = t.id;
		store_task_state_free(&t);
		return c;
	}
	struct auth_task at = { .lead_dept = dept, .code = name, .lead_name = name };
	enum err_code c = store_may(s, who, ACT_OFFICE, &at, e);
	struct cycle_period first;
	char due[11];
	if (c || (c = store_cycle_first(s, cs, as_of, &first, e)))
		return c;
	if (!cycle_report_due(p, cs->due_day, due))
		return err_set(e, ERR_INVALID, _("no due date for %s"), p->key);
	if ((c = missing_count(s, dept, p->key, due, as_of, first.key, &r->missing, e)))
		return c;
	if (!r->missing)
		return err_set(e, ERR_REFUSED, strcmp(as_of, due) > 0
		               ? _("%s has no missing report for %s (due %s): nothing to remind it of")
		               : _("%s has no missing report for %s: they are due %s, not yet missing"), name, p->key, due);
	return ERR_OK;
}

enum err_code
store_remind(struct store *s, const struct identity *who, const struct cycle_settings *cs, const char *as_of,
             const char *dept, const char *code, const char *key, const char *note, struct remind_result *r,
             struct error *e)
{
	static const char level_sql[] =
		"SELECT 1 + count(*) FROM reminders WHERE dept_id = ?1 AND task_id IS ?2 AND period = ?3";
	static const char ins[] =
		"INSERT INTO reminders (dept_id, task_id, period, level, note, at, who, actor) "
		"VALUES (?1, ?2, ?3, ?4, ?5, " SQL_NOW ", ?6, ?7)";
	*r = (struct remind_result){ 0 };
	if (store_blank(note))
		return err_set(e, ERR_INVALID, _("a reminder needs a note (--note TEXT): what is to be done"));
	if (store_check_text(_("note"), note, STORE_OFFICE_TEXT_MAX, true, e))
		return e->code;
	enum err_code c = store_begin_write(s, e);
	if (c)
		return c;
	long long dept_id = 0, task_id = 0;
	struct cycle_period p;
	sqlite3_stmt *st;
	if ((c = store_dept_find(s, dept, &dept_id, e)) || (c = store_cycle_period(s, cs, as_of, key, &p, e)) ||
	    (c = remind_check(s, who, cs, as_of, dept_id, code, &p, &task_id, r, e)))
		goto out;
	snprintf(r->period, sizeof r->period, "%s", p.key);
	if (!(st = store_stmt(s, level_sql, e))) {
		c = e->code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, dept_id);
	if (task_id)
		sqlite3_bind_int64(st, 2, task_id);
	store_bind_text(st, 3, p.key);
	int rc = sqlite3_step(st);
	r->level = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 1;
	if ((c = store_finish(s, st, rc, e)) || !(st = store_stmt(s, ins, e))) {
		c = c ? c : e->code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, dept_id);
	if (task_id)
		sqlite3_bind_int64(st, 2, task_id);
	store_bind_text(st, 3, p.key);
	sqlite3_bind_int(st, 4, r->level);
	store_bind_text(st, 5, note);
	store_bind_text(st, 6, who->name);
	store_bind_text(st, 7, who->actor);
	c = store_step_done(s, st, _("saving the reminder"), e);
out:
	return store_end(s, c, e);
}

/* ---- the to-do list ------------------------------------------------------------ */

static const char *const todo_keys[] = {
#define X(id, key) [id] = key,
	TODO_KINDS(X)
#undef X
};

const char *
store_todo_kind_key(enum todo_kind k)
{
	return (unsigned)k < TODO_KIND_COUNT ? todo_keys[k] : "?";
}

/* What one department's list is read with. */
struct todo_run {
	struct store *s;
	const struct identity *who;
	const struct todo_query *q;
	todo_cb cb;
	void *ctx;
	struct todo_counts *n;
	long long dept;
	const char *period, *due, *first, *since;
	long long *seen;           /* reminders listed unseen, to mark */
	size_t nseen, capseen;
	bool stop;
};

static int
limit_of(const struct todo_run *x)
{
	return x->q->limit > 0 ? x->q->limit : -1;
}

static void
emit(struct todo_run *x, const struct todo_item *it)
{
	if (!x->stop && x->cb(it, x->ctx))
		x->stop = true;
}

/* Reports of the period not filed: missing once the due date is over,
 * else to file; counted, and the first of them listed. */
static enum err_code
todo_unfiled(struct todo_run *x, struct error *e)
{
	static const char count_sql[] =
		"SELECT count(*) FROM tasks t WHERE t.lead_dept_id = ?1 AND ?3 >= ?4 AND " SQL_REPORT_UNFILED("t", "?2");
	static const char list_sql[] =
		"SELECT t.code, t.title, d.short FROM tasks t JOIN departments d ON d.id = t.lead_dept_id "
		"WHERE t.lead_dept_id = ?1 AND ?3 >= ?4 AND " SQL_REPORT_UNFILED("t", "?2") " ORDER BY t.pos LIMIT ?5";
	bool past = strcmp(x->q->as_of, x->due) > 0;
	enum todo_kind k = past ? TODO_MISSING : TODO_TO_FILE;
	sqlite3_stmt *st = store_stmt(x->s, count_sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, x->dept);
	store_bind_text(st, 2, x->period);
	store_bind_text(st, 3, x->period);
	store_bind_text(st, 4, x->first);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		x->n->n[k] += sqlite3_column_int64(st, 0);
	enum err_code c = store_finish(x->s, st, rc, e);
	if (c || !(st = store_stmt(x->s, list_sql, e)))
		return c ? c : e->code;
	sqlite3_bind_int64(st, 1, x->dept);
	store_bind_text(st, 2, x->period);
	store_bind_text(st, 3, x->period);
	store_bind_text(st, 4, x->first);
	sqlite3_bind_int(st, 5, limit_of(x));
	int days = model_days_between(x->q->as_of, x->due);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct todo_item it = { .kind = k, .code = store_col(st, 0), .title = store_col(st, 1),
		                        .dept = store_col(st, 2), .period = x->period, .due = x->due, .days = days };
		emit(x, &it);
	}
	return store_finish(x->s, st, rc, e);
}

/* Reports returned and not resubmitted, of any period, with the latest
 * review's reason and reviewer. */
static enum err_code
todo_returned(struct todo_run *x, struct error *e)
{
	static const char count_sql[] = "SELECT count(*) FROM reports WHERE dept_id = ?1 AND state = 'returned'";
	static const char list_sql[] =
		"SELECT t.code, t.title, d.short, r.period, r.due, v.who, v.at, v.reason FROM reports r "
		"JOIN tasks t ON t.id = r.task_id JOIN departments d ON d.id = r.dept_id "
		"LEFT JOIN reviews v ON v.id = (SELECT max(id) FROM reviews WHERE report_id = r.id) "
		"WHERE r.dept_id = ?1 AND r.state = 'returned' ORDER BY r.period, t.pos LIMIT ?2";
	sqlite3_stmt *st = store_stmt(x->s, count_sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, x->dept);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		x->n->n[TODO_RETURNED] += sqlite3_column_int64(st, 0);
	enum err_code c = store_finish(x->s, st, rc, e);
	if (c || !(st = store_stmt(x->s, list_sql, e)))
		return c ? c : e->code;
	sqlite3_bind_int64(st, 1, x->dept);
	sqlite3_bind_int(st, 2, limit_of(x));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *due = store_col(st, 4);
		struct todo_item it = { .kind = TODO_RETURNED, .code = store_col(st, 0), .title = store_col(st, 1),
		                        .dept = store_col(st, 2), .period = store_col(st, 3), .due = due,
		                        .days = due ? model_days_between(x->q->as_of, due) : 0,
		                        .who = store_col(st, 5), .at = store_col(st, 6), .note = store_col(st, 7) };
		emit(x, &it);
	}
	return store_finish(x->s, st, rc, e);
}

static void
seen_add(struct todo_run *x, long long id)
{
	if (x->nseen == x->capseen) {
		x->capseen = x->capseen ? x->capseen * 2 : 16;
		x->seen = xrealloc(x->seen, x->capseen * sizeof *x->seen);
	}
	x->seen[x->nseen++] = id;
}

/* Reminders of the period and any not yet seen: unseen first, newest first. */
static enum err_code
todo_reminders(struct todo_run *x, struct error *e)
{
	static const char count_sql[] =
		"SELECT count(*), total(rs.reminder_id IS NULL) FROM reminders m "
		"LEFT JOIN reminder_seen rs ON rs.reminder_id = m.id AND rs.user_name = ?2 "
		"WHERE m.dept_id = ?1 AND (m.period = ?3 OR rs.reminder_id IS NULL)";
	static const char list_sql[] =
		"SELECT m.id, t.code, t.title, d.short, m.period, m.level, m.note, m.who, m.at, rs.reminder_id IS NOT NULL "
		"FROM reminders m JOIN departments d ON d.id = m.dept_id LEFT JOIN tasks t ON t.id = m.task_id "
		"LEFT JOIN reminder_seen rs ON rs.reminder_id = m.id AND rs.user_name = ?2 "
		"WHERE m.dept_id = ?1 AND (m.period = ?3 OR rs.reminder_id IS NULL) "
		"ORDER BY rs.reminder_id IS NOT NULL, m.id DESC LIMIT ?4";
	const char *user = x->who && x->who->name ? x->who->name : "";
	sqlite3_stmt *st = store_stmt(x->s, count_sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, x->dept);
	store_bind_text(st, 2, user);
	store_bind_text(st, 3, x->period);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		x->n->n[TODO_REMINDER] += sqlite3_column_int64(st, 0);
		x->n->unseen += sqlite3_column_int64(st, 1);
	}
	enum err_code c = store_finish(x->s, st, rc, e);
	if (c || !(st = store_stmt(x->s, list_sql, e)))
		return c ? c : e->code;
	sqlite3_bind_int64(st, 1, x->dept);
	store_bind_text(st, 2, user);
	store_bind_text(st, 3, x->period);
	sqlite3_bind_int(st, 4, limit_of(x));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct todo_item it = { .kind = TODO_REMINDER, .id = sqlite3_column_int64(st, 0),
		                        .code = store_col(st, 1), .title = store_col(st, 2), .dept = store_col(st, 3),
		                        .period = store_col(st, 4), .level = sqlite3_column_int(st, 5),
		                        .note = store_col(st, 6), .who = store_col(st, 7), .at = store_col(st, 8),
		                        .seen = sqlite3_column_int(st, 9) != 0 };
		if (!it.seen)
			seen_add(x, it.id);
		emit(x, &it);
	}
	return store_finish(x->s, st, rc, e);
}

/* An extension row as a to-do item. */
static int
extension_item(const struct extension_row *r, void *ctx)
{
	struct todo_run *x = ctx;
	struct todo_item it = { .kind = TODO_EXTENSION, .id = r->id, .code = r->code, .title = r->title, .dept = r->dept,
	                        .due = r->new_due, .old_due = r->old_due, .state = r->state, .who = r->decided_by,
	                        .at = r->decided_at, .note = r->note };
	emit(x, &it);
	return x->stop;
}

/* Extension requests decided since x->since, newest first. */
static enum err_code
todo_extensions(struct todo_run *x, struct error *e)
{
	static const char count_sql[] =
		"SELECT count(*) FROM extensions WHERE dept_id = ?1 AND state <> 'requested' AND decided_at >= ?2";
	sqlite3_stmt *st = store_stmt(x->s, count_sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, x->dept);
	store_bind_text(st, 2, x->since);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		x->n->n[TODO_EXTENSION] += sqlite3_column_int64(st, 0);
	enum err_code c = store_finish(x->s, st, rc, e);
	if (c)
		return c;
	struct extension_filter f = { .dept_id = x->dept, .decided_since = x->since,
	                              .limit = x->q->limit > 0 ? x->q->limit : 1 << 30 };
	return store_extensions_each(x->s, &f, extension_item, x, e);
}

/* Open tasks the department leads due from as_of to near_days after. */
static enum err_code
todo_due_soon(struct todo_run *x, struct error *e)
{
	static const char count_sql[] =
		"SELECT count(*) FROM tasks t WHERE t.lead_dept_id = ?1 AND t.due_date BETWEEN ?2 AND date(?2, ?3) "
		"AND " SQL_REPORT_EXPECTED("t");
	static const char list_sql[] =
		"SELECT t.code, t.title, d.short, t.due_date, t.progress FROM tasks t "
		"JOIN departments d ON d.id = t.lead_dept_id WHERE t.lead_dept_id = ?1 "
		"AND t.due_date BETWEEN ?2 AND date(?2, ?3) AND " SQL_REPORT_EXPECTED("t") " "
		"ORDER BY t.due_date, t.pos LIMIT ?4";
	char days[24];
	snprintf(days, sizeof days, "+%d days", x->q->cs->near_days > 0 ? x->q->cs->near_days : 0);
	sqlite3_stmt *st = store_stmt(x->s, count_sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, x->dept);
	store_bind_text(st, 2, x->q->as_of);
	store_bind_text(st, 3, days);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		x->n->n[TODO_DUE_SOON] += sqlite3_column_int64(st, 0);
	enum err_code c = store_finish(x->s, st, rc, e);
	if (c || !(st = store_stmt(x->s, list_sql, e)))
		return c ? c : e->code;
	sqlite3_bind_int64(st, 1, x->dept);
	store_bind_text(st, 2, x->q->as_of);
	store_bind_text(st, 3, days);
	sqlite3_bind_int(st, 4, limit_of(x));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *due = store_col(st, 3);
		struct todo_item it = { .kind = TODO_DUE_SOON, .code = store_col(st, 0), .title = store_col(st, 1),
		                        .dept = store_col(st, 2), .due = due, .days = model_days_between(x->q->as_of, due),
		                        .progress = sqlite3_column_int(st, 4) };
		emit(x, &it);
	}
	return store_finish(x->s, st, rc, e);
}

/* The office's own counts: reports waiting for review, requests open;
 * each counted up to TODO_COUNT_CAP (a list, not a tally: beyond it the
 * office reads plancon review). */
static enum err_code
todo_office(struct store *s, struct todo_counts *n, struct error *e)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM (SELECT 1 FROM reports INDEXED BY reports_queue WHERE state = 'submitted' LIMIT ?1)), "
		"(SELECT count(*) FROM (SELECT 1 FROM extensions WHERE state = 'requested' LIMIT ?1))";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int(st, 1, TODO_COUNT_CAP);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		n->review_waiting = sqlite3_column_int64(st, 0);
		n->extensions_open = sqlite3_column_int64(st, 1);
	}
	return store_finish(s, st, rc, e);
}

/* Mark the n reminders ids seen by who, when who may write at all; a
 * database busy with another writer skips it (the list was shown). */
static enum err_code
mark_seen(struct store *s, const struct identity *who, const long long *ids, size_t n, struct error *e)
{
	static const char ins[] =
		"INSERT OR IGNORE INTO reminder_seen (reminder_id, user_name, at) VALUES (?1, ?2, " SQL_NOW ")";
	if (!n || !who || !who->name || !who->known || who->deactivated || who->role < AUTH_ROLE_EDITOR ||
	    who->readonly_db || store_readonly(s))
		return ERR_OK;
	enum err_code c = store_begin_write(s, e);
	if (c == ERR_BUSY) {
		err_clear(e);
		return ERR_OK;
	}
	if (c)
		return c;
	for (size_t i = 0; !c && i < n; i++) {
		sqlite3_stmt *st = store_stmt(s, ins, e);
		if (!st) {
			c = e->code;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		store_bind_text(st, 2, who->name);
		c = store_step_done(s, st, _("marking reminders seen"), e);
	}
	return store_end(s, c, e);
}

/* The date days before date into out. */
static enum err_code
date_back(struct store *s, const char *date, int days, char out[11], struct error *e)
{
	static const char sql[] = "SELECT date(?1, '-' || ?2 || ' days')";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, date);
	sqlite3_bind_int(st, 2, days);
	int rc = sqlite3_step(st);
	snprintf(out, 11, "%s", rc == SQLITE_ROW && store_col(st, 0) ? store_col(st, 0) : "");
	return store_finish(s, st, rc, e);
}

/* Kind by kind over every department: each kind is a list of its own. */
static enum err_code
todo_kinds(struct todo_run *x, struct error *e)
{
	static enum err_code (*const kinds[])(struct todo_run *, struct error *) = {
		todo_returned, todo_unfiled, todo_reminders, todo_extensions, todo_due_soon,
	};
	enum err_code c = ERR_OK;
	for (size_t k = 0; !c && k < sizeof kinds / sizeof kinds[0]; k++)
		for (size_t i = 0; !c && i < x->q->ndepts; i++) {
			x->dept = x->q->depts[i];
			c = kinds[k](x, e);
		}
	return c;
}

enum err_code
store_todo_each(struct store *s, const struct identity *who, const struct todo_query *q, todo_cb cb, void *ctx,
                struct todo_counts *n, struct error *e)
{
	*n = (struct todo_counts){ 0 };
	if (!q->cs->on)
		return auth_cycle_off(e);
	struct cycle_period p, first;
	char due[11], since[11];
	enum err_code c = store_cycle_period(s, q->cs, q->as_of, q->period, &p, e);
	if (c || (c = store_cycle_first(s, q->cs, q->as_of, &first, e)))
		return c;
	if (!cycle_report_due(&p, q->cs->due_day, due))
		return err_set(e, ERR_INVALID, _("no due date for %s"), p.key);
	snprintf(n->period, sizeof n->period, "%s", p.key);
	snprintf(n->due, sizeof n->due, "%s", due);
	/* the last 30 days of decisions (UTC times compare as text with a date) */
	if ((c = date_back(s, q->as_of, 30, since, e)))
		return c;
	struct todo_run x = { .s = s, .who = who, .q = q, .cb = cb, .ctx = ctx, .n = n, .period = p.key, .due = due,
	                      .first = first.key, .since = since };
	if ((c = todo_kinds(&x, e)))
		goto out;
	if ((n->office = auth_is_office(who)) && (c = todo_office(s, n, e)))
		goto out;
	if (q->mark_seen)
		c = mark_seen(s, who, x.seen, x.nseen, e);
out:
	free(x.seen);
	return c;
}
