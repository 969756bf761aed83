#!/usr/bin/env bash
# Benchmark, not a test: clean-link throughput of `eeprom tftp serve`, tftpd-hpa and dnsmasq, same run, in a private
# network namespace (`unshare -n`, so that tftpd-hpa and dnsmasq get port 69 without touching the host's). N clients
# at once fetch a 20 MiB file from one server, then from the next, round after round (interleaved, so that other load
# on the machine hits all three alike); every fetch is checked byte for byte. Prints, per server, the median
# aggregate MB/s (10^6 bytes/s) of the rounds with the lowest and highest, and the medians' ratio to tftpd-hpa; then
# each server's CPU time per DATA block over all rounds (each in a cgroup of its own, tftpd-hpa's children included).
#   bench/tftp-bench.sh                     # CLIENTS="8 16" ROUNDS=5 KIND=curl (blksize 1468) LINK=lo
#   KIND=tftp-hpa bench/tftp-bench.sh       # tftp-hpa, blksize 512 (curl512: curl with its default 512)
#   LINK=veth bench/tftp-bench.sh           # clients in a second namespace, through a veth pair
#   NICE=10 bench/tftp-bench.sh             # clients at lower priority, as if they ran on other machines (the Pis)
#   QUOTA=30 bench/tftp-bench.sh            # each server limited to 30 % of one core (cgroup cpu quota)
#   JAVA_TOOL_OPTIONS=-XX:ActiveProcessorCount=1 bench/tftp-bench.sh   # this server with one event loop
#   B_OPTS=-XX:ActiveProcessorCount=16 bench/tftp-bench.sh  # A/B in one run: a second eeprom (eeprom-B) with these
#                                                            # JVM options, interleaved with the others
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z ${TFTP_BENCH_NS:-} ]]; then
  for tool in curl tftp in.tftpd dnsmasq java unshare ip; do
    command -v "$tool" >/dev/null || { echo "tftp-bench: $tool is missing (apt-get install curl tftp-hpa" \
      "tftpd-hpa dnsmasq-base iproute2)" >&2; exit 1; }
  done
  "$here/eeprom" --version >/dev/null                          # builds the jar first if the sources changed
  exec unshare -n env TFTP_BENCH_NS=1 "$0" "$@"
fi
clients=${CLIENTS:-8 16}
rounds=${ROUNDS:-5}
kind=${KIND:-curl}
link=${LINK:-lo}
nice=${NICE:-0}
size=$((20 * 1024 * 1024))

source "$here/bench/tftp-servers.sh"
ip link set lo up
ip link add tb0 type veth peer name tb1              # tftpd-hpa's getaddrinfo wants an address besides loopback
ip link set tb0 up
declare -A server
if [[ $link == veth ]]; then
  ns=tftp-bench-$$
  ip netns add "$ns"
  trap 'cleanup; ip netns del "$ns" 2>/dev/null || true' EXIT
  ip link set tb1 netns "$ns"
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add 10.231.0.2/24 dev tb1
  ip -n "$ns" link set tb1 up
  for i in 1 2 3 4; do ip addr add "10.231.0.1$i/24" dev tb0; done
  server=([eeprom]=10.231.0.11 [tftpd-hpa]=10.231.0.12 [dnsmasq]=10.231.0.13 [eeprom-B]=10.231.0.14)
  client() { nice -n "$nice" ip netns exec "$ns" "$@"; }
else
  ip addr add 10.231.0.1/24 dev tb0
  ip link set tb1 up
  server=([eeprom]=127.0.0.1 [tftpd-hpa]=127.0.0.2 [dnsmasq]=127.0.0.3 [eeprom-B]=127.0.0.4)
  client() { nice -n "$nice" "$@"; }
fi
sleep 2                                              # the addresses leave the tentative state

mkdir "$work/root"
head -c "$size" /dev/urandom > "$work/root/20m.bin"
chmod 644 "$work/root/20m.bin"
java -jar "$here/target/eeprom.jar" tftp serve --root "$work/root" --bind "${server[eeprom]}" --port 69 \
  --max-per-client 64 --log "$work/eeprom.log" &
pids+=($!)
account eeprom $!
in.tftpd -L -a "${server[tftpd-hpa]}:69" -s "$work/root" -u root &
pids+=($!)
account tftpd-hpa $!
dnsmasq --keep-in-foreground --port=0 --enable-tftp --tftp-root="$work/root" --listen-address="${server[dnsmasq]}" \
  --bind-interfaces --tftp-max=1000 --user=root --pid-file="$work/dnsmasq.pid" --log-facility="$work/dnsmasq.log" &
pids+=($!)
account dnsmasq $!
names=(eeprom tftpd-hpa dnsmasq)
if [[ -n ${B_OPTS:-} ]]; then
  # shellcheck disable=SC2086  # the options are words
  java $B_OPTS -jar "$here/target/eeprom.jar" tftp serve --root "$work/root" --bind "${server[eeprom-B]}" --port 69 \
    --max-per-client 64 --log "$work/eeprom-B.log" &
  pids+=($!)
  account eeprom-B $!
  names+=(eeprom-B)
fi
sleep 3

fetch() {   # host out
  case $kind in
    curl) client curl -sS --tftp-blksize 1468 -o "$2" "tftp://$1/20m.bin" ;;
    curl512) client curl -sS -o "$2" "tftp://$1/20m.bin" ;;
    tftp-hpa) client tftp -m octet "$1" -c get 20m.bin "$2" ;;
  esac
}

# Aggregate MB/s of one round of N concurrent fetches; fails if any fetch is not the file.
measure() {   # host n
  local start end i job
  rm -f "$work"/out.*
  start=$(date +%s.%N)
  for i in $(seq "$2"); do fetch "$1" "$work/out.$i" & done
  for job in $(jobs -p); do
    [[ " ${pids[*]} " == *" $job "* ]] || wait "$job"
  done
  end=$(date +%s.%N)
  for i in $(seq "$2"); do
    cmp -s "$work/out.$i" "$work/root/20m.bin" || { echo "tftp-bench: fetch $i from $1 is not the file" >&2; exit 1; }
  done
  awk -v n="$2" -v s="$size" -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", n * s / (b - a) / 1e6 }'
}

median() {   # values... -> "median (min-max)"
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f (%s-%s)", m, v[1], v[NR] }'
}

for name in "${names[@]}"; do measure "${server[$name]}" 1 >/dev/null; done    # warm: JIT, page cache
echo "20 MiB file, $kind, link $link, clients at nice $nice, $rounds rounds interleaved; $(nproc) cores," \
  "load $(cut -d' ' -f1 /proc/loadavg)${QUOTA:+; each server limited to $QUOTA % of one core}${B_OPTS:+; eeprom-B: $B_OPTS}"
printf '%-8s' clients
for name in "${names[@]}"; do printf ' %-22s' "$name MB/s"; done
printf ' %s\n' "eeprom / hpa, / dnsmasq${B_OPTS:+; eeprom-B / hpa}"
case $kind in curl) block=1468 ;; *) block=512 ;; esac
declare -A ns=() blocks=()
for n in $clients; do
  declare -A got=()
  for _ in $(seq "$rounds"); do
    for name in "${names[@]}"; do
      before=$(cpu_ns "$name")
      got[$name]+=" $(measure "${server[$name]}" "$n")"
      [[ -z $before ]] || ns[$name]=$(( ${ns[$name]:-0} + $(cpu_ns "$name") - before ))
      blocks[$name]=$(( ${blocks[$name]:-0} + n * (size / block + 1) ))
    done
  done
  declare -A mid=()
  for name in "${names[@]}"; do mid[$name]=$(median ${got[$name]}); done
  printf '%-8s' "$n"
  for name in "${names[@]}"; do printf ' %-22s' "${mid[$name]}"; done
  printf ' %s%s\n' "$(awk -v a="${mid[eeprom]%% *}" -v b="${mid[tftpd-hpa]%% *}" -v c="${mid[dnsmasq]%% *}" \
      'BEGIN { printf "%.2fx, %.2fx", a / b, a / c }')" \
    "${B_OPTS:+; $(awk -v a="${mid[eeprom-B]%% *}" -v b="${mid[tftpd-hpa]%% *}" 'BEGIN { printf "%.2fx", a / b }')}"
done
if [[ -n ${group[eeprom]:-} ]]; then
  printf 'CPU per block (all rounds, the server alone):'
  for name in "${names[@]}"; do
    awk -v n="$name" -v t="${ns[$name]}" -v b="${blocks[$name]}" 'BEGIN { printf "  %s %.1f us", n, t / b / 1e3 }'
  done
  echo
else
  echo "CPU per block: no cgroup to count it in (cgroup v1 cpuacct or v2 at /sys/fs/cgroup)"
fi
