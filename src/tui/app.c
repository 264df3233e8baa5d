/* app: the console's loop, layout and status line.
 *
 * One loop: draw what changed (every window is redrawn in memory, and
 * curses sends only the cells that differ, so a cursor move costs a couple
 * of rows on the wire, never a cleared screen), then wait for a key with a
 * short timeout; on the timeout, ask the store whether another process
 * committed, and if so reload what is on screen. Signals only set a flag;
 * curses reports a resize itself as KEY_RESIZE. */
#include "tui.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draw.h"
#include "theme.h"
#include "plancon/store_tasks.h"
#include "plancon/text.h"
#include "plancon/tui.h"
#include "plancon/xalloc.h"

enum {
	WIDE_COLS = 120,          /* from here the detail pane goes to the right */
	POLL_MS = 500,            /* how often an idle console checks for others' changes */
};

/* The registry: the tabs, in order. A new view adds itself here. */
const struct view_ops *const tui_tabs[] = {
	&plan_view_ops,
	&dept_view_ops,
	&roadmap_view_ops,
	&indicator_view_ops,
	&report_view_ops,
	&work_view_ops,
	&review_view_ops,
};
const int tui_ntabs = (int)(sizeof tui_tabs / sizeof tui_tabs[0]);

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* ---- views ------------------------------------------------------------------ */

void
view_init(struct view *v, const struct view_ops *ops, struct app *a, const struct list_src *src, void *ctx)
{
	memset(v, 0, sizeof *v);
	v->ops = ops;
	v->app = a;
	if (src)
		list_init(&v->list, src, ctx);
	int h = a->rows - 2 - (ops->has_detail && a->show_detail && a->cols < WIDE_COLS ? (a->rows - 2) * 2 / 5 : 0) - 1;
	v->list.height = h > 0 ? h : 1;
}

void
view_fini(struct view *v)
{
	if (v->list.src)
		list_free(&v->list);
	detail_free(&v->detail);
	free(v->label);
}

struct view *
app_view(struct app *a)
{
	return a->depth[a->tab] ? a->stack[a->tab][a->depth[a->tab] - 1] : NULL;
}

static void
close_view(struct view *v)
{
	if (v)
		v->ops->close(v);
}

/* The body's height for the view in front (after layout). */
static int
body_height(const struct app *a)
{
	int h = 0, w = 0;
	if (a->body)
		getmaxyx(a->body, h, w);
	(void)w;
	return h;
}

static void
fit_view(struct app *a, struct view *v)
{
	if (v && !v->ops->scroll_only && a->body) {
		int h = body_height(a) - v->header_rows;
		list_set_height(&v->list, h > 0 ? h : 1);
	}
}

static void layout(struct app *a);

static void
front_changed(struct app *a)
{
	struct view *v = app_view(a);
	if (v && v->stale) {
		v->stale = false;
		v->ops->reload(v);
	}
	layout(a);
}

void
app_push(struct app *a, const struct view_ops *ops, const void *arg)
{
	if (a->depth[a->tab] >= TUI_MAX_DEPTH) {
		app_message(a, theme_attr(THEME_LATE), _("too many views open: press q to go back"));
		return;
	}
	struct view *v = ops->open(a, arg);
	if (!v)
		return;
	a->stack[a->tab][a->depth[a->tab]++] = v;
	front_changed(a);
}

void
app_pop(struct app *a)
{
	if (a->depth[a->tab] <= 1)
		return;
	close_view(a->stack[a->tab][--a->depth[a->tab]]);
	front_changed(a);
}

static void
switch_tab(struct app *a, int t)
{
	if (t < 0 || t >= a->ntabs)
		return;
	if (!a->depth[t]) {
		int was = a->tab;
		a->tab = t;
		struct view *v = a->tabs[t]->open(a, NULL);
		if (!v) {
			a->tab = was;
			return;
		}
		a->stack[t][0] = v;
		a->depth[t] = 1;
	}
	a->tab = t;
	front_changed(a);
}

void
app_reload_all(struct app *a)
{
	struct view *front = app_view(a);
	for (int t = 0; t < a->ntabs; t++)
		for (int i = 0; i < a->depth[t]; i++)
			a->stack[t][i]->stale = true;
	if (front) {
		front->stale = false;
		front->ops->reload(front);
		fit_view(a, front);
	}
}

/* ---- filter ------------------------------------------------------------------ */

void
app_query(const struct app *a, struct task_query *q)
{
	*q = (struct task_query){
		.status = a->filter.status,
		.dept_id = a->filter.dept_id,
		.chapter_id = a->filter.chapter_id,
		.cycle = &a->cycle,
		.as_of = a->as_of,
		.light = a->filter.light ? cycle_light_key((enum cycle_light)(a->filter.light - 1)) : NULL,
	};
}

bool
app_filtered(const struct app *a)
{
	return a->filter.status || a->filter.dept_id || a->filter.chapter_id || a->filter.light;
}

void
app_modal(struct app *a, struct modal *m)
{
	if (a->modal)
		a->modal->ops->free(a->modal);
	a->modal = m;
}

/* ---- layout and drawing ------------------------------------------------------ */

static void
del(WINDOW **w)
{
	if (*w)
		delwin(*w);
	*w = NULL;
}

static void
layout(struct app *a)
{
	del(&a->top);
	del(&a->body);
	del(&a->pane);
	del(&a->status);
	getmaxyx(stdscr, a->rows, a->cols);
	a->too_small = a->rows < TUI_MIN_ROWS || a->cols < TUI_MIN_COLS;
	a->full_redraw = true;
	if (a->too_small)
		return;
	struct view *v = app_view(a);
	int h = a->rows - 2;
	a->top = newwin(1, a->cols, 0, 0);
	a->status = newwin(1, a->cols, a->rows - 1, 0);
	bool pane = v && v->ops->has_detail && a->show_detail;
	a->pane_right = pane && a->cols >= WIDE_COLS;
	if (pane && a->pane_right) {
		int pw = a->cols * 2 / 5;
		a->body = newwin(h, a->cols - pw, 1, 0);
		a->pane = newwin(h, pw, 1, a->cols - pw);
	} else if (pane) {
		int ph = h * 2 / 5;
		a->body = newwin(h - ph, a->cols, 1, 0);
		a->pane = newwin(ph, a->cols, 1 + h - ph, 0);
	} else {
		a->body = newwin(h, a->cols, 1, 0);
	}
	fit_view(a, v);
}

static void
ensure_detail(struct view *v, int width)
{
	struct detail *d = &v->detail;
	if (v->ops->scroll_only) {
		if (!d->valid || d->width != width) {
			int scroll = d->scroll;
			detail_reset(d, width);
			v->ops->detail(v, NULL, d);
			d->valid = true;
			d->scroll = scroll;
		}
		return;
	}
	const struct list_row *r = list_current(&v->list);
	bool same = d->valid && d->width == width && d->gen == v->list.gen && r &&
	            d->pos.group == r->pos.group && d->pos.header == r->pos.header && d->pos.key == r->pos.key;
	if (same)
		return;
	detail_reset(d, width);
	if (r) {
		v->ops->detail(v, r, d);
		d->pos = r->pos;
	} else {
		detail_text(d, theme_attr(THEME_DIM), _("Nothing selected."));
	}
	d->gen = v->list.gen;
	d->valid = r != NULL;
}

static void
draw_body(struct app *a, struct view *v)
{
	int h, w;
	getmaxyx(a->body, h, w);
	werase(a->body);
	if (v->ops->scroll_only) {
		ensure_detail(v, w - 2);
		detail_scroll(&v->detail, 0, h);
		detail_draw(&v->detail, a->body, 0, h, 1, w - 2, a->search);
		return;
	}
	if (v->ops->draw_header)
		v->ops->draw_header(v, a->body, w);
	/* The cursor: a bar across the row, or (cursor = arrow, for slow
	 * links) a mark in the first column, which every view leaves blank:
	 * a move then rewrites two cells instead of two rows. */
	bool arrow = a->cli->session->cfg.cursor == CURSOR_ARROW;
	for (int i = 0; i < v->list.nrows && v->header_rows + i < h; i++) {
		bool cur = i == v->list.cur;
		v->ops->draw_row(v, a->body, v->header_rows + i, w, &v->list.rows[i], cur && !arrow);
		if (cur && arrow)
			draw_text(a->body, v->header_rows + i, 0, 1, ">", theme_attr(THEME_CURSOR) | A_BOLD, false);
	}
	if (v->list.nrows == 0)
		draw_text(a->body, v->header_rows, 2, w - 4,
		          app_filtered(a) && (tui_actions[TUI_ACT_FILTER].views & VB(v->ops->id))
		              ? _("Nothing matches the filter (Esc clears it).") : _("Nothing to show."),
		          theme_attr(THEME_DIM), true);
}

static void
draw_pane(struct app *a, struct view *v)
{
	int h, w;
	getmaxyx(a->pane, h, w);
	werase(a->pane);
	attr_t line = theme_attr(THEME_DIM);
	int x, y, width, height;
	if (a->pane_right) {
		wattrset(a->pane, (int)line);
		mvwvline_set(a->pane, 0, 0, WACS_VLINE, h);
		x = 2, y = 0, width = w - 3, height = h;
	} else {
		wattrset(a->pane, (int)line);
		mvwhline_set(a->pane, 0, 0, WACS_HLINE, w);
		x = 1, y = 1, width = w - 2, height = h - 1;
	}
	wattrset(a->pane, A_NORMAL);
	ensure_detail(v, width);
	detail_scroll(&v->detail, 0, height);
	detail_draw(&v->detail, a->pane, y, height, x, width, a->search);
	if (v->detail.n > height) {
		char *s = xasprintf(" %d-%d/%d J/K ", v->detail.scroll + 1,
		                    v->detail.scroll + height < v->detail.n ? v->detail.scroll + height : v->detail.n,
		                    v->detail.n);
		if (a->pane_right)
			draw_text(a->pane, h - 1, w - text_width(s) - 1, text_width(s), s, line, false);
		else
			draw_text(a->pane, 0, w - text_width(s) - 2, text_width(s), s, line, false);
		free(s);
	}
}

/* Draw the screen into the windows; with flush, send it to the terminal.
 * Without (keys are waiting), the views still build what they show, so
 * the next key finds them as it would after a paint. */
static void
render(struct app *a, bool flush)
{
	if (a->full_redraw) {
		/* stdscr is never drawn on except for the too-small message; refresh
		 * it first so that the windows above cover it. */
		touchwin(stdscr);
		werase(stdscr);
		wnoutrefresh(stdscr);
		a->full_redraw = false;
	}
	if (a->too_small) {
		curs_set(0);
		bars_draw_small(a);
		if (flush)
			doupdate();
		return;
	}
	struct view *v = app_view(a);
	bars_draw_top(a);
	draw_body(a, v);
	if (a->pane)
		draw_pane(a, v);
	bars_draw_status(a, v);
	wnoutrefresh(a->top);
	wnoutrefresh(a->body);
	if (a->pane)
		wnoutrefresh(a->pane);
	wnoutrefresh(a->status);
	if (a->modal) {
		curs_set(1);
		a->modal->ops->draw(a->modal, a);
	} else {
		curs_set(0);
	}
	message_draw_over(a);
	if (flush)
		doupdate();
}

/* ---- input ------------------------------------------------------------------ */

static int
pane_height(const struct app *a)
{
	int h = 0, w = 0;
	if (a->pane)
		getmaxyx(a->pane, h, w);
	(void)w;
	return a->pane_right ? h : h - 1;
}

static void
generic(struct app *a, struct view *v, enum tui_act act, int key)
{
	int bh = body_height(a);
	bool text = v->ops->scroll_only;
	switch (act) {
	case TUI_ACT_DOWN:
		if (text) detail_scroll(&v->detail, 1, bh); else list_move(&v->list, 1);
		break;
	case TUI_ACT_UP:
		if (text) detail_scroll(&v->detail, -1, bh); else list_move(&v->list, -1);
		break;
	case TUI_ACT_PAGE_DOWN:
		if (text) detail_scroll(&v->detail, bh - 1, bh); else list_page(&v->list, 1);
		break;
	case TUI_ACT_PAGE_UP:
		if (text) detail_scroll(&v->detail, -(bh - 1), bh); else list_page(&v->list, -1);
		break;
	case TUI_ACT_FIRST:
		if (text) v->detail.scroll = 0; else list_first(&v->list);
		break;
	case TUI_ACT_LAST:
		if (text) detail_scroll(&v->detail, v->detail.n, bh); else list_last(&v->list);
		break;
	case TUI_ACT_OPEN:
		app_message(a, A_NORMAL, _("nothing to open here"));
		break;
	case TUI_ACT_UPDATE:
		app_message(a, A_NORMAL, _("select a task to update (or open it with Enter)"));
		break;
	case TUI_ACT_BACK:
		if (a->depth[a->tab] > 1)
			app_pop(a);
		break;
	case TUI_ACT_QUIT:
		if (a->depth[a->tab] > 1)
			app_pop(a);
		else
			a->quit = true;
		break;
	case TUI_ACT_QUIT_ALL:
		a->quit = true;
		break;
	case TUI_ACT_NEXT_VIEW:
		switch_tab(a, (a->tab + 1) % a->ntabs);
		break;
	case TUI_ACT_PREV_VIEW:
		switch_tab(a, (a->tab + a->ntabs - 1) % a->ntabs);
		break;
	case TUI_ACT_VIEW:
		if (key - '1' < a->ntabs)
			switch_tab(a, key - '1');
		else
			app_message(a, A_NORMAL, _("there is no view %c here (the supervision cycle is off)"), key);
		break;
	case TUI_ACT_SEARCH:
		search_start(a);
		break;
	case TUI_ACT_NEXT_MATCH:
	case TUI_ACT_PREV_MATCH:
		search_next(a, act == TUI_ACT_PREV_MATCH);
		break;
	case TUI_ACT_FILTER:
		filter_start(a);
		break;
	case TUI_ACT_LIGHT:
		filter_light_next(a);
		break;
	case TUI_ACT_CLEAR:
		if (a->search) {
			free(a->search);
			a->search = NULL;
		}
		if (app_filtered(a)) {
			filter_clear(a);
			app_message(a, A_NORMAL, _("filter cleared"));
		}
		break;
	case TUI_ACT_DETAIL:
		a->show_detail = !a->show_detail;
		layout(a);
		break;
	case TUI_ACT_DETAIL_DOWN:
	case TUI_ACT_DETAIL_UP: {
		int ph = pane_height(a);
		if (a->pane)
			detail_scroll(&v->detail, act == TUI_ACT_DETAIL_DOWN ? (ph > 2 ? ph / 2 : 1) : -(ph > 2 ? ph / 2 : 1), ph);
		break;
	}
	case TUI_ACT_HELP:
		if (v->ops->id == VIEW_HELP)
			app_pop(a);
		else
			app_push(a, &help_view_ops, v->ops);
		break;
	case TUI_ACT_MESSAGES:
		if (v->ops->id == VIEW_MESSAGES)
			app_pop(a);
		else
			app_push(a, &messages_view_ops, NULL);
		break;
	case TUI_ACT_REDRAW:
		clearok(curscr, TRUE);
		a->full_redraw = true;
		break;
	case TUI_ACT_FILE:
	case TUI_ACT_EXTEND:
	case TUI_ACT_ACCEPT:
	case TUI_ACT_RETURN:
	case TUI_ACT_VERIFY:
	case TUI_ACT_APPROVE:
	case TUI_ACT_REJECT:
		app_message(a, A_NORMAL, _("select a row to act on"));
		break;
	case TUI_ACT_EXPAND_ALL:
	case TUI_ACT_COLLAPSE_ALL:
	case TUI_ACT_GROUPING:
	case TUI_ACT_EXPORT:
	case TUI_ACT_NONE:
	case TUI_ACT_COUNT:
		break;
	}
}

static void
mouse(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return;
	struct view *v = app_view(a);
	int by = 0, bx = 0;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		int n = ev.bstate & BUTTON4_PRESSED ? -3 : 3;
		if (a->pane && wenclose(a->pane, ev.y, ev.x))
			detail_scroll(&v->detail, n, pane_height(a));
		else if (v->ops->scroll_only)
			detail_scroll(&v->detail, n, body_height(a));
		else
			list_move(&v->list, n);
		return;
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	if (ev.y == 0) {
		int t = bars_tab_at(ev.x);
		if (t >= 0)
			switch_tab(a, t);
		return;
	}
	if (!a->body || !wenclose(a->body, ev.y, ev.x) || v->ops->scroll_only)
		return;
	getbegyx(a->body, by, bx);
	(void)bx;
	int row = ev.y - by - v->header_rows;
	if (row < 0 || row >= v->list.nrows)
		return;
	if (row == v->list.cur) {
		/* A click on the selected row opens it, as Enter does. */
		int r = v->ops->key ? v->ops->key(v, TUI_ACT_OPEN, '\r') : 0;
		if (r & TUI_QUIT)
			a->quit = true;
	} else {
		list_select(&v->list, row);
	}
}

/* An escape sequence curses does not know (a key this terminal's entry
 * lacks, a mouse report with the mouse off) arrives as Esc and the
 * characters after it, all at once. Read it whole and drop it: true when
 * key began one. Run one by one, its characters would be keys (ESC [ 4 2 ~
 * would go to view 4, then 2; a mouse report's final M would open the
 * messages). */
static bool
unknown_sequence(struct app *a, int key)
{
	bool csi;
	if (key == FN(KEY_MOUSE) && !a->cli->session->cfg.mouse) {
		/* The mouse off, curses still reads the start of a mouse report
		 * (kmous) as KEY_MOUSE; the rest of it follows. */
		csi = true;
	} else if (key == TUI_ESC && app_key_pending(a) && (a->ahead_key == '[' || a->ahead_key == 'O')) {
		csi = a->ahead_key == '[';
		a->ahead = false;
	} else {
		return false;
	}
	if (!csi) {                    /* SS3: one character follows */
		if (app_key_pending(a))
			a->ahead = false;
		return true;
	}
	/* CSI: parameters and intermediates (0x20-0x3F), then a final byte. */
	while (app_key_pending(a)) {
		int c = a->ahead_key;
		if (c < 0x20 || c > 0x7e)
			break;
		a->ahead = false;
		if (c >= 0x40)
			break;
	}
	return true;
}

static void
handle_key(struct app *a, int key)
{
	a->msg[0] = '\0';
	if (unknown_sequence(a, key))
		return;
	if (key == FN(KEY_RESIZE)) {
		layout(a);
		return;
	}
	if (a->too_small) {
		if (key == 'q' || key == 'Q')
			a->quit = true;
		return;
	}
	if (a->modal) {
		if (a->modal->ops->key(a->modal, a, key)) {
			a->modal->ops->free(a->modal);
			a->modal = NULL;
		}
		return;
	}
	if (key == FN(KEY_MOUSE)) {
		mouse(a);
		return;
	}
	struct view *v = app_view(a);
	enum tui_act act = keymap_lookup(v->ops->id, key);
	if (act == TUI_ACT_NONE) {
		app_message(a, A_NORMAL, _("%s does nothing here; ? shows the keys"), keymap_key_name(key));
		return;
	}
	int r = v->ops->key ? v->ops->key(v, act, key) : 0;
	if (r & TUI_QUIT)
		a->quit = true;
	if (!(r & TUI_HANDLED))
		generic(a, v, act, key);
}

static void
poll_store(struct app *a)
{
	long long dv = store_data_version(a->store);
	if (dv == a->data_version)
		return;
	a->data_version = dv;
	struct error e;            /* an administrator may have changed the role */
	err_clear(&e);
	if (session_refresh(a->cli->session, &e) == ERR_OK)
		bars_identify(a);
	for (int t = 0; t < a->ntabs; t++)
		for (int i = 0; i < a->depth[t]; i++)
			a->stack[t][i]->stale = true;
	struct view *v = app_view(a);
	v->stale = false;
	v->ops->reload(v);
	fit_view(a, v);
}

bool
app_key_pending(struct app *a)
{
	if (a->ahead)
		return true;
	wint_t ch;
	wtimeout(stdscr, 0);
	int kind = wget_wch(stdscr, &ch);
	wtimeout(stdscr, POLL_MS);
	if (kind == ERR)
		return false;
	a->ahead = true;
	a->ahead_key = kind == KEY_CODE_YES ? FN((int)ch) : (int)ch;
	return true;
}

/* True when the terminal has gone away (an SSH connection dropped and no
 * SIGHUP reached us): reads then fail at once instead of timing out, and
 * without this check the loop would spin. */
static bool
terminal_gone(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* ---- start and end ---------------------------------------------------------- */

int
app_tab_of(const struct app *a, const struct view_ops *ops)
{
	for (int t = 0; t < a->ntabs; t++)
		if (a->tabs[t] == ops)
			return t;
	return -1;
}

/* The tabs shown: the cycle's views only while it is on. */
static void
setup_tabs(struct app *a)
{
	a->ntabs = 0;
	for (int t = 0; t < tui_ntabs && a->ntabs < TUI_TABS_MAX; t++)
		if (!tui_tabs[t]->cycle || a->cycle.on)
			a->tabs[a->ntabs++] = tui_tabs[t];
}

/* The view that opens first: the Work view when the user's departments
 * have something to do, else the Review view when reports wait for the
 * office, else the plan. */
static int
first_tab(struct app *a)
{
	if (!a->cycle.on)
		return 0;
	if (work_pressing(a))
		return app_tab_of(a, &work_view_ops);
	if (review_pressing(a))
		return app_tab_of(a, &review_view_ops);
	return 0;
}

static const char *const no_tty =
	N_("plancon: the console needs a terminal: stdin and stdout must both be one.\n"
	   "In scripts and pipes use the commands instead: plancon summary, tasks, show CODE,\n"
	   "depts, indicators (plancon --help lists them all).\n");

static int
start_screen(struct cli *c, SCREEN **out)
{
	const char *term = getenv("TERM");
	if (!term || !*term) {
		fputs(_("plancon: TERM is not set, so the console cannot drive this terminal.\n"
		        "Set TERM to its type (for example TERM=xterm-256color), or use the commands "
		        "(plancon --help).\n"), c->err);
		return 2;
	}
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(c->err, _("plancon: unknown terminal type \"%s\" (TERM): the console cannot start.\n"
		        "Set TERM to a type this system knows (for example TERM=xterm-256color), "
		        "or use the commands (plancon --help).\n"), term);
		return 2;
	}
	const char *cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1) {
		endwin();
		delscreen(scr);
		fprintf(c->err, _("plancon: terminal type \"%s\" cannot move the cursor, so the console cannot "
		        "run on it.\nSet TERM to your terminal's real type, or use the commands (plancon --help).\n"),
		        term);
		return 2;
	}
	*out = scr;
	return 0;
}

int
tui_run(struct cli *c)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs(_(no_tty), c->err);
		return 2;
	}
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	struct sigaction old_int, old_term, old_hup;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);

	SCREEN *scr = NULL;
	int r = start_screen(c, &scr);
	if (r) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		sigaction(SIGHUP, &old_hup, NULL);
		return r;
	}
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	wtimeout(stdscr, POLL_MS);
	curs_set(0);
	theme_init(&c->session->cfg);
	if (c->session->cfg.mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}

	struct app a = { .cli = c, .store = c->store, .as_of = c->as_of, .cycle = session_cycle(c->session), .screen = scr,
	                .show_detail = c->session->cfg.detail };
	getmaxyx(stdscr, a.rows, a.cols);
	const char *path = store_path(c->store), *slash = strrchr(path, '/');
	a.db_name = xstrdup(slash ? slash + 1 : path);
	a.title = store_meta_get(c->store, "title");
	bars_identify(&a);
	setup_tabs(&a);
	a.data_version = store_data_version(c->store);
	switch_tab(&a, first_tab(&a));
	if (!app_view(&a))
		a.quit = true;

	while (!a.quit && !got_signal) {
		/* Keys typed ahead are handled before the terminal is updated: a
		 * held or pasted key costs one repaint, not one per key. */
		render(&a, !app_key_pending(&a));
		if (a.ahead) {
			a.ahead = false;
			handle_key(&a, a.ahead_key);
			continue;
		}
		wint_t ch;
		int kind = wget_wch(stdscr, &ch);
		if (got_signal)
			break;
		if (kind == ERR) {
			if (terminal_gone()) {
				got_signal = SIGHUP;
				break;
			}
			poll_store(&a);
			continue;
		}
		handle_key(&a, kind == KEY_CODE_YES ? FN((int)ch) : (int)ch);
	}

	if (a.modal)
		a.modal->ops->free(a.modal);
	for (int t = 0; t < a.ntabs; t++)
		while (a.depth[t] > 0)
			close_view(a.stack[t][--a.depth[t]]);
	del(&a.top);
	del(&a.body);
	del(&a.pane);
	del(&a.status);
	endwin();
	delscreen(scr);
	free(a.filter.status);
	free(a.filter.dept);
	free(a.search);
	free(a.db_name);
	free(a.title);
	free(a.who);
	message_free(&a);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	return got_signal ? 128 + got_signal : 0;
}
