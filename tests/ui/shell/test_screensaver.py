"""Keeping the screen awake: the freedesktop ScreenSaver inhibit, over a real private D-Bus."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading

import pytest

from companion.desktop.screensaver import PATH, SERVICE, ScreenSaverInhibitor

pytestmark = pytest.mark.skipif(shutil.which("dbus-daemon") is None and not os.environ.get("CI"),
                                reason="dbus-daemon is not installed")


@pytest.fixture
def session_bus(monkeypatch):
    """A private session bus (a real dbus-daemon) for this test."""
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, text=True)
    address = daemon.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    daemon.terminate()
    daemon.wait(timeout=30)
    daemon.stdout.close()


class ScreenSaverStandIn:
    """Answers Inhibit and UnInhibit on the bus as a desktop's screensaver would, and notes them.
    (No real screensaver runs on a headless machine.)"""

    def __init__(self):
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.calls: list[tuple[str, tuple]] = []
        self.connection = open_dbus_connection(bus="SESSION")
        self.connection.send_and_get_reply(message_bus.RequestName(SERVICE), timeout=5)
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        from jeepney import HeaderFields, MessageType, new_method_return

        while not self.done.is_set():
            try:
                message = self.connection.receive(timeout=0.2)
            except TimeoutError:
                continue
            except OSError:
                return
            header = message.header
            if header.message_type is not MessageType.method_call:
                continue
            if header.fields.get(HeaderFields.path) != PATH:
                continue
            member = header.fields.get(HeaderFields.member)
            self.calls.append((member, tuple(message.body)))
            if member == "Inhibit":
                self.connection.send(new_method_return(message, "u", (4242,)))
            elif member == "UnInhibit":
                self.connection.send(new_method_return(message))

    def stop(self):
        self.done.set()
        self.thread.join(timeout=5)
        self.connection.close()


@pytest.fixture
def screensaver(session_bus):
    stand_in = ScreenSaverStandIn()
    yield stand_in
    stand_in.stop()


def test_inhibit_and_release_go_over_dbus(screensaver):
    """A session asks the screensaver not to blank, and gives the cookie back at the end."""
    inhibitor = ScreenSaverInhibitor()
    assert inhibitor.inhibit("A breathing session is running")
    assert inhibitor.active
    inhibitor.uninhibit()
    assert not inhibitor.active
    assert screensaver.calls == [("Inhibit", ("Companion", "A breathing session is running")),
                                 ("UnInhibit", (4242,))]


def test_without_a_screensaver_service_it_carries_on_quietly(session_bus):
    """On a bus with no screensaver, inhibit answers False and nothing is raised."""
    inhibitor = ScreenSaverInhibitor()
    assert inhibitor.inhibit("A breathing session is running") is False
    inhibitor.uninhibit()  # nothing to give back; still no error


def test_without_any_session_bus_it_carries_on_quietly(monkeypatch):
    """With no session bus at all (a bare console), inhibit answers False."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert ScreenSaverInhibitor().inhibit("x") is False


def test_a_breathing_session_keeps_the_screen_awake_until_it_stops(screensaver, make_app, qtbot):
    """Starting a session inhibits the screensaver; stopping it releases the inhibit."""
    app = make_app(audio_opener=lambda: "sound off in this test")
    app.show("breathe", start=True, background=False)
    qtbot.waitUntil(lambda: ("Inhibit", ("Companion", "A breathing session is running"))
                    in screensaver.calls, timeout=10_000)
    app.window.page("breathe").stop()
    qtbot.waitUntil(lambda: ("UnInhibit", (4242,)) in screensaver.calls, timeout=10_000)
