/* store_write: every change to the database, and the users who make them.
 * Part of the store (src/store_write.c, store_users.c, store_log.c). Each write runs
 * in one BEGIN IMMEDIATE transaction that first reads what it is about to
 * change, asks auth_check whether `who` may change it, and then writes; the
 * change log is written by triggers (db/migrations/0002_users_audit.sql), so
 * no write can leave it out. Every function returns ERR_OK or an error code
 * with a message in e that a user can act on. */
#ifndef PLANCON_STORE_WRITE_H
#define PLANCON_STORE_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "plancon/auth.h"
#include "plancon/error.h"
#include "plancon/store.h"

/* The longest note accepted, in characters (not bytes). */
enum { STORE_NOTE_MAX = 2000 };

/* What a write did. */
struct write_result {
	bool changed;              /* false: nothing differed; nothing was written */
	long long version;         /* task writes: the task's version afterwards */
	char at[24];               /* when (UTC, ISO 8601), "" when nothing changed */
};

/* ---- identity ------------------------------------------------------------------ */

/* What the users table says of name: role and departments. An unknown or
 * deactivated name gets known = false and AUTH_ROLE_NONE (deactivated = true for
 * the latter). id->name is a copy of name. Free with identity_free. */
enum err_code store_identity_load(struct store *s, const char *name, struct identity *id, struct error *e);

/* ---- tasks --------------------------------------------------------------------- */

struct task_update {
	const char *code;
	long long base_version;    /* the version the change is based on; 0: the current one */
	const char *status;        /* key or label; NULL: unchanged */
	int progress;              /* 0-100; -1: unchanged */
	const char *note;          /* NULL or "": none */
};

/* Change a task's status, progress and/or add a note. Changing status or
 * progress is ACT_SET_STATUS; a note alone is ACT_NOTE. Rules: progress
 * 0-100; done means 100 % (done without a progress sets 100); cancelling
 * needs a note. When base_version is not the task's version, nothing is
 * written and ERR_CONFLICT says "changed by NAME at TIME (now version N)". */
enum err_code store_task_update(struct store *s, const struct identity *who, const struct task_update *u,
                                struct write_result *r, struct error *e);

/* Would who be allowed act (ACT_SET_STATUS, ACT_NOTE, ...) on task code as
 * it is now? For a form that should not offer what would be refused; the
 * writes check again. ERR_OK, ERR_NOT_FOUND, or the refusal in e. */
enum err_code store_task_may(struct store *s, const struct identity *who, const char *code,
                             enum auth_action act, struct error *e);

/* Set the status (key or label) of task code's milestone for year (quarter
 * 1-4, or 0 for the whole year). ACT_MILESTONE. */
enum err_code store_milestone_set(struct store *s, const struct identity *who, const char *code, int year,
                                  int quarter, const char *status, const char *note,
                                  struct write_result *r, struct error *e);

struct assignment {
	const char *code;
	const char *lead;          /* department (short or full name); NULL: unchanged */
	const char *const *coop;   /* with set_coop: the new cooperating departments */
	size_t ncoop;
	bool set_coop;
	bool confirm;              /* make a provisional assignment confirmed */
};

/* Change who leads and who cooperates on a task (admin only). Raises the
 * task's version like any other change. */
enum err_code store_assign(struct store *s, const struct identity *who, const struct assignment *a,
                           struct write_result *r, struct error *e);

/* ---- indicators and departments ------------------------------------------------------ */

struct actual_update {
	const char *indicator;     /* its exact name, or a part only one indicator's name contains */
	int year;
	double value;
	const char *unit;          /* typed after the value ("%"): NULL or "" for none, else the indicator's own */
};

/* Record the actual value of an indicator for a year (admin only). A unit
 * that is not the indicator's is refused (ERR_INVALID), saying which it
 * is. On success *name (when name is not NULL) gets the indicator's full
 * name, malloc'd; otherwise NULL. */
enum err_code store_actual_set(struct store *s, const struct identity *who, const struct actual_update *a,
                               struct write_result *r, char **name, struct error *e);

/* Add a department (admin only). */
enum err_code store_dept_add(struct store *s, const struct identity *who, const char *short_name,
                             const char *name, struct error *e);

/* Rename a department: new short name, and a new full name unless NULL. */
enum err_code store_dept_rename(struct store *s, const struct identity *who, const char *short_name,
                                const char *new_short, const char *new_name, struct write_result *r,
                                struct error *e);

/* ---- users (src/store_users.c) ----------------------------------------------------------- */

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

/* ---- the change log (src/store_log.c) ------------------------------------------------------ */

struct log_row {
	long long id;
	long long version;         /* the task's version after the change; 0: not a task change */
	const char *at, *who, *kind, *item, *field, *old, *new_value, *note;
	const char *actor;         /* who really made it, when not who (--user); NULL: who did */
};

struct log_filter {
	const char *code;          /* one task; NULL: all */
	const char *dept;          /* changes to tasks this department leads, and to it */
	const char *since;         /* YYYY-MM-DD: from that day on (UTC); NULL: all */
};
typedef int (*log_cb)(const struct log_row *, void *ctx);

/* The change log, oldest first. ERR_NOT_FOUND for an unknown task or
 * department. */
enum err_code store_log_each(struct store *s, const struct log_filter *f, log_cb cb, void *ctx, struct error *e);

#endif
