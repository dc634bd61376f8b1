"""The shared services every feature stands on: settings, the window, the clock, the one audio
engine, keeping the screen awake, motion, and the capabilities features offer each other."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from companion.clock import Clock
from companion.desktop.motion import reduce_motion
from companion.paths import Paths
from companion.ui.shell.main_window import MainWindow
from companion.ui.shell.settings_model import SettingsModel
from companion.ui.shell.theme import Palette, palette_for
from companion.ui.shell.wording import failure_reason
from companion.ui.shell.workers import serial_pool

if TYPE_CHECKING:
    from companion.audio.engine import AudioEngine
    from companion.ui.shell.audio_service import AudioService
    from companion.ui.shell.capabilities import (
        Breathing,
        Journal,
        Reminders,
        Sessions,
        Soundscape,
        Voice,
    )
    from companion.ui.shell.screen_lock_watcher import ScreenLockWatcher
    from companion.ui.shell.tray import TrayController

log = logging.getLogger(__name__)


def qt_motion_preference(app: QApplication) -> bool | None:
    """Qt 6.12+'s own reduce-motion reading; None where this Qt cannot tell."""
    hints = app.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return None
    getter = getattr(accessibility(), "motionPreference", None)
    if getter is None:
        return None
    reduced = getattr(getattr(Qt, "MotionPreference", None), "ReducedMotion", None)
    return None if reduced is None else getter() == reduced


class Services(QObject):
    """Made once by the composition root and handed to every feature."""

    reduce_motion_changed = Signal(bool)
    system_motion_changed = Signal(object)  # bool | None, once the desktop has said
    session_changed = Signal(bool)  # a breathing, relaxation or quiet session began or ended
    request = Signal(object, bool)  # page id (or None) and whether to start: like a launch

    def __init__(self, qapp: QApplication, paths: Paths, clock: Clock, model: SettingsModel,
                 window: MainWindow, audio_opener: Callable[[], AudioEngine | str] | None,
                 parent: QObject | None = None):
        super().__init__(parent)
        from companion.desktop.screensaver import ScreenSaverInhibitor

        self.qapp, self.paths, self.clock, self.model, self.window = \
            qapp, paths, clock, model, window
        self.audio_opener = audio_opener
        self.audio: AudioService | None = None
        self.screen_lock: ScreenLockWatcher | None = None
        self.tray: TrayController | None = None
        self.system_reduced_motion = qt_motion_preference(qapp)
        self.inhibitor = ScreenSaverInhibitor()
        self.dbus_pool = serial_pool(self)  # inhibit, then uninhibit: order matters
        self.quit: Callable[[], None] = lambda: None  # the app's own quit, set by the root
        self._speaking: set[str] = set()
        # What features offer each other (None until the feature that offers it registers).
        self.journal: Journal | None = None
        self.breathing: Breathing | None = None
        self.soundscape: Soundscape | None = None
        self.reminders: Reminders | None = None
        self.sessions: Sessions | None = None
        self.voice: Voice | None = None

    @property
    def reduce_motion(self) -> bool:
        """Whether animations should be stilled right now."""
        return reduce_motion(self.model.settings.motion, self.system_reduced_motion)

    def palette(self) -> Palette:
        return palette_for(self.model.settings.appearance)

    def notice(self, text: str):
        """A calm, dismissible message above the page."""
        return self.window.add_notice(text)

    def save_or_say(self, save: Callable[[], object], failure: str) -> bool:
        """Save; when the disk refuses, say so calmly (failure has a {reason} to fill in) and
        carry on. True when saved."""
        try:
            save()
        except OSError as exc:
            log.warning("could not save: %s", exc.strerror)
            self.notice(failure.format(reason=failure_reason(exc)))
            return False
        return True

    def audio_service(self) -> AudioService:
        """The one audio engine service, shared by cues, voice and sounds (made on first use)."""
        if self.audio is None:
            from companion.ui.shell.audio_service import AudioService, open_pygame_engine

            opener = self.audio_opener or partial(open_pygame_engine, self.paths.cache / "sounds")
            self.audio = AudioService(opener=opener, parent=self)
            self.audio.unavailable.connect(self.notice)
        return self.audio

    def screen_watcher(self) -> ScreenLockWatcher:
        """Screen lock and sleep, heard over D-Bus (made on first use)."""
        if self.screen_lock is None:
            from companion.ui.shell.screen_lock_watcher import ScreenLockWatcher

            self.screen_lock = ScreenLockWatcher(parent=self)
        return self.screen_lock

    def keep_screen_awake(self, active: bool, reason: str) -> None:
        """Ask the desktop not to blank the screen while a session runs (off the GUI thread)."""
        from companion.ui.shell.workers import run_in_background

        if active:
            run_in_background(lambda: self.inhibitor.inhibit(reason),
                              lambda ok: log.info("screen kept awake: %s", ok), self,
                              pool=self.dbus_pool)
        else:
            run_in_background(self.inhibitor.uninhibit, lambda _r: None, self,
                              pool=self.dbus_pool)

    def exercise_changed(self, source: str, active: bool, reason: str, speaks: bool) -> None:
        """A breathing session or a relaxation began or ended: it has the whole window, the
        screen stays awake, ambient sound ducks while it speaks, and the others hear of it."""
        self.window.set_session_view(active, source)
        self.keep_screen_awake(active, reason)
        self.set_speaking(source, active and speaks)
        self.session_changed.emit(active)

    def set_speaking(self, source: str, speaking: bool) -> None:
        """Ambient sound sits under breathing cues or a spoken script while either plays."""
        if speaking:
            self._speaking.add(source)
        else:
            self._speaking.discard(source)
        if self.soundscape is not None:
            self.soundscape.set_ducked(bool(self._speaking))

    @property
    def speaking(self) -> bool:
        return bool(self._speaking)

    def set_system_motion(self, prefers_reduced: bool | None) -> None:
        """The desktop's reduce-motion preference, once it has been read."""
        before = self.reduce_motion
        self.system_reduced_motion = prefers_reduced
        self.system_motion_changed.emit(prefers_reduced)
        if self.reduce_motion != before:
            self.reduce_motion_changed.emit(self.reduce_motion)

    def in_exercise(self) -> bool:
        """Whether a breathing or relaxation exercise runs (reminders then wait)."""
        return any(page.is_running() for page in self.window.built_pages()
                   if page.page_id in ("breathe", "relax"))

    def close(self) -> None:
        """Let the screen blank again and close the sound device."""
        self.dbus_pool.waitForDone(2000)
        self.inhibitor.uninhibit()
        if self.audio is not None:
            self.audio.close()
