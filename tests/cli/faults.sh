#!/bin/sh
# Faults: what happens to the record when things go wrong.
#   - plancon backup makes a checked, consistent copy, also while another
#     process keeps writing; plancon check finds and names damage;
#   - a writer killed with SIGKILL at random moments (100 rounds) never
#     leaves the database damaged nor loses an update it reported saved;
#   - a database locked by another process longer than the busy timeout:
#     "database busy, try again", exit 1, nothing half-written;
#   - a read-only database (read-only mount, immutable file, or a directory
#     this user may not write): opened read-only, says so, refuses changes;
#   - damaged files: a clear message naming the file with advice, exit 1,
#     the file byte for byte as it was;
#   - a full disk: the update fails cleanly and the database stays intact.
# The database is inspected with Python's sqlite3 module (tests/fault/),
# independently of plancon's own code.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

FAULT="$TOP/tests/fault"
ME=$(id -un)
t_newdb
pc init --admin "$ME" >/dev/null

sha() { sha256sum <"$1"; }

# run NAME STATUS ARGS...: plancon ARGS exits with STATUS; stdout and stderr
# are left in $OUT and $ERR.
run() {
	name=$1 want=$2
	shift 2
	"$PLANCON" "$@" >"$T/out" 2>"$T/err"
	got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	t_eq "$name: exit status" "$want" "$got"
}

# consistent NAME DB: integrity, foreign keys, tasks agree with their log.
consistent() {
	t_eq "$1" "" "$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import dbstate
print("\n".join(dbstate.consistent(sys.argv[2], ["3.2.3", "2.1.1", "2.2.2", "2.5.1"])))' "$FAULT" "$2" 2>&1)"
}

# ---- backup ------------------------------------------------------------------------
pc set 3.2.3 --progress 40 --note "管网改造已开工" >/dev/null
run "backup" 0 --db "$T/plan.db" backup "$T/copy.db"
t_match "backup: says where and that it was checked" "^Backed up $T/plan.db to $T/copy.db \([0-9]+ KiB, checked\)\.$" "$OUT"
t_eq "backup: only the copy, no temporary file" "copy.db" "$(cd "$T" && ls copy.db*)"
t_eq "backup: the copy holds the same tasks" "$(pc tasks --format csv)" "$("$PLANCON" --db "$T/copy.db" tasks --format csv 2>&1)"
t_eq "backup: and the same change log" "$(pc log --format csv)" "$("$PLANCON" --db "$T/copy.db" log --format csv 2>&1)"
run "check of the backup" 0 --db "$T/copy.db" check
t_eq "check: a sound file" "$T/copy.db: no problems found (integrity and foreign-key checks)." "$OUT"

before=$(sha "$T/copy.db")
run "backup onto an existing file" 1 --db "$T/plan.db" backup "$T/copy.db"
t_match "backup onto an existing file: refused" "$T/copy.db: already exists; it is never replaced" "$ERR"
t_eq "backup onto an existing file: file unchanged" "$before" "$(sha "$T/copy.db")"
run "backup without FILE" 2 --db "$T/plan.db" backup
t_match "backup without FILE: usage" "missing FILE.*usage: plancon backup FILE" "$(echo $ERR)"
run "backup: two files" 2 --db "$T/plan.db" backup "$T/a.db" "$T/b.db"
t_match "backup: two files: usage" "unexpected argument \"$T/b.db\"" "$ERR"
run "backup: unknown option" 2 --db "$T/plan.db" backup --force "$T/a.db"
t_match "backup: unknown option: named" "unknown option \"--force\"" "$ERR"
run "backup into a missing directory" 1 --db "$T/plan.db" backup "$T/no/such/dir/b.db"
t_match "backup into a missing directory: says so" "$T/no/such/dir/b.db: cannot create a file there: No such file or directory" "$ERR"
run "backup: -- before a FILE starting with -" 0 --db "$T/plan.db" backup -- "$T/-dash.db"

# ---- check: damage in plain words, never a change ------------------------------------
cp "$T/copy.db" "$T/fk.db"
python3 - "$T/fk.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA foreign_keys = OFF")
c.execute("INSERT INTO task_coop (task_id, dept_id) VALUES ((SELECT id FROM tasks WHERE code = '3.2.3'), 9999)")
c.close()
EOF
cp "$T/copy.db" "$T/index.db"
python3 - "$T/index.db" <<'EOF'
import sqlite3, sys
# Swap the root pages of two indexes of the tasks table: each index then
# describes the other's keys, so it lacks the table's rows.
c = sqlite3.connect(sys.argv[1], isolation_level=None)
a, b = c.execute("SELECT name, rootpage FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tasks' "
                 "AND name IN ('tasks_status', 'tasks_lead') ORDER BY name").fetchall()
c.execute("PRAGMA writable_schema = ON")
c.execute("UPDATE sqlite_schema SET rootpage = ? WHERE name = ?", (b[1], a[0]))
c.execute("UPDATE sqlite_schema SET rootpage = ? WHERE name = ?", (a[1], b[0]))
c.close()
EOF
# Dates: another program cannot store a date that is not one (the triggers
# of schema version 6), and check finds one stored before them.
cp "$T/copy.db" "$T/dates.db"
res=$(python3 - "$T/dates.db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
for bad in ("2023-02-30", "garbage", "2023-2-3"):
    try:
        c.execute("UPDATE tasks SET due_date = ?, version = version + 1, updated_by = 'x' WHERE code = '3.2.3'", (bad,))
        print("stored", bad)
    except sqlite3.DatabaseError as e:
        print("refused", bad, "-", e)
try:
    c.execute("UPDATE documents SET issued = '2021-13-01' WHERE rowid = (SELECT min(rowid) FROM documents)")
    print("stored issued")
except sqlite3.DatabaseError as e:
    print("refused issued -", e)
c.execute("DROP TRIGGER tasks_real_dates_update")
c.execute("UPDATE tasks SET due_date = '2023-02-30', version = version + 1, updated_by = 'x' WHERE code = '3.2.3'")
c.close()
EOF
)
t_match "dates: Feb 30 refused to another program" "^refused 2023-02-30 - tasks: start_date and due_date must be real dates, YYYY-MM-DD$" "$res"
t_match "dates: text that is no date refused" "^refused garbage - " "$res"
t_match "dates: a date without its zeros refused" "^refused 2023-2-3 - " "$res"
t_match "dates: a document's issue date refused" "^refused issued - documents: issued must be a real date" "$res"
rm -f "$T"/fk.db-* "$T"/index.db-* "$T"/dates.db-*
head -c 60000 "$T/copy.db" >"$T/truncated.db"
cp "$T/copy.db" "$T/header.db"
printf 'GARBAGE GARBAGE!' | dd of="$T/header.db" conv=notrunc 2>/dev/null
cp "$T/copy.db" "$T/pagesize.db"
printf '\000\003' | dd of="$T/pagesize.db" bs=1 seek=16 conv=notrunc 2>/dev/null
printf 'name,progress\n3.2.3,40\n' >"$T/notes.csv"
: >"$T/empty.db"

# checked NAME FILE PATTERN: check exits 1 with PATTERN among its output,
# ends with the restore advice, and leaves FILE as it was.
checked() {
	before=$(sha "$2")
	run "check: $1" 1 --db "$2" check
	t_match "check: $1: the problem" "$3" "$OUT"
	t_match "check: $1: advice" "^$2: [0-9]+ problems? found\. Keep this file as it is, and restore the database from a backup \(made with 'plancon backup'\)\.$" "$OUT"
	t_eq "check: $1: file unchanged" "$before" "$(sha "$2")"
}
checked "a date that is not one" "$T/dates.db" "^problem: task 3\\.2\\.3: due_date is not a real date \\(YYYY-MM-DD\\)$"
checked "broken reference" "$T/fk.db" "^problem: a row of table task_coop refers to a departments row that does not exist$"
checked "index out of step" "$T/index.db" "^problem: index tasks_(lead|status) lacks [0-9]+ rows of its table \(the first is row [0-9]+\): the data may be intact, but searches through this index miss them$"
checked "truncated file" "$T/truncated.db" "^problem: the file is cut short: it holds 60000 of the [0-9]+ bytes its header promises"
checked "garbage header" "$T/header.db" "^problem: the file is not an SQLite database \(no SQLite header\)"
checked "bad page size" "$T/pagesize.db" "^problem: the database cannot be read at all \(SQLite says: file is not a database\)$"
checked "not SQLite" "$T/notes.csv" "^problem: the file is not an SQLite database"
checked "empty file" "$T/empty.db" "^problem: the file is empty: it holds no database at all$"

# The supervision cycle's records: evidence whose bytes or size no longer
# match, a report's state against its history, two open extensions of one
# task, a task awaiting verification that cannot be. A consistent database
# with all of them passes.
CY="$T/cycle.db"
printf '[cycle]\nenabled = yes\noffice = 省发展改革委\n' >"$T/cycle.ini"
"$PLANCON" --db "$CY" init --admin "$(id -un)" >/dev/null
"$PLANCON" --db "$CY" user add zhang --role editor --dept 省住房城乡建设厅 >/dev/null
printf '验收报告\n' | "$PLANCON" --db "$CY" --config "$T/cycle.ini" --as-of 2024-04-05 --user zhang \
	evidence add 3.2.3 --name 验收报告.pdf >/dev/null
sqlite3 "$CY" "
INSERT INTO report_revisions (report_id, rev, status, progress, done_text, problems, next_steps, at, local, who)
	VALUES (1, 1, 'done', 100, '完成', '', '', '2024-04-03T02:00:00Z', '2024-04-03 10:00:00', 'zhang');
UPDATE reports SET state = 'submitted', rev = 1, status = 'done', progress = 100, first_local = '2024-04-03 10:00:00',
	on_time = 1, version = version + 1;
INSERT INTO reviews (report_id, rev, decision, at, who) VALUES (1, 1, 'accept', '2024-04-04T02:00:00Z', 'boss');
UPDATE reports SET state = 'accepted', version = version + 1;
UPDATE tasks SET awaiting = 1, status = 'in_progress', progress = 100, version = version + 1, updated_by = 'zhang'
	WHERE code = '3.2.3';
INSERT INTO extensions (task_id, dept_id, old_due, new_due, reason, requested_local, requested_at, requested_by)
	SELECT id, lead_dept_id, '2024-12-31', '2025-06-30', '资金未到位', '2024-04-05 09:00:00', '2024-04-05T01:00:00Z', 'zhang'
	FROM tasks WHERE code = '2.1.1';"
run "check: a consistent cycle" 0 --db "$CY" check
cycle_damaged() {
	cp "$CY" "$T/$1.db"
	sqlite3 "$T/$1.db" "$2"
	checked "$3" "$T/$1.db" "$4"
}
cycle_damaged ev-bytes "DROP TRIGGER evidence_no_update; UPDATE evidence SET data = CAST(zeroblob(size) AS BLOB)" \
	"evidence bytes changed" "^problem: evidence 1 \(task 3\.2\.3, 2024-03\): its bytes do not match its sha256$"
cycle_damaged ev-size "DROP TRIGGER evidence_no_update; PRAGMA ignore_check_constraints = 1; UPDATE evidence SET size = size + 1" \
	"evidence size changed" "^problem: evidence 1 \(task 3\.2\.3, 2024-03\): 13 bytes stored, but its size says 14$"
cycle_damaged rev "DROP TRIGGER report_revisions_no_delete; DELETE FROM report_revisions" \
	"a report's revisions lost" "^problem: task 3\.2\.3, report 2024-03: 1 submissions, but 0 revisions are kept$"
cycle_damaged review "DROP TRIGGER reviews_no_delete; DELETE FROM reviews" \
	"an accepted report without its review" "^problem: task 3\.2\.3, report 2024-03: accepted, but its last review does not accept submission 1$"
cycle_damaged returned "UPDATE reports SET state = 'returned', version = version + 1" \
	"a returned report accepted by its review" "^problem: task 3\.2\.3, report 2024-03: returned, but its last review does not return submission 1$"
cycle_damaged decided "UPDATE reports SET state = 'submitted', version = version + 1; UPDATE tasks SET awaiting = 0 WHERE code = '3.2.3'" \
	"a decided report still awaiting review" "^problem: task 3\.2\.3, report 2024-03: awaiting review, but submission 1 was already decided$"
cycle_damaged ext "DROP INDEX extensions_open; INSERT INTO extensions (task_id, dept_id, old_due, new_due, reason, requested_local, requested_at, requested_by)
	SELECT task_id, dept_id, old_due, '2025-09-30', reason, requested_local, requested_at, requested_by FROM extensions" \
	"two open extensions" "^problem: task 2\.1\.1: 2 extension requests are open at once; at most one may be$"
cycle_damaged await-done "UPDATE tasks SET status = 'done', version = version + 1, updated_by = 'x' WHERE code = '3.2.3'" \
	"awaiting on a done task" "^problem: task 3\.2\.3: awaiting verification, but its status is already done$"
cycle_damaged await-none "UPDATE tasks SET awaiting = 1 WHERE code = '2.1.1'" \
	"awaiting without a report" "^problem: task 2\.1\.1: awaiting verification, but no report of it claims it done$"
run "check: missing file" 1 --db "$T/none.db" check
t_eq "check: missing file: says so" "plancon: $T/none.db: no such database" "$ERR"
t_eq "check: missing file: not created" "" "$(ls "$T"/none.db* 2>/dev/null)"
run "check: extra argument" 2 --db "$T/plan.db" check now
t_match "check: extra argument: usage" "unexpected argument \"now\"" "$ERR"

# Opening a damaged file for work: named, advice, exit 1, unchanged.
for f in truncated pagesize; do
	before=$(sha "$T/$f.db")
	run "damaged $f: tasks" 1 --db "$T/$f.db" tasks
	t_match "damaged $f: names the file, advises check or restore" "$T/$f.db is damaged \(.*\); run 'plancon check' or restore a backup" "$ERR"
	t_eq "damaged $f: file unchanged" "$before" "$(sha "$T/$f.db")"
done

# ---- backup while another process writes ----------------------------------------------
# A writer makes 80 updates; meanwhile backups are taken one after another.
# Each must be a sound database whose tasks agree with their change log (a
# consistent snapshot), and between them they must show the writes going on.
(
	i=0
	while [ $i -lt 80 ]; do
		pc set 2.2.2 --progress $((i % 97)) --note "writer $i" >/dev/null 2>>"$T/writer.err"
		i=$((i + 1))
	done
	echo done >"$T/writer.done"
) &
writer=$!
n=0 bad=0 counts=""
while [ ! -e "$T/writer.done" ] || [ $n -lt 2 ]; do
	n=$((n + 1))
	if ! "$PLANCON" --db "$T/plan.db" backup "$T/live$n.db" >/dev/null 2>>"$T/backup.err"; then
		bad=$((bad + 1))
		continue
	fi
	# one line: the number of changes, then the problems, if any
	p=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import dbstate
c = dbstate.connect(sys.argv[2]); n = c.execute("SELECT count(*) FROM changes").fetchone()[0]; c.close()
print(n, "; ".join(dbstate.consistent(sys.argv[2], ["2.2.2"])))' "$FAULT" "$T/live$n.db" 2>&1)
	case $p in
	*[0-9]" ") counts="$counts ${p% }" ;;
	*) bad=$((bad + 1)); echo "live$n.db: $p" >>"$T/backup.err" ;;
	esac
	rm -f "$T/live$n.db"*
done
wait $writer
t_eq "backups while writing: all sound and consistent ($n taken)" "0:" "$bad:$(cat "$T/backup.err" 2>/dev/null)"
t_eq "backups while writing: the writer was never refused" "" "$(cat "$T/writer.err")"
distinct=$(printf '%s\n' $counts | sort -u | wc -l)
t_ok "backups while writing: they saw the writes going on ($distinct different states)" [ "$distinct" -ge 2 ]

# ---- crash during writes ------------------------------------------------------------------
# Seeded, so a failure can be repeated; a different seed each day explores more.
seed=${PLANCON_CRASH_SEED:-$(date +%j)}
res=$(python3 "$FAULT/crash.py" "$PLANCON" "$T/plan.db" 100 "$seed" 2>&1)
t_match "SIGKILL during writes, 100 rounds (seed $seed): nothing damaged, nothing saved lost" \
	"^rounds=100 saved=[0-9]+ killed=[0-9]+ failures=0$" "$res"
t_nomatch "SIGKILL during writes: every round clean" "^round " "$res"
t_match "SIGKILL during writes: some updates were killed" "killed=[1-9]" "$res"
consistent "after the crashes: integrity, keys, tasks agree with the log" "$T/plan.db"
run "after the crashes: plancon check" 0 --db "$T/plan.db" check

# ---- locked database ------------------------------------------------------------------------
res=$(python3 "$FAULT/locked.py" "$PLANCON" "$T/plan.db" set 3.2.3 --progress 55 --note "while locked" 2>&1)
t_match "locked: exit 1" "^exit=1$" "$res"
t_match "locked: database busy, try again" "^stderr=plancon: .*database busy, try again$" "$res"
t_match "locked: nothing half-written" "^unchanged=True$" "$res"
run "after the lock: the update goes through" 0 --db "$T/plan.db" set 3.2.3 --progress 55 --note "after the lock"

# ---- read-only ---------------------------------------------------------------------------
# readonly_checks NAME DB: DB cannot be written here; it is read, the user
# is told, a change is refused, and nothing changes.
readonly_checks() {
	name=$1 db=$2
	before=$(sha "$db")
	run "$name: tasks" 0 --db "$db" tasks --format csv
	t_match "$name: tasks are shown" "^3\.2\.3," "$OUT"
	t_eq "$name: says it is read-only" "plancon: $db is read-only here: showing it, but changes will be refused" "$ERR"
	run "$name: set" 1 --db "$db" set 3.2.3 --progress 60 --note "refused"
	t_match "$name: set refused, saying why" "$db is open read-only \(the file, its directory or its file system cannot be written\); nothing was changed" "$ERR"
	run "$name: check still works" 0 --db "$db" check
	run "$name: backup to elsewhere works" 0 --db "$db" backup "$T/ro-copy-$3.db"
	t_eq "$name: file unchanged" "$before" "$(sha "$db")"
}

mkdir -p "$T/rw" "$T/ro"
cp "$T/copy.db" "$T/rw/plan.db"
"$PLANCON" --db "$T/rw/plan.db" tasks >/dev/null      # as it is after use: -wal and -shm beside it
if [ "$(id -u)" -eq 0 ] && mount --bind "$T/rw" "$T/ro" 2>/dev/null; then
	if mount -o remount,ro,bind "$T/ro" 2>/dev/null; then
		readonly_checks "read-only mount" "$T/ro/plan.db" mount
		# A database last closed by something that removes the -wal and -shm
		# files: they cannot be made on a read-only mount.
		rm -f "$T/rw/plan.db-wal" "$T/rw/plan.db-shm"
		readonly_checks "read-only mount, no -wal/-shm" "$T/ro/plan.db" mount2
	else
		echo "skipped: read-only mount (remount,ro,bind not permitted here)"
	fi
	umount "$T/ro"
elif [ "$(id -u)" -eq 0 ] && chattr +i "$T/rw/plan.db" 2>/dev/null; then
	readonly_checks "immutable file" "$T/rw/plan.db" immutable
	chattr -i "$T/rw/plan.db"
else
	echo "skipped: read-only mount and immutable file (need root with mount or chattr)"
fi

# A directory this user may not write (as root: as the nobody account).
mkdir -p "$T/locked" "$T/nobody"
cp "$T/copy.db" "$T/locked/plan.db"
"$PLANCON" --db "$T/locked/plan.db" tasks >/dev/null
rm -f "$T/locked/plan.db-wal" "$T/locked/plan.db-shm"   # the hard case: none to reuse
chmod 644 "$T/locked/plan.db"
chmod 555 "$T/locked"
chmod 755 "$T"
as_user=""
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		cp "$PLANCON" "$T/plancon-copy"               # a binary the other account can run
		chmod 755 "$T/plancon-copy"
		chown 65534:65534 "$T/nobody"
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=$T/nobody XDG_CONFIG_HOME=$T/nobody XDG_DATA_HOME=$T/nobody"
	fi
fi
if [ "$(id -u)" -ne 0 ] || [ -n "$as_user" ]; then
	bin=$PLANCON
	[ -n "$as_user" ] && bin="$T/plancon-copy"
	before=$(sha "$T/locked/plan.db")
	$as_user "$bin" --db "$T/locked/plan.db" tasks --format csv >"$T/out" 2>"$T/err"
	t_eq "unwritable directory: tasks (exit status)" 0 $?
	t_match "unwritable directory: tasks shown" "^3\.2\.3," "$(cat "$T/out")"
	t_eq "unwritable directory: says it is read-only" \
		"plancon: $T/locked/plan.db is read-only here: showing it, but changes will be refused" "$(cat "$T/err")"
	$as_user "$bin" --db "$T/locked/plan.db" note 3.2.3 "refused" >"$T/out" 2>"$T/err"
	t_eq "unwritable directory: note refused (exit status)" 1 $?
	t_match "unwritable directory: note refused" "(is open read-only|read-only access)" "$(cat "$T/err")"
	t_eq "unwritable directory: file unchanged" "$before" "$(sha "$T/locked/plan.db")"
	t_eq "unwritable directory: nothing created beside it" "plan.db" "$(ls "$T/locked")"
else
	echo "skipped: unwritable directory (root without setpriv cannot drop to another account)"
fi
chmod 755 "$T/locked"

# ---- disk full -----------------------------------------------------------------------------
# A small file system, filled up; the update must fail cleanly, the database
# stay sound with every earlier change, and work again once there is room.
mkdir -p "$T/small"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=1m tmpfs "$T/small" 2>/dev/null; then
	cp "$T/copy.db" "$T/small/plan.db"
	"$PLANCON" --db "$T/small/plan.db" set 2.1.1 --progress 10 --note "before the disk filled up" >/dev/null
	dd if=/dev/zero of="$T/small/filler" bs=4096 2>/dev/null
	before=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import dbstate, hashlib; print(hashlib.sha256(repr(dbstate.snapshot(sys.argv[2])).encode()).hexdigest())' "$FAULT" "$T/small/plan.db")
	run "disk full: set" 1 --db "$T/small/plan.db" set 2.1.1 --progress 20 --note "$(printf '%0800d' 0)"
	t_match "disk full: says so" "disk full, nothing was saved" "$ERR"
	after=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import dbstate, hashlib; print(hashlib.sha256(repr(dbstate.snapshot(sys.argv[2])).encode()).hexdigest())' "$FAULT" "$T/small/plan.db")
	t_eq "disk full: nothing changed" "$before" "$after"
	consistent "disk full: database sound" "$T/small/plan.db"
	run "disk full: backup" 1 --db "$T/small/plan.db" backup "$T/small/copy.db"
	t_match "disk full: backup says so" "$T/small/copy.db: disk full; no backup was made" "$ERR"
	t_eq "disk full: no backup or temporary file left" "" "$(ls "$T/small" | grep copy)"
	rm -f "$T/small/filler"
	run "disk full: room again, the update goes through" 0 --db "$T/small/plan.db" set 2.1.1 --progress 20 --note "room again"
	t_match "disk full: the earlier change is there" "before the disk filled up" "$("$PLANCON" --db "$T/small/plan.db" log 2.1.1)"
	umount "$T/small"
else
	echo "skipped: disk full (needs root to mount a small tmpfs)"
fi

t_end
