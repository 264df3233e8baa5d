/* main: parse the global options, load the configuration, open the store,
 * and hand off to a command or to the console. */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plancon/auth.h"
#include "plancon/cli.h"
#include "plancon/config.h"
#include "plancon/i18n.h"
#include "plancon/model.h"
#include "plancon/output.h"
#include "plancon/store.h"
#include "plancon/text.h"
#include "plancon/tui.h"
#include "plancon/xalloc.h"

struct options {
	const char *db, *config, *as_of;
	const char *ssh_user;      /* --ssh-user: the gateway's forced command */
	const char *as_user;       /* --user: an administrator acting as someone else */
	int cmd;                   /* index in argv of the command, or argc */
};

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
			exit(0);
		case OPT_VERSION:
			printf("plancon %s\n", PLANCON_VERSION);
			exit(0);
		default:
			if (optopt && ch == '?' && argv[optind - 1][0] == '-' && argv[optind - 1][1] != '-')
				cli_message(stderr, _("plancon: unknown option \"-%c\"\n"), optopt);
			else
				cli_message(stderr, _("plancon: unknown option or missing value: \"%s\"\n"), argv[optind - 1]);
			fputs(_("usage: plancon [--db FILE] [--config FILE] [--as-of DATE] [COMMAND [ARGS]]\n"), stderr);
			fputs(_("Try 'plancon --help'.\n"), stderr);
			return 2;
		}
	}
	o->cmd = optind;
	return 0;
}

/* The login name of the real user: who is running plancon. */
static char *
login_name(void)
{
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		return xstrdup(pw->pw_name);
	return xasprintf("uid%u", (unsigned)getuid());
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

/* --user NAME: honoured only for an administrator (see auth_identify). */
static int
act_as(struct cli *c, const struct options *o)
{
	if (o->ssh_user) {
		fputs(_("plancon: --user cannot be combined with --ssh-user\n"), stderr);
		return 2;
	}
	if (!c->store)
		return 0;
	struct identity id = { 0 };
	struct error e;
	err_clear(&e);
	enum err_code code = auth_identify(c->store, c->cfg, c->user, o->as_user, &id, &e);
	identity_free(&id);
	if (code)
		return cli_error(c, &e);
	if (strcmp(o->as_user, c->user))
		c->actor = c->user;        /* the log names both */
	c->user = o->as_user;
	return 0;
}

int
main(int argc, char **argv)
{
	text_init_locale();
	i18n_init();
	struct options o = { 0 };
	int r = parse_options(argc, argv, &o);
	if (r)
		return r;

	const struct cli_command *cmd = NULL;
	if (o.cmd < argc) {
		cmd = cli_find(argv[o.cmd]);
		if (!cmd) {
			cli_message(stderr, _("plancon: unknown command \"%s\"\n"), argv[o.cmd]);
			fputs(_("usage: plancon [--db FILE] [--config FILE] [--as-of DATE] [COMMAND [ARGS]]\n"), stderr);
			fputs(_("Try 'plancon --help'.\n"), stderr);
			return 2;
		}
	}

	struct config cfg;
	char msg[1024];
	config_defaults(&cfg);
	if (config_load(&cfg, o.config, msg, sizeof msg) != 0) {
		cli_message(stderr, "%s%s\n", strncmp(msg, "plancon:", 8) ? "plancon: " : "", msg);
		config_free(&cfg);
		return 2;
	}

	char as_of[11];
	if (o.as_of) {
		if (!model_date_valid(o.as_of)) {
			cli_message(stderr, _("plancon: --as-of: expected a date YYYY-MM-DD, got \"%s\"\n"), o.as_of);
			config_free(&cfg);
			return 2;
		}
		snprintf(as_of, sizeof as_of, "%s", o.as_of);
	} else if (cfg.as_of[0]) {
		snprintf(as_of, sizeof as_of, "%s", cfg.as_of);
	} else {
		model_today(as_of);
	}

	char *path = o.db ? xstrdup(o.db) : cfg.database ? xstrdup(cfg.database) : store_default_path();
	if (!path) {
		fputs(_("plancon: no database path: HOME is not set; use --db FILE\n"), stderr);
		config_free(&cfg);
		return 2;
	}

	struct cli c = { .cfg = &cfg, .as_of = as_of, .out = stdout, .err = stderr, .db_path = path };
	char *user = login_name();
	c.user = user;
	if (o.ssh_user) {
		r = cli_ssh_gate(&cfg, user, o.ssh_user, argc - o.cmd, stderr);
		if (r) {
			free(path);
			free(user);
			config_free(&cfg);
			return r;
		}
		c.user = o.ssh_user;
		/* The one rule for every command and key of this session. */
		output_forbid_files(_("over SSH, plancon writes no file on the server, only its database; "
		                      "a report or an export comes back to you: leave out -o (or give -o -) "
		                      "and redirect it on your side, as in: ssh ... report --format xlsx > report.xlsx"));
	}
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	if (!cmd || !(cmd->flags & CLI_NO_STORE)) {
		if (store_open(&s, path, STORE_CREATE | cli_store_flags(&cfg), &e)) {
			cli_message(stderr, "plancon: %s\n", e.msg);
			free(path);
			free(user);
			config_free(&cfg);
			return err_exit_status(e.code);
		}
		c.store = s;
		if (store_readonly(s) && cmd && !(cmd->flags & CLI_WRITES))
			cli_message(stderr, _("plancon: %s is read-only here: showing it, but changes will be refused\n"),
			            path);
		c.demo = store_is_demo(s);
	}
	if (o.as_user && (r = act_as(&c, &o))) {
		store_close(s);
		free(path);
		free(user);
		config_free(&cfg);
		return r;
	}
	if (o.ssh_user)
		r = cli_ssh_session(&c, run_command);
	else
		r = run_command(&c, cmd, argc - o.cmd, argv + o.cmd);
	if (fflush(stdout) != 0 && r == 0) {
		fprintf(stderr, _("plancon: writing output: %s\n"), strerror(errno));
		r = 1;
	}
	store_close(s);
	free(path);
	free(user);
	config_free(&cfg);
	return r;
}
