"""Turns SIGTERM and SIGINT into a Qt signal without polling: a wakeup fd watched by a notifier."""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import QObject, QSocketNotifier, Signal


class UnixSignalBridge(QObject):
    """Emits terminate when the process is asked to stop, so the app can save and quit cleanly."""

    terminate = Signal(int)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._reader, self._writer = os.pipe()  # a pipe: the socket module costs more to load
        os.set_blocking(self._reader, False)
        os.set_blocking(self._writer, False)
        self._previous_fd = signal.set_wakeup_fd(self._writer)
        self._previous = {sig: signal.signal(sig, lambda *_: None)
                          for sig in (signal.SIGTERM, signal.SIGINT)}
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        try:
            data = os.read(self._reader, 64)
        except BlockingIOError:
            return
        for signum in data:
            self.terminate.emit(signum)

    def restore(self) -> None:
        """Give the process its previous signal handling back."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        os.close(self._reader)
        os.close(self._writer)
