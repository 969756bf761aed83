#!/usr/bin/env bash
# Benchmark, not a test: `eeprom tftp serve` against tftpd-hpa (in.tftpd) on loopback. Both serve the same folder
# with a 20 MiB file; 1, 16 and 64 concurrent curl clients fetch it (curl's defaults: blksize 512, tsize). Prints
# aggregate MB/s (10^6 bytes/s) for each server and the ratio ours / tftpd-hpa.
#   bench/tftp-bench.sh                 # CLIENTS="1 16 64" ROUNDS=2 by default; the best round counts
#   NICE=10 bench/tftp-bench.sh         # clients at lower priority, as if they ran on other machines (the Pis)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
clients=${CLIENTS:-1 16 64}
rounds=${ROUNDS:-2}
nice=${NICE:-0}
size=$((20 * 1024 * 1024))

for tool in curl in.tftpd java; do
  command -v "$tool" >/dev/null || { echo "tftp-bench: $tool is missing (apt-get install curl tftpd-hpa)" >&2; exit 1; }
done

source "$here/bench/tftp-servers.sh"
mkdir "$work/root"
head -c "$size" /dev/urandom > "$work/root/20m.bin"

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    [[ -z $(ss -Hlun "sport = :$p" 2>/dev/null) ]] && { echo "$p"; return; }
  done
}

wait_ready() {   # port
  for _ in $(seq 200); do
    curl -s -o /dev/null "tftp://127.0.0.1:$1/20m.bin" && return 0
    sleep 0.1
  done
  echo "tftp-bench: no server answered on port $1" >&2; exit 1
}

"$here/eeprom" --version >/dev/null          # builds the jar first if the sources changed
ours=$(free_port)
java -jar "$here/target/eeprom.jar" tftp serve --root "$work/root" --bind 127.0.0.1 --port "$ours" \
  --max-per-client 64 --log "$work/ours.log" &
pids+=($!)
hpa=$(free_port)
in.tftpd -L -a "127.0.0.1:$hpa" -s "$work/root" -u "$(id -un)" &
pids+=($!)
wait_ready "$ours"
wait_ready "$hpa"

# Aggregate MB/s of one round of N concurrent fetches; fails if any fetch is short.
measure() {   # port n
  local start end got
  start=$(date +%s.%N)
  for i in $(seq "$2"); do
    nice -n "$nice" curl -s -o /dev/null -w '%{size_download}\n' "tftp://127.0.0.1:$1/20m.bin" > "$work/got.$i" &
  done
  wait_clients "$2"
  end=$(date +%s.%N)
  got=$(cat "$work"/got.* | awk -v s="$size" '$1 == s { n++ } END { print n + 0 }')
  [[ $got == "$2" ]] || { echo "tftp-bench: only $got of $2 fetches got $size bytes (port $1)" >&2; exit 1; }
  rm -f "$work"/got.*
  awk -v n="$2" -v s="$size" -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", n * s / (b - a) / 1e6 }'
}

max() {
  awk -v a="$1" -v b="$2" 'BEGIN { print (b > a ? b : a) }'
}

wait_clients() {   # wait for the curl jobs, not for the servers
  local job
  for job in $(jobs -p); do
    [[ " ${pids[*]} " == *" $job "* ]] || wait "$job"
  done
}

echo "20 MiB file, curl defaults (blksize 512, tsize), clients at nice $nice, best of $rounds round(s); $(nproc) cores"
printf '%-8s %12s %12s %7s\n' clients "eeprom MB/s" "hpa MB/s" ratio
for n in $clients; do
  a=0 b=0
  for _ in $(seq "$rounds"); do          # alternate, so that other load on the machine hits both alike
    a=$(max "$a" "$(measure "$ours" "$n")")
    b=$(max "$b" "$(measure "$hpa" "$n")")
  done
  printf '%-8s %12s %12s %6sx\n' "$n" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')"
done
