/* cli_maint: plancon backup FILE and plancon check. */
#include <stdlib.h>
#include <string.h>

#include "plancon/cli.h"
#include "plancon/i18n.h"
#include "plancon/store_maint.h"
#include "plancon/text.h"

/* The one operand of a command that takes exactly one (or none when
 * want is 0), after an optional "--". Returns 0, or an exit status. */
static int
operands(struct cli *c, const char *name, int argc, char **argv, int want)
{
	const struct cli_command *cmd = cli_find(name);
	int i = 1;
	if (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
		if (strcmp(argv[i], "--"))
			return cli_usage_error(c, cmd, _("unknown option \"%s\""), argv[i]);
		i++;
	}
	if (argc - i < want)
		return cli_usage_error(c, cmd, _("missing FILE"));
	if (argc - i > want)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[i + want]);
	return 0;
}

int
cli_backup(struct cli *c, int argc, char **argv)
{
	int r = operands(c, "backup", argc, argv, 1);
	if (r)
		return r;
	const char *dest = argv[argc - 1];
	if (!dest[0])
		return cli_usage_error(c, cli_find("backup"), _("FILE is empty"));
	struct error e;
	err_clear(&e);
	long long bytes = 0;
	if (store_backup(c->store, dest, &bytes, &e))
		return cli_error(c, &e);
	char *from = text_sanitize(store_path(c->store));
	char *to = text_sanitize(dest);
	fprintf(c->out, _("Backed up %s to %s (%lld KiB, checked).\n"), from, to, (bytes + 1023) / 1024);
	free(from);
	free(to);
	return 0;
}

struct check_out {
	FILE *out;
};

static void
check_problem(const char *problem, void *ctx)
{
	struct check_out *o = ctx;
	char *t = text_sanitize(problem);
	fprintf(o->out, _("problem: %s\n"), t);
	free(t);
}

int
cli_check(struct cli *c, int argc, char **argv)
{
	int r = operands(c, "check", argc, argv, 0);
	if (r)
		return r;
	struct check_out o = { c->out };
	struct error e;
	err_clear(&e);
	int n = 0;
	if (store_verify(c->session->db_path, check_problem, &o, &n, &e)) {
		if (e.code == ERR_NOT_FOUND)
			return cli_fail(c, e.code, _("%s: no such database"), c->session->db_path);
		return cli_error(c, &e);
	}
	char *path = text_sanitize(c->session->db_path);
	if (n == 0)
		fprintf(c->out, _("%s: no problems found (integrity and foreign-key checks).\n"), path);
	else
		fprintf(c->out, ngettext("%s: %d problem found. Keep this file as it is, and restore the "
		                         "database from a backup (made with 'plancon backup').\n",
		                         "%s: %d problems found. Keep this file as it is, and restore the "
		                         "database from a backup (made with 'plancon backup').\n",
		                         (unsigned long)n), path, n);
	free(path);
	return n == 0 ? 0 : 1;
}
