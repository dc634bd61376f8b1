"""The committed ambient loops meet their quality bar (checked on the files themselves)."""

from __future__ import annotations

import math
from functools import cache
from itertools import combinations

import numpy as np
import pyloudnorm
import pytest
import soundfile

from companion.sounds.catalog import CatalogError, load_catalog
from companion.sounds.quality import (
    octave_slope_db,
    seam_click_score,
    strongest_modulation_hz,
)
from companion.sounds.synth import LIBRARY, RATE, join_tail, render

CATALOG = load_catalog()
IDS = [sound.id for sound in CATALOG]
TARGET_LUFS = -23.0


@cache
def decoded(sound_id: str) -> tuple[np.ndarray, int]:
    path = next(s.path for s in CATALOG if s.id == sound_id)
    samples, rate = soundfile.read(path, always_2d=True)
    return samples, rate


def test_the_library_has_the_nine_promised_sounds():
    """Pink and brown noise, rain, ocean, wind, a stream, a fire, night and a singing bowl."""
    assert IDS == ["pink-noise", "brown-noise", "rain", "ocean", "wind", "stream", "fire",
                   "night", "bowl"]


@pytest.mark.parametrize("sound_id", IDS)
def test_format_is_44_1_khz_stereo_and_at_least_a_minute(sound_id):
    """Each loop is 44.1 kHz stereo and at least 60 s long."""
    samples, rate = decoded(sound_id)
    assert rate == 44_100 and samples.shape[1] == 2
    assert len(join_tail(samples)) >= 60 * rate


@pytest.mark.parametrize("sound_id", IDS)
def test_loudness_is_within_1_lu_of_minus_23_lufs(sound_id):
    """Integrated loudness (ITU-R BS.1770) sits within 1 LU of -23 LUFS, so layers balance."""
    samples, rate = decoded(sound_id)
    loudness = pyloudnorm.Meter(rate).integrated_loudness(samples)
    assert abs(loudness - TARGET_LUFS) <= 1.0, loudness


@pytest.mark.parametrize("sound_id", IDS)
def test_peaks_stay_at_or_below_minus_1_dbfs(sound_id):
    """No sample comes within 1 dB of full scale."""
    samples, _ = decoded(sound_id)
    assert 20 * math.log10(np.max(np.abs(samples))) <= -1.0


@pytest.mark.parametrize("sound_id", IDS)
def test_the_loop_seam_does_not_click(sound_id):
    """Once the tail is crossfaded on, the wrap point's click score is at most 3.5."""
    samples, _ = decoded(sound_id)
    assert seam_click_score(join_tail(samples)) <= 3.5


def test_loop_lengths_are_pairwise_coprime():
    """No two loops share a period, so a mix never repeats audibly."""
    seconds = [spec.seconds for spec in LIBRARY]
    assert all(math.gcd(a, b) == 1 for a, b in combinations(seconds, 2))


def test_pink_noise_falls_3_db_per_octave():
    """Pink noise: -3 +- 0.3 dB per octave between 50 Hz and 10 kHz."""
    samples, rate = decoded("pink-noise")
    assert abs(octave_slope_db(join_tail(samples), rate) + 3) <= 0.3


def test_brown_noise_falls_6_db_per_octave():
    """Brown noise: -6 +- 0.3 dB per octave between 50 Hz and 10 kHz."""
    samples, rate = decoded("brown-noise")
    assert abs(octave_slope_db(join_tail(samples), rate) + 6) <= 0.3


def test_ocean_waves_arrive_about_every_ten_seconds():
    """The ocean's strongest level modulation lies between 0.07 and 0.15 Hz."""
    samples, rate = decoded("ocean")
    assert 0.07 <= strongest_modulation_hz(join_tail(samples), rate) <= 0.15


def test_same_seed_gives_the_same_samples():
    """Synthesis is deterministic: rendering twice gives identical PCM."""
    spec = LIBRARY[2]
    assert np.array_equal(render(spec, seed=7), render(spec, seed=7))
    assert not np.array_equal(render(spec, seed=7), render(spec, seed=8))


def test_a_catalog_entry_without_its_file_names_line_and_field(tmp_path):
    """A catalog pointing at a missing file says which entry and which field."""
    catalog = tmp_path / "catalog.toml"
    catalog.write_text('format = 1\n\n[[sound]]\nid = "x"\nname = "X"\nfile = "gone.ogg"\n')
    with pytest.raises(CatalogError, match=r"catalog.toml, line 3: file: gone.ogg is missing"):
        load_catalog(catalog)


def test_pygame_decodes_every_file():
    """The real pygame mixer (SDL dummy driver) loads each file at its full length."""
    import pygame.mixer

    pygame.mixer.init(frequency=RATE, size=-16, channels=2)
    try:
        for sound in CATALOG:
            length = pygame.mixer.Sound(str(sound.path)).get_length()
            samples, rate = decoded(sound.id)
            assert abs(length - len(samples) / rate) < 0.01, sound.id
    finally:
        pygame.mixer.quit()
