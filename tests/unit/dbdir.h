/* dbdir: the fixture of the unit tests that need a database file: a new
 * directory under $TMPDIR (or /tmp) for each test, removed after it, and
 * the path of plan.db in it. Include it after <cmocka.h>. */
#ifndef PLANCON_TEST_DBDIR_H
#define PLANCON_TEST_DBDIR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/xalloc.h"

struct fixture {
	char dir[64];
	char *path;                 /* dir/plan.db */
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof f->dir, "%s/plancon-test.XXXXXX", tmp && *tmp == '/' && strlen(tmp) < 32 ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	f->path = xasprintf("%s/plan.db", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	int r = system(cmd);
	free(cmd);
	free(f->path);
	free(f);
	return r == 0 ? 0 : -1;
}

#endif
