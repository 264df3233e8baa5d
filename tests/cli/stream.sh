#!/bin/sh
# Lists on a terminal, streamed: `tasks` and `late` run on a pseudo-terminal
# (python3's pty module) size their text table from the first page of rows
# (100), print it, and print every later row in those widths: every line
# fits the terminal, codes are never cut, labels have room. To a pipe the
# table is sized over every row, as before. CSV and JSON are the same bytes
# on a terminal as on a pipe.
#
# The plan: one department, 150 tasks. The first 100 (plan order) have
# short codes (1.1.1 - 1.1.100) and titles, are done, and each has a 2021 Q1
# milestone still pending (late, the oldest); the last 50 have wider codes
# (12.34.101 - 12.34.150), long titles, and are in progress and late (due
# 2022-06-30). As of 2024-06-30: tasks lists 150, late 50 tasks and 100
# milestones, the milestones first.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

python3 - "$T/plan.json" <<'EOF'
import json, sys
tasks = []
for i in range(1, 151):
    early = i <= 100
    t = {"code": "1.1.%d" % i if early else "12.34.%d" % i,
         "title": "任务%d" % i if early else "推进以人为核心的新型城镇化第%d项重点任务，提升城市品质" % i,
         "document": "action", "chapter": 1, "section": 1, "lead": "省住房城乡建设厅", "provisional": False,
         "status": "done" if early else "in_progress", "progress": 100 if early else 50,
         "due": "2030-12-31" if early else "2022-06-30"}
    if early:
        t["milestones"] = [{"year": 2021, "quarter": 1, "target": "起步"}]
    tasks.append(t)
plan = {"format": "plancon-plan", "version": 1, "title": "流式输出测试",
        "documents": [{"key": "action", "title": "行动方案"}],
        "parts": [{"no": 1, "title": "第一篇"}],
        "chapters": [{"no": 1, "part": 1, "title": "第一章", "sections": [{"no": 1, "title": "一"}]}],
        "departments": [{"short": "省住房城乡建设厅", "name": "山东省住房和城乡建设厅"}],
        "tasks": tasks}
json.dump(plan, open(sys.argv[1], "w"), ensure_ascii=False)
EOF
"$PLANCON" import "$T/plan.json" --db "$T/plan.db" >/dev/null 2>&1
t_eq "import the plan of 150 tasks" 0 $?

# onterm COLS ROWS ARGS...: plancon on the database, its standard output a
# terminal of COLS x ROWS; prints what it wrote (no CR added: output
# processing is off), and exits with its status. Its standard error goes to
# $T/err.
cat >"$T/onterm.py" <<'EOF'
import os, pty, struct, sys, fcntl, termios
cols, rows = int(sys.argv[1]), int(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    attr = termios.tcgetattr(1)
    attr[1] &= ~termios.OPOST
    termios.tcsetattr(1, termios.TCSANOW, attr)
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.dup2(os.open(os.environ["ONTERM_ERR"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 2)
    os.execvp(sys.argv[3], sys.argv[3:])
out = bytearray()
while True:
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    out += data
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
EOF
onterm() {
	c=$1 r=$2
	shift 2
	ONTERM_ERR="$T/err" python3 "$T/onterm.py" "$c" "$r" "$PLANCON" --db "$T/plan.db" --as-of 2024-06-30 "$@"
}

# The widest line of a file, in terminal columns (CJK = 2).
widest() {
	python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max([w(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")] + [0]))' "$1"
}
# col FILE CODE TEXT: the display column where TEXT starts on the line of CODE.
col() {
	python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for l in open(sys.argv[1], encoding="utf-8"):
    if l.startswith(sys.argv[2] + " "):
        print(w(l[:l.index(sys.argv[3])]))
        break' "$1" "$2" "$3"
}

# ---- tasks -------------------------------------------------------------------------
unset COLUMNS
onterm 80 24 tasks --dept 省住房城乡建设厅 >"$T/tty.txt"
t_eq "tasks on a terminal: exit status" 0 $?
t_eq "tasks on a terminal: the header and 150 rows" 151 "$(wc -l <"$T/tty.txt")"
t_ok "tasks on a terminal: every line fits 80 columns" test "$(widest "$T/tty.txt")" -le 80
# Sized from the first page: the code column as wide as 1.1.100, not as
# 12.34.150 (as on a pipe, below); had the table waited for every row,
# the two would be the same.
t_match "tasks on a terminal: columns sized from the first page" "^Code     Title" "$(head -1 "$T/tty.txt")"
t_match "tasks on a terminal: a later, wider code is whole" "^12\.34\.150 推进" "$(cat "$T/tty.txt")"
t_match "tasks on a terminal: a later status has room" "^12\.34\.150 .*  in progress \(late\)  +50%  2022-06-30$" \
	"$(cat "$T/tty.txt")"
# The title column gets the width the first page leaves over (15), the
# code takes two columns: a space of its gap, one of the lead's.
t_match "tasks on a terminal: a later long title is cut with ~" \
	"^12\.34\.101 推进以人为核心~  省住房城乡建设~  in progress \(late\)" "$(cat "$T/tty.txt")"
t_eq "tasks on a terminal: the columns after the lead stay in place" \
	"$(col "$T/tty.txt" 1.1.1 done)" "$(col "$T/tty.txt" 12.34.150 'in progress')"

onterm 70 24 tasks --dept 省住房城乡建设厅 >"$T/tty70.txt"
t_ok "tasks on a terminal of 70 columns: every line fits" test "$(widest "$T/tty70.txt")" -le 70
t_eq "tasks on a terminal of 70 columns: 150 rows" 151 "$(wc -l <"$T/tty70.txt")"

# Not a terminal: sized over every row, so 12.34.150 sets the code column.
pc --as-of 2024-06-30 tasks --dept 省住房城乡建设厅 >"$T/pipe.txt"
t_match "tasks to a pipe: sized over every row" "^Code       Title" "$(head -1 "$T/pipe.txt")"
t_eq "tasks to a pipe: the title column starts at one place on every line" "11 11" \
	"$(col "$T/pipe.txt" 1.1.1 任务1) $(col "$T/pipe.txt" 12.34.150 推进)"

# No table for nothing; and an unknown department prints nothing.
out=$(onterm 80 24 tasks --dept 省住房城乡建设厅 --status blocked)
t_eq "tasks on a terminal, no match" "Code  Title  Lead  Status  Prog  Due
(no tasks match)" "$out"
out=$(onterm 80 24 tasks --dept 省没有这个厅)
t_eq "tasks on a terminal, unknown department: nothing on standard output" "" "$out"
t_match "tasks on a terminal, unknown department: said on standard error" "no department" "$(cat "$T/err")"

for f in csv json; do
	onterm 80 24 tasks --format $f >"$T/tty.$f"
	pc --as-of 2024-06-30 tasks --format $f >"$T/pipe.$f"
	t_ok "tasks --format $f: the same bytes on a terminal" cmp -s "$T/tty.$f" "$T/pipe.$f"
done

# ---- late --------------------------------------------------------------------------
onterm 80 24 late >"$T/late-tty.txt"
t_eq "late on a terminal: exit status" 0 $?
pc late --as-of 2024-06-30 >"$T/late-pipe.txt"
t_eq "late on a terminal: the title counts first" "Late as of 2024-06-30: 50 tasks, 100 milestones" \
	"$(head -1 "$T/late-tty.txt")"
t_eq "late on a terminal: the same title as on a pipe" "$(head -1 "$T/late-pipe.txt")" "$(head -1 "$T/late-tty.txt")"
t_eq "late on a terminal: title, header, 150 rows" 152 "$(wc -l <"$T/late-tty.txt")"
t_ok "late on a terminal: every line fits 80 columns" test "$(widest "$T/late-tty.txt")" -le 80
t_match "late on a terminal: a later row, code and status whole" \
	"^12\.34\.150 task +省住房城乡建 ~  2022-06-30   731  in progress  推进以人为核~$" "$(cat "$T/late-tty.txt")"
t_match "late on a terminal: sized from the first page" "^Code     What" "$(sed -n 2p "$T/late-tty.txt")"
t_match "late to a pipe: sized over every row" "^Code       What" "$(sed -n 2p "$T/late-pipe.txt")"
t_nomatch "late to a pipe: no spaces at line ends" " $" "$(cat "$T/late-pipe.txt")"

for f in csv json; do
	onterm 80 24 late --format $f >"$T/late-tty.$f"
	pc late --as-of 2024-06-30 --format $f >"$T/late-pipe.$f"
	t_ok "late --format $f: the same bytes on a terminal" cmp -s "$T/late-tty.$f" "$T/late-pipe.$f"
done
t_eq "late --format csv: a header and 150 rows" 151 "$(wc -l <"$T/late-pipe.csv")"

t_end
