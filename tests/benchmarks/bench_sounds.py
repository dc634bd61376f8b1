"""Soundscape benchmark: CPU and memory with four sounds playing, against four raw pygame Sounds
looping in the same run; and the time from `companion --open sounds --start` to the first sound.

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
marks = {}
def mark(name):
    marks[name] = resource.getrusage(resource.RUSAGE_SELF)
seconds = float(sys.argv[1])
QTimer.singleShot(3000, lambda: mark("a"))
QTimer.singleShot(int(3000 + seconds * 1000), lambda: (mark("b"), app.quit()))
app.exec()
rss = int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])
cpu = sum(getattr(marks["b"], f) - getattr(marks["a"], f) for f in ("ru_utime", "ru_stime"))
print(json.dumps({"cpu": cpu / seconds, "rss_mib": rss / 1024,
                  "playing": sorted(companion.feature(SoundsFeature).player.playing)}))
companion.quit()
"""


def run(code: str, seconds: float, env: dict[str, str]) -> dict:
    return run_json(code, [str(seconds), ",".join(FOUR)], env)


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
    print(f"four sounds playing ({', '.join(FOUR)}), {args.seconds:g} s, dummy audio driver:")
    print(f"  raw pygame Sounds: {raw['cpu'] * 100:.2f} % of a core, {raw['rss_mib']:.0f} MiB")
    print(f"  Companion (window hidden): {app['cpu'] * 100:.2f} % of a core, "
          f"{app['rss_mib']:.0f} MiB; ratio {app['cpu'] / raw['cpu']:.2f}x (target <= 1.2x); "
          f"playing {app['playing']}")
    firsts = sorted(time_to_first_sound(env) for _ in range(5))
    print(f"`companion --open sounds --start` to the first sound: median {firsts[2]:.2f} s "
          f"(of 5; target <= 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
