/* form: a modal form over the screen, driven by a table of fields, and its
 * two uses: the update form of a task (key s: status, progress, a note;
 * form.c) and the report form of the supervision cycle (a period's report:
 * status, progress, 进展情况, 存在问题, 下步打算; report_form.c).
 *
 * The engine owns the fields (a choice picked with Left/Right, a number, a
 * multi-line text), the keys (Tab between fields, Ctrl-J a new line, Enter
 * saves, Ctrl-T saves a draft where the form has one, Esc cancels), the
 * box and its messages. A use gives its fields, loads the record into the
 * form and saves it. On a version conflict the use reloads the record with
 * form_base_*: a field the user left alone takes the new value, one they
 * changed keeps what they typed. Nothing is held open while the form waits
 * for keys. */
#ifndef PLANCON_TUI_FORM_H
#define PLANCON_TUI_FORM_H

#include <curses.h>
#include <stdbool.h>

#include "plancon/error.h"

struct app;
struct form;

enum form_field_kind { FORM_CHOICE, FORM_NUMBER, FORM_TEXT };

struct form_field {
	enum form_field_kind kind;
	const char *label;                 /* N_(): translated where drawn */
	int max;                           /* number: the highest; text: the most characters */
	int count;                         /* choice: how many */
	const char *(*choice)(int i);      /* choice: the label of value i */
	/* What the form says, N_(): a number: not a digit (.bad), over the
	 * most (.over, with the text typed as %s); a text: full (.full, with
	 * the most as %d), too many lines (.lines, with the most as %d). */
	const char *bad, *over, *full, *lines;
};

struct form_ops {
	const char *head;                  /* N_(" Update %s "): with the task's code */
	const char *keys;                  /* N_(): the key line at the bottom */
	const struct form_field *fields;
	int nfields;
	bool draft;                        /* Ctrl-T saves a draft */
	/* Read the record (form_base_* for each field, form_info); called on
	 * opening and after a conflict. */
	enum err_code (*load)(struct form *f, struct error *e);
	/* Save (draft: Ctrl-T); true when the form is done. */
	bool (*save)(struct form *f, bool draft);
	void (*free)(void *ctx);
};

/* Open a form over the screen for task code, with ctx (the use's own,
 * freed by ops->free). On a load error, say why and free ctx. */
void form_run(struct app *a, const struct form_ops *ops, const char *code, void *ctx);

/* What a use reads and sets. */
struct app *form_app(const struct form *f);
const char *form_code(const struct form *f);
void *form_ctx(const struct form *f);
/* The task's title, on the box's second line. */
void form_title(struct form *f, const char *title);
/* Info line n (0, 1, 2) under the title: label and text in attr; text
 * NULL removes it. */
void form_info(struct form *f, int n, const char *label, const char *text, attr_t attr);
/* Field i's value as loaded: a field the user has not changed takes it. */
void form_base_choice(struct form *f, int i, int value);
void form_base_number(struct form *f, int i, int value);
void form_base_text(struct form *f, int i, const char *text);
/* A field that shows its value but may not be changed, with why. */
void form_lock(struct form *f, int i, const char *why);
/* Field i's value now: the choice, the number (-1: not a whole number
 * from 0 to its max), the text (malloc'd, blank lines at the end dropped). */
int form_choice(const struct form *f, int i);
int form_number(const struct form *f, int i);
char *form_text(const struct form *f, int i);
bool form_changed(const struct form *f, int i);
/* Put the focus on field i. */
void form_focus(struct form *f, int i);
/* A message inside the box (kept for M too). */
void form_say(struct form *f, attr_t attr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* After a save: every view reads the database again, the detail pane too. */
void form_saved(struct app *a);
/* After a version conflict: load the record again with ops->load (what
 * the user typed stays) and reread the views. False, after saying why in
 * the box, when the record cannot be read. */
bool form_reload(struct form *f, struct app *a);

/* The update form of task code (key s). When the user may not change the
 * task at all, say why on the status line instead. */
void form_open(struct app *a, const char *code);

/* The report form of task code for period (NULL: the period to report
 * now): prefilled from the saved draft or the returned report, the return
 * reason at the top; Enter submits, Ctrl-T saves a draft. */
void report_form_open(struct app *a, const char *code, const char *period);

#endif
