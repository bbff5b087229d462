# zhifa: `make` builds bin/zhifa and the web app; `make test` runs every test;
# `make demo` builds and serves a demo county. Dependencies install themselves
# (scripts/deps.sh) on a fresh Debian machine.

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wno-missing-field-initializers -Wvla -Wformat=2
INC     := -Isrc -Ibuild/gen -I/usr/include/postgresql
PRE     := -include src/core/prelude.h
LIBS    := -lmicrohttpd -ljansson -lsqlite3 -lpq -lcrypto -lcsv -lmagic -lzip -lpthread -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC     := $(sort $(wildcard src/*/*.c))
MAIN    := src/main.c
GEN     := build/gen/migrations.c build/gen/docs.c build/gen/calendar.c
MIGS    := $(sort $(wildcard migrations/*.sql))
DOCS    := docs/openapi.yaml
CALS    := $(sort $(wildcard data/calendar/*.txt))
TSRC    := $(sort $(wildcard tests/unit/*.c))

OBJ     := $(SRC:%.c=build/obj/%.o) $(GEN:build/gen/%.c=build/obj/gen/%.o)
AOBJ    := $(SRC:%.c=build/asan/%.o) $(GEN:build/gen/%.c=build/asan/gen/%.o)
TOBJ    := $(TSRC:%.c=build/obj/%.o)
ATOBJ   := $(TSRC:%.c=build/asan/%.o)

.PHONY: all deps test unit lint demo bench fuzz web clean
all: bin/zhifa web

deps:
	@sh scripts/deps.sh

bin/zhifa: build/obj/src/main.o $(OBJ)
	@mkdir -p bin
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/test-unit: $(TOBJ) $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/test-unit-asan: $(ATOBJ) $(AOBJ)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LIBS)

build/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) $(WARN) $(INC) $(PRE) -MMD -MP -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $< (asan)"
	@$(CC) $(CFLAGS) $(SAN) $(WARN) $(INC) $(PRE) -MMD -MP -c -o $@ $<

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -std=c11 $(INC) -c -o $@ $<

build/asan/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -std=c11 $(INC) -c -o $@ $<

build/gen/migrations.c: $(MIGS) scripts/embed.sh
	@mkdir -p build/gen
	sh scripts/embed.sh $@ embedded_migrations $(MIGS)

build/gen/calendar.c: $(CALS) scripts/embed.sh
	@mkdir -p build/gen
	sh scripts/embed.sh $@ embedded_calendar $(CALS)

build/gen/docs.c: $(DOCS) scripts/embed.sh
	@mkdir -p build/gen
	sh scripts/embed.sh $@ embedded_docs $(DOCS)

web: web/dist/index.html
web/dist/index.html: $(shell find web/src web/index.html web/package.json web/vite.config.js -type f 2>/dev/null)
	cd web && npm run --silent build

unit: build/test-unit build/test-unit-asan

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

-include $(OBJ:.o=.d) $(AOBJ:.o=.d) $(TOBJ:.o=.d) $(ATOBJ:.o=.d) build/obj/src/main.d
