/* Unit tests for the console's keymap: the one table of actions and keys
 * (TUI_ACTIONS) is complete and free of conflicts, the dispatcher finds
 * what it should, keys have the names the help uses, and the Keys list in
 * the CONSOLE section of man/plancon.1 names exactly the keys of the table.
 * Run from the top of the source tree, or with TOP set to it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plancon/tui_keymap.h"
#include "plancon/xalloc.h"

static void
test_table_complete(void **state)
{
	(void)state;
	for (int a = 0; a < TUI_ACT_COUNT; a++) {
		const struct tui_action *t = &tui_actions[a];
		assert_int_equal(t->id, a);
		assert_non_null(t->name);
		assert_true(strlen(t->name) > 0);
		assert_non_null(t->help);
		assert_true(strlen(t->help) > 0);
		assert_true(t->views != 0);
		assert_true(t->keys[0] != 0);
		for (int b = 0; b < a; b++)
			assert_string_not_equal(t->name, tui_actions[b].name);
	}
}

/* No key runs two actions in the same view. */
static void
test_no_conflicts(void **state)
{
	(void)state;
	for (int v = 0; v < VIEW_ID_COUNT; v++)
		for (int a = 0; a < TUI_ACT_COUNT; a++)
			for (int b = a + 1; b < TUI_ACT_COUNT; b++) {
				if (!(tui_actions[a].views & tui_actions[b].views & VB(v)))
					continue;
				for (int i = 0; i < TUI_MAX_KEYS && tui_actions[a].keys[i]; i++)
					for (int j = 0; j < TUI_MAX_KEYS && tui_actions[b].keys[j]; j++)
						if (tui_actions[a].keys[i] == tui_actions[b].keys[j])
							fail_msg("key %s runs both %s and %s in view %d",
							         keymap_key_name(tui_actions[a].keys[i]), tui_actions[a].name,
							         tui_actions[b].name, v);
			}
}

static void
test_lookup(void **state)
{
	(void)state;
	assert_int_equal(keymap_lookup(VIEW_PLAN, 'j'), TUI_ACT_DOWN);
	assert_int_equal(keymap_lookup(VIEW_PLAN, FN(KEY_DOWN)), TUI_ACT_DOWN);
	assert_int_equal(keymap_lookup(VIEW_ROADMAP, FN(KEY_NPAGE)), TUI_ACT_PAGE_DOWN);
	assert_int_equal(keymap_lookup(VIEW_PLAN, '\r'), TUI_ACT_OPEN);
	assert_int_equal(keymap_lookup(VIEW_PLAN, 127), TUI_ACT_BACK);
	assert_int_equal(keymap_lookup(VIEW_PLAN, '+'), TUI_ACT_EXPAND_ALL);
	assert_int_equal(keymap_lookup(VIEW_INDICATOR, '3'), TUI_ACT_VIEW);
	assert_int_equal(keymap_lookup(VIEW_PLAN, TUI_ESC), TUI_ACT_CLEAR);
	/* only where it applies */
	assert_int_equal(keymap_lookup(VIEW_DEPT, '+'), TUI_ACT_NONE);
	assert_int_equal(keymap_lookup(VIEW_INDICATOR, 'f'), TUI_ACT_NONE);
	assert_int_equal(keymap_lookup(VIEW_HELP, '/'), TUI_ACT_NONE);
	/* a character whose code is that of a curses key is not the key:
	 * U+0102 is KEY_DOWN's number */
	assert_int_equal(keymap_lookup(VIEW_PLAN, KEY_DOWN), TUI_ACT_NONE);
	assert_int_equal(keymap_lookup(VIEW_PLAN, L'中'), TUI_ACT_NONE);
}

static void
test_key_names(void **state)
{
	(void)state;
	assert_string_equal(keymap_key_name('j'), "j");
	assert_string_equal(keymap_key_name(FN(KEY_DOWN)), "Down");
	assert_string_equal(keymap_key_name(FN(KEY_NPAGE)), "PgDn");
	assert_string_equal(keymap_key_name(FN(KEY_PPAGE)), "PgUp");
	assert_string_equal(keymap_key_name(FN(KEY_BTAB)), "Shift-Tab");
	assert_string_equal(keymap_key_name(FN(KEY_F(1))), "F1");
	assert_string_equal(keymap_key_name(TUI_CTRL('l')), "Ctrl-L");
	assert_string_equal(keymap_key_name('\r'), "Enter");
	assert_string_equal(keymap_key_name('\n'), "Enter");
	assert_string_equal(keymap_key_name(127), "Backspace");
	assert_string_equal(keymap_key_name(TUI_ESC), "Esc");
	assert_string_equal(keymap_key_name('\t'), "Tab");
	assert_string_equal(keymap_key_name(' '), "Space");
	/* every key of the table has a real name */
	for (int a = 0; a < TUI_ACT_COUNT; a++)
		for (int i = 0; i < TUI_MAX_KEYS && tui_actions[a].keys[i]; i++)
			assert_true(strncmp(keymap_key_name(tui_actions[a].keys[i]), "key ", 4) != 0);
}

static void
test_keys_text(void **state)
{
	(void)state;
	char buf[96];
	keymap_keys_text(TUI_ACT_OPEN, buf, sizeof buf);
	assert_string_equal(buf, "Enter, l, Right");          /* Enter once, for \r, \n and KEY_ENTER */
	keymap_keys_text(TUI_ACT_BACK, buf, sizeof buf);
	assert_string_equal(buf, "Backspace, h, Left");
	keymap_keys_text(TUI_ACT_VIEW, buf, sizeof buf);
	assert_memory_equal(buf, "1, 2, 3, 4", 10);               /* one key per tab */
	char small[8];
	keymap_keys_text(TUI_ACT_PAGE_DOWN, small, sizeof small);
	assert_string_equal(small, "PgDn");                    /* cut between names, not inside one */
}

/* ---- the manual -------------------------------------------------------------- */

static char *
slurp(const char *name)
{
	const char *top = getenv("TOP");
	char *path = top && *top ? xasprintf("%s/%s", top, name) : xstrdup(name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (run from the top of the tree, or set TOP)", path);
	free(path);
	size_t cap = 4096, n = 0, got;
	char *buf = xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n < 2)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/* The key names in the tag lines (the line after each .TP) of the "Keys"
 * subsection of CONSOLE, as one string of "\n"-separated names. */
static char *
manual_keys(const char *page)
{
	const char *sec = strstr(page, "\n.SH CONSOLE\n");
	assert_non_null(sec);
	const char *keys = strstr(sec, "\n.SS Keys\n");
	assert_non_null(keys);
	const char *end = keys + 1;
	while ((end = strchr(end, '\n')) && strncmp(end + 1, ".SS ", 4) && strncmp(end + 1, ".SH ", 4))
		end++;
	size_t len = end ? (size_t)(end - keys) : strlen(keys);
	char *text = xasprintf("%.*s", (int)len, keys);
	char *out = xstrdup("\n");
	bool tag = false;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strcmp(line, ".TP")) {
			tag = true;
			continue;
		}
		if (!tag)
			continue;
		tag = false;
		/* ".BR j \", \" Down" -> j Down; "\-" is "-"; font escapes go */
		char *clean = xmalloc(strlen(line) + 1), *o = clean;
		const char *p = line;
		if (*p == '.')
			while (*p && *p != ' ')
				p++;
		for (; *p; p++) {
			if (p[0] == '\\' && p[1] == '-') {
				*o++ = '-';
				p++;
			} else if (p[0] == '\\' && p[1] == 'f' && p[2]) {
				p += 2;
			} else if (p[0] == '\\' && p[1] == '&') {
				p++;
			} else if (*p == '"' || *p == ',') {
				*o++ = ' ';
			} else {
				*o++ = *p;
			}
		}
		*o = '\0';
		for (char *save = NULL, *w = strtok_r(clean, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			char *next = xasprintf("%s%s\n", out, w);
			free(out);
			out = next;
		}
		free(clean);
	}
	free(text);
	return out;
}

static void
test_manual_lists_every_key(void **state)
{
	(void)state;
	char *page = slurp("man/plancon.1");
	char *listed = manual_keys(page);
	int missing = 0;
	for (int a = 0; a < TUI_ACT_COUNT; a++) {
		for (int i = 0; i < TUI_MAX_KEYS && tui_actions[a].keys[i]; i++) {
			char *want = xasprintf("\n%s\n", keymap_key_name(tui_actions[a].keys[i]));
			if (!strstr(listed, want)) {
				print_error("man/plancon.1, CONSOLE, Keys: no entry for key %s (%s)\n",
				            keymap_key_name(tui_actions[a].keys[i]), tui_actions[a].name);
				missing++;
			}
			free(want);
		}
	}
	/* and the other way round: the list names no key the console lacks */
	for (char *save = NULL, *w = strtok_r(listed, "\n", &save); w; w = strtok_r(NULL, "\n", &save)) {
		bool known = false;
		for (int a = 0; a < TUI_ACT_COUNT && !known; a++)
			for (int i = 0; i < TUI_MAX_KEYS && tui_actions[a].keys[i] && !known; i++)
				known = !strcmp(w, keymap_key_name(tui_actions[a].keys[i]));
		if (!known) {
			print_error("man/plancon.1, CONSOLE, Keys: \"%s\" is no key of the console\n", w);
			missing++;
		}
	}
	free(listed);
	free(page);
	assert_int_equal(missing, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_complete),
		cmocka_unit_test(test_no_conflicts),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_keys_text),
		cmocka_unit_test(test_manual_lists_every_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
