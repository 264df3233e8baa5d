/* cli_reports: the supervision cycle's report and its review (plancon(1),
 * SUPERVISION): submit, input, review, verify, reopen; and the part of
 * show that tells a task's reports. Each command parses its arguments and
 * asks the store, which checks the permission and the rules inside its
 * transaction, and prints one line saying what was done. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/auth.h"
#include "plancon/cli.h"
#include "plancon/i18n.h"
#include "plancon/input.h"
#include "plancon/model.h"
#include "plancon/store_reports.h"
#include "plancon/store_tasks.h"
#include "plancon/table.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

/* The most bytes read from standard input for one text ("-"). */
enum { STDIN_TEXT_MAX = 4 * STORE_REPORT_TEXT_MAX + 16 };

/* A text option's value: as given, or (for "-") standard input, without
 * its last line break. *owned gets what is to be freed. */
static int
text_arg(struct cli *c, const char *opt, const char *arg, const char **out, char **owned)
{
	if (strcmp(arg, "-")) {
		*out = arg;
		return 0;
	}
	struct error e;
	err_clear(&e);
	size_t len;
	if (input_read_file("-", STDIN_TEXT_MAX, INPUT_STDIN, opt, owned, &len, &e))
		return cli_error(c, &e);
	if (strlen(*owned) != len)
		return cli_fail(c, ERR_INVALID, _("%s: standard input holds a NUL byte"), opt);
	if (len && (*owned)[len - 1] == '\n')
		(*owned)[len - 1] = '\0';
	*out = *owned;
	return 0;
}

/* "on time" or "late", as decided at the first submission. */
static const char *
on_time_label(int on_time)
{
	return on_time ? _("on time") : _("late");
}

/* ---- submit ---------------------------------------------------------------------- */

struct submit_args {
	struct report_submit r;
	char *owned[3];            /* texts read from standard input */
	int from_stdin;
};

static int
submit_text(struct cli *c, const struct cli_command *cmd, struct submit_args *a, int i, const char *opt,
            const char **slot)
{
	if (!strcmp(optarg, "-") && a->from_stdin++)
		return cli_usage_error(c, cmd, _("only one of --done, --problems and --next may be \"-\" (standard input)"));
	return text_arg(c, opt, optarg, slot, &a->owned[i]);
}

static int
submit_parse(struct cli *c, const struct cli_command *cmd, int argc, char **argv, struct submit_args *a)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'P' }, { "draft", no_argument, NULL, 'D' },
		{ "status", required_argument, NULL, 's' }, { "progress", required_argument, NULL, 'p' },
		{ "done", required_argument, NULL, 'd' }, { "problems", required_argument, NULL, 'b' },
		{ "next", required_argument, NULL, 'n' }, { "version", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 } };
	int ch, r = 0;
	long n;
	optind = 0;
	opterr = 0;
	while (!r && (ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'P': a->r.period = optarg; break;
		case 'D': a->r.draft = true; break;
		case 's':
			if (task_status_parse(optarg) < 0 || task_status_parse(optarg) == TS_CANCELLED)
				return cli_usage_error(c, cmd, _("--status: unknown status \"%s\" (not_started, in_progress, "
				                       "done, blocked)"), optarg);
			a->r.status = optarg;
			break;
		case 'p':
			if (!model_progress_parse(optarg, &a->r.progress))
				return cli_usage_error(c, cmd, _("--progress: expected a whole number from 0 to 100, got \"%s\""),
				                       optarg);
			break;
		case 'd': r = submit_text(c, cmd, a, 0, "--done", &a->r.done_text); break;
		case 'b': r = submit_text(c, cmd, a, 1, "--problems", &a->r.problems); break;
		case 'n': r = submit_text(c, cmd, a, 2, "--next", &a->r.next_steps); break;
		case 'v':
			if (!model_whole_parse(optarg, 1, 0x7fffffffL, &n))
				return cli_usage_error(c, cmd, _("--version: expected the report's version (a number), got \"%s\""),
				                       optarg);
			a->r.base_version = n;
			break;
		default:
			return cli_bad_option(c, cmd, argc, argv);
		}
	}
	if (r)
		return r;
	if ((r = cli_one_task(c, cmd, argc, argv, optind)))
		return r;
	a->r.code = argv[optind];
	return 0;
}

int
cli_submit(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("submit");
	struct submit_args a = { .r = { .progress = -1 } };
	int r = submit_parse(c, cmd, argc, argv, &a);
	if (!r && !(r = cli_cycle_on(c))) {
		struct error e;
		err_clear(&e);
		struct cycle_settings cs = session_cycle(c->session);
		struct report_result out;
		if (store_report_submit(c->store, &c->session->id, &cs, &a.r, &out, &e))
			r = cli_error(c, &e);
		else if (a.r.draft)
			fprintf(c->out, out.changed ? _("%s: %s report saved as a draft (version %lld)\n")
			                            : _("%s: %s report: nothing changed (version %lld)\n"),
			        a.r.code, out.period, out.version);
		else
			fprintf(c->out, _("%s: %s report submitted (submission %d, %s)%s\n"), a.r.code, out.period, out.rev,
			        on_time_label(out.on_time), out.awaiting ? _("; reported done, awaiting the office's verification")
			                                                 : "");
	}
	for (int i = 0; i < 3; i++)
		free(a.owned[i]);
	return r;
}

/* ---- input ------------------------------------------------------------------------ */

int
cli_input(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "period", required_argument, NULL, 'P' }, { NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("input");
	const char *period = NULL, *text = NULL;
	int ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'P')
			return cli_bad_option(c, cmd, argc, argv);
		period = optarg;   /* read and checked by the store */
	}
	if (argc - optind < 2)
		return cli_usage_error(c, cmd, argc - optind < 1 ? _("which task? give its code and the input")
		                                                 : _("the input is missing"));
	if (argc - optind > 2)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\" (quote the input)"), argv[optind + 2]);
	if ((r = cli_cycle_on(c)))
		return r;
	char *owned = NULL;
	if ((r = text_arg(c, _("input"), argv[optind + 1], &text, &owned)))
		return r;
	struct error e;
	err_clear(&e);
	struct cycle_settings cs = session_cycle(c->session);
	struct report_result out;
	if (store_report_input(c->store, &c->session->id, &cs, argv[optind], period, text, &out, &e))
		r = cli_error(c, &e);
	else
		fprintf(c->out, _("%s: input added to the %s report (%s)\n"), argv[optind], out.period,
		        report_state_label(out.state));
	free(owned);
	return r;
}

/* ---- review ------------------------------------------------------------------------- */

static int
queue_row(const struct report_queue_row *q, void *ctx)
{
	struct cli_rows *x = ctx;
	bool text = x->fmt == FMT_TEXT;
	table_row(x->t);
	table_cell(x->t, q->code);
	table_cell(x->t, q->title);
	table_cell(x->t, q->dept_short);
	table_cell(x->t, q->period);
	table_cellf(x->t, "%d", q->rev);
	table_cell(x->t, q->first_local);
	table_cell(x->t, text ? on_time_label(q->on_time) : q->on_time ? "1" : "0");
	table_cell(x->t, text ? (q->claims_done ? _("done") : "") : q->claims_done ? "1" : "0");
	return 0;
}

static int
review_list(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dept", required_argument, NULL, 'd' }, { "period", required_argument, NULL, 'P' },
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	struct report_queue q = { 0 };
	int fmt = FMT_TEXT, ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': q.dept = optarg; break;
		case 'P':
			q.period = optarg;
			break;
		case 'f':
			if ((r = cli_format(c, cmd, optarg, CLI_TABLE_FORMATS, &fmt)))
				return r;
			break;
		default:
			return cli_bad_option(c, cmd, argc, argv);
		}
	}
	if ((r = cli_no_operand(c, cmd, argc, argv, optind)))
		return r;
	if ((r = cli_cycle_on(c)) || (r = cli_may_read(c)))
		return r;
	bool text = fmt == FMT_TEXT;
	struct cli_rows x = { .t = table_new(), .fmt = fmt };
	table_col(x.t, "code", text ? _("Code") : "code", 0, 0);
	table_col(x.t, "title", text ? _("Title") : "title", TABLE_SHRINK, text ? 30 : 0);
	table_col(x.t, "dept", text ? _("Department") : "dept", TABLE_SHRINK, 20);
	table_col(x.t, "period", text ? _("Period") : "period", 0, 0);
	table_col(x.t, "rev", text ? _("Sub.") : "rev", TABLE_NUMBER | TABLE_RIGHT, 0);
	table_col(x.t, "first_submitted", text ? _("First submitted") : "first_submitted", 0, 0);
	table_col(x.t, "on_time", text ? _("On time") : "on_time", 0, 0);
	table_col(x.t, "claims_done", text ? _("Claims") : "claims_done", 0, 0);
	struct error e;
	err_clear(&e);
	if (store_report_queue_each(c->store, &q, queue_row, &x, &e)) {
		table_free(x.t);
		return cli_error(c, &e);
	}
	if (text && table_rows(x.t) == 0)
		fputs(_("(no report is waiting for review)\n"), c->out);
	else
		table_print(x.t, c->out, fmt, cli_width(c), false);
	table_free(x.t);
	return 0;
}

static int
review_decide(struct cli *c, const struct cli_command *cmd, bool accept, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'P' }, { "note", required_argument, NULL, 'n' },
		{ "reason", required_argument, NULL, 'r' }, { NULL, 0, NULL, 0 } };
	const char *period = NULL, *why = NULL;
	int ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'P':
			period = optarg;
			break;
		case 'n':
		case 'r':
			if ((ch == 'r') == accept)
				return cli_usage_error(c, cmd, accept ? _("review accept takes --note, not --reason")
				                                      : _("review return takes --reason, not --note"));
			why = optarg;
			break;
		default:
			return cli_bad_option(c, cmd, argc, argv);
		}
	}
	if ((r = cli_one_task(c, cmd, argc, argv, optind)))
		return r;
	if (!accept && !why)
		return cli_usage_error(c, cmd, _("returning a report needs --reason"));
	if ((r = cli_cycle_on(c)))
		return r;
	struct error e;
	err_clear(&e);
	struct report_result out;
	if (store_report_review(c->store, &c->session->id, argv[optind], period, accept, why, &out, &e))
		return cli_error(c, &e);
	if (accept)
		fprintf(c->out, _("%s: %s report accepted%s\n"), argv[optind], out.period,
		        out.awaiting ? _("; the task awaits verification (plancon verify)") : "");
	else
		fprintf(c->out, _("%s: %s report returned to %s\n"), argv[optind], out.period, _("its lead department"));
	return 0;
}

int
cli_review(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("review");
	if (argc >= 2 && !strcmp(argv[1], "accept"))
		return review_decide(c, cmd, true, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "return"))
		return review_decide(c, cmd, false, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return review_list(c, cmd, argc - 1, argv + 1);
	if (argc >= 2 && argv[1][0] != '-')
		return cli_usage_error(c, cmd, _("unknown review action \"%s\" (list, accept, return)"), argv[1]);
	return review_list(c, cmd, argc, argv);
}

/* ---- verify, reopen ------------------------------------------------------------------ */

/* A store writer of the verified closing (store_task_verify, store_task_reopen). */
typedef enum err_code closing_write_fn(struct store *s, const struct identity *who, const char *code,
                                       const char *text, struct write_result *r, struct error *e);

/* verify and reopen: command name with a task code and one text option
 * (--note or --reason: opt, required or not), written by fn; done (a
 * format taking the code and the task's new version) says what was done. */
static int
closing_command(struct cli *c, const char *name, const char *opt, bool required, closing_write_fn *fn,
                const char *done, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find(name);
	const struct option opts[] = { { opt, required_argument, NULL, 'x' }, { NULL, 0, NULL, 0 } };
	const char *text = NULL;
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'x')
			return cli_bad_option(c, cmd, argc, argv);
		text = optarg;
	}
	int r = cli_one_task(c, cmd, argc, argv, optind);
	if (r)
		return r;
	if (required && !text)
		return cli_usage_error(c, cmd, _("--%s is required"), opt);
	if ((r = cli_cycle_on(c)))
		return r;
	struct error e;
	err_clear(&e);
	struct write_result w;
	if (fn(c->store, &c->session->id, argv[optind], text, &w, &e))
		return cli_error(c, &e);
	fprintf(c->out, done, argv[optind], w.version);
	return 0;
}

int
cli_verify(struct cli *c, int argc, char **argv)
{
	return closing_command(c, "verify", "note", false, store_task_verify, _("%s: verified done (version %lld)\n"),
	                       argc, argv);
}

int
cli_reopen(struct cli *c, int argc, char **argv)
{
	return closing_command(c, "reopen", "reason", true, store_task_reopen,
	                       _("%s: reopened, in progress (version %lld)\n"), argc, argv);
}

/* ---- show: the task's reports -------------------------------------------------------- */

/* The most periods show lists. */
enum { SHOW_REPORTS = 4 };

static void
show_text(struct cli *c, const char *indent, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	char **lines;
	size_t n = text_wrap(text, 68, &lines);
	if (*label)
		fprintf(c->out, "%s%s\n", indent, label);
	for (size_t i = 0; i < n; i++)
		fprintf(c->out, "%s%s%s\n", indent, *label ? "  " : "", lines[i]);
	text_lines_free(lines, n);
}

static int
show_event(const struct report_event_row *v, void *ctx)
{
	struct cli *c = ctx;
	char *who = model_change_who(v->who, v->actor), *w = text_sanitize(who);
	switch (v->kind) {
	case REPORT_EV_REVISION:
		fprintf(c->out, _("    submission %d  %s (%s)  %s: %s, %d %%\n"), v->rev, v->local, v->at, w,
		        task_status_label_for(v->status), v->progress);
		break;
	case REPORT_EV_REVIEW:
		fprintf(c->out, _("    %s  %s: %s submission %d\n"), v->at, w,
		        !strcmp(v->decision, "accept") ? _("accepted") : _("returned"), v->rev);
		show_text(c, "      ", "", v->text);
		break;
	case REPORT_EV_INPUT: {
		char *d = text_sanitize(v->dept_short ? v->dept_short : "?");
		fprintf(c->out, _("    %s  %s (%s): input\n"), v->at, w, d);
		free(d);
		show_text(c, "      ", "", v->text);
		break;
	}
	}
	free(w);
	free(who);
	return 0;
}

static int
show_report(const struct report_row *r, void *ctx)
{
	struct cli *c = ctx;
	char when[64] = "";
	if (r->on_time >= 0)
		snprintf(when, sizeof when, ", %s", on_time_label(r->on_time));
	fprintf(c->out, _("  %s  %s (submission %d%s), due %s: %s, %d %%\n"), r->period, report_state_label(r->state),
	        r->rev, when, r->due, task_status_label_for(r->status), r->progress);
	show_text(c, "    ", _("Progress made:"), r->done_text);
	show_text(c, "    ", _("Problems:"), r->problems);
	show_text(c, "    ", _("Next steps:"), r->next_steps);
	struct error e;
	err_clear(&e);
	if (store_report_events_each(c->store, r->id, show_event, c, &e))
		cli_error(c, &e);
	return 0;
}

static int
show_cycle(const struct task_cycle_row *t, void *ctx)
{
	struct cli *c = ctx;
	if (t->awaiting)
		fprintf(c->out, _("Reported done, awaiting the office's verification.\n"));
	if (t->original_due && t->due_date)
		fprintf(c->out, _("Due %s (originally %s).\n"), t->due_date, t->original_due);
	return 0;
}

int
cli_show_reports(struct cli *c, const char *code)
{
	struct error e;
	err_clear(&e);
	if (store_task_cycle_get(c->store, code, show_cycle, c, &e))
		return cli_error(c, &e);
	if (!session_cycle(c->session).on)
		return 0;
	fputs("\n", c->out);
	fputs(_("Reports:\n"), c->out);
	return store_reports_each(c->store, code, SHOW_REPORTS, show_report, c, &e) ? cli_error(c, &e) : 0;
}

/* ---- show --format json ---------------------------------------------------------------- */

static void
json_key(FILE *out, const char *key, const char *value)
{
	fprintf(out, "\"%s\": ", key);
	if (value)
		table_json_string(out, value);
	else
		fputs("null", out);
}

/* ", " and then json_key: a field after the first. */
static void
json_next(FILE *out, const char *key, const char *value)
{
	fputs(", ", out);
	json_key(out, key, value);
}

/* A report's contents as fields after the first (the report and each of
 * its revisions carry them). */
static void
json_contents(FILE *out, const char *status, int progress, const char *done_text, const char *problems,
              const char *next_steps)
{
	json_next(out, "status", status);
	fprintf(out, ", \"progress\": %d", progress);
	json_next(out, "done_text", done_text);
	json_next(out, "problems", problems);
	json_next(out, "next_steps", next_steps);
}

struct json_ctx {
	struct cli *c;
	int kind;                  /* which events: enum REPORT_EV_* */
	bool first;
};

static int
json_task(const struct task_row *r, void *ctx)
{
	FILE *out = ((struct json_ctx *)ctx)->c->out;
	fputs("{", out);
	json_key(out, "code", r->code);
	json_next(out, "title", r->title);
	json_next(out, "lead", r->lead_short);
	json_next(out, "cooperating", r->coop);
	json_next(out, "start_date", r->start_date);
	json_next(out, "due_date", r->due_date);
	json_next(out, "status", r->status);
	fprintf(out, ", \"progress\": %d, \"version\": %lld", r->progress, r->version);
	return 0;
}

static int
json_cycle(const struct task_cycle_row *t, void *ctx)
{
	FILE *out = ((struct json_ctx *)ctx)->c->out;
	json_next(out, "original_due", t->original_due);
	fprintf(out, ", \"awaiting_verification\": %s", t->awaiting ? "true" : "false");
	return 0;
}

static int
json_event(const struct report_event_row *v, void *ctx)
{
	struct json_ctx *x = ctx;
	FILE *out = x->c->out;
	if ((int)v->kind != x->kind)
		return 0;
	fputs(x->first ? "{" : ", {", out);
	x->first = false;
	json_key(out, "at", v->at);
	json_next(out, "who", v->who);
	json_next(out, "actor", v->actor);
	if (v->kind == REPORT_EV_REVISION) {
		fprintf(out, ", \"rev\": %d, ", v->rev);
		json_key(out, "local", v->local);
		json_contents(out, v->status, v->progress, v->done_text, v->problems, v->next_steps);
	} else if (v->kind == REPORT_EV_REVIEW) {
		fprintf(out, ", \"rev\": %d, ", v->rev);
		json_key(out, "decision", v->decision);
		json_next(out, "reason", v->text);
	} else {
		json_next(out, "dept", v->dept_short);
		json_next(out, "text", v->text);
	}
	fputs("}", out);
	return 0;
}

static int
json_report(const struct report_row *r, void *ctx)
{
	struct json_ctx *x = ctx;
	FILE *out = x->c->out;
	fputs(x->first ? "{" : ", {", out);
	x->first = false;
	json_key(out, "period", r->period);
	json_next(out, "state", r->state);
	fprintf(out, ", \"rev\": %d, ", r->rev);
	json_key(out, "due", r->due);
	json_next(out, "dept", r->dept_short);
	json_contents(out, r->status, r->progress, r->done_text, r->problems, r->next_steps);
	json_next(out, "first_submitted", r->first_local);
	fprintf(out, ", \"on_time\": %s, \"version\": %lld",
	        r->on_time < 0 ? "null" : r->on_time ? "true" : "false", r->version);
	static const char *const names[] = { "revisions", "reviews", "inputs" };
	for (int k = REPORT_EV_REVISION; k <= REPORT_EV_INPUT; k++) {
		struct json_ctx ev = { .c = x->c, .kind = k, .first = true };
		struct error e;
		err_clear(&e);
		fprintf(out, ", \"%s\": [", names[k]);
		store_report_events_each(x->c->store, r->id, json_event, &ev, &e);
		fputs("]", out);
	}
	fputs("}", out);
	return 0;
}

int
cli_show_json(struct cli *c, const char *code)
{
	struct error e;
	err_clear(&e);
	struct json_ctx x = { .c = c, .first = true };
	if (store_task_get(c->store, code, json_task, &x, &e) || store_task_cycle_get(c->store, code, json_cycle, &x, &e))
		return cli_error(c, &e);
	fputs(", \"reports\": [", c->out);
	if (store_reports_each(c->store, code, SHOW_REPORTS, json_report, &x, &e)) {
		fputs("]}\n", c->out);
		return cli_error(c, &e);
	}
	fputs("]}\n", c->out);
	return 0;
}
