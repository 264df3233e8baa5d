-- plancon database, version 4: what the progress reports need to stay fast
-- on a plan of a million tasks (plancon report, src/store_report.c).
--
-- A report counts tasks, and late milestones, per department, chapter, year
-- or status. Sorting a million rows to group them costs more than a second,
-- and so does looking up each late milestone's task; so:
--   * one covering index on tasks whose leading columns are the groupings:
--     every report is a single pass over it, grouped by a prefix of it
--     (no sort), regrouped afterwards over a few thousand rows;
--   * each milestone carries copies of its task's lead department,
--     chapter, document and status, kept equal by the triggers below, and
--     one covering index over the pending milestones in the same order.

ALTER TABLE milestones ADD COLUMN task_lead INTEGER;       -- tasks.lead_dept_id of its task
ALTER TABLE milestones ADD COLUMN task_chapter INTEGER;    -- tasks.chapter_id
ALTER TABLE milestones ADD COLUMN task_document INTEGER;   -- tasks.document_id
ALTER TABLE milestones ADD COLUMN task_status TEXT;        -- tasks.status

UPDATE milestones SET (task_lead, task_chapter, task_document, task_status) =
	(SELECT lead_dept_id, chapter_id, document_id, status FROM tasks t WHERE t.id = milestones.task_id);

CREATE TRIGGER milestones_task_facts AFTER INSERT ON milestones
BEGIN
	UPDATE milestones SET (task_lead, task_chapter, task_document, task_status) =
		(SELECT lead_dept_id, chapter_id, document_id, status FROM tasks t WHERE t.id = NEW.task_id)
	WHERE id = NEW.id;
END;

CREATE TRIGGER tasks_milestone_facts AFTER UPDATE OF lead_dept_id, chapter_id, document_id, status ON tasks
WHEN NEW.lead_dept_id IS NOT OLD.lead_dept_id OR NEW.chapter_id IS NOT OLD.chapter_id
  OR NEW.document_id IS NOT OLD.document_id OR NEW.status IS NOT OLD.status
BEGIN
	UPDATE milestones SET task_lead = NEW.lead_dept_id, task_chapter = NEW.chapter_id,
	       task_document = NEW.document_id, task_status = NEW.status
	WHERE task_id = NEW.id;
END;

CREATE INDEX tasks_report ON tasks(lead_dept_id, chapter_id, status, due_date, progress, document_id);
CREATE INDEX milestones_report ON milestones(status, task_lead, task_chapter, task_status, year, quarter, task_document);
