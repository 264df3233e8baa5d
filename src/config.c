/* config: the configuration files, turned into a plain struct config.
 *
 * One table, keys[], drives everything: the defaults, the value parsers,
 * the detection of unknown sections and keys, and config_known_keys().
 * Adding a key is one line there (and one in the man page).
 *
 * iniparser 4.1 only splits a file into "section:key" = value. It returns
 * NULL for every kind of failure, prints to stderr, and its typed getters
 * crash on some input (CVE-2023-33461). So we open and read each file
 * ourselves first (to tell "cannot open" from the rest), reject what it
 * would choke on or silently misread (NUL bytes, a byte-order mark,
 * invalid UTF-8, lines too long for its 1024-byte buffer), capture its
 * messages through the error callback, and read values only with
 * iniparser_getstring(). */
#include "plancon/config.h"
#include "plancon/cycle.h"
#include "plancon/i18n.h"
#include "plancon/input.h"
#include "plancon/model.h"
#include "plancon/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <iniparser.h>

#include "plancon/xalloc.h"

#ifndef PLANCON_SYSCONFDIR
#define PLANCON_SYSCONFDIR "/etc"
#endif

enum {
	INI_LINE_MAX = 1022,		/* longest line iniparser 4.1 reads, without '\n' */
	FILE_SIZE_MAX = 1024 * 1024,
	ACCOUNT_MAX = 32,
	QUOTE_CUT = 64,			/* bytes of a value shown in a message */
	QUOTE_BUF = QUOTE_CUT * 4 + 16,
	WHY_BUF = 1024
};

/* Parse val into *dst; val NULL resets dst to "unset". On error returns -1
 * and writes "expected ..., got ..." into why. */
typedef int parse_fn(const char *val, void *dst, char *why, size_t whylen);

static parse_fn parse_path, parse_date, parse_bool, parse_theme, parse_account,
	parse_text, parse_zone, parse_period, parse_tristate;

struct key_def {
	const char *section;
	const char *key;
	const char *name;		/* "section:key", as iniparser stores it */
	parse_fn *parse;		/* NULL: one of choices */
	const char *const *choices;	/* a choice key: its words, NULL-terminated; the
					 * field is an int (an enum) set to the index */
	const char *choices_text;	/* "read or none", for the message */
	long min, max;			/* a number key (parse NULL, choices NULL): its range */
	size_t offset;			/* of the field in struct config */
	const char *def;		/* default, as written in a file; NULL = unset */
};

#define KEY(sec, k, fn, field, dflt) { .section = sec, .key = k, .name = sec ":" k, \
	.parse = fn, .offset = offsetof(struct config, field), .def = dflt }
/* A key whose value is one word of words (compared without case); the
 * field is an enum in the order of words. */
#define CHOICE(sec, k, words, text, field, dflt) { .section = sec, .key = k, \
	.name = sec ":" k, .choices = words, .choices_text = text, \
	.offset = offsetof(struct config, field), .def = dflt }

/* A key whose value is a whole number from lo to hi; the field is a long. */
#define NUMBER(sec, k, lo, hi, field, dflt) { .section = sec, .key = k, .name = sec ":" k, \
	.min = lo, .max = hi, .offset = offsetof(struct config, field), .def = dflt }

static const char *const policy_words[] = { "read", "none", NULL };
static const char *const cursor_words[] = { "bar", "arrow", NULL };
static const char *const sync_words[] = { "full", "normal", NULL };
static const char *const period_words[] = { "month", "quarter", NULL };

static const struct key_def keys[] = {
	KEY("core", "database", parse_path, database, NULL),
	KEY("core", "as_of", parse_date, as_of, "today"),
	CHOICE("core", "sync", sync_words, N_("full or normal"), sync, "full"),
	KEY("core", "time_zone", parse_zone, time_zone, NULL),
	KEY("ui", "color", parse_bool, color, "yes"),
	KEY("ui", "mouse", parse_bool, mouse, "yes"),
	CHOICE("ui", "cursor", cursor_words, N_("bar or arrow"), cursor, "bar"),
	KEY("ui", "detail", parse_bool, detail, "yes"),
#define X(id, elem) KEY("theme", elem, parse_theme, theme[id], NULL),
	THEME_ELEMENTS(X)
#undef X
	KEY("ssh", "gateway_account", parse_account, gateway_account, NULL),
	KEY("ssh", "authorized_keys", parse_path, authorized_keys, NULL),
	CHOICE("auth", "unknown_user", policy_words, N_("read or none"), unknown_user, "read"),
	KEY("auth", "contact", parse_text, contact, NULL),
	KEY("cycle", "enabled", parse_tristate, cycle.enabled, NULL),
	CHOICE("cycle", "period", period_words, N_("month or quarter"), cycle.period, NULL),
	NUMBER("cycle", "due_day", 1, 31, cycle.due_day, NULL),
	KEY("cycle", "office", parse_text, cycle.office, NULL),
	KEY("cycle", "since", parse_period, cycle.since, NULL),
	NUMBER("cycle", "near_days", 0, 3650, cycle.near_days, "30"),
	NUMBER("cycle", "grace_days", 0, 3650, cycle.grace_days, "10"),
	NUMBER("cycle", "evidence_max", 1, 100L * 1024 * 1024, cycle.evidence_max, "10485760"),
};
#define KEY_COUNT (sizeof keys / sizeof keys[0])

/* Colour names in curses order: COLOR_BLACK is 0 ... COLOR_WHITE is 7. */
static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const struct { const char *name; int bit; } attr_names[] = {
	{ "bold", CONFIG_ATTR_BOLD }, { "underline", CONFIG_ATTR_UNDERLINE },
	{ "reverse", CONFIG_ATTR_REVERSE }, { "dim", CONFIG_ATTR_DIM },
};

/* s escaped for a message (control bytes, '"' and '\\'), in double quotes
 * when marks, cut after about QUOTE_CUT bytes at a character boundary.
 * Messages reach a terminal: nothing in them may move the cursor. */
static const char *
quote(const char *s, bool marks, char buf[QUOTE_BUF])
{
	size_t o = 0;

	if (marks)
		buf[o++] = '"';
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i >= QUOTE_CUT && ((c & 0xC0) != 0x80 || i >= QUOTE_CUT + 3)) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (c < 0x20 || c == 0x7f) {
			snprintf(buf + o, 5, "\\x%02x", c);
			o += 4;
			continue;
		}
		if (c == '"' || c == '\\')
			buf[o++] = '\\';
		buf[o++] = (char)c;
	}
	if (marks)
		buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

/* Write "plancon: PATH: " and the message into err; returns -1. */
static int fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
	if (!err || !errlen)
		return -1;
	int n = snprintf(err, errlen, "plancon: %s: ", path);
	if (n >= 0 && (size_t)n < errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
expected(char *why, size_t whylen, const char *what, const char *got)
{
	char q[QUOTE_BUF];
	snprintf(why, whylen, _("expected %s, got %s"), what, quote(got, true, q));
	return -1;
}

/* The value parsers, one per kind of value. */

/* Replace *dst with a copy of val; NULL or "" leaves it unset. */
static void
string_set(char **dst, const char *val)
{
	free(*dst);
	*dst = val && *val ? xstrdup(val) : NULL;
}

static int
parse_text(const char *val, void *dst, char *why, size_t whylen)
{
	(void)why, (void)whylen;
	string_set(dst, val);
	return 0;
}

static int
parse_path(const char *val, void *dst, char *why, size_t whylen)
{
	char **out = dst;

	if (!val || val[0] != '~') {
		string_set(out, val);
		return 0;
	}
	if (val[1] != '/')
		return expected(why, whylen, _("a path (only a leading ~/ is expanded)"), val);
	const char *home = getenv("HOME");
	if (!home || !*home) {
		char q[QUOTE_BUF];
		snprintf(why, whylen, _("cannot expand ~/ in %s: HOME is not set"), quote(val, true, q));
		return -1;
	}
	size_t n = strlen(home);
	while (n > 1 && home[n - 1] == '/')
		n--;
	free(*out);
	*out = xasprintf("%.*s%s", (int)n, home, val + 1);
	return 0;
}

static int
parse_date(const char *val, void *dst, char *why, size_t whylen)
{
	char *out = dst;		/* char[11] */
	const char *what = _("a date YYYY-MM-DD or today");

	if (!val || !strcasecmp(val, "today")) {
		out[0] = '\0';
		return 0;
	}
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? val[i] != '-' : !isdigit((unsigned char)val[i]))
			return expected(why, whylen, what, val);
	if (val[10] != '\0')
		return expected(why, whylen, what, val);
	/* Only digits up to each '-', so atoi cannot overflow or misread. */
	int y = atoi(val), m = atoi(val + 5), d = atoi(val + 8);
	char q[QUOTE_BUF];
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > model_month_days(y, m)) {
		int n = snprintf(why, whylen, _("expected a real calendar date YYYY-MM-DD or today, got %s"),
		                 quote(val, true, q));
		if (n < 0 || (size_t)n >= whylen)
			return -1;
		if (y < 1)
			snprintf(why + n, whylen - (size_t)n, _(" (there is no year 0)"));
		else if (m < 1 || m > 12)
			snprintf(why + n, whylen - (size_t)n, _(" (there is no month %02d)"), m);
		else
			snprintf(why + n, whylen - (size_t)n, _(" (%.7s has %d days)"), val, model_month_days(y, m));
		return -1;
	}
	memcpy(out, val, 11);
	return 0;
}

/* An IANA time zone name (Asia/Shanghai, UTC): letters, digits and
 * "/_+-", no "..", as found under the system's zoneinfo. */
static int
parse_zone(const char *val, void *dst, char *why, size_t whylen)
{
	const char *what = _("a time zone name such as Asia/Shanghai");
	if (val && *val) {
		size_t n = strlen(val);
		bool ok = n < 64 && val[0] != '/' && !strstr(val, "..");
		for (size_t i = 0; ok && i < n; i++)
			ok = isalnum((unsigned char)val[i]) || strchr("/_+-", val[i]);
		if (!ok)
			return expected(why, whylen, what, val);
		char path[128];
		snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", val);
		FILE *f = fopen(path, "rb");
		char magic[4] = { 0 };
		ok = f && fread(magic, 1, 4, f) == 4 && !memcmp(magic, "TZif", 4);
		if (f)
			fclose(f);
		if (!ok && strcmp(val, "UTC"))
			return expected(why, whylen, what, val);
	}
	string_set(dst, val);
	return 0;
}

/* A reporting period's key: YYYY-MM or YYYY-Qn. */
static int
parse_period(const char *val, void *dst, char *why, size_t whylen)
{
	char *out = dst;		/* char[8] */
	if (!val || !*val) {
		out[0] = '\0';
		return 0;
	}
	struct cycle_period p;
	if (!cycle_period_parse(val, &p))
		return expected(why, whylen, _("a period YYYY-MM or YYYY-Qn"), val);
	memcpy(out, p.key, sizeof p.key);
	return 0;
}

/* yes or no, or unset (-1): the database's setting, else the built-in. */
static int
parse_tristate(const char *val, void *dst, char *why, size_t whylen)
{
	int *out = dst;
	bool b;
	if (!val) {
		*out = -1;
		return 0;
	}
	if (parse_bool(val, &b, why, whylen) < 0)
		return -1;
	*out = b;
	return 0;
}

static int
parse_bool(const char *val, void *dst, char *why, size_t whylen)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	bool *out = dst;

	if (!val)
		val = "no";
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (!strcasecmp(val, yes[i]) || !strcasecmp(val, no[i])) {
			*out = !strcasecmp(val, yes[i]);
			return 0;
		}
	}
	return expected(why, whylen, _("yes or no"), val);
}

static bool
color_parse(const char *s, short *out)
{
	if (!strcasecmp(s, "default")) {
		*out = -1;
		return true;
	}
	for (size_t i = 0; i < sizeof color_names / sizeof color_names[0]; i++) {
		if (!strcasecmp(s, color_names[i])) {
			*out = (short)i;
			return true;
		}
	}
	size_t n = strlen(s);
	if (n < 1 || n > 3 || strspn(s, "0123456789") != n || atoi(s) > 255)
		return false;
	*out = (short)atoi(s);
	return true;
}

static int
attr_parse(const char *s)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (!strcasecmp(s, attr_names[i].name))
			return attr_names[i].bit;
	return 0;
}

static char *
trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* FG[,BG][,ATTR...]; the BG may be left out before the attributes. */
static int
parse_theme(const char *val, void *dst, char *why, size_t whylen)
{
	struct theme_color t = { .set = val != NULL, .fg = -1, .bg = -1, .attrs = 0 };
	char *copy = xstrdup(val ? val : ""), *next = copy;
	int rc = 0, bit = 0;

	for (int i = 0; val && next && rc == 0; i++) {
		char *tok = next;
		if ((next = strchr(tok, ',')))
			*next++ = '\0';
		tok = trim(tok);
		if (i == 0 ? color_parse(tok, &t.fg) : i == 1 && color_parse(tok, &t.bg))
			continue;
		if (i > 0 && (bit = attr_parse(tok))) {
			t.attrs |= bit;
			continue;
		}
		char qv[QUOTE_BUF], qt[QUOTE_BUF];
		snprintf(why, whylen, _("expected FG[,BG][,ATTR...], got %s: %s is not %s"),
		         quote(val, true, qv), quote(tok, true, qt),
		         i == 0 ? _("a colour (default, black, red, green, yellow, blue, magenta, cyan, white or 0-255)") :
		         i == 1 ? _("a colour (default, black, red, green, yellow, blue, magenta, cyan, white or 0-255) "
		                    "or an attribute (bold, underline, reverse or dim)") :
		         _("an attribute (bold, underline, reverse or dim)"));
		rc = -1;
	}
	free(copy);
	if (rc == 0)
		*(struct theme_color *)dst = t;
	return rc;
}

static int
parse_account(const char *val, void *dst, char *why, size_t whylen)
{
	size_t n = val ? strlen(val) : 0;
	bool ok = n <= ACCOUNT_MAX;

	for (size_t i = 0; ok && i < n; i++) {
		char c = val[i];
		ok = (c >= 'a' && c <= 'z') || c == '_' ||
		     (i > 0 && ((c >= '0' && c <= '9') || c == '-'));
	}
	if (!ok)
		return expected(why, whylen, _("a login name ([a-z_][a-z0-9_-]*, at most 32 characters)"), val);
	string_set(dst, val);
	return 0;
}

/* Parse val (NULL: the key's "unset") into key k's field of cfg. */
static int
key_parse(const struct key_def *k, const char *val, struct config *cfg, char *why, size_t whylen)
{
	void *dst = (char *)cfg + k->offset;

	if (k->parse)
		return k->parse(val, dst, why, whylen);
	if (!val && !k->def) {
		/* Unset: the database's setting, else the built-in. */
		if (k->choices)
			*(int *)dst = -1;
		else
			*(long *)dst = 0;
		return 0;
	}
	if (!k->choices) {
		long n;
		if (!model_whole_parse(val ? val : k->def, k->min, k->max, &n)) {
			char what[64];
			snprintf(what, sizeof what, _("a whole number from %ld to %ld"), k->min, k->max);
			return expected(why, whylen, what, val);
		}
		*(long *)dst = n;
		return 0;
	}
	for (int i = 0; k->choices[i]; i++) {
		if (!strcasecmp(val ? val : k->def, k->choices[i])) {
			*(int *)dst = i;
			return 0;
		}
	}
	return expected(why, whylen, _(k->choices_text), val);
}

/* The table, read three ways: by name, by section, as a list. */

/* The entry for section and key; key NULL finds any key of the section. */
static const struct key_def *
key_find(const char *section, const char *key)
{
	for (size_t i = 0; i < KEY_COUNT; i++)
		if (!strcmp(keys[i].section, section) && (!key || !strcmp(keys[i].key, key)))
			return &keys[i];
	return NULL;
}

/* "a, b or c": the sections (section NULL) or the keys of section. */
static const char *
names_list(const char *section, char *buf, size_t size)
{
	const char *items[KEY_COUNT] = { NULL };
	size_t n = 0, o = 0;

	for (size_t i = 0; i < KEY_COUNT; i++) {
		if (section && strcmp(keys[i].section, section))
			continue;
		const char *s = section ? keys[i].key : keys[i].section;
		if (n == 0 || strcmp(items[n - 1], s))
			items[n++] = s;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < n && o < size; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? _(" or ") : ", ";
		int w = snprintf(buf + o, size - o, "%s%s%s%s", sep, section ? "" : "[", items[i],
		                 section ? "" : "]");
		o += w > 0 ? (size_t)w : 0;
	}
	return buf;
}

/* Built on the first call; call it once before starting threads. */
const char *const *
config_known_keys(void)
{
	static const char *list[KEY_COUNT + 1];

	if (!list[0]) {
		size_t n = 0;
		for (size_t i = 0; i < KEY_COUNT; i++) {
			const char *name = keys[i].parse == parse_theme ? "theme:*" : keys[i].name;
			if (n == 0 || strcmp(list[n - 1], name))
				list[n++] = name;
		}
		list[n] = NULL;
	}
	return list;
}

void
config_defaults(struct config *cfg)
{
	char why[WHY_BUF];

	memset(cfg, 0, sizeof *cfg);
	for (size_t i = 0; i < KEY_COUNT; i++)
		if (key_parse(&keys[i], keys[i].def, cfg, why, sizeof why) < 0)
			abort();	/* a bad default in keys[]: caught by the unit tests */
}

void
config_free(struct config *cfg)
{
	if (!cfg)
		return;
	free(cfg->database);
	free(cfg->gateway_account);
	free(cfg->authorized_keys);
	free(cfg->contact);
	free(cfg->time_zone);
	free(cfg->cycle.office);
	cfg->database = cfg->gateway_account = cfg->authorized_keys = cfg->contact = NULL;
}

/* Reading one file. */

/* Read path into *text (NUL-terminated). Returns 1 when read, 0 when it
 * does not exist and is not required, -1 on error. */
static int
file_read(const char *path, bool required, char **text, size_t *len, char *err, size_t errlen)
{
	struct error e;
	err_clear(&e);
	enum err_code c = input_read_file(path, FILE_SIZE_MAX, 0, NULL, text, len, &e);
	if (c == ERR_NOT_FOUND && !required)
		return 0;
	if (c) {
		if (err && errlen)
			snprintf(err, errlen, "plancon: %s", e.msg);
		return -1;
	}
	return 1;
}

/* Reject what iniparser would choke on or misread. Long lines are checked
 * the way its loader reads them: a line ending in '\' is joined to the
 * next, and the joined line must fit its buffer too. */
static int
text_check(const char *path, const char *text, size_t len, char *err, size_t errlen)
{
	const unsigned char *s = (const unsigned char *)text;
	char joined[INI_LINE_MAX + 2];
	size_t last = 0, first = 1, lineno = 0;

	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		return fail(err, errlen, path, _("line 1 starts with a byte-order mark; save the file as UTF-8 without one"));
	for (size_t p = 0; p < len; p++) {
		size_t q = p;
		lineno++;
		while (q < len && s[q] != '\n') {
			size_t k = text_utf8_len(text + q, len - q);
			if (k == 0 && s[q] == '\0')
				return fail(err, errlen, path, _("line %zu contains a NUL byte"), lineno);
			if (k == 0)
				return fail(err, errlen, path, _("line %zu is not valid UTF-8 (byte 0x%02x at column %zu)"),
				            lineno, s[q], q - p + 1);
			q += k;
		}
		if (last == 0)
			first = lineno;
		if (last + (q - p) > INI_LINE_MAX) {
			if (first == lineno)
				return fail(err, errlen, path, _("line %zu is longer than %d bytes"), lineno, INI_LINE_MAX);
			return fail(err, errlen, path, _("lines %zu-%zu, joined by a trailing backslash, are longer than %d bytes"),
			            first, lineno, INI_LINE_MAX);
		}
		memcpy(joined + last, s + p, q - p);
		size_t n = last + (q - p);
		while (n > 0 && isspace((unsigned char)joined[n - 1]))
			n--;
		last = n > 0 && joined[n - 1] == '\\' ? n - 1 : 0;
		/* iniparser takes "[a:b]" for a key, and then ignores it. */
		size_t b = 0;
		while (b < n && isspace((unsigned char)joined[b]))
			b++;
		const char *end = last == 0 && n > b + 1 && joined[b] == '[' && joined[n - 1] == ']' ?
		                  memchr(joined + b, ']', n - b) : NULL;
		if (end && memchr(joined + b, ':', (size_t)(end - joined) - b)) {
			char q2[QUOTE_BUF];
			joined[end - joined + 1] = '\0';
			return fail(err, errlen, path, _("line %zu: section name %s contains ':'"),
			            lineno, quote(joined + b, true, q2));
		}
		p = q;
	}
	return 0;
}

/* iniparser's messages, captured instead of printed: the first one only.
 * Its callback takes no context pointer, hence a static buffer: loading
 * configuration is not thread-safe. */
static char ini_msg[512];

static int ini_capture(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
ini_capture(const char *fmt, ...)
{
	if (ini_msg[0])
		return 0;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(ini_msg, sizeof ini_msg, fmt, ap);
	va_end(ap);
	return n;
}

/* Line lineno of text, without its end-of-line, malloc'd. */
static char *
text_line(const char *text, long lineno)
{
	for (long i = 1; i < lineno && text; i++)
		if ((text = strchr(text, '\n')))
			text++;
	if (!text)
		return xstrdup("");
	size_t n = strcspn(text, "\n");
	while (n > 0 && isspace((unsigned char)text[n - 1]))
		n--;
	return xstrndup(text, n);
}

static dictionary *
ini_load(const char *path, const char *text, char *err, size_t errlen)
{
	ini_msg[0] = '\0';
	iniparser_set_error_callback(ini_capture);
	dictionary *d = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (d && !ini_msg[0])
		return d;
	if (d)
		iniparser_freedict(d);

	/* Its syntax errors read "iniparser: syntax error in PATH (N):\n-> LINE". */
	char *prefix = xasprintf("iniparser: syntax error in %s (", path);
	size_t pl = strlen(prefix);
	long lineno = strncmp(ini_msg, prefix, pl) ? 0 : strtol(ini_msg + pl, NULL, 10);
	free(prefix);
	if (lineno > 0) {
		char *line = text_line(text, lineno), q[QUOTE_BUF];
		fail(err, errlen, path, _("line %ld: syntax error: expected [section], key = value or a comment, got %s"),
		     lineno, quote(line, true, q));
		free(line);
		return NULL;
	}
	ini_msg[strcspn(ini_msg, "\n")] = '\0';
	const char *m = strncmp(ini_msg, "iniparser: ", 11) ? ini_msg : ini_msg + 11;
	fail(err, errlen, path, _("cannot be parsed%s%s"), *m ? ": " : "", m);
	return NULL;
}

/* Every section and key in d must be in keys[]. */
static int
names_check(dictionary *d, const char *path, char *err, size_t errlen)
{
	char list[WHY_BUF], q[QUOTE_BUF], q2[QUOTE_BUF];
	int rc = 0;

	/* Keys above the first [section] are stored as ":key", which no
	 * section lists; an entry for the section "" makes them listable. */
	int nsec = iniparser_set(d, "", NULL) == 0 ? iniparser_getnsec(d) : -1;
	if (nsec < 0)
		return fail(err, errlen, path, _("cannot be parsed: cannot list its sections"));
	for (int i = 0; i < nsec && rc == 0; i++) {
		const char *sec = iniparser_getsecname(d, i);
		if (!sec)
			return fail(err, errlen, path, _("cannot be parsed: cannot list its sections"));
		if (*sec && !key_find(sec, NULL))
			return fail(err, errlen, path, _("[%s]: unknown section (expected %s)"),
			            quote(sec, false, q), names_list(NULL, list, sizeof list));
		int n = iniparser_getsecnkeys(d, sec);
		if (n <= 0)
			continue;
		/* Names come back whole, "section:key". */
		const char **names = xcalloc((size_t)n, sizeof *names);
		size_t sl = strlen(sec);
		if (!iniparser_getseckeys(d, sec, names))
			rc = fail(err, errlen, path, _("cannot be parsed: cannot list the keys of [%s]"), quote(sec, false, q));
		for (int j = 0; j < n && rc == 0; j++) {
			const char *k = names[j];
			if (!k || strncmp(k, sec, sl) || k[sl] != ':')
				continue;
			k += sl + 1;
			if (!*sec)
				rc = fail(err, errlen, path, _("%s: key outside any section (expected it under %s)"),
				          quote(k, false, q), names_list(NULL, list, sizeof list));
			else if (!key_find(sec, k))
				rc = fail(err, errlen, path, _("[%s] %s: unknown key (expected %s)"), quote(sec, false, q),
				          quote(k, false, q2), names_list(sec, list, sizeof list));
		}
		free(names);
	}
	return rc;
}

static int
values_apply(struct config *cfg, dictionary *d, const char *path, char *err, size_t errlen)
{
	char why[WHY_BUF];

	/* A key this file does not set is NULL here and keeps the value an
	 * earlier file gave it: that is the whole of the precedence rule. */
	for (size_t i = 0; i < KEY_COUNT; i++) {
		const char *val = iniparser_getstring(d, keys[i].name, NULL);
		if (val && key_parse(&keys[i], val, cfg, why, sizeof why) < 0)
			return fail(err, errlen, path, "[%s] %s: %s", keys[i].section, keys[i].key, why);
	}
	return 0;
}

/* Read, check the bytes, parse, check the names, then apply the values:
 * each step's error is more specific than the next one's would be. */
static int
file_load(struct config *cfg, const char *path, bool required, char *err, size_t errlen)
{
	char *text = NULL;
	size_t len = 0;
	dictionary *d = NULL;

	int rc = file_read(path, required, &text, &len, err, errlen);
	if (rc <= 0)
		return rc;
	rc = text_check(path, text, len, err, errlen);
	if (rc == 0 && !(d = ini_load(path, text, err, errlen)))
		rc = -1;
	if (rc == 0)
		rc = names_check(d, path, err, errlen);
	if (rc == 0)
		rc = values_apply(cfg, d, path, err, errlen);
	if (d)
		iniparser_freedict(d);
	free(text);
	return rc;
}

int
config_load_files(struct config *cfg, const char *const paths[],
                  const bool required[], size_t n, char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (paths[i] && file_load(cfg, paths[i], required && required[i], err, errlen) < 0)
			return -1;
	return 0;
}

size_t
config_paths(const char *explicit_path, char *paths[CONFIG_PATHS_MAX],
             bool required[CONFIG_PATHS_MAX])
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	size_t n = 0;

	paths[n] = xstrdup(PLANCON_SYSCONFDIR "/plancon/plancon.ini");
	required[n++] = false;
	paths[n] = NULL;
	/* The XDG spec says to ignore a relative XDG_CONFIG_HOME. */
	if (xdg && xdg[0] == '/')
		paths[n] = xasprintf("%s/plancon/plancon.ini", xdg);
	else if (home && *home)
		paths[n] = xasprintf("%s/.config/plancon/plancon.ini", home);
	if (paths[n])
		required[n++] = false;
	if (explicit_path) {
		paths[n] = xstrdup(explicit_path);
		required[n++] = true;
	}
	return n;
}

int
config_load(struct config *cfg, const char *explicit_path, char *err, size_t errlen)
{
	char *paths[CONFIG_PATHS_MAX] = { NULL };
	bool required[CONFIG_PATHS_MAX];

	size_t n = config_paths(explicit_path, paths, required);
	int rc = config_load_files(cfg, (const char *const *)paths, required, n, err, errlen);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	return rc;
}
