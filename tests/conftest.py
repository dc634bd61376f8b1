"""Shared test setup: headless Qt and SDL, isolated folders, and no timer left running."""

from __future__ import annotations

import os
import shutil

# Set before anything imports Qt or pygame.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from pathlib import Path

import pytest

from companion.clock import FakeClock
from companion.journal.keys import Keys
from companion.journal.opening import create_vault
from companion.journal.vault import Vault
from companion.paths import Paths, resolve_paths


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own COMPANION_HOME and XDG folders; real user folders are never touched."""
    home = tmp_path / "companion-home"
    monkeypatch.setenv("COMPANION_HOME", str(home))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var.lower()))
    return home


@pytest.fixture
def paths(isolated_home: Path) -> Paths:
    """The app's folders for this test."""
    return resolve_paths(isolated_home)


def active_qtimers() -> list:
    """Active QTimers owned by the application or any live widget."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return []
    owners = [app, *QApplication.allWidgets()]
    return list({timer for owner in owners for timer in owner.findChildren(QTimer)
                 if timer.isActive()})


@pytest.fixture
def find_active_qtimers():
    """The dangling-timer guard's own search, for testing that it can fail."""
    return active_qtimers


@pytest.fixture(autouse=True)
def no_dangling_qtimers(request: pytest.FixtureRequest):
    """Fail a test that leaves an active QTimer owned by a widget or the application."""
    yield
    if "qapp" not in request.fixturenames:
        return
    active = active_qtimers()
    for timer in active:
        timer.stop()
    assert not active, f"test left {len(active)} QTimer(s) running: " + ", ".join(
        f"{t.objectName() or 'unnamed'} on {type(t.parent()).__name__}" for t in active)


def companion_command() -> list[str]:
    """The installed `companion` script of this environment, else `python -m companion`."""
    import sys

    script = Path(sys.executable).with_name("companion")
    return [str(script)] if script.exists() else [sys.executable, "-m", "companion"]


class RunningApp:
    """A real Companion process started by a test, with helpers to wait on its output."""

    def __init__(self, proc):
        self.proc = proc

    def wait_for_line(self, text: str, timeout: float = 30.0) -> str:
        """Block until the process prints a line containing text (selectors, no sleeping)."""
        import selectors
        import time

        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            while (left := deadline - time.monotonic()) > 0:
                if not sel.select(left):
                    break
                line = self.proc.stdout.readline()
                if not line:
                    break
                if text in line:
                    return line
        raise AssertionError(f"process never printed {text!r} (exit code {self.proc.poll()})")

    def terminate(self, timeout: float = 30.0) -> int:
        """SIGTERM, then wait for the exit code."""
        self.proc.terminate()
        return self.proc.wait(timeout=timeout)


@pytest.fixture
def launch_app(isolated_home: Path):
    """Start real `companion` processes on this test's home; all are killed after the test."""
    import subprocess

    started: list[subprocess.Popen] = []

    def launch(*args: str, env: dict | None = None, prefix: tuple[str, ...] = ()) -> RunningApp:
        full_env = {**os.environ, "COMPANION_HOME": str(isolated_home), **(env or {})}
        proc = subprocess.Popen([*prefix, *companion_command(), *args], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, env=full_env)
        started.append(proc)
        return RunningApp(proc)

    yield launch
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        if proc.stdout:
            proc.stdout.close()


@pytest.fixture
def companion_cmd() -> list[str]:
    """The command that starts the installed app."""
    return companion_command()


# --- one real journal vault per test session (creating it runs scrypt, about 2 s) -----------------
PASSPHRASE = "a quiet harbour at dusk"


@pytest.fixture(scope="session")
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture(scope="session")
def template_vault(tmp_path_factory) -> tuple[Path, Keys]:
    folder = tmp_path_factory.mktemp("template") / "journal"
    vault = create_vault(folder, PASSPHRASE, FakeClock())
    assert vault.keys is not None
    return folder, vault.keys


@pytest.fixture
def vault(template_vault, tmp_path) -> Vault:
    """An unlocked copy of the session's vault, in this test's own folder."""
    source, keys = template_vault
    folder = tmp_path / "journal"
    shutil.copytree(source, folder)
    return Vault(folder, keys, FakeClock())


@pytest.fixture(scope="session")
def natural_voice_set(tmp_path_factory) -> Path:
    """The whole built-in set rendered in the natural voice by `companion voice render` for a
    fresh home, once per test session (about half a minute); returns that home's voice cache."""
    from companion.cli import main as cli_main
    from companion.relax.voice import natural_voice_installed

    home = tmp_path_factory.mktemp("voice-home")
    assert natural_voice_installed(), "the test extra installs piper-tts and the joe voice"
    assert cli_main(["--home", str(home), "voice", "render"]) == 0
    return home / "cache" / "voice"
