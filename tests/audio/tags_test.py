#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""crier render's tags and durations as a player library sees them (TAP).

Every format is rendered from the sample page (and OGG, Opus and MP3 also
through -o - into a pipe) and read back with mutagen (Debian's
python3-mutagen, the tag library of Quod Libet and beets): title, artist,
album, date, comment (the address), language, and the duration within 1 % of
the WAV render's (for VBR MP3 from its Xing frame). WAV's RIFF INFO, which
mutagen does not read, is parsed here."""
import json, os, shutil, struct, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import finish, ok, skip  # noqa: E402

CRIER = os.environ.get("CRIER_BIN", "crier")
ROOT = os.environ.get("CRIER_SOURCE_ROOT", ".")
PAGE = os.path.join(ROOT, "samples", "all-israel-us-iran-talks.html")

# Runs under a Python that has mutagen (pyenv's may not; Debian's does).
READER = r"""
import json, sys, mutagen
m = mutagen.File(sys.argv[1])
t = m.tags
def get(*keys):
    for k in keys:
        v = t.getall(k) if hasattr(t, "getall") else t.get(k)
        if v:
            x = v[0]
            return str(x.text[0]) if hasattr(x, "text") else str(x)
    return ""
if hasattr(t, "getall"):  # ID3
    tags = {"title": get("TIT2"), "artist": get("TPE1"), "album": get("TALB"),
            "date": get("TDRC"), "comment": get("COMM"), "language": get("TLAN")}
else:
    tags = {k: get(k) for k in ("title", "artist", "album", "date", "comment", "language")}
print(json.dumps({"length": m.info.length, "tags": tags, "type": type(m).__name__}))
"""



def mutagen_python():
    for py in (sys.executable, "/usr/bin/python3"):
        if py and os.path.exists(py) and subprocess.run(
                [py, "-c", "import mutagen"], capture_output=True).returncode == 0:
            return py
    return None


def riff_info(path):
    """WAV: LIST INFO subchunks {id: text} and the data duration in seconds."""
    info, secs = {}, None
    with open(path, "rb") as f:
        data = f.read()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    at, rate_bytes = 12, None
    while at + 8 <= len(data):
        cid, size = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
        body = data[at + 8:at + 8 + size]
        if cid == b"fmt ":
            rate_bytes = struct.unpack("<I", body[8:12])[0]
        elif cid == b"data" and rate_bytes:
            secs = size / rate_bytes
        elif cid == b"LIST" and body[:4] == b"INFO":
            i = 4
            while i + 8 <= len(body):
                sid, ssize = body[i:i + 4], struct.unpack("<I", body[i + 4:i + 8])[0]
                info[sid.decode("ascii")] = body[i + 8:i + 8 + ssize].rstrip(b"\0").decode("utf-8")
                i += 8 + ssize + (ssize & 1)
        at += 8 + size + (size & 1)
    return info, secs


def render(args, **kw):
    return subprocess.run([CRIER, "render", PAGE] + args, stderr=subprocess.PIPE, **kw)


def main():
    tmp = tempfile.mkdtemp(prefix="crier-tags-")
    try:
        run_all(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return finish()


def run_all(tmp):
    wav = os.path.join(tmp, "a.wav")
    p = render(["-o", wav], stdout=subprocess.DEVNULL)
    ok(p.returncode == 0, "render to WAV", p.stderr)
    info, ref_s = riff_info(wav)
    art = json.loads(subprocess.run([CRIER, "text", "--json", PAGE], capture_output=True).stdout
                     or b"{}")
    lang = art.get("lang") or "en"
    ok(info.get("INAM", "").startswith("'Hopefully") and info.get("IART") and info.get("IPRD") and
       info.get("ICRD") and info.get("ICMT", "").startswith("https://"),
       "wav: RIFF INFO title, artist, album, date, comment", info)
    ok(info.get("ILNG") == lang and "ICOP" not in info, "wav: RIFF INFO ILNG = %s" % lang, info)

    py = mutagen_python()
    if py is None:
        skip("tags as mutagen reads them", "python3-mutagen is not installed")
        return
    iso = {"en": "eng"}.get(lang.split("-")[0], None)
    cases = [(fmt, ["-o", os.path.join(tmp, "a." + fmt)], os.path.join(tmp, "a." + fmt), False)
             for fmt in ("ogg", "flac", "mp3", "opus")]
    cases += [(fmt, ["-o", "-", "-f", fmt], os.path.join(tmp, "piped." + fmt), True)
              for fmt in ("ogg", "mp3", "opus")]
    for fmt, args, path, piped in cases:
        name = fmt + (" (-o - into a pipe)" if piped else "")
        if piped:
            with open(path, "wb") as f:
                cat = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=f)
                p = render(args, stdout=cat.stdin)
                cat.stdin.close()
                cat.wait()
        else:
            p = render(args, stdout=subprocess.DEVNULL)
        r = subprocess.run([py, "-c", READER, path], capture_output=True, text=True)
        if p.returncode != 0 or r.returncode != 0:
            ok(False, "%s: renders and mutagen reads it" % name, p.stderr + r.stderr.encode())
            continue
        m = json.loads(r.stdout)
        t = m["tags"]
        ok(t["title"].startswith("'Hopefully") and t["artist"] and t["album"] and
           t["date"][:4] == "2026" and t["comment"].startswith("https://"),
           "%s: mutagen reads title, artist, album, date, comment" % name, t)
        want = iso if fmt == "mp3" else lang
        ok(t["language"] == want, "%s: language %s" % (name, want), t)
        ok(abs(m["length"] - ref_s) <= ref_s * 0.01, "%s: duration within 1 %% (%.2f s for %.2f s)" %
           (name, m["length"], ref_s), m)


if __name__ == "__main__":
    sys.exit(main())
