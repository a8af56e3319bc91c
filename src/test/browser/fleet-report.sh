#!/usr/bin/env bash
# End-to-end check of `batch -o html` (the fleet report) in a browser: writes the page for the teams example with
# the address pool 10.20.0.0/16 + 10.40.0.0/16, and for 2,000 generated teams in one /16 (sub-pixel blocks), then
# has check-html.sh render each in headless Chromium and count and measure the map's team blocks. The expected
# count comes from a JSON Lines run of the same batch: per request, each VNet range it gave (the plan's given or
# rejected VNet and subnet ranges, each once) plus what the batch allocated to it (its VNet block when it got one,
# else each subnet allocated on its own); reserved and free blocks are not counted. The pages and screenshots stay
# in target/browser-check/.
# Usage: src/test/browser/fleet-report.sh [path/to/cni-advisor.jar]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
jar="${1:-$root/target/cni-advisor.jar}"
out="$root/target/browser-check"
as_of=2026-12-01
[ -f "$jar" ] || { echo "fleet-report: $jar is missing; run 'mvn -B package' first" >&2; exit 1; }
if ! command -v python3 >/dev/null 2>&1; then
  echo "fleet-report: SKIPPED: no python3 to count the expected blocks from the JSON Lines report" >&2
  exit 0
fi
mkdir -p "$out"

# the map's blocks of teams: not the reserved ranges and the free blocks drawn for context
selector='svg.address-map rect.block:not([data-status="reserved"]):not([data-status="free"])'

cni() {
  local rc=0
  CNI_ADVISOR_HOME="$root" java -jar "$jar" batch --as-of "$as_of" --no-progress "$@" 2>/dev/null || rc=$?
  case "$rc" in
    0|2|4|6) ;;   # written: 2 an invalid row (the teams example has one), 4 no fit, 6 error findings
    *) echo "fleet-report: batch $* exited $rc" >&2; return 1 ;;
  esac
}

# the blocks the map must draw, from the JSON Lines report on stdin
count_blocks() {
  python3 -c '
import json, sys
routable = {"vnet", "node-subnet", "pod-subnet", "api-server-subnet", "agc-subnet", "appgw-subnet", "aci-subnet"}
total = 0
for line in sys.stdin:
    result = json.loads(line)
    if "addressPlan" not in result:
        continue
    given = {r["cidr"] for r in result["addressPlan"]["ranges"]
             if r["origin"] in ("given", "rejected") and r["role"] in routable and ":" not in r["cidr"]}
    allocated = [a for a in result.get("allocation", []) if "cidr" in a and not a.get("shared")]
    vnets = [a for a in allocated if a["role"] == "vnet"]
    total += len(given) + (1 if vnets else len(allocated))
print(total)
'
}

pages=()
add() {   # add NAME INPUT [batch options...]
  local name="$1" input="$2"
  shift 2
  cni "$input" "$@" -o html --output-file "$out/$name.html"
  local count
  count="$(cni "$input" "$@" -o jsonl | count_blocks)"
  [ "$count" -gt 0 ] || { echo "fleet-report: $name: no block expected; the check would prove nothing" >&2; return 1; }
  pages+=("$out/$name.html" "$count")
}
add fleet "$root/examples/batch/teams.csv" --address-pool 10.20.0.0/16,10.40.0.0/16

# 2,000 teams in one /16: every tenth gives a node subnet of its own (half of them overlap another's), the others
# get a VNet allocated until the pool runs out (the last few get none: errors, and no block)
python3 - "$out/fleet-2000.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("name,nodeCount,maxPodsPerNode,nodeSubnetCidr,networkPolicy\n")
    for i in range(2000):
        subnet = "10.30.%d.0/26" % (128 + (i // 10) % 100) if i % 10 == 0 else ""
        f.write("team-%04d,%d,%d,%s,%s\n" % (i, 3 + i % 20, 30, subnet, ("cilium", "none", "calico")[i % 3]))
PY
add fleet-2000 "$out/fleet-2000.csv" --address-pool 10.30.0.0/16

bash "$root/src/test/browser/check-html.sh" --selector "$selector" --shots "$out" "${pages[@]}"
