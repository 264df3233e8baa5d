/* input: reading a whole file into memory, the one way every module does. */
#ifndef PLANCON_INPUT_H
#define PLANCON_INPUT_H

#include <stddef.h>

#include "plancon/error.h"

enum {
	INPUT_STDIN = 1 << 0,      /* "-" names standard input (a pipe or a terminal too) */
};

/* All of path, at most max_bytes, into *buf (malloc'd, NUL added after the
 * *len bytes; the text may hold NUL bytes, the caller checks). Only a
 * regular file is read: a directory, a FIFO or a device is refused without
 * waiting on it. what names what the file should be, for the message when
 * it is too large ("PATH: too large for WHAT (over N)"), or NULL ("PATH:
 * is larger than N"). Every message starts with the path. Errors:
 * ERR_NOT_FOUND when it does not exist, ERR_INVALID when it is no regular
 * file or too large, ERR_IO when it cannot be opened or read. */
enum err_code input_read_file(const char *path, size_t max_bytes, unsigned flags, const char *what, char **buf,
                              size_t *len, struct error *e);

#endif
