/* gen/generate: a synthetic plan of n tasks, for the benchmarks.
 *
 * Every value is a hash of (seed, task, purpose), so nothing depends on the
 * order of generation and the same seed gives the same database. The change
 * log is written the way the audit triggers would have written it, but in
 * one pass in time order (ids grow with time, as in a real log): the
 * events of all tasks are generated, sorted by time and replayed.
 *
 * Speed (a million tasks, several million rows): the secondary indexes of
 * the big tables are dropped during the load and rebuilt at the end (a sort
 * instead of random B-tree inserts), and the load runs with the rollback
 * journal in memory and without fsync; the database is a scratch file that
 * is deleted if anything fails. */
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "generate.h"
#include "plancon/store.h"
#include "plancon/xalloc.h"
#include "data.h"

#define TASKS_PER_TXN 100000        /* tasks (and 3 x as many log rows) per transaction */

/* ---- writing ------------------------------------------------------------------- */

struct gen {
	struct store *s;
	struct error *e;
	uint64_t seed;
	long long n;
	struct bench_counts c;
};

static enum err_code
step(struct gen *g, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(g->s, g->e, what);
	return ERR_OK;
}

static enum err_code
write_structure(struct gen *g)
{
	static const char doc_sql[] = "INSERT INTO documents (id, key, title, short, issuer, doc_no, issued, year_from, year_to) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 2021, 2035)";
	static const char part_sql[] = "INSERT INTO parts (id, no, title) VALUES (?1, ?1, ?2)";
	static const char chapter_sql[] = "INSERT INTO chapters (id, part_id, no, title) VALUES (?1, ?2, ?1, ?3)";
	static const char section_sql[] = "INSERT INTO sections (id, chapter_id, no, title) VALUES (?1, ?2, ?3, ?4)";
	static const char dept_sql[] = "INSERT INTO departments (id, short, name) VALUES (?1, ?2, ?3)";
	static const char meta_sql[] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)";
	sqlite3_stmt *st;
	char a[128], b[128];

	for (int d = 0; d < DOCS; d++) {
		if (!(st = store_stmt(g->s, doc_sql, g->e)))
			return g->e ? g->e->code : ERR_DB;
		sqlite3_bind_int(st, 1, d + 1);
		snprintf(a, sizeof a, "bench-%02d-urbanization-2021-2035", d + 1);
		store_bind_text(st, 2, a);
		snprintf(b, sizeof b, "%s省新型城镇化规划（2021—2035年）", bench_provinces[d]);
		store_bind_text(st, 3, b);
		snprintf(b, sizeof b, "%s《规划》", bench_provinces[d]);
		store_bind_text(st, 4, b);
		snprintf(b, sizeof b, "%s省人民政府", bench_provinces[d]);
		store_bind_text(st, 5, b);
		snprintf(b, sizeof b, "%s政发〔2022〕%d号", bench_provinces[d], d + 1);
		store_bind_text(st, 6, b);
		snprintf(b, sizeof b, "2022-01-%02d", 10 + d);
		store_bind_text(st, 7, b);
		if (step(g, st, "writing documents"))
			return g->e ? g->e->code : ERR_DB;
		for (int p = 0; p < 3; p++) {
			if (!(st = store_stmt(g->s, part_sql, g->e)))
				return g->e ? g->e->code : ERR_DB;
			sqlite3_bind_int(st, 1, d * 3 + p + 1);
			snprintf(b, sizeof b, "%s：%s", bench_provinces[d], bench_part_titles[p]);
			store_bind_text(st, 2, b);
			if (step(g, st, "writing parts"))
				return g->e ? g->e->code : ERR_DB;
		}
		for (int c = 0; c < CHAPTERS_PER_DOC; c++) {
			int cno = d * CHAPTERS_PER_DOC + c + 1;
			if (!(st = store_stmt(g->s, chapter_sql, g->e)))
				return g->e ? g->e->code : ERR_DB;
			sqlite3_bind_int(st, 1, cno);
			sqlite3_bind_int(st, 2, d * 3 + bench_chapter_part[c] + 1);
			store_bind_text(st, 3, bench_chapter_titles[c]);
			if (step(g, st, "writing chapters"))
				return g->e ? g->e->code : ERR_DB;
			g->c.chapters++;
			for (int x = 0; x < SECTIONS_PER_CHAPTER; x++) {
				if (!(st = store_stmt(g->s, section_sql, g->e)))
					return g->e ? g->e->code : ERR_DB;
				sqlite3_bind_int(st, 1, (cno - 1) * SECTIONS_PER_CHAPTER + x + 1);
				sqlite3_bind_int(st, 2, cno);
				sqlite3_bind_int(st, 3, x + 1);
				store_bind_text(st, 4, bench_section_titles[c][x]);
				if (step(g, st, "writing sections"))
					return g->e ? g->e->code : ERR_DB;
				g->c.sections++;
			}
		}
	}
	for (int d = 0; d < STORE_BENCH_DEPTS; d++) {
		if (!(st = store_stmt(g->s, dept_sql, g->e)))
			return g->e ? g->e->code : ERR_DB;
		sqlite3_bind_int(st, 1, d + 1);
		store_bind_text(st, 2, bench_depts[d][0]);
		store_bind_text(st, 3, bench_depts[d][1]);
		if (step(g, st, "writing departments"))
			return g->e ? g->e->code : ERR_DB;
	}
	const char *meta[][2] = { { "source", "synthetic plan (tests/bench)" }, { "bench_tasks", NULL }, { "bench_seed", NULL } };
	snprintf(a, sizeof a, "%lld", g->n);
	snprintf(b, sizeof b, "%llu", (unsigned long long)g->seed);
	meta[1][1] = a;
	meta[2][1] = b;
	for (int i = 0; i < 3; i++) {
		if (!(st = store_stmt(g->s, meta_sql, g->e)))
			return g->e ? g->e->code : ERR_DB;
		store_bind_text(st, 1, meta[i][0]);
		store_bind_text(st, 2, meta[i][1]);
		if (step(g, st, "writing meta"))
			return g->e ? g->e->code : ERR_DB;
	}
	return ERR_OK;
}

/* The editors and administrators. Written last: the log rows their
 * triggers write are dated now, after the generated history. */
static enum err_code
write_users(struct gen *g)
{
	static const char user_sql[] = "INSERT INTO users (id, name, role, updated_by) VALUES (?1, ?2, ?3, 'bench')";
	static const char user_dept_sql[] = "INSERT INTO user_depts (user_id, dept_id) VALUES (?1, ?2)";
	sqlite3_stmt *st;
	char a[32];
	for (int u = 0; u < STORE_BENCH_DEPTS + N_ADMINS; u++) {
		if (!(st = store_stmt(g->s, user_sql, g->e)))
			return g->e ? g->e->code : ERR_DB;
		bench_user_name(a, u);
		sqlite3_bind_int(st, 1, u + 1);
		store_bind_text(st, 2, a);
		store_bind_text(st, 3, u < STORE_BENCH_DEPTS ? "editor" : "admin");
		if (step(g, st, "writing users"))
			return g->e ? g->e->code : ERR_DB;
		if (u >= STORE_BENCH_DEPTS)
			continue;
		if (!(st = store_stmt(g->s, user_dept_sql, g->e)))
			return g->e ? g->e->code : ERR_DB;
		sqlite3_bind_int(st, 1, u + 1);
		sqlite3_bind_int(st, 2, u + 1);
		if (step(g, st, "writing users"))
			return g->e ? g->e->code : ERR_DB;
	}
	return ERR_OK;
}

/* ---- many rows per INSERT ----------------------------------------------------------
 * A statement has a fixed cost (starting the run, the ephemeral tables of
 * the CHECK constraints' IN lists, the statement journal); an INSERT of
 * BATCH_ROWS rows pays it once for all. Values are buffered (up to
 * BATCH_CAP rows) and bound when the batch is flushed; a statement is
 * prepared once for each number of rows. */

#define BATCH_ROWS 64
#define BATCH_CAP (4 * BATCH_ROWS)
#define BATCH_COLS 18

struct val {
	long long i;
	size_t off;                 /* text: in the arena */
	int len;
	char type;                  /* 'i', 't', 'n' */
};

struct batch {
	struct gen *g;
	const char *head;           /* "INSERT INTO t (a, b) VALUES" */
	const char *what;
	int ncols, nrows, nv;
	sqlite3_stmt *st[BATCH_ROWS + 1];   /* by number of rows */
	struct val v[BATCH_CAP * BATCH_COLS];
	char *arena;
	size_t alen, acap;
	long long *count;           /* rows written */
};

static sqlite3_stmt *
batch_stmt(struct batch *b, int rows)
{
	if (b->st[rows])
		return b->st[rows];
	size_t len = strlen(b->head), cap = len + (size_t)rows * ((size_t)b->ncols * 2 + 4) + 1;
	char *sql = xmalloc(cap);
	memcpy(sql, b->head, len);
	for (int r = 0; r < rows; r++) {
		sql[len++] = r ? ',' : ' ';
		sql[len++] = '(';
		for (int c = 0; c < b->ncols; c++) {
			if (c)
				sql[len++] = ',';
			sql[len++] = '?';
		}
		sql[len++] = ')';
	}
	sql[len] = '\0';
	if (sqlite3_prepare_v3(b->g->s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &b->st[rows], NULL) != SQLITE_OK)
		store_fail(b->g->s, b->g->e, b->what);
	free(sql);
	return b->st[rows];
}

static struct batch *
batch_new(struct gen *g, const char *head, int ncols, const char *what, long long *count)
{
	struct batch *b = xcalloc(1, sizeof *b);
	b->g = g;
	b->head = head;
	b->ncols = ncols;
	b->what = what;
	b->count = count;
	return b;
}

/* Write every buffered row. */
static enum err_code
batch_flush(struct batch *b)
{
	for (int done = 0; done < b->nrows;) {
		int rows = b->nrows - done < BATCH_ROWS ? b->nrows - done : BATCH_ROWS;
		sqlite3_stmt *st = batch_stmt(b, rows);
		if (!st)
			return b->g->e ? b->g->e->code : ERR_DB;
		const struct val *v = &b->v[(size_t)done * (size_t)b->ncols];
		for (int i = 0; i < rows * b->ncols; i++) {
			if (v[i].type == 'i')
				sqlite3_bind_int64(st, i + 1, v[i].i);
			else if (v[i].type == 't')
				sqlite3_bind_text(st, i + 1, b->arena + v[i].off, v[i].len, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, i + 1);
		}
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_fail(b->g->s, b->g->e, b->what);
		*b->count += rows;
		done += rows;
	}
	b->nrows = b->nv = 0;
	b->alen = 0;
	return ERR_OK;
}

static void
batch_free(struct batch *b)
{
	if (!b)
		return;
	for (int i = 0; i <= BATCH_ROWS; i++)
		sqlite3_finalize(b->st[i]);
	free(b->arena);
	free(b);
}

static void
batch_int(struct batch *b, long long i)
{
	b->v[b->nv++] = (struct val){ .type = 'i', .i = i };
}

static void
batch_text(struct batch *b, const char *t)
{
	if (!t) {
		b->v[b->nv++] = (struct val){ .type = 'n' };
		return;
	}
	size_t l = strlen(t);
	if (b->alen + l + 1 > b->acap) {
		b->acap = (b->alen + l + 1) * 2 + 4096;
		b->arena = xrealloc(b->arena, b->acap);
	}
	memcpy(b->arena + b->alen, t, l + 1);
	b->v[b->nv++] = (struct val){ .type = 't', .off = b->alen, .len = (int)l };
	b->alen += l + 1;
}

/* End a row; true when the batch has BATCH_ROWS rows (time to flush). */
static bool
batch_row(struct batch *b)
{
	b->nrows++;
	return b->nrows >= BATCH_ROWS;
}

/* ---- tasks ------------------------------------------------------------------------- */

struct task_batches {
	struct batch *tasks, *coop, *milestones;
};

/* One task with its cooperating departments and milestones. */
static enum err_code
write_task(struct gen *g, struct task_batches *tb, long long i)
{
	static const int due_days[] = { 18992, 19173, 19357, 19538, 19722, 20453 };  /* 2021-12-31 ... 2025-12-31 */
	uint64_t seed = g->seed;
	long long id = i + 1;
	int sec = bench_task_section(g->n, i), cno = sec / SECTIONS_PER_CHAPTER + 1, doc = (cno - 1) / CHAPTERS_PER_DOC;
	struct buf title, desc;
	bench_make_title(&title, seed, g->n, i);
	bench_make_description(&desc, seed, i, doc);
	char *code = store_bench_task_code(g->n, id);
	int lead = bench_task_lead(seed, i), fs, k, status, progress;
	bench_task_fate(seed, i, &fs, &k);
	bench_task_state(seed, i, k, &status, &progress);
	uint64_t rd = bench_h(seed, i, H_DATES, 0);
	char start[16], due[16], at[32], who[32];
	bench_fmt_date(start, DAY_2021_01_01 + bench_pick(rd, 700));
	int due_i = bench_pick(rd >> 16, COUNT(due_days) + 1);
	if (due_i < COUNT(due_days))
		bench_fmt_date(due, due_days[due_i]);
	uint32_t times[8];
	bench_event_times(seed, i, k, times);

	struct batch *b = tb->tasks;
	batch_int(b, id);
	batch_int(b, id);
	batch_text(b, code);
	batch_text(b, title.s);
	batch_text(b, desc.s);
	batch_int(b, doc + 1);
	batch_int(b, cno);
	batch_int(b, sec + 1);
	batch_int(b, lead + 1);
	batch_int(b, bench_pick(bench_h(seed, i, H_PROV, 0), 3) == 0);
	batch_text(b, start);
	batch_text(b, due_i < COUNT(due_days) ? due : NULL);
	batch_text(b, bench_status_keys[status]);
	batch_int(b, progress);
	batch_int(b, 1 + k);
	if (k > 0) {
		bench_fmt_time(at, times[k - 1]);
		bench_user_name(who, bench_event_user(seed, i, k));
		batch_text(b, at);
		batch_text(b, who);
		batch_text(b, bench_event_note(seed, i, k, status));
	} else {
		batch_text(b, NULL);
		batch_text(b, NULL);
		batch_text(b, "");
	}
	free(code);
	bool full = batch_row(b);

	uint64_t rc = bench_h(seed, i, H_COOP, 0);
	int ncoop = bench_pick(rc, 4);
	uint64_t used = 0;
	for (int c = 0; c < ncoop; c++) {
		int d = bench_pick(rc >> (8 + 8 * c), STORE_BENCH_DEPTS);
		if (d == lead || (used >> d & 1))
			continue;
		used |= (uint64_t)1 << d;
		batch_int(tb->coop, id);
		batch_int(tb->coop, d + 1);
		batch_row(tb->coop);
	}

	static const int years[] = { 2021, 2022, 2023, 2025 };
	uint64_t rm = bench_h(seed, i, H_MILESTONE, 0);
	int first = bench_pick(rm, 4), nms = 1 + bench_pick(rm >> 4, 3);
	for (int m = 0; m < nms && first + m < 4; m++) {
		int year = years[first + m];
		uint64_t q = bench_h(seed, i, H_MILESTONE, m + 1);
		int quarter = bench_pick(q, 10) < 3 ? 1 + bench_pick(q >> 8, 4) : 0;
		int p = bench_pick(q >> 16, 10);
		const char *ms = year == 2025 ? "pending" : fs == ST_DONE || p < 5 ? "done" : p < 6 ? "missed" : "pending";
		b = tb->milestones;
		batch_int(b, id);
		batch_int(b, year);
		if (quarter)
			batch_int(b, quarter);
		else
			batch_text(b, NULL);
		batch_text(b, bench_milestone_targets[bench_pick(q >> 24, COUNT(bench_milestone_targets))]);
		batch_text(b, ms);
		if (strcmp(ms, "pending")) {
			snprintf(at, sizeof at, "%04d-12-%02dT08:00:00Z", year, 10 + bench_pick(q >> 32, 18));
			bench_user_name(who, lead);
			batch_text(b, at);
			batch_text(b, who);
		} else {
			batch_text(b, NULL);
			batch_text(b, NULL);
		}
		batch_row(b);
	}
	/* The tasks first: the milestones' triggers read them. */
	enum err_code c = ERR_OK;
	if (full && !(c = batch_flush(tb->tasks)) && !(c = batch_flush(tb->coop)))
		c = batch_flush(tb->milestones);
	return c;
}

static enum err_code
write_tasks(struct gen *g)
{
	struct task_batches tb = {
		.tasks = batch_new(g, "INSERT INTO tasks (id, pos, code, title, description, document_id, chapter_id, "
		                   "section_id, lead_dept_id, provisional, start_date, due_date, status, progress, version, "
		                   "updated_at, updated_by, note) VALUES", 18, "writing tasks", &g->c.tasks),
		.coop = batch_new(g, "INSERT INTO task_coop (task_id, dept_id) VALUES", 2,
		                  "writing cooperating departments", &g->c.coop),
		.milestones = batch_new(g, "INSERT INTO milestones (task_id, year, quarter, target, status, updated_at, "
		                        "updated_by) VALUES", 7, "writing milestones", &g->c.milestones),
	};
	enum err_code c = ERR_OK;
	for (long long i = 0; i < g->n && !c; i++) {
		if (i % TASKS_PER_TXN == 0 && i > 0 && !(c = batch_flush(tb.tasks)) && !(c = batch_flush(tb.coop)) &&
		    !(c = batch_flush(tb.milestones)) && !(c = store_commit(g->s, g->e)))
			c = store_begin(g->s, g->e);
		if (!c)
			c = write_task(g, &tb, i);
	}
	if (!c && !(c = batch_flush(tb.tasks)) && !(c = batch_flush(tb.coop)))
		c = batch_flush(tb.milestones);
	batch_free(tb.tasks);
	batch_free(tb.coop);
	batch_free(tb.milestones);
	return c;
}

/* ---- the change log ------------------------------------------------------------------ */

/* The change rows update j of task i made, as the audit triggers write them. */
static enum err_code
write_event(struct gen *g, struct batch *b, const struct event *ev)
{
	long long i = ev->task;
	int s0, p0, s1, p1;
	bench_task_state(g->seed, i, ev->j - 1, &s0, &p0);
	bench_task_state(g->seed, i, ev->j, &s1, &p1);
	char at[32], who[32], old[16], new[16];
	bench_fmt_time(at, ev->at);
	bench_user_name(who, bench_event_user(g->seed, i, ev->j));
	char *code = store_bench_task_code(g->n, i + 1);
	const char *note = bench_event_note(g->seed, i, ev->j, s1);
	struct row { const char *field, *old, *new; } rows[2];
	int nrows = 0;
	if (s0 != s1)
		rows[nrows++] = (struct row){ "status", bench_status_keys[s0], bench_status_keys[s1] };
	if (p0 != p1) {
		snprintf(old, sizeof old, "%d", p0);
		snprintf(new, sizeof new, "%d", p1);
		rows[nrows++] = (struct row){ "progress", old, new };
	}
	if (nrows == 0)
		rows[nrows++] = (struct row){ "note", NULL, NULL };
	enum err_code c = ERR_OK;
	for (int r = 0; r < nrows && !c; r++) {
		batch_text(b, at);
		batch_text(b, who);
		batch_text(b, "task");
		batch_text(b, code);
		batch_int(b, i + 1);
		batch_text(b, rows[r].field);
		batch_text(b, rows[r].old);
		batch_text(b, rows[r].new);
		batch_text(b, r == 0 ? note : "");
		batch_int(b, 1 + ev->j);
		if (batch_row(b))
			c = batch_flush(b);
	}
	free(code);
	return c;
}

/* What is dropped during the load and made again at the end: the
 * secondary indexes of the big tables (built by one sort each instead of
 * millions of inserts), and the triggers that keep the tallies and the
 * search index of db/migrations/0005_perf_indexes.sql, whose contents are
 * then computed in one pass each. */
struct saved_schema {
	char **sql;
	int n;
	bool tallies, search;
};

static enum err_code
drop_derived(struct gen *g, struct saved_schema *x)
{
	static const char sql[] = "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL "
		"AND ((type = 'index' AND tbl_name IN ('tasks', 'changes', 'milestones', 'task_coop')) "
		"OR (type = 'trigger' AND name IN ('tally_tasks_insert', 'tally_coop_insert', 'task_fts_insert')))";
	sqlite3_stmt *st = store_stmt(g->s, sql, g->e);
	if (!st)
		return g->e ? g->e->code : ERR_DB;
	char **drops = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = store_col(st, 0), *name = store_col(st, 1);
		x->sql = xrealloc(x->sql, sizeof *x->sql * (size_t)(x->n + 1));
		drops = xrealloc(drops, sizeof *drops * (size_t)(x->n + 1));
		drops[x->n] = xasprintf("DROP %s \"%s\"", !strcmp(type, "index") ? "INDEX" : "TRIGGER", name);
		x->sql[x->n++] = xstrdup(store_col(st, 2));
		x->tallies |= !strcmp(name, "tally_tasks_insert");
		x->search |= !strcmp(name, "task_fts_insert");
	}
	sqlite3_reset(st);
	enum err_code c = rc == SQLITE_DONE ? ERR_OK : store_fail(g->s, g->e, "reading the schema");
	for (int i = 0; i < x->n; i++) {
		if (!c)
			c = store_exec(g->s, drops[i], g->e);
		free(drops[i]);
	}
	free(drops);
	return c;
}

static enum err_code
restore_derived(struct gen *g, struct saved_schema *x)
{
	enum err_code c = ERR_OK;
	for (int i = 0; i < x->n; i++) {
		if (!c)
			c = store_exec(g->s, x->sql[i], g->e);
		free(x->sql[i]);
	}
	free(x->sql);
	x->sql = NULL;
	x->n = 0;
	if (!c && x->tallies)
		c = store_exec(g->s,
			"INSERT INTO tally_tree SELECT chapter_id, ifnull(section_id, 0), status, ifnull(due_date, ''), "
			"count(*), sum(progress) FROM tasks GROUP BY 1, 2, 3, 4; "
			"INSERT INTO tally_dept SELECT ifnull(lead_dept_id, 0), status, ifnull(due_date, ''), count(*), "
			"sum(progress) FROM tasks GROUP BY 1, 2, 3; "
			"INSERT INTO tally_coop SELECT dept_id, count(*) FROM task_coop GROUP BY 1", g->e);
	if (!c && x->search)
		c = store_exec(g->s, "INSERT INTO task_fts (task_fts) VALUES ('rebuild')", g->e);
	return c;
}

static enum err_code
write_events(struct gen *g)
{
	/* All updates of all tasks, in time order. */
	size_t cap = (size_t)g->n * 2 + 16, n = 0;
	struct event *ev = xmalloc(sizeof *ev * cap);
	for (long long i = 0; i < g->n; i++) {
		int fs, k;
		uint32_t times[8];
		bench_task_fate(g->seed, i, &fs, &k);
		bench_event_times(g->seed, i, k, times);
		for (int j = 0; j < k; j++) {
			if (n == cap) {
				cap *= 2;
				ev = xrealloc(ev, sizeof *ev * cap);
			}
			ev[n++] = (struct event){ .at = times[j], .task = (uint32_t)i, .j = (uint8_t)(j + 1) };
		}
	}
	qsort(ev, n, sizeof *ev, bench_event_cmp);
	struct batch *b = batch_new(g, "INSERT INTO changes (at, who, kind, item, task_id, field, old, new, note, version) "
	                            "VALUES", 10, "writing the change log", &g->c.changes);
	enum err_code c = ERR_OK;
	for (size_t i = 0; i < n && !c; i++) {
		if (i % ((size_t)TASKS_PER_TXN * 3) == 0 && i > 0 && !(c = batch_flush(b)) && !(c = store_commit(g->s, g->e)))
			c = store_begin(g->s, g->e);
		if (!c)
			c = write_event(g, b, &ev[i]);
	}
	if (!c)
		c = batch_flush(b);
	batch_free(b);
	free(ev);
	return c;
}

enum err_code
store_bench_generate(struct store *s, long long n, unsigned long long seed, struct bench_counts *counts,
                     struct error *e)
{
	if (n < 1 || n > 100000000)
		return err_set(e, ERR_INVALID, "number of tasks: expected 1 to 100000000, got %lld", n);
	struct gen g = { .s = s, .e = e, .seed = seed, .n = n };
	static const char empty_sql[] = "SELECT (SELECT count(*) FROM tasks) + (SELECT count(*) FROM departments)";
	sqlite3_stmt *st = store_stmt(s, empty_sql, e);
	if (!st)
		return e->code;
	int rc = sqlite3_step(st);
	long long existing = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	if (existing != 0)
		return existing < 0 ? store_fail(s, e, "reading") :
		       err_set(e, ERR_REFUSED, "%s already holds a plan; the generator fills only an empty database", store_path(s));

	enum err_code c = store_exec(s, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; "
	                             "PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY; PRAGMA threads = 2; "
	                             "PRAGMA foreign_keys = OFF", e);
	struct saved_schema idx = { 0 };
	if (!c)
		c = store_begin(s, e);
	if (!c)
		c = drop_derived(&g, &idx);
	if (!c)
		c = write_structure(&g);
	if (!c)
		c = write_tasks(&g);
	if (!c)
		c = write_events(&g);
	if (!c)
		c = write_users(&g);
	if (!c)
		c = restore_derived(&g, &idx);
	if (!c)
		c = store_commit(s, e);
	else
		store_rollback(s);
	for (int i = 0; i < idx.n; i++)   /* left after a failure */
		free(idx.sql[i]);
	free(idx.sql);
	enum err_code c2 = store_exec(s, "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT; PRAGMA threads = 0; "
	                              "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL", c ? NULL : e);
	if (!c2)
		c2 = store_sync_apply(s, c ? NULL : e);
	if (!c)
		c = c2;
	if (!c && counts)
		*counts = g.c;
	return c;
}

/* ---- checking the benchmark's own writes --------------------------------------------------------- */

enum err_code
store_bench_log_last(struct store *s, long long *id, struct error *e)
{
	static const char sql[] = "SELECT ifnull(max(id), 0) FROM changes";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ERR_OK : store_fail(s, e, "reading the change log");
}

enum err_code
store_bench_log_since(struct store *s, long long after_id, const char *note_prefix, long long *rows,
                      long long *notes, struct error *e)
{
	static const char sql[] = "SELECT count(*), count(DISTINCT note) FROM changes "
		"WHERE id > ?1 AND substr(note, 1, length(?2)) = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	sqlite3_bind_int64(st, 1, after_id);
	store_bind_text(st, 2, note_prefix);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*rows = sqlite3_column_int64(st, 0);
		*notes = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ERR_OK : store_fail(s, e, "reading the change log");
}

enum err_code
store_bench_sync(struct store *s, bool full, struct error *e)
{
	s->sync_normal = !full;
	return store_sync_apply(s, e);
}
