/* dept_view: every department with its lead tasks counted by status, how
 * many are late, and a progress bar. Enter opens the department's tasks.
 * Departments are few (tens), so the view holds them all. */
#include <stdlib.h>
#include <string.h>

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
	p->v.list.groups[0].n = p->n;
}

/* ---- the list source: the array ------------------------------------------- */

static void
dept_fetch(void *ctx, struct list *l, int g, bool has_key, long long key, bool backward, int limit)
{
	struct depts *p = ctx;
	(void)g;
	long long i = backward ? (has_key ? key - 1 : p->n) : (has_key ? key + 1 : 1);
	for (int k = 0; k < limit && i >= 1 && i <= p->n; k++, i += backward ? -1 : 1)
		list_add(l, i, &p->d[i - 1]);
}

static long long
dept_rank(void *ctx, int g, long long key)
{
	(void)ctx;
	(void)g;
	return key - 1;
}

static const struct list_src dept_src = { .fetch = dept_fetch, .rank = dept_rank };

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
dept_key(struct view *v, enum action act, int key)
{
	(void)key;
	if (act != ACT_OPEN)
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
	struct depts *p = (struct depts *)v;
	const struct list_row *r = list_current(&v->list);
	if (!p->n)
		return false;
	int start = r ? (int)r->pos.key - 1 : 0;
	for (int k = inclusive ? 0 : 1; k <= p->n; k++) {
		int i = ((backward ? start - k : start + k) % p->n + p->n) % p->n;
		if (draw_matches(p->d[i].short_name, text) || draw_matches(p->d[i].name, text)) {
			if (backward ? i > start : i < start)
				app_message(v->app, A_NORMAL, "%s", _("search wrapped around"));
			struct list_pos pos = { .group = 0, .key = i + 1 };
			int row = list_find(&v->list, &pos);
			if (row >= 0)
				v->list.cur = row;
			else
				list_goto(&v->list, &pos, v->list.height / 3);
			return true;
		}
	}
	return false;
}

/* ---- life ---------------------------------------------------------------------------- */

static struct view *
dept_open(struct app *a, const void *arg)
{
	(void)arg;
	struct depts *p = xcalloc(1, sizeof *p);
	view_init(&p->v, &dept_view_ops, a, &dept_src, p);
	p->v.header_rows = 1;
	list_set_groups(&p->v.list, 1);
	load(p);
	list_first(&p->v.list);
	return &p->v;
}

static void
dept_reload(struct view *v)
{
	struct depts *p = (struct depts *)v;
	/* The rows point into the array: drop them before it is rebuilt. */
	const struct list_row *r = list_current(&v->list);
	bool had = r != NULL;
	struct list_pos pos = r ? r->pos : (struct list_pos){ 0 };
	int off = v->list.cur;
	list_set_groups(&v->list, 1);
	load(p);
	if (had)
		list_goto(&v->list, &pos, off);
	else
		list_first(&v->list);
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
