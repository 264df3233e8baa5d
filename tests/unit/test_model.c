/* Unit tests for model: calendar dates, what "late" means for tasks and
 * milestones, the end of a roadmap period, days between dates, the
 * statuses read as keys, English names or Chinese names, and the mean
 * progress: which tasks count and how it is rounded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_progress_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
