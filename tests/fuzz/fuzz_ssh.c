/* libFuzzer harness: what arrives over SSH. The command splitter
 * (ssh_split, then ssh_allowed on its words), public keys (ssh_pubkey_parse)
 * and authorized_keys files (ssh_keyfile_parse / ssh_keyfile_text).
 * Invariants: no crash or leak; a refusal says why; words hold no NUL and
 * the array ends in NULL; an authorized_keys file read and written back is
 * byte for byte what it was. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/ssh.h"
#include "plancon/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';

	char **argv = NULL;
	int argc = -1;
	struct error e;
	err_clear(&e);
	enum err_code c = ssh_split(s, &argv, &argc, &e);
	if (c == ERR_OK) {
		if (argc < 0 || !argv || argv[argc] != NULL)
			abort();
		for (int i = 0; i < argc; i++)
			if (!argv[i])
				abort();
		struct error e2;
		err_clear(&e2);
		if (ssh_allowed(argc, argv, size & 1, &e2) != ERR_OK && !e2.msg[0])
			abort();
	} else if (!e.msg[0] || strchr(e.msg, '\n')) {
		abort();                        /* one line saying why */
	}
	ssh_words_free(argv);

	struct ssh_pubkey k;
	memset(&k, 0, sizeof k);
	err_clear(&e);
	if (ssh_pubkey_parse(s, &k, &e) == ERR_OK) {
		if (!k.type || !k.blob)
			abort();
		ssh_pubkey_free(&k);
	} else if (!e.msg[0]) {
		abort();
	}

	struct ssh_keyfile kf;
	ssh_keyfile_parse(s, &kf);
	char *back = ssh_keyfile_text(&kf);
	if (strcmp(back, s) != 0)
		abort();                        /* unchanged lines come back byte for byte */
	free(back);
	ssh_keyfile_free(&kf);
	free(s);
	return 0;
}
