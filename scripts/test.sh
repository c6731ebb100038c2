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
S=$TOP/scripts
R=$ROOT/results/test
rm -rf "$R"
mkdir -p "$R"
t0=$(date +%s)

# shellcheck disable=SC2086 # ARCHES is a list
"$S/deps.sh" $ARCHES || die "installing the host packages failed"
"$S/get-base.sh" "$BASE" || die "getting the base failed"
"$S/make-tree.sh" "$BASE" || die "making the tree failed"

stages=()
stage() {
	local name=$1
	shift
	stages+=("$name")
	say ""
	say "######## $name"
	"$@" "$R/$name"
	echo $? >"$R/$name.rc"
}
for arch in $ARCHES; do
	stage "kselftest-$arch" "$S/run-selftests.sh" "$BASE" "$arch" test patched
done
for arch in $ARCHES um; do
	stage "kunit-$arch" "$S/kunit.sh" "$BASE" "$arch"
done
stage check "$S/check.sh" "$BASE"

say ""
say "######## summary (BASE=$BASE, $(($(date +%s) - t0))s)"
P=0 F=0 K=0
for name in "${stages[@]}"; do
	if [ -f "$R/$name" ]; then
		read -r p f s <"$R/$name"
	else
		# The stage died before it could count anything.
		p=0 f=1 s=0
	fi
	printf '  %-18s %4s passed %4s failed %4s skipped\n' "$name" "$p" "$f" "$s"
	P=$((P + p)) F=$((F + f)) K=$((K + s))
done
line="$P passed, $F failed"
[ "$K" = 0 ] || line="$line, $K skipped"
say "$line"
[ "$F" = 0 ]
