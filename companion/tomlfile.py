"""Reading the app's TOML data files: where each [[table]] starts, and a user file that may be
damaged (kept aside, never lost)."""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.atomic import keep_aside
from companion.clock import Clock

log = logging.getLogger(__name__)


def table_lines(text: str, table: str) -> list[int]:
    """Line numbers (1-based) where each [[table]] entry starts, so errors can point at it."""
    header = f"[[{table}]]"
    return [number for number, line in enumerate(text.splitlines(), 1) if line.strip() == header]


@dataclass
class UserFile:
    """A user's TOML file as read: its document and text, or where the damaged file was kept."""

    doc: dict[str, Any] | None
    text: str = ""
    kept_at: Path | None = None
    damaged: bool = False


def read_user_toml(path: Path, clock: Clock) -> UserFile:
    """Read a user's TOML file; a missing one is empty, a damaged one is moved aside."""
    try:
        text = path.read_text(encoding="utf-8")
        return UserFile(tomllib.loads(text), text)
    except FileNotFoundError:
        return UserFile({})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("%s is damaged: %s", path.name, exc)
        return UserFile(None, kept_at=keep_aside(path, clock.now(), move=True), damaged=True)
