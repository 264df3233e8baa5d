-- plancon database, version 2: users and their departments, and the audit
-- triggers that write the change log.
--
-- Who made a change is the updated_by (or recorded_by, added_by) column the
-- writer sets in the same statement; the triggers copy it into `changes`, so
-- no code path can change a task, a milestone, an assignment, an actual
-- value, a user or a department without leaving a row there.  Rows loaded
-- from a plan file (store_import) leave those columns NULL and are not
-- logged: importing a plan is not a change to it.

-- ---- users -----------------------------------------------------------------

CREATE TABLE users (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 64),
	role        TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
	active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),   -- 0: deleted (kept for the log)
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_by  TEXT NOT NULL
);

CREATE TABLE user_depts (
	user_id     INTEGER NOT NULL REFERENCES users(id),
	dept_id     INTEGER NOT NULL REFERENCES departments(id),
	PRIMARY KEY (user_id, dept_id)
) WITHOUT ROWID;
CREATE INDEX user_depts_dept ON user_depts(dept_id, user_id);

-- ---- columns the writers set -------------------------------------------------

ALTER TABLE tasks ADD COLUMN note TEXT NOT NULL DEFAULT '';        -- the note of the latest change
ALTER TABLE milestones ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE task_coop ADD COLUMN added_by TEXT;                     -- NULL: from the plan file
ALTER TABLE indicator_actuals ADD COLUMN note TEXT;                  -- NULL: from the plan file
ALTER TABLE departments ADD COLUMN updated_at TEXT;
ALTER TABLE departments ADD COLUMN updated_by TEXT;                 -- NULL: from the plan file
ALTER TABLE changes ADD COLUMN version INTEGER;                     -- the task's version after a task change

CREATE INDEX tasks_updated ON tasks(updated_at);
CREATE INDEX changes_kind ON changes(kind, item, id);

-- ---- tasks ---------------------------------------------------------------------

-- Every change to what the log records raises the version by exactly one and
-- names who made it: optimistic locking relies on it.
CREATE TRIGGER tasks_change_needs_version BEFORE UPDATE OF status, progress, lead_dept_id, provisional, note ON tasks
WHEN NEW.version IS NOT OLD.version + 1 OR NEW.updated_by IS NULL
BEGIN SELECT RAISE(ABORT, 'tasks: a change must raise the version by one and name who made it'); END;

-- One row per field that changed; the note goes with the first of them, or
-- on a row of its own when nothing else changed.
CREATE TRIGGER tasks_audit AFTER UPDATE ON tasks WHEN NEW.version IS NOT OLD.version
BEGIN
	INSERT INTO changes (who, kind, item, task_id, field, old, new, note, version)
	SELECT NEW.updated_by, 'task', NEW.code, NEW.id, 'status', OLD.status, NEW.status, NEW.note, NEW.version
	WHERE NEW.status IS NOT OLD.status;

	INSERT INTO changes (who, kind, item, task_id, field, old, new, note, version)
	SELECT NEW.updated_by, 'task', NEW.code, NEW.id, 'progress', OLD.progress, NEW.progress,
	       CASE WHEN NEW.status IS NOT OLD.status THEN '' ELSE NEW.note END, NEW.version
	WHERE NEW.progress IS NOT OLD.progress;

	INSERT INTO changes (who, kind, item, task_id, field, old, new, note, version)
	SELECT NEW.updated_by, 'assignment', NEW.code, NEW.id, 'lead',
	       (SELECT short FROM departments WHERE id = OLD.lead_dept_id),
	       (SELECT short FROM departments WHERE id = NEW.lead_dept_id),
	       CASE WHEN NEW.status IS NOT OLD.status OR NEW.progress IS NOT OLD.progress THEN '' ELSE NEW.note END,
	       NEW.version
	WHERE NEW.lead_dept_id IS NOT OLD.lead_dept_id;

	INSERT INTO changes (who, kind, item, task_id, field, old, new, note, version)
	SELECT NEW.updated_by, 'assignment', NEW.code, NEW.id, 'assignment',
	       CASE OLD.provisional WHEN 1 THEN 'provisional' ELSE 'confirmed' END,
	       CASE NEW.provisional WHEN 1 THEN 'provisional' ELSE 'confirmed' END,
	       CASE WHEN NEW.status IS NOT OLD.status OR NEW.progress IS NOT OLD.progress
	                 OR NEW.lead_dept_id IS NOT OLD.lead_dept_id THEN '' ELSE NEW.note END,
	       NEW.version
	WHERE NEW.provisional IS NOT OLD.provisional;

	INSERT INTO changes (who, kind, item, task_id, field, old, new, note, version)
	SELECT NEW.updated_by, 'task', NEW.code, NEW.id, 'note', NULL, NULL, NEW.note, NEW.version
	WHERE NEW.status IS OLD.status AND NEW.progress IS OLD.progress AND NEW.lead_dept_id IS OLD.lead_dept_id
	  AND NEW.provisional IS OLD.provisional AND NEW.note <> '';
END;

-- Cooperating departments: added with added_by set; removed after the
-- writer has raised the task's version and set its updated_by.
CREATE TRIGGER task_coop_audit_insert AFTER INSERT ON task_coop WHEN NEW.added_by IS NOT NULL
BEGIN
	INSERT INTO changes (who, kind, item, task_id, field, old, new, version)
	SELECT NEW.added_by, 'assignment', t.code, t.id, 'cooperating', NULL,
	       (SELECT short FROM departments WHERE id = NEW.dept_id), t.version
	FROM tasks t WHERE t.id = NEW.task_id;
END;

CREATE TRIGGER task_coop_audit_delete AFTER DELETE ON task_coop
BEGIN
	INSERT INTO changes (who, kind, item, task_id, field, old, new, version)
	SELECT ifnull(t.updated_by, '?'), 'assignment', t.code, t.id, 'cooperating',
	       (SELECT short FROM departments WHERE id = OLD.dept_id), NULL, t.version
	FROM tasks t WHERE t.id = OLD.task_id;
END;

-- ---- milestones ----------------------------------------------------------------

CREATE TRIGGER milestones_audit AFTER UPDATE OF status ON milestones WHEN NEW.status IS NOT OLD.status
BEGIN
	INSERT INTO changes (who, kind, item, task_id, field, old, new, note)
	SELECT ifnull(NEW.updated_by, '?'), 'milestone', t.code, t.id,
	       'milestone ' || NEW.year || CASE WHEN NEW.quarter IS NULL THEN '' ELSE '-Q' || NEW.quarter END,
	       OLD.status, NEW.status, NEW.note
	FROM tasks t WHERE t.id = NEW.task_id;
END;

-- ---- indicators --------------------------------------------------------------------

CREATE TRIGGER indicator_actuals_audit_insert AFTER INSERT ON indicator_actuals WHEN NEW.note IS NOT NULL
BEGIN
	INSERT INTO changes (who, kind, item, field, old, new, note)
	SELECT ifnull(NEW.recorded_by, '?'), 'indicator', i.name, 'actual ' || NEW.year, NULL, NEW.value, NEW.note
	FROM indicators i WHERE i.id = NEW.indicator_id;
END;

CREATE TRIGGER indicator_actuals_audit_update AFTER UPDATE OF value ON indicator_actuals
WHEN NEW.value IS NOT OLD.value
BEGIN
	INSERT INTO changes (who, kind, item, field, old, new, note)
	SELECT ifnull(NEW.recorded_by, '?'), 'indicator', i.name, 'actual ' || NEW.year, OLD.value, NEW.value,
	       ifnull(NEW.note, '')
	FROM indicators i WHERE i.id = NEW.indicator_id;
END;

-- ---- users -------------------------------------------------------------------------

CREATE TRIGGER users_audit_insert AFTER INSERT ON users
BEGIN
	INSERT INTO changes (who, kind, item, field, old, new) VALUES (NEW.updated_by, 'user', NEW.name, 'role', NULL, NEW.role);
END;

CREATE TRIGGER users_audit_update AFTER UPDATE ON users
BEGIN
	INSERT INTO changes (who, kind, item, field, old, new)
	SELECT NEW.updated_by, 'user', NEW.name, 'role', OLD.role, NEW.role WHERE NEW.role IS NOT OLD.role;
	INSERT INTO changes (who, kind, item, field, old, new)
	SELECT NEW.updated_by, 'user', NEW.name, 'active', CASE OLD.active WHEN 1 THEN 'yes' ELSE 'no' END,
	       CASE NEW.active WHEN 1 THEN 'yes' ELSE 'no' END
	WHERE NEW.active IS NOT OLD.active;
END;

-- Users are deactivated, never deleted: the log names them.
CREATE TRIGGER users_no_delete BEFORE DELETE ON users
BEGIN SELECT RAISE(ABORT, 'users are deactivated (plancon user del), not deleted'); END;

-- The writer sets the user's updated_by before changing the departments.
CREATE TRIGGER user_depts_audit_insert AFTER INSERT ON user_depts
BEGIN
	INSERT INTO changes (who, kind, item, field, old, new)
	SELECT u.updated_by, 'user', u.name, 'department', NULL, (SELECT short FROM departments WHERE id = NEW.dept_id)
	FROM users u WHERE u.id = NEW.user_id;
END;

CREATE TRIGGER user_depts_audit_delete AFTER DELETE ON user_depts
BEGIN
	INSERT INTO changes (who, kind, item, field, old, new)
	SELECT u.updated_by, 'user', u.name, 'department', (SELECT short FROM departments WHERE id = OLD.dept_id), NULL
	FROM users u WHERE u.id = OLD.user_id;
END;

-- ---- departments ---------------------------------------------------------------------

CREATE TRIGGER departments_audit_insert AFTER INSERT ON departments WHEN NEW.updated_by IS NOT NULL
BEGIN
	INSERT INTO changes (who, kind, item, field, old, new) VALUES (NEW.updated_by, 'department', NEW.short, 'created', NULL, NEW.name);
END;

CREATE TRIGGER departments_audit_update AFTER UPDATE OF short, name ON departments
BEGIN
	INSERT INTO changes (who, kind, item, field, old, new)
	SELECT ifnull(NEW.updated_by, '?'), 'department', NEW.short, 'short', OLD.short, NEW.short WHERE NEW.short IS NOT OLD.short;
	INSERT INTO changes (who, kind, item, field, old, new)
	SELECT ifnull(NEW.updated_by, '?'), 'department', NEW.short, 'name', OLD.name, NEW.name WHERE NEW.name IS NOT OLD.name;
END;
