/* store_rank: the departments' ranking (排名) of one reporting period
 * (plancon(1), SUPERVISION, Ranking): per lead department, its reports of
 * the period and its tasks whose original due date falls in the period,
 * counted, scored (cycle_score) and ranked (cycle_rank). Conventions:
 * store.h. */
#ifndef PLANCON_STORE_RANK_H
#define PLANCON_STORE_RANK_H

#include <stddef.h>

#include "plancon/cycle.h"
#include "plancon/store.h"

/* One department's line. */
struct rank_row {
	long long dept_id;
	char *short_name, *name;
	long long reports_due;             /* on time + late + missing */
	long long reports_returned;        /* returned by the office at least once */
	struct cycle_counts c;             /* what the score is made of */
	int score;                         /* tenths of a point; -1: not ranked */
	int rank;                          /* 1 the best, ties share; 0: not ranked */
};

struct rank_table {
	char period[CYCLE_KEY_LEN];
	char start[11], end[11], due[11];  /* the period's days and its reports' due date */
	struct rank_row *rows;             /* in plancon depts order */
	size_t n;
};

/* The ranking of period key (NULL: the reporting period at as_of) under
 * cycle cs at as_of: every department that leads a task, but the office
 * (office: its short or full name, or NULL). Missing reports are counted as
 * brief decision 4 says (open tasks, not awaiting, period not before the
 * cycle's first, as_of after the due date). ERR_INVALID: key is not a
 * period of cs's kind. Free with store_rank_free. */
enum err_code store_rank(struct store *s, const struct cycle_settings *cs, const char *key, const char *as_of,
                         const char *office, struct rank_table *out, struct error *e);

void store_rank_free(struct rank_table *t);

#endif
