"""Reminders benchmark: CPU of Companion waiting in the background with three reminders armed,
over a minute, against Debian's break-reminder apps Safe Eyes and Workrave measured the same way
in the same run (where they start).

Run: python tests/benchmarks/bench_reminders.py [--seconds 60]
Needs Xvfb and dbus-run-session; Safe Eyes and Workrave are Debian packages (apt install
safeeyes workrave) and are left out when missing. Safe Eyes' main loop waits for a system bus, so
a private dbus-daemon stands in for it. CPU is utime+stime from /proc over a fixed window (the
process and its children), after a settling time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SETTLE_S = 8.0
TICK = os.sysconf("SC_CLK_TCK")

REMINDERS = """format = 1

[[reminder]]
id = "a"
kind = "breathe"
times = ["03:00", "04:00"]

[[reminder]]
id = "b"
kind = "relax"
every_minutes = 90
start = "04:00"
end = "05:00"

[[reminder]]
id = "c"
kind = "custom"
text = "Drop your shoulders."
times = ["05:30"]
"""


def cpu_ticks(pid: int) -> int:
    """utime+stime of a process and its living descendants, in clock ticks."""
    total = 0
    family = {pid}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        owner = int(stat.parent.name)
        if owner in family or int(fields[1]) in family:
            family.add(owner)
            total += int(fields[11]) + int(fields[12])
    return total


def rss_mib(pid: int) -> float:
    try:
        line = next(row for row in Path(f"/proc/{pid}/status").read_text().splitlines()
                    if row.startswith("VmRSS"))
    except (OSError, StopIteration):
        return 0.0
    return int(line.split()[1]) / 1024


def measure(command: list[str], env: dict[str, str], seconds: float) -> tuple[float, float] | str:
    """Percent of a core and MiB for one program started in the given environment."""
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        time.sleep(SETTLE_S)
        if proc.poll() is not None:
            return f"exited with {proc.returncode}"
        before = cpu_ticks(proc.pid)
        time.sleep(seconds)
        after = cpu_ticks(proc.pid)
        return (after - before) / TICK / seconds * 100, rss_mib(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def inner(seconds: float) -> int:
    """Runs inside Xvfb and a private session bus."""
    env = dict(os.environ)
    system_bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                                  stdout=subprocess.PIPE, text=True)
    assert system_bus.stdout is not None
    env["DBUS_SYSTEM_BUS_ADDRESS"] = system_bus.stdout.readline().strip()
    rows = []
    with tempfile.TemporaryDirectory() as home:
        (Path(home) / "config").mkdir()
        (Path(home) / "config" / "settings.toml").write_text(
            "[app]\nwelcome_seen = true\nkeep_running_in_background = true\n")
        (Path(home) / "config" / "reminders.toml").write_text(REMINDERS)
        script = Path(sys.executable).with_name("companion")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "companion"]
        companion_env = {**env, "COMPANION_HOME": home, "QT_QPA_PLATFORM": "xcb"}
        rows.append(("Companion, 3 reminders armed, in the background",
                     measure([*command, "--background"], companion_env, seconds)))
    for name, command in (("Safe Eyes 2.1.5", ["safeeyes"]), ("Workrave 1.10", ["workrave"])):
        if shutil.which(command[0]) is None:
            rows.append((name, "not installed"))
            continue
        with tempfile.TemporaryDirectory() as home:
            rows.append((name, measure(command, {**env, "HOME": home,
                                                 "XDG_CONFIG_HOME": f"{home}/.config"},
                                       seconds)))
    system_bus.terminate()
    print(f"idle CPU over {seconds:g} s after {SETTLE_S:g} s settling (Xvfb, private D-Bus):")
    for name, result in rows:
        if isinstance(result, str):
            print(f"  {name}: {result}")
        else:
            print(f"  {name}: {result[0]:.3f} % of a core, {result[1]:.0f} MiB")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        return inner(args.seconds)
    wrapper = ('Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & x=$!; '
               'for i in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done; '
               f'"{sys.executable}" "{__file__}" --inner --seconds {args.seconds}; kill $x')
    env = {**os.environ, "DISPLAY": f":{400 + os.getpid() % 400}"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return subprocess.run(["dbus-run-session", "--", "bash", "-c", wrapper], env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
