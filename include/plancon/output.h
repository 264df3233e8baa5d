/* output: the one way plancon writes a file other than its database.
 *
 * A destination is a name a user gave (-o FILE, the console's export, a
 * backup) or one the configuration gives (authorized_keys). What happens
 * depends on what the name is, as with sort -o, curl -o or cp:
 *   "-"                     standard output;
 *   a regular file, or none a new regular file, replaced atomically: a
 *                           temporary file beside it, fsync, rename, fsync
 *                           of the directory;
 *   a symbolic link         followed: its target is replaced as above;
 *   a character device,     opened and written through;
 *   a FIFO
 *   anything else           refused (ERR_USAGE: exit status 2).
 *
 * The policy "a session that came in over SSH writes no file on the
 * server" lives here: once output_forbid_files is called, every named
 * destination is refused, whoever asks (a command, the console, a key),
 * and only standard output is left. */
#ifndef PLANCON_OUTPUT_H
#define PLANCON_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "plancon/error.h"

struct output;

enum {
	OUTPUT_PRIVATE = 1 << 0,  /* the file gets mode 0600 (else a replaced file keeps its
	                           * mode, a new one gets 0666 less the umask) */
	OUTPUT_NEW     = 1 << 1,  /* refuse a name that exists: the file is new (a backup) */
	OUTPUT_BY_NAME = 1 << 2,  /* the writer opens a file by name itself (a workbook,
	                           * an SQLite copy): use output_scratch, not output_stream */
	OUTPUT_NO_STDOUT = 1 << 3, /* "-" is not a destination here */
	OUTPUT_UNMADE  = 1 << 4,  /* with OUTPUT_BY_NAME: the scratch name is not made
	                           * beforehand, the writer creates it (SQLite takes an
	                           * empty file for a damaged database) */
};

/* From now on, refuse every named destination in this process with a
 * message that says why (why: "over SSH", translated by the caller) and
 * what to do instead. Cannot be undone. */
void output_forbid_files(const char *why);

/* Has output_forbid_files been called? (The console uses it to say why it
 * offers no export; the refusal itself is output_open's.) */
bool output_files_forbidden(void);

/* Open the destination path (see above) for writing; *o is NULL on error.
 * Nothing on the disk changes until output_commit. */
enum err_code output_open(struct output **o, const char *path, unsigned flags, struct error *e);

/* The stream to write to (not with OUTPUT_BY_NAME). */
FILE *output_stream(struct output *o);

/* With OUTPUT_BY_NAME: a name the writer may open, write and seek by
 * itself: the temporary file beside a regular destination, else an
 * anonymous file in memory that output_commit copies to the device, the
 * FIFO or standard output. */
const char *output_scratch(const struct output *o);

/* A replaced file keeps the owner and mode it had; a new one gets owner
 * uid:gid (root only; (uid_t)-1: the process's). */
void output_set_owner(struct output *o, uid_t uid, gid_t gid);

/* Finish writing and put the result in place; frees o. On error the
 * destination is as it was (a regular file) and the message names path. */
enum err_code output_commit(struct output *o, struct error *e);

/* Give up: the destination is left as it was; frees o (NULL is fine). */
void output_abort(struct output *o);

/* Write the whole of text to path (output_open, fputs, output_commit). */
enum err_code output_write_file(const char *path, const char *text, size_t len, unsigned flags,
                                struct error *e);

/* Lock path's directory for a read-change-write of path, creating the
 * directory (mode 0700, owner uid:gid) when create is true; then remove the
 * temporary files that writers killed under this lock left beside path.
 * Returns the locked descriptor (close it to unlock), -2 when there is no
 * directory and create is false, or -1 with e set. Refused as output_open
 * is when files are forbidden and create is true. */
int output_lock_dir(const char *path, bool create, uid_t uid, gid_t gid, struct error *e);

#endif
