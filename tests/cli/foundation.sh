#!/bin/sh
# The foundation's command line as a user meets it: the bundled plan's
# chapters, a department's tasks aligned in text and correct in CSV and
# JSON, one task in full, and the refusals: bad usage, a bad date, a
# malformed configuration and damaged or foreign databases, each with its
# exit status and without any file being changed.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

DEPT=省发展改革委
AS_OF=2022-06-30

# Display width of each line of stdin, one number per line: East Asian
# wide and fullwidth characters take 2 columns, combining marks 0 (the
# widths wcwidth gives in a UTF-8 locale).
cat >"$T/width.py" <<'EOF'
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
mode = sys.argv[1]
lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if mode == "max":
    print(max(width(l) for l in lines))
else:
    # the display column at which the text of argv[2] starts on each line
    # that contains it
    for l in lines:
        i = l.find(sys.argv[2])
        if i >= 0:
            print(width(l[:i]))
EOF
width() { python3 "$T/width.py" "$@"; }

# t_line NAME LINE TEXT: TEXT has LINE as one of its lines, exactly.
t_line() {
	if printf '%s\n' "$3" | grep -Fxq -- "$2"; then t_pass "$1"; else
		t_fail "$1" "no line:" "$2" "in:" "$3"
	fi
}

# t_refused NAME FILE STATUS PATTERN ARGS...: plancon --db FILE ARGS exits
# with STATUS, says something matching PATTERN on stderr, and leaves FILE
# byte for byte as it was, with no journal files beside it.
t_refused() {
	name=$1 file=$2 want=$3 pat=$4
	shift 4
	before=$(sha256sum <"$file")
	"$PLANCON" --db "$file" "$@" >"$T/out" 2>"$T/err"
	got=$?
	t_eq "$name: exit status" "$want" "$got"
	t_match "$name: message" "$pat" "$(cat "$T/err")"
	t_eq "$name: nothing on stdout" "" "$(cat "$T/out")"
	t_eq "$name: file unchanged" "$before" "$(sha256sum <"$file")"
	t_eq "$name: no journal left" "" "$(ls "$file"-* 2>/dev/null)"
}

# ---- first run ----------------------------------------------------------------
"$PLANCON" chapters >/dev/null 2>"$T/err"
t_eq "first run without --db: exit status" 0 $?
t_ok "first run creates \$XDG_DATA_HOME/plancon/plan.db" test -s "$XDG_DATA_HOME/plancon/plan.db"
t_eq "the database directory is private" 700 "$(stat -c %a "$XDG_DATA_HOME/plancon")"
t_eq "first run: nothing on stderr" "" "$(cat "$T/err")"
(unset XDG_DATA_HOME; "$PLANCON" depts >/dev/null 2>&1)
t_ok "without XDG_DATA_HOME: ~/.local/share/plancon/plan.db" test -s "$HOME/.local/share/plancon/plan.db"

t_newdb
t_ok "--db FILE creates FILE" test -s "$T/plan.db"

# ---- help and version -------------------------------------------------------------
out=$("$PLANCON" --help 2>&1)
t_eq "--help: exit status" 0 $?
t_match "--help: usage line" '^usage: plancon \[--db FILE\] \[--config FILE\] \[--as-of DATE\] \[COMMAND \[ARGS\]\]$' "$out"
for c in chapters tasks show depts indicators summary; do
	t_match "--help lists $c" "^  $c  " "$out"
done
out=$("$PLANCON" --version)
t_eq "--version: exit status" 0 $?
t_match "--version prints the version" '^plancon [0-9]+\.[0-9]+\.[0-9]+$' "$out"
# What cannot be written is an error, for --help and --version as for any command.
if mknod "$T/full" c 1 7 2>/dev/null; then
	for opt in --help --version; do
		out=$("$PLANCON" $opt 2>&1 >"$T/full"); rc=$?
		t_eq "$opt to a full device: exit status" 1 "$rc"
		t_match "$opt to a full device: says so" '^plancon: writing output: ' "$out"
	done
	rm -f "$T/full"
else
	printf '[  SKIPPED ] --help to a full device: mknod needs root\n'
fi

# ---- chapters ----------------------------------------------------------------------
expected='Parts
  1  指导思想、基本原则和主要目标  (1 chapter)
  2  深入推进“四化”：规划任务和重点举措  (4 chapters)
  3  规划实施保障  (1 chapter)

Part  Ch  Chapter                                  Sections  Tasks  Done  Progress%
   1   1  总体要求                                        3      0     0          -
   2   2  深入推进智慧城镇化 系统提升数字治理能力         5     12     0          0
   2   3  深入推进绿色城镇化 聚力打造美丽宜居生态         4     11     0          0
   2   4  深入推进均衡城镇化 扎实迈向全民共同富裕         6      8     0          0
   2   5  深入推进双向城镇化 加快实现城乡融合发展         3      4     0          0
   3   6  规划实施保障                                    0      0     0          -'
out=$(pc chapters)
t_eq "chapters: exit status" 0 $?
t_eq "chapters: 6 chapters in 3 parts" "$expected" "$out"
# A chapter with no task has no mean progress: "-", and empty in CSV.
t_eq "chapters --format csv" "part,chapter,title,sections,tasks,done,progress
1,1,总体要求,3,0,0,
2,2,深入推进智慧城镇化 系统提升数字治理能力,5,12,0,0" "$(pc chapters --format csv | head -3 | tr -d '\r')"
t_eq "chapters --format json: 6 objects" 6 \
	"$(pc chapters --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"

# ---- tasks --dept ---------------------------------------------------------------------
codes='2.1.2 3.1.1 4.1.1 4.2.1 4.2.2 4.3.1 4.4.1 4.6.1 5.3.1'
pc --as-of "$AS_OF" tasks --dept "$DEPT" >"$T/text" 2>"$T/err"
t_eq "tasks --dept: exit status" 0 $?
t_eq "tasks --dept: nothing on stderr" "" "$(cat "$T/err")"
t_eq "tasks --dept $DEPT: its 9 tasks" "$codes" \
	"$(sed -n 's/^\([0-9][0-9.]*\) .*/\1/p' "$T/text" | tr '\n' ' ' | sed 's/ $//')"
# To a pipe with no COLUMNS nothing is cut: the Title column is as wide as
# the longest title.
t_match "tasks --dept: header" '^Code   Title +Lead           Status       Prog  Due$' "$(cat "$T/text")"
t_match "tasks --dept: a row, provisional lead marked" \
	'^2\.1\.2  加快新型基础设施建设 +省发展改革委\*  not started    0%  2023-12-31$' "$(cat "$T/text")"
t_match "tasks --dept: a long title whole (no width to a pipe)" \
	'^3\.1\.1  将碳达峰、碳中和目标纳入城乡发展整体布局，发挥规划导向和约束作用 +省发展改革委\*  not started' \
	"$(cat "$T/text")"
t_eq "tasks --dept: nothing cut" "" "$(grep '~' "$T/text")"
t_match "tasks: a long department name keeps its provisional mark" \
	'^3\.2\.1  创新城市绿色发展模式，推广绿色节能建筑 +省住房城乡建设厅\*  not started    0%  -$' \
	"$(pc --as-of "$AS_OF" tasks --dept 省住房城乡建设厅)"
t_line "tasks --dept: the provisional note" \
	'* provisional: the lead department is inferred, not yet confirmed' "$(cat "$T/text")"
t_eq "tasks --dept: Status starts at one display column on all 10 lines" "10" \
	"$( (head -1 "$T/text" | width col Status; grep 'not started' "$T/text" | width col 'not started') | sort | uniq -c | awk '{print $1}')"

# Width-limited: $COLUMNS when the output is not a terminal.
COLUMNS=80 pc --as-of "$AS_OF" tasks --dept "$DEPT" >"$T/narrow"
t_eq "COLUMNS=80 tasks --dept: still 9 tasks" 9 "$(grep -c '^[0-9]' "$T/narrow")"
t_eq "COLUMNS=80 tasks --dept: the widest line fills 80 columns" 80 "$(width max <"$T/narrow")"
t_eq "COLUMNS=80 tasks --dept: Status aligned" 1 \
	"$( (head -1 "$T/narrow" | width col Status; grep 'not started' "$T/narrow" | width col 'not started') | sort -u | wc -l)"
t_line "COLUMNS=80 tasks --dept: a cut title" \
	'3.1.1  将碳达峰、碳中和目标纳入城~  省发展改革委*  not started    0%  2023-12-31' "$(cat "$T/narrow")"
for cmd in chapters tasks depts indicators summary; do
	w=$(COLUMNS=80 pc --as-of 2026-01-01 $cmd | width max)
	[ "$w" -le 80 ] && t_pass "COLUMNS=80 $cmd: widest line $w" || t_fail "COLUMNS=80 $cmd: widest line $w > 80"
done
w=$(COLUMNS=70 pc --as-of 2026-01-01 tasks --dept 省住房城乡建设厅 --role any | width max)
[ "$w" -le 70 ] && t_pass "COLUMNS=70 tasks: widest line $w" || t_fail "COLUMNS=70 tasks: widest line $w > 70"

# The full name finds the same department; --role and the filters combine.
t_eq "tasks --dept by full name" "$(pc tasks --dept "$DEPT" --format csv)" \
	"$(pc tasks --dept 山东省发展和改革委员会 --format csv)"
t_eq "tasks --dept --role coop" "2.1.3 2.5.1 2.5.3 3.2.1 5.1.1 5.3.2" \
	"$(pc tasks --dept "$DEPT" --role coop | sed -n 's/^\([0-9][0-9.]*\) .*/\1/p' | tr '\n' ' ' | sed 's/ $//')"
t_eq "tasks --dept --role any: 15 tasks" 15 "$(pc tasks --dept "$DEPT" --role any | grep -c '^[0-9]')"
t_eq "tasks --dept --late as of 2024-01-01" "2.1.2 3.1.1" \
	"$(pc --as-of 2024-01-01 tasks --dept "$DEPT" --late | sed -n 's/^\([0-9][0-9.]*\) .*/\1/p' | tr '\n' ' ' | sed 's/ $//')"
t_match "tasks --late marks late rows" '^2\.1\.2 .* not started \(late\) ' "$(pc --as-of 2024-01-01 tasks --late)"
t_eq "tasks --search 垃圾分类" "3.2.4" "$(pc tasks --search 垃圾分类 --format csv | tail -n +2 | cut -d, -f1)"
t_eq "tasks --status 推进中 (Chinese name): none yet" "(no tasks match)" "$(pc tasks --status 推进中 | tail -1)"
t_eq "tasks --chapter 5 --format csv: 4 tasks" 5 "$(pc tasks --chapter 5 --format csv | wc -l)"

# ---- CSV (RFC 4180) and JSON ---------------------------------------------------------
pc --as-of "$AS_OF" tasks --dept "$DEPT" --format csv >"$T/csv"
t_eq "tasks --format csv: exit status" 0 $?
t_eq "csv: every line ends in CRLF" "10 10" "$(grep -c . "$T/csv") $(grep -c "$(printf '\r')\$" "$T/csv")"
t_eq "csv: parsed as RFC 4180" "ok" "$(python3 - "$T/csv" "$codes" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, strict=True))
head = ["code", "title", "lead", "status", "progress", "due", "chapter", "section", "cooperating",
        "provisional", "start", "late", "document", "version"]
assert rows[0] == head, rows[0]
assert [r[0] for r in rows[1:]] == sys.argv[2].split(), [r[0] for r in rows[1:]]
assert all(len(r) == len(head) for r in rows), "ragged"
r = dict(zip(head, rows[2]))
assert r["title"] == "将碳达峰、碳中和目标纳入城乡发展整体布局，发挥规划导向和约束作用", r["title"]   # never cut
assert r["lead"] == "省发展改革委" and r["status"] == "not_started" and r["provisional"] == "1", r
assert r["due"] == "2023-12-31" and r["late"] == "0" and r["progress"] == "0", r
print("ok")
EOF
)"
pc --as-of "$AS_OF" tasks --dept "$DEPT" --format json >"$T/json"
t_eq "tasks --format json: exit status" 0 $?
python3 -m json.tool "$T/json" >/dev/null 2>"$T/err"
t_eq "json: python3 -m json.tool accepts it" "0:" "$?:$(cat "$T/err")"
t_eq "json: the 9 tasks with their fields" "ok" "$(python3 - "$T/json" "$codes" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
assert [r["code"] for r in rows] == sys.argv[2].split()
r = rows[0]
assert r["provisional"] is True and r["late"] is False and r["progress"] == 0, r
assert r["chapter"] == 2 and r["section"] == 1 and r["version"] == 1, r
assert rows[3]["due"] is None, rows[3]
print("ok")
EOF
)"
t_eq "tasks with no match, json: []" "[]" "$(pc tasks --chapter 6 --format json)"
t_eq "depts --format json" "ok" "$(pc depts --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d) == 22 and d[0]["short"] == "省发展改革委" and d[0]["lead"] == 9, d[0]
print("ok")')"
t_eq "indicators --format json" "ok" "$(pc indicators --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d) == 5 and d[0]["baseline"] == {"year": 2020, "value": 63.05}, d[0]
assert {"year": 2035, "value": 75, "op": "~"} in d[0]["targets"], d[0]
print("ok")')"

# ---- show ------------------------------------------------------------------------------
out=$(pc --as-of "$AS_OF" show 2.2.3 2>"$T/err")
t_eq "show 2.2.3: exit status" 0 $?
t_line "show: title" '2.2.3  实施智慧社区（村居）提升工程' "$out"
t_line "show: section" 'Section:      2.2 健全智慧服务体系' "$out"
t_line "show: lead" 'Lead:         省民政厅 (山东省民政厅) (provisional)' "$out"
t_line "show: cooperating" 'Cooperating:  省住房城乡建设厅、省大数据局 (provisional)' "$out"
t_line "show: status" 'Status:       not started, 0%' "$out"
t_line "show: milestone 2025" '  2025     pending          建成智慧社区（村居）5000个左右' "$out"
t_line "show: milestone 2035" '  2035     pending          智慧社区（村居）全覆盖' "$out"
t_match "show: late milestone at a later date" '^  2025     pending \(late\) +建成智慧社区' \
	"$(pc --as-of 2026-01-01 show 2.2.3)"
out=$(pc show 9.9.9 2>"$T/err")
t_eq "show 9.9.9: exit status" "1" "$?"
t_eq "show 9.9.9: message" 'plancon: no task "9.9.9"' "$(cat "$T/err")"
t_eq "show 9.9.9: nothing on stdout" "" "$out"

# ---- usage errors: exit 2 and a usage line on stderr --------------------------------------
usage_case() { # NAME USAGE-PATTERN ARGS...
	name=$1 pat=$2
	shift 2
	"$PLANCON" --db "$T/plan.db" "$@" >"$T/out" 2>"$T/err"
	t_eq "$name: exit status" 2 $?
	t_match "$name: usage on stderr" "$pat" "$(cat "$T/err")"
	t_eq "$name: nothing on stdout" "" "$(cat "$T/out")"
}
usage_case "unknown command" '^usage: plancon \[--db FILE\]' frobnicate
t_match "unknown command: named" '^plancon: unknown command "frobnicate"$' "$(cat "$T/err")"
usage_case "unknown global option" '^usage: plancon \[--db FILE\]' --frobnicate chapters
usage_case "global option without its value" '^usage: plancon ' --as-of
usage_case "unknown tasks option" '^usage: plancon tasks \[--chapter N\]' tasks --frobnicate
usage_case "tasks --format xml" '^usage: plancon tasks ' tasks --format xml
usage_case "tasks --chapter x" '^usage: plancon tasks ' tasks --chapter x
usage_case "tasks --status unknown" '^usage: plancon tasks ' tasks --status someday
usage_case "tasks --role without --dept" '^usage: plancon tasks ' tasks --role coop
usage_case "tasks --role bad" '^usage: plancon tasks ' tasks --dept "$DEPT" --role boss
usage_case "tasks extra argument" '^usage: plancon tasks ' tasks 2.1.1
usage_case "show without a code" '^usage: plancon show CODE \[--format text\|json\]$' show
usage_case "show two codes" '^usage: plancon show CODE \[--format text\|json\]$' show 2.1.1 2.1.2
usage_case "chapters --format md" '^usage: plancon chapters ' chapters --format md
usage_case "summary with an argument" '^usage: plancon summary' summary extra
pc tasks --dept 不存在的部门 >"$T/out" 2>"$T/err"
t_eq "tasks --dept unknown: exit status" 1 $?
t_eq "tasks --dept unknown: message" 'plancon: no department "不存在的部门" (plancon depts lists them)' "$(cat "$T/err")"

# ---- dates -------------------------------------------------------------------------------
for d in 2023-13-01 2023-02-29 2023-6-1 today; do
	pc --as-of "$d" chapters >"$T/out" 2>"$T/err"
	t_eq "--as-of $d: exit status" 2 $?
	t_eq "--as-of $d: message" "plancon: --as-of: expected a date YYYY-MM-DD, got \"$d\"" "$(cat "$T/err")"
done
t_status "--as-of 2024-02-29 (leap day)" 0 pc --as-of 2024-02-29 chapters

# ---- configuration errors: exit 2, file and key named, database untouched --------------------
sum=$(sha256sum <"$T/plan.db")
printf '[core\nas_of = 2022-01-01\n' >"$T/syntax.ini"
printf '[core]\nas_of = 2022-01-01\nfrobnicate = 1\n' >"$T/key.ini"
printf '[core]\nas_of = 2022-02-30\n' >"$T/value.ini"
pc --config "$T/syntax.ini" chapters >"$T/out" 2>"$T/err"
t_eq "config syntax error: exit status" 2 $?
t_match "config syntax error: names the file and line" "^plancon: $T/syntax.ini: line 1: " "$(cat "$T/err")"
pc --config "$T/key.ini" chapters >"$T/out" 2>"$T/err"
t_eq "config unknown key: exit status" 2 $?
t_match "config unknown key: names the file and key" "^plancon: $T/key.ini: \[core\] frobnicate: unknown key" "$(cat "$T/err")"
pc --config "$T/value.ini" chapters >"$T/out" 2>"$T/err"
t_eq "config bad value: exit status" 2 $?
t_match "config bad value: names the file, key and value" "^plancon: $T/value.ini: \[core\] as_of: .*2022-02-30" "$(cat "$T/err")"
pc --config "$T/missing.ini" chapters >"$T/out" 2>"$T/err"
t_eq "config file missing: exit status" 2 $?
t_match "config file missing: named" "$T/missing.ini" "$(cat "$T/err")"
t_eq "config errors: nothing on stdout" "" "$(cat "$T/out")"
t_eq "config errors: database unchanged" "$sum" "$(sha256sum <"$T/plan.db")"
mkdir -p "$XDG_CONFIG_HOME/plancon"
printf '[ui]\ncolour = yes\n' >"$XDG_CONFIG_HOME/plancon/plancon.ini"
pc chapters >"$T/out" 2>"$T/err"
t_eq "user config with an unknown key: exit status" 2 $?
t_match "user config with an unknown key: named" "$XDG_CONFIG_HOME/plancon/plancon.ini: \[ui\] colour" "$(cat "$T/err")"
rm "$XDG_CONFIG_HOME/plancon/plancon.ini"
printf '[core]\nas_of = 2024-01-01\n' >"$T/asof.ini"
t_match "config as_of is the as-of date" '^Late as of 2024-01-01: 11$' "$(pc --config "$T/asof.ini" summary)"
t_match "--as-of overrides the config" '^Late as of 2022-06-30: 0$' "$(pc --config "$T/asof.ini" --as-of 2022-06-30 summary)"

# ---- damaged and foreign databases: exit 1, file named, unchanged ---------------------------
head -c 50000 "$T/plan.db" >"$T/truncated.db"
t_refused "truncated database" "$T/truncated.db" 1 "$T/truncated.db is damaged" tasks
cp "$T/plan.db" "$T/garbage.db"
printf 'this is not a database at all!!' | dd of="$T/garbage.db" conv=notrunc 2>/dev/null
t_refused "garbage header" "$T/garbage.db" 1 "$T/garbage.db is not a plancon database \(no SQLite header\)" chapters
cp "$T/plan.db" "$T/badpage.db"
printf '\377\377\377\377\377\377\377\377' | dd of="$T/badpage.db" bs=1 seek=16 conv=notrunc 2>/dev/null
t_refused "SQLite magic with a garbage header" "$T/badpage.db" 1 "$T/badpage.db" chapters
: >"$T/empty.db"
t_refused "empty file" "$T/empty.db" 1 "$T/empty.db is not a plancon database \(the file is empty\)" chapters
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE notes (body TEXT)"); c.execute("INSERT INTO notes VALUES (?)", ("hello",)); c.commit()' "$T/other.db"
t_refused "another program's SQLite database" "$T/other.db" 1 "$T/other.db is an SQLite database but not a plancon database" chapters
cp "$T/plan.db" "$T/newer.db"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 99"); c.commit(); c.close()' "$T/newer.db"
t_refused "database from a newer plancon" "$T/newer.db" 1 "$T/newer.db was made by a newer plancon \(schema version 99" summary

# ---- special files as the database: refused at once, never opened ----------------------------
# A FIFO would block open() forever: every command is run under timeout,
# so that a hang fails (exit 124) instead of stopping the suite.
mkdir "$T/adir.db"
mkfifo "$T/fifo.db"
ln -s fifo.db "$T/linkfifo.db"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/sock.db"
# special NAME WHAT: $T/NAME is refused by every way in, each saying it is WHAT.
special() {
	f="$T/$1"
	want="^plancon: $f is $2, not a database file; it was not opened\$"
	for cmd in summary "set 2.1.1 --status in_progress" check "backup $T/special-backup.db"; do
		# shellcheck disable=SC2086
		out=$(timeout 10 "$PLANCON" --db "$f" $cmd 2>&1 </dev/null); rc=$?
		t_eq "$1 as the database: ${cmd%% *} (exit status)" 1 "$rc"
		t_match "$1 as the database: ${cmd%% *} says what it is" "$want" "$out"
	done
	out=$(timeout 10 script -qec "$PLANCON --db $f" "$T/typescript" 2>&1 </dev/null); rc=$?
	t_eq "$1 as the database: the console, on a terminal (exit status)" 1 "$rc"
	t_match "$1 as the database: the console says what it is" "$want" "$(printf '%s\n' "$out" | tr -d '\r')"
	out=$(timeout 10 "$PLANCON" import "$TOP/db/plan/shandong-urbanization.json" --db "$f" 2>&1 </dev/null); rc=$?
	t_eq "$1 as import's target (exit status)" 1 "$rc"
	t_match "$1 as import's target: says what it is" "$want" "$out"
	out=$(timeout 10 "$PLANCON" demo --db "$f" 2>&1 </dev/null); rc=$?
	t_eq "$1 as demo's database (exit status)" 1 "$rc"
	t_match "$1 as demo's database: says what it is" "$want" "$out"
}
special adir.db "a directory"
special fifo.db "a named pipe \(FIFO\)"
special linkfifo.db "a named pipe \(FIFO\)"
special sock.db "a socket"
if mknod "$T/dev.db" c 1 3 2>/dev/null; then
	special dev.db "a character device"
else
	printf '[  SKIPPED ] a character device as the database: mknod needs root\n'
fi
# ... and as the plan file import reads: refused at once, naming it.
for f in fifo.db adir.db; do
	out=$(timeout 10 "$PLANCON" import "$T/$f" --db "$T/from-special.db" 2>&1 </dev/null); rc=$?
	t_eq "$f as import's plan file (exit status)" 2 "$rc"
	t_match "$f as import's plan file: says what it is" "$T/$f: is (not a regular file|a directory, not a file)\$" "$out"
done
t_ok "special files as the plan file: no database made" test ! -e "$T/from-special.db"
t_eq "special files: no backup was made" no "$([ -e "$T/special-backup.db" ] && echo yes || echo no)"
t_eq "special files: still what they were" "directory fifo fifo socket" \
	"$(for f in adir fifo linkfifo sock; do stat -L -c %F "$T/$f.db"; done | tr '\n' ' ' | sed 's/ $//')"
cp "$T/plan.db" "$T/walfifo.db"
mkfifo "$T/walfifo.db-wal"
out=$(timeout 10 "$PLANCON" --db "$T/walfifo.db" summary 2>&1); rc=$?
t_eq "a FIFO as the database's -wal file (exit status)" 1 "$rc"
t_match "a FIFO as the database's -wal file: says so" "walfifo\.db-wal is a named pipe \(FIFO\), not a database file" "$out"
ln -s plan.db "$T/link.db"
t_match "a symbolic link to the database is fine" "^Tasks: 35" "$(timeout 10 "$PLANCON" --db "$T/link.db" summary 2>&1)"
t_eq "the good database still works after all that" 0 "$(pc chapters >/dev/null 2>&1; echo $?)"

t_end
