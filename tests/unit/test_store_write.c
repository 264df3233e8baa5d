/* Unit tests for the store's writes: the audit rows each kind of change
 * leaves, the append-only log, optimistic versions, the status rules, the
 * permission checks inside the write, users, and the upgrade of a
 * version-1 database to the latest schema without losing data.
 *
 * The log is inspected through the store API; sqlite3 is opened directly
 * only to try what plancon itself never does (editing the log by hand). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "plancon/auth.h"
#include "plancon/config.h"
#include "plancon/model.h"
#include "plancon/session.h"
#include "plancon/store.h"
#include "plancon/store_changes.h"
#include "plancon/store_maint.h"
#include "plancon/store_plan.h"
#include "plancon/store_tasks.h"
#include "plancon/store_users.h"
#include "plancon/xalloc.h"

#define HOUSING "省住房城乡建设厅"

struct fixture {
	char dir[64], path[96];
	struct store *s;
	struct config cfg;
	struct identity admin, ed, ed2, coop_ed, viewer;
};

static void
ident(struct fixture *f, const char *name, struct identity *id)
{
	struct error e;
	assert_int_equal(session_identity_load(f->s, NULL, name, NULL, id, &e), ERR_OK);
}

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/plancon-write.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/plan.db", f->dir);
	struct error e;
	if (store_open(&f->s, f->path, STORE_CREATE, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	config_defaults(&f->cfg);
	if (store_init_admin(f->s, "root", "boss", &e))
		return -1;
	ident(f, "boss", &f->admin);
	const char *housing[] = { HOUSING }, *eco[] = { "省生态环境厅" };
	if (store_user_set(f->s, &f->admin, "ed", AUTH_ROLE_EDITOR, housing, 1, NULL, NULL, &e) ||
	    store_user_set(f->s, &f->admin, "ed2", AUTH_ROLE_EDITOR, housing, 1, NULL, NULL, &e) ||
	    store_user_set(f->s, &f->admin, "eco", AUTH_ROLE_EDITOR, eco, 1, NULL, NULL, &e) ||
	    store_user_set(f->s, &f->admin, "vi", AUTH_ROLE_VIEWER, NULL, 0, NULL, NULL, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	ident(f, "ed", &f->ed);
	ident(f, "ed2", &f->ed2);
	ident(f, "eco", &f->coop_ed);
	ident(f, "vi", &f->viewer);
	*state = f;
	return 0;
}

static void
remove_db(const char *dir, const char *path)
{
	char p[128];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	rmdir(dir);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	identity_free(&f->admin);
	identity_free(&f->ed);
	identity_free(&f->ed2);
	identity_free(&f->coop_ed);
	identity_free(&f->viewer);
	store_close(f->s);
	config_free(&f->cfg);
	remove_db(f->dir, f->path);
	free(f);
	return 0;
}

/* ---- reading the log back ------------------------------------------------------- */

struct rows {
	int n;
	char line[64][256];        /* "who|kind|item|field|old|new|note|version", then "|by ACTOR" if any */
};

static int
collect(const struct change_row *g, void *ctx)
{
	struct rows *r = ctx;
	if (r->n < 64)
		snprintf(r->line[r->n], sizeof r->line[0], "%s|%s|%s|%s|%s|%s|%s|%lld%s%s", g->who, g->kind, g->item,
		         g->field, g->old ? g->old : "-", g->new_value ? g->new_value : "-", g->note ? g->note : "",
		         g->version, g->actor ? "|by " : "", g->actor ? g->actor : "");
	r->n++;
	return 0;
}

static int
log_count(struct fixture *f)
{
	struct rows r = { 0 };
	struct error e;
	assert_int_equal(store_changes_each(f->s, NULL, collect, &r, &e), ERR_OK);
	return r.n;
}

/* The rows added since there were `before`, as one string joined by '\n'. */
static char *
log_since(struct fixture *f, int before)
{
	struct rows *r = xcalloc(1, sizeof *r);
	struct error e;
	assert_int_equal(store_changes_each(f->s, NULL, collect, r, &e), ERR_OK);
	char *out = xstrdup("");
	for (int i = before; i < r->n && i < 64; i++) {
		char *next = xasprintf("%s%s%s", out, *out ? "\n" : "", r->line[i]);
		free(out);
		out = next;
	}
	free(r);
	return out;
}

static void
expect_log(struct fixture *f, int before, const char *want)
{
	char *got = log_since(f, before);
	assert_string_equal(got, want);
	free(got);
}

struct task_now {
	char status[16];
	int progress;
	long long version;
	char by[32];
	char lead[64];
	bool provisional;
	char coop[256];
};

static int
on_task(const struct task_row *t, void *ctx)
{
	struct task_now *n = ctx;
	snprintf(n->status, sizeof n->status, "%s", t->status);
	n->progress = t->progress;
	n->version = t->version;
	snprintf(n->by, sizeof n->by, "%s", t->updated_by ? t->updated_by : "");
	snprintf(n->lead, sizeof n->lead, "%s", t->lead_short ? t->lead_short : "");
	n->provisional = t->provisional;
	snprintf(n->coop, sizeof n->coop, "%s", t->coop ? t->coop : "");
	return 0;
}

static struct task_now
task(struct fixture *f, const char *code)
{
	struct task_now n = { 0 };
	struct error e;
	assert_int_equal(store_task_get(f->s, code, on_task, &n, &e), ERR_OK);
	return n;
}

static enum err_code
set(struct fixture *f, const struct identity *who, const char *code, const char *status, int progress,
    const char *note, long long base, struct write_result *w, struct error *e)
{
	struct task_update u = { .code = code, .status = status, .progress = progress, .note = note,
	                         .base_version = base };
	err_clear(e);
	return store_task_update(f->s, who, &u, w, e);
}

/* ---- audit rows, one kind of change at a time -------------------------------------- */

static void
test_audit_task(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	int n = log_count(f);
	assert_int_equal(set(f, &f->ed, "3.2.3", "in_progress", 40, "管网改造已开工", 1, &w, &e), ERR_OK);
	assert_true(w.changed);
	assert_int_equal(w.version, 2);
	assert_int_equal(strlen(w.at), 20);
	expect_log(f, n, "ed|task|3.2.3|status|not_started|in_progress|管网改造已开工|2\n"
	                 "ed|task|3.2.3|progress|0|40||2");
	struct task_now t = task(f, "3.2.3");
	assert_string_equal(t.status, "in_progress");
	assert_int_equal(t.progress, 40);
	assert_int_equal(t.version, 2);
	assert_string_equal(t.by, "ed");

	/* A note alone, on a task the user's department only cooperates on. */
	n = log_count(f);
	assert_int_equal(set(f, &f->coop_ed, "3.2.3", NULL, -1, "生态环境厅已配合完成水质监测", 0, &w, &e), ERR_OK);
	assert_int_equal(w.version, 3);
	expect_log(f, n, "eco|task|3.2.3|note|-|-|生态环境厅已配合完成水质监测|3");

	/* Progress alone: the note goes with it. */
	n = log_count(f);
	assert_int_equal(set(f, &f->ed, "3.2.3", NULL, 55, "过半", 3, &w, &e), ERR_OK);
	expect_log(f, n, "ed|task|3.2.3|progress|40|55|过半|4");
}

static void
test_audit_milestone(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	/* 2.1.2 is led by 省发展改革委 and has a 2023 milestone. */
	const char *dev[] = { "省发展改革委" };
	assert_int_equal(store_user_set(f->s, &f->admin, "dev", AUTH_ROLE_EDITOR, dev, 1, NULL, NULL, &e), ERR_OK);
	struct identity id;
	ident(f, "dev", &id);
	int n = log_count(f);
	assert_int_equal(store_milestone_set(f->s, &id, "2.1.2", 2023, 0, "done", "已验收", &w, &e), ERR_OK);
	assert_true(w.changed);
	expect_log(f, n, "dev|milestone|2.1.2|milestone 2023|pending|done|已验收|0");
	/* The same status again changes nothing. */
	assert_int_equal(store_milestone_set(f->s, &id, "2.1.2", 2023, 0, "done", NULL, &w, &e), ERR_OK);
	assert_false(w.changed);
	assert_int_equal(log_count(f), n + 1);
	/* A milestone that does not exist says which do. */
	err_clear(&e);
	assert_int_equal(store_milestone_set(f->s, &id, "2.1.2", 2022, 3, "done", NULL, &w, &e), ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "2.1.2 has no milestone for 2022-Q3 (it has: 2023)"));
	/* Another department's milestone is refused. */
	err_clear(&e);
	assert_int_equal(store_milestone_set(f->s, &f->ed, "2.1.2", 2023, 0, "missed", NULL, &w, &e), ERR_REFUSED);
	identity_free(&id);
}

static void
test_audit_assignment(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	int n = log_count(f);
	const char *coop[] = { "省财政厅", "省民政厅" };
	struct assignment a = { .code = "2.1.1", .lead = HOUSING, .coop = coop, .ncoop = 2, .set_coop = true,
	                        .confirm = true };
	assert_int_equal(store_assign(f->s, &f->admin, &a, &w, &e), ERR_OK);
	assert_true(w.changed);
	assert_int_equal(w.version, 2);
	/* 2.1.1 was led by 省通信管理局 with 省大数据局 and 省工业和信息化厅 cooperating. */
	expect_log(f, n,
	           "boss|assignment|2.1.1|lead|省通信管理局|" HOUSING "||2\n"
	           "boss|assignment|2.1.1|assignment|provisional|confirmed||2\n"
	           "boss|assignment|2.1.1|cooperating|省大数据局|-||2\n"
	           "boss|assignment|2.1.1|cooperating|省工业和信息化厅|-||2\n"
	           "boss|assignment|2.1.1|cooperating|-|省财政厅||2\n"
	           "boss|assignment|2.1.1|cooperating|-|省民政厅||2");
	struct task_now t = task(f, "2.1.1");
	assert_string_equal(t.lead, HOUSING);
	assert_false(t.provisional);
	assert_non_null(strstr(t.coop, "省财政厅"));
	/* Now the housing editor may update it. */
	assert_int_equal(set(f, &f->ed, "2.1.1", "in_progress", 10, NULL, 2, &w, &e), ERR_OK);
	/* Lead and cooperating at once is refused; so is an editor assigning. */
	const char *self[] = { HOUSING };
	struct assignment bad = { .code = "2.1.1", .coop = self, .ncoop = 1, .set_coop = true };
	err_clear(&e);
	assert_int_equal(store_assign(f->s, &f->admin, &bad, &w, &e), ERR_INVALID);
	err_clear(&e);
	struct assignment confirm = { .code = "3.2.3", .confirm = true };
	assert_int_equal(store_assign(f->s, &f->ed, &confirm, &w, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "only an administrator"));
	/* An unknown department is named. */
	struct assignment unknown = { .code = "3.2.3", .lead = "省不存在厅" };
	err_clear(&e);
	assert_int_equal(store_assign(f->s, &f->admin, &unknown, &w, &e), ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "省不存在厅"));
}

static enum err_code
actual(struct fixture *f, const struct identity *who, const char *indicator, int year, double value,
       const char *unit, struct write_result *w, char **name, struct error *e)
{
	struct actual_update a = { .indicator = indicator, .year = year, .value = value, .unit = unit };
	err_clear(e);
	return store_actual_set(f->s, who, &a, w, name, e);
}

static void
test_audit_actual(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	char *name;
	int n = log_count(f);
	assert_int_equal(actual(f, &f->admin, "常住人口城镇化率", 2022, 64.5, NULL, &w, &name, &e), ERR_OK);
	assert_true(w.changed);
	assert_string_equal(name, "常住人口城镇化率");
	free(name);
	/* A part of the name: the full name comes back. */
	assert_int_equal(actual(f, &f->admin, "城镇化率", 2022, 65.05, "%", &w, &name, &e), ERR_OK);
	assert_true(w.changed);
	assert_string_equal(name, "常住人口城镇化率");
	free(name);
	assert_int_equal(actual(f, &f->admin, "常住人口城镇化率", 2022, 65.05, "", &w, &name, &e), ERR_OK);
	assert_false(w.changed);
	assert_string_equal(name, "常住人口城镇化率");
	free(name);
	/* Whole numbers are written without ".0", as every view shows them. */
	assert_int_equal(actual(f, &f->admin, "智慧社区", 2023, 3200, "个", &w, NULL, &e), ERR_OK);
	assert_int_equal(actual(f, &f->admin, "智慧社区", 2023, 3450, NULL, &w, NULL, &e), ERR_OK);
	expect_log(f, n, "boss|indicator|常住人口城镇化率|actual 2022|-|64.5||0\n"
	                 "boss|indicator|常住人口城镇化率|actual 2022|64.5|65.05||0\n"
	                 "boss|indicator|智慧社区（村居）数量|actual 2023|-|3200||0\n"
	                 "boss|indicator|智慧社区（村居）数量|actual 2023|3200|3450||0");
	/* A unit that is not the indicator's is refused, naming both. */
	n = log_count(f);
	name = (char *)"untouched";
	assert_int_equal(actual(f, &f->admin, "城乡居民收入比", 2023, 2.1, "%", &w, &name, &e), ERR_INVALID);
	assert_null(name);
	assert_string_equal(e.msg, "城乡居民收入比 has no unit: give the value without \"%\"");
	assert_int_equal(actual(f, &f->admin, "常住人口城镇化率", 2023, 66, "个", &w, NULL, &e), ERR_INVALID);
	assert_string_equal(e.msg, "the unit of 常住人口城镇化率 is \"%\", not \"个\"");
	assert_false(w.changed);
	expect_log(f, n, "");
	/* Editors may not; unknown indicators are named. */
	assert_int_equal(actual(f, &f->ed, "常住人口城镇化率", 2022, 70, NULL, &w, NULL, &e), ERR_REFUSED);
	assert_int_equal(actual(f, &f->admin, "不存在的指标", 2022, 1, NULL, &w, NULL, &e), ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "不存在的指标"));
}

/* The change log's triggers write a value as model_value_format does. */
static void
test_actual_log_text(void **state)
{
	struct fixture *f = *state;
	static const double values[] = { 3200, 65.5, 63.05, 0.1, 2.2, 0, -1.5, 1234567.125, 100000000000000,
	                                 123456789012345, 0.000123, 98.76543210987 };
	struct error e;
	struct write_result w;
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		int n = log_count(f);
		assert_int_equal(actual(f, &f->admin, "城乡居民收入比", 2030, values[i], NULL, &w, NULL, &e), ERR_OK);
		char num[MODEL_VALUE_LEN], want[128];
		model_value_format(values[i], num);
		char *got = log_since(f, n);
		char *last = strrchr(got, '|');
		*last = '\0';
		last = strrchr(got, '|');
		*last = '\0';
		last = strrchr(got, '|');
		snprintf(want, sizeof want, "|%s", num);
		assert_string_equal(last, want);
		free(got);
	}
}

static void
test_audit_users_and_departments(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	bool created;
	int n = log_count(f);
	const char *d1[] = { HOUSING }, *d2[] = { "省民政厅", HOUSING };
	assert_int_equal(store_user_set(f->s, &f->admin, "li", AUTH_ROLE_VIEWER, NULL, 0, &created, &w, &e), ERR_OK);
	assert_true(created);
	assert_int_equal(store_user_set(f->s, &f->admin, "li", AUTH_ROLE_EDITOR, d1, 1, &created, &w, &e), ERR_OK);
	assert_false(created);
	assert_int_equal(store_user_set(f->s, &f->admin, "li", AUTH_ROLE_EDITOR, d2, 2, &created, &w, &e), ERR_OK);
	assert_int_equal(store_user_set(f->s, &f->admin, "li", AUTH_ROLE_EDITOR, d2, 2, &created, &w, &e), ERR_OK);
	assert_false(w.changed);
	assert_int_equal(store_user_del(f->s, &f->admin, "li", &e), ERR_OK);
	assert_int_equal(store_dept_add(f->s, &f->admin, "省数字办", "山东省数字化改革办公室", &e), ERR_OK);
	assert_int_equal(store_dept_rename(f->s, &f->admin, "省数字办", "省数改办", NULL, &w, &e), ERR_OK);
	assert_int_equal(store_dept_rename(f->s, &f->admin, "省数改办", "省数改办", "山东省数字改革办公室", &w, &e), ERR_OK);
	expect_log(f, n,
	           "boss|user|li|role|-|viewer||0\n"
	           "boss|user|li|role|viewer|editor||0\n"
	           "boss|user|li|department|-|" HOUSING "||0\n"
	           "boss|user|li|department|-|省民政厅||0\n"
	           "boss|user|li|active|yes|no||0\n"
	           "boss|department|省数字办|created|-|山东省数字化改革办公室||0\n"
	           "boss|department|省数改办|short|省数字办|省数改办||0\n"
	           "boss|department|省数改办|name|山东省数字化改革办公室|山东省数字改革办公室||0");
	/* Taken names are refused. */
	err_clear(&e);
	assert_int_equal(store_dept_add(f->s, &f->admin, HOUSING, "x", &e), ERR_REFUSED);
	err_clear(&e);
	assert_int_equal(store_dept_rename(f->s, &f->admin, "省数改办", HOUSING, NULL, &w, &e), ERR_REFUSED);
	/* Bad names and editors without departments are refused. */
	err_clear(&e);
	assert_int_equal(store_user_set(f->s, &f->admin, "a b", AUTH_ROLE_VIEWER, NULL, 0, NULL, &w, &e), ERR_INVALID);
	err_clear(&e);
	assert_int_equal(store_user_set(f->s, &f->admin, "nodept", AUTH_ROLE_EDITOR, NULL, 0, NULL, &w, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "department"));
}

static void
test_last_admin(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	err_clear(&e);
	assert_int_equal(store_user_del(f->s, &f->admin, "boss", &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "only administrator"));
	err_clear(&e);
	assert_int_equal(store_user_set(f->s, &f->admin, "boss", AUTH_ROLE_VIEWER, NULL, 0, NULL, &w, &e), ERR_REFUSED);
	/* init refuses once there is an admin. */
	err_clear(&e);
	assert_int_equal(store_init_admin(f->s, "root", "mallory", &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "already has an administrator (boss)"));
	/* With a second admin, the first may go. */
	assert_int_equal(store_user_set(f->s, &f->admin, "boss2", AUTH_ROLE_ADMIN, NULL, 0, NULL, &w, &e), ERR_OK);
	assert_int_equal(store_user_del(f->s, &f->admin, "boss", &e), ERR_OK);
	/* ... and at once has no rights left, though the identity in hand says admin. */
	err_clear(&e);
	assert_int_equal(store_dept_add(f->s, &f->admin, "省新厅", "山东省新厅", &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "no longer a plancon user"));
}

/* ---- an administrator acting as another user ------------------------------------------- */

/* Every kind of change made by boss acting as someone else (plancon --user)
 * names both in the log: whom it was for, and boss beside it. */
static void
test_audit_acting_for(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	const char *dev[] = { "省发展改革委" }, *d1[] = { HOUSING };
	assert_int_equal(store_user_set(f->s, &f->admin, "dev", AUTH_ROLE_EDITOR, dev, 1, NULL, NULL, &e), ERR_OK);
	assert_int_equal(store_user_set(f->s, &f->admin, "boss2", AUTH_ROLE_ADMIN, NULL, 0, NULL, NULL, &e), ERR_OK);
	struct identity ed, devid, boss2;
	assert_int_equal(session_identity_load(f->s, NULL, "ed", "boss", &ed, &e), ERR_OK);
	assert_string_equal(ed.actor, "boss");
	assert_int_equal(session_identity_load(f->s, NULL, "dev", "boss", &devid, &e), ERR_OK);
	assert_int_equal(session_identity_load(f->s, NULL, "boss2", "boss", &boss2, &e), ERR_OK);

	int n = log_count(f);
	assert_int_equal(set(f, &ed, "3.2.3", "in_progress", 40, "代填", 1, &w, &e), ERR_OK);
	assert_int_equal(set(f, &ed, "3.2.3", NULL, -1, "备注", 0, &w, &e), ERR_OK);
	assert_int_equal(store_milestone_set(f->s, &devid, "2.1.2", 2023, 0, "done", NULL, &w, &e), ERR_OK);
	const char *coop[] = { "省财政厅" };
	struct assignment a = { .code = "2.1.1", .lead = HOUSING, .coop = coop, .ncoop = 1, .set_coop = true,
	                        .confirm = true };
	assert_int_equal(store_assign(f->s, &boss2, &a, &w, &e), ERR_OK);
	assert_int_equal(actual(f, &boss2, "常住人口城镇化率", 2022, 64.5, NULL, &w, NULL, &e), ERR_OK);
	assert_int_equal(actual(f, &boss2, "常住人口城镇化率", 2022, 65, NULL, &w, NULL, &e), ERR_OK);
	assert_int_equal(store_user_set(f->s, &boss2, "li", AUTH_ROLE_EDITOR, d1, 1, NULL, &w, &e), ERR_OK);
	assert_int_equal(store_user_set(f->s, &boss2, "li", AUTH_ROLE_VIEWER, NULL, 0, NULL, &w, &e), ERR_OK);
	assert_int_equal(store_user_del(f->s, &boss2, "li", &e), ERR_OK);
	assert_int_equal(store_dept_add(f->s, &boss2, "省数字办", "山东省数字化改革办公室", &e), ERR_OK);
	assert_int_equal(store_dept_rename(f->s, &boss2, "省数字办", "省数改办", NULL, &w, &e), ERR_OK);
	expect_log(f, n,
	           "ed|task|3.2.3|status|not_started|in_progress|代填|2|by boss\n"
	           "ed|task|3.2.3|progress|0|40||2|by boss\n"
	           "ed|task|3.2.3|note|-|-|备注|3|by boss\n"
	           "dev|milestone|2.1.2|milestone 2023|pending|done||0|by boss\n"
	           "boss2|assignment|2.1.1|lead|省通信管理局|" HOUSING "||2|by boss\n"
	           "boss2|assignment|2.1.1|assignment|provisional|confirmed||2|by boss\n"
	           "boss2|assignment|2.1.1|cooperating|省大数据局|-||2|by boss\n"
	           "boss2|assignment|2.1.1|cooperating|省工业和信息化厅|-||2|by boss\n"
	           "boss2|assignment|2.1.1|cooperating|-|省财政厅||2|by boss\n"
	           "boss2|indicator|常住人口城镇化率|actual 2022|-|64.5||0|by boss\n"
	           "boss2|indicator|常住人口城镇化率|actual 2022|64.5|65||0|by boss\n"
	           "boss2|user|li|role|-|editor||0|by boss\n"
	           "boss2|user|li|department|-|" HOUSING "||0|by boss\n"
	           "boss2|user|li|role|editor|viewer||0|by boss\n"
	           "boss2|user|li|department|" HOUSING "|-||0|by boss\n"
	           "boss2|user|li|active|yes|no||0|by boss\n"
	           "boss2|department|省数字办|created|-|山东省数字化改革办公室||0|by boss\n"
	           "boss2|department|省数改办|short|省数字办|省数改办||0|by boss");

	/* The next change the user makes alone names the user alone: the
	 * actor of the row's last change is not carried over. */
	n = log_count(f);
	assert_int_equal(set(f, &f->ed, "3.2.3", NULL, 50, NULL, 0, &w, &e), ERR_OK);
	const char *coop2[] = { "省财政厅", "省民政厅" };
	struct assignment a2 = { .code = "2.1.1", .coop = coop2, .ncoop = 2, .set_coop = true };
	assert_int_equal(store_assign(f->s, &boss2, &a2, &w, &e), ERR_OK);
	struct identity boss2_alone;
	ident(f, "boss2", &boss2_alone);
	assert_null(boss2_alone.actor);
	assert_int_equal(store_dept_rename(f->s, &boss2_alone, "省数改办", "省数字办", NULL, &w, &e), ERR_OK);
	expect_log(f, n,
	           "ed|task|3.2.3|progress|40|50||4\n"
	           "boss2|assignment|2.1.1|cooperating|-|省民政厅||3|by boss\n"
	           "boss2|department|省数字办|short|省数改办|省数字办||0");

	/* Acting as oneself is no acting: no actor. */
	struct identity self;
	assert_int_equal(session_identity_load(f->s, NULL, "boss", "boss", &self, &e), ERR_OK);
	assert_null(self.actor);
	identity_free(&self);

	/* An administrator who is no longer one may not go on acting as another,
	 * though the identity in hand says so. */
	assert_int_equal(store_user_set(f->s, &boss2_alone, "boss", AUTH_ROLE_VIEWER, NULL, 0, NULL, &w, &e), ERR_OK);
	n = log_count(f);
	err_clear(&e);
	assert_int_equal(set(f, &ed, "3.2.3", NULL, 60, NULL, 0, &w, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "boss is no longer an administrator"));
	assert_int_equal(log_count(f), n);
	assert_int_equal(task(f, "3.2.3").progress, 50);
	identity_free(&boss2_alone);
	identity_free(&boss2);
	identity_free(&devid);
	identity_free(&ed);
}

/* ---- the log is append-only ---------------------------------------------------------- */

static void
test_log_append_only(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	assert_int_equal(set(f, &f->ed, "3.2.3", "in_progress", 40, "x", 0, &w, &e), ERR_OK);
	int n = log_count(f);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	char *err = NULL;
	assert_int_not_equal(sqlite3_exec(db, "UPDATE changes SET who = 'nobody'", NULL, NULL, &err), SQLITE_OK);
	assert_non_null(strstr(err, "append-only"));
	sqlite3_free(err);
	err = NULL;
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM changes", NULL, NULL, &err), SQLITE_OK);
	assert_non_null(strstr(err, "append-only"));
	sqlite3_free(err);
	err = NULL;
	/* Users are deactivated, not deleted. */
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM users WHERE name = 'vi'", NULL, NULL, &err), SQLITE_OK);
	assert_non_null(strstr(err, "not deleted"));
	sqlite3_free(err);
	err = NULL;
	/* A change to a task without a new version is refused, so none escapes the log. */
	assert_int_not_equal(sqlite3_exec(db, "UPDATE tasks SET status = 'done', progress = 100 WHERE code = '3.2.3'",
	                                  NULL, NULL, &err), SQLITE_OK);
	assert_non_null(strstr(err, "raise the version"));
	sqlite3_free(err);
	sqlite3_close(db);
	assert_int_equal(log_count(f), n);
	assert_string_equal(task(f, "3.2.3").status, "in_progress");
}

/* ---- versions ---------------------------------------------------------------------------- */

static void
test_stale_version(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	/* Both read version 1; ed saves first. */
	assert_int_equal(set(f, &f->ed, "3.2.3", "in_progress", 30, NULL, 1, &w, &e), ERR_OK);
	char at[24];
	snprintf(at, sizeof at, "%s", w.at);
	int n = log_count(f);
	assert_int_equal(set(f, &f->ed2, "3.2.3", "blocked", 30, "资金未到位", 1, &w, &e), ERR_CONFLICT);
	assert_false(w.changed);
	char *want = xasprintf("3.2.3 was changed by ed at %s (now version 2, you had version 1)", at);
	assert_non_null(strstr(e.msg, want));
	free(want);
	assert_int_equal(log_count(f), n);
	struct task_now t = task(f, "3.2.3");
	assert_string_equal(t.status, "in_progress");
	assert_int_equal(t.version, 2);
	/* Based on the new version it goes through. */
	assert_int_equal(set(f, &f->ed2, "3.2.3", "blocked", 30, "资金未到位", 2, &w, &e), ERR_OK);
	assert_int_equal(w.version, 3);
	/* No version given: the current one. */
	assert_int_equal(set(f, &f->ed, "3.2.3", NULL, 35, NULL, 0, &w, &e), ERR_OK);
	assert_int_equal(w.version, 4);
}

/* ---- status rules and checks of the text ---------------------------------------------------- */

static void
test_status_rules(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	int n = log_count(f);
	/* done means 100 %. */
	assert_int_equal(set(f, &f->ed, "3.2.3", "done", -1, NULL, 0, &w, &e), ERR_OK);
	assert_int_equal(task(f, "3.2.3").progress, 100);
	assert_int_equal(set(f, &f->ed, "3.2.3", NULL, 50, NULL, 0, &w, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "100"));
	assert_int_equal(set(f, &f->ed, "3.2.4", "done", 60, NULL, 0, &w, &e), ERR_INVALID);
	/* cancelled needs a note (blank does not count). */
	assert_int_equal(set(f, &f->ed, "3.2.4", "cancelled", -1, NULL, 0, &w, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "needs a note"));
	assert_int_equal(set(f, &f->ed, "3.2.4", "cancelled", -1, " \n ", 0, &w, &e), ERR_INVALID);
	assert_int_equal(set(f, &f->ed, "3.2.4", "已取消", -1, "并入3.2.3", 0, &w, &e), ERR_OK);
	assert_string_equal(task(f, "3.2.4").status, "cancelled");
	/* Ranges, statuses, text. */
	assert_int_equal(set(f, &f->ed, "3.2.4", NULL, 101, NULL, 0, &w, &e), ERR_INVALID);
	assert_int_equal(set(f, &f->ed, "3.2.4", "finished", -1, NULL, 0, &w, &e), ERR_INVALID);
	assert_int_equal(set(f, &f->ed, "3.2.4", NULL, -1, "bad \xff byte", 0, &w, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "UTF-8"));
	assert_int_equal(set(f, &f->ed, "3.2.4", NULL, -1, "bell \a", 0, &w, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "control character"));
	char *big = xmalloc(STORE_NOTE_MAX * 3 + 4);
	big[0] = '\0';
	for (int i = 0; i <= STORE_NOTE_MAX; i++)
		strcat(big, "字");
	assert_int_equal(set(f, &f->ed, "3.2.4", NULL, -1, big, 0, &w, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "2001 characters"));
	big[STORE_NOTE_MAX * 3] = '\0';         /* exactly the limit */
	assert_int_equal(set(f, &f->ed, "3.2.4", NULL, -1, big, 0, &w, &e), ERR_OK);
	free(big);
	/* A multi-line note is fine. */
	assert_int_equal(set(f, &f->ed, "3.2.4", NULL, -1, "第一行\n第二行\t完", 0, &w, &e), ERR_OK);
	/* Nothing different: nothing written. */
	long long v = task(f, "3.2.3").version;
	assert_int_equal(set(f, &f->ed, "3.2.3", "done", 100, NULL, 0, &w, &e), ERR_OK);
	assert_false(w.changed);
	assert_int_equal(task(f, "3.2.3").version, v);
	/* Unknown task. */
	assert_int_equal(set(f, &f->ed, "9.9.9", "done", -1, NULL, 0, &w, &e), ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "9.9.9"));
	/* Rows: done+progress, cancelled (status row, with its note), the long note, the two-line note. */
	assert_int_equal(log_count(f), n + 5);
}

static void
test_permissions_in_store(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	int n = log_count(f);
	/* 2.1.1 is led by 省通信管理局: the housing editor may not touch it. */
	assert_int_equal(set(f, &f->ed, "2.1.1", "in_progress", -1, NULL, 0, &w, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "省通信管理局"));
	assert_int_equal(set(f, &f->ed, "2.1.1", NULL, -1, "note", 0, &w, &e), ERR_REFUSED);
	/* The cooperating department may note 3.2.3 but not set its status. */
	assert_int_equal(set(f, &f->coop_ed, "3.2.3", "done", -1, NULL, 0, &w, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "only cooperates"));
	/* A viewer, and an unknown user, may do nothing. */
	assert_int_equal(set(f, &f->viewer, "3.2.3", NULL, -1, "note", 0, &w, &e), ERR_REFUSED);
	struct identity stranger;
	ident(f, "stranger", &stranger);
	assert_int_equal(set(f, &stranger, "3.2.3", NULL, -1, "note", 0, &w, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "not a plancon user"));
	identity_free(&stranger);
	/* A role change takes effect on the next write, not the next login. */
	const char *none[] = { "省民政厅" };
	assert_int_equal(store_user_set(f->s, &f->admin, "ed2", AUTH_ROLE_EDITOR, none, 1, NULL, &w, &e), ERR_OK);
	assert_int_equal(set(f, &f->ed2, "3.2.3", NULL, 5, NULL, 0, &w, &e), ERR_REFUSED);
	assert_int_equal(log_count(f), n + 2);   /* only ed2's two department rows */
	assert_string_equal(task(f, "3.2.3").status, "not_started");
}

/* ---- upgrade from version 1 --------------------------------------------------------------------- */

static int
count_cb(const struct task_row *t, void *ctx)
{
	(void)t;
	(*(int *)ctx)++;
	return 0;
}

static int
on_change(const struct change_row *g, void *ctx)
{
	snprintf(ctx, 128, "%s|%s|%s", g->who, g->field, g->note ? g->note : "");
	return 0;
}

static void
test_upgrade_from_v1(void **state)
{
	(void)state;
	char dir[64], path[96];
	snprintf(dir, sizeof dir, "/tmp/plancon-upgrade.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/plan.db", dir);
	struct store *s;
	struct error e;
	/* A database as plancon version 1 made it, with the bundled plan ... */
	assert_int_equal(store_open_version(&s, path, STORE_CREATE, 1, &e), ERR_OK);
	store_close(s);
	/* ... and a change a version-1 program could have recorded. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	int user_version = 0;
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		user_version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	assert_int_equal(user_version, 1);
	/* (counted here: this plancon's task queries read the columns of today's schema) */
	int before = 0;
	sqlite3_prepare_v2(db, "SELECT count(*) FROM tasks", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		before = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	assert_true(before > 30);
	assert_int_equal(sqlite3_exec(db,
		"UPDATE tasks SET status = 'in_progress', progress = 20, version = 2, updated_by = 'old', "
		"updated_at = '2022-06-01T08:00:00Z' WHERE code = '3.2.3';"
		"INSERT INTO changes (at, who, kind, item, task_id, field, old, new, note) SELECT '2022-06-01T08:00:00Z', "
		"'old', 'task', '3.2.3', id, 'status', 'not_started', 'in_progress', '旧版本记录' FROM tasks WHERE code = '3.2.3';",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	/* Opening it with this plancon upgrades it in place, keeping everything. */
	assert_int_equal(store_open(&s, path, 0, &e), ERR_OK);
	int after = 0;
	assert_int_equal(store_tasks_each(s, NULL, 0, false, 0, count_cb, &after, &e), ERR_OK);
	assert_int_equal(after, before);
	struct task_now t = { 0 };
	assert_int_equal(store_task_get(s, "3.2.3", on_task, &t, &e), ERR_OK);
	assert_string_equal(t.status, "in_progress");
	assert_int_equal(t.progress, 20);
	assert_int_equal(t.version, 2);
	assert_string_equal(t.by, "old");
	assert_string_equal(t.lead, HOUSING);
	char last[128] = "";
	struct change_filter cf = { .code = "3.2.3" };
	assert_int_equal(store_changes_each(s, &cf, on_change, last, &e), ERR_OK);
	assert_string_equal(last, "old|status|旧版本记录");
	/* The new tables work, and the version-1 task keeps its version history. */
	assert_int_equal(store_init_admin(s, "root", "boss", &e), ERR_OK);
	struct config cfg;
	config_defaults(&cfg);
	struct identity boss;
	assert_int_equal(session_identity_load(s, NULL, "boss", NULL, &boss, &e), ERR_OK);
	assert_int_equal(boss.role, AUTH_ROLE_ADMIN);
	struct task_update u = { .code = "3.2.3", .progress = 25, .base_version = 2 };
	struct write_result w;
	assert_int_equal(store_task_update(s, &boss, &u, &w, &e), ERR_OK);
	assert_int_equal(w.version, 3);
	assert_int_equal(store_changes_each(s, &cf, on_change, last, &e), ERR_OK);
	assert_string_equal(last, "boss|progress|");
	identity_free(&boss);
	config_free(&cfg);
	store_close(s);

	/* The file now says the latest version. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		user_version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_int_equal(user_version, store_schema_version());
	assert_true(store_schema_version() >= 2);
	remove_db(dir, path);
}

static void
count_problem(const char *problem, void *ctx)
{
	(void)problem;
	(*(int *)ctx)++;
}

/* A database of version 6, before the log knew who really made a change:
 * upgraded, its old rows name who alone, the new triggers name both, and
 * plancon check finds nothing wrong with it. */
static void
test_upgrade_from_v6(void **state)
{
	(void)state;
	char dir[64], path[96];
	snprintf(dir, sizeof dir, "/tmp/plancon-upgrade6.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/plan.db", dir);
	struct store *s;
	struct error e;
	assert_int_equal(store_open_version(&s, path, STORE_CREATE, 6, &e), ERR_OK);
	store_close(s);
	/* An administrator and a change as a version-6 plancon wrote them: its
	 * triggers write the log. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"INSERT INTO users (name, role, updated_by) VALUES ('boss', 'admin', 'root');"
		"UPDATE tasks SET status = 'in_progress', progress = 20, version = 2, updated_by = 'boss', "
		"note = '第六版' WHERE code = '3.2.3'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(store_open(&s, path, 0, &e), ERR_OK);
	struct config cfg;
	config_defaults(&cfg);
	struct identity ed;
	const char *d1[] = { HOUSING };
	struct identity boss;
	assert_int_equal(session_identity_load(s, NULL, "boss", NULL, &boss, &e), ERR_OK);
	assert_int_equal(store_user_set(s, &boss, "ed", AUTH_ROLE_EDITOR, d1, 1, NULL, NULL, &e), ERR_OK);
	assert_int_equal(session_identity_load(s, NULL, "ed", "boss", &ed, &e), ERR_OK);
	struct task_update u = { .code = "3.2.3", .progress = 30, .base_version = 2 };
	struct write_result w;
	assert_int_equal(store_task_update(s, &ed, &u, &w, &e), ERR_OK);
	struct rows *r = xcalloc(1, sizeof *r);
	struct change_filter lf = { .code = "3.2.3" };
	assert_int_equal(store_changes_each(s, &lf, collect, r, &e), ERR_OK);
	assert_int_equal(r->n, 3);
	assert_string_equal(r->line[0], "boss|task|3.2.3|status|not_started|in_progress|第六版|2");
	assert_string_equal(r->line[2], "ed|task|3.2.3|progress|20|30||3|by boss");
	free(r);
	identity_free(&ed);
	identity_free(&boss);
	config_free(&cfg);
	store_close(s);

	int problems = -1, seen = 0;
	assert_int_equal(store_verify(path, count_problem, &seen, &problems, &e), ERR_OK);
	assert_int_equal(problems, 0);
	assert_int_equal(seen, 0);
	remove_db(dir, path);
}

/* The first rows of a change list (only their ids, task ids and versions
 * are kept: the strings last only during the call). */
struct kept {
	struct change_row *rows;
	int max, *n;
};

static int
keep_change(const struct change_row *g, void *ctx)
{
	struct kept *k = ctx;
	if (*k->n < k->max)
		k->rows[*k->n] = (struct change_row){ .id = g->id, .task_id = g->task_id, .version = g->version };
	(*k->n)++;
	return 0;
}

/* The log read back by filter. */
static void
test_log_filters(void **state)
{
	struct fixture *f = *state;
	struct error e;
	struct write_result w;
	assert_int_equal(set(f, &f->ed, "3.2.3", "in_progress", 10, NULL, 0, &w, &e), ERR_OK);
	assert_int_equal(set(f, &f->admin, "2.1.1", NULL, -1, "admin note", 0, &w, &e), ERR_OK);
	struct rows r = { 0 };
	struct change_filter lf = { .code = "3.2.3" };
	assert_int_equal(store_changes_each(f->s, &lf, collect, &r, &e), ERR_OK);
	assert_int_equal(r.n, 2);
	memset(&r, 0, sizeof r);
	lf = (struct change_filter){ .dept = HOUSING };
	assert_int_equal(store_changes_each(f->s, &lf, collect, &r, &e), ERR_OK);
	assert_int_equal(r.n, 2);
	memset(&r, 0, sizeof r);
	lf = (struct change_filter){ .since = "2999-01-01" };
	assert_int_equal(store_changes_each(f->s, &lf, collect, &r, &e), ERR_OK);
	assert_int_equal(r.n, 0);
	lf = (struct change_filter){ .code = "0.0" };
	assert_int_equal(store_changes_each(f->s, &lf, collect, &r, &e), ERR_NOT_FOUND);
	lf = (struct change_filter){ .dept = "省无此厅" };
	assert_int_equal(store_changes_each(f->s, &lf, collect, &r, &e), ERR_NOT_FOUND);
	/* The same reader serves the detail pane: one task by id, the latest
	 * first, each row with its task and the task's version. */
	assert_int_equal(set(f, &f->ed, "3.2.3", NULL, 20, NULL, 0, &w, &e), ERR_OK);
	struct change_row last[2];
	int n = 0;
	lf = (struct change_filter){ .code = "3.2.3" };
	assert_int_equal(store_changes_each(f->s, &lf, keep_change, &(struct kept){ last, 2, &n }, &e), ERR_OK);
	assert_int_equal(n, 3);
	long long task_id = last[0].task_id, first_id = last[0].id;
	assert_true(task_id > 0);
	n = 0;
	lf = (struct change_filter){ .task_id = task_id, .limit = 2 };
	assert_int_equal(store_changes_each(f->s, &lf, keep_change, &(struct kept){ last, 2, &n }, &e), ERR_OK);
	assert_int_equal(n, 2);
	assert_true(last[0].id > last[1].id && last[1].id > first_id);
	assert_int_equal(last[0].version, w.version);
	assert_int_equal(last[0].task_id, task_id);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_audit_task),
		T(test_audit_milestone),
		T(test_audit_assignment),
		T(test_audit_actual),
		T(test_actual_log_text),
		T(test_audit_users_and_departments),
		T(test_last_admin),
		T(test_audit_acting_for),
		T(test_log_append_only),
		T(test_stale_version),
		T(test_status_rules),
		T(test_permissions_in_store),
		T(test_log_filters),
		cmocka_unit_test(test_upgrade_from_v1),
		cmocka_unit_test(test_upgrade_from_v6),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
