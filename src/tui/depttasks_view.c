/* depttasks_view: one department's tasks, in two groups: those it leads
 * and those it cooperates on. Opened with Enter in the departments view;
 * q or Backspace goes back. The filter's status and chapter apply. */
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "form.h"
#include "taskrow.h"
#include "theme.h"
#include "tui.h"
#include "plancon/store_tasks.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

struct dept_tasks {
	struct view v;
	long long dept_id;
	char *short_name, *name;
	struct task_scope scopes[2];
	struct task_cols cols;
};

static void
query(struct dept_tasks *p, struct task_query *q)
{
	app_query(p->v.app, q);
	q->dept_id = 0;           /* the scope is the department */
}

static int
add_task(const struct task_row *t, void *ctx)
{
	list_add(ctx, t->pos, taskrow_copy(t));
	return 0;
}

static void
dt_fetch(void *ctx, struct list *l, int g, bool has_key, long long key, bool backward, int limit)
{
	struct dept_tasks *p = ctx;
	struct task_query q;
	query(p, &q);
	struct error e;
	err_clear(&e);
	q.scope = p->scopes[g];
	if (store_tasks_each(p->v.app->store, &q, has_key ? key : 0, backward, limit, add_task, l, &e))
		app_error(p->v.app, &e);
}

static long long
dt_rank(void *ctx, int g, long long key)
{
	struct dept_tasks *p = ctx;
	struct task_query q;
	query(p, &q);
	long long n = 0;
	struct error e;
	err_clear(&e);
	q.scope = p->scopes[g];
	if (store_tasks_count(p->v.app->store, &q, key, &n, &e))
		app_error(p->v.app, &e);
	return n;
}

static const struct list_src dt_src = { .fetch = dt_fetch, .rank = dt_rank, .free = taskrow_free };

static void
count(struct dept_tasks *p)
{
	struct task_query q;
	query(p, &q);
	for (int g = 0; g < 2; g++) {
		long long n = 0;
		struct error e;
		err_clear(&e);
		q.scope = p->scopes[g];
		if (store_tasks_count(p->v.app->store, &q, 0, &n, &e))
			app_error(p->v.app, &e);
		p->v.list.groups[g].n = n;
		p->v.list.groups[g].header = true;
	}
}

static void
dt_header(struct view *v, WINDOW *w, int width)
{
	struct dept_tasks *p = (struct dept_tasks *)v;
	task_cols(&p->cols, width);
	task_cols_header(w, 0, width, &p->cols, _("Task"));
}

static void
dt_row(struct view *v, WINDOW *w, int y, int width, const struct list_row *r, bool cursor)
{
	struct dept_tasks *p = (struct dept_tasks *)v;
	if (!r->pos.header) {
		taskrow_draw(v->app, w, y, width, &p->cols, 2, r->data, cursor);
		return;
	}
	const struct list_group *g = &v->list.groups[r->pos.group];
	attr_t base = cursor ? theme_attr(THEME_CURSOR) : A_BOLD;
	draw_blank(w, y, 0, width, base);
	unsigned long n = (unsigned long)g->n;
	char *s = xasprintf(r->pos.group == 0 ? ngettext("%s Leads: %lld task", "%s Leads: %lld tasks", n)
	                                      : ngettext("%s Cooperates on: %lld task", "%s Cooperates on: %lld tasks", n),
	                    g->open ? "-" : "+", g->n);
	draw_text(w, y, 1, width - 2, s, base, true);
	free(s);
}

static void
dt_detail(struct view *v, const struct list_row *r, struct detail *d)
{
	struct dept_tasks *p = (struct dept_tasks *)v;
	if (!r->pos.header) {
		detail_task(d, v->app, ((const struct taskrow *)r->data)->code);
		return;
	}
	detail_text(d, A_BOLD, p->short_name);
	detail_field(d, _("Name"), p->name, A_NORMAL);
	detail_text(d, A_NORMAL, r->pos.group == 0 ? _("The tasks this department leads: it reports their status.")
	                                           : _("The tasks this department cooperates on."));
}

static int
dt_key(struct view *v, enum tui_act act, int key)
{
	(void)key;
	const struct list_row *r = list_current(&v->list);
	if (act == TUI_ACT_UPDATE && r && !r->pos.header) {
		form_open(v->app, ((const struct taskrow *)r->data)->code);
		return TUI_HANDLED;
	}
	if (act != TUI_ACT_OPEN || !r)
		return act == TUI_ACT_OPEN ? TUI_HANDLED : 0;
	if (!r->pos.header) {
		app_push(v->app, &task_view_ops, ((const struct taskrow *)r->data)->code);
	} else {
		struct list_group *g = &v->list.groups[r->pos.group];
		g->open = !g->open;
		list_reload(&v->list);
	}
	return TUI_HANDLED;
}

static bool
dt_search(struct view *v, const char *text, bool backward, bool inclusive)
{
	struct dept_tasks *p = (struct dept_tasks *)v;
	return scoped_search(v, p->scopes, 2, text, backward, inclusive);
}

static struct view *
dt_open(struct app *a, const void *arg)
{
	const struct dept_ref *ref = arg;
	struct dept_tasks *p = xcalloc(1, sizeof *p);
	view_init(&p->v, &dept_tasks_view_ops, a, &dt_src, p);
	p->v.header_rows = 1;
	p->dept_id = ref->id;
	p->short_name = xstrdup(ref->short_name);
	p->name = xstrdup(ref->name);
	p->v.label = xasprintf(_("Departments > %s"), ref->short_name);
	p->scopes[0] = (struct task_scope){ .kind = SCOPE_LEAD, .a = ref->id };
	p->scopes[1] = (struct task_scope){ .kind = SCOPE_COOP, .a = ref->id };
	list_set_groups(&p->v.list, 2);
	count(p);
	list_first(&p->v.list);
	return &p->v;
}

static void
dt_reload(struct view *v)
{
	count((struct dept_tasks *)v);
	list_reload(&v->list);
}

static void
dt_close(struct view *v)
{
	struct dept_tasks *p = (struct dept_tasks *)v;
	view_fini(v);
	free(p->short_name);
	free(p->name);
	free(p);
}

const struct view_ops dept_tasks_view_ops = {
	.id = VIEW_DEPT_TASKS,
	.name = N_("Department"),
	.open = dt_open,
	.close = dt_close,
	.reload = dt_reload,
	.draw_header = dt_header,
	.draw_row = dt_row,
	.detail = dt_detail,
	.key = dt_key,
	.search = dt_search,
	.has_detail = true,
};
