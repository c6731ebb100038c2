# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config for the harness's arm64 test kernel: the machine
# scripts/boot.sh boots (virt, 2 vCPUs, TCG), with the uncompressed Image
# the harness builds; kunit.py adds kunit.enable=1 and kunit_shutdown=reboot.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='arm64',
			   kconfig='''
CONFIG_SERIAL_AMBA_PL011=y
CONFIG_SERIAL_AMBA_PL011_CONSOLE=y''',
			   qemu_arch='aarch64',
			   kernel_path='arch/arm64/boot/Image',
			   kernel_command_line='console=ttyAMA0 panic=-1',
			   extra_qemu_params=['-M', 'virt', '-cpu', 'max,pauth-impdef=on',
					      '-accel', 'tcg', '-smp', '2'])
