/* report_form: the report of a task for a period (plancon submit), the
 * second use of the form engine (form.h):
 *
 *   Period    2024-05, due 2024-06-10: returned, version 3
 *   Returned  by sun.hong: 请补充佐证材料
 *   Status    < in progress >
 *   Progress  [60 ] %
 *   进展情况 / 存在问题 / 下步打算   several lines each
 *
 * Prefilled from the saved draft or the returned report, else from the
 * task's status and progress. Enter submits, Ctrl-T saves a draft, both
 * through store_report_submit with the report's version the form read; a
 * conflict reloads it as the update form does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "theme.h"
#include "tui.h"
#include "plancon/auth.h"
#include "plancon/model.h"
#include "plancon/store_office.h"
#include "plancon/store_reports.h"
#include "plancon/xalloc.h"

enum { R_STATUS, R_PROGRESS, R_DONE, R_PROBLEMS, R_NEXT, R_COUNT };

static const char *
status_choice(int i)
{
	return task_status_label((enum task_status)i);
}

#define REPORT_TEXT(id, name) \
	[id] = { .kind = FORM_TEXT, .label = name, .max = STORE_REPORT_TEXT_MAX, \
	         .full = N_("the text is full (%d characters)"), .lines = N_("the text has %d lines, the most it may have") }

static const struct form_field report_fields[] = {
	[R_STATUS] = { .kind = FORM_CHOICE, .label = N_("Status"), .count = TS_COUNT, .choice = status_choice },
	[R_PROGRESS] = { .kind = FORM_NUMBER, .label = N_("Progress"), .max = 100,
	                 .bad = N_("Progress: digits only, 0 to 100"),
	                 .over = N_("%s is over 100: progress is a whole number from 0 to 100") },
	REPORT_TEXT(R_DONE, N_("Progress made")),
	REPORT_TEXT(R_PROBLEMS, N_("Problems")),
	REPORT_TEXT(R_NEXT, N_("Next steps")),
};

struct report_ctx {
	char period[CYCLE_KEY_LEN];
	long long version;         /* 0: no report yet */
	long long id;
};

struct report_load {
	struct form *f;
	struct report_ctx *r;
	char *state, *due, *returned_by, *reason;
};

static int
on_task(const struct task_row *t, void *ctx)
{
	struct report_load *l = ctx;
	form_title(l->f, t->title);
	if (!l->r->version) {
		int s = task_status_parse(t->status);
		form_base_choice(l->f, R_STATUS, s < 0 ? TS_NOT_STARTED : s);
		form_base_number(l->f, R_PROGRESS, t->progress);
	}
	return 0;
}

static int
on_report(const struct report_row *rep, void *ctx)
{
	struct report_load *l = ctx;
	l->r->version = rep->version;
	l->r->id = rep->id;
	l->state = xstrdup(rep->state);
	l->due = xstrdup(rep->due);
	int s = task_status_parse(rep->status);
	form_base_choice(l->f, R_STATUS, s < 0 ? TS_NOT_STARTED : s);
	form_base_number(l->f, R_PROGRESS, rep->progress);
	form_base_text(l->f, R_DONE, rep->done_text);
	form_base_text(l->f, R_PROBLEMS, rep->problems);
	form_base_text(l->f, R_NEXT, rep->next_steps);
	return 0;
}

/* The latest return: who and why. */
static int
on_event(const struct report_event_row *ev, void *ctx)
{
	struct report_load *l = ctx;
	if (ev->kind == REPORT_EV_REVIEW && ev->decision && !strcmp(ev->decision, "return")) {
		free(l->returned_by);
		free(l->reason);
		l->returned_by = xstrdup(ev->who ? ev->who : "?");
		l->reason = xstrdup(ev->text ? ev->text : "");
	}
	return 0;
}

static void
load_info(struct form *f, struct report_load *l)
{
	const char *state = l->state ? report_state_label(l->state) : _("not filed yet");
	char *info = l->r->version ? xasprintf(_("%s, due %s: %s, version %lld"), l->r->period, l->due, state,
	                                       l->r->version)
	                           : xasprintf(_("%s: %s"), l->r->period, state);
	form_info(f, 0, _("Period"), info, 0);
	free(info);
	if (l->state && !strcmp(l->state, "returned") && l->returned_by) {
		char *why = xasprintf(_("by %s: %s"), l->returned_by, l->reason);
		form_info(f, 1, _("Returned"), why, theme_attr(THEME_LATE) | A_BOLD);
		free(why);
	} else {
		form_info(f, 1, NULL, NULL, 0);
	}
}

static enum err_code
report_load(struct form *f, struct error *e)
{
	struct app *a = form_app(f);
	struct report_ctx *r = form_ctx(f);
	struct report_load l = { .f = f, .r = r };
	r->version = 0;
	enum err_code c = store_report_get(a->store, form_code(f), r->period, on_report, &l, e);
	if (c == ERR_NOT_FOUND) {
		err_clear(e);
		c = ERR_OK;
	}
	if (!c && r->version)
		c = store_report_events_each(a->store, r->id, on_event, &l, e);
	if (!c)
		c = store_task_get(a->store, form_code(f), on_task, &l, e);
	if (!c)
		load_info(f, &l);
	free(l.state);
	free(l.due);
	free(l.returned_by);
	free(l.reason);
	return c;
}

static bool
report_save(struct form *f, bool draft)
{
	struct app *a = form_app(f);
	struct report_ctx *r = form_ctx(f);
	int progress = form_number(f, R_PROGRESS);
	if (progress < 0) {
		form_say(f, theme_attr(THEME_LATE), _("Progress: a whole number from 0 to 100"));
		form_focus(f, R_PROGRESS);
		return false;
	}
	char *texts[3] = { form_text(f, R_DONE), form_text(f, R_PROBLEMS), form_text(f, R_NEXT) };
	struct report_submit s = {
		.code = form_code(f),
		.period = r->period,
		.draft = draft,
		.status = task_status_key((enum task_status)form_choice(f, R_STATUS)),
		.progress = progress,
		.done_text = texts[0],
		.problems = texts[1],
		.next_steps = texts[2],
		.base_version = r->version,
	};
	struct error e;
	err_clear(&e);
	struct report_result out;
	enum err_code c = store_report_submit(a->store, &a->cli->session->id, &a->cycle, &s, &out, &e);
	for (int i = 0; i < 3; i++)
		free(texts[i]);
	if (c == ERR_OK) {
		if (draft)
			app_message(a, theme_attr(THEME_DONE), _("%s: the report for %s saved as a draft"), form_code(f),
			            out.period);
		else
			app_message(a, theme_attr(THEME_DONE), _("%s: the report for %s submitted (revision %d, %s)"),
			            form_code(f), out.period, out.rev, out.on_time ? _("on time") : _("late"));
		form_saved(a);
		return true;
	}
	if (c == ERR_CONFLICT) {
		if (!form_reload(f, a))
			return false;
		form_say(f, theme_attr(THEME_LATE), _("%s What you typed is kept: Enter submits it, Esc drops it."), e.msg);
		return false;
	}
	form_say(f, theme_attr(THEME_LATE), "%s", e.msg[0] ? e.msg : err_name(c));
	return false;
}

static const struct form_ops report_ops = {
	.head = N_(" Report %s "),
	.keys = N_("Enter submit  Ctrl-T save a draft  Tab next field  Esc cancel"),
	.fields = report_fields,
	.nfields = R_COUNT,
	.draft = true,
	.load = report_load,
	.save = report_save,
	.free = free,
};

void
report_form_open(struct app *a, const char *code, const char *period)
{
	struct error e;
	err_clear(&e);
	struct cycle_period p;
	if (!a->cycle.on) {
		app_message(a, A_NORMAL, _("the supervision cycle is off: there are no reports to file"));
		return;
	}
	if (store_task_may(a->store, &a->cli->session->id, code, ACT_REPORT, &e) != ERR_OK ||
	    store_cycle_period(a->store, &a->cycle, a->as_of, period, &p, &e) != ERR_OK) {
		app_error(a, &e);
		return;
	}
	struct report_ctx *r = xcalloc(1, sizeof *r);
	snprintf(r->period, sizeof r->period, "%s", p.key);
	form_run(a, &report_ops, code, r);
}
