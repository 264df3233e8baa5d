/* cli_report: the commands that report and move whole plans: report, late,
 * export, import. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plancon/cli.h"
#include "plancon/input.h"
#include "plancon/model.h"
#include "plancon/output.h"
#include "plancon/report.h"
#include "plancon/store_planfile.h"
#include "plancon/store_tasks.h"
#include "plancon/xalloc.h"

#define REPORT_FORMATS (CLI_TABLE_FORMATS | (1u << FMT_MD))

/* What report and late share: --as-of, --plan, --format, --bom, -o. */
struct out_opts {
	const char *as_of, *plan, *output;
	int fmt;                   /* -1: not given */
	bool bom;
};

enum { OPT_AS_OF = 256, OPT_PLAN, OPT_FORMAT, OPT_BOM, OPT_BY, OPT_DB };

/* Handle one of the shared options; 0 when handled, an exit status on a
 * usage error, -1 when ch is not one of them. */
static int
out_option(struct cli *c, const struct cli_command *cmd, int ch, bool xlsx, struct out_opts *o)
{
	switch (ch) {
	case OPT_AS_OF:
		if (!model_date_valid(optarg))
			return cli_usage_error(c, cmd, _("--as-of: expected a date YYYY-MM-DD, got \"%s\""), optarg);
		o->as_of = optarg;
		return 0;
	case OPT_PLAN:
		o->plan = optarg;
		return 0;
	case OPT_FORMAT:
		if (xlsx && !strcmp(optarg, "xlsx")) {
			o->fmt = FMT_XLSX;
			return 0;
		}
		return cli_format(c, cmd, optarg, REPORT_FORMATS, &o->fmt);
	case OPT_BOM:
		o->bom = true;
		return 0;
	case 'o':
		if (!*optarg)
			return cli_usage_error(c, cmd, _("-o: expected a file name"));
		o->output = optarg;
		return 0;
	default:
		return -1;
	}
}

/* The format a name asks for by its extension: a FMT_* or FMT_XLSX; -1
 * when the name has no extension (a device, "-", "report"); -2 when it has
 * one plancon does not write (".pdf"). */
static int
format_of_name(const char *path)
{
	int f = report_format_for_path(path);
	if (f >= 0)
		return f;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	if (!dot || dot == base || !dot[1] || strlen(dot + 1) > 5)
		return -1;
	for (const char *p = dot + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return -1;
	return -2;
}

/* After the options: the format (--format, else -o's extension, else
 * text), refused when -o's name says another one or one this command
 * does not write; then "-o -" and a workbook without -o. names lists the
 * formats, for the messages. */
static int
out_finish(struct cli *c, const struct cli_command *cmd, bool xlsx, struct out_opts *o)
{
	const char *names = xlsx ? "text, csv, json, md, xlsx" : "text, csv, json, md";
	int named = o->output ? format_of_name(o->output) : -1;
	if (named == -2 || (named == FMT_XLSX && !xlsx))
		return cli_usage_error(c, cmd, _("-o %s: %s writes %s; name the file after one of them"), o->output,
		                       cmd->name, names);
	if (o->fmt < 0)
		o->fmt = named >= 0 ? named : FMT_TEXT;
	else if (named >= 0 && named != o->fmt)
		return cli_usage_error(c, cmd, _("-o %s: the name says another format than --format"), o->output);
	if (o->fmt == FMT_XLSX && !o->output) {
		if (isatty(fileno(c->out)))
			return cli_usage_error(c, cmd, _("--format xlsx writes a workbook, not text for a terminal: "
			                       "give -o FILE.xlsx, or send it on: > FILE.xlsx"));
		o->output = "-";
	} else if (o->output && !strcmp(o->output, "-") && o->fmt != FMT_XLSX) {
		o->output = NULL;     /* standard output, as without -o */
	}
	if (o->bom && o->fmt != FMT_CSV)
		return cli_usage_error(c, cmd, _("--bom goes with --format csv"));
	if (!o->as_of)
		o->as_of = c->as_of;
	return 0;
}

int
cli_report(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "by", required_argument, NULL, OPT_BY }, { "as-of", required_argument, NULL, OPT_AS_OF },
		{ "plan", required_argument, NULL, OPT_PLAN }, { "format", required_argument, NULL, OPT_FORMAT },
		{ "bom", no_argument, NULL, OPT_BOM }, { "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("report");
	struct out_opts o = { .fmt = -1 };
	int by = REPORT_BY_DEPT, ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+o:", opts, NULL)) != -1) {
		if (ch == OPT_BY) {
			if ((by = report_by_parse(optarg)) < 0)
				return cli_usage_error(c, cmd, _("--by: expected dept, chapter, year or status, got \"%s\""), optarg);
			continue;
		}
		if ((r = out_option(c, cmd, ch, true, &o)) > 0)
			return r;
		if (r < 0)
			return cli_bad_option(c, cmd, argc, argv);
	}
	if ((r = cli_no_operand(c, cmd, argc, argv, optind)))
		return r;
	if ((r = out_finish(c, cmd, true, &o)))
		return r;

	struct report rep;
	struct error e;
	err_clear(&e);
	struct cycle_settings cycle = session_cycle(c->session);
	if (report_build(c->store, (enum report_by)by, o.as_of, o.plan, &rep, &e)
	    || report_add_lights(c->store, &rep, &cycle, &e)) {
		report_free(&rep);
		return cli_error(c, &e);
	}
	int status = 0;
	if (o.output) {
		if (report_save(&rep, o.output, o.fmt, o.bom, &e))
			status = cli_error(c, &e);
	} else if (report_print(&rep, c->out, (enum table_format)o.fmt, cli_width(c), o.bom) != 0) {
		status = cli_fail(c, ERR_IO, _("writing output: %s"), strerror(errno ? errno : EIO));
	}
	report_free(&rep);
	return status;
}

int
cli_late(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, OPT_AS_OF }, { "plan", required_argument, NULL, OPT_PLAN },
		{ "format", required_argument, NULL, OPT_FORMAT }, { "bom", no_argument, NULL, OPT_BOM },
		{ "output", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("late");
	struct out_opts o = { .fmt = -1 };
	int ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+o:", opts, NULL)) != -1) {
		if ((r = out_option(c, cmd, ch, false, &o)) > 0)
			return r;
		if (r < 0)
			return cli_bad_option(c, cmd, argc, argv);
	}
	if ((r = cli_no_operand(c, cmd, argc, argv, optind)))
		return r;
	if ((r = out_finish(c, cmd, false, &o)))
		return r;

	struct error e;
	err_clear(&e);
	if (!o.output) {
		/* Straight from the store, not built into a list first (text to a
		 * pipe or a file still holds its rows, to size its columns). */
		if (late_stream(c->store, o.as_of, o.plan, c->out, (enum table_format)o.fmt, cli_width(c), o.bom, &e))
			return cli_error(c, &e);
		return 0;
	}
	struct late_list l;
	if (late_build(c->store, o.as_of, o.plan, &l, &e)) {
		late_free(&l);
		return cli_error(c, &e);
	}
	int status = 0;
	if (late_save(&l, o.output, o.fmt, o.bom, &e))
		status = cli_error(c, &e);
	late_free(&l);
	return status;
}

/* ---- export ---------------------------------------------------------------------- */

int
cli_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT }, { "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("export");
	const char *output = NULL;
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+o:", opts, NULL)) != -1) {
		if (ch == OPT_FORMAT && strcmp(optarg, "json"))
			return cli_usage_error(c, cmd, _("--format: a plan is exported as json, not \"%s\""), optarg);
		else if (ch == 'o' && !*optarg)
			return cli_usage_error(c, cmd, _("-o: expected a file name"));
		else if (ch == 'o' && format_of_name(optarg) != -1 && format_of_name(optarg) != FMT_JSON)
			return cli_usage_error(c, cmd, _("-o %s: a plan is exported as json: name the file FILE.json"), optarg);
		else if (ch == 'o')
			output = strcmp(optarg, "-") ? optarg : NULL;
		else if (ch != OPT_FORMAT)
			return cli_bad_option(c, cmd, argc, argv);
	}
	int r = cli_no_operand(c, cmd, argc, argv, optind);
	if (r)
		return r;
	struct error e;
	err_clear(&e);
	char *json;
	size_t len;
	if (store_export(c->store, &json, &len, &e))
		return cli_error(c, &e);
	int status = 0;
	if (output) {
		if (output_write_file(output, json, len, 0, &e))
			status = cli_error(c, &e);
	} else if (fwrite(json, 1, len, c->out) != len) {
		status = cli_fail(c, ERR_IO, _("writing output: %s"), strerror(errno ? errno : EIO));
	}
	free(json);
	return status;
}

/* ---- import ------------------------------------------------------------------------ */

/* The whole plan file path into *buf (*len bytes, NUL added). A missing
 * file is said as import always said it: "PATH: No such file or directory". */
static enum err_code
read_file(const char *path, char **buf, size_t *len, struct error *e)
{
	enum err_code c = input_read_file(path, (size_t)1 << 31, 0, _("a plan file"), buf, len, e);
	if (c == ERR_NOT_FOUND)
		err_set(e, c, "%s: %s", path, strerror(ENOENT));
	return c;
}

/* Import into the (open) store s; a problem with the file names the file. */
static enum err_code
import_into(struct store *s, const char *file, const char *json, size_t len, struct error *e)
{
	enum err_code c = store_import(s, json, len, e);
	/* "plan file: ..." from the checks in SQL (English), or as translated */
	const char *pre = _("plan file: ");
	size_t pl = !strncmp(e ? e->msg : "", pre, strlen(pre)) ? strlen(pre) :
	            !strncmp(e ? e->msg : "", "plan file: ", 11) ? 11 : 0;
	if (c == ERR_INVALID && e && pl) {
		char *m = xstrdup(e->msg + pl);
		err_set(e, c, _("%s: %s; nothing was imported"), file, m);
		free(m);
	}
	return c;
}

/* A new database at path from the plan file: built in a temporary file
 * beside it (output.h), and given its name only when complete, so a
 * failed import leaves nothing behind; link() refuses a database that
 * appeared meanwhile (replace_empty: an empty one is replaced). */
static enum err_code
import_new(const char *path, bool replace_empty, const char *file, const char *json, size_t len,
           long long *ntasks, struct error *e)
{
	struct output *o;
	enum err_code c = output_open(&o, path, OUTPUT_BY_NAME | OUTPUT_UNMADE | OUTPUT_NO_STDOUT |
	                              (replace_empty ? 0 : OUTPUT_NEW), e);
	if (c)
		return c;
	char *tmp = xstrdup(output_scratch(o));
	struct store *s = NULL;
	c = store_open(&s, tmp, STORE_CREATE | STORE_EMPTY, e);
	if (!c)
		c = import_into(s, file, json, len, e);
	if (!c)
		c = store_tasks_count(s, NULL, 0, ntasks, e);
	store_close(s);
	if (c)
		output_abort(o);
	else
		c = output_commit(o, e);
	store_remove_files(tmp);
	free(tmp);
	return c;
}

int
cli_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "db", required_argument, NULL, OPT_DB }, { NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("import");
	const char *db = NULL;
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (ch != OPT_DB)
			return cli_bad_option(c, cmd, argc, argv);
		db = optarg;
	}
	/* FILE, then options after it too. */
	const char *file = NULL;
	while (optind < argc) {
		if (!strcmp(argv[optind], "--db") && optind + 1 < argc) {
			db = argv[optind + 1];
			optind += 2;
		} else if (!strncmp(argv[optind], "--db=", 5)) {
			db = argv[optind++] + 5;
		} else if (!file && (argv[optind][0] != '-' || !argv[optind][1])) {
			file = argv[optind++];
		} else {
			return cli_usage_error(c, cmd, argv[optind][0] == '-' ? _("unknown or incomplete option \"%s\"")
			                       : _("unexpected argument \"%s\""), argv[optind]);
		}
	}
	if (!file)
		return cli_usage_error(c, cmd, _("which plan file? give its name"));
	if (db && !*db)
		return cli_usage_error(c, cmd, _("--db: expected a file name"));
	/* Without --db: the database plancon would open (global --db, config, default). */
	char *path = db ? xstrdup(db) : c->session->db_path ? xstrdup(c->session->db_path) : store_default_path();
	if (!path)
		return cli_fail(c, ERR_USAGE, _("no database path: HOME is not set; use --db NEW.db"));

	struct error e;
	err_clear(&e);
	char *json = NULL;
	size_t len = 0;
	long long ntasks = 0;
	enum err_code code = read_file(file, &json, &len, &e);
	bool exists = false;
	long long size = 0;
	if (code || (code = store_file_check(path, &exists, &size, &e))) {
		/* reported below */
	} else if (size > 0) {
		/* An existing database: only one with no plan in it (store_import refuses the others). */
		struct store *s = NULL;
		code = store_open(&s, path, 0, &e);
		if (!code)
			code = import_into(s, file, json, len, &e);
		if (!code)
			code = store_tasks_count(s, NULL, 0, &ntasks, &e);
		store_close(s);
	} else {
		code = import_new(path, exists, file, json, len, &ntasks, &e);
	}
	free(json);
	int status = 0;
	if (code)
		status = cli_error(c, &e);
	else
		fprintf(c->out, ngettext("imported %s into %s: %lld task\n", "imported %s into %s: %lld tasks\n",
		                         (unsigned long)ntasks), file, path, ntasks);
	free(path);
	return status;
}
