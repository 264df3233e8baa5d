/* detail: wrapped lines for the detail pane, and the task detail that the
 * plan, roadmap and department views share. */
#include "detail.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "taskrow.h"
#include "theme.h"
#include "tui.h"
#include "plancon/model.h"
#include "plancon/store_changes.h"
#include "plancon/store_tasks.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum { LABEL_CELLS = 13 };

static void
push(struct detail *d, char *text, attr_t attr)
{
	if (d->n == d->cap) {
		d->cap = d->cap * 2 + 16;
		d->lines = xrealloc(d->lines, (size_t)d->cap * sizeof *d->lines);
	}
	d->lines[d->n++] = (struct detail_line){ .text = text, .attr = attr };
}

void
detail_reset(struct detail *d, int width)
{
	for (int i = 0; i < d->n; i++)
		free(d->lines[i].text);
	d->n = 0;
	d->width = width < 4 ? 4 : width;
	d->scroll = 0;
	d->valid = false;
}

void
detail_free(struct detail *d)
{
	detail_reset(d, 4);
	free(d->lines);
	memset(d, 0, sizeof *d);
}

void
detail_text(struct detail *d, attr_t attr, const char *s)
{
	char **lines;
	size_t n = text_wrap(s ? s : "", d->width, &lines);
	for (size_t i = 0; i < n; i++)
		push(d, lines[i], attr);
	free(lines);
}

void
detail_textf(struct detail *d, attr_t attr, const char *fmt, ...)
{
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	if (n < 0)
		s[0] = '\0';
	else
		vsnprintf(s, (size_t)n + 1, fmt, aq);
	va_end(aq);
	detail_text(d, attr, s);
	free(s);
}

void
detail_field(struct detail *d, const char *label, const char *value, attr_t attr)
{
	detail_columns(d, label, LABEL_CELLS, value, attr);
}

void
detail_columns(struct detail *d, const char *label, int label_w, const char *value, attr_t attr)
{
	/* Too narrow for a label column: the label goes on its own line. */
	int lw = d->width > 2 * label_w ? label_w : 0;
	if (!lw && label && *label)
		push(d, text_trunc(label, d->width), A_BOLD);
	char **lines;
	size_t n = text_wrap(value && *value ? value : "-", d->width - lw, &lines);
	char *pad = text_fit(lw ? label : "", lw);
	char *blank = text_fit("", lw);
	for (size_t i = 0; i < n; i++) {
		push(d, xasprintf("%s%s", i == 0 ? pad : blank, lines[i]), attr);
		free(lines[i]);
	}
	free(lines);
	free(pad);
	free(blank);
}

void
detail_blank(struct detail *d)
{
	push(d, xstrdup(""), A_NORMAL);
}

void
detail_scroll(struct detail *d, int n, int height)
{
	int max = d->n - height;
	if (max < 0)
		max = 0;
	d->scroll += n;
	if (d->scroll > max)
		d->scroll = max;
	if (d->scroll < 0)
		d->scroll = 0;
}

void
detail_draw(const struct detail *d, WINDOW *w, int y0, int height, int x, int width, const char *hl)
{
	for (int i = 0; i < height; i++) {
		int j = d->scroll + i;
		if (j < d->n)
			draw_text_hl(w, y0 + i, x, width, d->lines[j].text, d->lines[j].attr, hl,
			             theme_attr(THEME_MATCH), true);
		else
			draw_blank(w, y0 + i, x, width, A_NORMAL);
	}
}

/* ---- the task detail ---------------------------------------------------- */

struct task_ctx {
	struct detail *d;
	struct app *a;
	long long id;
	bool found;
};

static int
task_detail(const struct task_row *t, void *ctx)
{
	struct task_ctx *x = ctx;
	struct detail *d = x->d;
	x->found = true;
	x->id = t->id;
	bool late = model_task_late(t->due_date, t->status, x->a->as_of);
	char *s = xasprintf("%s  %s", t->code, t->title);
	detail_text(d, A_BOLD, s);
	free(s);

	s = late ? xasprintf(_("%s, %d%%  LATE: due %s"), task_status_label_for(t->status), t->progress, t->due_date)
	         : xasprintf(_("%s, %d%%"), task_status_label_for(t->status), t->progress);
	detail_field(d, _("Status"), s, status_attr(t->status, late));
	free(s);
	if (t->light >= 0) {
		s = xasprintf("%s %s: %s", cycle_light_mark((enum cycle_light)t->light), light_label(t->light),
		              light_reason_label(t->light_reason));
		detail_field(d, _("Light"), s, light_attr(t->light));
		free(s);
	}
	int bar = d->width - LABEL_CELLS - 2;
	if (bar > 32)
		bar = 32;
	if (bar >= 5) {
		int fill = (t->progress * (bar - 2) + 50) / 100;
		char *b = xmalloc((size_t)bar + 1);
		b[0] = '[';
		for (int i = 1; i < bar - 1; i++)
			b[i] = i - 1 < fill ? '#' : '.';
		b[bar - 1] = ']';
		b[bar] = '\0';
		detail_field(d, _("Progress"), b, theme_attr(THEME_BAR));
		free(b);
	}
	const char *prov = t->provisional ? _(" (provisional)") : "";
	s = t->lead_short ? xasprintf("%s %s%s", t->lead_short, t->lead_name ? t->lead_name : "", prov)
	                  : xstrdup(_("none assigned"));
	detail_field(d, P_("console detail", "Lead"), s, A_NORMAL);
	free(s);
	s = t->coop && *t->coop ? xasprintf("%s%s", t->coop, prov) : xstrdup("-");
	detail_field(d, P_("console detail", "Cooperating"), s, A_NORMAL);
	free(s);
	s = xasprintf(_("%s to %s"), t->start_date ? t->start_date : "-", t->due_date ? t->due_date : "-");
	detail_field(d, _("Dates"), s, late ? theme_attr(THEME_LATE) : A_NORMAL);
	free(s);
	detail_field(d, P_("console detail", "Document"),
	             t->document_short && *t->document_short ? t->document_short : t->document_key, A_NORMAL);
	s = t->section_no ? xasprintf("%d.%d %s", t->chapter_no, t->section_no, t->section_title ? t->section_title : "")
	                  : xasprintf("%d %s", t->chapter_no, t->chapter_title ? t->chapter_title : "");
	detail_field(d, P_("console detail", "Chapter"), s, A_NORMAL);
	free(s);
	if (t->updated_at) {
		s = xasprintf(_("%s by %s (version %lld)"), t->updated_at, t->updated_by ? t->updated_by : "?", t->version);
		detail_field(d, P_("console detail", "Updated"), s, A_NORMAL);
		free(s);
	}
	if (t->description && *t->description) {
		detail_blank(d);
		detail_text(d, A_NORMAL, t->description);
	}
	if (t->sources && *t->sources)
		detail_field(d, P_("console detail", "Sources"), t->sources, theme_attr(THEME_DIM));
	return 0;
}

static int
milestone_line(const struct milestone_row *m, void *ctx)
{
	struct task_ctx *x = ctx;
	char period[64];
	if (m->quarter)
		snprintf(period, sizeof period, P_("milestone period", "%d Q%d"), m->year, m->quarter);
	else
		snprintf(period, sizeof period, P_("milestone period", "%d"), m->year);
	/* The period column fits the widest period of this language. */
	char widest[64];
	snprintf(widest, sizeof widest, P_("milestone period", "%d Q%d"), 2000, 4);
	int pw = text_width(widest) > 8 ? text_width(widest) : 8;
	bool late = model_milestone_late(m->year, m->quarter, m->status, x->a->as_of);
	int st = milestone_status_parse(m->status);
	attr_t attr = late ? theme_attr(THEME_LATE) : st == MS_DONE ? theme_attr(THEME_DONE) :
	              st == MS_MISSED ? theme_attr(THEME_BLOCKED) : A_NORMAL;
	char *p = text_fit(period, pw);
	char *l = text_fit(late ? P_("milestone", "LATE") : milestone_status_label_for(m->status), 9);
	char *s = xasprintf("%s %s %s", p, l, m->target);
	detail_field(x->d, "", s, attr);
	free(s);
	free(p);
	free(l);
	return 0;
}

static int
change_line(const struct change_row *c, void *ctx)
{
	struct task_ctx *x = ctx;
	char when[17];
	snprintf(when, sizeof when, "%.10s %.5s", c->at ? c->at : "", c->at && strlen(c->at) > 11 ? c->at + 11 : "");
	char *o = model_change_value(c->field, c->old), *n = model_change_value(c->field, c->new_value);
	char *f = model_change_field(c->field), *who = model_change_who(c->who, c->actor);
	char *s = c->old || c->new_value ? xasprintf("%s %s  %s: %s -> %s", when, who, f, o, n)
	                                 : xasprintf("%s %s  %s", when, who, f);
	free(who);
	free(f);
	detail_field(x->d, "", s, A_NORMAL);
	free(s);
	if (c->note && *c->note)
		detail_field(x->d, "", c->note, theme_attr(THEME_DIM));
	free(o);
	free(n);
	return 0;
}

void
detail_task(struct detail *d, struct app *a, const char *code)
{
	struct task_ctx x = { .d = d, .a = a };
	struct error e;
	err_clear(&e);
	if (store_task_get_lit(a->store, code, &a->cycle, a->as_of, task_detail, &x, &e) || !x.found) {
		detail_text(d, theme_attr(THEME_LATE), e.msg[0] ? e.msg : _("this task is gone"));
		return;
	}
	int before = d->n;
	detail_blank(d);
	detail_text(d, theme_attr(THEME_HEADER), _("Milestones"));
	int at = d->n;
	store_milestones_each(a->store, x.id, milestone_line, &x, &e);
	if (d->n == at) {
		/* no milestones: drop the heading */
		while (d->n > before)
			free(d->lines[--d->n].text);
	}
	detail_blank(d);
	detail_text(d, theme_attr(THEME_HEADER), _("Latest changes"));
	at = d->n;
	struct change_filter latest = { .task_id = x.id, .limit = 5 };
	store_changes_each(a->store, &latest, change_line, &x, &e);
	if (d->n == at)
		detail_field(d, "", _("none yet"), theme_attr(THEME_DIM));
}
