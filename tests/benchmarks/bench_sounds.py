"""Soundscape benchmark: CPU and memory with four sounds playing, against four raw pygame Sounds
looping in the same run (each decoded whole and held); the app's CPU split into the reading of
its streamed loops (the feeder thread's own CPU time: raw samples read back from the cache folder,
where each loop is kept decoded the first time it plays) and the rest, with the making of the
sounds' events (a worker's CPU time; raw pygame plays none) on a line of its own; the same app
decoding its
loops from Ogg as they play (no cache, as when it cannot be written); the same app with its loops
held whole, as before streaming; and the time from `companion --open sounds --start` to the
first sound. Each pair of a raw and a streamed run plays at the same time, both measuring the
same window (--pairs of them); the figures are their medians with the range: at a third of a
percent of a core the machine's drift between runs moves a ratio more than the code does.

Run: python tests/benchmarks/bench_sounds.py [--seconds N] [--pairs N]
Both sides use SDL's dummy audio driver (this machine has no sound card) and Qt offscreen.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from statistics import median

from launch_timing import headless_env, last_json, seconds_until_logged

FOUR = ["rain", "ocean", "fire", "night"]

RAW = """
import json, os, resource, sys, time
import pygame.mixer
from companion.sounds.catalog import load_catalog
pygame.mixer.init(44100, -16, 2, 1024)
paths = {s.id: str(s.path) for s in load_catalog()}
sounds = [pygame.mixer.Sound(paths[i]) for i in sys.argv[2].split(",")]
for sound in sounds:
    sound.set_volume(0.25)
    sound.play(loops=-1)
seconds, start_at = float(sys.argv[1]), float(sys.argv[3])
time.sleep(max(0.0, start_at - time.monotonic()))  # the window both sides of a pair measure
a = resource.getrusage(resource.RUSAGE_SELF)
time.sleep(seconds)
b = resource.getrusage(resource.RUSAGE_SELF)
rss = int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])
cpu = (b.ru_utime - a.ru_utime + b.ru_stime - a.ru_stime) / seconds
print(json.dumps({"cpu": cpu, "rss_mib": rss / 1024}))
"""

APP = """
import json, resource, sys, tempfile, time
variant = sys.argv[4] if len(sys.argv) > 4 else ""
if variant == "whole":  # the loops held decoded, as before streaming
    import companion.audio.pygame_engine as engine_module
    def refuse(*args, **kwargs):
        raise ValueError("held whole for comparison")
    engine_module.open_loop = refuse
if variant == "nocache":  # the loops decoded as they play, as when the cache cannot be written
    from companion.sounds.pcm_cache import PcmCache
    PcmCache.find = lambda self, source: None
    PcmCache.writer = lambda self, source, frames: None
import threading
import companion.sounds.oneshots as oneshots
made = [0.0]  # CPU seconds the workers spent making events (a wave, a bird, a pop)
made_lock = threading.Lock()
render_event = oneshots.render_event
def timed_render(*args):
    started = time.thread_time()
    try:
        return render_event(*args)
    finally:
        with made_lock:
            made[0] += time.thread_time() - started
oneshots.render_event = timed_render  # the player looks it up at each event
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from companion.clock import SystemClock
from companion.paths import resolve_paths
from companion.settings import Settings, SettingsStore
from companion.ui.app import CompanionApp
from companion.ui.sounds.feature import SoundsFeature
app = QApplication([])
paths = resolve_paths(tempfile.mkdtemp())
mix = ";".join(f"{i}=0.50" for i in sys.argv[2].split(","))
SettingsStore(paths.settings_file, SystemClock()).save(Settings(welcome_seen=True, sounds_mix=mix))
companion = CompanionApp(app, paths, SystemClock(), tray_enabled=False)
companion.show("sounds", start=True, background=False)
companion.window.hide()  # sounds keep playing with the window hidden
marks, decoded, events = {}, {}, {}
def mark(name):
    marks[name] = resource.getrusage(resource.RUSAGE_SELF)
    decoded[name] = companion.services.audio.engine.feeder.decode_seconds
    events[name] = made[0]
seconds, start_at = float(sys.argv[1]), float(sys.argv[3])  # the window both sides measure
wait_ms = max(0, int((start_at - time.monotonic()) * 1000))
QTimer.singleShot(wait_ms, lambda: mark("a"))
QTimer.singleShot(wait_ms + int(seconds * 1000), lambda: (mark("b"), app.quit()))
app.exec()
rss = int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])
cpu = sum(getattr(marks["b"], f) - getattr(marks["a"], f) for f in ("ru_utime", "ru_stime"))
print(json.dumps({"cpu": cpu / seconds, "rss_mib": rss / 1024,
                  "decode": (decoded["b"] - decoded["a"]) / seconds,
                  "events": (events["b"] - events["a"]) / seconds,
                  "playing": sorted(companion.feature(SoundsFeature).player.playing)}))
companion.quit()
"""


SETTLE_S = 5.0  # from spawning to the measured window: both sides have started their sounds


def run_together(codes: list[str], seconds: float, env: dict[str, str],
                 *extra: str) -> list[dict]:
    """Run each script at once, all measuring the same window of `seconds` (on the system's
    monotonic clock, which every process shares), so the machine's drift touches them alike."""
    start_at = time.monotonic() + SETTLE_S
    args = [str(seconds), ",".join(FOUR), repr(start_at), *extra]
    procs = [subprocess.Popen([sys.executable, "-c", code, *args], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
             for code in codes]
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"a benchmark process failed (exit {proc.returncode})")
        results.append(last_json(out))
    return results


def run(code: str, seconds: float, env: dict[str, str], *extra: str) -> dict:
    return run_together([code], seconds, env, *extra)[0]


def time_to_first_sound(env: dict[str, str]) -> float:
    """Seconds from spawning `companion --open sounds --start` to its first sound playing."""
    settings = '[app]\nwelcome_seen = true\n[sounds]\nsounds_mix = "rain=0.50"\n'
    return seconds_until_logged(env, settings, "sounds", "sound playing:")


def spread(values: list[float], scale: float = 1.0, digits: int = 2) -> str:
    """A median with the range of the runs, e.g. '0.41 (0.35-0.48)'."""
    return (f"{median(values) * scale:.{digits}f} ({min(values) * scale:.{digits}f}-"
            f"{max(values) * scale:.{digits}f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--pairs", type=int, default=3,
                        help="raw and streamed runs, each pair at the same time")
    args = parser.parse_args()
    env = headless_env()
    raws, apps = [], []
    for _ in range(args.pairs):
        raw, app = run_together([RAW, APP], args.seconds, env)
        raws.append(raw)
        apps.append(app)
    nocache = run(APP, args.seconds, env, "nocache")
    whole = run(APP, args.seconds, env, "whole")
    raw_cpu = [r["cpu"] for r in raws]
    app_cpu = [a["cpu"] for a in apps]
    decode = [a["decode"] for a in apps]
    events = [a["events"] for a in apps]
    rest = [a["cpu"] - a["decode"] for a in apps]
    rest_ratio = [x / r for x, r in zip(rest, raw_cpu, strict=True)]  # each streamed run against its pair
    loops_ratio = [(x - e) / r for x, e, r in zip(rest, events, raw_cpu, strict=True)]
    print(f"four sounds playing ({', '.join(FOUR)}), {args.seconds:g} s a run, {args.pairs} "
          f"pairs (each pair at the same time), dummy audio driver; medians (range):")
    print(f"  raw pygame Sounds: {spread(raw_cpu, 100)} % of a core, "
          f"{spread([r['rss_mib'] for r in raws], digits=0)} MiB")
    print(f"  Companion (window hidden), loops streamed: {spread(app_cpu, 100)} % of a core, "
          f"{spread([a['rss_mib'] for a in apps], digits=0)} MiB (target <= 130 MiB); ratio "
          f"{median(app_cpu) / median(raw_cpu):.2f}x; playing {apps[-1]['playing']}")
    print(f"    of which reading the streamed loops (kept decoded in the cache): "
          f"{spread(decode, 100, 3)} % of a core; the rest {spread(rest, 100)} % = "
          f"{spread(rest_ratio)}x raw")
    print(f"    of the rest, making the events (a wave, a bird, a pop now and then; raw pygame "
          f"plays none): {spread(events, 100, 3)} % of a core; without them, the four loops "
          f"against raw pygame's four: {spread(loops_ratio)}x (target <= 1.2x)")
    print(f"  Companion, decoding the loops from Ogg as they play (no cache): "
          f"{nocache['cpu'] * 100:.2f} % of a core (decoding {nocache['decode'] * 100:.2f} %), "
          f"{nocache['rss_mib']:.0f} MiB; ratio {nocache['cpu'] / median(raw_cpu):.2f}x")
    print(f"  Companion, loops held whole (as before streaming): {whole['cpu'] * 100:.2f} % of "
          f"a core, {whole['rss_mib']:.0f} MiB; ratio {whole['cpu'] / median(raw_cpu):.2f}x")
    firsts = sorted(time_to_first_sound(env) for _ in range(5))
    print(f"`companion --open sounds --start` to the first sound: median {firsts[2]:.2f} s "
          f"(of 5; target <= 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
