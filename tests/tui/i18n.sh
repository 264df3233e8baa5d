#!/bin/sh
# The console in Chinese, in a real terminal (tmux, 80x24, LANG and LC_ALL
# zh_CN.UTF-8): every view, the task detail, the help, the filter and the
# update form speak Chinese (状态, 进度, 牵头单位, 配合单位, 路线图, 滞后 ...),
# leave no English words on the screen (but key names and the file name),
# also in a task's change history of every kind of change, and still fit:
# the tab bar, each view's header and the status line are whole at 80x24.
# Under C.UTF-8 the same console speaks English. The date is pinned.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
t_newdb
AS_OF=2024-06-30
ME=$(id -un)
pc init --admin "$ME" >/dev/null

# see NAME PATTERN: passes when the screen shows PATTERN (waiting for it).
see() { if tm_wait "$2"; then t_pass "$1"; else t_fail "$1" "no /$2/ on the screen:" "$(tm_capture)"; fi; }
# english NAME: passes when no English word is on the screen: no ASCII word
# of three letters or more (t_english) but the names of keys, the file name
# and the users of the history below (the plan's data is Chinese; codes,
# dates and numbers are not words).
ME=$(id -un)
ALLOW="Enter
Esc
Tab
Shift-Tab
Space
Backspace
Delete
Left
Right
Down
Home
End
PgUp
PgDn
Ctrl-B
Ctrl-F
Ctrl-J
Ctrl-U
plan.db
hist.db
$ME
zhang"
english() { t_eq "$1" "" "$(tm_capture | t_english "$ALLOW")"; }
# who NAME: passes when the status line (line 24) names who the console
# acts as, with the role.
who() { t_match "$1" " $ME（管理员）  " "$(tm_capture | sed -n 24p)"; }
# line N: line N (1-24) of the screen.
line() { tm_capture | sed -n "$1p"; }
# console LANG: a console on the suite's database at 80x24 in locale LANG.
console() {
	cmd="env LANG=$1 LC_ALL=$1 TERM=xterm-256color $PLANCON --db $T/plan.db --as-of $AS_OF"
	if [ -z "$T_TMUX" ]; then
		tm_start 80 24 "$cmd"
	else
		tm new-session -d -s next -x 80 -y 24 "$cmd"
		tm kill-session -t t
		tm rename-session -t next t
	fi
}

t_match "the zh_CN.UTF-8 locale exists (make deps generates it)" '^zh_cn\.utf-?8$' "$(locale -a | tr A-Z a-z)"
console zh_CN.UTF-8

# ---- the frame: tabs and status line ----------------------------------------------
see "the tabs are named in Chinese" '^  1 规划  2 单位  3 路线图  4 指标  5 报告 '
see "the status line: view, row, who, as-of date and file, in Chinese" "^ 规划  第 1/65 行 +$ME（管理员）  截至 2024-06-30  plan\\.db\$"

# ---- 1: the plan ---------------------------------------------------------------------
see "plan: the header in Chinese, whole" '^ 篇 / 章 / 节 / 任务 +牵头 +状态 +进度$'
see "plan: parts and task counts in Chinese" '^ - 第1篇  指导思想、基本原则和主要目标 +0 项任务'
see "plan: late counts in Chinese" '^ - 第2篇  .* 35 项任务 +!滞后 11 +0%$'
see "plan: statuses in Chinese" '^       2\.1\.2 加快新型基础设施建设 +省发展改革委\* +!未启动 +0%$'
see "plan: the detail pane in Chinese" '^ 任务数 +0（已完成 0，滞后 0）$'
english "plan: no English words on the screen"
who "plan: the status line names who the console acts as"

# ---- 2: departments -------------------------------------------------------------------
tm_keys 2
see "departments: the header in Chinese, whole" '^ 单位 +牵头 配合 完成 滞后 进度$'
see "departments: rows with counts and bars" '^ 省发展改革委 +9 +6 +0 +2 \[\.+\] +0%$'
see "departments: no lead tasks, in Chinese" '^ 省教育厅 .* 无牵头任务$'
see "departments: the status line" "^ 单位  第 1/22 行 +$ME（管理员）  截至 2024-06-30  plan\\.db\$"
english "departments: no English words on the screen"
who "departments: the status line names who the console acts as"
tm_keys Enter
see "a department's tasks: grouped in Chinese" '^ - 牵头：9 项任务$'
see "a department's tasks: the status line names the department" '^ 单位 > 省发展改革委  第 1/'
english "a department's tasks: no English words on the screen"
who "a department's tasks: the status line names who the console acts as"
tm_keys q

# ---- 3: the roadmap -------------------------------------------------------------------
tm_keys 3
see "roadmap: the header in Chinese, with every year" '^ 任务  （\| = 截至 2024-06-30） +2021  2022  2023 \|2025  2035$'
see "roadmap: late milestones marked 滞后" '^ 2\.1\.2  加快新型基础设施建设 .* 滞后 \| \. +\.$'
see "roadmap: later ones 到期" '^ 2\.2\.3  实施智慧社区（村居）提升工程 .*\|到期  到期$'
see "roadmap: the detail pane: 状态, 牵头单位, 配合单位" '^ 状态 +未启动，进度 0%  滞后：完成时限 2023-12-31$'
see "roadmap: the lead department labelled 牵头单位" '^ 牵头单位 +省发展改革委 山东省发展和改革委员会（暂定）$'
see "roadmap: the cooperating ones 配合单位" '^ 配合单位 +省大数据局、省通信管理局（暂定）$'
english "roadmap: no English words on the screen"
who "roadmap: the status line names who the console acts as"

# ---- 4: indicators --------------------------------------------------------------------
tm_keys 4
see "indicators: the header in Chinese, whole" '^ 指标 +基期值 +最新值 +下一目标 +距目标$'
see "indicators: no data yet, in Chinese" '^ 常住人口城镇化率 \(%\) +63\.05 \(2020\) +- +~68 \(2025\) +尚无数据$'
see "indicators: the detail pane in Chinese" '^ 基期值 +2020 年：63\.05$'
english "indicators: no English words on the screen"
who "indicators: the status line names who the console acts as"

# ---- 5: the report --------------------------------------------------------------------
tm_keys 5
see "report: the header in Chinese" '^ 牵头单位 +任务 +未启 +推进 +完成 +受阻 +取消 +滞后 +节点 +进度$'
see "report: the status line" '^ 报告 按牵头单位  第 1/'
english "report: no English words on the screen"
who "report: the status line names who the console acts as"

# ---- a task in full, the help, the filter ------------------------------------------------
tm_keys 1 /
tm_text 3.2.3
tm_keys Enter Enter
see "a task in full: its title" '^ 3\.2\.3  提高城镇污水收集处理能力$'
see "a task in full: 完成时限 in the status" '^ 状态 +未启动，进度 0%  滞后：完成时限 2023-12-31$'
see "a task in full: the status line" '^ 任务 3\.2\.3 '
english "a task in full: no English words on the screen"
who "a task in full: the status line names who the console acts as"
tm_keys q '?'
see "help: the keys of the view, in Chinese" '^ “规划”视图的按键$'
see "help: each key's text in Chinese" '^  j, Down +下移一行$'
see "help: the status line" '^ 帮助：规划 '
english "help: no English words on the screen"
who "help: the status line names who the console acts as"
tm_keys q f
see "filter: its choices in Chinese" '筛选任务：按'
see "filter: by status, department or chapter" '状态'
t_eq "filter: nothing of the list behind shows beside its box or just inside it" clean "$(tm_frame_check)"
english "filter: no English words on the screen"
who "filter: the status line names who the console acts as"
tm_keys Enter
see "filter: the statuses in Chinese" '按状态筛选'
see "filter: 推进中 is a choice" '推进中'
tm_keys Escape Escape

# ---- the update form --------------------------------------------------------------------
tm_keys /
tm_text 3.2.3
tm_keys Enter s
see "form: its title in Chinese" '─ 更新 3\.2\.3 ─'
see "form: 上次修改" '上次修改 +从未修改（版本 1）'
see "form: 状态" '状态 +< 未启动 >'
see "form: 进度 and 说明" '说明 +Ctrl-J 换行'
see "form: its keys in Chinese" 'Enter 保存  Tab 下一项  Esc 取消'
english "form: no English words on the screen"
who "form: the status line names who the console acts as"
t_eq "form: nothing of the list behind shows beside its frame or just inside it" clean "$(tm_frame_check)"
tm_keys Escape
see "form: Esc cancels, in Chinese" '3\.2\.3：未保存'

# ---- a task's change history ------------------------------------------------------------------
# Every kind of change, made by the login and by it for zhang: the history
# in the task's detail names fields, statuses, assignments in Chinese.
t_newdb "$T/hist.db"
h() { "$PLANCON" --db "$T/hist.db" "$@" >/dev/null; }
h init --admin "$ME"
h user add zhang --role editor --dept 省住房城乡建设厅
h --user zhang set 3.2.3 --status in_progress --progress 40 --note 管网改造已开工
h assign 3.2.3 --confirm
h assign 2.1.1 --lead 省住房城乡建设厅 --coop 省财政厅
h milestone 2.1.2 2023 --status missed --note 未按期完成
cmd="env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 TERM=xterm-256color $PLANCON --db $T/hist.db --as-of $AS_OF"
tm new-session -d -s next -x 100 -y 40 "$cmd"
tm kill-session -t t
tm rename-session -t next t
see "history: the console starts" '1 规划'
# task CODE: the task in full.
task() { tm_keys /; tm_text "$1"; tm_keys Enter Enter; see "history: $1 in full" "^ $(printf '%s' "$1" | sed 's/\./\\./g')  "; }
task 3.2.3
see "history: a status, by the login for zhang" "$ME 代 zhang  状态: 未启动 -> 推进中"
see "history: progress" "$ME 代 zhang  进度: 0 -> 40"
see "history: an assignment confirmed" "$ME  分工: 暂定 -> 已确认"
english "history of 3.2.3: no English words on the screen"
tm_keys q
task 2.1.1
see "history: a lead department" "$ME  牵头单位: 省通信管理局 -> 省住房城乡建设厅"
see "history: a cooperating department" "$ME  配合单位: - -> 省财政厅"
english "history of 2.1.1: no English words on the screen"
tm_keys q
task 2.1.2
see "history: a milestone" "$ME  节点 2023: 待完成 -> 未完成"
english "history of 2.1.2: no English words on the screen"
tm_keys q

# ---- the same console in English ----------------------------------------------------------
console C.UTF-8
see "C.UTF-8: the tabs in English" '^  1 Plan  2 Departments  3 Roadmap  4 Indicators  5 Report '
see "C.UTF-8: the status line in English" "^ Plan  row 1/65 +$ME \\(admin\\)  as of 2024-06-30  plan\\.db\$"
see "C.UTF-8: statuses in English" '2\.1\.2 加快新型基础设施建设 +省发展改革委\* +!not started +0%$'
t_end
