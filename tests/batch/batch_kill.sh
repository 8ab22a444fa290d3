#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Interrupted batches: SIGTERM to the parent, SIGKILL to the whole process
# group, and a worker killed alone. Each leaves no partial file, and the next
# run finishes exactly the rest. TAP output.
set -u
crier=${CRIER_BIN:?}
here=$(dirname "$(readlink -f "$0")")
. "$here/pages.sh"
T=$(mktemp -d /tmp/crier-batch-kill.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -KILL -- "-$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$T"
}
trap cleanup EXIT
. "$(dirname "$(readlink -f "$0")")/../tap.sh"

audio_count() { find "$1" -maxdepth 1 -type f -name '*.ogg' | wc -l; }
# Anything but outputs and manifests: partial audio, staging folders, temporary files.
leftovers() {
  find "$1" -mindepth 1 \( -name '*.part' -o \( -name '.*' ! -name '.crier-manifest.tsv' \
    ! -name '.crier-manifest.[0-9]*-of-[0-9]*.tsv' \) \) | head -3
}
done_lines() { local c; c=$(grep -c $'\tdone\t' "$1/.crier-manifest.tsv" 2>/dev/null); echo "${c:-0}"; }
# wait_for COUNT DIR: until the manifest records COUNT finished pages (20 s at most).
wait_for() {
  for _ in $(seq 200); do
    [ "$(done_lines "$2")" -ge "$1" ] && return 0
    sleep 0.1
  done
  return 1
}

# Pages long enough (about a second each as Ogg Vorbis) to stop a run halfway.
total=14
for i in $(seq -w 1 $total); do
  page "$T/in/page-$i.html" "Story number $i of the day" "2026-03-$i" 12
done

# 1. SIGTERM to the parent.
out=$T/out
setsid "$crier" batch "$T/in" -o "$out" -f ogg -j 2 2>"$T/e1" &
pid=$!; pids+=("$pid")
wait_for 3 "$out"
"$crier" batch "$T/in" -o "$out" -f ogg -j 2 2>"$T/busy"
rc=$?
check "a second run into the same folder is refused while one runs (exit $rc)" \
  [ "$rc" -eq 4 ] && grep -q 'another crier batch is writing this folder' "$T/busy"
kill -TERM "$pid"
wait "$pid"; rc=$?
check "SIGTERM: the batch stops with status 130 (got $rc)" [ "$rc" -eq 130 ]
have=$(audio_count "$out")
check "SIGTERM: stopped halfway ($have of $total)" [ "$have" -ge 3 ] && [ "$have" -lt "$total" ]
check "SIGTERM: no partial files" [ -z "$(leftovers "$out")" ]
check "SIGTERM: no worker left running" bash -c "! kill -0 -- -$pid 2>/dev/null"
recorded=$(done_lines "$out")
check "SIGTERM: the manifest records every output ($recorded)" [ "$recorded" -eq "$have" ]
"$crier" batch "$T/in" -o "$out" -f ogg -j 2 2>"$T/e1b"
rc=$?
check "SIGTERM: the next run exits 0" [ "$rc" -eq 0 ]
check "SIGTERM: the next run does only the rest" grep -q "pages: $((total - have)) done, $have skipped, 0 failed" "$T/e1b"
check "SIGTERM: then every page has its output" [ "$(audio_count "$out")" -eq "$total" ]

# 2. SIGKILL to the parent and its workers at once: nothing can clean up.
out=$T/out2
setsid "$crier" batch "$T/in" -o "$out" -f ogg -j 2 2>"$T/e2" &
pid=$!; pids+=("$pid")
wait_for 3 "$out"
kill -KILL -- "-$pid"
wait "$pid" 2>/dev/null
have=$(audio_count "$out")
check "SIGKILL: stopped halfway ($have of $total)" [ "$have" -lt "$total" ]
"$crier" batch "$T/in" -o "$out" -f ogg -j 2 2>"$T/e2b"
rc=$?
check "SIGKILL: the next run exits 0" [ "$rc" -eq 0 ]
check "SIGKILL: the next run skips what was recorded" grep -q "pages: [0-9]* done, [1-9][0-9]* skipped, 0 failed" "$T/e2b"
check "SIGKILL: then every page has its output" [ "$(audio_count "$out")" -eq "$total" ]
check "SIGKILL: the next run removed the dead workers' partial files" [ -z "$(leftovers "$out")" ]

# 3. One worker killed: its page fails, the others go on, the next run redoes it.
out=$T/out3
"$crier" batch "$T/in" -o "$out" -f ogg -j 2 --report "$T/r3.json" 2>"$T/e3" &
pid=$!; pids+=("$pid")
wait_for 2 "$out"
victim=$(cat "/proc/$pid/task/$pid/children" 2>/dev/null | awk '{print $1}')
[ -n "$victim" ] && kill -KILL "$victim"
wait "$pid"; rc=$?
check "killed worker: the batch finishes, exit 7 (got $rc)" [ "$rc" -eq 7 ]
check "killed worker: its page is reported" grep -q '"reason": "worker killed by signal 9"' "$T/r3.json"
check "killed worker: the others are done" [ "$(audio_count "$out")" -eq $((total - 1)) ]
check "killed worker: no partial files" [ -z "$(leftovers "$out")" ]
"$crier" batch "$T/in" -o "$out" -f ogg -j 2 2>"$T/e3b"
check "killed worker: the next run does that page alone" grep -q "pages: 1 done, $((total - 1)) skipped, 0 failed" "$T/e3b"

tap_end
