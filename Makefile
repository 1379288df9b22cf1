# letterd — build, test, install.
#
#   make install     build (release), install letterd, letterctl, completions, man pages and the
#                    systemd user units, and start letterd (socket-activated, and at login)
#   make test        build and run every test (Swift unit + integration tests, Varlink protocol tests)
#   make uninstall   remove what install put in place; your letters stay where they are
#
# PREFIX defaults to ~/.local, so nothing here needs root.

PREFIX   ?= $(HOME)/.local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share
DOCDIR   ?= $(DATADIR)/doc/letterd
SWIFT    ?= swift
PYTHON   ?= python3
VENV     := .build/venv
PACKAGES := libsystemd-dev libsqlite3-dev pkg-config sqlite3

.PHONY: all build release link-order test test-swift test-protocol test-export test-faults test-fuzz fuzz test-docs test-systemd test-desktop install uninstall deps venv docs bench clean

all: build

## deps: check the system packages the build needs; install them when run as root with apt.
deps:
	@./scripts/ensure-packages $(PACKAGES)

build: deps
	$(SWIFT) build

# The Swift runtime is linked statically: letterctl starts ~1.5 ms faster on every call (see
# `make bench`), and letterd starts faster under socket activation.
#
# The release link uses lld from the Swift toolchain, for two things that make letterd smaller
# in memory (see scripts/link-order; `make bench` shows the figure):
#  - Config/link-order.txt puts the functions letterd and letterctl run next to each other.
#    The kernel maps code 64 KiB around each page touched, so scattered code costs memory.
#    Config/private-functions.ld gathers the small nameless functions the list cannot name.
#  - RELR relocations (glibc 2.36 or later): letterd's 2.4 MB relocation table becomes 40 KB.
#  - No exported symbols (swiftc asks for --export-dynamic): the dynamic loader looked up libc's
#    and libsqlite3's symbols in a table of 22,000 of letterd's own, 1.4 MB of it resident.
#    Swift's backtraces read the symbols from the file, not from this table.
# Without lld next to swiftc, the default linker is used and nothing else changes.
LLD := $(wildcard $(dir $(realpath $(shell command -v swiftc 2>/dev/null)))ld.lld)
GLIBC_MINOR := $(shell getconf GNU_LIBC_VERSION 2>/dev/null | sed -n 's/^glibc 2\.\([0-9]*\).*/\1/p')
ifneq ($(LLD),)
LINK_FLAGS := -Xswiftc -use-ld=lld -Xlinker --symbol-ordering-file=$(CURDIR)/Config/link-order.txt \
	-Xlinker --no-warn-symbol-ordering -Xlinker --no-export-dynamic \
	-Xlinker -T -Xlinker $(CURDIR)/Config/private-functions.ld
ifeq ($(shell test "$(GLIBC_MINOR)" -ge 36 2>/dev/null && echo yes),yes)
LINK_FLAGS += -Xlinker -z -Xlinker pack-relative-relocs
endif
endif

# libstdc++, which the Swift runtime uses, is linked statically too. Loaded as a shared library
# it made the dynamic loader look up thousands of libstdc++'s own symbols at every start: a
# third of the instructions of a whole check-in in letterctl (callgrind: 5.0M, 3.3M without).
# swiftc asks for it as -lstdc++, and a directory holding only libstdc++.a, searched before the
# system's, makes the linker take the archive. Without the archive (libstdc++-dev), nothing changes.
LIBSTDCXX_A := $(shell $(dir $(realpath $(shell command -v swiftc 2>/dev/null)))clang -print-file-name=libstdc++.a 2>/dev/null)
STATIC_CXX_DIR := $(CURDIR)/.build/static-libstdc++
ifneq ($(filter /%,$(LIBSTDCXX_A)),)
LINK_FLAGS += -Xswiftc -L$(STATIC_CXX_DIR)
endif
# The unwinder libstdc++ calls is linked statically too (libgcc_eh.a, what clang's -static-libgcc
# takes): with its symbols found there, the linker leaves libgcc_s.so.1 out, and the loader has
# one library fewer to find, map and relocate at every start. And no $ORIGIN search path: with
# the Swift runtime linked in, nothing is loaded from the binary's directory, yet the loader
# looked there first, in a dozen subdirectories, for each library (strace: 20 failed opens).
# letterctl check-in, interleaved with the binary linked as before: 0.25-0.4 ms faster a call,
# 0.24 ms less CPU, 8 fewer page faults (perf stat, 200 runs).
LIBGCC_EH_A := $(shell $(dir $(realpath $(shell command -v swiftc 2>/dev/null)))clang -print-file-name=libgcc_eh.a 2>/dev/null)
ifneq ($(filter /%,$(LIBGCC_EH_A)),)
LINK_FLAGS += -Xlinker $(LIBGCC_EH_A)
endif
# Each function in its own section, so that the link order above can move functions one by one
# (without it, lld moves a module's code whole: NIOPosix, GRDB and Foundation's run-at-start
# functions pulled 11 MB of their neighbours into the "hot" block) and --gc-sections can drop
# the functions nothing calls. LLVM's function merging is off: it turns functions into jumps to
# nameless copies, which no link order can name, and each one touched at start kept its own
# 64 KiB of code resident.
SECTION_FLAGS := -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections \
	-Xswiftc -Xfrontend -Xswiftc -disable-llvm-merge-functions-pass
RELEASE_FLAGS := -c release --static-swift-stdlib --disable-local-rpath $(SECTION_FLAGS) $(LINK_FLAGS)

release: deps
ifneq ($(filter /%,$(LIBSTDCXX_A)),)
	@mkdir -p $(STATIC_CXX_DIR) && ln -sf $(LIBSTDCXX_A) $(STATIC_CXX_DIR)/libstdc++.a
endif
	$(SWIFT) build $(RELEASE_FLAGS)

## test: every test, against the real binaries.
test: build venv
	$(MAKE) test-swift test-protocol test-export test-faults test-fuzz test-docs test-systemd test-desktop

test-swift:
	LETTERD_BIN_DIR="$$($(SWIFT) build --show-bin-path)" $(SWIFT) test

test-protocol: venv
	LETTERD_BIN_DIR="$$($(SWIFT) build --show-bin-path)" $(VENV)/bin/python -m pytest -q Tests/protocol

# Export (issue 8): the HTML export printed to PDF and PNG by headless Chromium (pages and text
# checked; skipped with the reason when chromium is not installed), and the Markdown snapshot.
test-export: venv
	LETTERD_BIN_DIR="$$($(SWIFT) build --show-bin-path)" $(VENV)/bin/python -m pytest -q -rs Tests/export

# Faults (issue 7): kill -9 under 16 writers (LETTERD_FAULT_ROUNDS, default 50), a full or
# read-only disk (a small tmpfs; needs root, skipped with the reason otherwise), the database
# deleted or damaged under letterd, and backups made and restored.
test-faults: venv
	LETTERD_BIN_DIR="$$($(SWIFT) build --show-bin-path)" $(VENV)/bin/python -m pytest -q -rs Tests/faults

# A structured fuzzer on the live socket (Tests/fuzz/README.md): a bounded, seeded run
# (FUZZ_ITERATIONS, default 3000; FUZZ_SEED), every saved regression replayed, and a stress of
# thousands of malformed messages with slow and idle clients while a well-behaved one is served.
test-fuzz: venv
	LETTERD_BIN_DIR="$$($(SWIFT) build --show-bin-path)" $(VENV)/bin/python -m pytest -q Tests/fuzz

## fuzz: the same fuzzer for longer (FUZZ_SECONDS, default 600); a failure is saved as a regression.
FUZZ_SECONDS ?= 600
fuzz: build venv
	$(VENV)/bin/python Tests/fuzz/fuzz_protocol.py --seconds $(FUZZ_SECONDS) --bin-dir "$$($(SWIFT) build --show-bin-path)"

# The man pages and completions generate from the debug binaries as they would from release.
test-docs:
	./scripts/generate-docs "$$($(SWIFT) build --show-bin-path)" .build/docs-test
	@test -s .build/docs-test/man/letterctl.log-critic.1 && test -s .build/docs-test/completions/_letterctl
	@grep -q "not a substitute for a qualified professional" .build/docs-test/man/letterctl.1

# Under real systemd --user managers (root's private one and an unprivileged user's). Needs root
# to start them; skipped with a reason otherwise. Builds the release (make install is tested).
test-systemd: venv
	$(VENV)/bin/python -m pytest -q -rs -p no:cacheprovider Tests/systemd

# Notifications on real desktop parts: a private session bus, Xvfb and dunst (see
# Tests/desktop/conftest.py); skipped with a reason when they are not installed.
test-desktop: venv
	LETTERD_BIN_DIR="$$($(SWIFT) build --show-bin-path)" $(VENV)/bin/python -m pytest -q -rs Tests/desktop

## venv: the Python side of the tests (the `varlink` client from PyPI, pytest).
venv: $(VENV)/.ready
$(VENV)/.ready: Tests/protocol/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -r Tests/protocol/requirements.txt
	touch $@

## docs: man pages and shell completions, generated from the argument parsers.
docs: release
	./scripts/generate-docs "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)" .build/docs

install: release docs
	./scripts/install "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)" .build/docs \
		"$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)" "$(DESTDIR)$(DATADIR)"
	./scripts/install-units "$(BINDIR)" "$(DESTDIR)$(DOCDIR)"

uninstall:
	./scripts/uninstall-units "$(DESTDIR)$(DOCDIR)"
	./scripts/uninstall "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)" "$(DESTDIR)$(DATADIR)"

## bench: the figures quoted in the issues, measured side by side in one run.
bench: release .build/bench-venv/.ready
	BENCH_JRNL=$(CURDIR)/.build/bench-venv/bin/jrnl ./scripts/bench "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)"

## link-order: regenerate Config/link-order.txt from the current release build (needs valgrind),
## and relink with it (SwiftPM does not see the file as an input of the link).
link-order: release
	bin="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)" && \
		./scripts/link-order "$$bin" Config/link-order.txt && rm -f "$$bin/letterd" "$$bin/letterctl"
	$(SWIFT) build $(RELEASE_FLAGS)

# jrnl, the plain-text journal a person might use instead, for comparison (issue 7).
.build/bench-venv/.ready:
	$(PYTHON) -m venv .build/bench-venv
	.build/bench-venv/bin/pip install -q "jrnl==4.6"
	touch $@

clean:
	$(SWIFT) package clean
	rm -rf .build/docs .build/docs-test $(VENV)
