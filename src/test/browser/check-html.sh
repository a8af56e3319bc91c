#!/usr/bin/env bash
# Checks address figures (AddressMapSvg) as a browser renders them: headless Chromium loads each page, saves a
# screenshot, and a test script that this check injects into a copy of the page (the page itself ships no script)
# measures the rendered blocks and writes its verdict into the DOM, which --dump-dom hands back. Per page it asserts:
#   - the page has an svg.address-map figure, runs no script of its own and loads nothing (no resource entries);
#   - the number of blocks (elements matching SELECTOR, default .block) is EXPECTED;
#   - every block is drawn (width and height > 0), lies inside its <svg>, and has a <title> tooltip;
#   - blocks whose data-status is overlap, misfit or outside are filled with the figure's standout colour (its
#     data-standout), and no other block is.
# Finds chromium, chromium-browser or google-chrome; when none is there and this runs as root, installs Debian's
# chromium package; when it cannot, says so and exits 0 (skipped).
# Usage: src/test/browser/check-html.sh [--selector CSS] [--shots DIR] PAGE.html EXPECTED [PAGE.html EXPECTED ...]
# Screenshots go to DIR (default target/browser-check/), one PAGE.png each.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
selector=".block"
shots="$root/target/browser-check"
while [ $# -gt 0 ]; do
  case "$1" in
    --selector) selector="$2"; shift 2 ;;
    --shots) shots="$2"; shift 2 ;;
    --) shift; break ;;
    -*) echo "check-html: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ] || [ $(($# % 2)) -ne 0 ]; then
  echo "usage: check-html.sh [--selector CSS] [--shots DIR] PAGE.html EXPECTED [PAGE.html EXPECTED ...]" >&2
  exit 2
fi

find_browser() {
  local name
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}
browser="$(find_browser || true)"
if [ -z "$browser" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "check-html: no Chromium found; installing Debian's chromium package" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } || true
  browser="$(find_browser || true)"
fi
if [ -z "$browser" ]; then
  echo "check-html: SKIPPED: no Chromium (chromium, chromium-browser or google-chrome) and it cannot be installed" \
    "here (needs root and apt-get); the address figures were not checked in a browser" >&2
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$shots"

# JSON string contents: backslash, quote and '<' (so no </script> can end the config block) escaped
json_string() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/</\\u003c/g'; }

cat > "$work/check.js" <<'JS'
(function () {
  var config = JSON.parse(document.getElementById('browser-check-config').textContent);
  var STANDOUT_STATUSES = ['overlap', 'misfit', 'outside'];
  function computedFill(svg, colour) {
    var probe = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    probe.setAttribute('fill', colour);
    svg.appendChild(probe);
    var fill = getComputedStyle(probe).fill;
    svg.removeChild(probe);
    return fill;
  }
  function run() {
    var problems = [];
    var svgs = document.querySelectorAll('svg.address-map');
    if (svgs.length === 0) problems.push('no svg.address-map figure on the page');
    var own = Array.prototype.filter.call(document.querySelectorAll('script'), function (s) {
      return s.id !== 'browser-check-config' && s.id !== 'browser-check-script';
    });
    if (own.length) problems.push('the page runs ' + own.length + ' script(s) of its own');
    var fetched = performance.getEntriesByType('resource').map(function (e) { return e.name; });
    if (fetched.length) problems.push('the page loaded ' + fetched.join(', '));
    var blocks = document.querySelectorAll(config.selector);
    if (blocks.length !== config.expected) {
      problems.push(blocks.length + ' blocks match ' + config.selector + ', expected ' + config.expected);
    }
    var counts = {};
    Array.prototype.forEach.call(blocks, function (b) {
      var status = b.getAttribute('data-status') || '';
      var name = (b.getAttribute('data-cidr') || '(no data-cidr)') + ' [' + status + ', '
        + (b.getAttribute('data-group') || '') + ']';
      counts[status] = (counts[status] || 0) + 1;
      var svg = b.closest('svg');
      if (!svg) { problems.push(name + ': not inside an svg'); return; }
      var r = b.getBoundingClientRect();
      var s = svg.getBoundingClientRect();
      if (!(r.width > 0 && r.height > 0)) problems.push(name + ': not drawn (' + r.width + ' x ' + r.height + ')');
      if (r.left < s.left - 0.5 || r.right > s.right + 0.5 || r.top < s.top - 0.5 || r.bottom > s.bottom + 0.5) {
        problems.push(name + ': lies outside its svg (' + [r.left, r.top, r.right, r.bottom].join(',') + ' vs '
          + [s.left, s.top, s.right, s.bottom].join(',') + ')');
      }
      var title = b.querySelector('title');
      if (!title || !title.textContent.trim()) problems.push(name + ': no <title> tooltip');
      var standout = computedFill(svg, svg.getAttribute('data-standout') || '#e31a1c');
      var fill = getComputedStyle(b).fill;
      var shouldStandOut = STANDOUT_STATUSES.indexOf(status) >= 0;
      if (shouldStandOut && fill !== standout) problems.push(name + ': filled ' + fill + ', not the standout ' + standout);
      if (!shouldStandOut && fill === standout) problems.push(name + ': drawn in the standout colour ' + standout);
    });
    var verdict = document.createElement('pre');
    verdict.id = 'browser-check-verdict';
    verdict.setAttribute('data-verdict', problems.length ? 'fail' : 'pass');
    var summary = blocks.length + ' blocks (' + Object.keys(counts).sort().map(function (k) {
      return k + ' ' + counts[k];
    }).join(', ') + ') in ' + svgs.length + ' figure(s)';
    verdict.textContent = [summary].concat(problems).join('\n');
    document.body.appendChild(verdict);
  }
  if (document.readyState === 'complete') run(); else window.addEventListener('load', run);
})();
JS

chrome() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --disable-extensions --hide-scrollbars --user-data-dir="$work/profile" --window-size=1280,2400 "$@" 2>/dev/null
}

failed=0
n=0
while [ $# -gt 0 ]; do
  page="$1" expected="$2"
  shift 2
  n=$((n + 1))
  name="$(basename "${page%.*}")"
  [ -f "$page" ] || { echo "check-html: FAIL: $page: no such file" >&2; failed=1; continue; }
  case "$expected" in ''|*[!0-9]*) echo "check-html: FAIL: expected count '$expected' is not a number" >&2; failed=1; continue ;; esac

  # the page as shipped, for a person to look at
  chrome --screenshot="$shots/$name.png" "file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")" >/dev/null \
    || { echo "check-html: FAIL: $page: $browser could not take a screenshot" >&2; failed=1; continue; }

  # a copy with the check injected before </body>
  copy="$work/$n-$name.html"
  config="<script type=\"application/json\" id=\"browser-check-config\">{\"selector\": \"$(json_string "$selector")\", \"expected\": $expected}</script>"
  script="<script id=\"browser-check-script\">$(cat "$work/check.js")</script>"
  html="$(cat "$page")"
  if [[ "$html" == *"</body>"* ]]; then
    printf '%s%s%s</body>%s\n' "${html%</body>*}" "$config" "$script" "${html##*</body>}" > "$copy"
  else
    printf '%s%s%s\n' "$html" "$config" "$script" > "$copy"
  fi
  dom="$work/$n-$name.dom"
  chrome --virtual-time-budget=5000 --dump-dom "file://$copy" > "$dom" \
    || { echo "check-html: FAIL: $page: $browser could not load the page" >&2; failed=1; continue; }
  verdict="$(sed -n '/<pre id="browser-check-verdict"/,/<\/pre>/p' "$dom" \
    | sed -e 's/<pre id="browser-check-verdict"[^>]*>//' -e 's/<\/pre>.*//' \
          -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e 's/&amp;/\&/g')"
  if grep -q 'id="browser-check-verdict" data-verdict="pass"' "$dom"; then
    echo "check-html: ok: $page: $(printf '%s\n' "$verdict" | head -n 1); screenshot $shots/$name.png"
  elif [ -z "$verdict" ]; then
    echo "check-html: FAIL: $page: the check script wrote no verdict (did the page load?)" >&2
    failed=1
  else
    echo "check-html: FAIL: $page:" >&2
    printf '%s\n' "$verdict" | sed 's/^/  /' >&2
    failed=1
  fi
done
exit "$failed"
