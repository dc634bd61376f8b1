"""`companion reminders test` says how it delivered, or exits 1 saying why nothing could."""

from __future__ import annotations

import os
import subprocess
import sys


def test_without_a_session_bus_it_says_so_and_exits_1(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env["COMPANION_HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-m", "companion", "reminders", "test"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("companion: no reminder could be shown: no D-Bus session bus")
    assert done.stderr.count("\n") == 1
