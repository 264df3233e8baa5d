/* Unit tests for auth: the full permission matrix (role x the task's
 * relation to the user's department x action), the messages that explain a
 * refusal, names, the unknown-user rule and --user. Pure: no database (the
 * session's tests read identities from one). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "plancon/auth.h"
#include "plancon/xalloc.h"

/* Departments: 1 is the user's, 2 and 3 are others. */
enum rel { OWN, COOP, OTHER, NOLEAD, NREL };
static const char *const rel_name[] = { "own", "cooperating", "other", "no lead" };

enum who { NONE, UNKNOWN, VIEWER, EDITOR, ADMIN, NWHO };
static const char *const who_name[] = { "no access", "unknown (read-only)", "viewer", "editor", "admin" };

static const long long coop_own[] = { 1, 3 };
static const long long coop_other[] = { 3 };

static struct auth_task
task_for(enum rel r)
{
	switch (r) {
	case OWN: return (struct auth_task){ .lead_dept = 1, .coop = coop_other, .ncoop = 1, .code = "3.2.3", .lead_name = "甲厅" };
	case COOP: return (struct auth_task){ .lead_dept = 2, .coop = coop_own, .ncoop = 2, .code = "3.2.4", .lead_name = "乙厅" };
	case OTHER: return (struct auth_task){ .lead_dept = 2, .coop = coop_other, .ncoop = 1, .code = "2.1.1", .lead_name = "乙厅" };
	default: return (struct auth_task){ .lead_dept = 0, .coop = NULL, .ncoop = 0, .code = "9.9" };
	}
}

static long long one_dept[] = { 1 };
static char jia[] = "甲厅";
static char *one_name[] = { jia };
static char contact[] = "规划办 room 312";

static struct identity
identity_for(enum who w)
{
	static char name[] = "zhang";
	struct identity id = { .name = name, .contact = contact };
	switch (w) {
	case NONE: id.role = AUTH_ROLE_NONE; break;
	case UNKNOWN: id.role = AUTH_ROLE_VIEWER; break;
	case VIEWER: id.role = AUTH_ROLE_VIEWER; id.known = true; break;
	case EDITOR: id.role = AUTH_ROLE_EDITOR; id.known = true; id.depts = one_dept; id.dept_names = one_name; id.ndepts = 1; break;
	case ADMIN: id.role = AUTH_ROLE_ADMIN; id.known = true; break;
	default: break;
	}
	return id;
}

/* 1 allowed, 0 refused; [who][relation][action]. */
static const int allowed[NWHO][NREL][5] = {
	/*              READ SET NOTE MILE ADMIN */
	[NONE]    = { { 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0 } },
	[UNKNOWN] = { { 1, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0 } },
	[VIEWER]  = { { 1, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0 } },
	[EDITOR]  = { { 1, 1, 1, 1, 0 }, { 1, 0, 1, 0, 0 }, { 1, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0 } },
	[ADMIN]   = { { 1, 1, 1, 1, 1 }, { 1, 1, 1, 1, 1 }, { 1, 1, 1, 1, 1 }, { 1, 1, 1, 1, 1 } },
};
static const enum auth_action actions[] = { ACT_READ, ACT_SET_STATUS, ACT_NOTE, ACT_MILESTONE, ACT_ADMIN };
static const char *const act_name[] = { "read", "set status", "note", "milestone", "admin" };

static void
test_matrix(void **state)
{
	(void)state;
	int checked = 0;
	for (int w = 0; w < NWHO; w++) {
		for (int r = 0; r < NREL; r++) {
			for (int a = 0; a < 5; a++) {
				struct identity id = identity_for((enum who)w);
				struct auth_task t = task_for((enum rel)r);
				struct error e;
				err_clear(&e);
				enum err_code got = auth_check(&id, actions[a], &t, &e);
				if ((got == ERR_OK) != (allowed[w][r][a] == 1))
					fail_msg("%s on a task of an %s department, %s: expected %s, got %s (%s)", who_name[w],
					         rel_name[r], act_name[a], allowed[w][r][a] ? "allowed" : "refused",
					         got ? "refused" : "allowed", e.msg);
				if (got) {
					assert_int_equal(got, ERR_REFUSED);
					assert_true(strlen(e.msg) > 10);   /* says why */
				}
				checked++;
			}
		}
	}
	assert_int_equal(checked, NWHO * NREL * 5);
}

static enum err_code
check(enum who w, enum rel r, enum auth_action a, struct error *e)
{
	struct identity id = identity_for(w);
	struct auth_task t = task_for(r);
	err_clear(e);
	return auth_check(&id, a, &t, e);
}

/* The supervision cycle: department 9 is the office. Who: an editor of the
 * lead (OWN), of a cooperating department (COOP), of neither (OTHER); an
 * office editor; an office editor who is also in the lead department; an
 * administrator; a viewer. Actions: REPORT, REPORT_INPUT, OFFICE. */
enum cwho { C_VIEWER, C_LEAD, C_COOP, C_OTHER, C_OFFICE, C_OFFICE_LEAD, C_ADMIN, NCWHO };
static const char *const cwho_name[] = { "viewer", "lead editor", "cooperating editor", "other editor",
	                                 "office editor", "office editor in the lead", "admin" };
static long long office_dept[] = { 9 };
static long long office_lead_depts[] = { 9, 1 };
static long long coop_dept[] = { 3 };
static long long other_dept[] = { 4 };
static char office_name[] = "办公室";
static char *two_names[] = { office_name, jia };

static struct identity
cycle_identity(enum cwho w, bool on)
{
	struct identity id = identity_for(w == C_ADMIN ? ADMIN : w == C_VIEWER ? VIEWER : EDITOR);
	id.cycle_on = on;
	id.office = 9;
	id.office_name = office_name;
	switch (w) {
	case C_COOP: id.depts = coop_dept; break;
	case C_OTHER: id.depts = other_dept; break;
	case C_OFFICE: id.depts = office_dept; id.dept_names = two_names; break;
	case C_OFFICE_LEAD: id.depts = office_lead_depts; id.dept_names = two_names; id.ndepts = 2; break;
	default: break;
	}
	return id;
}

static void
test_cycle_matrix(void **state)
{
	(void)state;
	static const int may[NCWHO][3] = {
		/*                 REPORT INPUT OFFICE */
		[C_VIEWER]      = { 0, 0, 0 },
		[C_LEAD]        = { 1, 0, 0 },
		[C_COOP]        = { 0, 1, 0 },
		[C_OTHER]       = { 0, 0, 0 },
		[C_OFFICE]      = { 0, 0, 1 },
		[C_OFFICE_LEAD] = { 1, 0, 0 },
		[C_ADMIN]       = { 1, 1, 1 },
	};
	static const enum auth_action acts[] = { ACT_REPORT, ACT_REPORT_INPUT, ACT_OFFICE };
	/* The lead is department 1, department 3 cooperates. */
	struct auth_task t = { .lead_dept = 1, .coop = coop_other, .ncoop = 1, .code = "3.2.3", .lead_name = "甲厅" };
	for (int w = 0; w < NCWHO; w++) {
		for (int a = 0; a < 3; a++) {
			struct identity id = cycle_identity((enum cwho)w, true);
			struct error e;
			err_clear(&e);
			enum err_code got = auth_check(&id, acts[a], &t, &e);
			if ((got == ERR_OK) != (may[w][a] == 1))
				fail_msg("%s, cycle action %d: expected %s, got %s (%s)", cwho_name[w], a,
				         may[w][a] ? "allowed" : "refused", got ? "refused" : "allowed", e.msg);
			if (got)
				assert_true(strlen(e.msg) > 10);
			/* With the cycle off, every cycle action is refused, and says so. */
			id.cycle_on = false;
			err_clear(&e);
			assert_int_equal(auth_check(&id, acts[a], &t, &e), ERR_REFUSED);
			assert_non_null(strstr(e.msg, "supervision cycle is off"));
		}
	}
	struct identity id = cycle_identity(C_OFFICE_LEAD, true);
	struct error e;
	err_clear(&e);
	assert_int_equal(auth_check(&id, ACT_OFFICE, &t, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "nobody reviews their own department's work"));
	id = cycle_identity(C_COOP, true);
	err_clear(&e);
	assert_int_equal(auth_check(&id, ACT_REPORT, &t, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "plancon input"));
	id = cycle_identity(C_LEAD, true);
	err_clear(&e);
	assert_int_equal(auth_check(&id, ACT_OFFICE, &t, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "only the office (办公室)"));
	assert_true(auth_is_office(&(struct identity){ .known = true, .role = AUTH_ROLE_EDITOR, .depts = office_dept,
	                                                .ndepts = 1, .office = 9 }));
	assert_false(auth_is_office(&(struct identity){ .known = true, .role = AUTH_ROLE_VIEWER, .depts = office_dept,
	                                                 .ndepts = 1, .office = 9 }));
	/* No office configured: only an administrator reviews. */
	id = cycle_identity(C_OTHER, true);
	id.office = 0;
	err_clear(&e);
	assert_int_equal(auth_check(&id, ACT_OFFICE, &t, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "no office is configured"));
}

static void
test_messages(void **state)
{
	(void)state;
	struct error e;
	/* A cooperating editor is told what they may do instead. */
	assert_int_equal(check(EDITOR, COOP, ACT_SET_STATUS, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "only cooperates"));
	assert_non_null(strstr(e.msg, "乙厅"));
	assert_non_null(strstr(e.msg, "note"));
	/* Another department's task names the lead and the user's department. */
	assert_int_equal(check(EDITOR, OTHER, ACT_SET_STATUS, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "2.1.1 is led by 乙厅, not by 甲厅"));
	assert_int_equal(check(EDITOR, OTHER, ACT_NOTE, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "add a note"));
	/* No lead: ask the contact. */
	assert_int_equal(check(EDITOR, NOLEAD, ACT_SET_STATUS, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "no lead department"));
	assert_non_null(strstr(e.msg, contact));
	/* An unknown user is told who to ask; a viewer that they are one. */
	assert_int_equal(check(UNKNOWN, OWN, ACT_NOTE, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "zhang is not a plancon user: read-only access"));
	assert_non_null(strstr(e.msg, contact));
	assert_int_equal(check(NONE, OWN, ACT_READ, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "no access"));
	assert_non_null(strstr(e.msg, contact));
	assert_int_equal(check(VIEWER, OWN, ACT_SET_STATUS, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "viewer"));
	assert_int_equal(check(EDITOR, OWN, ACT_ADMIN, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "only an administrator"));
}

static void
test_readonly_database(void **state)
{
	(void)state;
	for (int w = EDITOR; w <= ADMIN; w++) {
		struct identity id = identity_for((enum who)w);
		id.readonly_db = true;
		struct auth_task t = task_for(OWN);
		struct error e;
		assert_int_equal(auth_check(&id, ACT_READ, &t, &e), ERR_OK);
		for (int a = 1; a < 5; a++) {
			err_clear(&e);
			assert_int_equal(auth_check(&id, actions[a], &t, &e), ERR_READONLY);
			assert_non_null(strstr(e.msg, "read-only"));
		}
	}
}

static void
test_no_contact(void **state)
{
	(void)state;
	struct identity id = identity_for(UNKNOWN);
	id.contact = NULL;
	char buf[256];
	auth_unknown_notice(&id, buf, sizeof buf);
	assert_string_equal(buf, "zhang is not a plancon user: read-only access. Ask an administrator of plancon to be added");
	id = identity_for(EDITOR);
	auth_unknown_notice(&id, buf, sizeof buf);
	assert_string_equal(buf, "");
}

static void
test_roles(void **state)
{
	(void)state;
	assert_int_equal(auth_role_parse("viewer"), AUTH_ROLE_VIEWER);
	assert_int_equal(auth_role_parse("editor"), AUTH_ROLE_EDITOR);
	assert_int_equal(auth_role_parse("admin"), AUTH_ROLE_ADMIN);
	assert_int_equal(auth_role_parse("none"), -1);
	assert_int_equal(auth_role_parse("Admin"), -1);
	assert_int_equal(auth_role_parse(NULL), -1);
	assert_string_equal(auth_role_name(AUTH_ROLE_EDITOR), "editor");
	assert_string_equal(auth_role_name((enum auth_role)42), "?");
}

static void
test_names(void **state)
{
	(void)state;
	assert_true(auth_name_valid("alice"));
	assert_true(auth_name_valid("li.wei_2-x"));
	assert_true(auth_name_valid("张伟"));
	assert_false(auth_name_valid(""));
	assert_false(auth_name_valid(NULL));
	assert_false(auth_name_valid("-rf"));
	assert_false(auth_name_valid("a b"));
	assert_false(auth_name_valid("a;b"));
	assert_false(auth_name_valid("a\"b"));
	assert_false(auth_name_valid("a/b"));
	assert_false(auth_name_valid("\xe5\xbc"));          /* cut UTF-8 */
	assert_false(auth_name_valid("\xc0\xaf"));          /* overlong */
	assert_false(auth_name_valid("\xed\xa0\x80"));      /* surrogate */
	char long_name[66];
	memset(long_name, 'a', 65);
	long_name[65] = '\0';
	assert_false(auth_name_valid(long_name));
	long_name[64] = '\0';
	assert_true(auth_name_valid(long_name));
}

/* ---- the unknown-user rule and --user, decided over a loaded identity ---------- */

static void
test_settle(void **state)
{
	(void)state;
	struct auth_policy read = { .unknown_none = false, .contact = "the planning office" };
	struct auth_policy none = { .unknown_none = true, .contact = NULL };
	struct error e;
	/* An unknown name: read-only by default, no access under "none". */
	struct identity id = { .name = xstrdup("stranger") };
	auth_identity_settle(&id, &read, false);
	assert_int_equal(id.role, AUTH_ROLE_VIEWER);
	assert_string_equal(id.contact, "the planning office");
	assert_false(id.unknown_none);
	assert_int_equal(auth_check(&id, ACT_READ, NULL, &e), ERR_OK);
	auth_identity_settle(&id, &none, false);
	assert_int_equal(id.role, AUTH_ROLE_NONE);
	assert_null(id.contact);
	assert_true(id.unknown_none);
	err_clear(&e);
	assert_int_equal(auth_check(&id, ACT_READ, NULL, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "stranger is not a plancon user: no access"));
	/* A deactivated name is unknown too, and told so. */
	id.deactivated = true;
	auth_identity_settle(&id, &read, true);
	assert_int_equal(id.role, AUTH_ROLE_VIEWER);
	assert_true(id.readonly_db);
	char buf[256];
	auth_unknown_notice(&id, buf, sizeof buf);
	assert_non_null(strstr(buf, "stranger is no longer a plancon user: read-only access"));
	identity_free(&id);
	/* Known users keep their role whatever the policy. */
	struct identity vi = { .name = xstrdup("vi"), .known = true, .role = AUTH_ROLE_VIEWER };
	auth_identity_settle(&vi, &none, false);
	assert_int_equal(vi.role, AUTH_ROLE_VIEWER);
	assert_int_equal(auth_check(&vi, ACT_READ, NULL, &e), ERR_OK);
	identity_free(&vi);
	/* No policy at all: the defaults (read-only, no contact). */
	struct identity nobody = { .name = xstrdup("x") };
	auth_identity_settle(&nobody, NULL, false);
	assert_int_equal(nobody.role, AUTH_ROLE_VIEWER);
	identity_free(&nobody);
}

static void
test_act_as(void **state)
{
	(void)state;
	struct error e;
	struct identity boss = { .name = "boss", .known = true, .role = AUTH_ROLE_ADMIN };
	assert_int_equal(auth_may_act_as(&boss, "ed", &e), ERR_OK);
	err_clear(&e);
	assert_int_equal(auth_may_act_as(&boss, "-rf", &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "--user: \"-rf\" is not a valid user name"));
	struct identity ed = { .name = "ed", .known = true, .role = AUTH_ROLE_EDITOR };
	err_clear(&e);
	assert_int_equal(auth_may_act_as(&ed, "boss", &e), ERR_REFUSED);
	assert_string_equal(e.msg, "--user is honoured only for an administrator; ed is editor");
	struct identity vi = { .name = "vi", .known = true, .role = AUTH_ROLE_VIEWER };
	err_clear(&e);
	assert_int_equal(auth_may_act_as(&vi, "boss", &e), ERR_REFUSED);
	assert_string_equal(e.msg, "--user is honoured only for an administrator; vi is viewer");
	/* Unknown, even as a viewer or with an admin's role left in hand. */
	struct identity stranger = { .name = "stranger", .role = AUTH_ROLE_ADMIN };
	err_clear(&e);
	assert_int_equal(auth_may_act_as(&stranger, "boss", &e), ERR_REFUSED);
	assert_string_equal(e.msg, "--user is honoured only for an administrator; stranger is not a plancon user");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_cycle_matrix),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_readonly_database),
		cmocka_unit_test(test_no_contact),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_settle),
		cmocka_unit_test(test_act_as),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
