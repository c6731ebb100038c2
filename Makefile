# SPDX-License-Identifier: GPL-2.0
# brk series harness.  See README.md; every target is one script in scripts/.
#
#   make run  [BASE=7.3|6.12|6.1] [ARCH=x86_64|arm64] [CONFIG=test] [SERIES=none]
#   make test
#   make boot ARCH=<a> PAYLOAD=<static binary> [ARGS="..."] [ICOUNT=1] [SMP=<n>]
#             [BASE=<b>] [SERIES=none] [CONFIG=<flavour>] [QEMU_PLUGIN=<so,args>]
#   make bench [BENCH_ARCHES="x86_64 arm64"]; make profile WORKLOAD=<brk_bench workload>
#   make campaign [ARCH=<a>] [OPS=<n>] [CONFIG=debug] [SERIES=none] [SEED=<n>]
#   guests: NODES=1|2 (NUMA nodes), GUEST_ENV="NAME=value ..." (test env)

BASE    ?= 7.3
ARCH    ?= x86_64
CONFIG  ?= test
SERIES  ?= patched
PAYLOAD ?=
ARGS    ?=
S       := scripts

# Passed to the scripts through the environment.
export ICOUNT SMP MEM NODES GUEST_ENV TIMEOUT JOBS FORCE QEMU_PLUGIN PROFILE_SCALE PROFILE_TOP BASES \
	SEED BOOT_SEEDS MODEL_ARGS

ifneq ($(filter-out patched none,$(SERIES)),)
$(error SERIES must be 'none' (the unpatched base) or unset (the series), not '$(SERIES)')
endif

.PHONY: help deps base tree export export-check kernel selftests run boot \
	kunit check test test-debug bench profile campaign campaign-total clean

help:
	@sed -n '2,11p' Makefile | sed 's/^# \{0,1\}//'
	@echo "targets: deps base tree export export-check kernel selftests run boot kunit check test test-debug bench profile campaign campaign-total clean"

deps:
	@$(S)/deps.sh $(filter-out um,$(ARCH))

base: deps
	@$(S)/get-base.sh $(BASE)

tree: base
	@$(S)/make-tree.sh $(BASE)

export:
	@$(S)/export.sh $(BASE)

export-check:
	@$(S)/export.sh --check $(BASE)

kernel: tree
	@$(S)/build-kernel.sh $(BASE) $(ARCH) $(CONFIG) $(SERIES)

selftests: kernel
	@$(S)/build-selftests.sh $(BASE) $(ARCH) $(CONFIG) $(SERIES)

run: tree
	@$(S)/run-selftests.sh $(BASE) $(ARCH) $(CONFIG) $(SERIES) build/results/run-$(BASE)-$(ARCH)

boot: tree
	@test -n "$(PAYLOAD)" || { echo "ERROR: make boot needs PAYLOAD=<static binary>" >&2; exit 1; }
	@$(S)/boot-payload.sh $(BASE) $(ARCH) $(CONFIG) $(SERIES) "$(PAYLOAD)" "$(ARGS)"

kunit: tree
	@$(S)/kunit.sh $(BASE) $(ARCH) build/results/kunit-$(BASE)-$(ARCH); \
	rc=$$?; [ $$rc = 2 ] && exit 0; exit $$rc

check: deps-all
	@$(S)/get-base.sh $(BASE)
	@$(S)/check.sh $(BASE) build/results/check-$(BASE)

test:
	@BASE=$(BASE) $(S)/test.sh

# The same on debug kernels (KASAN, lockdep, DEBUG_VM, fault injection).
test-debug:
	@BASE=$(BASE) $(S)/test-debug.sh

# make bench: unpatched vs patched, CONFIG=bench, ICOUNT and wall clock.
BENCH_ARCHES ?= x86_64 arm64
export BENCH_RUNS BENCH_ICOUNT_RUNS BENCH_ARGS BENCH_ICOUNT_ARGS BENCH_SMP BENCH_PATCHES
bench:
	@EXTRA_PKGS=gnuplot-nox $(S)/deps.sh $(BENCH_ARCHES)
	@$(S)/get-base.sh $(BASE)
	@$(S)/make-tree.sh $(BASE)
	@$(S)/bench.sh $(BASE) "$(BENCH_ARCHES)"

# make profile WORKLOAD=brk2 [ARCH=x86_64] [SERIES=patched|none]: the
# instructions of one brk_bench operation by kernel function (TCG plugin).
WORKLOAD ?= brk2
profile:
	@$(S)/deps.sh $(ARCH)
	@$(S)/get-base.sh $(BASE)
	@$(S)/make-tree.sh $(BASE)
	@$(S)/profile.sh $(BASE) $(ARCH) $(SERIES) $(WORKLOAD)

# make campaign: OPS operations of brk_model (2000 per seed) on a kernel,
# debug by default, in boots of BOOT_SEEDS seeds, each one a line of
# docs/campaigns.tsv; make campaign-total sums that ledger.
OPS ?= 1000000
campaign:
	@$(S)/deps.sh $(ARCH)
	@$(S)/get-base.sh $(BASE)
	@$(S)/make-tree.sh $(BASE)
	@$(S)/campaign.sh $(BASE) $(ARCH) $(if $(filter command line environment,$(origin CONFIG)),$(CONFIG),debug) $(SERIES) $(OPS)
campaign-total:
	@$(S)/campaign.sh --total

.PHONY: deps-all
deps-all:
	@$(S)/deps.sh x86_64 arm64

clean:
	rm -rf build/out build/at build/check build/initramfs build/results build/kunit build/logs build/bench
