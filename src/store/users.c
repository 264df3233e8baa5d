/* store_users: who may use plancon. Users live in the database with a role
 * and their departments; they are deactivated, never deleted, so that the
 * change log keeps naming real accounts. The first administrator is made by
 * store_init_admin, which works only while there is no active admin. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/auth.h"
#include "plancon/store_plan.h"
#include "plancon/store_users.h"
#include "plancon/xalloc.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* Transactions of this process that may have changed a user (any store). */
static unsigned long long users_written;

void
store_identity_stamp(struct store *s, long long at[2])
{
	/* Taken before the reading, so that a change between the two makes the
	 * stamp stale, never the reverse: data_version moves when another
	 * connection commits, users_written when this process may have
	 * changed a user. */
	static const char sql[] = "PRAGMA data_version";
	at[0] = 0;                    /* 0: unknown, never fresh */
	struct error e;
	sqlite3_stmt *st = store_stmt(s, sql, &e);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		at[0] = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	at[1] = (long long)users_written;
}

enum err_code
store_identity_load(struct store *s, const char *name, struct identity *id, struct error *e)
{
	static const char user_sql[] = "SELECT id, role, active FROM users WHERE name = ?1";
	static const char dept_sql[] =
		"SELECT d.id, d.short FROM user_depts ud JOIN departments d ON d.id = ud.dept_id "
		"WHERE ud.user_id = ?1 ORDER BY d.id";
	*id = (struct identity){ .name = xstrdup(name ? name : ""), .role = AUTH_ROLE_NONE };
	store_identity_stamp(s, id->loaded_at);
	sqlite3_stmt *st = store_stmt(s, user_sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, name);
	long long uid = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		bool active = sqlite3_column_int(st, 2) != 0;
		int role = auth_role_parse(store_col(st, 1));
		if (active && role > 0) {
			uid = sqlite3_column_int64(st, 0);
			id->known = true;
			id->role = (enum auth_role)role;
		} else {
			id->deactivated = true;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, _("reading the users"));
	if (!uid)
		return ERR_OK;
	if (!(st = store_stmt(s, dept_sql, e)))
		return e->code;
	sqlite3_bind_int64(st, 1, uid);
	size_t cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (id->ndepts == cap) {
			cap = cap ? cap * 2 : 4;
			id->depts = xrealloc(id->depts, cap * sizeof *id->depts);
			id->dept_names = xrealloc(id->dept_names, cap * sizeof *id->dept_names);
		}
		id->depts[id->ndepts] = sqlite3_column_int64(st, 0);
		id->dept_names[id->ndepts++] = xstrdup(store_col(st, 1) ? store_col(st, 1) : "?");
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, _("reading the users"));
}

static enum err_code
count_admins(struct store *s, long long *n, struct error *e)
{
	static const char sql[] = "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ERR_OK : store_fail(s, e, _("reading the users"));
}

struct user_state {
	long long id;
	char role[8];
	bool active;
};

/* The row of user name; st->id 0 when there is none. */
static enum err_code
user_get(struct store *s, const char *name, struct user_state *u, struct error *e)
{
	static const char sql[] = "SELECT id, role, active FROM users WHERE name = ?1";
	*u = (struct user_state){ 0 };
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, name);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		u->id = sqlite3_column_int64(st, 0);
		snprintf(u->role, sizeof u->role, "%s", store_col(st, 1) ? store_col(st, 1) : "");
		u->active = sqlite3_column_int(st, 2) != 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, _("reading the users"));
}

/* Insert or update user name with role (and active again), by by (acted
 * as by actor, or NULL); the id in *uid. */
static enum err_code
user_put(struct store *s, const char *by, const char *actor, const char *name, const char *role,
         const struct user_state *u, long long *uid, struct error *e)
{
	static const char ins[] = "INSERT INTO users (name, role, updated_by, actor) VALUES (?1, ?2, ?3, ?4)";
	static const char upd[] =
		"UPDATE users SET role = ?2, active = 1, updated_by = ?3, actor = ?4, updated_at = " SQL_NOW " WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, u->id ? upd : ins, e);
	if (!st)
		return e->code;
	if (u->id)
		sqlite3_bind_int64(st, 1, u->id);
	else
		store_bind_text(st, 1, name);
	store_bind_text(st, 2, role);
	store_bind_text(st, 3, by);
	store_bind_text(st, 4, actor);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, e, _("saving the user"));
	*uid = u->id ? u->id : sqlite3_last_insert_rowid(s->db);
	return ERR_OK;
}

enum err_code
store_user_set(struct store *s, const struct identity *who, const char *name, enum auth_role role,
               const char *const *depts, size_t ndepts, bool *created, struct write_result *r, struct error *e)
{
	static const char old_sql[] = "SELECT dept_id FROM user_depts WHERE user_id = ?1";
	static const char del[] = "DELETE FROM user_depts WHERE user_id = ?1 AND dept_id = ?2";
	static const char ins[] = "INSERT INTO user_depts (user_id, dept_id) VALUES (?1, ?2)";
	struct write_result dummy;
	if (!r)
		r = &dummy;
	*r = (struct write_result){ 0 };
	if (created)
		*created = false;
	if (!auth_name_valid(name))
		return err_set(e, ERR_INVALID, _("\"%s\" is not a valid user name (letters, digits, '.', '_', '-'; "
		               "at most 64 bytes; not starting with '-')"), name ? name : "");
	if (role < AUTH_ROLE_VIEWER || role > AUTH_ROLE_ADMIN)
		return err_set(e, ERR_INVALID, _("a user's role is viewer, editor or admin"));
	if (role == AUTH_ROLE_EDITOR && !ndepts)
		return err_set(e, ERR_INVALID, _("an editor needs at least one department (--dept SHORT)"));
	enum err_code c = store_begin_write(s, e);
	if (c)
		return c;
	long long *ids = xcalloc(ndepts + 1, sizeof *ids), *old = NULL;
	size_t nids = 0, nold = 0, cap = 0;
	struct user_state u;
	long long uid = 0, admins = 0;
	sqlite3_stmt *st;
	int rc;
	if ((c = store_may(s, who, ACT_ADMIN, NULL, e)))
		goto out;
	users_written++;
	for (size_t i = 0; i < ndepts; i++) {
		long long d;
		if ((c = store_dept_find(s, depts[i], &d, e)))
			goto out;
		if (!store_ids_have(ids, nids, d))
			ids[nids++] = d;
	}
	if ((c = user_get(s, name, &u, e)) || (c = count_admins(s, &admins, e)))
		goto out;
	if (u.id && u.active && !strcmp(u.role, "admin") && role != AUTH_ROLE_ADMIN && admins <= 1) {
		c = err_set(e, ERR_REFUSED, _("%s is the only administrator; make another one first"), name);
		goto out;
	}
	if (u.id) {
		if (!(st = store_stmt(s, old_sql, e))) {
			c = e->code;
			goto out;
		}
		sqlite3_bind_int64(st, 1, u.id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (nold == cap) {
				cap = cap ? cap * 2 : 4;
				old = xrealloc(old, cap * sizeof *old);
			}
			old[nold++] = sqlite3_column_int64(st, 0);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			c = store_fail(s, e, _("reading the users"));
			goto out;
		}
	}
	bool same = u.id && u.active && !strcmp(u.role, auth_role_name(role)) && nold == nids;
	for (size_t i = 0; same && i < nids; i++)
		same = store_ids_have(old, nold, ids[i]);
	if (same)
		goto out;
	/* The users row first: the department triggers read its updated_by and actor. */
	if ((c = user_put(s, who->name, who->actor, name, auth_role_name(role), &u, &uid, e)))
		goto out;
	for (size_t i = 0; i < nold && !c; i++) {
		if (store_ids_have(ids, nids, old[i]) || !(st = store_stmt(s, del, e)))
			continue;
		sqlite3_bind_int64(st, 1, uid);
		sqlite3_bind_int64(st, 2, old[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			c = store_fail(s, e, _("saving the user"));
		sqlite3_reset(st);
	}
	for (size_t i = 0; i < nids && !c; i++) {
		if (store_ids_have(old, nold, ids[i]) || !(st = store_stmt(s, ins, e)))
			continue;
		sqlite3_bind_int64(st, 1, uid);
		sqlite3_bind_int64(st, 2, ids[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			c = store_fail(s, e, _("saving the user"));
		sqlite3_reset(st);
	}
	if (!c) {
		r->changed = true;
		if (created)
			*created = !u.id;
	}
out:
	free(ids);
	free(old);
	if ((c = store_end(s, c, e))) {
		*r = (struct write_result){ 0 };
		if (created)
			*created = false;
	}
	return c;
}

enum err_code
store_user_del(struct store *s, const struct identity *who, const char *name, struct error *e)
{
	static const char upd[] =
		"UPDATE users SET active = 0, updated_by = ?2, actor = ?3, updated_at = " SQL_NOW " WHERE id = ?1";
	enum err_code c = store_begin_write(s, e);
	if (c)
		return c;
	struct user_state u;
	long long admins = 0;
	sqlite3_stmt *st;
	if ((c = store_may(s, who, ACT_ADMIN, NULL, e)) || (c = user_get(s, name, &u, e)) ||
	    (c = count_admins(s, &admins, e)))
		return store_end(s, c, e);
	if (!u.id || !u.active)
		return store_end(s, err_set(e, ERR_NOT_FOUND, _("no user \"%s\" (plancon user list shows them)"), name), e);
	users_written++;
	if (!strcmp(u.role, "admin") && admins <= 1)
		return store_end(s, err_set(e, ERR_REFUSED, _("%s is the only administrator; make another one first"),
		                            name), e);
	if (!(st = store_stmt(s, upd, e)))
		return store_end(s, e->code, e);
	sqlite3_bind_int64(st, 1, u.id);
	store_bind_text(st, 2, who->name);
	store_bind_text(st, 3, who->actor);
	c = sqlite3_step(st) == SQLITE_DONE ? ERR_OK : store_fail(s, e, _("deleting the user"));
	sqlite3_reset(st);
	return store_end(s, c, e);
}

enum err_code
store_init_admin(struct store *s, const char *by, const char *name, struct error *e)
{
	static const char first[] =
		"SELECT name FROM users WHERE role = 'admin' AND active = 1 ORDER BY id LIMIT 1";
	if (!auth_name_valid(name))
		return err_set(e, ERR_INVALID, _("\"%s\" is not a valid user name (letters, digits, '.', '_', '-'; "
		               "at most 64 bytes; not starting with '-')"), name ? name : "");
	enum err_code c = store_begin_write(s, e);
	if (c)
		return c;
	sqlite3_stmt *st = store_stmt(s, first, e);
	if (!st)
		return store_end(s, e->code, e);
	char *admin = NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		admin = xstrdup(store_col(st, 0));
	sqlite3_reset(st);
	if (admin) {
		c = err_set(e, ERR_REFUSED, _("this database already has an administrator (%s); ask them to add users "
		            "(plancon user add)"), admin);
		free(admin);
		return store_end(s, c, e);
	}
	struct user_state u;
	long long uid;
	users_written++;
	if (!(c = user_get(s, name, &u, e)))
		c = user_put(s, by, NULL, name, "admin", &u, &uid, e);
	return store_end(s, c, e);
}

enum err_code
store_users_each(struct store *s, user_cb cb, void *ctx, struct error *e)
{
	static const char sql[] =
		"SELECT u.name, u.role, u.active, (SELECT group_concat(short, '、') FROM (SELECT d.short FROM user_depts ud "
		"JOIN departments d ON d.id = ud.dept_id WHERE ud.user_id = u.id ORDER BY d.id)), "
		"u.created_at, u.updated_at, u.updated_by FROM users u ORDER BY u.name";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct user_row row = {
			.name = store_col(st, 0), .role = store_col(st, 1), .active = sqlite3_column_int(st, 2) != 0,
			.depts = store_col(st, 3), .created_at = store_col(st, 4), .updated_at = store_col(st, 5),
			.updated_by = store_col(st, 6),
		};
		if (cb(&row, ctx))
			break;
	}
	enum err_code c = rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(s, e, _("reading the users"));
	sqlite3_reset(st);
	return c;
}
