#!/bin/sh
# The supervision cycle in the plan file (plancon-plan(5)): the cycle's
# settings, reports with their revisions, inputs, reviews and evidence
# (base64 with its sha256), closings, extensions, reminders and who saw
# them, and the tasks awaiting verification or extended. export -> import
# -> export gives the same bytes and the same rows, with the change log
# not doubled; evidence whose data does not match its sha256 or size is
# refused (exit status 2) with its location; a plan file without these keys imports as
# before, and a database without the cycle exports none of them.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

ME=$(id -un)
t_newdb
printf '[cycle]\nenabled = yes\noffice = 省发展改革委\n' >"$T/c.ini"
pc init --admin "$ME" >/dev/null
pc user add zhang --role editor --dept 省住房城乡建设厅 >/dev/null
pc export -o "$T/plain.json" >/dev/null
t_eq "no cycle: none of its keys exported" "" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(k for k in ("cycle", "reports", "closings", "extensions", "reminders") if k in d)
      + " ".join(t["code"] for t in d["tasks"] if "awaiting" in t or "original_due" in t))' "$T/plain.json")"
printf 'abc' | pc --config "$T/c.ini" --as-of 2024-04-05 --user zhang evidence add 3.2.3 --name a.pdf >/dev/null
printf 'abcd' | pc --config "$T/c.ini" --as-of 2024-04-05 --user zhang evidence add 3.2.3 --name 四字节.txt >/dev/null
head -c 5000 /dev/urandom >"$T/rand.bin"
pc --config "$T/c.ini" --as-of 2024-04-05 --user zhang evidence add 3.2.3 --name 照片.jpg --period 2024-04 <"$T/rand.bin" >/dev/null
sqlite3 "$T/plan.db" "
INSERT INTO meta VALUES ('cycle_enabled', '1'), ('cycle_period', 'month'), ('cycle_due_day', '5'),
	('cycle_office', '省发展改革委'), ('cycle_since', '2024-03');
INSERT INTO report_revisions (report_id, rev, status, progress, done_text, problems, next_steps, at, local, who)
	VALUES (1, 1, 'done', 100, '完成
第二行', '资金', '验收', '2024-04-03T02:00:00Z', '2024-04-03 10:00:00', 'zhang');
UPDATE reports SET state = 'submitted', rev = 1, status = 'done', progress = 100, done_text = '完成
第二行', first_local = '2024-04-03 10:00:00', on_time = 1, version = version + 1 WHERE id = 1;
INSERT INTO reviews (report_id, rev, decision, at, who) VALUES (1, 1, 'accept', '2024-04-04T02:00:00Z', 'boss');
INSERT INTO report_inputs (report_id, dept_id, text, at, who)
	SELECT 1, id, '配合意见', '2024-04-02T00:00:00Z', 'li' FROM departments WHERE short = '省生态环境厅';
UPDATE reports SET state = 'accepted', version = version + 1 WHERE id = 1;
UPDATE tasks SET awaiting = 1, status = 'in_progress', progress = 100, version = version + 1, updated_by = 'zhang'
	WHERE code = '3.2.3';
UPDATE tasks SET original_due = due_date, due_date = '2025-06-30' WHERE code = '2.1.2';
INSERT INTO closings (task_id, event, report_id, local, at, who)
	SELECT id, 'done_reported', 1, '2024-04-03 10:00:00', '2024-04-03T02:00:00Z', 'zhang' FROM tasks WHERE code = '3.2.3';
INSERT INTO extensions (task_id, dept_id, old_due, new_due, reason, requested_local, requested_at, requested_by)
	SELECT id, lead_dept_id, '2024-12-31', '2025-06-30', '资金未到位', '2024-04-05 09:00:00', '2024-04-05T01:00:00Z', 'zhang'
	FROM tasks WHERE code = '2.1.1';
INSERT INTO reminders (dept_id, task_id, period, level, note, at, who)
	SELECT lead_dept_id, id, '2024-03', 1, '请尽快报送', '2024-04-06T01:00:00Z', 'boss' FROM tasks WHERE code = '2.1.1';
INSERT INTO reminders (dept_id, period, level, at, who)
	SELECT id, '2024-03', 2, '2024-04-07T01:00:00Z', 'boss' FROM departments WHERE short = '省住房城乡建设厅';
INSERT INTO reminder_seen VALUES (1, 'zhang', '2024-04-06T02:00:00Z');"

run() {
	name=$1 want=$2
	shift 2
	"$PLANCON" "$@" >"$T/out" 2>"$T/err"
	got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	t_eq "$name: exit status" "$want" "$got"
}
run "export" 0 --db "$T/plan.db" export -o "$T/e1.json"
t_eq "export: the cycle's settings" "{'enabled': True, 'period': 'month', 'due_day': 5, 'office': '省发展改革委', 'since': '2024-03'}" \
	"$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["cycle"])' "$T/e1.json")"
t_eq "export: evidence in base64 with its sha256" "YWJj ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" \
	"$(python3 -c 'import json, sys; x = json.load(open(sys.argv[1]))["reports"][0]["evidence"][0]; print(x["data"], x["sha256"])' "$T/e1.json")"
t_eq "export: the records' keys" "reports revisions inputs reviews evidence closings extensions reminders seen awaiting original_due" \
	"$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); r = d["reports"][0]
print(" ".join(["reports"] + [k for k in ("revisions", "inputs", "reviews", "evidence") if r.get(k)]
      + [k for k in ("closings", "extensions", "reminders") if d.get(k)] + (["seen"] if d["reminders"][0].get("seen") else [])
      + [k for k in ("awaiting", "original_due") if any(k in t for t in d["tasks"])]))' "$T/e1.json")"
run "import" 0 import "$T/e1.json" --db "$T/copy.db"
run "export of the import" 0 --db "$T/copy.db" export -o "$T/e2.json"
t_ok "export -> import -> export: the same bytes" cmp "$T/e1.json" "$T/e2.json"
for table in reports report_revisions report_inputs reviews evidence closings extensions reminders reminder_seen changes; do
	t_eq "import: $table as many rows" "$(sqlite3 "$T/plan.db" "SELECT count(*) FROM $table")" \
		"$(sqlite3 "$T/copy.db" "SELECT count(*) FROM $table")"
done
t_eq "import: the evidence files themselves" "$(sqlite3 "$T/plan.db" "SELECT hex(data) FROM evidence ORDER BY id")" \
	"$(sqlite3 "$T/copy.db" "SELECT hex(data) FROM evidence ORDER BY id")"
t_eq "import: awaiting and original_due" "3.2.3|1|\n2.1.2|0|$(sqlite3 "$T/plan.db" "SELECT original_due FROM tasks WHERE code = '2.1.2'")" \
	"$(sqlite3 "$T/copy.db" "SELECT code, awaiting, ifnull(original_due, '') FROM tasks WHERE awaiting = 1 OR original_due IS NOT NULL ORDER BY awaiting DESC" | sed ':a;N;s/\n/\\n/;ta')"
t_eq "import: meta cycle_*" "cycle_due_day=5 cycle_enabled=1 cycle_office=省发展改革委 cycle_period=month cycle_since=2024-03" \
	"$(sqlite3 "$T/copy.db" "SELECT group_concat(key || '=' || value, ' ') FROM (SELECT * FROM meta WHERE key LIKE 'cycle%' ORDER BY key)")"
t_eq "import: the triggers that log the cycle are back" 8 \
	"$(sqlite3 "$T/copy.db" "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%AFTER INSERT%INSERT INTO changes%' AND tbl_name IN ('reports', 'report_revisions', 'report_inputs', 'reviews', 'evidence', 'closings', 'extensions', 'reminders')")"
run "the import passes check" 0 --db "$T/copy.db" check
"$PLANCON" --db "$T/copy.db" evidence get 3 >"$T/got"
t_ok "import: evidence get gives the file" cmp "$T/rand.bin" "$T/got"

# ---- bad records: refused, with the location, and no database -----------------------
# bad NAME PYTHON PATTERN: e1.json changed by PYTHON (d is the document) is refused.
bad() {
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
$2
json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)" "$T/e1.json" "$T/bad.json"
	rm -f "$T/bad.db"
	run "$1" 2 import "$T/bad.json" --db "$T/bad.db"
	t_match "$1: says where" "$3" "$ERR"
	t_eq "$1: no database" "" "$(ls "$T"/bad.db* 2>/dev/null)"
}
bad "evidence sha256 mismatch" "d['reports'][0]['evidence'][0]['sha256'] = '0' * 64" \
	"^plancon: $T/bad\.json: reports\[0\]\.evidence\[0\] \(a\.pdf\): the file does not match its sha256 \(changed or damaged\); nothing was imported$"
bad "evidence data changed" "d['reports'][0]['evidence'][0]['data'] = 'YWJk'" \
	"reports\[0\]\.evidence\[0\] \(a\.pdf\): the file does not match its sha256"
bad "evidence size wrong" "d['reports'][1]['evidence'][0]['size'] = 4999" \
	"reports\[1\]\.evidence\[0\] \(照片\.jpg\): the file is 5000 bytes, but its size says 4999"
bad "evidence not base64" "d['reports'][0]['evidence'][0]['data'] = 'YW!j'" \
	"reports\[0\]\.evidence\[0\]\.data: expected the file in base64"
bad "a report of an unknown task" "d['reports'][0]['task'] = '9.9.9'" "reports\[0\]\.task: no task '9\.9\.9'"
bad "an unknown department" "d['extensions'][0]['dept'] = '省无此厅'" "extensions\[0\]\.dept: no department '省无此厅'"
bad "a bad period" "d['reminders'][0]['period'] = 'March'" "reminders\[0\]\.period: expected a period"
bad "two reports of one period" "d['reports'][1]['period'] = '2024-03'" "reports\[1\]: task 3\.2\.3 has a report for 2024-03 already \(reports\[0\]\)"
bad "cycle.enabled not a boolean" "d['cycle']['enabled'] = 'yes'" "cycle\.enabled: expected true or false"
bad "cycle.office unknown" "d['cycle']['office'] = '省无此厅'" "cycle\.office: no department '省无此厅'"
bad "awaiting not a boolean" "d['tasks'][0]['awaiting'] = 'yes'" "tasks\[0\]\.awaiting: expected true or false"
bad "original_due not a date" "d['tasks'][1]['original_due'] = '2024-02-30'" "tasks\[1\]\.original_due: '2024-02-30' is not a date"
bad "an extension's date" "d['extensions'][0]['new_due'] = 'soon'" "extensions\[0\]\.new_due: 'soon' is not a date"
bad "reports not a list" "d['reports'] = {}" "reports: expected a list"
bad "a control character in a report" "d['reports'][0]['problems'] = 'a\x1b[2J'" "control character"

# ---- an old plan file: none of the cycle's keys -------------------------------------------
run "old plan file: imports" 0 import "$T/plain.json" --db "$T/old.db"
t_eq "old plan file: no cycle records" "0|0|0" "$(sqlite3 "$T/old.db" "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM meta WHERE key LIKE 'cycle%'), (SELECT count(*) FROM tasks WHERE awaiting = 1 OR original_due IS NOT NULL)")"
run "old plan file: exports as it was" 0 --db "$T/old.db" export -o "$T/old.json"
t_ok "old plan file: export -> import -> export, the same bytes" cmp "$T/plain.json" "$T/old.json"
run "the bundled plan file imports" 0 import "$(dirname "$0")/../../db/plan/shandong-urbanization.json" --db "$T/bundled.db"

t_end
