#!/usr/bin/env bash
# Regenerates src/main/resources/io/github/pieeprom/bootconf/property-history.tsv (which releases read each property)
# from every bootloader release in the git history of a raspberrypi/rpi-eeprom clone (bare or not). The images are
# extracted to a temporary folder outside the project and deleted afterwards; none is copied into the project.
#   usage: tools/property-history.sh RPI_EEPROM_CLONE [OUT.tsv]
# Needs git, maven and a JDK 17+; runs offline once the project has been built (mvn -o).
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 RPI_EEPROM_CLONE [OUT.tsv]" >&2; exit 2; }
repo=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(realpath -m "${2:-$here/src/main/resources/io/github/pieeprom/bootconf/property-history.tsv}")
work=$(mktemp -d "${TMPDIR:-/tmp}/property-history.XXXXXX")
trap 'rm -rf "$work"' EXIT
# every (blob, path) of a pieeprom-*.bin in any commit; a release's file name carries its date
git -C "$repo" rev-list --all | while read -r commit; do git -C "$repo" ls-tree -r "$commit"; done |
  awk -F'\t' '{split($1, m, " "); if (m[1] == "100644" && $2 ~ /(^|\/)pieeprom-[^\/]*\.bin$/) print m[3] "\t" $2}' |
  sort -u |
  while IFS=$'\t' read -r blob path; do
    mkdir -p "$work/$blob/$(dirname "$path")"
    git -C "$repo" cat-file blob "$blob" >"$work/$blob/$path"
  done
echo "extracted $(find "$work" -type f | wc -l) image files from $repo" >&2
cd "$here"
mvn -B -q -o test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.github.pieeprom.bootconf.PropertyHistoryGenerator -Dexec.args="$work $out"
