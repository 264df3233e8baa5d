/* Unit tests of output.c: what each kind of destination gets, the
 * durability steps leave nothing behind, and the "no files" policy. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "plancon/output.h"
#include "plancon/xalloc.h"

struct dir {
	char path[64];
};

static int
setup(void **state)
{
	struct dir *d = xcalloc(1, sizeof *d);
	snprintf(d->path, sizeof d->path, "/tmp/plancon-output.XXXXXX");
	if (!mkdtemp(d->path)) {
		free(d);
		return -1;
	}
	*state = d;
	return 0;
}

static int
teardown(void **state)
{
	struct dir *d = *state;
	char *cmd = xasprintf("rm -rf '%s'", d->path);
	int rc = system(cmd);
	free(cmd);
	free(d);
	return rc == 0 ? 0 : -1;
}

static char *
at(void **state, const char *name)
{
	return xasprintf("%s/%s", ((struct dir *)*state)->path, name);
}

static size_t
entries(void **state)
{
	DIR *d = opendir(((struct dir *)*state)->path);
	assert_non_null(d);
	size_t n = 0;
	for (struct dirent *de; (de = readdir(d));)
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = xcalloc(1, 4096);
	size_t n = fread(buf, 1, 4095, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
put(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static void
test_new_and_replaced(void **state)
{
	char *p = at(state, "report.txt");
	struct error e;
	err_clear(&e);
	assert_int_equal(output_write_file(p, "one\n", 4, 0, &e), ERR_OK);
	char *got = slurp(p);
	assert_string_equal(got, "one\n");
	free(got);
	/* Replaced: the old mode is kept, nothing else is left in the directory. */
	chmod(p, 0640);
	assert_int_equal(output_write_file(p, "two\n", 4, 0, &e), ERR_OK);
	got = slurp(p);
	assert_string_equal(got, "two\n");
	free(got);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(entries(state), 1);
	/* OUTPUT_PRIVATE: 0600 whatever the file had. */
	chmod(p, 0644);
	assert_int_equal(output_write_file(p, "three\n", 6, OUTPUT_PRIVATE, &e), ERR_OK);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	free(p);
}

static void
test_abort_leaves_it(void **state)
{
	char *p = at(state, "plan.json");
	put(p, "old\n", 0644);
	struct output *o;
	struct error e;
	assert_int_equal(output_open(&o, p, 0, &e), ERR_OK);
	fputs("half of it", output_stream(o));
	output_abort(o);
	char *got = slurp(p);
	assert_string_equal(got, "old\n");
	free(got);
	assert_int_equal(entries(state), 1);
	free(p);
}

static void
test_symlink_followed(void **state)
{
	char *target = at(state, "target.csv"), *link = at(state, "link.csv");
	put(target, "old\n", 0644);
	assert_int_equal(symlink("target.csv", link), 0);      /* relative, as ln -s makes it */
	struct error e;
	assert_int_equal(output_write_file(link, "new\n", 4, 0, &e), ERR_OK);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	char *got = slurp(target);
	assert_string_equal(got, "new\n");
	free(got);
	/* A dangling link: its target is created. */
	unlink(target);
	assert_int_equal(output_write_file(link, "again\n", 6, 0, &e), ERR_OK);
	got = slurp(target);
	assert_string_equal(got, "again\n");
	free(got);
	assert_int_equal(entries(state), 2);
	free(target);
	free(link);
}

static void
test_fifo_written_through(void **state)
{
	char *p = at(state, "fifo");
	assert_int_equal(mkfifo(p, 0600), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(10);
		char *got = slurp(p);
		_exit(strcmp(got, "through the fifo\n") ? 1 : 0);
	}
	struct error e;
	assert_int_equal(output_write_file(p, "through the fifo\n", 17, 0, &e), ERR_OK);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	struct stat st;
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));                     /* still a FIFO */
	free(p);
}

static void
test_device_written_through(void **state)
{
	char *p = at(state, "null");
	if (mknod(p, S_IFCHR | 0666, makedev(1, 3)) != 0) {
		free(p);
		skip();                                        /* not root */
	}
	struct error e;
	assert_int_equal(output_write_file(p, "gone\n", 5, 0, &e), ERR_OK);
	/* A workbook writer opens by name and seeks: memory, then copied. */
	struct output *o;
	assert_int_equal(output_open(&o, p, OUTPUT_BY_NAME, &e), ERR_OK);
	assert_non_null(output_scratch(o));
	FILE *f = fopen(output_scratch(o), "w+b");
	assert_non_null(f);
	fputs("PK...", f);
	assert_int_equal(fseek(f, 0, SEEK_SET), 0);
	fclose(f);
	assert_int_equal(output_commit(o, &e), ERR_OK);
	struct stat st;
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISCHR(st.st_mode));                      /* still the device */
	assert_int_equal(entries(state), 1);
	free(p);
}

static void
test_refused_kinds(void **state)
{
	struct output *o;
	struct error e;
	char *d = at(state, "dir");
	assert_int_equal(mkdir(d, 0700), 0);
	assert_int_equal(output_open(&o, d, 0, &e), ERR_USAGE);
	assert_null(o);
	assert_non_null(strstr(e.msg, "directory"));
	char *s = at(state, "sock");
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", s);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(output_open(&o, s, 0, &e), ERR_USAGE);
	assert_non_null(strstr(e.msg, "socket"));
	close(fd);
	/* A directory that is not there: the message names the file. */
	char *none = at(state, "none/x.txt");
	assert_int_equal(output_open(&o, none, 0, &e), ERR_IO);
	assert_non_null(strstr(e.msg, "x.txt"));
	/* OUTPUT_NEW: an existing name, even a dangling link, is never replaced. */
	char *old = at(state, "backup.db"), *dangling = at(state, "dangling");
	put(old, "keep\n", 0600);
	assert_int_equal(symlink("nowhere", dangling), 0);
	assert_int_equal(output_open(&o, old, OUTPUT_NEW, &e), ERR_REFUSED);
	assert_int_equal(output_open(&o, dangling, OUTPUT_NEW, &e), ERR_REFUSED);
	/* "-" where standard output makes no sense is a file name like another. */
	assert_int_equal(chdir(((struct dir *)*state)->path), 0);
	assert_int_equal(output_open(&o, "-", OUTPUT_NO_STDOUT, &e), ERR_OK);
	assert_true(output_stream(o) != stdout);
	output_abort(o);
	assert_int_equal(chdir("/"), 0);
	free(d);
	free(s);
	free(none);
	free(old);
	free(dangling);
}

static void
test_stale_temporaries(void **state)
{
	char *p = at(state, "authorized_keys");
	char *stale = at(state, ".authorized_keys.plancon-Ab12Cd");
	char *other = at(state, ".authorized_keys.other");
	put(p, "keys\n", 0600);
	put(stale, "half\n", 0600);
	put(other, "not ours\n", 0600);
	struct error e;
	int fd = output_lock_dir(p, true, (uid_t)-1, (gid_t)-1, &e);
	assert_true(fd >= 0);
	close(fd);
	struct stat st;
	assert_int_not_equal(stat(stale, &st), 0);             /* removed */
	assert_int_equal(stat(other, &st), 0);                 /* left alone */
	assert_int_equal(stat(p, &st), 0);
	free(p);
	free(stale);
	free(other);
}

/* Last: output_forbid_files cannot be undone. */
static void
test_forbidden(void **state)
{
	char *p = at(state, "report.xlsx");
	struct output *o;
	struct error e;
	assert_false(output_files_forbidden());
	output_forbid_files("over SSH, no files");
	assert_true(output_files_forbidden());
	assert_int_equal(output_open(&o, p, 0, &e), ERR_REFUSED);
	assert_non_null(strstr(e.msg, "over SSH, no files"));
	assert_int_equal(output_lock_dir(p, true, (uid_t)-1, (gid_t)-1, &e), -1);
	assert_int_equal(entries(state), 0);                   /* nothing was created */
	/* Standard output is still there. */
	assert_int_equal(output_open(&o, "-", 0, &e), ERR_OK);
	assert_ptr_equal(output_stream(o), stdout);
	assert_int_equal(output_commit(o, &e), ERR_OK);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_and_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_leaves_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_followed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo_written_through, setup, teardown),
		cmocka_unit_test_setup_teardown(test_device_written_through, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_temporaries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forbidden, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
