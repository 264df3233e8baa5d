/* vt: enough of an xterm to know what is on the screen after a program
 * drawn with ncurses has written to it: cursor addressing and relative
 * moves, erasing, scrolling regions, insert/delete of lines and characters,
 * repeat (REP), deferred autowrap, wide (CJK) characters. Colours and other
 * attributes are ignored. The benchmark uses it to tell when a frame is
 * complete (the expected text is on the screen). */
#include "bench.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "plancon/xalloc.h"

#define WIDE_TAIL 0xffffffffu    /* the right half of a wide character */
#define MAX_PARAMS 16

struct vt {
	int cols, rows;
	uint32_t *cell;              /* rows * cols code points */
	int x, y, sx, sy;            /* cursor, saved cursor */
	int top, bottom;             /* scrolling region, inclusive */
	bool wrap_pending, app_cursor;
	uint32_t last;               /* last printed character, for REP */
	/* parser */
	enum { S_GROUND, S_ESC, S_CSI, S_OSC, S_OSC_ESC, S_CHARSET } state;
	int params[MAX_PARAMS], nparams;
	bool private_mode;
	uint32_t u8;                 /* UTF-8 decoding */
	int u8_left;
	char *line;                  /* vt_row's buffer */
};

struct vt *
vt_new(int cols, int rows)
{
	struct vt *v = xcalloc(1, sizeof *v);
	v->cols = cols;
	v->rows = rows;
	v->cell = xmalloc(sizeof *v->cell * (size_t)(cols * rows));
	for (int i = 0; i < cols * rows; i++)
		v->cell[i] = ' ';
	v->bottom = rows - 1;
	v->line = xmalloc((size_t)cols * 4 + 1);
	return v;
}

void
vt_free(struct vt *v)
{
	if (!v)
		return;
	free(v->cell);
	free(v->line);
	free(v);
}

bool vt_app_cursor(const struct vt *v) { return v->app_cursor; }

static uint32_t *
at(struct vt *v, int x, int y)
{
	return &v->cell[y * v->cols + x];
}

static void
clear_cells(struct vt *v, int y, int x0, int x1)
{
	for (int x = x0; x < x1 && x < v->cols; x++)
		*at(v, x, y) = ' ';
}

static void
scroll_up(struct vt *v, int top, int bottom, int n)
{
	if (n > bottom - top + 1)
		n = bottom - top + 1;
	if (n <= 0)
		return;
	memmove(at(v, 0, top), at(v, 0, top + n), sizeof *v->cell * (size_t)(v->cols * (bottom - top + 1 - n)));
	for (int y = bottom - n + 1; y <= bottom; y++)
		clear_cells(v, y, 0, v->cols);
}

static void
scroll_down(struct vt *v, int top, int bottom, int n)
{
	if (n > bottom - top + 1)
		n = bottom - top + 1;
	if (n <= 0)
		return;
	memmove(at(v, 0, top + n), at(v, 0, top), sizeof *v->cell * (size_t)(v->cols * (bottom - top + 1 - n)));
	for (int y = top; y < top + n; y++)
		clear_cells(v, y, 0, v->cols);
}

static void
linefeed(struct vt *v)
{
	if (v->y == v->bottom)
		scroll_up(v, v->top, v->bottom, 1);
	else if (v->y < v->rows - 1)
		v->y++;
}

static int
clampi(int a, int lo, int hi)
{
	return a < lo ? lo : a > hi ? hi : a;
}

static void
put(struct vt *v, uint32_t c)
{
	int w = wcwidth((wchar_t)c);
	if (w < 0)
		w = 1;
	if (w == 0)
		return;                  /* combining marks: the base cell stands for both */
	if (v->wrap_pending || v->x + w > v->cols) {
		v->x = 0;
		linefeed(v);
		v->wrap_pending = false;
	}
	/* Writing over half of a wide character erases its other half. */
	if (v->x > 0 && *at(v, v->x, v->y) == WIDE_TAIL && *at(v, v->x - 1, v->y) != WIDE_TAIL &&
	    wcwidth((wchar_t)*at(v, v->x - 1, v->y)) == 2)
		*at(v, v->x - 1, v->y) = ' ';
	*at(v, v->x, v->y) = c;
	if (w == 2)
		*at(v, v->x + 1, v->y) = WIDE_TAIL;
	if (v->x + w < v->cols && *at(v, v->x + w, v->y) == WIDE_TAIL)
		*at(v, v->x + w, v->y) = ' ';
	v->last = c;
	v->x += w;
	if (v->x >= v->cols) {
		v->x = v->cols - 1;
		v->wrap_pending = true;
	}
}

static int
param(struct vt *v, int i, int def)
{
	return i < v->nparams && v->params[i] > 0 ? v->params[i] : def;
}

static void
csi(struct vt *v, char f)
{
	int n = param(v, 0, 1);
	if (f != 'b')
		v->wrap_pending = false;
	switch (f) {
	case 'A': v->y = clampi(v->y - n, 0, v->rows - 1); break;
	case 'B': case 'e': v->y = clampi(v->y + n, 0, v->rows - 1); break;
	case 'C': case 'a': v->x = clampi(v->x + n, 0, v->cols - 1); break;
	case 'D': v->x = clampi(v->x - n, 0, v->cols - 1); break;
	case 'E': v->x = 0; v->y = clampi(v->y + n, 0, v->rows - 1); break;
	case 'F': v->x = 0; v->y = clampi(v->y - n, 0, v->rows - 1); break;
	case 'G': case '`': v->x = clampi(n - 1, 0, v->cols - 1); break;
	case 'd': v->y = clampi(n - 1, 0, v->rows - 1); break;
	case 'H': case 'f':
		v->y = clampi(param(v, 0, 1) - 1, 0, v->rows - 1);
		v->x = clampi(param(v, 1, 1) - 1, 0, v->cols - 1);
		break;
	case 'J': {
		int mode = v->nparams ? v->params[0] : 0;
		if (mode == 0) {
			clear_cells(v, v->y, v->x, v->cols);
			for (int y = v->y + 1; y < v->rows; y++)
				clear_cells(v, y, 0, v->cols);
		} else if (mode == 1) {
			for (int y = 0; y < v->y; y++)
				clear_cells(v, y, 0, v->cols);
			clear_cells(v, v->y, 0, v->x + 1);
		} else {
			for (int y = 0; y < v->rows; y++)
				clear_cells(v, y, 0, v->cols);
		}
		break;
	}
	case 'K': {
		int mode = v->nparams ? v->params[0] : 0;
		if (mode == 0)
			clear_cells(v, v->y, v->x, v->cols);
		else if (mode == 1)
			clear_cells(v, v->y, 0, v->x + 1);
		else
			clear_cells(v, v->y, 0, v->cols);
		break;
	}
	case 'X': clear_cells(v, v->y, v->x, v->x + n); break;
	case 'P': {
		uint32_t *row = at(v, 0, v->y);
		int k = clampi(n, 0, v->cols - v->x);
		memmove(row + v->x, row + v->x + k, sizeof *row * (size_t)(v->cols - v->x - k));
		clear_cells(v, v->y, v->cols - k, v->cols);
		break;
	}
	case '@': {
		uint32_t *row = at(v, 0, v->y);
		int k = clampi(n, 0, v->cols - v->x);
		memmove(row + v->x + k, row + v->x, sizeof *row * (size_t)(v->cols - v->x - k));
		clear_cells(v, v->y, v->x, v->x + k);
		break;
	}
	case 'L': if (v->y >= v->top && v->y <= v->bottom) scroll_down(v, v->y, v->bottom, n); break;
	case 'M': if (v->y >= v->top && v->y <= v->bottom) scroll_up(v, v->y, v->bottom, n); break;
	case 'S': scroll_up(v, v->top, v->bottom, n); break;
	case 'T': scroll_down(v, v->top, v->bottom, n); break;
	case 'b': for (int i = 0; i < n && i < v->cols * v->rows; i++) put(v, v->last); break;
	case 'r':
		v->top = clampi(param(v, 0, 1) - 1, 0, v->rows - 1);
		v->bottom = clampi(param(v, 1, v->rows) - 1, v->top, v->rows - 1);
		v->x = v->y = 0;
		break;
	case 's': v->sx = v->x; v->sy = v->y; break;
	case 'u': v->x = v->sx; v->y = v->sy; break;
	case 'h':
	case 'l':
		for (int i = 0; v->private_mode && i < v->nparams; i++) {
			if (v->params[i] == 1)
				v->app_cursor = f == 'h';
			else if (v->params[i] == 1049 || v->params[i] == 47 || v->params[i] == 1047)
				for (int y = 0; y < v->rows; y++)
					clear_cells(v, y, 0, v->cols);
		}
		break;
	default: break;                  /* m (SGR), n, c, t, ...: nothing on the screen */
	}
}

static void
esc(struct vt *v, unsigned char c)
{
	v->state = S_GROUND;
	switch (c) {
	case '[': v->state = S_CSI; v->nparams = 0; v->private_mode = false; memset(v->params, 0, sizeof v->params); break;
	case ']': v->state = S_OSC; break;
	case '(': case ')': case '*': case '+': v->state = S_CHARSET; break;
	case '7': v->sx = v->x; v->sy = v->y; break;
	case '8': v->x = v->sx; v->y = v->sy; break;
	case 'D': linefeed(v); break;
	case 'E': v->x = 0; linefeed(v); break;
	case 'M':
		if (v->y == v->top)
			scroll_down(v, v->top, v->bottom, 1);
		else if (v->y > 0)
			v->y--;
		break;
	case 'c':
		for (int y = 0; y < v->rows; y++)
			clear_cells(v, y, 0, v->cols);
		v->x = v->y = v->top = 0;
		v->bottom = v->rows - 1;
		break;
	default: break;                  /* =, >, ... */
	}
}

static void
control(struct vt *v, unsigned char c)
{
	switch (c) {
	case '\r': v->x = 0; v->wrap_pending = false; break;
	case '\n': case '\v': case '\f': linefeed(v); v->wrap_pending = false; break;
	case '\b': if (v->x > 0) v->x--; v->wrap_pending = false; break;
	case '\t': v->x = clampi((v->x / 8 + 1) * 8, 0, v->cols - 1); break;
	case 0x1b: v->state = S_ESC; break;
	default: break;                  /* BEL, SO, SI, ... */
	}
}

static void
utf8_start(struct vt *v, uint32_t bits, int more)
{
	v->u8 = bits;
	v->u8_left = more;
}

void
vt_feed(struct vt *v, const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		switch (v->state) {
		case S_ESC: esc(v, c); continue;
		case S_CHARSET: v->state = S_GROUND; continue;
		case S_OSC:
			if (c == 7)
				v->state = S_GROUND;
			else if (c == 0x1b)
				v->state = S_OSC_ESC;
			continue;
		case S_OSC_ESC: v->state = c == '\\' ? S_GROUND : S_OSC; continue;
		case S_CSI:
			if (c >= '0' && c <= '9') {
				if (v->nparams == 0)
					v->nparams = 1;
				int *p = &v->params[v->nparams - 1];
				if (*p < 100000)
					*p = *p * 10 + (c - '0');
			} else if (c == ';') {
				if (v->nparams == 0)
					v->nparams = 1;
				if (v->nparams < MAX_PARAMS)
					v->nparams++;
			} else if (c == '?' || c == '>' || c == '=') {
				v->private_mode = true;
			} else if (c >= 0x40 && c <= 0x7e) {
				v->state = S_GROUND;
				csi(v, (char)c);
			} else if (c < 0x20) {
				control(v, c);
			}
			continue;
		case S_GROUND:
			break;
		}
		if (v->u8_left > 0 && (c & 0xc0) == 0x80) {
			v->u8 = v->u8 << 6 | (c & 0x3f);
			if (--v->u8_left == 0)
				put(v, v->u8);
			continue;
		}
		v->u8_left = 0;
		if (c < 0x20 || c == 0x7f)
			control(v, c);
		else if (c < 0x80)
			put(v, c);
		else if ((c & 0xe0) == 0xc0)
			utf8_start(v, c & 0x1f, 1);
		else if ((c & 0xf0) == 0xe0)
			utf8_start(v, c & 0x0f, 2);
		else if ((c & 0xf8) == 0xf0)
			utf8_start(v, c & 0x07, 3);
		else
			put(v, 0xfffd);
	}
}

const char *
vt_row(struct vt *v, int r)
{
	char *o = v->line;
	for (int x = 0; x < v->cols; x++) {
		uint32_t c = *at(v, x, r);
		if (c == WIDE_TAIL)
			continue;
		if (c < 0x80) {
			*o++ = (char)c;
		} else if (c < 0x800) {
			*o++ = (char)(0xc0 | c >> 6);
			*o++ = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			*o++ = (char)(0xe0 | c >> 12);
			*o++ = (char)(0x80 | (c >> 6 & 0x3f));
			*o++ = (char)(0x80 | (c & 0x3f));
		} else {
			*o++ = (char)(0xf0 | c >> 18);
			*o++ = (char)(0x80 | (c >> 12 & 0x3f));
			*o++ = (char)(0x80 | (c >> 6 & 0x3f));
			*o++ = (char)(0x80 | (c & 0x3f));
		}
	}
	while (o > v->line && o[-1] == ' ')
		o--;
	*o = '\0';
	return v->line;
}

bool
vt_contains(struct vt *v, const char *text)
{
	for (int r = 0; r < v->rows; r++)
		if (strstr(vt_row(v, r), text))
			return true;
	return false;
}

char *
vt_dump(struct vt *v)
{
	size_t cap = (size_t)v->rows * ((size_t)v->cols * 4 + 1) + 1, len = 0;
	char *out = xmalloc(cap);
	for (int r = 0; r < v->rows; r++) {
		const char *row = vt_row(v, r);
		size_t l = strlen(row);
		memcpy(out + len, row, l);
		len += l;
		out[len++] = '\n';
	}
	out[len] = '\0';
	return out;
}
