/* plancon-bench: how fast plancon is on plans of 1,000 to 1,000,000 tasks.
 *
 *   plancon-bench gen N FILE [--seed S]
 *       make a database of N synthetic tasks (see tests/bench/gen/generate.c)
 *   plancon-bench cycle FILE [full|reduced] [--seed S]
 *       add 24 months of the supervision cycle's reports, reviews,
 *       reminders and extensions to FILE, a generated database (see
 *       tests/bench/gen/cycle.c and BENCHMARKS.md; bench_cycle_add)
 *   plancon-bench run [--plancon PATH] [--dir DIR] [--sizes N,N,...] [--runs R]
 *                     [--keys K] [--writes W] [--only console,cli,write,cycle] [--schema V]
 *       for each size, make (once; kept in DIR) the database, then measure
 *       and print one line per figure: name, N, median, min-max, the
 *       middle half, the number of samples, and the target.
 *   plancon-bench screen DB [--plancon PATH] [KEYS...]
 *       start the console on DB on an 80x24 terminal, type each KEYS
 *       argument in turn (@cap: the terminfo key cap, e.g. @kcud1; \r, \e)
 *       and print the screen after each (what the console benchmark sees)
 *   plancon-bench vt FILE...
 *       interpret files of terminal output in turn and print the screen
 *       after each (tests/bench/smoke.sh checks the terminal model with it)
 *
 * The figures are measured from outside, as a user would see them: each
 * program runs on a pseudo-terminal of our own or a pipe; times are wall
 * clock, memory is the peak resident set of the process (wait4). */
#include "bench.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "keys.h"
#include "gen/generate.h"
#include "plancon/store.h"
#include "plancon/xalloc.h"

#define SEED BENCH_SEED
#define GENERATOR_VERSION 1          /* raise when tests/bench/gen/generate.c makes different data */

/* ---- time and statistics ------------------------------------------------------------ */

double
bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
samples_add(struct samples *s, double x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xrealloc(s->v, sizeof *s->v * (size_t)s->cap);
	}
	s->v[s->n++] = x;
}

void
samples_free(struct samples *s)
{
	free(s->v);
	*s = (struct samples){ 0 };
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double
samples_quantile(struct samples *s, double q)
{
	if (s->n == 0)
		return 0;
	qsort(s->v, (size_t)s->n, sizeof *s->v, cmp_double);
	double pos = q * (s->n - 1);
	int i = (int)pos;
	if (i >= s->n - 1)
		return s->v[s->n - 1];
	return s->v[i] + (s->v[i + 1] - s->v[i]) * (pos - i);
}

void
bench_print(const char *name, long long n, struct samples *s, int precision, double target, int cmp)
{
	if (s->n == 0) {
		bench_skip(name, n, "no samples");
		return;
	}
	double med = samples_quantile(s, 0.5);
	char verdict[48] = "";
	if (cmp)
		snprintf(verdict, sizeof verdict, "%s %s %.*f", (cmp < 0 ? med <= target : med >= target) ? "ok  " : "MISS",
		         cmp < 0 ? "<=" : ">=", precision, target);
	printf("%-26s %8lld  median %10.*f  min-max %.*f-%.*f  iqr %.*f-%.*f  n=%d  %s\n", name, n, precision, med,
	       precision, samples_quantile(s, 0), precision, samples_quantile(s, 1), precision,
	       samples_quantile(s, 0.25), precision, samples_quantile(s, 0.75), s->n, verdict);
	fflush(stdout);
}

void
bench_skip(const char *name, long long n, const char *fmt, ...)
{
	va_list ap;
	printf("%-26s %8lld  skipped: ", name, n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

char **
bench_argv(const struct bench *b, const struct bench_db *db, const char *first, ...)
{
	int n = 0, cap = 16;
	char **argv = xmalloc(sizeof *argv * (size_t)cap);
	argv[n++] = xstrdup(b->plancon);
	argv[n++] = xstrdup("--db");
	argv[n++] = xstrdup(db->path);
	argv[n++] = xasprintf("--as-of=%s", b->as_of);
	va_list ap;
	va_start(ap, first);
	for (const char *a = first; a; a = va_arg(ap, const char *)) {
		if (n + 2 > cap) {
			cap *= 2;
			argv = xrealloc(argv, sizeof *argv * (size_t)cap);
		}
		argv[n++] = xstrdup(a);
	}
	va_end(ap);
	argv[n] = NULL;
	return argv;
}

void
bench_argv_free(char **argv)
{
	for (char **a = argv; a && *a; a++)
		free(*a);
	free(argv);
}

bool
bench_enough(int samples, double since)
{
	return samples >= 3 && bench_now() - since > 60;
}

bool
bench_wants(const struct bench *b, const char *group)
{
	if (!b->only)
		return true;
	size_t l = strlen(group);
	for (const char *p = b->only; (p = strstr(p, group)); p += l)
		if ((p == b->only || p[-1] == ',') && (p[l] == ',' || p[l] == '\0'))
			return true;
	return false;
}

/* ---- the environment of the programs run ---------------------------------------------- */

static void
make_env(struct bench *b)
{
	char tmpl[] = "/tmp/plancon-bench.XXXXXX";
	const char *tmp = getenv("TMPDIR");
	char *dir = tmp && *tmp ? xasprintf("%s/plancon-bench.XXXXXX", tmp) : xstrdup(tmpl);
	if (!mkdtemp(dir)) {
		perror("plancon-bench: mkdtemp");
		exit(1);
	}
	b->home = dir;
	char *cfg = xasprintf("%s/.config", dir), *data = xasprintf("%s/.local/share", dir);
	mkdir(cfg, 0700);
	free(cfg);
	free(data);
	const char *path = getenv("PATH");
	char *env[] = {
		xasprintf("HOME=%s", dir), xasprintf("XDG_CONFIG_HOME=%s/.config", dir),
		xasprintf("XDG_DATA_HOME=%s/.local/share", dir), xstrdup("LANG=C.UTF-8"), xstrdup("LC_ALL=C.UTF-8"),
		xstrdup("TZ=UTC"), xstrdup("TERM=xterm-256color"), xasprintf("PATH=%s", path ? path : "/usr/bin:/bin"),
		NULL
	};
	b->env = xmalloc(sizeof env);
	memcpy(b->env, env, sizeof env);
}

static void
free_env(struct bench *b)
{
	for (char **e = b->env; e && *e; e++)
		free(*e);
	free(b->env);
	if (b->home) {
		char *cmd = xasprintf("rm -rf '%s'", b->home);
		if (system(cmd) != 0)
			fprintf(stderr, "plancon-bench: could not remove %s\n", b->home);
		free(cmd);
		free(b->home);
	}
}

/* ---- databases --------------------------------------------------------------------------- */

int
bench_store_open(const struct bench *b, const char *path, struct store **s, char *msg, size_t len)
{
	struct error e;
	err_clear(&e);
	enum err_code c = b->schema > 0 ? store_open_version(s, path, 0, b->schema, &e) : store_open(s, path, 0, &e);
	if (c && msg)
		snprintf(msg, len, "%s", e.msg);
	return c ? -1 : 0;
}

static int
generate(const char *path, long long n, unsigned long long seed, bool quiet)
{
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	unlink(path);
	double t0 = bench_now();
	if (store_open(&s, path, STORE_CREATE | STORE_EMPTY, &e)) {
		fprintf(stderr, "plancon-bench: %s\n", e.msg);
		return 1;
	}
	struct bench_counts c;
	enum err_code code = store_bench_generate(s, n, seed, &c, &e);
	store_close(s);
	if (code) {
		fprintf(stderr, "plancon-bench: %s\n", e.msg);
		unlink(path);
		return 1;
	}
	double secs = bench_now() - t0;
	struct stat st;
	if (!quiet)
		fprintf(stderr, "plancon-bench: %s: %lld tasks, %lld chapters, %lld sections, %lld milestones, "
		        "%lld cooperations, %lld changes, %.0f MB in %.1f s\n", path, c.tasks, c.chapters, c.sections,
		        c.milestones, c.coop, c.changes, stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0.0, secs);
	return 0;
}

/* The cached database of n tasks, made when missing, brought up to this
 * plancon's schema when older (plancon would do that on first use). */
static int
bench_db_open(struct bench *b, long long n, struct bench_db *db)
{
	db->n = n;
	db->path = xasprintf("%s/bench-g%d-%lld.db", b->dir, GENERATOR_VERSION, n);
	db->dept = xstrdup(store_bench_dept(1));
	struct stat st;
	if (stat(db->path, &st) == 0) {
		struct store *s = NULL;
		char msg[1100];
		if (bench_store_open(b, db->path, &s, msg, sizeof msg)) {
			fprintf(stderr, "plancon-bench: %s\n", msg);
			return -1;
		}
		store_close(s);
		return 0;
	}
	char *cmd = xasprintf("mkdir -p '%s'", b->dir);
	int r = system(cmd);
	free(cmd);
	if (r != 0)
		return -1;
	char *tmp = xasprintf("%s.tmp", db->path);
	double t0 = bench_now();
	r = generate(tmp, n, SEED, false);
	if (r == 0 && rename(tmp, db->path) != 0)
		r = -1;
	for (int i = 0; i < 2; i++) {        /* the closed database's empty -wal and -shm */
		char *side = xasprintf("%s%s", tmp, i ? "-shm" : "-wal");
		unlink(side);
		free(side);
	}
	free(tmp);
	if (r == 0) {
		struct samples s = { 0 };
		samples_add(&s, bench_now() - t0);
		bench_print("generate_s", n, &s, 1, 120, -1);
		samples_free(&s);
	}
	return r;
}

static void
bench_db_free(struct bench_db *db)
{
	free(db->path);
	free(db->dept);
}

/* ---- commands ---------------------------------------------------------------------------- */

static long long
parse_count(const char *s)
{
	char *end;
	errno = 0;
	long long n = strtoll(s, &end, 10);
	if (errno || end == s || *end || n < 1 || n > 100000000) {
		fprintf(stderr, "plancon-bench: expected a number of tasks from 1 to 100000000, got \"%s\"\n", s);
		exit(2);
	}
	return n;
}

static int
cmd_gen(int argc, char **argv)
{
	unsigned long long seed = SEED;
	if (argc >= 5 && !strcmp(argv[3], "--seed")) {
		seed = strtoull(argv[4], NULL, 10);
		argc -= 2;
	}
	if (argc != 3) {
		fputs("usage: plancon-bench gen N FILE [--seed S]\n", stderr);
		return 2;
	}
	return generate(argv[2], parse_count(argv[1]), seed, false);
}

/* The shapes of the cycle's history (BENCHMARKS.md): all 24 periods for
 * every task, or the reduced one for a million tasks. */
static const struct { const char *name; struct bench_cycle_shape shape; } cycle_shapes[] = {
	{ "full", { .periods = 24 } },
	{ "reduced", { .periods = 24, .full_periods = 3, .sample_depts = 5 } },
};

/* Add the supervision cycle's history to file, a generated database. */
int
bench_cycle_add(const char *path, const char *shape, unsigned long long seed, bool quiet)
{
	int k = -1;
	for (int i = 0; i < (int)(sizeof cycle_shapes / sizeof *cycle_shapes); i++)
		if (!strcmp(shape, cycle_shapes[i].name))
			k = i;
	if (k < 0) {
		fprintf(stderr, "plancon-bench: unknown cycle shape \"%s\" (full, reduced)\n", shape);
		return 2;
	}
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	double t0 = bench_now();
	if (store_open(&s, path, 0, &e)) {
		fprintf(stderr, "plancon-bench: %s\n", e.msg);
		return 1;
	}
	struct bench_cycle_counts c;
	enum err_code code = store_bench_cycle(s, &cycle_shapes[k].shape, seed, &c, &e);
	store_close(s);
	if (code) {
		fprintf(stderr, "plancon-bench: %s\n", e.msg);
		return 1;
	}
	struct stat st;
	if (!quiet)
		fprintf(stderr, "plancon-bench: %s: cycle (%s): %lld reports, %lld revisions, %lld reviews, %lld reminders, "
		        "%lld extensions, %lld waiting for review; %.0f MB in all; %.1f s\n", path, shape, c.reports,
		        c.revisions, c.reviews, c.reminders, c.extensions, c.queue,
		        stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0.0, bench_now() - t0);
	return 0;
}

static int
cmd_cycle(int argc, char **argv)
{
	unsigned long long seed = SEED;
	if (argc >= 5 && !strcmp(argv[argc - 2], "--seed")) {
		seed = strtoull(argv[argc - 1], NULL, 10);
		argc -= 2;
	}
	if (argc != 2 && argc != 3) {
		fputs("usage: plancon-bench cycle FILE [full|reduced] [--seed S]\n", stderr);
		return 2;
	}
	return bench_cycle_add(argv[1], argc == 3 ? argv[2] : "full", seed, false);
}

/* The first line of a file whose name starts with path, from the text
 * after key. */
static void
proc_field(const char *path, const char *key, char *out, size_t len)
{
	FILE *f = fopen(path, "r");
	char line[512];
	snprintf(out, len, "?");
	while (f && fgets(line, sizeof line, f)) {
		if (strncmp(line, key, strlen(key)))
			continue;
		char *v = line + strlen(key);
		while (*v == ' ' || *v == '\t' || *v == ':')
			v++;
		v[strcspn(v, "\n")] = '\0';
		snprintf(out, len, "%s", v);
		break;
	}
	if (f)
		fclose(f);
}

/* One comment line about the machine and how busy it is. */
static void
print_machine(const char *when)
{
	char cpu[128], mem[64], load[64];
	proc_field("/proc/cpuinfo", "model name", cpu, sizeof cpu);
	proc_field("/proc/meminfo", "MemTotal", mem, sizeof mem);
	proc_field("/proc/loadavg", "", load, sizeof load);
	printf("# %s: %ld CPUs (%s), memory %s, load average %s\n", when, sysconf(_SC_NPROCESSORS_ONLN), cpu, mem, load);
	fflush(stdout);
}

static int
cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "plancon", required_argument, NULL, 'p' }, { "dir", required_argument, NULL, 'd' },
		{ "sizes", required_argument, NULL, 's' }, { "runs", required_argument, NULL, 'r' },
		{ "keys", required_argument, NULL, 'k' }, { "writes", required_argument, NULL, 'w' },
		{ "only", required_argument, NULL, 'o' }, { "schema", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct bench b = { .plancon = "./plancon", .dir = "build/bench", .as_of = "2024-06-30", .runs = 7,
	                   .keys = 30, .writes = 250 };
	const char *sizes = "1000,100000,1000000";
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'p': b.plancon = optarg; break;
		case 'd': b.dir = optarg; break;
		case 's': sizes = optarg; break;
		case 'r': b.runs = atoi(optarg) > 0 ? atoi(optarg) : 1; break;
		case 'k': b.keys = atoi(optarg) > 0 ? atoi(optarg) : 1; break;
		case 'w': b.writes = atoi(optarg) > 0 ? atoi(optarg) : 1; break;
		case 'o': b.only = optarg; break;
		case 'v': b.schema = atoi(optarg); break;
		default:
			fputs("usage: plancon-bench run [--plancon PATH] [--dir DIR] [--sizes N,...] [--runs R] "
			      "[--keys K] [--writes W] [--only console,cli,write,cycle] [--schema V]\n", stderr);
			return 2;
		}
	}
	if (access(b.plancon, X_OK) != 0) {
		fprintf(stderr, "plancon-bench: %s: %s (build it with make)\n", b.plancon, strerror(errno));
		return 1;
	}
	make_env(&b);
	print_machine("start");
	printf("%-26s %8s  %-17s  %-s\n", "figure", "N", "median", "spread, samples, target");
	int rc = 0;
	char *list = xstrdup(sizes);
	for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		struct bench_db db = { 0 };
		if (bench_db_open(&b, parse_count(tok), &db)) {
			fprintf(stderr, "plancon-bench: could not make the database of %s tasks\n", tok);
			bench_db_free(&db);
			rc = 1;
			break;
		}
		if (bench_wants(&b, "console"))
			figures_console(&b, &db);
		if (bench_wants(&b, "cli"))
			figures_cli(&b, &db);
		if (bench_wants(&b, "write"))
			figures_write(&b, &db);
		if (bench_wants(&b, "cycle"))
			figures_cycle(&b, &db);
		bench_db_free(&db);
	}
	free(list);
	free_env(&b);
	print_machine("end");
	return rc;
}

static int
cmd_screen(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: plancon-bench screen DB [--plancon PATH] [KEYS...]\n", stderr);
		return 2;
	}
	struct bench b = { .plancon = "./plancon", .as_of = "2024-06-30" };
	struct bench_db db = { .path = argv[1] };
	int i = 2;
	if (argc > 3 && !strcmp(argv[2], "--plancon")) {
		b.plancon = argv[3];
		i = 4;
	}
	make_env(&b);
	char **args = bench_argv(&b, &db, NULL);
	struct term t;
	int rc = 1;
	if (term_spawn(&t, 80, 24, true, args, b.env) == 0) {
		fprintf(stderr, "plancon-bench: console pid %d\n", (int)t.pid);
		term_settle(&t, 0, NULL, 0.3, 10);
		char *d = vt_dump(t.vt);
		printf("---- first frame: %zu bytes, %.1f ms\n%s", t.bytes, (t.last - t.started) * 1000, d);
		free(d);
		for (; i < argc; i++) {
			size_t before = t.bytes;
			const char *k = argv[i];
			char *key = NULL;
			if (k[0] == '@') {
				key = bench_key("xterm-256color", k + 1, vt_app_cursor(t.vt));
				if (!key) {
					fprintf(stderr, "plancon-bench: no terminfo key %s\n", k + 1);
					continue;
				}
				k = key;
			} else if (!strcmp(k, "\\r")) {
				k = "\r";
			} else if (!strcmp(k, "\\e")) {
				k = "\033";
			}
			double t0 = bench_now();
			term_send(&t, k, strlen(k));
			term_settle(&t, before, NULL, 0.3, 10);
			d = vt_dump(t.vt);
			printf("---- after %s: %zu bytes, %.2f ms\n%s", argv[i], t.bytes - before, (t.last - t0) * 1000, d);
			free(d);
			free(key);
		}
		term_close(&t);
		rc = 0;
	}
	bench_argv_free(args);
	free_env(&b);
	return rc;
}

/* Interpret files of terminal output in turn; print the screen after each. */
static int
cmd_vt(int argc, char **argv)
{
	struct vt *v = vt_new(80, 24);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			vt_free(v);
			return 1;
		}
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			vt_feed(v, buf, n);
		fclose(f);
		char *d = vt_dump(v);
		printf("---- %s\n%s", argv[i], d);
		free(d);
	}
	vt_free(v);
	return 0;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (argc >= 2 && !strcmp(argv[1], "gen"))
		return cmd_gen(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "cycle"))
		return cmd_cycle(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "run"))
		return cmd_run(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "vt"))
		return cmd_vt(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "screen"))
		return cmd_screen(argc - 1, argv + 1);
	fputs("usage: plancon-bench gen N FILE [--seed S]\n"
	      "       plancon-bench run [--plancon PATH] [--dir DIR] [--sizes N,...] [--runs R] [--keys K]\n"
	      "                         [--writes W] [--only console,cli,write,cycle] [--schema V]\n"
	      "       plancon-bench screen DB [--plancon PATH] [KEYS...]\n", stderr);
	return 2;
}
