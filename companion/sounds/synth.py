"""Deterministic synthesis of the ambient library with numpy: same seed, same samples.

Every sound is built to be periodic over its loop: noise is shaped in the frequency domain over
the whole loop (so it wraps onto itself), slow modulations complete whole cycles per loop, and
short events are mixed in circularly. Salient one-shots (a distant bird, a big wave, a pop of the
fire, a bowl strike) are not baked in: the player triggers them at natural random intervals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

RATE = 44100
TAIL_SECONDS = 0.05  # stored after each loop and crossfaded onto its head when loaded


@dataclass(frozen=True)
class SoundSpec:
    """One sound of the library: its id, name, loop length (whole seconds) and maker."""

    id: str
    name: str
    seconds: int  # loop lengths are pairwise co-prime, so layered loops never line up audibly
    make: Callable[[int, np.random.Generator], np.ndarray]  # (samples, rng) -> (n, 2) float


def shaped_noise(n: int, rng: np.random.Generator, gain: Callable[[np.ndarray], np.ndarray],
                 channels: int = 2) -> np.ndarray:
    """Noise whose spectrum follows gain(frequency in Hz), periodic over n samples."""
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    shape = gain(np.maximum(freqs, 1e-9))
    shape[0] = 0.0
    out = np.empty((n, channels))
    for channel in range(channels):
        spectrum = (rng.standard_normal(len(freqs)) + 1j * rng.standard_normal(len(freqs))) * shape
        out[:, channel] = np.fft.irfft(spectrum, n)
    return out / np.max(np.abs(out))


def lfo(n: int, cycles: int, phase: float = 0.0) -> np.ndarray:
    """A slow sine from 0 to 1 that completes whole cycles over the loop."""
    return 0.5 - 0.5 * np.cos(2 * np.pi * cycles * np.arange(n) / n + phase)


def smooth_random(n: int, rng: np.random.Generator, max_cycles: int) -> np.ndarray:
    """A gentle random wander (0..1) made of whole-cycle sines, so it wraps without a step."""
    t = np.arange(n) / n
    wander = np.zeros(n)
    for cycles in range(1, max_cycles + 1):
        wander += rng.uniform(0.2, 1.0) / cycles * np.sin(2 * np.pi * cycles * t
                                                         + rng.uniform(0, 2 * np.pi))
    wander -= wander.min()
    return wander / wander.max()


def add_events(out: np.ndarray, rng: np.random.Generator, rate_per_s: float,
               make: Callable[[np.random.Generator], np.ndarray]) -> None:
    """Scatter short events at random over the loop, wrapping round the end."""
    n = len(out)
    count = rng.poisson(rate_per_s * n / RATE)
    for _ in range(count):
        event = make(rng)
        start = int(rng.integers(0, n))
        pan = rng.uniform(0.2, 0.8)
        gains = np.array([np.sqrt(1 - pan), np.sqrt(pan)])
        index = (start + np.arange(len(event))) % n
        out[index] += event[:, None] * gains


def _band(low: float, high: float, order: float = 2.0) -> Callable[[np.ndarray], np.ndarray]:
    def gain(f: np.ndarray) -> np.ndarray:
        return 1 / np.sqrt(1 + (low / f) ** (2 * order)) / np.sqrt(1 + (f / high) ** (2 * order))
    return gain


def pink(n: int, rng: np.random.Generator) -> np.ndarray:
    """Power falling 3 dB per octave (1/f)."""
    return shaped_noise(n, rng, lambda f: 1 / np.sqrt(np.maximum(f, 20.0)))


def brown(n: int, rng: np.random.Generator) -> np.ndarray:
    """Power falling 6 dB per octave (1/f^2): a deep, soft rumble."""
    return shaped_noise(n, rng, lambda f: 1 / np.maximum(f, 20.0))


def rain(n: int, rng: np.random.Generator) -> np.ndarray:
    """A steady hiss of falling rain with countless small drops, gently swelling."""
    bed = shaped_noise(n, rng, lambda f: _band(300, 9000)(f) / f ** 0.25)
    swell = 0.75 + 0.25 * smooth_random(n, rng, 6)
    out = bed * swell[:, None] * 0.6

    def drop(r: np.random.Generator) -> np.ndarray:
        length = int(RATE * r.uniform(0.004, 0.012))
        t = np.arange(length) / RATE
        tone = np.sin(2 * np.pi * r.uniform(2500, 6000) * t) * np.exp(-t * r.uniform(300, 700))
        return tone * r.uniform(0.05, 0.25)

    add_events(out, rng, 90.0, drop)
    return out


def ocean(n: int, rng: np.random.Generator) -> np.ndarray:
    """Waves arriving about every ten seconds: a swell of surf, then a long withdrawing hiss."""
    seconds = n / RATE
    waves = max(1, round(seconds / 10))  # about 0.1 Hz, a whole number of waves per loop
    phase = (np.arange(n) / n * waves) % 1.0
    envelope = np.where(phase < 0.35, (phase / 0.35) ** 2, np.exp(-(phase - 0.35) * 4.0))
    surf = shaped_noise(n, rng, lambda f: _band(80, 6000)(f) / np.sqrt(f))
    rumble = brown(n, rng)
    out = surf * (0.15 + 0.85 * envelope)[:, None] + 0.35 * rumble
    return out


def wind(n: int, rng: np.random.Generator) -> np.ndarray:
    """Soft wind that rises and falls, brighter when it gusts."""
    low = shaped_noise(n, rng, lambda f: _band(60, 700)(f))
    high = shaped_noise(n, rng, lambda f: _band(400, 2500)(f))
    gust = smooth_random(n, rng, 8)
    return low * (0.4 + 0.6 * gust)[:, None] + high * (0.2 * gust ** 2)[:, None]


def stream(n: int, rng: np.random.Generator) -> np.ndarray:
    """Water running over stones: a bright wash with small bubbling notes."""
    wash = shaped_noise(n, rng, lambda f: _band(500, 8000)(f) / f ** 0.2) * 0.7

    def bubble(r: np.random.Generator) -> np.ndarray:
        length = int(RATE * r.uniform(0.02, 0.06))
        t = np.arange(length) / RATE
        start = r.uniform(400, 1200)
        pitch = start * (1 + 0.8 * t / t[-1])  # a bubble's note rises as it closes
        phase = 2 * np.pi * np.cumsum(pitch) / RATE
        return np.sin(phase) * np.sin(np.pi * t / t[-1]) * r.uniform(0.03, 0.12)

    out = wash.copy()
    add_events(out, rng, 25.0, bubble)
    return out


def fire(n: int, rng: np.random.Generator) -> np.ndarray:
    """A hearth: a low roar with a steady sprinkle of small crackles (big pops are one-shots)."""
    roar = brown(n, rng) * (0.7 + 0.3 * smooth_random(n, rng, 10))[:, None] * 0.8

    def crackle(r: np.random.Generator) -> np.ndarray:
        length = int(RATE * r.uniform(0.002, 0.006))
        t = np.arange(length) / RATE
        return r.standard_normal(length) * np.exp(-t * 900) * r.uniform(0.05, 0.3)

    out = roar.copy()
    add_events(out, rng, 14.0, crackle)
    return out


def night(n: int, rng: np.random.Generator) -> np.ndarray:
    """A warm summer night: a quiet air bed and crickets trilling in the distance."""
    bed = shaped_noise(n, rng, lambda f: _band(100, 3000)(f) / np.sqrt(f)) * 0.35

    def chirp(r: np.random.Generator) -> np.ndarray:
        pulses = int(r.integers(3, 6))
        pulse = int(RATE * 0.012)
        gap = int(RATE * 0.018)
        t = np.arange(pulses * (pulse + gap)) / RATE
        carrier = np.sin(2 * np.pi * r.uniform(4200, 4800) * t)
        gate = ((np.arange(len(t)) % (pulse + gap)) < pulse).astype(float)
        gate = np.convolve(gate, np.hanning(64) / np.hanning(64).sum(), mode="same")
        return carrier * gate * r.uniform(0.02, 0.06)

    out = bed.copy()
    add_events(out, rng, 2.2, chirp)
    return out


def bowl(n: int, rng: np.random.Generator) -> np.ndarray:
    """A singing-bowl drone: a few inharmonic partials, slowly beating, never struck."""
    t = np.arange(n) / RATE
    out = np.zeros((n, 2))
    base = 196.0
    for ratio, level in ((1.0, 1.0), (2.71, 0.45), (5.15, 0.2), (8.3, 0.08)):
        for channel, detune in enumerate((0.0, 0.35)):
            hz = round((base * ratio + detune) * n / RATE) / (n / RATE)  # whole cycles per loop
            swell = 0.7 + 0.3 * lfo(n, int(rng.integers(3, 9)), rng.uniform(0, 6.28))
            out[:, channel] += level * np.sin(2 * np.pi * hz * t + rng.uniform(0, 6.28)) * swell
    return out


LIBRARY: tuple[SoundSpec, ...] = (
    SoundSpec("pink-noise", "Pink noise", 61, pink),
    SoundSpec("brown-noise", "Brown noise", 67, brown),
    SoundSpec("rain", "Rain", 71, rain),
    SoundSpec("ocean", "Ocean waves", 70, ocean),
    SoundSpec("wind", "Wind", 73, wind),
    SoundSpec("stream", "Stream", 79, stream),
    SoundSpec("fire", "Fire", 83, fire),
    SoundSpec("night", "Night", 89, night),
    SoundSpec("bowl", "Singing bowl", 97, bowl),
)


def render(spec: SoundSpec, seed: int = 0) -> np.ndarray:
    """The loop plus its tail (float, stereo, unnormalised): periodic, so the tail is its head."""
    n = spec.seconds * RATE
    rng = np.random.default_rng([seed, sum(spec.id.encode())])
    loop = quietest_first(spec.make(n, rng))
    tail = loop[: int(TAIL_SECONDS * RATE)]
    return np.concatenate([loop, tail])


def quietest_first(loop: np.ndarray) -> np.ndarray:
    """Rotate a periodic loop so that it starts (and wraps) at its calmest moment, where the
    sound changes least from sample to sample: any seam left by the encoder hides best there."""
    roughness = np.sum(np.diff(loop, 2, axis=0, append=loop[:2]) ** 2, axis=1)
    window = RATE // 20
    calm = np.convolve(np.concatenate([roughness, roughness[:window]]),
                       np.ones(window), mode="valid")[: len(loop)]
    return np.roll(loop, -(int(np.argmin(calm)) + window // 2), axis=0)


def join_tail(samples: np.ndarray, tail: int = int(TAIL_SECONDS * RATE)) -> np.ndarray:
    """Crossfade a stored tail onto the loop's head (done when a file is loaded), so the wrap
    point is continuous even where the encoder disturbed the file's first and last samples."""
    loop = samples[:-tail].copy()  # keeps the dtype: int16 stays int16, with no float copy
    fade = (0.5 - 0.5 * np.cos(np.linspace(0, np.pi, tail)))[:, None]
    head = loop[:tail] * fade + samples[-tail:] * (1 - fade)
    loop[:tail] = np.round(head) if np.issubdtype(loop.dtype, np.integer) else head
    return loop
