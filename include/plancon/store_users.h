/* store_users: who may use the database: the users table (roles and
 * departments) read as identities and changed by administrators, and the
 * SSH access log (table access_log: one row when a session through the
 * gateway account starts, one when it ends; append-only, like the change
 * log). Conventions: store.h. */
#ifndef PLANCON_STORE_USERS_H
#define PLANCON_STORE_USERS_H

#include <stdbool.h>
#include <stddef.h>

#include "plancon/auth.h"
#include "plancon/store.h"

/* ---- identity ------------------------------------------------------------------ */

/* What the users table says of name: role and departments. An unknown or
 * deactivated name gets known = false and AUTH_ROLE_NONE (deactivated = true for
 * the latter). id->name is a copy of name. Free with identity_free. */
enum err_code store_identity_load(struct store *s, const char *name, struct identity *id, struct error *e);

/* ---- users ------------------------------------------------------------------------ */

/* Add user name with role and departments (short or full names), or, when
 * name exists (active or deleted), make it active with this role and exactly
 * these departments (admin only). *created tells which. An editor needs a
 * department; the last active admin cannot be demoted. */
enum err_code store_user_set(struct store *s, const struct identity *who, const char *name, enum auth_role role,
                             const char *const *depts, size_t ndepts, bool *created, struct write_result *r,
                             struct error *e);

/* Deactivate user name (admin only); the row stays for the log. The last
 * active admin cannot be deleted. */
enum err_code store_user_del(struct store *s, const struct identity *who, const char *name, struct error *e);

/* Create the first administrator: only while there is no active admin.
 * by is the login doing it (recorded in the log). */
enum err_code store_init_admin(struct store *s, const char *by, const char *name, struct error *e);

struct user_row {
	const char *name, *role;
	bool active;
	const char *depts;         /* short names, "、"-separated; NULL when none */
	const char *created_at, *updated_at, *updated_by;
};
typedef int (*user_cb)(const struct user_row *, void *ctx);

/* Every user, active or not, by name. */
enum err_code store_users_each(struct store *s, user_cb cb, void *ctx, struct error *e);

/* ---- the SSH access log ------------------------------------------------------------ */

/* Record that who started a session from client (an address; may be
 * NULL) asking for command (SSH_ORIGINAL_COMMAND; NULL: the console).
 * Stores the session's id in *session. */
enum err_code store_access_start(struct store *s, const char *who, const char *client,
                                 const char *command, long long *session, struct error *e);

/* Record that session ended with exit status status. */
enum err_code store_access_end(struct store *s, long long session, int status, struct error *e);

/* One session: its start row and, when it has one, its end row. */
struct access_row {
	long long session;
	const char *started_at, *ended_at;   /* ended_at NULL: no end recorded */
	const char *who, *client, *command;
	bool ended;
	int status;                          /* when ended */
};
typedef int (*access_cb)(const struct access_row *, void *ctx);

/* Sessions oldest first; who NULL: everyone's. */
enum err_code store_access_each(struct store *s, const char *who, access_cb cb, void *ctx, struct error *e);

#endif
