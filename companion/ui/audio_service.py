"""Opens the audio engine off the GUI thread, once, and shares it; says kindly when there is none."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from companion.audio.engine import AudioEngine, AudioUnavailable
from companion.ui.workers import run_in_background

log = logging.getLogger(__name__)


def open_pygame_engine() -> AudioEngine | str:
    """The real engine, or the message to show when no sound device can be opened."""
    from companion.audio.pygame_engine import PygameAudioEngine  # pygame loads here, in a worker

    try:
        return PygameAudioEngine()
    except AudioUnavailable as exc:
        return str(exc)


class AudioService(QObject):
    """ready(engine) once the engine is open; unavailable(message) when it cannot be."""

    ready = Signal(object)
    unavailable = Signal(str)

    def __init__(self, opener: Callable[[], AudioEngine | str] = open_pygame_engine,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._opener = opener
        self.engine: AudioEngine | None = None
        self.message: str | None = None
        self._opening = False

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

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
            self.engine = None
