/* Unit tests for the supervision cycle's reports in the store
 * (store_reports.h): a submission's revision and the task it moves, the
 * states that refuse another, a text refused with nothing stored, the
 * report's version, the review queue paged by its key, and the verified
 * closing (accept before verify; return ends the wait; reopen needs a
 * reason). The periods are the one due now (the store's clock), so the
 * tests hold on any day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plancon/auth.h"
#include "plancon/session.h"
#include "plancon/store.h"
#include "plancon/store_plan.h"
#include "plancon/store_reports.h"
#include "plancon/store_tasks.h"
#include "plancon/store_users.h"
#include "plancon/xalloc.h"

#include "dbdir.h"

#define HOUSING "省住房城乡建设厅"
#define OFFICE "省城镇化工作领导小组办公室"

struct world {
	struct fixture *f;
	struct store *s;
	struct identity admin, ed, office;
	struct cycle_settings cs;
};

static void
ident(struct world *w, const char *name, struct identity *id, long long office)
{
	struct error e;
	assert_int_equal(session_identity_load(w->s, NULL, name, NULL, id, &e), ERR_OK);
	id->cycle_on = true;
	id->office = office;
	id->office_name = xstrdup(OFFICE);
}

static void
world_open(struct world *w, struct fixture *f)
{
	struct error e;
	*w = (struct world){ .f = f, .cs = { .on = true, .kind = CYCLE_MONTH, .due_day = 5 } };
	assert_int_equal(store_open(&w->s, f->path, STORE_CREATE, &e), ERR_OK);
	assert_int_equal(store_init_admin(w->s, "root", "boss", &e), ERR_OK);
	long long office;
	assert_int_equal(store_dept_find(w->s, OFFICE, &office, &e), ERR_OK);
	ident(w, "boss", &w->admin, office);
	const char *housing[] = { HOUSING }, *off[] = { OFFICE };
	assert_int_equal(store_user_set(w->s, &w->admin, "ed", AUTH_ROLE_EDITOR, housing, 1, NULL, NULL, &e), ERR_OK);
	assert_int_equal(store_user_set(w->s, &w->admin, "of", AUTH_ROLE_EDITOR, off, 1, NULL, NULL, &e), ERR_OK);
	ident(w, "ed", &w->ed, office);
	ident(w, "of", &w->office, office);
}

static void
world_close(struct world *w)
{
	identity_free(&w->admin);
	identity_free(&w->ed);
	identity_free(&w->office);
	store_close(w->s);
}

static int
task_status(const struct task_row *r, void *ctx)
{
	snprintf(ctx, 32, "%s %d", r->status, r->progress);
	return 0;
}

static void
assert_task(struct world *w, const char *code, const char *want)
{
	char got[32] = "";
	struct error e;
	assert_int_equal(store_task_get(w->s, code, task_status, got, &e), ERR_OK);
	assert_string_equal(got, want);
}

static int
count_report(const struct report_row *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static enum err_code
submit(struct world *w, const struct identity *who, const char *code, const char *status, const char *text,
       struct report_result *out)
{
	struct error e;
	struct report_submit r = { .code = code, .status = status, .progress = -1, .done_text = text };
	return store_report_submit(w->s, who, &w->cs, &r, out, &e);
}

static void
test_submit_moves_task(void **state)
{
	struct world w;
	world_open(&w, *state);
	struct report_result out;
	struct error e;
	assert_int_equal(submit(&w, &w.ed, "3.2.3", "in_progress", "开工", &out), ERR_OK);
	assert_int_equal(out.rev, 1);
	assert_string_equal(out.state, "submitted");
	assert_true(out.on_time == 0 || out.on_time == 1);
	assert_task(&w, "3.2.3", "in_progress 0");
	/* Waiting for review: no second submission, no draft over it. */
	assert_int_equal(submit(&w, &w.ed, "3.2.3", "in_progress", "再报", &out), ERR_REFUSED);
	struct report_submit d = { .code = "3.2.3", .draft = true, .progress = 10 };
	assert_int_equal(store_report_submit(w.s, &w.ed, &w.cs, &d, &out, &e), ERR_REFUSED);
	/* The office's member is no lead: refused. */
	assert_int_equal(submit(&w, &w.office, "3.2.2", NULL, "x", &out), ERR_REFUSED);
	world_close(&w);
}

static void
test_bad_text_stores_nothing(void **state)
{
	struct world w;
	world_open(&w, *state);
	struct report_result out;
	struct error e;
	assert_int_equal(submit(&w, &w.ed, "3.2.3", NULL, "bad\xff", &out), ERR_INVALID);
	int n = 0;
	assert_int_equal(store_reports_each(w.s, "3.2.3", 0, count_report, &n, &e), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(submit(&w, &w.ed, "3.2.3", "cancelled", "x", &out), ERR_INVALID);
	w.ed.cycle_on = false;
	assert_int_equal(submit(&w, &w.ed, "3.2.3", NULL, "x", &out), ERR_REFUSED);
	world_close(&w);
}

static void
test_draft_version(void **state)
{
	struct world w;
	world_open(&w, *state);
	struct report_result out;
	struct error e;
	struct report_submit d = { .code = "3.2.3", .draft = true, .progress = 10 };
	assert_int_equal(store_report_submit(w.s, &w.ed, &w.cs, &d, &out, &e), ERR_OK);
	assert_int_equal(out.version, 1);
	assert_string_equal(out.state, "draft");
	d.progress = 20;
	d.base_version = 1;
	assert_int_equal(store_report_submit(w.s, &w.ed, &w.cs, &d, &out, &e), ERR_OK);
	assert_int_equal(out.version, 2);
	d.progress = 30;
	assert_int_equal(store_report_submit(w.s, &w.ed, &w.cs, &d, &out, &e), ERR_CONFLICT);
	/* Submitting keeps the draft's progress. */
	assert_int_equal(submit(&w, &w.ed, "3.2.3", NULL, NULL, &out), ERR_OK);
	assert_task(&w, "3.2.3", "not_started 20");
	world_close(&w);
}

struct queue {
	int n;
	char code[4][16], at[4][24];
	long long id[4];
};

static int
queue_row(const struct report_queue_row *q, void *ctx)
{
	struct queue *x = ctx;
	if (x->n < 4) {
		snprintf(x->code[x->n], 16, "%s", q->code);
		snprintf(x->at[x->n], 24, "%s", q->submitted_at);
		x->id[x->n] = q->report_id;
	}
	x->n++;
	return 0;
}

static void
test_queue_pages(void **state)
{
	struct world w;
	world_open(&w, *state);
	struct report_result out;
	struct error e;
	assert_int_equal(submit(&w, &w.ed, "3.2.3", NULL, "a", &out), ERR_OK);
	assert_int_equal(submit(&w, &w.ed, "3.2.2", NULL, "b", &out), ERR_OK);
	struct queue all = { 0 }, page = { 0 };
	assert_int_equal(store_report_queue_each(w.s, NULL, queue_row, &all, &e), ERR_OK);
	assert_int_equal(all.n, 2);
	assert_string_equal(all.code[0], "3.2.3");
	struct report_queue q = { .limit = 1 };
	assert_int_equal(store_report_queue_each(w.s, &q, queue_row, &page, &e), ERR_OK);
	assert_int_equal(page.n, 1);
	q.after_at = page.at[0];
	q.after_id = page.id[0];
	page.n = 0;
	assert_int_equal(store_report_queue_each(w.s, &q, queue_row, &page, &e), ERR_OK);
	assert_int_equal(page.n, 1);
	assert_string_equal(page.code[0], "3.2.2");
	q = (struct report_queue){ .dept = "省无此厅" };
	assert_int_equal(store_report_queue_each(w.s, &q, queue_row, &page, &e), ERR_NOT_FOUND);
	/* Accepted leaves the queue. */
	assert_int_equal(store_report_review(w.s, &w.office, "3.2.3", NULL, true, NULL, &out, &e), ERR_OK);
	all.n = 0;
	assert_int_equal(store_report_queue_each(w.s, NULL, queue_row, &all, &e), ERR_OK);
	assert_int_equal(all.n, 1);
	world_close(&w);
}

static void
test_verified_closing(void **state)
{
	struct world w;
	world_open(&w, *state);
	struct report_result out;
	struct write_result r;
	struct error e;
	assert_int_equal(submit(&w, &w.ed, "3.2.3", "done", "完工", &out), ERR_OK);
	assert_true(out.awaiting);
	assert_task(&w, "3.2.3", "in_progress 100");
	assert_int_equal(store_task_verify(w.s, &w.office, "3.2.3", NULL, &r, &e), ERR_REFUSED);
	assert_int_equal(store_task_verify(w.s, &w.ed, "3.2.3", NULL, &r, &e), ERR_REFUSED);
	/* Returned: the wait ends; reported again and accepted: verified. */
	assert_int_equal(store_report_review(w.s, &w.office, "3.2.3", NULL, false, NULL, &out, &e), ERR_INVALID);
	assert_int_equal(store_report_review(w.s, &w.office, "3.2.3", NULL, false, "缺材料", &out, &e), ERR_OK);
	assert_string_equal(out.state, "returned");
	assert_int_equal(store_task_verify(w.s, &w.office, "3.2.3", NULL, &r, &e), ERR_REFUSED);
	assert_int_equal(submit(&w, &w.ed, "3.2.3", "done", "附材料", &out), ERR_OK);
	assert_int_equal(out.rev, 2);
	assert_int_equal(store_report_review(w.s, &w.office, "3.2.3", NULL, true, NULL, &out, &e), ERR_OK);
	assert_int_equal(store_task_verify(w.s, &w.office, "3.2.3", "通过", &r, &e), ERR_OK);
	assert_true(r.changed);
	assert_task(&w, "3.2.3", "done 100");
	assert_int_equal(submit(&w, &w.ed, "3.2.3", NULL, "x", &out), ERR_REFUSED);
	assert_int_equal(store_task_reopen(w.s, &w.office, "3.2.3", " ", &r, &e), ERR_INVALID);
	assert_int_equal(store_task_reopen(w.s, &w.office, "3.2.3", "复核", &r, &e), ERR_OK);
	assert_task(&w, "3.2.3", "in_progress 100");
	assert_int_equal(store_task_reopen(w.s, &w.office, "3.2.3", "再次", &r, &e), ERR_REFUSED);
	world_close(&w);
}

static void
test_set_done_refused(void **state)
{
	struct world w;
	world_open(&w, *state);
	struct error e;
	struct task_update u = { .code = "3.2.3", .status = "done", .progress = -1 };
	assert_int_equal(store_task_update(w.s, &w.ed, &u, NULL, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "plancon submit"));
	w.ed.cycle_on = false;
	assert_int_equal(store_task_update(w.s, &w.ed, &u, NULL, &e), ERR_OK);
	world_close(&w);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_submit_moves_task),
		T(test_bad_text_stores_nothing),
		T(test_draft_version),
		T(test_queue_pages),
		T(test_verified_closing),
		T(test_set_done_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
