#!/bin/sh
# The manual pages against the program: every option and command that
# plancon --help prints, every option a command accepts (its usage line and
# the option tables in the source), and every environment variable the code
# reads are documented; every option the page names exists; the pages are
# lint-clean; the examples run; man renders plancon.1 and finds it after
# make install. (Configuration keys: tests/unit/test_manpages.c.)
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

MAN1="$TOP/man/plancon.1"
t_newdb

# The page as plain text for searching: comments dropped, "\-" is "-",
# "\&" and "\%" dropped.
plain() { sed -e '/^\.\\"/d' -e 's/\\-/-/g' -e 's/\\[&%]//g' "$1"; }
plain "$MAN1" >"$T/page"

# has_option FILE NAME: FILE mentions --NAME as a whole option.
has_option() { grep -Eq -- "--$2([^A-Za-z0-9_-]|\$)" "$1"; }

# The subsection of COMMANDS whose heading starts with command $1.
command_section() {
	awk -v cmd="$1" '
		/^\.SH / { in_cmds = ($0 ~ /^\.SH "?COMMANDS"?$/); on = 0; next }
		/^\.SS / {
			h = $0
			sub(/^\.SS +"?/, "", h); sub(/\\f[BIRP]/, "", h)
			split(h, w, /[ "]/)
			on = in_cmds && w[1] == cmd
			next
		}
		on { print }
	' "$T/page"
}

# ---- what --help lists ----------------------------------------------------------
"$PLANCON" --help >"$T/help" 2>&1
t_eq "--help: exit status" 0 $?
help_opts=$(grep -Eo -- '--[a-z][a-z0-9-]*' "$T/help" | sort -u)
commands=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p' "$T/help")
t_match "--help lists options" '^--db$' "$help_opts"
t_match "--help lists commands" '^tasks$' "$commands"

for o in $help_opts; do
	if has_option "$T/page" "${o#--}"; then t_pass "plancon.1 documents $o"
	else t_fail "plancon.1 documents $o" "$o is in --help but not in man/plancon.1"; fi
done

for c in $commands; do
	if [ -n "$(command_section "$c")" ]; then t_pass "plancon.1 has a subsection for $c"
	else t_fail "plancon.1 has a subsection for $c" "add .SS \"$c ...\" under .SH COMMANDS"; fi
done

# Every subsection under COMMANDS is a real command.
for s in $(awk '/^\.SH /{c=($0 ~ /COMMANDS/)} c && /^\.SS /{h=$0; sub(/^\.SS +"?/,"",h); sub(/\\f[BIRP]/,"",h); split(h,w,/[ "]/); print w[1]}' "$T/page"); do
	if printf '%s\n' "$commands" | grep -Fxq "$s"; then t_pass "plancon.1 command $s exists"
	else t_fail "plancon.1 command $s exists" "plancon.1 documents \"$s\", which plancon --help does not list"; fi
done

# ---- each command's options -------------------------------------------------------
# Its usage line, as the command prints it after an unknown option.
for c in $commands; do
	timeout 20 "$PLANCON" --db "$T/plan.db" "$c" --no-such-option </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	usage=$(grep "^usage: plancon $c" "$T/err" | head -1)
	if [ "$rc" -eq 2 ] && [ -n "$usage" ]; then t_pass "$c --no-such-option: exit 2 with its usage"
	else t_fail "$c --no-such-option: exit 2 with its usage" "exit $rc, stderr:" "$(cat "$T/err")"; continue; fi
	command_section "$c" >"$T/section"
	for o in $(printf '%s\n' "$usage" | grep -Eo -- '--[a-z][a-z0-9-]*' | sort -u); do
		if has_option "$T/section" "${o#--}"; then t_pass "plancon.1 documents $c $o"
		else t_fail "plancon.1 documents $c $o" "\"$usage\" names $o; its .SS in plancon.1 does not"; fi
	done
done

# The option tables in the source: { "name", required_argument, ... }.
src_opts=$(cat "$TOP"/src/main.c "$TOP"/src/cli*.c | tr '\n' ' ' |
	grep -Eo '\{ *"[a-z][a-z0-9-]*" *, *(no|required|optional)_argument' |
	sed -E 's/^\{ *"([^"]*)".*/\1/' | sort -u)
t_match "option tables found in the source" '^format$' "$src_opts"
for o in $src_opts; do
	if has_option "$T/page" "$o"; then t_pass "plancon.1 documents --$o (source)"
	else t_fail "plancon.1 documents --$o (source)" "src/ accepts --$o; man/plancon.1 does not mention it"; fi
done

# No option in the page that the program does not have.
for o in $(grep -Eo -- '--[a-z][a-z0-9-]*' "$T/page" | sort -u); do
	if printf '%s\n' "$src_opts" | grep -Fxq "${o#--}"; then t_pass "plancon.1's $o exists"
	else t_fail "plancon.1's $o exists" "man/plancon.1 names $o; no option table in src/ has it"; fi
done

# ---- environment ----------------------------------------------------------------
# Every variable the code reads is in the ENVIRONMENT section of some page.
envs=$(cat "$TOP"/src/*.c "$TOP"/src/tui/*.c 2>/dev/null | grep -Eo 'getenv\("[A-Z_][A-Z0-9_]*"\)' |
	sed -E 's/getenv\("([^"]*)"\)/\1/' | sort -u)
t_match "getenv calls found in the source" '^HOME$' "$envs"
env_docs=$(for p in "$TOP"/man/*.[1-9]; do
	awk '/^\.S[Hh] /{on=($0 ~ /ENVIRONMENT/); next} on' "$p"; done)
for v in $envs; do
	if printf '%s\n' "$env_docs" | grep -Eq "(^|[^A-Z0-9_])$v([^A-Z0-9_]|\$)"; then t_pass "ENVIRONMENT documents $v"
	else t_fail "ENVIRONMENT documents $v" "the code reads \$$v; no page's ENVIRONMENT section names it"; fi
done
for v in HOME XDG_DATA_HOME XDG_CONFIG_HOME LANG LC_ALL TERM NO_COLOR COLUMNS; do
	if awk '/^\.SH /{on=($0 ~ /ENVIRONMENT/); next} on' "$MAN1" | grep -Eq "^\.B[R]? $v( |\$)|^\.BR .*$v"; then
		t_pass "plancon.1 ENVIRONMENT has $v"
	else t_fail "plancon.1 ENVIRONMENT has $v"; fi
done

# ---- sections the page must have -------------------------------------------------
for s in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS CONSOLE 'STATUS MODEL AND ROLES' FILES ENVIRONMENT \
	'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
	if grep -Eq "^\.SH \"?$s\"?\$" "$MAN1"; then t_pass "plancon.1 has .SH $s"
	else t_fail "plancon.1 has .SH $s"; fi
done
t_match "plancon.1 says the department assignments are provisional" 'assignments of the bundled plan are provisional' "$(cat "$T/page")"
t_match "plancon.1 FILES: the default database" '^\.I .*\$XDG_DATA_HOME/plancon/plan\.db$' "$(cat "$T/page")"
for ref in 'plancon.ini (5)' 'plancon-ssh (7)' 'plancon-plan (5)'; do
	t_match "SEE ALSO $ref" "^\\.BR $(printf '%s' "$ref" | sed 's/[.()]/\\&/g')" \
		"$(awk '/^\.SH "?SEE ALSO"?$/{on=1; next} /^\.SH /{on=0} on' "$T/page")"
done
t_eq "plancon.1 is ASCII (Chinese as \\[uXXXX])" "" "$(LC_ALL=C grep -n '[^ -~	]' "$MAN1" | head -3)"

# ---- lint ------------------------------------------------------------------------
for p in "$TOP"/man/*.[1-9]; do
	name=$(basename "$p")
	out=$(mandoc -Tlint -Wwarning "$p" 2>&1)
	t_eq "$name: mandoc -Tlint -Wwarning" "0:" "$?:$out"
	# groff's typesetter fonts have no Chinese glyphs: with -Tps the only
	# warnings allowed are those, for CJK code points.
	out=$(groff -man -ww -z "$p" 2>&1 | grep -Ev "warning: can't find special character 'u(3[0-9A-F]|[4-9][0-9A-F]|FF)[0-9A-F]{2}'")
	t_eq "$name: groff -man -ww -z" "" "$out"
	out=$(groff -k -man -ww -z -Tutf8 "$p" 2>&1)
	t_eq "$name: groff -k -man -ww -z -Tutf8" "" "$out"
done

# ---- rendering ----------------------------------------------------------------------
MANWIDTH=80 MAN_KEEP_FORMATTING= man -l "$MAN1" >"$T/rendered" 2>"$T/err"
t_eq "man -l plancon.1: exit status" 0 $?
t_eq "man -l plancon.1: no warnings" "" "$(cat "$T/err")"
t_match "man -l plancon.1: header" '^PLANCON\(1\) +User Commands +PLANCON\(1\)$' "$(cat "$T/rendered")"
t_match "man -l plancon.1: Chinese rendered" '^ +plancon tasks --dept 省发展改革委$' "$(cat "$T/rendered")"
widest=$(python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max(w(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")))' "$T/rendered")
[ "$widest" -le 80 ] && t_pass "man -l plancon.1: fits 80 columns ($widest)" || t_fail "man -l plancon.1: $widest columns"

# ---- examples ------------------------------------------------------------------------
# Each line starting "plancon " between .EX and .EE in EXAMPLES, with the
# roff escapes undone.
python3 - "$MAN1" >"$T/examples" <<'EOF'
import re, sys
on = ex = False
for line in open(sys.argv[1], encoding="ascii"):
    line = line.rstrip("\n")
    if line.startswith(".SH "):
        on = line[4:].strip('"') == "EXAMPLES"
    elif on and line.startswith(".EX"):
        ex = True
    elif on and line.startswith(".EE"):
        ex = False
    elif on and ex and line.startswith("plancon "):
        line = re.sub(r"\\\[u([0-9A-F]{4,5})\]", lambda m: chr(int(m.group(1), 16)), line)
        line = line.replace("\\-", "-").replace("\\(aq", "'").replace("\\(dq", '"').replace("\\&", "").replace("\\e", "\\")
        print(line)
EOF
t_ok "examples found" test "$(wc -l <"$T/examples")" -ge 5
t_match "an example finds a department's tasks" '^plancon tasks --dept 省发展改革委$' "$(cat "$T/examples")"
t_match "an example shows one task" '^plancon show [0-9.]+$' "$(cat "$T/examples")"
t_match "an example writes CSV" '^plancon tasks .*--format csv' "$(cat "$T/examples")"
mkdir -p "$T/bin" "$T/work"
ln -s "$PLANCON" "$T/bin/plancon"
rm -rf "$XDG_DATA_HOME/plancon"
while IFS= read -r cmd; do
	(cd "$T/work" && PATH="$T/bin:$PATH" sh -c "$cmd" >"$T/out" 2>"$T/err")
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$T/err" ]; then t_pass "example runs: $cmd"
	else t_fail "example runs: $cmd" "exit $rc, stderr:" "$(cat "$T/err")"; fi
done <"$T/examples"
t_ok "the examples used the default database" test -s "$XDG_DATA_HOME/plancon/plan.db"
t_eq "the CSV example wrote chapter 3's 11 tasks" 12 "$(wc -l <"$T/work/chapter3.csv" 2>/dev/null)"

# ---- make install, then man finds the pages -----------------------------------------------
# In a copy of the source tree with a copy of the build directory of the
# binary under test, so that whatever make relinks (PREFIX changes the
# catalog directory compiled in) never touches the tree being tested.
# (A sanitizer build would need its link flags: use build/check instead.)
build=build
case $PLANCON in "$TOP"/build*/plancon) build=${PLANCON#"$TOP"/}; build=${build%/plancon} ;; esac
case $build in *asan*) build=build/check ;; esac
mkdir -p "$T/tree"
(cd "$TOP" && tar --exclude=./build --exclude=./.git --exclude=./plancon -cf - .) | tar -xf - -C "$T/tree"
if [ -d "$TOP/$build" ]; then mkdir -p "$T/tree/$(dirname "$build")" && cp -a "$TOP/$build" "$T/tree/$build"; fi
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$T/tree" install DESTDIR="$T/root" PREFIX=/usr BUILD="$build" \
	>"$T/install.log" 2>&1
rc=$?
[ "$rc" -eq 0 ] && t_pass "make install DESTDIR PREFIX=/usr" ||
	t_fail "make install DESTDIR PREFIX=/usr" "exit $rc:" "$(tail -5 "$T/install.log")"
t_ok "installed plancon.1" test -f "$T/root/usr/share/man/man1/plancon.1"
t_ok "installed plancon.ini.5" test -f "$T/root/usr/share/man/man5/plancon.ini.5"
t_eq "installed binary runs" "$("$PLANCON" --version)" "$("$T/root/usr/bin/plancon" --version 2>&1)"
t_eq "man -w plancon finds the installed page" "$T/root/usr/share/man/man1/plancon.1" \
	"$(MANPATH="$T/root/usr/share/man" man -w plancon 2>&1)"
t_eq "man -w plancon.ini finds the installed page" "$T/root/usr/share/man/man5/plancon.ini.5" \
	"$(MANPATH="$T/root/usr/share/man" man -w 5 plancon.ini 2>&1)"
t_match "man plancon renders the installed page" '^NAME$' \
	"$(MANPATH="$T/root/usr/share/man" MANWIDTH=80 man plancon 2>&1 </dev/null)"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$T/tree" uninstall DESTDIR="$T/root" PREFIX=/usr BUILD="$build" \
	>"$T/out" 2>&1
t_eq "make uninstall: exit status" 0 "$?"
t_eq "make uninstall removes the pages and the binary" "" \
	"$(find "$T/root" -type f -name 'plancon*' 2>/dev/null)"

t_end
