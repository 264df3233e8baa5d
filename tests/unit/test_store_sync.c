/* Unit tests for how the store's writes reach the disk and wait for each
 * other: [core] sync chooses PRAGMA synchronous (read back through the
 * store), and a locked database is waited for in short steps, up to the
 * busy timeout, then refused with "database busy, try again".
 *
 * The lock is held by a child process with its own SQLite connection. It is
 * forked before the test opens anything: a connection must not cross a
 * fork. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "plancon/cli.h"
#include "plancon/config.h"
#include "plancon/store_planfile.h"
#include "plancon/store_tasks.h"
#include "plancon/xalloc.h"

/* A plan of one task: importing it is a short write transaction. */
#define SMALL_PLAN "{\"format\": \"plancon-plan\", \"version\": 1, \"title\": \"测试规划\",\n" \
	" \"documents\": [{\"key\": \"d\", \"title\": \"文件\"}],\n" \
	" \"parts\": [{\"no\": 1, \"title\": \"第一篇\"}],\n" \
	" \"chapters\": [{\"no\": 1, \"part\": 1, \"title\": \"第一章\", \"sections\": []}],\n" \
	" \"departments\": [{\"short\": \"省甲厅\", \"name\": \"山东省甲厅\"}],\n" \
	" \"tasks\": [{\"code\": \"1.1\", \"title\": \"任务一\", \"document\": \"d\", \"chapter\": 1, " \
	"\"lead\": \"省甲厅\"}]}"

#include "dbdir.h"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);   /* the same clock in every process */
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Open path with flags, check what PRAGMA synchronous says, close. */
static void
assert_sync(const char *path, unsigned flags, const char *want)
{
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	if (store_open(&s, path, flags, &e) != ERR_OK)
		fail_msg("store_open: %s", e.msg);
	const char *got = store_synchronous(s);
	if (!got || strcmp(got, want))
		fail_msg("flags %#x: synchronous is %s, expected %s", flags, got ? got : "(error)", want);
	store_close(s);
}

/* ---- [core] sync -------------------------------------------------------------------- */

static void
test_sync_flag(void **state)
{
	struct fixture *f = *state;
	assert_sync(f->path, STORE_CREATE | STORE_EMPTY, "full");
	assert_sync(f->path, STORE_SYNC_NORMAL, "normal");
	assert_sync(f->path, 0, "full");
}

/* The whole way from the file: [core] sync in a configuration file, the
 * flags the commands open the store with, what SQLite was told. */
static void
test_sync_from_config(void **state)
{
	struct fixture *f = *state;
	static const struct { const char *ini; unsigned flags; const char *want; } cases[] = {
		{ "", 0, "full" },
		{ "[core]\nsync = full\n", 0, "full" },
		{ "[core]\nsync = normal\n", STORE_SYNC_NORMAL, "normal" },
		{ "[core]\nsync = NORMAL\n", STORE_SYNC_NORMAL, "normal" },
	};
	char *ini = xasprintf("%s/plancon.ini", f->dir);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		FILE *fp = fopen(ini, "w");
		assert_non_null(fp);
		fputs(cases[i].ini, fp);
		assert_int_equal(fclose(fp), 0);
		struct config cfg;
		char err[512] = "";
		const char *paths[] = { ini };
		const bool required[] = { true };
		config_defaults(&cfg);
		if (config_load_files(&cfg, paths, required, 1, err, sizeof err) != 0)
			fail_msg("%s", err);
		assert_int_equal(cli_store_flags(&cfg), cases[i].flags);
		assert_sync(f->path, STORE_CREATE | STORE_EMPTY | cli_store_flags(&cfg), cases[i].want);
		config_free(&cfg);
	}
	free(ini);
}

/* Changes made with NORMAL are there for the next connection, FULL or not
 * (a plancon that stops, or is killed, loses nothing). */
static void
test_sync_normal_keeps_commits(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, STORE_CREATE | STORE_EMPTY | STORE_SYNC_NORMAL, &e), ERR_OK);
	assert_int_equal(store_import(s, SMALL_PLAN, strlen(SMALL_PLAN), &e), ERR_OK);
	store_close(s);
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);
	long long n = 0;
	assert_int_equal(store_tasks_count(s, NULL, 0, &n, &e), ERR_OK);
	assert_int_equal(n, 1);
	store_close(s);
}

/* ---- a locked database --------------------------------------------------------------- */

struct holder {
	pid_t pid;
	int hold_ms;                /* 0: until told */
	int go;                     /* write a byte: take the lock; another: let it go */
	int back;                   /* the child's answers */
};

/* A child that, told to, takes the write lock of path and writes 'l'; then
 * keeps it hold_ms, or (hold_ms 0) until told to let go; then writes the
 * time it let go (a double). */
static struct holder
holder_start(const char *path, int hold_ms)
{
	int go[2], back[2];
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(back), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(go[1]);
		close(back[0]);
		char c;
		sqlite3 *db = NULL;
		if (read(go[0], &c, 1) != 1 || sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		c = 'l';
		if (write(back[1], &c, 1) != 1)
			_exit(1);
		if (hold_ms > 0) {
			struct timespec ts = { .tv_sec = hold_ms / 1000, .tv_nsec = hold_ms % 1000 * 1000000L };
			nanosleep(&ts, NULL);
		} else if (read(go[0], &c, 1) != 1) {
			_exit(1);
		}
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		double t = now();
		sqlite3_close(db);
		_exit(write(back[1], &t, sizeof t) == (ssize_t)sizeof t ? 0 : 1);
	}
	close(go[0]);
	close(back[1]);
	return (struct holder){ .pid = pid, .hold_ms = hold_ms, .go = go[1], .back = back[0] };
}

static void
holder_lock(struct holder *h)
{
	char c = 'g';
	assert_int_equal(write(h->go, &c, 1), 1);
	assert_int_equal(read(h->back, &c, 1), 1);
	assert_int_equal(c, 'l');
}

/* Tell the child to let go (if it waits to be told), wait for it: the
 * time it let go. */
static double
holder_end(struct holder *h)
{
	char c = 'r';
	double t = 0;
	if (h->hold_ms == 0)
		assert_int_equal(write(h->go, &c, 1), 1);
	assert_int_equal(read(h->back, &t, sizeof t), (ssize_t)sizeof t);
	int status;
	assert_int_equal(waitpid(h->pid, &status, 0), h->pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(h->go);
	close(h->back);
	return t;
}

/* An empty database, closed. */
static void
make_empty(const char *path)
{
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	if (store_open(&s, path, STORE_CREATE | STORE_EMPTY, &e) != ERR_OK)
		fail_msg("store_open: %s", e.msg);
	store_close(s);
}

/* A writer that finds the database locked gets it soon after it is let
 * go: within about 20 ms (the longest wait), where SQLite's own busy
 * handler (sleeps of 1, 2, 5 ... 100 ms) wakes some 70 ms after the 260 ms
 * lock ends. */
static void
test_busy_wakes_soon(void **state)
{
	struct fixture *f = *state;
	make_empty(f->path);
	struct holder h = holder_start(f->path, 260);
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);
	holder_lock(&h);
	enum err_code c = store_import(s, SMALL_PLAN, strlen(SMALL_PLAN), &e);
	double done = now();
	double released = holder_end(&h);
	if (c != ERR_OK)
		fail_msg("import: %s", e.msg);
	store_close(s);
	assert_true(done > released);   /* it did wait for the lock */
	if (done - released > 0.040)
		fail_msg("the write went through %.1f ms after the lock was let go", (done - released) * 1000);
}

/* A lock held past the busy timeout (5 s): the write gives up after it,
 * says so, and has written nothing. */
static void
test_busy_gives_up(void **state)
{
	struct fixture *f = *state;
	make_empty(f->path);
	struct holder h = holder_start(f->path, 0);
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	assert_int_equal(store_open(&s, f->path, 0, &e), ERR_OK);
	holder_lock(&h);
	double t0 = now();
	enum err_code c = store_import(s, SMALL_PLAN, strlen(SMALL_PLAN), &e);
	double waited = now() - t0;
	holder_end(&h);
	assert_int_equal(c, ERR_BUSY);
	if (!strstr(e.msg, "database busy, try again"))
		fail_msg("message: %s", e.msg);
	if (waited < 4.9 || waited > 7.5)
		fail_msg("gave up after %.2f s, expected about 5", waited);
	long long n = -1;
	assert_int_equal(store_tasks_count(s, NULL, 0, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sync_flag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sync_from_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sync_normal_keeps_commits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_wakes_soon, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_gives_up, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
