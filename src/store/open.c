/* store: opening, creating and migrating the database.
 *
 * A database is ours when its application_id is PLANCON_APP_ID. Before we
 * write anything to an existing file we check that it is SQLite, that it is
 * ours, and that its schema is not newer than this code: a file that fails
 * any of these is refused and left exactly as it was. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plancon/embedded.h"
#include "plancon/store_planfile.h"
#include "plancon/xalloc.h"

#define PLANCON_APP_ID 0x706c636e   /* "plcn" */
#define BUSY_TIMEOUT_MS 5000        /* then "database busy, try again" */
#define BUSY_FIRST_US 100           /* the first wait for a locked database; each next one */
#define BUSY_MAX_US 20000           /* is twice as long, up to this */

static const char *
embedded(const char *path)
{
	for (const struct embedded_file *f = embedded_files; f->path; f++)
		if (!strcmp(f->path, path))
			return f->data;
	return NULL;
}

/* The SQL that brings a database to version v: schema.sql for 1, the
 * migration numbered v otherwise. */
static const char *
migration(int v)
{
	if (v == 1)
		return embedded("db/schema.sql");
	for (const struct embedded_file *f = embedded_files; f->path; f++) {
		const char *name = f->path;
		if (strncmp(name, "db/migrations/", 14))
			continue;
		if (atoi(name + 14) == v)
			return f->data;
	}
	return NULL;
}

int
store_schema_version(void)
{
	int v = 1;
	while (migration(v + 1))
		v++;
	return v;
}

const char *
store_bundled_plan(void)
{
	for (const struct embedded_file *f = embedded_files; f->path; f++)
		if (!strncmp(f->path, "db/plan/", 8))
			return f->data;
	return NULL;
}

char *
store_default_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/plancon/plan.db", xdg);
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return xasprintf("%s/.local/share/plancon/plan.db", home);
	return NULL;
}

const char *store_path(const struct store *s) { return s->path; }
bool store_readonly(const struct store *s) { return s->readonly; }

/* ---- helpers shared by the store's files ---------------------------------- */

enum err_code
store_fail(struct store *s, struct error *e, const char *what)
{
	int rc = sqlite3_extended_errcode(s->db);
	const char *msg = sqlite3_errmsg(s->db);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, ERR_BUSY, _("%s: database busy, try again"), what);
	case SQLITE_READONLY:
		return err_set(e, ERR_READONLY, _("%s: %s is read-only"), what, s->path);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(e, ERR_CORRUPT, _("%s: %s is damaged (%s); run 'plancon check' or restore a backup"),
		               what, s->path, msg);
	case SQLITE_FULL:
		return err_set(e, ERR_IO, _("%s: disk full, nothing was saved"), what);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return err_set(e, ERR_IO, "%s: %s: %s", what, s->path, msg);
	case SQLITE_CONSTRAINT:
		return err_set(e, ERR_INVALID, "%s: %s", what, msg);
	default:
		return err_set(e, ERR_DB, "%s: %s", what, msg);
	}
}

sqlite3_stmt *
store_stmt(struct store *s, const char *sql, struct error *e)
{
	for (int i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].stmt);
			sqlite3_clear_bindings(s->cache[i].stmt);
			return s->cache[i].stmt;
		}
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		store_fail(s, e, _("query"));
		return NULL;
	}
	if (s->ncache < STORE_STMT_CACHE) {
		s->cache[s->ncache].sql = sql;
		s->cache[s->ncache].stmt = st;
		s->ncache++;
	} else {
		/* Full: replace the oldest entry. Rare; keeps memory bounded. */
		sqlite3_finalize(s->cache[0].stmt);
		memmove(&s->cache[0], &s->cache[1], sizeof s->cache[0] * (STORE_STMT_CACHE - 1));
		s->cache[STORE_STMT_CACHE - 1].sql = sql;
		s->cache[STORE_STMT_CACHE - 1].stmt = st;
	}
	return st;
}

void
store_bind_text(sqlite3_stmt *st, int i, const char *t)
{
	if (t)
		sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

const char *
store_col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

void
store_col_copy(char *out, size_t n, sqlite3_stmt *st, int i)
{
	const char *v = store_col(st, i);
	snprintf(out, n, "%s", v ? v : "");
}

char *
store_col_dup(sqlite3_stmt *st, int i)
{
	const char *v = store_col(st, i);
	return xstrdup(v ? v : "");
}

enum err_code
store_exec(struct store *s, const char *sql, struct error *e)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, e, _("database"));
	return ERR_OK;
}

enum err_code
store_begin(struct store *s, struct error *e)
{
	if (s->readonly)
		return err_set(e, ERR_READONLY, _("%s is open read-only (the file, its directory or its file system "
		               "cannot be written); nothing was changed"), s->path);
	return store_exec(s, "BEGIN IMMEDIATE", e);
}

enum err_code
store_commit(struct store *s, struct error *e)
{
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		enum err_code c = store_fail(s, e, _("saving"));
		store_rollback(s);
		return c;
	}
	return ERR_OK;
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

enum err_code
store_finish(struct store *s, sqlite3_stmt *st, int rc, struct error *e)
{
	enum err_code c = ERR_OK;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		c = store_fail(s, e, "reading");
	sqlite3_reset(st);
	return c;
}

enum err_code
store_id_of(struct store *s, const char *sql, const char *key, long long *id, struct error *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return ERR_OK;
	return rc == SQLITE_DONE ? ERR_NOT_FOUND : store_fail(s, e, _("reading"));
}

enum err_code
store_end(struct store *s, enum err_code c, struct error *e)
{
	if (c) {
		store_rollback(s);
		return c;
	}
	return store_commit(s, e);
}

static int
pragma_int(struct store *s, const char *sql, int *out)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

char *
store_meta_get(struct store *s, const char *key)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = ?1";
	struct error e;
	sqlite3_stmt *st = store_stmt(s, sql, &e);
	if (!st)
		return NULL;
	store_bind_text(st, 1, key);
	char *r = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && store_col(st, 0))
		r = xstrdup(store_col(st, 0));
	sqlite3_reset(st);
	return r;
}

void
store_remove_files(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);
		unlink(p);
		free(p);
	}
}

bool
store_is_demo(struct store *s)
{
	char *v = store_meta_get(s, "demo");
	bool demo = v && !strcmp(v, "1");
	free(v);
	return demo;
}

long long
store_data_version(struct store *s)
{
	int v = 0;
	pragma_int(s, "PRAGMA data_version", &v);
	return v;
}

/* FULL: a commit waits for an fsync of the write-ahead log, so whatever was
 * acknowledged survives a power cut. NORMAL (with WAL): the log is synced
 * at checkpoints only; a power cut or an OS crash may undo the last
 * commits, but leaves a sound database, and a crash of plancon alone loses
 * nothing. See [core] sync in plancon.ini(5). */
enum err_code
store_sync_apply(struct store *s, struct error *e)
{
	return store_exec(s, s->sync_normal ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL", e);
}

const char *
store_synchronous(struct store *s)
{
	static const char *const names[] = { "off", "normal", "full", "extra" };
	int v = -1;
	if (pragma_int(s, "PRAGMA synchronous", &v) || v < 0 || v > 3)
		return NULL;
	return names[v];
}

/* ---- opening ---------------------------------------------------------------- */

static int
mkdir_parents(const char *path)
{
	char *dir = xstrdup(path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

/* "file:" URI of path with immutable=1: every byte outside a safe set is
 * percent-encoded; an absolute path gets an empty authority ("file:///"). */
static char *
immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *uri = xmalloc(3 * n + 32), *p = uri;
	p += sprintf(p, "file:%s", path[0] == '/' ? "//" : "");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    strchr("/._~-", *c)) {
			*p++ = (char)*c;
		} else {
			*p++ = '%';
			*p++ = hex[*c >> 4];
			*p++ = hex[*c & 15];
		}
	}
	strcpy(p, "?immutable=1");
	return uri;
}

/* Waiting for a locked database. SQLite's own busy handler sleeps 1, 2, 5,
 * 10 ... 100 ms between tries, so a writer may wake up to 100 ms after a
 * lock that lasted a fraction of a millisecond was freed. This one tries
 * again after 0.1 ms and doubles each wait up to 20 ms: a short wait ends
 * soon after the lock is freed, and writers that keep finding it taken
 * back off, because each time the lock changes hands its new holder reads
 * its pages afresh (with 8 writers saving without pause, a 2 ms cap made
 * fewer updates a second than 20 ms). It gives up when the waits add up to
 * BUSY_TIMEOUT_MS, as sqlite3_busy_timeout does. */
static int
busy_handler(void *arg, int count)
{
	(void)arg;
	long long waited = 0, wait = BUSY_FIRST_US;
	for (int k = 0; k < count; k++) {
		waited += wait;
		wait = wait * 2 < BUSY_MAX_US ? wait * 2 : BUSY_MAX_US;
	}
	if (waited + wait > BUSY_TIMEOUT_MS * 1000LL) {
		wait = BUSY_TIMEOUT_MS * 1000LL - waited;
		if (wait <= 0)
			return 0;
	}
	struct timespec ts = { .tv_sec = 0, .tv_nsec = (long)wait * 1000 };
	nanosleep(&ts, NULL);   /* interrupted by a signal: tries again sooner, no harm */
	return 1;
}

/* SQLite reads a WAL database without write access only when its -wal and
 * -shm files exist (SQLite 3.22+; plancon keeps them, see open_at) or when
 * it is opened as immutable. So when a read-only open cannot start a read
 * (SQLITE_CANTOPEN or SQLITE_READONLY: a read-only mount, or a directory we
 * may not write, and no -shm), we reopen with immutable=1 -- but only when there is no -wal
 * file with content: then everything committed is in the main file, and no
 * writer can be at work through this path, as it would need the -shm too. */
int
store_sqlite_open(const char *path, bool readonly, bool create, sqlite3 **db)
{
	int flags = SQLITE_OPEN_FULLMUTEX | (readonly ? SQLITE_OPEN_READONLY :
	            SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0));
	int rc = sqlite3_open_v2(path, db, flags, NULL);
	if (rc == SQLITE_OK)
		sqlite3_busy_handler(*db, busy_handler, NULL);
	if (rc != SQLITE_OK || !readonly)
		return rc;
	rc = sqlite3_exec(*db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL);
	if (rc != SQLITE_CANTOPEN && rc != SQLITE_READONLY)
		return SQLITE_OK;   /* other errors: the caller's first read reports them */
	char *wal = xasprintf("%s-wal", path);
	struct stat sb;
	bool pending = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	if (pending)
		return SQLITE_OK;
	sqlite3_close(*db);
	char *uri = immutable_uri(path);
	rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL);
	free(uri);
	if (rc == SQLITE_OK)
		sqlite3_busy_handler(*db, busy_handler, NULL);
	return rc;
}

/* ---- the file ---------------------------------------------------------------- */

/* What st is, for a message: "a directory", "a named pipe (FIFO)", ... */
static const char *
file_kind(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		return _("a directory");
	if (S_ISFIFO(st->st_mode))
		return _("a named pipe (FIFO)");
	if (S_ISCHR(st->st_mode))
		return _("a character device");
	if (S_ISBLK(st->st_mode))
		return _("a block device");
	if (S_ISSOCK(st->st_mode))
		return _("a socket");
	return _("a special file");
}

/* ERR_OK when name (path or one of its companions) is a regular file or
 * absent (*exists says which); else refused, naming what it is. */
static enum err_code
file_check(const char *name, bool *exists, struct stat *st, struct error *e)
{
	*exists = false;
	if (stat(name, st) != 0) {
		if (errno == ENOENT)
			return ERR_OK;
		return err_set(e, ERR_IO, "%s: %s", name, strerror(errno));
	}
	*exists = true;
	if (!S_ISREG(st->st_mode))
		return err_set(e, ERR_REFUSED, _("%s is %s, not a database file; it was not opened"), name, file_kind(st));
	return ERR_OK;
}

enum err_code
store_file_check(const char *path, bool *exists, long long *size, struct error *e)
{
	static const char *const companions[] = { "-wal", "-shm", "-journal" };
	struct stat st;
	enum err_code c = file_check(path, exists, &st, e);
	if (c)
		return c;
	*size = *exists ? (long long)st.st_size : 0;
	/* SQLite names them after the file a symbolic link points to. */
	char *real = *exists ? realpath(path, NULL) : NULL;
	for (size_t i = 0; i < sizeof companions / sizeof companions[0] && !c; i++) {
		char *name = xasprintf("%s%s", real ? real : path, companions[i]);
		bool there;
		c = file_check(name, &there, &st, e);
		free(name);
	}
	free(real);
	return c;
}

int
store_file_open(const char *path, struct stat *st, struct error *e)
{
	bool exists;
	long long size;
	if (store_file_check(path, &exists, &size, e))
		return -2;
	if (!exists)
		return -1;
	/* O_NONBLOCK: should path have become a FIFO since, open() returns
	 * at once, and fstat says so. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return -1;
		err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
		return -2;
	}
	if (fstat(fd, st) != 0)
		err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
	else if (!S_ISREG(st->st_mode))
		err_set(e, ERR_REFUSED, _("%s is %s, not a database file; it was not opened"), path, file_kind(st));
	else
		return fd;
	close(fd);
	return -2;
}

/* What is in the file: 0 missing, 1 looks like SQLite, -1 something else. */
static int
sniff(const char *path, struct error *e)
{
	struct stat sb;
	int fd = store_file_open(path, &sb, e);
	if (fd == -1)
		return 0;
	if (fd < 0)
		return -2;
	char head[16] = { 0 };
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n == 16 && !memcmp(head, "SQLite format 3", 16))
		return 1;
	err_set(e, ERR_CORRUPT, _("%s is not a plancon database (%s); it was not changed. "
	        "Check the path, or restore it from a backup"), path,
	        n == 0 ? _("the file is empty") : _("no SQLite header"));
	return -1;
}

static bool
dir_writable(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	const char *d = ".";
	if (slash) {
		*slash = '\0';
		d = slash == dir ? "/" : dir;
	}
	bool ok = access(d, W_OK) == 0;
	free(dir);
	return ok;
}

static enum err_code
migrate(struct store *s, int from, int to, struct error *e)
{
	enum err_code c = store_begin(s, e);
	if (c)
		return c;
	for (int v = from + 1; v <= to; v++) {
		const char *sql = migration(v);
		if (!sql || sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			char what[64];
			snprintf(what, sizeof what, _("upgrading the database to version %d"), v);
			c = sql ? store_fail(s, e, what) : err_set(e, ERR_DB, _("%s: missing"), what);
			return store_end(s, c, e);
		}
	}
	char *sql = xasprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", to, PLANCON_APP_ID);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		c = store_fail(s, e, _("upgrading the database"));
	free(sql);
	return store_end(s, c, e);
}

static enum err_code
create(struct store *s, unsigned flags, int target, struct error *e)
{
	enum err_code c = migrate(s, 0, target, e);
	if (c)
		return c;
	if (flags & STORE_EMPTY)
		return ERR_OK;
	const char *plan = store_bundled_plan();
	if (!plan)
		return err_set(e, ERR_DB, _("no bundled plan in this build"));
	return store_import(s, plan, strlen(plan), e);
}

static enum err_code
open_at(struct store **out, const char *path, unsigned flags, int target, struct error *e)
{
	*out = NULL;
	int kind = sniff(path, e);
	if (kind < 0)
		return e->code;
	bool fresh = kind == 0;
	if (fresh && !(flags & STORE_CREATE))
		return err_set(e, ERR_NOT_FOUND, _("%s: no such database"), path);
	if (fresh && (flags & STORE_READONLY))
		return err_set(e, ERR_NOT_FOUND, _("%s: no such database (and read-only was asked for)"), path);
	if (fresh && mkdir_parents(path) != 0)
		return err_set(e, ERR_IO, _("%s: cannot create its directory: %s"), path, strerror(errno));

	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->sync_normal = flags & STORE_SYNC_NORMAL;
	s->readonly = (flags & STORE_READONLY) ||
	              (!fresh && (access(path, W_OK) != 0 || !dir_writable(path)));
	if (store_sqlite_open(path, s->readonly, fresh, &s->db) != SQLITE_OK) {
		enum err_code c = store_fail(s, e, _("opening"));
		store_close(s);
		return c;
	}
	sqlite3_extended_result_codes(s->db, 1);
	if (store_search_register(s->db) != SQLITE_OK) {
		enum err_code c = store_fail(s, e, _("opening"));
		store_close(s);
		return c;
	}

	int version = 0, app = 0;
	if (pragma_int(s, "PRAGMA user_version", &version) || pragma_int(s, "PRAGMA application_id", &app)) {
		enum err_code c;
		if (s->readonly && (sqlite3_errcode(s->db) == SQLITE_CANTOPEN || sqlite3_errcode(s->db) == SQLITE_READONLY))
			c = err_set(e, ERR_READONLY, _("%s cannot be read: it is read-only and was not closed cleanly "
			            "(%s-wal holds changes not yet in it); open it once with write access to recover them"),
			            path, path);
		else
			c = store_fail(s, e, _("reading"));
		store_close(s);
		return c;
	}
	if (!fresh && app != PLANCON_APP_ID) {
		err_set(e, ERR_CORRUPT, _("%s is an SQLite database but not a plancon database; it was not changed"), path);
		store_close(s);
		return ERR_CORRUPT;
	}
	if (version > store_schema_version()) {
		err_set(e, ERR_TOO_NEW, _("%s was made by a newer plancon (schema version %d; this plancon knows "
		        "up to %d); it was not changed. Upgrade plancon to use it"), path, version,
		        store_schema_version());
		store_close(s);
		return ERR_TOO_NEW;
	}
	/* Reading the schema catches a damaged file before anything is written. */
	int n = 0;
	if (pragma_int(s, "SELECT count(*) FROM sqlite_schema", &n)) {
		enum err_code c = store_fail(s, e, _("reading"));
		store_close(s);
		return c;
	}
	sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (!s->readonly) {
		sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; PRAGMA journal_size_limit = 4194304", NULL, NULL, NULL);
		struct error ignored;   /* the default synchronous = FULL stays */
		store_sync_apply(s, &ignored);
		/* Keep the -wal and -shm files after the last close, so that the
		 * database can still be read where it cannot be written (see
		 * store_sqlite_open). The size limit empties the -wal on close. */
		int persist = 1;
		sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
		enum err_code c = ERR_OK;
		if (fresh)
			c = create(s, flags, target, e);
		else if (version < target)
			c = migrate(s, version, target, e);
		if (c) {
			store_close(s);
			if (fresh)
				unlink(path);
			return c;
		}
	} else if (version < target) {
		err_set(e, ERR_READONLY, _("%s needs an upgrade (version %d to %d) but is read-only"), path,
		        version, target);
		store_close(s);
		return ERR_READONLY;
	}
	*out = s;
	return ERR_OK;
}

enum err_code
store_open(struct store **out, const char *path, unsigned flags, struct error *e)
{
	return open_at(out, path, flags, store_schema_version(), e);
}

enum err_code
store_open_version(struct store **out, const char *path, unsigned flags, int target, struct error *e)
{
	if (target < 1 || target > store_schema_version())
		return err_set(e, ERR_INVALID, _("no schema version %d"), target);
	return open_at(out, path, flags, target, e);
}

void
store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].stmt);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}
