#!/bin/sh
# The update form of the console, in a real terminal (tmux, 80x24): an
# editor of 省住房城乡建设厅 opens 3.2.3 with s, sets it in progress at 40 %
# with a two-line Chinese note, saves with Enter and sees the change in the
# task's history; Esc cancels without writing; when someone else saves the
# task while the form is open, the form says who and when, shows the new
# values and keeps what was typed, and a second Enter saves it; a
# cooperating department may only add a note, a viewer may not open it.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

ME=$(id -un)
t_newdb
pc init --admin "$ME" >/dev/null
pc user add zhang --role editor --dept 省住房城乡建设厅 >/dev/null
pc user add li --role editor --dept 省生态环境厅 >/dev/null
pc user add wang --role viewer >/dev/null

# console USER: a console as USER at 80x24, with the cursor on task 3.2.3.
console() {
	if [ -z "$T_TMUX" ]; then
		tm_start 80 24 "$PLANCON --db $T/plan.db --user $1"
	else
		# A new session replaces the old one in the same server.
		tm new-session -d -s next -x 80 -y 24 "$PLANCON --db $T/plan.db --user $1"
		tm kill-session -t t
		tm rename-session -t next t
	fi
	tm_wait '1 Plan' || t_fail "console as $1 starts" "$(tm_capture)"
	tm_keys /
	tm_text 3.2.3
	tm_keys Enter
	tm_wait '3\.2\.3  提高城镇污水收集处理能力' || t_fail "console as $1 finds 3.2.3" "$(tm_capture)"
}
# wait_for NAME PATTERN: passes when the screen shows PATTERN in time.
wait_for() {
	if tm_wait "$2"; then t_pass "$1"; else t_fail "$1" "screen:" "$(tm_capture)"; fi
}
gone() {
	if tm_wait_gone "$2"; then t_pass "$1"; else t_fail "$1" "screen:" "$(tm_capture)"; fi
}
version() { pc tasks --format csv | tr -d '\r' | awk -F, '$1 == "3.2.3" { print $NF }'; }
rows() { pc log 3.2.3 --format csv | tr -d '\r' | grep -c '^[0-9]'; }

# ---- open, type, save ------------------------------------------------------------
console zhang
wait_for "the status line says the console acts as zhang, an editor" '^ Plan  row [0-9/]+ +zhang \(editor\)  as of '
tm_keys s
wait_for "s opens the form" '┌─ Update 3\.2\.3 ─'
wait_for "the form shows who changed it last" 'Changed +never \(version 1\)'
wait_for "the form shows the status" 'Status +< not started >'
tm_keys Right
wait_for "Right picks the next status" 'Status +< in progress >  \(changed\)'
tm_keys Tab C-u 4 0 Tab
tm_text '管网改造已开工'
tm_keys C-j
tm_text '完成投资四成'
wait_for "the note shows its first line" '│ 管网改造已开工 +│'
wait_for "Ctrl-J starts a second line" '│ 完成投资四成 +│'
tm_keys Enter
wait_for "Enter saves" '3\.2\.3 saved, version 2'
gone "the form closes" 'Update 3\.2\.3'
wait_for "the list shows the new status" '3\.2\.3 提高城镇污水收集处理能力 .*in progress +40%'
t_eq "saved in the database: version" 2 "$(version)"
t_match "saved in the log: zhang, status, the two-line note" \
	"^[0-9]+,[^,]+,zhang,task,3\\.2\\.3,status,not_started,in_progress,\"管网改造已开工\$" \
	"$(pc log 3.2.3 --format csv | tr -d '\r')"
t_match "saved in the log: the note's second line, then who really saved it" "^完成投资四成\",2,$ME\$" \
	"$(pc log 3.2.3 --format csv | tr -d '\r')"
tm_keys Enter
wait_for "the task's history shows the change, by the admin for zhang" "$ME for zhang +status: not started"
wait_for "the task's history shows the note" '^ +管网改造已开工$'
wait_for "the task's history shows the progress" 'zhang +progress: 0 -> 40'

# ---- Esc cancels -------------------------------------------------------------------
before=$(rows)
tm_keys s
wait_for "s opens the form from the task" 'Update 3\.2\.3'
wait_for "the form shows the last change" 'Changed +[0-9-]+T[0-9:]+Z by zhang \(version 2\)'
tm_keys Right Tab C-u 9 9 Tab
tm_text '不要保存'
tm_keys Escape
wait_for "Esc says nothing was saved" '3\.2\.3: nothing saved'
gone "Esc closes the form" 'Update 3\.2\.3'
t_eq "Esc wrote nothing: version" 2 "$(version)"
t_eq "Esc wrote nothing: log" "$before" "$(rows)"

# ---- a conflict keeps what was typed -------------------------------------------------
tm_keys s
wait_for "the form opens again" 'Update 3\.2\.3'
tm_keys Tab Tab
tm_text '草稿：二期管网'
pc set 3.2.3 --progress 55 --note 外部修改 >/dev/null
tm_keys Enter
wait_for "a conflict names who changed the task" "Changed by $ME at [0-9-]+T[0-9:]+Z: now in progress, 55 %"
wait_for "the form shows the new version" "Changed +[0-9-]+T[0-9:]+Z by $ME \\(version 3\\)"
wait_for "the form keeps the typed note" '│ 草稿：二期管网 +│'
wait_for "an untouched field takes the new value" 'Progress +\[55 +\] %'
t_eq "the conflict wrote nothing" 3 "$(version)"
tm_keys Enter
wait_for "Enter saves after the conflict" '3\.2\.3 saved, version 4'
t_match "the kept note is in the log" ",zhang,task,3\\.2\\.3,note,,,草稿：二期管网,4,$ME\$" "$(pc log 3.2.3 --format csv | tr -d '\r')"
t_match "the other change was not undone" '^Status: +in progress, 55%' "$(pc show 3.2.3)"

# ---- what the form checks -------------------------------------------------------------
tm_keys s
wait_for "the form opens for a check" 'Update 3\.2\.3'
tm_keys Tab C-u Enter
wait_for "an empty progress is refused in the form" 'Progress: a whole number from 0 to 100'
tm_keys Escape
gone "and Esc leaves" 'Update 3\.2\.3'
t_eq "nothing was written" 4 "$(version)"

# ---- other roles -------------------------------------------------------------------------
console li
wait_for "the status line says the console acts as li" ' li \(editor\)  as of '
tm_keys s
wait_for "a cooperating editor gets a note-only form" 'your department cooperates: a note only'
tm_text '水质监测已配合完成'
tm_keys Enter
wait_for "the cooperating editor's note is saved" '3\.2\.3 saved, version 5'
t_match "the note is in the log as li's" ",li,task,3\\.2\\.3,note,,,水质监测已配合完成,5,$ME\$" \
	"$(pc log 3.2.3 --format csv | tr -d '\r')"

console wang
wait_for "the status line says the console acts as wang, a viewer" ' wang \(viewer\)  as of '
tm_keys s
wait_for "a viewer is told why" 'wang is a viewer'
if tm_capture | grep -q 'Update 3\.2\.3'; then t_fail "a viewer gets no form" "$(tm_capture)"
else t_pass "a viewer gets no form"; fi

# ---- typing into the progress field replaces its value ------------------------------------
# (3.2.3 is at 55 % here.) The value is selected when the field gets the
# focus: the first digit replaces it; a move or Backspace first edits it;
# a value over 100 is refused in the field, with the reason.
progress() { pc tasks --format csv | tr -d '\r' | awk -F, '$1 == "3.2.3" { print $5 }'; }
t_eq "the progress before" 55 "$(progress)"
console zhang
tm_keys s
wait_for "the form opens on 55 %" 'Progress +\[55 +\] %'
tm_keys Tab
tm_text 100
wait_for "typing 100 after Tab replaces 55" 'Progress +\[100 \] %'
tm_keys Enter
wait_for "Enter saves 100 %" '3\.2\.3 saved, version 6'
t_eq "saved: 100 %" 100 "$(progress)"
tm_keys s
wait_for "the form opens on 100 %" 'Progress +\[100 \] %'
tm_keys Tab
tm_text 150
wait_for "150 is refused in the field, with the reason" '150 is over 100: progress is a whole number from 0 to 100'
wait_for "the field keeps 15" 'Progress +\[15 +\] %'
tm_keys Escape
gone "Esc closes it" 'Update 3\.2\.3'
t_eq "nothing saved after 150" 100 "$(progress)"
tm_keys s
wait_for "the form opens on 100 % again" 'Progress +\[100 \] %'
tm_keys Tab BSpace
wait_for "Backspace first edits the value" 'Progress +\[10 +\] %'
tm_text 0
wait_for "and typing then goes on from there" 'Progress +\[100 \] %'
tm_keys Left BSpace
wait_for "Left then Backspace edits in the middle" 'Progress +\[10 +\] %'
tm_keys Tab BTab
tm_text 7
wait_for "leaving and coming back selects it again" 'Progress +\[7 +\] %'
tm_keys Enter
wait_for "Enter saves 7 %" '3\.2\.3 saved, version 7'
t_eq "saved: 7 %" 7 "$(progress)"
# The one form of a progress (plancon(1), set --progress): no leading zero.
tm_keys s
wait_for "the form opens on 7 %" 'Progress +\[7 +\] %'
tm_keys Tab
tm_text 040
wait_for "040 in the field" 'Progress +\[040 \] %'
tm_keys Enter
wait_for "Enter refuses 040, as set --progress does" 'Progress: a whole number from 0 to 100'
tm_keys Escape
gone "Esc closes it after 040" 'Update 3\.2\.3'
t_eq "nothing saved after 040" 7 "$(progress)"

# ---- messages are whole, and the last ones stay readable (M) -----------------------------
# In Chinese at 80x24: a refusal longer than the status line is shown whole
# on the lines above it, the next key clears it, and M lists it with the
# others, newest first, the form's own messages too.
# flat TEXT: TEXT without white space, as one line (a wrapped line loses
# the space it was broken at).
flat() { printf '%s' "$1" | tr -d ' \n'; }
REFUSAL='2.2.2 的牵头单位是 省大数据局，不是 省住房城乡建设厅：zhang 不能修改它的状态或进度'
tm new-session -d -s next -x 80 -y 24 \
	"env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 $PLANCON --db $T/plan.db --user zhang"
tm kill-session -t t
tm rename-session -t next t
tm_wait '1 规划' || t_fail "a console in Chinese starts" "$(tm_capture)"
tm_keys /
tm_text 2.2.2
tm_keys Enter
tm_wait '2\.2\.2  扩大数字服务场景应用' || t_fail "the console finds 2.2.2" "$(tm_capture)"
tm_keys s
wait_for "s on another department's task: refused" '2\.2\.2 的牵头单位是'
case "$(flat "$(tm_capture | sed -n '20,23p')")" in
*"$(flat "$REFUSAL")"*) t_pass "the refusal is on the screen whole, above the status line" ;;
*) t_fail "the refusal is on the screen whole, above the status line" "expected: $REFUSAL" "$(tm_capture)" ;;
esac
t_match "the status line is still there under it" '^ 规划  第 [0-9]+/65 行 ' "$(tm_capture | sed -n 24p)"
tm_keys j
gone "the next key clears it" '2\.2\.2 的牵头单位是'
tm_keys /
tm_text 3.2.3
tm_keys Enter s Tab
tm_text 150
wait_for "the form refuses 150" '150 超过 100：进度应为 0 到 100 的整数'
tm_keys Escape
wait_for "Esc: nothing saved" '3\.2\.3：未保存'
tm_keys M
wait_for "M lists the last messages" '^ 最近的消息，最新的在前$'
t_match "newest first: nothing saved, the form's refusal, then the refusal of s" \
	'3\.2\.3：未保存.*150超过100.*2\.2\.2的牵头单位是' "$(flat "$(tm_capture)")"
case "$(flat "$(tm_capture)")" in
*"$(flat "$REFUSAL")"*) t_pass "the list has the refusal whole" ;;
*) t_fail "the list has the refusal whole" "expected: $REFUSAL" "$(tm_capture)" ;;
esac
t_match "each with its time" '^  [0-9]{2}:[0-9]{2}:[0-9]{2}  3\.2\.3：未保存$' "$(tm_capture)"
t_match "the status line names the list" '^ 消息 ' "$(tm_capture | sed -n 24p)"
tm_keys M
gone "M closes it" '^ 最近的消息，最新的在前$'
t_end
