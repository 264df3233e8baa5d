/* store_planfile: the plan file (JSON, plancon-plan(5)) in and out of the
 * database: the bundled plan, the import into an empty database, and the
 * whole-plan export that imports back into an equal database.
 * Conventions: store.h. */
#ifndef PLANCON_STORE_PLANFILE_H
#define PLANCON_STORE_PLANFILE_H

#include <stddef.h>

#include "plancon/store.h"

/* The bundled plan, as compiled into the binary. */
const char *store_bundled_plan(void);

/* Check a plan file (see plancon-plan(5)) and load it into an empty
 * database in one transaction. On a problem, nothing is written and e names
 * its location ("tasks[3].lead: no department 省xx"). */
enum err_code store_import(struct store *s, const char *json, size_t len, struct error *e);

/* The whole plan as a plan file that store_import loads back into an equal
 * database: documents, parts, chapters and sections, departments, tasks
 * with their assignments, statuses and milestones, indicators with targets
 * and actuals, the change log, and the supervision cycle's settings and
 * records (reports with their evidence, closings, extensions, reminders)
 * when the database has any. Indented JSON ending in a newline,
 * malloc'd into *json (its length in *len). */
enum err_code store_export(struct store *s, char **json, size_t *len, struct error *e);

#endif
