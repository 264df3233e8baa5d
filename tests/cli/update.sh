#!/bin/sh
# Status updates from the command line, end to end: the first administrator,
# users and roles, an editor of 省住房城乡建设厅 reporting 3.2.3 in progress at
# 40 % with a Chinese note and being refused on 2.1.1, the change in
# `plancon log`, stale versions, the status rules, milestones, notes from a
# cooperating department, assignments, actual values, departments, and the
# exit statuses (0 done, 1 refused or conflicting, 2 bad arguments).
#
# The suite runs as whatever login runs it (root in CI): that login becomes
# the administrator, and acts as the staff with --user.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

ME=$(id -un)
HOUSING=省住房城乡建设厅
NOTE="管网改造已开工，完成投资四成"
t_newdb

# run NAME STATUS ARGS...: plancon ARGS exits with STATUS; its stdout and
# stderr are left in $OUT and $ERR.
run() {
	name=$1 want=$2
	shift 2
	pc "$@" >"$T/out" 2>"$T/err"
	got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	t_eq "$name: exit status" "$want" "$got"
}

# ---- before there is any user ------------------------------------------------------
printf '[auth]\ncontact = "规划办 room 312"\n' >"$T/contact.ini"
run "unknown login: read" 0 tasks --format csv
run "unknown login: write refused" 1 --config "$T/contact.ini" set 3.2.3 --status in_progress
t_match "unknown login: says who to ask" "$ME is not a plancon user: read-only access. Ask 规划办 room 312 to be added" "$ERR"
run "unknown login: --user refused" 1 --user zhang tasks
t_match "unknown login: --user message" "--user is honoured only for an administrator" "$ERR"

# ---- the first administrator ---------------------------------------------------------
run "init" 0 init --admin "$ME"
t_eq "init: message" "$ME is the administrator of $T/plan.db" "$OUT"
run "init again" 1 init --admin mallory
t_match "init again: names the admin" "already has an administrator \\($ME\\)" "$ERR"
run "init without --admin" 2 init

run "user add editor" 0 user add zhang --role editor --dept "$HOUSING"
t_eq "user add: message" "user zhang added: editor" "$OUT"
run "user add coop editor" 0 user add li --role editor --dept 省生态环境厅
run "user add viewer" 0 user add wang --role viewer
run "user add: bad role" 2 user add x --role boss
run "user add: no role" 2 user add x
run "user add: bad name" 2 user add "a b" --role viewer
t_match "user add: bad name message" "not a valid user name" "$ERR"
run "user add: editor needs dept" 2 user add x --role editor
run "user add: unknown dept" 1 user add x --role editor --dept 省无此厅
t_match "user add: unknown dept named" "省无此厅" "$ERR"
run "user list" 0 user list --format csv
t_match "user list: editor with department" "^zhang,editor,1,$HOUSING," "$OUT"
t_match "user list: admin" "^$ME,admin,1,," "$OUT"

# ---- the editor reports ----------------------------------------------------------------
run "editor sets own task" 0 --user zhang set 3.2.3 --status in_progress --progress 40 --note "$NOTE"
t_eq "editor sets own task: message" "3.2.3: in progress, 40 % (version 2)" "$OUT"
run "editor refused on 2.1.1" 1 --user zhang set 2.1.1 --status in_progress --progress 10
t_match "editor refused: says why" "2.1.1 is led by 省通信管理局, not by $HOUSING" "$ERR"
run "editor refused on 2.1.1: unchanged" 0 show 2.1.1
t_match "editor refused on 2.1.1: still not started" "^Status: +not started, 0%" "$OUT"
run "editor refused: note on 2.1.1" 1 --user zhang note 2.1.1 试图备注

run "show 3.2.3" 0 show 3.2.3
t_match "show: status" "^Status: +in progress, 40%" "$OUT"
t_match "show: who" "^Updated: +.* by zhang" "$OUT"
t_match "show: history names both, with the note" "$ME for zhang  status: not started -> in progress" "$OUT"
t_match "show: the note" "^ +$NOTE\$" "$OUT"

run "admin reads the log" 0 log
t_match "log: status row, by the admin for zhang" "  $ME for zhang +3\\.2\\.3 +status +not started +in progress +$NOTE" "$OUT"
t_match "log: progress row" "  $ME for zhang +3\\.2\\.3 +progress +0 +40" "$OUT"
run "log csv" 0 log 3.2.3 --format csv
t_eq "log csv: rows (without id and time), the actor last" "who,kind,item,field,old,new,note,version,actor
zhang,task,3.2.3,status,not_started,in_progress,$NOTE,2,$ME
zhang,task,3.2.3,progress,0,40,,2,$ME" "$(printf '%s\n' "$OUT" | tr -d '\r' | cut -d, -f3-)"
run "log json" 0 log --dept "$HOUSING" --format json
t_eq "log json: valid, with the note" "$NOTE" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([r["note"] for r in json.load(sys.stdin) if r["field"] == "status"][0])')"
run "log --since future" 0 log --since 2999-01-01
t_eq "log --since future: empty" "(no changes)" "$OUT"
run "log: bad date" 2 log --since 2024-13-01
run "log: unknown task" 1 log 9.9.9

# ---- no lost updates ------------------------------------------------------------------------
run "stale version (set)" 1 set 3.2.3 --progress 50 --version 1
t_match "stale version: changed by whom, when" "3\\.2\\.3 was changed by zhang at [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z \\(now version 2, you had version 1\\)" "$ERR"
run "current version" 0 set 3.2.3 --progress 50 --version 2
t_eq "current version: message" "3.2.3: in progress, 50 % (version 3)" "$OUT"
run "same values" 0 set 3.2.3 --progress 50
t_eq "same values: nothing changed" "3.2.3: nothing changed: in progress, 50 % (version 3)" "$OUT"
run "own change: log" 0 log 3.2.3 --format json
t_eq "own change: no actor beside who" "$ME None" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; r = json.load(sys.stdin)[-1]; print(r["who"], r["actor"])')"
run "own change: log text" 0 log 3.2.3
t_match "own change: log names the login alone" "Z  $ME +3\\.2\\.3 +progress +40 +50" "$OUT"

# ---- the status rules and bad arguments -----------------------------------------------------
run "progress out of range" 2 set 3.2.3 --progress 101
t_match "progress out of range: message" "--progress: expected a whole number from 0 to 100" "$ERR"
# The one form of a progress: plain digits, 0 to 100, a "%" after them allowed.
run "progress with a percent sign" 0 set 3.2.5 --progress 55%
t_eq "progress with a percent sign: message" "3.2.5: not started, 55 % (version 2)" "$OUT"
run "progress 100" 0 set 3.2.5 --progress 100
t_eq "progress 100: message" "3.2.5: not started, 100 % (version 3)" "$OUT"
run "progress 0" 0 set 3.2.5 --progress 0
t_eq "progress 0: message" "3.2.5: not started, 0 % (version 4)" "$OUT"
run "unknown status" 2 set 3.2.3 --status finished
run "nothing to change" 2 set 3.2.3
run "no code" 2 set --status done
run "done with 60 %" 2 set 3.2.3 --status done --progress 60
t_match "done with 60 %: message" "done means 100" "$ERR"
run "cancel without a note" 2 --user zhang set 3.2.4 --status cancelled
t_match "cancel without a note: message" "cancelling a task needs a note" "$ERR"
run "cancel with a note" 0 --user zhang set 3.2.4 --status 已取消 --note 并入3.2.3
t_eq "cancel with a note: message" "3.2.4: cancelled, 0 % (version 2)" "$OUT"
run "done means 100" 0 --user zhang set 3.2.1 --status done
run "done means 100: shown" 0 show 3.2.1
t_match "done means 100: progress" "^Status: +done, 100%" "$OUT"
run "note: bad UTF-8" 2 --user zhang note 3.2.3 "$(printf 'bad \377')"
t_match "note: bad UTF-8 message" "not valid UTF-8" "$ERR"
run "note: control character" 2 --user zhang note 3.2.3 "$(printf 'bell \007')"
run "unknown task" 1 --user zhang set 9.9.9 --progress 5
t_match "unknown task: named" "no task \"9\\.9\\.9\"" "$ERR"
run "unknown option" 2 set 3.2.3 --colour red

# ---- a cooperating department, a viewer ------------------------------------------------------
run "coop editor notes" 0 --user li note 3.2.3 生态环境厅已配合完成水质监测
t_eq "coop editor notes: message" "3.2.3: note added (version 4)" "$OUT"
run "coop editor may not set" 1 --user li set 3.2.3 --progress 60
t_match "coop editor may not set: says why" "only cooperates on this task" "$ERR"
run "viewer may not note" 1 --user wang note 3.2.3 看看
t_match "viewer may not note: says why" "wang is a viewer" "$ERR"
run "viewer reads" 0 --user wang show 3.2.3

# ---- milestones ------------------------------------------------------------------------------------
run "milestone done" 0 milestone 2.1.2 2023 --status done --note 已验收
t_eq "milestone done: message" "2.1.2 2023: done" "$OUT"
run "milestone in the log" 0 log 2.1.2 --format csv
t_match "milestone in the log: row" ",$ME,milestone,2\\.1\\.2,milestone 2023,pending,done,已验收," "$OUT"
run "milestone: none that year" 1 milestone 2.1.2 2022 --status done
t_match "milestone: none that year says which" "it has: 2023" "$ERR"
run "milestone: bad quarter" 2 milestone 2.1.2 2023-Q5 --status done
run "milestone: no status" 2 milestone 2.1.2 2023
run "milestone: editor of another department" 1 --user zhang milestone 2.1.2 2023 --status missed

# ---- assignments, actuals, departments -----------------------------------------------------------
run "assign" 0 assign 2.1.1 --lead "$HOUSING" --coop 省财政厅、省民政厅 --confirm
t_eq "assign: message" "2.1.1: assignment saved (version 2)" "$OUT"
run "assign: shown" 0 show 2.1.1
t_match "assign: lead confirmed" "^Lead: +$HOUSING \\(山东省住房和城乡建设厅\\)\$" "$OUT"
t_match "assign: cooperating" "^Cooperating: +省民政厅、省财政厅|^Cooperating: +省财政厅、省民政厅" "$OUT"
run "assign: now the editor may" 0 --user zhang set 2.1.1 --status in_progress --progress 10
run "assign: editor may not assign" 1 --user zhang assign 3.2.3 --confirm
run "assign: nothing to change" 2 assign 3.2.3
run "actual" 0 actual 常住人口城镇化率 2022 64.5
t_eq "actual: message" "常住人口城镇化率 2022: 64.5 recorded" "$OUT"
run "actual: shown" 0 indicators --format csv
t_match "actual: in the indicators" "2022: 64\\.5" "$OUT"
run "actual: editor refused" 1 --user zhang actual 常住人口城镇化率 2022 70
run "actual: bad value" 2 actual 常住人口城镇化率 2022 lots
run "actual: unknown indicator" 1 actual 无此指标 2022 1
# A part of the name is answered with the full name; the unit, when typed,
# must be the indicator's; a whole number shows without ".0" everywhere.
run "actual: part of the name" 0 actual 城镇化率 2023 65.5%
t_eq "actual: part of the name: the full name" "常住人口城镇化率 2023: 65.5 recorded" "$OUT"
run "actual: a whole number" 0 actual 智慧社区 2023 3200
t_eq "actual: a whole number: message" "智慧社区（村居）数量 2023: 3200 recorded" "$OUT"
run "actual: again" 0 actual 智慧社区 2023 3200个
t_eq "actual: again: nothing changed" "智慧社区（村居）数量 2023: already 3200; nothing changed" "$OUT"
run "actual: in the log" 0 log
t_match "actual: in the log, as typed" "智慧社区（村居）数量 +actual value 2023 +- +3200 *\$" "$OUT"
t_match "actual: in the log, 65.5" "常住人口城镇化率 +actual value 2023 +- +65\.5 *\$" "$OUT"
run "actual: in the log, CSV" 0 log --format csv
t_match "actual: in the log, CSV, as typed" ",indicator,智慧社区（村居）数量,actual 2023,,3200,," "$OUT"
run "actual: three decimals" 0 actual 城乡居民收入比 2022 2.125
t_eq "actual: three decimals: message" "城乡居民收入比 2022: 2.125 recorded" "$OUT"
run "actual: in the indicators" 0 indicators --format csv
t_match "actual: in the indicators, as typed" "2023: 3200" "$OUT"
t_match "actual: in the indicators, three decimals" "2022: 2\\.125" "$OUT"
run "actual: changed" 0 actual 智慧社区 2023 3450.0
run "actual: changed, in the log" 0 log --format csv
t_match "actual: changed, in the log, as shown" ",indicator,智慧社区（村居）数量,actual 2023,3200,3450,," "$OUT"
run "actual: % for an indicator without a unit" 2 actual 城乡居民收入比 2023 2.1%
t_eq "actual: % for an indicator without a unit: why" "plancon: 城乡居民收入比 has no unit: give the value without \"%\"" "$ERR"
run "actual: another unit" 2 actual 常住人口城镇化率 2023 66个
t_eq "actual: another unit: why" "plancon: the unit of 常住人口城镇化率 is \"%\", not \"个\"" "$ERR"
run "actual: refused values not recorded" 0 indicators --format csv
t_match "actual: refused values not recorded" "^城乡居民收入比,,,2025: ~2\.2,2022: 2\.125$" "$(printf '%s\n' "$OUT" | tr -d '\r')"
run "dept add" 0 dept add 省数字办 山东省数字化改革办公室
run "dept rename" 0 dept rename 省数字办 省数改办
t_eq "dept rename: message" "department 省数字办 is now 省数改办" "$OUT"
run "dept add: taken" 1 dept add "$HOUSING" 重复
run "dept: listed" 0 depts --format csv
t_match "dept: listed row" "^省数改办,山东省数字化改革办公室," "$OUT"

# ---- users leave; access by policy ---------------------------------------------------------------
run "user del" 0 user del zhang
run "deleted user refused" 1 --user zhang note 3.2.3 还在吗
t_match "deleted user refused: says so" "zhang is no longer a plancon user" "$ERR"
run "user del: unknown" 1 user del nobody
run "user del: the only admin" 1 user del "$ME"
t_match "user del: the only admin says why" "only administrator" "$ERR"
printf '[auth]\nunknown_user = none\ncontact = "规划办"\n' >"$T/none.ini"
run "unknown user, no access" 1 --config "$T/none.ini" --user stranger tasks
t_match "unknown user, no access: message" "stranger is not a plancon user: no access. Ask 规划办 to be added" "$ERR"
run "known user unaffected by the policy" 0 --config "$T/none.ini" --user wang tasks
run "log of users" 0 log --format csv
t_match "log of users: deletion" ",$ME,user,zhang,active,yes,no,," "$OUT"
t_match "log of users: department" ",$ME,user,zhang,department,,$HOUSING,," "$OUT"
run "--user bad name" 2 --user "a;b" tasks

# A login that is not an admin may not use --user.
run "second admin" 0 user add boss2 --role admin
run "demote the login" 0 --user boss2 user add "$ME" --role editor --dept "$HOUSING"
run "demotion in the log" 0 log --format csv
t_match "demotion in the log: for boss2, by the login" ",boss2,user,$ME,role,admin,editor,,,$ME\$" "$(printf '%s\n' "$OUT" | tr -d '\r')"
t_match "demotion in the log: the department too" ",boss2,user,$ME,department,,$HOUSING,,,$ME\$" "$(printf '%s\n' "$OUT" | tr -d '\r')"
run "--user refused for an editor" 1 --user wang tasks
t_match "--user refused: message" "--user is honoured only for an administrator; $ME is editor" "$ERR"
run "editor login sets its own task" 0 set 3.2.3 --progress 70
t_end
