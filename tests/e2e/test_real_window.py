"""The installed app in a real X window under Xvfb, inside its own D-Bus session."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from companion.clock import SystemClock
from companion.settings import Settings, SettingsStore

pytestmark = pytest.mark.e2e


@pytest.fixture
def seen_welcome(isolated_home: Path) -> None:
    """A home whose welcome was already seen, so the window is shown alone."""
    SettingsStore(isolated_home / "config" / "settings.toml", SystemClock()).save(
        Settings(welcome_seen=True))


def x_env(display: str, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, COMPANION_HOME=str(home), QT_QPA_PLATFORM="xcb")
    return env


def image_stats(png: Path) -> tuple[float, float]:
    """Mean brightness and standard deviation (0..1) of a screenshot, from ImageMagick."""
    out = subprocess.run(["convert", str(png), "-colorspace", "Gray", "-format",
                          "%[fx:mean] %[fx:standard_deviation]", "info:"],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    mean, spread = map(float, out.split())
    return mean, spread


def wait_for_window(env: dict[str, str], title: str) -> str:
    """Block until a visible window with this exact title is mapped; return its X id."""
    found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", f"^{title}$"],
                           env=env, capture_output=True, text=True, timeout=60, check=True)
    return found.stdout.split()[0]


def window_pid(env: dict[str, str], window_id: str) -> int:
    """The app's own pid (dbus-run-session does not pass signals on to its child)."""
    out = subprocess.run(["xdotool", "getwindowpid", window_id], env=env, capture_output=True,
                         text=True, timeout=30, check=True).stdout
    return int(out)


@pytest.fixture
def x_session(xvfb_display, isolated_home, launch_app):
    """The installed app on the Xvfb display inside its own D-Bus session; yields (app, env)."""
    env = x_env(xvfb_display, isolated_home)
    return launch_app("--verbose", env=env, prefix=("dbus-run-session", "--")), env


def saved_settings(home: Path):
    return SettingsStore(home / "config" / "settings.toml", SystemClock()).load()


def test_installed_app_maps_a_real_window_and_exits_cleanly(seen_welcome, x_session, isolated_home,
                                                           tmp_path):
    """The window maps on a real X server, shows a dim non-blank page, and SIGTERM saves and exits 0."""
    app, env = x_session
    app.wait_for_line("companion: window painted")
    window_id = wait_for_window(env, "Companion")
    shot = tmp_path / "window.png"
    subprocess.run(["import", "-window", window_id, str(shot)], env=env, check=True,
                   timeout=60, capture_output=True)
    mean, spread = image_stats(shot)
    keep = os.environ.get("COMPANION_SCREENSHOT_DIR")
    if keep:
        shutil.copy(shot, Path(keep) / "e2e-window.png")
    assert spread > 0.02, "the screenshot is a flat colour: nothing was drawn"
    assert mean < 0.5, "with no system colour scheme the window should use the dim Evening palette"
    os.kill(window_pid(env, window_id), signal.SIGTERM)
    assert app.proc.wait(timeout=60) == 0
    saved = saved_settings(isolated_home)
    assert saved.notices == []
    assert saved.settings.last_page == "home"


def test_first_run_welcome_maps_over_the_window(x_session, isolated_home):
    """On a fresh home the welcome dialog appears as its own window over the main one."""
    app, env = x_session
    welcome = wait_for_window(env, "Welcome to Companion")
    os.kill(window_pid(env, welcome), signal.SIGTERM)
    assert app.proc.wait(timeout=60) == 0
    assert not saved_settings(isolated_home).settings.welcome_seen, (
        "closing by signal is not the user closing the welcome")
