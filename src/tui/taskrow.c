/* taskrow: task rows shared by the plan, department and roadmap views. */
#include "taskrow.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "theme.h"
#include "tui.h"
#include "plancon/model.h"
#include "plancon/store_tasks.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct taskrow *
taskrow_copy(const struct task_row *t)
{
	struct taskrow *r = xcalloc(1, sizeof *r);
	r->id = t->id;
	r->pos = t->pos;
	r->code = xstrdup(t->code ? t->code : "");
	r->title = xstrdup(t->title ? t->title : "");
	r->lead = dup_or_null(t->lead_short);
	r->status = xstrdup(t->status ? t->status : "");
	r->due = dup_or_null(t->due_date);
	r->progress = t->progress;
	r->chapter_no = t->chapter_no;
	r->section_no = t->section_no;
	r->provisional = t->provisional;
	r->light = t->light;
	return r;
}

void
taskrow_free(void *p)
{
	struct taskrow *r = p;
	if (!r)
		return;
	free(r->code);
	free(r->title);
	free(r->lead);
	free(r->status);
	free(r->due);
	free(r);
}

const char *
light_label(int l)
{
	static const char *const labels[CYCLE_LIGHT_COUNT] = {
		[CYCLE_LIGHT_CLOSED] = N_("closed (verified or cancelled)"), [CYCLE_LIGHT_RED] = N_("red light"),
		[CYCLE_LIGHT_YELLOW] = N_("yellow light"), [CYCLE_LIGHT_GREEN] = N_("green light"),
	};
	return l >= 0 && l < CYCLE_LIGHT_COUNT ? _(labels[l]) : "";
}

const char *
light_reason_label(int r)
{
	static const char *const labels[CYCLE_WHY_COUNT] = {
		[CYCLE_WHY_CANCELLED] = N_("cancelled"),
		[CYCLE_WHY_VERIFIED] = N_("done, verified by the office"),
		[CYCLE_WHY_AWAITING] = N_("reported done, awaiting the office's verification"),
		[CYCLE_WHY_PAST_DUE] = N_("past its due date"),
		[CYCLE_WHY_MILESTONE] = N_("a milestone missed"),
		[CYCLE_WHY_MISSING_LONG] = N_("its report missing beyond the grace days"),
		[CYCLE_WHY_BEHIND] = N_("due soon and behind time"),
		[CYCLE_WHY_RETURNED] = N_("its report returned, not resubmitted"),
		[CYCLE_WHY_MISSING] = N_("its report missing"),
		[CYCLE_WHY_ON_TRACK] = N_("on track"),
	};
	return r >= 0 && r < CYCLE_WHY_COUNT ? _(labels[r]) : "";
}

attr_t
light_attr(int l)
{
	switch (l) {
	case CYCLE_LIGHT_RED: return theme_attr(THEME_LIGHT_RED);
	case CYCLE_LIGHT_YELLOW: return theme_attr(THEME_LIGHT_YELLOW);
	case CYCLE_LIGHT_GREEN: return theme_attr(THEME_LIGHT_GREEN);
	case CYCLE_LIGHT_CLOSED: return theme_attr(THEME_LIGHT_CLOSED);
	default: return A_NORMAL;
	}
}

attr_t
status_attr(const char *key, bool late)
{
	if (late)
		return theme_attr(THEME_LATE);
	switch (task_status_parse(key)) {
	case TS_DONE: return theme_attr(THEME_DONE);
	case TS_IN_PROGRESS: return theme_attr(THEME_ACTIVE);
	case TS_BLOCKED: return theme_attr(THEME_BLOCKED);
	case TS_CANCELLED: return theme_attr(THEME_DIM);
	default: return A_NORMAL;
	}
}

void
task_cols(struct task_cols *c, int width)
{
	/* The status column holds a status, or a tree row's "N late" or "all done". */
	char late[64];
	snprintf(late, sizeof late, _("%lld late"), 999LL);
	int st = text_width(late);
	if (text_width(_("all done")) > st)
		st = text_width(_("all done"));
	for (int i = 0; i < TS_COUNT; i++) {
		int w = text_width(task_status_label((enum task_status)i));
		if (w > st)
			st = w;
	}
	c->status_w = st;
	c->prog_w = 4;
	c->lead_w = width >= 100 ? 21 : width >= 76 ? 17 : 11;
	/* name | lead | mark status | progress */
	c->name_w = width - (1 + c->lead_w + 1 + 1 + c->status_w + 1 + c->prog_w + 1);
	c->lead_x = c->name_w + 1;
	c->mark_x = c->lead_x + c->lead_w + 1;
	c->status_x = c->mark_x + 1;
	c->prog_x = c->status_x + c->status_w + 1;
}

void
task_cols_header(WINDOW *w, int y, int width, const struct task_cols *c, const char *first)
{
	attr_t h = theme_attr(THEME_HEADER);
	draw_blank(w, y, 0, width, h);
	draw_text(w, y, 1, c->name_w - 1, first, h, false);
	draw_text(w, y, c->lead_x, c->lead_w, _("Lead"), h, false);
	draw_text(w, y, c->status_x, c->status_w, _("Status"), h, false);
	draw_text_right(w, y, c->prog_x, c->prog_w, _("Prog"), h);
}

void
taskrow_draw(struct app *a, WINDOW *w, int y, int width, const struct task_cols *c, int indent,
             const struct taskrow *t, bool cursor)
{
	attr_t base = cursor ? theme_attr(THEME_CURSOR) : A_NORMAL;
	attr_t hl = theme_attr(THEME_MATCH);
	bool late = model_task_late(t->due, t->status, a->as_of);
	draw_blank(w, y, 0, width, base);
	int x = 1 + indent;
	int code_w = text_width(t->code);
	if (code_w < 5)
		code_w = 5;
	if (x + code_w + 1 < c->name_w) {
		draw_text_hl(w, y, x, code_w, t->code, base, a->search, hl, true);
		x += code_w + 1;
	}
	draw_text_hl(w, y, x, c->name_w - x, t->title, base, a->search, hl, true);
	char *lead = xasprintf("%s%s", t->lead ? t->lead : "-", t->provisional ? "*" : "");
	draw_text(w, y, c->lead_x, c->lead_w, lead, cursor ? base : (t->provisional ? theme_attr(THEME_DIM) : A_NORMAL),
	          true);
	free(lead);
	attr_t sa = cursor ? base : status_attr(t->status, late);
	/* the warning light's mark when the cycle is on, else a late mark */
	if (t->light >= 0)
		draw_text(w, y, c->mark_x, 1, cycle_light_mark((enum cycle_light)t->light),
		          cursor ? base : light_attr(t->light), true);
	else
		draw_text(w, y, c->mark_x, 1, late ? "!" : " ", late ? theme_attr(THEME_LATE) : base, true);
	draw_text(w, y, c->status_x, c->status_w, task_status_label_for(t->status), sa, true);
	char pct[8];
	snprintf(pct, sizeof pct, "%d%%", t->progress);
	draw_text_right(w, y, c->prog_x, c->prog_w, pct, base);
}

/* ---- search in paged task lists -------------------------------------------- */

struct hit {
	bool found;
	long long pos;
};

static int
hit_cb(const struct task_row *t, void *ctx)
{
	struct hit *h = ctx;
	h->found = true;
	h->pos = t->pos;
	return 1;
}

static bool
find_in(struct view *v, const struct task_scope *sc, const char *text, long long after, bool backward, long long *pos)
{
	struct task_query q;
	app_query(v->app, &q);
	if (sc->kind == SCOPE_LEAD || sc->kind == SCOPE_COOP)
		q.dept_id = 0;
	q.search = text;
	struct hit h = { 0 };
	struct error e;
	err_clear(&e);
	q.scope = *sc;
	if (store_tasks_each(v->app->store, &q, after, backward, 1, hit_cb, &h, &e)) {
		app_error(v->app, &e);
		return false;
	}
	*pos = h.pos;
	return h.found;
}

bool
scoped_search(struct view *v, const struct task_scope *scopes, int n, const char *text, bool backward, bool inclusive)
{
	const struct list_row *r = list_current(&v->list);
	int g0 = r ? r->pos.group : 0;
	bool header = !r || r->pos.header;
	long long key = r && !r->pos.header ? r->pos.key : 0;
	long long pos = 0;
	int g = -1;
	bool wrapped = false;
	/* The cursor's group from the cursor on, the groups after it, then
	 * around the end to the groups before it and the cursor's own. */
	for (int step = 0; step <= n && g < 0; step++) {
		int gi = backward ? ((g0 - step) % n + n) % n : (g0 + step) % n;
		bool first = step == 0;
		if (first && header && backward)
			continue;
		long long after = 0;
		if (first && !header)
			after = inclusive ? (backward ? key + 1 : key - 1) : key;
		if (!first && (backward ? gi >= g0 : gi <= g0))
			wrapped = true;
		if (find_in(v, &scopes[gi], text, after, backward, &pos))
			g = gi;
	}
	if (g < 0)
		return false;
	if (!v->list.groups[g].open) {
		v->list.groups[g].open = true;
	}
	struct list_pos p = { .group = g, .key = pos };
	int row = list_find(&v->list, &p);
	if (row >= 0)
		v->list.cur = row;
	else
		list_goto(&v->list, &p, v->list.height / 3);
	if (wrapped)
		app_message(v->app, A_NORMAL, "%s", _("search wrapped around"));
	return true;
}
