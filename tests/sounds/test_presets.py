"""Sound mix presets: built-ins and the user's own."""

from pathlib import Path

import pytest

from companion.clock import FakeClock
from companion.sounds.catalog import load_catalog
from companion.sounds.presets import (
    PresetError,
    UserPresetStore,
    load_builtin_presets,
    make_preset,
)

KNOWN = {sound.id for sound in load_catalog()}


def test_builtin_presets_are_rainy_night_seaside_and_fireside():
    """The three promised mixes exist and use only sounds from the library."""
    presets = load_builtin_presets(KNOWN)
    assert [p.name for p in presets] == ["Rainy night", "Seaside", "Fireside"]
    assert all(set(p.volumes) <= KNOWN for p in presets)


@pytest.fixture
def store(tmp_path: Path) -> UserPresetStore:
    return UserPresetStore(tmp_path / "config" / "sound-presets.toml", FakeClock(), KNOWN)


def test_user_presets_save_and_load_back(store):
    """A saved mix comes back with the same name and volumes."""
    mine = make_preset(store.new_id(), "Late study", {"rain": 0.4, "bowl": 0.1}, KNOWN)
    store.save([mine])
    assert store.load().presets == [mine]


@pytest.mark.parametrize(("volumes", "field"), [
    ({}, "volumes"), ({"thunder": 0.5}, "volumes.thunder"), ({"rain": 1.5}, "volumes.rain"),
    ({"rain": True}, "volumes.rain")])
def test_bad_mixes_are_refused_naming_the_field(volumes, field):
    """An empty mix, an unknown sound or a volume out of range is refused, naming the field."""
    with pytest.raises(PresetError) as error:
        make_preset("x", "Mine", volumes, KNOWN)
    assert error.value.field == field


def test_a_damaged_presets_file_is_kept_aside(store):
    """Unreadable TOML is moved aside with a notice; no user mixes load."""
    store.path.parent.mkdir(parents=True)
    store.path.write_text("[[preset]\n")
    result = store.load()
    assert result.presets == [] and "kept at" in result.notices[0]
    assert not store.path.exists()


def test_one_bad_mix_leaves_the_others(store):
    """A mix naming a sound that does not exist is left out with a notice; the rest load."""
    store.path.parent.mkdir(parents=True)
    store.path.write_text('format = 1\n[[preset]]\nid = "a"\nname = "Good"\n'
                          'volumes = { rain = 0.5 }\n[[preset]]\nid = "b"\nname = "Bad"\n'
                          'volumes = { thunder = 0.5 }\n')
    result = store.load()
    assert [p.name for p in result.presets] == ["Good"]
    assert "line 6 (volumes.thunder: there is no such sound)" in result.notices[0]
