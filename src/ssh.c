/* ssh: the gateway's gatekeeping, as pure functions over text, plus the
 * atomic rewrite of authorized_keys.
 *
 * The command a client asks for is only ever split into words here and
 * looked up in plancon's own command table: it never reaches a shell. The
 * splitter is deliberately stricter than a shell: rather than guess what
 * "tasks; id" or "$(...)" was meant to do, it refuses the whole command.
 *
 * authorized_keys is shared with whoever else maintains the account, so a
 * line plancon did not write is kept byte for byte (output.h replaces the
 * file by rename, so that sshd never reads half of it). */
#include "plancon/ssh.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/auth.h"
#include "plancon/i18n.h"
#include "plancon/input.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum { NAME_MAX_BYTES = 64, KEYFILE_MAX = 1024 * 1024, SHOWN_COLS = 40 };

/* ---- splitting a command ----------------------------------------------------- */

static const char *
operator_name(char ch)
{
	switch (ch) {
	case '\n': return _("a line break");
	case '$': return _("\"$\" (expansion)");
	case '`': return _("\"`\" (command substitution)");
	case ';': return "\";\"";
	case '|': return "\"|\"";
	case '&': return "\"&\"";
	case '<': return "\"<\"";
	case '>': return "\">\"";
	case '(': return "\"(\"";
	case ')': return "\")\"";
	default: return _("a shell operator");
	}
}

static void
words_push(char ***words, size_t *n, size_t *cap, const char *buf, size_t len)
{
	if (*n + 2 > *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*words = xrealloc(*words, *cap * sizeof **words);
	}
	(*words)[(*n)++] = xstrndup(buf, len);
	(*words)[*n] = NULL;
}

enum err_code
ssh_split(const char *cmd, char ***argv_out, int *argc_out, struct error *e)
{
	*argv_out = NULL;
	*argc_out = 0;
	size_t len = strlen(cmd);
	if (len > SSH_COMMAND_MAX)
		return err_set(e, ERR_REFUSED, _("refused: the command is longer than %d bytes"), SSH_COMMAND_MAX);

	char **words = NULL, *buf = xmalloc(len + 1);
	size_t n = 0, cap = 0, b = 0;
	bool inword = false;
	const char *p = cmd, *why = NULL;
	char bad = 0;

	while (!why && !bad) {
		char ch = *p;
		if (ch == '\0' || ch == ' ' || ch == '\t') {
			if (inword)
				words_push(&words, &n, &cap, buf, b);
			b = 0;
			inword = false;
			if (!ch)
				break;
			p++;
		} else if (ch == '\'') {
			const char *q = strchr(p + 1, '\'');
			if (!q) {
				why = _("a quote ' is not closed");
				break;
			}
			memcpy(buf + b, p + 1, (size_t)(q - p - 1));
			b += (size_t)(q - p - 1);
			inword = true;
			p = q + 1;
		} else if (ch == '"') {
			/* As in a shell, a backslash here only escapes $ ` " \ and
			 * a line break; nothing in it is expanded. */
			inword = true;
			for (p++; *p != '"'; p++) {
				if (!*p) {
					why = _("a quote \" is not closed");
					break;
				}
				if (*p == '\\' && p[1] && strchr("$`\"\\\n", p[1])) {
					p++;
					if (*p == '\n')
						continue;
				}
				buf[b++] = *p;
			}
			if (*p)
				p++;
		} else if (ch == '\\') {
			if (!p[1]) {
				why = _("it ends in a backslash");
				break;
			}
			if (p[1] != '\n') {
				buf[b++] = p[1];
				inword = true;
			}
			p += 2;
		} else if (strchr(";|&$`<>()\n", ch)) {
			bad = ch;
		} else {
			buf[b++] = ch;
			inword = true;
			p++;
		}
	}
	free(buf);
	if (why || bad) {
		ssh_words_free(words);
		if (bad)
			return err_set(e, ERR_REFUSED, _("refused: the command contains %s; over SSH plancon runs "
			               "one plancon command, without a shell"), operator_name(bad));
		return err_set(e, ERR_REFUSED, _("refused: cannot read the command: %s"), why);
	}
	if (!words)
		words = xcalloc(1, sizeof *words);
	*argv_out = words;
	*argc_out = (int)n;
	return ERR_OK;
}

void
ssh_words_free(char **argv)
{
	if (!argv)
		return;
	for (char **w = argv; *w; w++)
		free(*w);
	free(argv);
}

/* ---- the allow-list ------------------------------------------------------------ */

const char *const ssh_allowed_commands[] = {
	"chapters", "tasks", "show", "depts", "indicators", "log", "report", "late", "summary",
	"set", "note", "milestone",
	/* the supervision cycle: */
	"submit", "input", "review", "verify", "reopen",
	"extension", "remind", "todo", "periods",
	"evidence", "rank",
	NULL
};

static char *
allowed_list(void)
{
	size_t len = 1;
	for (const char *const *c = ssh_allowed_commands; *c; c++)
		len += strlen(*c) + 2;
	char *s = xmalloc(len);
	s[0] = '\0';
	for (const char *const *c = ssh_allowed_commands; *c; c++) {
		if (c != ssh_allowed_commands)
			strcat(s, ", ");
		strcat(s, *c);
	}
	return s;
}

/* The allowed commands run with the gateway account's rights, so none of
 * them may read a file of the server's on a client's behalf (and none
 * writes one: output.h refuses every file once the session is known to
 * have come over SSH). */
static enum err_code
args_allowed(int argc, char *const argv[], struct error *e)
{
	if (!strcmp(argv[0], "key") && argc >= 4 && !strcmp(argv[1], "add") && strcmp(argv[3], "-"))
		return err_set(e, ERR_REFUSED, _("refused: over SSH, key add reads the key from standard input: "
		               "ssh ... key add NAME - < FILE.pub"));
	return ERR_OK;
}

enum err_code
ssh_allowed(int argc, char *const argv[], bool admin, struct error *e)
{
	if (argc <= 0)
		return ERR_OK;
	const char *w = argv[0];
	for (const char *const *c = ssh_allowed_commands; *c; c++)
		if (!strcmp(w, *c))
			return args_allowed(argc, argv, e);
	if (!strcmp(w, "key")) {
		if (admin)
			return args_allowed(argc, argv, e);
		return err_set(e, ERR_REFUSED, _("refused: only an administrator may manage SSH keys"));
	}
	char *list = allowed_list(), *shown = text_trunc(w, SHOWN_COLS);
	if (w[0] == '-')
		err_set(e, ERR_REFUSED, _("refused: \"%s\": options of plancon itself cannot be given over SSH; "
		        "give a command (%s) or nothing, for the console"), shown, list);
	else
		err_set(e, ERR_REFUSED, _("refused: \"%s\" is not a plancon command you can run over SSH; "
		        "you can run %s, or nothing, for the console"), shown, list);
	free(shown);
	free(list);
	return ERR_REFUSED;
}

/* ---- public keys --------------------------------------------------------------- */

static const char *const key_types[] = {
	"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
	"sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", NULL
};

static bool
key_type_known(const char *t, size_t n)
{
	for (const char *const *k = key_types; *k; k++)
		if (strlen(*k) == n && !memcmp(*k, t, n))
			return true;
	return false;
}

static int
b64_value(char c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+') return 62;
	if (c == '/') return 63;
	return -1;
}

/* Strict base64 (padded, no line breaks) into a malloc'd buffer; NULL when
 * s is not base64. */
static unsigned char *
b64_decode(const char *s, size_t n, size_t *outlen)
{
	if (n == 0 || n % 4)
		return NULL;
	size_t pad = s[n - 1] == '=' ? (s[n - 2] == '=' ? 2 : 1) : 0;
	unsigned char *out = xmalloc(n / 4 * 3);
	size_t o = 0;
	for (size_t i = 0; i < n; i += 4) {
		uint32_t v = 0;
		for (size_t j = 0; j < 4; j++) {
			int d = b64_value(s[i + j]);
			if (d < 0 && !(s[i + j] == '=' && i + j >= n - pad)) {
				free(out);
				return NULL;
			}
			v = v << 6 | (uint32_t)(d < 0 ? 0 : d);
		}
		out[o++] = (unsigned char)(v >> 16);
		out[o++] = (unsigned char)(v >> 8);
		out[o++] = (unsigned char)v;
	}
	*outlen = o - pad;
	return out;
}

/* Does blob (base64) decode to an SSH key of type type: a 32-bit
 * big-endian length, the type's name, and key material after it? */
static bool
blob_matches(const char *blob, size_t bn, const char *type, size_t tn)
{
	size_t len = 0;
	unsigned char *d = b64_decode(blob, bn, &len);
	bool ok = d && len > 4 + tn + 4 &&
	          ((uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 | (uint32_t)d[2] << 8 | d[3]) == tn &&
	          !memcmp(d + 4, type, tn);
	free(d);
	return ok;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The next whitespace-separated token of *p: its start and length. */
static size_t
token(const char **p, const char **start)
{
	while (is_space(**p))
		(*p)++;
	*start = *p;
	while (**p && **p != '\n' && !is_space(**p))
		(*p)++;
	return (size_t)(*p - *start);
}

/* The comment: the rest of the line, trimmed, controls replaced. */
static char *
comment_copy(const char *p)
{
	while (is_space(*p))
		p++;
	size_t n = strcspn(p, "\n");
	while (n > 0 && is_space(p[n - 1]))
		n--;
	if (n == 0)
		return NULL;
	char *c = xstrndup(p, n);
	for (char *q = c; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			*q = '?';
	return c;
}

enum err_code
ssh_pubkey_parse(const char *text, struct ssh_pubkey *k, struct error *e)
{
	memset(k, 0, sizeof *k);
	const char *p = text;
	while (is_space(*p) || *p == '\n')
		p++;
	if (!strncmp(p, "-----BEGIN", 10) && strstr(p, "PRIVATE KEY"))
		return err_set(e, ERR_INVALID, _("this is a private key: give the public one (the .pub file), "
		               "and keep the private key where it was"));
	if (!strncmp(p, "---- BEGIN SSH2 PUBLIC KEY", 26))
		return err_set(e, ERR_INVALID, _("this key is in RFC 4716 format; convert it with "
		               "'ssh-keygen -i -f FILE' and give the result"));
	if (!*p)
		return err_set(e, ERR_INVALID, _("no key: the file is empty"));
	const char *type, *blob;
	size_t tn = token(&p, &type), bn = token(&p, &blob);
	const char *rest = p + strcspn(p, "\n");
	for (const char *q = rest; *q; q++)
		if (!is_space(*q) && *q != '\n')
			return err_set(e, ERR_INVALID, _("more than one line: give one public key, as in a .pub file"));
	char *typecopy = xstrndup(type, tn), *shown = text_trunc(typecopy, SHOWN_COLS);
	enum err_code rc = ERR_OK;
	free(typecopy);
	if (tn == 7 && !memcmp(type, "ssh-dss", 7))
		rc = err_set(e, ERR_INVALID, _("a DSA key (ssh-dss): OpenSSH no longer accepts these; "
		             "make an ed25519 key with 'ssh-keygen -t ed25519'"));
	else if (!key_type_known(type, tn))
		rc = err_set(e, ERR_INVALID, _("not a public key: it starts with \"%s\", not a key type such as "
		             "ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256"), shown);
	else if (bn == 0)
		rc = err_set(e, ERR_INVALID, _("a %s key with no key data after the type"), shown);
	else if (!blob_matches(blob, bn, type, tn))
		rc = err_set(e, ERR_INVALID, _("a damaged %s key: its data is not base64 of a %s key "
		             "(was it cut or changed when copied?)"), shown, shown);
	free(shown);
	if (rc)
		return rc;
	k->type = xstrndup(type, tn);
	k->blob = xstrndup(blob, bn);
	k->comment = comment_copy(p);
	return ERR_OK;
}

void
ssh_pubkey_free(struct ssh_pubkey *k)
{
	if (!k)
		return;
	free(k->type);
	free(k->blob);
	free(k->comment);
	memset(k, 0, sizeof *k);
}

/* ---- authorized_keys -------------------------------------------------------------- */

/* The end of an options field starting at p (sshd's rule: up to the first
 * space or tab outside double quotes, where \" does not end the quote). */
static const char *
options_end(const char *p)
{
	bool quoted = false;
	for (; *p && (quoted || !is_space(*p)); p++) {
		if (*p == '\\' && quoted && p[1] == '"')
			p++;
		else if (*p == '"')
			quoted = !quoted;
	}
	return p;
}

/* The NAME of command="/ABS/PATH --ssh-user NAME" in options [p, end), or
 * NULL when the options hold no such command. */
static char *
plancon_name(const char *p, const char *end)
{
	static const char key[] = "command=\"";
	for (const char *o = p; o < end; o++) {
		if ((o != p && o[-1] != ',') || (size_t)(end - o) < sizeof key - 1 ||
		    strncmp(o, key, sizeof key - 1))
			continue;
		const char *cmd = o + sizeof key - 1, *q = cmd;
		while (q < end && *q != '"' && *q != '\\')
			q++;
		if (q >= end || *q != '"' || *cmd != '/')
			return NULL;
		const char *sp = memchr(cmd, ' ', (size_t)(q - cmd));
		static const char opt[] = " --ssh-user ";
		if (!sp || (size_t)(q - sp) <= sizeof opt - 1 || strncmp(sp, opt, sizeof opt - 1))
			return NULL;
		char *name = xstrndup(sp + sizeof opt - 1, (size_t)(q - sp) - (sizeof opt - 1));
		if (auth_name_valid(name))
			return name;
		free(name);
		return NULL;
	}
	return NULL;
}

static void
line_parse(struct ssh_line *l)
{
	const char *p = l->text;
	while (is_space(*p))
		p++;
	if (!*p || *p == '#')
		return;
	const char *type, *blob, *probe = p;
	size_t tn = token(&probe, &type);
	if (!key_type_known(type, tn)) {
		const char *end = options_end(p);
		l->name = plancon_name(p, end);
		p = end;
	}
	tn = token(&p, &type);
	size_t bn = token(&p, &blob);
	if (!key_type_known(type, tn) || bn == 0)
		return;
	l->key.type = xstrndup(type, tn);
	l->key.blob = xstrndup(blob, bn);
	l->key.comment = comment_copy(p);
}

void
ssh_keyfile_parse(const char *text, struct ssh_keyfile *kf)
{
	memset(kf, 0, sizeof *kf);
	size_t cap = 0;
	const char *p = text;
	while (*p) {
		size_t n = strcspn(p, "\n");
		if (kf->n == cap) {
			cap = cap ? cap * 2 : 16;
			kf->lines = xrealloc(kf->lines, cap * sizeof *kf->lines);
		}
		struct ssh_line *l = &kf->lines[kf->n++];
		memset(l, 0, sizeof *l);
		l->text = xstrndup(p, n);
		line_parse(l);
		p += n;
		if (*p)
			p++;
	}
	kf->final_newline = !*text || text[strlen(text) - 1] == '\n';
}

static bool
exe_valid(const char *exe)
{
	if (exe[0] != '/')
		return false;
	for (const char *p = exe; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._+-", *p))
			return false;
	return true;
}

enum err_code
ssh_keyfile_add(struct ssh_keyfile *kf, const char *name, const char *exe,
                const struct ssh_pubkey *k, bool *added, struct error *e)
{
	*added = false;
	if (!auth_name_valid(name)) {
		char *shown = text_trunc(name, SHOWN_COLS);
		err_set(e, ERR_INVALID, _("\"%s\" cannot be a user name for SSH: use letters, digits, '.', '_' "
		        "or '-', not starting with '-', at most %d bytes"), shown, NAME_MAX_BYTES);
		free(shown);
		return ERR_INVALID;
	}
	if (!exe_valid(exe))
		return err_set(e, ERR_INVALID, _("the path of plancon (%s) is not absolute or holds characters "
		               "that cannot go into a forced command; install plancon under a plain path"), exe);
	for (size_t i = 0; i < kf->n; i++) {
		const struct ssh_line *l = &kf->lines[i];
		if (!l->key.type || strcmp(l->key.blob, k->blob))
			continue;
		if (l->name && !strcmp(l->name, name))
			return ERR_OK;
		if (l->name)
			return err_set(e, ERR_CONFLICT, _("this key is already used by %s (line %zu); each person "
			               "needs a key of their own"), l->name, i + 1);
		return err_set(e, ERR_CONFLICT, _("this key is already on line %zu, which plancon did not write; "
		               "remove it there first if it should be %s's"), i + 1, name);
	}
	char *line = xasprintf("command=\"%s --ssh-user %s\",restrict,pty %s %s%s%s", exe, name, k->type,
	                       k->blob, k->comment ? " " : "", k->comment ? k->comment : "");
	kf->lines = xrealloc(kf->lines, (kf->n + 1) * sizeof *kf->lines);
	struct ssh_line *l = &kf->lines[kf->n++];
	memset(l, 0, sizeof *l);
	l->text = line;
	line_parse(l);
	kf->final_newline = true;
	*added = true;
	return ERR_OK;
}

static void
line_free(struct ssh_line *l)
{
	free(l->text);
	free(l->name);
	ssh_pubkey_free(&l->key);
}

size_t
ssh_keyfile_del(struct ssh_keyfile *kf, const char *name)
{
	size_t o = 0, removed = 0;
	for (size_t i = 0; i < kf->n; i++) {
		if (kf->lines[i].name && !strcmp(kf->lines[i].name, name)) {
			line_free(&kf->lines[i]);
			removed++;
		} else {
			kf->lines[o++] = kf->lines[i];
		}
	}
	kf->n = o;
	return removed;
}

char *
ssh_keyfile_text(const struct ssh_keyfile *kf)
{
	size_t len = 1;
	for (size_t i = 0; i < kf->n; i++)
		len += strlen(kf->lines[i].text) + 1;
	char *s = xmalloc(len), *o = s;
	for (size_t i = 0; i < kf->n; i++) {
		size_t n = strlen(kf->lines[i].text);
		memcpy(o, kf->lines[i].text, n);
		o += n;
		if (i + 1 < kf->n || kf->final_newline)
			*o++ = '\n';
	}
	*o = '\0';
	return s;
}

void
ssh_keyfile_free(struct ssh_keyfile *kf)
{
	if (!kf)
		return;
	for (size_t i = 0; i < kf->n; i++)
		line_free(&kf->lines[i]);
	free(kf->lines);
	memset(kf, 0, sizeof *kf);
}

/* ---- the file -------------------------------------------------------------------- */

enum err_code
ssh_file_read(const char *path, char **text, struct error *e)
{
	*text = NULL;
	size_t n = 0;
	enum err_code c = input_read_file(path, KEYFILE_MAX, 0, NULL, text, &n, e);
	if (c == ERR_NOT_FOUND) {
		*text = xstrdup("");
		return ERR_OK;
	}
	if (c)
		return e->code = ERR_IO;   /* a file plancon cannot use: not the input's fault */
	if (strlen(*text) != n) {
		free(*text);
		*text = NULL;
		return err_set(e, ERR_IO, _("%s: contains a NUL byte; not an authorized_keys file"), path);
	}
	return ERR_OK;
}

