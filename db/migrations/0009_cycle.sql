-- plancon database, version 9: the supervision cycle (督办; plancon(1),
-- SUPERVISION; doc/supervision.md).
--
-- Each period (a month or a quarter, [cycle] in plancon.ini(5)) the lead
-- department of each open task files a report; the office accepts it or
-- returns it; a task reported done waits for the office to verify it; a
-- lead department asks for an extension before the due date; the office
-- reminds departments. Every step is a row written once (the reports'
-- current state excepted, whose every change is logged), and every step
-- writes its line to the change log here, by trigger, so `plancon log` and
-- `show` tell the whole story without a reader of their own.
--
-- Nothing changes for a database whose configuration leaves the cycle
-- off: the new tables stay empty and the new columns keep their defaults.

-- Reported done by its department, waiting for the office to verify it
-- (销号). The task's status stays what it was (in progress, 100 %) until
-- then, so that it counts as done in no figure before the office says so.
ALTER TABLE tasks ADD COLUMN awaiting INTEGER NOT NULL DEFAULT 0 CHECK (awaiting IN (0, 1));
-- The due date before the first approved extension; NULL: never extended.
-- due_date is the date in force (lateness follows it); the ranking counts
-- against ifnull(original_due, due_date).
ALTER TABLE tasks ADD COLUMN original_due TEXT
	CHECK (original_due IS NULL OR date(original_due, '+0 days') = original_due);
-- The tasks that file reports (open, led, not awaiting verification:
-- SQL_REPORT_EXPECTED) of a department, in id order, with their due date:
-- the to-do list's reports to file and tasks due soon read only these.
CREATE INDEX tasks_reporting ON tasks(lead_dept_id, id, due_date)
	WHERE lead_dept_id IS NOT NULL AND status NOT IN ('done', 'cancelled') AND awaiting = 0;
-- The tasks the ranking counts in a period: those whose original due date
-- falls in it (store/rank.c, "work"), a range of this index instead of a
-- pass over every task.
CREATE INDEX tasks_counted_due ON tasks(ifnull(original_due, due_date));

-- One report per task and period: its current state. Its history is in
-- report_revisions (every submission) and reviews (every decision).
CREATE TABLE reports (
	id          INTEGER PRIMARY KEY,
	task_id     INTEGER NOT NULL REFERENCES tasks(id),
	period      TEXT NOT NULL,                    -- 2024-03 or 2024-Q1
	dept_id     INTEGER NOT NULL REFERENCES departments(id),   -- the lead department that files it
	due         TEXT NOT NULL CHECK (date(due, '+0 days') = due),  -- its due date, fixed when first saved
	state       TEXT NOT NULL DEFAULT 'draft'
	            CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
	rev         INTEGER NOT NULL DEFAULT 0,       -- submissions so far
	status      TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked', 'cancelled')),
	progress    INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
	done_text   TEXT NOT NULL DEFAULT '',         -- 进展情况
	problems    TEXT NOT NULL DEFAULT '',         -- 存在问题
	next_steps  TEXT NOT NULL DEFAULT '',         -- 下步打算
	first_local TEXT,                             -- local date and time of the first submission
	on_time     INTEGER CHECK (on_time IN (0, 1)),   -- decided by the first submission
	version     INTEGER NOT NULL DEFAULT 1,
	updated_at  TEXT NOT NULL,
	updated_by  TEXT NOT NULL,
	actor       TEXT,
	UNIQUE (task_id, period),
	CHECK (state = 'draft' OR rev > 0),
	CHECK ((first_local IS NULL) = (rev = 0))
);
CREATE INDEX reports_period ON reports(period, dept_id, state);
CREATE INDEX reports_queue ON reports(updated_at, id) WHERE state = 'submitted';
CREATE INDEX reports_returned ON reports(dept_id, period) WHERE state = 'returned';
-- The to-do list and the periods ask, for each open task of a department,
-- whether its report of a period was filed (store/internal.h,
-- SQL_REPORT_FILED): answered from this index alone, without reading the
-- report's row, and one period's reports in task order, as the tasks are
-- asked in (tasks_reporting), so that each look-up falls next to the last.
CREATE INDEX reports_filed ON reports(period, task_id) WHERE state <> 'draft';
-- The ranking's reports of a period by department, on time or late
-- (store/rank.c, "rep"): read from this index alone, not from the rows.
CREATE INDEX reports_rank ON reports(period, dept_id, on_time) WHERE state <> 'draft';

CREATE TABLE report_revisions (
	report_id   INTEGER NOT NULL REFERENCES reports(id),
	rev         INTEGER NOT NULL,
	status      TEXT NOT NULL,
	progress    INTEGER NOT NULL,
	done_text   TEXT NOT NULL,
	problems    TEXT NOT NULL,
	next_steps  TEXT NOT NULL,
	at          TEXT NOT NULL,                    -- UTC
	local       TEXT NOT NULL,                    -- the same moment in the configured time zone
	who         TEXT NOT NULL,
	actor       TEXT,
	PRIMARY KEY (report_id, rev)
);

-- A cooperating department's input to the lead's report; the latest row of
-- a department is its current input.
CREATE TABLE report_inputs (
	id          INTEGER PRIMARY KEY,
	report_id   INTEGER NOT NULL REFERENCES reports(id),
	dept_id     INTEGER NOT NULL REFERENCES departments(id),
	text        TEXT NOT NULL,
	at          TEXT NOT NULL,
	who         TEXT NOT NULL,
	actor       TEXT
);
CREATE INDEX report_inputs_report ON report_inputs(report_id, dept_id, id);

-- The office's decisions on submissions.
CREATE TABLE reviews (
	id          INTEGER PRIMARY KEY,
	report_id   INTEGER NOT NULL REFERENCES reports(id),
	rev         INTEGER NOT NULL,                 -- the submission decided on
	decision    TEXT NOT NULL CHECK (decision IN ('accept', 'return')),
	reason      TEXT NOT NULL DEFAULT '',
	at          TEXT NOT NULL,
	who         TEXT NOT NULL,
	actor       TEXT,
	CHECK (decision = 'accept' OR reason <> '')
);
CREATE INDEX reviews_report ON reviews(report_id, id);
-- Whether a report was ever returned (the ranking's "returned", once per
-- report of the period): a look-up in this small index, not in the rows.
CREATE INDEX reviews_returns ON reviews(report_id) WHERE decision = 'return';

-- Evidence (佐证材料) attached to a report: the file itself, never a path.
CREATE TABLE evidence (
	id          INTEGER PRIMARY KEY,
	report_id   INTEGER NOT NULL REFERENCES reports(id),
	name        TEXT NOT NULL CHECK (name <> '' AND instr(name, '/') = 0),
	size        INTEGER NOT NULL CHECK (size >= 0),
	sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
	data        BLOB NOT NULL,
	at          TEXT NOT NULL,
	who         TEXT NOT NULL,
	actor       TEXT,
	CHECK (length(data) = size)
);
CREATE INDEX evidence_report ON evidence(report_id, id);

-- Closing a task: reported done, verified by the office, reopened.
CREATE TABLE closings (
	id          INTEGER PRIMARY KEY,
	task_id     INTEGER NOT NULL REFERENCES tasks(id),
	event       TEXT NOT NULL CHECK (event IN ('done_reported', 'verified', 'reopened')),
	report_id   INTEGER REFERENCES reports(id),
	note        TEXT NOT NULL DEFAULT '',
	local       TEXT NOT NULL,                    -- local date and time
	at          TEXT NOT NULL,
	who         TEXT NOT NULL,
	actor       TEXT,
	CHECK (event <> 'reopened' OR note <> '')
);
CREATE INDEX closings_task ON closings(task_id, id);

-- Extensions (延期): one open request per task at a time.
CREATE TABLE extensions (
	id          INTEGER PRIMARY KEY,
	task_id     INTEGER NOT NULL REFERENCES tasks(id),
	dept_id     INTEGER NOT NULL REFERENCES departments(id),
	old_due     TEXT NOT NULL,
	new_due     TEXT NOT NULL CHECK (date(new_due, '+0 days') = new_due AND new_due > old_due),
	reason      TEXT NOT NULL CHECK (reason <> ''),
	state       TEXT NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'approved', 'rejected')),
	requested_local TEXT NOT NULL,
	requested_at TEXT NOT NULL,
	requested_by TEXT NOT NULL,
	actor       TEXT,
	decided_at  TEXT,
	decided_by  TEXT,
	decided_actor TEXT,
	decision_note TEXT NOT NULL DEFAULT '',
	CHECK ((state = 'requested') = (decided_at IS NULL)),
	CHECK (state <> 'rejected' OR decision_note <> '')
);
CREATE UNIQUE INDEX extensions_open ON extensions(task_id) WHERE state = 'requested';
CREATE INDEX extensions_task ON extensions(task_id, id);
CREATE INDEX extensions_dept ON extensions(dept_id, id);

-- Reminders (催办) to a department about a task, or about all its missing
-- reports of a period (task_id NULL).
CREATE TABLE reminders (
	id          INTEGER PRIMARY KEY,
	dept_id     INTEGER NOT NULL REFERENCES departments(id),
	task_id     INTEGER REFERENCES tasks(id),
	period      TEXT NOT NULL,
	level       INTEGER NOT NULL CHECK (level >= 1),  -- 1 + the earlier ones of the same department, task and period
	note        TEXT NOT NULL DEFAULT '',
	at          TEXT NOT NULL,
	who         TEXT NOT NULL,
	actor       TEXT
);
CREATE INDEX reminders_dept ON reminders(dept_id, id);
CREATE INDEX reminders_task ON reminders(task_id, id);

-- Who has seen which reminder (the to-do list shows unseen ones first).
CREATE TABLE reminder_seen (
	reminder_id INTEGER NOT NULL REFERENCES reminders(id),
	user_name   TEXT NOT NULL,
	at          TEXT NOT NULL,
	PRIMARY KEY (reminder_id, user_name)
);

-- ---- written once ------------------------------------------------------------------

CREATE TRIGGER report_revisions_no_update BEFORE UPDATE ON report_revisions
BEGIN SELECT RAISE(ABORT, 'report revisions are append-only'); END;
CREATE TRIGGER report_revisions_no_delete BEFORE DELETE ON report_revisions
BEGIN SELECT RAISE(ABORT, 'report revisions are append-only'); END;
CREATE TRIGGER report_inputs_no_update BEFORE UPDATE ON report_inputs
BEGIN SELECT RAISE(ABORT, 'report inputs are append-only'); END;
CREATE TRIGGER report_inputs_no_delete BEFORE DELETE ON report_inputs
BEGIN SELECT RAISE(ABORT, 'report inputs are append-only'); END;
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
CREATE TRIGGER closings_no_update BEFORE UPDATE ON closings
BEGIN SELECT RAISE(ABORT, 'closings are append-only'); END;
CREATE TRIGGER closings_no_delete BEFORE DELETE ON closings
BEGIN SELECT RAISE(ABORT, 'closings are append-only'); END;
CREATE TRIGGER reminders_no_update BEFORE UPDATE ON reminders
BEGIN SELECT RAISE(ABORT, 'reminders are append-only'); END;
CREATE TRIGGER reminders_no_delete BEFORE DELETE ON reminders
BEGIN SELECT RAISE(ABORT, 'reminders are append-only'); END;
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
BEGIN SELECT RAISE(ABORT, 'reports are kept'); END;
CREATE TRIGGER extensions_no_delete BEFORE DELETE ON extensions
BEGIN SELECT RAISE(ABORT, 'extensions are kept'); END;
-- A request is decided once; nothing else of it changes.
CREATE TRIGGER extensions_decided_once BEFORE UPDATE ON extensions
WHEN OLD.state <> 'requested' OR NEW.task_id IS NOT OLD.task_id OR NEW.old_due IS NOT OLD.old_due
  OR NEW.new_due IS NOT OLD.new_due OR NEW.reason IS NOT OLD.reason OR NEW.requested_at IS NOT OLD.requested_at
BEGIN SELECT RAISE(ABORT, 'an extension is decided once'); END;
-- A report changes only with its version, as a task does.
CREATE TRIGGER reports_change_needs_version BEFORE UPDATE ON reports
WHEN NEW.version IS NOT OLD.version + 1
BEGIN SELECT RAISE(ABORT, 'a report changes only with version + 1'); END;

-- ---- the change log ------------------------------------------------------------------
-- kind 'report': field "report PERIOD", old → new the report's state;
-- kind 'report', field "input PERIOD": a cooperating department's input;
-- kind 'evidence', field "evidence PERIOD": new the file's name, note its sha256;
-- kind 'closing', field 'closing': new the event;
-- kind 'extension', field 'due': old → new the dates, the state in note's context;
-- kind 'reminder', field "reminder PERIOD": new the level.

CREATE TRIGGER reports_audit_draft AFTER INSERT ON reports WHEN NEW.state = 'draft'
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note)
	SELECT NEW.updated_by, nullif(NEW.actor, NEW.updated_by), 'report', t.code, NEW.task_id,
	       'report ' || NEW.period, NULL, 'draft', ''
	FROM tasks t WHERE t.id = NEW.task_id;
END;

CREATE TRIGGER report_revisions_audit AFTER INSERT ON report_revisions
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note)
	SELECT NEW.who, nullif(NEW.actor, NEW.who), 'report', t.code, t.id, 'report ' || r.period,
	       CASE WHEN NEW.rev = 1 THEN NULL ELSE 'returned' END, 'submitted',
	       substr(NEW.done_text, 1, 200)
	FROM reports r JOIN tasks t ON t.id = r.task_id WHERE r.id = NEW.report_id;
END;

CREATE TRIGGER reviews_audit AFTER INSERT ON reviews
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note)
	SELECT NEW.who, nullif(NEW.actor, NEW.who), 'report', t.code, t.id, 'report ' || r.period, 'submitted',
	       CASE NEW.decision WHEN 'accept' THEN 'accepted' ELSE 'returned' END, NEW.reason
	FROM reports r JOIN tasks t ON t.id = r.task_id WHERE r.id = NEW.report_id;
END;

CREATE TRIGGER report_inputs_audit AFTER INSERT ON report_inputs
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note)
	SELECT NEW.who, nullif(NEW.actor, NEW.who), 'report', t.code, t.id, 'input ' || r.period, NULL,
	       (SELECT short FROM departments WHERE id = NEW.dept_id), substr(NEW.text, 1, 200)
	FROM reports r JOIN tasks t ON t.id = r.task_id WHERE r.id = NEW.report_id;
END;

CREATE TRIGGER evidence_audit AFTER INSERT ON evidence
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note)
	SELECT NEW.who, nullif(NEW.actor, NEW.who), 'evidence', t.code, t.id, 'evidence ' || r.period, NULL,
	       NEW.name, NEW.sha256
	FROM reports r JOIN tasks t ON t.id = r.task_id WHERE r.id = NEW.report_id;
END;

CREATE TRIGGER closings_audit AFTER INSERT ON closings
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note)
	SELECT NEW.who, nullif(NEW.actor, NEW.who), 'closing', t.code, t.id, 'closing', NULL, NEW.event, NEW.note
	FROM tasks t WHERE t.id = NEW.task_id;
END;

CREATE TRIGGER extensions_audit_insert AFTER INSERT ON extensions
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note)
	SELECT NEW.requested_by, nullif(NEW.actor, NEW.requested_by), 'extension', t.code, t.id, 'extension',
	       NEW.old_due, NEW.new_due, NEW.reason
	FROM tasks t WHERE t.id = NEW.task_id;
END;

CREATE TRIGGER extensions_audit_decide AFTER UPDATE OF state ON extensions WHEN NEW.state IS NOT OLD.state
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note)
	SELECT NEW.decided_by, nullif(NEW.decided_actor, NEW.decided_by), 'extension', t.code, t.id,
	       'extension ' || NEW.state, NEW.old_due, NEW.new_due, NEW.decision_note
	FROM tasks t WHERE t.id = NEW.task_id;
END;

CREATE TRIGGER reminders_audit AFTER INSERT ON reminders
BEGIN
	INSERT INTO changes (who, actor, kind, item, task_id, field, old, new, note)
	SELECT NEW.who, nullif(NEW.actor, NEW.who), 'reminder',
	       ifnull((SELECT code FROM tasks WHERE id = NEW.task_id), (SELECT short FROM departments WHERE id = NEW.dept_id)),
	       NEW.task_id, 'reminder ' || NEW.period, NULL, NEW.level, NEW.note;
END;
