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
	"  FROM (SELECT * FROM changes ORDER BY id) g)))";

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
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, export_sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, e, "exporting");
	int rc = sqlite3_step(st);
	enum err_code c = ERR_OK;
	if (rc == SQLITE_ROW && store_col(st, 0))
		*json = indent(store_col(st, 0), len);
	else
		c = store_fail(s, e, "exporting");
	sqlite3_finalize(st);
	return c;
}
