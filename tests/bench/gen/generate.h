/* gen/generate: synthetic plans of any size, for the benchmarks
 * (tests/bench) and the unit tests that need a large plan. Test code: it
 * never links into plancon. */
#ifndef PLANCON_STORE_BENCH_H
#define PLANCON_STORE_BENCH_H

#include "plancon/error.h"
#include "plancon/store.h"

/* A word that appears in the titles of exactly three generated tasks (and
 * nowhere else): what the search benchmark looks for. */
#define STORE_BENCH_NEEDLE "盐碱地蓝碳"

/* The number of departments a generated plan has. */
#define STORE_BENCH_DEPTS 50

struct bench_counts {
	long long tasks, changes, milestones, coop, chapters, sections;
};

/* Fill an empty database (made with STORE_CREATE | STORE_EMPTY) with n
 * synthetic tasks: ten plan documents, their parts, chapters and sections,
 * 50 departments with one editor each, milestones 2021-2023 and 2025, and
 * an audit history of several changes per task in time order. The same n
 * and seed give the same database. Writes in a few large transactions;
 * counts (may be NULL) gets what was written. */
enum err_code store_bench_generate(struct store *s, long long n, unsigned long long seed,
                                   struct bench_counts *counts, struct error *e);

/* The short name of generated department i (0 .. STORE_BENCH_DEPTS-1). */
const char *store_bench_dept(int i);

/* The code of the generated task at position pos (1 .. n), for a plan of n
 * tasks: what `plancon set` benchmarks update. Malloc'd. */
char *store_bench_task_code(long long n, long long pos);

/* The id of the latest row of the change log (0: empty). */
enum err_code store_bench_log_last(struct store *s, long long *id, struct error *e);

/* Rows of the change log after after_id whose note starts with
 * note_prefix, and how many different such notes there are. */
enum err_code store_bench_log_since(struct store *s, long long after_id, const char *note_prefix, long long *rows,
                                    long long *notes, struct error *e);

/* Switch this connection between [core] sync = full (an fsync of the
 * write-ahead log at every commit, the default) and normal (only at
 * checkpoints): to measure what the fsync costs. */
enum err_code store_bench_sync(struct store *s, bool full, struct error *e);

/* ---- the supervision cycle (gen/cycle.c) ---------------------------------------- */

/* The last period of the generated cycle: as of the benchmark's date
 * (2024-06-30), the period whose reports are due. */
#define BENCH_CYCLE_LAST "2024-05"

/* What to generate: periods monthly periods ending BENCH_CYCLE_LAST; with
 * full_periods > 0, only the last full_periods of them for every task and
 * the earlier ones for the tasks of departments 1..sample_depts (the
 * reduced shape of BENCHMARKS.md); with 0, every period for every task. */
struct bench_cycle_shape {
	int periods, full_periods, sample_depts;
};

struct bench_cycle_counts {
	long long reports, revisions, reviews, reminders, extensions;
	long long queue;           /* reports submitted, waiting for review */
};

/* Add the cycle's history to a database store_bench_generate filled: the
 * cycle on in meta, an office department (督办办, id 51) with its editor
 * bench.office, a report per open task and period (2 % missing, 5 %
 * returned once and resubmitted, 10 % late; in the last period 0.5 %
 * submitted and waiting for review, 1 % returned, 0.5 % drafts), its
 * revisions and reviews, reminders for the last three periods' missing
 * reports and extensions of 5 % of the open tasks due after it. The same seed
 * gives the same rows. The hook for the benchmarks of the review queue and
 * the to-do list. */
enum err_code store_bench_cycle(struct store *s, const struct bench_cycle_shape *shape, unsigned long long seed,
                                struct bench_cycle_counts *counts, struct error *e);

#endif
