/* cli: the command table and what the commands share. */
#include "plancon/auth.h"
#include "plancon/cli.h"
#include "plancon/i18n.h"
#include "plancon/store.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>


const struct cli_command cli_commands[] = {
	{ "chapters",   cli_chapters,   "[--format text|csv|json]", N_("parts and chapters with task counts"), 0 },
	{ "tasks",      cli_tasks,      "[--chapter N] [--dept NAME] [--role lead|coop|any] [--status S] [--search TEXT] [--late] [--light red|yellow|green|closed] [--format text|csv|json]",
	                                N_("one line per task"), 0 },
	{ "show",       cli_show,       "CODE [--format text|json]", N_("one task in full: departments, milestones, change log"), 0 },
	{ "depts",      cli_depts,      "[--format text|csv|json]", N_("departments with their task counts"), 0 },
	{ "indicators", cli_indicators, "[--format text|csv|json]", N_("targets and actual values"), 0 },
	{ "summary",    cli_summary,    "", N_("the plan at a glance"), 0 },
	{ "key",        cli_key,        "add NAME FILE.pub | list | del NAME | log [NAME] [--format text|csv|json]",
	                                N_("SSH keys of the gateway account (admin)"), 0 },
	{ "backup",     cli_backup,     "FILE", N_("copy the database to FILE, safely while others write"), 0 },
	{ "check",      cli_check,      "", N_("check the database file for damage"), CLI_NO_STORE },
	{ "set",        cli_set,        "CODE [--status S] [--progress N] [--note TEXT] [--version V]",
	                                N_("change a task's status or progress, with a note"), CLI_WRITES },
	{ "note",       cli_note,       "CODE TEXT", N_("add a note to a task"), CLI_WRITES },
	{ "milestone",  cli_milestone,  "CODE YEAR[-Qn] --status pending|done|missed [--note TEXT]",
	                                N_("change the status of a roadmap milestone"), CLI_WRITES },
	{ "log",        cli_log,        "[CODE] [--dept SHORT] [--since DATE] [--format text|csv|json]",
	                                N_("the change log: who changed what, when"), 0 },
	{ "user",       cli_user,       "add NAME --role viewer|editor|admin [--dept SHORT]... | list [--format F] | del NAME",
	                                N_("users and their roles (admin)"), CLI_WRITES },
	{ "dept",       cli_dept,       "add SHORT NAME | rename SHORT NEWSHORT [NEWNAME]",
	                                N_("add or rename a department (admin)"), CLI_WRITES },
	{ "assign",     cli_assign,     "CODE [--lead SHORT] [--coop SHORT]... [--no-coop] [--confirm]",
	                                N_("who leads and cooperates on a task (admin)"), CLI_WRITES },
	{ "actual",     cli_actual,     "INDICATOR YEAR VALUE", N_("record an indicator's actual value (admin)"), CLI_WRITES },
	{ "init",       cli_init,       "--admin NAME", N_("make the first administrator of the database"),
	                                CLI_WRITES | CLI_ANYONE },
	{ "report",     cli_report,     "[--by dept|chapter|year|status] [--as-of DATE] [--plan ID] "
	                                "[--format text|csv|json|md|xlsx] [--bom] [-o FILE]",
	                                N_("progress report by department, chapter, year or status"), 0 },
	{ "late",       cli_late,       "[--as-of DATE] [--plan ID] [--format text|csv|json|md] [--bom] [-o FILE]",
	                                N_("every late task and milestone, with days late"), 0 },
	{ "export",     cli_export,     "[--format json] [-o FILE]", N_("the whole plan as a plan file"), 0 },
	{ "import",     cli_import,     "FILE [--db NEW.db]", N_("make a new database from a plan file"),
	                                CLI_NO_STORE | CLI_WRITES },
	{ "demo",       cli_demo,       "[--db FILE] [--plan FILE]", N_("make a separate demo database with simulated progress"),
	                                CLI_NO_STORE | CLI_WRITES },
	/* The supervision cycle (plancon(1), SUPERVISION). */
	/* submit, input, review, verify, reopen: */
	{ "submit",     cli_submit,     "CODE [--period KEY] [--draft] [--status S] [--progress N] [--done TEXT|-] "
	                                "[--problems TEXT|-] [--next TEXT|-] [--version N]",
	                                N_("file the period's report of a task (its lead department)"), CLI_WRITES },
	{ "input",      cli_input,      "CODE TEXT|- [--period KEY]",
	                                N_("a cooperating department's input to the lead's report"), CLI_WRITES },
	{ "review",     cli_review,     "[list] [--dept D] [--period KEY] [--format text|csv|json] | "
	                                "accept CODE [--period KEY] [--note TEXT] | return CODE --reason TEXT [--period KEY]",
	                                N_("the office's review of submitted reports"), CLI_WRITES },
	{ "verify",     cli_verify,     "CODE [--note TEXT]", N_("verify a task reported done (the office)"), CLI_WRITES },
	{ "reopen",     cli_reopen,     "CODE --reason TEXT", N_("reopen a done task (the office)"), CLI_WRITES },
	/* extension, remind, todo, periods: */
	{ "extension",  cli_extension,  "request CODE --to DATE --reason TEXT | approve CODE [--note TEXT] | "
	                                "reject CODE --reason TEXT | list [--state requested|approved|rejected] [--dept SHORT] "
	                                "[--format text|csv|json]",
	                                N_("ask for a later due date; the office approves or rejects it"), CLI_WRITES },
	{ "remind",     cli_remind,     "DEPT [CODE] --note TEXT [--period KEY]",
	                                N_("remind a department of its missing reports or of a task (office)"), CLI_WRITES },
	{ "todo",       cli_todo,       "[--dept SHORT] [--period KEY] [--all] [--format text|csv|json]",
	                                N_("what your departments have to do this period"), 0 },
	{ "periods",    cli_periods,    "[--dept SHORT] [--format text|csv|json]",
	                                N_("reporting periods with due dates and report counts"), 0 },
	/* evidence: */
	{ "evidence",   cli_evidence,   "add CODE --name NAME [--period KEY] < FILE | get ID > FILE | list [CODE] [--period KEY] [--format text|csv|json]",
	                                N_("evidence files of the reports: add from standard input, get to standard output"), CLI_WRITES },
	/* rank: */
	{ "rank",       cli_rank,       "[--period KEY] [--sort rank|name|score] [--format text|csv|json]",
	                                N_("the departments' ranking of a reporting period"), 0 },
	{ NULL, NULL, NULL, NULL, 0 }
};

unsigned
cli_store_flags(const struct config *cfg)
{
	return session_store_flags(cfg);
}

const struct cli_command *
cli_find(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* The global options, as --help lists them: the syntax is not translated,
 * the description is. */
static const struct {
	const char *syntax, *help;
} global_options[] = {
	{ "--db FILE",     N_("the database (default: $XDG_DATA_HOME/plancon/plan.db)") },
	{ "--config FILE", N_("read this configuration file after the standard ones") },
	{ "--as-of DATE",  N_("measure lateness at DATE (YYYY-MM-DD) instead of today") },
	{ "--user NAME",   N_("act as user NAME (honoured only for an administrator)") },
	{ "--help",        N_("show this help and exit") },
	{ "--version",     N_("show the version and exit") },
};

/* "  NAME  description": NAME padded to cols by display width. */
static void
usage_line(FILE *out, const char *name, int cols, const char *help)
{
	char *n = text_fit(name, cols);
	fprintf(out, "  %s %s\n", n, help);
	free(n);
}

void
cli_usage(FILE *out)
{
	fputs(_("usage: plancon [--db FILE] [--config FILE] [--as-of DATE] [COMMAND [ARGS]]\n"
	        "       plancon --help | --version\n"), out);
	fputs("\n", out);
	fputs(_("With no command, plancon opens the console.\n"), out);
	fputs("\n", out);
	fputs(_("Options:\n"), out);
	for (size_t i = 0; i < sizeof global_options / sizeof global_options[0]; i++)
		usage_line(out, global_options[i].syntax, 15, _(global_options[i].help));
	fputs("\n", out);
	fputs(_("Commands:\n"), out);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		usage_line(out, c->name, 11, _(c->summary));
	fputs("\n", out);
	fputs(_("See plancon(1).\n"), out);
}

/* The most columns of a quoted part of a message that are shown. */
enum { SHOWN_COLS = 40 };

/* Write line (sanitized) to out with each quoted part ("...", or the
 * Chinese quotes) cut to SHOWN_COLS columns, ending in '~' when cut. A
 * quote with no closing one (a message cut at the size of struct error's
 * buffer) runs to the end of the line, and gets its closing quote when
 * it is cut here. */
static void
put_capped(FILE *out, const char *line)
{
	static const struct {
		const char *open, *close;
	} quotes[] = { { "\"", "\"" }, { "\u201c", "\u201d" } };
	const char *s = line;
	for (;;) {
		const char *q = NULL;
		size_t k = 0;
		for (size_t i = 0; i < sizeof quotes / sizeof quotes[0]; i++) {
			const char *p = strstr(s, quotes[i].open);
			if (p && (!q || p < q))
				q = p, k = i;
		}
		if (!q) {
			fputs(s, out);
			return;
		}
		q += strlen(quotes[k].open);
		fwrite(s, 1, (size_t)(q - s), out);
		const char *end = strstr(q, quotes[k].close);
		char *part = end ? xstrndup(q, (size_t)(end - q)) : xstrdup(q);
		char *shown = text_width(part) > SHOWN_COLS ? text_trunc(part, SHOWN_COLS) : NULL;
		bool cut = shown != NULL;
		fputs(cut ? shown : part, out);
		free(shown);
		free(part);
		if (!end && !cut)
			return;
		fputs(quotes[k].close, out);
		if (!end)
			return;
		s = end + strlen(quotes[k].close);
	}
}

/* Print fmt with ap to out, each line through text_sanitize: messages quote
 * what the user typed (a code, a name, a value), and an escape sequence or
 * invalid UTF-8 in it must not reach the terminal as such, nor 100 kB of
 * it: what stands between quotes is cut to SHOWN_COLS columns. */
static void
put_clean(FILE *out, const char *fmt, va_list ap)
{
	/* A buffer on the stack first (not vsnprintf(NULL, 0, ...): gcc's
	 * UBSan build calls that a null format), the right size if too small. */
	char small[512], *msg = small, *heap = NULL;
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(small, sizeof small, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof small) {
		msg = heap = xmalloc((size_t)n + 1);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	}
	for (char *line = msg, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *clean = text_sanitize(line);
		put_capped(out, clean);
		free(clean);
		if (next)
			fputc('\n', out);
	}
	free(heap);
}

void
cli_message(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	put_clean(out, fmt, ap);
	va_end(ap);
}

static int
vfail(struct cli *c, enum err_code code, const char *fmt, va_list ap)
{
	fputs("plancon: ", c->err);
	put_clean(c->err, fmt, ap);
	fputc('\n', c->err);
	return err_exit_status(code);
}

int
cli_fail(struct cli *c, enum err_code code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfail(c, code, fmt, ap);
	va_end(ap);
	return r;
}

int
cli_error(struct cli *c, const struct error *e)
{
	return cli_fail(c, e->code, "%s", e->msg[0] ? e->msg : err_name(e->code));
}

int
cli_usage_error(struct cli *c, const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("plancon: ", c->err);
	va_start(ap, fmt);
	put_clean(c->err, fmt, ap);
	va_end(ap);
	fputc('\n', c->err);
	fprintf(c->err, _("usage: plancon %s %s\n"), cmd->name, cmd->usage);
	return 2;
}

const char *
cli_refused_word(int argc, char **argv)
{
	const char *prev = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	/* A word of one letter ("-x") is finished and passed; a longer one
	 * ("-2023") is not, and getopt is still on it. */
	if (optopt > 0 && prev[0] == '-' && prev[1] == optopt && !prev[2])
		return prev;
	if (optopt > 0 && optind >= 0 && optind < argc && argv[optind][0] == '-' && argv[optind][1] == optopt)
		return argv[optind];
	return prev;
}

int
cli_word(struct cli *c, const struct cli_command *cmd, const char *arg, const char *const *words, const char *bad,
         int *i)
{
	for (*i = 0; words[*i]; ++*i)
		if (!strcmp(arg, words[*i]))
			return 0;
	return cli_usage_error(c, cmd, bad, arg);
}

int
cli_one_task(struct cli *c, const struct cli_command *cmd, int argc, char **argv, int first)
{
	if (first >= argc)
		return cli_usage_error(c, cmd, _("which task? give its code"));
	if (first + 1 < argc)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[first + 1]);
	return 0;
}

int
cli_no_operand(struct cli *c, const struct cli_command *cmd, int argc, char **argv, int first)
{
	return first < argc ? cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[first]) : 0;
}

int
cli_cycle_on(struct cli *c)
{
	struct error e;
	err_clear(&e);
	return auth_cycle_on(&c->session->id, &e) ? cli_error(c, &e) : 0;
}

int
cli_bad_option(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	return cli_usage_error(c, cmd, _("unknown or incomplete option \"%s\""), cli_refused_word(argc, argv));
}

int
cli_width(const struct cli *c)
{
	struct winsize ws;
	if (isatty(fileno(c->out)) && ioctl(fileno(c->out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	if (cols) {
		char *end;
		long n = strtol(cols, &end, 10);
		if (!*end && n >= 20 && n <= 1000)
			return (int)n;
	}
	return 0;
}

int
cli_format(struct cli *c, const struct cli_command *cmd, const char *arg, unsigned allowed, int *fmt)
{
	int f = table_format_parse(arg);
	if (f < 0 || !(allowed & (1u << f)))
		return cli_usage_error(c, cmd, _("--format: \"%s\" is not one of the formats this command writes"), arg);
	*fmt = f;
	return 0;
}
