#!/bin/sh
# plancon demo: the supervision cycle's history in the demo database (see
# src/store/demo_cycle.c). The cycle is on in its meta, with the office a
# department that leads no task (or a new one); its months have reports in
# every state, input, returns and resubmissions, closings, extensions,
# reminders and evidence, dated as simulated, with the change log written
# by the schema's triggers in time order; the same counts on every run.
# The cycle's commands are not needed: the rows are read with sqlite3.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
t_english

"$PLANCON" demo --db "$T/demo.db" >/dev/null 2>"$T/err"
t_eq "demo: made" "" "$(cat "$T/err")"
q() { sqlite3 -batch -noheader -separator ' ' "$1" "$2"; }
d() { q "$T/demo.db" "$1"; }

t_eq "plancon check passes on the demo" 0 "$("$PLANCON" --db "$T/demo.db" check >/dev/null 2>&1; echo $?)"
t_eq "the cycle is on in meta" "cycle_due_day 5
cycle_enabled 1
cycle_office 省城镇化工作领导小组办公室
cycle_period month
cycle_since 2023-01" "$(d "SELECT key, value FROM meta WHERE key LIKE 'cycle%' ORDER BY key")"
t_eq "the office leads no task" 0 \
	"$(d "SELECT count(*) FROM tasks t JOIN departments d ON d.id = t.lead_dept_id WHERE d.short = (SELECT value FROM meta WHERE key = 'cycle_office')")"
t_eq "the office has two editors" "sun.hong zhou.ning" \
	"$(d "SELECT group_concat(u.name, ' ') FROM users u JOIN user_depts x ON x.user_id = u.id JOIN departments d ON d.id = x.dept_id WHERE d.short = (SELECT value FROM meta WHERE key = 'cycle_office') ORDER BY u.name")"
t_eq "every lead department has a reporter" 0 \
	"$(d "SELECT count(*) FROM (SELECT DISTINCT lead_dept_id l FROM tasks WHERE lead_dept_id IS NOT NULL) WHERE l NOT IN (SELECT dept_id FROM user_depts)")"
t_eq "no administrator: plancon init still works on it" 0 "$(d "SELECT count(*) FROM users WHERE role = 'admin'")"

# ---- the reports ------------------------------------------------------------------------
t_eq "17 months of reports, January of the year before the present to its May" "17 2023-01 2024-05" \
	"$(d "SELECT count(DISTINCT period), min(period), max(period) FROM reports")"
t_eq "the last month has reports in every state" "accepted draft returned submitted" \
	"$(d "SELECT group_concat(state, ' ') FROM (SELECT DISTINCT state FROM reports WHERE period = '2024-05' ORDER BY state)")"
t_eq "earlier months are all reviewed and accepted" 0 "$(d "SELECT count(*) FROM reports WHERE period < '2024-05' AND state <> 'accepted'")"
t_eq "the counts are fixed: reports, late, resubmitted, returns, accepts" "513 70 20 21 503" \
	"$(d "SELECT (SELECT count(*) FROM reports WHERE rev > 0), (SELECT count(*) FROM reports WHERE on_time = 0), (SELECT count(*) FROM report_revisions WHERE rev = 2), (SELECT count(*) FROM reviews WHERE decision = 'return'), (SELECT count(*) FROM reviews WHERE decision = 'accept')")"
t_eq "the last month's counts: accepted, draft, returned, submitted" "14 1 1 9" \
	"$(d "SELECT group_concat(n, ' ') FROM (SELECT count(*) n FROM reports WHERE period = '2024-05' GROUP BY state ORDER BY state)")"
t_eq "some reports missing in the last month (open tasks without a filed report)" 2 \
	"$(d "SELECT count(*) FROM tasks t WHERE t.lead_dept_id IS NOT NULL AND t.status NOT IN ('done', 'cancelled') AND t.awaiting = 0 AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.task_id = t.id AND r.period = '2024-05')")"
t_eq "on time is the rule's: first filed on or before the due day" 0 \
	"$(d "SELECT count(*) FROM reports WHERE rev > 0 AND on_time <> (substr(first_local, 1, 10) <= due)")"
t_eq "due on the 5th of the month after" 0 \
	"$(d "SELECT count(*) FROM reports WHERE due <> date(period || '-01', '+1 month', '+4 days')")"
t_eq "a return has its reason, then rev 2 and an accept" 0 \
	"$(d "SELECT count(*) FROM reviews v JOIN reports r ON r.id = v.report_id WHERE v.decision = 'return' AND r.state = 'accepted' AND (v.reason = '' OR r.rev <> 2)")"
t_match "texts in Chinese from the task's title and progress" '^2024年5月，围绕“.+”，.+，累计完成[0-9]+%。' \
	"$(d "SELECT done_text FROM reports WHERE period = '2024-05' AND rev > 0 LIMIT 1")"
t_ok "cooperating input on some reports" test "$(d "SELECT count(*) FROM report_inputs")" -gt 50

# ---- closings, extensions, reminders, evidence ----------------------------------------------
t_eq "the done tasks were reported done and verified" "7 7" \
	"$(d "SELECT (SELECT count(*) FROM tasks WHERE status = 'done'), (SELECT count(DISTINCT task_id) FROM closings WHERE event = 'verified')")"
t_eq "one task awaits verification: in progress at 100 %, reported done" "3.2.3 in_progress 100 done_reported" \
	"$(d "SELECT t.code, t.status, t.progress, (SELECT group_concat(event) FROM closings c WHERE c.task_id = t.id) FROM tasks t WHERE t.awaiting = 1")"
t_eq "extensions: approved (the due date moved, the old one kept), rejected, requested" \
	"approved 2.1.3 2026-06-30 2025-12-31
rejected 2.2.3 2035-12-31 
requested 2.5.3 2025-12-31 " \
	"$(d "SELECT e.state, t.code, t.due_date, ifnull(t.original_due, '') FROM extensions e JOIN tasks t ON t.id = e.task_id ORDER BY e.state")"
t_eq "reminders at levels 1 to 3, one to a whole department" "1 2 3 1" \
	"$(d "SELECT (SELECT group_concat(level, ' ') FROM (SELECT DISTINCT level FROM reminders ORDER BY level)), (SELECT count(*) FROM reminders WHERE task_id IS NULL)")"
t_eq "the level-3 reminder is about a report still missing" 0 \
	"$(d "SELECT count(*) FROM reminders m JOIN reports r ON r.task_id = m.task_id AND r.period = m.period WHERE m.level = 3 AND r.state <> 'draft'")"
t_eq "two evidence files, their sha256 the bytes'" \
	"$(printf '演示佐证材料：月度工作台账（模拟数据）\n' | sha256sum | cut -d' ' -f1)
$(printf '演示佐证材料：现场核查记录（模拟数据）\n' | sha256sum | cut -d' ' -f1)" \
	"$(d "SELECT sha256 FROM evidence ORDER BY id")"
d "SELECT writefile('$T/ev1', data) FROM evidence ORDER BY id LIMIT 1" >/dev/null
t_eq "evidence: the stored bytes" "$(d "SELECT sha256 FROM evidence ORDER BY id LIMIT 1")" "$(sha256sum <"$T/ev1" | cut -d' ' -f1)"

# ---- the change log ---------------------------------------------------------------------------
t_eq "the log is in time order" 0 "$(d "SELECT count(*) FROM changes a JOIN changes b ON b.id = a.id + 1 WHERE b.at < a.at")"
t_eq "nothing in the log after the demo's as-of date" 0 "$(d "SELECT count(*) FROM changes WHERE at > '2024-06-30T16:00:00Z'")"
t_eq "every report step in the log, dated as the step" 0 \
	"$(d "SELECT count(*) FROM report_revisions v JOIN reports r ON r.id = v.report_id JOIN tasks t ON t.id = r.task_id WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.task_id = t.id AND c.field = 'report ' || r.period AND c.new = 'submitted' AND c.at = v.at)")"
out=$("$PLANCON" --db "$T/demo.db" --as-of 2024-06-30 log 3.2.3)
t_match "the log: reported done, in the month after" \
	'2024-06-0[0-9]T[0-9:]+Z +[a-z.]+ +3\.2\.3 +report 2024-05 +- +submitted +2024年5月，围绕“提高城镇污水收集处理能力”，全面完成任务目标' "$out"
t_match "the log: the task's closing" '3\.2\.3 +closing +- +reported done' "$out"
t_match "the log: the task at 100 %" '3\.2\.3 +progress +85 +100 +（演示）已报送完成，待办公室核验销号' "$out"
out=$("$PLANCON" --db "$T/demo.db" --as-of 2024-06-30 log 3.2.2)
t_match "the log: a task verified by the office" '2023-12-[0-9]{2}T[0-9:]+Z +(sun\.hong|zhou\.ning) +3\.2\.2 +status +in progress +done +（演示）经核验' "$out"
t_nomatch "the log: no done before its report" '2023-1[01]-[0-9]{2}T[0-9:]+Z .* 3\.2\.2 +status +in progress +done' "$out"
t_match "the log: the extension approved" '2\.1\.3 +extension approved +2025-12-31 +2026-06-30' \
	"$("$PLANCON" --db "$T/demo.db" log 2.1.3)"

# ---- the same every time; the summary as before -----------------------------------------------
"$PLANCON" demo --db "$T/demo2.db" >/dev/null 2>&1
for tbl in reports report_revisions report_inputs reviews closings extensions reminders evidence users changes; do
	t_eq "the same demo every time: $tbl" "$(q "$T/demo.db" "SELECT * FROM $tbl")" "$(q "$T/demo2.db" "SELECT * FROM $tbl")"
done
out=$("$PLANCON" --db "$T/demo.db" --as-of 2024-06-30 summary)
t_match "verified tasks count done" '^  done +7$' "$out"
t_match "the awaiting one is still in progress" '^  in progress +23$' "$out"

# ---- another plan: the office is made --------------------------------------------------------
"$PLANCON" demo --db "$T/c.db" --plan "$(dirname "$0")/../lib/demo-plan-2030.json" >/dev/null 2>"$T/err"
t_eq "another plan's demo: made" "" "$(cat "$T/err")"
c() { q "$T/c.db" "$1"; }
t_eq "another plan's demo: plancon check passes" 0 "$("$PLANCON" --db "$T/c.db" check >/dev/null 2>&1; echo $?)"
t_eq "another plan's demo: every department leads tasks, so the office is added" "省城镇化办 省城镇化工作领导小组办公室" \
	"$(c "SELECT short, name FROM departments WHERE short = (SELECT value FROM meta WHERE key = 'cycle_office')")"
t_eq "another plan's demo: its own years" "2032-01 2032-01 2033-05" \
	"$(c "SELECT (SELECT value FROM meta WHERE key = 'cycle_since'), min(period), max(period) FROM reports")"
t_eq "another plan's demo: every state in its last month" "accepted draft returned submitted" \
	"$(c "SELECT group_concat(state, ' ') FROM (SELECT DISTINCT state FROM reports WHERE period = '2033-05' ORDER BY state)")"
t_eq "another plan's demo: one awaiting verification, three extensions" "1 3" \
	"$(c "SELECT (SELECT count(*) FROM tasks WHERE awaiting = 1), (SELECT count(*) FROM extensions)")"

t_end
