#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# crier play of the sample page against a real sound server
# (../shared/tools/play-capture: a private PulseAudio whose only sink is a null
# sink, recording what reached it; it stops its daemon by pid). What plays must
# be what `crier render` writes: nothing cut (non-silent length at least the
# render's, less 50 ms), the speech (silences of 10 ms or more left out) of the
# same length within 0.1 s and level within 5 %, and at most 1 % of silence
# added (a machine under load may let the device run dry for a moment: that is
# a gap, not lost or changed audio; tests/bench/play-latency.sh measures speed).
# The page plays in real time (about 5 minutes). Also: --from-heading / --start,
# a queue of two articles (chime between), and no sound server at all. TAP; skipped when the rig is absent.
set -u
crier=${CRIER_BIN:?}
root=${CRIER_SOURCE_ROOT:?}
capture=${CRIER_SHARED_DIR:-$root/../shared}/tools/play-capture
if [ ! -f "$capture" ]; then
  echo "1..0 # SKIP play-capture not found at $capture"; exit 0
fi
for t in pulseaudio pactl parec sox; do
  command -v $t >/dev/null || { echo "1..0 # SKIP $t not installed"; exit 0; }
done
T=$(mktemp -d /tmp/crier-play-sample.XXXXXX)
trap 'rm -rf "$T"' EXIT
export XDG_STATE_HOME=$T/state
page=$root/samples/all-israel-us-iran-talks.html
. "$(dirname "$(readlink -f "$0")")/../tap.sh"
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
# non-silent length and RMS of a WAV, measured as play-capture measures its capture
wav_stat() {
  sox "$1" -n silence 1 0.01 1% reverse silence 1 0.01 1% reverse stat 2>&1 |
    awk '/^Length/{l=$3} /^RMS +amplitude/{r=$3} END{print l, r}'
}
close() { # got want tolerance-seconds tolerance-fraction
  awk -v g="$1" -v w="$2" -v s="$3" -v f="$4" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(w > 0 && (s == "" || d <= s) && (f == "" || d <= f * w)) }'
}

# speech_stat FILE [SOX-INPUT-OPTIONS]: length and RMS of the speech alone,
# every silence of 10 ms or more left out (sox keeps about 10 ms of each)
speech_stat() {
  local f=$1; shift
  sox "$@" "$f" -n silence 1 0.01 1% -1 0.01 1% stat 2>&1 |
    awk '/^Length/{l=$3} /^RMS +amplitude/{r=$3} END{print l, r}'
}

# played_as_rendered NAME INPUT...: `crier play INPUT...` captures the speech of
# `crier render INPUT...`: its length (within 0.1 s) and level (within 5 %),
# with at most 1 % (+ 50 ms) of silence added and nothing cut.
# Sets line (play-capture's) and want_s (the render's non-silent seconds).
played_as_rendered() {
  local name=$1 want_rms got_sp got_sp_rms want_sp want_sp_rms s; shift
  "$crier" render "$@" -o "$T/want.wav"
  read -r want_s want_rms < <(wav_stat "$T/want.wav")
  read -r want_sp want_sp_rms < <(speech_stat "$T/want.wav")
  line=$(bash "$capture" "$T/cap.raw" -- "$crier" play "$@" </dev/null 2>"$T/err")
  read -r got_sp got_sp_rms < <(speech_stat "$T/cap.raw" -t raw -r 22050 -e signed -b 16 -c 1)
  s=$(field seconds "$line")
  if [ "$(field exit "$line")" = 0 ] && close "$got_sp" "$want_sp" 0.1 "" &&
     close "$got_sp_rms" "$want_sp_rms" "" 0.05 &&
     awk -v g="$s" -v w="$want_s" 'BEGIN { exit !(g >= w - 0.05 && g <= w * 1.01 + 0.05) }'; then
    ok "$name ($line; render ${want_s}s rms=$want_rms; speech ${got_sp}s/${want_sp}s)"
  else
    not_ok "$name" "$line; render ${want_s}s rms=$want_rms" \
      "speech: played ${got_sp}s rms=$got_sp_rms, rendered ${want_sp}s rms=$want_sp_rms" "$(cat "$T/err")"
  fi
}

# 1. the sample page: played = rendered
played_as_rendered "sample page: play matches render" "$page"

# 2. --start and --from-heading begin later; a heading nobody has is a usage error
cat >"$T/doc.txt" <<'TXT'
Where to begin

The opening paragraph is spoken only when playback starts at the top of the page.

The second paragraph is where the start option begins.
TXT
"$crier" play --from-heading "no such heading" "$T/doc.txt" </dev/null >/dev/null 2>"$T/err"
st=$?
if [ $st -eq 2 ] && grep -q "no heading contains" "$T/err"; then
  ok "--from-heading with no match: exit 2, $(cat "$T/err")"
else
  not_ok "--from-heading with no match: exit 2" "exit $st" "$(cat "$T/err")"
fi
full=$(bash "$capture" "$T/c3.raw" -- "$crier" play "$T/doc.txt" </dev/null 2>/dev/null)
part=$(bash "$capture" "$T/c4.raw" -- "$crier" play --start 2 "$T/doc.txt" </dev/null 2>/dev/null)
if awk -v f="$(field seconds "$full")" -v p="$(field seconds "$part")" 'BEGIN { exit !(p > 1 && p < f - 3) }'; then
  ok "--start 2 skips the title and paragraph 1 ($part; whole: $full)"
else
  not_ok "--start 2 skips the title and paragraph 1" "$part; whole: $full"
fi

# 3. a queue: two articles with a chime between them plays both, as render
# joins them (the same chime, crier_render_chime)
played_as_rendered "queue of two: both articles and the chime play, as rendered" "$T/doc.txt" "$T/doc.txt"

# 4. a long page (3 MB: a short article, then 40,000 related-story links that
# extraction drops, about 150 ms to extract): its title, guessed from the
# page's first 64 KiB, plays while the page is extracted (the player's early
# title), and what plays is still what render writes.
long_page() { # TITLE TAIL: the page on stdout
  python3 - "$1" "$2" <<'PY2'
import sys
title, tail = sys.argv[1], sys.argv[2]
links = "".join('<div class="related"><a href="/story/%d">Related story number %d</a></div>\n' % (i, i)
                for i in range(40000))
print("<!doctype html><html lang=en><head><meta charset=utf-8><title>%s</title></head><body>"
      "<article><h1>%s</h1><p>Crews worked through the night to clear the fallen trees and the mud "
      "from the coast road.</p><p>The council said the road would open again by Friday.</p>"
      "</article><footer>%s</footer>%s</body></html>" % (title, title, links, tail))
PY2
}
long_page "Storm closes the coast road" "" >"$T/long.html"
played_as_rendered "3 MB page, title spoken while it is extracted: play matches render" "$T/long.html"
# 5. the same page with JSON-LD at its end naming another headline: the title
# guessed from its start is wrong, and is cut off once the page is extracted
# (after about 150 ms, not the 2 s it takes to say); then the real intro and
# article play whole.
ld='<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Coast road shut as the storm lingers"}</script>'
long_page "Storm closes the coast road" "$ld" >"$T/wrong.html"
"$crier" render "$T/wrong.html" -o "$T/wrong.wav"
read -r want_s want_rms < <(wav_stat "$T/wrong.wav")
line=$(bash "$capture" "$T/cap6.raw" -- "$crier" play "$T/wrong.html" </dev/null 2>"$T/err")
s=$(field seconds "$line")
if [ "$(field exit "$line")" = 0 ] &&
   awk -v g="$s" -v w="$want_s" 'BEGIN { exit !(g >= w - 0.05 && g <= w + 1.0) }'; then
  ok "3 MB page whose guessed title is wrong: it is cut short, the rest plays as rendered ($line; render ${want_s}s)"
else
  not_ok "3 MB page whose guessed title is wrong: cut short, the rest as rendered" "$line; render ${want_s}s" "$(cat "$T/err")"
fi

# 6. no sound server and no ALSA device: one clear line, exit 5, within a second
start=$(date +%s%N)
PULSE_SERVER=unix:$T/no-server ALSA_CONFIG_PATH=$T/no-alsa.conf \
  timeout 10 "$crier" play "$page" </dev/null >"$T/out" 2>"$T/err"
st=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ $st -eq 5 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && [ $ms -lt 1000 ]; then
  ok "no sound server: exit 5 in ${ms} ms: $(cat "$T/err")"
else
  not_ok "no sound server: exit 5 with one line within a second" "exit $st after ${ms} ms" "$(cat "$T/err")"
fi

tap_end
