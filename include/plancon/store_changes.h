/* store_changes: the change log read back: one reader and one row for
 * every view of it (plancon log, show, the console's detail pane). Its
 * rows are written by the triggers of db/migrations/0002_users_audit.sql
 * whenever a write changes something, and never changed or deleted.
 * Conventions: store.h. */
#ifndef PLANCON_STORE_CHANGES_H
#define PLANCON_STORE_CHANGES_H

#include "plancon/store.h"

struct change_row {
	long long id;
	long long task_id;         /* 0: not a change to a task */
	long long version;         /* the task's version after the change; 0: not a task change */
	const char *at, *who, *kind, *item, *field, *old, *new_value, *note;
	const char *actor;         /* who really made it, when not who (--user); NULL: who did */
};

struct change_filter {
	long long task_id;         /* one task by id; 0: see code */
	const char *code;          /* one task by code (when task_id is 0); NULL: every task */
	const char *dept;          /* changes to tasks this department leads, and to it; NULL: all */
	const char *since;         /* YYYY-MM-DD: from that day on (UTC); NULL: all */
	int limit;                 /* > 0: the latest limit changes, newest first; 0: all, oldest first */
};
typedef int (*change_cb)(const struct change_row *, void *ctx);

/* The changes f selects (f NULL: all, oldest first). One task's come from
 * the index on the task, so they cost the same in a log of any size.
 * ERR_NOT_FOUND for an unknown task code or department. */
enum err_code store_changes_each(struct store *s, const struct change_filter *f, change_cb cb, void *ctx,
                                 struct error *e);

#endif
