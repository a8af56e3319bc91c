#!/usr/bin/env bash
# Parses the Terraform that `advise -o terraform` writes for every bundled example, and for requests with hostile
# names (src/test/resources/hostile/outputs), with a real HCL2 parser (@cdktf/hcl2json from the npm registry), and
# checks that the file holds only variables, subnets, the cluster (with network_profile and the attributes azurerm
# 4.x expects there) and node pools. Where terraform and the azurerm provider can be had, it also runs a real
# `terraform validate` over every file; where they cannot (no terraform, or no registry), it says so and skips it.
# Usage: src/test/hcl/validate-terraform.sh [path/to/cni-advisor.jar]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
jar="${1:-$root/target/cni-advisor.jar}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v node >/dev/null && command -v npm >/dev/null || {
  echo "validate-terraform: node and npm are needed (apt-get install nodejs npm)" >&2; exit 1; }
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent @cdktf/hcl2json@0.21.0 >/dev/null)

count=0
for request in "$root"/examples/requests/* "$root"/src/test/resources/deploy/*.yaml; do
  out="$work/$(basename "${request%.*}").tf"
  rc=0
  CNI_ADVISOR_HOME="$root" java -jar "$jar" advise -f "$request" --as-of 2026-11-21 -o terraform > "$out" 2>/dev/null \
    || rc=$?
  case "$rc" in
    0|6) count=$((count + 1)) ;;   # 6: written, with an error finding on stderr (windows-2019)
    4) rm -f "$out" ;;             # no recommendation: nothing to render
    *) echo "validate-terraform: advise -f $request -o terraform exited $rc" >&2; exit 1 ;;
  esac
done

# Hostile names: a request whose name tries to end the header comment and add HCL of its own, and the requests of
# the bad-input suite whose names hold a line feed, a CR LF, interpolations or a line separator. Each must still
# parse as nothing but the network_profile block.
hostile="$root/src/test/resources/hostile/outputs"
n=0
{ cat "$hostile/request.json"
  grep -E '^\{"name": "(line one|crlf|\$\{var|line\\u2028)' "$hostile/names.jsonl"; } | while IFS= read -r line; do
  n=$((n + 1))
  printf '%s\n' "$line" > "$work/hostile-$n.json"
  rc=0
  CNI_ADVISOR_HOME="$root" java -jar "$jar" advise -f "$work/hostile-$n.json" --as-of 2026-11-21 -o terraform \
    > "$work/hostile-$n.tf" 2>/dev/null || rc=$?
  case "$rc" in
    0|6) ;;
    *) echo "validate-terraform: advise -f hostile-$n.json ($line) -o terraform exited $rc" >&2; exit 1 ;;
  esac
  rm -f "$work/hostile-$n.json"
done
[ "$(ls "$work"/hostile-*.tf | wc -l)" -eq 5 ] || { echo "validate-terraform: expected 5 hostile requests" >&2; exit 1; }

# batch --iac-dir: one file per team of the batch example, with the ranges the address pool allocated to it
iac="$work/iac"
rc=0
CNI_ADVISOR_HOME="$root" java -jar "$jar" batch "$root/examples/batch/teams.csv" --as-of 2026-11-21 --no-progress \
  --address-pool 10.20.0.0/16,10.40.0.0/16 --iac-dir "$iac" -o jsonl > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "validate-terraform: batch --iac-dir exited $rc (expected 2: the example has a bad row)" >&2; exit 1; }
for tf in "$iac"/*.tf; do cp "$tf" "$work/iac-$(basename "$tf")"; done
[ "$(ls "$work"/iac-*.tf | wc -l)" -eq 9 ] || { echo "validate-terraform: expected 9 files from --iac-dir" >&2; exit 1; }
grep -q '"10.20.2.0/23"' "$work/iac-edge-ipv6.tf" \
  || { echo "validate-terraform: edge-ipv6.tf does not create its allocated node subnet 10.20.2.0/23" >&2; exit 1; }

cat > "$work/check.js" <<'JS'
const { parse } = require('@cdktf/hcl2json');
const fs = require('fs');
const allowed = new Set(['network_plugin', 'network_plugin_mode', 'network_data_plane', 'network_policy', 'pod_cidr',
  'service_cidr', 'dns_service_ip', 'ip_versions', 'outbound_type']);
const resources = new Set(['azurerm_subnet', 'azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool']);
(async () => {
  let failed = 0;
  for (const file of process.argv.slice(2)) {
    try {
      const json = await parse(file, fs.readFileSync(file, 'utf8'));
      // variables and the deployment's resources only: a name that escaped its comment would add a key
      const keys = Object.keys(json).sort().join(',');
      if (keys !== 'resource,variable') throw new Error('top-level keys ' + keys + ', expected resource and variable');
      for (const type of Object.keys(json.resource)) if (!resources.has(type)) throw new Error('resource ' + type);
      const clusters = Object.values(json.resource.azurerm_kubernetes_cluster || {});
      if (clusters.length !== 1) throw new Error(clusters.length + ' clusters');
      const cluster = clusters[0][0];
      if (!cluster.default_node_pool || !cluster.default_node_pool[0].name) throw new Error('no default_node_pool');
      const profile = cluster.network_profile && cluster.network_profile[0];
      if (!profile) throw new Error('no network_profile block');
      if (!profile.network_plugin) throw new Error('no network_plugin');
      for (const key of Object.keys(profile)) if (!allowed.has(key)) throw new Error('unexpected attribute ' + key);
      for (const pool of Object.values(json.resource.azurerm_kubernetes_cluster_node_pool || {})) {
        if (pool[0].kubernetes_cluster_id !== '${azurerm_kubernetes_cluster.aks.id}') throw new Error('pool cluster');
      }
      console.log('ok   ' + file.split('/').pop());
    } catch (e) {
      failed++;
      console.log('FAIL ' + file.split('/').pop() + ': ' + e.message);
    }
  }
  console.log(`terraform: ${process.argv.length - 2 - failed} of ${process.argv.length - 2} snippets (examples, hostile names and batch --iac-dir) parse as HCL`);
  process.exit(failed ? 1 : 0);
})();
JS
(cd "$work" && node check.js "$work"/*.tf)
[ "$count" -gt 0 ] || { echo "validate-terraform: no example produced Terraform" >&2; exit 1; }

# A real `terraform validate` needs terraform and the azurerm provider from the Terraform registry.
if ! command -v terraform >/dev/null; then
  echo "terraform validate: skipped (no terraform on this machine)"
  exit 0
fi
provider="$work/provider"
mkdir -p "$provider"
cat > "$provider/versions.tf" <<'TF'
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}
TF
if ! (cd "$provider" && terraform init -backend=false -input=false -no-color >"$work/init.log" 2>&1); then
  echo "terraform validate: skipped (the azurerm provider cannot be downloaded here: $(grep -m1 -i error "$work/init.log" | tr -d '\r' | cut -c1-160))"
  exit 0
fi
valid=0
for tf in "$work"/*.tf; do
  dir="$work/validate-$(basename "${tf%.tf}")"
  mkdir -p "$dir"
  cp "$provider/versions.tf" "$tf" "$dir/"
  cp -r "$provider/.terraform" "$provider/.terraform.lock.hcl" "$dir/"
  (cd "$dir" && terraform validate -no-color) >"$dir.log" 2>&1 \
    || { echo "terraform validate: $(basename "$tf") is not valid:" >&2; cat "$dir.log" >&2; exit 1; }
  valid=$((valid + 1))
done
echo "terraform validate: $valid of $valid files valid against the azurerm provider"
