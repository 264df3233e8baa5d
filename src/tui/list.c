/* list: the screenful of rows around the cursor, fetched from a source by
 * keyset paging (see list.h). The window rows[0..nrows) is what is on
 * screen; moving past either edge fetches just the rows needed beyond it
 * and drops as many from the other edge. */
#include "list.h"

#include <stdlib.h>
#include <string.h>

#include "plancon/xalloc.h"

struct rows {
	struct list_row *v;
	int n, cap;
};

void
list_init(struct list *l, const struct list_src *src, void *ctx)
{
	*l = (struct list){ .src = src, .ctx = ctx, .height = 1 };
}

static void
free_rows(struct list *l, struct list_row *r, int n)
{
	for (int i = 0; i < n; i++)
		if (r[i].data && l->src->free)
			l->src->free(r[i].data);
}

static void
clear_rows(struct list *l)
{
	free_rows(l, l->rows, l->nrows);
	l->nrows = 0;
	l->cur = 0;
}

void
list_free(struct list *l)
{
	clear_rows(l);
	free_rows(l, l->tmp, l->ntmp);
	free(l->rows);
	free(l->tmp);
	free(l->groups);
	memset(l, 0, sizeof *l);
}

void
list_set_groups(struct list *l, int n)
{
	clear_rows(l);
	free(l->groups);
	l->groups = xcalloc((size_t)(n > 0 ? n : 1), sizeof *l->groups);
	l->ngroups = n;
	for (int i = 0; i < n; i++)
		l->groups[i].open = true;
	l->top = 0;
	l->gen++;
}

static void
tmp_push(struct list *l, struct list_row r)
{
	if (l->ntmp == l->captmp) {
		l->captmp = l->captmp * 2 + 32;
		l->tmp = xrealloc(l->tmp, (size_t)l->captmp * sizeof *l->tmp);
	}
	l->tmp[l->ntmp++] = r;
}

void
list_add(struct list *l, long long key, void *data)
{
	tmp_push(l, (struct list_row){ .pos = { .group = l->fetch_group, .key = key }, .data = data });
}

/* Move what fetch collected into r, emptying tmp. */
static void
take(struct list *l, struct rows *r)
{
	r->v = l->tmp;
	r->n = l->ntmp;
	r->cap = l->captmp;
	l->tmp = NULL;
	l->ntmp = l->captmp = 0;
}

static void
fetch(struct list *l, int g, bool has_key, long long key, bool backward, int limit)
{
	if (limit <= 0 || !l->groups[g].open || l->groups[g].n <= 0)
		return;
	int before = l->ntmp;
	l->fetch_group = g;
	l->src->fetch(l->ctx, l, g, has_key, key, backward, limit);
	/* A source that gave more than asked: keep the limit. */
	if (l->ntmp - before > limit) {
		free_rows(l, l->tmp + before + limit, l->ntmp - before - limit);
		l->ntmp = before + limit;
	}
}

static void
push_header(struct list *l, int g)
{
	tmp_push(l, (struct list_row){ .pos = { .group = g, .header = true } });
}

/* Rows strictly after p (NULL: from the very start), nearest first, into tmp. */
static void
collect_after(struct list *l, const struct list_pos *p, int limit)
{
	int g = p ? p->group : 0;
	int state = !p ? 0 : p->header ? 1 : 2;    /* 0 group start, 1 after header, 2 after item */
	long long key = p && !p->header ? p->key : 0;
	for (; g < l->ngroups && l->ntmp < limit; g++, state = 0) {
		if (state == 0 && l->groups[g].header)
			push_header(l, g);
		fetch(l, g, state == 2, state == 2 ? key : 0, false, limit - l->ntmp);
	}
}

/* Rows strictly before p (NULL: from the very end), nearest first, into tmp. */
static void
collect_before(struct list *l, const struct list_pos *p, int limit)
{
	int g = p ? p->group : l->ngroups - 1;
	int state = !p ? 0 : p->header ? 1 : 2;    /* 0 group end, 1 before header, 2 before item */
	long long key = p && !p->header ? p->key : 0;
	for (; g >= 0 && l->ntmp < limit; g--, state = 0) {
		if (state == 1)
			continue;
		fetch(l, g, state == 2, state == 2 ? key : 0, true, limit - l->ntmp);
		if (l->ntmp < limit && l->groups[g].header)
			push_header(l, g);
	}
}

static long long
rows_in(const struct list_group *g)
{
	return (g->header ? 1 : 0) + (g->open ? g->n : 0);
}

static long long
total_rows(const struct list *l)
{
	long long t = 0;
	for (int g = 0; g < l->ngroups; g++)
		t += rows_in(&l->groups[g]);
	return t;
}

static long long
index_of(const struct list *l, const struct list_pos *p)
{
	long long i = 0;
	for (int g = 0; g < p->group && g < l->ngroups; g++)
		i += rows_in(&l->groups[g]);
	if (p->header)
		return i;
	if (l->groups[p->group].header)
		i++;
	return i + (l->src->rank ? l->src->rank(l->ctx, p->group, p->key) : 0);
}

static void
ensure(struct list *l, int n)
{
	l->rows = xrealloc(l->rows, (size_t)(n > 0 ? n : 1) * sizeof *l->rows);
}

void
list_goto(struct list *l, const struct list_pos *pos, int offset)
{
	clear_rows(l);
	free_rows(l, l->tmp, l->ntmp);
	l->ntmp = 0;
	int h = l->height;
	/* The rows from pos on. */
	if (pos->header) {
		if (pos->group < l->ngroups && l->groups[pos->group].header)
			push_header(l, pos->group);
		collect_after(l, pos, h);
	} else {
		struct list_pos q = *pos;
		q.key = pos->key - 1;
		collect_after(l, &q, h);
	}
	struct rows a;
	take(l, &a);
	if (offset > h - 1)
		offset = h - 1;
	if (offset < 0)
		offset = 0;
	int want = a.n < h - offset ? h - a.n : offset;
	collect_before(l, a.n ? &a.v[0].pos : pos, want);
	struct rows b;
	take(l, &b);
	ensure(l, h);
	for (int i = 0; i < b.n; i++)
		l->rows[i] = b.v[b.n - 1 - i];
	int keep = a.n < h - b.n ? a.n : h - b.n;
	if (keep > 0)
		memcpy(l->rows + b.n, a.v, (size_t)keep * sizeof *a.v);
	free_rows(l, a.v + keep, a.n - keep);
	l->nrows = b.n + keep;
	l->cur = keep > 0 ? b.n : (b.n > 0 ? b.n - 1 : 0);
	l->top = keep > 0 ? index_of(l, &a.v[0].pos) - b.n : total_rows(l) - b.n;
	if (l->top < 0)
		l->top = 0;
	free(a.v);
	free(b.v);
}

void
list_first(struct list *l)
{
	clear_rows(l);
	collect_after(l, NULL, l->height);
	struct rows a;
	take(l, &a);
	free(l->rows);
	l->rows = a.v ? a.v : xmalloc(sizeof *l->rows);
	l->nrows = a.n;
	l->cur = 0;
	l->top = 0;
}

void
list_last(struct list *l)
{
	clear_rows(l);
	collect_before(l, NULL, l->height);
	struct rows b;
	take(l, &b);
	ensure(l, b.n);
	for (int i = 0; i < b.n; i++)
		l->rows[i] = b.v[b.n - 1 - i];
	l->nrows = b.n;
	l->cur = b.n > 0 ? b.n - 1 : 0;
	l->top = total_rows(l) - b.n;
	if (l->top < 0)
		l->top = 0;
	free(b.v);
}

/* Append tmp's rows at the bottom, dropping rows at the top beyond height. */
static void
append(struct list *l)
{
	struct rows m;
	take(l, &m);
	ensure(l, l->nrows + m.n);
	if (m.n > 0)
		memcpy(l->rows + l->nrows, m.v, (size_t)m.n * sizeof *m.v);
	l->nrows += m.n;
	free(m.v);
	int drop = l->nrows - l->height;
	if (drop > 0) {
		free_rows(l, l->rows, drop);
		memmove(l->rows, l->rows + drop, (size_t)(l->nrows - drop) * sizeof *l->rows);
		l->nrows -= drop;
		l->top += drop;
		l->cur -= drop;
	}
}

/* Prepend tmp's rows (nearest first) at the top, dropping rows at the bottom. */
static void
prepend(struct list *l)
{
	struct rows m;
	take(l, &m);
	ensure(l, l->nrows + m.n);
	if (l->nrows > 0)
		memmove(l->rows + m.n, l->rows, (size_t)l->nrows * sizeof *l->rows);
	for (int i = 0; i < m.n; i++)
		l->rows[i] = m.v[m.n - 1 - i];
	l->nrows += m.n;
	l->top -= m.n;
	l->cur += m.n;
	free(m.v);
	int drop = l->nrows - l->height;
	if (drop > 0) {
		free_rows(l, l->rows + l->nrows - drop, drop);
		l->nrows -= drop;
	}
}

void
list_move(struct list *l, int n)
{
	if (l->nrows == 0 || n == 0)
		return;
	int target = l->cur + n;
	if (target >= 0 && target < l->nrows) {
		l->cur = target;
		return;
	}
	/* append and prepend keep cur on the same row; then apply the move. */
	if (n > 0) {
		collect_after(l, &l->rows[l->nrows - 1].pos, target - (l->nrows - 1));
		append(l);
		l->cur += n;
		if (l->cur >= l->nrows)
			l->cur = l->nrows - 1;
	} else {
		collect_before(l, &l->rows[0].pos, -target);
		prepend(l);
		l->cur += n;
		if (l->cur < 0)
			l->cur = 0;
	}
}

void
list_page(struct list *l, int dir)
{
	if (l->nrows == 0)
		return;
	int at = l->cur;
	if (dir > 0) {
		collect_after(l, &l->rows[l->nrows - 1].pos, l->height);
		if (l->ntmp == 0) {
			l->cur = l->nrows - 1;
			return;
		}
		append(l);
	} else {
		collect_before(l, &l->rows[0].pos, l->height);
		if (l->ntmp == 0) {
			l->cur = 0;
			return;
		}
		prepend(l);
	}
	l->cur = at < l->nrows ? at : l->nrows - 1;
}

bool
list_select(struct list *l, int y)
{
	if (y < 0 || y >= l->nrows)
		return false;
	l->cur = y;
	return true;
}

void
list_set_height(struct list *l, int height)
{
	if (height < 1)
		height = 1;
	if (height == l->height && l->nrows > 0)
		return;
	l->height = height;
	if (l->nrows == 0) {
		list_first(l);
		return;
	}
	struct list_pos p = l->rows[l->cur].pos;
	list_goto(l, &p, l->cur);
}

void
list_reload(struct list *l)
{
	l->gen++;
	if (l->nrows == 0) {
		list_first(l);
		return;
	}
	struct list_pos p = l->rows[l->cur].pos;
	list_goto(l, &p, l->cur);
}

const struct list_row *
list_current(const struct list *l)
{
	return l->nrows > 0 ? &l->rows[l->cur] : NULL;
}

void
list_position(const struct list *l, long long *index, long long *total)
{
	*total = total_rows(l);
	*index = l->nrows > 0 ? l->top + l->cur + 1 : 0;
}

int
list_find(const struct list *l, const struct list_pos *pos)
{
	for (int i = 0; i < l->nrows; i++) {
		const struct list_pos *p = &l->rows[i].pos;
		if (p->group == pos->group && p->header == pos->header && (p->header || p->key == pos->key))
			return i;
	}
	return -1;
}
