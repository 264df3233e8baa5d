/* i18n: the interface language, through gettext.
 * An installed plancon finds its catalogs under the LOCALEDIR it was built
 * with. A plancon run from its build tree (./plancon, build/plancon) finds
 * the catalogs the build made beside it, so that `make run` and the tests
 * speak the language of the locale without an install; a directory only
 * counts when it holds a plancon catalog, so a binary installed beside an
 * unrelated "locale" is not fooled. */
#include "plancon/i18n.h"

#include <glob.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plancon/xalloc.h"

#ifndef PLANCON_LOCALEDIR
#define PLANCON_LOCALEDIR "/usr/local/share/locale"
#endif

static char *bound_dir;

/* True when dir holds at least one catalog of the plancon domain. */
static bool
has_catalogs(const char *dir)
{
	char *pattern = xasprintf("%s/*/LC_MESSAGES/" PLANCON_TEXTDOMAIN ".mo", dir);
	glob_t g;
	int r = glob(pattern, GLOB_NOSORT, NULL, &g);
	bool found = r == 0 && g.gl_pathc > 0;
	if (r == 0 || r == GLOB_NOMATCH)
		globfree(&g);
	free(pattern);
	return found;
}

/* The build tree's catalog directory beside the running binary, or NULL. */
static char *
build_tree_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	static const char *const under[] = { "locale", "build/locale" };
	for (size_t i = 0; i < sizeof under / sizeof under[0]; i++) {
		char *dir = xasprintf("%s/%s", exe, under[i]);
		if (has_catalogs(dir))
			return dir;
		free(dir);
	}
	return NULL;
}

void
i18n_init(void)
{
	const char *env = getenv("PLANCON_LOCALEDIR");
	free(bound_dir);
	if (env && *env)
		bound_dir = xstrdup(env);
	else if (!(bound_dir = build_tree_dir()))
		bound_dir = xstrdup(PLANCON_LOCALEDIR);
	bindtextdomain(PLANCON_TEXTDOMAIN, bound_dir);
	bind_textdomain_codeset(PLANCON_TEXTDOMAIN, "UTF-8");
	textdomain(PLANCON_TEXTDOMAIN);
}

const char *
i18n_cgettext(const char *ctx_msgid)
{
	const char *t = gettext(ctx_msgid);
	if (t != ctx_msgid)
		return t;
	const char *text = strchr(ctx_msgid, '\004');
	return text ? text + 1 : ctx_msgid;
}
