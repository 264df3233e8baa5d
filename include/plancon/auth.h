/* auth: who the user is and what they may do. Pure decisions over facts
 * the store provides; no I/O of its own. */
#ifndef PLANCON_AUTH_H
#define PLANCON_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "plancon/error.h"

enum auth_role { AUTH_ROLE_NONE, AUTH_ROLE_VIEWER, AUTH_ROLE_EDITOR, AUTH_ROLE_ADMIN };

/* What the store knows of one user: role and departments (ids). */
struct identity {
	char *name;                /* login or gateway user name */
	enum auth_role role;       /* AUTH_ROLE_NONE: unknown user */
	bool known;                /* has a row in the users table */
	long long *depts;          /* departments the user belongs to */
	size_t ndepts;
	bool readonly_db;          /* the database was opened read-only */
	/* Added with the users table (keep the fields above stable): */
	char **dept_names;         /* short names of depts[], same order */
	bool deactivated;          /* has a row, but was deleted (plancon user del) */
	char *contact;             /* who to ask for access ([auth] contact), or NULL */
	/* Added with the change log's actor (schema version 7): */
	char *actor;               /* who really acts as name (an administrator's login
	                            * under --user), or NULL: name acts for itself */
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
	const char *code;          /* for messages; may be NULL */
	const char *lead_name;     /* short name of the lead department; may be NULL */
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

/* ---- who is acting -----------------------------------------------------------
 * The identity is the operating-system login of the real user id (never an
 * environment variable), looked up in the users table. A login with no
 * active row is "unknown": AUTH_ROLE_VIEWER (read-only) with known = false, or
 * AUTH_ROLE_NONE when the config says [auth] unknown_user = none. */

struct store;
struct config;

/* Resolve who is acting: login is the OS login of the real uid; as_user is
 * the --user option (NULL when absent), honoured only when login is an
 * active admin (ERR_REFUSED otherwise, with a message that says so). Fills
 * id (free with identity_free) even when it returns an error. */
enum err_code auth_identify(struct store *s, const struct config *cfg, const char *login,
                            const char *as_user, struct identity *id, struct error *e);

/* The identity of user name as it stands in the database, with the
 * unknown-user policy of cfg applied (for a gateway that has already
 * established who name is, e.g. --ssh-user). Fills id (identity_free). */
enum err_code auth_identity_for(struct store *s, const struct config *cfg, const char *name,
                                struct identity *id, struct error *e);

/* auth_identity_for(name), acted as by actor: the login (or gateway user)
 * that auth_identify let act as name, or NULL when name acts for itself.
 * The writers record actor in the change log beside name. */
enum err_code auth_identity_acting(struct store *s, const struct config *cfg, const char *name,
                                   const char *actor, struct identity *id, struct error *e);

/* True when name can be a plancon user name: 1-64 bytes of ASCII letters,
 * digits, '.', '_', '-' or UTF-8 non-ASCII characters, not starting with
 * '-' (the same names a gateway's forced command accepts). */
bool auth_name_valid(const char *name);

/* One line for an unknown or deactivated user: "NAME is not a plancon user:
 * read-only access. Ask CONTACT to be added." into buf. Empty for a known
 * user. */
void auth_unknown_notice(const struct identity *id, char *buf, size_t len);

#endif
