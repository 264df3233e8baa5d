#!/bin/sh
# plancon demo: a separate demo database from the bundled plan (or any plan
# file, whose own years it takes) with
# simulated statuses, progress, milestone states, indicator values and
# history, the same on every run; labelled DEMO in the commands' output and
# in the console's status line on every view; never written over a real
# database or another file. The console shows its roadmap by quarter where
# the demo has quarterly milestones. The date is pinned with --as-of.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
t_newdb
AS_OF=2024-06-30

see() { if tm_wait "$2"; then t_pass "$1"; else t_fail "$1" "no /$2/ on the screen:" "$(tm_capture)"; fi; }

# ---- making it ------------------------------------------------------------------------
"$PLANCON" demo --db "$T/demo.db" >"$T/out" 2>"$T/err"
t_eq "demo: exit status" 0 $?
t_match "demo: says what it wrote" "^DEMO 演示数据: wrote a demo database of 35 tasks to $T/demo.db\$" "$(cat "$T/out")"
t_match "demo: says how to open it" "^Open it with: plancon --db $T/demo.db\$" "$(cat "$T/out")"
t_eq "demo: nothing on stderr" "" "$(cat "$T/err")"

d() { "$PLANCON" --db "$T/demo.db" --as-of "$AS_OF" "$@"; }
out=$(d summary)
t_match "the commands say DEMO" '^DEMO' "$out"
t_match "simulated statuses: not started" '^  not started +3$' "$out"
t_match "simulated statuses: in progress" '^  in progress +23$' "$out"
t_match "simulated statuses: done" '^  done +7$' "$out"
t_match "simulated statuses: blocked" '^  blocked +1$' "$out"
t_match "simulated statuses: cancelled" '^  cancelled +1$' "$out"
t_match "a simulated history" '^2021-0[0-9]-[0-9]{2}T[0-9:]+Z +[a-z.]+ +3\.2\.4 +status +not started +in progress +（演示）' \
	"$(d log 3.2.4)"
t_match "simulated milestone states" '2022 +done' "$(d show 3.2.4)"
t_match "simulated indicator values" '2021: 63\.6, 2022: 64\.2, 2023: 64\.8' "$(d indicators)"
t_match "a cancelled task has its note" '（演示）职责调整' "$(d show 2.2.1)"

# The same every time.
"$PLANCON" demo --db "$T/demo2.db" >/dev/null 2>&1
for what in "tasks --format csv" "log --format csv" "indicators --format csv"; do
	# shellcheck disable=SC2086
	a=$("$PLANCON" --db "$T/demo.db" --as-of "$AS_OF" $what)
	# shellcheck disable=SC2086
	b=$("$PLANCON" --db "$T/demo2.db" --as-of "$AS_OF" $what)
	t_eq "the same demo every time: $what" "$a" "$b"
done

# ---- another plan's demo ---------------------------------------------------------------
# A plan of other years (2030-2040, every task with a due date, no second
# document): its demo takes its years from the plan itself.
PLAN2030="$(dirname "$0")/../lib/demo-plan-2030.json"
"$PLANCON" demo --db "$T/c.db" --plan "$PLAN2030" >"$T/out" 2>"$T/err"
t_eq "another plan's demo: exit status" 0 $?
t_match "another plan's demo: says what it wrote" "^DEMO 演示数据: wrote a demo database of 14 tasks to $T/c.db\$" "$(cat "$T/out")"
c() { "$PLANCON" --db "$T/c.db" --as-of 2033-06-30 "$@"; }
out=$(c summary)
for s in "not started" "in progress" done blocked cancelled; do
	t_match "another plan's demo: some $s" "^  $s +[1-9][0-9]*\$" "$out"
done
t_match "another plan's demo: some late" '^Late as of 2033-06-30: [1-9]' "$out"
t_eq "another plan's demo: its history in its own years" "2030 2031 2032 2033" \
	"$(c log --format csv | tail -n +2 | cut -d, -f2 | cut -c1-4 | sort -u | tr '\n' ' ' | sed 's/ $//')"
t_match "another plan's demo: a milestone missed by its blocked task" ' 1\.2\.1 +milestone 2031 +pending +missed' "$(c log 1.2.1)"
t_match "another plan's demo: its own milestone's state" '2031 +done +完成一期管网改造' "$(c show 1.1.2)"
t_match "another plan's demo: indicator values before its present" \
	'^城市绿化覆盖率 .*2030: [0-9.]+, 2031: [0-9.]+, 2032: [0-9.]+$' "$(c indicators)"
t_match "another plan's demo: a decreasing indicator" '^单位GDP能耗 .*2030: 0\.33, 2031: 0\.32, 2032: 0\.32$' "$(c indicators)"
"$PLANCON" demo --db "$T/c2.db" --plan "$PLAN2030" >/dev/null 2>&1
t_eq "another plan's demo: the same every time" "$(c log --format csv)" \
	"$("$PLANCON" --db "$T/c2.db" --as-of 2033-06-30 log --format csv)"
"$PLANCON" demo --db "$T/c3.db" --plan - <"$PLAN2030" >/dev/null 2>&1
t_eq "another plan's demo: the plan on standard input" "$(c log --format csv)" \
	"$("$PLANCON" --db "$T/c3.db" --as-of 2033-06-30 log --format csv)"
mkfifo "$T/plan.fifo"
out=$(timeout 10 "$PLANCON" demo --db "$T/c4.db" --plan "$T/plan.fifo" 2>&1); rc=$?
t_eq "demo --plan FIFO: exit status" 2 "$rc"
t_match "demo --plan FIFO: refused, not waited on" "plan\.fifo: is not a regular file" "$out"
t_ok "demo --plan FIFO: no database made" test ! -e "$T/c4.db"
printf '{"format": ' >"$T/cut.json"
out=$("$PLANCON" demo --db "$T/c4.db" --plan "$T/cut.json" 2>&1); rc=$?
t_eq "demo --plan not JSON: exit status" 2 "$rc"
t_match "demo --plan not JSON: names the file" "cut\.json: not valid JSON" "$out"
t_ok "demo --plan not JSON: no database made" test ! -e "$T/c4.db"
out=$("$PLANCON" demo --db "$T/c4.db" --plan "$T/none.json" 2>&1); rc=$?
t_eq "demo --plan missing: exit status" 1 "$rc"
t_match "demo --plan missing: says so" "none\.json: cannot open: No such file or directory" "$out"

# Again over itself: replaced.
"$PLANCON" demo --db "$T/demo.db" >/dev/null 2>&1
t_eq "demo over a demo database: exit status" 0 $?

# ---- what it leaves alone -------------------------------------------------------------
before=$(cksum <"$T/plan.db")
"$PLANCON" demo --db "$T/plan.db" >"$T/out" 2>"$T/err"
t_eq "demo over a real database: exit status" 1 $?
t_match "demo over a real database: says why" "$T/plan.db is a real plancon database, not a demo" "$(cat "$T/err")"
t_eq "demo over a real database: it is unchanged" "$before" "$(cksum <"$T/plan.db")"
printf 'my notes\n' >"$T/notes.txt"
"$PLANCON" demo --db "$T/notes.txt" >"$T/out" 2>"$T/err"
t_eq "demo over another file: exit status" 1 $?
t_match "demo over another file: says why" 'not a demo database' "$(cat "$T/err")"
t_eq "demo over another file: it is unchanged" "my notes" "$(cat "$T/notes.txt")"
mkdir "$T/sub"
"$PLANCON" --db "$T/sub/plan.db" demo >"$T/out" 2>&1
t_eq "demo without --db: exit status" 0 $?
t_ok "demo without --db: demo.db beside the database" test -s "$T/sub/demo.db"
t_ok "demo without --db: the database itself is not made" test ! -e "$T/sub/plan.db"
t_status "demo with an argument" 2 "$PLANCON" demo extra
t_status "demo with an unknown option" 2 "$PLANCON" demo --nope
t_match "demo with an unknown option: its usage" '^usage: plancon demo \[--db FILE\] \[--plan FILE\]' \
	"$("$PLANCON" demo --nope 2>&1)"

# ---- in the console -------------------------------------------------------------------
tm_start 80 24 "TERM=xterm-256color $PLANCON --db $T/demo.db --as-of $AS_OF"
see "the console on the demo" 'Plan  row 1/65'
for v in "1 Plan" "2 Departments" "3 Roadmap" "4 Indicators"; do
	tm_keys "${v%% *}"
	see "DEMO 演示数据 in the status line: ${v#* }" "^ DEMO 演示数据  ${v#* }  row 1/"
done
tm_keys 3
# (2026: the due date of the demo's approved extension)
see "the roadmap splits 2022 into quarters" '^ Task  \(\| = as of 2024-06-3.? +2021  Q1   Q2   Q3   Q4   2023 \|2025  2026  2035'
see "with the year over them" '^ +2022 +\|'
see "quarterly milestones done" '^ 2\.1\.2  加快新型基础设施建设 +done   \.   done  \.   done done \| '
see "a missed milestone" '^ 3\.1\.1  .* miss \| '
see "late ones" '^ 2\.2\.2  扩大数字服务场景应用 .* LATE \| '
tm_keys 4
see "the indicators' simulated values" '^ 常住人口城镇化率 \(%\) +63\.05 \(2020\) +64\.8 \(2023\) +~68 \(2025\) +\[#+\.*\] +[0-9]+%'
see "a decreasing indicator measured from its first value" '^ 城乡居民收入比 .*2\.31 \(2023\) +~2\.2 \(2025\) +\[#+\.*\] +39%'

t_end
