/* auth: who the user is and what they may do. Pure decisions over facts
 * the store provides; no I/O of its own. */
#ifndef PLANCON_AUTH_H
#define PLANCON_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "plancon/error.h"

enum auth_role { ROLE_NONE, ROLE_VIEWER, ROLE_EDITOR, ROLE_ADMIN };

/* What the store knows of one user: role and departments (ids). */
struct identity {
	char *name;                /* login or gateway user name */
	enum auth_role role;       /* ROLE_NONE: unknown user */
	bool known;                /* has a row in the users table */
	long long *depts;          /* departments the user belongs to */
	size_t ndepts;
	bool readonly_db;          /* the database was opened read-only */
};

enum auth_action {
	ACT_READ,                  /* browse, list, report */
	ACT_SET_STATUS,            /* status / progress of a task */
	ACT_NOTE,                  /* add a note to a task */
	ACT_MILESTONE,             /* status of a roadmap milestone */
	ACT_ADMIN,                 /* users, departments, assignments, actuals, keys */
};

/* What one task looks like to the permission check. */
struct auth_task {
	long long lead_dept;       /* 0: none */
	const long long *coop;     /* cooperating departments */
	size_t ncoop;
};

/* May id do act (on task t, for task actions; t may be NULL otherwise)?
 * ERR_OK, or ERR_REFUSED/ERR_READONLY with a message that says why and who
 * to ask, in e. */
enum err_code auth_check(const struct identity *id, enum auth_action act,
                         const struct auth_task *t, struct error *e);

/* Role names: "viewer", "editor", "admin". */
const char *auth_role_name(enum auth_role r);
int auth_role_parse(const char *s);   /* -1 when unknown */

void identity_free(struct identity *id);

#endif
