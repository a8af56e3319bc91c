#!/usr/bin/env bash
# The release archive runs with only a Java runtime: unpack it in an empty folder, run the README's first command
# through its launcher with no Maven on the PATH, and check the advice comes out and nothing was built.
set -euo pipefail
archive="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
home="$(find "$work" -mindepth 1 -maxdepth 1 -type d)"
for f in cni-advisor target/cni-advisor.jar rules facts examples docs README.md; do
  [ -e "$home/$f" ] || { echo "release archive: $f is missing" >&2; exit 1; }
done
[ ! -e "$home/src" ] && [ ! -e "$home/pom.xml" ] || { echo "release archive: holds sources" >&2; exit 1; }
# a PATH with java and the shell's tools, without mvn
bin="$work/bin"; mkdir -p "$bin"
ln -s "$(command -v java)" "$bin/java"
for tool in bash env find mktemp readlink dirname rm cat; do ln -sf "$(command -v $tool)" "$bin/$tool"; done
out="$work/out"; err="$work/err"
(cd "$work" && env -i PATH="$bin" HOME="$work" CNI_ADVISOR_CACHE="$work/cache" \
  "$home/cni-advisor" advise -f "$home/examples/requests/payments.yaml" >"$out" 2>"$err") || {
  echo "release archive: advise failed:" >&2; cat "$err" >&2; exit 1; }
grep -q "RECOMMENDED  Azure CNI Overlay" "$out" || { echo "release archive: no recommendation in:" >&2; cat "$out" >&2; exit 1; }
if grep -q "building" "$err"; then echo "release archive: the launcher tried to build" >&2; cat "$err" >&2; exit 1; fi
echo "release archive: $(basename "$archive") runs with Java alone ($(tar -tzf "$archive" | wc -l) entries)"
