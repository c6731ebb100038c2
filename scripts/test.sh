#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Everything CI checks: the brk kselftests on x86_64 and arm64, KUnit on
# x86_64, arm64 and UML, and make check (checkpatch and per-patch builds).  A
# failing stage does not stop the others.  The last line counts individual
# test cases: "N passed, N failed" (", N skipped" when any).
#
# usage: scripts/test.sh        env: BASE (default 6.12), ARCHES
set -uo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

BASE=${BASE:-6.12}
ARCHES=${ARCHES:-x86_64 arm64}
R=$ROOT/results/test
# shellcheck source=stages.sh
. "$(dirname "$0")/stages.sh"
for arch in $ARCHES; do
	stage "kselftest-$arch" "$S/run-selftests.sh" "$BASE" "$arch" test patched
done
for arch in $ARCHES um; do
	stage "kunit-$arch" "$S/kunit.sh" "$BASE" "$arch"
done
stage check "$S/check.sh" "$BASE"

summary "summary"
