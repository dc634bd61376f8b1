"""What the app needs from an audio engine, without naming pygame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np


class AudioUnavailable(RuntimeError):
    """No sound device could be opened; the message says so kindly."""


class AudioEngine(Protocol):
    """Plays 16-bit stereo PCM at SAMPLE_RATE on a channel reserved for cues."""

    def play_cues(self, loop: np.ndarray, loops: int | None, then: np.ndarray | None) -> None:
        """Play `loop` `loops` times (None: until stopped), then `then` once, gaplessly."""
        ...

    def pause_cues(self) -> None: ...

    def resume_cues(self) -> None: ...

    def stop_cues(self, fade_ms: int = 0) -> None: ...

    def set_cue_volume(self, volume: float) -> None:
        """0.0 to 1.0."""
        ...

    def close(self) -> None: ...
