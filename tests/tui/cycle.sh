#!/bin/sh
# The supervision cycle in the console (tmux, 80x24, zh_CN.UTF-8): the
# Work view opens first for a department editor with a missing report; the
# report form saves a draft, then submits; the office's Review view shows
# the report, r returns it with a reason; the editor's next start shows the
# return and its reason in the Work view and resubmits; the office accepts
# and verifies (v); reminders escalate visibly; refusals are shown. Then a
# pass at 120x40 in C.UTF-8, and with the cycle off the two views are gone.
# SCREENS=DIR keeps the captures of each step there.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

ME=$(id -un)
HOUSING=省住房城乡建设厅
OFFICE=省城镇化工作领导小组办公室
export TZ=Asia/Shanghai
t_newdb
cat >"$T/on.ini" <<EOF2
[core]
time_zone = Asia/Shanghai
[cycle]
enabled = yes
period = month
due_day = 5
office = $OFFICE
since = 2024-01
EOF2
printf '[cycle]\nenabled = no\n' >"$T/off.ini"
pcc() { "$PLANCON" --db "$T/plan.db" --config "$T/on.ini" --as-of 2024-04-10 "$@"; }
pcc init --admin "$ME" >/dev/null
pcc user add zhang --role editor --dept "$HOUSING" >/dev/null
pcc user add ban --role editor --dept "$OFFICE" >/dev/null
pcc user add wang --role viewer >/dev/null

STEP=0
# shot NAME: keep the screen as SCREENS/NN-NAME.txt.
shot() {
	STEP=$((STEP + 1))
	[ -n "$SCREENS" ] && tm_capture >"$SCREENS/$(printf %02d "$STEP")-$1.txt"
	return 0
}
# console USER [LANG COLS ROWS CONFIG]
console() {
	cmd="env LANG=${2:-zh_CN.UTF-8} LC_ALL=${2:-zh_CN.UTF-8} TERM=xterm-256color $PLANCON --db $T/plan.db \
--config ${5:-$T/on.ini} --as-of 2024-04-10 --user $1"
	if [ -z "$T_TMUX" ]; then
		tm_start "${3:-80}" "${4:-24}" "$cmd"
	else
		tm new-session -d -s next -x "${3:-80}" -y "${4:-24}" "$cmd"
		tm set-option -t next remain-on-exit on >/dev/null 2>&1
		tm kill-session -t t 2>/dev/null
		tm rename-session -t next t
	fi
}
wait_for() {
	if tm_wait "$2"; then t_pass "$1"; else t_fail "$1" "screen:" "$(tm_capture)"; fi
}
gone() {
	if tm_wait_gone "$2"; then t_pass "$1"; else t_fail "$1" "screen:" "$(tm_capture)"; fi
}
state() { pcc report-get 2>/dev/null; }

# ---- the editor: the Work view first, a missing report --------------------------
console zhang
wait_for "the Work view opens first for a department editor with a missing report" '^ .*6 工作台.*$'
wait_for "the Work view is in front" '工作台 2024-03'
wait_for "its missing reports section" '缺报 \([0-9]+\)'
wait_for "the status line: zhang, editor" 'zhang（编辑者）'
shot work-view
tm_keys j
tm_keys s
wait_for "s opens the report form" '┌─ 报送 [0-9.]+ ─'
CODE=$(tm_capture | grep -Eo '报送 [0-9]+\.[0-9]+\.[0-9]+' | head -1 | cut -d' ' -f2)
t_match "the form names the task" '^[0-9]+\.[0-9]+\.[0-9]+$' "$CODE"
wait_for "the form names the period" '2024-03'
shot report-form
tm_keys Right Tab C-u 6 0 Tab
tm_text '管网改造完成六成'
tm_keys Tab
tm_text '资金缺口'
tm_keys Tab
tm_text '下月完工'
shot report-form-filled
tm_keys C-t
wait_for "Ctrl-T saves a draft" "$CODE：2024-03 的报告已存为草稿"
t_match "the draft in the database" "draft" "$(pcc show "$CODE" 2>&1)"
tm_keys s
wait_for "the form again, prefilled from the draft" '管网改造完成六成'
wait_for "the draft's state in the form" '草稿'
tm_keys Enter
wait_for "Enter submits" "$CODE：2024-03 的报告已报送"
shot submitted
t_match "submitted in the database" "submitted" "$(pcc show "$CODE" 2>&1)"
tm_keys x
wait_for "x asks for the new due date" '新的截止日期'
tm_text 2030-12-31
tm_keys Enter
wait_for "then for the reason" '理由'
tm_text '工期调整'
tm_keys Enter
wait_for "a refusal is shown with the store's reason" '延期|截止|已过'
shot extension-refused
tm_keys 7
wait_for "no Review view for a department editor: the reason" '办公室'
tm_keys q

# ---- the office: the Review view, return ------------------------------------------
console ban
wait_for "the Review view opens first for the office" '待审核的报告 \(1\)'
wait_for "the status line names the office" 'ban（编辑者，办公室）'
wait_for "the report in the queue" "$CODE .*2024-03"
shot review-view
tm_keys j
tm_keys r
wait_for "r asks for the reason" '退回：理由'
tm_keys Enter
wait_for "a reason is required" '必须填写理由'
tm_text '请补充佐证材料'
tm_keys Enter
wait_for "returned" "$CODE：2024-03 的报告已退回"
shot returned
t_match "returned in the database" "returned" "$(pcc show "$CODE" 2>&1)"
tm_keys q

# ---- the editor again: the return and its reason ---------------------------------
console zhang
wait_for "the Work view opens with the return" '被退回的报告 \(1\)'
wait_for "who returned it and why" 'ban 退回：请补充佐证材料'
shot work-returned
tm_keys j
tm_keys Enter
wait_for "Enter opens the form with the reason at the top" '退回 +ban：请补充佐证材料'
shot form-returned
tm_keys Right Tab C-u 1 0 0 Enter
wait_for "resubmitted" "$CODE：2024-03 的报告已报送（第 2 次"
tm_keys q

# ---- the office: accept, verify -----------------------------------------------------
console ban
wait_for "the resubmission in the queue" "$CODE .*第 2 次"
tm_keys j v
wait_for "v before acceptance: the store's reason" "$CODE"
shot verify-refused
tm_keys a
wait_for "a accepts" "$CODE：2024-03 的报告已采纳"
wait_for "the accepted done claim stays, v verifies it" '已采纳：按 v 销号'
tm_keys Enter
wait_for "Enter opens the task" '^ 任务 [0-9.]+ '
tm_keys G
wait_for "the task's reports" '2024-03：已采纳，第 2 次报送'
wait_for "the return in the report's history" '由 ban 退回：请补充佐证材料'
wait_for "the acceptance in the report's history" '由 ban 采纳'
wait_for "the evidence list" '^ 佐证材料$'
shot task-reports
tm_keys q
wait_for "back in the Review view" '已采纳：按 v 销号'
tm_keys v
wait_for "v verifies" "$CODE 已销号"
shot verified
t_match "done in the database" "$CODE,[^,]*,[^,]*,done" "$(pcc tasks --format csv | tr -d '\r')"
tm_keys q

# ---- reminders escalate visibly --------------------------------------------------------
pcc --user ban remind "$HOUSING" --note '请尽快报送' >/dev/null 2>&1
pcc --user ban remind "$HOUSING" --note '再次催办' >/dev/null 2>&1
pcc --user ban remind "$HOUSING" --note '督办' >/dev/null 2>&1
console zhang
wait_for "the reminders, unseen first" '催办 \(3\)'
wait_for "level 3: 督办" '新 督办'
wait_for "level 2: 再次催办" '再次催办'
shot reminders
tm_keys q
console zhang
wait_for "seen on the next start: no longer new" '督办 来自'
gone "no NEW mark" '新 督办'
tm_keys q

# ---- a viewer, a larger terminal in C.UTF-8, the cycle off --------------------------------
console ban C.UTF-8 120 40
wait_for "C.UTF-8 at 120x40: English tabs" '6 Work  7 Review'
wait_for "the office in English" 'ban \(editor, office\)'
tm_keys q
console zhang zh_CN.UTF-8 80 24 "$T/off.ini"
wait_for "the cycle off: the plan first" '1 规划'
gone "the cycle off: no Work tab" '工作台'
tm_keys 6
wait_for "the cycle off: 6 says why" '督办工作未启用'
tm_keys q
t_end
