/* libFuzzer harness: the plan-file validator and loader (store_import)
 * into an empty database. Invariants: no crash or leak; a refusal says
 * why and writes nothing (the next input still finds an empty database);
 * an accepted file gives a database that passes plancon check. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plancon/store_maint.h"
#include "plancon/store_planfile.h"
#include "plancon/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char dir[64], path[96];
static struct store *s;

static void
remove_db(void)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		char p[128];
		snprintf(p, sizeof p, "%s%s", path, ext[i]);
		unlink(p);
	}
}

static void
fresh(void)
{
	struct error e;
	store_close(s);
	s = NULL;
	remove_db();
	if (store_open(&s, path, STORE_CREATE | STORE_EMPTY, &e) != ERR_OK)
		abort();
}

static void
cleanup(void)
{
	store_close(s);
	remove_db();
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_init_locale();
	snprintf(dir, sizeof dir, "/tmp/plancon-fuzz-import.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/plan.db", dir);
	atexit(cleanup);
	fresh();
	return 0;
}

static void
count_problems(const char *p, void *ctx)
{
	(void)p;
	(*(int *)ctx)++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error e;
	err_clear(&e);
	enum err_code c = store_import(s, (const char *)data, size, &e);
	if (c != ERR_OK) {
		if (!e.msg[0])
			abort();                /* a refusal says why */
		if (c != ERR_INVALID)
			abort();                /* into an empty database, only the file can be wrong */
		return 0;
	}
	int seen = 0, problems = 0;
	store_close(s);
	s = NULL;
	if (store_verify(path, count_problems, &seen, &problems, &e) != ERR_OK || problems != 0)
		abort();                        /* what was accepted must be a sound database */
	fresh();
	return 0;
}
