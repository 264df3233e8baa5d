/* cli_demo: plancon demo, a separate demo database built from the bundled
 * plan, or any plan file, with simulated statuses, progress, milestone
 * states and history (see store/demo.c). It never writes to a database that is not a demo:
 * an existing file is replaced only when it is itself a demo database. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plancon/cli.h"
#include "plancon/i18n.h"
#include "plancon/input.h"
#include "plancon/store_demo.h"
#include "plancon/store_planfile.h"
#include "plancon/store_tasks.h"
#include "plancon/xalloc.h"

/* demo.db in the directory of the database plancon would open. */
static char *
default_demo_path(const struct cli *c)
{
	char *base = c->session->db_path ? xstrdup(c->session->db_path) : store_default_path();
	if (!base)
		return NULL;
	char *slash = strrchr(base, '/');
	char *p = slash ? xasprintf("%.*s/demo.db", (int)(slash - base), base) : xstrdup("demo.db");
	free(base);
	return p;
}

/* An existing file at path: ERR_OK when it is a demo database (and may be
 * replaced), an error naming why not otherwise. */
static enum err_code
check_replaceable(const char *path, struct error *e)
{
	struct store *s = NULL;
	if (store_open(&s, path, STORE_READONLY, e)) {
		char *why = xstrdup(e->msg);
		err_set(e, ERR_REFUSED, _("%s exists and is not a demo database that plancon can open (%s); "
		        "plancon demo leaves it alone. Give another file with --db"), path, why);
		free(why);
		return ERR_REFUSED;
	}
	char *demo = store_meta_get(s, "demo");
	bool ok = demo && !strcmp(demo, "1");
	free(demo);
	store_close(s);
	if (!ok)
		return err_set(e, ERR_REFUSED, _("%s is a real plancon database, not a demo; plancon demo never "
		               "changes one. Give another file with --db"), path);
	return ERR_OK;
}

/* A problem with the plan file named by it, as import names it. */
static enum err_code
plan_problem(enum err_code c, const char *file, struct error *e)
{
	const char *pre = _("plan file: ");
	size_t pl = !strncmp(e->msg, pre, strlen(pre)) ? strlen(pre) : !strncmp(e->msg, "plan file: ", 11) ? 11 : 0;
	if (c == ERR_INVALID && file && pl) {
		char *m = xstrdup(e->msg + pl);
		err_set(e, c, "%s: %s", file, m);
		free(m);
	}
	return c;
}

/* The demo of plan (the bundled one when NULL, named file for messages). */
static enum err_code
build(const char *path, const char *plan, const char *file, long long *ntasks, struct error *e)
{
	struct store *s = NULL;
	enum err_code code = store_open(&s, path, STORE_CREATE | STORE_EMPTY, e);
	if (code)
		return code;
	char *json = NULL;
	if (!plan && !(plan = store_bundled_plan()))
		code = err_set(e, ERR_DB, _("no bundled plan in this build"));
	if (!code)
		code = plan_problem(store_demo_plan(s, plan, &json, e), file, e);
	if (!code)
		code = plan_problem(store_import(s, json, strlen(json), e), file, e);
	if (!code)
		code = store_demo_cycle(s, json, e);
	if (!code)
		code = store_tasks_count(s, NULL, 0, ntasks, e);
	free(json);
	store_close(s);
	return code;
}

int
cli_demo(struct cli *c, int argc, char **argv)
{
	enum { OPT_DB = 256, OPT_PLAN };
	static const struct option opts[] = { { "db", required_argument, NULL, OPT_DB },
	                                      { "plan", required_argument, NULL, OPT_PLAN }, { NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("demo");
	const char *db = NULL, *plan_file = NULL;
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (ch == OPT_DB)
			db = optarg;
		else if (ch == OPT_PLAN)
			plan_file = optarg;
		else
			return cli_bad_option(c, cmd, argc, argv);
	}
	if (optind < argc)
		return cli_usage_error(c, cmd, "unexpected argument \"%s\"", argv[optind]);
	if (db && !*db)
		return cli_usage_error(c, cmd, _("--db: expected a file name"));
	if (plan_file && !*plan_file)
		return cli_usage_error(c, cmd, _("--plan: expected a file name"));
	char *path = db ? xstrdup(db) : default_demo_path(c);
	if (!path)
		return cli_fail(c, ERR_USAGE, _("no database path: HOME is not set; use --db FILE"));

	struct error e;
	err_clear(&e);
	bool exists = false;
	long long size = 0;
	char *plan = NULL;
	size_t plan_len = 0;
	enum err_code code = plan_file ? input_read_file(plan_file, (size_t)1 << 31, INPUT_STDIN, _("a plan file"),
	                                                 &plan, &plan_len, &e) : ERR_OK;
	if (!code && strlen(plan ? plan : "") != plan_len)
		code = err_set(&e, ERR_INVALID, _("%s: holds a NUL byte; not a plan file"), plan_file);
	if (!code)
		code = store_file_check(path, &exists, &size, &e);
	if (!code && exists) {
		if (size > 0)
			code = check_replaceable(path, &e);
		if (!code)
			store_remove_files(path);
	}
	long long ntasks = 0;
	if (!code) {
		code = build(path, plan, plan_file, &ntasks, &e);
		if (code)
			store_remove_files(path);
	}
	int status = 0;
	if (code) {
		status = cli_error(c, &e);
	} else {
		fprintf(c->out, _("DEMO 演示数据: wrote a demo database of %lld tasks to %s\n"
		                  "Its statuses, progress and history are simulated, not the real plan's.\n"
		                  "Open it with: plancon --db %s\n"), ntasks, path, path);
	}
	free(plan);
	free(path);
	return status;
}
