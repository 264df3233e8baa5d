/* input: reading a whole file. The file is opened with O_NONBLOCK and
 * checked with fstat before the first read, so a FIFO or a device put where
 * a file was expected is refused instead of waited on; the size limit is
 * kept while reading, since a file can grow after fstat. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plancon/i18n.h"
#include "plancon/input.h"
#include "plancon/xalloc.h"

/* n bytes as people write a limit: 1 MiB, 64 KiB, 2 GiB, or 500 bytes. */
static void
size_text(size_t n, char *out, size_t outlen)
{
	static const char *const units[] = { "KiB", "MiB", "GiB" };
	int u = -1;
	while (u < 2 && n >= 1024 && n % 1024 == 0) {
		n /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(out, outlen, "%zu bytes", n);
	else
		snprintf(out, outlen, "%zu %s", n, units[u]);
}

static enum err_code
too_large(const char *path, size_t max, const char *what, struct error *e)
{
	char size[32];
	size_text(max, size, sizeof size);
	if (what)
		return err_set(e, ERR_INVALID, _("%s: too large for %s (over %s)"), path, what, size);
	return err_set(e, ERR_INVALID, _("%s: is larger than %s"), path, size);
}

enum err_code
input_read_file(const char *path, size_t max_bytes, unsigned flags, const char *what, char **buf, size_t *len,
                struct error *e)
{
	*buf = NULL;
	*len = 0;
	bool in = (flags & INPUT_STDIN) && !strcmp(path, "-");
	int fd = in ? STDIN_FILENO : open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return err_set(e, errno == ENOENT || errno == ENOTDIR ? ERR_NOT_FOUND : ERR_IO, _("%s: cannot open: %s"),
		               path, strerror(errno));
	size_t cap = (size_t)64 * 1024;
	if (!in) {
		struct stat st;
		const char *bad = NULL;
		if (fstat(fd, &st) != 0) {
			int err = errno;
			close(fd);
			return err_set(e, ERR_IO, _("%s: cannot read: %s"), path, strerror(err));
		}
		if (S_ISDIR(st.st_mode))
			bad = _("is a directory, not a file");
		else if (!S_ISREG(st.st_mode))
			bad = _("is not a regular file");
		if (bad) {
			close(fd);
			return err_set(e, ERR_INVALID, "%s: %s", path, bad);
		}
		if ((unsigned long long)st.st_size > max_bytes) {
			close(fd);
			return too_large(path, max_bytes, what, e);
		}
		/* a regular file reads without blocking; the flag off all the same */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		cap = (size_t)st.st_size + 1;
	}
	if (cap > max_bytes + 1)
		cap = max_bytes + 1;
	char *b = xmalloc(cap + 1);
	size_t n = 0;
	for (;;) {
		if (n == cap) {
			if (n > max_bytes)
				break;
			cap = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
			b = xrealloc(b, cap + 1);
		}
		ssize_t r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int err = errno;
			if (!in)
				close(fd);
			free(b);
			return err_set(e, ERR_IO, _("%s: cannot read: %s"), path, strerror(err));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (!in)
		close(fd);
	if (n > max_bytes) {
		free(b);
		return too_large(path, max_bytes, what, e);
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return ERR_OK;
}
