#!/bin/sh
# The supervision cycle over a real OpenSSH server, in the console: a
# department editor logs in with their own key, files the period's report
# in the Work view and adds evidence with "ssh ... evidence add"; the
# office (another key) returns it in the Review view; the editor logs in
# again, sees the return and resubmits; the office accepts and verifies.
# Nothing is written on the server but the database. The gateway and
# sshd are set up as tests/ssh/ssh.sh sets them up.
# SCREENS=DIR keeps the captures of each step there (NN-ssh-*.txt).
#
# Needs root and sshd; without either it says why and counts no tests.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

GW=plancon-gc$$
GW_MARK="plancon test gateway"
GW_COMMENT="$GW_MARK (pid $$)"
SSHD_PID=""
skip() { printf '[  SKIPPED ] ssh cycle: %s\n' "$1"; t_end; exit 0; }
ssh_cleanup() {
	[ -n "$T_TMUX" ] && tmux -L "$T_TMUX" kill-server 2>/dev/null
	T_TMUX=""
	if [ -n "$SSHD_PID" ]; then
		kill "$SSHD_PID" 2>/dev/null
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
[ "$(id -u)" -eq 0 ] || skip "not running as root: cannot create the gateway account"
[ -x /usr/sbin/sshd ] || skip "no /usr/sbin/sshd (install openssh-server: make deps)"
for tool in ssh ssh-keygen tmux useradd userdel usermod python3; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (make deps)"
done
getent passwd "$GW" >/dev/null 2>&1 && skip "an account $GW exists that this test did not make"

# ---- the gateway, its plancon and the cycle's settings --------------------------------
chmod 755 "$T"
useradd -m -d "$T/gw" -s /bin/sh -c "$GW_COMMENT" "$GW" || skip "useradd failed"
usermod -p '*' "$GW"
mkdir -p "$T/bin" "$T/data" "$T/keys" "$T/sshd"
cp "$PLANCON" "$T/bin/plancon"
# its catalogs beside it, as in the build tree, for the Chinese screens
[ -d "$(dirname "$PLANCON")/locale" ] && cp -r "$(dirname "$PLANCON")/locale" "$T/bin/locale"
chmod -R a+rX "$T/bin"
chmod 755 "$T/bin" "$T/bin/plancon"
PLC="$T/bin/plancon"
CONF="$T/gw/.config/plancon/plancon.ini"
DB="$T/data/plan.db"
HOUSING=省住房城乡建设厅
OFFICE=省城镇化工作领导小组办公室
mkdir -p "$T/gw/.config/plancon"
cat >"$CONF" <<EOF
[core]
database = $DB
as_of = 2024-04-10
time_zone = Asia/Shanghai

[ssh]
gateway_account = $GW

[cycle]
enabled = yes
period = month
due_day = 5
office = $OFFICE
since = 2024-01
EOF
chown -R "$GW:" "$T/gw/.config"
adm() { "$PLC" --config "$CONF" "$@"; }
adm init --admin root >/dev/null
adm user add zhang --role editor --dept "$HOUSING" >/dev/null
adm user add ban --role editor --dept "$OFFICE" >/dev/null
for u in zhang ban; do
	ssh-keygen -q -t ed25519 -N '' -C "$u@test" -f "$T/keys/$u"
	adm key add "$u" "$T/keys/$u.pub" >/dev/null
done
chown -R "$GW:" "$T/data"
before=$(find "$T/gw" -type f | sort)

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
EOF
mkdir -p /run/sshd
/usr/sbin/sshd -f "$T/sshd/config" -E "$T/sshd/log" || skip "sshd did not start: $(tail -3 "$T/sshd/log")"
i=0
while [ ! -s "$T/sshd/pid" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
SSHD_PID=$(cat "$T/sshd/pid" 2>/dev/null)
[ -n "$SSHD_PID" ] || skip "sshd wrote no pid file"
SSH_OPTS="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes
-o IdentitiesOnly=yes -o LogLevel=ERROR -o SendEnv=LANG -o SendEnv=LC_ALL -p $PORT"
as() { u=$1; shift; LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 ssh $SSH_OPTS -i "$T/keys/$u" "$GW@127.0.0.1" "$@"; }

STEP=${SCREENS_FROM:-20}
shot() {
	STEP=$((STEP + 1))
	[ -n "$SCREENS" ] && tm_capture >"$SCREENS/$(printf %02d "$STEP")-ssh-$1.txt"
	return 0
}
# login USER: the console over ssh -tt at 80x24, in zh_CN.UTF-8.
login() {
	cmd="env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 ssh $(echo $SSH_OPTS) -i $T/keys/$1 $GW@127.0.0.1 -tt"
	if [ -z "$T_TMUX" ]; then
		tm_start 80 24 "$cmd"
	else
		tm new-session -d -s next -x 80 -y 24 "$cmd"
		tm set-option -t next remain-on-exit on >/dev/null 2>&1
		tm kill-session -t t 2>/dev/null
		tm rename-session -t next t
	fi
}
wait_for() {
	if tm_wait "$2" 15; then t_pass "$1"; else t_fail "$1" "screen:" "$(tm_capture)"; fi
}

# ---- the editor files the report over SSH ------------------------------------------------
login zhang
wait_for "zhang over SSH: the Work view first" '工作台 2024-03'
wait_for "zhang over SSH: the status line names zhang" 'zhang（编辑者）'
shot work-view
tm_keys j s
wait_for "the report form over SSH" '┌─ 报送 [0-9.]+ ─'
CODE=$(tm_capture | grep -Eo '报送 [0-9]+\.[0-9]+\.[0-9]+' | head -1 | cut -d' ' -f2)
tm_keys Right Tab C-u 5 0 Tab
tm_text '已完成主体工程'
shot report-form
tm_keys Enter
wait_for "submitted over SSH" "$CODE：2024-03 的报告已报送"
tm_keys q
printf 'acceptance report\n' >"$T/report.pdf"
out=$(as zhang evidence add "$CODE" --name 验收报告.pdf <"$T/report.pdf" 2>&1); rc=$?
t_eq "evidence add over SSH (exit status)" 0 "$rc"
t_match "evidence listed" '验收报告\.pdf' "$(adm evidence list "$CODE" 2>&1)"

# ---- the office returns it ------------------------------------------------------------------
login ban
wait_for "ban over SSH: the Review view first" '待审核的报告 \(1\)'
wait_for "ban: office on the status line" 'ban（编辑者，办公室）'
shot review-view
tm_keys j r
wait_for "r asks for the reason" '退回：理由'
tm_text '请补充验收意见'
tm_keys Enter
wait_for "returned over SSH" "$CODE：2024-03 的报告已退回"
shot returned
tm_keys q

# ---- the editor sees the return and resubmits -------------------------------------------------
login zhang
wait_for "zhang sees the return and its reason" 'ban 退回：请补充验收意见'
shot work-returned
tm_keys j Enter
wait_for "the form shows the reason" '退回 +ban：请补充验收意见'
tm_keys Right Tab C-u 1 0 0 Enter
wait_for "resubmitted over SSH" "$CODE：2024-03 的报告已报送（第 2 次"
tm_keys q

# ---- the office accepts and verifies ------------------------------------------------------------
login ban
wait_for "the resubmission in the queue" "$CODE .*第 2 次"
tm_keys j a
wait_for "accepted over SSH" "$CODE：2024-03 的报告已采纳"
tm_keys v
wait_for "verified over SSH" "$CODE 已销号"
shot verified
tm_keys q
t_match "the task is done" "^$CODE,[^,]*,[^,]*,done" "$(adm tasks --format csv | tr -d '\r')"
t_eq "nothing written on the server but the database" "$before" "$(find "$T/gw" -type f | sort)"
t_end
