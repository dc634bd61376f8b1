"""Start-up benchmark: process start to first painted main window, Companion vs a bare PySide6 window.

Run: python tests/benchmarks/bench_startup.py [--runs N]
Prints medians, the ratio (target: at most 1.5x the bare window) and peak memory of each process.
Both are measured in the same run, alternating, so machine drift affects them alike, and both read
compiled bytecode (warmed by a first launch each), as an installed app does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository, for tests.*

BARE = """
import os, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            Path(os.environ["COMPANION_REPORT_FIRST_PAINT"]).write_text(repr(time.monotonic()))
            app.quit()
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
central = QWidget()
window.setCentralWidget(central)
watcher = FirstPaint()
central.installEventFilter(watcher)
window.resize(960, 680)
window.show()
app.exec()
"""


# The same window with a layout, a label and a button: it pays PySide6's one-time set-up of the
# enums and widget classes that any real window pays, so the ratio against it shows what is
# Companion's own.
WIDGETS = BARE.replace("window.setCentralWidget(central)", """
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout
layout = QVBoxLayout(central)
label = QLabel("A quiet place")
label.setAlignment(Qt.AlignmentFlag.AlignCenter)
layout.addWidget(label)
layout.addWidget(QPushButton("Begin"))
window.setCentralWidget(central)""")


def companion_command() -> list[str]:
    script = Path(sys.executable).with_name("companion")
    return [str(script)] if script.exists() else [sys.executable, "-m", "companion"]


def one_run(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning the process to its first paint (both on the system monotonic clock)."""
    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "painted"
        home = seeded_home(Path(tmp))
        run_env = {**env, "COMPANION_REPORT_FIRST_PAINT": str(marker), "COMPANION_HOME": str(home)}
        start = time.monotonic()
        proc = subprocess.run(command, env=run_env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=120, check=False)
        if proc.returncode != 0 or not marker.exists():
            raise RuntimeError(f"{command[0]} failed (exit {proc.returncode})")
        return float(marker.read_text()) - start


def seeded_home(parent: Path) -> Path:
    """A home whose welcome was already seen, so the measured window opens alone."""
    home = parent / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.toml").write_text("[app]\nwelcome_seen = true\n")
    return home


def measure(label: str, env: dict[str, str], runs: int) -> None:
    bare_cmd = [sys.executable, "-c", BARE]
    widgets_cmd = [sys.executable, "-c", WIDGETS]
    app_cmd = companion_command()
    for command in (bare_cmd, widgets_cmd, app_cmd):  # warm the page cache before timing
        one_run(command, env)
    bare_times, widget_times, app_times = [], [], []
    for _ in range(runs):
        bare_times.append(one_run(bare_cmd, env))
        widget_times.append(one_run(widgets_cmd, env))
        app_times.append(one_run(app_cmd, env))
    bare, widgets, app = (statistics.median(times)
                          for times in (bare_times, widget_times, app_times))
    print(f"{label}: bare PySide6 window {bare:.3f} s, Companion {app:.3f} s "
          f"(median of {runs}); ratio {app / bare:.2f}x (target <= 1.5x)")
    print(f"{label}: a window with a layout, a label and a button {widgets:.3f} s; "
          f"Companion {app / widgets:.2f}x that")


# The peak resident memory (VmHWM) at the moment of the first paint, printed by each process.
HWM = "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])"
BARE_MEMORY = BARE.replace("            Path(os.environ",
                           f"            print({HWM})\n            Path(os.environ")


def app_at_first_paint(*lines: str) -> str:
    """A launch of Companion (as `companion` runs it) that runs these lines of Python when its
    window first paints: the benchmarks' first-paint hook writes a file then, through launch.Path."""
    body = "\n".join(f"        {line}" for line in lines)
    return f"""
import os, pathlib, sys
import companion.ui.launch as launch

class AtFirstPaint(type(pathlib.Path())):
    def write_text(self, *args, **kwargs):
{body}
        return super().write_text(*args, **kwargs)

launch.Path = AtFirstPaint
sys.argv = ["companion"]
from companion.cli import main
main()
"""


APP_MEMORY = app_at_first_paint(f"print({HWM}, flush=True)",
                                'print(" ".join(sorted(sys.modules)), flush=True)')


def memory_at_first_paint(env: dict[str, str]) -> None:
    """Peak memory of each process at its first paint, and which of the modules that the first
    page does not need (tests/test_first_paint_imports.py) were loaded by then."""
    from tests.test_first_paint_imports import NOT_BEFORE_THE_FIRST_PAINT

    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for label, code in (("bare", BARE_MEMORY), ("companion", APP_MEMORY)):
            home = seeded_home(Path(tmp) / label)
            run_env = {**env, "COMPANION_HOME": str(home),
                       "COMPANION_REPORT_FIRST_PAINT": str(Path(tmp) / f"{label}.painted")}
            results[label] = subprocess.run([sys.executable, "-c", code], env=run_env,
                                            capture_output=True, text=True, check=True,
                                            timeout=120).stdout.splitlines()
    bare, app = int(results["bare"][0]) / 1024, int(results["companion"][0]) / 1024
    loaded = set(results["companion"][1].split())
    heavy = sorted(loaded & set(NOT_BEFORE_THE_FIRST_PAINT))
    print(f"memory at the first paint: bare {bare:.0f} MiB, Companion {app:.0f} MiB "
          f"(target <= 75 MiB; ratio {app / bare:.2f}x); {len(loaded)} modules loaded; "
          f"of those the first page does not need: {', '.join(heavy) or 'none'}")


# Under valgrind each process leaves at its first paint (nothing after it is counted).
EXIT_AT_PAINT = "os._exit(0)"
BARE_REPORT = 'Path(os.environ["COMPANION_REPORT_FIRST_PAINT"]).write_text(repr(time.monotonic()))'
BARE_COUNTED = BARE.replace(BARE_REPORT, EXIT_AT_PAINT)
WIDGETS_COUNTED = WIDGETS.replace(BARE_REPORT, EXIT_AT_PAINT)
APP_COUNTED = app_at_first_paint(EXIT_AT_PAINT)


def instructions_to_first_paint(env: dict[str, str]) -> None:
    """Instructions each process runs from its start to its first paint, counted by valgrind's
    callgrind: unlike wall time on a shared machine (10-30 % apart between runs), the count
    repeats within about 0.2 %, so it shows what a change to the start-up is worth."""
    if not shutil.which("valgrind"):
        print("instructions to the first paint: valgrind is not installed (apt install valgrind)")
        return
    counts = {}
    with tempfile.TemporaryDirectory() as tmp:
        home = seeded_home(Path(tmp))
        for label, code in (("bare", BARE_COUNTED), ("widgets", WIDGETS_COUNTED),
                            ("companion", APP_COUNTED)):
            run_env = {**env, "COMPANION_HOME": str(home),
                       "COMPANION_REPORT_FIRST_PAINT": str(Path(tmp) / "painted")}
            subprocess.run([sys.executable, "-c", code], env=run_env, capture_output=True,
                           timeout=120, check=False)  # bytecode cached, as for the timed runs
            done = subprocess.run(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/{label}.out",
                 sys.executable, "-c", code], env=run_env, capture_output=True, text=True,
                timeout=600, check=False)
            collected = [line for line in done.stderr.splitlines() if "Collected" in line]
            if not collected:
                raise RuntimeError(f"callgrind gave no count for {label}: {done.stderr[-500:]}")
            counts[label] = int(collected[-1].split()[-1])
    bare, widgets, app = counts["bare"], counts["widgets"], counts["companion"]
    print(f"instructions to the first paint (callgrind, offscreen): bare {bare / 1e6:.0f} M, "
          f"layout/label/button {widgets / 1e6:.0f} M, Companion {app / 1e6:.0f} M; "
          f"ratio {app / bare:.2f}x bare, {app / widgets:.2f}x the widget window")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    # Launches read compiled bytecode, as an installed app does (pip compiles it at install; Python
    # caches it at a first run): a machine that sets PYTHONDONTWRITEBYTECODE (this sandbox does)
    # would otherwise compile Companion's ~100 modules from source at every launch (~30 ms) while
    # the bare window's PySide6 comes precompiled. The caches go to a folder of this run's own.
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="companion-bench-pycache-") as pycache:
        measure_all({**base, "PYTHONPYCACHEPREFIX": pycache}, args.runs)
    return 0


def measure_all(base: dict[str, str], runs: int) -> None:
    offscreen = {**base, "QT_QPA_PLATFORM": "offscreen"}
    measure("offscreen", offscreen, runs)
    memory_at_first_paint(offscreen)
    instructions_to_first_paint(offscreen)
    if shutil.which("Xvfb"):
        read_fd, write_fd = os.pipe()
        server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                                   "1280x800x24", "-nolisten", "tcp"], pass_fds=(write_fd,),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            display = ":" + pipe.readline().strip()
        try:
            measure("Xvfb", {**base, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}, runs)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
