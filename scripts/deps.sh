#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the harness needs (as root), and fetch the
# static busybox for each guest architecture into build/pkgs/.
#
# usage: scripts/deps.sh [ARCH...]     env: EXTRA_PKGS (more packages)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

PKGS="make gcc libc6-dev binutils perl python3 git xz-utils cpio rsync bc
flex bison libelf-dev libssl-dev kmod ccache python3-ply python3-git liburcu-dev
qemu-system-x86 qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross
sparse gcc-riscv64-linux-gnu clang-19 lld-19 llvm-19
${EXTRA_PKGS:-}"

stage_begin deps

installed() {
	[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

apt_updated=
apt_update() {
	[ -n "$apt_updated" ] && return 0
	run_logged "$LOGS/apt-update.log" "apt-get update" apt-get update
	apt_updated=1
}

missing=
for p in $PKGS; do
	installed "$p" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	[ "$(id -u)" = 0 ] || die "missing Debian packages:$missing (run as root, or apt-get install them)"
	apt_update
	# shellcheck disable=SC2086 # $missing is a list of packages
	run_logged "$LOGS/apt-install.log" "apt-get install$missing" \
		env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $missing
fi

# busybox-static for amd64 and arm64 conflict with each other, so the guest
# busybox is not installed on the host: its package is downloaded and
# unpacked under build/pkgs/<arch>/.
for arch in "${@:-x86_64}"; do
	check_arch "$arch"
	case $arch in
	x86_64) darch=amd64 ;;
	arm64) darch=arm64 ;;
	esac
	dest=$BUILD/pkgs/$arch
	[ -x "$dest/bin/busybox" ] && continue
	if ! dpkg --print-architecture | grep -qx "$darch" &&
		! dpkg --print-foreign-architectures | grep -qx "$darch"; then
		[ "$(id -u)" = 0 ] || die "dpkg architecture $darch is not enabled (run as root: dpkg --add-architecture $darch)"
		dpkg --add-architecture "$darch"
		apt_updated=
	fi
	apt_update
	mkdir -p "$BUILD/pkgs/deb"
	(cd "$BUILD/pkgs/deb" &&
		run_logged "$LOGS/apt-download-busybox-$arch.log" \
			"apt-get download busybox-static:$darch" \
			apt-get download "busybox-static:$darch")
	deb=
	for d in "$BUILD"/pkgs/deb/busybox-static_*_"$darch".deb; do
		[ -z "$deb" ] || [ "$d" -nt "$deb" ] && deb=$d
	done
	[ -f "$deb" ] || die "apt-get download left no busybox-static_*_$darch.deb"
	rm -rf "$dest.tmp"
	dpkg-deb -x "$deb" "$dest.tmp" || die "cannot unpack $deb"
	[ -x "$dest.tmp/bin/busybox" ] || die "$deb has no bin/busybox"
	rm -rf "$dest"
	mv "$dest.tmp" "$dest"
done

stage_end "${missing:+installed$missing}"
