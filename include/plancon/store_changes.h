/* store_changes: the change log read back. Its rows are written by the
 * triggers of db/migrations/0002_users_audit.sql whenever a write changes
 * something, and never changed or deleted. Conventions: store.h. */
#ifndef PLANCON_STORE_CHANGES_H
#define PLANCON_STORE_CHANGES_H

#include "plancon/store.h"

struct change_row {
	long long id, task_id;
	const char *at, *who, *kind, *item, *field, *old, *new_value, *note;
	const char *actor;             /* who really made it, when not who (--user); NULL: who did */
};

struct change_filter {
	const char *code;              /* one task; NULL: all */
	const char *dept;              /* tasks led by this department */
	const char *since;             /* YYYY-MM-DD; NULL: all */
	long long task_id;             /* 0: any */
	int limit;                     /* newest first when > 0; 0: all, oldest first */
};
typedef int (*change_cb)(const struct change_row *, void *ctx);

enum err_code store_changes_each(struct store *s, const struct change_filter *f, change_cb cb, void *ctx, struct error *e);

/* The latest limit changes of one task, newest first: one index lookup. */
enum err_code store_task_changes_each(struct store *s, long long task_id, int limit, change_cb cb, void *ctx,
                                      struct error *e);

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
