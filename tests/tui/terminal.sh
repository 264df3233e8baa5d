#!/bin/sh
# The console and the terminal (tmux): live resize from 160x48 to 80x24 to
# 50x12 ("too small") and back keeps the selection; a title holding escape
# sequences and control characters shows as harmless text; Chinese text
# keeps the columns in line (the status column of every task row, and the
# as-of mark of every roadmap row, start at the same display column);
# NO_COLOR, [ui] color = no and TERM=vt100 draw without colours and stay
# usable; an unknown TERM, no TERM and no terminal exit with status 2 and a
# message; the mouse selects, scrolls and switches views, unless the
# configuration says no; a change made by another process shows without a
# key. The date is pinned with --as-of.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
t_newdb
"$PLANCON" demo --db "$T/demo.db" >/dev/null 2>&1 || t_fail "the demo database is made"
AS_OF=2024-06-30
ESC=$(printf '\033')

see() { if tm_wait "$2"; then t_pass "$1"; else t_fail "$1" "no /$2/ on the screen:" "$(tm_capture)"; fi; }
# console COLS ROWS ENV DB: a console in a new session; ENV is put before it.
console() {
	cmd="$3 $PLANCON --db $4 --as-of $AS_OF; echo \"exit status \$?\"; sleep 60"
	if [ -z "$T_TMUX" ]; then
		tm_start "$1" "$2" "$cmd"
	else
		tm new-session -d -s next -x "$1" -y "$2" "$cmd"
		tm kill-session -t t
		tm rename-session -t next t
	fi
}
XTERM="TERM=xterm-256color"

# ---- resize --------------------------------------------------------------------------
console 160 48 "$XTERM" "$T/plan.db"
see "160x48: the console starts" 'Plan  row 1/65'
tm_keys /
tm_text '垃圾分类'
tm_keys Enter
see "160x48: on 3.2.4" ' Plan  row 33/65 '
see "160x48: its detail to the right" '│ 3\.2\.4  构建全链条垃圾分类处理系统$'
tm_resize 80 24
see "80x24: still on 3.2.4" ' Plan  row 33/65 '
see "80x24: its detail now below" '^ 3\.2\.4  构建全链条垃圾分类处理系统$'
see "80x24: the pane's separator" '^─{60,}'
see "80x24: its row on the screen" '^       3\.2\.4 构建全链条垃圾分类处理系统 '
tm_resize 50 12
see "50x12: the terminal is too small, and says so" '^Terminal too small: 50x12\.$'
see "50x12: and what it needs" '^plancon needs at least 60x16\.$'
tm_resize 160 48
see "160x48 again: the layout is back" '^  1 Plan  2 Departments'
see "160x48 again: the selection kept" ' Plan  row 33/65 '
see "160x48 again: its detail" '│ 3\.2\.4  构建全链条垃圾分类处理系统$'
tm_resize 60 16
see "60x16, the minimum, is drawn" ' Plan  row 33/65'
tm_resize 50 12
see "too small again" 'Terminal too small'
tm_keys q
see "q quits even when too small" '^exit status 0$'

# ---- escape sequences in the data ----------------------------------------------------
cp "$T/plan.db" "$T/evil.db"
python3 - "$T/evil.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
title = "X\x1b[2J\x1b]0;pwned\x07Y\u009bZ\x7f\u202eW"
db.execute("UPDATE tasks SET title = ? WHERE code = '2.1.1'", (title,))
db.commit()
EOF
console 80 24 "$XTERM" "$T/evil.db"
tm_keys j j j j j j j j
see "the title with escapes is shown" '2\.1\.1 X\?\[2J\?\]0;pwned\?Y\?Z\?W +省通信管理局'
see "the screen was not cleared" '^  1 Plan  2 Departments'
see "the detail shows it too, harmless" '^ 2\.1\.1  X\?\[2J\?\]0;pwned\?Y\?Z\?W$'
t_nomatch "the window title was not changed" 'pwned' "$(tm display-message -p -t t '#{pane_title}')"
t_nomatch "no escape reaches the terminal: the screen has no ESC" "$ESC" "$(tm_capture)"

# ---- CJK columns ---------------------------------------------------------------------
# Display columns of the status in every task row, and of the as-of mark in
# every roadmap row (East Asian wide and fullwidth characters take two).
cat >"$T/cols.py" <<'EOF'
import re, sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
what = sys.argv[1]
cols = set()
rows = 0
for line in sys.stdin.read().split("\n"):
    if what == "status":
        if not re.match(r"^ +\d+\.\d+\.\d+ ", line) or "│" in line[:3]:
            continue
        m = re.search(r"(not started|in progress|done|blocked|cancelled)", line)
        if not m:
            continue
        cols.add(width(line[:m.start()]))
    else:
        if not re.match(r"^ \d+\.\d+\.\d+  ", line):
            continue
        if "|" not in line:
            continue               # the detail pane's first line
        cols.add(width(line[:line.index("|")]))
    rows += 1
print(rows, " ".join(str(c) for c in sorted(cols)))
EOF
for size in 80x24 160x48; do
	console "${size%x*}" "${size#*x}" "$XTERM" "$T/demo.db"
	see "$size: the demo console starts" 'DEMO 演示数据  Plan  row 1/65'
	tm_keys j j j j j j j j j j j j
	out=$(tm_capture | sed 's/│.*//' | python3 "$T/cols.py" status)
	t_match "$size: every task row's status starts at one display column" '^([3-9]|[1-9][0-9]+) [0-9]+$' "$out"
	tm_keys 3
	see "$size: the roadmap" 'Roadmap  row 1/16'
	out=$(tm_capture | sed 's/│.*//' | python3 "$T/cols.py" mark)
	t_match "$size: every roadmap row's as-of mark at one display column" '^([3-9]|[1-9][0-9]+) [0-9]+$' "$out"
done

# ---- without colours -----------------------------------------------------------------
# An SGR sequence that sets a colour: 30-37, 40-47, 90-97, 100-107, 38;..., 48;...
COLOUR="$ESC\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]"
console 80 24 "$XTERM" "$T/demo.db"
see "with colours: starts" 'Plan  row 1/65'
t_match "with colours: the screen has colours" "$COLOUR" "$(tm capture-pane -p -e -t t)"

console 80 24 "$XTERM NO_COLOR=1" "$T/demo.db"
see "NO_COLOR=1: starts" 'Plan  row 1/65'
screen=$(tm capture-pane -p -e -t t)
t_nomatch "NO_COLOR=1: no colour at all" "$COLOUR" "$screen"
t_match "NO_COLOR=1: the selected row in reverse video" "$ESC\\[([0-9;]*;)?7m($ESC\\[[0-9;]*m)* - Part 1  指导思想" "$screen"
tm_keys 3
see "NO_COLOR=1: the roadmap" 'Roadmap  row 1/16'
t_match "NO_COLOR=1: late cells stand out in bold reverse" "$ESC\\[([0-9;]*;)?1;7m *LATE|$ESC\\[([0-9;]*;)?7;1m *LATE|$ESC\\[1m$ESC\\[7m *LATE" \
	"$(tm capture-pane -p -e -t t)"

mkdir -p "$XDG_CONFIG_HOME/plancon"
printf '[ui]\ncolor = no\n' >"$XDG_CONFIG_HOME/plancon/plancon.ini"
console 80 24 "$XTERM" "$T/demo.db"
see "[ui] color = no: starts" 'Plan  row 1/65'
t_nomatch "[ui] color = no: no colour" "$COLOUR" "$(tm capture-pane -p -e -t t)"
rm "$XDG_CONFIG_HOME/plancon/plancon.ini"

console 80 24 "TERM=vt100" "$T/demo.db"
see "TERM=vt100: starts" 'Plan  row 1/65'
t_nomatch "TERM=vt100: no colour" "$COLOUR" "$(tm capture-pane -p -e -t t)"
tm_keys j 3
see "TERM=vt100: keys work" 'Roadmap  row 1/16'
see "TERM=vt100: Chinese text" '3\.2\.4  构建全链条垃圾分类处'   # (cut: the demo's extension adds a 2026 column)
tm_keys q
see "TERM=vt100: q quits, exit status 0" '^exit status 0'

for term in xterm screen tmux-256color linux; do
	console 80 24 "TERM=$term" "$T/plan.db"
	see "TERM=$term: starts and draws" 'Plan  row 1/65 '
	tm_keys /
	tm_text '垃圾'
	tm_keys Enter
	see "TERM=$term: searches" ' Plan  row 33/65 '
done

# ---- terminals it cannot use -----------------------------------------------------------
console 80 24 "TERM=unknown-term" "$T/plan.db"
see "TERM=unknown-term: a message" 'unknown terminal type "unknown-term"'
see "TERM=unknown-term: exit status 2" '^exit status 2$'
console 80 24 "env -u TERM" "$T/plan.db"
see "no TERM: a message" 'TERM is not set'
see "no TERM: exit status 2" '^exit status 2$'
console 80 24 "TERM=dumb" "$T/plan.db"
see "TERM=dumb: a message" 'cannot move the cursor'
see "TERM=dumb: exit status 2" '^exit status 2$'
"$PLANCON" --db "$T/plan.db" </dev/null >"$T/out" 2>"$T/err"
t_eq "no terminal: exit status" 2 $?
t_match "no terminal: says so" 'the console needs a terminal' "$(cat "$T/err")"
t_match "no terminal: points to the commands" 'plancon summary, tasks, show CODE' "$(cat "$T/err")"
t_eq "no terminal: nothing on stdout" "" "$(cat "$T/out")"
console 80 24 "$XTERM" "$T/plan.db >$T/out2"
see "stdout not a terminal: exit status 2" '^exit status 2$'
see "stdout not a terminal: says so" 'the console needs a terminal'

# ---- mouse ---------------------------------------------------------------------------
# mouse COL ROW [BUTTON]: an xterm SGR mouse press and release (1-based).
mouse() { tm send-keys -t t -l "$ESC[<${3:-0};$1;$2M$ESC[<${3:-0};$1;$2m"; }
console 80 24 "$XTERM" "$T/plan.db"
see "mouse: starts" 'Plan  row 1/65'
mouse 10 11
see "a click selects a row" ' Plan  row 9/65 '
see "the clicked task" '^ 2\.1\.1  加大城镇通信网络'
mouse 10 11
see "a click on the selected row opens it" '^ Task 2\.1\.1 '
tm_keys q
tm send-keys -t t -l "$ESC[<65;10;11M"
see "the wheel scrolls" ' Plan  row 12/65 '
mouse 20 1
see "a click on a view's name goes there" '^ Departments  row 1/22 '
printf '[ui]\nmouse = no\n' >"$XDG_CONFIG_HOME/plancon/plancon.ini"
console 80 24 "$XTERM" "$T/plan.db"
see "[ui] mouse = no: starts" 'Plan  row 1/65'
mouse 10 11
tm_keys j
# Had the click selected row 9, j would have gone to 10.
see "[ui] mouse = no: a click selects nothing" ' Plan  row 2/65 '
# A sequence no terminfo entry knows is dropped whole: its characters are
# no keys (4 and 2 would switch views, ~ would say it does nothing).
tm send-keys -t t -l "$ESC[42~"
tm_keys j
see "an unknown escape sequence is dropped whole" '^ Plan  row 3/65 '
tm_keys M
see "M: the last messages" 'The last messages, newest first'
see "no character of the mouse report or of the sequence ran as a key" '^ No messages yet\.$'
tm_keys q
rm "$XDG_CONFIG_HOME/plancon/plancon.ini"

# ---- the set-up for a slow link: cursor = arrow, detail = no -------------------------------
printf '[ui]\ncursor = arrow\ndetail = no\n' >"$XDG_CONFIG_HOME/plancon/plancon.ini"
console 80 24 "$XTERM" "$T/plan.db"
see "[ui] cursor = arrow: starts" 'Plan  row 1/65'
see "[ui] cursor = arrow: the first row has the mark" '^>- Part 1  指导思想'
tm_keys j j
see "[ui] cursor = arrow: the mark moves with the cursor" '^>      1\.1  指导思想'
screen=$(tm capture-pane -p -e -t t)
t_nomatch "[ui] cursor = arrow: no row in reverse video" "$ESC\\[([0-9;]*;)?7m" "$(printf '%s\n' "$screen" | sed -n '3,23p')"
t_eq "[ui] cursor = arrow: one mark on the screen" 1 "$(tm_capture | grep -c '^>')"
t_nomatch "[ui] detail = no: no detail pane at start" '^─{60,}' "$(tm_capture)"
tm_keys i
see "[ui] detail = no: i shows the pane" '^─{60,}'
see "[ui] detail = no: with the selected section in it" '^ Section 1\.1 |^ 1\.1  指导思想'
rm "$XDG_CONFIG_HOME/plancon/plancon.ini"

# ---- changes made elsewhere ------------------------------------------------------------
pc init --admin "$(id -un)" >/dev/null 2>&1
console 160 48 "$XTERM" "$T/plan.db"
tm_keys /
tm_text '3.2.4'
tm_keys Enter
see "on 3.2.4, not started" '^       3\.2\.4 构建全链条垃圾分类处理系统 .*!not started +0%'
pc set 3.2.4 --status in_progress --progress 40 --note '另一个会话的修改' >/dev/null 2>&1 ||
	t_fail "another process changes 3.2.4"
see "the change shows without a key" '^       3\.2\.4 构建全链条垃圾分类处理系统 .*!in progress +40%'
see "its detail too" '另一个会话的修改'

t_end
