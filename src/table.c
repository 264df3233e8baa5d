/* table: aligned text, CSV, JSON and Markdown from one list of rows. */
#include "plancon/table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/text.h"
#include "plancon/xalloc.h"

struct column {
	char *key, *header;
	unsigned flags;
	int max;
};

struct table {
	struct column *cols;
	int ncols;
	char **cells;            /* row-major, nrows * ncols */
	int nrows, cap;
	int filled;              /* cells in the current row */
};

struct table *
table_new(void)
{
	return xcalloc(1, sizeof(struct table));
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
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cols);
	free(t->cells);
	free(t);
}

void
table_col(struct table *t, const char *key, const char *header, unsigned flags, int max_cols)
{
	t->cols = xrealloc(t->cols, sizeof *t->cols * (size_t)(t->ncols + 1));
	t->cols[t->ncols++] = (struct column){ xstrdup(key), xstrdup(header), flags, max_cols };
}

void
table_row(struct table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells, sizeof *t->cells * (size_t)t->cap * (size_t)t->ncols);
	}
	memset(t->cells + (size_t)t->nrows * (size_t)t->ncols, 0, sizeof *t->cells * (size_t)t->ncols);
	t->nrows++;
	t->filled = 0;
}

void
table_cell(struct table *t, const char *text)
{
	if (t->nrows == 0 || t->filled >= t->ncols)
		return;
	t->cells[(size_t)(t->nrows - 1) * (size_t)t->ncols + (size_t)t->filled++] = text ? xstrdup(text) : NULL;
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

static const char *
cell(const struct table *t, int r, int c)
{
	return t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
}

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
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				fprintf(out, "\\u%04x", *p);
			} else if (*p < 0x80) {
				fputc(*p, out);
			} else {
				/* A well-formed UTF-8 sequence goes out as it is; a byte
				 * that does not start one becomes U+FFFD, so the output
				 * is always valid JSON (which must be UTF-8). */
				size_t n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
				if (n > 1 && strnlen((const char *)p, n) == n && text_valid_utf8((const char *)p, n)) {
					fwrite(p, 1, n, out);
					p += n - 1;
				} else {
					fputs("\\ufffd", out);
				}
			}
		}
	}
	fputc('"', out);
}

void
table_csv_field(FILE *out, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void
print_csv(const struct table *t, FILE *out, bool bom)
{
	if (bom)
		fputs("\xef\xbb\xbf", out);
	for (int r = -1; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', out);
			table_csv_field(out, r < 0 ? t->cols[c].header : cell(t, r, c));
		}
		fputs("\r\n", out);
	}
}

static void
print_json(const struct table *t, FILE *out)
{
	fputs("[", out);
	for (int r = 0; r < t->nrows; r++) {
		fputs(r ? ",\n  {" : "\n  {", out);
		for (int c = 0; c < t->ncols; c++) {
			const char *v = cell(t, r, c);
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
	fputs(t->nrows ? "\n]\n" : "]\n", out);
}

static void
print_md_cell(FILE *out, const char *s)
{
	char *clean = text_sanitize(s ? s : "");
	fputc(' ', out);
	for (const char *p = clean; *p; p++) {
		if (*p == '|')
			fputc('\\', out);
		fputc(*p, out);
	}
	fputs(" |", out);
	free(clean);
}

static void
print_md(const struct table *t, FILE *out)
{
	fputc('|', out);
	for (int c = 0; c < t->ncols; c++)
		print_md_cell(out, t->cols[c].header);
	fputs("\n|", out);
	for (int c = 0; c < t->ncols; c++)
		fputs(t->cols[c].flags & TABLE_RIGHT ? " ---: |" : " --- |", out);
	fputc('\n', out);
	for (int r = 0; r < t->nrows; r++) {
		fputc('|', out);
		for (int c = 0; c < t->ncols; c++)
			print_md_cell(out, cell(t, r, c));
		fputc('\n', out);
	}
}

static void
print_text(const struct table *t, FILE *out, int width)
{
	int *w = xcalloc((size_t)t->ncols, sizeof *w);
	for (int c = 0; c < t->ncols; c++) {
		w[c] = text_width(t->cols[c].header);
		for (int r = 0; r < t->nrows; r++) {
			int cw = text_width(cell(t, r, c) ? cell(t, r, c) : "");
			if (cw > w[c])
				w[c] = cw;
		}
		if (t->cols[c].max > 0 && w[c] > t->cols[c].max)
			w[c] = t->cols[c].max;
	}
	/* Too wide: leave out the optional columns, then take columns from the
	 * shrinkable ones, widest first. A left-out column has width -1. */
	if (width > 0) {
		int total = 2 * (t->ncols - 1);
		for (int c = 0; c < t->ncols; c++)
			total += w[c];
		for (int c = t->ncols - 1; c >= 0 && total > width; c--) {
			if (t->cols[c].flags & TABLE_OPTIONAL) {
				total -= w[c] + 2;
				w[c] = -1;
			}
		}
		while (total > width) {
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
	int lastcol = t->ncols - 1;
	while (lastcol > 0 && w[lastcol] < 0)
		lastcol--;
	for (int r = -1; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (w[c] < 0)
				continue;
			const char *v = r < 0 ? t->cols[c].header : cell(t, r, c);
			bool last = c == lastcol;
			char *f;
			if (t->cols[c].flags & TABLE_RIGHT)
				f = text_fit_right(v ? v : "", w[c]);
			else if (last)
				f = text_trunc(v ? v : "", w[c]);
			else
				f = text_fit(v ? v : "", w[c]);
			fputs(f, out);
			free(f);
			if (!last)
				fputs("  ", out);
		}
		fputc('\n', out);
	}
	free(w);
}

int
table_print(const struct table *t, FILE *out, enum table_format fmt, int width, bool bom)
{
	switch (fmt) {
	case FMT_CSV: print_csv(t, out, bom); break;
	case FMT_JSON: print_json(t, out); break;
	case FMT_MD: print_md(t, out); break;
	default: print_text(t, out, width); break;
	}
	return ferror(out) ? -1 : 0;
}
