/* cli_office: the office's side of the supervision cycle: extension
 * (request, approve, reject, list), remind, todo and periods. Each command
 * parses its words, asks the store (which checks the permission inside its
 * transaction) and says in one line what was done, or prints its list as
 * text, CSV or JSON. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/cli.h"
#include "plancon/i18n.h"
#include "plancon/model.h"
#include "plancon/store_office.h"
#include "plancon/store_plan.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"


/* The options every command here may take. */
struct office_args {
	const char *to, *reason, *note, *period, *state, *dept;
	int fmt;
	bool all;
	int first;                 /* optind after parsing */
};

static int
office_parse(struct cli *c, const struct cli_command *cmd, int argc, char **argv, const char *allowed,
             struct office_args *a)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' }, { "reason", required_argument, NULL, 'r' },
		{ "note", required_argument, NULL, 'n' }, { "period", required_argument, NULL, 'p' },
		{ "state", required_argument, NULL, 's' }, { "dept", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' }, { "all", no_argument, NULL, 'a' }, { NULL, 0, NULL, 0 } };
	*a = (struct office_args){ .fmt = FMT_TEXT };
	int ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == '?' || !strchr(allowed, ch))
			return cli_bad_option(c, cmd, argc, argv);
		switch (ch) {
		case 't': a->to = optarg; break;
		case 'r': a->reason = optarg; break;
		case 'n': a->note = optarg; break;
		case 'p': a->period = optarg; break;
		case 'd': a->dept = optarg; break;
		case 'a': a->all = true; break;
		case 's':
			if (strcmp(optarg, "requested") && strcmp(optarg, "approved") && strcmp(optarg, "rejected"))
				return cli_usage_error(c, cmd, _("--state: \"%s\" is not requested, approved or rejected"), optarg);
			a->state = optarg;
			break;
		case 'f':
			if ((r = cli_format(c, cmd, optarg, CLI_TABLE_FORMATS, &a->fmt)))
				return r;
			break;
		}
	}
	a->first = optind;
	return 0;
}

/* The department named name into *id; an exit status after a message. */
static int
dept_of(struct cli *c, const char *name, long long *id)
{
	struct error e;
	err_clear(&e);
	return store_dept_find(c->store, name, id, &e) ? cli_error(c, &e) : 0;
}

/* ---- extension ------------------------------------------------------------------ */

static int
extension_request(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	struct office_args a;
	int r = office_parse(c, cmd, argc, argv, "tr", &a);
	if (r)
		return r;
	if ((r = cli_one_task(c, cmd, argc, argv, a.first)))
		return r;
	if (!a.to)
		return cli_usage_error(c, cmd, _("--to DATE is required: the new due date"));
	if (!model_date_valid(a.to))
		return cli_usage_error(c, cmd, _("--to: \"%s\" is not a date that exists (YYYY-MM-DD)"), a.to);
	if (!a.reason)
		return cli_usage_error(c, cmd, _("--reason TEXT is required: why the task needs more time"));
	struct error e;
	err_clear(&e);
	struct extension_result x;
	if (store_extension_request(c->store, &c->session->id, argv[a.first], a.to, a.reason, &x, &e))
		return cli_error(c, &e);
	cli_message(c->out, _("%s: extension to %s requested (due %s); the office decides it\n"), x.code, x.new_due,
	            x.old_due);
	return 0;
}

static int
extension_decide(struct cli *c, const struct cli_command *cmd, int argc, char **argv, bool approve)
{
	struct office_args a;
	int r = office_parse(c, cmd, argc, argv, approve ? "n" : "r", &a);
	if (r)
		return r;
	if ((r = cli_one_task(c, cmd, argc, argv, a.first)))
		return r;
	if (!approve && !a.reason)
		return cli_usage_error(c, cmd, _("--reason TEXT is required: why the extension is rejected"));
	struct error e;
	err_clear(&e);
	struct extension_result x;
	if (store_extension_decide(c->store, &c->session->id, argv[a.first], approve, approve ? a.note : a.reason, &x,
	                           &e))
		return cli_error(c, &e);
	if (approve)
		cli_message(c->out, _("%s: extension approved: due %s (was %s; originally %s) (version %lld)\n"), x.code,
		            x.new_due, x.old_due, x.original_due[0] ? x.original_due : x.old_due, x.task_version);
	else
		cli_message(c->out, _("%s: extension to %s rejected; the due date stays %s\n"), x.code, x.new_due,
		            x.old_due);
	return 0;
}

static int
extension_row(const struct extension_row *x, void *ctx)
{
	struct cli_rows *l = ctx;
	struct table *t = l->t;
	table_row(t);
	table_cell(t, x->code);
	table_cell(t, x->dept);
	if (l->fmt == FMT_TEXT)
		table_cellf(t, "%s -> %s", x->old_due, x->new_due);
	else {
		table_cell(t, x->old_due);
		table_cell(t, x->new_due);
	}
	table_cell(t, x->reason);
	table_cell(t, l->fmt == FMT_TEXT ? model_extension_state_label(x->state) : x->state);
	table_cell(t, x->requested_local);
	table_cell(t, x->requested_by);
	table_cell(t, x->decided_by);
	table_cell(t, x->decided_at);
	table_cell(t, x->note);
	return 0;
}

static int
extension_list(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	struct office_args a;
	int r = office_parse(c, cmd, argc, argv, "sdf", &a);
	if (r)
		return r;
	if ((r = cli_no_operand(c, cmd, argc, argv, a.first)))
		return r;
	struct extension_filter f = { .state = a.state };
	if (a.dept && (r = dept_of(c, a.dept, &f.dept_id)))
		return r;
	bool text = a.fmt == FMT_TEXT;
	struct cli_rows l = { .t = table_new(), .fmt = a.fmt };
	struct table *t = l.t;
	table_col(t, "code", text ? _("Code") : "code", 0, 0);
	table_col(t, "dept", text ? _("Lead") : "dept", TABLE_SHRINK, 20);
	if (text)
		table_col(t, "due", _("Due: old -> new"), 0, 0);
	else {
		table_col(t, "old_due", "old_due", 0, 0);
		table_col(t, "new_due", "new_due", 0, 0);
	}
	table_col(t, "reason", text ? _("Reason") : "reason", TABLE_SHRINK, text ? 30 : 0);
	table_col(t, "state", text ? _("State") : "state", 0, 0);
	table_col(t, "requested_local", text ? _("Requested (local)") : "requested_local", 0, 0);
	table_col(t, "requested_by", text ? _("By") : "requested_by", TABLE_SHRINK, 16);
	table_col(t, "decided_by", text ? _("Decided by") : "decided_by", TABLE_SHRINK, 16);
	table_col(t, "decided_at", text ? _("Decided (UTC)") : "decided_at", 0, 0);
	table_col(t, "note", text ? _("Note") : "note", TABLE_SHRINK, text ? 30 : 0);
	struct error e;
	err_clear(&e);
	if (store_extensions_each(c->store, &f, extension_row, &l, &e)) {
		table_free(t);
		return cli_error(c, &e);
	}
	if (text && table_rows(t) == 0)
		fputs(_("(no extension requests)\n"), c->out);
	else
		table_print(t, c->out, a.fmt, cli_width(c), false);
	table_free(t);
	return 0;
}

int
cli_extension(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("extension");
	const char *sub = argc > 1 ? argv[1] : "";
	if (!strcmp(sub, "request"))
		return extension_request(c, cmd, argc - 1, argv + 1);
	if (!strcmp(sub, "approve") || !strcmp(sub, "reject"))
		return extension_decide(c, cmd, argc - 1, argv + 1, !strcmp(sub, "approve"));
	if (!strcmp(sub, "list"))
		return extension_list(c, cmd, argc - 1, argv + 1);
	if (!*sub)
		return cli_usage_error(c, cmd, _("give a subcommand: request, approve, reject or list"));
	return cli_usage_error(c, cmd, _("unknown subcommand \"%s\""), sub);
}

/* ---- remind ----------------------------------------------------------------------- */

int
cli_remind(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("remind");
	struct office_args a;
	int r = office_parse(c, cmd, argc, argv, "np", &a);
	if (r)
		return r;
	if (a.first >= argc)
		return cli_usage_error(c, cmd, _("which department? give its short name"));
	if (a.first + 2 < argc)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[a.first + 2]);
	if (!a.note)
		return cli_usage_error(c, cmd, _("--note TEXT is required: what the department is reminded of"));
	const char *dept = argv[a.first], *code = a.first + 1 < argc ? argv[a.first + 1] : NULL;
	struct cycle_settings cs = session_cycle(c->session);
	struct error e;
	err_clear(&e);
	struct remind_result x;
	if (store_remind(c->store, &c->session->id, &cs, c->as_of, dept, code, a.period, a.note, &x, &e))
		return cli_error(c, &e);
	const char *level = model_reminder_level_label(x.level);
	if (code)
		cli_message(c->out, _("%s: %s (no. %d) sent about %s, period %s\n"), dept, level, x.level, code, x.period);
	else
		cli_message(c->out, _("%s: %s (no. %d) sent about its %lld missing reports of %s\n"), dept, level, x.level,
		            x.missing, x.period);
	return 0;
}

/* ---- todo --------------------------------------------------------------------------- */

struct todo_ctx {
	struct cli *c;
	struct table *t;           /* CSV and JSON: one table of every item */
	int last;                  /* text: the kind whose heading was printed, -1: none */
	long long shown[TODO_KIND_COUNT];
};

static const char *
kind_heading(enum todo_kind k)
{
	switch (k) {
	case TODO_RETURNED: return _("Returned by the office, to file again:");
	case TODO_MISSING: return _("Missing (past the due date):");
	case TODO_TO_FILE: return _("To file this period:");
	case TODO_REMINDER: return _("Reminders:");
	case TODO_EXTENSION: return _("Extension decisions (last 30 days):");
	case TODO_DUE_SOON: return _("Tasks due soon:");
	case TODO_KIND_COUNT: break;
	}
	return "";
}

/* "in 3 days", "today", "5 days ago". */
static char *
days_text(int days)
{
	if (days == 0)
		return xstrdup(_("today"));
	if (days > 0)
		return xasprintf(P_("days", "in %d day(s)"), days);
	return xasprintf(P_("days", "%d day(s) ago"), -days);
}

static void
todo_text(struct cli *c, const struct todo_item *it)
{
	char *title = text_fit(it->title ? it->title : "", 30), *days = days_text(it->days);
	switch (it->kind) {
	case TODO_RETURNED:
		cli_message(c->out, _("  %s %s  %s: returned by %s at %s: %s\n"), it->code, title, it->period,
		            it->who ? it->who : "?", it->at ? it->at : "?", it->note ? it->note : "");
		break;
	case TODO_MISSING:
	case TODO_TO_FILE:
		cli_message(c->out, _("  %s %s  %s, due %s (%s)\n"), it->code, title, it->period, it->due, days);
		break;
	case TODO_REMINDER:
		cli_message(c->out, _("  %s%s %s  %s: %s (%s, %s)\n"), it->seen ? "  " : _("* "),
		            model_reminder_level_label(it->level), it->code ? it->code : _("all missing reports"),
		            it->period, it->note ? it->note : "", it->who ? it->who : "?", it->at ? it->at : "?");
		break;
	case TODO_EXTENSION: {
		/* TRANSLATORS: the decision's note after the extension's line in plancon todo. */
		char *note = it->note && *it->note ? xasprintf(_(": %s"), it->note) : xstrdup("");
		cli_message(c->out, _("  %s %s  %s -> %s: %s by %s at %s%s\n"), it->code, title, it->old_due, it->due,
		            model_extension_state_label(it->state), it->who ? it->who : "?", it->at ? it->at : "?", note);
		free(note);
		break;
	}
	case TODO_DUE_SOON:
		cli_message(c->out, _("  %s %s  due %s (%s), %d%%\n"), it->code, title, it->due, days, it->progress);
		break;
	case TODO_KIND_COUNT:
		break;
	}
	free(title);
	free(days);
}

static int
todo_item(const struct todo_item *it, void *ctx)
{
	struct todo_ctx *x = ctx;
	x->shown[it->kind]++;
	if (!x->t) {
		if (x->last != (int)it->kind) {
			fprintf(x->c->out, "%s%s\n", x->last >= 0 ? "\n" : "", kind_heading(it->kind));
			x->last = (int)it->kind;
		}
		todo_text(x->c, it);
		return 0;
	}
	struct table *t = x->t;
	table_row(t);
	table_cell(t, store_todo_kind_key(it->kind));
	table_cell(t, it->dept);
	table_cell(t, it->code);
	table_cell(t, it->title);
	table_cell(t, it->period);
	table_cell(t, it->due);
	table_cellf(t, "%d", it->days);
	table_cell(t, it->who);
	table_cell(t, it->at);
	table_cell(t, it->note);
	if (it->kind == TODO_REMINDER) {
		table_cellf(t, "%d", it->level);
		table_cell(t, it->seen ? "1" : "0");
	} else {
		table_cell(t, NULL);
		table_cell(t, NULL);
	}
	table_cell(t, it->state);
	table_cell(t, it->old_due);
	return 0;
}

/* The departments the list is of: --dept, else the user's own. */
static int
todo_depts(struct cli *c, const char *dept, long long *one, struct todo_query *q)
{
	if (dept) {
		int r = dept_of(c, dept, one);
		q->depts = one;
		q->ndepts = 1;
		return r;
	}
	const struct identity *id = &c->session->id;
	if (!id->ndepts)
		return cli_fail(c, ERR_USAGE, _("%s belongs to no department: give --dept SHORT"),
		                id->name ? id->name : "?");
	q->depts = id->depts;
	q->ndepts = id->ndepts;
	return 0;
}

static void
todo_columns(struct table *t)
{
	static const char *const cols[] = { "kind", "dept", "code", "title", "period", "due", "days", "who", "at",
	                                    "note", "level", "seen", "state", "old_due" };
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		table_col(t, cols[i], cols[i], 0, 0);
}

static void
todo_footer(struct cli *c, const struct todo_counts *n, bool any)
{
	if (!any)
		fprintf(c->out, _("Nothing to do for %s (reports due %s).\n"), n->period, n->due);
	else
		fprintf(c->out, _("\n%s, reports due %s: %lld returned, %lld missing, %lld to file; %lld reminder(s), "
		        "%lld unseen\n"), n->period, n->due, n->n[TODO_RETURNED], n->n[TODO_MISSING], n->n[TODO_TO_FILE],
		        n->n[TODO_REMINDER], n->unseen);
	if (n->office)
		fprintf(c->out, _("%sOffice: %lld%s report(s) waiting for review, %lld%s extension request(s) open.\n"),
		        any ? "\n" : "", n->review_waiting, n->review_waiting >= TODO_COUNT_CAP ? "+" : "",
		        n->extensions_open, n->extensions_open >= TODO_COUNT_CAP ? "+" : "");
}

int
cli_todo(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("todo");
	struct office_args a;
	int r = office_parse(c, cmd, argc, argv, "dpfa", &a);
	if (r)
		return r;
	if ((r = cli_no_operand(c, cmd, argc, argv, a.first)))
		return r;
	struct cycle_settings cs = session_cycle(c->session);
	long long one = 0;
	struct todo_query q = { .period = a.period, .as_of = c->as_of, .cs = &cs, .limit = a.all ? 0 : 20,
	                        .mark_seen = true };
	if ((r = todo_depts(c, a.dept, &one, &q)))
		return r;
	struct todo_ctx x = { .c = c, .last = -1 };
	struct error e;
	err_clear(&e);
	if (a.fmt != FMT_TEXT) {
		x.t = table_new();
		todo_columns(x.t);
	}
	struct todo_counts got;
	if (store_todo_each(c->store, &c->session->id, &q, todo_item, &x, &got, &e)) {
		table_free(x.t);
		return cli_error(c, &e);
	}
	if (x.t) {
		table_print(x.t, c->out, a.fmt, 0, false);
		table_free(x.t);
		return 0;
	}
	long long more = 0;
	for (int k = 0; k < TODO_KIND_COUNT; k++)
		more += got.n[k] > x.shown[k] ? got.n[k] - x.shown[k] : 0;
	if (more)
		fprintf(c->out, _("\n(%lld more not shown: plancon todo --all)\n"), more);
	todo_footer(c, &got, x.last >= 0);
	return 0;
}

/* ---- periods ------------------------------------------------------------------------ */

static int
period_row(const struct cycle_period_row *p, void *ctx)
{
	struct cli_rows *l = ctx;
	struct table *t = l->t;
	table_row(t);
	table_cell(t, p->key);
	table_cell(t, p->due);
	table_cellf(t, "%lld", p->on_time);
	table_cellf(t, "%lld", p->late);
	table_cellf(t, "%lld", p->missing);
	table_cellf(t, "%lld", p->to_file);
	table_cellf(t, "%lld", p->returned);
	table_cellf(t, "%lld", p->accepted);
	return 0;
}

int
cli_periods(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("periods");
	struct office_args a;
	int r = office_parse(c, cmd, argc, argv, "df", &a);
	if (r)
		return r;
	if ((r = cli_no_operand(c, cmd, argc, argv, a.first)))
		return r;
	long long dept = 0;
	if (a.dept && (r = dept_of(c, a.dept, &dept)))
		return r;
	bool text = a.fmt == FMT_TEXT;
	struct cli_rows l = { .t = table_new(), .fmt = a.fmt };
	struct table *t = l.t;
	table_col(t, "period", text ? _("Period") : "period", 0, 0);
	table_col(t, "due", text ? _("Due") : "due", 0, 0);
	table_col(t, "on_time", text ? _("On time") : "on_time", TABLE_NUMBER, 0);
	table_col(t, "late", text ? P_("reports", "Late") : "late", TABLE_NUMBER, 0);
	table_col(t, "missing", text ? _("Missing") : "missing", TABLE_NUMBER, 0);
	table_col(t, "to_file", text ? _("To file") : "to_file", TABLE_NUMBER, 0);
	table_col(t, "returned", text ? _("Returned") : "returned", TABLE_NUMBER, 0);
	table_col(t, "accepted", text ? _("Accepted") : "accepted", TABLE_NUMBER, 0);
	struct cycle_settings cs = session_cycle(c->session);
	struct error e;
	err_clear(&e);
	if (store_cycle_periods_each(c->store, &cs, c->as_of, dept, period_row, &l, &e)) {
		table_free(t);
		return cli_error(c, &e);
	}
	table_print(t, c->out, a.fmt, cli_width(c), false);
	table_free(t);
	return 0;
}
