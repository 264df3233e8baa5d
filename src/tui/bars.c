/* bars: the title bar at the top (the views, the plan's title), the status
 * line at the bottom (the view, the row, the filter, who the console acts
 * as, the as-of date, the database, DEMO, messages), and the notice of a
 * terminal too small. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "theme.h"
#include "tui.h"
#include "plancon/auth.h"
#include "plancon/model.h"
#include "plancon/store.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

/* The x range of each tab in the title bar, for mouse clicks. */
static int tab_x[16], tab_end[16];

void
bars_draw_top(struct app *a)
{
	attr_t t = theme_attr(THEME_TITLE), cur = theme_attr(THEME_CURSOR) | A_BOLD;
	draw_blank(a->top, 0, 0, a->cols, t);
	int x = 1;
	memset(tab_end, 0, sizeof tab_end);
	for (int i = 0; i < a->ntabs && i < 16; i++) {
		char *s = xasprintf(" %d %s ", i + 1, _(a->tabs[i]->name));
		int w = text_width(s);
		if (x + w >= a->cols) {
			free(s);
			break;
		}
		tab_x[i] = x;
		draw_text(a->top, 0, x, w, s, i == a->tab ? cur : t, false);
		x += w;
		tab_end[i] = x;
		free(s);
	}
	if (a->title && x + 4 < a->cols)
		draw_text_right(a->top, 0, x + 2, a->cols - x - 3, a->title, t);
}

int
bars_tab_at(int x)
{
	for (int i = 0; i < 16; i++)
		if (x >= tab_x[i] && x < tab_end[i])
			return i;
	return -1;
}

void
bars_identify(struct app *a)
{
	const struct session *s = a->cli->session;
	const struct identity *id = &s->id;
	const char *role = NULL;
	if (id->name) {
		if (!id->known)
			role = id->deactivated ? P_("identity", "no longer a user, read-only")
			                       : P_("identity", "not a user, read-only");
		else
			role = model_role_label(auth_role_name(id->role));
	}
	free(a->who);
	if (role && a->cycle.on && auth_is_office(id))
		a->who = xasprintf(P_("identity", "%s (%s, office)"), s->user, role);
	else
		a->who = role ? xasprintf(P_("identity", "%s (%s)"), s->user, role) : xstrdup(s->user);
}

void
bars_draw_status(struct app *a, struct view *v)
{
	attr_t st = theme_attr(THEME_STATUS);
	draw_blank(a->status, 0, 0, a->cols, st);
	long long idx = 0, total = 0;
	if (!v->ops->scroll_only)
		list_position(&v->list, &idx, &total);
	char *filter = filter_text(a);
	int demo_w = a->cli->session->demo ? text_width(" DEMO 演示数据 ") : 0;
	char pos[64] = "";
	if (!v->ops->scroll_only)
		snprintf(pos, sizeof pos, _("  row %lld/%lld"), idx, total);
	char *left = xasprintf(" %s%s%s%s%s", v->label ? v->label : _(v->ops->name), pos,
	                       store_readonly(a->store) ? _("  read-only") : "", *filter ? _("  filter: ") : "", filter);
	/* The right end names who the console acts as, in every view: over
	 * the gateway's shared account this is the only place to check it.
	 * Short of room, the words go first, then the database's name, the
	 * date and the role, never the name; the left part keeps at least
	 * half the line. */
	const char *who = a->who ? a->who : a->cli->session->user;
	char *right[] = {
		xasprintf(_(" %s  as of %s  %s "), who, a->as_of, a->db_name),
		xasprintf(" %s  %s  %s ", who, a->as_of, a->db_name),
		xasprintf(" %s  %s ", who, a->as_of),
		xasprintf(" %s ", who),
		xasprintf(" %s ", a->cli->session->user),
	};
	enum { NRIGHT = sizeof right / sizeof right[0] };
	int need = demo_w + text_width(left), k = 0;
	while (k + 1 < NRIGHT && need + text_width(right[k]) > a->cols)
		k++;
	int rw = text_width(right[k]);
	int lw = a->cols - rw, keep = need < a->cols / 2 ? need : a->cols / 2;
	if (lw < keep) {
		lw = keep;
		rw = a->cols - lw;
	}
	int x = 0;
	if (a->cli->session->demo)
		x = draw_text(a->status, 0, 0, lw, " DEMO 演示数据 ", theme_attr(THEME_LATE) | A_REVERSE, false);
	x += draw_text(a->status, 0, x, lw - x, left, st, false);
	message_status(a, x + 2, lw - x - 3);
	if (rw > 0)
		draw_text_right(a->status, 0, lw, rw, right[k], st);
	free(left);
	for (int i = 0; i < NRIGHT; i++)
		free(right[i]);
	free(filter);
}

void
bars_draw_small(struct app *a)
{
	werase(stdscr);
	char *s = xasprintf(_("Terminal too small: %dx%d."), a->cols, a->rows);
	char *t = xasprintf(_("plancon needs at least %dx%d."), TUI_MIN_COLS, TUI_MIN_ROWS);
	const char *lines[] = { s, t, _("Enlarge the window, or press q to quit.") };
	int n = 3;
	for (int i = 0; i < n; i++) {
		int y = a->rows / 2 - n / 2 + i;
		if (y >= 0 && y < a->rows)
			draw_text(stdscr, y, 0, a->cols, lines[i], i == 0 ? A_BOLD : A_NORMAL, true);
	}
	free(s);
	free(t);
	wnoutrefresh(stdscr);
}
