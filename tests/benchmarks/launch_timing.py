"""Shared by the benchmarks: run a measuring script, and time a real launch until a log line."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# For the bare-pygame baselines: settle a second, then measure CPU over argv[1] seconds and read
# the resident memory; leaves `cpu` (share of a core) and `rss` (KiB) for the script to print.
CPU_WINDOW = """
import resource, sys, time
time.sleep(1.0)
a = resource.getrusage(resource.RUSAGE_SELF)
time.sleep(float(sys.argv[1]))
b = resource.getrusage(resource.RUSAGE_SELF)
rss = int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])
cpu = (b.ru_utime - a.ru_utime + b.ru_stime - a.ru_stime) / float(sys.argv[1])
"""


def headless_env() -> dict[str, str]:
    """Qt offscreen and SDL's dummy audio driver (no screen or sound card is needed)."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SDL_AUDIODRIVER": "dummy",
            "PYGAME_HIDE_SUPPORT_PROMPT": "1"}


def run_json(code: str, args: list[str], env: dict[str, str]) -> dict:
    """Run `python -c code args…` and read the JSON object it prints last."""
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                         text=True, timeout=600, check=True).stdout
    return last_json(out)


def last_json(out: str) -> dict:
    """The JSON object a benchmark script printed last."""
    return json.loads(out.strip().splitlines()[-1])


def seconds_until_logged(env: dict[str, str], settings_toml: str, page: str, needle: str) -> float:
    """Seconds from spawning `companion --verbose --open PAGE --start` (in a fresh home holding
    settings_toml) until its log prints a line containing needle."""
    script = Path(sys.executable).with_name("companion")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "companion"]
    with tempfile.TemporaryDirectory() as home:
        (Path(home) / "config").mkdir()
        (Path(home) / "config" / "settings.toml").write_text(settings_toml)
        start = time.monotonic()
        proc = subprocess.Popen([*command, "--verbose", "--open", page, "--start"],
                                env={**env, "COMPANION_HOME": home}, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        try:
            assert proc.stderr is not None
            with selectors.DefaultSelector() as sel:
                sel.register(proc.stderr, selectors.EVENT_READ)
                while sel.select(30):
                    line = proc.stderr.readline()
                    if not line or needle in line:
                        break
            return time.monotonic() - start
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            proc.stderr.close()
