#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Normalizer throughput: MB/s of text through `crier normalize` on one core, and
# in the same run two peers on the same text: eSpeak NG's own text-to-phoneme
# pass (`espeak-ng -q -x`, what speaking the text costs before any audio) and
# `cat` (the cost of reading the bytes). Prints each and crier's ratio to them.
#
#   tests/bench/normalize-bench.sh [BUILD_DIR] [--mb 16] [--repeat 3] [--check 20]
#
# The text is news prose (samples/*.txt) and, for a sixth of its bytes, the
# golden inputs (tests/golden/normalize/en: numbers, dates, money, units, titles
# in every line), repeated to --mb megabytes. Each program's fastest of --repeat
# runs is kept; MB/s is given per CPU second (user + system: one core's work,
# however busy the shared machine is) and by the clock. eSpeak NG reads a 1/256
# slice (it is slow). --check X exits 1 when crier is below X MB/s per CPU
# second. Needs bash, awk, taskset (one core) and the crier binary (CRIER_BIN,
# else BUILD_DIR/crier).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
build=build mb=16 repeat=3 min=""
while [ $# -gt 0 ]; do
  case $1 in
    --mb) mb=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --check) min=$2; shift 2 ;;
    *) build=$1; shift ;;
  esac
done
crier=${CRIER_BIN:-$build/crier}
[ -x "$crier" ] || { echo "normalize-bench: no crier binary at $crier" >&2; exit 2; }
T=$(mktemp -d /tmp/crier-nbench.XXXXXX)
trap 'rm -rf "$T"' EXIT

# one round: the prose four times, then the golden inputs in paragraphs of five
# lines (about a sixth of the bytes: news is mostly prose)
{
  for _ in 1 2 3 4; do cat "$root"/samples/*.txt; echo; done
  n=0
  cut -f1 "$root"/tests/golden/normalize/en/*.tsv | grep -v '^# ' | while IFS= read -r line; do
    n=$((n + 1))
    printf '%s\n' "$line"
    if [ $((n % 5)) -eq 0 ]; then echo; fi
  done
  echo
} >"$T/round.txt"
want=$((mb * 1024 * 1024))
: >"$T/text.txt"
while [ "$(stat -c %s "$T/text.txt")" -lt "$want" ]; do cat "$T/round.txt" >>"$T/text.txt"; done
bytes=$(stat -c %s "$T/text.txt")
head -c $((bytes / 256)) "$T/text.txt" >"$T/slice.txt"
slice=$(stat -c %s "$T/slice.txt")

one_core=()
command -v taskset >/dev/null && one_core=(taskset -c 0)

# fastest of --repeat runs of "$@" < file: "wall_seconds cpu_seconds" (cpu =
# user + system: what one core spent, whatever else the machine was running)
best() {
  local file=$1; shift
  local b="" bc="" r
  for _ in $(seq "$repeat"); do
    r=$( { TIMEFORMAT='%R %U %S'; time "${one_core[@]}" "$@" <"$file" >/dev/null 2>&1; } 2>&1 )
    read -r w u s <<<"$r"
    if [ -z "$b" ] || awk -v x="$w" -v y="$b" 'BEGIN { exit !(x < y) }'; then b=$w; fi
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')
    if [ -z "$bc" ] || awk -v x="$c" -v y="$bc" 'BEGIN { exit !(x < y) }'; then bc=$c; fi
  done
  echo "$b $bc"
}

read -r t_crier c_crier <<<"$(best "$T/text.txt" "$crier" normalize)"
read -r t_cat c_cat <<<"$(best "$T/text.txt" cat)"
t_espeak="" c_espeak=""
if command -v espeak-ng >/dev/null; then
  read -r t_espeak c_espeak <<<"$(best "$T/slice.txt" espeak-ng -v en-us -q -x --stdin)"
fi
# MB/s by CPU time (one core's work) and by the clock
awk -v bytes="$bytes" -v slice="$slice" -v tc="$t_crier" -v cc="$c_crier" -v tk="$t_cat" \
    -v ce="$c_espeak" -v te="$t_espeak" 'BEGIN {
  MB = 1048576
  cc = cc > 0.001 ? cc : 0.001
  c = bytes / MB / cc
  printf "text: %.1f MB (news prose, a sixth golden inputs)\n", bytes / MB
  printf "crier normalize     %8.1f MB/s per CPU second  (%.1f MB/s by the clock)\n", c, bytes / MB / tc
  if (te != "") {
    ce = ce > 0.001 ? ce : 0.001
    e = slice / MB / ce
    printf "espeak-ng -q -x     %8.2f MB/s per CPU second  (%.2f MB read)  crier/espeak-ng = %.0fx\n", e, slice / MB, c / e
  }
  printf "cat                 %8.1f MB/s by the clock  crier/cat = %.3f\n", bytes / MB / tk, (bytes / MB / tc) / (bytes / MB / tk)
}'
if [ -n "$min" ]; then
  awk -v bytes="$bytes" -v cc="$c_crier" -v m="$min" 'BEGIN { exit !(bytes / 1048576 / cc >= m) }' ||
    { echo "normalize-bench: below $min MB/s per CPU second" >&2; exit 1; }
fi
