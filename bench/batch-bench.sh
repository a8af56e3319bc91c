#!/usr/bin/env bash
# Batch benchmark: generated, varied requests from CSV to CSV (see bench/GenerateRequests.java for the mix).
#
#   bench/batch-bench.sh [N=100000] [RUNS=3]
#
# 1. Cold: one `batch` process per run, as a user starts it (JVM start, rule load and JIT warm-up included):
#    wall time and peak RSS (/usr/bin/time %M), median of RUNS.
# 2. After warm-up: bench/BatchBench.java runs the same batch repeatedly in one JVM; the median of the runs after
#    the warm-up runs is that JVM's steady throughput. Three JVMs, and the median of theirs.
# 3. Memory against input size: peak RSS of a cold run over N and over 10 x N rows with the launcher's flags (a
#    fixed heap touched up front, so RSS shows live memory, not how far garbage filled the heap). A last run over
#    10 x N rows in a 128 MiB heap shows the live data stays small.
# 4. The worst case for reuse: N rows that all differ (each with its own node subnet), after warm-up.
# JVM flags are the launcher's for batch runs (parallel GC, a fixed 256 MiB heap touched up front). Use an otherwise idle machine: the numbers
# are only as quiet as the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
runs="${2:-3}"
jar=target/cni-advisor.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CNI_ADVISOR_CACHE="$work/cache"
jvm=(java -XX:+UseParallelGC -Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:-UsePerfData)

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "generating $n and $((n * 10)) mixed rows, $n unique rows ..."
java bench/GenerateRequests.java "$n" mix > "$work/mix.csv"
java bench/GenerateRequests.java "$((n * 10))" mix > "$work/mix10.csv"
java bench/GenerateRequests.java "$n" unique > "$work/unique.csv"

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

# one cold run: prints "seconds rss_kib"; exit 2 (the mix has invalid rows), 4 and 6 are results, not failures
cold() {
  local input="$1" rc=0
  shift
  /usr/bin/time -f "%e %M" -o "$work/time" "${jvm[@]}" "$@" -jar "$jar" batch "$input" -o csv \
    --output-file "$work/out.csv" --no-progress --as-of 2026-11-21 2>/dev/null || rc=$?
  case "$rc" in 0|2|4|6) ;; *) echo "batch failed with exit $rc" >&2; exit 1 ;; esac
  tail -1 "$work/time"
}

"${jvm[@]}" -jar "$jar" batch "$work/mix.csv" -o csv --output-file "$work/out.csv" --no-progress >/dev/null 2>&1 \
  || true # fills the rule cache, as any second run finds it

echo
echo "== 1. cold, $n mixed rows, $runs runs"
for _ in $(seq "$runs"); do cold "$work/mix.csv"; done > "$work/cold"
cold_s="$(cut -d' ' -f1 "$work/cold" | median)"
cold_rss="$(cut -d' ' -f2 "$work/cold" | median)"
echo "median wall ${cold_s} s = $(awk -v n="$n" -v s="$cold_s" 'BEGIN {printf "%.0f", n / s}') requests/s" \
  "including start-up and warm-up; median peak RSS $((cold_rss / 1024)) MiB"

echo
# the JIT settles slowly on 2 cores (its compiler threads share them with the workers): about a million requests.
# Where it ends up differs from JVM to JVM (what got compiled with which profile), so several JVMs are measured.
forks=3
echo "== 2. after warm-up, $n mixed rows ($forks JVMs, each 8 warm-up runs and 5 measured)"
for fork in $(seq "$forks"); do
  rate="$("${jvm[@]}" -cp "$jar" bench/BatchBench.java "$work/mix.csv" 8 5 | tail -1 | grep -oE '[0-9,]+ requests/s' \
    | tr -d ',' | cut -d' ' -f1)"
  echo "JVM $fork: median $rate requests/s"
  echo "$rate" >> "$work/forks"
done
echo "median of the JVMs: $(median < "$work/forks") requests/s"

echo
echo "== 3. peak RSS against input size"
small="$(cold "$work/mix.csv" | cut -d' ' -f2)"
large_line="$(cold "$work/mix10.csv")"
large="$(echo "$large_line" | cut -d' ' -f2)"
large_s="$(echo "$large_line" | cut -d' ' -f1)"
echo "launcher flags: $n rows $((small / 1024)) MiB, $((n * 10)) rows $((large / 1024)) MiB" \
  "($(awk -v a="$small" -v b="$large" 'BEGIN {printf "%+.1f%%", (b - a) * 100 / a}')); $((n * 10)) rows took" \
  "${large_s} s in one cold process = $(awk -v n="$((n * 10))" -v s="$large_s" 'BEGIN {printf "%.0f", n / s}')" \
  "requests/s overall"
small_heap="$(cold "$work/mix10.csv" -Xms128m -Xmx128m)"
echo "$((n * 10)) rows in a 128 MiB heap: $(echo "$small_heap" | cut -d' ' -f1) s," \
  "peak RSS $(( $(echo "$small_heap" | cut -d' ' -f2) / 1024 )) MiB"

echo
echo "== 4. worst case: $n rows that all differ, after warm-up"
"${jvm[@]}" -cp "$jar" bench/BatchBench.java "$work/unique.csv" 4 3 | tail -1

echo
echo "== 5. allocation: $n mixed rows with --address-pool 10.0.0.0/8 against the same rows without a pool"
# the pool run reads every input twice (the given ranges are reserved before anything is allocated), allocates each
# request's ranges in input order and makes its deployment again from them
for pool in none 10.0.0.0/8; do
  for _ in $(seq "$runs"); do
    args=()
    [ "$pool" = none ] || args=(--address-pool "$pool")
    rc=0
    /usr/bin/time -f "%e %M" -o "$work/time" "${jvm[@]}" -jar "$jar" batch "$work/mix.csv" -o csv \
      --output-file "$work/out.csv" --no-progress --as-of 2026-11-21 "${args[@]}" 2>/dev/null || rc=$?
    case "$rc" in 0|2|4|6) ;; *) echo "batch failed with exit $rc" >&2; exit 1 ;; esac
    tail -1 "$work/time" | cut -d' ' -f1
  done > "$work/alloc-${pool%%/*}"
done
plain="$(median < "$work/alloc-none")"
pooled="$(median < "$work/alloc-10.0.0.0")"
echo "cold, median of $runs: without a pool ${plain} s, with ${pooled} s" \
  "($(awk -v a="$plain" -v b="$pooled" 'BEGIN {printf "%.2fx", b / a}'))"
for pool in none 10.0.0.0/8; do
  extra=()
  [ "$pool" = none ] || extra=(--address-pool "$pool")
  rate="$("${jvm[@]}" -cp "$jar" bench/BatchBench.java "$work/mix.csv" 8 5 "$(nproc)" "${extra[@]}" | tail -1 \
    | grep -oE '[0-9,]+ requests/s' | tr -d ',' | cut -d' ' -f1)"
  echo "after warm-up, pool $pool: median $rate requests/s"
done
