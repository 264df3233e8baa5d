/* Unit tests for ssh: the command splitter (quoting, every refused
 * operator, empty, long), the allow-list, public keys, authorized_keys
 * (foreign lines kept byte for byte, malformed and duplicate keys
 * refused), the atomic file write, and the access log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "plancon/auth.h"
#include "plancon/ssh.h"
#include "plancon/store_users.h"

#define KEY_LI "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHswp6DXVzeWF8f3i56PQaG63D5fydzenoe0oR3KV3o7"
#define KEY_WANG "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFHsamlvSvtHmLoYBDvGTWMQk6fxcskWgl2GL5TG1GyB"
#define KEY_OPS "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBE+yHNeaFAyJ/" \
	"ICGN/8umHUbLtBfscAnU79zGI7FMGHQ0+ifKROjPeAZL4nAF8x6ejz59xhA9NCgMhVt3LuUsis="
#define EXE "/usr/local/bin/plancon"

/* Split cmd, which must succeed; check the words (NULL-terminated list). */
static void
split_ok(const char *cmd, ...)
{
	char **argv;
	int argc;
	struct error e;
	err_clear(&e);
	assert_int_equal(ssh_split(cmd, &argv, &argc, &e), ERR_OK);
	assert_non_null(argv);
	va_list ap;
	va_start(ap, cmd);
	int i = 0;
	for (const char *w; (w = va_arg(ap, const char *)); i++) {
		assert_true(i < argc);
		assert_string_equal(argv[i], w);
	}
	va_end(ap);
	assert_int_equal(argc, i);
	assert_null(argv[argc]);
	ssh_words_free(argv);
}

/* Split cmd, which must be refused with a one-line message containing want. */
static void
split_refused(const char *cmd, const char *want)
{
	char **argv = (char **)1;
	int argc = -1;
	struct error e;
	err_clear(&e);
	assert_int_equal(ssh_split(cmd, &argv, &argc, &e), ERR_REFUSED);
	assert_null(argv);
	assert_int_equal(argc, 0);
	assert_non_null(strstr(e.msg, "refused"));
	if (!strstr(e.msg, want))
		fail_msg("\"%s\" not in \"%s\"", want, e.msg);
	assert_null(strchr(e.msg, '\n'));
}

static void
test_split_words(void **state)
{
	(void)state;
	split_ok("tasks", "tasks", NULL);
	split_ok("  tasks\t--dept   省住房城乡建设厅 --format csv  ", "tasks", "--dept", "省住房城乡建设厅", "--format",
	         "csv", NULL);
	split_ok("set 3.2.3 --status in_progress", "set", "3.2.3", "--status", "in_progress", NULL);
}

static void
test_split_quoting(void **state)
{
	(void)state;
	split_ok("note 1.1 'a b'", "note", "1.1", "a b", NULL);
	split_ok("note 1.1 \"a b\"", "note", "1.1", "a b", NULL);
	split_ok("note 1.1 a\\ b", "note", "1.1", "a b", NULL);
	/* Adjacent quoted parts make one word; '' is an empty word. */
	split_ok("a'b'\"c\"d ''", "abcd", "", NULL);
	split_ok("\"\"", "", NULL);
	/* Inside '...' nothing is special, not even a backslash. */
	split_ok("'a\\b \"c\" $x; id'", "a\\b \"c\" $x; id", NULL);
	/* Inside "..." a backslash escapes only $ ` " \; the rest is kept. */
	split_ok("\"a\\\"b\\\\c\\$d\\`e\\nf\"", "a\"b\\c$d`e\\nf", NULL);
	/* Nothing is expanded: $, `...`, ~, * and # stay as written. */
	split_ok("\"$HOME `id` $(id)\"", "$HOME `id` $(id)", NULL);
	split_ok("~ * ?.[ch] #x", "~", "*", "?.[ch]", "#x", NULL);
	/* Escaped and quoted operators are plain characters. */
	split_ok("tasks\\;id 'a|b' \"c&d\" e\\>f \\(g\\)", "tasks;id", "a|b", "c&d", "e>f", "(g)", NULL);
	/* A quoted line break is part of the word (a note of two lines);
	 * a backslash before a line break joins the lines. */
	split_ok("note 1.1 '第一行\n第二行'", "note", "1.1", "第一行\n第二行", NULL);
	split_ok("note 1.1 \"a\nb\"", "note", "1.1", "a\nb", NULL);
	split_ok("tas\\\nks", "tasks", NULL);
	split_ok("\"a\\\nb\"", "ab", NULL);
}

static void
test_split_operators(void **state)
{
	(void)state;
	static const struct { const char *cmd, *want; } cases[] = {
		{ "tasks; id", "\";\"" },
		{ "tasks;id", "\";\"" },
		{ "tasks | sh", "\"|\"" },
		{ "tasks || id", "\"|\"" },
		{ "tasks & id", "\"&\"" },
		{ "tasks && id", "\"&\"" },
		{ "echo $HOME", "\"$\"" },
		{ "tasks --dept $(id)", "\"$\"" },
		{ "tasks --dept `id`", "\"`\"" },
		{ "tasks < /etc/passwd", "\"<\"" },
		{ "tasks > /tmp/x", "\">\"" },
		{ "tasks 2>&1", "\">\"" },
		{ "(id)", "\"(\"" },
		{ "tasks )", "\")\"" },
		{ "tasks\nid", "a line break" },
		{ "tasks\n", "a line break" },
		{ "'tasks' ;", "\";\"" },
		{ "\"a b\"|id", "\"|\"" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		split_refused(cases[i].cmd, cases[i].want);
	split_refused("note 'open", "' is not closed");
	split_refused("note \"open", "\" is not closed");
	split_refused("note 1.1 'a' \"b", "\" is not closed");
	split_refused("tasks \\", "ends in a backslash");
}

static void
test_split_empty(void **state)
{
	(void)state;
	split_ok("", NULL);
	split_ok("   \t  ", NULL);
	split_ok("\\\n", NULL);
}

static void
test_split_long(void **state)
{
	(void)state;
	/* A 10 kB note of Chinese text in quotes. */
	size_t n = 10 * 1024 / 3 * 3;
	char *note = malloc(n + 1);
	assert_non_null(note);
	for (size_t i = 0; i < n; i += 3)
		memcpy(note + i, "划", 3);
	note[n] = '\0';
	size_t len = n + 32;
	char *cmd = malloc(len);
	assert_non_null(cmd);
	snprintf(cmd, len, "note 3.2.3 '%s'", note);
	assert_true(strlen(cmd) > 10 * 1000);
	split_ok(cmd, "note", "3.2.3", note, NULL);
	free(cmd);
	free(note);

	/* 10,000 words. */
	cmd = malloc(20001);
	assert_non_null(cmd);
	for (size_t i = 0; i < 20000; i += 2)
		memcpy(cmd + i, "x ", 2);
	cmd[20000] = '\0';
	char **argv;
	int argc;
	struct error e;
	assert_int_equal(ssh_split(cmd, &argv, &argc, &e), ERR_OK);
	assert_int_equal(argc, 10000);
	assert_string_equal(argv[9999], "x");
	ssh_words_free(argv);
	free(cmd);

	/* Longer than the limit: refused, not cut. */
	cmd = malloc(SSH_COMMAND_MAX + 2);
	assert_non_null(cmd);
	memset(cmd, 'a', SSH_COMMAND_MAX + 1);
	cmd[SSH_COMMAND_MAX + 1] = '\0';
	split_refused(cmd, "longer than");
	cmd[SSH_COMMAND_MAX] = '\0';
	split_ok(cmd, cmd, NULL);
	free(cmd);
}

/* ---- the allow-list --------------------------------------------------------------- */

static enum err_code
allowed(const char *cmd, bool admin, struct error *e)
{
	char **argv;
	int argc;
	assert_int_equal(ssh_split(cmd, &argv, &argc, e), ERR_OK);
	enum err_code rc = ssh_allowed(argc, argv, admin, e);
	ssh_words_free(argv);
	return rc;
}

static void
test_allowed(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"", "chapters", "tasks --dept 省住房城乡建设厅 --format csv", "show 3.2.3", "depts", "indicators",
		"log 3.2.3", "report", "late", "summary", "set 3.2.3 --status in_progress", "note 3.2.3 'done'",
		"milestone 3.2.3 2023 --status done", "todo --format csv", "periods",
		"extension request 3.2.3 --to 2024-09-30 --reason '工程量大'", "remind 省住房城乡建设厅 --note '请报送'",
	};
	struct error e;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		err_clear(&e);
		if (allowed(ok[i], false, &e) != ERR_OK)
			fail_msg("\"%s\" refused: %s", ok[i], e.msg);
		assert_int_equal(allowed(ok[i], true, &e), ERR_OK);
	}
	for (const char *const *c = ssh_allowed_commands; *c; c++)
		assert_int_equal(allowed(*c, false, &e), ERR_OK);
}

static void
test_refused(void **state)
{
	(void)state;
	static const struct { const char *cmd, *want; } cases[] = {
		{ "/bin/sh", "\"/bin/sh\" is not a plancon command" },
		{ "sh -c id", "\"sh\" is not" },
		{ "bash", "\"bash\" is not" },
		{ "id", "\"id\" is not" },
		{ "scp -t /tmp", "\"scp\" is not" },
		{ "scp -f /etc/passwd", "\"scp\" is not" },
		{ "internal-sftp", "\"internal-sftp\" is not" },
		{ "/usr/lib/openssh/sftp-server", "\"/usr/lib/openssh/sftp-server\" is not" },
		{ "rsync --server -e.LsfxC . /tmp", "\"rsync\" is not" },
		{ "git-upload-pack 'x'", "\"git-upload-pack\" is not" },
		{ "user add x --role admin", "\"user\" is not" },
		{ "init --admin x", "\"init\" is not" },
		{ "--db /tmp/other.db tasks", "options of plancon itself" },
		{ "--config /tmp/x.ini", "options of plancon itself" },
		{ "--user admin set 1.1 --status done", "options of plancon itself" },
		{ "--ssh-user admin", "options of plancon itself" },
		{ "-h", "options of plancon itself" },
		{ "Tasks", "\"Tasks\" is not" },
	};
	struct error e;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err_clear(&e);
		assert_int_equal(allowed(cases[i].cmd, true, &e), ERR_REFUSED);
		if (!strstr(e.msg, cases[i].want))
			fail_msg("%s: \"%s\" not in \"%s\"", cases[i].cmd, cases[i].want, e.msg);
		assert_non_null(strstr(e.msg, "tasks"));      /* says what one can run */
		assert_null(strchr(e.msg, '\n'));
	}
	/* -o is not the gate's business: output.h refuses every file once the
	 * session came over SSH (test_output.c, tests/ssh/ssh.sh), and "-o -"
	 * (standard output) is how a workbook comes back to the client. */
	assert_int_equal(allowed("report --format xlsx -o -", false, &e), ERR_OK);
	/* No file read on the server for the client. */
	assert_int_equal(allowed("key add li /home/plan/.ssh/id_rsa", true, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "standard input"));
	/* ... which leaves ordinary arguments alone. */
	assert_int_equal(allowed("late --format csv --bom", false, &e), ERR_OK);
	assert_int_equal(allowed("tasks --search output --dept x", false, &e), ERR_OK);
	assert_int_equal(allowed("note 1.1 -5%", false, &e), ERR_OK);
	assert_int_equal(allowed("report --by dept", false, &e), ERR_OK);

	/* key: for an administrator only. */
	err_clear(&e);
	assert_int_equal(allowed("key list", false, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "only an administrator"));
	assert_int_equal(allowed("key add li -", true, &e), ERR_OK);
	/* A name too wide for a message is cut. */
	char wide[300];
	memset(wide, 'z', sizeof wide - 1);
	wide[sizeof wide - 1] = '\0';
	assert_int_equal(allowed(wide, false, &e), ERR_REFUSED);
	assert_null(strstr(e.msg, wide));
}

static void
test_names(void **state)
{
	(void)state;
	static const char *const good[] = { "li", "wang.wei", "zhang_san-2", "张三", "A1" };
	static const char *const bad[] = { "", "-li", "li wei", "li;id", "li\"", "a'b", "$x", "a/b", "li\n",
	                                   "\xff\xfe", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(auth_name_valid(good[i]));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (auth_name_valid(bad[i]))
			fail_msg("\"%s\" accepted", bad[i]);
}

/* ---- public keys ------------------------------------------------------------------- */

static void
test_pubkey_parse(void **state)
{
	(void)state;
	struct ssh_pubkey k;
	struct error e;
	assert_int_equal(ssh_pubkey_parse(KEY_LI " li@laptop\n", &k, &e), ERR_OK);
	assert_string_equal(k.type, "ssh-ed25519");
	assert_string_equal(k.blob, KEY_LI + 12);
	assert_string_equal(k.comment, "li@laptop");
	ssh_pubkey_free(&k);
	assert_int_equal(ssh_pubkey_parse("\n  " KEY_OPS "\r\n", &k, &e), ERR_OK);
	assert_string_equal(k.type, "ecdsa-sha2-nistp256");
	assert_null(k.comment);
	ssh_pubkey_free(&k);
	assert_int_equal(ssh_pubkey_parse(KEY_WANG " 王伟 的 笔记本\n\n", &k, &e), ERR_OK);
	assert_string_equal(k.comment, "王伟 的 笔记本");
	ssh_pubkey_free(&k);
}

static void
test_pubkey_malformed(void **state)
{
	(void)state;
	static const struct { const char *text, *want; } cases[] = {
		{ "", "empty" },
		{ "  \n", "empty" },
		{ "ssh-foo AAAAC3NzaC1lZDI1NTE5AAAAIHswp6DXVzeWF8f3i56PQaG63D5fydzenoe0oR3KV3o7", "not a public key" },
		{ "hello world", "not a public key" },
		{ "command=\"x\" " KEY_LI, "not a public key" },
		{ "ssh-ed25519", "no key data" },
		{ "ssh-ed25519 !!!!AAAA", "damaged" },
		{ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHswp6DXVzeWF8f3i56PQaG63D5fydzenoe0oR3KV3o", "damaged" },
		{ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5", "damaged" },
		{ "ssh-ed25519 AAAAC3Nza C1lZDI1NTE5AAAAIHswp6DXVzeWF8f3i56PQaG63D5fydzenoe0oR3KV3o7", "damaged" },
		/* an ECDSA key labelled ed25519 */
		{ "ssh-ed25519 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBE+yHNeaFAyJ/ICGN/8umHUbLtBfscAnU79zGI7FMGHQ0+ifKROjPeAZL4nAF8x6ejz59xhA9NCgMhVt3LuUsis=",
		  "damaged" },
		{ "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIHswp6DXVzeWF8f3i56PQaG63D5fydzenoe0oR3KV3o7", "damaged" },
		{ "ssh-dss AAAAB3NzaC1kc3MAAACBAP", "DSA" },
		{ "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
		  "private key" },
		{ "---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----\n", "RFC 4716" },
		{ KEY_LI " li\n" KEY_WANG " wang\n", "more than one line" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ssh_pubkey k;
		struct error e;
		err_clear(&e);
		assert_int_equal(ssh_pubkey_parse(cases[i].text, &k, &e), ERR_INVALID);
		if (!strstr(e.msg, cases[i].want))
			fail_msg("case %zu: \"%s\" not in \"%s\"", i, cases[i].want, e.msg);
		assert_null(k.type);
		assert_null(strchr(e.msg, '\n'));
	}
}

/* ---- authorized_keys --------------------------------------------------------------- */

/* a followed by b, malloc'd. */
static char *
cat(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 1;
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, "%s%s", a, b);
	return s;
}

/* Lines someone else wrote, with no newline at the end. */
static const char foreign[] =
	"# keys of the plan account\n"
	"\n"
	KEY_OPS " ops@admin\n"
	"from=\"10.0.0.0/8\",no-pty   ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC+ backup\r\n"
	"  not a key line at all  \n"
	"command=\"/bin/echo hi\",restrict ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherKey== echo";

static void
add_key(struct ssh_keyfile *kf, const char *name, const char *text, enum err_code want, bool want_added,
        const char *want_msg)
{
	struct ssh_pubkey k;
	struct error e;
	bool added = !want_added;
	err_clear(&e);
	assert_int_equal(ssh_pubkey_parse(text, &k, &e), ERR_OK);
	assert_int_equal(ssh_keyfile_add(kf, name, EXE, &k, &added, &e), want);
	assert_int_equal(added, want_added);
	if (want_msg && !strstr(e.msg, want_msg))
		fail_msg("\"%s\" not in \"%s\"", want_msg, e.msg);
	ssh_pubkey_free(&k);
}

static void
test_keyfile_foreign_kept(void **state)
{
	(void)state;
	struct ssh_keyfile kf;
	ssh_keyfile_parse(foreign, &kf);
	assert_int_equal(kf.n, 6);
	for (size_t i = 0; i < kf.n; i++)
		assert_null(kf.lines[i].name);
	assert_string_equal(kf.lines[2].key.type, "ecdsa-sha2-nistp256");
	assert_string_equal(kf.lines[3].key.type, "ssh-rsa");
	assert_string_equal(kf.lines[3].key.comment, "backup");
	assert_null(kf.lines[4].key.type);
	char *text = ssh_keyfile_text(&kf);
	assert_string_equal(text, foreign);
	free(text);

	add_key(&kf, "li", KEY_LI " li@laptop", ERR_OK, true, NULL);
	add_key(&kf, "张三", KEY_WANG, ERR_OK, true, NULL);
	text = ssh_keyfile_text(&kf);
	char *want = cat(foreign, "\n"
	                 "command=\"" EXE " --ssh-user li\",restrict,pty " KEY_LI " li@laptop\n"
	                 "command=\"" EXE " --ssh-user 张三\",restrict,pty " KEY_WANG "\n");
	assert_string_equal(text, want);
	free(want);
	free(text);

	/* Reading the new text again recognises plancon's lines. */
	text = ssh_keyfile_text(&kf);
	ssh_keyfile_free(&kf);
	ssh_keyfile_parse(text, &kf);
	free(text);
	assert_int_equal(kf.n, 8);
	assert_string_equal(kf.lines[6].name, "li");
	assert_string_equal(kf.lines[6].key.comment, "li@laptop");
	assert_string_equal(kf.lines[7].name, "张三");

	/* Deleting them gives back the file as it was, byte for byte. */
	assert_int_equal(ssh_keyfile_del(&kf, "nobody"), 0);
	assert_int_equal(ssh_keyfile_del(&kf, "li"), 1);
	assert_int_equal(ssh_keyfile_del(&kf, "张三"), 1);
	text = ssh_keyfile_text(&kf);
	char *with_nl = cat(foreign, "\n");
	assert_string_equal(text, with_nl);
	free(with_nl);
	free(text);
	ssh_keyfile_free(&kf);
}

static void
test_keyfile_duplicates(void **state)
{
	(void)state;
	struct ssh_keyfile kf;
	ssh_keyfile_parse(foreign, &kf);
	add_key(&kf, "li", KEY_LI " li@laptop", ERR_OK, true, NULL);
	size_t n = kf.n;
	/* The same key again for li: nothing to do. */
	add_key(&kf, "li", KEY_LI " other comment", ERR_OK, false, NULL);
	/* li's key for wang: refused, naming li. */
	add_key(&kf, "wang", KEY_LI, ERR_CONFLICT, false, "already used by li");
	/* A key on a line plancon did not write. */
	add_key(&kf, "wang", KEY_OPS, ERR_CONFLICT, false, "line 3, which plancon did not write");
	assert_int_equal(kf.n, n);
	/* A second, different key for li is fine; del removes both. */
	add_key(&kf, "li", KEY_WANG, ERR_OK, true, NULL);
	assert_int_equal(ssh_keyfile_del(&kf, "li"), 2);
	assert_int_equal(kf.n, 6);
	ssh_keyfile_free(&kf);
}

static void
test_keyfile_bad_name_exe(void **state)
{
	(void)state;
	struct ssh_keyfile kf;
	struct ssh_pubkey k;
	struct error e;
	bool added = true;
	ssh_keyfile_parse("", &kf);
	assert_int_equal(ssh_pubkey_parse(KEY_LI, &k, &e), ERR_OK);
	assert_int_equal(ssh_keyfile_add(&kf, "li;id", EXE, &k, &added, &e), ERR_INVALID);
	assert_false(added);
	assert_non_null(strstr(e.msg, "cannot be a user name"));
	assert_int_equal(ssh_keyfile_add(&kf, "li", "plancon", &k, &added, &e), ERR_INVALID);
	assert_int_equal(ssh_keyfile_add(&kf, "li", "/opt/my plancon/plancon", &k, &added, &e), ERR_INVALID);
	assert_int_equal(ssh_keyfile_add(&kf, "li", "/opt/\"x/plancon", &k, &added, &e), ERR_INVALID);
	assert_int_equal(kf.n, 0);
	assert_int_equal(ssh_keyfile_add(&kf, "li", EXE, &k, &added, &e), ERR_OK);
	char *text = ssh_keyfile_text(&kf);
	assert_string_equal(text, "command=\"" EXE " --ssh-user li\",restrict,pty " KEY_LI "\n");
	free(text);
	ssh_pubkey_free(&k);
	ssh_keyfile_free(&kf);
}

static void
test_keyfile_recognise(void **state)
{
	(void)state;
	/* Lines plancon wrote, as an administrator may have edited them, are
	 * still plancon's; look-alikes are not. */
	static const char text[] =
		"command=\"/usr/bin/plancon --ssh-user zhang\",restrict,pty,from=\"10.1.0.0/16\" " KEY_LI " z\n"
		"restrict,command=\"/opt/plancon/bin/plancon --ssh-user wang\" " KEY_WANG "\n"
		"command=\"plancon --ssh-user rel\",restrict " KEY_OPS "\n"
		"command=\"/usr/bin/plancon --ssh-user a;id\",restrict " KEY_OPS "\n"
		"command=\"/usr/bin/plancon --ssh-user li --db /x\",restrict " KEY_OPS "\n"
		"xcommand=\"/usr/bin/plancon --ssh-user li\" " KEY_OPS "\n"
		"command=\"/usr/bin/plancon\\\" --ssh-user li\" " KEY_OPS "\n";
	struct ssh_keyfile kf;
	ssh_keyfile_parse(text, &kf);
	assert_int_equal(kf.n, 7);
	assert_string_equal(kf.lines[0].name, "zhang");
	assert_string_equal(kf.lines[0].key.type, "ssh-ed25519");
	assert_string_equal(kf.lines[1].name, "wang");
	for (size_t i = 2; i < 7; i++) {
		if (kf.lines[i].name)
			fail_msg("line %zu taken for plancon's (%s)", i + 1, kf.lines[i].name);
		assert_non_null(kf.lines[i].key.type);
	}
	assert_int_equal(ssh_keyfile_del(&kf, "li"), 0);
	char *again = ssh_keyfile_text(&kf);
	assert_string_equal(again, text);
	free(again);
	ssh_keyfile_free(&kf);
}

/* ---- the file ---------------------------------------------------------------------- */

static void
test_file_read(void **state)
{
	(void)state;
	char dir[] = "/tmp/plancon-ssh-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64], *text = NULL;
	snprintf(path, sizeof path, "%s/authorized_keys", dir);
	struct error e;

	assert_int_equal(ssh_file_read(path, &text, &e), ERR_OK);   /* missing reads as "" */
	assert_string_equal(text, "");
	free(text);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(foreign, f);
	fclose(f);
	assert_int_equal(ssh_file_read(path, &text, &e), ERR_OK);
	assert_string_equal(text, foreign);
	free(text);
	/* Not a regular file. */
	assert_int_equal(ssh_file_read(dir, &text, &e), ERR_IO);
	unlink(path);
	rmdir(dir);
}

/* ---- the access log ------------------------------------------------------------------ */

struct seen {
	int n;
	char who[2][32], client[2][32], command[2][64];
	bool ended[2];
	int status[2];
};

static int
seen_row(const struct access_row *r, void *ctx)
{
	struct seen *s = ctx;
	if (s->n < 2) {
		snprintf(s->who[s->n], sizeof s->who[0], "%s", r->who);
		snprintf(s->client[s->n], sizeof s->client[0], "%s", r->client);
		snprintf(s->command[s->n], sizeof s->command[0], "%s", r->command);
		s->ended[s->n] = r->ended;
		s->status[s->n] = r->status;
		assert_non_null(r->started_at);
		assert_true(r->ended ? r->ended_at != NULL : r->ended_at == NULL);
	}
	s->n++;
	return 0;
}

static void
test_access_log(void **state)
{
	(void)state;
	char dir[] = "/tmp/plancon-ssh-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/plan.db", dir);
	struct store *s;
	struct error e;
	assert_int_equal(store_open(&s, path, STORE_CREATE | STORE_EMPTY, &e), ERR_OK);

	long long a, b;
	assert_int_equal(store_access_start(s, "li", "127.0.0.1", "tasks --format csv", &a, &e), ERR_OK);
	assert_int_equal(store_access_start(s, "张三", NULL, NULL, &b, &e), ERR_OK);
	assert_true(b > a);
	assert_int_equal(store_access_end(s, a, 0, &e), ERR_OK);
	assert_int_equal(store_access_end(s, 9999, 0, &e), ERR_NOT_FOUND);

	struct seen seen = { 0 };
	assert_int_equal(store_access_each(s, NULL, seen_row, &seen, &e), ERR_OK);
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.who[0], "li");
	assert_string_equal(seen.client[0], "127.0.0.1");
	assert_string_equal(seen.command[0], "tasks --format csv");
	assert_true(seen.ended[0]);
	assert_int_equal(seen.status[0], 0);
	assert_string_equal(seen.who[1], "张三");
	assert_string_equal(seen.command[1], "");
	assert_false(seen.ended[1]);

	assert_int_equal(store_access_end(s, b, 1, &e), ERR_OK);
	memset(&seen, 0, sizeof seen);
	assert_int_equal(store_access_each(s, "张三", seen_row, &seen, &e), ERR_OK);
	assert_int_equal(seen.n, 1);
	assert_true(seen.ended[0]);
	assert_int_equal(seen.status[0], 1);

	store_close(s);
	char side[80];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_words),
		cmocka_unit_test(test_split_quoting),
		cmocka_unit_test(test_split_operators),
		cmocka_unit_test(test_split_empty),
		cmocka_unit_test(test_split_long),
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_pubkey_parse),
		cmocka_unit_test(test_pubkey_malformed),
		cmocka_unit_test(test_keyfile_foreign_kept),
		cmocka_unit_test(test_keyfile_duplicates),
		cmocka_unit_test(test_keyfile_bad_name_exe),
		cmocka_unit_test(test_keyfile_recognise),
		cmocka_unit_test(test_file_read),
		cmocka_unit_test(test_access_log),
	};
	return cmocka_run_group_tests_name("ssh", tests, NULL, NULL);
}
