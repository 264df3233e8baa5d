/* indicator_view: each indicator with its baseline, its targets by year,
 * the latest recorded value, and a bar for how far it has come from the
 * baseline towards the next target. Indicators are few: held in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arraysrc.h"
#include "draw.h"
#include "theme.h"
#include "tui.h"
#include "plancon/model.h"
#include "plancon/store_plan.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

struct value {
	int year;
	double v;
	char *op, *at, *by;
};

struct indicator {
	long long id;
	char *name, *unit, *note, *sources;
	bool has_base;
	int base_year;
	double base;
	struct value *targets, *actuals;
	int ntargets, nactuals;
};

struct indicators {
	struct view v;
	struct indicator *d;
	int n, cap;
	int name_w;
	struct arraysrc rows;
};

static char *
dupn(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static int
value_load_cb(const struct indicator_value *r, void *ctx)
{
	struct { struct value **v; int *n; } *x = ctx;
	*x->v = xrealloc(*x->v, (size_t)(*x->n + 1) * sizeof **x->v);
	(*x->v)[(*x->n)++] = (struct value){ .year = r->year, .v = r->value, .op = dupn(r->op),
	                                     .at = dupn(r->recorded_at), .by = dupn(r->recorded_by) };
	return 0;
}

static int
ind_cb(const struct indicator_row *r, void *ctx)
{
	struct indicators *p = ctx;
	if (p->n == p->cap) {
		p->cap = p->cap * 2 + 8;
		p->d = xrealloc(p->d, (size_t)p->cap * sizeof *p->d);
	}
	p->d[p->n++] = (struct indicator){
		.id = r->id, .name = xstrdup(r->name), .unit = xstrdup(r->unit ? r->unit : ""),
		.note = xstrdup(r->note ? r->note : ""), .sources = xstrdup(r->sources ? r->sources : ""),
		.has_base = r->has_base, .base_year = r->base_year, .base = r->base_value,
	};
	return 0;
}

static void
free_values(struct value *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].op);
		free(v[i].at);
		free(v[i].by);
	}
	free(v);
}

static void
free_all(struct indicators *p)
{
	for (int i = 0; i < p->n; i++) {
		struct indicator *d = &p->d[i];
		free(d->name);
		free(d->unit);
		free(d->note);
		free(d->sources);
		free_values(d->targets, d->ntargets);
		free_values(d->actuals, d->nactuals);
	}
	p->n = 0;
}

static void
load(struct indicators *p)
{
	struct app *a = p->v.app;
	free_all(p);
	struct error e;
	err_clear(&e);
	if (store_indicators_each(a->store, ind_cb, p, &e))
		app_error(a, &e);
	for (int i = 0; i < p->n; i++) {
		struct indicator *d = &p->d[i];
		struct { struct value **v; int *n; } t = { &d->targets, &d->ntargets }, x = { &d->actuals, &d->nactuals };
		if (store_indicator_targets_each(a->store, d->id, value_load_cb, &t, &e) ||
		    store_indicator_actuals_each(a->store, d->id, value_load_cb, &x, &e))
			app_error(a, &e);
	}
}

/* The target that matters at the as-of date: the first not yet past,
 * else the last. */
static const struct value *
next_target(const struct indicator *d, const char *as_of)
{
	int year = atoi(as_of);
	for (int i = 0; i < d->ntargets; i++)
		if (d->targets[i].year >= year)
			return &d->targets[i];
	return d->ntargets ? &d->targets[d->ntargets - 1] : NULL;
}

static const struct value *
latest(const struct indicator *d)
{
	return d->nactuals ? &d->actuals[d->nactuals - 1] : NULL;
}

/* How far the latest value has come from the baseline to the target, 0-1;
 * negative when there is nothing to measure. */
static double
distance(const struct indicator *d, const struct value *target)
{
	const struct value *now = latest(d);
	if (!now || !target)
		return -1;
	/* from the baseline; without one, from the first recorded value */
	double from = d->has_base ? d->base : d->nactuals > 1 ? d->actuals[0].v : 0, span = target->v - from;
	if (span < 1e-9 && span > -1e-9)
		return now->v == target->v ? 1 : 0;
	double f = (now->v - from) / span;
	return f < 0 ? 0 : f > 1 ? 1 : f;
}

/* The value as every view shows it (model_value_format), malloc'd. */
static char *
num(double v)
{
	char buf[MODEL_VALUE_LEN];
	model_value_format(v, buf);
	return xstrdup(buf);
}

static char *
value_text(const struct value *v, bool with_op)
{
	if (!v)
		return xstrdup("-");
	char *n = num(v->v);
	const char *op = with_op && v->op && strcmp(v->op, "=") ? v->op : "";
	char *s = xasprintf("%s%s (%d)", op, n, v->year);
	free(n);
	return s;
}

/* ---- the rows: the array --------------------------------------------------- */

static long long
ind_count(void *ctx)
{
	return ((struct indicators *)ctx)->n;
}

static void *
ind_item(void *ctx, long long i)
{
	return &((struct indicators *)ctx)->d[i];
}

static bool
ind_matches(void *ctx, long long i, const char *text)
{
	const struct indicator *d = &((struct indicators *)ctx)->d[i];
	return draw_matches(d->name, text) || draw_matches(d->note, text);
}

static void
ind_load(void *ctx)
{
	load(ctx);
}

/* ---- drawing ---------------------------------------------------------------------- */

enum { BASE_W = 13, NOW_W = 13, TARGET_W = 14, BAR_W = 10, PCT_W = 5 };

static void
ind_header(struct view *v, WINDOW *w, int width)
{
	struct indicators *p = (struct indicators *)v;
	attr_t h = theme_attr(THEME_HEADER);
	p->name_w = width - 1 - BASE_W - NOW_W - TARGET_W - BAR_W - PCT_W - 1;
	draw_blank(w, 0, 0, width, h);
	draw_text(w, 0, 1, p->name_w, _("Indicator"), h, false);
	int x = 1 + p->name_w;
	draw_text(w, 0, x, BASE_W, _("Baseline"), h, false);
	draw_text(w, 0, x += BASE_W, NOW_W, _("Latest"), h, false);
	draw_text(w, 0, x += NOW_W, TARGET_W, _("Next target"), h, false);
	draw_text(w, 0, x + TARGET_W, BAR_W + PCT_W, _("To target"), h, false);
}

static void
ind_row(struct view *v, WINDOW *w, int y, int width, const struct list_row *r, bool cursor)
{
	struct indicators *p = (struct indicators *)v;
	const struct indicator *d = r->data;
	attr_t base = cursor ? theme_attr(THEME_CURSOR) : A_NORMAL;
	draw_blank(w, y, 0, width, base);
	char *name = *d->unit ? xasprintf("%s (%s)", d->name, d->unit) : xstrdup(d->name);
	draw_text_hl(w, y, 1, p->name_w - 1, name, base, v->app->search, theme_attr(THEME_MATCH), true);
	free(name);
	int x = 1 + p->name_w;
	char *s;
	if (d->has_base) {
		char *n = num(d->base);
		s = xasprintf("%s (%d)", n, d->base_year);
		free(n);
	} else {
		s = xstrdup("-");
	}
	draw_text(w, y, x, BASE_W - 1, s, base, true);
	free(s);
	s = value_text(latest(d), false);
	draw_text(w, y, x += BASE_W, NOW_W - 1, s, base, true);
	free(s);
	const struct value *t = next_target(d, v->app->as_of);
	s = value_text(t, true);
	draw_text(w, y, x += NOW_W, TARGET_W - 1, s, base, true);
	free(s);
	x += TARGET_W;
	double f = distance(d, t);
	if (f < 0) {
		draw_text(w, y, x, BAR_W + PCT_W, _("no data yet"), cursor ? base : theme_attr(THEME_DIM), true);
	} else {
		draw_bar(w, y, x, BAR_W, f, cursor ? base : theme_attr(THEME_BAR), base);
		char pct[8];
		snprintf(pct, sizeof pct, "%.0f%%", f * 100);
		draw_text_right(w, y, x + BAR_W, PCT_W, pct, base);
	}
}

static void
ind_detail(struct view *v, const struct list_row *r, struct detail *d)
{
	(void)v;
	const struct indicator *x = r->data;
	detail_text(d, A_BOLD, x->name);
	detail_field(d, _("Unit"), *x->unit ? x->unit : "-", A_NORMAL);
	if (x->has_base) {
		char *n = num(x->base), *s = xasprintf(_("%s in %d"), n, x->base_year);
		detail_field(d, _("Baseline"), s, A_NORMAL);
		free(n);
		free(s);
	} else {
		detail_field(d, _("Baseline"), _("not known"), theme_attr(THEME_DIM));
	}
	for (int i = 0; i < x->ntargets; i++) {
		char *s = value_text(&x->targets[i], true);
		detail_field(d, i == 0 ? _("Targets") : "", s, A_NORMAL);
		free(s);
	}
	if (!x->nactuals)
		detail_field(d, _("Recorded"), _("nothing yet"), theme_attr(THEME_DIM));
	for (int i = 0; i < x->nactuals; i++) {
		const struct value *a = &x->actuals[i];
		char *n = num(a->v);
		char *s = a->by ? xasprintf(_("%d: %s (by %s)"), a->year, n, a->by) : xasprintf("%d: %s", a->year, n);
		detail_field(d, i == 0 ? _("Recorded") : "", s, A_NORMAL);
		free(n);
		free(s);
	}
	double f = distance(x, next_target(x, v->app->as_of));
	if (f >= 0) {
		char *s = xasprintf(_("%.0f%% of the way from the baseline to the next target"), f * 100);
		detail_field(d, _("Distance"), s, A_NORMAL);
		free(s);
	}
	if (*x->note) {
		detail_blank(d);
		detail_text(d, A_NORMAL, x->note);
	}
	if (*x->sources)
		detail_field(d, _("Sources"), x->sources, theme_attr(THEME_DIM));
}

static bool
ind_search(struct view *v, const char *text, bool backward, bool inclusive)
{
	return arraysrc_search(v, &((struct indicators *)v)->rows, text, backward, inclusive);
}

static struct view *
ind_open(struct app *a, const void *arg)
{
	(void)arg;
	struct indicators *p = xcalloc(1, sizeof *p);
	p->rows = (struct arraysrc){ .ctx = p, .count = ind_count, .item = ind_item, .matches = ind_matches,
	                             .load = ind_load };
	arraysrc_open(&p->v, &indicator_view_ops, a, &p->rows);
	p->v.header_rows = 1;
	return &p->v;
}

static void
ind_reload(struct view *v)
{
	arraysrc_reload(v, &((struct indicators *)v)->rows);
}

static void
ind_close(struct view *v)
{
	struct indicators *p = (struct indicators *)v;
	view_fini(v);
	free_all(p);
	free(p->d);
	free(p);
}

const struct view_ops indicator_view_ops = {
	.id = VIEW_INDICATOR,
	.name = N_("Indicators"),
	.open = ind_open,
	.close = ind_close,
	.reload = ind_reload,
	.draw_header = ind_header,
	.draw_row = ind_row,
	.detail = ind_detail,
	.search = ind_search,
	.has_detail = true,
};
