/* libFuzzer harness: the configuration parser. Each input is written to a
 * file and loaded with config_load_files, as plancon loads plancon.ini.
 * Invariants: no crash or leak; a failure comes with a message; a success
 * leaves only values the parsers accept. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plancon/config.h"
#include "plancon/model.h"
#include "plancon/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char path[64];
static int fd = -1;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	text_init_locale();
	snprintf(path, sizeof path, "/tmp/plancon-fuzz-config.XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		abort();
	/* The harness removes its file at exit; libFuzzer ends by exit(). */
	unlink(path);
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	const char *paths[] = { path };
	const bool required[] = { true };
	struct config cfg;
	char err[1024];
	err[0] = '\0';
	config_defaults(&cfg);
	int r = config_load_files(&cfg, paths, required, 1, err, sizeof err);
	if (r != 0 && r != -1)
		abort();
	if (r != 0 && (err[0] == '\0' || strlen(err) >= sizeof err))
		abort();                        /* a failure must say why */
	if (r == 0) {
		if (cfg.as_of[0] && !model_date_valid(cfg.as_of))
			abort();                /* a date that passed must be a date */
		for (int i = 0; i < THEME_COUNT; i++)
			if (cfg.theme[i].set && (cfg.theme[i].fg < -1 || cfg.theme[i].bg < -1))
				abort();
	}
	config_free(&cfg);
	return 0;
}
