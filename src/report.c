/* report: the progress report and the late list, built from the store's
 * aggregate queries, and printed through table.c.
 *
 * Text has to fit 80 columns with Chinese department names and chapter
 * titles, beside ten number columns. The number columns get short headers
 * (explained by a legend under the table) and exactly the width their
 * figures need; the name column gets the rest, and a name wider than that
 * wraps onto a second row (at a space, or beside a CJK character, never
 * inside one), cut with '~' if even two rows are not enough. */
#include "plancon/i18n.h"
#include "plancon/output.h"
#include "plancon/report.h"
#include "plancon/store_report.h"
#include "plancon/store_tasks.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>


static const char *const by_names[] = {
	[REPORT_BY_DEPT] = "dept", [REPORT_BY_CHAPTER] = "chapter", [REPORT_BY_YEAR] = "year", [REPORT_BY_STATUS] = "status",
};

int
report_by_parse(const char *s)
{
	for (int i = 0; s && i < (int)(sizeof by_names / sizeof by_names[0]); i++)
		if (!strcmp(s, by_names[i]))
			return i;
	if (s && (!strcmp(s, "department") || !strcmp(s, "departments")))
		return REPORT_BY_DEPT;
	return -1;
}

const char *
report_by_name(enum report_by by)
{
	return (unsigned)by < sizeof by_names / sizeof by_names[0] ? by_names[by] : "?";
}

const char *
report_by_label(enum report_by by)
{
	static const char *const labels[] = {
		[REPORT_BY_DEPT] = NP_("report by", "department"), [REPORT_BY_CHAPTER] = NP_("report by", "chapter"),
		[REPORT_BY_YEAR] = NP_("report by", "year"), [REPORT_BY_STATUS] = NP_("report by", "status"),
	};
	return (unsigned)by < sizeof labels / sizeof labels[0] ? i18n_cgettext(labels[by]) : "?";
}

const char *
report_group_key(const struct report *r, const struct report_group *g, bool machine)
{
	/* A status key is a word of the database: people read its label. */
	return !machine && r->by == REPORT_BY_STATUS && g->key ? g->name : g->key;
}

/* ---- building ------------------------------------------------------------- */

struct build_ctx {
	struct report *r;
	size_t cap;
};

static int
add_group(const struct report_row *row, void *ctx)
{
	struct build_ctx *x = ctx;
	struct report *r = x->r;
	if (r->ngroups == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 16;
		r->groups = xrealloc(r->groups, sizeof *r->groups * x->cap);
	}
	struct report_group *g = &r->groups[r->ngroups++];
	*g = (struct report_group){
		.key = row->key ? xstrdup(row->key) : NULL, .tasks = row->n_tasks, .late_tasks = row->late_tasks,
		.late_milestones = row->late_milestones, .progress_n = row->progress_n, .progress_sum = row->progress_sum,
	};
	for (int i = 0; i < TS_COUNT; i++)
		g->by_status[i] = row->by_status[i];
	switch (r->by) {
	case REPORT_BY_DEPT:
		g->name = xstrdup(row->key ? row->title : _("(no lead department)"));
		g->label = xstrdup(row->key ? row->key : _("(no lead)"));
		break;
	case REPORT_BY_CHAPTER:
		g->name = xstrdup(row->title ? row->title : "");
		g->label = xasprintf("%s %s", row->key ? row->key : "?", row->title ? row->title : "");
		break;
	case REPORT_BY_YEAR:
		g->name = xstrdup(row->key ? row->key : _("(no due date)"));
		g->label = xstrdup(g->name);
		break;
	case REPORT_BY_STATUS:
		g->name = xstrdup(row->key ? task_status_label_for(row->key) : "?");
		g->label = xstrdup(g->name);
		break;
	}
	struct report_group *t = &r->total;
	t->tasks += g->tasks;
	t->late_tasks += g->late_tasks;
	t->late_milestones += g->late_milestones;
	t->progress_n += g->progress_n;
	t->progress_sum += g->progress_sum;
	for (int i = 0; i < TS_COUNT; i++)
		t->by_status[i] += g->by_status[i];
	return 0;
}

enum err_code
report_build(struct store *s, enum report_by by, const char *as_of, const char *plan, struct report *r,
             struct error *e)
{
	*r = (struct report){ .by = by, .plan = plan ? xstrdup(plan) : NULL, .demo = store_is_demo(s) };
	snprintf(r->as_of, sizeof r->as_of, "%s", as_of ? as_of : "");
	r->total.name = xstrdup(_("Total"));
	r->total.label = xstrdup(r->total.name);
	if ((unsigned)by > REPORT_BY_STATUS)
		return err_set(e, ERR_USAGE, _("unknown report grouping"));
	struct build_ctx x = { .r = r };
	return store_report_each(s, by, as_of, plan, add_group, &x, e);
}

/* Add one group's light counts to the report's group of the same key. */
static int
add_lights(const struct light_count_row *row, void *ctx)
{
	struct report *r = ctx;
	for (size_t i = 0; i < r->ngroups; i++) {
		struct report_group *g = &r->groups[i];
		if (row->key && g->key ? strcmp(row->key, g->key) : row->key || g->key)
			continue;
		for (int l = 0; l < CYCLE_LIGHT_COUNT; l++) {
			g->lights[l] += row->n[l];
			r->total.lights[l] += row->n[l];
		}
		break;
	}
	return 0;
}

enum err_code
report_add_lights(struct store *s, struct report *r, const struct cycle_settings *cycle, struct error *e)
{
	/* not with a document's tasks only: the lights are counted over all */
	if (!cycle || !cycle->on || r->plan || (r->by != REPORT_BY_DEPT && r->by != REPORT_BY_CHAPTER))
		return ERR_OK;
	r->lights = true;
	return store_light_counts_each(s, r->by == REPORT_BY_DEPT ? LIGHTS_BY_DEPT : LIGHTS_BY_CHAPTER, cycle,
	                               r->as_of[0] ? r->as_of : NULL, add_lights, r, e);
}

static void
group_free(struct report_group *g)
{
	free(g->key);
	free(g->name);
	free(g->label);
}

void
report_free(struct report *r)
{
	for (size_t i = 0; i < r->ngroups; i++)
		group_free(&r->groups[i]);
	free(r->groups);
	group_free(&r->total);
	free(r->plan);
	*r = (struct report){ 0 };
}

int report_progress_tenths(const struct report_group *g) { return model_percent_tenths(g->progress_sum, g->progress_n); }
int report_done_tenths(const struct report_group *g) { return model_percent_tenths(g->by_status[TS_DONE] * 100, g->tasks); }
int report_progress_percent(const struct report_group *g) { return model_percent(g->progress_sum, g->progress_n); }
int report_done_percent(const struct report_group *g) { return model_percent(g->by_status[TS_DONE] * 100, g->tasks); }

/* ---- tables -------------------------------------------------------------------- */

/* The grouping's column: key in JSON, header of the key and of the name. */
static void
group_headers(enum report_by by, const char **key, const char **key_header, const char **name_header)
{
	switch (by) {
	case REPORT_BY_DEPT:
		*key = "dept";
		*key_header = P_("report", "Department");
		*name_header = P_("report", "Full name");
		break;
	case REPORT_BY_CHAPTER:
		*key = "chapter";
		*key_header = P_("report", "Chapter");
		*name_header = P_("report", "Title");
		break;
	case REPORT_BY_YEAR:
		*key = "year";
		*key_header = P_("report", "Year");
		*name_header = P_("report by year", "Label");
		break;
	default:
		*key = "status";
		*key_header = P_("report", "Status");
		*name_header = P_("report by status", "Label");
		break;
	}
}

/* The number columns: JSON key, full header, short header for text (both
 * translated with i18n_cgettext). */
static const struct numcol {
	const char *key, *name, *short_name;
} numcols[] = {
	{ "tasks",           NP_("report", "Tasks"),           NP_("report column", "Tasks") },
	{ "not_started",     NP_("report", "Not started"),     NP_("report column", "Todo") },
	{ "in_progress",     NP_("report", "In progress"),     NP_("report column", "Doing") },
	{ "done",            NP_("report", "Done"),            NP_("report column", "Done") },
	{ "blocked",         NP_("report", "Blocked"),         NP_("report column", "Blkd") },
	{ "cancelled",       NP_("report", "Cancelled"),       NP_("report column", "Canc") },
	{ "late_tasks",      NP_("report", "Late tasks"),      NP_("report column", "Late") },
	{ "late_milestones", NP_("report", "Late milestones"), NP_("report column", "MsLate") },
	{ "progress",        NP_("report", "Progress %"),      NP_("report column", "Prog%") },
	{ "done_pct",        NP_("report", "Done %"),          NP_("report column", "Done%") },
	/* with the warning lights (report_add_lights); text heads them with their marks */
	{ "red",             NP_("report", "Red lights"),      NP_("report column", "!") },
	{ "yellow",          NP_("report", "Yellow lights"),   NP_("report column", "~") },
	{ "green",           NP_("report", "Green lights"),    NP_("report column", ".") },
	{ "closed",          NP_("report", "Closed"),          NP_("report column", "=") },
};
enum { NUMCOLS = sizeof numcols / sizeof numcols[0], COL_PROGRESS = 8, COL_DONE_PCT = 9, COL_LIGHTS = 10 };

/* The number columns r has: the lights' only when counted. */
static int
ncols(const struct report *r)
{
	return r->lights ? NUMCOLS : COL_LIGHTS;
}

/* The figures of g as strings: whole numbers, percentages with one decimal
 * (text: none); "" (text: "-") when the group has no tasks. */
static void
figures(const struct report_group *g, bool text, char out[NUMCOLS][24])
{
	long long v[8] = { g->tasks, g->by_status[TS_NOT_STARTED], g->by_status[TS_IN_PROGRESS], g->by_status[TS_DONE],
	                   g->by_status[TS_BLOCKED], g->by_status[TS_CANCELLED], g->late_tasks, g->late_milestones };
	for (int i = 0; i < 8; i++)
		snprintf(out[i], 24, "%lld", v[i]);
	/* Text: whole percents (not the tenths rounded again: 60.45 is 60). */
	int pct[2] = { text ? report_progress_percent(g) : report_progress_tenths(g),
	               text ? report_done_percent(g) : report_done_tenths(g) };
	for (int i = 0; i < 2; i++) {
		char *o = out[COL_PROGRESS + i];
		if (pct[i] < 0)
			snprintf(o, 24, "%s", text ? "-" : "");
		else if (text)
			snprintf(o, 24, "%d", pct[i]);
		else
			snprintf(o, 24, "%d.%d", pct[i] / 10, pct[i] % 10);
	}
	static const enum cycle_light order[] = { CYCLE_LIGHT_RED, CYCLE_LIGHT_YELLOW, CYCLE_LIGHT_GREEN, CYCLE_LIGHT_CLOSED };
	for (int i = 0; i < 4; i++)
		snprintf(out[COL_LIGHTS + i], 24, "%lld", g->lights[order[i]]);
}

static void
machine_row(struct table *t, const struct report *r, const struct report_group *g, enum table_format fmt)
{
	char f[NUMCOLS][24];
	figures(g, false, f);
	table_row(t);
	table_cell(t, report_group_key(r, g, fmt != FMT_MD));
	table_cell(t, g->name);
	for (int i = 0; i < ncols(r); i++)
		table_cell(t, f[i]);
}

/* Text: the label in width cols on one row, or two (the second cut). */
static void
text_rows(struct table *t, const char *label, int cols, char f[NUMCOLS][24], int nf)
{
	char **lines;
	size_t n = text_wrap(label, cols, &lines);
	table_row(t);
	table_cell(t, lines[0]);
	for (int i = 0; i < nf; i++)
		table_cell(t, f[i]);
	if (n > 1) {
		char *rest = xstrdup(lines[1]);
		for (size_t i = 2; i < n; i++) {
			char *p = xasprintf("%s %s", rest, lines[i]);
			free(rest);
			rest = p;
		}
		char *cut = text_trunc(rest, cols);
		table_row(t);
		table_cell(t, cut);
		free(cut);
		free(rest);
	}
	text_lines_free(lines, n);
}

static struct table *
text_table(const struct report *r, int width)
{
	const char *key, *key_header, *name_header;
	group_headers(r->by, &key, &key_header, &name_header);
	/* The number columns take what their headers and figures need. */
	int w[NUMCOLS], nf = ncols(r);
	char f[NUMCOLS][24];
	for (int i = 0; i < nf; i++)
		w[i] = text_width(i18n_cgettext(numcols[i].short_name));
	for (size_t gi = 0; gi <= r->ngroups; gi++) {
		figures(gi < r->ngroups ? &r->groups[gi] : &r->total, true, f);
		for (int i = 0; i < nf; i++)
			if ((int)strlen(f[i]) > w[i])
				w[i] = (int)strlen(f[i]);
	}
	int used = 2 * nf;
	for (int i = 0; i < nf; i++)
		used += w[i];
	int cols = width > 0 ? width - used : INT_MAX;
	int widest = text_width(key_header);
	for (size_t gi = 0; gi <= r->ngroups; gi++) {
		int lw = text_width(gi < r->ngroups ? r->groups[gi].label : r->total.label);
		if (lw > widest)
			widest = lw;
	}
	if (cols > widest)
		cols = widest;
	if (cols < 8)
		cols = 8;

	struct table *t = table_new();
	table_col(t, key, key_header, 0, cols);
	for (int i = 0; i < nf; i++)
		table_col(t, numcols[i].key, i18n_cgettext(numcols[i].short_name), TABLE_RIGHT, 0);
	for (size_t gi = 0; gi < r->ngroups; gi++) {
		figures(&r->groups[gi], true, f);
		text_rows(t, r->groups[gi].label, cols, f, nf);
	}
	/* A rule above the total. */
	table_row(t);
	char *rule = xmalloc((size_t)cols + 1);
	memset(rule, '-', (size_t)cols);
	rule[cols] = '\0';
	table_cell(t, rule);
	free(rule);
	for (int i = 0; i < nf; i++) {
		char *d = xmalloc((size_t)w[i] + 1);
		memset(d, '-', (size_t)w[i]);
		d[w[i]] = '\0';
		table_cell(t, d);
		free(d);
	}
	figures(&r->total, true, f);
	text_rows(t, r->total.label, cols, f, nf);
	return t;
}

struct table *
report_table(const struct report *r, enum table_format fmt, int width)
{
	if (fmt == FMT_TEXT)
		return text_table(r, width);
	const char *key, *key_header, *name_header;
	group_headers(r->by, &key, &key_header, &name_header);
	/* CSV names its columns as JSON does; Markdown is for reading. */
	bool keys = fmt != FMT_MD;
	struct table *t = table_new();
	table_col(t, key, keys ? key : key_header, r->by == REPORT_BY_CHAPTER || r->by == REPORT_BY_YEAR ? TABLE_NUMBER : 0, 0);
	table_col(t, "name", keys ? "name" : name_header, 0, 0);
	for (int i = 0; i < ncols(r); i++)
		table_col(t, numcols[i].key, keys ? numcols[i].key : i18n_cgettext(numcols[i].name),
		          TABLE_NUMBER | TABLE_RIGHT, 0);
	for (size_t i = 0; i < r->ngroups; i++)
		machine_row(t, r, &r->groups[i], fmt);
	if (fmt != FMT_JSON)
		machine_row(t, r, &r->total, fmt);
	return t;
}

/* A heading for the report: "Progress by department as of 2023-06-30". */
static char *
report_title(const struct report *r)
{
	return xasprintf(_("Progress by %s as of %s%s%s"), report_by_label(r->by), r->as_of,
	                 r->plan ? _(", plan ") : "", r->plan ? r->plan : "");
}

/* A text table without the spaces table.c pads its last cells with (the
 * continuation rows of wrapped names are mostly empty). */
static int
print_text_table(const struct table *t, FILE *out, int width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return table_print(t, out, FMT_TEXT, width, false);
	int rc = table_print(t, m, FMT_TEXT, width, false);
	if (fclose(m) != 0)
		rc = -1;
	for (char *line = buf, *nl; !rc && line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		while (n > 0 && line[n - 1] == ' ')
			n--;
		fwrite(line, 1, n, out);
		fputc('\n', out);
	}
	free(buf);
	return rc;
}

/* A demo database's output says so, in every format a person reads
 * (text, Markdown, the workbook); JSON has "demo": true; CSV keeps the
 * shape a program expects. */
static const char *
demo_banner(enum table_format fmt, bool demo)
{
	if (!demo)
		return NULL;
	if (fmt == FMT_TEXT)
		return _("DEMO: simulated statuses, not the real plan's\n");
	if (fmt == FMT_MD)
		return _("> DEMO: simulated statuses, not the real plan's\n\n");
	return NULL;
}

static void
demo_label(FILE *out, enum table_format fmt, bool demo)
{
	const char *b = demo_banner(fmt, demo);
	if (b)
		fputs(b, out);
}

static void
print_wrapped(FILE *out, const char *s, int width)
{
	if (width <= 0) {
		fprintf(out, "%s\n", s);
		return;
	}
	char **lines;
	size_t n = text_wrap(s, width, &lines);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s\n", lines[i]);
	text_lines_free(lines, n);
}

/* JSON: {"report": ..., "groups": [...], "total": {...}}; the groups through
 * table.c, the total with the same keys. */
static void
print_json(const struct report *r, FILE *out)
{
	fputs(r->demo ? "{\"report\": \"progress\", \"demo\": true, \"by\": " : "{\"report\": \"progress\", \"by\": ", out);
	table_json_string(out, report_by_name(r->by));
	fputs(", \"as_of\": ", out);
	table_json_string(out, r->as_of);
	fputs(", \"plan\": ", out);
	if (r->plan)
		table_json_string(out, r->plan);
	else
		fputs("null", out);
	fputs(",\n\"groups\": ", out);
	struct table *t = report_table(r, FMT_JSON, 0);
	table_print(t, out, FMT_JSON, 0, false);
	table_free(t);
	char f[NUMCOLS][24];
	figures(&r->total, false, f);
	fputs(", \"total\": {", out);
	for (int i = 0; i < ncols(r); i++)
		fprintf(out, "%s\"%s\": %s", i ? ", " : "", numcols[i].key, f[i][0] ? f[i] : "null");
	fputs("}}\n", out);
}

int
report_print(const struct report *r, FILE *out, enum table_format fmt, int width, bool bom)
{
	demo_label(out, fmt, r->demo);
	if (fmt == FMT_JSON) {
		print_json(r, out);
		return ferror(out) ? -1 : 0;
	}
	struct table *t = report_table(r, fmt, width);
	char *title = fmt == FMT_TEXT || fmt == FMT_MD ? report_title(r) : NULL;
	if (fmt == FMT_TEXT)
		print_wrapped(out, title, width);
	else if (fmt == FMT_MD)
		fprintf(out, "## %s\n\n", title);
	int rc = fmt == FMT_TEXT ? print_text_table(t, out, 0) : table_print(t, out, fmt, width, bom);
	if (fmt == FMT_TEXT) {
		fputc('\n', out);
		print_wrapped(out, _(
			"Todo: not started; Doing: in progress; Blkd: blocked; Canc: cancelled; "
			"Late: tasks past their due date, neither done nor cancelled; MsLate: roadmap milestones whose "
			"period has ended, still pending; Prog%: mean progress of the tasks not cancelled; Done%: done / tasks."), width);
		if (r->lights)
			print_wrapped(out, _("Warning lights: ! red, ~ yellow, . green, = closed (verified or cancelled)."),
			              width);
	}
	free(title);
	table_free(t);
	return rc || ferror(out) ? -1 : 0;
}

/* ---- late work ------------------------------------------------------------------ */

struct late_ctx {
	struct late_list *l;
	size_t cap;
};

static int
add_late(const struct late_row *row, void *ctx)
{
	struct late_ctx *x = ctx;
	struct late_list *l = x->l;
	/* The store's query selects by the same rule; the model has the last word. */
	if (row->milestone ? !model_milestone_late(row->year, row->quarter, row->status, l->as_of)
	                   : !model_task_late(row->due, row->status, l->as_of))
		return 0;
	if (l->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 32;
		l->items = xrealloc(l->items, sizeof *l->items * x->cap);
	}
	struct late_item *it = &l->items[l->n++];
	*it = (struct late_item){
		.milestone = row->milestone, .code = xstrdup(row->code), .title = xstrdup(row->title ? row->title : ""),
		.lead = row->lead_short ? xstrdup(row->lead_short) : NULL, .due = xstrdup(row->due),
		.status = xstrdup(row->status), .days = model_days_between(row->due, l->as_of),
	};
	if (row->milestone) {
		it->period = row->quarter ? xasprintf("%d Q%d", row->year, row->quarter) : xasprintf("%d", row->year);
		it->target = xstrdup(row->target ? row->target : "");
		l->nmilestones++;
	} else {
		l->ntasks++;
	}
	return 0;
}

enum err_code
late_build(struct store *s, const char *as_of, const char *plan, struct late_list *l, struct error *e)
{
	*l = (struct late_list){ .plan = plan ? xstrdup(plan) : NULL, .demo = store_is_demo(s) };
	snprintf(l->as_of, sizeof l->as_of, "%s", as_of ? as_of : "");
	struct late_ctx x = { .l = l };
	return store_late_each(s, as_of, plan, add_late, &x, e);
}

void
late_free(struct late_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct late_item *it = &l->items[i];
		free(it->code);
		free(it->title);
		free(it->lead);
		free(it->due);
		free(it->period);
		free(it->target);
		free(it->status);
	}
	free(l->items);
	free(l->plan);
	*l = (struct late_list){ 0 };
}

/* One line of the list, from a late_item or straight from the store. */
struct late_view {
	bool milestone;
	const char *code, *title, *lead, *due, *period, *target, *status;
	int days;
};

static void
late_cols(struct table *t, enum table_format fmt)
{
	if (fmt == FMT_TEXT) {
		/* The hints: room for what the first page of a terminal may not
		 * show (the list is oldest first, so the days only go down). */
		table_col(t, "code", P_("late", "Code"), TABLE_KEEP, 0);
		table_col(t, "what", P_("late", "What"), 0, 0);
		table_hint(t, P_("late", "task"));
		table_hint(t, "0000 Q0");
		table_col(t, "lead", P_("late", "Lead"), TABLE_SHRINK, 16);
		table_col(t, "due", P_("late", "Due"), 0, 0);
		table_hint(t, "0000-00-00");
		table_col(t, "days_late", P_("late", "Days"), TABLE_RIGHT, 0);
		table_col(t, "status", P_("late", "Status"), 0, 0);
		for (int i = 0; i < TS_COUNT; i++)
			table_hint(t, task_status_label((enum task_status)i));
		for (int i = 0; i < MS_COUNT; i++)
			table_hint(t, milestone_status_label((enum milestone_status)i));
		table_col(t, "title", P_("late", "Task / milestone"), TABLE_SHRINK, 0);
		return;
	}
	bool md = fmt == FMT_MD;   /* CSV names its columns as JSON does */
	table_col(t, "kind", md ? P_("late list", "Kind") : "kind", 0, 0);
	table_col(t, "code", md ? P_("late list", "Code") : "code", 0, 0);
	table_col(t, "title", md ? P_("late list", "Title") : "title", 0, 0);
	table_col(t, "lead", md ? P_("late list", "Lead department") : "lead", 0, 0);
	table_col(t, "due", md ? P_("late list", "Due") : "due", 0, 0);
	table_col(t, "days_late", md ? P_("late list", "Days late") : "days_late", TABLE_NUMBER | TABLE_RIGHT, 0);
	table_col(t, "status", md ? P_("late list", "Status") : "status", 0, 0);
	table_col(t, "period", md ? P_("late list", "Milestone period") : "period", 0, 0);
	table_col(t, "target", md ? P_("late list", "Milestone target") : "target", 0, 0);
}

static void
late_cells(struct table *t, enum table_format fmt, const struct late_view *v)
{
	table_row(t);
	if (fmt == FMT_TEXT) {
		table_cell(t, v->code);
		table_cell(t, v->milestone ? v->period : P_("late", "task"));
		table_cell(t, v->lead ? v->lead : "-");
		table_cell(t, v->due);
		table_cellf(t, "%d", v->days);
		table_cell(t, v->milestone ? milestone_status_label_for(v->status) : task_status_label_for(v->status));
		if (v->milestone && v->target[0]) {
			char *s = xasprintf("%s: %s", v->title, v->target);
			table_cell(t, s);
			free(s);
		} else {
			table_cell(t, v->title);
		}
		return;
	}
	/* Markdown is for people: labels; CSV and JSON keep the keys. */
	bool md = fmt == FMT_MD;
	const char *kind = v->milestone ? "milestone" : "task";
	table_cell(t, md ? model_kind_label(kind) : kind);
	table_cell(t, v->code);
	table_cell(t, v->title);
	table_cell(t, v->lead);
	table_cell(t, v->due);
	table_cellf(t, "%d", v->days);
	table_cell(t, !md ? v->status : v->milestone ? milestone_status_label_for(v->status)
	                                             : task_status_label_for(v->status));
	table_cell(t, v->period);
	table_cell(t, v->target);
}

static void
late_item_cells(struct table *t, enum table_format fmt, const struct late_item *it)
{
	late_cells(t, fmt, &(struct late_view){
		.milestone = it->milestone, .code = it->code, .title = it->title, .lead = it->lead, .due = it->due,
		.period = it->period, .target = it->target, .status = it->status, .days = it->days });
}

struct table *
late_table(const struct late_list *l, enum table_format fmt, int width)
{
	(void)width;
	struct table *t = table_new();
	late_cols(t, fmt);
	for (size_t i = 0; i < l->n; i++)
		late_item_cells(t, fmt, &l->items[i]);
	return t;
}

/* Text and Markdown start with a title that counts the list. */
static void
late_title(FILE *out, enum table_format fmt, int width, const char *as_of, const char *plan, size_t ntasks,
           size_t nmilestones)
{
	if (fmt != FMT_TEXT && fmt != FMT_MD)
		return;
	char *tasks = xasprintf(ngettext("%zu task", "%zu tasks", (unsigned long)ntasks), ntasks);
	char *milestones = xasprintf(ngettext("%zu milestone", "%zu milestones", (unsigned long)nmilestones),
	                             nmilestones);
	char *title = xasprintf(_("Late as of %s: %s, %s%s%s"), as_of, tasks, milestones,
	                        plan ? _("; plan ") : "", plan ? plan : "");
	free(tasks);
	free(milestones);
	if (fmt == FMT_MD)
		fprintf(out, "## %s\n\n", title);
	else
		print_wrapped(out, title, width);
	free(title);
}

/* How the list's table prints: text without the spaces at line ends. */
static void
late_stream_to(struct table *t, FILE *out, enum table_format fmt, int width, bool bom, int page)
{
	table_stream(t, &(struct table_out){ .out = out, .fmt = fmt, .width = width, .bom = bom,
	                                     .trim = fmt == FMT_TEXT, .page = page });
}

/* End the list's table and free it; text with no rows has no table at all
 * (nothing of it was printed: held rows are printed at table_end). */
static int
late_end(struct table *t, enum table_format fmt)
{
	int rc = fmt != FMT_TEXT || table_rows(t) > 0 ? table_end(t) : 0;
	table_free(t);
	return rc;
}

int
late_print(const struct late_list *l, FILE *out, enum table_format fmt, int width, bool bom)
{
	demo_label(out, fmt, l->demo);
	late_title(out, fmt, width, l->as_of, l->plan, l->ntasks, l->nmilestones);
	struct table *t = table_new();
	late_cols(t, fmt);
	late_stream_to(t, out, fmt, width, bom, 0);
	for (size_t i = 0; i < l->n; i++)
		late_item_cells(t, fmt, &l->items[i]);
	int rc = late_end(t, fmt);
	return rc || ferror(out) ? -1 : 0;
}

/* ---- late work, streamed ------------------------------------------------------- */

struct stream_ctx {
	struct table *t;
	enum table_format fmt;
	const char *as_of;
	size_t ntasks, nmilestones;
	FILE *out;
	const char *banner;      /* printed before the first row when not NULL */
};

static int
stream_late(const struct late_row *row, void *ctx)
{
	struct stream_ctx *x = ctx;
	/* The same rule as add_late's. */
	if (row->milestone ? !model_milestone_late(row->year, row->quarter, row->status, x->as_of)
	                   : !model_task_late(row->due, row->status, x->as_of))
		return 0;
	if (x->banner) {
		fputs(x->banner, x->out);
		x->banner = NULL;
	}
	char period[32] = "";
	if (row->milestone && row->quarter)
		snprintf(period, sizeof period, "%d Q%d", row->year, row->quarter);
	else if (row->milestone)
		snprintf(period, sizeof period, "%d", row->year);
	late_cells(x->t, x->fmt, &(struct late_view){
		.milestone = row->milestone, .code = row->code, .title = row->title ? row->title : "",
		.lead = row->lead_short, .due = row->due, .period = row->milestone ? period : NULL,
		.target = row->milestone ? (row->target ? row->target : "") : NULL, .status = row->status,
		.days = model_days_between(row->due, x->as_of) });
	if (row->milestone)
		x->nmilestones++;
	else
		x->ntasks++;
	return 0;
}

/* The late list from the store to out, row by row, as late_build and
 * late_print would print it. CSV and JSON print each row as it comes.
 * Text and Markdown start with a title that counts the list: on a
 * terminal the counts come first from the report's totals (the same rule,
 * tests/unit/test_report.c), and the rows follow as they come, text sized
 * from its first page; elsewhere the rows are held, counted, and printed
 * after the title, byte for byte as late_print prints them. banner (text)
 * goes first once the query has found the plan document. */
enum err_code
late_stream(struct store *s, const char *as_of, const char *plan, FILE *out, enum table_format fmt, int width,
            bool bom, struct error *e)
{
	const char *banner = demo_banner(fmt, store_is_demo(s));
	bool titled = fmt == FMT_TEXT || fmt == FMT_MD;
	int page = table_page(out, fmt);
	if (fmt == FMT_MD && !isatty(fileno(out)))
		page = 0;
	struct stream_ctx x = { .t = table_new(), .fmt = fmt, .as_of = as_of, .out = out, .banner = banner };
	if (titled && page > 0) {
		struct report r;
		enum err_code c = report_build(s, REPORT_BY_STATUS, as_of, plan, &r, e);
		if (c) {
			report_free(&r);
			table_free(x.t);
			return c;
		}
		if (banner)
			fputs(banner, out);
		x.banner = NULL;
		late_title(out, fmt, width, as_of, plan, (size_t)r.total.late_tasks, (size_t)r.total.late_milestones);
		report_free(&r);
	}
	late_cols(x.t, fmt);
	late_stream_to(x.t, out, fmt, width, bom, page);
	enum err_code c = store_late_each(s, as_of, plan, stream_late, &x, e);
	if (c) {
		table_free(x.t);
		return c;
	}
	if (x.banner)
		fputs(x.banner, out);
	if (titled && page == 0)
		late_title(out, fmt, width, as_of, plan, x.ntasks, x.nmilestones);
	late_end(x.t, fmt);
	return ERR_OK;
}

/* ---- files ------------------------------------------------------------------------ */

/* The workbook's messages name the scratch file: name path instead. */
static void
name_path(struct error *e, enum err_code c, const char *scratch, const char *path)
{
	char *m = xstrdup(e->msg);
	size_t n = strlen(scratch);
	if (!strncmp(m, scratch, n))
		err_set(e, c, "%s%s", path, m + n);
	free(m);
}

enum err_code
report_save(const struct report *r, const char *path, int fmt, bool bom, struct error *e)
{
	struct output *o;
	enum err_code c = output_open(&o, path, fmt == FMT_XLSX ? OUTPUT_BY_NAME : 0, e);
	if (c)
		return c;
	if (fmt == FMT_XLSX) {
		if ((c = report_write_xlsx(r, output_scratch(o), e)))
			name_path(e, c, output_scratch(o), path);
	} else if (report_print(r, output_stream(o), (enum table_format)fmt, 0, bom) != 0) {
		c = err_set(e, ERR_IO, _("%s: cannot write: %s"), path, strerror(errno ? errno : EIO));
	}
	if (c) {
		output_abort(o);
		return c;
	}
	return output_commit(o, e);
}

enum err_code
late_save(const struct late_list *l, const char *path, int fmt, bool bom, struct error *e)
{
	if (fmt == FMT_XLSX)
		return err_set(e, ERR_USAGE, _("the late list is written as text, csv, json or md, not xlsx"));
	struct output *o;
	enum err_code c = output_open(&o, path, 0, e);
	if (c)
		return c;
	if (late_print(l, output_stream(o), (enum table_format)fmt, 0, bom) != 0) {
		c = err_set(e, ERR_IO, _("%s: cannot write: %s"), path, strerror(errno ? errno : EIO));
		output_abort(o);
		return c;
	}
	return output_commit(o, e);
}

int
report_format_for_path(const char *path)
{
	static const struct { const char *ext; int fmt; } exts[] = {
		{ ".txt", FMT_TEXT }, { ".csv", FMT_CSV }, { ".json", FMT_JSON }, { ".md", FMT_MD }, { ".xlsx", FMT_XLSX },
	};
	size_t n = path ? strlen(path) : 0;
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t m = strlen(exts[i].ext);
		if (n > m && !strcasecmp(path + n - m, exts[i].ext))
			return exts[i].fmt;
	}
	return -1;
}
