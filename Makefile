# plancon — a terminal planning console.  Plain make; see README.md.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/plancon
LOCALEDIR ?= $(PREFIX)/share/locale
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
DESTDIR   ?=

CC        ?= cc
PKG_CONFIG ?= pkg-config
VERSION   := 0.1.0

NCURSES_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null))
NCURSES_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw -ltinfo)
SQLITE_CFLAGS  := $(shell $(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
SQLITE_LIBS    := $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)
# iniparser 4.1 in Debian ships no .pc file.
INIPARSER_CFLAGS ?= -I/usr/include/iniparser
INIPARSER_LIBS   ?= -liniparser
CMOCKA_LIBS    := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
XLSXWRITER_LIBS := $(shell $(PKG_CONFIG) --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter -lz)

WARN      := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE $(WARN) $(EXTRA_CFLAGS) $(CFLAGS) \
             -Iinclude -I$(BUILD) $(NCURSES_CFLAGS) $(SQLITE_CFLAGS) $(INIPARSER_CFLAGS) \
             -DPLANCON_VERSION='"$(VERSION)"' -DPLANCON_LOCALEDIR='"$(LOCALEDIR)"' -MMD -MP
LDLIBS    = $(NCURSES_LIBS) $(SQLITE_LIBS) $(INIPARSER_LIBS) $(XLSXWRITER_LIBS) $(EXTRA_LIBS)

# BUILD is the object directory; `make check` uses its own so that -Werror
# and the sanitizer build never mix objects with the normal one.
BUILD     ?= build

SRCS      := $(wildcard src/*.c src/store/*.c src/tui/*.c)
OBJS      := $(SRCS:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
LIB_OBJS  := $(filter-out $(BUILD)/src/main.o,$(OBJS))
EMBED_IN  := db/schema.sql $(sort $(wildcard db/migrations/*.sql)) $(wildcard db/plan/*.json)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
# The benchmark's data generator (tests/bench/gen) is test code: it links
# into the benchmark and the unit tests that use it, never into plancon.
GEN_OBJS  := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/bench/gen/*.c))
BENCH_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard tests/bench/*.c)) $(GEN_OBJS)
GEN_USERS := $(BUILD)/tests/test_report
BENCH_SIZES ?= 1000,100000,1000000
# Message catalogs: po/LANG.po -> $(BUILD)/locale/LANG/LC_MESSAGES/plancon.mo
# (a plancon run from the build tree finds them there).
PO_LANGS  := $(basename $(notdir $(wildcard po/*.po)))
MOS       := $(PO_LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/plancon.mo)
POT_SRCS  := $(sort $(SRCS) $(wildcard include/plancon/*.h))
XGETTEXT_FLAGS := --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1c,2 --keyword=NP_:1c,2 \
             --add-comments=TRANSLATORS: --add-location=file --package-name=plancon \
             --package-version=$(VERSION) --msgid-bugs-address=

.PHONY: all deps run check check-build layers test asan asan-build bench lint lint-tidy fuzz fuzz-build install uninstall clean pot FORCE

all: plancon $(MOS)

plancon: $(BUILD)/plancon
	@cp $< $@.tmp && mv -f $@.tmp $@   # a new file: ./plancon may be running

$(BUILD)/plancon: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The SQL and the bundled plan are compiled into the binary.
$(BUILD)/embedded.c: $(EMBED_IN) tests/lib/embed.sh
	@mkdir -p $(BUILD)
	sh tests/lib/embed.sh $(EMBED_IN) > $@.tmp && mv $@.tmp $@

$(BUILD)/embedded.o: $(BUILD)/embedded.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# i18n.o has LOCALEDIR compiled in: rebuild it when LOCALEDIR changes
# (make; make install PREFIX=/usr).
$(BUILD)/localedir: FORCE
	@mkdir -p $(BUILD)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@
$(BUILD)/src/i18n.o: $(BUILD)/localedir
FORCE:

$(BUILD)/locale/%/LC_MESSAGES/plancon.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Collect the marked strings into po/plancon.pot and merge them into each
# po/LANG.po (new strings arrive untranslated: tests/cli/i18n.sh fails until
# they are translated).
pot:
	xgettext $(XGETTEXT_FLAGS) -o po/plancon.pot $(POT_SRCS)
	for po in po/*.po; do [ ! -e "$$po" ] || msgmerge --quiet --update --backup=none --no-fuzzy-matching \
		"$$po" po/plancon.pot || exit 1; done

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(filter %.o,$^) $(LDLIBS) $(CMOCKA_LIBS)

# The generator reads and writes the store's tables directly.
$(GEN_OBJS): ALL_CFLAGS += -Isrc/store
# The test of the store's SQL fragments reads its private header.
$(BUILD)/tests/test_store_rules: ALL_CFLAGS += -Isrc/store
$(GEN_USERS): $(GEN_OBJS)

# The benchmark program (tests/bench), linked with the project's objects.
$(BUILD)/bench/plancon-bench: $(BENCH_OBJS) $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(BENCH_OBJS) $(LIB_OBJS) $(LDLIBS) -lutil

# One line per figure at each of BENCH_SIZES tasks (see BENCHMARKS.md); the
# databases are made once and kept in build/bench.
bench: $(BUILD)/plancon $(BUILD)/bench/plancon-bench
	$(BUILD)/bench/plancon-bench run --plancon $(BUILD)/plancon --dir build/bench --sizes $(BENCH_SIZES) $(BENCH_ARGS)

deps:
	@sh tests/lib/deps.sh

run: deps all
	./plancon

# The build with warnings as errors and the layering check (make layers);
# then unit tests, CLI tests and console tests, and the unit and CLI tests
# again on the AddressSanitizer + UBSan build (make asan), and the console
# tests once more under valgrind memcheck. tests/run.sh fails the suite
# that caused any sanitizer or valgrind report.
check: deps
	@$(MAKE) --no-print-directory check-build BUILD=build/check EXTRA_CFLAGS=-Werror
	@$(MAKE) --no-print-directory layers BUILD=build/check
	@$(MAKE) --no-print-directory asan
	@PLANCON=$(CURDIR)/build/check/plancon UNIT_DIR=$(CURDIR)/build/check/tests \
		ASAN_PLANCON=$(CURDIR)/build/asan/plancon ASAN_UNIT_DIR=$(CURDIR)/build/asan/tests \
		sh tests/run.sh

check-build: $(BUILD)/plancon $(UNIT_BINS) $(MOS) $(BUILD)/bench/plancon-bench

# Which file may include which header (CONTRIBUTING.md, the rules in
# tests/lib/layers.sh, the known exceptions in tests/lib/layers.allow), and,
# once plancon is built, that it links no test code.
layers:
	@sh tests/lib/layers.sh
	@[ ! -f $(BUILD)/plancon ] || sh tests/lib/layers.sh --binary $(BUILD)/plancon

test: check

# The sanitizer build: plancon, the unit tests and the catalogs (what the
# second pass of make check runs), in build/asan.
asan:
	@$(MAKE) --no-print-directory asan-build BUILD=build/asan \
		EXTRA_CFLAGS="-Werror -fsanitize=address,undefined -fno-omit-frame-pointer" \
		EXTRA_LIBS="-fsanitize=address,undefined"

asan-build: $(BUILD)/plancon $(UNIT_BINS) $(MOS)

# libFuzzer harnesses (tests/fuzz/fuzz_NAME.c), built with clang into
# build/fuzz and run FUZZ_SECONDS each from the seeds in
# tests/fuzz/corpus/NAME; what they add goes to build/fuzz/corpus/NAME, a
# crashing input to build/fuzz/crashes/. `make fuzz FUZZ=text` runs one.
FUZZ_SECONDS ?= 60
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ       ?= $(FUZZ_NAMES)
FUZZ_CFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

fuzz-build: $(FUZZ:%=$(BUILD)/fuzz_%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_OBJS) $(LDLIBS)

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build BUILD=build/fuzz CC=clang FUZZ="$(FUZZ)" \
		EXTRA_CFLAGS="$(FUZZ_CFLAGS)" EXTRA_LIBS="-fsanitize=address,undefined"
	@set -e; for n in $(FUZZ); do \
		echo "== fuzz $$n: $(FUZZ_SECONDS) s"; \
		mkdir -p build/fuzz/corpus/$$n build/fuzz/crashes; \
		dict=; [ ! -f tests/fuzz/$$n.dict ] || dict=-dict=tests/fuzz/$$n.dict; \
		rc=0; build/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=2048 \
			-print_final_stats=1 $$dict -artifact_prefix=build/fuzz/crashes/$$n- \
			build/fuzz/corpus/$$n tests/fuzz/corpus/$$n >build/fuzz/$$n.log 2>&1 || rc=$$?; \
		grep -E '^(INFO: seed corpus|Done|stat::(number_of_executed_units|new_units_added|peak_rss_mb))' \
			build/fuzz/$$n.log || true; \
		[ $$rc -eq 0 ] || { grep -v '^#[0-9]' build/fuzz/$$n.log | tail -n 60; \
			echo "fuzz $$n: failed (exit $$rc); see build/fuzz/$$n.log"; exit 1; }; \
	done

# Static analysis of src/: cppcheck, then clang-tidy (checks and the reason
# for each exclusion in .clang-tidy) file by file, so `make -j2 lint` runs
# two at a time and a second run redoes only what changed.
# cppcheck: getpwuid/getpwnam are flagged as not reentrant; plancon is
# single-threaded, so those two are suppressed.
LINT_DEFS   = -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DPLANCON_VERSION='"$(VERSION)"' \
	-DPLANCON_LOCALEDIR='"$(LOCALEDIR)"'
LINT_CFLAGS = -std=c11 $(LINT_DEFS) -Iinclude $(INIPARSER_CFLAGS) $(NCURSES_CFLAGS) $(SQLITE_CFLAGS)
LINT_DEPS  := .clang-tidy $(wildcard include/plancon/*.h src/*.h src/store/*.h src/tui/*.h)

lint: deps
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance --inline-suppr \
		--std=c11 --library=posix --suppress=getpwuidCalled --suppress=getpwnamCalled \
		$(LINT_DEFS) -Iinclude $(SRCS)
	@$(MAKE) --no-print-directory lint-tidy

lint-tidy: $(SRCS:%.c=build/lint/%.tidy)

build/lint/%.tidy: %.c $(LINT_DEPS)
	@mkdir -p $(dir $@)
	clang-tidy --quiet $< -- $(LINT_CFLAGS)
	@touch $@

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5 \
		$(DESTDIR)$(MANPREFIX)/man7 $(DESTDIR)$(DATADIR)
	install -m 755 plancon $(DESTDIR)$(BINDIR)/plancon
	for m in man/*.1; do install -m 644 $$m $(DESTDIR)$(MANPREFIX)/man1/; done
	for m in man/*.5; do install -m 644 $$m $(DESTDIR)$(MANPREFIX)/man5/; done
	for m in man/*.7; do [ -e "$$m" ] && install -m 644 $$m $(DESTDIR)$(MANPREFIX)/man7/ || true; done
	install -m 644 db/plan/*.json $(DESTDIR)$(DATADIR)/
	$(foreach l,$(PO_LANGS),install -d $(DESTDIR)$(LOCALEDIR)/$(l)/LC_MESSAGES && \
		install -m 644 $(BUILD)/locale/$(l)/LC_MESSAGES/plancon.mo $(DESTDIR)$(LOCALEDIR)/$(l)/LC_MESSAGES/;)
	install -d $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 completion/plancon.bash $(DESTDIR)$(BASHCOMPDIR)/plancon

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/plancon
	for m in man/*.1; do rm -f $(DESTDIR)$(MANPREFIX)/man1/$${m#man/}; done
	for m in man/*.5; do rm -f $(DESTDIR)$(MANPREFIX)/man5/$${m#man/}; done
	for m in man/*.7; do rm -f $(DESTDIR)$(MANPREFIX)/man7/$${m#man/}; done
	rm -rf $(DESTDIR)$(DATADIR)
	$(foreach l,$(PO_LANGS),rm -f $(DESTDIR)$(LOCALEDIR)/$(l)/LC_MESSAGES/plancon.mo;)
	rm -f $(DESTDIR)$(BASHCOMPDIR)/plancon

clean:
	rm -rf build plancon

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
