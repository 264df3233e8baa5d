"""What the fault tests check in a plancon database, with Python's own
sqlite3 module (independent of plancon's code).

consistent(db, codes) -> list of problems (empty when all is well):
  integrity_check is ok, no foreign key is broken, and for each task code
  the task row agrees with its change log: its version is the newest
  version logged for it, its progress the value that change set, and the
  logged versions have no gap (no change half-written or lost)."""
import sqlite3


def connect(db):
    # Read-only unless recovery is needed: the tests never write through it.
    return sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)


def consistent(db, codes):
    problems = []
    c = connect(db)
    try:
        r = c.execute("PRAGMA integrity_check").fetchall()
        if r != [("ok",)]:
            problems.append("integrity_check: %r" % (r[:5],))
        r = c.execute("PRAGMA foreign_key_check").fetchall()
        if r:
            problems.append("foreign_key_check: %r" % (r[:5],))
        for code in codes:
            row = c.execute("SELECT version, progress FROM tasks WHERE code = ?", (code,)).fetchone()
            if row is None:
                problems.append("%s: no such task" % code)
                continue
            version, progress = row
            logged = c.execute(
                "SELECT version, new FROM changes WHERE item = ? AND field = 'progress' "
                "AND version IS NOT NULL ORDER BY version", (code,)).fetchall()
            if not logged:
                continue
            if logged[-1][0] != version:
                problems.append("%s: task at version %d, log ends at %d" % (code, version, logged[-1][0]))
            if str(logged[-1][1]) != str(progress):
                problems.append("%s: task at %s %%, log says %s" % (code, progress, logged[-1][1]))
            versions = [v for v, _ in logged]
            if versions != list(range(versions[0], versions[0] + len(versions))):
                problems.append("%s: versions in the log have a gap: %r" % (code, versions))
    finally:
        c.close()
    return problems


def missing(db, saved):
    """The changes of saved, (code, version, progress, note) each, that are
    not both in the log and reached by their task's version."""
    c = connect(db)
    try:
        logged = set(c.execute("SELECT item, version, new, note FROM changes WHERE field = 'progress'"))
        versions = dict(c.execute("SELECT code, version FROM tasks"))
    finally:
        c.close()
    return [s for s in saved
            if (s[0], s[1], str(s[2]), s[3]) not in logged or versions.get(s[0], 0) < s[1]]


def snapshot(db):
    """Everything a write could touch, to compare before and after."""
    c = connect(db)
    try:
        return (c.execute("SELECT * FROM tasks ORDER BY id").fetchall(),
                c.execute("SELECT * FROM changes ORDER BY id").fetchall(),
                c.execute("SELECT * FROM milestones ORDER BY id").fetchall())
    finally:
        c.close()
