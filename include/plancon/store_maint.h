/* store_maint: keeping the database safe. An online backup that is
 * consistent while others write, and a check that reports damage in plain
 * words. Conventions: store.h. */
#ifndef PLANCON_STORE_MAINT_H
#define PLANCON_STORE_MAINT_H

#include <stddef.h>

#include "plancon/error.h"
#include "plancon/store.h"

/* Copy the database of s to dest with SQLite's online backup API, as one
 * consistent snapshot even while other processes write. The copy is made
 * in a temporary file beside dest, checked (quick_check), synced and only
 * then given its name, so dest is either absent or complete. Refuses
 * (ERR_REFUSED) when dest exists. On success stores the size of the copy in
 * bytes in *bytes (may be NULL). */
enum err_code store_backup(struct store *s, const char *dest, long long *bytes, struct error *e);

/* One problem store_verify found, in plain words (valid during the call). */
typedef void (*verify_cb)(const char *problem, void *ctx);

/* Check the database file at path without changing it (opened read-only):
 * that it is SQLite, that it is a plancon database, SQLite's integrity
 * check and the foreign-key check. Calls cb for each problem and stores
 * their number in *problems. Returns ERR_OK when the checks ran (whatever
 * they found), ERR_NOT_FOUND when path does not exist, ERR_IO when it
 * cannot be read at all. */
enum err_code store_verify(const char *path, verify_cb cb, void *ctx, int *problems, struct error *e);

#endif
