#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the series' KUnit suite with tools/testing/kunit/kunit.py and write
# "passed failed skipped" to RESULT.
#
# x86_64 and arm64: the suite is built into the test kernel (the one make
# run boots; build-kernel.sh merges the tree's lib/tests/brk.kunitconfig into
# it), and "kunit.py exec" boots that kernel in QEMU (TCG, 2 vCPUs, see
# scripts/kunit-qemu/) and parses its KTAP output.  um: "kunit.py run
# --kunitconfig=lib/tests/brk.kunitconfig --arch=um" configures, builds and runs a UML
# kernel of its own.
#
# usage: scripts/kunit.sh BASE ARCH RESULT [CONFIG]
#        ARCH: x86_64, arm64 or um; CONFIG (x86_64, arm64): test (default) or
#        debug, the kernel flavour that carries the suite
# Exit status: 0 all passed, 1 failure or crash, 2 no suite in the series.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 3 ] || [ $# -eq 4 ] || die "usage: $0 BASE x86_64|arm64|um RESULT [test|debug]"
BASE=$1 ARCH=$2 RESULT=$3 KCONFIG=${4:-test}
check_base "$BASE"
TREE=$(tree_dir "$BASE")
KCONF=$KUNITCONFIG
LOG=$LOGS/kunit-$BASE-$ARCH-${4:-test}.log
case $ARCH in
x86_64 | arm64)
	case $KCONFIG in
	test | debug) ;;
	*) die "KUnit runs in the test or the debug kernel, not '$KCONFIG'" ;;
	esac
	kernel_args "$BASE" "$ARCH" "$KCONFIG" patched
	BDIR=$OUT
	;;
um) BDIR=$ROOT/kunit/$BASE/$ARCH ;;
*) die "unknown ARCH '$ARCH' for KUnit (x86_64, arm64 or um)" ;;
esac
JSON=$LOGS/kunit-$BASE-$ARCH-${4:-test}.json

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

mkdir -p "$LOGS"
rm -f "$JSON" "$BDIR/test.log"
if [ "$ARCH" = um ]; then
	mkdir -p "$BDIR"
	# kunit.py's UML defaults (configs/arch_uml.config) enable PCI over
	# virtio without a device ID, and 6.12's um_pci_init() WARNs about
	# that at every boot; the brk suite needs no PCI.
	cmd=(run --kunitconfig="$KCONF" --build_dir="$BDIR" --jobs="$JOBS" --arch=um
		--kconfig_add=CONFIG_UML_PCI_OVER_VIRTIO=n --make_options="CC=ccache gcc")
else
	need_cmd "qemu-system-$(qemu_arch "$ARCH")" "$([ "$ARCH" = arm64 ] && echo qemu-system-arm || echo qemu-system-x86)"
	"$TOP/scripts/build-kernel.sh" "$BASE" "$ARCH" "$KCONFIG" patched
	grep -qx 'CONFIG_BRK_KUNIT_TEST=y' "$BDIR/.config" ||
		die "the test kernel in $BDIR has no CONFIG_BRK_KUNIT_TEST=y"
	cmd=(exec --build_dir="$BDIR" --qemu_config="$TOP/scripts/kunit-qemu/$ARCH.py")
	# TCG only, whatever accelerators kunit.py asks for (see qemu-tcg).
	wrap=$ROOT/kunit-qemu-bin
	mkdir -p "$wrap"
	ln -sf "$TOP/scripts/kunit-qemu/qemu-tcg" "$wrap/qemu-system-$(qemu_arch "$ARCH")"
	export PATH="$wrap:$PATH"
fi
set +e
(cd "$TREE" && ./tools/testing/kunit/kunit.py "${cmd[@]}" --json="$JSON" --timeout=900) >"$LOG" 2>&1
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
