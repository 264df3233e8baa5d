/* help: the keys of the view it was opened from, straight from the keymap
 * table (tui_keymap.h), so the help can never list a key the dispatcher
 * does not know, or miss one it does. */
#include <stdio.h>
#include <stdlib.h>

#include "theme.h"
#include "tui.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

struct help {
	struct view v;
	const struct view_ops *about;
};

static void
help_detail(struct view *v, const struct list_row *r, struct detail *d)
{
	struct help *h = (struct help *)v;
	(void)r;
	detail_textf(d, A_BOLD, _("Keys in the %s view"), _(h->about->name));
	detail_blank(d);
	for (int a = 0; a < TUI_ACT_COUNT; a++) {
		if (!(tui_actions[a].views & VB(h->about->id)))
			continue;
		char keys[96];
		keymap_keys_text((enum tui_act)a, keys, sizeof keys);
		if (text_width(keys) > 22) {
			/* a long list of keys gets a line of its own */
			detail_text(d, A_BOLD, keys);
			detail_columns(d, "", 23, _(tui_actions[a].help), A_NORMAL);
		} else {
			char *k = xasprintf(" %s", keys);
			detail_columns(d, k, 23, _(tui_actions[a].help), A_NORMAL);
			free(k);
		}
	}
	detail_blank(d);
	detail_text(d, A_BOLD, _("Views"));
	for (int i = 0; i < v->app->ntabs; i++)
		detail_textf(d, A_NORMAL, "  %d  %s", i + 1, _(v->app->tabs[i]->name));
	detail_blank(d);
	detail_text(d, A_BOLD, _("Mouse"));
	detail_columns(d, "", 2, _("A click selects a row; a click on the selected row opens it; the wheel "
	               "scrolls; a click on a tab at the top switches to it. [ui] mouse = no in the "
	               "configuration leaves the mouse to the terminal."), A_NORMAL);
	detail_blank(d);
	detail_text(d, A_BOLD, _("Search and filter"));
	detail_columns(d, "", 2, _("/ searches task codes, titles and descriptions (department and indicator "
	               "names in their views) as you type; Chinese input works. f filters the task lists by "
	               "status, department or chapter; the status line shows the filter; Esc clears it."),
	               A_NORMAL);
	detail_blank(d);
	detail_text(d, theme_attr(THEME_DIM), _("q, Esc or ? closes this help. The manual: man plancon."));
}

static int
help_key(struct view *v, enum tui_act act, int key)
{
	(void)key;
	if (act == TUI_ACT_CLEAR || act == TUI_ACT_BACK) {
		app_pop(v->app);
		return TUI_HANDLED;
	}
	return 0;
}

static struct view *
help_open(struct app *a, const void *arg)
{
	struct help *h = xcalloc(1, sizeof *h);
	view_init(&h->v, &help_view_ops, a, NULL, NULL);
	h->about = arg;
	h->v.label = xasprintf(_("Help: %s"), _(h->about->name));
	return &h->v;
}

static void
help_reload(struct view *v)
{
	(void)v;
}

static void
help_close(struct view *v)
{
	view_fini(v);
	free(v);
}

const struct view_ops help_view_ops = {
	.id = VIEW_HELP,
	.name = N_("Help"),
	.open = help_open,
	.close = help_close,
	.reload = help_reload,
	.detail = help_detail,
	.key = help_key,
	.scroll_only = true,
};
