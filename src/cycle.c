/* cycle: the supervision cycle's pure rules (periods, due dates, lights,
 * scores). Every rule is written once here so that the store's queries,
 * the CLI and the console cannot drift; the store computes the same
 * things in SQL only where a million rows need it, and the tests compare
 * both against these. Calendar arithmetic is model.c's. */
#include "plancon/cycle.h"

#include <stdio.h>
#include <string.h>

#include "plancon/model.h"

int
cycle_kind_parse(const char *s)
{
	if (s && !strcmp(s, "month"))
		return CYCLE_MONTH;
	if (s && !strcmp(s, "quarter"))
		return CYCLE_QUARTER;
	return -1;
}

const char *
cycle_kind_key(enum cycle_kind k)
{
	return k == CYCLE_QUARTER ? "quarter" : "month";
}

static void
date_write(int y, int m, int d, char out[11])
{
	char buf[48];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

/* Fill p from kind, year and index (both in range). */
static void
period_fill(enum cycle_kind k, int year, int index, struct cycle_period *p)
{
	int first = k == CYCLE_QUARTER ? 3 * index - 2 : index;
	int last = k == CYCLE_QUARTER ? 3 * index : index;
	char buf[48];
	p->kind = k;
	p->year = year;
	p->index = index;
	if (k == CYCLE_QUARTER)
		snprintf(buf, sizeof buf, "%04d-Q%d", year, index);
	else
		snprintf(buf, sizeof buf, "%04d-%02d", year, index);
	memcpy(p->key, buf, CYCLE_KEY_LEN - 1);
	p->key[CYCLE_KEY_LEN - 1] = '\0';
	date_write(year, first, 1, p->start);
	date_write(year, last, model_month_days(year, last), p->end);
}

bool
cycle_period_of(enum cycle_kind k, const char *date, struct cycle_period *p)
{
	int y, m, d;
	if (!model_date_valid(date) || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return false;
	period_fill(k, y, k == CYCLE_QUARTER ? (m + 2) / 3 : m, p);
	return true;
}

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool
cycle_period_parse(const char *key, struct cycle_period *p)
{
	if (!key || strlen(key) != 7 || !digits(key, 4) || key[4] != '-')
		return false;
	int y = (key[0] - '0') * 1000 + (key[1] - '0') * 100 + (key[2] - '0') * 10 + (key[3] - '0');
	if (y < 1)
		return false;
	if (key[5] == 'Q' && key[6] >= '1' && key[6] <= '4') {
		period_fill(CYCLE_QUARTER, y, key[6] - '0', p);
		return true;
	}
	if (!digits(key + 5, 2))
		return false;
	int m = (key[5] - '0') * 10 + (key[6] - '0');
	if (m < 1 || m > 12)
		return false;
	period_fill(CYCLE_MONTH, y, m, p);
	return true;
}

bool
cycle_period_step(const struct cycle_period *p, int delta, struct cycle_period *out)
{
	long per_year = p->kind == CYCLE_QUARTER ? 4 : 12;
	long n = (long)p->year * per_year + (p->index - 1) + delta;
	long y = n / per_year;
	if (n < 0 || y < 1 || y > 9999)
		return false;
	period_fill(p->kind, (int)y, (int)(n % per_year) + 1, out);
	return true;
}

bool
cycle_report_due(const struct cycle_period *p, int due_day, char out[11])
{
	if (due_day < CYCLE_DUE_DAY_MIN || due_day > CYCLE_DUE_DAY_MAX)
		return false;
	int y = p->year, m = (p->kind == CYCLE_QUARTER ? 3 * p->index : p->index) + 1;
	if (m > 12)
		m = 1, y++;
	if (y > 9999)
		return false;
	int last = model_month_days(y, m);
	date_write(y, m, due_day < last ? due_day : last, out);
	return true;
}

/* "HH:MM" or "HH:MM:SS" */
static bool
time_valid(const char *s)
{
	size_t n = strlen(s);
	if ((n != 5 && n != 8) || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2))
		return false;
	if ((s[0] - '0') * 10 + (s[1] - '0') > 23 || s[3] > '5')
		return false;
	return n == 5 || (s[5] == ':' && digits(s + 6, 2) && s[6] <= '5');
}

bool
cycle_on_time(const char *filed, const char *due)
{
	char day[11];
	if (!filed || !model_date_valid(due) || strlen(filed) < 10)
		return false;
	memcpy(day, filed, 10);
	day[10] = '\0';
	if (!model_date_valid(day))
		return false;
	if (filed[10] && ((filed[10] != ' ' && filed[10] != 'T') || !time_valid(filed + 11)))
		return false;
	return strcmp(day, due) <= 0;
}

bool
cycle_report_missing(bool filed, const char *due, const char *as_of)
{
	return !filed && model_date_valid(due) && model_date_valid(as_of) && strcmp(as_of, due) > 0;
}

bool
cycle_extension_open(const char *due, const char *request_date)
{
	return model_date_valid(due) && model_date_valid(request_date) && strcmp(request_date, due) <= 0;
}

const char *
cycle_due_effective(const char *original, const char *approved)
{
	return approved && *approved ? approved : original;
}

/* ---- warning lights ---------------------------------------------------------------- */

static const struct {
	const char *key, *mark;
} lights[] = {
#define X(id, key, mark) [id] = { key, mark },
	CYCLE_LIGHTS(X)
#undef X
};

static const struct {
	const char *key;
	enum cycle_light light;
} reasons[] = {
#define X(id, key, light) [id] = { key, light },
	CYCLE_REASONS(X)
#undef X
};

const char *cycle_light_key(enum cycle_light l) { return (unsigned)l < CYCLE_LIGHT_COUNT ? lights[l].key : "?"; }
const char *cycle_light_mark(enum cycle_light l) { return (unsigned)l < CYCLE_LIGHT_COUNT ? lights[l].mark : "?"; }
const char *cycle_reason_key(enum cycle_reason r) { return (unsigned)r < CYCLE_WHY_COUNT ? reasons[r].key : "?"; }

enum cycle_light
cycle_reason_light(enum cycle_reason r)
{
	return (unsigned)r < CYCLE_WHY_COUNT ? reasons[r].light : CYCLE_LIGHT_GREEN;
}

int
cycle_light_parse(const char *key)
{
	for (int i = 0; key && i < CYCLE_LIGHT_COUNT; i++)
		if (!strcmp(key, lights[i].key))
			return i;
	return -1;
}

int
cycle_reason_parse(const char *key)
{
	for (int i = 0; key && i < CYCLE_WHY_COUNT; i++)
		if (!strcmp(key, reasons[i].key))
			return i;
	return -1;
}

bool
cycle_behind(int progress, const char *start, const char *due, const char *as_of)
{
	if (!model_date_valid(due) || !model_date_valid(as_of))
		return false;
	long total = model_date_valid(start) ? model_days_between(start, due) : 0;
	if (total <= 0)
		return progress < 100;
	long elapsed = model_days_between(start, as_of);
	if (elapsed < 0)
		elapsed = 0;
	if (elapsed > total)
		elapsed = total;
	return (long)progress * total < 100L * elapsed;
}

/* The first rule of CYCLE_REASONS that holds for f. */
static enum cycle_reason
decide(const struct cycle_task_facts *f, const struct cycle_thresholds *t)
{
	const char *st = f->status ? f->status : "";
	if (!strcmp(st, "cancelled"))
		return CYCLE_WHY_CANCELLED;
	if (!strcmp(st, "done"))
		return f->verified ? CYCLE_WHY_VERIFIED : CYCLE_WHY_AWAITING;

	const char *due = cycle_due_effective(f->due_date, f->approved_due);
	bool has_due = model_date_valid(due) && model_date_valid(f->as_of);
	bool missing = f->report == CYCLE_REPORT_NOT_FILED && cycle_report_missing(false, f->report_due, f->as_of);

	if (has_due && model_task_late(due, st, f->as_of))
		return CYCLE_WHY_PAST_DUE;
	if (f->missed_milestones > 0)
		return CYCLE_WHY_MILESTONE;
	if (missing && model_days_between(f->report_due, f->as_of) > t->grace_days)
		return CYCLE_WHY_MISSING_LONG;

	if (has_due && model_days_between(f->as_of, due) <= t->near_days
	    && cycle_behind(f->progress, f->start_date, due, f->as_of))
		return CYCLE_WHY_BEHIND;
	if (f->report == CYCLE_REPORT_RETURNED)
		return CYCLE_WHY_RETURNED;
	if (missing)
		return CYCLE_WHY_MISSING;
	return CYCLE_WHY_ON_TRACK;
}

enum cycle_light
cycle_light_of(const struct cycle_task_facts *f, const struct cycle_thresholds *t, enum cycle_reason *why)
{
	enum cycle_reason r = decide(f, t);
	if (why)
		*why = r;
	return cycle_reason_light(r);
}

/* ---- ranking ------------------------------------------------------------------------- */

static long long
nonneg(long long n)
{
	return n < 0 ? 0 : n;
}

int
cycle_score(const struct cycle_counts *c)
{
	long long rot = nonneg(c->reports_on_time), rl = nonneg(c->reports_late);
	long long r = rot + rl + nonneg(c->reports_missing);
	long long ton = nonneg(c->tasks_on_time), t = ton + nonneg(c->tasks_late);
	/* (2 rot + rl) / 2r is the reporting share, ton / t the work share;
	 * their mean over one denominator, so that it is rounded once */
	if (r > 0 && t > 0)
		return model_percent_tenths(((2 * rot + rl) * t + 2 * r * ton) * 100, 4 * r * t);
	if (r > 0)
		return model_percent_tenths((2 * rot + rl) * 100, 2 * r);
	if (t > 0)
		return model_percent_tenths(ton * 100, t);
	return -1;
}

void
cycle_rank(const int *score, size_t n, int *rank)
{
	for (size_t i = 0; i < n; i++) {
		int above = 0;
		for (size_t j = 0; score[i] >= 0 && j < n; j++)
			above += score[j] > score[i];
		rank[i] = score[i] < 0 ? 0 : above + 1;
	}
}

int
cycle_reminder_level(int n)
{
	return n < 1 ? 0 : n > 3 ? 3 : n;
}

bool
cycle_period_reporting(enum cycle_kind k, const char *as_of, struct cycle_period *p)
{
	struct cycle_period now;
	return cycle_period_of(k, as_of, &now) && cycle_period_step(&now, -1, p);
}
