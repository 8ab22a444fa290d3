#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz/ and runs each
# for SECONDS (default 60), starting from the saved corpus. New corpus entries go
# to build-fuzz/corpus/<target>; a crash input is copied into
# tests/fuzz/crashes/<target>/ so that every later `meson test` replays it.
#   usage: tests/fuzz/run-fuzzers.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
secs=${1:-60}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(html text normalize pipeline lexicon table)
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debugoptimized >/dev/null
fi
ninja -C build-fuzz >/dev/null
export CRIER_VOICES_DIR=$PWD/voices
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1
status=0
for t in "${targets[@]}"; do
  work=build-fuzz/corpus/$t; art=build-fuzz/artifacts/$t
  mkdir -p "$work" "$art"
  log=build-fuzz/fuzz-$t.log
  if ! build-fuzz/tests/fuzz/fuzz-$t "$work" tests/fuzz/corpus/$t samples \
      -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix="$art/" -print_final_stats=1 >"$log" 2>&1; then
    status=1
    mkdir -p tests/fuzz/crashes/$t
    cp -n "$art"/* tests/fuzz/crashes/$t/ 2>/dev/null || true
    echo "fuzz-$t: CRASH, inputs saved in tests/fuzz/crashes/$t (log: $log)"
  fi
  execs=$(awk '/stat::number_of_executed_units/{print $2}' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "fuzz-$t: ${secs}s, ${execs:-?} executions, ${cov:-cov: ?}"
done
exit $status
