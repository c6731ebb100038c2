#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Everything CI checks, for every base (7.3, the upstream base; 6.12 and
# 6.1, the LTS backports): the brk kselftests on x86_64 and arm64, the KUnit
# suite in those kernels where the base's series has it, the brk cases of
# tools/testing/vma where it has them, and that every base carries the same
# brk selftests; for the bases of CHECK_BASES (7.3, the one posted
# upstream) also make check (checkpatch and per-patch builds), with the test
# robot's builds for ROBOT_BASES, and KUnit on UML for UML_BASES.  make
# check on the LTS bases runs on its own (make check BASE=6.12, BASE=6.1):
# all of it on every base would not fit CI's 60 minutes on two cores.  A
# failing stage does not stop the others.  The last line counts individual
# test cases: "N passed, N failed" (", N skipped" when any).
#
# usage: scripts/test.sh        env: BASES (default "7.3 6.12 6.1"), ARCHES,
#                               CHECK_BASES (default "7.3"),
#                               ROBOT_BASES and UML_BASES (default "7.3"),
#                               ONE_SOURCE_BASES (default "7.3 6.12 6.1")
set -uo pipefail
prepared=
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

BASES=${BASES:-7.3 6.12 6.1}
CHECK_BASES=${CHECK_BASES:-7.3}
ROBOT_BASES=${ROBOT_BASES:-7.3}
UML_BASES=${UML_BASES:-7.3}
# The bases whose brk selftests must be the same tree.
ONE_SOURCE_BASES=${ONE_SOURCE_BASES:-7.3 6.12 6.1}
ARCHES=${ARCHES:-x86_64 arm64}
R=$ROOT/results/test
# shellcheck source=stages.sh
. "$(dirname "$0")/stages.sh"
# in_list WORD LIST: whether WORD is one of the words of LIST.
in_list() {
	case " $2 " in *" $1 "*) return 0 ;; esac
	return 1
}

# Measured on a clean clone: 17 GiB for BASES="7.3 6.12" with 6.1's tree
# (8 GiB a base is generous for 6.1, which has no make check tree here).
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
		for arch in $ARCHES $(in_list "$base" "$UML_BASES" && echo um); do
			stage "kunit-$base-$arch" "$S/kunit.sh" "$base" "$arch"
		done
	else
		say "(series/$base has no KUnit suite: no KUnit stages for $base)"
	fi
	if [ -f "$tree/tools/testing/vma/tests/brk.c" ]; then
		stage "vma-$base" "$S/vma-tests.sh" "$base"
	fi
	if in_list "$base" "$CHECK_BASES"; then
		if in_list "$base" "$ROBOT_BASES"; then
			stage "check-$base" "$S/check.sh" "$base"
		else
			stage "check-$base" env CHECK_ROBOT=0 "$S/check.sh" "$base"
		fi
	fi
done
# shellcheck disable=SC2086 # a list
stage one-source "$S/one-source.sh" $ONE_SOURCE_BASES

summary "summary, BASES=$BASES"
