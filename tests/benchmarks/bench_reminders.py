"""Reminders benchmark: CPU of Companion idle with three reminders armed (in the background, and
with its window open on Home), against Debian's break-reminder apps Safe Eyes and Workrave, all
running at once over the same window of time (where they start).

Run: python tests/benchmarks/bench_reminders.py [--seconds 300]
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


def measure_together(programs: list[tuple[str, list[str], dict[str, str]]],
                     seconds: float) -> list[tuple[str, tuple[float, float] | str]]:
    """Percent of a core and MiB for each program, all started together and measured over the
    same window (so a busy moment of the machine touches them alike)."""
    procs = [(name, subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)) for name, command, env in programs]
    try:
        time.sleep(SETTLE_S)
        before = {name: cpu_ticks(proc.pid) for name, proc in procs if proc.poll() is None}
        time.sleep(seconds)
        rows: list[tuple[str, tuple[float, float] | str]] = []
        for name, proc in procs:
            if proc.poll() is not None or name not in before:
                rows.append((name, f"exited with {proc.returncode}"))
            else:
                rows.append((name, ((cpu_ticks(proc.pid) - before[name]) / TICK / seconds * 100,
                                    rss_mib(proc.pid))))
        return rows
    finally:
        for _name, proc in procs:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def companion_home(parent: str, name: str, voice: Path | None) -> str:
    """A settled user's home: welcome seen, three reminders, and the natural voice already
    prepared when the voice extra is installed (else the app prepares it 20 s after starting,
    a minute of CPU that is not idling)."""
    home = Path(parent) / name
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.toml").write_text(
        '[app]\nwelcome_seen = true\nkeep_running_in_background = true\nlast_page = "home"\n')
    (home / "config" / "reminders.toml").write_text(REMINDERS)
    if voice is not None:
        shutil.copytree(voice, home / "cache" / "voice" / "natural")
    return str(home)


def prepared_voice(parent: str, command: list[str]) -> Path | None:
    """Render the natural voice once (`companion voice render`), when its extra is installed."""
    home = Path(parent) / "voice-home"
    done = subprocess.run([*command, "voice", "render"], env={**os.environ, "COMPANION_HOME":
                                                              str(home)},
                          capture_output=True, text=True, timeout=600, check=False)
    folder = home / "cache" / "voice" / "natural"
    return folder if done.returncode == 0 and folder.is_dir() else None


def inner(seconds: float) -> int:
    """Runs inside Xvfb and a private session bus."""
    env = dict(os.environ)
    system_bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                                  stdout=subprocess.PIPE, text=True)
    assert system_bus.stdout is not None
    env["DBUS_SYSTEM_BUS_ADDRESS"] = system_bus.stdout.readline().strip()
    script = Path(sys.executable).with_name("companion")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "companion"]
    missing = []
    with tempfile.TemporaryDirectory() as tmp:
        voice = prepared_voice(tmp, command)
        programs = [
            ("Companion, 3 reminders armed, in the background", [*command, "--background"],
             {**env, "COMPANION_HOME": companion_home(tmp, "a", voice), "QT_QPA_PLATFORM": "xcb"}),
            ("Companion, 3 reminders armed, window open on Home", command,
             {**env, "COMPANION_HOME": companion_home(tmp, "b", voice), "QT_QPA_PLATFORM": "xcb"})]
        for name, program in (("Safe Eyes 2.1.5", "safeeyes"), ("Workrave 1.10", "workrave")):
            if shutil.which(program) is None:
                missing.append(name)
                continue
            home = Path(tmp) / program
            home.mkdir()
            programs.append((name, [program], {**env, "HOME": str(home),
                                               "XDG_CONFIG_HOME": f"{home}/.config"}))
        rows = measure_together(programs, seconds)
    system_bus.terminate()
    print(f"idle CPU over the same {seconds:g} s after {SETTLE_S:g} s settling (Xvfb, private "
          f"D-Bus; one clock tick = {100 / TICK / seconds:.4f} % of a core):")
    for name, result in rows:
        if isinstance(result, str):
            print(f"  {name}: {result}")
        else:
            print(f"  {name}: {result[0]:.4f} % of a core, {result[1]:.0f} MiB")
    for name in missing:
        print(f"  {name}: not installed")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300.0)
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
