#!/bin/sh
# One server network-boots the rack: stage the boards' folders, serve them (proxy DHCP + TFTP + NETCONSOLE), then
# read what each board did. The site's DHCP server keeps handing out addresses. Run as root (ports 67 and 69), from
# the repository root. The test BootServerExampleTest runs this file as written, on network namespaces, with a
# virtual Pi as the rack.
set -eu
EEPROM=${EEPROM:-./eeprom}
BOOT=${BOOT:-/boot/firmware}
ROOT=${ROOT:-/srv/tftp}
SERVER=${SERVER:-10.0.0.1}
STATE=${STATE:-/var/lib/eeprom-boot}

# 1. A folder per board (devices.csv), each with its own cmdline.txt (root on NFS from this server).
$EEPROM tftp stage --boot $BOOT --root $ROOT --devices examples/netboot/devices.csv --cmdline-file examples/netboot/cmdline.template --var server=$SERVER

# 2. Serve them: Pis get this server as their boot server, everything else on the link is left alone. The state
#    (inventory, boot logs) is kept outside the TFTP root, where the boards could fetch it.
$EEPROM boot serve --root $ROOT --bind $SERVER --state $STATE --log $STATE.log &
SERVE=$!

# 3. Power the boards on and give them time to boot (the test starts its virtual Pi here).
${POWER_ON:-sleep 120}

# 4. What each board did: serial, MAC, model, address, files, and what went wrong. Works with the server stopped too.
$EEPROM boot status --root $ROOT --state $STATE
$EEPROM boot logs --root $ROOT --state $STATE 1234abcd

kill $SERVE
wait $SERVE
