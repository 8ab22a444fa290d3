#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Plays a short script through the live sink into a private PulseAudio null sink
# (shared/tools/play-capture) and checks that sound arrived. Skips (77) without
# pulseaudio, parec or sox.
set -eu
player=$1
tool=${CRIER_SHARED_DIR:-$(dirname "$0")/../../../shared}/tools/play-capture
for cmd in pulseaudio parec pactl sox; do
    command -v "$cmd" >/dev/null 2>&1 || { echo "skip: $cmd not installed"; exit 77; }
done
[ -x "$tool" ] || { echo "skip: $tool missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
line=$("$tool" "$tmp/cap.raw" -- "$player" | tail -n 1)
echo "$line"
seconds=$(echo "$line" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p')
rms=$(echo "$line" | sed -n 's/.*rms=\([0-9.]*\).*/\1/p')
case "$line" in exit=0\ *) ;; *) echo "player failed"; exit 1 ;; esac
# The script is about 3.5 s of speech; at least 2 s must reach the sink.
awk -v s="$seconds" -v r="$rms" 'BEGIN { exit !(s > 2.0 && r > 0.0) }' ||
    { echo "no sound captured (seconds=$seconds rms=$rms)"; exit 1; }
# Streaming: sound starts well within a second of the recording (which starts
# before the player): PCM is played as eSpeak NG produces it.
total=$(soxi -D -t raw -r 22050 -e signed -b 16 -c 1 "$tmp/cap.raw" 2>/dev/null ||
        echo "$(stat -c %s "$tmp/cap.raw") / 44100" | bc -l)
trimmed=$(sox -t raw -r 22050 -e signed -b 16 -c 1 "$tmp/cap.raw" -n silence 1 0.01 1% stat 2>&1 |
          awk '/^Length/ { print $3 }')
lead=$(printf "%.3f" "$(echo "$total - $trimmed" | bc -l)")
echo "first sound after $lead s"
awk -v l="$lead" 'BEGIN { exit !(l < 1.0) }' || { echo "sound started late ($lead s)"; exit 1; }
