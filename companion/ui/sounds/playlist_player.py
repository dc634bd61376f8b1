"""Your own files played one after another (a playlist), on one channel beside the ambient mix.

One single-shot timer waits for the end of each track; a file that cannot be played is named
in a notice and skipped."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from companion.i18n import _
from companion.sounds.catalog import SoundInfo
from companion.ui.shell.audio_service import AudioService
from companion.ui.shell.workers import run_in_background

log = logging.getLogger(__name__)

KEY = "playlist"  # the engine channel key for the playlist
FADE_MS = 600
TRACK_VOLUME = 0.7


class PlaylistPlayer(QObject):
    """now_playing(name or '') as tracks change; problem(str) for a file that cannot be played."""

    now_playing = Signal(str)
    problem = Signal(str)

    def __init__(self, audio: AudioService, parent: QObject | None = None):
        super().__init__(parent)
        self._audio = audio
        self.tracks: list[SoundInfo] = []
        self.index = -1
        self.active = False
        self._next = QTimer(self)
        self._next.setObjectName("playlist-next")
        self._next.setSingleShot(True)
        self._next.timeout.connect(self.next_track)
        audio.add_busy_check(lambda: self.active)

    def start(self, tracks: list[SoundInfo]) -> None:
        """Play these files in turn, from the first, going round again at the end."""
        if not tracks:
            return
        self.tracks, self.index, self.active = list(tracks), -1, True
        self._audio.keep()
        self.next_track()

    def stop(self) -> None:
        self.active = False
        self._next.stop()
        if self._audio.engine is not None:
            self._audio.engine.stop_layer(KEY, FADE_MS)
        self.now_playing.emit("")
        self._audio.release_when_idle()

    def next_track(self, skipped: int = 0) -> None:
        if not self.active or self._audio.engine is None:
            return
        if skipped >= len(self.tracks):
            self.problem.emit(_("None of your files could be played, so the playlist stopped."))
            self.stop()
            return
        self.index = (self.index + 1) % len(self.tracks)
        track, engine = self.tracks[self.index], self._audio.engine

        def load() -> tuple[Any, float] | str:
            try:
                return engine.load_loop(str(track.path), False)
            except ValueError as exc:
                return str(exc)

        def loaded(result: tuple[Any, float] | str) -> None:
            if not self.active or self._audio.engine is None:
                return
            if isinstance(result, str):
                self.problem.emit(_("{name} {result}; playing the next one.")
                                    .format(name=track.name, result=result))
                self.next_track(skipped + 1)
                return
            sound, _peak = result
            engine.play_layer(KEY, sound, TRACK_VOLUME, FADE_MS, loops=0)
            self._next.start(int(engine.sound_seconds(sound) * 1000))
            self.now_playing.emit(track.name)
            log.info("playlist track %d of %d", self.index + 1, len(self.tracks))

        run_in_background(load, loaded, self)
