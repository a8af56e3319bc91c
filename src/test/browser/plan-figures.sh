#!/usr/bin/env bash
# End-to-end check of `plan -o html` in a browser: writes the page for a few requests (a bundled example with pools
# and a pod subnet, a bundled example planned for an option its node subnet cannot hold, and a test request whose
# ranges overlap each other, a connected network and a reserved range, with a subnet outside the VNet and a hostile
# name), then has check-html.sh render each in headless Chromium and count and measure the blocks: one per range
# the plan's JSON lists, plus one per proposal of a rejected range. The pages and screenshots stay in
# target/browser-check/.
# Usage: src/test/browser/plan-figures.sh [path/to/cni-advisor.jar]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
jar="${1:-$root/target/cni-advisor.jar}"
out="$root/target/browser-check"
as_of=2026-11-21
[ -f "$jar" ] || { echo "plan-figures: $jar is missing; run 'mvn -B package' first" >&2; exit 1; }
mkdir -p "$out"

# the ranges of the plan, and the proposals of rejected ones: the blocks that are not context (connected
# networks and reserved ranges, drawn where they reach into a lane)
selector='.block:not([data-group="connected network"]):not([data-group="reserved range"])'
query='length([addressPlan.ranges[].cidr, addressPlan.ranges[].proposal][])'

cni() {
  local rc=0
  CNI_ADVISOR_HOME="$root" java -jar "$jar" plan --as-of "$as_of" "$@" 2>/dev/null || rc=$?
  case "$rc" in
    0|6) ;;   # 6: written, with error findings (the overlapping request, the misfit option)
    *) echo "plan-figures: plan $* exited $rc" >&2; return 1 ;;
  esac
}

pages=()
add() {   # add NAME REQUEST [plan options...]
  local name="$1" request="$2"
  shift 2
  cni -f "$request" "$@" -o html > "$out/$name.html"
  local count
  count="$(cni -f "$request" "$@" --query "$query")"
  pages+=("$out/$name.html" "$count")
}
add three-pools "$root/examples/requests/three-pools.yaml"
add payments-node-subnet "$root/examples/requests/payments.yaml" --option azure-cni-node-subnet
add overlapping "$root/src/test/resources/render/overlapping.yaml"

bash "$root/src/test/browser/check-html.sh" --selector "$selector" --shots "$out" "${pages[@]}"
