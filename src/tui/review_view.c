/* review_view: 审核, the office's view of the cycle: the reports waiting
 * for review (store_report_queue_each, oldest submission first, one page
 * of PAGE rows from the queue's index) and, below them, the extension
 * requests waiting for a decision (store_extensions_each). a accepts a
 * report, r returns it with a reason, v verifies the task done (the report
 * that claimed done accepted); y approves an extension request, n rejects
 * it with a reason; Enter opens the task with its reports. A report that
 * claimed done and was accepted here stays in the list, marked, until v
 * verifies it (or the view is left and opened again). Every refusal is the
 * store's message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arraysrc.h"
#include "draw.h"
#include "theme.h"
#include "tui.h"
#include "plancon/model.h"
#include "plancon/store_office.h"
#include "plancon/store_reports.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum { PAGE = 200, EXT_PAGE = 100, CODE_W = 9, DEPT_W = 14 };

enum row_kind { ROW_HEAD_QUEUE, ROW_REPORT, ROW_HEAD_EXT, ROW_EXTENSION };

struct row {
	enum row_kind kind;
	char *code, *title, *dept, *period, *due, *when, *reason, *new_due, *old_due;
	int rev;
	bool on_time, claims_done, accepted, verified;
};

struct review {
	struct view v;
	struct row *rows;
	long long n, cap, nreports, nexts;
	struct row *kept;          /* accepted here, claiming done: until verified */
	long long nkept;
	struct arraysrc src;
};

static char *
dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void
row_free(struct row *r)
{
	char *all[] = { r->code, r->title, r->dept, r->period, r->due, r->when, r->reason, r->new_due, r->old_due };
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
		free(all[k]);
}

static struct row *
push(struct review *p)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->rows = xrealloc(p->rows, (size_t)p->cap * sizeof *p->rows);
	}
	struct row *r = &p->rows[p->n++];
	memset(r, 0, sizeof *r);
	return r;
}

static int
on_queue(const struct report_queue_row *q, void *ctx)
{
	struct review *p = ctx;
	struct row *r = push(p);
	*r = (struct row){ .kind = ROW_REPORT, .code = dup(q->code), .title = dup(q->title), .dept = dup(q->dept_short),
	                   .period = dup(q->period), .due = dup(q->due), .when = dup(q->first_local), .rev = q->rev,
	                   .on_time = q->on_time, .claims_done = q->claims_done };
	p->nreports++;
	return 0;
}

static int
on_extension(const struct extension_row *x, void *ctx)
{
	struct review *p = ctx;
	struct row *r = push(p);
	*r = (struct row){ .kind = ROW_EXTENSION, .code = dup(x->code), .title = dup(x->title), .dept = dup(x->dept),
	                   .old_due = dup(x->old_due), .new_due = dup(x->new_due), .reason = dup(x->reason),
	                   .when = dup(x->requested_local) };
	p->nexts++;
	return 0;
}

static void
rows_free(struct review *p)
{
	for (long long i = 0; i < p->n; i++)
		row_free(&p->rows[i]);
	p->n = p->nreports = p->nexts = 0;
}

static void
copy_row(struct row *to, const struct row *from)
{
	*to = *from;
	to->code = dup(from->code);
	to->title = dup(from->title);
	to->dept = dup(from->dept);
	to->period = dup(from->period);
	to->due = dup(from->due);
	to->when = dup(from->when);
	to->reason = dup(from->reason);
	to->new_due = dup(from->new_due);
	to->old_due = dup(from->old_due);
}

static void
review_load(void *ctx)
{
	struct review *p = ctx;
	struct app *a = p->v.app;
	rows_free(p);
	struct error e;
	err_clear(&e);
	push(p)->kind = ROW_HEAD_QUEUE;
	struct report_queue q = { .limit = PAGE };
	if (store_report_queue_each(a->store, &q, on_queue, p, &e))
		app_error(a, &e);
	for (long long i = 0; i < p->nkept; i++)
		if (!p->kept[i].verified)
			copy_row(push(p), &p->kept[i]);
	push(p)->kind = ROW_HEAD_EXT;
	struct extension_filter f = { .state = "requested", .limit = EXT_PAGE };
	err_clear(&e);
	if (store_extensions_each(a->store, &f, on_extension, p, &e))
		app_error(a, &e);
}

static int
first_only(const struct report_queue_row *q, void *ctx)
{
	(void)q;
	*(bool *)ctx = true;
	return 1;
}

bool
review_pressing(struct app *a)
{
	if (!a->cycle.on || !auth_is_office(&a->cli->session->id))
		return false;
	bool any = false;
	struct report_queue q = { .limit = 1 };
	struct error e;
	err_clear(&e);
	store_report_queue_each(a->store, &q, first_only, &any, &e);
	return any;
}

/* ---- rows ------------------------------------------------------------------------- */

static long long review_count(void *ctx) { return ((struct review *)ctx)->n; }
static void *review_item(void *ctx, long long i) { return &((struct review *)ctx)->rows[i]; }

static bool
review_matches(void *ctx, long long i, const char *text)
{
	const struct row *r = &((struct review *)ctx)->rows[i];
	return r->code && (draw_matches(r->code, text) || draw_matches(r->title, text) || draw_matches(r->dept, text));
}

static char *
row_info(const struct row *r)
{
	if (r->kind == ROW_EXTENSION)
		return xasprintf(_("%s -> %s: %s"), r->old_due ? r->old_due : "?", r->new_due, r->reason ? r->reason : "");
	return xasprintf(_("%s rev %d %s%s"), r->period, r->rev, r->on_time ? _("on time") : _("late"),
	                 r->accepted ? _("  accepted: v verifies") : r->claims_done ? _("  claims done") : "");
}

static void
review_row(struct view *v, WINDOW *w, int y, int width, const struct list_row *lr, bool cursor)
{
	struct review *p = (struct review *)v;
	const struct row *r = lr->data;
	attr_t base = cursor ? theme_attr(THEME_CURSOR) : A_NORMAL;
	draw_blank(w, y, 0, width, base);
	if (r->kind == ROW_HEAD_QUEUE || r->kind == ROW_HEAD_EXT) {
		long long n = r->kind == ROW_HEAD_QUEUE ? p->nreports : p->nexts;
		int most = r->kind == ROW_HEAD_QUEUE ? PAGE : EXT_PAGE;
		char *s = xasprintf(r->kind == ROW_HEAD_QUEUE ? _("Reports waiting for review (%lld%s)")
		                                              : _("Extension requests waiting (%lld%s)"),
		                    n, n >= most ? "+" : "");
		draw_text(w, y, 1, width - 1, s, base | A_BOLD | A_UNDERLINE, false);
		free(s);
		return;
	}
	int x = 3;
	x += draw_text_hl(w, y, x, CODE_W, r->code, base, v->app->search, theme_attr(THEME_MATCH), true);
	x += draw_text(w, y, x, DEPT_W, r->dept ? r->dept : "-", base, true);
	char *info = row_info(r);
	int iw = text_width(info), room = width - x - 1;
	int tw = room - (iw < room * 3 / 5 ? iw : room * 3 / 5) - 2;
	if (tw < 6)
		tw = 0;
	if (tw)
		draw_text(w, y, x, tw, r->title ? r->title : "", base, true);
	attr_t ia = cursor ? base : r->kind == ROW_REPORT && !r->on_time ? theme_attr(THEME_LATE)
	                   : r->accepted ? theme_attr(THEME_DONE) : A_NORMAL;
	draw_text(w, y, x + tw + (tw ? 2 : 0), room - tw - (tw ? 2 : 0), info, ia, false);
	free(info);
}

static void
review_header(struct view *v, WINDOW *w, int width)
{
	(void)v;
	attr_t h = theme_attr(THEME_HEADER);
	draw_blank(w, 0, 0, width, h);
	draw_text(w, 0, 1, width - 1, _("a accept  r return  v verify  y/n approve/reject an extension  Enter the task"),
	          h, false);
}

static void
review_detail(struct view *v, const struct list_row *lr, struct detail *d)
{
	(void)v;
	const struct row *r = lr->data;
	if (!r->code) {
		detail_text(d, A_BOLD, r->kind == ROW_HEAD_QUEUE ? _("Reports waiting for review")
		                                                : _("Extension requests waiting"));
		return;
	}
	detail_textf(d, A_BOLD, "%s  %s", r->code, r->title ? r->title : "");
	detail_field(d, _("Department"), r->dept, A_NORMAL);
	char *info = row_info(r);
	detail_field(d, r->kind == ROW_EXTENSION ? _("Extension") : _("Report"), info, A_NORMAL);
	free(info);
	if (r->due)
		detail_field(d, _("Due"), r->due, A_NORMAL);
	if (r->when)
		detail_field(d, r->kind == ROW_EXTENSION ? _("Requested") : _("Submitted"), r->when, A_NORMAL);
}

/* ---- decisions ---------------------------------------------------------------------- */

static struct row *
current(struct review *p)
{
	const struct list_row *r = list_current(&p->v.list);
	return r && !r->pos.header && r->pos.key >= 1 && r->pos.key <= p->n ? &p->rows[r->pos.key - 1] : NULL;
}

struct decide {
	struct review *p;
	char *code, *period;
	enum tui_act act;
};

static void
decide_free(void *ctx)
{
	struct decide *x = ctx;
	free(x->code);
	free(x->period);
	free(x);
}

/* Keep an accepted done claim in the list until it is verified. */
static void
keep(struct review *p, const struct row *r)
{
	p->kept = xrealloc(p->kept, (size_t)(p->nkept + 1) * sizeof *p->kept);
	copy_row(&p->kept[p->nkept], r);
	p->kept[p->nkept++].accepted = true;
}

static void
kept_verified(struct review *p, const char *code)
{
	for (long long i = 0; i < p->nkept; i++)
		if (!strcmp(p->kept[i].code, code))
			p->kept[i].verified = true;
}

/* Carry out act on code; reason for a return or a rejection. True when done. */
static bool
decide(struct app *a, struct review *p, enum tui_act act, const char *code, const char *period, const char *reason)
{
	const struct identity *who = &a->cli->session->id;
	struct error e;
	err_clear(&e);
	struct report_result rr;
	struct extension_result xr;
	struct write_result wr;
	enum err_code c = ERR_OK;
	switch (act) {
	case TUI_ACT_ACCEPT:
	case TUI_ACT_RETURN:
		c = store_report_review(a->store, who, code, period, act == TUI_ACT_ACCEPT, reason, &rr, &e);
		break;
	case TUI_ACT_VERIFY:
		c = store_task_verify(a->store, who, code, NULL, &wr, &e);
		break;
	default:
		c = store_extension_decide(a->store, who, code, act == TUI_ACT_APPROVE, reason, &xr, &e);
		break;
	}
	if (c) {
		app_error(a, &e);
		return c != ERR_INVALID;
	}
	switch (act) {
	case TUI_ACT_ACCEPT:
		app_message(a, theme_attr(THEME_DONE), rr.awaiting ? _("%s: the report for %s accepted; v verifies the task done")
		                                                  : _("%s: the report for %s accepted"), code, rr.period);
		break;
	case TUI_ACT_RETURN:
		app_message(a, theme_attr(THEME_DONE), _("%s: the report for %s returned"), code, rr.period);
		break;
	case TUI_ACT_VERIFY:
		kept_verified(p, code);
		app_message(a, theme_attr(THEME_DONE), _("%s verified done (销号)"), code);
		break;
	default:
		app_message(a, theme_attr(THEME_DONE), act == TUI_ACT_APPROVE ? _("%s: due date now %s")
		                                                              : _("%s: extension to %s rejected"),
		            code, xr.new_due);
		break;
	}
	app_reload_all(a);
	return true;
}

static bool
reason_answer(struct app *a, struct modal *m, void *ctx, const char *answer)
{
	(void)m;
	struct decide *x = ctx;
	if (!*answer) {
		app_message(a, theme_attr(THEME_LATE), _("a reason is required (Esc cancels)"));
		return false;
	}
	return decide(a, x->p, x->act, x->code, x->period, answer);
}

static int
review_key(struct view *v, enum tui_act act, int key)
{
	(void)key;
	struct review *p = (struct review *)v;
	if (act != TUI_ACT_OPEN && act != TUI_ACT_ACCEPT && act != TUI_ACT_RETURN && act != TUI_ACT_VERIFY &&
	    act != TUI_ACT_APPROVE && act != TUI_ACT_REJECT)
		return 0;
	struct row *r = current(p);
	if (!r || !r->code) {
		app_message(v->app, A_NORMAL, _("select a report or a request"));
		return TUI_HANDLED;
	}
	bool ext = r->kind == ROW_EXTENSION;
	if (act == TUI_ACT_OPEN) {
		app_push(v->app, &task_view_ops, r->code);
	} else if (ext != (act == TUI_ACT_APPROVE || act == TUI_ACT_REJECT)) {
		app_message(v->app, A_NORMAL, ext ? _("an extension request: y approves it, n rejects it")
		                                  : _("a report: a accepts it, r returns it, v verifies the task"));
	} else if (act == TUI_ACT_RETURN || act == TUI_ACT_REJECT) {
		struct decide *x = xcalloc(1, sizeof *x);
		*x = (struct decide){ .p = p, .code = xstrdup(r->code), .period = dup(r->period), .act = act };
		ask_start(v->app, act == TUI_ACT_RETURN ? _("Return: the reason: ") : _("Reject: the reason: "), NULL,
		          reason_answer, x, decide_free);
	} else {
		struct row copy;
		copy_row(&copy, r);
		if (decide(v->app, p, act, copy.code, copy.period, NULL) && act == TUI_ACT_ACCEPT && copy.claims_done &&
		    !copy.accepted) {
			keep(p, &copy);
			review_load(p);
			arraysrc_reload(v, &p->src);
		}
		row_free(&copy);
	}
	return TUI_HANDLED;
}

static bool
review_search(struct view *v, const char *text, bool backward, bool inclusive)
{
	return arraysrc_search(v, &((struct review *)v)->src, text, backward, inclusive);
}

/* ---- life ---------------------------------------------------------------------------- */

static struct view *
review_open(struct app *a, const void *arg)
{
	(void)arg;
	if (!auth_is_office(&a->cli->session->id)) {
		app_message(a, A_NORMAL, _("the Review view is the office's (%s): you are not on its staff"),
		            a->cli->session->id.office_name ? a->cli->session->id.office_name : "?");
		return NULL;
	}
	struct review *p = xcalloc(1, sizeof *p);
	p->src = (struct arraysrc){ .ctx = p, .count = review_count, .item = review_item, .matches = review_matches,
	                            .load = review_load };
	arraysrc_open(&p->v, &review_view_ops, a, &p->src);
	p->v.header_rows = 1;
	return &p->v;
}

static void
review_reload(struct view *v)
{
	arraysrc_reload(v, &((struct review *)v)->src);
}

static void
review_close(struct view *v)
{
	struct review *p = (struct review *)v;
	view_fini(v);
	rows_free(p);
	free(p->rows);
	for (long long i = 0; i < p->nkept; i++)
		row_free(&p->kept[i]);
	free(p->kept);
	free(p);
}

const struct view_ops review_view_ops = {
	.id = VIEW_REVIEW,
	.name = N_("Review"),
	.open = review_open,
	.close = review_close,
	.reload = review_reload,
	.draw_header = review_header,
	.draw_row = review_row,
	.detail = review_detail,
	.key = review_key,
	.search = review_search,
	.has_detail = true,
	.cycle = true,
};
