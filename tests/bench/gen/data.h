/* gen/data: what a synthetic plan holds (data.c),
 * apart from how generate.c writes it. No SQL here: every value is a
 * hash of (seed, task, purpose). Internal to those two files. */
#ifndef PLANCON_STORE_BENCH_DATA_H
#define PLANCON_STORE_BENCH_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "generate.h"

#define DOCS 10
#define CHAPTERS_PER_DOC 8
#define SECTIONS_PER_CHAPTER 5
#define N_SECTIONS ((int)(DOCS * CHAPTERS_PER_DOC * SECTIONS_PER_CHAPTER))
#define N_ADMINS 2
#define COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))

/* Purposes: each random choice about a task draws from its own stream. */
enum {
	H_TITLE = 1, H_DESC, H_LEAD, H_COOP, H_DATES, H_STATUS, H_EVENT_TIME, H_MILESTONE,
	H_NOTE, H_WHO, H_PROV,
};

enum { ST_NOT_STARTED, ST_IN_PROGRESS, ST_DONE, ST_BLOCKED, ST_CANCELLED };

/* Days since 1970-01-01 of 2021-01-01; updates happen between 2021-03-01
 * and 2025-06-30 (seconds from 2021-01-01). */
#define DAY_2021_01_01 18628LL
#define EVENT_FROM (59LL * 86400)
#define EVENT_SPAN ((1641LL - 59) * 86400)

/* A title or a description being built, with its length in characters. */
struct buf {
	char s[512];
	size_t len;
	int chars;            /* code points */
};

/* One update of one task: the j-th (1..k) of task index task. */
struct event {
	uint32_t at;          /* seconds from 2021-01-01 */
	uint32_t task;        /* index */
	uint8_t j;            /* 1..k */
};

/* ---- the plan's structure and words */
extern const char *const bench_provinces[DOCS];
extern const char *const bench_part_titles[3];
extern const int bench_chapter_part[CHAPTERS_PER_DOC];        /* chapter -> part of its document */
extern const char *const bench_chapter_titles[CHAPTERS_PER_DOC];
extern const char *const bench_section_titles[CHAPTERS_PER_DOC][SECTIONS_PER_CHAPTER];
extern const char *const bench_depts[STORE_BENCH_DEPTS][2];  /* short, full name */
extern const char *const bench_milestone_targets[8];
extern const char *const bench_status_keys[5];

/* ---- randomness: a number for (task, purpose, k) under seed; r mod n */
uint64_t bench_h(uint64_t seed, long long task, int purpose, int k);
int bench_pick(uint64_t r, int n);

/* ---- layout: the section (0-based) of task index i of n */
int bench_task_section(long long n, long long i);

/* ---- text: a title of 10-40 characters (the needle in three of them); a description */
void bench_make_title(struct buf *b, uint64_t seed, long long n, long long i);
void bench_make_description(struct buf *b, uint64_t seed, long long i, int doc);
void bench_fmt_date(char out[16], long long day);
void bench_fmt_time(char out[32], uint32_t secs);

/* ---- a task's history: its final status and number of updates; its
 * state after update j (0: as planned); the times of its updates; its lead
 * department; who made update j and the note that went with it. */
void bench_task_fate(uint64_t seed, long long i, int *status, int *events);
void bench_task_state(uint64_t seed, long long i, int j, int *status, int *progress);
void bench_event_times(uint64_t seed, long long i, int k, uint32_t *at);
int bench_event_cmp(const void *a, const void *b);       /* qsort: by time */
int bench_task_lead(uint64_t seed, long long i);
int bench_event_user(uint64_t seed, long long i, int j);
const char *bench_event_note(uint64_t seed, long long i, int j, int status);
/* The login of user u: department u's editor (u < 50) or an administrator. */
void bench_user_name(char out[32], int u);

#endif
