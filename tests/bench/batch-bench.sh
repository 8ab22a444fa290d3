#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Batch throughput: one folder of pages (copies of the samples and synthetic
# pages), rendered with --jobs 1 and then --jobs 2 into fresh folders, in one
# run. Prints pages/s and audio-seconds/s for each and the speed-up.
#
#   tests/bench/batch-bench.sh [BUILD_DIR] [--format NAME] [--pages 48] [--repeat 1] [--check 1.8]
#
# --repeat R runs the pair R times, alternating (1 2 2 1 ...), and keeps each
# one's fastest run: on a machine shared with other work, the load changes
# from one minute to the next. CPU seconds (user + system, workers included)
# are printed too: jobs 2 should cost no more CPU than jobs 1. --check X exits 1
# when the speed-up is below X. Needs bash and the crier binary (CRIER_BIN,
# else BUILD_DIR/crier).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
build=build
format=""
pages=48
min=""
repeat=1
while [ $# -gt 0 ]; do
  case $1 in
    --format) format=$2; shift 2 ;;
    --pages) pages=$2; shift 2 ;;
    --check) min=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) build=$1; shift ;;
  esac
done
crier=${CRIER_BIN:-$build/crier}
[ -x "$crier" ] || { echo "batch-bench: no crier binary at $crier" >&2; exit 2; }
. "$root/tests/batch/pages.sh"
T=$(mktemp -d /tmp/crier-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT

# A quarter copies of the samples (long real articles), the rest synthetic
# pages of varied length (short notices to long reads).
samples=("$root"/samples/*.html "$root"/samples/*.txt)
n_copies=$((pages / 4))
for ((i = 0; i < n_copies; i++)); do
  s=${samples[$((i % ${#samples[@]}))]}
  cp "$s" "$T/in-copy-$i.${s##*.}" 2>/dev/null || true
done
mkdir -p "$T/in"
mv "$T"/in-copy-* "$T/in/"
for ((i = n_copies; i < pages; i++)); do
  page "$T/in/synthetic/page-$i.html" "Synthetic story $i" "2026-04-$(printf '%02d' $((i % 28 + 1)))" $((2 + i % 9 * 2))
done
found=$(find "$T/in" -type f | wc -l)

# Children's CPU seconds (user + system) in a file written by the shell's `times`.
cpu_seconds() {
  tail -1 "$1" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] } printf "%.2f", t }'
}

# run JOBS: prints "seconds pages audio_seconds failed cpu_seconds".
run() {
  local out=$T/out-$1 t0 t1 c0 c1
  rm -rf "$out"
  times >"$T/times-0"
  t0=$EPOCHREALTIME
  "$crier" batch "$T/in" -o "$out" ${format:+-f "$format"} -j "$1" --report "$T/report-$1.json" 2>/dev/null || true
  t1=$EPOCHREALTIME
  times >"$T/times-1"
  c0=$(cpu_seconds "$T/times-0")
  c1=$(cpu_seconds "$T/times-1")
  local done audio failed
  done=$(grep -o '"done": [0-9]*' "$T/report-$1.json" | grep -o '[0-9]*$')
  failed=$(grep -o '"failed": [0-9]*' "$T/report-$1.json" | grep -o '[0-9]*$')
  audio=$(grep -o '"audio_seconds": [0-9.]*' "$T/report-$1.json" | grep -o '[0-9.]*$')
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') $done $audio $failed $(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f", b - a }')"
}

# best OLD NEW: the faster of two result lines.
best() { if [ -z "$1" ] || awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN { exit !(b < a) }'; then echo "$2"; else echo "$1"; fi; }

echo "batch-bench: $found pages ($n_copies copies of samples/, $((pages - n_copies)) synthetic), format ${format:-default}, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
r1="" r2=""
for ((i = 0; i < repeat; i++)); do
  if ((i % 2 == 0)); then r1=$(best "$r1" "$(run 1)"); r2=$(best "$r2" "$(run 2)")
  else r2=$(best "$r2" "$(run 2)"); r1=$(best "$r1" "$(run 1)"); fi
done
read -r s1 p1 a1 f1 c1 <<<"$r1"
read -r s2 p2 a2 f2 c2 <<<"$r2"
echo "batch-bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg); audio options: $(grep -m1 -o 'format=[^	]*' "$T/out-1/.crier-manifest.tsv")"
awk -v s1="$s1" -v p1="$p1" -v a1="$a1" -v f1="$f1" -v c1="$c1" -v s2="$s2" -v p2="$p2" -v a2="$a2" -v f2="$f2" -v c2="$c2" -v min="$min" 'BEGIN {
  printf "jobs 1: %d pages (%d failed), %.1f s of audio in %.2f s (%.1f CPU s): %.2f pages/s, %.1f audio-s/s\n", p1, f1, a1, s1, c1, p1 / s1, a1 / s1
  printf "jobs 2: %d pages (%d failed), %.1f s of audio in %.2f s (%.1f CPU s): %.2f pages/s, %.1f audio-s/s\n", p2, f2, a2, s2, c2, p2 / s2, a2 / s2
  printf "speed-up (jobs 2 / jobs 1): %.2fx\n", s1 / s2
  if (min != "" && s1 / s2 < min) { printf "below the target %.2fx\n", min; exit 1 }
}'
