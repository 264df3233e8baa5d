#!/bin/sh
# Bad input, table-driven (tests/cli/badinput.table): configuration files,
# command-line arguments, notes, plan files and the environment. For each
# row: the documented exit status and no crash, a clear message (matched),
# no escape sequence or invalid UTF-8 passed through to the terminal, and
# no change to the files it must not touch (sha256 before and after).
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

PC=$PLANCON
DB=$T/plan.db
CFG=$T/cfg
IMP=$T/imp
ESC=$(printf '\033')
BEL=$(printf '\007')
RLO=$(printf '\342\200\256')
BAD=$(printf '\377\376')
BIG=$(head -c 10240 /dev/zero | tr '\0' x)
HUGE=$(head -c 102400 /dev/zero | tr '\0' y)
# TTY COMMAND: run COMMAND on a pseudo-terminal; what it writes there goes
# to stderr, and its exit status is returned.
TTY="tty_run"
tty_run() {
	script -qec "$1" /dev/null </dev/null >"$T/tty.out"
	rc=$?
	tr -d '\r' <"$T/tty.out" >&2     # the terminal's CR LF line ends
	return $rc
}
t_newdb
pc init --admin "$(id -un)" >/dev/null
: >"$T/afile"

# ---- fixtures: bad configuration files -----------------------------------------------
mkdir -p "$CFG" "$IMP"
printf '[ui]\ncolor = no\nthis is not a key\n' >"$CFG/syntax.ini"
printf '[ui\ncolor = no\n' >"$CFG/unclosed.ini"
printf '[colours]\nlate = red\n' >"$CFG/section.ini"
printf '[ui]\ncolour = no\n' >"$CFG/key.ini"
printf 'color = no\n[ui]\n' >"$CFG/nosection.ini"
printf '[ui]\ncolor = maybe\n' >"$CFG/bool.ini"
printf '[core]\nas_of = 2023-02-30\n' >"$CFG/date.ini"
printf '[core]\nas_of = 99999999999999999999999\n' >"$CFG/hugedate.ini"
printf '[theme]\nlate = 256\n' >"$CFG/colour.ini"
printf '[theme]\nlate = red,blue,blinking\n' >"$CFG/attr.ini"
printf '[auth]\nunknown_user = maybe\n' >"$CFG/policy.ini"
printf '[ui]\ncursor = block\n' >"$CFG/cursor.ini"
printf '[ui]\ndetail = sometimes\n' >"$CFG/detail.ini"
printf '[core]\nsync = off\n' >"$CFG/sync.ini"
printf '[ssh]\ngateway_account = Plan Gateway\n' >"$CFG/account.ini"
printf '[auth]\ncontact = %02000d\n' 0 >"$CFG/long.ini"
printf '[auth]\ncontact = Caf\351 office\n' >"$CFG/latin1.ini"
printf '[auth]\ncontact = a\000b\n' >"$CFG/nul.ini"
printf '[ui]\ncolor = \033[2Jyes\n' >"$CFG/escape.ini"

# ---- fixtures: bad plan files, each the bundled plan with one fault ------------------------
"$PLANCON" --db "$DB" export >"$IMP/good.json" 2>/dev/null || cp "$TOP/db/plan/shandong-urbanization.json" "$IMP/good.json"
python3 - "$TOP/db/plan/shandong-urbanization.json" "$IMP" <<'EOF'
import copy, json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.argv[2]
def bad(name, change):
    p = copy.deepcopy(plan)
    change(p)
    with open("%s/%s.json" % (out, name), "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False)
bad("format", lambda p: p.__setitem__("format", "something-else"))
bad("version", lambda p: p.__setitem__("version", 2))
bad("nodocs", lambda p: p.__setitem__("documents", []))
bad("dupcode", lambda p: p["tasks"].append(dict(p["tasks"][0])))
bad("lead", lambda p: p["tasks"][1].__setitem__("lead", "不存在"))
bad("status", lambda p: p["tasks"][1].__setitem__("status", "finished"))
bad("due", lambda p: p["tasks"][1].__setitem__("due", "2023-02-30"))
bad("progress", lambda p: p["tasks"][1].__setitem__("progress", 150))
bad("chapter", lambda p: p["tasks"][1].__setitem__("chapter", 99))
# Control characters, refused as a command or the console refuses them.
bad("escape", lambda p: p["tasks"][0].__setitem__("title", "x\u001b]0;pwned\u0007y"))
bad("c1", lambda p: p["tasks"][3].__setitem__("milestones", [{"year": 2022, "note": "a\u009b31mb"}]))
bad("tab", lambda p: p["departments"][2].__setitem__("name", "a\tb"))
bad("del", lambda p: p.__setitem__("about", "rub\u007fout"))
# Line breaks and tabs are fine in the long texts.
bad("lines", lambda p: p["tasks"][2].__setitem__("description", "line 1\nline 2\tend"))
EOF
printf '{"format": "plancon-plan", "version": 1, "documents": [{"key": "a", ' >"$IMP/truncated.json"
printf '{"format":"plancon-plan","version":1,"title":"\377"}' >"$IMP/utf8.json"
# Elements of the wrong kind, which every check reads members of.
printf '{"format":"plancon-plan","version":1,"documents":["x"]}' >"$IMP/element.json"
printf '{"format":"plancon-plan","version":1,"documents":[{"key":"d","title":"D"}],"parts":[{"no":1,"title":"P"}],"chapters":[{"no":1,"part":1,"title":"C","sections":"abc"}]}' >"$IMP/sections.json"
printf '{"format":"plancon-plan","version":1,"documents":[{"key":"d","title":"D"}],"parts":[{"no":1,"title":"P"}],"chapters":[{"no":1,"part":1,"title":"C","sections":["abc"]}]}' >"$IMP/section.json"
printf '{"format":"plancon-plan","version":1,"documents":[{"key":"d","title":"D"}],"indicators":[{"name":"I","targets":"1.1.1"}]}' >"$IMP/targets.json"
printf '{"format":"plancon-plan",\n"version":1,\000}' >"$IMP/nul.json"

# A title with bytes that are not UTF-8 and an escape sequence, written by
# another program (plancon refuses both on input).
cat >"$T/odd.py" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("UPDATE tasks SET title = CAST(x'e5a4a7ff41' || x'1b5b324a' || x'e5b08f' AS TEXT) WHERE code = '2.1.1'")
c.close()
EOF

# ---- the rows -------------------------------------------------------------------------------
# files_state FILES: one line per file: its sha256, or "absent".
files_state() {
	for f in $1; do
		case $f in
		-) ;;
		absent:*) f=${f#absent:}; if [ -e "$f" ]; then echo "present: $f"; else echo "absent: $f"; fi ;;
		*) if [ -e "$f" ]; then echo "$(sha256sum <"$f") $f"; else echo "missing: $f"; fi ;;
		esac
	done
}

rows=0
sep=' | '
while IFS= read -r line; do
	case $line in ''|'#'*) continue ;; esac
	# (not "name": testlib's helpers use that variable)
	row=${line%%"$sep"*}; rest=${line#*"$sep"}
	cmd=${rest%%"$sep"*}; rest=${rest#*"$sep"}
	status=${rest%%"$sep"*}; rest=${rest#*"$sep"}
	pat=${rest%%"$sep"*}; files=${rest#*"$sep"}
	rows=$((rows + 1))
	files=$(eval "echo $files")
	before=$(files_state "$files")
	(eval "$cmd") >"$T/row.out" 2>"$T/row.err"
	got=$?
	err=$(cat "$T/row.err")
	t_eq "$row: exit status" "$status" "$got"
	t_ok "$row: no crash (exit below 128)" [ "$got" -lt 128 ]
	t_match "$row: message" "$pat" "$err"
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$T/row.err" ||
	   ! python3 -c 'import sys; d = open(sys.argv[1], "rb").read().decode("utf-8"); sys.exit(any(0x80 <= ord(c) < 0xa0 for c in d))' "$T/row.err" 2>/dev/null; then
		t_fail "$row: stderr is clean text" "control characters or invalid UTF-8 in:" "$(od -c "$T/row.err" | head -n 5)"
	else
		t_pass "$row: stderr is clean text"
	fi
	t_eq "$row: files unchanged" "$before" "$(files_state "$files")"
	rm -f "$T/new.db" "$T/new.db"-*
done <"$TOP/tests/cli/badinput.table"
t_ok "the table has at least 40 rows ($rows)" [ "$rows" -ge 40 ]

# ---- data with control characters, in every output --------------------------------------------
# Written past plancon (sqlite3 directly, as an old import or another
# program could have): escape sequences, C1 and bidi controls, DEL, CR and
# U+2028 in what each command shows. Whatever the format, to a file or a
# pipe as to a terminal, no control character comes out; only CSV's CR LF
# line ends and the line breaks of text. JSON escapes them (and is valid
# JSON); CSV, Markdown and text replace them.
BADTEXT='pwned\x1b]0;pwned\x07\x1b[2J\u009b31m\u202e\u2028\x7f\rend'
cp "$DB" "$T/ctl.db"
python3 - "$T/ctl.db" "$BADTEXT" <<'EOF2'
import sqlite3, sys
bad = sys.argv[2].encode().decode("unicode_escape")
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("UPDATE tasks SET title = ?1 || title, note = ?1, updated_by = ?1, version = version + 1 WHERE code = '2.1.2'", (bad,))
c.execute("UPDATE chapters SET title = ?1 || title WHERE no = 2", (bad,))
c.execute("UPDATE departments SET short = ?1 || short, name = ?1 || name WHERE id = (SELECT lead_dept_id FROM tasks WHERE code = '2.1.2')", (bad,))
c.execute("UPDATE indicators SET name = ?1 || name, unit = ?1 WHERE id = (SELECT min(id) FROM indicators)", (bad,))
c.execute("UPDATE meta SET value = ?1 WHERE key = 'title'", (bad,))
c.execute("INSERT INTO access_log (event, who, client, command) VALUES ('start', ?1, ?1, 'show ' || ?1)", (bad,))
c.close()
EOF2
cat >"$T/clean.py" <<'EOF2'
import json, sys
d = open(sys.argv[1], "rb").read()
fmt = sys.argv[2]
bad = [i for i, b in enumerate(d) if (b < 0x20 and b != 0x0a and not (b == 0x0d and d[i + 1:i + 2] == b"\n")) or b == 0x7f]
try:
    t = d.decode("utf-8")
except UnicodeDecodeError as x:
    sys.exit("invalid UTF-8 at byte %d" % x.start)
bad += [i for i, ch in enumerate(t) if 0x80 <= ord(ch) <= 0x9f or ord(ch) in (0x2028, 0x2029, 0x202e, 0xfeff, 0xad)]
if bad:
    sys.exit("control characters at %s" % bad[:5])
if "pwned" not in t:
    sys.exit("the data is not in the output")
if fmt == "json":
    json.loads(t)
print("clean")
EOF2
clean_out() { # NAME FORMAT COMMAND...: the command's standard output is clean
	name=$1 fmt=$2; shift 2
	"$@" >"$T/ctl.out" 2>"$T/ctl.err"
	t_eq "$name: clean output" clean "$(python3 "$T/clean.py" "$T/ctl.out" "$fmt" 2>&1)"
}
ctl() { "$PC" --db "$T/ctl.db" --as-of 2030-01-01 "$@"; }
for fmt in text csv json; do
	clean_out "data with controls: tasks --format $fmt" "$fmt" ctl tasks --format "$fmt"
	clean_out "data with controls: chapters --format $fmt" "$fmt" ctl chapters --format "$fmt"
	clean_out "data with controls: depts --format $fmt" "$fmt" ctl depts --format "$fmt"
	clean_out "data with controls: indicators --format $fmt" "$fmt" ctl indicators --format "$fmt"
	clean_out "data with controls: log --format $fmt" "$fmt" ctl log --format "$fmt"
	clean_out "data with controls: key log --format $fmt" "$fmt" ctl key log --format "$fmt"
done
for fmt in text csv json md; do
	clean_out "data with controls: late --format $fmt" "$fmt" ctl late --format "$fmt"
	clean_out "data with controls: report --format $fmt" "$fmt" ctl report --format "$fmt"
done
clean_out "data with controls: show" text ctl show 2.1.2
clean_out "data with controls: summary" text ctl summary
clean_out "data with controls: export" json ctl export
tty_run "$PC --db $T/ctl.db key log --format csv" 2>"$T/ctl.tty"
t_eq "data with controls: CSV on a terminal: clean output" clean "$(python3 "$T/clean.py" "$T/ctl.tty" csv 2>&1)"

t_end
