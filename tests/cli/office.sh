#!/bin/sh
# The office's side of the supervision cycle, end to end: extensions of a
# due date (before, on and after the due day in the configured time zone,
# one open request, approval moving lateness, the original date kept,
# rejection needing a reason), the refusals of each role, reminders that
# escalate and show in the department's to-do list (unseen first), the
# to-do list's missing, returned and due items, the periods' counts, and
# bad input.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

ME=$(id -un)
HOUSING=省住房城乡建设厅
OFFICE=省发展改革委
t_newdb

run() {
	name=$1 want=$2
	shift 2
	pc --config "$T/c.ini" "$@" >"$T/out" 2>"$T/err"
	got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	t_eq "$name: exit status" "$want" "$got"
}
# at TIME NAME STATUS ARGS...: run at a faked UTC time (libfaketime is
# preloaded before a sanitizer build's runtime: tell ASan that is fine).
at() {
	when=$1 name=$2 want=$3
	shift 3
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		faketime "$when" "$PLANCON" --db "$T/plan.db" --config "$T/c.ini" "$@" >"$T/out" 2>"$T/err"
	got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	t_eq "$name: exit status" "$want" "$got"
}
sql() { sqlite3 "$T/plan.db" "$@"; }

# Shanghai is 8 hours ahead of UTC: 15:59 UTC on 2023-12-31 is 23:59 there.
printf '[core]\ntime_zone = Asia/Shanghai\n[cycle]\nenabled = yes\noffice = %s\nsince = 2024-01\n' "$OFFICE" >"$T/c.ini"
printf '[core]\ntime_zone = Asia/Shanghai\n' >"$T/off.ini"
pc init --admin "$ME" >/dev/null
pc user add zhang --role editor --dept "$HOUSING" >/dev/null
pc user add li --role editor --dept 省生态环境厅 >/dev/null
pc user add wang --role viewer --dept "$HOUSING" >/dev/null
pc user add qian --role editor --dept 省通信管理局 >/dev/null
pc user add fa --role editor --dept "$OFFICE" >/dev/null
pc user add dual --role editor --dept "$OFFICE" --dept "$HOUSING" >/dev/null

# ---- extensions: when they may be asked -------------------------------------------------
# 3.2.3 and 3.2.2 are due 2023-12-31.
run "late before: 3.2.3 is late in January" 0 --as-of 2024-01-10 late --format csv
t_match "late before: 3.2.3 listed" "^task,3\\.2\\.3," "$OUT"
at "2023-12-31 16:00:00" "after the due day (00:00 in Shanghai)" 1 --user zhang extension request 3.2.2 --to 2024-03-31 --reason 工程量大
t_match "after the due day: says why" "3\\.2\\.2: the due date 2023-12-31 has passed: an extension must be requested on or before it" "$ERR"
at "2023-12-31 15:59:00" "on the due day (23:59 in Shanghai)" 0 --user zhang extension request 3.2.3 --to 2024-06-30 --reason 管网工程量大
t_eq "on the due day: one line" "3.2.3: extension to 2024-06-30 requested (due 2023-12-31); the office decides it" "$OUT"
t_eq "the request keeps the local time" "2023-12-31 23:59:00|2023-12-31|requested" \
	"$(sql "SELECT requested_local, old_due, state FROM extensions")"
at "2023-12-20 08:00:00" "a second open request" 1 --user zhang extension request 3.2.3 --to 2024-09-30 --reason 再延
t_match "a second open request: refused, naming the first" "3\\.2\\.3 already has an extension request open \\(to 2024-06-30, asked by zhang" "$ERR"
at "2023-12-20 08:00:00" "before the due date" 0 --user zhang extension request 3.3.1 --to 2024-03-31 --reason 汛期
at "2023-12-20 08:00:00" "no due date" 1 --user zhang extension request 3.2.1 --to 2024-03-31 --reason 无
t_match "no due date: says so" "3\\.2\\.1 has no due date to extend" "$ERR"
at "2023-12-20 08:00:00" "new date not after the due date" 2 --user zhang extension request 3.2.4 --to 2023-12-31 --reason 同日
t_match "new date not after: says so" "the new date 2023-12-31 is not after the due date 2023-12-31" "$ERR"

# ---- who may ask and decide -----------------------------------------------------------------
at "2023-12-20 08:00:00" "viewer asks" 1 --user wang extension request 3.2.4 --to 2024-03-31 --reason x
t_match "viewer: refused as a viewer" "wang is a viewer" "$ERR"
at "2023-12-20 08:00:00" "cooperating editor asks" 1 --user li extension request 3.2.4 --to 2024-03-31 --reason x
t_match "cooperating editor: only cooperates" "only cooperates on this task" "$ERR"
at "2023-12-20 08:00:00" "other department asks" 1 --user qian extension request 3.2.4 --to 2024-03-31 --reason x
t_match "other department: led by another" "3\\.2\\.4 is led by $HOUSING" "$ERR"
run "lead editor approves own" 1 --user zhang extension approve 3.2.3
t_match "lead editor: only the office" "only the office \\($OFFICE\\)" "$ERR"
run "office member in the lead department" 1 --user dual extension approve 3.2.3
t_match "office member in the lead: nobody reviews their own" "nobody reviews their own department" "$ERR"
run "cycle off" 1 --config "$T/off.ini" --user zhang extension request 3.2.4 --to 2024-03-31 --reason x
t_match "cycle off: says so" "the supervision cycle is off" "$ERR"
run "reject without a reason" 2 --user fa extension reject 3.3.1
t_match "reject without a reason: says so" "--reason TEXT is required" "$ERR"
t_eq "nothing was decided" "requested|requested" "$(sql "SELECT group_concat(state, '|') FROM extensions")"

# ---- approval and rejection -------------------------------------------------------------------
run "office approves" 0 --user fa extension approve 3.2.3 --note 同意延期
t_eq "approve: one line" "3.2.3: extension approved: due 2024-06-30 (was 2023-12-31; originally 2023-12-31) (version 2)" "$OUT"
run "late after: 3.2.3 no longer late in January" 0 --as-of 2024-01-10 late --format csv
t_nomatch "late after: 3.2.3 gone" "^task,3\\.2\\.3," "$OUT"
t_match "late after: 3.2.2 still late" "^task,3\\.2\\.2," "$OUT"
run "late after the new date" 0 --as-of 2024-07-01 late --format csv
t_match "late after the new date: 3.2.3 late again" "^task,3\\.2\\.3," "$OUT"
run "show: both dates" 0 show 3.2.3
t_match "show: extended, originally" "^Due: +2024-06-30 \\(extended; originally 2023-12-31\\)" "$OUT"
t_eq "the task keeps its original due date" "2024-06-30|2023-12-31|2" "$(sql "SELECT due_date, original_due, version FROM tasks WHERE code = '3.2.3'")"
at "2024-06-01 08:00:00" "a second extension" 0 --user zhang extension request 3.2.3 --to 2024-09-30 --reason 再延一季
run "second approval" 0 --user fa extension approve 3.2.3
t_eq "second approval: the first due date is still the original" "2024-09-30|2023-12-31" \
	"$(sql "SELECT due_date, original_due FROM tasks WHERE code = '3.2.3'")"
t_match "second approval: says originally" "was 2024-06-30; originally 2023-12-31" "$OUT"
run "office rejects" 0 --user fa extension reject 3.3.1 --reason 理由不充分
t_eq "reject: one line" "3.3.1: extension to 2024-03-31 rejected; the due date stays 2023-12-31" "$OUT"
t_eq "reject: due date unchanged" "2023-12-31|" "$(sql "SELECT due_date, ifnull(original_due, '') FROM tasks WHERE code = '3.3.1'")"
run "decide again: nothing open" 1 --user fa extension approve 3.3.1
t_match "decide again: says so" "3\\.3\\.1 has no extension request open" "$ERR"
run "extension list csv" 0 extension list --format csv
t_match "list: the first, approved, with the local time" \
	"^3\\.2\\.3,$HOUSING,2023-12-31,2024-06-30,管网工程量大,approved,2023-12-31 23:59:00,zhang,fa,.*,同意延期" "$OUT"
t_match "list: the rejected one" "^3\\.3\\.1,.*,rejected,.*理由不充分" "$OUT"
run "extension list --state rejected" 0 extension list --state rejected --format csv
t_eq "list --state: one row" "1" "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')"
run "extension list text" 0 extension list --dept "$HOUSING"
t_match "list text: old -> new" "2023-12-31 -> 2024-06-30" "$OUT"
run "log: the extension rows" 0 log 3.2.3
t_match "log: requested" "zhang +3\\.2\\.3 +extension requested +2023-12-31 +2024-06-30 +管网工程量大" "$OUT"
t_match "log: approved" "fa +3\\.2\\.3 +extension approved +2023-12-31 +2024-06-30 +同意延期" "$OUT"
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN pc log 3.2.3 >"$T/out" 2>&1
t_match "log in Chinese: the extension rows read as such" "zhang +3\\.2\\.3 +延期申请 +2023-12-31 +2024-06-30" "$(cat "$T/out")"
t_match "log in Chinese: the approval" "fa +3\\.2\\.3 +延期批准 " "$(cat "$T/out")"

# ---- reminders and the to-do list ---------------------------------------------------------------
run "remind: no missing report yet" 1 --as-of 2024-03-01 --user fa remind "$HOUSING" --note 请按时报送
t_match "remind: not yet missing" "has no missing report for 2024-02: they are due 2024-03-05" "$ERR"
for n in 1 2 3; do
	run "remind $n" 0 --as-of 2024-03-10 --user fa remind "$HOUSING" --note "请尽快报送$n"
done
t_match "remind 3: escalated" "^$HOUSING: urgent supervision \\(no\\. 3\\) sent about its 8 missing reports of 2024-02" "$OUT"
t_eq "the stored levels" "1|2|3" "$(sql "SELECT group_concat(level, '|') FROM (SELECT level FROM reminders ORDER BY id)")"
run "remind about a task" 0 --as-of 2024-03-10 --user fa remind "$HOUSING" 3.2.4 --note 3.2.4请报送
t_match "remind about a task: level 1" "reminder \\(no\\. 1\\) sent about 3\\.2\\.4" "$OUT"
run "remind: a task led by another" 1 --as-of 2024-03-10 --user fa remind "$HOUSING" 2.1.1 --note x
t_match "remind: led by another" "2\\.1\\.1 is led by 省通信管理局, not by $HOUSING" "$ERR"
run "remind: the lead editor may not" 1 --as-of 2024-03-10 --user zhang remind "$HOUSING" --note x
run "remind: the office member of that department may not" 1 --as-of 2024-03-10 --user dual remind "$HOUSING" --note x
t_match "remind: dual refused" "nobody reviews their own department" "$ERR"
run "remind: unknown department" 1 --as-of 2024-03-10 --user fa remind 省无此厅 --note x
t_match "remind: names it" "no department \"省无此厅\"" "$ERR"

# A returned report (3.2.1), an accepted one on time (3.2.2) and a late one (3.3.2) of 2024-02.
sql "INSERT INTO reports (task_id, period, dept_id, due, state, rev, status, progress, first_local, on_time, updated_at, updated_by)
     SELECT id, '2024-02', lead_dept_id, '2024-03-05', 'returned', 1, 'in_progress', 30, '2024-03-04 10:00:00', 1, '2024-03-04T02:00:00Z', 'zhang' FROM tasks WHERE code = '3.2.1';
     INSERT INTO reports (task_id, period, dept_id, due, state, rev, status, progress, first_local, on_time, updated_at, updated_by)
     SELECT id, '2024-02', lead_dept_id, '2024-03-05', 'accepted', 1, 'in_progress', 40, '2024-03-05 23:00:00', 1, '2024-03-05T15:00:00Z', 'zhang' FROM tasks WHERE code = '3.2.2';
     INSERT INTO reports (task_id, period, dept_id, due, state, rev, status, progress, first_local, on_time, updated_at, updated_by)
     SELECT id, '2024-02', lead_dept_id, '2024-03-05', 'submitted', 1, 'in_progress', 10, '2024-03-06 09:00:00', 0, '2024-03-06T01:00:00Z', 'zhang' FROM tasks WHERE code = '3.3.2';
     INSERT INTO reviews (report_id, rev, decision, reason, at, who)
     SELECT r.id, 1, 'return', '数据不全，请补充投资完成额', '2024-03-06T02:00:00Z', 'fa' FROM reports r JOIN tasks t ON t.id = r.task_id WHERE t.code = '3.2.1';"

run "todo of the editor" 0 --as-of 2024-03-10 --user zhang todo
t_match "todo: returned, with the reason and who" "3\\.2\\.1 .* 2024-02: returned by fa at 2024-03-06T02:00:00Z: 数据不全，请补充投资完成额" "$OUT"
t_match "todo: missing, with days" "3\\.2\\.4 .* 2024-02, due 2024-03-05 \\(5 day\\(s\\) ago\\)" "$OUT"
t_nomatch "todo: a filed report is not missing" "^  3\\.2\\.2 " "$OUT"
t_match "todo: the reminders, unseen" "^  \\* urgent supervision all missing reports  2024-02: 请尽快报送3 \\(fa, " "$OUT"
t_match "todo: the extension decision" "3\\.2\\.3 .* 2024-06-30 -> 2024-09-30: approved by fa" "$OUT"
t_match "todo: the counts" "2024-02, reports due 2024-03-05: 1 returned, 5 missing, 0 to file; 4 reminder\\(s\\), 4 unseen" "$OUT"
t_eq "todo: the reminders are marked seen for zhang" "4" "$(sql "SELECT count(*) FROM reminder_seen WHERE user_name = 'zhang'")"
run "a new reminder" 0 --as-of 2024-03-10 --user fa remind "$HOUSING" 3.3.1 --note 新的催办
run "todo again" 0 --as-of 2024-03-10 --user zhang todo
first=$(printf '%s\n' "$OUT" | grep -n '新的催办' | cut -d: -f1)
seen=$(printf '%s\n' "$OUT" | grep -n '请尽快报送3' | cut -d: -f1)
t_ok "todo again: the unseen reminder comes first" test "${first:-99}" -lt "${seen:-0}"
t_match "todo again: it is marked unseen" "^  \\* reminder 3\\.3\\.1" "$OUT"
t_match "todo again: the others are seen" "^    urgent supervision all missing reports" "$OUT"
run "todo of the viewer" 0 --as-of 2024-03-10 --user wang todo --format csv
t_match "todo csv: a reminder row with its level" "^reminder,$HOUSING,,,2024-02,,0,fa,.*,请尽快报送3,3,0," "$OUT"
t_eq "todo: a viewer marks nothing seen" "0" "$(sql "SELECT count(*) FROM reminder_seen WHERE user_name = 'wang'")"
run "todo: due soon" 0 --as-of 2024-09-10 --user zhang todo --format csv
t_match "todo: 3.2.3 due soon" "^due_soon,$HOUSING,3\\.2\\.3,.*,2024-09-30,20," "$OUT"
run "todo: to file before the due day" 0 --as-of 2024-04-02 --user zhang todo --format csv
t_match "todo: 2024-03 to file" "^to_file,$HOUSING,3\\.2\\.4,.*,2024-03,2024-04-05,3," "$OUT"
run "todo of the office" 0 --as-of 2024-03-10 --user fa todo
t_match "todo of the office: the counts" "Office: 1 report\\(s\\) waiting for review, 0 extension request\\(s\\) open" "$OUT"
run "todo: an administrator without departments" 2 --as-of 2024-03-10 todo
t_match "todo: give --dept" "belongs to no department: give --dept" "$ERR"
run "todo --dept unknown" 1 --as-of 2024-03-10 todo --dept 省无此厅
t_match "todo --dept unknown: names it" "省无此厅" "$ERR"
run "todo --period in the future" 2 --as-of 2024-03-10 --user zhang todo --period 2024-05
t_match "todo --period in the future: says so" "2024-05 has not begun" "$ERR"
run "todo --period before the first" 2 --as-of 2024-03-10 --user zhang todo --period 2023-12
run "todo --period of the wrong kind" 2 --as-of 2024-03-10 --user zhang todo --period 2024-Q1

# ---- periods ---------------------------------------------------------------------------------------
run "periods" 0 --as-of 2024-03-10 periods --dept "$HOUSING" --format csv
t_eq "periods: from the first to the current one" "period,due,on_time,late,missing,to_file,returned,accepted
2024-01,2024-02-05,0,0,8,0,0,0
2024-02,2024-03-05,2,1,5,0,1,1
2024-03,2024-04-05,0,0,0,8,0,0" "$(printf '%s\n' "$OUT" | tr -d '\r')"

# ---- bad input --------------------------------------------------------------------------------------
run "a date that does not exist" 2 --user zhang extension request 3.2.4 --to 2024-02-30 --reason x
t_match "a date that does not exist: says so" "\"2024-02-30\" is not a date that exists" "$ERR"
run "a reason with a control character" 2 --user zhang extension request 3.2.4 --to 2030-03-31 --reason "$(printf 'a\033[31mb')"
t_match "control character: says which" "reason: character 2 is a control character \\(U\\+001B\\)" "$ERR"
run "a note with a control character" 2 --as-of 2024-03-10 --user fa remind "$HOUSING" --note "$(printf 'a\001b')"
run "unknown task" 1 --user zhang extension request 9.9.9 --to 2030-03-31 --reason x
t_match "unknown task: names it" "no task \"9\\.9\\.9\"" "$ERR"
run "extension without a subcommand" 2 extension
run "extension list: bad state" 2 extension list --state open
t_eq "nothing was stored by bad input" "3" "$(sql "SELECT count(*) FROM extensions")"

t_end
