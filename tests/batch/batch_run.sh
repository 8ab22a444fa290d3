#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# crier batch on a folder of short synthetic pages: what is walked, how outputs
# are named, that a second run does nothing, that a changed page alone is
# redone, that broken pages fail alone, and that four --shard K/4 runs make
# exactly the outputs of one unsharded run. TAP output.
set -u
crier=${CRIER_BIN:?}
here=$(dirname "$(readlink -f "$0")")
. "$here/pages.sh"
T=$(mktemp -d /tmp/crier-batch.XXXXXX)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$(readlink -f "$0")")/../tap.sh"

# The audio files of a folder, one name a line, sorted.
audio() { (cd "$1" && find . -maxdepth 1 -type f -name '*.wav' -printf '%f\n' | LC_ALL=C sort); }
# name inode mtime of each audio file: what a re-render would change.
stamps() { (cd "$1" && find . -maxdepth 1 -type f -name '*.wav' -printf '%f %i %T@\n' | LC_ALL=C sort); }
# Anything but outputs and manifests: partial audio, staging folders, temporary files.
leftovers() {
  find "$1" -mindepth 1 \( -name '*.part' -o \( -name '.*' ! -name '.crier-manifest.tsv' \
    ! -name '.crier-manifest.[0-9]*-of-[0-9]*.tsv' \) \) | head -3
}
summary() { grep '^crier: batch: [0-9]* pages' "$1" | tail -1; }

in=$T/in
page "$in/world/bridge.html" "Bridge reopens after floods" 2026-01-05T08:00:00Z
page "$in/world/bridge-2.html" "Bridge reopens after floods" 2026-01-05T09:00:00Z   # same title and day
page "$in/local/council.htm" "Council: a new budget / for 2026" 2026-01-06
page "$in/local/slashes.xhtml" "../../etc/passwd" 2026-01-07
page "$in/cafe.html" "Ça va? Über-café — 東京 «news»" 2026-01-08
page "$in/dots.html" "...hidden dots" 2026-01-09
page "$in/long.html" "$(printf 'word%.0s ' {1..80})" 2026-01-10
page "$in/untitled.html" "" 2026-01-11
text_page "$in/notes/rain.txt"
page "$in/"$'caf\xe9-latin1.html' "" 2026-01-15   # a file name that is not UTF-8, no title
# Not pages: a page's "_files" folder, hidden files, other files, a symlink out.
page "$in/saved.html" "Saved complete" 2026-01-12
page "$in/saved_files/frame.html" "A frame of the saved page" 2026-01-12
page "$in/.hidden.html" "Hidden page" 2026-01-13
echo 'not a page' >"$in/image.png"
page "$T/outside.html" "Outside the folder" 2026-01-14
ln -s "$T/outside.html" "$in/outside-link.html"
ln -s "$T" "$in/loop"
ln -s "world/bridge.html" "$in/inside-link.html"   # inside: followed
want_pages=12

out=$T/out
"$crier" batch "$in" -o "$out" -f wav -j 2 --report "$T/r1.json" --feed "$T/feed.xml" \
  --base-url https://example.org/a --feed-image https://example.org/a.png >"$T/o1" 2>"$T/e1"
rc=$?
check "first run exits 0" [ "$rc" -eq 0 ]
check "first run writes nothing on stdout" [ ! -s "$T/o1" ]
got=$(audio "$out" | wc -l)
check "one output per page ($got of $want_pages)" [ "$got" -eq "$want_pages" ]
check "summary counts every page" grep -q "^crier: batch: $want_pages pages: $want_pages done, 0 skipped, 0 failed" "$T/e1"
check "the _files folder's frame is not a page" bash -c "! grep -q 'saved_files' '$T/r1.json'"
check "the symlink out of the folder is not followed" bash -c "! grep -q 'outside' '$T/r1.json'"
check "the symlink inside the folder is followed" grep -q '"inside-link.html"' "$T/r1.json"
check "hidden files are not pages" bash -c "! grep -q 'hidden.html' '$T/r1.json'"
check "the report is JSON, whatever the file names" \
  python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$T/r1.json"
if command -v xmllint >/dev/null; then
  check "the feed is well-formed, whatever the file names" xmllint --noout "$T/feed.xml"
fi
check "plain text pages are rendered" grep -q '"notes/rain.txt", "status": "done"' "$T/r1.json"

bad_names=$(audio "$out" | LC_ALL=C grep -v '^[^.][^/[:cntrl:]]*\.wav$')
check "names: no leading dot, separator or control character" [ -z "$bad_names" ]
too_long=$(audio "$out" | awk 'length($0) > 120')
check "names: bounded length" [ -z "$too_long" ]
check "names: date and slug" grep -qx '2026-01-05-bridge-reopens-after-floods-[0-9a-f]\{8\}\.wav' <(audio "$out")
check "names: same title and day stay unique" [ "$(audio "$out" | grep -c bridge-reopens)" -eq 3 ]
check "names: no path from a hostile title" grep -qx '2026-01-07-etc-passwd-[0-9a-f]\{8\}\.wav' <(audio "$out")
check "names: non-ASCII letters kept" grep -q '^2026-01-08-ça-va-über-café-東京-news-' <(audio "$out")
check "names: untitled page named after its file" grep -q '^2026-01-11-untitled-' <(audio "$out")
check "no partial or temporary files" [ -z "$(leftovers "$out")" ]

# Progress: not a terminal, so only the summary line; a terminal gets the status line.
check "stderr not a terminal: one summary line, no carriage returns" \
  [ "$(wc -l <"$T/e1")" -eq 1 ] && ! grep -q $'\r' "$T/e1"
if command -v script >/dev/null; then
  script -qec "'$crier' batch '$in' -o '$T/tty-out' -f wav -j 2" /dev/null >"$T/tty" 2>&1
  check "stderr a terminal: an updating done/total line" \
    grep -q $'\r\e\\[Kcrier: batch: [0-9]*/'"$want_pages"' pages, 0 failed, [0-9.]* h of audio' "$T/tty"
fi

# A second run does nothing.
before=$(stamps "$out")
"$crier" batch "$in" -o "$out" -f wav -j 2 2>"$T/e2"
rc=$?
check "second run exits 0" [ "$rc" -eq 0 ]
check "second run skips every page ($(summary "$T/e2"))" grep -q "^crier: batch: $want_pages pages: 0 done, $want_pages skipped, 0 failed" "$T/e2"
check "second run rewrites no output" [ "$(stamps "$out")" = "$before" ]

# Changing one page redoes it alone; its name stays when its title does.
page "$in/local/council.htm" "Council: a new budget / for 2026" 2026-01-06 2 "Updated:"
"$crier" batch "$in" -o "$out" -f wav -j 2 --report "$T/r3.json" 2>"$T/e3"
check "changed page alone is redone ($(summary "$T/e3"))" grep -q "pages: 1 done, $((want_pages - 1)) skipped, 0 failed" "$T/e3"
check "the report names the changed page as done" grep -q '"local/council.htm", "status": "done"' "$T/r3.json"
changed=$(diff <(echo "$before") <(stamps "$out") | grep -c '^>')
check "exactly one output file changed ($changed)" [ "$changed" -eq 1 ]

# A retitled page gets its new name, and its old file goes.
page "$in/dots.html" "Dots no more" 2026-01-09
"$crier" batch "$in" -o "$out" -f wav 2>"$T/e4"
check "retitled page renamed" grep -q '^2026-01-09-dots-no-more-' <(audio "$out")
check "retitled page's old output removed" bash -c "! ls '$out' | grep -q hidden-dots"
check "still one output per page" [ "$(audio "$out" | wc -l)" -eq "$want_pages" ]

# Other audio options make every page out of date; --force redoes them too.
"$crier" batch "$in" -o "$out" -f wav --rate 200 2>"$T/e5"
check "a new rate redoes every page" grep -q "pages: $want_pages done, 0 skipped" "$T/e5"
"$crier" batch "$in" -o "$out" -f wav --rate 200 --force 2>"$T/e6"
check "--force redoes every page" grep -q "pages: $want_pages done, 0 skipped" "$T/e6"

# Broken pages fail alone, with reasons, and the exit status says so.
bad=$T/bad
page "$bad/good-1.html" "Good page one" 2026-02-01
page "$bad/good-2.html" "Good page two" 2026-02-02
: >"$bad/empty.html"
head -c 3000 /dev/urandom >"$bad/garbage.html"
printf '<html><head><title>Home</title></head><body><nav><a href="/">Home</a></nav></body></html>' >"$bad/no-article.html"
mkdir "$bad/folder.html"
ln -s "$bad/missing-target.html" "$bad/dangling.html"
"$crier" batch "$bad" -o "$T/bad-out" -f wav -j 2 --report "$T/bad.json" 2>"$T/eb"
rc=$?
check "some pages failed: exit status 7 (got $rc)" [ "$rc" -eq 7 ]
check "good pages are done" [ "$(audio "$T/bad-out" | wc -l)" -eq 2 ]
check "bad pages reported with reasons" [ "$(grep -c '"status": "failed", "reason": "[^"]' "$T/bad.json")" -eq 3 ]
check "each failure named on stderr" [ "$(grep -c '^crier: .*\.html: ' "$T/eb")" -eq 3 ]
check "no partial files from bad pages" [ -z "$(leftovers "$T/bad-out")" ]
"$crier" batch "$bad" -o "$T/bad-out" -f wav 2>"$T/eb2"
check "failed pages are tried again, good ones skipped" grep -q "pages: 0 done, 2 skipped, 3 failed" "$T/eb2"

# Four shards make exactly the outputs of one unsharded run.
whole=$T/whole sharded=$T/sharded
"$crier" batch "$in" -o "$whole" -f wav -j 2 2>/dev/null
# The four run at once into one folder, as machines sharing it would.
spids=()
for k in 1 2 3 4; do
  "$crier" batch "$in" -o "$sharded" -f wav -j 1 --shard "$k/4" --report "$T/shard-$k.json" 2>"$T/es$k" &
  spids+=($!)
done
src=0
for p in "${spids[@]}"; do wait "$p" || src=$?; done
check "four concurrent shard runs exit 0" [ "$src" -eq 0 ]
sum=0
for k in 1 2 3 4; do
  d=$(grep -o '"done": [0-9]*' "$T/shard-$k.json" | grep -o '[0-9]*$')
  sum=$((sum + d))
done
check "shards together render every page once ($sum)" [ "$sum" -eq "$want_pages" ]
all_paths=$(cat "$T"/shard-*.json | grep -o '"path": "[^"]*"' | LC_ALL=C sort)
check "no page in two shards" [ -z "$(echo "$all_paths" | uniq -d)" ]
check "four shards make the unsharded run's outputs" [ "$(audio "$sharded")" = "$(audio "$whole")" ]
check "each shard keeps its own manifest" [ "$(ls -A "$sharded" | grep -c '^\.crier-manifest\.[1-4]-of-4\.tsv$')" -eq 4 ]
"$crier" batch --merge-reports "$sharded" --report "$T/merged.json" 2>"$T/em"
check "merge exits 0" [ $? -eq 0 ]
check "merged report lists every page" [ "$(grep -c '"path":' "$T/merged.json")" -eq "$want_pages" ]
check "merge leaves one manifest" [ "$(ls -A "$sharded" | grep -c '^\.crier-manifest')" -eq 1 ]
"$crier" batch "$in" -o "$sharded" -f wav 2>"$T/es5"
check "after the shards, an unsharded run has nothing to do" grep -q "pages: 0 done, $want_pages skipped" "$T/es5"

# A voice that does not exist would fail every page: the run stops at once.
"$crier" batch "$in" -o "$T/voice-out" -f wav --voice zz-no-such-voice 2>"$T/ev"
rc=$?
check "unknown voice: exit 6 (got $rc)" [ "$rc" -eq 6 ]
check "unknown voice: said once" [ "$(grep -c 'zz-no-such-voice: voice:' "$T/ev")" -eq 1 ]
check "unknown voice: no audio" [ -z "$(audio "$T/voice-out")" ]

# Usage errors.
"$crier" batch "$in" 2>/dev/null; check "no -o: usage error" [ $? -eq 2 ]
"$crier" batch "$in" -o "$T/x" --shard 5/4 2>/dev/null; check "bad shard: usage error" [ $? -eq 2 ]
"$crier" batch "$in" -o "$T/x" -f aiff 2>/dev/null; check "unknown format: usage error" [ $? -eq 2 ]
"$crier" batch "$T/nope" -o "$T/x" 2>"$T/enope"; check "missing input folder: exit 3" [ $? -eq 3 ]
check "missing input folder: one line naming it" \
  [ "$(wc -l <"$T/enope")" -eq 1 ] && grep -q "^crier: $T/nope: " "$T/enope"

tap_end
