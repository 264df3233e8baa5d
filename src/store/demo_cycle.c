/* store_demo_cycle: the supervision cycle's history in a demo database,
 * written after the import of the demo plan (demo.c).
 *
 * The cycle runs monthly from January of the year before the demo's
 * present to the May of the present, whose reports are due in June; the
 * demo's as-of date is the 30th of June. Every step is a row written as
 * the cycle's commands write it (a report, its revisions, the office's
 * reviews, cooperating input, closings, extensions, reminders, evidence),
 * so the 0009 triggers write the change log. Those triggers take the
 * change's time from the clock (changes.at's default), so each change row
 * is then given the simulated time of the step that wrote it, and the log
 * is put in time order (the import's history and the replayed steps
 * interleave); both with the connection's triggers switched off for that
 * one pass, as the log is append-only.
 *
 * Each task's state in a month is what the imported history says it was
 * (demo.c's simulated steps); which reports are late, returned, missing or
 * still waiting for review is a hash of the task and the period: no clock,
 * no random numbers, the same plan gives the same cycle. Times: the
 * province's local time is UTC+8 (the demo assumes [core] time_zone =
 * Asia/Shanghai, which has no daylight saving). */
#include "demo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/cycle.h"
#include "plancon/model.h"
#include "plancon/store_demo.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum { MONTHS = 17, MAX_STEPS = 16, ZONE_MINUTES = 8 * 60 };

/* One state of a task from the imported history. */
struct state {
	char date[11];
	char status[16];
	int progress;
};

struct ctask {
	long long id, lead, coop;
	char *code, *title;
	char due[11];
	int version;
	struct state st[MAX_STEPS];
	int nst;
	const char *reporter;      /* the lead department's demo user */
	bool closed;               /* verified done (or cancelled) */
	bool awaiting;
};

struct dept {
	long long id;
	char *user;
};

struct cx {
	struct store *s;
	struct error *e;
	enum err_code code;
	struct timeline tl;
	long long office;
	const char *reviewer[2];
	long long mark;            /* the change log's last id before the current step */
	struct ctask *t;
	int nt;
	struct dept *d;
	int nd;
	int evidence;              /* evidence files attached so far */
};

/* ---- rows and times ------------------------------------------------------------- */

static uint64_t
hash(long long a, long long b, int purpose)
{
	uint64_t x = (uint64_t)a * 0x9E3779B97F4A7C15ULL ^ (uint64_t)b * 0xC2B2AE3D27D4EB4FULL ^ (uint64_t)purpose;
	x ^= x >> 31;
	x *= 0xBF58476D1CE4E5B9ULL;
	x ^= x >> 27;
	x *= 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

/* A moment: local day (demo_days) and minute of the day. */
struct when {
	long day;
	int minute;
	char local[20], utc[21], date[11];
};

/* YYYY-MM-DD of a civil date (years 1-9999). */
static void
ymd(char out[11], int y, int m, int d)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

static struct when
at(long day, int minute)
{
	struct when w = { .day = day, .minute = minute };
	int y, m, d;
	demo_civil(day, &y, &m, &d);
	ymd(w.date, y, m, d);
	snprintf(w.local, sizeof w.local, "%s %02u:%02u:00", w.date, (unsigned)minute / 60u % 24u,
	         (unsigned)minute % 60u);
	long u = day * 1440L + minute - ZONE_MINUTES;
	char date[11];
	demo_civil(u / 1440, &y, &m, &d);
	ymd(date, y, m, d);
	unsigned um = (unsigned)(u % 1440);
	snprintf(w.utc, sizeof w.utc, "%sT%02u:%02u:00Z", date, um / 60u % 24u, um % 60u);
	return w;
}

static long
day_of(const char *date)
{
	int y = 0, m = 0, d = 0;
	sscanf(date, "%d-%d-%d", &y, &m, &d);
	return demo_days(y, m, d);
}

/* Run sql once with args; the change rows it makes get time w. Returns
 * the row it inserted, 0 when it inserted none. */
static long long
run(struct cx *c, const struct when *w, const char *sql, int n, const struct arg *args)
{
	static const char stamp[] = "INSERT INTO temp.demo_at (id, at) SELECT id, ?2 FROM changes WHERE id > ?1";
	static const char last[] = "SELECT ifnull(max(id), 0) FROM changes";
	if (c->code)
		return 0;
	sqlite3_stmt *st = store_stmt(c->s, sql, c->e);
	if (!st) {
		c->code = c->e->code;
		return 0;
	}
	demo_bind(st, 1, n, args);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		c->code = store_fail(c->s, c->e, _("making the demo's supervision cycle"));
		return 0;
	}
	long long row = sqlite3_changes(c->s->db) > 0 ? sqlite3_last_insert_rowid(c->s->db) : 0;
	if (!(st = store_stmt(c->s, stamp, c->e))) {
		c->code = c->e->code;
		return 0;
	}
	sqlite3_bind_int64(st, 1, c->mark);
	sqlite3_bind_text(st, 2, w->utc, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE && (st = store_stmt(c->s, last, c->e)) && sqlite3_step(st) == SQLITE_ROW) {
		c->mark = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return row;
	}
	if (st)
		sqlite3_reset(st);
	c->code = store_fail(c->s, c->e, _("making the demo's supervision cycle"));
	return 0;
}

/* ---- the plan's departments, users and tasks ---------------------------------------- */

static const char *const names[] = {
	"li.na", "wang.fang", "zhang.wei", "liu.bo", "chen.hao", "yang.fan", "huang.lei", "zhao.min",
	"wu.jun", "zhou.tao", "xu.li", "sun.qiang", "ma.lin", "zhu.yan", "hu.bin", "guo.jie",
	"he.ping", "lin.feng", "luo.jia", "gao.yu",
};
/* The demo's reporter of the kth department: a name, then the names again
 * numbered. */
static char *
demo_user_name(int k)
{
	size_t n = sizeof names / sizeof *names, i = k > 0 ? (size_t)k : 0;
	return i < n ? xstrdup(names[i]) : xasprintf("%s%zu", names[i % n], i / n + 1);
}

static const char *const office_staff[2] = { "sun.hong", "zhou.ning" };

/* The office: a department that leads no task and is named as an office,
 * else a new one (省城镇化工作领导小组办公室). */
static void
find_office(struct cx *c, char *shortname, size_t len)
{
	static const char pick[] =
		"SELECT id, short FROM departments d WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.lead_dept_id = d.id) "
		"AND (name LIKE '%领导小组%' OR name LIKE '%办公室%' OR short LIKE '%办') ORDER BY id LIMIT 1";
	static const char add[] =
		"INSERT INTO departments (short, name, updated_at, updated_by) "
		"SELECT ?1, ?2, ?3, 'demo-admin' WHERE NOT EXISTS (SELECT 1 FROM departments WHERE short = ?1)";
	static const char *const made[][2] = { { "省城镇化办", "省城镇化工作领导小组办公室" },
	                                       { "省督查办", "省城镇化工作督查办公室" } };
	sqlite3_stmt *st = store_stmt(c->s, pick, c->e);
	if (!st) {
		c->code = c->e->code;
		return;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		c->office = sqlite3_column_int64(st, 0);
		snprintf(shortname, len, "%s", store_col(st, 1));
	}
	sqlite3_reset(st);
	struct when w = at(demo_days(DEMO_CYCLE_YEAR(&c->tl), 1, 4), 9 * 60);
	for (int i = 0; !c->office && !c->code && i < 2; i++) {
		struct arg a[] = { T(made[i][0]), T(made[i][1]), T(w.utc) };
		if ((c->office = run(c, &w, add, 3, a)))
			snprintf(shortname, len, "%s", made[i][0]);
	}
	if (!c->office && !c->code)
		c->code = err_set(c->e, ERR_DB, _("making the demo's supervision cycle: no name left for the office"));
}

static void
add_user(struct cx *c, const char *name, long long dept, const struct when *w)
{
	static const char user[] =
		"INSERT INTO users (name, role, created_at, updated_at, updated_by) VALUES (?1, 'editor', ?2, ?2, 'demo-admin')";
	static const char member[] =
		"INSERT INTO user_depts (user_id, dept_id) SELECT id, ?2 FROM users WHERE name = ?1";
	struct arg a[] = { T(name), T(w->utc) }, b[] = { T(name), I(dept) };
	run(c, w, user, 2, a);
	run(c, w, member, 2, b);
}

/* The settings in meta, the office's staff and one reporter for each
 * department that leads a task. */
static void
setup(struct cx *c)
{
	static const char meta[] = "INSERT OR REPLACE INTO meta (key, value) VALUES ('cycle_enabled', '1'), "
		"('cycle_period', 'month'), ('cycle_due_day', '5'), ('cycle_office', ?1), ('cycle_since', ?2)";
	static const char leads[] =
		"SELECT d.id FROM departments d WHERE EXISTS (SELECT 1 FROM tasks t WHERE t.lead_dept_id = d.id) ORDER BY d.id";
	char office[256] = "", since[CYCLE_KEY_LEN];
	find_office(c, office, sizeof office);
	snprintf(since, sizeof since, "%04u-01", (unsigned)DEMO_CYCLE_YEAR(&c->tl) % 10000u);
	struct when w = at(demo_days(DEMO_CYCLE_YEAR(&c->tl), 1, 4), 9 * 60 + 30);
	struct arg a[] = { T(office), T(since) };
	run(c, &w, meta, 2, a);
	for (int i = 0; i < 2; i++) {
		c->reviewer[i] = office_staff[i];
		add_user(c, office_staff[i], c->office, &w);
	}
	sqlite3_stmt *st = c->code ? NULL : store_stmt(c->s, leads, c->e);
	if (!st) {
		c->code = c->code ? c->code : c->e->code;
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		c->d = xrealloc(c->d, (size_t)(c->nd + 1) * sizeof *c->d);
		int k = c->nd;
		c->d[c->nd++] = (struct dept){ .id = sqlite3_column_int64(st, 0),
		                               .user = demo_user_name(k) };
	}
	sqlite3_reset(st);
	for (int i = 0; i < c->nd; i++)
		add_user(c, c->d[i].user, c->d[i].id, &w);
}

static const char *
user_of(const struct cx *c, long long dept)
{
	for (int i = 0; i < c->nd; i++)
		if (c->d[i].id == dept)
			return c->d[i].user;
	return "demo-admin";
}

/* The tasks with a lead department, and each one's states from the
 * imported history. */
static void
load_tasks(struct cx *c)
{
	static const char tasks[] =
		"SELECT id, code, title, lead_dept_id, ifnull(due_date, ''), version, "
		"(SELECT min(dept_id) FROM task_coop WHERE task_id = t.id) FROM tasks t "
		"WHERE lead_dept_id IS NOT NULL ORDER BY pos";
	static const char hist[] =
		"SELECT substr(at, 1, 10), field, new FROM changes WHERE task_id = ?1 AND kind = 'task' "
		"AND field IN ('status', 'progress') ORDER BY id";
	sqlite3_stmt *st = store_stmt(c->s, tasks, c->e);
	if (!st) {
		c->code = c->e->code;
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		c->t = xrealloc(c->t, (size_t)(c->nt + 1) * sizeof *c->t);
		struct ctask *t = &c->t[c->nt++];
		*t = (struct ctask){ .id = sqlite3_column_int64(st, 0), .code = xstrdup(store_col(st, 1)),
		                     .title = xstrdup(store_col(st, 2)), .lead = sqlite3_column_int64(st, 3),
		                     .version = sqlite3_column_int(st, 5), .coop = sqlite3_column_int64(st, 6) };
		snprintf(t->due, sizeof t->due, "%s", store_col(st, 4));
		t->reporter = user_of(c, t->lead);
	}
	sqlite3_reset(st);
	for (int i = 0; i < c->nt && !c->code; i++) {
		struct ctask *t = &c->t[i];
		if (!(st = store_stmt(c->s, hist, c->e))) {
			c->code = c->e->code;
			return;
		}
		sqlite3_bind_int64(st, 1, t->id);
		struct state now = { .status = "not_started" };
		while (sqlite3_step(st) == SQLITE_ROW && t->nst < MAX_STEPS) {
			snprintf(now.date, sizeof now.date, "%s", store_col(st, 0));
			if (!strcmp(store_col(st, 1), "status"))
				snprintf(now.status, sizeof now.status, "%s", store_col(st, 2));
			else
				now.progress = atoi(store_col(st, 2));
			if (t->nst && !strcmp(t->st[t->nst - 1].date, now.date))
				t->st[t->nst - 1] = now;
			else
				t->st[t->nst++] = now;
		}
		sqlite3_reset(st);
	}
}

/* The task's state at the end of day date. */
static struct state
state_at(const struct ctask *t, const char *date)
{
	struct state s = { .status = "not_started" };
	for (int k = 0; k < t->nst && strcmp(t->st[k].date, date) <= 0; k++)
		s = t->st[k];
	return s;
}

/* ---- the reports' texts -------------------------------------------------------------- */

static const char *const works[] = {
	"召开专题调度会，协调解决推进中的困难",
	"推进重点项目建设，完成阶段性投资计划",
	"开展实地督导检查，梳理形成问题清单并逐项整改",
	"完善工作方案和配套政策，明确责任分工",
	"组织相关市县对接，推动任务逐项落地",
};
static const char *const problems[] = {
	"部分项目资金到位偏慢。",
	"跨部门协调事项较多，推进节奏不一。",
	"个别市县配套政策尚未出台。",
	"暂无。",
};
static const char *const next_steps[] = {
	"加强调度，确保按期完成年度目标。",
	"加快项目审批和资金拨付。",
	"督促市县出台配套政策，加强跟踪问效。",
	"做好阶段总结，巩固工作成效。",
};
static const char *const return_reasons[] = {
	"进展情况表述笼统，请补充具体工程量和投资完成数据",
	"存在问题未说明原因和解决措施，请补充后重新报送",
	"佐证材料不全，请补充相关文件后重新报送",
};

struct texts {
	char done[640], problems[160], next[160];
};

/* The report of task t for period p in state s; rev 2 says more. */
static void
make_texts(const struct ctask *t, const struct cycle_period *p, const struct state *s, int rev, struct texts *x)
{
	char title[200];
	size_t n = text_cut(t->title, strlen(t->title) > 60 ? 60 : strlen(t->title));
	snprintf(title, sizeof title, "%.*s%s", (int)n, t->title, n < strlen(t->title) ? "…" : "");
	uint64_t h = hash(t->id, p->year * 12 + p->index, 1);
	const char *what = works[h % 5];
	if (!strcmp(s->status, "done"))
		what = "全面完成任务目标，形成工作总结，申请销号";
	else if (!strcmp(s->status, "not_started"))
		what = "开展前期研究论证，任务尚未正式启动";
	else if (!strcmp(s->status, "blocked"))
		what = "因用地指标未落实，任务暂停推进";
	snprintf(x->done, sizeof x->done, "%d年%d月，围绕“%s”，%s，累计完成%d%%。%s", p->year, p->index, title, what,
	         s->progress, rev > 1 ? "补充：本月完成投资和工程量已按要求列明，详见附表。" : "");
	snprintf(x->problems, sizeof x->problems, "%s",
	         !strcmp(s->status, "blocked") ? "用地指标未落实，项目无法开工。" : problems[(h >> 8) % 4]);
	snprintf(x->next, sizeof x->next, "%s",
	         !strcmp(s->status, "done") ? "巩固工作成效，配合做好销号核验。" : next_steps[(h >> 16) % 4]);
}

/* ---- one report ------------------------------------------------------------------------- */

/* How a report goes: its fate in the period. */
enum fate { F_MISSING, F_DRAFT, F_RETURNED, F_SUBMITTED, F_ACCEPTED, F_RESUBMITTED };

struct rep {
	struct ctask *t;
	struct cycle_period p;
	char due[11];
	struct state s;
	long long id;
	int version, rev;
};

static void
submit(struct cx *c, struct rep *r, const struct when *w)
{
	static const char ins[] =
		"INSERT INTO reports (task_id, period, dept_id, due, state, rev, status, progress, done_text, problems, "
		"next_steps, first_local, on_time, version, updated_at, updated_by) "
		"VALUES (?1, ?2, ?3, ?4, 'submitted', 1, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?13)";
	static const char upd[] =
		"UPDATE reports SET state = 'submitted', rev = rev + 1, status = ?2, progress = ?3, done_text = ?4, "
		"problems = ?5, next_steps = ?6, first_local = ifnull(first_local, ?7), on_time = ifnull(on_time, ?8), "
		"version = version + 1, updated_at = ?9, updated_by = ?10 WHERE id = ?1";
	static const char revision[] =
		"INSERT INTO report_revisions (report_id, rev, status, progress, done_text, problems, next_steps, at, local, who) "
		"SELECT id, rev, status, progress, done_text, problems, next_steps, ?2, ?3, ?4 FROM reports WHERE id = ?1";
	struct texts x = { 0 };
	make_texts(r->t, &r->p, &r->s, r->rev + 1, &x);
	bool on_time = cycle_on_time(w->local, r->due);
	if (!r->id) {
		struct arg a[] = { I(r->t->id), T(r->p.key), I(r->t->lead), T(r->due), T(r->s.status), I(r->s.progress),
		                   T(x.done), T(x.problems), T(x.next), T(w->local), I(on_time), T(w->utc),
		                   T(r->t->reporter) };
		r->id = run(c, w, ins, 13, a);
		r->version = 1;
	} else {
		struct arg a[] = { I(r->id), T(r->s.status), I(r->s.progress), T(x.done), T(x.problems), T(x.next),
		                   T(w->local), I(on_time), T(w->utc), T(r->t->reporter) };
		run(c, w, upd, 10, a);
		r->version++;
	}
	r->rev++;
	struct arg b[] = { I(r->id), T(w->utc), T(w->local), T(r->t->reporter) };
	run(c, w, revision, 4, b);
}

static void
draft(struct cx *c, struct rep *r, const struct when *w)
{
	static const char sql[] =
		"INSERT INTO reports (task_id, period, dept_id, due, status, progress, done_text, problems, next_steps, "
		"updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	struct texts x = { 0 };
	make_texts(r->t, &r->p, &r->s, 1, &x);
	struct arg a[] = { I(r->t->id), T(r->p.key), I(r->t->lead), T(r->due), T(r->s.status), I(r->s.progress),
	                   T(x.done), T(x.problems), T(x.next), T(w->utc), T(r->t->reporter) };
	r->id = run(c, w, sql, 11, a);
	r->version = 1;
}

static void
input(struct cx *c, struct rep *r, const struct when *w)
{
	static const char sql[] =
		"INSERT INTO report_inputs (report_id, dept_id, text, at, who) "
		"SELECT ?1, ?2, short || '配合意见：已按职责分工完成' || ?3 || '月相关工作，有关数据已报牵头单位。', ?4, ?5 "
		"FROM departments WHERE id = ?2";
	char month[8];
	snprintf(month, sizeof month, "%d", r->p.index);
	struct arg a[] = { I(r->id), I(r->t->coop), T(month), T(w->utc), T(user_of(c, r->t->coop)) };
	run(c, w, sql, 5, a);
}

static void
review(struct cx *c, struct rep *r, const struct when *w, const char *reason)
{
	static const char rev[] =
		"INSERT INTO reviews (report_id, rev, decision, reason, at, who) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	static const char upd[] =
		"UPDATE reports SET state = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1";
	const char *who = c->reviewer[hash(r->t->id, r->p.index, 7) % 2];
	struct arg a[] = { I(r->id), I(r->rev), T(reason ? "return" : "accept"), T(reason ? reason : ""), T(w->utc),
	                   T(who) };
	run(c, w, rev, 6, a);
	struct arg b[] = { I(r->id), T(reason ? "returned" : "accepted"), T(w->utc), T(who) };
	run(c, w, upd, 4, b);
	r->version++;
}

/* A closing event, and the task's change that goes with it. */
static void
closing(struct cx *c, struct rep *r, const struct when *w, bool verify)
{
	static const char ins[] =
		"INSERT INTO closings (task_id, event, report_id, note, local, at, who) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	static const char task[] =
		"UPDATE tasks SET status = ?2, progress = 100, awaiting = ?3, note = ?4, version = version + 1, "
		"updated_at = ?5, updated_by = ?6 WHERE id = ?1";
	const char *who = verify ? c->reviewer[hash(r->t->id, r->p.index, 7) % 2] : r->t->reporter;
	const char *note = verify ? "（演示）经核验，任务目标已完成，同意销号" : "（演示）已报送完成，待办公室核验销号";
	struct arg a[] = { I(r->t->id), T(verify ? "verified" : "done_reported"), I(r->id),
	                   T(verify ? "经核验，任务目标已完成，同意销号" : ""),
	                   T(w->local), T(w->utc), T(who) };
	run(c, w, ins, 7, a);
	struct arg b[] = { I(r->t->id), T(verify ? "done" : "in_progress"), I(!verify), T(note), T(w->utc), T(who) };
	run(c, w, task, 6, b);
	r->t->awaiting = !verify;
	r->t->closed = verify;
}

static void
evidence(struct cx *c, struct rep *r, const struct when *w)
{
	/* Fixed bytes and their SHA-256, computed once (sha256sum): the demo
	 * has no checksum code of its own. */
	static const struct { const char *name, *data, *sha256; } files[] = {
		{ "工作台账.txt", "演示佐证材料：月度工作台账（模拟数据）\n",
		  "da40706cd04d9b5b292548811dac018581277d2fc4fa3fbf14eb32b5e5e32be2" },
		{ "现场核查记录.txt", "演示佐证材料：现场核查记录（模拟数据）\n",
		  "512873f2ffd92da0c0c9f1b843e9b7fb3cd60ba41ce7c03ce2251e686ac0c577" },
	};
	static const char sql[] =
		"INSERT INTO evidence (report_id, name, size, sha256, data, at, who) "
		"VALUES (?1, ?2, length(CAST(?3 AS BLOB)), ?4, CAST(?3 AS BLOB), ?5, ?6)";
	if (c->evidence >= 2)
		return;
	int k = c->evidence++;
	struct arg a[] = { I(r->id), T(files[k].name), T(files[k].data), T(files[k].sha256), T(w->utc),
	                   T(r->t->reporter) };
	run(c, w, sql, 6, a);
}

static void
remind(struct cx *c, long long dept, const struct ctask *t, const char *period, int n, const struct when *w)
{
	static const char sql[] =
		"INSERT INTO reminders (dept_id, task_id, period, level, note, at, who) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	static const char *const notes[] = { "请尽快报送本期进展情况", "再次催办：请于三个工作日内报送",
	                                      "督办：逾期未报，请书面说明原因" };
	int level = cycle_reminder_level(n);
	struct arg a[] = { I(dept), t ? I(t->id) : T(NULL), T(period), I(level),
	                   T(t ? notes[level - 1] : "请报送本单位本期全部未报任务的进展情况"), T(w->utc),
	                   T(c->reviewer[n % 2]) };
	run(c, w, sql, 7, a);
}

/* ---- the periods -------------------------------------------------------------------- */

/* The story of one report: filed on time or late, with input or not,
 * returned once or not, reviewed or still waiting. */
static void
report(struct cx *c, struct rep *r, enum fate f, bool last)
{
	uint64_t h = hash(r->t->id, r->p.year * 12 + r->p.index, 2);
	long due = day_of(r->due);
	bool late = h % 100 < 12, done = !strcmp(r->s.status, "done");
	long filed = late ? due + 1 + (long)(h >> 8) % 6 : due - (long)(h >> 8) % 5;
	struct when w = at(filed, 8 * 60 + 30 + (int)((h >> 16) % 540));
	if (f == F_DRAFT) {
		struct when d = at(due - 1, 16 * 60 + 10);
		draft(c, r, &d);
		return;
	}
	if (late && filed - due >= 2) {
		struct when m = at(due + 1, 9 * 60 + 40);
		remind(c, r->t->lead, r->t, r->p.key, 1, &m);
	}
	if (r->t->coop && (h >> 24) % 10 < 3) {
		struct when d = at(filed - 2, 15 * 60 + 20), i = at(filed - 1, 11 * 60 + 5);
		draft(c, r, &d);
		input(c, r, &i);
	}
	submit(c, r, &w);
	if (done) {
		struct when d = at(filed, w.minute + 1);
		closing(c, r, &d, false);
	}
	if (f == F_SUBMITTED)
		return;
	long seen = filed + 1 + (long)(h >> 32) % 4;
	struct when v = at(seen, 10 * 60 + (int)((h >> 40) % 420));
	if (f == F_RETURNED || f == F_RESUBMITTED) {
		review(c, r, &v, return_reasons[(h >> 48) % 3]);
		if (f == F_RETURNED)
			return;
		struct when again = at(seen + 2, 9 * 60 + 15), ok = at(seen + 4, 14 * 60 + 30);
		submit(c, r, &again);
		v = ok;
	}
	review(c, r, &v, NULL);
	if (last && f == F_ACCEPTED && (h >> 52) % 4 == 0)
		evidence(c, r, &w);
	if (done) {
		struct when d = at(v.day + 1, 11 * 60);
		closing(c, r, &d, true);
	}
}

/* Open tasks of period p in the order the last period's fates are dealt. */
static int
by_hash(const void *a, const void *b)
{
	const struct rep *x = a, *y = b;
	uint64_t hx = hash(x->t->id, 0, 3), hy = hash(y->t->id, 0, 3);
	return hx < hy ? -1 : hx > hy;
}

static void
period(struct cx *c, const struct cycle_period *p, bool last)
{
	struct rep *v = xcalloc((size_t)c->nt + 1, sizeof *v);
	int n = 0;
	char due[11];
	cycle_report_due(p, 5, due);
	for (int i = 0; i < c->nt; i++) {
		struct ctask *t = &c->t[i];
		struct state s = state_at(t, p->end);
		if (t->closed || t->awaiting || !strcmp(s.status, "cancelled") || !strcmp(s.status, "done"))
			continue;
		struct rep *r = &v[n++];
		*r = (struct rep){ .t = t, .p = *p, .s = s };
		memcpy(r->due, due, sizeof due);
		/* done at 100 %; or, in the last period, a task at its end */
		if (s.progress == 100 || (last && s.progress >= 80 && t->due[0] && strcmp(t->due, p->end) < 0)) {
			snprintf(r->s.status, sizeof r->s.status, "done");
			r->s.progress = 100;
		}
	}
	if (last)
		qsort(v, (size_t)n, sizeof *v, by_hash);
	int missing = n * 8 / 100 > 1 ? n * 8 / 100 : 1, queue = n * 30 / 100 > 1 ? n * 30 / 100 : 1, k = 0;
	int reminded = 0;
	for (int i = 0; i < n && !c->code; i++) {
		struct rep *r = &v[i];
		uint64_t h = hash(r->t->id, p->year * 12 + p->index, 4);
		enum fate f = h % 100 < 3 ? F_MISSING : h % 100 < 8 ? F_RESUBMITTED : F_ACCEPTED;
		if (!strcmp(r->s.status, "done")) {
			f = last ? F_SUBMITTED : F_ACCEPTED;
		} else if (last) {
			f = k < missing ? F_MISSING : k == missing ? F_DRAFT : k == missing + 1 ? F_RETURNED
			  : k < missing + 2 + queue ? F_SUBMITTED : F_ACCEPTED;
			k++;
		}
		if (f == F_MISSING || f == F_DRAFT) {
			/* reminded: the first of the last period's three times, the others once */
			int times = last && !reminded++ ? 3 : 1;
			for (int m = 1; m <= times; m++) {
				struct when w = at(day_of(due) + 2 + 7L * (m - 1), 10 * 60 + 5 * m);
				remind(c, r->t->lead, r->t, p->key, m, &w);
			}
			if (f == F_MISSING)
				continue;
		}
		report(c, r, f, last);
	}
	if (last && n && !c->code) {
		struct when w = at(day_of(due) + 3, 15 * 60);
		remind(c, v[0].t->lead, NULL, p->key, 1, &w);
	}
	free(v);
}

/* ---- extensions ------------------------------------------------------------------------ */

static void
extension(struct cx *c, struct ctask *t, const char *state, int month, int day)
{
	static const char ask[] =
		"INSERT INTO extensions (task_id, dept_id, old_due, new_due, reason, requested_local, requested_at, requested_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	static const char decide[] =
		"UPDATE extensions SET state = ?2, decided_at = ?3, decided_by = ?4, decision_note = ?5 WHERE id = ?1";
	static const char move[] =
		"UPDATE tasks SET original_due = ifnull(original_due, due_date), due_date = ?2 WHERE id = ?1";
	int y, m, d;
	demo_civil(day_of(t->due), &y, &m, &d);
	m += 6;
	if (m > 12)
		m -= 12, y++;
	char to[11];
	ymd(to, y, m, d > model_month_days(y, m) ? model_month_days(y, m) : d);
	char reason[256];
	snprintf(reason, sizeof reason, "%s，申请延期至%d年%d月%d日",
	         !strcmp(state, "rejected") ? "工作量较大，按期完成有困难" : "受项目审批和资金拨付进度影响，部分子项目尚在建设",
	         y, m, atoi(to + 8));
	struct when w = at(demo_days(c->tl.present, month, day), 10 * 60 + 20);
	struct arg a[] = { I(t->id), I(t->lead), T(t->due), T(to), T(reason), T(w.local), T(w.utc), T(t->reporter) };
	long long id = run(c, &w, ask, 8, a);
	if (!strcmp(state, "requested"))
		return;
	struct when v = at(w.day + 4, 16 * 60);
	bool ok = !strcmp(state, "approved");
	struct arg b[] = { I(id), T(state), T(v.utc), T(c->reviewer[0]),
	                   T(ok ? "同意延期，请按新的时限抓好落实" : "理由不充分，请按原定时限推进") };
	run(c, &v, decide, 5, b);
	if (ok) {
		struct arg m2[] = { I(t->id), T(to) };
		run(c, &v, move, 2, m2);
	}
}

/* Three open tasks due after the demo's as-of date ask for more time: one
 * is granted, one refused, one still waits. */
static void
extensions(struct cx *c)
{
	static const char *const states[] = { "approved", "rejected", "requested" };
	static const int when[][2] = { { 3, 10 }, { 4, 15 }, { 6, 16 } };
	char as_of[11];
	ymd(as_of, c->tl.present, 6, 30);
	int k = 0;
	for (int i = 0; i < c->nt && k < 3; i++) {
		struct ctask *t = &c->t[i];
		if (t->closed || t->awaiting || !t->due[0] || strcmp(t->due, as_of) <= 0)
			continue;
		extension(c, t, states[k], when[k][0], when[k][1]);
		k++;
	}
}

/* ---- the change log's times --------------------------------------------------------- */

/* Give each change row written here its step's time, and number the log in
 * time order (ties keep their order), the triggers off for that pass. */
static void
retime(struct cx *c)
{
	static const char sql[] =
		"UPDATE changes SET at = (SELECT at FROM temp.demo_at a WHERE a.id = changes.id) "
		"WHERE id IN (SELECT id FROM temp.demo_at);"
		"CREATE TEMP TABLE demo_order (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);"
		"INSERT INTO temp.demo_order SELECT id, row_number() OVER (ORDER BY at, id) FROM changes;"
		"UPDATE changes SET id = -(SELECT new FROM temp.demo_order WHERE old = changes.id);"
		"UPDATE changes SET id = -id;"
		"DROP TABLE temp.demo_order; DROP TABLE temp.demo_at;";
	if (c->code)
		return;
	int was = 1;
	sqlite3_db_config(c->s->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &was);
	c->code = store_exec(c->s, sql, c->e);
	sqlite3_db_config(c->s->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, was, NULL);
}

enum err_code
store_demo_cycle(struct store *s, const char *json, struct error *e)
{
	static const char last[] = "SELECT ifnull(max(id), 0) FROM changes";
	struct cx c = { .s = s, .e = e };
	if ((c.code = demo_timeline(s, json, &c.tl, e)) || (c.code = store_begin(s, e)))
		return c.code;
	c.code = store_exec(s, "CREATE TEMP TABLE demo_at (id INTEGER PRIMARY KEY, at TEXT NOT NULL)", e);
	sqlite3_stmt *st = c.code ? NULL : store_stmt(s, last, e);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		c.mark = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	else if (!c.code)
		c.code = e->code;
	if (!c.code)
		setup(&c);
	if (!c.code)
		load_tasks(&c);
	struct cycle_period p;
	char first[CYCLE_KEY_LEN];
	snprintf(first, sizeof first, "%04u-01", (unsigned)DEMO_CYCLE_YEAR(&c.tl) % 10000u);
	bool ok = cycle_period_parse(first, &p);
	for (int k = 0; ok && k < MONTHS && !c.code; k++) {
		period(&c, &p, k == MONTHS - 1);
		ok = cycle_period_step(&p, 1, &p);
	}
	extensions(&c);
	retime(&c);
	c.code = store_end(s, c.code, e);
	for (int i = 0; i < c.nt; i++)
		free(c.t[i].code), free(c.t[i].title);
	for (int i = 0; i < c.nd; i++)
		free(c.d[i].user);
	free(c.t);
	free(c.d);
	return c.code;
}
