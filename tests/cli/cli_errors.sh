#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Bad input and bad command lines: each gives its documented exit status, a
# one-line message naming the file and the reason, and leaves no output behind.
# TAP output. Needs CRIER_BIN and CRIER_SOURCE_ROOT (set by meson test).
set -u
crier=${CRIER_BIN:?}
root=${CRIER_SOURCE_ROOT:?}
sample=$root/samples/all-israel-us-iran-talks.html
T=$(mktemp -d /tmp/crier-cli.XXXXXX)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$(readlink -f "$0")")/../tap.sh"

# expect NAME WANT_STATUS MUST_NAME OUTDIR -- COMMAND...
# The command must exit WANT_STATUS, print exactly one line on stderr that
# contains MUST_NAME, nothing on stdout, and leave OUTDIR empty.
expect() {
  local name=$1 want=$2 must=$3 outdir=$4; shift 5
  local got
  "$@" >"$T/stdout" 2>"$T/stderr" </dev/null
  got=$?
  local lines; lines=$(wc -l <"$T/stderr")
  local left=""; [ -d "$outdir" ] && left=$(ls -A "$outdir")
  if [ "$got" -ne "$want" ]; then
    not_ok "$name" "exit $got, want $want" "$(head -3 "$T/stderr")"
  elif [ "$lines" -ne 1 ]; then
    not_ok "$name" "stderr has $lines lines, want 1:" "$(head -5 "$T/stderr")"
  elif ! grep -qF -- "$must" "$T/stderr"; then
    not_ok "$name" "message does not name '$must':" "$(cat "$T/stderr")"
  elif [ -s "$T/stdout" ]; then
    not_ok "$name" "printed on stdout:" "$(head -3 "$T/stdout")"
  elif [ -n "$left" ]; then
    not_ok "$name" "left files behind in $outdir: $left"
  else
    ok "$name ($(cat "$T/stderr"))"
  fi
}

out=$T/out; mkdir -p "$out"
printf '' >"$T/empty.html"
printf '   \n\n  \n' >"$T/blank.txt"
head -c 4096 /dev/urandom >"$T/garbage.html"
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00' >"$T/program.txt"
head -c 2000 /dev/zero >>"$T/program.txt"
cat >"$T/no-article.html" <<'HTML'
<!doctype html><html><head><title>Home</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<script>var x = "a very long script that is not an article at all";</script>
<footer>© 2026 Example</footer></body></html>
HTML
mkdir "$T/a-folder.html"
: >"$T/not-a-folder"

expect "missing input" 3 "$T/nope.html" "$out" -- "$crier" render "$T/nope.html" -o "$out/a.wav"
expect "input is a folder" 3 "$T/a-folder.html" "$out" -- "$crier" render "$T/a-folder.html" -o "$out/a.wav"
expect "empty input" 3 "$T/empty.html" "$out" -- "$crier" render "$T/empty.html" -o "$out/a.wav"
expect "blank text input" 3 "$T/blank.txt" "$out" -- "$crier" render "$T/blank.txt" -o "$out/a.ogg"
expect "binary garbage" 3 "$T/garbage.html" "$out" -- "$crier" render "$T/garbage.html" -o "$out/a.ogg"
expect "a program, not text" 3 "$T/program.txt" "$out" -- "$crier" render "$T/program.txt" -o "$out/a.ogg"
expect "html with no article" 3 "$T/no-article.html" "$out" -- "$crier" render "$T/no-article.html" -o "$out/a.wav"
expect "unknown output extension" 2 "$out/a.mp9" "$out" -- "$crier" render "$sample" -o "$out/a.mp9"
expect "output folder missing" 4 "$T/missing-dir/a.wav" "$out" -- "$crier" render "$sample" -o "$T/missing-dir/a.wav"
expect "output folder is a file" 4 "$T/not-a-folder/a.wav" "$out" -- "$crier" render "$sample" -o "$T/not-a-folder/a.wav"
# /proc takes no new files, even from root
expect "output folder not writable" 4 "/proc/crier-test.ogg" "$out" -- "$crier" render "$sample" -o /proc/crier-test.ogg
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$T/ro"; chmod 555 "$T/ro"
  expect "output folder read-only" 4 "$T/ro/a.wav" "$T/ro" -- "$crier" render "$sample" -o "$T/ro/a.wav"
fi
expect "text: missing input" 3 "$T/nope.txt" "$out" -- "$crier" text "$T/nope.txt"
expect "text: stdin empty" 3 "(stdin)" "$out" -- "$crier" text -
expect "play: missing input" 3 "$T/nope.html" "$out" -- "$crier" play "$T/nope.html"
expect "rate out of range" 2 "--rate" "$out" -- "$crier" render "$sample" -o "$out/a.wav" --rate 5
expect "unknown voice" 6 "xx-nonesuch" "$out" -- "$crier" render "$sample" -o "$out/a.wav" --voice xx-nonesuch
expect "unknown command" 2 "frobnicate" "$out" -- "$crier" frobnicate

# usage errors print a hint line as well, so only the status is checked here
"$crier" render "$sample" >/dev/null 2>&1; st=$?
[ $st -eq 2 ] && ok "render without -o is a usage error" || not_ok "render without -o is a usage error" "exit $st"
"$crier" text "$sample" --stage=bogus >/dev/null 2>&1; st=$?
[ $st -eq 2 ] && ok "unknown stage is a usage error" || not_ok "unknown stage is a usage error" "exit $st"
"$crier" render --bogus >/dev/null 2>&1; st=$?
[ $st -eq 2 ] && ok "unknown option is a usage error" || not_ok "unknown option is a usage error" "exit $st"

# --help on every command, --version
for c in render play text normalize; do
  if "$crier" $c --help | grep -q "usage: crier $c"; then ok "$c --help"; else not_ok "$c --help"; fi
done
if "$crier" --version | grep -qE '^crier [0-9]+\.[0-9]+'; then ok "--version"; else not_ok "--version"; fi
if "$crier" --help | grep -q 'Exit status'; then ok "--help documents exit statuses"; else not_ok "--help documents exit statuses"; fi

tap_end
