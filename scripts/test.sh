#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Everything CI checks, for every base (7.3, the upstream base, and 6.12,
# the LTS backport): the brk kselftests on x86_64 and arm64, the KUnit suite
# on x86_64, arm64 and UML where the base's series has it, the brk cases of
# tools/testing/vma where it has them, make check (checkpatch and per-patch
# builds), and that every base carries the same brk selftests.  A failing
# stage does not stop the others.  The last line counts individual test
# cases: "N passed, N failed" (", N skipped" when any).
#
# usage: scripts/test.sh        env: BASES (default "7.3 6.12"), ARCHES,
#                               ONE_SOURCE_BASES (default "7.3 6.12 6.1")
set -uo pipefail
prepared=
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

BASES=${BASES:-7.3 6.12}
# The bases whose brk selftests must be the same tree (6.1 carries them but
# is not tested by make test yet).
ONE_SOURCE_BASES=${ONE_SOURCE_BASES:-7.3 6.12 6.1}
ARCHES=${ARCHES:-x86_64 arm64}
R=$ROOT/results/test
# shellcheck source=stages.sh
. "$(dirname "$0")/stages.sh"
# Measured on a clean clone: 17 GiB for BASES="7.3 6.12" with 6.1's tree.
nbases=0
for base in $BASES; do nbases=$((nbases + 1)); done
need_disk $((8 * nbases + 3)) "make test (BASES=$BASES)"
for base in $BASES $ONE_SOURCE_BASES; do
	case " $prepared " in *" $base "*) continue ;; esac
	prepare "$base"
	prepared="$prepared $base"
done
for base in $BASES; do
	tree=$(tree_dir "$base")
	for arch in $ARCHES; do
		stage "kselftest-$base-$arch" "$S/run-selftests.sh" "$base" "$arch" test patched
	done
	if [ -f "$tree/lib/tests/brk_kunit.c" ]; then
		for arch in $ARCHES um; do
			stage "kunit-$base-$arch" "$S/kunit.sh" "$base" "$arch"
		done
	else
		say "(series/$base has no KUnit suite: no KUnit stages for $base)"
	fi
	if [ -f "$tree/tools/testing/vma/tests/brk.c" ]; then
		stage "vma-$base" "$S/vma-tests.sh" "$base"
	fi
	stage "check-$base" "$S/check.sh" "$base"
done
# shellcheck disable=SC2086 # a list
stage one-source "$S/one-source.sh" $ONE_SOURCE_BASES

summary "summary, BASES=$BASES"
