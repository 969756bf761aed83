#!/usr/bin/env bash
# What each start-up rule in the code saves a short run: a program that reads an image (the baseline) against the
# same program plus one construct the rules avoid (a first lambda, a first stream, java.util.Formatter, a record's
# hashCode, a Comparator.comparing chain), each with the start-up archive the launcher would give it (AppCDS on
# JDK 17, the AOT cache on JDK 25), compiled as the project is (release 17, -XDstringConcat=inline), C1 only.
# Prints the median wall time of each and its difference from the baseline. Not part of `mvn test`.
# Usage: bench/startup-rules.sh [JAVA_HOME...]   (default: the JDK 17 and 25 under /usr/lib/jvm; env RUNS=30)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${RUNS:-30}
command -v hyperfine >/dev/null || { echo "bench/startup-rules.sh: hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
homes=("$@")
((${#homes[@]})) || homes=(/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64)
image=$here/../firmware-samples/synthetic-2711-notbootable.bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
constructs=(baseline lambda stream formatter record-hash comparator)
for home in "${homes[@]}"; do
  major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  mkdir -p "$work/$major"
  "$home/bin/javac" --release 17 -XDstringConcat=inline -d "$work/$major" "$here"/startup-rules/Rule.java
  (cd "$work/$major" && "$home/bin/jar" cf rules.jar ./*.class)
  flags=(-XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:disable -XX:+UseSerialGC -cp "$work/$major/rules.jar")
  cmds=()
  for c in "${constructs[@]}"; do
    archive=$work/$major/$c
    if ((major >= 25)); then make=(-XX:AOTCacheOutput="$archive.aot") use=(-XX:AOTCache="$archive.aot")
    else make=(-XX:ArchiveClassesAtExit="$archive.jsa") use=(-XX:SharedArchiveFile="$archive.jsa"); fi
    "$home/bin/java" "${flags[@]}" "${make[@]}" Rule "$c" "$image" >/dev/null 2>&1
    cmds+=("$home/bin/java ${flags[*]} ${use[*]} Rule $c $image")
  done
  hyperfine -N -w 3 -r "$runs" --export-json "$work/h.json" "${cmds[@]}" >/dev/null 2>&1
  echo "Java $major ($home), $runs runs, load $(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/python3 - "$work/h.json" "${constructs[@]}" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
base = statistics.median(results[0]["times"]) * 1000
for name, r in zip(sys.argv[2:], results):
    m = statistics.median(r["times"]) * 1000
    print("  %-12s %6.1f ms  %+5.1f ms" % (name, m, m - base))
PY
done
