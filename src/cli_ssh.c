/* cli_ssh: staff over SSH. "plancon key add|list|del|log" maintain the
 * gateway account's authorized_keys; cli_ssh_session runs the forced
 * command "plancon --ssh-user NAME" that each key line names (the session
 * checks that this process may claim NAME: session.c).
 *
 * The key commands read, change and replace authorized_keys under an
 * exclusive lock on its directory, so two administrators adding keys at
 * the same moment cannot lose one of them. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plancon/auth.h"
#include "plancon/i18n.h"
#include "plancon/input.h"
#include "plancon/cli.h"
#include "plancon/i18n.h"
#include "plancon/output.h"
#include "plancon/ssh.h"
#include "plancon/store_users.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum { PUBKEY_MAX = 64 * 1024, KEY_TAIL = 12 };

/* A table column: CSV and JSON name it by its key, text by its header. */
static void
col(struct table *t, int fmt, const char *key, const char *header, unsigned flags, int max)
{
	table_col(t, key, fmt == FMT_TEXT ? _(header) : key, flags, max);
}

/* ---- where the file is -------------------------------------------------------- */

struct keyfile_place {
	char *path;
	uid_t uid;                 /* owner for a new file: the gateway account, or -1 */
	gid_t gid;
};

/* The authorized_keys file: [ssh] authorized_keys, or the gateway
 * account's ~/.ssh/authorized_keys. */
static int
keyfile_place(struct cli *c, struct keyfile_place *kp)
{
	const char *gw = c->session->cfg.gateway_account;
	struct passwd *pw = gw ? getpwnam(gw) : NULL;
	kp->uid = pw ? pw->pw_uid : (uid_t)-1;
	kp->gid = pw ? pw->pw_gid : (gid_t)-1;
	kp->path = NULL;
	if (c->session->cfg.authorized_keys) {
		kp->path = xstrdup(c->session->cfg.authorized_keys);
		return 0;
	}
	if (!gw)
		return cli_fail(c, ERR_CONFIG, _("no authorized_keys file to manage: set [ssh] gateway_account "
		                "(or [ssh] authorized_keys) in plancon.ini; see plancon-ssh(7)"));
	if (!pw)
		return cli_fail(c, ERR_CONFIG, _("[ssh] gateway_account: there is no account \"%s\" on this "
		                "machine; create it first (see plancon-ssh(7))"), gw);
	kp->path = xasprintf("%s/.ssh/authorized_keys", pw->pw_dir);
	return 0;
}

/* Lock the file's directory (creating it, mode 0700, when missing and
 * create is true) for the whole read-change-write; returns the locked fd,
 * -2 when there is no directory to read, or -1 after a message. */
static int
keyfile_lock(struct cli *c, const struct keyfile_place *kp, bool create)
{
	if (!kp->path)
		return -1;
	struct error e;
	struct stat st;
	int fd = output_lock_dir(kp->path, create, kp->uid, kp->gid, &e);
	if (fd == -1)
		cli_error(c, &e);
	if (fd >= 0 && lstat(kp->path, &st) == 0 && S_ISLNK(st.st_mode)) {
		cli_fail(c, ERR_REFUSED, _("%s is a symbolic link; name the file it points to in [ssh] authorized_keys"),
		         kp->path);
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Replace the file with text (under the lock): mode 0600 when new, owned
 * by the gateway account. */
static enum err_code
keyfile_write(const struct keyfile_place *kp, const char *text, struct error *e)
{
	struct output *o;
	enum err_code c = output_open(&o, kp->path, OUTPUT_PRIVATE | OUTPUT_NO_STDOUT, e);
	if (c)
		return c;
	output_set_owner(o, kp->uid, kp->gid);
	if (fputs(text, output_stream(o)) == EOF) {
		c = err_set(e, ERR_IO, _("%s: cannot write: %s"), kp->path, strerror(errno ? errno : EIO));
		output_abort(o);
		return c;
	}
	return output_commit(o, e);
}

/* ---- who may -------------------------------------------------------------------- */

/* 0 when the acting user is an admin, else an exit status after a message. */
static int
need_admin(struct cli *c)
{
	struct error e;
	err_clear(&e);
	return auth_check(&c->session->id, ACT_ADMIN, NULL, &e) ? cli_error(c, &e) : 0;
}

/* ---- key add -------------------------------------------------------------------- */

/* The text of the public key file (malloc'd), or NULL after a message,
 * with the exit status in *status: 1 when it cannot be opened or read,
 * 2 when what it holds cannot be a public key (as for a malformed one). */
static char *
pubkey_read(struct cli *c, const char *file, int *status)
{
	struct error e;
	err_clear(&e);
	char *buf = NULL;
	size_t n = 0;
	if (input_read_file(file, PUBKEY_MAX, INPUT_STDIN, _("a public key"), &buf, &n, &e)) {
		*status = cli_error(c, &e);
		return NULL;
	}
	if (memchr(buf, '\0', n)) {
		*status = cli_fail(c, ERR_INVALID, "%s: %s", file, _("not a public key (it holds NUL bytes)"));
		free(buf);
		return NULL;
	}
	return buf;
}

/* The absolute path of this program, for the forced command. */
static char *
self_path(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

static int
key_add(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage_error(c, cmd, argc < 3 ? _("key add needs a user name and a public key file") :
		                       _("unexpected argument \"%s\""), argc > 3 ? argv[3] : "");
	const char *name = argv[1];
	struct error e;
	err_clear(&e);
	struct identity id;
	enum err_code rc = store_identity_load(c->store, name, &id, &e);
	bool known = rc == ERR_OK && id.known;
	identity_free(&id);
	if (rc)
		return cli_error(c, &e);
	if (!known)
		return cli_fail(c, ERR_NOT_FOUND, _("%s is not a plancon user; add them first with "
		                "'plancon user add %s --role ROLE'"), name, name);

	int status;
	char *text = pubkey_read(c, argv[2], &status);
	if (!text)
		return status;
	struct ssh_pubkey k;
	rc = ssh_pubkey_parse(text, &k, &e);
	free(text);
	if (rc)
		return cli_fail(c, rc, "%s: %s", argv[2], e.msg);

	struct keyfile_place kp;
	char *exe = self_path();
	int r = keyfile_place(c, &kp);
	if (!r && !exe)
		r = cli_fail(c, ERR_IO, _("cannot find the path of this program (/proc/self/exe) for the forced command"));
	int lock = r ? -1 : keyfile_lock(c, &kp, true);
	if (!r && lock < 0)
		r = 1;
	char *old = NULL;
	if (!r && ssh_file_read(kp.path, &old, &e))
		r = cli_error(c, &e);
	if (!r) {
		struct ssh_keyfile kf;
		bool added = false;
		ssh_keyfile_parse(old, &kf);
		if (ssh_keyfile_add(&kf, name, exe, &k, &added, &e)) {
			r = cli_fail(c, e.code, "%s: %s", kp.path, e.msg);
		} else if (!added) {
			fprintf(c->out, _("%s already has this %s key in %s; nothing changed\n"), name, k.type, kp.path);
		} else {
			char *now = ssh_keyfile_text(&kf);
			if (keyfile_write(&kp, now, &e))
				r = cli_error(c, &e);
			else
				fprintf(c->out, _("added a %s key for %s to %s\n"), k.type, name, kp.path);
			free(now);
		}
		ssh_keyfile_free(&kf);
	}
	if (lock >= 0)
		close(lock);
	free(old);
	free(exe);
	free(kp.path);
	ssh_pubkey_free(&k);
	return r;
}

/* ---- key list, key del ---------------------------------------------------------- */

/* Read and parse the file under its lock; returns 0 or an exit status. */
static int
keyfile_load(struct cli *c, struct keyfile_place *kp, int *lock, struct ssh_keyfile *kf)
{
	struct error e;
	char *text = NULL;
	*lock = -1;
	memset(kf, 0, sizeof *kf);
	int r = keyfile_place(c, kp);
	if (!r && (*lock = keyfile_lock(c, kp, false)) == -1)
		r = 1;
	if (!r && *lock == -2)
		text = xstrdup("");             /* no directory: no keys */
	else if (!r && ssh_file_read(kp->path, &text, &e))
		r = cli_error(c, &e);
	if (!r)
		ssh_keyfile_parse(text, kf);
	free(text);
	return r;
}

static int
key_list(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option opts[] = { { "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	int fmt = FMT_TEXT, ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (ch != 'f')
			return cli_bad_option(c, cmd, argc, argv);
		if ((r = cli_format(c, cmd, optarg, CLI_TABLE_FORMATS, &fmt)))
			return r;
	}
	if ((r = cli_no_operand(c, cmd, argc, argv, optind)))
		return r;

	struct keyfile_place kp;
	struct ssh_keyfile kf;
	int lock;
	r = keyfile_load(c, &kp, &lock, &kf);
	if (lock >= 0)
		close(lock);
	if (r) {
		free(kp.path);
		return r;
	}
	struct table *t = table_new();
	col(t, fmt, "user", N_("User"), 0, 0);
	col(t, fmt, "type", N_("Type"), 0, 0);
	col(t, fmt, "key", N_("Key"), 0, 0);
	col(t, fmt, "comment", N_("Comment"), TABLE_SHRINK, 40);
	col(t, fmt, "line", N_("Line"), TABLE_NUMBER | TABLE_RIGHT, 0);
	size_t other = 0;
	for (size_t i = 0; i < kf.n; i++) {
		const struct ssh_line *l = &kf.lines[i];
		if (!l->name) {
			other += l->key.type != NULL;
			continue;
		}
		table_row(t);
		table_cell(t, l->name);
		table_cell(t, l->key.type);
		size_t n = l->key.blob ? strlen(l->key.blob) : 0;
		table_cellf(t, "...%s", n > KEY_TAIL ? l->key.blob + n - KEY_TAIL : l->key.blob ? l->key.blob : "");
		table_cell(t, l->key.comment);
		table_cellf(t, "%zu", i + 1);
	}
	if (fmt == FMT_TEXT && table_rows(t) == 0)
		fprintf(c->out, _("no plancon keys in %s\n"), kp.path);
	else
		table_print(t, c->out, fmt, cli_width(c), false);
	if (fmt == FMT_TEXT && other)
		fprintf(c->out, ngettext("(%zu other key in %s, not written by plancon)\n",
		                         "(%zu other keys in %s, not written by plancon)\n", (unsigned long)other),
		        other, kp.path);
	table_free(t);
	ssh_keyfile_free(&kf);
	free(kp.path);
	return 0;
}

static int
key_del(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(c, cmd, argc < 2 ? _("key del needs a user name") : _("unexpected argument \"%s\""),
		                       argc > 2 ? argv[2] : "");
	const char *name = argv[1];
	struct keyfile_place kp;
	struct ssh_keyfile kf;
	struct error e;
	int lock, r = keyfile_load(c, &kp, &lock, &kf);
	if (!r) {
		size_t n = ssh_keyfile_del(&kf, name);
		char *shown = text_sanitize(name);
		if (n == 0) {
			r = cli_fail(c, ERR_NOT_FOUND, _("%s has no key in %s"), shown, kp.path);
		} else {
			char *now = ssh_keyfile_text(&kf);
			if (keyfile_write(&kp, now, &e))
				r = cli_error(c, &e);
			else
				fprintf(c->out, ngettext("removed %zu key of %s from %s\n", "removed %zu keys of %s from %s\n",
				                         (unsigned long)n), n, shown, kp.path);
			free(now);
		}
		free(shown);
	}
	if (lock >= 0)
		close(lock);
	ssh_keyfile_free(&kf);
	free(kp.path);
	return r;
}

/* ---- key log ---------------------------------------------------------------------- */

static int
access_row(const struct access_row *a, void *ctx)
{
	struct table *t = ctx;
	table_row(t);
	table_cellf(t, "%lld", a->session);
	table_cell(t, a->started_at);
	table_cell(t, a->ended_at);
	table_cell(t, a->who);
	table_cell(t, a->client);
	table_cell(t, a->command);
	if (a->ended)
		table_cellf(t, "%d", a->status);
	else
		table_cell(t, NULL);
	return 0;
}

static int
key_log(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
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
	if (argc - optind > 1)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[optind + 1]);
	struct table *t = table_new();
	col(t, fmt, "session", N_("Session"), TABLE_NUMBER | TABLE_RIGHT, 0);
	col(t, fmt, "started", N_("Started"), 0, 0);
	col(t, fmt, "ended", N_("Ended"), 0, 0);
	col(t, fmt, "user", N_("User"), 0, 0);
	col(t, fmt, "from", N_("From"), 0, 0);
	col(t, fmt, "command", N_("Command"), TABLE_SHRINK, 0);
	col(t, fmt, "status", N_("Exit"), TABLE_NUMBER | TABLE_RIGHT, 0);
	struct error e;
	err_clear(&e);
	if (store_access_each(c->store, optind < argc ? argv[optind] : NULL, access_row, t, &e)) {
		table_free(t);
		return cli_error(c, &e);
	}
	table_print(t, c->out, fmt, cli_width(c), false);
	table_free(t);
	return 0;
}

int
cli_key(struct cli *c, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct cli *, const struct cli_command *, int, char **);
	} subs[] = {
		{ "add", key_add }, { "list", key_list }, { "del", key_del }, { "log", key_log },
	};
	const struct cli_command *cmd = cli_find("key");
	if (argc < 2)
		return cli_usage_error(c, cmd, _("key needs a subcommand: add, list, del or log"));
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		if (strcmp(argv[1], subs[i].name))
			continue;
		int r = need_admin(c);
		return r ? r : subs[i].run(c, cmd, argc - 1, argv + 1);
	}
	char *shown = text_trunc(argv[1], 40);
	int r = cli_usage_error(c, cmd, _("unknown subcommand \"%s\" (expected add, list, del or log)"), shown);
	free(shown);
	return r;
}

/* ---- the forced command ------------------------------------------------------------- */

/* The address part of SSH_CLIENT ("ADDRESS PORT LOCALPORT"), malloc'd. */
static char *
client_address(void)
{
	const char *v = getenv("SSH_CLIENT");
	if (!v)
		return xstrdup("");
	return xstrndup(v, strcspn(v, " "));
}

/* Is the acting identity an administrator? */
static bool
is_admin(const struct cli *c)
{
	struct error e;
	return c->session->id.known && auth_check(&c->session->id, ACT_ADMIN, NULL, &e) == ERR_OK;
}

int
cli_ssh_session(struct cli *c, cli_run_fn *run)
{
	const char *line = getenv("SSH_ORIGINAL_COMMAND");
	char *client = client_address(), **words = NULL;
	struct error e;
	long long session = 0;
	int argc = 0, r;

	err_clear(&e);
	/* What cannot be recorded is not run: a session starts only once the
	 * access log has it. The user is told; the second line says why, for
	 * the administrator they tell. */
	if (store_access_start(c->store, c->session->user, client, line, &session, &e)) {
		r = cli_fail(c, ERR_REFUSED, _("refused: this session cannot be recorded in the access log, so "
		             "nothing was run; please tell the administrator"));
		cli_message(c->err, _("plancon: access log: %s\n"), e.msg);
		free(client);
		return r;
	}
	if (line && ssh_split(line, &words, &argc, &e)) {
		r = cli_error(c, &e);
	} else {
		char **argv = words;
		/* "ssh plan@server plancon tasks" means "tasks". */
		if (argc > 0 && !strcmp(argv[0], "plancon"))
			argv++, argc--;
		const struct cli_command *cmd = argc > 0 ? cli_find(argv[0]) : NULL;
		if (ssh_allowed(argc, argv, is_admin(c), &e))
			r = cli_error(c, &e);
		else if (argc > 0 && !cmd)
			r = cli_fail(c, ERR_USAGE, _("unknown command \"%s\""), argv[0]);
		else {
			static char prog[] = "plancon";
			char *none[] = { prog, NULL };
			r = run(c, cmd, argc, argc > 0 ? argv : none);
		}
	}
	fflush(c->out);
	err_clear(&e);
	if (store_access_end(c->store, session, r, &e))
		cli_message(c->err, _("plancon: warning: the end of this session is not in the access log: %s\n"), e.msg);
	ssh_words_free(words);
	free(client);
	return r;
}
