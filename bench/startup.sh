#!/usr/bin/env bash
# Whole-process wall time (hyperfine median) and peak RSS (/usr/bin/time) of ./eeprom: extract, apply (2711, 2712),
# info, validate of one file and of 1,000 files. Given the reference rpi-eeprom-config, runs the same operations with
# it (Debian's /usr/bin/python3) in the same hyperfine run and prints ours / reference. Not part of `mvn test`.
# Usage: bench/startup.sh [path/to/rpi-eeprom-config]   (env: RUNS=20, IMAGE_2711=..., IMAGE_2712=...)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:-}
runs=${RUNS:-20}
img2711=${IMAGE_2711:-$root/firmware-samples/synthetic-2711-notbootable.bin}
img2712=${IMAGE_2712:-$root/firmware-samples/synthetic-2712-notbootable.bin}
python=/usr/bin/python3
for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/startup.sh: $tool is missing (apt-get install hyperfine time)" >&2; exit 1; }
done

# Build the jar and let the launcher make its two start-up archives (quick, fleet) before anything is timed.
"$root/eeprom" --version >/dev/null
for _ in $(seq 1 180); do
  made=0
  for a in "$root"/target/startup/eeprom*.{quick,fleet}.*; do [[ $a -nt $root/target/eeprom.jar ]] && ((++made)); done
  ((made >= 2)) && break
  sleep 1
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/eeprom" extract "$img2712" -o "$work/boot.conf"
printf 'BOOT_UART=1\n' >>"$work/boot.conf"
mkdir "$work/configs"
for i in $(seq 1 1000); do
  printf '[all]\nBOOT_UART=1\nBOOT_ORDER=0xf21\nNET_BOOT_MAX_RETRIES=%d\nTFTP_PREFIX=1\nTFTP_PREFIX_STR=rack%d/\n' \
    $((i % 7)) "$i" >"$work/configs/node-$i.conf"
  printf 'TFTP_IP=10.20.%d.1\nCLIENT_IP=10.20.%d.%d\nSUBNET=255.255.255.0\n\n[cm4]\nBOOT_ORDER=0xf261\n' \
    $((i % 250)) $((i % 250)) $((i % 200 + 2)) >>"$work/configs/node-$i.conf"
done

# peak RSS in MiB of one run
rss() { /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1 || true; echo $(($(cat "$work/rss") / 1024)); }

# name, our command, the reference's command (or "" where it has none)
bench() {
  local name=$1 ours=$2 theirs=$3 cmds=("$2")
  [[ -n $ref && -n $theirs ]] && cmds+=("$theirs")
  hyperfine -N -w 3 -r "$runs" --export-json "$work/h.json" "${cmds[@]}" >/dev/null 2>&1
  local our their ratio
  read -r our their ratio < <("$python" -c 'import json,statistics as s,sys
m = [s.median(r["times"]) * 1000 for r in json.load(open(sys.argv[1]))["results"]]
print(" ".join("%.1f" % t for t in m), "%.2fx" % (m[0] / m[1]) if len(m) > 1 else "- -")' "$work/h.json")
  # shellcheck disable=SC2086 # the commands are plain word lists
  printf '%-28s %9s %9s %8s %7s %7s\n' "$name" "$our" "$their" "$ratio" "$(rss $ours)" \
    "$([[ $their == - ]] && echo - || rss $theirs)"
}

e=$root/eeprom r="$python $ref"
echo "ms: median wall of $runs runs; RSS: peak MiB of one run; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java (the launcher's choice): $("$root/eeprom" --version | grep "^Java")"
printf '%-28s %9s %9s %8s %7s %7s\n' operation "ours ms" "ref ms" ratio "our RSS" "ref RSS"
bench "extract 2711" "$e extract $img2711" "$r $img2711"
bench "extract 2712" "$e extract $img2712" "$r $img2712"
bench "config --config --out 2711" "$e config --config $work/boot.conf --out $work/o.bin $img2711" \
  "$r --config $work/boot.conf --out $work/r.bin $img2711"
bench "config --config --out 2712" "$e config --config $work/boot.conf --out $work/o.bin $img2712" \
  "$r --config $work/boot.conf --out $work/r.bin $img2712"
bench "apply 2712" "$e apply $img2712 --config $work/boot.conf -o $work/o.bin" \
  "$r --config $work/boot.conf --out $work/r.bin $img2712"
bench "info 2712 (ref: read)" "$e info $img2712" "$r $img2712"
bench "validate FILE (ref: read)" "$e validate $work/boot.conf" "$r $img2712"
bench "validate 1,000 files" "$e validate $work/configs" ""
