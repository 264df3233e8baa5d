/* lights: the parameters of the warning lights' SQL (SQL_LIGHT_REASON in
 * internal.h): the period whose report a task's light looks at, the
 * thresholds and the light filter, computed once per query from the
 * cycle's settings and the as-of date. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/model.h"
#include "plancon/store_cycle.h"
#include "plancon/store_tasks.h"
#include "plancon/xalloc.h"

/* The latest period of kind k whose report is due on or before as_of,
 * with that due date; false when there is none. */
static bool
period_due(const struct cycle_settings *cs, const char *as_of, struct cycle_period *p, char due[11])
{
	if (!cycle_period_reporting(cs->kind, as_of, p) || !cycle_report_due(p, cs->due_day, due))
		return false;
	if (strcmp(due, as_of) <= 0)
		return true;
	struct cycle_period before;
	if (!cycle_period_step(p, -1, &before) || !cycle_report_due(&before, cs->due_day, due))
		return false;
	*p = before;
	return true;
}

/* ",reason,...," of the reasons that give light l. */
static void
light_filter(enum cycle_light l, char *out, size_t size)
{
	size_t n = 0;
	out[n++] = ',';
	for (int r = 0; r < CYCLE_WHY_COUNT; r++) {
		if (cycle_reason_light((enum cycle_reason)r) != l)
			continue;
		const char *k = cycle_reason_key((enum cycle_reason)r);
		size_t len = strlen(k);
		if (n + len + 2 > size)
			break;
		memcpy(out + n, k, len);
		n += len;
		out[n++] = ',';
	}
	out[n] = '\0';
}

enum err_code
store_lights_prepare(struct store *s, const struct cycle_settings *cs, const char *as_of, const char *light,
                     struct store_lights *l, struct error *e)
{
	*l = (struct store_lights){ 0 };
	int which = light ? cycle_light_parse(light) : -1;
	if (light && which < 0)
		return err_set(e, ERR_INVALID, _("unknown light \"%s\" (red, yellow, green, closed)"), light);
	if (!cs || !cs->on || !model_date_valid(as_of))
		return ERR_OK;
	l->as_of = as_of;
	l->near_days = cs->near_days;
	store_as_of_year_month(as_of, &l->year, &l->month);
	if (which >= 0)
		light_filter((enum cycle_light)which, l->filter, sizeof l->filter);
	struct cycle_period p;
	struct cycle_period first;
	char due[11];
	if (!period_due(cs, as_of, &p, due))
		return ERR_OK;
	if (store_cycle_first(s, cs, as_of, &first, e))
		return e->code;
	if (strcmp(p.key, first.key) < 0)
		return ERR_OK;
	store_lights_period(l, p.key, due, cs->grace_days);
	return ERR_OK;
}

void
store_lights_period(struct store_lights *l, const char *key, const char *due, int grace_days)
{
	snprintf(l->period, sizeof l->period, "%s", key);
	snprintf(l->due, sizeof l->due, "%s", due);
	l->missing = cycle_report_missing(false, due, l->as_of);
	l->past_grace = l->missing && model_days_between(due, l->as_of) > grace_days;
}

enum err_code
store_light_counts_each(struct store *s, enum light_group by, const struct cycle_settings *cycle, const char *as_of,
                        light_count_cb cb, void *ctx, struct error *e)
{
	/* the groups in order, each key's rows one after the other */
#define LIGHT_COUNTS(group, from) \
	"SELECT g, r, count(*) FROM (SELECT " group " g, " SQL_LIGHT_REASON("t") " r FROM tasks t " from \
	"WHERE ?30 IS NOT NULL) GROUP BY g, r ORDER BY g"
	static const char *const sql[] = {
		[LIGHTS_BY_DEPT] = LIGHT_COUNTS("d.short", "LEFT JOIN departments d ON d.id = t.lead_dept_id "),
		[LIGHTS_BY_CHAPTER] = LIGHT_COUNTS("c.no", "JOIN chapters c ON c.id = t.chapter_id "),
	};
#undef LIGHT_COUNTS
	struct store_lights l;
	if (store_lights_prepare(s, cycle, as_of, NULL, &l, e))
		return e->code;
	if (!l.as_of)
		return ERR_OK;
	sqlite3_stmt *st = store_stmt(s, sql[by == LIGHTS_BY_CHAPTER], e);
	if (!st)
		return e->code;
	store_lights_bind(st, &l);
	struct light_count_row row = { 0 };
	char *key = NULL;
	bool any = false;
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *g = store_col(st, 0);
		bool same = any && (g && key ? !strcmp(g, key) : !g && !key);
		if (any && !same) {
			row.key = key;
			stop = cb(&row, ctx);
		}
		if (!same) {
			free(key);
			key = g ? xstrdup(g) : NULL;
			row = (struct light_count_row){ 0 };
			any = true;
		}
		int r = cycle_reason_parse(store_col(st, 1));
		if (r >= 0)
			row.n[cycle_reason_light((enum cycle_reason)r)] += sqlite3_column_int64(st, 2);
	}
	if (!stop && rc == SQLITE_DONE && any) {
		row.key = key;
		cb(&row, ctx);
	}
	free(key);
	return store_finish(s, st, stop ? SQLITE_DONE : rc, e);
}

void
store_lights_bind(sqlite3_stmt *st, const struct store_lights *l)
{
	static const struct store_lights off = { 0 };
	if (!l)
		l = &off;
	store_bind_text(st, 30, l->as_of);
	store_bind_text(st, 31, l->period[0] ? l->period : NULL);
	sqlite3_bind_int(st, 32, l->missing);
	sqlite3_bind_int(st, 33, l->past_grace);
	sqlite3_bind_int(st, 34, l->near_days);
	sqlite3_bind_int(st, 35, l->year);
	sqlite3_bind_int(st, 36, l->month);
	store_bind_text(st, 37, l->filter[0] ? l->filter : NULL);
}
