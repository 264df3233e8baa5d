/* cli: the commands (plancon chapters, tasks, show, ...). One function per
 * command, found through one table; each parses its own options. */
#ifndef PLANCON_CLI_H
#define PLANCON_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "plancon/config.h"
#include "plancon/error.h"
#include "plancon/store.h"
#include "plancon/table.h"

/* What every command gets. */
struct cli {
	struct store *store;
	const struct config *cfg;
	const char *as_of;         /* YYYY-MM-DD: the date "late" is measured at */
	const char *user;          /* who is running the command (login name) */
	FILE *out, *err;
	bool demo;                 /* the database is a demo database */
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);   /* returns the exit status */
	const char *usage;         /* "[--chapter N] [--format F]" */
	const char *summary;       /* one line */
	unsigned flags;
};

enum {
	CLI_NO_STORE = 1 << 0,     /* runs without opening the database */
	CLI_WRITES   = 1 << 1,     /* changes the database */
};

/* The command named name, or NULL. */
const struct cli_command *cli_find(const char *name);

/* All commands, terminated by an entry whose name is NULL. */
extern const struct cli_command cli_commands[];

/* Print the usage of the whole program (to out). */
void cli_usage(FILE *out);

/* Print "plancon: message" to c->err and return the exit status of code. */
int cli_fail(struct cli *c, enum err_code code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Report e on c->err and return its exit status. */
int cli_error(struct cli *c, const struct error *e);

/* A usage error for command cmd: a short message, exit status 2. */
int cli_usage_error(struct cli *c, const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The width text tables may use: the terminal's when c->out is one, else
 * $COLUMNS, else 0 (no limit). */
int cli_width(const struct cli *c);

/* Parse a --format value into *fmt (allowed: a bitmask of 1 << FMT_*).
 * Returns 0, or an exit status after a usage message. */
int cli_format(struct cli *c, const struct cli_command *cmd, const char *arg, unsigned allowed, int *fmt);

/* Commands, by file. */
int cli_chapters(struct cli *c, int argc, char **argv);
int cli_tasks(struct cli *c, int argc, char **argv);
int cli_show(struct cli *c, int argc, char **argv);
int cli_depts(struct cli *c, int argc, char **argv);
int cli_indicators(struct cli *c, int argc, char **argv);
int cli_summary(struct cli *c, int argc, char **argv);

#endif
