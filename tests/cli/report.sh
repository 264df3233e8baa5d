#!/bin/sh
# Reports and whole-plan moves, end to end: plancon report (every grouping,
# text within 80 columns, CSV read back strictly, JSON through json.tool,
# Markdown's table shape, an XLSX workbook unzipped and its XML checked),
# plancon late at three dates, export -> import -> export byte for byte, and
# every way import refuses a plan file: with the location of the problem,
# and without writing anything.
#
# The plan is written here by hand; every figure checked below is worked
# out in the comment above it.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

# The plan (the same as tests/unit/test_report.c's):
#  task   ch doc     lead    status       prog due         milestones
#  1.1.1  1  action  省甲厅  in_progress  40   2023-06-30  2022 pending, 2023Q1 pending, 2023Q2 done
#  1.1.2  1  action  省甲厅  done         100  2022-12-31  2022 done
#  1.2.1  1  action  省乙委  blocked      10   2022-06-30  2022Q3 pending, 2023 pending
#  2.0.1  2  long    省乙委  not_started  0    2024-12-31  2024Q4 pending
#  2.0.2  2  long    -       cancelled    0    2021-12-31  2021 pending
#  2.0.3  2  long    省甲厅  in_progress  70   -           2023Q4 missed
#  1.1.3  1  action  省乙委  not_started  0    2023-12-31  2023Q2 pending
cat >"$T/plan.json" <<'EOF'
{"format": "plancon-plan", "version": 1, "title": "测试规划",
 "documents": [{"key": "long", "title": "长期规划"}, {"key": "action", "title": "行动方案"}],
 "parts": [{"no": 1, "title": "第一篇"}],
 "chapters": [
  {"no": 1, "part": 1, "title": "第一章 推进智慧城镇化 系统提升数字治理能力", "sections": [{"no": 1, "title": "一"}, {"no": 2, "title": "二"}]},
  {"no": 2, "part": 1, "title": "第二章"},
  {"no": 3, "part": 1, "title": "第三章"}],
 "departments": [{"short": "省甲厅", "name": "山东省甲厅"}, {"short": "省乙委", "name": "山东省乙委员会"},
  {"short": "省城镇化工作领导小组办公室", "name": "山东省城镇化工作领导小组办公室"}],
 "tasks": [
  {"code": "1.1.1", "title": "任务一", "document": "action", "chapter": 1, "section": 1, "lead": "省甲厅",
   "cooperating": ["省乙委"], "status": "in_progress", "progress": 40, "due": "2023-06-30",
   "milestones": [{"year": 2022, "target": "起步"}, {"year": 2023, "quarter": 1}, {"year": 2023, "quarter": 2, "status": "done"}]},
  {"code": "1.1.2", "title": "任务二", "document": "action", "chapter": 1, "section": 1, "lead": "省甲厅",
   "status": "done", "progress": 100, "due": "2022-12-31", "milestones": [{"year": 2022, "status": "done"}]},
  {"code": "1.2.1", "title": "任务三", "document": "action", "chapter": 1, "section": 2, "lead": "省乙委",
   "status": "blocked", "progress": 10, "due": "2022-06-30",
   "milestones": [{"year": 2022, "quarter": 3}, {"year": 2023}]},
  {"code": "2.0.1", "title": "任务四", "document": "long", "chapter": 2, "lead": "省乙委",
   "due": "2024-12-31", "milestones": [{"year": 2024, "quarter": 4}]},
  {"code": "2.0.2", "title": "任务五", "document": "long", "chapter": 2,
   "status": "cancelled", "due": "2021-12-31", "milestones": [{"year": 2021}]},
  {"code": "2.0.3", "title": "任务六", "document": "long", "chapter": 2, "lead": "省甲厅",
   "status": "in_progress", "progress": 70, "milestones": [{"year": 2023, "quarter": 4, "status": "missed"}]},
  {"code": "1.1.3", "title": "任务七", "document": "action", "chapter": 1, "section": 1, "lead": "省乙委",
   "due": "2023-12-31", "milestones": [{"year": 2023, "quarter": 2}]}],
 "indicators": [{"name": "城镇化率", "unit": "%", "baseline": {"year": 2020, "value": 63.05},
   "targets": [{"year": 2025, "value": 68, "op": "~"}], "actuals": [{"year": 2022, "value": 64.5}]}]}
EOF

out=$("$PLANCON" import "$T/plan.json" --db "$T/plan.db" 2>&1)
t_eq "import the hand-made plan" "imported $T/plan.json into $T/plan.db: 7 tasks" "$out"

# The widest line of a file, in terminal columns (CJK = 2).
widest() {
	python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max([w(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")] + [0]))' "$1"
}
# A row of a text report with its spaces squeezed: row FILE LABEL.
row() { grep -- "^$2 " "$1" | tr -s ' ' | head -1; }

# ---- text, every grouping, as of 2023-07-01 ---------------------------------------------
# Columns: tasks, not started, in progress, done, blocked, cancelled, late
# tasks, late milestones, mean progress %, done %.
# 省甲厅: 1.1.1, 1.1.2, 2.0.3; late 1.1.1; milestones 1.1.1's 2022 and
# 2023Q1; (40+100+70)/3 = 70 %, 1/3 done. 省乙委: 1.2.1, 2.0.1, 1.1.3; late
# 1.2.1; 1.2.1's 2022Q3 and 1.1.3's 2023Q2 (ended 06-30); 10/3 = 3 %.
# No lead: 2.0.2, cancelled, its 2021 milestone; a mean progress leaves
# cancelled tasks out, so it has none (-). Total: 220/6 = 36.7 -> 37 %, 1/7.
COLUMNS=80 pc report --as-of 2023-07-01 >"$T/dept.txt"
t_eq "report: exit status" 0 $?
t_match "report: title" "^Progress by department as of 2023-07-01$" "$(head -1 "$T/dept.txt")"
t_eq "report: header" "Department Tasks Todo Doing Done Blkd Canc Late MsLate Prog% Done%" "$(sed -n 2p "$T/dept.txt" | tr -s ' ')"
t_eq "report: 省甲厅" "省甲厅 3 0 2 1 0 0 1 2 70 33" "$(row "$T/dept.txt" 省甲厅)"
t_eq "report: 省乙委" "省乙委 3 2 0 0 1 0 1 2 3 0" "$(row "$T/dept.txt" 省乙委)"
t_eq "report: a department with no task" "省城镇化工作领 0 0 0 0 0 0 0 0 - -" "$(row "$T/dept.txt" 省城镇化工作领)"
t_match "report: its long name wraps onto a second row" "^导小组办公室$" "$(cat "$T/dept.txt")"
t_eq "report: tasks with no lead" "(no lead) 1 0 0 0 0 1 0 1 - 0" "$(grep '^(no lead)' "$T/dept.txt" | tr -s ' ')"
t_eq "report: total" "Total 7 2 2 1 1 1 2 5 37 14" "$(row "$T/dept.txt" Total)"
t_match "report: a legend explains the short headers" "MsLate: roadmap" "$(cat "$T/dept.txt")"
t_eq "report: fits 80 columns" 80 "$(widest "$T/dept.txt")"

COLUMNS=80 pc report --by chapter --as-of 2023-07-01 >"$T/chapter.txt"
# Chapter 1: 1.1.1, 1.1.2, 1.2.1, 1.1.3: 150/4 = 37.5 -> 38 %, 1/4 done.
t_eq "report --by chapter: chapter 1" "1 第一章 推进 4 1 1 1 1 0 2 4 38 25" "$(row "$T/chapter.txt" 1)"
t_match "report --by chapter: its title wraps, then is cut" "^智慧城镇化 系~$" "$(cat "$T/chapter.txt")"
# Chapter 2: 2.0.1, 2.0.3 (2.0.2 is cancelled): 70/2 = 35 %.
t_eq "report --by chapter: chapter 2" "2 第二章 3 1 1 0 0 1 0 1 35 0" "$(row "$T/chapter.txt" 2)"
t_eq "report --by chapter: chapter 3, empty" "3 第三章 0 0 0 0 0 0 0 0 - -" "$(row "$T/chapter.txt" 3)"
t_ok "report --by chapter: fits 80 columns" test "$(widest "$T/chapter.txt")" -le 80
# Off a terminal with no COLUMNS (a pipe, -o FILE): whole text, nothing cut.
(unset COLUMNS; pc report --by chapter --as-of 2023-07-01 | cat) >"$T/chapter-pipe.txt"
t_eq "report to a pipe: the whole chapter title on one row" "1 第一章 推进智慧城镇化 系统提升数字治理能力 4 1 1 1 1 0 2 4 38 25" \
	"$(row "$T/chapter-pipe.txt" 1)"
t_ok "report to a pipe: the legend on one line" grep -q "^Todo: not started; .*Done%: done / tasks.$" "$T/chapter-pipe.txt"
(unset COLUMNS; pc report --by chapter --as-of 2023-07-01 -o "$T/chapter-file.txt")
t_ok "report -o FILE.txt: the same whole text as to a pipe" cmp "$T/chapter-pipe.txt" "$T/chapter-file.txt"

# Tasks by due year, milestones by their own year.
pc report --by year --as-of 2023-07-01 >"$T/year.txt"
t_eq "report --by year: 2022" "2022 2 0 0 1 1 0 1 2 55 50" "$(row "$T/year.txt" 2022)"
t_eq "report --by year: 2023" "2023 2 1 1 0 0 0 1 2 20 0" "$(row "$T/year.txt" 2023)"
t_eq "report --by year: no due date" "(no due date) 1 0 1 0 0 0 0 0 70 0" "$(grep '^(no due date)' "$T/year.txt" | tr -s ' ')"
pc report --by status --as-of 2023-07-01 >"$T/status.txt"
t_eq "report --by status: in progress" "in progress 2 0 2 0 0 0 1 2 55 0" "$(grep '^in progress' "$T/status.txt" | tr -s ' ')"
t_eq "report --by status: blocked" "blocked 1 0 0 0 1 0 1 1 10 0" "$(row "$T/status.txt" blocked)"
t_eq "report --by status: cancelled, no mean" "cancelled 1 0 0 0 0 1 0 1 - 0" "$(row "$T/status.txt" cancelled)"
t_eq "report --by status: total" "Total 7 2 2 1 1 1 2 5 37 14" "$(row "$T/status.txt" Total)"

# The global --as-of counts too; --plan keeps one document's tasks.
t_eq "report: global --as-of" "Total 7 2 2 1 1 1 1 1 37 14" "$(pc --as-of 2022-07-01 report | grep '^Total' | tr -s ' ')"
t_eq "report --plan action: total" "Total 4 1 1 1 1 0 2 4 38 25" \
	"$(pc report --as-of 2023-07-01 --plan action | grep '^Total' | tr -s ' ')"
t_match "report --plan: named in the title" "plan action" "$(pc report --as-of 2023-07-01 --plan action | head -1)"
pc report --plan nosuch >"$T/out" 2>"$T/err"
t_eq "report --plan nosuch: exit status" 1 $?
t_eq "report --plan nosuch: message" "plancon: no plan document \"nosuch\" (there are: long, action)" "$(cat "$T/err")"

# In Chinese.
LC_ALL=zh_CN.UTF-8 COLUMNS=80 pc report --as-of 2023-07-01 >"$T/zh.txt"
t_match "report in Chinese: title" "^进度报告（按牵头单位，截至 2023-07-01）$" "$(cat "$T/zh.txt")"
t_eq "report in Chinese: header" "牵头单位 任务 未启 推进 完成 受阻 取消 滞后 节点 进度% 完成%" "$(sed -n 2p "$T/zh.txt" | tr -s ' ')"
t_eq "report in Chinese: total" "合计 7 2 2 1 1 1 2 5 37 14" "$(row "$T/zh.txt" 合计)"
t_ok "report in Chinese: fits 80 columns" test "$(widest "$T/zh.txt")" -le 80

# ---- CSV --------------------------------------------------------------------------------
pc report --as-of 2023-07-01 --format csv >"$T/r.csv"
t_eq "csv: exit status" 0 $?
python3 - "$T/r.csv" >"$T/csv.out" 2>&1 <<'EOF'
import csv, sys
data = open(sys.argv[1], "rb").read()
assert not data.startswith(b"\xef\xbb\xbf"), "a BOM without --bom"
assert data.endswith(b"\r\n") and data.count(b"\r\n") == data.count(b"\n"), "lines must end in CRLF"
rows = list(csv.reader(data.decode("utf-8").splitlines(), strict=True))
assert all(len(r) == 12 for r in rows), [len(r) for r in rows]
print(rows[0])
for r in rows[1:]:
    print(r)
EOF
t_eq "csv: parsed strictly" 0 $?
t_eq "csv: header, named as in JSON" "['dept', 'name', 'tasks', 'not_started', 'in_progress', 'done', 'blocked', 'cancelled', 'late_tasks', 'late_milestones', 'progress', 'done_pct']" "$(sed -n 1p "$T/csv.out")"
t_eq "csv: 省甲厅" "['省甲厅', '山东省甲厅', '3', '0', '2', '1', '0', '0', '1', '2', '70.0', '33.3']" "$(sed -n 2p "$T/csv.out")"
t_eq "csv: empty department" "['省城镇化工作领导小组办公室', '山东省城镇化工作领导小组办公室', '0', '0', '0', '0', '0', '0', '0', '0', '', '']" "$(sed -n 4p "$T/csv.out")"
t_eq "csv: no lead" "['', '(no lead department)', '1', '0', '0', '0', '0', '1', '0', '1', '', '0.0']" "$(sed -n 5p "$T/csv.out")"
t_eq "csv: total" "['', 'Total', '7', '2', '2', '1', '1', '1', '2', '5', '36.7', '14.3']" "$(sed -n 6p "$T/csv.out")"
t_eq "csv: 6 lines" 6 "$(wc -l <"$T/csv.out")"
pc report --as-of 2023-07-01 --format csv --bom >"$T/bom.csv"
t_eq "csv --bom: starts with a byte-order mark" "efbbbf" "$(head -c 3 "$T/bom.csv" | od -An -tx1 | tr -d ' \n')"
t_eq "csv --bom: then the same CSV" "$(od -An -tx1 "$T/r.csv")" "$(tail -c +4 "$T/bom.csv" | od -An -tx1)"
pc report --bom >/dev/null 2>"$T/err"
t_eq "--bom without csv: exit status" 2 $?
t_match "--bom without csv: message" "--bom goes with --format csv" "$(cat "$T/err")"

# ---- JSON -------------------------------------------------------------------------------
pc report --by chapter --as-of 2023-07-01 --format json >"$T/r.json"
t_ok "json: python3 -m json.tool accepts it" python3 -m json.tool "$T/r.json" /dev/null
t_eq "json: the figures" "chapter 2023-07-01 None 3 1 4 375 25.0 7 36.7 14.3 3 None" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
g = d["groups"]
print(d["by"], d["as_of"], d["plan"], len(g), g[0]["chapter"], g[0]["tasks"], round(g[0]["progress"] * 10), g[0]["done_pct"],
      d["total"]["tasks"], d["total"]["progress"], d["total"]["done_pct"], g[2]["chapter"], g[2]["progress"])' "$T/r.json")"

# ---- Markdown ------------------------------------------------------------------------------
pc report --by status --as-of 2023-07-01 --format md >"$T/r.md"
t_eq "md: heading" "## Progress by status as of 2023-07-01" "$(head -1 "$T/r.md")"
t_eq "md: header row" "| Status | Label | Tasks | Not started | In progress | Done | Blocked | Cancelled | Late tasks | Late milestones | Progress % | Done % |" "$(sed -n 3p "$T/r.md")"
t_eq "md: a status row" "| blocked | blocked | 1 | 0 | 0 | 0 | 1 | 0 | 1 | 1 | 10.0 | 0.0 |" "$(grep '^| blocked' "$T/r.md")"
python3 - "$T/r.md" >"$T/md.out" 2>&1 <<'EOF'
import re, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l.startswith("|")]
cells = lambda l: [c.strip() for c in re.split(r"(?<!\\)\|", l)[1:-1]]
assert all(l.endswith("|") for l in lines), "every row ends with |"
n = len(cells(lines[0]))
assert all(len(cells(l)) == n for l in lines), "every row has the header's cells"
assert all(re.fullmatch(r"-{3,}:?", c) for c in cells(lines[1])), lines[1]
print(n, len(lines) - 2, cells(lines[-1]))
EOF
t_eq "md: a table of 12 columns, 5 statuses and the total" "12 6 ['', 'Total', '7', '2', '2', '1', '1', '1', '2', '5', '36.7', '14.3']" "$(cat "$T/md.out")"

# ---- XLSX ---------------------------------------------------------------------------------
cd "$T" || exit 1
LC_ALL=zh_CN.UTF-8 pc report --as-of 2023-07-01 --format xlsx -o "$T/进度.xlsx" >"$T/out" 2>"$T/err"
t_eq "xlsx: exit status" 0 $?
t_eq "xlsx: a zip file" "504b0304" "$(head -c 4 "$T/进度.xlsx" | od -An -tx1 | tr -d ' \n')"
unzip -p "$T/进度.xlsx" xl/sharedStrings.xml >"$T/strings.xml"
unzip -p "$T/进度.xlsx" xl/worksheets/sheet1.xml >"$T/sheet.xml"
unzip -p "$T/进度.xlsx" xl/styles.xml >"$T/styles.xml"
unzip -p "$T/进度.xlsx" xl/workbook.xml >"$T/workbook.xml"
for h in 牵头单位 部门全称 任务数 未启动 推进中 已完成 滞后任务 滞后节点 平均进度 完成率 山东省城镇化工作领导小组办公室 合计; do
	t_match "xlsx: the text $h" "<t>$h</t>" "$(cat "$T/strings.xml")"
done
t_match "xlsx: the header row is frozen" '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' "$(cat "$T/sheet.xml")"
t_match "xlsx: a percent number format" '<numFmt numFmtId="[0-9]+" formatCode="0.0%"/>' "$(cat "$T/styles.xml")"
t_match "xlsx: the sheet is named for the date" 'name="截至2023-07-01"' "$(cat "$T/workbook.xml")"
python3 - "$T/sheet.xml" "$T/styles.xml" >"$T/xlsx.out" 2>&1 <<'EOF'
import re, sys
sheet, styles = open(sys.argv[1]).read(), open(sys.argv[2]).read()
# Column B holds the full names: 山东省城镇化工作领导小组办公室 is 15 CJK characters, 30 units.
widths = {int(m.group(1)): float(m.group(3)) for m in re.finditer(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', sheet)}
# Cell K2 (省甲厅's mean progress) is the number 0.7 in a percent style; C2 the count 3.
k2 = re.search(r'<c r="K2" s="(\d+)"><v>([^<]*)</v></c>', sheet)
c2 = re.search(r'<c r="C2"[^>]*><v>([^<]*)</v></c>', sheet)
fmts = {m.group(1): m.group(2) for m in re.finditer(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/>', styles)}
xfs = re.findall(r'<xf [^>]*?numFmtId="(\d+)"', styles.split("<cellXfs")[1])
print(widths[2] >= 30, k2.group(2), fmts.get(xfs[int(k2.group(1))]), c2.group(1))
EOF
t_eq "xlsx: wide CJK column, 0.7 as a percentage, counts as numbers" "True 0.7 0.0% 3" "$(cat "$T/xlsx.out")"
t_eq "xlsx: no temporary file left" "" "$(ls -A "$T" | grep -E '^\.|XXXXXX')"
# A workbook goes to standard output when that is not a terminal (as over
# SSH: ssh ... report --format xlsx > report.xlsx), and with -o - always.
pc report --format xlsx >"$T/stdout.xlsx" 2>"$T/err"
t_eq "xlsx without -o, to a file: exit status" 0 $?
t_eq "xlsx without -o, to a file: a workbook" "504b0304" "$(head -c 4 "$T/stdout.xlsx" | od -An -tx1 | tr -d ' \n')"
pc report --format xlsx -o - | cat >"$T/dash.xlsx"
t_eq "xlsx -o -, to a pipe: a workbook" "504b0304" "$(head -c 4 "$T/dash.xlsx" | od -An -tx1 | tr -d ' \n')"
t_ok "xlsx -o -: no file named -" test ! -e "$T/-" -a ! -e "$TOP/-"
t_ok "xlsx to standard output: a workbook unzip reads" sh -c "unzip -l '$T/dash.xlsx' | grep -q xl/worksheets/sheet1.xml"
script -qec "'$PLANCON' --db '$T/plan.db' report --format xlsx" "$T/typescript" >"$T/tty.out" 2>&1
t_eq "xlsx to a terminal: exit status" 2 $?
t_match "xlsx to a terminal: refused, saying how" "not text for a terminal: give -o FILE.xlsx" "$(cat "$T/tty.out")"
pc report -o by-ext.xlsx >/dev/null
t_eq "-o FILE.xlsx (here): a workbook by its name" "504b0304" "$(head -c 4 "$T/by-ext.xlsx" | od -An -tx1 | tr -d ' \n')"

# -o replaces a file only when the report is complete.
printf 'old\n' >"$T/keep.csv"
pc report --plan nosuch --format csv -o "$T/keep.csv" 2>/dev/null
t_eq "-o: a failed report leaves the file as it was" "old" "$(cat "$T/keep.csv")"
(umask 022 && pc report --as-of 2023-07-01 --format csv -o "$T/keep.csv" >/dev/null)
t_eq "-o: a complete report replaces it" "$(cat "$T/r.csv")" "$(cat "$T/keep.csv")"
t_eq "-o: the mode of a new file" "644" "$(stat -c %a "$T/keep.csv")"
pc report -o "$T/no/such/dir/r.txt" >/dev/null 2>"$T/err"
t_eq "-o into a missing directory: exit status" 1 $?
t_match "-o into a missing directory: names it" "$T/no/such/dir/r.txt: cannot create a file there" "$(cat "$T/err")"
cd "$TOP" || exit 1

# ---- -o on every kind of file (plancon(1) "Output files") -------------------------------
O="$T/out-kinds"
mkdir -p "$O"
if mknod "$O/null" c 1 3 2>/dev/null; then
	for cmd in "report --format csv" "late" "export"; do
		pc $cmd -o "$O/null" >/dev/null 2>"$T/err"
		t_eq "$cmd -o DEVICE: exit status" 0 $?
		t_eq "$cmd -o DEVICE: still a character device" "character special file" "$(stat -c %F "$O/null")"
	done
	pc report --format xlsx -o "$O/null" 2>"$T/err"
	t_eq "report --format xlsx -o DEVICE: exit status" 0 $?
	t_eq "report --format xlsx -o DEVICE: still a character device" "character special file" "$(stat -c %F "$O/null")"
else
	t_pass "-o DEVICE: not root, no device made (skipped)"
fi
mkfifo "$O/fifo"
timeout 10 cat "$O/fifo" >"$O/from-fifo" &
reader=$!
timeout 10 "$PLANCON" --db "$T/plan.db" report --as-of 2023-07-01 --format csv -o "$O/fifo"
t_eq "report -o FIFO: exit status" 0 $?
wait $reader
t_eq "report -o FIFO: the reader got the whole report" "$(cat "$T/r.csv")" "$(cat "$O/from-fifo")"
t_eq "report -o FIFO: still a FIFO" "fifo" "$(stat -c %F "$O/fifo")"
printf 'old\n' >"$O/target.txt"
ln -s target.txt "$O/link.txt"
pc late --as-of 2023-07-01 -o "$O/link.txt"
t_eq "late -o SYMLINK: exit status" 0 $?
t_eq "late -o SYMLINK: the link stays a link" "symbolic link" "$(stat -c %F "$O/link.txt")"
t_match "late -o SYMLINK: its target has the list" "^Late as of 2023-07-01" "$(head -1 "$O/target.txt")"
mkdir "$O/dir"
pc export -o "$O/dir" 2>"$T/err"
t_eq "export -o DIRECTORY: exit status" 2 $?
t_match "export -o DIRECTORY: says what it is" "is a directory; plancon writes to a regular file, a character device or a FIFO" "$(cat "$T/err")"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$O/sock"
pc late -o "$O/sock" 2>"$T/err"
t_eq "late -o SOCKET: exit status" 2 $?
t_match "late -o SOCKET: says what it is" "is a socket" "$(cat "$T/err")"
t_eq "-o: no temporary file left beside any of them" "" "$(ls -A "$O" | grep plancon-)"
(cd "$O" && "$PLANCON" --db "$T/plan.db" late -o - >"$O/dash.txt")
t_match "late -o -: standard output" "^Late as of " "$(head -1 "$O/dash.txt")"
t_ok "late -o -: no file named -" test ! -e "$O/-"

# The format a name says, or a refusal with the formats there are.
(cd "$O" && "$PLANCON" --db "$T/plan.db" late -o late.xlsx 2>"$T/err")
t_eq "late -o late.xlsx: exit status" 2 $?
t_match "late -o late.xlsx: the formats it writes" "late writes text, csv, json, md" "$(cat "$T/err")"
t_ok "late -o late.xlsx: no file" test ! -e "$O/late.xlsx"
pc report -o "$O/r.pdf" 2>"$T/err"
t_eq "report -o r.pdf: exit status" 2 $?
t_match "report -o r.pdf: the formats it writes" "report writes text, csv, json, md, xlsx" "$(cat "$T/err")"
pc report --format csv -o "$O/r.json" 2>"$T/err"
t_eq "report --format csv -o r.json: exit status" 2 $?
t_match "report --format csv -o r.json: says why" "the name says another format than --format" "$(cat "$T/err")"
pc export -o "$O/plan.csv" 2>"$T/err"
t_eq "export -o plan.csv: exit status" 2 $?
t_match "export -o plan.csv: says why" "a plan is exported as json" "$(cat "$T/err")"

# ---- a demo database says so in every file -------------------------------------------------
"$PLANCON" demo --db "$T/demo.db" >/dev/null 2>&1
dm() { "$PLANCON" --db "$T/demo.db" "$@"; }
dm late -o "$O/demo-late.txt"
t_match "demo: late -o FILE.txt is labelled" "^DEMO: simulated statuses" "$(head -1 "$O/demo-late.txt")"
dm late -o "$O/demo-late.md"
t_match "demo: late -o FILE.md is labelled" "^> DEMO: simulated statuses" "$(head -1 "$O/demo-late.md")"
dm report -o "$O/demo.md"
t_match "demo: report -o FILE.md is labelled" "^> DEMO: simulated statuses" "$(head -1 "$O/demo.md")"
dm report -o "$O/demo.txt"
t_match "demo: report -o FILE.txt is labelled" "^DEMO: simulated statuses" "$(head -1 "$O/demo.txt")"
dm report --format md | head -1 >"$O/demo-stdout.md"
t_match "demo: report --format md to standard output too" "^> DEMO" "$(cat "$O/demo-stdout.md")"
t_eq "demo: report JSON says demo" "True" "$(dm report --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["demo"])')"
t_eq "a real plan's report JSON has no demo key" "False" "$(pc report --format json | python3 -c 'import json,sys; print("demo" in json.load(sys.stdin))')"
dm report -o "$O/demo.xlsx"
t_ok "demo: the workbook is labelled" sh -c "unzip -p '$O/demo.xlsx' xl/sharedStrings.xml | grep -q 'DEMO: simulated statuses'"
t_nomatch "a real plan's text report has no DEMO line" "DEMO" "$(pc report)"

# ---- one mean progress, in every command -----------------------------------------------------
# 省甲厅 leads 1.1.1 (60 %), 1.1.2 (61 %) and 1.1.3 (cancelled at 80 %); 省乙委
# leads 2.0.1 only, cancelled. A mean leaves cancelled tasks out and rounds
# half up: 省甲厅, chapter 1, section 1.1, part 1 and the whole plan are at
# (60 + 61) / 2 = 60.5 -> 61 %; 省乙委 and chapter 2 have no mean (-).
# (tests/tui/console.sh shows the same plan in the console.)
"$PLANCON" import "$TOP/tests/lib/mean-plan.json" --db "$T/mean.db" >/dev/null 2>&1 || t_fail "import the mean-progress plan"
mp() { "$PLANCON" --db "$T/mean.db" --as-of 2023-07-01 "$@"; }
t_eq "mean: depts, 60.5 is 61 and all cancelled is -" "省甲厅 61
省乙委 -" "$(mp depts | awk 'NR > 1 { print $1, $NF }')"
t_eq "mean: depts --format csv" "省甲厅,61
省乙委," "$(mp depts --format csv | tr -d '\r' | awk -F, 'NR > 1 { print $1 "," $NF }')"
t_eq "mean: depts --format json: a number, and null" "61 None" "$(mp depts --format json | python3 -c '
import json, sys; d = json.load(sys.stdin); print(d[0]["progress"], d[1]["progress"])')"
t_eq "mean: chapters" "1 61
2 -" "$(mp chapters | awk '/^ +[0-9]+ +[0-9]+ / { print $2, $NF }')"
t_eq "mean: summary's chapters" "1 61
2 -" "$(mp summary | awk '/^ +[0-9]+ +[0-9]+ / { print $2, $NF }')"
t_eq "mean: report by department" "省甲厅 3 0 2 0 0 1 0 0 61 0
省乙委 1 0 0 0 0 1 0 0 - 0
Total 4 0 2 0 0 2 0 0 61 0" "$(mp report | grep -E '^(省甲厅|省乙委|Total) ' | tr -s ' ')"
t_eq "mean: report by chapter" "1 第一章 3 0 2 0 0 1 0 0 61 0
2 第二章 1 0 0 0 0 1 0 0 - 0" "$(mp report --by chapter | grep -E '^[12] ' | tr -s ' ')"
t_eq "mean: report --format csv, one decimal" "省甲厅,60.5
省乙委,
,60.5" "$(mp report --format csv | tr -d '\r' | awk -F, 'NR > 1 { print $1 "," $11 }')"
t_eq "mean: summary counts from the tallies" "Tasks: 4
  not started  0
  in progress  2
  done         0
  blocked      0
  cancelled    2
Late as of 2023-07-01: 0" "$(mp summary | sed -n '/^Tasks:/,/^Late/p')"

# ---- late at three dates ------------------------------------------------------------------
# 2022-07-01: 1.2.1 (due 06-30: 1 day); 2.0.2's 2021 milestone (182 days).
pc late --as-of 2022-07-01 >"$T/late1.txt"
t_eq "late 2022-07-01: title" "Late as of 2022-07-01: 1 task, 1 milestone" "$(head -1 "$T/late1.txt")"
t_eq "late 2022-07-01: the milestone first" "2.0.2 2021 - 2021-12-31 182 pending 任务五" "$(sed -n 3p "$T/late1.txt" | tr -s ' ')"
t_eq "late 2022-07-01: the task" "1.2.1 task 省乙委 2022-06-30 1 blocked 任务三" "$(sed -n 4p "$T/late1.txt" | tr -s ' ')"
# 2023-07-01: + 1.1.1 (1 day), its 2022 and 2023Q1 milestones, 1.2.1's 2022Q3, 1.1.3's 2023Q2.
pc late --as-of 2023-07-01 >"$T/late2.txt"
t_eq "late 2023-07-01: title" "Late as of 2023-07-01: 2 tasks, 5 milestones" "$(head -1 "$T/late2.txt")"
t_eq "late 2023-07-01: 1.1.1's 2022 milestone, with its target" "1.1.1 2022 省甲厅 2022-12-31 182 pending 任务一: 起步" \
	"$(grep '^1.1.1  2022 ' "$T/late2.txt" | tr -s ' ')"
t_eq "late 2023-07-01: a quarter" "1.1.3 2023 Q2 省乙委 2023-06-30 1 pending 任务七" "$(grep '^1.1.3' "$T/late2.txt" | tr -s ' ')"
# 2025-01-01: + 2.0.1 and 1.1.3 the tasks, 2.0.1's 2024Q4, 1.2.1's 2023.
pc late --as-of 2025-01-01 --format csv >"$T/late3.csv"
python3 - "$T/late3.csv" >"$T/late3.out" 2>&1 <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline=""), strict=True))
print(len(rows), sum(r["kind"] == "task" for r in rows), [(r["code"], r["days_late"]) for r in rows if r["code"] == "2.0.1"])
EOF
t_eq "late 2025-01-01 (csv): 4 tasks and 7 milestones; 2.0.1 a day late twice" "11 4 [('2.0.1', '1'), ('2.0.1', '1')]" "$(cat "$T/late3.out")"
pc late --as-of 2021-06-01 >"$T/late0.txt"
t_eq "late before anything is due" "Late as of 2021-06-01: 0 tasks, 0 milestones" "$(cat "$T/late0.txt")"
pc late --as-of 2023-02-30 >/dev/null 2>"$T/err"
t_eq "late --as-of a bad date: exit status" 2 $?
t_match "late --as-of a bad date: message" 'expected a date YYYY-MM-DD, got "2023-02-30"' "$(cat "$T/err")"
t_ok "late --format json: valid" sh -c "'$PLANCON' --db '$T/plan.db' late --as-of 2025-01-01 --format json | python3 -m json.tool >/dev/null"

# ---- export -> import -> export -----------------------------------------------------------------
pc export -o "$T/e1.json"
t_eq "export: exit status" 0 $?
t_ok "export: valid JSON" python3 -m json.tool "$T/e1.json" /dev/null
"$PLANCON" import "$T/e1.json" --db "$T/copy.db" >/dev/null
"$PLANCON" --db "$T/copy.db" export >"$T/e2.json"
t_ok "export -> import -> export: the same bytes" cmp "$T/e1.json" "$T/e2.json"

# With a history: the login administers, changes a status, a milestone, an assignment, an actual.
ME=$(id -un)
pc init --admin "$ME" >/dev/null
pc set 1.2.1 --status in_progress --progress 30 --note '恢复推进，"引号"与\反斜杠' >/dev/null
pc milestone 1.2.1 2022-Q3 --status done --note 已完成 >/dev/null
pc assign 2.0.2 --lead 省乙委 --confirm >/dev/null
pc actual 城镇化率 2023 65.1 >/dev/null
# ... and, acting as another administrator, one more actual: the log names both.
pc user add zed --role admin >/dev/null
pc --user zed actual 城镇化率 2024 66 >/dev/null
pc export -o "$T/h1.json"
t_eq "export: who and, beside, who really did it" "zed $ME None" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
g = [g for g in d["changes"] if g["field"] == "actual 2024"][0]
print(g["who"], g["actor"], [g for g in d["changes"] if g["field"] == "actual 2023"][0].get("actor"))' "$T/h1.json")"
t_eq "export: the change log" "8 恢复推进，\"引号\"与\\反斜杠 30 in_progress" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
t = [t for t in d["tasks"] if t["code"] == "1.2.1"][0]
print(len(d["changes"]) - 1 if d["changes"][0]["kind"] == "user" else len(d["changes"]), t["note"], t["progress"], t["status"])' "$T/h1.json")"
"$PLANCON" import "$T/h1.json" --db "$T/copy2.db" >/dev/null
"$PLANCON" --db "$T/copy2.db" export >"$T/h2.json"
t_ok "with a history: export -> import -> export, the same bytes" cmp "$T/h1.json" "$T/h2.json"
t_eq "with a history: the report agrees" "$(pc report --as-of 2023-07-01 --format csv)" \
	"$("$PLANCON" --db "$T/copy2.db" report --as-of 2023-07-01 --format csv)"
t_match "with a history: the log names both" "  $ME for zed +城镇化率 +actual value 2024 +- +66" \
	"$("$PLANCON" --db "$T/copy2.db" log)"
# A plan file from before the actor was recorded (no "actor" field) imports;
# its changes name who alone.
python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for g in d["changes"]:
    g.pop("actor", None)
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)' "$T/h1.json" "$T/old.json"
t_eq "a plan file without actors imports" "imported $T/old.json into $T/old.db: 7 tasks" \
	"$("$PLANCON" import "$T/old.json" --db "$T/old.db" 2>&1)"
t_eq "a plan file without actors: no actor in the log" "zed," \
	"$("$PLANCON" --db "$T/old.db" log --format csv | tr -d '\r' | grep ',actual 2024,' | cut -d, -f3,11)"

# The bundled plan survives the trip too, with every field of its file
# (cooperating departments as a set: the database keeps no order for them,
# and lists them in the order of the departments).
"$PLANCON" --db "$T/bundled.db" export >"$T/b1.json"
"$PLANCON" import "$T/b1.json" --db "$T/bundled2.db" >/dev/null
"$PLANCON" --db "$T/bundled2.db" export >"$T/b2.json"
t_ok "bundled plan: export -> import -> export, the same bytes" cmp "$T/b1.json" "$T/b2.json"
t_eq "bundled plan: every field of the plan file is in the export" "ok" "$(python3 - "$TOP/db/plan/shandong-urbanization.json" "$T/b1.json" <<'EOF'
import json, sys
src, exp = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
def same(a, b, where):
    if isinstance(a, dict):
        for k, v in a.items():
            if k not in b and v not in ("", None, []):
                sys.exit(f"{where}.{k} missing")
            if k in b:
                same(v, b[k], f"{where}.{k}")
    elif isinstance(a, list) and where.endswith(".cooperating"):
        if sorted(a) != sorted(b):
            sys.exit(f"{where}: {a!r} exported as {b!r}")
    elif isinstance(a, list):
        if len(a) != len(b):
            sys.exit(f"{where}: {len(a)} items, exported {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{i}]")
    elif a != b and not (isinstance(a, (int, float)) and a == b):
        sys.exit(f"{where}: {a!r} exported as {b!r}")
same(src, exp, "$")
print("ok")
EOF
)"
# A plan file without the optional top-level fields travels the same way.
python3 -c 'import json, sys; d = json.load(open(sys.argv[1], encoding="utf-8")); del d["title"]; json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)' "$T/plan.json" "$T/bare.json"
"$PLANCON" import "$T/bare.json" --db "$T/bare.db" >/dev/null
"$PLANCON" --db "$T/bare.db" export >"$T/bare1.json"
"$PLANCON" import "$T/bare1.json" --db "$T/bare2.db" >/dev/null
"$PLANCON" --db "$T/bare2.db" export >"$T/bare2.json"
t_ok "no title: export -> import -> export, the same bytes" cmp "$T/bare1.json" "$T/bare2.json"
pc export --format csv >/dev/null 2>"$T/err"
t_eq "export --format csv: exit status" 2 $?

# ---- import refuses, with the location, and writes nothing ---------------------------------------
# bad NAME WANT: import $T/bad.json into a new database: exit 2, the message
# names the problem's place, and no database (nor temporary file) appears.
bad() {
	rm -rf "$T/new"
	mkdir "$T/new"
	"$PLANCON" import "$T/bad.json" --db "$T/new/plan.db" >"$T/out" 2>"$T/err"
	t_eq "$1: exit status" 2 $?
	t_eq "$1: message" "plancon: $T/bad.json: $2; nothing was imported" "$(cat "$T/err")"
	t_eq "$1: nothing written" "" "$(ls -A "$T/new")"
}
# edit FROM TO: the plan with FROM replaced by TO, into $T/bad.json.
edit() { python3 -c 'import sys; s = open(sys.argv[1], encoding="utf-8").read(); assert sys.argv[2] in s; open(sys.argv[4], "w", encoding="utf-8").write(s.replace(sys.argv[2], sys.argv[3], 1))' "$T/plan.json" "$1" "$2" "$T/bad.json"; }

edit '"chapter": 2, "lead": "省乙委"' '"chapter": 9, "lead": "省乙委"'
bad "a missing chapter" "tasks[3].chapter: no chapter 9"
edit '"lead": "省乙委",
   "status": "blocked"' '"lead": "省丁局",
   "status": "blocked"'
bad "a missing department" 'tasks[2].lead: no department "省丁局"'
edit '"cooperating": ["省乙委"]' '"cooperating": ["省戊办"]'
bad "a missing cooperating department" 'tasks[0].cooperating[0]: no department "省戊办"'
edit '"code": "1.1.3"' '"code": "1.1.1"'
bad "a duplicate task code" 'tasks[6].code: "1.1.1" appears twice (first at tasks[0])'
edit '"due": "2024-12-31"' '"due": "2024-02-30"'
bad "a bad date" 'tasks[3].due: "2024-02-30" is not a date (YYYY-MM-DD)'
edit '"due": "2022-12-31"' '"due": "2022/12/31"'
bad "a date in another form" 'tasks[1].due: "2022/12/31" is not a date (YYYY-MM-DD)'
# Invalid UTF-8: the first two bytes of 三 (e4 b8 89) without the third.
python3 -c 'import sys; s = open(sys.argv[1], "rb").read(); open(sys.argv[2], "wb").write(s.replace("任务三".encode(), "任务".encode() + b"\xe4\xb8", 1))' "$T/plan.json" "$T/bad.json"
bad "invalid UTF-8" "line 16, column 33: invalid UTF-8"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["changes"][1]["actor"] = 7
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)' "$T/h1.json" "$T/bad.json"
bad "an actor that is not text" "changes[1].actor: expected text"
printf '{"format": "plancon-plan", "version": 1, ' >"$T/bad.json"
bad "not JSON" "not valid JSON, or not a JSON object"

"$PLANCON" import "$T/no-such.json" --db "$T/new/plan.db" >/dev/null 2>"$T/err"
t_eq "import a missing file: exit status" 1 $?
t_match "import a missing file: names it" "$T/no-such.json: No such file" "$(cat "$T/err")"
sum=$(md5sum <"$T/plan.db")
"$PLANCON" import "$T/plan.json" --db "$T/plan.db" >/dev/null 2>"$T/err"
t_eq "import into a database with a plan: exit status" 1 $?
t_match "import into a database with a plan: refused" "already holds a plan; import into a new database" "$(cat "$T/err")"
t_eq "import into a database with a plan: unchanged" "$sum" "$(md5sum <"$T/plan.db")"
printf 'not a database, a letter\n' >"$T/letter.db"
"$PLANCON" import "$T/plan.json" --db "$T/letter.db" >/dev/null 2>"$T/err"
t_eq "import over another file: exit status" 1 $?
t_eq "import over another file: unchanged" "not a database, a letter" "$(cat "$T/letter.db")"
: >"$T/empty.db"
t_eq "import into an empty file" "imported $T/plan.json into $T/empty.db: 7 tasks" \
	"$("$PLANCON" import "$T/plan.json" --db "$T/empty.db" 2>&1)"
t_eq "import: the global --db names the new database" "imported $T/plan.json into $T/global.db: 7 tasks" \
	"$("$PLANCON" --db "$T/global.db" import "$T/plan.json" 2>&1)"
"$PLANCON" import >/dev/null 2>"$T/err"
t_eq "import without a file: exit status" 2 $?

# The example of plancon-plan(5) is a plan file that imports.
python3 - "$TOP/man/plancon-plan.5" >"$T/example.json" <<'EOF'
import re, sys
page = open(sys.argv[1], encoding="ascii").read()
block = page.split("A plan with one task:\n.Bd -literal -offset indent\n")[1].split("\n.Ed\n")[0]
print(re.sub(r"\\\[u([0-9A-F]{4,5})\]", lambda m: chr(int(m.group(1), 16)), block))
EOF
t_eq "plancon-plan(5)'s example imports" "imported $T/example.json into $T/example.db: 1 task" \
	"$("$PLANCON" import "$T/example.json" --db "$T/example.db" 2>&1)"
t_eq "plancon-plan(5)'s example: its task" "1.1.1,Sort household waste,省住房城乡建设厅" \
	"$("$PLANCON" --db "$T/example.db" tasks --format csv | tr -d '\r' | sed -n 2p | cut -d, -f1-3)"

t_end
