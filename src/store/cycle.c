/* store_cycle: the periods of the supervision cycle as the store sees
 * them: the first period, and the period a command names, checked. One
 * definition for the reports, the evidence, the office's lists, the lights
 * and the ranking (plancon(1), SUPERVISION, "Periods and reports"). */
#include "internal.h"

#include <string.h>

#include "plancon/store_cycle.h"

enum err_code
store_cycle_first(struct store *s, const struct cycle_settings *cs, const char *as_of, struct cycle_period *first,
                  struct error *e)
{
	static const char sql[] = "SELECT period FROM reports WHERE period GLOB ?1 ORDER BY period LIMIT 1";
	if (cs->since[0] && cycle_period_parse(cs->since, first) && first->kind == cs->kind)
		return ERR_OK;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return e->code;
	store_bind_text(st, 1, cs->kind == CYCLE_QUARTER ? "[0-9][0-9][0-9][0-9]-Q[1-4]" : "[0-9][0-9][0-9][0-9]-[01][0-9]");
	int rc = sqlite3_step(st);
	bool found = rc == SQLITE_ROW && store_col(st, 0) && cycle_period_parse(store_col(st, 0), first);
	enum err_code c = store_finish(s, st, rc, e);
	struct cycle_period now;
	if (c)
		return c;
	if (!cycle_period_reporting(cs->kind, as_of, &now))
		return err_set(e, ERR_INVALID, _("no reporting period at %s"), as_of);
	/* The period reported now is never before the first: switching the
	 * cycle on, or filing this period's report early, leaves it open. */
	if (!found || strcmp(now.key, first->key) < 0)
		*first = now;
	return ERR_OK;
}

enum err_code
store_cycle_period_parse(const struct cycle_settings *cs, const char *key, struct cycle_period *p, struct error *e)
{
	if (!cycle_period_parse(key, p))
		return err_set(e, ERR_INVALID, _("--period: \"%s\" is not a period (a month 2024-03, or a quarter 2024-Q1)"),
		               key);
	if (cs && p->kind != cs->kind)
		return err_set(e, ERR_INVALID, cs->kind == CYCLE_QUARTER
		               ? _("--period: the cycle reports by quarter: give a quarter (2024-Q1), not \"%s\"")
		               : _("--period: the cycle reports by month: give a month (2024-03), not \"%s\""), key);
	return ERR_OK;
}

enum err_code
store_cycle_period(struct store *s, const struct cycle_settings *cs, const char *as_of, const char *key,
                   struct cycle_period *p, struct error *e)
{
	struct cycle_period first, now;
	enum err_code c = store_cycle_first(s, cs, as_of, &first, e);
	if (c)
		return c;
	if (!cycle_period_of(cs->kind, as_of, &now))
		return err_set(e, ERR_INVALID, _("\"%s\" is not a date"), as_of);
	if (!key) {
		if (!cycle_period_reporting(cs->kind, as_of, p) || strcmp(p->key, first.key) < 0)
			*p = first;
		return ERR_OK;
	}
	if ((c = store_cycle_period_parse(cs, key, p, e)))
		return c;
	if (strcmp(p->key, first.key) < 0)
		return err_set(e, ERR_INVALID, _("--period: %s is before the cycle's first period, %s"), p->key, first.key);
	if (strcmp(p->key, now.key) > 0)
		return err_set(e, ERR_INVALID, _("--period: %s has not begun (the current period is %s)"), p->key, now.key);
	return ERR_OK;
}

bool
store_cycle_missing(const struct cycle_period *p, const struct cycle_period *first, const char *due,
                    const char *as_of)
{
	return strcmp(p->key, first->key) >= 0 && cycle_report_missing(false, due, as_of);
}
