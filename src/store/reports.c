/* store_reports: the period's reports, the office's review and the
 * verified closing of tasks (store_reports.h). Each write is one
 * BEGIN IMMEDIATE transaction, as write.c's: take the lock, read the task
 * and the report, check the permission (store_may) and the rules on what
 * was read, write. The change log's rows come from 0009_cycle.sql's
 * triggers; the task's own rows from tasks_audit, which reads the
 * updated_by, actor and note set here. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/model.h"
#include "plancon/store_cycle.h"
#include "plancon/store_reports.h"
#include "plancon/xalloc.h"

/* ---- what the writers share ---------------------------------------------------- */

/* The report of a task for a period, as the writers read it. */
struct report_state {
	long long id, version;
	char state[12], status[16];
	int rev, progress, on_time;
	char *done_text, *problems, *next_steps, *updated_by, *updated_at;
	char period[CYCLE_KEY_LEN], due[11];
};

/* What a write puts into a report (its texts borrowed). */
struct report_values {
	char state[12], status[16];
	int rev, progress;
	const char *done_text, *problems, *next_steps;
};

static void
report_state_free(struct report_state *r)
{
	free(r->done_text);
	free(r->problems);
	free(r->next_steps);
	free(r->updated_by);
	free(r->updated_at);
	*r = (struct report_state){ 0 };
}

#define REPORT_COLS "id, version, state, status, rev, progress, ifnull(on_time, -1), done_text, problems, " \
	"next_steps, updated_by, updated_at, period, due"

static void
report_fill(sqlite3_stmt *st, struct report_state *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	store_col_copy(r->state, sizeof r->state, st, 2);
	store_col_copy(r->status, sizeof r->status, st, 3);
	r->rev = sqlite3_column_int(st, 4);
	r->progress = sqlite3_column_int(st, 5);
	r->on_time = sqlite3_column_int(st, 6);
	r->done_text = store_col_dup(st, 7);
	r->problems = store_col_dup(st, 8);
	r->next_steps = store_col_dup(st, 9);
	r->updated_by = store_col_dup(st, 10);
	r->updated_at = store_col_dup(st, 11);
	store_col_copy(r->period, sizeof r->period, st, 12);
	store_col_copy(r->due, sizeof r->due, st, 13);
}

/* The report of task task_id for period (NULL: its oldest submitted one)
 * into *r: ERR_OK, ERR_NOT_FOUND (r->id 0, e untouched) or an error. */
static enum err_code
report_load(struct store *s, long long task_id, const char *period, struct report_state *r, struct error *e)
{
	static const char by_period[] = "SELECT " REPORT_COLS " FROM reports WHERE task_id = ?1 AND period = ?2";
	static const char queued[] = "SELECT " REPORT_COLS " FROM reports WHERE task_id = ?1 AND state = 'submitted' "
		"ORDER BY period LIMIT 1";
	*r = (struct report_state){ 0 };
	sqlite3_stmt *st = store_stmt(s, period ? by_period : queued, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, task_id);
	if (period)
		store_bind_text(st, 2, period);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		report_fill(st, r);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ERR_OK;
	return rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(s, e, _("reading the report"));
}

static void
result_of(const struct report_state *r, struct report_result *out)
{
	snprintf(out->period, sizeof out->period, "%s", r->period);
	snprintf(out->due, sizeof out->due, "%s", r->due);
	snprintf(out->state, sizeof out->state, "%s", r->state);
	out->rev = r->rev;
	out->on_time = r->on_time;
	out->version = r->version;
}

/* A task a report may still be filed for: not cancelled, not closed, not
 * awaiting the office's verification. */
static enum err_code
task_reportable(const struct task_state *t, struct error *e)
{
	if (!strcmp(t->status, "cancelled"))
		return err_set(e, ERR_REFUSED, _("%s is cancelled: no report is filed for it"), t->code);
	if (!strcmp(t->status, "done"))
		return err_set(e, ERR_REFUSED, _("%s is done and verified: no report is filed for it (the office may "
		               "reopen it: plancon reopen)"), t->code);
	if (t->awaiting)
		return err_set(e, ERR_REFUSED, _("%s was reported done and awaits the office's verification: the office "
		               "verifies it (plancon verify) or reopens it first"), t->code);
	if (!t->lead)
		return err_set(e, ERR_REFUSED, _("%s has no lead department yet: nobody files its report"), t->code);
	return ERR_OK;
}

/* The period a report is for: key, or the period to report now; no
 * future period, none before the first (plancon(1), "Periods and
 * reports"). */
static enum err_code
period_resolve(struct store *s, const struct cycle_settings *cs, const char *key, struct cycle_period *p,
               struct error *e)
{
	char now[20];
	model_now_local(now);
	now[10] = '\0';
	return store_cycle_period(s, cs, now, key, p, e);
}

/* The opening of each report writer: load task code into *t, check that
 * who may do act (ACT_REPORT, ACT_REPORT_INPUT) on it and that a report may
 * still be filed for it, and resolve the period asked for into *p. */
static enum err_code
report_task(struct store *s, const struct identity *who, const struct cycle_settings *cs, int act, const char *code,
            const char *period, struct task_state *t, struct cycle_period *p, struct error *e)
{
	enum err_code c = store_task_load(s, code, t, e);
	if (c)
		return c;
	struct auth_task at = store_auth_task_of(t);
	if ((c = store_may(s, who, act, &at, e)) || (c = task_reportable(t, e)))
		return c;
	return period_resolve(s, cs, period, p, e);
}

/* Load task code and check that who may act as the office on it. */
static enum err_code
office_task(struct store *s, const struct identity *who, const char *code, struct task_state *t, struct error *e)
{
	enum err_code c = store_task_load(s, code, t, e);
	if (c)
		return c;
	struct auth_task at = store_auth_task_of(t);
	return store_may(s, who, ACT_OFFICE, &at, e);
}

/* The end of each report writer: free r and t, end the transaction with
 * c, and on failure leave *out empty. Returns the transaction's code. */
static enum err_code
report_end(struct store *s, enum err_code c, struct report_state *r, struct task_state *t, struct report_result *out,
           struct error *e)
{
	report_state_free(r);
	store_task_state_free(t);
	if ((c = store_end(s, c, e)))
		*out = (struct report_result){ .on_time = -1 };
	return c;
}

/* Bind a report's contents to ?i .. ?i+4: status, progress, what was
 * done, the problems and the next steps (reports and report_revisions
 * keep them in that order). */
static void
bind_contents(sqlite3_stmt *st, int i, const char *status, int progress, const char *done_text, const char *problems,
              const char *next_steps)
{
	store_bind_text(st, i, status);
	sqlite3_bind_int(st, i + 1, progress);
	store_bind_text(st, i + 2, done_text);
	store_bind_text(st, i + 3, problems);
	store_bind_text(st, i + 4, next_steps);
}

/* Bind the first submission's local time and whether it is on time
 * against due to ?i and ?i+1; NULLs when this is not the first. */
static void
bind_first(sqlite3_stmt *st, int i, bool first, const char *local, const char *due)
{
	store_bind_text(st, i, first ? local : NULL);
	if (first)
		sqlite3_bind_int(st, i + 1, cycle_on_time(local, due));
	else
		sqlite3_bind_null(st, i + 1);
}

/* Save a new report of task t for period p with v (a draft, or
 * submitted). Local times are model_now_local's: the session's time zone
 * ([core] time_zone). */
static enum err_code
report_insert(struct store *s, const struct identity *who, const struct cycle_settings *cs,
              const struct task_state *t, const struct cycle_period *p, const struct report_values *v,
              struct report_state *r, struct error *e)
{
	static const char ins[] =
		"INSERT INTO reports (task_id, period, dept_id, due, state, rev, status, progress, done_text, problems, "
		"next_steps, first_local, on_time, updated_at, updated_by, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		"?9, ?10, ?11, ?12, ?13, " SQL_NOW ", ?14, ?15) RETURNING " REPORT_COLS;
	char due[11], local[20];
	if (!cycle_report_due(p, cs->due_day, due))
		return err_set(e, ERR_INVALID, _("period %s: no due date with due day %d"), p->key, cs->due_day);
	model_now_local(local);
	bool submit = !strcmp(v->state, "submitted");
	sqlite3_stmt *st = store_stmt(s, ins, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, t->id);
	store_bind_text(st, 2, p->key);
	sqlite3_bind_int64(st, 3, t->lead);
	store_bind_text(st, 4, due);
	store_bind_text(st, 5, v->state);
	sqlite3_bind_int(st, 6, submit ? 1 : 0);
	bind_contents(st, 7, v->status, v->progress, v->done_text, v->problems, v->next_steps);
	bind_first(st, 12, submit, local, due);
	store_bind_text(st, 14, who->name);
	store_bind_text(st, 15, who->actor);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		report_fill(st, r);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ERR_OK : store_fail(s, e, _("saving the report"));
}

/* The report of task t for period p into *r; when there is none, made
 * (*made true) as a draft of the task's status and progress with empty
 * texts, as an input or an evidence file to a report not yet written
 * needs. */
static enum err_code
report_find_or_draft(struct store *s, const struct identity *who, const struct cycle_settings *cs,
                     const struct task_state *t, const struct cycle_period *p, struct report_state *r, bool *made,
                     struct error *e)
{
	enum err_code c = report_load(s, t->id, p->key, r, e);
	*made = false;
	if (c != ERR_NOT_FOUND)
		return c;
	if (!t->lead)
		return err_set(e, ERR_REFUSED, _("%s has no lead department to report it"), t->code);
	struct report_values v = { .progress = t->progress, .done_text = "", .problems = "", .next_steps = "" };
	snprintf(v.state, sizeof v.state, "draft");
	snprintf(v.status, sizeof v.status, "%s", t->status);
	*made = true;
	return report_insert(s, who, cs, t, p, &v, r, e);
}

enum err_code
store_report_find_or_draft(struct store *s, const struct identity *who, const struct cycle_settings *cs,
                           const struct task_state *t, const struct cycle_period *p, long long *id, bool *accepted,
                           bool *made, struct error *e)
{
	struct report_state r;
	enum err_code c = report_find_or_draft(s, who, cs, t, p, &r, made, e);
	*id = c ? 0 : r.id;
	*accepted = !c && !strcmp(r.state, "accepted");
	report_state_free(&r);
	return c;
}

/* Write v's state, rev and contents over report r (version + 1); a first
 * submission sets first_local and on_time. */
static enum err_code
report_update(struct store *s, const struct identity *who, const struct report_values *v, struct report_state *r,
              struct error *e)
{
	static const char upd[] =
		"UPDATE reports SET state = ?1, rev = ?2, status = ?3, progress = ?4, done_text = ?5, problems = ?6, "
		"next_steps = ?7, first_local = ifnull(first_local, ?8), on_time = ifnull(on_time, ?9), "
		"version = version + 1, updated_at = " SQL_NOW ", updated_by = ?10, actor = ?11 "
		"WHERE id = ?12 AND version = ?13 RETURNING " REPORT_COLS;
	char local[20];
	model_now_local(local);
	bool first = v->rev == 1 && r->rev == 0;
	sqlite3_stmt *st = store_stmt(s, upd, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, v->state);
	sqlite3_bind_int(st, 2, v->rev);
	bind_contents(st, 3, v->status, v->progress, v->done_text, v->problems, v->next_steps);
	bind_first(st, 8, first, local, r->due);
	store_bind_text(st, 10, who->name);
	store_bind_text(st, 11, who->actor);
	sqlite3_bind_int64(st, 12, r->id);
	sqlite3_bind_int64(st, 13, r->version);
	struct report_state now = { 0 };
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		report_fill(st, &now);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		report_state_free(&now);
		return store_fail(s, e, _("saving the report"));
	}
	report_state_free(r);
	*r = now;
	return ERR_OK;
}

/* Record submission r->rev of report r (its current contents). */
static enum err_code
revision_add(struct store *s, const struct identity *who, const struct report_state *r, struct error *e)
{
	static const char ins[] =
		"INSERT INTO report_revisions (report_id, rev, status, progress, done_text, problems, next_steps, at, "
		"local, who, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " SQL_NOW ", ?8, ?9, ?10)";
	char local[20];
	model_now_local(local);
	sqlite3_stmt *st = store_stmt(s, ins, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int(st, 2, r->rev);
	bind_contents(st, 3, r->status, r->progress, r->done_text, r->problems, r->next_steps);
	store_bind_text(st, 8, local);
	store_bind_text(st, 9, who->name);
	store_bind_text(st, 10, who->actor);
	return store_step_done(s, st, _("saving the report"), e);
}

/* Set task t's status, progress and awaiting (version + 1, with who and
 * note for tasks_audit); nothing when none of them differs. */
static enum err_code
task_set(struct store *s, const struct identity *who, const struct task_state *t, const char *status, int progress,
         bool awaiting, const char *note, struct write_result *r, struct error *e)
{
	static const char upd[] =
		"UPDATE tasks SET status = ?1, progress = ?2, awaiting = ?3, note = ?4, version = version + 1, "
		"updated_by = ?5, actor = ?6, updated_at = " SQL_NOW " WHERE id = ?7 AND version = ?8 "
		"RETURNING version, updated_at";
	if (r)
		*r = (struct write_result){ .version = t->version };
	if (!strcmp(status, t->status) && progress == t->progress && awaiting == t->awaiting)
		return ERR_OK;
	sqlite3_stmt *st = store_stmt(s, upd, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, status);
	sqlite3_bind_int(st, 2, progress);
	sqlite3_bind_int(st, 3, awaiting);
	store_bind_text(st, 4, note ? note : "");
	store_bind_text(st, 5, who->name);
	store_bind_text(st, 6, who->actor);
	sqlite3_bind_int64(st, 7, t->id);
	sqlite3_bind_int64(st, 8, t->version);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && r) {
		r->changed = true;
		r->version = sqlite3_column_int64(st, 0);
		store_col_copy(r->at, sizeof r->at, st, 1);
	}
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, _("saving the task"));
}

/* A closings row: event of task task_id (report_id 0: none). */
static enum err_code
closing_add(struct store *s, const struct identity *who, long long task_id, const char *event, long long report_id,
            const char *note, struct error *e)
{
	static const char ins[] =
		"INSERT INTO closings (task_id, event, report_id, note, local, at, who, actor) "
		"VALUES (?1, ?2, ?3, ?4, ?5, " SQL_NOW ", ?6, ?7)";
	char local[20];
	model_now_local(local);
	sqlite3_stmt *st = store_stmt(s, ins, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, task_id);
	store_bind_text(st, 2, event);
	if (report_id)
		sqlite3_bind_int64(st, 3, report_id);
	else
		sqlite3_bind_null(st, 3);
	store_bind_text(st, 4, note ? note : "");
	store_bind_text(st, 5, local);
	store_bind_text(st, 6, who->name);
	store_bind_text(st, 7, who->actor);
	return store_step_done(s, st, _("saving the closing"), e);
}

/* One of a report's texts, checked: NULL is left as it is. */
static enum err_code
text_ok(const char *what, const char *text, struct error *e)
{
	return text ? store_check_text(what, text, STORE_REPORT_TEXT_MAX, true, e) : ERR_OK;
}

/* ---- save and submit ------------------------------------------------------------- */

static enum err_code
submit_check(const struct report_submit *r, int *status, struct error *e)
{
	*status = -1;
	if (r->status && (*status = task_status_parse(r->status)) < 0)
		return err_set(e, ERR_INVALID, _("unknown status \"%s\" (not_started, in_progress, done, blocked)"),
		               r->status);
	if (*status == TS_CANCELLED)
		return err_set(e, ERR_INVALID, _("%s: a report does not cancel a task (an editor of its lead department "
		               "does: plancon set --status cancelled)"), r->code);
	if (r->progress < -1 || r->progress > 100)
		return err_set(e, ERR_INVALID, _("progress %d: expected a whole number from 0 to 100"), r->progress);
	if (*status == TS_DONE && r->progress >= 0 && r->progress != 100)
		return err_set(e, ERR_INVALID, _("%s: done means 100 %%; progress %d does not fit (leave --progress out, "
		               "or give 100)"), r->code, r->progress);
	enum err_code c;
	if ((c = text_ok(_("progress made (--done)"), r->done_text, e)) ||
	    (c = text_ok(_("problems (--problems)"), r->problems, e)) ||
	    (c = text_ok(_("next steps (--next)"), r->next_steps, e)))
		return c;
	return ERR_OK;
}

/* Whether report old may be saved or submitted again. */
static enum err_code
report_open(const struct task_state *t, const struct report_state *old, long long base, struct error *e)
{
	if (old->id && !strcmp(old->state, "accepted"))
		return err_set(e, ERR_REFUSED, _("%s: the %s report is accepted: a correction goes into the next "
		               "period's report"), t->code, old->period);
	if (old->id && !strcmp(old->state, "submitted"))
		return err_set(e, ERR_REFUSED, _("%s: the %s report was submitted and is waiting for the office's "
		               "review"), t->code, old->period);
	if (base && !old->id)
		return err_set(e, ERR_CONFLICT, _("%s: there is no report to be at version %lld; nothing was saved"),
		               t->code, base);
	if (base && base != old->version)
		return err_set(e, ERR_CONFLICT, _("%s: the report was saved by %s at %s (now version %lld, you had "
		               "version %lld); nothing was saved. Look at it again (plancon show %s)"), t->code,
		               old->updated_by, old->updated_at, old->version, base, t->code);
	return ERR_OK;
}

/* The report's new contents: what r gives, else what old holds, else the
 * task's status and progress and empty texts. */
static void
report_values(const struct report_submit *r, int status, const struct task_state *t, const struct report_state *old,
              struct report_values *v)
{
	snprintf(v->state, sizeof v->state, "%s", r->draft ? "draft" : "submitted");
	snprintf(v->status, sizeof v->status, "%s",
	         status >= 0 ? task_status_key((enum task_status)status) : old->id ? old->status : t->status);
	v->progress = r->progress >= 0 ? r->progress : old->id ? old->progress : t->progress;
	if (status == TS_DONE)
		v->progress = 100;
	v->done_text = r->done_text ? r->done_text : old->id ? old->done_text : "";
	v->problems = r->problems ? r->problems : old->id ? old->problems : "";
	v->next_steps = r->next_steps ? r->next_steps : old->id ? old->next_steps : "";
	v->rev = r->draft ? old->rev : old->rev + 1;
}

/* After a submission: the task's status and progress as reported; done
 * waits for the office (awaiting, and a closings row). */
static enum err_code
task_as_reported(struct store *s, const struct identity *who, const struct task_state *t,
                 const struct report_state *r, struct error *e)
{
	bool done = !strcmp(r->status, "done");
	enum err_code c = task_set(s, who, t, done ? "in_progress" : r->status, done ? 100 : r->progress, done, NULL,
	                           NULL, e);
	if (!c && done)
		c = closing_add(s, who, t->id, "done_reported", r->id, NULL, e);
	return c;
}

enum err_code
store_report_submit(struct store *s, const struct identity *who, const struct cycle_settings *cs,
                    const struct report_submit *r, struct report_result *out, struct error *e)
{
	struct report_result dummy;
	if (!out)
		out = &dummy;
	*out = (struct report_result){ .on_time = -1 };
	int status;
	enum err_code c = submit_check(r, &status, e);
	if (c)
		return c;
	if ((c = store_begin_write(s, e)))
		return c;
	struct task_state t;
	struct report_state old = { 0 };
	struct cycle_period p;
	if ((c = report_task(s, who, cs, ACT_REPORT, r->code, r->period, &t, &p, e)))
		goto out;
	if ((c = report_load(s, t.id, p.key, &old, e)) == ERR_NOT_FOUND)
		c = ERR_OK;
	if (c || (c = report_open(&t, &old, r->base_version, e)))
		goto out;
	struct report_values v = { 0 };
	report_values(r, status, &t, &old, &v);
	if (!old.id) {
		c = report_insert(s, who, cs, &t, &p, &v, &old, e);
	} else if (r->draft && !strcmp(old.state, "draft") && !strcmp(v.status, old.status) &&
	           v.progress == old.progress && !strcmp(v.done_text, old.done_text) &&
	           !strcmp(v.problems, old.problems) && !strcmp(v.next_steps, old.next_steps)) {
		result_of(&old, out);
		goto out;            /* the same draft: nothing to write */
	} else {
		if (r->draft)
			snprintf(v.state, sizeof v.state, "%s", old.state);   /* a returned report stays returned */
		c = report_update(s, who, &v, &old, e);
	}
	if (!c && !r->draft)
		c = revision_add(s, who, &old, e);
	if (!c && !r->draft)
		c = task_as_reported(s, who, &t, &old, e);
	if (!c) {
		result_of(&old, out);
		out->changed = true;
		out->awaiting = !r->draft && !strcmp(old.status, "done");
	}
out:
	return report_end(s, c, &old, &t, out, e);
}

/* ---- input from a cooperating department ------------------------------------------- */

/* The department an input of who's to task t is kept for: who's first
 * that cooperates on t, else (an administrator) t's first. */
static long long
input_dept(const struct identity *who, const struct task_state *t)
{
	for (size_t i = 0; i < who->ndepts; i++)
		if (store_ids_have(t->coop, t->ncoop, who->depts[i]))
			return who->depts[i];
	return t->ncoop ? t->coop[0] : 0;
}

enum err_code
store_report_input(struct store *s, const struct identity *who, const struct cycle_settings *cs, const char *code,
                   const char *period, const char *text, struct report_result *out, struct error *e)
{
	static const char ins[] =
		"INSERT INTO report_inputs (report_id, dept_id, text, at, who, actor) VALUES (?1, ?2, ?3, " SQL_NOW
		", ?4, ?5)";
	struct report_result dummy;
	if (!out)
		out = &dummy;
	*out = (struct report_result){ .on_time = -1 };
	if (store_blank(text))
		return err_set(e, ERR_INVALID, _("%s: the input is empty"), code);
	enum err_code c = text_ok(_("input"), text, e);
	if (c || (c = store_begin_write(s, e)))
		return c;
	struct task_state t;
	struct report_state rep = { 0 };
	struct cycle_period p;
	if ((c = report_task(s, who, cs, ACT_REPORT_INPUT, code, period, &t, &p, e)))
		goto out;
	long long dept = input_dept(who, &t);
	if (!dept) {
		c = err_set(e, ERR_REFUSED, _("%s has no cooperating department to add input for"), t.code);
		goto out;
	}
	bool made;
	if (!(c = report_find_or_draft(s, who, cs, &t, &p, &rep, &made, e)) && !strcmp(rep.state, "accepted")) {
		c = err_set(e, ERR_REFUSED, _("%s: the %s report is accepted: a correction goes into the next "
		            "period's report"), t.code, rep.period);
	}
	sqlite3_stmt *st;
	if (c || !(st = store_stmt(s, ins, e))) {
		c = c ? c : e->code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, rep.id);
	sqlite3_bind_int64(st, 2, dept);
	store_bind_text(st, 3, text);
	store_bind_text(st, 4, who->name);
	store_bind_text(st, 5, who->actor);
	if (!(c = store_step_done(s, st, _("saving the input"), e))) {
		result_of(&rep, out);
		out->changed = true;
	}
out:
	return report_end(s, c, &rep, &t, out, e);
}

/* ---- the office's review ---------------------------------------------------------------- */

/* Whether report r (period: as asked, NULL: any) may be reviewed. */
static enum err_code
reviewable(const struct task_state *t, const char *period, enum err_code found, const struct report_state *r,
           struct error *e)
{
	if (found == ERR_NOT_FOUND)
		return period ? err_set(e, ERR_NOT_FOUND, _("%s has no report for %s"), t->code, period)
		              : err_set(e, ERR_NOT_FOUND, _("%s: no report of it is waiting for review"), t->code);
	if (!strcmp(r->state, "draft"))
		return err_set(e, ERR_REFUSED, _("%s: the %s report is a draft: it has not been submitted"), t->code,
		               r->period);
	if (!strcmp(r->state, "returned"))
		return err_set(e, ERR_REFUSED, _("%s: the %s report was returned and has not been submitted again"),
		               t->code, r->period);
	if (!strcmp(r->state, "accepted"))
		return err_set(e, ERR_REFUSED, _("%s: the %s report is already accepted"), t->code, r->period);
	return ERR_OK;
}

static enum err_code
review_write(struct store *s, const struct identity *who, struct report_state *r, bool accept, const char *reason,
             struct error *e)
{
	static const char ins[] =
		"INSERT INTO reviews (report_id, rev, decision, reason, at, who, actor) VALUES (?1, ?2, ?3, ?4, " SQL_NOW
		", ?5, ?6)";
	static const char upd[] =
		"UPDATE reports SET state = ?1, version = version + 1, updated_at = " SQL_NOW ", updated_by = ?2, "
		"actor = ?3 WHERE id = ?4 AND version = ?5 RETURNING version";
	sqlite3_stmt *st = store_stmt(s, ins, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int(st, 2, r->rev);
	store_bind_text(st, 3, accept ? "accept" : "return");
	store_bind_text(st, 4, reason ? reason : "");
	store_bind_text(st, 5, who->name);
	store_bind_text(st, 6, who->actor);
	enum err_code c = store_step_done(s, st, _("saving the review"), e);
	if (c || !(st = store_stmt(s, upd, e)))
		return c ? c : e->code;
	const char *state = accept ? "accepted" : "returned";
	store_bind_text(st, 1, state);
	store_bind_text(st, 2, who->name);
	store_bind_text(st, 3, who->actor);
	sqlite3_bind_int64(st, 4, r->id);
	sqlite3_bind_int64(st, 5, r->version);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->version = sqlite3_column_int64(st, 0);
		snprintf(r->state, sizeof r->state, "%s", state);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, _("saving the review"));
}

enum err_code
store_report_review(struct store *s, const struct identity *who, const char *code, const char *period, bool accept,
                    const char *reason, struct report_result *out, struct error *e)
{
	struct report_result dummy;
	if (!out)
		out = &dummy;
	*out = (struct report_result){ .on_time = -1 };
	if (store_blank(reason))
		reason = NULL;
	if (!accept && !reason)
		return err_set(e, ERR_INVALID, _("%s: returning a report needs a reason (--reason)"), code);
	struct cycle_period p;
	if (period && store_cycle_period_parse(NULL, period, &p, e))
		return e->code;
	enum err_code c = text_ok(accept ? _("note") : _("reason"), reason, e);
	if (c || (c = store_begin_write(s, e)))
		return c;
	struct task_state t;
	struct report_state r = { 0 };
	if ((c = office_task(s, who, code, &t, e)))
		goto out;
	enum err_code found = report_load(s, t.id, period, &r, e);
	if ((found && found != ERR_NOT_FOUND && (c = found)) || (c = reviewable(&t, period, found, &r, e)) ||
	    (c = review_write(s, who, &r, accept, reason, e)))
		goto out;
	/* The report that claimed done goes back: the task no longer waits. */
	if (!accept && !strcmp(r.status, "done") && t.awaiting)
		c = task_set(s, who, &t, t.status, t.progress, false, NULL, NULL, e);
	if (!c) {
		result_of(&r, out);
		out->changed = true;
		out->awaiting = accept && t.awaiting;
	}
out:
	return report_end(s, c, &r, &t, out, e);
}

/* ---- verified closing ----------------------------------------------------------------- */

/* The latest report of task t that claimed done: its id, state and period. */
static enum err_code
done_report(struct store *s, const struct task_state *t, long long *id, char state[12], char period[CYCLE_KEY_LEN],
            struct error *e)
{
	static const char sql[] =
		"SELECT id, state, period FROM reports WHERE task_id = ?1 AND status = 'done' ORDER BY period DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, t->id);
	*id = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		store_col_copy(state, 12, st, 1);
		store_col_copy(period, CYCLE_KEY_LEN, st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, _("reading the reports"));
}

enum err_code
store_task_verify(struct store *s, const struct identity *who, const char *code, const char *note,
                  struct write_result *r, struct error *e)
{
	struct write_result dummy;
	if (!r)
		r = &dummy;
	*r = (struct write_result){ 0 };
	if (store_blank(note))
		note = NULL;
	enum err_code c = text_ok(_("note"), note, e);
	if (c || (c = store_begin_write(s, e)))
		return c;
	struct task_state t;
	long long rid = 0;
	char state[12] = "", period[CYCLE_KEY_LEN] = "";
	if ((c = office_task(s, who, code, &t, e)))
		goto out;
	if (!t.awaiting) {
		c = !strcmp(t.status, "done")
		    ? err_set(e, ERR_REFUSED, _("%s is already verified done"), t.code)
		    : err_set(e, ERR_REFUSED, _("%s has not been reported done: its lead department reports it done first "
		              "(plancon submit --status done)"), t.code);
		goto out;
	}
	if ((c = done_report(s, &t, &rid, state, period, e)))
		goto out;
	if (rid && strcmp(state, "accepted")) {
		c = err_set(e, ERR_REFUSED, _("%s: the %s report that says it is done is not accepted yet: accept it "
		            "first (plancon review accept %s)"), t.code, period, t.code);
		goto out;
	}
	if (!(c = task_set(s, who, &t, "done", 100, false, note, r, e)))
		c = closing_add(s, who, t.id, "verified", rid, note, e);
out:
	store_task_state_free(&t);
	if ((c = store_end(s, c, e)))
		*r = (struct write_result){ 0 };
	return c;
}

enum err_code
store_task_reopen(struct store *s, const struct identity *who, const char *code, const char *reason,
                  struct write_result *r, struct error *e)
{
	struct write_result dummy;
	if (!r)
		r = &dummy;
	*r = (struct write_result){ 0 };
	if (store_blank(reason))
		return err_set(e, ERR_INVALID, _("%s: reopening a task needs a reason (--reason)"), code);
	enum err_code c = text_ok(_("reason"), reason, e);
	if (c || (c = store_begin_write(s, e)))
		return c;
	struct task_state t;
	if ((c = office_task(s, who, code, &t, e)))
		goto out;
	if (strcmp(t.status, "done") && !t.awaiting) {
		c = err_set(e, ERR_REFUSED, _("%s is neither done nor awaiting verification: there is nothing to reopen"),
		            t.code);
		goto out;
	}
	if (!(c = task_set(s, who, &t, "in_progress", t.progress, false, reason, r, e)))
		c = closing_add(s, who, t.id, "reopened", 0, reason, e);
out:
	store_task_state_free(&t);
	if ((c = store_end(s, c, e)))
		*r = (struct write_result){ 0 };
	return c;
}
