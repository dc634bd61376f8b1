"""Guided relaxation benchmark: time from pressing Begin to the first spoken word (against decoding
and playing the same recording with bare pygame, in the same run), time from
`companion --open relax --start` to the first word, and CPU while a script plays.

Run: python tests/benchmarks/bench_relax.py [--seconds N] [--natural DIR]
(--natural: a folder rendered by `companion voice render`, so the natural voice speaks; the
baseline then plays the same natural recordings)
SDL's dummy audio driver (this machine has no sound card) and Qt offscreen.
"""

from __future__ import annotations

import argparse
import sys

from launch_timing import CPU_WINDOW, headless_env, run_json, seconds_until_logged

RAW = """
import json, os, resource, sys, time
from pathlib import Path
import pygame.mixer
from companion.relax.library import load_builtin_scripts
from companion.relax.voice import bundled_voice, read_index
pygame.mixer.init(44100, -16, 2, 1024)
natural = os.environ.get("BENCH_NATURAL_SET")
voice = read_index(Path(natural)) if natural else bundled_voice()
first = [voice.path(s.steps[0]) for s in load_builtin_scripts()]
starts = []
for path in first:
    t0 = time.monotonic()
    pygame.mixer.Sound(str(path)).play()
    starts.append(time.monotonic() - t0)
pygame.mixer.stop()
sound = pygame.mixer.Sound(str(first[-1]))
sound.play(loops=-1)
""" + CPU_WINDOW + """
print(json.dumps({"starts": starts, "cpu": cpu, "rss_mib": rss / 1024}))
"""

APP = """
import json, os, resource, shutil, sys, tempfile, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from companion.clock import SystemClock
from companion.paths import resolve_paths
from companion.settings import Settings, SettingsStore
from companion.ui.app import CompanionApp
app = QApplication([])
paths = resolve_paths(tempfile.mkdtemp())
if os.environ.get("BENCH_NATURAL_SET"):
    shutil.copytree(os.environ["BENCH_NATURAL_SET"], paths.cache / "voice" / "natural")
SettingsStore(paths.settings_file, SystemClock()).save(
    Settings(welcome_seen=True, pmr_note_seen=True))
companion = CompanionApp(app, paths, SystemClock(), tray_enabled=False)
companion.show("relax", start=False, background=False)
page = companion.window.page("relax")
ids = [s.id for s in page.scripts]
starts, marks, pressed = [], {}, [0.0]

def spoke(_key):
    if pressed[0]:
        starts.append(time.monotonic() - pressed[0])
        pressed[0] = 0.0
        QTimer.singleShot(200, next_script)

def next_script():
    page.stop()
    if len(starts) == len(ids):
        measure_playing()
        return
    page.select(ids[len(starts)])
    pressed[0] = time.monotonic()
    page.play_button.click()

def mark(name):
    marks[name] = resource.getrusage(resource.RUSAGE_SELF)

def measure_playing():
    page.select("pmr-7")
    page.play_button.click()
    seconds = float(sys.argv[1])
    QTimer.singleShot(1000, lambda: mark("a"))
    QTimer.singleShot(int(1000 + seconds * 1000), lambda: (mark("b"), app.quit()))

assert page.voice.builtin().natural == bool(os.environ.get("BENCH_NATURAL_SET"))
page.voice.spoke.connect(spoke)
companion.services.audio_service().ready.connect(lambda _e: QTimer.singleShot(500, next_script))
app.exec()
rss = int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])
cpu = sum(getattr(marks["b"], f) - getattr(marks["a"], f) for f in ("ru_utime", "ru_stime"))
print(json.dumps({"starts": starts, "cpu": cpu / float(sys.argv[1]), "rss_mib": rss / 1024}))
companion.quit()
"""


def run(code: str, seconds: float, env: dict[str, str]) -> dict:
    return run_json(code, [str(seconds)], env)


def time_to_first_word(env: dict[str, str]) -> float:
    """Seconds from spawning `companion --open relax --start` to its first words playing."""
    settings = '[app]\nwelcome_seen = true\n[relax]\nrelax_script = "body-scan"\n'
    return seconds_until_logged(env, settings, "relax", "voice playing:")


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--natural", metavar="DIR", help="a rendered natural voice set")
    args = parser.parse_args()
    env = headless_env()
    if args.natural:
        env["BENCH_NATURAL_SET"] = args.natural
        print(f"voice: the natural voice from {args.natural}")
    raw = run(RAW, args.seconds, env)
    app = run(APP, args.seconds, env)
    raw_ms, app_ms = median(raw["starts"]) * 1000, median(app["starts"]) * 1000
    print(f"Begin to the first spoken word, first step of each of the {len(app['starts'])} "
          "built-in scripts (decoded on demand):")
    print(f"  bare pygame (decode + play the same file): median {raw_ms:.1f} ms")
    print(f"  Companion (button click to words playing): median {app_ms:.1f} ms, "
          f"max {max(app['starts']) * 1000:.1f} ms; ratio {app_ms / raw_ms:.1f}x (target <= 3 s)")
    print(f"while a script plays ({args.seconds:g} s, window shown, dummy audio driver):")
    print(f"  bare pygame, one recording looping: {raw['cpu'] * 100:.2f} % of a core, "
          f"{raw['rss_mib']:.0f} MiB")
    print(f"  Companion playing pmr-7: {app['cpu'] * 100:.2f} % of a core, "
          f"{app['rss_mib']:.0f} MiB; ratio {app['cpu'] / raw['cpu']:.2f}x")
    if args.natural:
        return 0  # a launch starts from an empty home: it would measure the bundled voice
    firsts = [time_to_first_word(env) for _ in range(5)]
    print(f"`companion --open relax --start` to the first word: median {median(firsts):.2f} s "
          f"(of 5, max {max(firsts):.2f} s; target <= 5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
