#!/bin/sh
# The supervision cycle's report, review and verified closing, end to end
# (plancon(1), SUPERVISION): a lead department's editor submits the
# period's report (on time up to 23:59:59 local on the due day, late from
# midnight, the due day clamped to the month), saves a draft first, a
# cooperating department adds its input, the office accepts or returns
# it, a report of done waits for the office to verify it before any figure
# counts the task done, and the office reopens one with a reason. Each
# refusal per role, bad input (invalid UTF-8, a future period, a period
# before the first) with nothing stored, and every command refused while
# the cycle is off. Times are pinned with faketime in Asia/Shanghai.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

if ! command -v faketime >/dev/null 2>&1; then
	t_fail "faketime is needed by this suite"
	t_end
	exit 1
fi

ME=$(id -un)
HOUSING=省住房城乡建设厅
ECO=省生态环境厅
OFFICE=省城镇化工作领导小组办公室
export TZ=Asia/Shanghai
t_newdb

cat >"$T/on.ini" <<EOF
[core]
time_zone = Asia/Shanghai
[cycle]
enabled = yes
period = month
due_day = 5
office = $OFFICE
EOF
printf '[cycle]\nenabled = no\n' >"$T/off.ini"
CFG=$T/on.ini
DB=$T/plan.db
# faketime preloads its library: the sanitizer build (make check's second
# pass) must let it come before its own runtime.
ft() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" faketime "$@"; }

# run NAME STATUS [TIME] -- ARGS...: plancon ARGS (at local TIME under
# faketime when given) on $DB with $CFG; stdout and stderr in $OUT, $ERR.
run() {
	name=$1 want=$2 at=
	shift 2
	if [ "$1" != "--" ]; then at=$1; shift; fi
	shift
	if [ -n "$at" ]; then
		ft "$at" "$PLANCON" --db "$DB" --config "$CFG" "$@" >"$T/out" 2>"$T/err"
	else
		"$PLANCON" --db "$DB" --config "$CFG" "$@" >"$T/out" 2>"$T/err"
	fi
	got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	t_eq "$name: exit status" "$want" "$got"
}

run "init" 0 -- init --admin "$ME"
run "zhang: housing editor" 0 -- user add zhang --role editor --dept "$HOUSING"
run "li: ecology editor" 0 -- user add li --role editor --dept "$ECO"
run "wang: viewer" 0 -- user add wang --role viewer
run "ban: office editor" 0 -- user add ban --role editor --dept "$OFFICE"
run "zhao: office and housing" 0 -- user add zhao --role editor --dept "$OFFICE" --dept "$HOUSING"
run "qian: another department" 0 -- user add qian --role editor --dept 省教育厅

# ---- the cycle off: every command refused ------------------------------------------
CFG=$T/off.ini
for cmd in "submit 3.2.3" "input 3.2.3 x" "review" "review accept 3.2.3" "review return 3.2.3 --reason x" \
           "verify 3.2.3" "reopen 3.2.3 --reason x"; do
	# shellcheck disable=SC2086
	run "cycle off: $cmd" 1 -- --user ban $cmd
	t_match "cycle off: $cmd: says so" "the supervision cycle is off" "$ERR"
done
run "cycle off: set done allowed" 0 -- --user zhang set 3.2.4 --status done
run "cycle off: back" 0 -- --user zhang set 3.2.4 --status in_progress --progress 50
CFG=$T/on.ini

# ---- submit: on time up to 23:59:59 local on the due day ---------------------------------
run "submit at 23:59 on the due day" 0 "2024-04-05 23:59:00" -- --user zhang submit 3.2.3 --status in_progress \
	--progress 40 --done "管网改造已开工" --problems "资金缺口" --next "下月完工"
t_eq "submit: one line" "3.2.3: 2024-03 report submitted (submission 1, on time)" "$OUT"
run "submit at midnight after" 0 "2024-04-06 00:00:00" -- --user zhang submit 3.2.2 --progress 10
t_eq "submit: late" "3.2.2: 2024-03 report submitted (submission 1, late)" "$OUT"
run "submit: Chinese" 0 "2024-04-03 09:00:00" -- --user zhang submit 3.3.1 --progress 5
OUT=$(LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 ft "2024-04-03 09:00:00" "$PLANCON" --db "$DB" \
	--config "$CFG" --user zhang submit 3.3.2 --progress 5 2>&1)
t_eq "submit: the line in Chinese" "3.3.2: 2024-03 报送已提交（第 1 次，按时）" "$OUT"
run "task follows the report" 0 -- show 3.2.3
t_match "task: in progress 40" "Status: +in progress, 40%" "$OUT"
t_match "show: the report" "2024-03 +submitted \\(submission 1, on time\\), due 2024-04-05: in progress, 40 %" "$OUT"
t_match "show: the texts" "管网改造已开工" "$OUT"
t_match "show: the submission's local time" "submission 1 +2024-04-05 23:59:00" "$OUT"

# ---- refusals of submit ----------------------------------------------------------------
run "submit: cooperating dept refused" 1 "2024-04-05 10:00:00" -- --user li submit 3.2.3
t_match "submit: coop told to use input" "plancon input" "$ERR"
run "submit: viewer refused" 1 "2024-04-05 10:00:00" -- --user wang submit 3.2.3
t_match "submit: viewer message" "viewer" "$ERR"
run "submit: other dept refused" 1 "2024-04-05 10:00:00" -- --user qian submit 3.2.3
run "submit again while waiting" 1 "2024-04-05 10:00:00" -- --user zhang submit 3.2.3 --progress 45
t_match "submit: waiting for review" "waiting for the office's review" "$ERR"
run "submit: future period" 2 "2024-04-05 10:00:00" -- --user zhang submit 3.2.1 --period 2024-05
t_match "submit: future named" "2024-05 has not begun" "$ERR"
run "submit: current period allowed" 0 "2024-04-05 10:00:00" -- --user zhang submit 3.2.1 --period 2024-04 --draft
run "submit: quarter in a monthly cycle" 2 "2024-04-05 10:00:00" -- --user zhang submit 3.2.1 --period 2024-Q1
run "submit: bad period" 2 -- --user zhang submit 3.2.1 --period 2024-13
run "submit: unknown task" 1 "2024-04-05 10:00:00" -- --user zhang submit 9.9.9
run "submit: cancelled status" 2 -- --user zhang submit 3.2.1 --status cancelled
run "submit: done below 100" 2 "2024-04-05 10:00:00" -- --user zhang submit 3.2.1 --status done --progress 90
BAD=$(printf 'bad\377text')
run "submit: invalid UTF-8" 2 "2024-04-05 10:00:00" -- --user zhang submit 3.4.1 --done "$BAD"
t_match "submit: UTF-8 named" "not valid UTF-8" "$ERR"
run "invalid UTF-8: nothing stored" 0 -- log 3.4.1 --format csv
t_nomatch "invalid UTF-8: no report row" "report 2024" "$OUT"
LONG=$(python3 -c 'print("长" * 4001)')
run "submit: too long" 2 "2024-04-05 10:00:00" -- --user zhang submit 3.4.1 --next "$LONG"
run "submit: two from stdin" 2 -- --user zhang submit 3.4.1 --done - --next -

# ---- draft, then submit; a text from standard input ----------------------------------------
run "draft" 0 "2024-04-02 09:00:00" -- --user zhang submit 3.4.1 --draft --done "草稿内容"
t_eq "draft: line" "3.4.1: 2024-03 report saved as a draft (version 1)" "$OUT"
run "draft: saved again" 0 "2024-04-02 09:00:00" -- --user zhang submit 3.4.1 --draft --progress 20 --version 1
t_eq "draft: version 2" "3.4.1: 2024-03 report saved as a draft (version 2)" "$OUT"
run "draft: stale version" 1 "2024-04-02 09:00:00" -- --user zhang submit 3.4.1 --draft --progress 25 --version 1
t_match "draft: stale named" "version 2, you had version 1" "$ERR"
run "draft: show" 0 -- show 3.4.1
t_match "draft: state shown" "2024-03 +draft \\(submission 0\\)" "$OUT"
printf '第一行\n第二行\n' >"$T/done.txt"
ft "2024-04-04 09:00:00" "$PLANCON" --db "$DB" --config "$CFG" --user zhang submit 3.4.1 --done - \
	<"$T/done.txt" >"$T/out" 2>&1
t_eq "draft then submit" "3.4.1: 2024-03 report submitted (submission 1, on time)" "$(cat "$T/out")"
run "submit: kept the draft's progress" 0 -- show 3.4.1
t_match "submit: progress 20" "submitted \\(submission 1, on time\\), due 2024-04-05: not started, 20 %" "$OUT"
t_match "submit: stdin text, both lines" "第二行" "$OUT"

# ---- input by a cooperating department ------------------------------------------------------
run "input: cooperating" 0 "2024-04-05 11:00:00" -- --user li input 3.2.3 "环评已完成"
t_eq "input: line" "3.2.3: input added to the 2024-03 report (submitted)" "$OUT"
run "input: lead refused" 1 "2024-04-05 11:00:00" -- --user zhang input 3.2.3 "自己"
t_match "input: lead told to submit" "plancon submit" "$ERR"
run "input: other dept refused" 1 "2024-04-05 11:00:00" -- --user qian input 3.2.3 "无关"
run "input: empty" 2 "2024-04-05 11:00:00" -- --user li input 3.2.3 " "
run "input: makes a draft" 0 "2024-04-05 11:00:00" -- --user li input 3.2.3 --period 2024-04 "四月意见"
t_eq "input: draft made" "3.2.3: input added to the 2024-04 report (draft)" "$OUT"
run "input: shown" 0 -- show 3.2.3
t_match "input: in show" "li \\($ECO\\): input" "$OUT"

# ---- review ------------------------------------------------------------------------------------
run "queue" 0 -- review --format csv
t_match "queue: oldest first" "^3.3.1,.*,$HOUSING,2024-03,1,2024-04-03 09:00:00,1,0" "$(echo "$OUT" | sed -n 2p)"
t_match "queue: on time" "^3.2.3,.*,$HOUSING,2024-03,1,2024-04-05 23:59:00,1,0" "$OUT"
t_match "queue: late one" "^3.2.2,.*,2024-03,1,2024-04-06 00:00:00,0,0" "$OUT"
run "queue: by department" 0 -- review list --dept "$ECO" --format csv
t_eq "queue: none for ecology" "1" "$(printf '%s\n' "$OUT" | grep -c .)"
run "queue: unknown department" 1 -- review --dept 省无此厅
# A period is read by the store, one check for every command.
run "queue: bad period" 2 -- review --period 2024-13
t_match "queue: bad period named" '"2024-13" is not a period' "$ERR"
run "review: bad period" 2 -- --user ban review accept 3.2.3 --period 2024-Q5
t_match "review: bad period named" '"2024-Q5" is not a period' "$ERR"
run "submit: bad period named" 2 -- --user zhang submit 3.2.1 --period 2024-13
t_match "submit: bad period message" '"2024-13" is not a period' "$ERR"
run "review: viewer refused" 1 -- --user wang review accept 3.2.3
run "review: non-office refused" 1 -- --user qian review accept 3.2.3
t_match "review: only the office" "only the office \\($OFFICE\\)" "$ERR"
run "review: own department refused" 1 -- --user zhao review accept 3.2.3
t_match "review: not one's own" "nobody reviews their own" "$ERR"
run "review: lead refused" 1 -- --user zhang review accept 3.2.3
run "review: accept" 0 -- --user ban review accept 3.2.3 --note 很好
t_eq "review: accepted line" "3.2.3: 2024-03 report accepted" "$OUT"
run "review: twice" 1 -- --user ban review accept 3.2.3 --period 2024-03
t_match "review: already" "already accepted" "$ERR"
run "accepted: no resubmission" 1 "2024-04-05 12:00:00" -- --user zhang submit 3.2.3 --period 2024-03
t_match "accepted: correction next period" "accepted: a correction goes into the next period's report" "$ERR"
run "return needs a reason" 2 -- --user ban review return 3.2.2
run "return" 0 -- --user ban review return 3.2.2 --reason "进展描述不具体"
t_eq "return: line" "3.2.2: 2024-03 report returned to its lead department" "$OUT"
run "return: draft keeps returned" 0 "2024-04-07 09:00:00" -- --user zhang submit 3.2.2 --draft --done "补充"
run "resubmit" 0 "2024-04-07 10:00:00" -- --user zhang submit 3.2.2 --done "补充说明：已完成立项"
t_eq "resubmit: still late" "3.2.2: 2024-03 report submitted (submission 2, late)" "$OUT"
run "accept the resubmission" 0 -- --user ban review accept 3.2.2
run "history in log" 0 -- log 3.2.2 --format csv
t_match "log: returned" ",report,3.2.2,report 2024-03,submitted,returned,进展描述不具体" "$OUT"
t_match "log: resubmitted" ",report,3.2.2,report 2024-03,returned,submitted," "$OUT"
t_match "log: accepted" ",report,3.2.2,report 2024-03,submitted,accepted," "$OUT"
run "history readable" 0 -- log 3.2.2
t_match "log text: field label" "report 2024-03 +returned +submitted" "$OUT"
OUT=$(LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$PLANCON" --db "$DB" --config "$CFG" log 3.2.2 2>&1)
t_match "log in Chinese: states" "已退回 +已报送" "$OUT"
run "history in show" 0 -- show 3.2.2
t_match "show: submission 2" "accepted \\(submission 2, late\\)" "$OUT"
t_match "show: returned with reason" "returned submission 1" "$OUT"
t_match "show: the reason" "进展描述不具体" "$OUT"

run "show json" 0 -- show 3.2.2 --format json
t_eq "show json: parses" "accepted 2 return 进展描述不具体" "$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
r = d["reports"][0]
print(r["state"], r["rev"], r["reviews"][0]["decision"], r["reviews"][0]["reason"])')"
run "show json: bad format" 2 -- show 3.2.2 --format csv

# ---- done: awaiting, verified, counted ----------------------------------------------------------
DONE_BEFORE=$(pc summary | sed -n 's/^  done  *\([0-9]*\)$/\1/p')
run "report done" 0 "2024-05-03 10:00:00" -- --user zhang submit 3.2.3 --status done --done "全部完工"
t_eq "report done: awaiting" "3.2.3: 2024-04 report submitted (submission 1, on time); reported done, awaiting the office's verification" "$OUT"
run "awaiting: show" 0 -- show 3.2.3
t_match "awaiting: status in progress 100" "Status: +in progress, 100%" "$OUT"
t_match "awaiting: said" "awaiting the office's verification" "$OUT"
t_eq "awaiting: not counted done" "$DONE_BEFORE" "$(pc summary | sed -n 's/^  done  *\([0-9]*\)$/\1/p')"
run "awaiting: no further report" 1 "2024-05-03 11:00:00" -- --user zhang submit 3.2.3 --period 2024-05
run "verify before accept refused" 1 -- --user ban verify 3.2.3
t_match "verify: accept first" "not accepted yet" "$ERR"
run "return the done report" 0 -- --user ban review return 3.2.3 --reason "缺验收材料"
run "return: awaiting cleared" 0 -- show 3.2.3
t_nomatch "return: no longer awaiting" "awaiting the office's verification" "$OUT"
run "verify: not awaiting refused" 1 -- --user ban verify 3.2.3
run "report done again" 0 "2024-05-04 10:00:00" -- --user zhang submit 3.2.3 --status done --done "附验收材料"
run "accept done" 0 -- --user ban review accept 3.2.3
t_match "accept done: says verify next" "awaits verification" "$OUT"
run "verify: non-office refused" 1 -- --user qian verify 3.2.3
run "verify: lead refused" 1 -- --user zhang verify 3.2.3
run "verify: own dept refused" 1 -- --user zhao verify 3.2.3
run "verify" 0 -- --user ban verify 3.2.3 --note 验收通过
t_match "verify: line" "^3.2.3: verified done" "$OUT"
t_eq "verified: counted done" "$((DONE_BEFORE + 1))" "$(pc summary | sed -n 's/^  done  *\([0-9]*\)$/\1/p')"
run "verified: in the report" 0 -- report --by status --format csv
t_match "verified: report counts it" "done" "$OUT"
run "verified: no more reports" 1 "2024-05-04 12:00:00" -- --user zhang submit 3.2.3 --period 2024-05
t_match "verified: says done" "done and verified" "$ERR"
run "verify twice" 1 -- --user ban verify 3.2.3
run "log: closing" 0 -- log 3.2.3
t_match "log: verified" "closing +- +verified done +验收通过" "$OUT"
t_match "log: reported done" "closing +- +reported done" "$OUT"

# ---- reopen --------------------------------------------------------------------------------
run "reopen needs a reason" 2 -- --user ban reopen 3.2.3
run "reopen: blank reason" 2 -- --user ban reopen 3.2.3 --reason " "
run "reopen: non-office refused" 1 -- --user qian reopen 3.2.3 --reason "重新核查"
run "reopen" 0 -- --user ban reopen 3.2.3 --reason "复核发现问题"
t_match "reopen: line" "^3.2.3: reopened, in progress" "$OUT"
run "reopen: again refused" 1 -- --user ban reopen 3.2.3 --reason "再次"
t_match "reopen: nothing to reopen" "nothing to reopen" "$ERR"

# ---- an extended task: its due date and the original ------------------------------------
if sqlite3 "$DB" "UPDATE tasks SET original_due = due_date, due_date = '2025-06-30', version = version + 1 WHERE code = '3.3.2'"; then
	run "extended: show" 0 -- show 3.3.2
	t_match "extended: due and original" "Due 2025-06-30 \\(originally 2023-12-31\\)" "$OUT"
fi

# ---- set --status done with the cycle on ------------------------------------------------------
run "set done refused" 1 -- --user zhang set 3.2.1 --status done
t_match "set done: use submit" "report it done with plancon submit; the office verifies it" "$ERR"
run "set progress still allowed" 0 -- --user zhang set 3.2.1 --progress 30
run "set done: administrator may" 0 -- set 3.2.4 --status done

# ---- the first period -------------------------------------------------------------------------
printf '[cycle]\nsince = 2024-03\n' >"$T/since.ini"
cat "$T/on.ini" "$T/since.ini" >"$T/on-since.ini"
CFG=$T/on-since.ini
run "before the first period" 2 "2024-04-05 10:00:00" -- --user zhang submit 4.2.3 --period 2024-02
t_match "first period named" "before the cycle's first period, 2024-03" "$ERR"

# ---- months of different lengths: due day 31 ----------------------------------------------------
DB=$T/d31.db
t_newdb "$DB"
sed 's/^due_day = 5/due_day = 31/' "$T/on.ini" >"$T/d31.ini"
CFG=$T/d31.ini
run "d31: init" 0 -- init --admin "$ME"
run "d31: zhang" 0 -- user add zhang --role editor --dept "$HOUSING"
run "d31: due in February, last day" 0 "2024-02-29 23:59:30" -- --user zhang submit 3.2.3 --period 2024-01
t_match "d31: on time on the 29th" "on time" "$OUT"
run "d31: show due" 0 -- show 3.2.3
t_match "d31: due clamped" "2024-01 +submitted .*due 2024-02-29" "$OUT"
run "d31: March due the 31st" 0 "2024-04-01 00:00:00" -- --user zhang submit 3.2.2 --period 2024-02
t_match "d31: late on April 1" "late" "$OUT"
run "d31: show March due" 0 -- show 3.2.2
t_match "d31: due 2024-03-31" "due 2024-03-31" "$OUT"

t_end
