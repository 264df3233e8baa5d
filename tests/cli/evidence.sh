#!/bin/sh
# Evidence (佐证材料) from the command line: plancon evidence add reads the
# file from standard input only, get writes it to standard output only (and
# not to a terminal), list and show list it. The lead department and a
# cooperating one may attach a file, a viewer may not; the first file of a
# period makes a draft report; an accepted report takes no more; a file
# over [cycle] evidence_max, an empty one, a bad name, a bad period are
# refused with nothing stored; the cycle off refuses them all.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

ME=$(id -un)
t_newdb
CONF="$T/cycle.ini"
printf '[cycle]\nenabled = yes\noffice = 省发展改革委\nevidence_max = 1000\n' >"$CONF"
ASOF=2024-04-05
ev() { "$PLANCON" --db "$T/plan.db" --config "$CONF" --as-of "$ASOF" "$@"; }
run() {
	name=$1 want=$2
	shift 2
	ev "$@" >"$T/out" 2>"$T/err" </dev/null
	got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	t_eq "$name: exit status" "$want" "$got"
}
# add NAME STATUS USER INPUT ARGS...: evidence add as USER with INPUT on standard input.
add() {
	name=$1 want=$2 u=$3 in=$4
	shift 4
	ev --user "$u" evidence add "$@" <"$in" >"$T/out" 2>"$T/err"
	got=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	t_eq "$name: exit status" "$want" "$got"
}
rows() { sqlite3 "$T/plan.db" "SELECT count(*) FROM evidence"; }
reports() { sqlite3 "$T/plan.db" "SELECT count(*) FROM reports"; }

pc init --admin "$ME" >/dev/null
pc user add zhang --role editor --dept 省住房城乡建设厅 >/dev/null
pc user add li --role editor --dept 省生态环境厅 >/dev/null
pc user add wang --role viewer >/dev/null
printf '%s\n' '污水处理厂验收报告' '第二页' >"$T/report.txt"
SHA=$(sha256sum <"$T/report.txt" | cut -d' ' -f1)
SIZE=$(wc -c <"$T/report.txt")

# ---- the lead department adds, a cooperating one too -----------------------------------
add "lead adds" 0 zhang "$T/report.txt" 3.2.3 --name 验收报告.pdf
t_eq "lead adds: id, size, sha256, period, a new draft" \
	"evidence 1: 验收报告.pdf, $SIZE bytes, sha256 $SHA (3.2.3, report 2024-03, a new draft)" "$OUT"
t_eq "lead adds: a draft report of the period" "2024-03|draft|2024-04-05|not_started|0" \
	"$(sqlite3 "$T/plan.db" "SELECT period, state, due, status, progress FROM reports")"
t_eq "lead adds: stored bytes and sha256" "$SIZE|$SHA|zhang|$ME" \
	"$(sqlite3 "$T/plan.db" "SELECT length(data), sha256, who, actor FROM evidence WHERE id = 1")"
add "cooperating department adds" 0 li "$T/report.txt" 3.2.3 --name 照片.jpg
t_match "cooperating: the same report" "^evidence 2: 照片\.jpg, .*\(3\.2\.3, report 2024-03\)$" "$OUT"
t_eq "cooperating: no second report" 1 "$(reports)"
add "a named period" 0 zhang "$T/report.txt" 3.2.3 --name 月报.docx --period 2024-04
t_match "a named period: its report" "report 2024-04, a new draft" "$OUT"
add "viewer refused" 1 wang "$T/report.txt" 3.2.3 --name x.pdf
t_match "viewer refused: why" "wang is a viewer" "$ERR"
add "not a department of the task" 1 zhang "$T/report.txt" 2.1.1 --name x.pdf
t_match "not a department of the task: why" "2\.1\.1 is led by .*, not by 省住房城乡建设厅" "$ERR"
pc user add zhao --role editor --dept 省发展改革委 >/dev/null
add "the office, on a task it neither leads nor cooperates on" 1 zhao "$T/report.txt" 3.2.3 --name x.pdf
t_eq "refusals stored nothing" 3 "$(rows)"

# ---- get, list, show -------------------------------------------------------------------
ev evidence get 1 >"$T/got" 2>"$T/err"
t_eq "get: exit status" 0 "$?"
t_ok "get: the same bytes" cmp "$T/report.txt" "$T/got"
run "get: unknown id" 1 evidence get 99
t_eq "get: unknown id: says so" "plancon: no evidence 99 (plancon evidence list shows them)" "$ERR"
run "get: not a number" 2 evidence get x1
run "get: no id" 2 evidence get
# A terminal on standard output: refused, through a real one (script(1)).
script -qec "$PLANCON --db $T/plan.db --config $CONF evidence get 1; echo rc=\$?" /dev/null >"$T/tty" 2>&1
t_match "get to a terminal: refused" "redirect it: > FILE" "$(cat "$T/tty")"
t_match "get to a terminal: exit status 2" "rc=2" "$(cat "$T/tty")"
t_nomatch "get to a terminal: no bytes of the file" "污水处理厂" "$(cat "$T/tty")"
script -qec "$PLANCON --db $T/plan.db --config $CONF --user zhang evidence add 3.2.3 --name t.txt; echo rc=\$?" /dev/null \
	</dev/null >"$T/tty" 2>&1
t_match "add from a terminal: refused" "the file comes on standard input" "$(cat "$T/tty")"
run "list" 0 evidence list --format csv
t_eq "list: CSV" "id,task,period,name,size,sha256,who,actor,at
1,3.2.3,2024-03,验收报告.pdf,$SIZE,$SHA,zhang,$ME,
2,3.2.3,2024-03,照片.jpg,$SIZE,$SHA,li,$ME,
3,3.2.3,2024-04,月报.docx,$SIZE,$SHA,zhang,$ME," "$(printf '%s\n' "$OUT" | tr -d '\r' | sed 's/,[0-9T:Z-]*$/,/')"
run "list of a task and a period" 0 evidence list 3.2.3 --period 2024-04 --format json
t_match "list: JSON of one period" '"name": ?"月报\.docx"' "$OUT"
t_nomatch "list: only that period" "验收报告" "$OUT"
run "list: unknown task" 1 evidence list 9.9.9
run "list: text" 0 evidence list 2.1.1
t_eq "list: none" "(no evidence)" "$OUT"
run "show" 0 show 3.2.3
t_match "show: evidence lines" "^  1  2024-03  验收报告\.pdf  $SIZE bytes  sha256 ${SHA%????????????????????????????????????????????????????}  $ME for zhang  " "$OUT"
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 ev log 3.2.3 >"$T/out" 2>&1
t_match "log in Chinese: the evidence line" "佐证材料 2024-03 +- +验收报告\.pdf" "$(cat "$T/out")"
LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 ev show 3.2.3 >"$T/out" 2>&1
t_match "show in Chinese: the evidence heading" "^佐证材料：$" "$(cat "$T/out")"
run "show without evidence" 0 show 2.1.1
t_nomatch "show without evidence: no heading" "^Evidence:" "$OUT"

# ---- bad input: nothing stored ---------------------------------------------------------
head -c 1001 /dev/zero >"$T/big"
head -c 1000 /dev/zero >"$T/max"
add "over evidence_max" 2 zhang "$T/big" 3.2.3 --name big.bin
t_match "over evidence_max: why" "larger than 1000 bytes \(\[cycle\] evidence_max\); nothing was stored" "$ERR"
t_eq "over evidence_max: nothing stored" 3 "$(rows)"
add "exactly evidence_max" 0 zhang "$T/max" 3.2.3 --name max.bin
t_eq "exactly evidence_max: stored" 4 "$(rows)"
: >"$T/empty"
add "empty file" 2 zhang "$T/empty" 3.2.3 --name empty.txt
t_match "empty file: why" "the file is empty" "$ERR"
mknod "$T/null" c 1 3 2>/dev/null && {
	add "a /dev/null twin as input" 2 zhang "$T/null" 3.2.3 --name null.txt
	t_match "a /dev/null twin: empty" "the file is empty" "$ERR"
}
mkfifo "$T/fifo"
( printf 'through a pipe' >"$T/fifo" ) &
timeout 10 "$PLANCON" --db "$T/plan.db" --config "$CONF" --as-of "$ASOF" --user zhang evidence add 3.2.3 --name pipe.txt \
	<"$T/fifo" >"$T/out" 2>&1
t_eq "a FIFO as input: exit status" 0 "$?"
t_match "a FIFO as input: its 14 bytes" "pipe\.txt, 14 bytes" "$(cat "$T/out")"
wait
add "a name with /" 2 zhang "$T/report.txt" 3.2.3 --name ../etc/passwd
t_match "a name with /: why" "without a directory \(no '/'\)" "$ERR"
add "a name with a control character" 2 zhang "$T/report.txt" 3.2.3 --name "$(printf 'a\033[2Jb')"
t_match "a control character: why" "control character \(U\+001B\)" "$ERR"
add "a name with a bidi override" 2 zhang "$T/report.txt" 3.2.3 --name "$(printf 'a\342\200\256fdp.exe')"
t_match "a bidi override: why" "invisible formatting character" "$ERR"
add "a name of 256 bytes" 2 zhang "$T/report.txt" 3.2.3 --name "$(head -c 256 /dev/zero | tr '\0' a)"
add "a name of invalid UTF-8" 2 zhang "$T/report.txt" 3.2.3 --name "$(printf 'a\377b')"
add "an empty name" 2 zhang "$T/report.txt" 3.2.3 --name ""
add "no --name" 2 zhang "$T/report.txt" 3.2.3
add "a path instead of standard input" 2 zhang "$T/report.txt" 3.2.3 "$T/report.txt" --name x.txt
t_match "a path: no file argument exists" "the file comes on standard input" "$ERR"
add "a future period" 2 zhang "$T/report.txt" 3.2.3 --name x.txt --period 2024-05
add "a quarter in a monthly cycle" 2 zhang "$T/report.txt" 3.2.3 --name x.txt --period 2024-Q1
add "before the first period" 2 zhang "$T/report.txt" 3.2.3 --name x.txt --period 2023-12
add "unknown task" 1 zhang "$T/report.txt" 9.9.9 --name x.txt
t_eq "bad input stored nothing" 5 "$(rows)"

# ---- the report's state ------------------------------------------------------------------
sqlite3 "$T/plan.db" "UPDATE reports SET state = 'submitted', rev = 1, first_local = '2024-04-03 10:00:00', version = version + 1 WHERE period = '2024-03'"
add "a submitted report takes more" 0 zhang "$T/report.txt" 3.2.3 --name 补充.pdf
sqlite3 "$T/plan.db" "UPDATE reports SET state = 'accepted', version = version + 1 WHERE period = '2024-03'"
add "an accepted report takes no more" 1 zhang "$T/report.txt" 3.2.3 --name 迟到.pdf
t_match "accepted: why" "the report for 2024-03 was accepted" "$ERR"
t_eq "accepted: nothing stored" 6 "$(rows)"

# ---- an administrator, and a damaged file ------------------------------------------------
add "an administrator adds" 0 "$ME" "$T/report.txt" 2.1.1 --name 总结.pdf
t_match "an administrator adds: a report of the lead department" "\(2\.1\.1, report 2024-03, a new draft\)" "$OUT"
sqlite3 "$T/plan.db" "DROP TRIGGER evidence_no_update; UPDATE evidence SET data = CAST(zeroblob(size) AS BLOB) WHERE id = 1"
ev evidence get 1 >"$T/got" 2>"$T/err"
t_eq "get of a damaged file: refused (exit status)" 1 "$?"
t_match "get of a damaged file: why" "evidence 1: the stored file does not match its sha256; run plancon check" "$(cat "$T/err")"
t_eq "get of a damaged file: nothing written" 0 "$(wc -c <"$T/got")"

# ---- the cycle off -------------------------------------------------------------------------
printf '[cycle]\nenabled = no\n' >"$T/off.ini"
pc --config "$T/off.ini" --user zhang evidence add 3.2.3 --name x.txt <"$T/report.txt" >"$T/out" 2>"$T/err"
t_eq "cycle off: refused (exit status)" 1 "$?"
t_match "cycle off: why" "the supervision cycle is off" "$(cat "$T/err")"
t_eq "cycle off: nothing stored" 7 "$(rows)"

t_end
