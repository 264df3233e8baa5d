#!/bin/sh
# The console in a real terminal (tmux), at 80x24 and at 160x48: every view
# opens and shows the bundled plan, the status line, the detail pane (below
# when narrow, to the right when wide), switching views keeps each view's
# cursor, the tree expands and collapses, Enter opens a task and a
# department's tasks, q goes back and quits, and ? lists the keys of the
# view in front. Every view shows one mean progress (cancelled tasks left
# out, 60.5 rounded up to 61, "-" when all are cancelled), the one the
# commands print. The date is pinned with --as-of.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
t_newdb
AS_OF=2024-06-30
ME=$(id -un)

# see NAME PATTERN: passes when the screen shows PATTERN (waiting for it).
see() { if tm_wait "$2"; then t_pass "$1"; else t_fail "$1" "no /$2/ on the screen:" "$(tm_capture)"; fi; }
# unseen NAME PATTERN: passes when PATTERN is not (or no longer) on the screen.
unseen() { if tm_wait_gone "$2"; then t_pass "$1"; else t_fail "$1" "/$2/ is still on the screen:" "$(tm_capture)"; fi; }
# console COLS ROWS [DB]: a console on the suite's database (or DB), in a new session.
console() {
	cmd="TERM=xterm-256color $PLANCON --db ${3:-$T/plan.db} --as-of $AS_OF; echo \"exit status \$?\"; sleep 60"
	if [ -z "$T_TMUX" ]; then
		tm_start "$1" "$2" "$cmd"
	else
		tm new-session -d -s next -x "$1" -y "$2" "$cmd"
		tm kill-session -t t
		tm rename-session -t next t
	fi
	tm_wait 'Plan  row 1/' || t_fail "the console starts at $1x$2" "$(tm_capture)"
}

for size in 80x24 160x48; do
	cols=${size%x*} rows=${size#*x}
	console "$cols" "$rows"
	see "$size: the plan shows its parts" '^ - Part 1  指导思想、基本原则和主要目标'
	see "$size: and chapters" '^   - 2  深入推进智慧城镇化 系统提升数字治'
	see "$size: and sections" '^     - 2\.1  筑牢城镇数字底座 +3 tasks'
	see "$size: and tasks with lead, status and progress" '^       2\.1\.2 加快新型基础设施建设 +省发展改革委\* +!not started +0%( |$)'
	see "$size: the status line: view, row, who, as-of date, database" \
		"^ Plan  row 1/65 +$ME \\(not a user, read-only\\)  as of 2024-06-30  plan\\.db *\$"
	see "$size: the views are named at the top" '^  1 Plan  2 Departments  3 Roadmap  4 Indicators'
	if [ "$size" = 80x24 ]; then
		see "80x24: the detail pane is below the list" '^─{60,}'
		see "80x24: it shows the selected row" '^ Part 1  指导思想、基本原则和主要目标$'
	else
		see "160x48: the detail pane is to the right" ' +│ Part 1  指导思想、基本原则和主要目标$'
		t_nomatch "160x48: no pane below" '^─{60,}' "$(tm_capture)"
	fi

	tm_keys 2
	see "$size: 2 opens the departments" '^ Departments  row 1/22 '
	see "$size: each with its counts" '^ 省住房城乡建设厅 +8 +9 +0 +5 '
	see "$size: and a progress bar" '^ 省发展改革委 .*\[\.+\] +0%'
	tm_keys 3
	see "$size: 3 opens the roadmap" '^ Roadmap  row 1/16 '
	see "$size: with the years and the as-of mark" ' 2021  2022  2023 \|2025  2035'
	see "$size: late milestones stand out" '^ 3\.2\.4  构建全链条垃圾分类处理系统 .* LATE \| \. '
	see "$size: later targets to the right" '^ 2\.2\.3  实施智慧社区（村居）提升工程.* \| due   due'
	tm_keys 4
	see "$size: 4 opens the indicators" '^ Indicators  row 1/5 '
	see "$size: with baseline and targets" '^ 常住人口城镇化率 \(%\) +63\.05 \(2020\) +- +~68 \(2025\) +no data yet'
	tm_keys BTab
	see "$size: Shift-Tab goes to the previous view" '^ Roadmap  row 1/16 '
	tm_keys Tab
	see "$size: Tab goes to the next view" '^ Indicators  row 1/5 '
	tm_keys 1 j j j j j
	see "$size: j moves down" '^ Plan  row 6/65 '
	tm_keys 2 j j 1
	see "$size: the plan kept its cursor" '^ Plan  row 6/65 '
	tm_keys 2
	see "$size: the departments kept theirs" '^ Departments  row 3/22 '
	tm_keys 1
done

# ---- moving around (80x24) --------------------------------------------------------
console 80 24
tm_keys G
see "G goes to the last row" '^ Plan  row 65/65 '
tm_keys g
see "g goes to the first row" '^ Plan  row 1/65 '
tm_keys NPage
see "PgDn moves a page (13 rows at 80x24)" '^ Plan  row 14/65 '
tm_keys PPage
see "PgUp moves back" '^ Plan  row 1/65 '
tm_keys End Up Home
see "End, Up and Home" '^ Plan  row 1/65 '

# ---- the tree ---------------------------------------------------------------------
tm_keys Enter
see "Enter collapses an expanded part" '^ \+ Part 1  指导思想'
see "its rows are gone from the count" '^ Plan  row 1/61 '
unseen "and from the screen" '^   - 1  总体要求'
tm_keys Enter
see "Enter expands it again" '^ Plan  row 1/65 '
see "its chapter is back" '^   - 1  总体要求'
tm_keys -
see "- collapses the tree to its parts" '^ Plan  row 1/3 '
see "the parts show collapsed" '^ \+ Part 2  深入推进'
tm_keys +
see "+ expands everything" '^ Plan  row 1/65 '
tm_keys j j j j j j j j
see "the cursor on task 2.1.1" '^ 2\.1\.1  加大城镇通信网络、基础算力、智能终端等信息基础设施建设'
tm_keys h
see "h on a task goes to its section" '^ Plan  row 8/65 '
tm_keys h
see "h on an expanded section collapses it" '^     \+ 2\.1  筑牢城镇数字底座'
see "its tasks leave the count" '^ Plan  row 8/62 '
tm_keys l
see "l expands it" '^ Plan  row 8/65 '
tm_keys j Enter
see "Enter on a task opens it in full" '^ Task 2\.1\.1 '
see "with its cooperating departments, provisional" 'Cooperating +省大数据局、省工业和信息化厅 \(provisional\)'
see "and its history" 'Latest changes'
tm_keys q
see "q goes back to the plan, on the same row" '^ Plan  row 9/65 '

# ---- help -------------------------------------------------------------------------
tm_keys '?'
see "? shows the keys of the plan" '^ Keys in the Plan view'
see "from the keymap" '^  j, Down +Move down one row'
see "with the plan's own keys" '^  \+ +Expand every part, chapter and section'
tm_keys q
see "q closes the help" '^ Plan  row 9/65 '
tm_keys 2 '?'
see "? in the departments" '^ Keys in the Departments view'
tm_keys NPage
see "? lists M, the last messages" '^  M +Show the last messages, newest first$'
t_nomatch "lists no key of the plan only" 'Expand every part' "$(tm_capture)"
tm_keys Escape
see "Esc closes the help" '^ Departments  row 1/22 '

# ---- a department's tasks ---------------------------------------------------------
tm_keys g j
see "the cursor on 省住房城乡建设厅" '^ 省住房城乡建设厅$'
tm_keys Enter
see "Enter opens its tasks" '^ Departments > 省住房城乡建设厅  row 1/19 '
see "those it leads" '^ - Leads: 8 tasks'
see "and those it cooperates on" '^ - Cooperates on: 9 tasks'
see "as task rows" '^   3\.2\.4 构建全链条垃圾分类处理系统 +省住房城乡建设厅\*'
tm_keys Enter
see "Enter on a group header closes it" '^ \+ Leads: 8 tasks'
see "its tasks leave the count" '^ Departments > 省住房城乡建设厅  row 1/11 '
tm_keys Enter BSpace
see "Backspace goes back to the departments" '^ Departments  row 2/22 '

# ---- quitting -----------------------------------------------------------------------
tm_keys 1 q
see "q quits, exit status 0" '^exit status 0$'

# ---- an indicator's values, as typed (the same form as plancon indicators) ---------
pc init --admin "$(id -un)" >/dev/null
pc actual 城乡居民收入比 2023 2.125 >/dev/null
pc actual 智慧社区 2023 3200 >/dev/null
console 80 24
tm_keys 4
see "an actual with three decimals shows as typed" '^ 城乡居民收入比 .* 2\.125 \(2023\)'
see "a whole number shows without a fraction" '^ 智慧社区（村居）数量 ~ +- +3200 \(2023\) '

# ---- one mean progress in every view ------------------------------------------------
# tests/lib/mean-plan.json (worked out in tests/cli/report.sh): 省甲厅's lead
# tasks are at 60 % and 61 %, a third is cancelled at 80 %: 61 %; 省乙委's
# only task is cancelled: no mean. The commands print the same.
"$PLANCON" import "$TOP/tests/lib/mean-plan.json" --db "$T/mean.db" >/dev/null 2>&1
t_eq "mean: depts prints 61 and -" "61 -" "$("$PLANCON" --db "$T/mean.db" depts | awk 'NR > 1 { printf "%s%s", (NR > 2 ? " " : ""), $NF }')"
console 80 24 "$T/mean.db"
see "mean: the tree's part, 60.5 is 61%" '^ - Part 1  第一篇 +4 tasks +61%$'
see "mean: its chapter" '^   - 1  第一章 +3 tasks +61%$'
see "mean: its section" '^     - 1\.1  一 +3 tasks +61%$'
see "mean: a chapter whose tasks are all cancelled" '^   - 2  第二章 +1 task +-$'
see "mean: the detail pane says the same" '^ Progress +61% on average$'
tm_keys 2
see "mean: the Departments view" '^ 省甲厅 +3 +0 +0 +0 \[#+\.+\] +61%$'
see "mean: a department whose lead tasks are all cancelled" '^ 省乙委 +1 +0 +0 +0 \[\.+\] +-$'
tm_keys 5
see "mean: the Report view" '^ 省甲厅 +3 +0 +2 +0 +0 +1 +0 +0 \[#+\.+\] +61%$'
see "mean: the Report view, no mean" '^ 省乙委 +1 +0 +0 +0 +0 +1 +0 +0 \[\.+\] +-$'
see "mean: the Report view's total" '^ Total +4 +0 +2 +0 +0 +2 +0 +0 \[#+\.+\] +61%$'

t_end
