# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the harness stages. Sourced, never run.
# shellcheck shell=bash

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
# ROOT holds trees and kernel outputs. make check uses $BUILD/check so that
# its per-patch builds sit at the same relative paths as the main ones and
# ccache (base_dir $BUILD) shares their objects.
ROOT=${ROOT:-$BUILD}
# shellcheck disable=SC2034 # used by the scripts that source this file
LOGS=$ROOT/logs

# The kernel's own make must not inherit our command line (BASE=, CONFIG=,
# ARCH=...) through MAKEFLAGS.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

JOBS=${JOBS:-$(nproc)}
export CCACHE_BASEDIR=$BUILD
export CCACHE_NOHASHDIR=1
export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
export KBUILD_BUILD_USER=brk
export KBUILD_BUILD_HOST=harness

_stage_name=
_stage_start=

say() { printf '%s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
	printf 'ERROR: %s\n' "$*" >&2
	exit 1
}

# stage_begin NAME: remember the stage for stage_end and for errors.
stage_begin() {
	_stage_name=$1
	_stage_start=$(date +%s)
}

# stage_end [DETAIL]: one progress line with the elapsed time.
stage_end() {
	local t=$(($(date +%s) - _stage_start))
	printf '==> %-10s %ss%s\n' "$_stage_name" "$t" "${1:+  $1}" >&2
}

# run_logged LOG WHAT CMD...: run CMD with its output in LOG; on failure
# say what was being done, show the log tail and where the full log is.
run_logged() {
	local log=$1 what=$2
	shift 2
	mkdir -p "$(dirname "$log")"
	if ! "$@" >"$log" 2>&1; then
		printf 'ERROR: %s failed. Last lines of %s:\n' "$what" "$log" >&2
		tail -n 30 "$log" | sed 's/^/  | /' >&2
		printf 'ERROR: %s failed (full log: %s)\n' "$what" "$log" >&2
		exit 1
	fi
}

# need_cmd CMD PACKAGE: fail naming the Debian package when CMD is missing.
need_cmd() {
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found: install the Debian package '$2' (make deps does it)"
}

check_base() {
	case $1 in
	7.3 | 6.12 | 6.1) ;;
	*) die "unknown BASE '$1' (known: 7.3, 6.12, 6.1)" ;;
	esac
	[ -f "$TOP/series/$1/BASE" ] || die "series/$1/BASE is missing"
}

check_arch() {
	case $1 in
	x86_64 | arm64) ;;
	*) die "unknown ARCH '$1' (known: x86_64, arm64)" ;;
	esac
}

# Paths shared by the stages.
base_repo() { echo "$BUILD/base/$1"; }
tree_dir() { echo "$ROOT/tree/$1"; }
branch_name() { echo "series-$1"; }

# src_dir BASE SERIES: the source a kernel is built from.
src_dir() {
	if [ "$2" = none ]; then base_repo "$1"; else tree_dir "$1"; fi
}

# out_dir BASE ARCH CONFIG SERIES: the O= directory of that kernel.
out_dir() {
	local s=
	[ "$4" = none ] && s=-base
	echo "$ROOT/out/$1/$2-$3$s"
}

# KUNITCONFIG: the series' KUnit configuration, relative to the source.
KUNITCONFIG=lib/tests/brk.kunitconfig

# config_fragments ARCH CONFIG [SRC]: the fragments a kernel is configured
# from.  The test kernel also carries the series' KUnit suite: when SRC has
# $KUNITCONFIG, it is merged last, so that one build serves the
# kselftests (booted with kunit.enable=0) and kunit.py exec.
# The debug flavour builds on the test flavour: the same fragments, then
# configs/debug.config (and the KUnit suite with them).
config_fragments() {
	local f flavours=$2
	[ "$2" = debug ] && flavours="test debug"
	for f in common "$1"; do
		[ -f "$TOP/configs/$f.config" ] && echo "$TOP/configs/$f.config"
	done
	for f in $flavours; do
		[ -f "$TOP/configs/$f.config" ] && echo "$TOP/configs/$f.config"
		[ -f "$TOP/configs/$f-$1.config" ] && echo "$TOP/configs/$f-$1.config"
	done
	if [[ " $flavours " = *" test "* ]] && [ -n "${3:-}" ] && [ -f "$3/$KUNITCONFIG" ]; then
		echo "$3/$KUNITCONFIG"
	fi
	return 0
}

# config_stamp ARCH CONFIG [SRC]: a fingerprint of those fragments.
config_stamp() {
	config_fragments "$@" | xargs cat | sha256sum | cut -c1-16
}

# source_stamp SRC: the git tree of a clean source directory, or nothing
# when it has changes that are not committed.
source_stamp() {
	[ -z "$(git -C "$1" status --porcelain 2>/dev/null)" ] || return 0
	git -C "$1" rev-parse -q --verify 'HEAD^{tree}' 2>/dev/null || true
}

# kernel_args BASE ARCH CONFIG SERIES: check a kernel's coordinates and set
# BASE, ARCH, CONFIG, SERIES and OUT (its O= directory).
kernel_args() {
	[ $# -eq 4 ] || die "usage: $0 BASE ARCH CONFIG patched|none"
	BASE=$1 ARCH=$2 CONFIG=$3 SERIES=$4
	check_base "$BASE"
	check_arch "$ARCH"
	case $SERIES in
	patched | none) ;;
	*) die "SERIES must be 'patched' or 'none', not '$SERIES'" ;;
	esac
	# shellcheck disable=SC2034 # set for the calling script
	OUT=$(out_dir "$BASE" "$ARCH" "$CONFIG" "$SERIES")
}

# qemu_arch ARCH: the QEMU system emulator's suffix.
qemu_arch() {
	case $1 in
	x86_64) echo x86_64 ;;
	arm64) echo aarch64 ;;
	esac
}

# elf_machine ARCH: what readelf -h says for a binary of ARCH.
elf_machine() {
	case $1 in
	x86_64) echo 'Advanced Micro Devices X86-64' ;;
	arm64) echo AArch64 ;;
	esac
}

cross_compile() {
	case $1 in
	arm64) echo aarch64-linux-gnu- ;;
	*) echo "" ;;
	esac
}

kernel_image() {
	case $1 in
	x86_64) echo arch/x86/boot/bzImage ;;
	arm64) echo arch/arm64/boot/Image ;;
	esac
}

# kmake OUT ARCH ARGS...: the kernel's make for ARCH into OUT, with ccache.
kmake() {
	local out=$1 arch=$2 cc
	shift 2
	cc=$(cross_compile "$arch")
	make -j"$JOBS" O="$out" ARCH="$arch" CROSS_COMPILE="$cc" \
		CC="ccache ${cc}gcc" HOSTCC="ccache gcc" LOCALVERSION= "$@"
}
