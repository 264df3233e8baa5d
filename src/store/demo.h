/* demo: what the demo's two files share: demo.c (the plan rewritten with a
 * simulated history) and demo_cycle.c (the supervision cycle's history,
 * written after the import). Private to src/store/. */
#ifndef PLANCON_STORE_DEMO_PRIVATE_H
#define PLANCON_STORE_DEMO_PRIVATE_H

#include "internal.h"

/* The demo's years: first and last of the plan, and the present, the year
 * the history ends in (at its middle). */
struct timeline {
	int first, last, present;
};

/* The demo's supervision cycle runs monthly from January of the year before
 * the present; its history ends on the 30th of June of the present (the
 * demo's as-of date). A task's simulated "done" on or after the cycle's
 * start is a report of done that the office verifies, not a status set. */
#define DEMO_CYCLE_YEAR(tl) ((tl)->present - 1)

/* The timeline of the plan json (a JSON object; ERR_INVALID otherwise). */
enum err_code demo_timeline(struct store *s, const char *json, struct timeline *tl, struct error *e);

/* A statement's argument: text (NULL: SQL NULL), a whole number or a real. */
enum { ARG_TEXT, ARG_INT, ARG_REAL };
struct arg {
	int kind;
	const char *text;
	long long i;
	double d;
};
#define T(s) ((struct arg){ .kind = ARG_TEXT, .text = (s) })
#define I(n) ((struct arg){ .kind = ARG_INT, .i = (n) })
#define R(n) ((struct arg){ .kind = ARG_REAL, .d = (n) })

/* Bind args[0..n-1] to st from parameter first on. */
void demo_bind(sqlite3_stmt *st, int first, int n, const struct arg *args);

/* Days since 1970-01-01 of a civil date, and back. */
long demo_days(int y, int m, int d);
void demo_civil(long z, int *y, int *m, int *d);

#endif
