#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Time to first audio of `crier play` beside `espeak-ng` speaking the same
# article's text (`crier text` output), against one private PulseAudio server,
# for the sample page and a ~1 MB page. Targets (issue 6): crier <= 150 ms and
# <= 1.5x espeak-ng.
#
# Method. A private PulseAudio (null sink at 22,050 Hz mono, norewinds=1, as
# ../shared/tools/play-capture sets it up) records its sink's monitor with
# `parec --latency-msec=5` into a pipe; a Python reader stamps every chunk it
# reads with time.monotonic(). For each run the reader notes t0 just before it
# starts the player (the same clock), waits for the first chunk holding a sample
# above 1 % of full scale, and takes that chunk's stamp minus the time the
# samples after the loud one in that chunk stand for: the moment the first
# sound reached the sink, seen through a 5 ms monitor (play-capture's 20 ms
# suits recording whole streams but puts up to 20 ms of jitter into a 10-30 ms
# figure; 5 ms keeps the runs within a few ms of each other). Then it stops the
# player (SIGINT), waits for 1 s of silence and goes on; a sound stamped
# before t0 is the last run's tail and is ignored. Both programs are measured
# through the same monitor, in alternating runs (crier first in odd rounds,
# espeak-ng first in even ones), so load on the shared machine and the
# monitor's own latency fall on both alike. Each figure: the fastest and the
# median of RUNS runs (default 9); ratios of both. Usage: play-latency.sh
# [RUNS]; needs CRIER_BIN, CRIER_SOURCE_ROOT, pulseaudio, pulseaudio-utils,
# espeak-ng, python3. The load average is printed before and after.
set -euo pipefail
crier=${CRIER_BIN:?}
root=${CRIER_SOURCE_ROOT:?}
runs=${1:-9}
for t in pulseaudio pactl parec espeak-ng python3; do
  command -v $t >/dev/null || { echo "SKIP: $t not installed"; exit 0; }
done
T=$(mktemp -d /tmp/crier-play-latency.XXXXXX)
export PULSE_RUNTIME_PATH=$T/run PULSE_STATE_PATH=$T/state PULSE_COOKIE=$T/cookie
export PULSE_SERVER=unix:$T/run/native XDG_STATE_HOME=$T/xdg
unset PULSE_SINK
mkdir -p -m 700 "$T/run" "$T/state" "$T/home"
HOME="$T/home" pulseaudio --daemonize=yes -n --exit-idle-time=-1 --disallow-exit \
  --load='module-native-protocol-unix' \
  --load='module-null-sink sink_name=capture rate=22050 channels=1 norewinds=1' \
  --log-target="file:$T/pulse.log"
for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
PA_PID=$(cat "$T/run/pid")
trap 'kill "$PA_PID" 2>/dev/null || true; rm -rf "$T"' EXIT

page=$root/samples/all-israel-us-iran-talks.html
"$crier" text "$page" >"$T/page.txt"
# ~1 MB page: the sample article's spoken text as paragraphs, repeated
python3 - "$T/page.txt" "$T/big.html" <<'PY'
import html, sys
paras = [p for p in open(sys.argv[1]).read().split("\n\n") if p.strip()]
out = ["<!doctype html><html lang=en><head><meta charset=utf-8><title>A long article</title></head>",
       "<body><article><h1>A long article</h1>"]
size, i = 0, 0
while size < 1_000_000:
    p = "<p>%s</p>\n" % html.escape(paras[i % len(paras)].replace("\n", " "))
    out.append(p); size += len(p); i += 1
out.append("</article></body></html>\n")
open(sys.argv[2], "w").write("".join(out))
PY
"$crier" text "$T/big.html" >"$T/big.txt"

python3 - "$runs" "$crier" "$page" "$T/page.txt" "$T/big.html" "$T/big.txt" <<'PY'
import array, os, signal, statistics, subprocess, sys, threading, time
runs, crier, page, page_txt, big, big_txt = int(sys.argv[1]), *sys.argv[2:]
RATE, LEVEL = 22050, 328
rec = subprocess.Popen(["parec", "-d", "capture.monitor", "--raw", "--format=s16le", "--rate=22050",
                        "--channels=1", "--latency-msec=5"], stdout=subprocess.PIPE)
lock = threading.Condition()
state = {"armed": False, "hit": None, "last_loud": 0.0, "t0": 0.0}
def reader():
    fd = rec.stdout.fileno()
    while True:
        data = os.read(fd, 4096)
        now = time.monotonic()
        if not data:
            return
        a = array.array("h"); a.frombytes(data[: len(data) // 2 * 2])
        loud = [i for i, v in enumerate(a) if abs(v) > LEVEL]
        with lock:
            if loud:
                state["last_loud"] = now
            if loud and state["armed"] and state["hit"] is None:
                at = now - (len(a) - loud[0]) / RATE
                if at >= state["t0"]:  # earlier: the last run's tail, not this one
                    state["hit"] = at
                    lock.notify_all()
threading.Thread(target=reader, daemon=True).start()
time.sleep(0.5)

def once(argv):
    # wait for 1 s of silence so the last run's tail cannot count
    while time.monotonic() - state["last_loud"] < 1.0:
        time.sleep(0.05)
    t0 = time.monotonic()
    with lock:
        state["hit"], state["armed"], state["t0"] = None, True, t0
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with lock:
        lock.wait_for(lambda: state["hit"] is not None, timeout=10)
        hit, state["armed"] = state["hit"], False
    p.send_signal(signal.SIGINT)
    try:
        p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        p.kill(); p.wait()
    return None if hit is None else (hit - t0) * 1000

def loadavg():
    return open("/proc/loadavg").read().split()[:3]

print("loadavg before: %s" % " ".join(loadavg()))
print("time to first audio (ms), process start -> first sound at the sink; %d runs each, alternating" % runs)
print("%-12s %21s %21s %17s" % ("", "crier play", "espeak-ng", "ratio"))
print("%-12s %10s %10s %10s %10s %8s %8s" % ("page", "best", "median", "best", "median", "best", "median"))
for name, html, txt in (("sample page", page, page_txt), ("1 MB page", big, big_txt)):
    tools = {"crier": [crier, "play", html], "espeak": ["espeak-ng", "-v", "en-us", "-f", txt]}
    xs = {"crier": [], "espeak": []}
    for r in range(runs):
        for tool in (("crier", "espeak") if r % 2 == 0 else ("espeak", "crier")):
            xs[tool].append(once(tools[tool]))
    c = [x for x in xs["crier"] if x is not None]
    e = [x for x in xs["espeak"] if x is not None]
    if not c or not e:
        print("%-12s no sound captured (crier %d/%d, espeak-ng %d/%d runs)" % (name, len(c), runs, len(e), runs))
        continue
    cb, cm, eb, em = min(c), statistics.median(c), min(e), statistics.median(e)
    print("%-12s %10.1f %10.1f %10.1f %10.1f %8.2f %8.2f" % (name, cb, cm, eb, em, cb / eb, cm / em))
    print("  runs: crier %s; espeak-ng %s" % (" ".join("%.0f" % x for x in c), " ".join("%.0f" % x for x in e)))
print("loadavg after: %s" % " ".join(loadavg()))
rec.send_signal(signal.SIGINT); rec.wait()
PY
