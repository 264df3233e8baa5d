#!/bin/sh
# The console when the session ends under it: SIGINT and SIGTERM, an SSH
# connection dropping (the terminal goes away, SIGHUP), and a terminal
# that goes away without a SIGHUP reaching the console; each while the
# update form is open with text typed into it. Each time the console ends
# promptly (with 128 + the signal, when there is one), leaves the terminal
# as it found it (normal screen, line editing and echo back on), holds no
# transaction (another process can write at once) and saved nothing. And a
# database the console cannot write: it says so in its status line, and
# refuses to save.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
t_newdb
pc init --admin "$(id -un)" >/dev/null

see() { if tm_wait "$2"; then t_pass "$1"; else t_fail "$1" "no /$2/ on the screen:" "$(tm_capture)"; fi; }

# writable DB: can another process take the write lock at once?
writable() {
	python3 - "$1" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
try:
    c.execute("BEGIN IMMEDIATE")
    c.execute("ROLLBACK")
    print("free")
except sqlite3.OperationalError as e:
    print("locked: %s" % e)
EOF
}

# A session: the console, then what the terminal looks like after it.
# stty prints "icanon" and "echo" (or "-icanon", "-echo" if left raw).
cat >"$T/session.sh" <<EOF
"\$1" --db "$T/plan.db" --as-of 2024-06-30
echo "exit=\$?"
stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' '
echo "after"
exec sleep 600
EOF

# session COMMAND: a new session "t" (100x30) running COMMAND. A second
# session keeps the tmux server alive when "t" is killed.
session() {
	if [ -z "$T_TMUX" ]; then
		tm_start 100 30 "$1"
		tm new-session -d -s keep "sleep 3600"
	else
		tm kill-session -t t 2>/dev/null
		tm new-session -d -s t -x 100 -y 30 "$1"
		tm set-option -t t remain-on-exit on >/dev/null
	fi
}

# console_pid: the pid of the console running in the pane (the child of
# the pane's shell).
console_pid() {
	pgrep -P "$(tm display-message -p -t t '#{pane_pid}')" | head -n 1
}

# open_form: the console showing 3.2.3's update form, with a note typed.
open_form() {
	tm_wait 'Plan  row 1/' || t_fail "$1: the console starts" "$(tm_capture)"
	tm_keys /
	tm_text 3.2.3
	tm_keys Enter
	tm_wait '3\.2\.3  提高城镇污水收集处理能力' || t_fail "$1: the console finds 3.2.3" "$(tm_capture)"
	tm_keys s
	tm_wait '┌─ Update 3\.2\.3 ─' || t_fail "$1: the update form opens" "$(tm_capture)"
	tm_keys Tab Tab
	tm_text "半截的说明"
	tm_wait '│ 半截的说明 +│' || t_fail "$1: the note is typed" "$(tm_capture)"
}

before=$(pc log 3.2.3 --format csv)
for sig in INT TERM; do
	case $sig in INT) n=2 ;; TERM) n=15 ;; esac
	session "sh $T/session.sh $PLANCON"
	open_form "SIG$sig"
	pid=$(console_pid)
	t_ok "SIG$sig: the console is running" [ -n "$pid" ]
	kill -s "$sig" "$pid"
	see "SIG$sig: the console ends with 128 + $n" "^exit=$((128 + n))$"
	see "SIG$sig: line editing and echo are back on" '^icanon echo after$'
	t_eq "SIG$sig: back on the normal screen" 0 "$(tm display-message -p -t t '#{alternate_on}')"
	t_eq "SIG$sig: no transaction left open" free "$(writable "$T/plan.db")"
done

# An SSH drop: the terminal is closed under the console (tmux kills the
# pane), and the console, the session leader as under sshd, gets SIGHUP.
# Its exit status cannot be seen; it must be gone promptly, holding nothing.
session "exec $PLANCON --db $T/plan.db --as-of 2024-06-30"
open_form "SSH drop"
pid=$(tm display-message -p -t t '#{pane_pid}')
tm kill-pane -t t
deadline=$(( $(date +%s) + 10 * ${T_SLOW:-1} ))
while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
t_ok "SSH drop (SIGHUP): the console ends" sh -c "! kill -0 $pid 2>/dev/null"
t_eq "SSH drop: no transaction left open" free "$(writable "$T/plan.db")"

# The terminal gone without a SIGHUP reaching the console (its parent
# shell ignores the hangup and does not pass it on): reads from the
# terminal fail, and the console must end rather than spin.
cat >"$T/hup.sh" <<EOF
trap '' HUP
"\$1" --db "$T/plan.db" --as-of 2024-06-30
echo "\$?" >"$T/hup.exit"
EOF
session "sh $T/hup.sh $PLANCON"
open_form "terminal gone"
pid=$(console_pid)
tm kill-pane -t t
deadline=$(( $(date +%s) + 10 * ${T_SLOW:-1} ))
while [ ! -s "$T/hup.exit" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
t_match "terminal gone: the console ends, not by a crash" '^(0|1|2|129)$' "$(cat "$T/hup.exit" 2>/dev/null)"
if kill -0 "$pid" 2>/dev/null; then
	t_fail "terminal gone: the process is gone" "still running: $(ps -o pid=,stat=,time= -p "$pid")"
	kill -9 "$pid"
else
	t_pass "terminal gone: the process is gone"
fi
t_eq "terminal gone: no transaction left open" free "$(writable "$T/plan.db")"
t_eq "no signal saved the half-typed note" "$before" "$(pc log 3.2.3 --format csv)"

# ---- a database this console cannot write ------------------------------------------
mkdir -p "$T/ro"
cp "$T/plan.db" "$T/ro/plan.db"
"$PLANCON" --db "$T/ro/plan.db" tasks >/dev/null
if [ "$(id -u)" -eq 0 ] && mount --bind "$T/ro" "$T/ro" 2>/dev/null; then
	if mount -o remount,ro,bind "$T/ro" 2>/dev/null; then
		session "TERM=xterm-256color $PLANCON --db $T/ro/plan.db --as-of 2024-06-30; echo exit=\$?; sleep 60"
		see "read-only: the console starts" 'Plan  row 1/'
		see "read-only: the status line says so" '(read-only|只读)'
		tm_keys q
		see "read-only: and quits normally" '^exit=0$'
		tm kill-session -t t
	else
		echo "skipped: read-only console (remount,ro,bind not permitted here)"
	fi
	# The console may still be ending: retry until the mount is free.
	i=0
	until umount "$T/ro" 2>/dev/null || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
elif [ "$(id -u)" -ne 0 ]; then
	chmod 555 "$T/ro"
	session "TERM=xterm-256color $PLANCON --db $T/ro/plan.db --as-of 2024-06-30; echo exit=\$?; sleep 60"
	see "read-only: the console starts" 'Plan  row 1/'
	see "read-only: the status line says so" '(read-only|只读)'
	tm kill-session -t t
	chmod 755 "$T/ro"
else
	echo "skipped: read-only console (needs a read-only mount, or a user other than root)"
fi

t_end
