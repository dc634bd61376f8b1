"""Plays the breathing cues in step with a session: the loop starts with the session (or joins at
the next breath if sound became ready later), pauses and resumes with it, and stops with it."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from companion.breathing.model import Pattern
from companion.breathing.session import BreathingSession, SessionState
from companion.ui.shell.audio_service import AudioService
from companion.ui.shell.workers import run_in_background

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

STOP_FADE_MS = 400  # Stopping fades the cue out instead of cutting it
START_GRACE = Fraction(1, 4)  # seconds into a session in which cues still start from the top


class CuePlayer(QObject):
    """Glue between a BreathingSession and the audio engine; owns no timing of its own but one
    single-shot timer that waits for the next breath to join. ready_changed() when rendered cues
    or an opened device may make is_ready_for() true."""

    ready_changed = Signal()

    def __init__(self, audio: AudioService, parent: QObject | None = None,
                 words_folder: Callable[[], Path] | None = None):
        super().__init__(parent)
        self._audio = audio
        self.enabled = True
        self.volume = 0.6
        self.spoken = False  # say "Breathe in", "Hold", "Breathe out" instead of the chimes
        self._words_folder = words_folder
        # key -> (one breath, the end chime, whether the breath speaks its words)
        self._tracks: dict[tuple[str, str, bool, bool], tuple[np.ndarray, np.ndarray, bool]] = {}
        self._rendering: set[tuple[str, str, bool, bool]] = set()
        self._session: BreathingSession | None = None
        self._key: tuple[str, str, bool, bool] | None = None
        self._playing = False
        self._join = QTimer(self)
        self._join.setObjectName("cue-join")
        self._join.setSingleShot(True)
        self._join.setTimerType(Qt.TimerType.PreciseTimer)
        self._join.timeout.connect(self._join_now)
        audio.ready.connect(self._device_ready)
        audio.unavailable.connect(lambda _message: self.ready_changed.emit())
        audio.released.connect(self._on_released)
        audio.add_busy_check(lambda: self._session is not None
                             and self._session.state is SessionState.RUNNING)

    def key_for(self, pattern: Pattern, hold_tone: bool) -> tuple[str, str, bool, bool]:
        return (pattern.id, str(pattern.cycle_seconds), hold_tone, self.spoken)

    def speaks_for(self, pattern: Pattern, hold_tone: bool) -> bool | None:
        """Whether this pattern's cues speak: None until rendered, False when the words did not
        fit its phases (the tones play instead)."""
        key = self.key_for(pattern, hold_tone)
        if not self.spoken or key not in self._tracks:
            return None if self.spoken else False
        return self._tracks[key][2]

    def prepare(self, pattern: Pattern, hold_tone: bool) -> None:
        """Render this pattern's cues in the background, so Start can play them at once."""
        key = self.key_for(pattern, hold_tone)
        if key in self._tracks or key in self._rendering:
            return
        self._rendering.add(key)

        words_folder = self._words_folder() if self.spoken and self._words_folder else None

        def render() -> tuple[np.ndarray, np.ndarray, bool]:
            from companion.audio.cues import (  # numpy loads in the worker
                SAMPLE_RATE,
                end_chime,
                render_cycle,
                spoken_cycle,
            )

            if words_folder is not None:
                from companion.audio.cue_words import read_words

                words = read_words(words_folder, SAMPLE_RATE)
                spoken = spoken_cycle(pattern, words, hold_tone) if words else None
                if spoken is not None:
                    return spoken, end_chime(), True
            return render_cycle(pattern, hold_tone), end_chime(), False

        def done(tracks: tuple[np.ndarray, np.ndarray, bool]) -> None:
            self._rendering.discard(key)
            self._tracks[key] = tracks
            self._maybe_join()
            self.ready_changed.emit()

        run_in_background(render, done, self)

    def _device_ready(self, _engine: object) -> None:
        self._maybe_join()
        self.ready_changed.emit()

    def unavailable(self) -> bool:
        """Whether there is no sound device to wait for."""
        return self._audio.message is not None

    def keep_device(self) -> None:
        """Sound is about to be needed: open the device now (or keep it open)."""
        self._audio.keep()

    def is_ready_for(self, pattern: Pattern, hold_tone: bool) -> bool:
        return self._audio.engine is not None and self.key_for(pattern, hold_tone) in self._tracks

    # --- following a session ------------------------------------------------------------------

    def follow(self, session: BreathingSession, hold_tone: bool) -> None:
        """Call right after session.start(): cues start now if ready, else at the next breath."""
        self._session = session
        self._key = self.key_for(session.plan.pattern, hold_tone)
        self._playing = False
        self.prepare(session.plan.pattern, hold_tone)
        self._audio.keep()
        session.on_state_changed(self._on_state)
        self._maybe_join()

    def _on_released(self) -> None:
        self._playing = False  # a long pause closed the device; resuming joins at the next breath

    def _on_state(self, state: SessionState) -> None:
        engine = self._audio.engine
        if state is SessionState.PAUSED:
            self._join.stop()
            if engine is not None and self._playing:
                engine.pause_cues()
            self._audio.release_when_idle()
        elif state is SessionState.RUNNING:
            self._audio.keep()
            if engine is not None and self._playing:
                engine.resume_cues()
            else:
                self._maybe_join()
        elif state is SessionState.STOPPED:
            self._end(fade=True)
        elif state is SessionState.FINISHED:
            self._end(fade=False)

    def _end(self, fade: bool) -> None:
        self._join.stop()
        engine = self._audio.engine
        if engine is not None and self._playing and fade:
            engine.stop_cues(STOP_FADE_MS)
        self._playing = False
        self._session = None
        self._audio.release_when_idle()  # after the end chime has rung out

    def set_enabled(self, enabled: bool) -> None:
        """Turn cues on or off, also mid-session (they rejoin at the next breath)."""
        self.enabled = enabled
        engine = self._audio.engine
        if not enabled:
            self._join.stop()
            if engine is not None and self._playing:
                engine.stop_cues(STOP_FADE_MS)
            self._playing = False
        else:
            self._maybe_join()

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        if self._audio.engine is not None:
            self._audio.engine.set_cue_volume(volume)

    def _maybe_join(self) -> None:
        session = self._session
        if (not self.enabled or self._playing or session is None
                or session.state is not SessionState.RUNNING or self._audio.engine is None
                or self._key not in self._tracks):
            return
        elapsed = session.elapsed()
        if elapsed <= START_GRACE:  # just started: the few milliseconds since are not heard
            self._join_now()
            return
        cycle = session.plan.pattern.cycle_seconds
        next_start = math.ceil(elapsed / cycle) * cycle
        paced = session.plan.breathing_seconds
        if paced is not None and next_start >= paced:
            return  # the paced part ends before another breath begins
        self._join.start(max(0, round(float(next_start - elapsed) * 1000)))

    def _join_now(self) -> None:
        session, engine = self._session, self._audio.engine
        if (session is None or engine is None or session.state is not SessionState.RUNNING
                or self._key not in self._tracks or not self.enabled):
            return
        loop, end, _speaks = self._tracks[self._key]
        cycles = session.plan.cycles
        done = round(session.elapsed() / session.plan.pattern.cycle_seconds)
        loops = None if cycles is None else max(1, cycles - done)
        engine.set_cue_volume(self.volume)
        engine.play_cues(loop, loops, None if cycles is None else end)
        self._playing = True
        log.debug("cues joined at breath %d", done + 1)


    @property
    def playing(self) -> bool:
        return self._playing
