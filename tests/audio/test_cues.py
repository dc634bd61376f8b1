"""Breathing cues: rendered to the exact phase lengths, and heard through the real pygame mixer."""

import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from companion.audio.cues import (
    CHIME_FADE_IN_S,
    SAMPLE_RATE,
    chime,
    cycle_boundaries,
    end_chime,
    render_cycle,
)
from companion.breathing.library import load_builtin_patterns

RESONANCE = load_builtin_patterns()[0]


def chime_onsets(mono: np.ndarray) -> list[int]:
    """Where chimes begin: the glide is removed (everything under 600 Hz), then each rise of the
    remainder above a small level after at least 0.5 s of quiet counts as one onset."""
    spectrum = np.fft.rfft(mono)
    spectrum[np.fft.rfftfreq(len(mono), 1 / SAMPLE_RATE) < 600] = 0
    bright = np.abs(np.fft.irfft(spectrum, len(mono)))
    loud = np.flatnonzero(bright > 0.02 * np.max(bright))
    return [int(i) for k, i in enumerate(loud) if k == 0 or i - loud[k - 1] > SAMPLE_RATE // 2]


def first_sound(samples: np.ndarray) -> int:
    return int(np.flatnonzero(samples)[0])


def dominant_hz(mono: np.ndarray, at_s: float, low=150.0, high=360.0) -> float:
    """The strongest frequency between low and high in a 4096-sample window at at_s."""
    start = int(at_s * SAMPLE_RATE)
    frame = mono[start:start + 4096] * np.hanning(4096)
    spectrum = np.abs(np.fft.rfft(frame, 65536))
    freqs = np.fft.rfftfreq(65536, 1 / SAMPLE_RATE)
    band = (freqs >= low) & (freqs <= high)
    return float(freqs[band][np.argmax(spectrum[band])])


def test_one_breath_renders_to_exactly_its_length():
    """A 4/6 breath is 10 s = 441,000 stereo samples; phase starts sit on the cumulative sums."""
    pcm = render_cycle(RESONANCE)
    assert pcm.shape == (441_000, 2) and pcm.dtype == np.int16
    assert cycle_boundaries(RESONANCE) == [0, 176_400, 441_000]


def test_cues_peak_at_minus_6_dbfs_or_below():
    """Cues leave headroom for ambient sound: the peak is at most half of full scale."""
    for pattern in load_builtin_patterns():
        assert np.max(np.abs(render_cycle(pattern, hold_tone=True))) <= 16384


def test_chime_fades_in_over_at_least_50_ms():
    """The chime starts from silence and reaches full level no sooner than 50 ms in."""
    bell = np.abs(chime())
    assert CHIME_FADE_IN_S >= 0.05
    assert bell[0] == 0
    assert np.max(bell[: int(0.045 * SAMPLE_RATE)]) < np.max(bell)


def test_chimes_sit_on_every_phase_boundary():
    """In one rendered box breath, a chime starts at each of the four phase boundaries."""
    box = next(p for p in load_builtin_patterns() if p.id == "box")
    mono = np.tile(render_cycle(box)[:, 0].astype(float), 2)
    onsets = chime_onsets(mono)
    # Onsets are found a few samples into each fade-in, the same few every time.
    assert len(onsets) == 8
    assert all(abs(gap - 176_400) <= 2 for gap in np.diff(onsets))


def test_loop_has_no_seam():
    """The last sample flows into the first: the jump is no bigger than the largest step inside."""
    mono = render_cycle(RESONANCE)[:, 0].astype(int)
    inside = np.max(np.abs(np.diff(mono)))
    assert abs(mono[0] - mono[-1]) <= inside


def test_end_chime_differs_from_the_phase_chime():
    """The end chime is lower and longer than the chime at phase changes."""
    end = end_chime()[:, 0].astype(float)
    assert len(end) > len(chime())
    assert dominant_hz(end, 1.0, 400, 1000) < 600


CAPTURE = """
import os, sys
# 4 ms per 23 ms buffer: fast, yet 20 s of sound takes over three seconds, so a busy machine
# cannot let the mixer finish both breaths between play() and queue() (1 ms once allowed it
# under a heavy load, as 0 ms did without one).
os.environ.update(SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=sys.argv[1], SDL_DISKAUDIODELAY="4")
from companion.breathing.library import load_builtin_patterns
from companion.audio.cues import render_cycle, end_chime
from companion.audio.pygame_engine import PygameAudioEngine
import pygame.time
engine = PygameAudioEngine()
engine.play_cues(render_cycle(load_builtin_patterns()[0]), 2, end_chime())
while engine.cues_busy():  # about a second at this delay
    pygame.time.wait(1)
engine.close()
"""


@pytest.fixture(scope="module")
def captured(tmp_path_factory) -> np.ndarray:
    """Two 4/6 breaths and the end chime, played by the real mixer into SDL's disk driver."""
    raw = tmp_path_factory.mktemp("audio") / "capture.raw"
    subprocess.run([sys.executable, "-c", CAPTURE, str(raw)], check=True, timeout=120,
                   capture_output=True, env={**os.environ})
    stereo = np.frombuffer(Path(raw).read_bytes(), dtype=np.int16).reshape(-1, 2)
    return stereo[:, 0].astype(float)


def test_capture_holds_the_breaths_sample_for_sample(captured):
    """The mixer's output is the rendered breath twice, bit for bit, then the end chime with no gap:
    so in the captured file's own samples each chime starts exactly 4 s, then 6 s, after the last."""
    breath = render_cycle(RESONANCE)[:, 0].astype(float)
    start = first_sound(captured) - first_sound(breath)
    two = captured[start:start + 2 * len(breath)]
    assert np.array_equal(two, np.tile(breath, 2))
    end = end_chime()[:, 0].astype(float)
    assert np.array_equal(captured[start + 2 * len(breath):][:len(end)], end)
    onsets = [start + b for b in cycle_boundaries(RESONANCE)[:-1]]
    assert np.diff([*onsets, start + len(breath)]).tolist() == [176_400, 264_600]


def test_captured_pitch_rises_on_the_inhale_and_falls_on_the_exhale(captured):
    """The tone glides up through the 4 s inhale and down through the 6 s exhale."""
    first = (first_sound(captured) - first_sound(render_cycle(RESONANCE)[:, 0])) / SAMPLE_RATE
    inhale = [dominant_hz(captured, first + t) for t in (0.4, 1.5, 2.6, 3.5)]
    exhale = [dominant_hz(captured, first + 4 + t) for t in (0.4, 2.0, 3.6, 5.4)]
    assert inhale == sorted(inhale) and inhale[-1] - inhale[0] > 60
    assert exhale == sorted(exhale, reverse=True) and exhale[0] - exhale[-1] > 60
    assert 185 < inhale[0] < 230 and 260 < inhale[-1] < 300


def test_wrapping_keeps_length_for_a_fractional_pace():
    """At 5.5 breaths a minute a breath is 10.909… s; it renders to the nearest whole sample."""
    pcm = render_cycle(RESONANCE.at_rate(Fraction(11, 2)))
    assert len(pcm) == round(Fraction(120, 11) * SAMPLE_RATE)


def test_rests_are_silent_unless_the_low_tone_is_chosen():
    """During a box breath's rests the cue is silent (past the chime), or a low 147 Hz hum if chosen."""
    box = next(p for p in load_builtin_patterns() if p.id == "box")
    rest_start = 4 * SAMPLE_RATE  # the first rest: 4 s to 8 s
    quiet = render_cycle(box)[:, 0].astype(float)
    hum = render_cycle(box, hold_tone=True)[:, 0].astype(float)
    after_chime = slice(rest_start + int(1.5 * SAMPLE_RATE), rest_start + int(3.5 * SAMPLE_RATE))
    assert np.max(np.abs(quiet[after_chime])) == 0
    assert 140 < dominant_hz(hum, 6.0, 100, 200) < 155
