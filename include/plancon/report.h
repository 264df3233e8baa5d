/* report: the progress report (by department, chapter, year or status) and
 * the list of late work, as the CLI and the console show them, and their
 * formatters: text, CSV, JSON and Markdown through table.c, XLSX through
 * libxlsxwriter (src/report_xlsx.c). Figures come from the store's
 * aggregate queries (store_report.h); nothing here reads rows one by one. */
#ifndef PLANCON_REPORT_H
#define PLANCON_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "plancon/error.h"
#include "plancon/model.h"
#include "plancon/cycle.h"
#include "plancon/store.h"
#include "plancon/store_report.h"
#include "plancon/table.h"

/* The formats report_save writes: table_format's, and a workbook. */
enum { FMT_XLSX = FMT_MD + 1 };

/* enum report_by (REPORT_BY_DEPT, ...): store_report.h. */

/* One row of a report. */
struct report_group {
	char *key;                 /* department short name, chapter number, year, status key;
	                              NULL: no lead department / no due date / the total */
	char *name;                /* what a person reads: department's full name, chapter title,
	                              year, status label, "Total" */
	char *label;               /* the short form for narrow places: department short name,
	                              "2 title", year, status label, "Total" */
	long long tasks;
	long long by_status[TS_COUNT];
	long long late_tasks, late_milestones;
	long long progress_n, progress_sum;   /* the tasks a mean counts, their summed progress */
	long long lights[CYCLE_LIGHT_COUNT];  /* with report.lights: the tasks of each warning light */
};

struct report {
	enum report_by by;
	char as_of[11];
	char *plan;                /* document key; NULL: every document */
	struct report_group *groups;
	size_t ngroups;
	struct report_group total;
	bool demo;                 /* from a demo database: every output says so */
	bool lights;               /* the warning lights are counted (report_add_lights) */
};

/* "dept", "chapter", "year", "status" → enum report_by; -1 when unknown. */
int report_by_parse(const char *s);
const char *report_by_name(enum report_by by);
/* The grouping as the report's title says it, translated ("by department"). */
const char *report_by_label(enum report_by by);

/* The first cell of group g's row: its key (department short name, chapter
 * number, year, status key) for machines (CSV, JSON); what a person reads
 * instead where the key is a word of the database (a status's label). */
const char *report_group_key(const struct report *r, const struct report_group *g, bool machine);

/* Build the report: one aggregate query. plan: a document key or NULL.
 * Free with report_free (also after an error). */
enum err_code report_build(struct store *s, enum report_by by, const char *as_of, const char *plan,
                           struct report *r, struct error *e);
void report_free(struct report *r);

/* Count the warning lights of every group of r (by department or chapter;
 * nothing for other groupings, or with cycle off) at r's as-of date: the
 * report then has their columns (red, yellow, green, closed). */
enum err_code report_add_lights(struct store *s, struct report *r, const struct cycle_settings *cycle,
                                struct error *e);

/* Mean progress (model.h: cancelled tasks left out), and done / tasks, in
 * tenths of a percent (0-1000), rounded half up; -1 when there is none
 * (no tasks; for the mean, also every task cancelled). */
int report_progress_tenths(const struct report_group *g);
int report_done_tenths(const struct report_group *g);
/* The same as whole percents (model_percent): what text shows. */
int report_progress_percent(const struct report_group *g);
int report_done_percent(const struct report_group *g);

/* The report as a table (groups, then the total). FMT_TEXT: short headers,
 * labels wrapped onto a second line (then cut) so that the table fits width
 * columns (0: no limit); other formats: every column, full names, the total last. */
struct table *report_table(const struct report *r, enum table_format fmt, int width);

/* Print the report: text (a title, the table, a legend), CSV (bom: start
 * with a byte-order mark), one JSON document, or Markdown. Returns 0, or -1
 * on a write error. */
int report_print(const struct report *r, FILE *out, enum table_format fmt, int width, bool bom);

/* Write the report as an Excel workbook at path (overwriting it): header
 * row, frozen; columns wide enough for their text (a CJK character counts
 * two); percentages as percentages. */
enum err_code report_write_xlsx(const struct report *r, const char *path, struct error *e);

/* ---- late work ------------------------------------------------------------ */

struct late_item {
	bool milestone;
	char *code, *title, *lead;     /* lead NULL: none */
	char *due;                     /* YYYY-MM-DD: due date, or the period's last day */
	char *period;                  /* milestones: "2023" or "2023 Q2"; NULL for tasks */
	char *target;                  /* milestones: what is due */
	char *status;                  /* key */
	int days;                      /* days late at as_of (at least 1) */
};

struct late_list {
	char as_of[11];
	char *plan;
	struct late_item *items;
	size_t n, ntasks, nmilestones;
	bool demo;                 /* as struct report's */
};

/* Every task and milestone late at as_of, oldest first. Free with late_free. */
enum err_code late_build(struct store *s, const char *as_of, const char *plan, struct late_list *l,
                         struct error *e);
void late_free(struct late_list *l);

/* The list as a table; FMT_TEXT fits width (0: no limit) by cutting titles. */
struct table *late_table(const struct late_list *l, enum table_format fmt, int width);

/* Print the list (text: a title line, the table). 0, or -1 on a write error. */
int late_print(const struct late_list *l, FILE *out, enum table_format fmt, int width, bool bom);

/* The late list at as_of (plan: a document key, or NULL for all) from the
 * store to out, row by row, printed as late_build and late_print would
 * print it. CSV and JSON print each row as it comes; text and Markdown
 * start with a title that counts the list: on a terminal the counts come
 * from the report's totals and the rows follow as they come (text sized
 * from its first page); elsewhere the rows are held and printed after the
 * title, byte for byte as late_print prints them. A demo database's label
 * goes first once the plan document is found. */
enum err_code late_stream(struct store *s, const char *as_of, const char *plan, FILE *out, enum table_format fmt,
                          int width, bool bom, struct error *e);

/* ---- files ------------------------------------------------------------------ */

/* Save r in format fmt (FMT_* or FMT_XLSX) to path, through output.h ("-":
 * standard output); text with no width limit. */
enum err_code report_save(const struct report *r, const char *path, int fmt, bool bom, struct error *e);

/* Save l to path as report_save does (fmt: a table_format; not FMT_XLSX). */
enum err_code late_save(const struct late_list *l, const char *path, int fmt, bool bom, struct error *e);

/* The format a file name asks for by its extension (.txt, .csv, .json, .md,
 * .xlsx); -1 when it has none of these. */
int report_format_for_path(const char *path);

#endif
