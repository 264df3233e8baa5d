/* store_import: load a plan file (JSON, see plancon-plan(5)) into an empty
 * database. The file is checked first by queries over SQLite's json_each,
 * each naming the first problem it finds with its location; only when all
 * pass is anything written, in one transaction. */
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plancon/store_planfile.h"
#include "plancon/text.h"
#include "plancon/xalloc.h"

/* Each check yields one row, a message, when the file has that problem.
 * ?1 is the whole document; the lists are read from their staged copies
 * (import_tasks, ...; see stage()). A reference is checked with NOT IN over
 * an uncorrelated subquery, which SQLite evaluates once. A date is checked
 * as date(x, '+0 days') = x: SQLite's date() alone takes 2024-02-30 as it
 * is; the modifier makes it normalize to 2024-03-01, which then differs. */
/* The lists inside the cycle's records (plancon-plan(5), the supervision cycle). */
#define CYCLE_SUBLISTS "UNION ALL SELECT 'reports', 'revisions' UNION ALL SELECT 'reports', 'inputs' " \
	"UNION ALL SELECT 'reports', 'reviews' UNION ALL SELECT 'reports', 'evidence' UNION ALL SELECT 'reminders', 'seen'"
/* A period key as [cycle] period has them: 2024-03 or 2024-Q1. */
#define PERIOD_BAD(x) "(typeof(" x ") IS NOT 'text' OR NOT (" x " GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]' OR " \
	x " GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'))"
#define TASK_UNKNOWN(x) x " NOT IN (SELECT json_extract(value, '$.code') FROM import_tasks WHERE json_extract(value, '$.code') IS NOT NULL)"
#define DEPT_UNKNOWN(x) "ifnull(" x ", '') NOT IN (SELECT json_extract(value, '$.short') FROM import_departments " \
	"WHERE json_extract(value, '$.short') IS NOT NULL)"
#define CYCLE_CHECKS \
	"SELECT 'cycle: expected an object {...}' WHERE json_type(?1, '$.cycle') IS NOT NULL AND json_type(?1, '$.cycle') <> 'object'", \
	"SELECT 'cycle.enabled: expected true or false' WHERE json_type(?1, '$.cycle.enabled') NOT IN ('true', 'false')", \
	"SELECT 'cycle.period: expected \"month\" or \"quarter\"' WHERE json_extract(?1, '$.cycle.period') NOT IN ('month', 'quarter')", \
	"SELECT 'cycle.due_day: expected a whole number from 1 to 31' WHERE json_type(?1, '$.cycle.due_day') IS NOT NULL " \
	"AND (json_type(?1, '$.cycle.due_day') <> 'integer' OR json_extract(?1, '$.cycle.due_day') NOT BETWEEN 1 AND 31)", \
	"SELECT printf('cycle.office: no department %s', quote(json_extract(?1, '$.cycle.office'))) " \
	"WHERE json_type(?1, '$.cycle.office') IS NOT NULL AND " DEPT_UNKNOWN("json_extract(?1, '$.cycle.office')"), \
	"SELECT 'cycle.since: expected a period, as 2024-03 or 2024-Q1' WHERE json_type(?1, '$.cycle.since') IS NOT NULL " \
	"AND " PERIOD_BAD("json_extract(?1, '$.cycle.since')"), \
	"SELECT printf('%s[%d].task: no task %s', list, key, quote(json_extract(value, '$.task'))) FROM import_item " \
	"WHERE list IN ('reports', 'closings', 'extensions') AND " TASK_UNKNOWN("ifnull(json_extract(value, '$.task'), '')") " LIMIT 1", \
	"SELECT printf('reminders[%d].task: no task %s', key, quote(json_extract(value, '$.task'))) FROM import_reminders " \
	"WHERE json_extract(value, '$.task') IS NOT NULL AND " TASK_UNKNOWN("json_extract(value, '$.task')") " LIMIT 1", \
	"SELECT printf('%s[%d].dept: no department %s', list, key, quote(json_extract(value, '$.dept'))) FROM import_item " \
	"WHERE list IN ('reports', 'extensions', 'reminders') AND " DEPT_UNKNOWN("json_extract(value, '$.dept')") " LIMIT 1", \
	"SELECT printf('reports[%d].inputs[%d].dept: no department %s', r.key, x.key, quote(json_extract(x.value, '$.dept'))) " \
	"FROM import_reports r, json_each(r.value, '$.inputs') x WHERE " DEPT_UNKNOWN("json_extract(x.value, '$.dept')") " LIMIT 1", \
	"SELECT printf('%s[%d].period: expected a period, as 2024-03 or 2024-Q1', list, key) FROM import_item " \
	"WHERE list IN ('reports', 'reminders') AND " PERIOD_BAD("json_extract(value, '$.period')") " LIMIT 1", \
	"SELECT printf('reports[%d]: task %s has a report for %s already (reports[%d])', max(k), t, p, min(k)) FROM (SELECT key k, " \
	"json_extract(value, '$.task') t, json_extract(value, '$.period') p FROM import_reports) GROUP BY t, p HAVING count(*) > 1 LIMIT 1", \
	"SELECT printf('closings[%d].report: task %s has no report for %s', c.key, json_extract(c.value, '$.task'), " \
	"quote(json_extract(c.value, '$.report'))) FROM import_closings c WHERE json_extract(c.value, '$.report') IS NOT NULL " \
	"AND NOT EXISTS (SELECT 1 FROM import_reports r WHERE json_extract(r.value, '$.task') = json_extract(c.value, '$.task') " \
	"AND json_extract(r.value, '$.period') = json_extract(c.value, '$.report')) LIMIT 1", \
	"SELECT printf('tasks[%d].awaiting: expected true or false', key) FROM import_tasks " \
	"WHERE json_type(value, '$.awaiting') NOT IN ('true', 'false') LIMIT 1", \
	"SELECT printf('%s: %s is not a date (YYYY-MM-DD)', w, quote(v)) FROM (" \
	"SELECT printf('tasks[%d].original_due', key) w, json_extract(value, '$.original_due') v FROM import_tasks UNION ALL " \
	"SELECT printf('reports[%d].due', key), json_extract(value, '$.due') FROM import_reports UNION ALL " \
	"SELECT printf('extensions[%d].%s', key, f), json_extract(value, '$.' || f) FROM import_extensions, " \
	"(SELECT 'old_due' f UNION ALL SELECT 'new_due')) " \
	"WHERE v IS NOT NULL AND (typeof(v) <> 'text' OR date(v, '+0 days') IS NOT v) LIMIT 1", \
	/* evidence: the file, in base64, must be what its size and sha256 say */ \
	"SELECT printf('reports[%d].evidence[%d].data: expected the file in base64', r.key, x.key) " \
	"FROM import_reports r, json_each(r.value, '$.evidence') x " \
	"WHERE plancon_unbase64(json_extract(x.value, '$.data')) IS NULL LIMIT 1", \
	"SELECT printf('reports[%d].evidence[%d] (%s): the file is %d bytes, but its size says %s', r.key, x.key, " \
	"json_extract(x.value, '$.name'), length(plancon_unbase64(json_extract(x.value, '$.data'))), quote(json_extract(x.value, '$.size'))) " \
	"FROM import_reports r, json_each(r.value, '$.evidence') x " \
	"WHERE length(plancon_unbase64(json_extract(x.value, '$.data'))) IS NOT json_extract(x.value, '$.size') LIMIT 1", \
	"SELECT printf('reports[%d].evidence[%d] (%s): the file does not match its sha256 (changed or damaged)', r.key, x.key, " \
	"json_extract(x.value, '$.name')) FROM import_reports r, json_each(r.value, '$.evidence') x " \
	"WHERE plancon_sha256(plancon_unbase64(json_extract(x.value, '$.data'))) IS NOT json_extract(x.value, '$.sha256') LIMIT 1",

static const char *const checks[] = {
	/* top level */
	"SELECT 'not a plancon plan file (\"format\" must be \"plancon-plan\")' "
	"WHERE json_extract(?1, '$.format') IS NOT 'plancon-plan'",
	"SELECT 'unsupported plan file version ' || quote(json_extract(?1, '$.version')) || ' (this plancon reads version 1)' "
	"WHERE json_extract(?1, '$.version') IS NOT 1",
	"SELECT 'documents: expected a list with at least one document' "
	"WHERE json_type(?1, '$.documents') IS NOT 'array' OR json_array_length(?1, '$.documents') = 0",
	"SELECT printf('%s: expected a list', k) FROM (SELECT 'parts' k UNION ALL SELECT 'chapters' UNION ALL "
	"SELECT 'departments' UNION ALL SELECT 'tasks' UNION ALL SELECT 'indicators' UNION ALL SELECT 'changes' "
	"UNION ALL SELECT 'reports' UNION ALL SELECT 'closings' UNION ALL SELECT 'extensions' UNION ALL SELECT 'reminders') "
	"WHERE json_type(?1, '$.' || k) IS NOT NULL AND json_type(?1, '$.' || k) <> 'array'",
	/* the shape of every element, before any check reads a member of it */
	"SELECT printf('%s[%d]: expected an object {...}, got %s', list, key, type) FROM import_item "
	"WHERE type IS NOT 'object' LIMIT 1",
	"SELECT printf('%s[%d].%s: expected a list', list, key, f) FROM import_item, (SELECT 'chapters' l, 'sections' f "
	"UNION ALL SELECT 'tasks', 'cooperating' UNION ALL SELECT 'tasks', 'milestones' UNION ALL SELECT 'indicators', 'targets' "
	"UNION ALL SELECT 'indicators', 'actuals' " CYCLE_SUBLISTS ") WHERE list = l AND json_type(value, '$.' || f) IS NOT NULL "
	"AND json_type(value, '$.' || f) <> 'array' LIMIT 1",
	"SELECT printf('%s[%d].%s[%d]: expected an object {...}, got %s', list, i.key, f, x.key, x.type) "
	"FROM import_item i, (SELECT 'chapters' l, 'sections' f UNION ALL SELECT 'tasks', 'milestones' "
	"UNION ALL SELECT 'indicators', 'targets' UNION ALL SELECT 'indicators', 'actuals' " CYCLE_SUBLISTS ") "
	"JOIN json_each(i.value, '$.' || f) x WHERE i.list = l AND x.type IS NOT 'object' LIMIT 1",
	/* documents */
	"SELECT printf('documents[%d].%s: expected text', key, f) FROM import_documents, "
	"(SELECT 'key' f UNION ALL SELECT 'title') WHERE json_type(value, '$.' || f) IS NOT 'text' OR json_extract(value, '$.' || f) = ''",
	"SELECT printf('documents[%d].key: \"%s\" appears twice (first at documents[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.key') v "
	"FROM import_documents) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	"SELECT printf('documents[%d].issued: \"%s\" is not a date (YYYY-MM-DD)', key, json_extract(value, '$.issued')) FROM import_documents "
	"WHERE json_extract(value, '$.issued') IS NOT NULL AND date(json_extract(value, '$.issued'), '+0 days') IS NOT json_extract(value, '$.issued')",
	/* parts and chapters */
	"SELECT printf('parts[%d].no: expected a whole number', key) FROM import_parts WHERE json_type(value, '$.no') IS NOT 'integer'",
	"SELECT printf('parts[%d].title: expected text', key) FROM import_parts WHERE json_type(value, '$.title') IS NOT 'text'",
	"SELECT printf('parts[%d].no: %d appears twice (first at parts[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.no') v "
	"FROM import_parts) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	"SELECT printf('chapters[%d].no: expected a whole number', key) FROM import_chapters WHERE json_type(value, '$.no') IS NOT 'integer'",
	"SELECT printf('chapters[%d].title: expected text', key) FROM import_chapters WHERE json_type(value, '$.title') IS NOT 'text'",
	"SELECT printf('chapters[%d].no: %d appears twice (first at chapters[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.no') v "
	"FROM import_chapters) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	"SELECT printf('chapters[%d].part: no part %s', c.key, quote(json_extract(c.value, '$.part'))) FROM import_chapters c "
	"WHERE json_extract(c.value, '$.part') IS NULL OR json_extract(c.value, '$.part') NOT IN (SELECT json_extract(value, '$.no') FROM import_parts)",
	"SELECT printf('chapters[%d].sections[%d]: expected a whole number \"no\" and a \"title\"', c.key, s.key) "
	"FROM import_chapters c, json_each(c.value, '$.sections') s "
	"WHERE json_type(s.value, '$.no') IS NOT 'integer' OR json_type(s.value, '$.title') IS NOT 'text'",
	"SELECT printf('chapters[%d].sections[%d].no: %d appears twice', c.key, s.key, json_extract(s.value, '$.no')) "
	"FROM import_chapters c, json_each(c.value, '$.sections') s "
	"WHERE EXISTS (SELECT 1 FROM json_each(c.value, '$.sections') o WHERE o.key < s.key AND json_extract(o.value, '$.no') = json_extract(s.value, '$.no'))",
	/* departments */
	"SELECT printf('departments[%d]: expected text \"short\" and \"name\"', key) FROM import_departments "
	"WHERE json_type(value, '$.short') IS NOT 'text' OR json_extract(value, '$.short') = '' OR json_type(value, '$.name') IS NOT 'text'",
	"SELECT printf('departments[%d].short: \"%s\" appears twice (first at departments[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.short') v "
	"FROM import_departments) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	/* tasks */
	"SELECT printf('tasks[%d]: expected text \"code\" and \"title\"', key) FROM import_tasks "
	"WHERE json_type(value, '$.code') IS NOT 'text' OR json_extract(value, '$.code') = '' OR json_type(value, '$.title') IS NOT 'text'",
	"SELECT printf('tasks[%d].code: \"%s\" appears twice (first at tasks[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.code') v "
	"FROM import_tasks) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	"SELECT printf('tasks[%d].chapter: no chapter %s', t.key, quote(json_extract(t.value, '$.chapter'))) FROM import_tasks t "
	"WHERE json_extract(t.value, '$.chapter') IS NULL OR json_extract(t.value, '$.chapter') NOT IN (SELECT json_extract(value, '$.no') FROM import_chapters)",
	"SELECT printf('tasks[%d].section: chapter %d has no section %s', t.key, json_extract(t.value, '$.chapter'), quote(json_extract(t.value, '$.section'))) "
	"FROM import_tasks t WHERE json_extract(t.value, '$.section') IS NOT NULL AND "
	"(json_extract(t.value, '$.chapter'), json_extract(t.value, '$.section')) NOT IN ("
	"SELECT json_extract(c.value, '$.no'), json_extract(s.value, '$.no') FROM import_chapters c, json_each(c.value, '$.sections') s)",
	"SELECT printf('tasks[%d].document: no document %s', t.key, quote(json_extract(t.value, '$.document'))) FROM import_tasks t "
	"WHERE json_extract(t.value, '$.document') IS NULL OR json_extract(t.value, '$.document') NOT IN (SELECT json_extract(value, '$.key') FROM import_documents)",
	"SELECT printf('tasks[%d].lead: no department \"%s\"', t.key, json_extract(t.value, '$.lead')) FROM import_tasks t "
	"WHERE json_extract(t.value, '$.lead') IS NOT NULL AND json_extract(t.value, '$.lead') NOT IN "
	"(SELECT json_extract(value, '$.short') FROM import_departments)",
	"SELECT printf('tasks[%d].cooperating[%d]: no department \"%s\"', t.key, c.key, c.value) "
	"FROM import_tasks t, json_each(t.value, '$.cooperating') c "
	"WHERE c.value IS NULL OR c.value NOT IN (SELECT json_extract(value, '$.short') FROM import_departments)",
	"SELECT printf('tasks[%d].%s: \"%s\" is not a date (YYYY-MM-DD)', t.key, f, json_extract(t.value, '$.' || f)) "
	"FROM import_tasks t, (SELECT 'start' f UNION ALL SELECT 'due') "
	"WHERE json_extract(t.value, '$.' || f) IS NOT NULL AND date(json_extract(t.value, '$.' || f), '+0 days') IS NOT json_extract(t.value, '$.' || f)",
	"SELECT printf('tasks[%d].status: unknown status \"%s\"', key, json_extract(value, '$.status')) FROM import_tasks "
	"WHERE json_extract(value, '$.status') IS NOT NULL AND json_extract(value, '$.status') NOT IN "
	"('not_started', 'in_progress', 'done', 'blocked', 'cancelled')",
	"SELECT printf('tasks[%d].progress: expected a whole number from 0 to 100', key) FROM import_tasks "
	"WHERE json_extract(value, '$.progress') IS NOT NULL AND (json_type(value, '$.progress') IS NOT 'integer' "
	"OR json_extract(value, '$.progress') NOT BETWEEN 0 AND 100)",
	"SELECT printf('tasks[%d]: a done task must be at 100%% progress', key) FROM import_tasks "
	"WHERE json_extract(value, '$.status') = 'done' AND ifnull(json_extract(value, '$.progress'), 0) <> 100",
	"SELECT printf('tasks[%d].milestones[%d]: expected a whole number \"year\" from 1900 to 2200 and an optional \"quarter\" 1-4', t.key, m.key) "
	"FROM import_tasks t, json_each(t.value, '$.milestones') m "
	"WHERE json_type(m.value, '$.year') IS NOT 'integer' OR json_extract(m.value, '$.year') NOT BETWEEN 1900 AND 2200 "
	"OR (json_extract(m.value, '$.quarter') IS NOT NULL AND (json_type(m.value, '$.quarter') IS NOT 'integer' OR json_extract(m.value, '$.quarter') NOT BETWEEN 1 AND 4))",
	"SELECT printf('tasks[%d].milestones[%d].status: unknown status \"%s\"', t.key, m.key, json_extract(m.value, '$.status')) "
	"FROM import_tasks t, json_each(t.value, '$.milestones') m "
	"WHERE json_extract(m.value, '$.status') IS NOT NULL AND json_extract(m.value, '$.status') NOT IN ('pending', 'done', 'missed')",
	"SELECT printf('tasks[%d].milestones[%d]: a second milestone for the same period', t.key, m.key) "
	"FROM import_tasks t, json_each(t.value, '$.milestones') m WHERE EXISTS (SELECT 1 FROM json_each(t.value, '$.milestones') o "
	"WHERE o.key < m.key AND json_extract(o.value, '$.year') = json_extract(m.value, '$.year') "
	"AND json_extract(o.value, '$.quarter') IS json_extract(m.value, '$.quarter'))",
	/* indicators */
	"SELECT printf('indicators[%d].name: expected text', key) FROM import_indicators WHERE json_type(value, '$.name') IS NOT 'text'",
	"SELECT printf('indicators[%d].name: \"%s\" appears twice (first at indicators[%d])', max(k), v, min(k)) FROM (SELECT key k, json_extract(value, '$.name') v "
	"FROM import_indicators) GROUP BY v HAVING count(*) > 1 LIMIT 1",
	"SELECT printf('indicators[%d].%s[%d]: expected a whole number \"year\" and a number \"value\"', i.key, f, v.key) "
	"FROM import_indicators i, (SELECT 'targets' f UNION ALL SELECT 'actuals'), json_each(i.value, '$.' || f) v "
	"WHERE json_type(v.value, '$.year') IS NOT 'integer' OR json_type(v.value, '$.value') NOT IN ('integer', 'real')",
	"SELECT printf('indicators[%d].targets[%d].op: expected one of = ~ >= <=', i.key, v.key) "
	"FROM import_indicators i, json_each(i.value, '$.targets') v "
	"WHERE json_extract(v.value, '$.op') IS NOT NULL AND json_extract(v.value, '$.op') NOT IN ('=', '~', '>=', '<=')",
	/* the change log, when the file carries one (an export) */
	"SELECT printf('changes[%d]: expected text \"at\", \"who\", \"kind\", \"item\" and \"field\"', key) FROM import_changes "
	"WHERE json_type(value, '$.at') IS NOT 'text' OR json_type(value, '$.who') IS NOT 'text' OR json_type(value, '$.kind') IS NOT 'text' "
	"OR json_type(value, '$.item') IS NOT 'text' OR json_type(value, '$.field') IS NOT 'text'",
	"SELECT printf('changes[%d].task: no task \"%s\"', key, json_extract(value, '$.task')) FROM import_changes "
	"WHERE json_extract(value, '$.task') IS NOT NULL AND json_extract(value, '$.task') NOT IN "
	"(SELECT json_extract(value, '$.code') FROM import_tasks) LIMIT 1",
	"SELECT printf('changes[%d].version: expected a whole number', key) FROM import_changes "
	"WHERE json_type(value, '$.version') IS NOT NULL AND json_type(value, '$.version') <> 'integer'",
	"SELECT printf('changes[%d].actor: expected text', key) FROM import_changes "
	"WHERE json_type(value, '$.actor') IS NOT NULL AND json_type(value, '$.actor') <> 'text'",
	/* what an export carries beyond the bundled plan's fields */
	"SELECT printf('tasks[%d].provisional: expected true or false', key) FROM import_tasks "
	"WHERE json_type(value, '$.provisional') NOT IN ('true', 'false')",
	"SELECT printf('tasks[%d].version: expected a whole number from 1', key) FROM import_tasks "
	"WHERE json_type(value, '$.version') IS NOT NULL AND (json_type(value, '$.version') IS NOT 'integer' OR json_extract(value, '$.version') < 1)",
	"SELECT printf('indicators[%d].%s[%d].year: %d appears twice', i.key, f, v.key, json_extract(v.value, '$.year')) "
	"FROM import_indicators i, (SELECT 'targets' f UNION ALL SELECT 'actuals'), json_each(i.value, '$.' || f) v "
	"WHERE EXISTS (SELECT 1 FROM json_each(i.value, '$.' || f) o WHERE o.key < v.key AND json_extract(o.value, '$.year') = json_extract(v.value, '$.year'))",
	/* times of changes: YYYY-MM-DDTHH:MM:SSZ (or anything SQLite reads as a real date and time) */
	"SELECT printf('%s: \"%s\" is not a date and time (YYYY-MM-DDTHH:MM:SSZ)', w, v) FROM ("
	"SELECT printf('tasks[%d].updated_at', key) w, json_extract(value, '$.updated_at') v FROM import_tasks UNION ALL "
	"SELECT printf('tasks[%d].milestones[%d].updated_at', t.key, m.key), json_extract(m.value, '$.updated_at') "
	"FROM import_tasks t, json_each(t.value, '$.milestones') m UNION ALL "
	"SELECT printf('indicators[%d].actuals[%d].recorded_at', i.key, v.key), json_extract(v.value, '$.recorded_at') "
	"FROM import_indicators i, json_each(i.value, '$.actuals') v UNION ALL "
	"SELECT printf('changes[%d].at', key), json_extract(value, '$.at') FROM import_changes) "
	"WHERE v IS NOT NULL AND (typeof(v) <> 'text' OR julianday(v) IS NULL OR date(v, '+0 days') IS NOT substr(v, 1, 10)) LIMIT 1",
	/* every text, anywhere in the file, as store_check_text takes text
	 * from a command or the console: no control characters, and line
	 * breaks and tabs only in the long texts; a task's text names the task */
	"SELECT plancon_text_problem(atom, multi, substr(fullkey, 3) || CASE WHEN fullkey LIKE '$.tasks[%' AND key IS NOT 'code' "
	"THEN ' (task ' || ifnull(json_extract(?1, substr(fullkey, 1, instr(fullkey, ']')) || '.code'), '?') || ')' ELSE '' END) "
	"FROM (SELECT fullkey, key, atom, key IN ('description', 'note', 'about', 'sources', 'target', 'old', 'new', "
	"'done_text', 'problems', 'next_steps', 'text', 'reason', 'decision_note') multi "
	"FROM json_tree(?1) WHERE type = 'text') WHERE plancon_text_problem(atom, multi) IS NOT NULL LIMIT 1",
	CYCLE_CHECKS
	NULL
};

/* The loads of tasks, milestones and changes: schema version 2 added the
 * latest note of a task and a milestone and the task version of a change,
 * version 7 who really made a change (its actor), which these carry when
 * the database has them (a database made at an older version for an
 * upgrade test does not). */
#define LOAD_TASKS(col, val) \
	"INSERT INTO tasks (pos, code, title, description, document_id, chapter_id, section_id, lead_dept_id, provisional, " \
	"start_date, due_date, status, progress, version, updated_at, updated_by, sources" col ") " \
	"SELECT t.key + 1, json_extract(t.value, '$.code'), json_extract(t.value, '$.title'), ifnull(json_extract(t.value, '$.description'), ''), " \
	"(SELECT id FROM documents WHERE key = json_extract(t.value, '$.document')), c.id, " \
	"(SELECT id FROM sections WHERE chapter_id = c.id AND no = json_extract(t.value, '$.section')), " \
	"(SELECT id FROM departments WHERE short = json_extract(t.value, '$.lead')), " \
	"CASE WHEN json_extract(t.value, '$.provisional') IS 0 THEN 0 ELSE 1 END, " \
	"json_extract(t.value, '$.start'), json_extract(t.value, '$.due'), ifnull(json_extract(t.value, '$.status'), 'not_started'), " \
	"ifnull(json_extract(t.value, '$.progress'), 0), ifnull(json_extract(t.value, '$.version'), 1), " \
	"json_extract(t.value, '$.updated_at'), json_extract(t.value, '$.updated_by'), ifnull(json_extract(t.value, '$.sources'), '')" val " " \
	"FROM import_tasks t JOIN chapters c ON c.no = json_extract(t.value, '$.chapter')"
#define LOAD_MILESTONES(col, val) \
	"INSERT INTO milestones (task_id, year, quarter, target, status, updated_at, updated_by" col ") " \
	"SELECT (SELECT id FROM tasks WHERE code = json_extract(t.value, '$.code')), json_extract(m.value, '$.year'), " \
	"json_extract(m.value, '$.quarter'), ifnull(json_extract(m.value, '$.target'), ''), ifnull(json_extract(m.value, '$.status'), 'pending'), " \
	"json_extract(m.value, '$.updated_at'), json_extract(m.value, '$.updated_by')" val " " \
	"FROM import_tasks t, json_each(t.value, '$.milestones') m"
#define LOAD_CHANGES(col, val) \
	"INSERT INTO changes (at, who, kind, item, task_id, field, old, new, note" col ") SELECT json_extract(value, '$.at'), json_extract(value, '$.who'), " \
	"json_extract(value, '$.kind'), json_extract(value, '$.item'), (SELECT id FROM tasks WHERE code = json_extract(value, '$.task')), " \
	"json_extract(value, '$.field'), json_extract(value, '$.old'), json_extract(value, '$.new'), ifnull(json_extract(value, '$.note'), '')" val " " \
	"FROM import_changes ORDER BY key"
static const char load_tasks[] = LOAD_TASKS("", "");
static const char load_milestones[] = LOAD_MILESTONES("", "");
static const char load_changes[] = LOAD_CHANGES("", "");
static const char load_tasks_v2[] = LOAD_TASKS(", note", ", ifnull(json_extract(t.value, '$.note'), '')");
static const char load_milestones_v2[] = LOAD_MILESTONES(", note", ", ifnull(json_extract(m.value, '$.note'), '')");
static const char load_changes_v2[] = LOAD_CHANGES(", version", ", json_extract(value, '$.version')");
static const char load_changes_v7[] = LOAD_CHANGES(", version, actor",
                                                   ", json_extract(value, '$.version'), json_extract(value, '$.actor')");

/* The inserts, in dependency order; ?1 is the document. */
static const char *const loads[] = {
	"INSERT INTO documents (key, title, short, issuer, doc_no, issued, year_from, year_to, note, sources) "
	"SELECT json_extract(value, '$.key'), json_extract(value, '$.title'), ifnull(json_extract(value, '$.short'), ''), "
	"ifnull(json_extract(value, '$.issuer'), ''), ifnull(json_extract(value, '$.doc_no'), ''), json_extract(value, '$.issued'), "
	"json_extract(value, '$.years[0]'), json_extract(value, '$.years[1]'), ifnull(json_extract(value, '$.note'), ''), "
	"ifnull(json_extract(value, '$.sources'), '') FROM import_documents ORDER BY key",
	"INSERT INTO parts (no, title) SELECT json_extract(value, '$.no'), json_extract(value, '$.title') FROM import_parts",
	"INSERT INTO chapters (part_id, no, title, note) SELECT (SELECT id FROM parts WHERE no = json_extract(value, '$.part')), "
	"json_extract(value, '$.no'), json_extract(value, '$.title'), ifnull(json_extract(value, '$.note'), '') FROM import_chapters",
	"INSERT INTO sections (chapter_id, no, title) SELECT (SELECT id FROM chapters WHERE no = json_extract(c.value, '$.no')), "
	"json_extract(s.value, '$.no'), json_extract(s.value, '$.title') FROM import_chapters c, json_each(c.value, '$.sections') s",
	"INSERT INTO departments (short, name) SELECT json_extract(value, '$.short'), json_extract(value, '$.name') FROM import_departments",
	load_tasks,
	"INSERT INTO task_coop (task_id, dept_id) SELECT DISTINCT (SELECT id FROM tasks WHERE code = json_extract(t.value, '$.code')), "
	"(SELECT id FROM departments WHERE short = c.value) FROM import_tasks t, json_each(t.value, '$.cooperating') c",
	load_milestones,
	"INSERT INTO indicators (pos, name, unit, base_year, base_value, note, sources) SELECT key + 1, json_extract(value, '$.name'), "
	"ifnull(json_extract(value, '$.unit'), ''), json_extract(value, '$.baseline.year'), json_extract(value, '$.baseline.value'), "
	"ifnull(json_extract(value, '$.note'), ''), ifnull(json_extract(value, '$.sources'), '') FROM import_indicators",
	"INSERT INTO indicator_targets (indicator_id, year, value, op, sources) SELECT (SELECT id FROM indicators WHERE name = json_extract(i.value, '$.name')), "
	"json_extract(v.value, '$.year'), json_extract(v.value, '$.value'), ifnull(json_extract(v.value, '$.op'), '='), ifnull(json_extract(v.value, '$.sources'), '') "
	"FROM import_indicators i, json_each(i.value, '$.targets') v",
	"INSERT INTO indicator_actuals (indicator_id, year, value, recorded_at, recorded_by) "
	"SELECT (SELECT id FROM indicators WHERE name = json_extract(i.value, '$.name')), json_extract(v.value, '$.year'), json_extract(v.value, '$.value'), "
	"json_extract(v.value, '$.recorded_at'), json_extract(v.value, '$.recorded_by') FROM import_indicators i, json_each(i.value, '$.actuals') v",
	load_changes,
	"INSERT OR REPLACE INTO meta (key, value) VALUES ('title', ifnull(json_extract(?1, '$.title'), '')), "
	"('about', ifnull(json_extract(?1, '$.about'), '')), ('demo', CASE WHEN json_extract(?1, '$.demo') THEN '1' ELSE '0' END)",
	NULL
};

/* The supervision cycle's records (schema version 9), loaded after the
 * change log with the triggers that log them switched off (the file's
 * change log already holds their lines). A report and a reminder get the
 * id of their place in the file, so their lists refer to them by it. */
#define J(x, k) "json_extract(" x ".value, '$." k "')"
#define DEPT_ID(x) "(SELECT id FROM departments WHERE short = " x ")"
#define TASK_ID(x) "(SELECT id FROM tasks WHERE code = " x ")"
#define WHO_VALS(x) J(x, "at") ", " J(x, "who") ", " J(x, "actor")
static const char *const cycle_loads[] = {
	"UPDATE tasks SET awaiting = CASE WHEN " J("t", "awaiting") " THEN 1 ELSE 0 END, original_due = " J("t", "original_due") " "
	"FROM import_tasks t WHERE tasks.code = " J("t", "code") " AND (" J("t", "awaiting") " OR " J("t", "original_due") " IS NOT NULL)",
	"INSERT INTO reports (id, task_id, period, dept_id, due, state, rev, status, progress, done_text, problems, next_steps, "
	"first_local, on_time, version, updated_at, updated_by, actor) SELECT r.key + 1, " TASK_ID(J("r", "task")) ", " J("r", "period") ", "
	DEPT_ID(J("r", "dept")) ", " J("r", "due") ", ifnull(" J("r", "state") ", 'draft'), ifnull(" J("r", "rev") ", 0), "
	J("r", "status") ", " J("r", "progress") ", ifnull(" J("r", "done_text") ", ''), ifnull(" J("r", "problems") ", ''), "
	"ifnull(" J("r", "next_steps") ", ''), " J("r", "first_local") ", " J("r", "on_time") ", ifnull(" J("r", "version") ", 1), "
	J("r", "updated_at") ", " J("r", "updated_by") ", " J("r", "actor") " FROM import_reports r",
	"INSERT INTO report_revisions (report_id, rev, status, progress, done_text, problems, next_steps, local, at, who, actor) "
	"SELECT r.key + 1, " J("x", "rev") ", " J("x", "status") ", " J("x", "progress") ", ifnull(" J("x", "done_text") ", ''), "
	"ifnull(" J("x", "problems") ", ''), ifnull(" J("x", "next_steps") ", ''), " J("x", "local") ", " WHO_VALS("x") " "
	"FROM import_reports r, json_each(r.value, '$.revisions') x",
	"INSERT INTO report_inputs (report_id, dept_id, text, at, who, actor) SELECT r.key + 1, " DEPT_ID(J("x", "dept")) ", "
	J("x", "text") ", " WHO_VALS("x") " FROM import_reports r, json_each(r.value, '$.inputs') x",
	"INSERT INTO reviews (report_id, rev, decision, reason, at, who, actor) SELECT r.key + 1, " J("x", "rev") ", "
	J("x", "decision") ", ifnull(" J("x", "reason") ", ''), " WHO_VALS("x") " FROM import_reports r, json_each(r.value, '$.reviews') x",
	"INSERT INTO evidence (report_id, name, size, sha256, data, at, who, actor) SELECT r.key + 1, " J("x", "name") ", "
	J("x", "size") ", " J("x", "sha256") ", plancon_unbase64(" J("x", "data") "), " WHO_VALS("x") " "
	"FROM import_reports r, json_each(r.value, '$.evidence') x",
	"INSERT INTO closings (task_id, event, report_id, note, local, at, who, actor) SELECT " TASK_ID(J("c", "task")) ", "
	J("c", "event") ", (SELECT id FROM reports WHERE task_id = " TASK_ID(J("c", "task")) " AND period = " J("c", "report") "), "
	"ifnull(" J("c", "note") ", ''), " J("c", "local") ", " WHO_VALS("c") " FROM import_closings c ORDER BY c.key",
	"INSERT INTO extensions (task_id, dept_id, old_due, new_due, reason, state, requested_local, requested_at, requested_by, "
	"actor, decided_at, decided_by, decided_actor, decision_note) SELECT " TASK_ID(J("x", "task")) ", " DEPT_ID(J("x", "dept")) ", "
	J("x", "old_due") ", " J("x", "new_due") ", " J("x", "reason") ", ifnull(" J("x", "state") ", 'requested'), "
	J("x", "requested_local") ", " J("x", "requested_at") ", " J("x", "requested_by") ", " J("x", "actor") ", "
	J("x", "decided_at") ", " J("x", "decided_by") ", " J("x", "decided_actor") ", ifnull(" J("x", "decision_note") ", '') "
	"FROM import_extensions x ORDER BY x.key",
	"INSERT INTO reminders (id, dept_id, task_id, period, level, note, at, who, actor) SELECT m.key + 1, "
	DEPT_ID(J("m", "dept")) ", " TASK_ID(J("m", "task")) ", " J("m", "period") ", " J("m", "level") ", ifnull(" J("m", "note") ", ''), "
	WHO_VALS("m") " FROM import_reminders m",
	"INSERT INTO reminder_seen (reminder_id, user_name, at) SELECT m.key + 1, " J("n", "user") ", " J("n", "at") " "
	"FROM import_reminders m, json_each(m.value, '$.seen') n",
	"INSERT OR REPLACE INTO meta (key, value) SELECT 'cycle_' || key, CASE type WHEN 'true' THEN '1' WHEN 'false' THEN '0' "
	"ELSE CAST(atom AS TEXT) END FROM json_each(?1, '$.cycle') WHERE key IN ('enabled', 'period', 'due_day', 'office', 'since')",
	NULL
};
#undef J

static enum err_code run(struct store *s, const char *sql, const char *json, size_t len, bool check, struct error *e);

/* Run the cycle's loads with the triggers that write their change log lines
 * dropped, and put them back, all inside the import's transaction. */
static enum err_code
load_cycle(struct store *s, const char *json, size_t len, struct error *e)
{
	static const char find[] =
		"SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('reports', 'report_revisions', "
		"'report_inputs', 'reviews', 'evidence', 'closings', 'extensions', 'reminders', 'reminder_seen') "
		"AND sql LIKE '%AFTER INSERT%INSERT INTO changes%' ORDER BY name";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, find, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, e, _("plan file"));
	char **sql = NULL;
	size_t n = 0;
	enum err_code c = ERR_OK;
	while (!c && sqlite3_step(st) == SQLITE_ROW) {
		sql = xrealloc(sql, (n + 1) * sizeof *sql);
		sql[n++] = xstrdup(store_col(st, 1));
		char *drop = sqlite3_mprintf("DROP TRIGGER \"%w\"", store_col(st, 0));
		if (!drop || sqlite3_exec(s->db, drop, NULL, NULL, NULL) != SQLITE_OK)
			c = store_fail(s, e, _("plan file"));
		sqlite3_free(drop);
	}
	sqlite3_finalize(st);
	for (int i = 0; !c && cycle_loads[i]; i++)
		c = run(s, cycle_loads[i], json, len, false, e);
	for (size_t i = 0; i < n; i++) {
		if (!c && sqlite3_exec(s->db, sql[i], NULL, NULL, NULL) != SQLITE_OK)
			c = store_fail(s, e, _("plan file"));
		free(sql[i]);
	}
	free(sql);
	return c;
}

/* Line and column (in characters) of byte offset off. */
static void
locate(const char *json, size_t off, int *line, int *col)
{
	size_t start = 0;
	*line = 1;
	for (size_t i = 0; i < off; i++)
		if (json[i] == '\n')
			(*line)++, start = i + 1;
	*col = 1 + (int)text_chars(json + start, off - start);
}

/* plancon_text_problem(TEXT, MULTILINE): NULL when TEXT may be stored
 * (store_check_text), else 1; plancon_text_problem(TEXT, MULTILINE, WHERE):
 * NULL, or the message that names WHERE. */
static void
sql_text_problem(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	size_t len = (size_t)sqlite3_value_bytes(argv[0]);
	bool multiline = sqlite3_value_int(argv[1]) != 0;
	if (!text)
		return;
	struct error e;
	err_clear(&e);
	if (argc < 3) {
		if (store_check_text_len("", text, len, SIZE_MAX, multiline, &e))
			sqlite3_result_int(cx, 1);
		return;
	}
	const char *where = (const char *)sqlite3_value_text(argv[2]);
	if (store_check_text_len(where ? where : "?", text, len, SIZE_MAX, multiline, &e))
		sqlite3_result_text(cx, e.msg, -1, SQLITE_TRANSIENT);
}

/* Run one statement over the document; a row means a problem. */
static enum err_code
run(struct store *s, const char *sql, const char *json, size_t len, bool check, struct error *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, e, _("plan file"));
	sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	enum err_code c = ERR_OK;
	if (check && rc == SQLITE_ROW)
		c = err_set(e, ERR_INVALID, "%s", store_col(st, 0) ? store_col(st, 0) : _("invalid plan file"));
	else if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		c = store_fail(s, e, _("plan file"));
	sqlite3_finalize(st);
	return c;
}

/* The plan's lists, parsed once: each check and load reads these instead
 * of json_each(?1, '$.tasks'), which would parse the whole file again
 * (a large export is hundreds of megabytes, read by some 50 statements).
 * One row per element: which list, its index, its value (JSON text). */
static const char *const lists[] = { "documents", "parts", "chapters", "departments", "tasks", "indicators", "changes",
                                     "reports", "closings", "extensions", "reminders" };

static void
unstage(struct store *s)
{
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		char *sql = sqlite3_mprintf("DROP VIEW IF EXISTS temp.import_%s", lists[i]);
		if (sql)
			sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
	}
	sqlite3_exec(s->db, "DROP TABLE IF EXISTS temp.import_item", NULL, NULL, NULL);
}

static enum err_code
stage(struct store *s, const char *json, size_t len, struct error *e)
{
	unstage(s);
	if (sqlite3_exec(s->db, "CREATE TEMP TABLE import_item (list TEXT NOT NULL, key INTEGER NOT NULL, value, "
	                 "type TEXT, PRIMARY KEY (list, key)) WITHOUT ROWID", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, e, _("plan file"));
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		char *sql = sqlite3_mprintf("CREATE TEMP VIEW import_%s AS SELECT key, value FROM import_item WHERE list = '%s'",
		                            lists[i], lists[i]);
		int rc = sql ? sqlite3_exec(s->db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return store_fail(s, e, _("plan file"));
	}
	/* The first member of each name, as json_extract would take it. */
	return run(s, "INSERT INTO temp.import_item SELECT t.key, x.key, x.value, x.type FROM "
	           "(SELECT key, value, min(id) FROM json_each(?1) WHERE type = 'array' GROUP BY key) t, json_each(t.value) x "
	           "WHERE t.key IN ('documents', 'parts', 'chapters', 'departments', 'tasks', 'indicators', 'changes', "
	           "'reports', 'closings', 'extensions', 'reminders')",
	           json, len, false, e);
}

static enum err_code import_json(struct store *s, const char *json, size_t len, struct error *e);

enum err_code
store_import(struct store *s, const char *json, size_t len, struct error *e)
{
	enum err_code c = import_json(s, json, len, e);
	unstage(s);
	return c;
}

static enum err_code
import_json(struct store *s, const char *json, size_t len, struct error *e)
{
	if (len > 0x7fffffff)
		return err_set(e, ERR_INVALID, _("plan file: too large"));
	for (size_t i = 0; i < len; i++) {
		if (json[i] == '\0') {
			int line, col;
			locate(json, i, &line, &col);
			return err_set(e, ERR_INVALID, _("plan file: line %d, column %d: a NUL byte"), line, col);
		}
	}
	if (!text_valid_utf8(json, len)) {
		/* Find the first bad byte to say where it is. */
		size_t lo = 0, hi = len;
		while (hi - lo > 1) {
			size_t mid = text_cut(json, lo + (hi - lo) / 2);
			if (mid <= lo)
				break;
			if (text_valid_utf8(json, mid))
				lo = mid;
			else
				hi = mid;
		}
		int line, col;
		locate(json, lo, &line, &col);
		return err_set(e, ERR_INVALID, _("plan file: line %d, column %d: invalid UTF-8"), line, col);
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT json_valid(?1) AND json_type(?1) = 'object'", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, e, _("plan file"));
	sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
	int ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!ok)
		return err_set(e, ERR_INVALID, _("plan file: not valid JSON, or not a JSON object"));
	for (int n = 2; n <= 3; n++)
		if (sqlite3_create_function_v2(s->db, "plancon_text_problem", n, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
		                               SQLITE_DIRECTONLY, NULL, sql_text_problem, NULL, NULL, NULL) != SQLITE_OK)
			return store_fail(s, e, _("plan file"));
	if (store_blob_register(s->db) != SQLITE_OK)
		return store_fail(s, e, _("plan file"));
	enum err_code staged = stage(s, json, len, e);
	if (staged)
		return staged;
	for (int i = 0; checks[i]; i++) {
		enum err_code c = run(s, checks[i], json, len, true, e);
		if (c) {
			if (c == ERR_INVALID && e) {
				char m[sizeof e->msg];
				memcpy(m, e->msg, sizeof m);
				err_set(e, ERR_INVALID, _("plan file: %.1000s"), m);
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
		return err_set(e, ERR_REFUSED, _("%s already holds a plan; import into a new database"), s->path);
	bool v2 = false, v7 = false, v9 = false;
	if (sqlite3_prepare_v2(s->db, "SELECT name FROM pragma_table_info('changes') WHERE name IN ('version', 'actor') "
	                       "UNION ALL SELECT name FROM pragma_table_info('tasks') WHERE name = 'awaiting'",
	                       -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *col = store_col(st, 0);
			v2 |= col && !strcmp(col, "version");
			v7 |= col && !strcmp(col, "actor");
			v9 |= col && !strcmp(col, "awaiting");
		}
		sqlite3_finalize(st);
	}
	enum err_code c = store_begin(s, e);
	if (c)
		return c;
	for (int i = 0; loads[i]; i++) {
		const char *sql = loads[i];
		if (v2)
			sql = sql == load_tasks ? load_tasks_v2 : sql == load_milestones ? load_milestones_v2 :
			      sql == load_changes ? (v7 ? load_changes_v7 : load_changes_v2) : sql;
		if ((c = run(s, sql, json, len, false, e)))
			break;
	}
	if (!c && v9)
		c = load_cycle(s, json, len, e);
	return store_end(s, c, e);
}
