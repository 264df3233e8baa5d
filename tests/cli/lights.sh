#!/bin/sh
# The warning lights (plancon(1), SUPERVISION, Warning lights) in
# plancon tasks: the mark before the status in text, light and
# light_reason in CSV and JSON, the --light filter, and no light at all
# while the cycle is off. The facts (reports, milestones, awaiting,
# start dates) are written with sqlite3 into an imported plan; every
# light below is worked out in the comment above its task.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

. "$(dirname "$0")/../lib/lightsdb.sh"
lights_db
t_eq "the facts are in" "5" "$(sqlite3 "$T/plan.db" 'SELECT count(*) FROM reports')"

# ---- CSV: every light and its reason ------------------------------------------------------
on tasks --format csv >"$T/all.csv"
t_eq "csv: exit status" 0 $?
t_eq "csv: header" "code,title,lead,status,light,light_reason,progress,due,chapter,section,cooperating,provisional,start,late,document,version" \
	"$(head -1 "$T/all.csv" | tr -d '\r')"
lights=$(tail -n +2 "$T/all.csv" | tr -d '\r' | cut -d, -f1,5,6 | tr '\n' ' ')
t_eq "csv: the light of each task" "1.0.1,green,on_track 1.0.2,red,past_due 1.0.3,yellow,near_due_behind \
1.0.4,yellow,report_returned 1.0.5,closed,verified 2.0.1,closed,cancelled 2.0.2,red,report_missing_past_grace \
2.0.3,green,awaiting_verification 2.0.4,red,milestone_missed " "$lights"

# Within the grace (2024-04-07: two days after the due date): yellow.
r=$("$PLANCON" --config "$T/on.ini" --db "$T/plan.db" --as-of 2024-04-07 tasks --format csv | grep '^2.0.2,' | cut -d, -f5,6)
t_eq "csv: missing within the grace is yellow" "yellow,report_missing" "$r"
# On the due day itself nothing is missing.
r=$("$PLANCON" --config "$T/on.ini" --db "$T/plan.db" --as-of 2024-04-05 tasks --format csv | grep '^2.0.2,' | cut -d, -f5,6)
t_eq "csv: not missing on the due day" "green,on_track" "$r"
# Before the cycle's first period (since 2024-05): no report is due.
sed 's/^since = .*/since = 2024-05/' "$T/on.ini" >"$T/late.ini"
r=$("$PLANCON" --config "$T/late.ini" --db "$T/plan.db" --as-of 2024-04-10 tasks --format csv | grep '^2.0.2,' | cut -d, -f5,6)
t_eq "csv: before the first period nothing is missing" "green,on_track" "$r"

# ---- JSON ---------------------------------------------------------------------------------
on tasks --format json >"$T/all.json"
r=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join("%s=%s/%s" % (t["code"], t["light"], t["light_reason"]) for t in d if t["code"] in ("1.0.2", "2.0.3")))' "$T/all.json")
t_eq "json: light and light_reason" "1.0.2=red/past_due 2.0.3=green/awaiting_verification" "$r"

# ---- text: the mark before the status -------------------------------------------------------
COLUMNS=80 on tasks >"$T/all.txt"
t_match "text: red mark before the status" "^1\.0\.2 +过期 +省甲厅\* +! +in progress \(late\)" "$(grep '^1.0.2 ' "$T/all.txt")"
t_match "text: yellow mark" "^1\.0\.4 .* ~ +in progress" "$(grep '^1.0.4 ' "$T/all.txt")"
t_match "text: green mark" "^1\.0\.1 .* \. +in progress" "$(grep '^1.0.1 ' "$T/all.txt")"
t_match "text: closed mark" "^2\.0\.1 .* = +cancelled" "$(grep '^2.0.1 ' "$T/all.txt")"

# ---- the filter -----------------------------------------------------------------------------
t_eq "--light red" "1.0.2 2.0.2 2.0.4 " "$(on tasks --light red --format csv | tail -n +2 | cut -d, -f1 | tr '\n' ' ')"
t_eq "--light yellow" "1.0.3 1.0.4 " "$(on tasks --light yellow --format csv | tail -n +2 | cut -d, -f1 | tr '\n' ' ')"
t_eq "--light green" "1.0.1 2.0.3 " "$(on tasks --light green --format csv | tail -n +2 | cut -d, -f1 | tr '\n' ' ')"
t_eq "--light closed" "1.0.5 2.0.1 " "$(on tasks --light closed --format csv | tail -n +2 | cut -d, -f1 | tr '\n' ' ')"
t_eq "--light with --dept" "2.0.2 2.0.4 " "$(on tasks --light red --dept 省乙委 --format csv | tail -n +2 | cut -d, -f1 | tr '\n' ' ')"
t_eq "--light with --chapter" "1.0.2 " "$(on tasks --light red --chapter 1 --format csv | tail -n +2 | cut -d, -f1 | tr '\n' ' ')"
out=$(on tasks --light blue 2>&1)
t_status "--light blue: usage error" 2 on tasks --light blue
t_match "--light blue: says what is known" "unknown light \"blue\" \(red, yellow, green, closed\)" "$out"

# ---- the cycle off: no light ------------------------------------------------------------------
off() { "$PLANCON" --config "$T/off.ini" --db "$T/plan.db" --as-of 2024-04-10 "$@"; }
t_eq "off: csv has no light column" "code,title,lead,status,progress,due,chapter,section,cooperating,provisional,start,late,document,version" \
	"$(off tasks --format csv | head -1 | tr -d '\r')"
t_nomatch "off: json has no light" '"light"' "$(off tasks --format json)"
t_match "off: text has no mark" "^1\.0\.2 +过期 +省甲厅\* +in progress \(late\)" "$(COLUMNS=80 off tasks | grep '^1.0.2 ')"
out=$(off tasks --light red 2>&1)
t_status "off: --light is a usage error" 2 off tasks --light red
t_match "off: --light says the cycle is off" "the supervision cycle is off" "$out"

# ---- counts in the report ---------------------------------------------------------------------
# 省甲厅: red 1.0.2; yellow 1.0.3, 1.0.4; green 1.0.1; closed 1.0.5.
# 省乙委: red 2.0.2, 2.0.4; green 2.0.3; closed 2.0.1.
on report --format csv >"$T/rep.csv"
t_match "report: the lights' columns" ",done_pct,red,yellow,green,closed$" "$(head -1 "$T/rep.csv" | tr -d '\r')"
t_match "report: 省甲厅's lights" "^省甲厅,.*,1,2,1,1$" "$(grep '^省甲厅,' "$T/rep.csv" | tr -d '\r')"
t_match "report: 省乙委's lights" "^省乙委,.*,2,0,1,1$" "$(grep '^省乙委,' "$T/rep.csv" | tr -d '\r')"
t_match "report: the total's lights" "^,Total,.*,3,2,2,2$" "$(grep '^,Total,' "$T/rep.csv" | tr -d '\r')"
t_match "report --by chapter: chapter 2's lights" "^2,.*,2,0,1,1$" "$(on report --by chapter --format csv | grep '^2,' | tr -d '\r')"
t_match "report text: the marks head the columns" "Done%  !  ~  \.  =$" "$(COLUMNS=80 on report | sed -n 2p)"
r=$(on report --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["groups"][0]["red"], d["total"]["yellow"])')
t_eq "report json: red and yellow" "1 2" "$r"
t_nomatch "report, the cycle off: no lights" "red" "$(off report --format csv | head -1)"
t_nomatch "report --by year: no lights" "red" "$(on report --by year --format csv | head -1)"

# ---- the ranking ------------------------------------------------------------------------------
# 2024-03 (due 2024-04-05), as of 2024-04-10. 省甲厅: reports of 1.0.1,
# 1.0.3 and 1.0.4 on time (1.0.4's returned once), 1.0.2's missing: 3 on
# time of 4, 75 %; its one task due in March (1.0.5, reported done on
# 03-30, verified on 03-31) on time: 100 %; (75 + 100) / 2 = 87.5.
# 省乙委: 2.0.4's on time, 2.0.2's a draft, so missing (2.0.3 awaits
# verification: nothing to report): 50 %, no task due in March: 50.0.
# 省办 is the office: it leads 2.0.1 and is not ranked.
sqlite3 "$T/plan.db" <<'EOF'
INSERT INTO closings (task_id, event, local, at, who)
SELECT id, 'done_reported', '2024-03-30 10:00:00', '2024-03-30T02:00:00Z', 'test' FROM tasks WHERE code = '1.0.5';
INSERT INTO closings (task_id, event, local, at, who)
SELECT id, 'verified', '2024-03-31 09:00:00', '2024-03-31T01:00:00Z', 'test' FROM tasks WHERE code = '1.0.5';
INSERT INTO reviews (report_id, rev, decision, reason, at, who)
SELECT r.id, 1, 'return', '材料不全', '2024-04-04T01:00:00Z', 'test' FROM reports r JOIN tasks t ON t.id = r.task_id WHERE t.code = '1.0.4';
UPDATE tasks SET lead_dept_id = (SELECT id FROM departments WHERE short = '省办'), version = version + 1, updated_by = 'test' WHERE code = '2.0.1';
EOF
on rank --format csv >"$T/rank.csv"
t_eq "rank: exit status" 0 $?
t_eq "rank: csv" "rank,dept,reports_due,reports_on_time,reports_late,reports_missing,reports_returned,tasks_on_time,tasks_late,tasks_closed,score
1,省甲厅,4,3,0,1,1,1,0,1,87.5
2,省乙委,2,1,0,1,0,0,0,0,50.0" "$(tr -d '\r' <"$T/rank.csv")"
t_nomatch "rank: the office is not ranked" "省办" "$(on rank)"
t_match "rank: text title" "^Ranking of 2024-03 \(reports due 2024-04-05\), as of 2024-04-10$" "$(COLUMNS=80 on rank | head -1)"
t_eq "rank --sort name" "省乙委 省甲厅 " "$(on rank --sort name --format csv | tail -n +2 | cut -d, -f2 | tr '\n' ' ')"
r=$(on rank --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["dept"], d[0]["rank"], d[0]["score"], d[1]["reports_missing"])')
t_eq "rank: json" "省甲厅 1 87.5 1" "$r"
# 2024-02 (due 2024-03-05): nothing filed, every open task's report
# missing (省甲厅 4, 省乙委 2), both 0.0: a tie, sharing rank 1, in
# plancon depts order.
t_eq "rank --period 2024-02: a tie" "1,省甲厅,4,0,0,4,0,0,0,0,0.0 1,省乙委,2,0,0,2,0,0,0,0,0.0 " \
	"$(on rank --period 2024-02 --format csv | tail -n +2 | tr -d '\r' | tr '\n' ' ')"
# Before the cycle's first period nothing is missing: not ranked.
t_eq "rank before the first period: not ranked" ",省甲厅,0,0,0,0,0,0,0,0, ,省乙委,0,0,0,0,0,0,0,0, " \
	"$(on rank --period 2023-12 --format csv | tail -n +2 | tr -d '\r' | tr '\n' ' ')"
t_status "rank --period 2024-Q1 in a monthly cycle" 2 on rank --period 2024-Q1
t_status "rank --sort bad" 2 on rank --sort size
t_status "rank with the cycle off" 1 off rank

t_end
