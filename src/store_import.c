/* store_import: load a plan file (JSON, see plancon-plan(5)) into an empty
 * database. The file is checked first by queries over SQLite's json_each,
 * each naming the first problem it finds with its location; only when all
 * pass is anything written, in one transaction. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "plancon/text.h"

/* Each check yields one row, a message, when the file has that problem.
 * ?1 is the whole document. */
static const char *const checks[] = {
	/* top level */
	"SELECT 'not a plancon plan file (\"format\" must be \"plancon-plan\")' "
	"WHERE json_extract(?1, '$.format') IS NOT 'plancon-plan'",
	"SELECT 'unsupported plan file version ' || quote(json_extract(?1, '$.version')) || ' (this plancon reads version 1)' "
	"WHERE json_extract(?1, '$.version') IS NOT 1",
	"SELECT 'documents: expected a list with at least one document' "
	"WHERE json_type(?1, '$.documents') IS NOT 'array' OR json_array_length(?1, '$.documents') = 0",
	"SELECT printf('%s: expected a list', k) FROM (SELECT 'parts' k UNION ALL SELECT 'chapters' UNION ALL "
	"SELECT 'departments' UNION ALL SELECT 'tasks' UNION ALL SELECT 'indicators' UNION ALL SELECT 'changes') "
	"WHERE json_type(?1, '$.' || k) IS NOT NULL AND json_type(?1, '$.' || k) <> 'array'",
	/* documents */
	"SELECT printf('documents[%d].%s: expected text', key, f) FROM json_each(?1, '$.documents'), "
	"(SELECT 'key' f UNION ALL SELECT 'title') WHERE json_type(value, '$.' || f) IS NOT 'text' OR json_extract(value, '$.' || f) = ''",
	"SELECT printf('documents[%d].key: \"%s\" appears twice (first at documents[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.key') v "
	"FROM json_each(?1, '$.documents')) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	"SELECT printf('documents[%d].issued: \"%s\" is not a date (YYYY-MM-DD)', key, json_extract(value, '$.issued')) FROM json_each(?1, '$.documents') "
	"WHERE json_extract(value, '$.issued') IS NOT NULL AND date(json_extract(value, '$.issued')) IS NOT json_extract(value, '$.issued')",
	/* parts and chapters */
	"SELECT printf('parts[%d].no: expected a whole number', key) FROM json_each(?1, '$.parts') WHERE json_type(value, '$.no') IS NOT 'integer'",
	"SELECT printf('parts[%d].title: expected text', key) FROM json_each(?1, '$.parts') WHERE json_type(value, '$.title') IS NOT 'text'",
	"SELECT printf('parts[%d].no: %d appears twice (first at parts[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.no') v "
	"FROM json_each(?1, '$.parts')) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	"SELECT printf('chapters[%d].no: expected a whole number', key) FROM json_each(?1, '$.chapters') WHERE json_type(value, '$.no') IS NOT 'integer'",
	"SELECT printf('chapters[%d].title: expected text', key) FROM json_each(?1, '$.chapters') WHERE json_type(value, '$.title') IS NOT 'text'",
	"SELECT printf('chapters[%d].no: %d appears twice (first at chapters[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.no') v "
	"FROM json_each(?1, '$.chapters')) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	"SELECT printf('chapters[%d].part: no part %s', c.key, quote(json_extract(c.value, '$.part'))) FROM json_each(?1, '$.chapters') c "
	"WHERE NOT EXISTS (SELECT 1 FROM json_each(?1, '$.parts') p WHERE json_extract(p.value, '$.no') = json_extract(c.value, '$.part'))",
	"SELECT printf('chapters[%d].sections[%d]: expected a whole number \"no\" and a \"title\"', c.key, s.key) "
	"FROM json_each(?1, '$.chapters') c, json_each(c.value, '$.sections') s "
	"WHERE json_type(s.value, '$.no') IS NOT 'integer' OR json_type(s.value, '$.title') IS NOT 'text'",
	"SELECT printf('chapters[%d].sections[%d].no: %d appears twice', c.key, s.key, json_extract(s.value, '$.no')) "
	"FROM json_each(?1, '$.chapters') c, json_each(c.value, '$.sections') s "
	"WHERE EXISTS (SELECT 1 FROM json_each(c.value, '$.sections') o WHERE o.key < s.key AND json_extract(o.value, '$.no') = json_extract(s.value, '$.no'))",
	/* departments */
	"SELECT printf('departments[%d]: expected text \"short\" and \"name\"', key) FROM json_each(?1, '$.departments') "
	"WHERE json_type(value, '$.short') IS NOT 'text' OR json_extract(value, '$.short') = '' OR json_type(value, '$.name') IS NOT 'text'",
	"SELECT printf('departments[%d].short: \"%s\" appears twice (first at departments[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.short') v "
	"FROM json_each(?1, '$.departments')) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	/* tasks */
	"SELECT printf('tasks[%d]: expected text \"code\" and \"title\"', key) FROM json_each(?1, '$.tasks') "
	"WHERE json_type(value, '$.code') IS NOT 'text' OR json_extract(value, '$.code') = '' OR json_type(value, '$.title') IS NOT 'text'",
	"SELECT printf('tasks[%d].code: \"%s\" appears twice (first at tasks[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.code') v "
	"FROM json_each(?1, '$.tasks')) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	"SELECT printf('tasks[%d].chapter: no chapter %s', t.key, quote(json_extract(t.value, '$.chapter'))) FROM json_each(?1, '$.tasks') t "
	"WHERE NOT EXISTS (SELECT 1 FROM json_each(?1, '$.chapters') c WHERE json_extract(c.value, '$.no') = json_extract(t.value, '$.chapter'))",
	"SELECT printf('tasks[%d].section: chapter %d has no section %s', t.key, json_extract(t.value, '$.chapter'), quote(json_extract(t.value, '$.section'))) "
	"FROM json_each(?1, '$.tasks') t WHERE json_extract(t.value, '$.section') IS NOT NULL AND NOT EXISTS ("
	"SELECT 1 FROM json_each(?1, '$.chapters') c, json_each(c.value, '$.sections') s "
	"WHERE json_extract(c.value, '$.no') = json_extract(t.value, '$.chapter') AND json_extract(s.value, '$.no') = json_extract(t.value, '$.section'))",
	"SELECT printf('tasks[%d].document: no document %s', t.key, quote(json_extract(t.value, '$.document'))) FROM json_each(?1, '$.tasks') t "
	"WHERE NOT EXISTS (SELECT 1 FROM json_each(?1, '$.documents') d WHERE json_extract(d.value, '$.key') = json_extract(t.value, '$.document'))",
	"SELECT printf('tasks[%d].lead: no department \"%s\"', t.key, json_extract(t.value, '$.lead')) FROM json_each(?1, '$.tasks') t "
	"WHERE json_extract(t.value, '$.lead') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM json_each(?1, '$.departments') d "
	"WHERE json_extract(d.value, '$.short') = json_extract(t.value, '$.lead'))",
	"SELECT printf('tasks[%d].cooperating[%d]: no department \"%s\"', t.key, c.key, c.value) "
	"FROM json_each(?1, '$.tasks') t, json_each(t.value, '$.cooperating') c "
	"WHERE NOT EXISTS (SELECT 1 FROM json_each(?1, '$.departments') d WHERE json_extract(d.value, '$.short') = c.value)",
	"SELECT printf('tasks[%d].%s: \"%s\" is not a date (YYYY-MM-DD)', t.key, f, json_extract(t.value, '$.' || f)) "
	"FROM json_each(?1, '$.tasks') t, (SELECT 'start' f UNION ALL SELECT 'due') "
	"WHERE json_extract(t.value, '$.' || f) IS NOT NULL AND date(json_extract(t.value, '$.' || f)) IS NOT json_extract(t.value, '$.' || f)",
	"SELECT printf('tasks[%d].status: unknown status \"%s\"', key, json_extract(value, '$.status')) FROM json_each(?1, '$.tasks') "
	"WHERE json_extract(value, '$.status') IS NOT NULL AND json_extract(value, '$.status') NOT IN "
	"('not_started', 'in_progress', 'done', 'blocked', 'cancelled')",
	"SELECT printf('tasks[%d].progress: expected a whole number from 0 to 100', key) FROM json_each(?1, '$.tasks') "
	"WHERE json_extract(value, '$.progress') IS NOT NULL AND (json_type(value, '$.progress') IS NOT 'integer' "
	"OR json_extract(value, '$.progress') NOT BETWEEN 0 AND 100)",
	"SELECT printf('tasks[%d]: a done task must be at 100%% progress', key) FROM json_each(?1, '$.tasks') "
	"WHERE json_extract(value, '$.status') = 'done' AND ifnull(json_extract(value, '$.progress'), 0) <> 100",
	"SELECT printf('tasks[%d].milestones[%d]: expected a whole number \"year\" from 1900 to 2200 and an optional \"quarter\" 1-4', t.key, m.key) "
	"FROM json_each(?1, '$.tasks') t, json_each(t.value, '$.milestones') m "
	"WHERE json_type(m.value, '$.year') IS NOT 'integer' OR json_extract(m.value, '$.year') NOT BETWEEN 1900 AND 2200 "
	"OR (json_extract(m.value, '$.quarter') IS NOT NULL AND (json_type(m.value, '$.quarter') IS NOT 'integer' OR json_extract(m.value, '$.quarter') NOT BETWEEN 1 AND 4))",
	"SELECT printf('tasks[%d].milestones[%d].status: unknown status \"%s\"', t.key, m.key, json_extract(m.value, '$.status')) "
	"FROM json_each(?1, '$.tasks') t, json_each(t.value, '$.milestones') m "
	"WHERE json_extract(m.value, '$.status') IS NOT NULL AND json_extract(m.value, '$.status') NOT IN ('pending', 'done', 'missed')",
	"SELECT printf('tasks[%d].milestones[%d]: a second milestone for the same period', t.key, m.key) "
	"FROM json_each(?1, '$.tasks') t, json_each(t.value, '$.milestones') m WHERE EXISTS (SELECT 1 FROM json_each(t.value, '$.milestones') o "
	"WHERE o.key < m.key AND json_extract(o.value, '$.year') = json_extract(m.value, '$.year') "
	"AND json_extract(o.value, '$.quarter') IS json_extract(m.value, '$.quarter'))",
	/* indicators */
	"SELECT printf('indicators[%d].name: expected text', key) FROM json_each(?1, '$.indicators') WHERE json_type(value, '$.name') IS NOT 'text'",
	"SELECT printf('indicators[%d].name: \"%s\" appears twice (first at indicators[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.name') v "
	"FROM json_each(?1, '$.indicators')) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	"SELECT printf('indicators[%d].%s[%d]: expected a whole number \"year\" and a number \"value\"', i.key, f, v.key) "
	"FROM json_each(?1, '$.indicators') i, (SELECT 'targets' f UNION ALL SELECT 'actuals'), json_each(i.value, '$.' || f) v "
	"WHERE json_type(v.value, '$.year') IS NOT 'integer' OR json_type(v.value, '$.value') NOT IN ('integer', 'real')",
	"SELECT printf('indicators[%d].targets[%d].op: expected one of = ~ >= <=', i.key, v.key) "
	"FROM json_each(?1, '$.indicators') i, json_each(i.value, '$.targets') v "
	"WHERE json_extract(v.value, '$.op') IS NOT NULL AND json_extract(v.value, '$.op') NOT IN ('=', '~', '>=', '<=')",
	/* the change log, when the file carries one (an export) */
	"SELECT printf('changes[%d]: expected text \"at\", \"who\", \"kind\", \"item\" and \"field\"', key) FROM json_each(?1, '$.changes') "
	"WHERE json_type(value, '$.at') IS NOT 'text' OR json_type(value, '$.who') IS NOT 'text' OR json_type(value, '$.kind') IS NOT 'text' "
	"OR json_type(value, '$.item') IS NOT 'text' OR json_type(value, '$.field') IS NOT 'text'",
	NULL
};

/* The inserts, in dependency order; ?1 is the document. */
static const char *const loads[] = {
	"INSERT INTO documents (key, title, short, issuer, doc_no, issued, year_from, year_to, note, sources) "
	"SELECT json_extract(value, '$.key'), json_extract(value, '$.title'), ifnull(json_extract(value, '$.short'), ''), "
	"ifnull(json_extract(value, '$.issuer'), ''), ifnull(json_extract(value, '$.doc_no'), ''), json_extract(value, '$.issued'), "
	"json_extract(value, '$.years[0]'), json_extract(value, '$.years[1]'), ifnull(json_extract(value, '$.note'), ''), "
	"ifnull(json_extract(value, '$.sources'), '') FROM json_each(?1, '$.documents') ORDER BY key",
	"INSERT INTO parts (no, title) SELECT json_extract(value, '$.no'), json_extract(value, '$.title') FROM json_each(?1, '$.parts')",
	"INSERT INTO chapters (part_id, no, title, note) SELECT (SELECT id FROM parts WHERE no = json_extract(value, '$.part')), "
	"json_extract(value, '$.no'), json_extract(value, '$.title'), ifnull(json_extract(value, '$.note'), '') FROM json_each(?1, '$.chapters')",
	"INSERT INTO sections (chapter_id, no, title) SELECT (SELECT id FROM chapters WHERE no = json_extract(c.value, '$.no')), "
	"json_extract(s.value, '$.no'), json_extract(s.value, '$.title') FROM json_each(?1, '$.chapters') c, json_each(c.value, '$.sections') s",
	"INSERT INTO departments (short, name) SELECT json_extract(value, '$.short'), json_extract(value, '$.name') FROM json_each(?1, '$.departments')",
	"INSERT INTO tasks (pos, code, title, description, document_id, chapter_id, section_id, lead_dept_id, provisional, "
	"start_date, due_date, status, progress, version, updated_at, updated_by, sources) "
	"SELECT t.key + 1, json_extract(t.value, '$.code'), json_extract(t.value, '$.title'), ifnull(json_extract(t.value, '$.description'), ''), "
	"(SELECT id FROM documents WHERE key = json_extract(t.value, '$.document')), c.id, "
	"(SELECT id FROM sections WHERE chapter_id = c.id AND no = json_extract(t.value, '$.section')), "
	"(SELECT id FROM departments WHERE short = json_extract(t.value, '$.lead')), "
	"CASE WHEN json_extract(t.value, '$.provisional') IS 0 THEN 0 ELSE 1 END, "
	"json_extract(t.value, '$.start'), json_extract(t.value, '$.due'), ifnull(json_extract(t.value, '$.status'), 'not_started'), "
	"ifnull(json_extract(t.value, '$.progress'), 0), ifnull(json_extract(t.value, '$.version'), 1), "
	"json_extract(t.value, '$.updated_at'), json_extract(t.value, '$.updated_by'), ifnull(json_extract(t.value, '$.sources'), '') "
	"FROM json_each(?1, '$.tasks') t JOIN chapters c ON c.no = json_extract(t.value, '$.chapter')",
	"INSERT INTO task_coop (task_id, dept_id) SELECT DISTINCT (SELECT id FROM tasks WHERE code = json_extract(t.value, '$.code')), "
	"(SELECT id FROM departments WHERE short = c.value) FROM json_each(?1, '$.tasks') t, json_each(t.value, '$.cooperating') c",
	"INSERT INTO milestones (task_id, year, quarter, target, status, updated_at, updated_by) "
	"SELECT (SELECT id FROM tasks WHERE code = json_extract(t.value, '$.code')), json_extract(m.value, '$.year'), "
	"json_extract(m.value, '$.quarter'), ifnull(json_extract(m.value, '$.target'), ''), ifnull(json_extract(m.value, '$.status'), 'pending'), "
	"json_extract(m.value, '$.updated_at'), json_extract(m.value, '$.updated_by') "
	"FROM json_each(?1, '$.tasks') t, json_each(t.value, '$.milestones') m",
	"INSERT INTO indicators (pos, name, unit, base_year, base_value, note, sources) SELECT key + 1, json_extract(value, '$.name'), "
	"ifnull(json_extract(value, '$.unit'), ''), json_extract(value, '$.baseline.year'), json_extract(value, '$.baseline.value'), "
	"ifnull(json_extract(value, '$.note'), ''), ifnull(json_extract(value, '$.sources'), '') FROM json_each(?1, '$.indicators')",
	"INSERT INTO indicator_targets (indicator_id, year, value, op, sources) SELECT (SELECT id FROM indicators WHERE name = json_extract(i.value, '$.name')), "
	"json_extract(v.value, '$.year'), json_extract(v.value, '$.value'), ifnull(json_extract(v.value, '$.op'), '='), ifnull(json_extract(v.value, '$.sources'), '') "
	"FROM json_each(?1, '$.indicators') i, json_each(i.value, '$.targets') v",
	"INSERT INTO indicator_actuals (indicator_id, year, value, recorded_at, recorded_by) "
	"SELECT (SELECT id FROM indicators WHERE name = json_extract(i.value, '$.name')), json_extract(v.value, '$.year'), json_extract(v.value, '$.value'), "
	"json_extract(v.value, '$.recorded_at'), json_extract(v.value, '$.recorded_by') FROM json_each(?1, '$.indicators') i, json_each(i.value, '$.actuals') v",
	"INSERT INTO changes (at, who, kind, item, task_id, field, old, new, note) SELECT json_extract(value, '$.at'), json_extract(value, '$.who'), "
	"json_extract(value, '$.kind'), json_extract(value, '$.item'), (SELECT id FROM tasks WHERE code = json_extract(value, '$.task')), "
	"json_extract(value, '$.field'), json_extract(value, '$.old'), json_extract(value, '$.new'), ifnull(json_extract(value, '$.note'), '') "
	"FROM json_each(?1, '$.changes') ORDER BY key",
	"INSERT OR REPLACE INTO meta (key, value) VALUES ('title', ifnull(json_extract(?1, '$.title'), '')), "
	"('about', ifnull(json_extract(?1, '$.about'), '')), ('demo', CASE WHEN json_extract(?1, '$.demo') THEN '1' ELSE '0' END)",
	NULL
};

/* Line and column (in characters) of byte offset off. */
static void
locate(const char *json, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (json[i] == '\n')
			(*line)++, *col = 1;
		else if (((unsigned char)json[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/* Run one statement over the document; a row means a problem. */
static enum err_code
run(struct store *s, const char *sql, const char *json, size_t len, bool check, struct error *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, e, "plan file");
	sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	enum err_code c = ERR_OK;
	if (check && rc == SQLITE_ROW)
		c = err_set(e, ERR_INVALID, "%s", store_col(st, 0) ? store_col(st, 0) : "invalid plan file");
	else if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		c = store_fail(s, e, "plan file");
	sqlite3_finalize(st);
	return c;
}

enum err_code
store_import(struct store *s, const char *json, size_t len, struct error *e)
{
	if (len > 0x7fffffff)
		return err_set(e, ERR_INVALID, "plan file: too large");
	for (size_t i = 0; i < len; i++) {
		if (json[i] == '\0') {
			int line, col;
			locate(json, i, &line, &col);
			return err_set(e, ERR_INVALID, "plan file: line %d, column %d: a NUL byte", line, col);
		}
	}
	if (!text_valid_utf8(json, len)) {
		/* Find the first bad byte to say where it is. */
		size_t lo = 0, hi = len;
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			while (mid > lo && ((unsigned char)json[mid] & 0xc0) == 0x80)
				mid--;
			if (mid == lo)
				break;
			if (text_valid_utf8(json, mid))
				lo = mid;
			else
				hi = mid;
		}
		int line, col;
		locate(json, lo, &line, &col);
		return err_set(e, ERR_INVALID, "plan file: line %d, column %d: invalid UTF-8", line, col);
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT json_valid(?1) AND json_type(?1) = 'object'", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, e, "plan file");
	sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
	int ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!ok)
		return err_set(e, ERR_INVALID, "plan file: not valid JSON, or not a JSON object");
	for (int i = 0; checks[i]; i++) {
		enum err_code c = run(s, checks[i], json, len, true, e);
		if (c) {
			if (c == ERR_INVALID && e) {
				char m[sizeof e->msg];
				memcpy(m, e->msg, sizeof m);
				err_set(e, ERR_INVALID, "plan file: %.1000s", m);
			}
			return c;
		}
	}
	int n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT (SELECT count(*) FROM tasks) + (SELECT count(*) FROM parts)", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (n)
		return err_set(e, ERR_REFUSED, "%s already holds a plan; import into a new database", s->path);
	enum err_code c = store_begin(s, e);
	if (c)
		return c;
	for (int i = 0; loads[i]; i++) {
		c = run(s, loads[i], json, len, false, e);
		if (c) {
			store_rollback(s);
			return c;
		}
	}
	return store_commit(s, e);
}
