/* store_write: the writes to tasks (status, progress and notes, milestones,
 * assignments: store_tasks.h), the permission check every writer makes,
 * and the checks the writers share (internal.h).
 *
 * Every write is one BEGIN IMMEDIATE transaction: it takes the write lock
 * first (waiting up to the busy timeout), then reads the row, checks the
 * permission and the version on what it read, and writes. Because the lock
 * is held from the first read, the optimistic version check and the
 * permission check see exactly the row that gets written. The change log
 * rows come from triggers (db/migrations/0002_users_audit.sql, and
 * 0007_actor.sql); this file only sets the columns they read: updated_by,
 * note, added_by, and beside each of them actor (who->actor: who really
 * acts for who->name, or NULL), in every statement that sets them. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/auth.h"
#include "plancon/model.h"
#include "plancon/store_plan.h"
#include "plancon/store_tasks.h"
#include "plancon/store_users.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

/* ---- checks shared by the writers ---------------------------------------------- */

enum err_code
store_check_text_len(const char *what, const char *text, size_t len, size_t max_chars, bool multiline,
                     struct error *e)
{
	/* A NUL (text from SQL or JSON may hold one) is a control character,
	 * found by the loop below; what comes before it must be UTF-8. */
	const char *nul = memchr(text, '\0', len);
	if (!text_valid_utf8(text, nul ? (size_t)(nul - text) : len))
		return err_set(e, ERR_INVALID, _("%s: not valid UTF-8 text"), what);
	size_t chars = 0;
	for (size_t i = 0, n; i < len; i += n) {
		long cp = text_utf8_next(text + i, len - i, &n);
		chars++;
		bool c0 = cp >= 0 && cp < 0x20 && !(multiline && (cp == '\n' || cp == '\t'));
		if (c0 || (cp >= 0x7f && cp <= 0x9f))
			return err_set(e, ERR_INVALID, _("%s: character %zu is a control character (U+%04X)%s"), what, chars,
			               (unsigned)cp, multiline ? _("; only line breaks and tabs are allowed") : "");
	}
	if (chars > max_chars)
		return err_set(e, ERR_INVALID, _("%s: %zu characters; at most %zu are allowed"), what, chars, max_chars);
	return ERR_OK;
}

enum err_code
store_check_text(const char *what, const char *text, size_t max_chars, bool multiline, struct error *e)
{
	return store_check_text_len(what, text, strlen(text), max_chars, multiline, e);
}

enum err_code
store_begin_write(struct store *s, struct error *e)
{
	enum err_code c = ERR_BUSY;
	for (int i = 0; i < 6 && c == ERR_BUSY; i++)
		c = store_begin(s, e);
	return c;
}

bool
store_ids_have(const long long *v, size_t n, long long x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

bool
store_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

/* Is what was read into who still what the database holds? (An identity
 * not read by store_identity_load has no stamp: never.) */
static bool
identity_fresh(struct store *s, const struct identity *who)
{
	long long now[2];
	store_identity_stamp(s, now);
	return who->loaded_at[0] > 0 && now[0] == who->loaded_at[0] && now[1] == who->loaded_at[1];
}

enum err_code
store_may(struct store *s, const struct identity *who, int act, const struct auth_task *t, struct error *e)
{
	if (!who || !who->name)
		return err_set(e, ERR_REFUSED, _("no user: nothing was changed"));
	/* The role is the database's now: read again only when the database has
	 * changed since who was read. The policy who was settled under, and the
	 * read-only state of the file, still hold. */
	bool fresh = identity_fresh(s, who);
	struct identity now = { 0 };
	enum err_code c = ERR_OK;
	if (fresh) {
		now = *who;
		now.readonly_db = who->readonly_db || store_readonly(s);
		c = auth_check(&now, (enum auth_action)act, t, e);
	} else {
		c = store_identity_load(s, who->name, &now, e);
		if (!c) {
			struct auth_policy p = { .unknown_none = who->unknown_none, .contact = who->contact };
			auth_identity_settle(&now, &p, who->readonly_db || store_readonly(s));
			/* The cycle's settings are the session's, not the store's. */
			now.cycle_on = who->cycle_on;
			now.office = who->office;
			now.office_name = who->office_name ? xstrdup(who->office_name) : NULL;
			c = auth_check(&now, (enum auth_action)act, t, e);
		}
		identity_free(&now);
	}
	if (!c && who->actor && !(fresh && who->actor_admin)) {
		/* Acting as another user is an administrator's, now as when it began. */
		struct identity by = { 0 };
		c = store_identity_load(s, who->actor, &by, e);
		if (!c && (!by.known || by.role != AUTH_ROLE_ADMIN))
			c = err_set(e, ERR_REFUSED, _("%s is no longer an administrator, and only an administrator may act "
			            "as another user (--user %s): nothing was changed"), who->actor, who->name);
		identity_free(&by);
	}
	return c;
}

static void
result_init(struct write_result *r)
{
	*r = (struct write_result){ 0 };
}

enum err_code
store_step_done(struct store *s, sqlite3_stmt *st, const char *what, struct error *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? ERR_OK : store_fail(s, e, what);
}

/* ---- a task as the writers see it ---------------------------------------------------- */


void
store_task_state_free(struct task_state *t)
{
	free(t->code);
	free(t->status);
	free(t->updated_by);
	free(t->updated_at);
	free(t->lead_short);
	free(t->start_date);
	free(t->due_date);
	free(t->original_due);
	free(t->coop);
	*t = (struct task_state){ 0 };
}

static char *
dup_col(sqlite3_stmt *st, int i)
{
	const char *v = store_col(st, i);
	return v ? xstrdup(v) : NULL;
}

enum err_code
store_no_task(struct error *e, const char *code)
{
	return err_set(e, ERR_NOT_FOUND, _("no task \"%s\" (plancon tasks lists them)"), code);
}

enum err_code
store_task_id(struct store *s, const char *code, long long *id, struct error *e)
{
	enum err_code c = store_id_of(s, "SELECT id FROM tasks WHERE code = ?1", code, id, e);
	return c == ERR_NOT_FOUND ? store_no_task(e, code) : c;
}

enum err_code
store_task_load(struct store *s, const char *code, struct task_state *t, struct error *e)
{
	static const char sql[] =
		"SELECT t.id, t.version, ifnull(t.lead_dept_id, 0), t.progress, t.provisional, t.code, t.status, "
		"t.updated_by, t.updated_at, d.short, t.start_date, t.due_date, t.original_due, t.awaiting FROM tasks t LEFT JOIN departments d ON d.id = t.lead_dept_id "
		"WHERE t.code = ?1";
	static const char coop_sql[] = "SELECT dept_id FROM task_coop WHERE task_id = ?1 ORDER BY dept_id";
	*t = (struct task_state){ 0 };
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, code);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t->id = sqlite3_column_int64(st, 0);
		t->version = sqlite3_column_int64(st, 1);
		t->lead = sqlite3_column_int64(st, 2);
		t->progress = sqlite3_column_int(st, 3);
		t->provisional = sqlite3_column_int(st, 4) != 0;
		t->code = dup_col(st, 5);
		t->status = dup_col(st, 6);
		t->updated_by = dup_col(st, 7);
		t->updated_at = dup_col(st, 8);
		t->lead_short = dup_col(st, 9);
		t->start_date = dup_col(st, 10);
		t->due_date = dup_col(st, 11);
		t->original_due = dup_col(st, 12);
		t->awaiting = sqlite3_column_int(st, 13) != 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return store_no_task(e, code);
	if (rc != SQLITE_ROW)
		return store_fail(s, e, _("reading the task"));
	if (!(st = store_stmt(s, coop_sql, e)))
		return e->code;
	sqlite3_bind_int64(st, 1, t->id);
	size_t cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (t->ncoop == cap) {
			cap = cap ? cap * 2 : 8;
			t->coop = xrealloc(t->coop, cap * sizeof *t->coop);
		}
		t->coop[t->ncoop++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, _("reading the task"));
}

struct auth_task
store_auth_task_of(const struct task_state *t)
{
	return (struct auth_task){ .lead_dept = t->lead, .coop = t->coop, .ncoop = t->ncoop,
	                           .code = t->code, .lead_name = t->lead_short };
}

/* "3.2.3 was changed by alice at ... (now version 5)". */
static enum err_code
conflict(const struct task_state *t, long long base, struct error *e)
{
	if (!t->updated_by)
		return err_set(e, ERR_CONFLICT, _("%s is at version %lld, not %lld; nothing was saved"), t->code,
		               t->version, base);
	return err_set(e, ERR_CONFLICT, _("%s was changed by %s at %s (now version %lld, you had version %lld); "
	               "nothing was saved. Look at it again and reapply your change"), t->code, t->updated_by,
	               t->updated_at ? t->updated_at : "?", t->version, base);
}

/* ---- tasks ----------------------------------------------------------------------------- */

enum err_code
store_task_may(struct store *s, const struct identity *who, const char *code, enum auth_action act,
               struct error *e)
{
	struct task_state t;
	enum err_code c = store_task_load(s, code, &t, e);
	if (!c) {
		struct auth_task at = store_auth_task_of(&t);
		c = store_may(s, who, act, &at, e);
	}
	store_task_state_free(&t);
	return c;
}

enum err_code
store_task_update(struct store *s, const struct identity *who, const struct task_update *u,
                  struct write_result *r, struct error *e)
{
	static const char upd[] =
		"UPDATE tasks SET status = ?1, progress = ?2, note = ?3, version = version + 1, updated_by = ?4, "
		"actor = ?7, updated_at = " SQL_NOW " WHERE id = ?5 AND version = ?6 RETURNING version, updated_at";
	struct write_result dummy;
	if (!r)
		r = &dummy;
	result_init(r);
	int want = -1;
	if (u->status && (want = task_status_parse(u->status)) < 0)
		return err_set(e, ERR_INVALID, _("unknown status \"%s\" (not_started, in_progress, done, blocked, cancelled)"),
		               u->status);
	if (u->progress < -1 || u->progress > 100)
		return err_set(e, ERR_INVALID, _("progress %d: expected a whole number from 0 to 100"), u->progress);
	const char *note = store_blank(u->note) ? NULL : u->note;
	if (note && store_check_text(_("note"), note, STORE_NOTE_MAX, true, e))
		return e->code;
	if (want < 0 && u->progress < 0 && !note)
		return err_set(e, ERR_INVALID, _("%s: nothing to change: give a status, a progress or a note"), u->code);
	enum auth_action act = want >= 0 || u->progress >= 0 ? ACT_SET_STATUS : ACT_NOTE;

	enum err_code c = store_begin_write(s, e);
	if (c)
		return c;
	struct task_state t;
	if ((c = store_task_load(s, u->code, &t, e)))
		goto out;
	struct auth_task at = store_auth_task_of(&t);
	if ((c = store_may(s, who, act, &at, e)))
		goto out;
	if (u->base_version && u->base_version != t.version) {
		c = conflict(&t, u->base_version, e);
		goto out;
	}
	const char *status = want >= 0 ? task_status_key((enum task_status)want) : t.status;
	bool status_changes = strcmp(status, t.status) != 0;
	int progress = u->progress >= 0 ? u->progress : t.progress;
	if (!strcmp(status, "done") && u->progress < 0)
		progress = 100;
	if (!strcmp(status, "done") && progress != 100) {
		c = err_set(e, ERR_INVALID, status_changes || want >= 0
		            ? _("%s: done means 100 %%; progress %d does not fit (leave --progress out, or give 100)")
		            : _("%s is done, which means 100 %%; to lower its progress to %d, change its status too"),
		            t.code, progress);
		goto out;
	}
	if (status_changes && !strcmp(status, "done") && who->cycle_on && who->role != AUTH_ROLE_ADMIN) {
		/* With the supervision cycle on, the office closes a task (verified closing). */
		c = err_set(e, ERR_REFUSED, _("%s: report it done with plancon submit; the office verifies it"), t.code);
		goto out;
	}
	if (status_changes && !strcmp(status, "cancelled") && !note) {
		c = err_set(e, ERR_INVALID, _("%s: cancelling a task needs a note saying why"), t.code);
		goto out;
	}
	if (!status_changes && progress == t.progress && !note) {
		r->version = t.version;
		goto out;            /* nothing differs: nothing to write, nothing to log */
	}
	sqlite3_stmt *st = store_stmt(s, upd, e);
	if (!st) {
		c = e->code;
		goto out;
	}
	store_bind_text(st, 1, status);
	sqlite3_bind_int(st, 2, progress);
	store_bind_text(st, 3, note ? note : "");
	store_bind_text(st, 4, who->name);
	sqlite3_bind_int64(st, 5, t.id);
	sqlite3_bind_int64(st, 6, t.version);
	store_bind_text(st, 7, who->actor);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->changed = true;
		r->version = sqlite3_column_int64(st, 0);
		snprintf(r->at, sizeof r->at, "%s", store_col(st, 1) ? store_col(st, 1) : "");
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		c = store_fail(s, e, _("saving the task"));
	else if (!r->changed)
		c = conflict(&t, t.version, e);   /* cannot happen under the write lock; checked anyway */
out:
	store_task_state_free(&t);
	if ((c = store_end(s, c, e)))
		result_init(r);
	return c;
}

/* ---- milestones ------------------------------------------------------------------------- */

enum err_code
store_milestone_set(struct store *s, const struct identity *who, const char *code, int year, int quarter,
                    const char *status, const char *note, struct write_result *r, struct error *e)
{
	static const char find[] =
		"SELECT id, status FROM milestones WHERE task_id = ?1 AND year = ?2 AND quarter IS ?3";
	static const char list[] =
		"SELECT group_concat(p, ', ') FROM (SELECT year || ifnull('-Q' || quarter, '') p FROM milestones "
		"WHERE task_id = ?1 ORDER BY year, ifnull(quarter, 5))";
	static const char upd[] =
		"UPDATE milestones SET status = ?1, note = ?2, updated_by = ?3, actor = ?5, updated_at = " SQL_NOW
		" WHERE id = ?4 RETURNING updated_at";
	struct write_result dummy;
	if (!r)
		r = &dummy;
	result_init(r);
	int want = milestone_status_parse(status);
	if (want < 0)
		return err_set(e, ERR_INVALID, _("unknown milestone status \"%s\" (pending, done, missed)"), status ? status : "");
	if (year < 1900 || year > 2200 || quarter < 0 || quarter > 4)
		return err_set(e, ERR_INVALID, _("%d-Q%d: expected a year (1900-2200) and a quarter 1-4"), year, quarter);
	if (store_blank(note))
		note = NULL;
	if (note && store_check_text(_("note"), note, STORE_NOTE_MAX, true, e))
		return e->code;

	enum err_code c = store_begin_write(s, e);
	if (c)
		return c;
	struct task_state t;
	long long mid = 0;
	char *old = NULL;
	sqlite3_stmt *st;
	if ((c = store_task_load(s, code, &t, e)))
		goto out;
	struct auth_task at = store_auth_task_of(&t);
	if ((c = store_may(s, who, ACT_MILESTONE, &at, e)))
		goto out;
	if (!(st = store_stmt(s, find, e))) {
		c = e->code;
		goto out;
	}
	sqlite3_bind_int64(st, 1, t.id);
	sqlite3_bind_int(st, 2, year);
	if (quarter)
		sqlite3_bind_int(st, 3, quarter);
	else
		sqlite3_bind_null(st, 3);
	if (sqlite3_step(st) == SQLITE_ROW) {
		mid = sqlite3_column_int64(st, 0);
		old = dup_col(st, 1);
	}
	sqlite3_reset(st);
	if (!mid) {
		char *have = NULL;
		if ((st = store_stmt(s, list, e))) {
			sqlite3_bind_int64(st, 1, t.id);
			if (sqlite3_step(st) == SQLITE_ROW)
				have = dup_col(st, 0);
			sqlite3_reset(st);
		}
		char period[24];
		snprintf(period, sizeof period, quarter ? "%d-Q%d" : "%d", year, quarter);
		c = err_set(e, ERR_NOT_FOUND, _("%s has no milestone for %s (%s%s)"), t.code, period,
		            have ? _("it has: ") : _("it has none"), have ? have : "");
		free(have);
		goto out;
	}
	const char *key = milestone_status_key((enum milestone_status)want);
	if (old && !strcmp(old, key) && !note)
		goto out;            /* unchanged */
	if (old && !strcmp(old, key)) {
		c = err_set(e, ERR_INVALID, _("%s: the milestone is already %s; a milestone's note goes with a change "
		            "of status (use plancon note for a note on the task)"), t.code, key);
		goto out;
	}
	if (!(st = store_stmt(s, upd, e))) {
		c = e->code;
		goto out;
	}
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, note ? note : "");
	store_bind_text(st, 3, who->name);
	sqlite3_bind_int64(st, 4, mid);
	store_bind_text(st, 5, who->actor);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->changed = true;
		snprintf(r->at, sizeof r->at, "%s", store_col(st, 0) ? store_col(st, 0) : "");
		r->version = t.version;
		sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (!r->changed)
		c = store_fail(s, e, _("saving the milestone"));
out:
	free(old);
	store_task_state_free(&t);
	if ((c = store_end(s, c, e)))
		result_init(r);
	return c;
}

/* ---- assignments -------------------------------------------------------------------------- */

enum err_code
store_assign(struct store *s, const struct identity *who, const struct assignment *a, struct write_result *r,
             struct error *e)
{
	static const char upd[] =
		"UPDATE tasks SET lead_dept_id = ?1, provisional = ?2, note = '', version = version + 1, updated_by = ?3, "
		"actor = ?6, updated_at = " SQL_NOW " WHERE id = ?4 AND version = ?5 RETURNING version, updated_at";
	static const char del[] = "DELETE FROM task_coop WHERE task_id = ?1 AND dept_id = ?2";
	static const char ins[] = "INSERT INTO task_coop (task_id, dept_id, added_by, actor) VALUES (?1, ?2, ?3, ?4)";
	struct write_result dummy;
	if (!r)
		r = &dummy;
	result_init(r);
	if (!a->lead && !a->set_coop && !a->confirm)
		return err_set(e, ERR_INVALID, _("%s: nothing to change: give a lead, cooperating departments or confirm"),
		               a->code);
	enum err_code c = store_begin_write(s, e);
	if (c)
		return c;
	struct task_state t;
	long long lead = 0, *coop = NULL;
	size_t ncoop = 0;
	if ((c = store_task_load(s, a->code, &t, e)))
		goto out;
	struct auth_task at = store_auth_task_of(&t);
	if ((c = store_may(s, who, ACT_ADMIN, &at, e)))
		goto out;
	lead = t.lead;
	if (a->lead && (c = store_dept_find(s, a->lead, &lead, e)))
		goto out;
	if (a->set_coop) {
		coop = xcalloc(a->ncoop + 1, sizeof *coop);
		for (size_t i = 0; i < a->ncoop; i++) {
			long long d;
			if ((c = store_dept_find(s, a->coop[i], &d, e)))
				goto out;
			if (!store_ids_have(coop, ncoop, d))
				coop[ncoop++] = d;
		}
	} else {
		coop = xcalloc(t.ncoop + 1, sizeof *coop);
		if (t.ncoop)
			memcpy(coop, t.coop, t.ncoop * sizeof *coop);
		ncoop = t.ncoop;
	}
	if (lead && store_ids_have(coop, ncoop, lead)) {
		c = err_set(e, ERR_INVALID, _("%s: a department cannot both lead and cooperate on a task; %s"),
		            t.code, a->set_coop ? _("leave the lead out of --coop") : _("it cooperates now: give --coop without it"));
		goto out;
	}
	bool provisional = a->confirm ? false : t.provisional;
	bool coop_same = ncoop == t.ncoop;
	for (size_t i = 0; coop_same && i < ncoop; i++)
		coop_same = store_ids_have(t.coop, t.ncoop, coop[i]);
	if (lead == t.lead && provisional == t.provisional && coop_same) {
		r->version = t.version;
		goto out;            /* unchanged */
	}
	sqlite3_stmt *st = store_stmt(s, upd, e);
	if (!st) {
		c = e->code;
		goto out;
	}
	if (lead)
		sqlite3_bind_int64(st, 1, lead);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_int(st, 2, provisional);
	store_bind_text(st, 3, who->name);
	sqlite3_bind_int64(st, 4, t.id);
	sqlite3_bind_int64(st, 5, t.version);
	store_bind_text(st, 6, who->actor);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->changed = true;
		r->version = sqlite3_column_int64(st, 0);
		snprintf(r->at, sizeof r->at, "%s", store_col(st, 1) ? store_col(st, 1) : "");
		sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (!r->changed) {
		c = store_fail(s, e, _("saving the assignment"));
		goto out;
	}
	/* The coop triggers read the task's new updated_by, actor and version. */
	for (size_t i = 0; i < t.ncoop && !c; i++) {
		if (store_ids_have(coop, ncoop, t.coop[i]) || !(st = store_stmt(s, del, e)))
			continue;
		sqlite3_bind_int64(st, 1, t.id);
		sqlite3_bind_int64(st, 2, t.coop[i]);
		c = store_step_done(s, st, _("saving the assignment"), e);
	}
	for (size_t i = 0; i < ncoop && !c; i++) {
		if (store_ids_have(t.coop, t.ncoop, coop[i]) || !(st = store_stmt(s, ins, e)))
			continue;
		sqlite3_bind_int64(st, 1, t.id);
		sqlite3_bind_int64(st, 2, coop[i]);
		store_bind_text(st, 3, who->name);
		store_bind_text(st, 4, who->actor);
		c = store_step_done(s, st, _("saving the assignment"), e);
	}
out:
	free(coop);
	store_task_state_free(&t);
	if ((c = store_end(s, c, e)))
		result_init(r);
	return c;
}
