/* theme: each element's colours and its monochrome twin, declared side by
 * side so that no element can be forgotten in one of the two modes. The
 * monochrome column must keep everything distinguishable with bold,
 * underline and reverse alone (vt100, NO_COLOR). */
#include "theme.h"

#include <stdlib.h>

struct theme_default {
	short fg, bg;       /* -1: the terminal's default */
	attr_t attrs;       /* with the colours */
	attr_t mono;        /* without colours */
};

static const struct theme_default defaults[THEME_COUNT] = {
	[THEME_TITLE]   = { COLOR_BLACK,   COLOR_CYAN,   0,          A_REVERSE },
	[THEME_STATUS]  = { COLOR_BLACK,   COLOR_CYAN,   0,          A_REVERSE },
	[THEME_CURSOR]  = { COLOR_WHITE,   COLOR_BLUE,   A_BOLD,     A_REVERSE },
	[THEME_HEADER]  = { COLOR_YELLOW,  -1,           A_BOLD,     A_BOLD | A_UNDERLINE },
	[THEME_DONE]    = { COLOR_GREEN,   -1,           0,          A_NORMAL },
	[THEME_ACTIVE]  = { COLOR_CYAN,    -1,           0,          A_BOLD },
	[THEME_LATE]    = { COLOR_RED,     -1,           A_BOLD,     A_BOLD | A_REVERSE },
	[THEME_BLOCKED] = { COLOR_MAGENTA, -1,           A_BOLD,     A_BOLD | A_UNDERLINE },
	[THEME_MATCH]   = { COLOR_BLACK,   COLOR_YELLOW, 0,          A_BOLD | A_UNDERLINE },
	[THEME_BAR]     = { COLOR_GREEN,   -1,           A_BOLD,     A_BOLD },
	[THEME_DIM]     = { -1,            -1,           A_DIM,      A_DIM },
	/* the warning lights: the mark (! ~ . =) tells them apart without colour */
	[THEME_LIGHT_RED]    = { COLOR_RED,    -1, A_BOLD, A_BOLD },
	[THEME_LIGHT_YELLOW] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[THEME_LIGHT_GREEN]  = { COLOR_GREEN,  -1, 0,      A_NORMAL },
	[THEME_LIGHT_CLOSED] = { -1,           -1, A_DIM,  A_DIM },
};

static attr_t attrs[THEME_COUNT];
static bool mono;

static attr_t
config_attrs(int bits)
{
	attr_t a = A_NORMAL;
	if (bits & CONFIG_ATTR_BOLD)
		a |= A_BOLD;
	if (bits & CONFIG_ATTR_UNDERLINE)
		a |= A_UNDERLINE;
	if (bits & CONFIG_ATTR_REVERSE)
		a |= A_REVERSE;
	if (bits & CONFIG_ATTR_DIM)
		a |= A_DIM;
	return a;
}

static short
usable(short c, bool defaults_ok, short fallback)
{
	if (c < 0)
		return defaults_ok ? -1 : fallback;
	return c < COLORS ? c : fallback;
}

void
theme_init(const struct config *cfg)
{
	const char *nc = getenv("NO_COLOR");
	mono = !cfg->color || (nc && *nc) || !has_colors() || start_color() == ERR || COLOR_PAIRS < THEME_COUNT + 1;
	if (mono) {
		for (int i = 0; i < THEME_COUNT; i++)
			attrs[i] = defaults[i].mono;
		return;
	}
	bool dflt = use_default_colors() == OK;
	for (int i = 0; i < THEME_COUNT; i++) {
		const struct theme_color *t = &cfg->theme[i];
		short fg = t->set ? t->fg : defaults[i].fg, bg = t->set ? t->bg : defaults[i].bg;
		attr_t a = t->set ? config_attrs(t->attrs) : defaults[i].attrs;
		if ((fg >= 0 && fg >= COLORS) || (bg >= 0 && bg >= COLORS)) {
			/* A colour this terminal lacks: keep the built-in one. */
			fg = defaults[i].fg;
			bg = defaults[i].bg;
			a = defaults[i].attrs;
		}
		init_pair((short)(i + 1), usable(fg, dflt, COLOR_WHITE), usable(bg, dflt, COLOR_BLACK));
		attrs[i] = a | COLOR_PAIR(i + 1);
	}
}

attr_t
theme_attr(enum theme_element el)
{
	return el >= 0 && el < THEME_COUNT ? attrs[el] : A_NORMAL;
}

bool
theme_mono(void)
{
	return mono;
}
