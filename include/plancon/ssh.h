/* ssh: what the gateway account lets through. Staff reach plancon through
 * one Unix account whose authorized_keys maps each key to a forced command
 * "plancon --ssh-user NAME"; what they asked for arrives as text in
 * SSH_ORIGINAL_COMMAND. This module splits that text into words (never
 * through a shell), decides whether it may run, and maintains the
 * authorized_keys file. No store, no terminal. */
#ifndef PLANCON_SSH_H
#define PLANCON_SSH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "plancon/error.h"

/* The longest SSH_ORIGINAL_COMMAND accepted, in bytes. */
enum { SSH_COMMAND_MAX = 64 * 1024 };

/* Split cmd into words the way a POSIX shell splits a simple command, with
 * '...', "..." and backslash quoting, but with no expansion of any kind.
 * Outside quotes, ; | & $ ` < > ( ) and newline refuse the whole command
 * (ERR_REFUSED, one line in e naming the character). Stores a malloc'd,
 * NULL-terminated array of malloc'd words in *argv and their count in
 * *argc (0 for an empty or blank command). */
enum err_code ssh_split(const char *cmd, char ***argv, int *argc, struct error *e);

/* Free what ssh_split stored (NULL is fine). */
void ssh_words_free(char **argv);

/* May the command argv[0..argc) run over SSH? An empty command (the
 * console) and the read and update commands may; "key" only for an admin;
 * anything else, and any global option, is refused with a one-line reason
 * in e. So is an option that would make the gateway account read or
 * write a file of the server's (--output, -o; key add other than from
 * standard input). (Whether the identity may do what the command does is decided
 * later by the command itself, as for a local user.) */
enum err_code ssh_allowed(int argc, char *const argv[], bool admin, struct error *e);

/* The commands ssh_allowed lets anyone run, NULL-terminated. */
extern const char *const ssh_allowed_commands[];

/* ---- public keys and authorized_keys ---------------------------------------- */

/* One public key: "TYPE BASE64 [COMMENT]". */
struct ssh_pubkey {
	char *type, *blob, *comment;   /* comment may be NULL */
};

/* Parse the text of a .pub file (one key, an optional trailing newline).
 * Refuses (ERR_INVALID) an unknown type, base64 that does not decode, a
 * blob that does not start with its type, a private key, more than one
 * key. On success fill k (free with ssh_pubkey_free). */
enum err_code ssh_pubkey_parse(const char *text, struct ssh_pubkey *k, struct error *e);
void ssh_pubkey_free(struct ssh_pubkey *k);

/* One line of authorized_keys. */
struct ssh_line {
	char *text;                /* the line as read, without the newline */
	char *name;                /* "--ssh-user NAME" of a plancon line; NULL otherwise */
	struct ssh_pubkey key;     /* the key, when the line holds one (type NULL if not) */
};

struct ssh_keyfile {
	struct ssh_line *lines;
	size_t n;
	bool final_newline;        /* the text ended in a newline (or was empty) */
};

/* Split the text of an authorized_keys file into lines, recognising the
 * lines plancon wrote. Never fails: a line it cannot read is kept as is. */
void ssh_keyfile_parse(const char *text, struct ssh_keyfile *kf);

/* Add a plancon line for name with key k, whose forced command runs exe
 * (an absolute path). Refuses a key that is already there for another
 * name or on a line plancon did not write (ERR_CONFLICT), and an invalid
 * name (see auth_name_valid: nothing a shell treats specially) or exe
 * (ERR_INVALID). Returns ERR_OK with *added false when name
 * already has this very key. */
enum err_code ssh_keyfile_add(struct ssh_keyfile *kf, const char *name, const char *exe,
                              const struct ssh_pubkey *k, bool *added, struct error *e);

/* Remove the plancon lines of name; returns how many. */
size_t ssh_keyfile_del(struct ssh_keyfile *kf, const char *name);

/* The file's text again (malloc'd): unchanged lines byte for byte. */
char *ssh_keyfile_text(const struct ssh_keyfile *kf);

void ssh_keyfile_free(struct ssh_keyfile *kf);

/* Read path into a malloc'd string; a missing file reads as "". */
enum err_code ssh_file_read(const char *path, char **text, struct error *e);


#endif
