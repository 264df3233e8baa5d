/* Unit tests for table: text aligned by display width with Chinese text,
 * cutting to a width, CSV quoting (RFC 4180), JSON escaping and types, and
 * Markdown pipes. Each output is captured with open_memstream and compared
 * whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

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
	check(t, FMT_TEXT, 0,
	      "Title     S        N\n"
	      "中文标 ~  中文标~  1\n"
	      "abcdefg~  abcdef~  2\n");
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
	      "\"say \"\"hi\"\"\",\"line1\r\nline2\",\r\n"
	      "\"lf\nonly\",\"cr\ronly\",\r\n"
	      "  spaces kept  ,\"\"\"\",3\r\n");
	/* the byte-order mark for spreadsheets, only when asked for */
	char *bom = render(t, FMT_CSV, 0, true);
	assert_memory_equal(bom, "\xef\xbb\xbf" "A,\"B, or b\",C\r\n", 18);
	free(bom);
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
	fclose(f);
	assert_string_equal(buf, "\"\"\"\\u001fend\"");
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
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_json_escaping_and_types),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_extra_cells_ignored),
		cmocka_unit_test(test_cellf_long),
		cmocka_unit_test(test_many_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
