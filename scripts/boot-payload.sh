#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the chosen kernel with a static binary as the guest's payload.
# Standard output carries exactly what the payload printed; the harness's
# own progress goes to standard error.  The exit status is the payload's,
# or 124 (timeout) / 125 (splat or dead guest).
#
# usage: scripts/boot-payload.sh BASE ARCH CONFIG SERIES PAYLOAD [ARGS]
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -ge 5 ] || die "usage: $0 BASE ARCH CONFIG patched|none PAYLOAD [ARGS]"
BASE=$1 ARCH=$2 CONFIG=$3 SERIES=$4 PAYLOAD=$5
ARGS=${6:-}
S=$TOP/scripts
OUT=$(out_dir "$BASE" "$ARCH" "$CONFIG" "$SERIES")
NAME=payload-$BASE-$ARCH-$CONFIG-$SERIES

exec 3>&1 1>&2
[ -f "$PAYLOAD" ] || die "PAYLOAD=$PAYLOAD: no such file"
"$S/build-kernel.sh" "$BASE" "$ARCH" "$CONFIG" "$SERIES"
"$S/build-initramfs.sh" "$ARCH" "$(src_dir "$BASE" "$SERIES")" "$ROOT/initramfs/$NAME.cpio" \
	payload "$PAYLOAD" "$ARGS"
set +e
"$S/boot.sh" "$ARCH" "$OUT/$(kernel_image "$ARCH")" "$ROOT/initramfs/$NAME.cpio" \
	"$LOGS/$NAME.console" >&3
rc=$?
set -e
mkdir -p "$ROOT/results"
echo "$rc" >"$ROOT/results/boot-exit-status"
say "payload exit status: $rc (console log: $LOGS/$NAME.console)"
exit "$rc"
