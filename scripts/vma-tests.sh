#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The VMA userland tests (tools/testing/vma: mm/vma.c compiled for the host,
# with the series' brk cases) of a base's tree, built and run natively.
#
# usage: scripts/vma-tests.sh BASE RESULT    writes "passed failed skipped"
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || die "usage: $0 BASE RESULT"
BASE=$1 RESULT=$2
check_base "$BASE"
TREE=$(tree_dir "$BASE")
D=$TREE/tools/testing/vma
[ -d "$D" ] || die "$D does not exist: $BASE has no VMA userland tests"
need_cmd cc gcc
echo '#include <urcu.h>' | cc -E -x c - >/dev/null 2>&1 ||
	die "<urcu.h> not found: install the Debian package 'liburcu-dev' (make deps does it)"
mkdir -p "$LOGS" "$(dirname "$RESULT")"
echo "0 1 0" >"$RESULT"

stage_begin vma
# The build writes its objects next to the sources (the tests' own
# Makefile has no O=); they are ignored by the tree's .gitignore.
run_logged "$LOGS/vma-$BASE-build.log" "building tools/testing/vma ($BASE)" \
	make -C "$D" -j"$(nproc)"
out=$LOGS/vma-$BASE.out
set +e
(cd "$D" && timeout 300 ./vma) >"$out" 2>&1
rc=$?
set -e
grep -E 'FAILED|^assertion failed' "$out" | head -n 20 | sed 's/^/  /' >&2 || true
line=$(grep -E '^[0-9]+ tests run, [0-9]+ passed, [0-9]+ failed\.$' "$out" | tail -n 1 || true)
if [ -z "$line" ]; then
	tail -n 10 "$out" | sed 's/^/  | /' >&2
	die "tools/testing/vma ($BASE) ended without its summary (exit $rc; output: $out)"
fi
read -r _ _ _ p _ f _ <<<"$line"
# An "assertion failed" line is a VM_WARN_ON() of mm/vma.c in userland:
# a test that passes while the kernel code warns is not a pass.
warns=$(grep -c '^assertion failed' "$out" || true)
[ "$warns" = 0 ] || f=$((f + 1))
[ "$rc" = 0 ] || [ "$f" -gt 0 ] || f=1
echo "$p $f 0" >"$RESULT"
stage_end "tools/testing/vma ($BASE): $p passed, $f failed$([ "$warns" = 0 ] || echo ", $warns kernel assertions")"
[ "$f" = 0 ]
