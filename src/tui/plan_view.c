/* plan_view: the plan as a tree: parts, chapters, sections, tasks.
 *
 * The skeleton (parts, chapters, sections) is small and held in memory
 * with each node's task counts; the tasks are not: each node is a group of
 * the list whose items (the tasks directly under it) are paged from the
 * store on demand. A node's header row is shown when its parent is
 * expanded (and, with a filter, when some task under it matches). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "form.h"
#include "taskrow.h"
#include "theme.h"
#include "tui.h"
#include "plancon/model.h"
#include "plancon/store_plan.h"
#include "plancon/store_tasks.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

struct node {
	enum tree_kind kind;
	long long id, chapter_id;      /* chapter_id: the node's chapter (its own id for a chapter) */
	int part_no, chapter_no, section_no;
	char *title, *note;
	int parent;                    /* index of the parent node, -1 for a part */
	bool expanded;
	long long n, done, late;       /* tasks directly under it (matching the filter) */
	long long pn, psum;            /* what their mean progress is made of (model.h) */
	long long sub_n, sub_done, sub_late, sub_pn, sub_psum;   /* the same with everything under it */
};

struct plan {
	struct view v;
	struct node *nodes;
	int n, cap;
	struct task_cols cols;
};

/* ---- the skeleton ------------------------------------------------------------ */

static int
node_cb(const struct tree_node_row *r, void *ctx)
{
	struct plan *p = ctx;
	if (p->n == p->cap) {
		p->cap = p->cap * 2 + 16;
		p->nodes = xrealloc(p->nodes, (size_t)p->cap * sizeof *p->nodes);
	}
	struct node *nd = &p->nodes[p->n];
	*nd = (struct node){
		.kind = r->kind, .id = r->id, .part_no = r->part_no, .chapter_no = r->chapter_no,
		.section_no = r->section_no, .title = xstrdup(r->title ? r->title : ""),
		.note = xstrdup(r->note ? r->note : ""), .parent = -1, .expanded = true,
	};
	/* The parent is the nearest node above of the kind above. */
	for (int i = p->n - 1; i >= 0 && r->kind != TREE_PART; i--) {
		if ((int)p->nodes[i].kind == (int)r->kind - 1) {
			nd->parent = i;
			break;
		}
	}
	nd->chapter_id = r->kind == TREE_CHAPTER ? r->id : r->kind == TREE_SECTION && nd->parent >= 0
	                 ? p->nodes[nd->parent].id : 0;
	p->n++;
	return 0;
}

static void
free_nodes(struct plan *p)
{
	for (int i = 0; i < p->n; i++) {
		free(p->nodes[i].title);
		free(p->nodes[i].note);
	}
	p->n = 0;
}

static int
count_cb(const struct tree_count_row *r, void *ctx)
{
	struct plan *p = ctx;
	for (int i = 0; i < p->n; i++) {
		struct node *nd = &p->nodes[i];
		bool match = r->section_id ? nd->kind == TREE_SECTION && nd->id == r->section_id
		                           : nd->kind == TREE_CHAPTER && nd->id == r->chapter_id;
		if (match) {
			nd->n = r->n;
			nd->done = r->n_done;
			nd->late = r->n_late;
			nd->pn = r->progress_n;
			nd->psum = r->progress_sum;
			break;
		}
	}
	return 0;
}

static void
load_counts(struct plan *p)
{
	struct app *a = p->v.app;
	for (int i = 0; i < p->n; i++) {
		struct node *nd = &p->nodes[i];
		nd->n = nd->done = nd->late = nd->pn = nd->psum = 0;
	}
	struct task_query q;
	app_query(a, &q);
	struct error e;
	err_clear(&e);
	if (store_tree_counts_each(a->store, &q, a->as_of, count_cb, p, &e))
		app_error(a, &e);
	for (int i = 0; i < p->n; i++) {
		struct node *nd = &p->nodes[i];
		nd->sub_n = nd->n;
		nd->sub_done = nd->done;
		nd->sub_late = nd->late;
		nd->sub_pn = nd->pn;
		nd->sub_psum = nd->psum;
	}
	for (int i = p->n - 1; i >= 0; i--) {
		struct node *nd = &p->nodes[i];
		if (nd->parent >= 0) {
			struct node *up = &p->nodes[nd->parent];
			up->sub_n += nd->sub_n;
			up->sub_done += nd->sub_done;
			up->sub_late += nd->sub_late;
			up->sub_pn += nd->sub_pn;
			up->sub_psum += nd->sub_psum;
		}
	}
}

static bool
visible(const struct plan *p, int i)
{
	bool filtered = app_filtered(p->v.app);
	for (int j = i; j >= 0; j = p->nodes[j].parent) {
		if (filtered && p->nodes[j].sub_n == 0)
			return false;
		if (j != i && !p->nodes[j].expanded)
			return false;
	}
	return true;
}

static void
apply_groups(struct plan *p)
{
	struct list *l = &p->v.list;
	for (int i = 0; i < p->n && i < l->ngroups; i++) {
		bool vis = visible(p, i);
		l->groups[i].header = vis;
		l->groups[i].open = vis && p->nodes[i].expanded;
		l->groups[i].n = p->nodes[i].n;
	}
}

/* Read the skeleton and counts; keep the expanded state of known nodes. */
static void
load(struct plan *p)
{
	struct app *a = p->v.app;
	int old_n = p->n;
	struct node *old = p->nodes;
	p->nodes = NULL;
	p->n = p->cap = 0;
	struct error e;
	err_clear(&e);
	if (store_tree_nodes_each(a->store, node_cb, p, &e))
		app_error(a, &e);
	for (int i = 0; i < p->n; i++)
		for (int j = 0; j < old_n; j++)
			if (old[j].kind == p->nodes[i].kind && old[j].id == p->nodes[i].id)
				p->nodes[i].expanded = old[j].expanded;
	for (int j = 0; j < old_n; j++) {
		free(old[j].title);
		free(old[j].note);
	}
	free(old);
	load_counts(p);
	if (p->v.list.ngroups != p->n) {
		/* the skeleton changed: the rows' groups mean other nodes now */
		list_set_groups(&p->v.list, p->n);
	}
	apply_groups(p);
}

/* ---- the list source ---------------------------------------------------------- */

static struct task_scope
scope_of(const struct node *nd)
{
	return (struct task_scope){ .kind = SCOPE_GROUP, .a = nd->chapter_id,
	                            .b = nd->kind == TREE_SECTION ? nd->id : 0 };
}

struct fetch_ctx {
	struct list *l;
};

static int
add_task(const struct task_row *t, void *ctx)
{
	struct fetch_ctx *f = ctx;
	list_add(f->l, t->pos, taskrow_copy(t));
	return 0;
}

static void
plan_fetch(void *ctx, struct list *l, int g, bool has_key, long long key, bool backward, int limit)
{
	struct plan *p = ctx;
	if (g >= p->n || p->nodes[g].kind == TREE_PART)
		return;
	struct task_scope sc = scope_of(&p->nodes[g]);
	struct task_query q;
	app_query(p->v.app, &q);
	struct fetch_ctx f = { .l = l };
	struct error e;
	err_clear(&e);
	q.scope = sc;
	if (store_tasks_each(p->v.app->store, &q, has_key ? key : 0, backward, limit, add_task, &f, &e))
		app_error(p->v.app, &e);
}

static long long
plan_rank(void *ctx, int g, long long key)
{
	struct plan *p = ctx;
	if (g >= p->n)
		return 0;
	struct task_scope sc = scope_of(&p->nodes[g]);
	struct task_query q;
	app_query(p->v.app, &q);
	long long n = 0;
	struct error e;
	err_clear(&e);
	q.scope = sc;
	if (store_tasks_count(p->v.app->store, &q, key, &n, &e))
		app_error(p->v.app, &e);
	return n;
}

static const struct list_src plan_src = {
	.fetch = plan_fetch,
	.rank = plan_rank,
	.free = taskrow_free,
};

/* ---- drawing ----------------------------------------------------------------- */

static void
plan_header(struct view *v, WINDOW *w, int width)
{
	struct plan *p = (struct plan *)v;
	task_cols(&p->cols, width);
	task_cols_header(w, 0, width, &p->cols, _("Part / chapter / section / task"));
}

static int
depth_of(const struct node *nd)
{
	return nd->kind == TREE_PART ? 0 : nd->kind == TREE_CHAPTER ? 2 : 4;
}

static char *
node_label(const struct node *nd)
{
	switch (nd->kind) {
	case TREE_PART:
		return xasprintf(_("Part %d  %s"), nd->part_no, nd->title);
	case TREE_CHAPTER:
		return xasprintf("%d  %s", nd->chapter_no, nd->title);
	default:
		return xasprintf("%d.%d  %s", nd->chapter_no, nd->section_no, nd->title);
	}
}

static bool
has_children(const struct plan *p, int i)
{
	return p->nodes[i].sub_n > 0 || (i + 1 < p->n && p->nodes[i + 1].parent == i);
}

static void
plan_row(struct view *v, WINDOW *w, int y, int width, const struct list_row *r, bool cursor)
{
	struct plan *p = (struct plan *)v;
	struct app *a = v->app;
	const struct task_cols *c = &p->cols;
	if (!r->pos.header) {
		const struct node *nd = &p->nodes[r->pos.group];
		taskrow_draw(a, w, y, width, c, depth_of(nd) + 2, r->data, cursor);
		return;
	}
	const struct node *nd = &p->nodes[r->pos.group];
	attr_t base = cursor ? theme_attr(THEME_CURSOR) : nd->kind == TREE_SECTION ? A_NORMAL : A_BOLD;
	draw_blank(w, y, 0, width, base);
	int x = 1 + depth_of(nd);
	const char *mark = !has_children(p, r->pos.group) ? " " : nd->expanded ? "-" : "+";
	draw_text(w, y, x, 2, mark, base, true);
	char *label = node_label(nd);
	draw_text_hl(w, y, x + 2, c->name_w - x - 2, label, base, a->search, theme_attr(THEME_MATCH), true);
	free(label);
	char *n = xasprintf(ngettext("%lld task", "%lld tasks", (unsigned long)nd->sub_n), nd->sub_n);
	draw_text(w, y, c->lead_x, c->lead_w, n, cursor ? base : theme_attr(THEME_DIM), true);
	free(n);
	if (nd->sub_late) {
		char *late = xasprintf(_("%lld late"), nd->sub_late);
		draw_text(w, y, c->mark_x, 1, "!", cursor ? base : theme_attr(THEME_LATE), true);
		draw_text(w, y, c->status_x, c->status_w, late, cursor ? base : theme_attr(THEME_LATE), true);
		free(late);
	} else if (nd->sub_n && nd->sub_done == nd->sub_n) {
		draw_text(w, y, c->status_x, c->status_w, _("all done"), cursor ? base : theme_attr(THEME_DONE), true);
	}
	if (nd->sub_n) {
		int pct = model_percent(nd->sub_psum, nd->sub_pn);
		char s[8];
		snprintf(s, sizeof s, pct < 0 ? "-" : "%d%%", pct);
		draw_text_right(w, y, c->prog_x, c->prog_w, s, base);
	}
}

static void
plan_detail(struct view *v, const struct list_row *r, struct detail *d)
{
	struct plan *p = (struct plan *)v;
	if (!r->pos.header) {
		detail_task(d, v->app, ((const struct taskrow *)r->data)->code);
		return;
	}
	const struct node *nd = &p->nodes[r->pos.group];
	char *label = node_label(nd);
	detail_text(d, A_BOLD, label);
	free(label);
	char *s = xasprintf(_("%lld (done %lld, late %lld)"), nd->sub_n, nd->sub_done, nd->sub_late);
	detail_field(d, app_filtered(v->app) ? _("Tasks (filter)") : _("Tasks"), s,
	             nd->sub_late ? theme_attr(THEME_LATE) : A_NORMAL);
	free(s);
	int pct = model_percent(nd->sub_psum, nd->sub_pn);
	if (pct >= 0) {
		s = xasprintf(_("%d%% on average"), pct);
		detail_field(d, _("Progress"), s, A_NORMAL);
		free(s);
	} else if (nd->sub_n) {
		detail_field(d, _("Progress"), _("- (every task is cancelled)"), A_NORMAL);
	}
	int kids = 0;
	for (int i = r->pos.group + 1; i < p->n; i++)
		kids += p->nodes[i].parent == r->pos.group;
	if (kids) {
		s = xasprintf("%d", kids);
		detail_field(d, nd->kind == TREE_PART ? _("Chapters") : _("Sections"), s, A_NORMAL);
		free(s);
	}
	if (nd->note && *nd->note) {
		detail_blank(d);
		detail_text(d, theme_attr(THEME_DIM), nd->note);
	}
	detail_blank(d);
	detail_text(d, theme_attr(THEME_DIM), nd->expanded ? _("Enter or h collapses it.") : _("Enter or l expands it."));
}

/* ---- keys -------------------------------------------------------------------- */

static void
go_header(struct plan *p, int g)
{
	struct list_pos pos = { .group = g, .header = true };
	int row = list_find(&p->v.list, &pos);
	if (row >= 0)
		p->v.list.cur = row;
	else
		list_goto(&p->v.list, &pos, p->v.list.height / 3);
}

static void
set_expanded(struct plan *p, int g, bool on)
{
	p->nodes[g].expanded = on;
	apply_groups(p);
	struct list_pos pos = { .group = g, .header = true };
	int row = list_find(&p->v.list, &pos);
	list_goto(&p->v.list, &pos, row >= 0 ? row : p->v.list.height / 3);
}

static int
plan_key(struct view *v, enum tui_act act, int key)
{
	struct plan *p = (struct plan *)v;
	const struct list_row *r = list_current(&v->list);
	(void)key;
	switch (act) {
	case TUI_ACT_OPEN:
		if (!r)
			return TUI_HANDLED;
		if (!r->pos.header)
			app_push(v->app, &task_view_ops, ((const struct taskrow *)r->data)->code);
		else if (has_children(p, r->pos.group))
			set_expanded(p, r->pos.group, !p->nodes[r->pos.group].expanded);
		return TUI_HANDLED;
	case TUI_ACT_UPDATE:
		if (!r || r->pos.header)
			return 0;
		form_open(v->app, ((const struct taskrow *)r->data)->code);
		return TUI_HANDLED;
	case TUI_ACT_BACK:
		if (!r)
			return TUI_HANDLED;
		if (!r->pos.header)
			go_header(p, r->pos.group);
		else if (p->nodes[r->pos.group].expanded && has_children(p, r->pos.group))
			set_expanded(p, r->pos.group, false);
		else if (p->nodes[r->pos.group].parent >= 0)
			go_header(p, p->nodes[r->pos.group].parent);
		return TUI_HANDLED;
	case TUI_ACT_EXPAND_ALL:
		for (int i = 0; i < p->n; i++)
			p->nodes[i].expanded = true;
		apply_groups(p);
		list_reload(&v->list);
		return TUI_HANDLED;
	case TUI_ACT_COLLAPSE_ALL: {
		/* Parts closed; what is under them stays open, so that opening a
		 * part shows all of it. The cursor goes to its part. */
		int g = r ? r->pos.group : 0, before = 0;
		while (g >= 0 && g < p->n && p->nodes[g].parent >= 0)
			g = p->nodes[g].parent;
		for (int i = 0; i < p->n; i++) {
			p->nodes[i].expanded = p->nodes[i].kind != TREE_PART;
			before += i < g && p->nodes[i].kind == TREE_PART;
		}
		apply_groups(p);
		struct list_pos pos = { .group = g < 0 ? 0 : g, .header = true };
		list_goto(&v->list, &pos, before);
		return TUI_HANDLED;
	}
	default:
		return 0;
	}
}

/* ---- search -------------------------------------------------------------------- */

static bool
plan_search(struct view *v, const char *text, bool backward, bool inclusive)
{
	struct plan *p = (struct plan *)v;
	struct app *a = v->app;
	const struct list_row *r = list_current(&v->list);
	struct tree_key from = { 0 };
	if (r) {
		const struct node *nd = &p->nodes[r->pos.group];
		if (r->pos.header) {
			from = (struct tree_key){ nd->part_no, nd->kind == TREE_PART ? -1 : nd->chapter_no,
			                          nd->kind == TREE_SECTION ? nd->section_no : -1, 0 };
		} else {
			long long pos = r->pos.key;
			if (inclusive)
				pos += backward ? 1 : -1;
			from = (struct tree_key){ nd->part_no, nd->chapter_no, nd->kind == TREE_SECTION ? nd->section_no : 0, pos };
		}
	}
	struct task_query q;
	app_query(a, &q);
	q.search = text;
	bool found = false;
	struct tree_key hit;
	long long cid = 0, sid = 0;
	struct error e;
	err_clear(&e);
	if (store_tree_find(a->store, &q, r ? &from : NULL, backward, &found, &hit, &cid, &sid, &e)) {
		app_error(a, &e);
		return false;
	}
	if (!found && r) {
		if (store_tree_find(a->store, &q, NULL, backward, &found, &hit, &cid, &sid, &e)) {
			app_error(a, &e);
			return false;
		}
		if (found)
			app_message(a, A_NORMAL, "%s", _("search wrapped around"));
	}
	if (!found)
		return false;
	int g = -1;
	for (int i = 0; i < p->n && g < 0; i++) {
		const struct node *nd = &p->nodes[i];
		if (sid ? nd->kind == TREE_SECTION && nd->id == sid : nd->kind == TREE_CHAPTER && nd->id == cid)
			g = i;
	}
	if (g < 0)
		return false;
	bool changed = false;
	for (int j = g; j >= 0; j = p->nodes[j].parent) {
		changed |= !p->nodes[j].expanded;
		p->nodes[j].expanded = true;
	}
	struct list_pos pos = { .group = g, .key = hit.pos };
	if (changed)
		apply_groups(p);
	int row = changed ? -1 : list_find(&v->list, &pos);
	if (row >= 0)
		v->list.cur = row;
	else
		list_goto(&v->list, &pos, v->list.height / 3);
	return true;
}

/* ---- life ------------------------------------------------------------------------ */

static struct view *
plan_open(struct app *a, const void *arg)
{
	(void)arg;
	struct plan *p = xcalloc(1, sizeof *p);
	view_init(&p->v, &plan_view_ops, a, &plan_src, p);
	p->v.header_rows = 1;
	load(p);
	list_first(&p->v.list);
	return &p->v;
}

static void
plan_reload(struct view *v)
{
	load((struct plan *)v);
	list_reload(&v->list);
}

static void
plan_close(struct view *v)
{
	struct plan *p = (struct plan *)v;
	view_fini(v);
	free_nodes(p);
	free(p->nodes);
	free(p);
}

const struct view_ops plan_view_ops = {
	.id = VIEW_PLAN,
	.name = N_("Plan"),
	.open = plan_open,
	.close = plan_close,
	.reload = plan_reload,
	.draw_header = plan_header,
	.draw_row = plan_row,
	.detail = plan_detail,
	.key = plan_key,
	.search = plan_search,
	.has_detail = true,
};
