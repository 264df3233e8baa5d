#!/bin/sh
# The benchmark, once at 1,000 tasks, to prove that it works (make check).
# It never fails on a time: it checks that the generator makes what it
# says it makes, the same each time; that the terminal model the console
# figures rely on reads a screen right; that every figure gets its line;
# and that no update of the 8 concurrent writers went missing.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

BENCH=${PLANCON_BENCH:-$(dirname "$PLANCON")/bench/plancon-bench}
[ -x "$BENCH" ] || BENCH=$TOP/build/bench/plancon-bench
NEEDLE=盐碱地蓝碳
AS_OF=--as-of=2024-06-30

# ---- the generator ------------------------------------------------------------

"$BENCH" gen 1000 "$T/a.db" 2>"$T/gen.err"
t_eq "gen: exit status" 0 $?
t_match "gen: says what it made" '1000 tasks, 80 chapters, 400 sections, [0-9]+ milestones, [0-9]+ cooperations, [0-9]+ changes' \
	"$(cat "$T/gen.err")"
"$BENCH" gen 1000 "$T/b.db" 2>/dev/null
"$BENCH" gen 1000 "$T/c.db" --seed 7 2>/dev/null
pa() { "$PLANCON" --db "$T/a.db" $AS_OF "$@"; }

tasks_a=$("$PLANCON" --db "$T/a.db" $AS_OF tasks --format csv)
t_eq "gen: same seed, same tasks" "$tasks_a" "$("$PLANCON" --db "$T/b.db" $AS_OF tasks --format csv)"
t_eq "gen: same seed, same report" "$(pa report --by chapter --format csv)" \
	"$("$PLANCON" --db "$T/b.db" $AS_OF report --by chapter --format csv)"
if [ "$tasks_a" = "$("$PLANCON" --db "$T/c.db" $AS_OF tasks --format csv)" ]; then
	t_fail "gen: another seed, other tasks"
else
	t_pass "gen: another seed, other tasks"
fi
t_eq "gen: 1000 tasks" 1001 "$(printf '%s\n' "$tasks_a" | wc -l | tr -d ' ')"
t_eq "gen: 50 departments" 51 "$(pa depts --format csv | wc -l | tr -d ' ')"
t_eq "gen: the search word is in exactly 3 tasks" 4 \
	"$(pa tasks --search "$NEEDLE" --format csv | wc -l | tr -d ' ')"

# Titles of 10 to 40 characters, Chinese; every status; dates in the plan's years.
t_eq "gen: titles of 10-40 characters, Chinese" "ok" "$(printf '%s\n' "$tasks_a" | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
bad = [r["title"] for r in rows if not 10 <= len(r["title"]) <= 40 or not any("\u4e00" <= ch <= "\u9fff" for ch in r["title"])]
statuses = {r["status"] for r in rows}
print("ok" if not bad and len(statuses) == 5 else "bad titles %r, statuses %r" % (bad[:3], statuses))')"

# A history of several changes per task, in time order, consistent with the tasks.
sq() { sqlite3 -batch "$T/a.db" "$1"; }
t_eq "gen: several changes per task" 1 "$(sq "SELECT count(*) > 2 * 1000 FROM changes WHERE kind = 'task'")"
t_eq "gen: the log is in time order" 0 \
	"$(sq "SELECT count(*) FROM changes a JOIN changes b ON b.id = a.id + 1 WHERE b.at < a.at")"
t_eq "gen: each task's version counts its changes" 0 \
	"$(sq "SELECT count(*) FROM tasks t WHERE t.version <> 1 + (SELECT count(DISTINCT version) FROM changes c WHERE c.task_id = t.id)")"
t_eq "gen: milestones in 2021-2023 and 2025" "2021 2022 2023 2025" \
	"$(sq "SELECT DISTINCT year FROM milestones ORDER BY 1" | tr '\n' ' ' | sed 's/ $//')"
t_eq "gen: no broken reference" "" "$(sq "PRAGMA foreign_key_check")"
t_eq "gen: the file is sound" "ok" "$(sq "PRAGMA integrity_check")"
t_eq "gen: tallies agree with the tasks" "" "$(sq "
	SELECT chapter_id, ifnull(section_id, 0), status, ifnull(due_date, ''), count(*), sum(progress) FROM tasks GROUP BY 1, 2, 3, 4
	EXCEPT SELECT * FROM tally_tree;
	SELECT ifnull(lead_dept_id, 0), status, ifnull(due_date, ''), count(*), sum(progress) FROM tasks GROUP BY 1, 2, 3
	EXCEPT SELECT * FROM tally_dept;
	SELECT dept_id, count(*) FROM task_coop GROUP BY 1 EXCEPT SELECT * FROM tally_coop")"
t_eq "gen: the search index finds the word" "3" \
	"$(sq "SELECT count(*) FROM task_fts WHERE task_fts MATCH '\"$NEEDLE\"'")"

# ---- the supervision cycle's history (plancon-bench cycle) ------------------------
cp "$T/b.db" "$T/cy.db"
"$BENCH" cycle "$T/cy.db" 2>"$T/cycle.err"
t_eq "cycle: exit status" 0 $?
t_match "cycle: says what it made" 'cycle \(full\): [0-9]+ reports, [0-9]+ revisions, [0-9]+ reviews, [0-9]+ reminders, [0-9]+ extensions, [0-9]+ waiting for review' \
	"$(cat "$T/cycle.err")"
cq() { sqlite3 -batch -separator ' ' "$T/cy.db" "$1"; }
t_eq "cycle: on in meta, 24 months" "1 2022-06 24 2022-06 2024-05" \
	"$(cq "SELECT (SELECT value FROM meta WHERE key = 'cycle_enabled'), (SELECT value FROM meta WHERE key = 'cycle_since'), count(DISTINCT period), min(period), max(period) FROM reports")"
t_eq "cycle: every state in the last month, only accepted before it" "accepted draft returned submitted|accepted" \
	"$(cq "SELECT group_concat(state, ' ') FROM (SELECT DISTINCT state FROM reports WHERE period = '2024-05' ORDER BY 1)")|$(cq "SELECT group_concat(DISTINCT state) FROM reports WHERE period < '2024-05'")"
t_eq "cycle: about 2 % missing, 5 % returned, 10 % late" "1 1 1" \
	"$(cq "SELECT (SELECT count(*) FROM reports) * 1.0 / (SELECT count(*) FROM tasks t, (SELECT DISTINCT period p FROM reports) WHERE t.status NOT IN ('done', 'cancelled')) BETWEEN 0.9 AND 1.6,
	(SELECT count(*) FROM reports WHERE rev = 2) * 1.0 / (SELECT count(*) FROM reports) BETWEEN 0.03 AND 0.07,
	(SELECT count(*) FROM reports WHERE on_time = 0) * 1.0 / (SELECT count(*) FROM reports WHERE rev > 0) BETWEEN 0.07 AND 0.13")"
t_eq "cycle: a revision per submission, a review per decision" "0 0" \
	"$(cq "SELECT (SELECT sum(rev) FROM reports) - (SELECT count(*) FROM report_revisions), (SELECT count(*) FROM reports WHERE state IN ('accepted', 'returned')) + (SELECT count(*) FROM reports WHERE rev = 2) - (SELECT count(*) FROM reviews)")"
t_eq "cycle: on time is the rule's" 0 "$(cq "SELECT count(*) FROM reports WHERE rev > 0 AND on_time <> (substr(first_local, 1, 10) <= due)")"
t_eq "cycle: reminders and extensions" "1 1" "$(cq "SELECT (SELECT count(*) FROM reminders) > 0, (SELECT count(*) FROM extensions) > 0")"
t_eq "cycle: the indexes and triggers are back" 0 \
	"$(cq "SELECT 7 - count(*) FROM sqlite_schema WHERE name IN ('reports_queue', 'reports_period', 'reports_returned', 'reviews_report', 'reminders_dept', 'report_revisions_audit', 'reviews_audit')")"
t_eq "cycle: plancon check passes" 0 "$("$PLANCON" --db "$T/cy.db" check >/dev/null 2>&1; echo $?)"
cp "$T/b.db" "$T/cy2.db"
"$BENCH" cycle "$T/cy2.db" 2>/dev/null
t_eq "cycle: the same every time" "$(cq "SELECT * FROM reports")" "$(sqlite3 -batch -separator ' ' "$T/cy2.db" "SELECT * FROM reports")"
cp "$T/b.db" "$T/cy3.db"
"$BENCH" cycle "$T/cy3.db" reduced 2>/dev/null
t_eq "cycle reduced: 24 months for departments 1-5, the last 3 for all" "0 1" \
	"$(sqlite3 -batch -separator ' ' "$T/cy3.db" "SELECT (SELECT count(*) FROM reports WHERE period < '2024-03' AND dept_id > 5), (SELECT count(DISTINCT dept_id) > 40 FROM reports WHERE period >= '2024-03')")"
t_status "cycle: an unknown shape" 2 "$BENCH" cycle "$T/cy3.db" most

# ---- the tallies follow changes ----------------------------------------------------

# The generated plan has its own administrators; make the login running the
# test one of them (a fixture, written as the users table's triggers expect).
sq "INSERT INTO users (name, role, updated_by) VALUES ('$(id -un)', 'admin', 'admin1')"
code=$(printf '%s\n' "$tasks_a" | sed -n '2p' | cut -d, -f1)
pa set "$code" --status blocked --progress 35 --note "基准测试" >/dev/null 2>&1
t_eq "tallies: the update went through" "blocked|35" "$(sq "SELECT status, progress FROM tasks WHERE code = '$code'")"
t_eq "tallies: a status change is counted" "" "$(sq "
	SELECT chapter_id, ifnull(section_id, 0), status, ifnull(due_date, ''), count(*), sum(progress) FROM tasks GROUP BY 1, 2, 3, 4
	EXCEPT SELECT * FROM tally_tree WHERE n > 0")"
pa assign "$code" --lead 省公安厅 --coop 省民政厅 --coop 省财政厅 >/dev/null 2>&1
t_eq "tallies: the reassignment went through" "省公安厅 省民政厅、省财政厅" \
	"$(pa tasks --search "$code" --format csv | awk -F, -v c="$code" '$1 == c { print $3, $9 }')"
t_eq "tallies: a new lead and new cooperations are counted" "" "$(sq "
	SELECT ifnull(lead_dept_id, 0), status, ifnull(due_date, ''), count(*), sum(progress) FROM tasks GROUP BY 1, 2, 3
	EXCEPT SELECT * FROM tally_dept WHERE n > 0;
	SELECT dept_id, count(*) FROM task_coop GROUP BY 1 EXCEPT SELECT * FROM tally_coop")"
t_eq "tallies: the departments view agrees with a count of the tasks" \
	"$(sq "SELECT count(*) FROM tasks WHERE lead_dept_id = 2")" \
	"$(pa depts --format csv | python3 -c 'import csv,sys; print([r for r in csv.DictReader(sys.stdin) if r["short"] == "省住房城乡建设厅"][0]["lead"])' 2>/dev/null)"

# ---- the terminal model --------------------------------------------------------------

printf '\033[2J\033[1;1Habc\033[2;3H城市建设\033[K\033[3;1Hxy\033[2b\033[4;5H\033[1;3r\033[3;1H\n' >"$T/vt1"
printf '\033[r\033[2;1H新\033[24;70Hend' >"$T/vt2"
"$BENCH" vt "$T/vt1" "$T/vt2" >"$T/vt.out"
t_eq "vt: cursor moves, wide characters, repeat, scrolling region" "$(printf '%s\n' \
	"---- $T/vt1" "  城市建设" "xyyy" "" \
	"---- $T/vt2" "  城市建设" "新yy" "")" "$(sed -n '1,4p;26,29p' "$T/vt.out")"
t_match "vt: the bottom row" '^ {69}end$' "$(sed -n '50p' "$T/vt.out")"

# ---- the benchmark -------------------------------------------------------------------

"$BENCH" run --plancon "$PLANCON" --dir "$T/bench" --sizes 1000 --runs 1 --keys 2 --writes 8 >"$T/run.out" 2>"$T/run.err"
t_eq "run: exit status" 0 $?
out=$(cat "$T/run.out")
for f in generate_s first_frame_ms key_down_ms key_pgdn_ms key_end_ms key_dept_open_ms key_search3_ms key_search_ms \
	bytes_down bytes_pgdn console_rss_mb tasks_dept_first_line_ms tasks_dept_ms report_dept_ms report_rss_mb late_ms \
	summary_ms chapters_ms depts_ms report_chapter_ms show_ms log_task_ms tasks_search_ms \
	update_ms set_cli_ms writers8_updates_per_s writers8_lost writers8_cli_updates_per_s fsync_ms; do
	t_match "run: a line for $f" "^$f +1000  median +[0-9.]+  min-max [0-9.]+-[0-9.]+  iqr [0-9.]+-[0-9.]+  n=[0-9]+" "$out"
done
# the supervision cycle's figures, on the kept copy with the cycle's history
for f in cycle_generate_full_s review_queue_page_ms todo_office_ms todo_most_ms todo_typical_ms \
	lights_on_first_frame_ms lights_on_first_frame_cpu_ms lights_on_dept_tasks_ms lights_off_first_frame_ms \
	lights_off_dept_tasks_ms lights_cost_first_frame_ms lights_cost_dept_tasks_ms \
	tasks_light_red_first_line_ms tasks_light_red_ms rank_ms report_dept_lights_ms todo_cli_ms todo_office_cli_ms \
	review_list_ms; do
	t_match "run: a line for $f" "^$f +1000  median +-?[0-9.]+  min-max -?[0-9.]+--?[0-9.]+  iqr -?[0-9.]+--?[0-9.]+  n=[0-9]+" "$out"
done
t_nomatch "run: nothing skipped" 'skipped' "$out"
t_match "run: no update lost by 8 writers" '^writers8_lost +1000  median +0  min-max 0-0' "$out"
t_match "run: no update lost by 8 plancon set" '^writers8_cli_lost +1000  median +0  min-max 0-0' "$out"
t_match "run: the database is kept for the next run" 'bench-g[0-9]+-1000\.db' "$(ls "$T/bench")"
t_match "run: and its copy with the cycle's history" 'bench-g[0-9]+-1000-c[0-9]+\.db' "$(ls "$T/bench")"
t_eq "run: the kept database has no cycle" 0 \
	"$(sqlite3 -batch "$(ls "$T"/bench/bench-g*-1000.db)" "SELECT count(*) FROM reports")"

t_end
