/* work_view: 工作台, the to-do list of the user's departments for the
 * reporting period (store_todo_each, as plancon todo): a section per kind
 * (returned reports with who and why, missing reports, reports to file
 * with the days to their due date, reminders unseen first with their level,
 * extension decisions, tasks due soon), each row a task to act on. Enter or
 * s on a report (or a reminder about one) opens the report form; Enter on
 * another row opens the task; x asks for a later due date. Opening the
 * view marks the reminders it shows as seen.
 *
 * One page: at most LIMIT items of each kind per department, whatever the
 * size of the plan; the counts say how many there are in all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arraysrc.h"
#include "draw.h"
#include "form.h"
#include "theme.h"
#include "tui.h"
#include "plancon/model.h"
#include "plancon/store_office.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum { LIMIT = 20, CODE_W = 9 };

struct item {
	bool heading;
	enum todo_kind kind;
	long long count;           /* a heading: how many in all */
	char *dept, *code, *title, *period, *due, *who, *at, *note, *state, *old_due;
	int days, level, progress;
	bool seen;
};

struct work {
	struct view v;
	struct item *items;
	long long n, cap;
	struct todo_counts counts;
	bool opened;               /* the first load marks reminders seen */
	int last_kind;             /* of the last item loaded, -1 none */
	struct arraysrc rows;
};

static const char *const kind_label[TODO_KIND_COUNT] = {
	[TODO_RETURNED] = N_("Returned reports"),
	[TODO_MISSING] = N_("Missing reports"),
	[TODO_TO_FILE] = N_("Reports to file"),
	[TODO_REMINDER] = N_("Reminders"),
	[TODO_EXTENSION] = N_("Extension decisions"),
	[TODO_DUE_SOON] = N_("Due soon"),
};

static char *
dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void
items_free(struct work *w)
{
	for (long long i = 0; i < w->n; i++) {
		struct item *t = &w->items[i];
		char *all[] = { t->dept, t->code, t->title, t->period, t->due, t->who, t->at, t->note, t->state,
		                t->old_due };
		for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
			free(all[k]);
	}
	w->n = 0;
}

static struct item *
push(struct work *w)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 32;
		w->items = xrealloc(w->items, (size_t)w->cap * sizeof *w->items);
	}
	struct item *t = &w->items[w->n++];
	memset(t, 0, sizeof *t);
	return t;
}

static int
on_item(const struct todo_item *it, void *ctx)
{
	struct work *w = ctx;
	if ((int)it->kind != w->last_kind) {
		struct item *h = push(w);
		h->heading = true;
		h->kind = it->kind;
		w->last_kind = (int)it->kind;
	}
	struct item *t = push(w);
	*t = (struct item){
		.kind = it->kind, .dept = dup(it->dept), .code = dup(it->code), .title = dup(it->title),
		.period = dup(it->period), .due = dup(it->due), .who = dup(it->who), .at = dup(it->at),
		.note = dup(it->note), .state = dup(it->state), .old_due = dup(it->old_due), .days = it->days,
		.level = it->level, .progress = it->progress, .seen = it->seen,
	};
	return 0;
}

static void
query(struct app *a, struct todo_query *q, bool mark)
{
	const struct identity *id = &a->cli->session->id;
	*q = (struct todo_query){ .depts = id->depts, .ndepts = id->ndepts, .as_of = a->as_of, .cs = &a->cycle,
	                          .limit = LIMIT, .mark_seen = mark };
}

static void
work_load(void *ctx)
{
	struct work *w = ctx;
	struct app *a = w->v.app;
	items_free(w);
	w->last_kind = -1;
	memset(&w->counts, 0, sizeof w->counts);
	if (!a->cli->session->id.ndepts)
		return;
	struct todo_query q;
	query(a, &q, !w->opened);
	w->opened = true;
	struct error e;
	err_clear(&e);
	if (store_todo_each(a->store, &a->cli->session->id, &q, on_item, w, &w->counts, &e))
		app_error(a, &e);
	for (long long i = 0; i < w->n; i++)
		if (w->items[i].heading)
			w->items[i].count = w->counts.n[w->items[i].kind];
	free(w->v.label);
	w->v.label = xasprintf(_("Work %s, due %s"), w->counts.period, w->counts.due);
}

static int
count_only(const struct todo_item *it, void *ctx)
{
	(void)it;
	(void)ctx;
	return 0;
}

bool
work_pressing(struct app *a)
{
	if (!a->cycle.on || !a->cli->session->id.ndepts)
		return false;
	struct todo_query q;
	query(a, &q, false);
	q.limit = 1;
	struct todo_counts n;
	struct error e;
	err_clear(&e);
	if (store_todo_each(a->store, &a->cli->session->id, &q, count_only, NULL, &n, &e))
		return false;
	return n.n[TODO_RETURNED] || n.n[TODO_MISSING] || n.n[TODO_TO_FILE] || n.unseen;
}

/* ---- rows ------------------------------------------------------------------------- */

static long long work_count(void *ctx) { return ((struct work *)ctx)->n; }
static void *work_item(void *ctx, long long i) { return &((struct work *)ctx)->items[i]; }

static bool
work_matches(void *ctx, long long i, const char *text)
{
	const struct item *t = &((struct work *)ctx)->items[i];
	return !t->heading && (draw_matches(t->code, text) || draw_matches(t->title, text) ||
	                       draw_matches(t->note, text));
}

/* What a row says after the title. */
static char *
item_info(const struct item *t)
{
	switch (t->kind) {
	case TODO_RETURNED:
		return xasprintf(_("%s returned by %s: %s"), t->period, t->who ? t->who : "?", t->note ? t->note : "");
	case TODO_MISSING:
		return xasprintf(_("%s due %s, %d days overdue"), t->period, t->due, -t->days);
	case TODO_TO_FILE:
		return xasprintf(_("%s due %s, in %d days"), t->period, t->due, t->days);
	case TODO_REMINDER:
		return xasprintf(_("%s%s from %s: %s"), t->seen ? "" : _("NEW "), model_reminder_level_label(t->level),
		                 t->who ? t->who : "?", t->note ? t->note : "");
	case TODO_EXTENSION:
		return xasprintf(_("extension %s: %s -> %s %s"), model_extension_state_label(t->state),
		                 t->old_due ? t->old_due : "?", t->due ? t->due : "?", t->note ? t->note : "");
	case TODO_DUE_SOON:
		return xasprintf(_("due %s, in %d days, %d%%"), t->due, t->days, t->progress);
	case TODO_KIND_COUNT:
		break;
	}
	return xstrdup("");
}

/* A reminder's attributes by level: 2 bold, 3 and more the late colour
 * reversed (in monochrome: reverse video). */
static attr_t
item_attr(const struct item *t)
{
	if (t->kind == TODO_RETURNED || t->kind == TODO_MISSING)
		return theme_attr(THEME_LATE);
	if (t->kind != TODO_REMINDER)
		return A_NORMAL;
	return t->level >= 3 ? theme_attr(THEME_LATE) | A_REVERSE : t->level == 2 ? A_BOLD : A_NORMAL;
}

static void
work_row(struct view *v, WINDOW *w, int y, int width, const struct list_row *r, bool cursor)
{
	const struct item *t = r->data;
	attr_t base = cursor ? theme_attr(THEME_CURSOR) : A_NORMAL;
	draw_blank(w, y, 0, width, base);
	if (t->heading) {
		char *s = xasprintf("%s (%lld)", _(kind_label[t->kind]), t->count);
		draw_text(w, y, 1, width - 1, s, base | A_BOLD | A_UNDERLINE, false);
		free(s);
		return;
	}
	int x = 3;
	x += draw_text_hl(w, y, x, CODE_W, t->code ? t->code : "-", base, v->app->search, theme_attr(THEME_MATCH), true);
	char *info = item_info(t);
	int iw = text_width(info), room = width - x - 1;
	int tw = room - (iw < room * 2 / 3 ? iw : room * 2 / 3) - 2;
	if (tw < 8)
		tw = 0;
	if (tw)
		draw_text_hl(w, y, x, tw, t->title ? t->title : _("all missing reports"), base, v->app->search,
		             theme_attr(THEME_MATCH), true);
	draw_text(w, y, x + tw + (tw ? 2 : 0), room - tw - (tw ? 2 : 0), info, cursor ? base : item_attr(t), false);
	free(info);
}

static void
work_header(struct view *v, WINDOW *w, int width)
{
	struct work *p = (struct work *)v;
	attr_t h = theme_attr(THEME_HEADER);
	draw_blank(w, 0, 0, width, h);
	char *s = !v->app->cli->session->id.ndepts
	                  ? xstrdup(_("You belong to no department: nothing to report."))
	          : p->n ? xasprintf(_("Period %s, reports due %s: %lld returned, %lld missing, %lld to file, "
	                               "%lld unseen reminders"), p->counts.period, p->counts.due,
	                             p->counts.n[TODO_RETURNED], p->counts.n[TODO_MISSING],
	                             p->counts.n[TODO_TO_FILE], p->counts.unseen)
	                 : xasprintf(_("Nothing to do for %s (reports due %s)."), p->counts.period, p->counts.due);
	draw_text(w, 0, 1, width - 1, s, h, false);
	free(s);
}

static void
work_detail(struct view *v, const struct list_row *r, struct detail *d)
{
	(void)v;
	const struct item *t = r->data;
	if (t->heading) {
		detail_textf(d, A_BOLD, "%s (%lld)", _(kind_label[t->kind]), t->count);
		return;
	}
	detail_textf(d, A_BOLD, "%s  %s", t->code ? t->code : "-", t->title ? t->title : "");
	char *info = item_info(t);
	const char *label = (unsigned)t->kind < TODO_KIND_COUNT && kind_label[t->kind] ? _(kind_label[t->kind]) : "";
	detail_field(d, label, info, item_attr(t));
	free(info);
	detail_field(d, _("Department"), t->dept, A_NORMAL);
	if (t->at)
		detail_field(d, _("At"), t->at, A_NORMAL);
	detail_blank(d);
	detail_text(d, theme_attr(THEME_DIM), t->kind <= TODO_REMINDER && t->code
	            ? _("Enter or s writes the report; x asks for a later due date.")
	            : _("Enter opens the task; x asks for a later due date."));
}

/* ---- keys -------------------------------------------------------------------------- */

static const struct item *
current(struct work *w)
{
	const struct list_row *r = list_current(&w->v.list);
	return r && !r->pos.header && r->pos.key >= 1 && r->pos.key <= w->n ? &w->items[r->pos.key - 1] : NULL;
}

struct extend {
	char *code, *date;
};

static void
extend_free(void *ctx)
{
	struct extend *x = ctx;
	free(x->code);
	free(x->date);
	free(x);
}

static bool
extend_answer(struct app *a, struct modal *m, void *ctx, const char *answer)
{
	struct extend *x = ctx;
	if (!x->date) {
		if (!*answer) {
			app_message(a, A_NORMAL, _("cancelled: nothing saved"));
			return true;
		}
		x->date = xstrdup(answer);
		ask_again(m, _("Reason: "), NULL);
		return false;
	}
	struct extension_result r;
	struct error e;
	err_clear(&e);
	if (store_extension_request(a->store, &a->cli->session->id, x->code, x->date, answer, &r, &e)) {
		app_error(a, &e);
		if (e.code == ERR_INVALID && !*answer)
			return false;
		return true;
	}
	app_message(a, theme_attr(THEME_DONE), _("%s: an extension to %s requested; the office decides"), r.code,
	            r.new_due);
	app_reload_all(a);
	return true;
}

/* x: ask for a later due date of code (the date, then the reason). */
static void
work_extend(struct app *a, const char *code)
{
	struct extend *x = xcalloc(1, sizeof *x);
	x->code = xstrdup(code);
	ask_start(a, _("New due date (YYYY-MM-DD): "), NULL, extend_answer, x, extend_free);
}

static int
work_key(struct view *v, enum tui_act act, int key)
{
	(void)key;
	const struct item *t = current((struct work *)v);
	if (act != TUI_ACT_OPEN && act != TUI_ACT_FILE && act != TUI_ACT_EXTEND)
		return 0;
	if (!t || t->heading || !t->code) {
		app_message(v->app, A_NORMAL, _("select a task's row"));
		return TUI_HANDLED;
	}
	bool report = t->kind <= TODO_REMINDER;
	if (act == TUI_ACT_EXTEND)
		work_extend(v->app, t->code);
	else if (report)
		report_form_open(v->app, t->code, t->period);
	else if (act == TUI_ACT_OPEN)
		app_push(v->app, &task_view_ops, t->code);
	else
		app_message(v->app, A_NORMAL, _("%s has no report to file now: Enter opens it"), t->code);
	return TUI_HANDLED;
}

static bool
work_search(struct view *v, const char *text, bool backward, bool inclusive)
{
	return arraysrc_search(v, &((struct work *)v)->rows, text, backward, inclusive);
}

/* ---- life ---------------------------------------------------------------------------- */

static struct view *
work_open(struct app *a, const void *arg)
{
	(void)arg;
	struct work *w = xcalloc(1, sizeof *w);
	w->rows = (struct arraysrc){ .ctx = w, .count = work_count, .item = work_item, .matches = work_matches,
	                             .load = work_load };
	arraysrc_open(&w->v, &work_view_ops, a, &w->rows);
	w->v.header_rows = 1;
	return &w->v;
}

static void
work_reload(struct view *v)
{
	arraysrc_reload(v, &((struct work *)v)->rows);
}

static void
work_close(struct view *v)
{
	struct work *w = (struct work *)v;
	view_fini(v);
	items_free(w);
	free(w->items);
	free(w);
}

const struct view_ops work_view_ops = {
	.id = VIEW_WORK,
	.name = N_("Work"),
	.open = work_open,
	.close = work_close,
	.reload = work_reload,
	.draw_header = work_header,
	.draw_row = work_row,
	.detail = work_detail,
	.key = work_key,
	.search = work_search,
	.has_detail = true,
	.cycle = true,
};
