/* store_export: the whole plan as a plan file, built by one SELECT with
 * SQLite's JSON functions (so it is one consistent snapshot, and every
 * string is escaped by SQLite), then indented for people and diffs, with
 * the characters a terminal would act on escaped too.
 *
 * The document is what store_import reads: exporting, importing the result
 * into a new database and exporting again gives the same bytes. For that,
 * every list has a fixed order (by number, by key, by plan position, by
 * id), and an optional field that is empty or NULL is left out (json_patch
 * with a NULL member removes it), which store_import reads back as empty or
 * NULL. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/store_planfile.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

/* json_patch('{}', o): o without its NULL members. */
#define COMPACT(o) "json_patch('{}', " o ")"

/* The cycle's settings (meta cycle_*) and records, patched onto the plan:
 * a key whose value is NULL (no settings, no rows) is left out, so a plan
 * without the cycle exports as it always did. Evidence files are base64
 * (plancon_base64), with their sha256. */
#define CYCLE_META(k) "(SELECT value FROM meta WHERE key = 'cycle_" k "')"
#define WHO_COLS(p) "'at', " p "at, 'who', " p "who, 'actor', " p "actor"
/* A list of the rows of from (ordered there), or NULL when it has none. */
#define LIST(obj, from) "json((SELECT json_group_array(" COMPACT(obj) ") FROM " from " HAVING count(*) > 0))"
#define LIST_CLOSINGS LIST("json_object('task', c.code, 'event', c.event, " \
	"  'report', (SELECT period FROM reports WHERE id = c.report_id), 'note', nullif(c.note, ''), " \
	"  'local', c.local, " WHO_COLS("c.") ")", \
	"  (SELECT c.*, t.code FROM closings c JOIN tasks t ON t.id = c.task_id ORDER BY c.id) c")
#define LIST_EXTENSIONS LIST("json_object('task', x.code, " \
	"  'dept', (SELECT short FROM departments WHERE id = x.dept_id), 'old_due', x.old_due, 'new_due', x.new_due, " \
	"  'reason', x.reason, 'state', x.state, 'requested_local', x.requested_local, 'requested_at', x.requested_at, " \
	"  'requested_by', x.requested_by, 'actor', x.actor, 'decided_at', x.decided_at, 'decided_by', x.decided_by, " \
	"  'decided_actor', x.decided_actor, 'decision_note', nullif(x.decision_note, ''))", \
	"  (SELECT x.*, t.code FROM extensions x JOIN tasks t ON t.id = x.task_id ORDER BY x.id) x")
#define LIST_REMINDERS LIST("json_object('dept', (SELECT short FROM departments WHERE id = m.dept_id), " \
	"  'task', (SELECT code FROM tasks WHERE id = m.task_id), 'period', m.period, 'level', m.level, " \
	"  'note', nullif(m.note, ''), " WHO_COLS("m.") ", " \
	"  'seen', json((SELECT json_group_array(json_object('user', n.user_name, 'at', n.at)) FROM (SELECT * FROM " \
	"    reminder_seen n WHERE n.reminder_id = m.id ORDER BY n.user_name) n HAVING count(*) > 0)))", \
	"  (SELECT * FROM reminders ORDER BY id) m")

static const char cycle_sql[] =
	"SELECT json_patch('{}', json_object("
	"'cycle', CASE WHEN EXISTS (SELECT 1 FROM meta WHERE key LIKE 'cycle\\_%' ESCAPE '\\') THEN " COMPACT("json_object(" \
	"  'enabled', CASE " CYCLE_META("enabled") " WHEN '1' THEN json('true') WHEN '0' THEN json('false') END, " \
	"  'period', " CYCLE_META("period") ", 'due_day', CAST(" CYCLE_META("due_day") " AS INTEGER), " \
	"  'office', " CYCLE_META("office") ", 'since', " CYCLE_META("since") ")") " END, "
	"'closings', " LIST_CLOSINGS ", 'extensions', " LIST_EXTENSIONS ", 'reminders', " LIST_REMINDERS "))";

static const char reports_sql[] =
	"SELECT json_patch('{}', json_object("
	"'reports', " LIST("json_object('task', r.code, 'period', r.period, " \
	"  'dept', (SELECT short FROM departments WHERE id = r.dept_id), 'due', r.due, 'state', r.state, 'rev', r.rev, " \
	"  'status', r.status, 'progress', r.progress, 'done_text', nullif(r.done_text, ''), " \
	"  'problems', nullif(r.problems, ''), 'next_steps', nullif(r.next_steps, ''), 'first_local', r.first_local, " \
	"  'on_time', CASE r.on_time WHEN 1 THEN json('true') WHEN 0 THEN json('false') END, 'version', r.version, " \
	"  'updated_at', r.updated_at, 'updated_by', r.updated_by, 'actor', r.actor, " \
	"  'revisions', " LIST("json_object('rev', x.rev, 'status', x.status, 'progress', x.progress, " \
	"    'done_text', nullif(x.done_text, ''), 'problems', nullif(x.problems, ''), " \
	"    'next_steps', nullif(x.next_steps, ''), 'local', x.local, " WHO_COLS("x.") ")", \
	"    (SELECT * FROM report_revisions x WHERE x.report_id = r.id ORDER BY x.rev) x") ", " \
	"  'inputs', " LIST("json_object('dept', (SELECT short FROM departments WHERE id = x.dept_id), " \
	"    'text', x.text, " WHO_COLS("x.") ")", \
	"    (SELECT * FROM report_inputs x WHERE x.report_id = r.id ORDER BY x.id) x") ", " \
	"  'reviews', " LIST("json_object('rev', x.rev, 'decision', x.decision, 'reason', nullif(x.reason, ''), " \
	"    " WHO_COLS("x.") ")", \
	"    (SELECT * FROM reviews x WHERE x.report_id = r.id ORDER BY x.id) x") ", " \
	"  'evidence', " LIST("json_object('name', x.name, 'size', x.size, 'sha256', x.sha256, " \
	"    'data', plancon_base64(x.data), " WHO_COLS("x.") ")", \
	"    (SELECT * FROM evidence x WHERE x.report_id = r.id ORDER BY x.id) x") ")", \
	"  (SELECT r.*, t.code FROM reports r JOIN tasks t ON t.id = r.task_id ORDER BY t.pos, r.period) r") "))";

static const char export_sql[] =
	"SELECT json_object("
	"'format', 'plancon-plan', 'version', 1, "
	"'title', ifnull((SELECT value FROM meta WHERE key = 'title'), ''), "
	"'about', ifnull((SELECT value FROM meta WHERE key = 'about'), ''), "
	"'demo', json(CASE (SELECT value FROM meta WHERE key = 'demo') WHEN '1' THEN 'true' ELSE 'false' END), "
	/* documents */
	"'documents', json((SELECT json_group_array(" COMPACT("json_object('key', key, 'title', title, "
	"  'short', nullif(short, ''), 'issuer', nullif(issuer, ''), 'doc_no', nullif(doc_no, ''), 'issued', issued, "
	"  'years', CASE WHEN year_from IS NULL AND year_to IS NULL THEN NULL ELSE json_array(year_from, year_to) END, "
	"  'note', nullif(note, ''), 'sources', nullif(sources, ''))") ") "
	"  FROM (SELECT * FROM documents ORDER BY id))), "
	/* parts, chapters and their sections */
	"'parts', json((SELECT json_group_array(json_object('no', no, 'title', title)) "
	"  FROM (SELECT no, title FROM parts ORDER BY no))), "
	"'chapters', json((SELECT json_group_array(" COMPACT("json_object('no', c.no, 'part', c.part_no, 'title', c.title, "
	"  'note', nullif(c.note, ''), 'sections', json((SELECT json_group_array(json_object('no', x.no, 'title', x.title)) "
	"    FROM (SELECT no, title FROM sections x WHERE x.chapter_id = c.id ORDER BY no) x)))") ") "
	"  FROM (SELECT c.*, p.no part_no FROM chapters c JOIN parts p ON p.id = c.part_id ORDER BY c.no) c)), "
	/* departments */
	"'departments', json((SELECT json_group_array(json_object('short', short, 'name', name)) "
	"  FROM (SELECT short, name FROM departments ORDER BY id))), "
	/* tasks, with their assignments, statuses and milestones */
	"'tasks', json((SELECT json_group_array(" COMPACT("json_object('code', t.code, 'title', t.title, "
	"  'description', nullif(t.description, ''), 'document', (SELECT key FROM documents WHERE id = t.document_id), "
	"  'chapter', (SELECT no FROM chapters WHERE id = t.chapter_id), "
	"  'section', (SELECT no FROM sections WHERE id = t.section_id), "
	"  'lead', (SELECT short FROM departments WHERE id = t.lead_dept_id), "
	"  'cooperating', json((SELECT json_group_array(short) FROM (SELECT d.short FROM task_coop tc "
	"    JOIN departments d ON d.id = tc.dept_id WHERE tc.task_id = t.id ORDER BY d.id))), "
	"  'provisional', json(CASE t.provisional WHEN 0 THEN 'false' ELSE 'true' END), "
	"  'start', t.start_date, 'due', t.due_date, 'status', t.status, 'progress', t.progress, "
	"  'version', t.version, 'updated_at', t.updated_at, 'updated_by', t.updated_by, 'note', nullif(t.note, ''), "
	"  'sources', nullif(t.sources, ''), "
	"  'awaiting', CASE t.awaiting WHEN 1 THEN json('true') END, 'original_due', t.original_due, "
	"  'milestones', json((SELECT json_group_array(" COMPACT("json_object('year', m.year, 'quarter', m.quarter, "
	"    'target', nullif(m.target, ''), 'status', m.status, 'updated_at', m.updated_at, "
	"    'updated_by', m.updated_by, 'note', nullif(m.note, ''))") ") "
	"    FROM (SELECT * FROM milestones m WHERE m.task_id = t.id ORDER BY m.year, ifnull(m.quarter, 5)) m)))") ") "
	"  FROM (SELECT * FROM tasks ORDER BY pos) t)), "
	/* indicators with targets and actuals */
	"'indicators', json((SELECT json_group_array(" COMPACT("json_object('name', i.name, 'unit', nullif(i.unit, ''), "
	"  'baseline', CASE WHEN i.base_year IS NULL AND i.base_value IS NULL THEN NULL "
	"    ELSE json_object('year', i.base_year, 'value', i.base_value) END, "
	"  'note', nullif(i.note, ''), 'sources', nullif(i.sources, ''), "
	"  'targets', json((SELECT json_group_array(" COMPACT("json_object('year', v.year, 'value', v.value, "
	"    'op', v.op, 'sources', nullif(v.sources, ''))") ") "
	"    FROM (SELECT * FROM indicator_targets v WHERE v.indicator_id = i.id ORDER BY v.year) v)), "
	"  'actuals', json((SELECT json_group_array(" COMPACT("json_object('year', v.year, 'value', v.value, "
	"    'recorded_at', v.recorded_at, 'recorded_by', v.recorded_by)") ") "
	"    FROM (SELECT * FROM indicator_actuals v WHERE v.indicator_id = i.id ORDER BY v.year) v)))") ") "
	"  FROM (SELECT * FROM indicators ORDER BY pos) i)), "
	/* the change log */
	"'changes', json((SELECT json_group_array(" COMPACT("json_object('at', g.at, 'who', g.who, 'actor', g.actor, "
	"  'kind', g.kind, 'item', g.item, 'task', (SELECT code FROM tasks WHERE id = g.task_id), 'field', g.field, "
	"  'old', g.old, 'new', g.new, 'note', nullif(g.note, ''), 'version', g.version)") ") "
	"  FROM (SELECT * FROM changes ORDER BY id) g)))"
;

/* Indent compact JSON (as SQLite writes it: no spaces outside strings) one
 * space per level, the way the bundled plan file is written. */
static char *
indent(const char *in, size_t *outlen)
{
	size_t cap = strlen(in) * 2 + 64, n = 0;
	char *out = xmalloc(cap);
	int depth = 0;
	bool str = false;
#define PUT(ch) do { if (n + 1 >= cap) out = xrealloc(out, cap *= 2); out[n++] = (ch); } while (0)
#define NEWLINE() do { PUT('\n'); for (int i_ = 0; i_ < depth; i_++) PUT(' '); } while (0)
	for (const char *p = in; *p; p++) {
		char ch = *p;
		if (str) {
			/* SQLite escapes the C0 controls; the others that
			 * text_sanitize replaces (DEL, C1, bidi controls, ...) are
			 * escaped here, so that no control reaches a terminal. */
			size_t cn = 1;
			long cp = (unsigned char)ch >= 0x7f ? text_utf8_next(p, strnlen(p, 4), &cn) : -1;
			if (text_cp_unsafe(cp)) {
				char u[8];
				snprintf(u, sizeof u, "\\u%04lx", cp);
				for (const char *q = u; *q; q++)
					PUT(*q);
				p += cn - 1;
				continue;
			}
			PUT(ch);
			if (ch == '\\' && p[1])
				PUT(*++p);
			else if (ch == '"')
				str = false;
			continue;
		}
		switch (ch) {
		case '"':
			str = true;
			PUT(ch);
			break;
		case '{':
		case '[':
			PUT(ch);
			if (p[1] == (ch == '{' ? '}' : ']')) {
				PUT(*++p);
				break;
			}
			depth++;
			NEWLINE();
			break;
		case '}':
		case ']':
			depth--;
			NEWLINE();
			PUT(ch);
			break;
		case ',':
			PUT(ch);
			NEWLINE();
			break;
		case ':':
			PUT(ch);
			PUT(' ');
			break;
		default:
			PUT(ch);
		}
	}
	PUT('\n');
	out[n] = '\0';
#undef PUT
#undef NEWLINE
	*outlen = n;
	return out;
}

enum err_code
store_export(struct store *s, char **json, size_t *len, struct error *e)
{
	*json = NULL;
	*len = 0;
	/* Run once: not worth a place in the statement cache. */
	/* The plan, the reports, the rest of the cycle: each one SELECT (an
	 * SQL text has a length limit), all in one read transaction so that
	 * they are one snapshot, patched together. */
	static const char *const parts[] = { export_sql, reports_sql, cycle_sql };
	enum { NPARTS = sizeof parts / sizeof parts[0] };
	sqlite3_stmt *st[NPARTS + 1] = { NULL };
	enum err_code c = ERR_OK;
	bool own = sqlite3_get_autocommit(s->db) != 0;   /* not inside a caller's transaction */
	if (store_blob_register(s->db) != SQLITE_OK || (own && sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK))
		return store_fail(s, e, "exporting");
	for (int i = 0; i < NPARTS && !c; i++)
		if (sqlite3_prepare_v2(s->db, parts[i], -1, &st[i], NULL) != SQLITE_OK || sqlite3_step(st[i]) != SQLITE_ROW ||
		    !store_col(st[i], 0))
			c = store_fail(s, e, "exporting");
	if (!c && sqlite3_prepare_v2(s->db, "SELECT json_patch(json_patch(?1, ?2), ?3)", -1, &st[NPARTS], NULL) != SQLITE_OK)
		c = store_fail(s, e, "exporting");
	for (int i = 0; i < NPARTS && !c; i++)
		sqlite3_bind_value(st[NPARTS], i + 1, sqlite3_column_value(st[i], 0));
	if (!c && (sqlite3_step(st[NPARTS]) != SQLITE_ROW || !store_col(st[NPARTS], 0)))
		c = store_fail(s, e, "exporting");
	if (!c)
		*json = indent(store_col(st[NPARTS], 0), len);
	for (int i = 0; i <= NPARTS; i++)
		sqlite3_finalize(st[i]);
	if (own)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	return c;
}
