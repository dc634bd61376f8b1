"""The pygame mixer engine: the only module in Companion that imports pygame (mixer only)."""

from __future__ import annotations

import logging
import os
from typing import Any

import numpy as np

from companion.audio.cues import SAMPLE_RATE
from companion.audio.engine import AudioUnavailable

log = logging.getLogger(__name__)

BUFFER_SAMPLES = 1024  # Mixer buffer: about 23 ms at 44.1 kHz, low enough for cues to feel in time


class PygameAudioEngine:
    """Opens the default sound device through SDL; raises AudioUnavailable when there is none."""

    def __init__(self) -> None:
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        import pygame.mixer  # loaded here, off the start-up path and off the GUI thread

        self._mixer = pygame.mixer
        try:
            pygame.mixer.init(frequency=SAMPLE_RATE, size=-16, channels=2, buffer=BUFFER_SAMPLES)
        except pygame.error as exc:
            log.warning("no audio device: %s", exc)
            raise AudioUnavailable(
                "No sound device could be opened, so sound is off for now. Everything else "
                "works as usual; plug in headphones or check your sound settings, then restart "
                "Companion to hear the cues.") from exc
        pygame.mixer.set_reserved(1)
        self._cues = pygame.mixer.Channel(0)
        self._volume = 1.0

    def _sound(self, pcm: np.ndarray) -> Any:
        return self._mixer.Sound(buffer=np.ascontiguousarray(pcm, dtype=np.int16).tobytes())

    def play_cues(self, loop: np.ndarray, loops: int | None, then: np.ndarray | None) -> None:
        self._cues.play(self._sound(loop), loops=-1 if loops is None else loops - 1)
        self._cues.set_volume(self._volume)
        if then is not None:
            self._cues.queue(self._sound(then))

    def pause_cues(self) -> None:
        self._cues.pause()

    def resume_cues(self) -> None:
        self._cues.unpause()

    def stop_cues(self, fade_ms: int = 0) -> None:
        if fade_ms > 0:
            self._cues.fadeout(fade_ms)
        else:
            self._cues.stop()

    def cues_busy(self) -> bool:
        return bool(self._cues.get_busy())

    def set_cue_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, volume))
        self._cues.set_volume(self._volume)

    def close(self) -> None:
        self._mixer.quit()
