/* embedded: the files under db/ (schema, migrations, bundled plan), compiled
 * into the binary at build time so an installed plancon needs no data files. */
#ifndef PLANCON_EMBEDDED_H
#define PLANCON_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *path;   /* as in the source tree, e.g. "db/schema.sql" */
	const char *data;   /* NUL-terminated */
	size_t size;        /* without the NUL */
};

/* Terminated by an entry whose path is NULL; migrations in numeric order. */
extern const struct embedded_file embedded_files[];

#endif
