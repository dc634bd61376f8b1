"""Soundscape benchmark: CPU and memory with four sounds playing, against four raw pygame Sounds
looping in the same run (each decoded whole and held); the app's CPU split into the decoding of
its streamed loops (the feeder thread's own CPU time) and the rest; the same app with its loops
held whole, as before streaming; and the time from `companion --open sounds --start` to the
first sound.

Run: python tests/benchmarks/bench_sounds.py [--seconds N]
Both sides use SDL's dummy audio driver (this machine has no sound card) and Qt offscreen.
"""

from __future__ import annotations

import argparse
import sys

from launch_timing import CPU_WINDOW, headless_env, run_json, seconds_until_logged

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
""" + CPU_WINDOW + """
print(json.dumps({"cpu": cpu, "rss_mib": rss / 1024}))
"""

APP = """
import json, resource, sys, tempfile
if len(sys.argv) > 3 and sys.argv[3] == "whole":  # the loops held decoded, as before streaming
    import companion.audio.pygame_engine as engine_module
    def refuse(*args, **kwargs):
        raise ValueError("held whole for comparison")
    engine_module.open_loop = refuse
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
marks, decoded = {}, {}
def mark(name):
    marks[name] = resource.getrusage(resource.RUSAGE_SELF)
    decoded[name] = companion.services.audio.engine.feeder.decode_seconds
seconds = float(sys.argv[1])
QTimer.singleShot(3000, lambda: mark("a"))
QTimer.singleShot(int(3000 + seconds * 1000), lambda: (mark("b"), app.quit()))
app.exec()
rss = int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])
cpu = sum(getattr(marks["b"], f) - getattr(marks["a"], f) for f in ("ru_utime", "ru_stime"))
print(json.dumps({"cpu": cpu / seconds, "rss_mib": rss / 1024,
                  "decode": (decoded["b"] - decoded["a"]) / seconds,
                  "playing": sorted(companion.feature(SoundsFeature).player.playing)}))
companion.quit()
"""


def run(code: str, seconds: float, env: dict[str, str], *extra: str) -> dict:
    return run_json(code, [str(seconds), ",".join(FOUR), *extra], env)


def time_to_first_sound(env: dict[str, str]) -> float:
    """Seconds from spawning `companion --open sounds --start` to its first sound playing."""
    settings = '[app]\nwelcome_seen = true\n[sounds]\nsounds_mix = "rain=0.50"\n'
    return seconds_until_logged(env, settings, "sounds", "sound playing:")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    env = headless_env()
    raw = run(RAW, args.seconds, env)
    app = run(APP, args.seconds, env)
    whole = run(APP, args.seconds, env, "whole")
    rest = app["cpu"] - app["decode"]
    print(f"four sounds playing ({', '.join(FOUR)}), {args.seconds:g} s, dummy audio driver:")
    print(f"  raw pygame Sounds: {raw['cpu'] * 100:.2f} % of a core, {raw['rss_mib']:.0f} MiB")
    print(f"  Companion (window hidden), loops streamed: {app['cpu'] * 100:.2f} % of a core, "
          f"{app['rss_mib']:.0f} MiB (target <= 130 MiB); ratio {app['cpu'] / raw['cpu']:.2f}x; "
          f"playing {app['playing']}")
    print(f"    of which decoding the streamed loops: {app['decode'] * 100:.2f} % of a core; "
          f"the rest {rest * 100:.2f} % = {rest / raw['cpu']:.2f}x raw (target <= 1.2x)")
    print(f"  Companion, loops held whole (as before streaming): {whole['cpu'] * 100:.2f} % of "
          f"a core, {whole['rss_mib']:.0f} MiB; ratio {whole['cpu'] / raw['cpu']:.2f}x")
    firsts = sorted(time_to_first_sound(env) for _ in range(5))
    print(f"`companion --open sounds --start` to the first sound: median {firsts[2]:.2f} s "
          f"(of 5; target <= 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
