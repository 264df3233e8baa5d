/* term: run a program on a pseudo-terminal we own, send it keys, and read
 * what it writes with the time each byte arrived: the way to measure a
 * console as its user sees it (and the bytes an SSH link would carry). */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

int
term_spawn(struct term *t, int cols, int rows, bool vt, char *const argv[], char *const env[])
{
	*t = (struct term){ .pid = -1, .fd = -1 };
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	t->started = bench_now();
	pid_t pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("plancon-bench: forkpty");
		return -1;
	}
	if (pid == 0) {
		execve(argv[0], argv, env);
		fprintf(stderr, "plancon-bench: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	t->pid = pid;
	fcntl(t->fd, F_SETFD, FD_CLOEXEC);
	if (vt)
		t->vt = vt_new(cols, rows);
	return 0;
}

void
term_send(struct term *t, const char *keys, size_t n)
{
	while (n > 0) {
		ssize_t w = write(t->fd, keys, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		keys += w;
		n -= (size_t)w;
	}
}

/* Read what is there, waiting at most wait seconds for it. 1: read
 * something, 0: nothing came, -1: the program closed the terminal. */
static int
term_read(struct term *t, double wait)
{
	struct pollfd p = { .fd = t->fd, .events = POLLIN };
	int ms = wait <= 0 ? 0 : (int)(wait * 1000 + 0.5);
	int r = poll(&p, 1, ms);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	if (r == 0)
		return 0;
	char buf[65536];
	ssize_t n = read(t->fd, buf, sizeof buf);
	if (n < 0 && errno == EINTR)
		return 0;
	if (n <= 0) {                    /* EIO: the slave side is closed */
		t->eof = true;
		return -1;
	}
	double now = bench_now();
	t->last = now;
	t->bytes += (size_t)n;
	for (ssize_t i = 0; i < n; i++) {
		if (buf[i] == '\n') {
			if (!t->lines)
				t->first_line = now;
			t->lines++;
		}
	}
	if (t->vt)
		vt_feed(t->vt, buf, (size_t)n);
	return 1;
}

int
term_settle(struct term *t, size_t since, const char *expect, double idle, double timeout)
{
	double deadline = bench_now() + timeout;
	for (;;) {
		double now = bench_now();
		if (now >= deadline)
			return -1;
		bool arrived = t->bytes > since;
		bool shown = !expect || (t->vt && vt_contains(t->vt, expect));
		double wait = arrived && shown ? t->last + idle - now : deadline - now;
		if (arrived && shown && wait <= 0)
			return 0;
		int r = term_read(t, wait < 0.001 ? 0.001 : wait);
		if (r < 0)
			return -1;
	}
}

int
term_wait(struct term *t, double timeout)
{
	double deadline = bench_now() + timeout;
	while (!t->eof && bench_now() < deadline)
		if (term_read(t, deadline - bench_now()) < 0)
			break;
	if (t->pid <= 0)
		return -1;
	if (!t->eof)
		kill(t->pid, SIGKILL);
	pid_t r;
	while ((r = wait4(t->pid, &t->status, 0, &t->ru)) < 0 && errno == EINTR)
		;
	t->pid = -1;
	return r > 0 && t->eof ? 0 : -1;
}

double
term_cpu(const struct term *t)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)t->pid);
	FILE *f = t->pid > 0 ? fopen(path, "r") : NULL;
	unsigned long long ns = 0;
	if (f) {
		if (fscanf(f, "%llu", &ns) != 1)
			ns = 0;
		fclose(f);
	}
	return (double)ns / 1e9;
}

void
term_close(struct term *t)
{
	if (t->pid > 0) {
		kill(t->pid, SIGKILL);
		while (wait4(t->pid, &t->status, 0, &t->ru) < 0 && errno == EINTR)
			;
		t->pid = -1;
	}
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	vt_free(t->vt);
	t->vt = NULL;
}

int
bench_run_pipe(char *const argv[], char *const env[], double *secs, struct rusage *ru)
{
	int p[2];
	if (pipe(p) < 0)
		return -1;
	double t0 = bench_now();
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		dup2(null, 0);
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		execve(argv[0], argv, env);
		_exit(127);
	}
	close(p[1]);
	char buf[65536];
	ssize_t n;
	while ((n = read(p[0], buf, sizeof buf)) != 0)
		if (n < 0 && errno != EINTR)
			break;
	close(p[0]);
	int status = 0;
	while (wait4(pid, &status, 0, ru) < 0 && errno == EINTR)
		;
	*secs = bench_now() - t0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
