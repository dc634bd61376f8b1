"""The natural voice (Piper with the joe voice, the `voice` extra, installed with the test extra):
rendered for real on this machine into the user's cache, used only when complete, at the same
loudness as the bundled set and fitting every step; a user's own words spoken by it, or by
espeak-ng when it is not installed; and the committed set really spoken by the voice its index
names."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib

import numpy as np
import pyloudnorm
import pytest
import soundfile

from companion.cli import main as cli_main
from companion.relax.library import load_builtin_scripts
from companion.relax.model import StepKind
from companion.relax.voice import (
    builtin_voice,
    bundled_voice,
    natural_voice_folder,
    own_speech_path,
    read_index,
    render_own_speech,
    wav_seconds,
)

STEPS = {step.voice_key: step for script in load_builtin_scripts() for step in script.steps}


@pytest.fixture
def rendered(natural_voice_set):
    """`companion voice render` for a fresh home (conftest renders it once per session)."""
    return natural_voice_set


def test_voice_render_fills_the_cache_with_every_built_in_step(rendered, capsys):
    """After the render, the built-in scripts speak with the natural voice; its index says so."""
    voice = builtin_voice(rendered)
    assert voice.natural and voice.folder == natural_voice_folder(rendered)
    assert set(voice.seconds) == set(bundled_voice().seconds) == set(STEPS)
    assert "en_US-joe-medium" in voice.voice and "length_scale 1.35" in voice.voice
    assert sorted(p.name for p in (voice.folder / "cues").glob("*.wav")) == [
        "exhale.wav", "hold.wav", "inhale.wav", "top_up.wav"]  # the spoken breathing cues


def test_each_natural_recording_fits_its_step(rendered):
    """Words end half a second before the step does; tensing cues stay short."""
    voice = read_index(natural_voice_folder(rendered))
    too_long = [s.text for s in STEPS.values() if s.kind is not StepKind.TENSE
                and voice.length(s) > s.seconds - 0.5]
    assert too_long == []
    assert max(voice.length(s) for s in STEPS.values() if s.kind is StepKind.TENSE) <= 8


def test_natural_recordings_are_at_speech_loudness_with_headroom(rendered):
    """The shared normaliser: -20 LUFS within 1.5 LU, peaks at most -2 dBFS, mono."""
    voice = read_index(natural_voice_folder(rendered))
    for key in STEPS:
        samples, rate = soundfile.read(voice.folder / f"{key}.ogg", dtype="float64")
        assert samples.ndim == 1
        padded = np.concatenate([samples, np.zeros(max(0, rate - len(samples)))])
        loudness = pyloudnorm.Meter(rate).integrated_loudness(padded)
        assert abs(loudness - (-20.0)) <= 1.5, (key, loudness)
        assert 20 * np.log10(np.max(np.abs(samples))) <= -2.0, key


def test_a_half_rendered_set_is_never_used(rendered, tmp_path):
    """One recording missing, and the bundled voice speaks until the set is whole again."""
    partial = tmp_path / "voice"
    shutil.copytree(natural_voice_folder(rendered), natural_voice_folder(partial))
    next(natural_voice_folder(partial).glob("*.ogg")).unlink()
    assert builtin_voice(partial) == bundled_voice()


def test_a_users_step_is_spoken_by_the_natural_voice(tmp_path):
    """A real render of a short text, in its own process, kept in the natural voice's folder."""
    path = render_own_speech("Let your shoulders drop.", tmp_path)
    assert path == own_speech_path("Let your shoulders drop.", tmp_path)
    assert path.parent.name == "natural-own"
    samples, rate = soundfile.read(path)
    assert rate == 22050 and 0.8 < wav_seconds(path) < 6
    assert np.max(np.abs(samples)) > 0.05


def test_without_the_extra_a_users_step_is_spoken_by_espeak(tmp_path, monkeypatch):
    """The extra missing (injected): espeak-ng speaks, into the cache's own folder."""
    monkeypatch.setattr("companion.relax.voice.natural_voice_installed", lambda: False)
    path = render_own_speech("Let your shoulders drop.", tmp_path)
    assert path.parent == tmp_path and path.suffix == ".wav"
    assert 0.8 < wav_seconds(path) < 5


def test_voice_render_without_the_extra_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("companion.relax.voice.natural_voice_installed", lambda: False)
    assert cli_main(["--home", str(tmp_path), "voice", "render"]) == 1
    assert "pip install 'companion[voice]'" in capsys.readouterr().err


def test_voice_status_names_the_voice_that_reads(tmp_path, capsys):
    assert cli_main(["--home", str(tmp_path), "voice", "status"]) == 0
    out = capsys.readouterr().out
    assert "espeak-ng" in out and "companion voice render" in out


def test_the_committed_recordings_were_spoken_by_the_voice_their_index_names(tmp_path):
    """Re-render one short step with the bundled voice's settings: its length is within 10 % of
    the committed one, so the index cannot name a voice that did not speak."""
    index = tomllib.loads((bundled_voice().folder / "index.toml").read_text())
    assert index["voice"].startswith("espeak-ng")
    key = min((k for k in STEPS if 2 < bundled_voice().seconds[k] < 5),
              key=lambda k: bundled_voice().seconds[k])
    done = subprocess.run([sys.executable, "-m", "companion.relax.voice_build", "--out",
                           str(tmp_path), "--only", key], capture_output=True, text=True,
                          check=True)
    length = float(done.stdout.split()[-1])
    assert abs(length - bundled_voice().seconds[key]) <= 0.1 * bundled_voice().seconds[key]
