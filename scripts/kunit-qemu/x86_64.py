# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config for the harness's x86_64 test kernel: the machine
# scripts/boot.sh boots (q35, 2 vCPUs, TCG), no initramfs; kunit.py adds
# kunit.enable=1 and kunit_shutdown=reboot.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0 panic=-1',
			   extra_qemu_params=['-M', 'q35', '-cpu', 'max',
					      '-accel', 'tcg', '-smp', '2'])
