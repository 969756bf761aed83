#!/bin/sh
# Network boot for a rack of Pi 4s, from the repository root. Each variable can be set from outside.
# The test NetbootExampleTest runs these commands against firmware-samples/ and a stand-in boot partition.
set -eu
EEPROM=${EEPROM:-./eeprom}
IMAGE=${IMAGE:-firmware-samples/synthetic-2711-notbootable.bin}
RECOVERY=${RECOVERY:-rpi-eeprom/firmware-2711/latest/recovery.bin}
BOOT=${BOOT:-/boot/firmware}
SERVER=${SERVER:-10.0.0.1}
OUT=${OUT:-netboot-out}
# copy: /boot/firmware is a file system of its own, and hard links cannot cross file systems
LINK=${LINK:-copy}
mkdir -p "$OUT"

# 1. A bootloader that boots from the network when the SD card has nothing: 0xf21 = SD, network, start over.
$EEPROM netboot $IMAGE -o $OUT/netboot.bin --boot-order 0xf21 --max-retries 5 --tftp-prefix serial

# 2. Getting it onto a board that has no OS: an SD card with these files flashes it at power on.
$EEPROM stage-update $OUT/netboot.bin --zip $OUT/recovery.zip --recovery $RECOVERY

# 3. The TFTP root: a folder per serial with the boot files, an NFS cmdline.txt each, and the update itself,
#    so a netbooting board with ENABLE_SELF_UPDATE=1 keeps its bootloader current; plus the dnsmasq snippet.
$EEPROM tftp stage --boot $BOOT --root $OUT/tftp --devices examples/netboot/devices.csv --link $LINK --cmdline-file examples/netboot/cmdline.template --var server=$SERVER --eeprom-update $OUT/netboot.bin --dnsmasq $OUT/rpi-netboot.conf --proxy-dhcp 10.0.0.0

# 4. What each board will ask for, and whether it can boot.
$EEPROM tftp check --root $OUT/tftp --serial 1234abcd
