#!/usr/bin/env bash
# Boot storm: N virtual Pi 4s (default 100) boot at once on a link of network namespaces, each doing the Pi's DHCP
# exchange (the site's dnsmasq hands out addresses) and then fetching the Pi 4 files (about 11 MB) from its own
# folder with blksize 1468 and tsize. Same run, same client, two boot servers: `eeprom boot serve` (proxy DHCP +
# TFTP) and dnsmasq in proxy mode with its own TFTP server. Prints, for each, the time until all boards had booted,
# the slowest board's time and the throughput. Needs root, iproute2 and dnsmasq; removes what it made.
#   bench/boot-storm.sh            N=20 bench/boot-storm.sh            FIRST=dnsmasq bench/boot-storm.sh
#   LOSSY=0 bench/boot-storm.sh    # only the clean storms (the lossy half takes minutes per server)
#   STORMS=3 bench/boot-storm.sh   # each server takes 3 storms in a row (the first one warms the JVM's JIT)
#   SERVER_JAVA_OPTS=-XX:ActiveProcessorCount=1 bench/boot-storm.sh   # JVM options for eeprom boot serve only
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100}
id=$$
lan=bs$id-lan srv=bs$id-srv site=bs$id-site pis=bs$id-pis
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for ns in $lan $srv $site $pis; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" TERM INT     # a killed run removes its namespaces too

./eeprom --version > /dev/null                     # boot serve runs as users run it: builds the jar if it is stale
mvn -B -ntp -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
cp="$PWD/target/classes:$PWD/target/test-classes:$(cat "$work/cp.txt")"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

# The files: sizes of a Raspberry Pi OS boot partition's Pi 4 set, random bytes, hard-linked into a folder per board.
mkdir -p "$work/files/overlays"
for f in start4.elf:2281952 config.txt:1200 fixup4.dat:5448 bcm2711-rpi-4-b.dtb:55793 overlays/overlay_map.dtb:5255 \
         cmdline.txt:120 kernel8.img:8776912; do
  head -c "${f#*:}" /dev/urandom > "$work/files/${f%%:*}"
done
for ((i = 0; i < N; i++)); do
  serial=$(printf %08x $((0x5a000000 + i)))
  mkdir -p "$work/root/$serial/overlays"
  for f in start4.elf config.txt fixup4.dat bcm2711-rpi-4-b.dtb overlays/overlay_map.dtb cmdline.txt kernel8.img; do
    ln "$work/files/$f" "$work/root/$serial/$f"
  done
done

ip netns add $lan
ip -n $lan link add br0 type bridge
ip -n $lan link set br0 up
host() {   # host NAMESPACE SHORT MAC [CIDR]
  ip netns add "$1"
  ip link add "a$id$2" type veth peer name "b$id$2"
  ip link set "a$id$2" netns "$1"
  ip -n "$1" link set "a$id$2" name eth0
  ip link set "b$id$2" netns $lan
  ip -n $lan link set "b$id$2" master br0
  ip -n $lan link set "b$id$2" up
  ip -n "$1" link set lo up
  ip -n "$1" link set eth0 address "$3"
  ip -n "$1" link set eth0 up
  if [[ -n ${4:-} ]]; then ip -n "$1" addr add "$4" dev eth0; else ip -n "$1" route add default dev eth0; fi
}
host $srv s 02:00:00:00:00:01 10.77.0.1/16
ip -n $srv addr add 10.77.0.3/16 dev eth0
host $site t 02:00:00:00:00:02 10.77.0.2/16
host $pis p 02:00:00:00:00:03

cpu() {   # cpu PID: the process's user + system CPU time so far, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}
storm() {   # storm NAME SERVER_PID [VIA]: a fresh site DHCP server, then N boards at once (TFTP through VIA if given)
  ip -n $pis addr flush dev eth0
  ip -n $pis route replace default dev eth0
  rm -f "$work/leases"
  ip netns exec $site dnsmasq --no-daemon --conf-file="$work/empty.conf" --port=0 --interface=eth0 --bind-interfaces \
    --dhcp-range=10.77.1.1,10.77.3.254,255.255.0.0,1h --dhcp-broadcast --dhcp-lease-max=10000 --no-ping \
    --dhcp-leasefile="$work/leases" --user=root > "$work/site.log" 2>&1 &
  local site_pid=$!
  sleep 1
  local before; before=$(cpu "$2")
  ip netns exec $pis "$java" -cp "$cp" io.github.pieeprom.netboot.boot.BootStorm eth0 "$N" 16 ${3:-} > "$work/$1.out" 2>&1 \
    || grep -m 5 '^failed' "$work/$1.out" >&2 || true
  local used=$(( $(cpu "$2") - before ))
  kill $site_pid; wait $site_pid 2>/dev/null || true
  { grep '^board' "$work/$1.out" || true; } | sort -t' ' -k5 -n | sed -n '1p;$p' >&2
  printf '%-34s %s server-cpu-s %s\n' "$1" "$(grep '^total' "$work/$1.out" || echo failed)" \
    "$(awk -v t="$used" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.1f", t / hz}')"
}
: > "$work/empty.conf"

lossy() {   # lossy NAME SERVER_PID: the storm again, TFTP through a relay at 10.77.0.3 that drops and duplicates 1 % each way
  ip netns exec $srv "$java" -cp "$cp" io.github.pieeprom.netboot.tftp.LossyRelay 10.77.0.3:69 10.77.0.1:69 20261207 \
    0.01,0.01,0,0 0.01,0.01,0,0 > "$work/relay.out" 2>&1 &
  local relay=$!
  sleep 1
  storm "$1" "$2" 10.77.0.3
  kill $relay 2>/dev/null || true; wait $relay 2>/dev/null || true
  echo "  $(cat "$work/relay.out")" >&2
}
resent() {   # resent: packets eeprom boot serve sent again, from its log so far (dnsmasq's log does not say)
  grep -o '[0-9]* packets\? sent again' "$work/serve.log" 2>/dev/null | awk '{n += $1} END {print n + 0}'
}
ours() {   # --max-per-client: through the relay every board's TFTP comes from the relay's one address
  ip netns exec $srv env ${SERVER_JAVA_OPTS:+JAVA_TOOL_OPTIONS="$SERVER_JAVA_OPTS"} ./eeprom boot serve --root "$work/root" \
    --bind 10.77.0.1 --state "$work/state" --log "$work/serve.log" --max-per-client 1000 &
  serve=$!
  pids+=($serve)
  sleep 2
  for ((k = 1; k <= ${STORMS:-1}; k++)); do storm "eeprom boot serve" $serve; echo "  resent so far: $(resent)" >&2; done
  [[ ${LOSSY:-1} == 0 ]] || { lossy "eeprom boot serve, 1 % loss" $serve; echo "  resent so far: $(resent)" >&2; }
  kill $serve; wait $serve || true
}
theirs() {
  ip netns exec $srv dnsmasq --no-daemon --conf-file="$work/empty.conf" --port=0 --listen-address=10.77.0.1 --bind-interfaces \
    --dhcp-range=10.77.0.0,proxy,255.255.0.0 --pxe-service=0,"Raspberry Pi Boot" --enable-tftp --tftp-root="$work/root" \
    --tftp-max=1000 --user=root > "$work/dnsmasq-proxy.log" 2>&1 &
  proxy=$!
  pids+=($proxy)
  sleep 1
  for ((k = 1; k <= ${STORMS:-1}; k++)); do storm "dnsmasq proxy + TFTP" $proxy; done
  [[ ${LOSSY:-1} == 0 ]] || lossy "dnsmasq proxy + TFTP, 1 % loss" $proxy
  kill $proxy; wait $proxy 2>/dev/null || true
}
# FIRST=dnsmasq runs dnsmasq's storm first, to see what the order costs (a warm page cache, a warm bridge).
if [[ ${FIRST:-} == dnsmasq ]]; then theirs; ours; else ours; theirs; fi
