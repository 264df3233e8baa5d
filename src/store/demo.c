/* store_demo: the demo plan. The plan file can carry a task's status,
 * progress, version and note, a milestone's state, recorded indicator
 * values and a change history, and store_import loads them as they are
 * (importing is not a change, so the audit triggers stay quiet and the
 * history keeps its own times). So the demo is the bundled plan rewritten
 * with SQLite's JSON functions, then imported like any plan file.
 *
 * Everything is derived from each task's place in the plan: no clock, no
 * random numbers, so every build makes the same demo. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/store_demo.h"
#include "plancon/xalloc.h"

/* ---- rewriting the document ------------------------------------------------ */

struct doc {
	struct store *s;
	char *json;
	struct error *e;
	enum err_code code;
};

enum { ARG_TEXT, ARG_INT, ARG_JSON, ARG_REAL };
struct arg {
	int kind;
	const char *text;
	long long i;
	double d;
};
#define T(s) ((struct arg){ .kind = ARG_TEXT, .text = (s) })
#define I(n) ((struct arg){ .kind = ARG_INT, .i = (n) })
#define R(n) ((struct arg){ .kind = ARG_REAL, .d = (n) })

/* doc->json = the result of sql (?1 the document, ?2... the args). */
static void
rewrite(struct doc *d, const char *sql, int n, const struct arg *args)
{
	if (d->code)
		return;
	sqlite3_stmt *st = store_stmt(d->s, sql, d->e);
	if (!st) {
		d->code = d->e ? d->e->code : ERR_DB;
		return;
	}
	sqlite3_bind_text(st, 1, d->json, -1, SQLITE_STATIC);
	for (int i = 0; i < n; i++) {
		switch (args[i].kind) {
		case ARG_TEXT: store_bind_text(st, i + 2, args[i].text); break;
		case ARG_INT: sqlite3_bind_int64(st, i + 2, args[i].i); break;
		case ARG_REAL: sqlite3_bind_double(st, i + 2, args[i].d); break;
		}
	}
	if (sqlite3_step(st) == SQLITE_ROW && store_col(st, 0)) {
		char *r = xstrdup(store_col(st, 0));
		sqlite3_reset(st);
		free(d->json);
		d->json = r;
		return;
	}
	d->code = store_fail(d->s, d->e, _("making the demo plan"));
	sqlite3_reset(st);
}

/* ---- the simulated history --------------------------------------------------- */

struct change {
	char at[21];
	const char *who, *kind;
	char item[32], field[32], old[16], new_value[16];
	const char *note;
	int version;               /* 0: none */
};

struct history {
	struct change *v;
	int n, cap;
};

static struct change *
change_add(struct history *h)
{
	if (h->n == h->cap) {
		h->cap = h->cap * 2 + 64;
		h->v = xrealloc(h->v, (size_t)h->cap * sizeof *h->v);
	}
	struct change *c = &h->v[h->n++];
	memset(c, 0, sizeof *c);
	return c;
}

static int
by_time(const void *a, const void *b)
{
	return strcmp(((const struct change *)a)->at, ((const struct change *)b)->at);
}

static const char *const people[] = { "wang.li", "zhang.min", "liu.yang", "chen.jing", "zhao.lei" };

/* One step of a task: its new status and progress at a date. */
struct step {
	char at[21];
	const char *status;
	int progress;
	const char *note;
};

struct task {
	int index;
	char *code, *due, *document;
	int n_milestones;
	/* the simulated end state */
	struct step steps[4];
	int nsteps;
	bool action;               /* of the three-year action plan (due 2023-12-31) */
	int action_no;             /* its ordinal among those */
};

static void
stamp(char out[21], int year, int month, int day, int hour)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00Z", year % 10000, month % 100, day % 100, hour % 24,
	         (hour * 7) % 60);
	memcpy(out, buf, 20);
	out[20] = '\0';
}

static void
step(struct task *t, int year, int month, int day, const char *status, int progress, const char *note)
{
	if (t->nsteps >= 4)
		return;
	struct step *s = &t->steps[t->nsteps++];
	stamp(s->at, year, month, day, 9 + t->index % 8);
	s->status = status;
	s->progress = progress;
	s->note = note;
}

/* What simulate remembers from one task to the next. */
struct sim_state {
	int action_no;             /* action plan tasks seen */
	bool cancelled;            /* one task has been cancelled */
};

/* Decide a task's story from its place in the plan. The action plan's
 * tasks (due at the end of 2023) mostly finished; a few ran late, one is
 * blocked; the long-term ones are under way; one task was cancelled. */
static void
simulate(struct task *t, struct sim_state *st)
{
	/* by the action plan task's ordinal: D done, L late, B blocked, E ending */
	static const char pattern[] = "DLDDBDEDLDD";
	int i = t->index, m = 3 + (i * 5) % 9, d = 1 + (i * 7) % 27;
	t->action = t->due && !strcmp(t->due, "2023-12-31");
	if (t->action) {
		t->action_no = st->action_no++;
		step(t, 2021, m, d, "in_progress", 15, "（演示）启动实施，制定年度工作方案");
		switch (pattern[t->action_no % (int)(sizeof pattern - 1)]) {
		case 'D':
			step(t, 2022, m, d, "in_progress", 60, "（演示）主要工程开工，进度过半");
			step(t, 2023, 11, d, "done", 100, "（演示）全面完成三年行动目标");
			break;
		case 'L':
			step(t, 2022, m, d, "in_progress", 45, "（演示）按计划推进");
			step(t, 2023, 12, d, "in_progress", 70, "（演示）受项目审批影响，进度滞后");
			break;
		case 'B':
			step(t, 2022, m, d, "in_progress", 40, "（演示）按计划推进");
			step(t, 2023, 6, d, "blocked", 40, "（演示）用地指标未落实，暂停推进");
			break;
		default:
			step(t, 2022, m, d, "in_progress", 55, "（演示）按计划推进");
			step(t, 2024, 3, d, "in_progress", 85, "（演示）收尾阶段，待验收");
			break;
		}
	} else if (t->due && !strncmp(t->due, "2025", 4)) {
		step(t, 2022, m, d, "in_progress", 10, "（演示）启动实施");
		step(t, 2023, m, d, "in_progress", 30 + (i * 11) % 20, "（演示）阶段进展");
		step(t, 2024, 1 + i % 5, d, "in_progress", 45 + (i * 13) % 30, "（演示）按计划推进");
	} else if (t->due) {
		step(t, 2022, m, d, "in_progress", 5, "（演示）启动实施");
		step(t, 2024, 1 + i % 5, d, "in_progress", 10 + (i * 7) % 25, "（演示）阶段进展");
	} else if (i % 5 == 0) {
		/* not started */
	} else if (i % 5 == 3 && !st->cancelled) {
		st->cancelled = true;
		step(t, 2022, m, d, "cancelled", 0, "（演示）职责调整，任务并入相关事项统筹推进");
	} else {
		step(t, 2022, m, d, "in_progress", 10, "（演示）启动实施");
		step(t, 2024, 1 + i % 5, d, "in_progress", 20 + (i * 9) % 40, "（演示）阶段进展");
	}
}

static void
task_changes(struct history *h, const struct task *t)
{
	const char *status = "not_started";
	int progress = 0;
	for (int k = 0; k < t->nsteps; k++) {
		const struct step *s = &t->steps[k];
		const char *who = people[(t->index + k) % 5];
		if (strcmp(s->status, status)) {
			struct change *c = change_add(h);
			memcpy(c->at, s->at, sizeof c->at);
			c->who = who;
			c->kind = "task";
			snprintf(c->item, sizeof c->item, "%s", t->code);
			snprintf(c->field, sizeof c->field, "status");
			snprintf(c->old, sizeof c->old, "%s", status);
			snprintf(c->new_value, sizeof c->new_value, "%s", s->status);
			c->note = s->note;
			c->version = k + 2;
		}
		if (s->progress != progress) {
			struct change *c = change_add(h);
			memcpy(c->at, s->at, sizeof c->at);
			c->who = who;
			c->kind = "task";
			snprintf(c->item, sizeof c->item, "%s", t->code);
			snprintf(c->field, sizeof c->field, "progress");
			snprintf(c->old, sizeof c->old, "%d", progress);
			snprintf(c->new_value, sizeof c->new_value, "%d", s->progress);
			c->note = strcmp(s->status, status) ? "" : s->note;
			c->version = k + 2;
		}
		status = s->status;
		progress = s->progress;
	}
}

/* A milestone's state: done when the task had got far enough by the end of
 * its period, missed when the task is blocked, else pending. */
static const char *
milestone_state(const struct task *t, int year, int quarter, char at[21])
{
	char end[11];
	snprintf(end, sizeof end, "%04d-%02d-28", year, quarter ? quarter * 3 : 12);
	const char *last = "not_started";
	int progress = 0;
	for (int k = 0; k < t->nsteps; k++) {
		if (strncmp(t->steps[k].at, end, 10) > 0)
			break;
		last = t->steps[k].status;
		progress = t->steps[k].progress;
	}
	stamp(at, year, quarter ? quarter * 3 : 12, 20, 10 + t->index % 7);
	if (!strcmp(last, "done"))
		return "done";
	if (year <= 2023 && t->nsteps && !strcmp(t->steps[t->nsteps - 1].status, "blocked") && year == 2023)
		return "missed";
	if (year < 2023 && progress >= 10)
		return "done";
	return "pending";
}

static void
milestone_change(struct history *h, const struct task *t, int year, int quarter, const char *state, const char *at)
{
	if (!strcmp(state, "pending"))
		return;
	struct change *c = change_add(h);
	memcpy(c->at, at, 21);
	c->who = people[(t->index + year) % 5];
	c->kind = "milestone";
	snprintf(c->item, sizeof c->item, "%s", t->code);
	if (quarter)
		snprintf(c->field, sizeof c->field, "milestone %d-Q%d", year, quarter);
	else
		snprintf(c->field, sizeof c->field, "milestone %d", year);
	snprintf(c->old, sizeof c->old, "pending");
	snprintf(c->new_value, sizeof c->new_value, "%s", state);
	c->note = !strcmp(state, "done") ? "（演示）达到阶段目标" : "（演示）未按期完成";
}

/* ---- the indicators' simulated values --------------------------------------- */

struct sim_value {
	int year;
	double value;
};
/* by indicator, in plan order */
static const struct sim_value sim_values[][4] = {
	{ { 2021, 63.9 }, { 2022, 64.5 }, { 2023, 65.5 }, { 0, 0 } },
	{ { 2022, 76 }, { 2023, 91 }, { 0, 0 } },
	{ { 2023, 32 }, { 0, 0 } },
	{ { 2022, 1800 }, { 2023, 3200 }, { 0, 0 } },
	{ { 2021, 2.33 }, { 2022, 2.29 }, { 2023, 2.26 }, { 0, 0 } },
};

/* ---- putting it together ------------------------------------------------------ */

static char *
path(const char *fmt, int i, const char *field)
{
	return xasprintf(fmt, i, field);
}

static void
set_task(struct doc *d, const struct task *t)
{
	static const char sql[] =
		"SELECT json_set(?1, ?2 || '.status', ?3, ?2 || '.progress', ?4, ?2 || '.version', ?5, "
		"?2 || '.updated_at', ?6, ?2 || '.updated_by', ?7, ?2 || '.note', ?8)";
	if (!t->nsteps)
		return;
	const struct step *s = &t->steps[t->nsteps - 1];
	char *p = xasprintf("$.tasks[%d]", t->index);
	struct arg a[] = { T(p), T(s->status), I(s->progress), I(t->nsteps + 1), T(s->at),
	                   T(people[(t->index + t->nsteps - 1) % 5]), T(s->note) };
	rewrite(d, sql, 7, a);
	free(p);
}

static void
add_milestone(struct doc *d, struct history *h, const struct task *t, int year, int quarter, const char *target)
{
	static const char sql[] =
		"SELECT json_insert(CASE WHEN json_type(?1, ?2) IS NULL THEN json_set(?1, ?2, json('[]')) ELSE ?1 END, "
		"?2 || '[#]', json_object('year', ?3, 'quarter', ?4, 'target', ?5, 'status', ?6, "
		"'updated_at', ?7, 'updated_by', ?8))";
	char at[21];
	const char *state = milestone_state(t, year, quarter, at);
	bool set = strcmp(state, "pending");
	char *p = xasprintf("$.tasks[%d].milestones", t->index);
	struct arg a[] = { T(p), I(year), quarter ? I(quarter) : T(NULL), T(target), T(state), T(set ? at : NULL),
	                   T(set ? people[(t->index + year) % 5] : NULL) };
	rewrite(d, sql, 7, a);
	free(p);
	milestone_change(h, t, year, quarter, state, at);
}

static void
set_milestones(struct doc *d, struct history *h, struct task *t)
{
	static const char sql[] =
		"SELECT json_set(?1, ?2 || '.status', ?3, ?2 || '.updated_at', ?4, ?2 || '.updated_by', ?5)";
	static const char years[] =
		"SELECT key, json_extract(value, '$.year'), ifnull(json_extract(value, '$.quarter'), 0) "
		"FROM json_each(?1, ?2)";
	/* the plan's own milestones */
	char *p = xasprintf("$.tasks[%d].milestones", t->index);
	struct { int key, year, quarter; } ms[16];
	int n = 0;
	sqlite3_stmt *st = store_stmt(d->s, years, d->e);
	if (!st) {
		d->code = d->e ? d->e->code : ERR_DB;
		free(p);
		return;
	}
	sqlite3_bind_text(st, 1, d->json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p, -1, SQLITE_STATIC);
	while (n < 16 && sqlite3_step(st) == SQLITE_ROW) {
		ms[n].key = sqlite3_column_int(st, 0);
		ms[n].year = sqlite3_column_int(st, 1);
		ms[n].quarter = sqlite3_column_int(st, 2);
		n++;
	}
	sqlite3_reset(st);
	for (int k = 0; k < n; k++) {
		char at[21];
		const char *state = milestone_state(t, ms[k].year, ms[k].quarter, at);
		if (!strcmp(state, "pending"))
			continue;
		char *mp = xasprintf("%s[%d]", p, ms[k].key);
		struct arg a[] = { T(mp), T(state), T(at), T(people[(t->index + ms[k].year) % 5]) };
		rewrite(d, sql, 4, a);
		free(mp);
		milestone_change(h, t, ms[k].year, ms[k].quarter, state, at);
	}
	free(p);
	/* simulated milestones for the action plan's first two years; two
	 * tasks have theirs by quarter, as a roadmap may */
	if (t->action && t->nsteps) {
		add_milestone(d, h, t, 2021, 0, "（演示）制定实施方案，启动重点项目");
		if (t->action_no == 0 || t->action_no == 3) {
			add_milestone(d, h, t, 2022, 2, "（演示）上半年重点项目开工");
			add_milestone(d, h, t, 2022, 4, "（演示）完成年度阶段目标");
		} else {
			add_milestone(d, h, t, 2022, 0, "（演示）完成年度阶段目标");
		}
	}
}

static void
add_changes(struct doc *d, struct history *h)
{
	static const char init[] = "SELECT json_set(?1, '$.changes', json('[]'))";
	static const char add[] =
		"SELECT json_insert(?1, '$.changes[#]', json_object('at', ?2, 'who', ?3, 'kind', ?4, 'item', ?5, "
		"'task', ?5, 'field', ?6, 'old', ?7, 'new', ?8, 'note', ?9, 'version', ?10))";
	static const char add_unversioned[] =
		"SELECT json_insert(?1, '$.changes[#]', json_object('at', ?2, 'who', ?3, 'kind', ?4, 'item', ?5, "
		"'task', ?5, 'field', ?6, 'old', ?7, 'new', ?8, 'note', ?9))";
	rewrite(d, init, 0, NULL);
	if (h->n > 1)
		qsort(h->v, (size_t)h->n, sizeof *h->v, by_time);
	for (int i = 0; i < h->n; i++) {
		const struct change *c = &h->v[i];
		struct arg a[] = { T(c->at), T(c->who), T(c->kind), T(c->item), T(c->field), T(c->old), T(c->new_value),
		                   T(c->note), I(c->version) };
		if (c->version)
			rewrite(d, add, 9, a);
		else
			rewrite(d, add_unversioned, 8, a);
	}
}

static void
add_actuals(struct doc *d)
{
	static const char sql[] =
		"SELECT json_insert(CASE WHEN json_type(?1, ?2) IS NULL THEN json_set(?1, ?2, json('[]')) ELSE ?1 END, "
		"?2 || '[#]', json_object('year', ?3, 'value', ?4, 'recorded_at', ?5, 'recorded_by', 'demo-admin'))";
	static const char count[] = "SELECT json_array_length(?1, '$.indicators')";
	sqlite3_stmt *st = store_stmt(d->s, count, d->e);
	if (!st) {
		d->code = d->e ? d->e->code : ERR_DB;
		return;
	}
	sqlite3_bind_text(st, 1, d->json, -1, SQLITE_STATIC);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	int nsim = (int)(sizeof sim_values / sizeof sim_values[0]);
	for (int i = 0; i < n && i < nsim; i++) {
		char *p = path("$.indicators[%d].actuals%s", i, "");
		for (int k = 0; k < 4 && sim_values[i][k].year; k++) {
			char at[21];
			stamp(at, sim_values[i][k].year + 1, 2, 15, 9);
			struct arg a[] = { T(p), I(sim_values[i][k].year), R(sim_values[i][k].value), T(at) };
			rewrite(d, sql, 4, a);
		}
		free(p);
	}
}

enum err_code
store_demo_plan(struct store *s, const char *plan, char **out, struct error *e)
{
	static const char tasks_sql[] =
		"SELECT key, json_extract(value, '$.code'), json_extract(value, '$.due'), json_extract(value, '$.document') "
		"FROM json_each(?1, '$.tasks') ORDER BY key";
	static const char top[] =
		"SELECT json_set(?1, '$.demo', json('true'), '$.about', ?2)";
	*out = NULL;
	struct doc d = { .s = s, .json = xstrdup(plan), .e = e };
	struct task *t = NULL;
	int n = 0;
	sqlite3_stmt *st = store_stmt(s, tasks_sql, e);
	if (!st) {
		free(d.json);
		return e ? e->code : ERR_DB;
	}
	sqlite3_bind_text(st, 1, d.json, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = xrealloc(t, (size_t)(n + 1) * sizeof *t);
		t[n] = (struct task){ .index = sqlite3_column_int(st, 0), .code = xstrdup(store_col(st, 1) ? store_col(st, 1) : ""),
		                      .due = store_col(st, 2) ? xstrdup(store_col(st, 2)) : NULL,
		                      .document = xstrdup(store_col(st, 3) ? store_col(st, 3) : "") };
		n++;
	}
	if (rc != SQLITE_DONE)
		d.code = store_fail(s, e, _("reading the plan"));
	sqlite3_reset(st);

	struct history h = { 0 };
	struct sim_state sim = { 0 };
	for (int i = 0; i < n && !d.code; i++) {
		simulate(&t[i], &sim);
		set_task(&d, &t[i]);
		set_milestones(&d, &h, &t[i]);
		task_changes(&h, &t[i]);
	}
	add_actuals(&d);
	add_changes(&d, &h);
	struct arg a[] = { T("演示数据（DEMO）：各任务的状态、进度、里程碑、指标数值和变更记录均为模拟，"
	                     "不是真实进展。真实数据请使用正式数据库。") };
	rewrite(&d, top, 1, a);

	for (int i = 0; i < n; i++) {
		free(t[i].code);
		free(t[i].due);
		free(t[i].document);
	}
	free(t);
	free(h.v);
	if (d.code) {
		free(d.json);
		return d.code;
	}
	*out = d.json;
	return ERR_OK;
}
