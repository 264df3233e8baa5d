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
	TABLE_KEEP   = 1 << 5,   /* text, a column with no limit (a code): a
	                          * streamed table's later cell wider than it is
	                          * not cut but takes room from the gap after it
	                          * and from the shrinkable cells of its line */
};

struct table;

/* A new, empty table. */
struct table *table_new(void);
void table_free(struct table *t);

/* Add a column: key names it in JSON, header in text/CSV/Markdown; text
 * cells wider than max_cols (0: no limit) are cut when the table is fitted
 * to a width (with no width, as to a pipe or a file, nothing is cut). */
void table_col(struct table *t, const char *key, const char *header, unsigned flags, int max_cols);

/* The column added last may hold cells as wide as text (say, the longest
 * of a set of labels): a streamed table sized from its first page makes
 * room for it; a table sized over all its rows ignores it. */
void table_hint(struct table *t, const char *text);

/* Start a new row; then add its cells left to right. A NULL cell is empty
 * (null in JSON). */
void table_row(struct table *t);
void table_cell(struct table *t, const char *text);
void table_cellf(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Rows so far (for a streamed table, the printed ones too). */
int table_rows(const struct table *t);

/* Print: text fits in width columns (0: no limit) by leaving out
 * TABLE_OPTIONAL columns (the rightmost first), then cutting TABLE_SHRINK
 * columns; CSV ends lines with CRLF (and starts with a byte-order mark when
 * bom is true); JSON is an array of objects. Returns 0, or -1 on a write
 * error. Not for a streamed table. */
int table_print(const struct table *t, FILE *out, enum table_format fmt, int width, bool bom);

/* ---- streaming ------------------------------------------------------------
 * A streamed table prints its rows as they come instead of keeping them
 * all for table_print: text needs its column widths before its first line,
 * so it holds the first page of rows, sizes the columns from them (and from
 * the hints; width left over goes to the TABLE_SHRINK columns), prints
 * them, and prints every later row at once in those widths: a wider cell
 * is cut as a cell over a column's limit is (TABLE_KEEP: not cut), the
 * last column may take the rest of the width. Held rows cost their text
 * and two bytes per cell. */

/* Rows a terminal's table is sized from: about four screens of 24 lines,
 * fetched in a few milliseconds even from a large plan. */
enum { TABLE_PAGE_ROWS = 100 };

/* Where and how a streamed table prints. */
struct table_out {
	FILE *out;
	enum table_format fmt;
	int width;                 /* as table_print's */
	bool bom;                  /* as table_print's */
	bool trim;                 /* text: no spaces at the ends of lines */
	int page;                  /* rows held before anything is printed (text
	                            * is sized from them); 0: every row, printed
	                            * at table_end exactly as table_print would */
};

/* The page for fmt on out: text on a terminal TABLE_PAGE_ROWS, text
 * elsewhere 0 (scripts get the table sized over all its rows); the other
 * formats need no widths: 1, each row printed once complete. */
int table_page(FILE *out, enum table_format fmt);

/* Stream t as o says (o is copied): call after the columns, before the rows.
 * Nothing is printed before the first page is complete, or table_end. */
void table_stream(struct table *t, const struct table_out *o);

/* Finish a streamed table: print the rows still held and the format's
 * end. Returns 0, or -1 on a write error. table_free without table_end
 * drops what is held: with page 0, nothing was printed. */
int table_end(struct table *t);

/* "text", "csv", "json", "md" → format; -1 when unknown. */
int table_format_parse(const char *s);

/* Write s as a JSON string literal (with quotes): controls and the other
 * characters text_sanitize replaces as \u escapes, bad bytes as U+FFFD. */
void table_json_string(FILE *out, const char *s);

/* Write s as a CSV field (quoted when it needs to be), through
 * text_sanitize_data: no control character but line feeds. */
void table_csv_field(FILE *out, const char *s);

#endif
