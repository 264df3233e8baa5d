# The plan of the warning-light tests (tests/cli/lights.sh,
# tests/tui/lights.sh): lights_db makes $T/plan.db, with reports, an
# awaiting task and a start date written by sqlite3, and $T/on.ini and
# $T/off.ini (the cycle on, as of 2024-04-10; and off). Every light it
# gives is worked out in tests/cli/lights.sh.
lights_db() {
	cat >"$T/plan.json" <<'EOF'
{"format": "plancon-plan", "version": 1, "title": "灯",
 "documents": [{"key": "action", "title": "行动方案"}],
 "parts": [{"no": 1, "title": "第一篇"}],
 "chapters": [{"no": 1, "part": 1, "title": "第一章"}, {"no": 2, "part": 1, "title": "第二章"}],
 "departments": [{"short": "省甲厅", "name": "山东省甲厅"}, {"short": "省乙委", "name": "山东省乙委员会"},
  {"short": "省办", "name": "山东省领导小组办公室"}],
 "tasks": [
  {"code": "1.0.1", "title": "绿", "document": "action", "chapter": 1, "lead": "省甲厅", "status": "in_progress", "progress": 50, "due": "2024-12-31"},
  {"code": "1.0.2", "title": "过期", "document": "action", "chapter": 1, "lead": "省甲厅", "status": "in_progress", "progress": 10, "due": "2024-04-01"},
  {"code": "1.0.3", "title": "临期滞后", "document": "action", "chapter": 1, "lead": "省甲厅", "status": "in_progress", "progress": 10, "due": "2024-04-15"},
  {"code": "1.0.4", "title": "退回", "document": "action", "chapter": 1, "lead": "省甲厅", "status": "in_progress", "progress": 60, "due": "2024-12-31"},
  {"code": "1.0.5", "title": "办结", "document": "action", "chapter": 1, "lead": "省甲厅", "status": "done", "progress": 100, "due": "2024-03-31"},
  {"code": "2.0.1", "title": "撤销", "document": "action", "chapter": 2, "lead": "省乙委", "status": "cancelled", "due": "2024-03-31"},
  {"code": "2.0.2", "title": "未报", "document": "action", "chapter": 2, "lead": "省乙委", "due": "2024-12-31"},
  {"code": "2.0.3", "title": "待销号", "document": "action", "chapter": 2, "lead": "省乙委", "status": "in_progress", "progress": 100, "due": "2024-12-31"},
  {"code": "2.0.4", "title": "节点", "document": "action", "chapter": 2, "lead": "省乙委", "status": "in_progress", "progress": 50, "due": "2024-12-31",
   "milestones": [{"year": 2024, "quarter": 1}]}]}
EOF
	out=$("$PLANCON" import "$T/plan.json" --db "$T/plan.db" 2>&1)
	t_eq "import the plan" "imported $T/plan.json into $T/plan.db: 9 tasks" "$out"

	# As of 2024-04-10, monthly, due on the 5th: "its period" is 2024-03, due
	# 2024-04-05, five days ago; grace 3 days, near 10 days.
	cat >"$T/on.ini" <<'EOF'
[cycle]
enabled = yes
period = month
due_day = 5
office = 省办
since = 2024-01
near_days = 10
grace_days = 3
EOF
	printf '[cycle]\nenabled = no\n' >"$T/off.ini"
	on() { "$PLANCON" --config "$T/on.ini" --db "$T/plan.db" --as-of 2024-04-10 "$@"; }

	# Reports of 2024-03: accepted for 1.0.1, 1.0.3, 2.0.4; returned for 1.0.4;
	# a draft for 2.0.2 (a draft is not filed). 2.0.3 is awaiting verification;
	# 1.0.3 started on 2024-01-01 (10 % after 100 of its 105 days: behind).
	sqlite3 "$T/plan.db" <<'EOF'
INSERT INTO reports (task_id, period, dept_id, due, state, rev, status, progress, first_local, on_time, updated_at, updated_by)
SELECT t.id, '2024-03', t.lead_dept_id, '2024-04-05', s.state, CASE s.state WHEN 'draft' THEN 0 ELSE 1 END,
       'in_progress', 50, CASE s.state WHEN 'draft' THEN NULL ELSE '2024-04-03 10:00:00' END,
       CASE s.state WHEN 'draft' THEN NULL ELSE 1 END, '2024-04-03T02:00:00Z', 'test'
FROM tasks t JOIN (SELECT '1.0.1' code, 'accepted' state UNION ALL SELECT '1.0.3', 'accepted'
  UNION ALL SELECT '2.0.4', 'accepted' UNION ALL SELECT '1.0.4', 'returned' UNION ALL SELECT '2.0.2', 'draft') s
  ON s.code = t.code;
UPDATE tasks SET awaiting = 1, version = version + 1 WHERE code = '2.0.3';
INSERT INTO closings (task_id, event, local, at, who)
SELECT id, 'done_reported', '2024-04-02 09:00:00', '2024-04-02T01:00:00Z', 'test' FROM tasks WHERE code = '2.0.3';
UPDATE tasks SET start_date = '2024-01-01', version = version + 1 WHERE code = '1.0.3';
EOF
}
