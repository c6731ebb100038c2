#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build an uncompressed cpio initramfs for ARCH: static busybox from Debian,
# the harness's /init, and either the installed brk kselftests or a payload.
#
# usage: scripts/build-initramfs.sh ARCH SRC OUTPUT.cpio kselftest INSTALL_DIR
#        scripts/build-initramfs.sh ARCH SRC OUTPUT.cpio payload BINARY [ARGS]
# env:   GUEST_ENV (NAME=value words exported to the tests or the payload)
# SRC is a kernel source tree (for usr/gen_init_cpio.c).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -ge 5 ] || die "usage: $0 ARCH SRC OUTPUT.cpio kselftest DIR | payload BINARY [ARGS]"
ARCH=$1 SRC=$2 CPIO=$3 MODE=$4 WHAT=$5
ARGS=${6:-}
check_arch "$ARCH"
BUSYBOX=$BUILD/pkgs/$ARCH/bin/busybox
GEN=$BUILD/tools/gen_init_cpio

stage_begin initramfs
[ -x "$BUSYBOX" ] || die "no static busybox for $ARCH at $BUSYBOX (make deps ARCH=$ARCH fetches busybox-static)"
grep -q "Machine: *$(elf_machine "$ARCH")" < <(LC_ALL=C readelf -h "$BUSYBOX") ||
	die "$BUSYBOX is not an $ARCH binary"

# The kernel's own cpio writer, built once for the host.
if [ ! -x "$GEN" ] || [ "$SRC/usr/gen_init_cpio.c" -nt "$GEN" ]; then
	mkdir -p "$(dirname "$GEN")"
	gcc -O2 -o "$GEN" "$SRC/usr/gen_init_cpio.c" || die "cannot build gen_init_cpio from $SRC/usr"
fi

mkdir -p "$(dirname "$CPIO")"
spec=$CPIO.list
cmd=$CPIO.cmd
{
	for d in /bin /sbin /usr /usr/bin /usr/sbin /dev /proc /sys /tmp /root /harness; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "nod /dev/null 0666 0 0 c 1 3"
	echo "file /bin/busybox $BUSYBOX 0755 0 0"
	echo "slink /bin/sh busybox 0777 0 0"
	echo "file /init $TOP/scripts/guest-init.sh 0755 0 0"
	echo "file /harness/cmd $cmd 0644 0 0"
} >"$spec"

check_static() {
	local h
	h=$(LC_ALL=C readelf -lh "$1" 2>/dev/null) || die "$1 is not an ELF binary"
	grep -q "Machine: *$(elf_machine "$ARCH")" <<<"$h" ||
		die "$1 is not an $ARCH binary ($(grep Machine: <<<"$h" | sed 's/ *Machine: *//'))"
	! grep -q INTERP <<<"$h" ||
		die "$1 is dynamically linked: the guest has no libc, link it with -static"
}

# GUEST_ENV: variables for the tests, e.g. BRK_RMAP_SECONDS=60.
guest_env() {
	local v
	for v in ${GUEST_ENV:-}; do
		[[ $v =~ ^[A-Z_][A-Z0-9_]*=[A-Za-z0-9_.,:/-]*$ ]] ||
			die "GUEST_ENV: '$v' is not NAME=value (letters, digits, _.,:/-)"
		echo "export $v"
	done
}

case $MODE in
kselftest)
	[ -x "$WHAT/run_kselftest.sh" ] || die "no run_kselftest.sh in $WHAT (build the selftests first)"
	{
		guest_env
		echo "cd /kselftest && ./run_kselftest.sh -c brk"
	} >"$cmd"
	(cd "$WHAT" && find . -mindepth 1 | sort) | while read -r p; do
		p=${p#./}
		mode=$(stat -c %a "$WHAT/$p")
		if [ -d "$WHAT/$p" ]; then
			echo "dir /kselftest/$p $mode 0 0"
		else
			echo "file /kselftest/$p $WHAT/$p $mode 0 0"
		fi
	done | sed '1i dir /kselftest 0755 0 0' >>"$spec"
	detail="brk kselftests"
	;;
payload)
	[ -f "$WHAT" ] || die "PAYLOAD $WHAT does not exist"
	check_static "$WHAT"
	# The payload keeps its name (argv[0]), which multi-call binaries use.
	pname=$(basename "$WHAT")
	{
		guest_env
		echo "exec /harness/bin/$pname $ARGS"
	} >"$cmd"
	{
		echo "dir /harness/bin 0755 0 0"
		echo "file /harness/bin/$pname $(readlink -f "$WHAT") 0755 0 0"
	} >>"$spec"
	detail="payload $(basename "$WHAT")${ARGS:+ $ARGS}"
	;;
*) die "unknown initramfs mode '$MODE' (kselftest or payload)" ;;
esac

"$GEN" "$spec" >"$CPIO.tmp" || die "gen_init_cpio failed on $spec"
mv "$CPIO.tmp" "$CPIO"
stage_end "$detail: $CPIO ($(($(stat -c %s "$CPIO") / 1024)) KiB)"
