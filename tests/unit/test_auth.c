/* Unit tests for auth: the full permission matrix (role x the task's
 * relation to the user's department x action), the messages that explain a
 * refusal, names, and resolving who is acting (login, --user, unknown
 * users) against a real database. */
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
#include "plancon/config.h"
#include "plancon/store_users.h"
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
	case NONE: id.role = ROLE_NONE; break;
	case UNKNOWN: id.role = ROLE_VIEWER; break;
	case VIEWER: id.role = ROLE_VIEWER; id.known = true; break;
	case EDITOR: id.role = ROLE_EDITOR; id.known = true; id.depts = one_dept; id.dept_names = one_name; id.ndepts = 1; break;
	case ADMIN: id.role = ROLE_ADMIN; id.known = true; break;
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
	assert_int_equal(auth_role_parse("viewer"), ROLE_VIEWER);
	assert_int_equal(auth_role_parse("editor"), ROLE_EDITOR);
	assert_int_equal(auth_role_parse("admin"), ROLE_ADMIN);
	assert_int_equal(auth_role_parse("none"), -1);
	assert_int_equal(auth_role_parse("Admin"), -1);
	assert_int_equal(auth_role_parse(NULL), -1);
	assert_string_equal(auth_role_name(ROLE_EDITOR), "editor");
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

/* ---- resolving who is acting, on a real database ------------------------------ */

struct fixture {
	char dir[64], path[96];
	struct store *s;
	struct config cfg;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/plancon-auth.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/plan.db", f->dir);
	struct error e;
	if (store_open(&f->s, f->path, STORE_CREATE, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	config_defaults(&f->cfg);
	/* root is the first admin; ed edits for 省住房城乡建设厅. */
	if (store_init_admin(f->s, "test", "boss", &e))
		return -1;
	struct identity boss;
	auth_identity_for(f->s, &f->cfg, "boss", &boss, &e);
	const char *depts[] = { "省住房城乡建设厅" };
	if (store_user_set(f->s, &boss, "ed", ROLE_EDITOR, depts, 1, NULL, NULL, &e) ||
	    store_user_set(f->s, &boss, "vi", ROLE_VIEWER, NULL, 0, NULL, NULL, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	identity_free(&boss);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->s);
	config_free(&f->cfg);
	char wal[128];
	unlink(f->path);
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", f->path);
	unlink(wal);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
test_identify_login(void **state)
{
	struct fixture *f = *state;
	struct identity id;
	struct error e;
	assert_int_equal(auth_identify(f->s, &f->cfg, "ed", NULL, &id, &e), ERR_OK);
	assert_string_equal(id.name, "ed");
	assert_true(id.known);
	assert_int_equal(id.role, ROLE_EDITOR);
	assert_int_equal(id.ndepts, 1);
	assert_string_equal(id.dept_names[0], "省住房城乡建设厅");
	identity_free(&id);
}

static void
test_identify_unknown(void **state)
{
	struct fixture *f = *state;
	struct identity id;
	struct error e;
	assert_int_equal(auth_identify(f->s, &f->cfg, "stranger", NULL, &id, &e), ERR_OK);
	assert_false(id.known);
	assert_int_equal(id.role, ROLE_VIEWER);
	assert_int_equal(auth_check(&id, ACT_READ, NULL, &e), ERR_OK);
	identity_free(&id);
	f->cfg.unknown_user = UNKNOWN_USER_NONE;
	f->cfg.contact = xstrdup("the planning office");
	assert_int_equal(auth_identify(f->s, &f->cfg, "stranger", NULL, &id, &e), ERR_OK);
	assert_int_equal(id.role, ROLE_NONE);
	err_clear(&e);
	assert_int_equal(auth_check(&id, ACT_READ, NULL, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "Ask the planning office"));
	identity_free(&id);
	/* Known users are not affected by the policy. */
	assert_int_equal(auth_identify(f->s, &f->cfg, "vi", NULL, &id, &e), ERR_OK);
	assert_int_equal(id.role, ROLE_VIEWER);
	assert_int_equal(auth_check(&id, ACT_READ, NULL, &e), ERR_OK);
	identity_free(&id);
	f->cfg.unknown_user = UNKNOWN_USER_READ;
}

static void
test_identify_as_user(void **state)
{
	struct fixture *f = *state;
	struct identity id;
	struct error e;
	/* An admin may act as someone else. */
	assert_int_equal(auth_identify(f->s, &f->cfg, "boss", "ed", &id, &e), ERR_OK);
	assert_string_equal(id.name, "ed");
	assert_int_equal(id.role, ROLE_EDITOR);
	identity_free(&id);
	/* An editor, a viewer and an unknown login may not. */
	const char *const others[] = { "ed", "vi", "stranger" };
	for (size_t i = 0; i < 3; i++) {
		err_clear(&e);
		assert_int_equal(auth_identify(f->s, &f->cfg, others[i], "boss", &id, &e), ERR_REFUSED);
		assert_non_null(strstr(e.msg, "--user is honoured only for an administrator"));
		assert_string_equal(id.name, others[i]);
		identity_free(&id);
	}
	/* Naming oneself is no change. */
	assert_int_equal(auth_identify(f->s, &f->cfg, "ed", "ed", &id, &e), ERR_OK);
	identity_free(&id);
	/* A deleted user is unknown again. */
	struct identity boss;
	auth_identity_for(f->s, &f->cfg, "boss", &boss, &e);
	assert_int_equal(store_user_del(f->s, &boss, "vi", &e), ERR_OK);
	assert_int_equal(auth_identify(f->s, &f->cfg, "vi", NULL, &id, &e), ERR_OK);
	assert_false(id.known);
	assert_true(id.deactivated);
	char buf[256];
	auth_unknown_notice(&id, buf, sizeof buf);
	assert_non_null(strstr(buf, "vi is no longer a plancon user"));
	identity_free(&id);
	identity_free(&boss);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_readonly_database),
		cmocka_unit_test(test_no_contact),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_names),
		cmocka_unit_test_setup_teardown(test_identify_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identify_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identify_as_user, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
