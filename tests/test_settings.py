"""Settings: typed, TOML, versioned, saved atomically, recovered kindly."""

from dataclasses import replace
from pathlib import Path

import pytest

from companion import settings as settings_module
from companion.clock import FakeClock
from companion.settings import SCHEMA_VERSION, Settings, SettingsStore


def write(store: SettingsStore, content: str | bytes) -> None:
    """Put a settings file in place as an earlier run (or a stray editor) left it."""
    store.path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        store.path.write_bytes(content)
    else:
        store.path.write_text(content)


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "config" / "settings.toml", FakeClock())


def test_missing_file_gives_defaults_quietly(store):
    """The first run has no file: defaults, and nothing to tell the user."""
    result = store.load()
    assert result.settings == Settings()
    assert result.notices == []


def test_saved_settings_load_back_identical(store):
    """Whatever is saved is what the next start reads."""
    chosen = replace(Settings(), appearance="light", text_size=18, motion="reduce",
                     sounds_master=35, last_page="settings", window_maximized=True)
    store.save(chosen)
    assert store.load().settings == chosen


def test_file_records_schema_version(store):
    """The file carries its schema version for future migrations."""
    store.save(Settings())
    assert f"schema_version = {SCHEMA_VERSION}" in store.path.read_text()


def test_save_leaves_no_temp_files_and_is_private(store):
    """An atomic save leaves only settings.toml behind, readable by the user alone."""
    store.save(Settings())
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.toml"]
    assert store.path.stat().st_mode & 0o077 == 0


def test_damaged_file_is_kept_aside_with_a_notice(store):
    """Unparseable TOML is moved aside (not deleted), defaults are used, and the user is told where."""
    write(store, "appearance = [unclosed\n")
    result = store.load()
    assert result.settings == Settings()
    assert result.kept_copy is not None
    assert result.kept_copy.read_text() == "appearance = [unclosed\n"
    assert not store.path.exists()
    assert str(result.kept_copy) in result.notices[0]


def test_non_utf8_file_is_treated_as_damaged(store):
    """Bytes that are not text are kept aside like any other damage."""
    write(store, b"\xff\xfe\x00garbage")
    result = store.load()
    assert result.settings == Settings()
    assert result.kept_copy.read_bytes() == b"\xff\xfe\x00garbage"


def test_bad_values_fall_back_one_by_one(store):
    """A value out of range resets only that field; the rest of the user's choices survive."""
    write(store, 'schema_version = 1\n[appearance]\nappearance = "light"\n'
                          'text_size = 99\n[sounds]\nsounds_master = "loud"\n')
    result = store.load()
    assert result.settings.appearance == "light"
    assert result.settings.text_size == Settings().text_size
    assert result.settings.sounds_master == Settings().sounds_master
    assert "text size" in result.notices[0] and "sounds master" in result.notices[0]
    assert result.kept_copy is not None and result.kept_copy.exists()
    assert store.path.exists()


def test_a_bool_is_not_a_number(store):
    """TOML true where a number belongs is refused, though Python counts bools as ints."""
    write(store, "[sounds]\nsounds_master = true\n")
    assert store.load().settings.sounds_master == Settings().sounds_master


def test_unreadable_file_is_left_alone(store):
    """A settings path that cannot be read gives defaults and a notice, and is not moved."""
    store.path.mkdir(parents=True)  # a folder where the file should be: reading fails
    result = store.load()
    assert result.settings == Settings()
    assert "could not be read" in result.notices[0]
    assert store.path.is_dir()


def test_newer_schema_keeps_a_copy(store):
    """A file from a newer version is read as far as understood, and a copy is kept."""
    write(store, 'schema_version = 7\n[appearance]\nappearance = "dark"\n'
                          '[future]\nthing = 1\n')
    result = store.load()
    assert result.settings.appearance == "dark"
    assert "newer version" in result.notices[0]
    assert "[future]" in result.kept_copy.read_text()


def test_migration_hook_runs_for_older_files(store, monkeypatch):
    """A file at an older schema version passes through the registered migrations in order."""
    monkeypatch.setattr(settings_module, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(settings_module.MIGRATIONS, 1, lambda doc: {
        **doc, "appearance": {"appearance": doc["theme"]}, "schema_version": 2})
    write(store, 'schema_version = 1\ntheme = "light"\n')
    result = store.load()
    assert result.settings.appearance == "light"
    assert result.notices == []


def test_saving_invalid_settings_is_refused(store):
    """Invalid settings never reach the disk."""
    with pytest.raises(ValueError, match="text_size"):
        store.save(replace(Settings(), text_size=3))
    assert not store.path.exists()


def test_aside_copies_never_overwrite_each_other(store):
    """Two damaged files in the same second are both kept."""
    write(store, "= first")
    first = store.load().kept_copy
    store.path.write_text("= second")
    second = store.load().kept_copy
    assert first != second
    assert first.read_text() == "= first" and second.read_text() == "= second"
