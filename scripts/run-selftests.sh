#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the kernel, the brk kselftests and their initramfs for one arch,
# boot it, print the TAP and write "passed failed skipped" to RESULT.
#
# usage: scripts/run-selftests.sh BASE ARCH CONFIG SERIES RESULT
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 5 ] || die "usage: $0 BASE ARCH CONFIG patched|none RESULT"
BASE=$1 ARCH=$2 CONFIG=$3 SERIES=$4 RESULT=$5
S=$TOP/scripts
OUT=$(out_dir "$BASE" "$ARCH" "$CONFIG" "$SERIES")
NAME=kselftest-$BASE-$ARCH-$CONFIG-$SERIES
TAP=$LOGS/$NAME.tap
mkdir -p "$(dirname "$RESULT")"
rm -f "$RESULT"

"$S/build-kernel.sh" "$BASE" "$ARCH" "$CONFIG" "$SERIES"
"$S/build-selftests.sh" "$BASE" "$ARCH" "$CONFIG" "$SERIES"
"$S/build-initramfs.sh" "$ARCH" "$(src_dir "$BASE" "$SERIES")" \
	"$ROOT/initramfs/$NAME.cpio" kselftest "$OUT/kselftest-install"
set +e
"$S/boot.sh" "$ARCH" "$OUT/$(kernel_image "$ARCH")" "$ROOT/initramfs/$NAME.cpio" \
	"$LOGS/$NAME.console" | tee "$TAP"
rc=${PIPESTATUS[0]}
set -e

read -r p f s < <("$S/tap-count.sh" "$TAP")
# A guest that failed (splat, timeout, death) fails the run even when every
# test case it finished passed.
if [ "$rc" -ge 124 ]; then
	f=$((f + 1))
	say "kselftests $BASE $ARCH ($SERIES): the guest failed (exit $rc), counted as a failure"
elif [ "$rc" != 0 ] && [ "$f" = 0 ]; then
	f=1
fi
[ $((p + f + s)) -gt 0 ] || f=1
echo "$p $f $s" >"$RESULT"
say "kselftests $BASE $ARCH ($SERIES): $p passed, $f failed, $s skipped (TAP: $TAP)"
[ "$f" = 0 ]
