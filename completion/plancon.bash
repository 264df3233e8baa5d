# bash completion for plancon(1).
#
# Commands and their options come from plancon itself (`plancon --help` and
# `plancon help COMMAND`, read in the C locale), so a new command or option
# completes without a change here. Task codes, chapter numbers and
# department names come from the database, through `plancon tasks`,
# `plancon chapters` and `plancon depts` with --format csv, honouring the
# --db and --config already on the command line. A database that does not
# exist yet is never created by pressing TAB.

# _plancon_run ARGS...: plancon with the command line's --db/--config, in
# the C locale, without a terminal; prints nothing when the database to read
# does not exist.
_plancon_run()
{
	local -a pre=()
	[[ -n $_plancon_db ]] && pre+=(--db "$_plancon_db")
	[[ -n $_plancon_config ]] && pre+=(--config "$_plancon_config")
	if [[ -n $_plancon_db ]]; then
		[[ -f $_plancon_db ]] || return 0
	elif [[ -z $_plancon_config && ! -f ${XDG_CONFIG_HOME:-$HOME/.config}/plancon/plancon.ini &&
	        ! -f /etc/plancon/plancon.ini ]]; then
		local data=${XDG_DATA_HOME:-}
		[[ $data == /* ]] || data=$HOME/.local/share
		[[ -f $data/plancon/plan.db ]] || return 0
	fi
	LC_ALL=C.UTF-8 LANGUAGE= COLUMNS=1000 "$_plancon_prog" "${pre[@]}" "$@" </dev/null
}

# _plancon_csv_column N ARGS...: the Nth field (1-based) of each data row of
# `plancon ARGS --format csv`; fields in double quotes are unquoted.
_plancon_csv_column()
{
	local n=$1
	shift
	_plancon_run "$@" --format csv 2>/dev/null | tr -d '\r' | awk -v n="$n" '
		NR == 1 { next }
		{
			# split one RFC 4180 line into fields
			line = $0; i = 0; field = ""
			while (length(line) > 0 || field != "") {
				i++
				if (substr(line, 1, 1) == "\"") {
					line = substr(line, 2); field = ""
					while (1) {
						q = index(line, "\"")
						if (q == 0) { field = field line; line = ""; break }
						field = field substr(line, 1, q - 1); line = substr(line, q + 1)
						if (substr(line, 1, 1) == "\"") { field = field "\""; line = substr(line, 2) }
						else break
					}
					if (substr(line, 1, 1) == ",") line = substr(line, 2)
				} else {
					c = index(line, ",")
					if (c == 0) { field = line; line = "" }
					else { field = substr(line, 1, c - 1); line = substr(line, c + 1) }
				}
				if (i == n) { print field; break }
				field = ""
				if (line == "") break
			}
		}'
}

# The commands, from the "Commands:" list of `plancon --help`.
_plancon_commands()
{
	LC_ALL=C.UTF-8 LANGUAGE= "$_plancon_prog" --help 2>/dev/null </dev/null |
		awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }'
}

# The global options, from the "Options:" list of `plancon --help`: one per
# line, followed by " VALUE" when the option takes a value ("--db FILE").
_plancon_global_options()
{
	LC_ALL=C.UTF-8 LANGUAGE= "$_plancon_prog" --help 2>/dev/null </dev/null |
		awk '/^Options:/ { on = 1; next }
		     on && /^  -/ { print $1 ($2 ~ /^[A-Z]+$/ ? " " $2 : "") }
		     on && /^$/ { on = 0 }'
}

# The usage line of a command: `plancon help COMMAND`, else the usage that
# `plancon COMMAND --help` prints (on the database of the command line, and
# only when it exists).
_plancon_usage()
{
	local u
	u=$(LC_ALL=C.UTF-8 LANGUAGE= "$_plancon_prog" help "$1" 2>/dev/null </dev/null)
	[[ $u == *"usage: plancon $1"* ]] || u=$(_plancon_run "$1" --help 2>&1)
	printf '%s\n' "$u" | grep -m1 "^usage: plancon $1\\b"
}

# The values an option takes when its usage lists them: "--format text|csv|json".
_plancon_option_values()
{
	local usage=$1 opt=$2
	[[ $usage =~ $opt\ ([a-z_]+(\|[a-z_]+)+) ]] && printf '%s\n' "${BASH_REMATCH[1]//|/$'\n'}"
}

_plancon()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion -n = || return
	else
		# Without bash-completion: join "--db" "=" "FILE" (bash splits at
		# the "=" of COMP_WORDBREAKS) back into "--db=FILE".
		local j last
		words=()
		cword=0
		for ((j = 0; j < ${#COMP_WORDS[@]}; j++)); do
			last=
			((${#words[@]})) && last=${words[${#words[@]} - 1]}
			if ((j > 0)) && [[ ( ${COMP_WORDS[j]} == = && $last == --* && $last != *=* ) || $last == --*= ]]; then
				words[${#words[@]} - 1]+=${COMP_WORDS[j]}
			else
				words+=("${COMP_WORDS[j]}")
			fi
			((j == COMP_CWORD)) && cword=$((${#words[@]} - 1))
		done
		cur=${words[cword]}
		prev=${words[cword - 1]}
	fi
	COMPREPLY=()

	local _plancon_prog=${words[0]} _plancon_db= _plancon_config=
	_plancon_prog=${_plancon_prog/#\~/$HOME}
	local globals valued=" "
	globals=$(_plancon_global_options)
	while read -r o v; do
		[[ -n $v ]] && valued+="$o "
	done <<<"$globals"
	# The global options and the command word.
	local i cmd= cmdi=0
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--db) _plancon_db=${words[i + 1]}; ((i++)) ;;
		--db=*) _plancon_db=${words[i]#--db=} ;;
		--config) _plancon_config=${words[i + 1]}; ((i++)) ;;
		--config=*) _plancon_config=${words[i]#--config=} ;;
		-*) [[ $valued == *" ${words[i]} "* ]] && ((i++)) ;;
		*) cmd=${words[i]}; cmdi=$i; break ;;
		esac
	done
	_plancon_db=${_plancon_db/#\~/$HOME}
	_plancon_config=${_plancon_config/#\~/$HOME}

	# Option values, global or of the command.
	case $prev in
	--db | --config | -o | --out | --file)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	--as-of | --since | --until | --to | --period)
		return ;;
	--dept)
		local IFS=$'\n'
		mapfile -t COMPREPLY < <(compgen -W "$(_plancon_csv_column 1 depts)" -- "$cur")
		return ;;
	--chapter)
		local IFS=$'\n'
		mapfile -t COMPREPLY < <(compgen -W "$(_plancon_csv_column 2 chapters)" -- "$cur")
		return ;;
	--status)
		if [[ $cmd == milestone ]]; then
			mapfile -t COMPREPLY < <(compgen -W "pending done missed" -- "$cur")
		elif [[ $cmd == submit ]]; then
			mapfile -t COMPREPLY < <(compgen -W "not_started in_progress done blocked" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "not_started in_progress done blocked cancelled" -- "$cur")
		fi
		return ;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$(awk '{ print $1 }' <<<"$globals")" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$(_plancon_commands)" -- "$cur")
		fi
		return
	fi

	if [[ $cmd == help ]]; then
		((cword == cmdi + 1)) && mapfile -t COMPREPLY < <(compgen -W "$(_plancon_commands)" -- "$cur")
		return
	fi

	local usage
	usage=$(_plancon_usage "$cmd")
	usage=${usage#usage: plancon $cmd}
	if [[ -n $prev && $prev == --* && $prev != *=* ]]; then
		local values
		values=$(_plancon_option_values "$usage" "$prev")
		if [[ -n $values ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
			return
		fi
	fi
	if [[ $cur == -* ]]; then
		local opts
		opts=$(grep -oE -- '(^|[][ |])--?[a-z][a-z-]*' <<<"$usage" | sed 's/^[^-]*//' | sort -u)
		mapfile -t COMPREPLY < <(compgen -W "$opts --help" -- "$cur")
		return
	fi

	# The first word after the command: a task code when the usage starts
	# with CODE, or one of its subcommands ("add NAME | list | del NAME").
	local n=0
	for ((i = cmdi + 1; i < cword; i++)); do
		[[ ${words[i]} == -* ]] && continue
		[[ ${words[i - 1]} == --* && $usage =~ ${words[i - 1]}\ [A-Z] ]] && continue
		((n++))
	done
	usage=${usage# }
	if ((n == 0)); then
		if [[ $usage == CODE* || $usage == \[CODE* ]]; then
			local IFS=$'\n'
			mapfile -t COMPREPLY < <(compgen -W "$(_plancon_csv_column 1 tasks)" -- "$cur")
		elif [[ $usage == DEPT* ]]; then
			local IFS=$'\n'
			mapfile -t COMPREPLY < <(compgen -W "$(_plancon_csv_column 1 depts)" -- "$cur")
		elif [[ $usage =~ ^[a-z] ]]; then
			local subs
			# leave out the [...] parts, then take the first word of each alternative
			subs=$(sed -e ':a' -e 's/\[[^][]*\]//g' -e 'ta' <<<"$usage" | tr '|' '\n' |
			       awk '{ print $1 }' | grep '^[a-z][a-z-]*$')
			mapfile -t COMPREPLY < <(compgen -W "$subs" -- "$cur")
		fi
	elif ((n == 1)); then
		# the task after a department (remind DEPT [CODE]) or a subcommand
		# ("request CODE", "evidence list [CODE]"): a task code when the usage says so
		local first
		for ((i = cmdi + 1; i < cword; i++)); do
			[[ ${words[i]} == -* ]] || { first=${words[i]}; break; }
		done
		if [[ $usage == DEPT\ \[CODE* || $usage =~ (^|\|\ )$first\ \[?CODE ]]; then
			local IFS=$'\n'
			mapfile -t COMPREPLY < <(compgen -W "$(_plancon_csv_column 1 tasks)" -- "$cur")
		fi
	fi
}

complete -F _plancon plancon
