#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""crier text and crier normalize from the command line (TAP output).

The sample page and the seed text: the headline comes first, every body
paragraph of the seed is there, complete and in order, and none of the site's
boilerplate is. --json gives the documented fields. stdin works like a file.
normalize --lines prints exactly one line per input line."""
import json
import os
import subprocess
import sys

CRIER = os.environ["CRIER_BIN"]
ROOT = os.environ["CRIER_SOURCE_ROOT"]
PAGE = os.path.join(ROOT, "samples", "all-israel-us-iran-talks.html")
SEED = os.path.join(ROOT, "samples", "000_90973953df2b6e18.txt")
HEADLINE = ("'Hopefully we’ll make a deal': Despite mutual threats, US & Iran signal "
            "readiness for negotiations in Turkey this week")
BOILERPLATE = ["Popular Articles", "Receive latest news", "Latest Stories", "Subscribe",
               "cookies", "Cookie", "All rights reserved", "Photo by", "Reuters Connect",
               "Donate", "Sign up"]

n = 0
failed = 0


def check(name, cond, detail=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {name}")
    else:
        failed += 1
        print(f"not ok {n} - {name}")
        for line in str(detail).splitlines()[:12]:
            print(f"#   {line}")


def run(*args, stdin=None):
    r = subprocess.run([CRIER, *args], input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8", "replace")


def seed_body():
    """The seed's body paragraphs: from the lede to the staff note."""
    lines = [l.strip() for l in open(SEED, encoding="utf-8")]
    start = next(i for i, l in enumerate(lines) if l.startswith("The United States and the Iranian"))
    end = next(i for i, l in enumerate(lines) if l.startswith("The All Israel News Staff"))
    return [l for l in lines[start:end] if l]


def check_extract(label, path):
    code, out, err = run("text", "--stage=extract", path)
    check(f"{label}: text --stage=extract succeeds", code == 0 and err == "", err)
    blocks = [b for b in out.split("\n\n") if b.strip()]
    check(f"{label}: headline first", blocks and blocks[0].strip() == HEADLINE,
          blocks[0] if blocks else "(nothing)")
    pos = 0
    missing = []
    for para in seed_body():
        found = out.find(para, pos)
        if found < 0:
            missing.append(para)
        else:
            pos = found + len(para)
    check(f"{label}: every body paragraph complete and in order", not missing,
          "\n".join(missing[:3]))
    kept = [b for b in BOILERPLATE if b in out]
    check(f"{label}: no site boilerplate", not kept, kept)
    check(f"{label}: blocks separated by one blank line", "\n\n\n" not in out and out.endswith("\n"))
    return out


page_text = check_extract("sample page", PAGE)
check_extract("seed text", SEED)

code, out, err = run("text", "--json", PAGE)
try:
    art = json.loads(out)
except ValueError as e:
    art = {}
    check("--json is valid JSON", False, e)
else:
    check("--json is valid JSON", code == 0)
for key in ("title", "byline", "site", "date", "lang", "url", "blocks"):
    check(f"--json has {key}", key in art, sorted(art))
check("--json title is the headline", art.get("title") == HEADLINE, art.get("title"))
check("--json date is ISO 8601", str(art.get("date", "")).startswith("2026-02-0"), art.get("date"))
check("--json site", art.get("site") in ("All Israel", "All Israel News"), art.get("site"))
blocks = art.get("blocks") or []
types = {b.get("type") for b in blocks}
check("--json block types are the documented ones",
      types and types <= {"heading", "paragraph", "quote", "list-item", "caption", "pre", "table-row"},
      types)
check("--json blocks carry text", all(isinstance(b.get("text"), str) and b["text"] for b in blocks))

with open(PAGE, "rb") as f:
    code, out, err = run("text", "--stage=extract", "-", stdin=f.read())
check("stdin: HTML detected from the bytes", code == 0 and out == page_text, err or out[:200])

code, spoken, err = run("text", PAGE)
check("text (spoken) succeeds", code == 0 and err == "", err)
check("spoken text starts with the title", spoken.startswith("'Hopefully") or spoken.startswith("Hopefully"), spoken[:120])
# "Zamir" itself is said from voices/en/names.tsv, as eSpeak NG phonemes
check("spoken text: Lt.-Gen. said in full", "Lieutenant General Eyal [[zA:m'i@3]]" in spoken,
      [l for l in spoken.splitlines() if "Eyal" in l][:1])
code, with_captions, err = run("text", "--captions", PAGE)
check("--captions speaks the photo caption: the 47th anniversary",
      "forty-seventh" in with_captions or "forty seventh" in with_captions)
check("captions are not spoken by default", "Cadets of the Iranian Army" not in spoken)
check("spoken text: no raw abbreviations left", "Lt.-Gen." not in spoken and " & " not in spoken)

# A page in another language: read by that language's voice, its words left as
# written (no English numbers, no "By"), unless a voice is named.
import tempfile
with tempfile.TemporaryDirectory(prefix="crier-lang.") as tmp:
    de = os.path.join(tmp, "de.html")
    with open(de, "w", encoding="utf-8") as f:
        f.write('<!doctype html><html lang="de-DE"><head><title>Gespräche in Ankara | Beispiel</title>'
                '<meta name="author" content="Anna Schmidt"></head><body><article><h1>Gespräche in Ankara</h1>'
                '<p>Am 1. Februar 2026 trafen sich die Vertreter in Ankara. Die Kosten lagen bei 5 Millionen '
                'Euro, sagte Dr. Weber.</p><p>Die Gespräche sollen am Montag fortgesetzt werden, hieß es '
                'aus dem Ministerium in Berlin.</p></article></body></html>')
    code, out, err = run("text", de)
    check("German page: spoken as written for the German voice",
          code == 0 and "Am 1. Februar 2026 trafen" in out and "By" not in out and "twenty" not in out,
          err or out)
    lengths = {}
    for voice in (None, "de", "en-us"):
        wav = os.path.join(tmp, f"{voice}.wav")
        code, _, err = run("render", de, "-o", wav, *(["--voice", voice] if voice else []))
        lengths[voice] = os.path.getsize(wav) if code == 0 else -1
    check("German page: the German voice is chosen without --voice",
          lengths[None] == lengths["de"] != lengths["en-us"] and lengths[None] > 0, lengths)
    code, out, err = run("text", "--lang", "en", de)
    check("--lang en reads it with the English pack", code == 0 and "twenty" in out, out[:200])

lines = ["Feb. 1, 2026", "", "the 47th anniversary", "US & Iran", "bad \xff byte".encode("latin-1").decode("latin-1"),
         "x" * 100000, "\t  ", "IDF"]
raw = b"\n".join(l.encode("latin-1") if "\xff" in l else l.encode("utf-8") for l in lines) + b"\n"
code, out, err = run("normalize", "--lines", stdin=raw)
outs = out.split("\n")
check("normalize --lines: one line out per line in", code == 0 and len(outs) == len(lines) + 1 and outs[-1] == "",
      f"exit {code}, {len(outs) - 1} lines for {len(lines)}: {err}")
check("normalize --lines: empty line stays empty", len(outs) > 1 and outs[1] == "")
code, out, err = run("normalize", "--lines", stdin=b"no trailing newline")
check("normalize --lines: last line without newline", code == 0 and out.count("\n") == 1, repr(out))
code, out, err = run("normalize", stdin=b"")
check("normalize: empty stdin is fine", code == 0 and out == "", err)

print(f"1..{n}")
sys.exit(1 if failed else 0)
