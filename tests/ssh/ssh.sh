#!/bin/sh
# Staff over a real OpenSSH server: a gateway account whose authorized_keys
# plancon maintains, two editors of two departments with a key each, an
# administrator. Over ssh -tt in tmux each reaches the plan; an editor
# changes a task of their own department and is refused on the other's;
# the other sees the change; CSV comes through; a shell, operators, scp,
# sftp and port forwarding are refused and nothing outside plancon runs;
# --ssh-user anywhere but the gateway is refused; every session is in the
# access log.
#
# Needs root (to create the gateway account) and sshd; without either it
# says why and counts no tests.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

# One account per run (another make check may be running on the machine),
# marked so that one left by an interrupted run can be told and removed.
GW=plancon-gw$$
GW_MARK="plancon test gateway"
GW_COMMENT="$GW_MARK (pid $$)"
SSHD_PID=""
FWD_PID=""

skip() {
	printf '[  SKIPPED ] ssh: %s\n' "$1"
	t_end
	exit 0
}

ssh_cleanup() {
	[ -n "$FWD_PID" ] && kill "$FWD_PID" 2>/dev/null
	FWD_PID=""
	[ -n "$T_TMUX" ] && tmux -L "$T_TMUX" kill-server 2>/dev/null
	T_TMUX=""
	if [ -n "$SSHD_PID" ]; then
		kill "$SSHD_PID" 2>/dev/null
		# sshd has gone when its listening port is closed.
		i=0
		while kill -0 "$SSHD_PID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	fi
	SSHD_PID=""
	if getent passwd "$GW" 2>/dev/null | grep -q "$GW_COMMENT"; then
		userdel -f -r "$GW" 2>/dev/null || userdel -f "$GW" 2>/dev/null
	fi
}
trap 'ssh_cleanup; t_cleanup' EXIT
trap 'ssh_cleanup; t_cleanup; exit 1' INT TERM HUP

[ "$(id -u)" -eq 0 ] || skip "not running as root: cannot create the gateway account $GW (run make check as root)"
[ -x /usr/sbin/sshd ] || skip "no /usr/sbin/sshd (install openssh-server: make deps)"
for tool in ssh ssh-keygen scp sftp tmux useradd userdel usermod runuser python3 sqlite3; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (make deps)"
done
# Accounts left by interrupted runs: this test's mark, and its run is gone.
getent passwd | awk -F: -v m="$GW_MARK" 'index($5, m " (pid ") == 1 { print $1, $5 }' |
while read -r name rest; do
	pid=$(printf '%s\n' "$rest" | sed -n 's/.*(pid \([0-9]*\))$/\1/p')
	[ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && { userdel -f -r "$name" 2>/dev/null || userdel -f "$name"; }
done
getent passwd "$GW" >/dev/null 2>&1 && skip "an account $GW exists that this test did not make"

# ---- the gateway account and its plancon ----------------------------------------
chmod 755 "$T"
useradd -m -d "$T/gw" -s /bin/sh -c "$GW_COMMENT" "$GW" || skip "useradd failed"
usermod -p '*' "$GW"              # no password, but not locked: sshd refuses locked accounts
mkdir -p "$T/bin" "$T/data" "$T/keys" "$T/sshd" "$T/drop"
cp "$PLANCON" "$T/bin/plancon"
chmod 755 "$T/bin" "$T/bin/plancon"
chmod 1777 "$T/drop"              # where a command that escaped would leave a mark
PLC="$T/bin/plancon"
CONF="$T/gw/.config/plancon/plancon.ini"
DB="$T/data/plan.db"
mkdir -p "$T/gw/.config/plancon"
cat >"$CONF" <<EOF
[core]
database = $DB
as_of = 2022-06-30

[ssh]
gateway_account = $GW
EOF
chown -R "$GW:" "$T/gw/.config"
# The administrator (root here) runs plancon with the gateway's settings.
adm() { "$PLC" --config "$CONF" "$@"; }
own() { chown -R "$GW:" "$T/data"; }   # the gateway writes the database

DEPT_A=省住房城乡建设厅
DEPT_B=省发展改革委
adm init --admin root >/dev/null
adm user add li --role editor --dept "$DEPT_A" >/dev/null
adm user add wang --role editor --dept "$DEPT_B" >/dev/null
adm user add boss --role admin >/dev/null
code_of() { adm tasks --dept "$1" --role lead --format csv | sed -n '2s/,.*//p'; }
CODE_A=$(code_of "$DEPT_A")
CODE_B=$(code_of "$DEPT_B")
t_match "a task led by each department" '^[0-9.]+ [0-9.]+$' "$CODE_A $CODE_B"
status_of() { adm tasks --format csv | awk -F, -v c="$1" '$1 == c { print $4 }'; }

# ---- keys, through plancon key add ------------------------------------------------
for u in li wang boss other; do
	ssh-keygen -q -t ed25519 -N '' -C "$u@test" -f "$T/keys/$u"
done
out=$(adm key add li "$T/keys/li.pub" 2>&1)
t_match "key add li" "^added a ssh-ed25519 key for li to $T/gw/.ssh/authorized_keys\$" "$out"
out=$(adm key add wang - <"$T/keys/wang.pub" 2>&1)
t_match "key add wang from standard input" "^added a ssh-ed25519 key for wang" "$out"
adm key add boss "$T/keys/boss.pub" >/dev/null
AK="$T/gw/.ssh/authorized_keys"
t_eq "authorized_keys: mode 600, owned by the gateway" "600 $GW" "$(stat -c '%a %U' "$AK")"
t_eq ".ssh: mode 700, owned by the gateway" "700 $GW" "$(stat -c '%a %U' "$T/gw/.ssh")"
t_eq "the line plancon wrote" \
	"command=\"$PLC --ssh-user li\",restrict,pty $(cat "$T/keys/li.pub")" "$(sed -n 1p "$AK")"
out=$(adm key add wang "$T/keys/li.pub" 2>&1); rc=$?
t_eq "li's key for wang: refused (exit status)" 1 "$rc"
t_match "li's key for wang: says whose it is" "already used by li" "$out"
out=$(adm key add li "$T/keys/li" 2>&1); rc=$?
t_match "a private key is refused" "private key" "$out"
t_eq "a private key is refused (exit status)" 2 "$rc"
out=$(adm key list --format csv)
t_match "key list shows li, wang and boss" "li,ssh-ed25519,.*,li@test,1.*wang,ssh-ed25519,.*boss," "$(echo "$out" | tr -d '\r' | tr '\n' ' ')"
own

# ---- sshd on loopback ----------------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ssh-keygen -q -t ed25519 -N '' -f "$T/sshd/host"
cat >"$T/sshd/config" <<EOF
Port $PORT
ListenAddress 127.0.0.1
HostKey $T/sshd/host
PidFile $T/sshd/pid
AuthorizedKeysFile .ssh/authorized_keys
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $GW
PermitTTY yes
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
LogLevel VERBOSE
EOF
mkdir -p /run/sshd
/usr/sbin/sshd -f "$T/sshd/config" -E "$T/sshd/log" || skip "sshd did not start: $(tail -3 "$T/sshd/log")"
i=0
while [ ! -s "$T/sshd/pid" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
SSHD_PID=$(cat "$T/sshd/pid" 2>/dev/null)
[ -n "$SSHD_PID" ] || skip "sshd wrote no pid file: $(tail -3 "$T/sshd/log")"

# The client options ssh, scp and sftp share (the port option differs).
CL_OPTS="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes
-o IdentitiesOnly=yes -o LogLevel=ERROR -o SendEnv=LANG -o SendEnv=LC_ALL"
SSH_OPTS="$CL_OPTS -p $PORT"
# as USER ARGS...: ssh to the gateway with USER's key.
as() { u=$1; shift; ssh $SSH_OPTS -i "$T/keys/$u" "$GW@127.0.0.1" "$@"; }
ssh_line() { printf 'ssh %s -i %s %s@127.0.0.1' "$(echo $SSH_OPTS)" "$T/keys/$1" "$GW"; }

out=$(as li tasks --dept "$DEPT_A" --role lead --format csv 2>&1); rc=$?
t_eq "li: tasks --format csv (exit status)" 0 "$rc"
t_match "li: CSV header" '^code,title,lead,status,progress' "$out"
t_match "li: CSV rows of $DEPT_A" "^$CODE_A,[^,]*,$DEPT_A,not_started,0," "$out"
t_nomatch "li: only $DEPT_A's tasks (the Chinese argument came through)" ",$DEPT_B,not_started" "$out"
out=$(as li 'plancon show '"$CODE_A" 2>&1)
t_match "li: 'plancon show CODE' (a leading plancon is dropped)" "$CODE_A" "$out"

# ---- the console, over ssh -tt at 80x24 ------------------------------------------------
# Each user reaches the plan in a real terminal: the console, or, in a
# build without it, the summary that plancon prints instead. Either way
# the plan's chapters are on the screen; the console also shows the plan's
# title (the summary is longer than 24 lines: its title has scrolled away).
CHAPTER='深入推进智慧城镇化'
TITLE='山东省新型城镇化'
tm_start 80 24 "$(ssh_line li) -tt"
tm set-option -g -w remain-on-exit on
tm_wait "$CHAPTER" 15
t_match "li's terminal shows the plan's chapters" "$CHAPTER" "$(tm_capture)"
if tm_dead; then
	t_match "li's terminal shows the summary" "Tasks: 35" "$(tm_capture)"
else
	t_match "li's console shows the plan's title" "$TITLE" "$(tm_capture)"
	# Over the gateway's one account, the status line says whom the
	# console acts as: the gateway user, with the role.
	tm_wait 'li (editor)' 10
	t_match "li's console says it acts as li, an editor" ' li( \(editor\)|（编辑者）)  ' "$(tm_capture | tail -n 1)"
	# The Report view's export: not offered over SSH, and why, and no file.
	tm_keys 5
	tm_keys e
	tm_wait "writes no file on the server" 15
	t_match "li's console: export over SSH says why it is not offered" \
		"Over SSH the console writes no file on the server. Get this report" "$(tm_capture)"
	t_eq "li's console: the export wrote no file on the server" "" \
		"$(find "$T/gw" "$T/drop" -name 'progress-*' 2>/dev/null)"
	tm_keys 1
fi
LIVE_B=0
tm new-window -t t "$(ssh_line wang) -tt"
tmb() { tmux -L "$T_TMUX" capture-pane -p -t t:1; }
i=0
while ! tmb | grep -q "$CHAPTER" && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
t_match "wang's terminal shows the plan's chapters" "$CHAPTER" "$(tmb)"
[ "$(tmux -L "$T_TMUX" display-message -p -t t:1 '#{pane_dead}')" = 1 ] || LIVE_B=1

# ---- updates under each user's permissions ----------------------------------------------
BEFORE_B=$(tmb)
out=$(as li set "$CODE_A" --status in_progress --progress 40 --note '从SSH更新' 2>&1); rc=$?
t_eq "li sets $CODE_A ($DEPT_A) in progress (exit status)" 0 "$rc"
t_eq "$CODE_A is in progress" in_progress "$(status_of "$CODE_A")"
t_match "the change log names li" "li" "$(adm log "$CODE_A" --format csv | tail -n +2)"
out=$(as li set "$CODE_B" --status in_progress 2>&1); rc=$?
t_eq "li on $CODE_B ($DEPT_B): refused (exit status)" 1 "$rc"
t_match "li on $CODE_B: says why" "$CODE_B is led by $DEPT_B, not by $DEPT_A: li may not" "$out"
t_eq "$CODE_B is unchanged" not_started "$(status_of "$CODE_B")"

if [ "$LIVE_B" = 1 ]; then
	# The console is open in wang's window: it must redraw by itself
	# (it polls the database) once li's change is committed. li's 40 % on
	# one of Part 2's 35 tasks raises the part's mean progress from 0 % to 1 %.
	t_match "wang's console showed Part 2 at 0 %" 'Part 2 .*[^0-9]0%' "$BEFORE_B"
	i=0
	while ! tmb | grep -Eq 'Part 2 .*[^0-9]1%' && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	t_match "wang's open console shows li's change by itself (Part 2 at 1 %)" 'Part 2 .*[^0-9]1%' "$(tmb)"
fi
# A new session of wang's shows the change.
tm new-window -t t "$(ssh_line wang) -tt show $CODE_A"
i=0
while ! tmux -L "$T_TMUX" capture-pane -p -t t:2 | grep -Eq "推进中|in progress" && [ $i -lt 300 ]; do
	sleep 0.05; i=$((i + 1))
done
t_match "wang's session shows li's change" "推进中|in progress" "$(tmux -L "$T_TMUX" capture-pane -p -t t:2)"
t_match "wang's session shows li's note" "从SSH更新" "$(tmux -L "$T_TMUX" capture-pane -p -t t:2)"
# Leave the consoles the way users do, so that their sessions end.
if [ "$LIVE_B" = 1 ]; then
	tm send-keys -t t:0 q
	tm send-keys -t t:1 q
	i=0
	while [ "$(tmux -L "$T_TMUX" display-message -p -t t:1 '#{pane_dead}')" != 1 ] && [ $i -lt 100 ]; do
		sleep 0.05; i=$((i + 1))
	done
	t_eq "q leaves wang's console, and the ssh session ends" 1 \
		"$(tmux -L "$T_TMUX" display-message -p -t t:1 '#{pane_dead}')"
fi
tm kill-server 2>/dev/null
T_TMUX=""

out=$(as wang set "$CODE_B" --status in_progress 2>&1); rc=$?
t_eq "wang sets $CODE_B ($DEPT_B) (exit status)" 0 "$rc"
out=$(as wang set "$CODE_A" --status done 2>&1); rc=$?
t_eq "wang on $CODE_A: refused (exit status)" 1 "$rc"

# ---- what is refused -------------------------------------------------------------------
# refused NAME WANT-PATTERN ARGS...: ssh as li; non-zero exit, the reason.
refused() {
	name=$1; want=$2; shift 2
	out=$(as li "$@" 2>&1 </dev/null); rc=$?
	if [ "$rc" -ne 0 ]; then t_pass "$name: non-zero exit"; else t_fail "$name: non-zero exit" "$out"; fi
	t_match "$name: says why" "$want" "$out"
	t_nomatch "$name: no shell ran" 'uid=[0-9]|^ESCAPED$' "$out"
}
D="$T/drop"
refused "/bin/sh" '"/bin/sh" is not a plancon command' /bin/sh
refused "sh -c" '"sh" is not a plancon command' "sh -c 'id; touch $D/sh'"
refused "tasks; id" 'contains ";"' "tasks; id; touch $D/semi"
refused "tasks && id" 'contains "&"' "tasks && touch $D/and"
refused "tasks | sh" 'contains "\|"' "tasks | touch $D/pipe"
refused "\$(...)" 'contains "\$"' "tasks --dept \$(touch $D/subst)"
refused "backquotes" 'contains "`"' "tasks --dept \`touch $D/bq\`"
refused "redirection" 'contains ">"' "tasks > $D/redir"
refused "a line break" 'a line break' "tasks
touch $D/nl"
refused "echo" '"echo" is not a plancon command' "echo ESCAPED"
# (a leading space keeps ssh from taking them for its own options)
refused "--db" 'options of plancon itself' " --db $D/other.db tasks"
refused "--user" 'options of plancon itself' " --user boss set $CODE_B --status done"
refused "key list by an editor" 'only an administrator' "key list"
refused "user add by an editor" '"user" is not a plancon command' "user add li --role admin"
refused "scp -t (old protocol, upload)" '"scp" is not' "scp -t $D/scp-t"
refused "sftp-server" 'is not a plancon command' /usr/lib/openssh/sftp-server
refused "an escape sequence" 'contains ";"' "$(printf 'show \033]0;pwned\007\033[2J')"
AK_BEFORE=$(cksum <"$AK")
refused "late -o (a file on the server)" 'writes no file on the server' "late -o .ssh/authorized_keys"
refused "report --output=" 'writes no file on the server' "report --output=$D/report.csv"
t_eq "authorized_keys is unchanged" "$AK_BEFORE" "$(cksum <"$AK")"

# scp and sftp clients.
echo secret >"$T/upload.txt"
scp -O $CL_OPTS -P "$PORT" -i "$T/keys/li" "$T/upload.txt" "$GW@127.0.0.1:$D/scp-o" >/dev/null 2>&1; rc=$?
t_eq "scp -O upload fails" 1 "$([ $rc -ne 0 ] && echo 1 || echo 0)"
scp $CL_OPTS -P "$PORT" -i "$T/keys/li" "$T/upload.txt" "$GW@127.0.0.1:$D/scp-sftp" >/dev/null 2>&1; rc=$?
t_eq "scp (sftp protocol) upload fails" 1 "$([ $rc -ne 0 ] && echo 1 || echo 0)"
scp $CL_OPTS -P "$PORT" -i "$T/keys/li" "$GW@127.0.0.1:$CONF" "$T/got.ini" >/dev/null 2>&1; rc=$?
t_eq "scp download fails" "1 no" "$([ $rc -ne 0 ] && echo 1 || echo 0) $([ -e "$T/got.ini" ] && echo yes || echo no)"
echo "put $T/upload.txt $D/sftp" | sftp $CL_OPTS -P "$PORT" -i "$T/keys/li" -b - "$GW@127.0.0.1" >/dev/null 2>&1; rc=$?
t_eq "sftp fails" 1 "$([ $rc -ne 0 ] && echo 1 || echo 0)"

# Port forwarding: the client opens its local port, but a connection made
# through it must not reach the target (here sshd's own port, which would
# greet with "SSH-2.0").
LPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ssh $SSH_OPTS -i "$T/keys/li" -N -o ExitOnForwardFailure=yes -L "127.0.0.1:$LPORT:127.0.0.1:$PORT" \
	"$GW@127.0.0.1" 2>"$T/fwd.err" &
FWD_PID=$!
cat >"$T/probe.py" <<'EOF'
import socket, sys, time
port = int(sys.argv[1])
deadline = time.time() + 10
while True:
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        break
    except OSError:
        if time.time() > deadline:
            print("no-listener"); sys.exit(0)
        time.sleep(0.05)
s.settimeout(10)
try:
    data = s.recv(64)
except OSError:
    data = b""
print("forwarded" if data.startswith(b"SSH-") else "refused")
EOF
t_eq "ssh -L: a connection through the forwarded port is refused" refused "$(python3 "$T/probe.py" "$LPORT")"
kill "$FWD_PID" 2>/dev/null; wait "$FWD_PID" 2>/dev/null; FWD_PID=""
t_match "sshd refused the forwarding" "refused local port forward|port forwarding.*(disabled|refused)|administratively prohibited" \
	"$(cat "$T/sshd/log" "$T/fwd.err")"

# Nothing outside plancon ran: no marks in the drop directory.
t_eq "no command outside plancon left a mark" "" "$(ls -A "$D")"

# ---- an administrator over ssh --------------------------------------------------------
out=$(as boss key list --format csv 2>&1); rc=$?
t_eq "boss (admin): key list over ssh (exit status)" 0 "$rc"
t_match "boss (admin): key list over ssh" "^li,ssh-ed25519" "$out"
out=$(as boss key add other "$CONF" 2>&1); rc=$?
t_eq "boss: key add from a file on the server: refused (exit status)" 1 "$rc"
t_match "boss: key add from a file on the server: says why" "reads the key from standard input" "$out"
out=$(as boss key add other - <"$T/keys/other.pub" 2>&1); rc=$?
t_eq "boss: key add for someone who is not a user (exit status)" 1 "$rc"
t_match "boss: says to add the user first" "not a plancon user" "$out"
# authorized_keys is a file on the server: over SSH no key is added or removed.
AK_BEFORE=$(cksum <"$AK")
out=$(as boss key add li - <"$T/keys/other.pub" 2>&1); rc=$?
t_eq "boss: key add over ssh: refused (exit status)" 1 "$rc"
t_match "boss: key add over ssh: says why" "writes no file on the server" "$out"
out=$(as boss key del li 2>&1); rc=$?
t_eq "boss: key del over ssh: refused (exit status)" 1 "$rc"
t_eq "boss: authorized_keys unchanged by key add and key del over ssh" "$AK_BEFORE" "$(cksum <"$AK")"
t_eq "boss: no temporary file beside authorized_keys" "" "$(ls -A "$(dirname "$AK")" | grep plancon-)"

# ---- files come back to the client: -o - and standard output ------------------------------
as li report --format xlsx >"$T/over-ssh.xlsx" 2>"$T/err"; rc=$?
t_eq "li: report --format xlsx > FILE over ssh (exit status)" 0 "$rc"
t_eq "li: the workbook arrived on the client" "504b0304" "$(head -c 4 "$T/over-ssh.xlsx" | od -An -tx1 | tr -d ' \n')"
t_ok "li: a workbook unzip reads" sh -c "unzip -l '$T/over-ssh.xlsx' | grep -q xl/worksheets/sheet1.xml"
as li report --format xlsx -o - >"$T/dash.xlsx" 2>&1
t_eq "li: report --format xlsx -o - over ssh: a workbook too" "504b0304" "$(head -c 4 "$T/dash.xlsx" | od -An -tx1 | tr -d ' \n')"
out=$(as li late -o - 2>&1); rc=$?
t_eq "li: late -o - over ssh (exit status)" 0 "$rc"
t_match "li: late -o - over ssh: the list" "^Late as of " "$out"
t_eq "no file named - on the server" "" "$(find "$T/gw" -name '-' 2>/dev/null)"

# ---- --ssh-user anywhere but the gateway -------------------------------------------------
out=$(adm --ssh-user li 2>&1); rc=$?
t_eq "--ssh-user as root: refused (exit status)" 1 "$rc"
t_match "--ssh-user as root: says why" "only for the forced command of the gateway account" "$out"
out=$(SSH_ORIGINAL_COMMAND="set $CODE_B --status done" adm --ssh-user boss 2>&1); rc=$?
t_eq "--ssh-user with SSH_ORIGINAL_COMMAND as root: refused" 1 "$rc"
t_eq "$CODE_B was not changed by it" in_progress "$(status_of "$CODE_B")"
out=$(runuser -u "$GW" -- "$PLC" --config "$CONF" --ssh-user li tasks 2>&1); rc=$?
t_eq "--ssh-user with a command on the command line: refused (exit status)" 2 "$rc"
t_match "--ssh-user with a command on the command line: says why" "takes no command" "$out"
out=$(runuser -u "$GW" -- "$PLC" --config "$CONF" --ssh-user 'li;id' 2>&1); rc=$?
t_eq "--ssh-user with a bad name: refused (exit status)" 1 "$rc"
t_match "--ssh-user with a bad name: says why" "not a user name" "$out"

# ---- removing a key ----------------------------------------------------------------------
out=$(adm key del wang 2>&1)
t_match "key del wang" "^removed 1 key of wang" "$out"
as wang summary >/dev/null 2>&1; rc=$?
t_eq "wang can no longer log in (ssh's exit status)" 255 "$rc"
t_eq "li's line is still there" 1 "$(grep -c -- '--ssh-user li"' "$AK")"

# ---- a session the access log cannot record is refused -----------------------------------
# A trigger that refuses only the access log's inserts: the rest of the
# database works, so whatever would have run, had plancon not refused it,
# would have left its mark.
AL_BEFORE=$(sqlite3 "$DB" "SELECT count(*) FROM access_log")
sqlite3 "$DB" "CREATE TRIGGER test_no_access_log BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'no room (test)'); END"
REFUSAL='^plancon: refused: this session cannot be recorded in the access log, so nothing was run; please tell the administrator$'
out=$(as li set "$CODE_A" --status done --progress 100 --note unrecorded 2>&1 </dev/null); rc=$?
t_eq "access log not writable: li's set (exit status)" 1 "$rc"
t_match "access log not writable: li is told the session is refused" "$REFUSAL" "$out"
t_match "access log not writable: and why, for the administrator" \
	'^plancon: access log: recording the SSH session: no room \(test\)$' "$out"
t_eq "access log not writable: the set did not run ($CODE_A still in progress)" in_progress "$(status_of "$CODE_A")"
t_nomatch "access log not writable: nothing in the change log" unrecorded "$(adm log "$CODE_A" --format csv)"
out=$(as li tasks --format csv 2>&1 </dev/null); rc=$?
t_eq "access log not writable: tasks (exit status)" 1 "$rc"
t_nomatch "access log not writable: tasks printed nothing" '^code,|^[0-9]+\.[0-9]+\.[0-9]+,' "$out"
# (under timeout: a console that did open would wait for keys for ever)
out=$(timeout 20 ssh $SSH_OPTS -tt -i "$T/keys/li" "$GW@127.0.0.1" 2>&1 </dev/null | tr -d '\r')
t_match "access log not writable: the console is refused too" "$REFUSAL" "$out"
sqlite3 "$DB" "DROP TRIGGER test_no_access_log"
# The common case: plan cannot write the database at all.
chmod 444 "$DB"
out=$(as li summary 2>&1 </dev/null); rc=$?
t_eq "read-only database: li's summary (exit status)" 1 "$rc"
t_match "read-only database: li is told the session is refused" "$REFUSAL" "$out"
t_match "read-only database: and why" "^plancon: access log: .*plan\.db is open read-only" "$out"
t_nomatch "read-only database: no summary" '^Tasks: ' "$out"
chmod 644 "$DB"
t_eq "refused sessions: none is in the access log" "$AL_BEFORE" "$(sqlite3 "$DB" "SELECT count(*) FROM access_log")"
out=$(as li summary 2>&1 </dev/null); rc=$?
t_eq "the access log writable again: li's summary runs (exit status)" 0 "$rc"

# ---- the access log ----------------------------------------------------------------------
log=$(adm key log --format csv 2>&1 | tr -d '\r')
t_match "access log: header" '^session,started,ended,user,from,command,status$' "$log"
t_match "access log: li's CSV session, from 127.0.0.1, exit 0" \
	"^[0-9]+,[0-9T:Z-]+,[0-9T:Z-]+,li,127\.0\.0\.1,tasks --dept $DEPT_A --role lead --format csv,0\$" "$log"
t_match "access log: the refused /bin/sh, exit 1" '^[0-9]+,[^,]+,[^,]+,li,127\.0\.0\.1,/bin/sh,1$' "$log"
t_match "access log: li's console session, ended with exit 0" '^[0-9]+,[^,]+,[^,]+,li,127\.0\.0\.1,,0$' "$log"
t_match "access log: wang's console session, ended with exit 0" '^[0-9]+,[^,]+,[^,]+,wang,127\.0\.0\.1,,0$' "$log"
t_match "access log: wang's update" "^[0-9]+,[^,]+,[^,]+,wang,127\.0\.0\.1,set $CODE_B --status in_progress,0\$" "$log"
t_match "access log: the sftp attempt" ',li,127\.0\.0\.1,/usr/lib/openssh/sftp-server,1$' "$log"
# The escape sequence li typed is in the log as typed, and no output of
# the log passes it on.
t_eq "access log: the escape sequence is kept as typed" 1 \
	"$(sqlite3 "$DB" "SELECT count(*) FROM access_log WHERE command = 'show ' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J'")"
for fmt in text csv json; do
	adm key log --format "$fmt" >"$T/keylog.$fmt" 2>&1
	t_eq "access log: key log --format $fmt shows the command without its controls" clean "$(python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
bad = [b for i, b in enumerate(d) if (b < 0x20 and b != 10 and not (b == 13 and d[i + 1:i + 2] == b"\n")) or b == 0x7f]
t = d.decode("utf-8")
bad += [c for c in t if 0x80 <= ord(c) <= 0x9f]
print("clean" if not bad and "pwned" in t else "controls %r" % bad[:5])' "$T/keylog.$fmt")"
done
out=$(sqlite3 "$DB" "UPDATE access_log SET who = 'x'" 2>&1); rc=$?
t_match "access log: UPDATE refused" "append-only" "$out"
out=$(sqlite3 "$DB" "DELETE FROM access_log" 2>&1)
t_match "access log: DELETE refused" "append-only" "$out"
out=$(as li key log 2>&1); rc=$?
t_eq "access log: not for an editor (exit status)" 1 "$rc"

# ---- evidence through the connection ----------------------------------------------------
# In from standard input, out to standard output, over ssh; the bytes come
# back the same, and the server gets no file but the database's.
printf '[cycle]\nenabled = yes\noffice = %s\n' "$DEPT_B" >>"$CONF"
head -c 300000 /dev/urandom >"$T/evidence.bin"
touch "$T/before-evidence"
sleep 1
out=$(as li evidence add "$CODE_A" --name 验收报告.pdf <"$T/evidence.bin" 2>&1); rc=$?
t_eq "evidence add over ssh (exit status)" 0 "$rc"
t_match "evidence add over ssh: id, size, sha256" \
	"^evidence 1: 验收报告\.pdf, 300000 bytes, sha256 $(sha256sum <"$T/evidence.bin" | cut -d' ' -f1) " "$out"
as li evidence get 1 >"$T/evidence.out" 2>"$T/evidence.err"
t_eq "evidence get over ssh (exit status)" 0 "$?"
t_ok "evidence get over ssh: the same bytes" cmp "$T/evidence.bin" "$T/evidence.out"
out=$(as boss evidence list "$CODE_A" --format csv 2>&1 | tr -d '\r')
t_match "evidence list over ssh: the administrator reads it" "^1,$CODE_A,2022-05,验收报告\.pdf,300000," "$out"
out=$(as li evidence add "$CODE_A" --name x.txt /etc/passwd </dev/null 2>&1); rc=$?
t_eq "evidence add over ssh: a server path is no argument (exit status)" 2 "$rc"
t_match "evidence add over ssh: says the file comes on standard input" "the file comes on standard input" "$out"
CODE_N=$(sqlite3 "$DB" "SELECT code FROM tasks t WHERE lead_dept_id IS NOT (SELECT id FROM departments WHERE short = '$DEPT_A')
	AND NOT EXISTS (SELECT 1 FROM task_coop c JOIN departments d ON d.id = c.dept_id WHERE c.task_id = t.id AND d.short = '$DEPT_A') LIMIT 1")
out=$(as li evidence add "$CODE_N" --name y.txt <"$T/evidence.bin" 2>&1); rc=$?
t_eq "evidence add over ssh: refused for a department of neither kind (exit status)" 1 "$rc"
t_eq "evidence over ssh: one file stored" 1 "$(sqlite3 "$DB" "SELECT count(*) FROM evidence")"
t_eq "evidence over ssh: no file written on the server but the database" "" \
	"$(find "$T/gw" "$T/drop" "$T/data" "$T/bin" -newer "$T/before-evidence" -type f ! -name 'plan.db*' 2>/dev/null)"

ssh_cleanup
t_end
