/* store_demo: the demo plan. The plan file can carry a task's status,
 * progress, version and note, a milestone's state, recorded indicator
 * values and a change history, and store_import loads them as they are
 * (importing is not a change, so the audit triggers stay quiet and the
 * history keeps its own times). So the demo is the bundled plan rewritten
 * with SQLite's JSON functions, then imported like any plan file.
 *
 * Nothing here knows the bundled plan. The demo's years come from the plan
 * itself: its first and last year (the documents' years, else the tasks'
 * due dates and milestones), and a "present" in the middle of it, the year
 * after the first document or task falls due. Tasks due before the present
 * mostly finished (a few late, one blocked); those due soon after are well
 * under way; long-term ones have started, a few not yet, one cancelled.
 * Everything else follows from each task's place in the plan: no clock, no
 * random numbers, so the same plan always makes the same demo. */
#include "demo.h"

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

/* doc->json = the result of sql (?1 the document, ?2... the args). */
static void
rewrite(struct doc *d, const char *sql, int n, const struct arg *args)
{
	if (d->code)
		return;
	sqlite3_stmt *st = store_stmt(d->s, sql, d->e);
	if (!st) {
		d->code = d->e->code;
		return;
	}
	sqlite3_bind_text(st, 1, d->json, -1, SQLITE_STATIC);
	demo_bind(st, 2, n, args);
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

void
demo_bind(sqlite3_stmt *st, int first, int n, const struct arg *args)
{
	for (int i = 0; i < n; i++) {
		switch (args[i].kind) {
		case ARG_TEXT: store_bind_text(st, first + i, args[i].text); break;
		case ARG_INT: sqlite3_bind_int64(st, first + i, args[i].i); break;
		case ARG_REAL: sqlite3_bind_double(st, first + i, args[i].d); break;
		}
	}
}

/* ---- the plan's years ----------------------------------------------------------- */

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms),
 * so that steps can be a month before a due date or a day after another. */
long
demo_days(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
demo_civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int(st, i);
}

enum err_code
demo_timeline(struct store *s, const char *json, struct timeline *tl, struct error *e)
{
	static const char sql[] =
		"SELECT (SELECT min(json_extract(value, '$.years[0]')) FROM json_each(?1, '$.documents')), "
		"(SELECT max(json_extract(value, '$.years[1]')) FROM json_each(?1, '$.documents')), "
		"(SELECT min(json_extract(value, '$.years[1]')) FROM json_each(?1, '$.documents')), "
		"(SELECT min(CAST(substr(json_extract(value, '$.issued'), 1, 4) AS INTEGER)) FROM json_each(?1, '$.documents')), "
		"(SELECT min(CAST(substr(json_extract(value, '$.due'), 1, 4) AS INTEGER)) FROM json_each(?1, '$.tasks')), "
		"(SELECT max(CAST(substr(json_extract(value, '$.due'), 1, 4) AS INTEGER)) FROM json_each(?1, '$.tasks')), "
		"(SELECT min(json_extract(m.value, '$.year')) FROM json_each(?1, '$.tasks') t, json_each(t.value, '$.milestones') m), "
		"(SELECT max(json_extract(m.value, '$.year')) FROM json_each(?1, '$.tasks') t, json_each(t.value, '$.milestones') m)";
	static const char valid[] = "SELECT json_valid(?1) AND json_type(?1) = 'object'";
	sqlite3_stmt *st = store_stmt(s, valid, e);
	if (!st)
		return e->code;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	bool ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (!ok)
		return err_set(e, ERR_INVALID, _("plan file: not valid JSON, or not a JSON object"));
	if (!(st = store_stmt(s, sql, e)))
		return e->code;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		enum err_code c = store_fail(s, e, _("reading the plan"));
		sqlite3_reset(st);
		return c;
	}
	int doc_first = col_int(st, 0), doc_last = col_int(st, 1), doc_end = col_int(st, 2), issued = col_int(st, 3);
	int due_first = col_int(st, 4), due_last = col_int(st, 5), ms_first = col_int(st, 6), ms_last = col_int(st, 7);
	sqlite3_reset(st);
	/* the first year: the documents', else when they were issued, else
	 * a little before the first date in the plan */
	int first = doc_first ? doc_first : issued;
	if (!first) {
		int y = due_first && (!ms_first || due_first < ms_first) ? due_first : ms_first;
		first = y ? y - 2 : 2000;
	}
	int last = doc_last;
	if (!last)
		last = due_last > ms_last ? due_last : ms_last;
	if (last <= first)
		last = first + 10;
	/* the present: the year after the first document or task ends, when
	 * that leaves some of the plan ahead; else a third of the way in */
	int end = doc_end;
	if (due_first && (!end || due_first < end))
		end = due_first;
	int present = end + 1;
	if (!end || present >= last || present <= first)
		present = first + (last - first + 2) / 3;
	if (present <= first)
		present = first + 1;
	*tl = (struct timeline){ .first = first, .last = last, .present = present };
	return ERR_OK;
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
	long day;                  /* demo_days */
	const char *status;
	int progress;
	const char *note;
};

struct task {
	int index;
	char *code;
	int start;                 /* first year of its document, 0: not given */
	int due_y, due_m, due_d;   /* 0: no due date */
	/* the simulated end state */
	struct step steps[4];
	int nsteps;
	bool past_due;             /* due before the demo's present */
	int past_no;               /* its ordinal among those */
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

/* A step at year-month-day, or, if that is before the task's document
 * starts, that year; never before the step before it. */
static void
step(struct task *t, int year, int month, int day, const char *status, int progress, const char *note)
{
	if (t->nsteps >= 4)
		return;
	if (month < 1) {
		month += 12;
		year--;
	}
	if (t->start && year < t->start)
		year = t->start;
	long n = demo_days(year, month, day);
	if (t->nsteps && n <= t->steps[t->nsteps - 1].day)
		n = t->steps[t->nsteps - 1].day + 1;
	struct step *s = &t->steps[t->nsteps++];
	s->day = n;
	demo_civil(n, &year, &month, &day);
	stamp(s->at, year, month, day, 9 + t->index % 8);
	s->status = status;
	s->progress = progress;
	s->note = note;
}

/* What simulate remembers from one task to the next. */
struct sim_state {
	int past_no;               /* tasks due before the present seen */
	int long_no;               /* long-term tasks seen */
	bool cancelled;            /* one task has been cancelled */
};

/* Decide a task's story from its place in the plan and its due date
 * against the demo's present. */
static void
simulate(struct task *t, struct sim_state *st, const struct timeline *tl)
{
	/* by the ordinal of a task due before the present: D done, L late,
	 * B blocked, E ending */
	static const char pattern[] = "DLDDBDEDLDD";
	int i = t->index, m = 3 + (i * 5) % 9, d = 1 + (i * 7) % 27;
	int now = tl->present, start = t->start ? t->start : tl->first;
	if (start > now)
		return;                /* its document has not begun */
	t->past_due = t->due_y && t->due_y < now;
	if (t->past_due) {
		int dy = t->due_y, dm = t->due_m, half = start + (dy - start) / 2;
		t->past_no = st->past_no++;
		step(t, start, m, d, "in_progress", 15, "（演示）启动实施，制定年度工作方案");
		switch (pattern[t->past_no % (int)(sizeof pattern - 1)]) {
		case 'D':
			step(t, half, m, d, "in_progress", 60, "（演示）主要工程开工，进度过半");
			step(t, dy, dm - 1, d, "done", 100, "（演示）全面完成任务目标");
			break;
		case 'L':
			step(t, half, m, d, "in_progress", 45, "（演示）按计划推进");
			step(t, dy, dm, d < t->due_d ? d : t->due_d, "in_progress", 70, "（演示）受项目审批影响，进度滞后");
			break;
		case 'B':
			step(t, half, m, d, "in_progress", 40, "（演示）按计划推进");
			step(t, dy, dm - 6, d, "blocked", 40, "（演示）用地指标未落实，暂停推进");
			break;
		default:
			step(t, half, m, d, "in_progress", 55, "（演示）按计划推进");
			step(t, now, 3, d, "in_progress", 85, "（演示）收尾阶段，待验收");
			break;
		}
	} else if (t->due_y && t->due_y - now <= (tl->last - now) / 2) {
		step(t, now - 2, m, d, "in_progress", 10, "（演示）启动实施");
		step(t, now - 1, m, d, "in_progress", 30 + (i * 11) % 20, "（演示）阶段进展");
		step(t, now, 1 + i % 5, d, "in_progress", 45 + (i * 13) % 30, "（演示）按计划推进");
	} else if (t->due_y) {
		int k = st->long_no++;
		if (k % 4 == 1)
			return;            /* not started */
		if (k % 4 == 2 && !st->cancelled) {
			st->cancelled = true;
			step(t, now - 2, m, d, "cancelled", 0, "（演示）职责调整，任务并入相关事项统筹推进");
			return;
		}
		step(t, now - 2, m, d, "in_progress", 5, "（演示）启动实施");
		step(t, now, 1 + i % 5, d, "in_progress", 10 + (i * 7) % 25, "（演示）阶段进展");
	} else if (i % 5 == 0) {
		/* not started */
	} else if (i % 5 == 3 && !st->cancelled) {
		st->cancelled = true;
		step(t, now - 2, m, d, "cancelled", 0, "（演示）职责调整，任务并入相关事项统筹推进");
	} else {
		step(t, now - 2, m, d, "in_progress", 10, "（演示）启动实施");
		step(t, now, 1 + i % 5, d, "in_progress", 20 + (i * 9) % 40, "（演示）阶段进展");
	}
}

/* A step's status as the plan file records it: a task's "done" from the
 * cycle's start on is reported done and then verified by the office
 * (demo_cycle.c), so until then it is in progress at 100 %. */
static const char *
recorded_status(const struct step *s, const struct timeline *tl)
{
	if (!strcmp(s->status, "done") && atoi(s->at) >= DEMO_CYCLE_YEAR(tl))
		return "in_progress";
	return s->status;
}

static void
task_changes(struct history *h, const struct task *t, const struct timeline *tl)
{
	const char *status = "not_started";
	int progress = 0;
	for (int k = 0; k < t->nsteps; k++) {
		const struct step *s = &t->steps[k];
		const char *who = people[(t->index + k) % 5], *now = recorded_status(s, tl);
		if (strcmp(now, status)) {
			struct change *c = change_add(h);
			memcpy(c->at, s->at, sizeof c->at);
			c->who = who;
			c->kind = "task";
			snprintf(c->item, sizeof c->item, "%s", t->code);
			snprintf(c->field, sizeof c->field, "status");
			snprintf(c->old, sizeof c->old, "%s", status);
			snprintf(c->new_value, sizeof c->new_value, "%s", now);
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
			c->note = strcmp(now, status) ? "" : s->note;
			c->version = k + 2;
		}
		status = now;
		progress = s->progress;
	}
}

/* A milestone's state: done when the task had got far enough by the end of
 * its period; missed when the task got blocked before the period ended,
 * and the period is over; else pending. A milestone of a year before the
 * last one before the present is done once the task is under way. */
static const char *
milestone_state(const struct task *t, const struct timeline *tl, int year, int quarter, char at[21])
{
	char end[16];
	snprintf(end, sizeof end, "%04d-%02d-28", year % 10000, quarter ? quarter * 3 : 12);
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
	const struct step *final = t->nsteps ? &t->steps[t->nsteps - 1] : NULL;
	if (final && !strcmp(final->status, "blocked") && year < tl->present && strncmp(final->at, end, 10) <= 0)
		return "missed";
	if (year < tl->present - 1 && progress >= 10)
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

/* ---- putting it together ------------------------------------------------------ */

static void
set_task(struct doc *d, const struct task *t, const struct timeline *tl)
{
	static const char sql[] =
		"SELECT json_set(?1, ?2 || '.status', ?3, ?2 || '.progress', ?4, ?2 || '.version', ?5, "
		"?2 || '.updated_at', ?6, ?2 || '.updated_by', ?7, ?2 || '.note', ?8)";
	if (!t->nsteps)
		return;
	const struct step *s = &t->steps[t->nsteps - 1];
	char *p = xasprintf("$.tasks[%d]", t->index);
	struct arg a[] = { T(p), T(recorded_status(s, tl)), I(s->progress), I(t->nsteps + 1), T(s->at),
	                   T(people[(t->index + t->nsteps - 1) % 5]), T(s->note) };
	rewrite(d, sql, 7, a);
	free(p);
}

static void
add_milestone(struct doc *d, struct history *h, const struct task *t, const struct timeline *tl, int year,
              int quarter, const char *target)
{
	static const char sql[] =
		"SELECT json_insert(CASE WHEN json_type(?1, ?2) IS NULL THEN json_set(?1, ?2, json('[]')) ELSE ?1 END, "
		"?2 || '[#]', json_object('year', ?3, 'quarter', ?4, 'target', ?5, 'status', ?6, "
		"'updated_at', ?7, 'updated_by', ?8))";
	char at[21];
	const char *state = milestone_state(t, tl, year, quarter, at);
	bool set = strcmp(state, "pending");
	char *p = xasprintf("$.tasks[%d].milestones", t->index);
	struct arg a[] = { T(p), I(year), quarter ? I(quarter) : T(NULL), T(target), T(state), T(set ? at : NULL),
	                   T(set ? people[(t->index + year) % 5] : NULL) };
	rewrite(d, sql, 7, a);
	free(p);
	milestone_change(h, t, year, quarter, state, at);
}

static void
set_milestones(struct doc *d, struct history *h, struct task *t, const struct timeline *tl)
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
		d->code = d->e->code;
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
		const char *state = milestone_state(t, tl, ms[k].year, ms[k].quarter, at);
		if (!strcmp(state, "pending"))
			continue;
		char *mp = xasprintf("%s[%d]", p, ms[k].key);
		struct arg a[] = { T(mp), T(state), T(at), T(people[(t->index + ms[k].year) % 5]) };
		rewrite(d, sql, 4, a);
		free(mp);
		milestone_change(h, t, ms[k].year, ms[k].quarter, state, at);
	}
	free(p);
	/* simulated milestones for the first two years of a task due before
	 * the present, where the plan gives none; two tasks have their
	 * second by quarter, as a roadmap may */
	if (!t->past_due || !t->nsteps)
		return;
	int start = t->start ? t->start : tl->first;
	for (int y = start; y < t->due_y && y < start + 2; y++) {
		bool taken = false;
		for (int k = 0; k < n; k++)
			taken |= ms[k].year == y;
		if (taken)
			continue;
		if (y == start)
			add_milestone(d, h, t, tl, y, 0, "（演示）制定实施方案，启动重点项目");
		else if (t->past_no == 0 || t->past_no == 3) {
			add_milestone(d, h, t, tl, y, 2, "（演示）上半年重点项目开工");
			add_milestone(d, h, t, tl, y, 4, "（演示）完成年度阶段目标");
		} else {
			add_milestone(d, h, t, tl, y, 0, "（演示）完成年度阶段目标");
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

/* ---- the indicators' simulated values ---------------------------------------- */

struct indicator {
	int base_year;             /* 0: no baseline */
	double base;
	int last_actual;           /* the plan's own last recorded year, 0: none */
	int target_year;           /* 0: no target */
	double target;
	char op[3];
	bool percent;
};

/* x rounded as the target is written: whole above 1000, one decimal above
 * 10, else two. */
static double
round_like(double x, double target)
{
	double t = target < 0 ? -target : target;
	double scale = t >= 1000 ? 1 : t >= 10 ? 10 : 100;
	double r = x * scale;
	return (double)(long long)(r < 0 ? r - 0.5 : r + 0.5) / scale;
}

/* Values for the years before the present, on the way from the baseline
 * (else a starting point below the target, or above it for a "<=" target
 * and for every other "~" one) to the first target not yet past, each
 * indicator getting a different share of the way there. */
static void
add_actuals(struct doc *d, const struct timeline *tl)
{
	static const char sql[] =
		"SELECT json_insert(CASE WHEN json_type(?1, ?2) IS NULL THEN json_set(?1, ?2, json('[]')) ELSE ?1 END, "
		"?2 || '[#]', json_object('year', ?3, 'value', ?4, 'recorded_at', ?5, 'recorded_by', 'demo-admin'))";
	static const char list[] =
		"SELECT json_extract(value, '$.baseline.year'), json_extract(value, '$.baseline.value'), "
		"(SELECT max(json_extract(a.value, '$.year')) FROM json_each(i.value, '$.actuals') a), "
		"(SELECT json_extract(t.value, '$.year') || ' ' || json_extract(t.value, '$.value') || ' ' || "
		"ifnull(json_extract(t.value, '$.op'), '=') FROM json_each(i.value, '$.targets') t "
		"ORDER BY json_extract(t.value, '$.year') < ?2, abs(json_extract(t.value, '$.year') - ?2) LIMIT 1), "
		"ifnull(json_extract(value, '$.unit'), '') = '%' FROM json_each(?1, '$.indicators') i ORDER BY key";
	sqlite3_stmt *st = store_stmt(d->s, list, d->e);
	if (!st) {
		d->code = d->e->code;
		return;
	}
	struct indicator *v = NULL;
	int n = 0;
	sqlite3_bind_text(st, 1, d->json, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, tl->present - 1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		v = xrealloc(v, (size_t)(n + 1) * sizeof *v);
		struct indicator *x = &v[n++];
		*x = (struct indicator){ .base_year = col_int(st, 0), .base = sqlite3_column_double(st, 1),
		                         .last_actual = col_int(st, 2), .percent = sqlite3_column_int(st, 4) };
		if (sqlite3_column_type(st, 0) == SQLITE_NULL || sqlite3_column_type(st, 1) == SQLITE_NULL)
			x->base_year = 0;
		const char *t = store_col(st, 3);
		if (!t || sscanf(t, "%d %lf %2s", &x->target_year, &x->target, x->op) != 3)
			x->target_year = 0;
	}
	sqlite3_reset(st);
	for (int i = 0; i < n && !d->code; i++) {
		const struct indicator *x = &v[i];
		if (!x->target_year)
			continue;
		int y0 = tl->first - 1;
		double from = x->base;
		if (x->base_year && x->base_year < x->target_year) {
			y0 = x->base_year;
		} else {
			bool down = !strcmp(x->op, "<=") || (!strcmp(x->op, "~") && i % 2 == 0);
			from = x->target * (down ? 1.1 : 0.4);
		}
		double share = 0.6 + 0.1 * ((i * 3) % 5);
		int y = y0 + 1;
		if (y < tl->first)
			y = tl->first;
		if (x->last_actual >= y)
			y = x->last_actual + 1;
		char *p = xasprintf("$.indicators[%d].actuals", i);
		for (; y < tl->present && y <= x->target_year; y++) {
			double value = from + (x->target - from) * share * (y - y0) / (x->target_year - y0);
			if (x->percent && value > 100)
				value = 100;
			char at[21];
			stamp(at, y + 1, 2, 15, 9);
			struct arg a[] = { T(p), I(y), R(round_like(value, x->target)), T(at) };
			rewrite(d, sql, 4, a);
		}
		free(p);
	}
	free(v);
}

enum err_code
store_demo_plan(struct store *s, const char *plan, char **out, struct error *e)
{
	static const char tasks_sql[] =
		"SELECT key, json_extract(value, '$.code'), json_extract(value, '$.due'), "
		"(SELECT json_extract(d.value, '$.years[0]') FROM json_each(?1, '$.documents') d "
		"WHERE json_extract(d.value, '$.key') = json_extract(t.value, '$.document')) "
		"FROM json_each(?1, '$.tasks') t ORDER BY key";
	static const char top[] =
		"SELECT json_set(?1, '$.demo', json('true'), '$.about', ?2)";
	*out = NULL;
	struct doc d = { .s = s, .json = xstrdup(plan), .e = e };
	struct timeline tl = { 0 };
	if ((d.code = demo_timeline(s, d.json, &tl, e))) {
		free(d.json);
		return d.code;
	}
	struct task *t = NULL;
	int n = 0;
	sqlite3_stmt *st = store_stmt(s, tasks_sql, e);
	if (!st) {
		free(d.json);
		return e->code;
	}
	sqlite3_bind_text(st, 1, d.json, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = xrealloc(t, (size_t)(n + 1) * sizeof *t);
		t[n] = (struct task){ .index = sqlite3_column_int(st, 0),
		                      .code = xstrdup(store_col(st, 1) ? store_col(st, 1) : ""), .start = col_int(st, 3) };
		const char *due = store_col(st, 2);
		if (!due || sscanf(due, "%d-%d-%d", &t[n].due_y, &t[n].due_m, &t[n].due_d) != 3)
			t[n].due_y = t[n].due_m = t[n].due_d = 0;
		n++;
	}
	if (rc != SQLITE_DONE)
		d.code = store_fail(s, e, _("reading the plan"));
	sqlite3_reset(st);

	struct history h = { 0 };
	struct sim_state sim = { 0 };
	for (int i = 0; i < n && !d.code; i++) {
		simulate(&t[i], &sim, &tl);
		set_task(&d, &t[i], &tl);
		set_milestones(&d, &h, &t[i], &tl);
		task_changes(&h, &t[i], &tl);
	}
	add_actuals(&d, &tl);
	add_changes(&d, &h);
	struct arg a[] = { T("演示数据（DEMO）：各任务的状态、进度、里程碑、指标数值和变更记录均为模拟，"
	                     "不是真实进展。真实数据请使用正式数据库。") };
	rewrite(&d, top, 1, a);

	for (int i = 0; i < n; i++)
		free(t[i].code);
	free(t);
	free(h.v);
	if (d.code) {
		free(d.json);
		return d.code;
	}
	*out = d.json;
	return ERR_OK;
}
