/* Unit tests for config: defaults, every key, precedence across files, and
 * an error message naming the file and key for every kind of bad input. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "plancon/config.h"

#ifndef PLANCON_SYSCONFDIR
#define PLANCON_SYSCONFDIR "/etc"
#endif
#define SYSTEM_FILE PLANCON_SYSCONFDIR "/plancon/plancon.ini"

static char tmpdir[64];
static char **made;		/* files, links and directories to remove at the end */
static size_t nmade;

static const char *
remember(char *path)
{
	assert_non_null(path);
	char **grown = realloc(made, (nmade + 1) * sizeof *made);
	assert_non_null(grown);
	made = grown;
	made[nmade++] = path;
	return path;
}

/* A new file in the temporary directory holding len bytes of content. */
static const char *
write_bytes(const char *content, size_t len)
{
	char *path = malloc(sizeof tmpdir + 16);
	assert_non_null(path);
	snprintf(path, sizeof tmpdir + 16, "%s/iniXXXXXX", tmpdir);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, len), (ssize_t)len);
	close(fd);
	return remember(path);
}

static const char *
write_str(const char *content)
{
	return write_bytes(content, strlen(content));
}

/* A path in the temporary directory that nothing has created. */
static const char *
fresh_path(const char *name)
{
	char *path = malloc(sizeof tmpdir + 32);
	assert_non_null(path);
	snprintf(path, sizeof tmpdir + 32, "%s/%s", tmpdir, name);
	return remember(path);
}

/* Ends the list of strings given to expect_error. */
#define END ((const char *)NULL)

static int
load1(struct config *cfg, const char *path, char *err, size_t errlen)
{
	const char *paths[] = { path };
	const bool required[] = { true };
	config_defaults(cfg);
	return config_load_files(cfg, paths, required, 1, err, errlen);
}

static void
assert_contains(const char *msg, const char *want)
{
	if (!strstr(msg, want))
		fail_msg("message <%s> lacks <%s>", msg, want);
}

/* Loading content fails, with a message that starts "plancon: FILE: "
 * and contains each of the NULL-terminated strings that follow. */
static void
expect_error(const char *content, ...)
{
	struct config cfg;
	char err[1024] = "", head[256];
	const char *path = write_str(content);
	assert_int_equal(load1(&cfg, path, err, sizeof err), -1);
	snprintf(head, sizeof head, "plancon: %s: ", path);
	if (strncmp(err, head, strlen(head)))
		fail_msg("message <%s> does not start with <%s>", err, head);
	va_list ap;
	va_start(ap, content);
	for (const char *w; (w = va_arg(ap, const char *));)
		assert_contains(err, w);
	va_end(ap);
	config_free(&cfg);
}

static int
group_setup(void **state)
{
	(void)state;
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/plancon-config.XXXXXX",
	         base && *base && strlen(base) < 30 ? base : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	for (size_t i = nmade; i-- > 0;) {
		chmod(made[i], 0600);
		if (remove(made[i]) != 0)
			rmdir(made[i]);
		free(made[i]);
	}
	free(made);
	return rmdir(tmpdir);
}

static void
test_defaults(void **state)
{
	(void)state;
	struct config cfg;
	memset(&cfg, 0x5a, sizeof cfg);
	config_defaults(&cfg);
	assert_null(cfg.database);
	assert_string_equal(cfg.as_of, "");
	assert_int_equal(cfg.sync, SYNC_FULL);
	assert_true(cfg.color);
	assert_true(cfg.mouse);
	for (int i = 0; i < THEME_COUNT; i++) {
		assert_false(cfg.theme[i].set);
		assert_int_equal(cfg.theme[i].fg, -1);
		assert_int_equal(cfg.theme[i].bg, -1);
		assert_int_equal(cfg.theme[i].attrs, 0);
	}
	assert_null(cfg.gateway_account);
	assert_int_equal(cfg.unknown_user, UNKNOWN_USER_READ);
	assert_null(cfg.contact);
	config_free(&cfg);
	config_free(&cfg);
}

static void
test_known_keys(void **state)
{
	(void)state;
	static const char *const want[] = {
		"core:database", "core:as_of", "core:sync", "core:time_zone", "ui:color", "ui:mouse", "ui:cursor", "ui:detail", "theme:*",
		"ssh:gateway_account", "ssh:authorized_keys", "auth:unknown_user", "auth:contact", "cycle:enabled",
		"cycle:period", "cycle:due_day", "cycle:office", "cycle:since", "cycle:near_days", "cycle:grace_days",
		"cycle:evidence_max", NULL
	};
	const char *const *got = config_known_keys();
	size_t i = 0;
	for (; want[i]; i++) {
		assert_non_null(got[i]);
		assert_string_equal(got[i], want[i]);
	}
	assert_null(got[i]);
	assert_ptr_equal(config_known_keys(), got);
}

/* The complete example of the man page. */
static void
test_every_key(void **state)
{
	(void)state;
	struct config cfg;
	char err[512] = "";
	setenv("HOME", "/home/li/", 1);
	const char *path = write_str(
		"; plancon settings for the planning office\n\n"
		"[core]\ndatabase = ~/plans/shandong.db\nas_of = 2023-06-30\nsync = full\ntime_zone = Asia/Shanghai\n\n"
		"[ui]\ncolor = yes\nmouse = no\ncursor = bar\ndetail = yes\n\n"
		"[theme]\ntitle = white,blue,bold\nstatus = black,cyan\n"
		"cursor = default,default,reverse\nheader = yellow,default,underline\n"
		"done = green\nactive = cyan\nlate = red,default,bold\nblocked = magenta,bold\n"
		"match = black,yellow\nbar = 33\ndim = default,default,dim\n"
		"light_red = red,default,bold\nlight_yellow = yellow\nlight_green = green\nlight_closed = default,default,dim\n\n"
		"[ssh]\ngateway_account = plan\nauthorized_keys = /home/plan/.ssh/authorized_keys\n\n"
		"[auth]\nunknown_user = read\ncontact = \"Planning office, room 312; ext. 4021\"\n\n"
		"[cycle]\nenabled = yes\nperiod = month\ndue_day = 5\noffice = 省城镇化办\nsince = 2024-01\n"
		"near_days = 30\ngrace_days = 10\nevidence_max = 10485760\n");
	assert_int_equal(load1(&cfg, path, err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_string_equal(cfg.time_zone, "Asia/Shanghai");
	assert_int_equal(cfg.cycle.enabled, 1);
	assert_int_equal(cfg.cycle.period, 0);
	assert_int_equal(cfg.cycle.due_day, 5);
	assert_string_equal(cfg.cycle.office, "省城镇化办");
	assert_string_equal(cfg.cycle.since, "2024-01");
	assert_int_equal(cfg.cycle.near_days, 30);
	assert_int_equal(cfg.cycle.grace_days, 10);
	assert_int_equal(cfg.cycle.evidence_max, 10485760);
	assert_string_equal(cfg.database, "/home/li/plans/shandong.db");
	assert_string_equal(cfg.as_of, "2023-06-30");
	assert_int_equal(cfg.sync, SYNC_FULL);
	assert_true(cfg.color);
	assert_false(cfg.mouse);
	assert_int_equal(cfg.cursor, CURSOR_BAR);
	assert_true(cfg.detail);
	struct theme_color *t = cfg.theme;
	for (int i = 0; i < THEME_COUNT; i++)
		assert_true(t[i].set);
	assert_int_equal(t[THEME_TITLE].fg, 7);
	assert_int_equal(t[THEME_TITLE].bg, 4);
	assert_int_equal(t[THEME_TITLE].attrs, CONFIG_ATTR_BOLD);
	assert_int_equal(t[THEME_STATUS].fg, 0);
	assert_int_equal(t[THEME_STATUS].bg, 6);
	assert_int_equal(t[THEME_CURSOR].attrs, CONFIG_ATTR_REVERSE);
	assert_int_equal(t[THEME_HEADER].attrs, CONFIG_ATTR_UNDERLINE);
	assert_int_equal(t[THEME_DONE].fg, 2);
	assert_int_equal(t[THEME_DONE].bg, -1);
	assert_int_equal(t[THEME_LATE].fg, 1);
	assert_int_equal(t[THEME_BLOCKED].fg, 5);
	assert_int_equal(t[THEME_BLOCKED].bg, -1);
	assert_int_equal(t[THEME_BLOCKED].attrs, CONFIG_ATTR_BOLD);
	assert_int_equal(t[THEME_MATCH].bg, 3);
	assert_int_equal(t[THEME_BAR].fg, 33);
	assert_int_equal(t[THEME_DIM].fg, -1);
	assert_int_equal(t[THEME_DIM].attrs, CONFIG_ATTR_DIM);
	assert_string_equal(cfg.gateway_account, "plan");
	assert_string_equal(cfg.authorized_keys, "/home/plan/.ssh/authorized_keys");
	assert_int_equal(cfg.unknown_user, UNKNOWN_USER_READ);
	assert_string_equal(cfg.contact, "Planning office, room 312; ext. 4021");
	config_free(&cfg);
}

static void
test_booleans(void **state)
{
	(void)state;
	static const struct { const char *text; bool value; } cases[] = {
		{ "yes", true }, { "no", false }, { "TRUE", true }, { "False", false },
		{ "on", true }, { "OFF", false }, { "1", true }, { "0", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct config cfg;
		char text[64], err[256] = "";
		snprintf(text, sizeof text, "[ui]\ncolor = %s\nmouse = %s\n", cases[i].text, cases[i].text);
		assert_int_equal(load1(&cfg, write_str(text), err, sizeof err), 0);
		assert_int_equal(cfg.color, cases[i].value);
		assert_int_equal(cfg.mouse, cases[i].value);
		config_free(&cfg);
	}
}

static void
test_names_case_insensitive(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	const char *path = write_str("[UI]\nColor = No\n[Auth]\nUNKNOWN_USER = None\n[core]\nas_of = TODAY\n");
	assert_int_equal(load1(&cfg, path, err, sizeof err), 0);
	assert_false(cfg.color);
	assert_int_equal(cfg.unknown_user, UNKNOWN_USER_NONE);
	assert_string_equal(cfg.as_of, "");
	config_free(&cfg);
}

static void
test_dates(void **state)
{
	(void)state;
	static const char *const good[] = { "2024-02-29", "2000-02-29", "2023-12-31", "2023-01-01" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		struct config cfg;
		char text[64], err[256] = "";
		snprintf(text, sizeof text, "[core]\nas_of = %s\n", good[i]);
		assert_int_equal(load1(&cfg, write_str(text), err, sizeof err), 0);
		assert_string_equal(cfg.as_of, good[i]);
		config_free(&cfg);
	}
}

static void
test_theme_forms(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	const char *path = write_str("[theme]\nlate = RED , 255 , Bold, underline ,dim\n"
	                             "bar = 0\nmatch = red,reverse,bold\ntitle = default\n");
	assert_int_equal(load1(&cfg, path, err, sizeof err), 0);
	assert_int_equal(cfg.theme[THEME_LATE].fg, 1);
	assert_int_equal(cfg.theme[THEME_LATE].bg, 255);
	assert_int_equal(cfg.theme[THEME_LATE].attrs,
	                 CONFIG_ATTR_BOLD | CONFIG_ATTR_UNDERLINE | CONFIG_ATTR_DIM);
	assert_int_equal(cfg.theme[THEME_BAR].fg, 0);
	assert_int_equal(cfg.theme[THEME_MATCH].bg, -1);
	assert_int_equal(cfg.theme[THEME_MATCH].attrs, CONFIG_ATTR_REVERSE | CONFIG_ATTR_BOLD);
	assert_true(cfg.theme[THEME_TITLE].set);
	assert_int_equal(cfg.theme[THEME_TITLE].fg, -1);
	assert_false(cfg.theme[THEME_STATUS].set);
	config_free(&cfg);
}

static void
test_strings(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	const char *path = write_str("[core]\ndatabase = /srv/plan/plan.db ; comment\n"
	                             "[ssh]\ngateway_account = _plan-gw9\n"
	                             "[auth]\ncontact = 规划处 王老师 (0531) 1234\n");
	assert_int_equal(load1(&cfg, path, err, sizeof err), 0);
	assert_string_equal(cfg.database, "/srv/plan/plan.db");
	assert_string_equal(cfg.gateway_account, "_plan-gw9");
	assert_string_equal(cfg.contact, "规划处 王老师 (0531) 1234");
	config_free(&cfg);
}

/* Three files: each key takes the value of the last file that sets it. */
static void
test_override_order(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	const char *paths[] = {
		write_str("[core]\ndatabase = /a.db\nas_of = 2023-01-01\n[ui]\ncolor = no\nmouse = no\n"
		          "[auth]\ncontact = first\n[theme]\nlate = red\n"),
		write_str("[core]\nas_of = 2023-02-02\n[ui]\ncolor = yes\n[auth]\ncontact =\n"),
		write_str("[core]\nas_of = 2023-03-03\n[theme]\ndone = green\n"),
	};
	const bool required[] = { false, false, true };
	config_defaults(&cfg);
	assert_int_equal(config_load_files(&cfg, paths, required, 3, err, sizeof err), 0);
	assert_string_equal(cfg.database, "/a.db");
	assert_string_equal(cfg.as_of, "2023-03-03");
	assert_true(cfg.color);
	assert_false(cfg.mouse);
	assert_null(cfg.contact);		/* an empty value unsets */
	assert_true(cfg.theme[THEME_LATE].set);
	assert_true(cfg.theme[THEME_DONE].set);
	config_free(&cfg);
}

static void
test_missing_optional(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "x";
	const char *paths[] = { fresh_path("none.ini"), fresh_path("nodir/none.ini"), write_str("[ui]\nmouse = off\n") };
	const bool required[] = { false, false, true };
	config_defaults(&cfg);
	assert_int_equal(config_load_files(&cfg, paths, required, 3, err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_false(cfg.mouse);
	config_free(&cfg);
}

static void
test_missing_required(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	const char *path = fresh_path("absent.ini");
	assert_int_equal(load1(&cfg, path, err, sizeof err), -1);
	assert_contains(err, "plancon: ");
	assert_contains(err, path);
	assert_contains(err, "No such file");
	config_free(&cfg);
}

static void
test_directory(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	const char *path = fresh_path("dir.ini");
	assert_int_equal(mkdir(path, 0700), 0);
	const char *paths[] = { path };
	const bool required[] = { false };	/* existing, so an error even if optional */
	config_defaults(&cfg);
	assert_int_equal(config_load_files(&cfg, paths, required, 1, err, sizeof err), -1);
	assert_contains(err, path);
	assert_contains(err, "is a directory");
}

static void
test_not_regular(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	const char *path = fresh_path("fifo.ini");
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(load1(&cfg, path, err, sizeof err), -1);
	assert_contains(err, path);
	assert_contains(err, "not a regular file");
}

static void
test_too_large(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	const char *path = write_str("[ui]\n");
	assert_int_equal(truncate(path, 2 * 1024 * 1024), 0);
	assert_int_equal(load1(&cfg, path, err, sizeof err), -1);
	assert_contains(err, path);
	assert_contains(err, "is larger than 1 MiB");
}

/* A symbolic link to itself exists but cannot be opened (ELOOP), even by
 * root, so it stands in for "unreadable" wherever permissions cannot. */
static void
test_symlink_loop(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	const char *path = fresh_path("loop.ini");
	assert_int_equal(symlink("loop.ini", path), 0);
	const char *paths[] = { path };
	const bool required[] = { false };
	config_defaults(&cfg);
	assert_int_equal(config_load_files(&cfg, paths, required, 1, err, sizeof err), -1);
	assert_contains(err, path);
	assert_contains(err, "cannot open");
}

/* chmod 000 does not stop root from reading: as root, the load runs in a
 * child that has switched to the user "nobody" (65534). */
static void
test_unreadable(void **state)
{
	(void)state;
	char err[512] = "";
	const char *path = write_str("[ui]\ncolor = no\n");
	assert_int_equal(chmod(path, 0), 0);
	assert_int_equal(chmod(tmpdir, 0755), 0);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(77);
		struct config cfg;
		char msg[512] = "";
		int rc = load1(&cfg, path, msg, sizeof msg);
		if (write(fds[1], msg, strlen(msg)) < 0)
			_exit(3);
		_exit(rc == -1 ? 0 : 1);
	}
	close(fds[1]);
	ssize_t n = read(fds[0], err, sizeof err - 1);
	close(fds[0]);
	err[n > 0 ? n : 0] = '\0';
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	chmod(tmpdir, 0700);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		skip();		/* root, but cannot become nobody here */
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_contains(err, path);
	assert_contains(err, "Permission denied");
}

static void
test_syntax_error(void **state)
{
	(void)state;
	expect_error("[ui]\ncolor = no\n\nthis is not a key\n", "line 4: syntax error",
	             "\"this is not a key\"", END);
	expect_error("[ui\ncolor = no\n", "line 1: syntax error", "\"[ui\"", END);
}

/* iniparser prints to stderr by default: nothing may reach it. */
static void
test_no_stderr_output(void **state)
{
	(void)state;
	const char *capture = fresh_path("stderr.txt");
	fflush(stderr);
	int saved = dup(2), fd = open(capture, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);
	struct config cfg;
	char err[256] = "";
	int rc = load1(&cfg, write_str("[ui]\nbroken line\n"), err, sizeof err);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(rc, -1);
	struct stat st;
	assert_int_equal(stat(capture, &st), 0);
	assert_int_equal(st.st_size, 0);
}

static void
test_unknown_section(void **state)
{
	(void)state;
	expect_error("[ui]\ncolor = no\n[colours]\nlate = red\n", "[colours]: unknown section",
	             "expected [core], [ui], [theme], [ssh], [auth] or [cycle]", END);
	expect_error("[ui:color]\n", "line 1: section name \"[ui:color]\" contains ':'", END);
}

static void
test_cycle_keys(void **state)
{
	(void)state;
	expect_error("[cycle]\ndue_day = 32\n", "[cycle] due_day: expected a whole number from 1 to 31, got \"32\"", END);
	expect_error("[cycle]\ndue_day = 0\n", "[cycle] due_day: expected a whole number from 1 to 31", END);
	expect_error("[cycle]\ndue_day = 5x\n", "[cycle] due_day: expected a whole number", END);
	expect_error("[cycle]\nperiod = week\n", "[cycle] period: expected month or quarter, got \"week\"", END);
	expect_error("[cycle]\nsince = 2024-13\n", "[cycle] since: expected a period YYYY-MM or YYYY-Qn", END);
	expect_error("[cycle]\nsince = 2024-Q5\n", "[cycle] since: expected a period", END);
	expect_error("[cycle]\nevidence_max = 104857601\n", "[cycle] evidence_max: expected a whole number from 1 to "
	             "104857600", END);
	expect_error("[core]\ntime_zone = Mars/Olympus\n", "[core] time_zone: expected a time zone name", END);
	expect_error("[core]\ntime_zone = ../../etc/passwd\n", "[core] time_zone: expected a time zone name", END);
	struct config cfg;
	config_defaults(&cfg);
	assert_int_equal(cfg.cycle.enabled, -1);
	assert_int_equal(cfg.cycle.period, -1);
	assert_int_equal(cfg.cycle.due_day, 0);
	assert_int_equal(cfg.cycle.near_days, 30);
	assert_int_equal(cfg.cycle.grace_days, 10);
	assert_int_equal(cfg.cycle.evidence_max, 10 * 1024 * 1024);
	assert_string_equal(cfg.cycle.since, "");
	assert_null(cfg.cycle.office);
	assert_null(cfg.time_zone);
	config_free(&cfg);
}

static void
test_unknown_key(void **state)
{
	(void)state;
	expect_error("[ui]\ncolour = no\n", "[ui] colour: unknown key", "expected color, mouse, cursor or detail", END);
	expect_error("[theme]\nlatee = red\n", "[theme] latee: unknown key", "title, status", "light_green or light_closed", END);
	expect_error("database = /x.db\n[core]\n", "database: key outside any section", END);
}

static void
test_bad_boolean(void **state)
{
	(void)state;
	expect_error("[ui]\ncolor = maybe\n", "[ui] color: expected yes or no, got \"maybe\"", END);
	expect_error("[ui]\nmouse = yess\n", "[ui] mouse: expected yes or no, got \"yess\"", END);
	expect_error("[ui]\nmouse =\n", "[ui] mouse: expected yes or no, got \"\"", END);
}

static void
test_bad_dates(void **state)
{
	(void)state;
	expect_error("[core]\nas_of = 2023-13-01\n", "[core] as_of: expected a real calendar date",
	             "got \"2023-13-01\"", "no month 13", END);
	expect_error("[core]\nas_of = 2023-02-29\n", "[core] as_of:", "got \"2023-02-29\"",
	             "2023-02 has 28 days", END);
	expect_error("[core]\nas_of = 1900-02-29\n", "[core] as_of:", "1900-02 has 28 days", END);
	expect_error("[core]\nas_of = tomorrow\n", "[core] as_of: expected a date YYYY-MM-DD or today",
	             "got \"tomorrow\"", END);
	expect_error("[core]\nas_of = 2023-6-30\n", "[core] as_of: expected a date", END);
	expect_error("[core]\nas_of = 2023-06-30x\n", "[core] as_of: expected a date", END);
}

static void
test_bad_colour(void **state)
{
	(void)state;
	expect_error("[theme]\nlate = pink\n", "[theme] late: expected FG[,BG][,ATTR...]",
	             "\"pink\" is not a colour", END);
	expect_error("[theme]\nbar = 256\n", "[theme] bar:", "\"256\" is not a colour", END);
	expect_error("[theme]\nbar = red,-1\n", "[theme] bar:", "\"-1\" is not a colour", END);
	expect_error("[theme]\ndone =\n", "[theme] done:", "\"\" is not a colour", END);
	expect_error("[theme]\ndone = red,,bold\n", "[theme] done:", "\"\" is not a colour", END);
}

static void
test_bad_attr(void **state)
{
	(void)state;
	expect_error("[theme]\nlate = red,default,blink\n", "[theme] late:",
	             "\"blink\" is not an attribute (bold, underline, reverse or dim)", END);
	expect_error("[theme]\nlate = red,bold,blue\n", "[theme] late:", "\"blue\" is not an attribute", END);
}

static void
test_bad_account(void **state)
{
	(void)state;
	expect_error("[ssh]\ngateway_account = Plan\n", "[ssh] gateway_account: expected a login name",
	             "got \"Plan\"", END);
	expect_error("[ssh]\ngateway_account = 9plan\n", "[ssh] gateway_account:", END);
	expect_error("[ssh]\ngateway_account = plan user\n", "[ssh] gateway_account:", END);
	expect_error("[ssh]\ngateway_account = abcdefghijklmnopqrstuvwxyz0123456\n",
	             "[ssh] gateway_account:", "at most 32", END);
	struct config cfg;
	char err[256] = "";
	assert_int_equal(load1(&cfg, write_str("[ssh]\ngateway_account = abcdefghijklmnopqrstuvwxyz012345\n"),
	                       err, sizeof err), 0);
	config_free(&cfg);
}

static void
test_bad_unknown_user(void **state)
{
	(void)state;
	expect_error("[auth]\nunknown_user = write\n", "[auth] unknown_user: expected read or none, got \"write\"", END);
}

static void
test_sync(void **state)
{
	(void)state;
	static const struct { const char *text; enum sync_mode value; } cases[] = {
		{ "full", SYNC_FULL }, { "normal", SYNC_NORMAL }, { "NORMAL", SYNC_NORMAL }, { "Full", SYNC_FULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct config cfg;
		char text[64], err[256] = "";
		snprintf(text, sizeof text, "[core]\nsync = %s\n", cases[i].text);
		assert_int_equal(load1(&cfg, write_str(text), err, sizeof err), 0);
		assert_int_equal(cfg.sync, cases[i].value);
		config_free(&cfg);
	}
	/* A later file overrides an earlier one; one that says nothing keeps it. */
	const char *paths[] = { write_str("[core]\nsync = normal\n"), write_str("[core]\nsync = full\n"),
	                        write_str("[ui]\ncolor = no\n") };
	const bool required[] = { true, true, true };
	struct config cfg;
	char err[256] = "";
	config_defaults(&cfg);
	assert_int_equal(config_load_files(&cfg, paths, required, 2, err, sizeof err), 0);
	assert_int_equal(cfg.sync, SYNC_FULL);
	config_free(&cfg);
	config_defaults(&cfg);
	const char *paths2[] = { paths[0], paths[2] };
	assert_int_equal(config_load_files(&cfg, paths2, required, 2, err, sizeof err), 0);
	assert_int_equal(cfg.sync, SYNC_NORMAL);
	config_free(&cfg);
}

/* [ui] cursor and detail: the set-up for a slow link. */
static void
test_cursor_detail(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	config_defaults(&cfg);
	assert_int_equal(cfg.cursor, CURSOR_BAR);
	assert_true(cfg.detail);
	assert_int_equal(load1(&cfg, write_str("[ui]\ncursor = Arrow\ndetail = no\n"), err, sizeof err), 0);
	assert_int_equal(cfg.cursor, CURSOR_ARROW);
	assert_false(cfg.detail);
	config_free(&cfg);
	assert_int_equal(load1(&cfg, write_str("[ui]\ncursor = bar\n"), err, sizeof err), 0);
	assert_int_equal(cfg.cursor, CURSOR_BAR);
	assert_true(cfg.detail);
	config_free(&cfg);
	expect_error("[ui]\ncursor = block\n", "[ui] cursor: expected bar or arrow, got \"block\"", END);
	expect_error("[ui]\ndetail = sometimes\n", "[ui] detail: expected yes or no, got \"sometimes\"", END);
}

static void
test_bad_sync(void **state)
{
	(void)state;
	expect_error("[core]\nsync = fast\n", "[core] sync: expected full or normal, got \"fast\"", END);
	expect_error("[core]\nsync = off\n", "[core] sync: expected full or normal, got \"off\"", END);
	expect_error("[core]\nsync =\n", "[core] sync: expected full or normal, got \"\"", END);
}

static void
test_bad_path(void **state)
{
	(void)state;
	expect_error("[core]\ndatabase = ~li/plan.db\n", "[core] database:", "only a leading ~/", END);
	char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	unsetenv("HOME");
	expect_error("[core]\ndatabase = ~/plan.db\n", "[core] database:", "HOME is not set", END);
	if (home)
		setenv("HOME", home, 1);
	free(home);
}

static void
test_long_line(void **state)
{
	(void)state;
	char text[2100];
	int n = snprintf(text, sizeof text, "[auth]\ncontact = ");
	memset(text + n, 'x', 2000 - 10);
	strcpy(text + n + 2000 - 10, "\n");
	expect_error(text, "line 2 is longer than 1022 bytes", END);

	/* The limit is exact: 1022 bytes load, 1023 do not. */
	struct config cfg;
	char err[256] = "";
	n = snprintf(text, sizeof text, "[auth]\ncontact = ");
	memset(text + n, 'y', 1022 - 10);
	strcpy(text + n + 1022 - 10, "\n");
	assert_int_equal(load1(&cfg, write_str(text), err, sizeof err), 0);
	assert_int_equal(strlen(cfg.contact), 1022 - 10);
	config_free(&cfg);
	strcpy(text + n + 1022 - 10, "y\n");
	expect_error(text, "line 2 is longer than 1022 bytes", END);
}

static void
test_long_joined_line(void **state)
{
	(void)state;
	char text[1200];
	int n = snprintf(text, sizeof text, "[auth]\ncontact = ");
	memset(text + n, 'x', 600);
	strcpy(text + n + 600, "\\\n");
	memset(text + n + 602, 'z', 500);
	strcpy(text + n + 1102, "\n");
	expect_error(text, "lines 2-3, joined by a trailing backslash, are longer than 1022 bytes", END);
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	expect_error("[auth]\ncontact = ok\ncontact = caf\xe9\n", "line 3 is not valid UTF-8",
	             "byte 0xe9 at column 14", END);
	expect_error("[auth]\ncontact = \xc0\xaf\n", "line 2 is not valid UTF-8", END);	/* overlong */
	expect_error("[auth]\ncontact = \xe0\x80\xaf\n", "line 2 is not valid UTF-8", END);
	expect_error("[auth]\ncontact = \xf0\x80\x80\xaf\n", "line 2 is not valid UTF-8", END);
	expect_error("[auth]\ncontact = \xf4\x90\x80\x80\n", "line 2 is not valid UTF-8", END);	/* > U+10FFFF */
	expect_error("[auth]\ncontact = \xed\xa0\x80\n", "line 2 is not valid UTF-8", END);	/* surrogate */
	expect_error("[auth]\ncontact = \xe8\xa7\n", "line 2 is not valid UTF-8", END);	/* cut short */
}

static void
test_nul_byte(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	const char *path = write_bytes("[ui]\ncolor = no\0yes\n", 20);
	assert_int_equal(load1(&cfg, path, err, sizeof err), -1);
	assert_contains(err, path);
	assert_contains(err, "line 2 contains a NUL byte");
}

static void
test_byte_order_mark(void **state)
{
	(void)state;
	expect_error("\xef\xbb\xbf[ui]\ncolor = no\n", "line 1 starts with a byte-order mark", END);
}

static void
test_crlf_and_continuation(void **state)
{
	(void)state;
	struct config cfg;
	char err[256] = "";
	const char *path = write_str("[ui]\r\ncolor = no\r\n[auth]\r\ncontact = ask \\\n  the office\r\n");
	assert_int_equal(load1(&cfg, path, err, sizeof err), 0);
	assert_false(cfg.color);
	assert_string_equal(cfg.contact, "ask   the office");
	config_free(&cfg);
}

/* A bad file in the middle stops the load and names that file. */
static void
test_error_names_the_right_file(void **state)
{
	(void)state;
	struct config cfg;
	char err[512] = "";
	const char *paths[] = { write_str("[ui]\ncolor = no\n"), write_str("[ui]\nmouse = maybe\n"),
	                        write_str("[ui]\ncolor = yes\n") };
	const bool required[] = { false, false, false };
	config_defaults(&cfg);
	assert_int_equal(config_load_files(&cfg, paths, required, 3, err, sizeof err), -1);
	char want[256];
	snprintf(want, sizeof want, "plancon: %s: [ui] mouse: expected yes or no, got \"maybe\"", paths[1]);
	assert_string_equal(err, want);
	assert_false(cfg.color);
	config_free(&cfg);
}

static void
test_control_characters_escaped(void **state)
{
	(void)state;
	expect_error("[ui]\ncolor = \"\x1b[2Jyes\"\n", "got \"\\x1b[2Jyes\"", END);
}

static void
test_small_error_buffer(void **state)
{
	(void)state;
	struct config cfg;
	char err[16];
	memset(err, 'Q', sizeof err);
	assert_int_equal(load1(&cfg, write_str("[ui]\ncolor = maybe\n"), err, 12), -1);
	assert_int_equal(strlen(err), 11);
	assert_int_equal(err[12], 'Q');
	assert_int_equal(load1(&cfg, write_str("[ui]\ncolor = maybe\n"), NULL, 0), -1);
	config_free(&cfg);
}

static void
test_paths(void **state)
{
	(void)state;
	char *paths[CONFIG_PATHS_MAX];
	bool required[CONFIG_PATHS_MAX];
	static const struct { const char *xdg, *home, *explicit_path, *want[3]; } cases[] = {
		{ "/x", "/h", "/e.ini", { SYSTEM_FILE, "/x/plancon/plancon.ini", "/e.ini" } },
		{ NULL, "/h", NULL, { SYSTEM_FILE, "/h/.config/plancon/plancon.ini", NULL } },
		{ "", "/h", NULL, { SYSTEM_FILE, "/h/.config/plancon/plancon.ini", NULL } },
		{ "rel", "/h", NULL, { SYSTEM_FILE, "/h/.config/plancon/plancon.ini", NULL } },
		{ NULL, NULL, "e.ini", { SYSTEM_FILE, "e.ini", NULL } },
		{ "rel", "", NULL, { SYSTEM_FILE, NULL, NULL } },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cases[i].xdg ? setenv("XDG_CONFIG_HOME", cases[i].xdg, 1) : unsetenv("XDG_CONFIG_HOME");
		cases[i].home ? setenv("HOME", cases[i].home, 1) : unsetenv("HOME");
		size_t n = config_paths(cases[i].explicit_path, paths, required), want = 0;
		while (want < 3 && cases[i].want[want])
			want++;
		assert_int_equal(n, want);
		for (size_t j = 0; j < n; j++) {
			assert_string_equal(paths[j], cases[i].want[j]);
			assert_int_equal(required[j], cases[i].explicit_path && j == n - 1);
			free(paths[j]);
		}
	}
}

/* config_load reads the user's file, then the explicit one. */
static void
test_load_standard(void **state)
{
	(void)state;
	struct config cfg;
	char err[512] = "", dir[128];
	snprintf(dir, sizeof dir, "%s/xdg", tmpdir);
	assert_int_equal(mkdir(remember(strdup(dir)), 0700), 0);
	strcat(dir, "/plancon");
	assert_int_equal(mkdir(remember(strdup(dir)), 0700), 0);
	strcat(dir, "/plancon.ini");
	FILE *f = fopen(remember(strdup(dir)), "w");
	assert_non_null(f);
	fputs("[ui]\ncolor = no\nmouse = no\n", f);
	fclose(f);
	snprintf(dir, sizeof dir, "%s/xdg", tmpdir);
	setenv("XDG_CONFIG_HOME", dir, 1);
	config_defaults(&cfg);
	int rc = config_load(&cfg, write_str("[ui]\nmouse = yes\n"), err, sizeof err);
	if (rc != 0 && access(SYSTEM_FILE, F_OK) == 0)
		skip();		/* this machine's own file is broken */
	assert_int_equal(rc, 0);
	assert_false(cfg.color);
	assert_true(cfg.mouse);
	config_free(&cfg);
	config_defaults(&cfg);
	assert_int_equal(config_load(&cfg, fresh_path("missing.ini"), err, sizeof err), -1);
	assert_contains(err, "missing.ini");
	config_free(&cfg);
	unsetenv("XDG_CONFIG_HOME");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_known_keys),
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_names_case_insensitive),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_theme_forms),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_override_order),
		cmocka_unit_test(test_missing_optional),
		cmocka_unit_test(test_missing_required),
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_symlink_loop),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_no_stderr_output),
		cmocka_unit_test(test_unknown_section),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_cycle_keys),
		cmocka_unit_test(test_bad_boolean),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_bad_colour),
		cmocka_unit_test(test_bad_attr),
		cmocka_unit_test(test_bad_account),
		cmocka_unit_test(test_bad_unknown_user),
		cmocka_unit_test(test_sync),
		cmocka_unit_test(test_bad_sync),
		cmocka_unit_test(test_cursor_detail),
		cmocka_unit_test(test_bad_path),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_long_joined_line),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_byte_order_mark),
		cmocka_unit_test(test_crlf_and_continuation),
		cmocka_unit_test(test_error_names_the_right_file),
		cmocka_unit_test(test_control_characters_escaped),
		cmocka_unit_test(test_small_error_buffer),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_load_standard),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
