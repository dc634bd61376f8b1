"""Spoken breathing cues: each phase's word starts exactly on its boundary in the looped breath,
also in what the real mixer plays into SDL's disk driver; a word that does not fit its phase
makes the whole pattern fall back to the tones."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from companion.audio.cue_words import CUE_FOLDER, FILES, file_stem, read_words
from companion.audio.cues import SAMPLE_RATE, cycle_boundaries, render_cycle, spoken_cycle
from companion.breathing.library import load_builtin_patterns
from companion.relax.voice import bundled_voice

PATTERNS = {p.id: p for p in load_builtin_patterns()}
WORDS_FOLDER = bundled_voice().folder / CUE_FOLDER


@pytest.fixture(scope="module")
def words():
    loaded = read_words(WORDS_FOLDER, SAMPLE_RATE)
    assert loaded is not None and set(loaded) == set(FILES)
    return loaded


def onset(samples: np.ndarray, level: float = 0.05) -> int:
    return int(np.flatnonzero(np.abs(samples) > level * np.max(np.abs(samples)))[0])


def test_the_bundled_cue_words_are_short_spoken_recordings(words):
    """'Breathe in', 'Hold' and 'Breathe out' each last well under a second and a half."""
    for stem, samples in words.items():
        assert 0.3 < len(samples) / SAMPLE_RATE < 1.5, stem
        assert np.max(np.abs(samples)) > 0.1, stem


def test_each_word_starts_exactly_on_its_phase_boundary(words):
    """Box breathing: the breath minus its softened glide is the words, each starting at the
    sample where its phase starts."""
    box = PATTERNS["box"]
    spoken = spoken_cycle(box, words)
    assert spoken is not None and len(spoken) == cycle_boundaries(box)[-1]
    bounds = cycle_boundaries(box)
    mono = spoken[:, 0].astype(float)
    tones = render_cycle(box)[:, 0].astype(float)  # the chimes are not in the spoken breath
    for index, phase in enumerate(box.phases):
        word = words[file_stem(phase.kind)]

        def match(lag: int, start: int = bounds[index], word: np.ndarray = word) -> float:
            segment = np.roll(mono, -(start + lag))[:len(word)]  # the loop wraps
            return float(np.corrcoef(segment, word)[0, 1])

        lags = range(-300, 301, 3)
        best = max(lags, key=match)
        assert best == 0 and match(0) > 0.7, (phase.kind, best, match(0))
    assert not np.array_equal(mono, tones)


def test_a_word_that_does_not_fit_its_phase_falls_back_to_the_tones(words):
    """Cyclic sighing's short top-up cannot hold 'A little more': no spoken breath is made."""
    sigh = PATTERNS["cyclic-sighing"]
    top_up = next(p for p in sigh.phases if p.kind.value == "top_up")
    assert len(words["top_up"]) / SAMPLE_RATE > float(top_up.seconds) - 0.25
    assert spoken_cycle(sigh, words) is None


def test_missing_word_files_mean_tones(tmp_path):
    assert read_words(tmp_path, SAMPLE_RATE) is None


CAPTURE = """
import os, sys
os.environ.update(SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=sys.argv[1], SDL_DISKAUDIODELAY="4")
from pathlib import Path
from companion.audio.cue_words import read_words
from companion.audio.cues import SAMPLE_RATE, end_chime, spoken_cycle
from companion.breathing.library import load_builtin_patterns
from companion.audio.pygame_engine import PygameAudioEngine
import pygame.time
box = next(p for p in load_builtin_patterns() if p.id == "box")
engine = PygameAudioEngine()
engine.play_cues(spoken_cycle(box, read_words(Path(sys.argv[2]), SAMPLE_RATE)), 2, end_chime())
while engine.cues_busy():
    pygame.time.wait(1)
engine.close()
"""


def test_the_mixer_plays_the_spoken_breath_sample_for_sample(tmp_path, words):
    """Captured from the real mixer: two spoken box breaths bit for bit, so every word lands on
    its phase boundary, counted in samples (4 s = 176,400 apart)."""
    raw = tmp_path / "capture.raw"
    subprocess.run([sys.executable, "-c", CAPTURE, str(raw), str(WORDS_FOLDER)], check=True,
                   timeout=120, capture_output=True, env={**os.environ})
    captured = np.frombuffer(Path(raw).read_bytes(), dtype=np.int16).reshape(-1, 2)[:, 0]
    breath = spoken_cycle(PATTERNS["box"], words)[:, 0]
    start = int(np.flatnonzero(captured)[0]) - int(np.flatnonzero(breath)[0])
    assert np.array_equal(captured[start:start + 2 * len(breath)], np.tile(breath, 2))
    starts = [start + b for b in cycle_boundaries(PATTERNS["box"])]
    assert np.diff(starts).tolist() == [176_400] * 4
