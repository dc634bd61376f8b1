"""Finds the assets folder in an installed wheel (companion/assets) or a source checkout (assets/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def assets_dir() -> Path:
    """The folder holding Companion's bundled data files."""
    for candidate in (_PACKAGE_DIR / "assets", _PACKAGE_DIR.parent / "assets"):
        if (candidate / "MANIFEST.toml").is_file():
            return candidate
    raise FileNotFoundError(
        "Companion's assets folder is missing; reinstall the app (pip install --force-reinstall .)")


def asset(relative: str) -> Path:
    """The path of one bundled file; FileNotFoundError names it when it is missing."""
    path = assets_dir() / relative
    if not path.exists():
        raise FileNotFoundError(f"bundled file {relative!r} is missing from {assets_dir()}")
    return path
