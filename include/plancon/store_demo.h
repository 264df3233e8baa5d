/* store_demo: the demo database's plan (plancon demo). */
#ifndef PLANCON_STORE_DEMO_H
#define PLANCON_STORE_DEMO_H

#include "plancon/store.h"

/* The plan file plan (JSON) made into a demo: simulated task statuses,
 * progress and notes, milestone states (with simulated milestones for the
 * first years of the tasks already due, some by quarter), indicator values
 * and a change history, all in the plan's own years (from its first year
 * to a present the year after its first document or task falls due), and
 * "demo": true, so that importing it labels the database a demo. The same
 * plan always gives the same demo. Stores a malloc'd JSON text in *out;
 * ERR_INVALID when plan is not a JSON object. s is any open store (the
 * JSON functions run on its connection; nothing is written). */
enum err_code store_demo_plan(struct store *s, const char *plan, char **out, struct error *e);

#endif
