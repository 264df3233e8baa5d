/* Unit tests for the session: who is acting (login, --user, --ssh-user,
 * unknown users) resolved once against a real database, the unknown-user
 * rule applied alike by the session and by the store's writers, and the
 * identity read once: the writers trust it until the database changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "plancon/output.h"
#include "plancon/session.h"
#include "plancon/store_tasks.h"
#include "plancon/store_users.h"
#include "plancon/xalloc.h"

#define HOUSING "省住房城乡建设厅"

struct fixture {
	char dir[64], path[96], ini[96], none_ini[96], ssh_ini[96];
};

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* boss is the first admin, chief another; ed edits for HOUSING (the lead of
 * 3.2.3); vi views. */
static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/plancon-session.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/plan.db", f->dir);
	snprintf(f->ini, sizeof f->ini, "%s/read.ini", f->dir);
	snprintf(f->none_ini, sizeof f->none_ini, "%s/none.ini", f->dir);
	snprintf(f->ssh_ini, sizeof f->ssh_ini, "%s/ssh.ini", f->dir);
	write_file(f->ini, "[auth]\ncontact = the planning office\n");
	write_file(f->none_ini, "[auth]\nunknown_user = none\ncontact = the planning office\n");
	write_file(f->ssh_ini, "[ssh]\ngateway_account = plan\n");
	struct store *s;
	struct error e;
	if (store_open(&s, f->path, STORE_CREATE, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	struct identity boss;
	const char *housing[] = { HOUSING };
	if (store_init_admin(s, "test", "boss", &e) || session_identity_load(s, NULL, "boss", NULL, &boss, &e) ||
	    store_user_set(s, &boss, "ed", AUTH_ROLE_EDITOR, housing, 1, NULL, NULL, &e) ||
	    store_user_set(s, &boss, "vi", AUTH_ROLE_VIEWER, NULL, 0, NULL, NULL, &e) ||
	    store_user_set(s, &boss, "chief", AUTH_ROLE_ADMIN, NULL, 0, NULL, NULL, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	identity_free(&boss);
	store_close(s);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	const char *const names[] = { "plan.db", "plan.db-wal", "plan.db-shm", "read.ini", "none.ini", "ssh.ini" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char p[128];
		snprintf(p, sizeof p, "%s/%s", f->dir, names[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static enum err_code
open_as(struct fixture *f, struct session *s, const char *ini, const char *login, const char *as_user,
        struct error *e)
{
	struct session_options o = { .db = f->path, .config = ini, .as_of = "2023-06-30", .login = login,
	                             .as_user = as_user };
	err_clear(e);
	return session_open(s, &o, e);
}

/* Another process's change: chief's, through a connection of its own. */
static void
other_connection(struct fixture *f, const char *user, enum auth_role role, bool del)
{
	struct store *st;
	struct error e;
	struct identity chief;
	assert_int_equal(store_open(&st, f->path, 0, &e), ERR_OK);
	assert_int_equal(session_identity_load(st, NULL, "chief", NULL, &chief, &e), ERR_OK);
	if (del)
		assert_int_equal(store_user_del(st, &chief, user, &e), ERR_OK);
	else
		assert_int_equal(store_user_set(st, &chief, user, role, NULL, 0, NULL, NULL, &e), ERR_OK);
	identity_free(&chief);
	store_close(st);
}

static enum err_code
note(struct session *s, const char *text, struct error *e)
{
	struct task_update u = { .code = "3.2.3", .progress = -1, .note = text };
	struct write_result w;
	err_clear(e);
	return store_task_update(s->store, &s->id, &u, &w, e);
}

static void
test_login(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct error e;
	assert_int_equal(open_as(f, &s, f->ini, "ed", NULL, &e), ERR_OK);
	assert_string_equal(s.login, "ed");
	assert_string_equal(s.user, "ed");
	assert_null(s.actor);
	assert_false(s.over_ssh);
	assert_string_equal(s.as_of, "2023-06-30");
	assert_string_equal(s.db_path, f->path);
	assert_true(s.id.known);
	assert_int_equal(s.id.role, AUTH_ROLE_EDITOR);
	assert_int_equal(s.id.ndepts, 1);
	assert_string_equal(s.id.dept_names[0], HOUSING);
	assert_string_equal(s.id.contact, "the planning office");
	assert_int_equal(s.loads, 1);
	assert_int_equal(session_may_read(&s, &e), ERR_OK);
	session_close(&s);
	/* Without the database (plancon check, import): no identity. */
	struct session_options o = { .db = f->path, .config = f->ini, .login = "ed", .no_store = true };
	assert_int_equal(session_open(&s, &o, &e), ERR_OK);
	assert_null(s.store);
	assert_null(s.id.name);
	assert_int_equal(s.loads, 0);
	session_close(&s);
	/* A bad --as-of is the session's to refuse. */
	o.as_of = "2023-02-30";
	assert_int_equal(session_open(&s, &o, &e), ERR_USAGE);
	assert_string_equal(e.msg, "--as-of: expected a date YYYY-MM-DD, got \"2023-02-30\"");
	session_close(&s);
}

/* The identity is read once: the store's writers trust it (here, a role
 * it does not have) until the database changes, then read it again. */
static void
test_identity_read_once(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct error e;
	assert_int_equal(open_as(f, &s, f->ini, "vi", NULL, &e), ERR_OK);
	assert_int_equal(s.loads, 1);
	assert_int_equal(note(&s, "a viewer's note", &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "vi is a viewer"));
	s.id.role = AUTH_ROLE_ADMIN;     /* what was read is what is decided on */
	assert_int_equal(note(&s, "trusted", &e), ERR_OK);
	assert_int_equal(note(&s, "trusted again", &e), ERR_OK);
	/* Another connection commits: the next write reads vi again. */
	other_connection(f, "newbie", AUTH_ROLE_VIEWER, false);
	assert_int_equal(note(&s, "stale", &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "vi is a viewer"));
	assert_int_equal(s.loads, 1);
	/* The console refreshes through the session when the database changes. */
	other_connection(f, "vi", AUTH_ROLE_ADMIN, false);
	assert_int_equal(s.id.role, AUTH_ROLE_ADMIN);   /* still the forged one */
	assert_int_equal(session_refresh(&s, &e), ERR_OK);
	assert_int_equal(s.loads, 2);
	assert_true(s.id.known);
	assert_int_equal(s.id.role, AUTH_ROLE_ADMIN);
	assert_int_equal(note(&s, "an admin now", &e), ERR_OK);
	session_close(&s);
}

/* [auth] unknown_user is one rule: the session's read check and the
 * writers' decision, even for a user deleted after the session began. */
static void
test_unknown_user(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct error e;
	assert_int_equal(open_as(f, &s, f->ini, "stranger", NULL, &e), ERR_OK);
	assert_false(s.id.known);
	assert_int_equal(s.id.role, AUTH_ROLE_VIEWER);
	assert_int_equal(session_may_read(&s, &e), ERR_OK);
	assert_int_equal(note(&s, "x", &e), ERR_REFUSED);
	assert_string_equal(e.msg, "stranger is not a plancon user: read-only access. Ask the planning office to be added");
	session_close(&s);

	assert_int_equal(open_as(f, &s, f->none_ini, "stranger", NULL, &e), ERR_OK);
	assert_int_equal(s.id.role, AUTH_ROLE_NONE);
	assert_int_equal(session_may_read(&s, &e), ERR_REFUSED);
	assert_string_equal(e.msg, "stranger is not a plancon user: no access. Ask the planning office to be added");
	session_close(&s);

	/* Known users are not affected by the policy. */
	assert_int_equal(open_as(f, &s, f->none_ini, "vi", NULL, &e), ERR_OK);
	assert_int_equal(s.id.role, AUTH_ROLE_VIEWER);
	assert_int_equal(session_may_read(&s, &e), ERR_OK);
	/* Deleted meanwhile, under "none": the writer says no access, as the
	 * session would, rather than guessing read-only from the role. */
	other_connection(f, "vi", AUTH_ROLE_VIEWER, true);
	assert_int_equal(note(&s, "x", &e), ERR_REFUSED);
	assert_string_equal(e.msg, "vi is no longer a plancon user: no access. Ask the planning office to be added");
	session_close(&s);
	assert_int_equal(open_as(f, &s, f->ini, "vi", NULL, &e), ERR_OK);
	assert_false(s.id.known);
	assert_true(s.id.deactivated);
	session_close(&s);
}

static void
test_as_user(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct error e;
	/* An admin may act as someone else: the log names both. */
	assert_int_equal(open_as(f, &s, f->ini, "boss", "ed", &e), ERR_OK);
	assert_string_equal(s.user, "ed");
	assert_string_equal(s.actor, "boss");
	assert_string_equal(s.id.name, "ed");
	assert_string_equal(s.id.actor, "boss");
	assert_int_equal(s.id.role, AUTH_ROLE_EDITOR);
	assert_true(s.id.actor_admin);
	assert_int_equal(s.loads, 2);     /* boss, to decide; then ed */
	assert_int_equal(note(&s, "for ed", &e), ERR_OK);
	/* Demoted by someone else: no longer trusted to act for ed. */
	other_connection(f, "boss", AUTH_ROLE_VIEWER, false);
	assert_int_equal(note(&s, "for ed again", &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "boss is no longer an administrator"));
	session_close(&s);
	/* An editor, a viewer and an unknown login may not. */
	const char *const others[] = { "ed", "vi", "stranger" };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(open_as(f, &s, f->ini, others[i], "ed2", &e), ERR_REFUSED);
		assert_non_null(strstr(e.msg, "--user is honoured only for an administrator"));
		assert_string_equal(s.user, others[i]);
		session_close(&s);
	}
	/* Naming oneself is no change. */
	assert_int_equal(open_as(f, &s, f->ini, "ed", "ed", &e), ERR_OK);
	assert_null(s.actor);
	assert_null(s.id.actor);
	assert_int_equal(s.loads, 1);
	session_close(&s);
}

/* Runs last: "no file on the server" cannot be undone in this process. */
static void
test_ssh(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct error e;
	struct session_options o = { .db = f->path, .config = f->ssh_ini, .login = "ed", .ssh_user = "vi" };
	assert_int_equal(session_open(&s, &o, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "--ssh-user is refused"));
	assert_null(s.store);
	session_close(&s);
	o.login = "plan";
	o.ssh_user = "-rf";
	assert_int_equal(session_open(&s, &o, &e), ERR_REFUSED);
	assert_string_equal(e.msg, "--ssh-user: \"-rf\" is not a user name plancon writes into a key line");
	session_close(&s);
	o.ssh_user = "vi";
	o.nargs = 1;
	assert_int_equal(session_open(&s, &o, &e), ERR_USAGE);
	session_close(&s);
	assert_false(output_files_forbidden());
	o.nargs = 0;
	o.as_user = "ed";
	assert_int_equal(session_open(&s, &o, &e), ERR_USAGE);
	assert_string_equal(e.msg, "--user cannot be combined with --ssh-user");
	session_close(&s);
	o.as_user = NULL;
	assert_int_equal(session_open(&s, &o, &e), ERR_OK);
	assert_true(s.over_ssh);
	assert_string_equal(s.login, "plan");
	assert_string_equal(s.user, "vi");
	assert_string_equal(s.id.name, "vi");
	assert_int_equal(s.id.role, AUTH_ROLE_VIEWER);
	assert_true(output_files_forbidden());
	session_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identity_read_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_user, setup, teardown),
		cmocka_unit_test_setup_teardown(test_as_user, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ssh, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
