#!/usr/bin/env bash
# Parses the Terraform that `advise -o terraform` writes for every bundled example, and for requests with hostile
# names (src/test/resources/hostile/outputs), with a real HCL2 parser (@cdktf/hcl2json from the npm registry), and
# checks that the file holds only the network_profile block, with the attributes azurerm 4.x expects.
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
for request in "$root"/examples/requests/*; do
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

cat > "$work/check.js" <<'JS'
const { parse } = require('@cdktf/hcl2json');
const fs = require('fs');
const allowed = new Set(['network_plugin', 'network_plugin_mode', 'network_data_plane', 'network_policy', 'pod_cidr',
  'service_cidr', 'dns_service_ip', 'ip_versions']);
(async () => {
  let failed = 0;
  for (const file of process.argv.slice(2)) {
    try {
      const json = await parse(file, fs.readFileSync(file, 'utf8'));
      // nothing but the block: a name that escaped its comment would add a key (resource, locals, ...)
      const keys = Object.keys(json).join(',');
      if (keys !== 'network_profile') throw new Error('top-level keys ' + keys + ', expected network_profile only');
      const profile = json.network_profile && json.network_profile[0];
      if (!profile) throw new Error('no network_profile block');
      if (!profile.network_plugin) throw new Error('no network_plugin');
      for (const key of Object.keys(profile)) if (!allowed.has(key)) throw new Error('unexpected attribute ' + key);
      console.log('ok   ' + file.split('/').pop());
    } catch (e) {
      failed++;
      console.log('FAIL ' + file.split('/').pop() + ': ' + e.message);
    }
  }
  console.log(`terraform: ${process.argv.length - 2 - failed} of ${process.argv.length - 2} snippets (examples and hostile names) parse as HCL`);
  process.exit(failed ? 1 : 0);
})();
JS
(cd "$work" && node check.js "$work"/*.tf)
[ "$count" -gt 0 ] || { echo "validate-terraform: no example produced Terraform" >&2; exit 1; }
