#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Where the guest instructions of one brk_bench workload go, by kernel
# function: boots the bench kernel twice under ICOUNT with the tb-count TCG
# plugin (scripts/profile/tb-count.c), once with the workload's op count and
# once with twice as many, and prints the difference per operation, so boot
# and set-up cancel out (scripts/profile/symbolize.py).
#
# usage: scripts/profile.sh BASE ARCH SERIES WORKLOAD
# env:   PROFILE_SCALE (brk_bench -s of the shorter run, default 0.25),
#        PROFILE_TOP (functions printed, default 40)
# Writes build/profile/<ARCH>-<SERIES>-<WORKLOAD>.txt.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 4 ] || die "usage: $0 BASE ARCH patched|none WORKLOAD"
BASE=$1 ARCH=$2 SERIES=$3 WL=$4
check_base "$BASE"
check_arch "$ARCH"
SCALE=${PROFILE_SCALE:-0.25}
NTOP=${PROFILE_TOP:-40}
S=$TOP/scripts
P=$BUILD/profile
mkdir -p "$P"

stage_begin profile
need_cmd gcc gcc
need_cmd python3 python3
gcc -O2 -Wall -Wextra -Werror -shared -fPIC -fvisibility=hidden \
	-o "$P/tb-count.so" "$S/profile/tb-count.c" ||
	die "cannot build the TCG plugin scripts/profile/tb-count.c"

"$S/build-kernel.sh" "$BASE" "$ARCH" bench "$SERIES"
# The benchmark comes from the patched tree, as in make bench.
"$S/build-selftests.sh" "$BASE" "$ARCH" bench patched
OUT=$(out_dir "$BASE" "$ARCH" bench "$SERIES")
bin=$(out_dir "$BASE" "$ARCH" bench patched)/kselftest-install/brk/brk_bench
[ -x "$bin" ] || die "no brk_bench in the series' selftests ($bin)"
name=$ARCH-$SERIES-$WL
total=()
for n in 1 2; do
	scale=$(python3 -c "print($SCALE * $n)")
	cpio=$P/$name-$n.cpio
	"$S/build-initramfs.sh" "$ARCH" "$(src_dir "$BASE" "$SERIES")" "$cpio" \
		payload "$bin" "-s $scale -w $WL"
	ICOUNT=1 QEMU_PLUGIN="$P/tb-count.so,out=$P/$name-$n.tb" \
		"$S/boot.sh" "$ARCH" "$OUT/$(kernel_image "$ARCH")" "$cpio" \
		"$LOGS/profile-$name-$n.console" >"$P/$name-$n.out" ||
		die "profile: boot $n failed (console $LOGS/profile-$name-$n.console)"
	line=$(grep "^$WL " "$P/$name-$n.out" || true)
	ops=$(sed -n 's/.* ops=\([0-9]*\) .*/\1/p' <<<"$line")
	warm=$(sed -n 's/.* warmup=\([0-9]*\).*/\1/p' <<<"$line")
	if [ -z "$ops" ] || [ -z "$warm" ]; then
		die "profile: no '$WL ops=N ... warmup=W' line in $P/$name-$n.out"
	fi
	# The profile covers the untimed warm-up too.
	total+=($((ops + warm)))
	say "  run $n: $(grep "^$WL " "$P/$name-$n.out")"
done
python3 "$S/profile/symbolize.py" "$OUT/System.map" "$P/$name-1.tb" "$P/$name-2.tb" \
	--ops $((total[1] - total[0])) --top "$NTOP" >"$P/$name.txt"
cat "$P/$name.txt"
stage_end "$name: $(head -1 "$P/$name.txt" | awk '{print $1}') instructions per op; $P/$name.txt"
