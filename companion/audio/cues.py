"""Eyes-closed breathing cues, synthesised to the exact phase lengths (numpy only, no pygame).

A glide up over the inhale (196 -> 294 Hz), the same glide down over the exhale, silence or a low
steady tone on holds, a soft chime at every phase change and a distinct two-note chime at the end.
One breath renders to one buffer that the engine loops, so the cues stay in step with the timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np

from companion.breathing.model import Pattern, PhaseKind

SAMPLE_RATE = 44100
LOW_HZ, HIGH_HZ = 196.0, 294.0  # G3 up to D4: low, warm and easy to follow
TOP_UP_HZ = 330.0  # the cyclic sigh's extra sip rises a little further
HOLD_HZ = 147.0  # a low D, for those who prefer a steady tone on holds
CHIME_HZ = 880.0
CHIME_FADE_IN_S = 0.06  # at least 50 ms, so no chime ever clicks
GLIDE_LEVEL, HOLD_LEVEL, CHIME_LEVEL = 0.22, 0.07, 0.10
PEAK = 0.5  # cues peak at -6 dBFS, leaving headroom for ambient sound underneath


def samples_at(seconds: Fraction | float) -> int:
    """The sample index of a time, rounded to the nearest sample."""
    return round(Fraction(seconds) * SAMPLE_RATE)


def _envelope(n: int, attack: float, release: float) -> np.ndarray:
    """A raised-cosine fade in and out over n samples."""
    env = np.ones(n)
    a = min(int(attack * SAMPLE_RATE), n // 2)
    r = min(int(release * SAMPLE_RATE), n // 2)
    if a:
        env[:a] = 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, a))
    if r:
        env[n - r:] = 0.5 + 0.5 * np.cos(np.linspace(0, np.pi, r))
    return env


def glide(n: int, start_hz: float, end_hz: float) -> np.ndarray:
    """A soft tone whose pitch moves smoothly (exponentially) from start_hz to end_hz over n samples."""
    t = np.arange(n) / SAMPLE_RATE
    duration = n / SAMPLE_RATE
    if start_hz == end_hz:
        phase = 2 * np.pi * start_hz * t
    else:
        ratio = np.log(end_hz / start_hz)
        phase = 2 * np.pi * start_hz * duration / ratio * (np.exp(ratio * t / duration) - 1)
    tone = np.sin(phase) + 0.2 * np.sin(2 * phase)
    return tone / 1.2 * _envelope(n, 0.25, 0.35)


def chime(n: int | None = None, hz: float = CHIME_HZ) -> np.ndarray:
    """A soft bell: a few inharmonic partials, a 60 ms fade-in and a gentle decay."""
    n = n or int(1.4 * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    partials = ((1.0, 1.0, 2.5), (2.0, 0.35, 4.0), (3.01, 0.15, 6.0))
    bell = sum(level * np.sin(2 * np.pi * hz * ratio * t) * np.exp(-decay * t)
               for ratio, level, decay in partials)
    return np.asarray(bell) / 1.5 * _envelope(n, CHIME_FADE_IN_S, 0.1)


def end_chime() -> np.ndarray:
    """Two falling notes, clearly unlike the phase chime: the paced part is over."""
    first, second = chime(hz=784.0), chime(n=int(2.4 * SAMPLE_RATE), hz=523.25)
    out = np.zeros(int(0.45 * SAMPLE_RATE) + len(second))
    out[:len(first)] += first
    out[int(0.45 * SAMPLE_RATE):] += second
    return to_pcm(out * CHIME_LEVEL * 1.6)


def _phase_tone(kind: PhaseKind, n: int, hold_tone: bool) -> np.ndarray:
    if kind is PhaseKind.INHALE:
        return GLIDE_LEVEL * glide(n, LOW_HZ, HIGH_HZ)
    if kind is PhaseKind.TOP_UP:
        return GLIDE_LEVEL * glide(n, HIGH_HZ, TOP_UP_HZ)
    if kind is PhaseKind.EXHALE:
        return GLIDE_LEVEL * glide(n, HIGH_HZ, LOW_HZ)
    if hold_tone:
        return HOLD_LEVEL * glide(n, HOLD_HZ, HOLD_HZ)
    return np.zeros(n)


def cycle_boundaries(pattern: Pattern) -> list[int]:
    """Sample index of each phase start within one breath, and of the breath's end."""
    starts, total = [0], Fraction(0)
    for phase in pattern.phases:
        total += phase.seconds
        starts.append(samples_at(total))
    return starts


def _mix_cycle(pattern: Pattern, hold_tone: bool, glide_level: float,
               mark: Callable[[np.ndarray, int, PhaseKind], None]) -> np.ndarray:
    """One breath as 16-bit stereo PCM: each phase's glide at glide_level, then its mark (a
    chime or a spoken word) placed at the phase's first sample."""
    bounds = cycle_boundaries(pattern)
    mono = np.zeros(bounds[-1])
    for index, phase in enumerate(pattern.phases):
        start, end = bounds[index], bounds[index + 1]
        mono[start:end] += glide_level * _phase_tone(phase.kind, end - start, hold_tone)
        mark(mono, start, phase.kind)
    return to_pcm(mono)


def render_cycle(pattern: Pattern, hold_tone: bool = False) -> np.ndarray:
    """One breath of cues as 16-bit stereo PCM; chimes that ring past the end wrap to the start,
    so the buffer loops without a seam."""
    bell = CHIME_LEVEL * chime()
    return _mix_cycle(pattern, hold_tone, 1.0,
                      lambda mono, start, _kind: _add_wrapped(mono, bell, start))


SPOKEN_LEVEL = 0.45  # a word carries the cue; the glide sits quietly under it
SPOKEN_GLIDE = 0.5  # the glide at half its usual level when words are spoken


def spoken_cycle(pattern: Pattern, words: dict[str, np.ndarray],
                 hold_tone: bool = False) -> np.ndarray | None:
    """One breath with each phase's word spoken at its start (in place of the chime) over a
    softer glide, as 16-bit stereo PCM; None when a word does not fit inside its phase (with
    a quarter of a second to spare), so the caller plays the tones instead."""
    from companion.audio.cue_words import MARGIN_S, file_stem

    bounds = cycle_boundaries(pattern)
    if any(len(words[file_stem(phase.kind)]) > bounds[i + 1] - bounds[i] - samples_at(MARGIN_S)
           for i, phase in enumerate(pattern.phases)):
        return None

    def say(mono: np.ndarray, start: int, kind: PhaseKind) -> None:
        word = words[file_stem(kind)]
        peak = float(np.max(np.abs(word))) or 1.0
        mono[start:start + len(word)] += SPOKEN_LEVEL * word / peak

    return _mix_cycle(pattern, hold_tone, SPOKEN_GLIDE, say)


def _add_wrapped(target: np.ndarray, sound: np.ndarray, start: int) -> None:
    """Mix sound into target from start, carrying whatever runs past the end round to the start."""
    done = 0
    while done < len(sound):
        at = (start + done) % len(target)
        take = min(len(sound) - done, len(target) - at)
        target[at:at + take] += sound[done:done + take]
        done += take


def to_pcm(mono: np.ndarray) -> np.ndarray:
    """Float samples to 16-bit stereo, never above the PEAK level."""
    loudest = float(np.max(np.abs(mono))) if len(mono) else 0.0
    if loudest > PEAK:
        mono = mono * (PEAK / loudest)
    pcm = np.round(mono * 32767).astype(np.int16)
    return np.column_stack([pcm, pcm])


RELAX_CUE_LEVEL = 0.12  # under the voice: the cue marks the moment, the words carry it


def tense_cue() -> np.ndarray:
    """A short, soft rise (G3 to B3): time to tighten, gently."""
    return to_pcm(RELAX_CUE_LEVEL * glide(int(0.7 * SAMPLE_RATE), LOW_HZ, 247.0))


def release_cue() -> np.ndarray:
    """A long, soft fall (D4 down to G3): let it all go."""
    return to_pcm(RELAX_CUE_LEVEL * glide(int(1.8 * SAMPLE_RATE), HIGH_HZ, LOW_HZ))
