/* model: statuses and the pure rules of the plan (late, dates), and the
 * forms numbers are typed and shown in. */
#include "plancon/model.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plancon/cycle.h"
#include "plancon/i18n.h"
#include "plancon/xalloc.h"

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

/* ---- what a person reads ---------------------------------------------------------- */

const char *
task_status_label_for(const char *key)
{
	int s = task_status_parse(key);
	return s >= 0 ? task_status_label((enum task_status)s) : key ? key : "-";
}

const char *
milestone_status_label_for(const char *key)
{
	int s = milestone_status_parse(key);
	return s >= 0 ? milestone_status_label((enum milestone_status)s) : key ? key : "-";
}

/* A stored word and its label (a msgctxt entry, for i18n_cgettext). */
struct word {
	const char *key, *label;
};

static const char *
word_label(const struct word *w, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(key, w[i].key))
			return i18n_cgettext(w[i].label);
	return key ? key : "-";
}

static const struct word roles[] = {
	{ "viewer", NP_("role", "viewer") }, { "editor", NP_("role", "editor") }, { "admin", NP_("role", "admin") },
};
static const struct word kinds[] = {
	{ "task", NP_("kind", "task") }, { "milestone", NP_("kind", "milestone") },
};
static const struct word yes_no[] = {
	{ "1", NP_("yes or no", "yes") }, { "0", NP_("yes or no", "no") },
	{ "yes", NP_("yes or no", "yes") }, { "no", NP_("yes or no", "no") },
};
static const struct word assignment_states[] = {
	{ "provisional", NP_("assignment", "provisional") }, { "confirmed", NP_("assignment", "confirmed") },
};
/* The change log's fields (db/migrations/0002_users_audit.sql). */
static const struct word fields[] = {
	{ "status", NP_("changed field", "status") }, { "progress", NP_("changed field", "progress") },
	{ "note", NP_("changed field", "note") }, { "lead", NP_("changed field", "lead") },
	{ "cooperating", NP_("changed field", "cooperating") },
	{ "assignment", NP_("changed field", "assignment") }, { "role", NP_("changed field", "role") },
	{ "department", NP_("changed field", "department") }, { "active", NP_("changed field", "active") },
	{ "created", NP_("changed field", "created") }, { "short", NP_("changed field", "short name") },
	{ "name", NP_("changed field", "full name") }, { "closing", NP_("changed field", "closing") },
};

/* The supervision cycle's words (db/migrations/0009_cycle.sql). */
static const struct word report_states[] = {
	{ "draft", NP_("report state", "draft") }, { "submitted", NP_("report state", "submitted") },
	{ "returned", NP_("report state", "returned") }, { "accepted", NP_("report state", "accepted") },
};
static const struct word closing_events[] = {
	{ "done_reported", NP_("closing", "reported done") }, { "verified", NP_("closing", "verified done") },
	{ "reopened", NP_("closing", "reopened") },
};

const char *report_state_label(const char *key) { return word_label(report_states, sizeof report_states / sizeof report_states[0], key); }
const char *closing_event_label(const char *key) { return word_label(closing_events, sizeof closing_events / sizeof closing_events[0], key); }
/* The supervision cycle's extensions and reminders (plancon(1), SUPERVISION). */
static const struct word extension_states[] = {
	{ "requested", NP_("extension", "requested") }, { "approved", NP_("extension", "approved") },
	{ "rejected", NP_("extension", "rejected") },
};
static const struct word extension_fields[] = {
	{ "extension", NP_("changed field", "extension requested") },
	{ "extension approved", NP_("changed field", "extension approved") },
	{ "extension rejected", NP_("changed field", "extension rejected") },
};
static const struct word reminder_levels[] = {   /* by level, 1-3 */
	{ "1", NP_("reminder", "reminder") }, { "2", NP_("reminder", "second reminder") },
	{ "3", NP_("reminder", "urgent supervision") },
};

const char *
model_extension_state_label(const char *key)
{
	return word_label(extension_states, sizeof extension_states / sizeof extension_states[0], key);
}

const char *
model_reminder_level_label(int level)
{
	int n = cycle_reminder_level(level < 1 ? 1 : level);
	return i18n_cgettext(reminder_levels[n - 1].label);
}

const char *model_role_label(const char *key) { return word_label(roles, sizeof roles / sizeof roles[0], key); }
const char *model_kind_label(const char *key) { return word_label(kinds, sizeof kinds / sizeof kinds[0], key); }
const char *model_yes_no_label(const char *v) { return word_label(yes_no, sizeof yes_no / sizeof yes_no[0], v); }

/* The period or year after prefix ("milestone ", "actual ") in field, or NULL. */
static const char *
after(const char *field, const char *prefix)
{
	size_t n = strlen(prefix);
	return field && !strncmp(field, prefix, n) && field[n] >= '0' && field[n] <= '9' ? field + n : NULL;
}

char *
model_change_field(const char *field)
{
	const char *p;
	if ((p = after(field, "milestone ")))
		/* TRANSLATORS: the change log's field for a roadmap milestone: its period, 2023 or 2023-Q2. */
		return xasprintf(_("milestone %s"), p);
	if ((p = after(field, "actual ")))
		/* TRANSLATORS: the change log's field for an indicator's actual value of a year. */
		return xasprintf(_("actual value %s"), p);
	if ((p = after(field, "report ")))
		/* TRANSLATORS: the change log's field for a period's report: its period, 2024-03 or 2024-Q1. */
		return xasprintf(P_("changed field", "report %s"), p);
	if ((p = after(field, "input ")))
		/* TRANSLATORS: the change log's field for a cooperating department's input to a period's report. */
		return xasprintf(P_("changed field", "input to report %s"), p);
	if ((p = after(field, "reminder ")))
		/* TRANSLATORS: the change log's field for a reminder (催办) about a reporting period, 2024-03. */
		return xasprintf(_("reminder %s"), p);
	if (field && !strncmp(field, "extension", 9))
		return xstrdup(word_label(extension_fields, sizeof extension_fields / sizeof extension_fields[0], field));
	if ((p = after(field, "evidence ")))
		/* TRANSLATORS: the change log's field for an evidence file added to a period's report (2024-03). */
		return xasprintf(_("evidence %s"), p);
	return xstrdup(word_label(fields, sizeof fields / sizeof fields[0], field));
}

char *
model_change_value(const char *field, const char *value)
{
	if (!value)
		return xstrdup("-");
	if (!field)
		return xstrdup(value);
	if (!strcmp(field, "status"))
		return xstrdup(task_status_label_for(value));
	if (after(field, "milestone "))
		return xstrdup(milestone_status_label_for(value));
	if (!strcmp(field, "assignment"))
		return xstrdup(word_label(assignment_states, sizeof assignment_states / sizeof assignment_states[0], value));
	if (!strcmp(field, "role"))
		return xstrdup(model_role_label(value));
	if (after(field, "report "))
		return xstrdup(report_state_label(value));
	if (!strcmp(field, "closing"))
		return xstrdup(closing_event_label(value));
	if (!strcmp(field, "active"))
		return xstrdup(model_yes_no_label(value));
	if (after(field, "reminder ")) {
		long n;
		if (model_whole_parse(value, 1, 1000000, &n))
			return xstrdup(model_reminder_level_label((int)n));
	}
	return xstrdup(value);
}

char *
model_change_who(const char *who, const char *actor)
{
	if (!who)
		who = "?";
	if (!actor || !strcmp(actor, who))
		return xstrdup(who);
	/* TRANSLATORS: the change log's "who": an administrator (first) acting
	   as another user (second) with plancon --user. */
	return xasprintf(_("%s for %s"), actor, who);
}

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
model_now_local(char out[20])
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
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
model_whole_parse(const char *s, long lo, long hi, long *out)
{
	if (!s || *s < '0' || *s > '9' || (s[0] == '0' && s[1]))
		return false;
	long n = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (n > (LONG_MAX - 9) / 10)
			return false;
		n = n * 10 + (*s - '0');
	}
	if (*s || n < lo || n > hi)
		return false;
	*out = n;
	return true;
}

bool
model_progress_parse(const char *s, int *out)
{
	char buf[4];
	size_t n = s ? strlen(s) : 0;
	if (n && s[n - 1] == '%')
		n--;
	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	long v;
	if (!model_whole_parse(buf, 0, 100, &v))
		return false;
	*out = (int)v;
	return true;
}

static size_t
digits(const char *s)
{
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

bool
model_value_parse(const char *s, double *v, const char **rest)
{
	if (!s)
		return false;
	const char *p = s + (*s == '-');
	size_t whole = digits(p), frac = 0;
	if (whole == 0 || (p[0] == '0' && whole > 1))
		return false;
	const char *end = p + whole;
	if (*end == '.') {
		if (!(frac = digits(end + 1)))
			return false;
		end += 1 + frac;
	}
	/* nothing that would make it a number in another notation: 1e2, 0x10, 3,200, 1.5.2 */
	if (whole + frac > 15 || (*end && strchr("0123456789.,+-_eExX", *end)))
		return false;
	char buf[24];
	memcpy(buf, s, (size_t)(end - s));
	buf[end - s] = '\0';
	double d = strtod(buf, NULL);
	*v = d == 0 ? 0 : d;   /* "-0" is 0 */
	*rest = end;
	return true;
}

void
model_value_format(double v, char out[MODEL_VALUE_LEN])
{
	snprintf(out, MODEL_VALUE_LEN, "%.15g", v == 0 ? 0 : v);
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
