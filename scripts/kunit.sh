#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the series' KUnit suite with tools/testing/kunit/kunit.py in the
# patched tree, and write "passed failed skipped" to RESULT.
#
# usage: scripts/kunit.sh BASE ARCH RESULT      (ARCH: x86_64, arm64 or um)
# Exit status: 0 all passed, 1 failure or crash, 2 no suite in the series.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 3 ] || die "usage: $0 BASE x86_64|arm64|um RESULT"
BASE=$1 ARCH=$2 RESULT=$3
check_base "$BASE"
TREE=$(tree_dir "$BASE")
KCONF=lib/tests/.kunitconfig
BDIR=$ROOT/kunit/$BASE/$ARCH
LOG=$LOGS/kunit-$BASE-$ARCH.log
JSON=$BDIR/results.json

stage_begin kunit
mkdir -p "$(dirname "$RESULT")"
rm -f "$RESULT"
[ -d "$TREE" ] || die "no tree at $TREE (make tree BASE=$BASE)"
if [ ! -f "$TREE/$KCONF" ] || ! grep -q '^CONFIG_BRK_KUNIT_TEST=y' "$TREE/$KCONF"; then
	say "KUnit: series/$BASE has no brk KUnit suite yet ($KCONF with CONFIG_BRK_KUNIT_TEST): skipped"
	echo "0 0 1" >"$RESULT"
	stage_end "$ARCH: skipped, no suite"
	exit 2
fi

opts=(--kunitconfig="$KCONF" --build_dir="$BDIR" --jobs="$JOBS" --json="$JSON" --timeout=900)
case $ARCH in
x86_64) opts+=(--arch=x86_64 --make_options="CC=ccache gcc") ;;
arm64)
	need_cmd aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
	need_cmd qemu-system-aarch64 qemu-system-arm
	opts+=(--arch=arm64 --cross_compile=aarch64-linux-gnu- --make_options="CC=ccache aarch64-linux-gnu-gcc")
	;;
um) opts+=(--arch=um --make_options="CC=ccache gcc") ;;
*) die "unknown ARCH '$ARCH' for KUnit (x86_64, arm64 or um)" ;;
esac
[ "$ARCH" = x86_64 ] && need_cmd qemu-system-x86_64 qemu-system-x86
mkdir -p "$BDIR"
rm -f "$JSON"
set +e
(cd "$TREE" && ./tools/testing/kunit/kunit.py run "${opts[@]}") >"$LOG" 2>&1
krc=$?
set -e

counts=$(python3 - "$JSON" <<'PY' 2>/dev/null || echo "0 0 0"
import json, sys
d = json.load(open(sys.argv[1]))
c = {"PASS": 0, "FAIL": 0, "SKIP": 0}
def walk(t):
    for s in t.get("sub_groups", []):
        walk(s)
    for tc in t.get("test_cases", []):
        st = tc.get("status", "FAIL")
        c[st if st in c else "FAIL"] += 1
walk(d)
print(c["PASS"], c["FAIL"], c["SKIP"])
PY
)
read -r p f s <<<"$counts"
splats=$(grep -E '(BUG:|WARNING:|Oops|Kernel panic|KASAN:|circular locking|Unable to handle)' \
	"$BDIR/test.log" 2>/dev/null | head -n 10 || true)
if [ "$krc" != 0 ] || [ "$f" != 0 ] || [ -n "$splats" ] || [ "$p" = 0 ]; then
	[ "$f" = 0 ] && f=1
	echo "$p $f $s" >"$RESULT"
	[ -z "$splats" ] || say "$splats" | sed 's/^/  ! /' >&2
	tail -n 30 "$LOG" | sed 's/^/  | /' >&2
	die "KUnit on $ARCH failed (kunit.py exit $krc, $p passed, $f failed; log: $LOG, kernel log: $BDIR/test.log)"
fi
echo "$p $f $s" >"$RESULT"
grep -E '^\[..:..:..\] (Testing complete|=+ \[|Elapsed)' "$LOG" | tail -n 3 || true
stage_end "$ARCH: $p passed, $f failed, $s skipped"
