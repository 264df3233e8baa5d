/* cli_admin: what the leading group's office (an administrator) does:
 * users, departments, assignments, indicator actuals, and init, which makes
 * the first administrator of a database. The store checks the role inside
 * each write, so these commands only parse and report. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/auth.h"
#include "plancon/cli.h"
#include "plancon/i18n.h"
#include "plancon/model.h"
#include "plancon/store_plan.h"
#include "plancon/store_tasks.h"
#include "plancon/store_users.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

/* Report the outcome of a write: 0, or the exit status after the message. */
static int
done(struct cli *c, enum err_code code, const struct error *e)
{
	return code ? cli_error(c, e) : 0;
}

/* ---- user ----------------------------------------------------------------------- */

struct user_ctx {
	struct table *t;
	bool text;                 /* labels for people, or the stored words */
};

static int
user_row(const struct user_row *u, void *ctx)
{
	struct user_ctx *x = ctx;
	struct table *t = x->t;
	table_row(t);
	table_cell(t, u->name);
	table_cell(t, x->text ? model_role_label(u->role) : u->role);
	table_cell(t, x->text ? model_yes_no_label(u->active ? "1" : "0") : u->active ? "1" : "0");
	table_cell(t, u->depts ? u->depts : "");
	table_cell(t, u->created_at);
	table_cell(t, u->updated_at);
	table_cell(t, u->updated_by);
	return 0;
}

static int
user_list(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option opts[] = { { "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	int fmt = FMT_TEXT, ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'f')
			return cli_bad_option(c, cmd, argc, argv);
		if ((r = cli_format(c, cmd, optarg, CLI_TABLE_FORMATS, &fmt)))
			return r;
	}
	if ((r = cli_no_operand(c, cmd, argc, argv, optind)))
		return r;
	bool text = fmt == FMT_TEXT;
	struct table *t = table_new();
	table_col(t, "name", text ? _("User") : "name", 0, 0);
	table_col(t, "role", text ? _("Role") : "role", 0, 0);
	table_col(t, "active", text ? _("Active") : "active", text ? 0 : TABLE_BOOL, 0);
	table_col(t, "departments", text ? _("Departments") : "departments", TABLE_SHRINK, text ? 40 : 0);
	table_col(t, "created_at", text ? _("Created (UTC)") : "created_at", 0, 0);
	table_col(t, "updated_at", text ? _("Changed (UTC)") : "updated_at", 0, 0);
	table_col(t, "updated_by", text ? _("By") : "updated_by", 0, 0);
	struct error e;
	err_clear(&e);
	struct user_ctx x = { .t = t, .text = text };
	if (store_users_each(c->store, user_row, &x, &e)) {
		table_free(t);
		return cli_error(c, &e);
	}
	if (text && table_rows(t) == 0)
		fputs(_("(no users: plancon init --admin NAME makes the first administrator)\n"), c->out);
	else
		table_print(t, c->out, fmt, cli_width(c), false);
	table_free(t);
	return 0;
}

static int
user_add(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' }, { "dept", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 } };
	const char **depts = xcalloc((size_t)argc + 1, sizeof *depts);
	size_t ndepts = 0;
	int role = -1, ch, r = 0;
	optind = 0;
	opterr = 0;
	while (!r && (ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if ((role = auth_role_parse(optarg)) < 0)
				r = cli_usage_error(c, cmd, _("--role: expected viewer, editor or admin, got \"%s\""), optarg);
			break;
		case 'd': depts[ndepts++] = optarg; break;
		default:
			r = cli_bad_option(c, cmd, argc, argv);
		}
	}
	if (!r && optind >= argc)
		r = cli_usage_error(c, cmd, _("user add needs a user name"));
	else if (!r && optind + 1 < argc)
		r = cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[optind + 1]);
	else if (!r && role < 0)
		r = cli_usage_error(c, cmd, _("--role is required (viewer, editor or admin)"));
	if (!r) {
		const char *name = argv[optind];
		struct error e;
		err_clear(&e);
		bool created = false;
		struct write_result w;
		enum err_code code = store_user_set(c->store, &c->session->id, name, (enum auth_role)role, depts, ndepts, &created,
		                                    &w, &e);
		if (code)
			r = cli_error(c, &e);
		else if (!w.changed)
			fprintf(c->out, _("user %s: already %s with these departments; nothing changed\n"), name,
			        model_role_label(auth_role_name((enum auth_role)role)));
		else
			fprintf(c->out, created ? _("user %s added: %s\n") : _("user %s updated: %s\n"), name,
			        model_role_label(auth_role_name((enum auth_role)role)));
	}
	free(depts);
	return r;
}

int
cli_user(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("user");
	if (argc < 2)
		return cli_usage_error(c, cmd, _("user what? add, list or del"));
	const char *sub = argv[1];
	if (!strcmp(sub, "list"))
		return user_list(c, cmd, argc - 1, argv + 1);
	if (!strcmp(sub, "add"))
		return user_add(c, cmd, argc - 1, argv + 1);
	if (strcmp(sub, "del"))
		return cli_usage_error(c, cmd, _("unknown subcommand \"%s\" (add, list, del)"), sub);
	if (argc != 3)
		return cli_usage_error(c, cmd, argc < 3 ? _("user del needs a user name") : _("unexpected argument \"%s\""),
		                       argc > 3 ? argv[3] : "");
	struct error e;
	err_clear(&e);
	enum err_code code = store_user_del(c->store, &c->session->id, argv[2], &e);
	if (!code)
		fprintf(c->out, _("user %s deleted (kept in the log; plancon user add brings them back)\n"), argv[2]);
	return done(c, code, &e);
}

/* ---- dept ------------------------------------------------------------------------ */

int
cli_dept(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("dept");
	if (argc < 2)
		return cli_usage_error(c, cmd, _("dept what? add or rename"));
	bool add = !strcmp(argv[1], "add"), rename = !strcmp(argv[1], "rename");
	if (!add && !rename)
		return cli_usage_error(c, cmd, _("unknown subcommand \"%s\" (add, rename)"), argv[1]);
	if (add && argc != 4)
		return cli_usage_error(c, cmd, _("dept add needs a short name and a full name"));
	if (rename && (argc < 4 || argc > 5))
		return cli_usage_error(c, cmd, _("dept rename needs the short name, the new short name and "
		                       "optionally the new full name"));
	const struct identity *id = &c->session->id;
	struct error e;
	err_clear(&e);
	enum err_code code;
	if (add) {
		code = store_dept_add(c->store, id, argv[2], argv[3], &e);
		if (!code)
			fprintf(c->out, _("department %s added\n"), argv[2]);
	} else {
		struct write_result w;
		code = store_dept_rename(c->store, id, argv[2], argv[3], argc == 5 ? argv[4] : NULL, &w, &e);
		if (!code)
			fprintf(c->out, w.changed ? _("department %s is now %s\n") : _("department %s is already %s; "
			        "nothing changed\n"), argv[2], argv[3]);
	}
	return done(c, code, &e);
}

/* ---- assign ----------------------------------------------------------------------- */

/* Split a --coop value at ',' and '、' into list (words are malloc'd). */
static void
split_depts(const char *v, char ***list, size_t *n, size_t *cap)
{
	const char *p = v;
	while (*p) {
		size_t len = strcspn(p, ",");
		const char *ideo = strstr(p, "、");
		if (ideo && (size_t)(ideo - p) < len)
			len = (size_t)(ideo - p);
		const char *s = p, *end = p + len;
		while (s < end && *s == ' ')
			s++;
		while (end > s && end[-1] == ' ')
			end--;
		if (end > s) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 8;
				*list = xrealloc(*list, *cap * sizeof **list);
			}
			(*list)[(*n)++] = xstrndup(s, (size_t)(end - s));
		}
		p += len;
		if (!strncmp(p, "、", strlen("、")))
			p += strlen("、");
		else if (*p == ',')
			p++;
	}
}

int
cli_assign(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lead", required_argument, NULL, 'l' }, { "coop", required_argument, NULL, 'c' },
		{ "no-coop", no_argument, NULL, 'n' }, { "confirm", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("assign");
	struct assignment a = { 0 };
	char **coop = NULL;
	size_t ncoop = 0, cap = 0;
	bool with_coop = false, no_coop = false;
	int ch, r = 0;
	optind = 0;
	opterr = 0;
	while (!r && (ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'l': a.lead = optarg; break;
		case 'c': split_depts(optarg, &coop, &ncoop, &cap); a.set_coop = with_coop = true; break;
		case 'n': a.set_coop = no_coop = true; break;
		case 'y': a.confirm = true; break;
		default: r = cli_bad_option(c, cmd, argc, argv);
		}
	}
	if (!r && with_coop && no_coop)
		r = cli_usage_error(c, cmd, _("--coop and --no-coop contradict each other: give the cooperating "
		                    "departments, or --no-coop for none"));
	else if (!r && optind >= argc)
		r = cli_usage_error(c, cmd, _("which task? give its code"));
	else if (!r && optind + 1 < argc)
		r = cli_usage_error(c, cmd, _("unexpected argument \"%s\" (several cooperating departments: "
		                    "--coop A --coop B, or --coop A,B)"), argv[optind + 1]);
	else if (!r && !a.lead && !a.set_coop && !a.confirm)
		r = cli_usage_error(c, cmd, _("nothing to change: give --lead, --coop, --no-coop or --confirm"));
	if (!r) {
		a.code = argv[optind];
		a.coop = (const char *const *)coop;
		a.ncoop = ncoop;
		struct error e;
		err_clear(&e);
		struct write_result w;
		if (store_assign(c->store, &c->session->id, &a, &w, &e))
			r = cli_error(c, &e);
		else if (w.changed)
			fprintf(c->out, _("%s: assignment saved (version %lld)\n"), a.code, w.version);
		else
			fprintf(c->out, _("%s: assignment unchanged (version %lld)\n"), a.code, w.version);
	}
	for (size_t i = 0; i < ncoop; i++)
		free(coop[i]);
	free(coop);
	return r;
}

/* ---- actual ------------------------------------------------------------------------- */

int
cli_actual(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("actual");
	if (argc != 4)
		return cli_usage_error(c, cmd, argc < 4 ? _("give the indicator, the year and the value")
		                                        : _("unexpected argument \"%s\""), argc > 4 ? argv[4] : "");
	long year;
	if (!model_whole_parse(argv[2], 1900, 2200, &year))
		return cli_usage_error(c, cmd, _("\"%s\": expected a year from 1900 to 2200"), argv[2]);
	struct actual_update a = { .indicator = argv[1], .year = (int)year };
	const char *unit;
	if (!model_value_parse(argv[3], &a.value, &unit))
		return cli_usage_error(c, cmd, _("\"%s\": expected a number such as 66.5"), argv[3]);
	a.unit = unit + strspn(unit, " ");   /* "65.5 %" */
	struct error e;
	err_clear(&e);
	struct write_result w;
	char *name = NULL;
	enum err_code code = store_actual_set(c->store, &c->session->id, &a, &w, &name, &e);
	if (!code) {
		char num[MODEL_VALUE_LEN];
		model_value_format(a.value, num);
		cli_message(c->out, w.changed ? _("%s %ld: %s recorded\n") : _("%s %ld: already %s; nothing changed\n"),
		            name, year, num);
	}
	free(name);
	return done(c, code, &e);
}

/* ---- init ----------------------------------------------------------------------------- */

int
cli_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "admin", required_argument, NULL, 'a' }, { NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("init");
	const char *admin = NULL;
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'a')
			return cli_bad_option(c, cmd, argc, argv);
		admin = optarg;
	}
	int r = cli_no_operand(c, cmd, argc, argv, optind);
	if (r)
		return r;
	if (!admin)
		return cli_usage_error(c, cmd, _("--admin NAME is required: the first administrator"));
	struct error e;
	err_clear(&e);
	enum err_code code = store_init_admin(c->store, c->session->user, admin, &e);
	if (!code)
		fprintf(c->out, _("%s is the administrator of %s\n"), admin, store_path(c->store));
	return done(c, code, &e);
}
