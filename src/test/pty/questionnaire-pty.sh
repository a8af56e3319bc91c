#!/usr/bin/env bash
# End-to-end test of the questionnaire on a real terminal: runs the packaged jar in a tmux pane, types answers
# (and editing keys), and asserts what the screen shows and what the saved request file holds. Needs
# target/cni-advisor.jar (mvn -B verify or package); installs tmux if missing. Every wait is bounded, and the
# private tmux server is killed on exit.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
jar="$root/target/cni-advisor.jar"
as_of=2026-11-21

[ -f "$jar" ] || { echo "questionnaire-pty: $jar is missing; run 'mvn -B verify' first" >&2; exit 1; }
if ! command -v tmux >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq tmux >/dev/null
fi

work="$(mktemp -d)"
# a private server whose socket lives (and goes) with the work folder
tm() { tmux -S "$work/tmux.sock" -f /dev/null "$@"; }
cleanup() { tm kill-server >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

pane() { tm capture-pane -p -J -S - -t pty "$@"; }   # the whole pane, scrollback included, wrapped lines joined
fail() {
  echo "questionnaire-pty: FAIL: $*" >&2
  echo "--- screen" >&2
  pane >&2 || true
  exit 1
}
# wait_for TEXT [COUNT] [SECONDS]: until TEXT is on COUNT lines of the screen (default 1, 60 s).
wait_for() {
  local text="$1" count="${2:-1}" limit="${3:-60}" tenths=0
  until [ "$(pane | grep -cF -- "$text" || true)" -ge "$count" ]; do
    tenths=$((tenths + 1))
    [ "$tenths" -le $((limit * 10)) ] || fail "waited ${limit}s for '$text' (x$count)"
    sleep 0.1
  done
}
expect_screen() { pane | grep -qF -- "$1" || fail "screen lacks '$1'"; }
expect_no_screen() { ! pane | grep -qF -- "$1" || fail "screen shows '$1'"; }
type_line() { tm send-keys -t pty -l -- "$1"; tm send-keys -t pty Enter; }
type_text() { tm send-keys -t pty -l -- "$1"; }
keys() { tm send-keys -t pty "$@"; }   # tmux key names: Left, BSpace, C-a, C-e, Up, Enter, C-c ...
# the terminal's modes after the program: "icanon echo" when it gave the terminal back as it found it
TTY_MODES='stty -a | tr " ;" "\n\n" | grep -xE -- "-?(icanon|echo)" | tr "\n" " "; echo "[tty]"'

# run COMMAND [AFTER] in a fresh 160x60 pane; the shell then prints its exit code, runs AFTER and stays, so the
# screen can be read.
run() {
  tm kill-session -t pty >/dev/null 2>&1 || true
  tm new-session -d -s pty -x 160 -y 60 \
    "cd '$root' && export CNI_ADVISOR_CACHE='$work/cache'; $1; echo \"[exit \$?]\"; ${2:+$2;} sleep 600"
  tm set-option -t pty history-limit 10000 >/dev/null
}

# 1. A whole session with colours: bad input asked again, ? help citing rules, a change from the summary, --save.
run "env -u NO_COLOR -u CLICOLOR -u CLICOLOR_FORCE java -jar '$jar' ask --as-of $as_of --save '$work/answers.yaml'"
wait_for "What should the report call this cluster?"
wait_for "  name [my-cluster]: "
# tmux re-renders attributes (bold may show as ESC[0;1m), so look for any bold code before the question
pane -e | grep -qE $'\e\\[([0-9]+;)*1m.*What should the report call this cluster\\?' || fail "no bold question on a terminal"
type_line "pty-team"
wait_for "  1 or more: "
type_line "lots"
wait_for '! expected a whole number from 1 up, got "lots"'
type_line "12"
wait_for "  node count or percentage, e.g. 3 or 33% [AKS's default]: "
type_line ""
wait_for "  10 to 250 [each option's default]: "
type_line ""
wait_for "Add another node pool (a user or Windows pool with its own size, max pods or subnet)?"
type_line ""
wait_for "Will the cluster have Windows Server node pools?"
type_line "y"
wait_for "  number or name [2025]: "
type_line "?"
wait_for "  LIFE-WINDOWS-RETIRED: " 1 120
# plain guidance (what the answer changes) first, then the rules and their sources
pane | grep -A1 -F "number or name [2025]: ?" | tail -1 | grep -qF "Support and retirement differ by Windows Server" \
  || fail "? does not start with the plain guidance"
type_line "2022"
wait_for "Do you need Kubernetes network policies, and from which engine?"
type_line "any"
for question in "Do the policies need to filter by domain name" "Where does most pod traffic go?" \
    "Must anything outside the cluster open connections" "Must destinations outside the cluster see" \
    "Any of: virtual nodes" "Is this a new cluster" "Do you know the address ranges"; do
  wait_for "$question"
  type_line ""
done
wait_for "Enter to get the recommendation, or a number to change that answer: "
expect_screen "Windows Server version    2022"
type_line "2"
wait_for "  1 or more [12]: "
type_line "40"
wait_for "Enter to get the recommendation, or a number to change that answer: " 2
expect_screen "Nodes (at most)           40"
type_line ""
wait_for "[exit 0]" 1 120
expect_screen "RECOMMENDED  Azure CNI Overlay, azure data plane, calico network policy"
expect_screen "Saved the answers to $work/answers.yaml"
# the terminal echoed the answers; the questionnaire must not echo them again
expect_screen "  name [my-cluster]: pty-team"
pane | grep -qx "pty-team" && fail "an answer was echoed twice"
grep -qx "nodeCount: 40" "$work/answers.yaml" || fail "answers.yaml lacks nodeCount: 40"
grep -qx "windowsServerVersion: 2022" "$work/answers.yaml" || fail "answers.yaml lacks the Windows version"
CNI_ADVISOR_CACHE="$work/cache" java -jar "$jar" advise -f "$work/answers.yaml" --as-of $as_of \
  | grep -qF "RECOMMENDED  Azure CNI Overlay, azure data plane, calico network policy" \
  || fail "advise -f answers.yaml recommends something else"

# 2. advise without -f on a terminal asks too, even with stdout redirected; NO_COLOR: no colours; Ctrl-D stops.
run "NO_COLOR=1 java -jar '$jar' advise --as-of $as_of > '$work/report.txt'"
wait_for "  name [my-cluster]: "
pane -e | grep -qF $'\e[' && fail "colours despite NO_COLOR"
type_line "no-colour"
wait_for "  1 or more: "
tm send-keys -t pty C-d
wait_for "[exit 2]" 1 30
expect_screen "error: input ended before the questionnaire was complete; nothing was saved"
[ ! -s "$work/report.txt" ] || fail "a report was written after Ctrl-D"

# 3. Ctrl-C while editing a line: a one-line message, exit code 130, the terminal given back in its modes, and no
#    answers file (nor a temporary one).
run "java -jar '$jar' ask --no-color --save '$work/interrupted.yaml'" "$TTY_MODES"
wait_for "  name [my-cluster]: "
type_line "interrupted"
wait_for "  1 or more: "
type_text "1"
keys C-c
wait_for "[exit 130]" 1 30
expect_screen "interrupted before the questionnaire was complete; nothing was saved"
wait_for "[tty]" 1 10
expect_screen "icanon echo [tty]"
if compgen -G "$work/*interrupted.yaml*" >/dev/null || compgen -G "$work/.interrupted.yaml*" >/dev/null; then
  fail "Ctrl-C left a file behind: $(ls -a "$work")"
fi

# 4. Line editing: answers fixed with Left, Ctrl-A, Ctrl-E and Backspace, one recalled with Up, back to the
#    question before, a choice in capitals; the saved file holds the corrected values and no escape sequence.
run "java -jar '$jar' ask --no-color --as-of $as_of --save '$work/edited.yaml' > '$work/edited.txt'"
wait_for "  name [my-cluster]: "
type_text "aymenst"
keys C-a; type_text "p"          # paymenst: Ctrl-A to the start
keys C-e Left BSpace             # paymen|t: the misplaced s out
keys C-e; type_text "s"          # payments
wait_for "  name [my-cluster]: payments"
keys Enter
wait_for "  1 or more: "
type_line "60"
wait_for "  node count or percentage, e.g. 3 or 33% [AKS's default]: "
type_line "back"
wait_for "  1 or more [60]: "          # back: the answer before, offered as the default
type_text "0"; keys C-a; type_text "8"   # 80
keys Enter
wait_for "  node count or percentage, e.g. 3 or 33% [AKS's default]: " 2
type_line "5"
wait_for "  10 to 250 [each option's default]: "
keys Up Up                        # history: 5, then 80
wait_for "  10 to 250 [each option's default]: 80"
keys Enter
wait_for "Add another node pool"
type_line ""
wait_for "Will the cluster have Windows Server node pools?"
type_line ""
wait_for "Do you need Kubernetes network policies, and from which engine?"
type_line "Cilium"
for question in "Do the policies need to filter by domain name" "Where does most pod traffic go?" \
    "Must anything outside the cluster open connections" "Must destinations outside the cluster see" \
    "Any of: virtual nodes" "Is this a new cluster" "Do you know the address ranges"; do
  wait_for "$question"
  type_line ""
done
wait_for "Enter to get the recommendation, or a number to change that answer: "
expect_no_screen "! "
keys Enter
wait_for "[exit 0]" 1 120
for line in "name: payments" "nodeCount: 80" "maxSurge: 5" "maxPodsPerNode: 80" "networkPolicy: cilium"; do
  grep -qx "$line" "$work/edited.yaml" || fail "edited.yaml lacks '$line': $(grep -v '^#' "$work/edited.yaml")"
done
! grep -q $'\e' "$work/edited.yaml" || fail "an escape sequence reached edited.yaml"
grep -qF "RECOMMENDED  Azure CNI Overlay, cilium data plane, cilium network policy" "$work/edited.txt" \
  || fail "edited.txt: no cilium recommendation"

# 5. A terminal that cannot edit (TERM=dumb): plain lines, so an arrow key leaves ESC [ D in the line; the answer
#    is refused and asked again, never saved. Ctrl-C there is the same exit 130.
run "TERM=dumb java -jar '$jar' ask --no-color --save '$work/dumb.yaml'"
wait_for "  name [my-cluster]: "
expect_no_screen "Arrow keys, Ctrl-A and Ctrl-E"
type_text "dumbx"; keys Left; keys Enter
wait_for "! the answer holds a terminal escape sequence"
wait_for "  name [my-cluster]: " 2
type_line "dumb"
wait_for "  1 or more: "
keys C-c
wait_for "[exit 130]" 1 30
expect_screen "interrupted before the questionnaire was complete; nothing was saved"
[ ! -e "$work/dumb.yaml" ] || fail "Ctrl-C on a dumb terminal saved $work/dumb.yaml"

echo "questionnaire-pty: OK (5 terminal sessions)"
