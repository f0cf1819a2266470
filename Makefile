# The easy-read kiosk. `make run` builds and starts it on content/; `make check` builds and
# runs every test, twice: a normal build and an AddressSanitizer + UBSan build.
# Both first make sure the Debian packages below are installed (apt-get as root).

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
BUILD ?= build

# What building and running the kiosk needs (make, make run) ...
BUILD_PKGS = build-essential pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev \
	libespeak-ng-dev espeak-ng-data libcmark-dev libinih-dev libfribidi-dev
# ... and what the tests need on top (make check): a kiosk needs no Chromium or Xvfb.
TEST_PKGS = libcmocka-dev xvfb xdotool x11-utils sox imagemagick tidy cppcheck chromium
DEB_PKGS = $(BUILD_PKGS)

CORE_PKGS = libcmark inih fribidi
EDGE_PKGS = sdl2 SDL2_ttf SDL2_image espeak-ng

WARN = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -pedantic \
	-Wno-overlength-strings
OPT ?= -O2 -g
SAN = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# pkg-config runs only after `deps` has installed it, so it is evaluated lazily.
core_cflags = $(shell pkg-config --cflags $(CORE_PKGS) 2>/dev/null)
core_libs = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null)
edge_cflags = $(shell pkg-config --cflags $(EDGE_PKGS) 2>/dev/null)
edge_libs = $(shell pkg-config --libs $(EDGE_PKGS) 2>/dev/null)
cmocka_libs = $(shell pkg-config --libs cmocka 2>/dev/null)

# Core: content model, settings, layout, text rules. Compiled WITHOUT SDL's flags, so an
# SDL include there fails the build (style rule: SDL stays at the edge).
CORE = util diag settings theme nav content bidi layout narrate session usage report scan check glossary export screens words
CORE += contact
CORE += kiosk
# Edge: the modules that draw, play sound and read input.
EDGE = render tts audio speech input monkey watch app tools
EDGE += stopsig
CORE += recording
EDGE += clip
EDGE_PKGS += vorbisfile
BUILD_PKGS += libvorbis-dev
TEST_PKGS += vorbis-tools
EDGE_PKGS += rubberband
BUILD_PKGS += librubberband-dev
CORE_TESTS = test_util test_settings test_theme test_nav test_narrate test_content test_bidi test_layout test_shipped_content test_session test_usage test_report test_scan test_check test_glossary test_export test_words
EDGE_TESTS = test_render test_speech test_watch test_input
EDGE_TESTS += test_pronounce
CORE_TESTS += test_content_spec
CORE += picture
CORE_TESTS += test_picture
# Take it home and call a person (#20): QR codes (core), the help call over HTTP (core),
# the printed handout (edge: cairo PDF, pictures through SDL_image, sent with libcups).
CORE += qr helpcall
EDGE += print printjob takeaway
CORE += share
CORE_PKGS += libqrencode libcurl
EDGE_PKGS += cairo pangocairo fontconfig
BUILD_PKGS += libqrencode-dev libcurl4-openssl-dev libcairo2-dev libcups2-dev libpango1.0-dev
TEST_PKGS += zbar-tools poppler-utils python3 cups cups-client
CORE_TESTS += test_qr test_helpcall
EDGE_TESTS += test_print
# libcups has no pkg-config file on Debian 12: cups-config knows its flags.
edge_libs += $(shell cups-config --libs 2>/dev/null)
# Deployment (#18): site settings and PIN hash, Prometheus metrics, systemd notify.
CORE += site
CORE += metrics
EDGE += service
CORE_PKGS += libcrypt
EDGE_PKGS += libsystemd
BUILD_PKGS += libcrypt-dev
BUILD_PKGS += libsystemd-dev
CORE_TESTS += test_site
CORE_TESTS += test_screens
CORE_TESTS += test_metrics
# make deb needs the Debian tools; the deploy test needs systemd-analyze, promtool, git, logrotate
TEST_PKGS += debhelper systemd prometheus git logrotate
# the kiosk under cage, nested on Xvfb (tests/e2e_cage.sh), and the fake notify socket
TEST_PKGS += cage xwayland rsync python3
CORE += dwell
CORE_TESTS += test_dwell
CORE_TESTS += test_recording
EDGE_TESTS += test_clip
CORE_TESTS += test_contact
CORE_TESTS += test_layout_sweep
CORE_TESTS += test_kiosk

core_objs = $(CORE:%=$(1)/src/%.o)
edge_objs = $(EDGE:%=$(1)/src/%.o)

.PHONY: all run check check-unit test deps deps-test clean install uninstall format cppcheck screenshots frames monkey deb
.DEFAULT_GOAL := all

all: deps kiosk

# $(BUILD)/.deps-ok lists the packages already found installed, so a plain `make` asks dpkg
# nothing when the list has not grown.
deps:
	@ok=" $$(cat $(BUILD)/.deps-ok 2>/dev/null) "; todo=""; for p in $(DEB_PKGS); do \
	  case "$$ok" in *" $$p "*) ;; *) todo="$$todo $$p";; esac; \
	done; [ -z "$$todo" ] && exit 0; \
	missing=""; for p in $$todo; do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing missing Debian packages:$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing || exit 1; \
	  else \
	    echo "Missing Debian packages. Install them with:"; \
	    echo "  sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi; \
	mkdir -p $(BUILD) && echo $$ok $$todo > $(BUILD)/.deps-ok

kiosk: $(call core_objs,$(BUILD)) $(call edge_objs,$(BUILD)) $(BUILD)/src/main.o
	$(CC) $(OPT) -o $@ $^ $(edge_libs) $(core_libs) -lm -lpthread

# Objects, per build flavour ($(1) = folder, $(2) = flags). Core objects get no SDL flags, so
# an SDL include in the core fails the build. -MMD -MP writes each object's header list.
define object_rules
$$(call core_objs,$(1)): $(1)/src/%.o: src/%.c | $(1)/src
	@echo "CC (core) $$< ($(1))"
	@$$(CC) $$(WARN) $(2) -MMD -MP $$(core_cflags) -c $$< -o $$@
$$(call edge_objs,$(1)) $(1)/src/main.o: $(1)/src/%.o: src/%.c | $(1)/src
	@echo "CC $$< ($(1))"
	@$$(CC) $$(WARN) $(2) -MMD -MP $$(edge_cflags) $$(core_cflags) -c $$< -o $$@
endef
$(eval $(call object_rules,$(BUILD),$(OPT)))
$(eval $(call object_rules,$(BUILD)/asan,$(SAN)))
-include $(wildcard $(BUILD)/src/*.d $(BUILD)/asan/src/*.d $(BUILD)/tests/*.d $(BUILD)/asan/tests/*.d)

# Test binaries, for one build flavour: $(1) = object folder, $(2) = compiler flags.
define test_rules
$$(CORE_TESTS:%=$(1)/tests/%): $(1)/tests/%: tests/%.c $$(call core_objs,$(1)) | $(1)/tests
	@echo "CC $$< ($(1))"
	@$$(CC) $$(WARN) $(2) -MMD -MP -Isrc $$(core_cflags) -o $$@ $$< $$(call core_objs,$(1)) $$(core_libs) $$(cmocka_libs) -lm
$$(EDGE_TESTS:%=$(1)/tests/%): $(1)/tests/%: tests/%.c $$(call core_objs,$(1)) $$(call edge_objs,$(1)) | $(1)/tests
	@echo "CC $$< ($(1))"
	@$$(CC) $$(WARN) $(2) -MMD -MP -Isrc $$(edge_cflags) $$(core_cflags) -o $$@ $$< $$(call edge_objs,$(1)) $$(call core_objs,$(1)) $$(edge_libs) $$(core_libs) $$(cmocka_libs) -lm -lpthread
endef
$(eval $(call test_rules,$(BUILD),$(OPT)))
$(eval $(call test_rules,$(BUILD)/asan,$(SAN)))

$(BUILD)/asan/kiosk: $(call core_objs,$(BUILD)/asan) $(call edge_objs,$(BUILD)/asan) $(BUILD)/asan/src/main.o
	$(CC) $(SAN) -o $@ $^ $(edge_libs) $(core_libs) -lm -lpthread

$(BUILD)/src $(BUILD)/asan/src $(BUILD)/tests $(BUILD)/asan/tests:
	@mkdir -p $@

ALL_TESTS = $(CORE_TESTS) $(EDGE_TESTS)

# Every test binary runs in the normal build and under ASan + UBSan (leaks fail: LSan),
# then the end-to-end tests drive the real ./kiosk. tests/run.sh prints the tally.
deps-test:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(BUILD_PKGS) $(TEST_PKGS)"

check: deps-test kiosk $(ALL_TESTS:%=$(BUILD)/tests/%) $(ALL_TESTS:%=$(BUILD)/asan/tests/%) $(BUILD)/asan/kiosk
	@BUILD=$(BUILD) sh tests/run.sh $(ALL_TESTS)

test: check

# The edit loop: the unit tests of the normal build only (seconds, no Xvfb, no sanitizers).
check-unit: deps-test kiosk $(ALL_TESTS:%=$(BUILD)/tests/%)
	@BUILD=$(BUILD) UNIT_ONLY=1 sh tests/run.sh $(ALL_TESTS)

run: deps kiosk
	./kiosk content

screenshots: deps kiosk
	rm -rf shots && ./kiosk --screenshot shots content

# Frames captured in the middle of the action (a word being read, a pop-up, a scan step) at
# five panel sizes, in the three themes, in English and Urdu: frames/*.png (takes ~20 min)
FRAME_SIZES = 1024x768 1366x768 1920x1080 1080x1920 3840x2160
frames: deps-test kiosk
	rm -rf frames
	for s in $(FRAME_SIZES); do for t in cream yellow-on-black white-on-blue; do for l in en ur; do \
		sh tools/frames.sh $(CURDIR)/frames $$s $$t $$l || exit 1; done; done; done

cppcheck:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --suppress=missingIncludeSystem --inline-suppr -I src src

format:
	clang-format -i src/*.c src/*.h tests/*.c tests/*.h

# make install: the same layout as the Debian package (make deb), under PREFIX:
#   PREFIX/bin/kiosk, PREFIX/share/kiosk/{content,fonts,images}, PREFIX/lib/kiosk/{kiosk-session,
#   kiosk-sync}, the systemd units in UNITDIR, the kiosk user in SYSUSERSDIR, the logrotate
#   rule and /etc/kiosk/kiosk.ini (the site settings: installed once, never overwritten).
SYSCONFDIR ?= /etc
LIBEXECDIR ?= $(PREFIX)/lib/kiosk
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
DOCDIR ?= $(PREFIX)/share/doc/kiosk
# as root with no DESTDIR: also make the kiosk user now (systemd-sysusers); "no" skips it
INSTALL_USER ?= yes
subst = sed -e 's|@BINDIR@|$(PREFIX)/bin|g' -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g' -e 's|@DOCDIR@|$(DOCDIR)|g'

install: kiosk
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kiosk $(DESTDIR)$(LIBEXECDIR) \
	  $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(DOCDIR) \
	  $(DESTDIR)$(SYSCONFDIR)/kiosk $(DESTDIR)$(SYSCONFDIR)/logrotate.d
	install -m 755 kiosk $(DESTDIR)$(PREFIX)/bin/kiosk
	rm -rf $(DESTDIR)$(PREFIX)/share/kiosk/content $(DESTDIR)$(PREFIX)/share/kiosk/fonts \
	  $(DESTDIR)$(PREFIX)/share/kiosk/images
	cp -r content fonts images $(DESTDIR)$(PREFIX)/share/kiosk/
	$(subst) dist/kiosk-session.in >$(DESTDIR)$(LIBEXECDIR)/kiosk-session
	$(subst) dist/kiosk-sync.in >$(DESTDIR)$(LIBEXECDIR)/kiosk-sync
	chmod 755 $(DESTDIR)$(LIBEXECDIR)/kiosk-session $(DESTDIR)$(LIBEXECDIR)/kiosk-sync
	$(subst) dist/kiosk.service.in >$(DESTDIR)$(UNITDIR)/kiosk.service
	$(subst) dist/kiosk-sync.service.in >$(DESTDIR)$(UNITDIR)/kiosk-sync.service
	install -m 644 dist/kiosk-sync.timer $(DESTDIR)$(UNITDIR)/kiosk-sync.timer
	install -m 644 dist/kiosk.sysusers $(DESTDIR)$(SYSUSERSDIR)/kiosk.conf
	install -m 644 dist/kiosk.logrotate $(DESTDIR)$(SYSCONFDIR)/logrotate.d/kiosk
	install -m 644 docs/deploy.md content/README.md $(DESTDIR)$(DOCDIR)/
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/kiosk/kiosk.ini ]; then \
	  echo "keeping the site settings $(DESTDIR)$(SYSCONFDIR)/kiosk/kiosk.ini (new template: dist/kiosk.ini)"; \
	else install -m 640 dist/kiosk.ini $(DESTDIR)$(SYSCONFDIR)/kiosk/kiosk.ini; fi
	@if [ -z "$(DESTDIR)" ] && [ "$(INSTALL_USER)" = yes ] && [ "$$(id -u)" = 0 ]; then \
	  systemd-sysusers $(SYSUSERSDIR)/kiosk.conf && chgrp kiosk $(SYSCONFDIR)/kiosk/kiosk.ini && \
	  install -d -o kiosk -g kiosk -m 755 /var/lib/kiosk /var/lib/kiosk/metrics; fi

# Leaves /etc/kiosk/kiosk.ini, the kiosk user and /var/lib/kiosk (usage figures) alone.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/kiosk $(DESTDIR)$(LIBEXECDIR)/kiosk-session $(DESTDIR)$(LIBEXECDIR)/kiosk-sync
	rm -f $(DESTDIR)$(UNITDIR)/kiosk.service $(DESTDIR)$(UNITDIR)/kiosk-sync.service \
	  $(DESTDIR)$(UNITDIR)/kiosk-sync.timer $(DESTDIR)$(SYSUSERSDIR)/kiosk.conf \
	  $(DESTDIR)$(SYSCONFDIR)/logrotate.d/kiosk
	rm -rf $(DESTDIR)$(PREFIX)/share/kiosk $(DESTDIR)$(DOCDIR)
	-rmdir $(DESTDIR)$(LIBEXECDIR)

# make deb: kiosk_<version>_<arch>.deb in $(BUILD)/deb, built by dpkg-buildpackage (debhelper)
# from a copy of this tree, so nothing is written outside it.
DEB_TOOLS = debhelper dpkg-dev fakeroot
deb:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(BUILD_PKGS) $(DEB_TOOLS)"
	rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/src
	tar -c --exclude=./$(BUILD) --exclude=./.git --exclude=./kiosk --exclude=./shots . | tar -x -C $(BUILD)/deb/src
	cd $(BUILD)/deb/src && dpkg-buildpackage -b -us -uc -j2 >../build.log 2>&1 || { tail -n 40 ../build.log; exit 1; }
	@ls $(BUILD)/deb/*.deb

clean:
	rm -rf $(BUILD) kiosk shots

# ---------------------------------------------------------------------------------------
# Fuzzing and benchmarks (tests/fuzz/README.md, bench/README.md).
# The fuzz targets are built with clang's libFuzzer + ASan + UBSan straight from the core
# sources (never from gcc's objects in $(BUILD)/src). `make fuzz` runs each for
# FUZZ_SECONDS; make check runs tests/e2e_fuzz.sh, a fixed number of executions.
# `make bench` measures start-up, page turns, speech, memory and CPU (under Xvfb) and the
# same page in headless Chromium, prints a table and writes bench/results.md. It is not
# part of make check; as root it installs what it needs (BENCH_PKGS) like `deps` does.
FUZZ_CC ?= clang
FUZZ_PKGS = clang libclang-rt-14-dev
BENCH_PKGS = chromium libx11-dev libxtst-dev valgrind x11-utils
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS = fuzz_content fuzz_layout
FUZZ_TARGETS += fuzz_picture
FUZZ_SECONDS ?= 60

.PHONY: fuzz fuzz-build bench bench-deps bench-build

$(CORE:%=$(BUILD)/fuzz/src/%.o): $(BUILD)/fuzz/src/%.o: src/%.c src/*.h
	@mkdir -p $(@D)
	@echo "CC (core, fuzz) $<"
	@$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(core_cflags) -c $< -o $@

$(FUZZ_TARGETS:%=$(BUILD)/fuzz/%): $(BUILD)/fuzz/%: tests/%.c $(CORE:%=$(BUILD)/fuzz/src/%.o)
	@echo "LD (fuzz) $@"
	@$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc $(core_cflags) -o $@ $< \
	  $(CORE:%=$(BUILD)/fuzz/src/%.o) $(core_libs) -lm

# make check runs the fuzz smoke test, so `deps-test` installs clang and libFuzzer too.
TEST_PKGS += $(FUZZ_PKGS)
check: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)

fuzz-build: deps-test $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)

# New inputs go to $(BUILD)/fuzz/corpus/<target> (the seeds in tests/fuzz/ stay as they are);
# a crash is saved as $(BUILD)/fuzz/crash-* and fails the run.
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  name=$${t#fuzz_}; mkdir -p $(BUILD)/fuzz/corpus/$$t; \
	  dict=""; [ -f tests/fuzz/$$name.dict ] && dict="-dict=tests/fuzz/$$name.dict"; \
	  echo "=== $$t for $(FUZZ_SECONDS) s (log: $(BUILD)/fuzz/$$t.log)"; \
	  if ! $(BUILD)/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -max_len=8192 \
	    $$dict -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/corpus/$$t tests/fuzz/$$name \
	    >$(BUILD)/fuzz/$$t.log 2>&1; then tail -n 60 $(BUILD)/fuzz/$$t.log; exit 1; fi; \
	  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss)|INITED|cov:.*DONE' $(BUILD)/fuzz/$$t.log; \
	done

bench-deps:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(DEB_PKGS) $(BENCH_PKGS)"

BENCH_TOOLS = visible tap
bench-build: kiosk $(BUILD)/bench/render_bench $(BUILD)/bench/speech_bench $(BENCH_TOOLS:%=$(BUILD)/bench/%)

$(BUILD)/bench/render_bench $(BUILD)/bench/speech_bench: $(BUILD)/bench/%: bench/%.c \
		$(call core_objs,$(BUILD)) $(call edge_objs,$(BUILD))
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(WARN) $(OPT) -Isrc $(edge_cflags) $(core_cflags) -o $@ $< \
	  $(filter-out $(BUILD)/src/app.o $(BUILD)/src/tools.o,$(call edge_objs,$(BUILD))) $(call core_objs,$(BUILD)) \
	  $(edge_libs) $(core_libs) -lm -lpthread

$(BENCH_TOOLS:%=$(BUILD)/bench/%): $(BUILD)/bench/%: bench/%.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(WARN) $(OPT) -o $@ $< -lX11 -lXtst

# make check builds the benchmark programs (it does not run them), so they cannot rot.
TEST_PKGS += libx11-dev libxtst-dev
check: $(BUILD)/bench/render_bench $(BUILD)/bench/speech_bench $(BENCH_TOOLS:%=$(BUILD)/bench/%)

bench: bench-deps bench-build
	@BUILD=$(BUILD) bash bench/run.sh

# The full monkey test of the issue: 100,000 random events under ASan + UBSan, and the
# memory check on the normal build (make check runs a shorter one).
monkey: deps kiosk $(BUILD)/asan/kiosk
	MONKEY_EVENTS=100000 MONKEY_EVENTS_PLAIN=100000 BUILD=$(BUILD) sh tests/e2e_monkey.sh
