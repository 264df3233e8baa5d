/* cli_read: the commands that only read: chapters, tasks, show, depts,
 * indicators, summary. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/auth.h"
#include "plancon/cli.h"
#include "plancon/cycle.h"
#include "plancon/i18n.h"
#include "plancon/model.h"
#include "plancon/store_changes.h"
#include "plancon/store_office.h"
#include "plancon/store_plan.h"
#include "plancon/store_tasks.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"


/* A table column: CSV and JSON name it by its key, so that scripts see the
 * same names whatever the interface language; text shows the header. */
static void
col(struct table *t, int fmt, const char *key, const char *header, unsigned flags, int max)
{
	table_col(t, key, fmt == FMT_TEXT ? _(header) : key, flags, max);
}

static void
demo_banner(struct cli *c, int fmt)
{
	if (c->session->demo && fmt == FMT_TEXT)
		fputs(_("DEMO: simulated statuses, not the real plan's\n"), c->out);
}

/* Parse just --format for commands that take nothing else. */
static int
format_only(struct cli *c, const char *name, int argc, char **argv, int *fmt)
{
	static const struct option opts[] = { { "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find(name);
	*fmt = FMT_TEXT;
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (ch == 'f') {
			int r = cli_format(c, cmd, optarg, CLI_TABLE_FORMATS, fmt);
			if (r)
				return r;
		} else {
			return cli_bad_option(c, cmd, argc, argv);
		}
	}
	return cli_no_operand(c, cmd, argc, argv, optind);
}

/* ---- chapters --------------------------------------------------------------- */

static int
part_row(const struct part_row *p, void *ctx)
{
	struct cli *c = ctx;
	char *t = text_sanitize(p->title);
	fprintf(c->out, "  %d  %s  ", p->no, t);
	fprintf(c->out, ngettext("(%d chapter)\n", "(%d chapters)\n", (unsigned long)p->n_chapters), p->n_chapters);
	free(t);
	return 0;
}

/* A mean progress cell: whole percent; "-" in text and empty (JSON null)
 * elsewhere when there is no mean (model.h). */
static void
mean_cell(struct table *t, int fmt, long long n, long long sum)
{
	int pct = model_percent(sum, n);
	if (pct >= 0)
		table_cellf(t, "%d", pct);
	else
		table_cell(t, fmt == FMT_TEXT ? "-" : "");
}

static int
chapter_row(const struct chapter_row *r, void *ctx)
{
	struct cli_rows *x = ctx;
	struct table *t = x->t;
	table_row(t);
	table_cellf(t, "%d", r->part_no);
	table_cellf(t, "%d", r->no);
	table_cell(t, r->title);
	table_cellf(t, "%d", r->n_sections);
	table_cellf(t, "%d", r->n_tasks);
	table_cellf(t, "%d", r->n_done);
	mean_cell(t, x->fmt, r->progress_n, r->progress_sum);
	return 0;
}

int
cli_chapters(struct cli *c, int argc, char **argv)
{
	int fmt, r = format_only(c, "chapters", argc, argv, &fmt);
	if (r)
		return r;
	struct error e;
	err_clear(&e);
	demo_banner(c, fmt);
	if (fmt == FMT_TEXT) {
		fputs(_("Parts\n"), c->out);
		if (store_parts_each(c->store, part_row, c, &e))
			return cli_error(c, &e);
		fputc('\n', c->out);
	}
	struct table *t = table_new();
	col(t, fmt, "part", N_("Part"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "chapter", N_("Ch"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "title", N_("Chapter"), TABLE_SHRINK, 44);
	col(t, fmt, "sections", N_("Sections"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "tasks", N_("Tasks"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "done", N_("Done"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "progress", N_("Progress%"), TABLE_NUMBER | TABLE_RIGHT, 0);
	if (store_chapters_each(c->store, 0, chapter_row, &(struct cli_rows){ t, fmt }, &e)) {
		table_free(t);
		return cli_error(c, &e);
	}
	table_print(t, c->out, fmt, cli_width(c), false);
	table_free(t);
	return 0;
}

/* ---- tasks ------------------------------------------------------------------ */

struct tasks_ctx {
	struct cli *c;
	struct table *t;
	int fmt;
	bool provisional;          /* some row is provisional */
	bool started;              /* the banner is out */
	bool lights;               /* the cycle is on: a light column */
	const char *as_of;
};

/* Task r's light's key and reason's key (CSV and JSON); NULL without one. */
static void
light_cells(struct table *t, const struct task_row *r)
{
	table_cell(t, r->light < 0 ? NULL : cycle_light_key((enum cycle_light)r->light));
	table_cell(t, r->light_reason < 0 ? NULL : cycle_reason_key((enum cycle_reason)r->light_reason));
}

static int
task_row(const struct task_row *r, void *ctx)
{
	struct tasks_ctx *x = ctx;
	struct table *t = x->t;
	/* The rows stream out: the banner goes first, once the filter has
	 * found a row (an unknown department prints nothing). */
	if (!x->started) {
		demo_banner(x->c, x->fmt);
		x->started = true;
	}
	table_row(t);
	table_cell(t, r->code);
	table_cell(t, r->title);
	if (x->fmt == FMT_TEXT) {
		char *lead = xasprintf("%s%s", r->lead_short ? r->lead_short : "-", r->provisional ? "*" : "");
		table_cell(t, lead);
		free(lead);
		if (x->lights)
			table_cell(t, r->light < 0 ? " " : cycle_light_mark((enum cycle_light)r->light));
		bool late = model_task_late(r->due_date, r->status, x->as_of);
		char *st = xasprintf("%s%s", task_status_label_for(r->status), late ? _(" (late)") : "");
		table_cell(t, st);
		free(st);
		table_cellf(t, "%d%%", r->progress);
		table_cell(t, r->due_date ? r->due_date : "-");
		x->provisional |= r->provisional;
		return 0;
	}
	table_cell(t, r->lead_short);
	table_cell(t, r->status);
	if (x->lights)
		light_cells(t, r);
	table_cellf(t, "%d", r->progress);
	table_cell(t, r->due_date);
	table_cellf(t, "%d", r->chapter_no);
	if (r->section_no)
		table_cellf(t, "%d", r->section_no);
	else
		table_cell(t, NULL);
	table_cell(t, r->coop ? r->coop : "");
	table_cell(t, r->provisional ? "1" : "0");
	table_cell(t, r->start_date);
	table_cell(t, model_task_late(r->due_date, r->status, x->as_of) ? "1" : "0");
	table_cell(t, r->document_key);
	table_cellf(t, "%lld", r->version);
	return 0;
}

int
cli_tasks(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "chapter", required_argument, NULL, 'c' }, { "dept", required_argument, NULL, 'd' },
		{ "status", required_argument, NULL, 's' }, { "format", required_argument, NULL, 'f' },
		{ "search", required_argument, NULL, 'q' }, { "late", no_argument, NULL, 'l' },
		{ "role", required_argument, NULL, 'r' }, { "light", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("tasks");
	struct cycle_settings cycle = session_cycle(c->session);
	struct task_query q = { .cycle = &cycle, .as_of = c->as_of };
	const char *dept = NULL;
	static const char *const role_words[] = { "lead", "coop", "any", NULL };
	static const enum scope_kind role_scope[] = { SCOPE_LEAD, SCOPE_COOP, SCOPE_DEPT };
	enum scope_kind dept_scope = SCOPE_LEAD;   /* --role lead, coop or any */
	int role;
	int chapter_no = 0;
	bool role_set = false;
	int fmt = FMT_TEXT, ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': {
			long n;
			if (!model_whole_parse(optarg, 1, 9999, &n))
				return cli_usage_error(c, cmd, _("--chapter: expected a chapter number, got \"%s\""), optarg);
			chapter_no = (int)n;
			break;
		}
		case 'd': dept = optarg; break;
		case 's': {
			int s = task_status_parse(optarg);
			if (s < 0)
				return cli_usage_error(c, cmd, _("--status: unknown status \"%s\" (not_started, in_progress, "
				                       "done, blocked, cancelled)"), optarg);
			q.status = task_status_key((enum task_status)s);
			break;
		}
		case 'q':
			if (!text_valid_utf8(optarg, strlen(optarg)))
				return cli_usage_error(c, cmd, _("--search: not valid UTF-8 text; give the words as the "
				                       "plan writes them"));
			q.search = optarg;
			break;
		case 'l': q.late_as_of = c->as_of; break;
		case 'L':
			if (cycle_light_parse(optarg) < 0)
				return cli_usage_error(c, cmd, _("--light: unknown light \"%s\" (red, yellow, green, closed)"),
				                       optarg);
			if (!cycle.on) {   /* a usage error, in auth_cycle_off's words */
				struct error off;
				auth_cycle_off(&off);
				return cli_usage_error(c, cmd, "--light: %s", off.msg);
			}
			q.light = optarg;
			break;
		case 'r':
			role_set = true;
			if ((r = cli_word(c, cmd, optarg, role_words, _("--role: expected lead, coop or any, got \"%s\""),
			                  &role)))
				return r;
			dept_scope = role_scope[role];
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
	if (role_set && !dept)
		return cli_usage_error(c, cmd, "%s", _("--role needs --dept"));

	struct tasks_ctx x = { .c = c, .t = table_new(), .fmt = fmt, .as_of = c->as_of, .lights = cycle.on };
	struct table *t = x.t;
	col(t, fmt, "code", N_("Code"), TABLE_KEEP, 0);
	col(t, fmt, "title", N_("Title"), TABLE_SHRINK, 40);
	col(t, fmt, "lead", N_("Lead"), TABLE_SHRINK, 21);   /* 省人力资源社会保障厅* */
	if (fmt == FMT_TEXT && x.lights)
		table_col(t, "light", "", 0, 0);   /* the mark: cycle.h's CYCLE_LIGHTS */
	col(t, fmt, "status", N_("Status"), 0, 0);
	if (fmt != FMT_TEXT && x.lights) {
		table_col(t, "light", "light", 0, 0);
		table_col(t, "light_reason", "light_reason", 0, 0);
	}
	if (fmt == FMT_TEXT) {
		/* Room for every status, should the first page not show it. */
		for (int i = 0; i < TS_COUNT; i++) {
			const char *label = task_status_label((enum task_status)i);
			char *late = xasprintf("%s%s", label, _(" (late)"));
			table_hint(t, label);
			table_hint(t, late);
			free(late);
		}
		table_col(t, "progress", _("Prog"), TABLE_RIGHT, 0);
		table_hint(t, "100%");
		table_col(t, "due", _("Due"), 0, 0);
		table_hint(t, "0000-00-00");
	} else {
		table_col(t, "progress", "progress", TABLE_NUMBER, 0);
		table_col(t, "due", "due", 0, 0);
		table_col(t, "chapter", "chapter", TABLE_NUMBER, 0);
		table_col(t, "section", "section", TABLE_NUMBER, 0);
		table_col(t, "cooperating", "cooperating", 0, 0);
		table_col(t, "provisional", "provisional", TABLE_BOOL, 0);
		table_col(t, "start", "start", 0, 0);
		table_col(t, "late", "late", TABLE_BOOL, 0);
		table_col(t, "document", "document", 0, 0);
		table_col(t, "version", "version", TABLE_NUMBER, 0);
	}
	/* On a terminal the first page shows while the query goes on; to a
	 * pipe or a file, text is sized over every row as before. */
	table_stream(t, &(struct table_out){ .out = c->out, .fmt = (enum table_format)fmt, .width = cli_width(c),
	                                     .page = table_page(c->out, (enum table_format)fmt) });
	struct error e;
	err_clear(&e);
	enum err_code code = ERR_OK;
	bool none = false;             /* a chapter the plan does not have: no task matches */
	long long id;
	if (dept && !(code = store_dept_find(c->store, dept, &id, &e)))
		q.scope = (struct task_scope){ .kind = dept_scope, .a = id };
	if (!code && chapter_no) {
		code = store_chapter_find(c->store, chapter_no, &q.chapter_id, &e);
		if (code == ERR_NOT_FOUND)
			none = true, code = ERR_OK;
	}
	if (!code && !none)
		code = store_tasks_each(c->store, &q, 0, false, 0, task_row, &x, &e);
	if (code) {
		table_free(t);
		return cli_error(c, &e);
	}
	if (!x.started)
		demo_banner(c, fmt);
	table_end(t);
	if (fmt == FMT_TEXT && x.provisional)
		fputs(_("* provisional: the lead department is inferred, not yet confirmed\n"), c->out);
	if (fmt == FMT_TEXT && table_rows(t) == 0)
		fputs(_("(no tasks match)\n"), c->out);
	table_free(t);
	return 0;
}

/* ---- show ------------------------------------------------------------------- */

static void
field(struct cli *c, const char *label, const char *value)
{
	char *l = text_fit(_(label), 13);
	char *v = text_sanitize(value && *value ? value : "-");
	fprintf(c->out, "%s %s\n", l, v);
	free(l);
	free(v);
}

struct show_ctx {
	struct cli *c;
	long long id;
	bool found;
};

static int
show_task(const struct task_row *r, void *ctx)
{
	struct show_ctx *x = ctx;
	struct cli *c = x->c;
	x->id = r->id;
	x->found = true;
	char *s = text_sanitize(r->title);
	fprintf(c->out, "%s  %s\n\n", r->code, s);
	free(s);
	char *v = xasprintf("%s", r->document_short);
	field(c, N_("Document:"), v);
	free(v);
	v = xasprintf("%d %s", r->chapter_no, r->chapter_title);
	field(c, N_("Chapter:"), v);
	free(v);
	if (r->section_no) {
		v = xasprintf("%d.%d %s", r->chapter_no, r->section_no, r->section_title);
		field(c, N_("Section:"), v);
		free(v);
	}
	const char *prov = r->provisional ? _(" (provisional)") : "";
	v = r->lead_short ? xasprintf(_("%s (%s)%s"), r->lead_short, r->lead_name, prov) : xstrdup("-");
	field(c, N_("Lead:"), v);
	free(v);
	v = r->coop ? xasprintf("%s%s", r->coop, prov) : xstrdup("-");
	field(c, N_("Cooperating:"), v);
	free(v);
	field(c, N_("Start:"), r->start_date);
	char original[11] = "";
	struct error e;
	err_clear(&e);
	if (r->due_date && store_task_original_due(c->store, r->code, original, &e) == ERR_OK && original[0]) {
		v = xasprintf(_("%s (extended; originally %s)"), r->due_date, original);
		field(c, N_("Due:"), v);
		free(v);
	} else
		field(c, N_("Due:"), r->due_date);
	bool late = model_task_late(r->due_date, r->status, c->as_of);
	v = xasprintf(_("%s, %d%%%s"), task_status_label_for(r->status), r->progress, late ? _(" (late)") : "");
	field(c, N_("Status:"), v);
	free(v);
	if (r->updated_at) {
		v = xasprintf(_("%s by %s"), r->updated_at, r->updated_by ? r->updated_by : "?");
		field(c, N_("Updated:"), v);
		free(v);
	}
	v = xasprintf("%lld", r->version);
	field(c, N_("Version:"), v);
	free(v);
	field(c, N_("Sources:"), r->sources);
	if (r->description && *r->description) {
		char **lines;
		size_t n = text_wrap(r->description, 72, &lines);
		fputs("\n", c->out);
		for (size_t i = 0; i < n; i++)
			fprintf(c->out, "  %s\n", lines[i]);
		text_lines_free(lines, n);
	}
	return 0;
}

/* The width of the period column: the widest period in this language, and
 * a space. */
static int
period_width(void)
{
	char buf[64];
	snprintf(buf, sizeof buf, P_("milestone period", "%d Q%d"), 2000, 4);
	int w = text_width(buf);
	snprintf(buf, sizeof buf, P_("milestone period", "%d"), 2000);
	return (text_width(buf) > w ? text_width(buf) : w) + 1;
}

static int
show_milestone(const struct milestone_row *m, void *ctx)
{
	struct cli *c = ctx;
	char period[64];
	if (m->quarter)
		snprintf(period, sizeof period, P_("milestone period", "%d Q%d"), m->year, m->quarter);
	else
		snprintf(period, sizeof period, P_("milestone period", "%d"), m->year);
	bool late = model_milestone_late(m->year, m->quarter, m->status, c->as_of);
	char *label = xasprintf("%s%s", milestone_status_label_for(m->status), late ? _(" (late)") : "");
	char *p = text_fit(period, period_width()), *l = text_fit(label, 16), *t = text_sanitize(m->target);
	fprintf(c->out, "  %s %s %s\n", p, l, t);
	free(p);
	free(l);
	free(t);
	free(label);
	return 0;
}

static int
show_change(const struct change_row *g, void *ctx)
{
	struct cli *c = ctx;
	/* Each part through text_sanitize: the log holds what people typed. */
	char *parts[4] = { model_change_who(g->who, g->actor), model_change_field(g->field),
	                   model_change_value(g->field, g->old), model_change_value(g->field, g->new_value) };
	for (int i = 0; i < 4; i++) {
		char *clean = text_sanitize(parts[i]);
		free(parts[i]);
		parts[i] = clean;
	}
	fprintf(c->out, "  %s  %s  %s: %s -> %s\n", g->at, parts[0], parts[1], parts[2], parts[3]);
	if (g->note && *g->note) {
		char **lines;
		size_t n = text_wrap(g->note, 70, &lines);
		for (size_t i = 0; i < n; i++)
			fprintf(c->out, "      %s\n", lines[i]);
		text_lines_free(lines, n);
	}
	for (int i = 0; i < 4; i++)
		free(parts[i]);
	return 0;
}

int
cli_show(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("show");
	int fmt = FMT_TEXT, ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'f')
			return cli_bad_option(c, cmd, argc, argv);
		if ((r = cli_format(c, cmd, optarg, (1u << FMT_TEXT) | (1u << FMT_JSON), &fmt)))
			return r;
	}
	if (argc - optind != 1)
		return cli_usage_error(c, cmd, "%s", argc - optind < 1 ? _("which task? give its code")
		                                                       : _("expected one task code"));
	argv += optind - 1;
	if (fmt == FMT_JSON)
		return cli_show_json(c, argv[1]);
	struct error e;
	err_clear(&e);
	struct show_ctx x = { .c = c };
	demo_banner(c, FMT_TEXT);
	if (store_task_get(c->store, argv[1], show_task, &x, &e))
		return cli_error(c, &e);
	/* the supervision cycle: reports (cli_reports.c), evidence (cli_evidence.c) */
	if ((r = cli_show_reports(c, argv[1])) || (r = cli_evidence_show(c, argv[1])))
		return r;
	fputs("\n", c->out);
	fputs(_("Milestones:\n"), c->out);
	if (store_milestones_each(c->store, x.id, show_milestone, c, &e))
		return cli_error(c, &e);
	fputs("\n", c->out);
	fputs(_("Changes:\n"), c->out);
	struct change_filter cf = { .task_id = x.id };
	if (store_changes_each(c->store, &cf, show_change, c, &e))
		return cli_error(c, &e);
	return 0;
}

/* ---- depts ------------------------------------------------------------------ */

static int
dept_row(const struct dept_row *d, void *ctx)
{
	struct cli_rows *x = ctx;
	struct table *t = x->t;
	table_row(t);
	table_cell(t, d->short_name);
	table_cell(t, d->name);
	table_cellf(t, "%d", d->n_lead);
	table_cellf(t, "%d", d->n_coop);
	for (int i = 0; i < 5; i++)
		table_cellf(t, "%d", d->by_status[i]);
	table_cellf(t, "%d", d->n_late);
	mean_cell(t, x->fmt, d->progress_n, d->progress_sum);
	return 0;
}

int
cli_depts(struct cli *c, int argc, char **argv)
{
	int fmt, r = format_only(c, "depts", argc, argv, &fmt);
	if (r)
		return r;
	struct table *t = table_new();
	bool text = fmt == FMT_TEXT;
	col(t, fmt, "short", N_("Department"), TABLE_SHRINK, 20);
	col(t, fmt, "name", N_("Full name"), TABLE_SHRINK | TABLE_OPTIONAL, text ? 24 : 0);
	col(t, fmt, "lead", N_("Lead"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "cooperating", N_("Coop"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "not_started", N_("Todo"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "in_progress", N_("Doing"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "done", N_("Done"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "blocked", N_("Blkd"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "cancelled", N_("Canc"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "late", N_("Late"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "progress", N_("Prog%"), TABLE_NUMBER | TABLE_RIGHT, 0);
	struct error e;
	err_clear(&e);
	if (store_depts_each(c->store, c->as_of, dept_row, &(struct cli_rows){ t, fmt }, &e)) {
		table_free(t);
		return cli_error(c, &e);
	}
	demo_banner(c, fmt);
	table_print(t, c->out, fmt, cli_width(c), false);
	table_free(t);
	return 0;
}

/* ---- indicators ------------------------------------------------------------- */

struct ind_ctx {
	struct cli *c;
	int fmt;
	struct table *t;
	char *acc;                 /* the values being joined */
	bool first;
};

static int
join_value(const struct indicator_value *v, void *ctx)
{
	struct ind_ctx *x = ctx;
	char num[MODEL_VALUE_LEN];
	model_value_format(v->value, num);
	char *prev = x->acc;
	if (x->fmt == FMT_JSON)
		x->acc = xasprintf("%s%s{\"year\": %d, \"value\": %s%s%s%s}", prev, x->first ? "" : ", ", v->year, num,
		                   v->op ? ", \"op\": \"" : "", v->op ? v->op : "", v->op ? "\"" : "");
	else
		x->acc = xasprintf("%s%s%d: %s%s", prev, x->first ? "" : (x->fmt == FMT_TEXT ? ", " : "; "), v->year,
		                   v->op && strcmp(v->op, "=") ? v->op : "", num);
	free(prev);
	x->first = false;
	return 0;
}

static int
indicator_row(const struct indicator_row *i, void *ctx)
{
	struct ind_ctx *x = ctx;
	struct error e;
	err_clear(&e);
	char base[48] = "";
	if (i->has_base) {
		char num[MODEL_VALUE_LEN];
		model_value_format(i->base_value, num);
		snprintf(base, sizeof base, "%d: %s", i->base_year, num);
	}
	char *targets, *actuals;
	x->acc = xstrdup("");
	x->first = true;
	store_indicator_targets_each(x->c->store, i->id, join_value, x, &e);
	targets = x->acc;
	x->acc = xstrdup("");
	x->first = true;
	store_indicator_actuals_each(x->c->store, i->id, join_value, x, &e);
	actuals = x->acc;
	x->acc = NULL;
	if (x->fmt == FMT_JSON) {
		FILE *o = x->c->out;
		fputs(x->t ? ",\n  {\"name\": " : "[\n  {\"name\": ", o);
		x->t = (struct table *)1;   /* marks "not the first" */
		table_json_string(o, i->name);
		fputs(", \"unit\": ", o);
		table_json_string(o, i->unit);
		if (i->has_base) {
			char num[MODEL_VALUE_LEN];
			model_value_format(i->base_value, num);
			fprintf(o, ", \"baseline\": {\"year\": %d, \"value\": %s}", i->base_year, num);
		} else {
			fputs(", \"baseline\": null", o);
		}
		fprintf(o, ", \"targets\": [%s], \"actuals\": [%s], \"note\": ", targets, actuals);
		table_json_string(o, i->note);
		fputs("}", o);
	} else {
		table_row(x->t);
		table_cell(x->t, i->name);
		table_cell(x->t, i->unit);
		table_cell(x->t, base);
		table_cell(x->t, targets);
		table_cell(x->t, *actuals ? actuals : (x->fmt == FMT_TEXT ? "-" : ""));
	}
	free(targets);
	free(actuals);
	return 0;
}

int
cli_indicators(struct cli *c, int argc, char **argv)
{
	int fmt, r = format_only(c, "indicators", argc, argv, &fmt);
	if (r)
		return r;
	struct ind_ctx x = { .c = c, .fmt = fmt };
	struct error e;
	err_clear(&e);
	demo_banner(c, fmt);
	if (fmt == FMT_JSON) {
		if (store_indicators_each(c->store, indicator_row, &x, &e))
			return cli_error(c, &e);
		fputs(x.t ? "\n]\n" : "[]\n", c->out);
		return 0;
	}
	x.t = table_new();
	col(x.t, fmt, "name", N_("Indicator"), TABLE_SHRINK, 36);
	col(x.t, fmt, "unit", N_("Unit"), 0, 0);
	col(x.t, fmt, "baseline", N_("Baseline"), 0, 0);
	col(x.t, fmt, "targets", N_("Targets"), 0, 0);
	col(x.t, fmt, "actuals", N_("Actuals"), 0, 0);
	if (store_indicators_each(c->store, indicator_row, &x, &e)) {
		table_free(x.t);
		return cli_error(c, &e);
	}
	table_print(x.t, c->out, fmt, cli_width(c), false);
	table_free(x.t);
	return 0;
}

/* ---- summary ------------------------------------------------------------------ */

int
cli_summary(struct cli *c, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage_error(c, cli_find("summary"), "%s", _("takes no arguments"));
	struct error e;
	err_clear(&e);
	char *title = store_meta_get(c->store, "title");
	char *t = text_sanitize(title ? title : "");
	demo_banner(c, FMT_TEXT);
	fprintf(c->out, "%s\n\n", t);
	free(title);
	free(t);
	struct plan_counts pc;
	if (store_plan_counts(c->store, c->as_of, &pc, &e))
		return cli_error(c, &e);
	fprintf(c->out, _("Tasks: %lld\n"), pc.n);
	for (int s = 0; s < TS_COUNT; s++) {
		char *label = text_fit(task_status_label((enum task_status)s), 12);
		fprintf(c->out, "  %s %lld\n", label, pc.by_status[s]);
		free(label);
	}
	fprintf(c->out, _("Late as of %s: %lld\n"), c->as_of, pc.n_late);
	fputs("\n", c->out);
	fputs(_("Chapters:\n"), c->out);
	struct table *tb = table_new();
	col(tb, FMT_TEXT, "part", N_("Part"), TABLE_RIGHT, 0);
	col(tb, FMT_TEXT, "chapter", N_("Ch"), TABLE_RIGHT, 0);
	col(tb, FMT_TEXT, "title", N_("Chapter"), TABLE_SHRINK, 44);
	col(tb, FMT_TEXT, "sections", N_("Sections"), TABLE_RIGHT, 0);
	col(tb, FMT_TEXT, "tasks", N_("Tasks"), TABLE_RIGHT, 0);
	col(tb, FMT_TEXT, "done", N_("Done"), TABLE_RIGHT, 0);
	col(tb, FMT_TEXT, "progress", N_("Progress%"), TABLE_RIGHT, 0);
	if (store_chapters_each(c->store, 0, chapter_row, &(struct cli_rows){ tb, FMT_TEXT }, &e)) {
		table_free(tb);
		return cli_error(c, &e);
	}
	table_print(tb, c->out, FMT_TEXT, cli_width(c), false);
	table_free(tb);
	fputs("\n", c->out);
	fputs(_("plancon --help lists the commands.\n"), c->out);
	return 0;
}
