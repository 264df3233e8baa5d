/* config: the configuration files, read with iniparser and turned into a
 * plain struct. The only module that includes iniparser.h. */
#ifndef PLANCON_CONFIG_H
#define PLANCON_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* Screen elements the theme can colour (section [theme], key = element). */
#define THEME_ELEMENTS(X) \
	X(THEME_TITLE,     "title")     \
	X(THEME_STATUS,    "status")    \
	X(THEME_CURSOR,    "cursor")    \
	X(THEME_HEADER,    "header")    \
	X(THEME_DONE,      "done")      \
	X(THEME_ACTIVE,    "active")    \
	X(THEME_LATE,      "late")      \
	X(THEME_BLOCKED,   "blocked")   \
	X(THEME_MATCH,     "match")     \
	X(THEME_BAR,       "bar")       \
	X(THEME_DIM,       "dim")       \
	X(THEME_LIGHT_RED,    "light_red")    \
	X(THEME_LIGHT_YELLOW, "light_yellow") \
	X(THEME_LIGHT_GREEN,  "light_green")  \
	X(THEME_LIGHT_CLOSED, "light_closed")

enum theme_element {
#define X(id, name) id,
	THEME_ELEMENTS(X)
#undef X
	THEME_COUNT
};

/* One theme entry: curses colour numbers (-1 = terminal default) and
 * attribute bits (CONFIG_ATTR_*); set = false means "use the built-in". */
enum { CONFIG_ATTR_BOLD = 1, CONFIG_ATTR_UNDERLINE = 2, CONFIG_ATTR_REVERSE = 4, CONFIG_ATTR_DIM = 8 };
struct theme_color {
	bool set;
	short fg, bg;
	int attrs;
};

/* Choice keys: each enum is in the order of the words in config.c. */
enum unknown_user_policy { UNKNOWN_USER_READ, UNKNOWN_USER_NONE };
enum cursor_style { CURSOR_BAR, CURSOR_ARROW };
enum sync_mode { SYNC_FULL, SYNC_NORMAL };

struct config {
	char *database;                  /* [core] database: path, NULL = default */
	char as_of[11];                  /* [core] as_of: YYYY-MM-DD, "" = today */
	enum sync_mode sync;             /* [core] sync: full|normal */
	bool color;                      /* [ui] color, default true */
	bool mouse;                      /* [ui] mouse, default true */
	enum cursor_style cursor;        /* [ui] cursor: bar|arrow */
	bool detail;                     /* [ui] detail: the detail pane at start, default true */
	struct theme_color theme[THEME_COUNT];   /* [theme] */
	char *gateway_account;           /* [ssh] gateway_account, NULL = none */
	char *authorized_keys;           /* [ssh] authorized_keys: path, NULL = the gateway's ~/.ssh/authorized_keys */
	enum unknown_user_policy unknown_user;   /* [auth] unknown_user: read|none */
	char *contact;                   /* [auth] contact: who to ask for access, NULL = none */
	char *time_zone;                 /* [core] time_zone: IANA name, NULL = the process's */
	struct {                         /* [cycle]: the supervision cycle (plancon(1), SUPERVISION);
	                                  * enabled, period, due_day, office and since unset here
	                                  * take the database's (its plan file's), else the built-in */
		int enabled;             /* enabled: 1 yes, 0 no, -1 unset (default no) */
		int period;              /* period: enum cycle_kind (month|quarter), -1 unset (month) */
		long due_day;            /* due_day: 1-31, 0 unset (5) */
		char *office;            /* office: the office department's short name */
		char since[8];           /* since: the first period, "" = from the first report */
		long near_days;          /* near_days: default 30 */
		long grace_days;         /* grace_days: default 10 */
		long evidence_max;       /* evidence_max: bytes, default 10 MiB */
	} cycle;
};

/* Fill cfg with the built-in defaults (strings it held are not freed). */
void config_defaults(struct config *cfg);

/* Read each existing file of paths[0..n) in order, later ones overriding
 * earlier ones key by key. A file that does not exist is skipped unless it
 * is required[i]. On error returns -1 and writes a message naming the file,
 * the key and what was expected into err (errlen bytes); cfg may then be
 * partly filled. Returns 0 on success. */
int config_load_files(struct config *cfg, const char *const paths[],
                      const bool required[], size_t n, char *err, size_t errlen);

/* Load the standard files: /etc/plancon/plancon.ini, then
 * $XDG_CONFIG_HOME/plancon/plancon.ini (or ~/.config/plancon/plancon.ini),
 * then explicit (if not NULL; it must exist). Same contract as above. */
int config_load(struct config *cfg, const char *explicit_path, char *err, size_t errlen);

/* The files config_load reads, in order: malloc'd paths (free each) into
 * paths[] and whether each must exist into required[]; returns how many. */
enum { CONFIG_PATHS_MAX = 3 };
size_t config_paths(const char *explicit_path, char *paths[CONFIG_PATHS_MAX],
                    bool required[CONFIG_PATHS_MAX]);

/* Free what config_load allocated (not cfg itself). */
void config_free(struct config *cfg);

/* The accepted keys as "section:key" strings, NULL-terminated, for the
 * documentation drift test ("theme:*" stands for the theme elements). */
const char *const *config_known_keys(void);

#endif
