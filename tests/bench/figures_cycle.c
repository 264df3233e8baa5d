/* figures_cycle: the supervision cycle at each size, on a copy of the kept
 * database with the cycle's history added (tests/bench/gen/cycle.c: the
 * full shape up to 100,000 tasks, the reduced one above), made once and
 * kept beside it as bench-gG-N-cC.db. Through the store, in this process,
 * as the console and the commands call it (a session opened as the user):
 * the review queue's first page and the to-do list of the department that
 * leads the most tasks, of a typical one (the median) and of the office.
 * Then the console with the lights on and off, and the cycle's commands
 * end to end (figures_console_lights, figures_cli_cycle). */
#include "bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gen/data.h"
#include "gen/generate.h"
#include "plancon/session.h"
#include "plancon/store_office.h"
#include "plancon/store_plan.h"
#include "plancon/store_reports.h"
#include "plancon/xalloc.h"

#define CYCLE_VERSION 1        /* raise when tests/bench/gen/cycle.c makes different data */
#define OFFICE_USER "bench.office"
/* A page of the review queue: the rows a console list fetches at a time
 * (a 24-line terminal shows about 20 of them; 50 fill a tall one). */
#define QUEUE_PAGE 50

/* ---- the database ---------------------------------------------------------------- */

/* Copy from to to with cp (a closed database: its -wal, if any, too). */
static int
copy_db(const char *from, const char *to)
{
	char *wal = xasprintf("%s-wal", from);
	struct stat st;
	char *cmd = stat(wal, &st) == 0 && st.st_size > 0 ? xasprintf("cp '%s' '%s' && cp '%s' '%s-wal'", from, to, wal, to)
	                                                   : xasprintf("cp '%s' '%s'", from, to);
	int r = system(cmd);
	free(cmd);
	free(wal);
	return r == 0 ? 0 : -1;
}

static void
unlink_sides(const char *path)
{
	for (int i = 0; i < 2; i++) {
		char *side = xasprintf("%s%s", path, i ? "-shm" : "-wal");
		unlink(side);
		free(side);
	}
}

/* bench_cycle_add in a child process: the generator's memory (1.4 GB at a
 * million tasks) is not left in this one, whose size every process it
 * starts would otherwise report as its own peak (ru_maxrss counts the
 * parent's memory at fork). */
static int
cycle_add_apart(const char *path, const char *shape)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(bench_cycle_add(path, shape, BENCH_SEED, false));
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The cycle's database of db into *path (malloc'd): kept, or made now. */
static int
cycle_db_open(struct bench *b, const struct bench_db *db, char **path)
{
	size_t l = strlen(db->path);
	*path = xasprintf("%.*s-c%d.db", (int)(l > 3 ? l - 3 : l), db->path, CYCLE_VERSION);
	struct stat st;
	char msg[1100];
	struct store *s = NULL;
	if (stat(*path, &st) == 0) {
		if (bench_store_open(b, *path, &s, msg, sizeof msg)) {
			fprintf(stderr, "plancon-bench: %s\n", msg);
			return -1;
		}
		store_close(s);
		return 0;
	}
	char *tmp = xasprintf("%s.tmp", *path);
	const char *shape = db->n > 100000 ? "reduced" : "full";
	double t0 = bench_now();
	unlink_sides(tmp);
	int r = copy_db(db->path, tmp);
	if (r == 0)
		r = cycle_add_apart(tmp, shape);
	if (r == 0) {
		struct error e;
		err_clear(&e);
		if (bench_store_open(b, tmp, &s, msg, sizeof msg) || bench_login_admin(s, &e)) {
			fprintf(stderr, "plancon-bench: %s: %s\n", tmp, s ? e.msg : msg);
			r = -1;
		}
		store_close(s);
	}
	if (r == 0 && rename(tmp, *path) != 0)
		r = -1;
	if (r)
		unlink(tmp);
	unlink_sides(tmp);
	free(tmp);
	if (r == 0) {
		struct samples sm = { 0 };
		samples_add(&sm, bench_now() - t0);
		char *name = xasprintf("cycle_generate_%s_s", shape);
		bench_print(name, db->n, &sm, 1, 0, 0);
		free(name);
		samples_free(&sm);
	}
	return r;
}

/* ---- through the store --------------------------------------------------------------- */

/* A session on path as user, as plancon would open it for the user
 * (no configuration file but the benchmark's private home). */
static int
open_as(struct bench *b, const char *path, const char *user, struct session *s)
{
	struct session_options o = { .db = path, .as_of = b->as_of, .login = user, .nargs = 1 };
	struct error e;
	err_clear(&e);
	*s = (struct session){ 0 };
	if (session_open(s, &o, &e)) {
		fprintf(stderr, "plancon-bench: %s as %s: %s\n", path, user, e.msg);
		session_close(s);
		return -1;
	}
	return 0;
}

static int
count_row(const void *row, void *ctx)
{
	(void)row;
	++*(long long *)ctx;
	return 0;
}

static int
count_queue_row(const struct report_queue_row *row, void *ctx)
{
	return count_row(row, ctx);
}

static int
count_todo_item(const struct todo_item *it, void *ctx)
{
	return count_row(it, ctx);
}

/* What a figure through the store calls, once. */
struct call {
	struct session *s;
	long long dept;            /* todo: the department's id */
	long long rows;            /* what the last call listed */
};

static enum err_code
queue_page(struct call *c, struct error *e)
{
	struct report_queue q = { .limit = QUEUE_PAGE };
	c->rows = 0;
	return store_report_queue_each(c->s->store, &q, count_queue_row, &c->rows, e);
}

/* The to-do list as `plancon todo` asks for it (20 items of each kind),
 * without marking the reminders seen (this process only reads). */
static enum err_code
todo_list(struct call *c, struct error *e)
{
	struct cycle_settings cs = session_cycle(c->s);
	struct todo_query q = { .depts = &c->dept, .ndepts = 1, .as_of = c->s->as_of, .cs = &cs, .limit = 20 };
	if (c->dept == 0) {            /* the user's departments */
		q.depts = c->s->id.depts;
		q.ndepts = c->s->id.ndepts;
	}
	struct todo_counts n;
	c->rows = 0;
	return store_todo_each(c->s->store, &c->s->id, &q, count_todo_item, &c->rows, &n, e);
}

/* Seconds of CPU this process has used. */
static double
cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Call fn b->keys times after one call that warms the cache; print the
 * median wall time against target (ms), and the CPU time as name_cpu
 * (which does not grow when other processes load the machine). */
static void
timed(struct bench *b, long long n, const char *name, enum err_code (*fn)(struct call *, struct error *),
      struct call *c, double target)
{
	struct error e;
	err_clear(&e);
	if (fn(c, &e)) {
		bench_skip(name, n, "%s", e.msg);
		return;
	}
	struct samples ms = { 0 }, cpu = { 0 };
	for (int i = 0; i < b->keys; i++) {
		double t0 = bench_now(), c0 = cpu_now();
		if (fn(c, &e)) {
			bench_skip(name, n, "%s", e.msg);
			break;
		}
		samples_add(&ms, (bench_now() - t0) * 1000);
		samples_add(&cpu, (cpu_now() - c0) * 1000);
	}
	if (ms.n == b->keys) {
		size_t l = strlen(name);
		char *cpu_name = xasprintf("%.*s_cpu_ms", (int)(l > 3 ? l - 3 : l), name);   /* x_ms -> x_cpu_ms */
		bench_print(name, n, &ms, 2, target, -1);
		bench_print(cpu_name, n, &cpu, 2, 0, 0);
		free(cpu_name);
	}
	samples_free(&ms);
	samples_free(&cpu);
}

struct dept_lead {
	long long id;
	int lead;
};

struct dept_pick {
	struct dept_lead d[STORE_BENCH_DEPTS + 8];
	int n;
};

static int
dept_pick_row(const struct dept_row *r, void *ctx)
{
	struct dept_pick *p = ctx;
	if (r->n_lead > 0 && p->n < (int)(sizeof p->d / sizeof p->d[0]))
		p->d[p->n++] = (struct dept_lead){ .id = r->id, .lead = r->n_lead };
	return 0;
}

/* Most tasks led first. */
static int
by_lead(const void *a, const void *b)
{
	int x = ((const struct dept_lead *)a)->lead, y = ((const struct dept_lead *)b)->lead;
	return (x < y) - (x > y);
}

/* The generated editor of department id (user u leads department u + 1). */
static void
editor_of(long long id, char out[32])
{
	bench_user_name(out, (int)id - 1);
}

/* The departments leading the most tasks and the median number: ids. */
static int
pick_depts(struct session *s, long long *most, long long *typical)
{
	struct dept_pick p = { .n = 0 };
	struct error e;
	err_clear(&e);
	if (store_depts_each(s->store, NULL, dept_pick_row, &p, &e) || p.n == 0)
		return -1;
	qsort(p.d, (size_t)p.n, sizeof p.d[0], by_lead);
	*most = p.d[0].id;
	*typical = p.d[p.n / 2].id;
	return 0;
}

/* The to-do list of department id as its editor sees it. */
static void
todo_of(struct bench *b, const char *path, long long n, const char *name, long long id)
{
	char user[32];
	editor_of(id, user);
	struct session s;
	if (open_as(b, path, user, &s)) {
		bench_skip(name, n, "no session as %s", user);
		return;
	}
	struct call c = { .s = &s, .dept = id };
	timed(b, n, name, todo_list, &c, 50);
	session_close(&s);
}

static void
store_figures(struct bench *b, const char *path, long long n, char editor[32])
{
	struct session s;
	if (open_as(b, path, OFFICE_USER, &s)) {
		bench_skip("review_queue_page_ms", n, "no session as %s", OFFICE_USER);
		return;
	}
	struct call c = { .s = &s };
	timed(b, n, "review_queue_page_ms", queue_page, &c, 50);
	timed(b, n, "todo_office_ms", todo_list, &c, 50);
	long long most = 0, typical = 0;
	int r = pick_depts(&s, &most, &typical);
	session_close(&s);
	if (r) {
		bench_skip("todo_most_ms", n, "no department leads a task");
		return;
	}
	editor_of(most, editor);
	todo_of(b, path, n, "todo_most_ms", most);
	todo_of(b, path, n, "todo_typical_ms", typical);
}

void
figures_cycle(struct bench *b, const struct bench_db *db)
{
	char *path = NULL;
	if (cycle_db_open(b, db, &path)) {
		bench_skip("review_queue_page_ms", db->n, "could not make the cycle's database %s", path);
		free(path);
		return;
	}
	/* the session reads [cycle] from the standard configuration files:
	 * those of the benchmark's private home, as for the programs run */
	char *cfg = xasprintf("%s/.config", b->home);
	setenv("XDG_CONFIG_HOME", cfg, 1);
	setenv("HOME", b->home, 1);
	free(cfg);
	char editor[32] = "";
	store_figures(b, path, db->n, editor);
	struct bench_db cdb = { .n = db->n, .path = path, .dept = db->dept };
	figures_console_lights(b, &cdb);
	if (editor[0])
		figures_cli_cycle(b, &cdb, OFFICE_USER, editor);
	free(path);
}
