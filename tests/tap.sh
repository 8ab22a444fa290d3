# SPDX-License-Identifier: GPL-3.0-or-later
# TAP helpers for the shell tests; source it: . "$(dirname "$0")/../tap.sh".
# A failure's details go to stdout as TAP comments and to stderr as well, so a
# CI log that shows only a failing test's stderr (meson does) says what failed.
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
# not_ok NAME [DETAIL...]
not_ok() {
  n=$((n + 1)); failed=$((failed + 1))
  echo "not ok $n - $1"
  echo "not ok $n - $1" >&2
  shift
  if [ $# -gt 0 ]; then printf '#   %s\n' "$@"; printf '#   %s\n' "$@" >&2; fi
}
# check NAME COMMAND...: ok when COMMAND succeeds.
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi; }
# check_eq NAME GOT WANT
check_eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2" "want: $3"; fi; }
# tap_end: the plan, and the script's status.
tap_end() { echo "1..$n"; [ "$failed" -eq 0 ]; }
