# Orden: the front door. `make` builds build/orden; `make run` and
# `make check` also install what is missing (scripts/deps.sh).
#
#   make            release build (-O2) in build/
#   make run        deps, build, demo database in ./orden-data, serve :8080
#   make check      deps, ASan+UBSan build in build/asan, every suite
#   make clang      the same sources with clang, warnings as errors
#   make fuzz       libFuzzer harnesses (clang, ASan+UBSan) in build/fuzz/,
#                   each run FUZZ_SECONDS (60) over tests/fuzz/corpus/
#   make valgrind   every unit test under valgrind memcheck (build/valgrind)
#   make bench      the benchmark (bench/README.md); writes bench/RESULTS.md
#   make CC=clang   any target with clang

CC	?= cc
B	?= build
PKGS	 = libmicrohttpd sqlite3 libpq jansson libsodium libcurl cjose liboath libqrencode \
	   xlsxwriter pangocairo cairo-pdf libical libxml-2.0
TESTPKGS = cmocka libcurl
OPT	?= -O2 -g
SAN	?=

WARN	 = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Wformat=2 -Wno-format-nonliteral -Wvla
CPPFLAGS = -D_GNU_SOURCE -Isrc -I$(B)/gen \
	   -DORDEN_STATIC_DIR='"$(CURDIR)/static"' \
	   -DORDEN_LOCALE_DIR='"$(abspath $(B))/locale"' \
	   -DORDEN_LOCALEDATA_DIR='"$(abspath $(B))/localedata"'
CFLAGS	 = -std=c17 $(OPT) $(WARN) $(SAN) -fno-omit-frame-pointer -pthread \
	   $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS	 = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -pthread -lm
TESTLIBS = $(shell pkg-config --libs $(TESTPKGS) 2>/dev/null)

SRC	 = $(shell find src -name '*.c' | sort)
LIBSRC	 = $(filter-out src/main.c,$(SRC))
GEN	 = $(B)/gen/migrations_sqlite.c $(B)/gen/migrations_pg.c \
	   $(B)/gen/noark_schemas.c
OBJ	 = $(LIBSRC:%.c=$(B)/obj/%.o) $(B)/obj/gen/migrations_sqlite.o \
	   $(B)/obj/gen/migrations_pg.o $(B)/obj/gen/noark_schemas.o
HDR	 = $(shell find src -name '*.h')
UNIT	 = $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
HTTPT	 = $(patsubst tests/http/%.c,$(B)/tests/%,$(wildcard tests/http/test_*.c))
HTTPLIB	 = $(filter-out tests/http/test_%.c,$(wildcard tests/http/*.c))
# Compiled once, not again for each of the fifty HTTP suites.
HTTPOBJ	 = $(HTTPLIB:%.c=$(B)/obj/%.o)
LANGS	 = nb nn en
MO	 = $(foreach l,$(LANGS),$(if $(wildcard po/$(l).po),$(B)/locale/$(l)/LC_MESSAGES/orden.mo))
LOCALES	 = nb_NO nn_NO en_US
LOCDATA	 = $(foreach l,$(LOCALES),$(B)/localedata/$(l).UTF-8/LC_MESSAGES)

# Quiet by default: one line per file. `make V=1` shows whole commands.
ifeq ($(V),1)
Q =
say = @true
else
Q = @
say = @printf '  %-6s %s\n'
endif

.PHONY: all run check clang deps test-deps clean pot fuzz fuzz-build bench \
	valgrind valgrind-build bench-build FORCE
all: $(B)/orden $(MO) $(LOCDATA)

$(B)/orden: $(B)/obj/src/main.o $(B)/liborden.a
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# Tests link against the archive so each pulls in only what it uses.
$(B)/liborden.a: $(OBJ)
	$(say) AR $@
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(B)/obj/%.o: %.c $(HDR) | $(GEN)
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# TESTING=1 makes a test build: util/testbuild.c alone gets -DORDEN_TESTING
# and then honours ORDEN_TEST_FAST_HASH and ORDEN_CLOCK_OFFSET (testbuild.h).
# make check, tests/one.sh and scripts/valgrind.sh set it; `make`, `make run`
# and `make clang` do not. The stamp rebuilds that object when a tree is
# built the other way.
TESTING ?=
$(B)/obj/src/util/testbuild.o: CPPFLAGS += $(if $(TESTING),-DORDEN_TESTING)
$(B)/obj/src/util/testbuild.o: $(B)/gen/testing.stamp
$(B)/gen/testing.stamp: FORCE
	@mkdir -p $(dir $@)
	@echo '$(TESTING)' | cmp -s - $@ || echo '$(TESTING)' > $@
FORCE:

$(B)/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/gen/migrations_sqlite.c: $(sort $(wildcard src/store/migrations/sqlite/*.sql)) scripts/embed.sh
	@mkdir -p $(dir $@)
	$(say) GEN $@
	$(Q)sh scripts/embed.sh migrations_sqlite $(filter %.sql,$^) > $@.tmp && mv $@.tmp $@

$(B)/gen/migrations_pg.c: $(sort $(wildcard src/store/migrations/pg/*.sql)) scripts/embed.sh
	@mkdir -p $(dir $@)
	$(say) GEN $@
	$(Q)sh scripts/embed.sh migrations_pg $(filter %.sql,$^) > $@.tmp && mv $@.tmp $@

# Arkivverket's schemas, written into every Noark 5 extract (src/noark/).
$(B)/gen/noark_schemas.c: $(sort $(wildcard src/noark/schemas/*.xsd)) scripts/embed.sh
	@mkdir -p $(dir $@)
	$(say) GEN $@
	$(Q)EMBED_FIELD=text sh scripts/embed.sh noark_schemas $(filter %.xsd,$^) > $@.tmp && mv $@.tmp $@

$(B)/locale/%/LC_MESSAGES/orden.mo: po/%.po
	@mkdir -p $(dir $@)
	$(say) MSGFMT $<
	$(Q)msgfmt --check -o $@ $<

# Locale definitions built here (no root needed) so the UI language never
# depends on which locales the machine happens to have generated.
$(B)/localedata/%.UTF-8/LC_MESSAGES:
	@mkdir -p $(B)/localedata
	$(say) LOCALE $*
	$(Q)localedef -c -i $* -f UTF-8 $(B)/localedata/$*.UTF-8 || test -d $@

$(B)/tests/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(B)/liborden.a
	@mkdir -p $(dir $@)
	$(say) TEST $@
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $(filter %.c %.a,$^) $(LDLIBS) $(TESTLIBS)

$(HTTPOBJ): $(wildcard tests/http/*.h)

$(B)/tests/test_%: tests/http/test_%.c $(HTTPOBJ) $(wildcard tests/http/*.h) $(B)/liborden.a
	@mkdir -p $(dir $@)
	$(say) TEST $@
	$(Q)$(CC) $(CPPFLAGS) -Itests/http $(CFLAGS) -o $@ $(filter %.c %.o %.a,$^) $(LDLIBS) $(TESTLIBS)

run: deps
	$(MAKE) all
	sh scripts/run-demo.sh $(B)/orden $(PORT)

check: test-deps
	$(MAKE) -j$(shell nproc) B=build/asan TESTING=1 OPT='-O1 -g' SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' \
		all tests
	sh tests/run.sh build/asan

tests: $(UNIT) $(HTTPT)

clang:
	$(MAKE) B=build/clang CC=clang all tests

# Fuzzing (clang libFuzzer). The library is built with fuzzer-no-link in its
# own tree; each harness links libFuzzer's main. New inputs go to a scratch
# corpus in build/fuzz/, crashes to build/fuzz/crash-*; the committed seeds
# in tests/fuzz/corpus/<name>/ are only read.
FUZZ		 = urlencoded cookie multipart fields_json csv html receipt imgstrip
FUZZ_SECONDS	?= 60
FUZZSAN		 = -fsanitize=fuzzer-no-link,address,undefined
FUZZBIN		 = $(FUZZ:%=$(B)/fuzz_%)

fuzz-build: $(FUZZBIN)

$(B)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(B)/liborden.a
	$(say) FUZZ $@
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(B)/liborden.a $(LDLIBS)

fuzz:
	$(MAKE) B=build/fuzz CC=clang OPT='-O1 -g' SAN='$(FUZZSAN)' fuzz-build
	@set -e; for n in $(FUZZ); do \
		mkdir -p build/fuzz/corpus/$$n; \
		echo "fuzz_$$n: $(FUZZ_SECONDS) s"; \
		build/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		    -print_final_stats=1 -artifact_prefix=build/fuzz/crash-$$n- \
		    build/fuzz/corpus/$$n tests/fuzz/corpus/$$n; \
	done

deps:
	sh scripts/deps.sh run
test-deps:
	sh scripts/deps.sh test

pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -o po/orden.pot $(SRC)

clean:
	rm -rf build

# --- benchmark ---
# Not part of `make check`. `make valgrind`: every unit test under valgrind
# memcheck, built without sanitizers in build/valgrind (scripts/valgrind.sh,
# TAP). `make bench`: the benchmark of bench/README.md, writing
# bench/RESULTS.md (BENCH_QUICK=1 for a small run of a few minutes).
valgrind:
	sh scripts/valgrind.sh

valgrind-build: all $(UNIT)

BENCHBIN = $(B)/bench/gen $(B)/bench/sqlite_ref

bench-build: all $(BENCHBIN)

$(B)/bench/%: bench/%.c $(wildcard bench/*.h) $(B)/liborden.a
	@mkdir -p $(dir $@)
	$(say) BENCH $@
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $(filter %.c %.a,$^) $(LDLIBS)

bench:
	sh scripts/deps.sh bench
	$(MAKE) B=build/bench bench-build
	sh bench/run.sh build/bench
