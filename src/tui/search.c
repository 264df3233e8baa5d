/* search: "/" searches as you type (the cursor jumps to the first match
 * from where the search began; Esc goes back there), n and N go on; and
 * "f", the filter of the task lists, chosen from pickers. */
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "prompt.h"
#include "taskrow.h"
#include "theme.h"
#include "tui.h"
#include "plancon/model.h"
#include "plancon/store_plan.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

/* ---- search ----------------------------------------------------------------- */

struct search_modal {
	struct modal m;
	struct prompt p;
	bool has_mark;
	struct list_pos mark;      /* where the search began */
	int mark_offset;
	char *before;              /* the highlight before the search, restored by Esc */
	bool found;
	bool due;                  /* the text changed and was not searched yet */
};

static void
back_to_mark(struct search_modal *s, struct view *v)
{
	if (!s->has_mark)
		return;
	const struct list_row *r = list_current(&v->list);
	if (r && r->pos.group == s->mark.group && r->pos.header == s->mark.header && r->pos.key == s->mark.key)
		return;
	list_goto(&v->list, &s->mark, s->mark_offset);
}

/* Search for the prompt's text from where the search began. */
static void
search_now(struct search_modal *s, struct app *a, const char *text)
{
	struct view *v = app_view(a);
	back_to_mark(s, v);
	free(a->search);
	a->search = NULL;
	s->found = false;
	s->due = false;
	if (*text) {
		a->search = xstrdup(text);
		s->found = v->ops->search(v, text, false, true);
		if (!s->found)
			app_message(a, theme_attr(THEME_LATE), _("no match"));
	}
}

static bool
search_key(struct modal *m, struct app *a, int key)
{
	struct search_modal *s = (struct search_modal *)m;
	struct view *v = app_view(a);
	enum prompt_result r = prompt_key(&s->p, key);
	char *text = prompt_text(&s->p);
	bool done = false;
	switch (r) {
	case PROMPT_CHANGED:
		/* A word committed by an input method, or pasted, arrives as
		 * keys that are all waiting: search once, for all of them. */
		s->due = true;
		break;
	case PROMPT_ACCEPT:
		if (s->due)
			search_now(s, a, text);
		if (*text && !s->found)
			app_message(a, theme_attr(THEME_LATE), _("no match for \"%s\""), text);
		if (!*text) {
			free(a->search);
			a->search = s->before;
			s->before = NULL;
		}
		done = true;
		break;
	case PROMPT_CANCEL:
		back_to_mark(s, v);
		free(a->search);
		a->search = s->before;
		s->before = NULL;
		done = true;
		break;
	default:
		break;
	}
	if (!done && s->due && !app_key_pending(a))
		search_now(s, a, text);
	free(text);
	return done;
}

static void
search_draw(struct modal *m, struct app *a)
{
	struct search_modal *s = (struct search_modal *)m;
	attr_t st = theme_attr(THEME_STATUS);
	draw_blank(a->status, 0, 0, a->cols, st);
	draw_text(a->status, 0, 0, 1, "/", st | A_BOLD, false);
	/* A short message at the right; a longer one above the line. */
	int mw = a->msg[0] ? text_width(a->msg) + 2 : 0;
	if (!message_status(a, a->cols - mw, mw > a->cols / 3 ? 0 : mw - 1))
		mw = 0;
	prompt_draw(&s->p, a->status, 0, 1, a->cols - 2 - mw, st);
	wnoutrefresh(a->status);
}

static void
search_free(struct modal *m)
{
	struct search_modal *s = (struct search_modal *)m;
	prompt_free(&s->p);
	free(s->before);
	free(s);
}

static const struct modal_ops search_ops = {
	.key = search_key,
	.draw = search_draw,
	.free = search_free,
};

void
search_start(struct app *a)
{
	struct view *v = app_view(a);
	if (!v->ops->search) {
		app_message(a, A_NORMAL, _("nothing to search here"));
		return;
	}
	struct search_modal *s = xcalloc(1, sizeof *s);
	s->m.ops = &search_ops;
	prompt_init(&s->p, NULL, 200);
	const struct list_row *r = list_current(&v->list);
	if (r) {
		s->has_mark = true;
		s->mark = r->pos;
		s->mark_offset = v->list.cur;
	}
	s->before = a->search ? xstrdup(a->search) : NULL;
	app_modal(a, &s->m);
}

void
search_next(struct app *a, bool backward)
{
	struct view *v = app_view(a);
	if (!a->search) {
		app_message(a, A_NORMAL, _("no search yet: press / to search"));
		return;
	}
	if (!v->ops->search)
		return;
	if (!v->ops->search(v, a->search, backward, false))
		app_message(a, theme_attr(THEME_LATE), _("no match for \"%s\""), a->search);
}

/* ---- filter ----------------------------------------------------------------- */

enum filter_stage { STAGE_WHAT, STAGE_STATUS, STAGE_DEPT, STAGE_CHAPTER };

struct filter_modal {
	struct modal m;
	struct picker pk;
	enum filter_stage stage;
	long long *ids;
	int *nos;
	char **names;
	int n, cap;
	bool can_clear;
};

static void
add_choice(struct filter_modal *f, const char *shown, long long id, int no, const char *name)
{
	if (f->n == f->cap) {
		f->cap = f->cap * 2 + 16;
		f->ids = xrealloc(f->ids, (size_t)f->cap * sizeof *f->ids);
		f->nos = xrealloc(f->nos, (size_t)f->cap * sizeof *f->nos);
		f->names = xrealloc(f->names, (size_t)f->cap * sizeof *f->names);
	}
	f->ids[f->n] = id;
	f->nos[f->n] = no;
	f->names[f->n] = xstrdup(name);
	f->n++;
	picker_add(&f->pk, shown);
}

static void
clear_choices(struct filter_modal *f)
{
	for (int i = 0; i < f->n; i++)
		free(f->names[i]);
	f->n = 0;
}

static int
dept_choice(const struct dept_row *d, void *ctx)
{
	char *s = xasprintf("%s  %s", d->short_name, d->name);
	add_choice(ctx, s, d->id, 0, d->short_name);
	free(s);
	return 0;
}

static int
chapter_choice(const struct chapter_row *c, void *ctx)
{
	char *s = xasprintf("%d %s", c->no, c->title);
	add_choice(ctx, s, c->id, c->no, c->title);
	free(s);
	return 0;
}

static void
to_stage(struct filter_modal *f, struct app *a, enum filter_stage st)
{
	static const char *const titles[] = {
		[STAGE_STATUS] = N_(" Filter by status "),
		[STAGE_DEPT] = N_(" Filter by department (lead or cooperating) "),
		[STAGE_CHAPTER] = N_(" Filter by chapter "),
	};
	picker_free(&f->pk);
	clear_choices(f);
	picker_init(&f->pk, _(titles[st]));
	f->stage = st;
	struct error e;
	err_clear(&e);
	switch (st) {
	case STAGE_STATUS:
		for (int i = 0; i < TS_COUNT; i++)
			add_choice(f, task_status_label((enum task_status)i), i, 0, task_status_key((enum task_status)i));
		break;
	case STAGE_DEPT:
		if (store_depts_each(a->store, NULL, dept_choice, f, &e))
			app_error(a, &e);
		break;
	case STAGE_CHAPTER:
		if (store_chapters_each(a->store, 0, chapter_choice, f, &e))
			app_error(a, &e);
		break;
	case STAGE_WHAT:
		break;
	}
}

static bool
filter_key(struct modal *m, struct app *a, int key)
{
	struct filter_modal *f = (struct filter_modal *)m;
	int i = -1;
	switch (picker_key(&f->pk, key, &i)) {
	case PICK_CANCEL:
		return true;
	case PICK_NONE:
		return false;
	case PICK_CHOSEN:
		break;
	}
	struct tui_filter *t = &a->filter;
	switch (f->stage) {
	case STAGE_WHAT:
		if (i == 3) {
			filter_clear(a);
			app_message(a, A_NORMAL, _("filter cleared"));
			return true;
		}
		to_stage(f, a, i == 0 ? STAGE_STATUS : i == 1 ? STAGE_DEPT : STAGE_CHAPTER);
		return false;
	case STAGE_STATUS:
		free(t->status);
		t->status = xstrdup(f->names[i]);
		break;
	case STAGE_DEPT:
		free(t->dept);
		t->dept = xstrdup(f->names[i]);
		t->dept_id = f->ids[i];
		break;
	case STAGE_CHAPTER:
		t->chapter_id = f->ids[i];
		t->chapter_no = f->nos[i];
		break;
	}
	app_reload_all(a);
	return true;
}

static void
filter_draw(struct modal *m, struct app *a)
{
	struct filter_modal *f = (struct filter_modal *)m;
	WINDOW *w = picker_draw(&f->pk, a->rows, a->cols, theme_attr(THEME_TITLE), theme_attr(THEME_CURSOR));
	if (w) {
		wnoutrefresh(w);
		delwin(w);
	}
}

static void
filter_free(struct modal *m)
{
	struct filter_modal *f = (struct filter_modal *)m;
	picker_free(&f->pk);
	clear_choices(f);
	free(f->ids);
	free(f->nos);
	free(f->names);
	free(f);
}

static const struct modal_ops filter_ops = {
	.key = filter_key,
	.draw = filter_draw,
	.free = filter_free,
};

void
filter_start(struct app *a)
{
	struct filter_modal *f = xcalloc(1, sizeof *f);
	f->m.ops = &filter_ops;
	picker_init(&f->pk, _(" Filter the tasks by "));
	picker_add(&f->pk, _("Status"));
	picker_add(&f->pk, _("Department"));
	picker_add(&f->pk, P_("filter", "Chapter"));
	if (app_filtered(a))
		picker_add(&f->pk, _("Clear the filter"));
	app_modal(a, &f->m);
}

void
filter_clear(struct app *a)
{
	free(a->filter.status);
	free(a->filter.dept);
	memset(&a->filter, 0, sizeof a->filter);
	app_reload_all(a);
}

void
filter_light_next(struct app *a)
{
	/* any, then red, yellow, green, closed (1 + enum cycle_light) */
	static const int next[] = {
		[0] = 1 + CYCLE_LIGHT_RED, [1 + CYCLE_LIGHT_RED] = 1 + CYCLE_LIGHT_YELLOW,
		[1 + CYCLE_LIGHT_YELLOW] = 1 + CYCLE_LIGHT_GREEN, [1 + CYCLE_LIGHT_GREEN] = 1 + CYCLE_LIGHT_CLOSED,
		[1 + CYCLE_LIGHT_CLOSED] = 0,
	};
	if (!a->cycle.on) {
		app_message(a, A_NORMAL, "%s", _("no warning lights: the supervision cycle is off"));
		return;
	}
	a->filter.light = next[a->filter.light];
	app_reload_all(a);
	if (a->filter.light)
		app_message(a, A_NORMAL, _("showing the tasks with a %s"), light_label(a->filter.light - 1));
	else
		app_message(a, A_NORMAL, "%s", _("showing every light"));
}

char *
filter_text(const struct app *a)
{
	const struct tui_filter *f = &a->filter;
	char ch[32] = "";
	if (f->chapter_id)
		snprintf(ch, sizeof ch, _("chapter %d"), f->chapter_no);
	const char *parts[4] = {
		f->status ? task_status_label_for(f->status) : NULL,
		f->dept_id ? f->dept : NULL,
		f->chapter_id ? ch : NULL,
		f->light ? light_label(f->light - 1) : NULL,
	};
	size_t len = 1;
	for (int i = 0; i < 4; i++)
		if (parts[i])
			len += strlen(parts[i]) + 2;
	char *s = xmalloc(len);
	s[0] = '\0';
	for (int i = 0; i < 4; i++) {
		if (!parts[i])
			continue;
		if (s[0])
			strcat(s, ", ");
		strcat(s, parts[i]);
	}
	return s;
}
