"""Real WAV files for the tests, written with the standard library's wave module."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np


def write_wav(path: Path, samples: np.ndarray, rate: int = 44100) -> Path:
    """16-bit samples, one column per channel, as a WAV file at `rate`."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(samples.shape[1])
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.asarray(samples).astype("<i2").tobytes())
    return path


def noise_wav(path: Path, seconds: float, rate: int = 44100, seed: int = 0) -> Path:
    """Quiet stereo noise of this length and rate."""
    noise = np.random.default_rng(seed).normal(0, 800, (int(seconds * rate), 2))
    return write_wav(path, noise, rate)
