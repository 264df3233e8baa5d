"""Crash during writes: `plancon set` killed with SIGKILL at random moments.

usage: crash.py PLANCON DB ROUNDS SEED

Each round lets 0-2 updates finish and kills the next one after a random
delay between 0 and the time an update takes (so the kill lands before,
during or after the transaction; when the update was already done, it
counts as done). An update counts as saved when
plancon said so on stdout ("... (version N)"), even if it was killed just
after. After every round the database must be consistent (dbstate) and
hold every saved update. Prints one line per failed round, then a summary
line "rounds=R saved=S killed=K failures=F"."""
import os
import random
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dbstate  # noqa: E402

plancon, db, rounds, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
codes = ["3.2.3", "2.1.1", "2.2.2", "2.5.1"]
saved = []
seq = 0
durations = []
killed = failures = 0
SAVED = re.compile(r"\(version (\d+)\)")


# On a sanitizer build, no leak check at exit here: a SIGKILL that lands
# while LeakSanitizer stops the process to scan it makes it report that
# it could not (the other suites check `set` for leaks).
env = dict(os.environ)
if "ASAN_OPTIONS" in env:
    env["ASAN_OPTIONS"] += ":detect_leaks=0"


def start(code, progress, note):
    return subprocess.Popen([plancon, "--db", db, "set", code, "--progress", str(progress), "--note", note],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def update(kill_after=None):
    """Run one update; kill it after kill_after seconds (None: let it finish)."""
    global seq, killed
    seq += 1
    code = codes[seq % len(codes)]
    progress = seq % 97                 # never equal to the task's current value
    note = "crash test %d" % seq
    t0 = time.monotonic()
    p = start(code, progress, note)
    if kill_after is not None:
        time.sleep(kill_after)
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            killed += 1
    out, err = p.communicate()
    if kill_after is None:
        durations.append(time.monotonic() - t0)
        if p.returncode != 0:
            print("update %d (%s) failed with %d: %s" % (seq, code, p.returncode, err.decode(errors="replace")))
            return False
    m = SAVED.search(out.decode(errors="replace"))
    if m:
        saved.append((code, int(m.group(1)), progress, note))
    return True


for _ in range(3):                       # learn how long an update takes
    update()
typical = sorted(durations)[len(durations) // 2]

for r in range(rounds):
    for _ in range(rng.randint(0, 2)):
        update()
    update(kill_after=rng.uniform(0, typical))
    problems = dbstate.consistent(db, codes)
    lost = dbstate.missing(db, saved)
    if problems or lost:
        failures += 1
        print("round %d: %s; saved but missing: %r" % (r + 1, "; ".join(problems) or "consistent", lost[:3]))

print("rounds=%d saved=%d killed=%d failures=%d" % (rounds, len(saved), killed, failures))
sys.exit(1 if failures else 0)
