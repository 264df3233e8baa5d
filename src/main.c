/* main: parse the global options, load the configuration, open the store,
 * and hand off to a command or to the console. */
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plancon/cli.h"
#include "plancon/config.h"
#include "plancon/model.h"
#include "plancon/store.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

struct options {
	const char *db, *config, *as_of;
	int cmd;                   /* index in argv of the command, or argc */
};

static int
parse_options(int argc, char **argv, struct options *o)
{
	enum { OPT_DB = 256, OPT_CONFIG, OPT_AS_OF, OPT_HELP, OPT_VERSION };
	static const struct option opts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int ch;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (ch) {
		case OPT_DB: o->db = optarg; break;
		case OPT_CONFIG: o->config = optarg; break;
		case OPT_AS_OF: o->as_of = optarg; break;
		case 'h':
		case OPT_HELP:
			cli_usage(stdout);
			exit(0);
		case OPT_VERSION:
			printf("plancon %s\n", PLANCON_VERSION);
			exit(0);
		default:
			if (optopt && ch == '?' && argv[optind - 1][0] == '-' && argv[optind - 1][1] != '-')
				fprintf(stderr, "plancon: unknown option \"-%c\"\n", optopt);
			else
				fprintf(stderr, "plancon: unknown option or missing value: \"%s\"\n", argv[optind - 1]);
			fputs("usage: plancon [--db FILE] [--config FILE] [--as-of DATE] [COMMAND [ARGS]]\n"
			      "Try 'plancon --help'.\n", stderr);
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

int
main(int argc, char **argv)
{
	text_init_locale();
	struct options o = { 0 };
	int r = parse_options(argc, argv, &o);
	if (r)
		return r;

	const struct cli_command *cmd = NULL;
	if (o.cmd < argc) {
		cmd = cli_find(argv[o.cmd]);
		if (!cmd) {
			fprintf(stderr, "plancon: unknown command \"%s\"\nTry 'plancon --help'.\n", argv[o.cmd]);
			return 2;
		}
	}

	struct config cfg;
	char msg[1024];
	config_defaults(&cfg);
	if (config_load(&cfg, o.config, msg, sizeof msg) != 0) {
		fprintf(stderr, "%s%s\n", strncmp(msg, "plancon:", 8) ? "plancon: " : "", msg);
		config_free(&cfg);
		return 2;
	}

	char as_of[11];
	if (o.as_of) {
		if (!model_date_valid(o.as_of)) {
			fprintf(stderr, "plancon: --as-of: expected a date YYYY-MM-DD, got \"%s\"\n", o.as_of);
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
		fputs("plancon: no database path: HOME is not set; use --db FILE\n", stderr);
		config_free(&cfg);
		return 2;
	}

	struct cli c = { .cfg = &cfg, .as_of = as_of, .out = stdout, .err = stderr };
	char *user = login_name();
	c.user = user;
	struct store *s = NULL;
	struct error e;
	err_clear(&e);
	if (!cmd || !(cmd->flags & CLI_NO_STORE)) {
		if (store_open(&s, path, STORE_CREATE, &e)) {
			fprintf(stderr, "plancon: %s\n", e.msg);
			free(path);
			free(user);
			config_free(&cfg);
			return err_exit_status(e.code);
		}
		c.store = s;
		char *demo = store_meta_get(s, "demo");
		c.demo = demo && !strcmp(demo, "1");
		free(demo);
	}
	if (cmd)
		r = cmd->run(&c, argc - o.cmd, argv + o.cmd);
	else
		r = cli_summary(&c, 1, argv);
	if (fflush(stdout) != 0 && r == 0) {
		perror("plancon: writing output");
		r = 1;
	}
	store_close(s);
	free(path);
	free(user);
	config_free(&cfg);
	return r;
}
