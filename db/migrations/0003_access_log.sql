-- plancon database, version 3: who came in over SSH, from where, to do what.
-- One row when a session starts and one when it ends (its exit status);
-- like the change log, append-only.
CREATE TABLE access_log (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	event       TEXT NOT NULL CHECK (event IN ('start', 'end')),
	session     INTEGER REFERENCES access_log(id),  -- end rows: the start row
	who         TEXT NOT NULL,                      -- the --ssh-user name
	client      TEXT NOT NULL DEFAULT '',           -- address from SSH_CLIENT
	command     TEXT NOT NULL DEFAULT '',           -- SSH_ORIGINAL_COMMAND, '' for the console
	status      INTEGER,                            -- end rows: the exit status
	CHECK ((event = 'start') = (session IS NULL)),
	CHECK ((event = 'end') = (status IS NOT NULL))
);
CREATE INDEX access_log_session ON access_log(session);
CREATE INDEX access_log_who ON access_log(who, id);

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
