#!/usr/bin/env bash
# Benchmark, not a test: `eeprom boot set --all` over a rack of BOARDS boards (default 200), to a profile rendered
# per board (a folder of its own each), to a plain one (one link each), and again to the same (nothing to do).
# Prints the wall time of each run (JVM start included).
#   bench/profiles-bench.sh            # BOARDS=200
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
boards=${BOARDS:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$here" && mvn -B -q -ntp -DskipTests -DskipManPages package)
eeprom=$here/eeprom

mkdir -p "$work/boot/overlays"
for f in start4.elf fixup4.dat bcm2711-rpi-4-b.dtb kernel8.img overlays/overlay_map.dtb; do
  head -c 65536 /dev/urandom > "$work/boot/$f"
done
printf 'arm_64bit=1\n' > "$work/boot/config.txt"
{ echo "serial,name,rack"; for i in $(seq "$boards"); do printf '%08x,node%d,r1\n' "$((0x10000000 + i))" "$i"; done; } \
  > "$work/devices.csv"
"$eeprom" tftp stage --boot "$work/boot" --root "$work/tftp" --profile installer \
  --cmdline 'root=/dev/ram0 hostname=${name}' >/dev/null
"$eeprom" tftp stage --boot "$work/boot" --root "$work/tftp" --profile installed --cmdline 'root=/dev/nfs' >/dev/null

run() {   # label, profile
  local start end
  start=$(date +%s%N)
  "$eeprom" boot set --root "$work/tftp" --devices "$work/devices.csv" --all "$2" >/dev/null
  end=$(date +%s%N)
  printf '%-40s %6d ms\n' "$1" $(((end - start) / 1000000))
}
run "$boards boards -> installer (rendered)" installer
run "$boards boards -> installed (plain links)" installed
run "$boards boards -> installed again (unchanged)" installed
