#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# crier play against a real sound server: ../shared/tools/play-capture runs a
# private PulseAudio whose only sink is a null sink and records what reached it.
# TAP output; skipped when the rig (shared tools, pulseaudio, sox) is absent.
set -u
crier=${CRIER_BIN:?}
root=${CRIER_SOURCE_ROOT:?}
capture=${CRIER_SHARED_DIR:-$root/../shared}/tools/play-capture
if [ ! -x "$capture" ] && [ ! -f "$capture" ]; then
  echo "1..0 # SKIP play-capture not found at $capture"; exit 0
fi
for t in pulseaudio pactl parec sox; do
  command -v $t >/dev/null || { echo "1..0 # SKIP $t not installed"; exit 0; }
done
T=$(mktemp -d /tmp/crier-play.XXXXXX)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$(readlink -f "$0")")/../tap.sh"
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
# non-silent length of a WAV, measured as play-capture measures its capture
wav_seconds() {
  sox "$1" -n silence 1 0.01 1% reverse silence 1 0.01 1% reverse stat 2>&1 | awk '/^Length/{print $3}'
}

cat >"$T/short.txt" <<'TXT'
A short test of live playback

The United States and the Iranian regime have each signaled that they are ready to negotiate. Turkey, Egypt and Qatar are working to organize a meeting.
TXT

# 1. what plays is what render writes
line=$(bash "$capture" "$T/cap.raw" -- "$crier" play "$T/short.txt" 2>"$T/err")
status=$(field exit "$line"); secs=$(field seconds "$line"); rms=$(field rms "$line")
"$crier" render "$T/short.txt" -o "$T/short.wav"
want=$(wav_seconds "$T/short.wav")
if [ "$status" = 0 ] && awk -v s="$secs" -v w="$want" -v r="$rms" 'BEGIN { d = s - w; if (d < 0) d = -d; exit !(s > 1 && r > 0.01 && d < 0.05) }'; then
  ok "play captures the rendered audio ($line; render: ${want}s)"
else
  not_ok "play captures the rendered audio" "$line; render: ${want}s" "$(cat "$T/err")"
fi

# 2. streaming: with an article far longer than the time allowed, sound must
#    still reach the sink before play is stopped
for i in $(seq 40); do cat "$root/samples/000_90973953df2b6e18.txt"; done >"$T/long.txt"
line=$(bash "$capture" "$T/cap2.raw" -- timeout -s INT 4 "$crier" play "$T/long.txt" 2>/dev/null)
secs=$(field seconds "$line")
if awk -v s="$secs" 'BEGIN { exit !(s > 1) }'; then
  ok "play streams: sound before the article is synthesized ($line)"
else
  not_ok "play streams: sound before the article is synthesized" "$line"
fi

# 3. no sound server and no device: a clear error, exit 5, quickly
start=$(date +%s%N)
PULSE_SERVER=unix:/nonexistent/crier-no-server \
  timeout 10 "$crier" play "$T/short.txt" >"$T/out" 2>"$T/err"
status=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ "$status" -eq 5 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && [ "$ms" -lt 3000 ]; then
  ok "no audio device: exit 5 in ${ms} ms: $(cat "$T/err")"
else
  not_ok "no audio device: exit 5 with one line" "exit $status after ${ms} ms" "$(cat "$T/err")"
fi

tap_end
