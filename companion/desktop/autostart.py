"""Start at login: a freedesktop autostart entry on Linux, a small script in the Startup folder on
Windows, a LaunchAgent on macOS; written or removed atomically."""

from __future__ import annotations

import sys
from pathlib import Path

from companion.atomic import atomic_write_bytes, atomic_write_text
from companion.desktop.desktop_entry import DESKTOP_ID, desktop_entry

AGENT_LABEL = "org.companion.Companion"


def autostart_file(folder: Path, platform: str = sys.platform) -> Path:
    """Where the start-at-login file lives inside the platform's autostart folder."""
    if platform == "win32":
        return folder / "Companion.cmd"
    if platform == "darwin":
        return folder / f"{AGENT_LABEL}.plist"
    return folder / f"{DESKTOP_ID}.desktop"


def windows_startup_script(command: list[str]) -> str:
    """A Startup-folder script that starts Companion quietly and closes its console at once."""
    import subprocess  # only on Windows; not loaded at start-up elsewhere

    line = subprocess.list2cmdline([*command, "--background"])
    return f'@echo off\r\nstart "" {line}\r\n'


def launch_agent(command: list[str]) -> bytes:
    """A macOS LaunchAgent that starts Companion quietly at login (and never restarts it)."""
    import plistlib  # only on macOS

    return plistlib.dumps({"Label": AGENT_LABEL, "ProgramArguments": [*command, "--background"],
                           "RunAtLoad": True, "KeepAlive": False, "ProcessType": "Interactive"})


def set_start_at_login(folder: Path, enabled: bool, command: list[str],
                       platform: str = sys.platform) -> None:
    """Create or remove the start-at-login file so it matches the user's choice."""
    target = autostart_file(folder, platform)
    if not enabled:
        target.unlink(missing_ok=True)
    elif platform == "win32":
        atomic_write_text(target, windows_startup_script(command), mode=0o644)
    elif platform == "darwin":
        atomic_write_bytes(target, launch_agent(command), mode=0o644)
    else:
        atomic_write_text(target, desktop_entry(command, autostart=True), mode=0o644)


def starts_at_login(folder: Path, platform: str = sys.platform) -> bool:
    """Whether a start-at-login file for Companion exists."""
    return autostart_file(folder, platform).is_file()
