"""The spoken voice: every built-in step has its recording, of sane loudness and length, and the
system's speech (espeak-ng, the real program) reads a user's own words to a file."""

from __future__ import annotations

from functools import cache

import numpy as np
import pyloudnorm
import pytest
import soundfile

from companion.relax.library import load_builtin_scripts
from companion.relax.model import StepKind
from companion.relax.voice import bundled_voice, render_speech, system_speech, wav_seconds
from companion.resources import assets_dir

SCRIPTS = load_builtin_scripts()
STEPS = {step.voice_key: step for script in SCRIPTS for step in script.steps}
VOICE = bundled_voice()
TARGET_LUFS = -20.0


@cache
def decoded(key: str) -> tuple[np.ndarray, int]:
    path = VOICE.path(STEPS[key])
    assert path is not None
    return soundfile.read(path, dtype="float64")


def test_every_built_in_step_has_its_recording():
    missing = [step.text for step in STEPS.values()
               if VOICE.path(step) is None or not VOICE.path(step).is_file()]
    assert missing == []


def test_no_recording_is_left_over_from_words_that_changed():
    folder = assets_dir() / "relax" / "voice"
    assert {p.stem for p in folder.glob("*.ogg")} == set(STEPS)


@pytest.mark.parametrize("key", sorted(STEPS))
def test_each_recording_is_mono_at_speech_loudness_with_headroom(key):
    """Within 1.5 LU of -20 LUFS (a little above the -23 LUFS ambient loops), peaks under -2.5 dBFS."""
    samples, rate = decoded(key)
    assert samples.ndim == 1
    padded = np.concatenate([samples, np.zeros(max(0, rate - len(samples)))])
    loudness = pyloudnorm.Meter(rate).integrated_loudness(padded)
    assert abs(loudness - TARGET_LUFS) <= 1.5, loudness
    assert 20 * np.log10(np.max(np.abs(samples))) <= -2.5


@pytest.mark.parametrize("key", sorted(STEPS))
def test_each_recording_lasts_what_its_index_says(key):
    samples, rate = decoded(key)
    assert abs(len(samples) / rate - VOICE.seconds[key]) < 0.05
    assert 0.3 <= len(samples) / rate <= 30


def test_the_words_of_each_step_fit_in_its_time():
    """Speech ends at least half a second before the step does (tensing steps hold after it)."""
    too_long = [(s.text, VOICE.length(s)) for s in STEPS.values()
                if s.kind is not StepKind.TENSE and VOICE.length(s) > s.seconds - 0.5]
    assert too_long == []


def test_tensing_instructions_are_short():
    """A tensing instruction ends quickly, so the hold starts soon after the cue."""
    assert max(VOICE.length(s) for s in STEPS.values() if s.kind is StepKind.TENSE) <= 8


def test_the_system_speech_reads_a_users_words_to_a_wav_file(tmp_path):
    """The real espeak-ng renders speech that is not silence, once per text (then cached)."""
    assert system_speech() is not None, "espeak-ng is installed by .ci/run"
    path = render_speech("Let your shoulders drop.", tmp_path)
    samples, _rate = soundfile.read(path)
    assert 0.8 < wav_seconds(path) < 5
    assert np.max(np.abs(samples)) > 0.05
    before = path.stat().st_mtime_ns
    assert render_speech("Let your shoulders drop.", tmp_path) == path
    assert path.stat().st_mtime_ns == before


def test_without_a_speech_program_rendering_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr("companion.relax.voice.system_speech", lambda: None)
    with pytest.raises(OSError, match="no speech program"):
        render_speech("Hello.", tmp_path)
