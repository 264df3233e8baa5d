-- plancon database, version 5: what keeps the console and the department
-- lists instant on a plan of a million tasks (see BENCHMARKS.md).
--
-- * Task tallies, kept by triggers: the plan tree's counts (per chapter and
--   section) and the departments' (per lead department, and cooperations
--   per department) read a few thousand rows instead of every task. Rows
--   are grouped by status and due date, so "late at any date" is still a
--   sum over the tally: plans set deadlines at year and quarter ends, so
--   the due dates are few.
-- * A trigram full-text index of code, title and description: a search
--   for three characters or more looks up the tasks that contain them
--   instead of reading every title.

CREATE TABLE tally_tree (
	chapter_id  INTEGER NOT NULL,
	section_id  INTEGER NOT NULL,                 -- 0: directly under the chapter
	status      TEXT NOT NULL,
	due_date    TEXT NOT NULL,                    -- '' when there is none
	n           INTEGER NOT NULL,                 -- tasks
	progress    INTEGER NOT NULL,                 -- the sum of their progress
	PRIMARY KEY (chapter_id, section_id, status, due_date)
) WITHOUT ROWID;

CREATE TABLE tally_dept (
	dept_id     INTEGER NOT NULL,                 -- the lead department; 0: none
	status      TEXT NOT NULL,
	due_date    TEXT NOT NULL,
	n           INTEGER NOT NULL,
	progress    INTEGER NOT NULL,
	PRIMARY KEY (dept_id, status, due_date)
) WITHOUT ROWID;

CREATE TABLE tally_coop (
	dept_id     INTEGER PRIMARY KEY,              -- a cooperating department
	n           INTEGER NOT NULL                  -- tasks it cooperates on
);

INSERT INTO tally_tree SELECT chapter_id, ifnull(section_id, 0), status, ifnull(due_date, ''), count(*), sum(progress)
FROM tasks GROUP BY 1, 2, 3, 4;
INSERT INTO tally_dept SELECT ifnull(lead_dept_id, 0), status, ifnull(due_date, ''), count(*), sum(progress)
FROM tasks GROUP BY 1, 2, 3;
INSERT INTO tally_coop SELECT dept_id, count(*) FROM task_coop GROUP BY 1;

CREATE TRIGGER tally_tasks_insert AFTER INSERT ON tasks
BEGIN
	INSERT INTO tally_tree VALUES (NEW.chapter_id, ifnull(NEW.section_id, 0), NEW.status, ifnull(NEW.due_date, ''),
	                               1, NEW.progress)
	ON CONFLICT DO UPDATE SET n = n + 1, progress = progress + excluded.progress;
	INSERT INTO tally_dept VALUES (ifnull(NEW.lead_dept_id, 0), NEW.status, ifnull(NEW.due_date, ''), 1, NEW.progress)
	ON CONFLICT DO UPDATE SET n = n + 1, progress = progress + excluded.progress;
END;

CREATE TRIGGER tally_tasks_delete AFTER DELETE ON tasks
BEGIN
	UPDATE tally_tree SET n = n - 1, progress = progress - OLD.progress
	WHERE chapter_id = OLD.chapter_id AND section_id = ifnull(OLD.section_id, 0) AND status = OLD.status
	  AND due_date = ifnull(OLD.due_date, '');
	UPDATE tally_dept SET n = n - 1, progress = progress - OLD.progress
	WHERE dept_id = ifnull(OLD.lead_dept_id, 0) AND status = OLD.status AND due_date = ifnull(OLD.due_date, '');
	DELETE FROM tally_tree WHERE n = 0 AND chapter_id = OLD.chapter_id AND section_id = ifnull(OLD.section_id, 0);
	DELETE FROM tally_dept WHERE n = 0 AND dept_id = ifnull(OLD.lead_dept_id, 0);
END;

CREATE TRIGGER tally_tasks_update AFTER UPDATE OF chapter_id, section_id, lead_dept_id, status, due_date, progress ON tasks
WHEN NEW.chapter_id IS NOT OLD.chapter_id OR NEW.section_id IS NOT OLD.section_id
  OR NEW.lead_dept_id IS NOT OLD.lead_dept_id OR NEW.status IS NOT OLD.status
  OR NEW.due_date IS NOT OLD.due_date OR NEW.progress IS NOT OLD.progress
BEGIN
	UPDATE tally_tree SET n = n - 1, progress = progress - OLD.progress
	WHERE chapter_id = OLD.chapter_id AND section_id = ifnull(OLD.section_id, 0) AND status = OLD.status
	  AND due_date = ifnull(OLD.due_date, '');
	UPDATE tally_dept SET n = n - 1, progress = progress - OLD.progress
	WHERE dept_id = ifnull(OLD.lead_dept_id, 0) AND status = OLD.status AND due_date = ifnull(OLD.due_date, '');
	INSERT INTO tally_tree VALUES (NEW.chapter_id, ifnull(NEW.section_id, 0), NEW.status, ifnull(NEW.due_date, ''),
	                               1, NEW.progress)
	ON CONFLICT DO UPDATE SET n = n + 1, progress = progress + excluded.progress;
	INSERT INTO tally_dept VALUES (ifnull(NEW.lead_dept_id, 0), NEW.status, ifnull(NEW.due_date, ''), 1, NEW.progress)
	ON CONFLICT DO UPDATE SET n = n + 1, progress = progress + excluded.progress;
	DELETE FROM tally_tree WHERE n = 0 AND chapter_id = OLD.chapter_id AND section_id = ifnull(OLD.section_id, 0);
	DELETE FROM tally_dept WHERE n = 0 AND dept_id = ifnull(OLD.lead_dept_id, 0);
END;

CREATE TRIGGER tally_coop_insert AFTER INSERT ON task_coop
BEGIN
	INSERT INTO tally_coop VALUES (NEW.dept_id, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER tally_coop_delete AFTER DELETE ON task_coop
BEGIN
	UPDATE tally_coop SET n = n - 1 WHERE dept_id = OLD.dept_id;
END;

CREATE TRIGGER tally_coop_update AFTER UPDATE OF dept_id ON task_coop WHEN NEW.dept_id IS NOT OLD.dept_id
BEGIN
	UPDATE tally_coop SET n = n - 1 WHERE dept_id = OLD.dept_id;
	INSERT INTO tally_coop VALUES (NEW.dept_id, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- ---- search ----------------------------------------------------------------------

CREATE VIRTUAL TABLE task_fts USING fts5(code, title, description, content = 'tasks', content_rowid = 'id',
                                         tokenize = 'trigram');
INSERT INTO task_fts (task_fts) VALUES ('rebuild');

CREATE TRIGGER task_fts_insert AFTER INSERT ON tasks
BEGIN
	INSERT INTO task_fts (rowid, code, title, description) VALUES (NEW.id, NEW.code, NEW.title, NEW.description);
END;

CREATE TRIGGER task_fts_delete AFTER DELETE ON tasks
BEGIN
	INSERT INTO task_fts (task_fts, rowid, code, title, description)
	VALUES ('delete', OLD.id, OLD.code, OLD.title, OLD.description);
END;

CREATE TRIGGER task_fts_update AFTER UPDATE OF code, title, description ON tasks
BEGIN
	INSERT INTO task_fts (task_fts, rowid, code, title, description)
	VALUES ('delete', OLD.id, OLD.code, OLD.title, OLD.description);
	INSERT INTO task_fts (rowid, code, title, description) VALUES (NEW.id, NEW.code, NEW.title, NEW.description);
END;
