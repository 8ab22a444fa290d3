#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How long crier play's keys take to show in what reaches the speaker
(issue 6: pause, skip and speed within 100 ms; speed at the next sentence).

Method. A private PulseAudio (null sink at 22,050 Hz mono, norewinds=1, as
../shared/tools/play-capture sets it up) is recorded through its monitor by
`parec --latency-msec=5`; a reader thread stamps every chunk with
time.monotonic(), so each captured sample has a time (its chunk's stamp less
the samples after it in the chunk). crier play runs on a pseudo-terminal
and the benchmark writes one key to it, noting the time just before the
write, while the title sentence is playing (0.8 to 2.2 s into it, varied
from run to run). The page's title is the first sentence played, so up to
the key the capture is sample for sample `crier render` of the same page;
where the two part is where the key took effect:
  pause (space): the first sample where the capture is silent and the
                 rendered title is not (up to the device's buffer, ~60 ms,
                 plays on after a pause, by design);
  skip (n):      the same for the cut, then the first sound after it: the
                 next paragraph's start;
  speed (+):     the rate acknowledgement on the terminal; the change itself
                 comes at the next sentence by design (tests/play/
                 play_nav.py checks that it is faster), so what is timed is
                 whether that sentence starts later than in the rendered
                 page (the title plays whole, sample for sample).
Each figure: best and median of RUNS runs (default 7), in ms from the key;
a run whose capture parts from the render before the key (the stream ran
dry on a busy machine, or the monitor lost a chunk) is left out and listed.
Usage: play-keys-latency.py [RUNS]; needs CRIER_BIN, pulseaudio,
pulseaudio-utils, python3. The load average is printed before and after."""
import array
import os
import pty
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import wave

RATE, LEVEL = 22050, 328
PAGE = """The listener presses one key while this long title sentence is still being read aloud by the player, so that the moment it takes effect can be found in the sound

The first paragraph follows the title and is where the skip key lands.

The second paragraph closes the page.
"""


class Monitor:
    """The sink's monitor, every sample with the time it reached the sink."""

    def __init__(self):
        self.rec = subprocess.Popen(["parec", "-d", "capture.monitor", "--raw", "--format=s16le",
                                     "--rate=%d" % RATE, "--channels=1", "--latency-msec=5"],
                                    stdout=subprocess.PIPE)
        self.pcm = array.array("h")
        self.ends = []  # (index after the chunk's last sample, stamp)
        self.lock = threading.Lock()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        fd, rest = self.rec.stdout.fileno(), b""
        while True:
            data = os.read(fd, 4096)
            now = time.monotonic()
            if not data:
                return
            data = rest + data
            n = len(data) // 2 * 2
            rest = data[n:]
            with self.lock:
                self.pcm.frombytes(data[:n])
                self.ends.append((len(self.pcm), now))

    def mark(self):
        with self.lock:
            return len(self.pcm)

    def time_of(self, i):
        with self.lock:
            for end, stamp in self.ends:
                if end > i:
                    return stamp - (end - 1 - i) / RATE
        return None

    def stop(self):
        self.rec.send_signal(signal.SIGINT)
        self.rec.wait()


def first_loud(pcm, start, end):
    for i in range(start, min(end, len(pcm))):
        if abs(pcm[i]) > LEVEL:
            return i
    return None


def one_run(crier, page, title, gap, mon, key, delay, out):
    """Plays page on a pty, sends key delay s into the title; appends the
    figures to out (name -> list of ms)."""
    base = mon.mark()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(crier, [crier, "play", "-v", "en-us", page])
    tty = b""
    onset = None
    while onset is None:  # the title's first sound
        time.sleep(0.01)
        with mon.lock:
            onset = first_loud(mon.pcm, base, len(mon.pcm))
        r, _, _ = select.select([fd], [], [], 0)
        if r:
            tty += os.read(fd, 4096)
    time.sleep(max(0.0, mon.time_of(onset) + delay - time.monotonic()))
    t_key = time.monotonic()
    os.write(fd, key.encode())
    end = time.monotonic() + 2.0
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], end - time.monotonic())
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            if key == "+" and b"rate " in chunk and b"rate " not in tty:
                out.setdefault("speed: acknowledged on the terminal", []).append(
                    (time.monotonic() - t_key) * 1000)
            tty += chunk
    if key == "+":  # until the next sentence has begun
        time.sleep(len(title) / RATE - delay + 1.5)
    os.write(fd, b"q")
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    with mon.lock:
        pcm = mon.pcm[onset:]
    # where the capture leaves the rendered title
    n = min(len(pcm), len(title))
    k = next((i for i in range(n) if pcm[i] != title[i]), n)
    t_part = mon.time_of(onset + k)
    if k < n and t_part < t_key:
        # parted before the key: the stream ran dry (a busy machine) or the
        # monitor lost a chunk; nothing after it lines up with the render
        out.setdefault("runs left out: the capture parted from the render before the key", []).append(
            (t_part - t_key) * 1000)
        return
    if key == " ":
        out.setdefault("pause: sound stops", []).append((t_part - t_key) * 1000)
    elif key == "n":
        out.setdefault("skip: the sentence is cut", []).append((t_part - t_key) * 1000)
        nxt = first_loud(pcm, k, len(pcm))
        if nxt is not None:
            out.setdefault("skip: the next paragraph sounds", []).append(
                (mon.time_of(onset + nxt) - t_key) * 1000)
    elif key == "+":
        # the title played whole, as rendered; the next sentence, at the new
        # rate, should start after the same pause as in the rendered page
        nxt = first_loud(pcm, len(title), len(pcm))
        if k >= len(title) and nxt is not None:
            out.setdefault("speed: the next sentence starts later than rendered by", []).append(
                (nxt - len(title) - gap) * 1000 / RATE)


def main():
    crier = os.environ["CRIER_BIN"]
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    for tool in ("pulseaudio", "pactl", "parec"):
        if shutil.which(tool) is None:
            print("SKIP: %s not installed" % tool)
            return 0
    tmp = tempfile.mkdtemp(prefix="crier-key-latency.")
    env = {"PULSE_RUNTIME_PATH": tmp + "/run", "PULSE_STATE_PATH": tmp + "/state",
           "PULSE_COOKIE": tmp + "/cookie", "PULSE_SERVER": "unix:%s/run/native" % tmp,
           "XDG_STATE_HOME": tmp + "/xdg"}
    os.environ.update(env)
    os.environ.pop("PULSE_SINK", None)
    for d in ("run", "state", "home"):
        os.makedirs(os.path.join(tmp, d), mode=0o700)
    pa_pid = None
    try:
        subprocess.run(["pulseaudio", "--daemonize=yes", "-n", "--exit-idle-time=-1", "--disallow-exit",
                        "--load=module-native-protocol-unix",
                        "--load=module-null-sink sink_name=capture rate=%d channels=1 norewinds=1" % RATE,
                        "--log-target=file:%s/pulse.log" % tmp], check=True, env=dict(os.environ, HOME=tmp + "/home"))
        for _ in range(50):
            if subprocess.run(["pactl", "info"], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        pa_pid = int(open(tmp + "/run/pid").read())
        page = os.path.join(tmp, "page.txt")
        with open(page, "w") as f:
            f.write(PAGE)
        subprocess.run([crier, "render", "-v", "en-us", page, "-o", page + ".wav"], check=True)
        with wave.open(page + ".wav") as w:
            full = array.array("h")
            full.frombytes(w.readframes(w.getnframes()))
        start = first_loud(full, 0, len(full))
        end = start  # the title: up to its first silence of 0.45 s
        quiet = 0
        for i in range(start, len(full)):
            quiet = quiet + 1 if abs(full[i]) <= LEVEL else 0
            if quiet > 0.45 * RATE:
                end = i - quiet + 1
                break
        title = full[start:end]
        gap = first_loud(full, end, len(full)) - end  # samples between the title and paragraph 1
        mon = Monitor()
        time.sleep(0.5)
        print("loadavg before: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
        out = {}
        for r in range(runs):
            delay = 0.8 + 1.4 * r / max(1, runs - 1)
            for key in (" ", "n", "+"):
                one_run(crier, page, title, gap, mon, key, delay, out)
                time.sleep(0.3)
        mon.stop()
        print("key to effect in the captured sound (ms), %d runs each" % runs)
        for name, xs in out.items():
            print("  %-66s best %6.1f  median %6.1f  (%s)" % (name, min(xs), statistics.median(xs),
                                                          " ".join("%.0f" % x for x in xs)))
        print("loadavg after: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
    finally:
        if pa_pid:
            os.kill(pa_pid, signal.SIGTERM)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
