#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# An end-to-end render, the text stages and a small batch under valgrind
# memcheck: no errors and no definite leaks (eSpeak NG's own "possibly lost"
# thread stacks are not ours). TAP output; skipped without valgrind.
set -u
crier=${CRIER_BIN:?}
root=${CRIER_SOURCE_ROOT:?}
command -v valgrind >/dev/null || { echo "1..0 # SKIP valgrind not installed"; exit 0; }
T=$(mktemp -d /tmp/crier-valgrind.XXXXXX)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$(readlink -f "$0")")/../tap.sh"

# memcheck NAME -- COMMAND...: COMMAND under memcheck must exit 0 with no error.
memcheck() {
  local name=$1; shift 2
  valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite --track-fds=no --child-silent-after-fork=no \
    --log-file="$T/vg.%p.log" "$@" >"$T/out" 2>"$T/err" </dev/null
  local st=$?
  local findings; findings=$(cat "$T"/vg.*.log 2>/dev/null | grep -c '^==[0-9]*== [A-Z]')
  if [ $st -eq 0 ] && [ "$findings" -eq 0 ]; then
    ok "$name"
  else
    not_ok "$name" "status $st, $findings findings" "$(cat "$T"/vg.*.log 2>/dev/null | head -30)" "$(head -3 "$T/err")"
  fi
  rm -f "$T"/vg.*.log
}

sample=$root/samples/all-israel-us-iran-talks.html
memcheck "render the sample to WAV" -- "$crier" render "$sample" -o "$T/a.wav"
memcheck "render the seed text to OGG" -- "$crier" render "$root/samples/000_90973953df2b6e18.txt" -o "$T/b.ogg"
memcheck "text --json of the sample" -- "$crier" text --json "$sample"
memcheck "text of a bad page (error path)" -- bash -c "'$crier' text /dev/null; test \$? -eq 3"
mkdir -p "$T/in"
cp "$sample" "$T/in/"
cp "$root/samples/000_90973953df2b6e18.txt" "$T/in/seed.txt"
printf 'not a page\0\0\0' >"$T/in/broken.html"
memcheck "a small batch, one worker" -- bash -c "'$crier' batch '$T/in' -o '$T/batch-out' -f ogg -j 1; test \$? -eq 7"

tap_end
