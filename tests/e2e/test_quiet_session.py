"""A short quiet session in a real X window under Xvfb: picker, making the space, check-in, a
grounding step, writing, check-out and summary, with a real screenshot (ImageMagick `import`) of
each, checked to be a dim, non-blank picture."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from test_real_window import image_stats, x_env  # tests/e2e is on sys.path (rootdir-less)

pytestmark = pytest.mark.e2e

FLOWS = """format = 1

[[flow]]
id = "e2e-short"
title = "A short one"
summary = "Grounding, then a few words."

[[flow.step]]
kind = "close"
grounding = true

[[flow.step]]
kind = "express"
minutes = 1
"""

PROBE = textwrap.dedent('''
    import json, subprocess, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from companion.clock import SystemClock
    from companion.paths import resolve_paths
    from companion.ui.app import CompanionApp

    out = Path(sys.argv[1])
    qapp = QApplication([])
    app = CompanionApp(qapp, resolve_paths(), SystemClock(), tray_enabled=False,
                       audio_opener=lambda: "no sound device in this test")
    app.show("session", start=False, background=False)
    page = app.window.page("session")
    shots = []

    def shot(name):
        qapp.processEvents()
        path = out / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True, timeout=60)
        shots.append([name, str(path), page.stack.currentWidget().objectName() or
                      type(page.stack.currentWidget()).__name__])

    def steps():
        page.flow_list.setCurrentRow([f.id for f in page.flows].index("e2e-short"))
        shot("1-picker")
        page.begin_button.click(); shot("2-space")
        page.ready_button.click(); page.checkin.distress.setValue(6); shot("3-check-in")
        page.checkin.continue_button.click(); shot("4-grounding")
        page.here_done.click(); page.writing.setPlainText("A few words, just for now.")
        shot("5-writing")
        page.here_done.click(); page.checkin.distress.setValue(4); shot("6-check-out")
        page.checkin.continue_button.click(); shot("7-summary")
        print(json.dumps({"shots": shots, "summary": page.summary_text.text(),
                          "stage": page.run.stage.value}), flush=True)
        app.quit()

    app.window.first_paint.connect(lambda: QTimer.singleShot(500, steps))
    QTimer.singleShot(60000, qapp.quit)
    qapp.exec()
''')


def test_a_short_session_in_a_real_window(xvfb_display, isolated_home, tmp_path):
    (isolated_home / "config").mkdir(parents=True, exist_ok=True)
    (isolated_home / "config" / "session-flows.toml").write_text(FLOWS)
    (isolated_home / "config" / "settings.toml").write_text(
        '[app]\nwelcome_seen = true\n[appearance]\nappearance = "dark"\n')
    env = x_env(xvfb_display, isolated_home)
    done = subprocess.run(["dbus-run-session", "--", sys.executable, "-c", PROBE, str(tmp_path)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["stage"] == "done"
    assert "Distress before: 6 of 10. After: 4." in result["summary"]
    assert [name for name, _path, _view in result["shots"]] == [
        "1-picker", "2-space", "3-check-in", "4-grounding", "5-writing", "6-check-out",
        "7-summary"]
    for _name, path, _view in result["shots"]:
        mean, spread = image_stats(tmp_path / path.rsplit("/", 1)[1])
        assert mean < 0.4 and spread > 0.02, (path, mean, spread)
