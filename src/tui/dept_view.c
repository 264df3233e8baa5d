/* dept_view: every department with its lead tasks counted by status, how
 * many are late, and a progress bar. Enter opens the department's tasks.
 * Departments are few (tens), so the view holds them all. */
#include <stdlib.h>
#include <string.h>

#include "arraysrc.h"
#include "draw.h"
#include "taskrow.h"
#include "theme.h"
#include "tui.h"
#include "plancon/model.h"
#include "plancon/store_plan.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

struct dept {
	long long id;
	char *short_name, *name;
	int n_lead, n_coop, by_status[TS_COUNT], n_late;
	int pct;                   /* mean progress of its lead tasks (model_percent); -1: none */
};

struct depts {
	struct view v;
	struct dept *d;
	int n, cap;
	int name_w;                /* columns, set by the header */
	struct arraysrc rows;
};

static int
dept_load_cb(const struct dept_row *r, void *ctx)
{
	struct depts *p = ctx;
	if (p->n == p->cap) {
		p->cap = p->cap * 2 + 16;
		p->d = xrealloc(p->d, (size_t)p->cap * sizeof *p->d);
	}
	struct dept *d = &p->d[p->n++];
	*d = (struct dept){ .id = r->id, .short_name = xstrdup(r->short_name), .name = xstrdup(r->name),
	                    .n_lead = r->n_lead, .n_coop = r->n_coop, .n_late = r->n_late,
	                    .pct = model_percent(r->progress_sum, r->progress_n) };
	for (int i = 0; i < TS_COUNT && i < 5; i++)
		d->by_status[i] = r->by_status[i];
	return 0;
}

static void
free_depts(struct depts *p)
{
	for (int i = 0; i < p->n; i++) {
		free(p->d[i].short_name);
		free(p->d[i].name);
	}
	p->n = 0;
}

static void
load(struct depts *p)
{
	free_depts(p);
	struct error e;
	err_clear(&e);
	if (store_depts_each(p->v.app->store, p->v.app->as_of, dept_load_cb, p, &e))
		app_error(p->v.app, &e);
}

/* ---- the rows: the array ------------------------------------------------- */

static long long
dept_count(void *ctx)
{
	return ((struct depts *)ctx)->n;
}

static void *
dept_item(void *ctx, long long i)
{
	return &((struct depts *)ctx)->d[i];
}

static bool
dept_matches(void *ctx, long long i, const char *text)
{
	const struct dept *d = &((struct depts *)ctx)->d[i];
	return draw_matches(d->short_name, text) || draw_matches(d->name, text);
}

static void
dept_load(void *ctx)
{
	load(ctx);
}

static const struct dept *
current(struct depts *p)
{
	const struct list_row *r = list_current(&p->v.list);
	return r && !r->pos.header && r->pos.key >= 1 && r->pos.key <= p->n ? &p->d[r->pos.key - 1] : NULL;
}

/* ---- drawing ------------------------------------------------------------------ */

enum { NUM_W = 5, BAR_W = 12, PCT_W = 5 };

static void
dept_header(struct view *v, WINDOW *w, int width)
{
	struct depts *p = (struct depts *)v;
	attr_t h = theme_attr(THEME_HEADER);
	p->name_w = width - 1 - 4 * NUM_W - 1 - BAR_W - PCT_W;
	draw_blank(w, 0, 0, width, h);
	draw_text(w, 0, 1, p->name_w, _("Department"), h, false);
	int x = 1 + p->name_w;
	/* NUM_W - 1 cells at most, in every language */
	static const char *const heads[] = {
		NP_("console column", "Lead"), NP_("console column", "Coop"), NP_("console column", "Done"),
		NP_("console column", "Late"),
	};
	for (int i = 0; i < 4; i++, x += NUM_W)
		draw_text_right(w, 0, x, NUM_W, i18n_cgettext(heads[i]), h);
	draw_text(w, 0, x + 1, BAR_W + PCT_W, _("Progress"), h, false);
}

static void
dept_row(struct view *v, WINDOW *w, int y, int width, const struct list_row *r, bool cursor)
{
	struct depts *p = (struct depts *)v;
	const struct dept *d = r->data;
	attr_t base = cursor ? theme_attr(THEME_CURSOR) : A_NORMAL;
	draw_blank(w, y, 0, width, base);
	draw_text_hl(w, y, 1, p->name_w - 1, d->short_name, base, v->app->search, theme_attr(THEME_MATCH), true);
	int x = 1 + p->name_w;
	int nums[4] = { d->n_lead, d->n_coop, d->by_status[TS_DONE], d->n_late };
	for (int i = 0; i < 4; i++, x += NUM_W) {
		char s[16];
		snprintf(s, sizeof s, "%d", nums[i]);
		attr_t at = base;
		if (!cursor && i == 3 && nums[i] > 0)
			at = theme_attr(THEME_LATE);
		draw_text_right(w, y, x, NUM_W, s, at);
	}
	if (d->n_lead) {
		draw_bar(w, y, x + 1, BAR_W, d->pct < 0 ? 0 : d->pct / 100.0, cursor ? base : theme_attr(THEME_BAR), base);
		char pct[8];
		snprintf(pct, sizeof pct, d->pct < 0 ? "-" : "%d%%", d->pct);
		draw_text_right(w, y, x + 1 + BAR_W, PCT_W, pct, base);
	} else {
		draw_text(w, y, x + 1, BAR_W + PCT_W, _("no lead tasks"), cursor ? base : theme_attr(THEME_DIM), true);
	}
}

static void
dept_detail(struct view *v, const struct list_row *r, struct detail *d)
{
	(void)v;
	const struct dept *x = r->data;
	detail_text(d, A_BOLD, x->short_name);
	detail_field(d, _("Name"), x->name, A_NORMAL);
	char *s = xasprintf(_("%d as lead, %d cooperating"), x->n_lead, x->n_coop);
	detail_field(d, _("Tasks"), s, A_NORMAL);
	free(s);
	for (int i = 0; i < TS_COUNT; i++) {
		s = xasprintf("%d", x->by_status[i]);
		detail_field(d, task_status_label((enum task_status)i), s, status_attr(task_status_key((enum task_status)i), false));
		free(s);
	}
	s = xasprintf(_("%d (as of %s)"), x->n_late, v->app->as_of);
	detail_field(d, _("Late"), s, x->n_late ? theme_attr(THEME_LATE) : A_NORMAL);
	free(s);
	if (x->pct >= 0) {
		s = xasprintf(_("%d%% on average over its lead tasks"), x->pct);
		detail_field(d, _("Progress"), s, A_NORMAL);
		free(s);
	} else if (x->n_lead) {
		detail_field(d, _("Progress"), _("- (every lead task is cancelled)"), A_NORMAL);
	}
	detail_blank(d);
	detail_text(d, theme_attr(THEME_DIM), _("Enter lists its tasks."));
}

/* ---- keys and search -------------------------------------------------------------- */

static int
dept_key(struct view *v, enum tui_act act, int key)
{
	(void)key;
	if (act != TUI_ACT_OPEN)
		return 0;
	const struct dept *d = current((struct depts *)v);
	if (d) {
		struct dept_ref ref = { .id = d->id, .short_name = d->short_name, .name = d->name };
		app_push(v->app, &dept_tasks_view_ops, &ref);
	}
	return TUI_HANDLED;
}

static bool
dept_search(struct view *v, const char *text, bool backward, bool inclusive)
{
	return arraysrc_search(v, &((struct depts *)v)->rows, text, backward, inclusive);
}

/* ---- life ---------------------------------------------------------------------------- */

static struct view *
dept_open(struct app *a, const void *arg)
{
	(void)arg;
	struct depts *p = xcalloc(1, sizeof *p);
	p->rows = (struct arraysrc){ .ctx = p, .count = dept_count, .item = dept_item, .matches = dept_matches,
	                             .load = dept_load };
	arraysrc_open(&p->v, &dept_view_ops, a, &p->rows);
	p->v.header_rows = 1;
	return &p->v;
}

static void
dept_reload(struct view *v)
{
	arraysrc_reload(v, &((struct depts *)v)->rows);
}

static void
dept_close(struct view *v)
{
	struct depts *p = (struct depts *)v;
	view_fini(v);
	free_depts(p);
	free(p->d);
	free(p);
}

const struct view_ops dept_view_ops = {
	.id = VIEW_DEPT,
	.name = N_("Departments"),
	.open = dept_open,
	.close = dept_close,
	.reload = dept_reload,
	.draw_header = dept_header,
	.draw_row = dept_row,
	.detail = dept_detail,
	.key = dept_key,
	.search = dept_search,
	.has_detail = true,
};
