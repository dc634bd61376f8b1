"""The Linux desktop entry: a launcher with one action per page, and its installation."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

from companion import APP_TITLE, __version__
from companion.atomic import atomic_write_text
from companion.pages import PAGES
from companion.resources import asset

DESKTOP_ID = "companion"  # the launcher's file name, also the start-at-login entry's


def launch_command() -> list[str]:
    """How to start this installed copy of the app from a launcher."""
    script = shutil.which("companion")
    if script:
        return [script]
    return [sys.executable, "-m", "companion"]


def desktop_entry(command: list[str], icon: str = DESKTOP_ID, autostart: bool = False) -> str:
    """A freedesktop .desktop file; each page is a desktop action (a launcher's right-click menu)."""
    exec_line = " ".join(shlex.quote(part) for part in command)
    actions = [page for page in PAGES if page.id != "home"]
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_TITLE}",
        "GenericName=Relaxation companion",
        "Comment=Breathing, calm sounds, relaxation and a private journal, all offline",
        f"Exec={exec_line}",
        f"Icon={icon}",
        "Terminal=false",
        "Categories=Utility;",
        "Keywords=relax;breathe;calm;journal;meditation;",
        "StartupNotify=true",
        f"X-Companion-Version={__version__}",
    ]
    if autostart:
        lines += ["X-GNOME-Autostart-enabled=true", "NoDisplay=true"]
        lines[5] = f"Exec={exec_line} --background"
    else:
        lines.append("Actions=" + "".join(f"{page.id};" for page in actions))
        for page in actions:
            # A page with a main activity starts it straight away ("Breathe now").
            name, start = (page.start_label, " --start") if page.start_label else (page.title, "")
            lines += ["", f"[Desktop Action {page.id}]", f"Name={name}",
                      f"Exec={exec_line} --open {page.id}{start}"]
    return "\n".join(lines) + "\n"


def install_desktop_entry(data_home: Path, command: list[str]) -> list[Path]:
    """Write the launcher and its icon under an XDG data home (usually ~/.local/share)."""
    entry = data_home / "applications" / f"{DESKTOP_ID}.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg"
    atomic_write_text(entry, desktop_entry(command), mode=0o644)
    icon.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(asset("icons/companion.svg"), icon)
    return [entry, icon]
