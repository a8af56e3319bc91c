#!/usr/bin/env bash
# Start-up benchmark: one `advise` of a bundled example, JVM start to output, through the launcher.
#   first run:     no compiled-rule cache (every run gets an empty cache folder)
#   repeated run:  warm cache (the usual case)
#   --version:     this jar's picocli-only baseline (no rules, no facts)
# Medians from hyperfine (apt-get install hyperfine). Usage: bench/startup.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-15}"
command -v hyperfine >/dev/null || { echo "bench/startup.sh needs hyperfine: apt-get install hyperfine" >&2; exit 1; }

"$root/cni-advisor" --version >/dev/null   # builds the jar and the AppCDS archive when missing
sample="$root/examples/requests/payments.yaml"
cold="$(mktemp -d)"; warm="$(mktemp -d)"; out="$(mktemp)"
trap 'rm -rf "$cold" "$warm" "$out"' EXIT
CNI_ADVISOR_CACHE="$warm" "$root/cni-advisor" advise -f "$sample" >/dev/null

hyperfine -N --warmup 2 --runs "$runs" --export-json "$out" \
  --prepare "rm -rf $cold/cni" \
  --command-name "first run (no rule cache)" "env CNI_ADVISOR_CACHE=$cold/cni $root/cni-advisor advise -f $sample" \
  --command-name "repeated run (warm cache)" "env CNI_ADVISOR_CACHE=$warm $root/cni-advisor advise -f $sample" \
  --command-name "version only (picocli baseline)" "$root/cni-advisor --version" >&2

python3 - "$out" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]:32s} median {r["median"]:.3f} s   mean {r["mean"]:.3f} s +- {r["stddev"]:.3f}')
PY
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
