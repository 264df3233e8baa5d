/* store_access: the SSH access log. Rows are only ever inserted (the
 * table's triggers refuse the rest), so a session is two rows: its start,
 * and an end row that points back at it. */
#include "internal.h"

#include <string.h>

#include "plancon/store_users.h"
#include "plancon/text.h"

enum { COMMAND_KEEP = 4096 };	/* bytes of a command kept in the log */

static enum err_code
insert(struct store *s, const char *sql, sqlite3_stmt **out, struct error *e)
{
	*out = NULL;
	enum err_code c = store_begin(s, e);
	if (c)
		return c;
	*out = store_stmt(s, sql, e);
	return *out ? ERR_OK : store_end(s, e->code, e);
}

static enum err_code
finish(struct store *s, sqlite3_stmt *st, struct error *e)
{
	enum err_code c = sqlite3_step(st) == SQLITE_DONE ? ERR_OK : store_fail(s, e, _("recording the SSH session"));
	sqlite3_reset(st);
	return store_end(s, c, e);
}

enum err_code
store_access_start(struct store *s, const char *who, const char *client, const char *command,
                   long long *session, struct error *e)
{
	static const char sql[] =
		"INSERT INTO access_log (event, who, client, command) VALUES ('start', ?1, ?2, ?3)";
	sqlite3_stmt *st = NULL;
	enum err_code c = insert(s, sql, &st, e);
	if (c || !st)
		return c ? c : ERR_DB;
	store_bind_text(st, 1, who);
	sqlite3_bind_text(st, 2, client ? client : "", -1, SQLITE_TRANSIENT);
	/* Keep the start of a very long command; cut at a character boundary. */
	size_t n = command ? strlen(command) : 0;
	if (n > COMMAND_KEEP)
		n = text_cut(command, COMMAND_KEEP);
	sqlite3_bind_text(st, 3, command ? command : "", (int)n, SQLITE_TRANSIENT);
	*session = 0;
	c = finish(s, st, e);
	if (c == ERR_OK)
		*session = sqlite3_last_insert_rowid(s->db);
	return c;
}

enum err_code
store_access_end(struct store *s, long long session, int status, struct error *e)
{
	static const char sql[] =
		"INSERT INTO access_log (event, session, who, client, command, status) "
		"SELECT 'end', id, who, client, '', ?2 FROM access_log WHERE id = ?1 AND event = 'start'";
	sqlite3_stmt *st = NULL;
	enum err_code c = insert(s, sql, &st, e);
	if (c || !st)
		return c ? c : ERR_DB;
	sqlite3_bind_int64(st, 1, session);
	sqlite3_bind_int(st, 2, status);
	c = finish(s, st, e);
	if (c == ERR_OK && sqlite3_changes(s->db) == 0)
		return err_set(e, ERR_NOT_FOUND, _("no SSH session %lld in the access log"), session);
	return c;
}

enum err_code
store_access_each(struct store *s, const char *who, access_cb cb, void *ctx, struct error *e)
{
	static const char sql[] =
		"SELECT a.id, a.at, b.at, a.who, a.client, a.command, b.status "
		"FROM access_log a LEFT JOIN access_log b ON b.session = a.id AND b.event = 'end' "
		"WHERE a.event = 'start' AND (?1 IS NULL OR a.who = ?1) ORDER BY a.id";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, who);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct access_row r = {
			.session = sqlite3_column_int64(st, 0),
			.started_at = store_col(st, 1),
			.ended_at = store_col(st, 2),
			.who = store_col(st, 3),
			.client = store_col(st, 4),
			.command = store_col(st, 5),
			.ended = sqlite3_column_type(st, 6) != SQLITE_NULL,
			.status = sqlite3_column_int(st, 6),
		};
		if (cb(&r, ctx))
			break;
	}
	enum err_code c = ERR_OK;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		c = store_fail(s, e, _("reading the access log"));
	sqlite3_reset(st);
	return c;
}
