/* session: who runs this process and on what, resolved once in main:
 * the configuration, the as-of date, the database, the login of the real
 * uid, the gateway's user (--ssh-user) or the user an administrator acts
 * as (--user), and that user's identity, read from the store once. The
 * policies that follow from them are decided here: the unknown-user rule
 * of [auth] (through auth_identity_settle) and "an SSH session writes no
 * file on the server". The CLI and the console take the session. */
#ifndef PLANCON_SESSION_H
#define PLANCON_SESSION_H

#include <stdbool.h>

#include "plancon/auth.h"
#include "plancon/config.h"
#include "plancon/cycle.h"
#include "plancon/error.h"
#include "plancon/store.h"

/* What main parsed, and what the command needs. */
struct session_options {
	const char *db, *config, *as_of;   /* --db, --config, --as-of, or NULL */
	const char *ssh_user;      /* --ssh-user: the gateway's forced command */
	const char *as_user;       /* --user: an administrator acting as someone else */
	const char *login;         /* the login to take as the real uid's, or NULL: look it up */
	bool no_store;             /* the command runs without the database */
	int nargs;                 /* words after the global options (--ssh-user takes none) */
};

struct session {
	struct config cfg;
	char as_of[11];            /* YYYY-MM-DD: the date "late" is measured at */
	char *db_path;             /* the database file (--db, config or default) */
	char *login;               /* the operating-system login of the real uid */
	bool over_ssh;             /* came in through the gateway (--ssh-user) */
	const char *user;          /* whom the process runs for: the login, the gateway's
	                            * user, or the --user an administrator named */
	const char *actor;         /* who really runs it when that is not user (the
	                            * administrator's login under --user), else NULL */
	struct store *store;       /* NULL when the command runs without it */
	bool demo;                 /* the database is a demo database */
	struct auth_policy policy; /* from cfg's [auth] */
	struct identity id;        /* of user (acted as by actor), when store is open */
	unsigned loads;            /* identities read from the store by the session */
	struct cycle_settings cycle;   /* [cycle], over the database's (meta cycle_*), over the
	                                * built-in; read with the identity */
	char *cycle_office;        /* [cycle] office (or the database's), or NULL */
};

/* Resolve the session from o into s: config, as-of date, database path,
 * login, the gateway's check and file policy, the store (unless
 * o->no_store) and the identity. ERR_OK, or the error with a message in e
 * (not prefixed with "plancon: "); either way session_close(s) afterwards.
 * s->store may be open when an error comes after opening it. */
enum err_code session_open(struct session *s, const struct session_options *o, struct error *e);

/* Read s's identity again (the database changed: a role may have). ERR_OK,
 * or the error; the identity in hand stays when it fails. */
enum err_code session_refresh(struct session *s, struct error *e);

/* ERR_OK when s's user may read the plan, else ERR_REFUSED with a message
 * that says who to ask (an unknown user under [auth] unknown_user = none). */
enum err_code session_may_read(const struct session *s, struct error *e);

/* Close the store, free everything; s may be all zero. */
void session_close(struct session *s);

/* The store_open flags that cfg asks for ([core] sync): open every
 * database a command writes to with them. */
unsigned session_store_flags(const struct config *cfg);

/* The supervision cycle's settings of s: [cycle] of the configuration,
 * where unset the database's (meta cycle_enabled, cycle_period,
 * cycle_due_day, cycle_office, cycle_since: from its plan file or the
 * demo), else the built-in defaults. */
struct cycle_settings session_cycle(const struct session *s);

/* The [auth] policy of cfg. */
struct auth_policy session_policy(const struct config *cfg);

/* The identity of name as the store has it, with policy p applied, acted
 * as by actor (NULL, or name itself: acts for itself). Fills id (free with
 * identity_free) even when it returns an error. */
enum err_code session_identity_load(struct store *st, const struct auth_policy *p, const char *name,
                                    const char *actor, struct identity *id, struct error *e);

#endif
