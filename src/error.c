/* error: errors as data. */
#include "plancon/error.h"

#include <stdarg.h>
#include <stdio.h>

static const struct {
	int status;
	const char *text;
} codes[] = {
#define X(id, status, text) [id] = { status, text },
	ERROR_CODES(X)
#undef X
};

enum err_code
err_set(struct error *e, enum err_code code, const char *fmt, ...)
{
	if (!e)
		return code;
	e->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return code;
}

void
err_clear(struct error *e)
{
	if (!e)
		return;
	e->code = ERR_OK;
	e->msg[0] = '\0';
}

int
err_exit_status(enum err_code code)
{
	return (unsigned)code < sizeof codes / sizeof codes[0] ? codes[code].status : 1;
}

const char *
err_name(enum err_code code)
{
	return (unsigned)code < sizeof codes / sizeof codes[0] ? _(codes[code].text) : _("error");
}
