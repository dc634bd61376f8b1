"""What the app needs from an audio engine, without naming pygame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

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

    def load_loop(self, path: str, has_tail: bool = True) -> tuple[Any, float]:
        """Decode a loop file; give back a playable sound and its peak (0..1). Off the GUI thread."""
        ...

    def play_layer(self, key: str, sound: Any, volume: float, fade_ms: int,
                   loops: int = -1) -> bool: ...

    def sound_seconds(self, sound: Any) -> float: ...

    def set_layer_volume(self, key: str, volume: float) -> None: ...

    def stop_layer(self, key: str, fade_ms: int) -> None: ...

    def fade_out_layers(self, fade_ms: int) -> None: ...

    def play_once(self, pcm: np.ndarray, volume: float) -> bool: ...

    def load_sound(self, path: str) -> Any:
        """Decode a whole sound file (a voice recording). Off the GUI thread."""
        ...

    def play_voice(self, sound: Any) -> None:
        """Play a recording on the channel kept for the voice, at the voice's own volume."""
        ...

    def pause_voice(self) -> None: ...

    def resume_voice(self) -> None: ...

    def stop_voice(self, fade_ms: int = 0) -> None: ...

    def voice_busy(self) -> bool: ...

    def set_voice_volume(self, volume: float) -> None: ...

    def close(self) -> None: ...
