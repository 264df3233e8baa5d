/* cli_rank: plancon rank, the departments' ranking of a reporting period
 * (store_rank.h; plancon(1), SUPERVISION, Ranking). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/auth.h"
#include "plancon/cli.h"
#include "plancon/cycle.h"
#include "plancon/i18n.h"
#include "plancon/store_rank.h"


enum rank_sort { SORT_RANK, SORT_NAME, SORT_SCORE };
/* --sort's words, in enum rank_sort's order. */
static const char *const sort_words[] = { "rank", "name", "score", NULL };

/* The order of rows: by rank (the unranked last), the table's (plancon
 * depts) order within a tie; or by short name; or by score, highest first. */
static enum rank_sort sort_key;

static int
by_rank(const void *pa, const void *pb)
{
	const struct rank_row *a = pa, *b = pb;
	if (sort_key == SORT_NAME)
		return strcmp(a->short_name, b->short_name);
	int ra = a->rank ? a->rank : 1 << 30, rb = b->rank ? b->rank : 1 << 30;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return a->dept_id < b->dept_id ? -1 : a->dept_id > b->dept_id;
}

static void
rank_cols(struct table *t, int fmt)
{
	static const struct { const char *key, *header; } cols[] = {
		{ "rank", N_("Rank") }, { "dept", N_("Department") }, { "reports_due", N_("Due") },
		{ "reports_on_time", N_("OnTime") }, { "reports_late", N_("Late") },
		{ "reports_missing", N_("Missing") }, { "reports_returned", N_("Returned") },
		{ "tasks_on_time", N_("TasksOK") }, { "tasks_late", N_("TasksLate") },
		{ "tasks_closed", N_("Closed") }, { "score", N_("Score") },
	};
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
		table_col(t, cols[i].key, fmt == FMT_TEXT ? _(cols[i].header) : cols[i].key,
		          i == 1 ? 0 : TABLE_NUMBER | TABLE_RIGHT, 0);
}

static void
rank_line(struct table *t, const struct rank_row *r)
{
	table_row(t);
	if (r->rank)
		table_cellf(t, "%d", r->rank);
	else
		table_cell(t, NULL);
	table_cell(t, r->short_name);
	const long long n[] = { r->reports_due, r->c.reports_on_time, r->c.reports_late, r->c.reports_missing,
	                        r->reports_returned, r->c.tasks_on_time, r->c.tasks_late, r->c.tasks_closed };
	for (size_t i = 0; i < sizeof n / sizeof *n; i++)
		table_cellf(t, "%lld", n[i]);
	if (r->score >= 0)
		table_cellf(t, "%d.%d", r->score / 10, r->score % 10);
	else
		table_cell(t, NULL);
}

/* rank: */
int
cli_rank(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'p' }, { "sort", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 } };
	const struct cli_command *cmd = cli_find("rank");
	const char *key = NULL;
	int fmt = FMT_TEXT, ch, r, n;
	sort_key = SORT_RANK;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (ch) {
		case 'p': key = optarg; break;
		case 's':
			if ((r = cli_word(c, cmd, optarg, sort_words, _("--sort: expected rank, name or score, got \"%s\""),
			                  &n)))
				return r;
			sort_key = (enum rank_sort)n;
			break;
		case 'f':
			if ((r = cli_format(c, cmd, optarg, CLI_TABLE_FORMATS, &fmt)))
				return r;
			break;
		default:
			return cli_bad_option(c, cmd, argc, argv);
		}
	}
	if ((r = cli_no_operand(c, cmd, argc, argv, optind)))
		return r;
	if ((r = cli_cycle_on(c)))
		return r;
	struct cycle_settings cs = session_cycle(c->session);
	struct error e;
	err_clear(&e);
	struct rank_table rt;
	if (store_rank(c->store, &cs, key, c->as_of, c->session->cycle_office, &rt, &e))
		return cli_error(c, &e);
	if (rt.n > 1)
		qsort(rt.rows, rt.n, sizeof *rt.rows, by_rank);
	if (fmt == FMT_TEXT)
		fprintf(c->out, _("Ranking of %s (reports due %s), as of %s\n"), rt.period, rt.due, c->as_of);
	struct table *t = table_new();
	rank_cols(t, fmt);
	for (size_t i = 0; i < rt.n; i++)
		rank_line(t, &rt.rows[i]);
	table_print(t, c->out, fmt, cli_width(c), false);
	table_free(t);
	store_rank_free(&rt);
	return 0;
}
