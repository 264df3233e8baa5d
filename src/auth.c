/* auth: what a user may do. Pure decisions: the session loads identities
 * through the store and passes them in; nothing here reads a file, the
 * database or the configuration.
 *
 * auth_check is a pure decision over an identity and a task's departments;
 * the store calls it inside each write transaction, after reading the task,
 * so a decision is never made on data that changes before the write. The
 * messages say why and who to ask, because they go straight to the user. */
#include "plancon/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/text.h"
#include "plancon/xalloc.h"

static const char *const role_names[] = {
	[AUTH_ROLE_NONE] = "none", [AUTH_ROLE_VIEWER] = "viewer", [AUTH_ROLE_EDITOR] = "editor", [AUTH_ROLE_ADMIN] = "admin",
};

const char *
auth_role_name(enum auth_role r)
{
	return (unsigned)r < sizeof role_names / sizeof role_names[0] ? role_names[r] : "?";
}

int
auth_role_parse(const char *s)
{
	if (!s)
		return -1;
	for (int r = AUTH_ROLE_VIEWER; r <= AUTH_ROLE_ADMIN; r++)
		if (!strcmp(s, role_names[r]))
			return r;
	return -1;
}

void
identity_free(struct identity *id)
{
	if (!id)
		return;
	for (size_t i = 0; id->dept_names && i < id->ndepts; i++)
		free(id->dept_names[i]);
	free(id->dept_names);
	free(id->depts);
	free(id->name);
	free(id->contact);
	free(id->actor);
	free(id->office_name);
	*id = (struct identity){ 0 };
}

bool
auth_name_valid(const char *name)
{
	if (!name || !*name || name[0] == '-' || strlen(name) > 64)
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p >= 0x80)
			continue;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '_' || *p == '-'))
			return false;
	}
	/* Non-ASCII bytes must form valid UTF-8. */
	return text_valid_utf8(name, strlen(name));
}

static const char *
contact_of(const struct identity *id)
{
	return id->contact && *id->contact ? id->contact : _("an administrator of plancon");
}

void
auth_unknown_notice(const struct identity *id, char *buf, size_t len)
{
	if (!len)
		return;
	buf[0] = '\0';
	if (!id || id->known)
		return;
	bool none = id->role == AUTH_ROLE_NONE;
	const char *fmt = id->deactivated
		? none ? _("%s is no longer a plancon user: no access. Ask %s to be added")
		       : _("%s is no longer a plancon user: read-only access. Ask %s to be added")
		: none ? _("%s is not a plancon user: no access. Ask %s to be added")
		       : _("%s is not a plancon user: read-only access. Ask %s to be added");
	snprintf(buf, len, fmt, id->name ? id->name : "?", contact_of(id));
}

static bool
member(const struct identity *id, long long dept)
{
	for (size_t i = 0; dept && i < id->ndepts; i++)
		if (id->depts[i] == dept)
			return true;
	return false;
}

static bool
cooperates(const struct identity *id, const struct auth_task *t)
{
	for (size_t i = 0; i < t->ncoop; i++)
		if (member(id, t->coop[i]))
			return true;
	return false;
}

/* "省住房城乡建设厅、省民政厅" into buf. */
static void
dept_list(const struct identity *id, char *buf, size_t len)
{
	buf[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < id->ndepts && used < len; i++) {
		const char *n = id->dept_names && id->dept_names[i] ? id->dept_names[i] : "?";
		int w = snprintf(buf + used, len - used, "%s%s", i ? "、" : "", n);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	if (!id->ndepts)
		snprintf(buf, len, "%s", _("no department"));
}

/* What act does, as a whole phrase (so that it translates): done to tasks
 * in general, or (it) to the task at hand. */
static const char *
action_text(enum auth_action act, bool it)
{
	switch (act) {
	case ACT_READ: return _("read the plan");
	case ACT_SET_STATUS:
		return it ? _("change the status or progress of it") : _("change the status or progress of tasks");
	case ACT_NOTE: return it ? _("add a note to it") : _("add a note to tasks");
	case ACT_MILESTONE: return it ? _("change a milestone of it") : _("change a milestone of tasks");
	case ACT_ADMIN: return _("change users, departments, assignments or indicator values");
	case ACT_REPORT: return it ? _("file its report") : _("file reports");
	case ACT_REPORT_INPUT: return it ? _("add input to its report") : _("add input to reports");
	case ACT_OFFICE:
		return it ? _("review, verify or remind on it") : _("review reports, verify tasks or send reminders");
	}
	return _("do that");
}

bool
auth_is_office(const struct identity *id)
{
	return id && id->known && !id->deactivated &&
	       (id->role == AUTH_ROLE_ADMIN || (id->role == AUTH_ROLE_EDITOR && member(id, id->office)));
}

enum err_code
auth_cycle_on(const struct identity *id, struct error *e)
{
	return id && id->cycle_on ? ERR_OK : auth_cycle_off(e);
}

enum err_code
auth_cycle_off(struct error *e)
{
	return err_set(e, ERR_REFUSED, _("the supervision cycle is off (see [cycle] in plancon.ini(5))"));
}

/* The cycle's actions, for a known user of a writable database. */
static enum err_code
check_cycle(const struct identity *id, enum auth_action act, const struct auth_task *t, struct error *e)
{
	const char *name = id->name ? id->name : "?";
	if (!id->cycle_on)
		return auth_cycle_on(id, e);
	if (id->role == AUTH_ROLE_VIEWER)
		return err_set(e, ERR_REFUSED, _("%s is a viewer (read-only) and may not %s; ask %s for the editor role"),
		               name, action_text(act, false), contact_of(id));
	if (!t)
		return err_set(e, ERR_REFUSED, _("%s: no task given"), name);
	const char *code = t->code ? t->code : _("this task");
	const char *lead = t->lead_name ? t->lead_name : _("another department");
	const char *office = id->office_name ? id->office_name : _("the office");
	bool admin = id->role == AUTH_ROLE_ADMIN;
	char mine[256];
	dept_list(id, mine, sizeof mine);
	switch (act) {
	case ACT_REPORT:
		if (admin || member(id, t->lead_dept))
			return ERR_OK;
		if (cooperates(id, t))
			return err_set(e, ERR_REFUSED, _("%s: %s only cooperates on this task (the lead is %s); a "
			               "cooperating department adds its input to the lead's report (plancon input)"), code,
			               mine, lead);
		if (!t->lead_dept)
			return err_set(e, ERR_REFUSED, _("%s has no lead department yet; ask %s to assign one"), code,
			               contact_of(id));
		return err_set(e, ERR_REFUSED, _("%s is led by %s, not by %s: %s may not file its report"), code, lead,
		               mine, name);
	case ACT_REPORT_INPUT:
		if (admin || cooperates(id, t))
			return ERR_OK;
		if (member(id, t->lead_dept))
			return err_set(e, ERR_REFUSED, _("%s: %s leads this task and writes the report itself (plancon "
			               "submit); input is for its cooperating departments"), code, mine);
		return err_set(e, ERR_REFUSED, _("%s: %s does not cooperate on this task (the lead is %s)"), code, mine,
		               lead);
	default:
		if (!id->office && !admin)
			return err_set(e, ERR_REFUSED, _("no office is configured ([cycle] office in plancon.ini(5)): "
			               "only an administrator may %s"), action_text(act, false));
		if (!auth_is_office(id))
			return err_set(e, ERR_REFUSED, _("only the office (%s) may %s; %s belongs to %s"), office,
			               action_text(act, false), name, mine);
		if (member(id, t->lead_dept))
			return err_set(e, ERR_REFUSED, _("%s: %s leads this task: nobody reviews their own department's "
			               "work; another member of %s or an administrator does"), code, mine, office);
		return ERR_OK;
	}
}

enum err_code
auth_check(const struct identity *id, enum auth_action act, const struct auth_task *t, struct error *e)
{
	const char *name = id && id->name ? id->name : "?";
	if (!id || id->role == AUTH_ROLE_NONE) {
		char notice[512];
		auth_unknown_notice(id, notice, sizeof notice);
		return err_set(e, ERR_REFUSED, "%s", id && *notice ? notice : _("no access: unknown user"));
	}
	if (act == ACT_READ)
		return ERR_OK;
	if (id->readonly_db)
		return err_set(e, ERR_READONLY, _("the database is open read-only (no write permission on the file); "
		               "nothing was changed"));
	if (!id->known) {
		char notice[512];
		auth_unknown_notice(id, notice, sizeof notice);
		return err_set(e, ERR_REFUSED, "%s", notice);
	}
	if (act >= ACT_REPORT)
		return check_cycle(id, act, t, e);
	if (id->role == AUTH_ROLE_ADMIN)
		return ERR_OK;
	if (id->role == AUTH_ROLE_VIEWER)
		return err_set(e, ERR_REFUSED, _("%s is a viewer (read-only) and may not %s; ask %s for the editor role"),
		               name, action_text(act, false), contact_of(id));
	/* An editor. */
	if (act == ACT_ADMIN)
		return err_set(e, ERR_REFUSED, _("only an administrator may %s; %s is an editor"), action_text(act, false),
		               name);
	if (!t)
		return err_set(e, ERR_REFUSED, _("%s: no task given"), name);
	const char *code = t->code ? t->code : _("this task");
	char mine[256];
	dept_list(id, mine, sizeof mine);
	if (member(id, t->lead_dept))
		return ERR_OK;
	if (act == ACT_NOTE && cooperates(id, t))
		return ERR_OK;
	if (cooperates(id, t))
		return err_set(e, ERR_REFUSED, _("%s: %s only cooperates on this task (the lead is %s); a cooperating "
		               "department may add a note (plancon note) but not %s"), code, mine,
		               t->lead_name ? t->lead_name : _("another department"),
		               action_text(act == ACT_MILESTONE ? ACT_MILESTONE : ACT_SET_STATUS, true));
	if (!t->lead_dept)
		return err_set(e, ERR_REFUSED, _("%s has no lead department yet; ask %s to assign one"), code,
		               contact_of(id));
	return err_set(e, ERR_REFUSED, _("%s is led by %s, not by %s: %s may not %s"), code,
	               t->lead_name ? t->lead_name : _("another department"), mine, name, action_text(act, true));
}

void
auth_identity_settle(struct identity *id, const struct auth_policy *p, bool readonly_db)
{
	id->unknown_none = p && p->unknown_none;
	if (!id->known)
		id->role = id->unknown_none ? AUTH_ROLE_NONE : AUTH_ROLE_VIEWER;
	free(id->contact);
	id->contact = p && p->contact ? xstrdup(p->contact) : NULL;
	id->readonly_db = readonly_db;
}

enum err_code
auth_may_act_as(const struct identity *login_id, const char *as_user, struct error *e)
{
	const char *login = login_id->name ? login_id->name : "?";
	if (!login_id->known || login_id->role != AUTH_ROLE_ADMIN)
		return login_id->known
		       ? err_set(e, ERR_REFUSED, _("--user is honoured only for an administrator; %s is %s"), login,
		                 auth_role_name(login_id->role))
		       : err_set(e, ERR_REFUSED, _("--user is honoured only for an administrator; %s is not a plancon user"),
		                 login);
	if (!auth_name_valid(as_user))
		return err_set(e, ERR_INVALID, _("--user: \"%s\" is not a valid user name"), as_user);
	return ERR_OK;
}
