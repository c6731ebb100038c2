#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the brk kselftests statically for ARCH with the kernel's own
# kselftest build and install them (with run_kselftest.sh) under
# $OUT/kselftest-install, where OUT is the kernel's O= directory.
#
# usage: scripts/build-selftests.sh BASE ARCH CONFIG SERIES   (SERIES: patched|none)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

kernel_args "$@"
# The selftests always come from the patched tree; SERIES picks the kernel
# (headers and O= directory) they are built against.
SRC=$(tree_dir "$BASE")
INST=$OUT/kselftest-install
LOG=$LOGS/selftests-$BASE-$ARCH-$CONFIG-$SERIES.log
CC=$(cross_compile "$ARCH")

stage_begin selftests
[ -d "$SRC/tools/testing/selftests/brk" ] ||
	die "$SRC has no tools/testing/selftests/brk (is the series applied? make tree BASE=$BASE)"
[ -d "$OUT/usr/include" ] || die "no kernel headers in $OUT/usr/include (build the kernel first)"
need_cmd "${CC}gcc" "$([ "$ARCH" = arm64 ] && echo gcc-aarch64-linux-gnu || echo gcc)"

# lib.mk appends to LDFLAGS from the environment: -static makes binaries
# that run on the busybox initramfs.
rm -rf "$INST"
run_logged "$LOG" "building the brk kselftests ($BASE $ARCH $SERIES)" \
	env LDFLAGS=-static make -C "$SRC/tools/testing/selftests" O="$OUT" \
	ARCH="$ARCH" CROSS_COMPILE="$CC" TARGETS=brk \
	KSFT_INSTALL_PATH="$INST" INSTALL_PATH="$INST" install

n=0
machine=$(elf_machine "$ARCH")
for f in "$INST"/brk/*; do
	if [ ! -f "$f" ] || [ ! -x "$f" ]; then continue; fi
	head -c 4 "$f" | grep -q ELF || continue
	h=$(LC_ALL=C readelf -lh "$f")
	grep -q "Machine: *$machine" <<<"$h" || die "$f is not a $ARCH binary"
	! grep -q 'INTERP' <<<"$h" || die "$f is dynamically linked; the initramfs has no libc"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || die "no brk kselftest binaries were installed in $INST/brk (see $LOG)"
stage_end "$n static $ARCH binaries in $INST"
