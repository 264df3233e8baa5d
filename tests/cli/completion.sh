#!/bin/sh
# Bash completion (completion/plancon.bash): sourced in bash, with and
# without the bash-completion package's helpers, and asked to complete
# command lines; the candidates (COMPREPLY) are compared with what plancon
# itself says: its --help, its CSV lists, the database named by --db.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin
t_newdb
COMP_SCRIPT="$TOP/completion/plancon.bash"
BASH_COMPLETION=/usr/share/bash-completion/bash_completion
export COMP_SCRIPT BASH_COMPLETION

# comp MODE WORD...: the candidates, sorted, one per line, for completing the
# last WORD of the command line WORD... (as bash splits it). MODE "plain" is
# bash alone; "full" loads bash-completion first (its _init_completion).
comp() {
	mode=$1
	shift
	bash --norc --noprofile -c '
		if [ "$1" = full ]; then . "$BASH_COMPLETION" || exit 3; fi
		shift
		. "$COMP_SCRIPT" || exit 3
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE=
		prev=
		for w in "$@"; do
			# bash splits "--db=FILE" into "--db" "=" "FILE": no spaces there
			if [ -z "$COMP_LINE" ] || [ "$w" = "=" ] || [ "$prev" = "=" ]; then
				COMP_LINE="$COMP_LINE$w"
			else
				COMP_LINE="$COMP_LINE $w"
			fi
			prev=$w
		done
		COMP_POINT=${#COMP_LINE}
		_plancon
		printf "%s\n" "${COMPREPLY[@]}"' bash "$mode" "$@" | sed '/^$/d' | LC_ALL=C sort
}

# The lists plancon gives, to compare with.
commands=$(LC_ALL=C.UTF-8 "$PLANCON" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }' | LC_ALL=C sort)
globals=$(LC_ALL=C.UTF-8 "$PLANCON" --help | awk '/^Options:/ { on = 1; next } on && /^  -/ { print $1 } on && /^$/ { on = 0 }' | LC_ALL=C sort)
codes32=$(pc tasks --format csv | tr -d '\r' | awk -F, 'NR > 1 && $1 ~ /^3\.2\./ { print $1 }' | LC_ALL=C sort)
chapters=$(pc chapters --format csv | tr -d '\r' | awk -F, 'NR > 1 { print $2 }' | LC_ALL=C sort)

t_ok "bash-completion is installed (make deps)" test -r "$BASH_COMPLETION"
t_match "the script registers _plancon for plancon" "complete -F _plancon plancon" \
	"$(bash --norc --noprofile -c '. "$COMP_SCRIPT"; complete -p plancon')"
t_match "plancon --help lists commands to compare with" "^tasks$" "$commands"

for mode in plain full; do
	t_eq "$mode: the commands are those of plancon --help" "$commands" "$(comp $mode "$PLANCON" '')"
	t_eq "$mode: 'sh' completes to show" "show" "$(comp $mode "$PLANCON" --db "$T/plan.db" sh)"
	t_eq "$mode: global options are those of plancon --help" "$globals" "$(comp $mode "$PLANCON" --)"
	t_eq "$mode: --as-of's value is skipped when finding the command" "show" \
		"$(comp $mode "$PLANCON" --as-of 2023-06-30 --db "$T/plan.db" sho)"

	t_eq "$mode: task codes from the database (show 3.2.)" "$codes32" \
		"$(comp $mode "$PLANCON" --db "$T/plan.db" show 3.2.)"
	t_eq "$mode: --db=FILE as bash splits it (--db = FILE)" "$codes32" \
		"$(comp $mode "$PLANCON" --db = "$T/plan.db" show 3.2.)"
	t_eq "$mode: evidence's subcommands" "add
get
list" "$(comp $mode "$PLANCON" --db "$T/plan.db" evidence '')"
	t_eq "$mode: task codes after evidence add" "$codes32" \
		"$(comp $mode "$PLANCON" --db "$T/plan.db" evidence add 3.2.)"
	out=$(comp $mode "$PLANCON" --db "$T/plan.db" tasks --dept 省发)
	t_eq "$mode: department names from the database (--dept 省发)" "省发展改革委" "$out"
	out=$(comp $mode "$PLANCON" --db "$T/plan.db" tasks --dept '')
	t_match "$mode: every department is offered" "^省林业局$" "$out"
	t_eq "$mode: --dept offers as many names as plancon depts lists" \
		"$(pc depts --format csv | tr -d '\r' | sed 1d | wc -l)" "$(printf '%s\n' "$out" | wc -l)"
	t_eq "$mode: chapter numbers from the database (--chapter)" "$chapters" \
		"$(comp $mode "$PLANCON" --db "$T/plan.db" tasks --chapter '')"
	t_eq "$mode: extension's subcommands" "$(printf 'approve\nlist\nreject\nrequest')" \
		"$(comp $mode "$PLANCON" --db "$T/plan.db" extension '' | LC_ALL=C sort)"
	t_eq "$mode: extension request CODE" "$codes32" \
		"$(comp $mode "$PLANCON" --db "$T/plan.db" extension request 3.2.)"
	t_eq "$mode: extension list --state" "$(printf 'approved\nrejected\nrequested')" \
		"$(comp $mode "$PLANCON" --db "$T/plan.db" extension list --state '' | LC_ALL=C sort)"
	t_eq "$mode: remind DEPT" "省发展改革委" "$(comp $mode "$PLANCON" --db "$T/plan.db" remind 省发)"
	t_eq "$mode: remind DEPT CODE" "$codes32" "$(comp $mode "$PLANCON" --db "$T/plan.db" remind 省发展改革委 3.2.)"

	t_eq "$mode: --format values from the command's usage" "$(printf 'csv\njson\ntext')" \
		"$(comp $mode "$PLANCON" --db "$T/plan.db" tasks --format '')"
	t_eq "$mode: --status values are the status keys" "$(printf 'in_progress')" \
		"$(comp $mode "$PLANCON" --db "$T/plan.db" tasks --status in)"
	out=$(comp $mode "$PLANCON" --db "$T/plan.db" tasks --)
	t_match "$mode: tasks options include --dept" "^--dept$" "$out"
	t_match "$mode: tasks options include --status" "^--status$" "$out"
	t_nomatch "$mode: tasks options do not include another command's" "^--admin$" "$out"

	rm -f "$T/missing.db"
	t_eq "$mode: no candidates from a database that does not exist" "" \
		"$(comp $mode "$PLANCON" --db "$T/missing.db" show '')"
	t_ok "$mode: completing did not create that database" test ! -e "$T/missing.db"
	t_eq "$mode: no candidates when the default database does not exist" "" \
		"$(comp $mode "$PLANCON" show '')"
	t_ok "$mode: completing did not create the default database" \
		test ! -e "$XDG_DATA_HOME/plancon/plan.db"
done

# --db is honoured: a second database whose plan names another department.
sed 's/省林业局/省测绘局/g' "$TOP/db/plan/shandong-urbanization.json" > "$T/other.json"
"$PLANCON" --db "$T/other.db" import "$T/other.json" >/dev/null 2>&1 ||
	"$PLANCON" import "$T/other.json" --db "$T/other.db" >/dev/null 2>&1
t_eq "the other database lists its own department" "省测绘局" \
	"$("$PLANCON" --db "$T/other.db" depts --format csv | tr -d '\r' | awk -F, '$1 == "省测绘局" { print $1 }')"
t_eq "--db other.db: its department is offered" "省测绘局" \
	"$(comp plain "$PLANCON" --db "$T/other.db" tasks --dept 省测)"
t_eq "--db plan.db: that department is not offered" "" \
	"$(comp plain "$PLANCON" --db "$T/plan.db" tasks --dept 省测)"

# make install puts the script where bash-completion looks for it.
out=$(make -n -C "$TOP" install DESTDIR=/dest PREFIX=/usr 2>/dev/null)
t_match "make install installs completion/plancon.bash as .../completions/plancon" \
	"install -m 644 completion/plancon.bash /dest/usr/share/bash-completion/completions/plancon" "$out"
t_end
