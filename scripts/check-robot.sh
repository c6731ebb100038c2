#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The configurations the kernel test robot builds that make check's test
# kernels do not, on the series head (the working tree, build/tree/<base>):
#  - NOMMU: riscv nommu_virt_defconfig (Debian's gcc-riscv64-linux-gnu), the
#    whole vmlinux: mm/nommu.c instead of mm/mmap.c and mm/vma.c, so a
#    header or prototype the series changes must still fit there;
#  - CONFIG_COMPAT_BRK=y: the x86_64 test configuration with COMPAT_BRK,
#    the directories the series changes (brk_min() and the ELF loader's
#    use of it are only compiled then);
#  - clang: the x86_64 test configuration built with Debian's LLVM
#    (clang-19: 7.3 needs LLVM 17 or later), the directories the series
#    changes.
# Each build that fails is named with its last lines.  Warnings are not
# counted here (check.sh compares W=1 and sparse per patch).
#
# usage: scripts/check-robot.sh BASE RESULT    writes "passed failed skipped"
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || die "usage: $0 BASE RESULT"
BASE=$1 RESULT=$2
check_base "$BASE"
TREE=$(tree_dir "$BASE")
[ -d "$TREE" ] || die "no tree at $TREE (make tree BASE=$BASE)"
LLVM_SUFFIX=${LLVM_SUFFIX:--19}
need_cmd riscv64-linux-gnu-gcc gcc-riscv64-linux-gnu
need_cmd "clang$LLVM_SUFFIX" "clang$LLVM_SUFFIX"
need_cmd "ld.lld$LLVM_SUFFIX" "lld$LLVM_SUFFIX"
need_cmd "llvm-ar$LLVM_SUFFIX" "llvm$LLVM_SUFFIX"
mkdir -p "$LOGS" "$(dirname "$RESULT")"
pass=0 fail=0
echo "0 1 0" >"$RESULT"
stage_begin robot

# The directories the series changes, for the partial builds: every
# directory of a C file it adds or changes, outside tools/ and Documentation/.
dirs=$(git -C "$TREE" diff --name-only base HEAD -- '*.c' ':!tools' ':!Documentation' |
	xargs -r -n1 dirname | sort -u | sed 's|$|/|' | tr '\n' ' ')
[ -n "$dirs" ] || dirs="mm/"

# build NAME LOG CMD...: one build, counted.
build() {
	local name=$1 log=$2 t0
	shift 2
	t0=$(date +%s)
	if "$@" >"$log" 2>&1; then
		pass=$((pass + 1))
		say "  ok   $name ($(($(date +%s) - t0))s)"
	else
		fail=$((fail + 1))
		grep -E 'error|Error' "$log" | head -n 15 | sed 's/^/       /' || true
		tail -n 5 "$log" | sed 's/^/       /'
		say "  FAIL $name ($(($(date +%s) - t0))s, log: $log)"
	fi
}

B=$BUILD/robot/$BASE
mkdir -p "$B"

nommu() {
	local o=$B/riscv-nommu
	mkdir -p "$o"
	make -C "$TREE" O="$o" ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu- \
		CC="ccache riscv64-linux-gnu-gcc" HOSTCC="ccache gcc" nommu_virt_defconfig &&
		grep -qx '# CONFIG_MMU is not set' "$o/.config" &&
		make -C "$TREE" O="$o" ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu- \
			CC="ccache riscv64-linux-gnu-gcc" HOSTCC="ccache gcc" -j"$JOBS" vmlinux
}

# x86_64 CONFIG=test configuration (as build-kernel.sh makes it) plus $2.
x86_config() {
	local o=$1 extra=$2 main
	main=$BUILD/out/$BASE/x86_64-test
	[ -f "$main/.config" ] || "$TOP/scripts/build-kernel.sh" "$BASE" x86_64 test patched
	mkdir -p "$o"
	cp "$main/.config" "$o/.config"
	# shellcheck disable=SC2086 # extra is a list of options
	[ -z "$extra" ] || "$TREE/scripts/config" --file "$o/.config" $extra
}

# shellcheck disable=SC2086 # dirs is a list
compat_brk() {
	local o=$B/x86_64-compat-brk
	x86_config "$o" "--enable COMPAT_BRK" &&
		kmake "$o" x86_64 -C "$TREE" olddefconfig &&
		grep -qx 'CONFIG_COMPAT_BRK=y' "$o/.config" &&
		kmake "$o" x86_64 -C "$TREE" $dirs fs/binfmt_elf.o
}

# shellcheck disable=SC2086 # dirs is a list
clang_build() {
	local o=$B/x86_64-clang
	x86_config "$o" "" &&
		make -C "$TREE" O="$o" ARCH=x86_64 LLVM="$LLVM_SUFFIX" \
			CC="ccache clang$LLVM_SUFFIX" HOSTCC="ccache clang$LLVM_SUFFIX" olddefconfig &&
		grep -q '^CONFIG_CC_IS_CLANG=y' "$o/.config" &&
		make -C "$TREE" O="$o" ARCH=x86_64 LLVM="$LLVM_SUFFIX" \
			CC="ccache clang$LLVM_SUFFIX" HOSTCC="ccache clang$LLVM_SUFFIX" \
			-j"$JOBS" $dirs
}

build "riscv nommu_virt_defconfig vmlinux (NOMMU)" "$LOGS/robot-$BASE-nommu.log" nommu
build "x86_64 CONFIG_COMPAT_BRK=y: $dirs" "$LOGS/robot-$BASE-compat-brk.log" compat_brk
build "x86_64 clang$LLVM_SUFFIX: $dirs" "$LOGS/robot-$BASE-clang.log" clang_build

echo "$pass $fail 0" >"$RESULT"
stage_end "series/$BASE head: $pass builds passed, $fail failed"
[ "$fail" = 0 ]
