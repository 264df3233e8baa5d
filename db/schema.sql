-- plancon database, version 1.  Later versions are db/migrations/NNNN_*.sql,
-- each applied once, in order, in one transaction, and recorded in
-- PRAGMA user_version.  Never edit this file once released: add a migration.

-- A plan document: the long-term plan, its action plans.
CREATE TABLE documents (
	id          INTEGER PRIMARY KEY,
	key         TEXT NOT NULL UNIQUE,             -- stable identifier, e.g. sd-urbanization-2021-2035
	title       TEXT NOT NULL,
	short       TEXT NOT NULL DEFAULT '',
	issuer      TEXT NOT NULL DEFAULT '',
	doc_no      TEXT NOT NULL DEFAULT '',
	issued      TEXT,                             -- YYYY-MM-DD
	year_from   INTEGER,
	year_to     INTEGER,
	note        TEXT NOT NULL DEFAULT '',
	sources     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE parts (
	id          INTEGER PRIMARY KEY,
	no          INTEGER NOT NULL UNIQUE,
	title       TEXT NOT NULL
);

CREATE TABLE chapters (
	id          INTEGER PRIMARY KEY,
	part_id     INTEGER NOT NULL REFERENCES parts(id),
	no          INTEGER NOT NULL UNIQUE,
	title       TEXT NOT NULL,
	note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX chapters_part ON chapters(part_id, no);

CREATE TABLE sections (
	id          INTEGER PRIMARY KEY,
	chapter_id  INTEGER NOT NULL REFERENCES chapters(id),
	no          INTEGER NOT NULL,
	title       TEXT NOT NULL,
	UNIQUE (chapter_id, no)
);

CREATE TABLE departments (
	id          INTEGER PRIMARY KEY,
	short       TEXT NOT NULL UNIQUE,             -- the name used in the documents: 省发展改革委
	name        TEXT NOT NULL                     -- full official name
);

CREATE TABLE tasks (
	id          INTEGER PRIMARY KEY,
	pos         INTEGER NOT NULL UNIQUE,          -- order in the plan; keyset paging key
	code        TEXT NOT NULL UNIQUE,             -- 2.3.1
	title       TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	document_id INTEGER NOT NULL REFERENCES documents(id),
	chapter_id  INTEGER NOT NULL REFERENCES chapters(id),
	section_id  INTEGER REFERENCES sections(id),
	lead_dept_id INTEGER REFERENCES departments(id),
	provisional INTEGER NOT NULL DEFAULT 1 CHECK (provisional IN (0, 1)),  -- departments not yet confirmed
	start_date  TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
	due_date    TEXT CHECK (due_date IS NULL OR date(due_date) = due_date),
	status      TEXT NOT NULL DEFAULT 'not_started'
	            CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked', 'cancelled')),
	progress    INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
	version     INTEGER NOT NULL DEFAULT 1,       -- bumped by every change: optimistic locking
	updated_at  TEXT,                             -- UTC, ISO 8601
	updated_by  TEXT,
	sources     TEXT NOT NULL DEFAULT '',
	CHECK (status <> 'done' OR progress = 100)
);
CREATE INDEX tasks_chapter ON tasks(chapter_id, pos);
CREATE INDEX tasks_lead ON tasks(lead_dept_id, pos);
CREATE INDEX tasks_status ON tasks(status, pos);

-- Cooperating departments of a task.
CREATE TABLE task_coop (
	task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	dept_id     INTEGER NOT NULL REFERENCES departments(id),
	PRIMARY KEY (task_id, dept_id)
) WITHOUT ROWID;
CREATE INDEX task_coop_dept ON task_coop(dept_id, task_id);

-- Roadmap milestones: what a task must reach by a year (or a quarter of it).
CREATE TABLE milestones (
	id          INTEGER PRIMARY KEY,
	task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
	quarter     INTEGER CHECK (quarter IS NULL OR quarter BETWEEN 1 AND 4),
	target      TEXT NOT NULL DEFAULT '',         -- what is due
	status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'missed')),
	updated_at  TEXT,
	updated_by  TEXT,
	UNIQUE (task_id, year, quarter)
);
CREATE INDEX milestones_year ON milestones(year, quarter, status);

CREATE TABLE indicators (
	id          INTEGER PRIMARY KEY,
	pos         INTEGER NOT NULL UNIQUE,
	name        TEXT NOT NULL UNIQUE,
	unit        TEXT NOT NULL DEFAULT '',
	base_year   INTEGER,
	base_value  REAL,
	note        TEXT NOT NULL DEFAULT '',
	sources     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE indicator_targets (
	indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
	year        INTEGER NOT NULL,
	value       REAL NOT NULL,
	op          TEXT NOT NULL DEFAULT '=' CHECK (op IN ('=', '~', '>=', '<=')),
	sources     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (indicator_id, year)
);

CREATE TABLE indicator_actuals (
	indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
	year        INTEGER NOT NULL,
	value       REAL NOT NULL,
	recorded_at TEXT,
	recorded_by TEXT,
	PRIMARY KEY (indicator_id, year)
);

-- The change log: append-only (see the triggers below).
CREATE TABLE changes (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	who         TEXT NOT NULL,
	kind        TEXT NOT NULL,                    -- task, milestone, assignment, indicator, user, department, ...
	item        TEXT NOT NULL,                    -- task code, indicator name, user name, ...
	task_id     INTEGER REFERENCES tasks(id),
	field       TEXT NOT NULL,
	old         TEXT,
	new         TEXT,
	note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX changes_task ON changes(task_id, id);
CREATE INDEX changes_at ON changes(at);

CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;

-- Facts about this database: which plan file it was made from, demo flag.
CREATE TABLE meta (
	key         TEXT PRIMARY KEY,
	value       TEXT NOT NULL
) WITHOUT ROWID;
