# Shared helpers for the shell test suites (sourced, POSIX sh).
# A suite calls t_begin, then checks with t_eq / t_match / t_ok, and ends
# with t_end, which prints cmocka-style summary lines that tests/run.sh adds up.
#
# Every suite runs in a private temporary HOME with pinned LANG, TZ, TERM
# and XDG directories, so nothing depends on the machine or on today.

: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${PLANCON:=$TOP/plancon}"
T_PASS=0
T_FAIL=0
T_TMUX=""

t_begin() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/plancon-test.XXXXXX")
	export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_DATA_HOME="$T/home/.local/share"
	mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
	export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color
	unset NO_COLOR LANGUAGE PLANCON_USER SSH_ORIGINAL_COMMAND SSH_CLIENT SSH_CONNECTION
	trap 't_cleanup' EXIT
	trap 't_cleanup; exit 1' INT TERM HUP
	# PLANCON_WRAPPER (e.g. "valgrind -q ..."): every run of $PLANCON on a
	# terminal (the console in tm_start's command, or a command run in the
	# pane) goes through it; the suite's setup (pc, t_newdb: output
	# captured, not a terminal) runs plancon directly, for speed.
	if [ -n "${PLANCON_WRAPPER:-}" ]; then
		mkdir -p "$T/wrap"
		{
			echo '#!/bin/sh'
			echo '[ -t 0 ] && [ -t 1 ] && exec '"$PLANCON_WRAPPER"' '"'$PLANCON'"' "$@"'
			echo 'exec '"'$PLANCON'"' "$@"'
		} >"$T/wrap/plancon"
		chmod 755 "$T/wrap/plancon"
		PLANCON="$T/wrap/plancon"
	fi
}

t_cleanup() {
	[ -n "$T_TMUX" ] && tmux -L "$T_TMUX" kill-server 2>/dev/null
	T_TMUX=""
	[ -n "${T:-}" ] && [ -d "$T" ] && rm -rf "$T"
	T=""
}

t_pass() { T_PASS=$((T_PASS + 1)); printf '[       OK ] %s\n' "$1"; }
t_fail() {
	T_FAIL=$((T_FAIL + 1))
	printf '[  FAILED  ] %s\n' "$1"
	shift
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/    /'
	return 0
}

# t_ok NAME COMMAND...: passes when the command exits 0.
t_ok() {
	name=$1; shift
	if "$@"; then t_pass "$name"; else t_fail "$name" "command failed: $*"; fi
}

# t_eq NAME EXPECTED ACTUAL
t_eq() {
	if [ "$2" = "$3" ]; then t_pass "$1"; else
		t_fail "$1" "expected:" "$2" "actual:" "$3"
	fi
}

# t_match NAME PATTERN TEXT: grep -E pattern somewhere in text.
t_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then t_pass "$1"; else
		t_fail "$1" "no match for /$2/ in:" "$3"
	fi
}

# t_nomatch NAME PATTERN TEXT
t_nomatch() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		t_fail "$1" "unexpected match for /$2/ in:" "$3"
	else t_pass "$1"; fi
}

# t_status NAME EXPECTED-STATUS COMMAND...: checks the exit status only.
t_status() {
	name=$1; want=$2; shift 2
	"$@" >/dev/null 2>&1
	got=$?
	t_eq "$name (exit status)" "$want" "$got"
}

t_end() {
	printf '[==========] %d test(s) run.\n' $((T_PASS + T_FAIL))
	printf '[  PASSED  ] %d test(s).\n' "$T_PASS"
	[ "$T_FAIL" -gt 0 ] && printf ' %d FAILED TEST(S)\n' "$T_FAIL"
	t_cleanup
	[ "$T_FAIL" -eq 0 ]
}

# t_english ALLOWED < TEXT: what a Chinese interface left in English. Prints
# each ASCII word of three letters or more in TEXT (with the line it stands
# in, once per word) that is not allowed. ALLOWED: one entry a line, taken
# literally and removed from TEXT first (the longest first): the codes,
# units, key names and format keywords a person reads as they are, and the
# names, files and other data the suite wrote. Nothing printed: all Chinese.
t_english() {
	python3 -c '
import re, sys
text = sys.stdin.read()
for a in sorted(filter(None, sys.argv[1].split("\n")), key=len, reverse=True):
    # whole words only: "End" is allowed, "Ended" is not
    pre = "(?<![A-Za-z0-9])" if a[0].isalnum() else ""
    post = "(?![A-Za-z0-9])" if a[-1].isalnum() else ""
    text = re.sub(pre + re.escape(a) + post, " ", text)
seen = set()
for line in text.splitlines():
    for w in re.findall(r"[A-Za-z]{3,}", line):
        if w not in seen:
            seen.add(w)
            print("%s: %s" % (w, " ".join(line.split())[:90]))
' "$1"
}

# A fresh database with the bundled plan at $T/plan.db (or $1).
t_newdb() {
	"$PLANCON" --db "${1:-$T/plan.db}" chapters >/dev/null 2>&1
}

# pc ARGS...: plancon on the suite's database.
pc() { "$PLANCON" --db "$T/plan.db" "$@"; }

# ---- a real terminal through tmux -------------------------------------------
# tm_start COLS ROWS COMMAND: a private tmux server running COMMAND.
tm_start() {
	T_TMUX="plancon-test-$$"
	tmux -L "$T_TMUX" -f /dev/null new-session -d -s t -x "$1" -y "$2" "$3"
	tmux -L "$T_TMUX" set-option -t t remain-on-exit on >/dev/null 2>&1
}
tm() { tmux -L "$T_TMUX" "$@"; }
tm_keys() { tmux -L "$T_TMUX" send-keys -t t "$@"; }
tm_text() { tmux -L "$T_TMUX" send-keys -t t -l "$1"; }
tm_capture() { tmux -L "$T_TMUX" capture-pane -p -t t; }
tm_resize() { tmux -L "$T_TMUX" resize-window -t t -x "$1" -y "$2"; }
# tm_wait PATTERN [SECONDS]: poll the screen until grep -E PATTERN matches.
# T_SLOW multiplies the deadlines (a slower run, e.g. under valgrind).
tm_wait() {
	deadline=$(( $(date +%s) + ${2:-5} * ${T_SLOW:-1} ))
	while :; do
		if tm_capture | grep -Eq -- "$1"; then return 0; fi
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}
# tm_wait_gone PATTERN [SECONDS]
tm_wait_gone() {
	deadline=$(( $(date +%s) + ${2:-5} * ${T_SLOW:-1} ))
	while :; do
		if ! tm_capture | grep -Eq -- "$1"; then return 0; fi
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}
# tm_dead: true when the program in the pane has exited.
tm_dead() { [ "$(tmux -L "$T_TMUX" display-message -p -t t '#{pane_dead}')" = 1 ]; }
# tm_frame_check: checks the modal box on the screen (the one framed by
# ┌ ┐ └ ┘): every cell beside its frame, on the rows it spans and on the
# row above and below it (but the top line and the status line), is blank,
# and so is the column just inside each side of the frame. Prints "clean",
# or the first cell that is not, with the screen.
tm_frame_check() {
	tm_capture >"$T/frame.screen"
	python3 - "$T/frame.screen" "$(tm display-message -p -t t '#{pane_width} #{pane_height}')" <<'PY'
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
cols, rows = map(int, sys.argv[2].split())
lines = (lines + [""] * rows)[:rows]
def cells(line):
    out = []
    for ch in line:
        out.append(ch)
        if unicodedata.east_asian_width(ch) in "WF":
            out.append("")          # the right half of a wide character
    return (out + [" "] * cols)[:cols]
grid = [cells(l) for l in lines]
top = next((y for y in range(rows) if "┌" in grid[y]), None)
if top is None:
    print("no box on the screen"); sys.exit()
left, right = grid[top].index("┌"), grid[top].index("┐")
bottom = next(y for y in range(top, rows) if grid[y][left] == "└")
def bad(y, x, what):
    print("row %d col %d is %r, not blank (%s)" % (y + 1, x + 1, grid[y][x], what))
    print("\n".join(lines)); sys.exit()
for y in range(max(top - 1, 1), min(bottom + 1, rows - 2) + 1):
    for x in range(cols):
        if (x < left or x > right or y < top or y > bottom) and grid[y][x] != " ":
            bad(y, x, "beside the frame")
for y in range(top + 1, bottom):
    for x in (left + 1, right - 1):
        if grid[y][x] != " ":
            bad(y, x, "just inside the frame")
print("clean")
PY
}
