/* store_extension: extensions of a task's due date (延期; store_office.h).
 *
 * The lead department asks on or before the due date (the local date of
 * now: cycle_extension_open), one open request per task (the unique index
 * extensions_open says so too); the office approves or rejects it once
 * (the trigger extensions_decided_once). Approval moves tasks.due_date, so
 * lateness everywhere follows the new date, and keeps the first due date in
 * tasks.original_due, against which the ranking counts. The change log's
 * rows come from the triggers extensions_audit_insert and _decide. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include "plancon/model.h"
#include "plancon/store_office.h"

/* The open request of task id into *id (0: none), its dates and who asked. */
struct open_request {
	long long id;
	char new_due[11], old_due[11], by[128], at[20];
};

static enum err_code
open_request(struct store *s, long long task, struct open_request *o, struct error *e)
{
	static const char sql[] =
		"SELECT id, new_due, old_due, requested_by, requested_local FROM extensions "
		"WHERE task_id = ?1 AND state = 'requested'";
	*o = (struct open_request){ 0 };
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, task);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		o->id = sqlite3_column_int64(st, 0);
		store_col_copy(o->new_due, sizeof o->new_due, st, 1);
		store_col_copy(o->old_due, sizeof o->old_due, st, 2);
		store_col_copy(o->by, sizeof o->by, st, 3);
		store_col_copy(o->at, sizeof o->at, st, 4);
	}
	return store_finish(s, st, rc, e);
}

/* The rules of a request on task t (read under the write lock), asked on
 * the local date today. */
static enum err_code
request_rules(struct store *s, const struct task_state *t, const char *new_due, const char *today, struct error *e)
{
	if (!strcmp(t->status, "done") || !strcmp(t->status, "cancelled"))
		return err_set(e, ERR_REFUSED, _("%s is %s: there is nothing to extend"), t->code,
		               task_status_label_for(t->status));
	if (!t->due_date)
		return err_set(e, ERR_REFUSED, _("%s has no due date to extend"), t->code);
	if (!cycle_extension_open(t->due_date, today))
		return err_set(e, ERR_REFUSED, _("%s: the due date %s has passed: an extension must be requested on or "
		               "before it"), t->code, t->due_date);
	struct open_request o;
	enum err_code c = open_request(s, t->id, &o, e);
	if (c)
		return c;
	if (o.id)
		return err_set(e, ERR_REFUSED, _("%s already has an extension request open (to %s, asked by %s at %s); "
		               "the office decides it first"), t->code, o.new_due, o.by, o.at);
	if (strcmp(new_due, t->due_date) <= 0)
		return err_set(e, ERR_INVALID, _("%s: the new date %s is not after the due date %s"), t->code, new_due,
		               t->due_date);
	return ERR_OK;
}

static void
result_task(struct extension_result *r, const struct task_state *t)
{
	snprintf(r->code, sizeof r->code, "%s", t->code);
	snprintf(r->original_due, sizeof r->original_due, "%s", t->original_due ? t->original_due : "");
}

enum err_code
store_extension_request(struct store *s, const struct identity *who, const char *code, const char *new_due,
                        const char *reason, struct extension_result *r, struct error *e)
{
	static const char ins[] =
		"INSERT INTO extensions (task_id, dept_id, old_due, new_due, reason, requested_local, requested_at, "
		"requested_by, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " SQL_NOW ", ?7, ?8)";
	*r = (struct extension_result){ 0 };
	if (!model_date_valid(new_due))
		return err_set(e, ERR_INVALID, _("--to: \"%s\" is not a date that exists (YYYY-MM-DD)"), new_due);
	if (store_blank(reason))
		return err_set(e, ERR_INVALID, _("an extension needs a reason (--reason TEXT)"));
	if (store_check_text(_("reason"), reason, STORE_OFFICE_TEXT_MAX, true, e))
		return e->code;
	char now[20], today[11];
	model_now_local(now);
	snprintf(today, sizeof today, "%.10s", now);
	enum err_code c = store_begin_write(s, e);
	if (c)
		return c;
	struct task_state t;
	sqlite3_stmt *st;
	if ((c = store_task_load(s, code, &t, e)))
		goto out;
	struct auth_task at = store_auth_task_of(&t);
	if ((c = store_may(s, who, ACT_REPORT, &at, e)) || (c = request_rules(s, &t, new_due, today, e)))
		goto out;
	if (!(st = store_stmt(s, ins, e))) {
		c = e->code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, t.id);
	sqlite3_bind_int64(st, 2, t.lead);
	store_bind_text(st, 3, t.due_date);
	store_bind_text(st, 4, new_due);
	store_bind_text(st, 5, reason);
	store_bind_text(st, 6, now);
	store_bind_text(st, 7, who->name);
	store_bind_text(st, 8, who->actor);
	if ((c = store_step_done(s, st, _("saving the extension request"), e)))
		goto out;
	result_task(r, &t);
	snprintf(r->old_due, sizeof r->old_due, "%s", t.due_date);
	snprintf(r->new_due, sizeof r->new_due, "%s", new_due);
	r->task_version = t.version;
out:
	store_task_state_free(&t);
	return store_end(s, c, e);
}

/* Approval's part on the task: the new due date, the first one kept. */
static enum err_code
move_due(struct store *s, const struct identity *who, const struct task_state *t, const char *new_due,
         struct extension_result *r, struct error *e)
{
	static const char upd[] =
		"UPDATE tasks SET due_date = ?1, original_due = ifnull(original_due, due_date), note = '', "
		"version = version + 1, updated_by = ?2, actor = ?3, updated_at = " SQL_NOW
		" WHERE id = ?4 AND version = ?5 RETURNING version, original_due";
	sqlite3_stmt *st = store_stmt(s, upd, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, new_due);
	store_bind_text(st, 2, who->name);
	store_bind_text(st, 3, who->actor);
	sqlite3_bind_int64(st, 4, t->id);
	sqlite3_bind_int64(st, 5, t->version);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->task_version = sqlite3_column_int64(st, 0);
		store_col_copy(r->original_due, sizeof r->original_due, st, 1);
		rc = sqlite3_step(st);
	}
	enum err_code c = store_finish(s, st, rc, e);
	if (!c && !r->task_version)
		c = err_set(e, ERR_CONFLICT, _("%s changed while it was being extended; nothing was saved"), t->code);
	return c;
}

enum err_code
store_extension_decide(struct store *s, const struct identity *who, const char *code, bool approve, const char *note,
                       struct extension_result *r, struct error *e)
{
	static const char upd[] =
		"UPDATE extensions SET state = ?1, decided_at = " SQL_NOW ", decided_by = ?2, decided_actor = ?3, "
		"decision_note = ?4 WHERE id = ?5 AND state = 'requested'";
	*r = (struct extension_result){ 0 };
	if (store_blank(note))
		note = NULL;
	if (!approve && !note)
		return err_set(e, ERR_INVALID, _("rejecting an extension needs a reason (--reason TEXT)"));
	if (note && store_check_text(approve ? _("note") : _("reason"), note, STORE_OFFICE_TEXT_MAX, true, e))
		return e->code;
	enum err_code c = store_begin_write(s, e);
	if (c)
		return c;
	struct task_state t;
	struct open_request o;
	sqlite3_stmt *st;
	if ((c = store_task_load(s, code, &t, e)))
		goto out;
	struct auth_task at = store_auth_task_of(&t);
	if ((c = store_may(s, who, ACT_OFFICE, &at, e)) || (c = open_request(s, t.id, &o, e)))
		goto out;
	if (!o.id) {
		c = err_set(e, ERR_NOT_FOUND, _("%s has no extension request open (plancon extension list)"), t.code);
		goto out;
	}
	if (!(st = store_stmt(s, upd, e))) {
		c = e->code;
		goto out;
	}
	store_bind_text(st, 1, approve ? "approved" : "rejected");
	store_bind_text(st, 2, who->name);
	store_bind_text(st, 3, who->actor);
	store_bind_text(st, 4, note ? note : "");
	sqlite3_bind_int64(st, 5, o.id);
	if ((c = store_step_done(s, st, _("saving the decision"), e)))
		goto out;
	result_task(r, &t);
	snprintf(r->old_due, sizeof r->old_due, "%s", o.old_due);
	snprintf(r->new_due, sizeof r->new_due, "%s", o.new_due);
	r->task_version = approve ? 0 : t.version;
	if (approve)
		c = move_due(s, who, &t, o.new_due, r, e);
out:
	store_task_state_free(&t);
	return store_end(s, c, e);
}

enum err_code
store_task_original_due(struct store *s, const char *code, char out[11], struct error *e)
{
	static const char sql[] = "SELECT ifnull(original_due, '') FROM tasks WHERE code = ?1";
	out[0] = '\0';
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, code);
	int rc = sqlite3_step(st);
	bool found = rc == SQLITE_ROW;
	if (found)
		store_col_copy(out, 11, st, 0);
	enum err_code c = store_finish(s, st, rc, e);
	if (!c && !found)
		c = store_no_task(e, code);
	return c;
}

#define EXTENSION_SELECT \
	"SELECT x.id, t.code, t.title, d.short, x.old_due, x.new_due, x.reason, x.state, x.requested_local, " \
	"x.requested_by, x.decided_at, x.decided_by, x.decision_note FROM extensions x " \
	"JOIN tasks t ON t.id = x.task_id JOIN departments d ON d.id = x.dept_id " \
	"WHERE (?1 IS NULL OR x.state = ?1) AND (?2 = 0 OR x.dept_id = ?2) AND (?3 IS NULL OR x.decided_at >= ?3) "

enum err_code
store_extensions_each(struct store *s, const struct extension_filter *f, extension_cb cb, void *ctx,
                      struct error *e)
{
	static const char oldest[] = EXTENSION_SELECT "ORDER BY x.id";
	static const char newest[] = EXTENSION_SELECT "ORDER BY x.id DESC LIMIT ?4";
	static const struct extension_filter all = { 0 };
	if (!f)
		f = &all;
	sqlite3_stmt *st = store_stmt(s, f->limit > 0 ? newest : oldest, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, f->state);
	sqlite3_bind_int64(st, 2, f->dept_id);
	store_bind_text(st, 3, f->decided_since);
	if (f->limit > 0)
		sqlite3_bind_int(st, 4, f->limit);
	struct extension_row r;
	STORE_EACH_ROW(s, st, e, r, (r = (struct extension_row){
		.id = sqlite3_column_int64(st, 0), .code = store_col(st, 1), .title = store_col(st, 2),
		.dept = store_col(st, 3), .old_due = store_col(st, 4), .new_due = store_col(st, 5),
		.reason = store_col(st, 6), .state = store_col(st, 7), .requested_local = store_col(st, 8),
		.requested_by = store_col(st, 9), .decided_at = store_col(st, 10), .decided_by = store_col(st, 11),
		.note = store_col(st, 12) }), cb, ctx);
}
