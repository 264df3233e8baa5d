#!/bin/sh
# Install, with apt-get, the Debian packages that building and testing
# plancon need, and only those that are missing. A no-op when all are there.
PKGS="build-essential pkg-config libncurses-dev libsqlite3-dev libiniparser-dev
libcmocka-dev tmux openssh-server openssh-client sqlite3 python3 mandoc
groff-base man-db gettext locales libxlsxwriter-dev valgrind clang
libclang-rt-14-dev cppcheck clang-tidy unzip bash-completion
openssh-sftp-server passwd util-linux procps bsdutils strace faketime tzdata"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

# The Chinese-interface tests need the zh_CN.UTF-8 locale, and a fresh
# Debian has only C, C.UTF-8 and POSIX: generate it when it is missing.
zh_locale() {
	locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\{0,1\}8' && return 0
	echo "Generating the zh_CN.UTF-8 locale"
	$SUDO localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
}

[ -z "$missing" ] && { zh_locale; exit $?; }

if ! command -v apt-get >/dev/null 2>&1; then
	echo "plancon needs these packages, and apt-get is not available to install them:" >&2
	echo "  $missing" >&2
	exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q || exit 1
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing || exit 1
zh_locale
