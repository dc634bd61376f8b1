"""Salient one-shot events, played now and then over a loop so it never feels like a loop:
a distant bird at night, a bigger wave, a pop of the fire, a soft strike of the bowl."""

from __future__ import annotations

from functools import cache

import numpy as np

from companion.sounds.synth import RATE

MEAN_GAP_S = 35.0  # on average this long between events of one sound
MIN_GAP_S = 12.0  # never sooner than this after the last


def random_source(seed: int | None = None) -> np.random.Generator:
    """Where the events' randomness comes from (seeded in tests)."""
    return np.random.default_rng(seed)


def next_gap(rng: np.random.Generator) -> float:
    """Seconds until the next event: irregular, like nature, never crowded."""
    return MIN_GAP_S + float(rng.exponential(MEAN_GAP_S - MIN_GAP_S))


def _fade(n: int, attack: float, release: float) -> np.ndarray:
    env = np.ones(n)
    a, r = int(attack * RATE), int(release * RATE)
    env[:a] = np.linspace(0, 1, a)
    env[n - r:] *= np.linspace(1, 0, r)
    return env


def bird(rng: np.random.Generator) -> np.ndarray:
    """Two or three quick, falling whistles, far away."""
    notes = []
    for _ in range(int(rng.integers(2, 4))):
        n = int(RATE * rng.uniform(0.08, 0.14))
        t = np.arange(n) / RATE
        start, end = rng.uniform(3000, 4200), rng.uniform(2200, 2900)
        phase = 2 * np.pi * np.cumsum(np.linspace(start, end, n)) / RATE
        notes += [np.sin(phase) * np.sin(np.pi * t / t[-1]) * 0.25,
                  np.zeros(int(RATE * rng.uniform(0.05, 0.12)))]
    return np.concatenate(notes)


def moving_average(x: np.ndarray, width: int) -> np.ndarray:
    """The mean over a window centred on each sample, as np.convolve(x, ones(width) / width,
    mode="same") gives it (zeros beyond the ends), in linear time through a running sum padded
    at both ends, so each mean is one difference of two of its slices (no index arrays)."""
    n = len(x)
    ahead = (width - 1) // 2  # 'same' looks this far ahead; the rest of the window lies behind
    behind = width - 1 - ahead
    running = np.zeros(n + width)  # zeros before the start; the full sum repeated past the end
    # Summed in double precision whatever x is: a long running sum is where precision goes.
    np.cumsum(x, dtype=np.float64, out=running[behind + 1:behind + 1 + n])
    running[behind + 1 + n:] = running[behind + n]
    mean = running[width:width + n] - running[:n]
    mean /= width
    return mean


def big_wave(rng: np.random.Generator) -> np.ndarray:
    """A larger wave breaking: a swell of low noise, then a long hiss. Worked out in place in a
    few single-precision arrays (ample for a sound that ends as 16-bit samples): each array of a
    wave's length costs the worker page faults, and memory the allocator may keep afterwards."""
    n = int(RATE * rng.uniform(4.0, 6.0))
    noise = rng.standard_normal(n, dtype=np.float32)
    np.cumsum(noise, out=noise)
    noise *= 0.002
    noise -= moving_average(noise, 400)  # keep the body, lose the drift
    envelope = np.arange(n, dtype=np.float32)
    envelope /= n  # the time through the wave, 0..1
    swell = int(np.searchsorted(envelope, 0.3))
    rise, fall = envelope[:swell], envelope[swell:]
    rise /= 0.3
    rise **= 2  # rising as the square of the time...
    fall -= 0.3
    fall *= -5
    np.exp(fall, out=fall)  # ...then dying away
    noise *= envelope
    noise *= 8
    return noise


def pop(rng: np.random.Generator) -> np.ndarray:
    """A single crack of the fire."""
    n = int(RATE * rng.uniform(0.02, 0.05))
    t = np.arange(n) / RATE
    return rng.standard_normal(n) * np.exp(-t * 120) * 0.5


def bowl_strike(rng: np.random.Generator) -> np.ndarray:
    """A soft strike of the bowl, ringing for a few seconds (always the same strike: only its
    place left to right varies, so it is worked out once)."""
    return _bowl_tone()


@cache
def _bowl_tone() -> np.ndarray:
    n = int(RATE * 6.0)
    t = np.arange(n) / RATE
    tone = sum(level * np.sin(2 * np.pi * 196.0 * ratio * t) * np.exp(-t * decay)
               for ratio, level, decay in ((1.0, 1.0, 0.6), (2.71, 0.5, 1.0), (5.15, 0.25, 1.8)))
    strike = np.asarray(tone) * _fade(n, 0.01, 0.3) * 0.2
    strike.flags.writeable = False  # shared by every strike
    return strike


EVENTS = {"night": bird, "ocean": big_wave, "fire": pop, "bowl": bowl_strike}


def render_event(sound_id: str, rng: np.random.Generator) -> np.ndarray | None:
    """One event for a sound, as 16-bit stereo with a random place left to right; None if that
    sound has no events."""
    make = EVENTS.get(sound_id)
    if make is None:
        return None
    mono = make(rng)
    scale = max(1.0, max(float(mono.max()), -float(mono.min())) / 0.5)  # peaks at most -6 dBFS
    pan = rng.uniform(0.25, 0.75)
    stereo = np.empty((len(mono), 2), dtype=np.int16)
    side = np.empty_like(mono)  # one side at a time: never in place, the bowl's tone is shared
    for column, gain in enumerate((np.sqrt(1 - pan), np.sqrt(pan))):
        np.multiply(mono, gain * 32767 / scale, out=side)
        np.rint(side, out=side)
        stereo[:, column] = side
    return stereo
