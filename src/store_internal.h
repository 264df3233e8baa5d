/* store_internal: what the store's own files share. Not for other modules. */
#ifndef PLANCON_STORE_INTERNAL_H
#define PLANCON_STORE_INTERNAL_H

#include <sqlite3.h>

#include "plancon/store.h"

#define STORE_STMT_CACHE 64

struct store {
	sqlite3 *db;
	char *path;
	bool readonly;
	struct {
		const char *sql;        /* identity: the address of a static string */
		sqlite3_stmt *stmt;
	} cache[STORE_STMT_CACHE];
	int ncache;
};

/* A prepared statement for sql (a string literal: cached by its address),
 * reset and with bindings cleared. NULL on error, with e set. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct error *e);

/* Map the connection's last error to an error code with a message. */
enum err_code store_fail(struct store *s, struct error *e, const char *what);

/* Bind text, or NULL when t is NULL. */
void store_bind_text(sqlite3_stmt *st, int i, const char *t);

/* Column text, or NULL for SQL NULL. */
const char *store_col(sqlite3_stmt *st, int i);

/* Run SQL without results (one or more statements). */
enum err_code store_exec(struct store *s, const char *sql, struct error *e);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
enum err_code store_begin(struct store *s, struct error *e);
enum err_code store_commit(struct store *s, struct error *e);
void store_rollback(struct store *s);

#endif
