/* form: the update form of one task (key s): status, progress and a
 * multi-line note, saved with the version the form was opened on. */
#ifndef PLANCON_TUI_FORM_H
#define PLANCON_TUI_FORM_H

struct app;

/* Open the form for task code over the screen, as a modal. When the user
 * may not change the task at all, say why on the status line instead. */
void form_open(struct app *a, const char *code);

#endif
