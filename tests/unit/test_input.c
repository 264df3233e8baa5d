/* Unit tests for input_read_file: a regular file read whole, everything
 * else refused with the file's name, a FIFO without waiting on it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dbdir.h"
#include "plancon/input.h"

static char *
make_file(const struct fixture *f, const char *name, const char *text, size_t n)
{
	char *p = xasprintf("%s/%s", f->dir, name);
	FILE *fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, n, fp), n);
	fclose(fp);
	return p;
}

static void
reads_a_file_whole(void **state)
{
	struct fixture *f = *state;
	char *p = make_file(f, "a.txt", "one\0two", 7);
	struct error e;
	err_clear(&e);
	char *buf;
	size_t len;
	assert_int_equal(input_read_file(p, 100, 0, NULL, &buf, &len, &e), ERR_OK);
	assert_int_equal(len, 7);
	assert_memory_equal(buf, "one\0two", 8);
	free(buf);
	/* exactly at the limit is fine, one byte over is not */
	assert_int_equal(input_read_file(p, 7, 0, NULL, &buf, &len, &e), ERR_OK);
	free(buf);
	assert_int_equal(input_read_file(p, 6, 0, NULL, &buf, &len, &e), ERR_INVALID);
	assert_null(buf);
	char *want = xasprintf("%s: is larger than 6 bytes", p);
	assert_string_equal(e.msg, want);
	free(want);
	assert_int_equal(input_read_file(p, 6, 0, "a key", &buf, &len, &e), ERR_INVALID);
	want = xasprintf("%s: too large for a key (over 6 bytes)", p);
	assert_string_equal(e.msg, want);
	free(want);
	unlink(p);
	free(p);
}

static void
an_empty_file(void **state)
{
	struct fixture *f = *state;
	char *p = make_file(f, "empty", "", 0);
	struct error e;
	err_clear(&e);
	char *buf;
	size_t len = 1;
	assert_int_equal(input_read_file(p, 1024 * 1024, 0, NULL, &buf, &len, &e), ERR_OK);
	assert_int_equal(len, 0);
	assert_string_equal(buf, "");
	free(buf);
	unlink(p);
	free(p);
}

static void
refuses_what_is_no_regular_file(void **state)
{
	struct fixture *f = *state;
	struct error e;
	err_clear(&e);
	char *buf;
	size_t len;
	char *missing = xasprintf("%s/none", f->dir);
	assert_int_equal(input_read_file(missing, 100, 0, NULL, &buf, &len, &e), ERR_NOT_FOUND);
	char *want = xasprintf("%s: cannot open: No such file or directory", missing);
	assert_string_equal(e.msg, want);
	free(want);
	free(missing);

	assert_int_equal(input_read_file(f->dir, 100, 0, NULL, &buf, &len, &e), ERR_INVALID);
	want = xasprintf("%s: is a directory, not a file", f->dir);
	assert_string_equal(e.msg, want);
	free(want);

	/* a FIFO with no writer: refused at once (the alarm fails a hang) */
	char fifo[128], msg[192];
	snprintf(fifo, sizeof fifo, "%s/fifo", f->dir);
	snprintf(msg, sizeof msg, "%s: is not a regular file", fifo);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	alarm(10);
	assert_int_equal(input_read_file(fifo, 100, INPUT_STDIN, NULL, &buf, &len, &e), ERR_INVALID);
	alarm(0);
	assert_string_equal(e.msg, msg);
	unlink(fifo);
}

static void
dash_is_standard_input_when_asked(void **state)
{
	struct fixture *f = *state;
	char *p = make_file(f, "in.txt", "ssh-ed25519 AAAA\n", 17);
	FILE *saved = freopen(p, "rb", stdin);
	assert_non_null(saved);
	struct error e;
	err_clear(&e);
	char *buf;
	size_t len;
	assert_int_equal(input_read_file("-", 100, INPUT_STDIN, NULL, &buf, &len, &e), ERR_OK);
	assert_string_equal(buf, "ssh-ed25519 AAAA\n");
	free(buf);
	/* without the flag, "-" is a file name */
	assert_int_equal(input_read_file("-", 100, 0, NULL, &buf, &len, &e), ERR_NOT_FOUND);
	unlink(p);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reads_a_file_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(an_empty_file, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_what_is_no_regular_file, setup, teardown),
		cmocka_unit_test_setup_teardown(dash_is_standard_input_when_asked, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
