#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The tests on debug kernels (configs/debug.config: KASAN, lockdep, DEBUG_VM,
# maple tree validation, fault injection): the brk kselftests (with the
# fail-nth campaign and the model-checked random tester among them), the
# KUnit suite, and a longer random-tester campaign, on x86_64 and arm64.
# Any splat on a console fails its stage with the splat printed.  The last
# line counts test cases like make test's.
#
# usage: scripts/test-debug.sh     env: BASE (default 7.3), ARCHES,
#        MODEL_SEEDS (seeds of the random-tester campaign, 2000 operations
#        each, default 50: about 8 s per seed on a TCG debug kernel for
#        x86_64, 10-30 s for arm64; the campaign's boot gets 40 s per seed
#        unless TIMEOUT is set)
set -uo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

BASE=${BASE:-7.3}
ARCHES=${ARCHES:-x86_64 arm64}
SEEDS=${MODEL_SEEDS:-50}
R=$ROOT/results/test-debug
# shellcheck source=stages.sh
. "$(dirname "$0")/stages.sh"
prepare "$BASE"

# model ARCH RESULT: the random tester's longer campaign as a payload.
model() {
	local arch=$1 res=$2 bin out rc
	bin=$(out_dir "$BASE" "$arch" debug patched)/kselftest-install/brk/brk_model
	out=$LOGS/model-$BASE-$arch-debug.out
	[ -x "$bin" ] || { say "no brk_model in the series"; echo "0 1 0" >"$res"; return 1; }
	# A seed takes 8 s on x86_64 and up to 30 s on arm64 under TCG with
	# KASAN: the guest gets 40 s per seed unless TIMEOUT says otherwise.
	TIMEOUT=${TIMEOUT:-$((SEEDS * 40 + 300))} \
		"$S/boot-payload.sh" "$BASE" "$arch" debug patched "$bin" "-c $SEEDS" >"$out"
	rc=$?
	grep -E '^(ok|not ok)|^# (ops|seeds|Totals)' "$out" | tail -n 5
	if [ "$rc" = 0 ]; then echo "1 0 0" >"$res"; else echo "0 1 0" >"$res"; fi
	return "$rc"
}

kunit_debug() { "$S/kunit.sh" "$BASE" "$1" "$2" debug; }

for arch in $ARCHES; do
	stage "kselftest-$arch" "$S/run-selftests.sh" "$BASE" "$arch" debug patched
	stage "kunit-$arch" kunit_debug "$arch"
	stage "model-$arch" model "$arch"
done

summary "summary, debug kernels, BASE=$BASE"
