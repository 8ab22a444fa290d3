#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# render-bench: what does 'crier render' cost next to eSpeak NG and encoding?
#
# usage: tests/bench/render-bench.sh [PAGE] [BUILD_DIR]
#   PAGE       a saved page (default: samples/all-israel-us-iran-talks.html, ~300 s of audio)
#   BUILD_DIR  a meson build folder with crier and tests/audio/crier-encode (default build)
#   RUNS=N     runs per row (default 3); each row shows the fastest (the machine is shared)
#   FORMATS="ogg mp3"  the formats to compare (also flac, opus)
#
# Rows, for OGG Vorbis and MP3:
#   crier render          page -> extract -> normalize -> eSpeak NG -> encoder (thread)
#   speak+encode thread   crier's text, one sentence a line -> eSpeak NG -> encoder (thread)
#   speak+encode serial   the same with encoding on eSpeak NG's thread
#   encode alone (crier)  crier's own WAV -> the same encoder settings (crier-encode)
#   espeak-ng -w          the same text -> WAV by the espeak-ng program
#   sndfile-convert       that WAV -> OGG/MP3 with libsndfile's defaults
#   espeak-ng + convert   the two above, one after the other
# Render should cost little more than "encode alone": synthesis overlaps encoding.
# Targets (issue 5): crier render <= 1.15 x encode alone, and < espeak-ng + convert;
# the ratio columns show both.
# Settings: crier's rows use crier's speech defaults (OGG: Vorbis quality 0.3;
# MP3: LAME VBR -V 7; Opus: 32 kbit/s; FLAC: level 5); sndfile-convert has no
# quality option and uses libsndfile's defaults (Vorbis quality 0.4; MP3: LAME
# VBR -V 4; Opus and FLAC: libsndfile's). Each format's "same settings" line
# renders with crier at the converter's settings (--quality) for a like-for-like
# ratio; the "sizes" line gives every output's size and kbit/s.
# Memory: peak RSS (/usr/bin/time -v) of crier render to OGG of a ~5-minute article
# and of the same text repeated 12 times (~1 hour); target: within 10 %.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
page=${1:-$root/samples/all-israel-us-iran-talks.html}
build=${2:-$root/build}
runs=${RUNS:-3}
crier=$build/crier
[ -x "$crier" ] || crier=$build/src/cli/crier
encode=$build/tests/audio/crier-encode
for x in "$crier" "$encode"; do [ -x "$x" ] || { echo "missing $x (build first)" >&2; exit 2; }; done
for c in espeak-ng sndfile-convert soxi; do
    command -v "$c" >/dev/null || { echo "missing $c" >&2; exit 2; }
done

declare -A crier_set=([ogg]="Vorbis VBR quality 0.3" [mp3]="LAME VBR -V 7" \
    [opus]="Opus 32 kbit/s, 24 kHz (libsoxr)" [flac]="FLAC level 5")
declare -A conv_set=([ogg]="libsndfile default (Vorbis quality 0.4)" \
    [mp3]="libsndfile default (LAME VBR -V 4)" [opus]="libsndfile default (sox made the 24 kHz WAV)" \
    [flac]="libsndfile default (level 5)")
# crier's --quality that gives the converter's settings: Vorbis 0.4; LAME -V 4 = 1 - 4/10.
declare -A same_q=([ogg]=0.4 [mp3]=0.6)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# best_of CMD...: the fastest wall time of $runs runs, in seconds.
best_of() {
    local best= t0 t1 t
    for _ in $(seq "$runs"); do
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
        t1=$(date +%s.%N)
        t=$(echo "$t1 - $t0" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    printf '%.2f' "$best"
}

"$crier" text "$page" >"$tmp/text.txt"
"$crier" render "$page" -o "$tmp/crier.wav"
audio=$(soxi -D "$tmp/crier.wav")
words=$(wc -w <"$tmp/text.txt")
t_wav=$(best_of "$crier" render "$page" -o "$tmp/crier.wav")
t_espeak=$(best_of espeak-ng -f "$tmp/text.txt" -w "$tmp/espeak.wav")

echo "page: $page"
echo "words: $words   audio: $(printf '%.1f' "$audio") s   runs: $runs (fastest shown)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "crier render to WAV: $t_wav s   espeak-ng -w: $t_espeak s"
printf '%-6s %14s %14s %14s %14s %14s %14s %14s %10s %10s\n' format "crier render" "speak+enc thr" "speak+enc ser" \
    "encode alone" "espeak-ng -w" "sndfile-conv" "espeak+conv" "crier/enc" "crier/e+c"
for fmt in ${FORMATS:-ogg mp3}; do
    t_render=$(best_of "$crier" render "$page" -o "$tmp/out.$fmt")
    t_thr=$(best_of "$encode" --speak "$tmp/text.txt" "$tmp/speak.$fmt")
    t_ser=$(best_of "$encode" --speak "$tmp/text.txt" "$tmp/speak.$fmt" --no-thread)
    t_enc=$(best_of "$encode" "$tmp/crier.wav" "$tmp/enc.$fmt")
    conv_in=$tmp/espeak.wav
    if [ "$fmt" = opus ]; then   # libsndfile takes Opus only at 8/12/16/24/48 kHz
        sox "$tmp/espeak.wav" -r 24000 "$tmp/espeak24.wav"
        conv_in=$tmp/espeak24.wav
    fi
    t_conv=$(best_of sndfile-convert "$conv_in" "$tmp/conv.$fmt")
    t_sum=$(echo "$t_espeak + $t_conv" | bc -l)
    printf '%-6s %12s s %12s s %12s s %12s s %12s s %12s s %12.2f s %10.2f %10.2f\n' "$fmt" "$t_render" "$t_thr" \
        "$t_ser" "$t_enc" "$t_espeak" "$t_conv" "$t_sum" \
        "$(echo "$t_render / $t_enc" | bc -l)" "$(echo "$t_render / $t_sum" | bc -l)"
    kb() { echo $(( $(stat -c %s "$1") / 1024 )); }
    kbps() { printf '%.1f' "$(echo "$(stat -c %s "$1") * 8 / 1000 / $audio" | bc -l)"; }
    printf '%-6s settings: crier %s; sndfile-convert %s\n' "" "${crier_set[$fmt]}" "${conv_set[$fmt]}"
    printf '%-6s sizes: crier %s KB (%s kbit/s), sndfile-convert %s KB (%s kbit/s)\n' "" \
        "$(kb "$tmp/out.$fmt")" "$(kbps "$tmp/out.$fmt")" "$(kb "$tmp/conv.$fmt")" "$(kbps "$tmp/conv.$fmt")"
    if [ -n "${same_q[$fmt]:-}" ]; then
        t_same=$(best_of "$crier" render "$page" -o "$tmp/same.$fmt" --quality "${same_q[$fmt]}")
        printf '%-6s same settings: crier render --quality %s: %s s (%s KB, %s kbit/s); /(espeak+conv) %.2f\n' "" \
            "${same_q[$fmt]}" "$t_same" "$(kb "$tmp/same.$fmt")" "$(kbps "$tmp/same.$fmt")" \
            "$(echo "$t_same / $t_sum" | bc -l)"
    fi
done

# Peak memory: the page's own text (crier text, one paragraph a line) as a .txt
# article, once (~5 min) and 12 times over (~1 hour).
if [ -x /usr/bin/time ] && [ "${MEMORY:-1}" = 1 ]; then
    "$crier" text --no-intro "$page" >"$tmp/once.txt" 2>/dev/null || cp "$tmp/text.txt" "$tmp/once.txt"
    : >"$tmp/hour.txt"
    for _ in $(seq 12); do cat "$tmp/once.txt" >>"$tmp/hour.txt"; echo >>"$tmp/hour.txt"; done
    rss() { # rss FILE: peak RSS in KB of crier render FILE to OGG
        /usr/bin/time -v "$crier" render "$1" -o "$tmp/mem.ogg" 2>&1 >/dev/null |
            sed -n 's/.*Maximum resident set size (kbytes): //p'
    }
    r_short=$(rss "$tmp/once.txt"); d_short=$(soxi -D "$tmp/mem.ogg")
    r_long=$(rss "$tmp/hour.txt"); d_long=$(soxi -D "$tmp/mem.ogg")
    printf 'memory: peak RSS %s KB for %.0f s of audio, %s KB for %.0f s (ratio %.3f; target <= 1.10)\n' \
        "$r_short" "$d_short" "$r_long" "$d_long" "$(echo "$r_long / $r_short" | bc -l)"
fi
