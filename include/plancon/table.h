/* table: rows and columns printed as aligned text (by display width), CSV
 * (RFC 4180), JSON or Markdown. Shared by every command that prints a list
 * and by the reports. */
#ifndef PLANCON_TABLE_H
#define PLANCON_TABLE_H

#include <stdbool.h>
#include <stdio.h>

enum table_format { FMT_TEXT, FMT_CSV, FMT_JSON, FMT_MD };

enum {
	TABLE_RIGHT  = 1 << 0,   /* right-aligned in text */
	TABLE_NUMBER = 1 << 1,   /* a JSON number (or null) rather than a string */
	TABLE_SHRINK = 1 << 2,   /* text: may be cut to fit the width */
	TABLE_BOOL   = 1 << 3,   /* a JSON boolean: "1"/"0" cells */
	TABLE_OPTIONAL = 1 << 4, /* text: left out when the table is too wide
	                          * (before any column is cut) */
};

struct table;

/* A new, empty table. */
struct table *table_new(void);
void table_free(struct table *t);

/* Add a column: key names it in JSON, header in text/CSV/Markdown; text
 * cells wider than max_cols (0: no limit) are cut. */
void table_col(struct table *t, const char *key, const char *header, unsigned flags, int max_cols);

/* Start a new row; then add its cells left to right. A NULL cell is empty
 * (null in JSON). */
void table_row(struct table *t);
void table_cell(struct table *t, const char *text);
void table_cellf(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Rows so far. */
int table_rows(const struct table *t);

/* Print: text fits in width columns (0: no limit) by leaving out
 * TABLE_OPTIONAL columns (the rightmost first), then cutting TABLE_SHRINK
 * columns; CSV ends lines with CRLF (and starts with a byte-order mark when
 * bom is true); JSON is an array of objects. Returns 0, or -1 on a write
 * error. */
int table_print(const struct table *t, FILE *out, enum table_format fmt, int width, bool bom);

/* "text", "csv", "json", "md" → format; -1 when unknown. */
int table_format_parse(const char *s);

/* Write s as a JSON string literal (with quotes). */
void table_json_string(FILE *out, const char *s);

/* Write s as a CSV field (quoted when it needs to be). */
void table_csv_field(FILE *out, const char *s);

#endif
