/* libFuzzer harness: tables (CSV, JSON, text, Markdown), which every list
 * plancon prints goes through. The input is split at \x01 into cells of up
 * to 4 columns; the first byte picks the column flags and the width.
 * Invariants: JSON is valid JSON (SQLite's json_valid) and valid UTF-8
 * whatever the cells hold; text is valid UTF-8 without control characters
 * but line breaks, and when every column may shrink, no line is wider than
 * the width (beyond the columns' minimum); no format passes on a control
 * character or another character text_sanitize replaces (CSV: but its
 * CR LF line ends and line breaks in cells). */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/table.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static sqlite3 *db;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!text_init_locale() || sqlite3_open(":memory:", &db) != SQLITE_OK)
		abort();
	return 0;
}

static char *
render(const struct table *t, enum table_format fmt, int width, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	if (!f || table_print(t, f, fmt, width, false) != 0)
		abort();
	fclose(f);
	return buf;
}

static void
json_check(const char *s, size_t n)
{
	if (!text_valid_utf8(s, n))
		abort();
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT json_valid(?1)", -1, &st, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(st, 1, s, (int)n, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 1)
		abort();
	sqlite3_finalize(st);
}

/* Nothing a terminal would act on: valid UTF-8, no control character but
 * LF (and CR before LF), no code point text_sanitize replaces. */
static void
clean_check(const char *s, size_t n)
{
	for (size_t i = 0, len; i < n; i += len) {
		long cp = text_utf8_next(s + i, n - i, &len);
		if (cp < 0 || (text_cp_unsafe(cp) && cp != '\n' && !(cp == '\r' && i + 1 < n && s[i + 1] == '\n')))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2 || size > 4096)
		return 0;
	unsigned flags = data[0];
	int ncols = 1 + (data[1] & 3);
	int width = (data[1] >> 2) & 63;        /* 0: no limit */
	static const unsigned col_flags[] = { 0, TABLE_SHRINK, TABLE_RIGHT | TABLE_SHRINK, TABLE_OPTIONAL };
	bool all_shrink = true;
	struct table *t = table_new();
	for (int c = 0; c < ncols; c++) {
		unsigned f = col_flags[(flags >> (2 * c)) & 3];
		all_shrink = all_shrink && (f & TABLE_SHRINK);
		char key[8];
		snprintf(key, sizeof key, "k%d", c);
		table_col(t, key, key, f, 0);
	}
	/* cells: the rest of the input, split at \x01; rows of ncols */
	char *text = xmalloc(size - 1);
	memcpy(text, data + 2, size - 2);
	text[size - 2] = '\0';
	int c = 0;
	for (char *p = text, *next; p; p = next) {
		next = strchr(p, '\x01');
		if (next)
			*next++ = '\0';
		if (c % ncols == 0)
			table_row(t);
		table_cell(t, *p ? p : NULL);
		c++;
	}
	free(text);

	size_t n;
	char *out = render(t, FMT_JSON, 0, &n);
	json_check(out, n);
	clean_check(out, n);
	free(out);

	out = render(t, FMT_TEXT, width, &n);
	if (!text_valid_utf8(out, n))
		abort();
	clean_check(out, n);
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)out[i] < 0x20 && out[i] != '\n') || out[i] == 0x7f)
			abort();
	if (width > 0 && all_shrink) {
		/* Each shrinkable column keeps at least 8 cells plus its gap. */
		int floor = ncols * 10;
		for (char *line = out, *nl; line && *line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			if (text_width(line) > (width > floor ? width : floor))
				abort();
		}
	}
	free(out);

	out = render(t, FMT_CSV, 0, &n);
	clean_check(out, n);
	free(out);
	out = render(t, FMT_MD, width, &n);
	clean_check(out, n);
	free(out);
	table_free(t);
	return 0;
}
