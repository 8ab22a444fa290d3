#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The podcast feed of crier batch, read by real podcast clients' parsers:
gPodder's podcastparser and feedparser (Debian's python3-podcastparser and
python3-feedparser) must see every episode with its title, enclosure URL,
length, type, duration and date; xmllint must find it well-formed. TAP output."""
import os
import shutil
import subprocess
import sys
import tempfile
import json
from urllib.parse import quote, unquote

try:
    import feedparser
    import podcastparser
except ImportError:
    # Another python3 (pyenv, venv) may come first on PATH; Debian's has the packages.
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

CRIER = os.environ["CRIER_BIN"]
BASE = "https://example.org/podcast"
N = 0
FAILED = 0


def check(name, cond, detail=""):
    global N, FAILED
    N += 1
    if cond:
        print(f"ok {N} - {name}")
    else:
        FAILED += 1
        print(f"not ok {N} - {name}")
        if detail:
            for line in str(detail).splitlines()[:10]:
                print(f"#   {line}")


def page(path, title, date, byline=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    esc = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    meta = f'<meta name="author" content="{byline}">' if byline else ""
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc}</title>
<meta property="article:published_time" content="{date}">{meta}
<meta name="description" content="About {esc}."></head><body><article><h1>{esc}</h1>
<p>The council met on Monday to discuss the new bridge over the river, which has been closed since the spring floods.</p>
<p>Residents said they hoped the work would be finished before the winter.</p></article></body></html>
""")


def run(*args):
    return subprocess.run([CRIER, "batch", *args], capture_output=True, text=True, timeout=120)


def main():
    tmp = tempfile.mkdtemp(prefix="crier-feed.")
    try:
        src, out = os.path.join(tmp, "in"), os.path.join(tmp, "out")
        feed = os.path.join(out, "feed.xml")
        pages = {
            "a.html": ("Bridge reopens & traffic <returns>", "2026-01-05T08:00:00Z"),
            "b/c.html": ("Council adopts the budget", "2026-01-06T10:30:00+02:00"),
            "b/d.html": ("Ça va? Über-café in Tel Aviv", "2026-01-07"),
        }
        for rel, (title, date) in pages.items():
            page(os.path.join(src, rel), title, date)
        opts = ["-o", out, "--feed", feed, "--base-url", BASE, "--feed-title", "Morning papers",
                "--feed-author", "crier tests", "--feed-image", "https://example.org/art.png"]
        r = run(src, *opts)
        check("batch with --feed exits 0", r.returncode == 0, r.stderr)
        check("feed written", os.path.isfile(feed))
        lint = subprocess.run(["xmllint", "--noout", feed], capture_output=True, text=True)
        check("xmllint: well-formed", lint.returncode == 0, lint.stderr)
        check("no temporary files next to the feed",
              not [f for f in os.listdir(out) if f.startswith(".feed.xml")], os.listdir(out))

        audio = sorted(f for f in os.listdir(out) if not f.startswith(".") and f != "feed.xml")
        sizes = {f: os.path.getsize(os.path.join(out, f)) for f in audio}

        with open(feed, "rb") as f:
            pp = podcastparser.parse(BASE + "/feed.xml", f)
        eps = pp.get("episodes", [])
        check("podcastparser: channel title", pp.get("title") == "Morning papers", pp.get("title"))
        check("podcastparser: cover art", pp.get("cover_url") == "https://example.org/art.png",
              pp.get("cover_url"))
        check(f"podcastparser: every episode ({len(eps)})", len(eps) == len(pages))
        titles = {t for t, _ in pages.values()}
        check("podcastparser: titles", {e["title"] for e in eps} == titles,
              [e["title"] for e in eps])
        for e in eps:
            enc = e["enclosures"][0] if e.get("enclosures") else {}
            name = unquote(enc.get("url", "").rsplit("/", 1)[-1])
            check(f"podcastparser: {e['title']}: enclosure URL",
                  enc.get("url", "").startswith("https://example.org/podcast/") and
                  name in audio, enc)
            check(f"podcastparser: {e['title']}: length is the file's size",
                  enc.get("file_size") == sizes.get(name), (enc, sizes))
            check(f"podcastparser: {e['title']}: type", enc.get("mime_type", "").startswith("audio/"),
                  enc)
            check(f"podcastparser: {e['title']}: duration", e.get("total_time", 0) > 0, e)
            check(f"podcastparser: {e['title']}: date", e.get("published", 0) > 0, e)
            check(f"podcastparser: {e['title']}: guid", e.get("guid", "").startswith("crier:"), e)
        by_title = {e["title"]: e for e in eps}
        bridge = by_title.get("Bridge reopens & traffic <returns>", {})
        check("podcastparser: date is the article's",
              bridge.get("published") == 1767600000, bridge.get("published"))
        council = by_title.get("Council adopts the budget", {})
        check("podcastparser: time zone honoured",
              council.get("published") == 1767688200, council.get("published"))

        fp = feedparser.parse(feed)
        check("feedparser: not bozo", not fp.bozo, getattr(fp, "bozo_exception", ""))
        check(f"feedparser: every episode ({len(fp.entries)})", len(fp.entries) == len(pages))
        for e in fp.entries:
            enc = e.enclosures[0] if e.get("enclosures") else {}
            name = unquote(enc.get("href", "").rsplit("/", 1)[-1])
            ok = (e.get("title") in titles and name in audio and
                  int(enc.get("length", -1)) == sizes.get(name) and
                  enc.get("type", "").startswith("audio/") and e.get("itunes_duration") and
                  e.get("published_parsed") is not None)
            check(f"feedparser: {e.get('title')}: title, enclosure URL, length, type, duration, date",
                  ok, e)
        check("feedparser: itunes:category",
              any(t.get("term") == "News" for t in fp.feed.get("tags", [])), fp.feed)
        with open(feed, encoding="utf-8") as f:
            text = f.read()
        check("non-ASCII names percent-encoded in URLs", "%C3%BCber-caf%C3%A9" in text)
        check("itunes:explicit on the channel and every item",
              text.count("<itunes:explicit>false</itunes:explicit>") == len(pages) + 1)
        guids = sorted(e.id for e in fp.entries)

        # --transcript and --chapters write sidecars that the feed links; the
        # feed is regenerated after every run, and GUIDs never change.
        r = run(src, *opts, "--transcript", "--chapters")
        check("run with --transcript --chapters exits 0", r.returncode == 0, r.stderr)
        fp2 = feedparser.parse(feed)
        check("GUIDs stay the same", sorted(e.id for e in fp2.entries) == guids)
        with open(feed, encoding="utf-8") as f:
            text = f.read()
        audio = sorted(f for f in os.listdir(out) if f.endswith(".mp3") or f.endswith(".ogg"))
        for name in audio:
            stem = name.rsplit(".", 1)[0]
            vtt, chapters = os.path.join(out, stem + ".vtt"), os.path.join(out, stem + ".chapters.json")
            check(f"{stem}: podcast:transcript links its WebVTT file",
                  f'<podcast:transcript url="{BASE}/{quote(stem)}.vtt" type="text/vtt"/>' in text and
                  open(vtt, encoding="utf-8").read().startswith("WEBVTT\n"), text[-1500:])
            with open(chapters, encoding="utf-8") as f:
                ch = json.load(f)
            check(f"{stem}: podcast:chapters links its chapters, starting at 0 with the title",
                  f'url="{BASE}/{quote(stem)}.chapters.json" type="application/json+chapters"' in text and
                  ch["chapters"][0]["startTime"] == 0 and
                  ch["chapters"][0]["title"] in titles, ch)
        report = os.path.join(tmp, "report.json")
        r = run(src, *opts, "--transcript", "--chapters", "--report", report)
        with open(report, encoding="utf-8") as f:
            rep = json.load(f)
        pages_rep = rep.get("pages", [])
        check("--report is JSON with every page's status, outputs, duration and seconds",
              len(pages_rep) == len(pages) and rep["summary"]["pages"] == len(pages) and
              all(p["status"] in ("done", "skipped") and len(p["outputs"]) == 3 and
                  p["duration"] > 0 and p["seconds"] >= 0 and p["reason"] is None
                  for p in pages_rep), rep)
        check("sidecars are part of being up to date: a second run skips all",
              "0 done, 3 skipped" in r.stderr, r.stderr)
        os.remove(os.path.join(out, audio[0].rsplit(".", 1)[0] + ".vtt"))
        r = run(src, *opts, "--transcript", "--chapters")
        check("a missing transcript redoes its page", "1 done, 2 skipped" in r.stderr, r.stderr)

        # A removed page leaves the feed after the next run.
        os.remove(os.path.join(src, "b/d.html"))
        r = run(src, *opts)
        fp3 = feedparser.parse(feed)
        check("a removed page leaves the feed", len(fp3.entries) == len(pages) - 1, r.stderr)

        r = subprocess.run([CRIER, "batch", src, "-o", out, "--feed", feed],
                           capture_output=True, text=True)
        check("--feed without --base-url: usage error", r.returncode == 2, r.stderr)
    finally:
        shutil.rmtree(tmp)
    print(f"1..{N}")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
