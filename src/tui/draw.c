/* draw: text on curses windows, always through text_fit_wide. */
#include "draw.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "plancon/text.h"
#include "plancon/xalloc.h"

enum { STACK_WCHARS = 1024 };

/* A wide buffer big enough for cols cells plus some combining marks. */
struct wbuf {
	wchar_t stack[STACK_WCHARS];
	wchar_t *p;
	size_t len;
};

static void
wbuf_fit(struct wbuf *b, const char *s, int cols, bool pad, int *cells)
{
	size_t need = (size_t)(cols > 0 ? cols : 0) * 3 + 16;
	b->p = need <= STACK_WCHARS ? b->stack : xmalloc(need * sizeof(wchar_t));
	*cells = text_fit_wide(s, cols, pad, b->p, need);
	b->len = wcslen(b->p);
}

static void
wbuf_free(struct wbuf *b)
{
	if (b->p != b->stack)
		free(b->p);
}

static void
put(WINDOW *w, int y, int x, const wchar_t *s, size_t n, attr_t attr)
{
	if (n == 0)
		return;
	wattrset(w, (int)attr);
	mvwaddnwstr(w, y, x, s, (int)n);
}

int
draw_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, bool pad)
{
	if (cols <= 0)
		return 0;
	struct wbuf b;
	int cells;
	wbuf_fit(&b, s, cols, pad, &cells);
	put(w, y, x, b.p, b.len, attr);
	wbuf_free(&b);
	wattrset(w, A_NORMAL);
	return cells;
}

int
draw_text_right(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr)
{
	if (cols <= 0)
		return 0;
	int width = text_width(s);
	if (width >= cols)
		return draw_text(w, y, x, cols, s, attr, true);
	draw_blank(w, y, x, cols - width, attr);
	return cols - width + draw_text(w, y, x + cols - width, width, s, attr, true);
}

void
draw_blank(WINDOW *w, int y, int x, int cols, attr_t attr)
{
	if (cols <= 0)
		return;
	wattrset(w, (int)attr);
	mvwhline(w, y, x, ' ', cols);
	wattrset(w, A_NORMAL);
}

/* Where needle (length n) occurs in s at or after i, or (size_t)-1, by
 * the search rule of text.h (what the store's searches match). */
static size_t
wfind(const wchar_t *s, size_t len, size_t i, const wchar_t *needle, size_t n)
{
	for (; n && i + n <= len; i++) {
		size_t k = 0;
		while (k < n && text_search_fold(s[i + k]) == text_search_fold(needle[k]))
			k++;
		if (k == n)
			return i;
	}
	return (size_t)-1;
}

int
draw_text_hl(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr,
             const char *needle, attr_t hl, bool pad)
{
	if (!needle || !*needle)
		return draw_text(w, y, x, cols, s, attr, pad);
	if (cols <= 0)
		return 0;
	struct wbuf b, nb;
	int cells, ncells;
	wbuf_fit(&b, s, cols, pad, &cells);
	wbuf_fit(&nb, needle, 256, false, &ncells);
	size_t i = 0, n = nb.len;
	int cx = x;
	while (i < b.len) {
		size_t at = wfind(b.p, b.len, i, nb.p, n);
		size_t plain = at == (size_t)-1 ? b.len - i : at - i;
		put(w, y, cx, b.p + i, plain, attr);
		cx += wcswidth(b.p + i, plain) > 0 ? wcswidth(b.p + i, plain) : 0;
		i += plain;
		if (at == (size_t)-1)
			break;
		put(w, y, cx, b.p + i, n, hl);
		cx += wcswidth(b.p + i, n) > 0 ? wcswidth(b.p + i, n) : 0;
		i += n;
	}
	wbuf_free(&b);
	wbuf_free(&nb);
	wattrset(w, A_NORMAL);
	return cells;
}

bool
draw_matches(const char *s, const char *needle)
{
	if (!s || !needle || !*needle)
		return false;
	struct wbuf b, nb;
	int cells;
	wbuf_fit(&b, s, text_width(s), false, &cells);
	wbuf_fit(&nb, needle, 256, false, &cells);
	bool r = wfind(b.p, b.len, 0, nb.p, nb.len) != (size_t)-1;
	wbuf_free(&b);
	wbuf_free(&nb);
	return r;
}

void
draw_bar(WINDOW *w, int y, int x, int cols, double frac, attr_t fill, attr_t rest)
{
	if (cols < 3)
		return;
	int inner = cols - 2;
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	int n = (int)(frac * inner + 0.5);
	if (n == 0 && frac > 0)
		n = 1;
	wattrset(w, (int)rest);
	mvwaddch(w, y, x, '[');
	wattrset(w, (int)fill);
	if (n > 0)
		mvwhline(w, y, x + 1, '#', n);
	wattrset(w, (int)rest);
	if (inner - n > 0)
		mvwhline(w, y, x + 1 + n, '.', inner - n);
	mvwaddch(w, y, x + cols - 1, ']');
	wattrset(w, A_NORMAL);
}

WINDOW *
draw_modal(int rows, int cols, int height, int width, attr_t frame)
{
	if (height < 2 || width < 2 || height > rows || width > cols)
		return NULL;
	int y = (rows - height) / 2, x = (cols - width) / 2;
	/* Whole rows: a blank cell beside the frame could split a wide
	 * character of the row behind, and curses and the terminal would then
	 * disagree about the half left over. */
	int top = y - 1 >= 1 ? y - 1 : y, bottom = y + height <= rows - 2 ? y + height : y + height - 1;
	WINDOW *band = newwin(bottom - top + 1, cols, top, 0);
	if (band) {
		werase(band);
		wnoutrefresh(band);
		delwin(band);
	}
	WINDOW *w = newwin(height, width, y, x);
	if (!w)
		return NULL;
	werase(w);
	wattrset(w, (int)frame);
	box_set(w, WACS_VLINE, WACS_HLINE);
	wattrset(w, A_NORMAL);
	return w;
}
