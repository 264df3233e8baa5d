/* output: writing a file other than the database (see output.h).
 *
 * Why one module: a rename over the name is right for a regular file and
 * wrong for everything else (it turns /dev/null into a regular file, a
 * FIFO's reader waits forever, a symbolic link is replaced instead of its
 * target), and the rule "over SSH, no file on the server" must hold for
 * every path that writes, which it only does if there is one such path. */
#define _GNU_SOURCE /* memfd_create */ // NOLINT(bugprone-reserved-identifier)
#include "plancon/output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plancon/i18n.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

enum { SHOWN_COLS = 60, MAX_LINKS = 40 };

/* A temporary file beside NAME is ".NAME" TMP_TAG "XXXXXX". */
#define TMP_TAG ".plancon-"

enum kind { K_REPLACE, K_STREAM };

struct output {
	enum kind kind;
	unsigned flags;
	char *path;                /* as the user gave it, for messages */
	char *target;              /* K_REPLACE: the file that gets replaced */
	char *tmp;                 /* K_REPLACE: the temporary file beside it */
	int fd;                    /* K_REPLACE: tmp; K_STREAM: the destination */
	int mem;                   /* K_STREAM with OUTPUT_BY_NAME: the memory file */
	char *scratch;             /* OUTPUT_BY_NAME: the name the writer opens */
	FILE *f;                   /* the stream writers write to */
	bool exists, is_stdout;
	struct stat old;           /* K_REPLACE of an existing file */
	uid_t uid;
	gid_t gid;
};

static char *forbidden;            /* why named destinations are refused */

void
output_forbid_files(const char *why)
{
	if (!forbidden)
		forbidden = xstrdup(why);
}

bool
output_files_forbidden(void)
{
	return forbidden != NULL;
}

/* "path: " for a message: cut and cleaned, as every echoed value is. */
static char *
shown(const char *path)
{
	return text_trunc(path, SHOWN_COLS);
}

static enum err_code
fail(struct error *e, enum err_code code, const char *path, const char *what, int err)
{
	char *p = shown(path);
	if (err)
		err_set(e, code, "%s: %s: %s", p, what, strerror(err));
	else
		err_set(e, code, "%s: %s", p, what);
	free(p);
	return code;
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* Follow path's symbolic links to the name that is not one (it may not
 * exist); *st is its lstat when *exists. */
static enum err_code
resolve(const char *path, char **target, struct stat *st, bool *exists, struct error *e)
{
	char *cur = xstrdup(path);
	for (int hops = 0;; hops++) {
		if (lstat(cur, st) != 0) {
			if (errno != ENOENT) {
				enum err_code c = fail(e, ERR_IO, path, _("cannot write there"), errno);
				free(cur);
				return c;
			}
			*exists = false;
			break;
		}
		if (!S_ISLNK(st->st_mode)) {
			*exists = true;
			break;
		}
		if (hops == MAX_LINKS) {
			free(cur);
			return fail(e, ERR_USAGE, path, _("too many symbolic links"), 0);
		}
		char buf[PATH_MAX];
		ssize_t n = readlink(cur, buf, sizeof buf - 1);
		if (n < 0) {
			enum err_code c = fail(e, ERR_IO, path, _("cannot read the symbolic link"), errno);
			free(cur);
			return c;
		}
		buf[n] = '\0';
		char *next;
		if (buf[0] == '/' || !strchr(cur, '/')) {
			next = xstrdup(buf);
		} else {
			char *d = dir_of(cur);
			next = xasprintf("%s/%s", d, buf);
			free(d);
		}
		free(cur);
		cur = next;
	}
	*target = cur;
	return ERR_OK;
}

static const char *
kind_name(mode_t m)
{
	if (S_ISDIR(m))
		return _("a directory");
	if (S_ISSOCK(m))
		return _("a socket");
	if (S_ISBLK(m))
		return _("a block device");
	return _("not a file plancon writes to");
}

/* The temporary file beside o->target, with the mode the result gets. */
static enum err_code
open_replace(struct output *o, struct error *e)
{
	const char *slash = strrchr(o->target, '/');
	o->tmp = slash ? xasprintf("%.*s." "%s" TMP_TAG "XXXXXX", (int)(slash - o->target + 1), o->target, slash + 1)
	               : xasprintf(".%s" TMP_TAG "XXXXXX", o->target);
	o->fd = mkstemp(o->tmp);
	if (o->fd < 0) {
		free(o->tmp);
		o->tmp = NULL;
		return fail(e, ERR_IO, o->path, _("cannot create a file there"), errno);
	}
	mode_t mode;
	if (o->flags & OUTPUT_PRIVATE) {
		mode = 0600;
	} else if (o->exists) {
		mode = o->old.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (o->exists) {
		/* Keep the owner of the file it replaces (it can only fail
		 * harmlessly: a file we may replace but not give away). */
		if (o->old.st_uid != geteuid() || o->old.st_gid != getegid())
			(void)!fchown(o->fd, o->old.st_uid, o->old.st_gid);
	}
	if (fchmod(o->fd, mode) != 0)
		return fail(e, ERR_IO, o->path, _("cannot set the mode of the new file"), errno);
	if (!(o->flags & OUTPUT_BY_NAME)) {
		int dup_fd = dup(o->fd);
		if (dup_fd < 0 || !(o->f = fdopen(dup_fd, "w"))) {
			if (dup_fd >= 0)
				close(dup_fd);
			return fail(e, ERR_IO, o->path, _("cannot write"), errno);
		}
	} else {
		o->scratch = xstrdup(o->tmp);
		if (o->flags & OUTPUT_UNMADE) {
			/* The name stays ours: random, beside the target, and
			 * looked up again at output_commit. */
			close(o->fd);
			o->fd = -1;
			unlink(o->tmp);
		}
	}
	return ERR_OK;
}

/* A device, a FIFO or standard output: written through. */
static enum err_code
open_stream(struct output *o, struct error *e)
{
	if (o->is_stdout) {
		o->fd = STDOUT_FILENO;
	} else {
		/* A FIFO waits here for its reader, as "cat > fifo" does. */
		o->fd = open(o->target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		struct stat now;
		if (o->fd < 0)
			return fail(e, ERR_IO, o->path, _("cannot open"), errno);
		if (fstat(o->fd, &now) != 0 || !(S_ISCHR(now.st_mode) || S_ISFIFO(now.st_mode)))
			return fail(e, ERR_USAGE, o->path, _("changed while being opened"), 0);
	}
	if (o->flags & OUTPUT_BY_NAME) {
		/* The writer seeks and opens by name: give it memory, then copy. */
		o->mem = memfd_create("plancon-output", MFD_CLOEXEC);
		if (o->mem < 0)
			return fail(e, ERR_IO, o->path, _("cannot make room in memory for the file"), errno);
		o->scratch = xasprintf("/proc/self/fd/%d", o->mem);
		return ERR_OK;
	}
	if (o->is_stdout) {
		o->f = stdout;
		return ERR_OK;
	}
	if (!(o->f = fdopen(o->fd, "w")))
		return fail(e, ERR_IO, o->path, _("cannot write"), errno);
	o->fd = -1;                /* the stream owns it now */
	return ERR_OK;
}

enum err_code
output_open(struct output **out, const char *path, unsigned flags, struct error *e)
{
	*out = NULL;
	bool is_stdout = !strcmp(path, "-") && !(flags & OUTPUT_NO_STDOUT);
	if (!is_stdout && forbidden) {
		char *p = shown(path);
		err_set(e, ERR_REFUSED, _("%s: refused: %s"), p, forbidden);
		free(p);
		return ERR_REFUSED;
	}
	if (!*path) {
		err_set(e, ERR_USAGE, _("expected a file name"));
		return ERR_USAGE;
	}
	struct output *o = xcalloc(1, sizeof *o);
	o->flags = flags;
	o->path = xstrdup(path);
	o->fd = o->mem = -1;
	o->uid = (uid_t)-1;
	o->gid = (gid_t)-1;
	o->is_stdout = is_stdout;
	enum err_code c = ERR_OK;
	if (is_stdout) {
		o->kind = K_STREAM;
	} else {
		struct stat st;
		if ((flags & OUTPUT_NEW) && lstat(path, &st) == 0) {
			c = fail(e, ERR_REFUSED, path, _("already exists; it is never replaced: choose a new name or "
			         "remove it first"), 0);
			goto out;
		}
		if ((c = resolve(path, &o->target, &o->old, &o->exists, e)))
			goto out;
		if (!o->exists || S_ISREG(o->old.st_mode)) {
			o->kind = K_REPLACE;
		} else if (S_ISCHR(o->old.st_mode) || S_ISFIFO(o->old.st_mode)) {
			o->kind = K_STREAM;
		} else {
			char *what = xasprintf(_("is %s; plancon writes to a regular file, a character device or a FIFO"),
			                       kind_name(o->old.st_mode));
			c = fail(e, ERR_USAGE, path, what, 0);
			free(what);
			goto out;
		}
	}
	c = o->kind == K_REPLACE ? open_replace(o, e) : open_stream(o, e);
out:
	if (c) {
		output_abort(o);
		return c;
	}
	*out = o;
	return ERR_OK;
}

FILE *
output_stream(struct output *o)
{
	return o->f;
}

const char *
output_scratch(const struct output *o)
{
	return o->scratch;
}

void
output_set_owner(struct output *o, uid_t uid, gid_t gid)
{
	o->uid = uid;
	o->gid = gid;
}

void
output_abort(struct output *o)
{
	if (!o)
		return;
	if (o->f && o->f != stdout)
		fclose(o->f);
	if (o->fd >= 0 && !o->is_stdout)
		close(o->fd);
	if (o->mem >= 0)
		close(o->mem);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->target);
	free(o->scratch);
	free(o->path);
	free(o);
}

static void
sync_dir(const char *path)
{
	char *d = dir_of(path);
	int fd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(d);
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Close the stream writers wrote to; -1 (errno set) when anything failed. */
static int
close_stream(struct output *o)
{
	if (!o->f)
		return 0;
	FILE *f = o->f;
	o->f = NULL;
	errno = 0;
	int bad = fflush(f) != 0 || ferror(f);
	int err = errno;
	if (f != stdout && fclose(f) != 0 && !bad) {
		bad = 1;
		err = errno;
	}
	errno = err ? err : EIO;
	return bad ? -1 : 0;
}

static enum err_code
commit_replace(struct output *o, struct error *e)
{
	if (close_stream(o) != 0)
		return fail(e, ERR_IO, o->path, _("cannot write"), errno);
	if (o->fd < 0 && (o->fd = open(o->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return fail(e, ERR_IO, o->path, _("cannot write"), errno);
	if (!o->exists && o->uid != (uid_t)-1 && (o->uid != geteuid() || o->gid != getegid()) &&
	    fchown(o->fd, o->uid, o->gid) != 0)
		return fail(e, ERR_IO, o->path, _("cannot give the new file its owner"), errno);
	/* On the disk before it takes the name. */
	if (fsync(o->fd) != 0)
		return fail(e, ERR_IO, o->path, _("cannot write (fsync)"), errno);
	int fd = o->fd;
	o->fd = -1;
	if (close(fd) != 0)
		return fail(e, ERR_IO, o->path, _("cannot write (close)"), errno);
	if (o->flags & OUTPUT_NEW) {
		/* link() refuses a name that appeared meanwhile. */
		if (link(o->tmp, o->target) != 0)
			return errno == EEXIST ? fail(e, ERR_REFUSED, o->path, _("appeared meanwhile; it is never "
			                              "replaced: choose a new name"), 0)
			                       : fail(e, ERR_IO, o->path, _("cannot give the file its name"), errno);
		unlink(o->tmp);
	} else if (rename(o->tmp, o->target) != 0) {
		return fail(e, ERR_IO, o->path, _("cannot replace"), errno);
	}
	free(o->tmp);
	o->tmp = NULL;
	sync_dir(o->target);
	return ERR_OK;
}

static enum err_code
commit_stream(struct output *o, struct error *e)
{
	if (close_stream(o) != 0)
		return fail(e, ERR_IO, o->path, _("cannot write"), errno);
	if (o->mem >= 0) {
		if (o->is_stdout)
			fflush(stdout);
		char buf[1 << 16];
		if (lseek(o->mem, 0, SEEK_SET) != 0)
			return fail(e, ERR_IO, o->path, _("cannot write"), errno);
		for (;;) {
			ssize_t n = read(o->mem, buf, sizeof buf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0 || (n > 0 && write_all(o->fd, buf, (size_t)n) != 0))
				return fail(e, ERR_IO, o->path, _("cannot write"), errno);
			if (n == 0)
				break;
		}
	}
	if (o->fd >= 0 && !o->is_stdout) {
		int fd = o->fd;
		o->fd = -1;
		if (close(fd) != 0)
			return fail(e, ERR_IO, o->path, _("cannot write (close)"), errno);
	}
	return ERR_OK;
}

enum err_code
output_commit(struct output *o, struct error *e)
{
	enum err_code c = o->kind == K_REPLACE ? commit_replace(o, e) : commit_stream(o, e);
	output_abort(o);
	return c;
}

enum err_code
output_write_file(const char *path, const char *text, size_t len, unsigned flags, struct error *e)
{
	struct output *o;
	enum err_code c = output_open(&o, path, flags & ~OUTPUT_BY_NAME, e);
	if (c)
		return c;
	if (fwrite(text, 1, len, output_stream(o)) != len) {
		c = fail(e, ERR_IO, path, _("cannot write"), errno ? errno : EIO);
		output_abort(o);
		return c;
	}
	return output_commit(o, e);
}

/* ---- a read-change-write under a lock ------------------------------------------ */

/* Remove ".NAME.plancon-XXXXXX" beside path: under the lock, no writer is
 * alive to own one. */
static void
clean_stale(const char *path)
{
	char *d = dir_of(path);
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *prefix = xasprintf(".%s" TMP_TAG, base);
	size_t pl = strlen(prefix);
	DIR *dir = opendir(d);
	/* plancon is single-threaded: readdir is fine (readdir_r is deprecated). */
	// cppcheck-suppress readdirCalled
	for (struct dirent *de; dir && (de = readdir(dir));) {
		if (strncmp(de->d_name, prefix, pl) || strlen(de->d_name) != pl + 6)
			continue;
		struct stat st;
		if (fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
		    st.st_uid == geteuid())
			unlinkat(dirfd(dir), de->d_name, 0);
	}
	if (dir)
		closedir(dir);
	free(prefix);
	free(d);
}

int
output_lock_dir(const char *path, bool create, uid_t uid, gid_t gid, struct error *e)
{
	if (create && forbidden) {
		char *p = shown(path);
		err_set(e, ERR_REFUSED, _("%s: refused: %s"), p, forbidden);
		free(p);
		return -1;
	}
	char *dir = dir_of(path);
	struct stat st;
	if (!create && stat(dir, &st) != 0 && errno == ENOENT) {
		free(dir);
		return -2;
	}
	/* A new directory goes to uid:gid (the gateway account, as sshd wants). */
	if (create && mkdir(dir, 0700) == 0 && uid != (uid_t)-1 && chown(dir, uid, gid) != 0 && geteuid() == 0) {
		fail(e, ERR_IO, dir, _("cannot give the new directory its owner"), errno);
		free(dir);
		return -1;
	}
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		fail(e, ERR_IO, dir, _("cannot open the directory"), errno);
	} else if (flock(fd, LOCK_EX) != 0) {
		fail(e, ERR_IO, dir, _("cannot lock"), errno);
		close(fd);
		fd = -1;
	} else if (create) {
		clean_stale(path);
	}
	free(dir);
	return fd;
}
