#!/usr/bin/env bash
# Assess benchmark: a generated Azure Resource Graph export of N clusters (bench/GenerateClusters.java), assessed
# cold through the launcher as a user runs it (JVM start, rule load, JIT warm-up included), to JSON Lines.
#
#   bench/assess-bench.sh [N=5000] [RUNS=3]
#
# Prints the median wall time and peak RSS of RUNS runs, on one thread and on every core, and checks that both
# write the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-5000}"
runs="${2:-3}"
[ -f target/cni-advisor.jar ] || mvn -B -q -DskipTests package
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CNI_ADVISOR_CACHE="$work/cache"
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/GenerateClusters.java "$n" > "$work/fleet.json"
./cni-advisor assess "$work/fleet.json" -o jsonl --as-of 2026-12-01 > /dev/null 2>&1 || true # fills the rule cache

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
for threads in 1 "$(nproc)"; do
  : > "$work/times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" ./cni-advisor assess "$work/fleet.json" -o jsonl --threads "$threads" \
      --as-of 2026-12-01 > "$work/out-$threads.jsonl" 2>/dev/null || true
    cat "$work/time" >> "$work/times"
  done
  echo "$n clusters, --threads $threads: $(cut -d' ' -f1 "$work/times" | median) s, peak RSS $(cut -d' ' -f2 \
    "$work/times" | median) KiB (median of $runs)"
done
cmp -s "$work/out-1.jsonl" "$work/out-$(nproc).jsonl" && echo "same bytes on 1 and $(nproc) threads"
