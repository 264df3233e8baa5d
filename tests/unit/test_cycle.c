/* Unit tests for cycle: the periods a date falls in (month and quarter),
 * their keys and bounds, months of 28, 29, 30 and 31 days; the report's
 * due date with the due day clamped to the month; on time up to 23:59 of
 * the due day, late from 00:00 the next; missing; extensions; each warning
 * light's rule and their precedence; the ranking score and its ties. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plancon/cycle.h"

static void
check_period(enum cycle_kind k, const char *date, const char *key, const char *start, const char *end)
{
	struct cycle_period p;
	memset(&p, 'x', sizeof p);
	if (!cycle_period_of(k, date, &p))
		fail_msg("%s: no period", date);
	assert_string_equal(p.key, key);
	assert_string_equal(p.start, start);
	assert_string_equal(p.end, end);
	/* the key names the same period */
	struct cycle_period q;
	assert_true(cycle_period_parse(key, &q));
	assert_int_equal(q.kind, k);
	assert_string_equal(q.start, start);
	assert_string_equal(q.end, end);
}

static void
test_month_periods(void **state)
{
	(void)state;
	check_period(CYCLE_MONTH, "2024-03-15", "2024-03", "2024-03-01", "2024-03-31");
	/* the first and the last day belong to their own month */
	check_period(CYCLE_MONTH, "2024-03-01", "2024-03", "2024-03-01", "2024-03-31");
	check_period(CYCLE_MONTH, "2024-03-31", "2024-03", "2024-03-01", "2024-03-31");
	check_period(CYCLE_MONTH, "2024-04-01", "2024-04", "2024-04-01", "2024-04-30");
	/* 28, 29, 30 and 31 days */
	check_period(CYCLE_MONTH, "2023-02-10", "2023-02", "2023-02-01", "2023-02-28");
	check_period(CYCLE_MONTH, "2024-02-29", "2024-02", "2024-02-01", "2024-02-29");
	check_period(CYCLE_MONTH, "1900-02-01", "1900-02", "1900-02-01", "1900-02-28");
	check_period(CYCLE_MONTH, "2000-02-01", "2000-02", "2000-02-01", "2000-02-29");
	check_period(CYCLE_MONTH, "2023-06-30", "2023-06", "2023-06-01", "2023-06-30");
	check_period(CYCLE_MONTH, "2023-12-31", "2023-12", "2023-12-01", "2023-12-31");
	check_period(CYCLE_MONTH, "2024-01-01", "2024-01", "2024-01-01", "2024-01-31");
}

static void
test_quarter_periods(void **state)
{
	(void)state;
	check_period(CYCLE_QUARTER, "2024-01-01", "2024-Q1", "2024-01-01", "2024-03-31");
	check_period(CYCLE_QUARTER, "2024-02-29", "2024-Q1", "2024-01-01", "2024-03-31");
	check_period(CYCLE_QUARTER, "2024-03-31", "2024-Q1", "2024-01-01", "2024-03-31");
	check_period(CYCLE_QUARTER, "2024-04-01", "2024-Q2", "2024-04-01", "2024-06-30");
	check_period(CYCLE_QUARTER, "2024-06-30", "2024-Q2", "2024-04-01", "2024-06-30");
	check_period(CYCLE_QUARTER, "2024-07-01", "2024-Q3", "2024-07-01", "2024-09-30");
	check_period(CYCLE_QUARTER, "2024-09-30", "2024-Q3", "2024-07-01", "2024-09-30");
	check_period(CYCLE_QUARTER, "2024-10-01", "2024-Q4", "2024-10-01", "2024-12-31");
	check_period(CYCLE_QUARTER, "2024-12-31", "2024-Q4", "2024-10-01", "2024-12-31");
}

static void
test_period_refused(void **state)
{
	(void)state;
	struct cycle_period p;
	static const char *const dates[] = { "2023-02-29", "2024-13-01", "2024-3-1", "", "2024-03-01x" };
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
		if (cycle_period_of(CYCLE_MONTH, dates[i], &p))
			fail_msg("\"%s\" should have no period", dates[i]);
	assert_false(cycle_period_of(CYCLE_QUARTER, NULL, &p));
	static const char *const keys[] = {
		"2024-00", "2024-13", "2024-Q0", "2024-Q5", "2024-q1", "2024-3", "2024-003", "0000-01",
		"2024/03", "2024-03-01", "", "abcd-01",
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (cycle_period_parse(keys[i], &p))
			fail_msg("\"%s\" should not be a period key", keys[i]);
	assert_false(cycle_period_parse(NULL, &p));
	assert_int_equal(cycle_kind_parse("month"), CYCLE_MONTH);
	assert_int_equal(cycle_kind_parse("quarter"), CYCLE_QUARTER);
	assert_int_equal(cycle_kind_parse("week"), -1);
	assert_int_equal(cycle_kind_parse(NULL), -1);
	assert_string_equal(cycle_kind_key(CYCLE_QUARTER), "quarter");
	assert_string_equal(cycle_kind_key(CYCLE_MONTH), "month");
}

static void
test_period_reporting(void **state)
{
	(void)state;
	struct cycle_period p;
	assert_true(cycle_period_reporting(CYCLE_MONTH, "2024-03-01", &p));
	assert_string_equal(p.key, "2024-02");
	assert_true(cycle_period_reporting(CYCLE_MONTH, "2024-01-31", &p));
	assert_string_equal(p.key, "2023-12");
	assert_true(cycle_period_reporting(CYCLE_QUARTER, "2024-04-05", &p));
	assert_string_equal(p.key, "2024-Q1");
	assert_true(cycle_period_reporting(CYCLE_QUARTER, "2024-03-31", &p));
	assert_string_equal(p.key, "2023-Q4");
	assert_false(cycle_period_reporting(CYCLE_MONTH, "0001-01-15", &p));
	assert_false(cycle_period_reporting(CYCLE_MONTH, "2024-02-30", &p));
}

static void
test_period_step(void **state)
{
	(void)state;
	struct cycle_period p, q;
	assert_true(cycle_period_parse("2023-12", &p));
	assert_true(cycle_period_step(&p, 1, &q));
	assert_string_equal(q.key, "2024-01");
	assert_true(cycle_period_step(&q, -1, &p));
	assert_string_equal(p.key, "2023-12");
	/* 24 periods back, as a report history goes */
	assert_true(cycle_period_step(&p, -24, &q));
	assert_string_equal(q.key, "2021-12");
	assert_true(cycle_period_parse("2024-Q1", &p));
	assert_true(cycle_period_step(&p, -1, &q));
	assert_string_equal(q.key, "2023-Q4");
	assert_string_equal(q.end, "2023-12-31");
	assert_true(cycle_period_step(&p, 7, &q));
	assert_string_equal(q.key, "2025-Q4");
	assert_true(cycle_period_parse("0001-01", &p));
	assert_false(cycle_period_step(&p, -1, &q));
	assert_true(cycle_period_parse("9999-Q4", &p));
	assert_false(cycle_period_step(&p, 1, &q));
}

static void
check_due(const char *key, int day, const char *want)
{
	struct cycle_period p;
	char out[11];
	assert_true(cycle_period_parse(key, &p));
	memset(out, 'x', sizeof out);
	if (!cycle_report_due(&p, day, out))
		fail_msg("%s day %d: no due date", key, day);
	if (strcmp(out, want))
		fail_msg("%s day %d: due %s, want %s", key, day, out, want);
}

static void
test_report_due(void **state)
{
	(void)state;
	/* the 5th of the following month */
	check_due("2024-03", 5, "2024-04-05");
	check_due("2023-12", 5, "2024-01-05");
	check_due("2024-Q1", 5, "2024-04-05");
	check_due("2024-Q4", 10, "2025-01-10");
	/* clamped to the month's length: 28, 29, 30, 31 days */
	check_due("2023-01", 31, "2023-02-28");
	check_due("2024-01", 31, "2024-02-29");
	check_due("2024-01", 30, "2024-02-29");
	check_due("2024-01", 29, "2024-02-29");
	check_due("2023-01", 29, "2023-02-28");
	check_due("2024-03", 31, "2024-04-30");
	check_due("2024-05", 31, "2024-06-30");
	check_due("2024-06", 31, "2024-07-31");
	check_due("2024-Q3", 31, "2024-10-31");
	check_due("2024-Q2", 31, "2024-07-31");
	check_due("2024-02", 1, "2024-03-01");
	struct cycle_period p;
	char out[11];
	assert_true(cycle_period_parse("2024-03", &p));
	assert_false(cycle_report_due(&p, 0, out));
	assert_false(cycle_report_due(&p, 32, out));
	assert_false(cycle_report_due(&p, -5, out));
	assert_true(cycle_period_parse("9999-12", &p));
	assert_false(cycle_report_due(&p, 5, out));
}

static void
test_on_time(void **state)
{
	(void)state;
	/* up to 23:59 of the due day (local time) is on time */
	assert_true(cycle_on_time("2024-04-05 23:59", "2024-04-05"));
	assert_true(cycle_on_time("2024-04-05 23:59:59", "2024-04-05"));
	assert_true(cycle_on_time("2024-04-05T23:59:59", "2024-04-05"));
	assert_true(cycle_on_time("2024-04-05 00:00", "2024-04-05"));
	assert_true(cycle_on_time("2024-03-20 10:00", "2024-04-05"));
	assert_true(cycle_on_time("2024-04-05", "2024-04-05"));
	/* 00:00 the next day is late */
	assert_false(cycle_on_time("2024-04-06 00:00", "2024-04-05"));
	assert_false(cycle_on_time("2024-04-06T00:00:00", "2024-04-05"));
	assert_false(cycle_on_time("2025-01-01 00:00", "2024-12-31"));
	/* the clamped due day of February */
	assert_true(cycle_on_time("2024-02-29 23:59", "2024-02-29"));
	assert_false(cycle_on_time("2024-03-01 00:00", "2024-02-29"));
	/* not a date or time: never on time */
	static const char *const bad[] = {
		"2024-04-05 24:00", "2024-04-05 23:60", "2024-04-05 23:59:60", "2024-04-05 9:00",
		"2024-04-05x10:00", "2024-04-05 ", "2024-02-30 10:00", "2024-04-05 10:00Z", "yesterday",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (cycle_on_time(bad[i], "2024-04-05"))
			fail_msg("\"%s\" should not be on time", bad[i]);
	assert_false(cycle_on_time(NULL, "2024-04-05"));
	assert_false(cycle_on_time("2024-04-01 10:00", "2024-04-31"));
	assert_false(cycle_on_time("2024-04-01 10:00", NULL));
}

static void
test_missing_and_extension(void **state)
{
	(void)state;
	/* missing once the due day is over, never before, never when filed */
	assert_false(cycle_report_missing(false, "2024-04-05", "2024-04-05"));
	assert_true(cycle_report_missing(false, "2024-04-05", "2024-04-06"));
	assert_false(cycle_report_missing(true, "2024-04-05", "2024-04-06"));
	assert_false(cycle_report_missing(false, "2024-04-05", "2024-04-01"));
	assert_false(cycle_report_missing(false, NULL, "2024-04-06"));
	/* an extension may be asked up to the due day, not after */
	assert_true(cycle_extension_open("2024-06-30", "2024-06-01"));
	assert_true(cycle_extension_open("2024-06-30", "2024-06-30"));
	assert_false(cycle_extension_open("2024-06-30", "2024-07-01"));
	assert_false(cycle_extension_open(NULL, "2024-06-01"));
	assert_false(cycle_extension_open("2024-06-30", "2024-06-31"));
	/* lateness follows the approved date */
	assert_string_equal(cycle_due_effective("2024-06-30", "2024-09-30"), "2024-09-30");
	assert_string_equal(cycle_due_effective("2024-06-30", NULL), "2024-06-30");
	assert_string_equal(cycle_due_effective("2024-06-30", ""), "2024-06-30");
	assert_null(cycle_due_effective(NULL, NULL));
}

static void
test_behind(void **state)
{
	(void)state;
	/* 100 days, 50 elapsed: 50 % is not behind, 49 % is */
	assert_false(cycle_behind(50, "2024-01-01", "2024-04-10", "2024-02-20"));
	assert_true(cycle_behind(49, "2024-01-01", "2024-04-10", "2024-02-20"));
	/* before the start nothing has elapsed; after the due date all has */
	assert_false(cycle_behind(0, "2024-01-01", "2024-04-10", "2023-12-01"));
	assert_true(cycle_behind(99, "2024-01-01", "2024-04-10", "2024-05-01"));
	assert_false(cycle_behind(100, "2024-01-01", "2024-04-10", "2024-05-01"));
	/* no start date (or not before due): behind below 100 */
	assert_true(cycle_behind(99, NULL, "2024-04-10", "2024-04-01"));
	assert_false(cycle_behind(100, NULL, "2024-04-10", "2024-04-01"));
	assert_true(cycle_behind(99, "2024-04-10", "2024-04-10", "2024-04-01"));
	assert_false(cycle_behind(0, "2024-01-01", NULL, "2024-04-01"));
}

/* An open task on track on 2024-04-10: due at the end of the year, report
 * accepted. Each test changes one fact. */
static struct cycle_task_facts
base(void)
{
	return (struct cycle_task_facts){
		.status = "in_progress", .progress = 60, .verified = false,
		.start_date = "2024-01-01", .due_date = "2024-12-31", .approved_due = NULL,
		.missed_milestones = 0, .report = CYCLE_REPORT_ACCEPTED, .report_due = "2024-04-05",
		.as_of = "2024-04-10",
	};
}

static const struct cycle_thresholds thresholds = { .near_days = 30, .grace_days = 10 };

static void
check_light(const struct cycle_task_facts *f, enum cycle_light want, enum cycle_reason why)
{
	enum cycle_reason r = CYCLE_WHY_COUNT;
	enum cycle_light l = cycle_light_of(f, &thresholds, &r);
	if (l != want || r != why)
		fail_msg("light %s (%s), want %s (%s)", cycle_light_key(l), cycle_reason_key(r),
		         cycle_light_key(want), cycle_reason_key(why));
	assert_int_equal(cycle_light_of(f, &thresholds, NULL), want);
}

static void
test_light_each_rule(void **state)
{
	(void)state;
	struct cycle_task_facts f = base();
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_ON_TRACK);

	f = base(), f.status = "cancelled";
	check_light(&f, CYCLE_LIGHT_CLOSED, CYCLE_WHY_CANCELLED);
	f = base(), f.status = "done", f.progress = 100, f.verified = true;
	check_light(&f, CYCLE_LIGHT_CLOSED, CYCLE_WHY_VERIFIED);
	f = base(), f.status = "done", f.progress = 100;
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_AWAITING);

	/* red: past the due date (the day after it) */
	f = base(), f.due_date = "2024-04-09";
	check_light(&f, CYCLE_LIGHT_RED, CYCLE_WHY_PAST_DUE);
	f = base(), f.due_date = "2024-04-10", f.progress = 100;
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_ON_TRACK);
	/* red: a milestone missed */
	f = base(), f.missed_milestones = 1;
	check_light(&f, CYCLE_LIGHT_RED, CYCLE_WHY_MILESTONE);
	/* report missing: yellow up to the grace, red after it */
	f = base(), f.report = CYCLE_REPORT_NOT_FILED, f.report_due = "2024-04-05";
	f.as_of = "2024-04-05";
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_ON_TRACK);      /* the due day: not missing yet */
	f.as_of = "2024-04-06";
	check_light(&f, CYCLE_LIGHT_YELLOW, CYCLE_WHY_MISSING);
	f.as_of = "2024-04-15";                                        /* 10 days: still the grace */
	check_light(&f, CYCLE_LIGHT_YELLOW, CYCLE_WHY_MISSING);
	f.as_of = "2024-04-16";
	check_light(&f, CYCLE_LIGHT_RED, CYCLE_WHY_MISSING_LONG);
	/* yellow: returned and not redone; submitted again is green */
	f = base(), f.report = CYCLE_REPORT_RETURNED;
	check_light(&f, CYCLE_LIGHT_YELLOW, CYCLE_WHY_RETURNED);
	f = base(), f.report = CYCLE_REPORT_SUBMITTED;
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_ON_TRACK);
	f = base(), f.report = CYCLE_REPORT_NONE_DUE, f.report_due = NULL;
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_ON_TRACK);
	/* yellow: due within 30 days and behind the time elapsed (100 days
	 * from 2024-01-01 to 2024-04-10 ... due 2024-05-01: 121 days, 100 gone) */
	f = base(), f.due_date = "2024-05-01", f.progress = 82;   /* 82 * 121 < 100 * 100 */
	check_light(&f, CYCLE_LIGHT_YELLOW, CYCLE_WHY_BEHIND);
	f.progress = 83;                                            /* 83 * 121 > 100 * 100 */
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_ON_TRACK);
	/* 31 days away is not near, however far behind */
	f = base(), f.due_date = "2024-05-11", f.progress = 0;
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_ON_TRACK);
	f.due_date = "2024-05-10";
	check_light(&f, CYCLE_LIGHT_YELLOW, CYCLE_WHY_BEHIND);
	/* due today, not done: near and behind, not yet past due */
	f = base(), f.due_date = "2024-04-10", f.progress = 90;
	check_light(&f, CYCLE_LIGHT_YELLOW, CYCLE_WHY_BEHIND);
	/* no due date: never past due nor near */
	f = base(), f.due_date = NULL, f.progress = 0;
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_ON_TRACK);
}

static void
test_light_extension(void **state)
{
	(void)state;
	/* the approved date decides lateness */
	struct cycle_task_facts f = base();
	f.due_date = "2024-03-31", f.approved_due = "2024-09-30";
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_ON_TRACK);
	f.approved_due = "2024-04-30", f.progress = 50;
	check_light(&f, CYCLE_LIGHT_YELLOW, CYCLE_WHY_BEHIND);
	f.approved_due = "2024-04-01";
	check_light(&f, CYCLE_LIGHT_RED, CYCLE_WHY_PAST_DUE);
	f.approved_due = "";
	check_light(&f, CYCLE_LIGHT_RED, CYCLE_WHY_PAST_DUE);
}

static void
test_light_precedence(void **state)
{
	(void)state;
	/* everything wrong at once: each rule shows only when the ones
	 * before it no longer hold */
	struct cycle_task_facts f = base();
	f.due_date = "2024-04-01", f.missed_milestones = 2, f.progress = 10;
	f.report = CYCLE_REPORT_NOT_FILED, f.report_due = "2024-03-05";
	f.status = "cancelled";
	check_light(&f, CYCLE_LIGHT_CLOSED, CYCLE_WHY_CANCELLED);
	f.status = "done", f.verified = true;
	check_light(&f, CYCLE_LIGHT_CLOSED, CYCLE_WHY_VERIFIED);
	f.verified = false;
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_AWAITING);
	f.status = "blocked";
	check_light(&f, CYCLE_LIGHT_RED, CYCLE_WHY_PAST_DUE);
	f.due_date = "2024-04-20";
	check_light(&f, CYCLE_LIGHT_RED, CYCLE_WHY_MILESTONE);
	f.missed_milestones = 0;
	check_light(&f, CYCLE_LIGHT_RED, CYCLE_WHY_MISSING_LONG);
	f.report_due = "2024-04-05";
	check_light(&f, CYCLE_LIGHT_YELLOW, CYCLE_WHY_BEHIND);
	f.progress = 100;   /* (not done yet: a progress is typed before the status) */
	check_light(&f, CYCLE_LIGHT_YELLOW, CYCLE_WHY_MISSING);
	f.report = CYCLE_REPORT_RETURNED;
	check_light(&f, CYCLE_LIGHT_YELLOW, CYCLE_WHY_RETURNED);
	f.report = CYCLE_REPORT_SUBMITTED;
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_ON_TRACK);
	f.status = "not_started", f.progress = 0, f.due_date = "2025-06-30";
	check_light(&f, CYCLE_LIGHT_GREEN, CYCLE_WHY_ON_TRACK);
}

static void
test_light_keys(void **state)
{
	(void)state;
	static const char *const keys[] = { "closed", "red", "yellow", "green" };
	static const char *const marks[] = { "=", "!", "~", "." };
	for (int i = 0; i < CYCLE_LIGHT_COUNT; i++) {
		assert_string_equal(cycle_light_key((enum cycle_light)i), keys[i]);
		assert_string_equal(cycle_light_mark((enum cycle_light)i), marks[i]);
		assert_int_equal(cycle_light_parse(keys[i]), i);
		/* the ASCII twin is one printable column */
		assert_int_equal(strlen(marks[i]), 1);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(marks[i], marks[j]);
	}
	assert_int_equal(cycle_light_parse("amber"), -1);
	assert_int_equal(cycle_light_parse(NULL), -1);
	assert_string_equal(cycle_light_key(CYCLE_LIGHT_COUNT), "?");
	assert_string_equal(cycle_reason_key(CYCLE_WHY_PAST_DUE), "past_due");
	assert_string_equal(cycle_reason_key(CYCLE_WHY_COUNT), "?");
	for (int i = 0; i < CYCLE_WHY_COUNT; i++)
		assert_string_not_equal(cycle_reason_key((enum cycle_reason)i), "?");
}

static int
score(long long rot, long long rl, long long rm, long long ton, long long tl)
{
	struct cycle_counts c = {
		.reports_on_time = rot, .reports_late = rl, .reports_missing = rm,
		.tasks_on_time = ton, .tasks_late = tl, .tasks_closed = 0,
	};
	return cycle_score(&c);
}

static void
test_score(void **state)
{
	(void)state;
	assert_int_equal(score(10, 0, 0, 10, 0), 1000);
	assert_int_equal(score(0, 0, 10, 0, 10), 0);
	/* a late report counts half, a missing one nothing */
	assert_int_equal(score(0, 10, 0, 10, 0), 750);
	assert_int_equal(score(5, 0, 5, 10, 0), 750);
	/* (2*3 + 1) / 8 = 0.875 and 2/3: mean 0.7708.. -> 77.1 */
	assert_int_equal(score(3, 1, 0, 2, 1), 771);
	/* rounded once: reports (2*1 + 0) / (2*2) = 1/2, tasks 1/3: mean 0.41666.. -> 41.7 */
	assert_int_equal(score(1, 0, 1, 1, 2), 417);
	/* exactly half a tenth rounds up: (2*0+1)/(2*8) = 1/16, tasks none: 6.25 -> 6.3 */
	assert_int_equal(score(0, 1, 7, 0, 0), 63);
	/* only one part has anything to count: that part alone */
	assert_int_equal(score(0, 0, 0, 3, 1), 750);
	assert_int_equal(score(1, 1, 0, 0, 0), 750);
	/* nothing to count: not ranked */
	assert_int_equal(score(0, 0, 0, 0, 0), -1);
	/* the closed count does not change the score */
	struct cycle_counts c = { .reports_on_time = 3, .reports_late = 1, .tasks_on_time = 2,
	                          .tasks_late = 1, .tasks_closed = 2 };
	assert_int_equal(cycle_score(&c), 771);
	/* large counts do not overflow */
	assert_int_equal(score(1000000, 0, 1000000, 1000000, 0), 750);
	/* negative counts (a bug above) count as none */
	assert_int_equal(score(-4, 0, 4, 1, 0), 500);
}

static void
test_rank_ties(void **state)
{
	(void)state;
	const int s[] = { 771, 1000, 771, -1, 500, 1000, 0 };
	int r[7];
	memset(r, 0x7f, sizeof r);
	cycle_rank(s, 7, r);
	const int want[] = { 3, 1, 3, 0, 5, 1, 6 };
	for (int i = 0; i < 7; i++)
		if (r[i] != want[i])
			fail_msg("score %d: rank %d, want %d", s[i], r[i], want[i]);
	cycle_rank(s, 0, r);   /* nothing to rank */
	const int one[] = { -1 };
	cycle_rank(one, 1, r);
	assert_int_equal(r[0], 0);
}

static void
test_reminder_level(void **state)
{
	(void)state;
	assert_int_equal(cycle_reminder_level(0), 0);
	assert_int_equal(cycle_reminder_level(1), 1);
	assert_int_equal(cycle_reminder_level(2), 2);
	assert_int_equal(cycle_reminder_level(3), 3);
	assert_int_equal(cycle_reminder_level(9), 3);
	assert_int_equal(cycle_reminder_level(-1), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month_periods),
		cmocka_unit_test(test_period_reporting),
		cmocka_unit_test(test_quarter_periods),
		cmocka_unit_test(test_period_refused),
		cmocka_unit_test(test_period_step),
		cmocka_unit_test(test_report_due),
		cmocka_unit_test(test_on_time),
		cmocka_unit_test(test_missing_and_extension),
		cmocka_unit_test(test_behind),
		cmocka_unit_test(test_light_each_rule),
		cmocka_unit_test(test_light_extension),
		cmocka_unit_test(test_light_precedence),
		cmocka_unit_test(test_light_keys),
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_rank_ties),
		cmocka_unit_test(test_reminder_level),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
