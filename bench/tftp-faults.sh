#!/usr/bin/env bash
# Benchmark, not a test: `eeprom tftp serve`, tftpd-hpa and dnsmasq behind the same lossy relay (the test-side
# LossyRelay: seeded drops, duplicates and delays, since the kernel here has no netem), in a private network namespace
# so that dnsmasq and tftpd-hpa can have port 69 without touching the host's. Prints, per link and client, how many
# fetches completed byte for byte and the seconds until the slowest ended (a client is cut off at CUTOFF s); for the
# windowed row also the DATA packets the server sent per block needed.
#   bench/tftp-faults.sh                       # SIZE_MIB=2 CLIENTS=8 CUTOFF=150
#   SIZE_MIB=20 bench/tftp-faults.sh           # the issue's file size (takes far longer)
#   ROWS="1 2" bench/tftp-faults.sh             # only the clean rows
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z ${TFTP_FAULTS_NS:-} ]]; then
  for tool in curl tftp atftp in.tftpd dnsmasq java unshare ip mvn; do
    command -v "$tool" >/dev/null || { echo "tftp-faults: $tool is missing (apt-get install curl tftp-hpa atftp" \
      "tftpd-hpa dnsmasq-base iproute2 maven)" >&2; exit 1; }
  done
  "$here/eeprom" --version >/dev/null                          # builds the jar first if the sources changed
  (cd "$here" && mvn -B -ntp -q test-compile)                  # the relay lives in the test classes
  exec unshare -n env TFTP_FAULTS_NS=1 "$0" "$@"
fi

size_mib=${SIZE_MIB:-2}
clients=${CLIENTS:-8}
cutoff=${CUTOFF:-150}
cp="$here/target/test-classes:$here/target/classes"
ip link set lo up
ip link add tf0 type veth peer name tf1                          # tftpd-hpa's getaddrinfo wants an address
ip addr add 10.231.0.1/24 dev tf0                                # besides loopback (AI_ADDRCONFIG)
ip link set tf0 up
ip link set tf1 up

source "$here/bench/tftp-servers.sh"
mkdir "$work/root"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/root/f.bin"
chmod 644 "$work/root/f.bin"
blocks() { echo $((size_mib * 1024 * 1024 / $1 + 1)); }

java -cp "$here/target/eeprom.jar" io.github.pieeprom.cli.EepromCli tftp serve --root "$work/root" \
  --bind 127.0.0.1 --port 69 --max-per-client 64 --log "$work/eeprom.log" &
pids+=($!)
in.tftpd -L -a 127.0.0.2:69 -s "$work/root" -u root &
pids+=($!)
dnsmasq --keep-in-foreground --port=0 --enable-tftp --tftp-root="$work/root" --listen-address=127.0.0.3 \
  --bind-interfaces --user=root --pid-file="$work/dnsmasq.pid" --log-facility="$work/dnsmasq.log" &
pids+=($!)
sleep 3

declare -A server=([eeprom]=127.0.0.1 [tftpd-hpa]=127.0.0.2 [dnsmasq]=127.0.0.3)
declare -A relay_port=([eeprom]=7001 [tftpd-hpa]=7002 [dnsmasq]=7003)
names=(eeprom tftpd-hpa dnsmasq)

client_command() {   # kind port out
  local url="127.0.0.1"
  case $1 in
    curl) echo "curl -sS --tftp-blksize 1468 -o $3 tftp://$url:$2/f.bin" ;;
    tftp-hpa) echo "tftp -m octet $url $2 -c get f.bin $3" ;;
    atftp) echo "atftp -g -r f.bin -l $3 --option blksize\\ 1024 $url $2" ;;
    atftp-w16) echo "atftp -g -r f.bin -l $3 --option blksize\\ 1024 --option windowsize\\ 16 $url $2" ;;
  esac
}

# One cell: N clients of one kind through a fresh relay to one server. Prints "ok/N, S s" (and DATA per block).
cell() {   # name link kind n seed
  local name=$1 link=$2 kind=$3 n=$4 seed=$5 port=${relay_port[$1]} start end ok=0 i
  java -cp "$cp" io.github.pieeprom.netboot.tftp.LossyRelay "127.0.0.1:$port" "${server[$name]}:69" "$seed" \
    "$link" "$link" 2> "$work/relay.err" &
  local relay=$!
  sleep 1.5
  start=$(date +%s.%N)
  for i in $(seq "$n"); do
    rm -f "$work/out.$i"
    eval "timeout $cutoff $(client_command "$kind" "$port" "$work/out.$i")" >/dev/null 2>&1 &
  done
  for job in $(jobs -p); do
    [[ " ${pids[*]} $relay " == *" $job "* ]] || wait "$job" || true
  done
  end=$(date +%s.%N)
  kill "$relay"; wait "$relay" 2>/dev/null || true
  for i in $(seq "$n"); do cmp -s "$work/out.$i" "$work/root/f.bin" && ok=$((ok + 1)); done
  local text
  text=$(awk -v ok="$ok" -v n="$n" -v a="$start" -v b="$end" 'BEGIN { printf "%d/%d, %.1f s", ok, n, b - a }')
  if [[ $kind == atftp-w16 ]]; then
    local data
    data=$(grep -o 'to client [0-9]* packets ([0-9]* DATA' "$work/relay.err" | grep -o '[0-9]* DATA' | cut -d' ' -f1)
    text="$text, $(awk -v d="$data" -v b="$(blocks 1024)" -v n="$n" 'BEGIN { printf "%.2fx blocks", d / (b * n) }')"
  fi
  echo "$text"
}

rows=(
  "clean|0,0,0,0|curl|$clients|curl blksize 1468, $clients clients"
  "clean|0,0,0,0|tftp-hpa|$clients|tftp-hpa 512, $clients clients"
  "1 % loss|0.01,0,0,0|atftp|1|atftp blksize 1024, 1 client"
  "1 % loss|0.01,0,0,0|atftp|$clients|atftp blksize 1024, $clients clients"
  "1 % loss|0.01,0,0,0|curl|$clients|curl blksize 1468, $clients clients"
  "1 % loss|0.01,0,0,0|tftp-hpa|$clients|tftp-hpa 512, $clients clients"
  "5 % duplication, 1 ± 1 ms|0,0.05,1,1|curl|$clients|curl blksize 1468, $clients clients"
  "2 ± 1 ms jitter|0,0,2,1|atftp-w16|1|atftp windowsize 16, 1 client"
)
echo "$size_mib MiB file; each link both ways; completed/clients, seconds until the slowest ended (cut off at ${cutoff} s);" \
  "$(nproc) cores"
printf '| %s | %s | %s | %s | %s |\n' link client eeprom tftpd-hpa dnsmasq
printf '|---|---|---|---|---|\n'
selected=${ROWS:-$(seq "${#rows[@]}")}
seed=0
for row in "${rows[@]}"; do
  seed=$((seed + 1))
  [[ " $(echo $selected) " == *" $seed "* ]] || continue
  IFS='|' read -r label link kind n title <<<"$row"
  cells=()
  for name in "${names[@]}"; do cells+=("$(cell "$name" "$link" "$kind" "$n" "$seed")"); done
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$title" "${cells[@]}"
done
