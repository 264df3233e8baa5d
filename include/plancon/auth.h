/* auth: what a user may do. Pure decisions over an identity that the
 * session loaded through the store; no I/O, no store or config. */
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
	/* Added with the session (read once per process): */
	bool unknown_none;         /* settled under [auth] unknown_user = none */
	bool actor_admin;          /* actor was an active administrator when loaded */
	long long loaded_at[2];    /* the store's state when loaded (store_identity_load):
	                            * unchanged, the store need not read id again */
	/* Added with the supervision cycle (schema version 9; set by the session
	 * from [cycle], never by the store): */
	bool cycle_on;             /* [cycle] enabled */
	long long office;          /* the office's department id ([cycle] office), 0: none */
	char *office_name;         /* its short name, or NULL */
};

enum auth_action {
	ACT_READ,                  /* browse, list, report */
	ACT_SET_STATUS,            /* status / progress of a task */
	ACT_NOTE,                  /* add a note to a task */
	ACT_MILESTONE,             /* status of a roadmap milestone */
	ACT_ADMIN,                 /* users, departments, assignments, actuals, keys */
	/* The supervision cycle (plancon(1), SUPERVISION); refused while it is off: */
	ACT_REPORT,                /* file the period's report, evidence, ask for an extension:
	                            * the lead department */
	ACT_REPORT_INPUT,          /* add input to the lead's report: a cooperating department */
	ACT_OFFICE,                /* review, verify, reopen, decide extensions, remind: the
	                            * office, never on its own department's task */
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

/* ERR_OK while the supervision cycle is on for id (identity.cycle_on),
 * else ERR_REFUSED with the message every cycle command gives when it is
 * off: the one wording of "the cycle is off", for the reads as well. */
enum err_code auth_cycle_on(const struct identity *id, struct error *e);
/* ERR_REFUSED with the one message of every cycle command while the cycle
 * is off; for the store's readers that know the settings, not the user. */
enum err_code auth_cycle_off(struct error *e);

/* Whether id belongs to the office ([cycle] office), or is an active
 * administrator: the one who reviews. */
bool auth_is_office(const struct identity *id);

/* Role names: "viewer", "editor", "admin". */
const char *auth_role_name(enum auth_role r);
int auth_role_parse(const char *s);   /* -1 when unknown */

void identity_free(struct identity *id);

/* ---- who is acting -----------------------------------------------------------
 * The identity is loaded by the session (session.h) from the store, once per
 * process; these functions decide over what was loaded. A name with no
 * active row is "unknown": read-only (AUTH_ROLE_VIEWER, known = false), or
 * no access (AUTH_ROLE_NONE) under [auth] unknown_user = none. */

/* What the configuration says about users: the one source of the
 * unknown-user rule, kept in each identity so that a re-read applies it
 * alike. */
struct auth_policy {
	bool unknown_none;         /* [auth] unknown_user = none: no access at all */
	const char *contact;       /* who to ask for access ([auth] contact), or NULL */
};

/* Apply policy p (and the database's read-only state) to id, whose
 * known/role/deactivated come from the store: the role of an unknown user,
 * the contact, readonly_db. */
void auth_identity_settle(struct identity *id, const struct auth_policy *p, bool readonly_db);

/* May login (whose identity is login_id) act as as_user (--user)? Only an
 * active administrator may, and as_user must be a valid name: ERR_OK, or
 * ERR_REFUSED/ERR_INVALID with a message saying so. */
enum err_code auth_may_act_as(const struct identity *login_id, const char *as_user, struct error *e);

/* True when name can be a plancon user name: 1-64 bytes of ASCII letters,
 * digits, '.', '_', '-' or UTF-8 non-ASCII characters, not starting with
 * '-' (the same names a gateway's forced command accepts). */
bool auth_name_valid(const char *name);

/* One line for an unknown or deactivated user: "NAME is not a plancon user:
 * read-only access. Ask CONTACT to be added." into buf. Empty for a known
 * user. */
void auth_unknown_notice(const struct identity *id, char *buf, size_t len);

#endif
