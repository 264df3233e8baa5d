/* The benchmark program (tests/bench): what its files share. */
#ifndef PLANCON_BENCH_H
#define PLANCON_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

/* ---- time and statistics (bench.c) ----------------------------------------------- */

/* Monotonic clock, in seconds. */
double bench_now(void);

/* Samples of one figure. */
struct samples {
	double *v;
	int n, cap;
};
void samples_add(struct samples *s, double x);
void samples_free(struct samples *s);
/* The q-quantile (0..1) of the samples, interpolated; 0 when empty. */
double samples_quantile(struct samples *s, double q);

/* What every figure needs. */
struct bench {
	const char *plancon;     /* the program measured */
	const char *dir;         /* where the generated databases are kept */
	const char *as_of;       /* --as-of for every run: figures do not depend on today */
	char *home;              /* a private HOME for the programs run */
	char **env;              /* their environment */
	int runs;                /* repetitions of figures that start a process */
	int keys;                /* repetitions of each keystroke */
	int writes;              /* updates per writer process */
	const char *only;        /* comma-separated groups to run (console, cli, write, cycle), NULL: all */
	int schema;              /* open the databases at this schema version (0: the latest) */
};

/* The generator's seed: the day the three-year action plan was issued. */
#define BENCH_SEED 20211112ULL

struct store;
/* Add the supervision cycle's history in shape "full" or "reduced"
 * (BENCHMARKS.md) to path, a generated database: 0, or 1 (2 for an
 * unknown shape) with a message on stderr. The hook for the benchmarks of
 * the review queue and the to-do list (figures_cycle.c). */
int bench_cycle_add(const char *path, const char *shape, unsigned long long seed, bool quiet);

/* Open the benchmark's database as b says (see --schema). */
int bench_store_open(const struct bench *b, const char *path, struct store **s, char *msg, size_t len);

/* The database of a benchmark: n tasks at path. */
struct bench_db {
	long long n;
	char *path;
	char *dept;              /* the department `tasks --dept` lists */
};

/* Print one figure: name, N, median, spread (min-max and the middle half),
 * the number of samples, and how it compares with target (cmp < 0: at most
 * target is good, cmp > 0: at least; 0: no target). */
void bench_print(const char *name, long long n, struct samples *s, int precision, double target, int cmp);
/* Print a line for a figure that could not be measured, and why. */
void bench_skip(const char *name, long long n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* argv for plancon with --db and --as-of, then the given arguments (NULL-terminated). */
char **bench_argv(const struct bench *b, const struct bench_db *db, const char *first, ...);
void bench_argv_free(char **argv);
/* Enough samples of a slow figure: at least 3, then stop once it has
 * taken a minute since since. */
bool bench_enough(int samples, double since);
/* True when group is among --only. */
bool bench_wants(const struct bench *b, const char *group);

/* ---- the figures ------------------------------------------------------------------ */

/* The console (figures_tui.c): first frame, keystrokes, bytes, memory. */
void figures_console(struct bench *b, const struct bench_db *db);
/* Commands (figures_cli.c): tasks --dept, report, late, and their memory;
 * the read commands that print a page (summary, chapters, depts, ...). */
void figures_cli(struct bench *b, const struct bench_db *db);
/* Writes (figures_write.c): one update, 8 concurrent writers. */
void figures_write(struct bench *b, const struct bench_db *db);
/* Make the login running the benchmark an administrator of the database
 * open in s (what `plancon set` and `--user` run as). An err_code. */
struct error;
int bench_login_admin(struct store *s, struct error *e);

/* The supervision cycle (figures_cycle.c), on a copy of db with the
 * cycle's history added (made once, kept beside db): the review queue's
 * first page and the to-do lists through the store; the console with the
 * lights on and off (figures_console_lights); the cycle's commands
 * (figures_cli_cycle). */
void figures_cycle(struct bench *b, const struct bench_db *db);
/* The console's first frame in the plan view and a department's task
 * list, on db (the cycle on in its meta) with the lights on and off. */
void figures_console_lights(struct bench *b, const struct bench_db *db);
/* The cycle's commands on db: tasks --light red, rank, report --by dept
 * with the light counts; todo and review list as office (office, the
 * office's user) and as the editor of a department (editor). */
void figures_cli_cycle(struct bench *b, const struct bench_db *db, const char *office, const char *editor);

/* ---- a screen that understands what ncurses writes (vt.c) ------------------------ */

struct vt;
struct vt *vt_new(int cols, int rows);
void vt_free(struct vt *v);
/* Interpret bytes written by the program. */
void vt_feed(struct vt *v, const char *buf, size_t n);
/* Row r (0-based) as UTF-8, trailing blanks removed. Valid until the next call. */
const char *vt_row(struct vt *v, int r);
/* True when some row contains text. */
bool vt_contains(struct vt *v, const char *text);
/* True when the program asked for application cursor keys (DECCKM). */
bool vt_app_cursor(const struct vt *v);
/* The whole screen, one line per row, into out (malloc'd). */
char *vt_dump(struct vt *v);

/* ---- a program on a pseudo-terminal (term.c) -------------------------------------- */

struct term {
	pid_t pid;
	int fd;                  /* the master side */
	struct vt *vt;           /* NULL: bytes are counted but not interpreted */
	size_t bytes;            /* read so far */
	size_t lines;            /* newlines read so far */
	double started;          /* when the program was started */
	double last;             /* when the last byte arrived */
	double first_line;       /* when the first newline arrived; 0: not yet */
	bool eof;
	struct rusage ru;        /* after term_wait */
	int status;              /* after term_wait: as from wait4 */
};

/* Start argv (PATH not searched) with environment env on a new
 * pseudo-terminal of cols x rows. vt: interpret its output. 0 or -1. */
int term_spawn(struct term *t, int cols, int rows, bool vt, char *const argv[], char *const env[]);
/* Send bytes, as typed. */
void term_send(struct term *t, const char *keys, size_t n);
/* Read output until something has arrived since `since` bytes, the screen
 * contains expect (when not NULL) and nothing more arrives for idle
 * seconds; or until timeout seconds have passed. 0, or -1 on timeout/EOF. */
int term_settle(struct term *t, size_t since, const char *expect, double idle, double timeout);
/* Read until the program closes the terminal (or timeout), then reap it. */
int term_wait(struct term *t, double timeout);
/* Seconds of CPU the program has used so far (0 when unknown): unlike the
 * wall clock, this does not grow when other processes load the machine. */
double term_cpu(const struct term *t);
/* Kill the program (if still there) and release everything. */
void term_close(struct term *t);

/* Run argv with stdout and stderr on a pipe, read and discard the output;
 * wall time in *secs, rusage of the child in *ru. Returns the exit status
 * (or -1 when it could not run). */
int bench_run_pipe(char *const argv[], char *const env[], double *secs, struct rusage *ru);

#endif
