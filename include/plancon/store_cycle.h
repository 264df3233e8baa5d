/* store_cycle: the supervision cycle's periods, as one rule for every
 * part of the store that takes a period (plancon(1), SUPERVISION). */
#ifndef PLANCON_STORE_CYCLE_H
#define PLANCON_STORE_CYCLE_H

#include "plancon/cycle.h"
#include "plancon/store.h"

/* The cycle's first period: cs->since, else the earliest period of a
 * report of cs's kind or the period reported at as_of, whichever is
 * earlier. Reports of earlier periods are never missing, those periods
 * never ranked. */
enum err_code store_cycle_first(struct store *s, const struct cycle_settings *cs, const char *as_of,
                                struct cycle_period *first, struct error *e);

/* The period written key into *p, checked for its form and (cs not NULL)
 * for the cycle's kind, but not against the first period or as_of:
 * ERR_INVALID with a message naming key otherwise. The one reading of a
 * period a command names; store_cycle_period starts with it. */
enum err_code store_cycle_period_parse(const struct cycle_settings *cs, const char *key, struct cycle_period *p,
                                       struct error *e);

/* The period named key (NULL: the period reported at as_of, or the first
 * period when that is later) into *p, checked: of the cycle's kind, not
 * before the first period, not after the period containing as_of.
 * ERR_INVALID with a message naming key otherwise. */
enum err_code store_cycle_period(struct store *s, const struct cycle_settings *cs, const char *as_of,
                                 const char *key, struct cycle_period *p, struct error *e);

/* Whether a report of period p, due on due, not filed is missing at as_of,
 * the cycle's first period being first: p not before first, as_of after
 * due (brief decision 4; SQL_REPORT_MISSING is the same rule per task). */
bool store_cycle_missing(const struct cycle_period *p, const struct cycle_period *first, const char *due,
                         const char *as_of);

#endif
