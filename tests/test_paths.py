"""Where files live."""

from pathlib import Path

from companion.paths import resolve_paths


def test_explicit_home_wins_over_environment(tmp_path: Path):
    """--home beats COMPANION_HOME, and every folder sits under it."""
    paths = resolve_paths(tmp_path / "flag", {"COMPANION_HOME": str(tmp_path / "env")})
    assert paths.relocated
    for folder in (paths.config, paths.data, paths.cache, paths.logs, paths.autostart):
        assert folder.is_relative_to(tmp_path / "flag")


def test_environment_home_relocates_everything(tmp_path: Path):
    """COMPANION_HOME alone moves config, data, cache and logs."""
    paths = resolve_paths(None, {"COMPANION_HOME": str(tmp_path)})
    assert paths.settings_file == tmp_path / "config" / "settings.toml"
    assert paths.log_file.parent == tmp_path / "logs"


def test_platform_folders_without_home(monkeypatch, tmp_path: Path):
    """With no override the platform's folders are used, named after the app."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    paths = resolve_paths(None, {"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert not paths.relocated
    assert paths.config == tmp_path / "cfg" / "companion"
    assert paths.data == tmp_path / "share" / "companion"
    assert paths.autostart == tmp_path / "cfg" / "autostart"


def test_instance_key_differs_per_home(tmp_path: Path):
    """Two homes get two single-instance names, so tests and portable copies never collide."""
    first = resolve_paths(tmp_path / "a").instance_key()
    second = resolve_paths(tmp_path / "b").instance_key()
    assert first != second
    assert first == resolve_paths(tmp_path / "a").instance_key()
