-- plancon database, version 7: who really made a change, beside whom it
-- was made for.
--
-- An administrator may act as another user (plancon --user NAME): the
-- change is NAME's, and until now the log named only NAME. Each table a
-- writer changes gets an `actor` column beside its updated_by (recorded_by,
-- added_by): the login, or the SSH gateway's user, that really made the
-- change, set by the writer in the same statement, NULL when that is the
-- user named there. The audit triggers below are those of version 2 with
-- that column copied into changes.actor; the change log stays append-only.
-- A program that sets updated_by sets actor too (NULL when acting for
-- itself), or the actor of the row's last change would be copied.
-- Rows logged before version 7 have no actor: they name who, as before.

ALTER TABLE changes ADD COLUMN actor TEXT;           -- who really did it, when not `who`; NULL: `who` did
ALTER TABLE tasks ADD COLUMN actor TEXT;             -- beside updated_by
ALTER TABLE milestones ADD COLUMN actor TEXT;        -- beside updated_by
ALTER TABLE task_coop ADD COLUMN actor TEXT;         -- beside added_by
ALTER TABLE indicator_actuals ADD COLUMN actor TEXT; -- beside recorded_by
ALTER TABLE users ADD COLUMN actor TEXT;             -- beside updated_by
ALTER TABLE departments ADD COLUMN actor TEXT;       -- beside updated_by

-- ---- tasks ---------------------------------------------------------------------

DROP TRIGGER tasks_audit;
CREATE TRIGGER tasks_audit AFTER UPDATE ON tasks WHEN NEW.version IS NOT OLD.version
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note, version)
	SELECT NEW.updated_by, nullif(NEW.actor, NEW.updated_by), 'task', NEW.code, NEW.id, 'status', OLD.status,
	       NEW.status, NEW.note, NEW.version
	WHERE NEW.status IS NOT OLD.status;

	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note, version)
	SELECT NEW.updated_by, nullif(NEW.actor, NEW.updated_by), 'task', NEW.code, NEW.id, 'progress', OLD.progress,
	       NEW.progress, CASE WHEN NEW.status IS NOT OLD.status THEN '' ELSE NEW.note END, NEW.version
	WHERE NEW.progress IS NOT OLD.progress;

	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note, version)
	SELECT NEW.updated_by, nullif(NEW.actor, NEW.updated_by), 'assignment', NEW.code, NEW.id, 'lead',
	       (SELECT short FROM departments WHERE id = OLD.lead_dept_id),
	       (SELECT short FROM departments WHERE id = NEW.lead_dept_id),
	       CASE WHEN NEW.status IS NOT OLD.status OR NEW.progress IS NOT OLD.progress THEN '' ELSE NEW.note END,
	       NEW.version
	WHERE NEW.lead_dept_id IS NOT OLD.lead_dept_id;

	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note, version)
	SELECT NEW.updated_by, nullif(NEW.actor, NEW.updated_by), 'assignment', NEW.code, NEW.id, 'assignment',
	       CASE OLD.provisional WHEN 1 THEN 'provisional' ELSE 'confirmed' END,
	       CASE NEW.provisional WHEN 1 THEN 'provisional' ELSE 'confirmed' END,
	       CASE WHEN NEW.status IS NOT OLD.status OR NEW.progress IS NOT OLD.progress
	                 OR NEW.lead_dept_id IS NOT OLD.lead_dept_id THEN '' ELSE NEW.note END,
	       NEW.version
	WHERE NEW.provisional IS NOT OLD.provisional;

	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note, version)
	SELECT NEW.updated_by, nullif(NEW.actor, NEW.updated_by), 'task', NEW.code, NEW.id, 'note', NULL, NULL,
	       NEW.note, NEW.version
	WHERE NEW.status IS OLD.status AND NEW.progress IS OLD.progress AND NEW.lead_dept_id IS OLD.lead_dept_id
	  AND NEW.provisional IS OLD.provisional AND NEW.note <> '';
END;

DROP TRIGGER task_coop_audit_insert;
CREATE TRIGGER task_coop_audit_insert AFTER INSERT ON task_coop WHEN NEW.added_by IS NOT NULL
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, version)
	SELECT NEW.added_by, nullif(NEW.actor, NEW.added_by), 'assignment', t.code, t.id, 'cooperating', NULL,
	       (SELECT short FROM departments WHERE id = NEW.dept_id), t.version
	FROM tasks t WHERE t.id = NEW.task_id;
END;

DROP TRIGGER task_coop_audit_delete;
CREATE TRIGGER task_coop_audit_delete AFTER DELETE ON task_coop
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, version)
	SELECT ifnull(t.updated_by, '?'), nullif(t.actor, t.updated_by), 'assignment', t.code, t.id, 'cooperating',
	       (SELECT short FROM departments WHERE id = OLD.dept_id), NULL, t.version
	FROM tasks t WHERE t.id = OLD.task_id;
END;

-- ---- milestones ----------------------------------------------------------------

DROP TRIGGER milestones_audit;
CREATE TRIGGER milestones_audit AFTER UPDATE OF status ON milestones WHEN NEW.status IS NOT OLD.status
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note)
	SELECT ifnull(NEW.updated_by, '?'), nullif(NEW.actor, NEW.updated_by), 'milestone', t.code, t.id,
	       'milestone ' || NEW.year || CASE WHEN NEW.quarter IS NULL THEN '' ELSE '-Q' || NEW.quarter END,
	       OLD.status, NEW.status, NEW.note
	FROM tasks t WHERE t.id = NEW.task_id;
END;

-- ---- indicators --------------------------------------------------------------------

DROP TRIGGER indicator_actuals_audit_insert;
CREATE TRIGGER indicator_actuals_audit_insert AFTER INSERT ON indicator_actuals WHEN NEW.note IS NOT NULL
BEGIN
	INSERT INTO changes (who, actor, kind, item, field, old, new, note)
	SELECT ifnull(NEW.recorded_by, '?'), nullif(NEW.actor, NEW.recorded_by), 'indicator', i.name,
	       'actual ' || NEW.year, NULL, NEW.value, NEW.note
	FROM indicators i WHERE i.id = NEW.indicator_id;
END;

DROP TRIGGER indicator_actuals_audit_update;
CREATE TRIGGER indicator_actuals_audit_update AFTER UPDATE OF value ON indicator_actuals
WHEN NEW.value IS NOT OLD.value
BEGIN
	INSERT INTO changes (who, actor, kind, item, field, old, new, note)
	SELECT ifnull(NEW.recorded_by, '?'), nullif(NEW.actor, NEW.recorded_by), 'indicator', i.name,
	       'actual ' || NEW.year, OLD.value, NEW.value, ifnull(NEW.note, '')
	FROM indicators i WHERE i.id = NEW.indicator_id;
END;

-- ---- users -------------------------------------------------------------------------

DROP TRIGGER users_audit_insert;
CREATE TRIGGER users_audit_insert AFTER INSERT ON users
BEGIN
	INSERT INTO changes (who, actor, kind, item, field, old, new)
	VALUES (NEW.updated_by, nullif(NEW.actor, NEW.updated_by), 'user', NEW.name, 'role', NULL, NEW.role);
END;

DROP TRIGGER users_audit_update;
CREATE TRIGGER users_audit_update AFTER UPDATE ON users
BEGIN
	INSERT INTO changes (who, actor, kind, item, field, old, new)
	SELECT NEW.updated_by, nullif(NEW.actor, NEW.updated_by), 'user', NEW.name, 'role', OLD.role, NEW.role
	WHERE NEW.role IS NOT OLD.role;
	INSERT INTO changes (who, actor, kind, item, field, old, new)
	SELECT NEW.updated_by, nullif(NEW.actor, NEW.updated_by), 'user', NEW.name, 'active',
	       CASE OLD.active WHEN 1 THEN 'yes' ELSE 'no' END, CASE NEW.active WHEN 1 THEN 'yes' ELSE 'no' END
	WHERE NEW.active IS NOT OLD.active;
END;

DROP TRIGGER user_depts_audit_insert;
CREATE TRIGGER user_depts_audit_insert AFTER INSERT ON user_depts
BEGIN
	INSERT INTO changes (who, actor, kind, item, field, old, new)
	SELECT u.updated_by, nullif(u.actor, u.updated_by), 'user', u.name, 'department', NULL,
	       (SELECT short FROM departments WHERE id = NEW.dept_id)
	FROM users u WHERE u.id = NEW.user_id;
END;

DROP TRIGGER user_depts_audit_delete;
CREATE TRIGGER user_depts_audit_delete AFTER DELETE ON user_depts
BEGIN
	INSERT INTO changes (who, actor, kind, item, field, old, new)
	SELECT u.updated_by, nullif(u.actor, u.updated_by), 'user', u.name, 'department',
	       (SELECT short FROM departments WHERE id = OLD.dept_id), NULL
	FROM users u WHERE u.id = OLD.user_id;
END;

-- ---- departments ---------------------------------------------------------------------

DROP TRIGGER departments_audit_insert;
CREATE TRIGGER departments_audit_insert AFTER INSERT ON departments WHEN NEW.updated_by IS NOT NULL
BEGIN
	INSERT INTO changes (who, actor, kind, item, field, old, new)
	VALUES (NEW.updated_by, nullif(NEW.actor, NEW.updated_by), 'department', NEW.short, 'created', NULL, NEW.name);
END;

DROP TRIGGER departments_audit_update;
CREATE TRIGGER departments_audit_update AFTER UPDATE OF short, name ON departments
BEGIN
	INSERT INTO changes (who, actor, kind, item, field, old, new)
	SELECT ifnull(NEW.updated_by, '?'), nullif(NEW.actor, NEW.updated_by), 'department', NEW.short, 'short',
	       OLD.short, NEW.short
	WHERE NEW.short IS NOT OLD.short;
	INSERT INTO changes (who, actor, kind, item, field, old, new)
	SELECT ifnull(NEW.updated_by, '?'), nullif(NEW.actor, NEW.updated_by), 'department', NEW.short, 'name',
	       OLD.name, NEW.name
	WHERE NEW.name IS NOT OLD.name;
END;
