"""Measures of a rendered loop, as the tests check them (numpy only; loudness lives in the tests,
which use pyloudnorm). Kept here so the build and the tests measure the same way."""

from __future__ import annotations

import numpy as np


def seam_click_score(loop: np.ndarray) -> float:
    """Mean squared second difference over the 8 samples around the wrap point, divided by its
    median over the whole loop (played circularly); about 1 means the seam is unremarkable."""
    worst = 0.0
    for channel in np.atleast_2d(loop.T):
        wrapped = np.concatenate([channel[-6:], channel, channel[:6]])
        second = np.diff(wrapped, 2) ** 2  # index k is centred on wrapped[k + 1]
        around_seam = second[6 - 1 - 4 + 1: 6 - 1 + 4 + 1]  # 8 values centred on the wrap
        typical = float(np.median(second[5:-5]))
        worst = max(worst, float(np.mean(around_seam)) / max(typical, 1e-20))
    return worst


def octave_slope_db(loop: np.ndarray, rate: int, low: float = 50.0, high: float = 10_000.0
                    ) -> float:
    """Slope of the spectrum in dB per octave: octave-band means of a Welch PSD, fitted by a line."""
    from scipy.signal import welch  # scipy comes with the test and build extras

    mono = loop.mean(axis=1) if loop.ndim == 2 else loop
    freqs, power = welch(mono, fs=rate, nperseg=16384)
    centres, levels = [], []
    centre = low * np.sqrt(2)
    while centre * np.sqrt(2) <= high:
        band = (freqs >= centre / np.sqrt(2)) & (freqs < centre * np.sqrt(2))
        centres.append(np.log2(centre))
        levels.append(10 * np.log10(np.mean(power[band])))
        centre *= 2
    return float(np.polyfit(centres, levels, 1)[0])


def strongest_modulation_hz(loop: np.ndarray, rate: int, low: float = 0.02,
                            high: float = 2.0) -> float:
    """The frequency of the strongest slow change in level (the rhythm of waves, of gusts)."""
    mono = loop.mean(axis=1) if loop.ndim == 2 else loop
    hop = rate // 20
    frames = len(mono) // hop
    level = np.sqrt(np.mean(mono[: frames * hop].reshape(frames, hop) ** 2, axis=1))
    level -= level.mean()
    spectrum = np.abs(np.fft.rfft(level * np.hanning(len(level))))
    freqs = np.fft.rfftfreq(len(level), 1 / 20)
    band = (freqs >= low) & (freqs <= high)
    return float(freqs[band][np.argmax(spectrum[band])])
