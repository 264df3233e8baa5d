/* main: parse the global options, resolve the session (configuration,
 * database, who is acting), and hand off to a command or to the console. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/cli.h"
#include "plancon/i18n.h"
#include "plancon/session.h"
#include "plancon/store.h"
#include "plancon/text.h"
#include "plancon/tui.h"

struct options {
	const char *db, *config, *as_of;
	const char *ssh_user;      /* --ssh-user: the gateway's forced command */
	const char *as_user;       /* --user: an administrator acting as someone else */
	int cmd;                   /* index in argv of the command, or argc */
};

/* The usage error of a command line plancon cannot run. */
static void
bad_usage(void)
{
	fputs(_("usage: plancon [--db FILE] [--config FILE] [--as-of DATE] [COMMAND [ARGS]]\n"), stderr);
	fputs(_("Try 'plancon --help'.\n"), stderr);
}

/* 0, or the exit status when there is nothing more to do: 2 after a usage
 * message, -1 for 0 after --help or --version. */
static int
parse_options(int argc, char **argv, struct options *o)
{
	enum { OPT_DB = 256, OPT_CONFIG, OPT_AS_OF, OPT_HELP, OPT_VERSION, OPT_SSH_USER, OPT_USER };
	static const struct option opts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "ssh-user", required_argument, NULL, OPT_SSH_USER },
		{ "user", required_argument, NULL, OPT_USER },
		{ NULL, 0, NULL, 0 }
	};
	int ch;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_DB: o->db = optarg; break;
		case OPT_CONFIG: o->config = optarg; break;
		case OPT_AS_OF: o->as_of = optarg; break;
		case OPT_SSH_USER: o->ssh_user = optarg; break;
		case OPT_USER: o->as_user = optarg; break;
		case 'h':
		case OPT_HELP:
			cli_usage(stdout);
			return -1;
		case OPT_VERSION:
			printf("plancon %s\n", PLANCON_VERSION);
			return -1;
		default:
			if (optopt && ch == '?' && argv[optind - 1][0] == '-' && argv[optind - 1][1] != '-')
				cli_message(stderr, _("plancon: unknown option \"-%c\"\n"), optopt);
			else
				cli_message(stderr, _("plancon: unknown option or missing value: \"%s\"\n"), argv[optind - 1]);
			bad_usage();
			return 2;
		}
	}
	o->cmd = optind;
	return 0;
}

/* Run cmd, or with no command the console. */
static int
run_command(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	/* An unknown user gets no access at all when the config says so. */
	int r;
	if (c->store && !(cmd && (cmd->flags & CLI_ANYONE)) && (r = cli_may_read(c)))
		return r;
	if (cmd)
		return cmd->run(c, argc, argv);
	return tui_run(c);
}

int
main(int argc, char **argv)
{
	text_init_locale();
	i18n_init();
	struct options o = { 0 };
	struct session s = { 0 };
	const struct cli_command *cmd = NULL;
	struct error e;
	err_clear(&e);

	int r = parse_options(argc, argv, &o);
	if (r) {
		r = r < 0 ? 0 : r;
		goto out;
	}
	if (o.cmd < argc && !(cmd = cli_find(argv[o.cmd]))) {
		cli_message(stderr, _("plancon: unknown command \"%s\"\n"), argv[o.cmd]);
		bad_usage();
		r = 2;
		goto out;
	}

	const struct session_options so = {
		.db = o.db, .config = o.config, .as_of = o.as_of, .ssh_user = o.ssh_user, .as_user = o.as_user,
		.no_store = cmd && (cmd->flags & CLI_NO_STORE), .nargs = argc - o.cmd,
	};
	enum err_code code = session_open(&s, &so, &e);
	if (s.store && store_readonly(s.store) && cmd && !(cmd->flags & CLI_WRITES))
		cli_message(stderr, _("plancon: %s is read-only here: showing it, but changes will be refused\n"),
		            s.db_path);
	if (code) {
		cli_message(stderr, "plancon: %s\n", e.msg[0] ? e.msg : err_name(code));
		r = err_exit_status(code);
		goto out;
	}

	struct cli c = { .session = &s, .store = s.store, .as_of = s.as_of, .out = stdout, .err = stderr };
	if (s.over_ssh)
		r = cli_ssh_session(&c, run_command);
	else
		r = run_command(&c, cmd, argc - o.cmd, argv + o.cmd);
out:
	if (fflush(stdout) != 0 && r == 0) {
		fprintf(stderr, _("plancon: writing output: %s\n"), strerror(errno));
		r = 1;
	}
	session_close(&s);
	return r;
}
