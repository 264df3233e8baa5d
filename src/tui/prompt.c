/* prompt: one-line editing of wide characters, and the picker built on it. */
#include "prompt.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "draw.h"
#include "plancon/text.h"
#include "plancon/tui_keymap.h"
#include "plancon/xalloc.h"

static void
insert(struct prompt *p, wchar_t c)
{
	if (p->max && p->len >= p->max)
		return;
	if (p->len + 1 >= p->cap) {
		p->cap = p->cap * 2 + 16;
		p->buf = xrealloc(p->buf, p->cap * sizeof(wchar_t));
	}
	memmove(p->buf + p->cur + 1, p->buf + p->cur, (p->len - p->cur) * sizeof(wchar_t));
	p->buf[p->cur++] = c;
	p->buf[++p->len] = L'\0';
}

static void
erase_range(struct prompt *p, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(p->buf + from, p->buf + to, (p->len - to) * sizeof(wchar_t));
	p->len -= to - from;
	p->buf[p->len] = L'\0';
	if (p->cur > to)
		p->cur -= to - from;
	else if (p->cur > from)
		p->cur = from;
}

void
prompt_init(struct prompt *p, const char *initial, size_t max)
{
	*p = (struct prompt){ .max = max, .cap = 16 };
	p->buf = xmalloc(p->cap * sizeof(wchar_t));
	p->buf[0] = L'\0';
	if (initial && *initial) {
		/* Through text_fit_wide: what is edited is what is shown. */
		int w = text_width(initial);
		size_t n = (size_t)w * 3 + 16;
		wchar_t *tmp = xmalloc(n * sizeof(wchar_t));
		text_fit_wide(initial, w, false, tmp, n);
		for (wchar_t *c = tmp; *c; c++)
			insert(p, *c);
		free(tmp);
	}
}

void
prompt_free(struct prompt *p)
{
	free(p->buf);
	p->buf = NULL;
	p->len = p->cap = p->cur = 0;
}

void
prompt_select_all(struct prompt *p)
{
	p->selected = p->len > 0;
	p->cur = p->len;
}

static bool
printable(int key)
{
	wchar_t wc = (wchar_t)key;
	return key >= ' ' && key < TUI_FN && key != 127 && iswprint((wint_t)key) && text_wide_width(&wc, 1) >= 1;
}

enum prompt_result
prompt_key(struct prompt *p, int key)
{
	if (p->selected) {
		p->selected = false;
		if (printable(key))
			erase_range(p, 0, p->len);
	}
	size_t was = p->len;
	switch (key) {
	case '\r':
	case '\n':
	case FN(KEY_ENTER):
		return PROMPT_ACCEPT;
	case TUI_ESC:
		return PROMPT_CANCEL;
	case FN(KEY_LEFT):
	case TUI_CTRL('b'):
		if (p->cur == 0)
			return PROMPT_NONE;
		p->cur--;
		return PROMPT_MOVED;
	case FN(KEY_RIGHT):
	case TUI_CTRL('f'):
		if (p->cur == p->len)
			return PROMPT_NONE;
		p->cur++;
		return PROMPT_MOVED;
	case FN(KEY_HOME):
	case TUI_CTRL('a'):
		p->cur = 0;
		return PROMPT_MOVED;
	case FN(KEY_END):
	case TUI_CTRL('e'):
		p->cur = p->len;
		return PROMPT_MOVED;
	case FN(KEY_BACKSPACE):
	case 127:
	case 8:
		if (p->cur > 0)
			erase_range(p, p->cur - 1, p->cur);
		break;
	case FN(KEY_DC):
	case TUI_CTRL('d'):
		if (p->cur < p->len)
			erase_range(p, p->cur, p->cur + 1);
		break;
	case TUI_CTRL('u'):
		erase_range(p, 0, p->cur);
		break;
	case TUI_CTRL('k'):
		erase_range(p, p->cur, p->len);
		break;
	case TUI_CTRL('w'): {
		size_t i = p->cur;
		while (i > 0 && iswspace((wint_t)p->buf[i - 1]))
			i--;
		while (i > 0 && !iswspace((wint_t)p->buf[i - 1]))
			i--;
		erase_range(p, i, p->cur);
		break;
	}
	default:
		if (!printable(key))
			return PROMPT_NONE;
		insert(p, (wchar_t)key);
		return PROMPT_CHANGED;
	}
	return p->len != was ? PROMPT_CHANGED : PROMPT_NONE;
}

char *
prompt_text(const struct prompt *p)
{
	return text_from_wide(p->buf, p->len);
}

void
prompt_draw(struct prompt *p, WINDOW *w, int y, int x, int cols, attr_t attr)
{
	if (cols < 2)
		return;
	if (p->first > p->cur)
		p->first = p->cur;
	while (p->first < p->cur && text_wide_width(p->buf + p->first, p->cur - p->first) > cols - 1)
		p->first++;
	char *s = text_from_wide(p->buf + p->first, p->len - p->first);
	draw_text(w, y, x, cols, s, attr, true);
	if (p->selected)
		draw_text(w, y, x, cols - 1, s, attr | A_REVERSE, false);
	free(s);
	wmove(w, y, x + text_wide_width(p->buf + p->first, p->cur - p->first));
}

/* ---- picker ---------------------------------------------------------------- */

static void
refilter(struct picker *k)
{
	char *t = prompt_text(&k->typed);
	k->nshown = 0;
	for (int i = 0; i < k->n; i++)
		if (!*t || draw_matches(k->items[i], t))
			k->shown[k->nshown++] = i;
	free(t);
	k->cur = 0;
	k->top = 0;
}

void
picker_init(struct picker *k, const char *title)
{
	*k = (struct picker){ .title = xstrdup(title) };
	prompt_init(&k->typed, NULL, 64);
}

void
picker_add(struct picker *k, const char *item)
{
	if (k->n == k->cap) {
		k->cap = k->cap * 2 + 8;
		k->items = xrealloc(k->items, (size_t)k->cap * sizeof *k->items);
		k->shown = xrealloc(k->shown, (size_t)k->cap * sizeof *k->shown);
	}
	k->items[k->n] = xstrdup(item);
	k->shown[k->nshown++] = k->n;
	k->n++;
}

void
picker_free(struct picker *k)
{
	for (int i = 0; i < k->n; i++)
		free(k->items[i]);
	free(k->items);
	free(k->shown);
	free(k->title);
	prompt_free(&k->typed);
	*k = (struct picker){ 0 };
}

enum picker_result
picker_key(struct picker *k, int key, int *chosen)
{
	switch (key) {
	case FN(KEY_DOWN):
	case TUI_CTRL('n'):
		if (k->cur + 1 < k->nshown)
			k->cur++;
		return PICK_NONE;
	case FN(KEY_UP):
	case TUI_CTRL('p'):
		if (k->cur > 0)
			k->cur--;
		return PICK_NONE;
	case FN(KEY_NPAGE):
		k->cur = k->cur + 10 < k->nshown ? k->cur + 10 : (k->nshown > 0 ? k->nshown - 1 : 0);
		return PICK_NONE;
	case FN(KEY_PPAGE):
		k->cur = k->cur > 10 ? k->cur - 10 : 0;
		return PICK_NONE;
	}
	switch (prompt_key(&k->typed, key)) {
	case PROMPT_ACCEPT:
		if (k->nshown == 0)
			return PICK_NONE;
		*chosen = k->shown[k->cur];
		return PICK_CHOSEN;
	case PROMPT_CANCEL:
		return PICK_CANCEL;
	case PROMPT_CHANGED:
		refilter(k);
		return PICK_NONE;
	default:
		return PICK_NONE;
	}
}

WINDOW *
picker_draw(struct picker *k, int rows, int cols, attr_t frame, attr_t cursor)
{
	int width = text_width(k->title) + 4;
	for (int i = 0; i < k->n; i++) {
		int iw = text_width(k->items[i]) + 4;
		if (iw > width)
			width = iw;
	}
	if (width < 32)
		width = 32;
	if (width > cols - 4)
		width = cols - 4;
	int height = k->n + 4;
	if (height > rows - 4)
		height = rows - 4;
	if (height < 5 || width < 10)
		return NULL;
	WINDOW *w = draw_modal(rows, cols, height, width, frame);
	if (!w)
		return NULL;
	draw_text(w, 0, 2, width - 4, k->title, frame, false);
	int lines = height - 3;
	if (k->cur < k->top)
		k->top = k->cur;
	if (k->cur >= k->top + lines)
		k->top = k->cur - lines + 1;
	for (int i = 0; i < lines; i++) {
		int j = k->top + i;
		if (j >= k->nshown)
			break;
		attr_t at = j == k->cur ? cursor : A_NORMAL;
		draw_blank(w, 2 + i, 1, width - 2, at);
		draw_text(w, 2 + i, 2, width - 4, k->items[k->shown[j]], at, true);
	}
	if (k->nshown == 0)
		draw_text(w, 2, 2, width - 4, _("(nothing matches)"), A_DIM, false);
	draw_text(w, 1, 2, 2, ">", A_BOLD, true);
	prompt_draw(&k->typed, w, 1, 4, width - 6, A_NORMAL);
	return w;
}
