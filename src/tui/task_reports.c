/* task_reports: the supervision cycle's part of a task shown in full
 * (task_view.c): its reports, latest period first (at most REPORTS), each
 * with its state, texts, and history (the revisions, the office's reviews,
 * the cooperating departments' input), and the evidence files. Read
 * through store_reports_each, store_report_events_each and
 * store_evidence_each; nothing when the cycle is off. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detail.h"
#include "theme.h"
#include "tui.h"
#include "plancon/model.h"
#include "plancon/store_evidence.h"
#include "plancon/store_reports.h"
#include "plancon/xalloc.h"

enum { REPORTS = 6 };

struct ctx {
	struct detail *d;
	struct app *a;
};

static void
text_field(struct detail *d, const char *label, const char *text)
{
	if (text && *text)
		detail_field(d, label, text, A_NORMAL);
}

static int
on_event(const struct report_event_row *ev, void *p)
{
	struct detail *d = p;
	char *s = NULL;
	switch (ev->kind) {
	case REPORT_EV_REVISION:
		s = xasprintf(_("submission %d by %s, %s, %d%%"), ev->rev, ev->who ? ev->who : "?",
		              task_status_label_for(ev->status), ev->progress);
		break;
	case REPORT_EV_REVIEW:
		s = !strcmp(ev->decision, "return")
		            ? xasprintf(_("returned by %s: %s"), ev->who ? ev->who : "?", ev->text ? ev->text : "")
		            : xasprintf(_("accepted by %s"), ev->who ? ev->who : "?");
		break;
	case REPORT_EV_INPUT:
		s = xasprintf(_("input of %s: %s"), ev->dept_short ? ev->dept_short : "?", ev->text ? ev->text : "");
		break;
	}
	/* "2024-04-08T02:10:00Z" as "2024-04-08 02:10" (UTC) */
	char at[17] = "";
	snprintf(at, sizeof at, "%s", ev->at ? ev->at : "");
	if (at[10] == 'T')
		at[10] = ' ';
	detail_columns(d, at, 18, s, ev->kind == REPORT_EV_REVIEW && !strcmp(ev->decision, "return")
	               ? theme_attr(THEME_LATE) : A_NORMAL);
	free(s);
	return 0;
}

static int
on_report(const struct report_row *r, void *p)
{
	struct ctx *x = p;
	struct detail *d = x->d;
	detail_blank(d);
	const char *when = r->on_time < 0 ? "" : r->on_time ? _("on time") : _("late");
	detail_textf(d, A_BOLD, _("%s: %s, submission %d %s (due %s)"), r->period, report_state_label(r->state), r->rev,
	             when, r->due);
	text_field(d, _("Progress made"), r->done_text);
	text_field(d, _("Problems"), r->problems);
	text_field(d, _("Next steps"), r->next_steps);
	struct error e;
	err_clear(&e);
	store_report_events_each(x->a->store, r->id, on_event, d, &e);
	return 0;
}

static int
on_evidence(const struct evidence_row *ev, void *p)
{
	struct detail *d = p;
	char *s = xasprintf(_("%s, %lld bytes, by %s at %s"), ev->name, ev->size, ev->who ? ev->who : "?",
	                    ev->at ? ev->at : "?");
	detail_field(d, ev->period, s, A_NORMAL);
	free(s);
	return 0;
}

void
detail_task_reports(struct detail *d, struct app *a, const char *code)
{
	if (!a->cycle.on)
		return;
	struct ctx x = { .d = d, .a = a };
	struct error e;
	err_clear(&e);
	detail_blank(d);
	detail_text(d, theme_attr(THEME_HEADER), _("Reports"));
	int at = d->n;
	if (store_reports_each(a->store, code, REPORTS, on_report, &x, &e))
		detail_text(d, theme_attr(THEME_LATE), e.msg);
	if (d->n == at)
		detail_field(d, "", _("none yet"), theme_attr(THEME_DIM));
	detail_blank(d);
	detail_text(d, theme_attr(THEME_HEADER), _("Evidence"));
	at = d->n;
	struct evidence_filter f = { .code = code };
	err_clear(&e);
	store_evidence_each(a->store, &f, on_evidence, d, &e);
	if (d->n == at)
		detail_field(d, "", _("none yet"), theme_attr(THEME_DIM));
}
