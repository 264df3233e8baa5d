/* keymap: the action table generated from TUI_ACTIONS, the dispatcher's
 * lookup, and the names the help screen and the manual use for keys. */
#include "plancon/tui_keymap.h"

#include <stdio.h>
#include <string.h>

const struct tui_action tui_actions[TUI_ACT_COUNT] = {
#define X(id_, name_, views_, help_, ...) \
	[id_] = { .id = id_, .name = name_, .views = views_, .help = help_, .keys = { __VA_ARGS__ } },
	TUI_ACTIONS(X)
#undef X
};

enum tui_act
keymap_lookup(enum view_id v, int key)
{
	for (int a = 0; a < TUI_ACT_COUNT; a++) {
		if (!(tui_actions[a].views & VB(v)))
			continue;
		for (int k = 0; k < TUI_MAX_KEYS && tui_actions[a].keys[k]; k++)
			if (tui_actions[a].keys[k] == key)
				return (enum tui_act)a;
	}
	return TUI_ACT_NONE;
}

const char *
keymap_key_name(int key)
{
	static char buf[16];
	static const struct { int key; const char *name; } names[] = {
		{ FN(KEY_DOWN), "Down" }, { FN(KEY_UP), "Up" }, { FN(KEY_LEFT), "Left" },
		{ FN(KEY_RIGHT), "Right" }, { FN(KEY_NPAGE), "PgDn" }, { FN(KEY_PPAGE), "PgUp" },
		{ FN(KEY_HOME), "Home" }, { FN(KEY_END), "End" }, { FN(KEY_ENTER), "Enter" },
		{ FN(KEY_BACKSPACE), "Backspace" }, { FN(KEY_BTAB), "Shift-Tab" }, { FN(KEY_DC), "Delete" },
		{ '\r', "Enter" }, { '\n', "Enter" }, { 127, "Backspace" }, { 8, "Backspace" },
		{ TUI_ESC, "Esc" }, { '\t', "Tab" }, { ' ', "Space" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key)
			return names[i].name;
	if (key >= (TUI_FN | KEY_F(1)) && key <= (TUI_FN | KEY_F(12))) {
		snprintf(buf, sizeof buf, "F%d", key - (TUI_FN | KEY_F(0)));
		return buf;
	}
	if (key > 0 && key < ' ') {
		snprintf(buf, sizeof buf, "Ctrl-%c", key + '@');
		return buf;
	}
	if (key > ' ' && key < 127) {
		snprintf(buf, sizeof buf, "%c", key);
		return buf;
	}
	snprintf(buf, sizeof buf, "key %d", key & ~TUI_FN);
	return buf;
}

void
keymap_keys_text(enum tui_act a, char *out, size_t outlen)
{
	size_t len = 0;
	out[0] = '\0';
	if (a < 0 || a >= TUI_ACT_COUNT)
		return;
	const char *seen[TUI_MAX_KEYS];
	int nseen = 0;
	char names[TUI_MAX_KEYS][16];
	for (int k = 0; k < TUI_MAX_KEYS && tui_actions[a].keys[k]; k++) {
		snprintf(names[k], sizeof names[k], "%s", keymap_key_name(tui_actions[a].keys[k]));
		bool dup = false;
		for (int j = 0; j < nseen; j++)
			dup |= !strcmp(seen[j], names[k]);
		if (dup)
			continue;
		seen[nseen++] = names[k];
		int n = snprintf(out + len, outlen - len, "%s%s", len ? ", " : "", names[k]);
		if (n < 0 || (size_t)n >= outlen - len) {
			out[len] = '\0';          /* cut between names, not inside one */
			break;
		}
		len += (size_t)n;
	}
}
