#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# --lexicon through the whole command: crier normalize applies the file (and the
# pack's names.tsv) only when asked, crier text applies names.tsv, the per-user
# file and --lexicon; a missing file is exit 3 naming it, broken lines are one
# warning; --urls and --emoji values. TAP output. Needs CRIER_BIN (meson test).
set -u
crier=${CRIER_BIN:?}
T=$(mktemp -d /tmp/crier-lexicon.XXXXXX)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME=$T/config
. "$(dirname "$(readlink -f "$0")")/../tap.sh"

printf 'Zamir\tZah-meer\nUS\tUnited States\tcase\nbroken line\n' >"$T/lex.tsv"
line='Gen. Zamir told the US and us that Khamenei spoke.'

check_eq "normalize without --lexicon reads no lexicon" \
  "$(echo "$line" | "$crier" normalize --lines 2>&1)" \
  'General Zamir told the U S and us that Khamenei spoke.'
check_eq "normalize --lexicon: the file's words, case, and names.tsv" \
  "$(echo "$line" | "$crier" normalize --lines --lexicon "$T/lex.tsv" 2>/dev/null)" \
  "General Zah-meer told the United States and us that [[hA:m@n'eI]] spoke."
check_eq "broken lines: one warning with the count" \
  "$(echo x | "$crier" normalize --lines --lexicon "$T/lex.tsv" 2>&1 >/dev/null)" \
  "crier: $T/lex.tsv: 1 broken lexicon lines skipped"
echo x | "$crier" normalize --lines --lexicon "$T/missing.tsv" >"$T/out" 2>"$T/err"
check_eq "a missing lexicon is exit 3" "$?" 3
check_eq "... and names the file" "$(cat "$T/err")" "crier: $T/missing.tsv: no such file or directory"

{ echo "Talks in the capital"; echo; echo "Gen. Zamir met Netanyahu on Sunday to talk about the plans for the coming weeks, officials said, and details of the meeting were not released to the press."
  for k in 1 2 3 4; do echo; echo "The talks went on for hours in the capital, and both sides said they would meet again soon to settle the matters that remain open between them."; done
} >"$T/page.txt"
check_eq "crier text: names.tsv by default" \
  "$("$crier" text --no-intro "$T/page.txt" 2>&1 | grep " met ")" \
  "General [[zA:m'i@3]] met [[n,Et@nj'A:hu:]] on Sunday to talk about the plans for the coming weeks, officials said, and details of the meeting were not released to the press."
mkdir -p "$XDG_CONFIG_HOME/crier"
printf 'Netanyahu\tNeh-tahn-yahoo\n' >"$XDG_CONFIG_HOME/crier/lexicon.tsv"
check_eq "crier text: the per-user file; --lexicon wins over it" \
  "$("$crier" text --no-intro --lexicon "$T/lex.tsv" "$T/page.txt" 2>/dev/null | grep " met " | cut -d' ' -f1-4)" \
  "General Zah-meer met Neh-tahn-yahoo"

check_eq "--urls=skip" "$(echo 'See www.example.com/a/b now.' | "$crier" normalize --lines --urls=skip)" 'See now.'
check_eq "--urls short by default" "$(echo 'See https://www.example.com/a/b?x=1 now.' | "$crier" normalize --lines)" 'See example dot com now.'
check_eq "--emoji=name" "$(echo 'good 👍' | "$crier" normalize --lines --emoji=name)" 'good thumbs up'
"$crier" normalize --urls=long </dev/null >/dev/null 2>"$T/err"
check_eq "a bad --urls value is exit 2" "$?" 2
"$crier" text --emoji=loud "$T/page.txt" >/dev/null 2>"$T/err"
check_eq "a bad --emoji value is exit 2" "$?" 2

tap_end
