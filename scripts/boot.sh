#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot a kernel and initramfs under QEMU (TCG, never KVM), print what the
# guest's /harness/cmd printed, and exit with its exit status.  A guest that
# panics, oopses, WARNs or does not finish in time fails (exit 124 for a
# timeout, 125 for a splat or a guest that died), with the console log kept
# and its tail printed.
#
# usage: scripts/boot.sh ARCH KERNEL INITRAMFS LOG
# env:   SMP (default 2; 1 under ICOUNT=1), MEM (default 1G), TIMEOUT
#        (seconds, default 900), ICOUNT=1 (deterministic instruction clock),
#        QEMU_PLUGIN (a TCG plugin and its arguments, as for -plugin),
#        NODES (NUMA nodes, 1 or 2, default 2: MEM split evenly, vCPU i on
#        node i % 2)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 4 ] || die "usage: $0 ARCH KERNEL INITRAMFS LOG"
ARCH=$1 KERNEL=$2 INITRD=$3 LOG=$4
check_arch "$ARCH"
ICOUNT=${ICOUNT:-0}
if [ "$ICOUNT" = 1 ]; then SMP=${SMP:-1}; else SMP=${SMP:-2}; fi
MEM=${MEM:-1G}
NODES=${NODES:-2}
TIMEOUT=${TIMEOUT:-900}
QEMU=qemu-system-$(qemu_arch "$ARCH")

stage_begin boot
need_cmd "$QEMU" "$([ "$ARCH" = arm64 ] && echo qemu-system-arm || echo qemu-system-x86)"
need_cmd timeout coreutils
[ -f "$KERNEL" ] || die "no kernel image $KERNEL"
[ -f "$INITRD" ] || die "no initramfs $INITRD"

# oops=panic and panic=-1: an oops ends the guest at once instead of
# leaving a half-dead system to time out.
# A kernel that carries the KUnit suite (the test config) does not run it
# on these boots: make kunit does, with kunit.py.
append="panic=-1 oops=panic rdinit=/init kunit.enable=0"
case $ARCH in
x86_64)
	machine=(-M q35 -cpu max)
	append="console=ttyS0 $append"
	;;
arm64)
	# pauth-impdef: QEMU's pointer authentication algorithm is much
	# slower under TCG than the implementation-defined one.
	# shellcheck disable=SC2054 # commas belong to the QEMU option
	machine=(-M virt -cpu max,pauth-impdef=on)
	append="console=ttyAMA0 $append"
	;;
esac
plugin=()
[ -z "${QEMU_PLUGIN:-}" ] || plugin=(-plugin "$QEMU_PLUGIN")
icount=()
if [ "$ICOUNT" = 1 ]; then
	# shellcheck disable=SC2054 # commas belong to the QEMU option
	icount=(-icount shift=0,sleep=off)
	# A fixed address-space layout: with randomized mmap/brk bases the
	# page-table work, and so the instruction count, differs run to run.
	append="$append norandmaps nokaslr"
fi

# Two NUMA nodes by default, so that page migration between nodes
# (move_pages(), NUMA balancing) has somewhere to go.  Each vCPU is a socket
# of its own (-smp sockets=): x86_64 WARNs at boot about two cores that share
# a cache on different nodes.
numa=()
case $NODES in
1) ;;
2)
	case $MEM in
	*[Gg]) mib=$((${MEM%[Gg]} * 1024)) ;;
	*[Mm]) mib=${MEM%[Mm]} ;;
	*) die "MEM=$MEM: give it in M or G, e.g. 1G" ;;
	esac
	[ $((mib % 2)) = 0 ] || die "MEM=$MEM cannot be split over two NUMA nodes"
	cpus0='' cpus1=''
	for ((c = 0; c < SMP; c++)); do
		if [ $((c % 2)) = 0 ]; then cpus0="$cpus0,cpus=$c"; else cpus1="$cpus1,cpus=$c"; fi
	done
	for n in 0 1; do
		cpus=cpus$n
		numa+=(-object "memory-backend-ram,id=mem$n,size=$((mib / 2))M"
			-numa "node,nodeid=$n,memdev=mem$n${!cpus}")
	done
	;;
*) die "NODES must be 1 or 2, not '$NODES'" ;;
esac

mkdir -p "$(dirname "$LOG")"
rm -f "$LOG"
start=$(date +%s)
set +e
timeout --foreground -k 10 "$TIMEOUT" "$QEMU" -accel tcg "${machine[@]}" "${icount[@]}" "${plugin[@]}" \
	-smp "$SMP,sockets=$SMP" -m "$MEM" "${numa[@]}" -nodefaults -display none -monitor none -no-reboot \
	-serial "file:$LOG" -kernel "$KERNEL" -initrd "$INITRD" -append "$append" \
	</dev/null >"$LOG.qemu" 2>&1
qrc=$?
set -e
elapsed=$(($(date +%s) - start))
[ -f "$LOG" ] || die "QEMU did not start ($QEMU exit $qrc): $(head -c 2000 "$LOG.qemu")"
tr -d '\r' <"$LOG" >"$LOG.txt" && mv "$LOG.txt" "$LOG"

# What the payload printed: the lines between the markers, without kernel
# lines (those carry a [ seconds.micros] timestamp).
awk '/^@@HARNESS-BEGIN@@/ { on = 1; next }
     /^@@HARNESS-EXIT@@/ { exit }
     on && !/^\[ *[0-9]+\.[0-9]+\] / { print }' "$LOG"
rc=$(sed -n 's/^@@HARNESS-EXIT@@ \([0-9][0-9]*\)$/\1/p' "$LOG" | head -n 1)

# Splats, from the console and from the kernel log printed after the run.
splat_re='(BUG:|WARNING:|Oops|Kernel panic|Unable to handle|general protection fault|KASAN:|UBSAN:|circular locking|possible recursive locking|blocked for more than|soft lockup|hard LOCKUP|RCU stall|rcu_.*detected stall|kernel BUG at|Call Trace:)'
splats=$(grep -E "$splat_re" "$LOG" | grep -E '^\[ *[0-9]+\.[0-9]+\] |^<[0-9]>' || true)

fail() {
	say "------ last 40 lines of the console log ($LOG) ------" >&2
	tail -n 40 "$LOG" | sed 's/^/  | /' >&2
	say "ERROR: $1 (console log: $LOG)" >&2
	exit "$2"
}
if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	fail "guest did not finish within ${TIMEOUT}s ($ARCH, $(basename "$KERNEL"))" 124
fi
if [ -n "$splats" ]; then
	say "$splats" | head -n 20 | sed 's/^/  ! /' >&2
	fail "the kernel splatted (above)" 125
fi
if [ -z "$rc" ]; then
	grep -q '^@@HARNESS-BEGIN@@' "$LOG" ||
		fail "the guest never reached the harness /init (QEMU exit $qrc)" 125
	fail "the guest died before the payload finished (QEMU exit $qrc)" 125
fi
grep -q '^@@HARNESS-END@@' "$LOG" || fail "the guest stopped while printing its kernel log" 125
stage_end "$ARCH smp=$SMP nodes=$NODES$([ "$ICOUNT" = 1 ] && echo " icount"): exit $rc in ${elapsed}s" >&2
exit "$rc"
