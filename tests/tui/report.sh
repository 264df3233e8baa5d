#!/bin/sh
# The console's Report view, in a real terminal (tmux): 5 opens it with the
# figures plancon report prints and a bar per row; a change made elsewhere
# shows up; b groups it differently; e exports it to the file named at a
# prompt that suggests a dated name (Esc cancels, a name without a known
# extension is refused); ? lists its keys; a narrow terminal drops the
# status columns. As of 2024-01-15, on the bundled plan.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

t_newdb
mkdir -p "$T/work"
AS_OF=2024-01-15
wait_for() {
	if tm_wait "$2"; then t_pass "$1"; else t_fail "$1" "screen:" "$(tm_capture)"; fi
}
gone() {
	if tm_wait_gone "$2"; then t_pass "$1"; else t_fail "$1" "screen:" "$(tm_capture)"; fi
}
# The figures of a group in the CLI's CSV: tasks, the five statuses, late, late milestones.
csv_row() {
	pc report --as-of $AS_OF --by "$1" --format csv | tr -d '\r' | awk -F, -v k="$2" '$1 == k || $2 == k {
		print $3, $4, $5, $6, $7, $8, $9, $10 }'
}
# The same figures as a regular expression for the screen.
screen_re() { printf '%s' "$1" | sed 's/ / +/g'; }

tm_start 80 24 "cd '$T/work' && '$PLANCON' --db '$T/plan.db' --as-of $AS_OF"
wait_for "the console starts" '1 Plan'
t_match "a fifth tab: Report" ' 5 Report ' "$(tm_capture | head -1)"
tm_keys 5
wait_for "5 opens the Report view" '^ Department +Tasks Todo Doing Done Blkd Canc Late MsLate Progress'
wait_for "its status line" 'Report by department +row 1/23'
housing=$(csv_row dept 省住房城乡建设厅)
t_eq "the CLI's figures for 省住房城乡建设厅" "8 8 0 0 0 0 5 0" "$housing"
wait_for "省住房城乡建设厅: the same figures, and a bar" "^ 省住房城乡建设厅 +$(screen_re "$housing") \\[\\.{6}\\] +0%"
wait_for "a department with no task" '^ 省教育厅 +0 +0 +0 +0 +0 +0 +0 +0 no tasks'
tm_keys G
wait_for "the total, last" "^ Total +$(screen_re "$(csv_row dept Total)") \\[\\.{6}\\] +0%"
wait_for "the detail pane: the row's figures" 'not started +35'
tm_keys J
wait_for "J scrolls it: late milestones" 'Late milestones +4'

# Someone else finishes one of 省通信管理局's two tasks: 50 %, half a bar.
code=$(pc tasks --dept 省通信管理局 --format csv | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
ME=$(id -un)
pc init --admin "$ME" >/dev/null
pc set "$code" --status done --note 完成 >/dev/null
tm_keys /
tm_text 省通信管理局
tm_keys Enter
wait_for "a change elsewhere shows, with its bar" '^ 省通信管理局 +2 +1 +0 +1 +0 +0 +0 +0 \[###\.\.\.\] +50%'

# b: by chapter, year, status, and back.
tm_keys b
wait_for "b: by chapter" '^ Chapter +Tasks'
wait_for "b: the status line says so" 'Report by chapter'
wait_for "b: chapter 3's figures" "^ 3 深入推进绿色城镇 ~ +$(screen_re "$(csv_row chapter 3)")"
tm_keys b
wait_for "b again: by year" '^ Year +Tasks'
tm_keys b
wait_for "b again: by status" '^ Status +Tasks'
wait_for "b: the done row" '^ done +1 +0 +0 +1 +0 +0 +0 +0 \[#{6}\] +100%'
tm_keys b
wait_for "b again: by department" '^ Department +Tasks'

# e: export, with a dated name suggested.
tm_keys e
wait_for "e asks for a file name, suggesting one with the date" "Export to: progress-dept-$AS_OF\\.xlsx"
tm_keys Escape
wait_for "Esc: not exported" 'not exported'
t_eq "Esc: no file" "" "$(ls -A "$T/work")"
tm_keys e
wait_for "e again" "Export to: progress-dept-$AS_OF\\.xlsx"
tm_keys Enter
wait_for "Enter exports, and says so whole" "exported to progress-dept-$AS_OF\\.xlsx"
t_eq "the workbook is there" "504b0304" "$(head -c 4 "$T/work/progress-dept-$AS_OF.xlsx" 2>/dev/null | od -An -tx1 | tr -d ' \n')"
t_match "the workbook: the sheet of the date" "name=\"As of $AS_OF\"" "$(unzip -p "$T/work/progress-dept-$AS_OF.xlsx" xl/workbook.xml)"
tm_keys e C-u
tm_text 'report.doc'
tm_keys Enter
wait_for "an unknown extension is refused" 'use \.xlsx, \.csv, \.json, \.md or \.txt'
wait_for "... and the prompt stays" 'Export to: report\.doc'
tm_keys C-u
tm_text '月报.csv'
tm_keys Enter
wait_for "a CSV file by its name" 'exported to 月报\.csv'
t_eq "the CSV file: what plancon report writes" "$(pc report --as-of $AS_OF --format csv)" "$(cat "$T/work/月报.csv")"
t_eq "no temporary file left" "" "$(ls -A "$T/work" | grep -v -e '^progress-dept-' -e '^月报\.csv$')"

# ? lists the view's own keys.
tm_keys '?'
tm_keys NPage
wait_for "? lists b" '^ +b +Group by department, chapter, year or status$'
wait_for "? lists e" '^ +e +Export the report to a file; asks for its name$'
tm_keys q
wait_for "q leaves the help" '^ Department +Tasks'
# Typed ahead: ? and PgDn arriving together still page through the help.
tm_keys '?' NPage
wait_for "? and PgDn at once: the help paged" '^ +e +Export the report to a file; asks for its name$'
tm_keys q
wait_for "and q leaves it" '^ Department +Tasks'

# Narrow: the status columns go, the rest stays.
tm_resize 60 16
wait_for "at 60 columns: no status columns" '^ Department +Tasks +Late MsLate Progress'
wait_for "at 60 columns: the figures" "^ 省住房城乡建设厅 +8 +5 +0 \\[\\.{6}\\] +0%"
tm_resize 80 24
wait_for "back at 80 columns: the status columns" '^ Department +Tasks Todo Doing'

tm_keys Q
deadline=$(( $(date +%s) + 5 * ${T_SLOW:-1} ))
until tm_dead || [ "$(date +%s)" -ge "$deadline" ]; do sleep 0.05; done
if tm_dead; then t_pass "Q quits"; else t_fail "Q quits" "$(tm_capture)"; fi
t_end
