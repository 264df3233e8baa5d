/* ask: a question on the status line (a date, a reason), answered with
 * Enter, dropped with Esc; its answer goes to the asker's function, which
 * may ask the next question in the same place (ask_again). */
#include <stdlib.h>

#include "draw.h"
#include "prompt.h"
#include "theme.h"
#include "tui.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

struct ask {
	struct modal m;
	struct prompt p;
	char *label;
	ask_fn fn;
	void *ctx;
	void (*free_ctx)(void *);
};

static bool
ask_key(struct modal *m, struct app *a, int key)
{
	struct ask *q = (struct ask *)m;
	enum prompt_result r = prompt_key(&q->p, key);
	if (r == PROMPT_CANCEL) {
		app_message(a, A_NORMAL, _("cancelled: nothing saved"));
		return true;
	}
	if (r != PROMPT_ACCEPT)
		return false;
	char *text = prompt_text(&q->p);
	bool done = q->fn(a, m, q->ctx, text);
	free(text);
	return done;
}

static void
ask_draw(struct modal *m, struct app *a)
{
	struct ask *q = (struct ask *)m;
	attr_t st = theme_attr(THEME_STATUS);
	int lw = text_width(q->label);
	draw_blank(a->status, 0, 0, a->cols, st);
	draw_text(a->status, 0, 0, lw, q->label, st | A_BOLD, false);
	int mw = a->msg[0] ? text_width(a->msg) + 2 : 0;
	if (!message_status(a, a->cols - mw, mw > a->cols / 2 ? 0 : mw - 1))
		mw = 0;
	prompt_draw(&q->p, a->status, 0, lw, a->cols - lw - 1 - mw, st);
	wnoutrefresh(a->status);
}

static void
ask_free(struct modal *m)
{
	struct ask *q = (struct ask *)m;
	prompt_free(&q->p);
	if (q->free_ctx)
		q->free_ctx(q->ctx);
	free(q->label);
	free(q);
}

static const struct modal_ops ask_ops = { .key = ask_key, .draw = ask_draw, .free = ask_free };

void
ask_start(struct app *a, const char *label, const char *initial, ask_fn fn, void *ctx, void (*free_ctx)(void *))
{
	struct ask *q = xcalloc(1, sizeof *q);
	q->m.ops = &ask_ops;
	q->label = xstrdup(label);
	q->fn = fn;
	q->ctx = ctx;
	q->free_ctx = free_ctx;
	prompt_init(&q->p, initial, 0);
	app_modal(a, &q->m);
}

void
ask_again(struct modal *m, const char *label, const char *initial)
{
	struct ask *q = (struct ask *)m;
	free(q->label);
	q->label = xstrdup(label);
	prompt_free(&q->p);
	prompt_init(&q->p, initial, 0);
}
