/* Unit tests for report: a small hand-made plan is imported into a
 * temporary database, and every figure of every grouping, of the late list
 * at three dates and of a plan filter is checked against counts worked out
 * by hand below. The store's SQL rule for "late" is also checked against
 * the model's, day by day over four years (for the whole plan and for one
 * document, which the store counts by different queries); the text layout against 80
 * columns with Chinese names; export -> import -> export for identity; and
 * store_import's errors for their locations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "plancon/model.h"
#include "plancon/report.h"
#include "plancon/store_planfile.h"
#include "plancon/store_tasks.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"
#include "../bench/gen/generate.h"

/* The plan. Departments in this order: 省甲厅 (A), 省乙委 (B), and a third
 * with a long name and no task. Chapter 3 has no task.
 *
 *  task   ch doc     lead status       prog due         milestones
 *  1.1.1  1  action  A    in_progress  40   2023-06-30  2022 pending, 2023Q1 pending, 2023Q2 done
 *  1.1.2  1  action  A    done         100  2022-12-31  2022 done
 *  1.2.1  1  action  B    blocked      10   2022-06-30  2022Q3 pending, 2023 pending
 *  2.0.1  2  long    B    not_started  0    2024-12-31  2024Q4 pending
 *  2.0.2  2  long    -    cancelled    0    2021-12-31  2021 pending
 *  2.0.3  2  long    A    in_progress  70   -           2023Q4 missed
 *  1.1.3  1  action  B    not_started  0    2023-12-31  2023Q2 pending
 */
static const char plan[] =
	"{\"format\": \"plancon-plan\", \"version\": 1, \"title\": \"测试规划\",\n"
	" \"documents\": [{\"key\": \"long\", \"title\": \"长期规划\"}, {\"key\": \"action\", \"title\": \"行动方案\"}],\n"
	" \"parts\": [{\"no\": 1, \"title\": \"第一篇\"}],\n"
	" \"chapters\": [\n"
	"  {\"no\": 1, \"part\": 1, \"title\": \"第一章 推进智慧城镇化 系统提升数字治理能力\", \"sections\": [{\"no\": 1, \"title\": \"一\"}, {\"no\": 2, \"title\": \"二\"}]},\n"
	"  {\"no\": 2, \"part\": 1, \"title\": \"第二章\"},\n"
	"  {\"no\": 3, \"part\": 1, \"title\": \"第三章\"}],\n"
	" \"departments\": [{\"short\": \"省甲厅\", \"name\": \"山东省甲厅\"}, {\"short\": \"省乙委\", \"name\": \"山东省乙委员会\"},\n"
	"  {\"short\": \"省城镇化工作领导小组办公室\", \"name\": \"山东省城镇化工作领导小组办公室\"}],\n"
	" \"tasks\": [\n"
	"  {\"code\": \"1.1.1\", \"title\": \"任务一\", \"document\": \"action\", \"chapter\": 1, \"section\": 1, \"lead\": \"省甲厅\",\n"
	"   \"cooperating\": [\"省乙委\"], \"status\": \"in_progress\", \"progress\": 40, \"due\": \"2023-06-30\",\n"
	"   \"milestones\": [{\"year\": 2022, \"target\": \"起步\"}, {\"year\": 2023, \"quarter\": 1}, {\"year\": 2023, \"quarter\": 2, \"status\": \"done\"}]},\n"
	"  {\"code\": \"1.1.2\", \"title\": \"任务二\", \"document\": \"action\", \"chapter\": 1, \"section\": 1, \"lead\": \"省甲厅\",\n"
	"   \"status\": \"done\", \"progress\": 100, \"due\": \"2022-12-31\", \"milestones\": [{\"year\": 2022, \"status\": \"done\"}]},\n"
	"  {\"code\": \"1.2.1\", \"title\": \"任务三\", \"document\": \"action\", \"chapter\": 1, \"section\": 2, \"lead\": \"省乙委\",\n"
	"   \"status\": \"blocked\", \"progress\": 10, \"due\": \"2022-06-30\",\n"
	"   \"milestones\": [{\"year\": 2022, \"quarter\": 3}, {\"year\": 2023}]},\n"
	"  {\"code\": \"2.0.1\", \"title\": \"任务四\", \"document\": \"long\", \"chapter\": 2, \"lead\": \"省乙委\",\n"
	"   \"due\": \"2024-12-31\", \"milestones\": [{\"year\": 2024, \"quarter\": 4}]},\n"
	"  {\"code\": \"2.0.2\", \"title\": \"任务五\", \"document\": \"long\", \"chapter\": 2,\n"
	"   \"status\": \"cancelled\", \"due\": \"2021-12-31\", \"milestones\": [{\"year\": 2021}]},\n"
	"  {\"code\": \"2.0.3\", \"title\": \"任务六\", \"document\": \"long\", \"chapter\": 2, \"lead\": \"省甲厅\",\n"
	"   \"status\": \"in_progress\", \"progress\": 70, \"milestones\": [{\"year\": 2023, \"quarter\": 4, \"status\": \"missed\"}]},\n"
	"  {\"code\": \"1.1.3\", \"title\": \"任务七\", \"document\": \"action\", \"chapter\": 1, \"section\": 1, \"lead\": \"省乙委\",\n"
	"   \"due\": \"2023-12-31\", \"milestones\": [{\"year\": 2023, \"quarter\": 2}]}],\n"
	" \"indicators\": [{\"name\": \"城镇化率\", \"unit\": \"%\", \"baseline\": {\"year\": 2020, \"value\": 63.05},\n"
	"   \"targets\": [{\"year\": 2025, \"value\": 68, \"op\": \"~\"}], \"actuals\": [{\"year\": 2022, \"value\": 64.5}]}],\n"
	" \"changes\": [{\"at\": \"2023-01-05T08:00:00Z\", \"who\": \"wang\", \"kind\": \"task\", \"item\": \"1.1.1\", \"task\": \"1.1.1\",\n"
	"   \"field\": \"status\", \"old\": \"not_started\", \"new\": \"in_progress\", \"note\": \"开始\", \"version\": 2}]}\n";

static char dir[64];
static int ndb;

/* A new, empty database file in the test's directory. */
static struct store *
new_store(void)
{
	char *path = xasprintf("%s/t%d.db", dir, ndb++);
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	if (store_open(&s, path, STORE_CREATE | STORE_EMPTY, &e))
		fail_msg("store_open: %s", e.msg);
	free(path);
	return s;
}

static struct store *
plan_store(void)
{
	struct store *s = new_store();
	struct error e;
	err_clear(&e);
	if (store_import(s, plan, strlen(plan), &e))
		fail_msg("store_import: %s", e.msg);
	return s;
}

static int
setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/plancon-test-report.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	*state = plan_store();
	return 0;
}

static int
teardown(void **state)
{
	store_close(*state);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int r = system(cmd);
	free(cmd);
	return r == 0 ? 0 : -1;
}

/* One expected row: key (NULL: none), tasks, by status (not started, in
 * progress, done, blocked, cancelled), late tasks, late milestones, and
 * progress and done in tenths of a percent (-1: no tasks; for the mean
 * progress also every task cancelled: cancelled tasks are left out). */
struct want {
	const char *key;
	long long tasks, s[5], late, late_ms;
	int progress, done;
};

static void
check_group(const struct report_group *g, const struct want *w)
{
	if (w->key)
		assert_non_null(g->key), assert_string_equal(g->key, w->key);
	else
		assert_null(g->key);
	assert_int_equal(g->tasks, w->tasks);
	for (int i = 0; i < 5; i++)
		assert_int_equal(g->by_status[i], w->s[i]);
	assert_int_equal(g->late_tasks, w->late);
	assert_int_equal(g->late_milestones, w->late_ms);
	assert_int_equal(report_progress_tenths(g), w->progress);
	assert_int_equal(report_done_tenths(g), w->done);
}

static void
check_report(struct store *s, enum report_by by, const char *as_of, const char *doc, const struct want *w,
             size_t n, const struct want *total)
{
	struct report r;
	struct error e;
	err_clear(&e);
	if (report_build(s, by, as_of, doc, &r, &e))
		fail_msg("report_build: %s", e.msg);
	assert_int_equal(r.ngroups, n);
	for (size_t i = 0; i < n; i++)
		check_group(&r.groups[i], &w[i]);
	check_group(&r.total, total);
	report_free(&r);
}

#define CHECK(s, by, as_of, doc, total, ...) do { \
	static const struct want w_[] = { __VA_ARGS__ }; \
	const struct want t_ = total; \
	check_report(s, by, as_of, doc, w_, sizeof w_ / sizeof w_[0], &t_); \
} while (0)

/* The whole plan at 2023-07-01: 7 tasks, 2 late (1.1.1, 1.2.1), 5 late
 * milestones (1.1.1's 2022 and 2023Q1, 1.2.1's 2022Q3, 2.0.2's 2021, 1.1.3's
 * 2023Q2), progress 220/6 = 36.7 % (the cancelled 2.0.2 left out), done
 * 1/7 = 14.3 %. */
#define TOTAL_2023 { NULL, 7, { 2, 2, 1, 1, 1 }, 2, 5, 367, 143 }

static void
test_by_dept(void **state)
{
	CHECK(*state, REPORT_BY_DEPT, "2023-07-01", NULL, TOTAL_2023,
	      { "省甲厅", 3, { 0, 2, 1, 0, 0 }, 1, 2, 700, 333 },
	      { "省乙委", 3, { 2, 0, 0, 1, 0 }, 1, 2, 33, 0 },
	      { "省城镇化工作领导小组办公室", 0, { 0, 0, 0, 0, 0 }, 0, 0, -1, -1 },
	      { NULL, 1, { 0, 0, 0, 0, 1 }, 0, 1, -1, 0 });   /* only 2.0.2, cancelled: no mean */
}

static void
test_by_chapter(void **state)
{
	CHECK(*state, REPORT_BY_CHAPTER, "2023-07-01", NULL, TOTAL_2023,
	      { "1", 4, { 1, 1, 1, 1, 0 }, 2, 4, 375, 250 },
	      { "2", 3, { 1, 1, 0, 0, 1 }, 0, 1, 350, 0 },   /* (0 + 70) / 2: 2.0.2 is cancelled */
	      { "3", 0, { 0, 0, 0, 0, 0 }, 0, 0, -1, -1 });
}

static void
test_by_year(void **state)
{
	/* Tasks by the year they are due; milestones by their own year. */
	CHECK(*state, REPORT_BY_YEAR, "2023-07-01", NULL, TOTAL_2023,
	      { "2021", 1, { 0, 0, 0, 0, 1 }, 0, 1, -1, 0 },
	      { "2022", 2, { 0, 0, 1, 1, 0 }, 1, 2, 550, 500 },
	      { "2023", 2, { 1, 1, 0, 0, 0 }, 1, 2, 200, 0 },
	      { "2024", 1, { 1, 0, 0, 0, 0 }, 0, 0, 0, 0 },
	      { NULL, 1, { 0, 1, 0, 0, 0 }, 0, 0, 700, 0 });
	/* At 2025-01-01 every dated task not done or cancelled is late, and
	 * 2024 Q4 and 1.2.1's 2023 milestone have come due too. */
	CHECK(*state, REPORT_BY_YEAR, "2025-01-01", NULL,
	      ((struct want){ NULL, 7, { 2, 2, 1, 1, 1 }, 4, 7, 367, 143 }),
	      { "2021", 1, { 0, 0, 0, 0, 1 }, 0, 1, -1, 0 },
	      { "2022", 2, { 0, 0, 1, 1, 0 }, 1, 2, 550, 500 },
	      { "2023", 2, { 1, 1, 0, 0, 0 }, 2, 3, 200, 0 },
	      { "2024", 1, { 1, 0, 0, 0, 0 }, 1, 1, 0, 0 },
	      { NULL, 1, { 0, 1, 0, 0, 0 }, 0, 0, 700, 0 });
}

static void
test_by_status(void **state)
{
	CHECK(*state, REPORT_BY_STATUS, "2023-07-01", NULL, TOTAL_2023,
	      { "not_started", 2, { 2, 0, 0, 0, 0 }, 0, 1, 0, 0 },
	      { "in_progress", 2, { 0, 2, 0, 0, 0 }, 1, 2, 550, 0 },
	      { "done", 1, { 0, 0, 1, 0, 0 }, 0, 0, 1000, 1000 },
	      { "blocked", 1, { 0, 0, 0, 1, 0 }, 1, 1, 100, 0 },
	      { "cancelled", 1, { 0, 0, 0, 0, 1 }, 0, 1, -1, 0 });
}

static void
test_plan_filter(void **state)
{
	/* Only the action plan: 1.1.1, 1.1.2, 1.2.1, 1.1.3; nothing without a lead. */
	CHECK(*state, REPORT_BY_DEPT, "2023-07-01", "action",
	      ((struct want){ NULL, 4, { 1, 1, 1, 1, 0 }, 2, 4, 375, 250 }),
	      { "省甲厅", 2, { 0, 1, 1, 0, 0 }, 1, 2, 700, 500 },
	      { "省乙委", 2, { 1, 0, 0, 1, 0 }, 1, 2, 50, 0 },
	      { "省城镇化工作领导小组办公室", 0, { 0, 0, 0, 0, 0 }, 0, 0, -1, -1 });
	struct report r;
	struct error e;
	err_clear(&e);
	assert_int_equal(report_build(*state, REPORT_BY_DEPT, "2023-07-01", "nosuch", &r, &e), ERR_NOT_FOUND);
	if (!strstr(e.msg, "no plan document \"nosuch\" (there are: long, action)"))
		fail_msg("%s", e.msg);
	report_free(&r);
}

/* The late list at a date: how many tasks and milestones, and the first
 * item's code, kind and days late. */
static void
check_late(struct store *s, const char *as_of, size_t ntasks, size_t nms, const char *first, bool first_ms,
           int first_days)
{
	struct late_list l;
	struct error e;
	err_clear(&e);
	if (late_build(s, as_of, NULL, &l, &e))
		fail_msg("late_build: %s", e.msg);
	assert_int_equal(l.ntasks, ntasks);
	assert_int_equal(l.nmilestones, nms);
	assert_int_equal(l.n, ntasks + nms);
	assert_string_equal(l.items[0].code, first);
	assert_int_equal(l.items[0].milestone, first_ms);
	assert_int_equal(l.items[0].days, first_days);
	for (size_t i = 1; i < l.n; i++) {
		/* Oldest due first, each at least a day late, with the right days. */
		assert_true(strcmp(l.items[i - 1].due, l.items[i].due) <= 0);
		assert_true(l.items[i].days >= 1);
		assert_int_equal(l.items[i].days, model_days_between(l.items[i].due, as_of));
	}
	late_free(&l);
}

static void
test_late_three_dates(void **state)
{
	/* 2022-07-01: 1.2.1 (due 2022-06-30, 1 day), 2.0.2's 2021 milestone (182 days). */
	check_late(*state, "2022-07-01", 1, 1, "2.0.2", true, 182);
	/* 2023-07-01: + 1.1.1 (due 2023-06-30), its 2022 and 2023Q1 milestones,
	 * 1.2.1's 2022Q3 and 1.1.3's 2023Q2 (ended 2023-06-30). */
	check_late(*state, "2023-07-01", 2, 5, "2.0.2", true, 547);
	/* 2025-01-01: + 2.0.1 and 1.1.3 (due 2024-12-31, 2023-12-31), 2024Q4 and 1.2.1's 2023. */
	check_late(*state, "2025-01-01", 4, 7, "2.0.2", true, 1097);

	struct late_list l;
	struct error e;
	err_clear(&e);
	assert_int_equal(late_build(*state, "2023-07-01", NULL, &l, &e), ERR_OK);
	/* 1.2.1 the task: due 2022-06-30, blocked, led by 省乙委, 366 days late. */
	bool seen = false;
	for (size_t i = 0; i < l.n; i++) {
		if (!l.items[i].milestone && !strcmp(l.items[i].code, "1.2.1")) {
			seen = true;
			assert_string_equal(l.items[i].lead, "省乙委");
			assert_string_equal(l.items[i].status, "blocked");
			assert_int_equal(l.items[i].days, 366);
		}
		if (l.items[i].milestone && !strcmp(l.items[i].code, "1.1.1") && l.items[i].period[4] == '\0')
			assert_string_equal(l.items[i].target, "起步");
	}
	assert_true(seen);
	late_free(&l);
}

/* The model's counts at as_of, row by row through the read API: [0] the
 * whole plan, [1] the document "action" (its tasks' ids in action[]). */
struct model_count {
	const char *as_of;
	long long tasks[2], milestones[2];
	long long action[16];
	int naction;
};

static int
count_task(const struct task_row *t, void *ctx)
{
	struct model_count *m = ctx;
	bool late = model_task_late(t->due_date, t->status, m->as_of);
	bool action = !strcmp(t->document_key, "action");
	m->tasks[0] += late;
	m->tasks[1] += late && action;
	if (action && m->naction < 16)
		m->action[m->naction++] = t->id;
	return 0;
}

static int
count_milestone(const struct milestone_row *r, void *ctx)
{
	struct model_count *m = ctx;
	bool late = model_milestone_late(r->year, r->quarter, r->status, m->as_of), action = false;
	for (int i = 0; i < m->naction; i++)
		action |= m->action[i] == r->task_id;
	m->milestones[0] += late;
	m->milestones[1] += late && action;
	return 0;
}

static void
test_late_rule_matches_model(void **state)
{
	/* Every day from 2021-06-01 to 2025-06-01: the SQL aggregates count what
	 * the model says is late, in the report and in the late list. */
	struct error e;
	err_clear(&e);
	for (int d = 0; d <= 4 * 366; d += 1) {
		char as_of[40];
		int y = 2021, m = 6, day = 1 + d;
		for (;;) {
			static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
			int n = len[m - 1] + (m == 2 && y % 4 == 0);
			if (day <= n)
				break;
			day -= n;
			if (++m > 12)
				m = 1, y++;
		}
		snprintf(as_of, sizeof as_of, "%04d-%02d-%02d", y, m, day);
		if (strcmp(as_of, "2025-06-01") > 0)
			break;
		struct model_count mc = { .as_of = as_of };
		assert_int_equal(store_tasks_each(*state, NULL, 0, false, 0, count_task, &mc, &e), ERR_OK);
		assert_int_equal(store_milestones_each(*state, 0, count_milestone, &mc, &e), ERR_OK);
		/* The whole plan (from the tallies) and one document (from the index). */
		for (int doc = 0; doc < 2; doc++) {
			struct report r;
			const char *plan_key = doc ? "action" : NULL;
			assert_int_equal(report_build(*state, doc ? REPORT_BY_DEPT : REPORT_BY_STATUS, as_of, plan_key, &r, &e), ERR_OK);
			if (r.total.late_tasks != mc.tasks[doc] || r.total.late_milestones != mc.milestones[doc])
				fail_msg("%s (%s): report %lld/%lld, model %lld/%lld", as_of, doc ? "action" : "all",
				         r.total.late_tasks, r.total.late_milestones, mc.tasks[doc], mc.milestones[doc]);
			report_free(&r);
			struct late_list l;
			assert_int_equal(late_build(*state, as_of, plan_key, &l, &e), ERR_OK);
			assert_int_equal(l.ntasks, mc.tasks[doc]);
			assert_int_equal(l.nmilestones, mc.milestones[doc]);
			late_free(&l);
		}
	}
}

/* Print into a string. */
static char *
printed(const struct report *r, enum table_format fmt, int width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(report_print(r, f, fmt, width, false), 0);
	fclose(f);
	return buf;
}

static void
test_text_fits_80(void **state)
{
	static const enum report_by bys[] = { REPORT_BY_DEPT, REPORT_BY_CHAPTER, REPORT_BY_YEAR, REPORT_BY_STATUS };
	for (size_t b = 0; b < sizeof bys / sizeof bys[0]; b++) {
		struct report r;
		struct error e;
		err_clear(&e);
		assert_int_equal(report_build(*state, bys[b], "2023-07-01", NULL, &r, &e), ERR_OK);
		char *out = printed(&r, FMT_TEXT, 80);
		int lines = 0;
		for (char *line = out, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			assert_non_null(nl);
			*nl = '\0';
			if (text_width(line) > 80)
				fail_msg("wider than 80 columns (%d): %s", text_width(line), line);
			lines++;
		}
		assert_true(lines > 5);
		free(out);
		out = printed(&r, FMT_TEXT, 80);
		if (bys[b] == REPORT_BY_DEPT) {
			/* The long name wraps onto a second row, no character cut. */
			assert_non_null(strstr(out, "\n省城镇化工作领  "));
			assert_non_null(strstr(out, "\n导小组办公室\n"));
			assert_non_null(strstr(out, "\nTotal  "));
		}
		/* A title wraps (beside a CJK character) and its second row is cut. */
		if (bys[b] == REPORT_BY_CHAPTER && (!strstr(out, "\n1 第一章 推进       4") || !strstr(out, "\n智慧城镇化 系~\n")))
			fail_msg("%s", out);
		free(out);
		report_free(&r);
	}
}

static void
test_export_roundtrip(void **state)
{
	struct error e;
	err_clear(&e);
	char *one, *two;
	size_t n1, n2;
	assert_int_equal(store_export(*state, &one, &n1, &e), ERR_OK);
	assert_int_equal(strlen(one), n1);
	/* What the plan file said is in it. */
	assert_non_null(strstr(one, "\"cooperating\": [\n    \"省乙委\"\n   ]"));
	assert_non_null(strstr(one, "\"note\": \"开始\""));
	assert_non_null(strstr(one, "\"version\": 2"));
	assert_non_null(strstr(one, "\"value\": 63.05"));
	struct store *s2 = new_store();
	if (store_import(s2, one, n1, &e))
		fail_msg("importing the export: %s", e.msg);
	assert_int_equal(store_export(s2, &two, &n2, &e), ERR_OK);
	assert_int_equal(n1, n2);
	assert_memory_equal(one, two, n1);
	store_close(s2);
	free(one);
	free(two);
}

/* A generated plan (synthetic tasks, milestones, histories; no title in
 * its meta data) makes the same trip. */
static void
test_export_roundtrip_generated(void **state)
{
	(void)state;
	struct error e;
	err_clear(&e);
	struct store *s1 = new_store(), *s2 = new_store();
	if (store_bench_generate(s1, 300, 7, NULL, &e))
		fail_msg("store_bench_generate: %s", e.msg);
	char *one, *two;
	size_t n1, n2;
	assert_int_equal(store_export(s1, &one, &n1, &e), ERR_OK);
	if (store_import(s2, one, n1, &e))
		fail_msg("importing the export: %s", e.msg);
	assert_int_equal(store_export(s2, &two, &n2, &e), ERR_OK);
	assert_int_equal(n1, n2);
	assert_memory_equal(one, two, n1);
	/* and the reports of both databases agree */
	struct report r1, r2;
	assert_int_equal(report_build(s1, REPORT_BY_DEPT, "2023-07-01", NULL, &r1, &e), ERR_OK);
	assert_int_equal(report_build(s2, REPORT_BY_DEPT, "2023-07-01", NULL, &r2, &e), ERR_OK);
	assert_int_equal(r1.ngroups, r2.ngroups);
	assert_int_equal(r1.total.tasks, 300);
	for (size_t i = 0; i < r1.ngroups; i++) {
		assert_int_equal(r1.groups[i].tasks, r2.groups[i].tasks);
		assert_int_equal(r1.groups[i].late_tasks, r2.groups[i].late_tasks);
		assert_int_equal(r1.groups[i].late_milestones, r2.groups[i].late_milestones);
		assert_int_equal(r1.groups[i].progress_sum, r2.groups[i].progress_sum);
	}
	report_free(&r1);
	report_free(&r2);
	store_close(s1);
	store_close(s2);
	free(one);
	free(two);
}

/* Import bad into a fresh database: refused with message want, and
 * nothing written (the good plan still imports into the same database). */
static void
check_bad(const char *bad, size_t len, const char *want)
{
	struct store *s = new_store();
	struct error e;
	err_clear(&e);
	if (store_import(s, bad, len, &e) != ERR_INVALID)
		fail_msg("not refused (expected \"%s\"): %s", want, e.msg);
	if (!strstr(e.msg, want))
		fail_msg("expected \"%s\" in \"%s\"", want, e.msg);
	err_clear(&e);
	assert_int_equal(store_import(s, plan, strlen(plan), &e), ERR_OK);
	store_close(s);
}

/* The plan with the first from replaced by to. */
static char *
edited(const char *from, const char *to)
{
	const char *at = strstr(plan, from);
	assert_non_null(at);
	return xasprintf("%.*s%s%s", (int)(at - plan), plan, to, at + strlen(from));
}

static void
test_import_errors(void **state)
{
	(void)state;
	static const struct { const char *from, *to, *want; } cases[] = {
		{ "\"chapter\": 2, \"lead\": \"省乙委\"", "\"chapter\": 9, \"lead\": \"省乙委\"", "tasks[3].chapter: no chapter 9" },
		{ "\"lead\": \"省乙委\",\n   \"status\": \"blocked\"", "\"lead\": \"省丁局\",\n   \"status\": \"blocked\"",
		  "tasks[2].lead: no department \"省丁局\"" },
		{ "\"cooperating\": [\"省乙委\"]", "\"cooperating\": [\"省戊办\"]", "tasks[0].cooperating[0]: no department \"省戊办\"" },
		{ "\"code\": \"1.1.3\"", "\"code\": \"1.1.1\"", "tasks[6].code: \"1.1.1\" appears twice (first at tasks[0])" },
		{ "\"due\": \"2024-12-31\"", "\"due\": \"2024-02-30\"", "tasks[3].due: \"2024-02-30\" is not a date" },
		{ "\"at\": \"2023-01-05T08:00:00Z\"", "\"at\": \"2023-13-05T08:00:00Z\"",
		  "changes[0].at: \"2023-13-05T08:00:00Z\" is not a date and time" },
		{ "\"task\": \"1.1.1\",\n", "\"task\": \"9.9.9\",\n", "changes[0].task: no task \"9.9.9\"" },
		{ "{\"no\": 2, \"title\": \"二\"}", "{\"no\": 1, \"title\": \"二\"}", "chapters[0].sections[1].no: 1 appears twice" },
		{ "\"actuals\": [{\"year\": 2022, \"value\": 64.5}]", "\"actuals\": [{\"year\": 2022, \"value\": 64.5}, {\"year\": 2022, \"value\": 65}]",
		  "indicators[0].actuals[1].year: 2022 appears twice" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *bad = edited(cases[i].from, cases[i].to);
		check_bad(bad, strlen(bad), cases[i].want);
		free(bad);
	}
	/* Invalid UTF-8: the bytes of a damaged character, by line and column. */
	char *bad = edited("任务三", "任\xe5\x8a");
	check_bad(bad, strlen(bad), "line 16, column 32: invalid UTF-8");
	free(bad);
}

int
main(void)
{
	if (!text_init_locale())
		fprintf(stderr, "no UTF-8 locale: widths of Chinese text will be wrong\n");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_dept),
		cmocka_unit_test(test_by_chapter),
		cmocka_unit_test(test_by_year),
		cmocka_unit_test(test_by_status),
		cmocka_unit_test(test_plan_filter),
		cmocka_unit_test(test_late_three_dates),
		cmocka_unit_test(test_late_rule_matches_model),
		cmocka_unit_test(test_text_fits_80),
		cmocka_unit_test(test_export_roundtrip),
		cmocka_unit_test(test_export_roundtrip_generated),
		cmocka_unit_test(test_import_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
