/* figures_write: status updates. One update through the store (what the
 * console does: its connection is open already) and through `plancon set`
 * (a whole process); then 8 writer processes at once, through the store and
 * through `plancon set`, and a check that every acknowledged update is in
 * the change log. Every update carries a note unique to it, so the log can
 * be checked note by note. */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plancon/auth.h"
#include "plancon/store_tasks.h"
#include "plancon/store_users.h"
#include "plancon/xalloc.h"
#include "gen/generate.h"

#define WRITERS 8
#define POOL 200                     /* tasks the writers share: some updates collide */

/* How the writer processes commit: as plancon does by default ([core]
 * sync = full: an fsync at each commit), and with sync = normal (no fsync
 * at commits, only at checkpoints). Both wait for a locked database with
 * the store's busy handler. */
enum { W_FULL, W_NORMAL };

/* The code of the k-th task of the pool. */
static char *
pool_code(long long n, int k)
{
	return store_bench_task_code(n, 1 + (long long)k * 7919 % n);
}

/* The login an administrator, made by the generated administrator. */
int
bench_login_admin(struct store *s, struct error *e)
{
	struct passwd *pw = getpwuid(getuid());
	if (!pw)
		return err_set(e, ERR_NOT_FOUND, "no login name for uid %u", (unsigned)getuid());
	struct identity admin = { 0 };
	enum err_code c = store_identity_load(s, "admin1", &admin, e);
	bool created;
	struct write_result r;
	if (!c)
		c = store_user_set(s, &admin, pw->pw_name, AUTH_ROLE_ADMIN, NULL, 0, &created, &r, e);
	identity_free(&admin);
	return c;
}

struct tally {
	long long ok, busy, other;
	char first_error[256];
};

/* One update of the pool's task k by who, with a note unique to (tag, i). */
static enum err_code
update(struct store *s, const struct identity *who, long long n, int k, const char *tag, int i,
       struct tally *t)
{
	char *code = pool_code(n, k), *note = xasprintf("%s%d", tag, i);
	struct task_update u = { .code = code, .status = "in_progress", .progress = 1 + i % 99, .note = note };
	struct write_result r;
	struct error e;
	err_clear(&e);
	enum err_code c = store_task_update(s, who, &u, &r, &e);
	if (c == ERR_OK && r.changed)
		t->ok++;
	else if (c == ERR_BUSY)
		t->busy++;
	else
		t->other++;
	if (c && !t->first_error[0])
		snprintf(t->first_error, sizeof t->first_error, "%s: %.200s", code, e.msg);
	free(code);
	free(note);
	return c;
}

/* One update at a time through the store, on an open connection. */
static void
single_updates(struct bench *b, const struct bench_db *db, struct store *s, const struct identity *admin)
{
	struct samples lat = { 0 };
	struct tally t = { 0 };
	char *tag = xasprintf("bench %d single ", (int)getpid());
	int count = b->runs * 8;
	for (int i = 0; i < count; i++) {
		double t0 = bench_now();
		if (update(s, admin, db->n, i % POOL, tag, i, &t) == ERR_OK)
			samples_add(&lat, (bench_now() - t0) * 1000);
	}
	if (t.other || t.busy)
		bench_skip("update_ms", db->n, "%lld of %d updates failed: %s", t.other + t.busy, count, t.first_error);
	else
		bench_print("update_ms", db->n, &lat, 2, 5, -1);
	samples_free(&lat);
	/* The same with [core] sync = normal: no wait for the disk at each commit. */
	struct error e;
	err_clear(&e);
	if (store_bench_sync(s, false, &e) == ERR_OK) {
		t = (struct tally){ 0 };
		for (int i = 0; i < count; i++) {
			double t0 = bench_now();
			if (update(s, admin, db->n, i % POOL, tag, count + i, &t) == ERR_OK)
				samples_add(&lat, (bench_now() - t0) * 1000);
		}
		bench_print("update_normal_ms", db->n, &lat, 2, 5, -1);
		store_bench_sync(s, true, &e);
	}
	samples_free(&lat);
	free(tag);
}

/* `plancon set`, one process per update. */
static void
cli_updates(struct bench *b, const struct bench_db *db)
{
	struct samples lat = { 0 };
	int failed = 0, count = b->runs * 2;
	for (int i = 0; i < count; i++) {
		char *code = pool_code(db->n, i % POOL), *note = xasprintf("bench %d cli %d", (int)getpid(), i);
		char pct[8];
		snprintf(pct, sizeof pct, "%d", 1 + i % 99);
		char **args = bench_argv(b, db, "set", code, "--status", "in_progress", "--progress", pct, "--note", note, NULL);
		double secs;
		struct rusage ru;
		if (bench_run_pipe(args, b->env, &secs, &ru) == 0)
			samples_add(&lat, secs * 1000);
		else
			failed++;
		bench_argv_free(args);
		free(code);
		free(note);
	}
	if (failed)
		bench_skip("set_cli_ms", db->n, "%d of %d runs of plancon set failed", failed, count);
	else
		bench_print("set_cli_ms", db->n, &lat, 1, 0, 0);
	samples_free(&lat);
}

/* ---- 8 writers ------------------------------------------------------------------------------------ */

/* A writer process: open the store, say ready, wait for the start, update
 * (through the store, or by running plancon set), report its tally. */
static void
writer(struct bench *b, const struct bench_db *db, int w, bool cli, int mode, const char *tag, int ready_fd,
       int go_fd, int out_fd)
{
	struct tally t = { 0 };
	struct store *s = NULL;
	struct identity admin = { 0 };
	struct error e;
	err_clear(&e);
	if (!cli && bench_store_open(b, db->path, &s, t.first_error, sizeof t.first_error))
		t.other = 1;
	else if (!cli && (store_identity_load(s, "admin1", &admin, &e) || (mode && store_bench_sync(s, false, &e)))) {
		snprintf(t.first_error, sizeof t.first_error, "%.200s", e.msg);
		t.other = 1;
	}
	char c = 'r';
	if (write(ready_fd, &c, 1) != 1 || read(go_fd, &c, 1) != 1)
		_exit(1);
	int count = cli ? b->writes / 10 + 1 : b->writes;
	char *mytag = xasprintf("%sw%d i", tag, w);
	for (int i = 0; i < count && !t.first_error[0]; i++) {
		int k = (w * 37 + i * 13) % POOL;
		if (!cli) {
			update(s, &admin, db->n, k, mytag, i, &t);
			continue;
		}
		char *code = pool_code(db->n, k), *note = xasprintf("%s%d", mytag, i), pct[8];
		snprintf(pct, sizeof pct, "%d", 1 + i % 99);
		char **args = bench_argv(b, db, "set", code, "--status", "in_progress", "--progress", pct, "--note", note, NULL);
		double secs;
		struct rusage ru;
		int r = bench_run_pipe(args, b->env, &secs, &ru);
		if (r == 0)
			t.ok++;
		else
			t.other++;
		if (r && !t.first_error[0])
			snprintf(t.first_error, sizeof t.first_error, "plancon set %s exited with status %d", code, r);
		bench_argv_free(args);
		free(code);
		free(note);
	}
	free(mytag);
	identity_free(&admin);
	store_close(s);
	ssize_t wr = write(out_fd, &t, sizeof t);
	_exit(wr == (ssize_t)sizeof t ? 0 : 1);
}

/* One round of 8 writers: updates per second, and the tally. */
static int
writers_round(struct bench *b, const struct bench_db *db, bool cli, int mode, const char *tag, double *rate,
              struct tally *sum)
{
	int ready[2], go[2], out[2];
	if (pipe(ready) || pipe(go) || pipe(out))
		return -1;
	fflush(stdout);
	pid_t pids[WRITERS];
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			close(ready[0]);
			close(go[1]);
			close(out[0]);
			writer(b, db, w, cli, mode, tag, ready[1], go[0], out[1]);
		}
	}
	close(ready[1]);
	close(go[0]);
	close(out[1]);
	char c[WRITERS];
	size_t got = 0;
	while (got < WRITERS) {
		ssize_t r = read(ready[0], c + got, WRITERS - got);
		if (r <= 0 && errno != EINTR)
			break;
		got += r > 0 ? (size_t)r : 0;
	}
	double t0 = bench_now();
	memset(c, 'g', sizeof c);
	if (write(go[1], c, WRITERS) != WRITERS)
		perror("plancon-bench: starting the writers");
	close(go[1]);
	*sum = (struct tally){ 0 };
	struct tally t;
	while (read(out[0], &t, sizeof t) == (ssize_t)sizeof t) {
		sum->ok += t.ok;
		sum->busy += t.busy;
		sum->other += t.other;
		if (!sum->first_error[0])
			memcpy(sum->first_error, t.first_error, sizeof t.first_error);
	}
	for (int w = 0; w < WRITERS; w++)
		while (waitpid(pids[w], NULL, 0) < 0 && errno == EINTR)
			;
	double secs = bench_now() - t0;
	close(ready[0]);
	close(out[0]);
	*rate = sum->ok / secs;
	return 0;
}

static void
writers(struct bench *b, const struct bench_db *db, struct store *s, bool cli, int mode)
{
	static const char *const rate_names[] = { "writers8_updates_per_s", "writers8_normal_updates_per_s" };
	static const char *const lost_names[] = { "writers8_lost", "writers8_normal_lost" };
	const char *rate_name = cli ? "writers8_cli_updates_per_s" : rate_names[mode];
	const char *lost_name = cli ? "writers8_cli_lost" : lost_names[mode];
	struct samples rates = { 0 }, lost = { 0 };
	int rounds = cli ? 1 : (b->runs + 1) / 2;
	for (int round = 0; round < rounds; round++) {
		char *tag = xasprintf("bench %d %s%d ", (int)getpid(), cli ? "cli" : mode == W_NORMAL ? "normal" : "full",
		                      round);
		long long last = 0, rows = 0, notes = 0;
		struct error e;
		err_clear(&e);
		double rate;
		struct tally t;
		if (store_bench_log_last(s, &last, &e) || writers_round(b, db, cli, mode, tag, &rate, &t) ||
		    store_bench_log_since(s, last, tag, &rows, &notes, &e)) {
			bench_skip(rate_name, db->n, "%s", e.msg[0] ? e.msg : "could not start the writers");
			free(tag);
			break;
		}
		free(tag);
		if (t.other || t.busy) {
			bench_skip(rate_name, db->n, "%lld updates refused or failed (%lld busy): %s", t.other + t.busy,
			           t.busy, t.first_error);
			break;
		}
		samples_add(&rates, rate);
		samples_add(&lost, (double)(t.ok - notes));
	}
	bench_print(rate_name, db->n, &rates, 0, 1000, cli ? 0 : 1);
	bench_print(lost_name, db->n, &lost, 0, 0, -1);
	samples_free(&rates);
	samples_free(&lost);
}

/* What one fsync of the disk the database is on costs: a commit waits for
 * one with [core] sync = full, the default. */
static void
fsync_cost(struct bench *b, const struct bench_db *db)
{
	char *path = xasprintf("%s.fsync-probe", db->path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	struct samples s = { 0 };
	char block[4096];
	memset(block, 'x', sizeof block);
	for (int i = 0; fd >= 0 && i < b->runs * 8; i++) {
		if (write(fd, block, sizeof block) != (ssize_t)sizeof block)
			break;
		double t0 = bench_now();
		if (fsync(fd) != 0)
			break;
		samples_add(&s, (bench_now() - t0) * 1000);
	}
	if (fd >= 0)
		close(fd);
	unlink(path);
	free(path);
	bench_print("fsync_ms", db->n, &s, 2, 0, 0);
	samples_free(&s);
}

void
figures_write(struct bench *b, const struct bench_db *db)
{
	fsync_cost(b, db);
	struct store *s = NULL;
	struct identity admin = { 0 };
	struct error e;
	err_clear(&e);
	if (bench_store_open(b, db->path, &s, e.msg, sizeof e.msg) || bench_login_admin(s, &e) ||
	    store_identity_load(s, "admin1", &admin, &e)) {
		bench_skip("update_ms", db->n, "%s", e.msg);
		identity_free(&admin);
		store_close(s);
		return;
	}
	single_updates(b, db, s, &admin);
	cli_updates(b, db);
	writers(b, db, s, false, W_FULL);
	writers(b, db, s, false, W_NORMAL);
	writers(b, db, s, true, W_FULL);
	identity_free(&admin);
	store_close(s);
}
