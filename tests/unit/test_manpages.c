/* Documentation drift: every configuration key the config module accepts
 * is described in plancon.ini(5) under its section, and every status the
 * model knows is described in plancon(1). The keys come from the code
 * (config_known_keys, THEME_ELEMENTS, TASK_STATUSES), so adding one without
 * documenting it fails here. Run from the top of the source tree, or with
 * TOP set to it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plancon/config.h"
#include "plancon/model.h"
#include "plancon/xalloc.h"

static char *
slurp(const char *name)
{
	const char *top = getenv("TOP");
	char *path = top && *top ? xasprintf("%s/%s", top, name) : xstrdup(name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	free(path);
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n < 2)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/* A heading line: .SH/.SS (man) or .Sh/.Ss (mdoc). */
static bool
is_heading(const char *line)
{
	return line[0] == '.' && line[1] == 'S' && strchr("SsHh", line[2]) && (line[3] == ' ' || line[3] == '\n');
}

/* The text from the heading that contains title up to the next heading,
 * malloc'd; NULL when no heading contains it. */
static char *
section_of(const char *page, const char *title)
{
	for (const char *l = page; *l; ) {
		const char *eol = strchr(l, '\n');
		size_t len = eol ? (size_t)(eol - l) : strlen(l);
		if (is_heading(l)) {
			char *line = xasprintf("%.*s", (int)len, l);
			bool hit = strstr(line, title) != NULL;
			free(line);
			if (hit) {
				const char *start = eol ? eol + 1 : l + len, *end = start;
				while (*end && !is_heading(end)) {
					const char *nl = strchr(end, '\n');
					end = nl ? nl + 1 : end + strlen(end);
				}
				return xasprintf("%.*s", (int)(end - start), start);
			}
		}
		l = eol ? eol + 1 : l + len;
	}
	return NULL;
}

static bool
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* True when word occurs in text as a whole word. */
static bool
has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word))
		if ((p == text || !word_char(p[-1])) && !word_char(p[n]))
			return true;
	return false;
}

static void
check_key(const char *page, const char *section, const char *key)
{
	char *title = xasprintf("[%s]", section);
	char *text = section_of(page, title);
	if (!text)
		fail_msg("plancon.ini.5 has no heading for section %s", title);
	bool ok = has_word(text, key);
	free(text);
	free(title);
	if (!ok)
		fail_msg("plancon.ini.5 does not describe %s:%s in its [%s] section", section, key, section);
}

static void
test_config_keys_documented(void **state)
{
	(void)state;
	char *page = slurp("man/plancon.ini.5");
	int n = 0;
	for (const char *const *k = config_known_keys(); *k; k++, n++) {
		const char *colon = strchr(*k, ':');
		assert_non_null(colon);
		char *section = xasprintf("%.*s", (int)(colon - *k), *k);
		if (!strcmp(colon + 1, "*")) {
			/* theme:* stands for every screen element */
			assert_string_equal(section, "theme");
#define X(id, name) check_key(page, section, name);
			THEME_ELEMENTS(X)
#undef X
		} else {
			check_key(page, section, colon + 1);
		}
		free(section);
	}
	assert_true(n >= 5);
	free(page);
}

/* The check itself must be able to fail. */
static void
test_missing_key_detected(void **state)
{
	(void)state;
	const char *page = ".Sh DESCRIPTION\n.Ss The [core] section\n.It Cm database\n"
	                   ".Ss The [ui] section\n.It Cm color\ncore_as_of as_offset\n";
	char *core = section_of(page, "[core]");
	assert_non_null(core);
	assert_true(has_word(core, "database"));
	assert_false(has_word(core, "color"));
	free(core);
	char *ui = section_of(page, "[ui]");
	assert_false(has_word(ui, "as_of"));
	free(ui);
	assert_null(section_of(page, "[ssh]"));
}

static void
test_statuses_documented(void **state)
{
	(void)state;
	char *page = slurp("man/plancon.1");
	char *text = section_of(page, "STATUS MODEL");
	if (!text)
		fail_msg("plancon.1 has no STATUS MODEL section");
#define X(id, key, en, zh) \
	if (!has_word(text, key) || !strstr(text, en)) \
		fail_msg("plancon.1 STATUS MODEL does not describe the status %s (%s)", key, en);
	TASK_STATUSES(X)
	MILESTONE_STATUSES(X)
#undef X
	free(text);
	free(page);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_keys_documented),
		cmocka_unit_test(test_missing_key_detected),
		cmocka_unit_test(test_statuses_documented),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
