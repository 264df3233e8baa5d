#!/bin/sh
# Searching and filtering in the console (tmux, 80x24): "/" with Chinese
# text typed as an input method sends it finds task 3.2.4 as you type and
# highlights the match; n and N go to the next and previous match and round
# the end; Esc goes back to where the search began; a search with no match
# says so; the departments view searches names. "f" filters the task lists
# by department, status and chapter, the status line shows the filter, and
# Esc clears it. One search rule: the same words (ASCII in either case,
# full-width letters, one, two and four Chinese characters, a code) find
# the same tasks through tasks --search, / in the plan and / in a
# department's tasks. The date is pinned with --as-of.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
t_newdb
"$PLANCON" demo --db "$T/demo.db" >/dev/null 2>&1 || t_fail "the demo database is made"
AS_OF=2024-06-30

see() { if tm_wait "$2"; then t_pass "$1"; else t_fail "$1" "no /$2/ on the screen:" "$(tm_capture)"; fi; }
unseen() { if tm_wait_gone "$2"; then t_pass "$1"; else t_fail "$1" "/$2/ is still on the screen:" "$(tm_capture)"; fi; }
console() { # DB: a console at 80x24 on DB, in a new session
	cmd="TERM=xterm-256color $PLANCON --db $1 --as-of $AS_OF"
	if [ -z "$T_TMUX" ]; then
		tm_start 80 24 "$cmd"
	else
		tm new-session -d -s next -x 80 -y 24 "$cmd"
		tm kill-session -t t
		tm rename-session -t next t
	fi
	tm_wait 'Plan  row 1/' || t_fail "the console starts on $1" "$(tm_capture)"
}

console "$T/plan.db"

# ---- search as you type --------------------------------------------------------------
tm_keys /
see "/ opens the search prompt" '^/ *$'
tm_text '垃圾分类'
see "typing Chinese finds task 3.2.4" '^ 3\.2\.4  构建全链条垃圾分类处理系统$'
see "the prompt shows what was typed" '^/垃圾分类'
tm_keys Enter
see "Enter keeps the cursor on it" '^ Plan  row 33/65 '
row=$(tm capture-pane -p -e -t t | grep '3\.2\.4 构建全链条')
t_match "the match is highlighted in its row" "$(printf '\033')\\[[0-9;]*m垃圾分类$(printf '\033')" "$row"
tm_keys n
see "n with a single match goes round to it" 'search wrapped around'
see "and stays on 3.2.4" '^ Plan  row 33/65 '

# An input method (or a paste) sends a word and Enter at once: one write.
tm_keys g /
tm_text "$(printf '垃圾分类\r')"
see "a word and Enter in one burst: found and kept" '^ Plan  row 33/65 '
tm_keys Escape g /
tm_text "$(printf '没有这个词\r')"
see "a word and Enter in one burst, no match: says so" 'no match for "没有这个词"'
see "and the cursor stays" '^ Plan  row 1/65 '
tm_keys Escape

tm_keys g /
tm_text '智慧'
tm_keys Enter
see "the first match of 智慧" '^ 2\.2\.1  健全智慧服务体系$'
tm_keys n
see "n: the next match" '^ 2\.2\.3  实施智慧社区（村居）提升工程$'
tm_keys n
see "n: the one after" '^ 2\.4\.1  推动城乡智慧协同，实施“宽带乡村”工程$'
tm_keys N
see "N: the previous match" '^ 2\.2\.3  实施智慧社区（村居）提升工程$'
tm_keys N N
see "N before the first goes round to the last" '^ 2\.5\.3  建设具有国际影响力的新型智慧城市群$'
see "and says so" 'search wrapped around'

# The views that hold their rows in memory search alike, and say so too.
tm_keys Escape 4 g /
tm_text '城'
tm_keys Enter
see "indicators: the first match" '^ Indicators  row 1/5 '
tm_keys N
see "indicators: N before the first goes round to the last" '^ Indicators  row 5/5 '
see "indicators: and says so" 'search wrapped around'
tm_keys Escape 5 g /
tm_text '省'
tm_keys Enter
see "report: the first match" '^ Report by department  row 1/'
tm_keys N
see "report: N before the first goes round to the last" '^ Report by department  row 2[0-9]/'
see "report: and says so" 'search wrapped around'
tm_keys Escape 2 g /
tm_text '省'
tm_keys Enter N
see "departments: N before the first goes round to the last" '^ Departments  row 2[0-9]/'
see "departments: and says so" 'search wrapped around'
tm_keys Escape 1

tm_keys g /
tm_text '城市'
see "typing moves the cursor" '^/城市'
t_nomatch "away from the first row" '^ Part 1  指导思想' "$(tm_capture)"
tm_keys Escape
see "Esc goes back to where the search began" '^ Plan  row 1/65 '
see "and its detail" '^ Part 1  指导思想、基本原则和主要目标$'

tm_keys /
tm_text 'zzzz'
see "a search with no match says so" 'no match'
tm_keys Enter
see "and names it" 'no match for "zzzz"'
see "the cursor stayed" '^ Plan  row 1/65 '
tm_keys Escape

tm_keys / BSpace
tm_text '3.2.3'
tm_keys Enter
see "a task code is found too" '^ 3\.2\.3  提高城镇污水收集处理能力$'

tm_keys 2 /
tm_text '生态'
tm_keys Enter
see "the departments view searches names" '^ 省生态环境厅$'
see "and keeps its own cursor" '^ Departments  row 13/22 '
tm_keys 1

# ---- filter --------------------------------------------------------------------------
tm_keys g f
see "f asks what to filter by" 'Filter the tasks by'
tm_keys Down Enter
see "then lists the departments" 'Filter by department'
tm_text '住房'
see "typing narrows the list" '省住房城乡建设厅  山东省住房和城乡建设厅'
tm_keys Enter
see "the status line shows the filter" 'filter: 省住房城乡建设厅'
see "its tasks are shown" '^       3\.2\.1 创新城市绿色发展模式'
unseen "other departments' tasks are not" '2\.1\.1 加大城镇通信网络'
unseen "nor parts without its tasks" 'Part 1  指导思想'
t_match "the count of rows follows" '^ Plan  row 1/[0-9]+ ' "$(tm_capture | tail -1)"
tm_keys Escape
see "Esc clears the filter" 'filter cleared'
see "everything is back" '2\.1\.1 加大城镇通信网络'
t_nomatch "the status line has no filter" 'filter:' "$(tm_capture | tail -1)"

console "$T/demo.db"
tm_keys f Enter
see "the statuses to filter by" 'Filter by status'
tm_text 'block'
tm_keys Enter
see "filter by status: the status line" 'filter: blocked'
see "filter by status: the blocked task" '^       3\.1\.1 将碳达峰、碳中和目标纳入.* !blocked +40%'
see "filter by status: its part, chapter and section, nothing else" '^ DEMO 演示数据  Plan  row 1/4 '
tm_keys f Down Down Enter
tm_text '智慧'
tm_keys Enter
see "filters combine: status and chapter" 'filter: blocked, chapter 2'
see "nothing matches both" 'Nothing matches the filter \(Esc clears it\)\.'
tm_keys f
see "f offers to clear the filter" 'Clear the filter'
tm_keys Down Down Down Enter
see "which clears it" 'filter cleared'
see "all rows again" 'Plan  row 1/65 '
tm_keys f Down Down Enter
tm_text '绿色'
tm_keys Enter 3
see "the filter applies to the roadmap" 'filter: chapter 3'
see "its rows are of chapter 3" '^ 3\.1\.1  将碳达峰'
unseen "and not of chapter 2" '^ 2\.1\.2 '
tm_keys Escape
see "Esc clears it there too: all 16 rows" '^ DEMO 演示数据  Roadmap  row 8/16 '
see "the cursor stays on its task" '^ 3\.1\.1  将碳达峰、碳中和目标纳入城乡发展整体布局'

# ---- one search rule: the commands, the plan's / and a department's / ----------------
# tests/lib/search-plan.json: eight tasks, all led by 省甲厅, with ASCII in
# both cases, full-width letters, Chinese and codes. Each word goes through
# tasks --search, / in the plan (the trigram index from three characters,
# a walk by chapter below that) and / in the department's tasks (the
# query of its lists); each must find what the rule finds, worked out by
# hand from the plan file (word|codes).
cat >"$T/words" <<'EOF'
smart|1.1.1 1.1.2
SMART|1.1.1 1.1.2
ＡＢＣ|1.2.1 1.2.2
ａｂｃ|1.2.1 1.2.2
abc|2.0.1
城|1.1.1 1.2.1 2.0.1 3.2.2
城市|1.1.1 3.2.2
智慧城市|1.1.1 3.2.2
3.2|1.2.2 3.2.1 3.2.2
没有|-
EOF
"$PLANCON" import "$TOP/tests/lib/search-plan.json" --db "$T/search.db" >/dev/null 2>&1
word() { sed -n "${1}p" "$T/words" | cut -d'|' -f1; }
want() { sed -n "${1}p" "$T/words" | cut -d'|' -f2; }
nwords=$(wc -l <"$T/words")
sorted() { printf '%s\n' $1 | sort | tr '\n' ' ' | sed 's/ $//'; }
cli_hits() {
	r=$("$PLANCON" --db "$T/search.db" tasks --search "$1" --format csv | tr -d '\r' | awk -F, 'NR > 1 { print $1 }')
	r=$(sorted "$r")
	echo "${r:--}"
}
# find_in_view WORD: from the view's first row, / WORD Enter; then the code
# of each match (the detail pane's first line), n after n until the search
# wraps around, sorted; "-" when nothing matches.
find_in_view() {
	tm_keys g
	tm_wait ' row 1/' || { echo "g: not at row 1"; return; }
	tm_keys /
	tm_text "$1"
	tm_wait "^/$1" || { echo "no prompt"; return; }
	tm_keys Enter
	tm_wait_gone "^/$1" || { echo "Enter: still the prompt"; return; }
	seen="" prev="" deadline=$(( $(date +%s) + 10 * ${T_SLOW:-1} ))
	while [ "$(date +%s)" -lt "$deadline" ]; do
		scr=$(tm_capture)
		case "$scr" in *"no match for"*) echo -; return;; esac
		code=$(printf '%s\n' "$scr" | awk '/^─/ { getline; print $1; exit }')
		case "$code" in
		[0-9]*.[0-9]*.[0-9]*)
			if [ "$code" != "$prev" ]; then
				case " $seen " in *" $code "*) sorted "$seen"; return;; esac
				seen="$seen $code" prev=$code
				tm_keys n
			elif printf '%s\n' "$scr" | tail -4 | grep -q 'search wrapped'; then
				sorted "$seen"
				return
			fi;;
		esac
		sleep 0.05
	done
	echo "timeout after:$seen"
}
i=1
while [ "$i" -le "$nwords" ]; do
	t_eq "search \"$(word $i)\": tasks --search" "$(want $i)" "$(cli_hits "$(word $i)")"
	i=$((i + 1))
done
console "$T/search.db"
i=1
while [ "$i" -le "$nwords" ]; do
	t_eq "search \"$(word $i)\": / in the plan" "$(want $i)" "$(find_in_view "$(word $i)")"
	tm_keys Escape
	i=$((i + 1))
done
tm_keys 2 g Enter
see "a department's tasks" 'Departments > 省甲厅  row 1/'
i=1
while [ "$i" -le "$nwords" ]; do
	t_eq "search \"$(word $i)\": / in a department's tasks" "$(want $i)" "$(find_in_view "$(word $i)")"
	tm_keys Escape
	i=$((i + 1))
done
"$PLANCON" --db "$T/search.db" tasks --search "$(printf '\377')" >"$T/out" 2>"$T/err"
t_eq "search: text that is not UTF-8 is refused (exit status)" 2 $?
t_match "search: and says so" "^plancon: --search: not valid UTF-8 text" "$(cat "$T/err")"

t_end
