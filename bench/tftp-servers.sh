# Sourced by the TFTP benches: a scratch folder and the servers started in it, all gone when the bench exits.
work=$(mktemp -d)
pids=()
groups=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for g in "${groups[@]}"; do rmdir "$g" 2>/dev/null || true; done
  rm -rf "$work"
}

# CPU accounting per server, children included (tftpd-hpa forks one per transfer and does not wait for them, so
# /proc's cutime misses them): a cgroup of its own, cgroup v1's cpuacct or v2's cpu.stat.
# account NAME PID: moves the server into its cgroup; cpu_ns NAME: its CPU time so far in ns (empty without cgroups).
declare -A group=()
account() {
  local g
  if [[ -w /sys/fs/cgroup/cpuacct/cgroup.procs ]]; then g=/sys/fs/cgroup/cpuacct/tftp-bench-$$-$1
  elif [[ -w /sys/fs/cgroup/cgroup.procs && -f /sys/fs/cgroup/cgroup.controllers ]]; then g=/sys/fs/cgroup/tftp-bench-$$-$1
  elif [[ -w /sys/fs/cgroup/unified/cgroup.procs ]]; then g=/sys/fs/cgroup/unified/tftp-bench-$$-$1
  else return 0; fi
  mkdir "$g" && groups+=("$g") && echo "$2" > "$g/cgroup.procs" && group[$1]=$g
  [[ -n ${QUOTA:-} ]] || return 0
  # QUOTA=P: the server gets at most P % of one core (in 10 ms periods), as on a small boot server: then its own CPU
  # per packet, not the clients', decides its throughput
  if [[ -f $g/cpu.max ]]; then echo "$((QUOTA * 100)) 10000" > "$g/cpu.max"
  else
    local q=/sys/fs/cgroup/cpu/tftp-bench-$$-$1
    mkdir "$q" && groups+=("$q") && echo 10000 > "$q/cpu.cfs_period_us" && echo $((QUOTA * 100)) > "$q/cpu.cfs_quota_us" \
      && echo "$2" > "$q/cgroup.procs"
  fi
}
cpu_ns() {
  local g=${group[$1]:-}
  if [[ -z $g ]]; then :
  elif [[ -f $g/cpuacct.usage ]]; then cat "$g/cpuacct.usage"
  else awk '/^usage_usec/ { print $2 * 1000 }' "$g/cpu.stat"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM
