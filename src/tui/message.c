/* message: what the console tells the user, in one place for every view
 * and modal. The latest message shows until the next key: on the status
 * line when it fits there whole, else wrapped, whole, on the lines just
 * above it. Every message is also kept, the last MESSAGE_KEEP of them, so
 * that one a key has cleared can still be read: M lists them, newest
 * first (the messages view, at the end of this file). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "theme.h"
#include "tui.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum { MESSAGE_KEEP = 100 };

struct message {
	char *text;
	attr_t attr;
	time_t at;                 /* the last time it was said */
	int times;                 /* said that many times in a row */
};

/* The kept messages: a ring, newest at (head - 1). */
struct message_log {
	struct message m[MESSAGE_KEEP];
	int n, head;
};

static struct message *
newest(struct message_log *l)
{
	return l->n ? &l->m[(l->head + MESSAGE_KEEP - 1) % MESSAGE_KEEP] : NULL;
}

void
message_log(struct app *a, attr_t attr, const char *text)
{
	if (!text || !*text)
		return;
	if (!a->log)
		a->log = xcalloc(1, sizeof *a->log);
	struct message_log *l = a->log;
	struct message *last = newest(l);
	if (last && !strcmp(last->text, text)) {
		last->times++;
		last->at = time(NULL);
	} else {
		struct message *m = &l->m[l->head];
		free(m->text);
		*m = (struct message){ .text = xstrdup(text), .attr = attr, .at = time(NULL), .times = 1 };
		l->head = (l->head + 1) % MESSAGE_KEEP;
		if (l->n < MESSAGE_KEEP)
			l->n++;
	}
	struct view *v = app_view(a);
	if (v && v->ops->id == VIEW_MESSAGES)
		v->detail.valid = false;
}

void
message_free(struct app *a)
{
	if (!a->log)
		return;
	for (int i = 0; i < MESSAGE_KEEP; i++)
		free(a->log->m[i].text);
	free(a->log);
	a->log = NULL;
}

void
app_message(struct app *a, attr_t attr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_attr = attr;
	message_log(a, attr, a->msg);
}

void
app_error(struct app *a, const struct error *e)
{
	app_message(a, theme_attr(THEME_LATE), "%s", e->msg[0] ? e->msg : err_name(e->code));
}

/* ---- showing the latest ------------------------------------------------------- */

bool
message_status(struct app *a, int x, int cols)
{
	a->msg_over = false;
	if (!a->msg[0])
		return false;
	if (cols > 0 && text_width(a->msg) <= cols) {
		attr_t st = theme_attr(THEME_STATUS);
		draw_text(a->status, 0, x, cols, a->msg, a->msg_attr ? a->msg_attr : st, false);
		return true;
	}
	a->msg_over = true;
	return false;
}

void
message_draw_over(struct app *a)
{
	if (!a->msg[0] || !a->msg_over || a->too_small)
		return;
	char **lines;
	size_t n = text_wrap(a->msg, a->cols - 2, &lines);
	int h = (int)n < a->rows - 2 ? (int)n : a->rows - 2;
	WINDOW *w = h > 0 ? newwin(h, a->cols, a->rows - 1 - h, 0) : NULL;
	if (w) {
		attr_t st = theme_attr(THEME_STATUS);
		for (int i = 0; i < h; i++) {
			draw_blank(w, i, 0, a->cols, st);
			draw_text(w, i, 1, a->cols - 2, lines[i], a->msg_attr ? a->msg_attr : st, false);
		}
		wnoutrefresh(w);
		delwin(w);
	}
	text_lines_free(lines, n);
}

/* ---- the messages view (M) ----------------------------------------------------- */

static void
messages_detail(struct view *v, const struct list_row *r, struct detail *d)
{
	(void)r;
	struct message_log *l = v->app->log;
	detail_text(d, A_BOLD, _("The last messages, newest first"));
	detail_blank(d);
	if (!l || !l->n)
		detail_text(d, theme_attr(THEME_DIM), _("No messages yet."));
	for (int i = 0; l && i < l->n; i++) {
		const struct message *m = &l->m[(l->head + MESSAGE_KEEP - 1 - i) % MESSAGE_KEEP];
		struct tm tm;
		char when[16] = "";
		if (localtime_r(&m->at, &tm))
			strftime(when, sizeof when, " %H:%M:%S", &tm);
		char *text = m->times > 1 ? xasprintf(_("%s (%d times)"), m->text, m->times) : xstrdup(m->text);
		detail_columns(d, when, 11, text, m->attr);
		free(text);
	}
	detail_blank(d);
	detail_text(d, theme_attr(THEME_DIM), _("q, Esc or M closes this list."));
}

static int
messages_key(struct view *v, enum tui_act act, int key)
{
	(void)key;
	if (act == TUI_ACT_CLEAR || act == TUI_ACT_BACK || act == TUI_ACT_MESSAGES) {
		app_pop(v->app);
		return TUI_HANDLED;
	}
	return 0;
}

static struct view *
messages_open(struct app *a, const void *arg)
{
	(void)arg;
	struct view *v = xcalloc(1, sizeof *v);
	view_init(v, &messages_view_ops, a, NULL, NULL);
	return v;
}

static void
messages_reload(struct view *v)
{
	v->detail.valid = false;
}

static void
messages_close(struct view *v)
{
	view_fini(v);
	free(v);
}

const struct view_ops messages_view_ops = {
	.id = VIEW_MESSAGES,
	.name = N_("Messages"),
	.open = messages_open,
	.close = messages_close,
	.reload = messages_reload,
	.detail = messages_detail,
	.key = messages_key,
	.scroll_only = true,
};
