/* store: the plan database. The only module that includes sqlite3.h; every
 * SQL statement of plancon lives in src/store/. This header opens and
 * closes it; one header per resource holds the rest:
 *   store_plan.h      parts, chapters, sections, documents, departments, indicators
 *   store_tasks.h     tasks and their milestones: lists, counts, searches, writes
 *   store_changes.h   the change log
 *   store_users.h     users, identities, the SSH access log
 *   store_planfile.h  the plan file: import and export
 *   store_report.h    report aggregates and the late list
 *   store_maint.h     backup and check
 *   store_demo.h      the demo's plan
 *   store_evidence.h  evidence files of the supervision cycle's reports
 * Reads hand rows to a callback (strings valid only during the call; the
 * callback returns 0 to go on, non-zero to stop); each write runs in one
 * BEGIN IMMEDIATE transaction. Every function that takes a struct error
 * takes a real one (never NULL): on failure it says why. */
#ifndef PLANCON_STORE_H
#define PLANCON_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "plancon/error.h"

struct store;

enum {
	STORE_CREATE   = 1 << 0,   /* create the file with the bundled plan if missing */
	STORE_READONLY = 1 << 1,   /* open read-only */
	STORE_EMPTY    = 1 << 2,   /* with STORE_CREATE: schema only, no bundled plan */
	STORE_SYNC_NORMAL = 1 << 3,  /* commits do not wait for the disk ([core] sync = normal) */
};

/* ---- opening ------------------------------------------------------------- */

/* The default database path: $XDG_DATA_HOME/plancon/plan.db or
 * ~/.local/share/plancon/plan.db. Malloc'd; NULL when HOME is unknown. */
char *store_default_path(void);

/* The one check of what the database's path names, made before anything
 * opens it (store_open, check, import): ERR_OK when it is a regular file
 * (a symbolic link to one is fine) with *size its size, or when nothing is
 * there (*exists false); ERR_REFUSED, naming what it is, for a FIFO (whose
 * open() would wait forever), a device, a directory or a socket, and the
 * same for its -wal, -shm and -journal files. */
enum err_code store_file_check(const char *path, bool *exists, long long *size, struct error *e);

/* Open (and, with STORE_CREATE, create) the database at path, upgrading an
 * older schema in one transaction. Refuses a newer schema, a file that is
 * not a plancon database, and a damaged one, without modifying it. A file
 * that cannot be written is opened read-only (see store_readonly). Each
 * commit waits for the disk (survives a power cut) unless STORE_SYNC_NORMAL
 * is given: then a power cut may undo the last commits, but not damage the
 * file. A locked database is waited for up to 5 s, then ERR_BUSY. */
enum err_code store_open(struct store **out, const char *path, unsigned flags, struct error *e);
void store_close(struct store *s);

/* Like store_open, but migrate only up to version target (for testing
 * upgrades: make a database as an older plancon would have). */
enum err_code store_open_version(struct store **out, const char *path, unsigned flags,
                                 int target, struct error *e);

/* The path given to store_open. */
const char *store_path(const struct store *s);
/* True when the database was opened read-only. */
bool store_readonly(const struct store *s);
/* The schema version of the code (latest migration). */
int store_schema_version(void);
/* How this connection's commits reach the disk, as SQLite says
 * (PRAGMA synchronous): "off", "normal", "full" or "extra"; NULL on error. */
const char *store_synchronous(struct store *s);

/* ---- meta ---------------------------------------------------------------- */

/* A value of the meta table ("demo" = "1" for a demo database, "source"),
 * malloc'd, or NULL. */
char *store_meta_get(struct store *s, const char *key);

/* Remove the database file path and the files SQLite keeps beside it
 * (-wal, -shm, -journal): a database that is being thrown away. */
void store_remove_files(const char *path);

/* Is this a demo database (meta "demo" = "1")? */
bool store_is_demo(struct store *s);

/* Counter that changes when another connection commits (PRAGMA
 * data_version): poll it to learn that what is on screen is stale. */
long long store_data_version(struct store *s);

/* ---- writes ---------------------------------------------------------------- */

/* Every write runs in one BEGIN IMMEDIATE transaction that first reads what
 * it is about to change, asks auth whether `who` may change it, and then
 * writes; the change log is written by triggers
 * (db/migrations/0002_users_audit.sql), so no write can leave it out. */

/* The longest note accepted, in characters (not bytes). */
enum { STORE_NOTE_MAX = 2000 };

/* What a write did. */
struct write_result {
	bool changed;              /* false: nothing differed; nothing was written */
	long long version;         /* task writes: the task's version afterwards */
	char at[24];               /* when (UTC, ISO 8601), "" when nothing changed */
};

#endif
