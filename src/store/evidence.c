/* store_evidence: evidence files of the reports (store_evidence.h).
 *
 * Adding is one BEGIN IMMEDIATE transaction, as write.c's writers are:
 * read the task, ask store_may (ACT_REPORT for the lead department, else
 * ACT_REPORT_INPUT for a cooperating one: either may attach a file), find
 * or make the period's report, insert. The size and name are checked
 * before the transaction, so a refused file never reaches the database.
 * The change log row comes from the trigger evidence_audit (0009). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "plancon/model.h"
#include "plancon/store_cycle.h"
#include "plancon/store_evidence.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum err_code
store_evidence_name_check(const char *name, struct error *e)
{
	size_t len = strlen(name);
	if (len == 0)
		return err_set(e, ERR_INVALID, _("evidence: the file needs a name (--name NAME)"));
	if (len > EVIDENCE_NAME_MAX)
		return err_set(e, ERR_INVALID, _("evidence name: %zu bytes; at most %d are allowed"), len,
		               EVIDENCE_NAME_MAX);
	if (store_check_text(_("evidence name"), name, EVIDENCE_NAME_MAX, false, e))
		return e->code;
	if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return err_set(e, ERR_INVALID, _("evidence name \"%s\": a file's name, without a directory (no '/')"), name);
	for (size_t i = 0, n; i < len; i += n)
		if (text_cp_unsafe(text_utf8_next(name + i, len - i, &n)))
			return err_set(e, ERR_INVALID, _("evidence name: character %zu is an invisible formatting character"),
			               text_chars(name, i) + 1);
	return ERR_OK;
}

/* The report of task t for period p to attach to: its id into out, made
 * as a draft when there is none; refused once it is accepted. */
static enum err_code
report_find_or_make(struct store *s, const struct identity *who, const struct cycle_settings *cs,
                    const struct task_state *t, const struct cycle_period *p, struct evidence_added *out,
                    struct error *e)
{
	bool accepted;
	enum err_code c = store_report_find_or_draft(s, who, cs, t, p, &out->report_id, &accepted, &out->new_report, e);
	if (!c && accepted)
		c = err_set(e, ERR_REFUSED, _("%s: the report for %s was accepted; evidence can no longer be added to it"),
		            t->code, p->key);
	return c;
}

/* The lead department's right, else a cooperating one's; refused, the
 * lead's reason (the one that says who may). */
static enum err_code
may_attach(struct store *s, const struct identity *who, const struct task_state *t, struct error *e)
{
	struct auth_task at = store_auth_task_of(t);
	enum err_code c = store_may(s, who, ACT_REPORT, &at, e);
	if (c != ERR_REFUSED)
		return c;
	struct error lead = *e;
	if (!store_may(s, who, ACT_REPORT_INPUT, &at, e))
		return ERR_OK;
	*e = lead;
	return c;
}

static enum err_code
insert(struct store *s, const struct identity *who, const struct evidence_add *a, struct evidence_added *out,
       struct error *e)
{
	static const char sql[] =
		"INSERT INTO evidence (report_id, name, size, sha256, data, at, who, actor) "
		"VALUES (?1, ?2, ?3, ?4, ?5, " SQL_NOW ", ?6, ?7) RETURNING id";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, out->report_id);
	store_bind_text(st, 2, a->name);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)a->size);
	store_bind_text(st, 4, out->sha256);
	sqlite3_bind_blob64(st, 5, a->data, a->size, SQLITE_STATIC);
	store_bind_text(st, 6, who->name);
	store_bind_text(st, 7, who->actor);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		out->id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ERR_OK : store_fail(s, e, _("saving the evidence"));
}

enum err_code
store_evidence_add(struct store *s, const struct identity *who, const struct cycle_settings *cs,
                   const struct evidence_add *a, struct evidence_added *out, struct error *e)
{
	*out = (struct evidence_added){ 0 };
	if (!cs->on)
		return auth_cycle_off(e);
	if (store_evidence_name_check(a->name, e))
		return e->code;
	if (a->size == 0)
		return err_set(e, ERR_INVALID, _("%s: the file is empty; nothing was stored"), a->name);
	if (cs->evidence_max < 0 || a->size > (size_t)cs->evidence_max)
		return err_set(e, ERR_INVALID, _("%s: larger than %ld bytes ([cycle] evidence_max); nothing was stored"),
		               a->name, cs->evidence_max);
	sha256_hex(a->data, a->size, out->sha256);
	enum err_code c = store_begin_write(s, e);
	if (c)
		return c;
	struct task_state t;
	struct cycle_period p;
	if (!(c = store_task_load(s, a->code, &t, e)) && !(c = may_attach(s, who, &t, e)) &&
	    !(c = store_cycle_period(s, cs, a->as_of, a->period, &p, e)) && !(c = report_find_or_make(s, who, cs, &t, &p, out, e)))
		c = insert(s, who, a, out, e);
	if (!c)
		memcpy(out->period, p.key, sizeof out->period);
	store_task_state_free(&t);
	return store_end(s, c, e);
}

/* ---- reading ------------------------------------------------------------------------ */

#define EVIDENCE_COLS \
	"SELECT v.id, v.report_id, v.size, t.code, r.period, v.name, v.sha256, v.at, v.who, v.actor, r.state "
#define EVIDENCE_FROM "FROM evidence v JOIN reports r ON r.id = v.report_id JOIN tasks t ON t.id = r.task_id "

static void
fill(sqlite3_stmt *st, struct evidence_row *r)
{
	*r = (struct evidence_row){
		.id = sqlite3_column_int64(st, 0), .report_id = sqlite3_column_int64(st, 1),
		.size = sqlite3_column_int64(st, 2), .code = store_col(st, 3), .period = store_col(st, 4),
		.name = store_col(st, 5), .sha256 = store_col(st, 6), .at = store_col(st, 7), .who = store_col(st, 8),
		.actor = store_col(st, 9), .report_state = store_col(st, 10),
	};
}

enum err_code
store_evidence_get(struct store *s, long long id, evidence_cb cb, void *ctx, void **data, size_t *size,
                   struct error *e)
{
	static const char sql[] = EVIDENCE_COLS ", v.data " EVIDENCE_FROM "WHERE v.id = ?1";
	*data = NULL;
	*size = 0;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		struct evidence_row r;
		fill(st, &r);
		const void *b = sqlite3_column_blob(st, 11);
		*size = (size_t)sqlite3_column_bytes(st, 11);
		*data = xmalloc(*size ? *size : 1);
		if (*size)
			memcpy(*data, b, *size);
		if (cb)
			cb(&r, ctx);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOT_FOUND, _("no evidence %lld (plancon evidence list shows them)"), id);
	return rc == SQLITE_ROW ? ERR_OK : store_fail(s, e, _("reading the evidence"));
}

enum err_code
store_evidence_each(struct store *s, const struct evidence_filter *f, evidence_cb cb, void *ctx, struct error *e)
{
	static const char sql[] = EVIDENCE_COLS EVIDENCE_FROM
		"WHERE (?1 IS NULL OR t.code = ?1) AND (?2 IS NULL OR r.period = ?2) AND (?3 = 0 OR r.id = ?3) "
		"ORDER BY t.pos, r.period, v.id";
	static const struct evidence_filter all = { 0 };
	if (!f)
		f = &all;
	if (f->code) {
		long long task;
		enum err_code c = store_task_id(s, f->code, &task, e);
		if (c)
			return c;
	}
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, f->code);
	store_bind_text(st, 2, f->period);
	sqlite3_bind_int64(st, 3, f->report_id);
	struct evidence_row r;
	STORE_EACH_ROW(s, st, e, r, fill(st, &r), cb, ctx);
}
