#!/bin/sh
# The roadmap's columns, in a real terminal (tmux, 80x24, zh_CN.UTF-8 and
# C.UTF-8), on a small hand-made plan: the action plan's years are always
# there, and every other year that has a milestone or a task's due date
# gets a column too, before them or after them, since a task's own due date
# counts as a milestone of its period (plancon(1)). A task due in a year
# with no milestone at all (2029 here, 2019 before the action plan) has its
# cell in that year. The date is pinned.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
AS_OF=2024-06-30

#  task   due         milestones       the cell
#  1.1.1  2022-12-31  2022 done        done in 2022
#  1.1.2  2029-12-31  -                due in 2029 (no milestone that year)
#  1.1.3  2019-06-30  -                LATE in 2019 (before the action plan)
#  1.1.4  -           2035 pending     due in 2035
cat >"$T/plan.json" <<'EOF'
{"format": "plancon-plan", "version": 1, "title": "路线图测试",
 "documents": [{"key": "long", "title": "长期规划", "years": [2021, 2035]},
  {"key": "action", "title": "行动方案", "years": [2021, 2023]}],
 "parts": [{"no": 1, "title": "第一篇"}],
 "chapters": [{"no": 1, "part": 1, "title": "第一章", "sections": [{"no": 1, "title": "一"}]}],
 "departments": [{"short": "省甲厅", "name": "山东省甲厅"}],
 "tasks": [
  {"code": "1.1.1", "title": "任务一", "document": "action", "chapter": 1, "section": 1, "lead": "省甲厅",
   "status": "done", "progress": 100, "due": "2022-12-31", "milestones": [{"year": 2022, "status": "done"}]},
  {"code": "1.1.2", "title": "任务二", "document": "long", "chapter": 1, "section": 1, "lead": "省甲厅",
   "due": "2029-12-31"},
  {"code": "1.1.3", "title": "任务三", "document": "long", "chapter": 1, "section": 1, "lead": "省甲厅",
   "due": "2019-06-30"},
  {"code": "1.1.4", "title": "任务四", "document": "long", "chapter": 1, "section": 1, "lead": "省甲厅",
   "milestones": [{"year": 2035}]}]}
EOF
out=$("$PLANCON" import "$T/plan.json" --db "$T/plan.db" 2>&1)
t_eq "import the hand-made plan" "imported $T/plan.json into $T/plan.db: 4 tasks" "$out"
pc init --admin "$(id -un)" >/dev/null

see() { if tm_wait "$2"; then t_pass "$1"; else t_fail "$1" "no /$2/ on the screen:" "$(tm_capture)"; fi; }
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

console zh_CN.UTF-8
tm_wait '1 规划' || t_fail "the console starts" "$(tm_capture)"
tm_keys 3
see "zh_CN: every year with a due date or a milestone is a column" \
	'^ 任务  （\| = 截至 2024-06-30） +2019  2021  2022  2023 \|2029  2035 *$'
see "zh_CN: a task due in a year without milestones has its cell there" \
	'^ 1\.1\.2  任务二 +\. +\. +\. +\. +\|到期 +\. *$'
see "zh_CN: a task due before the action plan is late in its year" \
	'^ 1\.1\.3  任务三 +滞后 +\. +\. +\. +\| \. +\. *$'
see "zh_CN: a milestone's cell" '^ 1\.1\.1  任务一 +\. +\. +完成 +\. +\| \. +\. *$'
see "zh_CN: a milestone in a later target year" '^ 1\.1\.4  任务四 +\. +\. +\. +\. +\| \. +到期 *$'
see "zh_CN: the roadmap lists the four tasks" '^ 路线图  第 1/4 行'

console C.UTF-8
tm_wait '1 Plan' || t_fail "the console starts in English" "$(tm_capture)"
tm_keys 3
see "C.UTF-8: the same columns" '^ Task  \(\| = as of 2024-06-30\) +2019  2021  2022  2023 \|2029  2035 *$'
see "C.UTF-8: the task due in 2029" '^ 1\.1\.2  任务二 +\. +\. +\. +\. +\| due +\. *$'
see "C.UTF-8: the task due in 2019" '^ 1\.1\.3  任务三 +LATE +\. +\. +\. +\| \. +\. *$'
t_end
