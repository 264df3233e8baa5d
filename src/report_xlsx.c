/* report_xlsx: the progress report as an Excel workbook (libxlsxwriter).
 *
 * One sheet, named for the as-of date; the header row first and frozen;
 * the same columns as the CSV; counts as numbers, percentages as fractions
 * with a percent format, so Excel can sum and chart them. Column widths are
 * measured with text_width: Excel's unit is about one Latin digit, and a
 * CJK character takes about two. */
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "plancon/i18n.h"
#include "plancon/report.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum { NCOLS = 12, MAX_WIDTH = 60 };

struct sheet {
	const struct report *r;
	lxw_worksheet *ws;
	lxw_format *header, *text, *count, *pct, *total_text, *total_count, *total_pct;
	int width[NCOLS];
	lxw_error err;
};

static void
widen(struct sheet *s, int col, const char *text)
{
	int w = text_width(text) + 2;
	if (w > s->width[col])
		s->width[col] = w;
}

static void
put_text(struct sheet *s, int row, int col, const char *text, lxw_format *f)
{
	lxw_error err;
	if (!text || !*text) {
		err = worksheet_write_blank(s->ws, (lxw_row_t)row, (lxw_col_t)col, f);
	} else {
		char *clean = text_sanitize(text);
		err = worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, clean, f);
		widen(s, col, clean);
		free(clean);
	}
	if (err && !s->err)
		s->err = err;
}

static void
put_number(struct sheet *s, int row, int col, double v, const char *shown, lxw_format *f)
{
	lxw_error err = worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v, f);
	widen(s, col, shown);
	if (err && !s->err)
		s->err = err;
}

static void
put_group(struct sheet *s, int row, const struct report_group *g, bool total)
{
	lxw_format *text = total ? s->total_text : s->text;
	lxw_format *count = total ? s->total_count : s->count;
	lxw_format *pct = total ? s->total_pct : s->pct;
	put_text(s, row, 0, report_group_key(s->r, g, false), text);
	put_text(s, row, 1, g->name, text);
	long long v[8] = { g->tasks, g->by_status[TS_NOT_STARTED], g->by_status[TS_IN_PROGRESS], g->by_status[TS_DONE],
	                   g->by_status[TS_BLOCKED], g->by_status[TS_CANCELLED], g->late_tasks, g->late_milestones };
	for (int i = 0; i < 8; i++) {
		char shown[24];
		snprintf(shown, sizeof shown, "%lld", v[i]);
		put_number(s, row, 2 + i, (double)v[i], shown, count);
	}
	int pcts[2] = { report_progress_tenths(g), report_done_tenths(g) };
	for (int i = 0; i < 2; i++) {
		if (pcts[i] < 0)
			put_text(s, row, 10 + i, NULL, pct);
		else
			put_number(s, row, 10 + i, pcts[i] / 1000.0, "100.0%", pct);
	}
}

enum err_code
report_write_xlsx(const struct report *r, const char *path, struct error *e)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return err_set(e, ERR_IO, _("%s: cannot start a workbook"), path);
	char sheet_name[32];
	snprintf(sheet_name, sizeof sheet_name, _("As of %s"), r->as_of);
	struct sheet s = { .r = r, .ws = workbook_add_worksheet(wb, sheet_name) };
	if (!s.ws) {
		workbook_close(wb);
		return err_set(e, ERR_IO, _("%s: cannot add a sheet"), path);
	}

	s.header = workbook_add_format(wb);
	format_set_bold(s.header);
	format_set_text_wrap(s.header);
	format_set_align(s.header, LXW_ALIGN_CENTER);
	format_set_align(s.header, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(s.header, 0xDDEBF7);
	format_set_bottom(s.header, LXW_BORDER_THIN);
	s.text = workbook_add_format(wb);
	s.count = workbook_add_format(wb);
	format_set_num_format(s.count, "0");
	s.pct = workbook_add_format(wb);
	format_set_num_format(s.pct, "0.0%");
	s.total_text = workbook_add_format(wb);
	s.total_count = workbook_add_format(wb);
	s.total_pct = workbook_add_format(wb);
	format_set_num_format(s.total_count, "0");
	format_set_num_format(s.total_pct, "0.0%");
	lxw_format *totals[] = { s.total_text, s.total_count, s.total_pct };
	for (int i = 0; i < 3; i++) {
		format_set_bold(totals[i]);
		format_set_top(totals[i], LXW_BORDER_THIN);
	}

	/* The header: the same columns as the CSV (report_table). */
	static const char *const heads[NCOLS] = {
		NULL, NULL, NP_("workbook", "Tasks"), NP_("workbook", "Not started"), NP_("workbook", "In progress"),
		NP_("workbook", "Done"), NP_("workbook", "Blocked"), NP_("workbook", "Cancelled"),
		NP_("workbook", "Late tasks"), NP_("workbook", "Late milestones"), NP_("workbook", "Progress %"),
		NP_("workbook", "Done %"),
	};
	static const char *const key_heads[] = {
		NP_("report", "Department"), NP_("report", "Chapter"), NP_("report", "Year"), NP_("report", "Status"),
	};
	static const char *const name_heads[] = {
		NP_("report", "Full name"), NP_("report", "Title"), NP_("report by year", "Label"),
		NP_("report by status", "Label"),
	};
	for (int c = 0; c < NCOLS; c++) {
		const char *h = c == 0 ? key_heads[r->by] : c == 1 ? name_heads[r->by] : heads[c];
		put_text(&s, 0, c, i18n_cgettext(h), s.header);
	}
	worksheet_freeze_panes(s.ws, 1, 0);
	for (size_t i = 0; i < r->ngroups; i++)
		put_group(&s, (int)i + 1, &r->groups[i], false);
	put_group(&s, (int)r->ngroups + 1, &r->total, true);
	/* Below the table, not widening its first column. */
	if (r->demo)
		worksheet_write_string(s.ws, (lxw_row_t)r->ngroups + 3, 0,
		                       _("DEMO: simulated statuses, not the real plan's"), NULL);
	for (int c = 0; c < NCOLS; c++) {
		int w = s.width[c] < 8 ? 8 : s.width[c] > MAX_WIDTH ? MAX_WIDTH : s.width[c];
		lxw_error err = worksheet_set_column(s.ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
		if (err && !s.err)
			s.err = err;
	}

	char *title = xasprintf(_("Progress report (%s, %s)"), report_by_label(r->by), r->as_of);
	lxw_doc_properties props = { .title = title, .subject = r->plan ? r->plan : (char *)"", .comments = (char *)"plancon" };
	workbook_set_properties(wb, &props);
	lxw_error err = workbook_close(wb);
	free(title);
	if (s.err)
		return err_set(e, ERR_IO, "%s: %s", path, lxw_strerror(s.err));
	if (err)
		return err_set(e, ERR_IO, "%s: %s", path, lxw_strerror(err));
	return ERR_OK;
}
