/* Unit tests for model: calendar dates, what "late" means for tasks and
 * milestones, the end of a roadmap period, days between dates, and the
 * statuses read as keys, English names or Chinese names; the change log's
 * "who"; the one form of a whole number, of a progress and of an
 * indicator's value; and the mean progress: which tasks count and how it
 * is rounded. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plancon/model.h"

static void
test_date_valid(void **state)
{
	(void)state;
	static const char *const good[] = {
		"2023-01-01", "2023-12-31", "2024-02-29", "2000-02-29", "2023-04-30", "2021-06-30",
		"0001-01-01", "9999-12-31",
	};
	static const char *const bad[] = {
		"2023-02-29",            /* not a leap year */
		"1900-02-29",            /* divisible by 100, not by 400 */
		"2100-02-29",
		"2023-13-01", "2023-00-10", "2023-01-00", "2023-01-32", "2023-04-31", "2023-06-31",
		"2023-4-01", "2023-04-1", "23-04-01", "2023/04/01", "2023-04-01x", " 2023-04-01",
		"2023-04-01 ", "+023-04-01", "2023-+4-01", "2023--4-01", "abcd-ef-gh", "0000-01-01",
		"", "today", "２０２３-04-01",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		if (!model_date_valid(good[i]))
			fail_msg("\"%s\" should be a valid date", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (model_date_valid(bad[i]))
			fail_msg("\"%s\" should not be a valid date", bad[i]);
	assert_false(model_date_valid(NULL));
}

static void
test_today(void **state)
{
	(void)state;
	char today[11];
	memset(today, 'x', sizeof today);
	model_today(today);
	assert_int_equal(strlen(today), 10);
	assert_true(model_date_valid(today));
}

static void
check_period(int year, int quarter, const char *want)
{
	char out[11];
	memset(out, 'x', sizeof out);
	model_period_end(year, quarter, out);
	assert_string_equal(out, want);
}

static void
test_period_end(void **state)
{
	(void)state;
	check_period(2023, 0, "2023-12-31");
	check_period(2023, 1, "2023-03-31");
	check_period(2023, 2, "2023-06-30");
	check_period(2023, 3, "2023-09-30");
	check_period(2023, 4, "2023-12-31");
	check_period(2024, 1, "2024-03-31");
	check_period(2021, 0, "2021-12-31");
	check_period(2035, 0, "2035-12-31");
	/* out of range quarters mean the whole year */
	check_period(2023, 5, "2023-12-31");
	check_period(2023, -1, "2023-12-31");
}

static void
test_task_late(void **state)
{
	(void)state;
	const char *due = "2023-12-31";
	assert_true(model_task_late(due, "not_started", "2024-01-01"));
	assert_true(model_task_late(due, "in_progress", "2024-01-01"));
	assert_true(model_task_late(due, "blocked", "2030-06-30"));
	/* due on the day itself is not late yet */
	assert_false(model_task_late(due, "not_started", "2023-12-31"));
	assert_false(model_task_late(due, "not_started", "2023-06-30"));
	/* done and cancelled tasks are never late */
	assert_false(model_task_late(due, "done", "2024-01-01"));
	assert_false(model_task_late(due, "cancelled", "2024-01-01"));
	/* no due date, no as-of date */
	assert_false(model_task_late(NULL, "not_started", "2024-01-01"));
	assert_false(model_task_late("", "not_started", "2024-01-01"));
	assert_false(model_task_late(due, "not_started", NULL));
	/* across a leap day */
	assert_true(model_task_late("2024-02-28", "in_progress", "2024-02-29"));
	assert_false(model_task_late("2024-02-29", "in_progress", "2024-02-29"));
}

static void
test_milestone_late(void **state)
{
	(void)state;
	/* a whole year: late from the first day of the next */
	assert_false(model_milestone_late(2023, 0, "pending", "2023-12-31"));
	assert_true(model_milestone_late(2023, 0, "pending", "2024-01-01"));
	/* a quarter: late after its last day */
	assert_false(model_milestone_late(2023, 2, "pending", "2023-06-30"));
	assert_true(model_milestone_late(2023, 2, "pending", "2023-07-01"));
	assert_false(model_milestone_late(2024, 1, "pending", "2024-03-31"));
	assert_true(model_milestone_late(2024, 1, "pending", "2024-04-01"));
	/* only pending milestones are late */
	assert_false(model_milestone_late(2021, 0, "done", "2025-01-01"));
	assert_false(model_milestone_late(2021, 0, "missed", "2025-01-01"));
	assert_false(model_milestone_late(2021, 0, "pending", NULL));
	assert_false(model_milestone_late(2025, 0, "pending", "2022-06-30"));
}

static void
test_days_between(void **state)
{
	(void)state;
	assert_int_equal(model_days_between("2023-06-30", "2023-06-30"), 0);
	assert_int_equal(model_days_between("2023-12-31", "2024-01-01"), 1);
	assert_int_equal(model_days_between("2024-01-01", "2023-12-31"), -1);
	assert_int_equal(model_days_between("2024-02-28", "2024-03-01"), 2);   /* leap */
	assert_int_equal(model_days_between("2023-02-28", "2023-03-01"), 1);
	assert_int_equal(model_days_between("2100-02-28", "2100-03-01"), 1);   /* not leap */
	assert_int_equal(model_days_between("2000-02-28", "2000-03-01"), 2);   /* leap */
	assert_int_equal(model_days_between("2000-01-01", "2001-01-01"), 366);
	assert_int_equal(model_days_between("2023-01-01", "2024-01-01"), 365);
	assert_int_equal(model_days_between("2400-01-01", "2401-01-01"), 366);
	assert_int_equal(model_days_between("2021-01-01", "2035-12-31"), 5477);
	assert_int_equal(model_days_between("1900-02-28", "2000-03-01"), 36526);
	assert_int_equal(model_days_between("1970-01-01", "2024-03-01"), 19783);
}

static void
test_task_status_parse(void **state)
{
	(void)state;
	static const struct { const char *in; int want; } cases[] = {
		{ "not_started", TS_NOT_STARTED }, { "in_progress", TS_IN_PROGRESS }, { "done", TS_DONE },
		{ "blocked", TS_BLOCKED }, { "cancelled", TS_CANCELLED },
		/* English names, and hyphens or spaces for the underscore */
		{ "not started", TS_NOT_STARTED }, { "in progress", TS_IN_PROGRESS },
		{ "in-progress", TS_IN_PROGRESS }, { "not-started", TS_NOT_STARTED },
		/* Chinese names */
		{ "未启动", TS_NOT_STARTED }, { "推进中", TS_IN_PROGRESS }, { "已完成", TS_DONE },
		{ "受阻", TS_BLOCKED }, { "已取消", TS_CANCELLED },
		/* not statuses */
		{ "", -1 }, { "finished", -1 }, { "in_progres", -1 }, { "in_progress ", -1 },
		{ "in__progress", -1 }, { "inprogress", -1 }, { "进行中", -1 }, { "pending", -1 },
		{ "missed", -1 }, { "待完成", -1 }, { "canceled", -1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (task_status_parse(cases[i].in) != cases[i].want)
			fail_msg("task_status_parse(\"%s\") = %d, expected %d", cases[i].in,
			         task_status_parse(cases[i].in), cases[i].want);
	assert_int_equal(task_status_parse(NULL), -1);
}

static void
test_milestone_status_parse(void **state)
{
	(void)state;
	assert_int_equal(milestone_status_parse("pending"), MS_PENDING);
	assert_int_equal(milestone_status_parse("done"), MS_DONE);
	assert_int_equal(milestone_status_parse("missed"), MS_MISSED);
	assert_int_equal(milestone_status_parse("待完成"), MS_PENDING);
	assert_int_equal(milestone_status_parse("已完成"), MS_DONE);
	assert_int_equal(milestone_status_parse("未完成"), MS_MISSED);
	assert_int_equal(milestone_status_parse("in_progress"), -1);
	assert_int_equal(milestone_status_parse("blocked"), -1);
	assert_int_equal(milestone_status_parse(""), -1);
	assert_int_equal(milestone_status_parse(NULL), -1);
}

static void
test_status_keys_and_labels(void **state)
{
	(void)state;
	/* every key parses back to its status */
	for (int s = 0; s < TS_COUNT; s++) {
		assert_int_equal(task_status_parse(task_status_key((enum task_status)s)), s);
		assert_int_equal(task_status_parse(task_status_label((enum task_status)s)), s);
	}
	for (int s = 0; s < MS_COUNT; s++) {
		assert_int_equal(milestone_status_parse(milestone_status_key((enum milestone_status)s)), s);
		assert_int_equal(milestone_status_parse(milestone_status_label((enum milestone_status)s)), s);
	}
	assert_string_equal(task_status_key(TS_IN_PROGRESS), "in_progress");
	assert_string_equal(task_status_key(TS_CANCELLED), "cancelled");
	assert_string_equal(milestone_status_key(MS_MISSED), "missed");
	/* no locale set: the English labels */
	assert_string_equal(task_status_label(TS_NOT_STARTED), "not started");
	assert_string_equal(task_status_label(TS_IN_PROGRESS), "in progress");
	assert_string_equal(milestone_status_label(MS_PENDING), "pending");
	/* out of range */
	assert_string_equal(task_status_key(TS_COUNT), "?");
	assert_string_equal(task_status_key((enum task_status)-1), "?");
	assert_string_equal(task_status_label(TS_COUNT), "?");
	assert_string_equal(milestone_status_key(MS_COUNT), "?");
	assert_string_equal(milestone_status_label(MS_COUNT), "?");
}

/* The change log's "who": the user alone, or the administrator for them. */
static void
test_change_who(void **state)
{
	(void)state;
	static const struct { const char *who, *actor, *want; } cases[] = {
		{ "zhangwei", NULL, "zhangwei" },
		{ "zhangwei", "zhangwei", "zhangwei" },
		{ "zhangwei", "wangli", "wangli for zhangwei" },
		{ NULL, NULL, "?" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = model_change_who(cases[i].who, cases[i].actor);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* The stored words of the change log and the lists as a person reads them
 * (no locale set: English); unknown words pass through as they are. */
static void
test_change_labels(void **state)
{
	(void)state;
	static const struct { const char *field, *want; } fields[] = {
		{ "status", "status" }, { "lead", "lead" }, { "assignment", "assignment" }, { "short", "short name" },
		{ "name", "full name" }, { "milestone 2023", "milestone 2023" }, { "milestone 2023-Q2", "milestone 2023-Q2" },
		{ "actual 2022", "actual value 2022" }, { "milestone soon", "milestone soon" }, { "frobs", "frobs" },
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		char *got = model_change_field(fields[i].field);
		assert_string_equal(got, fields[i].want);
		free(got);
	}
	static const struct { const char *field, *value, *want; } values[] = {
		{ "status", "in_progress", "in progress" }, { "status", "odd", "odd" }, { "milestone 2023", "missed", "missed" },
		{ "milestone 2023-Q1", "pending", "pending" }, { "assignment", "confirmed", "confirmed" },
		{ "role", "admin", "admin" }, { "active", "no", "no" }, { "progress", "40", "40" }, { "status", NULL, "-" },
		{ NULL, "x", "x" },
	};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		char *got = model_change_value(values[i].field, values[i].value);
		assert_string_equal(got, values[i].want);
		free(got);
	}
	assert_string_equal(task_status_label_for("not_started"), "not started");
	assert_string_equal(task_status_label_for("bogus"), "bogus");
	assert_string_equal(task_status_label_for(NULL), "-");
	assert_string_equal(milestone_status_label_for("pending"), "pending");
	assert_string_equal(model_role_label("editor"), "editor");
	assert_string_equal(model_kind_label("milestone"), "milestone");
	assert_string_equal(model_yes_no_label("1"), "yes");
	assert_string_equal(model_yes_no_label("0"), "no");
}

static void
test_whole_parse(void **state)
{
	(void)state;
	long n = -1;
	assert_true(model_whole_parse("0", 0, 100, &n));
	assert_int_equal(n, 0);
	assert_true(model_whole_parse("100", 0, 100, &n));
	assert_int_equal(n, 100);
	assert_true(model_whole_parse("2023", 1900, 2200, &n));
	assert_int_equal(n, 2023);
	static const char *const bad[] = {
		"", " 40", "40 ", "+5", "-0", "-1", "040", "00", "0x10", "1e2", "4O", "101", "1899",
		"99999999999999999999", "4.0", "４０", "40%",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		n = -7;
		bool ok = model_whole_parse(bad[i], !strcmp(bad[i], "1899") ? 1900 : 0, 100, &n);
		if (ok)
			fail_msg("model_whole_parse(\"%s\") accepted it", bad[i]);
		assert_int_equal(n, -7);
	}
	assert_false(model_whole_parse(NULL, 0, 100, &n));
}

static void
test_progress_parse(void **state)
{
	(void)state;
	int p = -1;
	assert_true(model_progress_parse("40", &p));
	assert_int_equal(p, 40);
	assert_true(model_progress_parse("40%", &p));
	assert_int_equal(p, 40);
	assert_true(model_progress_parse("0", &p));
	assert_int_equal(p, 0);
	assert_true(model_progress_parse("100%", &p));
	assert_int_equal(p, 100);
	static const char *const bad[] = {
		"", "%", " 40", "40 ", "+5", "-1", "040", "0x10", "1e2", "101", "40%%", "40 %", "1000", "00%",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p = -7;
		if (model_progress_parse(bad[i], &p))
			fail_msg("model_progress_parse(\"%s\") accepted it", bad[i]);
		assert_int_equal(p, -7);
	}
	assert_false(model_progress_parse(NULL, &p));
}

static void
test_value_parse(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		double v;
		const char *rest;
	} good[] = {
		{ "65.5", 65.5, "" }, { "3200", 3200, "" }, { "0", 0, "" }, { "0.05", 0.05, "" },
		{ "-1.5", -1.5, "" }, { "-0", 0, "" }, { "65.5%", 65.5, "%" }, { "3200个", 3200, "个" },
		{ "65.5 %", 65.5, " %" }, { "123456789012345", 123456789012345.0, "" },
		{ "1.23456789012345", 1.23456789012345, "" }, { "2.20", 2.2, "" },
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		double v = -7;
		const char *rest = NULL;
		if (!model_value_parse(good[i].in, &v, &rest))
			fail_msg("model_value_parse(\"%s\") refused it", good[i].in);
		assert_true(v == good[i].v);
		assert_string_equal(rest, good[i].rest);
	}
	static const char *const bad[] = {
		"", "%", "lots", " 65.5", "+65.5", "065.5", "00", ".5", "65.", "1e2", "1e999", "0x10", "nan", "inf",
		"-", "--1", "1234567890123456", "1.234567890123456", "3,200", "1.5.2", "65.5-", "1_000", "1E2",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		double v = -7;
		const char *rest = NULL;
		if (model_value_parse(bad[i], &v, &rest))
			fail_msg("model_value_parse(\"%s\") accepted it", bad[i]);
		assert_true(v == -7);
	}
}

static void
test_value_format(void **state)
{
	(void)state;
	static const struct {
		double v;
		const char *out;
	} cases[] = {
		{ 3200, "3200" }, { 65.5, "65.5" }, { 63.05, "63.05" }, { 0.1, "0.1" }, { 2.2, "2.2" }, { 0, "0" },
		{ -0.0, "0" }, { -1.5, "-1.5" }, { 100, "100" }, { 1234567.125, "1234567.125" },
		{ 123456789012345, "123456789012345" }, { 65.555, "65.555" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[MODEL_VALUE_LEN];
		model_value_format(cases[i].v, out);
		assert_string_equal(out, cases[i].out);
	}
	/* What is typed shows back as typed (without trailing zeros). */
	static const char *const typed[] = { "65.5", "3200", "0.05", "99.99", "123456789012345", "1.23456789012345" };
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		double v;
		const char *rest;
		char out[MODEL_VALUE_LEN];
		assert_true(model_value_parse(typed[i], &v, &rest));
		model_value_format(v, out);
		assert_string_equal(out, typed[i]);
	}
}

static void
test_percent(void **state)
{
	(void)state;
	assert_int_equal(model_percent(121, 2), 61);        /* 60.5: half up, not to even */
	assert_int_equal(model_percent(123, 2), 62);        /* 61.5 */
	assert_int_equal(model_percent(6049, 100), 60);     /* 60.49 */
	assert_int_equal(model_percent(6050, 100), 61);
	assert_int_equal(model_percent(1, 3), 0);
	assert_int_equal(model_percent(2, 3), 1);
	assert_int_equal(model_percent(0, 5), 0);
	assert_int_equal(model_percent(300, 3), 100);
	assert_int_equal(model_percent(0, 0), -1);          /* no tasks: no mean */
	assert_int_equal(model_percent(40, -1), -1);
	assert_int_equal(model_percent(100000000, 1000000), 100);
	assert_int_equal(model_percent(1 * 100, 7), 14);    /* a share: 1 of 7 */
	assert_int_equal(model_percent_tenths(121, 2), 605);
	assert_int_equal(model_percent_tenths(12089, 200), 604);   /* 60.445 */
	assert_int_equal(model_percent_tenths(12090, 200), 605);   /* 60.45 */
	assert_int_equal(model_percent_tenths(220, 6), 367);
	assert_int_equal(model_percent_tenths(0, 0), -1);
	/* The whole percent is the mean rounded half up, never the tenths
	 * rounded again (60.45 is 60, though its tenths 605 would round to 61). */
	assert_int_equal(model_percent(12090, 200), 60);
	/* Against the definition: p is the whole percent nearest sum / n, the
	 * greater on a tie: (p - 1/2) n <= sum < (p + 1/2) n. */
	for (long long n = 1; n <= 40; n++) {
		for (long long sum = 0; sum <= 100 * n; sum++) {
			long long p = model_percent(sum, n), t = model_percent_tenths(sum, n);
			if (!((2 * p - 1) * n <= 2 * sum && 2 * sum < (2 * p + 1) * n))
				fail_msg("model_percent(%lld, %lld) = %lld", sum, n, p);
			if (!((2 * t - 1) * n <= 20 * sum && 20 * sum < (2 * t + 1) * n))
				fail_msg("model_percent_tenths(%lld, %lld) = %lld", sum, n, t);
		}
	}
}

static void
test_progress_counts(void **state)
{
	(void)state;
	for (int i = 0; i < TS_COUNT; i++)
		assert_int_equal(model_progress_counts(task_status_key((enum task_status)i)), i != TS_CANCELLED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_period_end),
		cmocka_unit_test(test_task_late),
		cmocka_unit_test(test_milestone_late),
		cmocka_unit_test(test_days_between),
		cmocka_unit_test(test_task_status_parse),
		cmocka_unit_test(test_milestone_status_parse),
		cmocka_unit_test(test_status_keys_and_labels),
		cmocka_unit_test(test_change_who),
		cmocka_unit_test(test_change_labels),
		cmocka_unit_test(test_whole_parse),
		cmocka_unit_test(test_progress_parse),
		cmocka_unit_test(test_value_parse),
		cmocka_unit_test(test_value_format),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_progress_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
