/* figures_cli: the commands a department runs at a prompt or in a script:
 * `tasks --dept`, `report --by dept`, `late`: wall time, time to the first
 * line on a terminal, and peak memory; and the read commands whose output
 * does not grow with the plan (summary, chapters, depts, ...): wall time. Each is run once first to warm the
 * page cache (the figures are for a database that is in memory, as it is
 * on a server in use). */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "plancon/xalloc.h"

/* Run args on an 80x24 terminal until it exits: first line and total
 * seconds, peak RSS in MB. Exit status, or -1. */
static int
run_on_term(struct bench *b, char **args, double *first, double *total, double *rss)
{
	struct term t;
	if (term_spawn(&t, 80, 24, false, args, b->env) != 0)
		return -1;
	int r = term_wait(&t, 120);
	*first = t.first_line ? t.first_line - t.started : 0;
	*total = (t.eof ? t.last : bench_now()) - t.started;
	*rss = (double)t.ru.ru_maxrss / 1024.0;
	int status = t.status;
	term_close(&t);
	if (r != 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A command on a terminal: time to its first line (target first_target),
 * to its end and its peak memory, as name_first_line_ms, name_ms and
 * name_rss_mb. */
static void
on_term(struct bench *b, const struct bench_db *db, const char *name, double first_target, char **args)
{
	char *fname = xasprintf("%s_first_line_ms", name), *tname = xasprintf("%s_ms", name),
	     *mname = xasprintf("%s_rss_mb", name);
	struct samples first = { 0 }, total = { 0 }, rss = { 0 };
	double f, t, m;
	int r = run_on_term(b, args, &f, &t, &m);
	if (r != 0) {
		bench_skip(tname, db->n, "plancon %s exited with status %d", args[4], r);
	} else {
		double t0 = bench_now();
		for (int i = 0; i < b->runs && !bench_enough(i, t0); i++) {
			if (run_on_term(b, args, &f, &t, &m) != 0)
				break;
			samples_add(&first, f * 1000);
			samples_add(&total, t * 1000);
			samples_add(&rss, m);
		}
		bench_print(fname, db->n, &first, 1, first_target, -1);
		bench_print(tname, db->n, &total, 1, 0, 0);
		bench_print(mname, db->n, &rss, 1, 0, 0);
	}
	samples_free(&first);
	samples_free(&total);
	samples_free(&rss);
	free(fname);
	free(tname);
	free(mname);
}

static void
tasks_dept(struct bench *b, const struct bench_db *db)
{
	char **args = bench_argv(b, db, "tasks", "--dept", db->dept, NULL);
	on_term(b, db, "tasks_dept", 100, args);
	bench_argv_free(args);
}

/* A command whose output goes to a pipe: wall time and peak memory. */
static void
piped(struct bench *b, const struct bench_db *db, const char *name, const char *rss_name, double target,
      char **args)
{
	struct samples total = { 0 }, rss = { 0 };
	double secs;
	struct rusage ru;
	int r = bench_run_pipe(args, b->env, &secs, &ru);
	if (r != 0) {
		bench_skip(name, db->n, "plancon %s exited with status %d", args[4], r);
	} else {
		double t0 = bench_now();
		for (int i = 0; i < b->runs && !bench_enough(i, t0); i++) {
			if (bench_run_pipe(args, b->env, &secs, &ru) != 0)
				break;
			samples_add(&total, secs * 1000);
			samples_add(&rss, (double)ru.ru_maxrss / 1024.0);
		}
		bench_print(name, db->n, &total, 1, target, target > 0 ? -1 : 0);
		if (rss_name)
			bench_print(rss_name, db->n, &rss, 1, 0, 0);
	}
	samples_free(&total);
	samples_free(&rss);
}

/* Read commands that print a page or less whatever the size of the plan:
 * each should answer in 50 ms at any size (the figures come from the
 * tallies and the indexes, not from a pass over every task). */
static const struct {
	const char *name;
	const char *args[4];       /* NULL-terminated when shorter */
} reads[] = {
	{ "summary_ms",           { "summary" } },
	{ "chapters_ms",          { "chapters" } },
	{ "depts_ms",             { "depts" } },
	{ "report_chapter_ms",    { "report", "--by", "chapter" } },
	{ "show_ms",              { "show", "1.1.1" } },
	{ "log_task_ms",          { "log", "1.1.1" } },
	{ "tasks_search_ms",      { "tasks", "--search", "盐碱地蓝碳" } },
};

void
figures_cli(struct bench *b, const struct bench_db *db)
{
	tasks_dept(b, db);
	for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
		const char *const *a = reads[i].args;
		char **args = bench_argv(b, db, a[0], a[1], a[2], a[3], NULL);
		piped(b, db, reads[i].name, NULL, 50, args);
		bench_argv_free(args);
	}
	char **args = bench_argv(b, db, "report", "--by", "dept", NULL);
	piped(b, db, "report_dept_ms", "report_rss_mb", 1000, args);
	bench_argv_free(args);
	args = bench_argv(b, db, "late", NULL);
	piped(b, db, "late_ms", "late_rss_mb", 0, args);
	bench_argv_free(args);
}

/* The supervision cycle's commands, on the database with its history: as
 * the office's user and as the editor of the department that leads the
 * most tasks (--user: the login is an administrator there). The read
 * commands print a page (todo: 20 items of each kind) or the ranking's 50
 * lines; review list prints the whole queue, tasks --light red the
 * tasks with a red light (most of the open ones: the plan is late). */
void
figures_cli_cycle(struct bench *b, const struct bench_db *db, const char *office, const char *editor)
{
	char **args = bench_argv(b, db, "tasks", "--light", "red", NULL);
	on_term(b, db, "tasks_light_red", 100, args);
	bench_argv_free(args);
	static const struct {
		const char *name;
		double target;
		bool office;               /* run as the office's user, else as the editor */
		const char *args[4];
	} cmds[] = {
		{ "rank_ms",               1000, true,  { "rank" } },
		{ "report_dept_lights_ms", 1000, true,  { "report", "--by", "dept" } },
		{ "todo_cli_ms",             50, false, { "todo" } },
		{ "todo_office_cli_ms",      50, true,  { "todo" } },
		{ "review_list_ms",           0, true,  { "review", "list" } },
	};
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		const char *const *a = cmds[i].args;
		args = bench_argv(b, db, "--user", cmds[i].office ? office : editor, a[0], a[1], a[2], a[3], NULL);
		piped(b, db, cmds[i].name, NULL, cmds[i].target, args);
		bench_argv_free(args);
	}
}
