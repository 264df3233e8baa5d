/* table: aligned text, CSV, JSON and Markdown from one list of rows.
 *
 * Rows are kept packed in blocks, each cell a tag byte and then its text
 * and a NUL, rather than one allocation per cell: a million held rows cost
 * their text and little more. Every printer walks the rows in order, so
 * nothing needs to find a row by number.
 *
 * A streamed table (table_stream) hands each complete row to the printer
 * once its page is out; text is sized from the rows held until then. With
 * a page of 0 every row is held and table_end prints what table_print
 * would, byte for byte: the same code prints both. */
#include "plancon/table.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plancon/text.h"
#include "plancon/xalloc.h"

struct column {
	char *key, *header;
	unsigned flags;
	int max;
	int hint;                /* the widest table_hint, in cells */
};

enum { CELL_NULL = 0, CELL_TEXT = 1 };   /* a cell's tag byte */
enum { BLOCK_SIZE = 64 * 1024 };

struct block {
	struct block *next;
	size_t used, cap;
	char data[];
};

/* Output in progress: for table_print, or a streamed table's. */
struct printer {
	const struct table *t;
	FILE *out;
	enum table_format fmt;
	int width;
	bool bom, trim;
	bool started, ended;     /* the header is out; the end is out */
	int rows;                /* rows printed */
	int *w;                  /* text: column widths (-1: left out); NULL until sized */
	int lastcol;             /* text: the last column shown */
	bool live;               /* text: printing rows that were not sized */
	int *cw, *gap;           /* text: this line's widths and gaps */
	const char **row;        /* one row's cells */
	char *line;              /* text: the line being put together */
	size_t len, cap;
};

struct table {
	struct column *cols;
	int ncols;
	struct block *first, *last;   /* the held rows' cells */
	int nrows;               /* rows added */
	int held;                /* rows in the blocks; the last may be open */
	int filled;              /* cells in the last row */
	bool open;               /* the last row still takes cells */
	struct printer *p;       /* streamed: the printer; NULL: held for table_print */
	int page;                /* streamed: rows held before printing (0: all) */
	bool live;               /* streamed: the page is out, rows go as they come */
};

struct table *
table_new(void)
{
	return xcalloc(1, sizeof(struct table));
}

static void
printer_free(struct printer *p)
{
	free(p->w);
	free(p->cw);
	free(p->gap);
	free(p->row);
	free(p->line);
}

void
table_free(struct table *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->ncols; i++) {
		free(t->cols[i].key);
		free(t->cols[i].header);
	}
	for (struct block *b = t->first, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	if (t->p) {
		printer_free(t->p);
		free(t->p);
	}
	free(t->cols);
	free(t);
}

void
table_col(struct table *t, const char *key, const char *header, unsigned flags, int max_cols)
{
	t->cols = xrealloc(t->cols, sizeof *t->cols * (size_t)(t->ncols + 1));
	t->cols[t->ncols++] = (struct column){ .key = xstrdup(key), .header = xstrdup(header), .flags = flags,
	                                       .max = max_cols };
}

void
table_hint(struct table *t, const char *text)
{
	int w = text_width(text);
	if (t->ncols > 0 && w > t->cols[t->ncols - 1].hint)
		t->cols[t->ncols - 1].hint = w;
}

/* ---- held cells ---------------------------------------------------------- */

static void
hold_cell(struct table *t, const char *s)
{
	size_t n = s ? strlen(s) + 2 : 1;
	struct block *b = t->last;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		b = xmalloc(sizeof *b + cap);
		*b = (struct block){ .cap = cap };
		if (t->last)
			t->last->next = b;
		else
			t->first = b;
		t->last = b;
	}
	char *d = b->data + b->used;
	d[0] = s ? CELL_TEXT : CELL_NULL;
	if (s)
		memcpy(d + 1, s, n - 1);
	b->used += n;
}

/* Drop the held rows, keeping the first block for the next ones. */
static void
drop_held(struct table *t)
{
	if (!t->first)
		return;
	for (struct block *b = t->first->next, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	t->first->next = NULL;
	t->first->used = 0;
	t->last = t->first;
	t->held = 0;
}

struct cursor {
	const struct block *b;
	size_t at;
};

static const char *
next_cell(struct cursor *c)
{
	while (c->b && c->at >= c->b->used) {
		c->b = c->b->next;
		c->at = 0;
	}
	if (!c->b)
		return NULL;
	const char *d = c->b->data + c->at;
	if (d[0] == CELL_NULL) {
		c->at++;
		return NULL;
	}
	c->at += strlen(d + 1) + 2;
	return d + 1;
}

/* Held row r (read in order through c) into row[]; an open last row has
 * only its filled cells, the rest are NULL. */
static void
read_row(const struct table *t, struct cursor *c, int r, const char **row)
{
	int n = r == t->held - 1 && t->open ? t->filled : t->ncols;
	for (int i = 0; i < t->ncols; i++)
		row[i] = i < n ? next_cell(c) : NULL;
}

/* ---- printing ------------------------------------------------------------- */

static void
line_add(struct printer *p, const char *s, size_t n)
{
	if (p->cap - p->len < n + 1) {
		p->cap = (p->len + n + 1) * 2;
		p->line = xrealloc(p->line, p->cap);
	}
	memcpy(p->line + p->len, s, n);
	p->len += n;
}

enum { KEEP_FLOOR = 4 };     /* a shrinkable cell gives up room down to this */

/* A row that was not sized, cell c of a TABLE_KEEP column wider than the
 * column: take the room it needs from the gap after it (down to one space)
 * and from the shrinkable columns after it, the last first, so that the
 * line keeps its width and the columns after those cells their place;
 * what it cannot get, it is cut by. */
static void
keep_room(struct printer *p, const char *const *cells, int c)
{
	const struct table *t = p->t;
	int need = text_width(cells[c]) - p->cw[c], got = 0;
	if (need <= 0)
		return;
	if (p->gap[c] > 1) {
		p->gap[c]--;
		got++;
	}
	for (int j = p->lastcol; j > c && got < need; j--) {
		if (p->cw[j] < 0 || !(t->cols[j].flags & TABLE_SHRINK))
			continue;
		int take = p->cw[j] - KEEP_FLOOR;
		if (take > need - got)
			take = need - got;
		if (take > 0) {
			p->cw[j] -= take;
			got += take;
		}
	}
	p->cw[c] += got;
}

/* Text: one line of cells in the widths p->w. */
static void
put_text_line(struct printer *p, const char *const *cells)
{
	const struct table *t = p->t;
	for (int c = 0; c < t->ncols; c++) {
		p->cw[c] = p->w[c];
		p->gap[c] = 2;
	}
	for (int c = 0; p->live && c < p->lastcol; c++)
		if (p->w[c] >= 0 && (t->cols[c].flags & TABLE_KEEP) && !t->cols[c].max && cells[c])
			keep_room(p, cells, c);
	p->len = 0;
	for (int c = 0; c < t->ncols; c++) {
		if (p->cw[c] < 0)
			continue;
		const char *v = cells[c] ? cells[c] : "";
		bool last = c == p->lastcol;
		char *f;
		if (t->cols[c].flags & TABLE_RIGHT)
			f = text_fit_right(v, p->cw[c]);
		else if (last)
			f = text_trunc(v, p->cw[c]);
		else
			f = text_fit(v, p->cw[c]);
		line_add(p, f, strlen(f));
		free(f);
		if (!last)
			line_add(p, "  ", (size_t)p->gap[c]);
	}
	while (p->trim && p->len > 0 && p->line[p->len - 1] == ' ')
		p->len--;
	line_add(p, "\n", 1);
	fwrite(p->line, 1, p->len, p->out);
}

static void
put_csv_line(struct printer *p, const char *const *cells)
{
	for (int c = 0; c < p->t->ncols; c++) {
		if (c)
			fputc(',', p->out);
		table_csv_field(p->out, cells[c]);
	}
	fputs("\r\n", p->out);
}

static void
put_md_cell(FILE *out, const char *s)
{
	char *clean = text_sanitize(s ? s : "");
	fputc(' ', out);
	for (const char *q = clean; *q; q++) {
		if (*q == '|')
			fputc('\\', out);
		fputc(*q, out);
	}
	fputs(" |", out);
	free(clean);
}

static void
put_md_line(struct printer *p, const char *const *cells)
{
	fputc('|', p->out);
	for (int c = 0; c < p->t->ncols; c++)
		put_md_cell(p->out, cells[c]);
	fputc('\n', p->out);
}

static void
put_json_row(struct printer *p, const char *const *cells)
{
	const struct table *t = p->t;
	FILE *out = p->out;
	fputs(p->rows ? ",\n  {" : "\n  {", out);
	for (int c = 0; c < t->ncols; c++) {
		const char *v = cells[c];
		if (c)
			fputs(", ", out);
		table_json_string(out, t->cols[c].key);
		fputs(": ", out);
		if (!v || (!*v && (t->cols[c].flags & (TABLE_NUMBER | TABLE_BOOL))))
			fputs("null", out);
		else if (t->cols[c].flags & TABLE_BOOL)
			fputs(strcmp(v, "0") ? "true" : "false", out);
		else if (t->cols[c].flags & TABLE_NUMBER)
			fputs(v, out);
		else
			table_json_string(out, v);
	}
	fputs("}", out);
}

/* Text: the widths of the columns for the held rows, as wide as the widest
 * cell (up to the column's limit), then fitted into p->width. A page (more
 * rows to come) also makes room for the hints. */
static void
size_columns(struct printer *p, bool page)
{
	const struct table *t = p->t;
	int *w = xcalloc((size_t)t->ncols + 1, sizeof *w);
	for (int c = 0; c < t->ncols; c++) {
		w[c] = text_width(t->cols[c].header);
		if (page && t->cols[c].hint > w[c])
			w[c] = t->cols[c].hint;
	}
	struct cursor cur = { t->first, 0 };
	for (int r = 0; r < t->held; r++) {
		read_row(t, &cur, r, p->row);
		for (int c = 0; c < t->ncols; c++) {
			int cw = p->row[c] ? text_width(p->row[c]) : 0;
			if (cw > w[c])
				w[c] = cw;
		}
	}
	/* A column's limit is for fitting a terminal: with no width (a pipe,
	 * a file) every cell is whole. */
	for (int c = 0; c < t->ncols; c++)
		if (p->width > 0 && t->cols[c].max > 0 && w[c] > t->cols[c].max)
			w[c] = t->cols[c].max;
	/* Too wide: leave out the optional columns, then take columns from the
	 * shrinkable ones, widest first. A left-out column has width -1. */
	if (p->width > 0) {
		int total = 2 * (t->ncols - 1);
		for (int c = 0; c < t->ncols; c++)
			total += w[c];
		for (int c = t->ncols - 1; c >= 0 && total > p->width; c--) {
			if (t->cols[c].flags & TABLE_OPTIONAL) {
				total -= w[c] + 2;
				w[c] = -1;
			}
		}
		while (total > p->width) {
			int widest = -1;
			for (int c = 0; c < t->ncols; c++)
				if ((t->cols[c].flags & TABLE_SHRINK) && w[c] > 8 && (widest < 0 || w[c] > w[widest]))
					widest = c;
			if (widest < 0)
				break;
			w[widest]--;
			total--;
		}
	}
	p->lastcol = t->ncols - 1;
	while (p->lastcol > 0 && w[p->lastcol] < 0)
		p->lastcol--;
	/* A page: the rows to come may hold longer text where text is long, so
	 * the width left over goes to the shrinkable columns, up to their
	 * limits (the last column takes the rest of the line: widen_last). */
	if (page && p->width > 0) {
		int spare = p->width - 2 * p->lastcol;
		for (int c = 0; c <= p->lastcol; c++)
			spare -= w[c] < 0 ? -2 : w[c];
		for (int c = 0; c < p->lastcol && spare > 0; c++) {
			if (w[c] < 0 || !(t->cols[c].flags & TABLE_SHRINK))
				continue;
			int add = t->cols[c].max > 0 && t->cols[c].max - w[c] < spare ? t->cols[c].max - w[c] : spare;
			if (add > 0) {
				w[c] += add;
				spare -= add;
			}
		}
	}
	p->w = w;
	p->cw = xcalloc((size_t)t->ncols + 1, sizeof *p->cw);
	p->gap = xcalloc((size_t)t->ncols + 1, sizeof *p->gap);
}

/* A streamed table's later rows: the last column, not padded, may take the
 * rest of the width (or, with no width, any width up to its limit), so
 * that a longer cell there is not cut for nothing. The held rows print as
 * they would without it. */
static void
widen_last(struct printer *p)
{
	const struct table *t = p->t;
	int c = p->lastcol;
	if (c < 0 || p->w[c] < 0 || (t->cols[c].flags & TABLE_RIGHT))
		return;
	int room = INT_MAX / 2;
	if (p->width > 0) {
		room = p->width;
		for (int i = 0; i < c; i++)
			if (p->w[i] >= 0)
				room -= p->w[i] + 2;
	}
	if (p->width > 0 && t->cols[c].max > 0 && room > t->cols[c].max)
		room = t->cols[c].max;
	if (room > p->w[c])
		p->w[c] = room;
}

/* The header line(s), once. */
static void
put_start(struct printer *p)
{
	const struct table *t = p->t;
	if (p->started)
		return;
	p->started = true;
	const char **h = xcalloc((size_t)t->ncols + 1, sizeof *h);
	for (int c = 0; c < t->ncols; c++)
		h[c] = t->cols[c].header;
	switch (p->fmt) {
	case FMT_CSV:
		if (p->bom)
			fputs("\xef\xbb\xbf", p->out);
		put_csv_line(p, h);
		break;
	case FMT_JSON:
		fputs("[", p->out);
		break;
	case FMT_MD:
		put_md_line(p, h);
		fputc('|', p->out);
		for (int c = 0; c < t->ncols; c++)
			fputs(t->cols[c].flags & TABLE_RIGHT ? " ---: |" : " --- |", p->out);
		fputc('\n', p->out);
		break;
	default:
		put_text_line(p, h);
		break;
	}
	free(h);
}

static void
put_row(struct printer *p, const char *const *cells)
{
	put_start(p);
	switch (p->fmt) {
	case FMT_CSV: put_csv_line(p, cells); break;
	case FMT_JSON: put_json_row(p, cells); break;
	case FMT_MD: put_md_line(p, cells); break;
	default: put_text_line(p, cells); break;
	}
	p->rows++;
}

static void
put_end(struct printer *p)
{
	put_start(p);
	if (!p->ended && p->fmt == FMT_JSON)
		fputs(p->rows ? "\n]\n" : "]\n", p->out);
	p->ended = true;
}

static void
printer_init(struct printer *p, const struct table *t)
{
	p->t = t;
	p->row = xcalloc((size_t)t->ncols + 1, sizeof *p->row);
}

/* Print the held rows (text: sized from them first, unless sized already;
 * page: more rows are to come). */
static void
put_held(struct printer *p, bool page)
{
	const struct table *t = p->t;
	if (p->fmt == FMT_TEXT && !p->w)
		size_columns(p, page);
	put_start(p);
	struct cursor cur = { t->first, 0 };
	for (int r = 0; r < t->held; r++) {
		read_row(t, &cur, r, p->row);
		put_row(p, p->row);
	}
}

int
table_print(const struct table *t, FILE *out, enum table_format fmt, int width, bool bom)
{
	struct printer p = { .out = out, .fmt = fmt, .width = width, .bom = bom };
	printer_init(&p, t);
	put_held(&p, false);
	put_end(&p);
	printer_free(&p);
	return ferror(out) ? -1 : 0;
}

/* ---- rows ------------------------------------------------------------------ */

/* The last row is complete: a streamed table may print it, or its page. */
static void
finish_row(struct table *t)
{
	if (!t->open)
		return;
	for (; t->filled < t->ncols; t->filled++)
		hold_cell(t, NULL);
	t->open = false;
	if (!t->p)
		return;
	if (t->live || (t->page > 0 && t->held >= t->page)) {
		put_held(t->p, true);
		drop_held(t);
		if (!t->live && t->p->fmt == FMT_TEXT)
			widen_last(t->p);
		t->live = t->p->live = true;
	}
}

void
table_row(struct table *t)
{
	finish_row(t);
	t->nrows++;
	t->held++;
	t->filled = 0;
	t->open = true;
	if (t->ncols == 0)
		finish_row(t);
}

void
table_cell(struct table *t, const char *text)
{
	if (!t->open || t->filled >= t->ncols)
		return;
	hold_cell(t, text);
	if (++t->filled == t->ncols)
		finish_row(t);
}

void
table_cellf(struct table *t, const char *fmt, ...)
{
	/* Most cells are short: format into a buffer on the stack, and only
	 * when it is too small again into one of the right size. (No
	 * vsnprintf(NULL, 0, ...): gcc's UBSan build calls it a null format.) */
	char small[64];
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		table_cell(t, "");
	} else if ((size_t)n < sizeof small) {
		table_cell(t, small);
	} else {
		char *s = xmalloc((size_t)n + 1);
		vsnprintf(s, (size_t)n + 1, fmt, again);
		table_cell(t, s);
		free(s);
	}
	va_end(again);
}

int table_rows(const struct table *t) { return t->nrows; }

int
table_format_parse(const char *s)
{
	static const char *const names[] = { [FMT_TEXT] = "text", [FMT_CSV] = "csv", [FMT_JSON] = "json", [FMT_MD] = "md" };
	for (int i = 0; s && i < (int)(sizeof names / sizeof names[0]); i++)
		if (!strcmp(s, names[i]))
			return i;
	if (s && !strcmp(s, "markdown"))
		return FMT_MD;
	return -1;
}

void
table_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const char *p = s ? s : ""; *p;) {
		/* a run of plain ASCII goes out in one write */
		size_t run = 0;
		while (p[run] >= 0x20 && p[run] < 0x7f && p[run] != '"' && p[run] != '\\')
			run++;
		if (run) {
			fwrite(p, 1, run, out);
			p += run;
			continue;
		}
		const char *at = p;
		long cp = text_next(&p);
		switch (cp) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			/* A well-formed character goes out as it is, but for the
			 * controls and the characters text_sanitize replaces (C1
			 * controls, bidi controls, ...), which are escaped: lossless,
			 * and inert on a terminal. A byte that does not start one
			 * becomes U+FFFD, so the output is always valid JSON (UTF-8). */
			if (cp < 0)
				fputs("\\ufffd", out);
			else if (text_cp_unsafe(cp))
				fprintf(out, "\\u%04lx", cp);
			else
				fwrite(at, 1, (size_t)(p - at), out);
		}
	}
	fputc('"', out);
}

void
table_csv_field(FILE *out, const char *s)
{
	if (!s)
		return;
	/* Whatever reads CSV, it may be shown on a terminal: the cell is
	 * sanitized as text is, but keeps its line breaks (in quotes). */
	char *copy = text_data_clean(s) ? NULL : text_sanitize_data(s);
	const char *clean = copy ? copy : s;
	if (!strpbrk(clean, ",\"\n")) {
		fputs(clean, out);
	} else {
		fputc('"', out);
		for (const char *q = clean; *q; q++) {
			if (*q == '"')
				fputc('"', out);
			fputc(*q, out);
		}
		fputc('"', out);
	}
	free(copy);
}

/* ---- streaming --------------------------------------------------------------- */

int
table_page(FILE *out, enum table_format fmt)
{
	if (fmt != FMT_TEXT)
		return 1;
	int fd = out ? fileno(out) : -1;
	return fd >= 0 && isatty(fd) ? TABLE_PAGE_ROWS : 0;
}

void
table_stream(struct table *t, const struct table_out *o)
{
	if (t->p)
		return;
	t->p = xcalloc(1, sizeof *t->p);
	*t->p = (struct printer){ .out = o->out, .fmt = o->fmt, .width = o->width, .bom = o->bom, .trim = o->trim };
	printer_init(t->p, t);
	t->page = o->page > 0 ? o->page : 0;
}

int
table_end(struct table *t)
{
	if (!t->p)
		return -1;
	finish_row(t);
	if (!t->live) {
		put_held(t->p, false);
		drop_held(t);
		t->live = true;
	}
	put_end(t->p);
	return ferror(t->p->out) ? -1 : 0;
}
