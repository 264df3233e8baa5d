/* store_access: the SSH access log (table access_log): one row when a
 * session through the gateway account starts, one when it ends. Part of
 * the store (src/store_access.c); append-only, like the change log. */
#ifndef PLANCON_STORE_ACCESS_H
#define PLANCON_STORE_ACCESS_H

#include <stdbool.h>

#include "plancon/error.h"
#include "plancon/store.h"

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

/* Sessions oldest first; who NULL: everyone's. The callback returns 0 to
 * go on, non-zero to stop. */
enum err_code store_access_each(struct store *s, const char *who, access_cb cb, void *ctx, struct error *e);

#endif
