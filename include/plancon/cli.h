/* cli: the commands (plancon chapters, tasks, show, ...). One function per
 * command, found through one table; each parses its own options. */
#ifndef PLANCON_CLI_H
#define PLANCON_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "plancon/config.h"
#include "plancon/error.h"
#include "plancon/session.h"
#include "plancon/store.h"
#include "plancon/table.h"

/* What every command gets: the session (who, the config, the database,
 * the identity; resolved once by main) and where to write. */
struct cli {
	struct session *session;
	struct store *store;       /* session->store, for short */
	const char *as_of;         /* session->as_of: the date "late" is measured at */
	FILE *out, *err;
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
	CLI_ANYONE   = 1 << 2,     /* runs without read access (init: there may be no users yet) */
};

/* session_store_flags (kept for its callers). */
unsigned cli_store_flags(const struct config *cfg);

/* The command named name, or NULL. */
const struct cli_command *cli_find(const char *name);

/* All commands, terminated by an entry whose name is NULL. */
extern const struct cli_command cli_commands[];

/* Print the usage of the whole program (to out). */
void cli_usage(FILE *out);

/* Print "plancon: message" to c->err and return the exit status of code. */
int cli_fail(struct cli *c, enum err_code code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Print a message to out with printf's fmt, each line through text_sanitize
 * (it may quote what the user typed). cli_fail and cli_usage_error do so. */
void cli_message(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Report e on c->err and return its exit status. */
int cli_error(struct cli *c, const struct error *e);

/* A usage error for command cmd: a short message, exit status 2. */
int cli_usage_error(struct cli *c, const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The word of argv that getopt_long has just refused: the word of
 * one-letter options it stopped inside ("-2023", which getopt reads as the
 * options 2, 0, 2, 3), else the word before optind ("--frob", "-x",
 * "--progress" without its value). */
const char *cli_refused_word(int argc, char **argv);

/* The usage error for that word: "unknown or incomplete option". */
int cli_bad_option(struct cli *c, const struct cli_command *cmd, int argc, char **argv);

/* The words after the options, argv[first..argc): 0 when there is exactly
 * one (a task's code), else the usage error saying which task or which
 * word is unexpected. */
int cli_one_task(struct cli *c, const struct cli_command *cmd, int argc, char **argv, int first);
/* 0 when no word follows the options, else the usage error naming the first. */
int cli_no_operand(struct cli *c, const struct cli_command *cmd, int argc, char **argv, int first);
/* 0 while the supervision cycle is on, else the exit status after the one
 * message every cycle command gives when it is off (auth_cycle_on). */
int cli_cycle_on(struct cli *c);

/* The width text tables may use: the terminal's when c->out is one, else
 * $COLUMNS, else 0 (no limit). */
int cli_width(const struct cli *c);

/* Parse a --format value into *fmt (allowed: a bitmask of 1 << FMT_*).
 * Returns 0, or an exit status after a usage message. */
int cli_format(struct cli *c, const struct cli_command *cmd, const char *arg, unsigned allowed, int *fmt);
/* The formats of a listing (text, CSV, JSON), as cli_format's allowed
 * (FMT_* of table.h). */
#define CLI_TABLE_FORMATS ((1u << FMT_TEXT) | (1u << FMT_CSV) | (1u << FMT_JSON))
/* An option's value that is one of words (NULL-terminated): its index
 * into *i, or the usage error bad (a format taking arg). */
int cli_word(struct cli *c, const struct cli_command *cmd, const char *arg, const char *const *words, const char *bad,
             int *i);

/* What a callback filling one table with rows needs: the table and the
 * output format (FMT_*), for the commands' listings. */
struct table;
struct cli_rows {
	struct table *t;
	int fmt;
};

/* Commands, by file. */
int cli_chapters(struct cli *c, int argc, char **argv);
int cli_tasks(struct cli *c, int argc, char **argv);
int cli_show(struct cli *c, int argc, char **argv);
int cli_depts(struct cli *c, int argc, char **argv);
int cli_indicators(struct cli *c, int argc, char **argv);
int cli_summary(struct cli *c, int argc, char **argv);

/* cli_update.c: set, note, milestone, log; and the read check. */
int cli_set(struct cli *c, int argc, char **argv);
int cli_note(struct cli *c, int argc, char **argv);
int cli_milestone(struct cli *c, int argc, char **argv);
int cli_log(struct cli *c, int argc, char **argv);
/* 0 when the session's user may read the plan, else the exit status after a message
 * saying who to ask (an unknown user when [auth] unknown_user = none). */
int cli_may_read(struct cli *c);

/* cli_admin.c: user, dept, assign, actual, init. */
int cli_user(struct cli *c, int argc, char **argv);
int cli_dept(struct cli *c, int argc, char **argv);
int cli_assign(struct cli *c, int argc, char **argv);
int cli_actual(struct cli *c, int argc, char **argv);
int cli_init(struct cli *c, int argc, char **argv);

/* cli_maint.c: backup FILE, check (check runs without the store: CLI_NO_STORE). */
int cli_backup(struct cli *c, int argc, char **argv);
int cli_check(struct cli *c, int argc, char **argv);

/* cli_ssh.c: key add|list|del|log, and the gateway's forced command. */
int cli_key(struct cli *c, int argc, char **argv);

/* Run cmd (NULL: no command, the console) as main does. */
typedef int cli_run_fn(struct cli *c, const struct cli_command *cmd, int argc, char **argv);

/* The session of an SSH user (c->session->user) through the gateway: record its
 * start in the access log, split SSH_ORIGINAL_COMMAND, refuse what is not
 * allowed over SSH, run the rest through run, record the end. Returns the
 * exit status. */
int cli_ssh_session(struct cli *c, cli_run_fn *run);

/* cli_report.c: report, late, export, import (import: CLI_NO_STORE). */
int cli_report(struct cli *c, int argc, char **argv);
int cli_late(struct cli *c, int argc, char **argv);
int cli_export(struct cli *c, int argc, char **argv);
int cli_import(struct cli *c, int argc, char **argv);
/* cli_demo.c */
int cli_demo(struct cli *c, int argc, char **argv);
/* The supervision cycle. cli_reports.c: */
int cli_submit(struct cli *c, int argc, char **argv);
int cli_input(struct cli *c, int argc, char **argv);
int cli_review(struct cli *c, int argc, char **argv);
int cli_verify(struct cli *c, int argc, char **argv);
int cli_reopen(struct cli *c, int argc, char **argv);
/* show's part: "awaiting verification", an extended due date, and (the
 * cycle on) the task's latest reports with their history; 0 or the exit
 * status after a message. */
int cli_show_reports(struct cli *c, const char *code);
/* show --format json: the task, its cycle state and its latest reports
 * with their history, as one JSON object. */
int cli_show_json(struct cli *c, const char *code);
/* cli_office.c: */
int cli_extension(struct cli *c, int argc, char **argv);
int cli_remind(struct cli *c, int argc, char **argv);
int cli_todo(struct cli *c, int argc, char **argv);
int cli_periods(struct cli *c, int argc, char **argv);
/* cli_evidence.c: */
int cli_evidence(struct cli *c, int argc, char **argv);
/* show CODE's evidence, one line each (nothing when it has none); 0 or an exit status. */
int cli_evidence_show(struct cli *c, const char *code);
/* cli_rank.c: */
int cli_rank(struct cli *c, int argc, char **argv);

#endif
