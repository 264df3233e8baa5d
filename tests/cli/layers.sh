#!/bin/sh
# The layering check (tests/lib/layers.sh, make layers): the tree obeys it
# and plancon links no test code; on a copy of src/ and include/, each kind
# of violation planted in turn fails the check, named by file, line and
# rule, and the allow list is honoured and cannot go stale.
. "$(dirname "$0")/../lib/testlib.sh"
t_begin

LAYERS="$TOP/tests/lib/layers.sh"

# ---- the tree itself --------------------------------------------------------
out=$(sh "$LAYERS" 2>&1)
t_eq "the tree obeys the layering rules: exit status" 0 "$?"
t_match "the tree obeys the layering rules: summary" '^layers: [0-9]+ files, 0 violation\(s\), [0-9]+ allowed$' "$out"
if [ -f "$PLANCON" ]; then
	out=$(sh "$LAYERS" --binary "$PLANCON" 2>&1)
	rc=$?
	t_eq "plancon links no test code" "0 layers: $PLANCON holds no test code" "$rc $out"
fi

# A binary with a benchmark symbol in it is refused, the symbol named.
printf 'int bench_make_title(void);\nint bench_make_title(void) { return 0; }\nint main(void) { return bench_make_title(); }\n' >"$T/b.c"
if cc -o "$T/b" "$T/b.c" 2>/dev/null; then
	out=$(sh "$LAYERS" --binary "$T/b" 2>&1)
	t_eq "a binary with test code: exit status" 1 "$?"
	t_match "a binary with test code: the symbol is named" \
		"^$T/b: test code in the product: [0-9a-f]+ T bench_make_title \[no-test-code\]\$" "$out"
fi

# ---- a clean copy -----------------------------------------------------------
# src/ and include/ with auth.c's store and config includes taken out (they
# are in the tree's allow list while auth.c is being made pure), checked
# with an empty allow list. The copy gets five headers of its own, each
# allowed what it includes where it stands, for planting includes that
# bring a library or a header in through another header; and the
# violations are planted in files the tree is sure to have (a store file
# and a console file are taken as found), so that moving the store's and
# the console's files around does not break these tests.
C="$T/tree"
mkdir -p "$C"
cp -R "$TOP/src" "$TOP/include" "$C/"
sed '/^#include "plancon\/\(config\|store[^"]*\)\.h"/d' "$C/src/auth.c" >"$T/auth.c" && mv "$T/auth.c" "$C/src/auth.c"
printf '#include <sqlite3.h>\n' >"$C/src/store/zz_private.h"
printf '#include <curses.h>\n' >"$C/src/tui/zz_private.h"
printf '#include <ncursesw/curses.h>\n' >"$C/include/plancon/tui_zz.h"
printf '#include "plancon/cli.h"\n' >"$C/include/plancon/zz_neutral.h"
printf '#include "plancon/config.h"\n#include "plancon/store.h"\n' >"$C/include/plancon/zz_both.h"
SF=$(cd "$C" && find src/store -name "*.c" | sort | head -n 1)
TF=$(cd "$C" && find src/tui -name "*.c" | sort | head -n 1)
SH=$(cd "$C" && find include/plancon -name "store*.h" | sort | head -n 1)
: >"$T/empty.allow"
nfiles=$(cd "$C" && find src include/plancon -type f -name '*.[ch]' | wc -l | tr -d ' ')
clean="layers: $nfiles files, 0 violation(s), 0 allowed"
out=$(sh "$LAYERS" --allow "$T/empty.allow" "$C" 2>&1)
rc=$?
t_eq "a clean copy passes" "0 $clean" "$rc $out"

# planted NAME FILE TEXT EXPECTED...: appends the line TEXT to FILE in the
# clean copy, checks, puts FILE back. The check must fail and print exactly
# the EXPECTED lines (in each, @ stands for FILE:LINE of the planted line),
# then its summary.
planted() {
	name=$1 file=$2 text=$3
	shift 3
	cp "$C/$file" "$T/saved"
	printf '%s\n' "$text" >>"$C/$file"
	at="$file:$(wc -l <"$C/$file" | tr -d ' ')"
	out=$(sh "$LAYERS" --allow "$T/empty.allow" "$C" 2>&1)
	rc=$?
	cp "$T/saved" "$C/$file"
	want=$(for l in "$@"; do printf '%s\n' "$l"; done | sed "s|^@|$at|"
		printf 'layers: %s files, %d violation(s), 0 allowed' "$nfiles" $#)
	t_eq "$name" "1
$want" "$rc
$out"
}

SQL="only src/store/ speaks SQL [sqlite]"
INI="only src/config.c reads the configuration file [iniparser]"
CUR="only the console (src/tui/, include/plancon/tui*.h) uses curses [curses]"
UP="the store sits below the cli, the console, config and report [store-up]"
AST="auth makes pure decisions and reads no store [auth-store]"
ACF="auth makes pure decisions and reads no configuration [auth-config]"
CYP="the rules of the cycle are pure: settings and facts are their parameters [cycle-pure]"

planted "sqlite3.h in the cli" src/cli.c '#include <sqlite3.h>' \
	"@: includes <sqlite3.h>: $SQL"
planted "sqlite3.h in a public store header" "$SH" '#include <sqlite3.h>' \
	"@: includes <sqlite3.h>: $SQL"
planted "the store's private header in the console" "$TF" '#include "../store/zz_private.h"' \
	"@: includes \"../store/zz_private.h\", which brings in <sqlite3.h>: $SQL"
planted "iniparser.h outside config.c" src/main.c '#include <iniparser.h>' \
	"@: includes <iniparser.h>: $INI"
planted "iniparser's dictionary in config.h" include/plancon/config.h '#include <iniparser/dictionary.h>' \
	"@: includes <iniparser/dictionary.h>: $INI"
planted "curses in the cli" src/cli.c '#include <ncursesw/curses.h>' \
	"@: includes <ncursesw/curses.h>: $CUR"
planted "terminfo in report.c" src/report.c '#include <term.h>' \
	"@: includes <term.h>: $CUR"
planted "curses reaching main.c through a public console header" src/main.c '#include "plancon/tui_zz.h"' \
	"@: includes \"plancon/tui_zz.h\", which brings in <ncursesw/curses.h>: $CUR"
planted "curses reaching the cli through a console-private header" src/cli.c '#include "tui/zz_private.h"' \
	"@: includes \"tui/zz_private.h\", which brings in <curses.h>: $CUR"
planted "the store includes the cli" "$SF" '#include "plancon/cli.h"' \
	"@: includes \"plancon/cli.h\": $UP"
planted "the store includes the console" "$SF" '#include "plancon/tui.h"' \
	"@: includes \"plancon/tui.h\": $UP"
planted "the store includes config" "$SF" '#include "plancon/config.h"' \
	"@: includes \"plancon/config.h\": $UP"
planted "the store includes report" "$SF" '#include "plancon/report.h"' \
	"@: includes \"plancon/report.h\": $UP"
planted "the store includes a console file" "$SF" '#include "../tui/zz_private.h"' \
	"@: includes \"../tui/zz_private.h\", which brings in <curses.h>: $CUR" \
	"@: includes \"../tui/zz_private.h\": $UP"
planted "a public store header includes report" "$SH" '#include "plancon/report.h"' \
	"@: includes \"plancon/report.h\": $UP"
planted "the store reaching the cli through another header" "$SF" '#include "plancon/zz_neutral.h"' \
	"@: includes \"plancon/zz_neutral.h\", which brings in \"include/plancon/cli.h\": $UP"
planted "auth.c includes the store" src/auth.c '#include "plancon/store_tasks.h"' \
	"@: includes \"plancon/store_tasks.h\": $AST"
planted "auth.c includes the store's private header" src/auth.c '#include "store/zz_private.h"' \
	"@: includes \"store/zz_private.h\", which brings in <sqlite3.h>: $SQL" \
	"@: includes \"store/zz_private.h\": $AST"
planted "auth.c includes config" src/auth.c '#include "plancon/config.h"' \
	"@: includes \"plancon/config.h\": $ACF"
planted "auth.c reaching store and config through another header" src/auth.c '#include "plancon/zz_both.h"' \
	"@: includes \"plancon/zz_both.h\", which brings in \"include/plancon/store.h\": $AST" \
	"@: includes \"plancon/zz_both.h\", which brings in \"include/plancon/config.h\": $ACF"
planted "auth.h includes the store" include/plancon/auth.h '#include "plancon/store.h"' \
	"@: includes \"plancon/store.h\": $AST"
planted "cycle.c includes the store" src/cycle.c '#include "plancon/store.h"' \
	"@: includes \"plancon/store.h\": $CYP"
planted "cycle.c includes config" src/cycle.c '#include "plancon/config.h"' \
	"@: includes \"plancon/config.h\": $CYP"
planted "cycle.h includes the session" include/plancon/cycle.h '#include "plancon/session.h"' \
	"@: includes \"plancon/session.h\": $CYP"
planted "cycle.c reaching config through another header" src/cycle.c '#include "plancon/zz_both.h"' \
	"@: includes \"plancon/zz_both.h\", which brings in \"include/plancon/config.h\": $CYP"

# ---- the allow list ---------------------------------------------------------
printf '%s\n' '#include <sqlite3.h>' >>"$C/src/cli.c"
at="src/cli.c:$(wc -l <"$C/src/cli.c" | tr -d ' ')"
printf '# known\nsrc/cli.c sqlite  # the cli still opens the database itself\n' >"$T/ok.allow"
out=$(sh "$LAYERS" --allow "$T/ok.allow" "$C" 2>&1)
rc=$?
t_eq "an allow-listed include is reported, not failed" "0
$at: includes <sqlite3.h> [sqlite] (allowed, to be removed: the cli still opens the database itself)
layers: $nfiles files, 0 violation(s), 1 allowed" "$rc
$out"

printf 'src/cli.c sqlite  # ok\nsrc/text.c curses # fixed long ago\n' >"$T/stale.allow"
out=$(sh "$LAYERS" --allow "$T/stale.allow" "$C" 2>&1)
rc=$?
t_eq "an allow-list line that matches nothing fails" "1
$T/stale.allow:2: \"src/text.c curses\" no longer occurs: remove the line" \
	"$rc
$(printf '%s\n' "$out" | grep stale.allow)"

printf 'src/cli.c sqlite\n' >"$T/noreason.allow"
out=$(sh "$LAYERS" --allow "$T/noreason.allow" "$C" 2>&1)
rc=$?
t_eq "an allow-list line without a reason fails" "1
$T/noreason.allow:1: no reason given (path rule # why)" "$rc
$(printf '%s\n' "$out" | grep noreason.allow)"

printf 'src/cli.c sql  # a rule that does not exist\n' >"$T/typo.allow"
out=$(sh "$LAYERS" --allow "$T/typo.allow" "$C" 2>&1)
rc=$?
t_match "an allow-list line with an unknown rule fails" \
	"^1 .*typo.allow:1: not \"path rule # why\" with a rule of: sqlite iniparser curses store-up auth-store auth-config cycle-pure" \
	"$rc $out"

t_end
