/* rank: the departments' ranking of a period (store_rank.h): one query
 * counts each lead department's reports and tasks of the period; the
 * score and the rank are cycle.c's. */
#include "internal.h"

#include "plancon/store_cycle.h"

#include <stdlib.h>
#include <string.h>

#include "plancon/model.h"
#include "plancon/store_rank.h"
#include "plancon/xalloc.h"

/* ?1 period key, ?2 its first day, ?3 its last, ?4 whether reports not
 * filed are missing (as_of after the due date, the period not before the
 * cycle's first), ?5 as_of, ?6 the office's name. A task's work is on time
 * when it is done (verified) and the done_reported closing that led to it
 * is dated on or before its original due date; late when not, once that
 * date is past. */
#define RANK_ON_TIME \
	"(t.status = 'done' AND ifnull((SELECT substr(c.local, 1, 10) FROM closings c WHERE c.task_id = t.id " \
	"AND c.event = 'done_reported' ORDER BY c.id DESC LIMIT 1), '9999-99-99') <= ifnull(t.original_due, t.due_date))"
static const char rank_sql[] =
	"WITH d AS (SELECT id, short, name FROM departments "
	"  WHERE id IN (SELECT dept_id FROM tally_dept WHERE n > 0) "
	"  AND (?6 IS NULL OR (short <> ?6 AND name <> ?6))), "
	/* rep: every report of the period filed (not a draft), of any task:
	 * on time and late count what was filed, even by a task closed since,
	 * so without SQL_REPORT_EXPECTED (unlike filed below) */
	"rep AS (SELECT r.dept_id, total(r.on_time = 1) ot, total(r.on_time = 0) lt, "
	"  total(EXISTS (SELECT 1 FROM reviews v WHERE v.report_id = r.id AND v.decision = 'return')) ret "
	"  FROM reports r WHERE r.period = ?1 AND r.state <> 'draft' GROUP BY r.dept_id), "
	/* missing: the open tasks (the tally kept by triggers), less those
	 * awaiting verification (each has a done_reported closing), less those
	 * expected to report whose report is filed: the count of tasks
	 * SQL_REPORT_UNFILED holds for (internal.h, the one rule), taken from
	 * the tally so that no pass over the tasks is needed */
	"open AS (SELECT dept_id, sum(n) n FROM tally_dept WHERE status NOT IN ('done', 'cancelled') GROUP BY dept_id), "
	"waiting AS (SELECT t.lead_dept_id dept_id, count(*) n FROM tasks t WHERE t.awaiting = 1 "
	"  AND t.status NOT IN ('done', 'cancelled') "
	"  AND t.id IN (SELECT task_id FROM closings WHERE event = 'done_reported') GROUP BY t.lead_dept_id), "
	/* the open tasks' filed reports: from the index of the tasks that
	 * report, each asked of reports_filed (both index-only), not a row of
	 * the tasks read for every report */
	"filed AS (SELECT t.lead_dept_id dept_id, count(*) n FROM tasks t INDEXED BY tasks_reporting "
	"  WHERE " SQL_REPORT_EXPECTED("t") " AND " SQL_REPORT_FILED("t", "?1") " GROUP BY t.lead_dept_id), "
	"miss AS (SELECT o.dept_id, o.n - ifnull(w.n, 0) - ifnull(f.n, 0) n FROM open o "
	"  LEFT JOIN waiting w ON w.dept_id = o.dept_id LEFT JOIN filed f ON f.dept_id = o.dept_id WHERE ?4), "
	"work AS (SELECT t.lead_dept_id dept_id, total(" RANK_ON_TIME ") ot, "
	"  total(NOT " RANK_ON_TIME " AND ifnull(t.original_due, t.due_date) < ?5) lt FROM tasks t "
	"  WHERE ifnull(t.original_due, t.due_date) BETWEEN ?2 AND ?3 AND t.status <> 'cancelled' "
	"  AND t.lead_dept_id IS NOT NULL GROUP BY t.lead_dept_id), "
	"closed AS (SELECT t.lead_dept_id dept_id, count(DISTINCT t.id) n FROM closings c JOIN tasks t ON t.id = c.task_id "
	"  WHERE c.event = 'verified' AND substr(c.local, 1, 10) BETWEEN ?2 AND ?3 GROUP BY t.lead_dept_id) "
	"SELECT d.id, d.short, d.name, ifnull(rep.ot, 0), ifnull(rep.lt, 0), ifnull(miss.n, 0), ifnull(rep.ret, 0), "
	"ifnull(work.ot, 0), ifnull(work.lt, 0), ifnull(closed.n, 0) FROM d "
	"LEFT JOIN rep ON rep.dept_id = d.id LEFT JOIN miss ON miss.dept_id = d.id "
	"LEFT JOIN work ON work.dept_id = d.id LEFT JOIN closed ON closed.dept_id = d.id ORDER BY d.id";

/* The period asked for (key, or the reporting one at as_of) into p. Read
 * by store_cycle_period_parse, the one check of a period's form and kind,
 * but not by store_cycle_period: a period before the cycle's first is
 * ranked too (nothing of it is missing: not ranked), as is the running one. */
static enum err_code
rank_period(const struct cycle_settings *cs, const char *key, const char *as_of, struct cycle_period *p,
            struct error *e)
{
	if (key)
		return store_cycle_period_parse(cs, key, p, e);
	if (!cycle_period_reporting(cs->kind, as_of, p))
		return err_set(e, ERR_INVALID, _("no reporting period at %s"), as_of ? as_of : "-");
	return ERR_OK;
}

static void
rank_fill(sqlite3_stmt *st, struct rank_row *r)
{
	*r = (struct rank_row){
		.dept_id = sqlite3_column_int64(st, 0),
		.short_name = xstrdup(store_col(st, 1) ? store_col(st, 1) : ""),
		.name = xstrdup(store_col(st, 2) ? store_col(st, 2) : ""),
		.reports_returned = (long long)sqlite3_column_double(st, 6),
		.c = { .reports_on_time = (long long)sqlite3_column_double(st, 3),
		       .reports_late = (long long)sqlite3_column_double(st, 4),
		       .reports_missing = sqlite3_column_int64(st, 5),
		       .tasks_on_time = (long long)sqlite3_column_double(st, 7),
		       .tasks_late = (long long)sqlite3_column_double(st, 8),
		       .tasks_closed = sqlite3_column_int64(st, 9) },
	};
	r->reports_due = r->c.reports_on_time + r->c.reports_late + r->c.reports_missing;
	r->score = cycle_score(&r->c);
}

/* Ranks from the scores, with cycle_rank. */
static void
rank_assign(struct rank_table *t)
{
	int *score = xcalloc(t->n + 1, sizeof *score), *rank = xcalloc(t->n + 1, sizeof *rank);
	for (size_t i = 0; i < t->n; i++)
		score[i] = t->rows[i].score;
	cycle_rank(score, t->n, rank);
	for (size_t i = 0; i < t->n; i++)
		t->rows[i].rank = rank[i];
	free(score);
	free(rank);
}

enum err_code
store_rank(struct store *s, const struct cycle_settings *cs, const char *key, const char *as_of, const char *office,
           struct rank_table *out, struct error *e)
{
	*out = (struct rank_table){ 0 };
	struct cycle_period p, first;
	if (rank_period(cs, key, as_of, &p, e) || store_cycle_first(s, cs, as_of, &first, e))
		return e->code;
	memcpy(out->period, p.key, sizeof out->period);
	memcpy(out->start, p.start, sizeof out->start);
	memcpy(out->end, p.end, sizeof out->end);
	if (!cycle_report_due(&p, cs->due_day, out->due))
		return err_set(e, ERR_INVALID, _("no due date for the reports of %s"), p.key);
	bool missing = store_cycle_missing(&p, &first, out->due, as_of);
	sqlite3_stmt *st = store_stmt(s, rank_sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, p.key);
	store_bind_text(st, 2, p.start);
	store_bind_text(st, 3, p.end);
	sqlite3_bind_int(st, 4, missing);
	store_bind_text(st, 5, as_of);
	store_bind_text(st, 6, office && office[0] ? office : NULL);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 16;
			out->rows = xrealloc(out->rows, cap * sizeof *out->rows);
		}
		rank_fill(st, &out->rows[out->n++]);
	}
	if (store_finish(s, st, rc, e)) {
		store_rank_free(out);
		return e->code;
	}
	rank_assign(out);
	return ERR_OK;
}

void
store_rank_free(struct rank_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->rows[i].short_name);
		free(t->rows[i].name);
	}
	free(t->rows);
	*t = (struct rank_table){ 0 };
}
