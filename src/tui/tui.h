/* tui: what the console's files share: the app (screen, windows, views,
 * filter, search), the view interface, and modal input (prompts, pickers).
 *
 * A view is a file with a `const struct view_ops` table. The app owns the
 * loop and the layout; it asks the focused view to handle an action first,
 * then applies the generic list moves, then the global actions. Views that
 * show rows keep a struct list (list.h); views that show text (help, one
 * task) set scroll_only and fill their detail lines instead. */
#ifndef PLANCON_TUI_TUI_H
#define PLANCON_TUI_TUI_H

#include <curses.h>
#include <stdarg.h>
#include <stdbool.h>

#include "detail.h"
#include "list.h"
#include "plancon/cli.h"
#include "plancon/store_tasks.h"
#include "plancon/tui_keymap.h"

struct app;
struct view;

/* What a key handler did. */
enum {
	TUI_HANDLED = 1 << 0,
	TUI_QUIT    = 1 << 1,
};

struct view_ops {
	enum view_id id;
	const char *name;          /* tab and status line */
	/* Make the view (arg: what opened it, e.g. a department). NULL when it
	 * cannot be opened, after app_message. */
	struct view *(*open)(struct app *a, const void *arg);
	void (*close)(struct view *v);
	/* Reread everything shown: the data or the filter changed. Keeps the
	 * cursor's row when it still exists. */
	void (*reload)(struct view *v);
	/* Draw the column headings (v->header_rows rows at the top of w). */
	void (*draw_header)(struct view *v, WINDOW *w, int width);
	/* Draw row r at line y of w, width cells; cursor: it is selected. */
	void (*draw_row)(struct view *v, WINDOW *w, int y, int width, const struct list_row *r, bool cursor);
	/* Fill d (already reset to its width) with the detail of row r (NULL
	 * for scroll_only views: their whole text). */
	void (*detail)(struct view *v, const struct list_row *r, struct detail *d);
	/* Handle an action before the app does; return TUI_HANDLED if done. */
	int (*key)(struct view *v, enum tui_act act, int key);
	/* Move the cursor to the next row matching text (backward: the
	 * previous), from the cursor's row (inclusive: the cursor's row counts),
	 * wrapping around. True when found. */
	bool (*search)(struct view *v, const char *text, bool backward, bool inclusive);
	bool scroll_only;          /* text, not rows: the keys scroll */
	bool cycle;                /* a tab only while the supervision cycle is on */
	bool has_detail;           /* shows a detail pane */
};

struct view {
	const struct view_ops *ops;
	struct app *app;
	struct list list;
	struct detail detail;      /* of the cursor's row, or the text */
	int header_rows;
	char *label;               /* status line label; NULL: ops->name */
	bool stale;                /* the data changed while hidden */
};

/* Modal input: a prompt on the status line, or a picker. */
struct modal;
struct modal_ops {
	/* Handle a key; return true when the modal is finished. */
	bool (*key)(struct modal *m, struct app *a, int key);
	/* Draw over the screen; may leave the cursor where typing goes. */
	void (*draw)(struct modal *m, struct app *a);
	void (*free)(struct modal *m);
};
struct modal {
	const struct modal_ops *ops;
};

/* A question on the status line (ask.c): fn gets the answer (Enter) and
 * returns true when done, false to stay (after ask_again, or a message
 * saying what is wrong with the answer). Esc cancels. ctx is freed with
 * free_ctx (may be NULL) when the question ends. */
typedef bool (*ask_fn)(struct app *a, struct modal *m, void *ctx, const char *answer);
void ask_start(struct app *a, const char *label, const char *initial, ask_fn fn, void *ctx,
               void (*free_ctx)(void *));
/* Ask the next question in the same place. */
void ask_again(struct modal *m, const char *label, const char *initial);

/* The filter of the task lists. */
struct tui_filter {
	char *status;              /* key; NULL: any */
	long long dept_id;         /* 0: any */
	char *dept;                /* its short name */
	long long chapter_id;      /* 0: any */
	int chapter_no;
	int light;                 /* 1 + enum cycle_light; 0: any */
};

/* What opens a department's tasks (VIEW_DEPT_TASKS). */
struct dept_ref {
	long long id;
	const char *short_name, *name;
};

enum { TUI_MAX_DEPTH = 6 };
/* Below this size the console shows only a notice. */
enum { TUI_MIN_COLS = 60, TUI_MIN_ROWS = 16 };

/* The registry of top-level views, in tab order (keys 1, 2, ...); the
 * app's tabs are those of them it shows (a->tabs: the cycle's only while
 * the cycle is on). */
extern const struct view_ops *const tui_tabs[];
extern const int tui_ntabs;
enum { TUI_TABS_MAX = 16 };

struct app {
	struct cli *cli;
	struct store *store;
	const char *as_of;
	struct cycle_settings cycle;   /* session_cycle: the lights, when on */
	SCREEN *screen;
	int rows, cols;
	bool too_small;
	WINDOW *top, *body, *pane, *status;     /* pane: the detail pane, or NULL */
	bool pane_right;
	bool show_detail;
	const struct view_ops *tabs[TUI_TABS_MAX];
	int ntabs;
	int tab;
	struct view *stack[TUI_TABS_MAX][TUI_MAX_DEPTH];
	int depth[TUI_TABS_MAX];
	struct tui_filter filter;
	char *search;              /* the highlighted search text, or NULL */
	struct modal *modal;
	char msg[512];             /* the latest message, until the next key (message.c) */
	attr_t msg_attr;
	bool msg_over;             /* it did not fit the status line: shown above it */
	struct message_log *log;   /* the last messages, for M */
	long long data_version;
	bool quit;
	bool full_redraw;
	char *db_name;
	char *title;               /* the plan's title, or NULL */
	char *who;                 /* who the console acts as, with the role (bars_identify) */
	bool ahead;                /* ahead_key was read (app_key_pending) and */
	int ahead_key;             /* is the next key to handle */
};

/* The view in front. */
struct view *app_view(struct app *a);

/* Open a sub-view over the current one. */
void app_push(struct app *a, const struct view_ops *ops, const void *arg);
/* Close the view in front (not a tab's own view). */
void app_pop(struct app *a);

/* True when a key is waiting to be handled (typed ahead, pasted, or
 * committed by an input method with others): the caller can then leave
 * slow work (a search, a repaint) for after the keys. Never blocks. */
bool app_key_pending(struct app *a);

/* Messages (message.c). A message shows until the next key, whole: on
 * the status line, or wrapped above it when too long; the last ones are
 * kept for M. */
void app_message(struct app *a, attr_t attr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Show e as a message. */
void app_error(struct app *a, const struct error *e);
/* Keep text among the last messages without showing it: what a modal
 * says inside its own box. */
void message_log(struct app *a, attr_t attr, const char *text);
/* Whatever draws the status line (bars, a prompt on it) offers the
 * message cols cells from x: drawn there, and true, when it fits whole;
 * else false, and message_draw_over shows it. */
bool message_status(struct app *a, int x, int cols);
/* The message wrapped on the lines above the status line, when the last
 * message_status found no room for it; the last thing drawn. */
void message_draw_over(struct app *a);
/* Forget the kept messages. */
void message_free(struct app *a);

/* The filter as a store query (search NULL). */
void app_query(const struct app *a, struct task_query *q);
/* True when a filter is set. */
bool app_filtered(const struct app *a);

/* Start a modal; the app frees it when its key handler says it is done. */
void app_modal(struct app *a, struct modal *m);

/* Every view shows the data again (the filter changed). */
void app_reload_all(struct app *a);

/* The generic view setup: ops, app, list with src (NULL for scroll_only). */
void view_init(struct view *v, const struct view_ops *ops, struct app *a, const struct list_src *src, void *ctx);
void view_fini(struct view *v);

/* The title bar, the status line, and the notice of a terminal too small
 * (bars.c); the caller refreshes. */
void bars_draw_top(struct app *a);
void bars_draw_status(struct app *a, struct view *v);
void bars_draw_small(struct app *a);
/* Who the console acts as (the session's user: the login, --user, or the
 * gateway's --ssh-user) and their role, for the status line (a->who). */
void bars_identify(struct app *a);
/* The tab under column x of the title bar, or -1. */
int bars_tab_at(int x);

/* Search and filter (search.c). */
void search_start(struct app *a);
void search_next(struct app *a, bool backward);
void filter_start(struct app *a);
void filter_clear(struct app *a);
/* The light filter's next step: any, red, yellow, green, closed, any
 * (a message when the cycle is off). */
void filter_light_next(struct app *a);
/* The filter as text for the status line ("" when none); malloc'd. */
char *filter_text(const struct app *a);

/* Views. */
extern const struct view_ops plan_view_ops, dept_view_ops, roadmap_view_ops, indicator_view_ops,
	dept_tasks_view_ops, task_view_ops, help_view_ops, report_view_ops, messages_view_ops,
	work_view_ops, review_view_ops;

/* The cycle's views (work_view.c): true when the user's departments have
 * something to do now (returned, missing, to file, unseen reminders),
 * so that the Work view opens first. */
bool work_pressing(struct app *a);
/* True when the office's review queue is not empty (review_view.c). */
bool review_pressing(struct app *a);
/* The tab showing ops, or -1. */
int app_tab_of(const struct app *a, const struct view_ops *ops);

#endif
