/* cli_evidence: plancon evidence add|get|list, and the evidence lines of
 * show. A file comes in on standard input and goes out on standard output
 * only: no command of these takes a path, so over SSH nothing on the
 * server is read or written but the database (plancon(1), SUPERVISION,
 * Evidence). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plancon/cli.h"
#include "plancon/i18n.h"
#include "plancon/model.h"
#include "plancon/store_evidence.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

/* Standard input, up to max + 1 bytes (one more than allowed, to tell a
 * file over the limit without reading all of it). 0, or an exit status. */
static int
read_input(struct cli *c, long max, unsigned char **data, size_t *len)
{
	size_t cap = (size_t)64 * 1024, want = (size_t)max + 1;
	*data = xmalloc(cap);
	*len = 0;
	while (*len < want) {
		if (*len == cap) {
			cap = cap * 2 < want ? cap * 2 : want;
			*data = xrealloc(*data, cap);
		}
		size_t room = cap - *len < want - *len ? cap - *len : want - *len;
		ssize_t n = read(STDIN_FILENO, *data + *len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return cli_fail(c, ERR_IO, _("evidence: reading standard input: %s"), strerror(errno));
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	return 0;
}

static int
evidence_add(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' }, { "period", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 } };
	struct evidence_add a = { .as_of = c->as_of };
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'n': a.name = optarg; break;
		case 'p': a.period = optarg; break;
		default: return cli_bad_option(c, cmd, argc, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error(c, cmd, _("which task? give its code"));
	if (optind + 1 < argc)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\": the file comes on standard input "
		                       "(evidence add CODE --name NAME < FILE)"), argv[optind + 1]);
	if (!a.name)
		return cli_usage_error(c, cmd, _("--name is required: the file's name, as the office will see it"));
	if (isatty(STDIN_FILENO))
		return cli_usage_error(c, cmd, _("the file comes on standard input: evidence add CODE --name NAME < FILE"));
	a.code = argv[optind];
	struct cycle_settings cs = session_cycle(c->session);
	struct error e;
	err_clear(&e);
	/* The name and the cycle first: a refused file is not read at all. */
	if (store_evidence_name_check(a.name, &e))
		return cli_error(c, &e);
	unsigned char *data;
	size_t len;
	int r = cs.on ? read_input(c, cs.evidence_max, &data, &len) : (data = NULL, len = 0, 0);
	if (r) {
		free(data);
		return r;
	}
	a.data = data;
	a.size = len;
	struct evidence_added out;
	enum err_code code = store_evidence_add(c->store, &c->session->id, &cs, &a, &out, &e);
	free(data);
	if (code)
		return cli_error(c, &e);
	cli_message(c->out, _("evidence %lld: %s, %zu bytes, sha256 %s (%s, report %s%s)\n"), out.id, a.name, a.size,
	            out.sha256, a.code, out.period, out.new_report ? _(", a new draft") : "");
	return 0;
}

static int
get_row(const struct evidence_row *r, void *ctx)
{
	*(char **)ctx = xstrdup(r->sha256);
	return 0;
}

static int
evidence_get(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	long id;
	if (argc != 2)
		return cli_usage_error(c, cmd, argc < 2 ? _("which evidence? give its id (plancon evidence list)")
		                                        : _("unexpected argument \"%s\""), argc < 2 ? "" : argv[2]);
	if (!model_whole_parse(argv[1], 1, 0x7fffffffffffffffL, &id))
		return cli_usage_error(c, cmd, _("\"%s\": expected an evidence id (a number; plancon evidence list)"), argv[1]);
	if (isatty(fileno(c->out)))
		return cli_usage_error(c, cmd, _("the file goes to standard output, not to a terminal: redirect it: > FILE"));
	struct error e;
	err_clear(&e);
	void *data;
	size_t len;
	char *sha = NULL;
	if (store_evidence_get(c->store, id, get_row, &sha, &data, &len, &e))
		return cli_error(c, &e);
	char now[SHA256_HEX];
	sha256_hex(data, len, now);
	int r = 0;
	if (!sha || strcmp(now, sha))
		r = cli_fail(c, ERR_CORRUPT, _("evidence %ld: the stored file does not match its sha256; run plancon check"),
		             id);
	else if (fwrite(data, 1, len, c->out) != len || fflush(c->out) || ferror(c->out))
		r = cli_fail(c, ERR_IO, _("evidence %ld: writing standard output: %s"), id, strerror(errno));
	free(sha);
	free(data);
	return r;
}

/* ---- list -------------------------------------------------------------------------- */

static int
list_row(const struct evidence_row *r, void *ctx)
{
	struct cli_rows *x = ctx;
	struct table *t = x->t;
	table_row(t);
	table_cellf(t, "%lld", r->id);
	table_cell(t, r->code);
	table_cell(t, r->period);
	table_cell(t, r->name);
	table_cellf(t, "%lld", r->size);
	table_cell(t, r->sha256);
	if (x->fmt == FMT_TEXT) {
		char *who = model_change_who(r->who, r->actor);
		table_cell(t, who);
		free(who);
	} else {
		table_cell(t, r->who);
		table_cell(t, r->actor);
	}
	table_cell(t, r->at);
	return 0;
}

static int
evidence_list(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'p' }, { "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 } };
	struct evidence_filter f = { 0 };
	int fmt = FMT_TEXT, ch, r;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'p': f.period = optarg; break;
		case 'f':
			if ((r = cli_format(c, cmd, optarg, CLI_TABLE_FORMATS, &fmt)))
				return r;
			break;
		default: return cli_bad_option(c, cmd, argc, argv);
		}
	}
	if (optind < argc)
		f.code = argv[optind];
	if (optind + 1 < argc)
		return cli_usage_error(c, cmd, _("unexpected argument \"%s\""), argv[optind + 1]);
	bool text = fmt == FMT_TEXT;
	struct cli_rows x = { .t = table_new(), .fmt = fmt };
	struct table *t = x.t;
	table_col(t, "id", "id", TABLE_NUMBER | TABLE_RIGHT, 0);
	table_col(t, "task", text ? _("Task") : "task", 0, 0);
	table_col(t, "period", text ? _("Period") : "period", 0, 0);
	table_col(t, "name", text ? _("Name") : "name", TABLE_SHRINK, 40);
	table_col(t, "size", text ? _("Bytes") : "size", TABLE_NUMBER | TABLE_RIGHT, 0);
	table_col(t, "sha256", "sha256", TABLE_OPTIONAL, 0);
	table_col(t, "who", text ? _("Who") : "who", TABLE_SHRINK, 24);
	if (!text)
		table_col(t, "actor", "actor", 0, 0);
	table_col(t, "at", text ? _("When (UTC)") : "at", 0, 0);
	struct error e;
	err_clear(&e);
	if (store_evidence_each(c->store, &f, list_row, &x, &e)) {
		table_free(t);
		return cli_error(c, &e);
	}
	if (text && table_rows(t) == 0)
		fputs(_("(no evidence)\n"), c->out);
	else
		table_print(t, c->out, fmt, cli_width(c), false);
	table_free(t);
	return 0;
}

int
cli_evidence(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find("evidence");
	if (argc < 2)
		return cli_usage_error(c, cmd, _("add, get or list?"));
	const char *sub = argv[1];
	if (!strcmp(sub, "add"))
		return evidence_add(c, cmd, argc - 1, argv + 1);
	if (!strcmp(sub, "get"))
		return evidence_get(c, cmd, argc - 1, argv + 1);
	if (!strcmp(sub, "list"))
		return evidence_list(c, cmd, argc - 1, argv + 1);
	return cli_usage_error(c, cmd, _("\"%s\": expected add, get or list"), sub);
}

/* ---- show ---------------------------------------------------------------------------- */

static int
show_row(const struct evidence_row *r, void *ctx)
{
	struct cli *c = ctx;
	char *who = model_change_who(r->who, r->actor);
	cli_message(c->out, _("  %lld  %s  %s  %lld bytes  sha256 %.12s  %s  %s\n"), r->id, r->period, r->name, r->size,
	            r->sha256, who, r->at);
	free(who);
	return 0;
}

struct count_ctx {
	int n;
};

static int
count_row(const struct evidence_row *r, void *ctx)
{
	(void)r;
	((struct count_ctx *)ctx)->n++;
	return 1;
}

int
cli_evidence_show(struct cli *c, const char *code)
{
	struct evidence_filter f = { .code = code };
	struct count_ctx n = { 0 };
	struct error e;
	err_clear(&e);
	if (store_evidence_each(c->store, &f, count_row, &n, &e))
		return cli_error(c, &e);
	if (!n.n)
		return 0;
	fputs("\n", c->out);
	fputs(_("Evidence:\n"), c->out);
	if (store_evidence_each(c->store, &f, show_row, c, &e))
		return cli_error(c, &e);
	return 0;
}
