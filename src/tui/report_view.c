/* report_view: the progress report (plancon report) as a view: one row per
 * department, chapter, year or status (b switches), with the figures and
 * a bar of the mean progress, the total last; the detail pane has every
 * figure of the row. e writes the report to a file, asking for its name
 * with a dated one suggested; the extension picks the format.
 *
 * The report is built by one aggregate query (report_build) and held in
 * memory: a few dozen rows, whatever the size of the plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arraysrc.h"
#include "draw.h"
#include "prompt.h"
#include "theme.h"
#include "tui.h"
#include "plancon/output.h"
#include "plancon/report.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

struct report_view {
	struct view v;
	struct report r;
	enum report_by by;
	int name_w;
	bool wide;                 /* room for the status columns */
	struct arraysrc rows;
};

static const char *const by_label[] = {
	NP_("report view", "by department"), NP_("report view", "by chapter"), NP_("report view", "by year"),
	NP_("report view", "by status"),
};

/* Row key i + 1 is group i; the total is the last key. */
static const struct report_group *
group_at(const struct report_view *p, long long key)
{
	if (key >= 1 && (size_t)key <= p->r.ngroups)
		return &p->r.groups[key - 1];
	return &p->r.total;
}

static void
load(struct report_view *p)
{
	struct app *a = p->v.app;
	report_free(&p->r);
	struct error e;
	err_clear(&e);
	if (report_build(a->store, p->by, a->as_of, NULL, &p->r, &e))
		app_error(a, &e);
	free(p->v.label);
	p->v.label = xasprintf(_("Report %s"), i18n_cgettext(by_label[p->by]));
}

/* ---- the rows: the groups and the total ------------------------------------------ */

static long long
rep_count(void *ctx)
{
	return (long long)((struct report_view *)ctx)->r.ngroups + 1;
}

static void *
rep_item(void *ctx, long long i)
{
	return (void *)group_at(ctx, i + 1);
}

static bool
rep_matches(void *ctx, long long i, const char *text)
{
	const struct report_group *g = group_at(ctx, i + 1);
	return draw_matches(g->label, text) || draw_matches(g->name, text);
}

static void
rep_load(void *ctx)
{
	load(ctx);
}

/* ---- drawing ---------------------------------------------------------------------- */

/* The number columns: header, width, and which figure (a status, or -1
 * tasks, -2 late tasks, -3 late milestones). The status columns go when
 * the name would get fewer than 16 cells. */
static const struct numcol {
	const char *head;
	int w, what;
	bool status;
} numcols[] = {
	{ NP_("report column", "Tasks"), 6, -1, false },
	{ NP_("report column", "Todo"), 5, TS_NOT_STARTED, true }, { NP_("report column", "Doing"), 6, TS_IN_PROGRESS, true },
	{ NP_("report column", "Done"), 5, TS_DONE, true }, { NP_("report column", "Blkd"), 5, TS_BLOCKED, true },
	{ NP_("report column", "Canc"), 5, TS_CANCELLED, true },
	{ NP_("report column", "Late"), 5, -2, false }, { NP_("report column", "MsLate"), 7, -3, false },
};
enum { NNUM = sizeof numcols / sizeof numcols[0], BAR_W = 8, PCT_W = 5 };

static void
rep_header(struct view *v, WINDOW *w, int width)
{
	struct report_view *p = (struct report_view *)v;
	attr_t h = theme_attr(THEME_HEADER);
	int all = 1 + BAR_W + PCT_W, status = 0;
	for (int i = 0; i < NNUM; i++)
		*(numcols[i].status ? &status : &all) += numcols[i].w;
	p->wide = width - 1 - all - status >= 16;
	p->name_w = width - 1 - all - (p->wide ? status : 0);
	static const char *const names[] = {
		NP_("report", "Department"), NP_("report", "Chapter"), NP_("report", "Year"), NP_("report", "Status"),
	};
	draw_blank(w, 0, 0, width, h);
	draw_text(w, 0, 1, p->name_w, i18n_cgettext(names[p->by]), h, false);
	int x = 1 + p->name_w;
	for (int i = 0; i < NNUM; i++) {
		if (numcols[i].status && !p->wide)
			continue;
		draw_text_right(w, 0, x, numcols[i].w, i18n_cgettext(numcols[i].head), h);
		x += numcols[i].w;
	}
	draw_text(w, 0, x + 1, BAR_W + PCT_W, _("Progress"), h, false);
}

static void
rep_row(struct view *v, WINDOW *w, int y, int width, const struct list_row *r, bool cursor)
{
	struct report_view *p = (struct report_view *)v;
	const struct report_group *g = r->data;
	bool total = g == &p->r.total;
	attr_t base = cursor ? theme_attr(THEME_CURSOR) : total ? A_BOLD : A_NORMAL;
	draw_blank(w, y, 0, width, base);
	draw_text_hl(w, y, 1, p->name_w - 1, g->label, base, v->app->search, theme_attr(THEME_MATCH), true);
	int x = 1 + p->name_w;
	for (int i = 0; i < NNUM; i++) {
		const struct numcol *c = &numcols[i];
		if (c->status && !p->wide)
			continue;
		long long n = c->what >= 0 ? g->by_status[c->what] : c->what == -1 ? g->tasks :
		              c->what == -2 ? g->late_tasks : g->late_milestones;
		char s[32];
		snprintf(s, sizeof s, "%lld", n);
		draw_text_right(w, y, x, c->w, s, c->what < -1 && n && !cursor ? theme_attr(THEME_LATE) : base);
		x += c->w;
	}
	x++;
	if (!g->tasks) {
		draw_text(w, y, x, BAR_W + PCT_W, _("no tasks"), cursor ? base : theme_attr(THEME_DIM), true);
		return;
	}
	int tenths = report_progress_tenths(g), pct = report_progress_percent(g);
	draw_bar(w, y, x, BAR_W, tenths < 0 ? 0 : tenths / 1000.0, cursor ? base : theme_attr(THEME_BAR), base);
	char s[16];
	snprintf(s, sizeof s, pct < 0 ? "-" : "%d%%", pct);
	draw_text_right(w, y, x + BAR_W, PCT_W, s, base);
}

static char *
pct_text(int tenths)
{
	return tenths < 0 ? xstrdup("-") : xasprintf("%d.%d %%", tenths / 10, tenths % 10);
}

enum { LABEL_W = 17 };

static void
field(struct detail *d, const char *label, const char *value, attr_t attr)
{
	detail_columns(d, label, LABEL_W, value, attr);
}

static void
fieldn(struct detail *d, const char *label, long long n, attr_t attr)
{
	char s[32];
	snprintf(s, sizeof s, "%lld", n);
	field(d, label, s, attr);
}

static void
rep_detail(struct view *v, const struct list_row *r, struct detail *d)
{
	struct report_view *p = (struct report_view *)v;
	const struct report_group *g = r->data;
	detail_text(d, A_BOLD, g->label);
	if (g->name && strcmp(g->name, g->label) && p->by != REPORT_BY_CHAPTER)
		detail_text(d, A_NORMAL, g->name);
	field(d, _("As of"), p->r.as_of, A_NORMAL);
	fieldn(d, _("Tasks"), g->tasks, A_NORMAL);
	for (int i = 0; i < TS_COUNT; i++)
		fieldn(d, task_status_label((enum task_status)i), g->by_status[i], A_NORMAL);
	fieldn(d, P_("report", "Late tasks"), g->late_tasks, g->late_tasks ? theme_attr(THEME_LATE) : A_NORMAL);
	fieldn(d, P_("report", "Late milestones"), g->late_milestones, g->late_milestones ? theme_attr(THEME_LATE) : A_NORMAL);
	char *s = pct_text(report_progress_tenths(g));
	field(d, _("Mean progress"), s, A_NORMAL);
	free(s);
	char *pct = pct_text(report_done_tenths(g));
	s = xasprintf(_("%lld of %lld (%s)"), g->by_status[TS_DONE], g->tasks, pct);
	field(d, _("Done"), s, A_NORMAL);
	free(s);
	free(pct);
	detail_blank(d);
	detail_text(d, theme_attr(THEME_DIM), output_files_forbidden()
	            ? _("b: group by department, chapter, year or status; e: how to get this report as a file")
	            : _("b: group by department, chapter, year or status; e: export to a file"));
}

static bool
rep_search(struct view *v, const char *text, bool backward, bool inclusive)
{
	return arraysrc_search(v, &((struct report_view *)v)->rows, text, backward, inclusive);
}

/* ---- export: a file name on the status line ---------------------------------------- */

struct export_modal {
	struct modal m;
	struct prompt p;
	struct report_view *view;
};

static bool
export_key(struct modal *m, struct app *a, int key)
{
	struct export_modal *x = (struct export_modal *)m;
	enum prompt_result r = prompt_key(&x->p, key);
	if (r == PROMPT_CANCEL) {
		app_message(a, A_NORMAL, _("not exported"));
		return true;
	}
	if (r != PROMPT_ACCEPT)
		return false;
	char *path = prompt_text(&x->p);
	int fmt = report_format_for_path(path);
	bool done = true;
	if (!*path) {
		app_message(a, A_NORMAL, _("not exported"));
	} else if (fmt < 0) {
		app_message(a, theme_attr(THEME_LATE), _("use .xlsx, .csv, .json, .md or .txt"));
		done = false;
	} else {
		struct error e;
		err_clear(&e);
		if (report_save(&x->view->r, path, fmt, false, &e)) {
			app_error(a, &e);
			done = false;
		} else {
			app_message(a, A_NORMAL, _("exported to %s"), path);
		}
	}
	free(path);
	return done;
}

static void
export_draw(struct modal *m, struct app *a)
{
	struct export_modal *x = (struct export_modal *)m;
	attr_t st = theme_attr(THEME_STATUS);
	const char *label = _("Export to: ");
	int lw = text_width(label);
	draw_blank(a->status, 0, 0, a->cols, st);
	draw_text(a->status, 0, 0, lw, label, st | A_BOLD, false);
	/* A short message at the right; a longer one above the line. */
	int mw = a->msg[0] ? text_width(a->msg) + 2 : 0;
	if (!message_status(a, a->cols - mw, mw > a->cols / 2 ? 0 : mw - 1))
		mw = 0;
	prompt_draw(&x->p, a->status, 0, lw, a->cols - lw - 1 - mw, st);
	wnoutrefresh(a->status);
}

static void
export_free(struct modal *m)
{
	struct export_modal *x = (struct export_modal *)m;
	prompt_free(&x->p);
	free(x);
}

static const struct modal_ops export_ops = { .key = export_key, .draw = export_draw, .free = export_free };

static int
rep_key(struct view *v, enum tui_act act, int key)
{
	struct report_view *p = (struct report_view *)v;
	(void)key;
	if (act == TUI_ACT_GROUPING) {
		p->by = (enum report_by)((p->by + 1) % 4);
		arraysrc_rebuild(v, &p->rows);
		app_message(v->app, A_NORMAL, _("report %s"), i18n_cgettext(by_label[p->by]));
		return TUI_HANDLED;
	}
	if (act == TUI_ACT_EXPORT && output_files_forbidden()) {
		/* output.h would refuse the file anyway: say so before a name is typed. */
		app_message(v->app, A_NORMAL, _("Over SSH the console writes no file on the server. Get this report "
		            "on your side with: ssh ... report --by %s --format xlsx > report.xlsx"), report_by_name(p->by));
		return TUI_HANDLED;
	}
	if (act == TUI_ACT_EXPORT) {
		struct export_modal *x = xcalloc(1, sizeof *x);
		x->m.ops = &export_ops;
		x->view = p;
		char *name = xasprintf("progress-%s-%s.xlsx", report_by_name(p->by), p->r.as_of);
		prompt_init(&x->p, name, 0);
		free(name);
		app_modal(v->app, &x->m);
		return TUI_HANDLED;
	}
	if (act == TUI_ACT_OPEN) {
		app_message(v->app, A_NORMAL, _("b groups the report differently; e exports it"));
		return TUI_HANDLED;
	}
	return 0;
}

/* ---- life --------------------------------------------------------------------------------- */

static struct view *
rep_open(struct app *a, const void *arg)
{
	(void)arg;
	struct report_view *p = xcalloc(1, sizeof *p);
	p->by = REPORT_BY_DEPT;
	p->rows = (struct arraysrc){ .ctx = p, .count = rep_count, .item = rep_item, .matches = rep_matches,
	                             .load = rep_load };
	arraysrc_open(&p->v, &report_view_ops, a, &p->rows);
	p->v.header_rows = 1;
	return &p->v;
}

static void
rep_reload(struct view *v)
{
	arraysrc_reload(v, &((struct report_view *)v)->rows);
}

static void
rep_close(struct view *v)
{
	struct report_view *p = (struct report_view *)v;
	view_fini(v);
	report_free(&p->r);
	free(p);
}

const struct view_ops report_view_ops = {
	.id = VIEW_REPORT,
	.name = N_("Report"),
	.open = rep_open,
	.close = rep_close,
	.reload = rep_reload,
	.draw_header = rep_header,
	.draw_row = rep_row,
	.detail = rep_detail,
	.key = rep_key,
	.search = rep_search,
	.has_detail = true,
};
