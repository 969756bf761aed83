#!/usr/bin/env bash
# Times `eeprom batch` (whole process, JVM start included) and reports its peak RSS; not part of `mvn test`.
#   1,000 Pi 4 and 1,000 Pi 5 devices with distinct configs (a static CLIENT_IP each), 10,000 devices whose configs
#   repeat (3 templates), a plain copy of the same bytes (the disk's limit) and, given the reference tool, the
#   shell loop of rpi-eeprom-config + sha256sum for the 1,000 Pi 4 devices. Each step is also timed to its end on
#   disk: with the sync that follows it.
# The 1,000-device cases run BENCH_ROUNDS times (3 by default), each batch followed by its copy: on a VM, a copy into
# page-cache pages the guest has not touched before can take three times as long as one into pages it has, so a
# single pair's ratio says little. The summary gives every round's ratio and their median.
# Usage: [BENCH_ROUNDS=3] [BENCH_JAVA_OPTS=-XX:+UseParallelGC] bench/batch-bench.sh [PATH/TO/rpi-eeprom-config]
#        (the reference runs with /usr/bin/python3)
# Base images: the newest real ones in ../shared/conformance/firmware if present, else firmware-samples/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
reference=${1:-}
[[ -x /usr/bin/time ]] || { echo "bench: needs GNU time for peak RSS: apt-get install time" >&2; exit 1; }
(cd "$root" && mvn -B -q -ntp -DskipTests -DskipManPages -DskipRelease=true package)
jar=$root/target/eeprom.jar
# After a build the launcher trains its start-up archive in the background (docs/performance.md); time the runs
# users make once it exists, not the first one, which shares the CPUs with the training.
"$root/eeprom" --version > /dev/null
for _ in $(seq 300); do
  [[ -n $(find "$root/target/startup" -maxdepth 1 -name 'eeprom*' -newer "$jar" 2> /dev/null) ]] && break
  sleep 0.2
done
work=$root/target/batch-bench
# Each step starts after a sync, and nothing is deleted until the end. ext4 without a journal (as on the VM these
# figures come from) skips inodes freed in the last 5 s (30 s while their table is dirty) when it allocates one,
# looking each up: a step just after thousands of deletions spends a second or more of system time in the kernel's
# recently_deleted(), the batch and cp alike.
rm -rf "$work" && mkdir -p "$work" && sync
trap 'rm -rf "$work"' EXIT

rounds=${BENCH_ROUNDS:-3}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_ROUNDS must be a positive number, found '$rounds'" >&2; exit 1; }
# per round 2 GiB of Pi 5 images and 0.5 GiB of Pi 4, each copied; then 10,000 devices, copies and the loop's output
need=$(( (5 * rounds + 4) * 1024 * 1024 * 1024 ))
free=$(df --output=avail -B1 "$work" | tail -1)
if (( free < need )); then echo "bench: $work has $((free >> 20)) MiB free; needs $((need >> 20)) MiB" >&2; exit 1; fi

firmware=$root/../shared/conformance/firmware
pi4=$(ls "$firmware"/2711-pieeprom-*.bin 2>/dev/null | sort | tail -1 || true)
pi5=$(ls "$firmware"/2712-pieeprom-*.bin 2>/dev/null | sort | tail -1 || true)
[[ -n $pi4 ]] || pi4=$root/firmware-samples/synthetic-2711-notbootable.bin
[[ -n $pi5 ]] || pi5=$root/firmware-samples/synthetic-2712-notbootable.bin
echo "base images: $pi4, $pi5; $(nproc) CPUs"

cat > "$work/static.conf" <<'CONF'
[all]
BOOT_UART=1
BOOT_ORDER=0xf21
CLIENT_IP=${ip}
SUBNET=255.255.0.0
TFTP_IP=10.20.0.1
TFTP_PREFIX=1
TFTP_PREFIX_STR=${name}/
CONF
printf '[all]\nBOOT_UART=1\nBOOT_ORDER=0xf21\nTFTP_PREFIX=1\nTFTP_PREFIX_STR=${rack}/\n' > "$work/rack.conf"
printf '[all]\nBOOT_ORDER=0xf241\nNET_BOOT_MAX_RETRIES=${retries}\n' > "$work/test.conf"
printf '[all]\nBOOT_ORDER=${order}\nPOWER_OFF_ON_HALT=1\n' > "$work/pi5.conf"
ip() { echo "10.20.$(( $1 / 250 )).$(( $1 % 250 + 2 ))"; }
for soc in 2711 2712; do
  { echo "name,soc,template,ip"; for i in $(seq 0 999); do echo "node-$i,$soc,static.conf,$(ip "$i")"; done; } \
    > "$work/distinct-$soc.csv"
done
{ echo "name,soc,template,rack,retries,order"
  for i in $(seq 0 9999); do
    case $(( i % 3 )) in
      0) echo "node-$i,2711,rack.conf,rack$(( i % 20 )),," ;;
      1) echo "node-$i,2711,test.conf,,$(( i % 5 + 1 ))," ;;
      2) echo "node-$i,2712,pi5.conf,,,0xf4$(( i % 4 + 1 ))" ;;
    esac
  done; } > "$work/repeat-10000.csv"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# run NAME CSV: times one batch into a folder, keeps the time in $NAME_ms
run() {
  local name=$1 csv=$2 start elapsed rss
  sync   # the last step's dirty pages are written back now, not during this one
  start=$(date +%s%N)
  # as users run it: the launcher (its JVM flags and start-up archive); BENCH_JAVA_OPTS=... runs java -jar with those
  local cmd=("$root/eeprom")
  [[ -n ${BENCH_JAVA_OPTS:-} ]] && cmd=(java $BENCH_JAVA_OPTS -jar "$jar")
  /usr/bin/time -v -o "$work/$name.time" "${cmd[@]}" batch "$csv" --image-2711 "$pi4" --image-2712 "$pi5" \
    --ts 1700000000 -o "$work/$name.out" 2> "$work/$name.err"
  elapsed=$(ms "$start")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/$name.time")
  printf -v "${name}_ms" '%s' "$elapsed"
  printf '%-34s %7d ms  peak RSS %4d MiB  (%s)\n' "eeprom batch $name" "$elapsed" $(( rss / 1024 )) \
    "$(tail -1 "$work/$name.err")"
  synced "$name"
}
# synced NAME: the sync that puts what a step wrote on the disk; keeps the step's time to disk in $NAME_disk_ms
synced() {
  local start; start=$(date +%s%N); sync
  local total=$(( ${1}_ms + $(ms "$start") ))
  printf -v "${1}_disk_ms" '%s' "$total"
  printf '%-34s %7d ms\n' "  and on disk (then sync)" "$total"
}
copy() {   # copy NAME: a plain copy of the images the batch wrote
  local start; sync; start=$(date +%s%N)
  cp -r "$work/$1.out/images" "$work/$1.copy"
  printf -v "copy_$1_ms" '%s' "$(ms "$start")"
  printf '%-34s %7d ms  (%s MiB)\n' "plain copy of its images" "$(ms "$start")" "$(du -sm "$work/$1.copy" | cut -f1)"
  synced "copy_$1"
}

for r in $(seq "$rounds"); do
  run "distinct2711_$r" "$work/distinct-2711.csv"; copy "distinct2711_$r"
done
for r in $(seq "$rounds"); do
  run "distinct2712_$r" "$work/distinct-2712.csv"; copy "distinct2712_$r"
done
run repeat10000 "$work/repeat-10000.csv"; copy repeat10000

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo
for soc in 2711 2712; do
  page=() disk=() times=()
  for r in $(seq "$rounds"); do
    b=distinct${soc}_${r}_ms c=copy_distinct${soc}_${r}_ms bd=distinct${soc}_${r}_disk_ms cd=copy_distinct${soc}_${r}_disk_ms
    page+=("$(ratio "${!b}" "${!c}")") disk+=("$(ratio "${!bd}" "${!cd}")") times+=("${!b}")
  done
  printf -v "distinct${soc}_ms" '%s' "$(median "${times[@]}")"
  echo "Pi $(( soc == 2711 ? 4 : 5 )), 1,000 distinct:  batch / plain copy = ${page[*]}x, median $(median "${page[@]}")x;" \
    "on disk ${disk[*]}x, median $(median "${disk[@]}")x   (goal: 2x)"
done

if [[ -n $reference ]]; then
  mkdir -p "$work/loop"
  start=$(date +%s%N)
  for i in $(seq 0 999); do
    d=$work/loop/node-$i; mkdir -p "$d"
    sed -e "s/\${ip}/$(ip "$i")/" -e "s/\${name}/node-$i/" "$work/static.conf" > "$d/boot.conf"
    /usr/bin/python3 "$reference" --config "$d/boot.conf" --out "$d/pieeprom.bin" "$pi4"
    sha256sum "$d/pieeprom.bin" | cut -d' ' -f1 > "$d/pieeprom.sig"
    echo "ts: 1700000000" >> "$d/pieeprom.sig"
  done
  loop_ms=$(ms "$start")
  echo "shell loop, rpi-eeprom-config + sha256sum, 1,000 Pi 4: $loop_ms ms"
  cmp -s "$work/loop/node-0/pieeprom.bin" "$work/distinct2711_1.out/devices/node-0/pieeprom.bin" \
    && echo "  (node-0's image is byte-identical to eeprom batch's)"
  echo "Pi 4, 1,000 distinct:  loop / batch (its median) = $(ratio "$loop_ms" "$distinct2711_ms")x   (goal: 50x)"
  echo "10,000 repeating:      loop x 10 / batch = $(ratio "$(( loop_ms * 10 ))" "$repeat10000_ms")x   (goal: 200x;" \
    "the loop's time per device times 10,000)"
fi
