"""The Linux launcher entry and start-at-login."""

import shutil
import subprocess
from pathlib import Path

import pytest

from companion.desktop.autostart import autostart_file, set_start_at_login, starts_at_login
from companion.desktop.desktop_entry import desktop_entry, install_desktop_entry
from companion.pages import PAGE_IDS


def test_every_page_but_home_is_a_desktop_action():
    """A launcher's right-click menu offers each page, opening it with --open."""
    text = desktop_entry(["/opt/companion/bin/companion"])
    for page in PAGE_IDS:
        if page != "home":
            assert f"[Desktop Action {page}]" in text
            assert f"Exec=/opt/companion/bin/companion --open {page}" in text


def test_breathe_now_action_starts_a_session():
    """The launcher's "Breathe now" opens Breathe and starts the default pattern at once."""
    text = desktop_entry(["companion"])
    assert "[Desktop Action breathe]\nName=Breathe now\nExec=companion --open breathe --start" in text


def test_paths_with_spaces_are_quoted():
    """An install path with a space still launches."""
    assert "Exec='/home/me/my apps/companion'" in desktop_entry(["/home/me/my apps/companion"])


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-utils is not installed")
def test_entry_passes_desktop_file_validate(tmp_path: Path):
    """The freedesktop validator accepts the generated entry."""
    written = install_desktop_entry(tmp_path, ["companion"])
    result = subprocess.run(["desktop-file-validate", str(written[0])],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_install_writes_entry_and_icon(tmp_path: Path):
    """Installing puts the .desktop file and the SVG icon where desktops look for them."""
    entry, icon = install_desktop_entry(tmp_path, ["companion"])
    assert entry == tmp_path / "applications" / "companion.desktop"
    assert icon.read_text().lstrip().startswith("<?xml")


def test_start_at_login_creates_and_removes_the_autostart_entry(tmp_path: Path):
    """Turning start-at-login on writes an autostart entry that starts quietly; off removes it."""
    set_start_at_login(tmp_path, True, ["companion"])
    assert starts_at_login(tmp_path)
    assert "Exec=companion --background" in autostart_file(tmp_path).read_text()
    set_start_at_login(tmp_path, False, ["companion"])
    assert not starts_at_login(tmp_path)


def test_on_windows_start_at_login_is_a_startup_folder_script(tmp_path: Path):
    """Windows runs every file in the Startup folder at login: a script that starts quietly."""
    set_start_at_login(tmp_path, True, ["C:\\Program Files\\Companion\\companion.exe"],
                       platform="win32")
    script = (tmp_path / "Companion.cmd").read_bytes()
    assert script == (b'@echo off\r\nstart "" "C:\\Program Files\\Companion\\companion.exe" '
                      b"--background\r\n")
    assert starts_at_login(tmp_path, platform="win32")
    set_start_at_login(tmp_path, False, [], platform="win32")
    assert not starts_at_login(tmp_path, platform="win32")


def test_on_macos_start_at_login_is_a_launch_agent(tmp_path: Path):
    import plistlib

    set_start_at_login(tmp_path, True, ["/usr/local/bin/companion"], platform="darwin")
    agent = plistlib.loads((tmp_path / "org.companion.Companion.plist").read_bytes())
    assert agent["ProgramArguments"] == ["/usr/local/bin/companion", "--background"]
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] is False


def test_each_platform_has_its_own_autostart_folder(tmp_path: Path):
    from companion.paths import autostart_folder

    windows = autostart_folder({"APPDATA": "C:\\Users\\sam\\AppData\\Roaming"}, "win32")
    assert windows.parts[-4:] == ("Windows", "Start Menu", "Programs", "Startup")
    assert autostart_folder({}, "darwin").parts[-2:] == ("Library", "LaunchAgents")
    assert autostart_folder({"XDG_CONFIG_HOME": str(tmp_path)}, "linux") == tmp_path / "autostart"
