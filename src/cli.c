/* cli: the command table and what the commands share. */
#include "plancon/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

const struct cli_command cli_commands[] = {
	{ "chapters",   cli_chapters,   "[--format text|csv|json]", "parts and chapters with task counts", 0 },
	{ "tasks",      cli_tasks,      "[--chapter N] [--dept NAME] [--status S] [--search TEXT] [--late] [--format text|csv|json]",
	                                "one line per task", 0 },
	{ "show",       cli_show,       "CODE", "one task in full: departments, milestones, change log", 0 },
	{ "depts",      cli_depts,      "[--format text|csv|json]", "departments with their task counts", 0 },
	{ "indicators", cli_indicators, "[--format text|csv|json]", "targets and actual values", 0 },
	{ "summary",    cli_summary,    "", "the plan at a glance", 0 },
	{ NULL, NULL, NULL, NULL, 0 }
};

const struct cli_command *
cli_find(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void
cli_usage(FILE *out)
{
	fputs("usage: plancon [--db FILE] [--config FILE] [--as-of DATE] [COMMAND [ARGS]]\n"
	      "       plancon --help | --version\n\n"
	      "With no command, plancon opens the console.\n\n"
	      "Options:\n"
	      "  --db FILE       the database (default: $XDG_DATA_HOME/plancon/plan.db)\n"
	      "  --config FILE   read this configuration file after the standard ones\n"
	      "  --as-of DATE    measure lateness at DATE (YYYY-MM-DD) instead of today\n"
	      "  --help          show this help and exit\n"
	      "  --version       show the version and exit\n\n"
	      "Commands:\n", out);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(out, "  %-11s %s\n", c->name, c->summary);
	fputs("\nSee plancon(1).\n", out);
}

static int
vfail(struct cli *c, enum err_code code, const char *fmt, va_list ap)
{
	fputs("plancon: ", c->err);
	vfprintf(c->err, fmt, ap);
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
	vfprintf(c->err, fmt, ap);
	va_end(ap);
	fprintf(c->err, "\nusage: plancon %s %s\n", cmd->name, cmd->usage);
	return 2;
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
		return cli_usage_error(c, cmd, "--format: \"%s\" is not one of the formats this command writes", arg);
	*fmt = f;
	return 0;
}
