-- plancon database, version 6: only real calendar dates in date columns,
-- whoever writes them.
--
-- The CHECK (date(x) = x) of version 1 lets two kinds of bad date through:
-- text that is no date at all (date() gives NULL, and a CHECK that is NULL
-- passes), and a day the month does not have (SQLite's date() returns
-- 2023-02-30 unchanged). date(x, '+0 days') normalises the day (2023-02-30
-- becomes 2023-03-02), so it equals x only for a real YYYY-MM-DD date.
-- plancon's own writers and its importer check dates before they write;
-- these triggers hold for any other program that writes to the file.
-- Rows already stored are not rewritten: `plancon check` reports them.

CREATE TRIGGER tasks_real_dates_insert BEFORE INSERT ON tasks
WHEN (NEW.start_date IS NOT NULL AND date(NEW.start_date, '+0 days') IS NOT NEW.start_date)
  OR (NEW.due_date IS NOT NULL AND date(NEW.due_date, '+0 days') IS NOT NEW.due_date)
BEGIN SELECT RAISE(ABORT, 'tasks: start_date and due_date must be real dates, YYYY-MM-DD'); END;

CREATE TRIGGER tasks_real_dates_update BEFORE UPDATE OF start_date, due_date ON tasks
WHEN (NEW.start_date IS NOT NULL AND date(NEW.start_date, '+0 days') IS NOT NEW.start_date)
  OR (NEW.due_date IS NOT NULL AND date(NEW.due_date, '+0 days') IS NOT NEW.due_date)
BEGIN SELECT RAISE(ABORT, 'tasks: start_date and due_date must be real dates, YYYY-MM-DD'); END;

CREATE TRIGGER documents_real_dates_insert BEFORE INSERT ON documents
WHEN NEW.issued IS NOT NULL AND date(NEW.issued, '+0 days') IS NOT NEW.issued
BEGIN SELECT RAISE(ABORT, 'documents: issued must be a real date, YYYY-MM-DD'); END;

CREATE TRIGGER documents_real_dates_update BEFORE UPDATE OF issued ON documents
WHEN NEW.issued IS NOT NULL AND date(NEW.issued, '+0 days') IS NOT NEW.issued
BEGIN SELECT RAISE(ABORT, 'documents: issued must be a real date, YYYY-MM-DD'); END;
