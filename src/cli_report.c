/* cli_report: the commands that report and move whole plans: report, late,
 * export, import. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plancon/cli.h"
#include "plancon/model.h"
#include "plancon/report.h"
#include "plancon/store_report.h"
#include "plancon/xalloc.h"

#define REPORT_FORMATS ((1u << FMT_TEXT) | (1u << FMT_CSV) | (1u << FMT_JSON) | (1u << FMT_MD))

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

/* After the options: the format from -o's extension when not given, and
 * the checks that need both. */
static int
out_finish(struct cli *c, const struct cli_command *cmd, bool xlsx, struct out_opts *o)
{
	if (o->fmt < 0) {
		int f = o->output ? report_format_for_path(o->output) : -1;
		o->fmt = f < 0 || (f == FMT_XLSX && !xlsx) ? FMT_TEXT : f;
	}
	if (o->fmt == FMT_XLSX && !o->output)
		return cli_usage_error(c, cmd, _("--format xlsx writes a workbook: give its file name with -o FILE.xlsx"));
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
			return cli_usage_error(c, cmd, _("unknown or incomplete option \"%s\""), argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((r = out_finish(c, cmd, true, &o)))
		return r;

	struct report rep;
	struct error e;
	err_clear(&e);
	if (report_build(c->store, (enum report_by)by, o.as_of, o.plan, &rep, &e)) {
		report_free(&rep);
		return cli_error(c, &e);
	}
	int status = 0;
	if (o.output) {
		if (report_save(&rep, o.output, o.fmt, o.bom, &e))
			status = cli_error(c, &e);
	} else {
		if (c->demo && o.fmt == FMT_TEXT)
			fputs(_("DEMO: simulated statuses, not the real plan's\n"), c->out);
		int w = cli_width(c);
		report_print(&rep, c->out, (enum table_format)o.fmt, w > 0 ? w : 80, o.bom);
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
			return cli_usage_error(c, cmd, _("unknown or incomplete option \"%s\""), argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((r = out_finish(c, cmd, false, &o)))
		return r;

	struct error e;
	err_clear(&e);
	if (!o.output) {
		/* Straight from the store, not built into a list first (text to a
		 * pipe or a file still holds its rows, to size its columns). */
		const char *banner = c->demo && o.fmt == FMT_TEXT
		                     ? _("DEMO: simulated statuses, not the real plan's\n") : NULL;
		int w = cli_width(c);
		if (late_stream(c->store, o.as_of, o.plan, c->out, (enum table_format)o.fmt, w > 0 ? w : 80, o.bom,
		                banner, &e))
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

struct blob {
	const char *data;
	size_t len;
	const char *path;
};

static enum err_code
write_blob(const char *tmp, void *ctx, struct error *e)
{
	struct blob *b = ctx;
	FILE *f = fopen(tmp, "w");
	if (!f)
		return err_set(e, ERR_IO, "%s: %s", b->path, strerror(errno));
	size_t n = fwrite(b->data, 1, b->len, f);
	int err = errno;
	if (fclose(f) != 0 || n != b->len)
		return err_set(e, ERR_IO, _("%s: cannot write: %s"), b->path, strerror(err ? err : EIO));
	return ERR_OK;
}

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
		else if (ch == 'o')
			output = optarg;
		else if (ch != OPT_FORMAT)
			return cli_usage_error(c, cmd, _("unknown or incomplete option \"%s\""), argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[optind]);
	struct error e;
	err_clear(&e);
	char *json;
	size_t len;
	if (store_export(c->store, &json, &len, &e))
		return cli_error(c, &e);
	int status = 0;
	if (output) {
		struct blob b = { json, len, output };
		if (report_save_atomic(output, write_blob, &b, &e))
			status = cli_error(c, &e);
	} else {
		fwrite(json, 1, len, c->out);
	}
	free(json);
	return status;
}

/* ---- import ------------------------------------------------------------------------ */

/* The whole of file path into *buf (*len bytes, NUL added). */
static enum err_code
read_file(const char *path, char **buf, size_t *len, struct error *e)
{
	*buf = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO, "%s: %s", path, strerror(errno));
	size_t cap = 1 << 16, n = 0;
	char *b = xmalloc(cap);
	for (;;) {
		if (cap - n < 2) {
			if (cap >= (size_t)1 << 31) {
				free(b);
				fclose(f);
				return err_set(e, ERR_INVALID, _("%s: too large for a plan file (over 2 GiB)"), path);
			}
			b = xrealloc(b, cap *= 2);
		}
		size_t got = fread(b + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	bool bad = ferror(f);
	int err = errno;
	fclose(f);
	if (bad) {
		free(b);
		return err_set(e, ERR_IO, "%s: %s", path, strerror(err));
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return ERR_OK;
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

static void
remove_db(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);
		unlink(p);
		free(p);
	}
}

/* A new database at path from the plan file: built under a temporary name
 * in a directory of its own next to path, and given its name only when
 * complete, so a failed import leaves nothing behind. */
static enum err_code
import_new(const char *path, bool replace_empty, const char *file, const char *json, size_t len,
           long long *ntasks, struct error *e)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xasprintf("%.*s.plancon-import-XXXXXX", (int)(slash - path + 1), path)
	                  : xstrdup(".plancon-import-XXXXXX");
	if (!mkdtemp(dir)) {
		enum err_code c = err_set(e, ERR_IO, _("%s: cannot create a database there: %s"), path, strerror(errno));
		free(dir);
		return c;
	}
	char *tmp = xasprintf("%s/plan.db", dir);
	struct store *s = NULL;
	enum err_code c = store_open(&s, tmp, STORE_CREATE | STORE_EMPTY, e);
	if (!c)
		c = import_into(s, file, json, len, e);
	if (!c)
		c = store_tasks_count(s, NULL, ntasks, e);
	store_close(s);
	if (!c) {
		/* link() refuses to replace a database that appeared meanwhile. */
		if (replace_empty ? rename(tmp, path) != 0 : link(tmp, path) != 0)
			c = err_set(e, errno == EEXIST ? ERR_REFUSED : ERR_IO, "%s: %s", path,
			            errno == EEXIST ? _("appeared while importing; nothing was changed") : strerror(errno));
	}
	remove_db(tmp);
	rmdir(dir);
	free(tmp);
	free(dir);
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
			return cli_usage_error(c, cmd, _("unknown or incomplete option \"%s\""), argv[optind - 1]);
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
	char *path = db ? xstrdup(db) : c->db_path ? xstrdup(c->db_path) : store_default_path();
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
			code = store_tasks_count(s, NULL, &ntasks, &e);
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
