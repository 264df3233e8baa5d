/* prompt: a one-line text editor (search, filter, and forms), and a
 * picker: a list to choose from, narrowed by typing. Both take the key
 * codes of tui_keymap.h and edit wide characters, so Chinese text typed
 * through an input method is edited a character (two cells) at a time. */
#ifndef PLANCON_TUI_PROMPT_H
#define PLANCON_TUI_PROMPT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum prompt_result {
	PROMPT_NONE,        /* the key did nothing */
	PROMPT_MOVED,       /* the cursor moved */
	PROMPT_CHANGED,     /* the text changed */
	PROMPT_ACCEPT,      /* Enter */
	PROMPT_CANCEL,      /* Esc */
};

struct prompt {
	wchar_t *buf;
	size_t len, cap;    /* characters, without the terminating L'\0' */
	size_t cur;         /* cursor: index of the character it is before */
	size_t first;       /* first character shown */
	size_t max;         /* most characters accepted (0: no limit) */
	bool selected;      /* the whole text is selected (prompt_select_all) */
};

/* Start with initial text (UTF-8, may be NULL); max 0 means no limit. */
void prompt_init(struct prompt *p, const char *initial, size_t max);
void prompt_free(struct prompt *p);

/* Apply one key: printable characters insert; Left, Right, Home, End,
 * Ctrl-A, Ctrl-E move; Backspace, Delete, Ctrl-U, Ctrl-W delete; Enter
 * accepts and Esc cancels. While the text is selected, a printable
 * character replaces all of it; any other key drops the selection first
 * and then edits as usual. */
enum prompt_result prompt_key(struct prompt *p, int key);

/* Select the whole text, with the cursor at its end: what a field does
 * when it gets the focus, so that typing replaces its value. */
void prompt_select_all(struct prompt *p);

/* The text as a malloc'd UTF-8 string. */
char *prompt_text(const struct prompt *p);

/* Draw the text in cols cells at (y, x), scrolled so the cursor shows
 * (in reverse video while selected), and leave the window's cursor at
 * the editing position. */
void prompt_draw(struct prompt *p, WINDOW *w, int y, int x, int cols, attr_t attr);

/* ---- picker ---------------------------------------------------------------- */

struct picker {
	char *title;
	char **items;       /* shown text */
	int n, cap;
	int *shown;         /* indices of the items that match the typed text */
	int nshown;
	int cur, top;       /* in shown */
	struct prompt typed;
};

enum picker_result { PICK_NONE, PICK_CHOSEN, PICK_CANCEL };

void picker_init(struct picker *k, const char *title);
void picker_add(struct picker *k, const char *item);
void picker_free(struct picker *k);

/* Apply one key: Up, Down, PgUp, PgDn move; other keys edit the text that
 * narrows the list; Enter chooses (the item's index into *chosen); Esc
 * cancels. */
enum picker_result picker_key(struct picker *k, int key, int *chosen);

/* Draw the picker as a box centred in a screen of rows x cols; returns the
 * window it drew into (the caller refreshes and deletes it). */
WINDOW *picker_draw(struct picker *k, int rows, int cols, attr_t frame, attr_t cursor);

#endif
