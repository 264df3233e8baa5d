/* cli_update: the commands department staff use to report: set, note,
 * milestone; and log, which shows what everybody changed. Each command
 * parses its arguments, asks the store to write (the store checks the
 * permission and the version inside its transaction) and reports. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/auth.h"
#include "plancon/cli.h"
#include "plancon/i18n.h"
#include "plancon/model.h"
#include "plancon/store_changes.h"
#include "plancon/store_tasks.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

int
cli_may_read(struct cli *c)
{
	struct error e;
	err_clear(&e);
	return session_may_read(c->session, &e) ? cli_error(c, &e) : 0;
}

struct task_now {
	char *status;
	int progress;
	long long version;
};

static int
task_now_cb(const struct task_row *r, void *ctx)
{
	struct task_now *t = ctx;
	t->status = xstrdup(r->status);
	t->progress = r->progress;
	t->version = r->version;
	return 0;
}

/* Run one task update and report it: "3.2.3: in progress, 40 % (version 2)". */
static int
task_write(struct cli *c, const struct task_update *u)
{
	struct error e;
	err_clear(&e);
	struct write_result w;
	enum err_code code = store_task_update(c->store, &c->session->id, u, &w, &e);
	if (code)
		return cli_error(c, &e);
	struct task_now now = { 0 };
	if (store_task_get(c->store, u->code, task_now_cb, &now, &e))
		return cli_error(c, &e);
	if (!w.changed)
		fprintf(c->out, _("%s: nothing changed: %s, %d %% (version %lld)\n"), u->code,
		        task_status_label_for(now.status), now.progress, now.version);
	else if (u->status || u->progress >= 0)
		fprintf(c->out, _("%s: %s, %d %% (version %lld)\n"), u->code, task_status_label_for(now.status), now.progress,
		        w.version);
	else
		fprintf(c->out, _("%s: note added (version %lld)\n"), u->code, w.version);
	free(now.status);
	return 0;
}

/* ---- set ------------------------------------------------------------------------- */

int
cli_set(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, 's' }, { "progress", required_argument, NULL, 'p' },
		{ "note", required_argument, NULL, 'n' }, { "version", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("set");
	struct task_update u = { .progress = -1 };
	int ch;
	long n;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			if (task_status_parse(optarg) < 0)
				return cli_usage_error(c, cmd, _("--status: unknown status \"%s\" (not_started, in_progress, "
				                       "done, blocked, cancelled)"), optarg);
			u.status = optarg;
			break;
		case 'p':
			if (!model_progress_parse(optarg, &u.progress))
				return cli_usage_error(c, cmd, _("--progress: expected a whole number from 0 to 100, got \"%s\""),
				                       optarg);
			break;
		case 'n': u.note = optarg; break;
		case 'v':
			if (!model_whole_parse(optarg, 1, 0x7fffffffL, &n))
				return cli_usage_error(c, cmd, _("--version: expected the task's version (a number), got \"%s\""),
				                       optarg);
			u.base_version = n;
			break;
		default:
			return cli_bad_option(c, cmd, argc, argv);
		}
	}
	int r = cli_one_task(c, cmd, argc, argv, optind);
	if (r)
		return r;
	u.code = argv[optind];
	if (!u.status && u.progress < 0 && !u.note)
		return cli_usage_error(c, cmd, _("nothing to change: give --status, --progress or --note"));
	return task_write(c, &u);
}

/* ---- note ------------------------------------------------------------------------- */

int
cli_note(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("note");
	int first = argc > 1 && !strcmp(argv[1], "--") ? 2 : 1;
	if (argc - first < 2)
		return cli_usage_error(c, cmd, argc - first < 1 ? _("which task? give its code and the note")
		                                                : _("the note is missing"));
	/* The words of the note, in case they were not quoted. */
	size_t len = 1;
	for (int i = first + 1; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *note = xmalloc(len);
	note[0] = '\0';
	for (int i = first + 1; i < argc; i++) {
		if (i > first + 1)
			strcat(note, " ");
		strcat(note, argv[i]);
	}
	struct task_update u = { .code = argv[first], .progress = -1, .note = note };
	int r = task_write(c, &u);
	free(note);
	return r;
}

/* ---- milestone ---------------------------------------------------------------------- */

/* "2023" or "2023-Q2" (q or Q). */
static bool
parse_period(const char *s, int *year, int *quarter)
{
	long y;
	char buf[8];
	const char *dash = strchr(s, '-');
	size_t n = dash ? (size_t)(dash - s) : strlen(s);
	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!model_whole_parse(buf, 1900, 2200, &y))
		return false;
	*year = (int)y;
	*quarter = 0;
	if (!dash)
		return true;
	if ((dash[1] != 'Q' && dash[1] != 'q') || dash[2] < '1' || dash[2] > '4' || dash[3])
		return false;
	*quarter = dash[2] - '0';
	return true;
}

int
cli_milestone(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, 's' }, { "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("milestone");
	const char *status = NULL, *note = NULL;
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			if (milestone_status_parse(optarg) < 0)
				return cli_usage_error(c, cmd, _("--status: unknown milestone status \"%s\" (pending, done, missed)"),
				                       optarg);
			status = optarg;
			break;
		case 'n': note = optarg; break;
		default: {
			/* "-2023" is a year typed wrong, not an option */
			const char *w = cli_refused_word(argc, argv);
			if (w[0] == '-' && w[1] >= '0' && w[1] <= '9')
				return cli_usage_error(c, cmd, _("\"%s\": expected a year (2023) or a quarter (2023-Q2)"), w);
			return cli_bad_option(c, cmd, argc, argv);
		}
		}
	}
	if (argc - optind < 2)
		return cli_usage_error(c, cmd, _("give the task's code and the milestone's year (YEAR or YEAR-Qn)"));
	if (argc - optind > 2)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[optind + 2]);
	int year, quarter;
	if (!parse_period(argv[optind + 1], &year, &quarter))
		return cli_usage_error(c, cmd, _("\"%s\": expected a year (2023) or a quarter (2023-Q2)"), argv[optind + 1]);
	if (!status)
		return cli_usage_error(c, cmd, _("--status is required (pending, done, missed)"));
	struct error e;
	err_clear(&e);
	struct write_result w;
	enum err_code code = store_milestone_set(c->store, &c->session->id, argv[optind], year, quarter, status, note,
	                                         &w, &e);
	if (code)
		return cli_error(c, &e);
	int ms = milestone_status_parse(status);
	if (quarter)
		fprintf(c->out, w.changed ? _("%s %d-Q%d: %s\n") : _("%s %d-Q%d: already %s; nothing changed\n"),
		        argv[optind], year, quarter, milestone_status_label((enum milestone_status)ms));
	else
		fprintf(c->out, w.changed ? _("%s %d: %s\n") : _("%s %d: already %s; nothing changed\n"), argv[optind],
		        year, milestone_status_label((enum milestone_status)ms));
	return 0;
}

/* ---- log ------------------------------------------------------------------------------- */

static int
log_row(const struct change_row *g, void *ctx)
{
	struct cli_rows *x = ctx;
	struct table *t = x->t;
	table_row(t);
	if (x->fmt != FMT_TEXT)
		table_cellf(t, "%lld", g->id);
	table_cell(t, g->at);
	if (x->fmt == FMT_TEXT) {
		char *who = model_change_who(g->who, g->actor);
		table_cell(t, who);
		free(who);
	} else {
		table_cell(t, g->who);
		table_cell(t, g->kind);
	}
	table_cell(t, g->item);
	if (x->fmt == FMT_TEXT) {
		/* What a person reads: labels; CSV and JSON keep the stored words. */
		char *cells[3] = { model_change_field(g->field), model_change_value(g->field, g->old),
		                   model_change_value(g->field, g->new_value) };
		for (int i = 0; i < 3; i++) {
			table_cell(t, cells[i]);
			free(cells[i]);
		}
	} else {
		table_cell(t, g->field);
		table_cell(t, g->old);
		table_cell(t, g->new_value);
	}
	table_cell(t, g->note ? g->note : "");
	if (x->fmt != FMT_TEXT) {
		if (g->version)
			table_cellf(t, "%lld", g->version);
		else
			table_cell(t, NULL);
		table_cell(t, g->actor);
	}
	return 0;
}

int
cli_log(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dept", required_argument, NULL, 'd' }, { "since", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("log");
	struct change_filter f = { 0 };
	int fmt = FMT_TEXT, ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': f.dept = optarg; break;
		case 's':
			if (!model_date_valid(optarg))
				return cli_usage_error(c, cmd, _("--since: expected a date YYYY-MM-DD, got \"%s\""), optarg);
			f.since = optarg;
			break;
		case 'f':
			if ((r = cli_format(c, cmd, optarg, CLI_TABLE_FORMATS, &fmt)))
				return r;
			break;
		default:
			return cli_bad_option(c, cmd, argc, argv);
		}
	}
	if (optind < argc)
		f.code = argv[optind];
	if (optind + 1 < argc)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[optind + 1]);
	struct cli_rows x = { .t = table_new(), .fmt = fmt };
	struct table *t = x.t;
	bool text = fmt == FMT_TEXT;
	if (!text)
		table_col(t, "id", "id", TABLE_NUMBER, 0);
	table_col(t, "at", text ? _("When (UTC)") : "at", 0, 0);
	table_col(t, "who", text ? _("Who") : "who", TABLE_SHRINK, 24);
	if (!text)
		table_col(t, "kind", "kind", 0, 0);
	table_col(t, "item", text ? _("Item") : "item", TABLE_SHRINK, 20);
	table_col(t, "field", text ? _("Field") : "field", 0, 0);
	table_col(t, "old", text ? P_("change log", "From") : "old", TABLE_SHRINK, 16);
	table_col(t, "new", text ? P_("change log", "To") : "new", TABLE_SHRINK, 16);
	table_col(t, "note", text ? _("Note") : "note", TABLE_SHRINK, text ? 40 : 0);
	if (!text) {
		table_col(t, "version", "version", TABLE_NUMBER, 0);
		table_col(t, "actor", "actor", 0, 0);
	}
	struct error e;
	err_clear(&e);
	if (store_changes_each(c->store, &f, log_row, &x, &e)) {
		table_free(t);
		return cli_error(c, &e);
	}
	if (text && table_rows(t) == 0)
		fputs(_("(no changes)\n"), c->out);
	else
		table_print(t, c->out, fmt, cli_width(c), false);
	table_free(t);
	return 0;
}
