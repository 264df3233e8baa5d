#!/bin/sh
# The Chinese interface: under zh_CN.UTF-8 the commands speak Chinese and
# their layouts still hold (columns aligned by display width, nothing wider
# than 80 columns at COLUMNS=80); under C.UTF-8 they speak English; CSV and
# JSON keys stay English. And the drift checks: po/zh_CN.po translates every
# message, and po/plancon.pot holds exactly the messages of the sources.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
t_newdb

# The catalogs the build made beside the binary under test.
LOCALEDIR=$(dirname "$PLANCON")/locale
[ -d "$LOCALEDIR" ] || LOCALEDIR=$TOP/build/locale

zh() { LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 COLUMNS=80 pc "$@"; }
en() { LANG=C.UTF-8 LC_ALL=C.UTF-8 COLUMNS=80 pc "$@"; }

# layout CHECK < TEXT: prints nothing when the text holds, else what is wrong.
#   width:   no line is wider than 80 display columns
#   table:   a table: every line has the same number of cells (runs of text
#            separated by two or more spaces), and each cell starts at the
#            same display column on every line (left-aligned) or ends at the
#            same column (right-aligned)
#   labels:  "label  value" lines: every value starts at the same column
layout() {
	python3 -c '
import sys, re, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
check = sys.argv[1]
lines = [l.rstrip("\n") for l in sys.stdin if l.strip()]
if not lines:
    print("no output"); sys.exit()
if check == "width":
    for l in lines:
        if w(l) > 80: print("%d columns: %s" % (w(l), l))
    sys.exit()
cells = []
for l in lines:
    if check == "labels":
        m = re.match(r"(\S+)( +)(\S.*)", l)
        cells.append([(0, 0), (w(m.group(1) + m.group(2)), 0)] if m else [])
    else:
        cells.append([(w(l[:m.start()]), w(l[:m.end()])) for m in re.finditer(r"\S+(?: \S+)*", l)])
n = len(cells[0])
for l, c in zip(lines, cells):
    if len(c) != n: print("%d cells, not %d: %s" % (len(c), n, l))
if any(len(c) != n for c in cells): sys.exit()
for i in range(n):
    starts = {c[i][0] for c in cells}
    ends = {c[i][1] for c in cells}
    if len(starts) > 1 and (check == "labels" or len(ends) > 1):
        print("cell %d starts at columns %s and ends at %s" % (i + 1, sorted(starts), sorted(ends)))
' "$1"
}

t_match "the zh_CN.UTF-8 locale exists (make deps generates it)" '^zh_cn\.utf-?8$' "$(locale -a | tr A-Z a-z)"
t_ok "the build made the Chinese catalog" test -f "$LOCALEDIR/zh_CN/LC_MESSAGES/plancon.mo"

# ---- chapters ----------------------------------------------------------------
out=$(zh chapters)
t_match "zh chapters: the parts are headed 篇" '^篇$' "$out"
t_match "zh chapters: chapter counts in Chinese" '规划实施保障  （1 章）' "$out"
table=$(printf '%s\n' "$out" | sed -n '/^ *篇  *章/,$p')
t_match "zh chapters: table header in Chinese" '^篇  章  章名 +节数  任务数  已完成  进度%$' "$table"
t_eq "zh chapters: the table's columns are aligned" "" "$(printf '%s\n' "$table" | layout table)"
t_eq "zh chapters: no line wider than 80" "" "$(printf '%s\n' "$out" | layout width)"
out=$(en chapters)
t_match "en chapters: English header" '^Part  Ch  Chapter +Sections  Tasks  Done  Progress%$' "$out"
t_match "en chapters: English counts" '\(4 chapters\)$' "$out"
t_eq "en chapters: the table's columns are aligned" "" \
	"$(printf '%s\n' "$out" | sed -n '/^Part  Ch/,$p' | layout table)"

# ---- tasks --dept ------------------------------------------------------------
out=$(zh --as-of 2024-06-30 tasks --dept 省发展改革委)
t_match "zh tasks: header in Chinese" '^编号 +任务 +牵头 +状态 +进度 +完成时限$' "$out"
t_match "zh tasks: statuses in Chinese, late marked 滞后" '省发展改革委\* +未启动（滞后） +0%  2023-12-31' "$out"
t_match "zh tasks: the provisional note in Chinese" '^\* 暂定：牵头单位系推断，尚未确认$' "$out"
t_eq "zh tasks: the table's columns are aligned" "" "$(printf '%s\n' "$out" | sed '/^\* /d' | layout table)"
t_eq "zh tasks: no line wider than 80" "" "$(printf '%s\n' "$out" | layout width)"
out=$(en --as-of 2024-06-30 tasks --dept 省发展改革委)
t_match "en tasks: English header and status" '^Code +Title +Lead +Status +Prog +Due$' "$out"
t_match "en tasks: English status" 'not started \(late\)' "$out"
t_eq "en tasks: the table's columns are aligned" "" "$(printf '%s\n' "$out" | sed '/^\* /d' | layout table)"
out=$(zh tasks --format csv | head -n 1 | tr -d '\r')
t_eq "zh tasks --format csv: the header row is the English keys" \
	"code,title,lead,status,progress,due,chapter,section,cooperating,provisional,start,late,document,version" "$out"
t_match "zh tasks --format csv: statuses are keys" '^2\.1\.2,.*,not_started,' "$(zh tasks --format csv)"
t_match "zh chapters --format json: English keys" '^  \{"part": 1, "chapter": 1, "title": ' "$(zh chapters --format json)"
t_eq "zh tasks --status 推进中 (the Chinese name) works" "0" "$(zh tasks --status 推进中 >/dev/null; echo $?)"
t_eq "en tasks --status 未启动 (Chinese in any locale) works" \
	"$(en tasks --status not_started --format csv | wc -l)" "$(en tasks --status 未启动 --format csv | wc -l)"

# ---- show --------------------------------------------------------------------
out=$(zh --as-of 2024-06-30 show 3.2.3)
t_match "zh show: the lead department labelled 牵头单位" '^牵头单位： +省住房城乡建设厅（山东省住房和城乡建设厅）（暂定）$' "$out"
t_match "zh show: the cooperating one 配合单位" '^配合单位： +省生态环境厅（暂定）$' "$out"
t_match "zh show: status and progress in Chinese" '^状态： +未启动，进度 0%（滞后）$' "$out"
t_match "zh show: due date labelled 完成时限" '^完成时限： +2023-12-31$' "$out"
t_match "zh show: the milestones heading 路线图节点" '^路线图节点：$' "$out"
t_eq "zh show: the labelled values start at one column" "" \
	"$(printf '%s\n' "$out" | sed -n '/^文件：/,/^来源：/p' | layout labels)"
t_eq "zh show: no line wider than 80" "" "$(printf '%s\n' "$out" | layout width)"
out=$(zh --as-of 2026-01-01 show 2.2.3)
t_match "zh show: milestone periods and statuses in Chinese" '^  2025年 +待完成（滞后） +建成智慧社区' "$out"
t_eq "zh show: the milestones are aligned" "" "$(printf '%s\n' "$out" | grep '^  20' | layout table)"
out=$(en --as-of 2024-06-30 show 3.2.3)
t_match "en show: English labels" '^Lead: +省住房城乡建设厅 \(山东省住房和城乡建设厅\) \(provisional\)$' "$out"
t_match "en show: English status" '^Status: +not started, 0% \(late\)$' "$out"

# ---- depts -------------------------------------------------------------------
out=$(zh depts)
t_match "zh depts: header in Chinese" '^单位 +牵头  配合  待办  推进  已完成  受阻  取消  滞后  进度%$' "$out"
t_match "zh depts: at 80 columns the short names are whole" '^省住房城乡建设厅 ' "$out"
t_eq "zh depts: the table's columns are aligned" "" "$(printf '%s\n' "$out" | layout table)"
t_eq "zh depts: no line wider than 80" "" "$(printf '%s\n' "$out" | layout width)"
t_nomatch "zh depts: at 80 columns the full names are left out" '全称' "$out"
t_match "zh depts: with room, the full names too" '^单位 +全称 +牵头' \
	"$(COLUMNS=200 LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 pc depts | head -n 1)"
out=$(en depts)
t_match "en depts: English header" '^Department +Lead  Coop  Todo  Doing  Done' "$out"
t_eq "en depts: the table's columns are aligned" "" "$(printf '%s\n' "$out" | layout table)"

# ---- summary and indicators ----------------------------------------------------
out=$(zh --as-of 2024-06-30 summary)
t_match "zh summary: task count in Chinese" '^任务：[0-9]+$' "$out"
t_match "zh summary: late count in Chinese" '^截至 2024-06-30 滞后：[0-9]+$' "$out"
t_eq "zh summary: the status counts are aligned" "" \
	"$(printf '%s\n' "$out" | sed -n '/^任务：/,/^截至/p' | sed '1d;$d' | layout table)"
t_eq "zh summary: no line wider than 80" "" "$(printf '%s\n' "$out" | layout width)"
out=$(zh indicators)
t_match "zh indicators: header 指标 … 目标值 实际值" '^指标 +单位 +基期值 +目标值 +实际值$' "$out"
t_eq "zh indicators: no line wider than 80" "" "$(printf '%s\n' "$out" | layout width)"

# ---- --help and errors ---------------------------------------------------------
out=$(zh --help)
t_match "zh --help: usage in Chinese" '^用法：plancon \[--db FILE\]' "$out"
t_match "zh --help: option descriptions in Chinese" '^  --help +显示本帮助并退出$' "$out"
t_match "zh --help: command summaries in Chinese" '^  show +一个任务的全部内容' "$out"
t_eq "zh --help: option descriptions start at one column" "" \
	"$(printf '%s\n' "$out" | sed -n '/^选项：/,/^$/p' | sed '1d' | layout labels)"
t_eq "zh --help: command summaries start at one column" "" \
	"$(printf '%s\n' "$out" | sed -n '/^命令：/,/^$/p' | sed '1d' | layout labels)"
t_eq "zh --help: no line wider than 80" "" "$(printf '%s\n' "$out" | layout width)"
t_nomatch "zh --help: no English summary left" '^  [a-z]+ +[a-z]+ [a-z]' "$(printf '%s\n' "$out" | sed -n '/^命令：/,/^$/p')"
t_match "en --help: English" '^  --help +show this help and exit$' "$(en --help)"

out=$(zh show 9.9.9 2>&1)
t_eq "zh: an unknown task, in Chinese" "plancon: 没有任务“9.9.9”" "$out"
t_status "zh: an unknown task" 1 zh show 9.9.9
out=$(zh tasks --status bogus 2>&1)
t_match "zh: an unknown status, in Chinese" '^plancon: --status：未知状态“bogus”' "$out"
t_match "zh: the usage line follows, in Chinese" '^用法：plancon tasks ' "$out"
t_status "zh: an unknown status" 2 zh tasks --status bogus
t_eq "zh: an unknown command, in Chinese" "plancon: 未知命令“frobnicate”" "$(zh frobnicate 2>&1 | head -n 1)"
t_eq "en: an unknown task, in English" 'plancon: no task "9.9.9"' "$(en show 9.9.9 2>&1)"
printf '[ui]\ncolor = maybe\n' > "$T/bad.ini"
printf '[bogus]\n' > "$T/badsection.ini"
t_eq "zh: a bad configuration value, in Chinese" \
	"plancon: $T/bad.ini: [ui] color: 应为 yes 或 no，实际为 \"maybe\"" "$(zh --config "$T/bad.ini" chapters 2>&1)"
t_match "zh: an unknown configuration section, in Chinese" '\[bogus\]：未知的节（应为 \[core\], .* 或 \[[a-z]+\]）$' \
	"$(zh --config "$T/badsection.ini" chapters 2>&1)"
t_status "zh: a bad configuration" 2 zh --config "$T/bad.ini" chapters
t_eq "en: a bad configuration value, in English" \
	"plancon: $T/bad.ini: [ui] color: expected yes or no, got \"maybe\"" "$(en --config "$T/bad.ini" chapters 2>&1)"

# ---- where the catalogs are found ------------------------------------------------
mkdir -p "$T/bin" "$T/nolocale"
cp "$PLANCON" "$T/bin/plancon"
out=$(LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 PLANCON_LOCALEDIR="$LOCALEDIR" "$T/bin/plancon" --db "$T/plan.db" show 9.9.9 2>&1)
t_eq "PLANCON_LOCALEDIR names the catalogs' directory" "plancon: 没有任务“9.9.9”" "$out"
out=$(LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 PLANCON_LOCALEDIR="$T/nolocale" "$PLANCON" --db "$T/plan.db" show 9.9.9 2>&1)
t_eq "PLANCON_LOCALEDIR without catalogs: English" 'plancon: no task "9.9.9"' "$out"

# ---- no English words in what a person reads ------------------------------------------
# A plan with a history of every kind of change (made by the login, and by
# it for zhang with --user), users, an SSH key and a gateway session; then
# every command's output a person reads (text, Markdown, the workbook),
# under zh_CN, has no ASCII word of three letters or more but the codes,
# the option and file names and the suite's own data allowed below. CSV
# and JSON, for machines, keep the stored words (checked above and in
# tests/cli/update.sh).
ME=$(id -un)
mkdir -p "$T/ak" "$T/keys"
printf '[ssh]\ngateway_account = %s\nauthorized_keys = %s\n' "$ME" "$T/ak/authorized_keys" >"$T/gw.ini"
hz() { LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 COLUMNS=200 "$PLANCON" --db "$T/hist.db" --config "$T/gw.ini" --as-of 2024-06-30 "$@"; }
{
	hz init --admin "$ME"
	hz user add zhang --role editor --dept 省住房城乡建设厅
	hz user add li --role viewer
	hz --user zhang set 3.2.3 --status in_progress --progress 40 --note 管网改造已开工
	hz --user zhang note 3.2.3 完成投资四成
	hz milestone 2.1.2 2023 --status missed --note 未按期完成
	hz assign 3.2.3 --confirm
	hz assign 2.1.1 --lead 省住房城乡建设厅 --coop 省财政厅
	hz actual 常住人口城镇化率 2022 64.5
	hz dept add 省数字办 山东省数字化改革办公室
	hz dept rename 省数字办 省数改办 山东省数字改革办公室
	hz user add li --role editor --dept 省生态环境厅
	hz user del li
	ssh-keygen -q -t ed25519 -N '' -C zhang@test -f "$T/keys/zhang"
	hz key add zhang "$T/keys/zhang.pub"
	SSH_CLIENT="192.0.2.7 50000 22" SSH_ORIGINAL_COMMAND="show 3.2.3" hz --ssh-user zhang
} >"$T/hist.log" 2>&1
t_eq "zh: the history for the scan was written" 4 "$(hz log --format csv | grep -c ',3\.2\.3,')"
# What may stay as it is: codes and keywords, and the suite's data.
ALLOW="UTC
plancon
--help
ssh-ed25519
$T
$ME
zhang
zhang@test
show 3.2.3"
# scan NAME COMMAND...: the command's output under zh_CN has no English word.
scan() { name=$1; shift; t_eq "zh $name: no English words" "" "$(hz "$@" 2>&1 | t_english "$ALLOW")"; }
scan chapters chapters
scan tasks tasks
scan "tasks --late" tasks --late
scan "show (a task with every kind of change)" show 3.2.3
scan "show (a missed milestone)" show 2.1.2
scan "show (a new lead and cooperating department)" show 2.1.1
scan depts depts
scan indicators indicators
scan summary summary
scan log log
scan "log of one department" log --dept 省住房城乡建设厅
scan late late
scan "late --format md" late --format md
for by in dept chapter year status; do
	scan "report --by $by" report --by "$by"
	scan "report --by $by --format md" report --by "$by" --format md
done
scan "user list" user list
scan "key log" key log
# The end of a key is shown as "...TAIL": data too.
t_eq "zh key list: no English words" "" "$(hz key list 2>&1 | sed 's/\.\.\.[A-Za-z0-9+/=]*/.../' | t_english "$ALLOW")"
for by in dept status; do
	hz report --by "$by" -o "$T/r-$by.xlsx" >/dev/null 2>&1
	t_eq "zh report --by $by (xlsx): the cells and the title have no English words" "" \
		"$({ unzip -p "$T/r-$by.xlsx" xl/sharedStrings.xml | sed 's/<[^>]*>/ /g'
		     unzip -p "$T/r-$by.xlsx" docProps/core.xml | sed -n 's/.*<dc:title>\([^<]*\)<.*/\1/p'; } | t_english "$ALLOW")"
done
t_match "zh report (xlsx): the title says the grouping in Chinese" '<dc:title>进度报告（按状态，2024-06-30）</dc:title>' \
	"$(unzip -p "$T/r-status.xlsx" docProps/core.xml)"
out=$(hz log)
t_match "zh log: the header says 原值 and 新值" '^时间（UTC） +操作人 +对象 +字段 +原值 +新值 +说明$' "$out"
t_match "zh log: a status change in Chinese, by the login for zhang" "  $ME 代 zhang +3\\.2\\.3 +状态 +未启动 +推进中 +管网改造已开工" "$out"
t_match "zh log: a milestone in Chinese" ' 2\.1\.2 +节点 2023 +待完成 +未完成 +未按期完成' "$out"
t_match "zh log: an assignment confirmed" ' 3\.2\.3 +分工 +暂定 +已确认' "$out"
t_match "zh log: an actual value" ' 常住人口城镇化率 +2022 年实际值 +- +64\.5' "$out"
t_match "zh log: a role" ' li +角色 +- +查看者' "$out"
t_match "zh log: a user deleted" ' li +有效 +是 +否' "$out"
t_match "zh show: the history in Chinese" "  $ME 代 zhang  状态: 未启动 -> 推进中\$" "$(hz show 3.2.3)"
t_match "zh user list: roles and yes/no in Chinese" '^zhang +编辑者 +是 +省住房城乡建设厅' "$(hz user list)"
t_match "zh late --format md: kinds and statuses in Chinese" '^\| 任务 \| 2\.1\.2 \| .* \| 未启动 \|' "$(hz late --format md)"
t_match "zh late --format md: a late milestone's" '^\| 节点 \| [0-9.]+ \| .* \| 待完成 \| [0-9]{4}' "$(hz late --format md)"
t_match "en log: the same change in English" "  $ME for zhang +3\\.2\\.3 +status +not started +in progress " \
	"$(LANG=C.UTF-8 LC_ALL=C.UTF-8 COLUMNS=200 "$PLANCON" --db "$T/hist.db" log)"
t_match "zh log --format csv: the stored words" ',zhang,task,3\.2\.3,status,not_started,in_progress,管网改造已开工,2,' \
	"$(hz log --format csv | tr -d '\r')"
t_match "zh user list --format csv: the stored words" '^zhang,editor,1,' "$(hz user list --format csv | tr -d '\r')"

# ---- the catalog: complete, and in step with the sources ------------------------
t_match "the status labels' X-macro lists a Chinese name per status" 'N_\("in progress"\), "推进中"' \
	"$(cat "$TOP/include/plancon/model.h")"
bad=""
for line in $(sed -n 's/^.*X([A-Z_]*, *"[a-z_]*", *N_("\([^"]*\)"), *"\([^"]*\)").*$/\1=\2/p' "$TOP/include/plancon/model.h" | tr ' ' '_'); do
	en_label=$(printf '%s' "${line%%=*}" | tr '_' ' ')
	zh_name=${line#*=}
	got=$(LANGUAGE= LC_ALL=zh_CN.UTF-8 TEXTDOMAINDIR="$LOCALEDIR" gettext plancon "$en_label")
	[ "$got" = "$zh_name" ] || bad="$bad $en_label: catalog \"$got\", model.h \"$zh_name\";"
done
t_eq "zh_CN.po translates each status label to model.h's Chinese name" "" "$bad"

stats=$(LC_ALL=C msgfmt --statistics --check -o /dev/null "$TOP/po/zh_CN.po" 2>&1)
t_match "msgfmt --check accepts po/zh_CN.po" '^[0-9]+ translated messages?\.$' "$stats"
t_nomatch "po/zh_CN.po: nothing untranslated" 'untranslated' "$stats"
t_nomatch "po/zh_CN.po: nothing fuzzy" 'fuzzy' "$stats"

# The messages of the sources now, as make pot collects them.
fresh="$T/fresh.pot"
(cd "$TOP" && xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1c,2 --keyword=NP_:1c,2 \
	-o "$fresh" $(ls src/*.c src/store/*.c src/tui/*.c include/plancon/*.h 2>/dev/null | LC_ALL=C sort)) 2>/dev/null
# msgids FILE: every msgctxt/msgid/msgid_plural of FILE, one entry a line.
msgids() {
	msgcat --no-wrap --sort-output --no-location "$1" 2>/dev/null | awk '
		/^#~/ { next }
		/^msgctxt / { ctx = $0; next }
		/^msgid / { id = $0; next }
		/^msgid_plural / { id = id " " $0; next }
		/^msgstr/ { if (id != "" && id != "msgid \"\"") print ctx " " id; ctx = ""; id = "" }' | LC_ALL=C sort
}
msgids "$fresh" > "$T/fresh.ids"
msgids "$TOP/po/plancon.pot" > "$T/pot.ids"
t_ok "the sources have messages to compare" test -s "$T/fresh.ids"
t_eq "po/plancon.pot is up to date with the sources (make pot)" "" \
	"$(diff "$T/pot.ids" "$T/fresh.ids" | grep '^[<>]' | head -n 20)"
msgattrib --translated --no-obsolete --no-fuzzy -o "$T/translated.po" "$TOP/po/zh_CN.po" 2>/dev/null
msgids "$T/translated.po" > "$T/zh.ids"
t_eq "po/zh_CN.po translates every message of the sources" "" \
	"$(LC_ALL=C comm -23 "$T/fresh.ids" "$T/zh.ids" | head -n 20)"

# make install installs the catalog under LOCALEDIR.
out=$(make -n -C "$TOP" install DESTDIR=/dest PREFIX=/usr 2>/dev/null)
t_match "make install installs the zh_CN catalog" \
	"install -m 644 [^ ]*locale/zh_CN/LC_MESSAGES/plancon.mo /dest/usr/share/locale/zh_CN/LC_MESSAGES/" "$out"
t_end
