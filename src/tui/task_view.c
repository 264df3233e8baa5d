/* task_view: one task in full, over the whole screen (Enter on a task).
 * Text, not rows: the movement keys scroll; q or Backspace goes back. */
#include <stdlib.h>

#include "form.h"
#include "tui.h"
#include "plancon/xalloc.h"

struct task_view {
	struct view v;
	char *code;
};

static void
tv_detail(struct view *v, const struct list_row *r, struct detail *d)
{
	(void)r;
	detail_task(d, v->app, ((struct task_view *)v)->code);
	detail_task_reports(d, v->app, ((struct task_view *)v)->code);
}

static int
tv_key(struct view *v, enum tui_act act, int key)
{
	(void)key;
	if (act != TUI_ACT_UPDATE)
		return 0;
	form_open(v->app, ((struct task_view *)v)->code);
	return TUI_HANDLED;
}

static struct view *
tv_open(struct app *a, const void *arg)
{
	struct task_view *t = xcalloc(1, sizeof *t);
	view_init(&t->v, &task_view_ops, a, NULL, NULL);
	t->code = xstrdup(arg);
	t->v.label = xasprintf(_("Task %s"), t->code);
	return &t->v;
}

static void
tv_reload(struct view *v)
{
	v->detail.valid = false;
}

static void
tv_close(struct view *v)
{
	struct task_view *t = (struct task_view *)v;
	view_fini(v);
	free(t->code);
	free(t);
}

const struct view_ops task_view_ops = {
	.id = VIEW_TASK,
	.name = N_("Task"),
	.open = tv_open,
	.close = tv_close,
	.reload = tv_reload,
	.detail = tv_detail,
	.key = tv_key,
	.scroll_only = true,
};
