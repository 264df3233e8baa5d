"""Locked database: hold a write lock (BEGIN EXCLUSIVE) while plancon tries
to save, for longer than plancon's busy timeout (we hold it until plancon
has given up).

usage: locked.py PLANCON DB ARGS...   (ARGS: the plancon command to run)

Prints exit=N, then stderr=..., then unchanged=True|False."""
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dbstate  # noqa: E402

plancon, db, args = sys.argv[1], sys.argv[2], sys.argv[3:]
before = dbstate.snapshot(db)
lock = sqlite3.connect(db, isolation_level=None, timeout=0)
lock.execute("BEGIN EXCLUSIVE")
p = subprocess.run([plancon, "--db", db] + args, capture_output=True, text=True, timeout=120)
lock.execute("ROLLBACK")
lock.close()
print("exit=%d" % p.returncode)
print("stderr=" + p.stderr.strip().replace("\n", " | "))
print("unchanged=%s" % (dbstate.snapshot(db) == before))
