#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""crier play driven by keys through a pseudo-terminal, against a real sound
server (../shared/tools/play-capture: a private PulseAudio with a null sink).

The rig is bit-exact (same rate, mono, s16), so a paragraph's audio is found
in the capture by its first 50 ms of samples, cut from `crier render` of the
same page: present means it played, absent means it was skipped. The page
has one sentence per paragraph, so the rendered audio splits into title and
paragraphs at silences of 0.45 s or more (block pauses; sentence-internal
pauses are shorter).

Both render and play name the voice (en-us): this test is about keys, and
cli-play / play-sample check that the default voices agree.

Keys wait for the player's own acknowledgements on the terminal ("paused",
"paragraph 2 of 4"), not for the clock; only the pause lasts a set second,
since that gap must show in the capture. TAP output."""
import array
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile
import time
import wave

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import finish, ok as check  # noqa: E402

RATE = 22050
PAGE = """A test of pausing and skipping while listening to the news

The first paragraph is the one the listener skips, so none of its words may reach the speaker at any point during this test of the player.

Second comes the paragraph the player must jump to, and it goes on for long enough that the listener can quit in the middle of it.

Third in line is a paragraph that plays only when the listener resumes later, from where the position was saved.

The fourth and last paragraph closes the article with a few more words.
"""


def drive(argv):
    """Run argv on a pty; send keys when the terminal shows the cues."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    seen = b""
    log = open(os.environ["DRIVE_LOG"], "wb")

    def wait_for(text, timeout=10.0):
        nonlocal seen
        end = time.monotonic() + timeout
        while text.encode() not in seen:
            left = end - time.monotonic()
            if left <= 0:
                raise SystemExit("timed out waiting for %r; saw %r" % (text, seen))
            r, _, _ = select.select([fd], [], [], left)
            if r:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise SystemExit("player ended waiting for %r; saw %r" % (text, seen))
                seen += chunk
                log.write(chunk)
                log.flush()
        seen = seen[seen.index(text.encode()) + len(text):]

    wait_for("press ? for the keys")
    time.sleep(float(os.environ.get("DRIVE_FIRST_KEY_S", "0.6")))  # into the title
    os.write(fd, b" ")
    wait_for("paused")
    t0 = time.monotonic()
    os.write(fd, b"n")              # to paragraph 1 ...
    wait_for("paragraph 1 of 4")
    os.write(fd, b"n")              # ... and past it, still paused
    wait_for("paragraph 2 of 4")
    time.sleep(max(0.0, 1.0 - (time.monotonic() - t0)))
    os.write(fd, b" ")
    wait_for("playing")
    time.sleep(1.5)                 # into paragraph 2
    os.write(fd, b"q")
    wait_for("position saved")
    # drain until the player exits
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        log.write(chunk)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def samples(raw):
    a = array.array("h")
    a.frombytes(raw)
    return a


def segments(pcm, min_gap_s=0.45, level=300):
    """Non-silent segments (start, end) split at silences of min_gap_s."""
    gap = int(min_gap_s * RATE)
    segs, start, last = [], None, None
    for i, v in enumerate(pcm):
        if abs(v) > level:
            if start is None:
                start = i
            elif i - last > gap:
                segs.append((start, last + 1))
                start = i
            last = i
    if start is not None:
        segs.append((start, last + 1))
    return segs


def longest_silence(pcm, level=300):
    best, last = 0, None
    for i, v in enumerate(pcm):
        if abs(v) > level:
            if last is not None:
                best = max(best, i - last)
            last = i
    return best / RATE


def find_capture():
    """The play-capture script; None, after the TAP line that skips, when it
    or a tool it needs is missing."""
    shared = os.environ.get("CRIER_SHARED_DIR", os.path.join(os.environ["CRIER_SOURCE_ROOT"], "..", "shared"))
    capture = os.path.join(shared, "tools", "play-capture")
    if not os.path.exists(capture):
        print("1..0 # SKIP play-capture not found at %s" % capture)
        return None
    for tool in ("pulseaudio", "pactl", "parec", "sox"):
        if shutil.which(tool) is None:
            print("1..0 # SKIP %s not installed" % tool)
            return None
    return capture


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--drive":
        sys.exit(drive(sys.argv[2:]))
    crier = os.environ["CRIER_BIN"]
    capture = find_capture()
    if capture is None:
        return 0
    tmp = tempfile.mkdtemp(prefix="crier-play-keys.")
    try:
        page = os.path.join(tmp, "page.txt")
        with open(page, "w") as f:
            f.write(PAGE)
        env = dict(os.environ, XDG_STATE_HOME=os.path.join(tmp, "state"),
                   DRIVE_LOG=os.path.join(tmp, "tty.log"))
        wav = os.path.join(tmp, "page.wav")
        subprocess.run([crier, "render", "-v", "en-us", page, "-o", wav], check=True, env=env)
        with wave.open(wav) as w:
            full = w.readframes(w.getnframes())
        pcm = samples(full)
        segs = segments(pcm)
        check(len(segs) == 5, "the rendered page splits into title and 4 paragraphs", "segments: %r" % segs)
        if len(segs) != 5:
            return 1
        heads = [full[2 * s:2 * (s + RATE // 20)] for s, _ in segs]

        def keys(tag, path, state, first_key_s=0.6):
            """pause one second, skip paragraph 1 while paused, quit in paragraph 2"""
            kenv = dict(env, XDG_STATE_HOME=state, DRIVE_FIRST_KEY_S=str(first_key_s))
            cap = os.path.join(tmp, tag + ".raw")
            r = subprocess.run(["bash", capture, cap, "--", sys.executable, os.path.abspath(__file__),
                                "--drive", crier, "play", "-v", "en-us", path],
                               env=kenv, capture_output=True, text=True, timeout=60)
            got = open(cap, "rb").read()
            tty = open(env["DRIVE_LOG"], "rb").read().decode(errors="replace")
            check(r.returncode == 0, "%s: the player quits with status 0 (%s)" % (tag, r.stdout.strip()),
                  r.stderr.strip(), tty)
            check(got.find(heads[0]) >= 0, "%s: the title played" % tag)
            check(got.find(heads[1]) < 0, "%s: the skipped paragraph 1 is absent from the capture" % tag)
            check(got.find(heads[2]) >= 0, "%s: paragraph 2 played after the skip" % tag)
            check(got.find(heads[3]) < 0, "%s: paragraph 3 did not play (quit before it)" % tag)
            gap = longest_silence(samples(got))
            check(gap >= 0.9, "%s: the pause shows as a %.2f s gap in the capture" % (tag, gap))
            saved = []
            posdir = os.path.join(state, "crier", "positions")
            for name in os.listdir(posdir) if os.path.isdir(posdir) else []:
                with open(os.path.join(posdir, name)) as f:
                    saved.append(f.readline().strip())
            check(saved == ["2 0"], "%s: the saved position is paragraph 2, sentence 1 (block 2)" % tag,
                  "saved: %r" % saved)
            return tty

        # 1. on the text page
        keys("keys", page, env["XDG_STATE_HOME"])

        # 1b. the same article as a 3 MB HTML page (the article, then 40,000
        # related-story links that extraction drops: about 150 ms to
        # extract, longer than eSpeak NG and the device take to start). Its
        # title, guessed from the page's first 64 KiB, plays while the page
        # is extracted (the player's early title). The pause comes 0.1 s in,
        # while the page is still being extracted, and n while paused waits
        # for it; the position line comes as usual.
        html = os.path.join(tmp, "page.html")
        title, *paras = [p for p in PAGE.split("\n\n") if p.strip()]
        with open(html, "w") as f:
            f.write("<!doctype html><html lang=en><head><meta charset=utf-8><title>%s</title></head>"
                    "<body><article><h1>%s</h1>%s</article><footer>%s</footer></body></html>"
                    % (title, title, "".join("<p>%s</p>" % p.strip() for p in paras),
                       "".join('<div class="related"><a href="/story/%d">Related story number %d</a>'
                               "</div>\n" % (i, i) for i in range(40000))))
        tty = keys("early title", html, os.path.join(tmp, "state-html"), first_key_s=0.1)
        check("'%s', intro" % title in tty, "early title: the intro's position line is shown", tty)

        # 2. --resume, not on a terminal: plays from paragraph 2 to the end
        cap2 = os.path.join(tmp, "resume.raw")
        r = subprocess.run(["bash", capture, cap2, "--", crier, "play", "-v", "en-us", "--resume", page],
                           env=env, capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
        got2 = open(cap2, "rb").read()
        check(r.returncode == 0, "resume: status 0 (%s)" % r.stdout.strip(), r.stderr.strip())
        check(got2.find(heads[0]) < 0 and got2.find(heads[1]) < 0,
              "resume: neither the title nor paragraph 1 plays")
        at = got2.find(heads[2])
        check(at >= 0, "resume: the capture starts with paragraph 2's own samples")
        # Only the first sentence is sample-exact: eSpeak NG's wave generator
        # carries state (its pitch flutter) from one sentence into the next, so
        # a paragraph that follows a different one comes out a few ms longer or
        # shorter (measured: paragraph 2 alone 6.307 s, after paragraph 1 6.339 s).
        got_segs = segments(samples(got2))
        want = [(e - s) / RATE for s, e in segs[2:]]
        have = [(e - s) / RATE for s, e in got_segs]
        check(len(have) == 3 and all(abs(h - w) < 0.01 * w for h, w in zip(have, want)),
              "resume: paragraphs 2 to 4 play, each within 1 % of its rendered length",
              "played %r, rendered %r" % (have, want))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
