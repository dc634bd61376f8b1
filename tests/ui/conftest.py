"""Fixtures that build the real app object on the offscreen Qt platform."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QThreadPool
from PySide6.QtWidgets import QApplication

from companion.clock import FakeClock
from companion.paths import Paths
from companion.settings import Settings, SettingsStore
from companion.ui.app import CompanionApp


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock at 21:30 on a winter evening."""
    return FakeClock(datetime(2026, 11, 25, 21, 30, tzinfo=ZoneInfo("Europe/London")))


@pytest.fixture
def save_settings(paths: Paths, clock: FakeClock) -> Callable[..., None]:
    """Write a settings file before the app starts, as a previous run would have."""
    def save(**changes) -> None:
        SettingsStore(paths.settings_file, clock).save(Settings(**changes))
    return save


@pytest.fixture
def make_app(qapp: QApplication, qtbot, paths: Paths, clock: FakeClock
             ) -> Iterator[Callable[..., CompanionApp]]:
    """Build a CompanionApp (no tray, welcome already seen, unless asked); cleaned up afterwards."""
    apps: list[CompanionApp] = []

    def make(tray: bool = False, first_run: bool = False, **kwargs) -> CompanionApp:
        if not first_run and not paths.settings_file.exists():
            SettingsStore(paths.settings_file, clock).save(Settings(welcome_seen=True))
        app = CompanionApp(qapp, paths, clock, tray_enabled=tray, **kwargs)
        qtbot.addWidget(app.window)
        apps.append(app)
        return app

    yield make
    pool = QThreadPool.globalInstance()  # background work finishes before the app goes; short
    while not pool.waitForDone(20):  # waits, so a worker that needs the GIL gets it in between
        pass
    for app in apps:
        app.quit()
        app.deleteLater()
    # Delete now what deleteLater queued, so widgets do not pile up across tests.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()


@pytest.fixture
def session_app(make_app, save_settings, qtbot):
    """The app on the quiet-session page (welcome and the relaxation note already seen)."""
    def build(**settings):
        save_settings(welcome_seen=True, pmr_note_seen=True, **settings)
        app = make_app(audio_opener=lambda: "No sound device in this test.")
        app.show("session", start=False, background=False)
        qtbot.waitExposed(app.window)
        return app, app.window.page("session")
    return build
