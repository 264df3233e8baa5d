/* store_maint: backup and check.
 *
 * A backup copies the whole database with sqlite3_backup_step(-1): one
 * step is one read transaction on the source, so in WAL mode it is a
 * consistent snapshot that neither blocks the writers nor is restarted by
 * them (smaller steps would restart each time another process commits).
 * The copy goes to a temporary file beside the destination (output.h,
 * OUTPUT_NEW), is checked, synced, and then linked to its name (link(2)
 * refuses an existing name, so a backup never replaces a file).
 *
 * A check opens the file read-only, so a damaged file is never touched,
 * and turns what SQLite's integrity_check and foreign_key_check report into
 * sentences a clerk can pass on, and adds the checks of plancon's own rules
 * that SQLite cannot know: real dates, evidence files that match their
 * checksums, the supervision cycle's records consistent with each other. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plancon/output.h"
#include "plancon/sha256.h"
#include "plancon/store_maint.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

#define PLANCON_APP_ID 0x706c636e   /* "plcn", as in store.c */

/* ---- backup ------------------------------------------------------------------- */

/* Copy s into the empty file tmp: the backup proper. */
static enum err_code
copy_into(struct store *s, const char *tmp, const char *dest, struct error *e)
{
	sqlite3 *dst = NULL;
	enum err_code c = ERR_OK;
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		c = err_set(e, ERR_IO, _("%s: cannot write the backup: %s"), dest, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return c;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->db, "main");
	if (!b) {
		c = err_set(e, ERR_IO, _("%s: cannot start the backup: %s"), dest, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return c;
	}
	int rc;
	/* BUSY only while another process recovers the WAL or holds an
	 * exclusive lock: wait for it, up to about the busy timeout. */
	for (int tries = 0; ; tries++) {
		rc = sqlite3_backup_step(b, -1);
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries >= 50)
			break;
		sqlite3_sleep(100);
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		switch (rc & 0xff) {
		case SQLITE_BUSY:
		case SQLITE_LOCKED:
			c = err_set(e, ERR_BUSY, _("backup: database busy, try again"));
			break;
		case SQLITE_FULL:
			c = err_set(e, ERR_IO, _("%s: disk full; no backup was made"), dest);
			break;
		case SQLITE_CORRUPT:
		case SQLITE_NOTADB:
			c = err_set(e, ERR_CORRUPT, _("%s is damaged (%s); no backup was made. Run 'plancon check'"),
			            s->path, sqlite3_errstr(rc));
			break;
		default:
			c = err_set(e, ERR_IO, _("%s: backup failed: %s"), dest, sqlite3_errstr(rc));
		}
		sqlite3_close(dst);
		return c;
	}
	/* The copy must read back whole before it gets its name. */
	sqlite3_stmt *st = NULL;
	const char *ok = NULL;
	if (sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		ok = (const char *)sqlite3_column_text(st, 0);
	if (!ok || strcmp(ok, "ok"))
		c = err_set(e, ERR_CORRUPT, _("%s: the copy failed its check (%s); no backup was made. "
		            "Run 'plancon check' on %s"), dest, ok ? ok : sqlite3_errmsg(dst), s->path);
	sqlite3_finalize(st);
	if (sqlite3_close(dst) != SQLITE_OK && !c)
		c = err_set(e, ERR_IO, _("%s: cannot finish the backup"), dest);
	return c;
}

enum err_code
store_backup(struct store *s, const char *dest, long long *bytes, struct error *e)
{
	struct output *o;
	enum err_code c = output_open(&o, dest, OUTPUT_NEW | OUTPUT_BY_NAME | OUTPUT_NO_STDOUT | OUTPUT_PRIVATE, e);
	if (c)
		return c;
	char *journal = xasprintf("%s-journal", output_scratch(o));
	c = copy_into(s, output_scratch(o), dest, e);
	unlink(journal);
	free(journal);
	if (c) {
		output_abort(o);
		return c;
	}
	if ((c = output_commit(o, e)))
		return c;
	struct stat sb;
	if (bytes)
		*bytes = stat(dest, &sb) == 0 ? (long long)sb.st_size : 0;
	return ERR_OK;
}

/* ---- check -------------------------------------------------------------------- */

/* SQLite's integrity_check messages that have a plainer wording; the rest
 * are passed on after a plain sentence. */
static char *
integrity_words(const char *m)
{
	char name[128];
	if (sscanf(m, "wrong # of entries in index %127s", name) == 1)
		return xasprintf(_("index %s does not match its table (wrong number of entries)"), name);
	if (sscanf(m, "non-unique entry in index %127s", name) == 1)
		return xasprintf(_("index %s holds a duplicate where values must be unique"), name);
	if (!strncmp(m, "NULL value in ", 14))
		return xasprintf(_("a required value is missing: %s"), m + 14);
	if (!strncmp(m, "CHECK constraint failed in ", 27))
		return xasprintf(_("a row of table %s breaks one of its rules"), m + 27);
	if (strstr(m, "never used"))
		return xasprintf(_("storage the database does not account for (%s): space was lost, "
		                 "data probably was not"), m);
	return xasprintf(_("the file's internal structure is damaged (SQLite says: %s)"), m);
}

struct verify {
	verify_cb cb;
	void *ctx;
	int n;
	struct missing {                /* "row N missing from index X", by index */
		char index[128];
		long long rows, first;
	} missing[16];
	int nmissing;
};

static void
problem(struct verify *v, const char *text)
{
	v->n++;
	if (v->cb)
		v->cb(text, v->ctx);
}

static void
problemf(struct verify *v, char *text)   /* takes text */
{
	problem(v, text);
	free(text);
}

/* Count "row N missing from index X" by index; false when m is not one. */
static bool
missing_row(struct verify *v, const char *m)
{
	char name[128];
	long long row;
	if (sscanf(m, "row %lld missing from index %127s", &row, name) != 2)
		return false;
	int i = 0;
	while (i < v->nmissing && strcmp(v->missing[i].index, name))
		i++;
	if (i == v->nmissing) {
		if (i == (int)(sizeof v->missing / sizeof v->missing[0]))
			return false;
		v->nmissing++;
		snprintf(v->missing[i].index, sizeof v->missing[i].index, "%s", name);
		v->missing[i].rows = 0;
		v->missing[i].first = row;
	}
	v->missing[i].rows++;
	return true;
}

static void
missing_report(struct verify *v)
{
	for (int i = 0; i < v->nmissing; i++) {
		const struct missing *m = &v->missing[i];
		problemf(v, xasprintf(ngettext("index %s lacks %lld row of its table (the first is row %lld): the "
		                               "data may be intact, but searches through this index miss it",
		                               "index %s lacks %lld rows of its table (the first is row %lld): the "
		                               "data may be intact, but searches through this index miss them",
		                               (unsigned long)m->rows), m->index, m->rows, m->first));
	}
	v->nmissing = 0;
}

/* Run a statement that returns problems; a statement that cannot run at
 * all is itself a problem (the file is unreadable there): returns false. */
static bool
run_check(sqlite3 *db, const char *sql, struct verify *v, bool fk)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		problemf(v, xasprintf(_("the list of tables cannot be read, so nothing else can be checked "
		                      "(SQLite says: %s)"), sqlite3_errmsg(db)));
		sqlite3_finalize(st);
		return false;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (fk) {
			/* table, rowid, parent table, foreign key number */
			const char *table = (const char *)sqlite3_column_text(st, 0);
			const char *parent = (const char *)sqlite3_column_text(st, 2);
			if (sqlite3_column_type(st, 1) == SQLITE_NULL)
				problemf(v, xasprintf(_("a row of table %s refers to a %s row that does not exist"),
				                      table ? table : "?", parent ? parent : "?"));
			else
				problemf(v, xasprintf(_("row %lld of table %s refers to a %s row that does not exist"),
				                      (long long)sqlite3_column_int64(st, 1), table ? table : "?",
				                      parent ? parent : "?"));
			continue;
		}
		const char *m = (const char *)sqlite3_column_text(st, 0);
		if (!m || !strcmp(m, "ok"))
			continue;
		/* One row may hold several lines; "*** in database main ***" heads them. */
		char *copy = xstrdup(m), *save = NULL;
		for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			if (!strncmp(line, "*** in database", 15) || missing_row(v, line))
				continue;
			problemf(v, integrity_words(line));
		}
		free(copy);
	}
	missing_report(v);
	if (rc != SQLITE_DONE)
		problemf(v, xasprintf(_("the check stopped: the database cannot be read (SQLite says: %s)"),
		                      sqlite3_errmsg(db)));
	sqlite3_finalize(st);
	return true;
}

/* Dates that are not real calendar dates, written before version 6's
 * triggers (0006_real_dates.sql) or by a program that bypassed them. */
static void
check_dates(sqlite3 *db, struct verify *v)
{
#define BAD(x) x " IS NOT NULL AND date(" x ", '+0 days') IS NOT " x
	static const char sql[] =
		"SELECT 'task', code, 'start_date' FROM tasks WHERE " BAD("start_date") " "
		"UNION ALL SELECT 'task', code, 'due_date' FROM tasks WHERE " BAD("due_date") " "
		"UNION ALL SELECT 'document', key, 'issued' FROM documents WHERE " BAD("issued") " LIMIT 100";
#undef BAD
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return;                 /* not a plancon schema: said above */
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		/* The key is data: control characters and bad bytes shown as '?'. */
		char *key = text_sanitize((const char *)sqlite3_column_text(st, 1));
		const char *column = (const char *)sqlite3_column_text(st, 2);
		if (!strcmp((const char *)sqlite3_column_text(st, 0), "task"))
			problemf(v, xasprintf(_("task %s: %s is not a real date (YYYY-MM-DD)"), key, column));
		else
			problemf(v, xasprintf(_("document %s: %s is not a real date (YYYY-MM-DD)"), key, column));
		free(key);
	}
	sqlite3_finalize(st);
}

/* ---- the supervision cycle (schema version 9) ------------------------------------ */

/* Evidence whose bytes no longer match the size and SHA-256 stored with
 * them: read one file at a time. */
static void
check_evidence(sqlite3 *db, struct verify *v)
{
	static const char sql[] =
		"SELECT e.id, t.code, r.period, e.size, e.sha256, e.data FROM evidence e "
		"LEFT JOIN reports r ON r.id = e.report_id LEFT JOIN tasks t ON t.id = r.task_id ORDER BY e.id";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return;                 /* a database before version 9 */
	}
	int found = 0;
	while (sqlite3_step(st) == SQLITE_ROW && found < 100) {
		const void *data = sqlite3_column_blob(st, 5);
		long long len = sqlite3_column_bytes(st, 5), size = sqlite3_column_int64(st, 3);
		const char *stored = (const char *)sqlite3_column_text(st, 4);
		char sha[SHA256_HEX];
		sha256_hex(data, (size_t)len, sha);
		if (len == size && stored && !strcmp(sha, stored))
			continue;
		found++;
		char *code = text_sanitize((const char *)sqlite3_column_text(st, 1));
		char *period = text_sanitize((const char *)sqlite3_column_text(st, 2));
		long long id = sqlite3_column_int64(st, 0);
		if (len != size)
			problemf(v, xasprintf(_("evidence %lld (task %s, %s): %lld bytes stored, but its size says %lld"), id,
			                      code, period, len, size));
		else
			problemf(v, xasprintf(_("evidence %lld (task %s, %s): its bytes do not match its sha256"), id, code,
			                      period));
		free(code);
		free(period);
	}
	sqlite3_finalize(st);
}

/* The reports' state against their history, the open extensions, and the
 * tasks awaiting verification: what no write of plancon leaves behind. */
static void
check_cycle(sqlite3 *db, struct verify *v)
{
#define LAST_REVIEW "(SELECT decision || ' ' || rev FROM reviews w WHERE w.report_id = r.id ORDER BY w.id DESC LIMIT 1)"
	static const char sql[] =
		"SELECT 1, t.code, r.period, r.rev, (SELECT count(*) FROM report_revisions x WHERE x.report_id = r.id) n "
		"FROM reports r JOIN tasks t ON t.id = r.task_id WHERE n <> r.rev OR (r.rev > 0 AND NOT EXISTS "
		"(SELECT 1 FROM report_revisions x WHERE x.report_id = r.id AND x.rev = r.rev)) "
		"UNION ALL SELECT 2, t.code, r.period, r.rev, 0 FROM reports r JOIN tasks t ON t.id = r.task_id "
		"WHERE r.state = 'accepted' AND " LAST_REVIEW " IS NOT 'accept ' || r.rev "
		"UNION ALL SELECT 3, t.code, r.period, r.rev, 0 FROM reports r JOIN tasks t ON t.id = r.task_id "
		"WHERE r.state = 'returned' AND " LAST_REVIEW " IS NOT 'return ' || r.rev "
		"UNION ALL SELECT 4, t.code, r.period, r.rev, 0 FROM reports r JOIN tasks t ON t.id = r.task_id "
		"WHERE r.state = 'submitted' AND EXISTS (SELECT 1 FROM reviews w WHERE w.report_id = r.id AND w.rev = r.rev) "
		"UNION ALL SELECT 5, t.code, NULL, count(*), 0 FROM extensions x JOIN tasks t ON t.id = x.task_id "
		"WHERE x.state = 'requested' GROUP BY x.task_id HAVING count(*) > 1 "
		"UNION ALL SELECT 6, code, status, 0, 0 FROM tasks WHERE awaiting = 1 AND status IN ('done', 'cancelled') "
		"UNION ALL SELECT 7, t.code, NULL, 0, 0 FROM tasks t WHERE t.awaiting = 1 AND t.status NOT IN ('done', 'cancelled') "
		"AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.task_id = t.id AND r.status = 'done' "
		"AND r.state IN ('submitted', 'accepted')) LIMIT 100";
#undef LAST_REVIEW
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return;                 /* a database before version 9 */
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *code = text_sanitize((const char *)sqlite3_column_text(st, 1));
		char *what = text_sanitize((const char *)sqlite3_column_text(st, 2));
		long long a = sqlite3_column_int64(st, 3), b = sqlite3_column_int64(st, 4);
		switch (sqlite3_column_int(st, 0)) {
		case 1:
			problemf(v, xasprintf(_("task %s, report %s: %lld submissions, but %lld revisions are kept"), code,
			                      what, a, b));
			break;
		case 2:
			problemf(v, xasprintf(_("task %s, report %s: accepted, but its last review does not accept "
			                      "submission %lld"), code, what, a));
			break;
		case 3:
			problemf(v, xasprintf(_("task %s, report %s: returned, but its last review does not return "
			                      "submission %lld"), code, what, a));
			break;
		case 4:
			problemf(v, xasprintf(_("task %s, report %s: awaiting review, but submission %lld was already "
			                      "decided"), code, what, a));
			break;
		case 5:
			problemf(v, xasprintf(_("task %s: %lld extension requests are open at once; at most one may be"),
			                      code, a));
			break;
		case 6:
			problemf(v, xasprintf(_("task %s: awaiting verification, but its status is already %s"), code, what));
			break;
		default:
			problemf(v, xasprintf(_("task %s: awaiting verification, but no report of it claims it done"), code));
		}
		free(code);
		free(what);
	}
	sqlite3_finalize(st);
}

static int
read_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The size the database header promises (page size times page count), or
 * -1 when the header does not say reliably: the count is valid only while
 * "version-valid-for" (offset 92) equals the change counter (offset 24). */
static long long
expected_size(const unsigned char *h, ssize_t n)
{
	if (n < 100)
		return -1;
	unsigned long page = (unsigned long)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	unsigned long count = (unsigned long)h[28] << 24 | (unsigned long)h[29] << 16 | (unsigned long)h[30] << 8 | h[31];
	if (page < 512 || (page & (page - 1)) || count == 0 || memcmp(h + 24, h + 92, 4))
		return -1;
	return (long long)page * (long long)count;
}

enum err_code
store_verify(const char *path, verify_cb cb, void *ctx, int *problems, struct error *e)
{
	struct verify v = { .cb = cb, .ctx = ctx };
	*problems = 0;
	struct stat sb;
	int fd = store_file_open(path, &sb, e);
	if (fd == -1)
		return err_set(e, ERR_NOT_FOUND, "%s: %s", path, strerror(ENOENT));
	if (fd < 0)
		return e->code;
	unsigned char head[100] = { 0 };
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n < 16 || memcmp(head, "SQLite format 3", 16)) {
		problem(&v, n <= 0 ? _("the file is empty: it holds no database at all")
		                   : _("the file is not an SQLite database (no SQLite header): it may be another "
		                     "kind of file, or its beginning was overwritten"));
		*problems = v.n;
		return ERR_OK;
	}
	long long size = expected_size(head, n);
	if (size > sb.st_size)
		problemf(&v, xasprintf(_("the file is cut short: it holds %lld of the %lld bytes its header "
		                       "promises (a copy that stopped early, or a full disk)"),
		                       (long long)sb.st_size, size));

	sqlite3 *db = NULL;
	if (store_sqlite_open(path, true, false, &db) != SQLITE_OK) {
		enum err_code c = err_set(e, ERR_IO, _("%s: cannot open it: %s"), path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return c;
	}
	int app = 0;
	int rc = read_int(db, "PRAGMA application_id", &app);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_BUSY) {
			enum err_code c = err_set(e, ERR_IO, _("%s: cannot read it: %s"), path, sqlite3_errmsg(db));
			sqlite3_close(db);
			return c;
		}
		problemf(&v, xasprintf(_("the database cannot be read at all (SQLite says: %s)"), sqlite3_errmsg(db)));
		sqlite3_close(db);
		*problems = v.n;
		return ERR_OK;
	}
	if (app != PLANCON_APP_ID)
		problem(&v, _("it is an SQLite database, but not one made by plancon"));
	if (run_check(db, "PRAGMA integrity_check(100)", &v, false) &&
	    run_check(db, "PRAGMA foreign_key_check", &v, true) && app == PLANCON_APP_ID) {
		check_dates(db, &v);
		check_evidence(db, &v);
		check_cycle(db, &v);
	}
	sqlite3_close(db);
	*problems = v.n;
	return ERR_OK;
}
