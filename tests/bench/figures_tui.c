/* figures_tui: the console, driven on a pseudo-terminal of 80x24 the way a
 * user at an xterm (or over SSH) drives it. A frame is complete when the
 * screen shows what it should (the status line names the database) and
 * nothing more arrives for IDLE seconds; its time is that of its last byte,
 * so the idle wait itself is not counted. Keys are sent as the terminal
 * sends them (from terminfo, in the keypad mode the console asked for). */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "gen/generate.h"
#include "plancon/xalloc.h"

#define COLS 80
#define ROWS 24
#define IDLE 0.15
#define TIMEOUT 30.0
#define TERMNAME "xterm-256color"

static bool verbose;

static void
show(struct term *t, const char *what)
{
	if (!verbose)
		return;
	char *d = vt_dump(t->vt);
	fprintf(stderr, "---- %s\n%s", what, d);
	free(d);
}

/* What the status line shows once the console's first frame is drawn: the
 * row count. (Not the database's name: the status line leaves that out
 * when the user's name and role need the room.) */
static const char FIRST_FRAME[] = " row 1/";

/* Start the console (with config, a configuration file, if not NULL) and
 * wait for its first complete frame: wall and CPU seconds. */
static int
start(struct bench *b, const struct bench_db *db, const char *config, struct term *t, double *secs, double *cpu)
{
	char **args = bench_argv(b, db, config ? "--config" : NULL, config, NULL);
	int r = term_spawn(t, COLS, ROWS, true, args, b->env);
	bench_argv_free(args);
	if (r)
		return -1;
	if (term_settle(t, 0, FIRST_FRAME, IDLE, TIMEOUT)) {
		show(t, "no first frame");
		return -1;
	}
	*secs = t->last - t->started;
	*cpu = term_cpu(t);
	return 0;
}

/* Send keys; seconds until the screen settled, CPU seconds the console
 * used meanwhile, bytes it wrote. */
static int
key(struct term *t, const char *keys, const char *expect, double *secs, double *cpu, size_t *bytes)
{
	size_t before = t->bytes;
	double c0 = term_cpu(t), t0 = bench_now();
	term_send(t, keys, strlen(keys));
	if (term_settle(t, before, expect, IDLE, TIMEOUT))
		return -1;
	if (secs)
		*secs = t->last - t0;
	if (cpu)
		*cpu = term_cpu(t) - c0;
	if (bytes)
		*bytes = t->bytes - before;
	return 0;
}

/* The bytes of terminfo key cap as the console's terminal sends them now. */
static char *
tkey(struct term *t, const char *cap)
{
	char *k = bench_key(TERMNAME, cap, vt_app_cursor(t->vt));
	return k ? k : xstrdup("");
}

struct keyfig {
	const char *name, *cpu_name;
	struct samples ms, cpu, bytes;
};

/* Press keys K times, measuring each; between presses, reset (not measured). */
static int
measure(struct bench *b, struct term *t, struct keyfig *f, const char *keys, const char *reset)
{
	for (int i = 0; i < b->keys; i++) {
		double secs, cpu;
		size_t bytes;
		if (key(t, keys, NULL, &secs, &cpu, &bytes))
			return -1;
		samples_add(&f->ms, secs * 1000);
		samples_add(&f->cpu, cpu * 1000);
		samples_add(&f->bytes, (double)bytes);
		if (i == 0)
			show(t, f->name);
		if (reset && key(t, reset, NULL, NULL, NULL, NULL))
			return -1;
	}
	return 0;
}

/* The search: "/", then text and Enter (as an input method commits a word:
 * in one burst), measured from the text on; then Esc. With prefix, the
 * first two characters are typed first (not measured): the figure is then
 * that of searches of three characters or more. */
static int
search(struct bench *b, struct term *t, struct keyfig *f, bool prefix)
{
	const char *needle = STORE_BENCH_NEEDLE;
	size_t split = 0;
	for (int chars = 0; prefix && needle[split] && chars < 2; chars++)
		do
			split++;
		while (((unsigned char)needle[split] & 0xc0) == 0x80);
	char *first = xasprintf("/%.*s", (int)split, needle), *rest = xasprintf("%s\r", needle + split);
	int r = 0;
	double t0 = bench_now();
	for (int i = 0; i < b->keys && !r && !bench_enough(i, t0); i++) {
		double secs, cpu;
		/* Wait for what the console shows when it is done, not just for a
		 * pause in its output: it is silent while it searches. */
		if (key(t, first, first, NULL, NULL, NULL) || key(t, rest, STORE_BENCH_NEEDLE, &secs, &cpu, NULL)) {
			r = -1;
			break;
		}
		samples_add(&f->ms, secs * 1000);
		samples_add(&f->cpu, cpu * 1000);
		if (i == 0)
			show(t, f->name);
		if (key(t, "\033", NULL, NULL, NULL, NULL))
			r = -1;
	}
	free(first);
	free(rest);
	return r;
}

/* A session of keys. With config (the set-up for a slow link), only the
 * bytes of down and page down, named *_slowlink. */
static void
session(struct bench *b, const struct bench_db *db, const char *config)
{
	struct term t;
	double secs, cpu;
	struct keyfig f[] = {
		{ .name = "key_down_ms", .cpu_name = "key_down_cpu_ms" },
		{ .name = "key_pgdn_ms", .cpu_name = "key_pgdn_cpu_ms" },
		{ .name = "key_end_ms", .cpu_name = "key_end_cpu_ms" },
		{ .name = "key_dept_open_ms", .cpu_name = "key_dept_open_cpu_ms" },
		{ .name = "key_search3_ms", .cpu_name = "key_search3_cpu_ms" },
		{ .name = "key_search_ms", .cpu_name = "key_search_cpu_ms" },
	};
	enum { DOWN, PGDN, END, DEPT, SEARCH3, SEARCH, NFIG };
	if (start(b, db, config, &t, &secs, &cpu)) {
		bench_skip(config ? "bytes_down_slowlink" : "key_down_ms", db->n, "the console did not start");
		term_close(&t);
		return;
	}
	show(&t, "first frame");
	char *down = tkey(&t, "kcud1"), *pgdn = tkey(&t, "knp"), *end = tkey(&t, "kend"), *home = tkey(&t, "khome"),
	     *bs = tkey(&t, "kbs");
	int failed = -1;
	if (measure(b, &t, &f[DOWN], down, NULL))
		failed = DOWN;
	else if (measure(b, &t, &f[PGDN], pgdn, NULL))
		failed = PGDN;
	else if (config)
		;
	else if (key(&t, home, NULL, NULL, NULL, NULL) || measure(b, &t, &f[END], end, home))
		failed = END;
	else if (key(&t, "2", NULL, NULL, NULL, NULL) || measure(b, &t, &f[DEPT], "\r", bs))
		failed = DEPT;
	else if (key(&t, "1", NULL, NULL, NULL, NULL) || search(b, &t, &f[SEARCH3], true))
		failed = SEARCH3;
	else if (search(b, &t, &f[SEARCH], false))
		failed = SEARCH;
	if (failed >= 0)
		show(&t, "stuck");
	for (int i = 0; i < NFIG && !config; i++) {
		if (failed >= 0 && i >= failed) {
			bench_skip(f[i].name, db->n, "the console did not answer within %.0f s, or not as expected", TIMEOUT);
			continue;
		}
		bench_print(f[i].name, db->n, &f[i].ms, 2, 5, -1);
		bench_print(f[i].cpu_name, db->n, &f[i].cpu, 2, 0, 0);
	}
	if (failed < 0 || failed > DOWN)
		bench_print(config ? "bytes_down_slowlink" : "bytes_down", db->n, &f[DOWN].bytes, 0, 100, -1);
	if (failed < 0 || failed > PGDN)
		bench_print(config ? "bytes_pgdn_slowlink" : "bytes_pgdn", db->n, &f[PGDN].bytes, 0, 2500, -1);
	if (config) {
		term_close(&t);
		goto out;
	}
	/* Quit: q (a second time, in case the first only closed something). */
	term_send(&t, "q", 1);
	if (term_settle(&t, t.bytes, NULL, 0.5, TIMEOUT) == 0 && !t.eof)
		term_send(&t, "q", 1);
	struct samples rss = { 0 };
	if (term_wait(&t, TIMEOUT) == 0) {
		samples_add(&rss, (double)t.ru.ru_maxrss / 1024.0);
		bench_print("console_rss_mb", db->n, &rss, 1, 0, 0);
	} else {
		bench_skip("console_rss_mb", db->n, "the console did not quit on q");
	}
	samples_free(&rss);
	term_close(&t);
out:
	for (int i = 0; i < NFIG; i++) {
		samples_free(&f[i].ms);
		samples_free(&f[i].cpu);
		samples_free(&f[i].bytes);
	}
	free(down);
	free(pgdn);
	free(end);
	free(home);
	free(bs);
}

void
figures_console(struct bench *b, const struct bench_db *db)
{
	verbose = getenv("BENCH_VERBOSE") != NULL;
	struct samples first = { 0 }, first_cpu = { 0 };
	for (int i = 0; i <= b->runs; i++) {
		struct term t;
		double secs, cpu;
		int r = start(b, db, NULL, &t, &secs, &cpu);
		term_close(&t);
		if (r) {
			bench_skip("first_frame_ms", db->n, "no frame showing \"%s\" within %.0f s", FIRST_FRAME, TIMEOUT);
			samples_free(&first);
			samples_free(&first_cpu);
			return;
		}
		if (i > 0) {                 /* the first run warms the page cache */
			samples_add(&first, secs * 1000);
			samples_add(&first_cpu, cpu * 1000);
		}
	}
	bench_print("first_frame_ms", db->n, &first, 1, 50, -1);
	bench_print("first_frame_cpu_ms", db->n, &first_cpu, 1, 0, 0);
	samples_free(&first);
	samples_free(&first_cpu);
	session(b, db, NULL);
	/* The set-up plancon.ini(5) suggests for a slow link: the cursor as
	 * a mark, the detail pane shown on demand (i). */
	char *config = xasprintf("%s/slowlink.ini", b->home);
	FILE *f = fopen(config, "w");
	if (f && fputs("[ui]\ncursor = arrow\ndetail = no\n", f) >= 0 && fclose(f) == 0)
		session(b, db, config);
	else
		bench_skip("bytes_down_slowlink", db->n, "cannot write %s", config);
	free(config);
}

/* The first frames of the lights (the cycle on, as in the database's meta)
 * or without them (config: the cycle switched off), named prefix_*: the
 * plan view's first frame (wall and CPU, medians of runs after a warm-up
 * start), and a department's task list (Enter on the first department of
 * the Departments view, which leads the most tasks; Backspace back).
 * Medians of the wall times in ms into plan[0], dept[0], of CPU in [1]. */
static void
lights_frames(struct bench *b, const struct bench_db *db, const char *config, const char *prefix, double plan[2],
              double dept[2])
{
	struct samples ms = { 0 }, cpu = { 0 };
	char *name = xasprintf("%s_first_frame_ms", prefix), *cpu_name = xasprintf("%s_first_frame_cpu_ms", prefix);
	struct term t;
	double secs, c;
	bool alive = false;              /* the last start, left running */
	for (int i = 0; i <= b->runs; i++) {
		int r = start(b, db, config, &t, &secs, &c);
		alive = r == 0 && i == b->runs;
		if (!alive)
			term_close(&t);
		if (r)
			break;
		if (i > 0) {
			samples_add(&ms, secs * 1000);
			samples_add(&cpu, c * 1000);
		}
	}
	plan[0] = samples_quantile(&ms, 0.5);
	plan[1] = samples_quantile(&cpu, 0.5);
	bench_print(name, db->n, &ms, 1, 50, -1);
	bench_print(cpu_name, db->n, &cpu, 1, 0, 0);
	free(name);
	free(cpu_name);
	samples_free(&ms);
	samples_free(&cpu);
	/* the last start is still running: the department's task list */
	struct keyfig f = { .name = "dept" };
	name = xasprintf("%s_dept_tasks_ms", prefix);
	cpu_name = xasprintf("%s_dept_tasks_cpu_ms", prefix);
	char *bs = alive ? tkey(&t, "kbs") : NULL;
	if (!alive || key(&t, "2", NULL, NULL, NULL, NULL) || measure(b, &t, &f, "\r", bs)) {
		if (alive)
			show(&t, "stuck");
		bench_skip(name, db->n, "the console did not answer within %.0f s, or not as expected", TIMEOUT);
		dept[0] = dept[1] = -1;
	} else {
		dept[0] = samples_quantile(&f.ms, 0.5);
		dept[1] = samples_quantile(&f.cpu, 0.5);
		bench_print(name, db->n, &f.ms, 2, 50, -1);
		bench_print(cpu_name, db->n, &f.cpu, 2, 0, 0);
	}
	if (alive)
		term_close(&t);
	free(bs);
	free(name);
	free(cpu_name);
	samples_free(&f.ms);
	samples_free(&f.cpu);
	samples_free(&f.bytes);
}

/* What the lights cost a frame: the median with them less the median
 * without (one value; negative when lost in the noise). */
static void
lights_cost(const char *name, long long n, double on, double off)
{
	struct samples s = { 0 };
	if (on >= 0 && off >= 0) {
		samples_add(&s, on - off);
		bench_print(name, n, &s, 2, 0, 0);
	} else {
		bench_skip(name, n, "a figure with or without the lights is missing");
	}
	samples_free(&s);
}

void
figures_console_lights(struct bench *b, const struct bench_db *db)
{
	verbose = getenv("BENCH_VERBOSE") != NULL;
	double on_plan[2], on_dept[2], off_plan[2], off_dept[2];
	lights_frames(b, db, NULL, "lights_on", on_plan, on_dept);
	char *config = xasprintf("%s/cycle-off.ini", b->home);
	FILE *f = fopen(config, "w");
	if (f && fputs("[cycle]\nenabled = no\n", f) >= 0 && fclose(f) == 0) {
		lights_frames(b, db, config, "lights_off", off_plan, off_dept);
		lights_cost("lights_cost_first_frame_ms", db->n, on_plan[0], off_plan[0]);
		lights_cost("lights_cost_first_frame_cpu_ms", db->n, on_plan[1], off_plan[1]);
		lights_cost("lights_cost_dept_tasks_ms", db->n, on_dept[0], off_dept[0]);
		lights_cost("lights_cost_dept_tasks_cpu_ms", db->n, on_dept[1], off_dept[1]);
	} else {
		bench_skip("lights_off_first_frame_ms", db->n, "cannot write %s", config);
	}
	free(config);
}
