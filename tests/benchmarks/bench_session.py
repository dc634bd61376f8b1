"""Quiet-session benchmark: time from pressing Begin (then I'm ready and Continue, pressed at
once: the worst case, with no reading time for the sound device to open) to the first breathing
cue playing, against pressing Start on an open Breathe page in the same run; and memory through a
Wind down flow with its rain-at-night sound playing.

Run: python tests/benchmarks/bench_session.py
SDL's dummy audio driver (this machine has no sound card) and Qt offscreen; the real mixer.
"""

from __future__ import annotations

import sys

from launch_timing import headless_env, run_json

PROBE = """
import json, resource, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from companion.audio.pygame_engine import PygameAudioEngine
from companion.clock import SystemClock
from companion.paths import resolve_paths
from companion.settings import Settings, SettingsStore
from companion.ui.app import CompanionApp
from companion.ui.sounds.feature import SoundsFeature

marks = {}

class TimedEngine(PygameAudioEngine):
    def play_cues(self, loop, loops, then):
        marks.setdefault("cue", time.monotonic())
        super().play_cues(loop, loops, then)

def rss():
    line = next(l for l in open("/proc/self/status") if l.startswith("VmRSS"))
    return int(line.split()[1]) / 1024

mode = sys.argv[1]
qapp = QApplication([])
paths = resolve_paths(tempfile.mkdtemp())
SettingsStore(paths.settings_file, SystemClock()).save(
    Settings(welcome_seen=True, pmr_note_seen=True))
app = CompanionApp(qapp, paths, SystemClock(), tray_enabled=False, audio_opener=TimedEngine)
app.show("breathe" if mode == "breathe" else "session", start=False, background=False)
peaks = []

def go():
    if mode == "breathe":
        app.window.show_page("breathe")
        marks["pressed"] = time.monotonic()
        app.window.page("breathe").start_button.click()
    else:
        app.window.show_page("session")
        page = app.window.page("session")
        page.flow_list.setCurrentRow([f.id for f in page.flows].index("wind-down"))
        marks["pressed"] = time.monotonic()
        page.begin_button.click()
        page.ready_button.click()
        page.checkin.distress.setValue(4)  # an answer, not the default
        page.checkin.continue_button.click()  # at once: no time to read, so the worst case
        QTimer.singleShot(4000, lambda: (peaks.append(rss()),
                                         app.window.page("breathe").stop()))
        QTimer.singleShot(8000, lambda: peaks.append(rss()))  # the body scan speaking, rain on
    QTimer.singleShot(12000, finish)

def finish():
    peaks.append(rss())
    cue = marks.get("cue")
    print(json.dumps({"first_cue_ms": None if cue is None else (cue - marks["pressed"]) * 1000,
                      "rss_mib": max(peaks), "playing": sorted(app.feature(SoundsFeature).player.playing)
                      if app.feature(SoundsFeature).player else []}))
    app.quit()

app.window.first_paint.connect(lambda: QTimer.singleShot(1500, go))
qapp.exec()
"""


def main() -> int:
    env = headless_env()
    breathe = [run_json(PROBE, ["breathe"], env) for _ in range(3)]
    session = [run_json(PROBE, ["session"], env) for _ in range(3)]

    def median(runs: list[dict], key: str) -> float:
        values = sorted(r[key] if r[key] is not None else float("inf") for r in runs)
        return values[1]

    b, s = median(breathe, "first_cue_ms"), median(session, "first_cue_ms")
    print("to the first breathing cue (medians of 3, fresh processes, the device opened on "
          "demand):")
    print(f"  Breathe page, Start pressed: {b:.0f} ms")
    print(f"  Quiet session, Begin + I'm ready + Continue pressed at once: {s:.0f} ms "
          "(opening the device and rendering the cues, which reading the first screens hides)")
    print(f"memory through Wind down with its sound ({session[0]['playing']}): peak "
          f"{max(r['rss_mib'] for r in session):.0f} MiB; Breathe alone "
          f"{max(r['rss_mib'] for r in breathe):.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
