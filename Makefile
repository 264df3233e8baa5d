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

WARN      := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE $(WARN) $(EXTRA_CFLAGS) $(CFLAGS) \
             -Iinclude -I$(BUILD) $(NCURSES_CFLAGS) $(SQLITE_CFLAGS) $(INIPARSER_CFLAGS) \
             -DPLANCON_VERSION='"$(VERSION)"' -DPLANCON_LOCALEDIR='"$(LOCALEDIR)"' -MMD -MP
LDLIBS    = $(NCURSES_LIBS) $(SQLITE_LIBS) $(INIPARSER_LIBS) $(EXTRA_LIBS)

# BUILD is the object directory; `make check` uses its own so that -Werror
# and the sanitizer build never mix objects with the normal one.
BUILD     ?= build

SRCS      := $(wildcard src/*.c src/tui/*.c)
OBJS      := $(SRCS:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
LIB_OBJS  := $(filter-out $(BUILD)/src/main.o,$(OBJS))
EMBED_IN  := db/schema.sql $(sort $(wildcard db/migrations/*.sql)) $(wildcard db/plan/*.json)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps run check check-build test asan bench lint fuzz install uninstall clean

all: plancon

plancon: $(BUILD)/plancon
	@cp $< $@

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

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS) $(CMOCKA_LIBS)

deps:
	@sh tests/lib/deps.sh

run: deps all
	./plancon

# Unit tests, CLI tests and console tests, warnings as errors; then the
# unit and CLI tests again under AddressSanitizer + UBSan.
check: deps
	@$(MAKE) --no-print-directory check-build BUILD=build/check EXTRA_CFLAGS=-Werror
	@PLANCON=$(CURDIR)/build/check/plancon UNIT_DIR=$(CURDIR)/build/check/tests sh tests/run.sh

check-build: $(BUILD)/plancon $(UNIT_BINS)

test: check

asan:
	@$(MAKE) --no-print-directory check-build BUILD=build/asan \
		EXTRA_CFLAGS="-Werror -fsanitize=address,undefined -fno-omit-frame-pointer" \
		EXTRA_LIBS="-fsanitize=address,undefined"

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5 \
		$(DESTDIR)$(MANPREFIX)/man7 $(DESTDIR)$(DATADIR)
	install -m 755 plancon $(DESTDIR)$(BINDIR)/plancon
	for m in man/*.1; do install -m 644 $$m $(DESTDIR)$(MANPREFIX)/man1/; done
	for m in man/*.5; do install -m 644 $$m $(DESTDIR)$(MANPREFIX)/man5/; done
	for m in man/*.7; do [ -e "$$m" ] && install -m 644 $$m $(DESTDIR)$(MANPREFIX)/man7/ || true; done
	install -m 644 db/plan/*.json $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/plancon
	for m in man/*.1; do rm -f $(DESTDIR)$(MANPREFIX)/man1/$${m#man/}; done
	for m in man/*.5; do rm -f $(DESTDIR)$(MANPREFIX)/man5/$${m#man/}; done
	for m in man/*.7; do rm -f $(DESTDIR)$(MANPREFIX)/man7/$${m#man/}; done
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build plancon

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
