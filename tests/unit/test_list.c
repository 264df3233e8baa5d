/* Unit tests for the console's paged list (src/tui/list.c) on a source held
 * in memory: groups with and without header rows, closed and empty groups,
 * moving past the edges of the screen, pages, the ends, going to a row,
 * reloading when rows were removed, and the row index the status line
 * shows. The source counts its fetches, so the tests also check that a
 * move inside the screen asks it for nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../src/tui/list.h"

/* Group g has items with keys 1..n[g] (keys present[g][k] when removed). */
struct src {
	int n[4];
	bool gone[4][16];
	int fetches;
};

static void
fetch(void *ctx, struct list *l, int g, bool has_key, long long key, bool backward, int limit)
{
	struct src *s = ctx;
	s->fetches++;
	int added = 0;
	if (!backward) {
		for (long long k = has_key ? key + 1 : 1; k <= s->n[g] && added < limit; k++)
			if (!s->gone[g][k])
				list_add(l, k, NULL), added++;
	} else {
		for (long long k = has_key ? key - 1 : s->n[g]; k >= 1 && added < limit; k--)
			if (!s->gone[g][k])
				list_add(l, k, NULL), added++;
	}
}

static long long
rank(void *ctx, int g, long long key)
{
	struct src *s = ctx;
	long long r = 0;
	for (long long k = 1; k < key && k <= s->n[g]; k++)
		r += !s->gone[g][k];
	return r;
}

static const struct list_src src_ops = { .fetch = fetch, .rank = rank };

/* The rows on screen as "H0 0.1 0.2 ...", the cursor's row in brackets. */
static char *
shown(const struct list *l)
{
	static char buf[256];
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < l->nrows; i++) {
		const struct list_pos *p = &l->rows[i].pos;
		char one[16];
		if (p->header)
			snprintf(one, sizeof one, "H%d", p->group);
		else
			snprintf(one, sizeof one, "%d.%lld", p->group, p->key);
		len += (size_t)snprintf(buf + len, sizeof buf - len, i == l->cur ? "%s[%s]" : "%s%s",
		                        i ? " " : "", one);
	}
	return buf;
}

/* Four groups: 0 with a header and 3 items, 1 empty without a header,
 * 2 with a header and 5 items, 3 without a header and 2 items. */
static void
setup(struct list *l, struct src *s, int height)
{
	memset(s, 0, sizeof *s);
	s->n[0] = 3;
	s->n[2] = 5;
	s->n[3] = 2;
	list_init(l, &src_ops, s);
	list_set_groups(l, 4);
	for (int g = 0; g < 4; g++)
		l->groups[g].n = s->n[g];
	l->groups[0].header = true;
	l->groups[2].header = true;
	l->height = height;
	list_first(l);
}

static long long
index_of(const struct list *l)
{
	long long i, t;
	list_position(l, &i, &t);
	assert_int_equal(t, 12);         /* 1 + 3 + 1 + 5 + 2 */
	return i;
}

static void
test_first_and_moves(void **state)
{
	(void)state;
	struct list l;
	struct src s;
	setup(&l, &s, 4);
	assert_string_equal(shown(&l), "[H0] 0.1 0.2 0.3");
	assert_int_equal(index_of(&l), 1);
	int before = s.fetches;
	list_move(&l, 2);
	assert_string_equal(shown(&l), "H0 0.1 [0.2] 0.3");
	assert_int_equal(s.fetches, before);          /* inside the screen: no fetch */
	list_move(&l, 2);
	assert_string_equal(shown(&l), "0.1 0.2 0.3 [H2]");   /* past the edge: one row more */
	assert_int_equal(index_of(&l), 5);
	list_move(&l, 3);
	assert_string_equal(shown(&l), "H2 2.1 2.2 [2.3]");
	assert_int_equal(index_of(&l), 8);
	list_move(&l, -4);
	assert_string_equal(shown(&l), "[0.3] H2 2.1 2.2");
	assert_int_equal(index_of(&l), 4);
	list_move(&l, -10);
	assert_string_equal(shown(&l), "[H0] 0.1 0.2 0.3");
	assert_int_equal(index_of(&l), 1);
	list_free(&l);
}

static void
test_pages_and_ends(void **state)
{
	(void)state;
	struct list l;
	struct src s;
	setup(&l, &s, 4);
	list_move(&l, 1);
	list_page(&l, 1);
	assert_string_equal(shown(&l), "H2 [2.1] 2.2 2.3");
	assert_int_equal(index_of(&l), 6);
	list_page(&l, 1);
	assert_string_equal(shown(&l), "2.4 [2.5] 3.1 3.2");
	list_page(&l, 1);
	assert_string_equal(shown(&l), "2.4 2.5 3.1 [3.2]");  /* nothing after: to the last row */
	list_last(&l);
	assert_string_equal(shown(&l), "2.4 2.5 3.1 [3.2]");
	assert_int_equal(index_of(&l), 12);
	list_move(&l, 1);
	assert_string_equal(shown(&l), "2.4 2.5 3.1 [3.2]");
	list_page(&l, -1);
	assert_string_equal(shown(&l), "H2 2.1 2.2 [2.3]");
	list_page(&l, -1);
	list_page(&l, -1);
	assert_string_equal(shown(&l), "[H0] 0.1 0.2 0.3");
	list_free(&l);
}

static void
test_goto_and_select(void **state)
{
	(void)state;
	struct list l;
	struct src s;
	setup(&l, &s, 4);
	struct list_pos p = { .group = 2, .key = 4 };
	list_goto(&l, &p, 1);
	assert_string_equal(shown(&l), "2.3 [2.4] 2.5 3.1");
	assert_int_equal(index_of(&l), 9);
	p = (struct list_pos){ .group = 3, .key = 2 };
	list_goto(&l, &p, 0);                         /* near the end the screen fills upwards */
	assert_string_equal(shown(&l), "2.4 2.5 3.1 [3.2]");
	p = (struct list_pos){ .group = 2, .header = true };
	list_goto(&l, &p, 2);
	assert_string_equal(shown(&l), "0.2 0.3 [H2] 2.1");
	assert_int_equal(list_find(&l, &(struct list_pos){ .group = 0, .key = 3 }), 1);
	assert_int_equal(list_find(&l, &(struct list_pos){ .group = 3, .key = 1 }), -1);
	assert_true(list_select(&l, 3));
	assert_string_equal(shown(&l), "0.2 0.3 H2 [2.1]");
	assert_false(list_select(&l, 4));
	list_free(&l);
}

static void
test_closed_groups_and_reload(void **state)
{
	(void)state;
	struct list l;
	struct src s;
	setup(&l, &s, 4);
	l.groups[0].open = false;
	list_reload(&l);
	assert_string_equal(shown(&l), "[H0] H2 2.1 2.2");
	long long i, t;
	list_position(&l, &i, &t);
	assert_int_equal(t, 9);
	l.groups[0].open = true;
	list_move(&l, 3);
	assert_string_equal(shown(&l), "H0 H2 2.1 [2.2]");
	list_reload(&l);                              /* keeps the cursor's row where it was */
	assert_string_equal(shown(&l), "0.3 H2 2.1 [2.2]");
	/* the cursor's row is removed: the cursor goes to the next */
	s.gone[2][2] = true;
	l.groups[2].n = 4;
	list_reload(&l);
	assert_string_equal(shown(&l), "0.3 H2 2.1 [2.3]");
	list_position(&l, &i, &t);
	assert_int_equal(i, 7);
	assert_int_equal(t, 11);
	list_free(&l);
}

static void
test_resize_keeps_the_row(void **state)
{
	(void)state;
	struct list l;
	struct src s;
	setup(&l, &s, 4);
	list_move(&l, 6);
	assert_string_equal(shown(&l), "0.3 H2 2.1 [2.2]");
	list_set_height(&l, 2);
	assert_string_equal(shown(&l), "2.1 [2.2]");
	list_set_height(&l, 6);
	assert_string_equal(shown(&l), "2.1 [2.2] 2.3 2.4 2.5 3.1");
	list_free(&l);
}

static void
test_empty(void **state)
{
	(void)state;
	struct list l;
	struct src s = { 0 };
	list_init(&l, &src_ops, &s);
	list_set_groups(&l, 2);
	l.height = 5;
	list_first(&l);
	assert_null(list_current(&l));
	list_move(&l, 1);
	list_page(&l, 1);
	list_last(&l);
	list_reload(&l);
	assert_int_equal(l.nrows, 0);
	long long i, t;
	list_position(&l, &i, &t);
	assert_int_equal(i, 0);
	assert_int_equal(t, 0);
	list_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_and_moves),
		cmocka_unit_test(test_pages_and_ends),
		cmocka_unit_test(test_goto_and_select),
		cmocka_unit_test(test_closed_groups_and_reload),
		cmocka_unit_test(test_resize_keeps_the_row),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
