"""Shared test setup: headless Qt and SDL, isolated folders, and no timer left running."""

from __future__ import annotations

import os

# Set before anything imports Qt or pygame.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from pathlib import Path

import pytest

from companion.paths import Paths, resolve_paths


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own COMPANION_HOME and XDG folders; real user folders are never touched."""
    home = tmp_path / "companion-home"
    monkeypatch.setenv("COMPANION_HOME", str(home))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var.lower()))
    return home


@pytest.fixture
def paths(isolated_home: Path) -> Paths:
    """The app's folders for this test."""
    return resolve_paths(isolated_home)


@pytest.fixture(autouse=True)
def no_dangling_qtimers(request: pytest.FixtureRequest):
    """Fail a test that leaves an active QTimer owned by a widget or the application."""
    yield
    if "qapp" not in request.fixturenames:
        return
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    owners = [app, *QApplication.allWidgets()]
    active = {timer for owner in owners for timer in owner.findChildren(QTimer)
              if timer.isActive()}
    for timer in active:
        timer.stop()
    assert not active, f"test left {len(active)} QTimer(s) running: " + ", ".join(
        f"{t.objectName() or 'unnamed'} on {type(t.parent()).__name__}" for t in active)
