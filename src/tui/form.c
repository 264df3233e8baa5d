/* form: the update form of one task, a modal box over the screen.
 *
 *   Status    < in progress >      Left/Right or Space
 *   Progress  [40 ] %
 *   Note      several lines (Ctrl-J starts a new one), Chinese typed
 *             through the terminal's input method
 *
 * Enter saves through store_task_update with the version the form was
 * opened on; Esc closes without writing anything. When someone else saved
 * the task in between, the store refuses with "changed by NAME at TIME":
 * the form then shows the task's new values, keeps what the user typed and
 * takes the new version, so that a second Enter saves it over them (the
 * user has seen what changed) and Esc drops it. Nothing is held open while
 * the form waits for keys: the store's transaction lasts one save. */
#include "form.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "prompt.h"
#include "theme.h"
#include "tui.h"
#include "plancon/auth.h"
#include "plancon/model.h"
#include "plancon/store_tasks.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum field { F_STATUS, F_PROGRESS, F_NOTE };
enum { LABEL = 12, NOTE_LINES_MAX = 100, MSG_LINES = 2 };

struct form {
	struct modal m;
	struct app *app;
	const struct identity *who;   /* the session's */
	char *code, *title;
	/* the task as last read from the store */
	long long version;
	int status0, progress0;
	char *changed_by, *changed_at;
	/* what the user has typed */
	int status;
	struct prompt progress;
	struct prompt *lines;
	int nlines, line, top;
	enum field focus;
	bool note_only;            /* the user's department only cooperates */
	char msg[600];
	attr_t msg_attr;
};

/* ---- the task as it is --------------------------------------------------------- */

struct loaded {
	struct form *f;
	bool found;
};

static int
on_task(const struct task_row *t, void *ctx)
{
	struct loaded *l = ctx;
	struct form *f = l->f;
	l->found = true;
	free(f->title);
	free(f->changed_by);
	free(f->changed_at);
	f->title = xstrdup(t->title ? t->title : "");
	f->changed_by = t->updated_by ? xstrdup(t->updated_by) : NULL;
	f->changed_at = t->updated_at ? xstrdup(t->updated_at) : NULL;
	f->version = t->version;
	int s = task_status_parse(t->status);
	f->status0 = s < 0 ? TS_NOT_STARTED : s;
	f->progress0 = t->progress;
	return 0;
}

static enum err_code
load(struct form *f, struct app *a, struct error *e)
{
	struct loaded l = { .f = f };
	enum err_code c = store_task_get(a->store, f->code, on_task, &l, e);
	return c ? c : l.found ? ERR_OK : err_set(e, ERR_NOT_FOUND, _("no task %s"), f->code);
}

/* What the form says, inside its box; kept among the console's last
 * messages (M) too. */
static void
say(struct form *f, attr_t attr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
say(struct form *f, attr_t attr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof f->msg, fmt, ap);
	va_end(ap);
	f->msg_attr = attr;
	message_log(f->app, attr, f->msg);
}

/* ---- the note: one prompt per line ---------------------------------------------- */

static int
note_chars(const struct form *f)
{
	size_t n = 0;
	for (int i = 0; i < f->nlines; i++)
		n += f->lines[i].len + 1;
	return (int)n;
}

static void
line_insert(struct form *f, int at)
{
	f->lines = xrealloc(f->lines, (size_t)(f->nlines + 1) * sizeof *f->lines);
	memmove(f->lines + at + 1, f->lines + at, (size_t)(f->nlines - at) * sizeof *f->lines);
	prompt_init(&f->lines[at], NULL, 0);
	f->nlines++;
}

static void
line_remove(struct form *f, int at)
{
	prompt_free(&f->lines[at]);
	memmove(f->lines + at, f->lines + at + 1, (size_t)(f->nlines - at - 1) * sizeof *f->lines);
	f->nlines--;
}

/* Move to line n, keeping the column where the line allows. */
static void
line_go(struct form *f, int n)
{
	size_t col = f->lines[f->line].cur;
	f->line = n;
	struct prompt *p = &f->lines[n];
	p->cur = col < p->len ? col : p->len;
}

/* Ctrl-J: the text after the cursor goes to a new line below. */
static void
line_split(struct form *f)
{
	if (f->nlines >= NOTE_LINES_MAX) {
		say(f, theme_attr(THEME_LATE), _("the note has %d lines, the most it may have"), NOTE_LINES_MAX);
		return;
	}
	line_insert(f, f->line + 1);
	struct prompt *p = &f->lines[f->line], *next = &f->lines[f->line + 1];
	for (size_t i = p->cur; i < p->len; i++)
		prompt_key(next, (int)p->buf[i]);
	next->cur = 0;
	prompt_key(p, TUI_CTRL('k'));
	f->line++;
}

/* Backspace at the start of a line: join it to the one above. */
static void
line_join(struct form *f)
{
	struct prompt *prev = &f->lines[f->line - 1], *p = &f->lines[f->line];
	size_t at = prev->len;
	prev->cur = prev->len;
	for (size_t i = 0; i < p->len; i++)
		prompt_key(prev, (int)p->buf[i]);
	prev->cur = at;
	line_remove(f, f->line);
	f->line--;
}

/* The note as UTF-8, lines joined by LF, blank lines at the end dropped. */
static char *
note_text(const struct form *f)
{
	int last = f->nlines - 1;
	while (last >= 0 && f->lines[last].len == 0)
		last--;
	char *out = xstrdup("");
	for (int i = 0; i <= last; i++) {
		char *l = prompt_text(&f->lines[i]);
		char *next = xasprintf("%s%s%s", out, i ? "\n" : "", l);
		free(out);
		free(l);
		out = next;
	}
	return out;
}

/* ---- focus ---------------------------------------------------------------------------- */

/* A field that gets the focus selects its value, as in any form: the first
 * digit typed then replaces it, while a move or Backspace edits it. */
static void
focus_set(struct form *f, enum field n)
{
	f->focus = n;
	if (n == F_PROGRESS)
		prompt_select_all(&f->progress);
}

static void
focus_move(struct form *f, int dir)
{
	int first = f->note_only ? F_NOTE : F_STATUS;
	int n = (int)f->focus + dir;
	if (n < first)
		n = F_NOTE;
	if (n > F_NOTE)
		n = first;
	focus_set(f, (enum field)n);
}

/* ---- saving ------------------------------------------------------------------------- */


/* True when the form is done (saved, or nothing to save). */
static bool
save(struct form *f, struct app *a)
{
	/* The one form of a progress, as the CLI reads --progress. */
	char *ptext = prompt_text(&f->progress);
	int progress = -1;
	bool bad = !model_progress_parse(ptext, &progress);
	free(ptext);
	if (bad) {
		say(f, theme_attr(THEME_LATE), _("Progress: a whole number from 0 to 100"));
		focus_set(f, F_PROGRESS);
		return false;
	}
	char *note = note_text(f);
	struct task_update u = {
		.code = f->code,
		.base_version = f->version,
		.status = f->status != f->status0 ? task_status_key((enum task_status)f->status) : NULL,
		.progress = progress != f->progress0 ? progress : -1,
		.note = note,
	};
	if (!u.status && u.progress < 0 && !*note) {
		free(note);
		app_message(a, A_NORMAL, _("%s: nothing changed"), f->code);
		return true;
	}
	struct error e;
	err_clear(&e);
	struct write_result w;
	enum err_code c = store_task_update(a->store, f->who, &u, &w, &e);
	free(note);
	if (c == ERR_OK) {
		app_message(a, theme_attr(THEME_DONE), _("%s saved, version %lld"), f->code, w.version);
		app_reload_all(a);
		struct view *v = app_view(a);
		if (v)
			v->detail.valid = false;
		return true;
	}
	if (c == ERR_CONFLICT) {
		/* Show what is there now, on the new version. What the user changed
		 * stays as typed; a field left alone takes the new value, so that
		 * saving again never puts back what the other person replaced. */
		int old_status = f->status0, old_progress = f->progress0;
		struct error le;
		err_clear(&le);
		if (load(f, a, &le) != ERR_OK) {
			say(f, theme_attr(THEME_LATE), "%s", le.msg);
			return false;
		}
		if (f->status == old_status)
			f->status = f->status0;
		if (progress == old_progress) {
			char num[8];
			snprintf(num, sizeof num, "%d", f->progress0);
			prompt_free(&f->progress);
			prompt_init(&f->progress, num, 3);
			if (f->focus == F_PROGRESS)
				prompt_select_all(&f->progress);
		}
		say(f, theme_attr(THEME_LATE), _("Changed by %s at %s: now %s, %d %%. What you typed is kept: "
		    "Enter saves it, Esc drops it."), f->changed_by ? f->changed_by : "?",
		    f->changed_at ? f->changed_at : "?", task_status_label((enum task_status)f->status0), f->progress0);
		app_reload_all(a);
		return false;
	}
	say(f, theme_attr(THEME_LATE), "%s", e.msg[0] ? e.msg : err_name(c));
	return false;
}

/* ---- keys ------------------------------------------------------------------------------ */

/* A key in the progress field: a value over 100 is refused there, with
 * the reason, and the field keeps what it had. */
static void
progress_key(struct form *f, int key)
{
	struct prompt *p = &f->progress;
	char *was = prompt_text(p);
	size_t cur = p->cur;
	bool selected = p->selected;
	prompt_key(p, key);
	char *now = prompt_text(p);
	if (strtol(now, NULL, 10) > 100) {
		say(f, theme_attr(THEME_LATE), _("%s is over 100: progress is a whole number from 0 to 100"), now);
		prompt_free(p);
		prompt_init(p, was, 3);
		p->cur = cur;
		p->selected = selected;
	}
	free(was);
	free(now);
}

static bool
form_key(struct modal *m, struct app *a, int key)
{
	struct form *f = (struct form *)m;
	f->msg[0] = '\0';
	switch (key) {
	case TUI_ESC:
		app_message(a, A_NORMAL, _("%s: nothing saved"), f->code);
		return true;
	case '\r':
	case FN(KEY_ENTER):
		return save(f, a);
	case '\t':
		focus_move(f, 1);
		return false;
	case FN(KEY_BTAB):
		focus_move(f, -1);
		return false;
	case FN(KEY_RESIZE):
		return false;
	}
	switch (f->focus) {
	case F_STATUS:
		if (key == FN(KEY_RIGHT) || key == ' ')
			f->status = (f->status + 1) % TS_COUNT;
		else if (key == FN(KEY_LEFT))
			f->status = (f->status + TS_COUNT - 1) % TS_COUNT;
		else if (key == FN(KEY_DOWN))
			focus_move(f, 1);
		else if (key == FN(KEY_UP))
			focus_move(f, -1);
		return false;
	case F_PROGRESS:
		if (key == FN(KEY_DOWN) || key == FN(KEY_UP))
			focus_move(f, key == FN(KEY_DOWN) ? 1 : -1);
		else if (key >= ' ' && key < TUI_FN && (key < '0' || key > '9'))
			say(f, A_NORMAL, _("Progress: digits only, 0 to 100"));
		else
			progress_key(f, key);
		return false;
	case F_NOTE:
		break;
	}
	struct prompt *p = &f->lines[f->line];
	if (key == '\n') {
		line_split(f);
	} else if (key == FN(KEY_UP)) {
		if (f->line > 0)
			line_go(f, f->line - 1);
		else
			focus_move(f, -1);
	} else if (key == FN(KEY_DOWN)) {
		if (f->line + 1 < f->nlines)
			line_go(f, f->line + 1);
	} else if ((key == FN(KEY_BACKSPACE) || key == 127 || key == 8) && p->cur == 0 && f->line > 0) {
		line_join(f);
	} else if (key >= ' ' && key < TUI_FN && key != 127 && note_chars(f) > STORE_NOTE_MAX) {
		say(f, theme_attr(THEME_LATE), _("the note is full (%d characters)"), STORE_NOTE_MAX);
	} else {
		prompt_key(p, key);
	}
	return false;
}

/* ---- drawing --------------------------------------------------------------------------- */

static void
form_draw(struct modal *m, struct app *a)
{
	struct form *f = (struct form *)m;
	int width = a->cols - 4 > 76 ? 76 : a->cols - 4;
	/* The message gets as many lines as it needs, from the note's. */
	char **msg = NULL;
	size_t nmsg = f->msg[0] ? text_wrap(f->msg, width - 4, &msg) : 0;
	int ml = (int)nmsg > MSG_LINES ? (int)nmsg : MSG_LINES;
	int nh = a->rows - 12;
	if (nh > 10)
		nh = 10;
	if (nh > a->rows - 8 - ml)
		nh = a->rows - 8 - ml;
	if (nh < 2)
		nh = 2;
	int height = nh + 8 + ml;
	if (height > a->rows)
		height = a->rows;
	attr_t frame = theme_attr(THEME_TITLE), dim = theme_attr(THEME_DIM), cur = theme_attr(THEME_CURSOR);
	WINDOW *w = draw_modal(a->rows, a->cols, height, width, frame);
	if (!w) {
		text_lines_free(msg, nmsg);
		return;
	}
	int vx = 2 + LABEL, vw = width - vx - 2;
	char *head = xasprintf(_(" Update %s "), f->code);
	draw_text(w, 0, 2, width - 4, head, frame | A_BOLD, false);
	free(head);
	draw_text(w, 1, 2, width - 4, f->title, A_BOLD, true);

	char *changed = f->changed_at ? xasprintf(_("%s by %s (version %lld)"), f->changed_at,
	                                          f->changed_by ? f->changed_by : "?", f->version)
	                              : xasprintf(_("never (version %lld)"), f->version);
	draw_text(w, 2, 2, LABEL, _("Changed"), dim, true);
	draw_text(w, 2, vx, vw, changed, dim, true);
	free(changed);

	draw_text(w, 3, 2, LABEL, _("Status"), f->focus == F_STATUS ? A_BOLD : A_NORMAL, true);
	char *st = xasprintf("< %s >", task_status_label((enum task_status)f->status));
	int sw = draw_text(w, 3, vx, vw, st, f->note_only ? dim : f->focus == F_STATUS ? cur : A_NORMAL, false);
	free(st);
	if (f->note_only)
		draw_text(w, 3, vx + sw + 2, vw - sw - 2, _("your department cooperates: a note only"), dim, false);
	else if (f->status != f->status0)
		draw_text(w, 3, vx + sw + 2, vw - sw - 2, _("(changed)"), dim, false);

	draw_text(w, 4, 2, LABEL, _("Progress"), f->focus == F_PROGRESS ? A_BOLD : A_NORMAL, true);
	draw_text(w, 4, vx, 1, "[", A_NORMAL, false);
	draw_text(w, 4, vx + 5, 3, "] %", A_NORMAL, false);
	prompt_draw(&f->progress, w, 4, vx + 1, 4, f->note_only ? dim : A_NORMAL);

	draw_text(w, 5, 2, LABEL, _("Note"), f->focus == F_NOTE ? A_BOLD : A_NORMAL, true);
	draw_text(w, 5, vx, vw, _("Ctrl-J starts a new line"), dim, true);
	if (f->line < f->top)
		f->top = f->line;
	if (f->line >= f->top + nh)
		f->top = f->line - nh + 1;
	for (int i = 0; i < nh && 6 + i < height - 1; i++) {
		int n = f->top + i;
		draw_blank(w, 6 + i, 2, width - 4, A_UNDERLINE);
		if (n < f->nlines && n != f->line)
			prompt_draw(&f->lines[n], w, 6 + i, 2, width - 4, A_UNDERLINE);
	}

	int my = 6 + nh;
	for (size_t i = 0; i < nmsg && my + (int)i < height - 2; i++)
		draw_text(w, my + (int)i, 2, width - 4, msg[i], f->msg_attr ? f->msg_attr : A_NORMAL, true);
	text_lines_free(msg, nmsg);
	if (height - 2 > my)
		draw_text(w, height - 2, 2, width - 4, _("Enter save  Tab next field  Esc cancel"), dim, true);

	/* The focused field last: it leaves the cursor where typing goes. */
	if (f->focus == F_NOTE && f->line - f->top < nh)
		prompt_draw(&f->lines[f->line], w, 6 + f->line - f->top, 2, width - 4, A_UNDERLINE);
	else if (f->focus == F_PROGRESS)
		prompt_draw(&f->progress, w, 4, vx + 1, 4, A_NORMAL);
	else
		wmove(w, 3, vx + 2);
	wnoutrefresh(w);
	delwin(w);
}

static void
form_free(struct modal *m)
{
	struct form *f = (struct form *)m;
	for (int i = 0; i < f->nlines; i++)
		prompt_free(&f->lines[i]);
	free(f->lines);
	prompt_free(&f->progress);
	free(f->code);
	free(f->title);
	free(f->changed_by);
	free(f->changed_at);
	free(f);
}

static const struct modal_ops form_ops = {
	.key = form_key,
	.draw = form_draw,
	.free = form_free,
};

void
form_open(struct app *a, const char *code)
{
	struct form *f = xcalloc(1, sizeof *f);
	f->m.ops = &form_ops;
	f->app = a;
	f->code = xstrdup(code);
	struct error e;
	err_clear(&e);
	f->who = &a->cli->session->id;
	enum err_code c = load(f, a, &e);
	if (!c && store_task_may(a->store, f->who, code, ACT_SET_STATUS, &e)) {
		/* Perhaps a note, then; if not, the first refusal says why. */
		struct error note_e;
		err_clear(&note_e);
		if (store_task_may(a->store, f->who, code, ACT_NOTE, &note_e) == ERR_OK)
			f->note_only = true;
		else
			c = e.code;
	}
	if (c) {
		app_error(a, &e);
		form_free(&f->m);
		return;
	}
	f->status = f->status0;
	char num[8];
	snprintf(num, sizeof num, "%d", f->progress0);
	prompt_init(&f->progress, num, 3);
	line_insert(f, 0);
	f->focus = f->note_only ? F_NOTE : F_STATUS;
	app_modal(a, &f->m);
}
