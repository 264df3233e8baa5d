/* tui_keymap: the console's keys, declared once. The TUI_ACTIONS table
 * below generates the action enum, the dispatcher's lookup, the help
 * screen, and the list that the documentation test checks against
 * plancon(1). To add a key or an action, add it here and to the CONSOLE
 * section of man/plancon.1; nothing else lists keys. */
#ifndef PLANCON_TUI_KEYMAP_H
#define PLANCON_TUI_KEYMAP_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "plancon/i18n.h"

/* The console's views: the top-level ones (in the order of the tabs, see
 * the registry in src/tui/app.c) and the sub-views opened from them. */
enum view_id {
	VIEW_PLAN,          /* 1: parts, chapters, sections, tasks */
	VIEW_DEPT,          /* 2: departments */
	VIEW_ROADMAP,       /* 3: milestones by year */
	VIEW_INDICATOR,     /* 4: indicators */
	VIEW_REPORT,        /* 5: the progress report */
	VIEW_WORK,          /* 6: the departments' to-do list (the cycle on) */
	VIEW_REVIEW,        /* 7: the office's review queue (the cycle on) */
	VIEW_DEPT_TASKS,    /* a department's tasks (from 2) */
	VIEW_TASK,          /* one task in full (Enter on a task) */
	VIEW_HELP,          /* the keys (?) */
	VIEW_MESSAGES,      /* the last messages (M) */
	VIEW_ID_COUNT
};

#define VB(v) (1u << (v))
#define V_ALL     0xffffffffu
/* Views that list tasks: the filter applies to them. */
#define V_TASKS   (VB(VIEW_PLAN) | VB(VIEW_ROADMAP) | VB(VIEW_DEPT_TASKS))
/* Views with rows to search and a detail pane. */
#define V_BROWSE  (V_TASKS | VB(VIEW_DEPT) | VB(VIEW_INDICATOR) | VB(VIEW_REPORT) | VB(VIEW_WORK))
/* Views with a detail pane (the review view uses n for reject, not a match). */
#define V_DETAIL  (V_BROWSE | VB(VIEW_REVIEW))
/* Views whose rows open something. */
#define V_OPEN    (V_TASKS | VB(VIEW_DEPT) | VB(VIEW_WORK) | VB(VIEW_REVIEW))

/* Key codes: a character is its code point; a curses function key
 * (KEY_DOWN, ...) is FN(key), so that it never equals a character. */
#define TUI_FN        0x1000000
#define FN(k)         (TUI_FN | (k))
#define TUI_CTRL(c)   ((c) & 0x1f)
#define TUI_ESC       27
#define TUI_MAX_KEYS  8

/* id, name (for the documentation), views (mask of VB(VIEW_*)),
 * help text (translated where it is shown), keys... (the first key is the
 * one the help shows first). */
#define TUI_ACTIONS(X) \
	X(TUI_ACT_DOWN,     "down",         V_ALL,    N_("Move down one row"), \
	  'j', FN(KEY_DOWN)) \
	X(TUI_ACT_UP,       "up",           V_ALL,    N_("Move up one row"), \
	  'k', FN(KEY_UP)) \
	X(TUI_ACT_PAGE_DOWN, "page-down",    V_ALL,    N_("Move down one page"), \
	  FN(KEY_NPAGE), TUI_CTRL('f'), ' ') \
	X(TUI_ACT_PAGE_UP,  "page-up",      V_ALL,    N_("Move up one page"), \
	  FN(KEY_PPAGE), TUI_CTRL('b')) \
	X(TUI_ACT_FIRST,    "first",        V_ALL,    N_("Go to the first row"), \
	  'g', FN(KEY_HOME)) \
	X(TUI_ACT_LAST,     "last",         V_ALL,    N_("Go to the last row"), \
	  'G', FN(KEY_END)) \
	X(TUI_ACT_OPEN,     "open",         V_OPEN,   N_("Open or expand the selected row"), \
	  '\r', '\n', FN(KEY_ENTER), 'l', FN(KEY_RIGHT)) \
	X(TUI_ACT_UPDATE,   "update",       V_TASKS | VB(VIEW_TASK), N_("Update the selected task: status, progress, note"), \
	  's') \
	X(TUI_ACT_FILE,     "file-report",  VB(VIEW_WORK), N_("Write the selected task's report: save a draft or submit it"), \
	  's') \
	X(TUI_ACT_EXTEND,   "extension",    VB(VIEW_WORK), N_("Ask for a later due date: the date, then the reason"), \
	  'x') \
	X(TUI_ACT_ACCEPT,   "accept",       VB(VIEW_REVIEW), N_("Accept the selected report"), \
	  'a') \
	X(TUI_ACT_RETURN,   "return",       VB(VIEW_REVIEW), N_("Return the selected report, with the reason"), \
	  'r') \
	X(TUI_ACT_VERIFY,   "verify",       VB(VIEW_REVIEW), N_("Verify the task done (its done report accepted)"), \
	  'v') \
	X(TUI_ACT_APPROVE,  "approve",      VB(VIEW_REVIEW), N_("Approve the selected extension request"), \
	  'y') \
	X(TUI_ACT_REJECT,   "reject",       VB(VIEW_REVIEW), N_("Reject the selected extension request, with the reason"), \
	  'n') \
	X(TUI_ACT_BACK,     "back",         V_ALL,    N_("Collapse, go to the parent row, or go back"), \
	  FN(KEY_BACKSPACE), 127, 8, 'h', FN(KEY_LEFT)) \
	X(TUI_ACT_EXPAND_ALL, "expand-all",   VB(VIEW_PLAN), N_("Expand every part, chapter and section"), \
	  '+') \
	X(TUI_ACT_COLLAPSE_ALL, "collapse-all", VB(VIEW_PLAN), N_("Collapse the tree to its parts"), \
	  '-') \
	X(TUI_ACT_NEXT_VIEW, "next-view",    V_ALL,    N_("Go to the next view"), \
	  '\t') \
	X(TUI_ACT_PREV_VIEW, "prev-view",    V_ALL,    N_("Go to the previous view"), \
	  FN(KEY_BTAB)) \
	X(TUI_ACT_VIEW,     "view",         V_ALL,    N_("Go to view N: 1 Plan, 2 Departments, 3 Roadmap, 4 Indicators, 5 Report, 6 Work, 7 Review"), \
	  '1', '2', '3', '4', '5', '6', '7') \
	X(TUI_ACT_SEARCH,   "search",       V_BROWSE, N_("Search as you type; Enter keeps the match, Esc goes back"), \
	  '/') \
	X(TUI_ACT_NEXT_MATCH, "next-match",   V_BROWSE, N_("Go to the next match"), \
	  'n') \
	X(TUI_ACT_PREV_MATCH, "prev-match",   V_BROWSE, N_("Go to the previous match"), \
	  'N') \
	X(TUI_ACT_FILTER,   "filter",       V_TASKS,  N_("Filter the tasks by status, department or chapter"), \
	  'f') \
	X(TUI_ACT_LIGHT,    "light",        V_TASKS,  N_("Filter by warning light: red, yellow, green, closed, all"), \
	  'L') \
	X(TUI_ACT_CLEAR,    "clear",        V_ALL,    N_("Clear the search highlight and the filter"), \
	  TUI_ESC) \
	X(TUI_ACT_DETAIL,   "detail",       V_DETAIL, N_("Show or hide the detail pane"), \
	  'i') \
	X(TUI_ACT_DETAIL_DOWN, "detail-down",  V_DETAIL, N_("Scroll the detail pane down"), \
	  'J') \
	X(TUI_ACT_DETAIL_UP, "detail-up",    V_DETAIL, N_("Scroll the detail pane up"), \
	  'K') \
	X(TUI_ACT_GROUPING, "grouping",     VB(VIEW_REPORT), N_("Group by department, chapter, year or status"), \
	  'b') \
	X(TUI_ACT_EXPORT,   "export",       VB(VIEW_REPORT), N_("Export the report to a file; asks for its name"), \
	  'e') \
	X(TUI_ACT_HELP,     "help",         V_ALL,    N_("Show the keys of this view"), \
	  '?', FN(KEY_F(1))) \
	X(TUI_ACT_MESSAGES, "messages",     V_ALL,    N_("Show the last messages, newest first"), \
	  'M') \
	X(TUI_ACT_REDRAW,   "redraw",       V_ALL,    N_("Redraw the whole screen"), \
	  TUI_CTRL('l')) \
	X(TUI_ACT_QUIT,     "quit",         V_ALL,    N_("Quit; in a sub-view, go back"), \
	  'q') \
	X(TUI_ACT_QUIT_ALL, "quit-all",     V_ALL,    N_("Quit from anywhere"), \
	  'Q')

enum tui_act {
	TUI_ACT_NONE = -1,
#define X(id, name, views, help, ...) id,
	TUI_ACTIONS(X)
#undef X
	TUI_ACT_COUNT
};

struct tui_action {
	enum tui_act id;
	const char *name;
	unsigned views;
	const char *help;
	int keys[TUI_MAX_KEYS];     /* 0-terminated */
};

/* The table, indexed by enum tui_act. */
extern const struct tui_action tui_actions[TUI_ACT_COUNT];

/* The action that key code key runs in view v, or TUI_ACT_NONE. */
enum tui_act keymap_lookup(enum view_id v, int key);

/* The name of a key as the help and the manual write it: "j", "Down",
 * "PgDn", "Ctrl-L", "Enter", "Esc", "Space". Static storage. */
const char *keymap_key_name(int key);

/* The distinct key names of action a, joined by ", " into out. */
void keymap_keys_text(enum tui_act a, char *out, size_t outlen);

#endif
