#!/bin/sh
# The warning lights in the console (tmux, 80x24), in zh_CN.UTF-8 and
# C.UTF-8: each task row has its light's mark before the status (! red,
# ~ yellow, . green, = closed), the detail pane names the light and why,
# L steps the light filter (red, yellow, green, closed, all) and the status
# line shows it; without colours (TERM=vt100) the marks are still there;
# with the cycle off there is no mark and L says why. The plan and its
# facts are tests/lib/lightsdb.sh's (the lights are worked out in
# tests/cli/lights.sh).
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
. "$(dirname "$0")/../lib/lightsdb.sh"
lights_db

see() { if tm_wait "$2"; then t_pass "$1"; else t_fail "$1" "no /$2/ on the screen:" "$(tm_capture)"; fi; }
unseen() { if tm_wait_gone "$2"; then t_pass "$1"; else t_fail "$1" "/$2/ is still on the screen:" "$(tm_capture)"; fi; }
console() { # LOCALE TERM INI: a console at 80x24, in a new session
	cmd="env LANG=$1 LC_ALL=$1 TERM=$2 $PLANCON --config $3 --db $T/plan.db --as-of 2024-04-10"
	if [ -z "$T_TMUX" ]; then
		tm_start 80 24 "$cmd"
	else
		tm new-session -d -s next -x 80 -y 24 "$cmd"
		tm kill-session -t t
		tm rename-session -t next t
	fi
	tm_wait 'row 1/|第 1/' || t_fail "the console starts ($1, $2)" "$(tm_capture)"
}

# ---- C.UTF-8 ----------------------------------------------------------------------------
console C.UTF-8 xterm-256color "$T/on.ini"
see "red mark before the status" '^ +1\.0\.2 过期 +省甲厅\* +!in progress +10%$'
see "yellow mark" '^ +1\.0\.4 退回 +省甲厅\* +~in progress +60%$'
see "green mark" '^ +1\.0\.1 绿 +省甲厅\* +\.in progress +50%$'
see "closed mark" '^ +2\.0\.1 撤销 +省乙委\* +=cancelled +0%$'
tm_keys L
see "L: red only" 'filter: red light'
see "L: the red tasks" '^ +2\.0\.4 节点 '
unseen "L: no green task" '1\.0\.1 绿'
t_match "L: the tree counts the red tasks" ' 3 tasks ' "$(tm_capture | grep 'Part 1')"
tm_keys j j
see "the detail pane names the light and why" '^ Light +! red light: past its due date$'
tm_keys L
see "L again: yellow" 'filter: yellow light'
see "L again: a yellow task" '1\.0\.3 临期滞后'
unseen "L again: no red task" '1\.0\.2 过期'
tm_keys L
see "then green" 'filter: green light'
see "then green: awaiting verification is green" '2\.0\.3 待销号'
tm_keys L
see "then closed" 'filter: closed'
see "then closed: the done task" '1\.0\.5 办结'
tm_keys L
see "then all" 'showing every light'
see "then all: every task" '2\.0\.4 节点'
unseen "then all: no filter" 'filter: '
# A colour on the mark: the escape sequence right before it.
row=$(tm capture-pane -p -e -t t | grep '1\.0\.2 过期')
t_match "the red mark is coloured" "$(printf '\033')\\[[0-9;]*m!" "$row"

# ---- zh_CN.UTF-8 -----------------------------------------------------------------------
console zh_CN.UTF-8 xterm-256color "$T/on.ini"
see "zh: red mark before the status" '^ +1\.0\.2 过期 +省甲厅\* +!推进中 +10%$'
see "zh: closed mark" '^ +1\.0\.5 办结 +省甲厅\* +='
tm_keys L
see "zh: L shows the filter in Chinese" '红灯'
tm_keys j j
see "zh: the detail pane in Chinese" '警示灯 +! 红灯：|警示灯 +! 红灯: 已过完成时限'

# ---- without colours -------------------------------------------------------------------
console C.UTF-8 vt100 "$T/on.ini"
see "monochrome: the red mark" '1\.0\.2 过期 +省甲厅\* +!in progress'
see "monochrome: the yellow mark" '1\.0\.3 临期滞后 +省甲厅\* +~in progress'
see "monochrome: the closed mark" '1\.0\.5 办结 +省甲厅\* +=done'

# ---- the cycle off -----------------------------------------------------------------------
console C.UTF-8 xterm-256color "$T/off.ini"
see "off: no mark before a status" '^ +1\.0\.1 绿 +省甲厅\* + in progress +50%$'
see "off: the late mark stays" '^ +1\.0\.2 过期 +省甲厅\* +!in progress'
tm_keys L
see "off: L says the cycle is off" 'the supervision cycle is off'

t_end
