/* form: the form engine (form.h) and its first use, the update form of one
 * task:
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
 * user has seen what changed) and Esc drops it. */
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

enum { LABEL = 12, LINES_MAX = 100, MSG_LINES = 2, FIELDS_MAX = 8, INFO_MAX = 3, TEXT_ROWS_MAX = 10 };

struct field {
	const struct form_field *spec;
	int choice, choice0;
	struct prompt num;
	char *base;                /* number, text: as loaded */
	struct prompt *lines;      /* text */
	int nlines, line, top;
	const char *locked;        /* why it may not be changed; NULL: it may */
};

struct form {
	struct modal m;
	struct app *app;
	const struct form_ops *ops;
	void *ctx;
	char *code, *title;
	struct field fields[FIELDS_MAX];
	char *info_label[INFO_MAX], *info[INFO_MAX];
	attr_t info_attr[INFO_MAX];
	int focus;
	char msg[600];
	attr_t msg_attr;
};

/* ---- what a use reads and sets ------------------------------------------------------ */

struct app *form_app(const struct form *f) { return f->app; }
const char *form_code(const struct form *f) { return f->code; }
void *form_ctx(const struct form *f) { return f->ctx; }

void
form_title(struct form *f, const char *title)
{
	free(f->title);
	f->title = xstrdup(title ? title : "");
}

void
form_info(struct form *f, int n, const char *label, const char *text, attr_t attr)
{
	if (n < 0 || n >= INFO_MAX)
		return;
	free(f->info_label[n]);
	free(f->info[n]);
	f->info_label[n] = text ? xstrdup(label ? label : "") : NULL;
	f->info[n] = text ? xstrdup(text) : NULL;
	f->info_attr[n] = attr;
}

void
form_saved(struct app *a)
{
	app_reload_all(a);
	struct view *v = app_view(a);
	if (v)
		v->detail.valid = false;
}

bool
form_reload(struct form *f, struct app *a)
{
	struct error e;
	err_clear(&e);
	if (f->ops->load(f, &e) != ERR_OK) {
		form_say(f, theme_attr(THEME_LATE), "%s", e.msg);
		return false;
	}
	app_reload_all(a);
	return true;
}

void
form_say(struct form *f, attr_t attr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof f->msg, fmt, ap);
	va_end(ap);
	f->msg_attr = attr;
	message_log(f->app, attr, f->msg);
}

void
form_lock(struct form *f, int i, const char *why)
{
	f->fields[i].locked = why;
}

static void
text_set(struct field *d, const char *text)
{
	for (int i = 0; i < d->nlines; i++)
		prompt_free(&d->lines[i]);
	d->nlines = 0;
	d->line = d->top = 0;
	const char *s = text ? text : "";
	do {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char *one = xstrndup(s, n);
		d->lines = xrealloc(d->lines, (size_t)(d->nlines + 1) * sizeof *d->lines);
		prompt_init(&d->lines[d->nlines++], one, 0);
		free(one);
		s = nl ? nl + 1 : NULL;
	} while (s && d->nlines < LINES_MAX);
}

char *
form_text(const struct form *f, int i)
{
	const struct field *d = &f->fields[i];
	int last = d->nlines - 1;
	while (last >= 0 && d->lines[last].len == 0)
		last--;
	char *out = xstrdup("");
	for (int n = 0; n <= last; n++) {
		char *l = prompt_text(&d->lines[n]);
		char *next = xasprintf("%s%s%s", out, n ? "\n" : "", l);
		free(out);
		free(l);
		out = next;
	}
	return out;
}

int
form_choice(const struct form *f, int i)
{
	return f->fields[i].choice;
}

int
form_number(const struct form *f, int i)
{
	char *t = prompt_text(&f->fields[i].num);
	int v = -1;
	if (!model_progress_parse(t, &v) || v > f->fields[i].spec->max)
		v = -1;
	free(t);
	return v;
}

bool
form_changed(const struct form *f, int i)
{
	const struct field *d = &f->fields[i];
	if (d->spec->kind == FORM_CHOICE)
		return d->choice != d->choice0;
	char *now = d->spec->kind == FORM_TEXT ? form_text(f, i) : prompt_text(&d->num);
	bool changed = strcmp(now, d->base ? d->base : "") != 0;
	free(now);
	return changed;
}

void
form_base_choice(struct form *f, int i, int value)
{
	struct field *d = &f->fields[i];
	if (d->choice == d->choice0)
		d->choice = value;
	d->choice0 = value;
}

void
form_base_number(struct form *f, int i, int value)
{
	struct field *d = &f->fields[i];
	char num[16];
	snprintf(num, sizeof num, "%d", value);
	if (!d->base || !form_changed(f, i)) {
		prompt_free(&d->num);
		prompt_init(&d->num, num, 3);
		if (f->focus == i)
			prompt_select_all(&d->num);
	}
	free(d->base);
	d->base = xstrdup(num);
}

void
form_base_text(struct form *f, int i, const char *text)
{
	struct field *d = &f->fields[i];
	if (!d->base || !form_changed(f, i))
		text_set(d, text);
	free(d->base);
	d->base = xstrdup(text ? text : "");
}

/* ---- focus ---------------------------------------------------------------------------- */

/* A field that gets the focus selects its value, as in any form: the first
 * digit typed then replaces it, while a move or Backspace edits it. */
void
form_focus(struct form *f, int i)
{
	f->focus = i;
	if (f->fields[i].spec->kind == FORM_NUMBER)
		prompt_select_all(&f->fields[i].num);
}

/* The next field that may be changed, round the end. */
static void
focus_move(struct form *f, int dir)
{
	int n = f->focus, count = f->ops->nfields;
	for (int k = 0; k < count; k++) {
		n = (n + dir + count) % count;
		if (!f->fields[n].locked)
			break;
	}
	form_focus(f, n);
}

/* ---- a multi-line text: one prompt per line ------------------------------------------ */

static int
field_chars(const struct field *d)
{
	size_t n = 0;
	for (int i = 0; i < d->nlines; i++)
		n += d->lines[i].len + 1;
	return (int)n;
}

static void
line_insert(struct field *d, int at)
{
	d->lines = xrealloc(d->lines, (size_t)(d->nlines + 1) * sizeof *d->lines);
	memmove(d->lines + at + 1, d->lines + at, (size_t)(d->nlines - at) * sizeof *d->lines);
	prompt_init(&d->lines[at], NULL, 0);
	d->nlines++;
}

static void
line_remove(struct field *d, int at)
{
	prompt_free(&d->lines[at]);
	memmove(d->lines + at, d->lines + at + 1, (size_t)(d->nlines - at - 1) * sizeof *d->lines);
	d->nlines--;
}

/* Move to line n, keeping the column where the line allows. */
static void
line_go(struct field *d, int n)
{
	size_t col = d->lines[d->line].cur;
	d->line = n;
	struct prompt *p = &d->lines[n];
	p->cur = col < p->len ? col : p->len;
}

/* Ctrl-J: the text after the cursor goes to a new line below. */
static void
line_split(struct form *f, struct field *d)
{
	if (d->nlines >= LINES_MAX) {
		form_say(f, theme_attr(THEME_LATE), _(d->spec->lines), LINES_MAX);
		return;
	}
	line_insert(d, d->line + 1);
	struct prompt *p = &d->lines[d->line], *next = &d->lines[d->line + 1];
	for (size_t i = p->cur; i < p->len; i++)
		prompt_key(next, (int)p->buf[i]);
	next->cur = 0;
	prompt_key(p, TUI_CTRL('k'));
	d->line++;
}

/* Backspace at the start of a line: join it to the one above. */
static void
line_join(struct field *d)
{
	struct prompt *prev = &d->lines[d->line - 1], *p = &d->lines[d->line];
	size_t at = prev->len;
	prev->cur = prev->len;
	for (size_t i = 0; i < p->len; i++)
		prompt_key(prev, (int)p->buf[i]);
	prev->cur = at;
	line_remove(d, d->line);
	d->line--;
}

static void
text_key(struct form *f, struct field *d, int key)
{
	struct prompt *p = &d->lines[d->line];
	if (key == '\n') {
		line_split(f, d);
	} else if (key == FN(KEY_UP)) {
		if (d->line > 0)
			line_go(d, d->line - 1);
		else
			focus_move(f, -1);
	} else if (key == FN(KEY_DOWN)) {
		if (d->line + 1 < d->nlines)
			line_go(d, d->line + 1);
		else if (f->focus + 1 < f->ops->nfields)
			focus_move(f, 1);
	} else if ((key == FN(KEY_BACKSPACE) || key == 127 || key == 8) && p->cur == 0 && d->line > 0) {
		line_join(d);
	} else if (key >= ' ' && key < TUI_FN && key != 127 && field_chars(d) > d->spec->max) {
		form_say(f, theme_attr(THEME_LATE), _(d->spec->full), d->spec->max);
	} else {
		prompt_key(p, key);
	}
}

/* ---- keys ------------------------------------------------------------------------------ */

/* A key in a number field: a value over the most is refused there, with
 * the reason, and the field keeps what it had. */
static void
number_key(struct form *f, struct field *d, int key)
{
	if (key == FN(KEY_DOWN) || key == FN(KEY_UP)) {
		focus_move(f, key == FN(KEY_DOWN) ? 1 : -1);
		return;
	}
	if (key >= ' ' && key < TUI_FN && (key < '0' || key > '9')) {
		form_say(f, A_NORMAL, "%s", _(d->spec->bad));
		return;
	}
	struct prompt *p = &d->num;
	char *was = prompt_text(p);
	size_t cur = p->cur;
	bool selected = p->selected;
	prompt_key(p, key);
	char *now = prompt_text(p);
	if (strtol(now, NULL, 10) > d->spec->max) {
		form_say(f, theme_attr(THEME_LATE), _(d->spec->over), now);
		prompt_free(p);
		prompt_init(p, was, 3);
		p->cur = cur;
		p->selected = selected;
	}
	free(was);
	free(now);
}

static void
choice_key(struct form *f, struct field *d, int key)
{
	int n = d->spec->count;
	if (key == FN(KEY_RIGHT) || key == ' ')
		d->choice = (d->choice + 1) % n;
	else if (key == FN(KEY_LEFT))
		d->choice = (d->choice + n - 1) % n;
	else if (key == FN(KEY_DOWN))
		focus_move(f, 1);
	else if (key == FN(KEY_UP))
		focus_move(f, -1);
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
		return f->ops->save(f, false);
	case TUI_CTRL('t'):
		if (f->ops->draft)
			return f->ops->save(f, true);
		form_say(f, A_NORMAL, _("this form has no draft: Enter saves"));
		return false;
	case '\t':
		focus_move(f, 1);
		return false;
	case FN(KEY_BTAB):
		focus_move(f, -1);
		return false;
	case FN(KEY_RESIZE):
		return false;
	}
	struct field *d = &f->fields[f->focus];
	switch (d->spec->kind) {
	case FORM_CHOICE:
		choice_key(f, d, key);
		break;
	case FORM_NUMBER:
		number_key(f, d, key);
		break;
	case FORM_TEXT:
		text_key(f, d, key);
		break;
	}
	return false;
}

/* ---- drawing --------------------------------------------------------------------------- */

struct box {
	WINDOW *w;
	int width, vx, vw, text_rows;
	int cursor_y, cursor_x;    /* where typing goes */
	struct prompt *cursor_p;   /* drawn last, to leave the cursor there */
	int cursor_cols;
	attr_t cursor_attr;
};

static int
draw_field(struct form *f, struct box *b, int y, int i)
{
	struct field *d = &f->fields[i];
	WINDOW *w = b->w;
	bool focus = f->focus == i;
	attr_t dim = theme_attr(THEME_DIM), cur = theme_attr(THEME_CURSOR);
	draw_text(w, y, 2, LABEL, _(d->spec->label), focus ? A_BOLD : A_NORMAL, true);
	switch (d->spec->kind) {
	case FORM_CHOICE: {
		char *st = xasprintf("< %s >", d->spec->choice(d->choice));
		int sw = draw_text(w, y, b->vx, b->vw, st, d->locked ? dim : focus ? cur : A_NORMAL, false);
		free(st);
		if (d->locked)
			draw_text(w, y, b->vx + sw + 2, b->vw - sw - 2, d->locked, dim, false);
		else if (d->choice != d->choice0)
			draw_text(w, y, b->vx + sw + 2, b->vw - sw - 2, _("(changed)"), dim, false);
		if (focus) {
			b->cursor_y = y;
			b->cursor_x = b->vx + 2;
		}
		return 1;
	}
	case FORM_NUMBER:
		draw_text(w, y, b->vx, 1, "[", A_NORMAL, false);
		draw_text(w, y, b->vx + 5, 3, "] %", A_NORMAL, false);
		prompt_draw(&d->num, w, y, b->vx + 1, 4, d->locked ? dim : A_NORMAL);
		if (focus) {
			b->cursor_p = &d->num;
			b->cursor_y = y;
			b->cursor_x = b->vx + 1;
			b->cursor_cols = 4;
			b->cursor_attr = A_NORMAL;
		}
		return 1;
	case FORM_TEXT:
		break;
	}
	draw_text(w, y, b->vx, b->vw, _("Ctrl-J starts a new line"), dim, true);
	int nh = b->text_rows;
	if (d->line < d->top)
		d->top = d->line;
	if (d->line >= d->top + nh)
		d->top = d->line - nh + 1;
	for (int k = 0; k < nh; k++) {
		int n = d->top + k;
		draw_blank(w, y + 1 + k, 2, b->width - 4, A_UNDERLINE);
		if (n < d->nlines && !(focus && n == d->line))
			prompt_draw(&d->lines[n], w, y + 1 + k, 2, b->width - 4, A_UNDERLINE);
	}
	if (focus) {
		b->cursor_p = &d->lines[d->line];
		b->cursor_y = y + 1 + d->line - d->top;
		b->cursor_x = 2;
		b->cursor_cols = b->width - 4;
		b->cursor_attr = A_UNDERLINE;
	}
	return 1 + nh;
}

static void
form_draw(struct modal *m, struct app *a)
{
	struct form *f = (struct form *)m;
	struct box b = { .width = a->cols - 4 > 76 ? 76 : a->cols - 4 };
	char **msg = NULL;
	size_t nmsg = f->msg[0] ? text_wrap(f->msg, b.width - 4, &msg) : 0;
	int ml = (int)nmsg > MSG_LINES ? (int)nmsg : MSG_LINES;
	int ninfo = 0, nsingle = 0, ntext = 0;
	for (int i = 0; i < INFO_MAX; i++)
		ninfo += f->info[i] != NULL;
	for (int i = 0; i < f->ops->nfields; i++)
		*(f->ops->fields[i].kind == FORM_TEXT ? &ntext : &nsingle) += 1;
	/* The texts share what is left, as many rows each as fit, 2 to 10. */
	int fixed = 2 + ninfo + nsingle + ntext + 2, nh = TEXT_ROWS_MAX;
	if (ntext) {
		int room = (a->rows - 4 - fixed - ml) / ntext;
		nh = room < nh ? room : nh;
		if (nh < 2) {
			nh = 2;
			ml = MSG_LINES;
		}
	}
	b.text_rows = nh;
	int height = fixed + ntext * nh + ml;
	if (height > a->rows)
		height = a->rows;
	attr_t frame = theme_attr(THEME_TITLE), dim = theme_attr(THEME_DIM);
	b.w = draw_modal(a->rows, a->cols, height, b.width, frame);
	if (!b.w) {
		text_lines_free(msg, nmsg);
		return;
	}
	WINDOW *w = b.w;
	b.vx = 2 + LABEL;
	b.vw = b.width - b.vx - 2;
	char *head = xasprintf(_(f->ops->head), f->code);
	draw_text(w, 0, 2, b.width - 4, head, frame | A_BOLD, false);
	free(head);
	draw_text(w, 1, 2, b.width - 4, f->title ? f->title : "", A_BOLD, true);
	int y = 2;
	for (int i = 0; i < INFO_MAX; i++) {
		if (!f->info[i])
			continue;
		draw_text(w, y, 2, LABEL, f->info_label[i], dim, true);
		draw_text(w, y++, b.vx, b.vw, f->info[i], f->info_attr[i] ? f->info_attr[i] : dim, true);
	}
	for (int i = 0; i < f->ops->nfields && y < height - 1; i++)
		y += draw_field(f, &b, y, i);
	for (size_t i = 0; i < nmsg && y + (int)i < height - 2; i++)
		draw_text(w, y + (int)i, 2, b.width - 4, msg[i], f->msg_attr ? f->msg_attr : A_NORMAL, true);
	text_lines_free(msg, nmsg);
	if (height - 2 > y)
		draw_text(w, height - 2, 2, b.width - 4, _(f->ops->keys), dim, true);
	/* The focused field last: it leaves the cursor where typing goes. */
	if (b.cursor_p && b.cursor_y < height - 1)
		prompt_draw(b.cursor_p, w, b.cursor_y, b.cursor_x, b.cursor_cols, b.cursor_attr);
	else
		wmove(w, b.cursor_y, b.cursor_x);
	wnoutrefresh(w);
	delwin(w);
}

static void
form_free(struct modal *m)
{
	struct form *f = (struct form *)m;
	for (int i = 0; i < f->ops->nfields; i++) {
		struct field *d = &f->fields[i];
		for (int n = 0; n < d->nlines; n++)
			prompt_free(&d->lines[n]);
		free(d->lines);
		prompt_free(&d->num);
		free(d->base);
	}
	for (int i = 0; i < INFO_MAX; i++) {
		free(f->info_label[i]);
		free(f->info[i]);
	}
	if (f->ops->free)
		f->ops->free(f->ctx);
	free(f->code);
	free(f->title);
	free(f);
}

static const struct modal_ops form_modal_ops = {
	.key = form_key,
	.draw = form_draw,
	.free = form_free,
};

void
form_run(struct app *a, const struct form_ops *ops, const char *code, void *ctx)
{
	struct form *f = xcalloc(1, sizeof *f);
	f->m.ops = &form_modal_ops;
	f->app = a;
	f->ops = ops;
	f->ctx = ctx;
	f->code = xstrdup(code);
	for (int i = 0; i < ops->nfields && i < FIELDS_MAX; i++) {
		f->fields[i].spec = &ops->fields[i];
		prompt_init(&f->fields[i].num, NULL, 3);
		if (ops->fields[i].kind == FORM_TEXT)
			text_set(&f->fields[i], "");
	}
	struct error e;
	err_clear(&e);
	if (ops->load(f, &e) != ERR_OK) {
		app_error(a, &e);
		form_free(&f->m);
		return;
	}
	f->focus = ops->nfields - 1;
	focus_move(f, 1);
	app_modal(a, &f->m);
}

/* ---- the update form of a task ------------------------------------------------------- */

enum { U_STATUS, U_PROGRESS, U_NOTE };

static const char *
status_choice(int i)
{
	return task_status_label((enum task_status)i);
}

static const struct form_field update_fields[] = {
	[U_STATUS] = { .kind = FORM_CHOICE, .label = N_("Status"), .count = TS_COUNT, .choice = status_choice },
	[U_PROGRESS] = { .kind = FORM_NUMBER, .label = N_("Progress"), .max = 100,
	                 .bad = N_("Progress: digits only, 0 to 100"),
	                 .over = N_("%s is over 100: progress is a whole number from 0 to 100") },
	[U_NOTE] = { .kind = FORM_TEXT, .label = N_("Note"), .max = STORE_NOTE_MAX,
	             .full = N_("the note is full (%d characters)"),
	             .lines = N_("the note has %d lines, the most it may have") },
};

struct update {
	long long version;
	bool note_only;            /* the user's department only cooperates */
	char *changed_by, *changed_at;
};

struct loaded {
	struct form *f;
	struct update *u;
	bool found;
};

static int
on_task(const struct task_row *t, void *ctx)
{
	struct loaded *l = ctx;
	struct update *u = l->u;
	l->found = true;
	form_title(l->f, t->title);
	free(u->changed_by);
	free(u->changed_at);
	u->changed_by = t->updated_by ? xstrdup(t->updated_by) : NULL;
	u->changed_at = t->updated_at ? xstrdup(t->updated_at) : NULL;
	u->version = t->version;
	int s = task_status_parse(t->status);
	form_base_choice(l->f, U_STATUS, s < 0 ? TS_NOT_STARTED : s);
	form_base_number(l->f, U_PROGRESS, t->progress);
	return 0;
}

static enum err_code
update_load(struct form *f, struct error *e)
{
	struct update *u = form_ctx(f);
	struct app *a = form_app(f);
	struct loaded l = { .f = f, .u = u };
	enum err_code c = store_task_get(a->store, form_code(f), on_task, &l, e);
	if (c)
		return c;
	if (!l.found)
		return err_set(e, ERR_NOT_FOUND, _("no task %s"), form_code(f));
	char *changed = u->changed_at ? xasprintf(_("%s by %s (version %lld)"), u->changed_at,
	                                          u->changed_by ? u->changed_by : "?", u->version)
	                              : xasprintf(_("never (version %lld)"), u->version);
	form_info(f, 0, _("Changed"), changed, 0);
	free(changed);
	if (u->note_only) {
		form_lock(f, U_STATUS, _("your department cooperates: a note only"));
		form_lock(f, U_PROGRESS, "");
	}
	return ERR_OK;
}

static bool
update_save(struct form *f, bool draft)
{
	(void)draft;
	struct update *u = form_ctx(f);
	struct app *a = form_app(f);
	int progress = form_number(f, U_PROGRESS);
	if (progress < 0) {
		form_say(f, theme_attr(THEME_LATE), _("Progress: a whole number from 0 to 100"));
		form_focus(f, U_PROGRESS);
		return false;
	}
	char *note = form_text(f, U_NOTE);
	struct task_update tu = {
		.code = form_code(f),
		.base_version = u->version,
		.status = form_changed(f, U_STATUS) ? task_status_key((enum task_status)form_choice(f, U_STATUS)) : NULL,
		.progress = form_changed(f, U_PROGRESS) ? progress : -1,
		.note = note,
	};
	if (!tu.status && tu.progress < 0 && !*note) {
		free(note);
		app_message(a, A_NORMAL, _("%s: nothing changed"), form_code(f));
		return true;
	}
	struct error e;
	err_clear(&e);
	struct write_result w;
	enum err_code c = store_task_update(a->store, &a->cli->session->id, &tu, &w, &e);
	free(note);
	if (c == ERR_OK) {
		app_message(a, theme_attr(THEME_DONE), _("%s saved, version %lld"), form_code(f), w.version);
		form_saved(a);
		return true;
	}
	if (c == ERR_CONFLICT) {
		/* Show what is there now, on the new version; what the user
		 * changed stays as typed (form_base_*). */
		if (!form_reload(f, a))
			return false;
		struct field *st = &f->fields[U_STATUS];
		form_say(f, theme_attr(THEME_LATE), _("Changed by %s at %s: now %s, %d %%. What you typed is kept: "
		         "Enter saves it, Esc drops it."), u->changed_by ? u->changed_by : "?",
		         u->changed_at ? u->changed_at : "?", task_status_label((enum task_status)st->choice0),
		         atoi(f->fields[U_PROGRESS].base));
		return false;
	}
	form_say(f, theme_attr(THEME_LATE), "%s", e.msg[0] ? e.msg : err_name(c));
	return false;
}

static void
update_free(void *ctx)
{
	struct update *u = ctx;
	free(u->changed_by);
	free(u->changed_at);
	free(u);
}

static const struct form_ops update_ops = {
	.head = N_(" Update %s "),
	.keys = N_("Enter save  Tab next field  Esc cancel"),
	.fields = update_fields,
	.nfields = 3,
	.load = update_load,
	.save = update_save,
	.free = update_free,
};

void
form_open(struct app *a, const char *code)
{
	const struct identity *who = &a->cli->session->id;
	struct error e;
	err_clear(&e);
	struct update *u = xcalloc(1, sizeof *u);
	if (store_task_may(a->store, who, code, ACT_SET_STATUS, &e)) {
		/* Perhaps a note, then; if not, the first refusal says why. */
		struct error note_e;
		err_clear(&note_e);
		if (store_task_may(a->store, who, code, ACT_NOTE, &note_e) != ERR_OK) {
			app_error(a, &e);
			update_free(u);
			return;
		}
		u->note_only = true;
	}
	form_run(a, &update_ops, code, u);
}
