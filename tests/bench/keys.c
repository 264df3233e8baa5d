/* keys: what a terminal sends for a key, from its terminfo entry (kept
 * apart: <term.h> defines macros with common names). */
#include "keys.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "plancon/xalloc.h"

char *
bench_key(const char *termname, const char *cap, bool app_mode)
{
	static bool ready;
	int err = 0;
	if (!ready) {
		if (setupterm((char *)termname, STDERR_FILENO, &err) != OK)
			return NULL;
		ready = true;
	}
	char *s = tigetstr((char *)cap);
	if (!s || s == (char *)-1)
		return NULL;
	char *k = xstrdup(s);
	/* terminfo lists the keys as sent in keypad-transmit mode (ESC O x);
	 * without it, an xterm sends the cursor keys as ESC [ x. */
	if (!app_mode && k[0] == '\033' && k[1] == 'O' && k[2] && !k[3])
		k[1] = '[';
	return k;
}
