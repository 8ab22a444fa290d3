#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""crier render end to end (TAP): every format read back with libsndfile (rate,
channels, duration within 1 % of the WAV render, non-silence, tags), the WebVTT
transcript (a strict parser) ending with the audio, Podcasting 2.0 chapters,
joined articles (a chapter each, a chime between), -o - into a pipe, and a full
disk leaving nothing behind."""
import ctypes, ctypes.util, json, os, re, resource, shutil, signal, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import finish, ok  # noqa: E402

CRIER = os.environ.get("CRIER_BIN", "crier")
ROOT = os.environ.get("CRIER_SOURCE_ROOT", ".")
PAGE = os.path.join(ROOT, "samples", "all-israel-us-iran-talks.html")



class SF_INFO(ctypes.Structure):
    _fields_ = [("frames", ctypes.c_int64), ("samplerate", ctypes.c_int), ("channels", ctypes.c_int),
                ("format", ctypes.c_int), ("sections", ctypes.c_int), ("seekable", ctypes.c_int)]


sf = ctypes.CDLL(ctypes.util.find_library("sndfile") or "libsndfile.so.1")
sf.sf_open.restype = ctypes.c_void_p
sf.sf_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(SF_INFO)]
sf.sf_get_string.restype = ctypes.c_char_p
sf.sf_get_string.argtypes = [ctypes.c_void_p, ctypes.c_int]
sf.sf_readf_short.restype = ctypes.c_int64
sf.sf_readf_short.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64]
sf.sf_close.argtypes = [ctypes.c_void_p]
SF_STR = {"title": 1, "comment": 5, "date": 6, "album": 7, "artist": 4}


def read_audio(path):
    """(rate, channels, frames, tags, peak, peaks per 10 ms window)"""
    info = SF_INFO()
    h = sf.sf_open(path.encode(), 0x10, ctypes.byref(info))
    if not h:
        return None
    tags = {k: (sf.sf_get_string(h, v) or b"").decode("utf-8", "replace") for k, v in SF_STR.items()}
    win = max(1, info.samplerate // 100)
    buf = (ctypes.c_short * win)()
    windows, frames = [], 0
    while True:
        n = sf.sf_readf_short(h, buf, win)
        if n <= 0:
            break
        frames += n
        windows.append(max(abs(buf[i]) for i in range(n)))
    sf.sf_close(h)
    return info.samplerate, info.channels, frames, tags, max(windows or [0]), windows


def render(args, **kw):
    out = kw.pop("stdout", subprocess.PIPE)
    return subprocess.run([CRIER, "render"] + args, stdout=out, stderr=subprocess.PIPE, **kw)


TS = re.compile(r"^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$")


def vtt_time(s):
    m = TS.match(s)
    if not m:
        raise ValueError("bad timestamp %r" % s)
    h, mi, se, ms = map(int, m.groups())
    return h * 3600 + mi * 60 + se + ms / 1000


def parse_vtt(text):
    """Strict enough for our files: WEBVTT header, blank-line separated cues
    with an optional id, 'start --> end', start <= end, starts not decreasing,
    non-empty text with no raw '<' or unescaped '&'."""
    blocks = text.split("\n\n")
    if not blocks[0].startswith("WEBVTT") or blocks[0][6:7] not in ("", "\n", " ", "\t"):
        raise ValueError("no WEBVTT header")
    cues, last = [], -1.0
    for b in blocks[1:]:
        lines = [l for l in b.split("\n")]
        if lines == [""] or not b.strip():
            continue
        if "-->" not in lines[0]:
            lines = lines[1:]
        head = lines[0].split(" --> ")
        if len(head) != 2:
            raise ValueError("bad timing line %r" % lines[0])
        start, end = vtt_time(head[0]), vtt_time(head[1].split(" ")[0])
        body = "\n".join(lines[1:])
        if end < start or start < last or not body.strip():
            raise ValueError("bad cue %r" % b)
        if "<" in body or re.search(r"&(?!amp;|lt;|gt;)", body):
            raise ValueError("unescaped text %r" % body)
        cues.append((start, end, body))
        last = start
    return cues


def check_chapters(path, n_min):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    assert doc.get("version") == "1.2.0", doc.get("version")
    ch = doc["chapters"]
    assert isinstance(ch, list) and len(ch) >= n_min, len(ch)
    last = -1
    for c in ch:
        assert isinstance(c["startTime"], (int, float)) and c["startTime"] >= last, c
        assert isinstance(c["title"], str) and c["title"], c
        last = c["startTime"]
    return ch


def main():
    tmp = tempfile.mkdtemp(prefix="crier-render-")
    try:
        run_all(tmp)
    finally:
        subprocess.run(["umount", os.path.join(tmp, "full")], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return finish()


def run_all(tmp):
    wav = os.path.join(tmp, "ref.wav")
    p = render([PAGE, "-o", wav, "--transcript", "--chapters"])
    ok(p.returncode == 0, "render to WAV", p.stderr)
    ref = read_audio(wav)
    ok(ref is not None and ref[2] > 0, "WAV reads back")
    ref_s = ref[2] / ref[0]

    # Transcript and chapters beside the audio, by default names.
    try:
        cues = parse_vtt(open(os.path.join(tmp, "ref.vtt"), encoding="utf-8").read())
        ok(len(cues) > 10, "WebVTT parses (%d cues)" % len(cues))
        ok(abs(cues[-1][1] - ref_s) <= 0.050, "last cue ends within 50 ms of the audio's end",
           "cue end %.3f, audio %.3f" % (cues[-1][1], ref_s))
        ok(any("’" in c[2] or "“" in c[2] for c in cues), "cues keep the article's wording (curly quotes)")
        ok(all(c[1] <= ref_s + 0.001 for c in cues), "no cue past the audio")
        # Every cue starts where speech does: within 50 ms of a silence ->
        # sound onset (sound from -40 dBFS after >= 30 ms below it). eSpeak NG
        # opens a sentence that starts with a quotation mark with ~120 ms of
        # silence, which cues starting with the sentence's audio included.
        win_s = (ref[0] // 100) / ref[0]
        onsets, quiet = [], 10 ** 9
        for i, peak in enumerate(ref[5]):
            if peak < 328:
                quiet += 1
            else:
                if quiet * win_s >= 0.030:
                    onsets.append(i * win_s)
                quiet = 0
        off = [(c[0], min((abs(o - c[0]) for o in onsets), default=99)) for c in cues]
        bad = [(round(t, 3), round(d, 3)) for t, d in off if d > 0.050]
        ok(len(onsets) > 0 and not bad, "every cue starts within 50 ms of a speech onset",
           "cue start, distance: %s" % bad)
    except (OSError, ValueError) as e:
        ok(False, "WebVTT parses", e)
    try:
        ch = check_chapters(os.path.join(tmp, "ref.chapters.json"), 2)
        ok(ch[0]["startTime"] == 0, "first chapter at 0")
        ok(True, "chapters JSON is Podcasting 2.0 (%d chapters)" % len(ch))
    except (OSError, ValueError, AssertionError, KeyError) as e:
        ok(False, "chapters JSON is Podcasting 2.0", e)

    # Every format round-trips.
    for fmt, rate, tagged in (("wav", 22050, True), ("ogg", 22050, True), ("flac", 22050, True),
                              ("mp3", 22050, False), ("opus", 24000, True)):
        out = os.path.join(tmp, "a." + fmt)
        p = render([PAGE, "-o", out])
        a = read_audio(out) if p.returncode == 0 else None
        if a is None:
            ok(False, "%s renders and reads back" % fmt, p.stderr)
            continue
        ok(a[0] == rate and a[1] == 1, "%s: %d Hz mono" % (fmt, rate), a[:2])
        ok(abs(a[2] / a[0] - ref_s) <= ref_s * 0.01, "%s: duration within 1 %% of the WAV" % fmt,
           "%.3f vs %.3f" % (a[2] / a[0], ref_s))
        ok(a[4] > 1000, "%s: not silent" % fmt, a[4])
        if tagged:
            ok(a[3]["title"].startswith("'Hopefully") and a[3]["artist"] != "" and
               a[3]["album"] != "", "%s: title, artist, album tags" % fmt, a[3])
        else:  # MP3: our ID3v2.4 tag
            raw = open(out, "rb").read(8192)
            ok(raw[:3] == b"ID3" and b"TIT2" in raw and "Hopefully".encode() in raw,
               "mp3: ID3v2 title tag", raw[:64])

    # --format overrides the extension.
    out = os.path.join(tmp, "named.audio")
    p = render([PAGE, "-o", out, "--format", "ogg", "--quality", "0.1"])
    ok(p.returncode == 0 and open(out, "rb").read(4) == b"OggS", "--format ogg with any extension", p.stderr)
    p = render([PAGE, "-o", out, "--format", "aiff"])
    ok(p.returncode == 2 and b"unknown format" in p.stderr, "unknown --format: usage error", p.stderr)
    p = render([PAGE, "-o", os.path.join(tmp, "x.mp3"), "--bitrate", "32"])
    ok(p.returncode == 0, "--bitrate 32 for mp3", p.stderr)

    # -o - into a pipe, then a file: it decodes (MP3: libsndfile cannot go
    # back to the Info frame, which must not fail the render).
    for fmt in ("ogg", "mp3", "opus"):
        out = os.path.join(tmp, "piped." + fmt)
        with open(out, "wb") as f:
            cat = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=f)
            p = render([PAGE, "-o", "-", "-f", fmt], stdout=cat.stdin)
            cat.stdin.close()
            cat.wait()
        a = read_audio(out)
        ok(p.returncode == 0 and a is not None and abs(a[2] / a[0] - ref_s) <= ref_s * 0.01,
           "-o - as %s piped into a file decodes" % fmt, p.stderr)
    p = render([PAGE, "-o", "-", "-f", "wav"], stdout=subprocess.DEVNULL)
    ok(p.returncode == 2 and b"standard output" in p.stderr, "-o - with WAV: a clear usage error", p.stderr)
    files = set(os.listdir(tmp))

    # Joining: a chapter per article, a chime between.
    out = os.path.join(tmp, "ep.ogg")
    p = render([PAGE, PAGE, "-o", out, "--chapters", "--transcript"])
    a = read_audio(out) if p.returncode == 0 else None
    ok(a is not None, "two pages join into one file", p.stderr)
    if a is not None:
        ch = check_chapters(os.path.join(tmp, "ep.chapters.json"), 2)
        titles = [c for c in ch if c["title"].startswith("'Hopefully")]
        ok(len(titles) == 2, "a chapter per article", ch)
        cues = parse_vtt(open(os.path.join(tmp, "ep.vtt"), encoding="utf-8").read())
        gap = [c for c in cues if c[0] < titles[1]["startTime"]][-1][1], titles[1]["startTime"]
        w = a[5][int(gap[0] * 100) + 1:int(gap[1] * 100)]
        ok(len(w) > 50 and sum(1 for x in w if x > 1000) >= 30,
           "sound (the chime) between the articles", "gap %s, loud windows %d" %
           (gap, sum(1 for x in w if x > 1000)))
        ok(abs(a[2] / a[0] - 2 * ref_s - 1.84) < 0.5, "joined length: two articles and the chime",
           a[2] / a[0])

    # Voice control: rate up to 900 (sonic), pitch, volume, gap, presets.
    def secs(args):
        out = os.path.join(tmp, "v.wav")
        p = render([PAGE, "-o", out] + args)
        a = read_audio(out) if p.returncode == 0 else None
        return (a[2] / a[0], a[4]) if a else (None, p.stderr)
    r450, r900 = secs(["-r", "450"])[0], secs(["-r", "900"])[0]
    ok(r450 and r900 and 0.4 < r900 / r450 < 0.65, "--rate 900 speaks in about half the time of 450",
       (r450, r900))
    base, loud = secs(["-v", "en-us"])
    longform = secs(["-v", "longform"])[0]
    ok(base and longform and longform - base > 5, "--voice longform (a preset) is slower than en-us",
       (base, longform))
    gap = secs(["-v", "en-us", "--gap", "1000"])[0]
    ok(gap and gap - base > 5, "--gap 1000 adds a pause between paragraphs", (base, gap))
    quiet = secs(["-v", "en-us", "--volume", "40"])[1]
    ok(isinstance(quiet, int) and quiet < loud * 0.7, "--volume 40 is quieter", (loud, quiet))
    ok(secs(["-v", "brisk"])[0] is not None, "--voice brisk (a preset by name)")
    p = render([PAGE, "-o", os.path.join(tmp, "n.wav"), "-v", "no-such-voice"])
    ok(p.returncode == 6, "unknown voice: exit 6", p.stderr)
    p = render([PAGE, "-o", os.path.join(tmp, "n.wav"), "--pitch", "100"])
    ok(p.returncode == 2 and b"--pitch" in p.stderr, "--pitch 100: usage error", p.stderr)

    # A one-hour article (the page's text 12 times, as a .txt) renders whole.
    once = subprocess.run([CRIER, "text", "--no-intro", PAGE], capture_output=True).stdout
    hour = os.path.join(tmp, "hour.txt")
    with open(hour, "wb") as f:
        f.write((once + b"\n") * 12)
    out = os.path.join(tmp, "hour.wav")
    with open(os.path.join(tmp, "once.txt"), "wb") as f:
        f.write(once)
    p1 = render([os.path.join(tmp, "once.txt"), "-o", os.path.join(tmp, "once.wav")])
    p = render([hour, "-o", out, "--transcript"])
    a, a1 = read_audio(out), read_audio(os.path.join(tmp, "once.wav"))
    ok(p.returncode == 0 and p1.returncode == 0 and a and a1 and a[2] / a[0] > 3000 and
       abs(a[2] / a1[2] - 12) < 0.24, "a one-hour article renders whole (12 x the 5-minute one)",
       (p.stderr, a and a[2] / a[0], a1 and a1[2] / a1[0]))
    cues = parse_vtt(open(os.path.join(tmp, "hour.vtt"), encoding="utf-8").read())
    ok(abs(cues[-1][1] - a[2] / a[0]) <= 0.050, "its last cue ends with the audio",
       (cues[-1][1], a[2] / a[0]))

    # A full disk: nothing left, a clear error, exit 4.
    full = os.path.join(tmp, "full")
    os.mkdir(full)
    limit = None
    if os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", full],
                                            capture_output=True).returncode == 0:
        how = "a 200 KB tmpfs"
    else:
        how, limit = "RLIMIT_FSIZE 200 KB", 200 * 1024

    def pre():
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    for fmt in ("mp3", "wav", "ogg"):
        p = render([PAGE, "-o", os.path.join(full, "ep." + fmt), "--transcript", "--chapters"],
                   preexec_fn=pre)
        left = os.listdir(full)
        ok(p.returncode == 4 and left == [] and b"ep." + fmt.encode() in p.stderr,
           "%s on %s: exit 4, a message naming the file, nothing left" % (fmt, how),
           "rc %d, left %s, stderr %s" % (p.returncode, left, p.stderr))
    ok(set(os.listdir(tmp)) >= files, "earlier outputs untouched")


if __name__ == "__main__":
    sys.exit(main())
