"""Before its first paint the window loads what the first page needs and nothing more: the
journal's encryption, OpenSSL, time zones, the reminders, D-Bus, sound and numpy all load just
after, when first used (together they cost 13 MiB and about 40 ms before the paint)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The benchmarks' first-paint hook writes a file at the first paint: the modules are listed at
# that moment (slots connected after it, such as the voice's deferred preparation, run later).
LAUNCH = """
import pathlib, sys
import companion.ui.launch as launch

class ListingPath(type(pathlib.Path())):
    def write_text(self, *args, **kwargs):
        print(" ".join(sorted(sys.modules)), flush=True)
        return super().write_text(*args, **kwargs)

launch.Path = ListingPath
sys.argv = ["companion"]
from companion.cli import main
main()
"""

NOT_BEFORE_THE_FIRST_PAINT = (
    "pyrage", "companion.journal.keys", "companion.journal.vault",  # the journal's encryption
    "companion.journal.entry", "companion.sessions.history",  # records, read once it opens
    "companion.sessions.progress",  # the Progress page's figures (Home's suggestion is apart)
    "_hashlib",  # OpenSSL (4 MiB)
    "zoneinfo", "companion.reminders.store", "companion.reminders.clock_jumps",  # reminders
    "PySide6.QtDBus",  # the screen-lock watcher
    "PySide6.QtNetwork",  # the single-instance server (a launch asks with a plain Unix socket)
    "decimal", "statistics",  # the Progress page's arithmetic
    "logging.handlers",  # the log is rotated at start instead
    "json",  # a launch's request to a running window is made only once one listens
    "socket",  # its four enums: a launch asks through _socket, the signal bridge uses a pipe
    "numpy", "pygame", "soundfile",  # sound
)


def test_the_first_paint_loads_nothing_the_first_page_does_not_need(tmp_path: Path):
    """A real launch that quits at its first paint (the benchmarks' hook) has loaded the Home
    page, and none of the modules above."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text("[app]\nwelcome_seen = true\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COMPANION_HOME": str(tmp_path),
           "COMPANION_REPORT_FIRST_PAINT": str(tmp_path / "painted")}
    done = subprocess.run([sys.executable, "-c", LAUNCH], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    loaded = set(done.stdout.split())
    assert (tmp_path / "painted").exists(), done.stderr[-2000:]
    assert "companion.ui.home.page" in loaded  # it does see what the first page loads
    assert sorted(loaded & set(NOT_BEFORE_THE_FIRST_PAINT)) == []
