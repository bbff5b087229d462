# zhifa: `make` builds bin/zhifa and the web app; `make test` runs every test;
# `make demo` builds and serves a demo county. Dependencies install themselves
# (scripts/deps.sh) on a fresh Debian machine.

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wno-missing-field-initializers -Wvla -Wformat=2
# pango/cairo/glib headers are system headers (-isystem): their warnings are not ours.
PANGO_CFLAGS := $(shell pkg-config --cflags pangocairo 2>/dev/null | sed 's/-I/-isystem /g')
PANGO_LIBS   := $(shell pkg-config --libs pangocairo 2>/dev/null)
# gdk-pixbuf: thumbnails of image evidence (docs/evidence.md §2)
PIXBUF_CFLAGS := $(shell pkg-config --cflags gdk-pixbuf-2.0 2>/dev/null | sed 's/-I/-isystem /g')
PIXBUF_LIBS   := $(shell pkg-config --libs gdk-pixbuf-2.0 2>/dev/null)
INC     := -Isrc -Ibuild/gen -I/usr/include/postgresql $(PANGO_CFLAGS) $(PIXBUF_CFLAGS)
PRE     := -include src/core/prelude.h
LIBS    := -lmicrohttpd -ljansson -lsqlite3 -lpq -lcrypto -lcsv -lxlsxwriter -lmagic -lzip $(PANGO_LIBS) $(PIXBUF_LIBS) -lpthread -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC     := $(sort $(wildcard src/*/*.c))
MAIN    := src/main.c
GEN     := build/gen/migrations.c build/gen/docs.c build/gen/calendar.c build/gen/catalog.c build/gen/discretion.c
MIGS    := $(sort $(wildcard migrations/*.sql))
DOCS    := docs/openapi.yaml
CALS    := $(sort $(wildcard data/calendar/*.txt))
CATS    := $(sort $(wildcard data/catalog/*.csv))
DISC    := $(sort $(wildcard data/discretion/*.json))
TSRC    := $(sort $(wildcard tests/unit/*.c))
# libFuzzer targets (clang only): each tests/fuzz/fuzz_X.c becomes build/fuzz/fuzz_X and
# `make fuzz` runs each for FUZZ_SECONDS from its seeds in tests/fuzz/corpus/fuzz_X/.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FSRC    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZERS := $(FSRC:tests/fuzz/%.c=build/fuzz/%)
FOBJ    := $(SRC:%.c=build/fuzz/obj/%.o) $(GEN:build/gen/%.c=build/fuzz/obj/gen/%.o)

OBJ     := $(SRC:%.c=build/obj/%.o) $(GEN:build/gen/%.c=build/obj/gen/%.o)
AOBJ    := $(SRC:%.c=build/asan/%.o) $(GEN:build/gen/%.c=build/asan/gen/%.o)
TOBJ    := $(TSRC:%.c=build/obj/%.o)
ATOBJ   := $(TSRC:%.c=build/asan/%.o)

.PHONY: all deps test unit lint demo bench fuzz fuzz-targets web clean
all: bin/zhifa web

deps:
	@sh scripts/deps.sh

bin/zhifa: build/obj/src/main.o $(OBJ)
	@mkdir -p bin
	@echo "  LD    $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/test-unit: $(TOBJ) $(OBJ)
	@echo "  LD    $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/test-unit-asan: $(ATOBJ) $(AOBJ) build/asan/gen/lsan_supp.o
	@echo "  LD    $@ (asan)"
	@$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LIBS)

# tests/lsan.supp compiled in as LeakSanitizer's default suppressions
build/gen/lsan_supp.c: tests/lsan.supp Makefile
	@mkdir -p build/gen
	@{ echo 'const char *__lsan_default_suppressions(void);'; \
	  echo 'const char *__lsan_default_suppressions(void) { return ""'; \
	  sed -n 's/^\(leak:[^ ]*\)$$/"\1\\n"/p' tests/lsan.supp; echo '; }'; } >$@

build/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) $(WARN) $(INC) $(PRE) -MMD -MP -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $< (asan)"
	@$(CC) $(CFLAGS) $(SAN) $(WARN) $(INC) $(PRE) -MMD -MP -c -o $@ $<

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $< (fuzz)"
	@$(FUZZ_CC) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(WARN) $(INC) $(PRE) -MMD -MP -c -o $@ $<

build/fuzz/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -std=c11 $(INC) -c -o $@ $<

.SECONDARY: $(FOBJ) $(FSRC:%.c=build/fuzz/obj/%.o)
build/fuzz/fuzz_%: build/fuzz/obj/tests/fuzz/fuzz_%.o $(FOBJ)
	$(FUZZ_CC) -g $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LIBS)

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) -std=c11 $(INC) -c -o $@ $<

build/asan/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $< (asan)"
	@$(CC) $(CFLAGS) $(SAN) -std=c11 $(INC) -c -o $@ $<

build/gen/migrations.c: $(MIGS) scripts/embed.sh
	@mkdir -p build/gen
	sh scripts/embed.sh $@ embedded_migrations $(MIGS)

build/gen/calendar.c: $(CALS) scripts/embed.sh
	@mkdir -p build/gen
	sh scripts/embed.sh $@ embedded_calendar $(CALS)

build/gen/catalog.c: $(CATS) scripts/embed.sh
	@mkdir -p build/gen
	sh scripts/embed.sh $@ embedded_catalog $(CATS)

build/gen/discretion.c: $(DISC) scripts/embed.sh
	@mkdir -p build/gen
	sh scripts/embed.sh $@ embedded_discretion $(DISC)

build/gen/docs.c: $(DOCS) scripts/embed.sh
	@mkdir -p build/gen
	sh scripts/embed.sh $@ embedded_docs $(DOCS)

web: web/dist/index.html
web/dist/index.html: $(shell find web/src web/index.html web/package.json web/vite.config.js -type f 2>/dev/null)
	cd web && npm run --silent build

unit: build/test-unit build/test-unit-asan

fuzz-targets: $(FUZZERS)

# Each target runs FUZZ_SECONDS; new inputs go to build/fuzz/corpus (the committed seeds
# stay as they are), findings to build/fuzz/artifacts/.
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-targets
	@for f in $(FUZZERS); do \
		t=$$(basename $$f); \
		mkdir -p build/fuzz/corpus/$$t build/fuzz/artifacts; \
		echo "fuzz: $$t for $(FUZZ_SECONDS)s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 -print_final_stats=1 \
			-dict=tests/fuzz/$$t.dict -artifact_prefix=build/fuzz/artifacts/$$t- \
			build/fuzz/corpus/$$t tests/fuzz/corpus/$$t || exit 1; \
	done

test: deps
	@$(MAKE) --no-print-directory all unit
	@sh tests/run.sh

lint:
	@sh scripts/lint.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh

bench: deps
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh

clean:
	rm -rf build bin web/dist

-include $(OBJ:.o=.d) $(AOBJ:.o=.d) $(TOBJ:.o=.d) $(ATOBJ:.o=.d) build/obj/src/main.d $(FOBJ:.o=.d) \
	$(FSRC:%.c=build/fuzz/obj/%.d)
