"""The journal's words leave the clipboard and the primary selection when it locks, as a second X
client (xclip) sees them; the recovery key is offered as a secret and taken back. A real X
server (Xvfb), a real Qt window, a real clipboard."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.e2e.conftest import require_tools

pytestmark = pytest.mark.e2e

SCRIPT = r"""
import subprocess, sys, threading
from pathlib import Path
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication
from companion.clock import FakeClock
from companion.journal.entry import Entry
from companion.journal.keys import Keys
from companion.journal.vault import Vault
from companion.settings import Settings, SettingsStore
from companion.ui.journal.page import JournalPage
from companion.ui.shell.settings_model import SettingsModel

app = QApplication([])
folder, key = Path(sys.argv[1]), sys.argv[2]
clock = FakeClock()
store = SettingsStore(folder.parent / "settings.toml", clock)
page = JournalPage(SettingsModel(store, Settings(welcome_seen=True)), clock, folder, [])
page.resize(900, 700)
page.show()
vault = Vault(folder, Keys.from_recovery_key(key), clock)
page._opened(vault, vault.read_all())


def xclip(selection, *extra):
    # a second X client reads while this one's event loop serves the selection
    result = {}
    def run():
        done = subprocess.run(["xclip", "-o", "-selection", selection, *extra],
                              capture_output=True, text=True, timeout=20)
        result["text"] = done.stdout if done.returncode == 0 else ""
    thread = threading.Thread(target=run)
    thread.start()
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if not thread.is_alive() else None)
    timer.start(20)
    loop.exec()
    timer.stop()
    return result["text"]


entry = page.new_entry("Private")
page.editor.body.setPlainText("canary-c1ip what I told nobody")
page.editor.body.setFocus()
body = page.editor.body
QTest.keyClick(body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
for _ in range(6):  # Shift+Left selects, which sets the primary selection (X11)
    QTest.keyClick(body, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
QTest.keyClick(body, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)  # cut: the clipboard
app.processEvents()
print("before", repr(xclip("clipboard")), repr(xclip("primary")), flush=True)
page.lock("test")
app.processEvents()
print("after", repr(xclip("clipboard")), repr(xclip("primary")), flush=True)

page.clipboard.copy_secret("AGE-SECRET-KEY-1TEST")
app.processEvents()
targets = xclip("clipboard", "-t", "TARGETS").split()
print("secret", repr(xclip("clipboard")), "x-kde-passwordManagerHint" in targets, flush=True)
page.clipboard.secret_timer.timeout.emit()  # the minute is up
app.processEvents()
print("taken", repr(xclip("clipboard")), flush=True)
"""


def test_locking_empties_the_clipboard_and_the_primary_selection(xvfb_display, vault, tmp_path):
    require_tools()
    if shutil.which("xclip") is None:
        message = "xclip missing (.ci/run installs it)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    folder = vault.folder
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(folder), vault.keys.recovery_key],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert lines["before"] == "'nobody' 'nobody'"  # both held the journal's words
    assert lines["after"] == "'' ''"
    assert lines["secret"] == "'AGE-SECRET-KEY-1TEST' True"
    assert lines["taken"] == "''"
