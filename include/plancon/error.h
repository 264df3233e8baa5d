/* error: errors as data. Functions return an error code and fill a
 * struct error; the caller decides where the message goes (stderr for the
 * CLI, the status line for the console). */
#ifndef PLANCON_ERROR_H
#define PLANCON_ERROR_H

#include "plancon/i18n.h"

/* code, exit status, short description (translated by err_name) */
#define ERROR_CODES(X) \
	X(ERR_OK,        0, N_("ok"))                          \
	X(ERR_NOT_FOUND, 1, N_("not found"))                   \
	X(ERR_REFUSED,   1, N_("refused"))                     \
	X(ERR_CONFLICT,  1, N_("changed by someone else"))     \
	X(ERR_BUSY,      1, N_("database busy"))               \
	X(ERR_READONLY,  1, N_("read-only"))                   \
	X(ERR_DB,        1, N_("database error"))              \
	X(ERR_CORRUPT,   1, N_("database damaged"))            \
	X(ERR_TOO_NEW,   1, N_("database too new"))            \
	X(ERR_IO,        1, N_("input/output error"))          \
	X(ERR_INVALID,   2, N_("invalid input"))               \
	X(ERR_USAGE,     2, N_("usage"))                       \
	X(ERR_CONFIG,    2, N_("configuration error"))

enum err_code {
#define X(id, status, text) id,
	ERROR_CODES(X)
#undef X
};

struct error {
	enum err_code code;
	char msg[1024];
};

/* Set e (if not NULL) to code with a printf-style message; returns code. */
enum err_code err_set(struct error *e, enum err_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clear e to ERR_OK with an empty message. */
void err_clear(struct error *e);

/* The process exit status for code (0, 1 or 2). */
int err_exit_status(enum err_code code);

/* A short description of code, in the interface language. */
const char *err_name(enum err_code code);

#endif
