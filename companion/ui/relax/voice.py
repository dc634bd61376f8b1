"""Speaks a script's steps through the audio engine: the built-ins' recordings (the natural voice
once rendered, else the bundled ones), the natural voice or the system's speech for the user's own
scripts, and soft cues for tensing and letting go."""

from __future__ import annotations

import logging
import os
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from companion.i18n import _
from companion.relax.model import Step, StepKind
from companion.relax.voice import (
    VoiceIndex,
    can_speak_own_words,
    own_speech_path,
    render_own_speech,
)
from companion.ui.shell.audio_service import AudioService
from companion.ui.shell.workers import run_in_background

log = logging.getLogger(__name__)

KEEP_DECODED = 6  # recordings kept decoded: the current step, the next, and a few to go back to
STOP_FADE_MS = 300
FIRST_VOICE_ENV = "COMPANION_REPORT_FIRST_VOICE"  # benchmark hook: write when words first play


class VoiceGuide(QObject):
    """problem(message) when the words can only be shown, not heard."""

    problem = Signal(str)
    spoke = Signal(str)  # a step's words began to play (its voice key)

    def __init__(self, audio: AudioService, cache_dir: Path,
                 recordings: Callable[[], VoiceIndex], parent: QObject | None = None):
        super().__init__(parent)
        self._audio = audio
        self._cache_dir = cache_dir
        self._recordings = recordings  # the built-ins' recordings now (the renderer knows)
        self.enabled = True
        self.volume = 0.8
        self.cue_volume = 0.6
        self._decoded: OrderedDict[str, Any] = OrderedDict()
        self._loading: set[str] = set()
        self._wanted: Step | None = None  # the step whose words should be playing
        self._bundled = True
        self._active = False  # a script is playing (not paused): keep the device open
        self._said_no_speech = False
        audio.ready.connect(lambda _engine: self._play_wanted())
        audio.released.connect(self._decoded.clear)  # sounds belong to the closed mixer
        audio.add_busy_check(lambda: self._active)

    def builtin(self) -> VoiceIndex:
        """The recordings the built-in scripts speak with now: the natural voice's as soon as
        a render of it finishes."""
        return self._recordings()

    def begin(self, bundled: bool) -> None:
        """A script starts: keep the engine open while it plays."""
        self._bundled = bundled
        self._active = True
        self._audio.keep()

    def say(self, step: Step) -> None:
        """Play this step's words (stopping any still playing) and its cue, when sound is on."""
        engine = self._audio.engine
        if engine is not None:
            engine.stop_voice()
        self._wanted = step
        if not self.enabled:
            return
        if engine is not None and step.kind in (StepKind.TENSE, StepKind.RELEASE):
            from companion.audio.cues import release_cue, tense_cue

            engine.play_once(tense_cue() if step.kind is StepKind.TENSE else release_cue(),
                             self.cue_volume)
        self._play_wanted()

    def prepare(self, step: Step) -> None:
        """Decode (or render) a step's words ahead of time, so they start without a gap."""
        if self.enabled:
            self._load(step)

    def pause(self) -> None:
        self._active = False
        if self._audio.engine is not None:
            self._audio.engine.pause_voice()
        self._audio.release_when_idle()

    def resume(self) -> None:
        self._active = True
        self._audio.keep()
        if self._audio.engine is not None:
            self._audio.engine.resume_voice()

    def stop(self) -> None:
        """The script ended or stopped: fade the words and let the device rest."""
        self._wanted = None
        self._active = False
        if self._audio.engine is not None:
            self._audio.engine.stop_voice(STOP_FADE_MS)
        self._audio.release_when_idle()

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if not enabled and self._audio.engine is not None:
            self._audio.engine.stop_voice(STOP_FADE_MS)

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        if self._audio.engine is not None:
            self._audio.engine.set_voice_volume(volume)

    # --- inside ---------------------------------------------------------------------------------

    def _source(self, step: Step) -> Path | None:
        """The file holding this step's words; None when it must be rendered first."""
        if self._bundled:
            return self.builtin().path(step)
        rendered = own_speech_path(step.text, self._cache_dir)
        return rendered if rendered.exists() else None

    def _load(self, step: Step) -> None:
        key = step.voice_key
        engine = self._audio.engine
        if key in self._decoded or key in self._loading or engine is None:
            return
        source = self._source(step)
        if source is None and (self._bundled or not can_speak_own_words()):
            self._no_speech()
            return
        self._loading.add(key)
        cache_dir = self._cache_dir

        def load() -> Any:
            path = source or render_own_speech(step.text, cache_dir)
            return engine.load_sound(str(path))

        def loaded(sound: Any) -> None:
            self._loading.discard(key)
            if self._audio.engine is not engine:
                return  # the device was closed and opened again meanwhile
            self._decoded[key] = sound
            while len(self._decoded) > KEEP_DECODED:
                self._decoded.popitem(last=False)
            self._play_wanted()

        def failed(message: str) -> None:
            self._loading.discard(key)
            log.warning("voice unavailable: %s", message)
            self._no_speech()

        run_in_background(load, loaded, self, on_failed=failed)

    def _play_wanted(self) -> None:
        step, engine = self._wanted, self._audio.engine
        if step is None or engine is None or not self.enabled:
            return
        sound = self._decoded.get(step.voice_key)
        if sound is None:
            self._load(step)
            return
        self._wanted = None  # play each step's words once, even if the engine reopens later
        engine.set_voice_volume(self.volume)
        engine.play_voice(sound)
        log.info("voice playing: %s", step.voice_key)
        self.spoke.emit(step.voice_key)
        report = os.environ.get(FIRST_VOICE_ENV)
        if report:
            Path(report).write_text(f"{time.monotonic()!r}\n")

    def _no_speech(self) -> None:
        if self._said_no_speech:
            return
        self._said_no_speech = True
        self.problem.emit(
            _("This script's words are shown on screen but cannot be spoken: no speech program "
            "was found. Installing espeak-ng (for example: sudo apt install espeak-ng) lets "
            "Companion read your own scripts aloud."))
