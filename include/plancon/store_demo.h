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

/* The supervision cycle's history in demo database s, just imported from
 * json (store_demo_plan's output): the cycle on in meta (monthly, due on
 * the 5th, since January of the year before the demo's present, the office
 * a department that leads no task, else a new 省城镇化工作领导小组办公室),
 * editors for the office and for each lead department, and for each month
 * up to the present's May the lead departments' reports (mostly on time,
 * some late, a few missing or returned and resubmitted; in the last month
 * some still waiting for review, one returned, one a draft), cooperating
 * input, tasks reported done and verified (one still awaiting), three
 * extensions, reminders and two evidence files, each dated as simulated,
 * with the change log written by the schema's triggers. As of the
 * present's 30 June. The same json always gives the same rows. */
enum err_code store_demo_cycle(struct store *s, const char *json, struct error *e);

#endif
