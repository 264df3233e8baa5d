/* arraysrc: one implementation of the in-memory row source, so that the
 * views that hold their rows in an array move, reload and search alike. */
#include "arraysrc.h"

#include "tui.h"

static void
fetch(void *ctx, struct list *l, int g, bool has_key, long long key, bool backward, int limit)
{
	const struct arraysrc *s = ctx;
	(void)g;
	long long n = s->count(s->ctx);
	long long i = backward ? (has_key ? key - 1 : n) : (has_key ? key + 1 : 1);
	for (int k = 0; k < limit && i >= 1 && i <= n; k++, i += backward ? -1 : 1)
		list_add(l, i, s->item(s->ctx, i - 1));
}

static long long
rank(void *ctx, int g, long long key)
{
	(void)ctx;
	(void)g;
	return key - 1;
}

static const struct list_src array_list_src = { .fetch = fetch, .rank = rank };

static void
load(struct view *v, const struct arraysrc *s)
{
	list_set_groups(&v->list, 1);
	s->load(s->ctx);
	v->list.groups[0].n = s->count(s->ctx);
}

void
arraysrc_open(struct view *v, const struct view_ops *ops, struct app *a, struct arraysrc *s)
{
	view_init(v, ops, a, &array_list_src, s);
	load(v, s);
	list_first(&v->list);
}

void
arraysrc_reload(struct view *v, const struct arraysrc *s)
{
	/* The rows point into the array: drop them before it is rebuilt. */
	const struct list_row *r = list_current(&v->list);
	bool had = r != NULL;
	struct list_pos pos = r ? r->pos : (struct list_pos){ 0 };
	int off = v->list.cur;
	load(v, s);
	if (had)
		list_goto(&v->list, &pos, off);
	else
		list_first(&v->list);
}

void
arraysrc_rebuild(struct view *v, const struct arraysrc *s)
{
	load(v, s);
	list_first(&v->list);
}

bool
arraysrc_search(struct view *v, const struct arraysrc *s, const char *text, bool backward, bool inclusive)
{
	long long n = s->count(s->ctx);
	if (n <= 0)
		return false;
	const struct list_row *r = list_current(&v->list);
	long long start = r ? r->pos.key - 1 : 0;
	for (long long k = inclusive ? 0 : 1; k <= n; k++) {
		long long i = ((backward ? start - k : start + k) % n + n) % n;
		if (!s->matches(s->ctx, i, text))
			continue;
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
	return false;
}
