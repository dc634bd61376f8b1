"""One window per home: two real processes."""

import subprocess

from companion.clock import SystemClock
from companion.settings import Settings, SettingsStore


def test_second_launch_hands_over_and_exits_zero(launch_app, paths, isolated_home):
    """A second launch passes --open to the running window, exits 0, and the first switches page."""
    first = launch_app("--verbose")
    first.wait_for_line("companion: ready")
    second = launch_app("--open", "settings")
    assert second.proc.wait(timeout=30) == 0
    assert first.proc.poll() is None, "the first window must keep running"
    assert first.terminate() == 0
    saved = SettingsStore(paths.settings_file, SystemClock()).load().settings
    assert saved.last_page == "settings"


def test_subcommands_work_while_the_window_runs(launch_app, isolated_home, companion_cmd):
    """`companion paths` answers while a window is open; it is not a second instance."""
    first = launch_app("--verbose")
    first.wait_for_line("companion: ready")
    result = subprocess.run([*companion_cmd, "paths"], capture_output=True, text=True,
                            timeout=30, check=False,
                            env={"COMPANION_HOME": str(isolated_home), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0
    assert str(isolated_home / "config") in result.stdout
    assert first.proc.poll() is None
    assert first.terminate() == 0


def test_a_stale_socket_from_a_crash_does_not_block_start(launch_app):
    """After a crash (SIGKILL) the next launch still opens a window instead of hanging up."""
    crashed = launch_app("--verbose")
    crashed.wait_for_line("companion: ready")
    crashed.proc.kill()
    crashed.proc.wait(timeout=30)
    again = launch_app("--verbose")
    again.wait_for_line("companion: ready")
    assert again.terminate() == 0


def test_sigterm_quits_cleanly_and_saves(launch_app, paths):
    """SIGTERM ends the app with exit code 0 and its settings written."""
    app = launch_app("--verbose", "--open", "settings")
    app.wait_for_line("companion: ready")
    assert app.terminate() == 0
    assert paths.settings_file.exists()


def test_breathe_now_from_a_second_launch_starts_in_the_running_window(launch_app, paths):
    """`companion --open breathe --start` reaches the open window, which starts a session there
    (the welcome was seen on an earlier day: on the very first launch it waits for the welcome)."""
    SettingsStore(paths.settings_file, SystemClock()).save(Settings(welcome_seen=True))
    first = launch_app("--verbose")
    first.wait_for_line("companion: ready")
    second = launch_app("--open", "breathe", "--start")
    assert second.proc.wait(timeout=30) == 0
    first.wait_for_line("companion: session started")  # once its cues are ready
    assert first.terminate() == 0
    log = paths.log_file.read_text()
    assert "request from another launch: page=breathe start=True" in log
    assert "breathing session started: resonance, 30 breaths" in log
