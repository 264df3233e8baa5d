/* model: statuses and the pure rules of the plan (late, dates). */
#include "plancon/model.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "plancon/i18n.h"

static const struct label {
	const char *key, *en, *zh;
} task_labels[] = {
#define X(id, key, en, zh) [id] = { key, en, zh },
	TASK_STATUSES(X)
#undef X
}, milestone_labels[] = {
#define X(id, key, en, zh) [id] = { key, en, zh },
	MILESTONE_STATUSES(X)
#undef X
};

static int
parse(const struct label *l, int n, const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(s, l[i].key) || !strcmp(s, l[i].en) || !strcmp(s, l[i].zh) || !strcmp(s, _(l[i].en)))
			return i;
	/* "in-progress" and "in progress" are the same as the key. */
	for (int i = 0; i < n; i++) {
		const char *a = s, *b = l[i].key;
		while (*a && *b && (*a == *b || ((*a == '-' || *a == ' ') && *b == '_')))
			a++, b++;
		if (!*a && !*b)
			return i;
	}
	return -1;
}

const char *task_status_key(enum task_status s) { return (unsigned)s < TS_COUNT ? task_labels[s].key : "?"; }
const char *task_status_label(enum task_status s) { return (unsigned)s < TS_COUNT ? _(task_labels[s].en) : "?"; }
int task_status_parse(const char *s) { return parse(task_labels, TS_COUNT, s); }
const char *milestone_status_key(enum milestone_status s) { return (unsigned)s < MS_COUNT ? milestone_labels[s].key : "?"; }
const char *milestone_status_label(enum milestone_status s) { return (unsigned)s < MS_COUNT ? _(milestone_labels[s].en) : "?"; }
int milestone_status_parse(const char *s) { return parse(milestone_labels, MS_COUNT, s); }

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
model_month_days(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

bool
model_date_valid(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y, m, d;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return false;
	return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= model_month_days(y, m);
}

void
model_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void
model_period_end(int year, int quarter, char out[11])
{
	int month = quarter >= 1 && quarter <= 4 ? quarter * 3 : 12;
	char buf[32];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", year < 0 ? 0 : year % 10000, month, model_month_days(year, month));
	memcpy(out, buf, 10);
	out[10] = '\0';
}

bool
model_task_late(const char *due_date, const char *status_key, const char *as_of)
{
	if (!due_date || !*due_date || !as_of)
		return false;
	if (status_key && (!strcmp(status_key, "done") || !strcmp(status_key, "cancelled")))
		return false;
	return strcmp(due_date, as_of) < 0;
}

bool
model_milestone_late(int year, int quarter, const char *status_key, const char *as_of)
{
	char end[11];
	if (!as_of || (status_key && strcmp(status_key, "pending")))
		return false;
	model_period_end(year, quarter, end);
	return strcmp(end, as_of) < 0;
}

/* Days since 0000-03-01 in the proleptic Gregorian calendar. */
static long
day_number(const char *s)
{
	int y = 0, m = 0, d = 0;
	if (sscanf(s, "%d-%d-%d", &y, &m, &d) != 3)
		return 0;
	if (m < 3)
		y--, m += 12;
	return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 1;
}

int
model_days_between(const char *a, const char *b)
{
	return (int)(day_number(b) - day_number(a));
}

bool
model_progress_counts(const char *status_key)
{
	return !status_key || strcmp(status_key, "cancelled") != 0;
}

/* sum / n * scale rounded half up, for sum >= 0 and n > 0: the integer
 * floor((2 * sum * scale + n) / (2 * n)), exact where a double is not. */
static int
mean_scaled(long long sum, long long n, long long scale)
{
	if (n <= 0)
		return -1;
	if (sum < 0)
		sum = 0;
	return (int)((2 * sum * scale + n) / (2 * n));
}

int model_percent(long long sum, long long n) { return mean_scaled(sum, n, 1); }
int model_percent_tenths(long long sum, long long n) { return mean_scaled(sum, n, 10); }
