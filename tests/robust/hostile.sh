#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Hostile inputs through the whole command: each gives a clear error (one line,
# a documented status) or a sensible result, and never a crash, a hang or
# unbounded memory. Every run is capped in time (timeout) and address space
# (ulimit -v). TAP output.
set -u
crier=${CRIER_BIN:?}
root=${CRIER_SOURCE_ROOT:?}
T=$(mktemp -d /tmp/crier-hostile.XXXXXX)
LISTENER=
trap '[ -n "$LISTENER" ] && kill "$LISTENER" 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$(readlink -f "$0")")/../tap.sh"

MEM_KB=${CRIER_HOSTILE_MEM_KB:-3000000}   # 3 GB of address space at most
SECS=${CRIER_HOSTILE_SECS:-60}

# AddressSanitizer reserves terabytes of address space, so a sanitized build is
# capped by resident memory instead (its own hard_rss_limit_mb).
sanitized=false
ldd "$crier" 2>/dev/null | grep -q 'libasan' && sanitized=true

# run_capped OUT ERR -- COMMAND...: the status of COMMAND, capped in memory and time.
run_capped() {
  local out=$1 err=$2; shift 3
  if $sanitized; then
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=$((MEM_KB / 1024))" \
      timeout -s KILL "$SECS" "$@" >"$out" 2>"$err" </dev/null
  else
    ( ulimit -v "$MEM_KB"; exec timeout -s KILL "$SECS" "$@" ) >"$out" 2>"$err" </dev/null
  fi
}

# outcome NAME ALLOWED_STATUSES -- COMMAND...: the command must end with one of the
# allowed statuses (space-separated), and on failure say so in exactly one line.
outcome() {
  local name=$1 allowed=$2; shift 3
  run_capped "$T/out" "$T/err" -- "$@"
  local st=$? lines; lines=$(wc -l <"$T/err")
  if [ $st -ge 124 ] && [ $st -ne 130 ]; then
    not_ok "$name" "crashed, hung or ran out of memory: status $st" "$(tail -3 "$T/err")"
  elif ! grep -qw -- "$st" <<<"$allowed"; then
    not_ok "$name" "status $st, want one of: $allowed" "$(head -3 "$T/err")"
  elif [ $st -ne 0 ] && [ "$lines" -ne 1 ]; then
    not_ok "$name" "failure message has $lines lines, want 1" "$(head -5 "$T/err")"
  elif ! iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null 2>&1; then
    not_ok "$name" "output is not valid UTF-8"
  else
    ok "$name (status $st$( [ -s "$T/err" ] && printf ': %s' "$(head -1 "$T/err")"))"
  fi
}

# contains NAME TEXT: the last command's output holds TEXT.
contains() {
  if grep -qF -- "$2" "$T/out"; then ok "$1"; else not_ok "$1" "output lacks: $2" "$(head -c 300 "$T/out")"; fi
}

para='<p>The council met on Tuesday and agreed a budget after a long debate about schools and roads.</p>'

# A 100 MB page: past the 64 MiB input cap, refused early.
{ echo "<html><body>"; yes "$para" | head -c 100000000; } >"$T/huge.html"
outcome "100 MB page is refused by the size cap" "3" -- "$crier" text "$T/huge.html"
rm -f "$T/huge.html"

# Nesting 1,000,000 deep.
python3 -c "
import sys
sys.stdout.write('<html><body>' + '<div>' * 1000000 + '$para' + '</div>' * 1000000 + '</body></html>')
" >"$T/deep.html"
outcome "nesting 1,000,000 deep" "3" -- "$crier" text "$T/deep.html"
if grep -q "processing limit (nesting depth" "$T/err"; then ok "nesting 1,000,000 deep: the message names the cap"
else not_ok "nesting 1,000,000 deep: the message names the cap" "$(head -1 "$T/err")"; fi

# A 10 MB line with no spaces, as text and inside a page.
head -c 10000000 /dev/zero | tr '\0' 'a' >"$T/line.txt"
outcome "10 MB line with no spaces (text)" "0 3" -- "$crier" text "$T/line.txt"
{ echo "<html><body><p>"; cat "$T/line.txt"; echo "</p>$para</body></html>"; } >"$T/line.html"
outcome "10 MB word in a page" "0 3" -- "$crier" text "$T/line.html"
outcome "10 MB line through normalize --lines" "0" -- "$crier" normalize --lines < "$T/line.txt"
rm -f "$T/line.txt" "$T/line.html"

# Invalid and overlong UTF-8, surrogates, stray continuation bytes.
printf '<html><body><p>Bad bytes: \xc0\xaf \xe0\x80\xaf \xed\xa0\x80 \x80\x80 \xff\xfe and a caf\xe9 in the middle of a real sentence about the news.</p>%s</body></html>' "$para" >"$T/badutf8.html"
outcome "invalid and overlong UTF-8" "0" -- "$crier" text "$T/badutf8.html"

# UTF-16 without a byte-order mark.
printf '<html><body>%s%s</body></html>' "$para" "$para" | iconv -f UTF-8 -t UTF-16LE >"$T/utf16.html"
outcome "UTF-16 without a BOM is decoded" "0" -- "$crier" text "$T/utf16.html"
contains "UTF-16 without a BOM: the story is read" "agreed a budget after a long debate"
printf '<html><body>%s%s</body></html>' "$para" "$para" | iconv -f UTF-8 -t UTF-16BE >"$T/utf16.html"
outcome "UTF-16BE without a BOM is decoded" "0" -- "$crier" text "$T/utf16.html"
contains "UTF-16BE without a BOM: the story is read" "agreed a budget after a long debate"

# NUL bytes inside an otherwise good page.
printf '<html><body><p>Before\0after the NUL byte, the story goes on as before and ends.</p>%s</body></html>' "$para" >"$T/nul.html"
outcome "a NUL byte in a page is dropped" "0" -- "$crier" text "$T/nul.html"
contains "a NUL byte in a page: the text around it is read" "Beforeafter the NUL byte"

# Endless devices: bounded by the size cap (a smaller one keeps the test quick).
outcome "/dev/zero as input" "3" -- "$crier" text --max-input-size 4M /dev/zero
outcome "/dev/urandom as input" "3" -- "$crier" text --max-input-size 4M /dev/urandom

# A billion laughs in the DOCTYPE: nothing is expanded.
cat >"$T/laughs.html" <<'HTML'
<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<html><body><p>&lol9; The council met on Tuesday and agreed a budget after a long debate.</p></body></html>
HTML
outcome "billion laughs DOCTYPE" "0 3" -- "$crier" text "$T/laughs.html"
if [ "$(wc -c <"$T/out")" -lt 100000 ]; then ok "billion laughs: nothing expanded ($(wc -c <"$T/out") bytes out)"
else not_ok "billion laughs: nothing expanded" "$(wc -c <"$T/out") bytes of output"; fi

# Things that would need the network: never fetched. A loopback listener counts
# every connection it gets.
port_file=$T/port
python3 - "$port_file" "$T/hits" <<'PY' &
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
hits = 0
s.settimeout(0.2)
import time
end = time.time() + 120
while time.time() < end:
    try:
        c, _ = s.accept(); hits += 1; c.close()
        open(sys.argv[2], "w").write(str(hits))
    except socket.timeout:
        pass
PY
LISTENER=$!
for _ in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.1; done
port=$(cat "$port_file")
cat >"$T/net.html" <<HTML
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://127.0.0.1:$port/dtd">
<!DOCTYPE x [ <!ENTITY ext SYSTEM "http://127.0.0.1:$port/entity"> ]>
<html><head><base href="http://127.0.0.1:$port/"><link rel="stylesheet" href="http://127.0.0.1:$port/style.css">
<link rel="import" href="/import.html"><script src="http://127.0.0.1:$port/app.js"></script></head>
<body><img src="http://127.0.0.1:$port/a.png"><iframe src="http://127.0.0.1:$port/frame"></iframe>
<p>&ext; The council met on Tuesday and agreed a budget after a long debate about roads.</p>$para</body></html>
HTML
outcome "external entity, base and link" "0" -- "$crier" text "$T/net.html"
cp "$T/net.html" "$T/net.xhtml"
outcome "external entity in XHTML" "0 3" -- "$crier" text "$T/net.xhtml"
sleep 0.5
if [ ! -s "$T/hits" ]; then ok "nothing was fetched from the network"
else not_ok "nothing was fetched from the network" "$(cat "$T/hits") connections"; fi
kill "$LISTENER" 2>/dev/null; LISTENER=

# 10,000 headings.
python3 -c "
print('<html><body><article>')
for i in range(10000):
    print('<h2>Section %d</h2><p>Paragraph %d of the story, with enough words to be read.</p>' % (i, i))
print('</article></body></html>')
" >"$T/headings.html"
outcome "10,000 headings" "0 3" -- "$crier" text "$T/headings.html"

# A 10,000-digit number, in a page and on its own.
digits=$(head -c 10000 /dev/zero | tr '\0' '7')
printf '<html><body><p>The number %s was read out.</p>%s</body></html>' "$digits" "$para" >"$T/digits.html"
outcome "10,000-digit number in a page" "0" -- "$crier" text "$T/digits.html"
outcome "10,000-digit number through normalize" "0" -- "$crier" normalize --lines <<<"$digits"

# A voices/ folder whose files have broken lines: they are skipped.
cp -r "${CRIER_VOICES_DIR:-$root/voices}" "$T/voices"
for f in "$T"/voices/en/*.tsv; do
  printf '\n\t\t\t\nno tab on this line\n\xff\xfe broken bytes\t\xc0\n#comment\n\t\n%s\n' "$(head -c 300 /dev/urandom | tr -d '\0\n')" >>"$f"
done
CRIER_VOICES_DIR=$T/voices outcome "voices/ files with broken lines" "0" -- "$crier" text "$root/samples/all-israel-us-iran-talks.html"
if grep -q "Lieutenant General" "$T/out"; then ok "broken lines do not spoil the good ones"
else not_ok "broken lines do not spoil the good ones"; fi

tap_end
