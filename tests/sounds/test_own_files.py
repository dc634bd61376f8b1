"""Your own sound files, as a list kept in the config folder."""

from pathlib import Path

from companion.clock import FakeClock
from companion.sounds.own_files import OwnSoundStore, files_in, own_sound, supported


def test_the_formats_pygame_decodes_are_accepted():
    """OGG, WAV, FLAC and MP3 are accepted, in any letter case; other files are not."""
    assert all(supported(Path(f"a.{ext}")) for ext in ("ogg", "WAV", "flac", "mp3"))
    assert not supported(Path("notes.txt"))


def test_adding_skips_repeats_and_names_refusals(tmp_path: Path):
    """The same file twice is added once; an unsupported file is named, not added."""
    song = tmp_path / "song.mp3"
    current = [own_sound(song)]
    added, refused = OwnSoundStore.add(current, [song, tmp_path / "b.flac", tmp_path / "x.doc"])
    assert [s.path.name for s in added] == ["song.mp3", "b.flac"] and refused == ["x.doc"]


def test_a_folder_gives_its_sound_files_in_order(tmp_path: Path):
    """Adding a folder finds the sound files in it and its subfolders, in name order."""
    (tmp_path / "sub").mkdir()
    for name in ("b.ogg", "a.wav", "sub/c.mp3", "cover.jpg"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in files_in(tmp_path)] == ["a.wav", "b.ogg", "c.mp3"]


def test_the_list_is_saved_and_read_back(tmp_path: Path):
    """The list of files survives a restart; ids stay the same."""
    store = OwnSoundStore(tmp_path / "my-sounds.toml", FakeClock())
    song = tmp_path / "song.ogg"
    song.write_bytes(b"x")
    store.save([own_sound(song)])
    loaded, notices = store.load()
    assert loaded == [own_sound(song)] and notices == []


def test_a_damaged_list_is_kept_aside(tmp_path: Path):
    """A list that cannot be read is moved aside with a notice saying how to add files again."""
    store = OwnSoundStore(tmp_path / "my-sounds.toml", FakeClock())
    store.path.write_text("files = [")
    loaded, notices = store.load()
    assert loaded == [] and "Add your own" in notices[0] and not store.path.exists()
