#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A/B benchmark of the unpatched and the patched kernel: both built from
# configs/bench.config, both booted with the series' brk_bench as the
# payload, under ICOUNT (-icount shift=0,sleep=off: guest nanoseconds are
# guest instructions, deterministic) and on the wall clock (TCG, A/B
# interleaved, BENCH_RUNS runs each, median).  Writes build/bench/
# results.json, results.md and chart.png.
#
# usage: scripts/bench.sh BASE "ARCHES"
# env:   BENCH_RUNS (wall-clock runs per kernel, default 3), BENCH_ICOUNT_RUNS
#        (default 2), BENCH_ARGS (brk_bench options on the wall clock,
#        default "-s 0.25"), BENCH_ICOUNT_ARGS (under ICOUNT, default the
#        same without the contention workload, whose time under ICOUNT's
#        round-robin vCPUs is the scheduler's more than brk's), BENCH_SMP
#        (vCPUs on the wall clock, default 2; ICOUNT runs use one),
#        BENCH_PATCHES (patch numbers of series/BASE, e.g. "1 12 18": the
#        kernel after each of those patches joins the ICOUNT runs, in the
#        same boots' rounds as unpatched and patched)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || die "usage: $0 BASE \"x86_64 arm64\""
BASE=$1 ARCHES=$2
check_base "$BASE"
S=$TOP/scripts
B=$BUILD/bench
RUNS=${BENCH_RUNS:-3}
IRUNS=${BENCH_ICOUNT_RUNS:-2}
ARGS=${BENCH_ARGS:--s 0.25}
IARGS=${BENCH_ICOUNT_ARGS:--s 0.25 -w brk1,brk2,touched,large_1m,large_32m,mmap_munmap,mmap_touch_munmap,mprotect,munmap_tail,malloc_trim}
WSMP=${BENCH_SMP:-2}
PATCHES=${BENCH_PATCHES:-}
# The kernels after single patches are built in a worktree of their own,
# at the same relative paths as the main ones (so ccache shares objects),
# checked out at each patch in turn and built incrementally.
AT=$BUILD/at
mkdir -p "$B/raw"
rm -f "$B"/raw/*.out

stage_begin bench
for arch in $ARCHES; do
	check_arch "$arch"
	for series in none patched; do
		"$S/build-kernel.sh" "$BASE" "$arch" bench "$series"
	done
	# The benchmark comes from the patched tree, built against its headers.
	"$S/build-selftests.sh" "$BASE" "$arch" bench patched
	bin=$(out_dir "$BASE" "$arch" bench patched)/kselftest-install/brk/brk_bench
	[ -x "$bin" ] || die "no brk_bench in the series' selftests ($bin)"
	for series in none patched; do
		"$S/build-initramfs.sh" "$arch" "$(src_dir "$BASE" "$series")" \
			"$B/$arch-wall-$series.cpio" payload "$bin" "$ARGS"
		"$S/build-initramfs.sh" "$arch" "$(src_dir "$BASE" "$series")" \
			"$B/$arch-icount-$series.cpio" payload "$bin" "$IARGS"
	done
	mkdir -p "$B/img"
	for p in $PATCHES; do
		sha=$(git -C "$(tree_dir "$BASE")" rev-list --reverse base..HEAD | sed -n "${p}p")
		[ -n "$sha" ] || die "BENCH_PATCHES: series/$BASE has no patch $p"
		[ -e "$AT/tree/$BASE/.git" ] || {
			git -C "$(base_repo "$BASE")" worktree prune
			git -C "$(base_repo "$BASE")" worktree add -q --detach "$AT/tree/$BASE" base
		} ||
			die "cannot create the worktree $AT/tree/$BASE"
		git -C "$AT/tree/$BASE" checkout -q --detach -f "$sha" ||
			die "cannot check out patch $p ($sha) in $AT/tree/$BASE"
		say "  $arch: the kernel after patch $p: $(git -C "$AT/tree/$BASE" log -1 --format=%s)"
		ROOT=$AT "$S/build-kernel.sh" "$BASE" "$arch" bench patched
		cp "$(ROOT=$AT out_dir "$BASE" "$arch" bench patched)/$(kernel_image "$arch")" \
			"$B/img/$arch-p$p"
	done

	# run MODE SERIES N: one boot; its output goes to raw/.
	run() {
		local mode=$1 series=$2 n=$3 out rc
		local img cpio=$B/$arch-$mode-$series.cpio
		case $series in
		p[0-9]*)
			# The kernel after one patch, with the series' payload.
			img=$B/img/$arch-$series
			cpio=$B/$arch-$mode-patched.cpio ;;
		*) img=$(out_dir "$BASE" "$arch" bench "$series")/$(kernel_image "$arch") ;;
		esac
		out=$B/raw/$arch-$mode-$series-$n.out
		set +e
		# ICOUNT: one vCPU, or the second one's interleaving makes the
		# counts vary by several per cent; the wall clock: BENCH_SMP.
		ICOUNT=$([ "$mode" = icount ] && echo 1 || echo 0) \
			SMP=$([ "$mode" = icount ] && echo 1 || echo "$WSMP") \
			"$S/boot.sh" "$arch" "$img" "$cpio" \
			"$LOGS/bench-$arch-$mode-$series-$n.console" >"$out"
		rc=$?
		set -e
		if [ "$rc" != 0 ] || ! grep -qx 'done' "$out"; then
			die "bench: $arch $mode $series run $n failed (exit $rc; output $out, console $LOGS/bench-$arch-$mode-$series-$n.console)"
		fi
		say "  $arch $mode $series run $n: $(grep -c ns_per_op= "$out") workloads"
	}
	for n in $(seq "$IRUNS"); do
		run icount none "$n"
		for p in $PATCHES; do
			run icount "p$p" "$n"
		done
		run icount patched "$n"
	done
	for n in $(seq "$RUNS"); do
		run wall none "$n"
		run wall patched "$n"
	done
done

# shellcheck disable=SC2086 # ARCHES is a list
BENCH_PATCHES=$PATCHES python3 "$S/bench-report.py" "$B" "$BASE" "ICOUNT (1 vCPU): $IARGS; wall clock ($WSMP vCPUs): $ARGS" "$WSMP" $ARCHES
if command -v gnuplot >/dev/null; then
	gnuplot "$B/chart.gp" || die "gnuplot failed on $B/chart.gp"
else
	warn "gnuplot is not installed (apt-get install gnuplot-nox): no chart"
fi
stage_end "$B/results.md, results.json, chart.png"
