/* Unit tests for table: text aligned by display width with Chinese text,
 * cutting to a width, CSV quoting (RFC 4180), JSON escaping and types, and
 * Markdown pipes. Each output is captured with open_memstream and compared
 * whole. Streamed tables: held to the end (a pipe) they print what
 * table_print prints, byte for byte, in every format; sized from a first
 * page (a terminal) they print that page before the end, and cut a later,
 * wider cell between whole characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <fcntl.h>
#include <unistd.h>

#include "plancon/table.h"
#include "plancon/text.h"

static bool locale_ok;

/* What table_print writes, malloc'd. */
static char *
render(const struct table *t, enum table_format fmt, int width, bool bom)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(table_print(t, f, fmt, width, bom), 0);
	fclose(f);
	return buf;
}

static void
check(const struct table *t, enum table_format fmt, int width, const char *want)
{
	char *got = render(t, fmt, width, false);
	assert_string_equal(got, want);
	free(got);
}

/* Code, department (Chinese), a right-aligned count. */
static struct table *
depts_table(void)
{
	struct table *t = table_new();
	table_col(t, "code", "Code", 0, 0);
	table_col(t, "dept", "Dept", TABLE_SHRINK, 0);
	table_col(t, "n", "N", TABLE_NUMBER | TABLE_RIGHT, 0);
	table_row(t);
	table_cell(t, "2.1.1");
	table_cell(t, "省通信管理局");
	table_cell(t, "2");
	table_row(t);
	table_cell(t, "3.2");
	table_cell(t, "ab中c");
	table_cell(t, "12");
	table_row(t);
	table_cell(t, "4");
	table_cell(t, NULL);
	table_cellf(t, "%d", 100);
	return t;
}

static void
test_locale(void **state)
{
	(void)state;
	assert_true(locale_ok);
}

static void
test_text_cjk_alignment(void **state)
{
	(void)state;
	struct table *t = depts_table();
	assert_int_equal(table_rows(t), 3);
	/* 省通信管理局 is 12 columns wide; ab中c is 5; every column starts at
	 * the same display column on every line. */
	check(t, FMT_TEXT, 0,
	      "Code   Dept            N\n"
	      "2.1.1  省通信管理局    2\n"
	      "3.2    ab中c          12\n"
	      "4                    100\n");
	table_free(t);
}

static void
test_text_last_column_not_padded(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "a", "A", 0, 0);
	table_col(t, "b", "Title", 0, 0);
	table_row(t);
	table_cell(t, "1");
	table_cell(t, "中");
	table_row(t);
	table_cell(t, "2");
	table_cell(t, "中文标题");
	check(t, FMT_TEXT, 0, "A  Title\n1  中\n2  中文标题\n");
	table_free(t);
}

static void
test_text_max_cols_cuts_whole_characters(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "title", "Title", 0, 8);
	table_col(t, "short", "S", 0, 7);
	table_col(t, "n", "N", TABLE_RIGHT, 0);
	table_row(t);
	/* 12 columns into 8: three characters, then a space where the fourth
	 * would straddle the edge, then ~; into 7: three characters and ~ */
	table_cell(t, "中文标题很长");
	table_cell(t, "中文标题很长");
	table_cell(t, "1");
	table_row(t);
	table_cell(t, "abcdefghij");
	table_cell(t, "abcdefghij");
	table_cell(t, "2");
	check(t, FMT_TEXT, 80,
	      "Title     S        N\n"
	      "中文标 ~  中文标~  1\n"
	      "abcdefg~  abcdef~  2\n");
	/* With no width (a pipe, a file) the limits do not apply: whole text. */
	check(t, FMT_TEXT, 0,
	      "Title         S             N\n"
	      "中文标题很长  中文标题很长  1\n"
	      "abcdefghij    abcdefghij    2\n");
	table_free(t);
}

static void
test_text_fits_width(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "code", "Code", 0, 0);
	table_col(t, "title", "Title", TABLE_SHRINK, 0);
	table_col(t, "status", "Status", 0, 0);
	table_row(t);
	table_cell(t, "1.1");
	table_cell(t, "加快新型基础设施建设");        /* 20 columns */
	table_cell(t, "done");
	table_row(t);
	table_cell(t, "1.2");
	table_cell(t, "short");
	table_cell(t, "in progress");
	/* 4 + 2 + 20 + 2 + 11 = 39; at 30 the title gives up 9 columns, and
	 * keeps 5 characters and the ~ */
	check(t, FMT_TEXT, 30,
	      "Code  Title        Status\n"
	      "1.1   加快新型基~  done\n"
	      "1.2   short        in progress\n");
	/* no limit, and a limit that is wide enough, change nothing */
	char *free_width = render(t, FMT_TEXT, 0, false), *wide = render(t, FMT_TEXT, 39, false);
	assert_string_equal(free_width, wide);
	assert_non_null(strstr(free_width, "加快新型基础设施建设  done\n"));
	free(free_width);
	free(wide);
	table_free(t);
}

static void
test_text_sanitizes(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "a", "A", 0, 0);
	table_col(t, "b", "B", 0, 0);
	table_row(t);
	table_cell(t, "x\ty");
	table_cell(t, "esc\033[2Jz");
	check(t, FMT_TEXT, 0, "A    B\nx y  esc?[2Jz\n");
	table_free(t);
}

static void
test_csv_quoting(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "a", "A", 0, 0);
	table_col(t, "b", "B, or b", 0, 0);
	table_col(t, "c", "C", TABLE_NUMBER, 0);
	table_row(t);
	table_cell(t, "plain 中文");
	table_cell(t, "a,b");
	table_cell(t, "1");
	table_row(t);
	table_cell(t, "say \"hi\"");
	table_cell(t, "line1\r\nline2");
	table_cell(t, NULL);
	table_row(t);
	table_cell(t, "lf\nonly");
	table_cell(t, "cr\ronly");
	table_cell(t, "");
	table_row(t);
	table_cell(t, "  spaces kept  ");
	table_cell(t, "\"");
	table_cell(t, "3");
	check(t, FMT_CSV, 0,
	      "A,\"B, or b\",C\r\n"
	      "plain 中文,\"a,b\",1\r\n"
	      "\"say \"\"hi\"\"\",\"line1 \nline2\",\r\n"
	      "\"lf\nonly\",cr only,\r\n"
	      "  spaces kept  ,\"\"\"\",3\r\n");
	/* the byte-order mark for spreadsheets, only when asked for */
	char *bom = render(t, FMT_CSV, 0, true);
	assert_memory_equal(bom, "\xef\xbb\xbf" "A,\"B, or b\",C\r\n", 18);
	free(bom);
	table_free(t);
}

/* A CSV cell never carries a control character from the data, wherever it
 * goes: replaced as text replaces it; only line breaks stay. */
static void
test_csv_controls(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "a", "A\x1b[2J", 0, 0);
	table_col(t, "b", "B", 0, 0);
	table_row(t);
	table_cell(t, "x\x1b]0;pwned\x07y");
	table_cell(t, "c1 \xc2\x9b" "31m, del\x7f");
	table_row(t);
	table_cell(t, "\u202e\u2066bidi\ufeff\u00ad");
	table_cell(t, "tab\there\r\nnext\u2028line");
	table_row(t);
	table_cell(t, "bad \xff");
	table_cell(t, "中文 \U0001F600");
	check(t, FMT_CSV, 0,
	      "A?[2J,B\r\n"
	      "x?]0;pwned?y,\"c1 ?31m, del?\"\r\n"
	      "bidi,\"tab here \nnext line\"\r\n"
	      "bad ?,中文 \U0001F600\r\n");
	table_free(t);
}

static void
test_csv_field(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	table_csv_field(f, "a\"b");
	fputc('|', f);
	table_csv_field(f, NULL);
	fputc('|', f);
	table_csv_field(f, "no quotes");
	fclose(f);
	assert_string_equal(buf, "\"a\"\"b\"||no quotes");
	free(buf);
}

static void
test_json_escaping_and_types(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "text", "Text", 0, 0);
	table_col(t, "n", "N", TABLE_NUMBER, 0);
	table_col(t, "ok", "OK", TABLE_BOOL, 0);
	table_row(t);
	table_cell(t, "q\"b\\s/中文");
	table_cell(t, "42");
	table_cell(t, "1");
	table_row(t);
	table_cell(t, "nl\ncr\rtab\tbel\adel\x7f");
	table_cell(t, "");
	table_cell(t, "0");
	table_row(t);
	table_cell(t, NULL);
	table_cell(t, NULL);
	table_cell(t, NULL);
	check(t, FMT_JSON, 0,
	      "[\n"
	      "  {\"text\": \"q\\\"b\\\\s/中文\", \"n\": 42, \"ok\": true},\n"
	      "  {\"text\": \"nl\\ncr\\rtab\\tbel\\u0007del\\u007f\", \"n\": null, \"ok\": false},\n"
	      "  {\"text\": null, \"n\": null, \"ok\": null}\n"
	      "]\n");
	table_free(t);
}

static void
test_json_empty(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "a", "A", 0, 0);
	check(t, FMT_JSON, 0, "[]\n");
	check(t, FMT_CSV, 0, "A\r\n");
	check(t, FMT_TEXT, 0, "A\n");
	table_free(t);
}

static void
test_json_string(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	table_json_string(f, NULL);
	table_json_string(f, "\x1f" "end");
	/* C1 and bidi controls, U+2028, U+FEFF and U+00AD: escaped, never raw */
	table_json_string(f, "\xc2\x9b" "2J\u202e\u2028\ufeff\u00ad中\xc2\xa0");
	fclose(f);
	assert_string_equal(buf, "\"\"\"\\u001fend\"\"\\u009b2J\\u202e\\u2028\\ufeff\\u00ad中\xc2\xa0\"");
	free(buf);
}

static void
test_markdown(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "a", "A|B", 0, 0);
	table_col(t, "n", "N", TABLE_RIGHT, 0);
	table_row(t);
	table_cell(t, "x | y");
	table_cell(t, "1");
	table_row(t);
	table_cell(t, "two\nlines|");
	table_cell(t, NULL);
	check(t, FMT_MD, 0,
	      "| A\\|B | N |\n"
	      "| --- | ---: |\n"
	      "| x \\| y | 1 |\n"
	      "| two lines\\| |  |\n");
	table_free(t);
}

static void
test_format_parse(void **state)
{
	(void)state;
	assert_int_equal(table_format_parse("text"), FMT_TEXT);
	assert_int_equal(table_format_parse("csv"), FMT_CSV);
	assert_int_equal(table_format_parse("json"), FMT_JSON);
	assert_int_equal(table_format_parse("md"), FMT_MD);
	assert_int_equal(table_format_parse("markdown"), FMT_MD);
	assert_int_equal(table_format_parse("CSV"), -1);
	assert_int_equal(table_format_parse("xml"), -1);
	assert_int_equal(table_format_parse(""), -1);
	assert_int_equal(table_format_parse(NULL), -1);
}

static void
test_extra_cells_ignored(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "a", "A", 0, 0);
	table_cell(t, "before any row");   /* ignored: no row yet */
	table_row(t);
	table_cell(t, "1");
	table_cell(t, "too many");         /* ignored: one column */
	table_row(t);                      /* a row left empty */
	check(t, FMT_CSV, 0, "A\r\n1\r\n\r\n");
	assert_int_equal(table_rows(t), 2);
	table_free(t);
	table_free(NULL);
}

static void
test_cellf_long(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "a", "A", 0, 0);
	char want[512];
	memset(want, 0, sizeof want);
	for (int i = 0; i < 100; i++)
		strcat(want, "中a");              /* 400 bytes: longer than any short buffer */
	want[sizeof want - 1] = '\0';
	table_row(t);
	table_cellf(t, "%s|%d|%s", "中文", 42, "");
	table_row(t);
	table_cellf(t, "%.*s", 300, want);
	table_row(t);
	table_cellf(t, "%s", "");
	char *out = render(t, FMT_JSON, 0, false);
	char *expect = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&expect, &len);
	fprintf(f, "[\n  {\"a\": \"中文|42|\"},\n  {\"a\": \"%.*s\"},\n  {\"a\": \"\"}\n]\n", 300, want);
	fclose(f);
	assert_string_equal(out, expect);
	free(out);
	free(expect);
	table_free(t);
}

static void
test_many_rows(void **state)
{
	(void)state;
	struct table *t = table_new();
	table_col(t, "i", "I", TABLE_NUMBER | TABLE_RIGHT, 0);
	for (int i = 0; i < 1000; i++) {
		table_row(t);
		table_cellf(t, "%d", i);
	}
	assert_int_equal(table_rows(t), 1000);
	char *out = render(t, FMT_TEXT, 0, false);
	assert_non_null(strstr(out, "\n  0\n  1\n"));
	assert_non_null(strstr(out, "\n999\n"));
	free(out);
	table_free(t);
}

/* ---- streaming ------------------------------------------------------------------ */

/* A streamed table writing into a memory buffer that can be read at any
 * time (after a flush). */
struct capture {
	char *buf;
	size_t len;
	FILE *f;
};

static void
capture_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
}

/* What has been written so far. */
static const char *
capture_now(struct capture *c)
{
	fflush(c->f);
	return c->buf ? c->buf : "";
}

static void
capture_close(struct capture *c)
{
	fclose(c->f);
	free(c->buf);
}

static void
stream(struct table *t, struct capture *c, enum table_format fmt, int width, bool bom, int page)
{
	table_stream(t, &(struct table_out){ .out = c->f, .fmt = fmt, .width = width, .bom = bom, .page = page });
}

/* Columns of a list of tasks; rows i in [from, to): a code, a title (in
 * Chinese from the sixth row on, each longer than the last), a count. */
static void
tasks_cols(struct table *t)
{
	table_col(t, "code", "Code", 0, 0);
	table_col(t, "title", "Title", TABLE_SHRINK, 0);
	table_col(t, "n", "N", TABLE_NUMBER | TABLE_RIGHT, 0);
	table_col(t, "ok", "OK", TABLE_BOOL, 0);
}

static void
tasks_rows(struct table *t, int from, int to)
{
	static const char long_title[] = "推进以人为核心的新型城镇化，提升城市品质，\"quoted\", |piped|";
	for (int i = from; i < to; i++) {
		table_row(t);
		table_cellf(t, "1.%d", i);
		if (i < 5)
			table_cellf(t, "task %d", i);
		else
			table_cellf(t, "%.*s", 3 * (i - 4) < (int)strlen(long_title) ? 3 * (i - 4) : (int)strlen(long_title),
			            long_title);
		if (i % 3)
			table_cellf(t, "%d", i * 7);
		else
			table_cell(t, NULL);
		table_cell(t, i % 2 ? "1" : "0");
	}
}

static void
test_stream_held_is_table_print(void **state)
{
	(void)state;
	/* Held to the end (page 0, as on a pipe), and for the formats that
	 * need no widths also row by row (page 1): the same bytes as
	 * table_print, in every format, at several widths. */
	struct table *ref = table_new();
	tasks_cols(ref);
	tasks_rows(ref, 0, 30);
	static const enum table_format fmts[] = { FMT_TEXT, FMT_CSV, FMT_JSON, FMT_MD };
	static const int widths[] = { 0, 30, 80 };
	for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
		for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
			for (int page = 0; page <= (fmts[f] == FMT_TEXT ? 0 : 1); page++) {
				char *want = render(ref, fmts[f], widths[w], fmts[f] == FMT_CSV);
				struct capture c;
				capture_open(&c);
				struct table *t = table_new();
				tasks_cols(t);
				stream(t, &c, fmts[f], widths[w], fmts[f] == FMT_CSV, page);
				tasks_rows(t, 0, 30);
				if (page == 0)
					assert_string_equal(capture_now(&c), "");   /* nothing before the end */
				assert_int_equal(table_end(t), 0);
				assert_int_equal(table_rows(t), 30);
				assert_string_equal(capture_now(&c), want);
				table_free(t);
				capture_close(&c);
				free(want);
			}
		}
	}
	table_free(ref);
}

static void
test_stream_rows_as_they_come(void **state)
{
	(void)state;
	/* JSON with page 1: each row is out once complete, the end at table_end. */
	struct capture c;
	capture_open(&c);
	struct table *t = table_new();
	table_col(t, "a", "A", 0, 0);
	table_col(t, "n", "N", TABLE_NUMBER, 0);
	stream(t, &c, FMT_JSON, 0, false, 1);
	assert_string_equal(capture_now(&c), "");
	table_row(t);
	table_cell(t, "x");
	assert_string_equal(capture_now(&c), "");          /* not complete yet */
	table_cell(t, "1");
	assert_string_equal(capture_now(&c), "[\n  {\"a\": \"x\", \"n\": 1}");
	table_row(t);
	table_cell(t, "y");                                 /* left short: complete at the end */
	assert_int_equal(table_end(t), 0);
	assert_string_equal(capture_now(&c), "[\n  {\"a\": \"x\", \"n\": 1},\n  {\"a\": \"y\", \"n\": null}\n]\n");
	table_free(t);
	capture_close(&c);

	/* An empty streamed table ends as an empty one prints. */
	capture_open(&c);
	t = table_new();
	table_col(t, "a", "A", 0, 0);
	stream(t, &c, FMT_JSON, 0, false, 1);
	assert_int_equal(table_end(t), 0);
	assert_string_equal(capture_now(&c), "[]\n");
	table_free(t);
	capture_close(&c);
}

/* Columns of the page tests: a code, a title, a right-aligned number. */
static struct table *
page_table(struct capture *c, int width, int page)
{
	struct table *t = table_new();
	table_col(t, "code", "Code", 0, 0);
	table_col(t, "title", "Title", 0, 0);
	table_col(t, "n", "N", TABLE_RIGHT, 0);
	stream(t, c, FMT_TEXT, width, false, page);
	return t;
}

static void
row3(struct table *t, const char *a, const char *b, const char *n)
{
	table_row(t);
	table_cell(t, a);
	table_cell(t, b);
	table_cell(t, n);
}

static void
test_stream_text_page_widths(void **state)
{
	(void)state;
	struct capture c;
	capture_open(&c);
	struct table *t = page_table(&c, 0, 2);
	row3(t, "1", "abcdefgh", "1");
	assert_string_equal(capture_now(&c), "");           /* the page is not full */
	row3(t, "2", "short", "2");
	/* The page is out before the end, sized from its two rows. */
	const char *page = "Code  Title     N\n"
	                   "1     abcdefgh  1\n"
	                   "2     short     2\n";
	assert_string_equal(capture_now(&c), page);
	/* Later rows in those widths, each out at once: 12 columns of Chinese
	 * into 8 keep three characters, a space where the fourth would
	 * straddle the edge, and the ~; "a中文标" fills 7 and takes the ~ at
	 * once. No character is split. */
	row3(t, "3", "中文标题很长", "3");
	row3(t, "4", "a中文标题很", "4");
	row3(t, "5", "ok", "5");
	char *want = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&want, &n);
	fprintf(f, "%s%s", page, "3     中文标 ~  3\n4     a中文标~  4\n5     ok        5\n");
	fclose(f);
	assert_string_equal(capture_now(&c), want);
	assert_int_equal(table_end(t), 0);
	assert_string_equal(capture_now(&c), want);
	assert_int_equal(table_rows(t), 5);
	table_free(t);
	capture_close(&c);
	free(want);

	/* Fewer rows than a page: sized over all of them at the end, as
	 * table_print would. */
	capture_open(&c);
	t = page_table(&c, 0, 100);
	row3(t, "1", "abc", "1");
	row3(t, "2", "中文标题很长", "22");
	assert_string_equal(capture_now(&c), "");
	assert_int_equal(table_end(t), 0);
	assert_string_equal(capture_now(&c), "Code  Title          N\n"
	                                     "1     abc            1\n"
	                                     "2     中文标题很长  22\n");
	table_free(t);
	capture_close(&c);
}

static void
test_stream_text_last_column_takes_the_rest(void **state)
{
	(void)state;
	/* The last column is not padded: after the page it may take the rest of
	 * the width (here 20 - 4 - 2 = 14), and cuts only there. */
	struct capture c;
	capture_open(&c);
	struct table *t = table_new();
	table_col(t, "code", "Code", 0, 0);
	table_col(t, "title", "Title", 0, 0);
	stream(t, &c, FMT_TEXT, 20, false, 1);
	table_row(t);
	table_cell(t, "1");
	table_cell(t, "ab");
	table_row(t);
	table_cell(t, "2");
	table_cell(t, "一二三四五六七");            /* 14 columns: fits */
	table_row(t);
	table_cell(t, "3");
	table_cell(t, "一二三四五六七八");          /* 16: six characters, then ~ */
	assert_int_equal(table_end(t), 0);
	assert_string_equal(capture_now(&c), "Code  Title\n"
	                                     "1     ab\n"
	                                     "2     一二三四五六七\n"
	                                     "3     一二三四五六~\n");
	table_free(t);
	capture_close(&c);
}

static void
test_stream_text_spare_width(void **state)
{
	(void)state;
	/* The page is narrower than the terminal (30): the rest goes to the
	 * shrinkable title, up to its limit of 12, for the longer titles to
	 * come; a table sized over every row keeps its widths. */
	struct capture c;
	capture_open(&c);
	struct table *t = table_new();
	table_col(t, "code", "Code", 0, 0);
	table_col(t, "title", "Title", TABLE_SHRINK, 12);
	table_col(t, "n", "N", TABLE_RIGHT, 0);
	stream(t, &c, FMT_TEXT, 30, false, 1);
	row3(t, "1", "ab", "1");
	row3(t, "2", "一二三四五六七八", "2");
	assert_int_equal(table_end(t), 0);
	assert_string_equal(capture_now(&c), "Code  Title         N\n"
	                                     "1     ab            1\n"
	                                     "2     一二三四五 ~  2\n");
	table_free(t);
	capture_close(&c);
}

static void
test_stream_text_keep_and_hint(void **state)
{
	(void)state;
	struct capture c;
	capture_open(&c);
	struct table *t = table_new();
	table_col(t, "code", "Code", TABLE_KEEP, 0);
	table_col(t, "status", "Status", 0, 0);
	table_hint(t, "in progress");               /* wider than any cell of the page */
	table_col(t, "title", "Title", TABLE_SHRINK, 0);
	table_col(t, "n", "N", TABLE_RIGHT, 0);
	stream(t, &c, FMT_TEXT, 40, false, 1);
	table_row(t);
	table_cell(t, "1.1");
	table_cell(t, "done");
	table_cell(t, "标题一二三四五六七八九十");   /* 24 columns */
	table_cell(t, "1");
	/* The page: Code 4, Status 11 (the hint), Title 40 - 4 - 11 - 1 - 6 = 18. */
	const char *page = "Code  Status       Title               N\n"
	                   "1.1   done         标题一二三四五六 ~  1\n";
	assert_string_equal(capture_now(&c), page);
	/* A later code two columns wider than the column takes a space of the
	 * gap after it and a column of the title (17: eight characters and
	 * the ~): the line keeps its width and the columns after the title
	 * their place; the code is never cut. */
	table_row(t);
	table_cell(t, "12.1");
	table_cell(t, "in progress");
	table_cell(t, "标题一二三四五六七八九十");
	table_cell(t, "2");
	table_row(t);
	table_cell(t, "123.45");
	table_cell(t, "blocked");
	table_cell(t, "标题一二三四五六七八九十");
	table_cell(t, "3");
	assert_int_equal(table_end(t), 0);
	char *want = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&want, &n);
	fprintf(f, "%s%s", page,
	        "12.1  in progress  标题一二三四五六 ~  2\n"
	        "123.45 blocked      标题一二三四五六~  3\n");
	fclose(f);
	/* (12.1 is as wide as "Code": nothing to take.) */
	assert_string_equal(capture_now(&c), want);
	table_free(t);
	capture_close(&c);
	free(want);

	/* Sized over every row (held: a pipe, or table_print), a hint changes
	 * nothing. */
	t = table_new();
	table_col(t, "status", "Status", 0, 0);
	table_hint(t, "in progress");
	table_row(t);
	table_cell(t, "done");
	check(t, FMT_TEXT, 0, "Status\ndone\n");
	table_free(t);
}

static void
test_stream_trim(void **state)
{
	(void)state;
	/* trim: no spaces at the ends of lines (an empty last cell, a cell
	 * ending in spaces). */
	struct capture c;
	capture_open(&c);
	struct table *t = table_new();
	table_col(t, "a", "A", 0, 0);
	table_col(t, "b", "B", 0, 0);
	table_stream(t, &(struct table_out){ .out = c.f, .fmt = FMT_TEXT, .trim = true });
	table_row(t);
	table_cell(t, "long cell");
	table_cell(t, "");
	table_row(t);
	table_cell(t, "x");
	table_cell(t, "y  ");
	assert_int_equal(table_end(t), 0);
	assert_string_equal(capture_now(&c), "A          B\nlong cell\nx          y\n");
	table_free(t);
	capture_close(&c);
}

static void
test_stream_page_for_terminals(void **state)
{
	(void)state;
	/* Not a terminal: text holds every row (0), the others go row by row. */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(table_page(f, FMT_TEXT), 0);
	assert_int_equal(table_page(f, FMT_CSV), 1);
	assert_int_equal(table_page(f, FMT_JSON), 1);
	assert_int_equal(table_page(f, FMT_MD), 1);
	fclose(f);
	free(buf);
	FILE *null = fopen("/dev/null", "w");
	assert_non_null(null);
	assert_int_equal(table_page(null, FMT_TEXT), 0);
	fclose(null);
	/* A terminal (a pseudo-terminal's far end): a page. */
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0 || !ptsname(m)) {
		if (m >= 0)
			close(m);
		skip();
	}
	FILE *tty = fopen(ptsname(m), "w");
	assert_non_null(tty);
	assert_int_equal(table_page(tty, FMT_TEXT), TABLE_PAGE_ROWS);
	assert_int_equal(table_page(tty, FMT_JSON), 1);
	fclose(tty);
	close(m);
}

static void
test_stream_dropped_without_end(void **state)
{
	(void)state;
	/* table_free without table_end: what is held is dropped unprinted. */
	struct capture c;
	capture_open(&c);
	struct table *t = page_table(&c, 0, 0);
	for (int i = 0; i < 5000; i++)
		row3(t, "1", "中文标题很长中文标题很长中文标题很长中文标题很长", "1");   /* several blocks */
	table_free(t);
	assert_string_equal(capture_now(&c), "");
	capture_close(&c);
}

int
main(void)
{
	locale_ok = text_init_locale();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locale),
		cmocka_unit_test(test_text_cjk_alignment),
		cmocka_unit_test(test_text_last_column_not_padded),
		cmocka_unit_test(test_text_max_cols_cuts_whole_characters),
		cmocka_unit_test(test_text_fits_width),
		cmocka_unit_test(test_text_sanitizes),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_controls),
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_json_escaping_and_types),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_extra_cells_ignored),
		cmocka_unit_test(test_cellf_long),
		cmocka_unit_test(test_many_rows),
		cmocka_unit_test(test_stream_held_is_table_print),
		cmocka_unit_test(test_stream_rows_as_they_come),
		cmocka_unit_test(test_stream_text_page_widths),
		cmocka_unit_test(test_stream_text_last_column_takes_the_rest),
		cmocka_unit_test(test_stream_text_spare_width),
		cmocka_unit_test(test_stream_text_keep_and_hint),
		cmocka_unit_test(test_stream_trim),
		cmocka_unit_test(test_stream_page_for_terminals),
		cmocka_unit_test(test_stream_dropped_without_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
