"""Start at login on Linux: a freedesktop autostart entry, written or removed atomically."""

from __future__ import annotations

from pathlib import Path

from companion.atomic import atomic_write_text

DESKTOP_ID = "companion"  # the launcher's file name, shared with desktop_entry


def autostart_file(folder: Path) -> Path:
    """Where the autostart entry lives inside an autostart folder."""
    return folder / f"{DESKTOP_ID}.desktop"


def set_start_at_login(folder: Path, enabled: bool, command: list[str]) -> None:
    """Create or remove the autostart entry so it matches the user's choice."""
    target = autostart_file(folder)
    if enabled:
        from companion.desktop_entry import desktop_entry

        atomic_write_text(target, desktop_entry(command, autostart=True), mode=0o644)
    else:
        target.unlink(missing_ok=True)


def starts_at_login(folder: Path) -> bool:
    """Whether an autostart entry for Companion exists."""
    return autostart_file(folder).is_file()
