/* Unit tests for the store: creating a database with the bundled plan,
 * reopening it, upgrading one made at schema version 1, refusing a newer
 * one and damaged or foreign files without changing a byte, the schema's
 * constraints, the plan file's validation messages, keyset paging, and
 * the sums behind every mean progress (from the tallies and from the tasks),
 * and the one search rule through every query that searches.
 * Each test works in its own temporary directory. sqlite3 is used directly
 * only to craft files the way other programs (or older plancons) would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "plancon/model.h"
#include "plancon/store_plan.h"
#include "plancon/store_planfile.h"
#include "plancon/store_report.h"
#include "plancon/store_tasks.h"
#include "plancon/xalloc.h"

#include "dbdir.h"

/* ---- helpers ---------------------------------------------------------------- */

/* The bytes of a file (malloc'd, *len set), or NULL when it is missing. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	size_t cap = 1 << 16, n = 0, got;
	char *buf = xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(fp);
	*len = n;
	return buf;
}

static void
spit(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static bool
exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* A fresh database with the bundled plan at path, closed again. */
static void
make_db(const char *path)
{
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	if (store_open(&s, path, STORE_CREATE, &e) != ERR_OK)
		fail_msg("store_open: %s", e.msg);
	store_close(s);
}

/* Run SQL on path with sqlite3 directly; returns sqlite3's result code. */
static int
raw_exec(const char *path, const char *sql, char *msg, size_t msglen)
{
	sqlite3 *db;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		char *err = NULL;
		rc = sqlite3_exec(db, sql, NULL, NULL, &err);
		if (msg)
			snprintf(msg, msglen, "%s", err ? err : "");
		sqlite3_free(err);
	}
	sqlite3_close(db);
	return rc;
}

static int
raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int v = -1;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static int count_cb(const void *row, void *ctx) { (void)row; (*(int *)ctx)++; return 0; }
static int part_count(const struct part_row *r, void *ctx) { return count_cb(r, ctx); }
static int chapter_count(const struct chapter_row *r, void *ctx) { return count_cb(r, ctx); }
static int dept_count(const struct dept_row *r, void *ctx) { return count_cb(r, ctx); }
static int indicator_count(const struct indicator_row *r, void *ctx) { return count_cb(r, ctx); }
static int milestone_count(const struct milestone_row *r, void *ctx) { return count_cb(r, ctx); }

struct counts { int parts, chapters, tasks, depts, indicators, milestones; };

static struct counts
count_all(struct store *s)
{
	struct counts c = { 0 };
	struct error e;
	long long n = 0;
	err_clear(&e);
	assert_int_equal(store_parts_each(s, part_count, &c.parts, &e), ERR_OK);
	assert_int_equal(store_chapters_each(s, 0, chapter_count, &c.chapters, &e), ERR_OK);
	assert_int_equal(store_tasks_count(s, NULL, 0, &n, &e), ERR_OK);
	c.tasks = (int)n;
	assert_int_equal(store_depts_each(s, NULL, dept_count, &c.depts, &e), ERR_OK);
	assert_int_equal(store_indicators_each(s, indicator_count, &c.indicators, &e), ERR_OK);
	assert_int_equal(store_milestones_each(s, 0, milestone_count, &c.milestones, &e), ERR_OK);
	return c;
}

static void
assert_bundled(struct store *s)
{
	struct counts c = count_all(s);
	assert_int_equal(c.parts, 3);
	assert_int_equal(c.chapters, 6);
	assert_int_equal(c.tasks, 35);
	assert_int_equal(c.depts, 22);
	assert_int_equal(c.indicators, 5);
	assert_true(c.milestones > 0);
}

/* The bytes of path's companion file (suffix "-wal", ...), NULL if none. */
static char *
companion(const char *path, const char *suffix, size_t *len)
{
	char *p = xasprintf("%s%s", path, suffix);
	char *bytes = slurp(p, len);
	free(p);
	return bytes;
}

/* store_open on path must fail with code, the message naming the file and
 * containing what; the file, and its write-ahead log if it has one, must be
 * byte for byte as before, and no journal may appear beside it. (plancon
 * keeps a database's -wal and -shm files after closing it, so they may
 * exist before; the -shm is only an index SQLite rebuilds.) */
static void
assert_refused(const char *path, unsigned flags, enum err_code code, const char *what)
{
	size_t n0 = 0, n1 = 0, w0 = 0, w1 = 0, j;
	char *before = slurp(path, &n0), *wal_before = companion(path, "-wal", &w0);
	char *shm_before = companion(path, "-shm", &j);
	struct store *s = (struct store *)&n0;   /* must be reset to NULL */
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, path, flags, &e), code);
	assert_null(s);
	assert_int_equal(e.code, code);
	if (!strstr(e.msg, path) || !strstr(e.msg, what))
		fail_msg("message \"%s\" should name %s and say \"%s\"", e.msg, path, what);
	char *after = slurp(path, &n1), *wal_after = companion(path, "-wal", &w1);
	assert_non_null(after);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	/* A read-only connection to a WAL database may leave an empty -wal
	 * (and its -shm) it could not remove; nothing is written into them. */
	bool empty_ro_wal = !wal_before && wal_after && w1 == 0 && (flags & STORE_READONLY);
	if ((wal_before || wal_after) && !empty_ro_wal) {
		if (!wal_before || !wal_after)
			fail_msg("%s-wal %s", path, wal_before ? "was removed" : "was created");
		assert_int_equal(w0, w1);
		assert_memory_equal(wal_before, wal_after, w0);
	}
	char *shm_after = companion(path, "-shm", &j), *jnl = companion(path, "-journal", &j);
	if (!shm_before && shm_after && !empty_ro_wal)
		fail_msg("%s-shm was created", path);
	assert_null(jnl);
	free(before);
	free(after);
	free(wal_before);
	free(wal_after);
	free(shm_before);
	free(shm_after);
}

/* ---- creating and opening ------------------------------------------------------ */

static void
test_create_with_bundled_plan(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_false(exists(f->path));
	assert_int_equal(store_open(&s, f->path, STORE_CREATE, &e), ERR_OK);
	assert_non_null(s);
	assert_string_equal(store_path(s), f->path);
	assert_false(store_readonly(s));
	assert_bundled(s);
	char *title = store_meta_get(s, "title");
	assert_non_null(title);
	assert_non_null(strstr(title, "山东省新型城镇化规划"));
	free(title);
	char *demo = store_meta_get(s, "demo");
	assert_string_equal(demo, "0");
	free(demo);
	assert_null(store_meta_get(s, "no such key"));
	store_close(s);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), store_schema_version());
	assert_int_equal(raw_int(f->path, "PRAGMA application_id"), 0x706c636e);
	const char *mode_sql = "SELECT journal_mode = 'wal' FROM pragma_journal_mode";
	assert_int_equal(raw_int(f->path, mode_sql), 1);
}

static void
test_create_empty(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, STORE_CREATE | STORE_EMPTY, &e), ERR_OK);
	struct counts c = count_all(s);
	assert_int_equal(c.parts + c.chapters + c.tasks + c.depts + c.indicators, 0);
	store_close(s);
}

static void
test_create_makes_directories(void **state)
{
	struct fixture *f = *state;
	char *deep = xasprintf("%s/a/b/c/plan.db", f->dir);
	make_db(deep);
	assert_true(exists(deep));
	char *dir = xasprintf("%s/a/b/c", f->dir);
	struct stat sb;
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	free(dir);
	free(deep);
}

static void
test_missing_without_create(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_NOT_FOUND);
	assert_null(s);
	assert_non_null(strstr(e.msg, f->path));
	assert_false(exists(f->path));
	assert_int_equal(store_open(&s, f->path, STORE_CREATE | STORE_READONLY, &e), ERR_NOT_FOUND);
	assert_false(exists(f->path));
}

static void
test_reopen_keeps_data(void **state)
{
	struct fixture *f = *state;
	make_db(f->path);
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);
	assert_bundled(s);
	store_close(s);
	/* STORE_CREATE on an existing database does not import again */
	assert_int_equal(store_open(&s, f->path, STORE_CREATE, &e), ERR_OK);
	assert_bundled(s);
	store_close(s);
	assert_int_equal(store_open(&s, f->path, STORE_READONLY, &e), ERR_OK);
	assert_true(store_readonly(s));
	assert_bundled(s);
	store_close(s);
}

static void
test_upgrade_from_version_1(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open_version(&s, f->path, STORE_CREATE, 1, &e), ERR_OK);
	store_close(s);
	/* The code reads the latest schema only, so look at version 1 directly. */
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM tasks"), 35);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM chapters"), 6);
	/* read-only, an old database cannot be upgraded: refused, unchanged */
	if (store_schema_version() > 1)
		assert_refused(f->path, STORE_READONLY, ERR_READONLY, "upgrade");
	/* opened at the latest version: upgraded, the plan kept */
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);
	assert_bundled(s);
	store_close(s);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), store_schema_version());
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM tasks WHERE code = '2.2.3' AND version = 1"), 1);
	/* no such versions */
	assert_int_equal(store_open_version(&s, f->path, 0, 0, &e), ERR_INVALID);
	assert_int_equal(store_open_version(&s, f->path, 0, store_schema_version() + 1, &e), ERR_INVALID);
}

static void
test_newer_version_refused(void **state)
{
	struct fixture *f = *state;
	make_db(f->path);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_version() + 1);
	assert_int_equal(raw_exec(f->path, sql, NULL, 0), SQLITE_OK);
	/* the -wal and -shm files plancon keeps are not part of the test */
	char *wal = xasprintf("%s-wal", f->path), *shm = xasprintf("%s-shm", f->path);
	unlink(wal);
	unlink(shm);
	free(wal);
	free(shm);
	assert_refused(f->path, STORE_CREATE, ERR_TOO_NEW, "newer plancon");
	assert_refused(f->path, STORE_READONLY, ERR_TOO_NEW, "newer plancon");
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), store_schema_version() + 1);
}

static void
test_garbage_refused(void **state)
{
	struct fixture *f = *state;
	char junk[8192];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 7 + 3);
	spit(f->path, junk, sizeof junk);
	assert_refused(f->path, STORE_CREATE, ERR_CORRUPT, "no SQLite header");
	spit(f->path, "short", 5);
	assert_refused(f->path, STORE_CREATE, ERR_CORRUPT, "no SQLite header");
}

static void
test_empty_file_refused(void **state)
{
	struct fixture *f = *state;
	spit(f->path, "", 0);
	assert_refused(f->path, STORE_CREATE, ERR_CORRUPT, "the file is empty");
}

static void
test_truncated_refused(void **state)
{
	struct fixture *f = *state;
	char *good = xasprintf("%s/good.db", f->dir);
	make_db(good);
	assert_int_equal(raw_exec(good, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, 0), SQLITE_OK);
	size_t n;
	char *bytes = slurp(good, &n);
	assert_true(n > 16384);
	static const size_t cuts[] = { 100, 4096, 5000, 16384 };
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		spit(f->path, bytes, cuts[i]);
		assert_refused(f->path, STORE_CREATE, ERR_CORRUPT, "damaged");
		unlink(f->path);
	}
	/* the SQLite magic followed by garbage */
	memset(bytes + 16, 0xff, 84);
	spit(f->path, bytes, n);
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, STORE_CREATE, &e), ERR_CORRUPT);
	assert_null(s);
	free(bytes);
	free(good);
}

static void
test_foreign_sqlite_refused(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(raw_exec(f->path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')", NULL, 0),
	                 SQLITE_OK);
	assert_refused(f->path, STORE_CREATE, ERR_CORRUPT, "not a plancon database");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM notes"), 1);
}

static void
test_directory_refused(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(mkdir(f->path, 0700), 0);
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, STORE_CREATE, &e), ERR_REFUSED);
	assert_null(s);
	assert_non_null(strstr(e.msg, "is a directory, not a database file"));
}

/* A FIFO is refused without being opened (open() would wait for a writer
 * forever); so is one where the -wal file goes. */
static void
test_fifo_refused(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(mkfifo(f->path, 0600), 0);
	alarm(10);                       /* a hang fails the test */
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, STORE_CREATE, &e), ERR_REFUSED);
	assert_null(s);
	assert_non_null(strstr(e.msg, "is a named pipe (FIFO), not a database file"));
	bool exists = false;
	long long size = -1;
	err_clear(&e);
	assert_int_equal(store_file_check(f->path, &exists, &size, &e), ERR_REFUSED);
	assert_true(exists);
	unlink(f->path);
	assert_int_equal(store_file_check(f->path, &exists, &size, &e), ERR_OK);
	assert_false(exists);
	char *wal = xasprintf("%s-wal", f->path);
	assert_int_equal(mkfifo(wal, 0600), 0);
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, STORE_CREATE, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "-wal is a named pipe (FIFO)"));
	unlink(wal);
	free(wal);
	alarm(0);
}

static void
test_default_path(void **state)
{
	(void)state;
	char *saved_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *saved_xdg = getenv("XDG_DATA_HOME") ? xstrdup(getenv("XDG_DATA_HOME")) : NULL;
	setenv("HOME", "/home/li", 1);
	setenv("XDG_DATA_HOME", "/data/li", 1);
	char *p = store_default_path();
	assert_string_equal(p, "/data/li/plancon/plan.db");
	free(p);
	setenv("XDG_DATA_HOME", "relative/dir", 1);      /* not absolute: ignored */
	p = store_default_path();
	assert_string_equal(p, "/home/li/.local/share/plancon/plan.db");
	free(p);
	unsetenv("XDG_DATA_HOME");
	p = store_default_path();
	assert_string_equal(p, "/home/li/.local/share/plancon/plan.db");
	free(p);
	unsetenv("HOME");
	assert_null(store_default_path());
	if (saved_home)
		setenv("HOME", saved_home, 1);
	if (saved_xdg)
		setenv("XDG_DATA_HOME", saved_xdg, 1);
	free(saved_home);
	free(saved_xdg);
}

/* ---- constraints ------------------------------------------------------------------- */

static void
test_schema_constraints(void **state)
{
	struct fixture *f = *state;
	make_db(f->path);
	static const struct { const char *sql, *want; } bad[] = {
		{ "UPDATE tasks SET status = 'someday', version = version + 1, updated_by = 't' WHERE code = '2.2.3'",
		  "CHECK constraint failed" },
		{ "UPDATE tasks SET progress = 101, version = version + 1, updated_by = 't' WHERE code = '2.2.3'",
		  "CHECK constraint failed" },
		{ "UPDATE tasks SET progress = -1, version = version + 1, updated_by = 't' WHERE code = '2.2.3'",
		  "CHECK constraint failed" },
		{ "UPDATE tasks SET status = 'done', progress = 50, version = version + 1, updated_by = 't' WHERE code = '2.2.3'",
		  "CHECK constraint failed" },
		{ "UPDATE tasks SET due_date = '2023-06-30 12:00' WHERE code = '2.2.3'", "must be real dates" },
		{ "UPDATE tasks SET due_date = '2023-02-30' WHERE code = '2.2.3'", "must be real dates" },
		{ "UPDATE tasks SET start_date = 'soon' WHERE code = '2.2.3'", "must be real dates" },
		{ "INSERT INTO tasks (pos, code, title, document_id, chapter_id, due_date) "
		  "VALUES (999, '9.9.9', 'x', 1, 1, '2024-04-31')", "must be real dates" },
		{ "UPDATE documents SET issued = '2021-13-01' WHERE id = 1", "must be a real date" },
		{ "UPDATE milestones SET status = 'late' WHERE id = (SELECT min(id) FROM milestones)", "CHECK constraint failed" },
		{ "UPDATE milestones SET quarter = 5 WHERE id = (SELECT min(id) FROM milestones)", "CHECK constraint failed" },
		{ "INSERT INTO tasks (pos, code, title, document_id, chapter_id) VALUES (999, '2.2.3', 'dup', 1, 1)",
		  "UNIQUE constraint failed" },
		{ "INSERT INTO task_coop (task_id, dept_id) VALUES (1, 9999)",
		  "FOREIGN KEY constraint failed" },
		{ "INSERT INTO changes (who, kind, item, field) VALUES ('t', 'task', '2.2.3', 'x'); "
		  "UPDATE changes SET who = 'someone else'", "append-only" },
		{ "INSERT INTO changes (who, kind, item, field) VALUES ('t', 'task', '2.2.3', 'x'); DELETE FROM changes",
		  "append-only" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char msg[512];
		/* as plancon opens it: foreign keys on */
		char *sql = xasprintf("PRAGMA foreign_keys = ON; BEGIN; %s; COMMIT", bad[i].sql);
		int rc = raw_exec(f->path, sql, msg, sizeof msg);
		free(sql);
		if ((rc & 0xff) != SQLITE_CONSTRAINT || !strstr(msg, bad[i].want))
			fail_msg("%s: expected \"%s\", got %d \"%s\"", bad[i].sql, bad[i].want, rc, msg);
	}
	/* and nothing of it stayed */
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);
	assert_bundled(s);
	store_close(s);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM tasks WHERE status <> 'not_started' OR progress <> 0"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM changes"), 0);
}

/* ---- importing a plan file ------------------------------------------------------------ */

/* A small valid plan; %s are spliced in to make it invalid. */
#define PLAN_HEAD "{\"format\": \"plancon-plan\", \"version\": 1, \"title\": \"测试规划\",\n" \
	" \"documents\": [{\"key\": \"d\", \"title\": \"文件\"}],\n" \
	" \"parts\": [{\"no\": 1, \"title\": \"第一篇\"}],\n" \
	" \"chapters\": [{\"no\": 1, \"part\": 1, \"title\": \"第一章\", \"sections\": [{\"no\": 1, \"title\": \"第一节\"}]}],\n" \
	" \"departments\": [{\"short\": \"省甲厅\", \"name\": \"山东省甲厅\"}, {\"short\": \"省乙局\", \"name\": \"山东省乙局\"}],\n"
#define TASK_OK "{\"code\": \"1.1.1\", \"title\": \"任务一\", \"document\": \"d\", \"chapter\": 1, \"section\": 1, " \
	"\"lead\": \"省甲厅\", \"cooperating\": [\"省乙局\"], \"provisional\": true, \"due\": \"2023-12-31\", " \
	"\"milestones\": [{\"year\": 2023, \"target\": \"完成\"}]}"

static enum err_code
import_into_fresh(struct fixture *f, const char *json, struct error *e)
{
	unlink(f->path);
	struct store *s = NULL;
	err_clear(e);
	if (store_open(&s, f->path, STORE_CREATE | STORE_EMPTY, e) != ERR_OK)
		fail_msg("store_open: %s", e->msg);
	enum err_code c = store_import(s, json, strlen(json), e);
	long long n = -1;
	struct error e2;
	err_clear(&e2);
	assert_int_equal(store_tasks_count(s, NULL, 0, &n, &e2), ERR_OK);
	if (c != ERR_OK)
		assert_int_equal(n, 0);     /* nothing written */
	store_close(s);
	return c;
}

static void
check_import_error(struct fixture *f, const char *json, const char *want)
{
	struct error e;
	enum err_code c = import_into_fresh(f, json, &e);
	if (c != ERR_INVALID || !strstr(e.msg, want))
		fail_msg("expected ERR_INVALID with \"%s\", got %d \"%s\" for:\n%s", want, c, e.msg, json);
}

static void
check_task_error(struct fixture *f, const char *tasks, const char *want)
{
	char *json = xasprintf(PLAN_HEAD " \"tasks\": [%s]}", tasks);
	check_import_error(f, json, want);
	free(json);
}

static void
test_import_valid(void **state)
{
	struct fixture *f = *state;
	struct error e;
	const char *json = PLAN_HEAD " \"tasks\": [" TASK_OK "],\n"
		" \"indicators\": [{\"name\": \"城镇化率\", \"unit\": \"%\", \"baseline\": {\"year\": 2020, \"value\": 63.05}, "
		"\"targets\": [{\"year\": 2025, \"value\": 68, \"op\": \"~\"}]}]}";
	assert_int_equal(import_into_fresh(f, json, &e), ERR_OK);
	struct store *s = NULL;
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);
	struct counts c = count_all(s);
	assert_int_equal(c.parts, 1);
	assert_int_equal(c.chapters, 1);
	assert_int_equal(c.tasks, 1);
	assert_int_equal(c.depts, 2);
	assert_int_equal(c.indicators, 1);
	assert_int_equal(c.milestones, 1);
	/* a second import into a database that holds a plan is refused */
	assert_int_equal(store_import(s, json, strlen(json), &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "already holds a plan"));
	assert_int_equal(count_all(s).tasks, 1);
	/* the bundled plan itself is valid */
	const char *plan = store_bundled_plan();
	assert_non_null(plan);
	store_close(s);
	assert_int_equal(import_into_fresh(f, plan, &e), ERR_OK);
}

static void
test_import_bad_values(void **state)
{
	struct fixture *f = *state;
	check_task_error(f, "{\"code\": \"1.1.1\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 1, \"status\": \"someday\"}",
	                 "plan file: tasks[0].status: unknown status \"someday\"");
	check_task_error(f, "{\"code\": \"1.1.1\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 1, \"progress\": 101}",
	                 "plan file: tasks[0].progress: expected a whole number from 0 to 100");
	check_task_error(f, "{\"code\": \"1.1.1\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 1, \"progress\": 50.5}",
	                 "tasks[0].progress: expected a whole number from 0 to 100");
	check_task_error(f, "{\"code\": \"1.1.1\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 1, "
	                 "\"status\": \"done\", \"progress\": 60}", "tasks[0]: a done task must be at 100% progress");
	check_task_error(f, TASK_OK ", {\"code\": \"1.1.2\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 1, "
	                 "\"due\": \"2023-13-01\"}", "plan file: tasks[1].due: \"2023-13-01\" is not a date (YYYY-MM-DD)");
	check_task_error(f, "{\"code\": \"1.1.1\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 1, "
	                 "\"start\": \"2023/01/01\"}", "tasks[0].start: \"2023/01/01\" is not a date");
	check_task_error(f, "{\"code\": \"1.1.1\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 1, "
	                 "\"milestones\": [{\"year\": 2023, \"quarter\": 5}]}", "tasks[0].milestones[0]: expected a whole number");
	check_task_error(f, "{\"code\": \"1.1.1\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 1, "
	                 "\"milestones\": [{\"year\": 2023, \"status\": \"late\"}]}",
	                 "tasks[0].milestones[0].status: unknown status \"late\"");
}

static void
test_import_references(void **state)
{
	struct fixture *f = *state;
	/* a duplicate code names both places */
	check_task_error(f, TASK_OK ", " TASK_OK, "plan file: tasks[1].code: \"1.1.1\" appears twice (first at tasks[0])");
	/* a department that is not in the list */
	check_task_error(f, "{\"code\": \"1.1.1\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 1, \"lead\": \"省丙委\"}",
	                 "plan file: tasks[0].lead: no department \"省丙委\"");
	check_task_error(f, "{\"code\": \"1.1.1\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 1, "
	                 "\"cooperating\": [\"省乙局\", \"省丁办\"]}", "tasks[0].cooperating[1]: no department \"省丁办\"");
	/* a chapter, section or document that does not exist */
	check_task_error(f, TASK_OK ", {\"code\": \"9.1\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 9}",
	                 "plan file: tasks[1].chapter: no chapter 9");
	check_task_error(f, "{\"code\": \"1.1.1\", \"title\": \"任务\", \"document\": \"d\", \"chapter\": 1, \"section\": 7}",
	                 "tasks[0].section: chapter 1 has no section 7");
	check_task_error(f, "{\"code\": \"1.1.1\", \"title\": \"任务\", \"document\": \"x\", \"chapter\": 1}",
	                 "tasks[0].document: no document 'x'");
	check_task_error(f, "{\"title\": \"没有编号\", \"document\": \"d\", \"chapter\": 1}",
	                 "tasks[0]: expected text \"code\" and \"title\"");
	check_import_error(f, "{\"format\": \"plancon-plan\", \"version\": 1, \"documents\": [{\"key\": \"d\", \"title\": \"t\"}], "
	                   "\"parts\": [{\"no\": 1, \"title\": \"a\"}, {\"no\": 1, \"title\": \"b\"}]}",
	                   "plan file: parts[1].no: 1 appears twice (first at parts[0])");
	check_import_error(f, "{\"format\": \"plancon-plan\", \"version\": 1, \"documents\": [{\"key\": \"d\", \"title\": \"t\"}], "
	                   "\"parts\": [{\"no\": 1, \"title\": \"a\"}], \"chapters\": [{\"no\": 1, \"part\": 2, \"title\": \"c\"}]}",
	                   "plan file: chapters[0].part: no part 2");
	check_import_error(f, "{\"format\": \"plancon-plan\", \"version\": 1, \"documents\": [{\"key\": \"d\", \"title\": \"t\"}], "
	                   "\"departments\": [{\"short\": \"省甲厅\", \"name\": \"a\"}, {\"short\": \"省甲厅\", \"name\": \"b\"}]}",
	                   "plan file: departments[1].short: \"省甲厅\" appears twice (first at departments[0])");
}

static void
test_import_not_a_plan(void **state)
{
	struct fixture *f = *state;
	check_import_error(f, "not json at all", "plan file: not valid JSON");
	check_import_error(f, "{\"format\": \"plancon-plan\", \"version\": 1, ", "not valid JSON");
	check_import_error(f, "[1, 2, 3]", "not a JSON object");
	check_import_error(f, "{\"format\": \"something-else\", \"version\": 1}", "not a plancon plan file");
	check_import_error(f, "{\"format\": \"plancon-plan\", \"version\": 2, \"documents\": [{\"key\": \"d\", \"title\": \"t\"}]}",
	                   "unsupported plan file version 2");
	check_import_error(f, "{\"format\": \"plancon-plan\", \"version\": 1, \"documents\": []}", "documents: expected a list");
	check_import_error(f, PLAN_HEAD " \"tasks\": {\"code\": \"1\"}}", "tasks: expected a list");
	/* invalid UTF-8 on line 2, in the 10th character */
	check_import_error(f, "{\"format\":\n \"plancon-\xe4\xb8plan\"}", "plan file: line 2, column 11: invalid UTF-8");
	check_import_error(f, "{\"title\": \"\xff\"}", "line 1, column 12: invalid UTF-8");
	/* a NUL byte inside the file */
	struct store *s = NULL;
	struct error e;
	unlink(f->path);
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, STORE_CREATE | STORE_EMPTY, &e), ERR_OK);
	static const char nul[] = "{\"a\":\n\"x\0y\"}";
	assert_int_equal(store_import(s, nul, sizeof nul - 1, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "line 2, column 3: a NUL byte"));
	store_close(s);
}

/* ---- keyset paging -------------------------------------------------------------------- */

struct page {
	char codes[64][16];
	long long pos[64];
	int n;
};

static int
page_row(const struct task_row *r, void *ctx)
{
	struct page *p = ctx;
	assert_true(p->n < 64);
	snprintf(p->codes[p->n], sizeof p->codes[0], "%s", r->code);
	p->pos[p->n++] = r->pos;
	return 0;
}

static void
test_keyset_paging(void **state)
{
	struct fixture *f = *state;
	make_db(f->path);
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);

	struct page all = { .n = 0 };
	assert_int_equal(store_tasks_each(s, NULL, 0, false, 0, page_row, &all, &e), ERR_OK);
	assert_int_equal(all.n, 35);
	assert_string_equal(all.codes[0], "2.1.1");
	for (int i = 1; i < all.n; i++)
		assert_true(all.pos[i] > all.pos[i - 1]);

	/* forward, 10 at a time: 10, 10, 10, 5, then nothing */
	int seen = 0;
	long long after = 0;
	static const int sizes[] = { 10, 10, 10, 5, 0 };
	for (int k = 0; k < 5; k++) {
		struct page p = { .n = 0 };
		assert_int_equal(store_tasks_each(s, NULL, after, false, 10, page_row, &p, &e), ERR_OK);
		assert_int_equal(p.n, sizes[k]);
		for (int i = 0; i < p.n; i++)
			assert_string_equal(p.codes[i], all.codes[seen + i]);
		seen += p.n;
		if (p.n)
			after = p.pos[p.n - 1];
	}
	assert_int_equal(seen, 35);

	/* backward from the end (0), 10 at a time, nearest first */
	long long before = 0;
	seen = 0;
	for (int k = 0; k < 5; k++) {
		struct page p = { .n = 0 };
		assert_int_equal(store_tasks_each(s, NULL, before, true, 10, page_row, &p, &e), ERR_OK);
		assert_int_equal(p.n, sizes[k]);
		for (int i = 0; i < p.n; i++)
			assert_string_equal(p.codes[i], all.codes[all.n - 1 - seen - i]);
		seen += p.n;
		if (p.n)
			before = p.pos[p.n - 1];
	}
	assert_int_equal(seen, 35);

	/* the page before a given row, as a console scrolling up would ask */
	struct page up = { .n = 0 };
	assert_int_equal(store_tasks_each(s, NULL, all.pos[20], true, 3, page_row, &up, &e), ERR_OK);
	assert_int_equal(up.n, 3);
	assert_string_equal(up.codes[0], all.codes[19]);
	assert_string_equal(up.codes[2], all.codes[17]);

	/* paging with a filter: the department's 9 tasks as 4, 4, 1 */
	long long dept = 0;
	assert_int_equal(store_dept_find(s, "省发展改革委", &dept, &e), ERR_OK);
	struct task_query flt = { .scope = { .kind = SCOPE_LEAD, .a = dept } };
	static const char *const dept_codes[] = { "2.1.2", "3.1.1", "4.1.1", "4.2.1", "4.2.2", "4.3.1", "4.4.1", "4.6.1", "5.3.1" };
	after = 0;
	seen = 0;
	static const int dsizes[] = { 4, 4, 1, 0 };
	for (int k = 0; k < 4; k++) {
		struct page p = { .n = 0 };
		assert_int_equal(store_tasks_each(s, &flt, after, false, 4, page_row, &p, &e), ERR_OK);
		assert_int_equal(p.n, dsizes[k]);
		for (int i = 0; i < p.n; i++)
			assert_string_equal(p.codes[i], dept_codes[seen + i]);
		seen += p.n;
		if (p.n)
			after = p.pos[p.n - 1];
	}
	long long n = 0;
	assert_int_equal(store_tasks_count(s, &flt, 0, &n, &e), ERR_OK);
	assert_int_equal(n, 9);
	/* counted before a position: the first page's 4 */
	struct page first = { .n = 0 };
	assert_int_equal(store_tasks_each(s, &flt, 0, false, 5, page_row, &first, &e), ERR_OK);
	assert_int_equal(store_tasks_count(s, &flt, first.pos[4], &n, &e), ERR_OK);
	assert_int_equal(n, 4);
	/* the full name finds the same department; an unknown one is an error */
	long long same = 0;
	assert_int_equal(store_dept_find(s, "山东省发展和改革委员会", &same, &e), ERR_OK);
	assert_int_equal(same, dept);
	assert_int_equal(store_dept_find(s, "省不存在委", &same, &e), ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "省不存在委"));
	/* a chapter by number, as the commands name it */
	long long ch = 0;
	assert_int_equal(store_chapter_find(s, 4, &ch, &e), ERR_OK);
	assert_true(ch > 0);
	assert_int_equal(store_chapter_find(s, 999, &ch, &e), ERR_NOT_FOUND);
	store_close(s);
}

static int
get_code(const struct task_row *r, void *ctx)
{
	snprintf(ctx, 16, "%s", r->code);
	return 0;
}

static void
test_task_get(void **state)
{
	struct fixture *f = *state;
	make_db(f->path);
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);
	char code[16] = "";
	assert_int_equal(store_task_get(s, "2.2.3", get_code, code, &e), ERR_OK);
	assert_string_equal(code, "2.2.3");
	assert_int_equal(store_task_get(s, "9.9.9", get_code, code, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "no task \"9.9.9\"");
	store_close(s);
}

/* store_tree_find, for searches short and long (the walk by chapter for
 * one or two characters, the trigram index from three), forward and
 * backward, against the plain SQL answer: every match in tree order. */
static int
tree_matches(const char *path, const char *text, long long *pos, int max)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int n = 0;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT t.pos FROM tasks t JOIN chapters c ON c.id = t.chapter_id JOIN parts p ON p.id = c.part_id "
		"LEFT JOIN sections x ON x.id = t.section_id WHERE instr(lower(t.title), lower(?1)) "
		"OR instr(lower(t.description), lower(?1)) OR instr(lower(t.code), lower(?1)) "
		"ORDER BY p.no, c.no, ifnull(x.no, 0), t.pos", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && n < max)
		pos[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void
test_tree_find(void **state)
{
	struct fixture *f = *state;
	struct store *s;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, STORE_CREATE, &e), ERR_OK);
	store_close(s);
	/* The plan's order (pos) need not be the tree's: reverse it. */
	assert_int_equal(raw_exec(f->path, "UPDATE tasks SET pos = 100000 - pos, version = version + 1, updated_by = 't'",
	                          NULL, 0), SQLITE_OK);
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);
	static const char *const texts[] = { "城", "智慧", "城市", "推进", "垃圾分类", "2.", "没有这个", "Q" };
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		long long want[128], got[128];
		int n = tree_matches(f->path, texts[i], want, 128);
		for (int backward = 0; backward <= 1; backward++) {
			struct task_query q = { .search = texts[i] };
			struct tree_key at, hit;
			bool found = true;
			int k = 0;
			while (k < 128) {
				long long cid, sid;
				assert_int_equal(store_tree_find(s, &q, k ? &at : NULL, backward, &found, &hit, &cid, &sid, &e),
				                 ERR_OK);
				if (!found)
					break;
				got[k++] = hit.pos;
				at = hit;
			}
			assert_int_equal(k, n);
			for (int j = 0; j < n; j++)
				assert_int_equal(got[j], want[backward ? n - 1 - j : j]);
		}
	}
	store_close(s);
}


/* ---- one search rule ------------------------------------------------------------ */

/* The rule, written again here for the test: ASCII A-Z and full-width
 * Ａ-Ｚ (EF BC A1-BA) folded, then a plain substring. */
static void
ref_fold(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (unsigned char)(*p + 32);
		else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0xA1 && p[2] <= 0xBA)
			p[1] = 0xBD, p[2] = (unsigned char)(p[2] - 0x20), p += 2;
	}
}

static bool
ref_in(const char *field, const char *needle)
{
	char *a = xstrdup(field ? field : ""), *b = xstrdup(needle);
	ref_fold(a);
	ref_fold(b);
	bool r = strstr(a, b) != NULL;
	free(a);
	free(b);
	return r;
}

/* The codes matching text by the rule, sorted, joined by spaces. */
static char *
ref_codes(const char *path, const char *text)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT code, title, description FROM tasks ORDER BY code", -1, &st, NULL),
	                 SQLITE_OK);
	char *out = xstrdup("");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		if (ref_in(c, text) || ref_in((const char *)sqlite3_column_text(st, 1), text)
		    || ref_in((const char *)sqlite3_column_text(st, 2), text)) {
			char *o = xasprintf("%s%s%s", out, *out ? " " : "", c);
			free(out);
			out = o;
		}
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

/* Codes collected from one path, then sorted and joined. */
struct codes { char *v[64]; int n; };

static int
codes_add(const struct task_row *r, void *ctx)
{
	struct codes *c = ctx;
	assert_true(c->n < 64);
	c->v[c->n++] = xstrdup(r->code);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
codes_join(struct codes *c)
{
	qsort(c->v, (size_t)c->n, sizeof c->v[0], cmp_str);
	char *out = xstrdup("");
	for (int i = 0; i < c->n; i++) {
		char *o = xasprintf("%s%s%s", out, i ? " " : "", c->v[i]);
		free(out);
		free(c->v[i]);
		out = o;
	}
	c->n = 0;
	return out;
}

static int
code_of_pos(const struct task_row *r, void *ctx)
{
	struct codes *c = ctx;
	return codes_add(r, c);
}

static void
test_search_one_rule(void **state)
{
	struct fixture *f = *state;
	make_db(f->path);
	/* Text of every kind to find: ASCII in both cases, full-width Latin,
	 * a Latin letter the rule does not fold. */
	assert_int_equal(raw_exec(f->path,
		"UPDATE tasks SET description = description || ' Smart City', version = version + 1, updated_by = 't' "
		"WHERE code = '2.1.1'; "
		"UPDATE tasks SET title = title || 'SMART', version = version + 1, updated_by = 't' WHERE code = '4.1.1'; "
		"UPDATE tasks SET title = title || '（ＡＢＣ）', version = version + 1, updated_by = 't' WHERE code = '2.1.2'; "
		"UPDATE tasks SET description = 'ａｂｃ 与 abc', version = version + 1, updated_by = 't' WHERE code = '3.1.1'; "
		"UPDATE tasks SET description = 'Été', version = version + 1, updated_by = 't' WHERE code = '5.2.1'",
		NULL, 0), SQLITE_OK);
	struct store *s;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);
	static const char *const words[] = {
		"smart", "SMART", "Smart City", "sMaRt", "ａｂｃ", "ＡＢＣ", "abc", "ABC", "été", "ÉTÉ",
		"城", "城市", "城镇化", "垃圾分类", "3.2", "2.", "Q", "没有这个", "\"", "a",
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		const char *w = words[i];
		char *want = ref_codes(f->path, w);
		struct codes c = { 0 };
		char *got;
		/* every task: store_tasks_each and store_tasks_count */
		struct task_query tf = { .search = w };
		assert_int_equal(store_tasks_each(s, &tf, 0, false, 0, codes_add, &c, &e), ERR_OK);
		int n = c.n;
		got = codes_join(&c);
		if (strcmp(got, want))
			fail_msg("tasks --search \"%s\": %s; the rule: %s", w, got, want);
		free(got);
		long long count = -1;
		assert_int_equal(store_tasks_count(s, &tf, 0, &count, &e), ERR_OK);
		assert_int_equal(count, n);
		/* the same query for the tree's search */
		struct task_query q = { .search = w };
		/* the tree's "/": every match, one after the other */
		struct tree_key at, hit;
		bool found = true;
		int k = 0;
		while (k <= n) {
			long long cid, sid;
			assert_int_equal(store_tree_find(s, &q, k ? &at : NULL, false, &found, &hit, &cid, &sid, &e), ERR_OK);
			if (!found)
				break;
			at = hit;
			k++;
			struct task_query byc = { 0 };
			struct codes one = { 0 };
			/* the task at hit.pos */
			assert_int_equal(store_tasks_each(s, &byc, hit.pos - 1, false, 1, code_of_pos, &one, &e), ERR_OK);
			assert_int_equal(one.n, 1);
			c.v[c.n++] = one.v[0];
		}
		got = codes_join(&c);
		if (strcmp(got, want))
			fail_msg("the tree's /, \"%s\": %s; the rule: %s", w, got, want);
		free(got);
		free(want);
	}
	/* Not UTF-8: refused by every path. */
	struct task_query bad = { .search = "\xff" };
	struct codes c = { 0 };
	assert_int_equal(store_tasks_each(s, &bad, 0, false, 0, codes_add, &c, &e), ERR_INVALID);
	assert_string_equal(e.msg, "the search text is not valid UTF-8");
	struct task_query badq = { .search = "城\xe5", .scope = { .kind = SCOPE_DEPT, .a = 1 } };
	assert_int_equal(store_tasks_each(s, &badq, 0, false, 0, codes_add, &c, &e), ERR_INVALID);
	bool found;
	struct tree_key hit;
	long long cid, sid;
	assert_int_equal(store_tree_find(s, &badq, NULL, false, &found, &hit, &cid, &sid, &e), ERR_INVALID);
	assert_int_equal(c.n, 0);
	store_close(s);
}

/* ---- mean progress ------------------------------------------------------------- */

/* tests/lib/mean-plan.json: 省甲厅 leads 1.1.1 (60), 1.1.2 (61) and 1.1.3
 * (cancelled, 80), all in chapter 1 section 1; 省乙委 leads 2.0.1 (chapter
 * 2, cancelled, 30). */
static const char mean_plan[] =
	"{\"format\": \"plancon-plan\", \"version\": 1, \"title\": \"均值\","
	" \"documents\": [{\"key\": \"p\", \"title\": \"规划\"}], \"parts\": [{\"no\": 1, \"title\": \"第一篇\"}],"
	" \"chapters\": [{\"no\": 1, \"part\": 1, \"title\": \"第一章\", \"sections\": [{\"no\": 1, \"title\": \"一\"}]},"
	"  {\"no\": 2, \"part\": 1, \"title\": \"第二章\"}],"
	" \"departments\": [{\"short\": \"省甲厅\", \"name\": \"山东省甲厅\"}, {\"short\": \"省乙委\", \"name\": \"山东省乙委员会\"}],"
	" \"tasks\": ["
	"  {\"code\": \"1.1.1\", \"title\": \"甲一\", \"document\": \"p\", \"chapter\": 1, \"section\": 1, \"lead\": \"省甲厅\", \"status\": \"in_progress\", \"progress\": 60},"
	"  {\"code\": \"1.1.2\", \"title\": \"甲二\", \"document\": \"p\", \"chapter\": 1, \"section\": 1, \"lead\": \"省甲厅\", \"status\": \"in_progress\", \"progress\": 61},"
	"  {\"code\": \"1.1.3\", \"title\": \"甲三\", \"document\": \"p\", \"chapter\": 1, \"section\": 1, \"lead\": \"省甲厅\", \"status\": \"cancelled\", \"progress\": 80},"
	"  {\"code\": \"2.0.1\", \"title\": \"乙一\", \"document\": \"p\", \"chapter\": 2, \"lead\": \"省乙委\", \"status\": \"cancelled\", \"progress\": 30}]}";

/* Every mean of one plan, as (tasks counted, summed progress) pairs: [0]
 * chapter 1, [1] chapter 2, [2] 省甲厅, [3] 省乙委, [4] the plan, [5] the
 * tree's chapter 1 section 1 and [6] chapter 2 (from the tally), [7] the
 * same section counted from the tasks (a department filter), [8] 省甲厅 in
 * the report, [9] 省乙委 in the report, [10] part 1. */
struct means { long long n[11], sum[11]; long long dept_a; };

static int
mean_chapter(const struct chapter_row *r, void *ctx)
{
	struct means *m = ctx;
	int i = r->no == 1 ? 0 : 1;
	m->n[i] = r->progress_n, m->sum[i] = r->progress_sum;
	return 0;
}

static int
mean_dept(const struct dept_row *r, void *ctx)
{
	struct means *m = ctx;
	int i = !strcmp(r->short_name, "省甲厅") ? 2 : 3;
	m->n[i] = r->progress_n, m->sum[i] = r->progress_sum;
	if (i == 2)
		m->dept_a = r->id;
	return 0;
}

struct tree_means { struct means *m; int slot; };

static int
mean_tree(const struct tree_count_row *r, void *ctx)
{
	struct tree_means *t = ctx;
	int i = r->section_id ? t->slot : 6;
	t->m->n[i] = r->progress_n, t->m->sum[i] = r->progress_sum;
	t->m->n[10] += r->progress_n, t->m->sum[10] += r->progress_sum;
	return 0;
}

static int
mean_report(const struct report_row *r, void *ctx)
{
	struct means *m = ctx;
	if (!r->key)
		return 0;
	int i = !strcmp(r->key, "省甲厅") ? 8 : 9;
	m->n[i] = r->progress_n, m->sum[i] = r->progress_sum;
	return 0;
}

static struct means
all_means(struct store *s)
{
	struct means m = { 0 };
	struct error e;
	err_clear(&e);
	assert_int_equal(store_chapters_each(s, 0, mean_chapter, &m, &e), ERR_OK);
	assert_int_equal(store_depts_each(s, "2023-07-01", mean_dept, &m, &e), ERR_OK);
	struct plan_counts pc;
	assert_int_equal(store_plan_counts(s, "2023-07-01", &pc, &e), ERR_OK);
	m.n[4] = pc.progress_n, m.sum[4] = pc.progress_sum;
	assert_int_equal(store_tree_counts_each(s, NULL, "2023-07-01", mean_tree, &(struct tree_means){ &m, 5 }, &e),
	                 ERR_OK);
	long long n10 = m.n[10], s10 = m.sum[10];
	struct task_query q = { .dept_id = m.dept_a };
	assert_int_equal(store_tree_counts_each(s, &q, "2023-07-01", mean_tree, &(struct tree_means){ &m, 7 }, &e),
	                 ERR_OK);
	m.n[10] = n10, m.sum[10] = s10;
	assert_int_equal(store_report_each(s, REPORT_BY_DEPT, "2023-07-01", NULL, mean_report, &m, &e), ERR_OK);
	return m;
}

static void
test_mean_progress(void **state)
{
	struct fixture *f = *state;
	struct store *s;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, STORE_CREATE | STORE_EMPTY, &e), ERR_OK);
	if (store_import(s, mean_plan, strlen(mean_plan), &e))
		fail_msg("store_import: %s", e.msg);
	/* Cancelled tasks are left out: 60 + 61 over 2, wherever it is read
	 * (the tallies, the tasks, the report); a group of cancelled tasks
	 * only has nothing to count. */
	struct means m = all_means(s);
	static const long long want_n[] = { 2, 0, 2, 0, 2, 2, 0, 2, 2, 0, 2 };
	static const long long want_sum[] = { 121, 0, 121, 0, 121, 121, 0, 121, 121, 0, 121 };
	for (int i = 0; i < 11; i++) {
		if (m.n[i] != want_n[i] || m.sum[i] != want_sum[i])
			fail_msg("mean %d: %lld tasks, %lld summed; want %lld, %lld", i, m.n[i], m.sum[i], want_n[i], want_sum[i]);
	}
	assert_int_equal(model_percent(m.sum[0], m.n[0]), 61);
	assert_int_equal(model_percent(m.sum[1], m.n[1]), -1);
	struct plan_counts pc;
	assert_int_equal(store_plan_counts(s, "2023-07-01", &pc, &e), ERR_OK);
	assert_int_equal(pc.n, 4);
	assert_int_equal(pc.by_status[TS_IN_PROGRESS], 2);
	assert_int_equal(pc.by_status[TS_CANCELLED], 2);
	assert_int_equal(pc.n_late, 0);
	store_close(s);

	/* Another program takes 1.1.3 up again: the triggers move it into
	 * every mean (60 + 61 + 80 over 3 = 67). */
	assert_int_equal(raw_exec(f->path, "UPDATE tasks SET status = 'in_progress', version = version + 1, "
	                          "updated_by = 't' WHERE code = '1.1.3'", NULL, 0), SQLITE_OK);
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);
	m = all_means(s);
	static const long long then_n[] = { 3, 0, 3, 0, 3, 3, 0, 3, 3, 0, 3 };
	for (int i = 0; i < 11; i++) {
		long long want = then_n[i] ? 201 : 0;
		if (m.n[i] != then_n[i] || m.sum[i] != want)
			fail_msg("after the update, mean %d: %lld tasks, %lld summed", i, m.n[i], m.sum[i]);
	}
	assert_int_equal(model_percent(m.sum[2], m.n[2]), 67);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_with_bundled_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_makes_directories, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_without_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_keeps_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_version_1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_version_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbage_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_sqlite_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory_refused, setup, teardown),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test_setup_teardown(test_schema_constraints, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_bad_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_references, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_not_a_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keyset_paging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tree_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mean_progress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_one_rule, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
