#!/bin/sh
# The layering check (make layers; the rules are in CONTRIBUTING.md).
#
#   sh tests/lib/layers.sh [--allow FILE] [TOP]
#       reads the #include lines of every .c and .h under TOP/src and
#       TOP/include/plancon (TOP: this tree) and prints each include that
#       breaks a rule as FILE:LINE: what, why [rule]. An include counts with
#       what it brings in: "x.h" that includes <curses.h> gives curses to
#       whoever includes it (the line is then named with the header it came
#       through). FILE (default TOP/tests/lib/layers.allow) lists the known
#       violations, one "path rule # why" a line; those are reported as
#       "allowed, to be removed", and a line that no longer matches anything
#       fails the check, so the list can only shrink.
#   sh tests/lib/layers.sh --binary PLANCON
#       fails when the binary holds test code (a symbol named *bench*).
#
# Exit status 0 when nothing breaks a rule, 1 otherwise, 2 on misuse.
# The rules (the name in brackets is what the allow list names):
#   sqlite      <sqlite3.h> only in src/store/
#   iniparser   <iniparser.h> only in src/config.c
#   curses      curses and terminfo headers only in the console: src/tui/
#               and its public headers include/plancon/tui*.h (or tui/)
#   store-up    the store (src/store/, include/plancon/store*.h or store/)
#               includes no cli, console, config or report header
#   auth-store  auth (src/auth.c, include/plancon/auth.h) includes no store
#               header
#   auth-config auth includes no config header
#   cycle-pure  the cycle's rules (src/cycle.c, include/plancon/cycle.h)
#               include no store, config, session, cli, console or report
#               header
set -u

if [ "${1:-}" = --binary ]; then
	[ $# -eq 2 ] || { echo "usage: $0 --binary PLANCON" >&2; exit 2; }
	[ -f "$2" ] || { echo "layers: $2: no such binary" >&2; exit 2; }
	syms=$(nm "$2") || { echo "layers: nm $2 failed" >&2; exit 2; }
	bad=$(printf '%s\n' "$syms" | grep -i bench)
	if [ -n "$bad" ]; then
		printf '%s\n' "$bad" | sed "s|^|$2: test code in the product: |;s|\$| [no-test-code]|"
		echo "layers: $2 links test code (tests/bench/ belongs to the benchmark alone)"
		exit 1
	fi
	echo "layers: $2 holds no test code"
	exit 0
fi

allow=""
while [ $# -gt 0 ]; do
	case $1 in
	--allow) [ $# -ge 2 ] || { echo "usage: $0 [--allow FILE] [TOP]" >&2; exit 2; }
		allow=$2; shift 2 ;;
	-*) echo "usage: $0 [--allow FILE] [TOP] | --binary PLANCON" >&2; exit 2 ;;
	*) break ;;
	esac
done
top=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
[ -d "$top/src" ] || { echo "layers: $top/src: no such directory" >&2; exit 2; }
shown=$allow   # the allow list's name in messages
if [ -z "$allow" ]; then
	allow=$top/tests/lib/layers.allow shown=tests/lib/layers.allow
	[ -f "$allow" ] || allow=/dev/null   # no allow list: nothing allowed
fi
{ [ -f "$allow" ] && [ -r "$allow" ]; } || [ "$allow" = /dev/null ] ||
	{ echo "layers: $allow: cannot read the allow list" >&2; exit 2; }
# An absolute path to the allow list: awk runs in $top.
case $allow in /*) ;; *) allow=$(pwd)/$allow ;; esac

cd "$top" || exit 2
# Every file of the tree (an include resolves to one of these or is a
# system header); the checked ones are the .c and .h among them.
all=$(find src include -type f 2>/dev/null | sort)
checked=$(printf '%s\n' "$all" | grep -E '^(src|include/plancon)/.*\.[ch]$')
[ -n "$checked" ] || { echo "layers: no source files under $top/src" >&2; exit 2; }

printf '%s\n' "$checked" | grep -q ' ' && { echo "layers: a file name with a space under $top" >&2; exit 2; }

printf '%s\n' "$all" | awk -v allowfile="$allow" -v allowname="$shown" -v checked="$(printf '%s\n' "$checked" | tr '\n' ' ')" '
function norm(p,    n, i, k, part, out, stack) {
	n = split(p, part, "/")
	k = 0
	for (i = 1; i <= n; i++) {
		if (part[i] == "" || part[i] == ".") continue
		if (part[i] == "..") { if (k > 0) k--; continue }
		stack[++k] = part[i]
	}
	out = ""
	for (i = 1; i <= k; i++) out = out (i > 1 ? "/" : "") stack[i]
	return out
}
function dir(p) { return sub(/\/[^\/]*$/, "", p) ? p : "." }
# The name an include stands for: a file of the tree (as the compiler
# finds it with -Iinclude: beside the includer first for "x.h"), or
# "<name>" for a system header.
function resolve(from, name, quoted,    c) {
	if (quoted) {
		c = norm(dir(from) "/" name); if (c in exists) return c
	}
	c = norm("include/" name); if (c in exists) return c
	if (name ~ /^plancon\//) return c       # a plancon header not there (yet)
	return "<" name ">"
}
# Everything FILE brings in, as " name name ... " (memoized; cycles cut).
function reach(f,    i, s, t) {
	if (f in memo) return memo[f]
	if (f in busy) return " "
	busy[f] = 1
	s = " "
	for (i = 1; i <= ninc[f]; i++) {
		t = inc[f, i]
		s = s t " "
		if (t in exists) s = s substr(reach(t), 2)
	}
	delete busy[f]
	memo[f] = s
	return s
}
function is_curses(t) {
	return t ~ /^<(n?curses(w)?\/.*|n?curses\.h|cursesw?\.h|curses[a-z]*\.h|term\.h|termcap\.h|unctrl\.h|panelw?\.h|menuw?\.h|formw?\.h|etip?\.h|ncurses_dll\.h)>$/
}
# Does rule R forbid file F to include (or be given) T?
function forbids(r, f, t) {
	if (r == "sqlite")
		return t ~ /^<sqlite3(ext)?\.h>$/ && f !~ /^src\/store\//
	if (r == "iniparser")
		return t ~ /^<(iniparser\/.*|iniparser\.h|dictionary\.h)>$/ && f != "src/config.c"
	if (r == "curses")
		return is_curses(t) && f !~ /^src\/tui\// && f !~ /^include\/plancon\/tui([^\/]*\.h$|\/)/
	if (r == "store-up")
		return (f ~ /^src\/store\// || f ~ /^include\/plancon\/store([^\/]*\.h$|\/)/) &&
			(t ~ /^include\/plancon\/(cli|tui|config|report)([^\/]*\.h$|\/)/ || t ~ /^src\/tui\//)
	if (r == "auth-store")
		return (f == "src/auth.c" || f == "include/plancon/auth.h") &&
			(t ~ /^include\/plancon\/store([^\/]*\.h$|\/)/ || t ~ /^src\/store\//)
	if (r == "auth-config")
		return (f == "src/auth.c" || f == "include/plancon/auth.h") &&
			t ~ /^include\/plancon\/config([^\/]*\.h$|\/)/
	if (r == "cycle-pure")
		return (f == "src/cycle.c" || f == "include/plancon/cycle.h") &&
			(t ~ /^include\/plancon\/(store|config|session|cli|tui|report)([^\/]*\.h$|\/)/ ||
			 t ~ /^src\/(store|tui)\//)
	return 0
}
function show(t) { return t ~ /^</ ? t : "\"" t "\"" }
function report(f, line, r, msg,    key) {
	key = f SUBSEP r
	if (key in allowed) {
		used[key]++
		printf "%s:%d: %s [%s] (allowed, to be removed: %s)\n", f, line, msg, r, allowed[key]
		nallowed++
	} else {
		printf "%s:%d: %s: %s [%s]\n", f, line, msg, why[r], r
		nbad++
	}
}
BEGIN {
	nrules = split("sqlite iniparser curses store-up auth-store auth-config cycle-pure", rules, " ")
	why["sqlite"] = "only src/store/ speaks SQL"
	why["iniparser"] = "only src/config.c reads the configuration file"
	why["curses"] = "only the console (src/tui/, include/plancon/tui*.h) uses curses"
	why["store-up"] = "the store sits below the cli, the console, config and report"
	why["auth-store"] = "auth makes pure decisions and reads no store"
	why["auth-config"] = "auth makes pure decisions and reads no configuration"
	why["cycle-pure"] = "the rules of the cycle are pure: settings and facts are their parameters"
	for (i = 1; i <= nrules; i++) known[rules[i]] = 1
	# The allow list: "path rule # why".
	n = 0
	while ((rc = (getline l < allowfile)) > 0) {
		n++
		if (l ~ /^[ \t]*(#.*)?$/) continue
		reason = l
		if (!sub(/^[^#]*#[ \t]*/, "", reason) || reason ~ /^[ \t]*$/) {
			printf "%s:%d: no reason given (path rule # why)\n", allowname, n; nbad++; continue
		}
		sub(/[ \t]*#.*/, "", l)
		sub(/^[ \t]+/, "", l)
		if (split(l, w, /[ \t]+/) != 2 || !(w[2] in known)) {
			printf "%s:%d: not \"path rule # why\" with a rule of: sqlite iniparser curses store-up auth-store auth-config cycle-pure\n", allowname, n
			nbad++; continue
		}
		allowed[w[1], w[2]] = reason
		allowline[w[1], w[2]] = n
	}
	if (rc < 0) { printf "layers: cannot read %s\n", allowname; fatal = 1; exit 2 }
	nfiles = split(checked, files, " ")
}
{ exists[$0] = 1 }
END {
	if (fatal) exit 2
	# Read the includes of every checked file.
	for (i = 1; i <= nfiles; i++) {
		f = files[i]
		ln = 0
		ninc[f] = 0
		while ((getline l < f) > 0) {
			ln++
			if (l !~ /^[ \t]*#[ \t]*include[ \t]*[<"]/) continue
			q = l ~ /^[ \t]*#[ \t]*include[ \t]*"/
			sub(/^[ \t]*#[ \t]*include[ \t]*[<"]/, "", l)
			sub(/[>"].*/, "", l)
			k = ++ninc[f]
			inc[f, k] = resolve(f, l, q)
			written[f, k] = q ? "\"" l "\"" : "<" l ">"
			incline[f, k] = ln
		}
		close(f)
	}
	for (i = 1; i <= nfiles; i++) {
		f = files[i]
		for (k = 1; k <= ninc[f]; k++) {
			t = inc[f, k]
			for (r = 1; r <= nrules; r++) {
				if (forbids(rules[r], f, t)) {
					report(f, incline[f, k], rules[r], "includes " written[f, k])
					continue
				}
				if (!(t in exists)) continue
				# What T brings in: named here only when T may hold it
				# (otherwise T itself is the line to fix).
				m = split(reach(t), got, " ")
				for (j = 1; j <= m; j++)
					if (forbids(rules[r], f, got[j]) && !forbids(rules[r], t, got[j])) {
						report(f, incline[f, k], rules[r],
							"includes " written[f, k] ", which brings in " show(got[j]))
						break
					}
			}
		}
	}
	for (key in allowed)
		if (!(key in used)) {
			split(key, w, SUBSEP)
			printf "%s:%d: \"%s %s\" no longer occurs: remove the line\n", allowname, allowline[key], w[1], w[2]
			nbad++
		}
	printf "layers: %d files, %d violation(s), %d allowed\n", nfiles, nbad, nallowed
	exit nbad > 0
}'
