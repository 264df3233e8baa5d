/* roadmap_view: the three-year action plan as a grid. Tasks with a due
 * date or a milestone go down; across go the action plan's years (split
 * into quarters when some milestone of that year has a quarter), and every
 * other year in which a task is due or has a milestone, before or after
 * them (the later target years). Each cell shows the milestone's state: done, due,
 * miss (missed) or LATE (its period ended before the as-of date and it is
 * not done); a task's own due date counts as a milestone of its period.
 * A "|" column marks the as-of date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "taskrow.h"
#include "theme.h"
#include "tui.h"
#include "plancon/model.h"
#include "plancon/store_plan.h"
#include "plancon/store_tasks.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum { MAX_COLS = 32, YEARS_MAX = 64, CODE_W = 6, YEAR_W = 5, QUARTER_W = 4 };

struct col {
	int year, quarter;         /* quarter 0: the whole year */
	char end[11];              /* the period's last day */
	int x, w;
};

struct ms {
	int year, quarter;
	char *status;
};

struct rmrow {
	struct taskrow *t;
	struct ms *ms;
	int nms;
};

struct roadmap {
	struct view v;
	struct col cols[MAX_COLS];
	int ncols;
	int marker;                /* the as-of mark goes before cols[marker] */
	int title_w, mark_x;
	bool quarters;
	struct task_scope scope;
};

/* ---- columns ---------------------------------------------------------------- */

struct col_ctx {
	int near_from, near_to, best_span;
	int years[YEARS_MAX];
	int nyears;
	int split[YEARS_MAX];      /* years with a quarter */
	int nsplit;
};

static int
doc_load_cb(const struct document_row *d, void *ctx)
{
	struct col_ctx *c = ctx;
	int span = d->year_to - d->year_from;
	if (d->year_from > 0 && d->year_to >= d->year_from && (c->best_span < 0 || span < c->best_span)) {
		c->best_span = span;
		c->near_from = d->year_from;
		c->near_to = d->year_to;
	}
	return 0;
}

static void
add_year(int *v, int *n, int year)
{
	for (int i = 0; i < *n; i++)
		if (v[i] == year)
			return;
	if (*n < YEARS_MAX)
		v[(*n)++] = year;
}

static bool
has_year(const int *v, int n, int year)
{
	for (int i = 0; i < n; i++)
		if (v[i] == year)
			return true;
	return false;
}

static int
period_load_cb(int year, int quarter, void *ctx)
{
	struct col_ctx *c = ctx;
	add_year(c->years, &c->nyears, year);
	if (quarter)
		add_year(c->split, &c->nsplit, year);
	return 0;
}

static void
add_col(struct roadmap *p, int year, int quarter)
{
	if (p->ncols >= MAX_COLS)
		return;
	struct col *c = &p->cols[p->ncols++];
	*c = (struct col){ .year = year, .quarter = quarter, .w = quarter ? QUARTER_W : YEAR_W };
	model_period_end(year, quarter, c->end);
}

static void
load_columns(struct roadmap *p)
{
	struct app *a = p->v.app;
	struct col_ctx c = { .best_span = -1 };
	struct error e;
	err_clear(&e);
	if (store_documents_each(a->store, doc_load_cb, &c, &e) || store_periods_each(a->store, period_load_cb, &c, &e))
		app_error(a, &e);
	if (c.best_span < 0 && c.nyears) {
		/* no dated document: the first three years that have milestones */
		c.near_from = c.years[0];
		for (int i = 1; i < c.nyears; i++)
			if (c.years[i] < c.near_from)
				c.near_from = c.years[i];
		c.near_to = c.near_from + 2;
	}
	/* The action plan's years, and every other year with a milestone or a
	 * due date, in order; the action plan's years that have a milestone
	 * with a quarter are split into quarters. */
	int show[2 * YEARS_MAX], nshow = 0;
	bool near = c.best_span >= 0 || c.nyears;
	for (int y = c.near_from; near && y <= c.near_to && y - c.near_from < 10; y++)
		show[nshow++] = y;
	for (int i = 0; i < c.nyears; i++)
		if (!has_year(show, nshow, c.years[i]))
			show[nshow++] = c.years[i];
	for (int i = 1; i < nshow; i++)
		for (int j = i; j > 0 && show[j - 1] > show[j]; j--) {
			int t = show[j];
			show[j] = show[j - 1];
			show[j - 1] = t;
		}
	p->ncols = 0;
	p->quarters = false;
	for (int i = 0; i < nshow && p->ncols < MAX_COLS; i++) {
		int y = show[i];
		if (near && y >= c.near_from && y <= c.near_to && has_year(c.split, c.nsplit, y)) {
			p->quarters = true;
			for (int q = 1; q <= 4; q++)
				add_col(p, y, q);
		} else {
			add_col(p, y, 0);
		}
	}
	p->marker = p->ncols;
	for (int i = 0; i < p->ncols; i++) {
		if (strcmp(p->cols[i].end, a->as_of) >= 0) {
			p->marker = i;
			break;
		}
	}
	p->v.header_rows = p->quarters ? 2 : 1;
}

/* ---- the list source ----------------------------------------------------------- */

struct fetch_ctx {
	struct rmrow *rows;
	int n, cap;
};

static int
rm_cb(const struct task_row *t, const struct milestone_row *m, void *ctx)
{
	struct fetch_ctx *f = ctx;
	if (!f->n || f->rows[f->n - 1].t->id != t->id) {
		if (f->n == f->cap) {
			f->cap = f->cap * 2 + 16;
			f->rows = xrealloc(f->rows, (size_t)f->cap * sizeof *f->rows);
		}
		f->rows[f->n++] = (struct rmrow){ .t = taskrow_copy(t) };
	}
	if (m) {
		struct rmrow *r = &f->rows[f->n - 1];
		r->ms = xrealloc(r->ms, (size_t)(r->nms + 1) * sizeof *r->ms);
		r->ms[r->nms++] = (struct ms){ .year = m->year, .quarter = m->quarter,
		                               .status = xstrdup(m->status ? m->status : "pending") };
	}
	return 0;
}

static void
rm_fetch(void *ctx, struct list *l, int g, bool has_key, long long key, bool backward, int limit)
{
	struct roadmap *p = ctx;
	(void)g;
	struct task_query q;
	app_query(p->v.app, &q);
	struct fetch_ctx f = { 0 };
	struct error e;
	err_clear(&e);
	if (store_roadmap_each(p->v.app->store, &q, has_key ? key : 0, backward, limit, rm_cb, &f, &e))
		app_error(p->v.app, &e);
	for (int i = 0; i < f.n; i++) {
		struct rmrow *r = xmalloc(sizeof *r);
		*r = f.rows[i];
		list_add(l, r->t->pos, r);
	}
	free(f.rows);
}

static long long
rm_rank(void *ctx, int g, long long key)
{
	struct roadmap *p = ctx;
	(void)g;
	struct task_query q;
	app_query(p->v.app, &q);
	long long n = 0;
	struct error e;
	err_clear(&e);
	q.scope = p->scope;
	if (store_tasks_count(p->v.app->store, &q, key, &n, &e))
		app_error(p->v.app, &e);
	return n;
}

static void
rm_free(void *data)
{
	struct rmrow *r = data;
	for (int i = 0; i < r->nms; i++)
		free(r->ms[i].status);
	free(r->ms);
	taskrow_free(r->t);
	free(r);
}

static const struct list_src rm_src = { .fetch = rm_fetch, .rank = rm_rank, .free = rm_free };

static void
count(struct roadmap *p)
{
	struct task_query q;
	app_query(p->v.app, &q);
	long long n = 0;
	struct error e;
	err_clear(&e);
	q.scope = p->scope;
	if (store_tasks_count(p->v.app->store, &q, 0, &n, &e))
		app_error(p->v.app, &e);
	p->v.list.groups[0].n = n;
}

/* ---- drawing ---------------------------------------------------------------------- */

static void
layout_cols(struct roadmap *p, int width)
{
	int used = 1 + CODE_W + 1 + 1;    /* margin, code, gap, and the marker after the last column */
	for (int i = 0; i < p->ncols; i++)
		used += 1 + p->cols[i].w;
	p->title_w = width - used;
	if (p->title_w < 8)
		p->title_w = 8;
	int x = 1 + CODE_W + 1 + p->title_w;
	for (int i = 0; i < p->ncols; i++) {
		if (i == p->marker)
			p->mark_x = x;
		p->cols[i].x = x + 1;
		x += 1 + p->cols[i].w;
	}
	if (p->marker >= p->ncols)
		p->mark_x = x;
	if (p->mark_x >= width)
		p->mark_x = width - 1;
}

static void
rm_header(struct view *v, WINDOW *w, int width)
{
	struct roadmap *p = (struct roadmap *)v;
	attr_t h = theme_attr(THEME_HEADER);
	layout_cols(p, width);
	int last = v->header_rows - 1;
	for (int y = 0; y <= last; y++)
		draw_blank(w, y, 0, width, h);
	char *t = xasprintf(_("Task  (| = as of %s)"), v->app->as_of);
	draw_text(w, last, 1, CODE_W + 1 + p->title_w - 1, t, h, false);
	free(t);
	for (int i = 0; i < p->ncols; i++) {
		const struct col *c = &p->cols[i];
		if (c->x + c->w > width)
			break;
		char s[16];
		if (c->quarter) {
			snprintf(s, sizeof s, "Q%d", c->quarter);
			draw_text(w, last, c->x, c->w, s, h, false);
			if (c->quarter == 1) {
				snprintf(s, sizeof s, "%d", c->year);
				draw_text(w, 0, c->x, 4 * (QUARTER_W + 1) - 1, s, h, false);
			}
		} else {
			snprintf(s, sizeof s, "%d", c->year);
			draw_text(w, last, c->x, c->w, s, h, false);
		}
	}
	for (int y = 0; y <= last; y++)
		draw_text(w, y, p->mark_x, 1, "|", h, false);
}

/* The text and attributes of the cell of row r in column c. */
static const char *
cell(struct roadmap *p, const struct rmrow *r, const struct col *c, attr_t *attr)
{
	const char *as_of = p->v.app->as_of;
	int rank = -1;             /* 0 done, 1 due, 2 miss, 3 late: the worst wins */
	for (int i = 0; i < r->nms; i++) {
		const struct ms *m = &r->ms[i];
		if (m->year != c->year || !(c->quarter == 0 || m->quarter == c->quarter || (m->quarter == 0 && c->quarter == 4)))
			continue;
		int st = milestone_status_parse(m->status);
		int k = st == MS_DONE ? 0 : st == MS_MISSED ? 2 : model_milestone_late(m->year, m->quarter, m->status, as_of) ? 3 : 1;
		if (k > rank)
			rank = k;
	}
	if (rank < 0 && r->t->due && strlen(r->t->due) == 10) {
		int y = atoi(r->t->due), mo = atoi(r->t->due + 5);
		if (y == c->year && (c->quarter == 0 || (mo + 2) / 3 == c->quarter)) {
			int st = task_status_parse(r->t->status);
			if (st == TS_CANCELLED) {
				*attr = theme_attr(THEME_DIM);
				return "--";
			}
			rank = st == TS_DONE ? 0 : model_task_late(r->t->due, r->t->status, as_of) ? 3 : 1;
		}
	}
	switch (rank) {
	/* At most QUARTER_W cells wide in every language. */
	case 0: *attr = theme_attr(THEME_DONE); return P_("roadmap cell", "done");
	case 1: *attr = A_NORMAL; return P_("roadmap cell", "due");
	case 2: *attr = theme_attr(THEME_LATE); return P_("roadmap cell", "miss");
	case 3: *attr = theme_attr(THEME_LATE); return P_("roadmap cell", "LATE");
	default: *attr = theme_attr(THEME_DIM); return ".";
	}
}

static void
rm_row(struct view *v, WINDOW *w, int y, int width, const struct list_row *r, bool cursor)
{
	struct roadmap *p = (struct roadmap *)v;
	const struct rmrow *row = r->data;
	attr_t base = cursor ? theme_attr(THEME_CURSOR) : A_NORMAL;
	attr_t hl = theme_attr(THEME_MATCH);
	draw_blank(w, y, 0, width, base);
	draw_text_hl(w, y, 1, CODE_W, row->t->code, base, v->app->search, hl, true);
	draw_text_hl(w, y, 1 + CODE_W + 1, p->title_w, row->t->title, base, v->app->search, hl, true);
	for (int i = 0; i < p->ncols; i++) {
		const struct col *c = &p->cols[i];
		if (c->x + c->w > width)
			break;
		attr_t at;
		const char *s = cell(p, row, c, &at);
		bool stands_out = !strcmp(s, P_("roadmap cell", "LATE")) || !strcmp(s, P_("roadmap cell", "miss"));
		int pad = c->w - text_width(s) > 1 ? 1 : 0;
		draw_text(w, y, c->x + pad, c->w - pad, s, cursor && !stands_out ? base : at, false);
	}
	draw_text(w, y, p->mark_x, 1, "|", cursor ? base : theme_attr(THEME_HEADER), false);
}

static void
rm_detail(struct view *v, const struct list_row *r, struct detail *d)
{
	(void)v;
	detail_task(d, v->app, ((const struct rmrow *)r->data)->t->code);
}

static int
rm_key(struct view *v, enum tui_act act, int key)
{
	(void)key;
	if (act != TUI_ACT_OPEN)
		return 0;
	const struct list_row *r = list_current(&v->list);
	if (r)
		app_push(v->app, &task_view_ops, ((const struct rmrow *)r->data)->t->code);
	return TUI_HANDLED;
}

static bool
rm_search(struct view *v, const char *text, bool backward, bool inclusive)
{
	struct roadmap *p = (struct roadmap *)v;
	return scoped_search(v, &p->scope, 1, text, backward, inclusive);
}

static struct view *
rm_open(struct app *a, const void *arg)
{
	(void)arg;
	struct roadmap *p = xcalloc(1, sizeof *p);
	view_init(&p->v, &roadmap_view_ops, a, &rm_src, p);
	p->scope = (struct task_scope){ .kind = SCOPE_TIMED };
	load_columns(p);
	list_set_groups(&p->v.list, 1);
	count(p);
	list_first(&p->v.list);
	return &p->v;
}

static void
rm_reload(struct view *v)
{
	struct roadmap *p = (struct roadmap *)v;
	load_columns(p);
	count(p);
	list_reload(&v->list);
}

static void
rm_close(struct view *v)
{
	view_fini(v);
	free(v);
}

const struct view_ops roadmap_view_ops = {
	.id = VIEW_ROADMAP,
	.name = N_("Roadmap"),
	.open = rm_open,
	.close = rm_close,
	.reload = rm_reload,
	.draw_header = rm_header,
	.draw_row = rm_row,
	.detail = rm_detail,
	.key = rm_key,
	.search = rm_search,
	.has_detail = true,
};
