/* session: who runs this process, on what, and what follows from it.
 *
 * main resolves a session once; the commands and the console read it
 * instead of asking the store again. The identity is read once here; the
 * store's writers still check the permission inside their transaction,
 * and read the identity again there only when the database has changed
 * since (store_may), so that a role taken away takes effect at once. */
#include "plancon/session.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "plancon/model.h"
#include "plancon/output.h"
#include "plancon/store_plan.h"
#include "plancon/store_users.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

struct auth_policy
session_policy(const struct config *cfg)
{
	return (struct auth_policy){ .unknown_none = cfg && cfg->unknown_user == UNKNOWN_USER_NONE,
	                             .contact = cfg ? cfg->contact : NULL };
}

struct cycle_settings
session_cycle(const struct session *s)
{
	return s->cycle;
}

/* A cycle setting the database carries (meta "cycle_KEY", from its plan
 * file or the demo), or NULL. */
static char *
cycle_meta(const struct session *s, const char *key)
{
	char name[32];
	snprintf(name, sizeof name, "cycle_%s", key);
	return s->store ? store_meta_get(s->store, name) : NULL;
}

/* [cycle] of the configuration, over the database's, over the built-in. */
static void
cycle_resolve(struct session *s)
{
	const struct config *c = &s->cfg;
	struct cycle_settings cs = { .on = false, .kind = CYCLE_MONTH, .due_day = 5, .near_days = (int)c->cycle.near_days,
	                             .grace_days = (int)c->cycle.grace_days, .evidence_max = c->cycle.evidence_max };
	char *v;
	long n;
	if (c->cycle.enabled >= 0)
		cs.on = c->cycle.enabled == 1;
	else if ((v = cycle_meta(s, "enabled")))
		cs.on = !strcmp(v, "1"), free(v);
	if (c->cycle.period >= 0)
		cs.kind = c->cycle.period == 1 ? CYCLE_QUARTER : CYCLE_MONTH;
	else if ((v = cycle_meta(s, "period")))
		cs.kind = cycle_kind_parse(v) == CYCLE_QUARTER ? CYCLE_QUARTER : CYCLE_MONTH, free(v);
	if (c->cycle.due_day > 0)
		cs.due_day = (int)c->cycle.due_day;
	else if ((v = cycle_meta(s, "due_day"))) {
		if (model_whole_parse(v, CYCLE_DUE_DAY_MIN, CYCLE_DUE_DAY_MAX, &n))
			cs.due_day = (int)n;
		free(v);
	}
	struct cycle_period p;
	if (c->cycle.since[0])
		memcpy(cs.since, c->cycle.since, sizeof cs.since);
	else if ((v = cycle_meta(s, "since"))) {
		if (cycle_period_parse(v, &p))
			memcpy(cs.since, p.key, sizeof cs.since);
		free(v);
	}
	free(s->cycle_office);
	s->cycle_office = c->cycle.office ? xstrdup(c->cycle.office) : cycle_meta(s, "office");
	s->cycle = cs;
}

enum err_code
session_identity_load(struct store *st, const struct auth_policy *p, const char *name, const char *actor,
                      struct identity *id, struct error *e)
{
	enum err_code c = store_identity_load(st, name, id, e);
	auth_identity_settle(id, p, st ? store_readonly(st) : false);
	if (actor && name && strcmp(actor, name))
		id->actor = xstrdup(actor);
	return c;
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

/* May this process honour --ssh-user ssh_user? Only when the login is the
 * configured gateway account and no command follows the global options. */
static enum err_code
ssh_gate(const struct session *s, const char *ssh_user, int nargs, struct error *e)
{
	const char *gw = s->cfg.gateway_account;
	if (!gw || strcmp(s->login, gw))
		return err_set(e, ERR_REFUSED, _("--ssh-user is refused: it is only for the forced command of the "
		               "gateway account (%s%s), and this is %s; see plancon-ssh(7)"),
		               gw ? "[ssh] gateway_account = " : _("none is configured in [ssh] gateway_account"),
		               gw ? gw : "", s->login);
	if (!auth_name_valid(ssh_user)) {
		char *shown = text_trunc(ssh_user, 40);
		err_set(e, ERR_REFUSED, _("--ssh-user: \"%s\" is not a user name plancon writes into a key line"), shown);
		free(shown);
		return ERR_REFUSED;
	}
	if (nargs > 0)
		return err_set(e, ERR_USAGE, _("--ssh-user takes no command: the command comes from "
		               "SSH_ORIGINAL_COMMAND"));
	return ERR_OK;
}

/* --user: the login's identity says whether it may act as o->as_user. */
static enum err_code
act_as(struct session *s, const char *as_user, struct error *e)
{
	if (s->over_ssh)
		return err_set(e, ERR_USAGE, _("--user cannot be combined with --ssh-user"));
	if (!s->store || !strcmp(as_user, s->login))
		return ERR_OK;
	enum err_code c = auth_may_act_as(&s->id, as_user, e);
	if (c)
		return c;
	s->user = as_user;
	s->actor = s->login;          /* the log names both */
	return ERR_OK;
}

/* The supervision cycle's part of the identity, from [cycle]: on or off,
 * and the office's department (an unknown name is an error naming the
 * setting, while the cycle is on). */
static enum err_code
cycle_settle(struct session *s, struct error *e)
{
	cycle_resolve(s);
	const char *office = s->cycle_office;
	s->id.cycle_on = s->cycle.on;
	if (!s->cycle.on || !office)
		return ERR_OK;
	long long id;
	struct error ignored;
	if (store_dept_find(s->store, office, &id, &ignored)) {
		char *shown = text_trunc(office, 40);
		err_set(e, ERR_CONFIG, _("[cycle] office: no department \"%s\" (see plancon depts)"), shown);
		free(shown);
		return ERR_CONFIG;
	}
	s->id.office = id;
	s->id.office_name = xstrdup(office);
	return ERR_OK;
}

enum err_code
session_refresh(struct session *s, struct error *e)
{
	if (!s->store)
		return ERR_OK;
	struct identity id;
	s->loads++;
	enum err_code c = session_identity_load(s->store, &s->policy, s->user, s->actor, &id, e);
	if (c) {
		identity_free(&id);
		return c;
	}
	identity_free(&s->id);
	s->id = id;
	return cycle_settle(s, e);
}

enum err_code
session_may_read(const struct session *s, struct error *e)
{
	return auth_check(&s->id, ACT_READ, NULL, e);
}

/* --as-of, else the config's, else today. */
static enum err_code
as_of_date(struct session *s, const char *opt, struct error *e)
{
	if (opt) {
		if (!model_date_valid(opt))
			return err_set(e, ERR_USAGE, _("--as-of: expected a date YYYY-MM-DD, got \"%s\""), opt);
		snprintf(s->as_of, sizeof s->as_of, "%s", opt);
	} else if (s->cfg.as_of[0]) {
		snprintf(s->as_of, sizeof s->as_of, "%s", s->cfg.as_of);
	} else {
		model_today(s->as_of);
	}
	return ERR_OK;
}

enum err_code
session_open(struct session *s, const struct session_options *o, struct error *e)
{
	*s = (struct session){ 0 };
	config_defaults(&s->cfg);
	char msg[sizeof e->msg];
	if (config_load(&s->cfg, o->config, msg, sizeof msg) != 0) {
		const char *m = strncmp(msg, "plancon:", 8) ? msg : msg + 8 + strspn(msg + 8, " ");
		return err_set(e, ERR_CONFIG, "%s", m);
	}
	s->policy = session_policy(&s->cfg);
	/* Every day boundary and local time of this process is in this zone. */
	if (s->cfg.time_zone) {
		setenv("TZ", s->cfg.time_zone, 1);
		tzset();
	}
	enum err_code c = as_of_date(s, o->as_of, e);
	if (c)
		return c;
	s->db_path = o->db ? xstrdup(o->db) : s->cfg.database ? xstrdup(s->cfg.database) : store_default_path();
	if (!s->db_path)
		return err_set(e, ERR_USAGE, _("no database path: HOME is not set; use --db FILE"));
	s->login = o->login ? xstrdup(o->login) : login_name();
	s->user = s->login;
	if (o->ssh_user) {
		if ((c = ssh_gate(s, o->ssh_user, o->nargs, e)))
			return c;
		s->over_ssh = true;
		s->user = o->ssh_user;
		/* The one rule for every command and key of this session. */
		output_forbid_files(_("over SSH, plancon writes no file on the server, only its database; "
		                      "a report or an export comes back to you: leave out -o (or give -o -) "
		                      "and redirect it on your side, as in: ssh ... report --format xlsx > report.xlsx"));
	}
	if (!o->no_store) {
		if ((c = store_open(&s->store, s->db_path, STORE_CREATE | session_store_flags(&s->cfg), e)))
			return c;
		s->demo = store_is_demo(s->store);
		if ((c = session_refresh(s, e)))
			return c;
	}
	if (o->as_user && (c = act_as(s, o->as_user, e)))
		return c;
	if (s->actor) {
		/* The login was an administrator as of its own reading: the
		 * store may trust that until the database changes from then. */
		long long at[2] = { s->id.loaded_at[0], s->id.loaded_at[1] };
		if ((c = session_refresh(s, e)))
			return c;
		s->id.actor_admin = true;
		memcpy(s->id.loaded_at, at, sizeof at);
	}
	return ERR_OK;
}

unsigned
session_store_flags(const struct config *cfg)
{
	return cfg && cfg->sync == SYNC_NORMAL ? STORE_SYNC_NORMAL : 0;
}

void
session_close(struct session *s)
{
	identity_free(&s->id);
	if (s->store)
		store_close(s->store);
	free(s->db_path);
	free(s->login);
	free(s->cycle_office);
	config_free(&s->cfg);
	*s = (struct session){ 0 };
}
