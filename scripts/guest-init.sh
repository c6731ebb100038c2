#!/bin/busybox sh
# shellcheck shell=dash
# SPDX-License-Identifier: GPL-2.0
# /init of the harness initramfs: set up a minimal system, run
# /harness/cmd between markers the boot stage looks for, print its exit
# status and the kernel log, and power the guest off.
/bin/busybox --install -s
# kselftest's runner calls "timeout --foreground", which busybox's timeout
# does not know; keep the per-test timeout with a wrapper.
rm -f /usr/bin/timeout
# shellcheck disable=SC2016 # the wrapper expands its own arguments
printf '#!/bin/sh\n[ "$1" = --foreground ] && shift\nexec /bin/busybox timeout "$@"\n' >/usr/bin/timeout
chmod 755 /usr/bin/timeout
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
# devtmpfs has no /dev/std* links; kselftest's runner writes to /dev/stdout.
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /dev/shm
# Only emergencies reach the console while the payload runs, so kernel
# lines do not break into its output; oopses and panics still do (they make
# the console verbose), and the whole kernel log is printed afterwards.
echo 1 >/proc/sys/kernel/printk
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root TERM=dumb
mkdir -p /root
cd /root || exit 1
echo "@@HARNESS-BEGIN@@"
/bin/sh /harness/cmd </dev/null
rc=$?
echo "@@HARNESS-EXIT@@ $rc"
echo "@@HARNESS-DMESG@@"
dmesg
echo "@@HARNESS-END@@"
sync
reboot -f
# Not reached unless reboot failed; the boot stage's timeout ends the guest.
sleep 1000000
