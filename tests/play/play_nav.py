#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""crier play's other keys and failures, through a pseudo-terminal, against a
real sound server (../shared/tools/play-capture: a private PulseAudio with a
null sink). TAP output.

  h       the headline plays again, then the paragraph it left;
  N / P   next / previous heading, then the next article of a queue of two
          and back to the first;
  + / -   the next sentence is shorter / longer than rendered at the base
          rate, the sentence playing when the key comes is not;
  --headlines   only the titles play (stdin not a terminal); on a terminal,
          n opens the current article;
  the device disappears mid-article (the null sink is unloaded): status 5,
          one line naming the device, the terminal restored;
  q while paused: status 0, the position saved, nothing more plays, the
          terminal restored;
  the first position line of a long page gives its true paragraph count
          (the player normalizes only its first blocks before the first
          sound).

Only a page's first sentence comes out of eSpeak NG sample for sample as
rendered (its wave generator carries state from one sentence into the next),
so blocks are told apart by length: every key comes in the silence after a
block, which therefore plays whole, the capture is split at silences of
0.3 s or more, and each piece must be one of the pages' blocks, within 1.5 %
of its rendered length (the pages' blocks differ by more than 5 %; pieces
under 0.6 s are left out: there are none but the chime's tones). A key is timed from
the player's acknowledgement on the terminal of the block it follows, plus
that block's rendered length and a third of a second; the checks are on what
played, never on when. The driver (--drive) takes its steps as JSON and writes
what it saw (exit status, terminal modes while playing and after) to DRIVE_RESULT."""
import json
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile
import termios
import time
import wave

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from play_keys import RATE, find_capture, samples, segments  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import tap  # noqa: E402

GAP_S = 0.3    # silences that split the capture into blocks
CHIME_S = 0.6  # pieces shorter than this are the chime between articles

PAGE_A = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Moving by heading through a test page</title></head>
<body><article><h1>Moving by heading through a test page</h1>
<p>The opening paragraph comes first and the listener leaves it for the next heading almost at once.</p>
<h2>The middle section</h2>
<p>This paragraph sits under the middle section.</p>
<h2>A final word on the matter</h2>
<p>Under the final heading lies the closing paragraph of the first article in the queue of two, and it goes on for a good while longer than the others do.</p>
</article></body></html>
"""
PAGE_UNTITLED = "<!doctype html><html lang=en><head><meta charset=utf-8></head><body><article>\n" + "".join(
    "<p>Paragraph %d of a page with no title has words enough to be kept by the extractor.</p>\n" % k
    for k in range(1, 8)) + "</article></body></html>\n"
PAGE_B = """A second article waits at the end of the queue

Its only paragraph is short and plays when the listener moves on to the next article.
"""
# No commas: a paragraph is one stretch of sound at any rate.
PAGE_SPEED = """A test of changing the speed while listening

The first paragraph plays faster than it was rendered because the listener pressed the plus key four times during the title.

The second paragraph plays slower than it was rendered because the listener pressed the minus key six times during the first one.

The last paragraph is short.
"""


def tty_modes(fd):
    lflag = termios.tcgetattr(fd)[3]
    return {"icanon": bool(lflag & termios.ICANON), "echo": bool(lflag & termios.ECHO)}


def drive(steps, argv):
    """Run argv on a pty and play steps: ["wait", text], ["key", chars],
    ["sleep", s], ["run", argv]. Writes the result to $DRIVE_RESULT."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    seen = b""
    log = b""
    playing_modes = None

    def read_some(timeout):
        nonlocal seen, log
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            return True
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            chunk = b""
        seen += chunk
        log += chunk
        return bool(chunk)

    for step in steps:
        if step[0] == "wait":
            end = time.monotonic() + 15.0
            while step[1].encode() not in seen:
                left = end - time.monotonic()
                if left <= 0 or not read_some(left):
                    break
            if step[1].encode() not in seen:
                break  # the checks report it; the player is stopped below
            seen = seen[seen.index(step[1].encode()) + len(step[1]):]
            if playing_modes is None:
                playing_modes = tty_modes(fd)
        elif step[0] == "key":
            os.write(fd, step[1].encode())
        elif step[0] == "sleep":
            time.sleep(step[1])
        elif step[0] == "run":
            subprocess.run(step[1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    end = time.monotonic() + 30.0
    while time.monotonic() < end and read_some(end - time.monotonic()):
        pass
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:  # a step never came: stop the player, fail the checks
        os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
    result = {"status": os.waitstatus_to_exitcode(status), "playing": playing_modes,
              "after": tty_modes(fd), "tty": log.decode(errors="replace")}
    with open(os.environ["DRIVE_RESULT"], "w") as f:
        json.dump(result, f)
    return 0


class Rig:
    def __init__(self, crier, capture, tmp):
        self.crier, self.capture, self.tmp = crier, capture, tmp
        self.env = dict(os.environ, XDG_STATE_HOME=os.path.join(tmp, "state"),
                        DRIVE_RESULT=os.path.join(tmp, "result.json"))

    def render(self, name, text, tag):
        """Renders a page; returns its path, its blocks [(tag+k, seconds)] and
        the first 50 ms of its first block."""
        page = os.path.join(self.tmp, name)
        with open(page, "w") as f:
            f.write(text)
        wav = page + ".wav"
        subprocess.run([self.crier, "render", "-v", "en-us", page, "-o", wav], check=True, env=self.env)
        with wave.open(wav) as w:
            full = w.readframes(w.getnframes())
        segs = segments(samples(full), min_gap_s=GAP_S)
        return page, [("%s%d" % (tag, k), (e - st) / RATE) for k, (st, e) in enumerate(segs)], \
            full[2 * segs[0][0]:2 * (segs[0][0] + RATE // 20)]

    def play(self, name, steps, args):
        """crier play args on a pty driven by steps; returns (capture, result)."""
        cap = os.path.join(self.tmp, name + ".raw")
        if os.path.exists(self.env["DRIVE_RESULT"]):
            os.unlink(self.env["DRIVE_RESULT"])
        subprocess.run(["bash", self.capture, cap, "--", sys.executable, os.path.abspath(__file__),
                        "--drive", json.dumps(steps), self.crier, "play", "-v", "en-us"] + args,
                       env=self.env, capture_output=True, timeout=120)
        with open(self.env["DRIVE_RESULT"]) as f:
            result = json.load(f)
        return open(cap, "rb").read(), result

    def saved(self):
        posdir = os.path.join(self.tmp, "state", "crier", "positions")
        out = []
        for name in os.listdir(posdir) if os.path.isdir(posdir) else []:
            with open(os.path.join(posdir, name)) as f:
                out.append(f.readline().strip())
            os.unlink(os.path.join(posdir, name))
        return out


def restored(r):
    return r["after"] == {"icanon": True, "echo": True} and r["playing"] == {"icanon": False, "echo": False}


def identify(capture, blocks):
    """The blocks that played, in order, by length; '?' for a piece that is
    none of them; pieces under CHIME_S left out."""
    out = []
    for st, e in segments(samples(capture), min_gap_s=GAP_S):
        sec = (e - st) / RATE
        if sec < CHIME_S:
            continue
        name = [n for n, b in blocks if abs(sec - b) <= 0.015 * b]
        out.append(name[0] if name else "?%.3f" % sec)
    return out


def run(rig):
    a, blocks_a, title = rig.render("a.html", PAGE_A, "A")
    b, blocks_b, _ = rig.render("b.txt", PAGE_B, "B")
    s, blocks_s, _ = rig.render("speed.txt", PAGE_SPEED, "S")
    blocks = blocks_a + blocks_b
    lens = sorted(sec for _, sec in blocks)
    tap.ok(len(blocks_a) == 6 and len(blocks_b) == 2 and len(blocks_s) == 4 and
              all(y > 1.05 * x for x, y in zip(lens, lens[1:])) and lens[0] > CHIME_S,
              "the rendered pages split into their blocks (6, 2, 4), all of different lengths",
              "blocks: %r %r %r" % (blocks_a, blocks_b, blocks_s))
    if tap.failed:
        return
    sec = dict(blocks + blocks_s)
    after = lambda name: ["sleep", sec[name] + 0.33]  # noqa: E731 (into the silence after it)
    cue = ["wait", "press ? for the keys"]

    # h: after paragraph 1 the headline again, then paragraph 1 again from its start
    got, r = rig.play("headline", [cue, after("A0"), ["key", "n"], ["wait", "paragraph 1 of 5"], after("A1"),
                                   ["key", "h"], ["sleep", sec["A0"] + 0.9], after("A1"),
                                   ["key", "q"], ["wait", "position saved"]], [a])
    played = identify(got, blocks)
    tap.ok(r["status"] == 0, "h: status 0", r["tty"])
    tap.ok(played == ["A0", "A1", "A0", "A1"],
              "h: title, paragraph 1, h: the title again, then paragraph 1 again", "played %r" % played)
    saved = rig.saved()
    tap.ok(saved == ["1 0"], "h: the saved position is still paragraph 1", "saved: %r" % saved)

    # N / P: headings, then articles
    got, r = rig.play("sections", [
        cue, after("A0"),
        ["key", "N"], ["wait", "heading 'The middle section'"], after("A2"),
        ["key", "N"], ["wait", "heading 'A final word on the matter'"], after("A4"),
        ["key", "P"], ["wait", "heading 'The middle section'"], after("A2"),
        ["key", "N"], ["wait", "heading 'A final word on the matter'"], after("A4"),
        ["key", "N"], ["wait", "article 2/2"], after("B0"),
        ["key", "P"], ["wait", "article 1/2"], after("A0"),
        ["key", "q"], ["wait", "position saved"]], [a, b])
    played = identify(got, blocks)
    tap.ok(r["status"] == 0, "N/P: status 0", r["tty"])
    tap.ok(played == ["A0", "A2", "A4", "A2", "A4", "B0", "A0"],
              "N/P: title, N middle heading, N final heading, P middle heading, N final heading, "
              "N article 2's title, P article 1's title; no paragraph", "played %r" % played)
    rig.saved()

    # + / -: four + during the title, six - during paragraph 1
    got, r = rig.play("speed", [
        cue, ["sleep", 0.3], ["key", "++++"], ["wait", "rate 275"],
        ["sleep", sec["S0"] + 1.5], ["key", "------"], ["wait", "rate 125"]], [s])
    have = [(e - st) / RATE for st, e in segments(samples(got), min_gap_s=GAP_S)]
    want = [b for _, b in blocks_s]
    tap.ok(r["status"] == 0, "speed: status 0", r["tty"])
    ok = len(have) == 4
    tap.ok(ok and abs(have[0] - want[0]) < 0.015 * want[0],
              "speed: the title, playing when + came, keeps its length", "played %r, rendered %r" % (have, want))
    tap.ok(ok and have[1] < 0.85 * want[1],
              "speed: paragraph 1 after + is shorter than rendered", "played %r, rendered %r" % (have, want))
    tap.ok(ok and have[2] > 1.2 * want[2],
              "speed: paragraph 2 after - is longer than rendered", "played %r, rendered %r" % (have, want))
    rig.saved()

    # --headlines, not on a terminal: the titles only
    cap = os.path.join(rig.tmp, "headlines.raw")
    p = subprocess.run(["bash", rig.capture, cap, "--", rig.crier, "play", "-v", "en-us", "--headlines", a, b],
                       env=rig.env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    played = identify(open(cap, "rb").read(), blocks)
    tap.ok(p.returncode == 0, "--headlines: status 0 (%s)" % p.stdout.strip(), p.stderr)
    tap.ok(played == ["A0", "B0"], "--headlines: the two titles and nothing else", "played %r" % played)

    # --headlines on a terminal: n opens the current article
    got, r = rig.play("headlines-n", [cue, after("A0"), ["key", "n"], ["wait", "paragraph 1 of 5"],
                                      after("A1"), ["key", "q"], ["wait", "position saved"]],
                      ["--headlines", a, b])
    played = identify(got, blocks)
    tap.ok(r["status"] == 0, "--headlines n: status 0", r["tty"])
    tap.ok(played == ["A0", "A1"], "--headlines n: the title, then n: its paragraph 1",
              "played %r" % played)
    rig.saved()

    # the device disappears mid-article
    got, r = rig.play("unplug", [cue, ["sleep", 1.0], ["run", ["pactl", "unload-module", "module-null-sink"]]],
                      [a])
    lines = [ln for ln in r["tty"].replace("\r", "").split("\n") if ln.startswith("crier:")]
    tap.ok(r["status"] == 5, "device gone: status 5 (got %d)" % r["status"], r["tty"])
    tap.ok(len(lines) == 1 and "audio device" in lines[0],
              "device gone: one line naming the device (%s)" % (lines[0] if lines else ""), r["tty"])
    tap.ok(restored(r), "device gone: raw while playing, the terminal restored after", r)
    tap.ok(got.find(title) >= 0, "device gone: the title had begun")

    # q while paused
    got, r = rig.play("quit-paused", [cue, ["sleep", 1.0], ["key", " "], ["wait", "paused"], ["sleep", 0.5],
                                      ["key", "q"], ["wait", "position saved"]], [a])
    pieces = segments(samples(got), min_gap_s=GAP_S)
    tap.ok(r["status"] == 0, "q while paused: status 0", r["tty"])
    tap.ok(restored(r), "q while paused: raw while playing, the terminal restored after", r)
    tap.ok(got.find(title) >= 0 and len(pieces) == 1 and (pieces[0][1] - pieces[0][0]) / RATE < sec["A0"],
              "q while paused: part of the title, then nothing", "pieces %r" % pieces)
    saved = rig.saved()
    tap.ok(saved == ["0 0"], "q while paused: the position saved is the title's sentence", "saved: %r" % saved)

    # the first position line of a page longer than the player's first batch
    untitled = os.path.join(rig.tmp, "untitled.html")
    with open(untitled, "w") as f:
        f.write(PAGE_UNTITLED)
    got, r = rig.play("count", [cue, ["wait", "article 1/1, paragraph 1 of"], ["key", "q"],
                                ["wait", "position saved"]], [untitled])
    first = [ln for ln in r["tty"].replace("\r", "").split("\n") if ln.startswith("article 1/1")]
    tap.ok(r["status"] == 0 and first[:1] == ["article 1/1, paragraph 1 of 7"],
              "the first position line counts all 7 paragraphs (%s)" % (first[:1] or [""])[0], r["tty"])
    rig.saved()


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--drive":
        return drive(json.loads(sys.argv[2]), sys.argv[3:])
    crier = os.environ["CRIER_BIN"]
    capture = find_capture()
    if capture is None:
        return 0
    tmp = tempfile.mkdtemp(prefix="crier-play-nav.")
    rig = Rig(crier, capture, tmp)
    try:
        run(rig)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
