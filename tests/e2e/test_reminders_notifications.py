"""A reminder through a real notification server: Xvfb, a private D-Bus session and dunst. The
app sends a reminder; dbus-monitor sees the Notify call with its summary, body and actions; the
"Start" action is invoked (the test emits ActionInvoked, as dunst would) and Breathe opens."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

# Both probes: the app on the offscreen platform in a fresh home, and its reminder service.
START_APP = textwrap.dedent('''
    import json, os, subprocess, sys, tempfile, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from companion.clock import SystemClock
    from companion.paths import resolve_paths
    from companion.settings import Settings, SettingsStore
    from companion.ui.app import CompanionApp

    def start_app():
        qapp = QApplication([])
        paths = resolve_paths(tempfile.mkdtemp())
        SettingsStore(paths.settings_file, SystemClock()).save(Settings(welcome_seen=True))
        app = CompanionApp(qapp, paths, SystemClock(), tray_enabled=False,
                           audio_opener=lambda: "no sound device in this test")
        app.show("home", start=False, background=False)
        return qapp, app, app.reminder_service()
''')

PROBE = START_APP + textwrap.dedent('''

    monitor = subprocess.Popen(["dbus-monitor", "--session",
                                "interface='org.freedesktop.Notifications'"],
                               stdout=open(sys.argv[1], "w"), stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    qapp, app, service = start_app()
    result = {}

    def routed(route):
        result["route"] = route
        nid = max(service.sent)
        result["id"] = nid
        subprocess.run(["dbus-send", "--session", "--type=signal",
                        "/org/freedesktop/Notifications",
                        "org.freedesktop.Notifications.ActionInvoked",
                        f"uint32:{nid}", "string:default"], check=True)

    def opened(page, start):
        result["opened"] = [page, start]
        QTimer.singleShot(200, finish)

    def finish():
        result["page"] = app.window.current_page_id()
        result["running"] = app.window.page("breathe").is_running()
        app.quit()

    service.routed.connect(routed)
    service.open_requested.connect(opened)
    QTimer.singleShot(300, service.send_test)
    QTimer.singleShot(20000, qapp.quit)
    qapp.exec()
    monitor.terminate()
    print(json.dumps(result))
''')

SESSION = '''
Xvfb "$DISPLAY" -screen 0 800x600x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for i in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
dunst >/dev/null 2>&1 &
dunst=$!
for i in $(seq 50); do dunstctl is-paused >/dev/null 2>&1 && break; sleep 0.1; done
"$PYTHON" -c "$PROBE" "$LOG"
code=$?
"$PYTHON" -m companion reminders test > "$LOG.cli" 2>&1 || code=$?
kill $dunst $xvfb
exit $code
'''


def test_start_on_a_real_notification_opens_breathe(tmp_path):
    needed = ("Xvfb", "dunst", "dunstctl", "dbus-run-session", "dbus-monitor", "dbus-send",
              "xdpyinfo")
    missing = [tool for tool in needed if shutil.which(tool) is None]
    if missing:
        message = f"missing {', '.join(missing)} (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    log = tmp_path / "dbus-monitor.txt"
    env = {**os.environ, "DISPLAY": f":{300 + os.getpid() % 500}", "PROBE": PROBE, "LOG": str(log),
           "PYTHON": sys.executable, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run(["dbus-run-session", "--", "bash", "-c", SESSION], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["route"].startswith("desktop notification (dunst")
    assert result["opened"] == ["breathe", True]
    assert result["page"] == "breathe" and result["running"]
    cli = (tmp_path / "dbus-monitor.txt.cli").read_text()
    assert cli.startswith("delivered as a desktop notification through dunst")
    assert "with Start and Snooze" in cli
    seen = log.read_text()
    assert 'member=Notify' in seen
    assert 'string "A moment to breathe"' in seen
    assert 'string "This is how a Companion reminder looks.' in seen
    for action in ('string "default"', 'string "start"', 'string "Start"', 'string "snooze"',
                   'string "Snooze"'):
        assert action in seen


WAIT_PROBE = START_APP + textwrap.dedent('''

    # A full-screen window of another program, under a real window manager (openbox). It says
    # its window id once it has the focus; then the root window is watched (xprop -spy prints
    # each change) until openbox names it the active window, which is what the app reads (no
    # fixed wait: a busy machine took longer, and the focus can come before the root says so).
    other = subprocess.Popen([sys.executable, "-c",
        "from PySide6.QtWidgets import QApplication, QWidget\\n"
        "a = QApplication([]); w = QWidget()\\n"
        "a.focusWindowChanged.connect(lambda win: win is not None and print(int(w.winId()), flush=True))\\n"
        "w.showFullScreen(); a.exec()"],
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"}, stdout=subprocess.PIPE, text=True)
    window = int(other.stdout.readline())
    spy = subprocess.Popen(["xprop", "-root", "-spy", "_NET_ACTIVE_WINDOW"],
                           stdout=subprocess.PIPE, text=True)
    for line in spy.stdout:  # "_NET_ACTIVE_WINDOW(WINDOW): window id # 0x400007"
        if line.strip().endswith(hex(window)):
            break
    spy.terminate()
    spy.wait()
    qapp, app, service = start_app()
    routes = []

    def routed(route):
        routes.append(route)
        if len(routes) == 1:  # held back by the full-screen window: close it, look again
            other.terminate()
            other.wait()
            subprocess.run(["dunstctl", "set-paused", "true"], check=True)
            QTimer.singleShot(500, service.recheck)
        elif len(routes) == 2:  # held back by do-not-disturb: end it, look again
            subprocess.run(["dunstctl", "set-paused", "false"], check=True)
            QTimer.singleShot(500, service.recheck)
        else:
            app.quit()

    service.routed.connect(routed)
    QTimer.singleShot(300, service.send_test)
    QTimer.singleShot(30000, qapp.quit)
    qapp.exec()
    print(json.dumps(routes))
''')


def test_reminders_wait_for_full_screen_and_do_not_disturb(tmp_path):
    """With openbox managing a full-screen window the reminder waits; then dunst's pause holds
    it; once both end it is delivered, once."""
    needed = ("Xvfb", "dunst", "dunstctl", "dbus-run-session", "openbox", "xprop", "xdpyinfo")
    missing = [tool for tool in needed if shutil.which(tool) is None]
    if missing:
        message = f"missing {', '.join(missing)} (.ci/run installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    session = SESSION.replace('dunst >/dev/null 2>&1 &', 'openbox >/dev/null 2>&1 &\nwm=$!\n'
                              'dunst >/dev/null 2>&1 &').replace(
        'kill $dunst $xvfb', 'kill $dunst $wm $xvfb').replace(
        '"$PYTHON" -m companion reminders test > "$LOG.cli" 2>&1 || code=$?', '')
    env = {**os.environ, "DISPLAY": f":{300 + (os.getpid() + 7) % 500}", "PROBE": WAIT_PROBE,
           "LOG": str(tmp_path / "monitor.txt"), "PYTHON": sys.executable,
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run(["dbus-run-session", "--", "bash", "-c", session], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    routes = json.loads(done.stdout.strip().splitlines()[-1])
    assert routes[0] == "wait (a full-screen window is active)"
    assert routes[1] == "wait (do not disturb is on)"
    assert routes[2].startswith("desktop notification (dunst") and len(routes) == 3
