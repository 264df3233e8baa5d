/* store_evidence: evidence (佐证材料) attached to a task's report for a
 * period: the file itself (never a path), its name, size and SHA-256.
 * Added by the lead department or a cooperating one while the cycle is on,
 * to a report that is not yet accepted (a draft report is made when the
 * period has none); read by anyone who may read the plan. Written once,
 * never changed. Conventions: store.h. */
#ifndef PLANCON_STORE_EVIDENCE_H
#define PLANCON_STORE_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "plancon/auth.h"
#include "plancon/cycle.h"
#include "plancon/sha256.h"
#include "plancon/store.h"

/* The longest evidence file name, in bytes. */
enum { EVIDENCE_NAME_MAX = 255 };

/* One file to add. */
struct evidence_add {
	const char *code;          /* the task */
	const char *period;        /* "2024-03" / "2024-Q1"; NULL: the period reported at as_of */
	const char *as_of;         /* YYYY-MM-DD: today (no later period may be named) */
	const char *name;          /* the file's name: UTF-8, no '/', no control character */
	const void *data;
	size_t size;               /* 1 to the cycle's evidence_max bytes */
};

/* What add stored. */
struct evidence_added {
	long long id, report_id;
	char period[CYCLE_KEY_LEN];
	char sha256[SHA256_HEX];
	bool new_report;           /* a draft report was made for the period */
};

struct evidence_row {
	long long id, report_id, size;
	const char *code, *period, *name, *sha256, *at, *who;
	const char *actor;         /* who really added it, when not who; NULL: who did */
	const char *report_state;  /* draft, submitted, returned, accepted */
};

struct evidence_filter {
	const char *code;          /* one task; NULL: every task */
	const char *period;        /* one period; NULL: all */
	long long report_id;       /* one report; 0: any */
};
typedef int (*evidence_cb)(const struct evidence_row *, void *ctx);

/* Whether name may name an evidence file: valid UTF-8, 1 to
 * EVIDENCE_NAME_MAX bytes, no '/', not "." or "..", no control or
 * invisible formatting character (text_cp_unsafe). ERR_INVALID says why. */
enum err_code store_evidence_name_check(const char *name, struct error *e);

/* Add a->data as evidence to a->code's report for the period, as who
 * (ACT_REPORT, else ACT_REPORT_INPUT: the lead or a cooperating
 * department), under the cycle's settings cs, in one transaction: refused
 * while the cycle is off, for an empty file or one over cs->evidence_max
 * bytes, a period of the other kind, before the cycle's first or after
 * as_of's, and for an accepted report; nothing is stored then. */
enum err_code store_evidence_add(struct store *s, const struct identity *who, const struct cycle_settings *cs,
                                 const struct evidence_add *a, struct evidence_added *out, struct error *e);

/* Evidence id: its row to cb (once) and its bytes in *data (malloc'd, the
 * caller frees) and *size. ERR_NOT_FOUND for an unknown id. */
enum err_code store_evidence_get(struct store *s, long long id, evidence_cb cb, void *ctx, void **data,
                                 size_t *size, struct error *e);

/* The evidence f selects (NULL: all), by task (plan order), period, id.
 * ERR_NOT_FOUND for an unknown task. */
enum err_code store_evidence_each(struct store *s, const struct evidence_filter *f, evidence_cb cb, void *ctx,
                                  struct error *e);

#endif
