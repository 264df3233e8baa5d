/* Unit tests for text: decoding, sanitizing, widths, fitting, wrapping,
 * and the search rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plancon/text.h"

#define MIXED "a中b文c"		/* widths 1 2 1 2 1 = 7 */
#define HANZI "中文字符"	/* 8 cells */

static bool locale_ok;

static void
check_sanitize(const char *in, const char *want)
{
	char *got = text_sanitize(in);
	assert_string_equal(got, want);
	free(got);
}

static void
check_fit(const char *in, int cols, const char *want)
{
	char *got = text_fit(in, cols);
	assert_string_equal(got, want);
	free(got);
}

static void
check_lines(const char *in, int cols, const char *const *want, size_t nwant)
{
	char **lines;
	size_t n = text_wrap(in, cols, &lines);
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(lines[i], want[i]);
	text_lines_free(lines, n);
}

#define CHECK_LINES(in, cols, ...) do { \
	static const char *const want_[] = { __VA_ARGS__ }; \
	check_lines(in, cols, want_, sizeof want_ / sizeof want_[0]); \
} while (0)

static void
test_locale_utf8(void **state)
{
	(void)state;
	assert_true(locale_ok);
}

static void
test_width_ascii(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("hello"), 5);
	assert_int_equal(text_width(NULL), 0);
	check_sanitize("plain ascii ~!@#", "plain ascii ~!@#");
}

static void
test_width_cjk(void **state)
{
	(void)state;
	assert_int_equal(text_width("中文"), 4);
	assert_int_equal(text_width("中a文"), 5);
	assert_int_equal(text_width("\xf0\xa0\x80\x80"), 2);	/* U+20000 */
	assert_int_equal(text_width("\u3000"), 2);		/* ideographic space */
	check_sanitize("中文", "中文");
}

static void
test_width_combining(void **state)
{
	(void)state;
	assert_int_equal(text_width("e\u0301"), 1);
	assert_int_equal(text_width("e\u0301\u0323x"), 2);
	check_sanitize("e\u0301", "e\xcc\x81");
}

static void
test_combining_orphan_dropped(void **state)
{
	(void)state;
	check_sanitize("\u0301a", "a");
	check_sanitize("\u200e\u0301a", "a");
	assert_int_equal(text_width("\u0301"), 0);
	check_sanitize("\xff\u0301", "?\u0301");
}

static void
test_width_fullwidth_punct(void **state)
{
	(void)state;
	assert_int_equal(text_width("（）"), 4);
	assert_int_equal(text_width("，。"), 4);
	assert_int_equal(text_width("“”"), 2);		/* ambiguous width */
}

static void
test_invalid_lone_continuation(void **state)
{
	(void)state;
	check_sanitize("\x80", "?");
	check_sanitize("a\x80\xbf" "b", "a??b");
	assert_int_equal(text_width("a\x80" "b"), 3);
}

static void
test_invalid_truncated(void **state)
{
	(void)state;
	check_sanitize("ab\xe4\xb8", "ab??");
	check_sanitize("\xe4\xb8" "x", "??x");
	check_sanitize("\xf0\x9f\x98", "???");
	check_sanitize("\xc3", "?");
	assert_int_equal(text_width("ab\xe4\xb8"), 4);
}

static void
test_invalid_overlong(void **state)
{
	(void)state;
	check_sanitize("\xc0\x80", "??");
	check_sanitize("\xc1\xbf", "??");
	check_sanitize("\xe0\x80\xaf", "???");
	check_sanitize("\xf0\x80\x80\xaf", "????");
}

static void
test_invalid_surrogate(void **state)
{
	(void)state;
	check_sanitize("\xed\xa0\x80", "???");
	check_sanitize("\xed\xbf\xbf" "z", "???z");
	check_sanitize("\xed\x9e\xa3", "\xed\x9e\xa3");	/* U+D7A3 is fine */
}

static void
test_invalid_high(void **state)
{
	(void)state;
	check_sanitize("\xf4\x90\x80\x80", "????");	/* U+110000 */
	check_sanitize("\xf5\x80\x80\x80", "????");
	check_sanitize("\xf8", "?");
	check_sanitize("\xfe\xff", "??");
}

static void
test_unprintable(void **state)
{
	(void)state;
	check_sanitize("\u0378", "?");		/* unassigned */
	check_sanitize("\xef\xbf\xbf", "?");	/* U+FFFF */
	assert_int_equal(text_width("\u0378"), 1);
}

static void
test_control_c0(void **state)
{
	(void)state;
	for (int c = 1; c < 0x20; c++) {
		char in[4] = { 'x', (char)c, 'y', '\0' };
		bool space = c == '\t' || c == '\n' || c == '\r';
		check_sanitize(in, space ? "x y" : "x?y");
		assert_int_equal(text_width(in), 3);
	}
}

static void
test_control_space(void **state)
{
	(void)state;
	check_sanitize("a\tb\rc\nd", "a b c d");
	check_sanitize("a\u2028b\u2029c", "a b c");
	assert_int_equal(text_width("\t"), 1);
}

static void
test_control_del(void **state)
{
	(void)state;
	check_sanitize("a\x7f" "b", "a?b");
}

static void
test_control_c1(void **state)
{
	(void)state;
	for (int c = 0x80; c <= 0x9f; c++) {
		char in[5] = { 'x', (char)0xc2, (char)c, 'y', '\0' };
		check_sanitize(in, "x?y");
	}
	check_sanitize("\xc2\xa0", "\xc2\xa0");		/* NBSP stays */
}

static void
test_escape_sequences(void **state)
{
	(void)state;
	check_sanitize("\x1b[31mred", "?[31mred");
	check_sanitize("\x1b]0;title\x07", "?]0;title?");
	check_sanitize("\xc2\x9b" "2J", "?2J");
	check_sanitize("\x1bP+q\x1b\\", "?P+q?\\");
}

static void
test_bidi_dropped(void **state)
{
	(void)state;
	static const char *const marks[] = {
		"\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
		"\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
	};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		char in[16];
		snprintf(in, sizeof in, "a%sb", marks[i]);
		check_sanitize(in, "ab");
		assert_int_equal(text_width(in), 2);
	}
}

static void
test_bom_shy_dropped(void **state)
{
	(void)state;
	check_sanitize("\ufeffx", "x");
	check_sanitize("a\ufeffb", "ab");
	check_sanitize("co\u00adop", "coop");
	assert_int_equal(text_width("co\u00adop"), 4);
}

static void
test_sanitize_null(void **state)
{
	(void)state;
	check_sanitize(NULL, "");
	check_sanitize("", "");
}

/* Data (CSV): text_sanitize's replacements, line feeds kept, no wcwidth. */
static void
test_sanitize_data(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "x\x1b]0;pwned\x07y", "x?]0;pwned?y" },
		{ "c1 \xc2\x9b" "31m", "c1 ?31m" },
		{ "del\x7f", "del?" },
		{ "a\tb\rc\nd", "a b c\nd" },
		{ "a\u2028b", "a b" },
		{ "\u202eevil\u2066", "evil" },
		{ "\ufeffco\u00adop", "coop" },
		{ "bad \xff\xfe", "bad ??" },
		{ "中文\u0301 \U0001F600 \U000E0001", "中文\u0301 \U0001F600 \U000E0001" },
		{ "\u0301x", "\u0301x" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = text_sanitize_data(cases[i].in);
		assert_string_equal(s, cases[i].out);
		free(s);
	}
	char *s = text_sanitize_data(NULL);
	assert_string_equal(s, "");
	free(s);
	/* What it replaces is what text_cp_unsafe names, and what text_sanitize replaces. */
	for (long cp = 0; cp < 0x3000; cp++) {
		char in[8] = { 0 };
		size_t n = 0;
		if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
			continue;
		if (cp < 0x80) {
			in[n++] = (char)cp;
		} else if (cp < 0x800) {
			in[n++] = (char)(0xc0 | cp >> 6);
			in[n++] = (char)(0x80 | (cp & 0x3f));
		} else {
			in[n++] = (char)(0xe0 | cp >> 12);
			in[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
			in[n++] = (char)(0x80 | (cp & 0x3f));
		}
		size_t len;
		assert_int_equal(text_utf8_next(in, n, &len), cp);
		assert_int_equal(len, n);
		char *d = text_sanitize_data(in);
		bool kept = !strcmp(d, in);
		free(d);
		assert_int_equal(kept, cp == '\n' || !text_cp_unsafe(cp));
	}
	assert_false(text_cp_unsafe(-1));
	size_t len;
	assert_int_equal(text_utf8_next("\xff", 1, &len), -1);
	assert_int_equal(len, 1);
	assert_int_equal(text_utf8_next("", 0, &len), -1);
}

static void
test_width_matches_sanitize(void **state)
{
	(void)state;
	static const char *const in[] = {
		MIXED, "\x1b[1m中\xff", "e\u0301\u202e（）", "\t\xc2\x85", "\u0301x",
	};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		char *s = text_sanitize(in[i]);
		assert_int_equal(text_width(s), text_width(in[i]));
		assert_true(text_valid_utf8(s, strlen(s)));
		free(s);
	}
}

static void
test_fit_ascii(void **state)
{
	(void)state;
	check_fit("abcdef", 4, "abc~");
	check_fit("abcdef", 6, "abcdef");
	check_fit("abcdef", 8, "abcdef  ");
	check_fit("abcdef", 1, "~");
	check_fit("abcdef", 0, "");
	check_fit("abcdef", -3, "");
	check_fit("", 3, "   ");
	check_fit(NULL, 2, "  ");
}

static void
test_fit_mixed_every_width(void **state)
{
	(void)state;
	static const char *const want[] = {
		"", "~", "a~", "a ~", "a中~", "a中b~", "a中b ~",
		"a中b文c", "a中b文c ", "a中b文c  ", "a中b文c   ",
	};
	for (int cols = 0; cols <= 10; cols++) {
		check_fit(MIXED, cols, want[cols]);
		char *s = text_fit(MIXED, cols);
		assert_int_equal(text_width(s), cols);
		free(s);
	}
}

static void
test_fit_hanzi_every_width(void **state)
{
	(void)state;
	static const char *const want[] = {
		"", "~", " ~", "中~", "中 ~", "中文~", "中文 ~", "中文字~",
		"中文字符", "中文字符 ", "中文字符  ",
	};
	for (int cols = 0; cols <= 10; cols++)
		check_fit(HANZI, cols, want[cols]);
}

static void
test_trunc_mixed_every_width(void **state)
{
	(void)state;
	static const char *const want[] = {
		"", "~", "a~", "a~", "a中~", "a中b~", "a中b~",
		MIXED, MIXED, MIXED, MIXED,
	};
	for (int cols = 0; cols <= 10; cols++) {
		char *s = text_trunc(MIXED, cols);
		assert_string_equal(s, want[cols]);
		assert_true(text_width(s) <= cols);
		free(s);
	}
}

static void
test_trunc_hanzi(void **state)
{
	(void)state;
	char *s = text_trunc(HANZI, 6);
	assert_string_equal(s, "中文~");
	free(s);
	s = text_trunc(HANZI, 2);
	assert_string_equal(s, "~");
	free(s);
	s = text_trunc("abc", 10);
	assert_string_equal(s, "abc");
	free(s);
}

static void
test_right_mixed_every_width(void **state)
{
	(void)state;
	static const char *const want[] = {
		"", "~", "a~", "a ~", "a中~", "a中b~", "a中b ~",
		"a中b文c", " a中b文c", "  a中b文c", "   a中b文c",
	};
	for (int cols = 0; cols <= 10; cols++) {
		char *s = text_fit_right(MIXED, cols);
		assert_string_equal(s, want[cols]);
		free(s);
	}
}

static void
test_fit_combining_at_edge(void **state)
{
	(void)state;
	check_fit("e\u0301e\u0301e\u0301", 2, "e\u0301~");
	check_fit("e\u0301e\u0301e\u0301", 3, "e\u0301e\u0301e\u0301");
	check_fit("中\u0301文", 3, "中\u0301~");
}

static void
test_fit_sanitizes(void **state)
{
	(void)state;
	check_fit("\x1b[31mred", 5, "?[31~");
	check_fit("a\tb", 4, "a b ");
	check_fit("\u202eab", 2, "ab");
	check_fit("x\xe4\xb8", 4, "x?? ");
}

static void
test_fit_wide_agrees(void **state)
{
	(void)state;
	static const char *const in[] = {
		MIXED, HANZI, "abcdef", "e\u0301e\u0301e\u0301", "\x1b[31m红色\xff", "",
	};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		for (int cols = -1; cols <= 12; cols++) {
			for (int pad = 0; pad <= 1; pad++) {
				char *s = pad ? text_fit(in[i], cols) : text_trunc(in[i], cols);
				wchar_t want[64], got[64];
				size_t n = mbstowcs(want, s, 64);
				assert_true(n < 64);
				int cells = text_fit_wide(in[i], cols, pad, got, 64);
				assert_true(wcscmp(got, want) == 0);
				assert_int_equal(cells, text_width(s));
				free(s);
			}
		}
	}
}

static void
test_fit_wide_small_buffer(void **state)
{
	(void)state;
	wchar_t out[4] = { L'X', L'X', L'X', L'X' };

	assert_int_equal(text_fit_wide("abcdef", 10, true, out, 0), 0);
	assert_true(out[0] == L'X');
	assert_int_equal(text_fit_wide("abcdef", 10, true, out, 1), 0);
	assert_true(out[0] == L'\0');
	assert_int_equal(text_fit_wide("中文字", 10, true, out, 3), 4);
	assert_true(wcscmp(out, L"中文") == 0);
	assert_int_equal(text_fit_wide("abcdef", 4, true, out, 4), 3);
	assert_true(wcscmp(out, L"abc") == 0);
}

static void
test_fit_wide_pad(void **state)
{
	(void)state;
	wchar_t out[16];

	assert_int_equal(text_fit_wide("中", 5, true, out, 16), 5);
	assert_true(wcscmp(out, L"中   ") == 0);
	assert_int_equal(text_fit_wide("中", 5, false, out, 16), 2);
	assert_true(wcscmp(out, L"中") == 0);
	assert_int_equal(text_fit_wide(HANZI, 6, true, out, 16), 6);
	assert_true(wcscmp(out, L"中文 ~") == 0);
}

/* Counting characters and cutting at a boundary, for byte budgets. */
static void
test_chars_and_cut(void **state)
{
	(void)state;
	const char *s = "a城市b";                      /* 1 + 3 + 3 + 1 bytes */
	assert_int_equal(text_chars(s, strlen(s)), 4);
	assert_int_equal(text_chars(s, 4), 2);         /* "a城" */
	assert_int_equal(text_chars("", 0), 0);
	assert_int_equal(text_cut(s, 8), 8);           /* the whole string */
	assert_int_equal(text_cut(s, 7), 7);           /* after 市 */
	assert_int_equal(text_cut(s, 6), 4);           /* inside 市: back to after 城 */
	assert_int_equal(text_cut(s, 5), 4);
	assert_int_equal(text_cut(s, 4), 4);
	assert_int_equal(text_cut(s, 2), 1);           /* inside 城 */
	assert_int_equal(text_cut(s, 0), 0);
}

static void
test_wrap_empty(void **state)
{
	(void)state;
	CHECK_LINES("", 10, "");
	CHECK_LINES(NULL, 10, "");
}

static void
test_wrap_ascii(void **state)
{
	(void)state;
	CHECK_LINES("hello world foo", 11, "hello world", "foo");
	CHECK_LINES("hello world foo", 5, "hello", "world", "foo");
	CHECK_LINES("ab cd ef", 5, "ab cd", "ef");
	CHECK_LINES("short", 80, "short");
}

static void
test_wrap_hard_break(void **state)
{
	(void)state;
	CHECK_LINES("abcdefghij", 4, "abcd", "efgh", "ij");
	CHECK_LINES("a verylongword", 4, "a", "very", "long", "word");
}

static void
test_wrap_newlines(void **state)
{
	(void)state;
	CHECK_LINES("a\nb", 10, "a", "b");
	CHECK_LINES("a\n\nb", 10, "a", "", "b");
	CHECK_LINES("a\n", 10, "a", "");
	CHECK_LINES("a\r\nb", 10, "a", "b");
}

static void
test_wrap_spaces(void **state)
{
	(void)state;
	CHECK_LINES("  ab cd", 5, "  ab", "cd");
	CHECK_LINES("ab    cd", 3, "ab", "cd");
	CHECK_LINES("ab   ", 2, "ab");
	CHECK_LINES("a\tb", 10, "a b");
}

static void
test_wrap_chinese(void **state)
{
	(void)state;
	CHECK_LINES("中文字符测试", 5, "中文", "字符", "测试");
	CHECK_LINES("中文字符测试", 4, "中文", "字符", "测试");
	CHECK_LINES("中文字符测试", 12, "中文字符测试");
}

static void
test_wrap_chinese_punct(void **state)
{
	(void)state;
	CHECK_LINES("中文，测试", 4, "中", "文，", "测试");
	CHECK_LINES("看（书）", 6, "看", "（书）");
}

static void
test_wrap_mixed(void **state)
{
	(void)state;
	CHECK_LINES("我用vim编辑文件", 6, "我用", "vim编", "辑文件");
	CHECK_LINES("plan 计划 done", 9, "plan 计划", "done");
}

static void
test_wrap_narrow(void **state)
{
	(void)state;
	CHECK_LINES("中文", 1, "中", "文");
	CHECK_LINES("abc", 0, "ab", "c");
	CHECK_LINES("abc", -5, "ab", "c");
}

static void
test_wrap_sanitizes(void **state)
{
	(void)state;
	CHECK_LINES("\x1b[1mbold\u202e", 20, "?[1mbold");
	CHECK_LINES("e\u0301e\u0301e\u0301", 2, "e\u0301e\u0301", "e\u0301");
}

/* Every line fits, and no character other than spaces is lost. */
static void
test_wrap_never_exceeds(void **state)
{
	(void)state;
	static const char *const text =
		"Plan 第一阶段：准备工作 and review, then 第二阶段（实施）ok "
		"supercalifragilistic 中文混排 e\u0301t\u00e9.";
	char *want = text_sanitize(text), *w = want;
	for (char *r = want; *r; r++)
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';

	for (int cols = 2; cols <= 30; cols++) {
		char **lines;
		size_t n = text_wrap(text, cols, &lines);
		char got[512] = "";
		size_t len = 0;
		for (size_t i = 0; i < n; i++) {
			assert_true(text_width(lines[i]) <= cols);
			for (const char *r = lines[i]; *r; r++)
				if (*r != ' ' && len + 1 < sizeof got)
					got[len++] = *r;
		}
		got[len] = '\0';
		assert_string_equal(got, want);
		text_lines_free(lines, n);
	}
	free(want);
}

static void
test_valid_utf8(void **state)
{
	(void)state;
	static const char ok[] = "ascii 中文 e\u0301 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf";
	assert_true(text_valid_utf8(ok, sizeof ok - 1));
	assert_true(text_valid_utf8("", 0));
	assert_true(text_valid_utf8(NULL, 0));
	assert_true(text_valid_utf8("\xe4\xb8\xad", 3));
}

static void
test_valid_utf8_rejects(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\x80", "\xbf", "a\xe4\xb8", "\xc0\x80", "\xc1\xbf", "\xe0\x80\xaf",
		"\xf0\x80\x80\xaf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80",
		"\xf5\x80\x80\x80", "\xf8\x88\x80\x80\x80", "\xff", "\xc3" "a",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(text_valid_utf8(bad[i], strlen(bad[i])));
}

/* One character at a time, as the config reader checks a file. */
static void
test_utf8_len(void **state)
{
	(void)state;
	assert_int_equal(text_utf8_len("a", 1), 1);
	assert_int_equal(text_utf8_len("\xc3\xa9", 2), 2);              /* é */
	assert_int_equal(text_utf8_len("\xe5\x9f\x8e\xe5", 4), 3);      /* 城, then more */
	assert_int_equal(text_utf8_len("\xf0\x9f\x98\x80", 4), 4);      /* U+1F600 */
	assert_int_equal(text_utf8_len("\xe5\x9f", 2), 0);              /* cut short */
	assert_int_equal(text_utf8_len("\xc0\xaf", 2), 0);              /* overlong */
	assert_int_equal(text_utf8_len("\xed\xa0\x80", 3), 0);          /* surrogate */
	assert_int_equal(text_utf8_len("\xf4\x90\x80\x80", 4), 0);      /* above U+10FFFF */
	assert_int_equal(text_utf8_len("\xe9 ", 2), 0);                 /* Latin-1 */
	assert_int_equal(text_utf8_len("\0", 1), 0);                    /* NUL */
	assert_int_equal(text_utf8_len("a", 0), 0);
}

static void
test_valid_utf8_nul(void **state)
{
	(void)state;
	assert_false(text_valid_utf8("a\0b", 3));
	assert_false(text_valid_utf8("\0", 1));
	assert_true(text_valid_utf8("a\0b", 1));
	/* A 3-byte character cut short by len. */
	assert_false(text_valid_utf8("\xe4\xb8\xad", 2));
}


/* ---- the search rule --------------------------------------------------------------- */

static bool
contains(const char *text, const char *needle)
{
	size_t n;
	char *key = text_search_key(needle, strlen(needle), &n);
	bool r = text_search_contains(text, strlen(text), key, n);
	free(key);
	return r;
}

static void
test_search_rule(void **state)
{
	(void)state;
	assert_int_equal(text_search_fold(L'A'), L'a');
	assert_int_equal(text_search_fold(L'Z'), L'z');
	assert_int_equal(text_search_fold(L'a'), L'a');
	assert_int_equal(text_search_fold(L'@'), L'@');
	assert_int_equal(text_search_fold(L'['), L'[');
	assert_int_equal(text_search_fold(0xFF21), 0xFF41);     /* Ａ -> ａ */
	assert_int_equal(text_search_fold(0xFF3A), 0xFF5A);     /* Ｚ -> ｚ */
	assert_int_equal(text_search_fold(0xFF20), 0xFF20);     /* ＠ */
	assert_int_equal(text_search_fold(0xFF3B), 0xFF3B);     /* ［ */
	assert_int_equal(text_search_fold(0x00C9), 0x00C9);     /* É: not folded */
	assert_int_equal(text_search_fold(0x0414), 0x0414);     /* Д: not folded */
	assert_int_equal(text_search_fold(0x57CE), 0x57CE);     /* 城 */

	assert_true(contains("Smart City 智慧城市", "smart"));
	assert_true(contains("Smart City 智慧城市", "SMART"));
	assert_true(contains("Smart City 智慧城市", "y 智"));
	assert_true(contains("Smart City 智慧城市", "城"));
	assert_true(contains("Smart City 智慧城市", "城市"));
	assert_true(contains("Smart City 智慧城市", "智慧城市"));
	assert_true(contains("推进ＡＢＣ全角", "ａｂｃ"));
	assert_true(contains("推进ａｂｃ全角", "ＡＢＣ"));
	assert_true(contains("推进ａｂｃ全角", "ａBｃ") == false);   /* full-width and ASCII differ */
	assert_false(contains("推进ＡＢＣ全角", "abc"));
	assert_false(contains("abc", "ＡＢＣ"));
	assert_false(contains("Été", "été"));
	assert_true(contains("3.2.1", "3.2"));
	assert_true(contains("2.3.2", "3.2"));
	assert_false(contains("3.1.2", "3.2"));
	assert_true(contains("anything", ""));
	assert_false(contains("", "a"));
	assert_false(contains("城", "城市"));

	/* The byte-level folding is text_search_fold in UTF-8, for every
	 * character. */
	for (long cp = 1; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		wchar_t w[2] = { (wchar_t)cp, 0 }, f[2] = { text_search_fold((wchar_t)cp), 0 };
		char in[8], want[8];
		size_t n = wcstombs(in, w, sizeof in), m = wcstombs(want, f, sizeof want);
		if (n == (size_t)-1 || m == (size_t)-1)
			fail_msg("U+%04lX: no UTF-8 locale", cp);
		size_t klen;
		char *key = text_search_key(in, n, &klen);
		if (klen != m || memcmp(key, want, m))
			fail_msg("U+%04lX folds to the wrong bytes", cp);
		free(key);
	}
	/* Invalid bytes stay as they are. */
	size_t klen;
	char *key = text_search_key("A\xff" "B\xef\xbc", 5, &klen);
	assert_int_equal(klen, 5);
	assert_memory_equal(key, "a\xff" "b\xef\xbc", 5);
	free(key);
}

/* text_next walks characters: a code point and its length, -1 and one byte
 * for a byte that starts none. */
static void
test_next(void **state)
{
	(void)state;
	const char *s = "a中\xF0\x9F\x98\x80\xE4\xB8!\x80";
	const char *p = s;
	assert_int_equal(text_next(&p), 'a');
	assert_ptr_equal(p, s + 1);
	assert_int_equal(text_next(&p), 0x4E2D);
	assert_ptr_equal(p, s + 4);
	assert_int_equal(text_next(&p), 0x1F600);
	assert_ptr_equal(p, s + 8);
	assert_int_equal(text_next(&p), -1);   /* a cut sequence: one byte */
	assert_ptr_equal(p, s + 9);
	assert_int_equal(text_next(&p), -1);
	assert_int_equal(text_next(&p), '!');
	assert_int_equal(text_next(&p), -1);   /* a lone continuation byte */
	assert_int_equal(*p, '\0');
	/* never past the NUL, even after a lead byte */
	const char *cut = "\xE4";
	p = cut;
	assert_int_equal(text_next(&p), -1);
	assert_ptr_equal(p, cut + 1);
}

static void
test_from_wide(void **state)
{
	(void)state;
	const wchar_t w[] = { L'a', 0x4E2D, 0xE9, 0x1F600, 0xD800, 0x110000 };
	char *s = text_from_wide(w, 6);
	assert_string_equal(s, "a中\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBD");
	free(s);
	s = text_from_wide(w, 0);
	assert_string_equal(s, "");
	free(s);
}

static void
test_wide_width(void **state)
{
	(void)state;
	if (!locale_ok)
		skip();
	const wchar_t w[] = { L'a', 0x4E2D, 0x0301, 0x0007 };
	assert_int_equal(text_wide_width(w, 2), 3);
	assert_int_equal(text_wide_width(w, 4), 3);   /* combining 0, control 0 */
	assert_int_equal(text_wide_width(w, 0), 0);
}

static void
test_data_clean(void **state)
{
	(void)state;
	const char *const clean[] = { "", "plain", "中文\nnext line", "é", NULL };
	const char *const dirty[] = { "tab\there", "cr\r", "esc\x1b[2J", "del\x7f", "c1\xC2\x9B", "bidi\xE2\x80\xAE",
	                              "bad\xFF", "cut\xE4\xB8", NULL };
	for (int i = 0; clean[i]; i++) {
		assert_true(text_data_clean(clean[i]));
		char *s = text_sanitize_data(clean[i]);
		assert_string_equal(s, clean[i]);
		free(s);
	}
	for (int i = 0; dirty[i]; i++) {
		assert_false(text_data_clean(dirty[i]));
		char *s = text_sanitize_data(dirty[i]);
		assert_string_not_equal(s, dirty[i]);
		free(s);
	}
	assert_true(text_data_clean(NULL));
}

int
main(void)
{
	locale_ok = text_init_locale();

	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locale_utf8),
		cmocka_unit_test(test_utf8_len),
		cmocka_unit_test(test_width_ascii),
		cmocka_unit_test(test_width_cjk),
		cmocka_unit_test(test_width_combining),
		cmocka_unit_test(test_combining_orphan_dropped),
		cmocka_unit_test(test_width_fullwidth_punct),
		cmocka_unit_test(test_invalid_lone_continuation),
		cmocka_unit_test(test_invalid_truncated),
		cmocka_unit_test(test_invalid_overlong),
		cmocka_unit_test(test_invalid_surrogate),
		cmocka_unit_test(test_invalid_high),
		cmocka_unit_test(test_unprintable),
		cmocka_unit_test(test_control_c0),
		cmocka_unit_test(test_control_space),
		cmocka_unit_test(test_control_del),
		cmocka_unit_test(test_control_c1),
		cmocka_unit_test(test_escape_sequences),
		cmocka_unit_test(test_bidi_dropped),
		cmocka_unit_test(test_bom_shy_dropped),
		cmocka_unit_test(test_sanitize_null),
		cmocka_unit_test(test_sanitize_data),
		cmocka_unit_test(test_width_matches_sanitize),
		cmocka_unit_test(test_fit_ascii),
		cmocka_unit_test(test_fit_mixed_every_width),
		cmocka_unit_test(test_fit_hanzi_every_width),
		cmocka_unit_test(test_trunc_mixed_every_width),
		cmocka_unit_test(test_trunc_hanzi),
		cmocka_unit_test(test_right_mixed_every_width),
		cmocka_unit_test(test_fit_combining_at_edge),
		cmocka_unit_test(test_fit_sanitizes),
		cmocka_unit_test(test_fit_wide_agrees),
		cmocka_unit_test(test_fit_wide_small_buffer),
		cmocka_unit_test(test_fit_wide_pad),
		cmocka_unit_test(test_chars_and_cut),
		cmocka_unit_test(test_wrap_empty),
		cmocka_unit_test(test_wrap_ascii),
		cmocka_unit_test(test_wrap_hard_break),
		cmocka_unit_test(test_wrap_newlines),
		cmocka_unit_test(test_wrap_spaces),
		cmocka_unit_test(test_wrap_chinese),
		cmocka_unit_test(test_wrap_chinese_punct),
		cmocka_unit_test(test_wrap_mixed),
		cmocka_unit_test(test_wrap_narrow),
		cmocka_unit_test(test_wrap_sanitizes),
		cmocka_unit_test(test_wrap_never_exceeds),
		cmocka_unit_test(test_valid_utf8),
		cmocka_unit_test(test_valid_utf8_rejects),
		cmocka_unit_test(test_valid_utf8_nul),
		cmocka_unit_test(test_search_rule),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_from_wide),
		cmocka_unit_test(test_wide_width),
		cmocka_unit_test(test_data_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
