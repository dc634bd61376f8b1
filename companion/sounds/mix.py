"""The mix: which ambient sounds play and how loud, master and mute, ducking, and the sleep timer.

Plain state and arithmetic; the audio engine turns `gains()` into channel volumes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from companion.clock import Clock

DUCK_DB = -6.0  # ambient sits this far under breathing cues and spoken guidance
DEFAULT_SLEEP_FADE_S = 60.0  # the sleep timer's fade-out, never shorter
SLEEP_MINUTES = (15, 30, 45, 60)


def db_to_gain(db: float) -> float:
    return float(10 ** (db / 20))


@dataclass(frozen=True)
class Mix:
    """Volumes 0..1 per sound id (absent or 0 means silent), a master volume, and mute."""

    volumes: Mapping[str, float] = field(default_factory=dict)
    master: float = 0.8
    muted: bool = False

    def with_volume(self, sound_id: str, volume: float) -> Mix:
        """The mix with one sound's volume set (clamped to 0..1; 0 removes it)."""
        volumes = dict(self.volumes)
        volume = min(1.0, max(0.0, volume))
        if volume == 0:
            volumes.pop(sound_id, None)
        else:
            volumes[sound_id] = volume
        return replace(self, volumes=volumes)

    def with_master(self, master: float) -> Mix:
        return replace(self, master=min(1.0, max(0.0, master)))

    @property
    def active(self) -> list[str]:
        return sorted(self.volumes)

    def gains(self, peaks: Mapping[str, float], ducked: bool = False) -> dict[str, float]:
        """The linear gain for each playing sound, with headroom so that even with every active
        sound at full volume and all their peaks landing together, the sum cannot clip.

        peaks: each loaded sound's peak sample level (0..1), measured from its file; sounds not
        in it (still loading) are left out until they are.
        """
        ready = {s: v for s, v in self.volumes.items() if s in peaks}
        if self.muted or not ready:
            return {sound_id: 0.0 for sound_id in ready}
        total_peak = sum(peaks[sound_id] for sound_id in ready)
        headroom = min(1.0, 1.0 / total_peak) if total_peak > 0 else 1.0
        overall = self.master * headroom * (db_to_gain(DUCK_DB) if ducked else 1.0)
        return {sound_id: volume * overall for sound_id, volume in ready.items()}


class SleepTimer:
    """When the mix fades out and when it ends: the fade takes the last `fade_seconds` (at least
    a minute), and the mixer itself ramps the volume down over it (a linear fade, with no timer
    ticking); this only keeps the times."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._ends_at: float | None = None
        self._fade = DEFAULT_SLEEP_FADE_S

    def start(self, minutes: float, fade_seconds: float = DEFAULT_SLEEP_FADE_S) -> None:
        if minutes <= 0:
            raise ValueError("the sleep timer needs a time in the future")
        self._fade = max(DEFAULT_SLEEP_FADE_S, fade_seconds)
        self._ends_at = self._clock.monotonic() + minutes * 60

    def cancel(self) -> None:
        self._ends_at = None

    @property
    def running(self) -> bool:
        return self._ends_at is not None

    def remaining(self) -> float | None:
        """Seconds until the sound has faded out; None when no timer is set."""
        if self._ends_at is None:
            return None
        return max(0.0, self._ends_at - self._clock.monotonic())

    def finished(self) -> bool:
        return self._ends_at is not None and self.remaining() == 0.0

    def seconds_to_fade(self) -> float | None:
        """When the fade starts (for arming one single-shot timer); None when none is set."""
        left = self.remaining()
        return None if left is None else max(0.0, left - self._fade)


def mix_to_text(mix: Mix) -> str:
    """A compact form for settings.toml: 'rain=0.80;night=0.30'."""
    return ";".join(f"{sound_id}={volume:.2f}" for sound_id, volume in sorted(mix.volumes.items()))


def mix_from_text(text: str, known: set[str]) -> dict[str, float]:
    """Volumes from mix_to_text's form; unknown sounds and bad numbers are skipped."""
    volumes: dict[str, float] = {}
    for part in text.split(";"):
        sound_id, _, value = part.partition("=")
        try:
            volume = float(value)
        except ValueError:
            continue
        if sound_id in known and 0 < volume <= 1:
            volumes[sound_id] = volume
    return volumes
