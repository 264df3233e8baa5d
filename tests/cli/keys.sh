#!/bin/sh
# plancon key add|list|del|log and the --ssh-user forced command, without
# sshd (tests/ssh/ssh.sh does it over a real one): the current account
# plays the gateway, SSH_ORIGINAL_COMMAND is set by hand. Foreign lines of
# authorized_keys are kept, malformed and duplicate keys refused, the file
# replaced with mode 0600; eight key adds at once lose none; only an admin
# manages keys; --ssh-user is refused for any other account; every session
# lands in the access log.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
t_newdb

ME=$(id -un)
AK="$T/ak/authorized_keys"
CONF="$T/gw.ini"
cat >"$CONF" <<EOF
[ssh]
gateway_account = $ME
authorized_keys = $AK
EOF
k() { "$PLANCON" --db "$T/plan.db" --config "$CONF" "$@"; }
# gw USER COMMAND: what sshd runs for USER's key when the client asks for COMMAND.
gw() { u=$1; shift; SSH_CLIENT="192.0.2.7 50000 22" SSH_ORIGINAL_COMMAND="$1" k --ssh-user "$u"; }

k init --admin "$ME" >/dev/null
k user add li --role editor --dept 省住房城乡建设厅 >/dev/null
k user add wang --role editor --dept 省发展改革委 >/dev/null
k user add viewer1 --role viewer >/dev/null
mkdir -p "$T/keys"
for u in li wang k1 k2 k3 k4 k5 k6 k7 k8; do
	ssh-keygen -q -t ed25519 -N '' -C "$u@test" -f "$T/keys/$u"
done

out=$(k key list 2>&1); rc=$?
t_eq "key list with no file (exit status)" 0 "$rc"
t_eq "key list with no file" "no plancon keys in $AK" "$out"
t_eq "key list created nothing" no "$([ -e "$T/ak" ] && echo yes || echo no)"

# Someone else's lines, without a final newline.
mkdir -p "$T/ak"
printf '# ops\n\nfrom="10.0.0.0/8" %s\nnot a key line' "$(cat "$T/keys/k8.pub")" >"$AK"
chmod 644 "$AK"
FOREIGN=$(cat "$AK")
out=$(k key add li "$T/keys/li.pub" 2>&1); rc=$?
t_eq "key add li (exit status)" 0 "$rc"
t_eq "key add li" "added a ssh-ed25519 key for li to $AK" "$out"
t_eq "foreign lines kept, plancon's line after them" \
	"$FOREIGN
command=\"$(readlink -f "$PLANCON") --ssh-user li\",restrict,pty $(cat "$T/keys/li.pub")" "$(cat "$AK")"
t_eq "mode 600 after the rewrite" 600 "$(stat -c %a "$AK")"
t_eq "no temporary file left" "authorized_keys" "$(ls -A "$T/ak")"
# A key add or key del killed half-way leaves its temporary file: the
# next one removes it, under the same lock (and leaves others' files).
printf 'half a file\n' >"$T/ak/.authorized_keys.plancon-Xy12Zw"
printf 'not ours\n' >"$T/ak/.authorized_keys.bak"
for i in 1 2 3 4 5 6 7 8 9 10; do
	k key add li "$T/keys/li.pub" >/dev/null 2>&1 &
	pid=$!
	sleep "0.00$i"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
k key add li "$T/keys/li.pub" >/dev/null 2>&1
t_eq "a killed key add's temporary files are gone after the next one" ".authorized_keys.bak authorized_keys" \
	"$(ls -A "$T/ak" | sort | tr '\n' ' ' | sed 's/ $//')"
rm -f "$T/ak/.authorized_keys.bak"
out=$(k key add li "$T/keys/li.pub" 2>&1); rc=$?
t_eq "the same key again: nothing changed (exit status)" 0 "$rc"
t_match "the same key again: says so" "li already has this ssh-ed25519 key" "$out"

# Refusals: exit status, reason, and the file untouched.
BEFORE=$(cksum <"$AK")
refuse() { # NAME STATUS PATTERN ARGS...
	name=$1 want=$2 pat=$3; shift 3
	out=$(k "$@" 2>&1); rc=$?
	t_eq "$name (exit status)" "$want" "$rc"
	t_match "$name: says why" "$pat" "$out"
	t_eq "$name: file unchanged" "$BEFORE" "$(cksum <"$AK")"
}
refuse "li's key for wang" 1 "already used by li" key add wang "$T/keys/li.pub"
refuse "a foreign line's key" 1 "line 3, which plancon did not write" key add wang "$T/keys/k8.pub"
refuse "a private key" 2 "private key" key add wang "$T/keys/wang"
printf 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHswp6DXVzeWF8f3i56PQaG63D5fydzenoe0oR3\n' >"$T/cut.pub"
refuse "a cut key" 2 "damaged ssh-ed25519 key" key add wang "$T/cut.pub"
printf 'ssh-foo AAAA\n' >"$T/foo.pub"
refuse "an unknown type" 2 "not a public key" key add wang "$T/foo.pub"
# Every key file that cannot hold a public key exits 2, as a malformed key does.
head -c 70000 /dev/zero | tr '\0' A >"$T/big.pub"
refuse "a file too large for a key" 2 "big\.pub: too large for a public key" key add wang "$T/big.pub"
printf 'ssh-ed25519 AAAA\000BBBB\n' >"$T/nul.pub"
refuse "a key with a NUL byte" 2 "nul\.pub: not a public key \(it holds NUL bytes\)" key add wang "$T/nul.pub"
refuse "a key with a NUL byte on standard input" 2 "not a public key \(it holds NUL bytes\)" key add wang - <"$T/nul.pub"
refuse "a missing file" 1 "cannot open" key add wang "$T/none.pub"
# A FIFO or a directory as the key file: refused at once, naming it, not waited on.
mkfifo "$T/key.fifo"
out=$(timeout 10 "$PLANCON" --db "$T/plan.db" --config "$CONF" key add wang "$T/key.fifo" 2>&1); rc=$?
t_eq "a FIFO as the key file (exit status)" 2 "$rc"
t_match "a FIFO as the key file: says why" "key\.fifo: is not a regular file" "$out"
refuse "a directory as the key file" 2 "keys: is a directory, not a file" key add wang "$T/keys"
refuse "a name that is not a user" 1 "nosuchuser is not a plancon user" key add nosuchuser "$T/keys/wang.pub"
refuse "no subcommand" 2 "needs a subcommand" key
refuse "key add without a file" 2 "needs a user name and a public key file" key add wang
refuse "key del of someone without a key" 1 "wang has no key in" key del wang
out=$("$PLANCON" --db "$T/plan.db" --config "$CONF" --user li key list 2>&1); rc=$?
t_eq "key list as li through --user: refused (exit status)" 1 "$rc"
out=$(printf '[ssh]\ngateway_account = %s\nauthorized_keys = %s\n' "$ME" "$AK" >"$T/li.ini"; \
	SSH_ORIGINAL_COMMAND="key list" "$PLANCON" --db "$T/plan.db" --config "$T/li.ini" --ssh-user li 2>&1); rc=$?
t_eq "key list as an editor: refused (exit status)" 1 "$rc"
t_match "key list as an editor: says why" "only an administrator" "$out"

# A symbolic link is not followed.
ln -s "$AK" "$T/ak/link"
printf '[ssh]\ngateway_account = %s\nauthorized_keys = %s\n' "$ME" "$T/ak/link" >"$T/link.ini"
out=$("$PLANCON" --db "$T/plan.db" --config "$T/link.ini" key add wang "$T/keys/wang.pub" 2>&1); rc=$?
t_eq "a symbolic link: refused (exit status)" 1 "$rc"
t_match "a symbolic link: says why" "is a symbolic link" "$out"
t_eq "a symbolic link: file unchanged" "$BEFORE" "$(cksum <"$AK")"
rm "$T/ak/link"

# Eight administrators adding keys at the same moment: none is lost.
for i in 1 2 3 4 5 6 7; do k user add "k$i" --role viewer >/dev/null; done
pids=""
for i in 1 2 3 4 5 6 7; do
	k key add "k$i" "$T/keys/k$i.pub" >/dev/null 2>&1 &
	pids="$pids $!"
done
k key add wang - <"$T/keys/wang.pub" >/dev/null 2>&1 &
pids="$pids $!"
fails=0
for p in $pids; do wait "$p" || fails=$((fails + 1)); done
t_eq "eight key adds at once: all succeed" 0 "$fails"
t_eq "eight key adds at once: nine plancon lines" 9 "$(grep -c -- '--ssh-user ' "$AK")"
t_eq "eight key adds at once: foreign lines still first" "$FOREIGN" "$(head -n 4 "$AK")"
out=$(k key list --format csv | tr -d '\r' | cut -d, -f1 | sort | tr '\n' ' ')
t_eq "key list: every user" "k1 k2 k3 k4 k5 k6 k7 li user wang " "$out"
out=$(k key list)
t_match "key list: text, and the foreign key counted" "\\(1 other key in $AK, not written by plancon\\)" "$out"

out=$(k key del wang 2>&1)
t_eq "key del wang" "removed 1 key of wang from $AK" "$out"
t_eq "key del: foreign lines and others' keys kept" "$FOREIGN" "$(head -n 4 "$AK")"
t_eq "key del: eight plancon lines left" 8 "$(grep -c -- '--ssh-user ' "$AK")"

# ---- the forced command --------------------------------------------------------------
out=$(gw li "tasks --dept 省住房城乡建设厅 --role lead --format csv" 2>&1); rc=$?
t_eq "--ssh-user li: tasks (exit status)" 0 "$rc"
t_match "--ssh-user li: tasks in CSV" '^3\.2\.1,[^,]*,省住房城乡建设厅,' "$out"
out=$(gw li "set 3.2.1 --status in_progress --note '从网关 更新'" 2>&1); rc=$?
t_eq "--ssh-user li: set on li's department's task (exit status)" 0 "$rc"
t_match "the change is li's, with the quoted note" "li.*从网关 更新" "$(pc log 3.2.1 --format csv)"
out=$(gw li "set 2.1.2 --status in_progress" 2>&1); rc=$?
t_eq "--ssh-user li: set on another department's task (exit status)" 1 "$rc"
out=$(gw li "tasks; id" 2>&1); rc=$?
t_eq "--ssh-user li: 'tasks; id' (exit status)" 1 "$rc"
t_eq "--ssh-user li: 'tasks; id' says why, in one line" \
	'plancon: refused: the command contains ";"; over SSH plancon runs one plancon command, without a shell' "$out"
out=$(gw li "late -o $T/late.txt" 2>&1); rc=$?
t_eq "--ssh-user li: late -o FILE (exit status)" 1 "$rc"
t_eq "--ssh-user li: late -o FILE wrote nothing" no "$([ -e "$T/late.txt" ] && echo yes || echo no)"
out=$(gw li "user add li --role admin" 2>&1); rc=$?
t_eq "--ssh-user li: user add (exit status)" 1 "$rc"
t_match "--ssh-user li: user add says what can run" '"user" is not a plancon command you can run over SSH' "$out"
out=$(gw "$ME" "key list --format csv" 2>&1); rc=$?
t_eq "--ssh-user of an admin: key list (exit status)" 0 "$rc"
t_match "--ssh-user of an admin: key list" "^li,ssh-ed25519," "$out"
out=$(gw li "" 2>&1 </dev/null); rc=$?
t_eq "--ssh-user li, no command and no terminal (exit status)" 2 "$rc"
t_match "--ssh-user li, no command and no terminal: the console says so" "the console needs a terminal" "$out"
out=$(gw nosuchuser "tasks" 2>&1); rc=$?
t_eq "--ssh-user of someone unknown: read-only, like a local unknown user (exit status)" 0 "$rc"

# Anywhere but the gateway account.
printf '[ssh]\ngateway_account = someone-else\n' >"$T/other.ini"
out=$(SSH_ORIGINAL_COMMAND="set 2.1.2 --status done" "$PLANCON" --db "$T/plan.db" --config "$T/other.ini" \
	--ssh-user "$ME" 2>&1); rc=$?
t_eq "--ssh-user not as the gateway account (exit status)" 1 "$rc"
t_eq "--ssh-user not as the gateway account: says why" \
	"plancon: --ssh-user is refused: it is only for the forced command of the gateway account ([ssh] gateway_account = someone-else), and this is $ME; see plancon-ssh(7)" "$out"
out=$(pc --ssh-user li 2>&1); rc=$?
t_eq "--ssh-user with no gateway configured (exit status)" 1 "$rc"
t_match "--ssh-user with no gateway configured: says so" "none is configured in \\[ssh\\] gateway_account" "$out"
t_eq "2.1.2 unchanged by them" not_started "$(pc tasks --format csv | awk -F, '$1 == "2.1.2" { print $4 }')"
out=$(k --ssh-user li tasks 2>&1); rc=$?
t_eq "--ssh-user with a command after it (exit status)" 2 "$rc"
out=$(k --ssh-user 'li wang' 2>&1); rc=$?
t_eq "--ssh-user with a bad name (exit status)" 1 "$rc"

# ---- the access log --------------------------------------------------------------------
log=$(k key log --format csv | tr -d '\r')
t_match "access log: li's tasks, from 192.0.2.7, exit 0" \
	'^[0-9]+,[^,]+,[^,]+,li,192\.0\.2\.7,tasks --dept 省住房城乡建设厅 --role lead --format csv,0$' "$log"
t_match "access log: li's refused 'tasks; id', exit 1" '^[0-9]+,[^,]+,[^,]+,li,192\.0\.2\.7,tasks; id,1$' "$log"
t_match "access log: li's console without a terminal, exit 2" '^[0-9]+,[^,]+,[^,]+,li,192\.0\.2\.7,,2$' "$log"
t_nomatch "access log: nothing for the refused --ssh-user" ',someone-else,|set 2\.1\.2 --status done' "$log"
t_eq "access log: li's sessions only" "8 8" \
	"$(k key log li --format csv | tail -n +2 | wc -l) $(k key log --format csv li | tail -n +2 | grep -c ',li,')"
out=$(k key log --format json)
t_match "access log: JSON" '"user": ?"li"' "$out"

# A session the access log cannot record is refused (tests/ssh/ssh.sh does
# it over sshd, and with a read-only database).
sqlite3 "$T/plan.db" "CREATE TRIGGER test_no_access_log BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'no room (test)'); END"
out=$(gw li "set 3.2.1 --status done --progress 100 --note unrecorded" 2>&1); rc=$?
t_eq "access log not writable: set (exit status)" 1 "$rc"
t_eq "access log not writable: refused, and why" \
	"plancon: refused: this session cannot be recorded in the access log, so nothing was run; please tell the administrator
plancon: access log: recording the SSH session: no room (test)" "$out"
t_eq "access log not writable: nothing ran" "in_progress" "$(pc tasks --format csv | awk -F, '$1 == "3.2.1" { print $4 }')"
sqlite3 "$T/plan.db" "DROP TRIGGER test_no_access_log"

# authorized_keys as a FIFO: refused, not waited on.
mv "$AK" "$AK.real"
mkfifo "$AK"
out=$(timeout 10 "$PLANCON" --db "$T/plan.db" --config "$CONF" key list 2>&1); rc=$?
t_eq "authorized_keys a FIFO: key list refuses it (exit status)" 1 "$rc"
t_match "authorized_keys a FIFO: says it is no regular file" "not a regular file" "$out"
out=$(timeout 10 "$PLANCON" --db "$T/plan.db" --config "$CONF" key add li "$T/keys/li.pub" 2>&1); rc=$?
t_eq "authorized_keys a FIFO: key add refuses it (exit status)" 1 "$rc"
t_eq "authorized_keys a FIFO: still a FIFO" fifo "$(stat -c %F "$AK")"
rm -f "$AK"
mv "$AK.real" "$AK"

t_end
