"""Opens the audio engine off the GUI thread, once, and shares it; says kindly when there is none."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from companion.audio.engine import AudioEngine, AudioUnavailable
from companion.ui.shell.workers import run_in_background

log = logging.getLogger(__name__)


def open_pygame_engine(pcm_cache: Path | None = None) -> AudioEngine | str:
    """The real engine (keeping decoded loops in pcm_cache), or the message to show when no sound
    device can be opened."""
    from companion.audio.pygame_engine import PygameAudioEngine  # pygame loads here, in a worker

    try:
        return PygameAudioEngine(pcm_cache)
    except AudioUnavailable as exc:
        return str(exc)


IDLE_RELEASE_MS = 20_000  # Silence after which the sound device is closed (its thread costs CPU)


class AudioService(QObject):
    """ready(engine) once the engine is open; unavailable(message) when it cannot be; released()
    when an idle engine was closed to save power (warm_up() opens it again)."""

    ready = Signal(object)
    unavailable = Signal(str)
    released = Signal()

    def __init__(self, opener: Callable[[], AudioEngine | str] = open_pygame_engine,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._opener = opener
        self.engine: AudioEngine | None = None
        self.message: str | None = None
        self._opening = False
        self.idle_timer = QTimer(self)
        self.idle_timer.setObjectName("audio-idle-release")
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(IDLE_RELEASE_MS)
        self.idle_timer.timeout.connect(self._release)
        self._busy_checks: list[Callable[[], bool]] = []

    def add_busy_check(self, is_busy: Callable[[], bool]) -> None:
        """Register a user of the engine; it is never released while any user is busy."""
        self._busy_checks.append(is_busy)

    def release_when_idle(self) -> None:
        """Nothing may be playing: close the device if nothing starts within IDLE_RELEASE_MS."""
        if self.engine is not None and not any(is_busy() for is_busy in self._busy_checks):
            self.idle_timer.start()

    def keep(self) -> None:
        """Sound is about to be needed: cancel a pending release and make sure the engine opens."""
        self.idle_timer.stop()
        self.warm_up()

    def _release(self) -> None:
        if any(is_busy() for is_busy in self._busy_checks):
            return
        log.debug("closing the idle sound device")
        self.close()
        self.released.emit()

    def warm_up(self) -> None:
        """Start opening the engine in the background (once)."""
        if self.engine is not None or self.message is not None or self._opening:
            return
        self._opening = True
        run_in_background(self._opener, self._opened, self)

    def _opened(self, result: AudioEngine | str) -> None:
        self._opening = False
        if isinstance(result, str):
            self.message = result
            self.unavailable.emit(result)
        else:
            self.engine = result
            self.ready.emit(result)
            self.release_when_idle()  # opened ahead of need: closes again if nothing plays

    def close(self) -> None:
        self.idle_timer.stop()
        if self.engine is not None:
            self.engine.close()
            self.engine = None
